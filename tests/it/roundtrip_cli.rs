//! The round trip that loses nothing (issue 23): `export --format xlsx` then `import` of the
//! workbook gives back every plan, equal field by field and, after `planlint fmt`, byte for
//! byte: the shipped examples (comments and all), and generated plans of every field (a
//! property test). The import writes each plan back to its file, all or none, and never over
//! an existing file without `--force`.

use crate::common::planlint;
use planlint::convert::roundtrip::same_plan;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// A folder with the examples' planlint.toml and the given plan files, formatted by `fmt`.
fn folder(plans: &[(String, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        examples().join("planlint.toml"),
        dir.path().join("planlint.toml"),
    )
    .expect("copy");
    std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
    for (name, text) in plans {
        std::fs::write(dir.path().join("plans").join(name), text).expect("write");
    }
    if plans.is_empty() {
        return dir;
    }
    let out = planlint(dir.path()).arg("fmt").output().expect("fmt");
    assert!(
        out.status.code() == Some(0),
        "fmt: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// An empty folder with the examples' planlint.toml, to import into.
fn empty() -> tempfile::TempDir {
    folder(&[])
}

fn plan_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
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

fn export(dir: &Path) -> PathBuf {
    let out = planlint(dir)
        .args(["export", "--format", "xlsx", "-o", "all.xlsx"])
        .args(["--as-of", "2015-12-10"])
        .output()
        .expect("export");
    assert_eq!(
        out.status.code(),
        Some(0),
        "export: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join("all.xlsx")
}

fn import(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = planlint(dir)
        .arg("import")
        .args(args)
        .args(["--as-of", "2015-12-10"])
        .output()
        .expect("import");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The plans of `from` exported, and imported into a fresh folder: the same files, byte for
/// byte, and the same plans field by field.
fn round_trip(from: &Path) -> Result<(), String> {
    let book = export(from);
    let to = empty();
    let (code, out, err) = import(to.path(), &[book.to_str().expect("utf-8")]);
    if !matches!(code, Some(0 | 1)) {
        return Err(format!("import exited {code:?}: {out}{err}"));
    }
    let (was, now) = (plan_files(from), plan_files(to.path()));
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    if names(&was) != names(&now) {
        return Err(format!(
            "files {:?} came back as {:?}",
            names(&was),
            names(&now)
        ));
    }
    for ((name, a), (_, b)) in was.iter().zip(&now) {
        let (a_text, b_text) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
        let pa = planlint::plan::load::read_plan(name, a).map_err(|e| e.to_string())?;
        let pb = planlint::plan::load::read_plan(name, b)
            .map_err(|e| format!("{name} read back: {e}"))?;
        if !same_plan(&pa.plan, &pb.plan) {
            return Err(format!(
                "{name}: the plans differ\n--- was\n{a_text}\n--- now\n{b_text}"
            ));
        }
        if a != b {
            return Err(format!(
                "{name}: the bytes differ\n--- was\n{a_text}\n--- now\n{b_text}"
            ));
        }
    }
    Ok(())
}

#[test]
fn every_example_plan_comes_back_byte_identical_after_fmt() {
    let plans: Vec<(String, String)> = std::fs::read_dir(examples().join("plans"))
        .expect("plans")
        .map(|e| {
            let e = e.expect("entry");
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).expect("read"),
            )
        })
        .collect();
    assert_eq!(plans.len(), 4);
    let dir = folder(&plans);
    round_trip(dir.path()).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn importing_the_workbook_refuses_to_replace_a_plan_and_one_plan_can_be_chosen() {
    let plans: Vec<(String, String)> = ["bexley.toml", "nottinghamshire.toml"]
        .iter()
        .map(|n| {
            (
                n.to_string(),
                std::fs::read_to_string(examples().join("plans").join(n)).expect("read"),
            )
        })
        .collect();
    let dir = folder(&plans);
    let book = export(dir.path());
    let book = book.to_str().expect("utf-8");
    let before = plan_files(dir.path());
    // back into the folder it came from: refused, every plan as it was
    let (code, _, err) = import(dir.path(), &[book]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("plans/bexley.toml already exists: pass --force to replace it"),
        "{err}"
    );
    assert!(plan_files(dir.path()) == before);
    // -o names one file: with two plans it needs --id
    let (code, _, err) = import(dir.path(), &[book, "-o", "-"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("the workbook holds 2 plans (bexley-crisis-care, nottinghamshire-crisis-care): -o names one file"), "{err}");
    let (code, out, err) = import(dir.path(), &[book, "--id", "bexley-crisis-care", "-o", "-"]);
    assert!(matches!(code, Some(0 | 1)), "{err}");
    assert_eq!(out.as_bytes(), before[0].1.as_slice());
    let (code, _, err) = import(dir.path(), &[book, "--id", "nope"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("the workbook holds no plan `nope`"), "{err}");
    // --force writes them back, the same bytes
    let (code, _, err) = import(dir.path(), &[book, "--force"]);
    assert!(matches!(code, Some(0 | 1)), "{err}");
    assert!(plan_files(dir.path()) == before);
}

/// The workbook `book` copied to `to` with the given cells (sheet, row, column, text; rows
/// and columns from 0) set, over the exported value or past the last row.
fn rewrite(book: &Path, to: &Path, cells: &[(&str, u32, u16, &str)]) {
    rewrite_files(book, to, cells, None);
}

/// `rewrite`, and every cell reading `rename.0` (a plan's File, on every sheet) reading
/// `rename.1`.
fn rewrite_files(
    book: &Path,
    to: &Path,
    cells: &[(&str, u32, u16, &str)],
    rename: Option<(&str, &str)>,
) {
    use calamine::{DataType, Reader};
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(book).expect("open");
    let mut out = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).expect("sheet");
        let ws = out.add_worksheet().set_name(&name).expect("name");
        for (r, c, v) in range.used_cells() {
            let (r, c) = (r as u32, c as u16);
            if cells.iter().any(|e| e.0 == name && e.1 == r && e.2 == c) {
                continue;
            }
            if let calamine::Data::DateTime(d) = v {
                let x =
                    rust_xlsxwriter::ExcelDateTime::from_serial_datetime(d.as_f64()).expect("date");
                ws.write_datetime_with_format(r, c, &x, &date)
                    .expect("write");
            } else if matches!(v, calamine::Data::Float(_) | calamine::Data::Int(_)) {
                ws.write_number(r, c, v.as_f64().unwrap_or(0.0))
                    .expect("write");
            } else {
                let text = v.to_string();
                let text = match rename {
                    Some((from, new)) if text == from => new.to_string(),
                    _ => text,
                };
                ws.write_string(r, c, text).expect("write");
            }
        }
        for (_, r, c, text) in cells.iter().filter(|e| e.0 == name) {
            ws.write_string(*r, *c, *text).expect("write");
        }
    }
    out.save(to).expect("save");
}

/// The two plans' folder (bexley and nottinghamshire), exported: (folder, workbook).
fn two_plans() -> (tempfile::TempDir, PathBuf) {
    let plans: Vec<(String, String)> = ["bexley.toml", "nottinghamshire.toml"]
        .iter()
        .map(|n| {
            (
                n.to_string(),
                std::fs::read_to_string(examples().join("plans").join(n)).expect("read"),
            )
        })
        .collect();
    let dir = folder(&plans);
    let book = export(dir.path());
    (dir, book)
}

#[test]
fn a_comment_cell_that_is_not_only_comments_is_refused() {
    let (dir, book) = two_plans();
    let bad = dir.path().join("bad.xlsx");
    // a new Comments row for bexley's end of file, holding an action
    let rows = {
        use calamine::Reader;
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&book).expect("open");
        wb.worksheet_range("Comments").expect("sheet").height() as u32
    };
    let injected = "# fine\n[[actions]]\nid = \"999\"\ntitle = \"Injected\"\n";
    rewrite(
        &book,
        &bad,
        &[
            ("Comments", rows, 0, "plans/bexley.toml"),
            ("Comments", rows, 1, ""),
            ("Comments", rows, 2, "end of file"),
            ("Comments", rows, 3, injected),
        ],
    );
    let to = empty();
    let (code, _, err) = import(to.path(), &[bad.to_str().expect("utf-8")]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "sheet \"Comments\", row {}, column Text",
            rows + 1
        )) && err.contains("line 2 is not one"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!to.path().join("plans/bexley.toml").exists());
}

#[test]
fn a_hostile_file_name_in_the_workbook_stays_under_plans() {
    // the Plans sheet's File cell is the workbook's word: a path out of the folder is not
    // followed, the plan goes to plans/<id>.toml
    let dir = folder(&[(
        "p.toml".to_string(),
        "schema_version = 1\n\n[plan]\nid = \"p\"\ntitle = \"Plan\"\n".to_string(),
    )]);
    let book = export(dir.path());
    let hostile = dir.path().join("hostile.xlsx");
    rewrite(&book, &hostile, &[("Plans", 1, 0, "../../escape.toml")]);
    let to = empty();
    let (code, _, err) = import(to.path(), &[hostile.to_str().expect("utf-8")]);
    assert!(matches!(code, Some(0 | 1)), "{err}");
    assert!(to.path().join("plans/p.toml").exists(), "{err}");
    assert!(!to.path().join("../escape.toml").exists());
    assert!(!to.path().join("escape.toml").exists());
}

// ---------------------------------------------------------------------------------------------
// Generated plans
// ---------------------------------------------------------------------------------------------

/// A TOML basic string (JSON's escapes are TOML's).
fn q(s: &str) -> String {
    serde_json::to_string(s).expect("json")
}

fn list(items: &[String]) -> String {
    format!(
        "[{}]",
        items.iter().map(|i| q(i)).collect::<Vec<_>>().join(", ")
    )
}

/// Text as plans hold it: words, punctuation a spreadsheet or TOML cares about, other
/// scripts, line breaks; never only blanks.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 #'\"\\[\\]=+@,.;:()é€–\n-]{1,40}"
        .prop_filter("not blank", |s| !s.trim().is_empty() && s.trim() == s)
}

fn one_line() -> impl Strategy<Value = String> {
    text().prop_map(|s| s.replace('\n', " "))
}

fn date() -> impl Strategy<Value = String> {
    (0u32..2000).prop_map(|d| {
        (chrono::NaiveDate::from_ymd_opt(2014, 1, 1).expect("date")
            + chrono::Duration::days(i64::from(d)))
        .to_string()
    })
}

fn due() -> impl Strategy<Value = String> {
    prop_oneof![
        date(),
        prop::sample::select(vec![
            "\"March 2016\"",
            "\"Q3 2015/16\"",
            "\"Ongoing\"",
            "\"2015/16\""
        ])
        .prop_map(str::to_string),
    ]
}

fn status() -> impl Strategy<Value = Option<&'static str>> {
    prop::option::of(prop::sample::select(vec![
        "not-started",
        "in-progress",
        "complete",
        "withdrawn",
        "on-hold",
    ]))
}

