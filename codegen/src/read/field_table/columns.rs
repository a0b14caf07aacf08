//! Which column of a field table says what, from its header (Spanish or English):
//! field/campo/nombre, nivel N/level N, tipo/type, tamaño/size/length/longitud,
//! requerido/required/obligatorio, descripción/description, valores esperados/values.

use super::Cell;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Name,
    /// The name, then the type (`Nombre <br> <i>tipo</i>`: `buy_order String`).
    NameAndType,
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
        let mut roles: Vec<Option<Role>> = header.iter().map(|c| role(&c.text)).collect();
        settle_format_columns(header, &mut roles);
        let named = roles
            .iter()
            .any(|r| matches!(r, Some(Role::Name | Role::NameAndType | Role::Level(_))));
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
    let role = match h.as_str() {
        "campo"
        | "campos"
        | "nombre"
        | "nombre campo"
        | "nombre del campo"
        | "field"
        | "fields"
        | "field name"
        | "name"
        | "atributo"
        | "atributos"
        | "attribute"
        | "parametro"
        | "parametros"
        | "parameter"
        | "parameters"
        | "param"
        | "nombre del parametro"
        | "parameter name"
        | "propiedad"
        | "property"
        | "llave"
        | "key"
        | "elemento"
        | "element" => Role::Name,
        "tipo" | "type" | "tipo de dato" | "tipo de datos" | "data type" | "datatype"
        | "tipo dato" | "formato" | "format" => Role::Type,
        "tamano" | "size" | "length" | "longitud" | "largo" | "max length" | "longitud maxima"
        | "max" | "tamano maximo" => Role::Size,
        "requerido" | "required" | "obligatorio" | "mandatory" | "req" | "requerida" | "oblig"
        | "obligatoriedad" | "mandatorio" | "m o c" | "m o" | "occurrence" | "ocurrencia" => {
            Role::Required
        }
        "descripcion" | "description" | "detalle" | "detail" | "details" | "comentario"
        | "comentarios" | "notes" | "notas" | "observaciones" | "definition" | "definicion" => {
            Role::Description
        }
        "valores esperados" | "valores" | "values" | "allowed values" | "valores permitidos"
        | "expected values" | "posibles valores" | "valores posibles" | "dominio" | "enum"
        | "codes" | "codigos" => Role::Values,
        "nombre tipo" | "name type" | "campo tipo" | "field type" => Role::NameAndType,
        // `Valores Posibles / Ejemplos`, `Mandatory, Limitations`, `Requerido?`, `Nombre de
        // parámetro`: the first words decide.
        _ if h.starts_with("nombre de ") || h.starts_with("nombre del ") => Role::Name,
        _ if h.starts_with("valores posibles") || h.starts_with("possible values") => Role::Values,
        _ if h.starts_with("mandatory")
            || h.starts_with("required")
            || h.starts_with("requerido") =>
        {
            Role::Required
        }
        _ if h.starts_with("descripcion") || h.starts_with("description") => Role::Description,
        _ => return None,
    };
    Some(role)
}

/// A `Formato` column beside a `Tipo` column says the format (`date`, `YYYY-MM-DD`), which the
/// values column's reading handles; alone, it says the type.
fn settle_format_columns(headers: &[Cell], roles: &mut [Option<Role>]) {
    let types: Vec<usize> = (0..roles.len())
        .filter(|&i| roles[i] == Some(Role::Type))
        .collect();
    if types.len() < 2 {
        return;
    }
    for i in types {
        if matches!(fold(&headers[i].text).as_str(), "formato" | "format")
            && !roles.contains(&Some(Role::Values))
        {
            roles[i] = Some(Role::Values);
        }
    }
}

/// True when a required-column cell says yes (`Sí`, `Yes`, `X`, `Requerido`, `M`, `√`, `1..1`,
/// `Required, max 50`).
pub(crate) fn says_required(text: &str) -> bool {
    let text = text.trim();
    if text.contains(['√', '✓', '✔', '☑']) || text.starts_with("1..") {
        return true;
    }
    let folded = fold(text);
    let first = folded.split(' ').next().unwrap_or("");
    matches!(
        first,
        "si" | "yes" | "requerido" | "required" | "obligatorio" | "mandatory" | "mandatorio"
    ) || matches!(
        folded.as_str(),
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
        let formats = Columns::of(&header(&[
            "Nombre",
            "Formato",
            "Tipo",
            "Requerido",
            "Descripción",
        ]))
        .unwrap();
        assert_eq!(formats.find(Role::Type), Some(2));
        assert_eq!(formats.find(Role::Values), Some(1));
        let loose = Columns::of(&header(&[
            "**Campo**",
            "**Requerido**",
            "**Descripción**",
            "**Tipo de Dato**",
            "**Valores Posibles / Ejemplos**",
        ]))
        .unwrap();
        assert_eq!(
            loose.roles,
            [
                Some(Role::Name),
                Some(Role::Required),
                Some(Role::Description),
                Some(Role::Type),
                Some(Role::Values)
            ]
        );
        let transbank = Columns::of(&header(&["Nombre   tipo", "Descripción"])).unwrap();
        assert_eq!(transbank.find(Role::NameAndType), Some(0));
        let items = Columns::of(&header(&[
            "Nombre de parámetro",
            "Formato",
            "Tipo",
            "Obligatorio",
        ]))
        .unwrap();
        assert_eq!(items.find(Role::Name), Some(0));
        let binance = Columns::of(&header(&["Name", "Type", "Mandatory", "Description"])).unwrap();
        assert_eq!(binance.find(Role::Required), Some(2));
        // A table of something else is not a field table.
        assert!(Columns::of(&header(&["Clave", "Descripción"])).is_none());
        assert!(Columns::of(&header(&["Campo", "Ejemplo"])).is_none());
    }

    #[test]
    fn required_cells() {
        for yes in [
            "Sí",
            "si",
            "Yes",
            "X",
            "Requerido",
            "required",
            "M",
            "√",
            "✔️",
            "1..1",
            "**Si**",
            "Required, max 50 characters",
            "true",
        ] {
            assert!(says_required(yes), "{yes}");
        }
        for no in [
            "No",
            "",
            "opcional",
            "optional",
            "O",
            "-",
            "0..1",
            "C",
            "Conditional",
            "Solo si se informa el tópico Payments",
        ] {
            assert!(!says_required(no), "{no}");
        }
    }
}
