// a struct key written on a field
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
    #[block(icon = "far fa-key")]
    text: String,
}

fn main() {}
