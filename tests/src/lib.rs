//! What the cross-crate tests in `tests/` share: the reference engine's
//! interfaces of the blocks this library reimplements.

use serde_json::Value;

/// The reference engine's interface of block `id`, from the fixture copied
/// from its documentation (ids, properties, kinds, defaults, examples,
/// outputs; prose removed).
///
/// # Panics
///
/// When the fixture does not parse or does not hold `id`: a broken test setup.
#[must_use]
pub fn reference_interface(id: &str) -> Value {
    let text = include_str!("../fixtures/reference/block_interfaces.json");
    let all: Value = serde_json::from_str(text).expect("the fixture is JSON");
    assert!(
        all.get(id).is_some(),
        "the fixture has no interface for {id}"
    );
    all[id].clone()
}

/// The schema of block `id` in this library's registry.
///
/// # Panics
///
/// When the library's registry does not form or lacks `id`.
#[must_use]
pub fn schema(id: &str) -> Value {
    let registry = blocks::registry().expect("the library's blocks form a registry");
    registry
        .get(id)
        .expect("the block is registered")
        .schema()
        .clone()
}
