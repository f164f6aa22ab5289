// a block derived on an enum
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation"
)]
enum Example {
    /// One way.
    One,
}

fn main() {}
