//! The common model every reader produces and every lint and emitter consumes (DESIGN.md,
//! "The common model"). It is plain data: `molde model` prints it as JSON.
//!
//! Every element keeps the [`Pos`] it was read from, and every [`Schema`] its [`ModelPath`]
//! (`definitions.DomicilioPeticion.properties.estado`), so lints and example checks can point
//! back at the spec without reading it again.

mod path;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Number;

use crate::diag::Diagnostic;
use crate::tree::{Node, Pos};

pub use crate::read::catalogue::{CatalogueRow, CatalogueTable};
pub use path::ModelPath;

/// `x-` extensions as written, by key.
pub type Extensions = BTreeMap<String, serde_json::Value>;

/// One spec: its metadata, named types (in file order), operations, examples and what the
/// reader noticed on the way.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Spec {
    pub title: String,
    pub version: String,
    /// The file as given on the command line or in molde.toml.
    pub source: String,
    /// What kind of document it was read from.
    pub format: SourceFormat,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_path: Option<String>,
    pub types: Vec<NamedType>,
    pub operations: Vec<Operation>,
    pub examples: Vec<Example>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: Extensions,
    pub diagnostics: Vec<Diagnostic>,
}

/// The kinds of document molde reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceFormat {
    /// Swagger 2.0, YAML (indented or stripped) or JSON.
    #[default]
    Swagger,
    /// A markdown page with field tables (a GitBook page, say).
    Markdown,
    /// A plain-text document with tab-separated field tables.
    Text,
}

impl SourceFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Swagger => "swagger",
            SourceFormat::Markdown => "markdown",
            SourceFormat::Text => "text",
        }
    }

    /// True for the field-table documents (markdown and plain text).
    pub fn is_field_table(self) -> bool {
        !matches!(self, SourceFormat::Swagger)
    }
}

/// A type with a name of its own (a Swagger `definitions` entry).
#[derive(Clone, Debug, Serialize)]
pub struct NamedType {
    pub name: String,
    /// Where the name is declared.
    pub pos: Pos,
    pub schema: Schema,
}

/// A type as written at one place of the spec, with what the spec says around it.
#[derive(Clone, Debug, Serialize)]
pub struct Schema {
    #[serde(rename = "type")]
    pub ty: Type,
    /// Where this schema is written, e.g. `definitions.Persona.properties.domicilio`.
    pub path: ModelPath,
    pub pos: Pos,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where `description` starts (lints point at catalogue tables through it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_pos: Option<Pos>,
    /// `x-nullable: true` (Swagger 2 has no `nullable`).
    #[serde(skip_serializing_if = "is_false")]
    pub nullable: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub read_only: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    /// Where `default` is written (its lint points there).
    #[serde(skip)]
    pub default_pos: Option<Pos>,
    #[serde(skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: Extensions,
}

impl Schema {
    /// A schema of type `ty` with nothing else said about it.
    pub fn new(ty: Type, path: ModelPath, pos: Pos) -> Self {
        Schema {
            ty,
            path,
            pos,
            title: None,
            description: None,
            description_pos: None,
            nullable: false,
            read_only: false,
            default: None,
            default_pos: None,
            constraints: Constraints::default(),
            extensions: Extensions::new(),
        }
    }

    /// The schemas directly inside this one (fields, items, map values), in order.
    pub fn children(&self) -> Vec<&Schema> {
        match &self.ty {
            Type::Object(object) => {
                let mut out: Vec<&Schema> = object.fields.iter().map(|f| &f.schema).collect();
                if let UnknownMembers::Map(values) = &object.unknown_members {
                    out.push(values);
                }
                out
            }
            Type::Array(array) => vec![&array.items],
            Type::Enum(_) | Type::Scalar { .. } | Type::Ref(_) | Type::Recursive(_) | Type::Any => {
                Vec::new()
            }
        }
    }
}

/// What values a schema admits.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Type {
    Object(ObjectType),
    Enum(EnumType),
    Array(ArrayType),
    Scalar {
        #[serde(rename = "type")]
        ty: ScalarKind,
    },
    /// A named type of the same spec.
    Ref(TypeRef),
    /// The same schema as an enclosing one written inline: a recursive type without a name of
    /// its own (a `Cat` whose `siblings` are items of `allOf: [{rank}, {$ref: Cat}]` has items
    /// whose `siblings` are again such items).
    Recursive(SchemaLink),
    /// The spec says nothing about the value (`{}`, or a shape molde could not read).
    Any,
}

impl Type {
    /// The scalar kind of a scalar or enum, `None` for the others.
    pub fn scalar_kind(&self) -> Option<ScalarKind> {
        match self {
            Type::Scalar { ty } => Some(*ty),
            Type::Enum(e) => Some(e.base),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ScalarKind {
    String,
    Integer,
    Number,
    Boolean,
    /// Swagger 2 `type: file` (formData uploads).
    File,
}

impl ScalarKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ScalarKind::String => "string",
            ScalarKind::Integer => "integer",
            ScalarKind::Number => "number",
            ScalarKind::Boolean => "boolean",
            ScalarKind::File => "file",
        }
    }

