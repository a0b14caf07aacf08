//! The Rust generated for every spec of `../shared/corpus/swagger2/` (kubernetes and docker
//! included) compiles, with warnings denied, in a crate of its own that depends on what a
//! user's crate does (serde, serde_json, molde-validator, and schemars behind its feature, on
//! here). Slow (a cargo build): it runs under
//! CI, or with `MOLDE_SLOW_TESTS=1`. `MOLDE_RUST_CORPUS=DIR` runs it on another folder of
//! specs (a held-out set); specs there that molde refuses (errors) are listed, not failed.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "../codegen/tests/support/inputs.rs"]
mod inputs;

fn specs(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            // Specs that break the Swagger 2.0 grammar on purpose.
            if path.file_name().is_some_and(|n| n != "invalid") {
                specs(&path, out);
            }
        } else if path
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        {
            out.push(path);
        }
    }
}

/// Errors this test generates code despite: `molde check` (and the Builder) refuse such a
/// spec, but the generator still has to cope with it. docker.json gives two operations one
/// `operationId`; the second one's module gets a suffix, and the code must compile.
const GENERATED_DESPITE: &[&str] = &["operation.duplicate-id"];

#[test]
fn generated_code_for_every_corpus_spec_compiles() {
    if std::env::var_os("CI").is_none() && std::env::var_os("MOLDE_SLOW_TESTS").is_none() {
        eprintln!("skipped: slow (a cargo build); set MOLDE_SLOW_TESTS=1 to run it");
        return;
    }
    let other = std::env::var_os("MOLDE_RUST_CORPUS").map(PathBuf::from);
    let Some(corpus) = other.clone().or_else(inputs::corpus) else {
        return;
    };
    let root = inputs::project_root();
    let krate = root.join("target/rust-corpus");
    std::fs::create_dir_all(krate.join("src")).unwrap();
    let mut all = Vec::new();
    specs(&corpus, &mut all);
    let mut modules = Vec::new();
    let mut refused = Vec::new();
    // With the schemars derives and attributes, which the crate's default feature enables.
    let options = molde_codegen::emit::rust::RustOptions {
        schemars: true,
        ..Default::default()
    };
    for path in &all {
        let shown = path.strip_prefix(&corpus).unwrap().display().to_string();
        let loaded = molde_codegen::load_spec(path, &shown, &[]);
        let errors: Vec<String> = loaded
            .diagnostics
            .iter()
            .filter(|d| {
                d.severity == molde_codegen::Severity::Error && !GENERATED_DESPITE.contains(&d.code)
            })
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect();
        match loaded.spec {
            Some(spec) if errors.is_empty() => {
                // `petstore.json` and `petstore.yaml` are both in the corpus: the module is
                // named after the whole relative path.
                let module: String = shown
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() {
                            c.to_ascii_lowercase()
                        } else {
                            '_'
                        }
                    })
                    .collect::<String>()
                    .split('_')
                    .filter(|part| !part.is_empty())
                    .collect::<Vec<_>>()
                    .join("_");
                let module = if module.starts_with(|c: char| c.is_ascii_digit()) {
                    format!("spec_{module}")
                } else {
                    module
                };
                let code = molde_codegen::emit::rust::to_rust(&spec, &options);
                std::fs::write(krate.join("src").join(format!("{module}.rs")), code).unwrap();
                modules.push(module);
            }
            _ => refused.push(format!(
                "{shown}: {} ({} errors)",
                errors.first().map_or("no model", String::as_str),
                errors.len()
            )),
        }
    }
    let lib: String = std::iter::once("#![deny(warnings)]\n".to_string())
        .chain(modules.iter().map(|m| format!("pub mod {m};\n")))
        .collect();
    std::fs::write(krate.join("src/lib.rs"), lib).unwrap();
    let validator = root.join("validator");
    std::fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"molde-corpus-types\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\nmolde-validator = {{ path = {:?} }}\nschemars = {{ version = \"1\", optional = true }}\n\n[features]\ndefault = [\"schemars\"]\nschemars = [\"dep:schemars\"]\n\n[workspace]\n",
            validator.display().to_string()
        ),
    )
    .unwrap();
    // The workspace's lock file, so the same versions are used and nothing is downloaded.
    std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    let started = std::time::Instant::now();
    let output = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet", "--manifest-path"])
        .arg(krate.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", root.join("target/rust-corpus-target"))
        .output()
        .expect("cargo runs");
    eprintln!(
        "{} of {} corpus specs generated and built in {:.0?}; refused: {refused:?}",
        modules.len(),
        all.len(),
        started.elapsed()
    );
    assert!(
        output.status.success(),
        "the generated code does not compile:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    if other.is_none() {
        assert!(refused.is_empty(), "{refused:#?}");
        assert!(modules.len() >= 20, "{modules:?}");
    }
}
