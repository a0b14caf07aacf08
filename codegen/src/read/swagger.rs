//! Swagger 2.0 documents (a [`Node`] tree) into the common [`model`](crate::model).
//!
//! The reader never panics and never gives up: a value of the wrong shape is reported as a
//! `swagger.shape` diagnostic and read as well as it can be. It resolves `#/parameters/` and
//! `#/responses/` references in place and keeps `#/definitions/` ones as [`Type::Ref`]; the
//! lints (not the reader) report references to definitions that do not exist.

use std::collections::HashSet;

use serde_json::Number;

use crate::diag::Diagnostic;
use crate::lint::closest_name;
use crate::model::{
    ArrayType, Body, Constraints, EnumType, EnumValue, Example, ExampleOf, Extensions, Field,
    Format, Keyword, Location, Name, NamedType, ObjectType, Operation, Parameter, Response,
    ScalarKind, Schema, Spec, Type, TypeRef, UnknownMembers,
};
use crate::read::catalogue::CatalogueTable;
use crate::tree::{Entry, Node, Pos};

/// Schemas nested deeper than this are read as `Any` (the tree itself is capped at 512 levels;
/// this keeps the recursive reader well inside any thread's stack).
const MAX_SCHEMA_DEPTH: usize = 128;

const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// Reads a Swagger 2.0 document. `file` names it in diagnostics.
///
/// ```
/// let text = "swagger: '2.0'\ninfo:\n  title: T\n  version: '1'\ndefinitions:\n  A:\n    type: string\n";
/// let root = molde_codegen::read::yaml::parse(text).unwrap().root;
/// let spec = molde_codegen::read::swagger::read("a.yaml", &root);
/// assert_eq!(spec.title, "T");
/// assert_eq!(spec.types[0].name, "A");
/// ```
pub fn read(file: &str, root: &Node) -> Spec {
    let mut reader = Reader {
        file,
        root,
        diagnostics: Vec::new(),
        examples: Vec::new(),
        muted: 0,
        merging: Vec::new(),
    };
    let mut spec = Spec {
        source: file.to_string(),
        ..Spec::default()
    };
    if root.as_map().is_none() {
        reader.report(
            Diagnostic::error(
                "swagger.shape",
                format!("a Swagger document is a mapping, found a {}", root.kind()),
            )
            .at(root.pos),
        );
        spec.diagnostics = reader.finish_diagnostics();
        return spec;
    }
    reader.check_version();
    if let Some(info) = reader.map_at(root, "info", "info") {
        spec.title = text_of(info.get("title")).unwrap_or_default();
        spec.version = text_of(info.get("version")).unwrap_or_default();
    }
    spec.base_path = text_of(root.get("basePath"));
    spec.extensions = extensions(root);
    if let Some(definitions) = reader.map_at(root, "definitions", "definitions") {
        for entry in definitions.as_map().unwrap_or_default() {
            let path = format!("definitions.{}", entry.key);
            let schema = reader.schema_body(&entry.value, &path, 0);
            if let Some(example) = entry.value.get("example") {
                reader.example(
                    ExampleOf::Type {
                        name: entry.key.clone(),
                    },
                    format!("{path}.example"),
                    example,
                );
            }
            spec.types.push(NamedType {
                name: entry.key.clone(),
                pos: entry.key_pos,
                schema,
            });
        }
    }
    spec.operations = reader.operations();
    spec.examples = std::mem::take(&mut reader.examples);
    spec.diagnostics = reader.finish_diagnostics();
    spec
}

struct Reader<'a> {
    file: &'a str,
    root: &'a Node,
    diagnostics: Vec<Diagnostic>,
    examples: Vec<Example>,
    /// While above zero, findings are dropped: a definition read again to merge it into an
    /// `allOf` was already reported when read in its own place.
    muted: u32,
    /// The definitions being merged, innermost last (to stop `allOf` cycles).
    merging: Vec<String>,
}

/// Global `consumes`/`produces` and the path item's parameters, inherited by each operation.
struct Inherited<'n> {
    consumes: Vec<String>,
    produces: Vec<String>,
    parameters: Option<&'n Node>,
}

impl<'a> Reader<'a> {
    fn report(&mut self, diagnostic: Diagnostic) {
        if self.muted == 0 {
            self.diagnostics.push(diagnostic.file(self.file));
        }
    }

    fn shape(&mut self, node: &Node, path: &str, expected: &str) {
        self.report(
            Diagnostic::warning(
                "swagger.shape",
                format!("`{path}` should be {expected}, found a {}", node.kind()),
            )
            .at(node.pos)
            .path(path)
            .hint("molde ignores this value and reads the rest"),
        );
    }

    /// Reader findings in order, each once (a shared response read for two operations is
    /// reported once).
    fn finish_diagnostics(&mut self) -> Vec<Diagnostic> {
        let mut seen = HashSet::new();
        std::mem::take(&mut self.diagnostics)
            .into_iter()
            .filter(|d| seen.insert((d.code, d.line, d.column, d.message.clone())))
            .collect()
    }

    fn example(&mut self, of: ExampleOf, path: String, value: &Node) {
        if self.muted == 0 {
            self.examples.push(Example {
                of,
                path,
                value: value.to_json(),
                pos: value.pos,
            });
        }
    }

    fn check_version(&mut self) {
        let root = self.root;
        match root.get("swagger") {
            Some(v) if text_of(Some(v)).as_deref() == Some("2.0") => {}
            Some(v) => self.report(
                Diagnostic::warning(
                    "swagger.version",
                    format!(
                        "`swagger` is `{}`; molde reads Swagger 2.0",
                        v.scalar_text().unwrap_or_default()
                    ),
                )
                .at(v.pos)
                .path("swagger"),
            ),
            None => self.report(
                Diagnostic::warning("swagger.version", "no `swagger: '2.0'` at the top")
                    .at(root.pos)
                    .hint(if root.get("openapi").is_some() {
                        "this is an OpenAPI 3 document; molde reads Swagger 2.0"
                    } else {
                        "add `swagger: '2.0'`"
                    }),
            ),
        }
    }

