//! One stage of the engine benchmark at one size, run a given number of
//! times and nothing else: for profilers (callgrind counts instructions the
//! same on a busy machine) and for peak memory, which criterion cannot see.
//!
//! ```text
//! workload STAGE STEPS [REPEAT]
//!   STAGE: parse | compile | run | compile_run | text
//! workload write STEPS FILE
//! ```
//!
//! The workflow is made before the stage starts, so a profile of `text`
//! holds only the engine's work on it.

#[path = "workflow.rs"]
mod workflow;

use std::hint::black_box;
use std::process::ExitCode;

use block_core::workflow::{Document, compile, compile_document};
use serde_json::{Map, Value};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| arg != "--bench")
        .collect();
    let (Some(stage), Some(Ok(steps))) = (args.first(), args.get(1).map(|n| n.parse::<usize>()))
    else {
        eprintln!(
            "usage: workload parse|compile|run|compile_run|text STEPS [REPEAT], or workload write STEPS FILE"
        );
        return ExitCode::from(2);
    };
    let repeat = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(1);
    let registry = workflow::registry();
    let context = workflow::context();
    let params = Map::new();
    let text = workflow::text(steps);
    let document = || Document::parse_within(&text, context.limits()).expect("valid JSON");
    let run = |compiled: &block_core::workflow::Compiled| {
        let results = compiled.run(&params, &context).expect("the workflow runs");
        serde_json::to_string(&results.masked()).expect("results serialise")
    };
    let mut shown = 0usize;
    match stage.as_str() {
        "parse" => (0..repeat).for_each(|_| {
            let value: Value = serde_json::from_str(black_box(&text)).expect("valid JSON");
            shown += usize::from(value.is_object());
        }),
        "compile" => {
            let document = document();
            (0..repeat).for_each(|_| {
                let compiled = compile_document(&document, &registry, &context).expect("valid");
                shown += compiled.step_names().count();
            });
        }
        "run" => {
            let compiled = compile_document(&document(), &registry, &context).expect("valid");
            (0..repeat).for_each(|_| shown += run(&compiled).len());
        }
        "compile_run" => {
            let document = document();
            (0..repeat).for_each(|_| {
                let compiled = compile_document(&document, &registry, &context).expect("valid");
                shown += run(&compiled).len();
            });
        }
        "text" => (0..repeat).for_each(|_| {
            let compiled = compile(black_box(&text), &registry, &context).expect("valid");
            shown += run(&compiled).len();
        }),
        "write" => {
            // The workflow as a file, for `blocks run` and for memory.
            let path = args.get(2).map_or("workflow.json", String::as_str);
            std::fs::write(path, &text).expect("the file is writable");
        }
        other => {
            eprintln!("unknown stage `{other}`: parse, compile, run, compile_run or text");
            return ExitCode::from(2);
        }
    }
    println!(
        "{stage} {steps} x{repeat}: {} bytes of text, {shown}",
        text.len()
    );
    ExitCode::SUCCESS
}
