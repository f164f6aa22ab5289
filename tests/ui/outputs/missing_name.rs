// an output without `name`
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation",
    output(kind = "boolean")
)]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
