//! Plan text is untrusted (issue 15, item 19): anyone who can open a pull request writes it.
//! One test per output format feeds it hostile text (ANSI and OSC sequences, HTML tags, GitHub
//! workflow commands, Markdown table pipes and image links, XML entities and CDATA ends) and
//! asserts that it comes out inert: shown, never obeyed.

use crate::common::{git_at, planlint};
use serde_json::Value;
use std::path::Path;

/// The hostile text as TOML writes it (escapes, so the file itself is valid TOML).
const HOSTILE_TOML: &str = r#"Act \u001b]0;pwned\u0007\u001b[2J\u009b31m <img src=x onerror=alert(1)> \n::error file=x::forged %0A::warning::y | ![i](http://e/i.png) [l](http://e) &amp; ]]></failure> \u202eevil"#;

/// The same text as planlint reads it.
fn hostile() -> String {
    toml::from_str::<toml::Table>(&format!("t = \"{HOSTILE_TOML}\"")).expect("valid TOML")["t"]
        .as_str()
        .expect("a string")
        .to_string()
}

fn plan(rag: &str, second: bool) -> String {
    let mut p = format!(
        "schema_version = 1\n\n[plan]\nid = \"p\"\ntitle = \"Plan\"\nupdated = 2015-11-30\n\n[[actions]]\nid = \"1\"\ntitle = \"{HOSTILE_TOML}\"\nleads = [\"Trust\"]\ndue = 2016-03-31\nrag = \"{rag}\"\n\n[[actions.updates]]\ndate = 2015-11-20\ntext = \"ok\"\n"
    );
    if second {
        p.push_str(&format!(
            "\n[[actions]]\nid = \"2\"\ntitle = \"{HOSTILE_TOML}\"\nleads = [\"Trust\"]\ndue = 2016-03-31\n"
        ));
    }
    p
}

/// A repository: tag `v1` with the hostile action rated amber; HEAD with it rated with the
/// hostile text and a second action with the hostile title added.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
    std::fs::write(dir.path().join("plans/p.toml"), plan("amber", false)).expect("write");
    git_at(
        dir.path(),
        &["init", "-q", "-b", "main"],
        "2015-06-01T12:00:00Z",
    );
    git_at(dir.path(), &["add", "-A"], "2015-06-01T12:00:00Z");
    git_at(
        dir.path(),
        &["commit", "-q", "-m", "v1"],
        "2015-06-01T12:00:00Z",
    );
    git_at(dir.path(), &["tag", "v1"], "2015-06-01T12:00:00Z");
    std::fs::write(dir.path().join("plans/p.toml"), plan(HOSTILE_TOML, true)).expect("write");
    git_at(dir.path(), &["add", "-A"], "2015-11-30T12:00:00Z");
    git_at(
        dir.path(),
        &["commit", "-q", "-m", "v2"],
        "2015-11-30T12:00:00Z",
    );
    dir
}

fn run(dir: &Path, args: &[&str]) -> String {
    let out = planlint(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(args)
        .output()
        .expect("run");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !out.stderr.iter().any(|b| *b == 0x1b || *b == 0x07),
        "raw control characters on stderr"
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn check(dir: &Path, format: &str) -> String {
    run(dir, &["check", "--as-of", "2015-12-01", "--format", format])
}

/// No control character at all (C0 but line breaks and tabs, DEL, C1) and no bidi override,
/// and the text shown as `\u{1b}`.
fn assert_no_controls(what: &str, out: &str) {
    assert_no_raw_controls(what, out);
    assert!(
        out.contains("\\u{1b}]0;pwned"),
        "{what}: the text is not shown:\n{out}"
    );
}

fn assert_no_raw_controls(what: &str, out: &str) {
    let bad: Vec<char> = out
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t') || ('\u{202a}'..='\u{202e}').contains(&c)
        })
        .collect();
    assert!(bad.is_empty(), "{what}: raw {bad:?} in\n{out}");
}

/// Markdown: the hostile text cannot open a cell, a link, an image or an HTML tag.
fn assert_inert_markdown(what: &str, out: &str) {
    assert_no_raw_controls(what, out);
    // shown as `\u{1b}`, its backslash and bracket escaped for Markdown
    assert!(
        out.contains("\\\\u{1b}\\]0;pwned"),
        "{what}: the text is not shown:\n{out}"
    );
    assert!(
        !out.contains("<img"),
        "{what}: an HTML tag got through:\n{out}"
    );
    assert!(
        !out.contains("![i]"),
        "{what}: an image got through:\n{out}"
    );
    assert!(
        !out.contains("[l](http"),
        "{what}: a link got through:\n{out}"
    );
    assert!(
        out.contains("\\| \\!\\[i\\]"),
        "{what}: pipes and images are not escaped:\n{out}"
    );
}

#[test]
fn human() {
    let dir = repo();
    assert_no_controls("human", &check(dir.path(), "human"));
}

#[test]
fn human_snippet_of_a_file_with_raw_control_characters() {
    // raw control characters are not TOML: a syntax finding whose snippet shows the line
    let dir = repo();
    std::fs::write(
        dir.path().join("plans/p.toml"),
        "schema_version = 1\n# \u{1b}]0;pwned\u{7}\u{1b}[2J\n[plan\n",
    )
    .expect("write");
    let out = check(dir.path(), "human");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out}");
    assert!(
        out.contains("# \u{241b}]0;pwned\u{2407}\u{241b}[2J"),
        "{out}"
    );
}

