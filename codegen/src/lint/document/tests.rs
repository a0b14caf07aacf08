//! One small spec per document lint, with the finding expected (code, severity, line, column,
//! model path), and specs that differ only in style, which must stay quiet.

use crate::diag::Severity::{self, Error, Warning};
use crate::read::yaml;

fn found(spec: &str) -> Vec<(&'static str, Severity, u32, u32, String)> {
    let root = yaml::parse(spec).expect("test specs are valid YAML").root;
    super::run(&root)
        .into_iter()
        .map(|d| (d.code, d.severity, d.line, d.column, d.path))
        .collect()
}

/// (what, spec after the common head, expected findings).
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, Severity, u32, u32, &'static str)],
);

const HEAD: &str = "swagger: '2.0'\ninfo: {title: T, version: '1'}\n";

const CASES: &[Case] = &[
    (
        "a template name no parameter declares",
        "paths:
  /pets/{id}:
    get:
      responses: {200: {description: ok}}
",
        &[(
            "path.parameter-undeclared",
            Warning,
            5,
            5,
            "paths./pets/{id}.get",
        )],
    ),
    (
        "a path parameter the template does not name, without required",
        "paths:
  /pets:
    get:
      parameters:
      - {name: id, in: path, type: string}
      responses: {200: {description: ok}}
",
        &[
            (
                "path.parameter-unused",
                Warning,
                7,
                9,
                "paths./pets.get.parameters.id",
            ),
            (
                "parameter.path-required",
                Error,
                7,
                9,
                "paths./pets.get.parameters.id",
            ),
        ],
    ),
    (
        "an empty {} and a query string in the path",
        "paths:
  /pets/{}?limit=1:
    get:
      responses: {200: {description: ok}}
",
        &[
            ("path.query-string", Warning, 4, 3, "paths./pets/{}?limit=1"),
            (
                "path.empty-parameter",
                Warning,
                4,
                3,
                "paths./pets/{}?limit=1",
            ),
        ],
    ),
    (
        "two paths that differ only in parameter names",
        "parameters:
  id: {name: id, in: path, required: true, type: string}
  petId: {name: petId, in: path, required: true, type: string}
paths:
  /pets/{id}:
    get:
      parameters: [{$ref: '#/parameters/id'}]
      responses: {200: {description: ok}}
  /pets/{petId}:
    put:
      parameters: [{$ref: '#/parameters/petId'}]
      responses: {200: {description: ok}}
",
        &[("path.equivalent", Error, 11, 3, "paths./pets/{petId}")],
    ),
    (
        "a parameter twice in one list (the shared one through $ref)",
        "parameters:
  limit: {name: limit, in: query, type: integer}
paths:
  /pets:
    get:
      parameters:
      - $ref: '#/parameters/limit'
      - {name: limit, in: query, type: integer}
      - {name: limit, in: header, type: integer}
      responses: {200: {description: ok}}
",
        &[(
            "parameter.duplicate",
            Error,
            10,
            9,
            "paths./pets.get.parameters.limit",
        )],
    ),
    (
        "two bodies, and a body with formData",
        "paths:
  /pets:
    post:
      consumes: [application/x-www-form-urlencoded]
      parameters:
      - {name: a, in: body, schema: {type: object}}
      - {name: b, in: body, schema: {type: object}}
      - {name: c, in: formData, type: string}
      responses: {200: {description: ok}}
",
        &[
            (
                "parameter.body-conflict",
                Error,
                9,
                9,
                "paths./pets.post.parameters.b",
            ),
            (
                "parameter.body-conflict",
                Error,
                8,
                9,
                "paths./pets.post.parameters.a",
            ),
        ],
    ),
    (
        "a body on GET",
        "paths:
  /pets:
    get:
      parameters:
      - {name: filter, in: body, schema: {type: object}}
      responses: {200: {description: ok}}
",
        &[(
            "parameter.body-unexpected",
            Warning,
            7,
            9,
            "paths./pets.get.parameters.filter",
        )],
    ),
    (
        "formData without a form in consumes (the document's applies)",
        "consumes: [application/json]
paths:
  /pets:
    post:
      parameters:
      - {name: name, in: formData, type: string}
      responses: {200: {description: ok}}
",
        &[(
            "parameter.form-consumes",
            Warning,
            8,
            9,
            "paths./pets.post.parameters.name",
        )],
    ),
    (
        "a file in a URL-encoded form",
        "paths:
  /pets:
    post:
      consumes: [application/x-www-form-urlencoded]
      parameters:
      - {name: photo, in: formData, type: file}
      responses: {200: {description: ok}}
",
        &[(
            "parameter.form-consumes",
            Warning,
            8,
            9,
            "paths./pets.post.parameters.photo",
        )],
    ),
    (
        "a file outside formData, multi in a header, a query parameter without type",
        "paths:
  /pets:
    post:
      parameters:
      - {name: photo, in: query, type: file}
      - {name: tags, in: header, type: array, items: {type: string}, collectionFormat: multi}
      - {name: q, in: query, schema: {type: string}}
      responses: {200: {description: ok}}
",
        &[
            (
                "parameter.file-outside-form",
                Error,
                7,
                9,
                "paths./pets.post.parameters.photo",
            ),
            (
                "parameter.multi-not-allowed",
                Error,
                8,
                9,
                "paths./pets.post.parameters.tags",
            ),
            (
                "parameter.type-missing",
                Error,
                9,
                9,
                "paths./pets.post.parameters.q",
            ),
        ],
    ),
    (
        "one operationId twice",
        "paths:
  /pets:
    get:
      operationId: list
      responses: {200: {description: ok}}
  /owners:
    get:
      operationId: list
      responses: {200: {description: ok}}
",
        &[(
            "operation.duplicate-id",
            Error,
            10,
            20,
            "paths./owners.get.operationId",
        )],
    ),
    (
        "an operation with only error responses",
        "paths:
  /pets:
    delete:
      responses:
        400: {description: bad}
        404: {description: missing}
",
        &[(
            "operation.no-success-response",
            Warning,
            6,
            7,
            "paths./pets.delete.responses",
        )],
    ),
    (
        "a host with a scheme, a basePath without its slash",
        "host: https://api.example.com
basePath: v1
paths: {}
",
        &[
            ("host.invalid", Warning, 3, 7, "host"),
            ("base-path.invalid", Warning, 4, 11, "basePath"),
        ],
    ),
    (
        "a host with a path",
        "host: api.example.com/v1
paths: {}
",
        &[("host.invalid", Warning, 3, 7, "host")],
    ),
    (
        "security naming an undefined scheme and an unlisted scope",
        "securityDefinitions:
  oauth:
    type: oauth2
    flow: implicit
    authorizationUrl: https://example.com/auth
    scopes: {read: read things}
  key: {type: apiKey, name: X-Key, in: header}
security:
- oath: []
paths:
  /pets:
    get:
      security:
      - oauth: [read, write]
      - key: [admin]
      responses: {200: {description: ok}}
",
        &[
            ("security.undefined-scheme", Warning, 11, 3, "security.oath"),
            (
                "security.undefined-scope",
                Warning,
                16,
                23,
                "paths./pets.get.security.oauth",
            ),
            (
                "security.undefined-scope",
                Warning,
                17,
                15,
                "paths./pets.get.security.key",
            ),
        ],
    ),
    (
        "a tag listed twice",
        "tags:
- name: pets
- name: owners
- name: pets
paths: {}
",
        &[("tag.duplicate", Warning, 6, 9, "tags.pets")],
    ),
    (
        "a path parameter from another file is not reported as undeclared",
        "paths:
  /pets/{id}:
    get:
      parameters:
      - $ref: 'common.yaml#/parameters/id'
      responses: {200: {description: ok}}
",
        &[],
    ),
    (
        "style only: no descriptions, contact or tags, trailing slashes, an operation overriding a path parameter, a default response",
        "host: api.example.com:8443
basePath: /v1/
schemes: [https]
securityDefinitions:
  key: {type: apiKey, name: X-Key, in: header}
security:
- key: []
paths:
  /pets/{id}/:
    parameters:
    - {name: id, in: path, required: true, type: string}
    get:
      parameters:
      - {name: id, in: path, required: true, type: integer}
      - {name: tags, in: query, type: array, items: {type: string}, collectionFormat: multi}
      responses: {default: {description: anything}}
    delete:
      responses: {204: {description: gone}}
  /upload:
    post:
      consumes: [multipart/form-data]
      parameters:
      - {name: file, in: formData, type: file}
      responses: {201: {description: stored}}
",
        &[],
    ),
];

#[test]
fn each_document_lint_finds_its_defect_where_it_is_written() {
    for (what, body, want) in CASES {
        let got = found(&format!("{HEAD}{body}"));
        let want: Vec<_> = want
            .iter()
            .map(|&(code, severity, line, column, path)| {
                (code, severity, line, column, path.to_string())
            })
            .collect();
        assert_eq!(got, want, "{what}");
    }
}
