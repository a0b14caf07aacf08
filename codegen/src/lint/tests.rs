//! One table: a small spec modelled on the seeds, and the findings expected from it.

use crate::diag::Severity;
use crate::read::{swagger, yaml};

/// (what, spec, expected findings as (code, severity, line, column, path, words the message
/// or hint must hold)).
type Case = (
    &'static str,
    &'static str,
    &'static [(
        &'static str,
        Severity,
        u32,
        u32,
        &'static str,
        &'static [&'static str],
    )],
);

const CASES: &[Case] = &[
    (
        "two codes with one label",
        "swagger: '2.0'
definitions:
  CatalogoTipoAsentamiento:
    type: string
    enum: ['45', '46', '47']
    description: |
      Clave | Descripción |
      45 | Zona urbana |
      46 | Zona Urbana |
      47 | Zona rural |
",
        &[(
            "enum.duplicate-label",
            Severity::Warning,
            5,
            18,
            "definitions.CatalogoTipoAsentamiento",
            &["`46` and `45` have the same label, `Zona Urbana`"],
        )],
    ),
    (
        "dangling refs, with and without a close name",
        "swagger: '2.0'
definitions:
  DomicilioPeticion:
    type: object
    properties:
      estado:
        $ref: '#/definitions/CatalogoEstados'
      tipoDomicilio:
        $ref: '#/definitions/CatalogoTipoDomicilo'
  CatalogoTipoDomicilio:
    type: string
  CatalogoEstadoCivil:
    type: string
",
        &[
            (
                "ref.dangling",
                Severity::Error,
                7,
                15,
                "definitions.DomicilioPeticion.properties.estado",
                &["#/definitions/CatalogoEstados", "did you mean `CatalogoEstadoCivil`? If not, declare `definitions.CatalogoEstados`"],
            ),
            (
                "ref.dangling",
                Severity::Error,
                9,
                15,
                "definitions.DomicilioPeticion.properties.tipoDomicilio",
                &["did you mean `CatalogoTipoDomicilio`?"],
            ),
        ],
    ),
    (
        "dangling allOf member",
        "swagger: '2.0'
definitions:
  Hijo:
    allOf:
    - $ref: '#/definitions/Padre'
",
        &[(
            "ref.dangling",
            Severity::Error,
            5,
            13,
            "definitions.Hijo",
            &["#/definitions/Padre"],
        )],
    ),
    (
        "enum against its catalogue table (CatalogoNacionalidad)",
        "swagger: '2.0'
definitions:
  CatalogoNacionalidad:
    type: string
    description: |
      Debe contener la clave de la nacionalidad:
      Clave | Nacionalidad | País |
      ---|
      AD | Andorra | Andorra |
      MX | Mexicana | México |
      Clave | Estado |
      AGS | Aguascalientes |
      ZAC | Zacatecas |
    minLength: 2
    maxLength: 4
    enum:
    - AGS
    - ZAC
",
        &[(
            "enum.doc-mismatch",
            Severity::Warning,
            16,
            5,
            "definitions.CatalogoNacionalidad.enum",
            &[
                "2 enum value(s) not in the table: AGS, ZAC",
                "2 table code(s) not in the enum: AD, MX",
                "`Clave | Estado |`",
            ],
        )],
    ),
    (
        "long code lists are cut after ten",
        "swagger: '2.0'
definitions:
  Letras:
    description: \"Clave | Descripción |\\nA | a |\\nB | b |\\nC | c |\\nD | d |\\nE | e |\\nF | f |\\nG | g |\\nH | h |\\nI | i |\\nJ | j |\\nK | k |\\nL | l |\\n\"
    enum: [A]
",
        &[(
            "enum.doc-mismatch",
            Severity::Warning,
            5,
            5,
            "definitions.Letras.enum",
            &["11 table code(s) not in the enum: B, C, D, E, F, G, H, I, J, K and 1 more"],
        )],
    ),
    (
        "enum values outside the bounds (CatalogoResidencia), lengths that cross",
        "swagger: '2.0'
definitions:
  CatalogoResidencia:
    type: integer
    format: int32
    minimum: 0
    maximum: 1
    enum: [1, 2, 3, 4, 5]
  Codigo:
    type: string
    minLength: 5
    maxLength: 3
    enum: [ABCDEF]
  Rango:
    type: number
    minimum: 10
    maximum: 10
    exclusiveMaximum: true
",
        &[
            (
                "constraint.unsatisfiable",
                Severity::Warning,
                7,
                5,
                "definitions.CatalogoResidencia",
                &["2, 3, 4, 5", "`maximum: 1`"],
            ),
            (
                "constraint.unsatisfiable",
                Severity::Warning,
                11,
                5,
                "definitions.Codigo",
                &["minLength 5 is greater than maxLength 3"],
            ),
            (
                "constraint.unsatisfiable",
                Severity::Warning,
                12,
                5,
                "definitions.Codigo",
                &["`ABCDEF`", "`maxLength: 3`"],
            ),
            (
                "constraint.unsatisfiable",
                Severity::Warning,
                16,
                5,
                "definitions.Rango",
                &["minimum 10 and maximum 10 leave no value"],
            ),
        ],
    ),
    (
        "lengths on numbers (diasAtraso, saldoActual, score)",
        "swagger: '2.0'
definitions:
  AportantesPeticion:
    type: object
    properties:
      diasAtraso:
        type: integer
        format: int32
        minLength: 1
        maxLength: 10
      saldoActual:
        type: number
        format: float
        maxLength: 4
",
        &[
            (
                "constraint.inapplicable",
                Severity::Warning,
                9,
                9,
                "definitions.AportantesPeticion.properties.diasAtraso",
                &["`minLength` does not apply to an integer", "use `minimum`"],
            ),
            (
                "constraint.inapplicable",
                Severity::Warning,
                10,
                9,
                "definitions.AportantesPeticion.properties.diasAtraso",
                &["`maxLength`", "`maximum: 9999999999`"],
            ),
            (
                "constraint.inapplicable",
                Severity::Warning,
                14,
                9,
                "definitions.AportantesPeticion.properties.saldoActual",
                &["does not apply to a number", "`maximum: 9999`"],
            ),
        ],
    ),
    (
        "required names no property declares (Smart Collection Respuesta)",
        "swagger: '2.0'
definitions:
  Respuesta:
    type: object
    required:
    - folioConsulta
    - ventanaDeTiempo
    - scor
    properties:
      folioConsulta:
        type: string
      score:
        type: number
",
        &[
            (
                "required.undeclared",
                Severity::Warning,
                7,
                7,
                "definitions.Respuesta.required",
                &["`ventanaDeTiempo` is required", "declare `ventanaDeTiempo`"],
            ),
            (
                "required.undeclared",
                Severity::Warning,
                8,
                7,
                "definitions.Respuesta.required",
                &["did you mean `score`?"],
            ),
        ],
    ),
    (
        "date patterns and unknown formats",
        "swagger: '2.0'
definitions:
  PersonaPeticion:
    type: object
    properties:
      fechaNacimiento:
        type: string
        format: 'yyyy-MM-dd'
      alta:
        type: string
        format: date-time
      karma:
        type: number
        format: float32
",
        &[
            (
                "format.nonstandard",
                Severity::Info,
                8,
                9,
                "definitions.PersonaPeticion.properties.fechaNacimiento",
                &["`yyyy-MM-dd`", "reads it as `date`", "`format: date`"],
            ),
            (
                "format.nonstandard",
                Severity::Info,
                14,
                9,
                "definitions.PersonaPeticion.properties.karma",
                &["`float32` is not one molde knows"],
            ),
        ],
    ),
    (
        "a clean spec has no finding",
        "swagger: '2.0'
definitions:
  CatalogoSexo:
    type: string
    description: |
      Clave | Descripción |
      ---|
      F | Femenino |
      M | Masculino |
    maxLength: 1
    enum: [F, M]
  Persona:
    type: object
    required: [sexo]
    properties:
      sexo:
        $ref: '#/definitions/CatalogoSexo'
      edad:
        type: integer
        minimum: 0
        maximum: 150
",
        &[],
    ),
    (
        "a value listed twice in an enum",
        "swagger: '2.0'
definitions:
  CatalogoSexo:
    type: string
    enum: [F, M, F]
",
        &[(
            "enum.duplicate-value",
            Severity::Warning,
            5,
            18,
            "definitions.CatalogoSexo.enum",
            &["\"F\" is listed twice"],
        )],
    ),
    (
        "a readOnly property in required, a discriminator not in required",
        "swagger: '2.0'
definitions:
  Mascota:
    type: object
    discriminator: tipo
    required: [id]
    properties:
      id:
        type: string
        readOnly: true
      tipo:
        type: string
",
        &[
            (
                "required.read-only",
                Severity::Warning,
                6,
                16,
                "definitions.Mascota.required",
                &["`id` is `readOnly`", "a client cannot send `id`"],
            ),
            (
                "discriminator.not-required",
                Severity::Warning,
                5,
                20,
                "definitions.Mascota.discriminator",
                &["`tipo` is not in `required`", "add `tipo` to `required`"],
            ),
        ],
    ),
];

