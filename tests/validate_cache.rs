//! `molde validate` keeps what it compiled a target from between runs: a second run gives the
//! same output without reading the specs, and any change to an input is seen at once.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `molde validate` in `dir`, with its cache in `cache` (`None`: `MOLDE_CACHE_DIR=""`).
fn validate(dir: &Path, cache: Option<&Path>, args: &[&str], payload: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_molde"))
        .arg("validate")
        .args(args)
        .current_dir(dir)
        .env(
            "MOLDE_CACHE_DIR",
            cache.map_or(PathBuf::new(), Path::to_path_buf),
        )
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("molde runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(payload)
        .expect("the payload is written");
    child.wait_with_output().unwrap()
}

fn entries(cache: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cache)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

const SPEC: &str = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  Pago:\n    type: object\n    required: [monto]\n    properties:\n      monto: {type: integer}\n";

#[test]
fn a_second_run_uses_the_cache_and_a_changed_input_is_read_afresh() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let cache = dir.join("cache");
    std::fs::write(dir.join("pagos.yaml"), SPEC).unwrap();
    let args = ["--no-config", "--spec", "pagos.yaml", "--type", "Pago"];
    let payload = b"{\"monto\": 5}\n{\"monto\": \"5\"}\n";

    let first = validate(&dir, Some(&cache), &args, payload);
    assert_eq!(first.status.code(), Some(1), "{first:?}");
    let out = String::from_utf8_lossy(&first.stdout);
    assert!(
        out.starts_with("<stdin>:2:11: /monto: expected integer"),
        "{out}"
    );
    assert_eq!(entries(&cache).len(), 1, "the first run stores its outcome");
    let second = validate(&dir, Some(&cache), &args, payload);
    assert_eq!(
        (second.status.code(), &second.stdout, &second.stderr),
        (first.status.code(), &first.stdout, &first.stderr)
    );

    // The spec changes: the run sees it (both payloads now differ in validity), and the entry
    // for this target is replaced, not joined by another.
    std::fs::write(dir.join("pagos.yaml"), SPEC.replace("integer", "string")).unwrap();
    let changed = validate(&dir, Some(&cache), &args, payload);
    let out = String::from_utf8_lossy(&changed.stdout);
    assert!(
        out.starts_with("<stdin>:1:11: /monto: expected string") && !out.contains("<stdin>:2:"),
        "the integer payload is now the invalid one: {out}"
    );
    assert_eq!(entries(&cache).len(), 1);

    // Another target is another entry; a damaged entry is read as a miss and rewritten.
    let other = validate(
        &dir,
        Some(&cache),
        &[
            "--no-config",
            "--spec",
            "pagos.yaml",
            "--type",
            "Pago",
            "--no-formats",
        ],
        payload,
    );
    assert_eq!(other.status.code(), Some(1));
    assert_eq!(entries(&cache).len(), 2);
    for file in entries(&cache) {
        std::fs::write(file, b"{\"digest\": 3").unwrap();
    }
    let damaged = validate(&dir, Some(&cache), &args, payload);
    assert_eq!(
        (damaged.status.code(), &damaged.stdout, &damaged.stderr),
        (changed.status.code(), &changed.stdout, &changed.stderr)
    );

    // --no-cache and an empty MOLDE_CACHE_DIR keep nothing.
    let fresh = dir.join("fresh");
    let no_cache = validate(
        &dir,
        Some(&fresh),
        &[&args[..], &["--no-cache"]].concat(),
        payload,
    );
    assert_eq!(no_cache.stdout, changed.stdout);
    assert!(!fresh.exists());
    let none = validate(&dir, None, &args, payload);
    assert_eq!(none.stdout, changed.stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_warning_printed_while_finding_the_target_is_printed_again_from_the_cache() {
    // Without its overlay, Vant/Age has an error away from CatalogoSexo: validate warns of it.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cache =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cache-warn-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cache);
    let args = [
        "--no-config",
        "--spec",
        "schemas/vantage.swagger.yaml",
        "--type",
        "CatalogoSexo",
    ];
    let first = validate(root, Some(&cache), &args, b"\"M\"");
    let second = validate(root, Some(&cache), &args, b"\"M\"");
    assert_eq!(first.status.code(), Some(0));
    let warning = String::from_utf8_lossy(&first.stderr);
    assert!(warning.contains("1 error elsewhere"), "{warning}");
    assert_eq!(first.stderr, second.stderr);
    assert_eq!(entries(&cache).len(), 1);
    let _ = std::fs::remove_dir_all(&cache);
}
