//! The soft rules themselves, in precedence order (see the parent module for how they are
//! weighed). Each names what it looks at; the facts they share are [`Site`]'s.

use super::named::OPERATION_PARAMETERS;
use super::{Doubt, Effect, Rule, Scope, Site};
use crate::read::grammar::{self, Kind};
use crate::read::recover::evidence::{is_media_type, known_extension_home, member_kind};
use crate::read::recover::facts::suits_type;
use crate::read::recover::frames::Body;
use crate::read::recover::lookahead::{Opens, Shape};
use crate::tree::Node;

fn against(fires: bool) -> Option<Effect> {
    fires.then_some(Effect::Against(1))
}

const FREE_FORM: &[Kind] = &[Kind::Any, Kind::Examples];
const SCHEMA: &[Kind] = &[Kind::Schema];
const NAMED_MAPS: &[Kind] = &[
    Kind::Headers,
    Kind::ParameterMap,
    Kind::ResponseMap,
    Kind::SecurityDefinitions,
    Kind::Scopes,
    Kind::SecurityRequirement,
];

/// The soft rules, in precedence order.
pub(in crate::read::recover) static RULES: &[Rule] = &[
    Rule {
        name: "json-schema-keyword",
        summary: "a JSON Schema keyword Swagger 2.0 lacks (`nullable`, `oneOf`) does not end a block scalar: in a description it reads as prose",
        scope: Scope::Kinds(SCHEMA),
        group: None,
        test: |s| against(s.json_schema_only),
        says: |_| "it is JSON Schema, not a Swagger 2.0 keyword".into(),
        doubt: Doubt::No,
    },
    // Security requirements name declared schemes (Swagger 2.0 says they must).
    Rule {
        name: "declared-scheme",
        summary: "a security requirement names schemes that `securityDefinitions` declares: another key after its scopes (`x-security-scopes`) is the operation's",
        scope: Scope::Kinds(&[Kind::SecurityRequirement]),
        group: None,
        test: |s| against(s.pass.undeclared_scheme(s.key)),
        says: |_| "the document declares no security scheme of that name".into(),
        doubt: Doubt::No,
    },
    // A widely used extension's home is known; what the document does elsewhere comes after.
    Rule {
        name: "extension-known-home",
        summary: "widely used extensions go to the object their tools read them from (`x-logo` to `info`, `x-nullable` to a schema)",
        scope: Scope::All,
        group: Some("extension"),
        test: |s| {
            let home = known_extension_home(s.key).filter(|_| s.is_extension())?;
            if home == s.kind {
                // Its home: what the document does elsewhere does not weigh against it.
                return Some(Effect::Stay);
            }
            against(
                (0..s.index).any(|j| {
                    s.pass.stack[j].kind() == Some(home) && !s.pass.stack[j].has_key(s.key)
                }),
            )
        },
        says: |_| "elsewhere in the document an enclosing kind of object holds it".into(),
        doubt: Doubt::No,
    },
    Rule {
        name: "extension-run-home",
        summary: "an `x-` key with no known home after the fields of a small fixed object (`license`, `contact`, `externalDocs`, `xml`), written in a run of one-line extensions that ends with a widely used one (`x-component: NBI`, then `x-logo`), goes where that one goes",
        scope: Scope::Kinds(&[Kind::License, Kind::Contact, Kind::ExternalDocs, Kind::Xml]),
        group: Some("extension"),
        test: |s| {
            if !s.is_extension() || known_extension_home(s.key).is_some() {
                return None;
            }
            let home = s.pass.extension_run_home()?;
            against(
                (0..s.index).any(|j| {
                    s.pass.stack[j].kind() == Some(home) && !s.pass.stack[j].has_key(s.key)
                }),
            )
        },
        says: |_| "the extensions written after it go to an enclosing object".into(),
        doubt: Doubt::No,
    },
    // An extension goes where the extensions it keeps company with are: `x-tag` after a path's
    // parameters joins the path's `x-name`, not the last parameter.
    Rule {
        name: "extension-company",
        summary: "an `x-` key goes to the object that holds the extensions it shares mappings with elsewhere in the document",
        scope: Scope::All,
        group: Some("extension"),
        test: |s| {
            let pass = s.pass;
            against(
                s.is_extension()
                    && !pass.holds_companion(s.frame, s.key)
                    && (0..s.index).any(|j| {
                        let f = &pass.stack[j];
                        !f.has_key(s.key)
                            && f.kind().is_some_and(|k| grammar::field(k, s.key).is_some())
                            && pass.holds_companion(f, s.key)
                    }),
            )
        },
        says: |_| "the extensions it goes with elsewhere are in an enclosing object".into(),
        doubt: Doubt::No,
    },
    Rule {
        name: "extension-looks-like-sibling",
        summary: "an `x-` key after a header (parameter, response) whose value is written like one is that map's member, not an extension",
        scope: Scope::All,
        group: Some("extension"),
        test: |s| {
            against(s.is_extension() && s.pass.extension_looks_like_sibling(s.index, s.shape))
        },
        says: |_| "its value is written like that object, so it is a sibling named `x-`".into(),
        doubt: Doubt::No,
    },
    Rule {
        name: "extension-usual-home",
        summary: "an `x-` key with no company goes to the enclosing kind of object that holds it most often elsewhere, but not out through a schema's `properties`",
        scope: Scope::All,
        group: Some("extension"),
        test: |s| {
            if !s.is_extension() || s.pass.holds_companion(s.frame, s.key) {
                return None;
            }
            let homes = s.pass.extension_homes.get(s.key);
            let count = |k: Kind| homes.and_then(|h| h.get(&k)).copied().unwrap_or(0);
            let here = count(s.kind);
            // A property's extension does not leave through the `properties` map it is in:
            // the schema around it, or the property, holds it.
            let crosses_properties = |j: usize| {
                s.pass.stack[j + 1..=s.index]
                    .iter()
                    .any(|f| f.kind() == Some(Kind::SchemaMap))
            };
            against((0..s.index).any(|j| {
                let f = &s.pass.stack[j];
                !f.has_key(s.key)
                    && f.kind().is_some_and(|k| count(k) > here)
                    && !crosses_properties(j)
            }))
        },
        says: |_| "elsewhere in the document an enclosing kind of object holds it".into(),
        doubt: Doubt::No,
    },
    // Operation extensions (`x-samples`, `x-scopes`) are often written after the responses;
    // a response, or the reference that is its schema, rarely holds one.
    Rule {
        name: "extension-after-responses",
        summary: "an `x-` key with no known home after an operation's last response (or that response's `schema: {$ref}`) is the operation's, when the operation does not hold it yet",
        scope: Scope::Kinds(&[Kind::Responses, Kind::Response, Kind::Schema]),
        group: Some("extension"),
        test: |s| {
            if !s.is_extension() || known_extension_home(s.key).is_some() {
                return None;
            }
            let stack = &s.pass.stack;
            let kind_at = |j: Option<usize>| j.and_then(|j| stack[j].kind());
            let responses = match s.kind {
                Kind::Responses => Some(s.index),
                Kind::Response => s.index.checked_sub(1),
                Kind::Schema
                    if s.has_ref() && kind_at(s.index.checked_sub(1)) == Some(Kind::Response) =>
                {
                    s.index.checked_sub(2)
                }
                _ => None,
            };
            let r = responses.filter(|&r| kind_at(Some(r)) == Some(Kind::Responses))?;
            let operation = r.checked_sub(1);
            against(
                kind_at(operation) == Some(Kind::Operation)
                    && operation.is_some_and(|o| !stack[o].has_key(s.key)),
            )
        },
        says: |_| "operations hold the extensions written after their responses".into(),
        // A response's (or the schema's) own extension is valid too.
        doubt: Doubt::Yes,
    },
    // The root is left out: tools that sort keys often put `swagger` and `info` first.
    Rule {
        name: "sorted-keys",
        summary: "in a spec whose keys are sorted, a key that sorts before an object's last key starts again further out",
        scope: Scope::All,
        group: None,
        test: |s| {
            against(
                s.pass.sorted_keys
                    && s.kind != Kind::Root
                    && s.keys.last().is_some_and(|last| sorts_before(s.key, last)),
            )
        },
        says: |_| "the spec's keys are sorted, and it sorts before that object's last key".into(),
        doubt: Doubt::No,
    },
    // `request:` then `application/json:` after `populateDefaults: {application/json: ...}`.
    Rule {
        name: "free-form-sibling",
        summary: "in a free-form value, a key whose value starts like the open object's own is that object's sibling",
        scope: Scope::Kinds(&[Kind::Any]),
        group: None,
        test: |s| {
            against(
                s.index > 0
                    && matches!(s.pass.stack[s.index - 1].kind(), Some(Kind::Any) | None)
                    && matches!(s.shape, Shape::OpenMap(first, _) if s.keys.first() == Some(first)),
            )
        },
        says: |_| "an enclosing map's last member is written like this one, key for key".into(),
        doubt: Doubt::Yes,
    },
    // `example: {color: red}` then `name: {type: string}`: `name` is the next property.
    Rule {
        name: "schema-shaped-member",
        summary: "in a free-form value, a key whose value is written as a schema (`type: string`, `$ref`) is a property of the enclosing properties map, unless the value's schema names it",
        scope: Scope::Kinds(FREE_FORM),
        group: None,
        test: |s| {
            against(
                s.pass.value_is_schema(s.shape)
                    && !s.guide_properties_name(s.key)
                    && (0..s.index).any(|j| {
                        let f = &s.pass.stack[j];
                        f.kind() == Some(Kind::SchemaMap) && !f.has_key(s.key)
                    }),
            )
        },
        says: |_| {
            "its value is written as a schema, and an enclosing properties map can take it".into()
        },
        doubt: Doubt::Yes,
    },
    // `headers` after `202_verified: {description}`.
    Rule {
        name: "member-of-enclosing-map",
        summary: "a named header (parameter, response) whose value goes on with a field only an enclosing map's objects take is that map's member",
        scope: Scope::All,
        group: None,
        test: |s| {
            let (Some(member), Shape::OpenMap(_, true)) = (member_kind(s.kind), s.shape) else {
                return None;
            };
            let second = s.pass.second_key_of_value()?;
            against(
                grammar::field(member, &second).is_none()
                    && (0..s.index).any(|j| {
                        s.pass.stack[j]
                            .kind()
                            .and_then(member_kind)
                            .is_some_and(|m| m != member && grammar::is_fixed_field(m, &second))
                            && !s.pass.stack[j].has_key(s.key)
                    }),
            )
        },
        says: |_| "its value has a field that such an object does not take".into(),
        doubt: Doubt::No,
    },
    Rule {
        name: "media-type-map",
        summary: "a map of media types (`application/json: ...`) takes no other names",
        scope: Scope::Kinds(FREE_FORM),
        group: None,
        test: |s| {
            against(
                s.index > 0
                    && !s.keys.is_empty()
                    && s.keys.iter().all(|k| is_media_type(k))
                    && !is_media_type(s.key),
            )
        },
        says: |_| "that object maps media types, and this is not one".into(),
        doubt: Doubt::No,
    },
    Rule {
        name: "example-media-type",
        summary: "in a response's `examples`, a media type (`application/xml:` and a literal block) that `examples` does not hold yet is its next example, not a member of the example being written",
        scope: Scope::Kinds(&[Kind::Any]),
        group: None,
        test: |s| {
            (is_media_type(s.key)
                && s.pass.stack[..s.index]
                    .iter()
                    .rfind(|f| f.kind() == Some(Kind::Examples))
                    .is_some_and(|f| !f.has_key(s.key)))
            .then_some(Effect::Against(2))
        },
        says: |_| "it is a media type of the response's `examples`".into(),
        doubt: Doubt::No,
    },
    // ---- free-form values (examples, extensions, defaults)
    Rule {
        name: "example-properties",
        summary: "an example holds only properties of the schema it illustrates (following `$ref` and `allOf`)",
        scope: Scope::Kinds(FREE_FORM),
        group: Some("free-form"),
        test: |s| {
            let names = s.guide_properties()?;
            (!names.iter().any(|n| n == s.key)).then_some(Effect::Against(2))
        },
        says: |_| "the schema that example illustrates has no such property".into(),
        doubt: Doubt::No,
    },
    Rule {
        name: "example-properties",
        summary: "",
        scope: Scope::Kinds(FREE_FORM),
        group: Some("free-form"),
        test: |s| {
            s.guide_properties()?;
            Some(if s.outer_fixed_field() {
                Effect::Keep
            } else {
                Effect::Stay
            })
        },
        says: |_| "the schema that example illustrates has that property".into(),
        doubt: Doubt::Yes,
    },
    Rule {
        name: "operation-field-recurs",
        summary: "an operation's field written again before the next operation leaves the first to the free-form value it is in",
        scope: Scope::Kinds(FREE_FORM),
        group: Some("free-form"),
        test: |s| {
            (s.outer_fixed_field() && s.pass.operation_field_recurs(s.index, s.key))
                .then_some(Effect::Stay)
        },
        says: |_| String::new(),
        doubt: Doubt::No,
    },
    // `description:` then `metadata:` in an example of a service: if the description were the
    // operation's, the example's next member would fit nowhere.
    Rule {
        name: "free-form-goes-on",
        summary: "a fixed field of an enclosing object, in a free-form value, stays there when the key written after it is one no enclosing object takes",
        scope: Scope::Kinds(FREE_FORM),
        group: Some("free-form"),
        test: |s| {
            (s.outer_fixed_field() && s.pass.next_key_fits_only_free_form(s.index))
                .then_some(Effect::Stay)
        },
        says: |_| String::new(),
        doubt: Doubt::No,
    },
    Rule {
        name: "outer-fixed-field",
        summary: "a key an enclosing object takes as one of its fixed fields closes a free-form value or a map of names",
        scope: Scope::Kinds(FREE_FORM),
        group: Some("free-form"),
        test: |s| against(s.outer_fixed_field()),
        says: |key| format!("an enclosing object takes `{key}` as one of its fields"),
        doubt: Doubt::WhenBothTakeItByName,
    },
    Rule {
        name: "referenced-definition",
        summary: "a name the spec refers to as `#/definitions/X` starts that definition, unless the definition is written further down",
        scope: Scope::Kinds(FREE_FORM),
        group: Some("free-form"),
        test: |s| against(s.referenced()),
        says: |key| format!("`#/definitions/{key}` is referenced and not defined yet"),
        doubt: Doubt::No,
    },
    Rule {
        name: "referenced-component",
        summary: "a name the spec refers to as `#/responses/X` (`#/parameters/X`) starts that member of the document's `responses` (`parameters`)",
        scope: Scope::All,
        group: None,
        test: |s| {
            let pass = s.pass;
            against(
                !matches!(s.kind, Kind::ResponseMap | Kind::ParameterMap)
                    && pass.stack.get(1).is_some_and(|f| {
                        matches!(f.kind(), Some(Kind::ResponseMap | Kind::ParameterMap))
                            && !f.has_key(s.key)
                            && pass
                                .referenced
                                .component(f.kind().unwrap_or(Kind::Any), s.key)
                    }),
            )
        },
        says: |key| {
            format!("the spec refers to `{key}` as a response or parameter of the document")
        },
        doubt: Doubt::No,
    },
    // `default:` then `$ref: 'common.yml#/responses/UnexpectedError'` after a response's
    // schema: the reference says the value is a response, so `default` is the responses'
    // default, not the schema's.
    Rule {
        name: "ref-target-kind",
        summary: "a mapping whose `$ref` points into a document's `responses` (`parameters`, `definitions`) is a response (a parameter, a schema): it goes where the key's value is one",
        scope: Scope::All,
        group: None,
        test: |s| {
            let Opens::Map(got) = s.opens else {
                return None;
            };
            let want = s.pass.value_ref_kind()?;
            against(match want {
                // A schema's `$ref` may sit in items, or in a free-form value written as one.
                Kind::Schema => !matches!(got, Kind::Schema | Kind::Items | Kind::Any),
                _ => got != want,
            })
        },
        says: |key| format!("the `$ref` in `{key}` points at another kind of object"),
        doubt: Doubt::No,
    },
    Rule {
        name: "extension-in-extension",
        summary: "an extension's value rarely holds extensions: an `x-` key inside one goes to the object around it (in a map called `headers`, `x-` names are HTTP headers and stay)",
        scope: Scope::Kinds(FREE_FORM),
        group: Some("free-form"),
        test: |s| {
            against(
                s.is_extension()
                    && !s.frame.name.eq_ignore_ascii_case("headers")
                    && s.pass.extension_fits_outside(s.index, s.key),
            )
        },
        says: |_| {
            "an extension's value rarely holds extensions; the object around it takes them".into()
        },
        doubt: Doubt::No,
    },
    // ---- schemas (first the examples', so that the reason reported is about the example)
    Rule {
        name: "empty-example",
        summary: "an `example` or `default` with nothing after its colon, followed by a name whose value is written as a schema (`type: string`, `$ref`) or by a structured field of an enclosing object (`parameters:` of the operation), is null: the name is the next property (field)",
        scope: Scope::Kinds(SCHEMA),
        group: None,
        test: |s| {
            (s.is_example()
                && (s.pass.member_value_is_schema(s.shape)
                    || s.pass.member_is_outer_field(s.index, s.shape)))
            .then_some(Effect::Leaf)
        },
        says: |_| String::new(),
        doubt: Doubt::No,
    },
    // swagger-node specs end each operation's responses with `default:` then
    // `description: Error` and `schema:`; after a response's schema it reads as that schema's
    // `default` value as well.
    Rule {
        name: "response-shaped-default",
        summary: "a `default:` whose mapping is written as a response (`description`, then `schema:` or `headers:`) is the responses' default response, not a schema's default value",
        scope: Scope::Kinds(SCHEMA),
        group: None,
        test: |s| {
            against(
                s.key == "default"
                    && s.pass.value_is_response(s.shape)
                    && (0..s.index).rev().any(|j| {
                        let f = &s.pass.stack[j];
                        f.kind() == Some(Kind::Responses) && !f.has_key("default")
                    }),
            )
        },
        says: |_| "its value is written as a response".into(),
        doubt: Doubt::No,
    },
    Rule {
        name: "example-type",
        summary: "an `example` or `default` mapping (list) belongs to a schema of type object (array), not to a header, parameter or items of a scalar type; a plain number or boolean belongs to no schema of type object or array",
        scope: Scope::Kinds(&[Kind::Schema, Kind::Header, Kind::Parameter, Kind::Items]),
        group: None,
        test: |s| {
            against(
                s.example_of_other_type()
                    && !(s.pass.rules.is_on("empty-example")
                        && s.pass.member_value_is_schema(s.shape)),
            )
        },
        says: |_| "the value does not suit that object's `type`".into(),
        doubt: Doubt::No,
    },
    Rule {
        name: "example-items",
        summary: "an example of an array of scalars holds no lists or mappings",
        scope: Scope::Kinds(SCHEMA),
        group: None,
        test: |s| {
            if !s.is_example() || !matches!(s.shape, Shape::OpenSeq(_)) || !s.is_type("array") {
                return None;
            }
            let member_type = s
                .frame
                .earlier
                .and_then(|n| n.get("items"))
                .and_then(|n| n.get("type"))
                .and_then(Node::as_str);
            against(
                member_type.is_some_and(|t| !matches!(t, "array" | "object"))
                    && s.pass.first_item_is_collection(),
            )
        },
        says: |_| "its members do not fit that array's `items`".into(),
        doubt: Doubt::No,
    },
    Rule {
        name: "example-keys",
        summary: "an example mapping's first key is a property of the schema it belongs to (or of the schema its `$ref` names)",
        scope: Scope::Kinds(SCHEMA),
        group: None,
        test: |s| {
            let Shape::OpenMap(first, _) = s.shape else {
                return None;
            };
            if !s.is_example() {
                return None;
            }
            let names = s.pass.schema_property_names(s.frame, s.props);
            let count = u8::from(
                !s.example_of_other_type()
                    && !names.is_empty()
                    && !names.iter().any(|n| n == first),
            ) + u8::from(
                names.is_empty() && s.has_ref() && !s.pass.ref_has_property(s.frame, first),
            );
            (count > 0).then_some(Effect::Against(count))
        },
        says: |_| "its keys are not that schema's properties".into(),
        doubt: Doubt::Yes,
    },
    // Siblings of `$ref` are ignored by Swagger; authors still annotate a reference with a
    // description, but a `required` or `example` after it belongs further out.
    Rule {
        name: "ref-siblings",
        summary: "after a `$ref`, only a description, title, readOnly or extension stays beside it",
        scope: Scope::Kinds(SCHEMA),
        group: None,
        test: |s| {
            // An `allOf` member written `- $ref: X` is a reference and nothing more.
            let all_of_member = s.index > 0 && s.pass.stack[s.index - 1].name == "allOf";
            // `$ref`, `format`, then `description`: the annotations beside the reference go on,
            // and the schema around it already has that description, so the run stays.
            let annotations_go_on = || {
                s.pass.next_key_line_after_value().is_some_and(|(next, _)| {
                    matches!(next.as_str(), "description" | "title")
                        && (0..s.index)
                            .rev()
                            .find(|&j| s.pass.stack[j].kind() == Some(Kind::Schema))
                            .is_some_and(|j| s.pass.stack[j].has_key(&next))
                })
            };
            against(
                s.has_ref()
                    && ((!matches!(s.key, "description" | "title" | "readOnly")
                        && !s.is_extension()
                        && !annotations_go_on())
                        || all_of_member),
            )
        },
        says: |_| "Swagger ignores the siblings of a `$ref`".into(),
        doubt: Doubt::Yes,
    },
    // Counted on the corpus and the sixth held-out set: an extension written after a `$ref`
    // is the enclosing schema's (or, after `items: {$ref}`, the array's) 21 times in 22.
    Rule {
        name: "extension-after-ref",
        summary: "an `x-` key with no known home written after a `$ref` is the enclosing object's, when that object does not hold it yet",
        scope: Scope::Kinds(SCHEMA),
        group: None,
        test: |s| {
            let stack = &s.pass.stack;
            against(
                s.is_extension()
                    && s.has_ref()
                    && known_extension_home(s.key).is_none()
                    && (0..s.index).rev().any(|j| {
                        stack[j].kind().is_some_and(|k| {
                            !matches!(k, Kind::SchemaMap | Kind::Any)
                                && grammar::field(k, s.key).is_some()
                        }) && !stack[j].has_key(s.key)
                    }),
            )
        },
        says: |_| "an extension after a reference is nearly always the enclosing object's".into(),
        doubt: Doubt::Yes,
    },
    Rule {
        name: "items-ref-description",
        summary: "a description after an array's `items: {$ref}` is the array's",
        scope: Scope::Kinds(SCHEMA),
        group: None,
        test: |s| {
            against(
                s.has_ref()
                    && matches!(s.key, "description" | "title" | "readOnly")
                    && s.frame.name == "items"
                    && s.parent_is_schema()
                    && !s.pass.stack[s.index - 1].has_key(s.key),
            )
        },
        says: |_| "Swagger ignores the siblings of a `$ref`".into(),
        doubt: Doubt::No,
    },
    // Counted on the corpus and a held-out set: after `items: {type: string}` a `description`
    // is the array's about four times in five, a `default` or `x-nullable` nearly always.
    Rule {
        name: "array-annotation-after-items",
        summary: "a `description`, `title`, `default`, `readOnly`, `x-nullable`, `x-omitempty` or `x-go-name` after an array's plain `items` (a `$ref` or a scalar type) is the array's",
        scope: Scope::Kinds(&[Kind::Schema, Kind::Items]),
        group: None,
        test: |s| annotation_after_plain(s, "items"),
        says: |key| format!("after an array's plain `items`, `{key}` is usually the array's"),
        doubt: Doubt::Yes,
    },
    // The same of a map's values: `additionalProperties: {type: integer}` then `description`.
    Rule {
        name: "map-annotation-after-values",
        summary: "a `description`, `title`, `default`, `readOnly`, `x-nullable`, `x-omitempty` or `x-go-name` after a map's plain `additionalProperties` (a `$ref` or a scalar type) is the map's",
        scope: Scope::Kinds(SCHEMA),
        group: None,
        // Values that describe themselves (`description: additional dates`) keep the
        // annotations after it.
        test: |s| {
            if s.keys.contains("description") || s.keys.contains("title") {
                return None;
            }
            annotation_after_plain(s, "additionalProperties")
        },
        says: |key| {
            format!("after a map's plain `additionalProperties`, `{key}` is usually the map's")
        },
        doubt: Doubt::Yes,
    },
    Rule {
        name: "schema-ref-description",
        summary: "a description after a parameter's or response's `schema: {$ref}` is the parameter's (the response's)",
        scope: Scope::Kinds(SCHEMA),
        group: None,
        test: |s| against(s.has_ref() && s.key == "description" && owner_lacks_key(s)),
        says: |_| "Swagger ignores the siblings of a `$ref`".into(),
        doubt: Doubt::No,
    },
    Rule {
        name: "schema-type-description",
        summary: "a description after a parameter's or response's `schema: {type: ...}` that holds nothing else is the parameter's (the response's)",
        scope: Scope::Kinds(SCHEMA),
        group: None,
        test: |s| {
            against(
                s.key == "description"
                    && s.ty.is_some()
                    && s.keys
                        .iter()
                        .all(|k| matches!(k.as_str(), "type" | "format"))
                    && owner_lacks_key(s),
            )
        },
        says: |_| {
            "a schema that is only a type is rarely described apart from its parameter".into()
        },
        // The schema's own description is valid too.
        doubt: Doubt::Yes,
    },
    Rule {
        name: "schema-goes-on",
        summary: "a schema's `externalDocs` followed by a key only a schema takes (`properties`, `type`) is that schema's, not the document's",
        scope: Scope::Kinds(SCHEMA),
        group: Some("schema-external-docs"),
        test: |s| {
            (s.key == "externalDocs" && s.pass.schema_goes_on_after(Kind::ExternalDocs))
                .then_some(Effect::Stay)
        },
        says: |_| "a key only a schema takes follows its value".into(),
        doubt: Doubt::No,
    },
    Rule {
        name: "outer-fixed-field",
        summary: "",
        scope: Scope::Kinds(SCHEMA),
        group: Some("schema-external-docs"),
        test: |s| against(s.key == "externalDocs" && s.outer_fixed_field_outside_schemas()),
        says: |key| format!("an enclosing object takes `{key}` as one of its fields"),
        doubt: Doubt::WhenBothTakeItByName,
    },
    Rule {
        name: "xml-names-definition",
        summary: "`xml: {name: X}` that names the enclosing definition describes that definition",
        scope: Scope::Kinds(SCHEMA),
        group: None,
        test: |s| {
            against(
                s.key == "xml"
                    && s.pass
                        .names_enclosing_definition(s.index, &s.pass.lines_after_key()),
            )
        },
        says: |_| "its `name` is the enclosing definition's".into(),
        doubt: Doubt::No,
    },
    Rule {
        name: "xml-type-name",
        summary: "`xml: {name: X}` with a PascalCase name, in a property whose own name is not PascalCase, describes the definition around it",
        scope: Scope::Kinds(SCHEMA),
        group: None,
        test: |s| {
            against(s.key == "xml" && s.pass.xml_names_a_type(s.index, &s.pass.lines_after_key()))
        },
        says: |_| "its `name` is written as a type's, not as that property's".into(),
        doubt: Doubt::Yes,
    },
    Rule {
        name: "type-agrees-with-keys",
        summary: "a `type` goes to the schema whose keys agree with it (`array` with `items`, `object` with `properties`)",
        scope: Scope::Kinds(SCHEMA),
        group: None,
        test: |s| against(s.key == "type" && !s.pass.type_suits_keys(s.keys)),
        says: |_| "the value does not suit that object's `type`".into(),
        doubt: Doubt::No,
    },
    Rule {
        name: "title-names-schema",
        summary: "a `title` that names an enclosing definition (or a `description` that is its very name) is that definition's",
        scope: Scope::Kinds(SCHEMA),
        group: None,
        test: |s| {
            against(match s.key {
                "title" => s.pass.title_names_enclosing_schema(s.index, false),
                "description" => s.pass.title_names_enclosing_schema(s.index, true),
                _ => false,
            })
        },
        says: |key| format!("the {key} names an enclosing schema"),
        doubt: Doubt::No,
    },
    Rule {
        name: "keyword-repeats-ahead",
        summary: "a keyword the schema's `type` does not use, with its value on its line, stays in it when the keyword comes again in the keyword lines right after, as often as there are enclosing schemas of a type it suits without it (`additionalProperties: false` after a string property's `enum`, then again for the object and for its definition)",
        scope: Scope::Kinds(SCHEMA),
        group: Some("keyword-suits-type"),
        test: |s| {
            (matches!(s.shape, Shape::Scalar | Shape::FlowMap | Shape::FlowSeq)
                && !suits_type(s.ty, s.key)
                && s.pass.keyword_repeats_for_outer_schemas(s.index, s.key))
            .then_some(Effect::Keep)
        },
        says: |key| format!("`{key}` comes again right after, once for each enclosing schema"),
        doubt: Doubt::Yes,
    },
    Rule {
        name: "keyword-suits-type",
        summary: "a keyword of one type of schema (`items`, `properties`) goes to a schema of that type",
        scope: Scope::Kinds(SCHEMA),
        group: Some("keyword-suits-type"),
        test: |s| against(!suits_type(s.ty, s.key)),
        says: |_| "the value does not suit that object's `type`".into(),
        // The other reading (a keyword the schema's `type` does not use) is valid Swagger.
        doubt: Doubt::Yes,
    },
    Rule {
        name: "required-names-properties",
        summary: "a `required` list names the schema's own properties",
        scope: Scope::Kinds(SCHEMA),
        group: None,
        test: |s| {
            if s.key != "required" {
                return None;
            }
            let mut names = s.pass.schema_property_names(s.frame, s.props);
            // A member of an `allOf` may require what its siblings declare.
            if s.index >= 2 && s.pass.stack[s.index - 1].name == "allOf" {
                let owner = &s.pass.stack[s.index - 2];
                names.extend(s.pass.guide_properties(owner.earlier).unwrap_or_default());
            }
            // Written before the schema's own `properties`, the list names the ones to come.
            if names.is_empty()
                && !s.keys.contains("properties")
                && s.pass.key_after_list().as_deref() == Some("properties")
            {
                return None;
            }
            let listed = s.pass.listed_scalars(s.shape);
            let here = listed.iter().filter(|n| names.contains(n)).count();
            // A list with a typo still belongs to the schema that declares most of its names.
            let count = u8::from(!names.is_empty() && !listed.is_empty() && here == 0)
                + u8::from(
                    here < listed.len()
                        && s.pass.outer_schema_declares_more(s.index, &listed, here),
                );
            (count > 0).then_some(Effect::Against(count))
        },
        says: |_| "it names properties that schema does not declare".into(),
        doubt: Doubt::No,
    },
    Rule {
        name: "outer-fixed-field",
        summary: "",
        scope: Scope::Kinds(NAMED_MAPS),
        group: None,
        test: |s| against(s.outer_fixed_field()),
        says: |key| format!("an enclosing object takes `{key}` as one of its fields"),
        doubt: Doubt::WhenBothTakeItByName,
    },
    // ---- a schema's `properties`: naming evidence, strongest first
    Rule {
        name: "required-here",
        summary: "a name the schema's `required` list holds is its property, whatever the naming evidence says",
        scope: Scope::Properties,
        group: None,
        test: |s| (s.required() && (s.referenced() || s.pascal())).then_some(Effect::Keep),
        says: |_| "that schema's `required` list names it".into(),
        doubt: Doubt::No,
    },
    Rule {
        name: "keyword-name",
        summary: "after a nested object's last property, a compound keyword name (`additionalProperties`) is a keyword, not a property",
        scope: Scope::Properties,
        group: Some("properties"),
        test: |s| {
            (!s.required_here() && s.pass.keyword_of_open_schema(s.key, s.shape))
                .then_some(Effect::Against(2))
        },
        says: |key| format!("an enclosing schema takes `{key}` as a keyword, a rare property name"),
        doubt: Doubt::No,
    },
    Rule {
        name: "example-of-enclosing",
        summary: "an `example` after the last property whose keys are the enclosing schema's properties illustrates that schema",
        scope: Scope::Properties,
        group: Some("properties"),
        test: |s| {
            if s.required_here() || !s.is_example() {
                return None;
            }
            let Shape::OpenMap(first, _) = s.shape else {
                return None;
            };
            let schema = &s.pass.stack[s.index - 1];
            let props = match &schema.body {
                Body::Map { props, .. } => props.as_slice(),
                Body::Seq { .. } => &[],
            };
            against(s.pass.schema_property_names(schema, props).contains(first))
        },
        says: |_| "its keys are the enclosing schema's properties".into(),
        doubt: Doubt::Yes,
    },
    Rule {
        name: "parallel-sibling",
        summary: "a value written exactly like an enclosing map's last member is that member's sibling",
        scope: Scope::Properties,
        group: Some("properties"),
        test: |s| {
            let pass = s.pass;
            against(
                !s.required_here()
                    && !pass.repeats_last_value(s.frame)
                    && (0..s.index).any(|j| {
                        pass.stack[j].kind() == Some(Kind::SchemaMap)
                            && !pass.stack[j].has_key(s.key)
                            && pass.repeats_last_value(&pass.stack[j])
                    }),
            )
        },
        says: |_| "an enclosing map's last member is written exactly like this one".into(),
        doubt: Doubt::No,
    },
    Rule {
        name: "resembles-sibling",
        summary: "a value written like an enclosing properties map's last member (give or take a keyword in four lines) is its sibling",
        scope: Scope::Properties,
        group: Some("properties"),
        test: |s| {
            let pass = s.pass;
            // Only among properties: a definition that starts like the one it follows is no
            // evidence against a nested property. A short member of this map that the value
            // resembles only give or take a keyword (`url: {type, description, example}`)
            // yields to a longer enclosing member it repeats shape for shape (the `location`
            // object whose sibling `offence` is written the same way).
            let here = pass.resemblance(s.frame);
            against(
                !s.required_here()
                    && (0..s.index).any(|j| {
                        pass.stack[j].kind() == Some(Kind::SchemaMap)
                            && pass.stack[j].name == "properties"
                            && !pass.stack[j].has_key(s.key)
                            && pass
                                .resemblance(&pass.stack[j])
                                .is_some_and(|(n, d)| match here {
                                    None => true,
                                    Some((n_here, d_here)) => d == 0 && d_here > 0 && n > n_here,
                                })
                    }),
            )
        },
        says: |_| "an enclosing map's last member is written like this one, key for key".into(),
        doubt: Doubt::Yes,
    },
    Rule {
        name: "referenced-definition",
        summary: "",
        scope: Scope::Properties,
        group: Some("properties"),
        test: |s| against(!s.required_here() && s.referenced()),
        says: |key| format!("`#/definitions/{key}` is referenced and not defined yet"),
        doubt: Doubt::No,
    },
    Rule {
        name: "pascal-case",
        summary: "a PascalCase name among camelCase properties starts a new definition",
        scope: Scope::Properties,
        group: Some("properties"),
        test: |s| against(!s.required_here() && s.pascal()),
        says: |_| "a PascalCase name among camelCase properties reads as a new definition".into(),
        doubt: Doubt::Yes,
    },
    Rule {
        name: "definition-family",
        summary: "an object schema named like two or more definitions (`subscriptionNotification` beside `subscriptionRequest`, `subscriptionResponse`) and unlike the properties before it starts a new definition",
        scope: Scope::Properties,
        group: Some("properties"),
        test: |s| {
            // A name the schema's `required` list holds is its property (`required-here` is
            // about the naming rules before; these say nothing of a required name either way).
            against(!s.required() && s.pass.named_like_definitions(s.index, s.key))
        },
        says: |_| {
            "it is named like the document's definitions, unlike the properties before it".into()
        },
        doubt: Doubt::Yes,
    },
    Rule {
        name: "type-name",
        summary: "an object schema whose name ends in a word that names types (`centerResponse`, `create_request`, `UserModel`, `AccountDto`) starts a new definition",
        scope: Scope::Properties,
        group: Some("properties"),
        test: |s| against(!s.required() && s.pass.named_like_a_type(s.index, s.key)),
        says: |_| "its name ends like a type's, as the names of definitions do".into(),
        doubt: Doubt::Yes,
    },
    Rule {
        name: "outer-requires",
        summary: "after a nested object's last property, a name an enclosing schema requires (and this one does not) is that schema's",
        scope: Scope::Properties,
        group: Some("properties"),
        test: |s| {
            let pass = s.pass;
            against(
                !s.required()
                    && !s.required_here()
                    && (1..s.index - 1).any(|j| {
                        pass.stack[j - 1].kind() == Some(Kind::Schema)
                            && pass.stack[j].kind() == Some(Kind::SchemaMap)
                            && pass.stack[j].name == "properties"
                            && !pass.stack[j].has_key(s.key)
                            && pass.required_names(&pass.stack[j - 1]).contains(s.key)
                    }),
            )
        },
        says: |_| "an enclosing schema's `required` list names it".into(),
        doubt: Doubt::No,
    },
    Rule {
        name: "outer-fixed-field",
        summary: "",
        scope: Scope::Properties,
        group: Some("properties"),
        test: |s| against(s.outer_fixed_field_outside_schemas()),
        says: |key| format!("an enclosing object takes `{key}` as one of its fields"),
        doubt: Doubt::WhenBothTakeItByName,
    },
    Rule {
        name: "outer-keyword",
        summary: "a schema keyword whose value cannot be a property's schema (`properties: {}`) closes the properties map",
        scope: Scope::Properties,
        group: Some("properties"),
        test: |s| against(s.outer_keyword()),
        says: |_| "that value cannot be a property's schema".into(),
        doubt: Doubt::Yes,
    },
    // ---- `definitions` (and other maps of schemas)
    Rule {
        name: "keyword-name",
        summary: "",
        scope: Scope::OtherSchemaMaps,
        group: Some("definitions"),
        test: |s| {
            s.pass
                .keyword_of_open_schema(s.key, s.shape)
                .then_some(Effect::Against(2))
        },
        says: |key| format!("an enclosing schema takes `{key}` as a keyword, a rare property name"),
        doubt: Doubt::No,
    },
    Rule {
        name: "outer-fixed-field",
        summary: "",
        scope: Scope::OtherSchemaMaps,
        group: Some("definitions"),
        test: |s| against(s.outer_fixed_field_outside_schemas()),
        says: |key| format!("an enclosing object takes `{key}` as one of its fields"),
        doubt: Doubt::WhenBothTakeItByName,
    },
    // ---- parameters and operations
    Rule {
        name: "body-parameter-fields",
        summary: "a body parameter takes a `schema`, not the validation keywords of other parameters",
        scope: Scope::Kinds(&[Kind::Parameter]),
        group: None,
        test: |s| {
            against(
                s.location == Some("body")
                    && !s.is_extension()
                    && grammar::field(Kind::Items, s.key).is_some(),
            )
        },
        says: |_| "a body parameter takes a `schema`, not this field".into(),
        doubt: Doubt::No,
    },
    Rule {
        name: "ref-siblings",
        summary: "",
        scope: Scope::Kinds(&[Kind::Parameter]),
        group: None,
        test: |s| against(s.has_ref()),
        says: |_| "Swagger ignores the siblings of a `$ref`".into(),
        doubt: Doubt::No,
    },
    Rule {
        name: "path-parameters",
        summary: "parameters after an operation's responses, when the operation does not go on, are the path's (not a list of body or form parameters alone)",
        scope: Scope::Kinds(&[Kind::Operation]),
        group: None,
        test: |s| {
            against(
                parameters_after_responses(s)
                    && !s.pass.parameters_take_a_body()
                    // With `operation-parameters` on, only where paths show lists of their own.
                    && (!s.pass.rules.is_on(OPERATION_PARAMETERS)
                        || s.pass.path_parameters_shown()),
            )
        },
        says: |_| "the operation has its responses and does not go on; the path takes it".into(),
        doubt: Doubt::WhenThePathHasOtherOperations,
    },
    Rule {
        name: OPERATION_PARAMETERS,
        summary: "parameters after an operation's responses stay the operation's in a document that shows no path's own list (no operation lists parameters before its responses, no path before its operations, no operation is followed by two lists): reported when the path has other operations",
        scope: Scope::Kinds(&[Kind::Operation]),
        group: None,
        test: |s| {
            (parameters_after_responses(s) && !s.pass.path_parameters_shown())
                .then_some(Effect::Keep)
        },
        says: |_| {
            "this document's operations list their parameters after their responses, and no path lists its own".into()
        },
        doubt: Doubt::WhenThePathHasOtherOperations,
    },
    Rule {
        name: "no-request-body",
        summary: "`consumes` after the responses of a GET or HEAD, which take no body, is the document's",
        scope: Scope::Kinds(&[Kind::Operation]),
        group: None,
        test: |s| {
            against(
                s.key == "consumes"
                    && matches!(s.frame.name.as_str(), "get" | "head")
                    && s.keys.contains("responses")
                    && s.outer_fixed_field()
                    && !s.pass.second_parameters_follow(),
            )
        },
        says: |_| {
            "that operation takes no request body, and does not go on after its responses".into()
        },
        doubt: Doubt::Yes,
    },
    Rule {
        name: "root-fields-follow",
        summary: "a field the root and an operation both take (`consumes`, `security`) that no other operation holds, followed by fields only the root takes (`definitions`), is the root's",
        scope: Scope::Kinds(&[Kind::Operation]),
        group: None,
        test: |s| {
            // Extensions after an operation's responses are the operation's (see
            // `extension-after-responses`), whatever follows them.
            against(
                !s.is_extension()
                    && grammar::field(Kind::Root, s.key).is_some()
                    && !s.pass.stack[0].has_key(s.key)
                    && s.pass.other_operations_holding(s.index, s.key) == 0
                    && s.pass.root_fields_follow(),
            )
        },
        says: |_| "fields only the document's root takes follow it".into(),
        doubt: Doubt::Yes,
    },
    Rule {
        name: "keyword-suits-type",
        summary: "",
        scope: Scope::Kinds(&[Kind::Items, Kind::Header]),
        group: None,
        test: |s| {
            against(
                s.ty.is_some()
                    && !s.is_type("array")
                    && matches!(
                        s.key,
                        "collectionFormat" | "items" | "minItems" | "maxItems" | "uniqueItems"
                    ),
            )
        },
        says: |_| "the value does not suit that object's `type`".into(),
        doubt: Doubt::No,
    },
    // An example is an instance of its schema: where a nested member of it ends, the schemas
    // of the members tell (`artifact_depends` after a map of strings is the artifact's).
    Rule {
        name: "example-member-of-schema",
        summary: "in an example, a key that the schema of the mapping being written does not declare, but the schema of an enclosing mapping of the example does, is the enclosing mapping's",
        scope: Scope::Kinds(&[Kind::Any]),
        group: None,
        test: |s| against(s.pass.example_key_belongs_further_out(s.index, s.key)),
        says: |key| format!("its schema does not declare `{key}`, and an enclosing one does"),
        doubt: Doubt::Yes,
    },
    // ---- what a value opens
    // `Cashier ID:` then `Lane: "123"` in an example: the cashier is null, not a mapping.
    Rule {
        name: "null-example-value",
        summary: "in an example, an empty value whose schema is a string, number or boolean is null, not a mapping of the keys after it",
        scope: Scope::Kinds(FREE_FORM),
        group: None,
        test: |s| {
            let scalar = matches!(s.opens, Opens::Map(_))
                && s.pass
                    .guide_member(s.frame.guide, s.key)
                    .map(|schema| s.pass.resolve(schema))
                    .and_then(|schema| schema.get("type"))
                    .and_then(Node::as_str)
                    .is_some_and(|t| matches!(t, "string" | "integer" | "number" | "boolean"));
            scalar.then_some(Effect::Leaf)
        },
        says: |_| String::new(),
        doubt: Doubt::No,
    },
];

