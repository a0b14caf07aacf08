//! The CLI end to end on the seeds in `schemas/` and on hostile input.

use std::path::Path;

use serde_json::Value;

#[path = "../codegen/tests/support/inputs.rs"]
mod inputs;
#[path = "support/run.rs"]
mod run;

use run::{check_json, molde, molde_stdin};

fn find<'a>(diags: &'a [Value], code: &str, path: &str) -> &'a Value {
    diags
        .iter()
        .find(|d| d["code"] == code && d["path"].as_str().is_some_and(|p| p.starts_with(path)))
        .unwrap_or_else(|| panic!("no {code} at {path} in {diags:#?}"))
}

#[test]
fn vantage_without_overlay_reports_its_defects() {
    let (code, diags) = check_json(&["--no-config", "schemas/vantage.swagger.yaml"]);
    assert_eq!(code, 1, "a dangling ref is an error");
    let dangling = find(
        &diags,
        "ref.dangling",
        "definitions.DomicilioPeticion.properties.estado",
    );
    assert_eq!(dangling["severity"], "error");
    assert_eq!(
        (dangling["line"].as_u64(), dangling["column"].as_u64()),
        (Some(1215), Some(7))
    );
    assert!(
        dangling["message"]
            .as_str()
            .unwrap()
            .contains("CatalogoEstados")
    );
    assert!(
        dangling["hint"]
            .as_str()
            .unwrap()
            .starts_with("did you mean")
    );
    let mismatch = find(
        &diags,
        "enum.doc-mismatch",
        "definitions.CatalogoNacionalidad",
    );
    assert!(
        mismatch["message"].as_str().unwrap().contains("AGS"),
        "{mismatch}"
    );
    let bound = find(
        &diags,
        "constraint.unsatisfiable",
        "definitions.CatalogoResidencia",
    );
    assert!(
        bound["message"].as_str().unwrap().contains("maximum: 1"),
        "{bound}"
    );
    for field in ["diasAtraso", "saldoActual"] {
        let path = format!("definitions.NoAportantesPeticion.properties.{field}");
        let d = find(&diags, "constraint.inapplicable", &path);
        assert_eq!(d["severity"], "warning");
    }
    let recovered = find(&diags, "yaml.recovered", "");
    assert_eq!(recovered["line"], 1);
    // The NoAportantesPeticion example says `nacionalidad: MX`, which the state codes reject.
    let example = find(
        &diags,
        "example.invalid",
        "definitions.NoAportantesPeticion.example.persona.nacionalidad",
    );
    assert_eq!(
        (example["line"].as_u64(), example["column"].as_u64()),
        (Some(1328), Some(15))
    );
    assert_eq!(example["severity"], "warning");
}

#[test]
fn the_project_with_its_overlay_has_no_errors() {
    let (code, diags) = check_json(&[]);
    let errors: Vec<_> = diags.iter().filter(|d| d["severity"] == "error").collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(code, 0);
    for code in ["ref.dangling", "enum.doc-mismatch"] {
        assert!(
            !diags.iter().any(|d| d["code"] == code),
            "{code} with the overlay applied"
        );
    }
    // The overlay fixes the examples under `definitions`; the payloads in the `/noAportantes`
    // description are the vendor's, and each carries a four-digit postal code (`"CP": "7730"`).
    // The one introduced as `Status Code 400` is expected not to fit, so it is not among them.
    let invalid: Vec<_> = diags
        .iter()
        .filter(|d| d["code"] == "example.invalid" && d["file"] == "schemas/vantage.swagger.yaml")
        .map(|d| d["path"].as_str().unwrap_or_default().to_string())
        .collect();
    let expected: Vec<_> = [1, 2, 4, 5, 6, 7, 8, 9]
        .iter()
        .map(|n| format!("paths./noAportantes.post.parameters.body.description.examples.{n}.persona.domicilio.CP"))
        .collect();
    assert_eq!(invalid, expected);
}

#[test]
fn smart_collection_score_reports_undeclared_required_and_number_lengths() {
    let (code, diags) = check_json(&["schemas/smart-collection-score.swagger.yaml"]);
    assert_eq!(code, 0, "warnings only");
    let required = find(&diags, "required.undeclared", "definitions.Respuesta");
    assert!(
        required["message"]
            .as_str()
            .unwrap()
            .contains("ventanaDeTiempo")
    );
    assert_eq!(required["line"], 380);
    let score = find(
        &diags,
        "constraint.inapplicable",
        "definitions.Respuesta.properties.score",
    );
    assert!(score["message"].as_str().unwrap().contains("maxLength"));
    assert_eq!(score["line"], 396);
}

