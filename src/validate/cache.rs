//! What `molde validate` compiles a target from, kept between runs.
//!
//! Finding the spec that has the target means reading every configured spec, and reading a
//! stripped one means recovering its indentation: tens of milliseconds before the first payload,
//! on every run. The outcome (the emitted JSON Schema, the entry in it and the warnings printed
//! on the way) depends only on the bytes of the specs, their overlays and molde.toml, on the
//! `MOLDE_*` switches, on the target and on the molde binary itself, so it is stored under a
//! digest of all of them and used again while none changes.
//!
//! One file per target and set of spec paths holds the latest outcome; a change to any input
//! makes a new digest, and the file is overwritten. The cache is best-effort: an entry that
//! cannot be read, parsed or written is a miss, never an error.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Bumped when the entry's layout or meaning changes.
const LAYOUT: &[u8] = b"molde validate cache 1";

/// Where entries go: `MOLDE_CACHE_DIR` (empty: no cache), else the user's cache directory.
pub fn dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = std::env::var_os("MOLDE_CACHE_DIR") {
        return (!dir.is_empty()).then(|| PathBuf::from(dir));
    }
    var("XDG_CACHE_HOME")
        .map(|d| PathBuf::from(d).join("molde"))
        .or_else(|| var("HOME").map(|d| PathBuf::from(d).join(".cache").join("molde")))
        .or_else(|| var("LOCALAPPDATA").map(|d| PathBuf::from(d).join("molde")))
}

/// Builds a [`Key`] from the inputs, each added with its length so that no two sequences of
/// parts run together into the same bytes.
pub struct KeyBuilder {
    dir: PathBuf,
    /// What names the entry's file: the target and the paths.
    slot: Sha256,
    /// Everything the outcome depends on.
    content: Sha256,
}

/// Where an entry lives and the digest it must carry to be used.
pub struct Key {
    file: PathBuf,
    digest: String,
}

impl KeyBuilder {
    /// A key for an entry under `dir`, for this very binary (its path, size and modification
    /// time: a rebuilt molde reads specs afresh); `None` when the binary cannot be told apart.
    pub fn new(dir: PathBuf) -> Option<KeyBuilder> {
        let exe = std::env::current_exe().ok()?;
        let meta = std::fs::metadata(&exe).ok()?;
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        let mut key = KeyBuilder {
            dir,
            slot: Sha256::new(),
            content: Sha256::new(),
        };
        key.name(LAYOUT);
        key.content(env!("CARGO_PKG_VERSION").as_bytes());
        key.content(exe.as_os_str().as_encoded_bytes());
        key.content(&meta.len().to_le_bytes());
        key.content(&modified.as_nanos().to_le_bytes());
        // The switches that change how specs are read (`MOLDE_RECOVERY_RULES_OFF`, ...).
        let mut switches: Vec<(String, String)> = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.to_string_lossy().into_owned())))
            .filter(|(k, _)| k.starts_with("MOLDE_") && k != "MOLDE_CACHE_DIR")
            .collect();
        switches.sort();
        for (k, v) in switches {
            key.content(k.as_bytes());
            key.content(v.as_bytes());
        }
        Some(key)
    }

    /// A part that names the entry (and so also decides its content).
    pub fn name(&mut self, part: &[u8]) {
        add(&mut self.slot, part);
        add(&mut self.content, part);
    }

    /// A part the entry's content depends on.
    pub fn content(&mut self, part: &[u8]) {
        add(&mut self.content, part);
    }

    /// A file's bytes as a part (a file that cannot be read: no key, so no cache).
    pub fn file(&mut self, path: &Path) -> Option<()> {
        let bytes = std::fs::read(path).ok()?;
        self.content(&bytes);
        Some(())
    }

    pub fn finish(self) -> Key {
        let slot = hex(&self.slot.finalize());
        Key {
            file: self.dir.join(format!("validate-{}.json", &slot[..32])),
            digest: hex(&self.content.finalize()),
        }
    }
}

fn add(hash: &mut Sha256, part: &[u8]) {
    hash.update((part.len() as u64).to_le_bytes());
    hash.update(part);
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A compiled target's inputs to the validator, as stored.
#[derive(Serialize, Deserialize)]
pub struct Entry {
    digest: String,
    /// The pointer of the target's schema in `schema` (`#/$defs/X`).
    pub entry: String,
    /// The lines printed to stderr while finding the target, printed again on a hit.
    pub warnings: Vec<String>,
    /// The spec's emitted JSON Schema document.
    pub schema: serde_json::Value,
}

/// The entry `key` names, if one is stored with its digest.
pub fn load(key: &Key) -> Option<Entry> {
    let bytes = std::fs::read(&key.file).ok()?;
    let entry: Entry = serde_json::from_slice(&bytes).ok()?;
    (entry.digest == key.digest).then_some(entry)
}

/// Stores the outcome under `key`, replacing what was there; failures are ignored (the next
/// run reads the specs again). Written to a temporary file first and renamed, so a reader
/// never sees half an entry.
pub fn store(key: &Key, entry: &str, warnings: &[String], schema: &serde_json::Value) {
    #[derive(Serialize)]
    struct Borrowed<'a> {
        digest: &'a str,
        entry: &'a str,
        warnings: &'a [String],
        schema: &'a serde_json::Value,
    }
    let Ok(text) = serde_json::to_vec(&Borrowed {
        digest: &key.digest,
        entry,
        warnings,
        schema,
    }) else {
        return;
    };
    let Some(dir) = key.file.parent() else {
        return;
    };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let temporary = key
        .file
        .with_extension(format!("{}.tmp", std::process::id()));
    if std::fs::write(&temporary, text).is_ok() && std::fs::rename(&temporary, &key.file).is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(dir: &Path, name: &[u8], content: &[u8]) -> Key {
        let mut k = KeyBuilder::new(dir.to_path_buf()).expect("the test binary has metadata");
        k.name(name);
        k.content(content);
        k.finish()
    }

    #[test]
    fn an_entry_is_used_only_with_the_digest_it_was_stored_with() {
        let dir = std::env::temp_dir().join(format!("molde-cache-test-{}", std::process::id()));
        let schema = serde_json::json!({"$defs": {"A": {"type": "string"}}});
        let first = key(&dir, b"--type A", b"spec v1");
        assert!(load(&first).is_none(), "nothing stored yet");
        store(&first, "#/$defs/A", &["warning: w".into()], &schema);
        let hit = load(&first).expect("stored");
        assert_eq!(
            (hit.entry.as_str(), hit.warnings.as_slice(), &hit.schema),
            ("#/$defs/A", &["warning: w".to_string()][..], &schema)
        );
        // The spec changed: same file, another digest, so a miss; storing replaces it.
        let second = key(&dir, b"--type A", b"spec v2");
        assert_eq!(first.file, second.file);
        assert!(load(&second).is_none());
        store(&second, "#/$defs/A", &[], &schema);
        assert!(load(&first).is_none() && load(&second).is_some());
        // Parts do not run together: ("ab", "") differs from ("a", "b").
        assert_ne!(key(&dir, b"ab", b"").digest, key(&dir, b"a", b"b").digest);
        // A damaged entry is a miss.
        std::fs::write(&second.file, b"{\"digest\":").unwrap();
        assert!(load(&second).is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
