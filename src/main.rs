//! `molde`: reads vendor API contracts, explains their defects, and emits what a pipeline needs.

mod diff;
mod sarif;
mod validate;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use molde_codegen::Loaded;
use molde_codegen::config::{self, Config};
use molde_codegen::diag::{Diagnostic, Severity};
use molde_codegen::emit::json_schema;
use molde_codegen::levels::Level;
use molde_codegen::model::SourceFormat;
use molde_codegen::render;

/// Exit codes (DESIGN.md, "CLI").
const EXIT_CLEAN: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_USAGE: u8 = 2;

/// The exit code of a run (DESIGN.md): 2 when an input could not be read or used, else 1 when
/// something was found (errors, invalid payloads), else 0.
fn exit_code(unusable_input: bool, found: bool) -> u8 {
    if unusable_input {
        EXIT_USAGE
    } else if found {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

#[derive(Parser)]
#[command(
    name = "molde",
    version,
    about = "Reads API contracts as vendors publish them (mangled Swagger 2.0, field tables), explains their defects, and emits schemas and code",
    after_help = "Without SPEC, commands use every spec listed in molde.toml (in the current directory).\nExit codes: 0 clean (warnings allowed), 1 errors found, 2 usage or input problems."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Ignore molde.toml: no default specs and no overlays.
    #[arg(long, global = true)]
    no_config: bool,
    /// Read this config file instead of ./molde.toml.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Colour in human output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Read every spec as this kind of document (default: molde.toml's `format`, else found
    /// from the content, with the extension breaking ties).
    #[arg(long, global = true, value_enum, value_name = "KIND")]
    spec_format: Option<SpecFormat>,
    /// Print nothing in human output (the exit code says it); `--format json` still prints.
    #[arg(long, short = 'q', global = true)]
    quiet: bool,
}

/// The kinds of spec document (`--spec-format`).
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SpecFormat {
    /// Swagger 2.0, YAML (indented or stripped) or JSON.
    Swagger,
    /// A markdown page with field tables (a GitBook page).
    Markdown,
    /// A plain-text document with tab-separated field tables.
    Text,
}

impl From<SpecFormat> for SourceFormat {
    fn from(format: SpecFormat) -> SourceFormat {
        match format {
            SpecFormat::Swagger => SourceFormat::Swagger,
            SpecFormat::Markdown => SourceFormat::Markdown,
            SpecFormat::Text => SourceFormat::Text,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Read, recover and lint specs; report every finding with its file, line and column.
    #[command(
        after_help = "Lint levels, in clippy's spirit: --allow CODE drops a code's findings, --warn CODE and --deny CODE make them warnings or errors, --deny warnings makes every warning an error (exit 1). molde.toml's [lints] table does the same (\"constraint.inapplicable\" = \"allow\"); the command line wins."
    )]
    Check {
        /// Spec files (default: the specs in molde.toml).
        specs: Vec<PathBuf>,
        /// `human` (rustc-style snippets), `json` (one diagnostic per line) or `sarif` (one
        /// SARIF 2.1.0 log, for GitHub code scanning).
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Drop the findings of this code (repeatable).
        #[arg(long, value_name = "CODE")]
        allow: Vec<String>,
        /// Report the findings of this code as warnings (repeatable).
        #[arg(long, value_name = "CODE")]
        warn: Vec<String>,
        /// Report the findings of this code as errors; `warnings` makes every warning an error.
        #[arg(long, value_name = "CODE")]
        deny: Vec<String>,
    },
    /// Print a YAML file whose indentation was stripped, re-indented.
    #[command(
        after_help = "The doubtful placements and the lines that could not be placed go to stderr as `yaml.recovered` warnings.\nRecovery rules are switched off by name: MOLDE_RECOVERY_RULES_OFF=sorted-keys,pascal-case molde repair FILE\n(the README lists every rule; an unknown name is reported with the list of names, and every rule stays on)."
    )]
    Repair {
        /// The stripped YAML file.
        file: PathBuf,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish or powershell) to stdout.
    Completions { shell: clap_complete::Shell },
    /// Print the common model of a spec as JSON.
    Model {
        /// A spec file (default: every spec in molde.toml, as a JSON array).
        spec: Option<PathBuf>,
    },
    /// Generate artefacts from specs.
    #[command(subcommand)]
    Gen(Gen),
    /// What changed between two versions of a contract, and whether it breaks the side that
    /// sends or the side that receives it.
    #[command(
        after_help = "OLD and NEW are spec files of any format molde reads; either may be REV:PATH, the file as it was at a git revision:\n  molde diff main:schemas/vantage.swagger.yaml schemas/vantage.swagger.yaml\nThe overlays molde.toml lists for the path are applied to both sides (not with --no-config).\nIn what clients send, a change is breaking when it rejects a payload valid before; in what they receive, when a reader of the old contract could not handle it; descriptions, examples and labels are info.\nExit codes: 0 nothing reaches --fail-on, 1 something does, 2 usage or input errors."
    )]
    Diff {
        /// The old version: a file, or REV:PATH.
        old: String,
        /// The new version: a file, or REV:PATH.
        new: String,
        /// `human` (rustc-style, both versions) or `json` (one change per line).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// What makes the exit code 1.
        #[arg(long, value_enum, default_value_t = diff::FailOn::Breaking)]
        fail_on: diff::FailOn,
    },
    /// Check JSON payloads (files, or stdin; one document or NDJSON) against a type of a spec.
    #[command(group(clap::ArgGroup::new("target").required(true).args(["type", "request", "response", "schema"])))]
    Validate {
        /// The spec (default: the only spec in molde.toml, or the one that has the type).
        #[arg(long, value_name = "SPEC")]
        spec: Option<PathBuf>,
        /// A named type of the spec, e.g. `NoAportantesPeticion`.
        #[arg(long = "type", value_name = "NAME")]
        r#type: Option<String>,
        /// The request body of an operation, e.g. "POST /noAportantes".
        #[arg(long, value_name = "OPERATION")]
        request: Option<String>,
        /// A response body of an operation, e.g. "POST /noAportantes" (with --status; default its 2xx).
        #[arg(long, value_name = "OPERATION")]
        response: Option<String>,
        /// The response status for --response.
        #[arg(long, value_name = "N", requires = "response")]
        status: Option<String>,
        /// A JSON Schema file (2020-12, or draft-04) to check against instead of a spec's type.
        #[arg(long, value_name = "FILE", conflicts_with = "spec")]
        schema: Option<PathBuf>,
        /// With --schema: the JSON pointer of the schema to use inside the file (default: its root).
        #[arg(long = "ref", value_name = "POINTER", requires = "schema")]
        pointer: Option<String>,
        /// Payload files; `-` or none reads stdin.
        files: Vec<PathBuf>,
        /// `human` (file:line:column: pointer: message) or `json` (one line per payload).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// How files hold payloads.
        #[arg(long, value_enum, default_value_t = validate::InputMode::Auto)]
        input: validate::InputMode,
        /// Threads to check NDJSON with (output stays in input order).
        #[arg(long, short = 'j', default_value_t = 1, value_name = "N")]
        jobs: usize,
        /// Do not assert `format` (date, date-time, email).
        #[arg(long)]
        no_formats: bool,
        /// Never draw the progress line on stderr.
        #[arg(long)]
        no_progress: bool,
        /// Accept an input that holds no payload (by default an input error, exit 2).
        #[arg(long)]
        allow_empty: bool,
        /// Read the specs afresh instead of using what an earlier run compiled from the same
        /// bytes (kept in MOLDE_CACHE_DIR, else the user's cache directory; MOLDE_CACHE_DIR=""
        /// keeps nothing).
        #[arg(long)]
        no_cache: bool,
    },
}

