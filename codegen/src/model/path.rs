//! Model paths: where in a spec a model element was declared, as the keys (and list indexes)
//! from the document root. Kept as segments so that a name holding a dot
//! (`io.k8s.api.core.v1.Pod`, the Kubernetes convention) stays one segment.

use std::fmt;

use serde::{Serialize, Serializer};

/// The keys from the document root to a model element: `definitions` / `Persona` /
/// `properties` / `nombre`. Displayed dotted for people
/// (`definitions.Persona.properties.nombre`), serialized as an RFC 6901 JSON pointer
/// (`/definitions/Persona/properties/nombre`) for machines.
///
/// ```
/// use molde_codegen::model::ModelPath;
/// let pod = ModelPath::from(["definitions", "io.k8s.api.core.v1.Pod"]).child("properties").child("spec");
/// assert_eq!(pod.segments().len(), 4);
/// assert_eq!(pod.to_string(), "definitions.io.k8s.api.core.v1.Pod.properties.spec");
/// assert_eq!(pod.to_pointer(), "/definitions/io.k8s.api.core.v1.Pod/properties/spec");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModelPath(Vec<String>);

impl ModelPath {
    /// The document root.
    pub fn root() -> Self {
        ModelPath(Vec::new())
    }

    /// This path with `segment` appended.
    pub fn child(&self, segment: impl Into<String>) -> Self {
        let mut segments = Vec::with_capacity(self.0.len() + 1);
        segments.extend(self.0.iter().cloned());
        segments.push(segment.into());
        ModelPath(segments)
    }

    /// This path with every segment of `tail` appended.
    pub fn join<S: AsRef<str>>(&self, tail: &[S]) -> Self {
        let mut out = self.clone();
        out.0.extend(tail.iter().map(|s| s.as_ref().to_string()));
        out
    }

    /// The RFC 9535 JSONPath an overlay action targets this place with: `$.definitions.X`,
    /// names that are not plain identifiers in brackets (`$.paths['/users'].get`).
    ///
    /// ```
    /// use molde_codegen::model::ModelPath;
    /// let p = ModelPath::from(["paths", "/users", "get"]);
    /// assert_eq!(p.json_path(), "$.paths['/users'].get");
    /// ```
    pub fn json_path(&self) -> String {
        let mut out = String::from("$");
        for s in &self.0 {
            let plain = s
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if plain {
                out.push('.');
                out.push_str(s);
            } else {
                out.push_str(&format!(
                    "['{}']",
                    s.replace('\\', "\\\\").replace('\'', "\\'")
                ));
            }
        }
        out
    }

    pub fn segments(&self) -> &[String] {
        &self.0
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// True when `prefix` is this path or one of its ancestors.
    pub fn starts_with(&self, prefix: &ModelPath) -> bool {
        self.0.starts_with(&prefix.0)
    }

    /// The path as an RFC 6901 JSON pointer (`~` and `/` escaped; the root is `""`).
    pub fn to_pointer(&self) -> String {
        let mut out = String::new();
        for segment in &self.0 {
            out.push('/');
            out.push_str(&segment.replace('~', "~0").replace('/', "~1"));
        }
        out
    }
}

impl<S: Into<String>, const N: usize> From<[S; N]> for ModelPath {
    fn from(segments: [S; N]) -> Self {
        ModelPath(segments.into_iter().map(Into::into).collect())
    }
}

impl From<Vec<String>> for ModelPath {
    fn from(segments: Vec<String>) -> Self {
        ModelPath(segments)
    }
}

impl fmt::Display for ModelPath {
    /// Dotted, as diagnostics show it; empty for the root.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            f.write_str(segment)?;
        }
        Ok(())
    }
}

impl Serialize for ModelPath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_pointer())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_keep_dots_and_slashes() {
        let path = ModelPath::from(["paths", "/a/{id}", "get"]).child("responses");
        assert_eq!(path.to_string(), "paths./a/{id}.get.responses");
        assert_eq!(path.to_pointer(), "/paths/~1a~1{id}/get/responses");
        assert!(path.starts_with(&ModelPath::from(["paths", "/a/{id}"])));
        assert!(!path.starts_with(&ModelPath::from(["paths", "/a"])));
        assert_eq!(ModelPath::root().to_pointer(), "");
        assert_eq!(
            serde_json::to_string(&ModelPath::from(["a~b"])).unwrap(),
            "\"/a~0b\""
        );
    }
}