/// True when the schema being weighed is a parameter's or a response's `schema`, and that
/// parameter (response) does not hold the key yet.
fn owner_lacks_key(s: &Site<'_, '_, '_>) -> bool {
    s.index.checked_sub(1).is_some_and(|j| {
        let owner = &s.pass.stack[j];
        matches!(owner.kind(), Some(Kind::Parameter | Kind::Response)) && !owner.has_key(s.key)
    })
}

/// `s.key` is an annotation after the plain schema `member` (`items`, `additionalProperties`)
/// of the schema (parameter, header) around it: the outer object's.
fn annotation_after_plain(s: &Site<'_, '_, '_>, member: &str) -> Option<Effect> {
    let parent = s.index.checked_sub(1).map(|j| &s.pass.stack[j]);
    against(
        matches!(
            s.key,
            // go-swagger's `x-omitempty` and `x-go-name` are a struct field's, so the array's.
            "description" | "title" | "default" | "readOnly" | "x-nullable" | "x-omitempty"
                | "x-go-name"
        ) && s.frame.name == member
            && parent.is_some_and(|p| {
                matches!(
                    p.kind(),
                    Some(Kind::Schema | Kind::Parameter | Kind::Items | Kind::Header)
                ) && !p.has_key(s.key)
            })
            && (s.has_ref()
                || matches!(s.ty, Some("string" | "integer" | "number" | "boolean")))
            && !s.keys.iter().any(|k| matches!(k.as_str(), "properties" | "items" | "allOf"))
            // A description beside the items' `$ref` is `items-ref-description`'s; a default
            // of items with an enum is one of its values.
            && !(member == "items"
                && s.has_ref()
                && matches!(s.key, "description" | "title" | "readOnly"))
            && !(s.key == "default" && s.keys.contains("enum"))
            // `description` then `pattern`: the items' keywords go on after it (an
            // example written as a list or a mapping, in flow or on the lines after its key,
            // is no scalar items' example).
            && !s.pass.next_key_line_after_value().is_some_and(|(k, rest)| {
                let rest = rest.trim();
                matches!(
                    k.as_str(),
                    "pattern" | "minLength" | "maxLength" | "format" | "enum"
                        | "minimum" | "maximum" | "exclusiveMinimum"
                        | "exclusiveMaximum" | "multipleOf"
                ) || (k == "example" && !rest.is_empty() && !rest.starts_with(['[', '{']))
            }),
    )
}

/// True when `key` sorts before `last` both byte for byte and ignoring case: tools sort either
/// way (`nfcNamingCode` then `nfNamingCode` is in order ignoring case), so a key in order
/// either way may follow.
fn sorts_before(key: &str, last: &str) -> bool {
    key < last && key.to_lowercase() < last.to_lowercase()
}

/// A list of parameters after an operation's responses, which the path around the operation
/// could take too (it holds none yet, and no second list follows).
fn parameters_after_responses(s: &Site<'_, '_, '_>) -> bool {
    s.key == "parameters"
        && matches!(s.shape, Shape::OpenSeq(_))
        && s.keys.contains("responses")
        && s.index > 0
        && s.pass.stack[s.index - 1].kind() == Some(Kind::PathItem)
        && !s.pass.stack[s.index - 1].has_key(s.key)
        && !s.pass.second_parameters_follow()
}
