// a field renamed to the step's `type`
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation"
)]
struct Example {
    /// The kind of the value.
    #[block(rename = "type")]
    value_type: String,
}

fn main() {}
