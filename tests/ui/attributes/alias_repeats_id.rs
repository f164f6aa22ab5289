// an alias equal to the identifier
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation",
    aliases = ["tests/example@v1"]
)]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
