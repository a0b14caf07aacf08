//! JSON Schema 2020-12 from the common model: the contract between build time and run time
//! (DESIGN.md). One document per spec; every named type under `$defs` in model order, and a
//! `$defs` entry for each operation body or response whose schema is not just a reference to a
//! named type ([`operation_def_name`]).
//!
//! Only the validation keywords the molde validator implements are emitted (`type`, `properties`,
//! `required`, `additionalProperties`, `items`, `enum`, `minLength`, `maxLength`, `minimum`,
//! `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`, `pattern`, `minItems`,
//! `maxItems`, `uniqueItems`, local `$ref`, `allOf`, `anyOf`, `format`); everything else the model
//! knows becomes an annotation (`title`, `description`, `default`, `examples`, `readOnly`) or an
//! `x-` keyword:
//!
//! - `x-enumLabels`: the catalogue label of each enum value, by the value as a string.
//! - `x-undeclaredRequired`: names in the spec's `required` that no property declares (the
//!   `required.undeclared` lint). They are kept out of `required`: a payload with only the
//!   members the spec describes lacks them, so `required` would reject every such payload.
//! - `x-allOf`: the named types an object's `allOf` merged in. The model has merged their fields
//!   and `required` into the object, which `properties` and `required` say in full, so `allOf`
//!   itself is not emitted: re-checking each member would check every merged field twice (and
//!   a chain of diamonds exponentially often), and a closed member would reject the fields the
//!   others bring.
//! - A recursive type written inline (the model's `Type::Recursive`) is a `$ref` to the schema
//!   it repeats, by its JSON pointer in this document (`#/$defs/Cat/properties/siblings/items`).
//! - `x-unresolvedRef`: a `$ref` to a definition the spec lacks (`ref.dangling`, an error of
//!   `molde check`): the value is left unconstrained, as the reader leaves references it cannot
//!   follow, so the document still compiles.
//! - `x-discriminator`, `x-swaggerType: file`, and the spec's own `x-` extensions as written.
//!
//! A nullable schema (`x-nullable`) lists `null` in `type` (`["string", "null"]`) and in `enum`;
//! a nullable reference is `anyOf: [{"$ref": ..}, {"type": "null"}]`.
//!
//! The output is deterministic: no timestamps, members in model order, and values the spec wrote
//! (defaults, examples, extensions) with their object members sorted.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value as Json;

use crate::model::{
    Constraints, ExampleOf, Keyword, ModelPath, ObjectType, Operation, ScalarKind, Schema, Spec,
    Type, TypeRef, UnknownMembers,
};
use crate::tree::Pos;

/// The dialect every emitted document declares in `$schema`.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The Swagger extensions the reader turns into [`Schema::nullable`].
const NULLABLE_EXTENSIONS: [&str; 2] = ["x-nullable", "x-isnullable"];

/// Which payload of an operation: its request body, or its response for a status as written
/// (`200`, `4XX`, `default`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Request,
    Response(String),
}

/// The JSON Schema of `spec`.
///
/// Object members come out in model order only when serde_json's `preserve_order` feature is
/// on; [`to_json_schema_string`] keeps that order either way.
pub fn to_json_schema(spec: &Spec) -> Json {
    serde_json::to_value(Emitter::new(spec).document())
        .expect("an emitted schema has string keys and finite numbers, so it always serializes")
}

/// [`to_json_schema`] pretty-printed, members in model order, with a trailing newline: the text
/// of `schemas/json/*.json`.
///
/// ```
/// let spec = molde_codegen::check_bytes(
///     "demo.yaml",
///     b"swagger: '2.0'\ninfo: {title: Demo, version: '1'}\npaths: {}\ndefinitions:\n  Code: {type: string, maxLength: 2}\n",
///     &[],
/// ).spec.unwrap();
/// let text = molde_codegen::emit::json_schema::to_json_schema_string(&spec);
/// assert!(text.contains(r#""Code": {
///       "type": "string",
///       "maxLength": 2
///     }"#));
/// assert!(text.ends_with("}\n"));
/// ```
pub fn to_json_schema_string(spec: &Spec) -> String {
    let mut text = serde_json::to_string_pretty(&Emitter::new(spec).document())
        .expect("an emitted schema has string keys and finite numbers, so it always serializes");
    text.push('\n');
    text
}

