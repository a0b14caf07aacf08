//! The NDJSON payloads both validation benches measure: `NoAportantesPeticion` requests of the
//! Vant/Age seed, generated deterministically (xorshift), so every run reads the same bytes.

use serde_json::{Value, json};

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

/// `count` payloads, one per line; one in ten invalid unless `valid_only`.
pub fn ndjson(count: usize, valid_only: bool) -> Vec<u8> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::new();
    for i in 0..count {
        let i = if valid_only && i % 10 == 9 { i + 1 } else { i };
        serde_json::to_writer(&mut out, &payload(&mut rng, i)).unwrap();
        out.push(b'\n');
    }
    out
}
