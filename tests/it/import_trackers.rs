//! `planlint import`, end to end, on trackers as programme offices keep them: update cells
//! kept as a log of dated entries, one a paragraph ("23/11/2017: Awaiting data…", "12 Jan
//! 2018 – …"): each entry is an update dated as written, and such a column needs no month in
//! its header and no `--update-date` (a cell of the same column without a dated entry still
//! does); a CQC-style plan whose banner rows ("MUST DO – …") are the sections, whose "Core
//! service" column is only guessed to be a section (so it is the theme), whose "Evidence of
//! completion" is the outcomes and whose "Status: Open/Closed" is the status; an "Outcome"
//! column merged down over several actions groups them (their section).

use crate::common;
use crate::common::office::{c, docx, row, vcont, vstart, Block};
use crate::common::planlint;

fn import(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = planlint(dir)
        .arg("import")
        .args(args)
        .output()
        .expect("run");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn log_docx(third: &'static str) -> Vec<u8> {
    docx(&[
        Block::Title("Suicide prevention action plan"),
        Block::Table(vec![
            row(&["No.", "Action", "Lead", "Target date", "Progress"]),
            row(&[
                "1.",
                "Agree a pathway for men after self-harm",
                "Director of Public Health",
                "Dec 2018",
                "23/11/2017: Awaiting data from the coroner.\n10/03/2018: Draft pathway discussed\nat the steering group.",
            ]),
            row(&[
                "2.",
                "Train frontline staff",
                "CCG",
                "June 2019",
                "12 Jan 2018 - Provider identified.",
            ]),
            row(&["3.", "Review prison procedures", "Prison", "June 2019", third]),
        ]),
    ])
}

#[test]
fn each_dated_entry_of_a_progress_log_is_an_update_of_its_own() {
    let dir = common::repo(&[("planlint.toml", "")]);
    std::fs::write(
        dir.path().join("log.docx"),
        log_docx("2018-04-29 Out to tender."),
    )
    .unwrap();
    let (code, err) = import(dir.path(), &["log.docx", "--id", "log"]);
    assert!(code < 2, "no --update-date needed: {err}");
    let text = std::fs::read_to_string(dir.path().join("plans/log.toml")).expect("written");
    let plan: toml::Table = toml::from_str(&text).expect("TOML");
    let updates = |id: &str| -> Vec<(String, String)> {
        let a = plan["actions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"].as_str() == Some(id))
            .unwrap_or_else(|| panic!("no action {id}"));
        a["updates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| {
                (
                    u["date"].to_string(),
                    u["text"]
                        .as_str()
                        .unwrap()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                )
            })
            .collect()
    };
    let pair = |d: &str, t: &str| (d.to_string(), t.to_string());
    assert_eq!(
        updates("1"),
        [
            pair("2017-11-23", "Awaiting data from the coroner."),
            pair(
                "2018-03-10",
                "Draft pathway discussed at the steering group."
            ),
        ]
    );
    assert_eq!(updates("2"), [pair("2018-01-12", "Provider identified.")]);
    assert_eq!(updates("3"), [pair("2018-04-29", "Out to tender.")]);
}