/// The name of the `$defs` entry for an operation's request body or response: the operationId,
/// else the method and path, then the part (`getVantageAportantes.request`,
/// `getReporte.response.200`, `post_personas_id.response.default`).
///
/// Two operations with the same operationId get the same name (as does a named type called
/// `x.request`); `molde check` does not yet report such clashes, and the later definition wins.
pub fn operation_def_name(op: &Operation, part: Part) -> String {
    let base = match &op.operation_id {
        Some(id) => id.clone(),
        None => {
            // `POST /personas/{id}` -> `post_personas_id`: characters a URI fragment would
            // have to percent-encode are left out, so the pointer reads as the name.
            let mut name = op.method.to_ascii_lowercase();
            for segment in op.path.split('/').filter(|s| !s.is_empty()) {
                name.push('_');
                name.extend(segment.chars().filter_map(|c| match c {
                    '{' | '}' => None,
                    c if c.is_ascii_alphanumeric() || c == '-' || c == '_' => Some(c),
                    _ => Some('_'),
                }));
            }
            name
        }
    };
    match part {
        Part::Request => format!("{base}.request"),
        Part::Response(status) => format!("{base}.response.{status}"),
    }
}

/// The JSON pointer, within the document [`to_json_schema`] emits for `spec`, of the schema an
/// operation's request body or response must satisfy: the named type's definition when the
/// operation's schema is just a reference to it, else the operation's own definition. `None`
/// when the operation has no such body or response, or it declares no schema.
///
/// ```
/// let spec = molde_codegen::check_bytes("demo.yaml", b"swagger: '2.0'
/// info: {title: Demo, version: '1'}
/// paths:
///   /noAportantes:
///     post:
///       operationId: getVantageNoAportantes
///       parameters:
///         - {name: body, in: body, schema: {$ref: '#/definitions/NoAportantesPeticion'}}
///       responses:
///         '200': {description: OK, schema: {type: array, items: {type: string}}}
/// definitions:
///   NoAportantesPeticion: {type: object}
/// ", &[]).spec.unwrap();
/// let op = spec.operation("POST", "/noAportantes").unwrap();
/// use molde_codegen::emit::json_schema::{entry_pointer, Part};
/// assert_eq!(entry_pointer(&spec, op, Part::Request).unwrap(), "#/$defs/NoAportantesPeticion");
/// assert_eq!(
///     entry_pointer(&spec, op, Part::Response("200".into())).unwrap(),
///     "#/$defs/getVantageNoAportantes.response.200"
/// );
/// assert_eq!(entry_pointer(&spec, op, Part::Response("404".into())), None);
/// ```
pub fn entry_pointer(spec: &Spec, op: &Operation, part: Part) -> Option<String> {
    let schema = match &part {
        Part::Request => &op.body.as_ref()?.schema,
        Part::Response(status) => op.response(status)?.schema.as_ref()?,
    };
    Some(match named_target(spec, schema) {
        Some(name) => def_pointer(name),
        None => def_pointer(&operation_def_name(op, part)),
    })
}

