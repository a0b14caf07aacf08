//! The plain-text reader on small documents of its kind, in Spanish and in English.

use crate::model::{ScalarKind, SourceFormat, Type};
use crate::read::field_table::testing::{
    field, load, names, operation, request, required, response, with_code,
};

fn txt(text: &str) -> (crate::model::Spec, Vec<crate::diag::Diagnostic>) {
    load(SourceFormat::Text, text)
}

/// A document of the `cliente.txt` kind, written anew: an attribute list, tab-separated tables
/// for the request and the response, and a response example split over two fences.
const CONSULTA: &str = "Consulta de cliente\n\
\n\
POST /clientes/consulta\n\
\n\
Atributos:\n\
- tipo_id int requerido\n\
- numero_id string requerido\n\
- sucursal string\n\
\n\
Descripción Request\n\
Campo\tTipo\tDescripción\tValores Esperados\n\
tipo_id\tInteger\tTipo de identificación\t1-CURP 2-Numero socio\n\
numero_id\tString\tNúmero de identificación\t\n\
sucursal\tString\tSucursal\t\n\
\n\
Formato de ejemplo para el request:\n\
```\n\
{\"tipo_id\": 3, \"numero_id\": 123, \"sucursal\": \"centro\",}\n\
```\n\
\n\
Descripción Respuesta\n\
Campo\tTipo\tDescripción\tValores Esperados\n\
data\tArray\tDatos del cliente\t\n\
es_socio\tInteger\tEs socio\t0- No es socio 1- Si es socio\n\
sexo\tString\tSexo\tFemenino - Masculino\n\
fecha_alta\tString\tFecha de alta\tFormato: YYYY-mm-dd\n\
domicilio\tArray\tDomicilio\t\n\
calle\tString\tCalle\t\n\
teléfono\tInteger\tTeléfono\t\n\
Gastos\tArray\tGastos\t\n\
renta\tInteger\tRenta\t\n\
referencias\tArray\tReferencias\t\n\
nombre_referencia\tString\tNombre\t\n\
fuelle_ingresos\tInteger\tFuente de ingresos\t\n\
antiguedad\tInteger\tAntigüedad\t\n\
mensaje\tString\tMensaje\t\n\
\n\
Ejemplo de respuesta:\n\
```\n\
{\"data\": {\"es_socio\": 1, \"sexo\": \"Femenino\", \"fecha_alta\": \"2020-12-12\",\n\
\"domicilio\": {\"calle\": \"Sol\", \"telefono\": \"555\"},\n\
\"gatos\": {\"renta\": 10},\n\
```\n\
```\n\
\"referencias\": [{\"nombre_referencia\": \"Ana\"}],\n\
\"fuentes_ingresos\": 3, \"antiguedad\": 2},\n\
\"mensaje\": \"ok\"}\n\
```\n\
";

/// The same kind in English, its response tables with and without a status.
const LOOKUP: &str = "Customer lookup\n\
\n\
POST /customers/search\n\
\n\
Attributes:\n\
- document_type int required\n\
- document string required\n\
- branch string\n\
\n\
Request description\n\
Field\tType\tDescription\tExpected values\n\
document_type\tInteger\tKind of document\t1-Passport 2-National ID\n\
document\tString\tThe number\t\n\
branch\tString\tBranch code\tFormat: YYYY-mm-dd\n\
\n\
Request example:\n\
```\n\
{\"document_type\": 1, \"document\": \"X1\", \"branch\": \"2020-01-01\"}\n\
```\n\
\n\
Response description\n\
Field\tType\tDescription\tExpected values\n\
name\tString\tFull name\t\n\
status\tString\tState\tActive - Inactive\n\
address\tObject\tWhere\t\n\
street\tString\tStreet\t\n\
phones\tArray\tPhones\t\n\
number\tString\tPhone\t\n\
\n\
Response example:\n\
```\n\
{\"name\": \"A\", \"status\": \"Active\", \"address\": {\"street\": \"S\"},\n\
```\n\
```\n\
\"phones\": [{\"number\": \"1\"}]}\n\
```\n\
\n\
Response 404\n\
Field\tType\tDescription\n\
message\tString\tWhy\n\
";

