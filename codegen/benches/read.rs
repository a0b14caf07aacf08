//! Reading speed on the largest corpus spec (kubernetes.json, 941 KB) and on the stripped seed.
//!
//! `cargo bench -p molde-codegen --bench read`. The corpus lives outside the repository
//! (`../shared/corpus`); without it only the seed is measured.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use molde_codegen::{check_bytes, read_document, recover_indentation};

/// The whole pipeline of `molde check`: parse, grammar check, model, lints, verification.
fn read_spec(name: &str, bytes: &[u8]) -> usize {
    let loaded = check_bytes(name, bytes, &[]);
    loaded.diagnostics.len() + loaded.spec.map_or(0, |s| s.types.len())
}

fn bench(c: &mut Criterion) {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let kubernetes = manifest.join("../../shared/corpus/swagger2/go-swagger/kubernetes.json");
    let mut group = c.benchmark_group("read");
    match std::fs::read(&kubernetes) {
        Ok(bytes) => {
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            group.bench_function(
                "kubernetes.json (941 KB): parse+check+model+lint+verify",
                |b| b.iter(|| read_spec("kubernetes.json", &bytes)),
            );
            group.bench_function("kubernetes.json: parse only", |b| {
                b.iter(|| read_document("kubernetes.json", &bytes).root.is_some())
            });
        }
        Err(_) => eprintln!(
            "note: {} is absent; skipping the kubernetes bench",
            kubernetes.display()
        ),
    }
    let seed = std::fs::read(manifest.join("../schemas/vantage.swagger.yaml"))
        .expect("the seed is in schemas/");
    group.throughput(Throughput::Bytes(seed.len() as u64));
    group.bench_function("vantage.swagger.yaml (stripped): recover", |b| {
        let text = std::str::from_utf8(&seed).unwrap();
        b.iter(|| recover_indentation(text).text.len())
    });
    group.bench_function(
        "vantage.swagger.yaml (stripped): recover+parse+check+model+lint+verify",
        |b| b.iter(|| read_spec("vantage.swagger.yaml", &seed)),
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
