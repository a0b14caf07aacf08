//! `molde.toml`: the specs a project holds and the overlays that fix each one. It is the default
//! input of every command, and tells a spec named on the command line which overlays it gets.
//!
//! ```toml
//! [[spec]]
//! path = "schemas/vantage.swagger.yaml"
//! overlays = ["schemas/vantage.overlay.yaml"]
//!
//! [[spec]]
//! path = "schemas/core-customer.md"
//! format = "markdown"   # optional: "swagger", "markdown" or "text"; found from the content otherwise
//! ```
//!
//! Paths are relative to the directory of `molde.toml`. A `[lints]` table sets what findings of
//! a code become in `molde check` (`allow`, `info`, `warn` or `deny`):
//!
//! ```toml
//! [lints]
//! "constraint.inapplicable" = "allow"
//! "required.undeclared" = "deny"
//! ```

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::model::SourceFormat;

/// The name [`Config::find`] looks for.
pub const FILE_NAME: &str = "molde.toml";

/// The project's specs, in the order `molde.toml` lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub specs: Vec<SpecEntry>,
    /// The `[lints]` table.
    pub lints: crate::levels::Levels,
}

/// One `[[spec]]`: its paths joined to the config file's directory, without `.` components, so
/// a config found in the current directory gives `schemas/x.yaml` as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecEntry {
    pub path: PathBuf,
    /// Applied in this order before the spec is read.
    pub overlays: Vec<PathBuf>,
    /// The reader the spec goes to; `None`: found from its content and extension.
    pub format: Option<SourceFormat>,
}

/// Why `molde.toml` could not be used; the message names the file (and the line when known).
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Bad TOML or a bad entry; `line`/`column` are 1-based, 0 when TOML gave no position.
    #[error("{}: {message}", location(path, *line, *column))]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

