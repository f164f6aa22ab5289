// an identifier without a namespace
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(id = "example@v1", name = "Example", block_type = "transformation")]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
