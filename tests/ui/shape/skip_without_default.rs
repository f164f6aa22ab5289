// a skipped field whose type has no `Default`
use block_core::Block;

/// Opened at run time; has no `Default`.
#[derive(Debug)]
struct Connection;

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
    /// A connection opened at run time.
    #[block(skip)]
    connection: Connection,
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
