//! Readers: one file per input format, and what they share.

pub(crate) mod catalogue;
pub(crate) mod detect;
pub(crate) mod field_table;
pub(crate) mod grammar;
pub(crate) mod json_tolerant;
pub(crate) mod markdown;
pub(crate) mod recover;
pub(crate) mod refs;
pub(crate) mod swagger;
pub(crate) mod text_table;
pub(crate) mod yaml;
