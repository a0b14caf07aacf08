//! Evidence gathered from the whole document before placing any line: the names it refers to as
//! definitions, where its extensions live, whether its keys are sorted, and what well-known
//! names mean.

use std::collections::{BTreeSet, HashMap};

use super::lex::{Line, Start, classify, scalar_text, value_start};
use crate::read::grammar::{self, Elem, Expect, Kind};
use crate::tree::{Node, Value};

/// The names the document refers to as `#/definitions/NAME`, each a definition rather than a
/// property, and the lines where each is written as a key that opens a value (`Driver:`).
pub(super) struct Referenced {
    /// Sorted.
    pub(super) names: Vec<String>,
    /// Whether any of `names` is PascalCase (or there are none): only then does a PascalCase
    /// key say "definition" (`pascal-case`).
    pub(super) names_pascal_case: bool,
    /// Names referenced as `#/responses/X`, sorted.
    pub(super) responses: Vec<String>,
    /// Names referenced as `#/parameters/X`, sorted.
    pub(super) parameters: Vec<String>,
    /// For each key written with its value on the following lines, the lines that open it,
    /// with how much the value looks like a definition.
    pub(super) openings: HashMap<String, Vec<(usize, u8)>>,
}

impl Referenced {
    pub(super) fn new(text: &str, lines: &[&str]) -> Self {
        let names = referenced_names(text, "#/definitions/");
        let responses = referenced_names(text, "#/responses/");
        let parameters = referenced_names(text, "#/parameters/");
        let mut openings: HashMap<String, Vec<(usize, u8)>> = HashMap::new();
        for (i, line) in lines.iter().enumerate() {
            if let Line::Key(key, "") = classify(line.trim()) {
                let likeness = definition_likeness(&lines[i + 1..]);
                openings.entry(key).or_default().push((i, likeness));
            }
        }
        Referenced {
            names_pascal_case: names.is_empty() || names.iter().any(|n| is_pascal_case(n)),
            names,
            responses,
            parameters,
            openings,
        }
    }

    /// True when `#/responses/NAME` (for [`Kind::ResponseMap`]) or `#/parameters/NAME` (for
    /// [`Kind::ParameterMap`]) is referenced.
    pub(super) fn component(&self, map: Kind, name: &str) -> bool {
        let names = match map {
            Kind::ResponseMap => &self.responses,
            Kind::ParameterMap => &self.parameters,
            _ => return false,
        };
        names.binary_search_by(|n| n.as_str().cmp(name)).is_ok()
    }

    pub(super) fn contains(&self, name: &str) -> bool {
        self.names
            .binary_search_by(|n| n.as_str().cmp(name))
            .is_ok()
    }

    /// True when a line after `at` opens `name` with a value that looks more like a definition
    /// than the one at `at`: a property `Driver: {type: string}` before the definition
    /// `Driver: {type: object, properties: ...}` is left to its schema.
    pub(super) fn defined_later(&self, name: &str, at: usize) -> bool {
        let Some(openings) = self.openings.get(name) else {
            return false;
        };
        let here = openings
            .iter()
            .find(|&&(line, _)| line == at)
            .map_or(0, |&(_, l)| l);
        openings
            .iter()
            .any(|&(line, likeness)| line > at && likeness > here)
    }
}

/// The names `text` refers to after `prefix` (`#/definitions/`), sorted, each once.
/// Only local references count: `other.yml#/definitions/X` names a definition of another file.
fn referenced_names(text: &str, prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = text
        .match_indices(prefix)
        .filter(|&(at, _)| {
            text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, '\'' | '"' | ' ' | '\t' | ':' | '{' | '[' | ','))
        })
        // The value of a `$ref` on its line, not a pointer quoted in prose (`siehe
        // '#/definitions/vertriebskanal'` in a description).
        .filter(|&(at, _)| {
            let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
            text[line_start..at].contains("$ref")
        })
        .map(|(at, _)| &text[at + prefix.len()..])
        .map(|rest| {
            rest.split(|c: char| {
                c == '\'' || c == '"' || c.is_whitespace() || c == '/' || c == '}' || c == ','
            })
            .next()
            .unwrap_or("")
            .to_string()
        })
        .filter(|n| !n.is_empty())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// 1 when the value on `lines` starts like an object schema (`type: object`, `properties`,
