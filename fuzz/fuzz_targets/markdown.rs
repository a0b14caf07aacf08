#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| molde_fuzz::checks::markdown(data));
