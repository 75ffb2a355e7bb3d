//! The reference pages in `docs/` stay true to the program: every plan key in the schema is in
//! `docs/plan-format.md`; every `planlint.toml` key `init` documents, every `check` flag and
//! every environment variable is in `docs/configuration.md`; every output schema is linked from
//! `docs/output.md`; and nothing a user reads points at a design document they do not have.

use assert_cmd::Command;
use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn stdout(dir: &Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("planlint")
        .expect("binary")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("run");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every property name anywhere in a JSON Schema.
fn properties(v: &serde_json::Value, out: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                out.extend(props.keys().cloned());
            }
            for child in map.values() {
                properties(child, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| properties(i, out)),
        _ => {}
    }
}

#[test]
fn plan_format_page_names_every_key_of_the_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&read("schema/plan-v1.schema.json")).expect("JSON");
    let mut keys = BTreeSet::new();
    properties(&schema, &mut keys);
    assert!(keys.len() > 25, "{keys:?}");
    let page = read("docs/plan-format.md");
    let missing: Vec<_> = keys
        .iter()
        .filter(|k| !page.contains(&format!("`{k}`")) && !page.contains(&format!("[{k}]")))
        .filter(|k| {
            !page.contains(&format!("[[{k}]]")) && !page.contains(&format!("[[actions.{k}]]"))
        })
        .collect();
    assert!(missing.is_empty(), "docs/plan-format.md lacks {missing:?}");
}

#[test]
fn configuration_page_names_every_setting_flag_and_variable() {
    let dir = tempfile::tempdir().expect("temp dir");
    Command::cargo_bin("planlint")
        .expect("binary")
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(0);
    let page = read("docs/configuration.md");
    // the settings init's planlint.toml documents, commented out at their defaults
    let written = std::fs::read_to_string(dir.path().join("planlint.toml")).expect("read");
    let mut keys: BTreeSet<String> = written
        .lines()
        .filter_map(|l| l.strip_prefix("# "))
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, _)| k.to_string())
        .filter(|k| !k.contains(' ') && !k.starts_with('"'))
        .filter(|k| !["stale-action", "rag-missing", "name", "done"].contains(&k.as_str()))
        .collect();
    keys.extend(
        written
            .lines()
            .filter_map(|l| l.trim_start_matches("# ").strip_prefix('['))
            .map(|l| format!("[{l}")),
    );
    assert!(keys.len() > 15, "{keys:?}");
    let missing: Vec<_> = keys.iter().filter(|k| !page.contains(k.as_str())).collect();
    assert!(
        missing.is_empty(),
        "docs/configuration.md lacks {missing:?}"
    );
    // every long flag of `check`
    let help = stdout(dir.path(), &["check", "--help"]);
    let flags: BTreeSet<&str> = help
        .split_whitespace()
        .filter(|w| w.starts_with("--") && w.len() > 2)
        .map(|w| w.trim_end_matches(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|w| !["--help", "--version"].contains(w))
        .collect();
    assert!(flags.len() > 20, "{flags:?}");
    let missing: Vec<_> = flags.iter().filter(|f| !page.contains(*f)).collect();
    assert!(
        missing.is_empty(),
        "docs/configuration.md lacks {missing:?}"
    );
    for var in [
        "PLANLINT_CONFIG",
        "PLANLINT_OUTPUT_FORMAT",
        "NO_COLOR",
        "FORCE_COLOR",
        "CLICOLOR_FORCE",
        "TERM=dumb",
    ] {
        assert!(page.contains(var), "docs/configuration.md lacks {var}");
    }
}

#[test]
fn output_page_links_every_schema_and_names_their_top_level_keys() {
    let page = read("docs/output.md");
    for name in ["check", "diff", "history", "report"] {
        let rel = format!("schemas/{name}.schema.json");
        assert!(page.contains(&rel), "docs/output.md does not link {rel}");
        let schema: serde_json::Value =
            serde_json::from_str(&read(&format!("docs/{rel}"))).expect("JSON");
        for key in schema["properties"].as_object().expect("properties").keys() {
            assert!(
                page.contains(&format!("`{key}`")),
                "docs/output.md lacks {name}'s `{key}`"
            );
        }
    }
}

#[test]
fn nothing_a_user_reads_points_at_the_design_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut texts = vec![
        ("README.md".to_string(), read("README.md")),
        ("examples/README.md".to_string(), read("examples/README.md")),
        ("schema/README.md".to_string(), read("schema/README.md")),
        (
            "planlint --help".to_string(),
            stdout(dir.path(), &["--help"]),
        ),
    ];
    for cmd in [
        "check", "diff", "history", "report", "rules", "schema", "init",
    ] {
        texts.push((
            format!("planlint {cmd} --help"),
            stdout(dir.path(), &[cmd, "--help"]),
        ));
    }
    for (name, text) in &texts {
        assert!(!text.contains("DESIGN"), "{name} points at DESIGN");
    }
    // and the pages they point at exist
    for page in [
        "docs/plan-format.md",
        "docs/configuration.md",
        "docs/output.md",
    ] {
        assert!(texts[0].1.contains(page), "README does not link {page}");
        assert!(root().join(page).is_file(), "{page}");
    }
}
