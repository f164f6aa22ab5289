// `kind` on a field that takes no reference
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
    #[block(kind = "secret")]
    api_key: String,
}

fn main() {}
