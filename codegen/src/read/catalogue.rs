//! Catalogue tables written inside descriptions: a `Clave | Descripción |` header (possibly glued
//! to the prose before it), an optional `---|` line, then one `CODE | label | extra... |` row per
//! line. They give enum values their labels and are cross-checked against `enum`.

/// First header cells that announce a catalogue (compared without case or accents).
const CODE_HEADERS: [&str; 6] = ["clave", "code", "codigo", "key", "valor", "value"];

/// One catalogue table found in a description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogueTable {
    /// The header cells, the code column first (`["Clave", "Descripción", "Segmento"]`).
    pub header: Vec<String>,
    pub rows: Vec<CatalogueRow>,
    /// 0-based line of the header within the description.
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogueRow {
    pub code: String,
    /// The second cell; empty when the row has only a code.
    pub label: String,
    /// The cells after the label (`Segmento`, `País`...).
    pub extra: Vec<String>,
    /// 0-based line within the description.
    pub line: usize,
}

impl CatalogueTable {
    /// Every catalogue table of a description, in order.
    ///
    /// ```
    /// use molde_codegen::model::CatalogueTable;
    /// let text = "Tipo de cuenta. Revisar catálogo. Clave | Descripción |\n---|\nR | Revolvente |\nF | Pagos fijos |\n";
    /// let tables = CatalogueTable::parse_all(text);
    /// assert_eq!(tables[0].codes(), ["R", "F"]);
    /// assert_eq!(tables[0].label("F"), Some("Pagos fijos"));
    /// ```
    pub fn parse_all(text: &str) -> Vec<CatalogueTable> {
        let mut tables: Vec<CatalogueTable> = Vec::new();
        // Whether the lines after the current table's header still belong to it.
        let mut open = false;
        for (line, raw) in text.lines().enumerate() {
            let Some(cells) = cells(raw) else {
                open = false;
                continue;
            };
            if let Some(header) = header_cells(&cells) {
                tables.push(CatalogueTable {
                    header,
                    rows: Vec::new(),
                    line,
                });
                open = true;
                continue;
            }
            if !open {
                continue;
            }
            let Some(table) = tables.last_mut() else {
                continue;
            };
            if table.rows.is_empty() && is_separator(&cells) {
                continue;
            }
            match row(&cells, line) {
                Some(row) => table.rows.push(row),
                None => open = false,
            }
        }
        tables
    }

    /// The codes in row order.
    pub fn codes(&self) -> Vec<&str> {
        self.rows.iter().map(|r| r.code.as_str()).collect()
    }

    /// The label of `code`, if a row lists it.
    pub fn label(&self, code: &str) -> Option<&str> {
        self.rows
            .iter()
            .find(|r| r.code == code)
            .map(|r| r.label.as_str())
            .filter(|l| !l.is_empty())
    }

    /// The header as written: `Clave | Estado |`.
    pub fn header_text(&self) -> String {
        let mut out = String::new();
        for cell in &self.header {
            out.push_str(cell);
            out.push_str(" | ");
        }
        out.trim_end().to_string()
    }
}

/// The cells of a line that has at least one `|`, outer pipes dropped, each trimmed.
fn cells(line: &str) -> Option<Vec<&str>> {
    if !line.contains('|') {
        return None;
    }
    let inner = line.trim();
    let inner = inner.strip_prefix('|').unwrap_or(inner);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    Some(inner.split('|').map(str::trim).collect())
}

/// The header cells if this line is a catalogue header. Its first cell may carry prose before the
/// keyword (`...Revisar catálogo. Clave`, `...el registroClave`): only the keyword is kept.
fn header_cells(cells: &[&str]) -> Option<Vec<String>> {
    if cells.len() < 2 || cells[1].is_empty() {
        return None;
    }
    let first = cells[0];
    let keyword = CODE_HEADERS
        .iter()
        .find_map(|k| ends_with_keyword(first, k))?;
    let mut header = vec![keyword.to_string()];
    header.extend(cells[1..].iter().map(|c| c.to_string()));
    Some(header)
}

