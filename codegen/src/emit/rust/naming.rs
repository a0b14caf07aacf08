//! Rust names from wire names and labels: snake_case fields, PascalCase types and variants,
//! accents transliterated, keywords escaped, clashes resolved the same way on every run.

use std::collections::HashSet;

/// The words of a name: split at anything not a letter or digit and at case changes
/// (`numeroCuenta` -> `numero`, `Cuenta`; `HTTPStatus` -> `HTTP`, `Status`), accents off.
fn words(name: &str) -> Vec<String> {
    let plain: String = name.chars().map(transliterate).collect();
    let chars: Vec<char> = plain.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = match prev {
            Some(p) if p.is_ascii_lowercase() && c.is_ascii_uppercase() => true,
            Some(p) if p.is_ascii_digit() && c.is_ascii_alphabetic() && c.is_ascii_uppercase() => {
                true
            }
            // `HTTPStatus`: the last capital of a run starts the next word.
            Some(p)
                if p.is_ascii_uppercase()
                    && c.is_ascii_uppercase()
                    && next.is_some_and(|n| n.is_ascii_lowercase()) =>
            {
                true
            }
            _ => false,
        };
        if boundary && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// `é` -> `e`, `ñ` -> `n`, `ü` -> `u`; anything else not ASCII becomes a separator.
fn transliterate(c: char) -> char {
    match c {
        'á' | 'à' | 'ä' | 'â' | 'ã' => 'a',
        'Á' | 'À' | 'Ä' | 'Â' | 'Ã' => 'A',
        'é' | 'è' | 'ë' | 'ê' => 'e',
        'É' | 'È' | 'Ë' | 'Ê' => 'E',
        'í' | 'ì' | 'ï' | 'î' => 'i',
        'Í' | 'Ì' | 'Ï' | 'Î' => 'I',
        'ó' | 'ò' | 'ö' | 'ô' | 'õ' => 'o',
        'Ó' | 'Ò' | 'Ö' | 'Ô' | 'Õ' => 'O',
        'ú' | 'ù' | 'ü' | 'û' => 'u',
        'Ú' | 'Ù' | 'Ü' | 'Û' => 'U',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ç' => 'c',
        'Ç' => 'C',
        c if c.is_ascii() => c,
        _ => ' ',
    }
}

/// Rust's keywords, strict and reserved (2024 edition).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// An identifier as Rust accepts it: `r#type` for a keyword, `self_` for the few that cannot
/// be raw, `n24h` for a name that starts with a digit, `value` for one with no letters.
fn escape(ident: String, fallback: &str) -> String {
    let ident = if ident.is_empty() {
        fallback.to_string()
    } else {
        ident
    };
    let ident = if ident.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{ident}")
    } else {
        ident
    };
    if NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// `numeroCuenta` -> `numero_cuenta`, `CP` -> `cp`, `type` -> `r#type`, `24h` -> `n24h`.
pub(super) fn field_name(wire: &str) -> String {
    let snake = words(wire)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    escape(snake, "value")
}

/// `noAportantes`, `CatalogoEstados`, `Automotriz Bancario` -> `NoAportantes`, `CatalogoEstados`,
/// `AutomotrizBancario`; an all-caps word keeps its first capital only (`CURP` -> `Curp`).
pub(super) fn type_name(name: &str) -> String {
    let pascal: String = words(name)
        .iter()
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            let mut chars = lower.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect();
    let pascal = if pascal.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{pascal}")
    } else {
        pascal
    };
    escape(pascal, "Value")
}

/// Names taken in one scope; [`Taken::claim`] gives a clashing name the first free suffix.
#[derive(Default)]
pub(super) struct Taken {
    names: HashSet<String>,
}

impl Taken {
    /// A scope where `reserved` are already taken.
    pub(super) fn with(reserved: &[&str]) -> Self {
        Taken {
            names: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Whether `name` is still free.
    pub(super) fn is_free(&self, name: &str) -> bool {
        !self.names.contains(name.trim_start_matches("r#"))
    }

    /// `name`, or `name2`, `name3`... (`name_2` for snake_case names), whichever is free first.
    pub(super) fn claim(&mut self, name: &str) -> String {
        let bare = name.trim_start_matches("r#");
        let snake = bare.chars().any(|c| c == '_') || bare.chars().all(|c| !c.is_ascii_uppercase());
        let mut candidate = name.to_string();
        let mut n = 2;
        while self.names.contains(candidate.trim_start_matches("r#")) {
            candidate = if snake {
                format!("{bare}_{n}")
            } else {
                format!("{bare}{n}")
            };
            n += 1;
        }
        self.names
            .insert(candidate.trim_start_matches("r#").to_string());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names() {
        let cases = [
            ("numeroCuenta", "numero_cuenta"),
            ("CP", "cp"),
            ("fechaApertura", "fecha_apertura"),
            ("type", "r#type"),
            ("in", "r#in"),
            ("self", "self_"),
            ("24h", "n24h"),
            ("x-api-key", "x_api_key"),
            ("HTTPStatus", "http_status"),
            ("año", "ano"),
            ("telefono_Celular", "telefono_celular"),
            ("$ref", "r#ref"),
            ("@type", "r#type"),
            ("日本", "value"),
        ];
        for (wire, want) in cases {
            assert_eq!(field_name(wire), want, "{wire}");
        }
    }

    #[test]
    fn type_and_variant_names() {
        let cases = [
            ("NoAportantesPeticion", "NoAportantesPeticion"),
            ("Automotriz Bancario", "AutomotrizBancario"),
            ("Zona urbana", "ZonaUrbana"),
            ("CURP", "Curp"),
            ("io.k8s.api.core.v1.Pod", "IoK8sApiCoreV1Pod"),
            ("01", "V01"),
            ("Self", "Self_"),
            ("crédito personal", "CreditoPersonal"),
            (
                "getVantageNoAportantes.request",
                "GetVantageNoAportantesRequest",
            ),
        ];
        for (name, want) in cases {
            assert_eq!(type_name(name), want, "{name}");
        }
    }

    #[test]
    fn clashes_get_the_first_free_suffix() {
        let mut taken = Taken::with(&["validate"]);
        assert_eq!(taken.claim("ZonaUrbana"), "ZonaUrbana");
        assert_eq!(taken.claim("ZonaUrbana"), "ZonaUrbana2");
        assert_eq!(taken.claim("ZonaUrbana"), "ZonaUrbana3");
        assert_eq!(taken.claim("numero_cuenta"), "numero_cuenta");
        assert_eq!(taken.claim("numero_cuenta"), "numero_cuenta_2");
        assert_eq!(taken.claim("validate"), "validate_2");
        assert_eq!(taken.claim("r#type"), "r#type");
        assert_eq!(taken.claim("r#type"), "type_2");
    }
}
