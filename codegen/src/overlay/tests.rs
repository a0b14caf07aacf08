//! Overlays on small documents: targets, actions, errors.
use super::*;
use crate::read::yaml::parse;
use crate::tree::Pos;

const DOC: &str = r#"
paths:
  /users/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true}
        - {name: X-Trace, in: header}
        - {name: limit, in: query, maximum: 10}
definitions:
  A:
    type: string
    enum: [x, y]
  My Type:
    description: spaced
"#;

fn doc() -> Node {
    parse(DOC).unwrap().root
}

#[test]
fn targets_select_these_nodes() {
    let params = "$['paths']['/users/{id}']['get']['parameters']";
    let cases: &[(&str, &[&str])] = &[
        ("$", &["$"]),
        ("$.definitions.A", &["$['definitions']['A']"]),
        (
            "$['definitions'][\"My Type\"]",
            &["$['definitions']['My Type']"],
        ),
        (
            "$.paths['/users/{id}'].get.parameters[1].name",
            &[&format!("{params}[1]['name']")],
        ),
        (
            "$.paths['/users/{id}'].get.parameters[-1]",
            &[&format!("{params}[2]")],
        ),
        ("$.paths['/users/{id}'].get.parameters[5]", &[]),
        (
            "$.definitions.*",
            &["$['definitions']['A']", "$['definitions']['My Type']"],
        ),
        ("$.definitions[*].type", &["$['definitions']['A']['type']"]),
        (
            "$.definitions['A','My Type', 'A']",
            &["$['definitions']['A']", "$['definitions']['My Type']"],
        ),
        ("$..enum[0]", &["$['definitions']['A']['enum'][0]"]),
        (
            "$..description",
            &["$['definitions']['My Type']['description']"],
        ),
        (
            "$..parameters[?(@.in == 'header')]",
            &[&format!("{params}[1]")],
        ),
        (
            "$..parameters[?@.in != 'header' && @.required]",
            &[&format!("{params}[0]")],
        ),
        (
            "$..parameters[?@.maximum >= 10 || @.name == \"id\"]",
            &[&format!("{params}[0]"), &format!("{params}[2]")],
        ),
        (
            "$..parameters[?!@.required]",
            &[&format!("{params}[1]"), &format!("{params}[2]")],
        ),
        (
            "$..parameters[?(@['in'] == 'query' && (@.maximum < 5 || @.maximum > 9))]",
            &[&format!("{params}[2]")],
        ),
        (
            "$.definitions[?@.type == 'string'].enum",
            &["$['definitions']['A']['enum']"],
        ),
        ("$.nothing.here", &[]),
        ("$.definitions.A.type.deeper", &[]),
    ];
    let doc = doc();
    for (target, expected) in cases {
        let path = parse_target(target).unwrap_or_else(|e| panic!("{target}: {e:?}"));
        let got: Vec<String> = select(&path, &doc)
            .iter()
            .map(|steps| display_steps(steps))
            .collect();
        assert_eq!(got, *expected, "{target}");
    }
}

#[test]
fn bad_targets_are_refused() {
    // (target, character, message start, suggested spelling)
    let cases = [
        ("definitions.A", 1, "parser error", Some("$.definitions.A")),
        ("$.", 3, "in dot member name", None),
        (
            "$['a'",
            6,
            "in long-hand segment, expected closing ']'",
            None,
        ),
        (
            "$['a]",
            6,
            "in long-hand segment, expected an ending quote",
            None,
        ),
        ("$[?(@.a == 'x']", 4, "in long-hand segment", None),
        ("$[?@.a == x]", 8, "in long-hand segment", None),
        ("$[?'x']", 4, "in long-hand segment", None),
        ("$ x", 2, "parser error", None),
        ("$[?!!@.a]", 5, "in long-hand segment", None),
        (
            "$.paths./users.get.responses.200",
            9,
            "in dot member name",
            Some("$.paths['/users'].get.responses['200']"),
        ),
        ("  $.a.x-foo", 8, "parser error", Some("$.a['x-foo']")),
        ("$..$ref", 4, "must start with", Some("$..['$ref']")),
    ];
    for (target, at, message, standard) in cases {
        let (got, hint) = parse_target(target).unwrap_err();
        assert!(got.starts_with(message), "{target}: {got}");
        assert!(
            got.ends_with(&format!("(at character {at})")),
            "{target}: {got}"
        );
        match standard {
            Some(s) => assert!(hint.starts_with(&format!("did you mean `{s}`?")), "{hint}"),
            None => assert!(hint.starts_with("targets are RFC 9535 JSONPath"), "{hint}"),
        }
    }
    let deep = format!("$[?{}@.a{}]", "(".repeat(100), ")".repeat(100));
    let (message, _) = parse_target(&deep).unwrap_err();
    assert_eq!(
        message,
        "brackets and parentheses nest deeper than 32 (at character 35)"
    );
    let nested = format!("$[?{}@.a{}]", "@[?".repeat(40), "]".repeat(40));
    let (message, _) = parse_target(&nested).unwrap_err();
    assert_eq!(message, "brackets nest deeper than 5 (at character 17)");
    // Brackets inside names are text, not nesting.
    let names = format!("$['{}']", "[(".repeat(100));
    assert!(parse_target(&names).is_ok());
}

