//! `planlint export`, end to end: the shipped examples exported as a workbook, read back cell
//! by cell with calamine (and with Python's openpyxl, a reader outside Rust), imported again
//! into the same plans, and exported as CSV and from a git revision.

use crate::common;

use crate::common::planlint;
use calamine::{Data, Reader};
use planlint::plan::load::{read_plan, PlanFile};
use planlint::plan::model::Due;
use planlint::plan::rating::Scale;
use std::path::{Path, PathBuf};

const COLUMNS: [&str; 14] = [
    "Plan",
    "Section",
    "Theme",
    "ID",
    "Action",
    "Leads",
    "Partners",
    "Due",
    "Due (date)",
    "Status",
    "RAG",
    "Latest update",
    "Updated on",
    "Findings",
];

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// A copy of the shipped examples (planlint.toml and plans/) in a fresh folder.
fn examples_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
    std::fs::copy(
        examples().join("planlint.toml"),
        dir.path().join("planlint.toml"),
    )
    .expect("copy");
    for name in plan_names() {
        std::fs::copy(
            examples().join("plans").join(&name),
            dir.path().join("plans").join(&name),
        )
        .expect("copy");
    }
    dir
}

fn plan_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(examples().join("plans"))
        .expect("examples/plans")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    names
}

fn plans(dir: &Path) -> Vec<PlanFile> {
    plan_names()
        .iter()
        .map(|n| {
            let bytes = std::fs::read(dir.join("plans").join(n)).expect("plan");
            read_plan(n, &bytes).expect("a shipped example is a valid plan")
        })
        .collect()
}

fn export(dir: &Path, args: &[&str]) -> std::process::Output {
    planlint(dir)
        .arg("export")
        .args(args)
        .args(["--as-of", "2015-12-01"])
        .output()
        .expect("run")
}

fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn day(d: &Data) -> Option<chrono::NaiveDate> {
    match d {
        Data::DateTime(x) => x.as_datetime().map(|t| t.date()),
        _ => None,
    }
}

