//! The plan written out as Rust tokens (quote); [`super::to_rust`] formats them.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use super::RustOptions;
use super::plan::{
    Checks, EnumItem, FieldItem, Item, NewtypeItem, OperationItem, Plan, Presence, StructItem, Ty,
};

/// The whole module: the embedded schema, every item, then the operations.
pub(super) fn module(plan: &Plan, options: &RustOptions) -> TokenStream {
    let schema = raw_string(&plan.schema_text);
    let items = plan.items.iter().map(|item| match item {
        Item::Struct(s) => struct_item(s, plan, options),
        Item::Enum(e) => enum_item(e, options),
        Item::Newtype(n) => newtype_item(n, plan, options),
    });
    let operations = if plan.operations.is_empty() {
        quote! {}
    } else {
        let modules = plan
            .operations
            .iter()
            .map(|op| operation_module(op, plan, options));
        quote! {
            /// One module per operation of the spec: its method and path, the types of its
            /// request and responses, and its header and query parameters.
            pub mod operations {
                #(#modules)*
            }
        }
    };
    // A spec without types (only operations without bodies) has nothing to check.
    let checked = plan.items.iter().any(|item| match item {
        Item::Struct(s) => s.pointer.is_some(),
        Item::Enum(e) => e.pointer.is_some(),
        Item::Newtype(n) => n.pointer.is_some(),
    });
    let contract = checked.then(|| {
        quote! {
            static CONTRACT: ::molde_validator::generated::Contract =
                ::molde_validator::generated::Contract::new(SCHEMA);
        }
    });
    quote! {
        /// The spec's JSON Schema as molde emitted it: what `validate` and `from_json` check.
        pub const SCHEMA: &str = #schema;

        #contract

        #(#items)*

        #operations
    }
}

/// `text` as a raw string literal (`r#"..."#`, with as many `#` as it needs), so the embedded
/// schema reads as JSON, one member per line.
fn raw_string(text: &str) -> Literal {
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}")
        .parse()
        .expect("a raw string literal with enough `#` parses")
}

/// An identifier, raw (`r#type`) when the plan escaped a keyword.
fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc = ...]` lines. Vendor text is made safe for rustdoc and clippy: no line is read as
/// a list item, an indented code block or a Rust code fence (doctests would compile it).
fn docs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| {
        let text = safe_doc_line(line);
        let text = if text.is_empty() {
            String::new()
        } else {
            format!(" {text}")
        };
        quote! { #[doc = #text] }
    });
    quote! { #(#lines)* }
}

fn safe_doc_line(line: &str) -> String {
    let line = line.replace('\t', "    ");
    let trimmed = line.trim();
    // A fence with no language (or `rust`) would be a doctest.
    if let Some(rest) = trimmed
        .strip_prefix("```")
        .or_else(|| trimmed.strip_prefix("~~~"))
    {
        let fence = &trimmed[..3];
        return if rest.trim().is_empty() || rest.trim() == "rust" {
            format!("{fence}text")
        } else {
            trimmed.to_string()
        };
    }
    // `- item`, `* item`, `+ item`, `1. item`: escaped, so continuation lines are not lazy.
    let bytes = trimmed.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let list = matches!(bytes.first(), Some(b'-' | b'*' | b'+')) && bytes.get(1) == Some(&b' ')
        || (digits > 0
            && matches!(bytes.get(digits), Some(b'.' | b')'))
            && bytes.get(digits + 1).is_none_or(|b| *b == b' '));
    if list {
        format!("\\{trimmed}")
    } else {
        trimmed.to_string()
    }
}

