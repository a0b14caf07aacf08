//! The Rust emitter on small specs: names, types, presence, enums, cycles.

use super::{RustOptions, to_rust};

fn rust_of(yaml: &str) -> String {
    let loaded = crate::check_bytes("t.yaml", yaml.as_bytes(), &[]);
    let spec = loaded
        .spec
        .unwrap_or_else(|| panic!("{:#?}", loaded.diagnostics));
    to_rust(&spec, &RustOptions::default())
}

#[test]
fn a_struct_with_wire_names_presence_and_docs() {
    let code = rust_of(
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  Persona:\n    type: object\n    description: Una persona.\n    required: [nombre, alias]\n    properties:\n      nombre: {type: string, maxLength: 30, description: El nombre.}\n      alias: {type: string, x-nullable: true}\n      numeroCuenta: {type: integer, minimum: 1}\n      type: {type: boolean}\n",
    );
    for want in [
        "/// Una persona.",
        "pub struct Persona {",
        "    /// El nombre.\n    ///\n    /// Length: at most 30 characters.\n    pub nombre: ::std::string::String,",
        "pub alias: ::std::option::Option<::std::string::String>,",
        "rename = \"numeroCuenta\",\n        default,\n        skip_serializing_if = \"::std::option::Option::is_none\"",
        "pub numero_cuenta: ::std::option::Option<i64>,",
        "pub r#type: ::std::option::Option<bool>,",
        "#[serde(flatten)]",
        "const SCHEMA_POINTER: &'static str = \"#/$defs/Persona\";",
        "impl ::molde_validator::generated::SpecType for Persona {",
    ] {
        assert!(code.contains(want), "missing {want:?} in\n{code}");
    }
}

#[test]
fn enums_from_catalogue_labels_with_their_codes() {
    let code = rust_of(
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  CatalogoContrato:\n    type: string\n    enum: [AB, AC]\n    description: |\n      Tipo de contrato.\n      Clave | Descripción\n      ---|---\n      AB | Automotriz Bancario\n      AC | Automotriz Comercial\n  CatalogoResidencia:\n    type: integer\n    enum: [1, 2]\n",
    );
    for want in [
        "pub enum CatalogoContrato {",
        "/// `AB`: Automotriz Bancario\n    AutomotrizBancario,",
        "Self::AutomotrizBancario => \"AB\"",
        "impl ::std::str::FromStr for CatalogoContrato",
        "pub enum CatalogoResidencia {",
        "Self::V1 => 1",
        "serializer.serialize_i64(self.code())",
    ] {
        assert!(code.contains(want), "missing {want:?} in\n{code}");
    }
}

#[test]
fn a_type_that_holds_itself_is_boxed_and_a_list_needs_no_box() {
    let code = rust_of(
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  Nodo:\n    type: object\n    properties:\n      padre: {$ref: '#/definitions/Nodo'}\n      hijos: {type: array, items: {$ref: '#/definitions/Nodo'}}\n",
    );
    assert!(
        code.contains("pub padre: ::std::option::Option<::std::boxed::Box<Nodo>>,"),
        "{code}"
    );
    assert!(
        code.contains("pub hijos: ::std::option::Option<::std::vec::Vec<Nodo>>,"),
        "{code}"
    );
}

#[test]
fn operations_get_a_module_with_method_path_types_and_headers() {
    let code = rust_of(
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /score:\n    post:\n      operationId: getScore\n      parameters:\n        - {name: x-api-key, in: header, required: true, type: string}\n        - {name: body, in: body, schema: {$ref: '#/definitions/Peticion'}}\n      responses:\n        '200': {description: ok, schema: {type: object, properties: {score: {type: integer}}}}\ndefinitions:\n  Peticion: {type: object, properties: {folio: {type: string}}}\n",
    );
    for want in [
        "pub mod get_score {",
        "pub const METHOD: &str = \"POST\";",
        "pub const PATH: &str = \"/score\";",
        "pub type Request = super::super::Peticion;",
        "pub type Response200 = super::super::GetScoreResponse200;",
        "pub struct Headers {",
        "#[serde(rename = \"x-api-key\")]\n            pub x_api_key: ::std::string::String,",
        "pub struct GetScoreResponse200 {",
        "\"#/$defs/getScore.response.200\"",
    ] {
        assert!(code.contains(want), "missing {want:?} in\n{code}");
    }
}

#[test]
fn vendor_text_in_docs_is_safe_for_rustdoc() {
    let code = rust_of(
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  A:\n    type: string\n    description: |\n      Valores:\n      - uno\n        sigue\n      ```\n      fn main() {}\n      ```\n",
    );
    assert!(code.contains("/// \\- uno"), "{code}");
    assert!(code.contains("/// ```text"), "{code}");
    assert!(!code.contains("///     sigue"), "{code}");
}

#[test]
fn schemars_derives_and_bounds_only_when_asked() {
    let yaml = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  Persona:\n    type: object\n    required: [nombre]\n    properties:\n      nombre: {type: string, minLength: 1, maxLength: 30, pattern: '^[A-Z]+$'}\n      edad: {type: integer, minimum: -1, maximum: 9999999999}\n      saldo: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 9999.5}\n      hijos: {type: array, maxItems: 3, items: {type: string}}\n      sexo: {type: string, enum: [H, M], maxLength: 1}\n";
    let loaded = crate::check_bytes("t.yaml", yaml.as_bytes(), &[]);
    let spec = loaded.spec.unwrap();
    let plain = to_rust(&spec, &RustOptions::default());
    assert!(!plain.contains("schemars"), "{plain}");
    let code = to_rust(
        &spec,
        &RustOptions {
            schemars: true,
            ..Default::default()
        },
    );
    for want in [
        "#[cfg_attr(feature = \"schemars\", derive(::schemars::JsonSchema))]\npub struct Persona {",
        "schemars(length(min = 1, max = 30), regex(pattern = \"^[A-Z]+$\"))",
        "schemars(range(min = -1i64, max = 9999999999i64))",
        // An exclusive bound is not a schemars range (those are inclusive).
        "schemars(range(max = 9999.5f64))",
        "schemars(length(max = 3))",
        "#[cfg(feature = \"schemars\")]\nimpl ::schemars::JsonSchema for Sexo {",
        r#"{"enum":["H","M"],"maxLength":1,"type":"string"}"#,
    ] {
        assert!(code.contains(want), "missing {want:?} in\n{code}");
    }
}
