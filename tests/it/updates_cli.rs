//! A cycle's updates by spreadsheet, end to end: `export --for-update` from the shipped
//! examples, filled in as a lead would (with openpyxl, and with calamine + rust_xlsxwriter for
//! the refusals, so those run without Python), and `import --updates` merging the return into
//! the plans in git. Every refusal leaves every plan byte-identical.

use crate::common::{self, git, planlint_git};
use calamine::{Data, Reader};
use std::path::{Path, PathBuf};

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// The shipped examples in a fresh git repository, committed.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
    std::fs::copy(
        examples().join("planlint.toml"),
        dir.path().join("planlint.toml"),
    )
    .expect("copy");
    for e in std::fs::read_dir(examples().join("plans")).expect("plans") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), dir.path().join("plans").join(e.file_name())).expect("copy");
    }
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-qm", "plans"]);
    dir
}

/// Every plan file's bytes, by name.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.join("plans"))
        .expect("plans")
        .map(|e| {
            let e = e.expect("entry");
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    out.sort();
    out
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = planlint_git(dir)
        .args(args)
        .args(["--as-of", "2015-12-10"])
        .output()
        .expect("run");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn export_bexley(dir: &Path) {
    let (code, _, err) = run(
        dir,
        &[
            "export",
            "--for-update",
            "--plan",
            "bexley-crisis-care",
            "-o",
            "up.xlsx",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("wrote up.xlsx (57 rows of 1 plan in 12 sheets)"),
        "{err}"
    );
}

/// A copy of a workbook with some cells replaced: (sheet, row, column (0-based), text).
/// Every sheet is kept, the hidden record included, with dates as dates.
fn edited(from: &Path, to: &Path, cells: &[(&str, u32, u16, &str)]) {
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(from).expect("open");
    let mut out = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).expect("sheet");
        let ws = out.add_worksheet().set_name(&name).expect("name");
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, v) in range.cells() {
            let (r, c) = (r as u32 + r0, (c as u32 + c0) as u16);
            match v {
                Data::DateTime(d) => {
                    let x = rust_xlsxwriter::ExcelDateTime::from_serial_datetime(d.as_f64())
                        .expect("date");
                    ws.write_datetime_with_format(r, c, &x, &date)
                        .expect("write");
                }
                Data::Empty => {}
                other => {
                    ws.write_string(r, c, other.to_string()).expect("write");
                }
            }
        }
        for (s, r, c, text) in cells {
            if *s != name {
                continue;
            }
            // "date:YYYY-MM-DD" writes a date cell
            match text
                .strip_prefix("date:")
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            {
                Some(d) => {
                    let x = rust_xlsxwriter::ExcelDateTime::parse_from_str(&d.to_string())
                        .expect("date");
                    ws.write_datetime_with_format(*r, *c, &x, &date)
                        .expect("write");
                }
                None => {
                    ws.write_string(*r, *c, *text).expect("write");
                }
            }
        }
    }
    out.save(to).expect("save");
}

/// Oxleas NHS FT's sheet: row 3 is action 10 (in progress), row 5 action 14.
const OXLEAS: &str = "Oxleas NHS FT";
const NEW_UPDATE: u16 = 8;
const RATING: u16 = 9;
const STATUS: u16 = 10;

fn refused(dir: &Path, args: &[&str], says: &[&str]) {
    let before = snapshot(dir);
    let (code, out, err) = run(dir, args);
    assert_eq!(code, Some(2), "{out}{err}");
    for s in says {
        assert!(err.contains(s), "wanted {s:?} in:\n{err}");
    }
    assert!(err.contains("no plan written"), "{err}");
    assert!(snapshot(dir) == before, "a refused return wrote a plan");
}

#[test]
fn a_lead_fills_the_workbook_with_openpyxl_and_the_plans_gain_exactly_that() {
    let has = std::process::Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        common::skip_unless_ci("python3 with openpyxl", "pip install openpyxl");
        return;
    }
    let dir = repo();
    export_bexley(dir.path());
    let before = std::fs::read_to_string(dir.path().join("plans/bexley.toml")).expect("read");
    let script = r#"
import datetime, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb["planlint"].sheet_state == "hidden"
ws = wb["Oxleas NHS FT"]
assert ws.protection.sheet
head = [c.value for c in ws[1]]
assert head == ["Plan", "ID", "Action", "Leads", "Due", "Current rating", "Current status",
    "Latest update", "New update", "Rating", "Status", "Revised due", "Updated by"], head
