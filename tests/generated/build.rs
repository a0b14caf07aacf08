//! Generates the Rust of every spec in the project's molde.toml, as a user's build.rs would,
//! and a table of the generated types by schema pointer for the tests.

use std::fmt::Write;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Path::new("../../molde.toml");
    let written = molde_codegen::Builder::new()
        .config(config)
        .schemars(true)
        .compile()?;
    // For the tests: every generated type, by spec module and schema pointer.
    let project = molde_codegen::config::Config::load(config)?;
    let mut table = String::from(
        "/// Runs `$check::<T>` for the generated type `T` of `module` whose schema is at `pointer`.\n#[macro_export]\nmacro_rules! with_generated_type {\n    ($module:expr, $pointer:expr, $check:ident) => {\n        match ($module, $pointer) {\n",
    );
    for entry in &project.specs {
        let overlays: Vec<_> = entry
            .overlays
            .iter()
            .map(|o| (o.clone(), o.display().to_string()))
            .collect();
        let loaded = molde_codegen::load_spec_as(
            &entry.path,
            &entry.path.display().to_string(),
            &overlays,
            entry.format,
        );
        let spec = loaded.spec.ok_or("a configured spec does not read")?;
        let module = molde_codegen::emit::rust::module_name(&entry.path);
        for (pointer, name) in
            molde_codegen::emit::rust::generated_types(&spec, &Default::default())
        {
            writeln!(
                table,
                "            ({module:?}, {pointer:?}) => Some($check::<$crate::{module}::{name}>()),"
            )?;
        }
    }
    table.push_str("            _ => None,\n        }\n    };\n}\n");
    let out = std::env::var("OUT_DIR")?;
    std::fs::write(Path::new(&out).join("generated_types.rs"), table)?;
    assert_eq!(written.len(), project.specs.len());
    Ok(())
}
