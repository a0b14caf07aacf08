//! minLength, maxLength (in Unicode code points), pattern (ECMA-262, unanchored) and format.

use std::borrow::Cow;

use crate::compile::StringChecks;
use crate::report::{At, Sink, Stop};

/// A string value, however it is stored: the stream keeps it escaped in the payload and
/// decodes it only when a keyword needs the text.
pub(crate) trait StrSource {
    /// Length in Unicode code points.
    fn chars(&self) -> usize;
    /// Bounds on [`Self::chars`] known without counting: `(at least, at most)`.
    fn chars_bounds(&self) -> (usize, usize);
    fn text(&self) -> Cow<'_, str>;
}

impl StrSource for str {
    fn chars(&self) -> usize {
        self.chars().count()
    }
    fn chars_bounds(&self) -> (usize, usize) {
        (self.len().div_ceil(4), self.len())
    }
    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

// Inlined where strings are read in optimised builds; a debug build keeps it apart, or the
// stream's recursive frames would outgrow a 2 MiB stack on deep payloads.
#[cfg_attr(debug_assertions, inline(never))]
#[cfg_attr(not(debug_assertions), inline(always))]
pub(crate) fn check(
    checks: &StringChecks,
    value: &(impl StrSource + ?Sized),
    sink: &mut Sink<'_, '_>,
    at: At<'_, '_>,
) -> Result<(), Stop> {
    // Most strings are decided by their byte length alone; count code points only when not.
    let (least, most) = value.chars_bounds();
    let undecided = checks.min_length.is_some_and(|min| (least as u64) < min)
        || checks.max_length.is_some_and(|max| (most as u64) > max);
    if undecided {
        let n = value.chars() as u64;
        if let Some(min) = checks.min_length.filter(|min| n < *min) {
            sink.fail(at, "minLength", || {
                format!("expected at least {min} {}, found {n}", characters(min))
            })?;
        }
        if let Some(max) = checks.max_length.filter(|max| n > *max) {
            sink.fail(at, "maxLength", || {
                format!("expected at most {max} {}, found {n}", characters(max))
            })?;
        }
    }
    if checks.pattern.is_none() && checks.format.is_none() {
        return Ok(());
    }
    let text = value.text();
    if let Some(pattern) = &checks.pattern
        && pattern.regex.find(&text).is_none()
    {
        sink.fail(at, "pattern", || {
            format!(
                "expected text matching `{}`, found {}",
                pattern.source,
                quote(&text)
            )
        })?;
    }
    if let Some(format) = checks.format
        && !format.accepts(&text)
    {
        sink.fail(at, "format", || {
            format!(
                "expected a {} ({}), found {}",
                format.name(),
                format.example(),
                quote(&text)
            )
        })?;
    }
    Ok(())
}

fn characters(n: u64) -> &'static str {
    if n == 1 { "character" } else { "characters" }
}

/// The string as JSON, shortened so a 50 MB value does not end up in a message.
pub(crate) fn quote(text: &str) -> String {
    const KEEP: usize = 60;
    match text.char_indices().nth(KEEP) {
        Some((cut, _)) => format!("{}…", serde_json::Value::from(&text[..cut])),
        None => serde_json::Value::from(text).to_string(),
    }
}
