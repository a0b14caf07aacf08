//! Deterministic mutation test: the seed specs, their overlay and a few corpus specs are cut,
//! shuffled, re-indented, spliced and sprinkled with hostile bytes, and every mutant goes through
//! the whole pipeline (`load::check_bytes`). None may panic, every error must carry a line when
//! the input is not empty, and none may take long (a slow mutant is a hang waiting to happen).
//! The same is done to a Vant/Age payload through `Validator::validate_bytes`.
//!
//! A failing mutant is written to `target/tmp/robustness/` so it can be replayed with `molde check`.
//! For a longer hunt, `MOLDE_MUTANTS=50 MOLDE_MUTANT_SEED=7 cargo test --release --test robustness`
//! multiplies the counts and changes the seed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use molde_codegen::check_bytes;
use molde_codegen::diag::Severity;
use molde_codegen::emit::json_schema::to_json_schema;
use molde_codegen::model::ExampleOf;
use molde_validator::{Options, Validator};

#[path = "support/deadline.rs"]
mod deadline;
#[path = "support/inputs.rs"]
mod inputs;

use deadline::Outcome;

/// Mutants per seed; tuned so the test stays near 20 s in a debug build, where Vant/Age with
/// its overlay takes about 50 ms through the pipeline, the score spec 15 ms.
const VANTAGE_MUTANTS: usize = 55;
const SCORE_MUTANTS: usize = 150;
const CORPUS_MUTANTS: usize = 30;
const PAYLOAD_MUTANTS: usize = 3000;
/// A debug build gets this long per mutant; more means a quadratic path or a hang. The slowest
/// mutants today (1,000 copies of a line the recovery cannot place, each a duplicate key with
/// a warning) take about 2.3 s in a debug build and 0.2 s in a release build: the whole-document
/// search is bounded by the parses it spends and by the tries that fail in a row, since a
/// search that re-read such a mutant 40 times once took 8 s. The margin keeps a busy CI machine
/// from failing. Each mutant runs on a thread with this deadline: a hang fails the test at
/// once, naming it.
const SLOW: Duration = Duration::from_secs(8);

/// The counts multiplied by `MOLDE_MUTANTS` (1 by default).
fn scaled(count: usize) -> usize {
    let factor = std::env::var("MOLDE_MUTANTS")
        .ok()
        .and_then(|v| v.parse().ok());
    count * factor.unwrap_or(1)
}

