//! Swagger schemas into [`Schema`]s: types, enums with their catalogue labels, objects with
//! their `allOf` members merged in, and the validation keywords.
//!
//! Merging: the fields and `required` of every `allOf` member are merged into the object (a
//! later member's field replaces an earlier one of the same name). A definition named by
//! several members is read once and its merge reused. Met again while it is being merged, a
//! definition is either
//! - a recursive type, when a member or item lies between (`Cat.siblings.items: allOf [{rank},
//!   {$ref: Cat}]`): the object that names it again is the same as the one read further out,
//!   and becomes a [`Type::Recursive`] link to it; or
//! - a cycle no value can end (`A: allOf [B]`, `B: allOf [A]`): a `ref.cycle` error.

use std::collections::HashSet;

use serde_json::Number;

use super::{MAX_MERGED_SCHEMAS, MAX_SCHEMA_DEPTH, Reader, extensions, text_of};
use crate::diag::Diagnostic;
use crate::model::{
    ArrayType, Constraints, EnumType, EnumValue, Field, Format, Keyword, ModelPath, Name,
    ObjectType, ScalarKind, Schema, SchemaLink, Type, TypeRef, UnknownMembers,
};
use crate::read::catalogue::CatalogueTable;
use crate::read::refs::local_ref;
use crate::suggest::closest_name;
use crate::tree::{Entry, Node, Pos, Value};

/// What merging one `allOf` member gave.
enum Merged {
    /// Its fields and `required` (when it is an object).
    Schema(Box<Schema>),
    /// Nothing to merge: the definition is missing (the ref lint reports it) or a cycle (reported).
    Nothing,
    /// The definition is being merged further out, with a member in between: a recursive type.
    Again,
}

