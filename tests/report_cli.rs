//! `planlint report` end to end: a real git repository with three tagged review cycles (built
//! with git2, commit dates set), the real binary, and the JSON, Markdown and HTML a board sees.
//! One test opens the HTML in headless Chromium and takes a screenshot.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

/// Action `id` of a plan, with extra TOML lines (due dates as TOML dates: the timescale text
/// parser is not needed here).
fn act(id: &str, extra: &str) -> String {
    format!("[[actions]]\nid = \"{id}\"\ntitle = \"Action {id}\"\nleads = [\"Head of Service\"]\n{extra}\n\n")
}

fn update(date: &str) -> String {
    format!("[[actions.updates]]\ndate = {date}\ntext = \"Reviewed at the board.\"\n")
}

fn plan(id: &str, actions: &[String]) -> String {
    format!(
        "schema_version = 1\n\n[plan]\nid = \"{id}\"\ntitle = \"Plan {id}\"\n\n{}",
        actions.concat()
    )
}

/// The three review cycles: (tag, commit date, alpha, beta).
fn cycles() -> Vec<(&'static str, &'static str, String, String)> {
    let q1_alpha = plan(
        "alpha",
        &[
            act(
                "1",
                &format!(
                    "rag = \"green\"\nstatus = \"in-progress\"\ndue = 2015-09-15\n{}",
                    update("2015-06-20")
                ),
            ),
            act(
                "2",
                &format!(
                    "rag = \"amber\"\nstatus = \"in-progress\"\ndue = 2015-08-31\n{}",
                    update("2015-06-25")
                ),
            ),
            act(
                "3",
                "rag = \"green\"\nstatus = \"in-progress\"\ndue = 2015-12-31",
            ),
            act(
                "4",
                "rag = \"red\"\nstatus = \"in-progress\"\ndue = 2016-03-31",
            ),
        ],
    );
    let q1_beta = plan(
        "beta",
        &[
            act(
                "1",
                "rag = \"amber\"\nstatus = \"in-progress\"\ndue = 2015-07-31",
            ),
            act("2", "status = \"not-started\"\ndue = 2016-01-31"),
        ],
    );
    // q2: alpha 1 falls green -> red and falls overdue without an update; alpha 2's due date
    // slips three months; alpha 3 falls to amber; alpha 4 completes; alpha 5 is new and refers
    // to an action that does not exist; beta 1 is withdrawn; beta 2 is never updated
    let q2_alpha = plan(
        "alpha",
        &[
            act(
                "1",
                &format!(
                    "rag = \"red\"\nstatus = \"in-progress\"\ndue = 2015-09-15\n{}",
                    update("2015-06-20")
                ),
            ),
            act(
                "2",
                &format!(
                    "rag = \"amber\"\nstatus = \"in-progress\"\ndue = 2015-11-30\n{}",
                    update("2015-09-10")
                ),
            ),
            act(
                "3",
                &format!(
                    "rag = \"amber\"\nstatus = \"in-progress\"\ndue = 2015-12-31\n{}",
                    update("2015-09-01")
                ),
            ),
            act(
                "4",
                &format!(
                    "rag = \"green\"\nstatus = \"complete\"\ndue = 2016-03-31\n{}",
                    update("2015-09-20")
                ),
            ),
            act(
                "5",
                "rag = \"green\"\nstatus = \"in-progress\"\ndue = 2016-06-30\nrefs = [\"99\"]",
            ),
        ],
    );
    let q2_beta = plan(
        "beta",
        &[
            act("1", "status = \"withdrawn\"\ndue = 2015-07-31"),
            act("2", "status = \"not-started\"\ndue = 2016-01-31"),
        ],
    );
    let q3_alpha = q2_alpha.replace(
        "rag = \"amber\"\nstatus = \"in-progress\"\ndue = 2015-11-30",
        "rag = \"red\"\nstatus = \"in-progress\"\ndue = 2015-11-30",
    );
    let q3_beta = q2_beta.replace(
        "status = \"not-started\"\ndue = 2016-01-31",
        &format!(
            "rag = \"amber\"\nstatus = \"in-progress\"\ndue = 2016-01-31\n{}",
            update("2015-12-01")
        ),
    );
    vec![
        ("review-2015-q1", "2015-06-30", q1_alpha, q1_beta),
        ("review-2015-q2", "2015-09-30", q2_alpha, q2_beta),
        ("review-2015-q3", "2015-12-31", q3_alpha, q3_beta),
    ]
}

