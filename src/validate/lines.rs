//! NDJSON at speed: the input is read in blocks of many whole lines (no copy per line), each
//! block is checked on its own, on this thread or, with `--jobs`, by a pool of workers, and the
//! results come back in input order. A block's result is a list of [`Outcome`]s in which a run
//! of valid payloads is one number, so the valid path allocates nothing per payload.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use molde_validator::{InputError, Validator, Violation};

use super::{InputMode, Rendered, Style, Verdict, check_one, render, trim_line};

/// Bytes read at a time; a block holds whole lines, so a longer line makes a longer block.
const BLOCK: usize = 1 << 20;

/// What checking some payloads found, in input order.
pub(super) enum Outcome {
    /// This many valid payloads in a row.
    Valid(u64),
    /// A payload with violations, or one that is not JSON, its result already rendered.
    Invalid(Rendered),
}

/// The outcome of one payload.
pub(super) fn outcome(verdict: Verdict, style: &Style) -> Outcome {
    match render(verdict, style) {
        Some(rendered) => Outcome::Invalid(rendered),
        None => Outcome::Valid(1),
    }
}

/// Whole lines of the input and the number of the first.
struct Block {
    bytes: Vec<u8>,
    first_line: u64,
}

/// Cuts the input into [`Block`]s of whole lines.
struct Blocks<R> {
    reader: R,
    /// The start of a line the last block did not finish.
    carry: Vec<u8>,
    /// Buffers of blocks already checked, to read the next ones into: a fresh megabyte would
    /// be zeroed again each time (the allocator reuses freed memory, so it is not fresh pages).
    spare: Vec<Vec<u8>>,
    next_line: u64,
    /// Whether [`Blocks::next_block`] counts a block's lines itself. When it does not, the
    /// caller, which goes through every line of the block anyway, tells their number with
    /// [`Blocks::counted`] before asking for the next block: one pass over the bytes fewer.
    count: bool,
    done: bool,
}

impl<R: Read> Blocks<R> {
    fn new(reader: R) -> Self {
        Blocks {
            reader,
            carry: Vec::new(),
            spare: Vec::new(),
            next_line: 1,
            count: true,
            done: false,
        }
    }

    /// The block last handed out held `newlines` line breaks (only when the blocks do not
    /// count them themselves).
    fn counted(&mut self, newlines: u64) {
        debug_assert!(!self.count, "the blocks count their lines themselves");
        self.next_line += newlines;
    }

    /// The next block: at least one whole line (or the last line of the input), and about
    /// [`BLOCK`] bytes unless one line is longer. A read that returns less than a block (a
    /// pipe with no more data yet) ends the block at its last whole line, so a slow
    /// producer's payloads are checked as they come, not a megabyte later.
    fn next_block(&mut self) -> io::Result<Option<Block>> {
        if self.done {
            return Ok(None);
        }
        // A block is read straight into its own buffer, a spare one when there is one (its
        // bytes are overwritten, so only what it lacks of a block's length is zeroed); only
        // the start of a line the last block left is copied.
        let size = BLOCK.max(2 * self.carry.len());
        let mut bytes = self.spare.pop().unwrap_or_default();
        bytes.resize(size, 0);
        bytes[..self.carry.len()].copy_from_slice(&self.carry);
        let mut filled = self.carry.len();
        self.carry.clear();
        // The end of the last whole line read so far.
        let mut whole: Option<usize> = None;
        let end = loop {
            if filled == bytes.len() {
                // One line longer than the buffer.
                bytes.resize(2 * filled, 0);
            }
            let room = bytes.len() - filled;
            let read = match self.reader.read(&mut bytes[filled..]) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            let at = filled;
            filled += read;
            if read == 0 {
                // The end of the input: whatever is left is the last line.
                self.done = true;
                if filled == 0 {
                    return Ok(None);
                }
                break filled;
            }
            if let Some(n) = memchr::memrchr(b'\n', &bytes[at..filled]) {
                whole = Some(at + n + 1);
            }
            match whole {
                // Full, or the source had no more for now (a pipe).
                Some(end) if read < room || filled >= BLOCK => break end,
                // Room for more lines, or a line longer than the buffer: keep reading.
                _ => {}
            }
        };
        bytes.truncate(filled);
        if end < bytes.len() {
            self.carry = bytes[end..].to_vec();
            bytes.truncate(end);
        }
        let first_line = self.next_line;
        if self.count {
            self.next_line += memchr::memchr_iter(b'\n', &bytes).count() as u64;
        }
        Ok(Some(Block { bytes, first_line }))
    }

    /// Takes back a checked block's buffer for a later block (a few at most are kept).
    fn recycle(&mut self, bytes: Vec<u8>) {
        if self.spare.len() < 4 {
            self.spare.push(bytes);
        }
    }

    /// Everything not yet handed out, after `head`.
    fn rest(mut self, mut head: Vec<u8>) -> io::Result<Vec<u8>> {
        head.extend_from_slice(&self.carry);
        self.reader.read_to_end(&mut head)?;
        Ok(head)
    }
}

