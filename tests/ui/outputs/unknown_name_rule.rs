// `dynamic_outputs` with an unknown name rule
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
    #[block(dynamic_outputs(kind = "secret", names = "uppercase"))]
    variables: Vec<String>,
}

fn main() {}
