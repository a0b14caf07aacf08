//! Rows into fields: nesting from level columns (or the example, for a flat table), then each
//! field's type, size, codes, required mark and "same as" into the model.

use std::collections::HashMap;

use super::columns::{Columns, Role, fold, says_required};
use super::rules::{
    BOLD_GROUPS, DOTTED_NAMES, GUIDED_NESTING, REQUIRED_GROUP, TABLE_PER_OBJECT, TYPE_FROM_PROSE,
    TableRules,
};
use super::types::{TypeWord, array_items, inline_size, size, type_in_prose, type_word};
use super::values;
use super::{Attribute, Cell, Table, captions, dotted, guided};
use crate::diag::Diagnostic;
use crate::model::{
    ArrayType, Constraints, EnumType, EnumValue, Field, Format, Keyword, ModelPath, NamedType,
    ObjectType, ScalarKind, Schema, Type, TypeRef,
};
use crate::tree::{Node, Pos};

/// A field as the rows declare it, with the fields nested in it.
#[derive(Clone, Debug, Default)]
pub(super) struct FieldNode {
    /// The wire name, as read (the required mark and stray markup removed).
    pub name: String,
    pub cell: Cell,
    /// Marked required (`name*`, a required column, an attribute list).
    pub required: bool,
    pub ty: Option<Cell>,
    pub size: Option<Cell>,
    pub description: Option<Cell>,
    pub values: Option<Cell>,
    pub children: Vec<FieldNode>,
    /// Nesting level in the table (0 for the outermost, or for every row of a flat table).
    pub depth: usize,
    /// What the example shows for this field, for a flat table guided by one.
    pub shown: Option<guided::Shown>,
}

/// Named types made for "same as" targets, in the order they are first met.
#[derive(Default)]
pub(super) struct NamedTypes {
    types: Vec<NamedType>,
    /// Normalized field name of a target -> its type name.
    by_field: HashMap<String, String>,
}

impl NamedTypes {
    pub(super) fn into_types(self) -> Vec<NamedType> {
        self.types
    }

    /// A type name for the field `name` that no other type has: `FirstBankReference`.
    fn reserve(&mut self, name: &str) -> String {
        let base = pascal_case(name);
        let base = if base.is_empty() {
            "Type".to_string()
        } else {
            base
        };
        let mut candidate = base.clone();
        let mut n = 2;
        while self.types.iter().any(|t| t.name == candidate)
            || self.by_field.values().any(|v| *v == candidate)
        {
            candidate = format!("{base}{n}");
            n += 1;
        }
        candidate
    }
}

/// `first_bank_reference` -> `FirstBankReference`.
fn pascal_case(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect()
}

/// What a document says about one object: its tables, the attribute list beside them, and the
/// example that guides a flat table.
pub(super) struct Described<'d> {
    pub tables: &'d [Table],
    pub attributes: &'d [Attribute],
    pub guide: Option<&'d Node>,
}

