//! Readers: one file per input format.

pub mod catalogue;
pub mod grammar;
pub mod recover;
pub mod swagger;
pub mod yaml;
