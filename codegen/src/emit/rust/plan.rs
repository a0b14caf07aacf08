//! The model as the Rust items it becomes: every name decided (and unique), every field's type,
//! what is boxed to break a cycle, where each type's schema is in the emitted JSON Schema.
//! [`super::tokens`] only writes the plan out.

use std::collections::{HashMap, HashSet};

use serde_json::Value as Json;

use super::RustOptions;
use super::naming::{Taken, field_name, type_name};
use crate::emit::json_schema::{
    self, Part, SchemaIndex, def_pointer, entry_pointer, operation_def_name,
};
use crate::model::{
    Constraints, EnumType, Location, ModelPath, ObjectType, Operation, ScalarKind, Schema, Spec,
    Type, UnknownMembers,
};

/// A Rust type as the plan writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Ty {
    String,
    I64,
    F64,
    Bool,
    Value,
    Vec(Box<Ty>),
    /// `BTreeMap<String, T>`.
    Map(Box<Ty>),
    Option(Box<Ty>),
    Boxed(Box<Ty>),
    /// A generated type, by its Rust name.
    Named(String),
}

/// Whether a field must be there, may be `null`, or may be left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Presence {
    Required,
    /// Required, and may be `null`: an `Option` written as `null`.
    RequiredNullable,
    /// May be left out (and, when the spec says so, be `null`): an `Option` left out when `None`.
    Optional,
}

pub(super) struct FieldItem {
    pub ident: String,
    pub wire: String,
    /// The type of the value (without the `Option` that presence adds).
    pub ty: Ty,
    pub presence: Presence,
    pub doc: Vec<String>,
    pub checks: Checks,
}

/// The keywords of a value's own schema that schemars' validation attributes can carry (its
/// `length`, `range` and `regex`); a keyword that does not apply to the value's type, and an
/// exclusive bound (schemars' ranges are inclusive), are left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Checks {
    /// `minLength`/`maxLength` of a string, `minItems`/`maxItems` of a list.
    pub length: (Option<u64>, Option<u64>),
    pub range: (Option<Json>, Option<Json>),
    pub pattern: Option<String>,
}

