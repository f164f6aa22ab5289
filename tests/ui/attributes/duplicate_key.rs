// a key given twice
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation",
    name = "Again"
)]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
