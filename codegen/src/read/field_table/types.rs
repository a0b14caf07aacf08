//! The type column of a field table (`varchar`, `Integer`, `date`, `Array`, `-`) and its size
//! column (`30`, `10,2`, `-`), read into what the model says about a field.

use crate::model::ScalarKind;

/// What a type word says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TypeWord {
    Scalar(ScalarKind),
    /// A string with this `format` (`date`, `date-time`, `time`).
    Formatted(&'static str),
    Object,
    Array,
    /// `-` or nothing: the type comes from elsewhere (children, "same as", an example).
    Unstated,
}

/// The type a word names, or `None` when molde does not know the word.
///
/// ```ignore
/// assert_eq!(type_word("VARCHAR(30)"), Some(TypeWord::Scalar(ScalarKind::String)));
/// ```
pub(crate) fn type_word(word: &str) -> Option<TypeWord> {
    let word = word.trim().trim_matches('`').trim();
    if array_items(word).is_some() {
        return Some(TypeWord::Array);
    }
    // `Arreglo de Referencias`, `Array of Address`: a list of a type described elsewhere.
    let lower = word.to_lowercase();
    if let Some((head, rest)) = lower.split_once(' ')
        && is_array_word(head)
        && ["de ", "of ", "con "]
            .iter()
            .any(|p| rest.trim_start().starts_with(p))
    {
        return Some(TypeWord::Array);
    }
    // `varchar(30)`, `decimal(10,2)`: the size in parentheses is read by [`inline_size`].
    let base = word.split('(').next().unwrap_or(word).trim().to_lowercase();
    base_word(&base)
}

fn base_word(base: &str) -> Option<TypeWord> {
    Some(match base {
        "" | "-" | "–" | "—" | "n/a" => TypeWord::Unstated,
        "varchar" | "varchar2" | "nvarchar" | "char" | "character" | "string" | "str" | "text"
        | "texto" | "cadena" | "alfanumerico" | "alfanumérico" | "alphanumeric" | "uuid"
        | "email" | "an" | "alfa" | "alpha" | "enum" | "enumeration" | "enumerado" => {
            TypeWord::Scalar(ScalarKind::String)
        }
        "int" | "integer" | "entero" | "long" | "bigint" | "smallint" | "int32" | "int64"
        | "numerico entero" => TypeWord::Scalar(ScalarKind::Integer),
        "float" | "double" | "decimal" | "number" | "numeric" | "numerico" | "numérico"
        | "money" | "real" | "numero" | "número" | "n" => TypeWord::Scalar(ScalarKind::Number),
        "bool" | "boolean" | "booleano" | "bit" => TypeWord::Scalar(ScalarKind::Boolean),
        "date" | "fecha" => TypeWord::Formatted("date"),
        "datetime" | "date-time" | "date time" | "timestamp" | "fecha y hora" | "fechahora" => {
            TypeWord::Formatted("date-time")
        }
        "time" | "hora" => TypeWord::Formatted("time"),
        "object" | "objeto" | "json" | "dict" | "diccionario" | "map" => TypeWord::Object,
        "array" | "arreglo" | "list" | "lista" | "listado" | "arr" => TypeWord::Array,
        _ => return None,
    })
}

/// The type of the items of an array written with it: `Array[String]`, `List<Integer>`,
/// `string[]`, `Array of strings`, `Arreglo de objetos`, `Lista de enteros`.
pub(crate) fn array_items(word: &str) -> Option<TypeWord> {
    let lower = word.trim().trim_matches('`').trim().to_lowercase();
    let item = if let Some(inner) = lower.strip_suffix("[]") {
        inner.trim().to_string()
    } else if let Some((head, rest)) = lower.split_once(['[', '<']) {
        if !is_array_word(head.trim()) {
            return None;
        }
        rest.trim_end_matches([']', '>']).trim().to_string()
    } else {
        let (head, rest) = lower.split_once(' ')?;
        let rest = rest.trim();
        let rest = ["of ", "de ", "con "]
            .iter()
            .find_map(|p| rest.strip_prefix(p))?;
        if !is_array_word(head) {
            return None;
        }
        rest.trim().to_string()
    };
    let word = item.split('(').next().unwrap_or(&item).trim();
    base_word(word)
        .or_else(|| word.strip_suffix("es").and_then(base_word))
        .or_else(|| word.strip_suffix('s').and_then(base_word))
        .filter(|w| !matches!(w, TypeWord::Array | TypeWord::Unstated))
}

