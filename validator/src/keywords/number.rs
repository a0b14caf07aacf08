//! minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf and the "integer" test,
//! all decided on the decimal digits as written: exact for any length (a 5,000-digit number
//! compares correctly), and no float rounding (`0.3` is a multiple of `0.1`).

use std::cmp::Ordering;

use crate::compile::NumberChecks;
use crate::report::{At, Sink, Stop};

/// A JSON number, read from its text (which the scanner has already checked).
#[derive(Clone, Copy, Debug)]
pub(crate) struct NumView<'a> {
    text: &'a [u8],
    neg: bool,
    /// Integer and fraction digits with the '.' between them, no sign, no exponent.
    mantissa: &'a [u8],
    /// Index of the first and one past the last non-zero digit in `mantissa` (equal when zero).
    lead: usize,
    trail: usize,
    /// Power of ten such that the value is 0.d1d2d3... x 10^magnitude (d1 the first non-zero digit).
    magnitude: i64,
    /// Number of significant digits, d1 to the last non-zero one.
    significant: i64,
}

/// Exponents beyond this are clamped; such numbers are astronomically far from any bound.
const EXPONENT_CLAMP: i64 = 1 << 50;

impl<'a> NumView<'a> {
    /// Reads valid JSON number text (`-12.50e+3`).
    pub fn parse(text: &'a [u8]) -> NumView<'a> {
        let (neg, body) = match text.first() {
            Some(b'-') => (true, &text[1..]),
            _ => (false, text),
        };
        let e = body
            .iter()
            .position(|&b| b == b'e' || b == b'E')
            .unwrap_or(body.len());
        let mantissa = &body[..e];
        let exponent = parse_exponent(body.get(e + 1..).unwrap_or_default());
        let point = mantissa
            .iter()
            .position(|&b| b == b'.')
            .unwrap_or(mantissa.len());
        let is_sig = |b: &u8| b.is_ascii_digit() && *b != b'0';
        let lead = mantissa.iter().position(is_sig).unwrap_or(mantissa.len());
        let trail = mantissa.iter().rposition(is_sig).map_or(lead, |i| i + 1);
        let (magnitude, significant) = if lead == trail {
            (0, 0)
        } else {
            let magnitude = if lead < point {
                (point - lead) as i64
            } else {
                -((lead - point - 1) as i64)
            };
            let dot_inside = (lead < point && point < trail) as i64;
            (magnitude + exponent, (trail - lead) as i64 - dot_inside)
        };
        NumView {
            text,
            neg,
            mantissa,
            lead,
            trail,
            magnitude,
            significant,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.lead == self.trail
    }

    pub fn is_positive(&self) -> bool {
        !self.neg && !self.is_zero()
    }

    /// The significant digits, most significant first, as values 0-9.
    fn digits(&self) -> impl Iterator<Item = u8> + 'a {
        let slice = &self.mantissa[self.lead..self.trail];
        slice.iter().filter(|b| **b != b'.').map(|b| b - b'0')
    }

    /// Whether the fractional part is zero (`1.0`, `1e3` and `150e-1` are integers).
    pub fn is_integer(&self) -> bool {
        self.is_zero() || self.magnitude >= self.significant
    }

    /// Exact numeric order (`1` equals `1.0` and `0.1e1`).
    pub fn cmp(&self, other: &NumView<'_>) -> Ordering {
        let sign = |n: &NumView<'_>| {
            if n.is_zero() {
                0
            } else if n.neg {
                -1
            } else {
                1
            }
        };
        match sign(self).cmp(&sign(other)) {
            Ordering::Equal if sign(self) == 0 => Ordering::Equal,
            Ordering::Equal => {
                let abs = self
                    .magnitude
                    .cmp(&other.magnitude)
                    .then_with(|| self.digits().cmp(other.digits()));
                if self.neg { abs.reverse() } else { abs }
            }
            order => order,
        }
    }

    /// Whether `self / divisor` is an integer, computed on the digits.
    pub fn is_multiple_of(&self, divisor: &NumView<'_>) -> bool {
        if self.is_zero() {
            return true;
        }
        // self = a x 10^p, divisor = b x 10^q with a, b integers without trailing zeros.
        let p = self.magnitude - self.significant;
        let q = divisor.magnitude - divisor.significant;
        let b = divisor.digits().try_fold(0u64, |acc, d| {
            acc.checked_mul(10)?.checked_add(u64::from(d))
        });
        match b {
            Some(b) => {
                if p < q {
                    // a has no trailing zero, b x 10^(q-p) does: never divisible.
                    return false;
                }
                let b = u128::from(b);
                let a_mod = self
                    .digits()
                    .fold(0u128, |r, d| (r * 10 + u128::from(d)) % b);
                a_mod * pow_mod(10, (p - q) as u64, b) % b == 0
            }
            // A divisor with more than 19 significant digits: good enough in floating point.
            None => {
                let quotient = self.to_f64() / divisor.to_f64();
                quotient.is_finite() && quotient.fract() == 0.0
            }
        }
    }

