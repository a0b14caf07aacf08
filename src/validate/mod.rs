//! `molde validate`: checks JSON payloads (one document, or NDJSON) against a type of a spec.

use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use molde_codegen::emit::json_schema::{self, Part};
use molde_codegen::model::{Operation, Spec};
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
    /// An input with no payload is fine (else an input error: an empty batch must not pass).
    pub allow_empty: bool,
    /// Human output prints nothing (the exit code says it).
    pub quiet: bool,
    /// ANSI colours in human output (`--color`, or a terminal).
    pub color: bool,
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
    /// Inputs that held no payload (an input error unless `--allow-empty`).
    pub empty_inputs: u64,
}

/// The operation `op` ("POST /x") names in `spec`, its path with or without the spec's
/// basePath in front (as clients see it); `None` when it names none or is not `METHOD /path`.
pub fn find_operation<'s>(spec: &'s Spec, op: &str) -> Option<&'s Operation> {
    let (method, path) = op.trim().split_once(char::is_whitespace)?;
    let (method, path) = (method.to_ascii_uppercase(), path.trim());
    let base = spec
        .base_path
        .as_deref()
        .unwrap_or("")
        .trim_end_matches('/');
    spec.operation(&method, path).or_else(|| {
        path.strip_prefix(base)
            .and_then(|p| spec.operation(&method, p))
    })
}

/// Whether `spec` has the type or the operation `target` names (whatever part of it is asked).
pub fn names_the_target(spec: &Spec, target: &Target) -> bool {
    match target {
        Target::Type(name) => spec.type_named(name).is_some(),
        Target::Request(op) | Target::Response(op, _) => find_operation(spec, op).is_some(),
    }
}

/// The response a status asked for answers with: the one declared for it, else its range
/// (`4XX`, as field-table documents write it), else `default`.
fn response_status(operation: &molde_codegen::model::Operation, status: &str) -> String {
    let declared = |s: &str| {
        operation
            .responses
            .iter()
            .find(|r| r.status.eq_ignore_ascii_case(s))
            .map(|r| r.status.clone())
    };
    let range = status
        .chars()
        .next()
        .filter(|_| status.len() == 3)
        .map(|d| format!("{d}XX"));
    declared(status)
        .or_else(|| range.as_deref().and_then(declared))
        .or_else(|| declared("default"))
        .unwrap_or_else(|| status.to_string())
}

