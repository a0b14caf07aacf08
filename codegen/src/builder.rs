//! [`Builder`]: Rust types from specs in a build script, in the spirit of prost-build.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diag::{Diagnostic, Severity};
use crate::emit::rust::{RustOptions, module_name, to_rust};
use crate::model::SourceFormat;
use crate::render::SourceCache;

/// Generates one Rust module per spec into `OUT_DIR`, from `build.rs`:
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), molde_codegen::BuildError> {
///     molde_codegen::Builder::new()
///         .spec("specs/vantage.swagger.yaml")
///         .overlay("specs/vantage.overlay.yaml") // applies to the spec added just before
///         .spec("specs/smart-collection-score.swagger.yaml")
///         .compile()?;
///     Ok(())
/// }
/// // src/lib.rs: mod vantage { include!(concat!(env!("OUT_DIR"), "/vantage.rs")); }
/// ```
///
/// Each module is named after its spec's file name up to the first dot, in snake_case
/// (`vantage.rs`, `smart_collection_score.rs`). Every spec and overlay is printed as
/// `cargo:rerun-if-changed`, a file is written only when its text changed (so an unchanged
/// spec does not rebuild the crate), and a spec with errors fails the build with the errors
/// shown as `molde check` shows them. The generated code needs `serde` (with `derive`),
/// `serde_json` and `molde-validator` in the crate's dependencies.
#[derive(Clone, Debug, Default)]
pub struct Builder {
    specs: Vec<Input>,
    out_dir: Option<PathBuf>,
    options: RustOptions,
    /// `.overlay()` before any `.spec()`.
    stray_overlay: Option<PathBuf>,
    configs: Vec<PathBuf>,
}

#[derive(Clone, Debug)]
struct Input {
    path: PathBuf,
    overlays: Vec<PathBuf>,
    format: Option<SourceFormat>,
}

impl Builder {
    pub fn new() -> Self {
        Builder::default()
    }

    /// Adds a spec (Swagger 2.0, a markdown or a plain-text field-table document).
    pub fn spec(mut self, path: impl AsRef<Path>) -> Self {
        self.specs.push(Input {
            path: path.as_ref().to_path_buf(),
            overlays: Vec::new(),
            format: None,
        });
        self
    }

    /// Adds an overlay to the spec added just before.
    pub fn overlay(mut self, path: impl AsRef<Path>) -> Self {
        match self.specs.last_mut() {
            Some(spec) => spec.overlays.push(path.as_ref().to_path_buf()),
            None => self.stray_overlay = Some(path.as_ref().to_path_buf()),
        }
        self
    }

    /// Adds every spec a `molde.toml` lists, with its overlays and format.
    pub fn config(mut self, path: impl AsRef<Path>) -> Self {
        self.configs.push(path.as_ref().to_path_buf());
        self
    }

    /// Where the modules go (default: `OUT_DIR`).
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Gives every enum an `Other` variant that keeps codes the spec does not list (for
    /// responses from vendors who add codes without notice).
    pub fn open_enums(mut self, open: bool) -> Self {
        self.options.open_enums = open;
        self
    }

    /// Derives `schemars::JsonSchema` on every type (and writes it for enums), with schemars'
    /// `length`, `range` and `regex` attributes from the spec, behind
    /// `#[cfg_attr(feature = "schemars", ...)]`: the crate declares a `schemars` feature that
    /// enables its (optional) `schemars` 1.x dependency.
    pub fn schemars(mut self, on: bool) -> Self {
        self.options.schemars = on;
        self
    }

    /// Reads every spec, and writes the module of each. Returns the files written or left as
    /// they were.
    pub fn compile(self) -> Result<Vec<PathBuf>, BuildError> {
        let mut problems = Vec::new();
        if let Some(overlay) = &self.stray_overlay {
            problems.push(
                Diagnostic::error(
                    "build.overlay-without-spec",
                    format!(
                        "`.overlay(\"{}\")` comes before any `.spec(...)`",
                        overlay.display()
                    ),
                )
                .hint(
                    "call `.spec(path)` first: an overlay applies to the spec added just before it",
                ),
            );
        }
        let mut inputs = self.specs.clone();
        for config in &self.configs {
            println!("cargo:rerun-if-changed={}", config.display());
            match Config::load(config) {
                Ok(config) => inputs.extend(config.specs.into_iter().map(|s| Input {
                    path: s.path,
                    overlays: s.overlays,
                    format: s.format,
                })),
                Err(e) => problems.push(
                    Diagnostic::error("build.config", e.to_string())
                        .hint("fix molde.toml, or pass the specs with `.spec(path)`"),
                ),
            }
        }
        let out_dir = match self
            .out_dir
            .clone()
            .or_else(|| std::env::var_os("OUT_DIR").map(PathBuf::from))
        {
            Some(dir) => dir,
            None => {
                problems.push(
                    Diagnostic::error("build.out-dir", "OUT_DIR is not set and no `.out_dir(...)` was given")
                        .hint("run the Builder from build.rs, where cargo sets OUT_DIR, or call `.out_dir(dir)`"),
                );
                return Err(BuildError::new(problems));
            }
        };
        let mut modules: Vec<(String, PathBuf)> = Vec::new();
        let mut pending: Vec<(PathBuf, String)> = Vec::new();
        for input in &inputs {
            println!("cargo:rerun-if-changed={}", input.path.display());
            for overlay in &input.overlays {
                println!("cargo:rerun-if-changed={}", overlay.display());
            }
            let module = module_name(&input.path);
            if let Some((_, other)) = modules.iter().find(|(m, _)| *m == module) {
                problems.push(Diagnostic::error(
                    "build.module-clash",
                    format!(
                        "`{}` and `{}` would both be the module `{module}`",
                        other.display(),
                        input.path.display()
                    ),
                ).hint("rename one of the files: the module is named after the file name up to its first dot"));
                continue;
            }
            modules.push((module.clone(), input.path.clone()));
            let overlays: Vec<(PathBuf, String)> = input
                .overlays
                .iter()
                .map(|o| (o.clone(), o.display().to_string()))
                .collect();
            let loaded = crate::load_spec_as(
                &input.path,
                &input.path.display().to_string(),
                &overlays,
                input.format,
            );
            let errors: Vec<Diagnostic> = loaded
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .cloned()
                .collect();
            match loaded.spec {
                Some(spec) if errors.is_empty() => {
                    let file = out_dir.join(format!("{module}.rs"));
                    pending.push((file, to_rust(&spec, &self.options)));
                }
                _ => problems.extend(errors),
            }
        }
        if !problems.is_empty() {
            return Err(BuildError::new(problems));
        }
        let mut written = Vec::new();
        for (file, code) in pending {
            let same = std::fs::read_to_string(&file).is_ok_and(|old| old == code);
            if !same {
                std::fs::write(&file, &code).map_err(|e| {
                    BuildError::new(vec![Diagnostic::error(
                        "build.write",
                        format!("cannot write {}: {e}", file.display()),
                    )])
                })?;
            }
            written.push(file);
        }
        Ok(written)
    }
}

/// Why [`Builder::compile`] wrote nothing: every error found, shown rustc-style by `Display`.
#[derive(Clone, Debug)]
pub struct BuildError {
    pub diagnostics: Vec<Diagnostic>,
    shown: String,
}

impl BuildError {
    fn new(diagnostics: Vec<Diagnostic>) -> Self {
        let mut sources = SourceCache::default();
        let shown = diagnostics
            .iter()
            .map(|d| sources.render(d, false))
            .collect::<Vec<_>>()
            .join("\n");
        BuildError { diagnostics, shown }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "molde found {} error(s) in the specs:",
            self.diagnostics.len()
        )?;
        f.write_str(&self.shown)
    }
}

impl std::error::Error for BuildError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("molde-builder-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn writes_one_module_per_spec_and_leaves_an_unchanged_one_alone() {
        let dir = scratch("ok");
        let spec = dir.join("demo-api.swagger.yaml");
        std::fs::write(&spec, "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  A: {type: string}\n").unwrap();
        let written = Builder::new().spec(&spec).out_dir(&dir).compile().unwrap();
        assert_eq!(written, [dir.join("demo_api.rs")]);
        let modified = std::fs::metadata(&written[0]).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        Builder::new().spec(&spec).out_dir(&dir).compile().unwrap();
        assert_eq!(
            std::fs::metadata(&written[0]).unwrap().modified().unwrap(),
            modified
        );
    }

    #[test]
    fn errors_are_values_shown_like_molde_check() {
        let dir = scratch("err");
        let spec = dir.join("broken.yaml");
        std::fs::write(&spec, "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  A: {$ref: '#/definitions/B'}\n  B: {$ref: '#/definitions/A'}\n").unwrap();
        let error = Builder::new()
            .spec(&spec)
            .out_dir(&dir)
            .compile()
            .unwrap_err();
        let shown = error.to_string();
        assert!(shown.contains("error[ref.cycle]"), "{shown}");
        assert!(shown.contains("broken.yaml:5:"), "{shown}");
        let stray = Builder::new()
            .overlay("o.yaml")
            .out_dir(&dir)
            .compile()
            .unwrap_err();
        assert_eq!(stray.diagnostics[0].code, "build.overlay-without-spec");
        let clash = Builder::new()
            .spec(&spec)
            .spec(dir.join("broken.json"))
            .out_dir(&dir)
            .compile()
            .unwrap_err();
        assert!(
            clash
                .diagnostics
                .iter()
                .any(|d| d.code == "build.module-clash")
        );
    }
}