/// `allOf`) before any other nested value, else 0.
pub(super) fn definition_likeness(lines: &[&str]) -> u8 {
    for line in lines.iter().take(12) {
        match classify(line.trim()) {
            Line::Key(key, rest) => match key.as_str() {
                // A reference to another schema: a property that uses it.
                "$ref" => return 0,
                "properties" | "allOf" => return 1,
                "type" if scalar_text(rest) == "object" => return 1,
                // Lists of scalars and prose do not open a nested schema.
                "required" | "enum" => {}
                _ if rest.is_empty() => return 0,
                _ => {}
            },
            Line::Item(_) | Line::Text | Line::Comment | Line::Blank => {}
            Line::Marker => return 0,
        }
    }
    0
}

/// Pairs of `x-` keys (in order) that some mapping of `root` holds together.
pub(super) fn extension_pairs(root: &Node) -> BTreeSet<(String, String)> {
    let mut pairs = BTreeSet::new();
    let mut pending = vec![root];
    while let Some(node) = pending.pop() {
        match &node.value {
            Value::Seq(items) => pending.extend(items.iter()),
            Value::Map(entries) => {
                let ext: Vec<&str> = entries
                    .iter()
                    .map(|e| e.key.as_str())
                    .filter(|k| k.starts_with("x-"))
                    .collect();
                for a in &ext {
                    for b in &ext {
                        if a < b {
                            pairs.insert((a.to_string(), b.to_string()));
                        }
                    }
                }
                pending.extend(entries.iter().map(|e| &e.value));
            }
            _ => {}
        }
    }
    pairs
}

/// For each `x-` key of `root`, how often each kind of object holds it.
pub(super) fn extension_homes(root: &Node) -> HashMap<String, HashMap<Kind, usize>> {
    let mut homes: HashMap<String, HashMap<Kind, usize>> = HashMap::new();
    let mut pending = vec![(root, Expect::Obj(Kind::Root))];
    while let Some((node, expect)) = pending.pop() {
        match (&node.value, expect) {
            (
                Value::Map(entries),
                Expect::Obj(kind) | Expect::BoolOrObj(kind) | Expect::ObjOrList(kind),
            ) => {
                for e in entries {
                    if e.key.starts_with("x-") && !grammar::is_open(kind) {
                        *homes
                            .entry(e.key.clone())
                            .or_default()
                            .entry(kind)
                            .or_default() += 1;
                    } else if let Some(inner) = grammar::field(kind, &e.key) {
                        pending.push((&e.value, inner));
                    }
                }
            }
            (Value::Seq(items), Expect::List(Elem::Obj(kind)) | Expect::ObjOrList(kind)) => {
                pending.extend(items.iter().map(|n| (n, Expect::Obj(kind))));
            }
            _ => {}
        }
    }
    homes
}

/// True when the file's keys look sorted, as tools that normalise specs write them. Two lines
/// in a row that both hold a Swagger keyword with a scalar value are mostly siblings
/// (`description: ...` then `type: string`): nearly all such pairs must be in byte order, and
/// the orders people write by hand (`type` then `format`, `name` then `in`, `type` then
/// `properties:` or `items:`) must be all but absent.
pub(super) fn keys_look_sorted(lines: &[&str]) -> bool {
    const KEYWORDS: &[&str] = &[
        "$ref",
        "allowEmptyValue",
        "basePath",
        "collectionFormat",
        "default",
        "deprecated",
        "description",
        "discriminator",
        "email",
        "example",
        "exclusiveMaximum",
        "exclusiveMinimum",
        "format",
        "host",
        "in",
        "maxItems",
        "maxLength",
        "maximum",
        "minItems",
        "minLength",
        "minimum",
        "multipleOf",
        "name",
        "operationId",
        "pattern",
        "readOnly",
        "required",
        "summary",
        "title",
        "type",
        "uniqueItems",
        "url",
        "version",
    ];
    let (mut sorted, mut total, mut by_hand) = (0usize, 0usize, 0usize);
    // A spec whose keys a tool sorted has many different pairs in order; one that repeats a
    // habit (`title` then `type` under every property) has few.
    let mut sorted_pairs: BTreeSet<(String, String)> = BTreeSet::new();
    let mut previous: Option<String> = None;
    for line in lines {
        let classified = classify(line.trim());
        // `type: object` then `properties:` (or `type: array` then `items:`) is how people
        // write a schema; sorted, those keys come before `type`.
        if previous.as_deref() == Some("type")
            && matches!(&classified, Line::Key(key, rest)
                if rest.is_empty() && matches!(key.as_str(), "properties" | "items" | "enum"))
        {
            total += 1;
            by_hand += 1;
        }
        let current = match classified {
            Line::Key(key, rest)
                if KEYWORDS.contains(&key.as_str())
                    && matches!(value_start(rest), Start::Plain | Start::Quoted(_, true)) =>
            {
                Some(key)
            }
            _ => None,
        };
        if let (Some(a), Some(b)) = (&previous, &current) {
            total += 1;
            sorted += usize::from(a <= b);
            if a < b && sorted_pairs.len() < MIN_SORTED_PAIRS {
                sorted_pairs.insert((a.clone(), b.clone()));
            }
            by_hand += usize::from(matches!(
                (a.as_str(), b.as_str()),
                ("type", "format") | ("name", "in") | ("in", "description") | ("in", "type")
            ));
        }
        previous = current;
    }
    total >= 20
        && sorted * 100 >= total * 85
        && by_hand * 100 <= total
        && sorted_pairs.len() >= MIN_SORTED_PAIRS
}

