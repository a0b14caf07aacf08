//! Constraint lints: bounds no value can meet (`constraint.unsatisfiable`), keywords JSON Schema
//! cannot apply to the type (`constraint.inapplicable`), formats molde reads another way or not
//! at all (`format.nonstandard`).

use serde_json::Value as Json;

use crate::diag::{Diagnostic, Severity};
use crate::model::{Constraints, Keyword, ScalarKind, Schema, Type};
use crate::suggest::with_article;
use crate::tree::Pos;

use super::list;

/// Formats of Swagger 2.0 and JSON Schema that molde knows.
const KNOWN_FORMATS: [&str; 24] = [
    "int32",
    "int64",
    "float",
    "double",
    "byte",
    "binary",
    "date",
    "date-time",
    "time",
    "duration",
    "password",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "regex",
    "json-pointer",
];

pub(super) fn unsatisfiable(schema: &Schema, found: &mut Vec<Diagnostic>) {
    let c = &schema.constraints;
    let mut report = |pos: Pos, message: String, hint: &str| {
        found.push(
            Diagnostic::warning("constraint.unsatisfiable", message)
                .at(pos)
                .path(schema.path.to_string())
                .hint(hint),
        )
    };
    let fix = "fix the bound or the values (an overlay can)";
    if let (Some(min), Some(max)) = (applied(&c.min_length), applied(&c.max_length))
        && min.value > max.value
    {
        report(
            min.pos,
            format!(
                "minLength {} is greater than maxLength {}: no string has both",
                min.value, max.value
            ),
            fix,
        );
    }
    if let (Some(min), Some(max)) = (applied(&c.min_items), applied(&c.max_items))
        && min.value > max.value
    {
        report(
            min.pos,
            format!(
                "minItems {} is greater than maxItems {}: no array has both",
                min.value, max.value
            ),
            fix,
        );
    }
    if let (Some(min), Some(max)) = (applied(&c.minimum), applied(&c.maximum)) {
        let (lo, hi) = (min.value.as_f64(), max.value.as_f64());
        let exclusive = flag(&c.exclusive_minimum) || flag(&c.exclusive_maximum);
        if lo > hi || (lo == hi && exclusive) {
            report(
                min.pos,
                format!(
                    "minimum {} and maximum {} leave no value",
                    min.value, max.value
                ),
                fix,
            );
        }
    }
    let Type::Enum(enumeration) = &schema.ty else {
        return;
    };
    if enumeration.values.is_empty() {
        report(
            enumeration.pos,
            "`enum` lists no value: nothing is valid".to_string(),
            fix,
        );
        return;
    }
    let values: Vec<&Json> = enumeration.values.iter().map(|v| &v.value).collect();
    for rejection in enum_violations(c, &values) {
        // Values the catalogue table documents are what the vendor meant: the bound is the
        // likely mistake, and removing it is the overlay action that fixes it.
        let documented: Vec<&str> = enumeration
            .values
            .iter()
            .filter(|v| {
                let shown = match &v.value {
                    Json::String(s) => format!("`{s}`"),
                    other => other.to_string(),
                };
                rejection.values.contains(&shown)
            })
            .filter_map(|v| v.label.as_deref())
            .collect();
        let mut message = format!(
            "enum value(s) {} violate `{}: {}`: no payload can use them",
            list(&rejection.values),
            rejection.keyword,
            rejection.bound
        );
        let hint = if documented.len() == rejection.values.len() {
            message.push_str(&format!(
                "; the catalogue documents them ({}), so `{}` is the likely mistake",
                list(&documented.iter().map(|l| l.to_string()).collect::<Vec<_>>()),
                rejection.keyword
            ));
            let swagger = schema.path.segments().first().is_some_and(|s| {
                matches!(
                    s.as_str(),
                    "definitions" | "paths" | "parameters" | "responses"
                )
            });
            if swagger {
                format!(
                    "remove the bound with an overlay action: `- target: {}` / `remove: true`",
                    schema.path.child(rejection.keyword).json_path()
                )
            } else {
                format!(
                    "raise or drop `{}` where the document states it",
                    rejection.keyword
                )
            }
        } else {
            fix.to_string()
        };
        report(rejection.pos, message, &hint);
    }
}

/// An applicable bound and the enum values it rejects.
struct Rejection {
    keyword: &'static str,
    pos: Pos,
    bound: String,
    values: Vec<String>,
}

