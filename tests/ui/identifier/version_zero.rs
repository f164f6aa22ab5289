// versions start at `@v1`
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v0",
    name = "Example",
    block_type = "transformation"
)]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
