//! What a values column or a description says about a field's values: the codes it lists
//! (`M (Male) / F (Female)`, `1-CURP 2-Numero socio`, `0- No es socio 1- Si es socio`,
//! `Femenino - Masculino`), a date format (`Formato: YYYY-mm-dd`), a least count
//! (`1 o mas propiedades`).

/// A code and the label written beside it.
pub(crate) type Code = (String, Option<String>);

/// The codes `text` lists, when it lists at least two in one of the notations docs use. The
/// looser notations (`Femenino - Masculino`, `A, B, C`) count only in a values column, where
/// nothing else is written.
///
/// ```ignore
/// let codes = codes("Género: M (Male) / F (Female)", false).unwrap();
/// assert_eq!(codes[1], ("F".into(), Some("Female".into())));
/// ```
pub(crate) fn codes(text: &str, values_column: bool) -> Option<Vec<Code>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    parenthesized(text)
        .or_else(|| numbered(text))
        .or_else(|| values_column.then(|| dashed(text)).flatten())
        .or_else(|| values_column.then(|| listed(text)).flatten())
}

/// `CODE (Label) / CODE (Label) ...`, the first maybe after a prefix (`Género: M (Male) / ...`).
fn parenthesized(text: &str) -> Option<Vec<Code>> {
    let items: Vec<&str> = text.split('/').map(str::trim).collect();
    if items.len() < 2 {
        return None;
    }
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let open = item.find('(')?;
        let close = item.rfind(')')?;
        if close < open || !item[close + 1..].trim().trim_end_matches('.').is_empty() {
            return None;
        }
        let before = item[..open].trim();
        // Only the first item may carry prose before its code.
        let code = if i == 0 {
            before.rsplit([' ', ':']).next().unwrap_or(before)
        } else {
            before
        };
        let label = item[open + 1..close].trim();
        if !is_code(code) || label.is_empty() {
            return None;
        }
        out.push((code.to_string(), Some(label.to_string())));
    }
    distinct(out)
}

/// `1-CURP 2-Numero socio`, `0- No es socio 1- Si es socio`, `1 = Activo, 2 = Inactivo`,
/// `1: CURP; 2: Pasaporte`: numbers each followed by a separator and a label, from the start.
fn numbered(text: &str) -> Option<Vec<Code>> {
    let bytes = text.as_bytes();
    // Every `N-`, `N =`, `N:` at the start or after a space or separator.
    let mut marks: Vec<(usize, usize, String)> = Vec::new(); // (start, label start, code)
    let mut i = 0;
    while i < bytes.len() {
        let at_boundary = i == 0 || matches!(bytes[i - 1], b' ' | b',' | b';' | b'\t');
        if at_boundary && bytes[i].is_ascii_digit() {
            let mut j = i;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            let mut k = j;
            while k < bytes.len() && bytes[k] == b' ' {
                k += 1;
            }
            if k < bytes.len() && matches!(bytes[k], b'-' | b'=' | b':' | b')') {
                let mut label = k + 1;
                while label < bytes.len() && bytes[label] == b' ' {
                    label += 1;
                }
                marks.push((i, label, text[i..j].to_string()));
                i = label;
                continue;
            }
        }
        i += 1;
    }
    if marks.len() < 2 || marks[0].0 != 0 {
        return None;
    }
    let mut out = Vec::new();
    for (n, (_, label_start, code)) in marks.iter().enumerate() {
        let end = marks.get(n + 1).map_or(text.len(), |m| m.0);
        let label = text[*label_start..end]
            .trim()
            .trim_end_matches([',', ';', '.'])
            .trim();
        if label.is_empty() {
            return None;
        }
        out.push((code.clone(), Some(label.to_string())));
    }
    distinct(out)
}

/// `Femenino - Masculino`: words separated by ` - `.
fn dashed(text: &str) -> Option<Vec<Code>> {
    let parts: Vec<&str> = text.split(" - ").map(str::trim).collect();
    if parts.len() < 2
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 40 || p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    distinct(parts.iter().map(|p| (p.to_string(), None)).collect())
}

