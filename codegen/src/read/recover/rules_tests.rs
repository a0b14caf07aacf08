//! One case per soft rule: a small stripped spec the rule decides. With every rule on, the case
//! comes out as the rule says; with that one rule switched off, it comes out otherwise. Every
//! rule has a case (the last test checks), so a rule that stops mattering fails here.

use super::rules::DOCUMENT_EVIDENCE;
use super::{RecoveryRules, recover_indentation_with};
use crate::read::yaml;
use crate::tree::Node;

struct Case {
    rule: &'static str,
    /// What the rule decides, in a few words.
    decides: &'static str,
    /// A stripped spec.
    text: &'static str,
    /// The keys, in order, of the mapping at `at` when the rule is on.
    at: &'static [&'static str],
    keys: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        rule: "array-annotation-after-items",
        decides: "`description` after `items: {type: string}` describes the array",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nA:\ntype: object\nproperties:\ntags:\ntype: array\nitems:\ntype: string\ndescription: The tags\n",
        at: &["definitions", "A", "properties", "tags"],
        keys: &["type", "items", "description"],
    },
    Case {
        rule: "array-annotation-after-items",
        decides: "`description` after `items: {type: string}`, followed by an example written as a list, describes the array",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nA:\ntype: object\nproperties:\nuris:\ntype: array\nitems:\ntype: string\ndescription: The URIs\nexample: [ /economy, /health ]\nlimit:\ntype: integer\n",
        at: &["definitions", "A", "properties", "uris"],
        keys: &["type", "items", "description", "example"],
    },
    Case {
        rule: "array-annotation-after-items",
        decides: "`x-omitempty` after scalar `items`, followed by an example written as a block list, is the array's",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\napn_list:\ntype: array\nitems:\ntype: string\nx-nullable: false\nexample: internet\nx-omitempty: true\nexample:\n- internet\n- ims\n",
        at: &["definitions", "apn_list"],
        keys: &["type", "items", "x-omitempty", "example"],
    },
    Case {
        rule: "definition-family",
        decides: "`subscriptionNotification: {type: object}` after the definition `subscription`'s last property, beside the definitions `subscriptionRequest` and `subscriptionResponse`, is a definition",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\npost:\nparameters:\n- in: body\nname: b\nschema:\n$ref: '#/definitions/subscriptionRequest'\nresponses:\n'200':\ndescription: ok\nschema:\n$ref: '#/definitions/subscriptionResponse'\ndefinitions:\nsubscriptionRequest:\ntype: object\nsubscriptionResponse:\ntype: object\nsubscription:\ntype: object\nproperties:\nid:\ntype: string\nsubscriptionNotification:\ntype: object\nproperties:\neventType:\ntype: string\n",
        at: &["definitions"],
        keys: &[
            "subscriptionRequest",
            "subscriptionResponse",
            "subscription",
            "subscriptionNotification",
        ],
    },
    Case {
        rule: "type-name",
        decides: "`centerResponse: {type: object}` after the definition `session`'s last property is a definition",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nsession:\ntype: object\nproperties:\nvaccine:\ntype: string\ncenterResponse:\ntype: object\nproperties:\ncenterName:\ntype: string\n",
        at: &["definitions"],
        keys: &["session", "centerResponse"],
    },
    Case {
        rule: "xml-type-name",
        decides: "`xml: {name: Advice}` after the property `type` is the definition's",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nAsset:\ntype: object\nproperties:\nvalue:\ntype: number\ntype:\ntype: string\nxml:\nname: Advice\n",
        at: &["definitions", "Asset"],
        keys: &["type", "properties", "xml"],
    },
    Case {
        rule: "resembles-sibling",
        decides: "`offence`, written shape for shape like the object `location` before it, is its sibling, although it also resembles `location`'s short last property give or take a keyword",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nReport:\ntype: object\nproperties:\nlocation:\ntype: object\ndescription: The location.\nproperties:\nid:\ntype: string\ndescription: Its id.\nexample: a1\nurl:\ntype: string\ndescription: Its URL.\nexample: http://x/a1\noffence:\ntype: object\ndescription: The offence.\nproperties:\nid:\ntype: string\ndescription: Its id.\nexample: b2\nurl:\ntype: string\ndescription: Its URL.\nexample: http://x/b2\n",
        at: &["definitions", "Report", "properties"],
        keys: &["location", "offence"],
    },
    Case {
        rule: "spaced-name-schema",
        decides: "`Response body:` then `type: string`, after a literal block description, is the next property",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nR:\ntype: object\nproperties:\nCode:\ntype: integer\ndescription: |\nHTTP code of the reply\nResponse body:\ntype: string\ndescription: |\nThe message\n",
        at: &["definitions", "R", "properties"],
        keys: &["Code", "Response body"],
    },
    Case {
        rule: "root-fields-follow",
        decides: "`consumes` after the last operation, followed by `definitions`, is the document's",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\npost:\nresponses:\n'200':\ndescription: ok\nconsumes:\n- application/json\ndefinitions:\nA:\ntype: object\n",
        at: &[],
        keys: &["swagger", "info", "paths", "consumes", "definitions"],
    },
    Case {
        rule: "ref-siblings",
        decides: "a `description` after an `allOf` list of `- $ref` members is the definition's",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nA:\nallOf:\n- $ref: '#/definitions/B'\n- $ref: '#/definitions/C'\ndescription: Both\nB:\ntype: object\nC:\ntype: object\n",
        at: &["definitions", "A"],
        keys: &["allOf", "description"],
    },
    Case {
        rule: "referenced-component",
        decides: "`NotFound` after a response's headers is the response `#/responses/NotFound` names",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\nget:\nresponses:\n'404':\n$ref: '#/responses/NotFound'\nresponses:\nConflict:\ndescription: conflict\nheaders:\nLocation:\ntype: string\nNotFound:\ndescription: not found\n",
        at: &["responses"],
        keys: &["Conflict", "NotFound"],
    },
    Case {
        rule: "document-evidence",
        decides: "a PascalCase property among camelCase ones stays a property when reading it as a definition leaves the names after it as definitions nobody references",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\nget:\nresponses:\n'200':\ndescription: ok\nschema:\n$ref: '#/definitions/Medicament'\ndefinitions:\nMedicament:\ntype: object\nproperties:\ncis:\ntype: string\nStatutBdm:\ntype: string\nnumeroAutorisation:\ntype: string\ntitulaire:\n$ref: '#/definitions/Presentation'\nPresentation:\ntype: object\n",
        at: &["definitions", "Medicament", "properties"],
        keys: &["cis", "StatutBdm", "numeroAutorisation", "titulaire"],
    },
    Case {
        rule: "empty-example",
        decides: "`example:` with no value, then `next:` written as a schema: the example is null and `next` the next property",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nA:\ntype: object\nproperties:\nname:\ntype: string\nexample:\nnext:\ntype: string\n",
        at: &["definitions", "A", "properties"],
        keys: &["name", "next"],
    },
    Case {
        rule: "empty-example",
        decides: "`example:` with no value, then a `parameters:` list: the example is null and the parameters the operation's",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\npost:\nresponses:\n'500':\ndescription: failed\nschema:\ntype: string\nexample:\nparameters:\n- name: q\nin: query\ntype: string\n",
        at: &["paths", "/a", "post"],
        keys: &["responses", "parameters"],
    },
    Case {
        rule: "schema-shaped-member",
        decides: "`name: {type: string}` after a free-form example is the next property, not the example's",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nA:\ntype: object\nproperties:\nmeta:\ntype: object\nexample:\ncolor: red\nsize: 3\nname:\ntype: string\ndescription: The name\n",
        at: &["definitions", "A", "properties"],
        keys: &["meta", "name"],
    },
    Case {
        rule: "schema-shaped-member",
        decides: "a property whose `type` comes after its description and example, written after an extension's nested map, is the next property",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nA:\ntype: object\nproperties:\nref:\ntype: string\nx-availability:\npost:\nfps: optional\nget:\nfps: sometimes\nsub_type:\ndescription: The sub type\nexample: Telephone\ntype: string\n",
        at: &["definitions", "A", "properties"],
        keys: &["ref", "sub_type"],
    },
    Case {
        rule: "schema-goes-on",
        decides: "a definition's `externalDocs` followed by its `properties` stays in the definition",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nA:\ntype: object\nexternalDocs:\nurl: https://x.example\ndescription: docs\nproperties:\nname:\ntype: string\n",
        at: &["definitions", "A"],
        keys: &["type", "externalDocs", "properties"],
    },
    Case {
        rule: "explicit-key",
        decides: "`? /a/{id}` then `: get:`: the path `/a/{id}` with its operation, and the paths after it",
        text: "swagger: '2.0'\npaths:\n? /a/{id}\n: get:\nresponses:\n'200':\ndescription: ok\n/b:\nget:\nresponses:\n'200':\ndescription: ok\n",
        at: &["paths"],
        keys: &["/a/{id}", "/b"],
    },
    Case {
        rule: "anchored-item",
        decides: "`- &ref_0` then `name: q`: the anchored item is the parameter named q",
        text: "swagger: '2.0'\npaths:\n/a:\nget:\nparameters:\n- &ref_0\nname: q\nin: query\ntype: string\n- name: r\nin: query\ntype: string\nresponses:\n'200':\ndescription: ok\n",
        at: &["paths", "/a", "get", "parameters", "0"],
        keys: &["name", "in", "type"],
    },
    Case {
        rule: "merge-key",
        decides: "`<<: *common` merging `description` and `required` after an array parameter's `items`: a member of the parameter",
        text: "swagger: '2.0'\nx-anchors:\ncommon: &common\ndescription: Ids.\nrequired: true\npaths:\n/a:\nget:\nparameters:\n- name: ids\nin: query\ntype: array\nitems:\ntype: string\n<<: *common\nresponses:\n'200':\ndescription: ok\n",
        at: &["paths", "/a", "get", "parameters", "0"],
        keys: &["name", "in", "type", "items", "<<"],
    },
    Case {
        rule: "repeated-key",
        decides: "a second `summary` in an operation stays in it (the reader reports it), so `operationId` and `responses` stay there too",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\nget:\nsummary: One\nsummary: Two\noperationId: getA\nresponses:\n'200':\ndescription: ok\n",
        at: &["paths", "/a", "get"],
        keys: &["summary", "operationId", "responses"],
    },
    Case {
        rule: "repeated-key",
        decides: "a path written twice stays in `paths`, not inside the last response's schema",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\nget:\nresponses:\n'200':\ndescription: ok\nschema:\n$ref: '#/definitions/A'\n/a:\nput:\nresponses:\n'200':\ndescription: ok\ndefinitions:\nA:\ntype: object\n",
        at: &["paths", "/a", "get", "responses", "200", "schema"],
        keys: &["$ref"],
    },
    Case {
        rule: "own-field-ends-block",
        decides: "`example:` after a string property's folded description ends the block, although an object example does not suit a string",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nFile:\ntype: object\nproperties:\nurl:\ntype: string\ndescription: >-\nWhere the content is.\nexample:\nmain:\nurl: https://example.com/a.cwl\n",
        at: &["definitions", "File", "properties", "url"],
        keys: &["type", "description", "example"],
    },
    Case {
        rule: "plain-value-next-line",
        decides: "`description:` then a line of text: the text is the description, not a line left out",
        text: "definitions:\nA:\ndescription:\nA registry.\ntype: object\n",
        at: &["definitions", "A"],
        keys: &["description", "type"],
    },
    Case {
        rule: "plain-value-next-line",
        decides: "after a block description, `B:` whose first key is `description:` with its text on the next line is the next definition, not more of the block",
        text: "definitions:\nA:\ntype: object\ndescription: |-\nThe kinds:\nmd5\nB:\ndescription:\nAn error.\ntype: object\n",
        at: &["definitions"],
        keys: &["A", "B"],
    },
    Case {
        rule: "heading-in-block",
        decides: "`### Scopes` right before `type: oauth2` ends a description that already has `### ` headings: it is the description's last line, not a comment",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\nsecurityDefinitions:\nOAuth2:\ndescription: |\n### Tokens\nPOST for one.\n### Scopes\ntype: oauth2\nflow: application\ntokenUrl: https://a.example/token\nscopes: {}\n",
        at: &["securityDefinitions", "OAuth2"],
        keys: &["description", "type", "flow", "tokenUrl", "scopes"],
    },
    Case {
        rule: "extension-after-ref",
        decides: "`x-stoplight` after the last property's `$ref` is the definition's",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nCharge:\ntype: object\nproperties:\ntotal:\n$ref: '#/definitions/Amount'\nx-stoplight:\nid: yxt753\nAmount:\ntype: number\n",
        at: &["definitions", "Charge"],
        keys: &["type", "properties", "x-stoplight"],
    },
    Case {
        rule: "dash-continuation",
        decides: "`- SEND now` after a plain description, with no list open, continues the description",
        text: "definitions:\nA:\ntype: object\ndescription: Sends\n- SEND now\nproperties:\nb:\ntype: string\n",
        at: &["definitions", "A"],
        keys: &["type", "description", "properties"],
    },
    Case {
        rule: "header-in-text",
        decides: "`x-request-meta: abc` in the description of the header parameter `x-request-meta` is the description's",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\nget:\nparameters:\n- name: x-request-meta\nin: header\ntype: string\ndescription: >-\nBase64 of the receiver, as in\nx-request-meta: abc\nresponses:\n200:\ndescription: ok\n",
        at: &["paths", "/a", "get", "parameters", "0"],
        keys: &["name", "in", "type", "description"],
    },
    Case {
        rule: "comma-goes-on",
        decides: "`x-is-read: true` after `is_archived: true,` in a body parameter's example block is the block's last line",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\nput:\nparameters:\n- name: body\nin: body\nschema:\ntype: object\nx-examples:\napplication/json: |\nchange_type: bulk,\nis_archived: true,\nx-is-read: true\nresponses:\n200:\ndescription: ok\n",
        at: &["paths", "/a", "put", "parameters", "0"],
        keys: &["name", "in", "schema", "x-examples"],
    },
    Case {
        rule: "keyword-repeats-ahead",
        decides: "`additionalProperties: false` after a string property's `enum`, written again for the object and for its definition, is the string property's",
        text: "definitions:\nA:\ntype: object\nproperties:\nlines:\ntype: array\nitems:\ntype: object\nproperties:\nkind:\ntype: string\nenum:\n- a\n- b\nadditionalProperties: false\nrequired:\n- kind\nadditionalProperties: false\nminItems: 1\nadditionalProperties: false\nB:\ntype: object\n",
        at: &[
            "definitions",
            "A",
            "properties",
            "lines",
            "items",
            "properties",
            "kind",
        ],
        keys: &["type", "enum", "additionalProperties"],
    },
    Case {
        rule: "example-media-type",
        decides: "`application/xml: |` after the members of a response's `application/json` example is the next example of `examples`",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\nget:\nresponses:\n200:\ndescription: OK\nexamples:\napplication/json:\nMessage: ok\napplication/xml: |\n<Ack>\n<Message>ok</Message>\n</Ack>\n",
        at: &["paths", "/a", "get", "responses", "200", "examples"],
        keys: &["application/json", "application/xml"],
    },
    Case {
        rule: "example-type",
        decides: "`example: 1` after a property's `$ref` is that property's, not the object definition's, and the property after it stays beside it",
        text: "definitions:\nAdd:\ntype: object\nrequired:\n- id\n- credits\nproperties:\nid:\ndescription: User ID\n$ref: '#/definitions/Id'\nexample: 1\ncredits:\ntype: number\nId:\ntype: integer\n",
        at: &["definitions", "Add", "properties"],
        keys: &["id", "credits"],
    },
    Case {
        rule: "flow-map-not-schema",
        decides: "`Example: {\"iteration\": 209}` in a property's title block is the title's, and the next name is the next property",
        text: "definitions:\nA:\ntype: object\nproperties:\netimes:\ntype: object\ntitle: |-\nTemporal keys\nExample: {\"iteration\": 209}\ngrouplabel:\ntype: string\n",
        at: &["definitions", "A", "properties"],
        keys: &["etimes", "grouplabel"],
    },
    Case {
        rule: "schema-type-description",
        decides: "`description` after a body parameter's `schema: {type: object}` describes the parameter",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\npost:\nparameters:\n- name: body\nin: body\nschema:\ntype: object\ndescription: the record to add\nrequired: true\nresponses:\n200:\ndescription: ok\n",
        at: &["paths", "/a", "post", "parameters", "0"],
        keys: &["name", "in", "schema", "description", "required"],
    },
    Case {
        rule: "extension-after-responses",
        decides: "`x-testable` after the last response's `schema: {$ref}` (or its `description`) is the operation's",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\nget:\nresponses:\n200:\ndescription: ok\nschema:\n$ref: '#/definitions/A'\nx-testable: false\n/b:\nget:\nresponses:\n200:\ndescription: ok\nx-testable: true\ndefinitions:\nA:\ntype: object\n",
        at: &["paths", "/a", "get"],
        keys: &["responses", "x-testable"],
    },
    Case {
        rule: "rule-line-in-block",
        decides: "`---` under a markdown heading in a description block is a rule, and the document goes on",
        text: "swagger: '2.0'\ninfo:\ndescription: |\n# Summary\n---\nText.\ntitle: t\nversion: '1'\n",
        at: &["info"],
        keys: &["description", "title", "version"],
    },
    Case {
        rule: "json-schema-keyword",
        decides: "`nullable: true` inside a description block is prose, not a keyword that ends it",
        text: "definitions:\nA:\ntype: object\nproperties:\nb:\ntype: string\ndescription: |\nSee below.\nnullable: true\nmaxLength: 3\n",
        at: &["definitions", "A", "properties", "b"],
        keys: &["type", "description", "maxLength"],
    },
    Case {
        rule: "extension-company",
        decides: "`x-tag` after a parameter joins the path's `x-name`, which it goes with elsewhere",
        text: "swagger: '2.0'\npaths:\n/a:\nx-name: one\nx-tag: s\nget:\nresponses:\n200:\ndescription: ok\n/c:\nget:\nparameters:\n- name: q\nin: query\ntype: string\nx-tag: u\nresponses:\n200:\ndescription: ok\n/b:\nx-name: two\nparameters:\n- name: id\nin: path\ntype: string\nx-tag: t\n",
        at: &["paths", "/b"],
        keys: &["x-name", "parameters", "x-tag"],
    },
    Case {
        rule: "extension-looks-like-sibling",
        decides: "`x-jwt-ttl: {description, type}` after a header is a header too",
        text: "swagger: '2.0'\npaths:\n/a:\nget:\nresponses:\n200:\ndescription: ok\nheaders:\nx-rate:\ndescription: rate\ntype: integer\nx-jwt-ttl:\ndescription: ttl\ntype: integer\n",
        at: &["paths", "/a", "get", "responses", "200", "headers"],
        keys: &["x-rate", "x-jwt-ttl"],
    },
    Case {
        rule: "extension-known-home",
        decides: "`x-logo` after `license` is `info`'s",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nlicense:\nname: MIT\nx-logo:\nurl: logo.png\npaths: {}\n",
        at: &["info"],
        keys: &["title", "license", "x-logo"],
    },
    Case {
        rule: "extension-known-home",
        decides: "`x-components` after the last definition is the document's",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nid:\ndescription: an id\ntype: string\nx-components: {}\n",
        at: &[],
        keys: &["swagger", "info", "paths", "definitions", "x-components"],
    },
    Case {
        rule: "ref-target-kind",
        decides: "`default:` holding a `$ref` into `#/responses/` after a response's schema is the responses' default",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\nget:\nresponses:\n'200':\ndescription: ok\nschema:\ntype: object\nadditionalProperties:\n$ref: '#/definitions/B'\ndefault:\n$ref: 'common.yml#/responses/UnexpectedError'\ndefinitions:\nB:\ntype: string\n",
        at: &["paths", "/a", "get", "responses"],
        keys: &["200", "default"],
    },
    Case {
        rule: "extension-usual-home",
        decides: "`x-audit` after a parameter goes to the operation, where the document holds it",
        text: "paths:\n/a:\nget:\nx-audit: true\nresponses:\n200:\ndescription: ok\n/c:\nget:\nx-audit: true\nresponses:\n200:\ndescription: ok\n/b:\nget:\nparameters:\n- name: q\nin: query\ntype: string\nx-audit: false\nresponses:\n200:\ndescription: ok\n",
        at: &["paths", "/b", "get"],
        keys: &["parameters", "x-audit", "responses"],
    },
    Case {
        rule: "sorted-keys",
        decides: "in a sorted spec, `title` after the last property's `type` is the definition's",
        text: "swagger: '2.0'\ndefinitions:\nD0:\ndescription: d\nproperties:\na:\ndescription: a\nformat: date\nmaxLength: 10\ntype: string\nb:\ndescription: b\ntype: string\nc:\ndescription: c\nformat: int32\ntype: integer\ntitle: T0\ntype: object\nD1:\ndescription: d\nproperties:\na:\ndescription: a\nformat: date\nmaxLength: 10\ntype: string\nb:\ndescription: b\ntype: string\nc:\ndescription: c\nformat: int32\ntype: integer\ntitle: T1\ntype: object\nD2:\ndescription: d\nproperties:\na:\ndescription: a\nformat: date\nmaxLength: 10\ntype: string\nb:\ndescription: b\ntype: string\nc:\ndescription: c\nformat: int32\ntype: integer\ntitle: T2\ntype: object\nD3:\ndescription: d\nproperties:\na:\ndescription: a\nformat: date\nmaxLength: 10\ntype: string\nb:\ndescription: b\ntype: string\nc:\ndescription: c\nformat: int32\ntype: integer\ntitle: T3\ntype: object\n",
        at: &["definitions", "D0"],
        keys: &["description", "properties", "title", "type"],
    },
    Case {
        rule: "free-form-sibling",
        decides: "`shipping` starts like `billing`: its sibling in the example",
        text: "definitions:\nOrder:\ntype: object\nx-example:\nbilling:\ncity: Lima\nzip: '15001'\nshipping:\ncity: Cusco\nzip: '08000'\n",
        at: &["definitions", "Order", "x-example"],
        keys: &["billing", "shipping"],
    },
    Case {
        rule: "member-of-enclosing-map",
        decides: "`BadRequest` goes on with `schema`, which a response takes and a header does not",
        text: "responses:\nFound:\ndescription: found\nheaders:\nLocation:\ntype: string\ndescription: where\nBadRequest:\ndescription: bad request\nschema:\ntype: string\n",
        at: &["responses"],
        keys: &["Found", "BadRequest"],
    },
    Case {
        rule: "media-type-map",
        decides: "`type` after a map of media types is the enclosing sample's",
        text: "paths:\n/a:\npost:\nx-samples:\n- name: one\nresponse:\napplication/json: '{}'\ntype: documentation\nresponses:\n200:\ndescription: ok\n",
        at: &["paths", "/a", "post", "x-samples", "0"],
        keys: &["name", "response", "type"],
    },
    Case {
        rule: "example-properties",
        decides: "an example holds only its schema's properties: `c` after `d`'s example is `A`'s",
        text: "definitions:\nA:\ntype: object\nproperties:\nd:\ntype: object\nproperties:\ne:\ntype: string\nexample:\ne: x\nc:\ndescription: the c\nminLength: 1\n",
        at: &["definitions", "A", "properties"],
        keys: &["d", "c"],
    },
    Case {
        rule: "operation-field-recurs",
        decides: "API Gateway's integration has `responses` of its own; the operation's come after",
        text: "paths:\n/a:\npost:\nx-amazon-apigateway-integration:\ntype: aws\nresponses:\ndefault:\nstatusCode: '200'\nresponses:\n200:\ndescription: ok\n",
        at: &["paths", "/a", "post"],
        keys: &["x-amazon-apigateway-integration", "responses"],
    },
    Case {
        rule: "outer-fixed-field",
        decides: "`paths` after a definition's free-form example closes it: the root takes `paths`",
        text: "swagger: '2.0'\ndefinitions:\nA:\ntype: object\nx-sample:\nname: x\npaths:\n/a:\nget:\nresponses:\n200:\ndescription: ok\n",
        at: &[],
        keys: &["swagger", "definitions", "paths"],
    },
    Case {
        rule: "referenced-definition",
        decides: "`pet`, referenced as a definition, starts one instead of being a property",
        text: "definitions:\nstore:\ntype: object\nproperties:\npets:\ntype: array\nitems:\n$ref: '#/definitions/pet'\npet:\ntype: object\nproperties:\nname:\ntype: string\n",
        at: &["definitions"],
        keys: &["store", "pet"],
    },
    Case {
        rule: "extension-in-extension",
        decides: "`x-origin` after `x-logo`'s `url` is `info`'s, not the logo's",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nx-logo:\nurl: logo.png\nx-origin:\nurl: spec.yaml\npaths: {}\n",
        at: &["info"],
        keys: &["title", "x-logo", "x-origin"],
    },
    Case {
        rule: "example-type",
        decides: "`default: {}` cannot be the integer's: it is the nearest object's",
        text: "definitions:\nA:\ntype: object\nproperties:\nlinks:\ntype: object\nproperties:\ncount:\ntype: integer\ndefault: {}\n",
        at: &["definitions", "A", "properties", "links"],
        keys: &["type", "properties", "default"],
    },
    Case {
        rule: "example-type",
        decides: "`default:` opening a mapping after a string header is the responses' default response",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/r:\nget:\nresponses:\n302:\ndescription: redirect\nheaders:\nLocation:\ndescription: where\ntype: string\ndefault:\ndescription: error\n",
        at: &["paths", "/r", "get", "responses"],
        keys: &["302", "default"],
    },
    Case {
        rule: "example-items",
        decides: "an example of lists belongs to the array of arrays, not to its string items",
        text: "definitions:\nA:\ntype: object\nproperties:\ncaps:\ntype: array\nitems:\ntype: array\nitems:\ntype: string\nexample:\n- [\"gpu\", \"nvidia\"]\n",
        at: &["definitions", "A", "properties", "caps"],
        keys: &["type", "items", "example"],
    },
    Case {
        rule: "example-keys",
        decides: "an example whose keys are not `d`'s properties is `A`'s",
        text: "swagger: '2.0'\npaths: {}\ndefinitions:\nA:\ntype: object\nproperties:\nc:\ntype: string\nd:\ntype: object\nproperties:\ne:\ntype: string\nexample:\nc: x\n",
        at: &["definitions", "A"],
        keys: &["type", "properties", "example"],
    },
    Case {
        rule: "ref-siblings",
        decides: "`discriminator` after a property's `$ref` is the definition's",
        text: "definitions:\nA:\ntype: object\nproperties:\nkind:\n$ref: '#/definitions/Kind'\ndiscriminator: kind\nKind:\ntype: string\n",
        at: &["definitions", "A"],
        keys: &["type", "properties", "discriminator"],
    },
    Case {
        rule: "items-ref-description",
        decides: "a description after `items: {$ref}` is the array's",
        text: "definitions:\nA:\ntype: object\nproperties:\nsurveys:\ntype: array\nitems:\n$ref: '#/definitions/S'\ndescription: the surveys\nS:\ntype: string\n",
        at: &["definitions", "A", "properties", "surveys"],
        keys: &["type", "items", "description"],
    },
    Case {
        rule: "schema-ref-description",
        decides: "a description after a body parameter's `schema: {$ref}` is the parameter's",
        text: "paths:\n/a:\npost:\nparameters:\n- in: body\nname: body\nschema:\n$ref: '#/definitions/B'\ndescription: the body\nresponses:\n200:\ndescription: ok\ndefinitions:\nB:\ntype: string\n",
        at: &["paths", "/a", "post", "parameters", "0"],
        keys: &["in", "name", "schema", "description"],
    },
    Case {
        rule: "xml-names-definition",
        decides: "`xml: {name: category}` after the last property describes the definition `category`",
        text: "definitions:\ncategory:\ntype: object\nproperties:\nid:\ntype: integer\nxml:\nname: category\n",
        at: &["definitions", "category"],
        keys: &["type", "properties", "xml"],
    },
    Case {
        rule: "xml-names-definition",
        decides: "`xml: {name: \"quiz\"}` after the last property describes the definition `quizSchema`, whose name it starts",
        text: "definitions:\nquizSchema:\ntype: object\nproperties:\nanswer:\ntype: string\nxml:\nname: \"quiz\"\n",
        at: &["definitions", "quizSchema"],
        keys: &["type", "properties", "xml"],
    },
    Case {
        rule: "type-agrees-with-keys",
        decides: "`type: array` after an `items` object's properties is the array's",
        text: "definitions:\nA:\nproperties:\nerrors:\nitems:\nproperties:\nmessage:\ntype: string\ntype: array\n",
        at: &["definitions", "A", "properties", "errors"],
        keys: &["items", "type"],
    },
    Case {
        rule: "title-names-schema",
        decides: "`title: song` after a reference is the definition `json_Song`'s",
        text: "definitions:\njson_Song:\nproperties:\nwith:\n$ref: '#/definitions/Artist'\ntitle: song\ntype: object\nArtist:\ntype: object\n",
        at: &["definitions", "json_Song"],
        keys: &["properties", "title", "type"],
    },
    Case {
        rule: "title-names-schema",
        decides: "a generated `description: PriceRange` after the last property is the definition `PriceRange`'s",
        text: "definitions:\nPriceRange:\nrequired:\n- to\nproperties:\nto:\ntype: number\ndescription: PriceRange\nModel:\ntype: object\n",
        at: &["definitions", "PriceRange"],
        keys: &["required", "properties", "description"],
    },
    Case {
        rule: "keyword-suits-type",
        decides: "`items` after a string property is the array's that holds it",
        text: "definitions:\nA:\ntype: object\nproperties:\ntags:\ntype: array\nminItems: 1\nitems:\ntype: string\nmaxLength: 3\nmaxItems: 5\n",
        at: &["definitions", "A", "properties", "tags"],
        keys: &["type", "minItems", "items", "maxItems"],
    },
    Case {
        rule: "required-names-properties",
        decides: "a `required` list naming `A`'s properties, not `b`'s, is `A`'s",
        text: "definitions:\nA:\ntype: object\nproperties:\nid:\ntype: string\nb:\ntype: object\nproperties:\nx:\ntype: string\nrequired:\n- id\n",
        at: &["definitions", "A"],
        keys: &["type", "properties", "required"],
    },
    Case {
        rule: "required-here",
        decides: "`Pet`, in its schema's `required` list, is a property although a PascalCase name among camelCase ones reads as a definition",
        text: "definitions:\nOwner:\ntype: object\nrequired:\n- Pet\nproperties:\nname:\ntype: string\nPet:\ntype: object\nproperties:\nid:\ntype: string\n",
        at: &["definitions", "Owner", "properties"],
        keys: &["name", "Pet"],
    },
    Case {
        rule: "keyword-name",
        decides: "`additionalProperties` after the last property closes `properties`",
        text: "definitions:\nA:\ntype: object\nproperties:\nname:\ntype: string\nadditionalProperties:\ntype: integer\n",
        at: &["definitions", "A"],
        keys: &["type", "properties", "additionalProperties"],
    },
    Case {
        rule: "example-of-enclosing",
        decides: "an example whose keys are `City`'s properties is `City`'s, not a property named `example`",
        text: "definitions:\nCity:\ntype: object\nproperties:\ndescription:\ntype: string\nexample:\ndescription: Lima\n",
        at: &["definitions", "City"],
        keys: &["type", "properties", "example"],
    },
    Case {
        rule: "parallel-sibling",
        decides: "`html` repeats `self`'s two lines: a sibling, not a property of `self`",
        text: "definitions:\nA:\ntype: object\nproperties:\nlinks:\ntype: object\nproperties:\nself:\nproperties:\nhref: {type: string}\nhtml:\nproperties:\nhref: {type: string}\n",
        at: &["definitions", "A", "properties", "links", "properties"],
        keys: &["self", "html"],
    },
    Case {
        rule: "resembles-sibling",
        decides: "`explicit` repeats `implicit` key for key, give or take `additionalProperties`",
        text: "definitions:\nBody:\ntype: object\nproperties:\nimplicit:\ntype: object\nproperties:\nbaz:\ntype: boolean\nexplicit:\ntype: object\nadditionalProperties: false\nproperties:\nbaz:\ntype: boolean\n",
        at: &["definitions", "Body", "properties"],
        keys: &["implicit", "explicit"],
    },
    Case {
        rule: "declared-scheme",
        decides: "`x-security-scopes` after `security: [Bearer: []]` is the operation's: no scheme of that name is declared",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\nsecurityDefinitions:\nBearer:\ntype: apiKey\nname: Authorization\nin: header\npaths:\n/a:\nget:\nsecurity:\n- Bearer: []\nx-security-scopes:\n- admin\nresponses:\n'200':\ndescription: ok\n",
        at: &["paths", "/a", "get"],
        keys: &["security", "x-security-scopes", "responses"],
    },
    Case {
        rule: "map-annotation-after-values",
        decides: "`description` after `additionalProperties: {type: integer}` describes the map",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nA:\ntype: object\nproperties:\ncounts:\ntype: object\nadditionalProperties:\ntype: integer\ndescription: Runs per state\n",
        at: &["definitions", "A", "properties", "counts"],
        keys: &["type", "additionalProperties", "description"],
    },
    Case {
        rule: "map-annotation-after-values",
        decides: "`title` after `additionalProperties: {$ref: ...}` names the map",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nAny:\ntype: object\nA:\ntype: object\nproperties:\nvalues:\ntype: object\nadditionalProperties:\n\"$ref\": \"#/definitions/Any\"\ntitle: Metric values\n",
        at: &["definitions", "A", "properties", "values"],
        keys: &["type", "additionalProperties", "title"],
    },
    Case {
        rule: "example-member-of-schema",
        decides: "in an example, `size` after the members of `meta` (a map of strings) is the example's: its schema declares `size`",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nA:\ntype: object\nproperties:\nmeta:\ntype: object\nadditionalProperties:\ntype: string\nsize:\ntype: integer\nexample:\nmeta:\ncolor: red\nsize: 3\n",
        at: &["definitions", "A", "example"],
        keys: &["meta", "size"],
    },
    Case {
        rule: "response-shaped-default",
        decides: "`default:` then `description: Error` and `schema:` after a response's schema is the default response",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/a:\nget:\nresponses:\n200:\ndescription: Success\nschema:\ntype: object\ndefault:\ndescription: Error\nschema:\n$ref: '#/definitions/Error'\ndefinitions:\nError:\ntype: object\n",
        at: &["paths", "/a", "get", "responses"],
        keys: &["200", "default"],
    },
    Case {
        rule: "pascal-case",
        decides: "`AFields` after a property `_id` (camelCase past its underscore) starts a definition",
        text: "definitions:\nA:\ntype: object\nproperties:\n_id:\ntype: string\nAFields:\ntype: string\nenum:\n- name\n",
        at: &["definitions"],
        keys: &["A", "AFields"],
    },
    Case {
        rule: "pascal-case",
        decides: "`Address` among camelCase properties starts a definition",
        text: "definitions:\nPerson:\ntype: object\nproperties:\nfirstName:\ntype: string\nAddress:\ntype: object\nproperties:\nstreet:\ntype: string\n",
        at: &["definitions"],
        keys: &["Person", "Address"],
    },
    Case {
        rule: "outer-requires",
        decides: "`id`, which `A` requires, after the nested object's last property is `A`'s",
        text: "definitions:\nA:\ntype: object\nrequired:\n- id\nproperties:\nmeta:\ntype: object\nproperties:\nx:\ntype: string\nid:\ntype: string\n",
        at: &["definitions", "A", "properties"],
        keys: &["meta", "id"],
    },
    Case {
        rule: "outer-keyword",
        decides: "`additionalProperties: {}` after the last property is the schema's, not a property",
        text: "definitions:\nA:\ntype: object\nproperties:\nb:\ntype: object\nproperties:\nc:\ntype: string\nadditionalProperties: {}\n",
        at: &["definitions", "A", "properties", "b"],
        keys: &["type", "properties", "additionalProperties"],
    },
    Case {
        rule: "body-parameter-fields",
        decides: "`format` after a body parameter's `schema: {$ref}` stays in the schema: a body has no format",
        text: "paths:\n/a:\npost:\nparameters:\n- in: body\nname: b\nschema:\n$ref: '#/definitions/X'\nformat: date\nresponses:\n200:\ndescription: ok\ndefinitions:\nX:\ntype: string\n",
        at: &["paths", "/a", "post", "parameters", "0", "schema"],
        keys: &["$ref", "format"],
    },
    Case {
        rule: "path-parameters",
        decides: "parameters after an operation's responses, when it does not go on, are the path's, in a document whose other operations list theirs first",
        text: "paths:\n/b:\npost:\nparameters:\n- name: q\nin: query\ntype: string\nresponses:\n200:\ndescription: ok\n/a/{id}:\nget:\nresponses:\n200:\ndescription: ok\nparameters:\n- name: id\nin: path\nrequired: true\ntype: string\n",
        at: &["paths", "/a/{id}"],
        keys: &["get", "parameters"],
    },
    Case {
        rule: "operation-parameters",
        decides: "parameters after an operation's responses, in a document whose operations all list theirs after their responses, stay the operation's",
        text: "paths:\n/a/{id}:\nget:\nresponses:\n200:\ndescription: ok\nparameters:\n- name: id\nin: path\nrequired: true\ntype: string\n",
        at: &["paths", "/a/{id}", "get"],
        keys: &["responses", "parameters"],
    },
    Case {
        rule: "no-request-body",
        decides: "`consumes` after a GET's responses is the document's",
        text: "swagger: '2.0'\npaths:\n/:\nget:\nresponses:\n200:\ndescription: ok\nconsumes:\n- application/json\n",
        at: &[],
        keys: &["swagger", "paths", "consumes"],
    },
    Case {
        rule: "null-example-value",
        decides: "an empty `cashier:` whose schema is a string is null, not a mapping of `lane`",
        text: "definitions:\nT:\ntype: object\nproperties:\ncashier:\ntype: string\nlane:\ntype: string\nexample:\ncashier:\nlane: '123'\n",
        at: &["definitions", "T", "example"],
        keys: &["cashier", "lane"],
    },
    Case {
        rule: "repeated-member",
        decides: "a second `service:` that starts like the first, in an XML-like example, goes beside the first, not inside it",
        text: "swagger: '2.0'\npaths:\n/a:\nget:\nresponses:\n200:\ndescription: ok\nexamples:\napplication/xml:\nservices:\nservice:\ncode: '1'\nname: a\nservice:\ncode: '2'\nname: b\n",
        at: &[
            "paths",
            "/a",
            "get",
            "responses",
            "200",
            "examples",
            "application/xml",
            "services",
            "service",
        ],
        keys: &["code", "name"],
    },
    Case {
        rule: "parallel-example",
        decides: "`Invalid Credentials:` starting with `msg`, after the example `Bad Request: {msg}` of an error schema, is a second example",
        text: "swagger: '2.0'\npaths:\n/a:\npost:\nresponses:\n'400':\ndescription: bad\nschema:\n$ref: '#/definitions/Error'\nexamples:\n'Bad Request':\nmsg: Give both\n'Invalid Credentials':\nmsg: Wrong\ndefinitions:\nError:\ntype: object\nproperties:\nmsg:\ntype: string\n",
        at: &["paths", "/a", "post", "responses", "400", "examples"],
        keys: &["Bad Request", "Invalid Credentials"],
    },
    Case {
        rule: "free-form-goes-on",
        decides: "`description` in an example, followed by `metadata`, which no enclosing object takes, stays in the example",
        text: "swagger: '2.0'\npaths:\n/a:\nget:\nresponses:\n200:\ndescription: ok\nexamples:\napplication/json:\ncode: '1'\ndescription: Potholes\nmetadata: false\n",
        at: &[
            "paths",
            "/a",
            "get",
            "responses",
            "200",
            "examples",
            "application/json",
        ],
        keys: &["code", "description", "metadata"],
    },
    Case {
        rule: "free-form-goes-on",
        decides: "a folded `description: >` in an example, followed by `metadata: false`, which no enclosing object takes, stays in the example",
        text: "swagger: '2.0'\npaths:\n/a:\nget:\nresponses:\n200:\ndescription: ok\nexamples:\napplication/json:\ncode: '1'\ndescription: >\nReport potholes\nin the street.\nmetadata: false\n",
        at: &[
            "paths",
            "/a",
            "get",
            "responses",
            "200",
            "examples",
            "application/json",
        ],
        keys: &["code", "description", "metadata"],
    },
    Case {
        rule: "openapi3-field",
        decides: "`components:` after a path's extension is the root's, as OpenAPI 3 writes it, not the path's",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/swagger:\nx-swagger-pipe: swagger_raw\ncomponents:\nsecuritySchemes:\nbearer:\ntype: http\ndefinitions:\nA:\ntype: string\n",
        at: &[],
        keys: &["swagger", "info", "paths", "components", "definitions"],
    },
    Case {
        rule: "openapi3-field",
        decides: "`requestBody:` after a parameter's fields is the operation's, as OpenAPI 3 writes it, not the parameter's",
        text: "swagger: '2.0'\npaths:\n/a:\npost:\nparameters:\n- name: token\nin: query\ntype: string\nrequestBody:\ncontent:\napplication/json:\nexample:\na: 1\nresponses:\n200:\ndescription: ok\n",
        at: &["paths", "/a", "post"],
        keys: &["parameters", "requestBody", "responses"],
    },
    Case {
        rule: "keyword-value-in-text",
        decides: "`format: Sat, 13 Mar 2010` in a folded description is its text: the block goes on to `type: string`",
        text: "definitions:\nA:\ntype: object\nproperties:\nstart:\ndescription: >-\nTime of the measurement; with RFC 2822 compliant\nformat: Sat, 13 Mar 2010 11:29:05 -0800\ntype: string\n",
        at: &["definitions", "A", "properties", "start"],
        keys: &["description", "type"],
    },
    Case {
        rule: "extension-run-home",
        decides: "`x-component: NBI` after the license's fields, followed by `x-logo` (info's), is info's",
        text: "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\nlicense:\nname: Apache 2.0\nurl: https://a.example\nx-component: NBI\nx-logo:\nurl: /logo.png\npaths: {}\n",
        at: &["info"],
        keys: &["title", "version", "license", "x-component", "x-logo"],
    },
    Case {
        rule: "commented-out-list",
        decides: "`parameters:` whose items are commented out, then `requestBody:`, is an empty list of the operation, not a map of parameters",
        text: "swagger: '2.0'\npaths:\n/a:\nget:\nproduces:\n- application/json\nparameters:\n#- name: petId\n#  in: path\nrequestBody:\ncontent:\napplication/json:\nexample:\na: 1\nresponses:\n200:\ndescription: ok\n",
        at: &["paths", "/a", "get"],
        keys: &["produces", "parameters", "requestBody", "responses"],
    },
    Case {
        rule: "extension-value",
        decides: "`x-amazon-apigateway-integration` after the parameters of `x-amazon-apigateway-any-method` is that operation's",
        text: "swagger: '2.0'\npaths:\n/a/{proxy+}:\nx-amazon-apigateway-any-method:\nparameters:\n- name: proxy\nin: path\nx-amazon-apigateway-integration:\ntype: http_proxy\n",
        at: &["paths", "/a/{proxy+}", "x-amazon-apigateway-any-method"],
        keys: &["parameters", "x-amazon-apigateway-integration"],
    },
    Case {
        rule: "items-alike",
        decides: "a mapping after a list's scalars goes to the enclosing list of mappings",
        text: "definitions:\nA:\ntype: object\nx-samples:\n- name: one\ntags:\n- a\n- b\n- name: two\n",
        at: &["definitions", "A", "x-samples", "1"],
        keys: &["name"],
    },
    Case {
        rule: "item-keys-alike",
        decides: "an item that starts like the list's earlier items is that list's, not a nested one's",
        text: "definitions:\nA:\ntype: object\nx-steps:\n- name: one\nsub:\n- kind: a\n- name: two\n",
        at: &["definitions", "A", "x-steps", "1"],
        keys: &["name"],
    },
];

