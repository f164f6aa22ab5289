// `-` before something that is not a number
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
    #[block(default = -"a")]
    text: String,
}

fn main() {}