/// The object `described` says, at `path`.
pub(super) fn object_from_tables(
    described: Described<'_>,
    path: &ModelPath,
    pos: Pos,
    rules: &TableRules,
    named: &mut NamedTypes,
    found: &mut Vec<Diagnostic>,
) -> Schema {
    let Described {
        tables,
        attributes,
        guide,
    } = described;
    let mut rows: Vec<FieldNode> = Vec::new();
    let mut flat = true;
    // Tables of their own for an object named in their captions, with whether each is flat.
    let mut objects: Vec<(captions::Target<'_>, Vec<FieldNode>, bool, Cell)> = Vec::new();
    let mut known = std::collections::HashSet::new();
    for (index, table) in tables.iter().enumerate() {
        let Some(columns) = Columns::of(&table.header) else {
            continue;
        };
        if columns.find(Role::Type).is_none() {
            let (what, hint) = match guide {
                Some(_) => (
                    "its fields take the types their example shows",
                    "add a type column (Tipo, Type) so that the contract does not rest on one example",
                ),
                None => (
                    "its fields accept any value",
                    "add a type column (Tipo, Type), or an example of the payload",
                ),
            };
            found.push(
                Diagnostic::info(
                    "table.no-type-column",
                    format!("this field table has no type column: {what}"),
                )
                .at(table.pos)
                .path(path.to_string())
                .hint(hint),
            );
        }
        let table_flat = columns.levels().is_empty();
        let table_rows = table_rows(table, &columns, found);
        let target = (index > 0 && rules.is_on(TABLE_PER_OBJECT))
            .then(|| captions::target(&table.captions, &known, guide))
            .flatten();
        captions::learn(&table_rows, &mut known);
        match target {
            Some(target) => {
                let at = table_rows
                    .first()
                    .map_or_else(Cell::default, |r| r.cell.clone());
                objects.push((target, table_rows, table_flat, at));
            }
            None => {
                flat &= table_flat;
                rows.extend(table_rows);
            }
        }
    }
    merge_attributes(&mut rows, attributes);
    let mut nodes = nest(rows, flat, guide, rules, found);
    for (target, rows, table_flat, at) in objects {
        let children = nest(rows, table_flat, captions::guide(&target), rules, found);
        captions::attach(&mut nodes, &target, children, &at);
    }
    let mut builder = Builder {
        named,
        found,
        required_groups: rules.is_on(REQUIRED_GROUP),
        prose_types: rules.is_on(TYPE_FROM_PROSE),
        targets: HashMap::new(),
        filled: Default::default(),
    };
    builder.collect_targets(&nodes);
    builder.reserve_targets(&nodes);
    let object = builder.object(&nodes, path);
    let mut schema = Schema::new(Type::Object(object), path.clone(), pos);
    schema.nullable = false;
    schema
}

/// Rows in table order nested: by their level columns, by the paths their names write, or as
/// the example shows (a flat table); else they stay flat.
fn nest(
    rows: Vec<FieldNode>,
    flat: bool,
    guide: Option<&Node>,
    rules: &TableRules,
    found: &mut Vec<Diagnostic>,
) -> Vec<FieldNode> {
    if flat && rules.is_on(DOTTED_NAMES) && dotted::writes_paths(&rows) {
        dotted::nest(rows)
    } else if flat && rules.is_on(BOLD_GROUPS) && bold_groups(&rows) {
        nest_under_bold(rows)
    } else if flat {
        match guide.filter(|_| rules.is_on(GUIDED_NESTING)) {
            Some(example) => guided::nest(rows, example, rules, found),
            None => rows,
        }
    } else {
        nest_by_depth(rows)
    }
}

/// Whether a flat table marks its groups by writing their names in bold (`| **order** |
/// _Object_ |`) and the rest otherwise (`| \`number\` | _String_ |`).
fn bold_groups(rows: &[FieldNode]) -> bool {
    let groups = rows.iter().filter(|r| is_bold_group(r)).count();
    groups > 0 && rows.iter().any(|r| !is_bold(&r.cell))
}

fn is_bold(cell: &Cell) -> bool {
    let raw = cell.raw.trim().trim_end_matches("\\*").trim_end();
    (raw.starts_with("**") && raw.ends_with("**") && raw.len() > 4)
        || (raw.starts_with("__") && raw.ends_with("__") && raw.len() > 4)
}

fn is_bold_group(row: &FieldNode) -> bool {
    is_bold(&row.cell)
        && row
            .ty
            .as_ref()
            .and_then(|c| type_word(&c.text))
            .is_some_and(|w| matches!(w, TypeWord::Object | TypeWord::Array))
}

/// Each bold group row takes the rows after it, up to the next one, as its fields.
fn nest_under_bold(rows: Vec<FieldNode>) -> Vec<FieldNode> {
    let mut out: Vec<FieldNode> = Vec::new();
    let mut open: Option<FieldNode> = None;
    for row in rows {
        if is_bold_group(&row) {
            out.extend(open.take());
            open = Some(row);
        } else {
            match open.as_mut() {
                Some(group) => group.children.push(row),
                None => out.push(row),
            }
        }
    }
    out.extend(open);
    out
}

/// The rows of a table, one per name: a row that names a field at several levels at once
/// (`| client_references | first_bank_reference | country_code | varchar |`) opens the outer
/// ones and describes the innermost.
fn table_rows(table: &Table, columns: &Columns, found: &mut Vec<Diagnostic>) -> Vec<FieldNode> {
    let cell = |row: &[Cell], role: Role| -> Option<Cell> {
        columns
            .find(role)
            .and_then(|i| row.get(i))
            .filter(|c| !c.text.trim().is_empty())
            .cloned()
    };
    let levels = columns.levels();
    let mut out = Vec::new();
    // The depth of every name seen so far, for "same as" notes.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        // A row may end early where only notes would follow (`symbol | STRING | YES |` under
        // a Description column); one that lacks a type or a required mark is reported.
        let lacks_a_fact = columns.roles[row.len().min(columns.roles.len())..]
            .iter()
            .any(|r| matches!(r, Some(Role::Type | Role::Required | Role::Size)));
        if row.len() < columns.roles.len() && lacks_a_fact {
            if let Some(first) = row.first() {
                found.push(
                    Diagnostic::warning(
                        "table.missing-cells",
                        format!(
                            "this row has {} cells; the table's header has {}",
                            row.len(),
                            columns.roles.len()
                        ),
                    )
                    .at(first.pos)
                    .hint("the missing cells are read as empty"),
                );
            }
        }
        let mut names: Vec<(usize, Cell)> = Vec::new();
        // `buy_order String` in one cell: the name, then the type.
        let mut type_in_name = None;
        if let Some(both) = cell(row, Role::NameAndType) {
            let text = both.text.trim();
            let (name, ty) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
            let ty = ty.trim();
            if !ty.is_empty() {
                type_in_name = Some(Cell {
                    text: ty.to_string(),
                    raw: ty.to_string(),
                    ..both.clone()
                });
            }
            let raw_name = both
                .raw
                .split("<br")
                .next()
                .unwrap_or(&both.raw)
                .trim()
                .to_string();
            names.push((
                0,
                Cell {
                    text: name.to_string(),
                    raw: raw_name,
                    ..both
                },
            ));
        } else if levels.is_empty() {
            if let Some(name) = cell(row, Role::Name) {
                names.push((0, name));
            }
        } else {
            for (depth, (_, index)) in levels.iter().enumerate() {
                if let Some(name) = row.get(*index).filter(|c| !c.text.trim().is_empty()) {
                    names.push((depth, name.clone()));
                }
            }
        }
        let Some(last) = names.len().checked_sub(1) else {
            if let Some(first) = row.iter().find(|c| !c.text.trim().is_empty()) {
                found.push(
                    Diagnostic::warning(
                        "table.unnamed-row",
                        "this row of a field table names no field; it is left out",
                    )
                    .at(first.pos),
                );
            }
            continue;
        };
        // "Same as x" in a row that also opens groups is said of the name at x's level
        // (`| second_personal_reference* | name | ... | Igual que first_personal_reference |`):
        // the names under it are the copied first row of x, and are left out.
        let note = [Role::Description, Role::Type, Role::Values]
            .into_iter()
            .filter_map(|role| cell(row, role))
            .find_map(|c| same_as(&c.text));
        let mut last = last;
        if let Some(target) = note
            && let Some(&target_depth) = seen.get(&fold(&target))
            && let Some(at) = names.iter().position(|(depth, _)| *depth == target_depth)
            && at < last
        {
            for (_, left_out) in &names[at + 1..] {
                found.push(
                    Diagnostic::info(
                        "table.same-as-children",
                        format!(
                            "`{}` is left out: its row says the group around it is the same as `{target}`",
                            left_out.text.trim()
                        ),
                    )
                    .at(left_out.pos),
                );
            }
            names.truncate(at + 1);
            last = at;
        }
        for (n, (depth, name_cell)) in names.into_iter().enumerate() {
            let (name, marked) = clean_name(&name_cell, found);
            seen.insert(fold(&name), depth);
            let mut node = FieldNode {
                name,
                cell: name_cell,
                required: marked,
                depth,
                ..FieldNode::default()
            };
            if n == last {
                node.ty = cell(row, Role::Type).or_else(|| type_in_name.clone());
                node.size = cell(row, Role::Size);
                node.description = cell(row, Role::Description);
                node.values = cell(row, Role::Values);
                if let Some(required) = cell(row, Role::Required) {
                    node.required |= says_required(&required.text);
                }
            }
            out.push(node);
        }
    }
    out
}

