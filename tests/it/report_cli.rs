//! `planlint report` end to end: a real git repository with three tagged review cycles (built
//! with git2, commit dates set), the real binary, and the JSON, Markdown and HTML a board sees.
//! One test opens the HTML in headless Chromium and takes a screenshot.

use crate::common;
use crate::common::planlint;
use serde_json::Value;
use std::path::Path;

use crate::common::office;

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
        // each cycle's plans are dated the day the board met, as `planlint update` dates them:
        // the report's window comes from these dates
        let dated = |text: String| {
            text.replacen(
                "\n\n[[actions]]",
                &format!("\nupdated = {date}\n\n[[actions]]"),
                1,
            )
        };
        std::fs::write(dir.path().join("plans/alpha.toml"), dated(alpha)).expect("write");
        std::fs::write(dir.path().join("plans/beta.toml"), dated(beta)).expect("write");
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

/// The tag of each cycle of a JSON report, in order.
fn tags(r: &Value) -> Vec<&str> {
    r["cycles"]
        .as_array()
        .expect("cycles")
        .iter()
        .filter_map(|c| c["tag"].as_str())
        .collect()
}

/// The red count of each cycle of a JSON report, in order.
fn reds(r: &Value) -> Vec<u64> {
    r["cycles"]
        .as_array()
        .expect("cycles")
        .iter()
        .map(|c| c["counts"]["ratings"]["red"].as_u64().unwrap_or(99))
        .collect()
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
    // the scale's ratings only; the no-valid-rating group is counted apart
    assert_eq!(r["ratings"], serde_json::json!(["red", "amber", "green"]));

    let from = &r["totals"]["from"];
    let to = &r["totals"]["to"];
    let counts = |d: &Value| {
        let mut v: Vec<u64> = ["red", "amber", "green"]
            .map(|k| d["ratings"][k].as_u64().unwrap_or(99))
            .to_vec();
        assert_eq!(d["ratings"].as_object().map(|o| o.len()), Some(3), "{d}");
        v.push(d["invalid"].as_u64().unwrap_or(99));
        v
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
                t["from"].as_str().unwrap_or("none"),
                t["to"].as_str().unwrap_or("none"),
                t["count"]
            )
        })
        .collect();
    assert_eq!(
        transitions,
        [
            "red>green=1",
            "amber>amber=1",
            "amber>none=1",
            "green>red=1",
            "green>amber=1",
            "none>none=1"
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
    assert_eq!(dangling["findings"][0]["plan_title"], "Plan alpha");
    assert_eq!(
        dangling["summary"],
        "`refs` names an action that does not exist"
    );
    assert_eq!(r["findings_included"], true);
    assert_eq!(r["cycles"], serde_json::json!([]));

    // the header a board recognises
    assert_eq!(r["title"], "Action plan progress report");
    assert_eq!(r["board"], Value::Null);
    assert_eq!(r["period"], "June to September 2015");
    assert_eq!(
        r["command"],
        "planlint report review-2015-q1 review-2015-q2 --as-of 2015-09-30 --format json"
    );

    // who and why: leads, plan titles and the latest update on every listed action
    let w = &r["worsened"][0];
    assert_eq!(w["plan_title"], "Plan alpha");
    assert_eq!(w["title"], "Action 1");
    assert_eq!(w["leads"], serde_json::json!(["Head of Service"]));
    assert_eq!(
        (&w["rating_then"], &w["rating_now"]),
        (&"green".into(), &"red".into())
    );
    assert_eq!(w["due_date"], "2015-09-15");
    assert_eq!(w["latest_update"]["date"], "2015-06-20");
    assert_eq!(w["latest_update"]["text"], "Reviewed at the board.");
    let slipped = &r["slipped"][0];
    assert_eq!(slipped["latest_update"]["date"], "2015-09-10");
    assert_eq!(slipped["leads"], serde_json::json!(["Head of Service"]));
    let stale = &r["not_updated"][0];
    assert_eq!(stale["plan_title"], "Plan beta");
    assert_eq!(stale["latest_update"], Value::Null);
    assert_eq!(stale["rating_now"], Value::Null);
    assert_eq!(r["newly_overdue"][0]["leads"][0], "Head of Service");

    // unrated actions are one group, apart from the scale, listed by plan
    assert_eq!(r["invalid"]["total"], 2);
    assert_eq!(r["invalid"]["unrated"], 2);
    assert_eq!(r["invalid"]["off_scale"], 0);
    assert_eq!(r["invalid"]["plans"][0]["plan"], "beta");
    assert_eq!(r["invalid"]["plans"][0]["title"], "Plan beta");
    assert_eq!(
        r["invalid"]["plans"][0]["unrated"],
        serde_json::json!(["1", "2"])
    );

    // the summary in sentences, each naming its table
    let story: Vec<(String, String)> = r["narrative"]
        .as_array()
        .expect("narrative")
        .iter()
        .map(|s| {
            (
                s["text"].as_str().unwrap_or("?").to_string(),
                s["section"].as_str().unwrap_or("?").to_string(),
            )
        })
        .collect();
    let said = |section: &str| {
        story
            .iter()
            .find(|(_, s)| s == section)
            .map(|(t, _)| t.as_str())
            .unwrap_or_else(|| panic!("no sentence for {section}: {story:?}"))
    };
    assert_eq!(
        said("worsened"),
        "2 actions got a worse rating since 30 June 2015, 1 of them now red, all in Plan alpha."
    );
    assert_eq!(said("improved"), "1 action improved, in Plan alpha.");
    assert_eq!(
        said("overdue"),
        "1 open action fell due between 30 June 2015 and 30 September 2015 and is not finished, in Plan alpha."
    );
    assert_eq!(
        said("slipped"),
        "1 due date moved later by about 3 months (2 “Action 2” of Plan alpha)."
    );
    assert_eq!(
        said("stale"),
        "Not reported: 2 open actions have no progress this cycle, 1 in Plan alpha and 1 in Plan beta; leads who have not reported: Head of Service (2)."
    );
    assert_eq!(
        said("progress"),
        "2 of 4 open actions reported progress between 30 June 2015 and 30 September 2015 (3 updates); 1 action was completed, 2 got worse and 1 improved."
    );
    assert_eq!(
        said("no-valid-rating"),
        "2 of 7 actions (29%) have no valid rating: 2 not rated; most are in Plan beta (2)."
    );
    assert_eq!(
        said("changes"),
        "Since 30 June 2015, 1 action was completed, 1 withdrawn and 1 added."
    );
    assert_eq!(
        said("data-quality"),
        "The plan files need 2 errors and 3 warnings fixing; the appendix lists them."
    );
}

/// The findings in the appendix are exactly what `planlint check --rev TO` reports (history
/// rules included), and `--no-findings` leaves them out.
#[test]
fn the_findings_are_the_checks_at_to() {
    let dir = repo();
    let r = json(
        dir.path(),
        &["review-2015-q1", "review-2015-q3", "--as-of", "2016-01-15"],
    );
    let mut from_report: Vec<String> = r["findings"]
        .as_array()
        .expect("groups")
        .iter()
        .flat_map(|g| {
            g["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .map(move |f| {
                    format!(
                        "{} {}:{}:{} {}",
                        g["rule"].as_str().unwrap_or("?"),
                        f["file"].as_str().unwrap_or("?"),
                        f["line"],
                        f["column"],
                        f["message"].as_str().unwrap_or("?")
                    )
                })
        })
        .collect();
    let out = planlint(dir.path())
        .args([
            "check",
            "--rev",
            "review-2015-q3",
            "--as-of",
            "2016-01-15",
            "--format",
            "json",
        ])
        .output()
        .expect("run");
    let check: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut from_check: Vec<String> = check["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            format!(
                "{} {}:{}:{} {}",
                f["rule"].as_str().unwrap_or("?"),
                f["file"].as_str().unwrap_or("?"),
                f["line"],
                f["column"],
                f["message"].as_str().unwrap_or("?")
            )
        })
        .collect();
    from_report.sort();
    from_check.sort();
    assert!(!from_check.is_empty());
    assert_eq!(from_report, from_check);
    assert_eq!(r["findings_summary"], check["summary"]);

    let r = json(
        dir.path(),
        &["review-2015-q1", "review-2015-q3", "--no-findings"],
    );
    assert_eq!(r["findings_included"], false);
    assert_eq!(r["findings"], serde_json::json!([]));
    assert!(r["command"]
        .as_str()
        .unwrap_or("")
        .contains(" --no-findings"));
    let html = run(
        dir.path(),
        &[
            "review-2015-q1",
            "review-2015-q3",
            "--no-findings",
            "--format",
            "html",
        ],
    );
    assert!(!html.contains("Data quality: what the plan files need fixing"));
    let md = run(
        dir.path(),
        &["review-2015-q1", "review-2015-q3", "--no-findings"],
    );
    assert!(!md.contains("Data quality"), "{md}");
}

