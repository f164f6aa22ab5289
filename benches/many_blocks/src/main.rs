//! One describe, the first in this process, timed from inside: what a UI
//! waits for when it asks a freshly started engine. Prints the nanoseconds
//! of building the registry and of the describe document (serialised), then
//! the document's size in bytes.

use std::time::Instant;

use block_core::export::describe::Describe;

fn main() {
    let start = Instant::now();
    let registry = many_blocks::registry();
    let registered = start.elapsed();
    let text = serde_json::to_string(&Describe::of(&registry)).expect("serialises");
    let described = start.elapsed();
    println!(
        "{} {} {} {}",
        registered.as_nanos(),
        described.as_nanos(),
        text.len(),
        registry.entries().count()
    );
}