    pub fn is_numeric(self) -> bool {
        matches!(self, ScalarKind::Integer | ScalarKind::Number)
    }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct ObjectType {
    /// Fields in the order the spec declares them (`allOf` members first).
    pub fields: Vec<Field>,
    /// `required` as written, with positions; names no field declares are kept (a lint reports them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<Name>,
    pub unknown_members: UnknownMembers,
    /// Named types merged in through `allOf`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub all_of: Vec<TypeRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discriminator: Option<Name>,
}

impl ObjectType {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// What an object says about members it does not declare (`additionalProperties`).
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "schema")]
pub enum UnknownMembers {
    /// Allowed, whatever they hold (Swagger's default).
    #[default]
    Open,
    /// `additionalProperties: false`.
    Closed,
    /// `additionalProperties: {schema}`: a map whose values have this type.
    Map(Box<Schema>),
}

/// A member of an object.
#[derive(Clone, Debug, Serialize)]
pub struct Field {
    /// The wire name, exactly as written.
    pub name: String,
    /// Where the name is declared.
    pub pos: Pos,
    pub required: bool,
    pub schema: Schema,
}

/// A name with the place it was written (an item of `required`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Name {
    pub name: String,
    pub pos: Pos,
}

#[derive(Clone, Debug, Serialize)]
pub struct EnumType {
    /// The type of the values: the declared `type`, or inferred from the values.
    pub base: ScalarKind,
    pub values: Vec<EnumValue>,
    /// Where `enum` is written.
    pub pos: Pos,
    /// The catalogue tables of the description, in order: the first is the type's own (it gave
    /// the values their labels); lints compare it with the values. Not serialized: the labels
    /// carry what it says.
    #[serde(skip)]
    pub catalogue: Vec<CatalogueTable>,
}

#[derive(Clone, Debug, Serialize)]
pub struct EnumValue {
    pub value: serde_json::Value,
    /// From the catalogue table of the description (`AB | Automotriz Bancario |`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub pos: Pos,
}

impl EnumValue {
    /// The value as the code a catalogue table would list (`'AB'` and `1` give "AB" and "1").
    pub fn code(&self) -> String {
        match &self.value {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ArrayType {
    pub items: Box<Schema>,
}

/// A reference to a named type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TypeRef {
    /// The named type (`CatalogoEstados`).
    pub name: String,
    /// The `$ref` as written (`#/definitions/CatalogoEstados`).
    pub pointer: String,
    /// Where the `$ref` value is written.
    pub pos: Pos,
}

/// A schema written further out that a [`Type::Recursive`] stands for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SchemaLink {
    /// The [`Schema::path`] of the schema it is the same as.
    pub path: ModelPath,
    /// Where the reference that closes the loop is written.
    pub pos: Pos,
}

/// A keyword's value, where it was written, and whether JSON Schema can apply it to the
/// schema's type (`minLength` on an integer cannot: emitters leave such keywords out).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Keyword<T> {
    pub value: T,
    pub pos: Pos,
    #[serde(skip_serializing_if = "is_true")]
    pub applicable: bool,
}

impl<T> Keyword<T> {
    pub fn new(value: T, pos: Pos) -> Self {
        Keyword {
            value,
            pos,
            applicable: true,
        }
    }
}

/// The validation keywords of a schema, named as in JSON Schema.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Constraints {
    /// In Unicode code points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<Keyword<u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<Keyword<u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<Keyword<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<Keyword<Format>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<Keyword<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<Keyword<Number>>,
    /// Swagger 2 / draft-04 style: `minimum` itself is excluded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclusive_minimum: Option<Keyword<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclusive_maximum: Option<Keyword<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiple_of: Option<Keyword<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_items: Option<Keyword<u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<Keyword<u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unique_items: Option<Keyword<bool>>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }

    /// Each keyword present, by its JSON Schema name, with its position and applicability.
    pub fn keywords(&self) -> Vec<(&'static str, Pos, bool)> {
        fn put<T>(
            out: &mut Vec<(&'static str, Pos, bool)>,
            name: &'static str,
            k: &Option<Keyword<T>>,
        ) {
            if let Some(k) = k {
                out.push((name, k.pos, k.applicable));
            }
        }
        let mut out = Vec::new();
        put(&mut out, "minLength", &self.min_length);
        put(&mut out, "maxLength", &self.max_length);
        put(&mut out, "pattern", &self.pattern);
        put(&mut out, "format", &self.format);
        put(&mut out, "minimum", &self.minimum);
        put(&mut out, "maximum", &self.maximum);
        put(&mut out, "exclusiveMinimum", &self.exclusive_minimum);
        put(&mut out, "exclusiveMaximum", &self.exclusive_maximum);
        put(&mut out, "multipleOf", &self.multiple_of);
        put(&mut out, "minItems", &self.min_items);
        put(&mut out, "maxItems", &self.max_items);
        put(&mut out, "uniqueItems", &self.unique_items);
        out
    }
}