#[test]
fn concise() {
    let dir = repo();
    let out = check(dir.path(), "concise");
    assert_no_controls("concise", &out);
    // a line break in the text cannot start a line of its own
    assert!(
        out.lines()
            .all(|l| l.starts_with("plans/p.toml:") || l.contains(" in 1 plan")),
        "{out}"
    );
}

/// JSON formats escape control characters themselves; the text must survive exactly.
fn assert_json_round_trip(what: &str, out: &str, messages: impl Fn(&Value) -> Vec<String>) {
    assert!(!out.contains('\u{1b}'), "{what}: raw ESC");
    let v: Value = serde_json::from_str(out).expect("JSON");
    let h = hostile();
    // from the first escape sequence to the second (ratings are stored lowercase)
    let key = &h[h.find('\u{1b}').expect("in the text")..h.find("\u{1b}[2J").expect("in the text")];
    assert!(
        messages(&v).iter().any(|m| m.contains(key)),
        "{what}: the text is not carried exactly"
    );
}

#[test]
fn json() {
    let dir = repo();
    assert_json_round_trip("json", &check(dir.path(), "json"), |v| {
        v["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter_map(|f| f["message"].as_str().map(String::from))
            .collect()
    });
}

#[test]
fn gitlab() {
    let dir = repo();
    assert_json_round_trip("gitlab", &check(dir.path(), "gitlab"), |v| {
        v.as_array()
            .expect("issues")
            .iter()
            .filter_map(|i| i["description"].as_str().map(String::from))
            .collect()
    });
}

#[test]
fn sarif() {
    let dir = repo();
    assert_json_round_trip("sarif", &check(dir.path(), "sarif"), |v| {
        v["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .filter_map(|r| r["message"]["text"].as_str().map(String::from))
            .collect()
    });
}

#[test]
fn github() {
    let dir = repo();
    let out = check(dir.path(), "github");
    assert_no_controls("github", &out);
    // only planlint's own workflow commands: one a finding, each on its own line
    let commands: Vec<&str> = out.lines().filter(|l| l.starts_with("::")).collect();
    let findings = out.lines().count() - 1;
    assert_eq!(commands.len(), findings, "{out}");
    assert!(!out.contains("\n::error file=x"), "{out}");
    // `%0A` in the text stays text (`%250A`), as does the line break (`%0A`)
    assert!(out.contains("%250A::warning::y"), "{out}");
    // and the job summary is inert Markdown
    let summary = dir.path().join("summary.md");
    let out = planlint(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "--as-of", "2015-12-01", "--format", "github"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let md = std::fs::read_to_string(&summary).expect("summary");
    assert_inert_markdown("github job summary", &md);
}

#[test]
fn junit() {
    let dir = repo();
    let out = check(dir.path(), "junit");
    assert_no_controls("junit", &out);
    // well-formed, and the text is text: no element or CDATA came from it
    let mut reader = quick_xml::Reader::from_str(&out);
    let mut elements = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                elements.push(String::from_utf8_lossy(e.name().as_ref()).into_owned());
            }
            quick_xml::events::Event::CData(_) => panic!("CDATA from plan text"),
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert!(
        elements.iter().all(|e| [
            "testsuites",
            "testsuite",
            "testcase",
            "failure",
            "system-out"
        ]
        .contains(&e.as_str())),
        "{elements:?}"
    );
}

#[test]
fn diff_text() {
    let dir = repo();
    assert_no_controls("diff text", &run(dir.path(), &["diff", "v1", "HEAD"]));
}

#[test]
fn diff_markdown() {
    let dir = repo();
    let out = run(dir.path(), &["diff", "v1", "HEAD", "--format", "markdown"]);
    assert_inert_markdown("diff markdown", &out);
    // every table row has exactly its six cells
    for row in out
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Action"))
    {
        let cells = row.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 7, "{row}");
    }
}

#[test]
fn diff_json() {
    let dir = repo();
    let out = run(dir.path(), &["diff", "v1", "HEAD", "--format", "json"]);
    assert_json_round_trip("diff json", &out, |v| {
        v["changes"]
            .as_array()
            .expect("changes")
            .iter()
            .flat_map(|c| [c["title"].as_str(), c["to"].as_str()])
            .flatten()
            .map(String::from)
            .collect()
    });
}

#[test]
fn history_text() {
    let dir = repo();
    assert_no_controls("history text", &run(dir.path(), &["history", "1"]));
}

#[test]
fn report_markdown() {
    let dir = repo();
    let out = run(
        dir.path(),
        &["report", "v1", "HEAD", "--as-of", "2015-12-01"],
    );
    assert_inert_markdown("report markdown", &out);
}

#[test]
fn report_html() {
    let dir = repo();
    let out = run(
        dir.path(),
        &[
            "report",
            "v1",
            "HEAD",
            "--as-of",
            "2015-12-01",
            "--format",
            "html",
        ],
    );
    assert_no_controls("report html", &out);
    assert!(!out.contains("<img"), "an HTML tag got through");
    assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"), "{out}");
}