fn codes(ty: &Type) -> Vec<serde_json::Value> {
    match ty {
        Type::Enum(e) => e.values.iter().map(|v| v.value.clone()).collect(),
        other => panic!("not an enum: {other:?}"),
    }
}

#[test]
fn the_attribute_list_marks_the_required_fields() {
    let (spec, _) = txt(CONSULTA);
    assert_eq!(spec.format, SourceFormat::Text);
    let body = request(&spec, "POST /clientes/consulta");
    assert_eq!(names(body), ["tipo_id", "numero_id", "sucursal"]);
    assert_eq!(required(body), ["tipo_id", "numero_id"]);
    assert!(field(body, "sucursal").schema.nullable);
}

#[test]
fn the_values_column_gives_codes_and_formats() {
    let (spec, _) = txt(CONSULTA);
    let body = request(&spec, "POST /clientes/consulta");
    let tipo = &field(body, "tipo_id").schema.ty;
    assert_eq!(tipo.scalar_kind(), Some(ScalarKind::Integer));
    assert_eq!(codes(tipo), [serde_json::json!(1), serde_json::json!(2)]);
    let data = response(&spec, "POST /clientes/consulta", "200");
    assert_eq!(
        codes(&field(data, "data.es_socio").schema.ty),
        [serde_json::json!(0), serde_json::json!(1)]
    );
    assert_eq!(
        codes(&field(data, "data.sexo").schema.ty),
        ["Femenino", "Masculino"]
    );
    let alta = &field(data, "data.fecha_alta").schema;
    assert_eq!(
        alta.constraints
            .format
            .as_ref()
            .map(|f| f.value.name.as_str()),
        Some("date")
    );
}

#[test]
fn a_response_without_a_status_is_the_200_one_nested_as_its_example_shows() {
    let (spec, _) = txt(CONSULTA);
    let op = operation(&spec, "POST /clientes/consulta");
    assert_eq!(op.responses.len(), 1);
    let body = response(&spec, "POST /clientes/consulta", "200");
    assert_eq!(names(body), ["data", "mensaje"]);
    assert_eq!(
        names(&field(body, "data").schema),
        [
            "es_socio",
            "sexo",
            "fecha_alta",
            "domicilio",
            "Gastos",
            "referencias",
            "fuelle_ingresos",
            "antiguedad"
        ]
    );
    assert_eq!(
        names(&field(body, "data.domicilio").schema),
        ["calle", "telefono"]
    );
    assert!(matches!(
        field(body, "data.referencias").schema.ty,
        Type::Array(_)
    ));
    assert_eq!(
        names(&field(body, "data.referencias").schema),
        ["nombre_referencia"]
    );
}

#[test]
fn names_matched_across_accents_case_and_typos_are_reported() {
    let (_, found) = txt(CONSULTA);
    let mismatches: Vec<&str> = with_code(&found, "table.name-mismatch")
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        mismatches,
        [
            "`teléfono` in the table is `telefono` in the example: matched, read as the example spells it",
            "`Gastos` in the table is `gatos` in the example: matched, the table's spelling kept",
            "`fuelle_ingresos` in the table is `fuentes_ingresos` in the example: matched, the table's spelling kept",
        ]
    );
    let contradicted: Vec<&str> = with_code(&found, "table.type-contradicts-example")
        .iter()
        .map(|d| d.message.split('`').nth(1).unwrap_or(""))
        .collect();
    assert_eq!(contradicted, ["data", "domicilio", "Gastos"]);
}