/// A value that is not a rating ("Yellow") is no board category: it joins the unrated in the
/// no-valid-rating group, named by plan with the value as written.
#[test]
fn a_value_off_the_scale_is_no_valid_rating() {
    let dir = repo();
    let beta = std::fs::read_to_string(dir.path().join("plans/beta.toml")).expect("read");
    std::fs::write(
        dir.path().join("plans/beta.toml"),
        beta.replace("rag = \"amber\"", "rag = \"Yellow\""),
    )
    .expect("write");
    let r = json(
        dir.path(),
        &[
            "review-2015-q2",
            "--as-of",
            "2016-01-15",
            "--title",
            "Crisis care: the board's paper",
        ],
    );
    assert_eq!(r["ratings"], serde_json::json!(["red", "amber", "green"]));
    assert_eq!(r["totals"]["to"]["invalid"], 2);
    assert_eq!(r["invalid"]["off_scale"], 1);
    assert_eq!(r["invalid"]["plans"][0]["off_scale"][0]["action"], "2");
    assert_eq!(r["invalid"]["plans"][0]["off_scale"][0]["value"], "Yellow");
    assert_eq!(r["title"], "Crisis care: the board's paper");
    assert_eq!(
        r["command"],
        "planlint report review-2015-q2 --as-of 2016-01-15 --title 'Crisis care: the board'\\''s paper' --format json"
    );
    let html = run(
        dir.path(),
        &[
            "review-2015-q2",
            "--as-of",
            "2016-01-15",
            "--format",
            "html",
        ],
    );
    assert!(!html.contains("r-other\">yellow"), "no badge of its own");
    assert!(html.contains("2 (“Yellow”)"), "listed by plan");
    // a title is text, in the page and in the print margins alike
    let html = run(
        dir.path(),
        &[
            "review-2015-q2",
            "--as-of",
            "2016-01-15",
            "--format",
            "html",
            "--title",
            "Board \"A\" </style><script>alert(1)</script>",
        ],
    );
    assert!(!html.contains("<script"), "a title must not run");
    assert!(html.contains(
        "<h1>Board &quot;A&quot; &lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>"
    ));
    assert!(html.contains("@top-left{content:\"Board \\\"A\\\" \\3c /style\\3e "));
}

/// `[report] title` and `board` in planlint.toml head the paper.
#[test]
fn the_configuration_names_the_programme_and_the_board() {
    let dir = repo();
    std::fs::write(
        dir.path().join("planlint.toml"),
        "[report]\ntitle = \"Crisis Care Concordat\"\nboard = \"Partnership Board, January 2016\"\n",
    )
    .expect("config");
    let r = json(dir.path(), &["review-2015-q2", "review-2015-q3"]);
    assert_eq!(r["title"], "Crisis Care Concordat");
    assert_eq!(r["board"], "Partnership Board, January 2016");
    assert_eq!(r["period"], "September to December 2015");
    let html = run(
        dir.path(),
        &["review-2015-q2", "review-2015-q3", "--format", "html"],
    );
    assert!(html.contains("<h1>Crisis Care Concordat</h1>"));
    assert!(html.contains("<p class=\"kicker\">Partnership Board, January 2016</p>"));
    assert!(html.contains("@top-left{content:\"Crisis Care Concordat\""));
    let md = run(dir.path(), &["review-2015-q2", "review-2015-q3"]);
    assert!(md.starts_with("*Partnership Board, January 2016*\n\n# Crisis Care Concordat\n\n**September to December 2015**"), "{md}");
    std::fs::write(
        dir.path().join("planlint.toml"),
        "[report]\ntitel = \"x\"\n",
    )
    .expect("config");
    planlint(dir.path())
        .args(["report", "review-2015-q2"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("titel"));
}

#[test]
fn the_markdown_carries_the_same_news() {
    let dir = repo();
    let md = run(dir.path(), &["review-2015-q1", "review-2015-q2"]);
    assert!(
        md.starts_with("# Action plan progress report\n\n**June to September 2015** · position as of 30 September 2015"),
        "{md}"
    );
    assert!(
        md.contains("- [2 actions got a worse rating since 30 June 2015, 1 of them now red, all in Plan alpha.](#worsened)"),
        "{md}"
    );
    assert!(
        md.contains("<a id=\"worsened\"></a>\n\n### Ratings that got worse (2)"),
        "{md}"
    );
    assert!(md.contains("| 🔴 red | 1 | 1 | 0 |"), "{md}");
    assert!(
        md.contains("| ⚪ *no valid rating* (apart from the scale) | 1 | 2 | +1 |"),
        "{md}"
    );
    assert!(
        md.contains("| Plan alpha: **1** Action 1 | Head of Service | 🟢 green → **🔴 red** | 15 Sep 2015 | **20 Jun 2015**: Reviewed at the board. |"),
        "{md}"
    );
    assert!(md.contains("### Newly overdue (1)"), "{md}");
    assert!(md.contains("15 Sep 2015, **15 days overdue**"), "{md}");
    assert!(
        md.contains("31 Aug 2015 → 30 Nov 2015, **about 3 months later**"),
        "{md}"
    );
    assert!(md.contains("### No update this cycle (2)"), "{md}");
    assert!(
        md.contains("| Plan beta: **2** Action 2 | Head of Service | ⚪ not rated | 31 Jan 2016 | *no update recorded* |"),
        "{md}"
    );
    assert!(md.contains("| Plan beta | 2 | 1, 2 |  |"), "{md}");
    assert!(
        md.contains("## Appendix C. Data quality: what the plan files need fixing"),
        "{md}"
    );
    assert!(
        md.contains("### \\`refs\\` names an action that does not exist (1, must fix)"),
        "{md}"
    );
    assert!(md.contains("<sub>plans/alpha.toml:"), "{md}");
    assert!(md.contains("To make this report again: `planlint report review-2015-q1 review-2015-q2 --as-of 2015-09-30 --format markdown`"), "{md}");
    assert!(!md.contains("Truncated"));
}

/// The whole Markdown paper, one snapshot: the view model (`report/view.rs`) is made once and
/// rendered by each format, and this keeps the Markdown's bytes from drifting when it changes.
#[test]
fn the_markdown_paper_as_a_whole() {
    let dir = repo();
    let md = run(dir.path(), &["review-2015-q1", "review-2015-q2"])
        .replace(env!("CARGO_PKG_VERSION"), "VERSION");
    insta::assert_snapshot!(md);
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
    assert!(html.contains("@page{size:A4;"));
    assert!(html.contains("counter(page)"));
    // nothing fetched, nothing run; links only within the page
    for bad in ["<script", "src=", "url(", "@import", "<link"] {
        assert!(!html.contains(bad), "found {bad}");
    }
    assert_eq!(
        html.matches("href=").count(),
        html.matches("href=\"#").count()
    );
    assert!(html.contains("<h1>Action plan progress report</h1>"));
    assert!(html.contains("<a href=\"#worsened\">2 actions got a worse rating since 30 June 2015, 1 of them now red, all in Plan alpha.</a>"));
    assert!(html.contains("<h3 id=\"worsened\">Ratings that got worse (2)</h3>"));
    assert!(
        html.contains("<span class=\"plan\">Plan alpha</span><span class=\"id\">1</span> Action 1")
    );
    assert!(html.contains("<td data-label=\"Lead\">Head of Service</td>"));
    assert!(html.contains("<span class=\"r r-green\">green</span><span class=\"arrow\" aria-label=\"then, now\">→</span><span class=\"r r-red\">red</span>"));
    assert!(html.contains("<b>20 Jun 2015</b></span>: Reviewed at the board."));
    assert!(
        html.contains("<strong>about 3 months later</strong>"),
        "slipped by"
    );
    assert!(html.contains("<em>no update recorded</em>"), "stale beta 2");
    // the scale's counts, and the no-valid-rating group apart (a dashed row), listed by plan
    assert!(html.contains("<td><span class=\"r r-red\">red</span></td><td class=\"n\" data-label=\"On 30 June 2015\">1</td><td class=\"n\" data-label=\"Now\">1</td>"));
    assert!(html.contains("<tr class=\"apart\"><td><span class=\"r r-none\">no valid rating</span></td><td class=\"n\" data-label=\"On 30 June 2015\">1</td><td class=\"n\" data-label=\"Now\">2</td>"));
    assert!(html.contains("<td>Plan beta</td><td class=\"n\" data-label=\"Actions\">2</td><td data-label=\"Not rated\">1, 2</td>"));
    assert!(html.contains("Appendix C. Data quality: what the plan files need fixing"));
    assert!(html.contains("`refs` names an action that does not exist"));
    // three cycles: the trend replaces the headline bars only when its last two are the ends
    assert!(html.contains("<h3 id=\"trend\">Trend over 3 review cycles</h3>"));
    assert!(html.contains("role=\"img\" aria-labelledby=\"trend-chart-t trend-chart-d\""));
    assert!(
        html.contains(
            "review-2015-q3 (31 Dec 2015): red 2, amber 2, green 2, no valid rating 1 of 7"
        ),
        "chart description"
    );
    assert!(html.contains("<code>planlint report review-2015-q1 review-2015-q2 --as-of 2015-09-30 --cycles &#39;review-*&#39; --format html</code>"));
}

#[test]
fn cycles_are_the_matching_tags_in_commit_order() {
    let dir = repo();
    let r = json(
        dir.path(),
        &["review-2015-q2", "review-2015-q3", "--cycles", "review-*"],
    );
    assert_eq!(
        tags(&r),
        ["review-2015-q1", "review-2015-q2", "review-2015-q3"]
    );
    assert_eq!(reds(&r), [1, 1, 2]);
    assert_eq!(r["cycles"][2]["date"], "2015-12-31");
    assert_eq!(r["cycles"][2]["counts"]["total"], 7);

    let md = run(
        dir.path(),
        &["review-2015-q2", "review-2015-q3", "--cycles", "review-*"],
    );
    assert!(md.contains("### Trend over 3 review cycles"), "{md}");
    assert!(
        md.contains("| `review-2015-q3` | 2015-12-31 | 2 | 2 | 2 | 1 | 7 |"),
        "{md}"
    );
    // two cycles are the headline again: no trend
    let md = run(
        dir.path(),
        &[
            "review-2015-q2",
            "review-2015-q3",
            "--cycles",
            "review-2015-q[23]",
        ],
    );
    assert!(
        !md.contains("## Trend") && !md.contains("### Trend"),
        "{md}"
    );

    // tags of the same commit time go in the order they are numbered, not as text
    for (tag, rev) in [
        ("batch-10", "review-2015-q3"),
        ("batch-7", "review-2015-q3"),
        ("batch-9", "review-2015-q3"),
        ("batch-1", "review-2015-q1"),
    ] {
        common::git(dir.path(), &["tag", tag, rev]);
    }
    let r = json(
        dir.path(),
        &["review-2015-q2", "review-2015-q3", "--cycles", "batch-*"],
    );
    assert_eq!(tags(&r), ["batch-1", "batch-7", "batch-9", "batch-10"]);
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
    // a repository with no plan file at either end has nothing to report
    let empty = common::repo(&[("notes.txt", "minutes")]);
    common::git(empty.path(), &["init", "-q"]);
    common::git(empty.path(), &["add", "."]);
    common::git(empty.path(), &["commit", "-qm", "minutes"]);
    planlint(empty.path())
        .args(["report", "HEAD"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "no plan files in HEAD or WORKTREE (looked for plans/**/*.toml): there is nothing to report",
        ));
}

/// The Chromium on PATH, or `None` with a message (a failure in CI, where `.ci/run` installs it).
fn chromium() -> Option<std::path::PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::split_paths(&std::env::var_os("PATH")?)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        });
    if found.is_none() {
        common::skip_unless_ci("chromium", ".ci/run installs it");
    }
    found
}

