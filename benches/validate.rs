//! End-to-end validation speed on NDJSON `NoAportantesPeticion` payloads, side by side in one run:
//!
//! - `molde`: molde-validator straight from the bytes of each line (verdict and violations);
//! - `serde_json + jsonschema is_valid`: parse each line to a `Value`, then jsonschema-rs `is_valid`;
//! - `serde_json + jsonschema iter_errors`: the same, collecting every error;
//! - `parse only (IgnoredAny)`: serde_json skipping the line, the ceiling for any validator that reads JSON.
//!
//! `cargo bench --bench validate`. Payloads are generated deterministically (100,000 lines).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use molde_codegen::emit::json_schema::to_json_schema;
use molde_codegen::load_spec;
use molde_validator::{Options, Validator};
use serde_json::{Value, json};

const PAYLOADS: usize = 100_000;
const ENTRY: &str = "#/$defs/NoAportantesPeticion";

/// A small deterministic generator (xorshift), so every run measures the same bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + (self.next() % 10) as u8))
            .collect()
    }
}

const NAMES: &[&str] = &[
    "JUAN",
    "MARÍA",
    "JOSÉ",
    "GUADALUPE",
    "FRANCISCO",
    "ANA",
    "LUIS",
    "SOFÍA",
];
const SURNAMES: &[&str] = &[
    "LÓPEZ",
    "HERNÁNDEZ",
    "GARCÍA",
    "MARTÍNEZ",
    "PÉREZ",
    "RODRÍGUEZ",
    "SÁNCHEZ",
];
const STATES: &[&str] = &[
    "AGS", "BC", "CDMX", "JAL", "NL", "OAX", "PUE", "QROO", "YUC", "ZAC",
];
const CONTRACTS: &[&str] = &["TC", "PP", "CA", "HV", "LC", "AR", "CC"];

fn payload(rng: &mut Rng, i: usize) -> Value {
    let mut p = json!({
        "folio": format!("{}", 1_600_000 + i),
        "tipoProducto": rng.pick(&["R", "F", "O"]),
        "tipoContrato": rng.pick(CONTRACTS),
        "frecuenciaPago": rng.pick(&["M", "Q", "S", "C"]),
        "diasAtraso": rng.next() % 365,
        "numeroCuenta": rng.digits(10),
        "fechaApertura": format!("20{:02}-{:02}-{:02}", rng.next() % 24, 1 + rng.next() % 12, 1 + rng.next() % 28),
        "saldoActual": (rng.next() % 10_000_000) as f64 / 100.0,
        "persona": {
            "apellidoPaterno": rng.pick(SURNAMES),
            "apellidoMaterno": rng.pick(SURNAMES),
            "primerNombre": rng.pick(NAMES),
            "fechaNacimiento": format!("19{:02}-{:02}-{:02}", 40 + rng.next() % 60, 1 + rng.next() % 12, 1 + rng.next() % 28),
            "nacionalidad": "MX",
            "RFC": format!("PEPJ{}AB1", rng.digits(6)),
            "domicilio": {
                "direccion": format!("CALLE {} {}", rng.pick(SURNAMES), rng.next() % 999),
                "coloniaPoblacion": "CENTRO",
                "delegacionMunicipio": "BENITO JUÁREZ",
                "ciudad": "CIUDAD DE MÉXICO",
                "estado": rng.pick(STATES),
                "CP": rng.digits(5),
            }
        }
    });
    // One in ten is invalid, in one of several realistic ways.
    if i % 10 == 9 {
        match rng.next() % 4 {
            0 => p["persona"]["domicilio"]
                .as_object_mut()
                .unwrap()
                .remove("CP")
                .map(drop)
                .unwrap_or(()),
            1 => p["tipoContrato"] = json!("XX"),
            2 => p["fechaApertura"] = json!("2019-02-30"),
            _ => p["persona"]["apellidoPaterno"] = json!("Ñ".repeat(31)),
        }
    }
    p
}

fn ndjson(valid_only: bool) -> Vec<u8> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::new();
    for i in 0..PAYLOADS {
        let i = if valid_only && i % 10 == 9 { i + 1 } else { i };
        serde_json::to_writer(&mut out, &payload(&mut rng, i)).unwrap();
        out.push(b'\n');
    }
    out
}

fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty())
}

fn bench(c: &mut Criterion) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let overlay = root.join("schemas/vantage.overlay.yaml");
    let loaded = load_spec(
        &root.join("schemas/vantage.swagger.yaml"),
        "schemas/vantage.swagger.yaml",
        &[(overlay, "schemas/vantage.overlay.yaml".into())],
    );
    let schema = to_json_schema(&loaded.spec.expect("the seed reads"));
    let molde = Validator::compile(
        &schema,
        ENTRY,
        Options {
            assert_formats: true,
        },
    )
    .expect("molde compiles");
    // jsonschema-rs on the same artefact: the entry type as the root, with the $defs beside it.
    let mut peer_schema = schema["$defs"]["NoAportantesPeticion"].clone();
    peer_schema["$defs"] = schema["$defs"].clone();
    peer_schema["$schema"] = schema["$schema"].clone();
    let peer = jsonschema::options()
        .should_validate_formats(true)
        .build(&peer_schema)
        .expect("jsonschema compiles");

    for (label, valid_only) in [("all valid", true), ("10% invalid", false)] {
        let data = ndjson(valid_only);
        let expected_invalid = if valid_only { 0 } else { PAYLOADS / 10 };
        // Both validators must agree on the verdicts before their speed means anything.
        let molde_invalid = lines(&data)
            .filter(|l| !molde.is_valid_bytes(l).unwrap())
            .count();
        let peer_invalid = lines(&data)
            .filter(|l| !peer.is_valid(&serde_json::from_slice::<Value>(l).unwrap()))
            .count();
        assert_eq!(
            (molde_invalid, peer_invalid),
            (expected_invalid, expected_invalid),
            "{label}"
        );

        let mut group = c.benchmark_group(format!(
            "validate NDJSON, {PAYLOADS} NoAportantesPeticion, {label}"
        ));
        group.throughput(Throughput::Bytes(data.len() as u64));
        group.sample_size(10);
        group.bench_function("molde (bytes in, violations out)", |b| {
            let mut violations = Vec::new();
            b.iter(|| {
                lines(&data)
                    .filter(|l| !molde.validate_into(l, &mut violations).unwrap())
                    .count()
            })
        });
        group.bench_function("serde_json + jsonschema is_valid", |b| {
            b.iter(|| {
                lines(&data)
                    .filter(|l| !peer.is_valid(&serde_json::from_slice::<Value>(l).unwrap()))
                    .count()
            })
        });
        group.bench_function("serde_json + jsonschema iter_errors", |b| {
            b.iter(|| {
                lines(&data)
                    .map(|l| {
                        peer.iter_errors(&serde_json::from_slice::<Value>(l).unwrap())
                            .count()
                    })
                    .sum::<usize>()
            })
        });
        group.bench_function("parse only: serde_json IgnoredAny (ceiling)", |b| {
            b.iter(|| {
                lines(&data)
                    .filter(|l| serde_json::from_slice::<serde::de::IgnoredAny>(l).is_ok())
                    .count()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
