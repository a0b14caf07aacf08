//! The markdown reader on small pages of its kind, in Spanish and in English.

use crate::model::{ScalarKind, SourceFormat, Type};
use crate::read::field_table::testing::{
    field, load, names, operation, request, required, response, with_code,
};

fn md(text: &str) -> (crate::model::Spec, Vec<crate::diag::Diagnostic>) {
    load(SourceFormat::Markdown, text)
}

/// A GitBook page of the `core-customer.md` kind, written anew.
const ALTA_SOCIO: &str = r#"# Alta de socio

## Endpoint

```
https://{HOST}/api/socios
```

**Método:** POST

**Tipo de Autenticación:** Basic Authentication

## Parámetros de entrada

| NIVEL 1 | NIVEL 2 | NIVEL 3 | TIPO | TAMAÑO | DESCRIPCIÓN |
|---|---|---|---|---|---|
| datos | | | - | - | Datos del socio |
| | nombre\* | | varchar | 30 | Nombre del socio |
| | segundo_nombre | | varchar | 30 | Segundo nombre |
| | genero\* | | varchar | 1 | Género: M (Masculino) / F (Femenino) / NB (No binario) |
| documentos | | | Array | - | Documentos del socio |
| | numero\* | | varchar | 20 | Número |
| | tipo | | int | - | Ver [tipos](anexos.md) |
| referencias | | | - | - | Referencias |
| | primera_referencia | | - | - | Primera referencia |
| | | nombre\* | varchar | 40 | Nombre |
| | | pais | varchar | 2 | País (Alpha-2) |
| | segunda_referencia | | - | - | Igual que **primera_referencia** |
| saldo | | | decimal | 10,2 | Saldo inicial |
| alta | | | fecha | - | Fecha de alta |

### Ejemplo

```json
{
  "datos": {"nombre": "Ana", "genero": "F",},
  "documentos": [{"numero": "A1", "tipo": 1}],
  "referencias": {
    "primera_referencia": {"nombre": "Luis", "pais": "Mexico"},
    "segunda_referencia": {"nombre": "Eva", "pais": "MX", "telefno": "5"}
  },
  "saldo": 10.5,
  "alta": "2024-02-30"
}
```

## Respuesta

* **201** - Socio creado
* **4XX** - Error al crear el socio

<details><summary>Ejemplo 1 - Caso exitoso (HTTP STATUS CODE 201)</summary>

```json
{"numero_socio": 77}
```

</details>

<details><summary>Ejemplo 2 - Caso error (HTTP STATUS CODE 4XX)</summary>

```json
{"mensaje": "Documento duplicado"}
```

</details>
"#;

#[test]
fn the_endpoint_comes_from_the_url_and_the_method_line() {
    let (spec, _) = md(ALTA_SOCIO);
    let op = operation(&spec, "POST /api/socios");
    assert_eq!(op.authentication.as_deref(), Some("Basic Authentication"));
    assert_eq!(spec.title, "Alta de socio");
    assert_eq!(spec.format, SourceFormat::Markdown);
}

#[test]
fn level_columns_nest_the_fields() {
    let (spec, _) = md(ALTA_SOCIO);
    let body = request(&spec, "POST /api/socios");
    assert_eq!(
        names(body),
        ["datos", "documentos", "referencias", "saldo", "alta"]
    );
    // `primera_referencia` is a named type: `segunda_referencia` is the same.
    let named = spec.type_named("PrimeraReferencia").expect("named");
    assert_eq!(names(&named.schema), ["nombre", "pais"]);
}

#[test]
fn an_escaped_star_marks_required_and_the_rest_is_optional_and_nullable() {
    let (spec, found) = md(ALTA_SOCIO);
    let body = request(&spec, "POST /api/socios");
    assert_eq!(required(&field(body, "datos").schema), ["nombre", "genero"]);
    let second = field(body, "datos.segundo_nombre");
    assert!(!second.required);
    assert!(second.schema.nullable);
    // `datos` is not marked, but fields in it are: required, and an info says so.
    assert!(field(body, "datos").required);
    let notes = with_code(&found, "table.required-group");
    assert!(
        notes
            .iter()
            .any(|d| d.message.starts_with("`datos` is not marked required"))
    );
    assert_eq!(notes[0].severity, crate::diag::Severity::Info);
}

