//! The Swagger 2.0 grammar as data: which keys each object holds and what shape their values take.
//!
//! Indentation recovery uses it to decide which open object a key belongs to; [`check`] uses it
//! to report keys and values the Swagger 2.0 meta-schema does not allow.

use crate::diag::Diagnostic;
use crate::tree::{Node, Value};

/// The objects of a Swagger 2.0 document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Root,
    Info,
    Contact,
    License,
    Paths,
    PathItem,
    Operation,
    Parameter,
    Items,
    Responses,
    Response,
    Headers,
    Header,
    Schema,
    /// `properties` and `definitions`: any name to a schema.
    SchemaMap,
    ParameterMap,
    ResponseMap,
    SecurityDefinitions,
    SecurityScheme,
    Scopes,
    SecurityRequirement,
    Tag,
    ExternalDocs,
    Xml,
    /// `examples` of a response: media type to a free value.
    Examples,
    /// Free-form values: examples, defaults, enum members, `x-` extensions.
    Any,
}

/// What a key's value may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// A string, number or boolean.
    Scalar,
    Obj(Kind),
    List(Elem),
    /// `additionalProperties`: a boolean or a schema.
    BoolOrObj(Kind),
    /// `items` of a schema: a schema or a list of schemas.
    ObjOrList(Kind),
    /// `type` of a schema: a name or a list of names.
    ScalarOrList,
    Any,
}

/// What the members of a list may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Elem {
    Scalar,
    Obj(Kind),
    Any,
}

const SCALAR: Option<Expect> = Some(Expect::Scalar);

/// Validation keywords shared by parameters, items and headers (Swagger's "primitive" objects).
fn primitive_field(key: &str) -> Option<Expect> {
    match key {
        "type" | "format" | "collectionFormat" | "maximum" | "exclusiveMaximum" | "minimum"
        | "exclusiveMinimum" | "maxLength" | "minLength" | "pattern" | "maxItems" | "minItems"
        | "uniqueItems" | "multipleOf" => SCALAR,
        "items" => Some(Expect::Obj(Kind::Items)),
        "default" => Some(Expect::Any),
        "enum" => Some(Expect::List(Elem::Any)),
        _ => None,
    }
}

