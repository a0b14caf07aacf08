//! Checking a `serde_json::Value` that is already parsed: the same keyword modules as the
//! stream, walking the tree instead of the bytes. There is no text, so line and column are 0.

use serde_json::Value;

use crate::compile::{Checks, Node, NodeId, Tree};
use crate::keywords::applicators::{self, Mode};
use crate::keywords::equality::{self, Instance};
use crate::keywords::number::{self, NumView, with_text};
use crate::keywords::types::Kind;
use crate::keywords::{array, object, string};
use crate::report::{At, Path, Seg, Sink, Stop};
use crate::stream::{MAX_CHECK_NESTING, MAX_DEPTH};
use std::cell::Cell;

pub(crate) fn check_value(tree: &Tree, value: &Value, sink: &mut Sink<'_, '_>) -> Result<(), Stop> {
    Walker {
        tree,
        rechecks: Cell::new(0),
    }
    .check(sink, tree.entry, value, &Path::ROOT, 0)
}

struct Walker<'s> {
    tree: &'s Tree,
    /// In-place re-checks open around the current value (see `MAX_CHECK_NESTING`).
    rechecks: Cell<u32>,
}

fn kind(value: &Value) -> Kind {
    match value {
        Value::Null => Kind::Null,
        Value::Bool(_) => Kind::Boolean,
        Value::Number(_) => Kind::Number,
        Value::String(_) => Kind::String,
        Value::Array(_) => Kind::Array,
        Value::Object(_) => Kind::Object,
    }
}

