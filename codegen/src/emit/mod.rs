//! Emitters: one file per output.

pub mod json_schema;
pub mod rust;
pub mod yaml;
