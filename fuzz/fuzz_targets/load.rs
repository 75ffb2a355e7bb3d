//! Fuzzes loading a plan from raw bytes (UTF-8, TOML, schema, model) and, when the bytes make a
//! valid plan, every rule on it: input never panics (DESIGN's quality bar).
#![no_main]

use libfuzzer_sys::fuzz_target;
use planlint::lint::{Context, RULES};
use planlint::plan::load::{load_bytes, LoadSeverities};
use planlint::workspace::config::Config;

fuzz_target!(|data: &[u8]| {
    let loaded = load_bytes(
        "plans/fuzz.toml".into(),
        data.to_vec(),
        LoadSeverities::default(),
    );
    let Some(file) = loaded.plan else {
        assert!(!loaded.findings.is_empty(), "refused without a finding");
        return;
    };
    let config = Config::defaults(std::path::PathBuf::from("/repo"));
    let as_of = chrono::NaiveDate::from_ymd_opt(2015, 12, 1).expect("a real date");
    let cx = Context {
        as_of,
        config: &config,
    };
    let mut out = Vec::new();
    for rule in RULES {
        rule.check(&file, &cx, &mut out);
        rule.check_all(&[&file], &cx, &mut out);
    }
    for f in &out {
        // every finding points inside the file
        assert!(f.span.start <= f.span.end && f.span.end <= file.source.text.len());
    }
});
