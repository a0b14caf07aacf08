//! `ref.dangling`: a `$ref` to a definition the spec does not have.

use crate::diag::Diagnostic;
use crate::model::{Schema, Spec, Type, TypeRef};

use crate::suggest::{closest_name, longest_shared_prefix};

pub(super) fn dangling(spec: &Spec, schemas: &[&Schema], found: &mut Vec<Diagnostic>) {
    let names: Vec<&str> = spec.types.iter().map(|t| t.name.as_str()).collect();
    for schema in schemas {
        let refs: Vec<&TypeRef> = match &schema.ty {
            Type::Ref(r) => vec![r],
            Type::Object(object) => object.all_of.iter().collect(),
            _ => continue,
        };
        for r in refs
            .into_iter()
            .filter(|r| !names.contains(&r.name.as_str()))
        {
            let hint = match closest_name(&r.name, names.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => match longest_shared_prefix(&r.name, &names) {
                    Some(near) => format!(
                        "did you mean `{near}`? If not, declare `definitions.{}` (an overlay can add it)",
                        r.name
                    ),
                    None => format!(
                        "no definition has a similar name; declare `definitions.{}` (an overlay can add it)",
                        r.name
                    ),
                },
            };
            found.push(
                Diagnostic::error(
                    "ref.dangling",
                    format!("`{}` refers to a definition that does not exist", r.pointer),
                )
                .at(r.pos)
                .path(schema.path.to_string())
                .hint(hint),
            );
        }
    }
}