/// The trailing `keyword` of `cell` as written, when `cell` is the keyword or ends with it after a
/// space, punctuation or a lower-case letter (`registroClave`).
fn ends_with_keyword<'a>(cell: &'a str, keyword: &str) -> Option<&'a str> {
    let chars: Vec<(usize, char)> = cell.char_indices().collect();
    let n = keyword.chars().count();
    if chars.len() < n {
        return None;
    }
    let start = chars[chars.len() - n].0;
    let tail = &cell[start..];
    if fold(tail) != keyword {
        return None;
    }
    if start == 0 {
        return Some(tail);
    }
    let before = chars[chars.len() - n - 1].1;
    let first_upper = tail.chars().next().is_some_and(char::is_uppercase);
    let glued = before.is_lowercase() && first_upper;
    (!before.is_alphanumeric() || glued).then_some(tail)
}

/// Lower case without the Spanish accents, for comparing header names.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'á' | 'Á' => 'a',
            'é' | 'É' => 'e',
            'í' | 'Í' => 'i',
            'ó' | 'Ó' => 'o',
            'ú' | 'Ú' | 'ü' | 'Ü' => 'u',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// `---|` or `|:---|---:|`.
fn is_separator(cells: &[&str]) -> bool {
    cells.iter().any(|c| c.contains('-'))
        && cells
            .iter()
            .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

/// A row: a non-empty code without inner spaces, then the label and the other cells.
fn row(cells: &[&str], line: usize) -> Option<CatalogueRow> {
    let code = *cells.first()?;
    if code.is_empty() || code.contains(char::is_whitespace) || cells.len() < 2 {
        return None;
    }
    Some(CatalogueRow {
        code: code.to_string(),
        label: cells[1].to_string(),
        extra: cells[2..]
            .iter()
            .filter(|c| !c.is_empty())
            .map(|c| c.to_string())
            .collect(),
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_alone_or_glued_to_prose() {
        let cases: [(&str, Option<&[&str]>); 8] = [
            ("Clave | Descripción |", Some(&["Clave", "Descripción"])),
            (
                " Clave | Tipo de Asentamiento |",
                Some(&["Clave", "Tipo de Asentamiento"]),
            ),
            (
                "Tipo de contrato de la cuenta. Revisar catálogo. Clave | Descripción | Segmento |",
                Some(&["Clave", "Descripción", "Segmento"]),
            ),
            (
                "Código de rechazo en caso de no ser procesado el registroClave | Descripción |",
                Some(&["Clave", "Descripción"]),
            ),
            ("| Código | Description |", Some(&["Código", "Description"])),
            ("| Días de Atraso |", None),
            ("Producto | Calificación | % RR |", None),
            ("La autoclave | x |", None),
        ];
        for (line, expected) in cases {
            let got = cells(line).and_then(|c| header_cells(&c));
            let expected = expected.map(|e| e.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert_eq!(got, expected, "{line}");
        }
    }

    #[test]
    fn several_tables_in_one_description() {
        // Modelled on CatalogoNacionalidad in schemas/vantage.swagger.yaml.
        let text = "Debe contener la clave de la nacionalidad del consumidor los valores posibles son los siguientes:\n\
                    Clave | Nacionalidad | País |\n\
                    ---|\n\
                    AD | Andorra | Andorra |\n\
                    MX | Mexicana | México |\n\
                    Clave | Estado |\n\
                    AGS | Aguascalientes |\n\
                    ZAC | Zacatecas |\n";
        let tables = CatalogueTable::parse_all(text);
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].header_text(), "Clave | Nacionalidad | País |");
        assert_eq!(tables[0].codes(), ["AD", "MX"]);
        assert_eq!(tables[0].rows[1].extra, ["México"]);
        assert_eq!(tables[0].rows[1].line, 4);
        assert_eq!(tables[1].line, 5);
        assert_eq!(tables[1].codes(), ["AGS", "ZAC"]);
        assert_eq!(tables[1].label("AGS"), Some("Aguascalientes"));
    }

    #[test]
    fn other_tables_and_prose_are_not_catalogues() {
        // The `| Días de Atraso |` tables of the Vant/Age operation descriptions.
        let text = "La tabla de distribución por segmento. | Días de Atraso |\n\
                    1 a 30 | 31 a 60 | 61 a 90 |\n\
                    Producto | Calificación | % RR |\n\
                    Revolvente | A | 7.20% | 27.00% |\n";
        assert!(CatalogueTable::parse_all(text).is_empty());
    }

    #[test]
    fn a_table_ends_at_the_first_line_that_is_not_a_row() {
        let text =
            "Clave | Descripción |\n1 | Propietario |\n2 | Renta |\n\nNota: 3 | no es fila |\n";
        let tables = CatalogueTable::parse_all(text);
        assert_eq!(tables[0].codes(), ["1", "2"]);
    }
}