#[test]
fn types_sizes_and_codes() {
    let (spec, _) = md(ALTA_SOCIO);
    let body = request(&spec, "POST /api/socios");
    let nombre = &field(body, "datos.nombre").schema;
    assert_eq!(nombre.ty.scalar_kind(), Some(ScalarKind::String));
    assert_eq!(
        nombre.constraints.max_length.as_ref().map(|k| k.value),
        Some(30)
    );
    let Type::Enum(genero) = &field(body, "datos.genero").schema.ty else {
        panic!("genero lists its codes");
    };
    let codes: Vec<_> = genero.values.iter().map(|v| v.value.clone()).collect();
    assert_eq!(codes, ["M", "F", "NB"]);
    assert_eq!(
        field(body, "saldo").schema.ty.scalar_kind(),
        Some(ScalarKind::Number)
    );
    let alta = &field(body, "alta").schema;
    assert_eq!(
        alta.constraints
            .format
            .as_ref()
            .map(|f| f.value.name.as_str()),
        Some("date")
    );
}

#[test]
fn an_array_is_a_list_of_the_objects_its_rows_make() {
    let (spec, _) = md(ALTA_SOCIO);
    let body = request(&spec, "POST /api/socios");
    let Type::Array(documents) = &field(body, "documentos").schema.ty else {
        panic!("documentos is a list");
    };
    assert!(matches!(documents.items.ty, Type::Object(_)));
    assert_eq!(names(&documents.items), ["numero", "tipo"]);
}

#[test]
fn same_as_gives_both_fields_one_named_type() {
    let (spec, _) = md(ALTA_SOCIO);
    let body = request(&spec, "POST /api/socios");
    let first = &field(body, "referencias.primera_referencia").schema.ty;
    let second = &field(body, "referencias.segunda_referencia").schema.ty;
    let (Type::Ref(a), Type::Ref(b)) = (first, second) else {
        panic!("both refer to a named type: {first:?} {second:?}");
    };
    assert_eq!(a.name, "PrimeraReferencia");
    assert_eq!(a.name, b.name);
    assert!(spec.type_named("PrimeraReferencia").is_some());
}

#[test]
fn the_responses_are_typed_by_status() {
    let (spec, _) = md(ALTA_SOCIO);
    assert_eq!(
        names(response(&spec, "POST /api/socios", "201")),
        ["numero_socio"]
    );
    assert_eq!(
        names(response(&spec, "POST /api/socios", "4XX")),
        ["mensaje"]
    );
}

#[test]
fn the_examples_are_checked_against_the_table() {
    let (_, found) = md(ALTA_SOCIO);
    let invalid: Vec<&str> = with_code(&found, "example.invalid")
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        invalid.contains(
            &"`/referencias/primera_referencia/pais` does not match its schema: expected at most 2 characters, found 6"
        ),
        "{invalid:#?}"
    );
    let unknown = with_code(&found, "example.unknown-member");
    let telefono = unknown
        .iter()
        .find(|d| d.message.contains("`telefno`"))
        .expect("the unknown member is reported");
    assert_eq!(telefono.line, 40);
    let repaired = with_code(&found, "example.repaired");
    assert_eq!(repaired.len(), 1, "the trailing comma: {repaired:#?}");
    assert_eq!((repaired[0].line, repaired[0].column), (36, 43));
}

#[test]
fn document_lints() {
    let (_, found) = md(ALTA_SOCIO);
    // `genero` is varchar 1 but lists `NB`.
    let unsatisfiable = with_code(&found, "constraint.unsatisfiable");
    assert!(
        unsatisfiable.iter().any(|d| d.message.contains("`NB`")),
        "{unsatisfiable:#?}"
    );
    // `tipo` sends its reader to an annex the page does not hold.
    let annex = with_code(&found, "table.missing-annex");
    assert!(
        annex.iter().any(|d| d.message.contains("anexos.md")),
        "{annex:#?}"
    );
}

/// An English page with a required column, dotted names and a response table.
const CREATE_ACCOUNT: &str = r#"# Create account

`POST /v1/accounts`

Authentication: Bearer token

## Request body

| Field | Type | Required | Description |
|---|---|---|---|
| owner | object | Yes | The account holder |
| owner.name | string(40) | Yes | Full name |
| owner.kind | string | No | P (Person) / C (Company) |
| tags | Array of strings | No | Free labels |
| lines[].sku | string | Yes | Product |
| opened | date | Yes | Opening date |

