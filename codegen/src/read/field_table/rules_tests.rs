//! One case per document rule: with the rule on, the document reads as the rule says; with it
//! off, it reads otherwise (and as the rule's documentation says it then does).

use super::rules::{self, TableRules};
use super::testing::{field, names};
use crate::model::{Spec, Type};
use crate::read::{markdown, swagger, text_table, yaml};

fn off(rule: &str) -> TableRules {
    TableRules::all()
        .without(rule)
        .expect("a rule of the table")
}

fn md(text: &str, rules: &TableRules) -> Spec {
    markdown::read("page.md", text, rules)
}

fn request(spec: &Spec) -> &crate::model::Schema {
    &spec.operations[0].body.as_ref().expect("a request").schema
}

#[test]
fn every_rule_has_a_case_here() {
    // The cases below, by rule name: a rule added to RULES without a case fails this test.
    let cases = [
        rules::TABLE_PER_OBJECT,
        rules::DOTTED_NAMES,
        rules::BOLD_GROUPS,
        rules::GUIDED_NESTING,
        rules::TYPO_MATCHING,
        rules::EXAMPLE_SPELLING,
        rules::TYPE_FROM_PROSE,
        rules::REQUIRED_GROUP,
        rules::SPACE_ALIGNED,
        rules::RESPONSE_FROM_EXAMPLES,
        rules::DESCRIPTION_PAYLOADS,
    ];
    assert_eq!(TableRules::names().collect::<Vec<_>>(), cases);
    assert!(TableRules::all().without("no-such-rule").is_err());
}

#[test]
fn table_per_object() {
    let page = "POST /x\n\n| Campo | Tipo | Descripción |\n|---|---|---|\n| id | int | Id |\n| deudores | Array | Los deudores |\n\n**Tópico Customer**\n\n| Campo | Tipo | Descripción |\n|---|---|---|\n| name | string | N |\n\n### Deudores\n\n| Campo | Tipo | Descripción |\n|---|---|---|\n| rut | string | R |\n\n```json\n{\"id\": 1, \"Customer\": {\"name\": \"A\"}, \"deudores\": [{\"rut\": \"1\"}]}\n```\n";
    let on = md(page, &TableRules::all());
    let body = request(&on);
    assert_eq!(names(body), ["id", "deudores", "Customer"]);
    assert_eq!(names(&field(body, "deudores").schema), ["rut"]);
    assert!(matches!(field(body, "deudores").schema.ty, Type::Array(_)));
    assert_eq!(names(&field(body, "Customer").schema), ["name"]);
    // Off, the example guides the rows of all three tables as one flat table: `name` is not
    // where the example has it, and stays at the top.
    let off = md(page, &off(rules::TABLE_PER_OBJECT));
    assert_eq!(names(request(&off)), ["id", "deudores", "name", "rut"]);
}

#[test]
fn bold_group_rows() {
    let page = "POST /x\n\n| **Parameter** | **Type** | **Mandatory** |\n|---|---|---|\n| `hash` | _String_ | Required |\n| **order** | _Object_ | Required |\n| `number` | _String_ | Required |\n| **customer** | _Object_ | Conditional |\n| `name` | _String_ | Optional |\n";
    let on = md(page, &TableRules::all());
    assert_eq!(names(request(&on)), ["hash", "order", "customer"]);
    assert_eq!(names(&field(request(&on), "order").schema), ["number"]);
    assert_eq!(names(&field(request(&on), "customer").schema), ["name"]);
    let off = md(page, &off(rules::BOLD_GROUPS));
    assert_eq!(
        names(request(&off)),
        ["hash", "order", "number", "customer", "name"]
    );
}

#[test]
fn dotted_names() {
    let page =
        "POST /x\n\n| Field | Type | Description |\n|---|---|---|\n| owner.name | string | N |\n";
    assert_eq!(names(request(&md(page, &TableRules::all()))), ["owner"]);
    assert_eq!(
        names(request(&md(page, &off(rules::DOTTED_NAMES)))),
        ["owner.name"]
    );
}

const FLAT: &str = "POST /x\n\n| Campo | Tipo | Descripción |\n|---|---|---|\n| datos | Array | D |\n| teléfono | int | T |\n| gastos | int | G |\n| otro | int | O |\n\n```json\n{\"datos\": {\"telefono\": 1, \"gatos\": 2}, \"otro\": 3}\n```\n";

