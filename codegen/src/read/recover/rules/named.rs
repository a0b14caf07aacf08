//! The rules that act outside the soft rules' weighing, by name and with what each does: on
//! list items, on a key before it is weighed, on the text of block scalars, and on the whole
//! reading. Each is switched off like the soft rules ([`super::RecoveryRules::without`]).

/// Rules that place list items (in [`Pass::place_item`]), with what they do.
pub(in crate::read::recover) const ITEM_RULES: &[(&str, &str)] = &[
    (
        ITEMS_ALIKE,
        "a list's members are alike: a mapping after scalars (or a scalar after mappings) is more likely an enclosing list's",
    ),
    (
        ANCHORED_ITEM,
        "an item that holds only an anchor or a tag (`- &ref_0`) opens the mapping written on the lines after it",
    ),
    (
        ITEM_KEYS_ALIKE,
        "a free-form list's mapping members start with the same key, or with a property of the schema they are instances of",
    ),
];
/// Rules that stand in for a key before the soft rules weigh it (in [`Pass::line`]).
pub(in crate::read::recover) const KEY_RULES: &[(&str, &str)] = &[
    (
        OPENAPI3_FIELD,
        "a key no open object takes, which OpenAPI 3 gives one of them (`components` the root, `requestBody` an operation, `content` a response), goes to that object, not to the innermost one",
    ),
    (
        MERGE_KEY,
        "a merge key (`<<: *common`) goes where the first member of the mapping its alias names would go",
    ),
    (
        EXTENSION_VALUE,
        "the value of a widely used extension is the kind of object its tools read it as: AWS API Gateway's `x-amazon-apigateway-any-method` is an operation, with its parameters, responses and integration",
    ),
    (
        COMMENTED_OUT_LIST,
        "a key with nothing after its colon, followed by a list item commented out (`#- name: petId`) and then a key, has an empty value: the key after the comments is its object's next field, not the first member of a mapping",
    ),
    (
        REPEATED_MEMBER,
        "in an example, a key that names the mapping being written, whose value starts with the key that mapping started with (`service:` again after a first `service:`'s members), is the spec's own repetition of that member: it goes beside the first",
    ),
    (
        PARALLEL_EXAMPLE,
        "in a response's `examples`, a key whose value starts with the member the example being written starts with (a property of its schema, which the schema does not declare itself) is another example beside it, not a member of this one",
    ),
    (
        REPEATED_KEY,
        "a key that every open object which takes it already holds is the spec's own repetition (`summary` twice in an operation, a path twice in `paths`): it stays beside the first, where the reader reports it, not in an object the grammar does not give it",
    ),
];
/// Rules of the writer, that decide what a line of text continues (in [`Pass::text_line`] and
/// the block and value writers), with what they do.
pub(in crate::read::recover) const TEXT_RULES: &[(&str, &str)] = &[
    (
        PLAIN_VALUE_NEXT_LINE,
        "a line of text right after a key with nothing after its colon is that key's plain scalar, not a line to leave out; a mapping that starts with such a key starts with a scalar (`B:`, `description:`, then its text ends a block above)",
    ),
    (
        DASH_CONTINUATION,
        "a `- ` line no list takes, after a plain scalar, continues that scalar (`- SEND ...` in a description)",
    ),
    (
        EXPLICIT_KEY,
        "an explicit key (`? /payments/{id}` then `: post:`) is read as the plain key it names, its value from the `:` line on",
    ),
    (
        HEADER_IN_TEXT,
        "a `Name: value` line in the block description of a header (or header parameter) called `Name` shows the header as sent: it is text, not a key",
    ),
    (
        OWN_FIELD_ENDS_BLOCK,
        "a fixed field of the object a block scalar is in, which that object does not hold yet (`example:` after a folded description), ends the block whatever the soft rules say of its value",
    ),
    (
        COMMA_GOES_ON,
        "in a block scalar, the line after one that ends with a comma goes on with it (`a: 1,` then `b: 2`), however well it reads as a key, unless it is a name alone followed by `type: <a JSON type>` or `$ref:` (a property after a description ending `Example null,`)",
    ),
    (
        FLOW_MAP_NOT_SCHEMA,
        "in a block scalar, a `Name: {...}` line whose flow mapping does not start with a schema keyword (`Example: {\"iteration\": 209}`) is text, not a definition or a property",
    ),
    (
        HEADING_IN_BLOCK,
        "a `### Name` line alone right before a line that ends a block scalar is the block's own markdown heading, not a comment, when the block already holds a heading of that level (two `#`s or more: `# ` is how YAML comments are written), or a `# Name` line in a block whose sections are `##` or deeper",
    ),
    (
        KEYWORD_VALUE_IN_TEXT,
        "in a block scalar, a schema keyword line whose value that keyword cannot have (`format: Sat, 13 Mar 2010 11:29:05 -0800`, a `minimum` that is no number) is text, not the end of the block",
    ),
    (
        RULE_LINE_IN_BLOCK,
        "a `---` line inside a block scalar is a markdown rule, not the end of the document, unless a document starts after it",
    ),
    (
        SPACED_NAME_SCHEMA,
        "a name of two or three words and nothing after its colon, followed by `type: <a JSON type>` or `$ref:`, ends a block scalar as a property of the open `properties` (`Response body:` then `type: string`)",
    ),
];
/// Rules that judge the whole reading (in [`super::super::search`]), with what they do.
pub(in crate::read::recover) const DOCUMENT_RULES: &[(&str, &str)] = &[(
    DOCUMENT_EVIDENCE,
    "a doubtful key near a problem of the reading (a line left out, a `required` name not declared, a definition nobody references) goes where the whole document has clearly fewer problems",
)];
pub(in crate::read::recover) const DOCUMENT_EVIDENCE: &str = "document-evidence";
pub(in crate::read::recover) const PLAIN_VALUE_NEXT_LINE: &str = "plain-value-next-line";
pub(in crate::read::recover) const DASH_CONTINUATION: &str = "dash-continuation";
pub(in crate::read::recover) const RULE_LINE_IN_BLOCK: &str = "rule-line-in-block";
pub(in crate::read::recover) const HEADING_IN_BLOCK: &str = "heading-in-block";
pub(in crate::read::recover) const HEADER_IN_TEXT: &str = "header-in-text";
pub(in crate::read::recover) const COMMA_GOES_ON: &str = "comma-goes-on";
pub(in crate::read::recover) const FLOW_MAP_NOT_SCHEMA: &str = "flow-map-not-schema";
pub(in crate::read::recover) const OWN_FIELD_ENDS_BLOCK: &str = "own-field-ends-block";
pub(in crate::read::recover) const EXPLICIT_KEY: &str = "explicit-key";
pub(in crate::read::recover) const ITEMS_ALIKE: &str = "items-alike";
pub(in crate::read::recover) const ITEM_KEYS_ALIKE: &str = "item-keys-alike";
pub(in crate::read::recover) const ANCHORED_ITEM: &str = "anchored-item";
pub(in crate::read::recover) const MERGE_KEY: &str = "merge-key";
pub(in crate::read::recover) const REPEATED_KEY: &str = "repeated-key";
pub(in crate::read::recover) const REPEATED_MEMBER: &str = "repeated-member";
pub(in crate::read::recover) const COMMENTED_OUT_LIST: &str = "commented-out-list";
pub(in crate::read::recover) const EXTENSION_VALUE: &str = "extension-value";
pub(in crate::read::recover) const OPERATION_PARAMETERS: &str = "operation-parameters";
pub(in crate::read::recover) const PARALLEL_EXAMPLE: &str = "parallel-example";
pub(in crate::read::recover) const OPENAPI3_FIELD: &str = "openapi3-field";
pub(in crate::read::recover) const KEYWORD_VALUE_IN_TEXT: &str = "keyword-value-in-text";
pub(in crate::read::recover) const SPACED_NAME_SCHEMA: &str = "spaced-name-schema";
