// a struct without `block_type`
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(id = "tests/example@v1", name = "Example")]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
