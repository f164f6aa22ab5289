//! Compiling a workflow file: every problem reported in one pass, or a
//! [`Compiled`] workflow ready to run many times.

use std::fmt::{self, Write as _};

use crate::context::Context;
use crate::registry::{Registry, Step};
use crate::selector::Selector;

use super::configure::{Configured, Configurer};
use super::definition::{Definition, Document};
use super::diagnostic::{Diagnostic, code};
use super::order::{self, Cycle};
use super::report::Report;
use super::version;
use super::wiring::{self, Binding, Source, Wiring};

/// Compiles a workflow definition against the blocks of `registry` and the
/// operator's settings in `context`, or returns every problem in the file,
/// in file order.
pub fn compile(
    text: &str,
    registry: &Registry,
    context: &Context,
) -> Result<Compiled, Vec<Diagnostic>> {
    let document = Document::parse(text)?;
    let mut report = Report::new(document.positions());
    let definition = Definition::read(&document, &mut report);
    if let Some(Err(message)) = definition.version.map(version::check_workflow) {
        report.error(code::UNSUPPORTED_VERSION, "/version", message);
    }

    let mut blocks = Configurer::new(registry, context);
    let configured: Vec<Configured<'_>> = definition
        .steps
        .iter()
        .map(|decl| blocks.configure(decl, &mut report))
        .collect();
    let wiring = wiring::wire(&definition, &configured, &mut report);
    let order = match order::order(configured.len(), &wiring.edges) {
        Ok(order) if report.is_clean() => order,
        Ok(_) => return Err(report.finish()),
        Err(cycles) => {
            for cycle in cycles {
                report.push(cycle_diagnostic(&cycle, &definition, &configured, &wiring));
            }
            return Err(report.finish());
        }
    };
    Compiled::assemble(&definition, configured, wiring, &order).ok_or_else(lost_step)
}

/// The diagnostic for a fault of the engine: a clean report promises a
/// configured block for every step, so this is never expected.
fn lost_step() -> Vec<Diagnostic> {
    let message = "the engine lost track of a step while compiling a valid file; please report this with the file";
    vec![Diagnostic::new(code::INTERNAL, "", message)]
}

