// a key written like a call instead of `key = value`
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation",
    icon("far fa-key")
)]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
