// a version written `@1` instead of `@v1`
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@1",
    name = "Example",
    block_type = "transformation"
)]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