fn cycle_diagnostic(
    cycle: &Cycle,
    definition: &Definition<'_>,
    configured: &[Configured<'_>],
    wiring: &Wiring,
) -> Diagnostic {
    let name = |step: &usize| definition.steps.get(*step).map_or("", |decl| decl.name);
    let mut around: Vec<String> = cycle
        .path
        .iter()
        .map(|step| format!("`{}`", name(step)))
        .collect();
    around.extend(around.first().cloned());
    let mut message = format!(
        "these steps depend on each other in a cycle: {}",
        around.join(" → ")
    );
    if !cycle.also.is_empty() {
        let also: Vec<String> = cycle
            .also
            .iter()
            .map(|step| format!("`{}`", name(step)))
            .collect();
        let _ = write!(message, " (also caught in it: {})", also.join(", "));
    }
    message.push_str(
        "; remove one of these references so that each step only reads steps that run before it",
    );
    // The diagnostic stands on the reference that leaves the first step.
    let edge = wiring.edges.get(cycle.edge);
    let decl = edge.and_then(|edge| definition.steps.get(edge.from));
    let reference = edge.and_then(|edge| configured.get(edge.from)?.references.get(edge.reference));
    let pointer = match (decl, reference) {
        (Some(decl), Some(reference)) => format!("{}{}", decl.pointer(), reference.pointer()),
        _ => String::new(),
    };
    let first = cycle.path.first().map_or("", name);
    let diagnostic = Diagnostic::new(code::CYCLE, pointer, message);
    diagnostic.in_step(first, reference.map(|reference| reference.property))
}

/// A workflow ready to run: steps in dependency order, each with its
/// selectors resolved. It is `Send + Sync` and keeps nothing of a run, so
/// it can run many times, from several threads at once.
pub struct Compiled {
    pub(crate) inputs: Vec<CompiledInput>,
    pub(crate) steps: Vec<CompiledStep>,
    pub(crate) outputs: Vec<CompiledOutput>,
}

/// A workflow input as a run binds it.
#[derive(Debug)]
pub(crate) struct CompiledInput {
    pub(crate) name: String,
    pub(crate) default_value: Option<serde_json::Value>,
    /// Whether its value is a secret (declared of kind `secret`), and so masked.
    pub(crate) secret: bool,
}

/// A step as a run executes it.
pub(crate) struct CompiledStep {
    pub(crate) name: String,
    pub(crate) block: Box<dyn Step>,
    pub(crate) accepts_empty_values: bool,
    /// Its actual outputs, in order; a run stores values in this order.
    pub(crate) outputs: Vec<String>,
    /// Sorted by selector; sources name steps by their place in the run order.
    pub(crate) bindings: Vec<Binding>,
}

/// A workflow output as a run fills it.
#[derive(Debug)]
pub(crate) struct CompiledOutput {
    pub(crate) name: String,
    pub(crate) source: Source,
}

impl Compiled {
    /// Builds the compiled form of a definition without problems; `None`
    /// only if a step lost its configuration, which a clean report rules out.
    fn assemble(
        definition: &Definition<'_>,
        configured: Vec<Configured<'_>>,
        wiring: Wiring,
        order: &[usize],
    ) -> Option<Self> {
        let mut slot_of = vec![0; order.len()];
        for (slot, step) in order.iter().enumerate() {
            *slot_of.get_mut(*step)? = slot;
        }
        let remap = |source: Source| {
            Some(match source {
                Source::Input(input) => Source::Input(input),
                Source::Output { step, output } => Source::Output {
                    step: *slot_of.get(step)?,
                    output,
                },
                Source::Outputs { step } => Source::Outputs {
                    step: *slot_of.get(step)?,
                },
            })
        };

        let mut parts: Vec<Option<(Configured<'_>, Vec<Binding>)>> = configured
            .into_iter()
            .zip(wiring.bindings)
            .map(Some)
            .collect();
        let mut steps = Vec::with_capacity(order.len());
        for &step in order {
            let (configured, mut bindings) = parts.get_mut(step)?.take()?;
            let entry = configured.entry?;
            for binding in &mut bindings {
                binding.source = remap(binding.source)?;
            }
            steps.push(CompiledStep {
                name: definition.steps.get(step)?.name.to_owned(),
                block: configured.step?,
                accepts_empty_values: entry.metadata().accepts_empty_values,
                outputs: configured.outputs?.into_keys().collect(),
                bindings,
            });
        }

        let inputs = definition.inputs.iter().map(|input| CompiledInput {
            name: input.name.to_owned(),
            default_value: input.default_value.cloned(),
            secret: input.kinds.contains(&"secret"),
        });
        let outputs = definition
            .outputs
            .iter()
            .zip(wiring.outputs)
            .map(|(output, source)| {
                Some(CompiledOutput {
                    name: output.name.to_owned(),
                    source: remap(source?)?,
                })
            });
        Some(Self {
            inputs: inputs.collect(),
            steps,
            outputs: outputs.collect::<Option<_>>()?,
        })
    }

    /// The names of the workflow's inputs, in file order.
    pub fn input_names(&self) -> impl Iterator<Item = &str> {
        self.inputs.iter().map(|input| input.name.as_str())
    }

    /// The names of the steps, in the order they run.
    pub fn step_names(&self) -> impl Iterator<Item = &str> {
        self.steps.iter().map(|step| step.name.as_str())
    }

    /// The names of the workflow's outputs, in file order.
    pub fn output_names(&self) -> impl Iterator<Item = &str> {
        self.outputs.iter().map(|output| output.name.as_str())
    }
}

impl CompiledStep {
    /// Where `selector` reads from, when the step holds it.
    pub(crate) fn source(&self, selector: &Selector) -> Option<Source> {
        let place = self
            .bindings
            .binary_search_by(|binding| binding.selector.cmp(selector))
            .ok()?;
        self.bindings.get(place).map(|binding| binding.source)
    }
}

impl fmt::Debug for Compiled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Compiled")
            .field("inputs", &self.input_names().collect::<Vec<_>>())
            .field("steps", &self.step_names().collect::<Vec<_>>())
            .field("outputs", &self.output_names().collect::<Vec<_>>())
            .finish()
    }
}
