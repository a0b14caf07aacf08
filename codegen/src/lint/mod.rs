//! Lints over the model.