/// Runs Chromium headless with a fresh profile, and a safety net against a hung browser (not a
/// speed test); returns its standard output.
fn headless(chromium: &Path, args: &[String]) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    let out_file = profile.path().join("stdout");
    let mut child = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.path().join("p").display()
        ))
        .args(args)
        .stdout(std::fs::File::create(&out_file).expect("stdout file"))
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut waited = 0;
    while child.try_wait().expect("wait").is_none() && waited < 240 {
        std::thread::sleep(std::time::Duration::from_millis(500));
        waited += 1;
    }
    if waited >= 240 {
        let _ = child.kill();
        panic!("chromium did not finish");
    }
    std::fs::read_to_string(&out_file).unwrap_or_default()
}

/// The demo board paper (`docs/report-demo.sh`: the shipped examples, three tagged cycles) in
/// headless Chromium: screenshots at desktop and phone width, no horizontal overflow at 360 px,
/// and `report --format pdf` prints it to at most ten A4 pages (`pdfinfo`; six before every
/// text was printed whole and the progress reported became the paper's main content), with
/// every update's whole text in it (`pdftotext`).
#[test]
fn chromium_renders_the_demo_paper_on_a_phone_and_prints_it_to_six_pages() {
    let Some(chromium) = chromium() else {
        return;
    };
    let tmp = tempfile::tempdir().expect("temp dir");
    let demo = tmp.path().join("demo");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let status = std::process::Command::new("bash")
        .arg(root.join("docs/report-demo.sh"))
        .arg(tmp.path())
        .env("PLANLINT", env!("CARGO_BIN_EXE_planlint"))
        .env("KEEP_DEMO", &demo)
        .env("PATH", "/usr/bin:/bin") // no screenshot here: the test takes its own
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run the demo script");
    assert!(status.success(), "docs/report-demo.sh failed");
    let page = tmp.path().join("report.html");
    let html = std::fs::read_to_string(&page).expect("the demo's report");
    assert!(html.contains("<h1>Crisis Care Concordat action plans</h1>"));

    for (name, size) in [("desktop", "1280,2000"), ("phone", "360,2000")] {
        let png = tmp.path().join(format!("{name}.png"));
        headless(
            &chromium,
            &[
                format!("--screenshot={}", png.display()),
                format!("--window-size={size}"),
                format!("file://{}", page.display()),
            ],
        );
        let bytes = std::fs::read(&png).expect("chromium wrote a screenshot");
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
        assert!(bytes.len() > 10_000, "a blank page? {} bytes", bytes.len());
    }

    // at 360 px the document is no wider than the screen. Headless Chromium keeps its window
    // at least 500 px wide, so the page is laid out in a 360 px frame (srcdoc: same origin, so
    // the wrapper can read its scroll width) and --dump-dom prints what the wrapper measured
    let widths = |page_html: &str| {
        let probe = tmp.path().join("probe.html");
        let srcdoc = page_html
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        std::fs::write(
            &probe,
            format!(
                "<!doctype html><html><body style=\"margin:0\"><iframe id=\"f\" style=\"width:360px;height:800px;border:0\" srcdoc=\"{srcdoc}\"></iframe><script>var f=document.getElementById('f');f.onload=function(){{var d=f.contentDocument.documentElement;document.body.setAttribute('data-widths',d.scrollWidth+'x'+d.clientWidth)}}</script></body></html>"
            ),
        )
        .expect("probe page");
        let dom = headless(
            &chromium,
            &[
                "--window-size=800,800".into(),
                "--virtual-time-budget=5000".into(),
                "--dump-dom".into(),
                format!("file://{}", probe.display()),
            ],
        );
        dom.split("data-widths=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .map(str::to_string)
            .unwrap_or_else(|| panic!("no widths in the DOM: {}", &dom[..dom.len().min(300)]))
    };
    assert_eq!(
        widths(&html),
        "360x360",
        "scroll width x frame width at 360 px"
    );
    // the probe sees an overflow when there is one
    let wide = html.replace("</main>", "<div style=\"width:600px\">wide</div></main>");
    let seen = widths(&wide);
    let scroll: u32 = seen
        .split('x')
        .next()
        .and_then(|w| w.parse().ok())
        .unwrap_or(0);
    assert!(scroll > 360, "the probe must notice a wide page: {seen}");

    // the PDF through planlint itself: Chromium on PATH, printed atomically to -o
    let pdf = tmp.path().join("board-paper.pdf");
    let path = format!(
        "{}:/usr/bin:/bin",
        chromium.parent().expect("a folder").display()
    );
    planlint(&demo)
        .env("PATH", path)
        .args([
            "report",
            "review-2015-09",
            "review-2015-12",
            "--cycles",
            "review-*",
            "--format",
            "pdf",
            "-o",
        ])
        .arg(&pdf)
        .assert()
        .code(0);
    let bytes = std::fs::read(&pdf).expect("the PDF");
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    match std::process::Command::new("pdfinfo").arg(&pdf).output() {
        Ok(out) => {
            let info = String::from_utf8_lossy(&out.stdout);
            let pages: usize = info
                .lines()
                .find_map(|l| l.strip_prefix("Pages:"))
                .and_then(|n| n.trim().parse().ok())
                .unwrap_or_else(|| panic!("no page count: {info}"));
            assert!(
                (7..=10).contains(&pages),
                "the demo paper runs to {pages} pages"
            );
            // printed, every text is whole: each update reported and each latest update shown
            let text = std::process::Command::new("pdftotext")
                .arg(&pdf)
                .arg("-")
                .output()
                .expect("pdftotext (poppler-utils, as pdfinfo)");
            let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            let text = words(&String::from_utf8_lossy(&text.stdout));
            let r = json(&demo, &["review-2015-09", "review-2015-12"]);
            let progress = r["progress"].as_array().expect("progress");
            assert_eq!(progress.len(), 8);
            for p in progress {
                let t = words(p["text"].as_str().expect("text"));
                assert!(text.contains(&t), "not whole in the PDF: {t}");
            }
            let worse = r["worsened"][0]["latest_update"]["text"]
                .as_str()
                .expect("text");
            assert!(worse.len() > 200, "a long update: {worse}");
            assert!(
                text.contains(&words(worse)),
                "not whole in the PDF: {worse}"
            );
            assert!(!text.contains('…') || !text.contains(&format!("{}…", &worse[..40])));
        }
        Err(_) => {
            common::skip_unless_ci("pdfinfo", "apt install poppler-utils");
        }
    }
}

/// Without a file to write or a Chromium to print with, `--format pdf` says what to do and
/// exits 2, writing nothing.
#[test]
fn a_pdf_needs_a_file_and_a_chromium() {
    let dir = repo();
    planlint(dir.path())
        .args(["report", "review-2015-q1", "--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("add --output FILE"));
    let empty = tempfile::tempdir().expect("temp dir");
    planlint(dir.path())
        .env("PATH", empty.path())
        .args(["report", "review-2015-q1", "--format", "pdf", "-o", "paper.pdf"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--format pdf needs Chromium to print the page, and none of chromium, chromium-browser, google-chrome is on PATH",
        ));
    assert!(!dir.path().join("paper.pdf").exists());
    planlint(dir.path())
        .args(["report", "review-2015-q1", "--title", " "])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--title is empty"));
}

/// A programme of 1,000 plans reviewed 100 times: the HTML stays a paper (each list capped,
/// worst first, with "and N more"; under 5 MB), the Markdown too, and the JSON keeps every row.
#[test]
fn a_thousand_plans_and_a_hundred_cycles_stay_a_readable_paper() {
    const PLANS: usize = 1000;
    const CYCLES: usize = 100;
    let dir = tempfile::tempdir().expect("temp dir");
    let git = git2::Repository::init(dir.path()).expect("git init");
    std::fs::write(dir.path().join("planlint.toml"), "").expect("config");
    let config = git.blob(b"").expect("blob");
    // plan n at cycle c: its ratings fall once for each cycle that touched it (n % 50 == c % 50)
    let text = |n: usize, touched: usize| {
        let t = planlint::testgen::plan(n, 6);
        (0..touched).fold(t, |t, _| {
            t.replace("rag = \"amber\"", "rag = \"red\"")
                .replace("rag = \"green\"\noutcomes", "rag = \"amber\"\noutcomes")
        })
    };
    let mut blobs: Vec<Option<(usize, git2::Oid)>> = vec![None; PLANS];
    let mut parent: Option<git2::Oid> = None;
    for cycle in 0..CYCLES {
        let mut plans = git.treebuilder(None).expect("tree builder");
        for (n, slot) in blobs.iter_mut().enumerate() {
            let touched = (1..=cycle).filter(|c| n % 50 == c % 50).count().min(2);
            let oid = match slot {
                Some((t, oid)) if *t == touched => *oid,
                _ => {
                    let oid = git.blob(text(n, touched).as_bytes()).expect("blob");
                    *slot = Some((touched, oid));
                    oid
                }
            };
            plans
                .insert(format!("plan-{n:04}.toml"), oid, 0o100644)
                .expect("insert");
        }
        let plans = plans.write().expect("plans tree");
        let mut root = git.treebuilder(None).expect("tree builder");
        root.insert("planlint.toml", config, 0o100644)
            .expect("insert");
        root.insert("plans", plans, 0o040000).expect("insert");
        let tree = git.find_tree(root.write().expect("tree")).expect("tree");
        let when = git2::Time::new(1_420_000_000 + cycle as i64 * 7 * 86_400, 0);
        let sig = git2::Signature::new("Board", "board@example.org", &when).expect("signature");
        let parents: Vec<git2::Commit> = parent
            .map(|p| git.find_commit(p).expect("parent"))
            .into_iter()
            .collect();
        let refs: Vec<&git2::Commit> = parents.iter().collect();
        let id = git
            .commit(Some("HEAD"), &sig, &sig, "review", &tree, &refs)
            .expect("commit");
        let obj = git.find_object(id, None).expect("object");
        git.tag_lightweight(&format!("review-{cycle:03}"), &obj, false)
            .expect("tag");
        parent = Some(id);
    }
    let args = [
        "review-000",
        "review-099",
        "--cycles",
        "review-*",
        "--as-of",
        "2016-12-01",
    ];
    let r = json(dir.path(), &args);
    assert_eq!(r["plans"].as_array().map(Vec::len), Some(PLANS));
    assert_eq!(r["cycles"].as_array().map(Vec::len), Some(CYCLES));
    let worsened = r["worsened"].as_array().map_or(0, Vec::len);
    assert!(worsened > 100, "{worsened} worsened");

    let mut all = args.to_vec();
    all.extend(["--format", "html"]);
    let html = run(dir.path(), &all);
    println!("1,000 plans, 100 cycles: {} bytes of HTML", html.len());
    assert!(html.len() < 5_000_000, "{} bytes of HTML", html.len());
    assert!(
        html.contains(&format!(
            "… and {} more actions, not shown here",
            worsened - 10
        )),
        "the worsened list is capped"
    );
    assert!(html.contains("… and 990 more plans, not shown here"));
    assert!(html.contains("Trend over the latest 12 of 100 review cycles"));
    let md = run(dir.path(), &args);
    assert!(md.len() <= 65_536, "{} bytes of Markdown", md.len());
    assert!(
        md.contains(&format!(
            "*… and {} more actions, not shown here",
            worsened - 10
        )),
        "{md}"
    );
}

/// The command in the Markdown footer's code span, as a CommonMark reader takes it out: the run
/// of backticks that opens it, the same run closing it, one blank taken off each end.
fn footer_command(md: &str) -> String {
    let at = md.find("To make this report again: ").expect("footer")
        + "To make this report again: ".len();
    let rest = &md[at..];
    let fence = rest.chars().take_while(|&c| c == '`').count();
    assert!(fence > 0, "{rest}");
    let body = &rest[fence..];
    let close = "`".repeat(fence);
    let mut from = 0;
    let end = loop {
        let i = from + body[from..].find(&close).expect("closing run");
        let longer = body[i + fence..].starts_with('`') || (i > 0 && body[..i].ends_with('`'));
        if !longer {
            break i;
        }
        from = i + body[i..].chars().take_while(|&c| c == '`').count();
    };
    let code = &body[..end];
    match code.strip_prefix(' ').and_then(|c| c.strip_suffix(' ')) {
        Some(inner) if !code.trim().is_empty() => inner.to_string(),
        _ => code.to_string(),
    }
}

#[test]
fn the_markdown_footer_command_pastes_back_as_the_same_words() {
    let dir = repo();
    for title in [
        "Board `; touch X; `",
        "Board '; touch X; '",
        "Q2 | Q3 $(touch X) ``double``",
    ] {
        let md = run(
            dir.path(),
            &["review-2015-q1", "review-2015-q2", "--title", title],
        );
        let command = footer_command(&md);
        assert!(command.starts_with("planlint report "), "{command}");
        // the shell's own reading of the pasted command: its words, one a line, nothing run
        let out = std::process::Command::new("sh")
            .current_dir(dir.path())
            .arg("-c")
            .arg(format!(
                "set -- {}; printf '%s\\n' \"$@\"",
                &command["planlint ".len()..]
            ))
            .output()
            .expect("sh");
        assert!(
            !dir.path().join("X").exists(),
            "pasting ran a command: {command}"
        );
        let words: Vec<&str> = std::str::from_utf8(&out.stdout)
            .expect("utf-8")
            .lines()
            .collect();
        let at = words.iter().position(|w| *w == "--title").expect("--title");
        assert_eq!(words[at + 1], title, "{command}");
    }
}

#[test]
fn report_output_never_replaces_a_plan_or_tracked_file_without_force() {
    let dir = repo();
    // planlint.toml is tracked; plans/alpha.toml is a plan, with edits not yet committed
    let alpha = dir.path().join("plans/alpha.toml");
    let mut edited = std::fs::read_to_string(&alpha).expect("plan");
    edited.push_str("# an edit not yet committed\n");
    std::fs::write(&alpha, &edited).expect("write");
    for (target, what) in [
        ("plans/alpha.toml", "a plan file"),
        ("planlint.toml", "a file git tracks"),
    ] {
        let before = std::fs::read(dir.path().join(target)).expect("file");
        let out = planlint(dir.path())
            .args(["report", "review-2015-q1", "review-2015-q2", "-o", target])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{target}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("{target} is {what}")) && err.contains("--force"),
            "{err}"
        );
        assert_eq!(
            std::fs::read(dir.path().join(target)).expect("file"),
            before
        );
    }
    planlint(dir.path())
        .args([
            "report",
            "review-2015-q1",
            "review-2015-q2",
            "-o",
            "planlint.toml",
            "--force",
        ])
        .assert()
        .code(0);
}

/// Commits everything in `dir` as a person does today (the commit is dated now, whatever year
/// the plans speak of).
fn commit_now(dir: &Path, message: &str) {
    let git = git2::Repository::open(dir).expect("repository");
    let mut index = git.index().expect("index");
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .expect("add");
    index.update_all(["*"], None).expect("update");
    index.write().expect("write index");
    let tree = git
        .find_tree(index.write_tree().expect("tree"))
        .expect("tree");
    let sig = git2::Signature::now("Programme Officer", "po@example.org").expect("signature");
    let parent = git.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    git.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
        .expect("commit");
}

const PATHWAY: &str = "The pathway was agreed by all partners at the February meeting. It goes live in April, after the staff briefings are complete and the new referral forms are printed; the ambulance trust joins in May, once its own training has been delivered to every crew in the county.";
const TRAINING: &str = "Forty custody staff trained in two cohorts; the third cohort was cancelled when the trainer left, so the rating falls to amber until a new provider is found.";

/// A repository made the way users make one: a 2016 plan imported from Word with
/// `--update-date 2016-11-30` and committed today; then two progress updates dated
/// 2017-02-28, recorded with `planlint update` and committed today.
fn imported() -> tempfile::TempDir {
    use office::{row, Block};
    let dir = tempfile::tempdir().expect("temp dir");
    git2::Repository::init(dir.path()).expect("git init");
    std::fs::write(dir.path().join("planlint.toml"), "").expect("config");
    let word = office::docx(&[
        Block::Title("Crisis care action plan 2016/17"),
        Block::Table(vec![
            row(&["Ref", "Action", "Lead", "Due", "RAG", "Update"]),
            row(&[
                "1.1",
                "Agree the crisis pathway",
                "Jo Bloggs",
                "March 2017",
                "Amber",
                "Pathway drafted with partners.",
            ]),
            row(&[
                "1.2",
                "Train custody staff",
                "Sam Smith",
                "June 2017",
                "Green",
                "Training provider found.",
            ]),
            row(&[
                "1.3",
                "Open the crisis cafe",
                "Ali Khan",
                "December 2016",
                "Amber",
                "Venue search under way.",
            ]),
        ]),
    ]);
    std::fs::write(dir.path().join("plan.docx"), word).expect("docx");
    let out = planlint(dir.path())
        .args(["import", "plan.docx", "--update-date", "2016-11-30"])
        .output()
        .expect("import");
    // 1: the check after the import found errors (judged today); the plan is written
    assert!(
        matches!(out.status.code(), Some(0 | 1)) && dir.path().join("plans/plan.toml").is_file(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_file(dir.path().join("plan.docx")).expect("remove");
    commit_now(dir.path(), "import the 2016 plan");
    for args in [
        ["update", "1.1", "--text", PATHWAY, "--date", "2017-02-28"].as_slice(),
        [
            "update",
            "1.2",
            "--text",
            TRAINING,
            "--rag",
            "amber",
            "--date",
            "2017-02-28",
        ]
        .as_slice(),
    ] {
        planlint(dir.path()).args(args).assert().code(0);
    }
    commit_now(dir.path(), "February progress");
    dir
}

/// The years a paper dated by the commits would name: this year (the commits') and the
/// next (a run at new year).
fn wrong_years() -> [String; 2] {
    use chrono::Datelike;
    let y = chrono::Local::now().year();
    [y.to_string(), (y + 1).to_string()]
}

/// Issue 25's acceptance: an imported 2016 plan with February 2017 updates, committed today, is
/// reported as November 2016 to February 2017, with both updates as progress and neither
/// action under "no update"; no view names the year of the commits.
#[test]
fn an_imported_plan_is_dated_by_its_plans_and_its_progress_is_the_paper() {
    let dir = imported();
    let md = run(dir.path(), &["HEAD~1", "HEAD"]);
    assert!(
        md.starts_with("# Crisis care action plan 2016/17\n\n**November 2016 to February 2017** · position as of 28 February 2017\n\n<sub>From 30 November 2016 (the plans\' update date) to 28 February 2017 (the plans\' update date)."),
        "{md}"
    );
    let progress = &md[md
        .find("## Progress reported this cycle (2)")
        .expect("the section")
        ..md.find("## What changed since 30 November 2016")
            .expect("what changed")];
    for text in [PATHWAY, TRAINING] {
        assert!(progress.contains(text), "{progress}");
    }
    assert!(
        progress.contains("| **1.2** Train custody staff | Sam Smith | 🟢 green → **🟡 amber** | **28 Feb 2017**: Forty custody staff"),
        "{progress}"
    );
    let stale = &md[md.find("### No update this cycle (1)").expect("stale")..];
    let stale = &stale[..stale.find("<a id=").unwrap_or(stale.len())];
    assert!(stale.contains("**1.3** Open the crisis cafe"), "{stale}");
    assert!(!stale.contains("1.1") && !stale.contains("1.2"), "{stale}");
    assert!(
        md.contains("- [2 of 3 open actions reported progress between 30 November 2016 and 28 February 2017 (2 updates); 1 got worse and none improved.](#progress)"),
        "{md}"
    );
    assert!(
        md.contains("leads who have not reported: Ali Khan."),
        "{md}"
    );
    assert!(
        md.contains("No open action fell due")
            || md.contains("fell due between 30 November 2016 and 28 February 2017"),
        "{md}"
    );

    let r = json(dir.path(), &["HEAD~1", "HEAD"]);
    assert_eq!(
        (r["since"].as_str(), r["as_of"].as_str()),
        (Some("2016-11-30"), Some("2017-02-28"))
    );
    assert_eq!(r["since_source"], "the plans\' update date");
    assert_eq!(r["period"], "November 2016 to February 2017");
    let got: Vec<(String, String, String, String)> = r["progress"]
        .as_array()
        .expect("progress")
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap_or("null").to_string();
            (s("action"), s("date"), s("rating_then"), s("rating_now"))
        })
        .collect();
    let want = |a: &str, then: &str, now: &str| {
        (
            a.to_string(),
            "2017-02-28".to_string(),
            then.to_string(),
            now.to_string(),
        )
    };
    assert_eq!(
        got,
        [want("1.1", "amber", "amber"), want("1.2", "green", "amber")]
    );
    assert_eq!(r["progress"][0]["text"], PATHWAY);
    assert_eq!(r["progress"][0]["leads"], serde_json::json!(["Jo Bloggs"]));
    assert_eq!(r["progress"][0]["recorded_late"], false);
    let stale: Vec<String> = ids(&r["not_updated"]);
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert!(stale[0].ends_with("/1.3"), "{stale:?}");

    let html = run(dir.path(), &["HEAD~1", "HEAD", "--format", "html"]);
    for text in [PATHWAY, TRAINING] {
        assert!(html.contains(text), "{text}");
    }
    for (name, text) in [("markdown", &md), ("html", &html)] {
        for y in wrong_years() {
            // the commits' year appears nowhere, as a date in words or in ISO form
            assert!(!text.contains(&format!(" {y}")), "{name} names {y}");
            assert!(!text.contains(&format!("{y}-")), "{name} names {y}");
        }
    }
    // the JSON keeps the commits' own dates under from.date and to.date (data, not the paper)
    assert_eq!(r["from"]["date"].as_str().map(str::len), Some(10));

    // the two ends swapped: refused, not a paper that tells the board the opposite (a new
    // user's trial wrote one with "2 got worse")
    let out = planlint(dir.path())
        .args(["report", "HEAD", "HEAD~1"])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("the report would run backwards")
            && err.contains("`planlint report 'HEAD~1' HEAD`"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

/// An update dated before FROM but recorded after it is progress, said to be late; `--since`
/// and `--as-of` set the window's ends and the paper says where they came from.
#[test]
fn a_late_update_counts_and_the_flags_set_the_window() {
    let dir = imported();
    planlint(dir.path())
        .args([
            "update",
            "1.3",
            "--text",
            "Venue signed.",
            "--date",
            "2016-11-02",
        ])
        .assert()
        .code(0);
    commit_now(dir.path(), "a late update");
    let r = json(dir.path(), &["HEAD~2", "HEAD"]);
    let late: Vec<(&str, bool)> = r["progress"]
        .as_array()
        .expect("progress")
        .iter()
        .map(|p| {
            (
                p["action"].as_str().unwrap_or("?"),
                p["recorded_late"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(late, [("1.1", false), ("1.2", false), ("1.3", true)]);
    assert_eq!(r["not_updated"].as_array().map(Vec::len), Some(0));
    let md = run(dir.path(), &["HEAD~2", "HEAD"]);
    assert!(
        md.contains("**dated 2 Nov 2016, recorded after the last review**: Venue signed."),
        "{md}"
    );

    let r = json(
        dir.path(),
        &[
            "HEAD~1",
            "HEAD",
            "--since",
            "2017-01-01",
            "--as-of",
            "2017-03-31",
        ],
    );
    assert_eq!(
        (r["since"].as_str(), r["as_of"].as_str()),
        (Some("2017-01-01"), Some("2017-03-31"))
    );
    assert_eq!(r["since_source"], "as --since gives");
    assert_eq!(r["period"], "January to March 2017");
    assert!(
        r["command"]
            .as_str()
            .unwrap_or("")
            .contains("--since 2017-01-01 --as-of 2017-03-31"),
        "{}",
        r["command"]
    );
}

/// `[report] purpose` and `asks` frame the paper after its header, in every view.
#[test]
fn the_board_framing_comes_from_the_configuration() {
    let dir = imported();
    std::fs::write(
        dir.path().join("planlint.toml"),
        "[report]\npurpose = \"To update the board on the crisis care plan.\"\nasks = [\"note the progress reported\", \"agree the new date for action 1.3\"]\n",
    )
    .expect("config");
    let md = run(dir.path(), &["HEAD~1", "HEAD"]);
    assert!(
        md.contains("To update the board on the crisis care plan.\n\nThe board is asked to:\n\n- note the progress reported\n- agree the new date for action 1.3\n"),
        "{md}"
    );
    let html = run(dir.path(), &["HEAD~1", "HEAD", "--format", "html"]);
    assert!(
        html.contains("<li>agree the new date for action 1.3</li>"),
        "{html}"
    );
    let r = json(dir.path(), &["HEAD~1", "HEAD"]);
    assert_eq!(r["asks"][1], "agree the new date for action 1.3");
    std::fs::write(
        dir.path().join("planlint.toml"),
        "[report]\nasks = [\" \"]\n",
    )
    .expect("config");
    planlint(dir.path())
        .args(["report", "HEAD~1", "HEAD"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("[report] asks is empty"));
}

/// Whether python-docx can be imported; without it the read-back is skipped here and fails in
/// CI (`.ci/run` installs it).
fn python_docx() -> bool {
    let ok = std::process::Command::new("python3")
        .args(["-c", "import docx"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "python-docx must be installed in CI (see .ci/run)"
        );
        println!("skipped: python-docx is not installed (pip install python-docx)");
    }
    ok
}

/// An outside program from Debian; without it a test skips here and fails in CI.
fn debian_tool(name: &str, package: &str) -> bool {
    // found on PATH is enough: poppler's tools answer `--version` with exit 1
    let ok = std::process::Command::new(name).arg("-v").output().is_ok();
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} must be installed in CI (see .ci/run)"
        );
        println!("skipped: {name} is not installed (apt install {package})");
    }
    ok
}

/// `--format docx`: a Word document with built-in styles, tables whose rating cells are shaded
/// with the word inside, every update whole; read back by python-docx and converted to PDF by
/// LibreOffice without error; `--reference-docx` takes a template's styles.
#[test]
fn the_paper_as_a_word_document() {
    use std::io::Read;
    let dir = imported();
    let out = dir.path().join("paper.docx");
    planlint(dir.path())
        .args(["report", "HEAD~1", "HEAD", "--format", "docx", "-o"])
        .arg(&out)
        .assert()
        .code(0);
    let bytes = std::fs::read(&out).expect("the docx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).expect("a zip");
    let mut doc = String::new();
    zip.by_name("word/document.xml")
        .expect("the body")
        .read_to_string(&mut doc)
        .expect("text");
    for style in ["Title", "Heading1", "Heading2", "TableGrid"] {
        assert!(doc.contains(&format!("w:val=\"{style}\"")), "{style}");
    }
    // the red-amber-green scale's colours, with the word in the cell
    assert!(doc.contains("w:fill=\"f2b705\"/></w:tcPr><w:p><w:r><w:rPr><w:b/><w:color w:val=\"000000\"/></w:rPr><w:t xml:space=\"preserve\">amber</w:t>"), "amber cell");
    assert!(doc.contains("<w:cantSplit/>"), "rows never split");
    let mut header = String::new();
    zip.by_name("word/header1.xml")
        .expect("a running header")
        .read_to_string(&mut header)
        .expect("text");
    assert!(
        header.contains("Crisis care action plan 2016/17 · November 2016 to February 2017"),
        "{header}"
    );
    // the same report makes the same bytes
    let again = dir.path().join("again");
    std::fs::create_dir(&again).expect("mkdir");
    planlint(dir.path())
        .args([
            "report",
            "HEAD~1",
            "HEAD",
            "--format",
            "docx",
            "-o",
            "again/paper.docx",
        ])
        .assert()
        .code(0);
    assert!(
        std::fs::read(again.join("paper.docx")).expect("again") == bytes,
        "not the same bytes"
    );
    // a file is needed; a template must be a Word document
    planlint(dir.path())
        .args(["report", "HEAD~1", "HEAD", "--format", "docx"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("add --output FILE"));
    std::fs::write(dir.path().join("not.docx"), "hello").expect("write");
    planlint(dir.path())
        .args([
            "report",
            "HEAD~1",
            "HEAD",
            "--format",
            "docx",
            "-o",
            "x.docx",
            "--reference-docx",
            "not.docx",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a Word document"));
    assert!(!dir.path().join("x.docx").exists());
    // a template's styles part is taken whole
    let template = dir.path().join("template.docx");
    {
        let f = std::fs::File::create(&template).expect("template");
        let mut w = zip::ZipWriter::new(f);
        w.start_file("word/styles.xml", zip::write::SimpleFileOptions::default())
            .expect("part");
        std::io::Write::write_all(&mut w, b"<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:rPr><w:color w:val=\"123456\"/></w:rPr></w:style></w:styles>").expect("write");
        w.finish().expect("zip");
    }
    let styled = dir.path().join("styled.docx");
    planlint(dir.path())
        .args([
            "report",
            "HEAD~1",
            "HEAD",
            "--format",
            "docx",
            "--reference-docx",
            "template.docx",
            "-o",
        ])
        .arg(&styled)
        .assert()
        .code(0);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&styled).expect("styled")).expect("zip");
    let mut styles = String::new();
    zip.by_name("word/styles.xml")
        .expect("styles")
        .read_to_string(&mut styles)
        .expect("text");
    assert!(styles.contains("123456"), "{styles}");

    if python_docx() {
        let script = r#"
import sys, docx
d = docx.Document(sys.argv[1])
for p in d.paragraphs:
    if p.style.name.startswith(("Title", "Heading")):
        print("P", p.style.name, "|", p.text)
for t in d.tables:
    print("T", t.style.name if t.style is not None else "-", len(t.rows))
    for r in t.rows:
        print("R", " | ".join(c.text for c in r.cells))
"#;
        let read = std::process::Command::new("python3")
            .args(["-c", script])
            .arg(&out)
            .output()
            .expect("python3");
        assert!(
            read.status.success(),
            "{}",
            String::from_utf8_lossy(&read.stderr)
        );
        let text = String::from_utf8_lossy(&read.stdout);
        for line in [
            "P Title | Crisis care action plan 2016/17",
            "P Heading 1 | Summary",
            "P Heading 1 | Progress reported this cycle (2)",
            "P Heading 2 | No update this cycle (1)",
            "R Action | Lead | Rating then → now | Progress reported",
            "R amber | 2 | 3 | +1",
        ] {
            assert!(
                text.lines().any(|l| l == line),
                "no line {line:?} in:\n{text}"
            );
        }
        assert!(
            text.contains(&format!(
                "R 1.1 Agree the crisis pathway | Jo Bloggs | amber | 28 Feb 2017: {PATHWAY}"
            )),
            "{text}"
        );
        assert!(text.contains("| green → amber |"), "{text}");
        assert!(text.contains("T Table Grid"), "{text}");
    }
    if debian_tool("soffice", "libreoffice-writer-nogui") {
        let pdf_dir = dir.path().join("pdf");
        let profile = tempfile::tempdir().expect("profile");
        let conv = std::process::Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.path().display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&pdf_dir)
            .arg(&out)
            .output()
            .expect("soffice");
        assert!(
            conv.status.success(),
            "{}",
            String::from_utf8_lossy(&conv.stderr)
        );
        let pdf = pdf_dir.join("paper.pdf");
        assert!(std::fs::read(&pdf)
            .expect("LibreOffice wrote a PDF")
            .starts_with(b"%PDF-"));
        if debian_tool("pdftotext", "poppler-utils") {
            let text = std::process::Command::new("pdftotext")
                .arg(&pdf)
                .arg("-")
                .output()
                .expect("pdftotext");
            let text = String::from_utf8_lossy(&text.stdout)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            for t in [PATHWAY, TRAINING] {
                assert!(text.contains(t), "{t} not in {text}");
            }
        }
    }
}

/// The paper's TO is dated by every plan it can read, the check's findings by the plans the
/// schema takes: a plan the schema refuses (an unknown key) that carries the latest update date
/// still dates the paper, and the appendix is judged as of that same date (the report takes
/// TO's plans from its check, and checks again when such a plan moves the date).
#[test]
fn a_plan_the_schema_refuses_still_dates_the_paper_and_its_findings() {
    use crate::common::git;
    let a = "schema_version = 1\n\n[plan]\nid = \"a\"\ntitle = \"Plan a\"\nupdated = 2015-06-30\n\n[[actions]]\nid = \"1\"\ntitle = \"Open the crisis cafe\"\nleads = [\"Head of Service\"]\ndue = 2015-09-30\nstatus = \"in-progress\"\nrag = \"amber\"\n\n[[actions.updates]]\ndate = 2015-06-10\ntext = \"Premises found.\"\n";
    let b = "schema_version = 1\n\n[plan]\nid = \"b\"\ntitle = \"Plan b\"\nupdated = 2015-10-31\n\n[[actions]]\nid = \"1\"\ntitle = \"Train staff\"\nleads = [\"Training Lead\"]\ndue = 2016-03-31\nstatus = \"in-progress\"\nrag = \"green\"\ncolour = \"blue\"\n\n[[actions.updates]]\ndate = 2015-10-20\ntext = \"Half trained.\"\n";
    let dir = common::repo(&[("plans/a.toml", a), ("plans/b.toml", b)]);
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "one"]);
    git(d, &["tag", "v1"]);
    std::fs::write(
        d.join("plans/a.toml"),
        a.replace("Premises found.", "Premises found and signed."),
    )
    .expect("write");
    git(d, &["commit", "-qam", "two"]);
    git(d, &["tag", "v2"]);
    let r = json(d, &["v1", "v2"]);
    assert_eq!(r["as_of"], "2015-10-31");
    let rules: Vec<&str> = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    // as of 31 October the crisis cafe (due 30 September) is past due; as of 30 June it was not
    assert_eq!(rules, ["past-due-no-update", "schema"]);
    assert_eq!(r["totals"]["to"]["total"], 2);
}

/// The paper's TO comes from the check at TO when findings are asked for, and is read on its own
/// with `--no-findings`: the two ways must tell the same paper, on plans of every shape the
/// readers take differently (inline tables, CRLF and a multi-line title, a byte order mark, a
/// key the schema refuses, a file that is not TOML).
#[test]
fn the_paper_is_the_same_whether_to_comes_from_the_check_or_not() {
    use crate::common::git;
    let inline = "schema_version = 1\nplan = { id = \"inl\", title = \"Inline plan\", updated = 2015-06-30 }\nsections = [{ id = \"1\", title = \"Access\" }]\nactions = [\n  { id = \"1\", section = \"1\", title = \"Open a crisis cafe\", leads = [\"Head of Service\"], due = \"March 2016\", status = \"in-progress\", rag = \"Amber\", updates = [{ date = 2015-06-01, text = \"Premises found.\", rag = \"amber\" }] },\n  { id = \"2\", section = \"1\", title = 'Literal title', leads = [\"Lead\"], due = 2015-05-31, rag = \"green\" },\n]\n";
    let crlf = "schema_version = 1\r\n\r\n[plan]\r\nid = \"crlf\"\r\ntitle = \"\"\"Two\r\nlines\"\"\"\r\n\r\n[[actions]]\r\nid = \"1\"\r\ntitle = \"A\"\r\nleads = [\"B\"]\r\ndue = \"2015/16 Q3\"\r\nrag = \"red\"\r\n";
    let bom = "\u{feff}schema_version = 1\n[plan]\nid = \"bom\"\ntitle = \"Bom\"\n[[actions]]\nid = \"1\"\ntitle = \"T\"\nleads = [\"L\"]\ndue = \"2015/16 Q3\"\nrag = \"G\"\nstatus = \"complete\"\n";
    let refused = "schema_version = 1\n[plan]\nid = \"ref\"\ntitle = \"Refused\"\n[[actions]]\nid = \"1\"\ntitle = \"T\"\nleads = [\"L\"]\nrag = \"amber\"\ncolour = \"blue\"\n";
    let dir = common::repo(&[
        ("plans/inline.toml", inline),
        ("plans/crlf.toml", crlf),
        ("plans/bom.toml", bom),
        ("plans/refused.toml", refused),
        ("plans/broken.toml", "[plan\nid = "),
    ]);
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "one"]);
    git(d, &["tag", "v1"]);
    for (file, from, to) in [
        ("plans/inline.toml", "rag = \"Amber\"", "rag = \"red\""),
        ("plans/bom.toml", "rag = \"G\"", "rag = \"A\""),
        ("plans/crlf.toml", "rag = \"red\"", "rag = \"green\""),
        ("plans/refused.toml", "rag = \"amber\"", "rag = \"red\""),
    ] {
        let text = std::fs::read_to_string(d.join(file)).expect("read");
        assert!(text.contains(from), "{file}");
        std::fs::write(d.join(file), text.replace(from, to)).expect("write");
    }
    git(d, &["commit", "-qam", "two"]);
    git(d, &["tag", "v2"]);
    for args in [&["v1", "v2"][..], &["v1"], &["v1", "v2", "--cycles", "v*"]] {
        let mut with = json(d, args);
        let mut without = json(d, &[args, &["--no-findings"]].concat());
        assert!(!with["findings"].as_array().expect("findings").is_empty());
        for key in [
            "command",
            "narrative",
            "findings_included",
            "findings",
            "findings_summary",
        ] {
            with.as_object_mut().expect("object").remove(key);
            without.as_object_mut().expect("object").remove(key);
        }
        assert_eq!(with, without, "{args:?}");
        assert_eq!(with["totals"]["to"]["total"], 5, "{args:?}");
    }
}

/// The cycles' counts the history cache keeps (a tally a cycle, `.git/planlint-cache/v3/tallies`)
/// give the paper that reading every plan of every cycle gives: cold, warm, with no cache, on
/// the full path, with the files damaged, and with other plan globs (which must not reuse them).
#[test]
fn the_cycles_counts_kept_in_the_cache_are_those_read_from_every_plan() {
    let dir = repo();
    let report = |extra: &[&str], env: Option<&str>| -> (String, String) {
        let mut cmd = planlint(dir.path());
        cmd.args([
            "report",
            "--format",
            "json",
            "review-2015-q2",
            "review-2015-q3",
        ])
        .args(["--cycles", "review-*"])
        .args(extra);
        if let Some(e) = env {
            cmd.env("PLANLINT_DEBUG", e);
        }
        let out = cmd.output().expect("run");
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        (
            String::from_utf8(out.stdout).expect("UTF-8"),
            String::from_utf8(out.stderr).expect("UTF-8"),
        )
    };
    let tallies = dir.path().join(".git/planlint-cache/v3/tallies");
    let kept = || -> Vec<std::path::PathBuf> {
        let mut v: Vec<_> = std::fs::read_dir(&tallies)
            .map(|d| d.filter_map(|e| Some(e.ok()?.path())).collect())
            .unwrap_or_default();
        v.sort();
        v
    };
    let (reference, _) = report(&["--no-cache"], None);
    assert!(kept().is_empty(), "--no-cache wrote {:?}", kept());
    assert_eq!(
        reds(&serde_json::from_str(&reference).expect("JSON")),
        [1, 1, 2]
    );
    let (cold, _) = report(&[], None);
    assert_eq!(cold, reference);
    assert_eq!(kept().len(), 3, "a tally a cycle");
    let (warm, _) = report(&[], None);
    assert_eq!(warm, reference);
    let (full, _) = report(&[], Some("full"));
    assert_eq!(full, reference);

    // damaged: each is read as none, counted again and written anew
    for path in kept() {
        let mut bytes = std::fs::read(&path).expect("tally");
        let last = bytes.len() - 1;
        bytes[last] ^= 0x55;
        std::fs::write(&path, bytes).expect("damage");
    }
    let (mended, stderr) = report(&[], None);
    assert_eq!(mended, reference);
    assert!(
        stderr.contains("ignored 3 damaged or foreign files in the history cache"),
        "{stderr}"
    );
    let (again, stderr) = report(&[], None);
    assert_eq!(again, reference);
    assert!(!stderr.contains("damaged"), "{stderr}");

    // other globs pick other plan files out of the same trees: their own tallies
    let config = dir.path().join("planlint.toml");
    let before = std::fs::read_to_string(&config).expect("config");
    std::fs::write(
        &config,
        format!("{before}\n[plans]\nexclude = [\"plans/beta.toml\"]\n"),
    )
    .expect("config");
    let (alpha_only, _) = report(&["--no-cache"], None);
    assert_ne!(alpha_only, reference);
    let (cached, _) = report(&[], None);
    assert_eq!(cached, alpha_only);
    assert_eq!(kept().len(), 6);
}

/// A cycle with a plan file that cannot be read: its trend row leaves the file out and says
/// so, every run (such counts are not kept: the file may be readable next time).
#[test]
fn a_cycle_with_a_plan_it_cannot_read_says_so_every_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let git = |date: &str, args: &[&str]| {
        let out = common::git_cmd(dir.path(), date)
            .args(args)
            .output()
            .expect("git");
        assert!(out.status.success(), "git {args:?}: {out:?}");
    };
    git("2015-06-30T12:00:00Z", &["init", "-q"]);
    std::fs::write(dir.path().join("planlint.toml"), "").expect("config");
    std::fs::create_dir_all(dir.path().join("plans")).expect("plans");
    let alpha = plan("alpha", &[act("1", "rag = \"red\"\ndue = 2015-09-15")]);
    let beta = plan("beta", &[act("1", "rag = \"green\"\ndue = 2015-09-15")]);
    std::fs::write(dir.path().join("plans/alpha.toml"), &alpha).expect("write");
    std::fs::write(dir.path().join("plans/beta.toml"), "[plan\nid = ").expect("write");
    git("2015-06-30T12:00:00Z", &["add", "-A"]);
    git("2015-06-30T12:00:00Z", &["commit", "-qm", "q1"]);
    git("2015-06-30T12:00:00Z", &["tag", "c1"]);
    std::fs::write(dir.path().join("plans/beta.toml"), &beta).expect("write");
    git("2015-09-30T12:00:00Z", &["commit", "-qam", "q2"]);
    git("2015-09-30T12:00:00Z", &["tag", "c2"]);
    for _ in 0..2 {
        let out = planlint(dir.path())
            .args(["report", "c1", "c2", "--cycles", "c*", "--format", "json"])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("the trend row of c1 counts 1 of its 2 plan files: 1 could not be read as a plan (`planlint check --rev c1` says why)"),
            "{stderr}"
        );
        assert!(!stderr.contains("trend row of c2"), "{stderr}");
        let r: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(r["cycles"][0]["counts"]["total"], 1);
        assert_eq!(r["cycles"][1]["counts"]["total"], 2);
    }
}

