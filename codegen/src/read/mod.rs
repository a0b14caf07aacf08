//! Readers: one file per input format, and what they share.

pub(crate) mod catalogue;
pub(crate) mod grammar;
pub(crate) mod recover;
pub(crate) mod refs;
pub(crate) mod swagger;
pub(crate) mod yaml;
