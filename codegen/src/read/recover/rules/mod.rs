//! The soft rules: evidence that decides between readings the grammar allows equally well.
//!
//! Placing a key asks each open object whether it can take the key: the grammar must allow it
//! there and the value's shape must fit (hard checks, in [`super::place`]). Between the objects
//! that pass, the soft rules weigh: each rule in [`RULES`] looks at one object, the key and what
//! the document says around them, and may count against that object ([`Effect::Against`]), keep
//! the key there although an enclosing object takes it too ([`Effect::Keep`]), or settle its
//! group for that object ([`Effect::Stay`]). The key goes to the innermost object with the
//! lowest total.
//!
//! Precedence is the order of [`RULES`]. Rules of one `group` are exclusive: the first that fires
//! decides the group and the rest of it is not asked (the naming evidence about a property, say,
//! runs from the strongest kind of evidence to the weakest). Rules without a group add up.
//!
//! Every rule has a name, a unit test (`rules_tests.rs`) and can be switched off:
//! [`RecoveryRules::without`] in code, `MOLDE_RECOVERY_RULES_OFF=name,name` for `molde`. A rule
//! switched off is as if its test never fired; the rest of its group is then asked.

use std::cell::OnceCell;
use std::fmt;

mod named;
mod table;

use super::evidence::is_pascal_case;
use super::facts::{schema_takes_keyword, takes_by_name};
use super::frames::{Body, Frame, Keys};
use super::lex::{Line, classify};
use super::lookahead::{Opens, Shape};
use super::place::Pass;
use crate::read::grammar::{self, Kind};

pub(super) use named::{
    ANCHORED_ITEM, COMMA_GOES_ON, COMMENTED_OUT_LIST, DASH_CONTINUATION, DOCUMENT_EVIDENCE,
    DOCUMENT_RULES, EXPLICIT_KEY, EXTENSION_VALUE, FLOW_MAP_NOT_SCHEMA, HEADER_IN_TEXT,
    HEADING_IN_BLOCK, ITEM_KEYS_ALIKE, ITEM_RULES, ITEMS_ALIKE, KEY_RULES, KEYWORD_VALUE_IN_TEXT,
    MERGE_KEY, OPENAPI3_FIELD, OWN_FIELD_ENDS_BLOCK, PARALLEL_EXAMPLE, PLAIN_VALUE_NEXT_LINE,
    REPEATED_KEY, REPEATED_MEMBER, RULE_LINE_IN_BLOCK, SPACED_NAME_SCHEMA, TEXT_RULES,
};
pub(super) use table::RULES;

/// What a rule says about placing a key in one open object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Effect {
    /// Weighs against this object, by this much.
    Against(u8),
    /// Keeps the key in this object although an enclosing object takes it too.
    Keep,
    /// Settles the rule's group for this object, weighing nothing.
    Stay,
    /// The value is a leaf (`null`), not a mapping of the keys after it.
    Leaf,
}

