//! The verdicts of anyOf, oneOf and not, once each branch has been probed.

use crate::compile::Checks;
use crate::report::{At, Sink, Stop};

/// Reports anyOf/oneOf/not from the branches' outcomes. `probe(i)` says whether the value
/// passes branch `i` of the keyword (0 for `not`); it is called only as far as needed.
pub(crate) fn check(
    checks: &Checks,
    sink: &mut Sink<'_, '_>,
    at: At<'_, '_>,
    mut probe: impl FnMut(&mut Sink<'_, '_>, u32) -> Result<bool, Stop>,
) -> Result<(), Stop> {
    if !checks.any_of.is_empty() {
        let mut passed = false;
        for &branch in &checks.any_of {
            if probe(sink, branch)? {
                passed = true;
                break;
            }
        }
        if !passed {
            let n = checks.any_of.len();
            sink.fail(at, "anyOf", || {
                format!("expected a match for at least one of the {n} anyOf schemas, none matched")
            })?;
        }
    }
    if !checks.one_of.is_empty() {
        let mut matched = [0usize; 2];
        let mut count = 0;
        for (i, &branch) in checks.one_of.iter().enumerate() {
            if probe(sink, branch)? {
                if count < 2 {
                    matched[count] = i;
                }
                count += 1;
            }
        }
        if count != 1 {
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
        && probe(sink, not)?
    {
        sink.fail(at, "not", || {
            "expected a value that does not match the schema in `not`".to_owned()
        })?;
    }
    Ok(())
}
