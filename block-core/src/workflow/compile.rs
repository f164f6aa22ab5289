//! Compiling a workflow file: every problem reported in one pass, or a
//! [`Compiled`] workflow ready to run many times.

use std::fmt::{self, Write as _};
use std::sync::Arc;

use crate::context::Context;
use crate::registry::{Registry, Step};
use crate::selector::Selector;

use super::configure::{Configured, Configurer};
use super::definition::{Definition, Document, shorten};
use super::diagnostic::{Diagnostic, code};
use super::order::{self, Cycle};
use super::report::Report;
use super::run::OutputNames;
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
    compile_document(
        &Document::parse_within(text, context.limits())?,
        registry,
        context,
    )
}

/// Compiles the bytes of a workflow file, as [`compile`] does its text: a
/// file over the size limit is refused before it is read further, a byte
/// that is not UTF-8 is placed, and a UTF-8 byte-order mark is skipped.
pub fn compile_bytes(
    bytes: &[u8],
    registry: &Registry,
    context: &Context,
) -> Result<Compiled, Vec<Diagnostic>> {
    compile_document(
        &Document::from_bytes(bytes, context.limits())?,
        registry,
        context,
    )
}

/// Compiles a definition already parsed, from text ([`Document::parse`]) or
/// from JSON built in memory ([`Document::from_json`]); a document may be
/// compiled any number of times.
pub fn compile_document(
    document: &Document<'_>,
    registry: &Registry,
    context: &Context,
) -> Result<Compiled, Vec<Diagnostic>> {
    let mut report = Report::new(document.positions());
    let definition = Definition::read(document, &mut report);
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
        .map(|step| format!("`{}`", shorten(name(step))))
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
            .map(|step| format!("`{}`", shorten(name(step))))
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
    /// The outputs' names, shared with the results of every run.
    pub(crate) output_names: Arc<OutputNames>,
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
    pub(crate) source: Source,
    /// Whether no later output reads the same value, so that a run may
    /// move it into the results rather than copy it.
    pub(crate) last_read: bool,
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
                outputs: configured.outputs?.into_names(),
                bindings,
            });
        }

        let inputs = definition.inputs.iter().map(|input| CompiledInput {
            name: input.name.to_owned(),
            default_value: input.default_value.cloned(),
            secret: input.kinds.contains(&"secret"),
        });
        let sources = wiring.outputs.into_iter().map(|source| remap(source?));
        let sources: Vec<Source> = sources.collect::<Option<_>>()?;
        let names = definition
            .outputs
            .iter()
            .map(|output| output.name.to_owned());
        Some(Self {
            inputs: inputs.collect(),
            outputs: last_reads(&sources, &steps),
            steps,
            output_names: Arc::new(OutputNames::new(names.collect())),
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
        self.output_names.iter()
    }
}

/// The outputs reading `sources`, each marked when no later output reads
/// its value, neither alone nor in a map of its step's outputs.
fn last_reads(sources: &[Source], steps: &[CompiledStep]) -> Vec<CompiledOutput> {
    let mut first = Vec::with_capacity(steps.len());
    let mut count = 0;
    for step in steps {
        first.push(count);
        count += step.outputs.len();
    }
    let mut read_later = vec![false; count];
    let mut map_read_later = vec![false; steps.len()];
    let mut outputs: Vec<CompiledOutput> = sources
        .iter()
        .rev()
        .map(|&source| {
            let last_read = match source {
                Source::Output { step, output } => {
                    let slot = first
                        .get(step)
                        .and_then(|first| read_later.get_mut(first + output));
                    let mapped = map_read_later.get(step).copied().unwrap_or(true);
                    slot.is_some_and(|read| !mapped && !std::mem::replace(read, true))
                }
                Source::Outputs { step } => {
                    if let Some(read) = map_read_later.get_mut(step) {
                        *read = true;
                    }
                    false
                }
                Source::Input(_) => false,
            };
            CompiledOutput { source, last_read }
        })
        .collect();
    outputs.reverse();
    outputs
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