/// The expected value of `key` in an object of `kind`, or `None` when the key is not allowed.
pub fn field(kind: Kind, key: &str) -> Option<Expect> {
    use Expect::*;
    use Kind as K;
    // Extensions are allowed in objects with fixed fields; in maps of free names `x-` is a name.
    if key.starts_with("x-") && (!is_open(kind) || matches!(kind, K::Paths | K::Responses)) {
        return Some(Any);
    }
    match kind {
        K::Root => match key {
            "swagger" | "host" | "basePath" => SCALAR,
            "info" => Some(Obj(K::Info)),
            "schemes" | "consumes" | "produces" => Some(List(Elem::Scalar)),
            "paths" => Some(Obj(K::Paths)),
            "definitions" => Some(Obj(K::SchemaMap)),
            "parameters" => Some(Obj(K::ParameterMap)),
            "responses" => Some(Obj(K::ResponseMap)),
            "securityDefinitions" => Some(Obj(K::SecurityDefinitions)),
            "security" => Some(List(Elem::Obj(K::SecurityRequirement))),
            "tags" => Some(List(Elem::Obj(K::Tag))),
            "externalDocs" => Some(Obj(K::ExternalDocs)),
            _ => None,
        },
        K::Info => match key {
            "title" | "description" | "termsOfService" | "version" => SCALAR,
            "contact" => Some(Obj(K::Contact)),
            "license" => Some(Obj(K::License)),
            _ => None,
        },
        K::Contact => matches!(key, "name" | "url" | "email").then_some(Scalar),
        K::License => matches!(key, "name" | "url").then_some(Scalar),
        K::Paths => key.starts_with('/').then_some(Obj(K::PathItem)),
        K::PathItem => match key {
            "$ref" => SCALAR,
            "get" | "put" | "post" | "delete" | "options" | "head" | "patch" => {
                Some(Obj(K::Operation))
            }
            "parameters" => Some(List(Elem::Obj(K::Parameter))),
            _ => None,
        },
        K::Operation => match key {
            "summary" | "description" | "operationId" | "deprecated" => SCALAR,
            "tags" | "consumes" | "produces" | "schemes" => Some(List(Elem::Scalar)),
            "externalDocs" => Some(Obj(K::ExternalDocs)),
            "parameters" => Some(List(Elem::Obj(K::Parameter))),
            "responses" => Some(Obj(K::Responses)),
            "security" => Some(List(Elem::Obj(K::SecurityRequirement))),
            _ => None,
        },
        K::Parameter => match key {
            "name" | "in" | "description" | "required" | "allowEmptyValue" | "$ref" => SCALAR,
            "schema" => Some(Obj(K::Schema)),
            _ => primitive_field(key),
        },
        K::Items => primitive_field(key),
        K::Header => match key {
            "description" => SCALAR,
            _ => primitive_field(key),
        },
        K::Responses => (key == "default" || is_status_code(key)).then_some(Obj(K::Response)),
        K::Response => match key {
            "description" | "$ref" => SCALAR,
            "schema" => Some(Obj(K::Schema)),
            "headers" => Some(Obj(K::Headers)),
            "examples" => Some(Obj(K::Examples)),
            _ => None,
        },
        K::Headers => Some(Obj(K::Header)),
        K::Schema => match key {
            "$ref" | "format" | "title" | "description" | "multipleOf" | "maximum"
            | "exclusiveMaximum" | "minimum" | "exclusiveMinimum" | "maxLength" | "minLength"
            | "pattern" | "maxItems" | "minItems" | "uniqueItems" | "maxProperties"
            | "minProperties" | "discriminator" | "readOnly" => SCALAR,
            "type" => Some(ScalarOrList),
            "default" | "example" => Some(Any),
            "required" => Some(List(Elem::Scalar)),
            "enum" => Some(List(Elem::Any)),
            "additionalProperties" => Some(BoolOrObj(K::Schema)),
            "items" => Some(ObjOrList(K::Schema)),
            "allOf" => Some(List(Elem::Obj(K::Schema))),
            "properties" => Some(Obj(K::SchemaMap)),
            "xml" => Some(Obj(K::Xml)),
            "externalDocs" => Some(Obj(K::ExternalDocs)),
            _ => None,
        },
        K::SchemaMap => Some(Obj(K::Schema)),
        K::ParameterMap => Some(Obj(K::Parameter)),
        K::ResponseMap => Some(Obj(K::Response)),
        K::SecurityDefinitions => Some(Obj(K::SecurityScheme)),
        K::SecurityScheme => match key {
            "type" | "description" | "name" | "in" | "flow" | "authorizationUrl" | "tokenUrl" => {
                SCALAR
            }
            "scopes" => Some(Obj(K::Scopes)),
            _ => None,
        },
        K::Scopes => SCALAR,
        K::SecurityRequirement => Some(List(Elem::Scalar)),
        K::Tag => match key {
            "name" | "description" => SCALAR,
            "externalDocs" => Some(Obj(K::ExternalDocs)),
            _ => None,
        },
        K::ExternalDocs => matches!(key, "description" | "url").then_some(Scalar),
        K::Xml => matches!(
            key,
            "name" | "namespace" | "prefix" | "attribute" | "wrapped"
        )
        .then_some(Scalar),
        K::Examples | K::Any => Some(Any),
    }
}

/// The expected value of a JSON Schema (or OpenAPI 3) keyword that Swagger 2.0's schema object
/// leaves out (`additionalItems`, `oneOf`, `nullable`, ...). Authors write them anyway; recovery keeps them in the schema
/// they were written in, and [`check`] reports them.
pub fn json_schema_only_field(key: &str) -> Option<Expect> {
    use Expect::*;
    match key {
        "additionalItems" => Some(BoolOrObj(Kind::Schema)),
        "patternProperties" => Some(Obj(Kind::SchemaMap)),
        "oneOf" | "anyOf" => Some(List(Elem::Obj(Kind::Schema))),
        "not" | "contains" | "propertyNames" => Some(Obj(Kind::Schema)),
        "dependencies" => Some(Obj(Kind::Any)),
        "const" => Some(Any),
        "nullable" => SCALAR,
        _ => None,
    }
}

