//! The open objects: a stack of frames, each a mapping typed by the Swagger 2.0 grammar or a
//! list, with what has been placed in it so far.

use crate::read::grammar::{Elem, Kind};
use crate::tree::Node;

/// What a list holds so far, to keep its members alike.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Member {
    Scalar,
    Map,
    Seq,
}

/// The keys placed in an open mapping, in order, with an index: a `paths` map can hold
/// thousands, and every new key asks whether it is already there.
#[derive(Debug, Default)]
pub(super) struct Keys {
    pub(super) order: Vec<String>,
    pub(super) index: std::collections::HashSet<String>,
}

impl Keys {
    pub(super) fn contains(&self, key: &str) -> bool {
        self.index.contains(key)
    }

    pub(super) fn push(&mut self, key: String) {
        self.index.insert(key.clone());
        self.order.push(key);
    }
}

impl std::ops::Deref for Keys {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.order
    }
}

#[derive(Debug)]
pub(super) enum Body {
    Map {
        kind: Kind,
        keys: Keys,
        /// The scalar `type` of a schema, parameter, items or header.
        ty: Option<String>,
        /// The `in` of a parameter.
        location: Option<String>,
        /// The `name` of a parameter.
        named: Option<String>,
        /// Property names placed in this schema's `properties` during this pass.
        props: Vec<String>,
        /// The names in this schema's `required` list, when it has been read.
        required: Vec<String>,
    },
    Seq {
        elem: Elem,
        members: Option<Member>,
        /// First keys of the mapping members so far.
        first_keys: Vec<String>,
        count: usize,
    },
}

pub(super) struct Frame<'g> {
    /// Column of this object's keys or list dashes.
    pub(super) indent: usize,
    /// The key this object is the value of (empty for list members and the root).
    pub(super) name: String,
    pub(super) body: Body,
    /// The same object in the first pass's tree, when there is one.
    pub(super) earlier: Option<&'g Node>,
    /// For free-form values (examples, defaults): the schema they are an instance of.
    pub(super) guide: Option<&'g Node>,
    /// The input line of the last key placed in this object.
    pub(super) last_key_line: Option<usize>,
}

impl<'g> Frame<'g> {
    pub(super) fn map(
        kind: Kind,
        indent: usize,
        earlier: Option<&'g Node>,
        guide: Option<&'g Node>,
    ) -> Self {
        Frame {
            indent,
            name: String::new(),
            body: Body::Map {
                kind,
                keys: Keys::default(),
                ty: None,
                location: None,
                named: None,
                props: Vec::new(),
                required: Vec::new(),
            },
            earlier,
            guide,
            last_key_line: None,
        }
    }

    pub(super) fn seq(
        elem: Elem,
        indent: usize,
        earlier: Option<&'g Node>,
        guide: Option<&'g Node>,
    ) -> Self {
        Frame {
            indent,
            name: String::new(),
            body: Body::Seq {
                elem,
                members: None,
                first_keys: Vec::new(),
                count: 0,
            },
            earlier,
            guide,
            last_key_line: None,
        }
    }

    pub(super) fn kind(&self) -> Option<Kind> {
        match &self.body {
            Body::Map { kind, .. } => Some(*kind),
            Body::Seq { .. } => None,
        }
    }

    pub(super) fn has_key(&self, key: &str) -> bool {
        matches!(&self.body, Body::Map { keys, .. } if keys.contains(key))
    }
}
