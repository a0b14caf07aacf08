//! The heuristics of the document readers, each with a name, a test (`rules_tests.rs`) and a
//! switch: [`TableRules::without`] in code, `MOLDE_TABLE_RULES_OFF=name,name` for `molde`. A rule
//! switched off reads the document as if the rule did not exist; what each then does instead is
//! in [`RULES`].

/// A table whose captions name a field listed before it (`**Tópico Customer**`, `### Deudores`)
/// or a member of the example lists that object's fields. Off: its rows join the object of the
/// tables before it.
pub(crate) const TABLE_PER_OBJECT: &str = "table-per-object";
/// A flat table that writes some names in bold, with type object or array (`| **order** |
/// _Object_ |`), and the others not: each bold row takes the rows after it, up to the next,
/// as its fields (the GitBook convention). Off: the rows stay flat.
pub(crate) const BOLD_GROUPS: &str = "bold-group-rows";
/// A flat table (no level columns) nested as its first example shows. Off: the rows stay flat.
pub(crate) const GUIDED_NESTING: &str = "example-guided-nesting";
/// Names written as paths (`owner.name`, `lines[].sku`) nest. Off: they are names of their own.
pub(crate) const DOTTED_NAMES: &str = "dotted-names";
/// Guided nesting matches a row to a member a few edits away (`gastos`, `gatos`). Off: only
/// names equal once case, accents and punctuation are folded match.
pub(crate) const TYPO_MATCHING: &str = "typo-matching";
/// A row whose name the example writes with other case or accents (`teléfono`, `telefono`)
/// takes the example's spelling, the one that goes on the wire. Off: the table's spelling.
pub(crate) const EXAMPLE_SPELLING: &str = "example-spelling";
/// A type cell written as prose (`Alfanumérico de hasta 200 caracteres`, `De tipo lógico`) is
/// read by its first word, with the length it gives. Off: such a type is unknown (any value).
pub(crate) const TYPE_FROM_PROSE: &str = "type-from-prose";
/// A group not marked required is required when one of its fields is. Off: it stays optional.
pub(crate) const REQUIRED_GROUP: &str = "required-group";
/// A plain-text table may separate its cells by runs of two or more spaces (tabs lost in a
/// paste). Off: only tabs separate cells.
pub(crate) const SPACE_ALIGNED: &str = "space-aligned-tables";
/// A response the document gives only by examples gets a schema inferred from them. Off: it has
/// no schema (its examples are not checked).
pub(crate) const RESPONSE_FROM_EXAMPLES: &str = "response-from-examples";
/// JSON payloads written in a Swagger description are examples of the schema it describes.
/// Off: descriptions are only text.
pub(crate) const DESCRIPTION_PAYLOADS: &str = "description-payloads";

/// Every rule, with what it does, in the order the readers apply them.
pub(crate) const RULES: &[(&str, &str)] = &[
    (
        TABLE_PER_OBJECT,
        "a table whose caption names an object listed before it (or in the example) lists that object's fields",
    ),
    (
        DOTTED_NAMES,
        "names written as paths (`owner.name`, `lines[].sku`) nest",
    ),
    (
        BOLD_GROUPS,
        "in a flat table, a bold object or array row takes the rows after it, up to the next, as its fields",
    ),
    (
        GUIDED_NESTING,
        "a flat table is nested as its first example shows",
    ),
    (
        TYPO_MATCHING,
        "guided nesting matches names a few edits apart (`gastos`, `gatos`)",
    ),
    (
        EXAMPLE_SPELLING,
        "a name the example writes with other case or accents takes the example's spelling",
    ),
    (
        TYPE_FROM_PROSE,
        "a type written as prose (`Alfanumérico de hasta 200 caracteres`) is read by its first word",
    ),
    (
        REQUIRED_GROUP,
        "a group not marked required is required when one of its fields is",
    ),
    (
        SPACE_ALIGNED,
        "plain-text cells may be separated by runs of two or more spaces",
    ),
    (
        RESPONSE_FROM_EXAMPLES,
        "a response given only by examples gets a schema inferred from them",
    ),
    (
        DESCRIPTION_PAYLOADS,
        "JSON payloads in a Swagger description are examples of its schema",
    ),
];

/// The environment variable that switches document rules off for `molde`: names,
/// comma-separated.
pub const TABLE_RULES_OFF_VARIABLE: &str = "MOLDE_TABLE_RULES_OFF";

/// Which of the document readers' rules are on (all, by default).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableRules {
    off: Vec<&'static str>,
}

impl TableRules {
    /// Every rule on.
    pub fn all() -> Self {
        TableRules::default()
    }

    /// The names of every rule, in the order the readers apply them.
    pub fn names() -> impl Iterator<Item = &'static str> {
        RULES.iter().map(|(name, _)| *name)
    }

    /// Each rule's name with what it does.
    pub fn summaries() -> &'static [(&'static str, &'static str)] {
        RULES
    }

    /// These rules with `name` switched off; an error names the rules there are.
    pub fn without(mut self, name: &str) -> Result<Self, String> {
        let names: Vec<&'static str> = Self::names().collect();
        crate::switches::switch_off(&mut self.off, &names, "table", name)?;
        Ok(self)
    }

    /// The rules `MOLDE_TABLE_RULES_OFF` leaves on (all when it is unset).
    pub fn from_env() -> Result<Self, String> {
        let mut rules = Self::all();
        crate::switches::off_from_env(TABLE_RULES_OFF_VARIABLE, |name| {
            rules = std::mem::take(&mut rules).without(name)?;
            Ok(())
        })?;
        Ok(rules)
    }

    pub fn is_on(&self, name: &str) -> bool {
        !self.off.contains(&name)
    }

    /// The rules switched off.
    pub fn off(&self) -> &[&'static str] {
        &self.off
    }
}
