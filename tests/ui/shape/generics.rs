// a block with a type parameter
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation"
)]
struct Example<T> {
    /// The value to transform.
    value: T,
}

fn main() {}
