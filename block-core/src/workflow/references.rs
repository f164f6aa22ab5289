//! The selectors a step holds, found where its block's schema says a
//! reference may stand: a property, a list element or a map value.

use serde_json::{Map, Value};

use crate::property::{Position, ReferenceSlot};
use crate::selector::{Selector, SelectorError};

use super::position::escape;

/// Where inside its property a selector stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place<'a> {
    /// The property itself.
    Whole,
    /// An element of the list the property holds.
    Element(usize),
    /// A value of the map the property holds, by key.
    Entry(&'a str),
}

/// A selector written in a step.
#[derive(Debug, Clone)]
pub(crate) struct Reference<'a> {
    /// The property holding it.
    pub(crate) property: &'a str,
    /// Where inside the property.
    pub(crate) place: Place<'a>,
    /// The parsed selector.
    pub(crate) selector: Selector,
    /// The kinds the place accepts (empty: any).
    pub(crate) kinds: &'a [String],
}

/// A string meant as a selector that is not one.
#[derive(Debug, Clone)]
pub(crate) struct Malformed<'a> {
    /// The property holding it.
    pub(crate) property: &'a str,
    /// Where inside the property.
    pub(crate) place: Place<'a>,
    /// Why it is not a selector.
    pub(crate) error: SelectorError,
}

/// The selectors of one step, and the strings meant as selectors that are not.
#[derive(Debug, Default)]
pub(crate) struct Found<'a> {
    pub(crate) references: Vec<Reference<'a>>,
    pub(crate) malformed: Vec<Malformed<'a>>,
}

/// The JSON pointer inside the step of `place` in `property`; built only
/// when a message needs it.
pub(crate) fn pointer(property: &str, place: Place<'_>) -> String {
    match place {
        Place::Whole => format!("/{}", escape(property)),
        Place::Element(index) => format!("/{}/{index}", escape(property)),
        Place::Entry(key) => format!("/{}/{}", escape(property), escape(key)),
    }
}

impl Reference<'_> {
    /// Whether the selector is the whole property; a `null` there means
    /// the step has nothing to work on.
    pub(crate) fn is_whole(&self) -> bool {
        self.place == Place::Whole
    }

    /// The JSON pointer inside the step.
    pub(crate) fn pointer(&self) -> String {
        pointer(self.property, self.place)
    }
}

impl Malformed<'_> {
    /// The JSON pointer inside the step.
    pub(crate) fn pointer(&self) -> String {
        pointer(self.property, self.place)
    }
}

/// Finds every selector `step` holds in the places `slots` name.
pub(crate) fn find<'a>(slots: &'a [ReferenceSlot], step: &'a Map<String, Value>) -> Found<'a> {
    let mut found = Found::default();
    for (index, slot) in slots.iter().enumerate() {
        // A property whose schema offers a reference twice (two alternatives)
        // would otherwise have each of its selectors counted twice.
        let seen = slots.get(..index).unwrap_or_default();
        if seen
            .iter()
            .any(|other| other.property == slot.property && other.position == slot.position)
        {
            continue;
        }
        let Some(value) = step.get(&slot.property) else {
            continue;
        };
        match (slot.position, value) {
            (Position::Direct, Value::String(text)) => found.add(slot, Place::Whole, text),
            (Position::ListElement, Value::Array(items)) => {
                for (index, item) in items.iter().enumerate() {
                    if let Value::String(text) = item {
                        found.add(slot, Place::Element(index), text);
                    }
                }
            }
            (Position::DictElement, Value::Object(entries)) => {
                for (key, item) in entries {
                    if let Value::String(text) = item {
                        found.add(slot, Place::Entry(key), text);
                    }
                }
            }
            _ => {}
        }
    }
    found
}

impl<'a> Found<'a> {
    /// Records `text` at `place` when it is meant as a selector.
    fn add(&mut self, slot: &'a ReferenceSlot, place: Place<'a>, text: &str) {
        if !Selector::is_intended(text) {
            return;
        }
        let property = slot.property.as_str();
        match text.parse() {
            Ok(selector) => self.references.push(Reference {
                property,
                place,
                selector,
                kinds: &slot.kinds,
            }),
            Err(error) => self.malformed.push(Malformed {
                property,
                place,
                error,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn slot(property: &str, position: Position) -> ReferenceSlot {
        ReferenceSlot {
            property: property.to_owned(),
            description: String::new(),
            position,
            kinds: vec!["string".to_owned()],
            selected_element: "any_data".to_owned(),
        }
    }

    #[test]
    fn selectors_are_found_in_each_position() {
        let slots = [
            slot("a", Position::Direct),
            slot("a", Position::Direct),
            slot("b", Position::ListElement),
            slot("c", Position::DictElement),
        ];
        let step = json!({"a": "$inputs.x", "b": ["plain", "$steps.s.o"], "c": {"k/1": "$steps.s.*", "m": "$step.s.o"}});
        let found = find(&slots, step.as_object().unwrap());
        let places: Vec<(String, bool)> = found
            .references
            .iter()
            .map(|r| (r.pointer(), r.is_whole()))
            .collect();
        let expected =
            [("/a", true), ("/b/1", false), ("/c/k~11", false)].map(|(p, w)| (p.to_owned(), w));
        assert_eq!(places, expected);
        assert_eq!(found.malformed.len(), 1);
        assert_eq!(found.malformed[0].pointer(), "/c/m");
    }
}