/// `S, N` or `A / B / C`: short codes separated by commas or slashes.
fn listed(text: &str) -> Option<Vec<Code>> {
    let parts: Vec<&str> = text.split([',', '/', '|']).map(str::trim).collect();
    if parts.len() < 2 || parts.iter().any(|p| !is_code(p)) {
        return None;
    }
    distinct(parts.iter().map(|p| (p.to_string(), None)).collect())
}

fn is_code(text: &str) -> bool {
    (1..=20).contains(&text.chars().count())
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// The codes, when no code is listed twice.
fn distinct(codes: Vec<Code>) -> Option<Vec<Code>> {
    let mut seen = std::collections::HashSet::new();
    codes
        .iter()
        .all(|(code, _)| seen.insert(code.clone()))
        .then_some(codes)
}

/// The date or time format a text names (`Formato YYYY-MM-DD` is `date`).
pub(crate) fn date_format(text: &str) -> Option<&'static str> {
    let folded = text.to_lowercase().replace('\'', "");
    if folded.contains("yyyy-mm-ddthh:mm") || folded.contains("yyyy-mm-dd hh:mm") {
        Some("date-time")
    } else if folded.contains("yyyy-mm-dd") || folded.contains("aaaa-mm-dd") {
        Some("date")
    } else if folded.contains("hh:mm:ss") {
        Some("time")
    } else {
        None
    }
}

/// The least number of items a text asks for: `1 o mas propiedades`, `1 or more`, `al menos 2`.
pub(crate) fn least_count(text: &str) -> Option<u64> {
    let folded = text.to_lowercase().replace('á', "a");
    let words: Vec<&str> = folded.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let Ok(n) = w.parse::<u64>() else { continue };
        let next = (words.get(i + 1).copied(), words.get(i + 2).copied());
        let before = i.checked_sub(2).map(|b| (words[b], words[b + 1]));
        if matches!(next, (Some("o"), Some("mas")) | (Some("or"), Some("more")))
            || matches!(before, Some(("al", "menos")) | Some(("at", "least")))
        {
            return Some(n);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(codes: Option<Vec<Code>>) -> Vec<String> {
        codes
            .unwrap_or_default()
            .into_iter()
            .map(|(c, l)| match l {
                Some(l) => format!("{c}={l}"),
                None => c,
            })
            .collect()
    }

    #[test]
    fn code_notations_in_descriptions_and_values_columns() {
        let cases: [(&str, bool, &[&str]); 11] = [
            (
                "Género: M (Male) / F (Female) / NB (No Binary) / NC (No Comments) / O (Other)",
                false,
                &[
                    "M=Male",
                    "F=Female",
                    "NB=No Binary",
                    "NC=No Comments",
                    "O=Other",
                ],
            ),
            ("1-CURP 2-Numero socio", true, &["1=CURP", "2=Numero socio"]),
            (
                "0- No es socio 1- Si es socio",
                true,
                &["0=No es socio", "1=Si es socio"],
            ),
            (
                "1 = Activo, 2 = Inactivo",
                false,
                &["1=Activo", "2=Inactivo"],
            ),
            ("Femenino - Masculino", true, &["Femenino", "Masculino"]),
            ("S, N", true, &["S", "N"]),
            // Looser notations count only in a values column.
            ("Femenino - Masculino", false, &[]),
            // One code is no list; a label that runs on is not split.
            ("1- es Jubilado No es Jubilado", true, &[]),
            ("Primer nombre del cliente", false, &[]),
            ("Código de estado civil. Ver Anexos", false, &[]),
            ("1 o mas propiedades", true, &[]),
        ];
        for (text, column, want) in cases {
            assert_eq!(plain(codes(text, column)), want, "{text}");
        }
    }

    #[test]
    fn formats_and_counts() {
        assert_eq!(date_format("Formato: YYYY-mm-dd"), Some("date"));
        assert_eq!(
            date_format("Fecha de Nacimiento. Formato YYYY-MM-DD"),
            Some("date")
        );
        assert_eq!(date_format("yyyy-MM-dd'T'HH:mm:ss"), Some("date-time"));
        assert_eq!(date_format("Nombre"), None);
        assert_eq!(least_count("1 o mas propiedades"), Some(1));
        assert_eq!(least_count("1 or more items"), Some(1));
        assert_eq!(least_count("al menos 2 referencias"), Some(2));
        assert_eq!(least_count("1 referencia"), None);
    }
}