/// A name cell's field name, and whether it carries the required mark (`*`). A name written
/// with stray markup is read as meant and reported.
fn clean_name(cell: &Cell, found: &mut Vec<Diagnostic>) -> (String, bool) {
    let mut text = cell.text.trim().trim_matches('`').trim().to_string();
    // A mark written after the name (`amount Required`, `IvaIncluded Deprecado (Delta 4)`).
    let mut said_required = false;
    if let Some((name, rest)) = text.split_once(char::is_whitespace) {
        let first = fold(rest).split(' ').next().unwrap_or("").to_string();
        let mark = matches!(
            first.as_str(),
            "required"
                | "requerido"
                | "obligatorio"
                | "mandatory"
                | "optional"
                | "opcional"
                | "conditional"
                | "condicional"
                | "deprecated"
                | "deprecado"
                | "nullable"
        );
        if mark && !name.is_empty() {
            said_required = matches!(
                first.as_str(),
                "required" | "requerido" | "obligatorio" | "mandatory"
            );
            text = name.trim_matches('`').to_string();
        }
    }
    let marked = text.ends_with('*') || said_required;
    text = text.trim_end_matches('*').trim().to_string();
    let mut name = text.clone();
    while name.contains("__") {
        name = name.replace("__", "_");
    }
    if (cell.markup && !styled_whole(cell)) || name != text {
        found.push(
            Diagnostic::warning(
                "table.mangled-name",
                format!(
                    "the field name `{}` is written with stray markup; read as `{name}`",
                    cell.raw.trim()
                ),
            )
            .at(cell.pos)
            .hint("escape every underscore of a name (`\\_`), or put the name in backquotes"),
        );
    }
    (name, marked)
}