/// Different pairs of keys in sorted order a spec must show for [`keys_look_sorted`].
const MIN_SORTED_PAIRS: usize = 6;

/// The kind of object a map of named objects holds.
pub(super) fn member_kind(map: Kind) -> Option<Kind> {
    match map {
        Kind::Headers => Some(Kind::Header),
        Kind::ParameterMap => Some(Kind::Parameter),
        Kind::ResponseMap | Kind::Responses => Some(Kind::Response),
        Kind::SecurityDefinitions => Some(Kind::SecurityScheme),
        _ => None,
    }
}

/// `type/subtype`, as media types are written (`application/json`, `text/*`).
pub(super) fn is_media_type(name: &str) -> bool {
    name.split_once('/').is_some_and(|(t, sub)| {
        !t.is_empty() && !sub.is_empty() && !t.contains(char::is_whitespace)
    })
}

/// The object that widely used extensions belong to, by the documentation of the tools that
/// read them (ReDoc, AWS API Gateway, Google Cloud Endpoints, AutoRest, swagger2openapi,
/// swagger-node, go-swagger, NSwag, Wikimedia's RESTBase and service-checker): `x-logo` after `license`
/// is `info`'s.
pub(super) fn known_extension_home(key: &str) -> Option<Kind> {
    match key {
        "x-logo" => Some(Kind::Info),
        "x-tagGroups"
        // swagger2openapi's and ReDoc's OpenAPI 3 sections carried in a 2.0 document.
        | "x-components"
        | "x-webhooks"
        // AutoRest's document-wide extensions.
        | "x-ms-paths"
        | "x-ms-parameterized-host"
        // AWS API Gateway's and Google Cloud Endpoints' API-wide settings.
        | "x-amazon-apigateway-binary-media-types"
        | "x-amazon-apigateway-policy"
        | "x-amazon-apigateway-gateway-responses"
        | "x-amazon-apigateway-request-validators"
        | "x-amazon-apigateway-documentation"
        | "x-amazon-apigateway-api-key-source"
        | "x-google-endpoints"
        | "x-google-management"
        | "x-google-allow" => Some(Kind::Root),
        "x-displayName" | "x-traitTag" => Some(Kind::Tag),
        "x-code-samples"
        | "x-codeSamples"
        | "x-amazon-apigateway-integration"
        | "x-amazon-apigateway-request-validator"
        | "x-amazon-apigateway-auth"
        | "x-ms-pageable"
        | "x-ms-long-running-operation"
        | "x-ms-long-running-operation-options"
        | "x-ms-examples"
        | "x-google-quota"
        | "x-swagger-router-controller"
        // Wikimedia's service-checker (samples, whether to monitor) and RESTBase (the
        // operation's handler).
        | "x-amples"
        | "x-monitor"
        | "x-request-handler" => Some(Kind::Operation),
        // Stoplight's and Apiary's examples of a body parameter, by media type.
        "x-examples" => Some(Kind::Parameter),
        "x-nullable"
        | "x-isnullable"
        | "x-omitempty"
        | "x-go-name"
        | "x-go-custom-tag"
        | "x-go-type"
        | "x-order"
        | "x-enum-varnames"
        | "x-enumNames"
        | "x-enum-descriptions" => Some(Kind::Schema),
        _ => None,
    }
}

/// The kind of object a widely used extension's value is, as its tools read it: AWS API
/// Gateway's `x-amazon-apigateway-any-method` is an operation for every HTTP method.
pub(super) fn known_extension_value(key: &str) -> Option<Kind> {
    match key {
        "x-amazon-apigateway-any-method" => Some(Kind::Operation),
        _ => None,
    }
}

/// `PascalCase`: an upper-case letter followed somewhere by a lower-case one.
pub(super) fn is_pascal_case(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase) && name.chars().any(char::is_lowercase)
}
