// a struct without `id`
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(name = "Example", block_type = "transformation")]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
