//! Connecting the parts: unique names, each selector resolved to the input
//! or step output it reads, kinds compared, and the dependencies between
//! steps that fix the order they run in.

use std::cell::{Cell, OnceCell};
use std::collections::HashMap;

use crate::kind::{Kind, builtin};
use crate::selector::{Selector, Target};

use super::configure::Configured;
use super::definition::{Definition, closest, shorten};
use super::diagnostic::{Diagnostic, code};
use super::references::Reference;
use super::report::Report;

/// How many names a message lists before it stops listing.
const LISTED: usize = 12;

/// How many name comparisons one file may spend on "did you mean"
/// suggestions; past that, messages list names without suggesting one,
/// so that many unknown names among many names stay quick to report.
const SUGGESTION_BUDGET: usize = 200_000;

/// Where a selector's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// A workflow input, by its place among the inputs.
    Input(usize),
    /// One output of a step, by the step's place and the output's place.
    Output { step: usize, output: usize },
    /// Every output of a step, as a map.
    Outputs { step: usize },
}

/// A selector of a step with the value it reads.
#[derive(Debug, Clone)]
pub(crate) struct Binding {
    pub(crate) selector: Selector,
    pub(crate) source: Source,
    /// Whether the selector is a whole property somewhere in the step.
    pub(crate) direct: bool,
}

/// Step `from` reads an output of step `to`, by its reference number `reference`.
#[derive(Debug, Clone)]
pub(crate) struct Edge {
    pub(crate) from: usize,
    pub(crate) to: usize,
    pub(crate) reference: usize,
}

/// The resolved connections of a workflow.
#[derive(Debug, Default)]
pub(crate) struct Wiring {
    /// Per step (in file order), its bindings sorted by selector.
    pub(crate) bindings: Vec<Vec<Binding>>,
    /// Every dependency between steps.
    pub(crate) edges: Vec<Edge>,
    /// Per workflow output, its source when it resolved.
    pub(crate) outputs: Vec<Option<Source>>,
}

/// The names of inputs and steps, each mapped to its first place among
/// those read, and its index in the file.
struct Names<'d> {
    inputs: Places<'d>,
    steps: Places<'d>,
    /// The step names as messages list them, made once when first needed.
    step_listing: OnceCell<String>,
    /// Name comparisons left for suggestions.
    suggestions_left: Cell<usize>,
}

impl Names<'_> {
    /// The candidate closest to `word`, while the suggestion budget lasts.
    fn closest<'c>(
        &self,
        word: &str,
        candidates: impl ExactSizeIterator<Item = &'c str>,
    ) -> Option<&'c str> {
        let left = self.suggestions_left.get();
        let cost = candidates.len();
        if cost > left {
            return None;
        }
        self.suggestions_left.set(left - cost);
        closest(word, candidates)
    }

    /// Every step name, sorted, as messages list them.
    fn step_listing(&self) -> &str {
        self.step_listing.get_or_init(|| {
            let mut known: Vec<&str> = self.steps.keys().copied().collect();
            known.sort_unstable();
            listing(known.into_iter())
        })
    }
}

type Places<'d> = foldhash::HashMap<&'d str, (usize, usize)>;