    /// The member `key` of `node` when it is a mapping; reports any other shape.
    fn map_at<'n>(&mut self, node: &'n Node, key: &str, path: &str) -> Option<&'n Node> {
        let value = node.get(key)?;
        if value.as_map().is_some() {
            Some(value)
        } else {
            if !value.is_null() {
                self.shape(value, path, "a mapping");
            }
            None
        }
    }

    // ---- schemas ----

    /// The schema `node`; its `example` is left to the caller, which knows what it exemplifies.
    fn schema_body(&mut self, node: &Node, path: &str, depth: usize) -> Schema {
        let mut schema = Schema::new(Type::Any, path, node.pos);
        if node.as_map().is_none() {
            self.shape(node, path, "a schema (a mapping)");
            return schema;
        }
        if depth > MAX_SCHEMA_DEPTH {
            self.report(
                Diagnostic::error(
                    "swagger.too-deep",
                    format!("schemas nest deeper than {MAX_SCHEMA_DEPTH} levels here"),
                )
                .at(node.pos)
                .path(path),
            );
            return schema;
        }
        schema.title = text_of(node.get("title"));
        if let Some(d) = node.get("description") {
            schema.description = d.scalar_text();
            schema.description_pos = Some(d.pos);
        }
        schema.read_only = node.get("readOnly").and_then(Node::as_bool) == Some(true);
        schema.nullable = ["x-nullable", "x-isnullable"]
            .iter()
            .any(|k| node.get(k).and_then(Node::as_bool) == Some(true));
        schema.default = node.get("default").map(Node::to_json);
        schema.extensions = extensions(node);

        let (declared, type_nullable) = self.declared_type(node, path);
        schema.nullable |= type_nullable;
        schema.ty = self.schema_type(node, declared, path, depth, schema.description.as_deref());
        schema.constraints = self.constraints(node, path, &schema.ty);

        schema
    }

    /// A schema that is not a named type, with its `example` (if any) recorded as one of it.
    fn schema(&mut self, node: &Node, path: &str, depth: usize) -> Schema {
        let schema = self.schema_body(node, path, depth);
        if let Some(example) = node.get("example") {
            self.example(
                ExampleOf::Schema {
                    path: path.to_string(),
                },
                format!("{path}.example"),
                example,
            );
        }
        schema
    }

    /// The `type` keyword: its value, and whether it lists `null` (`type: [string, 'null']`).
    fn declared_type(&mut self, node: &Node, path: &str) -> (Option<String>, bool) {
        let Some(ty) = node.get("type") else {
            return (None, false);
        };
        if let Some(name) = ty.as_str() {
            return (Some(name.to_string()), false);
        }
        if let Some(items) = ty.as_seq() {
            let names: Vec<&str> = items.iter().filter_map(Node::as_str).collect();
            let nullable = names.contains(&"null");
            return (
                names.into_iter().find(|n| *n != "null").map(str::to_string),
                nullable,
            );
        }
        self.shape(ty, &format!("{path}.type"), "a type name");
        (None, false)
    }

    fn schema_type(
        &mut self,
        node: &Node,
        declared: Option<String>,
        path: &str,
        depth: usize,
        description: Option<&str>,
    ) -> Type {
        if let Some(r) = node.get("$ref") {
            return self.definition_ref(r, path);
        }
        // An enum of objects or arrays (docker's `enum: [{}]`) adds nothing molde models.
        let structured = matches!(declared.as_deref(), Some("object" | "array"));
        if let Some(values) = node.get("enum").filter(|_| !structured) {
            let key_pos = node.entry("enum").map_or(values.pos, |e| e.key_pos);
            if let Some(values) = values.as_seq() {
                return Type::Enum(self.enumeration(
                    values,
                    key_pos,
                    declared.as_deref(),
                    path,
                    description,
                ));
            }
            self.shape(values, &format!("{path}.enum"), "a list of values");
        }
        let declared = declared.or_else(|| {
            let objectish = ["properties", "additionalProperties", "allOf"];
            if objectish.iter().any(|k| node.get(k).is_some()) {
                Some("object".to_string())
            } else if node.get("items").is_some() {
                Some("array".to_string())
            } else {
                None
            }
        });
        match declared.as_deref() {
            None => Type::Any,
            Some("object") => self.object(node, path, depth),
            Some("array") => {
                let items = match node.get("items") {
                    Some(items) if items.as_seq().is_some() => {
                        // Tuple validation is not Swagger 2; read the first item type.
                        self.shape(items, &format!("{path}.items"), "a schema (a mapping)");
                        Schema::new(Type::Any, format!("{path}.items"), items.pos)
                    }
                    Some(items) => self.schema(items, &format!("{path}.items"), depth + 1),
                    None => {
                        self.report(
                            Diagnostic::warning(
                                "swagger.items-missing",
                                "an array without `items`; its items can be anything",
                            )
                            .at(node.pos)
                            .path(path),
                        );
                        Schema::new(Type::Any, format!("{path}.items"), node.pos)
                    }
                };
                Type::Array(ArrayType {
                    items: Box::new(items),
                })
            }
            Some(name) => match scalar_kind(name) {
                Some(ty) => Type::Scalar { ty },
                None => {
                    if name != "null" {
                        self.report(
                            Diagnostic::warning(
                                "swagger.shape",
                                format!("unknown type `{name}`; read as any value"),
                            )
                            .at(node.get("type").map_or(node.pos, |t| t.pos))
                            .path(path),
                        );
                    }
                    Type::Any
                }
            },
        }
    }

    /// A `$ref` inside a schema: only `#/definitions/<name>` names a type.
    fn definition_ref(&mut self, r: &Node, path: &str) -> Type {
        let Some(pointer) = r.as_str() else {
            self.shape(r, &format!("{path}.$ref"), "a reference string");
            return Type::Any;
        };
        match local_ref(pointer, "definitions") {
            Some(name) => Type::Ref(TypeRef {
                name,
                pointer: pointer.to_string(),
                pos: r.pos,
            }),
            None => {
                self.report(
                    Diagnostic::warning(
                        "ref.unsupported",
                        format!(
                            "`{pointer}` does not name a definition of this file; read as any value"
                        ),
                    )
                    .at(r.pos)
                    .path(path)
                    .hint("molde follows `#/definitions/<name>` references within one file"),
                );
                Type::Any
            }
        }
    }

    fn enumeration(
        &mut self,
        values: &[Node],
        pos: Pos,
        declared: Option<&str>,
        path: &str,
        description: Option<&str>,
    ) -> EnumType {
        let base = declared
            .and_then(scalar_kind)
            .unwrap_or_else(|| infer_enum_kind(values));
        let tables = description
            .map(CatalogueTable::parse_all)
            .unwrap_or_default();
        let mut out = Vec::new();
        for node in values {
            if node.is_null() {
                // `null` among the values: the schema is nullable, not a value of its base.
                continue;
            }
            let value = match coerce(node, base) {
                Ok(value) => value,
                Err(value) => {
                    self.report(
                        Diagnostic::warning(
                            "enum.value-type",
                            format!(
                                "enum value {} is a {}, not a {}",
                                node.to_json(),
                                node.kind(),
                                base.as_str()
                            ),
                        )
                        .at(node.pos)
                        .path(format!("{path}.enum")),
                    );
                    value
                }
            };
            let mut value = EnumValue {
                value,
                label: None,
                pos: node.pos,
            };
            let code = value.code();
            value.label = tables
                .iter()
                .find_map(|t| t.label(&code))
                .map(str::to_string);
            out.push(value);
        }
        EnumType {
            base,
            values: out,
            pos,
        }
    }

    fn object(&mut self, node: &Node, path: &str, depth: usize) -> Type {
        let mut object = ObjectType {
            discriminator: text_of(node.get("discriminator")),
            ..ObjectType::default()
        };
        if let Some(members) = node.get("allOf") {
            match members.as_seq() {
                Some(members) => self.merge_all_of(&mut object, members, path, depth),
                None => self.shape(members, &format!("{path}.allOf"), "a list of schemas"),
            }
        }
        let mut own = Vec::new();
        if let Some(properties) = self.map_at(node, "properties", &format!("{path}.properties")) {
            for entry in properties.as_map().unwrap_or_default() {
                own.push(self.field(entry, path, depth));
            }
        }
        for field in own {
            put_field(&mut object.fields, field);
        }
        if let Some(required) = node.get("required") {
            match required.as_seq() {
                Some(names) => {
                    for name in names {
                        match name.scalar_text() {
                            Some(text) => object.required.push(Name {
                                name: text,
                                pos: name.pos,
                            }),
                            None => {
                                self.shape(name, &format!("{path}.required"), "a property name")
                            }
                        }
                    }
                }
                None => self.shape(
                    required,
                    &format!("{path}.required"),
                    "a list of property names",
                ),
            }
        }
        if let Some(additional) = node.get("additionalProperties") {
            object.unknown_members = match additional.as_bool() {
                Some(true) => UnknownMembers::Open,
                Some(false) => UnknownMembers::Closed,
                None => UnknownMembers::Map(Box::new(self.schema(
                    additional,
                    &format!("{path}.additionalProperties"),
                    depth + 1,
                ))),
            };
        }
        let required: HashSet<&str> = object.required.iter().map(|n| n.name.as_str()).collect();
        for field in &mut object.fields {
            field.required |= required.contains(field.name.as_str());
        }
        Type::Object(object)
    }

    fn field(&mut self, entry: &Entry, path: &str, depth: usize) -> Field {
        let field_path = format!("{path}.properties.{}", entry.key);
        if let Some(required) = entry.value.get("required")
            && required.as_bool().is_some()
        {
            // A common slip: `required: true` on the property instead of in the parent's list.
            self.report(
                Diagnostic::warning(
                    "swagger.shape",
                    format!(
                        "`required: {}` on a property has no effect in Swagger 2.0",
                        required.scalar_text().unwrap_or_default()
                    ),
                )
                .at(required.pos)
                .path(format!("{field_path}.required"))
                .hint(format!("list `{}` in `{path}.required` instead", entry.key)),
            );
        }
        Field {
            name: entry.key.clone(),
            pos: entry.key_pos,
            required: false,
            schema: self.schema(&entry.value, &field_path, depth + 1),
        }
    }

    /// Merges the members of `allOf` into `object`: fields in member order (a later member's
    /// field replaces an earlier one of the same name), `required` lists joined.
    fn merge_all_of(
        &mut self,
        object: &mut ObjectType,
        members: &[Node],
        path: &str,
        depth: usize,
    ) {
        for (i, member) in members.iter().enumerate() {
            let member_path = format!("{path}.allOf.{i}");
            let merged = match member.get("$ref") {
                Some(r) => {
                    let Type::Ref(target) = self.definition_ref(r, &member_path) else {
                        continue;
                    };
                    let merged = self.merge_definition(&target, &member_path, depth);
                    object.all_of.push(target);
                    merged
                }
                None => Some(self.schema(member, &member_path, depth + 1)),
            };
            match merged.map(|s| s.ty) {
                Some(Type::Object(member_object)) => {
                    for field in member_object.fields {
                        put_field(&mut object.fields, field);
                    }
                    object.required.extend(member_object.required);
                    object.all_of.extend(member_object.all_of);
                    if object.discriminator.is_none() {
                        object.discriminator = member_object.discriminator;
                    }
                }
                Some(Type::Any) | None => {}
                Some(other) => self.report(
                    Diagnostic::warning(
                        "allof.not-object",
                        format!(
                            "`allOf` member {i} is not an object ({}); its fields cannot be merged",
                            type_kind(&other)
                        ),
                    )
                    .at(member.pos)
                    .path(member_path),
                ),
            }
        }
    }

    /// The definition `target` read again for merging, or `None` when it is missing (the ref
    /// lint reports it) or already being merged (a cycle, reported here).
    fn merge_definition(&mut self, target: &TypeRef, path: &str, depth: usize) -> Option<Schema> {
        if self.merging.contains(&target.name) {
            // Found only while re-reading a member, which mutes findings: this one must get out.
            self.diagnostics.push(
                Diagnostic::error(
                    "ref.cycle",
                    format!("`allOf` of `{}` includes itself", target.name),
                )
                .at(target.pos)
                .path(path)
                .file(self.file),
            );
            return None;
        }
        let root = self.root;
        let definition = root.get("definitions")?.get(&target.name)?;
        self.merging.push(target.name.clone());
        self.muted += 1;
        let schema = self.schema_body(
            definition,
            &format!("definitions.{}", target.name),
            depth + 1,
        );
        self.muted -= 1;
        self.merging.pop();
        Some(schema)
    }

    fn constraints(&mut self, node: &Node, path: &str, ty: &Type) -> Constraints {
        let kind = ty.scalar_kind();
        // What JSON Schema can apply to this type; a reference or `Any` could be anything.
        let open = matches!(ty, Type::Ref(_) | Type::Any);
        let string = open || kind == Some(ScalarKind::String);
        let numeric = open || kind.is_some_and(ScalarKind::is_numeric);
        let array = open || matches!(ty, Type::Array(_));

        let mut c = Constraints {
            min_length: self.count(node, "minLength", path, string),
            max_length: self.count(node, "maxLength", path, string),
            min_items: self.count(node, "minItems", path, array),
            max_items: self.count(node, "maxItems", path, array),
            minimum: self.number(node, "minimum", path, numeric),
            maximum: self.number(node, "maximum", path, numeric),
            multiple_of: self.number(node, "multipleOf", path, numeric),
            exclusive_minimum: self.flag(node, "exclusiveMinimum", path, numeric),
            exclusive_maximum: self.flag(node, "exclusiveMaximum", path, numeric),
            unique_items: self.flag(node, "uniqueItems", path, array),
            ..Constraints::default()
        };
        if let Some((entry, text)) = self.keyword_text(node, "pattern", path) {
            c.pattern = Some(applicable(Keyword::new(text, entry.key_pos), string));
        }
        if let Some((entry, text)) = self.keyword_text(node, "format", path) {
            c.format = Some(Keyword::new(normalize_format(&text), entry.key_pos));
        }
        c
    }

    fn keyword_text<'n>(
        &mut self,
        node: &'n Node,
        key: &str,
        path: &str,
    ) -> Option<(&'n Entry, String)> {
        let entry = node.entry(key)?;
        match entry.value.scalar_text() {
            Some(text) => Some((entry, text)),
            None => {
                self.shape(&entry.value, &format!("{path}.{key}"), "a string");
                None
            }
        }
    }

    fn count(&mut self, node: &Node, key: &str, path: &str, applies: bool) -> Option<Keyword<u64>> {
        let entry = node.entry(key)?;
        match entry.value.as_i64().and_then(|n| u64::try_from(n).ok()) {
            Some(n) => Some(applicable(Keyword::new(n, entry.key_pos), applies)),
            None => {
                self.shape(
                    &entry.value,
                    &format!("{path}.{key}"),
                    "a non-negative integer",
                );
                None
            }
        }
    }

    fn number(
        &mut self,
        node: &Node,
        key: &str,
        path: &str,
        applies: bool,
    ) -> Option<Keyword<Number>> {
        let entry = node.entry(key)?;
        let number = match entry.value.to_json() {
            serde_json::Value::Number(n) => Some(n),
            _ => None,
        };
        match number {
            Some(n) => Some(applicable(Keyword::new(n, entry.key_pos), applies)),
            None => {
                self.shape(&entry.value, &format!("{path}.{key}"), "a number");
                None
            }
        }
    }

    fn flag(&mut self, node: &Node, key: &str, path: &str, applies: bool) -> Option<Keyword<bool>> {
        let entry = node.entry(key)?;
        match entry.value.as_bool() {
            Some(b) => Some(applicable(Keyword::new(b, entry.key_pos), applies)),
            None => {
                self.shape(&entry.value, &format!("{path}.{key}"), "true or false");
                None
            }
        }
    }

    // ---- operations ----

    fn operations(&mut self) -> Vec<Operation> {
        let root = self.root;
        let mut operations = Vec::new();
        let Some(paths) = self.map_at(root, "paths", "paths") else {
            return operations;
        };
        let mut inherited = Inherited {
            consumes: strings(root.get("consumes")),
            produces: strings(root.get("produces")),
            parameters: None,
        };
        for entry in paths.as_map().unwrap_or_default() {
            if entry.key.starts_with("x-") {
                continue;
            }
            let item = &entry.value;
            if item.as_map().is_none() {
                self.shape(
                    item,
                    &format!("paths.{}", entry.key),
                    "a path item (a mapping)",
                );
                continue;
            }
            if let Some(r) = item.get("$ref") {
                self.report(
                    Diagnostic::warning(
                        "ref.unsupported",
                        "a path item `$ref` points outside this file; its operations are not read",
                    )
                    .at(r.pos)
                    .path(format!("paths.{}", entry.key)),
                );
            }
            inherited.parameters = item.get("parameters");
            for method in item.as_map().unwrap_or_default() {
                if METHODS.contains(&method.key.as_str()) {
                    operations.push(self.operation(&entry.key, method, &inherited));
                }
            }
        }
        operations
    }

    fn operation(&mut self, path: &str, method: &Entry, inherited: &Inherited<'_>) -> Operation {
        let node = &method.value;
        let op_path = format!("paths.{path}.{}", method.key);
        let mut op = Operation {
            method: method.key.to_ascii_uppercase(),
            path: path.to_string(),
            operation_id: text_of(node.get("operationId")),
            summary: text_of(node.get("summary")),
            description: text_of(node.get("description")),
            parameters: Vec::new(),
            body: None,
            responses: Vec::new(),
            consumes: node
                .get("consumes")
                .map_or_else(|| inherited.consumes.clone(), |c| strings(Some(c))),
            produces: node
                .get("produces")
                .map_or_else(|| inherited.produces.clone(), |p| strings(Some(p))),
            extensions: extensions(node),
            pos: method.key_pos,
        };
        if node.as_map().is_none() {
            self.shape(node, &op_path, "an operation (a mapping)");
            return op;
        }
        // Path-level parameters first; the operation's own override those with the same name and `in`.
        for list in [inherited.parameters, node.get("parameters")]
            .into_iter()
            .flatten()
        {
            self.parameters(list, &op_path, &mut op);
        }
        if let Some(responses) = self.map_at(node, "responses", &format!("{op_path}.responses")) {
            for entry in responses.as_map().unwrap_or_default() {
                if entry.key.starts_with("x-") {
                    continue;
                }
                if let Some(response) = self.response(entry, &op_path, &op.method, path) {
                    op.responses.push(response);
                }
            }
        }
        op
    }

    fn parameters(&mut self, list: &Node, op_path: &str, op: &mut Operation) {
        let Some(items) = list.as_seq() else {
            self.shape(
                list,
                &format!("{op_path}.parameters"),
                "a list of parameters",
            );
            return;
        };
        for item in items {
            let Some(param) = self.resolve(item, "parameters", op_path) else {
                continue;
            };
            let name = text_of(param.get("name")).unwrap_or_default();
            let location = param.get("in").and_then(Node::as_str).unwrap_or_default();
            let path = format!("{op_path}.parameters.{name}");
            let required = param
                .get("required")
                .and_then(Node::as_bool)
                .unwrap_or(false);
            let location = match location {
                "body" => {
                    let schema = match param.get("schema") {
                        Some(schema) => self.schema(schema, &format!("{path}.schema"), 0),
                        None => {
                            self.report(
                                Diagnostic::warning(
                                    "swagger.shape",
                                    "a body parameter without `schema`; the body can be anything",
                                )
                                .at(param.pos)
                                .path(path.as_str()),
                            );
                            Schema::new(Type::Any, format!("{path}.schema"), param.pos)
                        }
                    };
                    op.body = Some(Body {
                        name,
                        required,
                        description: text_of(param.get("description")),
                        schema,
                        pos: param.pos,
                    });
                    continue;
                }
                "header" => Location::Header,
                "query" => Location::Query,
                "path" => Location::Path,
                "formData" => Location::FormData,
                other => {
                    self.report(
                        Diagnostic::warning(
                            "swagger.shape",
                            format!("parameter `{name}` is `in: {other}`; expected header, query, path, formData or body"),
                        )
                        .at(param.get("in").map_or(param.pos, |n| n.pos))
                        .path(path.as_str()),
                    );
                    continue;
                }
            };
            let parameter = Parameter {
                required: required || location == Location::Path,
                collection_format: text_of(param.get("collectionFormat")),
                schema: self.schema(param, &path, 0),
                name,
                location,
                pos: param.pos,
            };
            match op
                .parameters
                .iter_mut()
                .find(|p| p.name == parameter.name && p.location == parameter.location)
            {
                Some(existing) => *existing = parameter,
                None => op.parameters.push(parameter),
            }
        }
    }

    fn response(
        &mut self,
        entry: &Entry,
        op_path: &str,
        method: &str,
        path: &str,
    ) -> Option<Response> {
        let status = entry.key.clone();
        let response_path = format!("{op_path}.responses.{status}");
        let node = self.resolve(&entry.value, "responses", &response_path)?;
        let mut response = Response {
            status: status.clone(),
            description: text_of(node.get("description")),
            schema: node
                .get("schema")
                .map(|s| self.schema(s, &format!("{response_path}.schema"), 0)),
            headers: Vec::new(),
            pos: entry.key_pos,
        };
        if let Some(headers) = self.map_at(node, "headers", &format!("{response_path}.headers")) {
            for header in headers.as_map().unwrap_or_default() {
                let schema = self.schema(
                    &header.value,
                    &format!("{response_path}.headers.{}", header.key),
                    0,
                );
                response.headers.push(Parameter {
                    name: header.key.clone(),
                    location: Location::Header,
                    required: false,
                    collection_format: text_of(header.value.get("collectionFormat")),
                    schema,
                    pos: header.key_pos,
                });
            }
        }
        if let Some(examples) = self.map_at(node, "examples", &format!("{response_path}.examples"))
        {
            for example in examples.as_map().unwrap_or_default() {
                self.example(
                    ExampleOf::Response {
                        method: method.to_string(),
                        path: path.to_string(),
                        status: status.clone(),
                        mime: example.key.clone(),
                    },
                    format!("{response_path}.examples.{}", example.key),
                    &example.value,
                );
            }
        }
        Some(response)
    }

    /// `node` itself, or the shared `#/<section>/<name>` it refers to. A missing target is a
    /// `ref.dangling` error (these references are resolved here, so the reader reports them).
    fn resolve<'n>(&mut self, node: &'n Node, section: &str, path: &str) -> Option<&'n Node>
    where
        'a: 'n,
    {
        let Some(r) = node.get("$ref") else {
            if node.as_map().is_none() {
                self.shape(node, path, "a mapping");
                return None;
            }
            return Some(node);
        };
        let Some(pointer) = r.as_str() else {
            self.shape(r, &format!("{path}.$ref"), "a reference string");
            return None;
        };
        let root = self.root;
        let shared = root.get(section);
        let Some(name) = local_ref(pointer, section) else {
            self.report(
                Diagnostic::warning(
                    "ref.unsupported",
                    format!("`{pointer}` is not a `#/{section}/<name>` reference of this file"),
                )
                .at(r.pos)
                .path(path),
            );
            return None;
        };
        if let Some(target) = shared.and_then(|s| s.get(&name)) {
            return Some(target);
        }
        let names: Vec<&str> = shared
            .and_then(Node::as_map)
            .unwrap_or_default()
            .iter()
            .map(|e| e.key.as_str())
            .collect();
        let hint = match closest_name(&name, names.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("declare `{name}` under `{section}`"),
        };
        self.report(
            Diagnostic::error(
                "ref.dangling",
                format!("`{pointer}` refers to `{section}.{name}`, which does not exist"),
            )
            .at(r.pos)
            .path(path)
            .hint(hint),
        );
        None
    }
}