/// The open objects a rule weighs on.
#[derive(Clone, Copy, Debug)]
pub(super) enum Scope {
    /// Every kind of object.
    All,
    /// Objects of these kinds.
    Kinds(&'static [Kind]),
    /// A schema's `properties`.
    Properties,
    /// Maps of schemas that are not a schema's `properties` (`definitions`).
    OtherSchemaMaps,
}

/// Whether the choice a rule made is between two valid readings that mean different things:
/// those are reported as `yaml.recovered` warnings. Rules that follow from validity (an example
/// fits its schema, a `$ref` resolves) or from the grammar's plain precedence settle the question.
#[derive(Clone, Copy, Debug)]
pub(super) enum Doubt {
    Yes,
    No,
    /// When the object it weighed on takes the key by name too (both readings are fields).
    WhenBothTakeItByName,
    /// When the path of the operation it weighed on has more than one operation (with one, both
    /// readings give the operation the same parameters).
    WhenThePathHasOtherOperations,
}

/// One soft rule.
pub(super) struct Rule {
    /// Stable, kebab-case: how the rule is switched off and named in the ablation table.
    pub name: &'static str,
    /// What it does, in a line (for `--help` and the README).
    pub summary: &'static str,
    pub scope: Scope,
    /// Rules of one group are exclusive (see the module documentation).
    pub group: Option<&'static str>,
    pub test: fn(&Site<'_, '_, '_>) -> Option<Effect>,
    /// What it says of the object it weighed against (or, for [`Effect::Keep`], of the one it
    /// chose), in a `yaml.recovered` warning; `key` is the key placed.
    pub says: fn(key: &str) -> String,
    pub doubt: Doubt,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl Rule {
    /// See [`Doubt`]: `index` is the open object the rule weighed on.
    pub fn doubtful(&self, pass: &Pass<'_, '_>, index: usize, key: &str) -> bool {
        match self.doubt {
            Doubt::Yes => true,
            Doubt::No => false,
            Doubt::WhenBothTakeItByName => pass.stack[index]
                .kind()
                .is_some_and(|kind| takes_by_name(kind, key)),
            Doubt::WhenThePathHasOtherOperations => {
                index > 0 && {
                    let is_operation = |k: &&String| {
                        grammar::field(Kind::PathItem, k)
                            == Some(grammar::Expect::Obj(Kind::Operation))
                    };
                    let path = &pass.stack[index - 1];
                    // The operations read so far, or those the first pass saw in the whole path.
                    let so_far = match &path.body {
                        Body::Map { keys, .. } => keys.iter().filter(is_operation).count(),
                        Body::Seq { .. } => 0,
                    };
                    let in_all = path.earlier.and_then(|n| n.as_map()).map_or(0, |entries| {
                        entries.iter().map(|e| &e.key).filter(is_operation).count()
                    });
                    so_far.max(in_all) > 1
                }
            }
        }
    }
}

/// Which soft rules recovery uses: all of them unless some are switched off by name.
///
/// ```
/// use molde_codegen::RecoveryRules;
/// let rules = RecoveryRules::all().without("sorted-keys").unwrap();
/// assert!(!rules.is_on("sorted-keys"));
/// assert!(RecoveryRules::all().without("no-such-rule").is_err());
/// assert!(RecoveryRules::names().any(|name| name == "example-keys"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecoveryRules {
    off: Vec<&'static str>,
}

/// The environment variable that switches recovery rules off for `molde`: names, comma-separated.
pub const RULES_OFF_VARIABLE: &str = "MOLDE_RECOVERY_RULES_OFF";

impl RecoveryRules {
    /// Every rule on.
    pub fn all() -> Self {
        RecoveryRules::default()
    }

    /// The names of every rule, each once, in precedence order.
    pub fn names() -> impl Iterator<Item = &'static str> {
        let mut seen: Vec<&'static str> = Vec::new();
        RULES
            .iter()
            .map(|r| r.name)
            .chain(ITEM_RULES.iter().map(|(name, _)| *name))
            .chain(KEY_RULES.iter().map(|(name, _)| *name))
            .chain(TEXT_RULES.iter().map(|(name, _)| *name))
            .chain(DOCUMENT_RULES.iter().map(|(name, _)| *name))
            .filter(move |name| {
                let new = !seen.contains(name);
                if new {
                    seen.push(name);
                }
                new
            })
    }

    /// Each rule's name with what it does, in precedence order.
    pub fn summaries() -> Vec<(&'static str, &'static str)> {
        Self::names()
            .map(|name| {
                let summary = RULES
                    .iter()
                    .find(|r| r.name == name)
                    .map(|r| r.summary)
                    .or_else(|| {
                        ITEM_RULES
                            .iter()
                            .chain(KEY_RULES)
                            .chain(TEXT_RULES)
                            .chain(DOCUMENT_RULES)
                            .find(|(n, _)| *n == name)
                            .map(|(_, s)| *s)
                    })
                    .unwrap_or_default();
                (name, summary)
            })
            .collect()
    }

    /// These rules with `name` switched off; an error names the rules there are.
    pub fn without(mut self, name: &str) -> Result<Self, String> {
        let names: Vec<&'static str> = Self::names().collect();
        crate::switches::switch_off(&mut self.off, &names, "recovery", name)?;
        Ok(self)
    }

    /// The rules `MOLDE_RECOVERY_RULES_OFF` leaves on (all when it is unset).
    pub fn from_env() -> Result<Self, String> {
        let mut rules = Self::all();
        crate::switches::off_from_env(RULES_OFF_VARIABLE, |name| {
            rules = std::mem::take(&mut rules).without(name)?;
            Ok(())
        })?;
        Ok(rules)
    }

