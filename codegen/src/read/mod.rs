//! Readers: one file per input format.

pub mod catalogue;
pub mod recover;
pub mod swagger;
pub mod yaml;
