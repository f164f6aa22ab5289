// two outputs with one name
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation",
    output(name = "status", kind = "boolean"),
    output(name = "status", kind = "string")
)]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