/// The `$ref` value for the `$defs` entry `name`: a JSON pointer (RFC 6901, `~` and `/`
/// escaped) in a URI fragment (percent-encoded where RFC 3986 requires it).
///
/// ```
/// use molde_codegen::emit::json_schema::def_pointer;
/// assert_eq!(def_pointer("getReporte.response.200"), "#/$defs/getReporte.response.200");
/// assert_eq!(def_pointer("a/b c"), "#/$defs/a~1b%20c");
/// ```
pub fn def_pointer(name: &str) -> String {
    let mut out = String::from("#/$defs/");
    for c in name.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c if c.is_ascii_alphanumeric() || "-._!$&'()*+,;=:@".contains(c) => out.push(c),
            c => {
                let mut bytes = [0; 4];
                for b in c.encode_utf8(&mut bytes).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    out
}

/// The file name of the schema emitted for the spec at `source`: its file name with the
/// extension replaced by `.json`.
///
/// ```
/// use molde_codegen::emit::json_schema::schema_file_name;
/// assert_eq!(schema_file_name("schemas/vantage.swagger.yaml".as_ref()), "vantage.swagger.json");
/// ```
pub fn schema_file_name(source: &Path) -> String {
    let stem = source.file_stem().unwrap_or(source.as_os_str());
    format!("{}.json", stem.to_string_lossy())
}

/// The named type a schema refers to when it is nothing but a reference to one that exists
/// (annotations beside a Swagger `$ref` are ignored, as Swagger ignores them).
fn named_target<'a>(spec: &Spec, schema: &'a Schema) -> Option<&'a str> {
    match &schema.ty {
        Type::Ref(r)
            if !schema.nullable
                && schema.constraints.is_empty()
                && spec.type_named(&r.name).is_some() =>
        {
            Some(&r.name)
        }
        _ => None,
    }
}

/// A JSON value whose object members keep the order they were added in (serde_json sorts them
/// unless its `preserve_order` feature is on, and molde does not turn it on).
enum Emitted {
    /// A value the spec wrote; its object members are serialized sorted.
    Json(Json),
    Object(Members),
    List(Vec<Emitted>),
    /// The `$ref` value of a link to the schema at this model path, until the whole document
    /// is emitted and its place is known.
    Link(ModelPath),
}

#[derive(Default)]
struct Members(Vec<(String, Emitted)>);

impl Members {
    fn put(&mut self, key: &str, value: impl Into<Emitted>) {
        self.0.push((key.to_string(), value.into()));
    }

    /// Puts `key`, replacing the value of an earlier `key` in its place (JSON keys are unique).
    fn replace(&mut self, key: &str, value: impl Into<Emitted>) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, old)) => *old = value.into(),
            None => self.put(key, value),
        }
    }

    fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }
}

impl From<Json> for Emitted {
    fn from(value: Json) -> Self {
        Emitted::Json(value)
    }
}

impl From<Members> for Emitted {
    fn from(members: Members) -> Self {
        Emitted::Object(members)
    }
}

impl From<Vec<Emitted>> for Emitted {
    fn from(items: Vec<Emitted>) -> Self {
        Emitted::List(items)
    }
}

impl From<&str> for Emitted {
    fn from(text: &str) -> Self {
        Emitted::Json(Json::from(text))
    }
}

impl Serialize for Emitted {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Emitted::Json(value) => Sorted(value).serialize(serializer),
            Emitted::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.0.len()))?;
                for (key, value) in &members.0 {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
            Emitted::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            // Resolved by `Emitter::link` before any document is serialized.
            Emitted::Link(_) => serializer.serialize_str("#"),
        }
    }
}

/// A value with its object members sorted by key, whatever serde_json's features, so the
/// output cannot depend on how a build resolved them.
struct Sorted<'a>(&'a Json);

impl Serialize for Sorted<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Json::Object(members) => {
                let mut sorted: Vec<(&String, &Json)> = members.iter().collect();
                sorted.sort_by_key(|(k, _)| *k);
                let mut map = serializer.serialize_map(Some(sorted.len()))?;
                for (key, value) in sorted {
                    map.serialize_entry(key, &Sorted(value))?;
                }
                map.end()
            }
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Sorted(item))?;
                }
                seq.end()
            }
            scalar => scalar.serialize(serializer),
        }
    }
}

/// Where each schema of the model was emitted: the JSON pointer (within the document) of each
/// [`Schema::path`], and back. A schema merged into several objects through `allOf` is emitted
/// in each; the index keeps the first place, in document order.
#[derive(Debug, Default, Clone)]
pub(crate) struct SchemaIndex {
    by_path: HashMap<ModelPath, String>,
    by_pointer: HashMap<String, (ModelPath, Pos)>,
}

impl SchemaIndex {
    /// The pointer (`/$defs/X/properties/y`, without `#`) where the schema at `path` was emitted.
    pub(crate) fn pointer(&self, path: &ModelPath) -> Option<&str> {
        self.by_path.get(path).map(String::as_str)
    }