fn overlay(actions: &str) -> Node {
    let text = format!("overlay: 1.0.0\ninfo: {{title: t, version: '1'}}\nactions:\n{actions}");
    parse(&text).unwrap().root
}

#[test]
fn actions_change_the_document() {
    // (actions, JSON pointer in the result, expected JSON there)
    let cases: &[(&str, &str, serde_json::Value)] = &[
        (
            "- target: $.definitions.A\n  update: {description: new, enum: [z]}\n",
            "/definitions/A",
            serde_json::json!({"type": "string", "enum": ["x", "y", "z"], "description": "new"}),
        ),
        (
            "- target: $.definitions.A.enum\n  remove: true\n- target: $.definitions.A\n  update: {enum: [z]}\n",
            "/definitions/A/enum",
            serde_json::json!(["z"]),
        ),
        (
            "- target: $.definitions.A.enum\n  update: w\n- target: $.definitions.A.enum\n  update: [v, u]\n",
            "/definitions/A/enum",
            serde_json::json!(["x", "y", "w", "v", "u"]),
        ),
        (
            "- target: $.definitions\n  update:\n    B: {type: integer}\n    A: {type: number}\n",
            "/definitions",
            serde_json::json!({"A": {"type": "number", "enum": ["x", "y"]}, "My Type": {"description": "spaced"}, "B": {"type": "integer"}}),
        ),
        (
            "- target: $..parameters[?@.in == 'header']\n  remove: true\n",
            "/paths/~1users~1{id}/get/parameters",
            serde_json::json!([{"name": "id", "in": "path", "required": true}, {"name": "limit", "in": "query", "maximum": 10}]),
        ),
        (
            "- target: $..parameters[*]\n  remove: true\n",
            "/paths/~1users~1{id}/get/parameters",
            serde_json::json!([]),
        ),
        (
            "- target: $..*[?@.in]\n  update: {x-seen: true}\n",
            "/paths/~1users~1{id}/get/parameters/1",
            serde_json::json!({"name": "X-Trace", "in": "header", "x-seen": true}),
        ),
        (
            "- target: $.definitions['My Type']\n  remove: true\n  update: {ignored: true}\n",
            "/definitions",
            serde_json::json!({"A": {"type": "string", "enum": ["x", "y"]}}),
        ),
        (
            "- target: $\n  update: {swagger: '2.0'}\n",
            "/swagger",
            serde_json::json!("2.0"),
        ),
    ];
    for (actions, pointer, expected) in cases {
        let mut doc = doc();
        let diags = apply(&mut doc, &overlay(actions), "o.yaml");
        assert_eq!(diags, [], "{actions}");
        let json = doc.to_json();
        assert_eq!(json.pointer(pointer), Some(expected), "{actions}");
    }
}

