// a misspelt field key gets a suggestion
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation"
)]
struct Example {
    /// The text to transform.
    #[block(exampels = ["a", "b"])]
    text: String,
}

fn main() {}
