//! Snapshots of everything molde emits for the specs in `schemas/`: a vendor's spec that drifts
//! shows up as a readable diff here. Review changes with `cargo insta review`.

use std::path::{Path, PathBuf};

use molde_codegen::config::Config;
use molde_codegen::{load_spec, read_document};

fn project() -> Config {
    Config::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("molde.toml"))
        .expect("molde.toml reads")
}

fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .unwrap()
        .to_string_lossy()
        .replace('.', "_")
}

fn overlays(paths: &[PathBuf]) -> Vec<(PathBuf, String)> {
    paths.iter().map(|p| (p.clone(), relative(p))).collect()
}

/// `molde check --format json` for each spec, with and without its overlays.
#[test]
fn check_findings() {
    for entry in project().specs {
        let shown = relative(&entry.path);
        for (suffix, overlay_list) in [("", overlays(&entry.overlays)), ("_no_overlay", Vec::new())]
        {
            if suffix == "_no_overlay" && entry.overlays.is_empty() {
                continue;
            }
            let loaded = load_spec(&entry.path, &shown, &overlay_list);
            let lines: Vec<String> = loaded
                .diagnostics
                .iter()
                .map(|d| serde_json::to_string(d).unwrap())
                .collect();
            insta::assert_snapshot!(
                format!("check_{}{suffix}", name_of(&entry.path)),
                lines.join("\n")
            );
        }
    }
}

/// The recovered YAML of each stripped spec (`molde repair`).
#[test]
fn repaired_yaml() {
    for entry in project().specs {
        let bytes = std::fs::read(&entry.path).unwrap();
        let doc = read_document(&relative(&entry.path), &bytes);
        if let Some(recovered) = doc.recovered {
            insta::assert_snapshot!(format!("repair_{}", name_of(&entry.path)), recovered.text);
        }
    }
}

/// The common model (`molde model`) of each spec with its overlays, positions left out: the
/// findings above show where things are, and a line added at the top of a spec should not
/// touch every entry of the model's snapshot.
#[test]
fn models() {
    for entry in project().specs {
        let loaded = load_spec(
            &entry.path,
            &relative(&entry.path),
            &overlays(&entry.overlays),
        );
        let mut spec = loaded.spec.expect("the spec reads");
        // Snapshotted by `check_findings`.
        spec.diagnostics.clear();
        let text = serde_json::to_string_pretty(&spec).unwrap();
        insta::assert_snapshot!(
            format!("model_{}", name_of(&entry.path)),
            redact_positions(&text)
        );
    }
}

/// The pretty-printed model with every position (`{"line": .., "column": ..}`) written `"[pos]"`.
fn redact_positions(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < lines.len() {
        let is_pos = lines[i].ends_with('{')
            && lines
                .get(i + 1)
                .is_some_and(|l| l.trim_start().starts_with("\"line\": "))
            && lines
                .get(i + 2)
                .is_some_and(|l| l.trim_start().starts_with("\"column\": "))
            && lines
                .get(i + 3)
                .is_some_and(|l| l.trim() == "}" || l.trim() == "},");
        if is_pos {
            let comma = if lines[i + 3].trim().ends_with(',') {
                ","
            } else {
                ""
            };
            out.push_str(&lines[i][..lines[i].len() - 1]);
            out.push_str("\"[pos]\"");
            out.push_str(comma);
            out.push('\n');
            i += 4;
        } else {
            out.push_str(lines[i]);
            out.push('\n');
            i += 1;
        }
    }
    out
}

/// The Rust module of each spec (`molde gen rust`, what the build.rs Builder writes): a vendor's
/// change to a spec shows up as a readable diff of the types, their docs and the embedded
/// schema.
#[test]
fn rust_modules() {
    for entry in project().specs {
        let loaded = load_spec(
            &entry.path,
            &relative(&entry.path),
            &overlays(&entry.overlays),
        );
        let spec = loaded.spec.expect("the spec reads");
        let code = molde_codegen::emit::rust::to_rust(&spec, &Default::default());
        insta::assert_snapshot!(format!("rust_{}", name_of(&entry.path)), code);
    }
}

/// What a snapshot file holds after its header.
fn snapshot_body(name: &str) -> String {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("snapshots__{name}.snap"));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}): run `cargo insta test`",
            file.display()
        )
    });
    let body = text
        .splitn(3, "---\n")
        .nth(2)
        .expect("an insta snapshot has a header between two `---` lines");
    body.trim_end_matches('\n').to_string()
}

/// Changing one `maxLength` in a copy of the Vant/Age spec makes `rust_modules` fail: the
/// module differs from the stored snapshot, and the diff shows the new bound in the field's
/// docs and in the embedded schema.
#[test]
fn a_changed_max_length_shows_in_the_rust_snapshot_diff() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("schemas/vantage.swagger.yaml")).unwrap();
    let at = text
        .find("maxLength: 50")
        .expect("the spec bounds `folio` at 50");
    let changed = format!(
        "{}maxLength: 51{}",
        &text[..at],
        &text[at + "maxLength: 50".len()..]
    );
    let overlay = std::fs::read(root.join("schemas/vantage.overlay.yaml")).unwrap();
    let loaded = molde_codegen::check_bytes(
        "schemas/vantage.swagger.yaml",
        changed.as_bytes(),
        &[("schemas/vantage.overlay.yaml".to_string(), overlay)],
    );
    let code = molde_codegen::emit::rust::to_rust(&loaded.spec.unwrap(), &Default::default());
    let stored = snapshot_body("rust_vantage_swagger_yaml");
    assert_ne!(
        code.trim_end_matches('\n'),
        stored,
        "the snapshot test would pass"
    );
    let diff = similar::TextDiff::from_lines(stored.as_str(), code.trim_end_matches('\n'));
    let added: Vec<String> = diff
        .iter_all_changes()
        .filter(|c| c.tag() == similar::ChangeTag::Insert)
        .map(|c| c.value().trim().to_string())
        .collect();
    assert!(
        added.iter().any(|l| l == "/// Length: 1 to 51 characters."),
        "{added:#?}"
    );
    assert!(added.iter().any(|l| l == "\"maxLength\": 51"), "{added:#?}");
    assert!(
        added.len() <= 4,
        "only the changed bound differs: {added:#?}"
    );
}
