// a field key written on the struct
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation",
    rename = "other"
)]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