    /// The model path and position of the schema emitted at `pointer` (without `#`).
    pub(crate) fn schema_at(&self, pointer: &str) -> Option<&(ModelPath, Pos)> {
        self.by_pointer.get(pointer)
    }

    fn record(&mut self, schema: &Schema, pointer: &str) {
        self.by_pointer
            .entry(pointer.to_string())
            .or_insert_with(|| (schema.path.clone(), schema.pos));
        // A link stands for the schema it repeats: it must not become that schema's place.
        if !matches!(schema.ty, Type::Recursive(_)) {
            self.by_path
                .entry(schema.path.clone())
                .or_insert_with(|| pointer.to_string());
        }
    }
}

/// The document of [`to_json_schema`] with the [`SchemaIndex`] of where each schema went.
pub(crate) fn to_json_schema_indexed(spec: &Spec) -> (Json, SchemaIndex) {
    let emitter = Emitter::new(spec);
    let document = emitter.document();
    let index = emitter.index.into_inner();
    let json = serde_json::to_value(&document)
        .expect("an emitted schema has string keys and finite numbers, so it always serializes");
    (json, index)
}

/// Documents for schemas of `spec` that have no place of their own in the emitted document (a
/// parameter's or header's): the spec's document with one such schema added under `$defs`.
/// The spec's document is emitted once, on first use, however many schemas ask.
pub(crate) struct ExtraDefinitions<'a> {
    spec: &'a Spec,
    emitted: std::cell::OnceCell<Option<(Emitter<'a>, Json)>>,
}

impl<'a> ExtraDefinitions<'a> {
    pub(crate) fn new(spec: &'a Spec) -> Self {
        ExtraDefinitions {
            spec,
            emitted: std::cell::OnceCell::new(),
        }
    }

    /// The document with `schema` added as `name`; `None` when `name` is already taken.
    pub(crate) fn document(&self, schema: &Schema, name: &str) -> Option<Json> {
        let (emitter, base) = self
            .emitted
            .get_or_init(|| {
                let emitter = Emitter::new(self.spec);
                let document = emitter.document();
                let base = serde_json::to_value(&document).ok()?;
                Some((emitter, base))
            })
            .as_ref()?;
        if base
            .get("$defs")
            .is_none_or(|defs| defs.get(name).is_some())
        {
            return None;
        }
        let pointer = format!("/$defs/{}", escape_token(name));
        // Where this schema's parts go is recorded for its links only: the next schema added
        // starts from the spec's own index again.
        let saved = emitter.index.borrow().clone();
        let mut added = Emitted::Object(emitter.unnamed(schema, &pointer));
        emitter.link(&mut added);
        *emitter.index.borrow_mut() = saved;
        let mut document = base.clone();
        document["$defs"][name] = serde_json::to_value(&added).ok()?;
        Some(document)
    }
}

/// The spec being emitted, with its examples indexed by what they exemplify.
struct Emitter<'a> {
    spec: &'a Spec,
    /// `example` of a named type, by name.
    of_type: HashMap<&'a str, Vec<&'a Json>>,
    /// `example` of an unnamed schema, by its model path.
    of_schema: HashMap<&'a ModelPath, Vec<&'a Json>>,
    /// A response's `examples` (one per mime type), by method, path and status.
    of_response: HashMap<(&'a str, &'a str, &'a str), Vec<&'a Json>>,
    /// Where each schema went, filled in as they are emitted.
    index: RefCell<SchemaIndex>,
}

impl<'a> Emitter<'a> {
    fn new(spec: &'a Spec) -> Self {
        let mut emitter = Emitter {
            spec,
            of_type: HashMap::new(),
            of_schema: HashMap::new(),
            of_response: HashMap::new(),
            index: RefCell::new(SchemaIndex::default()),
        };
        for example in &spec.examples {
            let value = &example.value;
            match &example.of {
                ExampleOf::Type { name } => emitter.of_type.entry(name).or_default().push(value),
                ExampleOf::Schema { path } => {
                    emitter.of_schema.entry(path).or_default().push(value)
                }
                ExampleOf::Response {
                    method,
                    path,
                    status,
                    ..
                } => emitter
                    .of_response
                    .entry((method, path, status))
                    .or_default()
                    .push(value),
            }
        }
        emitter
    }