pub fn entry_for(spec: &Spec, target: &Target) -> Result<String, String> {
    match target {
        Target::Type(name) => match spec.type_named(name) {
            Some(_) => Ok(format!("#/$defs/{name}")),
            None => {
                let names = spec.types.iter().map(|t| t.name.as_str());
                let close = molde_codegen::suggest::closest_name(name, names.clone())
                    .map(|c| format!("did you mean `{c}`? "))
                    .unwrap_or_default();
                Err(format!(
                    "{} has no type `{name}`; {close}its types are: {}",
                    spec.source,
                    names.collect::<Vec<_>>().join(", ")
                ))
            }
        },
        Target::Request(op) | Target::Response(op, _) => {
            let (method, path) = op.trim().split_once(char::is_whitespace).ok_or_else(|| {
                format!("`{op}` is not `METHOD /path` (e.g. \"POST /noAportantes\")")
            })?;
            let path = path.trim();
            let operation = find_operation(spec, op).ok_or_else(|| {
                let ops: Vec<String> = spec.operations.iter().map(|o| o.label()).collect();
                let asked = format!("{} {path}", method.to_ascii_uppercase());
                let close =
                    molde_codegen::suggest::closest_name(&asked, ops.iter().map(String::as_str))
                        .map(|c| format!("did you mean `{c}`? "))
                        .unwrap_or_default();
                format!(
                    "{} has no operation `{op}`; {close}it has: {}",
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
                    Part::Response(response_status(operation, &status))
                }
                Target::Type(_) => unreachable!("handled above"),
            };
            json_schema::entry_pointer(spec, operation, part.clone()).ok_or_else(|| match part {
                Part::Request => format!("`{op}` has no request body"),
                Part::Response(status) => {
                    let with_body: Vec<&str> = operation
                        .responses
                        .iter()
                        .filter(|r| r.schema.is_some())
                        .map(|r| r.status.as_str())
                        .collect();
                    match with_body.as_slice() {
                        [] => format!("`{op}` has no response {status} with a body; none of its responses has one"),
                        some => format!(
                            "`{op}` has no response {status} with a body; these have one: {}",
                            some.join(", ")
                        ),
                    }
                }
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

/// Compiles a JSON Schema file molde did not write (2020-12 or draft-04) at `pointer` (a JSON
/// pointer fragment, `#/$defs/X` or `/definitions/X`; its root by default).
pub fn compile_file(
    file: &Path,
    pointer: Option<&str>,
    assert_formats: bool,
) -> Result<Validator, String> {
    let shown = file.display();
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let schema: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
        format!(
            "{shown}:{}:{}: not a JSON Schema document: {e}",
            e.line(),
            e.column()
        )
    })?;
    let entry = match pointer {
        None => "#".to_string(),
        Some(p) if p.starts_with('#') => p.to_string(),
        Some(p) => format!("#{p}"),
    };
    Validator::compile(&schema, &entry, Options { assert_formats })
        .map_err(|e| format!("{shown}: cannot check against {entry}: {e}"))
}

/// Reads every input and prints a verdict per payload; returns the totals.
pub fn run(validator: &Validator, inputs: &[PathBuf], settings: &Settings) -> Totals {
    let mut totals = Totals::default();
    let stdout = std::io::stdout();
    let quiet = settings.quiet && !settings.json;
    let mut out: Box<dyn Write> = if quiet {
        Box::new(std::io::sink())
    } else {
        Box::new(std::io::BufWriter::new(stdout.lock()))
    };
    let mut progress = Progress::new(settings.progress && !settings.quiet);
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
        // The file as given (`-` for stdin), as a JSON string, once per input.
        let file_json =
            serde_json::to_string(&input.display().to_string()).unwrap_or_else(|_| "\"\"".into());
        let before = totals.payloads;
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
        let mut emit = |verdicts: Vec<(u64, Verdict)>, bytes: u64| {
            progress.advance(verdicts.len() as u64, bytes);
            for (first_line, verdict) in verdicts {
                let index = totals.payloads - before;
                report(
                    &mut out,
                    (&shown, &file_json, index),
                    first_line,
                    verdict,
                    (settings.json, settings.color),
                    &mut totals,
                );
            }
        };
        let result = match mode {
            InputMode::Document => read_document(&mut reader).map(|bytes| {
                let len = bytes.len() as u64;
                emit(vec![(1, check_one(validator, &bytes))], len);
            }),
            InputMode::Ndjson | InputMode::Auto => {
                stream_lines(validator, &mut reader, mode, settings.jobs, &mut emit)
            }
        };
        match result {
            Ok(()) if totals.payloads == before && !settings.allow_empty => {
                eprintln!(
                    "error: {shown} holds no payload (an empty batch is not a pass; --allow-empty accepts it)"
                );
                totals.empty_inputs += 1;
            }
            Ok(()) => {}
            Err(e) => {
                eprintln!("error: cannot read {shown}: {e}");
                totals.io_errors += 1;
            }
        }
    }
    progress.finish();
    if settings.json {
        let _ = writeln!(
            out,
            r#"{{"summary":{{"payloads":{},"valid":{},"invalid":{},"not_json":{}}}}}"#,
            totals.payloads,
            totals.payloads - totals.invalid - totals.unreadable,
            totals.invalid,
            totals.unreadable
        );
    } else {
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

/// Reads NDJSON line by line, checks each line and hands verdicts, in input order, to `emit`.
/// On one thread each line is checked where it lies (memory stays at the longest line); with
/// `--jobs` a pool of workers checks batches while this thread reads and reports, with a bounded
/// number of batches in flight. In `Auto` mode a first line that is not a whole JSON value means
/// the file is one pretty-printed document; then it is read whole and checked as one payload.
fn stream_lines(
    validator: &Validator,
    reader: &mut impl BufRead,
    mode: InputMode,
    jobs: usize,
    emit: &mut dyn FnMut(Vec<(u64, Verdict)>, u64),
) -> std::io::Result<()> {
    std::thread::scope(|scope| {
        let mut pool = (jobs > 1).then(|| Pool::start(scope, validator, jobs));
        let mut line_no: u64 = 0;
        let mut batch: Batch = Vec::new();
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
                    let mut verdict = check_one(validator, &whole);
                    verdict.first_line = line_no;
                    emit(vec![(line_no, verdict)], whole.len() as u64);
                    return Ok(());
                }
            }
            let Some(pool) = pool.as_mut() else {
                let mut verdict = check_one(validator, line);
                verdict.first_line = line_no;
                emit(vec![(line_no, verdict)], n as u64);
                continue;
            };
            batch_bytes += line.len() + 1;
            batch.push((line_no, line.to_vec()));
            if batch.len() == BATCH || batch_bytes >= BATCH_BYTES {
                pool.submit(std::mem::take(&mut batch), batch_bytes as u64, emit);
                batch_bytes = 0;
            }
        }
        if let Some(pool) = pool {
            pool.finish(batch, batch_bytes as u64, emit);
        }
        Ok(())
    })
}

/// Lines of NDJSON with their line numbers, handed to a worker at once.
type Batch = Vec<(u64, Vec<u8>)>;
/// A checked batch: its number, its verdicts and its size in bytes (for the progress line).
type Checked = (u64, Vec<(u64, Verdict)>, u64);

/// Worker threads checking batches of lines; results come back tagged with their batch number
/// and are reported strictly in that order.
struct Pool {
    work: std::sync::mpsc::SyncSender<(u64, Batch, u64)>,
    results: std::sync::mpsc::Receiver<Checked>,
    submitted: u64,
    reported: u64,
    pending: std::collections::BTreeMap<u64, (Vec<(u64, Verdict)>, u64)>,
    limit: u64,
}

impl Pool {
    fn start<'scope, 'env: 'scope>(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        validator: &'env Validator,
        jobs: usize,
    ) -> Pool {
        let (work, queue) = std::sync::mpsc::sync_channel::<(u64, Batch, u64)>(jobs);
        let queue = std::sync::Arc::new(std::sync::Mutex::new(queue));
        let (done, results) = std::sync::mpsc::channel::<Checked>();
        for _ in 0..jobs {
            let queue = std::sync::Arc::clone(&queue);
            let done = done.clone();
            scope.spawn(move || {
                loop {
                    // The lock is held only to take the next batch.
                    let next = queue.lock().map(|q| q.recv());
                    let Ok(Ok((seq, batch, bytes))) = next else {
                        break;
                    };
                    let verdicts = batch
                        .iter()
                        .map(|(line, payload)| {
                            let mut verdict = check_one(validator, payload);
                            verdict.first_line = *line;
                            (*line, verdict)
                        })
                        .collect();
                    if done.send((seq, verdicts, bytes)).is_err() {
                        break;
                    }
                }
            });
        }
        Pool {
            work,
            results,
            submitted: 0,
            reported: 0,
            pending: std::collections::BTreeMap::new(),
            limit: 2 * jobs as u64,
        }
    }

    fn submit(&mut self, batch: Batch, bytes: u64, emit: &mut dyn FnMut(Vec<(u64, Verdict)>, u64)) {
        while self.submitted - self.reported >= self.limit {
            self.receive(emit);
        }
        if self.work.send((self.submitted, batch, bytes)).is_ok() {
            self.submitted += 1;
        }
    }

    /// Waits for one batch and reports every batch that is now next in order.
    fn receive(&mut self, emit: &mut dyn FnMut(Vec<(u64, Verdict)>, u64)) {
        let Ok((seq, verdicts, bytes)) = self.results.recv() else {
            // Every worker is gone (none should panic): stop waiting for their batches.
            self.reported = self.submitted;
            return;
        };
        self.pending.insert(seq, (verdicts, bytes));
        while let Some((verdicts, bytes)) = self.pending.remove(&self.reported) {
            emit(verdicts, bytes);
            self.reported += 1;
        }
    }

    /// Checks the last batch and reports everything still in flight; dropping the pool then
    /// closes the queue, so the workers leave their loops.
    fn finish(mut self, batch: Batch, bytes: u64, emit: &mut dyn FnMut(Vec<(u64, Verdict)>, u64)) {
        if !batch.is_empty() {
            self.submit(batch, bytes, emit);
        }
        while self.reported < self.submitted {
            self.receive(emit);
        }
    }
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

/// Writes one payload's result. `at`: the input as shown to people, as a JSON string, and the
/// payload's index within it.
fn report(
    out: &mut impl Write,
    at: (&str, &str, u64),
    first_line: u64,
    verdict: Verdict,
    (json, color): (bool, bool),
    totals: &mut Totals,
) {
    let (file, file_json, index) = at;
    let paint = |style: &str, text: String| {
        if color {
            format!("{style}{text}\x1b[0m")
        } else {
            text
        }
    };
    totals.payloads += 1;
    // Violations count lines within the payload; shift them to lines of the file.
    let shift = first_line.saturating_sub(1);
    let line_of = |line: u32| if line == 0 { 0 } else { line as u64 + shift };
    let text = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    match verdict.result {
        Ok(violations) if violations.is_empty() => {
            if json {
                let _ = writeln!(
                    out,
                    r#"{{"file":{file_json},"index":{index},"valid":true,"violations":[]}}"#
                );
            }
        }
        Ok(mut violations) => {
            totals.invalid += 1;
            // In the payload's order, whatever order the schema checked them in.
            violations.sort_by_key(|v| (v.line, v.column));
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
                    r#"{{"file":{file_json},"index":{index},"valid":false,"violations":[{}]}}"#,
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
                        "{}: {}: {} {}",
                        paint(
                            "\x1b[1m",
                            format!("{file}:{}:{}", line_of(v.line), v.column)
                        ),
                        paint("\x1b[1;31m", pointer.to_string()),
                        v.message,
                        paint("\x1b[33m", format!("[{}]", v.keyword))
                    );
                }
            }
        }
        Err(e) => {
            totals.unreadable += 1;
            if json {
                let _ = writeln!(
                    out,
                    r#"{{"file":{file_json},"index":{index},"valid":false,"violations":[],"error":{{"message":{},"line":{},"column":{}}}}}"#,
                    text(&e.message),
                    line_of(e.line),
                    e.column
                );
            } else {
                let _ = writeln!(
                    out,
                    "{}: {} {}",
                    paint(
                        "\x1b[1m",
                        format!("{file}:{}:{}", line_of(e.line), e.column)
                    ),
                    paint("\x1b[1;31m", "not JSON:".to_string()),
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

/// The model paths an error must lie under to touch `target`: the schemas it checks against,
/// the named types they reach through `$ref` (each once), and the operation it belongs to. An
/// error elsewhere in the spec does not stop validation against it.
fn touched_paths(spec: &Spec, target: &Target) -> Vec<String> {
    use molde_codegen::model::{Schema, Type, UnknownMembers};
    let mut roots: Vec<&Schema> = Vec::new();
    let mut out = Vec::new();
    match target {
        Target::Type(name) => roots.extend(spec.type_named(name).map(|t| &t.schema)),
        Target::Request(op) | Target::Response(op, _) => {
            if let Some(o) = find_operation(spec, op) {
                out.push(
                    molde_codegen::model::ModelPath::from(["paths"])
                        .child(o.path.as_str())
                        .child(o.method.to_ascii_lowercase())
                        .to_string(),
                );
                roots.extend(o.body.iter().map(|b| &b.schema));
                roots.extend(o.responses.iter().filter_map(|r| r.schema.as_ref()));
                roots.extend(o.parameters.iter().map(|p| &p.schema));
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    let mut pending = roots;
    while let Some(schema) = pending.pop() {
        out.push(schema.path.to_string());
        match &schema.ty {
            Type::Ref(r) => {
                if seen.insert(r.name.clone())
                    && let Some(t) = spec.type_named(&r.name)
                {
                    pending.push(&t.schema);
                }
            }
            Type::Object(o) => {
                pending.extend(o.fields.iter().map(|f| &f.schema));
                if let UnknownMembers::Map(values) = &o.unknown_members {
                    pending.push(values);
                }
                for member in &o.all_of {
                    if seen.insert(member.name.clone())
                        && let Some(t) = spec.type_named(&member.name)
                    {
                        pending.push(&t.schema);
                    }
                }
            }
            Type::Array(a) => pending.push(&a.items),
            _ => {}
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Whether an error at model path `path` touches one of `paths` (a finding about the whole file,
/// with no path, touches everything).
fn touches(path: &str, paths: &[String]) -> bool {
    path.is_empty()
        || paths.iter().any(|p| {
            path == p
                || path
                    .strip_prefix(p.as_str())
                    .is_some_and(|rest| rest.starts_with(['.', '/']))
                || p.strip_prefix(path)
                    .is_some_and(|rest| rest.starts_with(['.', '/']))
        })
}

/// The errors among `found` that touch what `target` checks against, and the others.
pub fn errors_for<'d>(
    spec: &Spec,
    found: &'d [molde_codegen::Diagnostic],
    target: &Target,
) -> (
    Vec<&'d molde_codegen::Diagnostic>,
    Vec<&'d molde_codegen::Diagnostic>,
) {
    let paths = touched_paths(spec, target);
    found
        .iter()
        .filter(|d| d.severity == molde_codegen::Severity::Error)
        .partition(|d| touches(&d.path, &paths))
}