/// What one action's row must say, from the plan itself.
fn expected_row(p: &PlanFile, a: &planlint::plan::model::Action, scale: &Scale) -> Vec<String> {
    let plan = &p.plan;
    let section = a.section.as_ref().map(|s| {
        let t = plan
            .sections
            .iter()
            .find(|x| x.get_ref().id.get_ref() == s.get_ref())
            .map(|x| x.get_ref().title.get_ref().clone())
            .expect("the examples' sections exist");
        format!("{}. {t}", s.get_ref())
    });
    let rating = a.rating().map(|r| {
        let r = r.get_ref();
        match scale.resolve(r) {
            Some(x) => {
                let mut c = x.name.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
            None => r.clone(),
        }
    });
    let status = a.status().map(|s| match s.as_str() {
        "not-started" => "Not started",
        "in-progress" => "In progress",
        "complete" => "Complete",
        "withdrawn" => "Withdrawn",
        _ => "On hold",
    });
    let due = a.due.as_ref().map(|d| d.get_ref().display());
    let latest = a.latest_update();
    vec![
        plan.plan.get_ref().title.get_ref().clone(),
        section.unwrap_or_default(),
        a.theme
            .as_ref()
            .map(|t| t.get_ref().clone())
            .unwrap_or_default(),
        a.id.get_ref().clone(),
        a.title.get_ref().clone(),
        a.lead_names().collect::<Vec<_>>().join("\n"),
        a.partners
            .iter()
            .map(|p| p.get_ref().as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        due.unwrap_or_default(),
        String::new(), // a date, checked apart
        status.unwrap_or_default().to_string(),
        rating.unwrap_or_default(),
        latest.map(|u| u.text.get_ref().clone()).unwrap_or_default(),
    ]
}

#[test]
fn the_workbook_reads_back_cell_by_cell() {
    let dir = examples_copy();
    let out = export(dir.path(), &["--format", "xlsx", "-o", "board.xlsx"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    let plans = plans(dir.path());
    let total: usize = plans.iter().map(|p| p.plan.actions.len()).sum();
    assert!(
        err.contains(&format!(
            "planlint: note: wrote board.xlsx ({total} actions of 4 plans)"
        )),
        "{err}"
    );

    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook(dir.path().join("board.xlsx")).expect("xlsx");
    let mut sheets = vec!["All actions".to_string()];
    sheets.extend(plans.iter().map(|p| p.plan.id().to_string()));
    // the round trip's sheets follow the tracker's (roundtrip_cli reads them back)
    let mut all = sheets.clone();
    all.extend(planlint::convert::roundtrip::SHEETS.map(str::to_string));
    assert_eq!(wb.sheet_names(), all);
    let scale = Scale::preset("rag").expect("rag");
    let mut all_rows = 0;
    for (i, name) in sheets.iter().enumerate() {
        let range = wb.worksheet_range(name).expect("sheet");
        let rows: Vec<&[Data]> = range.rows().collect();
        let header: Vec<String> = rows[0].iter().map(text).collect();
        assert_eq!(header, COLUMNS, "{name}");
        let own: Vec<&PlanFile> = if i == 0 {
            plans.iter().collect()
        } else {
            vec![&plans[i - 1]]
        };
        let actions: Vec<(&PlanFile, &planlint::plan::model::Action)> = own
            .iter()
            .flat_map(|p| p.plan.actions.iter().map(move |a| (*p, a.get_ref())))
            .collect();
        assert_eq!(rows.len() - 1, actions.len(), "{name}: one row per action");
        for (r, (p, a)) in rows[1..].iter().zip(&actions) {
            let want = expected_row(p, a, &scale);
            for (c, w) in want.iter().enumerate() {
                if c == 8 {
                    continue;
                }
                assert_eq!(
                    &text(&r[c]),
                    w,
                    "{name}: action {} column {}",
                    a.id.get_ref(),
                    COLUMNS[c]
                );
            }
            // dates are real Excel dates
            let due = a.due.as_ref().and_then(|d| d.get_ref().due_date());
            assert_eq!(
                day(&r[8]),
                due,
                "{name}: action {} Due (date)",
                a.id.get_ref()
            );
            let updated = a.latest_update().map(|u| u.date.get_ref().0);
            assert_eq!(
                day(&r[12]),
                updated,
                "{name}: action {} Updated on",
                a.id.get_ref()
            );
        }
        all_rows += rows.len() - 1;
    }
    assert_eq!(all_rows, 2 * total);

    // the Findings column carries the check's findings for the action
    let range = wb
        .worksheet_range("pan-lancashire-crisis-care")
        .expect("sheet");
    let row = range
        .rows()
        .find(|r| text(&r[3]) == "1.7")
        .expect("action 1.7");
    assert_eq!(text(&row[10]), "yellow");
    assert!(
        text(&row[13]).contains("error rag-unknown: "),
        "{}",
        text(&row[13])
    );
}

/// The fields a workbook carries, for plans compared as parsed data.
#[derive(Debug, PartialEq)]
struct Carried {
    id: String,
    title: String,
    sections: Vec<(String, String)>,
    actions: Vec<Vec<String>>,
}

fn carried(p: &PlanFile, scale: &Scale) -> Carried {
    let plan = &p.plan;
    let used: Vec<&String> = plan
        .actions
        .iter()
        .filter_map(|a| a.get_ref().section.as_ref().map(|s| s.get_ref()))
        .collect();
    Carried {
        id: plan.id().to_string(),
        title: plan.plan.get_ref().title.get_ref().clone(),
        sections: plan
            .sections
            .iter()
            .map(|s| s.get_ref())
            .filter(|s| used.contains(&s.id.get_ref()))
            .map(|s| (s.id.get_ref().clone(), s.title.get_ref().clone()))
            .collect(),
        actions: plan
            .actions
            .iter()
            .map(|a| {
                let a = a.get_ref();
                let latest = a.latest_update();
                vec![
                    a.id.get_ref().clone(),
                    format!("{:?}", a.section.as_ref().map(|s| s.get_ref())),
                    format!("{:?}", a.theme.as_ref().map(|s| s.get_ref())),
                    a.title.get_ref().clone(),
                    format!("{:?}", a.lead_names().collect::<Vec<_>>()),
                    format!(
                        "{:?}",
                        a.partners.iter().map(|s| s.get_ref()).collect::<Vec<_>>()
                    ),
                    format!(
                        "{:?}",
                        a.due.as_ref().map(|d| match d.get_ref() {
                            Due::Date(d) => format!("date {d}"),
                            Due::Text(t) => format!("text {t}"),
                        })
                    ),
                    format!("{:?}", a.status()),
                    format!(
                        "{:?}",
                        a.rating().map(|r| scale
                            .resolve(r.get_ref())
                            .map_or(r.get_ref().clone(), |x| x.name.to_string()))
                    ),
                    format!(
                        "{:?}",
                        latest.map(|u| (u.date.get_ref().0, u.text.get_ref().clone()))
                    ),
                ]
            })
            .collect(),
    }
}

#[test]
fn export_then_import_gives_back_the_same_plans() {
    let dir = examples_copy();
    let out = export(dir.path(), &["--format", "xlsx", "-o", "board.xlsx"]);
    assert_eq!(out.status.code(), Some(0));
    let scale = Scale::preset("rag").expect("rag");
    for original in plans(dir.path()) {
        let id = original.plan.id().to_string();
        let target = format!("back/{id}.toml");
        let out = planlint(dir.path())
            .args([
                "import",
                "board.xlsx",
                "--sheet",
                &id,
                "-o",
                &target,
                "--as-of",
                "2015-12-01",
            ])
            .output()
            .expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{id}: {err}");
        assert!(
            !err.contains("Findings -> ") && err.contains("Findings (not a field planlint knows"),
            "{err}"
        );
        assert!(
            err.contains("Due (date) (due is already read from \"Due\")"),
            "{err}"
        );
        assert!(err.contains("Updated on    -> update_date"), "{err}");
        let bytes = std::fs::read(dir.path().join(&target)).expect("imported");
        let back = read_plan(&target, &bytes).expect("the imported plan is valid");
        assert_eq!(carried(&back, &scale), carried(&original, &scale), "{id}");
    }
}

#[test]
fn the_all_actions_sheet_of_several_plans_asks_for_one() {
    let dir = examples_copy();
    assert_eq!(
        export(dir.path(), &["--format", "xlsx", "-o", "board.xlsx"])
            .status
            .code(),
        Some(0)
    );
    let out = planlint(dir.path())
        .args([
            "import",
            "board.xlsx",
            "--sheet",
            "All actions",
            "--as-of",
            "2015-12-01",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the Plan column names 4 plans"), "{err}");
    assert!(!dir.path().join("plans/all-actions.toml").exists());
}

#[test]
fn csv_is_utf8_with_a_bom_one_row_per_action() {
    let dir = examples_copy();
    let out = export(dir.path(), &["--format", "csv"]);
    assert_eq!(out.status.code(), Some(0));
    let bytes = out.stdout;
    assert!(bytes.starts_with(b"\xEF\xBB\xBFPlan,Section,Theme,ID,Action,Leads,Partners,Due,Due (date),Status,RAG,Latest update,Updated on,Findings\r\n"));
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("csv")).collect();
    let total: usize = plans(dir.path()).iter().map(|p| p.plan.actions.len()).sum();
    assert_eq!(rows.len(), total);
    let bexley_1 = rows
        .iter()
        .find(|r| &r[0] == "Bexley crisis care action plan" && &r[3] == "1")
        .or_else(|| {
            rows.iter()
                .find(|r| r[0].contains("Bexley") && &r[3] == "1")
        })
        .expect("Bexley action 1");
    assert_eq!(&bexley_1[7], "From Jan 2015");
    assert!(
        bexley_1[8].is_empty(),
        "an open-ended timescale has no due date"
    );
    assert!(bexley_1[1].starts_with("1. "), "{:?}", bexley_1);
}

#[test]
fn export_rev_reads_the_plans_from_git() {
    let dir = examples_copy();
    let repo = git2::Repository::init(dir.path()).expect("git init");
    let mut index = repo.index().expect("index");
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .expect("add");
    index.write().expect("write index");
    let tree = repo
        .find_tree(index.write_tree().expect("tree"))
        .expect("tree");
    let sig = git2::Signature::now("Test", "test@example.org").expect("sig");
    repo.commit(Some("HEAD"), &sig, &sig, "plans", &tree, &[])
        .expect("commit");
    // the working tree moves on; --rev HEAD exports the committed plan
    let path = dir.path().join("plans/bexley.toml");
    let text = std::fs::read_to_string(&path).expect("plan");
    assert!(text.contains("title = \"Bexley crisis care action plan\""));
    std::fs::write(
        &path,
        text.replace(
            "title = \"Bexley crisis care action plan\"",
            "title = \"Changed crisis care action plan\"",
        ),
    )
    .expect("write");
    let committed = export(dir.path(), &["--format", "csv", "--rev", "HEAD"]);
    assert_eq!(
        committed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&committed.stderr)
    );
    let now = export(dir.path(), &["--format", "csv"]);
    let committed = String::from_utf8_lossy(&committed.stdout);
    let now = String::from_utf8_lossy(&now.stdout);
    assert_ne!(committed, now);
    assert!(
        !committed.contains("Changed"),
        "--rev read the working tree"
    );

    let bad = export(dir.path(), &["--format", "csv", "--rev", "no-such-tag"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown revision `no-such-tag`"));
}

#[test]
fn a_broken_plan_is_left_out_and_said() {
    let dir = examples_copy();
    std::fs::write(
        dir.path().join("plans/broken.toml"),
        "schema_version = 1\n[plan]\nid = 3\n",
    )
    .expect("write");
    let out = export(dir.path(), &["--format", "csv", "-o", "board.csv"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("planlint: error: left out of the export: plans/broken.toml: it does not pass the schema (run `planlint check plans/broken.toml`)"),
        "{err}"
    );
    assert!(
        dir.path().join("board.csv").exists(),
        "the other plans are exported"
    );
}

/// A second reader outside Rust: openpyxl sees the frozen header, the filter, real dates and
/// the ratings' fills. Skipped (with a message) where python3 or openpyxl is missing, except
/// in CI (`CI=true`), where it must run.
#[test]
fn openpyxl_reads_the_workbook() {
    let has = std::process::Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        common::skip_unless_ci("python3 with openpyxl", "pip install openpyxl");
        return;
    }
    let dir = examples_copy();
    assert_eq!(
        export(dir.path(), &["--format", "xlsx", "-o", "board.xlsx"])
            .status
            .code(),
        Some(0)
    );
    let script = r#"
import datetime, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print("sheets", wb.sheetnames)
# the round trip's sheets come after the tracker's, which stay as they were
extra = ["Plans", "Sections", "Action fields", "Milestones", "Updates", "Comments"]
assert wb.sheetnames[-6:] == extra, wb.sheetnames
tracker = [ws for ws in wb.worksheets if ws.title not in extra]
for ws in wb["Plans"], wb["Action fields"]:
    assert ws.freeze_panes == "A2", (ws.title, ws.freeze_panes)
for ws in tracker:
    assert ws.freeze_panes == "A2", (ws.title, ws.freeze_panes)
    assert ws.auto_filter.ref == "A1:N%d" % ws.max_row, (ws.title, ws.auto_filter.ref, ws.max_row)
    head = [c.value for c in ws[1]]
    assert head[3] == "ID" and head[10] == "RAG", head
    for row in ws.iter_rows(min_row=2):
        rag, due, upd = row[10], row[8], row[12]
        # text is wrapped and at the top of its cell (the workbook's default format)
        for cell in [c for c in (row[4], row[11]) if c.value is not None]:
            assert cell.alignment.wrap_text and cell.alignment.vertical == "top", (ws.title, cell.coordinate, cell.alignment)
        if rag.value in ("Red", "Amber", "Green"):
            want = {"Red": "FFC00000", "Amber": "FFFFC000", "Green": "FF00B050"}[rag.value]
            assert rag.fill.fgColor.rgb == want, (ws.title, row[3].value, rag.value, rag.fill.fgColor.rgb)
        if due.value is not None:
            assert isinstance(due.value, datetime.datetime), (row[3].value, due.value)
            assert due.number_format == "yyyy-mm-dd", due.number_format
        if upd.value is not None:
            assert isinstance(upd.value, datetime.datetime), upd.value
print("ok", sum(ws.max_row - 1 for ws in tracker))
"#;
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            script,
            dir.path().join("board.xlsx").to_str().expect("utf-8 path"),
        ])
        .output()
        .expect("python3");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let total: usize = plans(dir.path()).iter().map(|p| p.plan.actions.len()).sum();
    assert!(stdout.contains(&format!("ok {}", 2 * total)), "{stdout}");
}

/// A plan whose text starts with what a spreadsheet takes for a formula, and with `'` and `-`.
const FORMULAS: &str = r#"schema_version = 1

[plan]
id = "formulas"
title = "=HYPERLINK(\"http://evil.example/\",\"Open the plan\")"

[[actions]]
id = "1"
title = "+cmd|' /C calc'!A0"
leads = ["@SUM(1+1)*cmd|' /C calc'!A0"]
partners = ["-2+3", "'Tis the season"]
due = 2016-03-31
status = "in-progress"
rag = "amber"

[[actions.updates]]
date = 2015-11-02
text = "- first bullet: a plan's text may start with a dash"
rag = "amber"

[[actions]]
id = "2"
title = "Count the calls"
leads = ["Mental health trust"]
due = 2016-03-31
status = "in-progress"
rag = "green"

[[actions.updates]]
date = 2015-11-02
text = "=1+1"
rag = "green"
"#;

/// Text starting with a tab or a carriage return (which import trims as any cell's blanks).
const BLANKS: &str = r#"schema_version = 1

[plan]
id = "blanks"
title = "Blanks"

[[actions]]
id = "1"
title = "\tTabbed in"
leads = ["Mental health trust"]
due = 2016-03-31
status = "in-progress"
rag = "green"

[[actions.updates]]
date = 2015-11-02
text = "\rCarriage return"
rag = "green"
"#;

#[test]
fn csv_cells_a_spreadsheet_would_run_start_with_a_quote_and_import_takes_it_off() {
    let dir = common::repo(&[
        ("plans/formulas.toml", FORMULAS),
        ("plans/blanks.toml", BLANKS),
    ]);
    let out = export(dir.path(), &["--format", "csv", "-o", "all.csv"]);
    assert_eq!(out.status.code(), Some(0));
    let bytes = std::fs::read(dir.path().join("all.csv")).expect("csv");
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("csv")).collect();
    let blanks = rows.iter().find(|r| &r[0] == "Blanks").expect("row");
    assert_eq!(&blanks[4], "'\tTabbed in");
    assert_eq!(&blanks[11], "'\rCarriage return");

    let out = export(
        dir.path(),
        &["plans/formulas.toml", "--format", "csv", "-o", "board.csv"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(dir.path().join("board.csv")).expect("csv");
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("csv")).collect();
    // OWASP: a cell starting with = + - @ TAB or CR gets a leading ', so no spreadsheet runs it
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would run: {cell:?}"
            );
        }
    }
    assert_eq!(
        &rows[0][0],
        "'=HYPERLINK(\"http://evil.example/\",\"Open the plan\")"
    );
    assert_eq!(&rows[0][4], "'+cmd|' /C calc'!A0");
    assert_eq!(&rows[0][5], "'@SUM(1+1)*cmd|' /C calc'!A0");
    assert!(
        rows[0][11].starts_with("'- first bullet"),
        "{:?}",
        &rows[0][11]
    );

    // planlint's own CSV comes back as the very text it was written from
    let out = planlint(dir.path())
        .args([
            "import",
            "board.csv",
            "-o",
            "back.toml",
            "--id",
            "formulas",
            "--as-of",
            "2015-12-01",
        ])
        .output()
        .expect("run");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let back = read_plan(
        "back.toml",
        &std::fs::read(dir.path().join("back.toml")).expect("imported"),
    )
    .expect("valid");
    let original = read_plan("formulas.toml", FORMULAS.as_bytes()).expect("valid");
    let scale = Scale::preset("rag").expect("rag");
    assert_eq!(carried(&back, &scale), carried(&original, &scale));
}

#[test]
fn the_check_command_for_a_plan_left_out_pastes_back_as_its_file() {
    let dir = examples_copy();
    std::fs::write(
        dir.path().join("plans/it's $(broken).toml"),
        "schema_version = 1\n[plan]\nid = 3\n",
    )
    .expect("write");
    let out = export(dir.path(), &["--format", "csv", "-o", "board.csv"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(r"(run `planlint check 'plans/it'\''s $(broken).toml'`)"),
        "{err}"
    );
}

#[test]
fn export_output_never_replaces_a_tracked_file_without_force() {
    let dir = examples_copy();
    let repo = git2::Repository::init(dir.path()).expect("git init");
    std::fs::write(dir.path().join("board.csv"), "kept\n").expect("write");
    let mut index = repo.index().expect("index");
    index.add_path(Path::new("board.csv")).expect("add");
    index.write().expect("write index");
    // uncommitted edits in a tracked file, and a plan file: neither is replaced
    std::fs::write(dir.path().join("board.csv"), "kept, and edited\n").expect("write");
    for (target, what) in [
        ("board.csv", "a file git tracks"),
        ("plans/bexley.toml", "a plan file"),
    ] {
        let before = std::fs::read(dir.path().join(target)).expect("file");
        let out = export(dir.path(), &["--format", "csv", "-o", target]);
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
    let out = export(
        dir.path(),
        &["--format", "csv", "-o", "board.csv", "--force"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read(dir.path().join("board.csv"))
        .expect("csv")
        .starts_with(b"\xEF\xBB\xBFPlan,"));
}

/// On a terminal (util-linux `script` gives the command one), an xlsx export without a file is
/// refused rather than written to the screen as a zip. Skipped where `script` is missing.
#[test]
fn an_xlsx_export_to_a_terminal_is_refused() {
    let dir = examples_copy();
    let exe = env!("CARGO_BIN_EXE_planlint");
    for args in ["export --format xlsx", "export --format xlsx -o -"] {
        let Ok(out) = std::process::Command::new("script")
            .current_dir(dir.path())
            .args(["-qec", &format!("'{exe}' {args}"), "/dev/null"])
            .env("NO_COLOR", "1")
            .output()
        else {
            eprintln!("skipped: no `script` to give planlint a terminal");
            return;
        };
        let seen = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(2), "{args}: {seen}");
        assert!(
            seen.contains("an xlsx workbook is not text: write it to a file with -o FILE"),
            "{args}: {seen}"
        );
        assert!(
            !seen.contains("PK\u{3}\u{4}"),
            "{args}: a zip on the screen"
        );
    }
}

#[test]
fn a_temporary_folder_that_takes_no_file_is_a_message_not_a_panic() {
    // the workbook writer keeps each sheet in a temporary file (and would panic without one)
    let dir = examples_copy();
    for args in [
        &["--format", "xlsx", "-o", "board.xlsx"][..],
        &["--for-update", "-o", "up.xlsx"][..],
    ] {
        let out = planlint(dir.path())
            .arg("export")
            .args(args)
            .args(["--as-of", "2015-12-01"])
            .env("TMPDIR", dir.path().join("no-such-folder"))
            .output()
            .expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains("cannot write the workbook: the temporary folder")
                && err.contains("takes no file"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        assert!(!dir.path().join("board.xlsx").exists());
    }
}

/// Every sheet's cells, by sheet name, as text.
fn cells(book: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(book).expect("a workbook");
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).expect("a sheet");
            let rows = range.rows().map(|r| r.iter().map(text).collect()).collect();
            (name, rows)
        })
        .collect()
}

/// The workbook goes into the output file as it is saved: the same workbook as on standard
/// output, nothing else left beside it, and an export that fails leaves the old file as it was.
#[test]
fn the_workbook_saved_into_the_file_is_the_one_on_standard_output() {
    let dir = examples_copy();
    let to_file = export(dir.path(), &["--format", "xlsx", "-o", "board.xlsx"]);
    assert_eq!(to_file.status.code(), Some(0), "{to_file:?}");
    let to_stdout = export(dir.path(), &["--format", "xlsx"]);
    assert_eq!(to_stdout.status.code(), Some(0));
    std::fs::write(dir.path().join("piped.xlsx"), &to_stdout.stdout).expect("write");
    let (file, piped) = (
        cells(&dir.path().join("board.xlsx")),
        cells(&dir.path().join("piped.xlsx")),
    );
    // "All actions", a sheet a plan, the round trip's six
    assert_eq!(
        file.len(),
        1 + 4 + 6,
        "{:?}",
        file.iter().map(|s| &s.0).collect::<Vec<_>>()
    );
    assert_eq!(file, piped);
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["board.xlsx", "piped.xlsx", "planlint.toml", "plans"]);

    // no plan passes the schema: nothing to export, and board.xlsx untouched
    let before = std::fs::read(dir.path().join("board.xlsx")).expect("read");
    for name in plan_names() {
        std::fs::write(dir.path().join("plans").join(name), "schema_version = 1\n").expect("write");
    }
    let failed = export(dir.path(), &["--format", "xlsx", "-o", "board.xlsx"]);
    assert_eq!(failed.status.code(), Some(2));
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(err.contains("no plan could be exported"), "{err}");
    assert_eq!(
        std::fs::read(dir.path().join("board.xlsx")).expect("read"),
        before
    );
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 4);
}

