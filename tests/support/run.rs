//! Runs the `molde` binary from the project's directory, as a user would.

#![allow(dead_code)] // each test file uses its own part

use std::process::{Command, Output};

use serde_json::Value;

/// Where the tests' `molde validate` runs keep their cache: under the target directory, not
/// the user's cache directory.
pub const CACHE_DIR: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/molde-cache");

pub fn molde(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_molde"))
        .args(args)
        .env("MOLDE_CACHE_DIR", CACHE_DIR)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("molde runs")
}

/// `molde check --format json`: the exit code and one JSON object per diagnostic.
pub fn check_json(args: &[&str]) -> (i32, Vec<Value>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = molde(&all);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let diags = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    (out.status.code().expect("exited"), diags)
}

pub fn molde_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_molde"))
        .args(args)
        .env("MOLDE_CACHE_DIR", CACHE_DIR)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("molde runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().ok();
    out
}