#[test]
fn example_guided_nesting() {
    let on = md(FLAT, &TableRules::all());
    assert_eq!(names(request(&on)), ["datos", "otro"]);
    let off = md(FLAT, &off(rules::GUIDED_NESTING));
    assert_eq!(
        names(request(&off)),
        ["datos", "teléfono", "gastos", "otro"]
    );
}

#[test]
fn typo_matching() {
    let on = md(FLAT, &TableRules::all());
    assert_eq!(
        names(&field(request(&on), "datos").schema),
        ["telefono", "gastos"]
    );
    // Off, `gastos` is not placed by the example: it stays in the group it is listed in
    // (`datos`, still open) and is reported.
    let off = md(FLAT, &off(rules::TYPO_MATCHING));
    assert!(
        off.diagnostics
            .iter()
            .any(|d| d.code == "table.unplaced-row" && d.message.starts_with("`gastos`"))
    );
    assert!(
        !on.diagnostics
            .iter()
            .any(|d| d.code == "table.unplaced-row")
    );
}

#[test]
fn example_spelling() {
    let on = md(FLAT, &TableRules::all());
    assert_eq!(field(request(&on), "datos.telefono").name, "telefono");
    let off = md(FLAT, &off(rules::EXAMPLE_SPELLING));
    assert_eq!(field(request(&off), "datos.teléfono").name, "teléfono");
}

#[test]
fn type_from_prose() {
    let page = "POST /x\n\n| Campo | Tipo de Dato | Descripción |\n|---|---|---|\n| a | Alfanumérico de hasta 20 caracteres | A |\n";
    let on = md(page, &TableRules::all());
    let a = &field(request(&on), "a").schema;
    assert_eq!(a.ty.scalar_kind(), Some(crate::model::ScalarKind::String));
    assert_eq!(a.constraints.max_length.as_ref().map(|k| k.value), Some(20));
    let off = md(page, &off(rules::TYPE_FROM_PROSE));
    assert!(matches!(field(request(&off), "a").schema.ty, Type::Any));
    assert!(
        off.diagnostics
            .iter()
            .any(|d| d.code == "table.unknown-type")
    );
}

#[test]
fn required_group() {
    let page = "POST /x\n\n| NIVEL 1 | NIVEL 2 | TIPO | DESCRIPCIÓN |\n|---|---|---|---|\n| grupo | | - | G |\n| | a\\* | int | A |\n";
    let on = md(page, &TableRules::all());
    assert!(field(request(&on), "grupo").required);
    let off = md(page, &off(rules::REQUIRED_GROUP));
    assert!(!field(request(&off), "grupo").required);
    assert!(
        !off.diagnostics
            .iter()
            .any(|d| d.code == "table.required-group")
    );
}

#[test]
fn space_aligned_tables() {
    let doc = "POST /x\n\nCampo    Tipo    Descripción\na    Integer    A\n";
    let on = text_table::read("doc.txt", doc, &TableRules::all());
    assert_eq!(names(request(&on)), ["a"]);
    let off = text_table::read("doc.txt", doc, &off(rules::SPACE_ALIGNED));
    assert!(off.operations.is_empty());
    assert!(off.diagnostics.iter().any(|d| d.code == "table.no-fields"));
}

#[test]
fn response_from_examples() {
    let page = "POST /x\n\n| Field | Type | Description |\n|---|---|---|\n| a | int | A |\n\n## Response\n\n```json\n{\"id\": 1}\n```\n";
    let on = md(page, &TableRules::all());
    let schema = on.operations[0].responses[0]
        .schema
        .as_ref()
        .expect("inferred");
    assert!(matches!(schema.ty, Type::Object(_)));
    let off = md(page, &off(rules::RESPONSE_FROM_EXAMPLES));
    assert!(off.operations[0].responses[0].schema.is_none());
}

#[test]
fn description_payloads() {
    let text = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  A:\n    type: object\n    description: |\n      Ejemplo:\n      {\"a\": 1}\n    properties:\n      a: {type: string}\n";
    let root = yaml::parse(text).expect("YAML").root;
    let on = swagger::read_with("t.yaml", &root, &TableRules::all());
    assert_eq!(on.examples.len(), 1);
    assert_eq!(on.examples[0].pos.line, 9);
    let off = swagger::read_with("t.yaml", &root, &off(rules::DESCRIPTION_PAYLOADS));
    assert!(off.examples.is_empty());
}