impl<'s> Walker<'s> {
    fn node(&self, id: NodeId) -> &'s Node {
        self.tree.node(id)
    }

    fn check(
        &self,
        sink: &mut Sink<'_, '_>,
        id: NodeId,
        value: &Value,
        path: &Path<'_>,
        depth: u32,
    ) -> Result<(), Stop> {
        let at = At { path, offset: None };
        let checks = match self.node(id) {
            Node::True | Node::Alias(_) => return Ok(()),
            Node::False => {
                return sink.fail(at, "false", || {
                    "no value is allowed here (the schema is `false`)".to_owned()
                });
            }
            Node::Checks(checks) => checks,
        };
        // A Value built in code can nest without limit; the stream's limit applies here too.
        if depth > MAX_DEPTH {
            return sink.fail(at, "maxDepth", || {
                format!("nesting deeper than {MAX_DEPTH} levels")
            });
        }
        let kind = kind(value);
        if let Some(types) = checks.types {
            let integral = || match value {
                Value::Number(n) => with_text(n, |t| NumView::parse(t.as_bytes()).is_integer()),
                _ => false,
            };
            if !types.admits(kind, integral) {
                let found = match value {
                    Value::Number(n) => with_text(n, |t| {
                        if NumView::parse(t.as_bytes()).is_integer() {
                            "integer"
                        } else {
                            "number"
                        }
                    }),
                    _ => kind.name(),
                };
                return sink.fail(at, "type", || {
                    format!("expected {}, found {found}", types.describe())
                });
            }
        }
        match value {
            Value::String(s) => {
                if let Some(string_checks) = &checks.string {
                    string::check(string_checks, s.as_str(), sink, at)?;
                }
            }
            Value::Number(n) => {
                if let Some(number_checks) = &checks.number {
                    with_text(n, |t| number::check(number_checks, t, sink, at))?;
                }
            }
            Value::Object(members) => self.object(sink, checks, members, path, depth)?,
            Value::Array(items) => self.array(sink, checks, items, path, depth)?,
            Value::Null | Value::Bool(_) => {}
        }
        if let Some(values) = &checks.enumeration {
            equality::check_enum(values, &value, sink, at)?;
        }
        if let Some(expected) = &checks.constant {
            equality::check_const(expected, &value, sink, at)?;
        }
        if !checks.has_in_place() {
            return Ok(());
        }
        // Re-checks nest like containers do: together they must stay within the stack.
        if depth + self.rechecks.get() >= MAX_CHECK_NESTING {
            return sink.fail(at, "maxDepth", || {
                format!("checking nests deeper than {MAX_CHECK_NESTING} levels here")
            });
        }
        self.rechecks.set(self.rechecks.get() + 1);
        let outcome = self.recheck(sink, checks, value, path, depth, at);
        self.rechecks.set(self.rechecks.get() - 1);
        outcome
    }

    fn recheck(
        &self,
        sink: &mut Sink<'_, '_>,
        checks: &Checks,
        value: &Value,
        path: &Path<'_>,
        depth: u32,
        at: At<'_, '_>,
    ) -> Result<(), Stop> {
        for &sub in checks.reference.iter().chain(&checks.all_of) {
            self.check(sink, sub, value, path, depth)?;
        }
        let integral = || match value {
            Value::Number(n) => with_text(n, |t| NumView::parse(t.as_bytes()).is_integer()),
            _ => false,
        };
        let fits = |branch| self.tree.admits(branch, kind(value), integral);
        applicators::check(
            checks,
            sink,
            at,
            |sink, branch, mode| {
                let probing = mode == Mode::Probe;
                if probing {
                    sink.begin_probe();
                }
                let outcome = self.check(sink, branch, value, path, depth);
                if probing {
                    sink.end_probe();
                }
                match outcome {
                    Ok(()) => Ok(true),
                    Err(Stop::Fail) => Ok(false),
                    Err(e) => Err(e),
                }
            },
            fits,
        )
    }

    fn object(
        &self,
        sink: &mut Sink<'_, '_>,
        checks: &Checks,
        members: &serde_json::Map<String, Value>,
        path: &Path<'_>,
        depth: u32,
    ) -> Result<(), Stop> {
        let Some(object) = &checks.object else {
            return Ok(());
        };
        let mut seen = object::Seen::new(object.required.len());
        for (name, value) in members {
            let child = path.child(Seg::Name(name));
            let member = object
                .member(object::key_hash(name.as_bytes()), name.as_bytes())
                .map(|(_, m)| m);
            if let Some(i) = member.and_then(|m| m.required) {
                seen.insert(i);
            }
            match (member.and_then(|m| m.schema), object.additional) {
                (Some(schema), _) => self.check(sink, schema, value, &child, depth + 1)?,
                (None, None) => {}
                (None, Some(additional)) => {
                    if let Node::False = self.node(additional) {
                        let at = At {
                            path: &child,
                            offset: None,
                        };
                        sink.fail(at, "additionalProperties", || {
                            object::unexpected_member(object, name)
                        })?;
                    } else {
                        self.check(sink, additional, value, &child, depth + 1)?;
                    }
                }
            }
        }
        object::check_required(object, &mut seen, sink, At { path, offset: None })
    }

    fn array(
        &self,
        sink: &mut Sink<'_, '_>,
        checks: &Checks,
        items: &[Value],
        path: &Path<'_>,
        depth: u32,
    ) -> Result<(), Stop> {
        let Some(array_checks) = &checks.array else {
            return Ok(());
        };
        for (i, item) in items.iter().enumerate() {
            let child = path.child(Seg::Index(i));
            let schema = match array_checks.prefix.get(i) {
                Some(&schema) => Some((schema, "prefixItems")),
                None => array_checks.rest,
            };
            let Some((schema, keyword)) = schema else {
                continue;
            };
            if let Node::False = self.node(schema) {
                let n = array_checks.prefix.len();
                let at = At {
                    path: &child,
                    offset: None,
                };
                sink.fail(at, keyword, || {
                    format!(
                        "unexpected item: at most {n} {} allowed",
                        if n == 1 { "item is" } else { "items are" }
                    )
                })?;
            } else {
                self.check(sink, schema, item, &child, depth + 1)?;
            }
        }
        let at = At { path, offset: None };
        array::check_count(array_checks, items.len(), sink, at)?;
        if array_checks.unique && items.len() > 1 {
            let refs: Vec<&Value> = items.iter().collect();
            equality::check_unique(&refs, sink, at)?;
        }
        Ok(())
    }
}

impl Instance for &&Value {
    fn equals(&self, expected: &Value) -> bool {
        (**self).equals(expected)
    }
    fn plain_str(&self) -> Option<&[u8]> {
        self.as_str().map(str::as_bytes)
    }
    fn canonical_hash(&self) -> u64 {
        (**self).canonical_hash()
    }
    fn equals_instance(&self, other: &Self) -> bool {
        (**self).equals_instance(*other)
    }
    fn describe(&self) -> String {
        (**self).describe()
    }
}
