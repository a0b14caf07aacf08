//! `molde validate`: checks JSON payloads (one document, or NDJSON) against a type of a spec.

use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use molde_codegen::emit::json_schema::{self, Part};
use molde_codegen::model::Spec;
use molde_validator::{Options, Validator, Violation};

/// What to check payloads against.
pub enum Target {
    Type(String),
    Request(String),
    Response(String, Option<String>),
}

/// How a file holds its payloads.
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum InputMode {
    /// NDJSON when the first line is a whole JSON value (or the file is .ndjson/.jsonl), else one document.
    Auto,
    /// One JSON document per file.
    Document,
    /// One JSON document per line.
    Ndjson,
}

pub struct Settings {
    pub json: bool,
    pub jobs: usize,
    pub mode: InputMode,
    pub progress: bool,
}

/// The outcome of one payload.
struct Verdict {
    /// 1-based line of the payload's first line in its file.
    first_line: u64,
    result: Result<Vec<Violation>, molde_validator::InputError>,
}

/// Totals over every input, for the exit code and the summary.
#[derive(Default)]
pub struct Totals {
    pub payloads: u64,
    pub invalid: u64,
    pub unreadable: u64,
    pub io_errors: u64,
}

/// The JSON Schema pointer of `target` in `spec`'s emitted schema.
pub fn entry_for(spec: &Spec, target: &Target) -> Result<String, String> {
    match target {
        Target::Type(name) => match spec.type_named(name) {
            Some(_) => Ok(format!("#/$defs/{name}")),
            None => Err(format!(
                "{} has no type `{name}`; its types are: {}",
                spec.source,
                spec.types
                    .iter()
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        },
        Target::Request(op) | Target::Response(op, _) => {
            let (method, path) = op.trim().split_once(char::is_whitespace).ok_or_else(|| {
                format!("`{op}` is not `METHOD /path` (e.g. \"POST /noAportantes\")")
            })?;
            let path = path.trim();
            let operation = spec
                .operation(&method.to_ascii_uppercase(), path)
                .or_else(|| {
                    // Accept the path with the spec's basePath in front, as clients see it.
                    let base = spec
                        .base_path
                        .as_deref()
                        .unwrap_or("")
                        .trim_end_matches('/');
                    path.strip_prefix(base)
                        .and_then(|p| spec.operation(&method.to_ascii_uppercase(), p))
                })
                .ok_or_else(|| {
                    let ops: Vec<String> = spec.operations.iter().map(|o| o.label()).collect();
                    format!(
                        "{} has no operation `{op}`; it has: {}",
                        spec.source,
                        ops.join(", ")
                    )
                })?;
            let part = match target {
                Target::Request(_) => Part::Request,
                Target::Response(_, status) => {
                    let status = match status {
                        Some(s) => s.clone(),
                        None => {
                            let ok = operation
                                .responses
                                .iter()
                                .find(|r| r.status.starts_with('2'));
                            ok.map(|r| r.status.clone()).ok_or_else(|| {
                                format!("`{op}` has no 2xx response; name one with --status")
                            })?
                        }
                    };
                    Part::Response(status)
                }
                Target::Type(_) => unreachable!("handled above"),
            };
            json_schema::entry_pointer(spec, operation, part.clone()).ok_or_else(|| match part {
                Part::Request => format!("`{op}` has no request body"),
                Part::Response(status) => format!("`{op}` has no response {status} with a body"),
            })
        }
    }
}

/// Compiles the spec's emitted JSON Schema at `entry`.
pub fn compile(spec: &Spec, entry: &str, assert_formats: bool) -> Result<Validator, String> {
    let schema = json_schema::to_json_schema(spec);
    Validator::compile(&schema, entry, Options { assert_formats })
        .map_err(|e| format!("cannot compile {entry}: {e}"))
}

/// Reads every input and prints a verdict per payload; returns the totals.
pub fn run(validator: &Validator, inputs: &[PathBuf], settings: &Settings) -> Totals {
    let mut totals = Totals::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut progress = Progress::new(settings.progress);
    let stdin_only = [PathBuf::from("-")];
    let inputs = if inputs.is_empty() {
        &stdin_only[..]
    } else {
        inputs
    };
    for input in inputs {
        let shown = if input.as_os_str() == "-" {
            "<stdin>".to_string()
        } else {
            input.display().to_string()
        };
        let reader: Box<dyn Read> = if input.as_os_str() == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            match std::fs::File::open(input) {
                Ok(f) => Box::new(f),
                Err(e) => {
                    eprintln!("error: cannot read {shown}: {e}");
                    totals.io_errors += 1;
                    continue;
                }
            }
        };
        let mut reader = BufReader::with_capacity(1 << 16, reader);
        let mode = match settings.mode {
            InputMode::Auto if has_ndjson_extension(input) => InputMode::Ndjson,
            mode => mode,
        };
        let result = match mode {
            InputMode::Document => {
                read_document(&mut reader).map(|bytes| vec![(1, check_one(validator, &bytes))])
            }
            InputMode::Ndjson | InputMode::Auto => stream_lines(
                validator,
                &mut reader,
                mode,
                settings.jobs,
                &mut |verdicts, bytes| {
                    progress.advance(verdicts.len() as u64, bytes);
                    for (first_line, verdict) in verdicts {
                        report(
                            &mut out,
                            &shown,
                            first_line,
                            verdict,
                            settings.json,
                            &mut totals,
                        );
                    }
                },
            ),
        };
        match result {
            Ok(rest) => {
                for (first_line, verdict) in rest {
                    report(
                        &mut out,
                        &shown,
                        first_line,
                        verdict,
                        settings.json,
                        &mut totals,
                    );
                }
            }
            Err(e) => {
                eprintln!("error: cannot read {shown}: {e}");
                totals.io_errors += 1;
            }
        }
    }
    progress.finish();
    if !settings.json {
        let _ = writeln!(
            out,
            "{} payload{}: {} valid, {} invalid{}",
            totals.payloads,
            if totals.payloads == 1 { "" } else { "s" },
            totals.payloads - totals.invalid - totals.unreadable,
            totals.invalid,
            if totals.unreadable > 0 {
                format!(", {} not JSON", totals.unreadable)
            } else {
                String::new()
            }
        );
    }
    let _ = out.flush();
    totals
}

fn has_ndjson_extension(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("ndjson" | "jsonl")
    )
}

