//! Facts about the open objects and the first pass's document that the rules ask about: which
//! enclosing object takes a key, which properties a schema declares, what an example's schema
//! holds.

use std::collections::BTreeSet;

use super::evidence::{is_pascal_case, member_kind};
use super::frames::{Body, Frame};
use super::lex::{Line, classify, is_block_header, scalar_text};
use super::lookahead::{Shape, fit_shape};
use super::place::Pass;
use crate::read::grammar::{self, Expect, Kind};
use crate::read::refs::Definitions;
use crate::tree::Node;

impl<'a, 'g> Pass<'a, 'g> {
    /// True when `frame` holds an `x-` key that shares a mapping with `key` elsewhere.
    pub(super) fn holds_companion(&self, frame: &Frame<'g>, key: &str) -> bool {
        let Body::Map { keys, .. } = &frame.body else {
            return false;
        };
        keys.iter().filter(|k| k.starts_with("x-")).any(|k| {
            let pair = if k.as_str() < key {
                (k.clone(), key.to_string())
            } else {
                (key.to_string(), k.clone())
            };
            self.extension_pairs.contains(&pair)
        })
    }

    /// True when `key` is referenced as `#/definitions/key` and the open `definitions` below
    /// frame `index` does not hold it yet: the key most likely starts that definition.
    pub(super) fn starts_definition(&self, index: usize, key: &str) -> bool {
        !self.value_uses_definition(key)
            && self.referenced.contains(key)
            && !self.referenced.defined_later(key, self.current)
            && self.stack[..index].iter().any(|f| {
                f.kind() == Some(Kind::SchemaMap) && !f.has_key(key) && self.is_definitions(f)
            })
    }

    /// True when `key`, whose value starts like an object schema, is named like a family of
    /// definitions and unlike the properties beside it: `subscriptionNotification` after the
    /// definition `subscription`'s last property, in a document that defines or refers to
    /// `subscriptionRequest` and `subscriptionResponse` too. The family is two or more other
    /// definition names (referenced or written so far) that begin with the key's first word
    /// (`subscription`, case kept), the definition being read among them, and no property of
    /// the schema being read begins so.
    pub(super) fn named_like_definitions(&self, index: usize, key: &str) -> bool {
        let Some(word) = first_word(key).filter(|w| w.len() < key.len()) else {
            return false;
        };
        let Some(definitions) = self.stack[..index]
            .iter()
            .find(|f| f.kind() == Some(Kind::SchemaMap) && self.is_definitions(f))
        else {
            return false;
        };
        let Body::Map { keys: defined, .. } = &definitions.body else {
            return false;
        };
        let in_family = |name: &str| name != key && first_word(name).unwrap_or(name) == word;
        // The definition being read is of the family: a property named like other definitions
        // but not like its own (docker's `Task.Status.ContainerStatus`) says nothing. These
        // cheap tests come first: most keys fail them, before the value's lines and every
        // referenced name are read.
        let own = defined.order.last().is_some_and(|d| in_family(d));
        let beside = match &self.stack[index].body {
            Body::Map { keys, .. } => keys.order.iter().any(|k| in_family(k)),
            Body::Seq { .. } => true,
        };
        if !own || beside || definitions.has_key(key) {
            return false;
        }
        if super::evidence::definition_likeness(
            &self.lines[(self.current + 1).min(self.lines.len())..],
        ) == 0
        {
            return false;
        }
        let family: BTreeSet<&str> = self
            .referenced
            .names
            .iter()
            .map(String::as_str)
            .chain(defined.order.iter().map(String::as_str))
            .filter(|n| in_family(n))
            .collect();
        family.len() >= 2
    }

    /// True when `key`, whose value is an object schema with `properties` while `definitions`
    /// is open (and lacks it), ends with a word that names types rather than fields: `centerResponse`,
    /// `AuthorizationTokenResponse`, `create_request`, `UserModel`. Counted on the corpus and
    /// two held-out sets: of object schemas whose name ends in `Response`, 127 are definitions
    /// and none a property; `Request` 35 to 1 (kubernetes' map `defaultRequest`), `Model` 29
    /// to 0.
    pub(super) fn named_like_a_type(&self, index: usize, key: &str) -> bool {
        let Some(last) = last_word(key) else {
            return false;
        };
        matches!(
            last.to_ascii_lowercase().as_str(),
            "response" | "request" | "model" | "dto"
        ) && self.stack[..index]
            .iter()
            .any(|f| f.kind() == Some(Kind::SchemaMap) && !f.has_key(key) && self.is_definitions(f))
            && self.value_declares_properties()
    }

