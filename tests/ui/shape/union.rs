// a block derived on a union
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation"
)]
union Example {
    /// One way.
    one: u32,
}

fn main() {}