/// A name cell that is one emphasis span (`**OrderID**`, `*id*`): styling, not an underscore
/// swallowed by markdown.
fn styled_whole(cell: &Cell) -> bool {
    let mut raw = cell.raw.trim();
    while let Some(rest) = raw.strip_suffix("\\*") {
        raw = rest.trim_end();
    }
    let inner = ["***", "**", "__", "*", "_"]
        .iter()
        .find_map(|d| raw.strip_prefix(d).and_then(|r| r.strip_suffix(d)));
    let text = cell.text.trim().trim_end_matches('*').trim();
    inner.is_some_and(|inner| !inner.contains(['*', '_']) || inner.replace('\\', "") == text)
}

/// Attributes listed apart from the table (`- tipo_documento_id int requerido`) add their
/// required mark to the row of the same name, or become rows of their own.
fn merge_attributes(rows: &mut Vec<FieldNode>, attributes: &[Attribute]) {
    for attribute in attributes {
        let name = attribute.name.text.trim().to_string();
        match rows.iter_mut().find(|r| r.depth == 0 && r.name == name) {
            Some(row) => {
                row.required |= attribute.required;
                if row.ty.is_none() {
                    row.ty = attribute.ty.clone();
                }
            }
            None => rows.push(FieldNode {
                name,
                cell: attribute.name.clone(),
                required: attribute.required,
                ty: attribute.ty.clone(),
                ..FieldNode::default()
            }),
        }
    }
}

/// Rows in table order, nested by their level.
fn nest_by_depth(rows: Vec<FieldNode>) -> Vec<FieldNode> {
    let mut roots: Vec<FieldNode> = Vec::new();
    // The open chain of fields, outermost first.
    let mut open: Vec<FieldNode> = Vec::new();
    let close = |open: &mut Vec<FieldNode>, roots: &mut Vec<FieldNode>| {
        let node = open.pop().expect("close is called on a non-empty chain");
        match open.last_mut() {
            Some(parent) => parent.children.push(node),
            None => roots.push(node),
        }
    };
    for row in rows {
        while open.last().is_some_and(|last| last.depth >= row.depth) {
            close(&mut open, &mut roots);
        }
        open.push(row);
    }
    while !open.is_empty() {
        close(&mut open, &mut roots);
    }
    roots
}

