//! Recovery on small stripped specs: each asserts where keys land.

use super::rules::DOCUMENT_EVIDENCE;
use super::write::Recovered;
use super::*;
use crate::diag::Diagnostic;
use crate::read::yaml;
use crate::tree::Node;

#[test]
fn a_line_the_parser_refuses_becomes_a_comment_with_a_warning() {
    let mut r = Recovered {
        text: "a: 1\nb: `x`\nc:\n  d: 2\n".to_string(),
        lines: vec![(1, 0), (2, 0), (3, 0), (4, 2)],
        diagnostics: Vec::new(),
        decisions: Vec::new(),
        parses: 0,
    };
    let parsed = r.make_parsable();
    assert_eq!(r.text, "a: 1\n# b: `x`\nc:\n  d: 2\n");
    assert_eq!(
        parsed
            .root
            .get("c")
            .and_then(|c| c.get("d"))
            .and_then(Node::as_i64),
        Some(2)
    );
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(
        (r.diagnostics[0].code, r.diagnostics[0].line),
        ("yaml.recovered", 2)
    );
}

#[test]
fn an_example_sent_past_a_nearer_schema_is_reported_once() {
    // `example` could close `e` or `d`: `e` is a string, but `d` is an object whose
    // properties the example's keys are not.
    let text = "swagger: '2.0'\npaths: {}\ndefinitions:\nA:\ntype: object\nproperties:\nc:\ntype: string\nd:\ntype: object\nproperties:\ne:\ntype: string\nexample:\nc: x\n";
    let r = recover_indentation(text);
    let warnings: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "yaml.recovered" && d.severity == crate::diag::Severity::Warning)
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}\n{}", r.text);
    assert_eq!((warnings[0].line, warnings[0].column), (14, 1));
    assert_eq!(warnings[0].path, "definitions.A.example");
    assert_eq!(
        warnings[0].message,
        "`example` placed in `definitions.A`, not in property `d`: its keys are not that schema's properties"
    );
}

#[test]
fn schema_keywords_stay_in_the_schema_the_author_wrote_them_in() {
    // `additionalProperties` after the last property closes `properties`; `additionalItems`
    // (JSON Schema, not Swagger 2.0) after a tuple's `items` stays in the array schema.
    let text = "definitions:\nA:\ntype: object\nproperties:\nname:\ntype: string\nadditionalProperties:\ntype: integer\nB:\ntype: array\nitems:\n- type: string\nadditionalItems:\ntype: number\n";
    let r = recover_indentation(text);
    let doc = yaml::parse(&r.text).unwrap().root;
    let definitions = doc.get("definitions").unwrap();
    let keys =
        |n: &Node| -> Vec<String> { n.as_map().unwrap().iter().map(|e| e.key.clone()).collect() };
    assert_eq!(keys(definitions), ["A", "B"], "{}", r.text);
    let a = definitions.get("A").unwrap();
    assert_eq!(keys(a), ["type", "properties", "additionalProperties"]);
    let b = definitions.get("B").unwrap();
    assert_eq!(keys(b), ["type", "items", "additionalItems"]);
}

#[test]
fn values_written_alike_are_siblings_and_defaults_fit_their_type() {
    // `html` repeats `self`'s value line for line: a sibling, not a property of `self`.
    // `default: {}` cannot be the integer's: it is the nearest object's.
    let text = "definitions:\nA:\ntype: object\nproperties:\nlinks:\ntype: object\nproperties:\nself:\ntype: object\nproperties:\nhref:\ntype: string\nhtml:\ntype: object\nproperties:\nhref:\ntype: string\ncount:\ntype: integer\ndefault: {}\n";
    let r = recover_indentation(text);
    let doc = yaml::parse(&r.text).unwrap().root;
    let links = doc
        .get("definitions")
        .and_then(|d| d.get("A"))
        .and_then(|a| a.get("properties"))
        .and_then(|p| p.get("links"))
        .and_then(|l| l.get("properties"))
        .unwrap();
    let names =
        |n: &Node| -> Vec<String> { n.as_map().unwrap().iter().map(|e| e.key.clone()).collect() };
    assert_eq!(names(links), ["self", "html"], "{}", r.text);
    let html = links.get("html").unwrap();
    assert_eq!(names(html), ["type", "properties", "default"], "{}", r.text);
}

/// The names of a mapping's keys, in order.
pub(super) fn key_names(n: &Node) -> Vec<String> {
    n.as_map().unwrap().iter().map(|e| e.key.clone()).collect()
}

/// The recovered document and the `yaml.recovered` warnings (not the overall notice).
pub(super) fn recover_doc(text: &str) -> (Node, Vec<Diagnostic>, String) {
    let r = recover_indentation(text);
    let doc = yaml::parse(&r.text).unwrap().root;
    let warnings = r
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == crate::diag::Severity::Warning)
        .collect();
    (doc, warnings, r.text)
}

/// The warnings of one group a recovery of `text` gives, with every warning and the recovered
/// text for messages.
pub(super) fn group_warnings(
    text: &str,
    group: &str,
) -> (Vec<Diagnostic>, Vec<Diagnostic>, String) {
    let (_, warnings, text) = recover_doc(text);
    let flagged = warnings
        .iter()
        .filter(|d| d.group.as_deref() == Some(group))
        .cloned()
        .collect();
    (flagged, warnings, text)
}

#[test]
fn a_property_written_like_the_one_it_follows_is_its_sibling() {
    // `explicit` repeats `implicit` key for key, give or take `additionalProperties`.
    let text = "definitions:\nBody:\ntype: object\nproperties:\nimplicit:\ntype: object\nproperties:\nbaz:\ntype: boolean\nexplicit:\ntype: object\nadditionalProperties: false\nproperties:\nbaz:\ntype: boolean\n";
    let (doc, warnings, text) = recover_doc(text);
    let props = doc
        .get("definitions")
        .and_then(|d| d.get("Body"))
        .and_then(|b| b.get("properties"))
        .unwrap();
    assert_eq!(key_names(props), ["implicit", "explicit"], "{text}");
    // Both readings are valid: the choice is reported at `explicit`.
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].line, 10);
    assert!(
        warnings[0].message.contains("key for key"),
        "{}",
        warnings[0].message
    );
}

