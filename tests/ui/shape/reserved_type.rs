// a raw-identifier field named like the step's `type`
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation"
)]
struct Example {
    /// The type of the value.
    r#type: String,
}

fn main() {}
