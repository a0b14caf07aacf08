//! The two field-table documents in `schemas/` end to end: `molde model`, `check` and
//! `validate` read them like the Swagger specs (issue 8's "done when").

use serde_json::Value;

#[path = "support/run.rs"]
mod run;

use run::{check_json, molde, molde_stdin};

fn model(spec: &str) -> Value {
    let out = molde(&["model", spec]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the model is JSON")
}

fn fields(schema: &Value) -> &Vec<Value> {
    let t = &schema["type"];
    let t = if t["kind"] == "array" {
        &t["items"]["type"]
    } else {
        t
    };
    t["fields"]
        .as_array()
        .unwrap_or_else(|| panic!("no fields in {schema:#}"))
}

fn field<'a>(schema: &'a Value, name: &str) -> &'a Value {
    fields(schema)
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

fn required(schema: &Value) -> Vec<&str> {
    fields(schema)
        .iter()
        .filter(|f| f["required"] == true)
        .map(|f| f["name"].as_str().unwrap())
        .collect()
}

fn request_of(model: &Value, path: &str) -> Value {
    let op = model["operations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["path"] == path)
        .unwrap_or_else(|| panic!("no operation {path}"));
    assert_eq!(op["method"], "POST");
    op["body"]["schema"].clone()
}

#[test]
fn core_customer_request_has_the_levels_of_the_table() {
    let model = model("schemas/core-customer.md");
    assert_eq!(model["format"], "markdown");
    let request = request_of(&model, "/core_customer");
    let level_one: Vec<&str> = fields(&request)
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        level_one,
        [
            "client_info",
            "client_documents",
            "client_location",
            "client_contact",
            "client_job_info",
            "client_references",
            "client_transactionality",
            "client_entity_branch"
        ]
    );
    let info = &field(&request, "client_info")["schema"];
    assert_eq!(
        required(info),
        [
            "first_name",
            "last_name",
            "sex",
            "birth_date",
            "civil_status_id",
            "wisenroll_code"
        ]
    );
    let documents = &field(&request, "client_documents")["schema"];
    assert_eq!(documents["type"]["kind"], "array");
    assert_eq!(documents["type"]["items"]["type"]["kind"], "object");
    let references = &field(&request, "client_references")["schema"];
    let first = &field(references, "first_bank_reference")["schema"]["type"];
    let second = &field(references, "second_bank_reference")["schema"]["type"];
    assert_eq!(first["kind"], "ref", "{first:#}");
    assert_eq!(first["name"], "FirstBankReference");
    assert_eq!(
        first["name"], second["name"],
        "second_bank_reference is the same type"
    );
    // Not marked required and not required: optional and nullable.
    let middle = field(info, "middle_name");
    assert_eq!(middle["required"], false);
    assert_eq!(middle["schema"]["nullable"], true);
}

#[test]
fn core_customer_check_reports_what_the_examples_contradict() {
    let (code, diags) = check_json(&["schemas/core-customer.md"]);
    assert_eq!(code, 0, "warnings only");
    let invalid = |suffix: &str| -> Vec<String> {
        diags
            .iter()
            .filter(|d| d["code"] == "example.invalid")
            .filter_map(|d| d["path"].as_str())
            .filter(|p| p.ends_with(suffix))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        invalid("client_job_info.country"),
        [
            "POST /core_customer.request.examples.2.client_job_info.country",
            "POST /core_customer.request.examples.3.client_job_info.country"
        ]
    );
    let names: Vec<_> = diags
        .iter()
        .filter(|d| d["code"] == "example.invalid")
        .filter(|d| d["path"].as_str().unwrap().contains("client_references"))
        .filter(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("at most 2 characters")
        })
        .collect();
    assert!(
        names.len() >= 3,
        "country names in Alpha-2 fields: {names:#?}"
    );
    let misspelt = diags
        .iter()
        .find(|d| {
            d["code"] == "example.unknown-member"
                && d["message"]
                    .as_str()
                    .unwrap()
                    .contains("`account_type_description`")
        })
        .expect("the example's spelling is reported");
    assert_eq!(misspelt["hint"], "did you mean `acount_type_description`?");
    let codes: Vec<&str> = diags.iter().filter_map(|d| d["code"].as_str()).collect();
    for code in [
        "table.duplicate-field",
        "table.mangled-name",
        "table.missing-annex",
        "table.required-group",
        "constraint.unsatisfiable",
        "example.repaired",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
}