#[derive(Subcommand)]
enum Gen {
    /// One JSON Schema 2020-12 file per spec, every named type under `$defs`.
    #[command(
        after_help = "With --type, --request or --response: one standalone schema with that type at its root (its $defs kept for the references), to stdout or -o FILE, for tools such as ajv-cli or python-jsonschema."
    )]
    Schema {
        /// Spec files (default: the specs in molde.toml).
        specs: Vec<PathBuf>,
        /// Output directory (default: schemas/json); with --type and the like, the output file.
        #[arg(short, long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Write one standalone schema for this named type.
        #[arg(long = "type", value_name = "NAME", conflicts_with_all = ["request", "response"])]
        r#type: Option<String>,
        /// Write one standalone schema for the request body of this operation ("POST /x").
        #[arg(long, value_name = "OPERATION", conflicts_with = "response")]
        request: Option<String>,
        /// Write one standalone schema for a response body of this operation (its 2xx, or --status).
        #[arg(long, value_name = "OPERATION")]
        response: Option<String>,
        /// The response status for --response.
        #[arg(long, value_name = "N", requires = "response")]
        status: Option<String>,
    },
    /// The Rust module of a spec (the code the build.rs Builder writes), to stdout or FILE.
    Rust {
        /// A spec file (default: the only spec in molde.toml).
        spec: Option<PathBuf>,
        /// Write the module here instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Give every enum an `Other` variant that keeps codes the spec does not list.
        #[arg(long)]
        open_enums: bool,
        /// Derive `schemars::JsonSchema` (with the spec's lengths, ranges and patterns) behind
        /// the crate's `schemars` feature.
        #[arg(long)]
        schemars: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

/// `check`'s output formats: those of every command, and SARIF.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
    Sarif,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let result = match &cli.command {
        Command::Check {
            specs,
            format,
            allow,
            warn,
            deny,
        } => check(&cli, specs, *format, color, (allow, warn, deny)),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut command = Cli::command();
            clap_complete::generate(*shell, &mut command, "molde", &mut std::io::stdout());
            Ok(EXIT_CLEAN)
        }
        Command::Repair { file } => repair(file),
        Command::Model { spec } => model(&cli, spec.as_deref()),
        Command::Gen(Gen::Schema {
            specs,
            out,
            r#type,
            request,
            response,
            status,
        }) => {
            let target = match (r#type, request, response) {
                (Some(name), _, _) => Some(validate::Target::Type(name.clone())),
                (_, Some(op), _) => Some(validate::Target::Request(op.clone())),
                (_, _, Some(op)) => Some(validate::Target::Response(op.clone(), status.clone())),
                _ => None,
            };
            match target {
                Some(target) => gen_standalone(&cli, specs, out.as_deref(), &target),
                None => gen_schema(
                    &cli,
                    specs,
                    out.as_deref().unwrap_or(Path::new("schemas/json")),
                ),
            }
        }
        Command::Gen(Gen::Rust {
            spec,
            out,
            open_enums,
            schemars,
        }) => gen_rust(
            &cli,
            spec.as_deref(),
            out.as_deref(),
            molde_codegen::emit::rust::RustOptions {
                open_enums: *open_enums,
                schemars: *schemars,
            },
        ),
        Command::Validate { .. } => validate_command(&cli, color),
        Command::Diff {
            old,
            new,
            format,
            fail_on,
        } => diff::run(&cli, old, new, *format, *fail_on, color),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// A spec to read: where it is, how to show it, and its overlays.
struct Target {
    path: PathBuf,
    overlays: Vec<(PathBuf, String)>,
    /// `None`: found from the content.
    format: Option<SourceFormat>,
}

impl Target {
    fn load(&self) -> Loaded {
        molde_codegen::load_spec_as(
            &self.path,
            &display(&self.path),
            &self.overlays,
            self.format,
        )
    }

    /// Read into the model, without the lints and model checks [`Target::load`] adds (see
    /// [`molde_codegen::finish`]).
    fn read(&self) -> Loaded {
        molde_codegen::read_spec_as(
            &self.path,
            &display(&self.path),
            &self.overlays,
            self.format,
        )
    }
}

/// Reads every target, in order; with `jobs` above 1, on that many threads at once (startup is
/// the part of `molde validate --jobs N` that does not scale with the workers).
fn read_all(targets: &[Target], jobs: usize) -> Vec<Loaded> {
    if jobs <= 1 || targets.len() <= 1 {
        return targets.iter().map(Target::read).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<Loaded>>> = targets
        .iter()
        .map(|_| std::sync::Mutex::new(None))
        .collect();
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(targets.len()) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(target) = targets.get(i) else {
                        break;
                    };
                    let loaded = target.read();
                    if let Ok(mut slot) = slots[i].lock() {
                        *slot = Some(loaded);
                    }
                }
            });
        }
    });
    // Every slot is filled: a reader that panicked would have ended the scope with its panic.
    // Reading again here keeps this total without an `expect`.
    slots
        .into_iter()
        .zip(targets)
        .map(|(slot, target)| {
            slot.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| target.read())
        })
        .collect()
}

