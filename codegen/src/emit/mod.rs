//! Emitters: one file per output.

pub mod yaml;
