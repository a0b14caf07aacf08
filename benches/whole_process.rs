//! Whole-process validation speed: `molde validate` and its peers, each run as a process of its
//! own on the same generated NDJSON file, each writing one result line per payload, side by side
//! in one run. This is what a pipeline pays, reading and writing included.
//!
//! `cargo bench --bench whole_process` (options after `--`: `--payloads N`, `--runs N`).
//!
//! Contenders, all reading the file line by line and writing their results to a file:
//! - `molde validate --format json --jobs 1` (and `--jobs 2`), the release binary, with its cache
//!   of compiled targets in a directory of the bench's own (warm after the first round), and
//!   `--jobs 1 --no-cache`, which reads the four specs of `molde.toml` on every run;
//! - serde_json `from_slice` to a `Value`, then jsonschema-rs `is_valid`, on the standalone schema
//!   `molde gen schema --type` writes (this bench re-run as `peer is-valid`);
//! - the same with jsonschema-rs `iter_errors`, every error's pointer and message written
//!   (`peer iter-errors`);
//! - serde_json `from_slice::<IgnoredAny>`: parse and discard, no schema (`peer skip`).
//!
//! Each contender runs `--runs` times per file, in rounds; the table gives medians, MB/s (10^6 bytes per
//! second of wall time), the CPU time the process used (user and system, from `wait4`: steadier
//! than wall time on a shared machine, and for `--jobs 2` the sum over its threads) and its
//! peak resident memory.

#[path = "common/payloads.rs"]
mod payloads;

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// About 128 MB of NDJSON (each payload is about 490 bytes).
const DEFAULT_PAYLOADS: usize = 260_000;
const DEFAULT_RUNS: usize = 5;
const TYPE: &str = "NoAportantesPeticion";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("peer") => return peer(&args[1], Path::new(&args[2]), Path::new(&args[3])),
        Some("generate") => {
            let data = payloads::ndjson(args[1].parse().expect("a count"), args[2] == "valid");
            return std::fs::write(&args[3], data).expect("the payload file can be written");
        }
        _ => {}
    }
    let option = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let payloads = option("--payloads", DEFAULT_PAYLOADS);
    let runs = option("--runs", DEFAULT_RUNS).max(1);
    compare(payloads, runs);
}

/// A contender: its label and the command that runs it on `file`.
struct Contender {
    label: &'static str,
    command: Box<dyn Fn(&Path) -> Command>,
}