/// Puts `field` in place of the field of the same name, or at the end.
fn put_field(fields: &mut Vec<Field>, field: Field) {
    match fields.iter_mut().find(|f| f.name == field.name) {
        Some(existing) => *existing = field,
        None => fields.push(field),
    }
}

fn applicable<T>(mut keyword: Keyword<T>, applies: bool) -> Keyword<T> {
    keyword.applicable = applies;
    keyword
}

fn text_of(node: Option<&Node>) -> Option<String> {
    node.and_then(Node::scalar_text)
}

fn strings(node: Option<&Node>) -> Vec<String> {
    node.and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .filter_map(Node::scalar_text)
        .collect()
}

fn extensions(node: &Node) -> Extensions {
    node.as_map()
        .unwrap_or_default()
        .iter()
        .filter(|e| e.key.starts_with("x-"))
        .map(|e| (e.key.clone(), e.value.to_json()))
        .collect()
}

fn scalar_kind(name: &str) -> Option<ScalarKind> {
    Some(match name {
        "string" => ScalarKind::String,
        "integer" => ScalarKind::Integer,
        "number" => ScalarKind::Number,
        "boolean" => ScalarKind::Boolean,
        "file" => ScalarKind::File,
        _ => return None,
    })
}

fn type_kind(ty: &Type) -> &'static str {
    match ty {
        Type::Object(_) => "object",
        Type::Enum(_) => "enum",
        Type::Array(_) => "array",
        Type::Scalar { ty } => ty.as_str(),
        Type::Ref(_) => "reference",
        Type::Any => "any",
    }
}