#[test]
fn a_cell_of_the_log_without_a_dated_entry_still_needs_a_date() {
    let dir = common::repo(&[("planlint.toml", "")]);
    std::fs::write(dir.path().join("log.docx"), log_docx("Out to tender.")).unwrap();
    let (code, err) = import(dir.path(), &["log.docx", "--id", "log"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("the update column \"Progress\" names no month")
            && err.contains("row 4")
            && !err.contains("row 2"),
        "{err}"
    );
    assert!(!dir.path().join("plans/log.toml").exists());
    let (code, err) = import(
        dir.path(),
        &["log.docx", "--id", "log", "--update-date", "2018-06-30"],
    );
    assert!(code < 2, "{err}");
    let text = std::fs::read_to_string(dir.path().join("plans/log.toml")).expect("written");
    assert!(
        text.contains("2018-06-30") && text.contains("2017-11-23"),
        "{text}"
    );
}

#[test]
fn banner_rows_are_the_sections_and_open_closed_the_status() {
    let csv = "\
Ref,Core service,Action required,Executive lead,Completion date,Evidence of completion,Progress update (31/08/2017),Status: Open/Closed
MUST DO – actions the trust must take,,,,,,,
MD1,Urgent and emergency care,Ensure children are seen by trained staff,Chief Nurse,2017-09-30,Training records,Policy drafted.,Open
MD2,Medical care,Store medicines correctly,Medical Director,2017-07-31,Fridge audits,Audits in place.,Closed
SHOULD DO – actions the trust should take,,,,,,,
SD1,Urgent and emergency care,Reduce handover times,Chief Operating Officer,2017-12-31,Handover times reported weekly,Work started.,Open
";
    let dir = common::repo(&[("planlint.toml", "")]);
    std::fs::write(dir.path().join("qip.csv"), csv).unwrap();
    let (code, err) = import(dir.path(), &["qip.csv", "--id", "qip"]);
    assert!(code < 2, "{err}");
    assert!(
        err.contains(
            "the column \"Core service\" (read as the section, 73% sure) is the actions' theme"
        ),
        "{err}"
    );
    let text = std::fs::read_to_string(dir.path().join("plans/qip.toml")).expect("written");
    let plan: toml::Table = toml::from_str(&text).expect("TOML");
    let sections: Vec<(&str, &str)> = plan["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), s["title"].as_str().unwrap()))
        .collect();
    assert_eq!(
        sections,
        [
            ("1", "MUST DO – actions the trust must take"),
            ("2", "SHOULD DO – actions the trust should take")
        ]
    );
    let a = |id: &str| {
        plan["actions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"].as_str() == Some(id))
            .unwrap_or_else(|| panic!("no action {id}"))
            .clone()
    };
    let s = |v: &toml::Value, k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    let (md1, md2, sd1) = (a("MD1"), a("MD2"), a("SD1"));
    assert_eq!(s(&md1, "section").as_deref(), Some("1"));
    assert_eq!(s(&md2, "section").as_deref(), Some("1"));
    assert_eq!(s(&sd1, "section").as_deref(), Some("2"));
    assert_eq!(
        s(&md1, "theme").as_deref(),
        Some("Urgent and emergency care")
    );
    assert_eq!(s(&md1, "status").as_deref(), Some("in-progress"));
    assert_eq!(s(&md2, "status").as_deref(), Some("complete"));
    assert_eq!(
        md1["outcomes"].as_array().unwrap()[0].as_str(),
        Some("Training records")
    );
}

#[test]
fn an_outcome_column_merged_down_over_actions_is_their_section() {
    let bytes = docx(&[
        Block::Title("Police and crime plan tracker"),
        Block::Table(vec![
            row(&["Outcome", "Commitment", "Lead", "Milestone date"]),
            vec![
                vstart("Keeping people safe"),
                c("Fund a domestic abuse service"),
                c("OPCC"),
                c("March 2018"),
            ],
            vec![
                vcont(),
                c("Launch a cyber crime unit"),
                c("Police"),
                c("June 2018"),
            ],
            vec![
                vcont(),
                c("Review the 101 service"),
                c("Police"),
                c("July 2018"),
            ],
            vec![
                vstart("Supporting victims"),
                c("Open a victims' hub"),
                c("OPCC"),
                c("May 2018"),
            ],
            vec![
                vcont(),
                c("Train restorative justice staff"),
                c("OPCC"),
                c("June 2018"),
            ],
        ]),
    ]);
    let dir = common::repo(&[("planlint.toml", "")]);
    std::fs::write(dir.path().join("pcp.docx"), bytes).unwrap();
    let (code, err) = import(dir.path(), &["pcp.docx", "--id", "pcp"]);
    assert!(code < 2, "{err}");
    assert!(
        err.contains("Outcome") && err.contains("-> section (80% sure; its cells are merged down"),
        "{err}"
    );
    let text = std::fs::read_to_string(dir.path().join("plans/pcp.toml")).expect("written");
    let plan: toml::Table = toml::from_str(&text).expect("TOML");
    let titles: Vec<&str> = plan["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Keeping people safe", "Supporting victims"]);
    let sections: Vec<&str> = plan["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["section"].as_str().unwrap())
        .collect();
    assert_eq!(sections, ["1", "1", "1", "2", "2"]);
    assert!(!text.contains("outcomes"), "{text}");
}
