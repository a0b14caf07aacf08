//! `required.undeclared`: a name in `required` that no property declares.

use crate::diag::Diagnostic;
use crate::model::{Schema, Type};

use crate::suggest::closest_name;

pub(super) fn undeclared(schema: &Schema, found: &mut Vec<Diagnostic>) {
    let Type::Object(object) = &schema.ty else {
        return;
    };
    for name in &object.required {
        if object.field(&name.name).is_some() {
            continue;
        }
        let fields = object.fields.iter().map(|f| f.name.as_str());
        let hint = match closest_name(&name.name, fields) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!(
                "declare `{}` under `properties`, or remove it from `required`",
                name.name
            ),
        };
        found.push(
            Diagnostic::warning(
                "required.undeclared",
                format!(
                    "`{}` is required, but `{}` declares no such property",
                    name.name, schema.path
                ),
            )
            .at(name.pos)
            .path(schema.path.child("required").to_string())
            .hint(hint),
        );
    }
}

/// `required.read-only`: a `readOnly` property listed in `required`. Swagger 2.0 says such a
/// property SHOULD NOT be required: the server sends it, so a request that leaves it out (as
/// it must) would fail the schema.
pub(super) fn read_only(schema: &Schema, found: &mut Vec<Diagnostic>) {
    let Type::Object(object) = &schema.ty else {
        return;
    };
    for name in &object.required {
        let Some(field) = object.field(&name.name).filter(|f| f.schema.read_only) else {
            continue;
        };
        found.push(
            Diagnostic::warning(
                "required.read-only",
                format!("`{}` is `readOnly` and also required", field.name),
            )
            .at(name.pos)
            .path(schema.path.child("required").to_string())
            .hint(format!(
                "a client cannot send `{}`; drop it from `required`, or drop `readOnly`",
                field.name
            )),
        );
    }
}

/// `discriminator.not-required`: the property a `discriminator` names is not in `required`
/// (Swagger 2.0 requires it: without it a reader cannot tell which subtype it holds).
pub(super) fn discriminator(schema: &Schema, found: &mut Vec<Diagnostic>) {
    let Type::Object(object) = &schema.ty else {
        return;
    };
    let Some(discriminator) = &object.discriminator else {
        return;
    };
    if object.required.iter().any(|n| n.name == discriminator.name) {
        return;
    }
    let declared = object.field(&discriminator.name).is_some();
    found.push(
        Diagnostic::warning(
            "discriminator.not-required",
            format!(
                "the discriminator `{}` is not in `required`{}",
                discriminator.name,
                if declared { "" } else { ", nor declared" }
            ),
        )
        .at(discriminator.pos)
        .path(schema.path.child("discriminator").to_string())
        .hint(format!(
            "add `{}` to `required` (and declare it under `properties`): every subtype must carry it",
            discriminator.name
        )),
    );
}