/// True when OpenAPI 3 gives `kind` the field `key` and Swagger 2.0 does not: specs moving
/// between the two write `components:` at the root or `requestBody:` in an operation.
pub fn openapi3_field(kind: Kind, key: &str) -> bool {
    match kind {
        Kind::Root => matches!(key, "openapi" | "components" | "servers"),
        Kind::PathItem => matches!(key, "servers" | "summary" | "description"),
        Kind::Operation => matches!(key, "requestBody" | "callbacks" | "servers"),
        Kind::Response => matches!(key, "content" | "links"),
        _ => false,
    }
}

/// True when the kind takes names chosen by the author rather than fixed field names.
pub fn is_open(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Paths
            | Kind::Responses
            | Kind::Headers
            | Kind::SchemaMap
            | Kind::ParameterMap
            | Kind::ResponseMap
            | Kind::SecurityDefinitions
            | Kind::Scopes
            | Kind::SecurityRequirement
            | Kind::Examples
            | Kind::Any
    )
}

/// True when `key` is one of the fixed field names of `kind` (not a pattern or free name).
pub fn is_fixed_field(kind: Kind, key: &str) -> bool {
    !is_open(kind) && !key.starts_with("x-") && field(kind, key).is_some()
}

fn is_status_code(key: &str) -> bool {
    key.len() == 3 && key.bytes().all(|b| b.is_ascii_digit())
}

/// Reports keys and values that the Swagger 2.0 grammar does not allow (`swagger.unknown-field`,
/// `swagger.invalid-value`, `swagger.missing-field`).
pub fn check(root: &Node) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if root.as_map().is_none() {
        out.push(
            Diagnostic::error(
                "swagger.not-a-document",
                format!(
                    "a Swagger 2.0 document is a mapping, this file holds a {}",
                    root.kind()
                ),
            )
            .at(root.pos),
        );
        return out;
    }
    match root.get("swagger").and_then(Node::scalar_text) {
        Some(v) if v == "2.0" => {}
        Some(v) => out.push(
            Diagnostic::error(
                "swagger.version",
                format!("`swagger: {v}` is not Swagger 2.0"),
            )
            .at(root.get("swagger").map(|n| n.pos).unwrap_or(root.pos))
            .path("swagger")
            .hint("molde reads Swagger 2.0 documents (`swagger: '2.0'`)"),
        ),
        None => out.push(
            Diagnostic::error(
                "swagger.missing-field",
                "the document has no `swagger: '2.0'` field",
            )
            .at(root.pos)
            .hint("is this a Swagger 2.0 document?"),
        ),
    }
    if root.get("paths").is_none() {
        out.push(
            Diagnostic::error("swagger.missing-field", "the document has no `paths`").at(root.pos),
        );
    }
    // Iterative walk: (node, kind, model path).
    let mut pending: Vec<(&Node, Expect, String)> =
        vec![(root, Expect::Obj(Kind::Root), String::new())];
    while let Some((node, expect, path)) = pending.pop() {
        check_value(node, expect, &path, &mut pending, &mut out);
    }
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn check_value<'a>(
    node: &'a Node,
    expect: Expect,
    path: &str,
    pending: &mut Vec<(&'a Node, Expect, String)>,
    out: &mut Vec<Diagnostic>,
) {
    let is_scalar = !matches!(node.value, Value::Seq(_) | Value::Map(_));
    let ok = match expect {
        Expect::Any => true,
        Expect::Scalar => is_scalar && !node.is_null(),
        Expect::ScalarOrList => !matches!(node.value, Value::Map(_) | Value::Null),
        Expect::Obj(kind) => {
            if let Some(entries) = node.as_map() {
                for e in entries {
                    match field(kind, &e.key) {
                        Some(inner) => pending.push((&e.value, inner, join(path, &e.key))),
                        None => out.push(unknown_field(kind, &e.key, e.key_pos, path)),
                    }
                }
                true
            } else {
                false
            }
        }
        Expect::List(elem) => {
            if let Some(items) = node.as_seq() {
                for (i, item) in items.iter().enumerate() {
                    let inner = match elem {
                        Elem::Scalar => Expect::Scalar,
                        Elem::Obj(k) => Expect::Obj(k),
                        Elem::Any => Expect::Any,
                    };
                    pending.push((item, inner, join(path, &i.to_string())));
                }
                true
            } else {
                false
            }
        }
        Expect::BoolOrObj(kind) => {
            node.as_bool().is_some() || {
                if node.as_map().is_some() {
                    pending.push((node, Expect::Obj(kind), path.to_string()));
                    true
                } else {
                    false
                }
            }
        }
        Expect::ObjOrList(kind) => {
            if node.as_map().is_some() {
                pending.push((node, Expect::Obj(kind), path.to_string()));
                true
            } else if node.as_seq().is_some() {
                pending.push((node, Expect::List(Elem::Obj(kind)), path.to_string()));
                true
            } else {
                false
            }
        }
    };
    if !ok {
        let wanted = match expect {
            Expect::Scalar => "a string, number or boolean",
            Expect::ScalarOrList => "a type name or a list of them",
            Expect::Obj(_) => "a mapping",
            Expect::List(_) => "a list",
            Expect::BoolOrObj(_) => "a boolean or a schema",
            Expect::ObjOrList(_) => "a schema or a list of schemas",
            Expect::Any => "a value",
        };
        out.push(
            Diagnostic::error(
                "swagger.invalid-value",
                format!(
                    "`{}` must be {wanted}, found {}",
                    path.rsplit('.').next().unwrap_or(path),
                    node.kind()
                ),
            )
            .at(node.pos)
            .path(path),
        );
    }
}

