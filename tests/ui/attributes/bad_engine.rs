// `engine` that is not a semver range
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation",
    engine = "one point four"
)]
struct Example {
    /// The text to transform.
    text: String,
}

fn main() {}