/// A cell cut to Excel's limit is said once, with its plan's file (the plan's sheet and "All
/// actions" hold the same cell); a plan named outside the plans' folders is never written over
/// by its own export; a missing output folder is said as such.
#[test]
fn a_cut_cell_is_said_once_and_a_named_plan_is_not_written_over() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
    std::fs::write(dir.path().join("planlint.toml"), "").expect("config");
    let plan = format!(
        "schema_version = 1\n\n[plan]\nid = \"long\"\ntitle = \"Long\"\nowner = \"Board\"\nupdated = 2015-11-30\n\n\
         [[actions]]\nid = \"1\"\ntitle = \"{}\"\nleads = [\"Head of Service\"]\ndue = \"June 2015\"\nstatus = \"in-progress\"\nrag = \"amber\"\n",
        "x".repeat(40_000)
    );
    std::fs::write(dir.path().join("plans/long.toml"), &plan).expect("write");
    let out = export(dir.path(), &["--format", "xlsx", "-o", "board.xlsx"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    let cut: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("\"Action\" text is longer"))
        .collect();
    assert_eq!(
        cut,
        ["planlint: warning: plans/long.toml: action 1: its \"Action\" text is longer than Excel's 32767 characters and was cut in the workbook"],
        "{err}"
    );

    std::fs::write(dir.path().join("other.toml"), &plan).expect("write");
    for format in ["csv", "xlsx"] {
        let out = export(
            dir.path(),
            &["--format", format, "other.toml", "-o", "other.toml"],
        );
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("other.toml is a TOML file (a plan or a configuration)"),
            "{err}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("other.toml")).expect("read"),
            plan
        );
    }

    let out = export(
        dir.path(),
        &["--format", "xlsx", "-o", "nowhere/board.xlsx"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("planlint: error: nowhere/board.xlsx: the folder nowhere does not exist"),
        "{err}"
    );
    assert!(!err.contains(".planlint-"), "{err}");
    // a file where the folder should be is said as such
    std::fs::write(dir.path().join("notes.txt"), "kept").expect("write");
    let out = export(
        dir.path(),
        &["--format", "csv", "-o", "notes.txt/board.csv"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("planlint: error: notes.txt/board.csv: notes.txt is not a folder"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).expect("kept"),
        "kept"
    );
}
