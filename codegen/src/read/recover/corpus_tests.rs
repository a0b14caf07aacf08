//! Strips every corpus spec of its indentation and blank lines, recovers it, and compares the
//! result with the original document (strings compared with whitespace collapsed).

use std::path::{Path, PathBuf};

use std::time::Duration;

use serde_json::Value;

use crate::deadline::within;
use crate::emit::yaml::to_block_yaml;
use crate::read::grammar::check;
use crate::read::recover::{RecoveryRules, recover_indentation, recover_indentation_with};
use crate::read::yaml::parse;
use crate::tree::Node;

/// `MOLDE_RECOVERY_CORPUS=DIR` runs the comparison on other specs (a held-out set, say); the
/// ratchet below then does not apply.
fn corpus() -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("MOLDE_RECOVERY_CORPUS") {
        return Some(PathBuf::from(dir));
    }
    crate::testing::corpus()
}

fn specs(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            ) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// What a person gets after copying the spec out of a portal: no indentation, no blank lines.
fn strip(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = line.trim_start();
        if !line.is_empty() {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn collapse(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(s.split_whitespace().collect::<Vec<_>>().join(" ")),
        Value::Array(items) => Value::Array(items.iter().map(collapse).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), collapse(v))).collect())
        }
        other => other.clone(),
    }
}

/// The first difference between two documents, as a JSON pointer and both values.
fn first_difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) => {
                        if let Some(d) = first_difference(v, w, &format!("{path}/{k}")) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{path}/{k}: missing in the recovered document")),
                }
            }
            y.keys()
                .find(|k| !x.contains_key(*k))
                .map(|k| format!("{path}/{k}: only in the recovered document"))
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| first_difference(v, w, &format!("{path}/{i}"))),
        _ if a == b => None,
        _ => {
            let short = |v: &Value| v.to_string().chars().take(120).collect::<String>();
            Some(format!(
                "{path}: original {} recovered {}",
                short(a),
                short(b)
            ))
        }
    }
}

/// Every leaf of a document as `pointer = value` (empty objects and lists count as leaves).
fn leaves(v: &Value, path: &str, out: &mut std::collections::BTreeSet<String>) {
    match v {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                leaves(v, &format!("{path}/{k}"), out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, &format!("{path}/{i}"), out);
            }
        }
        _ => {
            out.insert(format!("{path} = {v}"));
        }
    }
}

/// How many leaves the two documents do not share: a measure of how far a recovery is off.
fn distance(a: &Value, b: &Value) -> usize {
    let (mut x, mut y) = (Default::default(), Default::default());
    leaves(a, "", &mut x);
    leaves(b, "", &mut y);
    x.symmetric_difference(&y).count()
}

/// How many of the corpus's specs recover exactly today.
const MIN_MATCHED: usize = 20;

/// A spec of the corpus, as block YAML and stripped, with its original document as JSON.
struct Case {
    name: String,
    yaml: String,
    stripped: String,
    original: Value,
}

/// Every spec of `dir` that parses, ready to strip and recover; the rest as failures.
fn cases(dir: &Path) -> (Vec<Case>, Vec<String>) {
    let (mut cases, mut failures) = (Vec::new(), Vec::new());
    for path in specs(dir) {
        let name = path.strip_prefix(dir).unwrap().display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let original = match parse(&text) {
            Ok(p) => p.root,
            Err(e) => {
                failures.push(format!(
                    "{name}: original does not parse: {} at {}:{}",
                    e.message, e.line, e.column
                ));
                continue;
            }
        };
        let yaml = if path.extension().is_some_and(|e| e == "json") {
            to_block_yaml(&original)
        } else {
            text
        };
        cases.push(Case {
            name,
            stripped: strip(&yaml),
            yaml,
            original: collapse(&original.to_json()),
        });
    }
    (cases, failures)
}

/// The recovered document of `case` as JSON (strings collapsed), and the recovered text.
fn recover_case(case: &Case, rules: &RecoveryRules) -> Result<(Value, String), String> {
    let recovered = recover_indentation_with(&case.stripped, rules);
    match parse(&recovered.text) {
        Ok(p) => Ok((collapse(&p.root.to_json()), recovered.text)),
        Err(e) => Err(format!(
            "{}: recovered YAML does not parse: {} at line {}",
            case.name, e.message, e.line
        )),
    }
}