#[test]
fn problems_are_diagnosed() {
    // (severity, code, line, message start)
    type Expected = (&'static str, &'static str, u32, &'static str);
    let cases: &[(&str, &[Expected])] = &[
        (
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\n",
            &[(
                "error",
                "overlay.invalid",
                1,
                "the overlay has no `actions`",
            )],
        ),
        (
            "[1]",
            &[("error", "overlay.invalid", 1, "an overlay is a mapping")],
        ),
        (
            "overlay: 2.0.0\ninfo: {title: t, version: '1'}\nactions: []\n",
            &[(
                "error",
                "overlay.invalid",
                1,
                "unsupported overlay version `2.0.0`",
            )],
        ),
        (
            "overlay: 1.0.0\nactions: []\n",
            &[("warning", "overlay.invalid", 1, "the overlay has no `info`")],
        ),
        (
            "overlay: 1.0.0\ninfo: {}\nactions: {}\n",
            &[("error", "overlay.invalid", 3, "`actions` is a sequence")],
        ),
        (
            "overlay: 1.0.0\ninfo: {}\nactions:\n- target: $.nope\n  remove: true\n- target: $.definitions.A\n  update: {a: 1}\n",
            &[(
                "warning",
                "overlay.no-match",
                4,
                "target `$.nope` selects nothing",
            )],
        ),
        (
            "overlay: 1.0.0\ninfo: {}\nactions:\n- target: definitions\n  remove: true\n",
            &[(
                "error",
                "overlay.invalid",
                4,
                "invalid JSONPath `definitions`: parser error (at character 1)",
            )],
        ),
        (
            "overlay: 1.0.0\ninfo: {}\nactions:\n- remove: true\n- x\n- target: 3\n- target: $\n  remove: yes\n",
            &[
                ("error", "overlay.invalid", 4, "the action has no `target`"),
                ("error", "overlay.invalid", 5, "an action is a mapping"),
                (
                    "error",
                    "overlay.invalid",
                    6,
                    "`target` is a JSONPath string",
                ),
                ("error", "overlay.invalid", 8, "`remove` is true or false"),
            ],
        ),
        (
            "overlay: 1.0.0\ninfo: {}\nactions:\n- target: $\n  remove: true\n",
            &[(
                "error",
                "overlay.invalid",
                4,
                "cannot remove the whole document",
            )],
        ),
        (
            "overlay: 1.0.0\ninfo: {}\nactions:\n- target: $.definitions.A.type\n  update: {a: 1}\n- target: $.definitions\n  update: [1]\n",
            &[
                (
                    "error",
                    "overlay.invalid",
                    5,
                    "cannot merge a mapping into the string at $['definitions']['A']['type']",
                ),
                (
                    "error",
                    "overlay.invalid",
                    7,
                    "cannot merge a sequence into the mapping at $['definitions']",
                ),
            ],
        ),
        (
            "overlay: 1.0.0\ninfo: {}\nactions:\n- target: $.definitions\n  updates: {}\n",
            &[
                (
                    "warning",
                    "overlay.invalid",
                    5,
                    "unknown action field `updates`",
                ),
                (
                    "warning",
                    "overlay.invalid",
                    4,
                    "the action has neither `update` nor `remove: true`",
                ),
            ],
        ),
    ];
    for (text, expected) in cases {
        let mut doc = doc();
        let before = doc.clone();
        let diags = apply(&mut doc, &parse(text).unwrap().root, "o.yaml");
        let got: Vec<_> = diags
            .iter()
            .map(|d| (d.severity.as_str(), d.code, d.line, d.message.as_str()))
            .collect();
        assert_eq!(got.len(), expected.len(), "{text}\n{diags:#?}");
        for (g, e) in got.iter().zip(expected.iter()) {
            assert!(
                g.0 == e.0 && g.1 == e.1 && g.2 == e.2 && g.3.starts_with(e.3),
                "{text}\n got {g:?}\nwant {e:?}"
            );
        }
        assert!(diags.iter().all(|d| d.file == "o.yaml"));
        if diags
            .iter()
            .any(|d| d.code == "overlay.invalid" && d.path.is_empty())
        {
            assert_eq!(doc, before, "a malformed overlay leaves the document alone");
        }
    }
}

#[test]
fn standard_features_the_old_engine_refused_select() {
    let params = "$['paths']['/users/{id}']['get']['parameters']";
    let cases: &[(&str, &[&str])] = &[
        // Descendants then a filter, with no name in between.
        ("$..[?@.in == 'header']", &[&format!("{params}[1]")]),
        (
            "$.paths.*.get.parameters[0:2]",
            &[&format!("{params}[0]"), &format!("{params}[1]")],
        ),
        (
            "$..parameters[::-2]",
            &[&format!("{params}[0]"), &format!("{params}[2]")],
        ),
        (
            "$..parameters[?length(@.name) == 2]",
            &[&format!("{params}[0]")],
        ),
        (
            "$..parameters[?match(@.name, 'X-.*')]",
            &[&format!("{params}[1]")],
        ),
        (
            "$.definitions[?@..description]",
            &["$['definitions']['My Type']"],
        ),
        (
            "$..parameters[?@.in == $.definitions.A.enum[0] || @.in == 'path']",
            &[&format!("{params}[0]")],
        ),
        // A union that names one node twice, and out of document order.
        (
            "$..parameters[2, 0, 0, -1]",
            &[&format!("{params}[0]"), &format!("{params}[2]")],
        ),
        (
            "$.paths..[?@ == 'path' || @.in == 'path']",
            &[&format!("{params}[0]"), &format!("{params}[0]['in']")],
        ),
        ("  $.definitions.A  ", &["$['definitions']['A']"]),
    ];
    let doc = doc();
    for (target, expected) in cases {
        let path = parse_target(target).unwrap_or_else(|e| panic!("{target}: {e:?}"));
        let got: Vec<String> = select(&path, &doc)
            .iter()
            .map(|s| display_steps(s))
            .collect();
        assert_eq!(got, *expected, "{target}");
    }
}

#[test]
fn selection_follows_the_document_not_the_json_copy() {
    // serde_json sorts object keys; the selection keeps the document's order.
    let doc = parse("definitions:\n  Z: {type: string}\n  A: {type: string}\n  M: 1\n")
        .unwrap()
        .root;
    let path = parse_target("$.definitions[?@.type == 'string']").unwrap();
    let got: Vec<String> = select(&path, &doc)
        .iter()
        .map(|s| display_steps(s))
        .collect();
    assert_eq!(got, ["$['definitions']['Z']", "$['definitions']['A']"]);

    // A key given twice (the YAML reader keeps the first; a tree built otherwise may hold
    // both): the first value is the one queried and changed, as `Node::get` sees it.
    let mut doc = parse("definitions:\n  A: {type: string}\n  B: {type: integer}\n")
        .unwrap()
        .root;
    if let Some(Value::Map(entries)) = doc.get_mut("definitions").map(|d| &mut d.value) {
        entries[1].key = "A".into();
    }
    let integer = parse_target("$.definitions[?@.type == 'integer']").unwrap();
    assert!(select(&integer, &doc).is_empty());
    let fix = overlay("- target: $.definitions[?@.type == 'string']\n  update: {format: x}\n");
    assert_eq!(apply(&mut doc, &fix, "o.yaml"), []);
    let entries = doc.get("definitions").unwrap().as_map().unwrap();
    assert_eq!(entries[0].value.get("format").unwrap().as_str(), Some("x"));
    assert!(entries[1].value.get("format").is_none());

    // Non-finite numbers are null in the JSON copy (as `Node::to_json` makes them).
    let doc = parse("a: {maximum: .inf}\nb: {maximum: 1}\n").unwrap().root;
    let null = parse_target("$[?@.maximum == null]").unwrap();
    let got: Vec<String> = select(&null, &doc)
        .iter()
        .map(|s| display_steps(s))
        .collect();
    assert_eq!(got, ["$['a']"]);
}

#[test]
fn one_target_removes_several_items_of_a_list() {
    let params = "/paths/~1users~1{id}/get/parameters";
    let cases: &[(&str, serde_json::Value)] = &[
        // The first and the last of three: removing the first must not shift the last.
        (
            "$..parameters[?@.name != 'X-Trace']",
            serde_json::json!([{"name": "X-Trace", "in": "header"}]),
        ),
        (
            "$..parameters[2, 0, 0]",
            serde_json::json!([{"name": "X-Trace", "in": "header"}]),
        ),
        (
            "$..[?@.in == 'header' || @.in == 'query']",
            serde_json::json!([{"name": "id", "in": "path", "required": true}]),
        ),
        // Members of two items, selected in reverse order.
        (
            "$..parameters[?@.in == 'query', 0]['in', 'required']",
            serde_json::json!([{"name": "id"}, {"name": "X-Trace", "in": "header"}, {"name": "limit", "maximum": 10}]),
        ),
        // An item and a member inside it: the member goes first, then the item.
        (
            "$.paths..[?@ == 'path' || @.in == 'path']",
            serde_json::json!([{"name": "X-Trace", "in": "header"}, {"name": "limit", "in": "query", "maximum": 10}]),
        ),
    ];
    for (target, expected) in cases {
        let mut doc = doc();
        let fix = overlay(&format!("- target: \"{target}\"\n  remove: true\n"));
        assert_eq!(apply(&mut doc, &fix, "o.yaml"), [], "{target}");
        assert_eq!(doc.to_json().pointer(params), Some(expected), "{target}");
    }
    // Each selected list gets the update once, however often the target names it.
    let mut doc = parse("a: [1]\nb: {c: [2], d: [3, 4]}\n").unwrap().root;
    let fix = overlay(
        "- target: $..[?length(@) == 1]\n  update: 9\n- target: $['a', 'a']\n  update: 8\n",
    );
    assert_eq!(apply(&mut doc, &fix, "o.yaml"), []);
    assert_eq!(
        doc.to_json(),
        serde_json::json!({"a": [1, 9, 8], "b": {"c": [2, 9], "d": [3, 4]}})
    );
}

#[test]
fn a_refused_target_is_an_error_at_its_line() {
    let text = "overlay: 1.0.0\ninfo: {}\nactions:\n- target: $.definitions\n  update: {B: {}}\n\
                    - target: $.paths./users.get\n  remove: true\n- target: '$[?(@.a == 1]'\n  remove: true\n";
    let mut doc = doc();
    let before = doc.clone();
    let diags = apply(&mut doc, &parse(text).unwrap().root, "o.yaml");
    let got: Vec<_> = diags
        .iter()
        .map(|d| {
            (
                d.code,
                d.line,
                d.column,
                d.path.as_str(),
                d.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "overlay.invalid",
                6,
                11,
                "actions[1]",
                "invalid JSONPath `$.paths./users.get`: in dot member name, must start with lowercase alpha or '_' (at character 9)"
            ),
            (
                "overlay.invalid",
                8,
                11,
                "actions[2]",
                "invalid JSONPath `$[?(@.a == 1]`: in long-hand segment, parser error (at character 4)"
            ),
        ]
    );
    assert!(
        diags
            .iter()
            .all(|d| d.severity == Severity::Error && d.file == "o.yaml")
    );
    assert_eq!(
        diags[0].hint.as_deref().unwrap().split_once('?').unwrap().0,
        "did you mean `$.paths['/users'].get`"
    );
    assert!(
        diags[1]
            .hint
            .as_deref()
            .unwrap()
            .starts_with("targets are RFC 9535 JSONPath")
    );
    // The good action still applies; the refused ones change nothing.
    assert!(doc.get("definitions").unwrap().get("B").is_some());
    assert_eq!(doc.get("paths"), before.get("paths"));
}

#[test]
fn inserted_nodes_keep_their_overlay_positions() {
    let mut doc = doc();
    let fix = overlay("- target: $.definitions\n  update:\n    B:\n      type: integer\n");
    assert_eq!(apply(&mut doc, &fix, "o.yaml"), []);
    let b = doc.get("definitions").unwrap().entry("B").unwrap();
    assert_eq!(b.key_pos, Pos::new(6, 5));
    assert_eq!(b.value.get("type").unwrap().pos, Pos::new(7, 13));
}

/// The seed's `CatalogoNacionalidad` as its lines give it: the description (nationality table,
/// then the states table) and the misplaced state codes as `enum`.
struct SeedCatalogue {
    description: Vec<String>,
    enum_codes: Vec<String>,
}

fn seed_catalogue(seed: &str) -> SeedCatalogue {
    let lines: Vec<&str> = seed.lines().collect();
    let start = lines
        .iter()
        .position(|l| *l == "CatalogoNacionalidad:")
        .expect("the seed defines CatalogoNacionalidad");
    let first = lines[start + 2]
        .strip_prefix("description: '")
        .expect("the description follows the type");
    let mut description = vec![first.to_string()];
    let mut i = start + 3;
    while lines[i] != "'" {
        description.push(lines[i].to_string());
        i += 1;
    }
    assert_eq!(
        lines[i + 1..i + 4],
        ["minLength: 2", "maxLength: 4", "example: 'JAL'"]
    );
    let enum_codes = lines[i + 5..]
        .iter()
        .map_while(|l| l.strip_prefix("- '")?.strip_suffix('\''))
        .map(str::to_string)
        .collect();
    SeedCatalogue {
        description,
        enum_codes,
    }
}

fn codes(rows: &[String]) -> Vec<String> {
    rows.iter()
        .filter_map(|row| row.split_once(" | ").map(|(code, _)| code.to_string()))
        .collect()
}

fn strings(node: &Node) -> Vec<String> {
    node.as_seq()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_string())
        .collect()
}