fn rating() -> impl Strategy<Value = Option<&'static str>> {
    prop::option::of(prop::sample::select(vec![
        "red", "amber", "green", "Amber", "purple",
    ]))
}

fn texts(max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..=max)
}

#[derive(Debug, Clone)]
struct Update {
    date: String,
    text: String,
    rag: Option<&'static str>,
    status: Option<&'static str>,
    by: Option<String>,
}

#[derive(Debug, Clone)]
struct Action {
    section: bool,
    theme: Option<String>,
    title: String,
    scope: Option<String>,
    leads: Option<Vec<String>>,
    partners: Vec<String>,
    due: Option<String>,
    baseline_due: Option<String>,
    status: Option<&'static str>,
    rag: Option<&'static str>,
    outcomes: Vec<String>,
    refs: bool,
    next_steps: Option<String>,
    allow: bool,
    allow_until: Option<String>,
    milestones: Vec<(String, String, Option<&'static str>, Option<&'static str>)>,
    updates: Vec<Update>,
    comment: Option<String>,
}

#[derive(Debug, Clone)]
struct Generated {
    owner: Option<String>,
    updated: Option<String>,
    review_cycle: Option<&'static str>,
    sections: Vec<(String, Option<&'static str>, Option<String>)>,
    actions: Vec<Action>,
    allow: bool,
    top_comment: Option<String>,
}

fn update() -> impl Strategy<Value = Update> {
    (
        date(),
        text(),
        rating(),
        status(),
        prop::option::of(one_line()),
    )
        .prop_map(|(date, text, rag, status, by)| Update {
            date,
            text,
            rag,
            status,
            by,
        })
}

fn action() -> impl Strategy<Value = Action> {
    (
        (
            any::<bool>(),
            prop::option::of(one_line()),
            text(),
            prop::option::of(text()),
            prop::option::of(texts(3)),
            texts(2),
            prop::option::of(due()),
            prop::option::of(due()),
            status(),
        ),
        (
            rating(),
            texts(3),
            any::<bool>(),
            prop::option::of(text()),
            any::<bool>(),
            prop::option::of(date()),
            prop::collection::vec((one_line(), due(), status(), rating()), 0..=2),
            prop::collection::vec(update(), 0..=3),
            prop::option::of(one_line()),
        ),
    )
        .prop_map(
            |(
                (section, theme, title, scope, leads, partners, due, baseline_due, status),
                (rag, outcomes, refs, next_steps, allow, allow_until, milestones, updates, comment),
            )| Action {
                section,
                theme,
                title,
                scope,
                leads,
                partners,
                due,
                baseline_due,
                status,
                rag,
                outcomes,
                refs,
                next_steps,
                allow,
                allow_until,
                milestones,
                updates,
                comment,
            },
        )
}

fn generated() -> impl Strategy<Value = Generated> {
    (
        prop::option::of(one_line()),
        prop::option::of(date()),
        prop::option::of(prop::sample::select(vec!["quarterly", "monthly", "annual"])),
        prop::collection::vec((text(), rating(), prop::option::of(text())), 0..=3),
        prop::collection::vec(action(), 1..=5),
        any::<bool>(),
        prop::option::of(one_line()),
    )
        .prop_map(
            |(owner, updated, review_cycle, sections, actions, allow, top_comment)| Generated {
                owner,
                updated,
                review_cycle,
                sections,
                actions,
                allow,
                top_comment,
            },
        )
}

impl Generated {
    fn toml(&self, id: &str) -> String {
        let mut s = String::new();
        if let Some(c) = &self.top_comment {
            s.push_str(&format!("# {c}\n\n"));
        }
        s.push_str("schema_version = 1\n");
        if self.allow {
            s.push_str(
                "allow = [\"vague-lead\"]\nallow_reason = \"Partnership leads by agreement\"\n",
            );
        }
        s.push_str(&format!(
            "\n[plan]\nid = {}\ntitle = \"Generated {id}\"\n",
            q(id)
        ));
        if let Some(o) = &self.owner {
            s.push_str(&format!("owner = {}\n", q(o)));
        }
        if let Some(d) = &self.updated {
            s.push_str(&format!("updated = {d}\n"));
        }
        if let Some(c) = self.review_cycle {
            s.push_str(&format!("review_cycle = {}\n", q(c)));
        }
        for (i, (title, rag, description)) in self.sections.iter().enumerate() {
            s.push_str(&format!(
                "\n[[sections]]\nid = \"{}\"\ntitle = {}\n",
                i + 1,
                q(title)
            ));
            if let Some(r) = rag {
                s.push_str(&format!("rag = {}\n", q(r)));
            }
            if let Some(d) = description {
                s.push_str(&format!("description = {}\n", q(d)));
            }
        }
        for (i, a) in self.actions.iter().enumerate() {
            s.push('\n');
            if let Some(c) = &a.comment {
                s.push_str(&format!("# {c}\n"));
            }
            s.push_str(&format!("[[actions]]\nid = \"{}\"\n", i + 1));
            if a.section && !self.sections.is_empty() {
                s.push_str(&format!("section = \"{}\"\n", i % self.sections.len() + 1));
            }
            if let Some(t) = &a.theme {
                s.push_str(&format!("theme = {}\n", q(t)));
            }
            s.push_str(&format!("title = {}\n", q(&a.title)));
            if let Some(t) = &a.scope {
                s.push_str(&format!("scope = {}\n", q(t)));
            }
            if let Some(l) = &a.leads {
                s.push_str(&format!("leads = {}\n", list(l)));
            }
            if !a.partners.is_empty() {
                s.push_str(&format!("partners = {}\n", list(&a.partners)));
            }
            if let Some(d) = &a.due {
                s.push_str(&format!("due = {d}\n"));
            }
            if let Some(d) = &a.baseline_due {
                s.push_str(&format!("baseline_due = {d}\n"));
            }
            if let Some(st) = a.status {
                s.push_str(&format!("status = {}\n", q(st)));
            }
            if let Some(r) = a.rag {
                s.push_str(&format!("rag = {}\n", q(r)));
            }
            if !a.outcomes.is_empty() {
                s.push_str(&format!("outcomes = {}\n", list(&a.outcomes)));
            }
            if a.refs {
                s.push_str("refs = [\"1\"]\n");
            }
            if let Some(t) = &a.next_steps {
                s.push_str(&format!("next_steps = {}\n", q(t)));
            }
            if a.allow {
                s.push_str("allow = [\"missing-lead\"]\nallow_reason = \"Lead being appointed\"\n");
                if let Some(d) = &a.allow_until {
                    s.push_str(&format!("allow_until = {d}\n"));
                }
            }
            for (title, due, status, rag) in &a.milestones {
                s.push_str(&format!(
                    "\n[[actions.milestones]]\ntitle = {}\ndue = {due}\n",
                    q(title)
                ));
                if let Some(st) = status {
                    s.push_str(&format!("status = {}\n", q(st)));
                }
                if let Some(r) = rag {
                    s.push_str(&format!("rag = {}\n", q(r)));
                }
            }
            for u in &a.updates {
                s.push_str(&format!(
                    "\n[[actions.updates]]\ndate = {}\ntext = {}\n",
                    u.date,
                    q(&u.text)
                ));
                if let Some(r) = u.rag {
                    s.push_str(&format!("rag = {}\n", q(r)));
                }
                if let Some(st) = u.status {
                    s.push_str(&format!("status = {}\n", q(st)));
                }
                if let Some(b) = &u.by {
                    s.push_str(&format!("by = {}\n", q(b)));
                }
            }
        }
        s
    }
}

fn cases() -> u32 {
    std::env::var("PLANLINT_PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(16)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Plans of every field, and the repository generator's plans: export then import gives
    /// the same plans, field by field and byte by byte after `fmt`.
    #[test]
    fn generated_plans_come_back_equal(plans in prop::collection::vec(generated(), 1..=3), n in 0usize..50, actions in 1usize..30) {
        let mut files: Vec<(String, String)> = plans
            .iter()
            .enumerate()
            .map(|(i, g)| (format!("g{i}.toml"), g.toml(&format!("g{i}"))))
            .collect();
        files.push(("testgen.toml".into(), planlint::testgen::plan(n, actions)));
        let dir = folder(&files);
        if let Err(e) = round_trip(dir.path()) {
            prop_assert!(false, "{}", e);
        }
    }
}

#[test]
fn a_file_cell_that_is_not_a_plain_plan_path_goes_to_plans_id() {
    let dir = folder(&[(
        "p.toml".to_string(),
        "schema_version = 1\n\n[plan]\nid = \"p\"\ntitle = \"Plan\"\n".to_string(),
    )]);
    let book = export(dir.path());
    let outside = tempfile::tempdir().expect("temp dir");
    for (file, why) in [
        ("other/x.toml", "is not a plan file by planlint.toml"),
        ("plans/.git/x.toml", "it is inside .git"),
        ("plans/a\u{1b}[2Jb.toml", "a control or bidi character"),
        ("plans/a\u{202e}lmot.toml", "a control or bidi character"),
        ("planlint.toml", "is not a plan file by planlint.toml"),
        ("plans/sub/x.toml", "a symbolic link"),
    ] {
        let to = empty();
        #[cfg(unix)]
        std::os::unix::fs::symlink(outside.path(), to.path().join("plans/sub")).expect("link");
        let config = std::fs::read(to.path().join("planlint.toml")).expect("read");
        let hostile = dir.path().join("hostile.xlsx");
        rewrite(&book, &hostile, &[("Plans", 1, 0, file)]);
        let (code, out, err) = import(to.path(), &[hostile.to_str().expect("utf-8"), "--force"]);
        let out = format!("{out}{err}");
        assert!(matches!(code, Some(0 | 1)), "{file}: {out}");
        assert!(to.path().join("plans/p.toml").exists(), "{file}: {out}");
        assert!(out.contains(why), "{file}: {out}");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}'),
            "{out}"
        );
        assert_eq!(
            std::fs::read(to.path().join("planlint.toml")).expect("read"),
            config
        );
        assert!(!to.path().join("other").exists() && !to.path().join("plans/.git").exists());
        assert_eq!(std::fs::read_dir(outside.path()).expect("dir").count(), 0);
    }
}

