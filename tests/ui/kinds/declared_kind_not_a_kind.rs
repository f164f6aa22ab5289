// a declared kind path naming something that is not a `Kind`
use block_core::Block;

/// Not a `Kind`: a bare name.
const TEMPERATURE: &str = "temperature";

/// Does one thing.
#[derive(Block)]
#[block(
    id = "tests/example@v1",
    name = "Example",
    block_type = "transformation"
)]
struct Example {
    /// The temperature to read.
    #[block(kind = TEMPERATURE)]
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