/// Folders no search goes into (hidden ones, `target`, `node_modules`) hold no plans in a
/// commit, the index or the working tree alike: the trend row of TO's tag counts what the
/// paper's "Now" column counts, and `check --rev` sees the plans `check` sees.
#[test]
fn plans_in_skipped_folders_are_left_out_at_every_revision() {
    use crate::common::git;
    let plan = |id: &str, rag: &str| {
        format!(
            "schema_version = 1\n\n[plan]\nid = \"{id}\"\ntitle = \"Plan {id}\"\nupdated = 2015-06-30\n\n[[actions]]\nid = \"1\"\ntitle = \"Open the cafe\"\nleads = [\"Head of Service\"]\ndue = 2016-09-30\nstatus = \"in-progress\"\nrag = \"{rag}\"\n"
        )
    };
    let (a, old, deps, built, deep) = (
        plan("a", "green"),
        plan("a-old", "red"),
        plan("n", "red"),
        plan("t", "red"),
        plan("d", "amber"),
    );
    let dir = common::repo(&[
        ("plans/a.toml", &a),
        ("plans/.old/a.toml", &old),
        ("plans/node_modules/n.toml", &deps),
        ("plans/target/t.toml", &built),
        ("plans/deep/.cache/d.toml", &deep),
        ("plans/deep/d.toml", &deep),
    ]);
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "-f", "."]);
    for tag in ["c1", "c2", "c3"] {
        git(d, &["commit", "-q", "--allow-empty", "-m", tag]);
        git(d, &["tag", tag]);
    }
    // the plans a check reads: (files, actions)
    let read = |args: &[&str]| {
        let (_, j) = common::check_json(d, args);
        (j["files"].clone(), j["actions"].clone())
    };
    let want = (Value::from(2), Value::from(2));
    assert_eq!(read(&[]), want);
    assert_eq!(read(&["--rev", "c2"]), want);
    let r = json(d, &["c2", "--cycles", "c*", "--as-of", "2015-07-01"]);
    assert_eq!(r["totals"]["to"]["total"], 2, "{}", r["totals"]);
    let trend: Vec<&Value> = r["cycles"]
        .as_array()
        .expect("cycles")
        .iter()
        .map(|c| &c["counts"]["total"])
        .collect();
    assert_eq!(trend, [2, 2, 2]);
    assert_eq!(
        r["cycles"][2]["counts"]["ratings"]["red"], 0,
        "{}",
        r["cycles"]
    );
    // staged changes to both: only the plan in a searched folder is a staged plan
    for f in ["plans/a.toml", "plans/.old/a.toml"] {
        let text = std::fs::read_to_string(d.join(f)).expect("read");
        std::fs::write(
            d.join(f),
            text.replace("Open the cafe", "Open the new cafe"),
        )
        .expect("write");
    }
    git(d, &["add", "-f", "."]);
    assert_eq!(read(&["--staged"]), (Value::from(1), Value::from(1)));
    // a skipped folder named, or a file in it, is searched, as `check plans/.old` is on disk
    // (the pre-commit hook names each staged file)
    let one = (Value::from(1), Value::from(1));
    assert_eq!(read(&["plans/.old"]), one);
    assert_eq!(read(&["--staged", "plans/.old/a.toml"]), one);
    assert_eq!(read(&["--staged", "plans/.old"]), one);
    assert_eq!(read(&["--rev", "c2", "plans/.old/a.toml"]), one);
    assert_eq!(read(&["--rev", "c2", "plans/deep"]), one);
    assert_eq!(
        read(&["--staged", "plans/a.toml", "plans/.old/a.toml"]),
        (Value::from(2), Value::from(2))
    );
    // below a folder named, a skipped folder is still skipped
    assert_eq!(read(&["--rev", "c2", "plans"]), want);
}

