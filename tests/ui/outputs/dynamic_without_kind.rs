// `dynamic_outputs` without `kind`
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
    #[block(dynamic_outputs(names = "lowercase"))]
    variables: Vec<String>,
}

fn main() {}
