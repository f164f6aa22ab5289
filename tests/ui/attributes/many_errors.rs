// several mistakes, all reported in one build
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "Example",
    nmae = "Example",
    block_type = "transformation",
    accepts_empty_values = 1
)]
struct Example {
    /// The texts to transform.
    #[block(min_items = "one", kind = "strin")]
    texts: block_core::Input<Vec<String>>,
    undocumented: bool,
}

fn main() {}