fn display(path: &Path) -> String {
    let s = path.display().to_string();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

fn load_config(cli: &Cli) -> Result<Option<Config>, String> {
    if cli.no_config {
        return Ok(None);
    }
    match &cli.config {
        Some(path) => Config::load(path).map(Some).map_err(|e| e.to_string()),
        None => Config::find(Path::new(".")).map_err(|e| e.to_string()),
    }
}

/// The specs a command works on: those named, with their configured overlays, or all of molde.toml.
fn targets(cli: &Cli, named: &[PathBuf]) -> Result<Vec<Target>, String> {
    let config = load_config(cli)?;
    let forced = cli.spec_format.map(SourceFormat::from);
    let with_overlays =
        |path: PathBuf, overlays: &[PathBuf], format: Option<SourceFormat>| Target {
            overlays: overlays.iter().map(|o| (o.clone(), display(o))).collect(),
            path,
            format: forced.or(format),
        };
    if !named.is_empty() {
        return Ok(named
            .iter()
            .map(|p| {
                let overlays = config.as_ref().map_or(&[][..], |c| c.overlays_for(p));
                let format = config.as_ref().and_then(|c| c.format_for(p));
                with_overlays(p.clone(), overlays, format)
            })
            .collect());
    }
    match config {
        Some(c) if !c.specs.is_empty() => Ok(c
            .specs
            .iter()
            .map(|s| with_overlays(s.path.clone(), &s.overlays, s.format))
            .collect()),
        Some(_) => Err(format!(
            "{} lists no specs; name a SPEC file",
            config::FILE_NAME
        )),
        None if cli.no_config => Err("--no-config needs a SPEC file".into()),
        None => Err(format!(
            "no SPEC given and no {} in the current directory; name a spec file (e.g. `molde check api.yaml`)",
            config::FILE_NAME
        )),
    }
}

/// `--allow`, `--warn` and `--deny` codes, in that order.
type LevelFlags<'a> = (&'a [String], &'a [String], &'a [String]);