    fn to_f64(self) -> f64 {
        std::str::from_utf8(self.text)
            .ok()
            .and_then(|t| t.parse().ok())
            .unwrap_or(f64::NAN)
    }

    /// A hash that agrees with [`NumView::cmp`] equality.
    pub fn hash_into(&self, state: &mut u64) {
        if self.is_zero() {
            mix(state, 0);
            return;
        }
        mix(state, u64::from(self.neg) + 1);
        mix(state, self.magnitude as u64);
        for d in self.digits() {
            mix(state, u64::from(d));
        }
    }
}

pub(crate) fn mix(state: &mut u64, word: u64) {
    *state = (state.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
}

/// Runs `f` on the JSON text of `n` without allocating (serde_json writes at most ~25 bytes).
pub(crate) fn with_text<R>(n: &serde_json::Number, f: impl FnOnce(&str) -> R) -> R {
    struct Buf {
        bytes: [u8; 40],
        len: usize,
    }
    impl std::fmt::Write for Buf {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            let end = self.len + s.len();
            self.bytes
                .get_mut(self.len..end)
                .ok_or(std::fmt::Error)?
                .copy_from_slice(s.as_bytes());
            self.len = end;
            Ok(())
        }
    }
    let mut buf = Buf {
        bytes: [0; 40],
        len: 0,
    };
    if std::fmt::write(&mut buf, format_args!("{n}")).is_ok() {
        f(std::str::from_utf8(&buf.bytes[..buf.len]).unwrap_or("0"))
    } else {
        f(&n.to_string())
    }
}

fn parse_exponent(text: &[u8]) -> i64 {
    let (neg, digits) = match text.first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let value = digits.iter().fold(0i64, |acc, d| {
        (acc * 10 + i64::from(d - b'0')).min(EXPONENT_CLAMP)
    });
    if neg { -value } else { value }
}

fn pow_mod(mut base: u128, mut exp: u64, modulus: u128) -> u128 {
    let mut result = 1 % modulus;
    base %= modulus;
    while exp > 0 {
        if exp & 1 == 1 {
            result = result * base % modulus;
        }
        base = base * base % modulus;
        exp >>= 1;
    }
    result
}

/// Checks a number against the numeric keywords of one schema.
pub(crate) fn check(
    checks: &NumberChecks,
    text: &str,
    sink: &mut Sink<'_, '_>,
    at: At<'_, '_>,
) -> Result<(), Stop> {
    let value = NumView::parse(text.as_bytes());
    for bound in &checks.bounds {
        let limit = NumView::parse(bound.limit.as_bytes());
        let order = value.cmp(&limit);
        let ok = match (bound.upper, bound.exclusive) {
            (true, false) => order != Ordering::Greater,
            (true, true) => order == Ordering::Less,
            (false, false) => order != Ordering::Less,
            (false, true) => order == Ordering::Greater,
        };
        if !ok {
            let relation = match (bound.upper, bound.exclusive) {
                (true, false) => "at most",
                (true, true) => "less than",
                (false, false) => "at least",
                (false, true) => "greater than",
            };
            sink.fail(at, bound.keyword, || {
                format!("expected a number {relation} {}, found {text}", bound.limit)
            })?;
        }
    }
    if let Some(divisor) = &checks.multiple_of
        && !value.is_multiple_of(&NumView::parse(divisor.as_bytes()))
    {
        sink.fail(at, "multipleOf", || {
            format!("expected a multiple of {divisor}, found {text}")
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> NumView<'_> {
        NumView::parse(s.as_bytes())
    }

    #[test]
    fn integers_and_order_follow_the_digits() {
        for (text, integer) in [
            ("0", true),
            ("-0.0", true),
            ("1.0", true),
            ("1.5", false),
            ("150e-1", true),
            ("155e-1", false),
            ("1e400", true),
            ("0.001e3", true),
            ("12.5e1", true),
            ("1e-400", false),
        ] {
            assert_eq!(n(text).is_integer(), integer, "{text}");
        }
        for (a, b, order) in [
            ("1", "1.0", Ordering::Equal),
            ("0.1e1", "1", Ordering::Equal),
            ("-0", "0", Ordering::Equal),
            ("2", "10", Ordering::Less),
            ("-2", "-10", Ordering::Greater),
            ("9007199254740993", "9007199254740992", Ordering::Greater),
            ("0.0001", "0.001", Ordering::Less),
            ("-1", "0", Ordering::Less),
            ("1e400", "1.7976931348623157e308", Ordering::Greater),
        ] {
            assert_eq!(n(a).cmp(&n(b)), order, "{a} vs {b}");
        }
    }

    #[test]
    fn multiples_are_exact() {
        for (a, b, multiple) in [
            ("0.3", "0.1", true),
            ("19.99", "0.01", true),
            ("19.995", "0.01", false),
            ("10", "2.5", true),
            ("7", "2", false),
            ("1e30", "7", false),
            ("7e30", "7", true),
            ("0", "3", true),
            ("-9", "3", true),
        ] {
            assert_eq!(n(a).is_multiple_of(&n(b)), multiple, "{a} / {b}");
        }
    }
}
