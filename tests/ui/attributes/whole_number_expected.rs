// a count given a negative number
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation"
)]
struct Example {
    /// The texts to transform.
    #[block(min_items = -1)]
    texts: Vec<String>,
}

fn main() {}
