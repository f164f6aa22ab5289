// a struct without a doc comment
use block_core::Block;

#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation"
)]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