    /// The whole document, links to repeated schemas resolved.
    fn document(&self) -> Emitted {
        let spec = self.spec;
        let mut root = Members::default();
        root.put("$schema", DIALECT);
        // No `$id`: the document is read from wherever it is checked in, and a relative `$id`
        // would change what its `$ref`s resolve against.
        root.put("title", spec.title.as_str());
        root.put(
            "$comment",
            format!(
                "Generated by molde from {}. Do not edit: run `molde gen schema` again.",
                spec.source
            )
            .as_str(),
        );
        let mut defs = Members::default();
        for named in &spec.types {
            let examples = self.of_type.get(named.name.as_str());
            let pointer = format!("/$defs/{}", escape_token(&named.name));
            defs.put(
                &named.name,
                self.schema(&named.schema, examples.map_or(&[], Vec::as_slice), &pointer),
            );
        }
        for op in &spec.operations {
            if let Some(body) = &op.body
                && named_target(spec, &body.schema).is_none()
            {
                let name = operation_def_name(op, Part::Request);
                let pointer = format!("/$defs/{}", escape_token(&name));
                let mut def = self.unnamed(&body.schema, &pointer);
                describe(&mut def, body.description.as_deref());
                defs.replace(&name, def);
            }
            for response in &op.responses {
                let Some(schema) = &response.schema else {
                    continue;
                };
                if named_target(spec, schema).is_some() {
                    // Its `examples` cannot go on the named type: they are examples of this
                    // response only, and the model keeps them for `molde check`.
                    continue;
                }
                let key = (
                    op.method.as_str(),
                    op.path.as_str(),
                    response.status.as_str(),
                );
                let mut examples = self.of_schema_examples(schema).to_vec();
                examples.extend(self.of_response.get(&key).into_iter().flatten());
                let name = operation_def_name(op, Part::Response(response.status.clone()));
                let pointer = format!("/$defs/{}", escape_token(&name));
                let mut def = self.schema(schema, &examples, &pointer);
                describe(&mut def, response.description.as_deref());
                defs.replace(&name, def);
            }
        }
        root.put("$defs", defs);
        let mut document = Emitted::Object(root);
        self.link(&mut document);
        document
    }

    /// Turns every link to a repeated schema into a `$ref` to where that schema was emitted
    /// (known only once the whole document is).
    fn link(&self, document: &mut Emitted) {
        let index = self.index.borrow();
        let mut pending = vec![document];
        while let Some(node) = pending.pop() {
            match node {
                Emitted::Link(path) => {
                    *node = match index.pointer(path) {
                        Some(pointer) => Emitted::Json(Json::String(format!("#{pointer}"))),
                        // Its schema was never emitted (it nests too deep to read): no constraint.
                        None => Emitted::Json(Json::String("#".into())),
                    };
                }
                Emitted::Object(members) => pending.extend(members.0.iter_mut().map(|(_, v)| v)),
                Emitted::List(items) => pending.extend(items.iter_mut()),
                Emitted::Json(_) => {}
            }
        }
    }

    fn of_schema_examples(&self, schema: &Schema) -> &[&'a Json] {
        self.of_schema.get(&schema.path).map_or(&[], Vec::as_slice)
    }

    /// A schema that is not a named type, with the examples recorded at its path.
    fn unnamed(&self, schema: &Schema, pointer: &str) -> Members {
        self.schema(schema, self.of_schema_examples(schema), pointer)
    }

