//! `molde diff OLD NEW`: the changes between two versions of a contract (see
//! `molde_codegen::diff`), as rustc-style blocks or JSON lines, with an exit code a CI job can
//! gate on.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use clap::ValueEnum;
use molde_codegen::diag::Severity;
use molde_codegen::diff::{self, Change, Impact};
use molde_codegen::render::{self, Place, SourceCache};
use molde_codegen::{Loaded, Spec};

use crate::{Cli, EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, Format, load_config, write_out};

/// What makes `molde diff` exit 1.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    /// A breaking change.
    Breaking,
    /// Any change, info included.
    Any,
    /// Nothing: always exit 0 once both versions are read.
    Never,
}

/// One version: its text (for snippets) and what molde read from it.
struct Version {
    display: String,
    text: String,
    loaded: Loaded,
}

pub(crate) fn run(
    cli: &Cli,
    old: &str,
    new: &str,
    format: Format,
    fail_on: FailOn,
    color: bool,
) -> Result<u8, String> {
    let config = load_config(cli)?;
    let (old_path, new_path) = (path_of(old)?, path_of(new)?);
    // The overlays molde.toml lists for each path; a copy of a configured spec (an edited
    // version in /tmp, say) gets the other side's, so the overlay is no difference.
    let listed = |path: &Path| -> Vec<PathBuf> {
        config
            .as_ref()
            .map_or(&[][..], |c| c.overlays_for(path))
            .to_vec()
    };
    let (mut old_overlays, mut new_overlays) = (listed(&old_path), listed(&new_path));
    if old_overlays.is_empty() {
        old_overlays = new_overlays.clone();
    } else if new_overlays.is_empty() {
        new_overlays = old_overlays.clone();
    }
    let format_of = |path: &Path| {
        cli.spec_format
            .map(Into::into)
            .or_else(|| config.as_ref().and_then(|c| c.format_for(path)))
    };
    let old = read(old, &old_overlays, format_of(&old_path))?;
    let new = read(new, &new_overlays, format_of(&new_path))?;
    let mut sources = SourceCache::default();
    let mut unusable = false;
    for version in [&old, &new] {
        sources.insert(&version.display, version.text.clone());
        if version.loaded.spec.is_none() {
            unusable = true;
            for d in &version.loaded.diagnostics {
                eprintln!("{}", sources.render(d, false));
            }
            eprintln!("error: {} could not be read as a contract", version.display);
        }
    }
    let (Some(old_spec), Some(new_spec)) = (&old.loaded.spec, &new.loaded.spec) else {
        debug_assert!(unusable);
        return Ok(EXIT_USAGE);
    };
    let changes = diff::compare(old_spec, new_spec);
    if !(cli.quiet && format == Format::Human) {
        print(&changes, format, &mut sources, color, old_spec, new_spec)?;
    }
    let fails = changes.iter().any(|c| match fail_on {
        FailOn::Breaking => c.impact == Impact::Breaking,
        FailOn::Any => true,
        FailOn::Never => false,
    });
    Ok(if fails { EXIT_FINDINGS } else { EXIT_CLEAN })
}

fn print(
    changes: &[Change],
    format: Format,
    sources: &mut SourceCache,
    color: bool,
    old: &Spec,
    new: &Spec,
) -> Result<(), String> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        Format::Json => {
            for change in changes {
                let line = serde_json::to_string(change)
                    .map_err(|e| format!("cannot write a change as JSON: {e}"))?;
                write_out(&mut out, &(line + "\n"))?;
            }
        }
        Format::Human => {
            for c in changes {
                let severity = match c.impact {
                    Impact::Breaking => Severity::Error,
                    Impact::Compatible => Severity::Warning,
                    Impact::Info => Severity::Info,
                };
                let block = render::render_block(
                    &render::Header {
                        word: c.impact.as_str(),
                        severity,
                        code: &c.code,
                        message: &c.message,
                    },
                    &[place("old", &c.old), place("new", &c.new)],
                    &[
                        ("path", c.path.clone()),
                        ("side", c.side.as_str().to_string()),
                    ],
                    sources,
                    color,
                );
                write_out(&mut out, &(block + "\n"))?;
            }
            let count = |i| changes.iter().filter(|c| c.impact == i).count();
            let summary = if changes.is_empty() {
                format!("no changes from {} to {}", old.source, new.source)
            } else {
                format!(
                    "{} change{} from {} to {}: {} breaking, {} compatible, {} info",
                    changes.len(),
                    if changes.len() == 1 { "" } else { "s" },
                    old.source,
                    new.source,
                    count(Impact::Breaking),
                    count(Impact::Compatible),
                    count(Impact::Info)
                )
            };
            write_out(&mut out, &(summary + "\n"))?;
        }
    }
    Ok(())
}

/// The path an argument names: the file itself, or PATH of `REV:PATH`.
fn path_of(arg: &str) -> Result<PathBuf, String> {
    if Path::new(arg).exists() {
        return Ok(PathBuf::from(arg));
    }
    match arg.split_once(':').filter(|(rev, _)| !rev.is_empty()) {
        Some((_, path)) => Ok(PathBuf::from(path)),
        None => Err(format!(
            "{arg}: no such file (a version from git is written REV:PATH, e.g. main:{arg})"
        )),
    }
}

/// Reads one side, a file or `REV:PATH` (the file as it was at a git revision), with these
/// overlays applied.
fn read(
    arg: &str,
    overlays: &[PathBuf],
    format: Option<molde_codegen::model::SourceFormat>,
) -> Result<Version, String> {
    let bytes = if Path::new(arg).exists() {
        std::fs::read(arg).map_err(|e| format!("cannot read {arg}: {e}"))?
    } else {
        let (rev, path) = arg
            .split_once(':')
            .ok_or_else(|| format!("{arg}: no such file"))?;
        git_show(rev, path)?
    };
    let mut overlay_bytes = Vec::new();
    for overlay in overlays {
        let bytes = std::fs::read(overlay)
            .map_err(|e| format!("cannot read the overlay {}: {e}", overlay.display()))?;
        overlay_bytes.push((crate::display(overlay), bytes));
    }
    let display = arg.strip_prefix("./").unwrap_or(arg).to_string();
    let loaded = molde_codegen::check_bytes_as(&display, &bytes, &overlay_bytes, format);
    Ok(Version {
        text: String::from_utf8_lossy(&bytes).into_owned(),
        display,
        loaded,
    })
}

/// The file at `path` (relative to the current directory) as it was at `rev`.
fn git_show(rev: &str, path: &str) -> Result<Vec<u8>, String> {
    let spec = format!("{rev}:./{}", path.trim_start_matches("./"));
    let output = Process::new("git")
        .args(["show", &spec])
        .output()
        .map_err(|e| format!("cannot run git to read {rev}:{path}: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "git cannot show {rev}:{path}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(output.stdout)
}

fn place<'a>(tag: &'a str, location: &'a Option<diff::Location>) -> Place<'a> {
    Place {
        tag,
        at: location
            .as_ref()
            .map(|l| (l.file.as_str(), l.line, l.column)),
    }
}
