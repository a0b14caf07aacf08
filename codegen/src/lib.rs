//! molde-codegen: reads vendor API contracts into one [`model`], lints them, and emits artefacts.
//!
//! Data flows one way: `read` (text -> [`tree::Node`] -> [`model::Spec`]) -> `lint` -> `emit`.

pub mod config;
pub mod diag;
pub mod emit;
pub mod lint;
pub mod load;
pub mod model;
pub mod overlay;
pub mod read;
pub mod tree;