#[test]
fn consumes_after_a_get_operations_responses_is_the_documents() {
    let text = "swagger: '2.0'\npaths:\n/:\nget:\nresponses:\n200:\ndescription: ok\nconsumes:\n- application/json\n";
    let (doc, warnings, recovered) = recover_doc(text);
    assert_eq!(
        key_names(&doc),
        ["swagger", "paths", "consumes"],
        "{recovered}"
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    // A POST takes a body: there it stays the operation's.
    let (doc, _, recovered) = recover_doc(&text.replace("get:", "post:"));
    assert_eq!(key_names(&doc), ["swagger", "paths"], "{recovered}");
}

#[test]
fn a_referenced_name_used_as_a_property_before_its_definition_stays_a_property() {
    // `Driver` is referenced as a definition; its first use is a string property, and the
    // object written further down is the definition. `Uses` refers to another schema: a
    // property too, however much the lines after it look like a definition.
    let text = "definitions:\nMount:\ntype: object\nproperties:\nName:\ntype: string\nDriver:\ntype: string\nMode:\n$ref: '#/definitions/Plugin'\nUses:\n$ref: '#/definitions/Plugin'\ndescription: x\nrequired:\n- Name\nPlugin:\ntype: object\nproperties:\nuses:\n$ref: '#/definitions/Driver'\nother:\n$ref: '#/definitions/Uses'\nDriver:\ndescription: A driver.\ntype: object\nproperties:\nName:\ntype: string\nUses:\ntype: object\nproperties:\nx:\ntype: string\n";
    let (doc, _, text) = recover_doc(text);
    let definitions = doc.get("definitions").unwrap();
    assert_eq!(
        key_names(definitions),
        ["Mount", "Plugin", "Driver", "Uses"],
        "{text}"
    );
    let mount = definitions
        .get("Mount")
        .and_then(|m| m.get("properties"))
        .unwrap();
    assert_eq!(
        key_names(mount),
        ["Name", "Driver", "Mode", "Uses"],
        "{text}"
    );
}

#[test]
fn an_example_of_lists_belongs_to_the_array_of_arrays() {
    let text = "definitions:\nA:\ntype: object\nproperties:\ncaps:\ntype: array\nitems:\ntype: array\nitems:\ntype: string\nexample:\n- [\"gpu\", \"nvidia\"]\n";
    let (doc, _, text) = recover_doc(text);
    let caps = doc
        .get("definitions")
        .and_then(|d| d.get("A"))
        .and_then(|a| a.get("properties"))
        .and_then(|p| p.get("caps"))
        .unwrap();
    assert_eq!(key_names(caps), ["type", "items", "example"], "{text}");
}

/// The node at `path` (keys, or list members by index).
pub(super) fn at<'n>(doc: &'n Node, path: &[&str]) -> &'n Node {
    path.iter()
        .fold(doc, |node, step| match step.parse::<usize>() {
            Ok(i) if node.as_seq().is_some() => &node.as_seq().unwrap()[i],
            _ => node
                .get(step)
                .unwrap_or_else(|| panic!("no `{step}` on the way to {path:?}")),
        })
}

#[test]
fn in_a_spec_with_sorted_keys_a_key_that_sorts_first_starts_again_further_out() {
    // Tools that normalise specs sort keys: `title` after the last property's `type` is
    // the definition's, as it sorts before `type`.
    let mut text = String::from("swagger: '2.0'\ndefinitions:\n");
    for n in 0..12 {
        text.push_str(&format!(
            "D{n}:\ndescription: d\nproperties:\na:\ndescription: a\nformat: date\nmaxLength: 10\ntype: string\nb:\ndescription: b\ntype: string\nc:\ndescription: c\nformat: int32\ntype: integer\ntitle: T{n}\ntype: object\n"
        ));
    }
    let (doc, _, recovered) = recover_doc(&text);
    let d0 = at(&doc, &["definitions", "D0"]);
    assert_eq!(
        key_names(d0),
        ["description", "properties", "title", "type"],
        "{recovered}"
    );
    // Sorted ignoring case (ONAP's VES spec): `nfNamingCode` after `nfcNamingCode` is the
    // next property, though it sorts first byte for byte.
    let mut text = String::from("swagger: '2.0'\ndefinitions:\n");
    for n in 0..12 {
        text.push_str(&format!(
            "D{n}:\ndescription: d\nproperties:\na:\ndescription: a\nformat: date\nmaxLength: 10\ntype: string\nnfcNamingCode:\ndescription: b\ntype: string\nnfNamingCode:\ndescription: c\nformat: int32\ntype: integer\ntitle: T{n}\ntype: object\n"
        ));
    }
    let (doc, _, recovered) = recover_doc(&text);
    let props = at(&doc, &["definitions", "D0", "properties"]);
    assert_eq!(
        key_names(props),
        ["a", "nfcNamingCode", "nfNamingCode"],
        "{recovered}"
    );
    // The same lines hand-ordered (`type` before `format`) are not read as sorted.
    assert!(!keys_look_sorted(
        &["type: integer", "format: int32"].repeat(20)
    ));
}

