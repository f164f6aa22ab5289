//! The describe document over 250 block types: cold, the first call in a
//! new process (one process per sample, timed from inside it), and warm,
//! with the schemas cached in the registry; and the schema of one block.

use std::hint::black_box;
use std::process::Command;
use std::time::Duration;

use block_core::export::describe::Describe;
use criterion::{Criterion, criterion_group, criterion_main};

const BLOCK: &str = "bench/generated_0@v1";

/// The first describe of a new process, timed by the process itself.
fn cold_describe() -> Duration {
    let program = env!("CARGO_BIN_EXE_many-blocks");
    let output = Command::new(program).output().expect("the describe program runs");
    let shown = String::from_utf8_lossy(&output.stdout);
    let nanos = shown
        .split_whitespace()
        .nth(1)
        .and_then(|field| field.parse().ok())
        .expect("the program prints its timings");
    Duration::from_nanos(nanos)
}

fn describe(c: &mut Criterion) {
    let registry = many_blocks::registry();
    assert_eq!(registry.entries().count(), 250, "every generated block registers");

    let mut group = c.benchmark_group("describe_250");
    group.sample_size(30);
    group.bench_function("cold", |b| {
        b.iter_custom(|iterations| (0..iterations).map(|_| cold_describe()).sum());
    });
    group.bench_function("warm", |b| {
        b.iter(|| serde_json::to_string(&Describe::of(black_box(&registry))).expect("serialises"));
    });
    group.bench_function("fresh_registry", |b| {
        b.iter(|| {
            let registry = many_blocks::registry();
            serde_json::to_string(&Describe::of(&registry)).expect("serialises")
        });
    });
    group.finish();

    let mut group = c.benchmark_group("schema_one_block");
    group.bench_function("fresh_registry", |b| {
        b.iter(|| {
            let registry = many_blocks::registry();
            let entry = registry.get(BLOCK).expect("registered");
            serde_json::to_string(entry.schema()).expect("serialises")
        });
    });
    group.bench_function("generate", |b| {
        b.iter(|| serde_json::to_string(&block_core::schema::of::<many_blocks::Generated0>()).expect("serialises"));
    });
    group.finish();
}

criterion_group!(benches, describe);
criterion_main!(benches);
