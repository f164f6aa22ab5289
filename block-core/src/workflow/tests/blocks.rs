//! Three small blocks written by hand (as the derive would write them), and
//! a block for a future engine, to exercise the engine.

use schemars::SchemaGenerator;
use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::context::{Context, EnvAccess};
use crate::input::{Input, Ref};
use crate::kind::builtin::{SECRET, STRING, WILDCARD};
use crate::manifest::{Block, Metadata, PropertySpec};
use crate::output::{NameRule, Output, OutputDecl, actual_outputs};
use crate::registry::{BlockType, Registry};
use crate::run::{Inputs, Outputs, Problem, Run, RunError};
use crate::secret::Secret;
use crate::value::Value;

const fn metadata(
    type_id: &'static str,
    engine: &'static str,
    accepts_empty_values: bool,
) -> Metadata {
    Metadata {
        type_id,
        aliases: &[],
        name: type_id,
        short_description: "A block for engine tests.",
        long_description: "",
        license: "Apache-2.0",
        block_type: "formatter",
        section: "tests",
        icon: "fal fa-flask",
        ui_extra: None,
        engine,
        deprecated: None,
        accepts_empty_values,
        rust_path: type_id,
        source: "block-core tests",
    }
}

fn property(name: &'static str, schema: schemars::Schema, required: bool) -> PropertySpec {
    PropertySpec {
        name,
        description: "A property for engine tests.",
        required,
        schema,
        kinds: None,
        examples: None,
        default: None,
        extra: None,
    }
}

/// Gives one secret per listed variable: `secret-of-NAME`, or `null` for
/// names starting with `UNSET_` (as an unset environment variable).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Vault {
    #[serde(rename = "type")]
    _type: IgnoredAny,
    #[serde(rename = "name")]
    _name: IgnoredAny,
    variables_storing_secrets: Vec<String>,
}

impl Block for Vault {
    const METADATA: Metadata = metadata("test/vault@v1", ">=1.0.0, <2.0.0", false);
    const OUTPUTS: &'static [OutputDecl] = &[OutputDecl::Dynamic {
        source: "variables_storing_secrets",
        rule: NameRule::Lowercase,
        kinds: &[&SECRET],
    }];

    fn properties(generator: &mut SchemaGenerator) -> Vec<PropertySpec> {
        let schema = generator.subschema_for::<Vec<String>>();
        vec![PropertySpec {
            extra: Some(r#"{"minItems": 1}"#),
            ..property("variables_storing_secrets", schema, true)
        }]
    }

    fn actual_outputs(&self) -> Result<Vec<Output>, Vec<Problem>> {
        actual_outputs(Self::OUTPUTS, &[&self.variables_storing_secrets])
    }
}

impl Run for Vault {
    fn check(&self, context: &Context) -> Vec<Problem> {
        let names = self.variables_storing_secrets.iter().enumerate();
        names
            .filter_map(|(index, name)| context.env().check(name).err().map(|error| (index, error)))
            .map(|(index, error)| {
                Problem::new(
                    format!("/variables_storing_secrets/{index}"),
                    error.to_string(),
                )
            })
            .collect()
    }

    fn run(&self, _inputs: &Inputs<'_>, _context: &Context) -> Result<Outputs, RunError> {
        let mut outputs = Outputs::new();
        for name in &self.variables_storing_secrets {
            let secret =
                (!name.starts_with("UNSET_")).then(|| Secret::new(format!("secret-of-{name}")));
            outputs.insert(name.to_lowercase(), Value::secret(secret));
        }
        Ok(outputs)
    }
}

/// The first non-null value of `data`, else `default`; its output is `*`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FirstNonEmpty {
    #[serde(rename = "type")]
    _type: IgnoredAny,
    #[serde(rename = "name")]
    _name: IgnoredAny,
    data: Vec<Ref>,
    #[serde(default)]
    default: serde_json::Value,
}

impl Block for FirstNonEmpty {
    const METADATA: Metadata = metadata("test/first_non_empty@v1", ">=1.0.0, <2.0.0", true);
    const OUTPUTS: &'static [OutputDecl] = &[OutputDecl::Static {
        name: "output",
        kinds: &[&WILDCARD],
    }];

    fn properties(generator: &mut SchemaGenerator) -> Vec<PropertySpec> {
        let data = generator.subschema_for::<Vec<Ref>>();
        let default = generator.subschema_for::<serde_json::Value>();
        vec![
            PropertySpec {
                extra: Some(r#"{"minItems": 1}"#),
                ..property("data", data, true)
            },
            property("default", default, false),
        ]
    }

    fn actual_outputs(&self) -> Result<Vec<Output>, Vec<Problem>> {
        actual_outputs(Self::OUTPUTS, &[])
    }
}

impl Run for FirstNonEmpty {
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

/// `text` in upper case; fails on a text containing "fail", quoting it
/// (a careless message, which the engine must mask when it is a secret).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Shout {
    #[serde(rename = "type")]
    _type: IgnoredAny,
    #[serde(rename = "name")]
    _name: IgnoredAny,
    text: Input<String>,
}

impl Block for Shout {
    const METADATA: Metadata = metadata("test/shout@v1", ">=1.0.0, <2.0.0", false);
    const OUTPUTS: &'static [OutputDecl] = &[OutputDecl::Static {
        name: "loud",
        kinds: &[&STRING],
    }];

    fn properties(generator: &mut SchemaGenerator) -> Vec<PropertySpec> {
        let text = generator.subschema_for::<Input<String>>();
        vec![PropertySpec {
            kinds: Some(&[&STRING]),
            ..property("text", text, true)
        }]
    }

    fn actual_outputs(&self) -> Result<Vec<Output>, Vec<Problem>> {
        actual_outputs(Self::OUTPUTS, &[])
    }
}

impl Run for Shout {
    fn run(&self, inputs: &Inputs<'_>, _context: &Context) -> Result<Outputs, RunError> {
        let text = self.text.get(inputs)?;
        if text.to_lowercase().contains("fail") {
            return Err(RunError::new(format!("cannot shout `{text}`")));
        }
        Ok(Outputs::new().with("loud", Value::json(text.to_uppercase().into())))
    }
}

/// A block that needs an engine this one is not.
#[derive(Deserialize)]
pub(super) struct Future {}

impl Block for Future {
    const METADATA: Metadata = metadata("test/future@v1", ">=2.0.0, <3.0.0", false);
    const OUTPUTS: &'static [OutputDecl] = &[];

    fn properties(_generator: &mut SchemaGenerator) -> Vec<PropertySpec> {
        Vec::new()
    }

    fn actual_outputs(&self) -> Result<Vec<Output>, Vec<Problem>> {
        Ok(Vec::new())
    }
}

impl Run for Future {
    fn run(&self, _inputs: &Inputs<'_>, _context: &Context) -> Result<Outputs, RunError> {
        Ok(Outputs::new())
    }
}

/// The test blocks.
pub(super) fn registry() -> Registry {
    let types = [
        BlockType::of::<Vault>(),
        BlockType::of::<FirstNonEmpty>(),
        BlockType::of::<Shout>(),
        BlockType::of::<Future>(),
    ];
    Registry::from_types(types).expect("distinct identifiers")
}

/// An operator who allows the variables the tests name.
pub(super) fn context() -> Context {
    let env = EnvAccess::deny_all()
        .allow_all(["MY_*", "UNSET_*", "FAIL_*"])
        .expect("valid patterns");
    Context::default().with_env(env)
}
