// a key with `=` and nothing after it
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(id = "tests/example@v1", name = "Example", block_type = "transformation", icon =)]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