fn location(path: &Path, line: usize, column: usize) -> String {
    match line {
        0 => path.display().to_string(),
        _ => format!("{}:{line}:{column}", path.display()),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    spec: Vec<RawSpec>,
    #[serde(default)]
    lints: std::collections::BTreeMap<String, Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpec {
    path: Spanned<String>,
    #[serde(default)]
    overlays: Vec<Spanned<String>>,
    #[serde(default)]
    format: Option<SourceFormat>,
}

impl Config {
    /// Reads a config file.
    ///
    /// ```no_run
    /// let config = molde_codegen::config::Config::load("molde.toml".as_ref())?;
    /// for spec in &config.specs {
    ///     println!("{} with {} overlay(s)", spec.path.display(), spec.overlays.len());
    /// }
    /// # Ok::<(), molde_codegen::config::ConfigError>(())
    /// ```
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(&text, path)
    }

    /// The `molde.toml` of `dir` (the current directory for the CLI), if there is one.
    /// Parent directories are not searched: the config's relative paths must mean the same
    /// thing as the paths typed on the command line.
    pub fn find(dir: &Path) -> Result<Option<Config>, ConfigError> {
        let path = dir.join(FILE_NAME);
        if path.is_file() {
            Config::load(&path).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Parses config text; `path` places the relative paths and names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let invalid = |span: Option<std::ops::Range<usize>>, message: String| {
            let (line, column) = span.map_or((0, 0), |s| line_column(text, s.start));
            ConfigError::Invalid {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| invalid(e.span(), e.message().trim().to_string()))?;
        let dir = path.parent().unwrap_or(Path::new(""));
        let resolve = |p: &Spanned<String>| {
            if p.get_ref().trim().is_empty() {
                Err(invalid(Some(p.span()), "empty path".into()))
            } else {
                Ok(normalize(&dir.join(p.get_ref())))
            }
        };
        let mut specs: Vec<SpecEntry> = Vec::new();
        for raw_spec in &raw.spec {
            let spec_path = resolve(&raw_spec.path)?;
            if specs.iter().any(|s| s.path == spec_path) {
                return Err(invalid(
                    Some(raw_spec.path.span()),
                    format!("`{}` is listed twice", raw_spec.path.get_ref()),
                ));
            }
            specs.push(SpecEntry {
                path: spec_path,
                overlays: raw_spec
                    .overlays
                    .iter()
                    .map(resolve)
                    .collect::<Result<_, _>>()?,
                format: raw_spec.format,
            });
        }
        let mut lints = crate::levels::Levels::default();
        for (code, level) in &raw.lints {
            let Some(parsed) = crate::levels::Level::parse(level.get_ref()) else {
                return Err(invalid(
                    Some(level.span()),
                    format!(
                        "`{}` is not a lint level (allow, info, warn or deny) for `{code}`",
                        level.get_ref()
                    ),
                ));
            };
            lints.set(code, parsed);
        }
        Ok(Config { specs, lints })
    }

    /// The entry for a spec path given on the command line (`./schemas/x.yaml` and
    /// `schemas/x.yaml` are the same spec; so are two paths to the same existing file).
    pub fn spec(&self, path: &Path) -> Option<&SpecEntry> {
        let wanted = normalize(path);
        self.specs.iter().find(|s| s.path == wanted).or_else(|| {
            let wanted = std::fs::canonicalize(path).ok()?;
            self.specs
                .iter()
                .find(|s| std::fs::canonicalize(&s.path).is_ok_and(|p| p == wanted))
        })
    }

    /// The format `molde.toml` names for a spec; `None` when it names none or the spec is not
    /// listed.
    pub fn format_for(&self, spec_path: &Path) -> Option<SourceFormat> {
        self.spec(spec_path).and_then(|s| s.format)
    }

    /// The overlays `molde.toml` lists for a spec; none when the spec is not listed.
    pub fn overlays_for(&self, spec_path: &Path) -> &[PathBuf] {
        self.spec(spec_path).map_or(&[], |s| &s.overlays)
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// Drops `.` and folds `name/..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalized() {
        let cases = [
            ("./schemas/a.yaml", "schemas/a.yaml"),
            ("schemas/./a.yaml", "schemas/a.yaml"),
            ("schemas/../schemas/a.yaml", "schemas/a.yaml"),
            ("../a.yaml", "../a.yaml"),
            ("/../a.yaml", "/a.yaml"),
            ("./", "."),
            ("a/..", "."),
        ];
        for (given, expected) in cases {
            assert_eq!(normalize(Path::new(given)), Path::new(expected), "{given}");
        }
    }

    #[test]
    fn a_spec_may_name_its_format() {
        let text =
            "[[spec]]\npath = \"a.md\"\nformat = \"markdown\"\n\n[[spec]]\npath = \"b.txt\"\n";
        let config = Config::parse(text, Path::new("molde.toml")).unwrap();
        assert_eq!(
            config.format_for(Path::new("a.md")),
            Some(SourceFormat::Markdown)
        );
        assert_eq!(config.format_for(Path::new("b.txt")), None);
        let wrong = "[[spec]]\npath = \"a.md\"\nformat = \"gitbook\"\n";
        let message = Config::parse(wrong, Path::new("molde.toml"))
            .unwrap_err()
            .to_string();
        assert!(message.starts_with("molde.toml:3:"), "{message}");
        assert!(message.contains("gitbook"), "{message}");
    }

    #[test]
    fn entries_resolve_against_the_config_directory() {
        let text = "[[spec]]\npath = \"schemas/a.yaml\"\noverlays = [\"schemas/a.overlay.yaml\", \"./b.yaml\"]\n\n[[spec]]\npath = \"schemas/c.yaml\"\n";
        let cases = [
            ("molde.toml", "schemas/a.yaml", "b.yaml"),
            ("./molde.toml", "schemas/a.yaml", "b.yaml"),
            ("proj/molde.toml", "proj/schemas/a.yaml", "proj/b.yaml"),
            ("/p/molde.toml", "/p/schemas/a.yaml", "/p/b.yaml"),
        ];
        for (file, spec, last_overlay) in cases {
            let config = Config::parse(text, Path::new(file)).unwrap();
            assert_eq!(config.specs.len(), 2);
            assert_eq!(config.specs[0].path, Path::new(spec), "{file}");
            assert_eq!(
                config.specs[0].overlays[1],
                Path::new(last_overlay),
                "{file}"
            );
            assert_eq!(config.specs[1].overlays, [] as [PathBuf; 0]);
        }
    }

    #[test]
    fn overlays_are_found_for_command_line_paths() {
        let text = "[[spec]]\npath = \"schemas/a.yaml\"\noverlays = [\"schemas/a.overlay.yaml\"]\n[[spec]]\npath = \"schemas/c.yaml\"\n";
        let config = Config::parse(text, Path::new("molde.toml")).unwrap();
        let cases: &[(&str, &[&str])] = &[
            ("schemas/a.yaml", &["schemas/a.overlay.yaml"]),
            ("./schemas/a.yaml", &["schemas/a.overlay.yaml"]),
            ("schemas/x/../a.yaml", &["schemas/a.overlay.yaml"]),
            ("schemas/c.yaml", &[]),
            ("schemas/unknown.yaml", &[]),
            ("a.yaml", &[]),
        ];
        for (given, expected) in cases {
            let got = config.overlays_for(Path::new(given));
            let expected: Vec<PathBuf> = expected.iter().map(PathBuf::from).collect();
            assert_eq!(got, expected, "{given}");
        }
        assert!(config.spec(Path::new("./schemas/c.yaml")).is_some());
    }

    #[test]
    fn bad_configs_name_the_file_and_line() {
        let cases = [
            (
                "[[spec]]\npath = 1\n",
                "molde.toml:2:8: invalid type: integer `1`, expected a string",
            ),
            (
                "[[spec]]\noverlays = []\n",
                "molde.toml:1:1: missing field `path`",
            ),
            (
                "[[specs]]\npath = \"a\"\n",
                "molde.toml:1:3: unknown field `specs`, expected `spec` or `lints`",
            ),
            (
                "[[spec]]\npath = \"a\"\n[[spec]]\npath = \"./a\"\n",
                "molde.toml:4:8: `./a` is listed twice",
            ),
            (
                "[[spec]]\npath = \"a\"\noverlays = [\"\"]\n",
                "molde.toml:3:13: empty path",
            ),
            (
                "[[spec]]\npath = \"ü\"\nx = ",
                "molde.toml:3:5: string values must be quoted, expected literal string",
            ),
        ];
        for (text, expected) in cases {
            let err = Config::parse(text, Path::new("molde.toml")).unwrap_err();
            assert_eq!(err.to_string(), expected, "{text:?}");
        }
        assert_eq!(
            Config::parse("", Path::new("molde.toml")).unwrap().specs,
            []
        );
    }

    #[test]
    fn missing_files() {
        let dir = std::env::temp_dir().join(format!("molde-config-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert!(Config::find(&dir).unwrap().is_none());
        let err = Config::load(&dir.join(FILE_NAME)).unwrap_err();
        assert!(
            err.to_string()
                .starts_with(&format!("cannot read {}", dir.join(FILE_NAME).display())),
            "{err}"
        );
        std::fs::write(dir.join(FILE_NAME), "[[spec]]\npath = \"s.yaml\"\n").unwrap();
        let found = Config::find(&dir).unwrap().unwrap();
        assert_eq!(found.specs[0].path, dir.join("s.yaml"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The project's own molde.toml: every listed file exists.
    #[test]
    fn project_config() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let config = Config::find(&root)
            .unwrap()
            .expect("molde.toml at the repo root");
        let names: Vec<_> = config
            .specs
            .iter()
            .map(|s| s.path.strip_prefix(normalize(&root)).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            names,
            [
                Path::new("schemas/vantage.swagger.yaml"),
                Path::new("schemas/smart-collection-score.swagger.yaml"),
                Path::new("schemas/core-customer.md"),
                Path::new("schemas/cliente.txt"),
            ]
        );
        assert_eq!(
            config.overlays_for(&root.join("schemas/./vantage.swagger.yaml")),
            [normalize(&root.join("schemas/vantage.overlay.yaml"))]
        );
        for spec in &config.specs {
            for file in std::iter::once(&spec.path).chain(&spec.overlays) {
                assert!(file.is_file(), "{}", file.display());
            }
        }
    }
}