/// A seed for one test, changed by `MOLDE_MUTANT_SEED` (0 by default).
fn seeded(base: u64) -> Rng {
    let offset = std::env::var("MOLDE_MUTANT_SEED")
        .ok()
        .and_then(|v| v.parse().ok());
    Rng(base ^ offset.unwrap_or(0u64).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// splitmix64: small, seeded, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Bytes that mean something to YAML, JSON or the indentation recovery, plus two that are not text.
const HOSTILE: &[u8] = b"\x00\xff\"':-|{}[],#&*!>%@` \t\n";

fn lines(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split_inclusive(|&b| b == b'\n').collect()
}

/// One random mutation of `bytes`; `other` is a file to splice lines from. Returns its name.
fn mutate(rng: &mut Rng, bytes: &[u8], other: &[u8]) -> (String, Vec<u8>) {
    let ls = lines(bytes);
    let n = ls.len().max(1);
    let join = |ls: Vec<&[u8]>| ls.concat();
    match rng.below(9) {
        0 => {
            let at = rng.below(bytes.len() + 1);
            (format!("truncate at byte {at}"), bytes[..at].to_vec())
        }
        1 => {
            let (at, count) = (rng.below(n), 1 + rng.below(3));
            let mut ls = ls;
            let end = (at + count).min(ls.len());
            ls.drain(at.min(end)..end);
            (format!("delete {count} lines at {}", at + 1), join(ls))
        }
        2 => {
            let at = rng.below(n);
            let mut ls = ls;
            if let Some(&l) = ls.get(at) {
                ls.insert(at, l);
            }
            (format!("duplicate line {}", at + 1), join(ls))
        }
        3 => {
            let (a, b) = (rng.below(n), rng.below(n));
            let mut ls = ls;
            if a < ls.len() && b < ls.len() {
                ls.swap(a, b);
            }
            (format!("swap lines {} and {}", a + 1, b + 1), join(ls))
        }
        4 => {
            let (at, width) = (rng.below(n), rng.below(12));
            let indent = if rng.below(4) == 0 { b"\t" } else { b" " }.repeat(width);
            let mut ls = ls;
            if at < ls.len() {
                ls.insert(at, &indent);
            }
            (format!("indent line {} by {width}", at + 1), join(ls))
        }
        5 | 6 => {
            let mut out = bytes.to_vec();
            let count = 1 + rng.below(3);
            let mut what = Vec::new();
            for _ in 0..count {
                if out.is_empty() {
                    break;
                }
                let at = rng.below(out.len());
                let byte = if rng.below(3) == 0 {
                    rng.below(256) as u8
                } else {
                    HOSTILE[rng.below(HOSTILE.len())]
                };
                out[at] = byte;
                what.push(format!("byte {at} = {byte:#04x}"));
            }
            (what.join(", "), out)
        }
        7 => {
            let theirs = lines(other);
            let (from, count, at) = (
                rng.below(theirs.len().max(1)),
                1 + rng.below(20),
                rng.below(n),
            );
            let spliced: Vec<&[u8]> = theirs.iter().skip(from).take(count).copied().collect();
            let mut ls = ls;
            let at = at.min(ls.len());
            ls.splice(at..at, spliced);
            (
                format!(
                    "splice {count} lines from line {} of the other file at line {}",
                    from + 1,
                    at + 1
                ),
                join(ls),
            )
        }
        _ => {
            let at = rng.below(n);
            let mut ls = ls;
            if let Some(&l) = ls.get(at) {
                ls.splice(at..at, std::iter::repeat_n(l, 1000));
            }
            (format!("repeat line {} 1000 times", at + 1), join(ls))
        }
    }
}

/// What a person gets after copying the spec out of a portal: no indentation, no blank lines.
fn strip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for line in lines(bytes) {
        let line = line.trim_ascii();
        if !line.is_empty() {
            out.extend_from_slice(line);
            out.push(b'\n');
        }
    }
    out
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen/ sits in the workspace root")
        .to_path_buf()
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A few small corpus specs, when the shared corpus is on this machine (under CI it must be).
fn corpus() -> Vec<(String, Vec<u8>)> {
    let Some(dir) = inputs::corpus() else {
        return Vec::new();
    };
    [
        "go-swagger/petstore.json",
        "go-swagger/todolist.discriminators.yaml",
        "go-swagger/shipyard.yaml",
        "oai-examples/uber.yaml",
        "oai-examples/petstore-expanded.yaml",
    ]
    .iter()
    .map(|name| (name.to_string(), dir.join(name)))
    .filter(|(_, path)| path.is_file())
    .map(|(name, path)| (name, read(&path)))
    .collect()
}

/// Collects failures and timings over a run, and saves each failing mutant for replay.
struct Findings {
    failures: Vec<String>,
    slowest: (Duration, String),
    total: usize,
}

impl Findings {
    fn new() -> Self {
        Findings {
            failures: Vec::new(),
            slowest: (Duration::ZERO, String::new()),
            total: 0,
        }
    }

    fn fail(&mut self, what: &str, problem: String, bytes: &[u8]) {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("robustness");
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join(format!("failure-{}", self.failures.len()));
        let _ = std::fs::write(&file, bytes);
        self.failures
            .push(format!("{what}: {problem} (saved as {})", file.display()));
    }

    fn time(&mut self, what: &str, took: Duration) {
        self.total += 1;
        if took > self.slowest.0 {
            self.slowest = (took, what.to_string());
        }
    }

    /// A mutant that hangs: saved, and the test fails now rather than after the rest.
    fn hung(mut self, what: &str, bytes: &[u8]) -> ! {
        self.fail(what, format!("still running after {SLOW:?}"), bytes);
        self.report("(stopped at a hang)");
        unreachable!("report fails on any failure")
    }

    fn report(self, name: &str) {
        eprintln!(
            "robustness/{name}: {} mutants, slowest {:?} ({})",
            self.total, self.slowest.0, self.slowest.1
        );
        assert!(
            self.failures.is_empty(),
            "{} of {} mutants failed:\n{}",
            self.failures.len(),
            self.total,
            self.failures.join("\n")
        );
    }
}

/// Runs one spec (and its overlays) through the pipeline and records what went wrong.
fn check_one(
    findings: &mut Findings,
    what: &str,
    spec: &[u8],
    overlays: &[(String, Vec<u8>)],
    mutant: &[u8],
) -> Result<(), ()> {
    let started = Instant::now();
    let (owned_spec, owned_overlays) = (spec.to_vec(), overlays.to_vec());
    let outcome = deadline::run(what, SLOW, move || {
        check_bytes("spec.yaml", &owned_spec, &owned_overlays)
    });
    let took = started.elapsed();
    findings.time(what, took);
    match outcome {
        Outcome::TimedOut => return Err(()),
        Outcome::Panicked(message) => findings.fail(what, format!("panicked: {message}"), mutant),
        Outcome::Done(loaded) => {
            let unlocated: Vec<String> = loaded
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error && d.line == 0)
                .filter(|d| {
                    let empty = if d.file == "spec.yaml" {
                        spec.is_empty()
                    } else {
                        overlays
                            .iter()
                            .any(|(name, b)| *name == d.file && b.is_empty())
                    };
                    !empty
                })
                .map(|d| format!("{} {} ({})", d.file, d.code, d.message))
                .collect();
            if !unlocated.is_empty() {
                findings.fail(
                    what,
                    format!("errors without a line: {unlocated:?}"),
                    mutant,
                );
            }
        }
    }
    Ok(())
}

/// A file to mutate: a spec, or the overlay applied to it.
struct Seed {
    name: String,
    spec: Vec<u8>,
    overlay: Option<Vec<u8>>,
    mutate_overlay: bool,
    count: usize,
}

#[test]
fn mutated_specs_never_panic_hang_or_lose_their_location() {
    let root = workspace();
    let vantage = read(&root.join("schemas/vantage.swagger.yaml"));
    let overlay = read(&root.join("schemas/vantage.overlay.yaml"));
    let score = read(&root.join("schemas/smart-collection-score.swagger.yaml"));
    let overlay_name = "vantage.overlay.yaml".to_string();

    let mut findings = Findings::new();
    let mut rng = seeded(0x0000_6d6f_6c64_6521);
    let seed = |name: &str, spec: Vec<u8>, count| Seed {
        name: name.to_string(),
        spec,
        overlay: None,
        mutate_overlay: false,
        count,
    };
    let with_overlay = |seed: Seed, mutate_overlay| Seed {
        overlay: Some(overlay.clone()),
        mutate_overlay,
        ..seed
    };
    let mut seeds = vec![
        with_overlay(seed("vantage", vantage.clone(), VANTAGE_MUTANTS), false),
        with_overlay(
            seed("vantage overlay", vantage.clone(), VANTAGE_MUTANTS),
            true,
        ),
        with_overlay(
            seed("stripped vantage", strip(&vantage), VANTAGE_MUTANTS),
            false,
        ),
        seed("score", score.clone(), SCORE_MUTANTS),
        seed("stripped score", strip(&score), SCORE_MUTANTS),
    ];
    for (name, bytes) in corpus() {
        seeds.push(seed(
            &format!("stripped {name}"),
            strip(&bytes),
            CORPUS_MUTANTS,
        ));
        seeds.push(seed(&name, bytes, CORPUS_MUTANTS));
    }
    for s in &seeds {
        for i in 0..scaled(s.count) {
            let target = match (&s.overlay, s.mutate_overlay) {
                (Some(overlay), true) => overlay,
                _ => &s.spec,
            };
            let other = if rng.below(2) == 0 {
                &score[..]
            } else {
                &vantage[..]
            };
            let (mut how, mut mutant) = mutate(&mut rng, target, other);
            // A third of the mutants get a second mutation on top (unless already over 256 KiB).
            if rng.below(3) == 0 && mutant.len() < 256 << 10 {
                let (more, twice) = mutate(&mut rng, &mutant, other);
                (how, mutant) = (format!("{how}; {more}"), twice);
            }
            let what = format!("{} #{i}: {how}", s.name);
            let (spec, overlays) = match (&s.overlay, s.mutate_overlay) {
                (Some(_), true) => (&s.spec[..], vec![(overlay_name.clone(), mutant.clone())]),
                (Some(o), false) => (&mutant[..], vec![(overlay_name.clone(), o.clone())]),
                (None, _) => (&mutant[..], Vec::new()),
            };
            if check_one(&mut findings, &what, spec, &overlays, &mutant).is_err() {
                findings.hung(&what, &mutant);
            }
        }
    }
    findings.report("specs");
}

/// The pointers of a verdict, as a set (the two paths may order violations differently).
fn pointers(violations: &[molde_validator::Violation]) -> BTreeSet<(String, &'static str)> {
    violations
        .iter()
        .map(|v| (v.pointer.clone(), v.keyword))
        .collect()
}

#[test]
fn mutated_payloads_get_the_same_verdict_from_bytes_and_from_a_value() {
    let root = workspace();
    let overlays = vec![(
        "vantage.overlay.yaml".to_string(),
        read(&root.join("schemas/vantage.overlay.yaml")),
    )];
    let loaded = check_bytes(
        "vantage.swagger.yaml",
        &read(&root.join("schemas/vantage.swagger.yaml")),
        &overlays,
    );
    let spec = loaded.spec.expect("vantage reads");
    let schema = to_json_schema(&spec);
    let validator = Validator::compile(&schema, "#/$defs/NoAportantesPeticion", Options::default())
        .expect("the emitted schema compiles");
    let validator = Arc::new(validator);
    let example = &spec
        .examples
        .iter()
        .find(|e| {
            e.of == ExampleOf::Type {
                name: "NoAportantesPeticion".into(),
            }
        })
        .expect("NoAportantesPeticion has an example")
        .value;
    let payloads = [
        serde_json::to_vec_pretty(example).unwrap(),
        serde_json::to_vec(example).unwrap(),
    ];
    assert!(
        validator.validate_bytes(&payloads[0]).unwrap().is_empty(),
        "the example is valid"
    );

    let mut findings = Findings::new();
    let mut rng = seeded(0x0070_6179_6c6f_6164);
    for i in 0..scaled(PAYLOAD_MUTANTS) {
        let seed = &payloads[i % 2];
        let (mut how, mut mutant) = mutate(&mut rng, seed, &payloads[(i + 1) % 2]);
        if rng.below(3) == 0 && mutant.len() < 256 << 10 {
            let (more, twice) = mutate(&mut rng, &mutant, seed);
            (how, mutant) = (format!("{how}; {more}"), twice);
        }
        let what = format!("payload #{i}: {how}");
        let started = Instant::now();
        let (checker, owned) = (Arc::clone(&validator), mutant.clone());
        let outcome = deadline::run(&what, SLOW, move || {
            let from_bytes = checker.validate_bytes(&owned);
            let from_value = serde_json::from_slice::<serde_json::Value>(&owned)
                .ok()
                .map(|value| checker.validate_value(&value));
            (from_bytes, from_value)
        });
        findings.time(&what, started.elapsed());
        let (from_bytes, from_value) = match outcome {
            Outcome::Done((bytes, Some(value))) => (bytes, value),
            // Not JSON to serde_json either: nothing to compare.
            Outcome::Done((_, None)) => continue,
            Outcome::Panicked(message) => {
                findings.fail(&what, format!("panicked: {message}"), &mutant);
                continue;
            }
            Outcome::TimedOut => findings.hung(&what, &mutant),
        };
        match from_bytes {
            Ok(violations) if pointers(&violations) != pointers(&from_value) => findings.fail(
                &what,
                format!(
                    "bytes say {:?}, the value says {:?}",
                    pointers(&violations),
                    pointers(&from_value)
                ),
                &mutant,
            ),
            Ok(_) => {}
            // serde_json keeps the last of two same-named members; the validator refuses them.
            Err(e) if e.message.contains("duplicate") => {}
            Err(e) => findings.fail(
                &what,
                format!("bytes refused ({e}) what serde_json parses"),
                &mutant,
            ),
        }
    }
    findings.report("payloads");
}