/// A repository whose history is the three cycles, each tagged (the second with an annotated
/// tag), plus an unrelated `v1.0` tag; the working tree holds the last cycle.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let git = git2::Repository::init(dir.path()).expect("git init");
    std::fs::write(dir.path().join("planlint.toml"), "").expect("config");
    std::fs::create_dir_all(dir.path().join("plans")).expect("plans dir");
    let mut parent: Option<git2::Oid> = None;
    for (i, (tag, date, alpha, beta)) in cycles().into_iter().enumerate() {
        std::fs::write(dir.path().join("plans/alpha.toml"), alpha).expect("write");
        std::fs::write(dir.path().join("plans/beta.toml"), beta).expect("write");
        let mut index = git.index().expect("index");
        index
            .add_all(
                ["planlint.toml", "plans"],
                git2::IndexAddOption::DEFAULT,
                None,
            )
            .expect("add");
        index.write().expect("write index");
        let tree = git
            .find_tree(index.write_tree().expect("tree"))
            .expect("tree");
        let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
        let secs = day
            .and_hms_opt(17, 0, 0)
            .expect("time")
            .and_utc()
            .timestamp();
        let sig = git2::Signature::new("Board", "board@example.org", &git2::Time::new(secs, 0))
            .expect("signature");
        let parents: Vec<git2::Commit> = parent
            .map(|p| git.find_commit(p).expect("parent"))
            .into_iter()
            .collect();
        let refs: Vec<&git2::Commit> = parents.iter().collect();
        let id = git
            .commit(
                Some("HEAD"),
                &sig,
                &sig,
                &format!("board {tag}"),
                &tree,
                &refs,
            )
            .expect("commit");
        let obj = git.find_object(id, None).expect("commit object");
        if i == 1 {
            git.tag(tag, &obj, &sig, "second review", false)
                .expect("annotated tag");
        } else {
            git.tag_lightweight(tag, &obj, false).expect("tag");
        }
        if i == 0 {
            git.tag_lightweight("v1.0", &obj, false).expect("tag");
        }
        parent = Some(id);
    }
    dir
}

fn planlint(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("planlint").expect("binary");
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}

fn run(dir: &Path, args: &[&str]) -> String {
    let out = planlint(dir)
        .arg("report")
        .args(args)
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let text = run(dir, &all);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// `plan/action` of each entry of a list.
fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("a list")
        .iter()
        .map(|x| {
            format!(
                "{}/{}",
                x["plan"].as_str().unwrap_or("?"),
                x["action"].as_str().unwrap_or("?")
            )
        })
        .collect()
}