impl Checks {
    pub(super) fn of(schema: &Schema) -> Checks {
        fn get<T: Clone>(k: &Option<crate::model::Keyword<T>>) -> Option<T> {
            k.as_ref().filter(|k| k.applicable).map(|k| k.value.clone())
        }
        let c = &schema.constraints;
        let exclusive = |k: &Option<crate::model::Keyword<bool>>| get(k) == Some(true);
        let length = match &schema.ty {
            Type::Array(_) => (get(&c.min_items), get(&c.max_items)),
            _ => (get(&c.min_length), get(&c.max_length)),
        };
        let minimum = get(&c.minimum)
            .filter(|_| !exclusive(&c.exclusive_minimum))
            .map(Json::Number);
        let maximum = get(&c.maximum)
            .filter(|_| !exclusive(&c.exclusive_maximum))
            .map(Json::Number);
        Checks {
            length,
            range: (minimum, maximum),
            pattern: get(&c.pattern),
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        *self == Checks::default()
    }
}

pub(super) struct StructItem {
    pub name: String,
    pub doc: Vec<String>,
    /// The schema's JSON pointer in the emitted document (`#/$defs/Persona`), for `validate`.
    pub pointer: Option<String>,
    pub fields: Vec<FieldItem>,
    /// Members the object does not declare: the field that keeps them and their value type.
    pub additional: Option<(String, Ty)>,
    /// `additionalProperties: false`.
    pub closed: bool,
}

pub(super) struct Variant {
    pub ident: String,
    /// The code on the wire: a string or an integer.
    pub code: Json,
    pub doc: Option<String>,
}

pub(super) struct EnumItem {
    pub name: String,
    pub doc: Vec<String>,
    pub pointer: Option<String>,
    pub integer: bool,
    pub variants: Vec<Variant>,
    pub open: bool,
    /// The enum's own JSON Schema (its node in the emitted document, without `enum` when the
    /// enum is open), for the `JsonSchema` impl written when schemars is on.
    pub schema: Json,
}

pub(super) struct NewtypeItem {
    pub name: String,
    pub doc: Vec<String>,
    pub pointer: Option<String>,
    pub ty: Ty,
    pub checks: Checks,
}

pub(super) enum Item {
    Struct(StructItem),
    Enum(EnumItem),
    Newtype(NewtypeItem),
}

impl Item {
    pub(super) fn name(&self) -> &str {
        match self {
            Item::Struct(s) => &s.name,
            Item::Enum(e) => &e.name,
            Item::Newtype(n) => &n.name,
        }
    }
}

/// A parameter of an operation's header or query struct.
pub(super) struct ParameterItem {
    pub field: FieldItem,
}

pub(super) struct OperationItem {
    pub module: String,
    pub method: String,
    pub path: String,
    pub doc: Vec<String>,
    /// The type of the request body.
    pub request: Option<Ty>,
    /// The type of each response with a body: the alias name (`Response200`) and its type.
    pub responses: Vec<(String, String, Ty)>,
    pub headers: Vec<ParameterItem>,
    pub query: Vec<ParameterItem>,
}

pub(super) struct Plan {
    pub source: String,
    pub schema_text: String,
    pub items: Vec<Item>,
    pub operations: Vec<OperationItem>,
    /// Items that hold no `f64` anywhere, so they can derive `Eq`.
    pub eq: HashSet<String>,
    /// Items every field of which has a default, so they can derive `Default`.
    pub default: HashSet<String>,
}

/// Names the generated module declares itself.
const RESERVED: &[&str] = &["SCHEMA", "CONTRACT", "operations"];

impl Plan {
    pub(super) fn of(spec: &Spec, options: &RustOptions) -> Plan {
        let (document, index) = json_schema::to_json_schema_indexed(spec);
        let mut builder = Builder {
            spec,
            options,
            document: &document,
            index,
            taken: Taken::with(RESERVED),
            named: HashMap::new(),
            by_path: HashMap::new(),
            graph: HashMap::new(),
            current: None,
            in_container: 0,
            items: Vec::new(),
        };
        for t in &spec.types {
            let rust = builder.taken.claim(&type_name(&t.name));
            builder.named.insert(t.name.clone(), rust);
            let mut targets = Vec::new();
            direct_refs(&t.schema, &mut targets);
            builder.graph.insert(t.name.clone(), targets);
        }
        for t in &spec.types {
            builder.named_type(&t.name, &t.schema);
        }
        let mut modules = Taken::default();
        let operations = spec
            .operations
            .iter()
            .map(|op| builder.operation(op, &mut modules))
            .collect();
        let items = builder.items;
        let eq = derivable_eq(&items);
        let default = derivable_default(&items);
        Plan {
            source: spec.source.clone(),
            schema_text: json_schema::to_json_schema_string(spec),
            items,
            operations,
            eq,
            default,
        }
    }
}

struct Builder<'s> {
    spec: &'s Spec,
    options: &'s RustOptions,
    /// The emitted JSON Schema, and where each model path is in it.
    document: &'s Json,
    index: SchemaIndex,
    taken: Taken,
    /// Model name of each named type -> its Rust name.
    named: HashMap<String, String>,
    /// Model path of each schema that became an item -> the item's name (for recursive links).
    by_path: HashMap<ModelPath, String>,
    /// Each named type -> the named types it holds directly (not through a list or map).
    graph: HashMap<String, Vec<String>>,
    /// The named type being written, for boxing decisions.
    current: Option<String>,
    /// How many lists and maps the type being written is inside: a `Vec` needs no `Box`.
    in_container: usize,
    items: Vec<Item>,
}