fn read_document(reader: &mut impl Read) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn check_one(validator: &Validator, bytes: &[u8]) -> Verdict {
    let mut violations = Vec::new();
    let result = validator
        .validate_into(bytes, &mut violations)
        .map(|_| violations);
    Verdict {
        first_line: 1,
        result,
    }
}

/// A batch of payloads handed to the workers at once (with `--jobs` above 1): large enough to
/// amortise the threads, and capped in bytes so memory stays near the largest payload.
const BATCH: usize = 2048;
const BATCH_BYTES: usize = 8 << 20;

/// Reads NDJSON line by line, checks each line and hands verdicts, in input order, to `emit`:
/// one at a time on one thread (memory stays at the longest line), in batches capped in count
/// and bytes with `--jobs`. In `Auto` mode a first line that is not a
/// whole JSON value means the file is one pretty-printed document; then it is read whole and
/// returned for the caller to report.
fn stream_lines(
    validator: &Validator,
    reader: &mut impl BufRead,
    mode: InputMode,
    jobs: usize,
    emit: &mut dyn FnMut(Vec<(u64, Verdict)>, u64),
) -> std::io::Result<Vec<(u64, Verdict)>> {
    let mut line_no: u64 = 0;
    let mut batch: Vec<(u64, Vec<u8>)> = Vec::new();
    let mut batch_bytes = 0usize;
    let mut first = true;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf)?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let line = trim_line(&buf);
        if line.is_empty() {
            continue;
        }
        if first && mode == InputMode::Auto {
            first = false;
            if serde_json::from_slice::<serde::de::IgnoredAny>(line).is_err() {
                // A document over several lines: the rest of the file belongs to it.
                let mut whole = buf.clone();
                reader.read_to_end(&mut whole)?;
                let start_line = line_no;
                let mut verdict = check_one(validator, &whole);
                verdict.first_line = start_line;
                return Ok(vec![(start_line, verdict)]);
            }
        }
        if jobs <= 1 {
            // One thread: check the line where it lies; memory is the longest line.
            let mut verdict = check_one(validator, line);
            verdict.first_line = line_no;
            emit(vec![(line_no, verdict)], n as u64);
            continue;
        }
        batch_bytes += line.len();
        batch.push((line_no, line.to_vec()));
        if batch.len() == BATCH || batch_bytes >= BATCH_BYTES {
            batch_bytes = 0;
            let bytes = batch.iter().map(|(_, l)| l.len() as u64 + 1).sum();
            emit(
                check_batch(validator, std::mem::take(&mut batch), jobs),
                bytes,
            );
        }
    }
    if !batch.is_empty() {
        let bytes = batch.iter().map(|(_, l)| l.len() as u64 + 1).sum();
        emit(check_batch(validator, batch, jobs), bytes);
    }
    Ok(Vec::new())
}