#[test]
fn counts_transitions_slips_and_stale_actions_between_two_cycles() {
    let dir = repo();
    let r = json(dir.path(), &["review-2015-q1", "review-2015-q2"]);
    assert_eq!(r["from"]["rev"], "review-2015-q1");
    assert_eq!(r["from"]["date"], "2015-06-30");
    assert_eq!(r["to"]["date"], "2015-09-30");
    assert_eq!(r["to"]["commit"].as_str().map(str::len), Some(40));
    // as-of defaults to TO's commit date
    assert_eq!(r["as_of"], "2015-09-30");
    assert_eq!(
        r["ratings"],
        serde_json::json!(["red", "amber", "green", "unrated"])
    );

    let from = &r["totals"]["from"];
    let to = &r["totals"]["to"];
    let counts = |d: &Value| {
        ["red", "amber", "green", "unrated"]
            .map(|k| d["ratings"][k].as_u64().unwrap_or(99))
            .to_vec()
    };
    assert_eq!(counts(from), [1, 2, 2, 1]);
    assert_eq!(from["total"], 6);
    assert_eq!(counts(to), [1, 2, 2, 2]);
    assert_eq!(to["total"], 7);
    // per plan
    assert_eq!(r["plans"][0]["plan"], "alpha");
    assert_eq!(counts(&r["plans"][0]["to"]), [1, 2, 2, 0]);
    assert_eq!(counts(&r["plans"][1]["from"]), [0, 1, 0, 1]);

    let transitions: Vec<String> = r["transitions"]
        .as_array()
        .expect("transitions")
        .iter()
        .map(|t| {
            format!(
                "{}>{}={}",
                t["from"].as_str().unwrap_or("?"),
                t["to"].as_str().unwrap_or("?"),
                t["count"]
            )
        })
        .collect();
    assert_eq!(
        transitions,
        [
            "red>green=1",
            "amber>amber=1",
            "amber>unrated=1",
            "green>red=1",
            "green>amber=1",
            "unrated>unrated=1"
        ]
    );
    // worst first: the fall to red before the fall to amber
    assert_eq!(ids(&r["worsened"]), ["alpha/1", "alpha/3"]);
    assert_eq!(r["worsened"][0]["from"], "green");
    assert_eq!(r["worsened"][0]["to"], "red");
    assert_eq!(r["worsened"][0]["steps"], 2);
    assert_eq!(ids(&r["improved"]), ["alpha/4"]);

    assert_eq!(ids(&r["newly_overdue"]), ["alpha/1"]);
    assert_eq!(r["newly_overdue"][0]["due"], "2015-09-15");
    assert_eq!(r["newly_overdue"][0]["days_overdue"], 15);

    assert_eq!(ids(&r["slipped"]), ["alpha/2"]);
    assert_eq!(r["slipped"][0]["from"], "2015-08-31");
    assert_eq!(r["slipped"][0]["to"], "2015-11-30");
    assert_eq!(r["slipped"][0]["days"], 91);

    // never updated first, then the oldest update
    assert_eq!(ids(&r["not_updated"]), ["beta/2", "alpha/1"]);
    assert_eq!(r["not_updated"][0]["last_update"], Value::Null);
    assert_eq!(r["not_updated"][1]["last_update"], "2015-06-20");

    assert_eq!(ids(&r["added"]), ["alpha/5"]);
    assert_eq!(ids(&r["completed"]), ["alpha/4"]);
    assert_eq!(ids(&r["withdrawn"]), ["beta/1"]);
    assert_eq!(ids(&r["removed"]), Vec::<String>::new());

    let rules: Vec<&str> = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|g| g["rule"].as_str())
        .collect();
    assert!(rules.contains(&"dangling-ref"), "{rules:?}");
    let dangling = r["findings"]
        .as_array()
        .and_then(|v| v.iter().find(|g| g["rule"] == "dangling-ref"))
        .expect("dangling-ref group");
    assert_eq!(dangling["count"], 1);
    assert_eq!(dangling["findings"][0]["action"], "5");
    assert_eq!(dangling["findings"][0]["file"], "plans/alpha.toml");
    assert_eq!(r["cycles"], serde_json::json!([]));
}

