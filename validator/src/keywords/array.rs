//! minItems and maxItems (items, prefixItems and uniqueItems are applied by the traversal).

use crate::compile::ArrayChecks;
use crate::report::{At, Sink, Stop};

pub(crate) fn check_count(
    checks: &ArrayChecks,
    count: usize,
    sink: &mut Sink<'_, '_>,
    at: At<'_, '_>,
) -> Result<(), Stop> {
    let n = count as u64;
    if let Some(min) = checks.min_items.filter(|min| n < *min) {
        sink.fail(at, "minItems", || {
            format!("expected at least {min} {}, found {n}", items(min))
        })?;
    }
    if let Some(max) = checks.max_items.filter(|max| n > *max) {
        sink.fail(at, "maxItems", || {
            format!("expected at most {max} {}, found {n}", items(max))
        })?;
    }
    Ok(())
}

fn items(n: u64) -> &'static str {
    if n == 1 { "item" } else { "items" }
}
