//! Fuzzes reading a configuration (`planlint.toml`): any text to `Config::parse` must give a
//! configuration that keeps its own bounds, or an error that says where (DESIGN: never a
//! panic on any input; issue 15: every configured number bounded, every rating named once).
#![no_main]

use libfuzzer_sys::fuzz_target;
use planlint::plan::source::SourceFile;
use planlint::workspace::config::{Config, MAX_DAYS, MAX_YEARS};
use std::path::{Path, PathBuf};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = SourceFile::new("planlint.toml".into(), text.to_string());
    let rules = planlint::lint::names();
    match Config::parse(
        &source,
        PathBuf::from("/repo"),
        Path::new("/repo/planlint.toml"),
        &rules,
    ) {
        Ok(c) => {
            assert!((0..=MAX_DAYS).contains(&c.stale_grace_days));
            assert!((0..=MAX_DAYS).contains(&c.amber_drift_days));
            assert!((0..=MAX_YEARS).contains(&c.years_before));
            assert!((0..=MAX_YEARS).contains(&c.years_after));
            assert!(!c.scale.levels.is_empty(), "an empty rating scale");
            let mut names: Vec<&str> = c.scale.names().collect();
            assert!(names.iter().all(|n| !n.is_empty()), "an unnamed rating");
            names.sort_unstable();
            let n = names.len();
            names.dedup();
            assert_eq!(n, names.len(), "a rating named twice");
            for target in c.scale.aliases.values() {
                assert!(c.scale.resolve(target).is_some(), "an alias to nothing");
            }
        }
        Err(e) => {
            // an error names the file, and a place when it has one
            assert!(e.to_string().starts_with("planlint.toml:"), "{e}");
        }
    }
});