    /// The keywords of `schema`, emitted at `pointer`: annotations, then what the type says,
    /// then constraints.
    fn schema(&self, schema: &Schema, examples: &[&Json], pointer: &str) -> Members {
        self.index.borrow_mut().record(schema, pointer);
        let mut out = Members::default();
        if let Some(title) = &schema.title {
            out.put("title", title.as_str());
        }
        if let Some(description) = &schema.description {
            out.put("description", description.as_str());
        }
        match &schema.ty {
            Type::Ref(r) => self.reference(r, schema.nullable, &mut out),
            Type::Recursive(link) => out.put("$ref", Emitted::Link(link.path.clone())),
            Type::Any => {}
            Type::Scalar { ty } => type_keyword(*ty, schema.nullable, &mut out),
            Type::Enum(enumeration) => {
                type_keyword(enumeration.base, schema.nullable, &mut out);
                let mut values: Vec<Emitted> = enumeration
                    .values
                    .iter()
                    .map(|v| Emitted::Json(v.value.clone()))
                    .collect();
                if schema.nullable {
                    values.push(Emitted::Json(Json::Null));
                }
                out.put("enum", values);
                let mut labels = Members::default();
                for value in &enumeration.values {
                    let code = value.code();
                    // A code listed twice keeps its first label (JSON object keys are unique).
                    if let Some(label) = &value.label
                        && !labels.has(&code)
                    {
                        labels.put(&code, label.as_str());
                    }
                }
                if !labels.0.is_empty() {
                    out.put("x-enumLabels", labels);
                }
            }
            Type::Object(object) => self.object(object, schema.nullable, pointer, &mut out),
            Type::Array(array) => {
                out.put("type", nullable_type("array", schema.nullable));
                out.put(
                    "items",
                    self.unnamed(&array.items, &format!("{pointer}/items")),
                );
            }
        }
        constraints(&schema.constraints, &mut out);
        if let Some(default) = &schema.default {
            out.put("default", default.clone());
        }
        if !examples.is_empty() {
            let values = examples.iter().map(|v| Emitted::Json((*v).clone()));
            out.put("examples", values.collect::<Vec<_>>());
        }
        if schema.read_only {
            out.put("readOnly", Json::Bool(true));
        }
        for (key, value) in &schema.extensions {
            // `x-nullable` is in `type` already. molde's own `x-` keywords win over a vendor
            // extension of the same name.
            if !NULLABLE_EXTENSIONS.contains(&key.as_str()) && !out.has(key) {
                out.put(key, value.clone());
            }
        }
        out
    }

    /// `$ref` to a named type; a nullable reference admits `null` beside it. A reference to a
    /// definition the spec lacks constrains nothing (see the module documentation).
    fn reference(&self, r: &TypeRef, nullable: bool, out: &mut Members) {
        if self.spec.type_named(&r.name).is_none() {
            out.put("x-unresolvedRef", r.pointer.as_str());
            return;
        }
        let target = def_pointer(&r.name);
        if nullable {
            let mut to = Members::default();
            to.put("$ref", target.as_str());
            let mut null = Members::default();
            null.put("type", "null");
            out.put("anyOf", vec![Emitted::Object(to), Emitted::Object(null)]);
        } else {
            out.put("$ref", target.as_str());
        }
    }

    /// An object. The model has merged the fields and `required` of `allOf` members into it, so
    /// `properties` and `required` list them all; the members are only named, in `x-allOf`
    /// (see the module documentation).
    fn object(&self, object: &ObjectType, nullable: bool, pointer: &str, out: &mut Members) {
        out.put("type", nullable_type("object", nullable));
        let mut properties = Members::default();
        for field in &object.fields {
            let at = format!("{pointer}/properties/{}", escape_token(&field.name));
            properties.put(&field.name, self.unnamed(&field.schema, &at));
        }
        if !properties.0.is_empty() {
            out.put("properties", properties);
        }
        // `required` is exactly the fields the model marks required. A name no property declares
        // (lint `required.undeclared`) is kept out: `required` would then reject every payload
        // that only has the declared members, which is every payload the spec describes.
        let required: Vec<Emitted> = object
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| Emitted::from(f.name.as_str()))
            .collect();
        if !required.is_empty() {
            out.put("required", required);
        }
        let mut undeclared: Vec<&str> = Vec::new();
        for name in &object.required {
            if object.field(&name.name).is_none() && !undeclared.contains(&name.name.as_str()) {
                undeclared.push(&name.name);
            }
        }
        if !undeclared.is_empty() {
            let names = undeclared
                .into_iter()
                .map(Emitted::from)
                .collect::<Vec<_>>();
            out.put("x-undeclaredRequired", names);
        }
        match &object.unknown_members {
            UnknownMembers::Open => {}
            UnknownMembers::Closed => out.put("additionalProperties", Json::Bool(false)),
            UnknownMembers::Map(values) => out.put(
                "additionalProperties",
                self.unnamed(values, &format!("{pointer}/additionalProperties")),
            ),
        }
        if !object.all_of.is_empty() {
            let members = object
                .all_of
                .iter()
                .map(|member| Emitted::from(member.pointer.as_str()))
                .collect::<Vec<_>>();
            out.put("x-allOf", members);
        }
        if let Some(property) = &object.discriminator {
            out.put("x-discriminator", property.name.as_str());
        }
    }
}

