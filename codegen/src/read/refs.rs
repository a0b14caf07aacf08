//! Following references inside one document: `#/definitions/X` pointers, and the walk over a
//! schema and everything its `$ref` and `allOf` bring in. Every place that follows references
//! in a document tree goes through here, and every walk visits a schema at most once, so a
//! definition that refers to itself (`A: {allOf: [{$ref: A}]}`) ends the walk instead of
//! looping.

use std::collections::HashSet;

use crate::tree::Node;

/// `#/<section>/<name>` -> `name`, JSON-pointer and percent escapes decoded; `None` for anything
/// else (another file, a deeper pointer).
///
/// ```ignore
/// assert_eq!(local_ref("#/definitions/a~1b", "definitions").as_deref(), Some("a/b"));
/// ```
pub(crate) fn local_ref(pointer: &str, section: &str) -> Option<String> {
    let rest = pointer.strip_prefix('#')?.strip_prefix('/')?;
    let rest = rest.strip_prefix(section)?.strip_prefix('/')?;
    if rest.is_empty() || rest.contains('/') {
        return None;
    }
    Some(percent_decode(rest).replace("~1", "/").replace("~0", "~"))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// The definitions of a document, for following `$ref`s into them.
#[derive(Clone, Copy)]
pub(crate) struct Definitions<'d> {
    map: Option<&'d Node>,
}

impl<'d> Definitions<'d> {
    /// The `definitions` of `root` (none when `root` is absent or has none).
    pub(crate) fn of(root: Option<&'d Node>) -> Self {
        Definitions {
            map: root.and_then(|r| r.get("definitions")),
        }
    }

    /// The definition a `$ref` value points at.
    pub(crate) fn target(&self, pointer: &str) -> Option<&'d Node> {
        self.map?.get(&local_ref(pointer, "definitions")?)
    }

    /// `schema`, or the schema its chain of `$ref`s ends at (a chain that loops ends where it
    /// would come back).
    pub(crate) fn resolve(&self, schema: &'d Node) -> &'d Node {
        let mut seen: HashSet<*const Node> = HashSet::from([schema as *const Node]);
        let mut current = schema;
        while let Some(next) = current
            .get("$ref")
            .and_then(Node::as_str)
            .and_then(|p| self.target(p))
            .filter(|next| seen.insert(*next))
        {
            current = next;
        }
        current
    }

    /// `schema` and every schema its `allOf` members bring in, `$ref`s resolved, each once, in
    /// the order a merge lets them win: the schema itself, then its members from the last.
    pub(crate) fn with_all_of(&self, schema: &'d Node) -> AllOf<'d> {
        AllOf {
            definitions: *self,
            pending: vec![schema],
            seen: HashSet::new(),
        }
    }
}

/// The walk of [`Definitions::with_all_of`].
pub(crate) struct AllOf<'d> {
    definitions: Definitions<'d>,
    pending: Vec<&'d Node>,
    seen: HashSet<*const Node>,
}

impl<'d> Iterator for AllOf<'d> {
    type Item = &'d Node;

    fn next(&mut self) -> Option<&'d Node> {
        while let Some(next) = self.pending.pop() {
            let schema = self.definitions.resolve(next);
            if !self.seen.insert(schema) {
                continue;
            }
            if let Some(members) = schema.get("allOf").and_then(Node::as_seq) {
                self.pending.extend(members.iter());
            }
            return Some(schema);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::yaml;

    #[test]
    fn references_decode_their_escapes() {
        assert_eq!(
            local_ref("#/definitions/a~1b%20c", "definitions").as_deref(),
            Some("a/b c")
        );
        assert_eq!(
            local_ref("#/definitions/A/properties/x", "definitions"),
            None
        );
        assert_eq!(local_ref("other.yaml#/definitions/A", "definitions"), None);
        assert_eq!(local_ref("#/parameters/P", "definitions"), None);
    }

    #[test]
    fn walks_end_at_schemas_already_seen() {
        let text = "definitions:\n  A:\n    allOf:\n    - $ref: '#/definitions/A'\n    - $ref: '#/definitions/B'\n  B:\n    $ref: '#/definitions/C'\n  C:\n    $ref: '#/definitions/B'\n  D:\n    allOf:\n    - properties: {x: {}}\n    - $ref: '#/definitions/A'\n";
        let root = yaml::parse(text).unwrap().root;
        let definitions = Definitions::of(Some(&root));
        let d = root.get("definitions").unwrap();
        // B and C refer to each other: resolving stops where the chain would come back.
        let b = definitions.resolve(d.get("B").unwrap());
        assert!(std::ptr::eq(b, d.get("C").unwrap()));
        // D's allOf brings in its inline member, A (once, although A names itself) and C.
        assert_eq!(definitions.with_all_of(d.get("D").unwrap()).count(), 4);
        assert_eq!(definitions.with_all_of(d.get("A").unwrap()).count(), 2);
    }
}