impl Reader<'_> {
    /// The schema `node`; its `example` is left to the caller, which knows what it exemplifies.
    pub(super) fn schema_body(&mut self, node: &Node, path: &ModelPath, depth: usize) -> Schema {
        let mut schema = Schema::new(Type::Any, path.clone(), node.pos);
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
                .path(path.to_string()),
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
        schema.default_pos = node.get("default").map(|d| d.pos);
        schema.extensions = extensions(node);

        let (declared, type_nullable) = self.declared_type(node, path);
        schema.nullable |= type_nullable;
        schema.ty = self.schema_type(node, declared, path, depth, schema.description.as_deref());
        schema.constraints = self.constraints(node, path, &schema.ty);
        schema
    }

    /// A schema that is not a named type, with its `example` (if any) recorded as one of it.
    pub(super) fn schema(&mut self, node: &Node, path: &ModelPath, depth: usize) -> Schema {
        let schema = self.schema_body(node, path, depth);
        self.example_at(node, path, path);
        if let Some(description) = node.get("description") {
            let of = crate::model::ExampleOf::Schema { path: path.clone() };
            self.description_examples(description, &of, &path.child("description"));
        }
        schema
    }

    /// Records the `example` of the schema `node` (written at `path`) as an example of the
    /// schema at `exemplifies`.
    fn example_at(&mut self, node: &Node, path: &ModelPath, exemplifies: &ModelPath) {
        if let Some(example) = node.get("example") {
            self.example(
                crate::model::ExampleOf::Schema {
                    path: exemplifies.clone(),
                },
                path.child("example"),
                example,
            );
        }
    }

    /// A member, array item or map value: read one level further inside values.
    fn member_schema(&mut self, node: &Node, path: &ModelPath, depth: usize) -> Schema {
        self.members += 1;
        let schema = self.schema(node, path, depth + 1);
        self.members -= 1;
        schema
    }

    /// The `type` keyword: its value, and whether it lists `null` (`type: [string, 'null']`).
    fn declared_type(&mut self, node: &Node, path: &ModelPath) -> (Option<String>, bool) {
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
        self.shape(ty, &path.child("type"), "a type name");
        (None, false)
    }

    fn schema_type(
        &mut self,
        node: &Node,
        declared: Option<String>,
        path: &ModelPath,
        depth: usize,
        description: Option<&str>,
    ) -> Type {
        if let Some(r) = node.get("$ref") {
            return self.definition_ref(r, path);
        }
        if let Some(r) = annotated_reference(node, declared.as_deref()) {
            return self.definition_ref(r, &path.child("allOf").child("0"));
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
            self.shape(values, &path.child("enum"), "a list of values");
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
                let items_path = path.child("items");
                let items = match node.get("items") {
                    Some(items) if items.as_seq().is_some() => {
                        // Tuple validation is not Swagger 2; read the first item type.
                        self.shape(items, &items_path, "a schema (a mapping)");
                        Schema::new(Type::Any, items_path, items.pos)
                    }
                    Some(items) => self.member_schema(items, &items_path, depth),
                    None => {
                        self.report(
                            Diagnostic::warning(
                                "swagger.items-missing",
                                "an array without `items`; its items can be anything",
                            )
                            .at(node.pos)
                            .path(path.to_string()),
                        );
                        Schema::new(Type::Any, items_path, node.pos)
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
                        // An error: read as any value, the schema would accept anything.
                        const TYPES: [&str; 7] = [
                            "string", "integer", "number", "boolean", "object", "array", "file",
                        ];
                        let hint = match closest_name(name, TYPES) {
                            Some(close) => format!("did you mean `{close}`?"),
                            None => format!("Swagger 2.0 types are {}", TYPES.join(", ")),
                        };
                        self.report(
                            Diagnostic::error(
                                "swagger.unknown-type",
                                format!("unknown type `{name}`; the schema would accept any value"),
                            )
                            .at(node.get("type").map_or(node.pos, |t| t.pos))
                            .path(path.child("type").to_string())
                            .hint(hint),
                        );
                    }
                    Type::Any
                }
            },
        }
    }

    /// A `$ref` inside a schema: only `#/definitions/<name>` names a type.
    pub(super) fn definition_ref(&mut self, r: &Node, path: &ModelPath) -> Type {
        let Some(pointer) = r.as_str() else {
            self.shape(r, &path.child("$ref"), "a reference string");
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
                    .path(path.to_string())
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
        path: &ModelPath,
        description: Option<&str>,
    ) -> EnumType {
        let base = declared
            .and_then(scalar_kind)
            .unwrap_or_else(|| infer_enum_kind(values));
        let catalogue = description
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
                                "enum value {} is {}, not {}",
                                node.to_json(),
                                crate::suggest::with_article(node.kind()),
                                crate::suggest::with_article(base.as_str())
                            ),
                        )
                        .at(node.pos)
                        .path(path.child("enum").to_string()),
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
            value.label = catalogue
                .iter()
                .find_map(|t| t.label(&code))
                .map(str::to_string);
            out.push(value);
        }
        EnumType {
            base,
            values: out,
            pos,
            catalogue,
        }
    }

    fn object(&mut self, node: &Node, path: &ModelPath, depth: usize) -> Type {
        let mut object = ObjectType {
            discriminator: node
                .get("discriminator")
                .and_then(|d| text_of(Some(d)).map(|name| Name { name, pos: d.pos })),
            ..ObjectType::default()
        };
        if let Some(members) = node.get("allOf") {
            match members.as_seq() {
                Some(members) => {
                    if let Some(link) = self.merge_all_of(&mut object, members, path, depth) {
                        return Type::Recursive(link);
                    }
                }
                None => self.shape(members, &path.child("allOf"), "a list of schemas"),
            }
        }
        let mut own = Vec::new();
        if let Some(properties) = self.map_at(node, "properties", &path.child("properties")) {
            for entry in properties.as_map().unwrap_or_default() {
                own.push(self.field(entry, path, depth));
            }
        }
        for field in own {
            put_field(&mut object.fields, field);
        }
        if let Some(required) = node.get("required") {
            let required_path = path.child("required");
            match required.as_seq() {
                Some(names) => {
                    for name in names {
                        match name.scalar_text() {
                            Some(text) => object.required.push(Name {
                                name: text,
                                pos: name.pos,
                            }),
                            None => self.shape(name, &required_path, "a property name"),
                        }
                    }
                }
                None => self.shape(required, &required_path, "a list of property names"),
            }
        }
        if let Some(additional) = node.get("additionalProperties") {
            object.unknown_members = match additional.as_bool() {
                Some(true) => UnknownMembers::Open,
                Some(false) => UnknownMembers::Closed,
                None => UnknownMembers::Map(Box::new(self.member_schema(
                    additional,
                    &path.child("additionalProperties"),
                    depth,
                ))),
            };
        }
        let required: HashSet<&str> = object.required.iter().map(|n| n.name.as_str()).collect();
        for field in &mut object.fields {
            field.required |= required.contains(field.name.as_str());
        }
        Type::Object(object)
    }

    fn field(&mut self, entry: &Entry, path: &ModelPath, depth: usize) -> Field {
        let field_path = path.child("properties").child(entry.key.as_str());
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
                .path(field_path.child("required").to_string())
                .hint(format!("list `{}` in `{path}.required` instead", entry.key)),
            );
        }
        Field {
            name: entry.key.clone(),
            pos: entry.key_pos,
            required: false,
            schema: self.member_schema(&entry.value, &field_path, depth),
        }
    }

    /// Merges the members of `allOf` into `object`: fields in member order (a later member's
    /// field replaces an earlier one of the same name), `required` lists joined. Returns a link
    /// to the object itself when a member is a definition being merged further out (see the
    /// module documentation).
    fn merge_all_of(
        &mut self,
        object: &mut ObjectType,
        members: &[Node],
        path: &ModelPath,
        depth: usize,
    ) -> Option<SchemaLink> {
        for (i, member) in members.iter().enumerate() {
            let member_path = path.child("allOf").child(i.to_string());
            let merged = match member.get("$ref") {
                Some(r) => {
                    let Type::Ref(target) = self.definition_ref(r, &member_path) else {
                        continue;
                    };
                    match self.merge_definition(&target, &member_path, depth) {
                        Merged::Again => {
                            return Some(SchemaLink {
                                path: path.clone(),
                                pos: target.pos,
                            });
                        }
                        Merged::Nothing => {
                            push_unique(&mut object.all_of, target);
                            continue;
                        }
                        Merged::Schema(schema) => {
                            push_unique(&mut object.all_of, target);
                            *schema
                        }
                    }
                }
                None => {
                    // The member is merged into the object and has no schema of its own: its
                    // example shows the object it composes (docker puts one there).
                    let schema = self.schema_body(member, &member_path, depth + 1);
                    self.example_at(member, &member_path, path);
                    schema
                }
            };
            match merged.ty {
                Type::Object(member_object) => {
                    for field in member_object.fields {
                        put_field(&mut object.fields, field);
                    }
                    object.required.extend(member_object.required);
                    for named in member_object.all_of {
                        push_unique(&mut object.all_of, named);
                    }
                    if object.discriminator.is_none() {
                        object.discriminator = member_object.discriminator;
                    }
                }
                Type::Any => {}
                // An inline member that is itself the same as an enclosing schema.
                Type::Recursive(link) => return Some(link),
                other => self.report(
                    Diagnostic::warning(
                        "allof.not-object",
                        format!(
                            "`allOf` member {i} is not an object ({}); its fields cannot be merged",
                            type_kind(&other)
                        ),
                    )
                    .at(member.pos)
                    .path(member_path.to_string()),
                ),
            }
        }
        None
    }

    /// The definition `target` read for merging (once; later merges reuse it).
    fn merge_definition(&mut self, target: &TypeRef, path: &ModelPath, depth: usize) -> Merged {
        if let Some(&(_, members)) = self.merging.iter().find(|(name, _)| *name == target.name) {
            if self.members > members {
                return Merged::Again;
            }
            // Found only while re-reading a member, which mutes findings: this one must get out.
            self.diagnostics.push(
                Diagnostic::error(
                    "ref.cycle",
                    format!(
                        "`allOf` of `{}` includes itself without a member or item in between: no value can be checked against it",
                        target.name
                    ),
                )
                .at(target.pos)
                .path(path.to_string())
                .hint("remove the reference that closes the loop")
                .file(self.file),
            );
            return Merged::Nothing;
        }
        if self.merge_budget == 0 {
            return Merged::Nothing;
        }
        let merged = match self.merged.get(&target.name) {
            Some(done) => done.clone(),
            None => {
                let root = self.root;
                let Some(definition) = root.get("definitions").and_then(|d| d.get(&target.name))
                else {
                    return Merged::Nothing;
                };
                self.merging.push((target.name.clone(), self.members));
                self.muted += 1;
                let schema = self.schema_body(
                    definition,
                    &ModelPath::from(["definitions", target.name.as_str()]),
                    depth + 1,
                );
                self.muted -= 1;
                self.merging.pop();
                // A definition that turned out to be the same as one being merged further out
                // only means that in this context: merged from elsewhere it is read again.
                if !matches!(schema.ty, Type::Recursive(_)) {
                    self.merged
                        .insert(target.name.clone(), Some(schema.clone()));
                }
                Some(schema)
            }
        };
        let Some(schema) = merged else {
            return Merged::Nothing;
        };
        // Every merge copies the member's schemas into the object: bound the copies, so that
        // definitions merging each other through members cannot grow the model exponentially.
        let cost = schema_count(&schema);
        if cost >= self.merge_budget {
            self.merge_budget = 0;
            self.diagnostics.push(
                Diagnostic::error(
                    "swagger.too-complex",
                    format!(
                        "merging `allOf` members copies more than {MAX_MERGED_SCHEMAS} schemas: the rest are left out"
                    ),
                )
                .at(target.pos)
                .path(path.to_string())
                .hint("definitions merge each other through `allOf` in too many ways; refer to them with `$ref` instead")
                .file(self.file),
            );
            return Merged::Nothing;
        }
        self.merge_budget -= cost;
        Merged::Schema(Box::new(schema))
    }

    fn constraints(&mut self, node: &Node, path: &ModelPath, ty: &Type) -> Constraints {
        let kind = ty.scalar_kind();
        // What JSON Schema can apply to this type; a reference or `Any` could be anything.
        let open = matches!(ty, Type::Ref(_) | Type::Any | Type::Recursive(_));
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
        path: &ModelPath,
    ) -> Option<(&'n Entry, String)> {
        let entry = node.entry(key)?;
        match entry.value.scalar_text() {
            Some(text) => Some((entry, text)),
            None => {
                self.shape(&entry.value, &path.child(key), "a string");
                None
            }
        }
    }

    fn count(
        &mut self,
        node: &Node,
        key: &str,
        path: &ModelPath,
        applies: bool,
    ) -> Option<Keyword<u64>> {
        let entry = node.entry(key)?;
        match entry.value.as_i64().and_then(|n| u64::try_from(n).ok()) {
            Some(n) => Some(applicable(Keyword::new(n, entry.key_pos), applies)),
            None => {
                self.shape(&entry.value, &path.child(key), "a non-negative integer");
                None
            }
        }
    }

    fn number(
        &mut self,
        node: &Node,
        key: &str,
        path: &ModelPath,
        applies: bool,
    ) -> Option<Keyword<Number>> {
        let entry = node.entry(key)?;
        match entry.value.to_json() {
            serde_json::Value::Number(n) => {
                Some(applicable(Keyword::new(n, entry.key_pos), applies))
            }
            _ => {
                self.shape(&entry.value, &path.child(key), "a number");
                None
            }
        }
    }

    fn flag(
        &mut self,
        node: &Node,
        key: &str,
        path: &ModelPath,
        applies: bool,
    ) -> Option<Keyword<bool>> {
        let entry = node.entry(key)?;
        match entry.value.as_bool() {
            Some(b) => Some(applicable(Keyword::new(b, entry.key_pos), applies)),
            None => {
                self.shape(&entry.value, &path.child(key), "true or false");
                None
            }
        }
    }
}