/// A `format`: the one molde checks (`date`) and, when the spec wrote something else
/// (`yyyy-MM-dd`), what it wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Format {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written: Option<String>,
}

/// An HTTP operation.
#[derive(Clone, Debug, Serialize)]
pub struct Operation {
    /// Upper case: `POST`.
    pub method: String,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Header, query, path and formData parameters (body is [`Operation::body`]).
    pub parameters: Vec<Parameter>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    pub responses: Vec<Response>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub consumes: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub produces: Vec<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: Extensions,
    /// How clients authenticate, as the document says it (a field-table page's
    /// `Tipo de Autenticación: Basic`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authentication: Option<String>,
    /// Where the method key is written.
    pub pos: Pos,
}

impl Operation {
    /// `POST /aportantes`, as operations are named in messages and on the command line.
    pub fn label(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    pub fn response(&self, status: &str) -> Option<&Response> {
        self.responses.iter().find(|r| r.status == status)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Location {
    Header,
    Query,
    Path,
    FormData,
}

/// A non-body parameter (or a response header).
#[derive(Clone, Debug, Serialize)]
pub struct Parameter {
    pub name: String,
    #[serde(rename = "in")]
    pub location: Location,
    pub required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection_format: Option<String>,
    /// Type, description and constraints of the parameter's value.
    pub schema: Schema,
    pub pos: Pos,
}

/// The `in: body` parameter.
#[derive(Clone, Debug, Serialize)]
pub struct Body {
    pub name: String,
    pub required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub schema: Schema,
    pub pos: Pos,
}

#[derive(Clone, Debug, Serialize)]
pub struct Response {
    /// `200`, `4XX` or `default`, as written.
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<Schema>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<Parameter>,
    pub pos: Pos,
}

/// An example value the spec gives, and what it is an example of.
#[derive(Clone, Debug, Serialize)]
pub struct Example {
    pub of: ExampleOf,
    /// Where it is declared: `definitions.X.example`,
    /// `paths./a.post.responses.400.examples.application/json`.
    pub path: ModelPath,
    pub value: serde_json::Value,
    pub pos: Pos,
    /// The value as read, with the position of every member, so that a violation deep inside
    /// it is reported at its own line.
    #[serde(skip)]
    pub tree: Node,
    /// The refusal status the document says this example gets (`Status Code 400` or `422`
    /// before a payload in a description): it is expected not to fit its schema.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fails_with: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ExampleOf {
    /// The `example` of a named type.
    Type { name: String },
    /// The `example` of a schema that has no name (a property, array items, a body schema):
    /// see [`Spec::schema_at`].
    Schema { path: ModelPath },
    /// A response's `examples`, by mime type.
    Response {
        method: String,
        path: String,
        status: String,
        mime: String,
    },
}

impl Spec {
    /// The named type `name`.
    pub fn type_named(&self, name: &str) -> Option<&NamedType> {
        self.types.iter().find(|t| t.name == name)
    }

    /// The operation `method path` (method in any case).
    pub fn operation(&self, method: &str, path: &str) -> Option<&Operation> {
        self.operations
            .iter()
            .find(|o| o.method.eq_ignore_ascii_case(method) && o.path == path)
    }

    /// Every schema of the spec, named types first, each before the schemas inside it.
    pub fn schemas(&self) -> Vec<&Schema> {
        let mut roots: Vec<&Schema> = self.types.iter().map(|t| &t.schema).collect();
        for op in &self.operations {
            roots.extend(op.parameters.iter().map(|p| &p.schema));
            roots.extend(op.body.iter().map(|b| &b.schema));
            for response in &op.responses {
                roots.extend(response.schema.iter());
                roots.extend(response.headers.iter().map(|h| &h.schema));
            }
        }
        // Iterative, so a deeply nested spec cannot overflow the stack.
        let mut out = Vec::new();
        let mut pending: Vec<&Schema> = roots.into_iter().rev().collect();
        while let Some(schema) = pending.pop() {
            out.push(schema);
            pending.extend(schema.children().into_iter().rev());
        }
        out
    }

    /// The schema at a model path (`definitions.X.properties.y`), as [`ExampleOf::Schema`] names it.
    pub fn schema_at(&self, path: &ModelPath) -> Option<&Schema> {
        self.schemas().into_iter().find(|s| s.path == *path)
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_true(b: &bool) -> bool {
    *b
}
