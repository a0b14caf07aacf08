//! Inputs that tests read from outside the repository (`../shared/corpus`, the official
//! JSON-Schema-Test-Suite fetched into `target/`). On a user's machine a missing input makes
//! the test skip with a note; under CI (`CI` set), where the inputs are always present, it
//! fails the test.

#![allow(dead_code)] // Each test crate that includes this file uses part of it.

use std::path::{Path, PathBuf};

/// `path` when it exists. When it does not: `None` after a note on stderr, or a panic under CI.
pub fn required_input(path: &Path, what: &str) -> Option<PathBuf> {
    if path.exists() {
        return Some(path.to_path_buf());
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{what} is missing at {} (CI must provide it)",
        path.display()
    );
    eprintln!("skipped: {what} is not at {}", path.display());
    None
}

/// The project's root folder (where `molde.toml` is).
pub fn project_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    if here.join("molde.toml").exists() {
        here.to_path_buf()
    } else {
        here.parent()
            .expect("a crate of the workspace")
            .to_path_buf()
    }
}

/// The shared corpus of Swagger 2.0 specs, `../shared/corpus/swagger2` beside the project.
pub fn corpus() -> Option<PathBuf> {
    required_input(
        &project_root().join("../shared/corpus/swagger2"),
        "the shared Swagger 2.0 corpus",
    )
}