impl Builder<'_> {
    fn named_type(&mut self, name: &str, schema: &Schema) {
        let rust = self.named[name].clone();
        self.current = Some(name.to_string());
        let pointer = Some(def_pointer(name));
        self.by_path.insert(schema.path.clone(), rust.clone());
        let doc = doc_of(schema);
        match &schema.ty {
            Type::Object(object) if !object.fields.is_empty() => {
                self.struct_item(rust, doc, pointer, object);
            }
            Type::Enum(e) if self.enumerable(e) => self.enum_item(rust, doc, pointer, e),
            _ => {
                let ty = self.value_type(schema, &rust);
                self.items.push(Item::Newtype(NewtypeItem {
                    name: rust,
                    doc,
                    pointer,
                    ty,
                    checks: Checks::of(schema),
                }));
            }
        }
        self.current = None;
    }

    fn struct_item(
        &mut self,
        name: String,
        doc: Vec<String>,
        pointer: Option<String>,
        object: &ObjectType,
    ) {
        // Reserve the slot now: nested types come after their parent.
        let slot = self.items.len();
        self.items.push(Item::Newtype(NewtypeItem {
            name: name.clone(),
            doc: Vec::new(),
            pointer: None,
            ty: Ty::Value,
            checks: Checks::default(),
        }));
        let mut idents = Taken::with(&["validate", "from_json"]);
        let mut fields = Vec::new();
        for field in &object.fields {
            let ident = idents.claim(&field_name(&field.name));
            let hint = self.nested_name(&name, &field.name, &field.schema);
            let ty = self.value_type(&field.schema, &hint);
            let presence = match (field.required, field.schema.nullable) {
                (true, false) => Presence::Required,
                (true, true) => Presence::RequiredNullable,
                (false, _) => Presence::Optional,
            };
            fields.push(FieldItem {
                ident,
                wire: field.name.clone(),
                ty,
                presence,
                doc: doc_of(&field.schema),
                checks: Checks::of(&field.schema),
            });
        }
        let additional = match &object.unknown_members {
            UnknownMembers::Closed => None,
            UnknownMembers::Open => Some(Ty::Value),
            UnknownMembers::Map(values) => {
                let hint = format!("{name}Value");
                Some(self.nullable_type(values, &hint))
            }
        }
        .map(|ty| (idents.claim("additional"), ty));
        self.items[slot] = Item::Struct(StructItem {
            name,
            doc,
            pointer,
            fields,
            additional,
            closed: matches!(object.unknown_members, UnknownMembers::Closed),
        });
    }

    /// A name for the type of a field written inline: the field's own (`ClientInfo`), or the
    /// parent's and the field's when that is taken; for a list, its item's (`ClientDocument`).
    fn nested_name(&self, parent: &str, field: &str, schema: &Schema) -> String {
        let own = match &schema.ty {
            Type::Array(_) => singular(&type_name(field)),
            _ => type_name(field),
        };
        if self.taken.is_free(&own) {
            own
        } else {
            format!("{parent}{own}")
        }
    }

    fn enumerable(&self, e: &EnumType) -> bool {
        match e.base {
            ScalarKind::String => e.values.iter().all(|v| v.value.is_string()),
            ScalarKind::Integer | ScalarKind::Number => {
                e.values.iter().all(|v| v.value.as_i64().is_some())
            }
            ScalarKind::Boolean | ScalarKind::File => false,
        }
    }

    fn enum_item(&mut self, name: String, doc: Vec<String>, pointer: Option<String>, e: &EnumType) {
        let mut schema = pointer
            .as_deref()
            .and_then(|p| self.document.pointer(p.trim_start_matches('#')))
            .filter(|node| node.get("enum").is_some())
            .cloned()
            .unwrap_or_else(|| {
                let codes: Vec<Json> = e.values.iter().map(|v| v.value.clone()).collect();
                serde_json::json!({"type": e.base.as_str(), "enum": codes})
            });
        if self.options.open_enums
            && let Some(object) = schema.as_object_mut()
        {
            object.remove("enum");
        }
        let mut idents = Taken::with(if self.options.open_enums {
            &["Other"]
        } else {
            &[]
        });
        let mut variants = Vec::new();
        for value in &e.values {
            let code_text = match &value.value {
                Json::String(s) => s.clone(),
                other => other.to_string(),
            };
            // The label names the variant, unless it has no letters or digits to name it by.
            let from = value
                .label
                .as_deref()
                .filter(|l| type_name(l) != "Value")
                .unwrap_or(&code_text);
            let ident = idents.claim(&type_name(from));
            let doc = match &value.label {
                Some(label) => Some(format!("`{code_text}`: {label}")),
                None => Some(format!("`{code_text}`")),
            };
            variants.push(Variant {
                ident,
                code: value.value.clone(),
                doc,
            });
        }
        self.items.push(Item::Enum(EnumItem {
            name,
            doc,
            pointer,
            integer: e.base != ScalarKind::String,
            variants,
            open: self.options.open_enums,
            schema,
        }));
    }

    /// The type of a value that may be `null` (a list's items, a map's values).
    fn nullable_type(&mut self, schema: &Schema, hint: &str) -> Ty {
        self.in_container += 1;
        let ty = self.value_type(schema, hint);
        self.in_container -= 1;
        if schema.nullable {
            Ty::Option(Box::new(ty))
        } else {
            ty
        }
    }

    /// The Rust type of a value of `schema`; `hint` names a type written for it.
    fn value_type(&mut self, schema: &Schema, hint: &str) -> Ty {
        match &schema.ty {
            Type::Scalar { ty } => scalar(*ty),
            Type::Enum(e) if self.enumerable(e) => {
                let name = self.taken.claim(hint);
                let pointer = self.pointer_of(&schema.path);
                self.by_path.insert(schema.path.clone(), name.clone());
                self.enum_item(name.clone(), doc_of(schema), pointer, e);
                Ty::Named(name)
            }
            Type::Enum(e) => scalar(e.base),
            Type::Array(array) => Ty::Vec(Box::new(self.nullable_type(&array.items, hint))),
            Type::Object(object) if object.fields.is_empty() => match &object.unknown_members {
                UnknownMembers::Map(values) => Ty::Map(Box::new(
                    self.nullable_type(values, &format!("{hint}Value")),
                )),
                UnknownMembers::Open | UnknownMembers::Closed => Ty::Map(Box::new(Ty::Value)),
            },
            Type::Object(object) => {
                let name = self.taken.claim(hint);
                let pointer = self.pointer_of(&schema.path);
                self.by_path.insert(schema.path.clone(), name.clone());
                self.struct_item(name.clone(), doc_of(schema), pointer, object);
                Ty::Named(name)
            }
            Type::Ref(r) => match self.named.get(&r.name) {
                Some(rust) => {
                    let ty = Ty::Named(rust.clone());
                    let cycle = self.in_container == 0
                        && self
                            .current
                            .as_deref()
                            .is_some_and(|current| self.reaches(&r.name, current));
                    if cycle { Ty::Boxed(Box::new(ty)) } else { ty }
                }
                // A dangling `$ref` (an error of `molde check`): any value, as the schema says.
                None => Ty::Value,
            },
            Type::Recursive(link) => match self.by_path.get(&link.path) {
                Some(name) if self.in_container == 0 => {
                    Ty::Boxed(Box::new(Ty::Named(name.clone())))
                }
                Some(name) => Ty::Named(name.clone()),
                None => Ty::Value,
            },
            Type::Any => Ty::Value,
        }
    }

    fn pointer_of(&self, path: &ModelPath) -> Option<String> {
        self.index.pointer(path).map(|p| format!("#{p}"))
    }

    /// Whether named type `from` holds `to` (itself included) without a list or map between.
    fn reaches(&self, from: &str, to: &str) -> bool {
        let mut stack = vec![from.to_string()];
        let mut seen = HashSet::new();
        while let Some(name) = stack.pop() {
            if name == to {
                return true;
            }
            if !seen.insert(name.clone()) {
                continue;
            }
            if let Some(next) = self.graph.get(&name) {
                stack.extend(next.iter().cloned());
            }
        }
        false
    }

    fn operation(&mut self, op: &Operation, modules: &mut Taken) -> OperationItem {
        let base = match &op.operation_id {
            Some(id) => id.clone(),
            None => operation_def_name(op, Part::Request)
                .trim_end_matches(".request")
                .to_string(),
        };
        let module = modules.claim(&field_name(&base));
        let mut doc = vec![format!("`{} {}`", op.method, op.path)];
        if let Some(summary) = op.summary.as_deref().filter(|s| !s.trim().is_empty()) {
            doc.push(String::new());
            doc.extend(summary.lines().map(str::to_string));
        }
        let request = op.body.as_ref().map(|body| {
            let hint = type_name(&operation_def_name(op, Part::Request));
            self.operation_type(
                &body.schema,
                &hint,
                entry_pointer(self.spec, op, Part::Request),
            )
        });
        let mut aliases = Taken::default();
        let mut responses = Vec::new();
        for response in &op.responses {
            let Some(schema) = &response.schema else {
                continue;
            };
            let part = Part::Response(response.status.clone());
            let hint = type_name(&operation_def_name(op, part.clone()));
            let pointer = entry_pointer(self.spec, op, part);
            let ty = self.operation_type(schema, &hint, pointer);
            let alias = aliases.claim(&type_name(&format!(
                "response {}",
                response.status.to_lowercase()
            )));
            responses.push((alias, response.status.clone(), ty));
        }
        let mut parameters = |location: Location| {
            let mut idents = Taken::default();
            op.parameters
                .iter()
                .filter(|p| p.location == location)
                .map(|p| {
                    let ident = idents.claim(&field_name(&p.name));
                    let hint = format!("{}{}", type_name(&base), type_name(&p.name));
                    let ty = self.value_type(&p.schema, &hint);
                    ParameterItem {
                        field: FieldItem {
                            ident,
                            wire: p.name.clone(),
                            ty,
                            presence: if p.required {
                                Presence::Required
                            } else {
                                Presence::Optional
                            },
                            doc: doc_of(&p.schema),
                            checks: Checks::of(&p.schema),
                        },
                    }
                })
                .collect::<Vec<_>>()
        };
        let headers = parameters(Location::Header);
        let query = parameters(Location::Query);
        OperationItem {
            module,
            method: op.method.clone(),
            path: op.path.clone(),
            doc,
            request,
            responses,
            headers,
            query,
        }
    }

    /// The type of an operation's body: the named type it refers to, else a type of its own
    /// (named `hint`), checked against its `$defs` entry.
    fn operation_type(&mut self, schema: &Schema, hint: &str, pointer: Option<String>) -> Ty {
        if let Type::Ref(r) = &schema.ty
            && let Some(rust) = self.named.get(&r.name)
        {
            return Ty::Named(rust.clone());
        }
        let before = self.items.len();
        let ty = match &schema.ty {
            Type::Object(object) if !object.fields.is_empty() => {
                let name = self.taken.claim(hint);
                self.by_path.insert(schema.path.clone(), name.clone());
                self.struct_item(name.clone(), doc_of(schema), pointer.clone(), object);
                Ty::Named(name)
            }
            _ => {
                // A list, a scalar or a map: a newtype, so that it has `validate` too.
                let name = self.taken.claim(hint);
                let inner = self.value_type(schema, &format!("{name}Item"));
                self.items.push(Item::Newtype(NewtypeItem {
                    name: name.clone(),
                    doc: doc_of(schema),
                    pointer: pointer.clone(),
                    ty: inner,
                    checks: Checks::of(schema),
                }));
                Ty::Named(name)
            }
        };
        // The body's own pointer is its `$defs` entry (the index may hold another place).
        if let Some(Item::Struct(s)) = self.items.get_mut(before) {
            s.pointer = pointer;
        }
        ty
    }
}