fn compare(payloads: usize, runs: usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let molde = PathBuf::from(env!("CARGO_BIN_EXE_molde"));
    let dir = root.join("target/whole-process");
    std::fs::create_dir_all(&dir).expect("target/whole-process can be created");
    let schema = dir.join("NoAportantesPeticion.schema.json");
    let status = Command::new(&molde)
        .current_dir(root)
        .args(["--quiet", "gen", "schema", "--type", TYPE, "-o"])
        .arg(&schema)
        .status()
        .expect("molde runs");
    assert!(status.success(), "molde gen schema failed");

    let me = std::env::current_exe().expect("the bench knows its path");
    let peer = |kind: &'static str| -> Box<dyn Fn(&Path) -> Command> {
        let me = me.clone();
        let schema = schema.clone();
        Box::new(move |file: &Path| {
            let mut c = Command::new(&me);
            c.arg("peer").arg(kind).arg(&schema).arg(file);
            c
        })
    };
    // The cache of compiled targets in a directory of the bench's own, so every round but the
    // first finds it warm, as a pipeline that validates batch after batch does; the
    // `--no-cache` contender pays the reading of the four specs on every run.
    let cache = dir.join("cache");
    let molde_jobs = |jobs: &'static str, cached: bool| -> Box<dyn Fn(&Path) -> Command> {
        let molde = molde.clone();
        let cache = cache.clone();
        Box::new(move |file: &Path| {
            let mut c = Command::new(&molde);
            c.current_dir(root).env("MOLDE_CACHE_DIR", &cache).args([
                "validate",
                "--type",
                TYPE,
                "--format",
                "json",
                "--no-progress",
                "--jobs",
                jobs,
            ]);
            if !cached {
                c.arg("--no-cache");
            }
            c.arg(file);
            c
        })
    };
    let contenders = [
        Contender {
            label: "molde validate --jobs 1",
            command: molde_jobs("1", true),
        },
        Contender {
            label: "molde validate --jobs 2",
            command: molde_jobs("2", true),
        },
        Contender {
            label: "molde validate --jobs 1 --no-cache",
            command: molde_jobs("1", false),
        },
        Contender {
            label: "serde_json Value + jsonschema is_valid",
            command: peer("is-valid"),
        },
        Contender {
            label: "serde_json Value + jsonschema iter_errors",
            command: peer("iter-errors"),
        },
        Contender {
            label: "serde_json IgnoredAny (parse, no schema)",
            command: peer("skip"),
        },
    ];

    for (label, valid_only) in [("all valid", true), ("10% invalid", false)] {
        let file = dir.join(if valid_only {
            "valid.ndjson"
        } else {
            "ten-percent-invalid.ndjson"
        });
        // Generated by a process of its own: a child's peak memory counts what its parent held
        // when it started it, so this process stays small.
        let status = Command::new(&me)
            .arg("generate")
            .arg(payloads.to_string())
            .arg(if valid_only { "valid" } else { "mixed" })
            .arg(&file)
            .status()
            .expect("the generator runs");
        assert!(status.success(), "generating the payloads failed");
        let mb = std::fs::metadata(&file).expect("payloads written").len() as f64 / 1e6;
        println!(
            "\n{label}: {payloads} {TYPE} payloads, {mb:.0} MB of NDJSON, median of {runs} runs"
        );
        // Every contender must give the same verdicts before its speed means anything.
        let expected_invalid = if valid_only { 0 } else { payloads / 10 };
        let mut results: Vec<(&str, Duration, Duration, u64)> = Vec::new();
        // Round after round, every contender once a round: the machine's load changes from
        // one minute to the next, and this way it falls on all of them alike.
        let running: Vec<&Contender> = contenders
            .iter()
            .filter(|c| valid_only || !c.label.contains("is_valid"))
            .collect();
        let mut times: Vec<Vec<Duration>> = vec![Vec::new(); running.len()];
        let mut cpu: Vec<Vec<Duration>> = vec![Vec::new(); running.len()];
        let mut peaks = vec![0u64; running.len()];
        for _ in 0..runs {
            for (k, c) in running.iter().enumerate() {
                let (time, used, rss, invalid) = run(&(c.command)(&file), &dir.join("out.ndjson"));
                if !c.label.contains("IgnoredAny") {
                    assert_eq!(invalid, expected_invalid, "{}: invalid payloads", c.label);
                }
                times[k].push(time);
                cpu[k].push(used);
                peaks[k] = peaks[k].max(rss);
            }
        }
        for (k, c) in running.iter().enumerate() {
            times[k].sort();
            cpu[k].sort();
            let median = |d: &Vec<Duration>| d[d.len() / 2];
            results.push((c.label, median(&times[k]), median(&cpu[k]), peaks[k]));
        }
        let (molde1, molde1_cpu) = (results[0].1.as_secs_f64(), results[0].2.as_secs_f64());
        println!(
            "| contender | MB/s | time | its time ÷ molde --jobs 1 time | CPU time | its CPU time ÷ molde --jobs 1 CPU time | peak memory |"
        );
        println!("|---|---|---|---|---|---|---|");
        for (name, time, used, rss) in &results {
            let (t, u) = (time.as_secs_f64(), used.as_secs_f64());
            println!(
                "| {name} | {:.0} | {t:.2} s | {:.2}× | {u:.2} s | {:.2}× | {:.0} MB |",
                mb / t,
                t / molde1,
                u / molde1_cpu,
                *rss as f64 / 1e6,
            );
        }
    }
}