/// The field a "same as" note names: `Igual que **first_bank_reference**`,
/// `Igual que en **x**`, `Same as x`, `Ídem x`.
fn same_as(text: &str) -> Option<String> {
    // Most cells say no such thing: a scan of their bytes tells, before the text is folded.
    let says = |needle: &[u8]| {
        text.as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
    };
    if !(says(b"igual que ") || says(b"same as ") || says(b"dem ")) {
        return None;
    }
    let folded = text.to_lowercase();
    let starts = [
        "igual que en ",
        "igual que a ",
        "igual que al ",
        "igual que ",
        "same as ",
        "idem ",
        "ídem ",
    ];
    for start in starts {
        if let Some(at) = folded.find(start) {
            let rest = &text[at + start.len()..];
            let name: String = rest
                .trim_start_matches(['*', '`', ' '])
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
                .collect();
            let name = name.trim_end_matches('.').to_string();
            if !name.is_empty() {
                return Some(name);
            }
        }
    }
    None
}

struct Builder<'n, 'f> {
    named: &'n mut NamedTypes,
    found: &'f mut Vec<Diagnostic>,
    /// Fields "same as" notes name, by normalized name: the name as written.
    targets: HashMap<String, String>,
    /// Targets whose declaring row has been turned into their named type.
    filled: std::collections::HashSet<String>,
    /// The `required-group` rule is on.
    required_groups: bool,
    /// The `type-from-prose` rule is on.
    prose_types: bool,
}

impl Builder<'_, '_> {
    fn collect_targets(&mut self, nodes: &[FieldNode]) {
        for node in nodes {
            let note = node
                .description
                .iter()
                .chain(&node.ty)
                .chain(&node.values)
                .find_map(|c| same_as(&c.text));
            if let Some(target) = note {
                self.targets.insert(fold(&target), target);
            }
            self.collect_targets(&node.children);
        }
    }

    /// A type name for every target some row declares, so a note may name it before or after.
    fn reserve_targets(&mut self, nodes: &[FieldNode]) {
        for node in nodes {
            let key = fold(&node.name);
            if let Some(written) = self.targets.get(&key).cloned()
                && !self.named.by_field.contains_key(&key)
            {
                let name = self.named.reserve(&written);
                self.named.by_field.insert(key, name);
            }
            self.reserve_targets(&node.children);
        }
    }

    /// An object made of `nodes`, at `path`.
    fn object(&mut self, nodes: &[FieldNode], path: &ModelPath) -> ObjectType {
        let mut object = ObjectType::default();
        let properties = path.child("properties");
        // The line of each name seen, for duplicates.
        let mut lines: HashMap<&str, u32> = HashMap::with_capacity(nodes.len());
        for node in nodes {
            if let Some(first_line) = lines.get(node.name.as_str()) {
                self.found.push(
                    Diagnostic::warning(
                        "table.duplicate-field",
                        format!(
                            "`{}` is listed twice in the same object (first at line {first_line})",
                            node.name
                        ),
                    )
                    .at(node.cell.pos)
                    .path(properties.child(node.name.as_str()).to_string())
                    .hint("the first row is kept; remove or rename the other"),
                );
                continue;
            }
            lines.insert(node.name.as_str(), node.cell.pos.line);
            let field = self.field(node, &properties);
            object.fields.push(field);
        }
        object
    }