/// The `$ref` of a schema that only annotates a reference: `{allOf: [{$ref: X}], description}`,
/// the Swagger 2.0 idiom for describing a use of `X` (siblings of a `$ref` are ignored). Such a
/// schema is `X` itself, not an object of `X`'s fields merged in (that would also drop `X`'s
/// `additionalProperties`, and copy `X` into every use).
fn annotated_reference<'n>(node: &'n Node, declared: Option<&str>) -> Option<&'n Node> {
    let [member] = node.get("allOf")?.as_seq()? else {
        return None;
    };
    let target = member.get("$ref")?;
    let annotations_only = member.as_map()?.len() == 1
        && matches!(declared, None | Some("object"))
        && [
            "properties",
            "additionalProperties",
            "required",
            "discriminator",
        ]
        .iter()
        .all(|k| node.get(k).is_none());
    annotations_only.then_some(target)
}

/// How many schemas `schema` holds, itself included.
fn schema_count(schema: &Schema) -> usize {
    let mut count = 0;
    let mut pending = vec![schema];
    while let Some(s) = pending.pop() {
        count += 1;
        pending.extend(s.children());
    }
    count
}

/// Puts `field` in place of the field of the same name, or at the end.
fn put_field(fields: &mut Vec<Field>, field: Field) {
    match fields.iter_mut().find(|f| f.name == field.name) {
        Some(existing) => *existing = field,
        None => fields.push(field),
    }
}

