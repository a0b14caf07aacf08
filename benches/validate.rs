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
use serde_json::Value;

const PAYLOADS: usize = 100_000;
const ENTRY: &str = "#/$defs/NoAportantesPeticion";

#[path = "common/payloads.rs"]
mod payloads;
use payloads::ndjson;

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
        let data = ndjson(PAYLOADS, valid_only);
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
