// `ui` given a list instead of an object
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation",
    ui = ["blockPriority", 7]
)]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