/// Runs `command` with its output in `out` (a file, as a pipeline would keep it); returns the
/// wall time, the CPU time, the peak resident memory and how many result lines say a payload
/// is invalid.
fn run(command: &Command, out: &Path) -> (Duration, Duration, u64, usize) {
    let mut command = clone(command);
    let file = std::fs::File::create(out).expect("the output file can be created");
    command.stdout(file).stderr(Stdio::inherit());
    let started = Instant::now();
    // Reaped by `wait4` below, which also gives its peak memory; `Child::wait` would not.
    #[allow(clippy::zombie_processes)]
    let child = command.spawn().expect("the contender starts");
    let (used, rss, code) = wait(child.id());
    let time = started.elapsed();
    assert!(code == 0 || code == 1, "the contender exited with {code}");
    let reader = BufReader::with_capacity(1 << 20, std::fs::File::open(out).expect("output"));
    let invalid = reader
        .split(b'\n')
        .filter(|l| {
            l.as_ref()
                .is_ok_and(|l| l.windows(14).any(|w| w == b"\"valid\":false,"))
        })
        .count();
    (time, used, rss, invalid)
}

fn clone(command: &Command) -> Command {
    let mut c = Command::new(command.get_program());
    c.args(command.get_args());
    if let Some(dir) = command.get_current_dir() {
        c.current_dir(dir);
    }
    c
}

/// Waits for process `pid`; returns its CPU time (user and system), its peak resident memory
/// in bytes and its exit code.
fn wait(pid: u32) -> (Duration, u64, i32) {
    let mut status = 0;
    // SAFETY: `rusage` is plain data that `wait4` fills in; `pid` is our own child, which the
    // `Child` handle never waits for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(r, pid as libc::pid_t, "wait4 failed");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    let seconds = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let used = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    // Linux reports `ru_maxrss` in kilobytes.
    (used, usage.ru_maxrss as u64 * 1024, code)
}

/// One of the peers: reads `file` line by line and writes one JSON result line per payload.
fn peer(kind: &str, schema: &Path, file: &Path) {
    let schema: Value = serde_json::from_slice(&std::fs::read(schema).expect("schema reads"))
        .expect("schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("jsonschema compiles the schema");
    let input = std::fs::File::open(file).expect("payloads open");
    let mut reader = BufReader::with_capacity(1 << 16, input);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut line = Vec::new();
    let mut index = 0u64;
    while reader.read_until(b'\n', &mut line).expect("payloads read") > 0 {
        let payload = line.trim_ascii();
        if payload.is_empty() {
            line.clear();
            continue;
        }
        match kind {
            "skip" => {
                let ok = serde_json::from_slice::<serde::de::IgnoredAny>(payload).is_ok();
                writeln!(out, r#"{{"index":{index},"valid":{ok}}}"#).unwrap();
            }
            "is-valid" => {
                let ok = match serde_json::from_slice::<Value>(payload) {
                    Ok(value) => validator.is_valid(&value),
                    Err(_) => false,
                };
                if ok {
                    writeln!(out, r#"{{"index":{index},"valid":true}}"#).unwrap();
                } else {
                    writeln!(out, r#"{{"index":{index},"valid":false,"violations":[]}}"#).unwrap();
                }
            }
            _ => {
                let value = serde_json::from_slice::<Value>(payload).unwrap_or(Value::Null);
                let errors: Vec<Value> = validator
                    .iter_errors(&value)
                    .map(|e| {
                        serde_json::json!({
                            "pointer": e.instance_path().to_string(),
                            "message": e.to_string(),
                        })
                    })
                    .collect();
                if errors.is_empty() {
                    writeln!(out, r#"{{"index":{index},"valid":true,"violations":[]}}"#).unwrap();
                } else {
                    writeln!(
                        out,
                        r#"{{"index":{index},"valid":false,"violations":{}}}"#,
                        Value::Array(errors)
                    )
                    .unwrap();
                }
            }
        }
        index += 1;
        line.clear();
    }
    out.flush().unwrap();
}