#[test]
fn the_markdown_carries_the_same_news() {
    let dir = repo();
    let md = run(dir.path(), &["review-2015-q1", "review-2015-q2"]);
    assert!(
        md.starts_with("# Review-cycle report: `review-2015-q1` → `review-2015-q2`"),
        "{md}"
    );
    assert!(md.contains("| 🔴 red | 1 | 1 | 0 |"), "{md}");
    assert!(md.contains("| ⚪ unrated | 1 | 2 | +1 |"), "{md}");
    assert!(md.contains("### Worsened (2)"), "{md}");
    assert!(
        md.contains("| alpha | 1 | Action 1 | 🟢 green | **🔴 red** |"),
        "{md}"
    );
    assert!(md.contains("## Newly overdue (1)"), "{md}");
    assert!(
        md.contains("| alpha | 1 | Action 1 | 2015-09-15 | 15 | 🔴 red |"),
        "{md}"
    );
    assert!(
        md.contains("| alpha | 2 | Action 2 | 2015-08-31 | 2015-11-30 | 91 days |"),
        "{md}"
    );
    assert!(
        md.contains("## Not updated since `review-2015-q1` (2)"),
        "{md}"
    );
    assert!(
        md.contains("| beta | 2 | Action 2 | never | ⚪ unrated |"),
        "{md}"
    );
    assert!(
        md.contains("### Withdrawn (1)\n\n| Plan | Action | Title |"),
        "{md}"
    );
    assert!(md.contains("### `dangling-ref` (error, 1)"), "{md}");
    assert!(!md.contains("Truncated"));
}

#[test]
fn the_html_page_is_self_contained_and_carries_the_same_news() {
    let dir = repo();
    let html = run(
        dir.path(),
        &[
            "review-2015-q1",
            "review-2015-q2",
            "--format",
            "html",
            "--cycles",
            "review-*",
        ],
    );
    assert!(html.starts_with("<!doctype html>\n<html lang=\"en\">"));
    assert!(html.contains("<meta name=\"viewport\""));
    assert!(html.contains("@media print"));
    // nothing fetched, nothing run
    for bad in ["<script", "src=", "href=", "url(", "@import", "<link"] {
        assert!(!html.contains(bad), "found {bad}");
    }
    assert!(html.contains("<span class=\"r r-red\">red</span>"));
    assert!(html.contains("<th scope=\"col\">Plan</th>"));
    assert!(html.contains("<td class=\"n\">91 days</td>"), "slipped by");
    assert!(html.contains("<td>never</td>"), "stale beta 2");
    assert!(html.contains("Not updated since <code>review-2015-q1</code> (2)"));
    assert!(html.contains("<code>dangling-ref</code>"));
    assert!(html.contains("<h2 id=\"trend\">Trend over 3 review cycles</h2>"));
    assert!(html.contains("role=\"img\" aria-labelledby=\"trend-chart-t trend-chart-d\""));
    assert!(
        html.contains("review-2015-q3: red 2, amber 2, green 2, unrated 1 of 7"),
        "chart description"
    );
}

#[test]
fn cycles_are_the_matching_tags_in_commit_order() {
    let dir = repo();
    let r = json(
        dir.path(),
        &["review-2015-q2", "review-2015-q3", "--cycles", "review-*"],
    );
    let tags: Vec<&str> = r["cycles"]
        .as_array()
        .expect("cycles")
        .iter()
        .filter_map(|c| c["tag"].as_str())
        .collect();
    assert_eq!(tags, ["review-2015-q1", "review-2015-q2", "review-2015-q3"]);
    let reds: Vec<u64> = r["cycles"]
        .as_array()
        .expect("cycles")
        .iter()
        .map(|c| c["counts"]["ratings"]["red"].as_u64().unwrap_or(99))
        .collect();
    assert_eq!(reds, [1, 1, 2]);
    assert_eq!(r["cycles"][2]["date"], "2015-12-31");
    assert_eq!(r["cycles"][2]["counts"]["total"], 7);

    let md = run(
        dir.path(),
        &["review-2015-q2", "review-2015-q3", "--cycles", "review-*"],
    );
    assert!(md.contains("## Trend over 3 review cycles"), "{md}");
    assert!(
        md.contains("| `review-2015-q3` | 2015-12-31 | 2 | 2 | 2 | 1 | 7 |"),
        "{md}"
    );
}

