// an identifier with upper-case letters
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/Example@v1",
    name = "Example",
    block_type = "transformation"
)]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
