//! The Rust molde generates for every spec in molde.toml, compiled as a user's crate compiles
//! it (warnings denied). `tests/` uses it.

#![deny(warnings)]

pub mod vantage {
    include!(concat!(env!("OUT_DIR"), "/vantage.rs"));
}

pub mod smart_collection_score {
    include!(concat!(env!("OUT_DIR"), "/smart_collection_score.rs"));
}

pub mod core_customer {
    include!(concat!(env!("OUT_DIR"), "/core_customer.rs"));
}

pub mod cliente {
    include!(concat!(env!("OUT_DIR"), "/cliente.rs"));
}

include!(concat!(env!("OUT_DIR"), "/generated_types.rs"));
