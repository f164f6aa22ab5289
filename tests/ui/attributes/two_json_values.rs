// `default` given two values
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation"
)]
struct Example {
    /// How many times to repeat.
    #[block(default = 1 2)]
    count: u32,
}

fn main() {}