fn check(
    cli: &Cli,
    specs: &[PathBuf],
    format: CheckFormat,
    color: bool,
    (allow, warn, deny): LevelFlags<'_>,
) -> Result<u8, String> {
    let targets = targets(cli, specs)?;
    // molde.toml's [lints] first, then the command line over it.
    let mut levels = load_config(cli)?.map(|c| c.lints).unwrap_or_default();
    for (codes, level) in [
        (allow, Level::Allow),
        (warn, Level::Warn),
        (deny, Level::Deny),
    ] {
        for code in codes {
            if code == "warnings" && level == Level::Deny {
                levels.deny_warnings = true;
            } else {
                levels.set(code, level);
            }
        }
    }
    let quiet = cli.quiet && format == CheckFormat::Human;
    let mut every: Vec<molde_codegen::Diagnostic> = Vec::new();
    let mut counts = [0usize; 3];
    let mut io_error = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for target in &targets {
        let loaded: Loaded = target.load();
        io_error |= loaded.io_error;
        let diagnostics = levels.apply(loaded.diagnostics);
        let mut sources = render::SourceCache::default();
        for d in &diagnostics {
            counts[d.severity as usize] += 1;
        }
        let lines = match format {
            _ if quiet => Vec::new(),
            CheckFormat::Json => diagnostics.iter().map(render::to_json_line).collect(),
            CheckFormat::Human => render::render_all(&diagnostics, &mut sources, color),
            CheckFormat::Sarif => {
                every.extend(diagnostics);
                Vec::new()
            }
        };
        for line in lines {
            write_out(&mut out, &(line + "\n"))?;
        }
    }
    if format == CheckFormat::Sarif {
        let log = serde_json::to_string_pretty(&sarif::log(&every))
            .map_err(|e| format!("cannot write SARIF: {e}"))?;
        write_out(&mut out, &(log + "\n"))?;
    }
    let [infos, warnings, errors] = counts;
    if format == CheckFormat::Human && !quiet {
        let checked = if targets.len() == 1 {
            "1 spec".to_string()
        } else {
            format!("{} specs", targets.len())
        };
        write_out(
            &mut out,
            &format!(
                "{checked} checked: {}\n",
                render::summary(errors, warnings, infos)
            ),
        )?;
    }
    Ok(exit_code(io_error, errors > 0))
}

