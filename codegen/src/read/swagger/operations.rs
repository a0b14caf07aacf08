//! `paths` into [`Operation`]s: parameters (shared ones resolved, path-level ones inherited),
//! the body, responses with their headers and examples.

use super::{Reader, extensions, strings, text_of};
use crate::diag::Diagnostic;
use crate::model::{
    Body, ExampleOf, Location, ModelPath, Operation, Parameter, Response, Schema, Type,
};
use crate::tree::{Entry, Node};

const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// Global `consumes`/`produces` and the path item's parameters, inherited by each operation.
struct Inherited<'n> {
    consumes: Vec<String>,
    produces: Vec<String>,
    parameters: Option<&'n Node>,
}

impl Reader<'_> {
    pub(super) fn operations(&mut self) -> Vec<Operation> {
        let root = self.root;
        let mut operations = Vec::new();
        let paths_path = ModelPath::from(["paths"]);
        let Some(paths) = self.map_at(root, "paths", &paths_path) else {
            return operations;
        };
        let mut inherited = Inherited {
            consumes: strings(root.get("consumes")),
            produces: strings(root.get("produces")),
            parameters: None,
        };
        for entry in paths.as_map().unwrap_or_default() {
            if entry.key.starts_with("x-") {
                continue;
            }
            let item = &entry.value;
            let item_path = paths_path.child(entry.key.as_str());
            if item.as_map().is_none() {
                self.shape(item, &item_path, "a path item (a mapping)");
                continue;
            }
            if let Some(r) = item.get("$ref") {
                self.report(
                    Diagnostic::warning(
                        "ref.unsupported",
                        "a path item `$ref` points outside this file; its operations are not read",
                    )
                    .at(r.pos)
                    .path(item_path.to_string()),
                );
            }
            inherited.parameters = item.get("parameters");
            for method in item.as_map().unwrap_or_default() {
                if METHODS.contains(&method.key.as_str()) {
                    operations.push(self.operation(&entry.key, &item_path, method, &inherited));
                }
            }
        }
        operations
    }

    fn operation(
        &mut self,
        path: &str,
        item_path: &ModelPath,
        method: &Entry,
        inherited: &Inherited<'_>,
    ) -> Operation {
        let node = &method.value;
        let op_path = item_path.child(method.key.as_str());
        let mut op = Operation {
            method: method.key.to_ascii_uppercase(),
            path: path.to_string(),
            operation_id: text_of(node.get("operationId")),
            summary: text_of(node.get("summary")),
            description: text_of(node.get("description")),
            parameters: Vec::new(),
            body: None,
            responses: Vec::new(),
            consumes: node
                .get("consumes")
                .map_or_else(|| inherited.consumes.clone(), |c| strings(Some(c))),
            produces: node
                .get("produces")
                .map_or_else(|| inherited.produces.clone(), |p| strings(Some(p))),
            extensions: extensions(node),
            authentication: None,
            pos: method.key_pos,
        };
        if node.as_map().is_none() {
            self.shape(node, &op_path, "an operation (a mapping)");
            return op;
        }
        // Path-level parameters first; the operation's own override those with the same name and `in`.
        for list in [inherited.parameters, node.get("parameters")]
            .into_iter()
            .flatten()
        {
            self.parameters(list, &op_path, &mut op);
        }
        let responses_path = op_path.child("responses");
        if let Some(responses) = self.map_at(node, "responses", &responses_path) {
            for entry in responses.as_map().unwrap_or_default() {
                if entry.key.starts_with("x-") {
                    continue;
                }
                if let Some(response) = self.response(entry, &responses_path, &op.method, path) {
                    op.responses.push(response);
                }
            }
        }
        op
    }

    fn parameters(&mut self, list: &Node, op_path: &ModelPath, op: &mut Operation) {
        let list_path = op_path.child("parameters");
        let Some(items) = list.as_seq() else {
            self.shape(list, &list_path, "a list of parameters");
            return;
        };
        for item in items {
            let Some(param) = self.resolve(item, "parameters", op_path) else {
                continue;
            };
            let name = text_of(param.get("name")).unwrap_or_default();
            let location = param.get("in").and_then(Node::as_str).unwrap_or_default();
            let path = list_path.child(name.as_str());
            let required = param
                .get("required")
                .and_then(Node::as_bool)
                .unwrap_or(false);
            let location = match location {
                "body" => {
                    let schema_path = path.child("schema");
                    let schema = match param.get("schema") {
                        Some(schema) => self.schema(schema, &schema_path, 0),
                        None => {
                            self.report(
                                Diagnostic::warning(
                                    "swagger.shape",
                                    "a body parameter without `schema`; the body can be anything",
                                )
                                .at(param.pos)
                                .path(path.to_string()),
                            );
                            Schema::new(Type::Any, schema_path, param.pos)
                        }
                    };
                    if let Some(description) = param.get("description") {
                        let of = ExampleOf::Schema {
                            path: schema.path.clone(),
                        };
                        self.description_examples(description, &of, &path.child("description"));
                    }
                    op.body = Some(Body {
                        name,
                        required,
                        description: text_of(param.get("description")),
                        schema,
                        pos: param.pos,
                    });
                    continue;
                }
                "header" => Location::Header,
                "query" => Location::Query,
                "path" => Location::Path,
                "formData" => Location::FormData,
                other => {
                    self.report(
                        Diagnostic::warning(
                            "swagger.shape",
                            format!("parameter `{name}` is `in: {other}`; expected header, query, path, formData or body"),
                        )
                        .at(param.get("in").map_or(param.pos, |n| n.pos))
                        .path(path.to_string()),
                    );
                    continue;
                }
            };
            let parameter = Parameter {
                required: required || location == Location::Path,
                collection_format: text_of(param.get("collectionFormat")),
                schema: self.schema(param, &path, 0),
                name,
                location,
                pos: param.pos,
            };
            match op
                .parameters
                .iter_mut()
                .find(|p| p.name == parameter.name && p.location == parameter.location)
            {
                Some(existing) => *existing = parameter,
                None => op.parameters.push(parameter),
            }
        }
    }

    fn response(
        &mut self,
        entry: &Entry,
        responses_path: &ModelPath,
        method: &str,
        path: &str,
    ) -> Option<Response> {
        let status = entry.key.clone();
        let response_path = responses_path.child(status.as_str());
        let node = self.resolve(&entry.value, "responses", &response_path)?;
        let mut response = Response {
            status: status.clone(),
            description: text_of(node.get("description")),
            schema: node
                .get("schema")
                .map(|s| self.schema(s, &response_path.child("schema"), 0)),
            headers: Vec::new(),
            pos: entry.key_pos,
        };
        let headers_path = response_path.child("headers");
        if let Some(headers) = self.map_at(node, "headers", &headers_path) {
            for header in headers.as_map().unwrap_or_default() {
                let schema =
                    self.schema(&header.value, &headers_path.child(header.key.as_str()), 0);
                response.headers.push(Parameter {
                    name: header.key.clone(),
                    location: Location::Header,
                    required: false,
                    collection_format: text_of(header.value.get("collectionFormat")),
                    schema,
                    pos: header.key_pos,
                });
            }
        }
        let examples_path = response_path.child("examples");
        if let Some(examples) = self.map_at(node, "examples", &examples_path) {
            for example in examples.as_map().unwrap_or_default() {
                self.example(
                    ExampleOf::Response {
                        method: method.to_string(),
                        path: path.to_string(),
                        status: status.clone(),
                        mime: example.key.clone(),
                    },
                    examples_path.child(example.key.as_str()),
                    &example.value,
                );
            }
        }
        Some(response)
    }
}