    fn field(&mut self, node: &FieldNode, properties: &ModelPath) -> Field {
        let path = properties.child(node.name.as_str());
        let mut required = node.required;
        if !required && self.required_groups && node.children.iter().any(|c| c.required) {
            required = true;
            self.found.push(
                Diagnostic::info(
                    "table.required-group",
                    format!(
                        "`{}` is not marked required, but fields in it are ({}): read as required",
                        node.name,
                        node.children
                            .iter()
                            .filter(|c| c.required)
                            .map(|c| format!("`{}`", c.name))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
                .at(node.cell.pos)
                .path(path.to_string())
                .hint("mark the group required in the table, or its fields optional"),
            );
        }
        let mut schema = self.schema(node, &path);
        // Fields not marked required may be null, empty or absent (DESIGN.md).
        schema.nullable = !required;
        Field {
            name: node.name.clone(),
            pos: node.cell.pos,
            required,
            schema,
        }
    }

    /// The schema of one field, at `path`.
    fn schema(&mut self, node: &FieldNode, path: &ModelPath) -> Schema {
        let pos = node.cell.pos;
        let mut schema = Schema::new(Type::Any, path.clone(), pos);
        if let Some(description) = &node.description {
            schema.description = Some(description.text.trim().to_string());
            schema.description_pos = Some(description.pos);
        }
        self.annexes(node, path);
        // "Same as x": the same named type as x.
        let note = node
            .description
            .iter()
            .chain(&node.ty)
            .chain(&node.values)
            .find_map(|c| same_as(&c.text).map(|target| (target, c.pos)));
        if let Some((target, at)) = note {
            schema.ty = self.reference(&target, at, path);
            if !node.children.is_empty() {
                self.found.push(
                    Diagnostic::info(
                        "table.same-as-children",
                        format!(
                            "`{}` is the same as `{target}`: the rows under it are left out",
                            node.name
                        ),
                    )
                    .at(node.children[0].cell.pos)
                    .path(path.to_string()),
                );
            }
            return schema;
        }
        // A field a "same as" note names is a named type; the field refers to it.
        let key = fold(&node.name);
        if let Some(type_name) = self.named.by_field.get(&key).cloned()
            && self.filled.insert(key)
        {
            let type_path = ModelPath::from(["definitions", type_name.as_str()]);
            let mut inner = self.shape(node, &type_path);
            inner.description = schema.description.clone();
            inner.description_pos = schema.description_pos;
            self.named.types.push(NamedType {
                name: type_name.clone(),
                pos,
                schema: inner,
            });
            schema.ty = Type::Ref(TypeRef {
                pointer: format!("#/definitions/{type_name}"),
                name: type_name,
                pos,
            });
            return schema;
        }
        let shaped = self.shape(node, path);
        schema.ty = shaped.ty;
        schema.constraints = shaped.constraints;
        schema
    }

    /// A reference to the named type of the field `target` (made when first needed).
    fn reference(&mut self, target: &str, at: Pos, path: &ModelPath) -> Type {
        let key = fold(target);
        match self.named.by_field.get(&key) {
            Some(name) => Type::Ref(TypeRef {
                pointer: format!("#/definitions/{name}"),
                name: name.clone(),
                pos: at,
            }),
            None => {
                self.found.push(
                    Diagnostic::warning(
                        "table.same-as-unknown",
                        format!(
                            "`{target}` is named as the model of this field, but no row declares it"
                        ),
                    )
                    .at(at)
                    .path(path.to_string())
                    .hint("the field is read as any value"),
                );
                Type::Any
            }
        }
    }

    /// The type and constraints the row itself gives (not "same as").
    fn shape(&mut self, node: &FieldNode, path: &ModelPath) -> Schema {
        let pos = node.cell.pos;
        let mut schema = Schema::new(Type::Any, path.clone(), pos);
        let written = node.ty.as_ref().map_or("", |c| c.text.trim());
        let prose = || {
            self.prose_types
                .then(|| type_in_prose(written).map(|(word, _)| word))
                .flatten()
        };
        let word = match type_word(written).or_else(prose) {
            Some(word) => word,
            // A type named by its own table (`[Información del cónyuge](#...)`, `sBTPersona1`),
            // whose rows are nested here: an object.
            None if !node.children.is_empty() => TypeWord::Object,
            None => {
                let at = node.ty.as_ref().map_or(pos, |c| c.pos);
                self.found.push(
                    Diagnostic::warning(
                        "table.unknown-type",
                        format!("`{}` has the type `{written}`, which molde does not know", node.name),
                    )
                    .at(at)
                    .path(path.to_string())
                    .hint("use varchar/string, integer, float/number, boolean, date, datetime, object or Array; the field is read as any value"),
                );
                TypeWord::Unstated
            }
        };
        // What the example shows decides the structure of a flat table's field.
        let word = match (&node.shown, word) {
            (Some(shown), word) => guided::reconcile(node, shown, word, path, self.found),
            (None, word) => word,
        };
        let texts: Vec<&Cell> = node.values.iter().chain(&node.description).collect();
        match word {
            TypeWord::Array => {
                let items_path = path.child("items");
                let mut items = Schema::new(Type::Any, items_path.clone(), pos);
                if !node.children.is_empty() {
                    items.ty = Type::Object(self.object(&node.children, &items_path));
                } else if let Some(guided::Shown::Array(Some(inner))) = &node.shown {
                    items.ty = inner.scalar_type();
                } else {
                    match array_items(written) {
                        Some(TypeWord::Scalar(kind)) => items.ty = Type::Scalar { ty: kind },
                        Some(TypeWord::Formatted(format)) => {
                            items.ty = Type::Scalar {
                                ty: ScalarKind::String,
                            };
                            items.constraints.format = Some(Keyword::new(
                                Format {
                                    name: format.to_string(),
                                    written: None,
                                },
                                pos,
                            ));
                        }
                        Some(TypeWord::Object) => items.ty = Type::Object(ObjectType::default()),
                        _ => {}
                    }
                }
                schema.ty = Type::Array(ArrayType {
                    items: Box::new(items),
                });
                if let Some(n) = texts.iter().find_map(|c| values::least_count(&c.text)) {
                    schema.constraints.min_items = Some(Keyword::new(n, pos));
                }
            }
            TypeWord::Object => {
                schema.ty = Type::Object(self.object(&node.children, path));
            }
            TypeWord::Unstated if !node.children.is_empty() => {
                schema.ty = Type::Object(self.object(&node.children, path));
            }
            TypeWord::Unstated => {
                if let Some(shown) = &node.shown {
                    schema.ty = shown.scalar_type();
                }
            }
            TypeWord::Scalar(kind) => self.scalar(node, kind, None, &mut schema),
            TypeWord::Formatted(format) => {
                self.scalar(node, ScalarKind::String, Some(format), &mut schema)
            }
        }
        if !node.children.is_empty() && !matches!(schema.ty, Type::Object(_) | Type::Array(_)) {
            self.found.push(
                Diagnostic::warning(
                    "table.children-of-scalar",
                    format!(
                        "`{}` is a {written} but rows are nested under it; they are left out",
                        node.name
                    ),
                )
                .at(node.children[0].cell.pos)
                .path(path.to_string()),
            );
        }
        schema
    }

    /// A scalar field: its kind, size, format and codes.
    fn scalar(
        &mut self,
        node: &FieldNode,
        kind: ScalarKind,
        format: Option<&'static str>,
        schema: &mut Schema,
    ) {
        let pos = node.cell.pos;
        let mut constraints = Constraints::default();
        // No size column: a size in the type cell (`varchar(30)`).
        // No size column: a size in the type cell (`varchar(30)`, `Alfanumérico de hasta 200
        // caracteres`).
        let inline = node.size.is_none().then(|| {
            node.ty.as_ref().and_then(|c| {
                let prose = || {
                    self.prose_types
                        .then(|| type_in_prose(&c.text).and_then(|(_, n)| n))
                        .flatten()
                        .map(|n| n.to_string())
                };
                inline_size(&c.text)
                    .map(str::to_string)
                    .or_else(prose)
                    .map(|text| Cell { text, ..c.clone() })
            })
        });
        if let Some(size_cell) = node.size.as_ref().or(inline.flatten().as_ref()) {
            match size(&size_cell.text) {
                Ok(Some(n)) => {
                    let mut keyword = Keyword::new(n, size_cell.pos);
                    keyword.applicable = kind == ScalarKind::String;
                    constraints.max_length = Some(keyword);
                }
                Ok(None) => {}
                Err(text) => self.found.push(
                    Diagnostic::warning(
                        "table.size-unreadable",
                        format!(
                            "`{}` has the size `{text}`, which is not a number",
                            node.name
                        ),
                    )
                    .at(size_cell.pos)
                    .path(schema.path.to_string()),
                ),
            }
        }
        let format = format.or_else(|| {
            node.values
                .iter()
                .chain(&node.description)
                .find_map(|c| values::date_format(&c.text))
        });
        if let Some(name) = format {
            constraints.format = Some(Keyword::new(
                Format {
                    name: name.to_string(),
                    written: None,
                },
                node.ty.as_ref().map_or(pos, |c| c.pos),
            ));
        }
        schema.constraints = constraints;
        // Codes from the values column, else from the description.
        let listed = node
            .values
            .as_ref()
            .and_then(|c| values::codes(&c.text, true).map(|codes| (codes, c.pos)))
            .or_else(|| {
                node.description
                    .as_ref()
                    .and_then(|c| values::codes(&c.text, false).map(|codes| (codes, c.pos)))
            });
        if let Some(values_cell) = &node.values
            && listed.is_none()
            && values::date_format(&values_cell.text).is_none()
            && values::least_count(&values_cell.text).is_none()
        {
            self.found.push(
                Diagnostic::info(
                    "table.values-unread",
                    format!(
                        "the expected values of `{}` (`{}`) are not a list of codes molde can read",
                        node.name,
                        values_cell.text.trim()
                    ),
                )
                .at(values_cell.pos)
                .path(schema.path.to_string())
                .hint("write them as `1-First 2-Second`, `A (First) / B (Second)` or `First - Second`; they are not checked"),
            );
        }
        schema.ty = match listed {
            Some((codes, at)) => Type::Enum(self.enumeration(node, kind, &codes, at, &schema.path)),
            None => Type::Scalar { ty: kind },
        };
    }

    fn enumeration(
        &mut self,
        node: &FieldNode,
        kind: ScalarKind,
        codes: &[values::Code],
        at: Pos,
        path: &ModelPath,
    ) -> EnumType {
        let mut out = Vec::new();
        for (code, label) in codes {
            let value = match kind {
                ScalarKind::Integer => match code.parse::<i64>() {
                    Ok(n) => serde_json::Value::from(n),
                    Err(_) => {
                        self.found.push(
                            Diagnostic::warning(
                                "enum.value-type",
                                format!(
                                    "`{}` is an integer, but lists the code `{code}`",
                                    node.name
                                ),
                            )
                            .at(at)
                            .path(path.child("enum").to_string()),
                        );
                        serde_json::Value::from(code.as_str())
                    }
                },
                ScalarKind::Number => code
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map_or_else(
                        || serde_json::Value::from(code.as_str()),
                        serde_json::Value::Number,
                    ),
                _ => serde_json::Value::from(code.as_str()),
            };
            out.push(EnumValue {
                value,
                label: label.clone(),
                pos: at,
            });
        }
        EnumType {
            base: kind,
            values: out,
            pos: at,
            catalogue: Vec::new(),
        }
    }

    /// A link to a document the page does not include (`[aquí](static-data.md)`): its codes
    /// cannot be checked.
    fn annexes(&mut self, node: &FieldNode, path: &ModelPath) {
        let cells = node.description.iter().chain(&node.values);
        let mut reported: Vec<&str> = Vec::new();
        for cell in cells {
            for link in &cell.links {
                let local =
                    !link.contains("://") && !link.starts_with('#') && !link.starts_with("mailto:");
                if local && !reported.contains(&link.as_str()) {
                    reported.push(link);
                    self.found.push(
                        Diagnostic::info(
                            "table.missing-annex",
                            format!(
                                "`{}` refers to `{link}` for its values; that document is not part of this spec, so they are not checked",
                                node.name
                            ),
                        )
                        .at(cell.pos)
                        .path(path.to_string())
                        .hint("list the codes in the table, or add them with an overlay"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_as_notes_in_both_languages() {
        assert_eq!(
            same_as("Igual que first_bank_reference").as_deref(),
            Some("first_bank_reference")
        );
        assert_eq!(
            same_as("Igual que en first_supplier_commercial_reference").as_deref(),
            Some("first_supplier_commercial_reference")
        );
        assert_eq!(same_as("Same as **address**.").as_deref(), Some("address"));
        assert_eq!(same_as("Primer nombre"), None);
    }

    #[test]
    fn type_names_from_field_names() {
        assert_eq!(pascal_case("first_bank_reference"), "FirstBankReference");
        assert_eq!(pascal_case("client-info"), "ClientInfo");
    }
}
