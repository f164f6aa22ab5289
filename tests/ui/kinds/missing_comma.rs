// two kinds without a comma between them
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation"
)]
struct Example {
    /// The value to read.
    #[block(kind = ["string" "integer"])]
    value: block_core::Input<String>,
}

fn main() {}
