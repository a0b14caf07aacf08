//! JSON payloads that vendors write inside a description (the Vant/Age `/noAportantes` body
//! parameter's holds ten, each after a line such as `- Status Code 200. Calificación A`): each
//! is read with the tolerant reader and becomes an example of the schema the description is
//! on. One introduced as refused for what it holds (`Status Code 400`, `422`) is expected not to
//! fit; one introduced with another status (`401`, `503`: the sandbox's triggers) is checked like
//! any example.
//!
//! Positions: the line of each payload is the description's line plus the lines before it in
//! the text (exact for block scalars and for recovered stripped specs; a quoted scalar that
//! YAML folded onto one line gives its first line).

use super::Reader;
use crate::model::{Example, ExampleOf, ModelPath};
use crate::read::json_tolerant::{self, Fragment};
use crate::tree::{Node, Pos};

impl Reader<'_> {
    /// Records the payloads written in `description` as examples of `of`, declared at `path`.
    pub(super) fn description_examples(
        &mut self,
        description: &Node,
        of: &ExampleOf,
        path: &ModelPath,
    ) {
        if self.muted > 0 || !self.payloads {
            return;
        }
        let Some(text) = description.as_str() else {
            return;
        };
        let mut previous_end = 0;
        for (n, range) in json_tolerant::find_objects(text).into_iter().enumerate() {
            let before = &text[..range.start];
            let line = before.matches('\n').count() as u32;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32;
            let start = if line == 0 {
                Pos::new(description.pos.line, description.pos.column + column)
            } else {
                Pos::new(description.pos.line + line, column + 1)
            };
            let status = last_status(&text[previous_end..range.start]);
            previous_end = range.end;
            let read = json_tolerant::read(&[Fragment {
                text: &text[range],
                start,
            }]);
            for d in read.diagnostics {
                self.report(d.path(path.to_string()));
            }
            let Some(value) = read.value else { continue };
            self.examples.push(Example {
                of: of.clone(),
                path: path.join(&["examples", &(n + 1).to_string()]),
                value: value.to_json(),
                pos: value.pos,
                tree: value,
                fails_with: status.filter(|s| rejects_the_payload(s)),
            });
        }
    }
}

/// Whether a status says the payload itself was refused (`400`, `422`). The others a sandbox
/// payload is written to trigger (`401`, `404`, `429`, `503`) come from the service's state, not
/// from the payload: those payloads are checked like any example and are expected to fit.
fn rejects_the_payload(status: &str) -> bool {
    matches!(status, "400" | "422")
}

/// The last status a text names (`- Status Code 400`, `HTTP 201`, `código 404`).
fn last_status(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().rev().find_map(|(i, w)| {
        let status = w.len() == 3
            && matches!(w.as_bytes()[0], b'1'..=b'5')
            && w[1..]
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'X' || b == b'x');
        let named = i > 0
            && matches!(
                words[i - 1].to_lowercase().as_str(),
                "code" | "status" | "http" | "codigo" | "código" | "estatus" | "estado"
            );
        (status && named).then(|| w.to_uppercase())
    })
}

#[cfg(test)]
mod tests {
    use super::{last_status, rejects_the_payload};

    #[test]
    fn only_a_refusal_status_expects_the_payload_not_to_fit() {
        assert!(rejects_the_payload("400"));
        assert!(rejects_the_payload("422"));
        for status in ["200", "401", "403", "404", "429", "500", "503", "4XX"] {
            assert!(!rejects_the_payload(status), "{status}");
        }
    }

    #[test]
    fn the_last_status_named_before_a_payload() {
        assert_eq!(
            last_status("- Status Code 200. Calificación A\n").as_deref(),
            Some("200")
        );
        assert_eq!(
            last_status(
                "Nota: Para más casos con Status Code 200, consulte Postman\n- Status Code 400\n"
            )
            .as_deref(),
            Some("400")
        );
        assert_eq!(last_status("Ejemplo con folio 1600095"), None);
        assert_eq!(last_status("HTTP 4XX"), Some("4XX".into()));
    }
}
