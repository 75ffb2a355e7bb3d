//! `planlint import`, end to end, on what people write in cells: leads written "A, B and C",
//! "A / B" or "Role, Body"; ratings written "R", "G.", "On track", "Complete"; an action continued
//! on a row whose timescale says "Revised: March 2017" or "(& ongoing)"; completion said in the
//! update's words with no status column (and `--no-infer-status`); the import report's lines and
//! its JSON (`splits`, `inferred`), and the check of the plan written.

use crate::common;
use crate::common::office::{docx, row, Block};
use crate::common::planlint;
use serde_json::Value;
use std::path::Path;

fn folder(config: &str, name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = common::repo(&[("planlint.toml", config)]);
    std::fs::write(dir.path().join(name), bytes).expect("fixture");
    dir
}

/// Runs `import ARGS…`; returns (exit code, stdout, stderr).
fn import(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = planlint(dir)
        .arg("import")
        .args(args)
        .output()
        .expect("run");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The plan written, as TOML, and its action `id`.
fn plan(dir: &Path, id: &str) -> toml::Table {
    let text = std::fs::read_to_string(dir.join(format!("plans/{id}.toml"))).expect("written");
    toml::from_str(&text).expect("TOML")
}

fn action<'p>(plan: &'p toml::Table, id: &str) -> &'p toml::Table {
    plan["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter_map(toml::Value::as_table)
        .find(|a| a["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no action {id}"))
}