fn scalar(kind: ScalarKind) -> Ty {
    match kind {
        ScalarKind::String | ScalarKind::File => Ty::String,
        ScalarKind::Integer => Ty::I64,
        ScalarKind::Number => Ty::F64,
        ScalarKind::Boolean => Ty::Bool,
    }
}

/// `ClientDocuments` -> `ClientDocument`, `Propiedades` -> `Propiedad`, `Categories` ->
/// `Category`; a name that does not read as a plural gets `Item`.
fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies").filter(|s| s.len() > 1) {
        return format!("{stem}y");
    }
    if let Some(stem) = name.strip_suffix("es")
        && stem.ends_with(['d', 'l', 'n', 'r', 'z', 'j'])
        && stem.len() > 2
    {
        return stem.to_string();
    }
    if let Some(stem) = name.strip_suffix('s')
        && !stem.ends_with('s')
        && stem.len() > 2
    {
        return stem.to_string();
    }
    format!("{name}Item")
}

/// The named types `schema` holds directly: through fields and inline objects, not through
/// lists or maps (a `Vec` or a map needs no `Box` to hold its own type).
fn direct_refs(schema: &Schema, out: &mut Vec<String>) {
    match &schema.ty {
        Type::Ref(r) => out.push(r.name.clone()),
        Type::Object(object) => {
            for field in &object.fields {
                direct_refs(&field.schema, out);
            }
        }
        _ => {}
    }
}

