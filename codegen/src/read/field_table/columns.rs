//! Which column of a field table says what, from its header (Spanish or English):
//! field/campo/nombre, nivel N/level N, tipo/type, tamaño/size/length/longitud,
//! requerido/required/obligatorio, descripción/description, valores esperados/values.

use super::Cell;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Name,
    /// The name at nesting level N (1 is the outermost).
    Level(u8),
    Type,
    Size,
    Required,
    Description,
    Values,
}

/// The role of each column of a table (`None` for columns molde does not read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Columns {
    pub roles: Vec<Option<Role>>,
}

impl Columns {
    /// The roles of a header row, when it is a field table's: a name (or level) column and a
    /// type or description column.
    pub(crate) fn of(header: &[Cell]) -> Option<Columns> {
        let roles: Vec<Option<Role>> = header.iter().map(|c| role(&c.text)).collect();
        let named = roles
            .iter()
            .any(|r| matches!(r, Some(Role::Name | Role::Level(_))));
        let described = roles
            .iter()
            .any(|r| matches!(r, Some(Role::Type | Role::Description)));
        (named && described).then_some(Columns { roles })
    }

    /// The index of the column with `role`.
    pub(crate) fn find(&self, role: Role) -> Option<usize> {
        self.roles.iter().position(|r| *r == Some(role))
    }

    /// The level columns, outermost first: (level, column index).
    pub(crate) fn levels(&self) -> Vec<(u8, usize)> {
        let mut levels: Vec<(u8, usize)> = self
            .roles
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r {
                Some(Role::Level(n)) => Some((*n, i)),
                _ => None,
            })
            .collect();
        levels.sort();
        levels
    }
}

/// Lower case, accents off, anything but letters and digits as single spaces.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            c => c,
        };
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

fn role(header: &str) -> Option<Role> {
    let h = fold(header);
    let words: Vec<&str> = h.split(' ').collect();
    if let [first, n] = words.as_slice()
        && matches!(*first, "nivel" | "level" | "nivell")
        && let Ok(n) = n.parse::<u8>()
    {
        return Some(Role::Level(n));
    }
    Some(match h.as_str() {
        "campo" | "campos" | "nombre" | "nombre campo" | "nombre del campo" | "field"
        | "field name" | "name" | "atributo" | "attribute" | "parametro" | "parameter"
        | "propiedad" | "property" | "llave" | "key" | "elemento" | "element" => Role::Name,
        "tipo" | "type" | "tipo de dato" | "data type" | "tipo dato" | "formato" => Role::Type,
        "tamano" | "size" | "length" | "longitud" | "largo" | "max length" | "longitud maxima" => {
            Role::Size
        }
        "requerido" | "required" | "obligatorio" | "mandatory" | "req" | "requerida" => {
            Role::Required
        }
        "descripcion" | "description" | "detalle" | "detail" | "details" | "comentario"
        | "comentarios" | "notes" | "notas" => Role::Description,
        "valores esperados" | "valores" | "values" | "allowed values" | "valores permitidos"
        | "expected values" | "posibles valores" | "valores posibles" | "dominio" | "enum" => {
            Role::Values
        }
        _ => return None,
    })
}

/// True when a required-column cell says yes (`Sí`, `Yes`, `X`, `Requerido`, `M`).
pub(crate) fn says_required(text: &str) -> bool {
    matches!(
        fold(text).as_str(),
        "si" | "s"
            | "yes"
            | "y"
            | "x"
            | "true"
            | "requerido"
            | "required"
            | "obligatorio"
            | "mandatory"
            | "m"
            | "r"
            | "1"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<Cell> {
        names
            .iter()
            .map(|n| Cell {
                text: n.to_string(),
                ..Cell::default()
            })
            .collect()
    }

    #[test]
    fn headers_in_spanish_and_english() {
        let spanish = Columns::of(&header(&[
            "NIVEL 1",
            "NIVEL 2",
            "NIVEL 3",
            "TIPO",
            "TAMAÑO",
            "DESCRIPCIÓN",
        ]))
        .unwrap();
        assert_eq!(spanish.levels(), [(1, 0), (2, 1), (3, 2)]);
        assert_eq!(spanish.find(Role::Size), Some(4));
        let english = Columns::of(&header(&[
            "Field",
            "Type",
            "Required",
            "Description",
            "Allowed values",
        ]))
        .unwrap();
        assert_eq!(english.find(Role::Values), Some(4));
        assert_eq!(english.find(Role::Required), Some(2));
        let text = Columns::of(&header(&[
            "Campo",
            "Tipo",
            "Descripción",
            "Valores Esperados",
        ]))
        .unwrap();
        assert_eq!(text.find(Role::Name), Some(0));
        // A table of something else is not a field table.
        assert!(Columns::of(&header(&["Clave", "Descripción"])).is_none());
        assert!(Columns::of(&header(&["Campo", "Ejemplo"])).is_none());
    }

    #[test]
    fn required_cells() {
        for yes in ["Sí", "si", "Yes", "X", "Requerido", "required", "M"] {
            assert!(says_required(yes), "{yes}");
        }
        for no in ["No", "", "opcional", "optional", "O", "-"] {
            assert!(!says_required(no), "{no}");
        }
    }
}