#[test]
fn stripped_corpus_specs_recover_to_the_original() {
    let Some(dir) = corpus() else {
        return;
    };
    let (cases, mut failures) = cases(&dir);
    let total = cases.len() + failures.len();
    let mut matched = 0;
    for case in &cases {
        let (back, text) = match recover_case(case, &RecoveryRules::all()) {
            Ok(found) => found,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        if let Ok(dump) = std::env::var("MOLDE_DUMP_RECOVERY") {
            // Debugging aid: the block YAML, its stripped form and the recovery, side by side.
            let stem = case.name.replace('/', "_");
            std::fs::write(format!("{dump}/{stem}.orig.yaml"), &case.yaml).unwrap();
            std::fs::write(format!("{dump}/{stem}.stripped.yaml"), &case.stripped).unwrap();
            std::fs::write(format!("{dump}/{stem}.recovered.yaml"), &text).unwrap();
        }
        match first_difference(&case.original, &back, "") {
            None => matched += 1,
            Some(d) => failures.push(format!(
                "{}: {} leaves differ; first: {d}",
                case.name,
                distance(&case.original, &back)
            )),
        }
    }
    eprintln!("{matched} of {total} stripped corpus specs recovered exactly");
    for f in &failures {
        eprintln!("  {f}");
    }
    if std::env::var_os("MOLDE_RECOVERY_CORPUS").is_some() {
        return;
    }
    // A ratchet: raise it as recovery improves; a drop is a regression.
    assert!(
        matched >= MIN_MATCHED,
        "only {matched} of {total} specs recover exactly (expected at least {MIN_MATCHED})"
    );
}

/// The ablation table of the README: for each soft rule, what recovering the corpus without it
/// changes. `cargo test --release -p molde-codegen --lib ablation -- --ignored --nocapture`
/// (`MOLDE_RECOVERY_CORPUS=DIR` for another set of specs).
#[test]
#[ignore = "slow: recovers the corpus once per rule; run it to refresh the README's table"]
fn ablation() {
    let Some(dir) = corpus() else {
        return;
    };
    let (cases, _) = cases(&dir);
    let recover_all = |rules: &RecoveryRules| -> Vec<Option<Value>> {
        cases
            .iter()
            .map(|case| recover_case(case, rules).ok().map(|(v, _)| v))
            .collect()
    };
    let exact = |found: &[Option<Value>]| {
        cases
            .iter()
            .zip(found)
            .filter(|(case, back)| back.as_ref() == Some(&case.original))
            .count()
    };
    let baseline = recover_all(&RecoveryRules::all());
    let leaves_off = |found: &[Option<Value>]| -> usize {
        cases
            .iter()
            .zip(found)
            .map(|(case, back)| back.as_ref().map_or(1000, |b| distance(&case.original, b)))
            .sum()
    };
    println!(
        "all rules on: {} of {} specs exact, {} leaves differ",
        exact(&baseline),
        cases.len(),
        leaves_off(&baseline)
    );
    println!("| rule | what it does | specs changed | leaves changed | exact without it |");
    println!("|---|---|---|---|---|");
    for (name, summary) in RecoveryRules::summaries() {
        let rules = RecoveryRules::all().without(name).unwrap();
        let found = recover_all(&rules);
        let changed: Vec<usize> = baseline
            .iter()
            .zip(&found)
            .filter(|(a, b)| a != b)
            .map(|(a, b)| match (a, b) {
                (Some(a), Some(b)) => distance(a, b),
                _ => 1000,
            })
            .collect();
        println!(
            "| `{name}` | {summary} | {} | {} | {} |",
            changed.len(),
            changed.iter().sum::<usize>(),
            exact(&found)
        );
    }
}

/// A recovered document in brief: each path with its operations, each definition with its
/// property names.
fn outline(doc: &Node) -> Vec<String> {
    let keys = |n: Option<&Node>| -> String {
        n.and_then(Node::as_map)
            .map(|m| {
                m.iter()
                    .map(|e| e.key.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for e in doc.get("paths").and_then(Node::as_map).unwrap_or_default() {
        out.push(format!("{}: {}", e.key, keys(Some(&e.value))));
    }
    for e in doc
        .get("definitions")
        .and_then(Node::as_map)
        .unwrap_or_default()
    {
        out.push(format!("{}: {}", e.key, keys(e.value.get("properties"))));
    }
    out
}

fn recover_seed(name: &str) -> Node {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schemas")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let recovered = recover_indentation(&text);
    let doc = parse(&recovered.text)
        .unwrap_or_else(|e| panic!("{name}: recovered YAML does not parse: {e:?}"))
        .root;
    let errors = check(&doc);
    assert!(errors.is_empty(), "{name}: {errors:?}");
    doc
}

/// The seeds are the stripped specs molde was built for: their recovery must not drift.
#[test]
fn seed_specs_keep_their_recovered_structure() {
    let vantage = recover_seed("vantage.swagger.yaml");
    assert_eq!(
        outline(&vantage),
        [
            "/aportantes: post",
            "/noAportantes: post",
            "CatalogoContrato: ",
            "CatalogoFrecuenciaPago: ",
            "CatalogoEstadoCivil: ",
            "CatalogoNacionalidad: ",
            "CatalogoResidencia: ",
            "CatalogoSexo: ",
            "CatalogoTipoAsentamiento: ",
            "CatalogoExclusion: ",
            "CatalogoProducto: ",
            "CatalogoTipoDomicilio: ",
            "DomicilioPeticion: direccion coloniaPoblacion delegacionMunicipio ciudad estado CP fechaResidencia numeroTelefono tipoDomicilio tipoAsentamiento",
            "AportantesPeticion: folio numeroCuenta diasAtraso tipoContrato",
            "NoAportantesPeticion: folio tipoProducto tipoContrato frecuenciaPago diasAtraso persona numeroCuenta fechaApertura saldoActual",
            "PersonaPeticion: apellidoPaterno apellidoMaterno apellidoAdicional primerNombre segundoNombre fechaNacimiento RFC CURP nacionalidad residencia estadoCivil sexo claveElectorIFE numeroDependientes fechaDefuncion domicilio",
            "Respuesta: folio folioConsulta numeroCuenta calificacion codeExclusion",
            "Error: codigo mensaje",
            "Errores: errores",
        ]
    );
    let example = vantage
        .get("definitions")
        .and_then(|d| d.get("NoAportantesPeticion"))
        .and_then(|d| d.get("example"))
        .unwrap();
    let domicilio = example.get("persona").and_then(|p| p.get("domicilio"));
    assert_eq!(
        domicilio.and_then(|d| d.get("CP")).and_then(Node::as_str),
        Some("65432")
    );
    assert_eq!(
        example.get("saldoActual").and_then(Node::as_i64),
        Some(100),
        "the members after `persona` are the example's own"
    );

    let score = recover_seed("smart-collection-score.swagger.yaml");
    assert_eq!(
        outline(&score),
        [
            "/: post options",
            "CatalogoTipoContrato: ",
            "CatalogoTipoFrecuencia: ",
            "CatalogoTipoCuenta: ",
            "CatalogoPeriodosVencidos: ",
            "CatalogoVentanaTiempo: ",
            "CatalogoErrorCode: ",
            "Error: codigo mensaje",
            "Errores: errores",
            "Peticion: folioOtorgante numeroCuenta tipoContrato tipoCuenta tipoFrecuencia fronteraDeImpago periodosVencidos saldoVencido saldoActual",
            "Respuesta: folioConsulta folioOtorgante score fronteraDeImpago errorCode fechaDeCalculo",
        ]
    );
}

/// Whatever the input, recovery ends, does not panic, and hands back YAML that parses.
#[test]
fn hostile_inputs_recover_to_valid_yaml() {
    let nested_items = "- ".repeat(10_000) + "x\n";
    let item_lines = "- \n".repeat(10_000);
    let keys_then_items = "a:\n".repeat(5_000) + &"- b:\n".repeat(5_000);
    let long_line = format!("description: {}\n", "y".repeat(10 << 20));
    let binary: String = (0u8..=255).cycle().take(4096).map(char::from).collect();
    let cases: [(&str, &str); 9] = [
        ("empty", ""),
        ("blank lines", "\n\n\r\n"),
        ("binary junk", &binary),
        ("a 10 MB line", &long_line),
        (
            "unterminated double quote",
            "info:\ntitle: \"never closed\nversion: 1\n",
        ),
        (
            "unterminated single quote",
            "paths:\n/a:\nget:\ndescription: 'open\n",
        ),
        ("10,000 nested `- `", &nested_items),
        ("10,000 `- ` lines", &item_lines),
        ("deep keys and items", &keys_then_items),
    ];
    for (name, text) in cases {
        let text = text.to_string();
        within(name, Duration::from_secs(60), move || {
            let recovered = recover_indentation(&text);
            if let Err(e) = parse(&recovered.text) {
                panic!("recovered YAML does not parse: {e:?}");
            }
        });
    }
}

/// Every scalar value of a document (strings with whitespace collapsed), with how many times it
/// occurs: recovery may put a value in the wrong place, but must never drop or invent one.
/// `null` is left out: it is the value of an empty `key:` or `-`, so structure, not text.
fn scalars(v: &Value, out: &mut std::collections::BTreeMap<String, i64>) {
    match v {
        Value::Object(map) => map.values().for_each(|v| scalars(v, out)),
        Value::Array(items) => items.iter().for_each(|v| scalars(v, out)),
        Value::Null => {}
        other => *out.entry(other.to_string()).or_default() += 1,
    }
}

/// The scalars one document has more of than the other: (lost, gained), with examples.
fn scalar_difference(original: &Value, back: &Value) -> (i64, i64, Vec<String>) {
    let (mut a, mut b) = (Default::default(), Default::default());
    scalars(original, &mut a);
    scalars(back, &mut b);
    let mut shown = Vec::new();
    let lost = excess(&a, &b, "lost", 3, &mut shown);
    let gained = excess(&b, &a, "gained", 6, &mut shown);
    (lost, gained, shown)
}

/// How many more times `more` holds its values than `less`; the first values (up to `shown`
/// in all) are noted as `verb value`.
fn excess(
    more: &std::collections::BTreeMap<String, i64>,
    less: &std::collections::BTreeMap<String, i64>,
    verb: &str,
    limit: usize,
    shown: &mut Vec<String>,
) -> i64 {
    let mut total = 0;
    for (value, n) in more {
        let m = less.get(value).copied().unwrap_or(0);
        if *n > m {
            total += n - m;
            if shown.len() < limit {
                shown.push(format!(
                    "{verb} {}",
                    value.chars().take(80).collect::<String>()
                ));
            }
        }
    }
    total
}

/// No text is lost: the recovered document holds the same scalar values as the original, as
/// many times each, on every spec of the corpus (or of `MOLDE_RECOVERY_CORPUS`).
#[test]
fn recovery_loses_no_scalar() {
    let Some(dir) = corpus() else {
        return;
    };
    let (cases, _) = cases(&dir);
    let mut faults = Vec::new();
    for case in &cases {
        let Ok((back, _)) = recover_case(case, &RecoveryRules::all()) else {
            faults.push(format!("{}: does not parse", case.name));
            continue;
        };
        let (lost, gained, shown) = scalar_difference(&case.original, &back);
        if lost + gained > 0 {
            faults.push(format!(
                "{}: {lost} scalars lost, {gained} gained: {shown:?}",
                case.name
            ));
        }
    }
    eprintln!(
        "{} of {} specs keep every scalar",
        cases.len() - faults.len(),
        cases.len()
    );
    for f in &faults {
        eprintln!("  {f}");
    }
    assert!(faults.is_empty(), "{faults:#?}");
}

/// Specs of our own in `codegen/tests/fixtures/recovery/`, written the way vendors write them
/// (anchored parameters and enums, explicit keys, a markdown rule in a description, values on
/// the line after their key, `- ` lines inside plain descriptions, a body parameter's
/// `x-examples`, root fields after the last operation, a PascalCase property its `required`
/// list names, an empty `example:`, named responses after another's headers; a header shown in
/// its own description, a comma-separated example block, service-checker and RESTBase
/// extensions, a property typed after its description and example): each recovers
/// exactly and keeps every scalar. Unlike the corpus, they are in the repository, so CI always checks them.
#[test]
fn recovery_fixtures_recover_exactly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/recovery");
    let (cases, failures) = cases(&dir);
    assert!(failures.is_empty(), "{failures:?}");
    assert!(
        cases.len() >= 4,
        "the fixtures are missing from {}",
        dir.display()
    );
    let mut faults = Vec::new();
    for case in &cases {
        match recover_case(case, &RecoveryRules::all()) {
            Ok((back, text)) => {
                if let Some(d) = first_difference(&case.original, &back, "") {
                    faults.push(format!("{}: {d}\n{text}", case.name));
                }
                let (lost, gained, shown) = scalar_difference(&case.original, &back);
                if lost + gained > 0 {
                    faults.push(format!(
                        "{}: {lost} lost, {gained} gained: {shown:?}",
                        case.name
                    ));
                }
            }
            Err(e) => faults.push(e),
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n\n"));
}

/// Each leaf of a recovered tree as `pointer = value` (as [`leaves`] writes them), with whether
/// it lies under a key (or is a member of a list item) written on one of the `warned` lines.
fn leaves_with_doubt(
    node: &Node,
    path: &str,
    warned_above: bool,
    warned: &std::collections::HashSet<u32>,
    out: &mut Vec<(String, bool)>,
) {
    use crate::tree::Value as V;
    let here = warned_above || warned.contains(&node.pos.line);
    match &node.value {
        V::Map(entries) if !entries.is_empty() => {
            for e in entries {
                let doubt = here || warned.contains(&e.key_pos.line);
                leaves_with_doubt(&e.value, &format!("{path}/{}", e.key), doubt, warned, out);
            }
        }
        V::Seq(items) if !items.is_empty() => {
            for (i, item) in items.iter().enumerate() {
                leaves_with_doubt(item, &format!("{path}/{i}"), here, warned, out);
            }
        }
        _ => out.push((format!("{path} = {}", collapse(&node.to_json())), here)),
    }
}

/// Calibrated doubt: of the leaves a recovery puts in the wrong place, how many lie under a key
/// that a `yaml.recovered` warning names (so the user is told to look there). Printed for the
/// corpus, or for `MOLDE_RECOVERY_CORPUS`; a measure, not a check.
#[test]
fn misplaced_leaves_under_a_warned_key() {
    let Some(dir) = corpus() else {
        return;
    };
    let (cases, _) = cases(&dir);
    let (mut misplaced, mut covered) = (0usize, 0usize);
    for case in &cases {
        let recovered = recover_indentation_with(&case.stripped, &RecoveryRules::all());
        let Ok(parsed) = parse(&recovered.text) else {
            continue;
        };
        let mut root = parsed.root;
        recovered.remap(&mut root);
        let warned: std::collections::HashSet<u32> = recovered
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::diag::Severity::Warning)
            .map(|d| d.line)
            .collect();
        let mut original = Default::default();
        leaves(&case.original, "", &mut original);
        let mut found = Vec::new();
        leaves_with_doubt(&root, "", false, &warned, &mut found);
        let (mut wrong, mut told) = (0, 0);
        for (leaf, doubt) in &found {
            if !original.contains(leaf) {
                wrong += 1;
                told += usize::from(*doubt);
            }
        }
        if wrong > 0 {
            eprintln!(
                "  {}: {wrong} misplaced, {told} under a warned key",
                case.name
            );
        }
        misplaced += wrong;
        covered += told;
    }
    eprintln!(
        "{misplaced} misplaced leaves, {covered} ({:.0}%) under a warned key",
        100.0 * covered as f64 / misplaced.max(1) as f64
    );
}