/// Writes to stdout; a closed pipe (`molde check | head`) ends quietly.
fn write_out(out: &mut impl Write, text: &str) -> Result<(), String> {
    match out.write_all(text.as_bytes()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            std::process::exit(EXIT_CLEAN as i32)
        }
        Err(e) => Err(format!("cannot write output: {e}")),
    }
}

fn repair(file: &Path) -> Result<u8, String> {
    let shown = display(file);
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let document = molde_codegen::read_document(&shown, &bytes);
    let errors = document
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match &document.recovered {
        Some(recovered) => write_out(&mut out, &recovered.text)?,
        None => {
            if let Ok(text) = std::str::from_utf8(&bytes) {
                eprintln!("note: {shown} is not indentation-stripped YAML; printed unchanged");
                write_out(&mut out, text)?;
            }
        }
    }
    let mut sources = render::SourceCache::default();
    let shown: Vec<Diagnostic> = document
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .cloned()
        .collect();
    for block in render::render_all(&shown, &mut sources, false) {
        eprintln!("{block}");
    }
    Ok(exit_code(false, errors > 0))
}

fn model(cli: &Cli, spec: Option<&Path>) -> Result<u8, String> {
    let named: Vec<PathBuf> = spec.map(Path::to_path_buf).into_iter().collect();
    let targets = targets(cli, &named)?;
    let mut models = Vec::new();
    let mut failed: Vec<Diagnostic> = Vec::new();
    let mut io_error = false;
    for target in &targets {
        let loaded = target.load();
        io_error |= loaded.io_error;
        match loaded.spec {
            Some(mut s) => {
                s.diagnostics = loaded.diagnostics;
                models.push(s);
            }
            None => failed.extend(
                loaded
                    .diagnostics
                    .into_iter()
                    .filter(|d| d.severity == Severity::Error),
            ),
        }
    }
    let mut sources = render::SourceCache::default();
    for d in &failed {
        eprintln!("{}", sources.render(d, false));
    }
    let json = if spec.is_some() {
        models.first().map(serde_json::to_string_pretty)
    } else {
        Some(serde_json::to_string_pretty(&models))
    };
    if let Some(json) = json {
        let json = json.map_err(|e| format!("cannot serialize the model: {e}"))?;
        write_out(&mut std::io::stdout().lock(), &(json + "\n"))?;
    }
    Ok(exit_code(io_error, !failed.is_empty()))
}

