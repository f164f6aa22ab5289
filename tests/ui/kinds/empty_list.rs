// an empty kind list
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation"
)]
struct Example {
    /// The credential to use.
    #[block(kind = [])]
    api_key: block_core::Input<String>,
}

fn main() {}
