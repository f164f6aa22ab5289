// two fields renamed to one property
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation"
)]
struct Example {
    /// The first text.
    #[block(rename = "text")]
    first: String,
    /// The second text.
    #[block(rename = "text")]
    second: String,
}

fn main() {}