#[test]
fn to_defaults_to_the_working_tree_and_output_goes_to_a_file() {
    let dir = repo();
    let out = dir.path().join("board.json");
    run(
        dir.path(),
        &[
            "review-2015-q2",
            "--as-of",
            "2016-01-15",
            "--format",
            "json",
            "--output",
            out.to_str().expect("path"),
        ],
    );
    let r: Value = serde_json::from_slice(&std::fs::read(&out).expect("written")).expect("JSON");
    assert_eq!(r["to"]["rev"], "WORKTREE");
    assert_eq!(r["to"]["commit"], Value::Null);
    assert_eq!(r["as_of"], "2016-01-15");
    assert_eq!(ids(&r["worsened"]), ["alpha/2"]);
    // alpha 3 was due 2015-12-31, after q2's date and before the as-of date
    assert_eq!(ids(&r["newly_overdue"]), ["alpha/2", "alpha/3"]);
}

#[test]
fn a_plan_that_cannot_be_read_is_left_out_and_named() {
    let dir = repo();
    std::fs::write(dir.path().join("plans/broken.toml"), "[plan\nid = ").expect("write");
    let out = planlint(dir.path())
        .args([
            "report",
            "review-2015-q3",
            "--as-of",
            "2016-01-15",
            "--format",
            "json",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("left out of the report, cannot read plans/broken.toml (WORKTREE)"),
        "{stderr}"
    );
    let r: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(r["unreadable"].as_array().map(Vec::len), Some(1));
    assert_eq!(r["totals"]["to"]["total"], 7);
    let md = run(dir.path(), &["review-2015-q3", "--as-of", "2016-01-15"]);
    assert!(
        md.contains(
            "## Left out\n\n1 file could not be read as plans:\n\n- plans/broken.toml (WORKTREE): "
        ),
        "{md}"
    );
}

#[test]
fn an_unknown_revision_or_pattern_exits_2_with_a_message() {
    let dir = repo();
    planlint(dir.path())
        .args(["report", "review-2099"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown revision `review-2099`"));
    planlint(dir.path())
        .args(["report", "review-2015-q1", "--cycles", "board-*"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "no tag matches --cycles `board-*`",
        ));
    let bare = tempfile::tempdir().expect("temp dir");
    planlint(bare.path())
        .args(["report", "HEAD"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not in a git repository"));
}

/// Opens the HTML report in headless Chromium and takes screenshots at phone and desktop width
/// (`docs/report-demo.sh` makes the README's screenshot the same way).
#[test]
fn chromium_renders_the_html_report() {
    let Some(chromium) = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| Path::new(p).exists())
    else {
        println!("skipped: chromium is not installed (.ci/run installs it)");
        return;
    };
    let dir = repo();
    let page = dir.path().join("report.html");
    run(
        dir.path(),
        &[
            "review-2015-q1",
            "review-2015-q3",
            "--format",
            "html",
            "--cycles",
            "review-*",
            "--output",
            page.to_str().expect("path"),
        ],
    );
    let shots = [
        (dir.path().join("phone.png"), "412,1800"),
        (dir.path().join("desktop.png"), "960,1500"),
    ];
    for (png, size) in &shots {
        let profile = tempfile::tempdir().expect("profile dir");
        let mut child = std::process::Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--screenshot={}", png.display()))
            .arg(format!("--window-size={size}"))
            .arg(format!("file://{}", page.display()))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start chromium");
        // a safety net against a hung browser, not a speed test
        let mut waited = 0;
        while child.try_wait().expect("wait").is_none() && waited < 240 {
            std::thread::sleep(std::time::Duration::from_millis(500));
            waited += 1;
        }
        if waited >= 240 {
            let _ = child.kill();
            panic!("chromium did not finish");
        }
        let bytes = std::fs::read(png).expect("chromium wrote a screenshot");
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
        assert!(bytes.len() > 10_000, "a blank page? {} bytes", bytes.len());
    }
    // and it prints (the print stylesheet applies)
    let pdf = dir.path().join("report.pdf");
    let profile = tempfile::tempdir().expect("profile dir");
    let status = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run chromium");
    assert!(status.success(), "chromium --print-to-pdf failed");
    let bytes = std::fs::read(&pdf).expect("chromium wrote a PDF");
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
}
