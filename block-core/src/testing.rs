//! Running one block without a workflow, for block authors' tests: give
//! the values its selectors read, run it, and look at its outputs.
//!
//! ```
//! use block_core::testing::Values;
//! use block_core::{Secret, Value};
//!
//! let values = Values::default()
//!     .with("$inputs.threshold", serde_json::json!(0.5))
//!     .with("$steps.vault.token", Value::secret(Some(Secret::new("s3cr3t"))));
//! ```

use std::collections::HashMap;

use crate::context::Context;
use crate::run::{Inputs, Outputs, Resolve, Run, RunError};
use crate::selector::Selector;
use crate::value::Value;

/// The values selectors read, by selector text; any other selector points
/// nowhere.
#[derive(Debug, Default, Clone)]
pub struct Values(HashMap<String, Value>);

impl Values {
    /// The same values, and `selector` holding `value`.
    #[must_use]
    pub fn with(mut self, selector: &str, value: impl Into<Value>) -> Self {
        self.0.insert(selector.to_owned(), value.into());
        self
    }

    /// Runs `block` on these values: its outputs, and whether it read a
    /// value computed from a secret (the engine then masks its outputs).
    pub fn run<B: Run>(&self, block: &B, context: &Context) -> Result<(Outputs, bool), RunError> {
        let inputs = Inputs::new(self);
        let outputs = block.run(&inputs, context)?;
        Ok((outputs, inputs.read_secret()))
    }
}

impl Resolve for Values {
    fn resolve(&self, selector: &Selector) -> Option<Value> {
        self.0.get(&selector.to_string()).cloned()
    }
}