Example:

```json
{
  "owner": {"name": "Ann", "kind": "X",},
  "tags": ["a"],
  "lines": [{"sku": "A-1", "qty": 2}],
  "opend": "2024-01-01"
}
```

## Response

* **201** - Created

| Field | Type | Description |
|---|---|---|
| id | integer | The new account |
"#;

#[test]
fn an_english_page_with_a_required_column_and_dotted_names() {
    let (spec, _) = md(CREATE_ACCOUNT);
    let op = operation(&spec, "POST /v1/accounts");
    assert_eq!(op.authentication.as_deref(), Some("Bearer token"));
    let body = request(&spec, "POST /v1/accounts");
    assert_eq!(names(body), ["owner", "tags", "lines", "opened"]);
    assert_eq!(required(body), ["owner", "lines", "opened"]);
    assert_eq!(names(&field(body, "owner").schema), ["name", "kind"]);
    let name = &field(body, "owner.name").schema;
    assert_eq!(
        name.constraints.max_length.as_ref().map(|k| k.value),
        Some(40)
    );
    let Type::Array(tags) = &field(body, "tags").schema.ty else {
        panic!("tags is a list");
    };
    assert_eq!(tags.items.ty.scalar_kind(), Some(ScalarKind::String));
    assert_eq!(names(&field(body, "lines").schema), ["sku"]);
    // The table under `**201** - Created` is the 201 response.
    assert_eq!(names(response(&spec, "POST /v1/accounts", "201")), ["id"]);
}

#[test]
fn an_english_example_against_its_table() {
    let (_, found) = md(CREATE_ACCOUNT);
    let invalid: Vec<&str> = with_code(&found, "example.invalid")
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        invalid.iter().any(|m| m
            .starts_with("`/owner/kind` does not match its schema: expected one of \"P\", \"C\"")),
        "{invalid:#?}"
    );
    assert!(
        invalid
            .iter()
            .any(|m| m.contains("missing required member \"opened\"")),
        "{invalid:#?}"
    );
    let unknown = with_code(&found, "example.unknown-member");
    let opend = unknown
        .iter()
        .find(|d| d.message.contains("`opend`"))
        .expect("reported");
    assert_eq!(opend.hint.as_deref(), Some("did you mean `opened`?"));
    assert!(unknown.iter().any(|d| d.message.contains("`qty`")));
}

#[test]
fn two_endpoints_on_one_page_are_two_operations() {
    let page = "# Cards\n\n## POST /cards\n\n| Campo | Tipo | Descripción |\n|---|---|---|\n| numero | string | Número |\n\n## DELETE /cards/{id}\n\n| Campo | Tipo | Descripción |\n|---|---|---|\n| motivo | string | Motivo |\n";
    let (spec, _) = md(page);
    assert_eq!(names(request(&spec, "POST /cards")), ["numero"]);
    assert_eq!(names(request(&spec, "DELETE /cards/{id}")), ["motivo"]);
}

#[test]
fn a_get_lists_query_parameters_and_a_heading_names_headers() {
    let page = "### Order book\n\n```\nGET /api/v3/depth/{symbol}\n```\n\n**Parameters:**\n\nName | Type | Mandatory | Description\n---- | ---- | ---- | ----\nsymbol | STRING | YES |\nlimit | INT | NO | Default: 100\n\n**Response:**\n\n```javascript\n{\"lastUpdateId\": 1027024, // the id\n}\n```\n\n## POST /orders\n\n### Headers\n\n| Name | Type | Required | Description |\n|---|---|---|---|\n| x-api-key | string | Yes | Key |\n\n### Body\n\n| Name | Type | Required | Description |\n|---|---|---|---|\n| qty | integer | Yes | Quantity |\n";
    let (spec, _) = md(page);
    let get = operation(&spec, "GET /api/v3/depth/{symbol}");
    assert!(get.body.is_none());
    let params: Vec<(&str, crate::model::Location, bool)> = get
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location, p.required))
        .collect();
    assert_eq!(
        params,
        [
            ("symbol", crate::model::Location::Path, true),
            ("limit", crate::model::Location::Query, false)
        ]
    );
    assert_eq!(
        names(response(&spec, "GET /api/v3/depth/{symbol}", "200")),
        ["lastUpdateId"]
    );
    let post = operation(&spec, "POST /orders");
    assert_eq!(post.parameters.len(), 1);
    assert_eq!(post.parameters[0].location, crate::model::Location::Header);
    assert_eq!(names(request(&spec, "POST /orders")), ["qty"]);
}

