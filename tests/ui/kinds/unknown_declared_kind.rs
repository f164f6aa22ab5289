// a declared kind whose path does not resolve
use block_core::Block;

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation"
)]
struct Example {
    /// The temperature to read.
    #[block(kind = units::TEMPERATURE)]
    reading: block_core::Ref<f64>,
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