    pub fn is_on(&self, name: &str) -> bool {
        self.off.is_empty() || !self.off.contains(&name)
    }

    /// The rules switched off.
    pub fn off(&self) -> &[&'static str] {
        &self.off
    }
}

/// The rules' verdict on one open object.
#[derive(Default)]
pub(super) struct Verdict {
    pub penalty: u8,
    /// The first rule that weighed against the object.
    pub why: Option<&'static Rule>,
    /// The first rule that kept the key in it.
    pub kept: Option<&'static Rule>,
    /// The value is a leaf.
    pub leaf: bool,
}

/// Asks every rule that is on, in order, about `site`.
pub(super) fn weigh(site: &Site<'_, '_, '_>) -> Verdict {
    let mut verdict = Verdict::default();
    let mut decided: Vec<&'static str> = Vec::new();
    for rule in RULES {
        if !site.pass.rules.is_on(rule.name) || !site.in_scope(rule.scope) {
            continue;
        }
        if rule.group.is_some_and(|g| decided.contains(&g)) {
            continue;
        }
        let Some(effect) = (rule.test)(site) else {
            continue;
        };
        if let Some(group) = rule.group {
            decided.push(group);
        }
        match effect {
            Effect::Against(by) => {
                verdict.penalty = verdict.penalty.saturating_add(by);
                verdict.why.get_or_insert(rule);
            }
            Effect::Keep => {
                verdict.kept.get_or_insert(rule);
            }
            Effect::Stay => {}
            Effect::Leaf => verdict.leaf = true,
        }
    }
    verdict
}

/// One question the rules answer: may open object `index` take `key`, whose value has `shape`?
/// Facts several rules need are computed once, when first asked.
pub(super) struct Site<'p, 'a, 'g> {
    pub pass: &'p Pass<'a, 'g>,
    pub index: usize,
    pub key: &'p str,
    pub shape: &'p Shape,
    pub frame: &'p Frame<'g>,
    pub kind: Kind,
    pub keys: &'p Keys,
    /// The scalar `type` of the object (schema, parameter, items, header).
    pub ty: Option<&'p str>,
    /// The `in` of a parameter.
    pub location: Option<&'p str>,
    /// The properties placed in this schema so far.
    pub props: &'p [String],
    /// The key is a JSON Schema keyword Swagger 2.0 does not have.
    pub json_schema_only: bool,
    /// What the value opens, once placed.
    pub opens: Opens,
    required: OnceCell<bool>,
    referenced: OnceCell<bool>,
    pascal: OnceCell<bool>,
    guide_properties: OnceCell<Option<Vec<String>>>,
}

