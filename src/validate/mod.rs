//! `molde validate`: checks JSON payloads (one document, or NDJSON) against a type of a spec.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use molde_codegen::emit::json_schema::{self, Part};
use molde_codegen::model::{Operation, Spec};
use molde_validator::{Options, Validator, Violation};

pub mod cache;
mod lines;

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
pub(super) struct Verdict {
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

/// Compiles a spec's emitted JSON Schema document at `entry`.
pub fn compile_document(
    schema: &serde_json::Value,
    entry: &str,
    assert_formats: bool,
) -> Result<Validator, String> {
    Validator::compile(schema, entry, Options { assert_formats })
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
        let mut reader: Box<dyn Read> = if input.as_os_str() == "-" {
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
        let mode = match settings.mode {
            InputMode::Auto if has_ndjson_extension(input) => InputMode::Ndjson,
            mode => mode,
        };
        // The start of every payload's JSON line, up to its index.
        let valid_prefix = format!(r#"{{"file":{file_json},"index":"#);
        let style = Style {
            file: shown.clone(),
            json: settings.json,
            color: settings.color,
        };
        // A block's result lines are put together here and written at once: one call through
        // the `dyn Write` and the `BufWriter` per block, not per payload.
        let mut lines_out: Vec<u8> = Vec::new();
        let mut emit = |outcomes: &mut Vec<lines::Outcome>, bytes: u64| {
            let mut count = 0;
            for outcome in outcomes.drain(..) {
                let index = totals.payloads - before;
                match outcome {
                    lines::Outcome::Valid(n) => {
                        count += n;
                        totals.payloads += n;
                        if settings.json {
                            report_valid(&mut lines_out, &valid_prefix, index, n);
                        }
                    }
                    lines::Outcome::Invalid(rendered) => {
                        count += 1;
                        report(
                            &mut lines_out,
                            &valid_prefix,
                            index,
                            &rendered,
                            settings.json,
                            &mut totals,
                        );
                    }
                }
            }
            let _ = out.write_all(&lines_out);
            lines_out.clear();
            progress.advance(count, bytes);
        };
        let result = match mode {
            InputMode::Document => read_document(&mut reader).map(|bytes| {
                let len = bytes.len() as u64;
                emit(
                    &mut vec![lines::outcome(check_one(validator, &bytes), &style)],
                    len,
                );
            }),
            InputMode::Ndjson | InputMode::Auto => {
                lines::check_lines(validator, reader, mode, settings.jobs, &style, &mut emit)
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

pub(super) fn check_one(validator: &Validator, bytes: &[u8]) -> Verdict {
    let mut violations = Vec::new();
    let result = validator
        .validate_into(bytes, &mut violations)
        .map(|_| violations);
    Verdict {
        first_line: 1,
        result,
    }
}

pub(super) fn trim_line(buf: &[u8]) -> &[u8] {
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

/// Appends the JSON lines of `n` valid payloads in a row, the first at `first` within its
/// file: the same line as [`report`] writes, from a prefix rendered once per file. The index
/// is rendered once and then counted up in its decimal digits.
fn report_valid(out: &mut Vec<u8>, prefix: &str, first: u64, n: u64) {
    const SUFFIX: &[u8] = b",\"valid\":true,\"violations\":[]}\n";
    // One digit more than any u64 has, so a carry out of the leading digit always has room.
    let mut digits = [b'0'; 21];
    let mut at = right_aligned_decimal(first, &mut digits);
    out.reserve(n as usize * (prefix.len() + 8 + SUFFIX.len()));
    for _ in 0..n {
        out.extend_from_slice(prefix.as_bytes());
        out.extend_from_slice(&digits[at..]);
        out.extend_from_slice(SUFFIX);
        let mut i = digits.len() - 1;
        while digits[i] == b'9' {
            digits[i] = b'0';
            i -= 1;
        }
        digits[i] += 1;
        at = at.min(i);
    }
}

fn push_decimal(out: &mut Vec<u8>, n: u64) {
    let mut digits = [0u8; 20];
    let at = right_aligned_decimal(n, &mut digits);
    out.extend_from_slice(&digits[at..]);
}

/// Writes `n` in decimal at the end of `digits` (20 bytes hold any u64); returns where it starts.
fn right_aligned_decimal(mut n: u64, digits: &mut [u8]) -> usize {
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return at;
        }
    }
}

/// How results are written: the file as shown to people, and the output form.
pub(super) struct Style {
    pub(super) file: String,
    pub(super) json: bool,
    pub(super) color: bool,
}

/// An invalid payload's result, rendered where it was checked (a worker, with `--jobs`), so
/// the thread that writes in order only adds what it alone knows, the index.
pub(super) struct Rendered {
    /// Not JSON at all (else: JSON with violations).
    pub(super) unreadable: bool,
    /// In JSON form, the line after its index (`,"valid":false,...}` and the newline); in
    /// human form, the whole lines.
    pub(super) text: Vec<u8>,
}

/// Renders the result of a payload that is not valid (`None` for a valid one).
pub(super) fn render(verdict: Verdict, style: &Style) -> Option<Rendered> {
    let Style { file, json, color } = style;
    let (json, color) = (*json, *color);
    let paint = |style: &str, text: String| {
        if color {
            format!("{style}{text}\x1b[0m")
        } else {
            text
        }
    };
    // Violations count lines within the payload; shift them to lines of the file.
    let shift = verdict.first_line.saturating_sub(1);
    let line_of = |line: u32| if line == 0 { 0 } else { line as u64 + shift };
    let text = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let mut out = Vec::new();
    let unreadable = match verdict.result {
        Ok(violations) if violations.is_empty() => return None,
        Ok(mut violations) => {
            // In the payload's order, whatever order the schema checked them in.
            violations.sort_by_key(|v| (v.line, v.column));
            if json {
                // Members in the order of the contract (DESIGN.md, "Validation contract"),
                // written straight into the result: no string per violation, no join.
                let string = |out: &mut Vec<u8>, s: &str| {
                    if serde_json::to_writer(&mut *out, s).is_err() {
                        out.extend_from_slice(b"\"\"");
                    }
                };
                out.extend_from_slice(br#","valid":false,"violations":["#);
                for (k, v) in violations.iter().enumerate() {
                    if k > 0 {
                        out.push(b',');
                    }
                    out.extend_from_slice(br#"{"pointer":"#);
                    string(&mut out, &v.pointer);
                    out.extend_from_slice(br#","keyword":"#);
                    string(&mut out, v.keyword);
                    out.extend_from_slice(br#","message":"#);
                    string(&mut out, &v.message);
                    let _ = write!(
                        out,
                        r#","line":{},"column":{}}}"#,
                        line_of(v.line),
                        v.column
                    );
                }
                out.extend_from_slice(b"]}\n");
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
            false
        }
        Err(e) => {
            if json {
                let _ = writeln!(
                    out,
                    r#","valid":false,"violations":[],"error":{{"message":{},"line":{},"column":{}}}}}"#,
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
            true
        }
    };
    Some(Rendered {
        unreadable,
        text: out,
    })
}

/// Writes a rendered result; `prefix` starts a JSON line up to the payload's index.
fn report(
    out: &mut impl Write,
    prefix: &str,
    index: u64,
    rendered: &Rendered,
    json: bool,
    totals: &mut Totals,
) {
    totals.payloads += 1;
    if rendered.unreadable {
        totals.unreadable += 1;
    } else {
        totals.invalid += 1;
    }
    if json {
        let mut line = Vec::with_capacity(prefix.len() + 20);
        line.extend_from_slice(prefix.as_bytes());
        push_decimal(&mut line, index);
        let _ = out.write_all(&line);
    }
    let _ = out.write_all(&rendered.text);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_lines_count_their_index_up_across_carries() {
        for (first, n) in [
            (0, 12),
            (7, 5),
            (95, 10),
            (998, 3),
            (99_999, 2),
            (u64::MAX - 2, 3),
        ] {
            let mut out = Vec::new();
            report_valid(&mut out, "P", first, n);
            let expected: String = (0..n)
                .map(|k| format!("P{},\"valid\":true,\"violations\":[]}}\n", first + k))
                .collect();
            assert_eq!(String::from_utf8(out).unwrap(), expected, "from {first}");
        }
    }
}
