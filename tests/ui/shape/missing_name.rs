// a struct without `name`
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(id = "tests/example@v1", block_type = "transformation")]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