/// The tokens of a type, named types prefixed with `prefix` (`super::super::` inside an
/// operation's module).
fn ty(t: &Ty, prefix: &TokenStream) -> TokenStream {
    match t {
        Ty::String => quote! { ::std::string::String },
        Ty::I64 => quote! { i64 },
        Ty::F64 => quote! { f64 },
        Ty::Bool => quote! { bool },
        Ty::Value => quote! { ::serde_json::Value },
        Ty::Vec(inner) => {
            let inner = ty(inner, prefix);
            quote! { ::std::vec::Vec<#inner> }
        }
        Ty::Map(inner) => {
            let inner = ty(inner, prefix);
            quote! { ::std::collections::BTreeMap<::std::string::String, #inner> }
        }
        Ty::Option(inner) => {
            let inner = ty(inner, prefix);
            quote! { ::std::option::Option<#inner> }
        }
        Ty::Boxed(inner) => {
            let inner = ty(inner, prefix);
            quote! { ::std::boxed::Box<#inner> }
        }
        Ty::Named(name) => {
            let name = ident(name);
            quote! { #prefix #name }
        }
    }
}

/// The derives of a struct or newtype.
fn derives(name: &str, plan: &Plan, options: &RustOptions) -> TokenStream {
    let schemars = schemars_derive(options);
    let eq = plan.eq.contains(name).then(|| quote! { ::std::cmp::Eq, });
    let default = plan
        .default
        .contains(name)
        .then(|| quote! { ::std::default::Default, });
    quote! {
        #[derive(
            ::std::clone::Clone,
            ::std::fmt::Debug,
            ::std::cmp::PartialEq,
            #eq
            #default
            ::serde::Serialize,
            ::serde::Deserialize,
        )]
        #schemars
    }
}

/// `derive(JsonSchema)` when the user's crate enables its `schemars` feature.
fn schemars_derive(options: &RustOptions) -> TokenStream {
    if options.schemars {
        quote! { #[cfg_attr(feature = "schemars", derive(::schemars::JsonSchema))] }
    } else {
        quote! {}
    }
}

/// A JSON number as the tokens of a suffixed Rust literal (`-5i64`, `999.5f64`): schemars
/// places it in an expression where an unsuffixed integer would be an `i32`.
fn number(value: &serde_json::Value) -> Option<TokenStream> {
    if let Some(i) = value.as_i64() {
        let magnitude = Literal::i64_suffixed(i.unsigned_abs() as i64);
        return Some(match i {
            i64::MIN => quote! { ::std::primitive::i64::MIN },
            i if i < 0 => quote! { - #magnitude },
            _ => quote! { #magnitude },
        });
    }
    if let Some(u) = value.as_u64() {
        let literal = Literal::u64_suffixed(u);
        return Some(quote! { #literal });
    }
    let f = value.as_f64().filter(|f| f.is_finite())?;
    let magnitude = Literal::f64_suffixed(f.abs());
    Some(if f < 0.0 {
        quote! { - #magnitude }
    } else {
        quote! { #magnitude }
    })
}

/// schemars' validation attributes for a value of type `ty` (`length` on strings and lists,
/// `range` on numbers, `regex` on strings), so a schema the user derives keeps the spec's
/// bounds; nothing when the option is off or nothing applies.
fn schemars_checks(checks: &Checks, ty: &Ty, options: &RustOptions) -> TokenStream {
    if !options.schemars || checks.is_empty() {
        return quote! {};
    }
    let mut ty = ty;
    while let Ty::Option(inner) | Ty::Boxed(inner) = ty {
        ty = inner;
    }
    let stringy = matches!(ty, Ty::String);
    let numeric = matches!(ty, Ty::I64 | Ty::F64);
    let mut parts = Vec::new();
    if stringy || matches!(ty, Ty::Vec(_)) {
        let bound = |name: &str, v: Option<u64>| {
            v.map(|v| {
                let name = Ident::new(name, Span::call_site());
                let v = Literal::u64_unsuffixed(v);
                quote! { #name = #v }
            })
        };
        let bounds: Vec<TokenStream> =
            [bound("min", checks.length.0), bound("max", checks.length.1)]
                .into_iter()
                .flatten()
                .collect();
        if !bounds.is_empty() {
            parts.push(quote! { length(#(#bounds),*) });
        }
    }
    if numeric {
        let bound = |name: &str, v: &Option<serde_json::Value>| {
            let v = number(v.as_ref()?)?;
            let name = Ident::new(name, Span::call_site());
            Some(quote! { #name = #v })
        };
        let bounds: Vec<TokenStream> =
            [bound("min", &checks.range.0), bound("max", &checks.range.1)]
                .into_iter()
                .flatten()
                .collect();
        if !bounds.is_empty() {
            parts.push(quote! { range(#(#bounds),*) });
        }
    }
    if let (true, Some(pattern)) = (stringy, &checks.pattern) {
        parts.push(quote! { regex(pattern = #pattern) });
    }
    if parts.is_empty() {
        return quote! {};
    }
    quote! { #[cfg_attr(feature = "schemars", schemars(#(#parts),*))] }
}

fn field(f: &FieldItem, prefix: &TokenStream, options: &RustOptions) -> TokenStream {
    let doc = docs(&f.doc);
    let checks = schemars_checks(&f.checks, &f.ty, options);
    let name = ident(&f.ident);
    let value = ty(&f.ty, prefix);
    let rename = (f.ident.trim_start_matches("r#") != f.wire).then(|| {
        let wire = &f.wire;
        quote! { rename = #wire, }
    });
    match f.presence {
        Presence::Required => {
            let attr = rename.map(|r| quote! { #[serde(#r)] });
            quote! { #doc #attr #checks pub #name: #value, }
        }
        Presence::RequiredNullable => {
            let attr = rename.map(|r| quote! { #[serde(#r)] });
            quote! { #doc #attr #checks pub #name: ::std::option::Option<#value>, }
        }
        Presence::Optional => quote! {
            #doc
            #[serde(#rename default, skip_serializing_if = "::std::option::Option::is_none")]
            #checks
            pub #name: ::std::option::Option<#value>,
        },
    }
}

/// `validate` and `from_json`, and the `SpecType` impl that says where the type's schema is,
/// when the type has a place in the schema.
fn contract_methods(name: &Ident, pointer: Option<&String>) -> TokenStream {
    let Some(pointer) = pointer else {
        return quote! {};
    };
    quote! {
        impl #name {
            /// Every violation of this type's schema by this value (pointers and keywords as
            /// `molde validate` reports them; a value built in Rust has no line or column).
            pub fn validate(
                &self,
            ) -> ::std::result::Result<(), ::std::vec::Vec<::molde_validator::Violation>> {
                ::molde_validator::generated::SpecType::validate(self)
            }

            /// The value of `bytes`, checked against this type's schema first: a payload that
            /// breaks it gives every violation, with its line and column.
            pub fn from_json(
                bytes: &[u8],
            ) -> ::std::result::Result<Self, ::molde_validator::generated::FromJsonError> {
                <Self as ::molde_validator::generated::SpecType>::from_json(bytes)
            }
        }

        impl ::molde_validator::generated::SpecType for #name {
            const SCHEMA_POINTER: &'static str = #pointer;

            fn contract() -> &'static ::molde_validator::generated::Contract {
                &CONTRACT
            }
        }
    }
}

fn struct_item(s: &StructItem, plan: &Plan, options: &RustOptions) -> TokenStream {
    let doc = docs(&s.doc);
    let name = ident(&s.name);
    let derives = derives(&s.name, plan, options);
    let here = quote! {};
    let fields = s.fields.iter().map(|f| field(f, &here, options));
    let additional = s.additional.as_ref().map(|(field_name, value)| {
        let field_name = ident(field_name);
        let value = ty(value, &here);
        quote! {
            /// Members the spec does not declare, kept so that a payload round-trips.
            #[serde(flatten)]
            pub #field_name: ::std::collections::BTreeMap<::std::string::String, #value>,
        }
    });
    let closed = s.closed.then(|| quote! { #[serde(deny_unknown_fields)] });
    let methods = contract_methods(&name, s.pointer.as_ref());
    quote! {
        #doc
        #derives
        #closed
        pub struct #name {
            #(#fields)*
            #additional
        }

        #methods
    }
}

fn newtype_item(n: &NewtypeItem, plan: &Plan, options: &RustOptions) -> TokenStream {
    let doc = docs(&n.doc);
    let name = ident(&n.name);
    let derives = derives(&n.name, plan, options);
    let inner = ty(&n.ty, &quote! {});
    let checks = schemars_checks(&n.checks, &n.ty, options);
    let methods = contract_methods(&name, n.pointer.as_ref());
    quote! {
        #doc
        #derives
        #[serde(transparent)]
        pub struct #name(#checks pub #inner);

        #methods
    }
}

/// Whether clippy's `enum_variant_names` would fire: every variant starts (or ends) with the
/// same word, or with the enum's name.
fn shared_affix(e: &EnumItem) -> bool {
    let words = |s: &str| -> Vec<String> {
        let mut out = Vec::new();
        let mut current = String::new();
        for c in s.chars() {
            if c.is_ascii_uppercase() && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            current.push(c);
        }
        if !current.is_empty() {
            out.push(current);
        }
        out
    };
    if e.variants.len() < 3 {
        return e
            .variants
            .iter()
            .any(|v| v.ident.starts_with(&e.name) || v.ident.ends_with(&e.name));
    }
    let all: Vec<Vec<String>> = e
        .variants
        .iter()
        .map(|v| words(v.ident.trim_start_matches("r#")))
        .collect();
    let first = all[0].first().cloned();
    let last = all[0].last().cloned();
    let same_first = all
        .iter()
        .all(|w| w.len() > 1 && w.first() == first.as_ref());
    let same_last = all.iter().all(|w| w.len() > 1 && w.last() == last.as_ref());
    let named = e
        .variants
        .iter()
        .any(|v| v.ident.starts_with(&e.name) || v.ident.ends_with(&e.name));
    same_first || same_last || named
}

/// `JsonSchema` for an enum (its serde impls are written by hand, so schemars cannot derive
/// it): the codes the spec lists, or only their type for an open enum.
fn enum_schema(e: &EnumItem, options: &RustOptions) -> TokenStream {
    if !options.schemars {
        return quote! {};
    }
    let name = ident(&e.name);
    let name_text = &e.name;
    let schema = raw_string(&serde_json::to_string(&e.schema).expect("JSON serializes"));
    quote! {
        #[cfg(feature = "schemars")]
        impl ::schemars::JsonSchema for #name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(#name_text)
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::serde_json::from_str(#schema).expect("the enum's schema is JSON molde wrote")
            }
        }
    }
}

fn enum_item(e: &EnumItem, options: &RustOptions) -> TokenStream {
    let schema = enum_schema(e, options);
    let doc = docs(&e.doc);
    let name = ident(&e.name);
    let name_text = &e.name;
    let variants: Vec<Ident> = e.variants.iter().map(|v| ident(&v.ident)).collect();
    let variant_docs = e.variants.iter().map(|v| docs(v.doc.as_slice()));
    let methods = contract_methods(&name, e.pointer.as_ref());
    let allow = shared_affix(e).then(|| quote! { #[allow(clippy::enum_variant_names)] });
    let (other_variant, copy) = match (e.open, e.integer) {
        (false, _) => (quote! {}, quote! { ::std::marker::Copy, }),
        (true, false) => (
            quote! {
                /// A code the spec does not list.
                Other(::std::string::String),
            },
            quote! {},
        ),
        (true, true) => (
            quote! {
                /// A code the spec does not list.
                Other(i64),
            },
            quote! { ::std::marker::Copy, },
        ),
    };
    let all = (!e.open).then(|| {
        quote! {
            /// Every code the spec lists, in its order.
            pub const ALL: &'static [Self] = &[#(Self::#variants),*];
        }
    });
    let wire = if e.integer {
        let codes: Vec<i64> = e
            .variants
            .iter()
            .map(|v| {
                v.code
                    .as_i64()
                    .expect("the plan keeps integer enums to i64 codes")
            })
            .collect();
        let other_code = e.open.then(|| quote! { Self::Other(code) => *code, });
        let other_from = if e.open {
            quote! { other => Ok(Self::Other(other)), }
        } else {
            quote! {
                other => Err(::molde_validator::generated::UnknownCode {
                    code: other.to_string(),
                    of: #name_text,
                }),
            }
        };
        quote! {
            impl #name {
                /// The code on the wire.
                pub fn code(&self) -> i64 {
                    match self {
                        #(Self::#variants => #codes,)*
                        #other_code
                    }
                }
                #all
            }

            #methods

            impl ::std::convert::TryFrom<i64> for #name {
                type Error = ::molde_validator::generated::UnknownCode;

                fn try_from(code: i64) -> ::std::result::Result<Self, Self::Error> {
                    match code {
                        #(#codes => Ok(Self::#variants),)*
                        #other_from
                    }
                }
            }

            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    write!(f, "{}", self.code())
                }
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_i64(self.code())
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::std::result::Result<Self, D::Error> {
                    let code = <i64 as ::serde::Deserialize>::deserialize(deserializer)?;
                    Self::try_from(code).map_err(::serde::de::Error::custom)
                }
            }
        }
    } else {
        let codes: Vec<&str> = e
            .variants
            .iter()
            .map(|v| {
                v.code
                    .as_str()
                    .expect("the plan keeps string enums to string codes")
            })
            .collect();
        let other_str = e.open.then(|| quote! { Self::Other(code) => code, });
        let other_parse = if e.open {
            quote! { other => Ok(Self::Other(other.to_string())), }
        } else {
            quote! {
                other => Err(::molde_validator::generated::UnknownCode {
                    code: other.to_string(),
                    of: #name_text,
                }),
            }
        };
        quote! {
            impl #name {
                /// The code on the wire.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(Self::#variants => #codes,)*
                        #other_str
                    }
                }
                #all
            }

            #methods

            impl ::std::str::FromStr for #name {
                type Err = ::molde_validator::generated::UnknownCode;

                fn from_str(code: &str) -> ::std::result::Result<Self, Self::Err> {
                    match code {
                        #(#codes => Ok(Self::#variants),)*
                        #other_parse
                    }
                }
            }

            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::std::result::Result<Self, D::Error> {
                    let code = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                    code.parse().map_err(::serde::de::Error::custom)
                }
            }
        }
    };
    quote! {
        #doc
        #[derive(
            ::std::clone::Clone,
            #copy
            ::std::fmt::Debug,
            ::std::cmp::PartialEq,
            ::std::cmp::Eq,
            ::std::hash::Hash,
        )]
        #allow
        pub enum #name {
            #(#variant_docs #variants,)*
            #other_variant
        }

        #wire

        #schema
    }
}

fn operation_module(op: &OperationItem, plan: &Plan, options: &RustOptions) -> TokenStream {
    let doc = docs(&op.doc);
    let module = ident(&op.module);
    let method = &op.method;
    let path = &op.path;
    let up = quote! { super::super:: };
    let request = op.request.as_ref().map(|t| {
        let t = ty(t, &up);
        quote! {
            /// The type of the request body.
            pub type Request = #t;
        }
    });
    let responses = op.responses.iter().map(|(alias, status, t)| {
        let alias = ident(alias);
        let t = ty(t, &up);
        let doc = format!(" The type of the `{status}` response's body.");
        quote! {
            #[doc = #doc]
            pub type #alias = #t;
        }
    });
    let parameters = |name: &str, what: &str, items: &[super::plan::ParameterItem]| {
        if items.is_empty() {
            return quote! {};
        }
        let name = ident(name);
        let doc = format!(" The {what} parameters, by their wire names.");
        let schemars = schemars_derive(options);
        let fields = items.iter().map(|p| field(&p.field, &up, options));
        let eq = items
            .iter()
            .all(|p| super::plan::exact(&p.field.ty, &plan.eq))
            .then(|| quote! { ::std::cmp::Eq, });
        quote! {
            #[doc = #doc]
            #[derive(
                ::std::clone::Clone,
                ::std::fmt::Debug,
                ::std::cmp::PartialEq,
                #eq
                ::serde::Serialize,
                ::serde::Deserialize,
            )]
            #schemars
            pub struct #name {
                #(#fields)*
            }
        }
    };
    let headers = parameters("Headers", "header", &op.headers);
    let query = parameters("Query", "query", &op.query);
    quote! {
        #doc
        pub mod #module {
            /// The HTTP method.
            pub const METHOD: &str = #method;
            /// The path, as the spec writes it (relative to its base path).
            pub const PATH: &str = #path;
            #request
            #(#responses)*
            #headers
            #query
        }
    }
}
