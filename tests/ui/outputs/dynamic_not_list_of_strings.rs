// `dynamic_outputs` on a field that is not `Vec<String>`
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation"
)]
struct Example {
    /// The variables to read.
    #[block(dynamic_outputs(kind = "secret"))]
    variables: Vec<u32>,
}

fn main() {}
