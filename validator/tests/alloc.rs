//! The all-valid path allocates nothing: a counting global allocator watches `validate_into`
//! and `is_valid_bytes` on valid payloads once the output buffer exists.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use molde_validator::{Options, Validator};
use serde_json::json;

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    f();
    ALLOCATIONS.load(Ordering::Relaxed) - before
}

#[test]
fn valid_payloads_allocate_nothing() {
    let schema = json!({
        "definitions": {
            "Domicilio": {
                "type": "object",
                "required": ["calle", "CP", "estado"],
                "additionalProperties": false,
                "properties": {
                    "calle": {"type": "string", "maxLength": 40},
                    "CP": {"type": "string", "minLength": 5, "maxLength": 5},
                    "estado": {"enum": ["AGS", "BC", "CDMX", "ZAC"]}
                }
            }
        },
        "type": "object",
        "required": ["folio", "persona"],
        "properties": {
            "folio": {"type": "integer", "minimum": 1},
            "monto": {"type": "number", "multipleOf": 0.01, "exclusiveMinimum": 0},
            "persona": {
                "type": "object",
                "properties": {
                    "nombre": {"type": "string", "minLength": 1},
                    "nacimiento": {"type": "string", "format": "date"},
                    "correo": {"type": "string", "format": "email"},
                    "alta": {"type": "string", "format": "date-time"},
                    "domicilios": {"type": "array", "maxItems": 3, "items": {"$ref": "#/definitions/Domicilio"}},
                    "telefono": {"anyOf": [{"type": "null"}, {"type": "string", "maxLength": 10}]},
                    "tipo": {"oneOf": [{"const": "F"}, {"const": "M"}]},
                    "activo": {"type": "boolean", "not": {"const": false}}
                }
            }
        }
    });
    let validator = Validator::compile(&schema, "#", Options::default()).unwrap();
    let payload = br#"{
        "folio": 17, "monto": 1999.99,
        "persona": {
            "nombre": "Mar\u00eda Jos\u00e9", "nacimiento": "2000-02-29", "correo": "maria@example.com.mx",
            "alta": "2024-01-31T10:00:00-06:00",
            "domicilios": [{"calle": "Reforma 222", "CP": "06600", "estado": "CDMX"}],
            "telefono": "5512345678", "tipo": "F", "activo": true,
            "extra": {"deep": [[1, 2, {"x": null}], "unconstrained"]}
        }
    }"#;
    let mut out = Vec::with_capacity(8);
    assert!(
        validator.validate_into(payload, &mut out).unwrap(),
        "{out:?}"
    );
    assert_eq!(
        allocations(|| assert!(validator.validate_into(payload, &mut out).unwrap())),
        0
    );
    assert_eq!(
        allocations(|| assert!(validator.is_valid_bytes(payload).unwrap())),
        0
    );
}