fn enum_violations(c: &Constraints, values: &[&Json]) -> Vec<Rejection> {
    let mut out = Vec::new();
    let mut check =
        |name: &'static str, pos: Pos, bound: String, rejects: &dyn Fn(&Json) -> bool| {
            let failing: Vec<String> = values
                .iter()
                .filter(|v| rejects(v))
                .map(|v| match v {
                    Json::String(s) => format!("`{s}`"),
                    other => other.to_string(),
                })
                .collect();
            if !failing.is_empty() {
                out.push(Rejection {
                    keyword: name,
                    pos,
                    bound,
                    values: failing,
                });
            }
        };
    let length = |v: &Json| v.as_str().map(|s| s.chars().count() as u64);
    if let Some(k) = applied(&c.max_length) {
        check("maxLength", k.pos, k.value.to_string(), &|v| {
            length(v).is_some_and(|n| n > k.value)
        });
    }
    if let Some(k) = applied(&c.min_length) {
        check("minLength", k.pos, k.value.to_string(), &|v| {
            length(v).is_some_and(|n| n < k.value)
        });
    }
    if let Some(k) = applied(&c.maximum) {
        let (bound, exclusive) = (
            k.value.as_f64().unwrap_or(f64::INFINITY),
            flag(&c.exclusive_maximum),
        );
        check("maximum", k.pos, k.value.to_string(), &|v| {
            v.as_f64()
                .is_some_and(|n| n > bound || (exclusive && n == bound))
        });
    }
    if let Some(k) = applied(&c.minimum) {
        let (bound, exclusive) = (
            k.value.as_f64().unwrap_or(f64::NEG_INFINITY),
            flag(&c.exclusive_minimum),
        );
        check("minimum", k.pos, k.value.to_string(), &|v| {
            v.as_f64()
                .is_some_and(|n| n < bound || (exclusive && n == bound))
        });
    }
    if let Some(k) = applied(&c.multiple_of) {
        let step = k.value.as_f64().unwrap_or(0.0);
        check("multipleOf", k.pos, k.value.to_string(), &|v| {
            v.as_f64().is_some_and(|n| {
                step > 0.0 && ((n / step).round() * step - n).abs() > 1e-9 * n.abs().max(1.0)
            })
        });
    }
    out
}

pub(super) fn inapplicable(schema: &Schema, found: &mut Vec<Diagnostic>) {
    let kind = schema.ty.scalar_kind();
    let c = &schema.constraints;
    for (name, pos, applicable) in c.keywords() {
        if applicable {
            continue;
        }
        let what = kind.map_or_else(|| type_name(&schema.ty), ScalarKind::as_str);
        let hint = match (name, kind) {
            ("maxLength", Some(ScalarKind::Integer | ScalarKind::Number)) => {
                let digits = c.max_length.as_ref().map_or(0, |k| k.value);
                match 10u64.checked_pow(digits as u32) {
                    Some(limit) if digits > 0 => format!(
                        "to bound the number of digits, use `maximum: {}`; or make it a string",
                        limit - 1
                    ),
                    _ => "use `minimum`/`maximum` to bound a number".to_string(),
                }
            }
            ("minLength", Some(ScalarKind::Integer | ScalarKind::Number)) => {
                "use `minimum` to bound a number".to_string()
            }
            _ => format!(
                "`{name}` has no effect on {}; remove it",
                with_article(what)
            ),
        };
        // `uniqueItems: true` on a scalar says nothing the author meant; lengths on a number do.
        let severity = if name == "uniqueItems" {
            Severity::Info
        } else {
            Severity::Warning
        };
        found.push(
            Diagnostic::new(
                severity,
                "constraint.inapplicable",
                format!(
                    "`{name}` does not apply to {}; molde leaves it out of the emitted schema",
                    with_article(what)
                ),
            )
            .at(pos)
            .path(schema.path.to_string())
            .hint(hint),
        );
    }
}

pub(super) fn nonstandard_format(schema: &Schema, found: &mut Vec<Diagnostic>) {
    let Some(format) = &schema.constraints.format else {
        return;
    };
    let (message, hint) = match &format.value.written {
        Some(written) => (
            format!(
                "format `{written}` is not a standard format; molde reads it as `{}`",
                format.value.name
            ),
            format!("write `format: {}`", format.value.name),
        ),
        None if KNOWN_FORMATS.contains(&format.value.name.as_str()) => return,
        None => (
            format!(
                "format `{}` is not one molde knows; values are not checked against it",
                format.value.name
            ),
            "use a standard format (date, date-time, email, uuid...) or a `pattern`".to_string(),
        ),
    };
    found.push(
        Diagnostic::info("format.nonstandard", message)
            .at(format.pos)
            .path(schema.path.to_string())
            .hint(hint),
    );
}

fn applied<T>(keyword: &Option<Keyword<T>>) -> Option<&Keyword<T>> {
    keyword.as_ref().filter(|k| k.applicable)
}

fn flag(keyword: &Option<Keyword<bool>>) -> bool {
    applied(keyword).is_some_and(|k| k.value)
}

/// `a string`, `an integer`.
fn type_name(ty: &Type) -> &'static str {
    match ty {
        Type::Object(_) => "object",
        Type::Array(_) => "array",
        Type::Enum(_) | Type::Scalar { .. } => "scalar",
        Type::Ref(_) | Type::Recursive(_) => "reference",
        Type::Any => "value",
    }
}