impl<'p, 'a, 'g> Site<'p, 'a, 'g> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        pass: &'p Pass<'a, 'g>,
        index: usize,
        key: &'p str,
        shape: &'p Shape,
        json_schema_only: bool,
        opens: Opens,
    ) -> Option<Self> {
        let frame = &pass.stack[index];
        let Body::Map {
            kind,
            keys,
            ty,
            location,
            props,
            ..
        } = &frame.body
        else {
            return None;
        };
        Some(Site {
            pass,
            index,
            key,
            shape,
            frame,
            kind: *kind,
            keys,
            ty: ty.as_deref(),
            location: location.as_deref(),
            props,
            json_schema_only,
            opens,
            required: OnceCell::new(),
            referenced: OnceCell::new(),
            pascal: OnceCell::new(),
            guide_properties: OnceCell::new(),
        })
    }

    fn in_scope(&self, scope: Scope) -> bool {
        match scope {
            Scope::All => true,
            Scope::Kinds(kinds) => kinds.contains(&self.kind),
            Scope::Properties => self.kind == Kind::SchemaMap && self.parent_is_schema(),
            Scope::OtherSchemaMaps => self.kind == Kind::SchemaMap && !self.parent_is_schema(),
        }
    }

    fn parent_is_schema(&self) -> bool {
        self.index > 0 && self.pass.stack[self.index - 1].kind() == Some(Kind::Schema)
    }

    fn is_extension(&self) -> bool {
        self.key.starts_with("x-")
    }

    fn is_type(&self, ty: &str) -> bool {
        self.ty == Some(ty)
    }

    fn has_ref(&self) -> bool {
        self.keys.contains("$ref")
    }

    fn is_example(&self) -> bool {
        matches!(self.key, "example" | "default")
    }

    /// The type of instance the value is, when it is a mapping or a list.
    fn instance_type(&self) -> Option<&'static str> {
        match self.shape {
            Shape::OpenMap(..) | Shape::FlowMap => Some("object"),
            Shape::OpenSeq(_) | Shape::FlowSeq => Some("array"),
            _ => None,
        }
    }

    /// An `example`/`default` whose value cannot be an instance of the schema's `type`.
    fn example_of_other_type(&self) -> bool {
        self.is_example()
            && (self
                .instance_type()
                .is_some_and(|t| self.ty.is_some_and(|ty| ty != t))
                || (matches!(self.ty, Some("object" | "array"))
                    && self.value_is_plain_number_or_bool()))
    }

    /// The key's value, written on its line, is a plain number or boolean (`example: 1`): no
    /// instance of an object or an array.
    fn value_is_plain_number_or_bool(&self) -> bool {
        let Some(line) = self.pass.lines.get(self.pass.current) else {
            return false;
        };
        let Line::Key(_, rest) = classify(line.trim()) else {
            return false;
        };
        let value = rest.trim();
        matches!(value, "true" | "false") || value.parse::<f64>().is_ok_and(f64::is_finite)
    }

    /// The schema around this `properties` map names the key in its `required` list, and the
    /// `required-here` rule is on to say that this settles it.
    fn required_here(&self) -> bool {
        self.pass.rules.is_on("required-here") && self.required()
    }

    fn required(&self) -> bool {
        *self.required.get_or_init(|| {
            self.parent_is_schema()
                && self
                    .pass
                    .required_names(&self.pass.stack[self.index - 1])
                    .contains(self.key)
        })
    }

    fn referenced(&self) -> bool {
        *self
            .referenced
            .get_or_init(|| self.pass.starts_definition(self.index, self.key))
    }

    /// A PascalCase name among camelCase properties while `definitions` is open, whose value
    /// does not refer to the definition of that name, and which is not defined further down.
    fn pascal(&self) -> bool {
        *self.pascal.get_or_init(|| {
            let definitions_open = self.pass.stack[..self.index].iter().any(|f| {
                f.kind() == Some(Kind::SchemaMap)
                    && !f.has_key(self.key)
                    && self.pass.is_definitions(f)
            });
            // A name's first letter, past a leading `_`, `$` or `@` (`_id` is camelCase).
            let starts = |upper: bool| {
                self.keys.iter().any(|k| {
                    k.trim_start_matches(['_', '$', '@'])
                        .chars()
                        .next()
                        .is_some_and(|c| {
                            if upper {
                                c.is_uppercase()
                            } else {
                                c.is_lowercase()
                            }
                        })
                })
            };
            // A document whose references name definitions, none of them PascalCase, does not
            // name its definitions so (`transaction-list`): there a PascalCase name says
            // nothing.
            definitions_open
                && is_pascal_case(self.key)
                && self.pass.referenced.names_pascal_case
                && starts(false)
                && !starts(true)
                && !self.pass.value_uses_definition(self.key)
                && !self
                    .pass
                    .referenced
                    .defined_later(self.key, self.pass.current)
        })
    }

    /// A schema keyword whose value cannot be a property's schema written out (`properties: {}`).
    fn outer_keyword(&self) -> bool {
        matches!(
            self.shape,
            Shape::FlowMap | Shape::FlowSeq | Shape::OpenNull
        ) && schema_takes_keyword(&self.pass.stack[..self.index], self.key, self.shape)
    }

    fn outer_fixed_field(&self) -> bool {
        self.pass
            .outer_fixed_field(self.index, self.key, self.shape)
    }

    fn outer_fixed_field_outside_schemas(&self) -> bool {
        self.pass
            .outer_fixed_field_outside_schemas(self.index, self.key, self.shape)
    }

    /// The properties of the schema a free-form value is an instance of.
    fn guide_properties(&self) -> Option<&[String]> {
        self.guide_properties
            .get_or_init(|| self.pass.guide_properties(self.frame.guide))
            .as_deref()
    }

    /// Whether the schema the free-form value is an instance of declares `key`.
    fn guide_properties_name(&self, key: &str) -> bool {
        self.guide_properties()
            .is_some_and(|names| names.iter().any(|n| n == key))
    }
}
