//! Whole-document evidence: after the line-by-line pass has placed every key, the reading is
//! judged as a whole, and the doubtful placements near its problems are tried the other way.
//!
//! A pass decides each key from what is open and what the next lines say. Some of its mistakes
//! only show further down: a property sent to `definitions` leaves the names after it as
//! definitions nobody references; a `required` list given to the wrong schema names properties
//! that schema does not declare; a key placed one object too far out closes a list, and the
//! list's next item cannot be placed at all. This module counts those problems in the parsed
//! reading ([`problems`]), and for each one tries the other valid placements of the keys that
//! could have caused it (the [`Decision`]s the pass recorded near it), one at a time, with every
//! other line placed as the pass would. A placement is kept when the whole document then has
//! clearly fewer problems (by [`MARGIN`]); the search repeats from the improved reading until
//! nothing improves or its budget is spent. Each placement kept is reported as a
//! `yaml.recovered` warning naming both readings and the problems it avoids.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::evidence::Referenced;
use super::lex::{Line, classify};
use super::place::join_path;
use super::place::{Decision, Forced};
use super::write::Recovered;
use crate::diag::Severity;
use crate::read::grammar;
use crate::read::refs::Definitions;
use crate::tree::{Node, Value};

/// How much lower a reading's problem score must be for the search to prefer it.
const MARGIN: u32 = 3;
/// Whole-text parses the search spends at most per document, counting the first reading's: a
/// reading costs one, plus one per line the parser refused and the reading left out, so a
/// document full of unplaceable lines is not re-read dozens of times over.
const MAX_PARSES: usize = 40;
/// Placements tried in a row without one kept, after which the search gives up: on the
/// held-out specs a kept placement came at most 12 failed tries after the last one, while an
/// input full of repeated or broken lines offers dozens of tries that all fail.
const PATIENCE: usize = 16;
/// Input lines placed at most by all the readings tried (bounds the time on huge inputs).
const MAX_LINES_PLACED: usize = 200_000;
/// Lines a placement may move (re-indent) per point of problem score it saves: a placement
/// that fixes one problem by re-reading the rest of the document is not an explanation of it.
const LINES_MOVED_PER_POINT: usize = 20;
/// Lines a placement may move at most, whatever it saves: one that re-reads a whole part of the
/// document (everything after a key sent to the root, read as a map of names that takes
/// anything) trades problems the search counts for ones it cannot see.
const MAX_LINES_MOVED: usize = 150;
/// Key lines before a line that could not be placed whose choices are recorded.
const KEYS_BEFORE_UNPLACED: usize = 12;
/// Earlier decisions tried for a line that could not be placed.
const DECISIONS_BEFORE_UNPLACED: usize = 4;