#[test]
fn json_in_a_block_scalar_is_content_until_its_brackets_close() {
    // `"name": "x"` without a comma would fit the free-form map around it.
    let text = "swagger: '2.0'\npaths:\n/a:\nget:\nx-samples:\n- request:\napplication/json: |-\n{\n\"a\": {\n\"name\": \"x\"\n}\n}\nresponses:\n200:\ndescription: ok\n";
    let (doc, warnings, recovered) = recover_doc(text);
    let json = at(
        &doc,
        &[
            "paths",
            "/a",
            "get",
            "x-samples",
            "0",
            "request",
            "application/json",
        ],
    );
    assert!(
        json.as_str().unwrap().contains("\"name\": \"x\""),
        "{recovered}"
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(
        at(&doc, &["paths", "/a", "get", "responses", "200"])
            .get("description")
            .is_some()
    );
}

#[test]
fn a_name_alone_before_a_type_ends_a_block_whose_last_line_ends_with_a_comma() {
    // `comma-goes-on` keeps `b: 2` after `a: 1,` in the block; a name with nothing after its
    // colon, then `type: string`, is the next property all the same.
    let text = "definitions:\nA:\ntype: object\nproperties:\nto:\ntype: object\ndescription: |\nNo idea.\nExample null,\npending:\ntype: string\n";
    let (doc, _, recovered) = recover_doc(text);
    assert_eq!(
        key_names(at(&doc, &["definitions", "A", "properties"])),
        ["to", "pending"],
        "{recovered}"
    );
    assert_eq!(
        at(
            &doc,
            &["definitions", "A", "properties", "to", "description"]
        )
        .as_str(),
        Some("No idea.\nExample null,\n"),
        "{recovered}"
    );
}

#[test]
fn a_schema_no_open_object_takes_validly_is_warned() {
    // The operation takes no `schema`, and a header parameter takes none either.
    let text = "swagger: '2.0'\npaths:\n/a:\nget:\nparameters:\n- name: X-Token\nin: header\ntype: string\nschema:\n$ref: '#/definitions/A'\nresponses:\n200:\ndescription: ok\n";
    let (_, warnings, recovered) = recover_doc(text);
    let warned: Vec<_> = warnings
        .iter()
        .filter(|w| {
            w.message
                .contains("an `in: header` parameter, which takes no schema")
        })
        .collect();
    assert_eq!(warned.len(), 1, "{warnings:?}\n{recovered}");
    assert_eq!(warned[0].line, 9);
    // A body parameter's schema is no doubt.
    let body = text.replace("in: header\ntype: string", "in: body");
    let (_, warnings, recovered) = recover_doc(&body);
    assert!(
        !warnings
            .iter()
            .any(|w| w.message.contains("takes no schema")),
        "{warnings:?}\n{recovered}"
    );
}

#[test]
fn an_xml_name_that_is_the_propertys_very_name_stays_with_the_property() {
    // `Username` starts the definition's name `UsernameToken`, but it is the property's own.
    let text = "definitions:\nUsernameToken:\nrequired:\n- Username\n- Password\nproperties:\nUsername:\ntype: string\nxml:\nname: Username\nprefix: o\nPassword:\ntype: string\n";
    let (doc, _, recovered) = recover_doc(text);
    assert_eq!(
        key_names(at(&doc, &["definitions", "UsernameToken", "properties"])),
        ["Username", "Password"],
        "{recovered}"
    );
    assert!(
        at(
            &doc,
            &["definitions", "UsernameToken", "properties", "Username"]
        )
        .get("xml")
        .is_some(),
        "{recovered}"
    );
}

#[test]
fn a_flow_collection_may_open_on_the_line_after_its_key() {
    let text = "definitions:\nA:\ntype: object\nexample:\n{\n\"a\": [1,\n2]\n}\nB:\ntype: string\n";
    let (doc, warnings, recovered) = recover_doc(text);
    assert_eq!(
        key_names(at(&doc, &["definitions"])),
        ["A", "B"],
        "{recovered}"
    );
    assert_eq!(
        at(&doc, &["definitions", "A", "example", "a"])
            .as_seq()
            .map(<[_]>::len),
        Some(2)
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn comments_before_the_line_that_ends_a_block_are_not_its_content() {
    let text = "paths:\n/a:\nget:\ndescription: |\nSome text.\n# operationId must be unique\noperationId: getA\nresponses:\n200:\ndescription: ok\n";
    let (doc, _, recovered) = recover_doc(text);
    let get = at(&doc, &["paths", "/a", "get"]);
    assert_eq!(
        get.get("description").and_then(Node::as_str),
        Some("Some text.\n"),
        "{recovered}"
    );
    assert_eq!(get.get("operationId").and_then(Node::as_str), Some("getA"));
}

#[test]
fn well_known_and_look_alike_extensions_find_their_objects() {
    // `x-logo` is `info`'s, not the license's; `x-jwt-ttl: {description, type}` is a header
    // like the one before it, not an extension of it.
    let text = "swagger: '2.0'\ninfo:\ntitle: t\nlicense:\nname: MIT\nx-logo:\nurl: logo.png\npaths:\n/a:\nget:\nresponses:\n200:\ndescription: ok\nheaders:\nx-rate:\ndescription: rate\ntype: integer\nx-jwt-ttl:\ndescription: ttl\ntype: integer\n";
    let (doc, _, recovered) = recover_doc(text);
    assert_eq!(
        key_names(at(&doc, &["info"])),
        ["title", "license", "x-logo"],
        "{recovered}"
    );
    let headers = at(&doc, &["paths", "/a", "get", "responses", "200", "headers"]);
    assert_eq!(key_names(headers), ["x-rate", "x-jwt-ttl"], "{recovered}");
}

#[test]
fn an_arrays_description_after_its_items_reference_is_the_arrays() {
    let text = "definitions:\nA:\ntype: object\nproperties:\nsurveys:\ntype: array\nitems:\n$ref: '#/definitions/S'\ndescription: the surveys\nS:\ntype: string\n";
    let (doc, _, recovered) = recover_doc(text);
    let surveys = at(&doc, &["definitions", "A", "properties", "surveys"]);
    assert_eq!(
        key_names(surveys),
        ["type", "items", "description"],
        "{recovered}"
    );
}

#[test]
fn an_example_whose_keys_are_the_schemas_properties_is_the_schemas() {
    // Not a property named `example` (a string property named `description` precedes it).
    let text = "definitions:\nCity:\ntype: object\nproperties:\ndescription:\ntype: string\nexample:\ndescription: Lima\n";
    let (doc, _, recovered) = recover_doc(text);
    let city = at(&doc, &["definitions", "City"]);
    assert_eq!(
        key_names(city),
        ["type", "properties", "example"],
        "{recovered}"
    );
}

#[test]
fn an_operation_field_written_twice_leaves_the_first_to_the_value_it_is_in() {
    // API Gateway's integration has `responses` of its own; the operation's come after.
    let text = "paths:\n/a:\npost:\nx-amazon-apigateway-integration:\ntype: aws\nresponses:\ndefault:\nstatusCode: '200'\nresponses:\n200:\ndescription: ok\n";
    let (doc, _, recovered) = recover_doc(text);
    let post = at(&doc, &["paths", "/a", "post"]);
    assert_eq!(
        key_names(post),
        ["x-amazon-apigateway-integration", "responses"],
        "{recovered}"
    );
    assert!(
        at(post, &["x-amazon-apigateway-integration", "responses"])
            .get("default")
            .is_some()
    );
}

#[test]
fn a_type_goes_to_the_schema_its_keys_agree_with() {
    // `type: array` after an `items` object's properties is the array's; `tags: [a, b]` in
    // an example is the example's, not the root's list of tag objects.
    let text = "definitions:\nA:\nproperties:\nerrors:\nitems:\nproperties:\nmessage:\ntype: string\ntype: array\nexample:\nerrors: []\ntags:\n- a\n- b\ntype: object\n";
    let (doc, _, recovered) = recover_doc(text);
    let errors = at(&doc, &["definitions", "A", "properties", "errors"]);
    assert_eq!(key_names(errors), ["items", "type"], "{recovered}");
    assert_eq!(errors.get("type").and_then(Node::as_str), Some("array"));
    let a = at(&doc, &["definitions", "A"]);
    assert_eq!(
        key_names(a),
        ["properties", "example", "type"],
        "{recovered}"
    );
    assert_eq!(
        key_names(at(a, &["example"])),
        ["errors", "tags"],
        "{recovered}"
    );
}

#[test]
fn a_title_that_names_the_definition_is_the_definitions() {
    let text = "definitions:\njson_Song:\nproperties:\nwith:\n$ref: '#/definitions/Artist'\ntitle: song\ntype: object\nArtist:\ntype: object\n";
    let (doc, _, recovered) = recover_doc(text);
    let song = at(&doc, &["definitions", "json_Song"]);
    assert_eq!(
        key_names(song),
        ["properties", "title", "type"],
        "{recovered}"
    );
}

#[test]
fn free_form_siblings_written_alike_and_maps_of_media_types_close_in_time() {
    // `request` starts like `populateDefaults` (a sibling); `type` is no media type, so it
    // leaves `response`'s map.
    let text = "paths:\n/a:\npost:\nx-samples:\n- name: one\npopulateDefaults:\napplication/json: '{}'\nrequest:\napplication/json: '{\"a\": 1}'\nresponse:\napplication/json: '{}'\ntype: documentation\nresponses:\n200:\ndescription: ok\n";
    let (doc, _, recovered) = recover_doc(text);
    let sample = at(&doc, &["paths", "/a", "post", "x-samples", "0"]);
    assert_eq!(
        key_names(sample),
        ["name", "populateDefaults", "request", "response", "type"],
        "{recovered}"
    );
    // `shipping` starts like `billing`: its sibling in the example, not its member.
    let text = "definitions:\nOrder:\ntype: object\nx-example:\nbilling:\ncity: Lima\nzip: '15001'\nshipping:\ncity: Cusco\nzip: '08000'\n";
    let (doc, _, recovered) = recover_doc(text);
    let example = at(&doc, &["definitions", "Order", "x-example"]);
    assert_eq!(key_names(example), ["billing", "shipping"], "{recovered}");
}

#[test]
fn a_named_response_after_a_headers_map_is_a_response() {
    // `BadRequest` goes on with `schema`, which a response takes and a header does not.
    let text = "responses:\nFound:\ndescription: found\nheaders:\nLocation:\ntype: string\ndescription: where\nBadRequest:\ndescription: bad request\nschema:\ntype: string\n";
    let (doc, _, recovered) = recover_doc(text);
    assert_eq!(
        key_names(at(&doc, &["responses"])),
        ["Found", "BadRequest"],
        "{recovered}"
    );
}

#[test]
fn an_empty_example_value_whose_schema_is_a_string_is_null() {
    let text = "definitions:\nT:\ntype: object\nproperties:\ncashier:\ntype: string\nlane:\ntype: string\nexample:\ncashier:\nlane: '123'\n";
    let (doc, _, recovered) = recover_doc(text);
    let example = at(&doc, &["definitions", "T", "example"]);
    assert_eq!(key_names(example), ["cashier", "lane"], "{recovered}");
    assert!(
        example
            .get("cashier")
            .is_some_and(|c| c.as_str().is_none() && c.as_map().is_none())
    );
}

#[test]
fn an_operations_description_after_a_free_form_value_stays_the_operations() {
    // A later `description` is a response's: it says nothing about this one.
    let text = "paths:\n/a:\nget:\nx-code-samples:\n- lang: js\nsource: x\ndescription: op desc\nresponses:\n200:\ndescription: ok\n";
    let (doc, _, recovered) = recover_doc(text);
    let get = at(&doc, &["paths", "/a", "get"]);
    assert_eq!(
        key_names(get),
        ["x-code-samples", "description", "responses"],
        "{recovered}"
    );
}

#[test]
fn a_block_example_ends_at_the_next_status_code() {
    let text = "paths:\n/:\nget:\nresponses:\n200:\ndescription: ok\nexamples:\napplication/json: |\n{\n\"a\": 1\n}\n\"300\":\ndescription: more\n";
    let r = recover_indentation(text);
    let doc = yaml::parse(&r.text).unwrap().root;
    let responses = doc
        .get("paths")
        .and_then(|p| p.get("/"))
        .and_then(|p| p.get("get"))
        .and_then(|o| o.get("responses"))
        .unwrap();
    assert!(responses.get("300").is_some(), "{}", r.text);
}

#[test]
fn prose_in_a_block_scalar_does_not_end_it() {
    let text = "definitions:\nA:\nproperties:\nx:\ndescription: |\nThe `kind` of change is one of:\ntype: string\n";
    let r = recover_indentation(text);
    let doc = yaml::parse(&r.text).unwrap().root;
    let x = doc
        .get("definitions")
        .and_then(|d| d.get("A"))
        .and_then(|a| a.get("properties"))
        .and_then(|p| p.get("x"))
        .unwrap();
    assert_eq!(
        x.get("description").and_then(Node::as_str),
        Some("The `kind` of change is one of:\n")
    );
    assert_eq!(
        x.get("type").and_then(Node::as_str),
        Some("string"),
        "{}",
        r.text
    );
}

/// The text of lines that continue a value is kept as the value's, never left out as comments.
#[test]
fn continuation_text_stays_in_its_value() {
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "definitions:\nA:\ndescription:\nIndexInfo contains\ninformation about a registry.\ntype: object\n",
            &["definitions", "A", "description"],
            "IndexInfo contains information about a registry.",
        ),
        (
            "definitions:\nA:\ntype: object\ndescription: Events to send\n- SEND one\n- RECEIVE two\nproperties:\nb:\ntype: string\n",
            &["definitions", "A", "description"],
            "Events to send - SEND one - RECEIVE two",
        ),
        (
            "swagger: '2.0'\ninfo:\ndescription: |\n# Summary\n---\nText.\ntitle: t\nversion: '1'\n",
            &["info", "title"],
            "t",
        ),
    ];
    for (text, path, want) in cases {
        let recovered = recover_indentation(text);
        let doc = yaml::parse(&recovered.text).unwrap().root;
        let mut node = &doc;
        for step in *path {
            node = node
                .get(step)
                .unwrap_or_else(|| panic!("no {step} in\n{}", recovered.text));
        }
        assert_eq!(node.as_str(), Some(*want), "{}", recovered.text);
        assert!(
            !recovered
                .text
                .lines()
                .any(|l| l.trim_start().starts_with('#') && !l.contains("Summary")),
            "a line was left out:\n{}",
            recovered.text
        );
    }
}

#[test]
fn explicit_keys_keep_their_text_whatever_it_holds() {
    let text = "swagger: '2.0'\ndefinitions:\nA:\ntype: object\nproperties:\n? 'quoted: key'\n: type: string\n? plain key: with colon\n: type: integer\n? *not-an-alias\n:\ntype: boolean\n";
    let recovered = recover_indentation(text);
    let doc = yaml::parse(&recovered.text).unwrap().root;
    let properties = doc
        .get("definitions")
        .and_then(|d| d.get("A"))
        .and_then(|a| a.get("properties"))
        .and_then(Node::as_map)
        .unwrap_or_else(|| panic!("{}", recovered.text));
    let keys: Vec<&str> = properties.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(
        keys,
        ["quoted: key", "plain key: with colon", "*not-an-alias"],
        "{}",
        recovered.text
    );
}

#[test]
fn one_habit_repeated_does_not_make_a_spec_look_sorted() {
    // `title` then `type` under every property is in order by chance, not sorted by a tool.
    let habit: String = (0..30)
        .map(|i| format!("p{i}:\ntitle: P{i}\ntype: string\n"))
        .collect();
    let lines: Vec<&str> = habit.lines().collect();
    assert!(!super::evidence::keys_look_sorted(&lines));
    // Many different keywords, each object's in sorted order: a tool's output.
    let tool: String = (0..30)
        .map(|i| format!("p{i}:\ndescription: d\nexample: e\nformat: f\nmaxLength: 3\nminLength: 1\npattern: x\ntype: string\n"))
        .collect();
    let lines: Vec<&str> = tool.lines().collect();
    assert!(super::evidence::keys_look_sorted(&lines));
    // The same, but every fifth an object written `type: object` then `properties:` (ONAP's
    // VES spec): by hand, whatever order its scalar keywords are in.
    let hand: String = (0..30)
        .map(|i| {
            if i % 5 == 0 {
                format!(
                    "o{i}:
description: d
type: object
properties:
"
                )
            } else {
                format!(
                    "p{i}:
description: d
example: e
format: f
maxLength: 3
minLength: 1
pattern: x
type: string
"
                )
            }
        })
        .collect();
    let lines: Vec<&str> = hand.lines().collect();
    assert!(!super::evidence::keys_look_sorted(&lines));
}

#[test]
fn a_key_that_fits_nowhere_never_lands_where_the_same_key_already_is() {
    // `format` after a `$ref` goes out to `A`; the `description` after it then fits no open
    // object. Kept in `A`, which has a description, the parser would drop one of the two.
    let text = "swagger: '2.0'\npaths: {}\ndefinitions:\nA:\ntype: object\ndescription: An object\nproperties:\nfield:\n$ref: 'other.yml#/definitions/Boundary'\nformat: singleValueList\ndescription: Field of A\n";
    let r = recover_indentation(text);
    let root = yaml::parse(&r.text).expect("recovered YAML parses").root;
    let mut texts = Vec::new();
    let mut stack = vec![&root];
    while let Some(n) = stack.pop() {
        if let Some(s) = n.as_str() {
            texts.push(s.to_string());
        }
        if let Some(entries) = n.as_map() {
            stack.extend(entries.iter().map(|e| &e.value));
        }
    }
    for kept in ["An object", "Field of A", "singleValueList"] {
        assert!(texts.iter().any(|t| t == kept), "{kept} lost:\n{}", r.text);
    }
}

#[test]
fn a_reference_into_another_file_names_no_definition_of_this_one() {
    // Nor does a pointer quoted in prose: only a `$ref`'s value refers.
    let text = "a:\n$ref: 'other.yml#/definitions/Remote'\nb:\n$ref: '#/definitions/Local'\nc: {$ref: \"#/definitions/Braced\"}\nd: \"siehe '#/definitions/Prose'\"\n";
    let lines: Vec<&str> = text.lines().collect();
    let referenced = evidence::Referenced::new(text, &lines);
    assert_eq!(referenced.names, ["Braced", "Local"]);
}

#[test]
fn x_names_in_an_extensions_headers_map_are_http_headers_and_stay() {
    let text = "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\nget:\nx-request-handler:\n- get_from_backend:\nrequest:\nuri: /backend\nheaders:\ncache-control: no-cache\nx-restbase-mode: '{{mode}}'\nx-monitor: false\nresponses:\n200:\ndescription: ok\n";
    let r = recover_indentation(text);
    let root = yaml::parse(&r.text).expect("recovered YAML parses").root;
    let get = root
        .get("paths")
        .and_then(|p| p.get("/a"))
        .and_then(|p| p.get("get"))
        .unwrap();
    let headers = get
        .get("x-request-handler")
        .and_then(|h| h.as_seq())
        .and_then(|items| items[0].get("get_from_backend"))
        .and_then(|b| b.get("request"))
        .and_then(|r| r.get("headers"))
        .unwrap_or_else(|| panic!("no headers map:\n{}", r.text));
    assert!(headers.get("x-restbase-mode").is_some(), "{}", r.text);
    assert!(get.get("x-monitor").is_some(), "{}", r.text);
}

#[test]
fn a_known_extension_stays_in_its_home_whatever_company_it_keeps_elsewhere() {
    // `x-nullable` is a schema's (go-swagger); that `A` holds it beside `x-access` does not
    // send `id`'s out to `B`, which holds an `x-access` too.
    let text = "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nA:\ntype: object\nx-access:\n- Private\nx-nullable: true\nB:\ntype: object\nx-access:\n- Private\nproperties:\nid:\ntype: string\nx-nullable: false\nformat: uuid\nname:\ntype: string\n";
    let r = recover_indentation(text);
    let root = yaml::parse(&r.text).expect("recovered YAML parses").root;
    let b = root.get("definitions").and_then(|d| d.get("B")).unwrap();
    let id = b.get("properties").and_then(|p| p.get("id")).unwrap();
    assert!(
        id.get("x-nullable").is_some() && id.get("format").is_some(),
        "{}",
        r.text
    );
    assert!(b.get("x-nullable").is_none(), "{}", r.text);
}

#[test]
fn a_pascal_case_property_that_uses_a_definition_or_is_defined_later_stays_a_property() {
    // `Payment: {$ref: '#/definitions/Payment'}` uses the definition (which could not refer to
    // itself), and `Payment` written again further down as an object is the definition. The
    // line rules decide it, without the whole-document search.
    let rules = RecoveryRules::all().without(DOCUMENT_EVIDENCE).unwrap();
    for value in ["'#/definitions/Payment'", "'#/definitions/PaymentWorkflow'"] {
        let text = format!(
            "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {{}}\ndefinitions:\nPaymentRequest:\ntype: object\nproperties:\nrequestInfo:\n$ref: 'common.yml#/definitions/RequestInfo'\nPayment:\n$ref: {value}\nPaymentWorkflow:\ntype: string\nPayment:\ntype: object\nproperties:\nid:\ntype: string\n"
        );
        let r = recover_indentation_with(&text, &rules);
        let root = yaml::parse(&r.text).expect("recovered YAML parses").root;
        let request = root
            .get("definitions")
            .and_then(|d| d.get("PaymentRequest"))
            .and_then(|d| d.get("properties"))
            .unwrap();
        assert!(request.get("Payment").is_some(), "{}", r.text);
    }
}

#[test]
fn parameters_after_responses_in_a_path_whose_other_operation_comes_later_are_a_doubt() {
    // `parameters` after `get`'s responses, in a document that shows no path's own list, stay
    // the operation's (Alertmanager writes `/silences` so); the path would give them to `post`
    // too, which is written after them, and the warning says so.
    let text = "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/silences:\nget:\nresponses:\n200:\ndescription: ok\nparameters:\n- name: filter\nin: query\ntype: string\npost:\nresponses:\n200:\ndescription: ok\n";
    let (doc, warnings, text) = recover_doc(text);
    let get = doc
        .get("paths")
        .and_then(|p| p.get("/silences"))
        .and_then(|p| p.get("get"));
    assert!(get.and_then(|g| g.get("parameters")).is_some(), "{text}");
    assert!(
        warnings.iter().any(|d| d.line == 11
            && d.message.contains("`parameters` kept in")
            && d.message.contains("not in `paths./silences`")),
        "{text}\n{warnings:#?}"
    );
    // Once another path (`/status/{id}`) lists parameters before its operations, the list is the path's, and
    // that is a doubt too.
    let shown = "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/status/{id}:\nparameters:\n- name: id\nin: path\nrequired: true\ntype: string\nget:\nresponses:\n200:\ndescription: ok\n/silences:\nget:\nresponses:\n200:\ndescription: ok\nparameters:\n- name: filter\nin: query\ntype: string\npost:\nresponses:\n200:\ndescription: ok\n";
    let (doc, warnings, text) = recover_doc(shown);
    let path = doc.get("paths").and_then(|p| p.get("/silences"));
    assert!(path.and_then(|p| p.get("parameters")).is_some(), "{text}");
    assert!(
        warnings
            .iter()
            .any(|d| d.message.contains("`parameters` placed in")),
        "{text}\n{warnings:#?}"
    );
}

#[test]
fn a_format_beside_a_reference_stays_when_a_description_follows_that_the_schema_around_has() {
    // `$ref`, `format`, `description`: the annotations go on beside the reference. Sent out,
    // `format` would take the description with it to `A`, which has one already.
    let text = "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nA:\ntype: object\ndescription: An A\nproperties:\ndepartment:\n$ref: 'common.yml#/definitions/Department'\nformat: singleValueList\ndescription: The department\nscheme:\n$ref: 'common.yml#/definitions/Scheme'\nformat: singleValueList\ndescription: The scheme\n";
    let rules = RecoveryRules::all().without(DOCUMENT_EVIDENCE).unwrap();
    let r = recover_indentation_with(text, &rules);
    let root = yaml::parse(&r.text).expect("recovered YAML parses").root;
    let a = root.get("definitions").and_then(|d| d.get("A")).unwrap();
    for name in ["department", "scheme"] {
        let p = a.get("properties").and_then(|p| p.get(name)).unwrap();
        assert!(
            p.get("format").is_some() && p.get("description").is_some(),
            "{}",
            r.text
        );
    }
    assert!(a.get("format").is_none(), "{}", r.text);
}

#[test]
fn a_propertys_extension_does_not_leave_through_the_properties_map() {
    // `x-example` sits in parameters more often than in schemas in this file; a property's own
    // still stays with it, and the property after it stays in the schema.
    let text = "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\nget:\nparameters:\n- name: q\nin: query\ntype: string\nx-example: one\n- name: r\nin: query\ntype: string\nx-example: two\nresponses:\n200:\ndescription: ok\n/b:\npost:\nparameters:\n- name: body\nin: body\nschema:\ntype: object\nproperties:\ntitle:\ntype: string\nx-example: A title\ndescription:\ntype: string\nresponses:\n200:\ndescription: ok\n";
    let rules = RecoveryRules::all().without(DOCUMENT_EVIDENCE).unwrap();
    let r = recover_indentation_with(text, &rules);
    let root = yaml::parse(&r.text).expect("recovered YAML parses").root;
    let properties = root
        .get("paths")
        .and_then(|p| p.get("/b"))
        .and_then(|p| p.get("post"))
        .and_then(|p| p.get("parameters"))
        .and_then(|p| p.as_seq())
        .and_then(|items| items[0].get("schema"))
        .and_then(|s| s.get("properties"))
        .unwrap_or_else(|| panic!("{}", r.text));
    assert!(
        properties
            .get("title")
            .and_then(|t| t.get("x-example"))
            .is_some(),
        "{}",
        r.text
    );
    assert!(properties.get("description").is_some(), "{}", r.text);
}

#[test]
fn a_property_whose_value_is_an_alias_is_a_property() {
    // `copy: *s` after a property's keywords: the alias stands for a schema written above,
    // so `copy` is the next property, not an unknown keyword of `updated`.
    let text = "definitions:\nA:\ntype: object\nproperties:\nshape: &s\ntype: string\nenum:\n- X\nupdated:\ntype: string\nreadOnly: true\ncopy: *s\n";
    let (doc, warnings, text) = recover_doc(text);
    let props = at(&doc, &["definitions", "A", "properties"]);
    assert_eq!(key_names(props), ["shape", "updated", "copy"], "{text}");
    assert!(
        !warnings
            .iter()
            .any(|w| w.message.contains("fits no open object")),
        "{warnings:?}"
    );
}

#[test]
fn a_required_list_written_before_properties_names_the_ones_to_come() {
    // `Create` is a new object property: its `required` names `License`, which `Extension`
    // declares too, but `properties` follows the list, and `Extension` already has its own.
    let text = "definitions:\nExtension:\ntype: object\nproperties:\nLicense:\ntype: string\nCreate:\ntype: object\nrequired:\n- License\nproperties:\nLicense:\ntype: string\n";
    let (doc, _, text) = recover_doc(text);
    let create = at(&doc, &["definitions", "Extension", "properties", "Create"]);
    assert_eq!(
        key_names(create),
        ["type", "required", "properties"],
        "{text}"
    );
}

#[test]
fn a_list_items_keys_line_up_with_its_first_however_many_spaces_follow_the_dash() {
    // `-  name: a`: the item's other keys go under `name`, not two columns in, where the YAML
    // would not parse and they would be left out as comments.
    let text = "swagger: '2.0'\npaths:\n/a:\nget:\nparameters:\n-  name: a\nin: query\ntype: string\n-   name: b\nin: query\ntype: string\nresponses:\n'200':\ndescription: ok\n";
    let r = recover_indentation(text);
    assert!(!r.text.contains('#'), "nothing is left out:\n{}", r.text);
    let root = yaml::parse(&r.text).expect("recovered YAML parses").root;
    let parameters = root
        .get("paths")
        .and_then(|p| p.get("/a"))
        .and_then(|p| p.get("get"))
        .and_then(|o| o.get("parameters"))
        .and_then(Node::as_seq)
        .expect("the operation's parameters");
    for (parameter, name) in parameters.iter().zip(["a", "b"]) {
        let keys: Vec<&str> = parameter
            .as_map()
            .expect("a parameter is a mapping")
            .iter()
            .map(|e| e.key.as_str())
            .collect();
        assert_eq!(keys, ["name", "in", "type"], "{name}:\n{}", r.text);
    }
}

#[test]
fn names_that_follow_a_doubtful_definition_share_its_doubt() {
    // `pascal-case` sends `Address` out of `Person`'s properties; `Phone`, then, goes beside it
    // with no rule of its own, but if `Address` is a property, `Phone` may be one too.
    let text = "swagger: '2.0'\npaths: {}\ndefinitions:\nPerson:\ntype: object\nproperties:\nfirstName:\ntype: string\nAddress:\ntype: string\nPhone:\ntype: string\nOrder:\ntype: object\nproperties:\nid:\ntype: string\n";
    let r = recover_indentation(text);
    let warned: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "yaml.recovered")
        .map(|d| d.path.as_str())
        .collect();
    assert!(warned.contains(&"definitions.Address"), "{warned:?}");
    assert!(warned.contains(&"definitions.Phone"), "{warned:?}");
    // `id` goes into `Order`, further in: the run is over before it, and `Order` itself is
    // beside `Phone`, so it shares the doubt too.
    assert!(!warned.iter().any(|p| p.ends_with(".id")), "{warned:?}");
}

