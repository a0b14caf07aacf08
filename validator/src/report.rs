//! Violations as they are found: where they are (pointer, line, column) and whether anyone
//! wants them (a probe of an `anyOf` branch only wants to know that one exists).

use crate::{InputError, Violation};

/// Why a check stopped before the end of its value.
#[derive(Debug)]
pub(crate) enum Stop {
    /// A probe found its first violation; nothing more is needed.
    Fail,
    /// The payload is not JSON we accept. Boxed so `Result<(), Stop>` stays one word.
    Input(Box<InputError>),
}

impl From<InputError> for Stop {
    fn from(e: InputError) -> Self {
        Stop::Input(Box::new(e))
    }
}

/// One step of the path from the root to the value being checked.
#[derive(Clone, Copy)]
pub(crate) enum Seg<'a> {
    Root,
    /// A member name as it is written in the payload (between the quotes, escapes and all).
    RawKey(&'a [u8]),
    /// A member name already decoded (from a `serde_json::Value` or the schema).
    Name(&'a str),
    Index(usize),
}

/// The path to the value being checked, as a linked list on the call stack: building it costs
/// nothing, and it becomes a string only when a violation is reported.
#[derive(Clone, Copy)]
pub(crate) struct Path<'a> {
    pub parent: Option<&'a Path<'a>>,
    pub seg: Seg<'a>,
}

impl<'a> Path<'a> {
    pub const ROOT: Path<'static> = Path {
        parent: None,
        seg: Seg::Root,
    };

    pub fn child(&'a self, seg: Seg<'a>) -> Path<'a> {
        Path {
            parent: Some(self),
            seg,
        }
    }

    /// The RFC 6901 pointer of this path, with `extra` appended as one more member name.
    pub fn pointer(&self, extra: Option<&str>) -> String {
        let mut segs = Vec::new();
        let mut at = Some(self);
        while let Some(p) = at {
            segs.push(p.seg);
            at = p.parent;
        }
        let mut out = String::new();
        for seg in segs.iter().rev() {
            match *seg {
                Seg::Root => {}
                Seg::RawKey(raw) => {
                    out.push('/');
                    escape_token(&crate::stream::unescape(raw), &mut out);
                }
                Seg::Name(name) => {
                    out.push('/');
                    escape_token(name, &mut out);
                }
                Seg::Index(i) => {
                    out.push('/');
                    out.push_str(&i.to_string());
                }
            }
        }
        if let Some(name) = extra {
            out.push('/');
            escape_token(name, &mut out);
        }
        out
    }
}

fn escape_token(token: &str, out: &mut String) {
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// Where a violation is: the path, and the byte offset of the value when there is text.
#[derive(Clone, Copy)]
pub(crate) struct At<'p, 'a> {
    pub path: &'p Path<'a>,
    pub offset: Option<usize>,
}

/// Receives violations. In collect mode it builds them; while probing it stops at the first.
pub(crate) struct Sink<'o, 't> {
    out: &'o mut Vec<Violation>,
    probing: u32,
    lines: Option<LineIndex<'t>>,
}

impl<'o, 't> Sink<'o, 't> {
    pub fn new(out: &'o mut Vec<Violation>, text: Option<&'t [u8]>) -> Self {
        Sink {
            out,
            probing: 0,
            lines: text.map(LineIndex::new),
        }
    }

    /// A sink that stops at the first violation (for `is_valid`).
    pub fn probing(out: &'o mut Vec<Violation>) -> Self {
        Sink {
            out,
            probing: 1,
            lines: None,
        }
    }

    pub fn begin_probe(&mut self) {
        self.probing += 1;
    }

    pub fn end_probe(&mut self) {
        self.probing -= 1;
    }

    /// True while violations are not collected (a probe, or `is_valid`).
    pub fn is_probing(&self) -> bool {
        self.probing > 0
    }

    /// Reports a violation at `at`; the message is built only when somebody reads it.
    #[inline]
    pub fn fail(
        &mut self,
        at: At<'_, '_>,
        keyword: &'static str,
        message: impl FnOnce() -> String,
    ) -> Result<(), Stop> {
        self.fail_member(at, None, keyword, message)
    }

    /// Like [`Sink::fail`], for a member `name` of the value at `at` (a missing required member).
    pub fn fail_member(
        &mut self,
        at: At<'_, '_>,
        name: Option<&str>,
        keyword: &'static str,
        message: impl FnOnce() -> String,
    ) -> Result<(), Stop> {
        if self.probing > 0 {
            return Err(Stop::Fail);
        }
        let (line, column) = match (at.offset, self.lines.as_mut()) {
            (Some(offset), Some(lines)) => lines.position(offset),
            _ => (0, 0),
        };
        self.out.push(Violation {
            pointer: at.path.pointer(name),
            keyword,
            message: message(),
            line,
            column,
        });
        Ok(())
    }
}

/// Turns byte offsets into 1-based line and column (in Unicode code points). Violations come
/// mostly in increasing offset order, so it resumes from the last answer instead of rescanning.
pub(crate) struct LineIndex<'t> {
    text: &'t [u8],
    offset: usize,
    line: u32,
    line_start: usize,
    /// Code points from `line_start` to `offset`.
    column: usize,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t [u8]) -> Self {
        LineIndex {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
            column: 0,
        }
    }

    pub fn position(&mut self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            *self = LineIndex::new(self.text);
        }
        let mut from = self.offset;
        for nl in memchr::memchr_iter(b'\n', &self.text[self.offset..offset]) {
            self.line = self.line.saturating_add(1);
            self.line_start = self.offset + nl + 1;
            from = self.line_start;
            self.column = 0;
        }
        self.column += code_points(&self.text[from..offset]);
        self.offset = offset;
        (
            self.line,
            u32::try_from(self.column + 1).unwrap_or(u32::MAX),
        )
    }
}

/// The line and column of `offset` in `text`, for errors about the payload itself.
pub(crate) fn position(text: &[u8], offset: usize) -> (u32, u32) {
    LineIndex::new(text).position(offset)
}

/// Code points in valid UTF-8: every byte that does not continue a sequence starts one.
pub(crate) fn code_points(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}
