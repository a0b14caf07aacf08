//! Recovery's doubt on small stripped specs: each asserts which keys a `yaml.recovered`
//! warning names, in which group.

use super::tests::{group_warnings, key_names, recover_doc};

#[test]
fn a_nested_object_whose_properties_could_end_earlier_is_flagged() {
    // `uptime` may be `version`'s or `Health`'s: nothing in the stripped file says.
    let text = "definitions:\nHealth:\ntype: object\nproperties:\nstatus:\ntype: string\nversion:\ntype: object\nproperties:\ncommit:\ntype: string\nuptime:\ntype: string\n";
    let (flagged, warnings, text) = group_warnings(text, super::doubt::GROUP);
    assert_eq!(flagged.len(), 1, "{text}\n{warnings:#?}");
    assert_eq!(flagged[0].line, 7, "the warning sits on `version:`");
    assert_eq!(flagged[0].path, "definitions.Health.properties.version");
    assert!(
        flagged[0].message.contains("`uptime`"),
        "{}",
        flagged[0].message
    );
    // One property, or a `required` list that names the last one, leaves no doubt.
    for settled in [
        "definitions:\nHealth:\ntype: object\nproperties:\nversion:\ntype: object\nproperties:\ncommit:\ntype: string\n",
        "definitions:\nHealth:\ntype: object\nproperties:\nversion:\ntype: object\nrequired:\n- uptime\nproperties:\ncommit:\ntype: string\nuptime:\ntype: string\n",
    ] {
        let (flagged, warnings, text) = group_warnings(settled, super::doubt::GROUP);
        assert!(flagged.is_empty(), "{text}\n{warnings:#?}");
    }
}

#[test]
fn a_mapping_in_an_extension_whose_members_could_end_earlier_is_flagged() {
    // `response` may be `params`' or the sample's: an extension's value has no schema to say.
    let text = "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\nget:\nresponses:\n200:\ndescription: ok\nx-amples:\n- title: one\nrequest:\nparams:\nyear: 2016\nday: 29\nresponse:\nstatus: 200\n";
    let (flagged, warnings, text) = group_warnings(text, super::doubt::EXTENSION_GROUP);
    assert_eq!(flagged.len(), 1, "{text}\n{warnings:#?}");
    assert_eq!(flagged[0].line, 14, "the warning sits on `params:`");
    assert!(
        flagged[0].message.contains("`day`") && flagged[0].message.contains("`response`"),
        "{}",
        flagged[0].message
    );
    // A mapping written in flow style says where it ends; a body parameter's `x-examples`
    // are placed by its schema.
    for settled in [
        "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\nget:\nresponses:\n200:\ndescription: ok\nx-amples:\n- title: one\nrequest:\nparams: {year: 2016,\nday: 29}\n",
        "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\npost:\nparameters:\n- name: body\nin: body\nschema:\ntype: object\nx-examples:\napplication/json:\nid: 1\nname: x\nresponses:\n200:\ndescription: ok\n",
    ] {
        let (flagged, warnings, text) = group_warnings(settled, super::doubt::EXTENSION_GROUP);
        assert!(flagged.is_empty(), "{text}\n{warnings:#?}");
    }
}

#[test]
fn a_nested_object_whose_properties_are_followed_by_a_required_list_is_still_flagged() {
    // `edition` (and the `required` after it) may be `changes`' items' or `Item`'s.
    let text = "definitions:\nItem:\ntype: object\nproperties:\nchanges:\ntype: array\nitems:\ntype: object\nproperties:\nprevious:\ntype: string\nnotice:\ntype: string\nedition:\ntype: string\nrequired:\n- edition\n";
    let (flagged, warnings, text) = group_warnings(text, super::doubt::GROUP);
    assert_eq!(flagged.len(), 1, "{text}\n{warnings:#?}");
    assert_eq!(flagged[0].path, "definitions.Item.properties.changes");
    assert!(
        flagged[0].message.contains("`edition`"),
        "{}",
        flagged[0].message
    );
}