#[test]
fn an_all_of_member_may_require_what_its_siblings_declare() {
    // `itemId` is declared by `Base`, the other member: the list is the member's, and so are
    // the properties after it (both the line rules and the whole-document search agree).
    let text = "swagger: \"2.0\"\ninfo:\ntitle: t\nversion: \"1\"\npaths: {}\ndefinitions:\nBase:\ntype: object\nrequired:\n- itemId\nproperties:\nitemId:\ntype: string\nHoldInfo:\ndescription: x\nallOf:\n- \"$ref\": \"#/definitions/Base\"\n- type: object\nrequired:\n- itemId\nproperties:\nwhen:\ntype: string\n";
    let r = recover_indentation(text);
    let root = yaml::parse(&r.text).unwrap().root;
    let member = root
        .get("definitions")
        .and_then(|d| d.get("HoldInfo"))
        .and_then(|h| h.get("allOf"))
        .and_then(Node::as_seq)
        .and_then(|items| items.get(1))
        .expect("a second allOf member");
    assert!(member.get("required").is_some(), "{}", r.text);
    assert!(member.get("properties").is_some(), "{}", r.text);
}

#[test]
fn a_heading_like_the_blocks_own_ends_it_as_text_but_a_new_level_is_a_comment() {
    let description = |first: &str, last: &str| {
        let text = format!(
            "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {{}}\nsecurityDefinitions:\nOAuth2:\ndescription: |\n{first}\nPOST for one.\n{last}\ntype: oauth2\nflow: application\ntokenUrl: https://a.example/token\nscopes: {{}}\n"
        );
        let (doc, _, _) = recover_doc(&text);
        doc.get("securityDefinitions")
            .and_then(|s| s.get("OAuth2"))
            .and_then(|o| o.get("description"))
            .and_then(Node::as_str)
            .map(str::to_string)
    };
    assert_eq!(
        description("### Tokens", "### Scopes").as_deref(),
        Some("### Tokens\nPOST for one.\n### Scopes\n")
    );
    // A `# ` line alone at the end of a block whose sections are `##` (Avans's Stratego
    // description ends with `# Klik op 'Expand Operations' hieronder ...`).
    assert_eq!(
        description("## Tokens", "# Klik hieronder.").as_deref(),
        Some("## Tokens\nPOST for one.\n# Klik hieronder.\n")
    );
    // A level the block has not used, a `# ` line, or a run of lines read as the YAML
    // comments they more likely are.
    for (first, last) in [
        ("### Tokens", "## Scopes"),
        ("# Tokens", "# Scopes"),
        ("### Tokens", "### Scopes\n### none"),
    ] {
        assert_eq!(
            description(first, last),
            Some(format!("{first}\nPOST for one.\n")),
            "{last}"
        );
    }
}
#[test]
fn a_merge_of_a_mapping_that_starts_with_a_merge_stays_with_the_merges_before_it() {
    // `Create` starts with `<<: *Update`: the second merge in `Profile` goes where `details`
    // (Update's first member) would, beside the first merge, not out to `definitions`.
    let text = "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nUpdate:\ntype: object\nproperties: &Update\ndetails:\ntype: string\nCreate:\ntype: object\nproperties: &Create\n<<: *Update\nkind:\ntype: string\nIds:\ntype: object\nproperties: &Ids\nid:\ntype: integer\nProfile:\ntype: object\nproperties:\n<<: *Ids\n<<: *Create\n";
    let (_, _, recovered) = recover_doc(text);
    assert!(
        recovered.contains("    properties:\n      <<: *Ids\n      <<: *Create\n"),
        "{recovered}"
    );
}