#[test]
fn endpoints_written_as_curl_http_labels_and_placeholders() {
    let page = "# Pagos\n\n```shell\ncurl -X PUT \"https://api.example.com/<tenantId>/pagos/:id\" -d '{}'\n```\n\n| Campo | Tipo | Descripción |\n|---|---|---|\n| monto | decimal | Monto |\n\n```http\nPOST /v2/cobros HTTP/1.1\nHost: api.example.com\n\n{\"monto\": 5}\n```\n\n| Campo | Tipo | Descripción |\n|---|---|---|\n| monto | decimal | Monto |\n\n- Method : DELETE\n- URL: https://api.example.com/v2/cobros/{id}\n\n| Campo | Tipo | Descripción |\n|---|---|---|\n| motivo | string | Motivo |\n";
    let (spec, _) = md(page);
    let labels: Vec<String> = spec.operations.iter().map(|o| o.label()).collect();
    assert_eq!(
        labels,
        [
            "PUT /{tenantId}/pagos/{id}",
            "POST /v2/cobros",
            "DELETE /v2/cobros/{id}"
        ]
    );
    assert_eq!(spec.examples.len(), 1, "the body of the HTTP request");
}

#[test]
fn a_name_in_bold_is_styled_not_mangled() {
    let page = "POST /x\n\n| **Campo** | **Tipo** | **Descripción** |\n|---|---|---|\n| **OrderID** | Alfanumérico de hasta 200 caracteres | Id |\n| **first\\_name**\\* | varchar | N |\n";
    let (spec, found) = md(page);
    assert!(
        with_code(&found, "table.mangled-name").is_empty(),
        "{found:#?}"
    );
    let body = request(&spec, "POST /x");
    assert_eq!(names(body), ["OrderID", "first_name"]);
    assert_eq!(required(body), ["first_name"]);
    let id = &field(body, "OrderID").schema;
    assert_eq!(
        id.constraints.max_length.as_ref().map(|k| k.value),
        Some(200)
    );
}

#[test]
fn a_page_without_an_endpoint_says_so() {
    let page = "| Field | Type | Description |\n|---|---|---|\n| id | integer | Id |\n";
    let (spec, found) = md(page);
    assert_eq!(spec.operations.len(), 1);
    let missing = with_code(&found, "table.no-endpoint");
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].line, 1);
}

#[test]
fn a_row_with_missing_cells_is_reported_at_its_line() {
    let page = "POST /x\n\n| Campo | Tipo | Tamaño | Descripción |\n|---|---|---|---|\n| a | varchar | 3 | A |\n| b | int |\n";
    let (spec, found) = md(page);
    let missing = with_code(&found, "table.missing-cells");
    assert_eq!(missing.len(), 1, "{found:#?}");
    assert_eq!(missing[0].line, 6);
    assert_eq!(names(request(&spec, "POST /x")), ["a", "b"]);
}

#[test]
fn names_written_with_markup_duplicates_and_unknown_types() {
    let page = "POST /x\n\n| Campo | Tipo | Descripción |\n|---|---|---|\n| first\\_\\_name | varchar | A |\n| code | varchar | B |\n| code | varchar | C |\n| when | instante | D |\n";
    let (spec, found) = md(page);
    assert_eq!(names(request(&spec, "POST /x"))[0], "first_name");
    assert_eq!(
        with_code(&found, "table.mangled-name").len(),
        1,
        "{found:#?}"
    );
    let duplicate = with_code(&found, "table.duplicate-field");
    assert_eq!(duplicate.len(), 1);
    assert_eq!(duplicate[0].line, 7);
    let unknown = with_code(&found, "table.unknown-type");
    assert_eq!(unknown.len(), 1);
    assert!(unknown[0].message.contains("`instante`"));
}

#[test]
fn an_example_split_over_fences_is_one_example() {
    let page = "POST /x\n\n| Field | Type | Description |\n|---|---|---|\n| a | integer | A |\n| b | string | B |\n\n```json\n{\"a\": 1,\n```\n\n```json\n\"b\": 2}\n```\n";
    let (spec, found) = md(page);
    assert_eq!(spec.examples.len(), 1, "{found:#?}");
    assert_eq!(spec.examples[0].value, serde_json::json!({"a": 1, "b": 2}));
    let invalid = with_code(&found, "example.invalid");
    assert_eq!(invalid.len(), 1);
    assert_eq!(invalid[0].line, 13, "b is on the second fragment's line");
}