/// A plan id in two files is one plan: the paper counts it from its first file, and so does
/// every cycle's trend row (cold, warm from the cache, and without it).
#[test]
fn a_plan_id_in_two_files_is_counted_once_in_the_trend_as_in_the_columns() {
    use crate::common::git;
    let plan = |rag: &str, actions: usize| {
        let mut t =
            "schema_version = 1\n\n[plan]\nid = \"a\"\ntitle = \"Plan a\"\nupdated = 2015-06-30\n"
                .to_string();
        for i in 1..=actions {
            t.push_str(&format!("\n[[actions]]\nid = \"{i}\"\ntitle = \"Open cafe {i}\"\nleads = [\"Head of Service\"]\ndue = 2016-09-30\nstatus = \"in-progress\"\nrag = \"{rag}\"\n"));
        }
        t
    };
    let (first, second) = (plan("green", 2), plan("red", 3));
    let dir = common::repo(&[("plans/a.toml", &first), ("plans/b.toml", &second)]);
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    for tag in ["c1", "c2", "c3"] {
        git(d, &["commit", "-q", "--allow-empty", "-m", tag]);
        git(d, &["tag", tag]);
    }
    for extra in [&[][..], &[][..], &["--no-cache"][..]] {
        let mut args = vec!["c2", "--cycles", "c*", "--as-of", "2015-07-01"];
        args.extend_from_slice(extra);
        let r = json(d, &args);
        assert_eq!(r["totals"]["to"]["total"], 2, "{}", r["totals"]);
        for c in r["cycles"].as_array().expect("cycles") {
            assert_eq!(c["counts"]["total"], 2, "{c}");
            assert_eq!(c["counts"]["ratings"]["green"], 2, "{c}");
            assert_eq!(c["counts"]["ratings"]["red"], 0, "{c}");
        }
    }
    // the file left out is said, even when the check cannot say it (a schema error in the
    // first file keeps `duplicate-id` from seeing the two)
    std::fs::write(
        d.join("plans/a.toml"),
        first.replace(
            "updated = 2015-06-30",
            "updated = 2015-06-30\ncolour = \"blue\"",
        ),
    )
    .expect("write");
    let out = planlint(d)
        .args(["report", "c2", "--as-of", "2015-07-01", "-o", "paper.md"])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "plans/b.toml has the plan id `a` of plans/a.toml: the paper counts plans/a.toml only"
        ),
        "{err}"
    );
}