#[test]
fn a_pascal_case_property_is_a_definition_only_where_definitions_are_named_so() {
    // `Data` after snake_case properties: a new definition where the document refers to
    // PascalCase definitions, a property where its references name `transaction`.
    let spec = |referenced: &str| {
        format!(
            "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/t:\nget:\nresponses:\n200:\ndescription: ok\nschema:\n$ref: '#/definitions/{referenced}'\ndefinitions:\ntransaction-list:\ntype: object\nproperties:\ntotal_size:\ntype: integer\nData:\ntype: array\nitems:\n$ref: '#/definitions/{referenced}'\n{referenced}:\ntype: object\nproperties:\nid:\ntype: string\n"
        )
    };
    let (doc, _, _) = recover_doc(&spec("transaction"));
    let properties = doc
        .get("definitions")
        .and_then(|d| d.get("transaction-list"))
        .and_then(|t| t.get("properties"))
        .map(key_names);
    assert_eq!(
        properties,
        Some(vec!["total_size".to_string(), "Data".to_string()])
    );
    let (doc, _, _) = recover_doc(&spec("Transaction"));
    assert_eq!(
        doc.get("definitions").map(key_names),
        Some(vec![
            "transaction-list".to_string(),
            "Data".to_string(),
            "Transaction".to_string()
        ])
    );
}

