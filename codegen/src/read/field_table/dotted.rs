//! Flat tables that write the nesting into the names (`owner.name`, `items[].sku`,
//! `items[0].sku`): each dot opens the field before it, `[]` makes it a list. A parent the
//! table never lists gets a field of its own (an object, or a list of objects).

use super::Cell;
use super::tree::FieldNode;

/// Whether some row of a flat table writes a path (`owner.name`) as its name.
pub(super) fn writes_paths(rows: &[FieldNode]) -> bool {
    rows.iter().any(|r| segments(&r.name).len() > 1)
}

/// `items[].sku` -> `[("items", true), ("sku", false)]`: each name, and whether it is a list.
fn segments(name: &str) -> Vec<(String, bool)> {
    if name.contains(char::is_whitespace) {
        return vec![(name.to_string(), false)];
    }
    let parts: Vec<&str> = name.split('.').collect();
    if parts.len() < 2 || parts.iter().any(|p| p.is_empty()) {
        return vec![(name.to_string(), false)];
    }
    parts
        .iter()
        .map(|p| match p.find('[') {
            Some(open) if p.ends_with(']') => (p[..open].to_string(), true),
            _ => (p.to_string(), false),
        })
        .collect()
}

/// The rows nested as their names say, in table order.
pub(super) fn nest(rows: Vec<FieldNode>) -> Vec<FieldNode> {
    let mut roots: Vec<FieldNode> = Vec::new();
    for mut row in rows {
        let mut path = segments(&row.name);
        let (last, last_is_list) = path.pop().expect("a name has a segment");
        let mut level = &mut roots;
        for (depth, (name, is_list)) in path.iter().enumerate() {
            let at = match level.iter().position(|n| n.name == *name) {
                Some(at) => at,
                None => {
                    level.push(FieldNode {
                        name: name.clone(),
                        cell: row.cell.clone(),
                        depth,
                        ..FieldNode::default()
                    });
                    level.len() - 1
                }
            };
            let parent = &mut level[at];
            if *is_list && parent.ty.is_none() {
                parent.ty = Some(Cell {
                    text: "Array".into(),
                    ..row.cell.clone()
                });
            }
            level = &mut parent.children;
        }
        row.name = last;
        row.depth = path.len();
        if last_is_list && row.ty.is_none() {
            row.ty = Some(Cell {
                text: "Array".into(),
                ..row.cell.clone()
            });
        }
        // A parent listed after its children (or opened by them first) takes the row's words.
        match level
            .iter_mut()
            .find(|n| n.name == row.name && n.ty.is_none() && n.description.is_none())
        {
            Some(opened) if !opened.children.is_empty() => {
                let children = std::mem::take(&mut opened.children);
                *opened = row;
                opened.children.splice(0..0, children);
            }
            _ => level.push(row),
        }
    }
    roots
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, ty: &str) -> FieldNode {
        FieldNode {
            name: name.into(),
            ty: (!ty.is_empty()).then(|| Cell {
                text: ty.into(),
                ..Cell::default()
            }),
            ..FieldNode::default()
        }
    }

    fn shape(nodes: &[FieldNode]) -> String {
        nodes
            .iter()
            .map(|n| {
                let ty = n.ty.as_ref().map_or("", |c| c.text.as_str());
                if n.children.is_empty() {
                    format!("{}:{ty}", n.name)
                } else {
                    format!("{}:{ty}({})", n.name, shape(&n.children))
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn dots_open_objects_and_brackets_open_lists() {
        let rows = vec![
            row("owner", "object"),
            row("owner.name", "string"),
            row("items[].sku", "string"),
            row("items[].qty", "integer"),
            row("meta.source.id", "string"),
            row("total", "number"),
        ];
        assert!(writes_paths(&rows));
        assert_eq!(
            shape(&nest(rows)),
            "owner:object(name:string) items:Array(sku:string qty:integer) meta:(source:(id:string)) total:number"
        );
    }

    #[test]
    fn a_parent_listed_after_its_children_keeps_them() {
        let rows = vec![row("a.b", "string"), row("a", "object")];
        assert_eq!(shape(&nest(rows)), "a:object(b:string)");
    }

    #[test]
    fn names_that_are_not_paths() {
        for name in ["total", "v1.", ".x", "no es.ruta"] {
            assert!(!writes_paths(&[row(name, "")]), "{name}");
        }
    }
}