/// `gen schema --type NAME` (or `--request`/`--response`): the spec's emitted schema with
/// that entry at its root, its `$defs` kept so the references inside still resolve.
fn gen_standalone(
    cli: &Cli,
    specs: &[PathBuf],
    out: Option<&Path>,
    target: &validate::Target,
) -> Result<u8, String> {
    let targets = targets(cli, specs)?;
    let mut sources = render::SourceCache::default();
    let mut chosen = None;
    for t in &targets {
        let loaded = t.load();
        if let Some(spec) = &loaded.spec
            && validate::names_the_target(spec, target)
        {
            chosen = Some((t, loaded));
            break;
        }
    }
    let Some((t, loaded)) = chosen else {
        let first = targets
            .first()
            .map(|t| t.load())
            .and_then(|l| l.spec)
            .ok_or("no spec could be read")?;
        // The same message `validate` gives, with its "did you mean".
        return Err(validate::entry_for(&first, target)
            .err()
            .unwrap_or_else(|| "no spec has that".to_string()));
    };
    let spec = loaded.spec.as_ref().expect("chosen for its spec");
    let (touching, _) = validate::errors_for(spec, &loaded.diagnostics, target);
    if !touching.is_empty() {
        for d in &touching {
            eprintln!("{}", sources.render(d, false));
        }
        return Err(format!("{} has errors in that schema", display(&t.path)));
    }
    let entry = validate::entry_for(spec, target)?;
    let document = json_schema::to_json_schema(spec);
    let Some(serde_json::Value::Object(at)) = document.pointer(entry.trim_start_matches('#'))
    else {
        return Err(format!(
            "{entry} is not a schema object in the emitted document"
        ));
    };
    let mut root = serde_json::Map::new();
    for key in ["$schema", "$id"] {
        if let Some(v) = document.get(key) {
            root.insert(key.to_string(), v.clone());
        }
    }
    root.extend(at.clone());
    if let Some(defs) = document.get("$defs") {
        root.insert("$defs".to_string(), defs.clone());
    }
    let text = serde_json::to_string_pretty(&serde_json::Value::Object(root))
        .map_err(|e| format!("cannot write the schema: {e}"))?
        + "\n";
    match out {
        Some(file) => {
            std::fs::write(file, text)
                .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
            if !cli.quiet {
                eprintln!("wrote {}", display(file));
            }
        }
        None => write_out(&mut std::io::stdout().lock(), &text)?,
    }
    Ok(EXIT_CLEAN)
}

fn gen_schema(cli: &Cli, specs: &[PathBuf], out_dir: &Path) -> Result<u8, String> {
    let targets = targets(cli, specs)?;
    std::fs::create_dir_all(out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let mut sources = render::SourceCache::default();
    let (mut errors, mut io_error) = (0usize, false);
    for target in &targets {
        let loaded = target.load();
        io_error |= loaded.io_error;
        for d in loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            errors += 1;
            eprintln!("{}", sources.render(d, false));
        }
        let Some(spec) = loaded.spec else { continue };
        let file = out_dir.join(json_schema::schema_file_name(&target.path));
        std::fs::write(&file, json_schema::to_json_schema_string(&spec))
            .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        if !cli.quiet {
            eprintln!("wrote {}", display(&file));
        }
    }
    Ok(exit_code(io_error, errors > 0))
}

fn gen_rust(
    cli: &Cli,
    spec: Option<&Path>,
    out: Option<&Path>,
    options: molde_codegen::emit::rust::RustOptions,
) -> Result<u8, String> {
    let named: Vec<PathBuf> = spec.map(Path::to_path_buf).into_iter().collect();
    let targets = targets(cli, &named)?;
    let [target] = targets.as_slice() else {
        return Err(format!(
            "{} specs are configured; name the one to generate (`molde gen rust SPEC`)",
            targets.len()
        ));
    };
    let loaded = target.load();
    let mut sources = render::SourceCache::default();
    let errors: Vec<&Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    for d in &errors {
        eprintln!("{}", sources.render(d, false));
    }
    let Some(spec) = loaded.spec.as_ref().filter(|_| errors.is_empty()) else {
        return Ok(exit_code(loaded.io_error, true));
    };
    let code = molde_codegen::emit::rust::to_rust(spec, &options);
    match out {
        Some(file) => {
            std::fs::write(file, code)
                .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
            if !cli.quiet {
                eprintln!("wrote {}", display(file));
            }
        }
        None => write_out(&mut std::io::stdout().lock(), &code)?,
    }
    Ok(EXIT_CLEAN)
}