/// Adds a named type to an object's `allOf` list unless it is there already (a diamond names a
/// definition twice).
fn push_unique(all_of: &mut Vec<TypeRef>, named: TypeRef) {
    if !all_of.iter().any(|r| r.name == named.name) {
        all_of.push(named);
    }
}

fn applicable<T>(mut keyword: Keyword<T>, applies: bool) -> Keyword<T> {
    keyword.applicable = applies;
    keyword
}

pub(super) fn scalar_kind(name: &str) -> Option<ScalarKind> {
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
        Type::Recursive(_) => "recursive",
        Type::Any => "any",
    }
}

/// The type of enum values written without `type`: integer if all are, number if all are
/// numbers, boolean if all are, else string.
fn infer_enum_kind(values: &[Node]) -> ScalarKind {
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
/// (`2.0` under `type: integer`), else `Err` with the value as written. A number under
/// `type: string` stays the number it is: a payload sends what the spec wrote, and the
/// validator must not accept `"1"` for an enum that says `1` (the reader reports it).
fn coerce(node: &Node, base: ScalarKind) -> Result<serde_json::Value, serde_json::Value> {
    use serde_json::Value as J;
    let json = node.to_json();
    match (base, &node.value) {
        (ScalarKind::String, Value::Str(_))
        | (ScalarKind::Integer, Value::Int(_))
        | (ScalarKind::Number, Value::Int(_) | Value::Float(_))
        | (ScalarKind::Boolean, Value::Bool(_)) => Ok(json),
        (ScalarKind::Integer, Value::Float(_)) => node.as_i64().map(J::from).ok_or(json),
        _ => Err(json),
    }
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
