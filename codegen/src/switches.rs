//! Switching heuristic rules off by name: the recovery rules and the field-table rules keep a
//! list of the names switched off, checked against the rules there are, and read it from an
//! environment variable of comma-separated names.

/// Adds `name` to `off`, when it is one of `names`; otherwise an error that lists them.
pub(crate) fn switch_off(
    off: &mut Vec<&'static str>,
    names: &[&'static str],
    kind: &str,
    name: &str,
) -> Result<(), String> {
    let Some(known) = names.iter().find(|n| **n == name) else {
        return Err(format!(
            "no {kind} rule is named `{name}`; the rules are: {}",
            names.join(", ")
        ));
    };
    if !off.contains(known) {
        off.push(known);
    }
    Ok(())
}

/// Each name listed in the environment variable `variable` (comma-separated, blanks ignored)
/// given to `off`; an error names the variable.
pub(crate) fn off_from_env(
    variable: &str,
    mut off: impl FnMut(&str) -> Result<(), String>,
) -> Result<(), String> {
    if let Some(value) = std::env::var_os(variable) {
        for name in value.to_string_lossy().split(',').map(str::trim) {
            if !name.is_empty() {
                off(name).map_err(|e| format!("{variable}: {e}"))?;
            }
        }
    }
    Ok(())
}