#[test]
fn lints_find_what_the_seeds_show() {
    for (what, text, expected) in CASES {
        let parsed = yaml::parse(text).unwrap_or_else(|e| panic!("{what}: {e:?}"));
        let spec = swagger::read("t.yaml", &parsed.root);
        assert!(
            spec.diagnostics.is_empty(),
            "{what}: reader found {:#?}",
            spec.diagnostics
        );
        let found = super::run(&spec);
        let got: Vec<_> = found
            .iter()
            .map(|d| (d.code, d.severity, d.line, d.column, d.path.as_str()))
            .collect();
        let want: Vec<_> = expected
            .iter()
            .map(|(code, severity, line, column, path, _)| {
                (*code, *severity, *line, *column, *path)
            })
            .collect();
        assert_eq!(got, want, "{what}: {found:#?}");
        for (d, (.., words)) in found.iter().zip(expected.iter()) {
            let text = format!("{} | {}", d.message, d.hint.as_deref().unwrap_or_default());
            for word in *words {
                assert!(text.contains(word), "{what}: `{word}` not in `{text}`");
            }
            assert_eq!(d.file, "t.yaml", "{what}");
        }
    }
}

#[test]
fn closest_name_takes_the_nearest_within_reach() {
    let names = ["CatalogoTipoDomicilio", "CatalogoEstadoCivil", "Persona"];
    let cases = [
        ("CatalogoTipoDomicilo", Some("CatalogoTipoDomicilio")),
        ("persona", Some("Persona")),
        ("Persna", Some("Persona")),
        ("CatalogoEstados", None),
        ("X", None),
    ];
    for (name, expected) in cases {
        assert_eq!(
            crate::suggest::closest_name(name, names),
            expected,
            "{name}"
        );
    }
}