/// The type of enum values written without `type`: integer if all are, number if all are
/// numbers, boolean if all are, else string.
fn infer_enum_kind(values: &[Node]) -> ScalarKind {
    use crate::tree::Value;
    let present: Vec<&Node> = values.iter().filter(|v| !v.is_null()).collect();
    if present.is_empty() {
        return ScalarKind::String;
    }
    if present.iter().all(|v| matches!(v.value, Value::Int(_))) {
        ScalarKind::Integer
    } else if present
        .iter()
        .all(|v| matches!(v.value, Value::Int(_) | Value::Float(_)))
    {
        ScalarKind::Number
    } else if present.iter().all(|v| matches!(v.value, Value::Bool(_))) {
        ScalarKind::Boolean
    } else {
        ScalarKind::String
    }
}

/// The enum value as a value of `base`: `Ok` when it already is one or converts without loss
/// (`1` under `type: string` is the string "1" a YAML writer forgot to quote), else `Err` with
/// the value as written.
fn coerce(node: &Node, base: ScalarKind) -> Result<serde_json::Value, serde_json::Value> {
    use crate::tree::Value;
    use serde_json::Value as J;
    let json = node.to_json();
    match (base, &node.value) {
        (ScalarKind::String, Value::Str(_))
        | (ScalarKind::Integer, Value::Int(_))
        | (ScalarKind::Number, Value::Int(_) | Value::Float(_))
        | (ScalarKind::Boolean, Value::Bool(_)) => Ok(json),
        (ScalarKind::String, Value::Int(_) | Value::Float(_) | Value::Bool(_)) => {
            Ok(J::String(node.scalar_text().unwrap_or_default()))
        }
        (ScalarKind::Integer, Value::Float(_)) => node.as_i64().map(J::from).ok_or(json),
        _ => Err(json),
    }
}