/// A FROM with no plan (the commit before the plans were imported) is dated by its commit,
/// after the imported plans' own dates: the report runs, from TO's date, and every action is
/// new to the board (it said the report would run backwards, and to swap the two).
#[test]
fn a_report_from_before_the_first_plan_runs_and_adds_every_action() {
    let dir = common::repo(&[("README.md", "plans to come")]);
    let d = dir.path();
    let at = "2020-01-10T12:00:00Z";
    common::git_at(d, &["init", "-q"], at);
    common::git_at(d, &["add", "."], at);
    common::git_at(d, &["commit", "-qm", "empty"], at);
    common::git_at(d, &["tag", "e1"], at);
    let plan = "schema_version = 1\n\n[plan]\nid = \"a\"\ntitle = \"Plan a\"\nupdated = 2015-11-30\n\n[[actions]]\nid = \"1\"\ntitle = \"Open the cafe\"\nleads = [\"Head of Service\"]\ndue = 2016-09-30\nstatus = \"in-progress\"\nrag = \"green\"\n";
    std::fs::create_dir_all(d.join("plans")).expect("dir");
    std::fs::write(d.join("plans/a.toml"), plan).expect("write");
    let later = "2020-02-10T12:00:00Z";
    common::git_at(d, &["add", "."], later);
    common::git_at(d, &["commit", "-qm", "imported"], later);
    common::git_at(d, &["tag", "e2"], later);
    let r = json(d, &["e1", "e2"]);
    assert_eq!(r["as_of"], "2015-11-30");
    assert_eq!(r["since"], "2015-11-30");
    assert_eq!(r["since_source"], "TO's date, as FROM holds no plan");
    assert_eq!(ids(&r["added"]), ["a/1"]);
}