/// A type written as prose (`Alfanumérico de hasta 200 caracteres`, `Numérico de tipo entero
/// hasta 10 posiciones`, `De tipo lógico`, `String, max 50 characters`): the kind its first word
/// names, and the length it gives a string.
pub(crate) fn type_in_prose(text: &str) -> Option<(TypeWord, Option<u64>)> {
    let folded = super::columns::fold(text);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let start = words.iter().position(|w| {
        !matches!(
            *w,
            "de" | "tipo" | "un" | "una" | "el" | "la" | "a" | "an" | "of" | "type"
        )
    })?;
    let first = words[start];
    let word = match first {
        "logico" | "booleano" => TypeWord::Scalar(ScalarKind::Boolean),
        "numerico" | "numeric" | "numero" | "number" | "decimal" | "importe" | "monto" => {
            TypeWord::Scalar(ScalarKind::Number)
        }
        _ => base_word(first).filter(|w| !matches!(w, TypeWord::Unstated))?,
    };
    let integer = words
        .iter()
        .any(|w| matches!(*w, "entero" | "integer" | "int"));
    let word = match word {
        TypeWord::Scalar(ScalarKind::Number) if integer => TypeWord::Scalar(ScalarKind::Integer),
        other => other,
    };
    let length = match word {
        TypeWord::Scalar(ScalarKind::String) => words.windows(2).find_map(|pair| {
            let n = pair[0].parse::<u64>().ok();
            let unit = matches!(
                pair[1],
                "caracteres"
                    | "caracter"
                    | "characters"
                    | "chars"
                    | "char"
                    | "posiciones"
                    | "digitos"
            );
            n.filter(|_| unit)
        }),
        _ => None,
    };
    Some((word, length))
}

fn is_array_word(word: &str) -> bool {
    matches!(
        word,
        "array" | "arreglo" | "list" | "lista" | "listado" | "arr"
    )
}

/// The size written in a type cell (`varchar(30)`: `30`; `decimal(10,2)`: `10,2`), for a
/// table without a size column.
pub(crate) fn inline_size(word: &str) -> Option<&str> {
    let (_, rest) = word.split_once('(')?;
    let inside = rest.split_once(')')?.0.trim();
    (!inside.is_empty()
        && inside
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' ')))
    .then_some(inside)
}