/// The repaired seeds are valid YAML that conforms to the Swagger 2.0 meta-schema.
#[test]
fn repaired_seeds_conform_to_the_swagger_meta_schema() {
    let Some(meta_path) = inputs::required_input(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/meta/swagger-2.0.schema.json"),
        "the Swagger 2.0 meta-schema",
    ) else {
        return;
    };
    let meta = std::fs::read_to_string(&meta_path).expect("the meta-schema reads");
    let meta: Value = serde_json::from_str(&meta).unwrap();
    let validator = jsonschema::draft4::new(&meta).expect("the meta-schema compiles");
    let cases = [
        (
            "schemas/vantage.swagger.yaml",
            &["/aportantes", "/noAportantes"][..],
            17,
        ),
        (
            "schemas/smart-collection-score.swagger.yaml",
            &["/"][..],
            10,
        ),
    ];
    for (file, paths, definitions) in cases {
        let out = molde(&["repair", file]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let doc = molde_codegen::read_document("repaired.yaml", text.as_bytes());
        assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
        assert!(doc.recovered.is_none(), "the repaired YAML is indented");
        let json = doc.root.expect("repaired YAML parses").to_json();
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:#?}");
        let got: Vec<&str> = json["paths"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(got, paths);
        assert_eq!(
            json["definitions"].as_object().unwrap().len(),
            definitions,
            "{file}"
        );
    }
    // Smart Collection Score's only path holds both operations.
    let out = molde(&["repair", "schemas/smart-collection-score.swagger.yaml"]);
    let doc = molde_codegen::read_document("repaired.yaml", &out.stdout)
        .root
        .expect("repaired YAML parses")
        .to_json();
    let ops: Vec<&String> = doc["paths"]["/"].as_object().unwrap().keys().collect();
    assert_eq!(ops, ["options", "post"], "keys come sorted from serde_json");
}

/// Invalid specs and hostile files get located diagnostics and a non-zero exit, never a panic.
#[test]
fn bad_input_gets_diagnostics_never_a_panic() {
    let dir = std::env::temp_dir().join(format!("molde-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let seed =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/vantage.swagger.yaml"))
            .unwrap();
    let mut binary: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    binary[10] = 0;
    let hostile: Vec<(&str, Vec<u8>)> = vec![
        ("empty.yaml", Vec::new()),
        ("binary.yaml", binary),
        ("truncated.yaml", seed[..seed.len() / 3].to_vec()),
        (
            "latin1.yaml",
            b"swagger: '2.0'\ninfo:\n  title: Cr\xe9dito\n".to_vec(),
        ),
        ("deep.json", "[".repeat(10_000).into_bytes()),
        (
            "long-line.yaml",
            format!(
                "swagger: '2.0'\ninfo:\n  title: '{}'\n",
                "x".repeat(10 << 20)
            )
            .into_bytes(),
        ),
        ("not-swagger.yaml", b"openapi: 3.0.0\npaths: {}\n".to_vec()),
        ("scalar.yaml", b"just a string\n".to_vec()),
    ];
    let mut files: Vec<String> = Vec::new();
    for (name, bytes) in &hostile {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        files.push(path.display().to_string());
    }
    if let Some(corpus) = inputs::corpus() {
        let invalid = corpus.join("go-swagger/invalid");
        let entries = std::fs::read_dir(&invalid).expect("the corpus has invalid/");
        files.extend(entries.map(|e| e.unwrap().path().display().to_string()));
    }
    for file in &files {
        let (code, diags) = check_json(&["--no-config", file]);
        assert_eq!(code, 1, "{file}: {diags:#?}");
        let error = diags
            .iter()
            .find(|d| d["severity"] == "error")
            .unwrap_or_else(|| panic!("{file}: no error"));
        assert!(
            error["line"].as_u64().unwrap() >= 1,
            "{file}: errors have a location: {error}"
        );
        assert!(!error["message"].as_str().unwrap().is_empty());
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn usage_and_io_problems_exit_with_2() {
    assert_eq!(
        molde(&["check", "--no-config", "no/such/spec.yaml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(molde(&["check", "--no-config"]).status.code(), Some(2));
    assert_eq!(molde(&["frobnicate"]).status.code(), Some(2));
    let help = molde(&["check", "--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("--format"));
}

#[test]
fn model_is_json_with_positions() {
    let out = molde(&["model", "schemas/smart-collection-score.swagger.yaml"]);
    assert_eq!(out.status.code(), Some(0));
    let model: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(model["title"], "SMART COLLECTION SCORE");
    let types = model["types"].as_array().unwrap();
    assert_eq!(types.len(), 10);
    assert!(types.iter().all(|t| t["pos"]["line"].as_u64().unwrap() > 0));
}

/// `molde gen schema` writes exactly the checked-in `schemas/json/` files.
#[test]
fn gen_schema_reproduces_the_checked_in_schemas() {
    let dir = std::env::temp_dir().join(format!("molde-gen-{}", std::process::id()));
    let out = molde(&["gen", "schema", "-o", dir.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/json");
    let mut names: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(
        names.len(),
        4,
        "one schema per spec in molde.toml: {names:?}"
    );
    for name in names {
        let want = std::fs::read_to_string(root.join(&name)).unwrap();
        let got = std::fs::read_to_string(dir.join(&name)).unwrap();
        assert!(
            want == got,
            "{name:?} differs from what `molde gen schema` writes"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

const PERSONA: &str = r#"{"primerNombre":"JUAN","apellidoPaterno":"LÓPEZ","apellidoMaterno":"FUENTES","fechaNacimiento":"1978-03-23","domicilio":{"direccion":"FLORES 23","coloniaPoblacion":"JARDINES","delegacionMunicipio":"VALLE DE CHALCO","ciudad":"MEXICO","estado":"JAL","CP":"65432"}}"#;

#[test]
fn validate_reports_every_violation_with_its_line_and_column() {
    let dir = std::env::temp_dir().join(format!("molde-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pretty = dir.join("persona.json");
    let mut bad: Value = serde_json::from_str(PERSONA).unwrap();
    bad["fechaNacimiento"] = "1978-02-30".into();
    bad["domicilio"].as_object_mut().unwrap().remove("CP");
    let text = serde_json::to_string_pretty(&bad).unwrap();
    std::fs::write(&pretty, &text).unwrap();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1;
    let out = molde(&[
        "validate",
        "--type",
        "PersonaPeticion",
        "--format",
        "json",
        pretty.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let printed = String::from_utf8_lossy(&out.stdout);
    let (first, summary) = printed.split_once('\n').unwrap();
    let line: Value = serde_json::from_str(first).unwrap();
    let file = serde_json::to_string(pretty.to_str().unwrap()).unwrap();
    assert!(
        first.starts_with(&format!(
            r#"{{"file":{file},"index":0,"valid":false,"violations":[{{"pointer":"#
        )),
        "{printed}"
    );
    assert_eq!(
        summary.trim_end(),
        r#"{"summary":{"payloads":1,"valid":0,"invalid":1,"not_json":0}}"#
    );
    // Violations come in the payload's order.
    let at: Vec<(u64, u64)> = line["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["line"].as_u64().unwrap(), v["column"].as_u64().unwrap()))
        .collect();
    assert!(at.windows(2).all(|w| w[0] <= w[1]), "{at:?}");
    let found: Vec<(String, String, u64)> = line["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["pointer"].as_str().unwrap().into(),
                v["keyword"].as_str().unwrap().into(),
                v["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        found.contains(&(
            "/fechaNacimiento".into(),
            "format".into(),
            line_of("1978-02-30")
        )),
        "{found:?}"
    );
    // A missing member is reported at its enclosing object's line.
    assert!(
        found.contains(&(
            "/domicilio/CP".into(),
            "required".into(),
            line_of("\"domicilio\"")
        )),
        "{found:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn validate_reads_ndjson_from_stdin_and_goes_on_after_a_broken_line() {
    let mut input = Vec::new();
    for i in 0..300 {
        match i {
            7 => input.extend_from_slice(br#"{"primerNombre": "TRUNCATED"#),
            11 => input.extend_from_slice(PERSONA.replace("JAL", "XX").as_bytes()),
            _ => input.extend_from_slice(PERSONA.as_bytes()),
        }
        input.push(b'\n');
    }
    let args = [
        "validate",
        "--type",
        "PersonaPeticion",
        "--format",
        "json",
        "--no-progress",
    ];
    let out = molde_stdin(&args, &input);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unreadable payload is an input error"
    );
    let serial = String::from_utf8(out.stdout).unwrap();
    let mut lines: Vec<Value> = serial
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary = lines.pop().unwrap();
    assert_eq!(
        summary["summary"],
        serde_json::json!({"payloads": 300, "valid": 298, "invalid": 1, "not_json": 1})
    );
    assert_eq!(
        lines.len(),
        300,
        "every payload gets a verdict, in input order"
    );
    assert!(lines.iter().all(|l| l["file"] == "-"), "stdin is `-`");
    assert_eq!(lines[7]["error"]["line"], 8);
    assert_eq!(lines[11]["violations"][0]["pointer"], "/domicilio/estado");
    assert_eq!(
        lines[11]["violations"][0]["line"], 12,
        "lines count in the whole input"
    );
    assert!(
        lines
            .iter()
            .enumerate()
            .all(|(i, l)| l["index"] == i && (l["valid"] == (i != 7 && i != 11)))
    );
    // The same with four threads.
    let mut parallel = args.to_vec();
    parallel.extend(["--jobs", "4"]);
    let out4 = molde_stdin(&parallel, &input);
    assert!(
        String::from_utf8_lossy(&out4.stdout) == serial,
        "--jobs 4 prints what one thread prints"
    );
}

#[test]
fn validate_picks_operations_through_the_model() {
    let out = molde_stdin(
        &[
            "validate",
            "--request",
            "POST /noAportantes",
            "--no-progress",
        ],
        b"{}\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("/folio: missing required member"), "{text}");
    let out = molde_stdin(&["validate", "--request", "POST /nowhere"], b"{}");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("no configured spec has `POST /nowhere`; their operations: POST /aportantes")
    );
}

/// Hostile payloads among good ones: each gets a violation or an input error, and the run goes on.
#[test]
fn validate_survives_hostile_payloads() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let huge_name = PERSONA.replace("\"JUAN\"", &format!("\"{}\"", "ñ".repeat(25 << 20)));
    let long_number = PERSONA.replace("}}", &format!("}}, \"edad\": {}}}", "9".repeat(5_000)));
    let duplicate = PERSONA.replacen("{", r#"{"primerNombre":"ANA","#, 1);
    let lines: Vec<Vec<u8>> = vec![
        PERSONA.as_bytes().to_vec(),
        deep.into_bytes(),
        huge_name.into_bytes(),
        b"{\"primerNombre\": \"\xff\xfe\"}".to_vec(),
        long_number.into_bytes(),
        duplicate.into_bytes(),
        br#"{"primerNombre": "JUAN", "apellido"#.to_vec(),
        PERSONA.as_bytes().to_vec(),
    ];
    let input: Vec<u8> = lines
        .iter()
        .flat_map(|l| l.iter().copied().chain([b'\n']))
        .collect();
    let out = molde_stdin(
        &[
            "validate",
            "--type",
            "PersonaPeticion",
            "--format",
            "json",
            "--no-progress",
        ],
        &input,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("overflow"),
        "{stderr}"
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "unreadable payloads make it an input error"
    );
    let mut verdicts: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(verdicts.pop().unwrap()["summary"].is_object());
    assert_eq!(verdicts.len(), lines.len(), "every payload gets a verdict");
    let kind = |v: &Value| {
        if v["valid"] == true {
            "valid".to_string()
        } else if v["error"].is_object() {
            format!("error: {}", v["error"]["message"].as_str().unwrap())
        } else {
            format!(
                "invalid: {}",
                v["violations"][0]["keyword"].as_str().unwrap()
            )
        }
    };
    let got: Vec<String> = verdicts.iter().map(kind).collect();
    assert_eq!(got[0], "valid");
    assert!(
        got[1].starts_with("error") && got[1].contains("deep"),
        "{}",
        got[1]
    );
    assert_eq!(got[2], "invalid: maxLength");
    assert!(
        got[3].starts_with("error") && got[3].contains("UTF-8"),
        "{}",
        got[3]
    );
    assert_eq!(
        got[4], "valid",
        "an undeclared 5,000-digit member is allowed (the object is open)"
    );
    assert!(
        got[5].starts_with("error") && got[5].contains("duplicate"),
        "{}",
        got[5]
    );
    assert!(got[6].starts_with("error"), "{}", got[6]);
    assert_eq!(got[7], "valid");
}

#[test]
fn diff_reports_the_smart_collection_score_drift_and_exits_by_fail_on() {
    let before = "tests/fixtures/diff/smart-collection-score.before.swagger.yaml";
    let seed = "schemas/smart-collection-score.swagger.yaml";
    let out = molde(&["diff", before, seed, "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a breaking change fails by default"
    );
    let changes: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    let c = &changes[0];
    assert_eq!(c["code"], "response.member-removed");
    assert_eq!(c["impact"], "breaking");
    assert_eq!(c["side"], "response");
    assert_eq!(
        c["path"],
        "definitions.Respuesta.properties.ventanaDeTiempo"
    );
    assert_eq!(c["old"]["file"], before);
    assert_eq!(c["old"]["line"], 399);
    assert!(c["new"].is_null());
    assert!(c["message"].as_str().unwrap().contains("ventanaDeTiempo"));

    let never = molde(&["diff", before, seed, "--fail-on", "never"]);
    assert_eq!(never.status.code(), Some(0));
    let human = String::from_utf8(never.stdout).unwrap();
    assert!(
        human.starts_with("breaking[response.member-removed]:"),
        "{human}"
    );
    assert!(human.contains("399 | ventanaDeTiempo:"), "{human}");
    assert!(
        human.contains("1 breaking, 0 compatible, 0 info"),
        "{human}"
    );

    let same = molde(&["diff", seed, seed, "--fail-on", "any"]);
    assert_eq!(same.status.code(), Some(0), "no change, nothing to fail on");
    let missing = molde(&["diff", "no-such.yaml", seed]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("REV:PATH"));
}

#[test]
fn diff_reads_a_version_from_git() {
    let in_git = std::process::Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .is_ok_and(|o| o.status.success());
    if !in_git {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI runs on a git clone, where HEAD must be readable"
        );
        eprintln!("skipped: not a git checkout");
        return;
    }
    let seed = "schemas/smart-collection-score.swagger.yaml";
    let out = molde(&["diff", &format!("HEAD:{seed}"), seed, "--fail-on", "any"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The working tree may differ from HEAD while someone edits the seed; in CI it does not.
    if std::env::var_os("CI").is_some() {
        assert_eq!(out.status.code(), Some(0), "{stdout}");
        assert!(stdout.starts_with("no changes from HEAD:"), "{stdout}");
    }
    let bad = molde(&["diff", "no-such-rev:schemas/x.yaml", seed]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("git cannot show"));
}

#[test]
fn diff_applies_the_configured_overlays_to_a_copy_of_a_spec_too() {
    // Vant/Age has an overlay in molde.toml; an edited copy elsewhere gets the same one, so
    // only the edit shows.
    let seed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/vantage.swagger.yaml"),
    )
    .unwrap();
    let dir = std::env::temp_dir().join(format!("molde-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let copy = dir.join("vantage.swagger.yaml");
    let edited = seed.replacen(
        "minLength: 5\nmaxLength: 5\nexample: '47917'",
        "minLength: 5\nmaxLength: 6\nexample: '47917'",
        1,
    );
    assert_ne!(edited, seed, "the seed still has its CP bounds");
    std::fs::write(&copy, edited).unwrap();
    let out = molde(&[
        "diff",
        "schemas/vantage.swagger.yaml",
        copy.to_str().unwrap(),
        "--format",
        "json",
    ]);
    std::fs::remove_dir_all(&dir).ok();
    let changes: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let codes: Vec<&str> = changes
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["request.max-length-raised"], "{changes:#?}");
    assert_eq!(
        out.status.code(),
        Some(0),
        "raising maxLength in a request is compatible"
    );
}

#[test]
fn validate_json_names_each_file_counts_within_it_and_refuses_an_empty_batch() {
    let dir = std::env::temp_dir().join(format!("molde-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b, empty) = (
        dir.join("a.ndjson"),
        dir.join("b.ndjson"),
        dir.join("empty.json"),
    );
    std::fs::write(&a, "{}\n{}\n").unwrap();
    std::fs::write(&b, "{}\n").unwrap();
    std::fs::write(&empty, "").unwrap();
    let spec = "schemas/smart-collection-score.swagger.yaml";
    let run = |files: &[&std::path::Path], extra: &[&str]| {
        let mut args = vec![
            "validate",
            "--spec",
            spec,
            "--type",
            "Respuesta",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        args.extend(files.iter().map(|f| f.to_str().unwrap()));
        molde(&args)
    };
    let out = run(&[&a, &b], &[]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let at: Vec<(String, u64)> = lines[..3]
        .iter()
        .map(|l| {
            let file = l["file"].as_str().unwrap();
            let name = Path::new(file)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, l["index"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(
        at,
        [
            ("a.ndjson".to_string(), 0),
            ("a.ndjson".to_string(), 1),
            ("b.ndjson".to_string(), 0)
        ]
    );
    assert_eq!(
        lines[3]["summary"],
        serde_json::json!({"payloads": 3, "valid": 0, "invalid": 3, "not_json": 0})
    );

    let out = run(&[&empty], &[]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an empty batch is an input error"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds no payload"));
    let out = run(&[&empty], &["--allow-empty"]);
    assert_eq!(out.status.code(), Some(0));
    let empty_stdin = molde_stdin(&["validate", "--spec", spec, "--type", "Respuesta"], b"");
    assert_eq!(empty_stdin.status.code(), Some(2), "empty stdin too");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn validate_suggests_the_name_meant_and_refuses_only_types_an_error_touches() {
    let typo = molde_stdin(&["validate", "--type", "Respuest"], b"{}");
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&typo.stderr).contains("did you mean `Respuesta`?"),
        "{}",
        String::from_utf8_lossy(&typo.stderr)
    );
    let op = molde_stdin(&["validate", "--request", "post /noAportante"], b"{}");
    assert!(String::from_utf8_lossy(&op.stderr).contains("did you mean `POST /noAportantes`?"));

    // Without its overlay Vant/Age has a dangling $ref in DomicilioPeticion: a type that reaches
    // it is refused, a catalogue that does not is checked (with a warning naming the error).
    let vantage = [
        "validate",
        "--no-config",
        "--spec",
        "schemas/vantage.swagger.yaml",
    ];
    let touched = molde_stdin(
        &[&vantage[..], &["--type", "PersonaPeticion"]].concat(),
        b"{}",
    );
    assert_eq!(touched.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&touched.stderr);
    assert!(
        stderr.contains("ref.dangling")
            && stderr.contains("has errors in what this checks against"),
        "{stderr}"
    );
    let apart = molde_stdin(
        &[&vantage[..], &["--type", "CatalogoSexo"]].concat(),
        b"\"M\"",
    );
    assert_eq!(
        apart.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&apart.stderr)
    );
    let warning = String::from_utf8_lossy(&apart.stderr);
    assert!(
        warning.contains("1 error elsewhere") && warning.contains("ref.dangling"),
        "{warning}"
    );
}

#[test]
fn check_names_documents_it_does_not_read_and_refuses_unknown_types() {
    let dir = std::env::temp_dir().join(format!("molde-kinds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let openapi = dir.join("openapi.yaml");
    std::fs::write(
        &openapi,
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents: {schemas: {A: {type: string}}}\n",
    )
    .unwrap();
    let (code, diags) = check_json(&["--no-config", openapi.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(diags.len(), 1, "one error, not a cascade: {diags:#?}");
    assert_eq!(diags[0]["code"], "input.unsupported");
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .contains("OpenAPI 3.0.3")
    );

    let typo = dir.join("typo.yaml");
    std::fs::write(
        &typo,
        "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\ndefinitions:\n  A: {type: strng}\n",
    )
    .unwrap();
    let (code, diags) = check_json(&["--no-config", typo.to_str().unwrap()]);
    assert_eq!(
        code, 1,
        "an unknown type is an error: the schema would accept anything"
    );
    let d = find(&diags, "swagger.unknown-type", "definitions.A");
    assert_eq!(d["hint"], "did you mean `string`?");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn check_lint_levels_quiet_and_completions() {
    let seed = "schemas/smart-collection-score.swagger.yaml";
    // The seed has one required.undeclared warning and one constraint.inapplicable warning.
    let codes = |args: &[&str]| {
        let (code, diags) = check_json(args);
        let found: Vec<(String, String)> = diags
            .iter()
            .filter(|d| d["code"] != "yaml.recovered")
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["severity"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        (code, found)
    };
    let (code, plain) = codes(&[seed]);
    assert_eq!(code, 0);
    assert!(
        plain.contains(&("required.undeclared".into(), "warning".into())),
        "{plain:?}"
    );
    let (code, denied) = codes(&["--deny", "warnings", seed]);
    assert_eq!(code, 1, "--deny warnings fails on a warning");
    assert!(denied.contains(&("required.undeclared".into(), "error".into())));
    let (code, allowed) = codes(&[
        "--allow",
        "required.undeclared",
        "--deny",
        "constraint.inapplicable",
        seed,
    ]);
    assert_eq!(code, 1);
    assert!(!allowed.iter().any(|(c, _)| c == "required.undeclared"));
    assert!(allowed.contains(&("constraint.inapplicable".into(), "error".into())));

    // The same from molde.toml's [lints], and the command line over it.
    let dir = std::env::temp_dir().join(format!("molde-lints-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("molde.toml");
    std::fs::write(
        &config,
        "[lints]\n\"required.undeclared\" = \"deny\"\n\"constraint.inapplicable\" = \"allow\"\n",
    )
    .unwrap();
    let cfg = config.to_str().unwrap();
    let (code, configured) = codes(&["--config", cfg, seed]);
    assert_eq!(code, 1);
    assert!(configured.contains(&("required.undeclared".into(), "error".into())));
    assert!(
        !configured
            .iter()
            .any(|(c, _)| c == "constraint.inapplicable")
    );
    let (code, _) = codes(&["--config", cfg, "--warn", "required.undeclared", seed]);
    assert_eq!(code, 0, "the command line wins over molde.toml");
    std::fs::write(&config, "[lints]\n\"required.undeclared\" = \"loud\"\n").unwrap();
    let bad = molde(&["--config", cfg, "check", seed]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a lint level"));
    std::fs::remove_dir_all(&dir).ok();

    let quiet = molde(&["check", "--quiet", "--deny", "warnings", seed]);
    assert_eq!(quiet.status.code(), Some(1));
    assert!(quiet.stdout.is_empty(), "--quiet prints nothing");
    let quiet_validate = molde_stdin(
        &["--quiet", "validate", "--spec", seed, "--type", "Respuesta"],
        b"{}",
    );
    assert_eq!(quiet_validate.status.code(), Some(1));
    assert!(quiet_validate.stdout.is_empty());

    for shell in ["bash", "zsh", "fish"] {
        let out = molde(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(
            script.contains("molde") && script.contains("validate"),
            "{shell}"
        );
    }
}

#[test]
fn check_sarif_passes_the_sarif_2_1_0_schema() {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target/sarif/sarif-schema-2.1.0.json");
    let Ok(text) = std::fs::read_to_string(&schema_path) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing: .ci/fetch-sarif-schema fetches it",
            schema_path.display()
        );
        eprintln!("skipped: run .ci/fetch-sarif-schema for the SARIF schema");
        return;
    };
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    // The schema's own `language` patterns have a stray `]` that only legacy regex syntax
    // accepts, and jsonschema checks patterns against the meta-schema: escape it (the same
    // pattern; molde writes no `language`).
    fn escape(v: &mut Value) -> usize {
        const STRAY: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
        match v {
            Value::Object(m) => {
                let mut n = 0;
                for (k, child) in m.iter_mut() {
                    if k == "pattern" && child == STRAY {
                        *child = Value::from("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$");
                        n += 1;
                    } else {
                        n += escape(child);
                    }
                }
                n
            }
            Value::Array(items) => items.iter_mut().map(escape).sum(),
            _ => 0,
        }
    }
    assert!(
        escape(&mut schema) > 0,
        "the SARIF schema still has its `language` patterns"
    );
    let validator = jsonschema::draft7::new(&schema).expect("the SARIF schema compiles");
    assert!(
        !validator.is_valid(&serde_json::json!({"version": "2.1.0", "runs": [{"results": []}]})),
        "the schema rejects a run without its tool"
    );
    // The project's specs (findings of every kind, positions and paths) and one with errors.
    for args in [
        vec!["check", "--format", "sarif"],
        vec![
            "check",
            "--no-config",
            "--format",
            "sarif",
            "schemas/vantage.swagger.yaml",
        ],
    ] {
        let out = molde(&args);
        let log: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .take(5)
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
        assert_eq!(log["version"], "2.1.0");
        let results = log["runs"][0]["results"].as_array().unwrap();
        assert!(!results.is_empty());
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        for r in results {
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(
                rules[index]["id"], r["ruleId"],
                "ruleIndex points at the rule"
            );
        }
        if args.contains(&"--no-config") {
            assert_eq!(out.status.code(), Some(1), "errors still fail the run");
            let dangling = results
                .iter()
                .find(|r| r["ruleId"] == "ref.dangling")
                .expect("the dangling $ref is a result");
            assert_eq!(dangling["level"], "error");
            let region = &dangling["locations"][0]["physicalLocation"]["region"];
            assert_eq!(
                (region["startLine"].as_u64(), region["startColumn"].as_u64()),
                (Some(1215), Some(7))
            );
        }
    }
}

#[test]
fn check_folds_findings_that_say_the_same_thing() {
    let Some(corpus) = inputs::corpus() else {
        return;
    };
    let spec = corpus.join("go-swagger/kubernetes.json");
    let out = molde(&["check", "--no-config", spec.to_str().unwrap()]);
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(
        human.contains("note: … and 1,028 more info[constraint.inapplicable] like this"),
        "{human}"
    );
    assert!(
        human.lines().count() < 400,
        "{} lines",
        human.lines().count()
    );
    let (_, every) = check_json(&["--no-config", spec.to_str().unwrap()]);
    assert!(every.len() > 1_400, "--format json lists every one");
}

#[test]
fn the_overlay_makes_every_documented_residence_valid_and_check_says_the_bound_is_the_mistake() {
    // With the project's overlay, `residencia: 2` ("Renta") is no violation.
    let out = molde_stdin(
        &["validate", "--type", "PersonaPeticion", "--format", "json"],
        br#"{"residencia": 2}"#,
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("/residencia"), "{text}");
    for code in 1..=5 {
        let out = molde_stdin(
            &["validate", "--type", "CatalogoResidencia"],
            code.to_string().as_bytes(),
        );
        assert_eq!(out.status.code(), Some(0), "residencia {code}");
    }
    // Without it, check blames the bound and shows the overlay action.
    let (_, diags) = check_json(&["--no-config", "schemas/vantage.swagger.yaml"]);
    let d = find(
        &diags,
        "constraint.unsatisfiable",
        "definitions.CatalogoResidencia",
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("`maximum` is the likely mistake"),
        "{d}"
    );
    assert!(
        d["hint"]
            .as_str()
            .unwrap()
            .contains("- target: $.definitions.CatalogoResidencia.maximum` / `remove: true"),
        "{d}"
    );
}

#[test]
fn validate_against_a_schema_file_and_gen_a_standalone_schema() {
    let dir = std::env::temp_dir().join(format!("molde-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A draft-04 file molde did not write, checked at a pointer inside it.
    let draft4 = dir.join("draft4.json");
    std::fs::write(
        &draft4,
        r##"{"$schema": "http://json-schema.org/draft-04/schema#", "definitions": {"A": {"type": "object", "required": ["a"], "properties": {"a": {"type": "integer", "maximum": 5, "exclusiveMaximum": true}}}}}"##,
    )
    .unwrap();
    let out = molde_stdin(
        &[
            "validate",
            "--schema",
            draft4.to_str().unwrap(),
            "--ref",
            "/definitions/A",
            "--format",
            "json",
        ],
        b"{\"a\": 5}\n{\"a\": 1}\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["violations"][0]["keyword"], "exclusiveMaximum");
    assert_eq!(lines[1]["valid"], true);
    let missing = molde_stdin(&["validate", "--schema", "no-such.json"], b"{}");
    assert_eq!(missing.status.code(), Some(2));

    // A standalone 2020-12 schema for one type: another validator reads it as it is, and
    // agrees with molde on a payload.
    let standalone = dir.join("persona.json");
    let out = molde(&[
        "gen",
        "schema",
        "--type",
        "PersonaPeticion",
        "-o",
        standalone.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(&standalone).unwrap()).unwrap();
    assert_eq!(schema["type"], "object", "the type is at the root");
    let peer =
        jsonschema::validator_for(&schema).expect("jsonschema-rs reads the standalone schema");
    let payload = serde_json::json!({"apellidoPaterno": 3});
    assert!(!peer.is_valid(&payload));
    let ours = molde_stdin(
        &["validate", "--schema", standalone.to_str().unwrap()],
        payload.to_string().as_bytes(),
    );
    assert_eq!(ours.status.code(), Some(1), "molde agrees: invalid");
    let stdout = molde(&["gen", "schema", "--request", "POST /noAportantes"]);
    assert_eq!(stdout.status.code(), Some(0));
    let body: Value = serde_json::from_slice(&stdout.stdout).unwrap();
    assert!(body.get("$defs").is_some());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn validate_colours_only_when_asked() {
    let args = |color: &'static str| {
        [
            "validate",
            "--spec",
            "schemas/smart-collection-score.swagger.yaml",
            "--type",
            "Respuesta",
            "--color",
            color,
        ]
    };
    let coloured = molde_stdin(&args("always"), b"{}");
    assert!(String::from_utf8_lossy(&coloured.stdout).contains("\x1b["));
    let plain = molde_stdin(&args("never"), b"{}");
    let text = String::from_utf8_lossy(&plain.stdout);
    assert!(
        !text.contains('\x1b') && text.contains("<stdin>:1:1: /folioConsulta"),
        "{text}"
    );
}

#[test]
fn validate_refuses_a_type_whose_schema_cannot_be_checked_and_ignores_example_warnings() {
    // `Code`'s pattern is not an ECMA-262 regex: checking against it is refused with the
    // spec's error. `Name`'s example does not fit, which is only a warning: validation runs.
    let dir = std::env::temp_dir().join(format!("molde-validate-refuse-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("api.yaml");
    std::fs::write(
        &spec,
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  Code:\n    type: string\n    pattern: '[a-'\n  Name:\n    type: string\n    maxLength: 3\n    example: 'too long'\n",
    )
    .unwrap();
    let spec = spec.to_str().unwrap();
    let base = ["validate", "--no-config", "--spec", spec, "--type"];
    let refused = molde_stdin(&[&base[..], &["Code"]].concat(), b"\"a\"");
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("pattern.invalid")
            && stderr.contains("has errors in what this checks against"),
        "{stderr}"
    );
    let checked = molde_stdin(&[&base[..], &["Name"]].concat(), b"\"abcd\"");
    assert_eq!(
        checked.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    assert!(String::from_utf8_lossy(&checked.stdout).contains("maxLength"));
    assert!(!String::from_utf8_lossy(&checked.stderr).contains("example"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn validate_reads_its_specs_the_same_on_several_threads() {
    // With --jobs 2 the configured specs are read two at a time: what is found, and the names
    // offered for a typo, come in the same order as on one thread.
    for args in [
        ["validate", "--type", "NoAportantesPeticoin"],
        ["validate", "--type", "CatalogoSexo"],
    ] {
        let one = molde_stdin(&[&args[..], &["--jobs", "1"]].concat(), b"\"M\"\n\"X\"\n");
        let two = molde_stdin(&[&args[..], &["--jobs", "2"]].concat(), b"\"M\"\n\"X\"\n");
        assert_eq!(one.status.code(), two.status.code());
        assert_eq!(one.stdout, two.stdout);
        assert_eq!(
            one.stderr,
            two.stderr,
            "{}",
            String::from_utf8_lossy(&two.stderr)
        );
    }
}