#[test]
fn a_body_parameter_after_the_last_operations_responses_is_the_operations() {
    // After the responses of a path's only operation, in a document whose other operation lists
    // its parameters first, a list of query parameters is the path's (`path-parameters`), but
    // a body parameter is the operation's request.
    let spec = |location: &str, rest: &str| {
        format!(
            "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/status:\nget:\nparameters:\n- name: q\nin: query\ntype: string\nresponses:\n'200':\ndescription: ok\n/annehmen:\npost:\noperationId: annehmen\nresponses:\n'200':\ndescription: ok\nparameters:\n- in: {location}\nname: body\nrequired: true\n{rest}\ndefinitions:\nA:\ntype: object\n"
        )
    };
    let holder = |text: &str| {
        let (doc, _, _) = recover_doc(text);
        let path = doc.get("paths").and_then(|p| p.get("/annehmen")).cloned();
        let path = path.expect("the path");
        if path.get("post").and_then(|o| o.get("parameters")).is_some() {
            "operation"
        } else if path.get("parameters").is_some() {
            "path"
        } else {
            "neither"
        }
    };
    assert_eq!(
        holder(&spec("'body'", "schema:\n$ref: '#/definitions/A'")),
        "operation"
    );
    assert_eq!(holder(&spec("query", "type: string")), "path");
}