assert ws.cell(2, 3).protection.locked and not ws.cell(2, 9).protection.locked
lists = sorted(v.formula1 for v in ws.data_validations.dataValidation)
assert '"Red,Amber,Green"' in lists, lists
assert [ws.cell(r, 2).value for r in range(2, 7)] == ["9", "10", "12", "14", "15"]
ws.cell(3, 9).value = "Liaison cover extended to weekends."
ws.cell(3, 10).value = "Red"
ws.cell(3, 13).value = "J Smith"
ws.cell(4, 12).value = datetime.datetime(2016, 9, 30)
ws.cell(5, 9).value = "Site survey done; costs to the board in January."
ws.cell(5, 10).value = "Green"
ws.cell(6, 9).value = "Programme agreed."
wb.save(sys.argv[2])
print("filled")
"#;
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            script,
            dir.path().join("up.xlsx").to_str().expect("utf-8"),
            dir.path().join("back.xlsx").to_str().expect("utf-8"),
        ])
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (code, stdout, err) = run(
        dir.path(),
        &["import", "--updates", "back.xlsx", "--date", "2015-12-10"],
    );
    assert_eq!(code, Some(0), "{stdout}{err}");
    assert!(
        err.contains("Oxleas NHS FT: 3 updates, 2 ratings changed, 1 revised due date"),
        "{err}"
    );
    assert!(err.contains("MCCH: no return"), "{err}");
    let after = std::fs::read_to_string(dir.path().join("plans/bexley.toml")).expect("read");
    // exactly those changes, every other byte (the comments too) as it was
    let expected = before
        .replacen("updated = 2015-11-30", "updated = 2015-12-10", 1)
        .replacen(
            "due = \"From April 2015\"\nstatus = \"in-progress\"\noutcomes = [\n  \"Liaison",
            "due = \"From April 2015\"\nstatus = \"in-progress\"\nrag = \"red\"\noutcomes = [\n  \"Liaison",
            1,
        )
        .replacen(
            "by = \"Service Director, Oxleas NHS FT\"\n\n[[actions]]\nid = \"11\"",
            "by = \"Service Director, Oxleas NHS FT\"\n\n[[actions.updates]]\ndate = 2015-12-10\ntext = \"Liaison cover extended to weekends.\"\nrag = \"red\"\nby = \"J Smith\"\n\n[[actions]]\nid = \"11\"",
            1,
        )
        .replacen(
            "due = \"From Dec 2014 to March 2015\"\nstatus = \"complete\"",
            "due = 2016-09-30\nbaseline_due = \"From Dec 2014 to March 2015\"\nstatus = \"complete\"",
            1,
        )
        .replacen(
            "due = \"From Feb 2015\"\nstatus = \"in-progress\"\n",
            "due = \"From Feb 2015\"\nstatus = \"in-progress\"\nrag = \"green\"\n",
            1,
        )
        .replacen(
            "text = \"Mental health re-design under way through 2015/16.\"\nby = \"Service Director, Oxleas NHS FT\"\n",
            "text = \"Mental health re-design under way through 2015/16.\"\nby = \"Service Director, Oxleas NHS FT\"\n\n[[actions.updates]]\ndate = 2015-12-10\ntext = \"Site survey done; costs to the board in January.\"\nrag = \"green\"\n",
            1,
        )
        .replacen(
            "assessments are carried out on time.\"\nby = \"AMHP Lead, London Borough of Bexley\"\n",
            "assessments are carried out on time.\"\nby = \"AMHP Lead, London Borough of Bexley\"\n\n[[actions.updates]]\ndate = 2015-12-10\ntext = \"Programme agreed.\"\n",
            1,
        );
    assert_eq!(after, expected);
    // `planlint diff` shows them
    let out = planlint_git(dir.path())
        .args(["diff", "HEAD"])
        .output()
        .expect("run");
    let diff = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{diff}");
    assert!(diff.contains("10") && diff.contains("red"), "{diff}");
    // a second import of the same file changes nothing
    let (code, _, err) = run(
        dir.path(),
        &["import", "--updates", "back.xlsx", "--date", "2015-12-10"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("no plan changed"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("plans/bexley.toml")).expect("read"),
        expected
    );
}