/// Resolves every selector of `definition`, reporting each problem.
pub(crate) fn wire(
    definition: &Definition<'_>,
    configured: &[Configured<'_>],
    report: &mut Report<'_>,
) -> Wiring {
    let names = unique_names(definition, report);
    let mut wiring = Wiring::default();
    for (place, (decl, step)) in definition.steps.iter().zip(configured).enumerate() {
        let mut bindings = Vec::with_capacity(step.references.len());
        for (number, reference) in step.references.iter().enumerate() {
            let resolved = resolve(reference.selector.target(), definition, configured, &names)
                .and_then(|(source, produced)| check_kinds(reference, produced).map(|()| source));
            match resolved {
                Ok(source) => {
                    if let Source::Output { step: to, .. } | Source::Outputs { step: to } = source {
                        wiring.edges.push(Edge {
                            from: place,
                            to,
                            reference: number,
                        });
                    }
                    bindings.push(Binding {
                        selector: reference.selector.clone(),
                        source,
                        direct: reference.is_whole(),
                    });
                }
                Err(Some((code, message))) => {
                    let pointer = format!("{}{}", decl.pointer(), reference.pointer());
                    let diagnostic = Diagnostic::new(code, pointer, message);
                    report.push(diagnostic.in_step(decl.name, Some(reference.property)));
                }
                Err(None) => {}
            }
        }
        wiring.bindings.push(merge(bindings));
    }
    wiring.outputs = definition
        .outputs
        .iter()
        .map(|output| {
            let resolved = match Target::parse(output.selector) {
                Ok(selector) => {
                    resolve(selector, definition, configured, &names).map(|(source, _)| source)
                }
                Err(error) => Err(Some((code::MALFORMED_SELECTOR, error.to_string()))),
            };
            if let Err(Some((code, message))) = &resolved {
                report.error(
                    code,
                    format!("{}/selector", output.pointer()),
                    message.clone(),
                );
            }
            resolved.ok()
        })
        .collect();
    wiring
}

/// Sorts bindings by selector and keeps one per selector; it is direct
/// when any of its uses is.
fn merge(mut bindings: Vec<Binding>) -> Vec<Binding> {
    bindings.sort_by(|a, b| a.selector.cmp(&b.selector));
    bindings.dedup_by(|later, kept| {
        let same = later.selector == kept.selector;
        if same {
            kept.direct |= later.direct;
        }
        same
    });
    bindings
}

/// Maps each input and step name to its place, reporting repeated names
/// (of inputs, steps and outputs) at the later use.
fn unique_names<'d>(definition: &Definition<'d>, report: &mut Report<'_>) -> Names<'d> {
    let inputs = definition
        .inputs
        .iter()
        .map(|input| (input.name, input.index));
    let steps = definition.steps.iter().map(|step| (step.name, step.index));
    let outputs = definition
        .outputs
        .iter()
        .map(|output| (output.name, output.index));
    let names = Names {
        inputs: first_places("input", "inputs", inputs, report),
        steps: first_places("step", "steps", steps, report),
        step_listing: OnceCell::new(),
        suggestions_left: Cell::new(SUGGESTION_BUDGET),
    };
    first_places("output", "outputs", outputs, report);
    names
}

/// Maps each name to the place of its first use among `named` (name and
/// index in the file's `list`), reporting each later use. An empty name
/// (a step without one, already reported) is left out.
fn first_places<'d>(
    what: &str,
    list: &str,
    named: impl ExactSizeIterator<Item = (&'d str, usize)>,
    report: &mut Report<'_>,
) -> Places<'d> {
    let mut first: Places<'d> =
        HashMap::with_capacity_and_hasher(named.len(), foldhash::fast::RandomState::default());
    for (place, (name, index)) in named.enumerate().filter(|(_, (name, _))| !name.is_empty()) {
        let (_, earlier) = *first.entry(name).or_insert((place, index));
        if earlier == index {
            continue;
        }
        let earlier = format!("/{list}/{earlier}");
        let line = report.locate(&earlier).line;
        let message = format!(
            "the {what} name `{}` is already used by the {what} at line {line} ({earlier}); {what} names must be unique",
            shorten(name)
        );
        let diagnostic = Diagnostic::new(
            code::DUPLICATE_NAME,
            format!("/{list}/{index}/name"),
            message,
        );
        report.push(if what == "step" {
            diagnostic.in_step(name, Some("name"))
        } else {
            diagnostic
        });
    }
    first
}

/// A problem to report (code and message), or `None` when the selector
/// cannot be checked because of a problem already reported.
type Unresolved = Option<(&'static str, String)>;

/// The source of `selector` and the kinds of the value it gives.
fn resolve<'a>(
    selector: Target<'_>,
    definition: &'a Definition<'_>,
    configured: &'a [Configured<'_>],
    names: &Names<'_>,
) -> Result<(Source, Produced<'a>), Unresolved> {
    let (step_name, output) = match selector {
        Target::Input(name) => {
            let Some(&(place, _)) = names.inputs.get(name) else {
                return Err(Some((
                    code::UNKNOWN_INPUT,
                    unknown_input(selector, name, definition, names),
                )));
            };
            let kinds = definition
                .inputs
                .get(place)
                .map_or(&[][..], |input| &input.kinds);
            return Ok((Source::Input(place), Produced::Declared(kinds)));
        }
        Target::StepOutput { step, output } => (step, Some(output)),
        Target::StepOutputs { step } => (step, None),
    };
    let Some(&(step, _)) = names.steps.get(step_name) else {
        return Err(Some((
            code::UNKNOWN_STEP,
            unknown_step(selector, step_name, names),
        )));
    };
    let Some(output) = output else {
        return Ok((Source::Outputs { step }, Produced::Map));
    };
    let outputs = configured
        .get(step)
        .and_then(|step| step.outputs.as_ref())
        .ok_or(None)?;
    let Some((place, kinds)) = outputs.find(output) else {
        let outputs = outputs.names();
        let message = unknown_output(selector, step_name, output, outputs, names);
        return Err(Some((code::UNKNOWN_OUTPUT, message)));
    };
    Ok((
        Source::Output {
            step,
            output: place,
        },
        Produced::Output(kinds),
    ))
}