fn trim_line(buf: &[u8]) -> &[u8] {
    let mut end = buf.len();
    while end > 0 && matches!(buf[end - 1], b'\n' | b'\r' | b' ' | b'\t') {
        end -= 1;
    }
    let mut start = 0;
    while start < end && matches!(buf[start], b' ' | b'\t') {
        start += 1;
    }
    &buf[start..end]
}

/// Checks a batch, on `jobs` threads when asked; verdicts come back in input order.
fn check_batch(
    validator: &Validator,
    batch: Vec<(u64, Vec<u8>)>,
    jobs: usize,
) -> Vec<(u64, Verdict)> {
    let check = |(line, bytes): &(u64, Vec<u8>)| {
        let mut verdict = check_one(validator, bytes);
        verdict.first_line = *line;
        (*line, verdict)
    };
    if jobs <= 1 || batch.len() < 64 {
        return batch.iter().map(check).collect();
    }
    let chunk = batch.len().div_ceil(jobs);
    std::thread::scope(|scope| {
        let handles: Vec<_> = batch
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(check).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a validation thread panicked"))
            .collect()
    })
}

fn report(
    out: &mut impl Write,
    file: &str,
    first_line: u64,
    verdict: Verdict,
    json: bool,
    totals: &mut Totals,
) {
    let index = totals.payloads;
    totals.payloads += 1;
    // Violations count lines within the payload; shift them to lines of the file.
    let shift = first_line.saturating_sub(1);
    let line_of = |line: u32| if line == 0 { 0 } else { line as u64 + shift };
    let text = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    match verdict.result {
        Ok(violations) if violations.is_empty() => {
            if json {
                let _ = writeln!(out, r#"{{"index":{index},"valid":true,"violations":[]}}"#);
            }
        }
        Ok(violations) => {
            totals.invalid += 1;
            if json {
                // Members in the order of the contract (DESIGN.md, "Validation contract").
                let list: Vec<String> = violations
                    .iter()
                    .map(|v| {
                        format!(
                            r#"{{"pointer":{},"keyword":{},"message":{},"line":{},"column":{}}}"#,
                            text(&v.pointer),
                            text(v.keyword),
                            text(&v.message),
                            line_of(v.line),
                            v.column
                        )
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    r#"{{"index":{index},"valid":false,"violations":[{}]}}"#,
                    list.join(",")
                );
            } else {
                for v in &violations {
                    let pointer = if v.pointer.is_empty() {
                        "(root)"
                    } else {
                        &v.pointer
                    };
                    let _ = writeln!(
                        out,
                        "{file}:{}:{}: {pointer}: {} [{}]",
                        line_of(v.line),
                        v.column,
                        v.message,
                        v.keyword
                    );
                }
            }
        }
        Err(e) => {
            totals.unreadable += 1;
            if json {
                let _ = writeln!(
                    out,
                    r#"{{"index":{index},"valid":false,"violations":[],"error":{{"message":{},"line":{},"column":{}}}}}"#,
                    text(&e.message),
                    line_of(e.line),
                    e.column
                );
            } else {
                let _ = writeln!(
                    out,
                    "{file}:{}:{}: not JSON: {}",
                    line_of(e.line),
                    e.column,
                    e.message
                );
            }
        }
    }
}

/// A one-line progress report on stderr, redrawn at most ten times a second.
struct Progress {
    enabled: bool,
    started: Instant,
    last: Instant,
    payloads: u64,
    bytes: u64,
}

impl Progress {
    fn new(enabled: bool) -> Self {
        let now = Instant::now();
        Progress {
            enabled: enabled && std::io::stderr().is_terminal(),
            started: now,
            last: now,
            payloads: 0,
            bytes: 0,
        }
    }

    fn advance(&mut self, payloads: u64, bytes: u64) {
        self.payloads += payloads;
        self.bytes += bytes;
        if self.enabled && self.last.elapsed() >= Duration::from_millis(100) {
            self.last = Instant::now();
            let secs = self.started.elapsed().as_secs_f64().max(1e-9);
            eprint!(
                "\r{} payloads, {:.1} MB, {:.0} payloads/s ",
                self.payloads,
                self.bytes as f64 / 1e6,
                self.payloads as f64 / secs
            );
        }
    }

    fn finish(&self) {
        if self.enabled && self.payloads > 0 {
            eprint!("\r\x1b[2K");
        }
    }
}