#[test]
fn an_unterminated_fence_and_an_empty_page() {
    let page = "POST /x\n\n| Field | Type | Description |\n|---|---|---|\n| a | integer | A |\n\n```json\n{\"a\": 1\n";
    let (spec, _) = md(page);
    assert_eq!(spec.examples.len(), 1);
    for empty in ["", "\n\n", "# Only a title\n"] {
        let loaded = crate::check_bytes_as(
            "page.md",
            empty.as_bytes(),
            &[],
            Some(SourceFormat::Markdown),
        );
        let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code).collect();
        assert!(codes.contains(&"table.no-fields"), "{empty:?}: {codes:?}");
        assert!(loaded.diagnostics.iter().all(|d| d.line >= 1));
    }
}

#[test]
fn a_table_without_a_type_column_says_where_its_types_come_from() {
    let page =
        "POST /x\n\n| Campo | Descripción |\n|---|---|\n| a | A |\n\n```json\n{\"a\": 1}\n```\n";
    let (spec, found) = md(page);
    let note = with_code(&found, "table.no-type-column");
    assert_eq!(note.len(), 1);
    assert_eq!(note[0].line, 3);
    assert!(
        note[0]
            .message
            .ends_with("its fields take the types their example shows")
    );
    assert_eq!(
        field(request(&spec, "POST /x"), "a")
            .schema
            .ty
            .scalar_kind(),
        Some(ScalarKind::Integer)
    );
    let (_, found) = md("POST /x\n\n| Field | Description |\n|---|---|\n| a | A |\n");
    assert!(
        with_code(&found, "table.no-type-column")[0]
            .message
            .ends_with("accept any value")
    );
}

#[test]
fn a_cell_with_the_name_and_the_type() {
    let page = "POST /x\n\nNombre  <br> <i> tipo </i> | Descripción\n------   | -----------\nbuy_order  <br> <i> String </i> | Orden de compra. Largo máximo: 26.\namount  <br> <i> Decimal </i> | Monto\n";
    let (spec, found) = md(page);
    let body = request(&spec, "POST /x");
    assert_eq!(names(body), ["buy_order", "amount"]);
    assert_eq!(
        field(body, "buy_order").schema.ty.scalar_kind(),
        Some(ScalarKind::String)
    );
    assert_eq!(
        field(body, "amount").schema.ty.scalar_kind(),
        Some(ScalarKind::Number)
    );
    assert!(
        with_code(&found, "table.mangled-name").is_empty(),
        "{found:#?}"
    );
}

#[test]
fn a_mark_after_the_name_and_a_path_alone_in_a_block() {
    let page = "### KYC\n\n#### Service:\n\n    /account/kyc\n\n| Parameter | Type | Description |\n|---|---|---|\n| amount <span class=\"label notice\">Required</span> | integer | A |\n| note <span>Optional</span> | string | N |\n";
    let (spec, _) = md(page);
    let body = request(&spec, "POST /account/kyc");
    assert_eq!(names(body), ["amount", "note"]);
    assert_eq!(required(body), ["amount"]);
}

#[test]
fn a_type_named_by_words_is_described_under_a_heading_of_those_words() {
    let page = "POST /clientes\n\nAtributo | tipo | Requerido | Descripción\n-------- | ---- | --------- | -----------\nnombre | string | true | Nombre\ninformacionDelConyuge | [Información del cónyuge](#Informacion-del-conyuge) | false | Cónyuge\n\n### Información del cónyuge\n\nAtributo | tipo | Requerido | Descripción\n-------- | ---- | --------- | -----------\nnombre | string | true | Nombre del cónyuge\n";
    let (spec, found) = md(page);
    let body = request(&spec, "POST /clientes");
    assert_eq!(names(body), ["nombre", "informacionDelConyuge"]);
    assert_eq!(
        names(&field(body, "informacionDelConyuge").schema),
        ["nombre"]
    );
    assert!(
        with_code(&found, "table.duplicate-field").is_empty(),
        "{found:#?}"
    );
}
