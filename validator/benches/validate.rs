//! molde against serde_json parsing alone and serde_json + jsonschema, on 10,000 payloads shaped
//! like the vendor requests molde reads (Spanish names, dates, catalogue codes, nested
//! addresses), one in ten with a violation.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use molde_validator::{Options, Validator};
use serde_json::{Value, json};

fn schema() -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": {
            "Domicilio": {
                "type": "object",
                "required": ["direccion", "coloniaPoblacion", "CP", "estado"],
                "additionalProperties": false,
                "properties": {
                    "direccion": {"type": "string", "maxLength": 85},
                    "coloniaPoblacion": {"type": "string", "maxLength": 65},
                    "delegacionMunicipio": {"type": "string", "maxLength": 65},
                    "ciudad": {"type": "string", "maxLength": 65},
                    "CP": {"type": "string", "minLength": 5, "maxLength": 5},
                    "estado": {"enum": ["AGS", "BC", "BCS", "CAMP", "CHIS", "CHIH", "CDMX", "COAH", "COL", "DGO", "GTO", "GRO", "HGO", "JAL", "MEX", "MICH", "MOR", "NAY", "NL", "OAX", "PUE", "QRO", "QROO", "SLP", "SIN", "SON", "TAB", "TAMS", "TLAX", "VER", "YUC", "ZAC"]}
                }
            },
            "Peticion": {
                "type": "object",
                "required": ["folio", "persona", "monto"],
                "properties": {
                    "folio": {"type": "string", "maxLength": 50},
                    "monto": {"type": "number", "exclusiveMinimum": 0, "multipleOf": 0.01},
                    "plazo": {"type": "integer", "minimum": 1, "maximum": 360},
                    "persona": {
                        "type": "object",
                        "required": ["primerNombre", "apellidoPaterno", "fechaNacimiento", "domicilio"],
                        "properties": {
                            "primerNombre": {"type": "string", "maxLength": 60},
                            "segundoNombre": {"type": ["string", "null"], "maxLength": 60},
                            "apellidoPaterno": {"type": "string", "maxLength": 30},
                            "apellidoMaterno": {"type": "string", "maxLength": 30},
                            "fechaNacimiento": {"type": "string", "format": "date"},
                            "RFC": {"type": "string", "minLength": 10, "maxLength": 13},
                            "nacionalidad": {"type": "string", "minLength": 2, "maxLength": 2},
                            "correo": {"type": "string", "format": "email"},
                            "domicilio": {"$ref": "#/$defs/Domicilio"},
                            "telefonos": {"type": "array", "maxItems": 5, "items": {"type": "string", "maxLength": 10}}
                        }
                    },
                    "fechaSolicitud": {"type": "string", "format": "date-time"},
                    "productos": {"type": "array", "uniqueItems": true, "items": {"enum": ["AB", "AC", "AD", "AM", "BC", "CA"]}}
                }
            }
        },
        "$ref": "#/$defs/Peticion"
    })
}

fn payloads(n: usize) -> Vec<Vec<u8>> {
    let nombres = ["María José", "JUAN", "Guadalupe", "Ñandú", "Ana"];
    let estados = ["CDMX", "JAL", "NL", "ZAC", "QROO"];
    (0..n)
        .map(|i| {
            let invalid = i % 10 == 9;
            let payload = json!({
                "folio": format!("F-{i:08}"),
                "monto": if invalid { json!(-12.345) } else { json!(1000 + (i % 5000) as u64) },
                "plazo": 12 + i % 48,
                "persona": {
                    "primerNombre": nombres[i % nombres.len()],
                    "segundoNombre": null,
                    "apellidoPaterno": "PÉREZ",
                    "apellidoMaterno": "GARCÍA",
                    "fechaNacimiento": format!("19{:02}-{:02}-{:02}", 50 + i % 50, 1 + i % 12, 1 + i % 28),
                    "RFC": "PEGJ800101AB1",
                    "nacionalidad": "MX",
                    "correo": format!("cliente{i}@example.com.mx"),
                    "domicilio": {
                        "direccion": format!("AV. INSURGENTES SUR {}", i % 3000),
                        "coloniaPoblacion": "DEL VALLE",
                        "delegacionMunicipio": "BENITO JUÁREZ",
                        "ciudad": "CIUDAD DE MÉXICO",
                        "CP": if invalid { "0310" } else { "03100" },
                        "estado": estados[i % estados.len()]
                    },
                    "telefonos": ["5512345678", "5587654321"]
                },
                "fechaSolicitud": "2024-05-17T10:21:00-06:00",
                "productos": ["AB", "CA"]
            });
            serde_json::to_vec_pretty(&payload).expect("a Value serializes")
        })
        .collect()
}

fn compare(c: &mut Criterion) {
    let schema = schema();
    let payloads = payloads(10_000);
    let bytes: u64 = payloads.iter().map(|p| p.len() as u64).sum();
    let molde = Validator::compile(&schema, "#", Options::default()).expect("schema compiles");
    let peer = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("jsonschema compiles");

    // Same verdicts before timing anything.
    for p in &payloads {
        let value: Value = serde_json::from_slice(p).unwrap();
        assert_eq!(molde.is_valid_bytes(p).unwrap(), peer.is_valid(&value));
    }

    let mut group = c.benchmark_group("10k payloads");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(20);
    group.bench_function("molde validate_into (all violations)", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            payloads
                .iter()
                .filter(|p| molde.validate_into(p, &mut out).unwrap())
                .count()
        })
    });
    group.bench_function("molde is_valid_bytes", |b| {
        b.iter(|| {
            payloads
                .iter()
                .filter(|p| molde.is_valid_bytes(p).unwrap())
                .count()
        })
    });
    let syntax_only =
        Validator::compile(&json!(true), "#", Options::default()).expect("true compiles");
    group.bench_function("molde syntax only (schema true)", |b| {
        b.iter(|| {
            payloads
                .iter()
                .filter(|p| syntax_only.is_valid_bytes(p).unwrap())
                .count()
        })
    });
    group.bench_function("serde_json::from_slice alone", |b| {
        b.iter(|| {
            payloads
                .iter()
                .filter(|p| serde_json::from_slice::<Value>(p).unwrap().is_object())
                .count()
        })
    });
    group.bench_function("serde_json::from_slice + jsonschema is_valid", |b| {
        b.iter(|| {
            payloads
                .iter()
                .filter(|p| peer.is_valid(&serde_json::from_slice::<Value>(p).unwrap()))
                .count()
        })
    });
    group.bench_function("serde_json::from_slice + jsonschema iter_errors", |b| {
        b.iter(|| {
            payloads
                .iter()
                .map(|p| {
                    peer.iter_errors(&serde_json::from_slice::<Value>(p).unwrap())
                        .count()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, compare);
criterion_main!(benches);
