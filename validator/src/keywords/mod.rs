//! One module per keyword family. Each checks one value that the traversal (stream.rs over
//! bytes, value.rs over a `serde_json::Value`) has already classified, so both share the rules.

pub(crate) mod applicators;
pub(crate) mod array;
pub(crate) mod equality;
pub(crate) mod number;
pub(crate) mod object;
pub(crate) mod string;
pub(crate) mod types;
