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