/// `#/<section>/<name>` -> `name`, JSON-pointer and percent escapes decoded; `None` for anything
/// else (another file, a deeper pointer).
fn local_ref(pointer: &str, section: &str) -> Option<String> {
    let rest = pointer.strip_prefix('#')?.strip_prefix('/')?;
    let rest = rest.strip_prefix(section)?.strip_prefix('/')?;
    if rest.is_empty() || rest.contains('/') {
        return None;
    }
    Some(percent_decode(rest).replace("~1", "/").replace("~0", "~"))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// A `format` as molde checks it: Java-style date patterns in ISO order (`yyyy-MM-dd`,
/// `yyyy-MM-dd'T'HH:mm:ss`) mean `date` and `date-time`; others are kept as written.
fn normalize_format(written: &str) -> Format {
    let folded: String = written
        .chars()
        .filter(|c| *c != '\'')
        .collect::<String>()
        .to_ascii_lowercase();
    let name = if folded == "yyyy-mm-dd" {
        Some("date")
    } else if folded.starts_with("yyyy-mm-ddthh:mm") {
        Some("date-time")
    } else if folded == "hh:mm:ss" {
        Some("time")
    } else {
        None
    };
    match name {
        Some(name) => Format {
            name: name.to_string(),
            written: Some(written.to_string()),
        },
        None => Format {
            name: written.to_string(),
            written: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Location, UnknownMembers};
    use crate::read::yaml;

    fn read_text(text: &str) -> Spec {
        let parsed = yaml::parse(text).expect("test YAML parses");
        read("t.yaml", &parsed.root)
    }

    /// A spec modelled on the Vant/Age seed, written with its indentation, that uses every
    /// feature the reader knows.
    const FIXTURE: &str = r##"swagger: '2.0'
info:
  title: 'Vant/Age - Simulación'
  version: 2.0.0
basePath: /sandbox/v2/vantage
x-vendor: circulo
consumes: [application/json]
produces: [application/json]
parameters:
  ApiKey:
    name: x-api-key
    in: header
    required: true
    type: string
responses:
  Error400:
    description: BAD REQUEST
    schema:
      $ref: '#/definitions/Errores'
    examples:
      application/json:
        errores:
        - codigo: '400.1'
          mensaje: 'El campo no puede estar vacío.'
paths:
  /personas/{id}:
    parameters:
    - name: id
      in: path
      type: string
    - name: pretty
      in: query
      type: boolean
    get:
      operationId: getPersona
      parameters:
      - $ref: '#/parameters/ApiKey'
      - name: pretty
        in: query
        type: string
        enum: [si, no]
      - name: tags
        in: query
        type: array
        collectionFormat: csv
        items:
          type: string
        minItems: 1
        maxItems: 5
        uniqueItems: true
      responses:
        '200':
          description: OK
          schema:
            $ref: '#/definitions/Persona'
          headers:
            X-Rate-Limit:
              type: integer
        '400':
          $ref: '#/responses/Error400'
        default:
          description: error
    post:
      operationId: postPersona
      x-internal: true
      consumes: [multipart/form-data]
      parameters:
      - name: archivo
        in: formData
        type: file
      - in: body
        name: body
        required: true
        schema:
          $ref: '#/definitions/Persona'
      responses:
        '201':
          description: creado
definitions:
  CatalogoTipoAsentamiento:
    description: "Clave | Tipo de Asentamiento |\n0 | Pendiente por actualizar |\n1 | Aereopuerto |\n"
    example: '1'
    enum: ['0', '1']
  CatalogoResidencia:
    enum: [1, 2]
  Base:
    type: object
    required: [id]
    properties:
      id:
        type: string
        x-order: 1
  Persona:
    allOf:
    - $ref: '#/definitions/Base'
    - type: object
      required: [nombre]
      properties:
        nombre:
          type: string
          minLength: 1
          maxLength: 50
          pattern: '^[A-Z ]+$'
          example: JUAN
        fechaNacimiento:
          type: string
          format: yyyy-MM-dd
        ingreso:
          type: number
          minimum: 0
          exclusiveMinimum: true
          multipleOf: 0.01
        dependientes:
          type: integer
          maxLength: 2
        etiquetas:
          type: array
          items:
            type: string
        extra:
          type: object
          additionalProperties:
            type: string
    additionalProperties: false
    example:
      id: '1'
      nombre: JUAN
  Errores:
    type: object
    properties:
      errores:
        type: array
        items:
          $ref: '#/definitions/Error'
  Error:
    type: object
    x-nullable: true
    properties:
      codigo:
        type: string
"##;

    fn object<'s>(spec: &'s Spec, name: &str) -> &'s ObjectType {
        match &spec.type_named(name).expect("type exists").schema.ty {
            Type::Object(object) => object,
            other => panic!("{name} is {other:?}"),
        }
    }

    #[test]
    fn reads_metadata_and_named_types_in_file_order() {
        let spec = read_text(FIXTURE);
        assert_eq!(spec.diagnostics, []);
        assert_eq!(spec.source, "t.yaml");
        assert_eq!(spec.title, "Vant/Age - Simulación");
        assert_eq!(spec.version, "2.0.0");
        assert_eq!(spec.base_path.as_deref(), Some("/sandbox/v2/vantage"));
        assert_eq!(spec.extensions["x-vendor"], "circulo");
        let names: Vec<_> = spec.types.iter().map(|t| t.name.as_str()).collect();
        let expected = [
            "CatalogoTipoAsentamiento",
            "CatalogoResidencia",
            "Base",
            "Persona",
            "Errores",
            "Error",
        ];
        assert_eq!(names, expected);
        assert_eq!(spec.type_named("Persona").unwrap().pos, Pos::new(93, 3));
        assert!(spec.type_named("Error").unwrap().schema.nullable);
    }

    #[test]
    fn enums_infer_their_type_and_take_labels_from_the_catalogue() {
        let spec = read_text(FIXTURE);
        let cases = [
            (
                "CatalogoTipoAsentamiento",
                ScalarKind::String,
                vec![
                    ("\"0\"", Some("Pendiente por actualizar")),
                    ("\"1\"", Some("Aereopuerto")),
                ],
            ),
            (
                "CatalogoResidencia",
                ScalarKind::Integer,
                vec![("1", None), ("2", None)],
            ),
        ];
        for (name, base, values) in cases {
            let Type::Enum(e) = &spec.type_named(name).unwrap().schema.ty else {
                panic!("{name} is not an enum");
            };
            assert_eq!(e.base, base, "{name}");
            let got: Vec<_> = e
                .values
                .iter()
                .map(|v| (v.value.to_string(), v.label.as_deref()))
                .collect();
            let want: Vec<_> = values.iter().map(|(v, l)| (v.to_string(), *l)).collect();
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn all_of_merges_fields_and_required() {
        let spec = read_text(FIXTURE);
        let persona = object(&spec, "Persona");
        let fields: Vec<_> = persona
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.required))
            .collect();
        assert_eq!(
            fields,
            [
                ("id", true),
                ("nombre", true),
                ("fechaNacimiento", false),
                ("ingreso", false),
                ("dependientes", false),
                ("etiquetas", false),
                ("extra", false),
            ]
        );
        assert_eq!(persona.all_of[0].name, "Base");
        assert!(matches!(persona.unknown_members, UnknownMembers::Closed));
        let id = persona.field("id").unwrap();
        assert_eq!(id.schema.path, "definitions.Base.properties.id");
        assert_eq!(id.schema.extensions["x-order"], 1);
        assert_eq!(id.pos, Pos::new(90, 7));
    }

    #[test]
    fn constraints_keep_their_positions_and_applicability() {
        let spec = read_text(FIXTURE);
        let persona = object(&spec, "Persona");
        let c = |name: &str| &persona.field(name).unwrap().schema.constraints;
        let nombre = c("nombre");
        assert_eq!(nombre.min_length, Some(Keyword::new(1, Pos::new(101, 11))));
        assert_eq!(nombre.max_length.as_ref().unwrap().value, 50);
        assert_eq!(nombre.pattern.as_ref().unwrap().value, "^[A-Z ]+$");
        let format = &c("fechaNacimiento").format.as_ref().unwrap().value;
        assert_eq!(format.name, "date");
        assert_eq!(format.written.as_deref(), Some("yyyy-MM-dd"));
        let ingreso = c("ingreso");
        assert_eq!(ingreso.minimum.as_ref().unwrap().value, Number::from(0));
        assert!(ingreso.exclusive_minimum.as_ref().unwrap().value);
        assert_eq!(
            ingreso.multiple_of.as_ref().unwrap().value.as_f64(),
            Some(0.01)
        );
        let dependientes = c("dependientes").max_length.as_ref().unwrap();
        assert!(!dependientes.applicable, "maxLength on an integer");
        let Type::Array(etiquetas) = &persona.field("etiquetas").unwrap().schema.ty else {
            panic!("etiquetas is an array");
        };
        assert!(matches!(
            etiquetas.items.ty,
            Type::Scalar {
                ty: ScalarKind::String
            }
        ));
        let Type::Object(extra) = &persona.field("extra").unwrap().schema.ty else {
            panic!("extra is an object");
        };
        assert!(
            matches!(&extra.unknown_members, UnknownMembers::Map(s) if matches!(s.ty, Type::Scalar { ty: ScalarKind::String }))
        );
    }

    #[test]
    fn operations_resolve_shared_parameters_and_responses() {
        let spec = read_text(FIXTURE);
        let get = spec.operation("get", "/personas/{id}").unwrap();
        assert_eq!(get.label(), "GET /personas/{id}");
        assert_eq!(get.operation_id.as_deref(), Some("getPersona"));
        assert_eq!(get.produces, ["application/json"]);
        let params: Vec<_> = get
            .parameters
            .iter()
            .map(|p| (p.name.as_str(), p.location, p.required))
            .collect();
        assert_eq!(
            params,
            [
                ("id", Location::Path, true),
                ("pretty", Location::Query, false),
                ("x-api-key", Location::Header, true),
                ("tags", Location::Query, false),
            ]
        );
        assert!(
            matches!(get.parameters[1].schema.ty, Type::Enum(_)),
            "the operation's `pretty` wins"
        );
        let tags = &get.parameters[3];
        assert_eq!(tags.collection_format.as_deref(), Some("csv"));
        assert_eq!(tags.schema.constraints.min_items.as_ref().unwrap().value, 1);
        assert!(
            tags.schema
                .constraints
                .unique_items
                .as_ref()
                .unwrap()
                .applicable
        );
        let statuses: Vec<_> = get.responses.iter().map(|r| r.status.as_str()).collect();
        assert_eq!(statuses, ["200", "400", "default"]);
        let ok = get.response("200").unwrap();
        assert!(matches!(&ok.schema.as_ref().unwrap().ty, Type::Ref(r) if r.name == "Persona"));
        assert_eq!(ok.headers[0].name, "X-Rate-Limit");
        let bad = get.response("400").unwrap();
        assert_eq!(bad.description.as_deref(), Some("BAD REQUEST"));
        assert!(matches!(&bad.schema.as_ref().unwrap().ty, Type::Ref(r) if r.name == "Errores"));

        let post = spec.operation("POST", "/personas/{id}").unwrap();
        assert_eq!(post.consumes, ["multipart/form-data"]);
        assert_eq!(post.extensions["x-internal"], true);
        let archivo = post
            .parameters
            .iter()
            .find(|p| p.name == "archivo")
            .unwrap();
        assert_eq!(archivo.location, Location::FormData);
        assert!(matches!(
            archivo.schema.ty,
            Type::Scalar {
                ty: ScalarKind::File
            }
        ));
        let body = post.body.as_ref().unwrap();
        assert!(body.required);
        assert!(matches!(&body.schema.ty, Type::Ref(r) if r.pointer == "#/definitions/Persona"));
    }

    #[test]
    fn examples_say_where_they_are_and_what_they_exemplify() {
        let spec = read_text(FIXTURE);
        let got: Vec<_> = spec
            .examples
            .iter()
            .map(|e| (e.of.clone(), e.path.as_str(), e.pos.line))
            .collect();
        let response = ExampleOf::Response {
            method: "GET".into(),
            path: "/personas/{id}".into(),
            status: "400".into(),
            mime: "application/json".into(),
        };
        assert_eq!(
            got,
            [
                (
                    ExampleOf::Type {
                        name: "CatalogoTipoAsentamiento".into()
                    },
                    "definitions.CatalogoTipoAsentamiento.example",
                    82
                ),
                (
                    ExampleOf::Schema {
                        path: "definitions.Persona.allOf.1.properties.nombre".into()
                    },
                    "definitions.Persona.allOf.1.properties.nombre.example",
                    104
                ),
                (
                    ExampleOf::Type {
                        name: "Persona".into()
                    },
                    "definitions.Persona.example",
                    126
                ),
                (
                    response,
                    "paths./personas/{id}.get.responses.400.examples.application/json",
                    22
                ),
            ]
        );
        assert_eq!(
            spec.examples[2].value,
            serde_json::json!({"id": "1", "nombre": "JUAN"})
        );
        let nombre = spec
            .schema_at("definitions.Persona.allOf.1.properties.nombre")
            .unwrap();
        assert!(matches!(
            nombre.ty,
            Type::Scalar {
                ty: ScalarKind::String
            }
        ));
    }

    /// Wrong shapes are reported and read around, never a panic.
    #[test]
    fn wrong_shapes_are_diagnostics() {
        /// (what, spec, expected (code, line) of each finding in order).
        type Case = (&'static str, &'static str, &'static [(&'static str, u32)]);
        let cases: [Case; 12] = [
            ("a list at the top", "- a\n- b\n", &[("swagger.shape", 1)]),
            ("no version", "definitions: {}\n", &[("swagger.version", 1)]),
            (
                "definitions as a list",
                "swagger: '2.0'\ndefinitions: [a]\n",
                &[("swagger.shape", 2)],
            ),
            (
                "properties as a list, required: true on a property",
                "swagger: '2.0'\ndefinitions:\n  A:\n    properties: [x]\n  B:\n    properties:\n      x:\n        type: string\n        required: true\n",
                &[("swagger.shape", 4), ("swagger.shape", 9)],
            ),
            (
                "$ref that is not a string, unknown type, bad minLength",
                "swagger: '2.0'\ndefinitions:\n  A:\n    $ref: 5\n  B:\n    type: 7\n  C:\n    type: strin\n  D:\n    type: string\n    minLength: x\n",
                &[
                    ("swagger.shape", 4),
                    ("swagger.shape", 6),
                    ("swagger.shape", 8),
                    ("swagger.shape", 11),
                ],
            ),
            (
                "external and deep refs",
                "swagger: '2.0'\ndefinitions:\n  A:\n    $ref: 'other.yaml#/definitions/X'\n  B:\n    $ref: '#/definitions/A/properties/x'\n",
                &[("ref.unsupported", 4), ("ref.unsupported", 6)],
            ),
            (
                "allOf cycle",
                "swagger: '2.0'\ndefinitions:\n  A:\n    allOf:\n    - $ref: '#/definitions/B'\n  B:\n    allOf:\n    - $ref: '#/definitions/A'\n",
                &[("ref.cycle", 5), ("ref.cycle", 8)],
            ),
            (
                "enum values of the wrong type",
                "swagger: '2.0'\ndefinitions:\n  A:\n    type: integer\n    enum: [1, b]\n",
                &[("enum.value-type", 5)],
            ),
            (
                "array without items",
                "swagger: '2.0'\ndefinitions:\n  A:\n    type: array\n",
                &[("swagger.items-missing", 4)],
            ),
            (
                "dangling shared parameter and response",
                "swagger: '2.0'\nparameters:\n  ApiKey: {name: k, in: header, type: string}\nresponses: {}\npaths:\n  /a:\n    get:\n      parameters:\n      - $ref: '#/parameters/Apikey'\n      responses:\n        '200':\n          $ref: '#/responses/Ok'\n",
                &[("ref.dangling", 9), ("ref.dangling", 12)],
            ),
            (
                "parameters in a wrong place",
                "swagger: '2.0'\npaths:\n  /a:\n    get:\n      parameters:\n      - {name: k, in: cookie}\n      - 3\n      responses: []\n",
                &[
                    ("swagger.shape", 6),
                    ("swagger.shape", 7),
                    ("swagger.shape", 8),
                ],
            ),
            (
                "scalars where mappings go",
                "swagger: '2.0'\ninfo: 3\npaths:\n  /a: 4\n  /b:\n    get: 5\n",
                &[
                    ("swagger.shape", 2),
                    ("swagger.shape", 4),
                    ("swagger.shape", 6),
                ],
            ),
        ];
        for (what, text, expected) in cases {
            let spec = read_text(text);
            let got: Vec<_> = spec.diagnostics.iter().map(|d| (d.code, d.line)).collect();
            let want: Vec<_> = expected.iter().map(|(c, l)| (*c, *l)).collect();
            assert_eq!(got, want, "{what}: {:#?}", spec.diagnostics);
        }
        let dangling = read_text(cases[9].1);
        assert_eq!(
            dangling.diagnostics[0].hint.as_deref(),
            Some("did you mean `ApiKey`?")
        );
    }

    /// Corpus files `read::yaml::parse` refuses, with why. The test fails if one of them starts to
    /// parse, so the list stays true.
    /// Corpus files the YAML parser cannot read, with the reason (none today: docker-v1.41's
    /// quoted scalars continued at their key's column are read leniently now).
    const PARSE_FAILURES: [(&str, &str); 0] = [];

    /// Every spec of the shared corpus (YAML and JSON; `invalid/` left out) reads without a panic
    /// and without a dangling reference.
    #[test]
    fn corpus_reads_without_dangling_refs() {
        let dir = std::path::Path::new("/work/shared/corpus/swagger2");
        if !dir.is_dir() {
            eprintln!("skipped: {} is absent", dir.display());
            return;
        }
        let mut files = Vec::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(d) = pending.pop() {
            for entry in std::fs::read_dir(&d).expect("corpus folder is readable") {
                let path = entry.expect("corpus entry is readable").path();
                if path.is_dir() {
                    if path.file_name().is_some_and(|n| n != "invalid") {
                        pending.push(path);
                    }
                } else if path
                    .extension()
                    .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
                {
                    files.push(path);
                }
            }
        }
        files.sort();
        assert!(!files.is_empty(), "no spec in {}", dir.display());
        for path in files {
            let text = std::fs::read_to_string(&path).expect("corpus file is UTF-8");
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let known_failure = PARSE_FAILURES.iter().find(|(file, _)| *file == name);
            let parsed = match (yaml::parse(&text), known_failure) {
                (Ok(parsed), None) => parsed,
                (Err(e), Some((_, why))) => {
                    eprintln!("{}: not parsed ({why}): {}", path.display(), e.message);
                    continue;
                }
                (Err(e), None) => panic!("{}: {e:?}", path.display()),
                (Ok(_), Some(_)) => {
                    panic!("{} parses now: drop it from PARSE_FAILURES", path.display())
                }
            };
            let spec = read(&path.display().to_string(), &parsed.root);
            let findings = crate::lint::run(&spec);
            let dangling: Vec<_> = spec
                .diagnostics
                .iter()
                .chain(&findings)
                .filter(|d| d.code == "ref.dangling")
                .collect();
            assert!(dangling.is_empty(), "{}: {dangling:#?}", path.display());
            if std::env::var_os("MOLDE_DEBUG").is_some() {
                for d in spec.diagnostics.iter().chain(&findings).take(6) {
                    eprintln!(
                        "  {} {}:{} {} {} | {:?}",
                        d.code, d.line, d.column, d.path, d.message, d.hint
                    );
                }
            }
            eprintln!(
                "{}: {} types, {} operations, {} examples, {} reader findings, {} lint findings",
                path.display(),
                spec.types.len(),
                spec.operations.len(),
                spec.examples.len(),
                spec.diagnostics.len(),
                findings.len()
            );
        }
    }
}
