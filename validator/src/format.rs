//! The asserted formats: `date` and `date-time` (RFC 3339) and `email` (RFC 5321 mailbox).

/// A `format` the validator asserts; other formats are annotations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Date,
    DateTime,
    Email,
}

impl Format {
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "date" => Some(Format::Date),
            "date-time" => Some(Format::DateTime),
            "email" => Some(Format::Email),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Date => "date",
            Format::DateTime => "date-time",
            Format::Email => "email",
        }
    }

    pub fn accepts(self, text: &str) -> bool {
        match self {
            Format::Date => is_full_date(text.as_bytes()),
            Format::DateTime => is_date_time(text.as_bytes()),
            Format::Email => is_email(text),
        }
    }

    /// What a value of this format looks like, for messages.
    pub fn example(self) -> &'static str {
        match self {
            Format::Date => "YYYY-MM-DD",
            Format::DateTime => "YYYY-MM-DDThh:mm:ssZ",
            Format::Email => "name@example.com",
        }
    }
}

fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        bytes
            .iter()
            .fold(0, |acc, d| acc * 10 + u32::from(d - b'0')),
    )
}

/// `full-date = date-fullyear "-" date-month "-" date-mday`, with the real length of the month.
fn is_full_date(b: &[u8]) -> bool {
    let &[y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = b else {
        return false;
    };
    // Each byte's value as a digit: one compare tells whether all eight are digits.
    let [y1, y2, y3, y4, m1, m2, d1, d2] =
        [y1, y2, y3, y4, m1, m2, d1, d2].map(|c| u32::from(c.wrapping_sub(b'0')));
    if [y1, y2, y3, y4, m1, m2, d1, d2].iter().any(|&d| d > 9) {
        return false;
    }
    let (year, month, day) = (
        ((y1 * 10 + y2) * 10 + y3) * 10 + y4,
        m1 * 10 + m2,
        d1 * 10 + d2,
    );
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// `date-time = full-date "T" full-time` (T and Z in either case); a leap second is allowed
/// only where one can happen, at 23:59:60 UTC.
fn is_date_time(b: &[u8]) -> bool {
    if b.len() < 20 || !matches!(b[10], b'T' | b't') || !is_full_date(&b[..10]) {
        return false;
    }
    let time = &b[11..];
    if time[2] != b':' || time[5] != b':' {
        return false;
    }
    let (Some(hour), Some(minute), Some(second)) = (
        digits(&time[0..2]),
        digits(&time[3..5]),
        digits(&time[6..8]),
    ) else {
        return false;
    };
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut rest = &time[8..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let n = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &fraction[n..];
    }
    let offset_minutes: i64 = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (Some(h), Some(m)) = (digits(&[*h1, *h2]), digits(&[*m1, *m2])) else {
                return false;
            };
            if h > 23 || m > 59 {
                return false;
            }
            let total = i64::from(h * 60 + m);
            if *sign == b'+' { total } else { -total }
        }
        _ => return false,
    };
    if second == 60 {
        let utc = (i64::from(hour * 60 + minute) - offset_minutes).rem_euclid(24 * 60);
        return utc == 23 * 60 + 59;
    }
    true
}

/// `local@domain`: a dot-atom or quoted local part of at most 64 octets, and a host name or an
/// address literal (`[192.0.2.1]`, `[IPv6:2001:db8::1]`) as domain.
fn is_email(text: &str) -> bool {
    let Some(at) = text.rfind('@') else {
        return false;
    };
    let (local, domain) = (&text[..at], &text[at + 1..]);
    if local.is_empty() || local.len() > 64 || domain.is_empty() || domain.len() > 255 {
        return false;
    }
    let local_ok = if let Some(quoted) = local.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
        let mut escaped = false;
        quoted.bytes().all(|c| {
            let ok = escaped || (c != b'"' && (c == b' ' || c.is_ascii_graphic()));
            escaped = !escaped && c == b'\\';
            ok
        }) && !escaped
    } else {
        local.split('.').all(|atom| {
            !atom.is_empty()
                && atom
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&c))
        })
    };
    local_ok && is_mail_domain(domain)
}

fn is_mail_domain(domain: &str) -> bool {
    if let Some(literal) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        return match literal.strip_prefix("IPv6:") {
            Some(v6) => v6.parse::<std::net::Ipv6Addr>().is_ok(),
            None => literal.parse::<std::net::Ipv4Addr>().is_ok(),
        };
    }
    domain.split('.').all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_accept_and_refuse() {
        let cases = [
            (Format::Date, "2020-02-29", true),
            (Format::Date, "2000-02-29", true),
            (Format::Date, "1900-02-29", false),
            (Format::Date, "2019-02-30", false),
            (Format::Date, "2019-04-31", false),
            (Format::Date, "2019-13-01", false),
            (Format::Date, "2019-1-01", false),
            (Format::Date, "20190101", false),
            (Format::Date, "2019-01-01T00:00:00Z", false),
            (Format::DateTime, "2019-01-01T23:59:59Z", true),
            (Format::DateTime, "2019-01-01t23:59:59.123456z", true),
            (Format::DateTime, "2019-01-01T10:00:00-06:00", true),
            (Format::DateTime, "2016-12-31T23:59:60Z", true),
            (Format::DateTime, "2016-12-31T17:59:60-06:00", true),
            (Format::DateTime, "2016-12-31T22:59:60Z", false),
            (Format::DateTime, "2019-01-01T24:00:00Z", false),
            (Format::DateTime, "2019-01-01T10:00:00", false),
            (Format::DateTime, "2019-01-01 10:00:00Z", false),
            (Format::DateTime, "2019-02-30T10:00:00Z", false),
            (Format::DateTime, "2019-01-01T10:00:00.Z", false),
            (Format::Email, "ana.lopez@example.com.mx", true),
            (Format::Email, "\"ana lopez\"@example.com", true),
            (Format::Email, "ana@[192.0.2.1]", true),
            (Format::Email, "ana@[IPv6:2001:db8::1]", true),
            (Format::Email, "ana", false),
            (Format::Email, "@example.com", false),
            (Format::Email, "ana@", false),
            (Format::Email, "ana..lopez@example.com", false),
            (Format::Email, "ana@-example.com", false),
            (Format::Email, "ana lopez@example.com", false),
        ];
        for (format, text, ok) in cases {
            assert_eq!(format.accepts(text), ok, "{} {text}", format.name());
        }
    }
}
