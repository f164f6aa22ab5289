//! `roboflow_core/first_non_empty_or_default@v1`: merges alternative
//! branches of a workflow into one value.

use block_core::{Block, Context, Inputs, Outputs, Ref, Run, RunError, Value};

/// Passes on the first of several values that is not empty, or a fallback when all of them are.
///
/// Conditional branches leave the outputs of the steps they skip empty
/// (`null`). This block joins such branches again: it looks at the
/// references in `data` in the order they are listed and passes on the first
/// value that is not `null`. When every one of them is `null`, it passes on
/// `default` instead.
///
/// ## Good to know
///
/// - Only `null` counts as empty: `0`, `false`, `""`, `[]` and `{}` are values
///   and are passed on.
/// - The block runs even when its inputs are empty, which is its purpose; the
///   steps after it get a value whenever `default` is not `null`.
/// - Reading stops at the first value that is not empty, so a reference
///   listed after it is never read.
/// - A value that came from a secret stays masked after passing through.
///
/// ## Example
///
/// With `data` set to `["$steps.primary.result", "$steps.fallback.result"]`
/// and `default` set to `"N/A"`, the output is the primary result when the
/// primary branch ran, the fallback result when only the fallback branch ran,
/// and `"N/A"` when neither did.
#[derive(Debug, Block)]
#[block(
    id = "roboflow_core/first_non_empty_or_default@v1",
    name = "First Non Empty Or Default",
    block_type = "formatter",
    license = "Apache-2.0",
    section = "advanced",
    icon = "fal fa-empty-set",
    ui = { "blockPriority": 7, "inDevelopment": true },
    engine = ">=1.3.0,<2.0.0",
    aliases = ["FirstNonEmptyOrDefault"],
    accepts_empty_values,
    output(name = "output", kind = "*")
)]
pub struct FirstNonEmptyOrDefault {
    /// References to look at, in order of preference: the first one that is not empty is passed on.
    #[block(
        kind = "*",
        min_items = 1,
        examples = [
            ["$steps.my_step.predictions"],
            ["$steps.branch_a.output", "$steps.branch_b.output"],
            ["$steps.primary.result", "$steps.fallback.result", "$steps.alternative.result"]
        ]
    )]
    pub data: Vec<Ref>,
    /// The value passed on when every reference in `data` is empty; any JSON value.
    #[block(default = null, examples = ["empty", "N/A", 0, null, [], {}])]
    pub default: serde_json::Value,
}

impl Run for FirstNonEmptyOrDefault {
    /// The first value of `data` that is not `null`, with its taint, else
    /// `default`.
    fn run(&self, inputs: &Inputs<'_>, _context: &Context) -> Result<Outputs, RunError> {
        for reference in &self.data {
            let value = reference.value(inputs)?;
            if !value.is_null() {
                return Ok(Outputs::new().with("output", value));
            }
        }
        Ok(Outputs::new().with("output", Value::json(self.default.clone())))
    }
}
