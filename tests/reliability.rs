//! Issue 15, the load, configuration and output half: each failure a hostile tester found, as
//! the real binary shows it (exit code, message, line:column, bytes), in temporary folders and,
//! where git matters, real repositories.

mod common;

use common::{check_json, planlint, repo};
use serde_json::Value;

const HEAD: &str = "schema_version = 1\n\n[plan]\nid = \"p\"\ntitle = \"Plan\"\n";

/// `rule line:col` of every finding.
fn places(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            format!(
                "{} {}:{}",
                f["rule"].as_str().unwrap_or("?"),
                f["line"],
                f["column"]
            )
        })
        .collect()
}

// ---- 4. a byte order mark shifts no finding ----------------------------------------------

#[test]
fn a_byte_order_mark_shifts_no_finding() {
    // a lint finding (rag-unknown at the value), a schema finding on line 1, and the same
    // plan without the mark: every place must be the same
    let body = format!(
        "schema_version = 1\n\n[plan]\nid = \"p\"\ntitle = \"Plan\"\n\n[[actions]]\nid = \"1\"\ntitle = \"Crisis line\"\nleads = [\"Trust\"]\ndue = 2016-03-31\nrag = \"Yellow\"\n"
    );
    let dir = repo(&[("plans/p.toml", &body)]);
    let (_, plain) = check_json(dir.path(), &[]);
    assert_eq!(places(&plain), ["stale-action 8:6", "rag-unknown 12:7"]);
    std::fs::write(dir.path().join("plans/p.toml"), format!("\u{feff}{body}")).expect("write");
    let (code, marked) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(places(&marked), places(&plain));

    let line1 = "\u{feff}schema_version = \"1\"\n\n[plan]\nid = \"p\"\ntitle = \"Plan\"\n";
    std::fs::write(dir.path().join("plans/p.toml"), line1).expect("write");
    let (_, r) = check_json(dir.path(), &[]);
    assert_eq!(places(&r), ["schema 1:18", "schema 1:18"]);
}

#[test]
fn two_byte_order_marks_are_a_syntax_error() {
    let dir = repo(&[("plans/p.toml", &format!("\u{feff}\u{feff}{HEAD}"))]);
    let (code, r) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(places(&r), ["toml-syntax 1:1"]);
}

// ---- 13. integers that are not TOML ------------------------------------------------------

#[test]
fn integers_that_are_not_toml_are_syntax_findings_at_the_value() {
    for (value, why) in [
        ("0x", "no digits after `0x`"),
        ("0b", "no digits after `0b`"),
        ("0o", "no digits after `0o`"),
        ("1_0\u{660}", "is not an ASCII digit"),
        ("99999999999999999999", "out of range"),
    ] {
        let text = format!("schema_version = 1\n\n[plan]\nid = \"p\"\ntitle = {value}\n");
        let dir = repo(&[("plans/p.toml", &text)]);
        let (code, r) = check_json(dir.path(), &[]);
        assert_eq!(code, 1, "{value}: {r}");
        assert_eq!(places(&r), ["toml-syntax 5:9"], "{value}: {r}");
        let message = r["findings"][0]["message"].as_str().unwrap_or("");
        assert!(
            message.starts_with(&format!("invalid TOML: `{value}` is not a valid number"))
                && message.contains(why),
            "{value}: {message}"
        );
        assert!(!r.to_string().contains("planlint bug"), "{r}");
    }
}
