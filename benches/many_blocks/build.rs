//! Writes the 250 block structs: five shapes of properties (references,
//! lists of references, maps, dynamic outputs, bounds and defaults) in
//! turn, each block with its own identifier, name and descriptions.

use std::fmt::Write as _;

/// How many block types to generate.
const COUNT: usize = 250;

/// The properties of each shape, as written in the struct.
const SHAPES: [&str; 5] = [
    r#"
    /// The text to work on.
    #[block(kind = ["string"], examples = ["$inputs.text", "hello"])]
    pub text: Input<String>,
    /// How many times to repeat it.
    #[block(minimum = 1, maximum = 100, examples = [3])]
    pub count: Option<u32>,
    /// Whether to shout.
    #[block(default = false)]
    pub loud: bool,
"#,
    r#"
    /// Names of the values to fetch; each becomes an output.
    #[block(min_items = 1, examples = [["A", "B"]], dynamic_outputs(kind = "secret", names = "lowercase"))]
    pub names: Vec<String>,
"#,
    r#"
    /// The values to pick from, in order.
    #[block(kind = "*", min_items = 1, examples = [["$steps.a.x", "$steps.b.y"]])]
    pub data: Vec<Ref>,
    /// The value when none is set.
    #[block(default = "none")]
    pub fallback: String,
"#,
    r#"
    /// Named values to combine.
    #[block(kind = "*", default = {}, examples = [{ "a": "$steps.a.x" }])]
    pub fields: BTreeMap<String, Input<serde_json::Value>>,
    /// The threshold to keep a value.
    #[block(kind = ["float_zero_to_one"], minimum = 0.0, maximum = 1.0, default = 0.5)]
    pub threshold: Input<f64>,
"#,
    r#"
    /// Where to send.
    #[block(kind = ["string", "secret"], examples = ["https://example.com"])]
    pub url: Input<String>,
    /// How many times to try.
    #[block(default = 3, minimum = 1, maximum = 10)]
    pub retries: u8,
    /// Headers to send.
    #[block(kind = ["string", "secret"], default = {})]
    pub headers: BTreeMap<String, Input<String>>,
"#,
];

fn main() {
    let mut source = String::new();
    for index in 0..COUNT {
        let shape = SHAPES[index % SHAPES.len()];
        let static_output = if index % SHAPES.len() == 1 {
            String::new()
        } else {
            format!(",\n    output(name = \"result_{index}\", kind = \"*\"),\n    output(name = \"error_status\", kind = \"boolean\")")
        };
        let _ = write!(
            source,
            r#"
/// Generated block number {index}, of shape {shape_no}.
///
/// ## How This Block Works
///
/// It is one of {COUNT} generated blocks that give the describe document a
/// registry of realistic size.
#[derive(Debug, Block)]
#[block(
    id = "bench/generated_{index}@v1",
    name = "Generated {index}",
    block_type = "formatter",
    section = "advanced"{static_output}
)]
pub struct Generated{index} {{{shape}}}

impl Run for Generated{index} {{
    fn run(&self, _inputs: &Inputs<'_>, _context: &Context) -> Result<Outputs, RunError> {{
        Ok(Outputs::new())
    }}
}}
"#,
            shape_no = index % SHAPES.len(),
        );
    }
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(format!("{out}/blocks.rs"), source).expect("OUT_DIR is writable");
}
