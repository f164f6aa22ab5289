// a flag given a value
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation",
    accepts_empty_values = true
)]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
