//! `type`, including lists of types and "integer" (a number with no fractional part).

use serde_json::Value;

/// What a JSON value is, as far as `type` cares.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Boolean => "boolean",
            Kind::Number => "number",
            Kind::String => "string",
            Kind::Array => "array",
            Kind::Object => "object",
        }
    }
}

/// A set of JSON Schema type names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Types(u8);

const NAMES: [&str; 7] = [
    "null", "boolean", "number", "string", "array", "object", "integer",
];
const INTEGER: u8 = 1 << 6;

impl Types {
    /// `"string"` or `["string", "null"]`; `None` for an unknown name or an empty list.
    pub fn parse(value: &Value) -> Option<Types> {
        let bit = |name: &str| NAMES.iter().position(|n| *n == name).map(|i| 1u8 << i);
        let bits = match value {
            Value::String(name) => bit(name)?,
            Value::Array(names) if !names.is_empty() => names
                .iter()
                .map(|n| n.as_str().and_then(bit))
                .try_fold(0u8, |acc, b| b.map(|b| acc | b))?,
            _ => return None,
        };
        Some(Types(bits))
    }

    fn has(self, kind: Kind) -> bool {
        self.0 & (1 << kind as u8) != 0
    }

    /// Whether a value of `kind` fits. Only an integer-typed schema asks `integral`, and only
    /// for numbers, because deciding it reads the number's digits.
    #[inline]
    pub fn admits(self, kind: Kind, integral: impl FnOnce() -> bool) -> bool {
        self.has(kind) || (kind == Kind::Number && self.0 & INTEGER != 0 && integral())
    }

    /// "string", "string or null", "integer, string or null".
    pub fn describe(self) -> String {
        // "null" last: "string or null" reads better than "null or string".
        let names: Vec<&str> = [3, 2, 6, 1, 5, 4, 0]
            .into_iter()
            .filter(|i| self.0 & (1 << i) != 0)
            .map(|i| NAMES[i])
            .collect();
        match names.split_last() {
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}