fn validate_command(cli: &Cli, color: bool) -> Result<u8, String> {
    let Command::Validate {
        spec,
        r#type,
        request,
        response,
        status,
        schema,
        pointer,
        files,
        format,
        input,
        jobs,
        no_formats,
        no_progress,
        allow_empty,
        no_cache,
    } = &cli.command
    else {
        unreachable!("called for validate only");
    };
    let settings = validate::Settings {
        json: *format == Format::Json,
        jobs: (*jobs).max(1),
        mode: *input,
        progress: !no_progress,
        allow_empty: *allow_empty,
        quiet: cli.quiet,
        color,
    };
    let finish = |totals: validate::Totals| {
        exit_code(
            totals.io_errors > 0 || totals.unreadable > 0 || totals.empty_inputs > 0,
            totals.invalid > 0,
        )
    };
    if let Some(file) = schema {
        let validator = validate::compile_file(file, pointer.as_deref(), !no_formats)?;
        return Ok(finish(validate::run(&validator, files, &settings)));
    }
    let target = match (r#type, request, response) {
        (Some(name), _, _) => validate::Target::Type(name.clone()),
        (_, Some(op), _) => validate::Target::Request(op.clone()),
        (_, _, Some(op)) => validate::Target::Response(op.clone(), status.clone()),
        _ => return Err("name what to check against: --type, --request or --response".into()),
    };
    let named: Vec<PathBuf> = spec.iter().cloned().collect();
    let candidates = targets(cli, &named)?;
    let key = match no_cache {
        true => None,
        false => cache_key(cli, &candidates, &target, *no_formats),
    };
    if let Some(hit) = key.as_ref().and_then(validate::cache::load) {
        for warning in &hit.warnings {
            eprintln!("{warning}");
        }
        let validator = validate::compile_document(&hit.schema, &hit.entry, !no_formats)?;
        return Ok(finish(validate::run(&validator, files, &settings)));
    }
    let mut warnings = Vec::new();
    // Without --spec, the spec is the only one configured, or the one that has the named type.
    let mut chosen = None;
    let mut nearly: Option<String> = None;
    let mut offered: Vec<String> = Vec::new();
    let mut sources = render::SourceCache::default();
    let mut read = read_all(&candidates, settings.jobs).into_iter();
    for candidate in &candidates {
        let shown = display(&candidate.path);
        // Lints and model checks only for the spec that has the target (below): the others
        // are read only to find it.
        let mut loaded = read.next().expect("one reading per candidate");
        let errors: Vec<&Diagnostic> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        let Some(spec) = loaded.spec.as_ref() else {
            for d in &errors {
                eprintln!("{}", sources.render(d, false));
            }
            return Err(format!("{shown} cannot be read"));
        };
        let entry = validate::entry_for(spec, &target);
        if let Err(why) = &entry
            && validate::names_the_target(spec, &target)
        {
            // The spec has the operation but not that part of it: the reason to give.
            nearly.get_or_insert_with(|| why.clone());
        }
        match &target {
            validate::Target::Type(_) => offered.extend(spec.types.iter().map(|t| t.name.clone())),
            _ => offered.extend(spec.operations.iter().map(|o| o.label())),
        }
        let fits = candidates.len() == 1 || entry.is_ok();
        if fits {
            if let Some((other, _, _)) = &chosen {
                return Err(format!(
                    "both {other} and {shown} fit; choose one with --spec"
                ));
            }
            molde_codegen::finish_for_payloads(&mut loaded, &shown);
            let errors = loaded
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error);
            if let Some(spec) = loaded.spec.as_ref().filter(|_| errors) {
                // Only an error in what the target checks against (or reaches) stops it.
                let (touching, elsewhere) =
                    validate::errors_for(spec, &loaded.diagnostics, &target);
                if !touching.is_empty() {
                    for d in &touching {
                        eprintln!("{}", sources.render(d, false));
                    }
                    return Err(format!(
                        "{shown} has errors in what this checks against; fix them (or add an overlay) before validating against it"
                    ));
                }
                if let Some(first) = elsewhere.first() {
                    let warning = format!(
                        "warning: {shown} has {} error{} elsewhere (first: {} at line {}, {}), none in what this checks against",
                        elsewhere.len(),
                        if elsewhere.len() == 1 { "" } else { "s" },
                        first.code,
                        first.line,
                        first.path
                    );
                    eprintln!("{warning}");
                    warnings.push(warning);
                }
            }
            chosen = Some((shown, loaded, candidate.path.clone()));
        }
    }
    let Some((_, loaded, _)) = chosen else {
        let kind = match target {
            validate::Target::Type(_) => "types",
            _ => "operations",
        };
        let asked = match &target {
            validate::Target::Type(name) => name.clone(),
            validate::Target::Request(op) | validate::Target::Response(op, _) => {
                match op.trim().split_once(char::is_whitespace) {
                    Some((m, p)) => format!("{} {}", m.to_ascii_uppercase(), p.trim()),
                    None => op.clone(),
                }
            }
        };
        let close =
            molde_codegen::suggest::closest_name(&asked, offered.iter().map(String::as_str))
                .map(|c| format!("did you mean `{c}`? "))
                .unwrap_or_default();
        return Err(nearly.unwrap_or_else(|| {
            format!(
                "no configured spec has `{asked}`; {close}their {kind}: {} (or name the spec with --spec)",
                offered.join(", ")
            )
        }));
    };
    let spec = loaded.spec.as_ref().expect("checked above");
    let entry = validate::entry_for(spec, &target)?;
    let document = json_schema::to_json_schema(spec);
    let validator = validate::compile_document(&document, &entry, !no_formats)?;
    if let Some(key) = &key {
        validate::cache::store(key, &entry, &warnings, &document);
    }
    Ok(finish(validate::run(&validator, files, &settings)))
}