/// Checks every line of `block`, appending to `out`; `violations` is scratch space kept
/// between payloads so that a valid one allocates nothing. Returns the number of line breaks
/// in the block.
fn check_block(
    validator: &Validator,
    style: &Style,
    block: &Block,
    violations: &mut Vec<Violation>,
    out: &mut Vec<Outcome>,
) -> u64 {
    let mut lines = 0;
    for (line_no, line) in (block.first_line..).zip(split_lines(&block.bytes)) {
        lines += 1;
        let payload = trim_line(line);
        if !payload.is_empty() {
            violations.clear();
            let result: Result<(), InputError> =
                validator.validate_into(payload, violations).map(drop);
            match result {
                Ok(()) if violations.is_empty() => match out.last_mut() {
                    Some(Outcome::Valid(n)) => *n += 1,
                    _ => out.push(Outcome::Valid(1)),
                },
                result => {
                    let verdict = Verdict {
                        first_line: line_no,
                        result: result.map(|()| std::mem::take(violations)),
                    };
                    out.push(outcome(verdict, style));
                }
            }
        }
    }
    // `split_lines` gives one line more than there are line breaks.
    lines - 1
}

/// Reads NDJSON from `reader`, checks each line and hands the outcomes, in input order, to
/// `emit` (with the bytes they cover, for the progress line). In `Auto` mode a first line that
/// is not a whole JSON value means the input is one pretty-printed document; then it is read
/// whole and checked as one payload.
pub(super) fn check_lines(
    validator: &Validator,
    reader: impl Read,
    mode: InputMode,
    jobs: usize,
    style: &Style,
    emit: &mut dyn FnMut(&mut Vec<Outcome>, u64),
) -> io::Result<()> {
    let mut blocks = Blocks::new(reader);
    let Some(first) = blocks.next_block()? else {
        return Ok(());
    };
    if mode == InputMode::Auto
        && let Some((line_no, start)) = first_payload(&first)
        && serde_json::from_slice::<serde::de::IgnoredAny>(trim_line(until_newline(
            &first.bytes[start..],
        )))
        .is_err()
    {
        // A document over several lines: the rest of the input belongs to it.
        let whole = blocks.rest(first.bytes[start..].to_vec())?;
        let mut verdict = check_one(validator, &whole);
        verdict.first_line = line_no;
        emit(&mut vec![outcome(verdict, style)], whole.len() as u64);
        return Ok(());
    }
    if jobs <= 1 {
        // Checking a block goes through its lines: it counts them, and the block's bytes are
        // read once fewer (a megabyte does not stay in a core's L2 cache between two passes).
        blocks.count = false;
        let mut violations = Vec::new();
        let mut out = Vec::new();
        let mut next = Some(first);
        // The first block was counted as it was read (before the mode was known).
        let mut counted = true;
        while let Some(block) = next {
            out.clear();
            let newlines = check_block(validator, style, &block, &mut violations, &mut out);
            if !counted {
                blocks.counted(newlines);
            }
            counted = false;
            emit(&mut out, block.bytes.len() as u64);
            blocks.recycle(block.bytes);
            next = blocks.next_block()?;
        }
        return Ok(());
    }
    std::thread::scope(|scope| {
        let mut pool = Pool::start(scope, validator, style, jobs);
        let mut next = Some(first);
        while let Some(block) = next {
            pool.submit(block, emit);
            for bytes in pool.spare.drain(..) {
                blocks.recycle(bytes);
            }
            next = blocks.next_block()?;
        }
        pool.finish(emit);
        Ok(())
    })
}

/// The line number and offset of the block's first line that is not blank.
fn first_payload(block: &Block) -> Option<(u64, usize)> {
    let mut start = 0;
    for (line_no, line) in (block.first_line..).zip(split_lines(&block.bytes)) {
        if !trim_line(line).is_empty() {
            return Some((line_no, start));
        }
        start += line.len() + 1;
    }
    None
}

/// The lines of `bytes` (without their `\n`), found with `memchr` rather than byte by byte.
fn split_lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', bytes);
    std::iter::from_fn(move || {
        if start > bytes.len() {
            return None;
        }
        let end = ends.next().unwrap_or(bytes.len());
        let line = &bytes[start..end];
        start = end + 1;
        Some(line)
    })
}

fn until_newline(bytes: &[u8]) -> &[u8] {
    memchr::memchr(b'\n', bytes).map_or(bytes, |end| &bytes[..end])
}

/// A checked block: its number, its outcomes and its buffer (for its size, and to be reused).
type Checked = (u64, Vec<Outcome>, Vec<u8>);

