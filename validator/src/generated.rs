//! What the Rust that `molde gen rust` (and the build.rs `Builder`) writes calls at run time.
//! Each generated module embeds its spec's JSON Schema as text in a [`Contract`]; each generated
//! type checks itself against its own schema in it, by pointer, with the same engine
//! `molde validate` runs, so a value gets the same violations either way.
//!
//! ```
//! use molde_validator::generated::Contract;
//!
//! static CONTRACT: Contract = Contract::new(r#"{"$defs": {"Code": {"type": "string", "maxLength": 2}}}"#);
//! let code: String = CONTRACT.from_json("#/$defs/Code", br#""MX""#).unwrap();
//! assert_eq!(code, "MX");
//! let error = CONTRACT.from_json::<String>("#/$defs/Code", br#""MEX""#).unwrap_err();
//! assert_eq!(error.violations()[0].keyword, "maxLength");
//! assert_eq!((error.violations()[0].line, error.violations()[0].column), (1, 1));
//! assert_eq!(CONTRACT.validate("#/$defs/Code", &"MEX").unwrap_err()[0].pointer, "");
//! ```

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{InputError, Options, Validator, Violation};

/// A spec's JSON Schema as generated code embeds it, compiled on first use, once per type.
pub struct Contract {
    text: &'static str,
    document: OnceLock<serde_json::Value>,
    compiled: Mutex<Option<HashMap<&'static str, Arc<Validator>>>>,
}

impl Contract {
    /// The schema document `text` (JSON), not parsed until a type checks itself.
    pub const fn new(text: &'static str) -> Self {
        Contract {
            text,
            document: OnceLock::new(),
            compiled: Mutex::new(None),
        }
    }

    /// The embedded schema document.
    pub fn schema(&self) -> &serde_json::Value {
        self.document.get_or_init(|| {
            serde_json::from_str(self.text)
                .expect("generated code embeds the JSON Schema molde emitted, which is JSON")
        })
    }

    /// The validator of the schema at `pointer` (`#/$defs/Persona`).
    pub fn validator(&self, pointer: &'static str) -> Arc<Validator> {
        let mut compiled = self.compiled.lock().unwrap_or_else(PoisonError::into_inner);
        let compiled = compiled.get_or_insert_with(HashMap::new);
        if let Some(validator) = compiled.get(pointer) {
            return Arc::clone(validator);
        }
        let validator = Arc::new(
            Validator::compile(self.schema(), pointer, Options::default()).unwrap_or_else(|e| {
                panic!("molde generated `{pointer}` from a schema that compiles (molde check verifies it): {e}")
            }),
        );
        compiled.insert(pointer, Arc::clone(&validator));
        validator
    }

    /// Every violation of `value` (serialized as serde does) against the schema at `pointer`.
    /// A value built in Rust has no text: the violations' lines and columns are 0.
    pub fn validate<T: Serialize + ?Sized>(
        &self,
        pointer: &'static str,
        value: &T,
    ) -> Result<(), Vec<Violation>> {
        let json = serde_json::to_value(value).map_err(|e| {
            vec![Violation {
                pointer: String::new(),
                keyword: "type",
                message: format!("the value does not serialize to JSON: {e}"),
                line: 0,
                column: 0,
            }]
        })?;
        let violations = self.validator(pointer).validate_value(&json);
        if violations.is_empty() {
            Ok(())
        } else {
            Err(violations)
        }
    }

    /// `bytes` checked against the schema at `pointer` first (every violation, with its line
    /// and column, as `molde validate` reports them), then deserialized.
    pub fn from_json<T: DeserializeOwned>(
        &self,
        pointer: &'static str,
        bytes: &[u8],
    ) -> Result<T, FromJsonError> {
        let violations = self
            .validator(pointer)
            .validate_bytes(bytes)
            .map_err(FromJsonError::Input)?;
        if !violations.is_empty() {
            return Err(FromJsonError::Invalid(violations));
        }
        serde_json::from_slice(bytes).map_err(|e| FromJsonError::Decode(e.to_string()))
    }
}

/// Why [`Contract::from_json`] gave no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FromJsonError {
    /// The bytes are not JSON (or not JSON the validator accepts).
    Input(InputError),
    /// The payload breaks its schema: every violation, in payload order.
    Invalid(Vec<Violation>),
    /// The payload fits its schema but not the Rust type (a number beyond `i64`, say).
    Decode(String),
}

impl FromJsonError {
    /// The violations of the schema; empty when the bytes were not JSON or did not decode.
    pub fn violations(&self) -> &[Violation] {
        match self {
            FromJsonError::Invalid(violations) => violations,
            FromJsonError::Input(_) | FromJsonError::Decode(_) => &[],
        }
    }
}

impl fmt::Display for FromJsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FromJsonError::Input(e) => write!(f, "not JSON: {e}"),
            FromJsonError::Invalid(violations) => {
                write!(f, "{} violation(s) of the contract", violations.len())?;
                for v in violations {
                    write!(
                        f,
                        "\n{}:{}: {}: {} [{}]",
                        v.line, v.column, v.pointer, v.message, v.keyword
                    )?;
                }
                Ok(())
            }
            FromJsonError::Decode(e) => write!(f, "fits the contract but not the Rust type: {e}"),
        }
    }
}

impl std::error::Error for FromJsonError {}

/// A code a generated enum does not list (`FromStr`, `TryFrom<i64>`, deserializing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCode {
    /// The code as given.
    pub code: String,
    /// The enum's name.
    pub of: &'static str,
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a code of {}", self.code, self.of)
    }
}

impl std::error::Error for UnknownCode {}

/// A type generated from a spec: it knows its schema in its spec's [`Contract`]. Generic code
/// over generated types uses it (`fn send<T: SpecType>(value: &T)`); each type also has
/// `validate` and `from_json` of its own, so calling them needs no import.
pub trait SpecType: Serialize + DeserializeOwned {
    /// Where the type's schema is in its contract (`#/$defs/Persona`).
    const SCHEMA_POINTER: &'static str;

    /// The contract of the spec the type was generated from.
    fn contract() -> &'static Contract;

    /// Every violation of the type's schema by this value (lines and columns are 0).
    fn validate(&self) -> Result<(), Vec<Violation>> {
        Self::contract().validate(Self::SCHEMA_POINTER, self)
    }

    /// The value of `bytes`, checked against the type's schema first.
    fn from_json(bytes: &[u8]) -> Result<Self, FromJsonError> {
        Self::contract().from_json(Self::SCHEMA_POINTER, bytes)
    }
}
