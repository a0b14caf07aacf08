//! The verdicts of anyOf, oneOf and not, once each branch has been probed.
//!
//! When no branch of an anyOf (oneOf) matches and only one of them is for the value's type
//! (`anyOf: [{$ref: Address}, {type: null}]` and an object), that branch's own violations are
//! reported instead of the bare "none matched": they say what is wrong.

use crate::compile::{Checks, NodeId};
use crate::report::{At, Sink, Stop};

/// How a branch is run.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Stop at the first violation: only whether the value passes matters.
    Probe,
    /// Report every violation.
    Explain,
}

/// Reports anyOf/oneOf/not from the branches' outcomes. `run(i, Probe)` says whether the value
/// passes branch `i` of the keyword (0 for `not`); it is called only as far as needed.
/// `run(i, Explain)` checks the value against branch `i`, reporting every violation, and
/// `fits(i)` says whether branch `i` admits the value's type at all.
pub(crate) fn check(
    checks: &Checks,
    sink: &mut Sink<'_, '_>,
    at: At<'_, '_>,
    mut run: impl FnMut(&mut Sink<'_, '_>, NodeId, Mode) -> Result<bool, Stop>,
    fits: impl Fn(NodeId) -> bool,
) -> Result<(), Stop> {
    // The one branch for the value's type, when there is one and violations are collected.
    let only_fitting = |branches: &[NodeId], sink: &Sink<'_, '_>| -> Option<NodeId> {
        if sink.is_probing() {
            return None;
        }
        let mut fitting = branches.iter().copied().filter(|&b| fits(b));
        let first = fitting.next()?;
        fitting.next().is_none().then_some(first)
    };
    if !checks.any_of.is_empty() {
        let mut passed = false;
        for &branch in &checks.any_of {
            if run(sink, branch, Mode::Probe)? {
                passed = true;
                break;
            }
        }
        if !passed {
            match only_fitting(&checks.any_of, sink) {
                Some(branch) => {
                    run(sink, branch, Mode::Explain)?;
                }
                None => {
                    let n = checks.any_of.len();
                    sink.fail(at, "anyOf", || {
                        format!(
                            "expected a match for at least one of the {n} anyOf schemas, none matched"
                        )
                    })?;
                }
            }
        }
    }
    if !checks.one_of.is_empty() {
        let mut matched = [0usize; 2];
        let mut count = 0;
        for (i, &branch) in checks.one_of.iter().enumerate() {
            if run(sink, branch, Mode::Probe)? {
                if count < 2 {
                    matched[count] = i;
                }
                count += 1;
            }
        }
        if count == 0
            && let Some(branch) = only_fitting(&checks.one_of, sink)
        {
            run(sink, branch, Mode::Explain)?;
        } else if count != 1 {
            let n = checks.one_of.len();
            sink.fail(at, "oneOf", || match count {
                0 => format!("expected a match for exactly one of the {n} oneOf schemas, none matched"),
                _ => format!(
                    "expected a match for exactly one of the {n} oneOf schemas, {count} matched (schemas {} and {})",
                    matched[0], matched[1]
                ),
            })?;
        }
    }
    if let Some(not) = checks.not
        && run(sink, not, Mode::Probe)?
    {
        sink.fail(at, "not", || {
            "expected a value that does not match the schema in `not`".to_owned()
        })?;
    }
    Ok(())
}