/// The cache key of a `validate` run: the target, and every byte the outcome is read from
/// (molde.toml, each candidate spec and its overlays, with their paths and formats); `None`
/// when there is no cache directory or an input cannot be read (the run then reports it).
fn cache_key(
    cli: &Cli,
    candidates: &[Target],
    target: &validate::Target,
    no_formats: bool,
) -> Option<validate::cache::Key> {
    let mut key = validate::cache::KeyBuilder::new(validate::cache::dir()?)?;
    let (kind, name, status) = match target {
        validate::Target::Type(name) => ("type", name, None),
        validate::Target::Request(op) => ("request", op, None),
        validate::Target::Response(op, status) => ("response", op, status.as_deref()),
    };
    key.name(kind.as_bytes());
    key.name(name.as_bytes());
    key.name(status.unwrap_or("").as_bytes());
    key.name(if no_formats {
        b"no formats"
    } else {
        b"formats"
    });
    // The config's lints decide which diagnostics are errors.
    match (&cli.config, cli.no_config) {
        (_, true) => key.content(b"no config"),
        (Some(path), false) => key.file(path)?,
        (None, false) => match std::fs::read(molde_codegen::config::FILE_NAME) {
            Ok(bytes) => key.content(&bytes),
            Err(_) => key.content(b"no molde.toml"),
        },
    }
    let cwd = std::env::current_dir().ok()?;
    key.name(cwd.as_os_str().as_encoded_bytes());
    for candidate in candidates {
        key.name(candidate.path.as_os_str().as_encoded_bytes());
        key.content(format!("{:?}", candidate.format).as_bytes());
        key.file(&candidate.path)?;
        for (overlay, _) in &candidate.overlays {
            key.name(overlay.as_os_str().as_encoded_bytes());
            key.file(overlay)?;
        }
    }
    Some(key.finish())
}
