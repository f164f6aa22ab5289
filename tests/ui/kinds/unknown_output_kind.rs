// an output with an unknown built-in kind
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation",
    output(name = "count", kind = "int")
)]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
