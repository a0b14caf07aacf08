use super::*;
use crate::read::yaml;

/// Corpus files `read::yaml::parse` refuses, with why. The test fails if one of them starts to
/// parse, so the list stays true.
const PARSE_FAILURES: [(&str, &str); 1] = [(
    "docker-v1.41.yaml",
    "line 797: a double-quoted scalar continues at the indentation of its key",
)];

/// Every spec of the shared corpus (YAML and JSON; `invalid/` left out) reads without a panic
/// and without a dangling reference.
#[test]
fn corpus_reads_without_dangling_refs() {
    let dir = std::path::Path::new("/work/shared/corpus/swagger2");
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).expect("corpus folder is readable") {
            let path = entry.expect("corpus entry is readable").path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "invalid") {
                    pending.push(path);
                }
            } else if path
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(!files.is_empty(), "no spec in {}", dir.display());
    for path in files {
        let text = std::fs::read_to_string(&path).expect("corpus file is UTF-8");
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let known_failure = PARSE_FAILURES.iter().find(|(file, _)| *file == name);
        let parsed = match (yaml::parse(&text), known_failure) {
            (Ok(parsed), None) => parsed,
            (Err(e), Some((_, why))) => {
                eprintln!("{}: not parsed ({why}): {}", path.display(), e.message);
                continue;
            }
            (Err(e), None) => panic!("{}: {e:?}", path.display()),
            (Ok(_), Some(_)) => {
                panic!("{} parses now: drop it from PARSE_FAILURES", path.display())
            }
        };
        let spec = read(&path.display().to_string(), &parsed.root);
        let findings = crate::lint::run(&spec);
        let dangling: Vec<_> = spec
            .diagnostics
            .iter()
            .chain(&findings)
            .filter(|d| d.code == "ref.dangling")
            .collect();
        assert!(dangling.is_empty(), "{}: {dangling:#?}", path.display());
        if std::env::var_os("MOLDE_DEBUG").is_some() {
            for d in spec.diagnostics.iter().chain(&findings).take(6) {
                eprintln!(
                    "  {} {}:{} {} {} | {:?}",
                    d.code, d.line, d.column, d.path, d.message, d.hint
                );
            }
        }
        eprintln!(
            "{}: {} types, {} operations, {} examples, {} reader findings, {} lint findings",
            path.display(),
            spec.types.len(),
            spec.operations.len(),
            spec.examples.len(),
            spec.diagnostics.len(),
            findings.len()
        );
    }
}
