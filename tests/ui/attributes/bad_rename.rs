// a property name with a space
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(id = "tests/example@v1", name = "Example", block_type = "transformation")]
struct Example {
    /// The class of an object.
    #[block(rename = "class name")]
    class_name: String,
}

fn main() {}