/// The vantage overlay against the seed it fixes: every code and name comes from the seed.
#[test]
fn vantage_overlay_fixes_the_catalogues() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../schemas/");
    let seed = std::fs::read_to_string(format!("{root}vantage.swagger.yaml")).unwrap();
    let fix = std::fs::read_to_string(format!("{root}vantage.overlay.yaml")).unwrap();
    let seed = seed_catalogue(&seed);
    let split = seed
        .description
        .iter()
        .position(|l| l == "Clave | Estado |")
        .unwrap();
    let (nationalities, states) = seed.description.split_at(split);

    // The shape the Swagger reader gives this part of the seed once indentation is recovered.
    let lines = |rows: &[String]| rows.iter().map(|r| format!("{r}\n")).collect::<String>();
    let mut doc = parse(&format!(
        "definitions:\n  CatalogoNacionalidad:\n    type: string\n    description: {}\n    \
             minLength: 2\n    maxLength: 4\n    example: JAL\n    enum: {}\n  \
             CatalogoResidencia:\n    type: integer\n    minimum: 0\n    maximum: 1\n    \
             enum: [1, 2, 3, 4, 5]\n",
        serde_json::Value::from(lines(&seed.description)),
        serde_json::Value::from(seed.enum_codes.clone()),
    ))
    .unwrap()
    .root;

    let diags = apply(&mut doc, &parse(&fix).unwrap().root, "vantage.overlay.yaml");
    assert_eq!(diags, []);
    let definitions = doc.get("definitions").unwrap();
    // The bound that made the documented residences 2-5 impossible is gone, the rest stays.
    let residencia = definitions.get("CatalogoResidencia").unwrap();
    assert!(residencia.get("maximum").is_none());
    assert!(residencia.get("minimum").is_some() && residencia.get("enum").is_some());

    let estados = definitions.get("CatalogoEstados").unwrap();
    let state_codes = codes(&states[1..]);
    assert_eq!(state_codes.len(), 33);
    assert_eq!(
        (state_codes[0].as_str(), state_codes[32].as_str()),
        ("AGS", "ZAC")
    );
    let mut sorted = state_codes.clone();
    sorted.sort();
    let mut misplaced = seed.enum_codes.clone();
    misplaced.sort();
    assert_eq!(
        sorted, misplaced,
        "the misplaced enum holds the state codes"
    );
    assert_eq!(strings(estados.get("enum").unwrap()), state_codes);
    assert_eq!(
        estados.get("description").unwrap().as_str(),
        Some(lines(states).as_str())
    );
    assert_eq!(estados.get("type").unwrap().as_str(), Some("string"));
    assert_eq!(estados.get("minLength").unwrap().as_i64(), Some(2));
    assert_eq!(estados.get("maxLength").unwrap().as_i64(), Some(4));

    let nacionalidad = definitions.get("CatalogoNacionalidad").unwrap();
    let nationality_codes = codes(&nationalities[3..]);
    assert_eq!(nationality_codes.len(), 207);
    assert_eq!(
        nationalities[1..3],
        ["Clave | Nacionalidad | País |", "---|"]
    );
    assert_eq!(
        strings(nacionalidad.get("enum").unwrap()),
        nationality_codes
    );
    assert_eq!(
        nacionalidad.get("description").unwrap().as_str(),
        Some(lines(nationalities).as_str())
    );
    let keys: Vec<_> = nacionalidad
        .as_map()
        .unwrap()
        .iter()
        .map(|e| e.key.as_str())
        .collect();
    assert_eq!(
        keys,
        ["type", "description", "minLength", "maxLength", "enum"]
    );
}
