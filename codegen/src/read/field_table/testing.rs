//! Helpers for the readers' tests: a document through the whole pipeline, and the parts of
//! the model a test looks at.

use crate::diag::Diagnostic;
use crate::model::{Field, Operation, Schema, SourceFormat, Spec, Type};

/// The spec a document reads into, and every finding on it (reader, lints, examples).
pub(crate) fn load(format: SourceFormat, text: &str) -> (Spec, Vec<Diagnostic>) {
    let file = match format {
        SourceFormat::Markdown => "page.md",
        SourceFormat::Text => "doc.txt",
        SourceFormat::Swagger => "spec.yaml",
    };
    let loaded = crate::check_bytes_as(file, text.as_bytes(), &[], Some(format));
    let spec = loaded
        .spec
        .unwrap_or_else(|| panic!("no spec: {:#?}", loaded.diagnostics));
    (spec, loaded.diagnostics)
}

pub(crate) fn operation<'s>(spec: &'s Spec, label: &str) -> &'s Operation {
    spec.operations
        .iter()
        .find(|o| o.label() == label)
        .unwrap_or_else(|| {
            let labels: Vec<String> = spec.operations.iter().map(|o| o.label()).collect();
            panic!("no {label} among {labels:?}")
        })
}

pub(crate) fn request<'s>(spec: &'s Spec, label: &str) -> &'s Schema {
    &operation(spec, label)
        .body
        .as_ref()
        .unwrap_or_else(|| panic!("{label} has no request body"))
        .schema
}

pub(crate) fn response<'s>(spec: &'s Spec, label: &str, status: &str) -> &'s Schema {
    operation(spec, label)
        .responses
        .iter()
        .find(|r| r.status == status)
        .and_then(|r| r.schema.as_ref())
        .unwrap_or_else(|| panic!("{label} has no {status} response with a schema"))
}

/// The fields of an object, or of the items of a list of objects.
pub(crate) fn fields(schema: &Schema) -> &[Field] {
    match &schema.ty {
        Type::Object(o) => &o.fields,
        Type::Array(a) => fields(&a.items),
        other => panic!("{} is not an object: {other:?}", schema.path),
    }
}

/// The field at a dotted path (`client_info.first_name`) under `schema`.
pub(crate) fn field<'s>(schema: &'s Schema, path: &str) -> &'s Field {
    let mut current = schema;
    let mut found = None;
    for name in path.split('.') {
        let field = fields(current)
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| {
                let names: Vec<&str> = fields(current).iter().map(|f| f.name.as_str()).collect();
                panic!("no `{name}` of {path} among {names:?}")
            });
        current = &field.schema;
        found = Some(field);
    }
    found.expect("a path has a name")
}

pub(crate) fn names(schema: &Schema) -> Vec<&str> {
    fields(schema).iter().map(|f| f.name.as_str()).collect()
}

pub(crate) fn required(schema: &Schema) -> Vec<&str> {
    fields(schema)
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name.as_str())
        .collect()
}

/// The findings with `code`.
pub(crate) fn with_code<'d>(found: &'d [Diagnostic], code: &str) -> Vec<&'d Diagnostic> {
    found.iter().filter(|d| d.code == code).collect()
}