    /// True when the current key's value is a schema that lists `properties` (or an `allOf`)
    /// before any other nested value: an object of named fields, not a map
    /// (`additionalProperties`) or a reference.
    fn value_declares_properties(&self) -> bool {
        for line in self.lines.iter().skip(self.current + 1).take(12) {
            match classify(line.trim()) {
                Line::Key(key, rest) => match key.as_str() {
                    "properties" | "allOf" => return true,
                    "required" | "enum" => {}
                    _ if rest.is_empty() => return false,
                    "$ref" | "additionalProperties" => return false,
                    _ => {}
                },
                Line::Item(_) | Line::Text | Line::Comment | Line::Blank => {}
                Line::Marker => return false,
            }
        }
        false
    }

    /// True when the current key's value refers to the definition of its own name:
    /// `Name: {$ref: '#/definitions/Name'}` (maybe with a description, or as its `items`) is a
    /// property that uses the definition, not the definition (which would refer to itself; a
    /// definition's own fields come before any `properties` in which it could).
    pub(super) fn value_uses_definition(&self, key: &str) -> bool {
        let target = format!("/{key}");
        self.lines
            .iter()
            .skip(self.current + 1)
            .take(8)
            .map(|l| classify(l.trim()))
            .take_while(|l| match l {
                Line::Key(k, rest) => !rest.is_empty() || matches!(k.as_str(), "items" | "schema"),
                _ => false,
            })
            .any(|l| matches!(l, Line::Key(k, rest) if k == "$ref" && scalar_text(rest).ends_with(&target)))
    }

    /// True when a schema below frame `index` declares more than `here` of the names in
    /// `listed` as properties. A schema this one is an `allOf` member of does not count: it
    /// declares this one's properties too.
    pub(super) fn outer_schema_declares_more(
        &self,
        index: usize,
        listed: &[String],
        here: usize,
    ) -> bool {
        (0..index).rev().any(|j| {
            let f = &self.stack[j];
            if self.stack[j + 1].name == "allOf" {
                return false;
            }
            match &f.body {
                Body::Map {
                    kind: Kind::Schema,
                    props,
                    ..
                } => {
                    let names = self.schema_property_names(f, props);
                    listed.iter().filter(|n| names.contains(n)).count() > here
                }
                _ => false,
            }
        })
    }

    /// Whether the first pass's document declares security schemes, none of them `name`.
    pub(super) fn undeclared_scheme(&self, name: &str) -> bool {
        self.earlier_root
            .and_then(|r| r.get("securityDefinitions"))
            .and_then(Node::as_map)
            .is_some_and(|schemes| !schemes.is_empty() && !schemes.iter().any(|e| e.key == name))
    }

    /// How many operations of the first pass's document, other than the one open at `index`,
    /// hold `key`.
    pub(super) fn other_operations_holding(&self, index: usize, key: &str) -> usize {
        let Some(paths) = self
            .earlier_root
            .and_then(|r| r.get("paths"))
            .and_then(Node::as_map)
        else {
            return 0;
        };
        let this = self.stack[index].earlier;
        paths
            .iter()
            .filter_map(|p| p.value.as_map())
            .flatten()
            .filter(|op| {
                grammar::field(Kind::PathItem, &op.key)
                    == Some(grammar::Expect::Obj(Kind::Operation))
            })
            .filter(|op| op.value.get(key).is_some())
            .filter(|op| !this.is_some_and(|t| std::ptr::eq(t, &op.value)))
            .count()
    }