#[test]
fn cliente_request_and_response_follow_table_and_example() {
    let model = model("schemas/cliente.txt");
    assert_eq!(model["format"], "text");
    let request = request_of(&model, "/cliente");
    assert_eq!(
        required(&request),
        ["tipo_documento_id", "tipo_documento", "numero_documento"]
    );
    let id = &field(&request, "tipo_documento_id")["schema"]["type"];
    assert_eq!(id["kind"], "enum");
    assert_eq!(id["base"], "integer");
    let values: Vec<&Value> = id["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| &v["value"])
        .collect();
    assert_eq!(values, [&Value::from(1), &Value::from(2)]);
    let op = &model["operations"][0];
    let response = op["responses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] == "200")
        .expect("a response without a status is the 200 one");
    let data = &field(&response["schema"], "data")["schema"];
    assert_eq!(data["type"]["kind"], "object");
    for group in ["comercio", "negocio", "conyugue", "primer_empleo"] {
        assert_eq!(
            field(data, group)["schema"]["type"]["kind"],
            "object",
            "{group}"
        );
    }
    for list in ["propiedades", "referencias_personales"] {
        assert_eq!(
            field(data, list)["schema"]["type"]["kind"],
            "array",
            "{list}"
        );
    }
}

#[test]
fn cliente_check_reports_numbers_and_strings_against_the_table() {
    let (code, diags) = check_json(&["schemas/cliente.txt"]);
    assert_eq!(code, 0, "warnings only");
    let invalid: Vec<(&str, &str)> = diags
        .iter()
        .filter(|d| d["code"] == "example.invalid")
        .map(|d| (d["path"].as_str().unwrap(), d["message"].as_str().unwrap()))
        .collect();
    assert!(invalid.contains(&(
        "POST /cliente.request.examples.1.numero_documento",
        "`/numero_documento` does not match its schema: expected string, found integer"
    )));
    assert!(
        invalid
            .iter()
            .filter(|(p, m)| p.starts_with("POST /cliente.responses.200")
                && m.ends_with("expected integer or null, found string"))
            .count()
            > 10
    );
    let mismatch = diags
        .iter()
        .find(|d| {
            d["code"] == "table.name-mismatch" && d["message"].as_str().unwrap().contains("`gatos`")
        })
        .expect("the example's `gatos` is matched to the table's `gastos`");
    assert!(mismatch["line"].as_u64().unwrap() > 0);
}

#[test]
fn validate_reaches_the_operations_of_a_field_table_document() {
    let run = |args: &[&str], payload: &str| {
        let out = molde_stdin(args, payload.as_bytes());
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, text) = run(&["validate", "--request", "POST /core_customer"], "{}");
    assert_eq!(code, Some(1));
    assert!(
        text.contains("/client_info: missing required member"),
        "{text}"
    );
    let created = [
        "validate",
        "--response",
        "POST /core_customer",
        "--status",
        "201",
    ];
    assert_eq!(run(&created, r#"{"customer_number": 1234}"#).0, Some(0));
    assert_eq!(run(&created, r#"{"customer_number": "1234"}"#).0, Some(1));
    // `4XX` in the document answers for any 4xx status.
    let refused = [
        "validate",
        "--response",
        "POST /core_customer",
        "--status",
        "422",
    ];
    assert_eq!(run(&refused, r#"{"message": "no"}"#).0, Some(0));
    assert_eq!(run(&refused, r#"{"message": 1}"#).0, Some(1));
    let (code, text) = run(
        &["validate", "--request", "POST /cliente"],
        r#"{"tipo_documento_id": 3, "tipo_documento": "CURP", "numero_documento": "X"}"#,
    );
    assert_eq!(code, Some(1));
    assert!(
        text.contains("/tipo_documento_id: expected one of 1, 2, found 3"),
        "{text}"
    );
}
