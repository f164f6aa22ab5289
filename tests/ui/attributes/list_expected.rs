// `examples` given one value instead of a list
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation"
)]
struct Example {
    /// The text to transform.
    #[block(examples = "hello")]
    text: String,
}

fn main() {}