/// The description, then what the constraints say, as doc lines.
fn doc_of(schema: &Schema) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for text in [&schema.title, &schema.description].into_iter().flatten() {
        let text = text.trim();
        if !text.is_empty() {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.extend(text.lines().map(|l| l.trim_end().to_string()));
        }
    }
    let rules = constraint_lines(&schema.constraints);
    if !rules.is_empty() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(rules);
    }
    lines
}

/// `Length: at most 30 characters.`, `Range: 0 to 9999.`, `Pattern: `^\d+$`.`, `Format: date.`
fn constraint_lines(c: &Constraints) -> Vec<String> {
    let mut out = Vec::new();
    let applicable = |k: &Option<crate::model::Keyword<u64>>| {
        k.as_ref().filter(|k| k.applicable).map(|k| k.value)
    };
    match (applicable(&c.min_length), applicable(&c.max_length)) {
        (Some(min), Some(max)) if min == max => {
            out.push(format!("Length: exactly {}.", characters(max)))
        }
        (Some(min), Some(max)) => out.push(format!("Length: {min} to {max} characters.")),
        (Some(min), None) => out.push(format!("Length: at least {}.", characters(min))),
        (None, Some(max)) => out.push(format!("Length: at most {}.", characters(max))),
        (None, None) => {}
    }
    let number = |k: &Option<crate::model::Keyword<serde_json::Number>>| {
        k.as_ref()
            .filter(|k| k.applicable)
            .map(|k| k.value.to_string())
    };
    let exclusive = |k: &Option<crate::model::Keyword<bool>>| k.as_ref().is_some_and(|k| k.value);
    let (min, max) = (number(&c.minimum), number(&c.maximum));
    let low = |v: String| {
        if exclusive(&c.exclusive_minimum) {
            format!("above {v}")
        } else {
            format!("at least {v}")
        }
    };
    let high = |v: String| {
        if exclusive(&c.exclusive_maximum) {
            format!("below {v}")
        } else {
            format!("at most {v}")
        }
    };
    match (min, max) {
        (Some(a), Some(b)) => out.push(format!("Range: {}, {}.", low(a), high(b))),
        (Some(a), None) => out.push(format!("Range: {}.", low(a))),
        (None, Some(b)) => out.push(format!("Range: {}.", high(b))),
        (None, None) => {}
    }
    if let Some(k) = c.multiple_of.as_ref().filter(|k| k.applicable) {
        out.push(format!("A multiple of {}.", k.value));
    }
    if let Some(k) = c.pattern.as_ref().filter(|k| k.applicable) {
        out.push(format!("Pattern: `{}`.", k.value.replace('`', "'")));
    }
    // `int32`, `double`: what the Rust type says already.
    if let Some(k) = c.format.as_ref().filter(|k| {
        k.applicable
            && !matches!(
                k.value.name.as_str(),
                "int32" | "int64" | "float" | "double"
            )
    }) {
        out.push(format!("Format: {}.", k.value.name));
    }
    match (applicable(&c.min_items), applicable(&c.max_items)) {
        (Some(min), Some(max)) => out.push(format!("Items: {min} to {max}.")),
        (Some(min), None) => out.push(format!("Items: at least {min}.")),
        (None, Some(max)) => out.push(format!("Items: at most {max}.")),
        (None, None) => {}
    }
    if c.unique_items
        .as_ref()
        .is_some_and(|k| k.value && k.applicable)
    {
        out.push("Items: each different.".to_string());
    }
    out
}

