// an output without `kind`
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation",
    output(name = "status")
)]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
