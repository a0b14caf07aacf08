//! "Did you mean": the name a misspelt one most likely meant. Readers use it for references they
//! resolve themselves, lints for the rest.

/// The candidate closest to `name` by edit distance (ignoring case), if it is close enough to be
/// a likely typo: at most one edit per five characters, and at least one.
///
/// ```
/// use molde_codegen::suggest::closest_name;
/// assert_eq!(closest_name("Persna", ["Persona", "Domicilio"]), Some("Persona"));
/// assert_eq!(closest_name("CatalogoEstados", ["CatalogoEstadoCivil"]), None);
/// ```
pub fn closest_name<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    closest_name_within(name, candidates, 5)
}

/// [`closest_name`] allowing one edit per `chars_per_edit` characters (at least one), for
/// callers whose candidates are few and already narrowed down.
///
/// ```
/// use molde_codegen::suggest::closest_name_within;
/// assert_eq!(closest_name_within("fuelleingresos", ["fuentesingresos"], 5), None);
/// assert_eq!(closest_name_within("fuelleingresos", ["fuentesingresos"], 4), Some("fuentesingresos"));
/// ```
pub fn closest_name_within<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    chars_per_edit: usize,
) -> Option<&'c str> {
    let limit = (name.chars().count() / chars_per_edit.max(1)).max(1);
    let name = name.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&name, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The name sharing the longest prefix with `name`, when that prefix is at least half of it
/// (`CatalogoEstados` -> `CatalogoEstadoCivil`): not a typo, but the likeliest neighbour.
///
/// ```
/// use molde_codegen::suggest::longest_shared_prefix;
/// let names = ["CatalogoEstadoCivil", "Persona"];
/// assert_eq!(longest_shared_prefix("CatalogoEstados", &names), Some("CatalogoEstadoCivil"));
/// assert_eq!(longest_shared_prefix("Domicilio", &names), None);
/// ```
pub fn longest_shared_prefix<'n>(name: &str, names: &[&'n str]) -> Option<&'n str> {
    let shared = |other: &str| {
        name.chars()
            .zip(other.chars())
            .take_while(|(a, b)| a == b)
            .count()
    };
    names
        .iter()
        .map(|n| (shared(n), *n))
        .filter(|(len, _)| *len * 2 >= name.chars().count())
        .max_by_key(|(len, _)| *len)
        .map(|(_, n)| n)
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// `a string`, `an integer`: the word with its indefinite article.
pub fn with_article(word: &str) -> String {
    let vowel = word
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {word}", if vowel { "an" } else { "a" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_character_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("años", "anos"), 1);
    }
}