/// The items each type inside which passes `passes` (given the items that pass so far):
/// every item passes at first, then those that hold a failing type drop out until none do.
fn derivable(items: &[Item], passes: impl Fn(&Ty, &HashSet<String>) -> bool) -> HashSet<String> {
    let mut good: HashSet<String> = items.iter().map(|i| i.name().to_string()).collect();
    loop {
        let before = good.len();
        for item in items {
            let ok = match item {
                Item::Struct(s) => s
                    .fields
                    .iter()
                    .map(|f| (&f.ty, f.presence))
                    .chain(
                        s.additional
                            .as_ref()
                            .map(|(_, ty)| (ty, Presence::Optional)),
                    )
                    .all(|(ty, presence)| match presence {
                        Presence::Required => passes(ty, &good),
                        // An `Option` of it.
                        Presence::RequiredNullable | Presence::Optional => {
                            passes(&Ty::Option(Box::new(ty.clone())), &good)
                        }
                    }),
                Item::Enum(_) => passes(&Ty::Named(item.name().to_string()), &good),
                Item::Newtype(n) => passes(&n.ty, &good),
            };
            if !ok {
                good.remove(item.name());
            }
        }
        if good.len() == before {
            return good;
        }
    }
}

/// Whether `ty` has no `f64` inside (so `Eq` can be derived).
pub(super) fn exact(ty: &Ty, good: &HashSet<String>) -> bool {
    match ty {
        Ty::F64 => false,
        Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) | Ty::Boxed(inner) => {
            exact(inner, good)
        }
        Ty::Named(name) => good.contains(name),
        Ty::String | Ty::I64 | Ty::Bool | Ty::Value => true,
    }
}

/// Whether `ty` has a `Default` (an enum has none: no code is a sensible default).
fn defaultable(ty: &Ty, good: &HashSet<String>, enums: &HashSet<&str>) -> bool {
    match ty {
        Ty::Vec(_) | Ty::Map(_) | Ty::Option(_) => true,
        Ty::Boxed(inner) => defaultable(inner, good, enums),
        Ty::Named(name) => !enums.contains(name.as_str()) && good.contains(name),
        Ty::String | Ty::I64 | Ty::F64 | Ty::Bool | Ty::Value => true,
    }
}

fn derivable_eq(items: &[Item]) -> HashSet<String> {
    derivable(items, exact)
}

fn derivable_default(items: &[Item]) -> HashSet<String> {
    let enums: HashSet<&str> = items
        .iter()
        .filter(|i| matches!(i, Item::Enum(_)))
        .map(|i| i.name())
        .collect();
    let mut good = derivable(items, |ty, good| defaultable(ty, good, &enums));
    for name in &enums {
        good.remove(*name);
    }
    good
}

/// `1 character`, `5 characters`.
fn characters(n: u64) -> String {
    if n == 1 {
        "1 character".to_string()
    } else {
        format!("{n} characters")
    }
}