#[test]
fn duplicate_plan_ids_in_the_workbook_are_refused_and_nothing_written() {
    let (dir, book) = two_plans();
    let bad = dir.path().join("bad.xlsx");
    rewrite(&book, &bad, &[("Plans", 2, 2, "bexley-crisis-care")]);
    let to = empty();
    let (code, _, err) = import(to.path(), &[bad.to_str().expect("utf-8")]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("have the same id `bexley-crisis-care`"),
        "{err}"
    );
    assert!(plan_files(to.path()).is_empty(), "{err}");
}

#[test]
fn every_place_is_checked_before_the_first_plan_is_written() {
    let (dir, book) = two_plans();
    // the second plan's place a link to nowhere
    #[cfg(unix)]
    {
        let to = empty();
        // (a link at the File's own place sends the plan to plans/<id>.toml: a link there too)
        for name in ["nottinghamshire.toml", "nottinghamshire-crisis-care.toml"] {
            std::os::unix::fs::symlink("/nonexistent/x", to.path().join("plans").join(name))
                .expect("link");
        }
        let (code, _, err) = import(to.path(), &[book.to_str().expect("utf-8"), "--force"]);
        assert_eq!(code, Some(2), "{err}");
        assert!(
            err.contains("plans/nottinghamshire-crisis-care.toml: ")
                && err.contains("symbolic link"),
            "{err}"
        );
        assert!(err.contains("nothing was written"), "{err}");
        assert!(!to.path().join("plans/bexley.toml").exists(), "{err}");
    }
    // the second plan's name too long for the file system
    let long = format!("plans/{}.toml", "a".repeat(300));
    let bad = dir.path().join("bad.xlsx");
    rewrite_files(
        &book,
        &bad,
        &[],
        Some(("plans/nottinghamshire.toml", long.as_str())),
    );
    let to = empty();
    let (code, _, err) = import(to.path(), &[bad.to_str().expect("utf-8")]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("is too long"), "{err}");
    assert!(plan_files(to.path()).is_empty(), "{err}");
}
