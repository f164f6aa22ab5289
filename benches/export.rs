//! The export of this library's own blocks: the describe document warm
//! (schemas cached in the registry) and from a fresh registry, and the
//! schema of one block. The describe of 250 generated blocks, cold in a
//! new process, is in `many_blocks/`.

use std::hint::black_box;

use block_core::export::describe::Describe;
use block_core::registry::Registry;
use criterion::{Criterion, criterion_group, criterion_main};

const BLOCK: &str = "roboflow_core/environment_secrets_store@v1";

fn registry() -> Registry {
    blocks::registry().expect("the library's blocks form a registry")
}

fn export(c: &mut Criterion) {
    let warm = registry();
    c.bench_function("describe/warm", |b| {
        b.iter(|| serde_json::to_string(&Describe::of(black_box(&warm))).expect("serialises"));
    });
    c.bench_function("describe/fresh_registry", |b| {
        b.iter(|| {
            let registry = registry();
            serde_json::to_string(&Describe::of(&registry)).expect("serialises")
        });
    });
    c.bench_function("schema/one_block_fresh", |b| {
        b.iter(|| {
            let registry = registry();
            let entry = registry.get(BLOCK).expect("the block is registered");
            serde_json::to_string(entry.schema()).expect("serialises")
        });
    });
    c.bench_function("schema/one_block_warm", |b| {
        let entry = warm.get(BLOCK).expect("the block is registered");
        b.iter(|| serde_json::to_string(black_box(entry).schema()).expect("serialises"));
    });
}

criterion_group!(benches, export);
criterion_main!(benches);