fn unknown_field(kind: Kind, key: &str, pos: crate::tree::Pos, path: &str) -> Diagnostic {
    let what = match kind {
        Kind::Paths => "a path must start with `/`".to_string(),
        Kind::Responses => "a response key is a three-digit status code or `default`".to_string(),
        _ => format!("`{key}` is not a field of a Swagger 2.0 {kind:?} object"),
    };
    let d = Diagnostic::error(
        "swagger.unknown-field",
        format!("unknown field `{key}`: {what}"),
    )
    .at(pos)
    .path(join(path, key));
    let hint = match (kind, key) {
        (Kind::Schema, _) if json_schema_only_field(key).is_some() => Some(format!(
            "`{key}` is JSON Schema but not part of Swagger 2.0's schema object; use an `x-` extension or remove it"
        )),
        _ => None,
    };
    match hint {
        Some(h) => d.hint(h),
        None => d.hint("prefix vendor extensions with `x-`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::yaml::parse;

    #[test]
    fn unknown_schema_keyword_is_reported() {
        let doc = parse(
            "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  A:\n    type: array\n    additionalItems: false\n",
        )
        .unwrap()
        .root;
        let diags = check(&doc);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, "swagger.unknown-field");
        assert_eq!(diags[0].path, "definitions.A.additionalItems");
        assert_eq!(diags[0].line, 7);
    }

    #[test]
    fn fixed_fields() {
        assert_eq!(
            field(Kind::Schema, "properties"),
            Some(Expect::Obj(Kind::SchemaMap))
        );
        assert_eq!(
            field(Kind::Responses, "200"),
            Some(Expect::Obj(Kind::Response))
        );
        assert_eq!(field(Kind::Responses, "ok"), None);
        assert!(is_fixed_field(Kind::Operation, "responses"));
        assert!(!is_fixed_field(Kind::SchemaMap, "type"));
    }
}
