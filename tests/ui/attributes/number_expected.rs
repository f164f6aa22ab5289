// `maximum` given a string
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
    #[block(maximum = "ten")]
    count: u32,
}

fn main() {}