fn unknown_input(
    selector: Target<'_>,
    name: &str,
    definition: &Definition<'_>,
    names: &Names<'_>,
) -> String {
    let inputs = definition.inputs.iter().map(|input| input.name);
    let selector = shorten_selector(selector);
    if definition.inputs.is_empty() {
        return format!(
            "`{selector}` refers to an input `{}`, but the workflow declares no inputs: add it to `inputs`",
            shorten(name)
        );
    }
    match names.closest(name, inputs.clone()) {
        Some(near) => format!(
            "`{selector}` refers to no input; did you mean `$inputs.{near}`? The inputs are {}",
            listing(inputs)
        ),
        None => format!(
            "`{selector}` refers to no input; the inputs are {}",
            listing(inputs)
        ),
    }
}

fn unknown_step(selector: Target<'_>, name: &str, names: &Names<'_>) -> String {
    let hint = names
        .closest(name, names.steps.keys().copied())
        .map(|near| format!(" did you mean `{near}`?"));
    let tail = hint.unwrap_or_else(|| format!(" the steps are {}", names.step_listing()));
    format!(
        "`{}` refers to no step named `{}`;{tail}",
        shorten_selector(selector),
        shorten(name)
    )
}

fn unknown_output<'n>(
    selector: Target<'_>,
    step: &str,
    output: &str,
    outputs: impl ExactSizeIterator<Item = &'n str> + Clone,
    names: &Names<'_>,
) -> String {
    let selector = shorten_selector(selector);
    let (step, output_shown) = (shorten(step), shorten(output));
    match names.closest(output, outputs.clone()) {
        Some(near) => format!(
            "`{selector}`: step `{step}` has no output `{output_shown}`; did you mean `{near}`? Its outputs are {}",
            listing(outputs)
        ),
        None => format!(
            "`{selector}`: step `{step}` has no output `{output_shown}`; its outputs are {}",
            listing(outputs)
        ),
    }
}

/// A selector as a message quotes it, cut when a name in it is long.
fn shorten_selector(selector: impl std::fmt::Display) -> String {
    shorten(&selector.to_string()).into_owned()
}

/// Names in backticks, cut after [`LISTED`].
fn listing<'n>(names: impl ExactSizeIterator<Item = &'n str>) -> String {
    let count = names.len();
    let shown: Vec<String> = names
        .take(LISTED)
        .map(|name| format!("`{}`", shorten(name)))
        .collect();
    match count.saturating_sub(shown.len()) {
        _ if shown.is_empty() => "none".to_owned(),
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// The kinds of the value a selector gives.
#[derive(Debug, Clone, Copy)]
enum Produced<'a> {
    /// An input's declared kinds.
    Declared(&'a [&'a str]),
    /// A step output's kinds.
    Output(&'static [&'static Kind]),
    /// Every output of a step, as a map.
    Map,
}

impl<'a> Produced<'a> {
    fn contains(self, name: &str) -> bool {
        match self {
            Self::Declared(kinds) => kinds.contains(&name),
            Self::Output(kinds) => kinds.iter().any(|kind| kind.name == name),
            Self::Map => name == builtin::DICTIONARY.name,
        }
    }

    fn names(self) -> Vec<&'a str> {
        match self {
            Self::Declared(kinds) => kinds.to_vec(),
            Self::Output(kinds) => kinds.iter().map(|kind| kind.name).collect(),
            Self::Map => vec![builtin::DICTIONARY.name],
        }
    }
}

/// Whether a value of `produced` kinds may stand where `reference` is:
/// either side is the wildcard `*`, or the two sets share a kind.
fn check_kinds(reference: &Reference<'_>, produced: Produced<'_>) -> Result<(), Unresolved> {
    let accepted = reference.kinds;
    let wildcard = builtin::WILDCARD.name;
    let compatible = accepted.is_empty()
        || accepted.iter().any(|kind| kind == wildcard)
        || produced.contains(wildcard)
        || accepted.iter().any(|kind| produced.contains(kind));
    if compatible {
        return Ok(());
    }
    let place = if reference.is_whole() {
        format!("`{}`", reference.property)
    } else {
        format!("an element of `{}`", reference.property)
    };
    let message = format!(
        "kind mismatch: `{}` gives [{}], but {place} accepts [{}]; connect a value of one of the accepted kinds",
        shorten_selector(&reference.selector),
        produced.names().join(", "),
        accepted.join(", ")
    );
    Err(Some((code::KIND_MISMATCH, message)))
}
