//! Values that flow between steps, each carrying whether it came from a
//! secret, so that masking never depends on a block declaring kinds right.

use std::fmt;

use indexmap::IndexMap;
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::secret::{MASK, Secret};

/// A value produced by a step or given as a workflow input.
///
/// A value is *tainted* when it is a secret or was computed from one. A
/// tainted value is masked in `Debug` output and in serialised results
/// unless the caller explicitly reveals it.
#[derive(Clone)]
pub struct Value(Repr);

#[derive(Clone)]
enum Repr {
    Json {
        json: serde_json::Value,
        tainted: bool,
    },
    Secret(Secret),
    Outputs(IndexMap<String, Value>),
}

impl Value {
    /// A clean value.
    #[must_use]
    pub fn json(json: serde_json::Value) -> Self {
        Self(Repr::Json {
            json,
            tainted: false,
        })
    }

    /// The empty value, `null`.
    #[must_use]
    pub fn null() -> Self {
        Self::json(serde_json::Value::Null)
    }

    /// A secret, or `null` when there is none (`null` carries nothing to hide).
    #[must_use]
    pub fn secret(secret: Option<Secret>) -> Self {
        secret.map_or_else(Self::null, |secret| Self(Repr::Secret(secret)))
    }

    /// Every output of one step, keyed by output name (`$steps.STEP.*`).
    #[must_use]
    pub fn outputs(outputs: IndexMap<String, Value>) -> Self {
        Self(Repr::Outputs(outputs))
    }

    /// The same value, marked as computed from a secret.
    #[must_use]
    pub fn tainted(self) -> Self {
        match self.0 {
            Repr::Json { json, .. } if !json.is_null() => Self(Repr::Json {
                json,
                tainted: true,
            }),
            Repr::Outputs(outputs) => Self::outputs(
                outputs
                    .into_iter()
                    .map(|(name, value)| (name, value.tainted()))
                    .collect(),
            ),
            repr => Self(repr),
        }
    }

    /// Whether the value is `null`.
    #[must_use]
    pub fn is_null(&self) -> bool {
        matches!(&self.0, Repr::Json { json, .. } if json.is_null())
    }

    /// Whether the value is a secret or was computed from one.
    #[must_use]
    pub fn is_tainted(&self) -> bool {
        match &self.0 {
            Repr::Json { tainted, .. } => *tainted,
            Repr::Secret(_) => true,
            Repr::Outputs(outputs) => outputs.values().any(Value::is_tainted),
        }
    }

    /// The value in clear, for a block that must use it. The caller is
    /// responsible for not printing it.
    #[must_use]
    pub fn expose(&self) -> serde_json::Value {
        match &self.0 {
            Repr::Json { json, .. } => json.clone(),
            Repr::Secret(secret) => serde_json::Value::String(secret.expose().to_owned()),
            Repr::Outputs(outputs) => outputs
                .iter()
                .map(|(name, value)| (name.clone(), value.expose()))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        }
    }

    /// A view that serialises tainted parts as [`MASK`].
    #[must_use]
    pub fn masked(&self) -> Shown<'_> {
        Shown {
            value: self,
            reveal: false,
        }
    }

    /// A view that serialises every part in clear; only for a caller that
    /// was explicitly asked to reveal secrets.
    #[must_use]
    pub fn revealed(&self) -> Shown<'_> {
        Shown {
            value: self,
            reveal: true,
        }
    }
}

impl Default for Value {
    /// `null`.
    fn default() -> Self {
        Self::null()
    }
}

impl From<serde_json::Value> for Value {
    fn from(json: serde_json::Value) -> Self {
        Self::json(json)
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Json { tainted: true, .. } | Repr::Secret(_) => write!(f, "Value({MASK})"),
            Repr::Json { json, .. } => write!(f, "Value({json})"),
            Repr::Outputs(outputs) => f.debug_map().entries(outputs).finish(),
        }
    }
}

/// A value ready to serialise, masked or revealed; see [`Value::masked`].
#[derive(Debug)]
pub struct Shown<'a> {
    value: &'a Value,
    reveal: bool,
}

impl Serialize for Shown<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.value.0 {
            Repr::Json { json, tainted } if !tainted || self.reveal => json.serialize(serializer),
            Repr::Secret(secret) if self.reveal => secret.revealed().serialize(serializer),
            Repr::Json { .. } | Repr::Secret(_) => serializer.serialize_str(MASK),
            Repr::Outputs(outputs) => {
                let mut map = serializer.serialize_map(Some(outputs.len()))?;
                for (name, value) in outputs {
                    let shown = Shown {
                        value,
                        reveal: self.reveal,
                    };
                    map.serialize_entry(name, &shown)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn taint_masks_in_debug_and_serialisation() {
        let value = Value::json(json!({"token": "canary"})).tainted();
        assert!(value.is_tainted());
        assert_eq!(format!("{value:?}"), "Value(********)");
        assert_eq!(serde_json::to_value(value.masked()).unwrap(), json!(MASK));
        assert_eq!(
            serde_json::to_value(value.revealed()).unwrap(),
            json!({"token": "canary"})
        );
    }

    #[test]
    fn null_stays_null_and_clean() {
        assert!(!Value::secret(None).is_tainted());
        assert!(!Value::null().tainted().is_tainted());
        assert_eq!(
            serde_json::to_value(Value::secret(None).masked()).unwrap(),
            json!(null)
        );
    }

    #[test]
    fn step_outputs_mask_entry_by_entry() {
        let outputs = Value::outputs(IndexMap::from([
            ("a".to_owned(), Value::secret(Some(Secret::new("canary")))),
            ("b".to_owned(), Value::json(json!(1))),
        ]));
        assert!(outputs.is_tainted());
        assert_eq!(
            serde_json::to_value(outputs.masked()).unwrap(),
            json!({"a": MASK, "b": 1})
        );
        assert!(!format!("{outputs:?}").contains("canary"));
        assert_eq!(outputs.expose(), json!({"a": "canary", "b": 1}));
    }
}
