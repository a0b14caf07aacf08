//! Recovers the structure of a Swagger 2.0 YAML file whose indentation and blank lines were
//! stripped (as happens when a spec is copied out of a developer portal).
//!
//! Every line is a key (`name: value`), a list item (`- ...`), or the continuation of a multi-line
//! scalar. Without indentation the only question is *which open object a key belongs to*. We keep
//! a stack of open objects, each typed by the Swagger 2.0 [`grammar`](super::grammar), and give a
//! key to the innermost object that can hold it: the key must be a field of that object, not
//! already present, and its value's shape (found by look-ahead) must be what the field takes.
//! Soft rules break the remaining ties (a `required` list names the schema's own properties; an
//! `example` mapping holds only properties of its schema; `items` belongs to arrays). A first pass
//! reads the document this way; a second pass repeats it with the first pass's definitions at
//! hand, so that examples can be placed by the schema they illustrate even when that schema is
//! defined further down. Where a soft rule chose between two valid readings that mean different
//! things (an `example` that could illustrate a property or its enclosing schema), the final pass
//! reports a `yaml.recovered` warning naming both; rules that follow from validity (an example
//! fits its schema, a `$ref` resolves) decide without a report.
//!
//! The result is properly indented YAML (what `molde repair` prints) plus a line map, so every
//! position in the tree read from it points back into the file as given.
//!
//! The parts, by concern: [`lex`] reads one line without context, [`evidence`] gathers what the
//! whole document says, [`frames`] holds the open objects, [`lookahead`] reads the lines after
//! a key, [`facts`] answers questions about the open objects, [`rules`] are the soft rules (named,
//! ordered, each switchable), [`place`] runs the pass and [`write`] writes its output.

mod doubt;
mod evidence;
mod facts;
mod frames;
mod lex;
mod lookahead;
mod place;
mod rules;
mod search;
mod write;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod doubt_tests;
#[cfg(test)]
mod rules_tests;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use crate::diag::Diagnostic;
use crate::tree::Pos;

use evidence::{Referenced, extension_homes, extension_pairs, keys_look_sorted};
use lex::{Line, classify};
use place::{Forced, Pass};
use search::Reading;

pub use rules::{RULES_OFF_VARIABLE, RecoveryRules};
pub use write::Recovered;

/// Lines turned into comments before the recovered text is given up as unparsable.
const MAX_UNPLACEABLE_LINES: usize = 64;
/// Open objects kept at most; real specs nest a few dozen levels.
const MAX_RECOVERED_DEPTH: usize = 128;
/// Text parsed again while looking for unplaceable lines (bounds the time on huge inputs).
const MAX_REPARSED_BYTES: usize = 64 << 20;

/// True when `text` looks like YAML whose indentation was stripped: no line is indented, and
/// some key without a value is followed by another key (a nested mapping flattened to one level).
pub fn looks_stripped(text: &str) -> bool {
    let first = text.trim_start_matches('\u{feff}').trim_start();
    if first.starts_with('{') || first.starts_with('[') {
        return false;
    }
    let mut indented = 0usize;
    let mut flattened = 0usize;
    let mut previous_opens = false;
    for line in text.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if line.starts_with(' ') || line.starts_with('\t') {
            indented += 1;
        }
        let cls = classify(line.trim());
        if previous_opens && matches!(cls, Line::Key(..)) {
            flattened += 1;
        }
        previous_opens = matches!(&cls, Line::Key(_, rest) if rest.is_empty());
    }
    flattened > 0 && indented == 0
}

/// Recovers the structure of a stripped YAML file (see the module documentation), with every
/// soft rule.
///
/// ```
/// let recovered = molde_codegen::recover_indentation("definitions:\nA:\ntype: object\nproperties:\nx:\ntype: string\n");
/// assert_eq!(
///     recovered.text.trim_end(),
///     "definitions:\n  A:\n    type: object\n    properties:\n      x:\n        type: string"
/// );
/// ```
pub fn recover_indentation(text: &str) -> Recovered {
    recover_indentation_with(text, &RecoveryRules::all())
}

/// [`recover_indentation`] with only the soft rules `rules` leaves on.
pub fn recover_indentation_with(text: &str, rules: &RecoveryRules) -> Recovered {
    let raw: Vec<&str> = text
        .trim_start_matches('\u{feff}')
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let explicit = if rules.is_on(rules::EXPLICIT_KEY) {
        lex::explicit_keys(&raw)
    } else {
        Vec::new()
    };
    let lines: Vec<&str> = raw
        .iter()
        .enumerate()
        .map(|(i, l)| {
            explicit
                .iter()
                .find(|(at, _)| *at == i)
                .map_or(*l, |(_, written)| written.as_str())
        })
        .collect();
    let referenced = Referenced::new(text, &lines);
    let sorted_keys = keys_look_sorted(&lines);
    let mut first = Pass::new(&lines, None, &referenced, rules);
    first.sorted_keys = sorted_keys;
    let mut first = first.run();
    let guide = first.make_parsable().root;
    let pairs = extension_pairs(&guide);
    let homes = extension_homes(&guide);
    let search_on = rules.is_on(rules::DOCUMENT_EVIDENCE);
    let run = |forced: &HashMap<usize, Forced>, record: &HashSet<usize>| {
        let mut second = Pass::new(&lines, Some(&guide), &referenced, rules);
        second.sorted_keys = sorted_keys;
        second.extension_pairs = pairs.clone();
        second.extension_homes = homes.clone();
        second.forced = forced.clone();
        second.record = record.clone();
        let mut recovered = second.run();
        let mut root = recovered.make_parsable().root;
        recovered.remap(&mut root);
        let problems = if search_on {
            search::problems(&root, &recovered, &referenced)
        } else {
            Vec::new()
        };
        Reading {
            recovered,
            root,
            problems,
        }
    };
    let reading = run(&HashMap::new(), &HashSet::new());
    let reading = if search_on {
        search::improve(reading, &lines, run)
    } else {
        reading
    };
    let mut out = reading.recovered;
    out.diagnostics
        .extend(doubt::nested_ends(&reading.root, &lines));
    out.diagnostics.insert(
        0,
        Diagnostic::info(
            "yaml.recovered",
            "this file's indentation was stripped; molde rebuilt its structure from the Swagger 2.0 grammar",
        )
        .at(Pos::new(1, 1))
        .hint("`molde repair FILE` prints the recovered YAML; keep it as the source if you can"),
    );
    out
}
