// a skipped field with a key that describes a property
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
    text: String,
    /// How often the block ran.
    #[block(skip, default = 0)]
    calls: u32,
}

impl block_core::Run for Example {
    fn run(
        &self,
        _inputs: &block_core::Inputs<'_>,
        _context: &block_core::Context,
    ) -> Result<block_core::Outputs, block_core::RunError> {
        Ok(block_core::Outputs::new())
    }
}

fn main() {}
