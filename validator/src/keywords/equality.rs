//! enum, const and uniqueItems: JSON equality, where `1` equals `1.0` and member order does
//! not matter.

use serde_json::Value;

use crate::compile::Enumeration;
use crate::keywords::number::{NumView, mix, with_text};
use crate::keywords::string::quote;
use crate::report::{At, Sink, Stop};

/// A value that can be compared with schema values and with its siblings.
pub(crate) trait Instance {
    fn equals(&self, expected: &Value) -> bool;
    /// Equal values hash equal (numbers by value, objects whatever their member order).
    fn canonical_hash(&self) -> u64;
    fn equals_instance(&self, other: &Self) -> bool;
    /// Short JSON text for messages.
    fn describe(&self) -> String;
    /// The UTF-8 text of a string written without escapes (`None` for anything else).
    fn plain_str(&self) -> Option<&[u8]> {
        None
    }
}

pub(crate) fn check_enum(
    enumeration: &Enumeration,
    value: &impl Instance,
    sink: &mut Sink<'_, '_>,
    at: At<'_, '_>,
) -> Result<(), Stop> {
    let values = &enumeration.values;
    let found = match value.plain_str() {
        // A plain string can only equal a string member: one hash probe.
        Some(text) => enumeration.has_string(text),
        None => values.iter().any(|v| value.equals(v)),
    };
    if found {
        return Ok(());
    }
    sink.fail(at, "enum", || {
        const SHOWN: usize = 12;
        let mut listed: Vec<String> = values.iter().take(SHOWN).map(describe).collect();
        if values.len() > SHOWN {
            listed.push(format!("… ({} values in all)", values.len()));
        }
        format!(
            "expected one of {}, found {}",
            listed.join(", "),
            value.describe()
        )
    })
}

pub(crate) fn check_const(
    expected: &Value,
    value: &impl Instance,
    sink: &mut Sink<'_, '_>,
    at: At<'_, '_>,
) -> Result<(), Stop> {
    if value.equals(expected) {
        return Ok(());
    }
    sink.fail(at, "const", || {
        format!(
            "expected {}, found {}",
            describe(expected),
            value.describe()
        )
    })
}

/// Checks `uniqueItems: true`: reports the first two equal items by index.
pub(crate) fn check_unique<I: Instance>(
    items: &[I],
    sink: &mut Sink<'_, '_>,
    at: At<'_, '_>,
) -> Result<(), Stop> {
    let mut hashed: Vec<(u64, usize)> = items.iter().map(I::canonical_hash).zip(0..).collect();
    hashed.sort_unstable();
    let mut duplicate: Option<(usize, usize)> = None;
    for run in hashed.chunk_by(|a, b| a.0 == b.0) {
        for (i, (_, a)) in run.iter().enumerate() {
            for (_, b) in &run[i + 1..] {
                if items[*a].equals_instance(&items[*b]) {
                    let pair = ((*a).min(*b), (*a).max(*b));
                    duplicate = Some(duplicate.map_or(pair, |d| d.min(pair)));
                }
            }
        }
    }
    match duplicate {
        Some((a, b)) => sink.fail(at, "uniqueItems", || {
            format!("expected unique items, found items {a} and {b} equal")
        }),
        None => Ok(()),
    }
}

pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::String(s) => quote(s),
        other => {
            let text = other.to_string();
            match text.char_indices().nth(60) {
                Some((cut, _)) => format!("{}…", &text[..cut]),
                None => text,
            }
        }
    }
}

/// JSON equality of two values.
pub(crate) fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => with_text(x, |x| {
            with_text(y, |y| {
                NumView::parse(x.as_bytes())
                    .cmp(&NumView::parse(y.as_bytes()))
                    .is_eq()
            })
        }),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_equal(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        (x, y) => x == y,
    }
}

pub(crate) fn value_hash(value: &Value) -> u64 {
    let mut h = 0u64;
    match value {
        Value::Null => mix(&mut h, 1),
        Value::Bool(b) => mix(&mut h, 2 + u64::from(*b)),
        Value::Number(n) => with_text(n, |t| NumView::parse(t.as_bytes()).hash_into(&mut h)),
        Value::String(s) => hash_str(&mut h, s.chars()),
        Value::Array(items) => {
            mix(&mut h, 5);
            for item in items {
                mix(&mut h, value_hash(item));
            }
        }
        Value::Object(members) => {
            // Order-independent: sum of member hashes.
            let sum = members.iter().fold(0u64, |acc, (k, v)| {
                let mut m = 0;
                hash_str(&mut m, k.chars());
                mix(&mut m, value_hash(v));
                acc.wrapping_add(m)
            });
            mix(&mut h, 6);
            mix(&mut h, sum);
        }
    }
    h
}

pub(crate) fn hash_str(h: &mut u64, chars: impl Iterator<Item = char>) {
    mix(h, 4);
    for c in chars {
        mix(h, u64::from(c));
    }
}

impl Instance for &Value {
    fn equals(&self, expected: &Value) -> bool {
        json_equal(self, expected)
    }
    fn plain_str(&self) -> Option<&[u8]> {
        self.as_str().map(str::as_bytes)
    }
    fn canonical_hash(&self) -> u64 {
        value_hash(self)
    }
    fn equals_instance(&self, other: &Self) -> bool {
        json_equal(self, other)
    }
    fn describe(&self) -> String {
        describe(self)
    }
}
