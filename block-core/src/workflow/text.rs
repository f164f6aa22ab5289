//! A workflow file's text read into JSON in the same pass that notices
//! what the JSON forgets: a key written twice in one object (only its last
//! value survives), and texts or nesting that may be past the operator's
//! limits. The exact checks with their places (`limits`, `position`) walk
//! the text again, but only when this pass found a reason to.

use std::cell::{Cell, RefCell};
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::context::{Limit, Limits};

/// How much longer a text may be written than it reads: `\u0041` is six
/// bytes for one.
const ESCAPE_RATIO: usize = 6;

/// JSON read from a text.
#[derive(Debug)]
pub(crate) struct Read {
    pub(crate) json: Value,
    /// Whether an object repeats a key.
    pub(crate) duplicates: bool,
}

/// Why a text was not read.
#[derive(Debug)]
pub(crate) enum Unread {
    /// A text or a nesting may be past a limit: the exact check decides.
    MayExceed,
    /// Not JSON.
    Syntax(serde_json::Error),
}

/// Reads `text` as JSON, stopping at the first text or nesting that may
/// be past `limits`.
pub(crate) fn read(text: &str, limits: &Limits) -> Result<Read, Unread> {
    let watch = Watch {
        max_depth: limits.get(Limit::Depth),
        max_bytes: limits.get(Limit::StringBytes),
        duplicates: Cell::new(false),
        may_exceed: Cell::new(false),
        lists: RefCell::new(Vec::new()),
        objects: RefCell::new(Vec::new()),
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let reader = Reader {
        depth: 0,
        watch: &watch,
    };
    let json = reader
        .deserialize(&mut deserializer)
        .and_then(|json| deserializer.end().map(|()| json));
    match json {
        Ok(json) => Ok(Read {
            json,
            duplicates: watch.duplicates.get(),
        }),
        Err(_) if watch.may_exceed.get() => Err(Unread::MayExceed),
        Err(error) => Err(Unread::Syntax(error)),
    }
}

/// What reading watches for, shared by every level.
struct Watch {
    max_depth: usize,
    max_bytes: usize,
    duplicates: Cell<bool>,
    may_exceed: Cell<bool>,
    /// Per depth, a list to gather a container's members in before they
    /// are moved to one of their exact size: a list grown one push at a
    /// time holds up to twice the room it needs, and a workflow's JSON is
    /// what sets its peak memory.
    lists: RefCell<Vec<Vec<Value>>>,
    objects: RefCell<Vec<Vec<(String, Value)>>>,
}

impl Watch {
    /// The gathering list for `depth`, to give back with [`Watch::give`].
    fn take<T>(lists: &RefCell<Vec<Vec<T>>>, depth: usize) -> Vec<T> {
        lists
            .borrow_mut()
            .get_mut(depth)
            .map(std::mem::take)
            .unwrap_or_default()
    }

    fn give<T>(lists: &RefCell<Vec<Vec<T>>>, depth: usize, mut list: Vec<T>) {
        list.clear();
        let mut lists = lists.borrow_mut();
        if lists.len() <= depth {
            lists.resize_with(depth + 1, Vec::new);
        }
        if let Some(slot) = lists.get_mut(depth) {
            *slot = list;
        }
    }
}

impl Watch {
    /// A text of `bytes` bytes once read, written with escapes or not.
    fn text<E: de::Error>(&self, bytes: usize, escaped: bool) -> Result<(), E> {
        let written = if escaped {
            bytes.saturating_mul(ESCAPE_RATIO)
        } else {
            bytes
        };
        if written > self.max_bytes {
            self.stop()
        } else {
            Ok(())
        }
    }

    fn stop<E: de::Error>(&self) -> Result<(), E> {
        self.may_exceed.set(true);
        Err(E::custom("a limit may be exceeded"))
    }
}

/// Reads one value at `depth` lists and objects deep.
#[derive(Clone, Copy)]
struct Reader<'w> {
    depth: usize,
    watch: &'w Watch,
}

impl Reader<'_> {
    /// The reader of a container's members.
    fn inside<E: de::Error>(self) -> Result<Self, E> {
        let depth = self.depth + 1;
        if depth >= self.watch.max_depth {
            self.watch.stop()?;
        }
        Ok(Self { depth, ..self })
    }
}

impl<'de> DeserializeSeed<'de> for Reader<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Reader<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Value, E> {
        self.watch.text(value.len(), false)?;
        Ok(Value::String(value.to_owned()))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Value, E> {
        self.watch.text(value.len(), true)?;
        Ok(Value::String(value.to_owned()))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Value, A::Error> {
        let inside = self.inside()?;
        let mut gathered = Watch::take(&self.watch.lists, self.depth);
        while let Some(item) = items.next_element_seed(inside)? {
            gathered.push(item);
        }
        let mut list = Vec::with_capacity(gathered.len());
        list.append(&mut gathered);
        Watch::give(&self.watch.lists, self.depth, gathered);
        Ok(Value::Array(list))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut members: A) -> Result<Value, A::Error> {
        let inside = self.inside()?;
        let mut gathered = Watch::take(&self.watch.objects, self.depth);
        while let Some(key) = members.next_key_seed(Key(self.watch))? {
            let value = members.next_value_seed(inside)?;
            gathered.push((key, value));
        }
        let written = gathered.len();
        let object: Map<String, Value> = gathered.drain(..).collect();
        Watch::give(&self.watch.objects, self.depth, gathered);
        if object.len() < written {
            self.watch.duplicates.set(true);
        }
        Ok(Value::Object(object))
    }
}

/// Reads a key, watching its length.
struct Key<'w>(&'w Watch);

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = String;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<String, E> {
        self.0.text(key.len(), false)?;
        Ok(key.to_owned())
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<String, E> {
        self.0.text(key.len(), true)?;
        Ok(key.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(limit: Limit, value: usize) -> Limits {
        Limits::default().with(limit, value).unwrap()
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let text = r#"{"a": [1, -2, 3.5, true, null, "x\u0041"], "b": {"c": {}}}"#;
        let read = read(text, &Limits::default()).unwrap();
        assert_eq!(read.json, serde_json::from_str::<Value>(text).unwrap());
        assert!(!read.duplicates);
    }

    #[test]
    fn notices_a_repeated_key_at_any_depth() {
        let read = read(r#"{"a": [{"k": 1, "k": 2}]}"#, &Limits::default()).unwrap();
        assert!(read.duplicates);
        assert_eq!(read.json["a"][0]["k"], 2);
    }

    #[test]
    fn stops_where_a_limit_may_be_exceeded() {
        let deep = limits(Limit::Depth, 3);
        assert!(read(r#"{"a": [1]}"#, &deep).is_ok());
        assert!(matches!(
            read(r#"{"a": [[1]]}"#, &deep),
            Err(Unread::MayExceed)
        ));
        let short = limits(Limit::StringBytes, 6);
        assert!(read(r#"{"abcdef": "abcdef"}"#, &short).is_ok());
        assert!(matches!(
            read(r#"{"abcdefg": 1}"#, &short),
            Err(Unread::MayExceed)
        ));
        assert!(matches!(read(r#"["a\n"]"#, &short), Err(Unread::MayExceed)));
    }

    #[test]
    fn a_syntax_error_is_serde_json_s() {
        let Err(Unread::Syntax(error)) = read("{\"a\": 1,}", &Limits::default()) else {
            panic!("a trailing comma is not JSON");
        };
        assert!(error.to_string().starts_with("trailing comma"), "{error}");
        assert!(matches!(
            read("[1] 2", &Limits::default()),
            Err(Unread::Syntax(_))
        ));
    }
}
