//! The bodies of molde's fuzz targets. They live in [`checks`] so that `tests/fuzz_corpus.rs`
//! in the main workspace can run the committed corpora through exactly the same code.

pub mod checks;