/// Worker threads checking blocks; results come back tagged with their block number and are
/// reported strictly in that order, by the thread that reads (no lock per line).
struct Pool {
    work: mpsc::SyncSender<(u64, Block)>,
    results: mpsc::Receiver<Checked>,
    submitted: u64,
    reported: u64,
    pending: BTreeMap<u64, (Vec<Outcome>, u64)>,
    /// Buffers of reported blocks, for the reader to reuse.
    spare: Vec<Vec<u8>>,
    /// Blocks in flight at most, so memory stays at a few blocks per worker.
    limit: u64,
}

impl Pool {
    fn start<'scope, 'env: 'scope>(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        validator: &'env Validator,
        style: &'env Style,
        jobs: usize,
    ) -> Pool {
        let (work, queue) = mpsc::sync_channel::<(u64, Block)>(jobs);
        let queue = Arc::new(Mutex::new(queue));
        let (done, results) = mpsc::channel::<Checked>();
        for _ in 0..jobs {
            let queue = Arc::clone(&queue);
            let done = done.clone();
            scope.spawn(move || {
                let mut violations = Vec::new();
                loop {
                    // The lock is held only to take the next block.
                    let next = queue.lock().map(|q| q.recv());
                    let Ok(Ok((seq, block))) = next else {
                        break;
                    };
                    let mut out = Vec::new();
                    check_block(validator, style, &block, &mut violations, &mut out);
                    if done.send((seq, out, block.bytes)).is_err() {
                        break;
                    }
                }
            });
        }
        Pool {
            work,
            results,
            submitted: 0,
            reported: 0,
            pending: BTreeMap::new(),
            spare: Vec::new(),
            limit: 2 * jobs as u64,
        }
    }

    fn submit(&mut self, block: Block, emit: &mut dyn FnMut(&mut Vec<Outcome>, u64)) {
        while self.submitted - self.reported >= self.limit {
            self.receive(emit);
        }
        if self.work.send((self.submitted, block)).is_ok() {
            self.submitted += 1;
        }
    }

    /// Waits for one block and reports every block that is now next in order.
    fn receive(&mut self, emit: &mut dyn FnMut(&mut Vec<Outcome>, u64)) {
        let Ok((seq, outcomes, buffer)) = self.results.recv() else {
            // Every worker is gone (none should panic): stop waiting for their blocks.
            self.reported = self.submitted;
            return;
        };
        self.pending.insert(seq, (outcomes, buffer.len() as u64));
        self.spare.push(buffer);
        while let Some((mut outcomes, bytes)) = self.pending.remove(&self.reported) {
            emit(&mut outcomes, bytes);
            self.reported += 1;
        }
    }

    /// Reports everything still in flight; dropping the pool then closes the queue, so the
    /// workers leave their loops.
    fn finish(mut self, emit: &mut dyn FnMut(&mut Vec<Outcome>, u64)) {
        while self.reported < self.submitted {
            self.receive(emit);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out at most `step` bytes a call, as a pipe does.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    /// Every line of `input` with its number, as the blocks cut it.
    fn lines_of(input: &[u8], step: usize) -> Vec<(u64, Vec<u8>)> {
        let mut blocks = Blocks::new(Trickle { bytes: input, step });
        let mut out = Vec::new();
        while let Some(block) = blocks.next_block().expect("reads") {
            assert!(
                block.bytes.ends_with(b"\n") || blocks.done,
                "a block ends at a line's end, or at the end of the input"
            );
            for (k, line) in split_lines(&block.bytes).enumerate() {
                if !line.is_empty() {
                    out.push((block.first_line + k as u64, line.to_vec()));
                }
            }
        }
        out
    }

    #[test]
    fn blocks_hold_whole_lines_numbered_as_in_the_input() {
        let long = vec![b'x'; 3 * BLOCK + 17];
        let mut input = Vec::new();
        for i in 0..50_000 {
            input.extend_from_slice(format!("{{\"i\":{i}}}\n").as_bytes());
        }
        input.extend_from_slice(b"\n");
        input.extend_from_slice(&long);
        input.extend_from_slice(b"\r\nlast");
        for step in [1 << 20, 65536, 4096] {
            let lines = lines_of(&input, step);
            assert_eq!(lines.len(), 50_002, "step {step}");
            assert_eq!(lines[0], (1, b"{\"i\":0}".to_vec()));
            assert_eq!(lines[49_999], (50_000, b"{\"i\":49999}".to_vec()));
            assert_eq!(lines[50_000].0, 50_002, "the blank line is counted");
            assert_eq!(trim_line(&lines[50_000].1), &long[..]);
            assert_eq!(lines[50_001], (50_003, b"last".to_vec()));
        }
        assert!(lines_of(b"", 10).is_empty());
        // A producer that writes a few bytes at a time.
        let trickled = lines_of(b"{\"a\":1}\n\n{\"b\":2}\r\n{\"c\"", 3);
        assert_eq!(
            trickled,
            [
                (1, b"{\"a\":1}".to_vec()),
                (3, b"{\"b\":2}\r".to_vec()),
                (4, b"{\"c\"".to_vec())
            ]
        );
    }
}