fn strings(a: &toml::Table, key: &str) -> Vec<String> {
    a.get(key)
        .and_then(toml::Value::as_array)
        .map(|l| {
            l.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn text<'a>(a: &'a toml::Table, key: &str) -> Option<&'a str> {
    a.get(key).and_then(toml::Value::as_str)
}

const HEADER: [&str; 6] = [
    "No.",
    "Action",
    "Lead",
    "Timescale",
    "RAG",
    "Update December 2016",
];

fn values_docx() -> Vec<u8> {
    docx(&[
        Block::Title("Crisis care action plan"),
        Block::Table(vec![
            row(&HEADER),
            row(&[
                "1",
                "Crisis line for all ages",
                "CCG, Police and LA",
                "March 2017",
                "G",
                "Going well.",
            ]),
            row(&[
                "2",
                "Nurse in the custody suite",
                "Head of Nursing, City Council",
                "June 2017",
                "R.",
                "Recruitment has stalled.",
            ]),
            row(&[
                "3",
                "Bereavement pathway",
                "End of Life Forum, c/o HCCG",
                "Dec 2016",
                "Complete",
                "All sessions held.",
            ]),
            row(&[
                "4",
                "Joint commissioning plan",
                "Public Health / CCG",
                "2016/17",
                "Amber/Green",
                "Draft with partners.",
            ]),
            row(&[
                "5",
                "Community crisis house",
                "Kent and Medway SCT & Police",
                "March 2017",
                "On track",
                "Site agreed.",
            ]),
            row(&[
                "6",
                "Peer support workers",
                "Luton Council",
                "April 2017",
                "Not started",
                "",
            ]),
            row(&[
                "7",
                "Street triage",
                "Public Health Lead, Luton Borough Council\nMental Health Lead, County Police",
                "March 2017",
                "amber",
                "Pilot running.",
            ]),
        ]),
    ])
}

#[test]
fn leads_ratings_and_statuses_as_people_write_them() {
    let dir = folder(
        "[ratings]\nscale = \"rag\"\n",
        "values.docx",
        &values_docx(),
    );
    let (code, _, err) = import(
        dir.path(),
        &["values.docx", "--id", "values", "--as-of", "2016-12-31"],
    );
    // "Amber/Green" is kept as written: rag-unknown is an error
    assert_eq!(code, 1, "{err}");
    let p = plan(dir.path(), "values");

    let a1 = action(&p, "1");
    assert_eq!(strings(a1, "leads"), ["CCG", "Police", "LA"]);
    assert_eq!(text(a1, "rag"), Some("green"));
    let a2 = action(&p, "2");
    assert_eq!(strings(a2, "leads"), ["Head of Nursing, City Council"]);
    assert_eq!(text(a2, "rag"), Some("red"));
    let a3 = action(&p, "3");
    assert_eq!(strings(a3, "leads"), ["End of Life Forum, c/o HCCG"]);
    assert_eq!(text(a3, "status"), Some("complete"));
    assert_eq!(text(a3, "rag"), None, "\"Complete\" is no rating on RAG");
    let a4 = action(&p, "4");
    assert_eq!(strings(a4, "leads"), ["Public Health", "CCG"]);
    assert_eq!(text(a4, "rag"), Some("Amber/Green"));
    let a5 = action(&p, "5");
    assert_eq!(strings(a5, "leads"), ["Kent and Medway SCT", "Police"]);
    assert_eq!(text(a5, "rag"), Some("green"));
    let a6 = action(&p, "6");
    assert_eq!(text(a6, "status"), Some("not-started"));
    assert_eq!(text(a6, "rag"), None);
    let a7 = action(&p, "7");
    assert_eq!(
        strings(a7, "leads"),
        [
            "Public Health Lead, Luton Borough Council",
            "Mental Health Lead, County Police"
        ]
    );
    assert_eq!(text(a7, "rag"), Some("amber"));

    for line in [
        "planlint: note: 1 rating is not on the rag scale (red, amber, green) kept as written: \"Amber/Green\"",
        "planlint: leads split (4):",
        "planlint:   row 2 (action 1): \"CCG, Police and LA\" -> \"CCG\", \"Police\", \"LA\"",
        "planlint:   row 5 (action 4): \"Public Health / CCG\" -> \"Public Health\", \"CCG\"",
        "planlint:   row 6 (action 5): \"Kent and Medway SCT & Police\" -> \"Kent and Medway SCT\", \"Police\"",
        "planlint: statuses inferred (2):",
        "planlint:   row 4 (action 3): complete, because the \"RAG\" cell says \"Complete\"",
        "planlint:   row 7 (action 6): not-started, because the \"RAG\" cell says \"Not started\"",
        "rag-unknown ×1",
    ] {
        assert!(err.contains(line), "missing `{line}` in:\n{err}");
    }
    // a name with a comma inside is not a split
    assert!(!err.contains("Head of Nursing\", \"City Council"), "{err}");
    assert!(!err.contains("(action 3): \"End"), "{err}");

    // the same in JSON
    let (code, out, err) = import(
        dir.path(),
        &[
            "values.docx",
            "--id",
            "values",
            "--as-of",
            "2016-12-31",
            "--force",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 1, "{err}");
    let json: Value = serde_json::from_str(&out).expect("JSON");
    let splits = json["splits"].as_array().expect("splits");
    assert_eq!(splits.len(), 4, "{splits:?}");
    assert_eq!(splits[0]["place"], "row 2");
    assert_eq!(splits[0]["action"], "1");
    assert_eq!(splits[0]["from"], "CCG, Police and LA");
    assert_eq!(
        splits[0]["into"],
        serde_json::json!(["CCG", "Police", "LA"])
    );
    let inferred = json["inferred"].as_array().expect("inferred");
    assert_eq!(inferred.len(), 2, "{inferred:?}");
    assert_eq!(inferred[0]["action"], "3");
    assert_eq!(inferred[0]["status"], "complete");
    assert_eq!(inferred[0]["because"], "the \"RAG\" cell says \"Complete\"");
}

#[test]
fn on_brag_complete_in_the_rating_column_is_blue_and_config_words_count() {
    let doc = docx(&[Block::Table(vec![
        row(&[
            "No.",
            "Action",
            "Lead",
            "Timescale",
            "RAG",
            "Status",
            "Update December 2016",
        ]),
        row(&[
            "1",
            "Crisis line",
            "CCG",
            "March 2016",
            "Complete",
            "",
            "Line open.",
        ]),
        row(&[
            "2",
            "Crisis house",
            "Mind",
            "March 2017",
            "B",
            "Signed off",
            "Open since June.",
        ]),
        row(&[
            "3",
            "Street triage",
            "Police",
            "March 2017",
            "Going OK",
            "Parked",
            "Waiting for funding.",
        ]),
    ])]);
    let dir = folder(
        "[ratings]\nscale = \"brag\"\n[ratings.aliases]\n\"going-ok\" = \"green\"\n[import]\nstatuses = { \"Signed off\" = \"complete\", \"Parked\" = \"on-hold\" }\n",
        "brag.docx",
        &doc,
    );
    let (code, _, err) = import(
        dir.path(),
        &["brag.docx", "--id", "brag", "--as-of", "2016-12-31"],
    );
    assert_eq!(code, 0, "{err}");
    let p = plan(dir.path(), "brag");
    let a1 = action(&p, "1");
    assert_eq!(
        (text(a1, "status"), text(a1, "rag")),
        (Some("complete"), Some("blue"))
    );
    let a2 = action(&p, "2");
    assert_eq!(
        (text(a2, "status"), text(a2, "rag")),
        (Some("complete"), Some("blue"))
    );
    let a3 = action(&p, "3");
    assert_eq!(
        (text(a3, "status"), text(a3, "rag")),
        (Some("on-hold"), Some("green"))
    );
    assert!(
        err.contains(
            "planlint:   row 2 (action 1): complete, because the \"RAG\" cell says \"Complete\""
        ),
        "{err}"
    );
    // a status from the status column is no inference
    assert!(err.contains("statuses inferred (1):"), "{err}");
}

fn continued_docx() -> Vec<u8> {
    docx(&[
        Block::Title("Crisis care action plan"),
        Block::Table(vec![
            row(&HEADER),
            row(&[
                "1",
                "Publish the crisis pathway",
                "CCG",
                "June 2016",
                "A",
                "Draft out for consultation.",
            ]),
            row(&[
                "",
                "",
                "",
                "Revised: March 2017",
                "",
                "Consultation extended to January.",
            ]),
            row(&[
                "2",
                "Train custody staff",
                "Police",
                "June 2015",
                "G",
                "Training rolling out.",
            ]),
            row(&["", "", "", "(& ongoing)", "", ""]),
            row(&[
                "3",
                "Open a crisis café",
                "Mind",
                "Sept 2016",
                "G",
                "Opened in September.",
            ]),
            row(&["", "Evaluation report", "", "March 2017", "", ""]),
            row(&[
                "4",
                "Review the s136 suite",
                "Council",
                "March 2016\nRevised to September 2016",
                "A",
                "Building works delayed.",
            ]),
            row(&["5", "Crisis line", "CCG", "Dec 2016", "G", "Live."]),
            row(&[
                "",
                "",
                "",
                "New date: Q4 2016/17",
                "",
                "Extended for winter.",
            ]),
            row(&["", "", "", "Extended to June 2017", "", ""]),
        ]),
    ])
}

#[test]
fn a_revised_timescale_on_a_continuation_row_is_the_due_date_and_the_first_its_baseline() {
    let dir = folder(
        "[ratings]\nscale = \"rag\"\n",
        "continued.docx",
        &continued_docx(),
    );
    let (code, _, err) = import(
        dir.path(),
        &[
            "continued.docx",
            "--id",
            "continued",
            "--as-of",
            "2016-12-31",
        ],
    );
    assert!(code <= 1, "{err}");
    let p = plan(dir.path(), "continued");

    let a1 = action(&p, "1");
    assert_eq!(text(a1, "due"), Some("March 2017"));
    assert_eq!(text(a1, "baseline_due"), Some("June 2016"));
    assert!(a1.get("milestones").is_none(), "{a1:?}");
    let u = a1["updates"].as_array().expect("updates");
    assert_eq!(u.len(), 1);
    assert_eq!(
        u[0]["text"].as_str(),
        Some("Draft out for consultation. Consultation extended to January.")
    );

    let a2 = action(&p, "2");
    assert_eq!(text(a2, "due"), Some("June 2015 (& ongoing)"));
    assert_eq!(text(a2, "baseline_due"), None);

    // a row with its own action text and a plain date stays a milestone
    let a3 = action(&p, "3");
    assert_eq!(text(a3, "due"), Some("Sept 2016"));
    let m = a3["milestones"].as_array().expect("milestones");
    assert_eq!(m[0]["title"].as_str(), Some("Evaluation report"));
    assert_eq!(m[0]["due"].as_str(), Some("March 2017"));

    // the same words inside one timescale cell
    let a4 = action(&p, "4");
    assert_eq!(text(a4, "due"), Some("September 2016"));
    assert_eq!(text(a4, "baseline_due"), Some("March 2016"));

    // revised twice: the last date is due, the first agreed one stays the baseline
    let a5 = action(&p, "5");
    assert_eq!(text(a5, "due"), Some("June 2017"));
    assert_eq!(text(a5, "baseline_due"), Some("Dec 2016"));

    for line in [
        "planlint:   row 3: joined: no id: joined action 1: its timescale \"Revised: March 2017\" made \"March 2017\" the due date (the first, \"June 2016\", kept as baseline_due); its update text was added to the update of 2016-12-31",
        "planlint:   row 5: joined: no id: joined action 2: its timescale \"(& ongoing)\" was added to the due date: \"June 2015 (& ongoing)\"",
        "planlint:   row 7: joined: no id: joined action 3: its timescale \"March 2017\" became a milestone (\"Evaluation report\")",
        "planlint:   row 10: joined: no id: joined action 5: its timescale \"New date: Q4 2016/17\" made \"Q4 2016/17\" the due date (the first, \"Dec 2016\", kept as baseline_due); its update text was added to the update of 2016-12-31",
        "planlint:   row 11: joined: no id: joined action 5: its timescale \"Extended to June 2017\" made \"June 2017\" the due date (baseline_due stays \"Dec 2016\", the first)",
        "1 milestone;",
    ] {
        assert!(err.contains(line), "missing `{line}` in:\n{err}");
    }
    // no milestone that fails to parse
    assert!(!err.contains("unparsed-timescale"), "{err}");
}

const WORDS_CSV: &str = "\
Ref,Action,Lead,Timescale,RAG,Update
1,Crisis line,CCG,March 2016,Green,Action complete.
2,Crisis house,Mind,March 2016,Green,Completed in May 2016
3,Street triage,Police,March 2016,Green,To be completed by March.
4,Crisis café,LA,March 2016,Amber,Withdrawn: see action 1.
5,Peer support,LA,March 2016,Green,This action is now complete
";

#[test]
fn completion_said_in_words_is_the_status_unless_no_infer_status() {
    let dir = folder(
        "[ratings]\nscale = \"rag\"\n",
        "words.csv",
        WORDS_CSV.as_bytes(),
    );
    let args = ["words.csv", "--id", "words", "--update-date", "2016-06-30"];
    let (code, _, err) = import(dir.path(), &args);
    // action 3 only plans completion: green and past due, an error
    assert_eq!(code, 1, "{err}");
    let p = plan(dir.path(), "words");
    for (id, want) in [
        ("1", Some("complete")),
        ("2", Some("complete")),
        ("3", None),
        ("4", Some("withdrawn")),
        ("5", Some("complete")),
    ] {
        assert_eq!(text(action(&p, id), "status"), want, "action {id}");
    }
    for line in [
        "planlint: statuses inferred (4):",
        "planlint:   line 2 (action 1): complete, because the latest update (2016-06-30) says \"complete\": Action complete.",
        "planlint:   line 3 (action 2): complete, because the latest update (2016-06-30) says \"Completed\": Completed in May 2016",
        "planlint:   line 5 (action 4): withdrawn, because the latest update (2016-06-30) says \"Withdrawn\": Withdrawn: see action 1.",
        // the withdrawn action keeps its rating as written: rag-withdrawn says so
        "planlint: check (as of 2016-06-30): 1 error, 1 warning, 0 infos (rag-green-overdue ×1, rag-withdrawn ×1)",
    ] {
        assert!(err.contains(line), "missing `{line}` in:\n{err}");
    }

    // JSON says the same
    let mut json_args = args.to_vec();
    json_args.extend(["--force", "--format", "json"]);
    let (_, out, err) = import(dir.path(), &json_args);
    let json: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
    let inferred = json["inferred"].as_array().expect("inferred");
    let got: Vec<(&str, &str)> = inferred
        .iter()
        .map(|i| {
            (
                i["action"].as_str().unwrap_or(""),
                i["status"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("1", "complete"),
            ("2", "complete"),
            ("4", "withdrawn"),
            ("5", "complete")
        ]
    );

    // --no-infer-status: no status, and the two rules agree: the finished actions are
    // rag-text-mismatch's (set the status), never also rag-green-overdue's
    let mut off = args.to_vec();
    off.extend(["--force", "--no-infer-status"]);
    let (code, _, err) = import(dir.path(), &off);
    assert_eq!(code, 1, "{err}");
    let p = plan(dir.path(), "words");
    for id in ["1", "2", "3", "4", "5"] {
        assert_eq!(text(action(&p, id), "status"), None, "action {id}");
    }
    assert!(!err.contains("statuses inferred"), "{err}");
    assert!(
        err.contains(
            "check (as of 2016-06-30): 1 error, 4 warnings, 0 infos (rag-green-overdue ×1, rag-text-mismatch ×4)"
        ),
        "{err}"
    );
    let (code, out) = check_json(dir.path());
    assert_eq!(code, 1);
    let by_action: Vec<(String, String)> = out["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| {
            matches!(
                f["rule"].as_str(),
                Some("rag-green-overdue" | "rag-text-mismatch")
            )
        })
        .map(|f| {
            (
                f["action"].as_str().unwrap_or("").to_string(),
                f["rule"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        by_action,
        [
            ("1".to_string(), "rag-text-mismatch".to_string()),
            ("2".to_string(), "rag-text-mismatch".to_string()),
            ("3".to_string(), "rag-green-overdue".to_string()),
            ("4".to_string(), "rag-text-mismatch".to_string()),
            ("5".to_string(), "rag-text-mismatch".to_string()),
        ]
    );
}

/// `check --format json` of the plan written, as of its update date.
fn check_json(dir: &Path) -> (i32, Value) {
    let out = planlint(dir)
        .args([
            "check",
            "plans/words.toml",
            "--as-of",
            "2016-06-30",
            "--format",
            "json",
        ])
        .output()
        .expect("run");
    let json = serde_json::from_slice(&out.stdout).expect("JSON");
    (out.status.code().expect("exit code"), json)
}

/// An export's CSV: code ids ("PL-WR-01"), ISO datetimes at midnight, an "Original due date"
/// beside the due date, a "Done?" column of ticks and crosses, a "B" on a RAG plan, and bodies
/// with "and" in their names.
#[test]
fn exports_codes_datetimes_baselines_ticks_and_bodies_with_and() {
    let csv = "Ref,Action,Owner,Original due date,Due date,Done?,RAG,Comments\n\
        PL-WR-01,Open the depot,Fire and Rescue Service; Police,2016-09-30T00:00:00Z,2016-12-31T00:00:00Z,✓,G,Opened.\n\
        PL-WR-02,Agree the plan,\"Principal Educational Psychologist, Assistant Director Education\",2016-09-30 00:00:00,2016-09-30 00:00:00,✗,B,Draft written.\n\
        PL-WR-03,Train the staff,Health and Wellbeing Board,,March 2017,Part,A,Half trained.\n";
    let dir = folder("[ratings]\nscale = \"rag\"\n", "export.csv", csv.as_bytes());
    let (code, _, err) = import(
        dir.path(),
        &[
            "export.csv",
            "--id",
            "export",
            "--update-date",
            "2016-12-31",
            "--as-of",
            "2016-12-31",
        ],
    );
    assert!(code < 2, "{err}");
    let text_of = std::fs::read_to_string(dir.path().join("plans/export.toml")).expect("written");
    assert!(text_of.contains("due = 2016-12-31\n"), "{text_of}");
    assert!(text_of.contains("baseline_due = 2016-09-30\n"), "{text_of}");
    let p = plan(dir.path(), "export");
    let a1 = action(&p, "PL-WR-01");
    assert_eq!(strings(a1, "leads"), ["Fire and Rescue Service", "Police"]);
    assert_eq!(text(a1, "status"), Some("complete"));
    assert_eq!(text(a1, "rag"), Some("green"));
    let a2 = action(&p, "PL-WR-02");
    assert_eq!(
        strings(a2, "leads"),
        [
            "Principal Educational Psychologist",
            "Assistant Director Education"
        ]
    );
    // the due date never moved from the original: no baseline
    assert!(a2.get("baseline_due").is_none(), "{text_of}");
    // "B" with no blue on RAG: complete, and no rating; the cross says nothing
    assert_eq!(text(a2, "status"), Some("complete"));
    assert_eq!(text(a2, "rag"), None);
    let a3 = action(&p, "PL-WR-03");
    assert_eq!(strings(a3, "leads"), ["Health and Wellbeing Board"]);
    assert_eq!(text(a3, "status"), None);
    assert_eq!(text(a3, "due"), Some("March 2017"));
    assert!(!err.contains("is not one planlint knows"), "{err}");
}