/// An RFC 6901 reference token: `~` and `/` escaped.
fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// `type` for a scalar kind; Swagger's `file` has no JSON type and is only named.
fn type_keyword(kind: ScalarKind, nullable: bool, out: &mut Members) {
    match kind {
        ScalarKind::File => out.put("x-swaggerType", "file"),
        kind => out.put("type", nullable_type(kind.as_str(), nullable)),
    }
}

/// `"string"`, or `["string", "null"]` when the schema admits `null`.
fn nullable_type(name: &str, nullable: bool) -> Emitted {
    if nullable {
        Emitted::List(vec![name.into(), "null".into()])
    } else {
        name.into()
    }
}

/// An operation's description of its body or response, where the schema has none of its own.
fn describe(def: &mut Members, description: Option<&str>) {
    if let Some(text) = description
        && !def.has("description")
    {
        let after_title = usize::from(def.has("title"));
        def.0
            .insert(after_title, ("description".to_string(), text.into()));
    }
}

/// The constraints JSON Schema can apply to the schema's type, by their JSON Schema names.
/// Those the model marks not applicable (`maxLength` on an integer) are left out: the lint
/// `constraint.inapplicable` has reported them. The format is the model's normalised name
/// (`yyyy-MM-dd` is `date`); what the spec wrote is in the model, not needed here.
/// Integer formats (`int32`, `int64`) stay annotations: they do not become bounds.
fn constraints(c: &Constraints, out: &mut Members) {
    fn applied<T>(k: &Option<Keyword<T>>) -> Option<&T> {
        k.as_ref().filter(|k| k.applicable).map(|k| &k.value)
    }
    if let Some(format) = applied(&c.format) {
        out.put("format", format.name.as_str());
    }
    for (name, value) in [("minLength", &c.min_length), ("maxLength", &c.max_length)] {
        if let Some(n) = applied(value) {
            out.put(name, Json::from(*n));
        }
    }
    if let Some(pattern) = applied(&c.pattern) {
        out.put("pattern", pattern.as_str());
    }
    // Swagger's boolean `exclusiveMinimum: true` excludes `minimum` itself; 2020-12 writes the
    // excluded bound as `exclusiveMinimum`. A flag without its bound excludes nothing.
    let bounds = [
        (
            "minimum",
            "exclusiveMinimum",
            &c.minimum,
            &c.exclusive_minimum,
        ),
        (
            "maximum",
            "exclusiveMaximum",
            &c.maximum,
            &c.exclusive_maximum,
        ),
    ];
    for (inclusive, exclusive, bound, flag) in bounds {
        if let Some(bound) = applied(bound) {
            let name = match applied(flag) {
                Some(true) => exclusive,
                _ => inclusive,
            };
            out.put(name, Json::Number(bound.clone()));
        }
    }
    // 2020-12 requires `multipleOf` > 0; a zero or negative divisor is no constraint at all.
    if let Some(divisor) = applied(&c.multiple_of).filter(|n| n.as_f64().is_some_and(|f| f > 0.0)) {
        out.put("multipleOf", Json::Number(divisor.clone()));
    }
    for (name, value) in [("minItems", &c.min_items), ("maxItems", &c.max_items)] {
        if let Some(n) = applied(value) {
            out.put(name, Json::from(*n));
        }
    }
    if let Some(unique) = applied(&c.unique_items) {
        out.put("uniqueItems", Json::Bool(*unique));
    }
}