/// One thing wrong with a reading, at an input line (1-based).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Problem {
    pub(super) line: u32,
    pub(super) what: What,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum What {
    /// A line the reading could not place (left out as a comment or kept where nothing fits).
    Unplaced,
    /// The `required` list of the schema at this model path names a property it does not
    /// declare (by its own `properties`, its `allOf` members or the definitions they name).
    RequiredUndeclared { schema: String, name: String },
    /// A definition no `#/definitions/` reference names, in a document that uses them, whose
    /// name is not cased like most definitions' names.
    Unreferenced { name: String },
    /// `#/definitions/NAME` is referenced, and the reading has no such definition.
    Dangling { name: String },
    /// What the Swagger 2.0 grammar says of the reading (an unknown field, a value of the wrong
    /// shape), by its code.
    Grammar { code: &'static str },
}

impl What {
    fn weight(&self) -> u32 {
        match self {
            What::Unplaced => 8,
            What::RequiredUndeclared { .. } => 2,
            What::Unreferenced { .. } => 2,
            What::Dangling { .. } => 3,
            What::Grammar { .. } => 1,
        }
    }

    /// What the problem is about, whatever the model path of the reading it is in.
    fn name(&self) -> String {
        match self {
            What::Unplaced => "unplaced".to_string(),
            What::RequiredUndeclared { name, .. } => format!("required {name}"),
            What::Unreferenced { name } => format!("unreferenced {name}"),
            What::Dangling { name } => format!("dangling {name}"),
            What::Grammar { code } => format!("grammar {code}"),
        }
    }

    fn describe(&self) -> String {
        match self {
            What::Unplaced => "a line could not be placed".to_string(),
            What::RequiredUndeclared { schema, name } => {
                format!(
                    "the `required` list of `{schema}` names `{name}`, which it does not declare"
                )
            }
            What::Unreferenced { name, .. } => {
                format!("the definition `{name}` is referenced nowhere")
            }
            What::Dangling { name } => format!("`#/definitions/{name}` does not resolve"),
            What::Grammar { .. } => "the Swagger 2.0 grammar reports more problems".to_string(),
        }
    }
}

/// The sum of the problems' weights.
pub(super) fn score(problems: &[Problem]) -> u32 {
    problems.iter().map(|p| p.what.weight()).sum()
}

/// Everything [`What`] names, in the parsed reading `root` (positions already in the input).
pub(super) fn problems(
    root: &Node,
    recovered: &Recovered,
    referenced: &Referenced,
) -> Vec<Problem> {
    let mut out = Vec::new();
    for d in &recovered.diagnostics {
        let unplaced = d.message.starts_with("this line is not a key")
            || d.message.contains("fits no open object")
            || d.message.contains("could not be placed so that");
        if d.severity == Severity::Warning && unplaced {
            out.push(Problem {
                line: d.line,
                what: What::Unplaced,
            });
        }
    }
    let definitions = root.get("definitions");
    if let Some(entries) = definitions.and_then(Node::as_map) {
        if !referenced.names.is_empty() {
            // How definitions are named, from the references (which no reading changes).
            let upper = referenced
                .names
                .iter()
                .filter(|n| n.starts_with(|c: char| c.is_uppercase()))
                .count();
            let most_upper = upper * 2 > referenced.names.len();
            for e in entries {
                // A document may hold definitions nobody references; one cased unlike the
                // others (`numeroAutorisation` among `Medicament`, `Presentation`) is more
                // likely a property that fell out of its definition.
                let is_upper = e.key.starts_with(|c: char| c.is_uppercase());
                if !referenced.contains(&e.key) && is_upper != most_upper {
                    out.push(Problem {
                        line: e.key_pos.line,
                        what: What::Unreferenced {
                            name: e.key.clone(),
                        },
                    });
                }
            }
        }
    }
    for name in &referenced.names {
        if definitions.and_then(|d| d.get(name)).is_none() {
            out.push(Problem {
                line: 0,
                what: What::Dangling { name: name.clone() },
            });
        }
    }
    required_lists(
        root,
        &mut Vec::new(),
        Definitions::of(Some(root)),
        None,
        &mut out,
    );
    for d in grammar::check(root) {
        out.push(Problem {
            line: d.line,
            what: What::Grammar { code: d.code },
        });
    }
    out.sort();
    out
}

/// Every `required` list of names in the tree, checked against what its schema declares: its
/// own properties, its `allOf` members' and those of the definitions its `$ref`s name. `path`
/// holds the keys (and item numbers) down to `node`, joined only for a problem: the search
/// asks for every reading's problems, and most nodes have none.
fn required_lists<'n>(
    node: &'n Node,
    path: &mut Vec<Step<'n>>,
    definitions: Definitions<'_>,
    all_of_owner: Option<&'n Node>,
    out: &mut Vec<Problem>,
) {
    match &node.value {
        Value::Map(entries) => {
            if let Some(list) = node.get("required").and_then(Node::as_seq) {
                let names: Vec<&str> = list.iter().filter_map(Node::as_str).collect();
                if !names.is_empty() && names.len() == list.len() {
                    // A member of an `allOf` may require what its siblings declare.
                    let declared: BTreeSet<&str> = definitions
                        .with_all_of(node)
                        .chain(
                            all_of_owner
                                .into_iter()
                                .flat_map(|o| definitions.with_all_of(o)),
                        )
                        .filter_map(|s| s.get("properties").and_then(Node::as_map))
                        .flat_map(|props| props.iter().map(|e| e.key.as_str()))
                        .collect();
                    let line = entries
                        .iter()
                        .find(|e| e.key == "required")
                        .map_or(node.pos.line, |e| e.key_pos.line);
                    for name in names {
                        if !declared.contains(name) {
                            out.push(Problem {
                                line,
                                what: What::RequiredUndeclared {
                                    schema: joined(path),
                                    name: name.to_string(),
                                },
                            });
                        }
                    }
                }
            }
            for e in entries {
                path.push(Step::Key(&e.key));
                match (&e.value.value, e.key == "allOf") {
                    (Value::Seq(items), true) => {
                        for (i, item) in items.iter().enumerate() {
                            path.push(Step::Item(i));
                            required_lists(item, path, definitions, Some(node), out);
                            path.pop();
                        }
                    }
                    _ => required_lists(&e.value, path, definitions, None, out),
                }
                path.pop();
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Item(i));
                required_lists(item, path, definitions, None, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// One step down a tree: a mapping's key or a list's item number.
enum Step<'n> {
    Key(&'n str),
    Item(usize),
}

/// `a.b.0.c`, as [`join_path`] writes it.
fn joined(path: &[Step<'_>]) -> String {
    path.iter().fold(String::new(), |at, step| match step {
        Step::Key(key) => join_path(&at, key),
        Step::Item(i) => join_path(&at, &i.to_string()),
    })
}

/// The placements worth trying for `problem`: (input line 0-based, stack index).
fn tries_for(problem: &Problem, decisions: &[Decision]) -> Vec<(usize, usize)> {
    let at = |line: u32| {
        decisions
            .iter()
            .filter(move |d| d.line + 1 == line as usize)
    };
    // Not the document's root: there `responses:` or `parameters:` opens a map of names that
    // takes whatever follows, which hides problems rather than explaining them (the line rules
    // decide what goes to the root).
    let every = |d: &Decision| {
        d.alternatives
            .iter()
            .filter(|(k, _)| *k > 0)
            .map(|(k, _)| (d.line, *k))
            .collect::<Vec<_>>()
    };
    let mut out = Vec::new();
    match &problem.what {
        What::Unplaced => {
            out.extend(at(problem.line).flat_map(every));
            out.extend(
                decisions
                    .iter()
                    .rev()
                    .filter(|d| d.line + 1 < problem.line as usize)
                    .take(DECISIONS_BEFORE_UNPLACED)
                    .flat_map(every),
            );
        }
        What::RequiredUndeclared { name, .. } => {
            // The list may be in the wrong schema, or the property it names may be.
            out.extend(at(problem.line).flat_map(every));
            out.extend(
                decisions
                    .iter()
                    .rev()
                    .filter(|d| d.line + 1 < problem.line as usize && d.key == *name)
                    .take(2)
                    .flat_map(every),
            );
        }
        What::Grammar { .. } => {}
        What::Unreferenced { .. } => {
            out.extend(at(problem.line).flat_map(every));
            // The definition before it may be the property that closed its schema.
            out.extend(
                decisions
                    .iter()
                    .rev()
                    .filter(|d| d.line + 1 < problem.line as usize && d.chosen == "definitions")
                    .take(2)
                    .flat_map(every),
            );
        }
        What::Dangling { name } => {
            out.extend(decisions.iter().filter(|d| d.key == *name).flat_map(|d| {
                d.alternatives
                    .iter()
                    .filter(|(_, p)| p == "definitions")
                    .map(|(k, _)| (d.line, *k))
            }))
        }
    }
    out
}

/// How many input lines two readings indent differently.
fn moved_lines(a: &Recovered, b: &Recovered) -> usize {
    let indents = |r: &Recovered| {
        let mut m: HashMap<u32, i64> = HashMap::new();
        for &(src, added) in &r.lines {
            m.entry(src).or_insert(added);
        }
        m
    };
    let (x, y) = (indents(a), indents(b));
    x.iter()
        .filter(|(src, added)| y.get(src) != Some(added))
        .count()
        + y.keys().filter(|src| !x.contains_key(src)).count()
}

/// The input lines (0-based) whose choices could explain a problem of `reading`: each
/// problem's own line, the key lines before it (for a line that could not be placed), the
/// keys of the same name before it (for a `required` name), and the keys before it at the same
/// depth (for a definition: the one before may be a property that closed its schema).
fn interesting_lines(reading: &Reading, lines: &[&str]) -> HashSet<usize> {
    let keys: Vec<Option<String>> = lines
        .iter()
        .map(|l| match classify(l.trim()) {
            Line::Key(k, _) => Some(k),
            _ => None,
        })
        .collect();
    let key_of = |i: usize| keys[i].as_deref();
    let mut indent: HashMap<usize, i64> = HashMap::new();
    for &(src, added) in &reading.recovered.lines {
        indent.entry(src as usize - 1).or_insert(added);
    }
    let mut out = HashSet::new();
    for p in &reading.problems {
        let Some(at) = (p.line as usize)
            .checked_sub(1)
            .filter(|&i| i < lines.len())
        else {
            continue;
        };
        out.insert(at);
        let before = (0..at).rev().filter(|&i| key_of(i).is_some());
        match &p.what {
            What::Unplaced => out.extend(before.take(KEYS_BEFORE_UNPLACED)),
            What::RequiredUndeclared { name, .. } => {
                out.extend(before.filter(|&i| key_of(i) == Some(name.as_str())).take(2));
            }
            What::Unreferenced { .. } => {
                let depth = indent.get(&at).copied();
                out.extend(before.filter(|i| indent.get(i).copied() == depth).take(2));
            }
            What::Dangling { .. } | What::Grammar { .. } => {}
        }
    }
    for p in &reading.problems {
        if let What::Dangling { name } = &p.what {
            out.extend((0..lines.len()).filter(|&i| key_of(i) == Some(name.as_str())));
        }
    }
    out
}

/// What the problems `before` has and `after` lacks come to, in a few words.
fn avoided(before: &[Problem], after: &[Problem]) -> String {
    let count = |ps: &[Problem]| {
        let mut m: BTreeMap<String, usize> = BTreeMap::new();
        for p in ps {
            *m.entry(p.what.describe()).or_default() += 1;
        }
        m
    };
    let (b, a) = (count(before), count(after));
    let gone: Vec<String> = b
        .iter()
        .filter(|(k, n)| a.get(*k).copied().unwrap_or(0) < **n)
        .map(|(k, _)| k.clone())
        .collect();
    let shown: Vec<&str> = gone.iter().take(3).map(String::as_str).collect();
    let more = gone.len().saturating_sub(shown.len());
    let mut s = format!("read the other way, {}", shown.join("; "));
    if more > 0 {
        s.push_str(&format!("; and {more} more problem(s)"));
    }
    s
}

/// A reading and what is wrong with it.
pub(super) struct Reading {
    pub(super) recovered: Recovered,
    /// The recovered document, parsed, with positions in the input.
    pub(super) root: Node,
    pub(super) problems: Vec<Problem>,
}

/// Searches for a better reading than `first` (see the module documentation). `run` places
/// every line with the given settled placements and returns the reading.
pub(super) fn improve(
    first: Reading,
    lines: &[&str],
    mut run: impl FnMut(&HashMap<usize, Forced>, &HashSet<usize>) -> Reading,
) -> Reading {
    let mut best = first;
    let mut best_score = score(&best.problems);
    let mut forced: HashMap<usize, Forced> = HashMap::new();
    let mut tried: HashSet<(usize, usize)> = HashSet::new();
    // Spent in whole-text parses, the unit `MAX_PARSES` counts; placing the lines costs about
    // as much as one parse, so a reading counts at least once for `MAX_LINES_PLACED`.
    // The next reading is taken to cost what the last one did: one that would overrun the
    // budget is not started.
    let mut cost = best.recovered.parses.max(1);
    let mut spent = cost;
    let mut failed = 0usize;
    let budget = MAX_PARSES.min(MAX_LINES_PLACED / lines.len().max(1));
    'search: while best_score > 0 && spent + cost <= budget {
        // The same reading again, recording the choices made near its problems.
        best = run(&forced, &interesting_lines(&best, lines));
        cost = best.recovered.parses.max(1);
        spent += cost;
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        for p in &best.problems {
            for t in tries_for(p, &best.recovered.decisions) {
                if !forced.contains_key(&t.0) && !candidates.contains(&t) && !tried.contains(&t) {
                    candidates.push(t);
                }
            }
        }
        for (line, index) in candidates {
            if spent + cost > budget || failed >= PATIENCE {
                break 'search;
            }
            tried.insert((line, index));
            let mut next = forced.clone();
            next.insert(
                line,
                Forced {
                    index,
                    why: String::new(),
                },
            );
            let reading = run(&next, &HashSet::new());
            cost = reading.recovered.parses.max(1);
            spent += cost;
            let s = score(&reading.problems);
            let gain = best_score.saturating_sub(s);
            if std::env::var_os("MOLDE_SEARCH_TRACE").is_some() {
                eprintln!(
                    "search: line {} -> frame {index}: score {best_score} -> {s}, {} lines moved",
                    line + 1,
                    moved_lines(&best.recovered, &reading.recovered)
                );
                eprintln!(
                    "  before: {:?}\n  after: {:?}",
                    best.problems, reading.problems
                );
            }
            // The key tried elsewhere must not be a new problem there itself.
            let at_line = |r: &Reading| -> Vec<String> {
                r.problems
                    .iter()
                    .filter(|p| p.line as usize == line + 1)
                    .map(|p| p.what.name())
                    .collect()
            };
            let before = at_line(&best);
            let clean = at_line(&reading).iter().all(|p| before.contains(p));
            if gain >= MARGIN
                && clean
                && moved_lines(&best.recovered, &reading.recovered)
                    <= (LINES_MOVED_PER_POINT * gain as usize).min(MAX_LINES_MOVED)
            {
                let why = avoided(&best.problems, &reading.problems);
                if let Some(f) = next.get_mut(&line) {
                    f.why = why;
                }
                forced = next;
                best = reading;
                best_score = s;
                failed = 0;
                continue 'search;
            }
            failed += 1;
        }
        break;
    }
    if forced.is_empty() {
        best
    } else {
        // Once more with the reasons, for the warnings.
        run(&forced, &HashSet::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A reading with one unplaced line per problem, each with two other places to try, whose
    /// text the parser refused `parses - 1` times.
    fn reading(problems: usize, parses: usize) -> Reading {
        let decision = |line| Decision {
            line,
            key: "k".to_string(),
            chosen: "a".to_string(),
            alternatives: vec![(1, "b".to_string()), (2, "c".to_string())],
        };
        Reading {
            recovered: Recovered {
                text: String::new(),
                lines: Vec::new(),
                diagnostics: Vec::new(),
                decisions: (0..problems).map(decision).collect(),
                parses,
            },
            root: crate::read::yaml::parse("a: 1").expect("valid YAML").root,
            problems: (0..problems)
                .map(|line| Problem {
                    line: line as u32 + 1,
                    what: What::Unplaced,
                })
                .collect(),
        }
    }

    fn runs_of(problems: usize, parses: usize) -> usize {
        let lines = vec!["k: 1"; problems];
        let runs = Cell::new(0);
        improve(reading(problems, parses), &lines, |_, _| {
            runs.set(runs.get() + 1);
            reading(problems, parses)
        });
        runs.get()
    }

    #[test]
    fn the_search_gives_up_after_a_run_of_tries_that_all_fail() {
        // 200 places to try, none better: the reading again, then `PATIENCE` tries.
        assert_eq!(runs_of(100, 1), 1 + PATIENCE);
    }

    #[test]
    fn a_reading_the_parser_refused_many_times_is_not_read_again() {
        // Each reading costs more parses than the whole budget allows.
        assert_eq!(runs_of(100, MAX_PARSES + 1), 0);
        // Ten parses each: the first reading and three more fit in the budget.
        assert_eq!(runs_of(100, 10), 3);
    }
}