#[test]
fn a_return_filled_without_python_merges_and_a_dry_run_writes_nothing() {
    let dir = repo();
    export_bexley(dir.path());
    edited(
        &dir.path().join("up.xlsx"),
        &dir.path().join("back.xlsx"),
        &[
            (OXLEAS, 2, NEW_UPDATE, "Liaison cover extended."),
            (OXLEAS, 2, RATING, "Amber"),
        ],
    );
    let before = snapshot(dir.path());
    let (code, out, err) = run(dir.path(), &["import", "--updates", "back.xlsx", "--diff"]);
    assert_eq!(code, Some(0), "{err}");
    // dated by the workbook's cycle (its --as-of when exported)
    assert!(
        out.contains("+[[actions.updates]]\n+date = 2015-12-10\n+text = \"Liaison cover extended.\"\n+rag = \"amber\""),
        "{out}"
    );
    assert!(snapshot(dir.path()) == before, "--diff wrote");
    let (code, out, _) = run(
        dir.path(),
        &["import", "--updates", "back.xlsx", "--dry-run"],
    );
    assert_eq!(code, Some(0));
    assert!(out.contains("(dry run: nothing written)"), "{out}");
    assert!(snapshot(dir.path()) == before, "--dry-run wrote");
    let (code, out, err) = run(dir.path(), &["import", "--updates", "back.xlsx"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("action 10: new update dated 2015-12-10; rag amber"),
        "{out}"
    );
    assert!(snapshot(dir.path()) != before);
}

#[test]
fn an_unknown_action_or_a_rating_off_the_scale_is_refused_by_row() {
    let dir = repo();
    std::fs::write(
        dir.path().join("back.csv"),
        "Plan,ID,New update,Rating\nbexley-crisis-care,10,Going well,Amber\nbexley-crisis-care,99,Done,Green\nbexley-crisis-care,14,Slipping,Purple\n",
    )
    .expect("write");
    refused(
        dir.path(),
        &["import", "--updates", "back.csv"],
        &[
            "back.csv, row 3: plan `bexley-crisis-care` has no action `99`",
            "back.csv, row 4: the rating `Purple` is not on the rag scale (red, amber, green)",
            "2 rows refused",
        ],
    );
}

#[test]
fn a_read_only_cell_typed_over_is_refused() {
    let dir = repo();
    export_bexley(dir.path());
    edited(
        &dir.path().join("up.xlsx"),
        &dir.path().join("back.xlsx"),
        &[
            (OXLEAS, 2, 2, "Make some use of the liaison teams"),
            (OXLEAS, 2, NEW_UPDATE, "Done"),
        ],
    );
    refused(
        dir.path(),
        &["import", "--updates", "back.xlsx", "--force"],
        &["back.xlsx, sheet Oxleas NHS FT, row 3: its read-only \"Action\" cell was changed in the spreadsheet"],
    );
}

#[test]
fn two_returns_updating_one_action_differently_are_refused() {
    let dir = repo();
    for (name, text) in [("a.csv", "Going well"), ("b.csv", "Stalled")] {
        std::fs::write(
            dir.path().join(name),
            format!("Plan,ID,New update\nbexley-crisis-care,10,{text}\n"),
        )
        .expect("write");
    }
    refused(
        dir.path(),
        &["import", "--updates", "a.csv", "b.csv"],
        &["b.csv, row 2: action `10` of plan `bexley-crisis-care` is also updated, differently, at a.csv, row 2"],
    );
}

#[test]
fn an_action_changed_in_git_since_the_export_is_refused_unless_forced() {
    let dir = repo();
    export_bexley(dir.path());
    edited(
        &dir.path().join("up.xlsx"),
        &dir.path().join("back.xlsx"),
        &[(OXLEAS, 2, NEW_UPDATE, "Going well")],
    );
    let (code, _, err) = run(
        dir.path(),
        &[
            "set",
            "10",
            "--plan",
            "bexley-crisis-care",
            "--due",
            "June 2016",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    refused(
        dir.path(),
        &["import", "--updates", "back.xlsx"],
        &["back.xlsx, sheet Oxleas NHS FT, row 3: action `10` of plan `bexley-crisis-care` changed since the workbook was made (Due \"From April 2015\" → \"June 2016\"); --force applies the row anyway"],
    );
    let (code, out, err) = run(dir.path(), &["import", "--updates", "back.xlsx", "--force"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("action 10: new update"), "{out}");
}

#[test]
fn a_status_that_is_not_one_and_a_file_that_is_not_a_return_are_refused() {
    let dir = repo();
    export_bexley(dir.path());
    edited(
        &dir.path().join("up.xlsx"),
        &dir.path().join("back.xlsx"),
        &[(OXLEAS, 2, STATUS, "Nearly there")],
    );
    refused(
        dir.path(),
        &["import", "--updates", "back.xlsx"],
        &["row 3: the status `Nearly there` is not a status"],
    );
    std::fs::write(dir.path().join("x.csv"), "a,b\n1,2\n").expect("write");
    refused(
        dir.path(),
        &["import", "--updates", "x.csv"],
        &["x.csv: no table with the columns of a return"],
    );
}

#[test]
fn a_word_table_with_the_return_columns_is_a_return_too() {
    use crate::common::office::{docx, row, Block};
    let dir = repo();
    std::fs::write(
        dir.path().join("back.docx"),
        docx(&[
            Block::P("Returns from Oxleas"),
            Block::Table(vec![
                row(&["Plan", "ID", "New update", "Rating", "Updated by"]),
                row(&[
                    "bexley-crisis-care",
                    "10",
                    "Weekend cover agreed.",
                    "Amber",
                    "J Smith",
                ]),
                row(&["bexley-crisis-care", "14", "", "", ""]),
            ]),
        ]),
    )
    .expect("write");
    let (code, out, err) = run(
        dir.path(),
        &["import", "--updates", "back.docx", "--date", "2015-12-10"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("plans/bexley.toml: action 10: new update dated 2015-12-10; rag amber"),
        "{out}"
    );
    assert!(err.contains("back: 1 update, 1 rating changed"), "{err}");
    let plan = std::fs::read_to_string(dir.path().join("plans/bexley.toml")).expect("read");
    assert!(plan.contains(
        "[[actions.updates]]\ndate = 2015-12-10\ntext = \"Weekend cover agreed.\"\nrag = \"amber\"\nby = \"J Smith\"\n"
    ));
}

#[test]
fn a_fill_cell_holding_a_formula_with_no_value_is_refused_by_row() {
    // openpyxl saves a formula with no computed value: calamine reads an empty cell, and the
    // update would be lost without a word
    let has = std::process::Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        common::skip_unless_ci("python3 with openpyxl", "pip install openpyxl");
        return;
    }
    let dir = repo();
    export_bexley(dir.path());
    let script = r#"
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Oxleas NHS FT"]
ws.cell(3, 9).value = '="Liaison cover " & "extended"'
ws.cell(5, 9).value = "Site survey done."
ws.cell(5, 10).value = "=B5"
wb.save(sys.argv[2])
"#;
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            script,
            dir.path().join("up.xlsx").to_str().expect("utf-8"),
            dir.path().join("back.xlsx").to_str().expect("utf-8"),
        ])
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    refused(
        dir.path(),
        &["import", "--updates", "back.xlsx"],
        &[
            "back.xlsx, sheet Oxleas NHS FT, row 3: its \"New update\" cell (=\"Liaison cover \" & \"extended\") holds a formula with no value saved",
            "back.xlsx, sheet Oxleas NHS FT, row 5: its \"Rating\" cell (=B5) holds a formula",
            "2 rows refused",
        ],
    );
}

#[test]
fn a_row_the_plan_already_holds_after_a_change_in_git_is_said_not_dropped() {
    let dir = repo();
    export_bexley(dir.path());
    // the lead rates action 10 red and updates action 14; meanwhile action 10 is rated red in git
    edited(
        &dir.path().join("up.xlsx"),
        &dir.path().join("back.xlsx"),
        &[
            (OXLEAS, 2, RATING, "Red"),
            (OXLEAS, 4, NEW_UPDATE, "Survey done"),
        ],
    );
    let (code, _, err) = run(
        dir.path(),
        &["set", "10", "--plan", "bexley-crisis-care", "--rag", "red"],
    );
    assert_eq!(code, Some(0), "{err}");
    let (code, out, err) = run(dir.path(), &["import", "--updates", "back.xlsx"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("action 14: new update"), "{out}");
    assert!(
        err.contains("Oxleas NHS FT: 1 update, 1 row already in the plans"),
        "{err}"
    );
    assert!(
        err.contains("back.xlsx, sheet Oxleas NHS FT, row 3: nothing to apply: plan `bexley-crisis-care` already says what the row asks of action `10` (changed since the workbook was made: Current rating \"\" → \"Red\")"),
        "{err}"
    );
}

#[test]
fn a_row_whose_action_left_the_plan_since_the_export_is_refused() {
    let dir = repo();
    export_bexley(dir.path());
    edited(
        &dir.path().join("up.xlsx"),
        &dir.path().join("back.xlsx"),
        &[(OXLEAS, 4, NEW_UPDATE, "Survey done")],
    );
    let path = dir.path().join("plans/bexley.toml");
    let text = std::fs::read_to_string(&path).expect("read");
    let start = text.find("[[actions]]\nid = \"14\"").expect("action 14");
    let end = start + 5 + text[start + 5..].find("[[actions]]").expect("next");
    std::fs::write(&path, format!("{}{}", &text[..start], &text[end..])).expect("write");
    refused(
        dir.path(),
        &["import", "--updates", "back.xlsx"],
        &["back.xlsx, sheet Oxleas NHS FT, row 5: plan `bexley-crisis-care` has no action `14`"],
    );
}

#[test]
fn a_row_for_an_action_the_sheet_did_not_show_is_refused() {
    let dir = repo();
    let (code, _, err) = run(
        dir.path(),
        &[
            "export",
            "--for-update",
            "--lead",
            "Police",
            "--plan",
            "nottinghamshire-crisis-care",
            "-o",
            "up.xlsx",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let book = dir.path().join("up.xlsx");
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&book).expect("open");
    let police = wb.worksheet_range("Police").expect("sheet");
    let shown = police.height() as u32 - 1;
    assert!(shown > 0);
    // the hidden record holds the actions shown, and only those, each with its sheet
    let meta = wb.worksheet_range("planlint").expect("meta");
    let recorded: Vec<(String, String)> = meta
        .rows()
        .filter(|r| {
            r.first()
                .is_some_and(|c| *c == Data::String("action".into()))
        })
        .map(|r| (r[1].to_string(), r[9].to_string()))
        .collect();
    assert_eq!(recorded.len() as u32, shown, "{recorded:?}");
    assert!(
        recorded
            .iter()
            .all(|(p, s)| p == "nottinghamshire-crisis-care" && s == "Police"),
        "{recorded:?}"
    );
    // a row added for another plan's action, never given to this lead
    let r = shown + 1;
    edited(
        &book,
        &dir.path().join("back.xlsx"),
        &[
            ("Police", r, 0, "bexley-crisis-care"),
            ("Police", r, 1, "3"),
            ("Police", r, NEW_UPDATE, "Done and dusted"),
        ],
    );
    refused(
        dir.path(),
        &["import", "--updates", "back.xlsx"],
        &[&format!(
            "back.xlsx, sheet Police, row {}: action `3` of plan `bexley-crisis-care` was not on this sheet when the workbook was made",
            r + 1
        )],
    );
}

#[test]
fn a_read_only_cell_typed_over_on_a_row_with_nothing_filled_is_refused() {
    let dir = repo();
    export_bexley(dir.path());
    edited(
        &dir.path().join("up.xlsx"),
        &dir.path().join("back.xlsx"),
        &[(OXLEAS, 2, 2, "Make some use of the liaison teams")],
    );
    refused(
        dir.path(),
        &["import", "--updates", "back.xlsx"],
        &["back.xlsx, sheet Oxleas NHS FT, row 3: its read-only \"Action\" cell was changed in the spreadsheet, and nothing filled in"],
    );
}

#[test]
fn a_record_from_the_future_or_of_another_format_is_refused() {
    let dir = repo();
    export_bexley(dir.path());
    let up = dir.path().join("up.xlsx");
    edited(
        &up,
        &dir.path().join("back.xlsx"),
        &[
            ("planlint", 0, 2, "date:2099-01-01"),
            (OXLEAS, 2, NEW_UPDATE, "Done"),
        ],
    );
    refused(
        dir.path(),
        &["import", "--updates", "back.xlsx"],
        &["back.xlsx: sheet planlint: the cycle date 2099-01-01 is after"],
    );
    edited(
        &up,
        &dir.path().join("back.xlsx"),
        &[("planlint", 0, 1, "2"), (OXLEAS, 2, NEW_UPDATE, "Done")],
    );
    refused(
        dir.path(),
        &["import", "--updates", "back.xlsx"],
        &["back.xlsx: sheet planlint: format version `2` is not one this planlint reads (1)"],
    );
}

#[test]
fn a_control_character_in_returned_text_is_refused_by_row() {
    let dir = repo();
    export_bexley(dir.path());
    edited(
        &dir.path().join("up.xlsx"),
        &dir.path().join("back.xlsx"),
        &[
            (OXLEAS, 2, NEW_UPDATE, "Going \u{1b}[2Jwell"),
            (OXLEAS, 4, NEW_UPDATE, "Going \u{202e}well"),
        ],
    );
    refused(
        dir.path(),
        &["import", "--updates", "back.xlsx"],
        &[
            "back.xlsx, sheet Oxleas NHS FT, row 3: its \"New update\" cell holds a control or bidi character",
            "back.xlsx, sheet Oxleas NHS FT, row 5: its \"New update\" cell holds a control or bidi character",
        ],
    );
}
