//! properties, required and additionalProperties.

use crate::compile::ObjectChecks;
use crate::report::{At, Sink, Stop};

/// Which required members an object has shown so far: a bit per `required` entry, on the stack
/// for the first 256 of them.
pub(crate) struct Seen {
    inline: [u64; 4],
    /// Bits 256 and up, for the rare object with more.
    spill: Vec<u64>,
    /// How many distinct members were inserted.
    count: usize,
}

/// Bits kept on the stack; objects with more declared members use the key table instead.
pub(crate) const INLINE_BITS: usize = 256;

impl Seen {
    #[inline]
    pub fn new(required: usize) -> Seen {
        let spill = if required > INLINE_BITS {
            vec![0; (required - INLINE_BITS).div_ceil(64)]
        } else {
            Vec::new()
        };
        Seen {
            inline: [0; 4],
            spill,
            count: 0,
        }
    }

    #[inline]
    fn word(&mut self, i: usize) -> (&mut u64, u64) {
        let bit = 1 << (i % 64);
        if i < INLINE_BITS {
            (&mut self.inline[i / 64], bit)
        } else {
            (&mut self.spill[(i - INLINE_BITS) / 64], bit)
        }
    }

    #[inline]
    pub fn insert(&mut self, i: usize) {
        self.insert_new(i);
    }

    /// Adds `i`; false if it was already there.
    #[inline]
    pub fn insert_new(&mut self, i: usize) -> bool {
        let (word, bit) = self.word(i);
        let new = *word & bit == 0;
        *word |= bit;
        self.count += usize::from(new);
        new
    }

    /// True when every bit of `bits` is set (bits 0 to 255).
    #[inline]
    pub fn covers(&self, bits: &[u64; 4]) -> bool {
        self.inline
            .iter()
            .zip(bits)
            .all(|(have, want)| have & want == *want)
    }

    fn contains(&mut self, i: usize) -> bool {
        let (word, bit) = self.word(i);
        *word & bit != 0
    }
}

/// [`check_required`] from the members seen by index (`declared`, an object of at most 256
/// members): one compare when all are there.
#[inline]
pub(crate) fn check_required_by_index(
    object: &ObjectChecks,
    declared: &mut Seen,
    sink: &mut Sink<'_, '_>,
    at: At<'_, '_>,
) -> Result<(), Stop> {
    if declared.covers(&object.required_bits) {
        return Ok(());
    }
    report_missing_by_index(object, declared, sink, at)
}

/// One violation per required member missing from `declared`.
#[cold]
fn report_missing_by_index(
    object: &ObjectChecks,
    declared: &mut Seen,
    sink: &mut Sink<'_, '_>,
    at: At<'_, '_>,
) -> Result<(), Stop> {
    for (name, &member) in object.required.iter().zip(&object.required_members) {
        if !declared.contains(member) {
            sink.fail_member(at, Some(name), "required", || {
                format!("missing required member \"{name}\"")
            })?;
        }
    }
    Ok(())
}

/// One violation per required member that the object lacks, pointing at the missing member.
pub(crate) fn check_required(
    object: &ObjectChecks,
    seen: &mut Seen,
    sink: &mut Sink<'_, '_>,
    at: At<'_, '_>,
) -> Result<(), Stop> {
    // Nearly always every required member is there: one compare says so.
    if seen.count == object.required.len() {
        return Ok(());
    }
    for (i, name) in object.required.iter().enumerate() {
        if !seen.contains(i) {
            sink.fail_member(at, Some(name), "required", || {
                format!("missing required member \"{name}\"")
            })?;
        }
    }
    Ok(())
}

pub(crate) fn unexpected_member(object: &ObjectChecks, name: &str) -> String {
    let declared: Vec<&str> = object
        .members
        .iter()
        .filter(|m| m.schema.is_some())
        .map(|m| m.name.as_str())
        .collect();
    if declared.is_empty() {
        format!("unexpected member \"{name}\": the schema allows no members")
    } else {
        format!(
            "unexpected member \"{name}\": the schema allows only {}",
            declared.join(", ")
        )
    }
}

const HASH_K: u64 = 0x517c_c1b7_2722_0a95;

/// One step of [`key_hash`]: mixes in eight bytes (little-endian, zero-padded at the end).
#[inline]
pub(crate) fn hash_step(h: u64, word: u64) -> u64 {
    (h.rotate_left(5) ^ word).wrapping_mul(HASH_K)
}

/// The last step of [`key_hash`]: mixes in the length.
#[inline]
pub(crate) fn hash_finish(h: u64, len: usize) -> u64 {
    let h = hash_step(h, len as u64);
    h ^ (h >> 29)
}

/// A fast hash of a member name's bytes (its decoded text), shared by the duplicate check and
/// the schema's member table so each name is hashed once. The stream computes the same hash
/// while it scans a name (see `Stream::member_name`).
pub(crate) fn key_hash(bytes: &[u8]) -> u64 {
    let mut h = 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        h = hash_step(
            h,
            u64::from_le_bytes(chunk.try_into().expect("chunks of 8 bytes")),
        );
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        h = hash_step(h, u64::from_le_bytes(last));
    }
    hash_finish(h, bytes.len())
}

#[cfg(test)]
mod tests {
    use super::Seen;

    #[test]
    fn seen_keeps_each_bit_on_the_stack_or_past_it_and_counts_distinct_members() {
        for n in [1, 64, 256, 257, 1000] {
            let mut seen = Seen::new(n);
            for i in (0..n).step_by(3) {
                assert!(seen.insert_new(i), "{i} of {n}");
                assert!(!seen.insert_new(i), "{i} of {n} twice");
            }
            for i in 0..n {
                assert_eq!(seen.contains(i), i % 3 == 0, "{i} of {n}");
            }
            assert_eq!(seen.count, n.div_ceil(3));
        }
    }
}