fn recover(text: &str, rules: &RecoveryRules) -> (Node, String) {
    let recovered = recover_indentation_with(text, rules);
    let doc = yaml::parse(&recovered.text)
        .unwrap_or_else(|e| panic!("recovered YAML parses: {e:?}\n{}", recovered.text))
        .root;
    (doc, recovered.text)
}

/// The keys of the mapping at `path` (keys, or list indexes), if there is one.
fn keys_at(doc: &Node, path: &[&str]) -> Option<Vec<String>> {
    let mut node = doc;
    for step in path {
        node = match step.parse::<usize>() {
            Ok(i) if node.as_seq().is_some() => node.as_seq()?.get(i)?,
            _ => node.get(step)?,
        };
    }
    Some(node.as_map()?.iter().map(|e| e.key.clone()).collect())
}

#[test]
fn every_rule_decides_its_case() {
    let mut failures = Vec::new();
    for case in CASES {
        let (on, on_text) = recover(case.text, &RecoveryRules::all());
        let want: Vec<String> = case.keys.iter().map(|k| k.to_string()).collect();
        if keys_at(&on, case.at).as_ref() != Some(&want) {
            failures.push(format!(
                "{}: with every rule, {:?} holds {:?}, not {want:?} ({})\n{on_text}",
                case.rule,
                case.at,
                keys_at(&on, case.at),
                case.decides
            ));
            continue;
        }
        // The whole-document search can make up for a rule: a line rule is judged without it.
        let mut without = RecoveryRules::all().without(case.rule).unwrap();
        if case.rule != DOCUMENT_EVIDENCE {
            without = without.without(DOCUMENT_EVIDENCE).unwrap();
        }
        let (_, off_text) = recover(case.text, &without);
        if off_text == on_text {
            failures.push(format!(
                "{}: switching it off changes nothing ({})\n{on_text}",
                case.rule, case.decides
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_rule_has_a_case_and_a_summary() {
    for (name, summary) in RecoveryRules::summaries() {
        assert!(
            CASES.iter().any(|c| c.rule == name),
            "rule `{name}` has no case in rules_tests.rs"
        );
        assert!(!summary.is_empty(), "rule `{name}` has no summary");
    }
}

#[test]
fn rules_switched_off_by_name_stay_off_and_unknown_names_are_refused() {
    let rules = RecoveryRules::all()
        .without("sorted-keys")
        .and_then(|r| r.without("pascal-case"))
        .unwrap();
    assert_eq!(rules.off(), ["sorted-keys", "pascal-case"]);
    assert!(!rules.is_on("pascal-case") && rules.is_on("keyword-name"));
    let refused = RecoveryRules::all().without("pascal").unwrap_err();
    assert!(
        refused.contains("no recovery rule is named `pascal`"),
        "{refused}"
    );
    assert!(
        refused.contains("pascal-case"),
        "the error lists the names: {refused}"
    );
}

#[test]
fn an_empty_description_before_the_next_definition_stays_the_propertys() {
    // helsingborg-stad's event API: `description:` with nothing after its colon ends `id`;
    // reading it as a property named `description` would give that property a schema whose
    // first key (`organisation`) is no schema keyword.
    let text = "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths:\n/o:\nget:\nresponses:\n'200':\ndescription: ok\nschema:\n$ref: '#/definitions/organisation'\ndefinitions:\nevent:\ntype: object\nproperties:\nid:\ntype: string\ndescription:\norganisation:\ntype: object\nproperties:\nid:\ntype: string\n";
    let (doc, recovered) = recover(text, &RecoveryRules::all());
    assert_eq!(
        keys_at(&doc, &["definitions", "event", "properties", "id"]),
        Some(vec!["type".to_string(), "description".to_string()]),
        "{recovered}"
    );
    assert_eq!(
        keys_at(&doc, &["definitions"]),
        Some(vec!["event".to_string(), "organisation".to_string()]),
        "{recovered}"
    );
}
