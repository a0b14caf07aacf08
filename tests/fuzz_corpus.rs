//! Runs the committed fuzz corpora (`fuzz/corpus/<target>/`) and the minimised crash and hang
//! reproducers (`fuzz/regressions/<target>/`) through the same checks the fuzz targets run
//! (`fuzz/src/checks.rs`), so CI keeps every input the fuzzer once found interesting passing
//! without needing nightly or libFuzzer.
//!
//! Each case runs on its own thread with a deadline: a case that hangs fails the test with its
//! file name instead of stalling CI. Regressions of bugs that are not fixed yet are skipped only
//! through [`KNOWN_FAILURES`]; fixing such a bug means deleting its entry.
//! `MOLDE_FUZZ_RUN_KNOWN=1 cargo test --test fuzz_corpus` runs them anyway.

#[path = "../fuzz/src/checks.rs"]
mod checks;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// The body of a fuzz target.
type Check = fn(&[u8]);

/// Each target, the function its fuzz target calls.
const TARGETS: &[(&str, Check)] = &[
    ("read", checks::read),
    ("recover", checks::recover),
    ("overlay", checks::overlay),
    ("validate", checks::validate),
    ("validate_vantage", checks::validate_vantage),
    ("markdown", checks::markdown),
    ("text", checks::text),
];

/// Regressions that still fail: `(target, file in fuzz/regressions/<target>/)`. Every entry is a
/// bug found by fuzzing and not fixed yet; whoever fixes it deletes the entry, and the file then
/// guards against the bug coming back.
const KNOWN_FAILURES: &[(&str, &str)] = &[
    // None today. The two hangs found so far (a definition that merges itself through `allOf`,
    // with an example guided through it) were fixed by the one visited-set walk over `$ref`
    // and `allOf` (codegen/src/read/refs.rs); their reproducers stay in fuzz/regressions/.
];

/// How long one case may take. Debug builds are slow; a case this slow is a hang.
fn deadline() -> Duration {
    Duration::from_secs(if cfg!(debug_assertions) { 20 } else { 5 })
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs `check` on `path`'s bytes on a thread of its own; `Err` says how it failed.
fn run_case(check: Check, path: &Path) -> Result<Duration, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let (done, finished) = mpsc::channel();
    let started = Instant::now();
    let worker = thread::Builder::new()
        .name(path.display().to_string())
        .spawn(move || {
            check(&bytes);
            let _ = done.send(());
        })
        .map_err(|e| format!("cannot start a thread: {e}"))?;
    match finished.recv_timeout(deadline()) {
        Ok(()) => {
            let _ = worker.join();
            Ok(started.elapsed())
        }
        // The sender was dropped without sending: the check panicked.
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let payload = worker
                .join()
                .expect_err("the check ended without finishing");
            let message = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            Err(format!("panicked: {message}"))
        }
        // The thread is left running; the test process ends with the test.
        Err(mpsc::RecvTimeoutError::Timeout) => {
            Err(format!("did not finish within {:?} (a hang)", deadline()))
        }
    }
}

#[test]
fn fuzz_corpora_and_regressions_pass() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let run_known = std::env::var_os("MOLDE_FUZZ_RUN_KNOWN").is_some_and(|v| v == "1");
    for (target, file) in KNOWN_FAILURES {
        assert!(
            fuzz.join("regressions").join(target).join(file).is_file(),
            "KNOWN_FAILURES names fuzz/regressions/{target}/{file}, which does not exist"
        );
    }
    let mut failures = Vec::new();
    let mut skipped = Vec::new();
    let mut cases = 0;
    for &(target, check) in TARGETS {
        let corpus = fuzz.join("corpus").join(target);
        assert!(
            corpus.is_dir(),
            "{} is missing: the corpus is part of the repository",
            corpus.display()
        );
        let mut paths = files_in(&corpus);
        let regressions = fuzz.join("regressions").join(target);
        if regressions.is_dir() {
            paths.extend(files_in(&regressions));
        }
        for path in paths {
            let shown = path
                .strip_prefix(&fuzz)
                .unwrap_or(&path)
                .display()
                .to_string();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let known = path.starts_with(&regressions) && KNOWN_FAILURES.contains(&(target, name));
            if known && !run_known {
                skipped.push(shown);
                continue;
            }
            cases += 1;
            match run_case(check, &path) {
                Ok(took) if took > deadline() / 2 => {
                    eprintln!("slow: fuzz/{shown} took {took:?}");
                }
                Ok(_) => {}
                Err(why) => failures.push(format!("fuzz/{shown}: {why}")),
            }
        }
    }
    // Straight to stderr, past the test harness's capture: a skip should be seen on success too.
    let mut stderr = std::io::stderr().lock();
    for shown in &skipped {
        let _ = writeln!(stderr, "skipped (KNOWN_FAILURES): fuzz/{shown}");
    }
    let _ = writeln!(
        stderr,
        "fuzz corpus: {cases} cases run, {} failed, {} known failures skipped",
        failures.len(),
        skipped.len()
    );
    drop(stderr);
    assert!(
        failures.is_empty(),
        "{} fuzz case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
