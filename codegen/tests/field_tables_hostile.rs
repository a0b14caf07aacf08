//! Hostile field-table documents: huge tables, deep or broken examples, cycles of "same as",
//! bytes that are not UTF-8. Each must end (under a deadline) with findings that have a line,
//! and never panic.

use std::time::Duration;

use molde_codegen::model::SourceFormat;
use molde_codegen::{Loaded, check_bytes, check_bytes_as};

#[path = "support/deadline.rs"]
mod deadline;

/// Debug builds are slow and CI machines busy; each of these takes well under a second in
/// release.
const LIMIT: Duration = Duration::from_secs(60);

fn check(name: &str, file: &'static str, bytes: Vec<u8>) -> Loaded {
    let loaded = deadline::within(name, LIMIT, move || check_bytes(file, &bytes, &[]));
    for d in &loaded.diagnostics {
        assert!(d.line >= 1, "{name}: {} has no line: {}", d.code, d.message);
    }
    loaded
}

fn codes(loaded: &Loaded) -> Vec<&'static str> {
    loaded.diagnostics.iter().map(|d| d.code).collect()
}

fn markdown_table(rows: usize) -> String {
    let mut text = String::from(
        "# Big\n\nPOST /big\n\n| Campo | Tipo | Tamaño | Descripción |\n|---|---|---|---|\n",
    );
    for i in 0..rows {
        text.push_str(&format!("| campo_{i}\\* | varchar | 30 | Descripción del campo número {i}, larga para que pese |\n"));
    }
    text
}

#[test]
fn a_five_megabyte_markdown_table() {
    let text = markdown_table(60_000);
    assert!(text.len() > 5_000_000);
    let loaded = check("5 MB markdown table", "big.md", text.into_bytes());
    let spec = loaded.spec.expect("read");
    let body = spec.operations[0].body.as_ref().expect("a request");
    let molde_codegen::model::Type::Object(object) = &body.schema.ty else {
        panic!("an object");
    };
    assert_eq!(object.fields.len(), 60_000);
}

#[test]
fn a_five_megabyte_text_table() {
    let mut text = String::from("POST /big\n\nCampo\tTipo\tDescripción\tValores Esperados\n");
    for i in 0..60_000 {
        text.push_str(&format!(
            "campo_{i}\tInteger\tDescripción del campo número {i}, larga para que pese\t1-Uno 2-Dos\n"
        ));
    }
    assert!(text.len() > 5_000_000);
    let loaded = check("5 MB text table", "big.txt", text.into_bytes());
    assert!(loaded.spec.is_some());
}

#[test]
fn a_huge_example_of_a_huge_table() {
    let mut text = markdown_table(20_000);
    text.push_str("\n```json\n{");
    for i in 0..20_000 {
        text.push_str(&format!("\"campo_{i}\": \"v{i}\", "));
    }
    text.push_str("}\n```\n");
    let loaded = check("huge example", "big.md", text.into_bytes());
    assert!(
        codes(&loaded).contains(&"example.repaired"),
        "the trailing comma"
    );
}

#[test]
fn an_example_nested_ten_thousand_deep() {
    for (file, head) in [
        (
            "deep.md",
            "POST /x\n\n| Field | Type | Description |\n|---|---|---|\n| a | object | A |\n\n```json\n",
        ),
        (
            "deep.txt",
            "POST /x\n\nField\tType\tDescription\na\tObject\tA\n\n```\n",
        ),
    ] {
        let mut text = head.to_string();
        text.push_str(&"{\"a\": ".repeat(10_000));
        text.push('1');
        text.push_str(&"}".repeat(10_000));
        text.push_str("\n```\n");
        let loaded = check(file, file, text.into_bytes());
        let found = codes(&loaded);
        let deep = loaded
            .diagnostics
            .iter()
            .find(|d| d.code == "example.syntax")
            .unwrap_or_else(|| panic!("{file}: {found:?}"));
        assert!(
            deep.message.contains("nesting deeper than"),
            "{}",
            deep.message
        );
    }
}

#[test]
fn a_ten_megabyte_cell_and_a_ten_megabyte_string() {
    let big = "x".repeat(10 << 20);
    let text = format!(
        "POST /x\n\n| Field | Type | Description |\n|---|---|---|\n| a | string | {big} |\n\n```json\n{{\"a\": \"{big}\"}}\n```\n"
    );
    let loaded = check("10 MB cell", "big.md", text.into_bytes());
    assert!(loaded.spec.is_some());
}

#[test]
fn same_as_in_a_cycle_or_naming_itself() {
    let text = "POST /x\n\n| NIVEL 1 | NIVEL 2 | TIPO | DESCRIPCIÓN |\n|---|---|---|---|\n| a | | - | Igual que **b** |\n| b | | - | Igual que **a** |\n| c | | - | Igual que **c** |\n| d | | - | Igual que **nadie** |\n";
    let loaded = check("same-as cycle", "cycle.md", text.as_bytes().to_vec());
    assert!(loaded.spec.is_some(), "{:#?}", loaded.diagnostics);
}

#[test]
fn bytes_that_are_not_utf8() {
    let mut bytes = b"POST /x\n\n| Field | Type | Description |\n|---|---|---|\n| a".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, 0xc3]);
    bytes.extend_from_slice(b" | string | A |\n");
    let loaded = check("invalid UTF-8", "bad.md", bytes);
    assert!(loaded.spec.is_none());
    assert_eq!(codes(&loaded), ["input.encoding"]);
    assert_eq!(loaded.diagnostics[0].line, 5);
}

#[test]
fn many_continuation_fences_and_many_levels() {
    let mut text = String::from(
        "POST /x\n\n| Field | Type | Description |\n|---|---|---|\n| a | integer | A |\n\n```json\n{\"a\": 1,\n```\n",
    );
    for _ in 0..5_000 {
        text.push_str("```\n\"a\": 2,\n```\n");
    }
    check("5,000 fragments", "frag.md", text.into_bytes());
    let mut header = String::from("POST /x\n\n|");
    for level in 1..=60 {
        header.push_str(&format!(" NIVEL {level} |"));
    }
    header.push_str(" TIPO |\n|");
    header.push_str(&"---|".repeat(61));
    header.push('\n');
    for depth in 0..60 {
        header.push('|');
        header.push_str(&" |".repeat(depth));
        header.push_str(&format!(" f{depth} |"));
        header.push_str(&" |".repeat(59 - depth));
        header.push_str(" - |\n");
    }
    let loaded = check("60 levels", "levels.md", header.into_bytes());
    assert!(loaded.spec.is_some());
}

#[test]
fn a_table_missing_its_type_and_name_columns() {
    // No name column: not a field table, so the page has none.
    let text = "POST /x\n\n| Tipo | Descripción |\n|---|---|\n| int | A |\n";
    let loaded = check_bytes_as("t.md", text.as_bytes(), &[], Some(SourceFormat::Markdown));
    assert!(
        codes(&loaded).contains(&"table.no-fields"),
        "{:?}",
        codes(&loaded)
    );
    // A name and nothing else: the same.
    let text = "POST /x\n\nCampo\tNotas2\na\tb\n";
    let loaded = check_bytes_as("t.txt", text.as_bytes(), &[], Some(SourceFormat::Text));
    assert!(
        codes(&loaded).contains(&"table.no-fields"),
        "{:?}",
        codes(&loaded)
    );
}
