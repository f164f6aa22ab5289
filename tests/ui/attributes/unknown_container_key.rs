// a misspelt struct key gets a suggestion
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation",
    licence = "MIT"
)]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