    /// The names a schema frame's `required` list holds (this pass and the first).
    pub(super) fn required_names<'f>(&self, frame: &'f Frame<'g>) -> BTreeSet<&'f str> {
        let mut names: BTreeSet<&'f str> = match &frame.body {
            Body::Map { required, .. } => required.iter().map(String::as_str).collect(),
            Body::Seq { .. } => Default::default(),
        };
        if let Some(list) = frame
            .earlier
            .and_then(|n| n.get("required"))
            .and_then(Node::as_seq)
        {
            names.extend(list.iter().filter_map(Node::as_str));
        }
        names
    }

    /// True when `key` is a compound keyword name that takes a schema (`additionalProperties`,
    /// `allOf`) and an open schema can take it: after a nested object's last property such a
    /// name is a keyword far more often than a property or definition of that name.
    pub(super) fn keyword_of_open_schema(&self, key: &str, shape: &Shape) -> bool {
        is_compound_keyword(key)
            && matches!(shape, Shape::OpenMap(..) | Shape::OpenSeq(_))
            && schema_takes_keyword(&self.stack, key, shape)
    }

    /// Like [`Self::outer_fixed_field`], but only objects that are not schemas count.
    pub(super) fn outer_fixed_field_outside_schemas(
        &self,
        index: usize,
        key: &str,
        shape: &Shape,
    ) -> bool {
        (0..index).rev().any(|j| {
            let f = &self.stack[j];
            match f.kind() {
                Some(Kind::Schema | Kind::SchemaMap) | None => false,
                Some(kind) => {
                    takes_by_name(kind, key)
                        && !f.has_key(key)
                        && grammar::field(kind, key)
                            .and_then(|e| fit_shape(e, shape))
                            .is_some_and(|(p, _)| p == 0)
                }
            }
        })
    }

    /// True when the first key after the current line's value (a `kind` object: the keys
    /// `kind` takes are its) is one a schema takes and the document's root does not
    /// (`properties`, `type`): the schema the value was written in goes on after it.
    pub(super) fn schema_goes_on_after(&self, kind: Kind) -> bool {
        for s in &self.lines[self.current + 1..] {
            match classify(s.trim()) {
                Line::Blank | Line::Comment | Line::Text => continue,
                Line::Key(key, _) if grammar::field(kind, &key).is_some() => continue,
                Line::Key(key, _) => {
                    return grammar::field(Kind::Schema, &key).is_some()
                        && grammar::field(Kind::Root, &key).is_none();
                }
                _ => return false,
            }
        }
        false
    }

    /// True when the value of the current key opens a mapping whose first member's value is
    /// written as a schema: `example:` then `next_property:` then `type: string` (or a `$ref`
    /// within its first three keys).
    pub(super) fn member_value_is_schema(&self, shape: &Shape) -> bool {
        if !matches!(shape, Shape::OpenMap(_, false)) {
            return false;
        }
        let keys: Vec<(String, String)> = self
            .lines
            .iter()
            .skip(self.current + 2)
            .take(3)
            .map_while(|l| match classify(l.trim()) {
                Line::Key(k, rest) => Some((k, scalar_text(rest))),
                _ => None,
            })
            .collect();
        keys.first()
            .is_some_and(|(k, v)| k == "type" && is_json_type(v))
            || keys.iter().any(|(k, _)| k == "$ref")
    }

    /// True when the mapping an empty `example:` (on the line being placed, in the schema
    /// open at `index`) would open starts with a structured field of an enclosing object
    /// that does not hold it yet (`parameters:` of the operation after a response schema's
    /// `example:`), and the schema does not declare that name itself.
    pub(super) fn member_is_outer_field(&self, index: usize, shape: &Shape) -> bool {
        let Shape::OpenMap(first, false) = shape else {
            return false;
        };
        if self
            .guide_member(self.stack[index].earlier, first)
            .is_some()
        {
            return false;
        }
        (0..index).rev().any(|j| {
            let frame = &self.stack[j];
            let Some(kind) = frame.kind() else {
                return false;
            };
            !matches!(kind, Kind::Any | Kind::Examples)
                && !frame.has_key(first)
                && grammar::is_fixed_field(kind, first)
                && match grammar::field(kind, first) {
                    Some(Expect::List(_)) => true,
                    Some(Expect::Obj(k)) => k != Kind::Any,
                    _ => false,
                }
        })
    }

    /// True when the mapping that opens on the next line is written as a response: a
    /// one-line `description`, then `schema:` or `headers:` (`default:` after a response's
    /// schema, in swagger-node specs: `description: Error`, `schema: {$ref: ...}`).
    pub(super) fn value_is_response(&self, shape: &Shape) -> bool {
        if !matches!(shape, Shape::OpenMap(first, true) if first == "description") {
            return false;
        }
        let Some(Line::Key(_, rest)) = self.lines.get(self.current + 1).map(|l| classify(l.trim()))
        else {
            return false;
        };
        !is_block_header(rest)
            && matches!(
                self.lines.get(self.current + 2).map(|l| classify(l.trim())),
                Some(Line::Key(k, _)) if k == "schema" || k == "headers"
            )
    }

    /// True when the value that opens on the next line is written as a schema: its leading
    /// scalar members are all schema keywords (`description`, `example`, `format`...) and one
    /// of them is `$ref`, or `type` with a JSON type name (`type: string`).
    pub(super) fn value_is_schema(&self, shape: &Shape) -> bool {
        if !matches!(shape, Shape::OpenMap(_, true)) {
            return false;
        }
        self.lines
            .iter()
            .skip(self.current + 1)
            .take(SCHEMA_LOOKAHEAD)
            .map_while(|l| match classify(l.trim()) {
                Line::Key(k, rest)
                    if !rest.is_empty() && grammar::field(Kind::Schema, &k).is_some() =>
                {
                    Some((k, scalar_text(rest)))
                }
                _ => None,
            })
            .any(|(k, v)| k == "$ref" || (k == "type" && is_json_type(&v)))
    }

    /// True when `xml: {name: X}` names the definition that encloses frame `index` (so it
    /// describes that definition, not one of its properties).
    pub(super) fn names_enclosing_definition(
        &self,
        index: usize,
        next: &Option<(String, String)>,
    ) -> bool {
        let Some((key, value)) = next else {
            return false;
        };
        if key != "name" || index < 2 {
            return false;
        }
        // A definition `ExploreSchema` is named by `Explore` too: one name starts the other,
        // give or take case and punctuation. A property only by its very name (`photoUrl`
        // names no property `photoUrls`: it is the items' element name).
        let normal = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let named = normal(&scalar_text(value));
        let names = |schema: &str, definition: bool| {
            let schema = normal(schema);
            let (short, long) = if named.len() <= schema.len() {
                (&named, &schema)
            } else {
                (&schema, &named)
            };
            short == long
                || (definition && short.chars().count() >= 4 && long.starts_with(short.as_str()))
        };
        // A property named by its very name (`Username` in `UsernameToken`) keeps it, unless
        // an enclosing schema is named so exactly too.
        let own = normal(&self.stack[index].name) == named;
        self.stack[..index].iter().enumerate().any(|(i, f)| {
            let definition = i == 2 && self.stack[1].name == "definitions" && !own;
            f.kind() == Some(Kind::Schema) && !f.name.is_empty() && names(&f.name, definition)
        })
    }

    /// True when `xml: {name: X}` in property schema `index` names a type (`Advice`, PascalCase)
    /// while the property's own name is not PascalCase (`type`): counted on the corpus and two
    /// held-out sets, every `xml` name that is PascalCase (40) is a definition's, and every one
    /// on a property (8) is not PascalCase.
    pub(super) fn xml_names_a_type(&self, index: usize, next: &Option<(String, String)>) -> bool {
        let Some((key, value)) = next else {
            return false;
        };
        let property = index >= 2
            && self.stack[index - 1].kind() == Some(Kind::SchemaMap)
            && self.stack[index - 1].name == "properties"
            && self.stack[index - 2].kind() == Some(Kind::Schema);
        key == "name"
            && property
            && is_pascal_case(&scalar_text(value))
            && !is_pascal_case(&self.stack[index].name)
    }

    /// False when the current line's `type: X` contradicts a schema's keys so far: an array
    /// with `properties` and no `items`, an object with `items` and no `properties`, a scalar
    /// type with either.
    pub(super) fn type_suits_keys(&self, keys: &[String]) -> bool {
        let ty = match classify(self.lines[self.current].trim()) {
            Line::Key(_, rest) if !rest.is_empty() => scalar_text(rest),
            _ => return true,
        };
        let has = |k: &str| keys.iter().any(|x| x == k);
        match ty.as_str() {
            "array" => !has("properties") || has("items"),
            "object" => !has("items") || has("properties"),
            "string" | "integer" | "number" | "boolean" => !has("properties") && !has("items"),
            _ => true,
        }
    }

    /// True when the current line's `title: Song` names a schema enclosing open schema `index`
    /// (`json_Song`) and not the schema at `index` itself: the enclosing schema's title. With
    /// `exact`, the name must be the value itself (a generated `description: SongJson`).
    pub(super) fn title_names_enclosing_schema(&self, index: usize, exact: bool) -> bool {
        let normal = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let title = match classify(self.lines[self.current].trim()) {
            Line::Key(_, rest) if !rest.is_empty() => normal(&scalar_text(rest)),
            _ => return false,
        };
        let names = |j: usize| {
            let name = normal(&self.stack[j].name);
            !name.is_empty() && (name == title || (!exact && name.ends_with(&title)))
        };
        title.len() >= 3
            && !names(index)
            && (0..index).any(|j| self.stack[j].kind() == Some(Kind::Schema) && names(j))
    }

    /// True when open object `index` is a header (parameter, response) in a map of them, and an
    /// `x-` key's value starts with a field of such an object: a sibling named `x-jwt-ttl`, not
    /// an extension of this one.
    pub(super) fn extension_looks_like_sibling(&self, index: usize, shape: &Shape) -> bool {
        let (Some(kind), Shape::OpenMap(first, _)) = (self.stack[index].kind(), shape) else {
            return false;
        };
        index > 0
            && self.stack[index - 1]
                .kind()
                .and_then(member_kind)
                .is_some_and(|m| m == kind)
            && grammar::is_fixed_field(kind, first)
    }

    /// True when frame `index` lies in the value of an `x-` extension and an object with fixed
    /// fields outside that value can take the extension `key` (`x-origin` after `x-logo`'s `url`
    /// is `info`'s).
    pub(super) fn extension_fits_outside(&self, index: usize, key: &str) -> bool {
        let Some(extension) = (1..=index).find(|&j| self.stack[j].name.starts_with("x-")) else {
            return false;
        };
        (0..extension).rev().any(|j| {
            let f = &self.stack[j];
            f.kind().is_some_and(|k| !grammar::is_open(k)) && !f.has_key(key)
        })
    }

    /// True when `frame` is the document's `definitions` (a schema map right under the root).
    pub(super) fn is_definitions(&self, frame: &Frame<'g>) -> bool {
        std::ptr::eq(frame, &self.stack[1.min(self.stack.len() - 1)])
            && self.stack[0].kind() == Some(Kind::Root)
    }

    /// True when an object below `index` (not free-form) takes `key` as one of its fixed fields.
    pub(super) fn outer_fixed_field(&self, index: usize, key: &str, shape: &Shape) -> bool {
        (0..index).rev().any(|j| {
            let f = &self.stack[j];
            match f.kind() {
                Some(kind) if takes_by_name(kind, key) && !f.has_key(key) => {
                    grammar::field(kind, key)
                        .and_then(|e| fit_shape(e, shape))
                        .is_some_and(|(p, _)| p == 0)
                }
                _ => false,
            }
        })
    }

    /// The property names a schema frame is known to declare (this pass and the first).
    pub(super) fn schema_property_names(&self, frame: &Frame<'g>, props: &[String]) -> Vec<String> {
        let mut names = props.to_vec();
        if let Some(earlier) = self.guide_properties(frame.earlier) {
            names.extend(earlier);
        }
        names
    }

    /// True when the schema a `$ref` frame points at (first pass) declares `name`.
    pub(super) fn ref_has_property(&self, frame: &Frame<'g>, name: &str) -> bool {
        self.guide_properties(frame.earlier)
            .is_some_and(|names| names.iter().any(|n| n == name))
    }

    /// The scalars of a list given by its shape (for `required`).
    pub(super) fn listed_scalars(&self, shape: &Shape) -> Vec<String> {
        match shape {
            Shape::OpenSeq(items) => items.clone(),
            _ => Vec::new(),
        }
    }

    /// The first pass's definitions, for following `$ref`s in its document.
    pub(super) fn definitions(&self) -> Definitions<'g> {
        Definitions::of(self.earlier_root)
    }

    /// Property names of a schema of the first pass, following `$ref` and `allOf`.
    pub(super) fn guide_properties(&self, schema: Option<&'g Node>) -> Option<Vec<String>> {
        let names: Vec<String> = self
            .definitions()
            .with_all_of(schema?)
            .filter_map(|s| s.get("properties").and_then(Node::as_map))
            .flat_map(|props| props.iter().map(|e| e.key.clone()))
            .collect();
        if names.is_empty() { None } else { Some(names) }
    }

    /// Follows `$ref: '#/definitions/X'` in the first pass's document.
    pub(super) fn resolve(&self, schema: &'g Node) -> &'g Node {
        self.definitions().resolve(schema)
    }

    /// The schema of member `key` of an instance of `schema`.
    pub(super) fn guide_member(&self, schema: Option<&'g Node>, key: &str) -> Option<&'g Node> {
        self.definitions()
            .with_all_of(schema?)
            .find_map(|s| s.get("properties").and_then(|p| p.get(key)))
    }

    /// True when free-form frame `index` is a member of an example whose schema does not
    /// declare `key` (it declares other properties, or none: a map's keys are anyone's), and
    /// an enclosing mapping of the same example, whose schema declares `key`, does not hold
    /// it yet.
    pub(super) fn example_key_belongs_further_out(&self, index: usize, key: &str) -> bool {
        let Some(guide) = self.stack[index].guide else {
            return false;
        };
        let declares = |schema: Option<&'g Node>| self.guide_member(schema, key).is_some();
        !declares(Some(guide))
            && (0..index)
                .rev()
                .take_while(|&j| self.stack[j].kind() == Some(Kind::Any))
                .any(|j| !self.stack[j].has_key(key) && declares(self.stack[j].guide))
    }

    /// The schema of the members of an array `schema`.
    pub(super) fn guide_items(&self, schema: Option<&'g Node>) -> Option<&'g Node> {
        self.resolve(schema?).get("items")
    }

    /// The schema that free-form values under `key` of frame `index` are instances of.
    pub(super) fn child_guide(&self, index: usize, key: &str) -> Option<&'g Node> {
        let frame = &self.stack[index];
        match frame.kind()? {
            Kind::Schema if matches!(key, "example" | "default") => frame.earlier,
            Kind::Response if key == "examples" => frame.earlier.and_then(|r| r.get("schema")),
            Kind::Examples => frame.guide,
            Kind::Any => self.guide_member(frame.guide, key),
            _ => None,
        }
    }

    /// True when schema keyword `key`, which the schema `index` does not suit by its type,
    /// comes again in the keyword lines right after it (`additionalProperties: false` after a
    /// string property's `enum`, then the object's own, then its definition's) at least as
    /// often as there are enclosing schemas it suits that do not hold it yet (one at least):
    /// each copy has one home, so the first is the inner schema's, as the author wrote it.
    pub(super) fn keyword_repeats_for_outer_schemas(&self, index: usize, key: &str) -> bool {
        let mut again = 0;
        for line in self.lines.iter().skip(self.current + 1).take(40) {
            let s = line.trim();
            if s.is_empty() || s.starts_with('#') || s.starts_with('-') {
                continue;
            }
            let Line::Key(k, _) = classify(s) else {
                continue;
            };
            if k == key {
                again += 1;
            } else if !(k.starts_with("x-")
                || grammar::is_fixed_field(Kind::Schema, &k)
                || grammar::json_schema_only_field(&k).is_some())
            {
                break;
            }
        }
        let homes = self.stack[..index]
            .iter()
            .filter(|f| match &f.body {
                Body::Map {
                    kind: Kind::Schema,
                    keys,
                    ty,
                    ..
                } => !keys.contains(key) && suits_type(ty.as_deref(), key),
                _ => false,
            })
            .count();
        homes > 0 && again >= homes
    }
}

/// True when one of the schemas among `frames` takes `key` as a keyword it does not have yet,
/// suited to its `type`, with a value of `shape` that fits naturally (JSON-Schema-only keywords
/// included).
pub(super) fn schema_takes_keyword(frames: &[Frame<'_>], key: &str, shape: &Shape) -> bool {
    frames.iter().any(|f| match &f.body {
        Body::Map {
            kind: Kind::Schema,
            keys,
            ty,
            ..
        } => {
            !keys.contains(key)
                && suits_type(ty.as_deref(), key)
                && grammar::field(Kind::Schema, key)
                    .or_else(|| grammar::json_schema_only_field(key))
                    .and_then(|e| fit_shape(e, shape))
                    .is_some_and(|(p, _)| p == 0)
        }
        _ => false,
    })
}

/// True for a schema keyword written as two words run together (`additionalProperties`,
/// `allOf`) that takes a schema or a list of them: API members are rarely named so.
pub(super) fn is_compound_keyword(key: &str) -> bool {
    let structured = |e: Expect| !matches!(e, Expect::Scalar | Expect::ScalarOrList | Expect::Any);
    key.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && key.chars().any(|c| c.is_ascii_uppercase())
        && grammar::field(Kind::Schema, key)
            .or_else(|| grammar::json_schema_only_field(key))
            .is_some_and(structured)
}

/// False when `key` is a keyword only for another `type` of schema than `ty` (`items` of a
/// string); an untyped schema takes every keyword.
pub(super) fn suits_type(ty: Option<&str>, key: &str) -> bool {
    let only_for = match key {
        "properties"
        | "required"
        | "additionalProperties"
        | "patternProperties"
        | "minProperties"
        | "maxProperties"
        | "discriminator"
        | "dependencies"
        | "propertyNames" => "object",
        "items" | "additionalItems" | "minItems" | "maxItems" | "uniqueItems" | "contains" => {
            "array"
        }
        _ => return true,
    };
    ty.is_none_or(|t| t == only_for)
}

/// True when `kind` takes `key` because of its name: a fixed field, or a path or status code.
pub(super) fn takes_by_name(kind: Kind, key: &str) -> bool {
    grammar::is_fixed_field(kind, key)
        || (matches!(kind, Kind::Paths | Kind::Responses)
            && !key.starts_with("x-")
            && grammar::field(kind, key).is_some())
}

/// Scalar members read ahead to tell whether a value is written as a schema.
const SCHEMA_LOOKAHEAD: usize = 6;

/// True for the JSON type names a schema's `type` takes (`null` aside).
fn is_json_type(name: &str) -> bool {
    matches!(
        name,
        "string" | "integer" | "number" | "boolean" | "object" | "array"
    )
}

/// A name's first word, case kept: up to its first `_`, `-` or an upper-case letter after a
/// lower-case one (`subscription` of `subscriptionKeyAccess`, `Xapp` of `XappInstance`,
/// `e2t` of `e2t-data`). `None` for an empty name.
fn first_word(name: &str) -> Option<&str> {
    let mut last_lower = false;
    for (i, c) in name.char_indices() {
        if i > 0 && (c == '_' || c == '-' || (c.is_uppercase() && last_lower)) {
            return Some(&name[..i]);
        }
        last_lower = c.is_lowercase() || c.is_ascii_digit();
    }
    (!name.is_empty()).then_some(name)
}

/// A name's last word when it has more than one: after its last `_` or `-`, or its last
/// upper-case letter after a lower-case one (`Response` of `centerResponse`, `request` of
/// `create_request`).
fn last_word(name: &str) -> Option<&str> {
    let mut start = None;
    let mut last_lower = false;
    for (i, c) in name.char_indices() {
        if i > 0 && (c == '_' || c == '-') {
            start = Some(i + 1);
        } else if i > 0 && c.is_uppercase() && last_lower {
            start = Some(i);
        }
        last_lower = c.is_lowercase() || c.is_ascii_digit();
    }
    start.map(|i| &name[i..]).filter(|w| !w.is_empty())
}
