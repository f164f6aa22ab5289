//! The engine on N independent env-secrets steps (see `workflow.rs`):
//! compile from a parsed definition, run (results serialised masked), both
//! together, and parse + compile + run from the file's text, beside
//! serde_json's own parse of the same text into a `Value`, the floor of
//! any work that starts from text.
//!
//! `cargo bench -p block-benches --bench engine`; `benches/run.sh` reads the
//! estimates criterion writes and prints the ratios of BENCHMARKS.md.

#[path = "workflow.rs"]
mod workflow;

use std::hint::black_box;
use std::time::Duration;

use block_core::Context;
use block_core::registry::Registry;
use block_core::workflow::{Compiled, Document, compile, compile_document};
use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main,
};
use serde_json::{Map, Value};

/// The step counts measured.
const SIZES: [usize; 6] = [1, 10, 100, 1_000, 10_000, 100_000];

/// One workflow, ready in each form a stage starts from.
struct Case<'t> {
    steps: usize,
    text: &'t str,
    document: Document<'t>,
    compiled: Compiled,
}

fn case<'t>(steps: usize, text: &'t str, registry: &Registry, context: &Context) -> Case<'t> {
    let document = Document::parse_within(text, context.limits()).expect("valid JSON");
    let compiled = compile_document(&document, registry, context).expect("a valid workflow");
    Case {
        steps,
        text,
        document,
        compiled,
    }
}

/// Fewer, longer samples for the large workflows, so a full run stays in
/// minutes on a two-core machine.
fn sized(group: &mut BenchmarkGroup<'_, WallTime>, steps: usize) {
    if steps >= 10_000 {
        group
            .sampling_mode(SamplingMode::Flat)
            .sample_size(10)
            .measurement_time(Duration::from_secs(if steps >= 100_000 { 20 } else { 5 }));
    } else {
        group
            .sampling_mode(SamplingMode::Auto)
            .sample_size(50)
            .measurement_time(Duration::from_secs(2));
    }
}

/// Runs `compiled` and serialises its results, masked, as the CLI prints them.
fn run(compiled: &Compiled, params: &Map<String, Value>, context: &Context) -> String {
    let results = compiled.run(params, context).expect("the workflow runs");
    serde_json::to_string(&results.masked()).expect("results serialise")
}

fn engine(c: &mut Criterion) {
    let registry = workflow::registry();
    let context = workflow::context();
    let params = Map::new();
    let texts = SIZES.map(workflow::text);
    let cases: Vec<Case<'_>> = SIZES
        .iter()
        .zip(&texts)
        .map(|(&steps, text)| case(steps, text, &registry, &context))
        .collect();

    let mut group = c.benchmark_group("serde_json_parse");
    for case in &cases {
        sized(&mut group, case.steps);
        group.bench_with_input(
            BenchmarkId::from_parameter(case.steps),
            &case.text,
            |b, text| {
                b.iter(|| serde_json::from_str::<Value>(black_box(text)).expect("valid JSON"));
            },
        );
    }
    group.finish();

    let mut group = c.benchmark_group("compile");
    for case in &cases {
        sized(&mut group, case.steps);
        group.bench_with_input(
            BenchmarkId::from_parameter(case.steps),
            &case.document,
            |b, document| {
                b.iter(|| {
                    compile_document(black_box(document), &registry, &context).expect("valid")
                });
            },
        );
    }
    group.finish();

    let mut group = c.benchmark_group("run");
    for case in &cases {
        sized(&mut group, case.steps);
        group.bench_with_input(
            BenchmarkId::from_parameter(case.steps),
            &case.compiled,
            |b, compiled| {
                b.iter(|| run(black_box(compiled), &params, &context));
            },
        );
    }
    group.finish();

    let mut group = c.benchmark_group("compile_run");
    for case in &cases {
        sized(&mut group, case.steps);
        group.bench_with_input(
            BenchmarkId::from_parameter(case.steps),
            &case.document,
            |b, document| {
                b.iter(|| {
                    let compiled =
                        compile_document(black_box(document), &registry, &context).expect("valid");
                    run(&compiled, &params, &context)
                });
            },
        );
    }
    group.finish();

    let mut group = c.benchmark_group("text");
    for case in &cases {
        sized(&mut group, case.steps);
        group.bench_with_input(
            BenchmarkId::from_parameter(case.steps),
            &case.text,
            |b, text| {
                b.iter(|| {
                    let compiled = compile(black_box(text), &registry, &context).expect("valid");
                    run(&compiled, &params, &context)
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
