// `default` holding an object with a bare key
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation"
)]
struct Example {
    /// Extra settings.
    #[block(default = { retries: 3 })]
    settings: std::collections::BTreeMap<String, u32>,
}

fn main() {}