#[test]
fn an_extension_after_a_reference_is_flagged() {
    // `x-audit` after a property's `$ref` may be the property's or the definition's: it goes
    // to the definition (`extension-after-ref`), with a warning naming the other reading.
    let text = "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nA:\ntype: object\nproperties:\nb:\n$ref: '#/definitions/B'\nx-audit: 1\nB:\ntype: object\n";
    let (doc, _, _) = recover_doc(text);
    assert_eq!(
        doc.get("definitions")
            .and_then(|d| d.get("A"))
            .map(key_names),
        Some(vec![
            "type".to_string(),
            "properties".to_string(),
            "x-audit".to_string()
        ])
    );
    let (flagged, warnings, text) = group_warnings(text, "recovery rule `extension-after-ref`");
    assert_eq!(flagged.len(), 1, "{text}\n{warnings:#?}");
    assert_eq!(flagged[0].line, 12, "the warning sits on `x-audit:`");
    // Where the definition holds it already, the second stays beside the reference, flagged.
    let beside = "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nA:\ntype: object\nx-audit: 0\nproperties:\nb:\n$ref: '#/definitions/B'\nx-audit: 1\nB:\ntype: object\n";
    let (flagged, warnings, text) = group_warnings(beside, super::doubt::REF_EXTENSION_GROUP);
    assert_eq!(flagged.len(), 1, "{text}\n{warnings:#?}");
    assert_eq!(
        flagged[0].line, 13,
        "the warning sits on the second `x-audit:`"
    );
    // An extension tools read from a schema (`x-nullable`) stays beside the reference.
    let settled = "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nA:\ntype: object\nproperties:\nb:\n$ref: '#/definitions/B'\nx-nullable: true\nB:\ntype: object\n";
    let (flagged, warnings, text) = group_warnings(settled, super::doubt::REF_EXTENSION_GROUP);
    assert!(flagged.is_empty(), "{text}\n{warnings:#?}");
}

#[test]
fn an_extension_written_once_after_another_extensions_value_is_a_doubt() {
    // edX: the root's `x-edx-api-vendors` after the last operation's integration mapping.
    let text = "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a/{proxy+}:\nx-amazon-apigateway-any-method:\nparameters:\n- name: proxy\nin: path\nx-amazon-apigateway-integration:\ntype: http_proxy\nrequestParameters:\nintegration.request.path.proxy: method.request.path.proxy\nx-edx-api-vendors:\naws:\n- id\n";
    let (flagged, warnings, text) = group_warnings(text, super::doubt::AFTER_EXTENSION_GROUP);
    assert_eq!(flagged.len(), 1, "{text}\n{warnings:#?}");
    assert_eq!(
        flagged[0].line, 15,
        "the warning sits on `x-edx-api-vendors:`"
    );
    assert!(
        flagged[0]
            .message
            .contains("`x-amazon-apigateway-integration`"),
        "{}",
        flagged[0].message
    );
    // The any-method value is an operation: its integration is not reported as a mapping
    // whose end is a guess inside an extension.
    assert!(
        !warnings.iter().any(
            |d| d.group.as_deref() == Some(super::doubt::EXTENSION_GROUP)
                && d.message
                    .contains("members of `paths./a/{proxy+}.x-amazon-apigateway-any-method`")
        ),
        "{text}\n{warnings:#?}"
    );
    // An extension the document writes twice, or after a scalar extension, is no doubt.
    let twice = "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\nx-team: core\npaths:\n/a:\nget:\nx-meta:\nowner: a\nx-team: api\nresponses:\n'200':\ndescription: ok\n";
    let (flagged, warnings, text) = group_warnings(twice, super::doubt::AFTER_EXTENSION_GROUP);
    assert!(flagged.is_empty(), "{text}\n{warnings:#?}");
}

#[test]
fn an_object_property_written_after_comment_lines_is_a_doubt() {
    // After magma's policydb: `# Deprecated` then `qos:`, a definition of its own after
    // `flow_description`'s last property (named unlike the other definitions, so only the
    // comment lines suggest it).
    let spec = "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nflow_description:\ntype: object\nproperties:\naction:\ntype: string\nmatch:\n$ref: '#/definitions/flow_match'\n# Deprecated\nqos:\ntype: object\nproperties:\nmax_req_bw_ul:\ntype: integer\nflow_match:\ntype: object\n";
    let (flagged, warnings, text) = group_warnings(spec, super::doubt::COMMENTED_GROUP);
    assert_eq!(flagged.len(), 1, "{text}\n{warnings:#?}");
    assert!(
        flagged[0].message.contains("`qos`"),
        "{}",
        flagged[0].message
    );
    // Without the comment, no doubt of this kind.
    let plain = spec.replace("# Deprecated\n", "");
    let (flagged, warnings, text) = group_warnings(&plain, super::doubt::COMMENTED_GROUP);
    assert!(flagged.is_empty(), "{text}\n{warnings:#?}");
}

#[test]
fn an_extension_after_a_paths_last_operation_is_a_doubt() {
    // BlockInfinity's `x-swagger-router-controller` after an operation's responses: the path's
    // in some places, the operation's in others.
    let spec = "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\nget:\nresponses:\n'200':\ndescription: ok\nx-swagger-router-controller: info\n/b:\nx-swagger-router-controller: b\nget:\nresponses:\n'200':\ndescription: ok\nx-swagger-router-controller: b\n";
    let (flagged, warnings, text) = group_warnings(spec, super::doubt::OPERATION_END_GROUP);
    // `/b` holds its own, so only `/a`'s is in doubt.
    assert_eq!(flagged.len(), 1, "{text}\n{warnings:#?}");
    assert!(
        flagged[0].message.contains("paths./a.get"),
        "{}",
        flagged[0].message
    );
}