/// The seeds as given (indentation stripped, no overlay): recovered, read and linted, the
/// findings DESIGN.md describes, at their lines in the files.
#[test]
fn seeds_report_their_known_defects() {
    use crate::read::recover;
    /// (seed file, expected (code, line, path) in order).
    type Seed = (&'static str, &'static [(&'static str, u32, &'static str)]);
    let expected: [Seed; 2] = [
        (
            "vantage.swagger.yaml",
            &[
                (
                    "ref.dangling",
                    1215,
                    "definitions.DomicilioPeticion.properties.estado",
                ),
                (
                    "enum.doc-mismatch",
                    951,
                    "definitions.CatalogoNacionalidad.enum",
                ),
                (
                    "constraint.unsatisfiable",
                    997,
                    "definitions.CatalogoResidencia",
                ),
                (
                    "enum.duplicate-label",
                    1122,
                    "definitions.CatalogoTipoAsentamiento",
                ),
                (
                    "format.nonstandard",
                    1225,
                    "definitions.DomicilioPeticion.properties.fechaResidencia",
                ),
                (
                    "constraint.inapplicable",
                    1258,
                    "definitions.AportantesPeticion.properties.diasAtraso",
                ),
                (
                    "constraint.inapplicable",
                    1259,
                    "definitions.AportantesPeticion.properties.diasAtraso",
                ),
                (
                    "constraint.inapplicable",
                    1296,
                    "definitions.NoAportantesPeticion.properties.diasAtraso",
                ),
                (
                    "constraint.inapplicable",
                    1297,
                    "definitions.NoAportantesPeticion.properties.diasAtraso",
                ),
                (
                    "format.nonstandard",
                    1308,
                    "definitions.NoAportantesPeticion.properties.fechaApertura",
                ),
                (
                    "constraint.inapplicable",
                    1315,
                    "definitions.NoAportantesPeticion.properties.saldoActual",
                ),
                (
                    "constraint.inapplicable",
                    1316,
                    "definitions.NoAportantesPeticion.properties.saldoActual",
                ),
                (
                    "format.nonstandard",
                    1378,
                    "definitions.PersonaPeticion.properties.fechaNacimiento",
                ),
                (
                    "constraint.inapplicable",
                    1407,
                    "definitions.PersonaPeticion.properties.numeroDependientes",
                ),
                (
                    "format.nonstandard",
                    1411,
                    "definitions.PersonaPeticion.properties.fechaDefuncion",
                ),
            ],
        ),
        (
            "smart-collection-score.swagger.yaml",
            &[
                ("required.undeclared", 380, "definitions.Respuesta.required"),
                (
                    "constraint.inapplicable",
                    396,
                    "definitions.Respuesta.properties.score",
                ),
            ],
        ),
    ];
    let schemas = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    for (file, want) in expected {
        let text = std::fs::read_to_string(schemas.join(file)).expect("seeds are in schemas/");
        let recovered = recover::recover_indentation(&text);
        let mut parsed = yaml::parse(&recovered.text).expect("recovered seed parses");
        recovered.remap(&mut parsed.root);
        let spec = swagger::read(file, &parsed.root);
        // The reader's own findings are the repairs of payloads in descriptions, nothing else.
        let read: Vec<_> = spec
            .diagnostics
            .iter()
            .filter(|d| d.code != "example.repaired")
            .collect();
        assert!(read.is_empty(), "{file}: {read:#?}");
        let found = super::run(&spec);
        let got: Vec<_> = found
            .iter()
            .map(|d| (d.code, d.line, d.path.as_str()))
            .collect();
        assert_eq!(got, want, "{file}: {found:#?}");
    }
}