#[test]
fn the_examples_are_checked_against_the_tables() {
    let (_, found) = txt(CONSULTA);
    let invalid: Vec<(u32, &str)> = with_code(&found, "example.invalid")
        .iter()
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(
        invalid,
        [
            (
                18,
                "`/tipo_id` does not match its schema: expected one of 1, 2, found 3"
            ),
            (
                18,
                "`/numero_id` does not match its schema: expected string, found integer"
            ),
            (
                41,
                "`/data/domicilio/telefono` does not match its schema: expected integer or null, found string"
            ),
        ]
    );
    let repaired = with_code(&found, "example.repaired");
    assert_eq!(repaired.len(), 1);
    assert_eq!((repaired[0].line, repaired[0].column), (18, 54));
}

#[test]
fn a_row_the_example_cannot_place_stays_where_the_table_lists_it() {
    let text = CONSULTA.replace("antiguedad\tInteger", "sin_ejemplo\tInteger");
    let (spec, found) = txt(&text);
    let unplaced = with_code(&found, "table.unplaced-row");
    assert_eq!(unplaced.len(), 1, "{found:#?}");
    assert!(
        unplaced[0]
            .message
            .starts_with("`sin_ejemplo` is not in the example")
    );
    assert_eq!(unplaced[0].line, 35);
    let body = response(&spec, "POST /clientes/consulta", "200");
    assert!(names(&field(body, "data").schema).contains(&"sin_ejemplo"));
}

#[test]
fn an_english_document_with_statuses_and_groups() {
    let (spec, found) = txt(LOOKUP);
    let body = request(&spec, "POST /customers/search");
    assert_eq!(required(body), ["document_type", "document"]);
    assert_eq!(
        codes(&field(body, "document_type").schema.ty),
        [serde_json::json!(1), serde_json::json!(2)]
    );
    let ok = response(&spec, "POST /customers/search", "200");
    assert_eq!(names(ok), ["name", "status", "address", "phones"]);
    assert_eq!(names(&field(ok, "address").schema), ["street"]);
    assert_eq!(names(&field(ok, "phones").schema), ["number"]);
    assert_eq!(
        codes(&field(ok, "status").schema.ty),
        ["Active", "Inactive"]
    );
    assert_eq!(
        names(response(&spec, "POST /customers/search", "404")),
        ["message"]
    );
    assert!(
        with_code(&found, "example.invalid").is_empty(),
        "{found:#?}"
    );
}

#[test]
fn tabs_turned_to_spaces_read_the_same() {
    let spaced = LOOKUP.replace('\t', "    ");
    let (spec, _) = txt(&spaced);
    let (original, _) = txt(LOOKUP);
    let shape = |s: &crate::model::Spec| serde_json::to_value(&s.operations).unwrap();
    assert_eq!(
        names(response(&spec, "POST /customers/search", "200")),
        ["name", "status", "address", "phones"]
    );
    // Columns move (the positions differ); the model is the same otherwise.
    let strip = |mut v: serde_json::Value| {
        strip_positions(&mut v);
        v
    };
    assert_eq!(strip(shape(&spec)), strip(shape(&original)));
}

fn strip_positions(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.retain(|k, _| !k.ends_with("pos"));
            map.values_mut().for_each(strip_positions);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_positions),
        _ => {}
    }
}

#[test]
fn a_row_short_of_cells_an_unclosed_fence_and_an_empty_document() {
    let text = "POST /x\n\nCampo\tDescripción\tTipo\na\tA\tString\nb\tB\n\n```\n{\"a\": \"1\"\n";
    let (spec, found) = txt(text);
    let short = with_code(&found, "table.missing-cells");
    assert_eq!(short.len(), 1, "{found:#?}");
    assert_eq!(short[0].line, 5);
    let unclosed = with_code(&found, "table.unclosed-fence");
    assert_eq!(unclosed.len(), 1);
    assert_eq!(unclosed[0].line, 7);
    assert_eq!(spec.examples.len(), 1, "the unclosed example is still read");
    for empty in ["", "\n", "Solo texto, sin tablas.\n"] {
        let loaded =
            crate::check_bytes_as("doc.txt", empty.as_bytes(), &[], Some(SourceFormat::Text));
        let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code).collect();
        assert!(codes.contains(&"table.no-fields"), "{empty:?}: {codes:?}");
    }
}