#[test]
fn an_xml_name_that_starts_a_propertys_name_is_its_items_not_the_definitions() {
    // 5GZORRO's petstore `Pet`: `photoUrls`' items are named `photoUrl` in XML; only a
    // definition is named by a name that starts its own (`Quiz` for `QuizSchema`).
    let text = "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nPet:\ntype: object\nproperties:\nphotoUrls:\ntype: array\nitems:\ntype: string\nxml:\nname: photoUrl\n";
    let (doc, _, text) = recover_doc(text);
    let items = doc
        .get("definitions")
        .and_then(|d| d.get("Pet"))
        .and_then(|p| p.get("properties"))
        .and_then(|p| p.get("photoUrls"))
        .and_then(|p| p.get("items"));
    assert!(
        items.and_then(|i| i.get("xml")).is_some(),
        "the items' xml:\n{text}"
    );
}

#[test]
fn go_swaggers_x_order_after_a_ref_stays_with_the_property() {
    // Vipps: `address: {description, $ref, x-order: 13}`; go-swagger reads `x-order` from a
    // property's schema, so it is no extension of the definition around it.
    let text = "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nMerchant:\ntype: object\nproperties:\nname:\ntype: string\nx-order: 1\naddress:\ndescription: The address\n$ref: '#/definitions/Address'\nx-order: 2\nAddress:\ntype: object\n";
    let (doc, _, text) = recover_doc(text);
    let address = at(&doc, &["definitions", "Merchant", "properties", "address"]);
    assert!(address.get("x-order").is_some(), "{text}");
}