/// The maximum length a size cell gives (`30`), `Ok(None)` when it gives none (`-`, empty, a
/// precision such as `10,2`), or `Err` with the text when it is not a size at all.
pub(crate) fn size(cell: &str) -> Result<Option<u64>, String> {
    let text = cell.trim();
    if text.is_empty() || matches!(text, "-" | "–" | "—" | "n/a" | "N/A") {
        return Ok(None);
    }
    if let Ok(n) = text.parse::<u64>() {
        return Ok(Some(n));
    }
    // A precision (`10,2`, `10.2`) bounds digits, not length.
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if let Some((a, b)) = text.split_once([',', '.']) {
        if digits(a.trim()) && digits(b.trim()) {
            return Ok(None);
        }
    }
    Err(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_words_in_both_languages() {
        let cases = [
            ("varchar", Some(TypeWord::Scalar(ScalarKind::String))),
            ("VARCHAR(30)", Some(TypeWord::Scalar(ScalarKind::String))),
            ("String", Some(TypeWord::Scalar(ScalarKind::String))),
            ("text", Some(TypeWord::Scalar(ScalarKind::String))),
            ("int", Some(TypeWord::Scalar(ScalarKind::Integer))),
            ("Integer", Some(TypeWord::Scalar(ScalarKind::Integer))),
            ("float", Some(TypeWord::Scalar(ScalarKind::Number))),
            ("decimal(10,2)", Some(TypeWord::Scalar(ScalarKind::Number))),
            ("boolean", Some(TypeWord::Scalar(ScalarKind::Boolean))),
            ("date", Some(TypeWord::Formatted("date"))),
            ("Date", Some(TypeWord::Formatted("date"))),
            ("timestamp", Some(TypeWord::Formatted("date-time"))),
            ("object", Some(TypeWord::Object)),
            ("Array", Some(TypeWord::Array)),
            ("arreglo", Some(TypeWord::Array)),
            ("-", Some(TypeWord::Unstated)),
            ("", Some(TypeWord::Unstated)),
            ("strng", None),
            ("varchar2", Some(TypeWord::Scalar(ScalarKind::String))),
            ("Array[Object]", Some(TypeWord::Array)),
            ("string[]", Some(TypeWord::Array)),
            ("Array of strings", Some(TypeWord::Array)),
            ("Numérico", Some(TypeWord::Scalar(ScalarKind::Number))),
            ("AN", Some(TypeWord::Scalar(ScalarKind::String))),
            ("array of nonsense", Some(TypeWord::Array)),
            (
                "Arreglo de [Referencias](#Referencias)",
                Some(TypeWord::Array),
            ),
        ];
        for (word, want) in cases {
            assert_eq!(type_word(word), want, "{word}");
        }
    }

    #[test]
    fn array_item_types_in_both_languages() {
        let cases = [
            ("Array[String]", Some(TypeWord::Scalar(ScalarKind::String))),
            ("List<Integer>", Some(TypeWord::Scalar(ScalarKind::Integer))),
            ("string[]", Some(TypeWord::Scalar(ScalarKind::String))),
            (
                "Array of strings",
                Some(TypeWord::Scalar(ScalarKind::String)),
            ),
            ("Array of objects", Some(TypeWord::Object)),
            ("Arreglo de objetos", Some(TypeWord::Object)),
            (
                "Lista de enteros",
                Some(TypeWord::Scalar(ScalarKind::Integer)),
            ),
            ("Lista de fechas", Some(TypeWord::Formatted("date"))),
            ("Array", None),
            ("String", None),
            ("Fecha de alta", None),
        ];
        for (word, want) in cases {
            assert_eq!(array_items(word), want, "{word}");
        }
    }

    #[test]
    fn types_written_as_prose() {
        let cases = [
            (
                "Alfanumérico de hasta 200 caracteres",
                Some((TypeWord::Scalar(ScalarKind::String), Some(200))),
            ),
            (
                "Numérico con 13 dígitos con hasta 2 decimales 999999[.CC]",
                Some((TypeWord::Scalar(ScalarKind::Number), None)),
            ),
            (
                "Numérico de tipo entero hasta 10 posiciones",
                Some((TypeWord::Scalar(ScalarKind::Integer), None)),
            ),
            (
                "De tipo lógico",
                Some((TypeWord::Scalar(ScalarKind::Boolean), None)),
            ),
            (
                "String, max 50 characters",
                Some((TypeWord::Scalar(ScalarKind::String), Some(50))),
            ),
            (
                "Datetime (yyyy-MM-ddTHH:mm:ss)",
                Some((TypeWord::Formatted("date-time"), None)),
            ),
            ("Ver tabla de referencia", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(type_in_prose(text), want, "{text}");
        }
    }

    #[test]
    fn sizes_written_in_the_type() {
        assert_eq!(inline_size("varchar(30)"), Some("30"));
        assert_eq!(inline_size("Decimal(10,2)"), Some("10,2"));
        assert_eq!(inline_size("String (ISO 8601)"), None);
        assert_eq!(inline_size("String"), None);
    }

    #[test]
    fn sizes_lengths_precisions_and_nonsense() {
        assert_eq!(size("30"), Ok(Some(30)));
        assert_eq!(size(" - "), Ok(None));
        assert_eq!(size(""), Ok(None));
        assert_eq!(size("10,2"), Ok(None));
        assert_eq!(size("treinta"), Err("treinta".to_string()));
    }
}
