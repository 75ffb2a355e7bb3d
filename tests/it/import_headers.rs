//! `planlint import` reading the headers people really write (by meaning, with a confidence),
//! a workbook kept as a sheet per section, whole titles and the month they name, and
//! `--save-map` / `[import] map` so the next quarter's import of a layout needs no flags. The
//! real binary, on files made here.

use crate::common;
use crate::common::office::{docx, row, Block};
use crate::common::planlint;
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use std::path::Path;

const CONFIG: &str = "# the board's settings\n[ratings]\nscale = \"rag\"  # red, amber, green\n";

fn folder(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = common::repo(&[("planlint.toml", CONFIG)]);
    std::fs::write(dir.path().join(name), bytes).expect("fixture");
    dir
}

/// Runs `import ARGS…`; returns (exit code, stdout, stderr).
fn import(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = planlint(dir)
        .arg("import")
        .args(args)
        .args(["--as-of", "2017-01-15"])
        .output()
        .expect("run");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn plan(dir: &Path, path: &str) -> toml::Value {
    let text = std::fs::read_to_string(dir.join(path)).expect("plan written");
    toml::from_str(&text).expect("the plan is TOML")
}

fn has_all(text: &str, parts: &[&str]) {
    for p in parts {
        assert!(text.contains(p), "missing `{p}` in:\n{text}");
    }
}

fn put(ws: &mut Worksheet, r: u32, cells: &[&str]) {
    for (c, t) in cells.iter().enumerate() {
        if !t.is_empty() {
            ws.write_string(r, c as u16, *t).expect("write");
        }
    }
}

const HEADER: [&str; 7] = [
    "Ref",
    "Action",
    "Owner",
    "Deadline",
    "Progress update Dec 2016",
    "Comments",
    "RAG",
];

const LONG_TITLE: &str = "Westford and District Mental Health Crisis Care Concordat: Joint Action Plan 2016 to 2018 (Partnership Board version)";

/// A cover sheet with the plan's title, then a sheet per section: the first with a banner, a
/// blank row and the header, the second with only the header (its name is its section).
fn sheets() -> Vec<u8> {
    let mut wb = Workbook::new();
    let cover = wb.add_worksheet().set_name("Cover").expect("name");
    put(cover, 0, &[LONG_TITLE]);
    put(cover, 2, &["One sheet for each section of the concordat."]);
    let a = wb.add_worksheet().set_name("Access").expect("name");
    a.merge_range(
        0,
        0,
        0,
        6,
        "1. Access to support before crisis",
        &Format::new(),
    )
    .expect("merge");
    put(a, 2, &HEADER);
    put(
        a,
        3,
        &[
            "1.1",
            "Open a crisis café",
            "Public Health",
            "March 2017",
            "Venue found.",
            "Opening in spring.",
            "Green",
        ],
    );
    put(
        a,
        4,
        &[
            "1.2",
            "Train practice staff",
            "CCG",
            "Q4 2016/17",
            "Trainer procured.",
            "",
            "Amber",
        ],
    );
    let u = wb.add_worksheet().set_name("Urgent care").expect("name");
    put(u, 0, &HEADER);
    put(
        u,
        1,
        &[
            "2.1",
            "Run a 24/7 crisis line",
            "Mental Health Trust",
            "June 2017",
            "Line live.",
            "",
            "Red",
        ],
    );
    wb.save_to_buffer().expect("xlsx")
}

#[test]
fn a_sheet_per_section_is_one_plan_with_sections_from_banners_and_names() {
    let dir = folder("crisis.xlsx", &sheets());
    let (code, _, err) = import(dir.path(), &["crisis.xlsx"]);
    assert_eq!(code, 0, "{err}");
    has_all(
        &err,
        &[
            "planlint: read crisis.xlsx (workbook): sheets \"Access\", \"Urgent care\", header in rows 3, 1",
            "planlint:   Owner                    -> leads",
            "planlint:   Comments                 -> update (dated 2016-12-31, like \"Progress update Dec 2016\" beside it)",
            "planlint: note: sheet \"Cover\" left out: no header row found in it",
            "(title from the banner of sheet \"Cover\")",
        ],
    );
    let p = plan(dir.path(), "plans/crisis.toml");
    // the cover's title, whole (more than 64 characters)
    assert_eq!(p["plan"]["title"].as_str(), Some(LONG_TITLE));
    let sections: Vec<(&str, &str)> = p["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .map(|s| {
            (
                s["id"].as_str().expect("id"),
                s["title"].as_str().expect("title"),
            )
        })
        .collect();
    assert_eq!(
        sections,
        [
            ("1", "Access to support before crisis"),
            ("2", "Urgent care")
        ]
    );
    let actions = p["actions"].as_array().expect("actions");
    let sec: Vec<(&str, &str)> = actions
        .iter()
        .map(|a| {
            (
                a["id"].as_str().expect("id"),
                a["section"].as_str().expect("section"),
            )
        })
        .collect();
    assert_eq!(sec, [("1.1", "1"), ("1.2", "1"), ("2.1", "2")]);
    // "Comments" beside the dated progress column belongs to the same review
    let u = &actions[0]["updates"][0];
    assert_eq!(u["date"].as_str(), None);
    assert_eq!(u["date"].to_string(), "2016-12-31");
    assert_eq!(
        u["text"].as_str(),
        Some("Venue found.\n\nOpening in spring.")
    );
    assert_eq!(actions[2]["leads"][0].as_str(), Some("Mental Health Trust"));
    assert_eq!(actions[2]["rag"].as_str(), Some("red"));
    // --sheet reads one sheet alone, its banner no section
    let (code, _, err) = import(
        dir.path(),
        &["crisis.xlsx", "--sheet", "urgent care", "-o", "one.toml"],
    );
    assert_eq!(code, 0, "{err}");
    let one = plan(dir.path(), "one.toml");
    assert_eq!(one["actions"].as_array().map(Vec::len), Some(1));
}

#[test]
fn sheets_whose_ids_clash_say_how_to_read_one() {
    let mut wb = Workbook::new();
    for name in ["2015", "2016"] {
        let ws = wb.add_worksheet().set_name(name).expect("name");
        put(ws, 0, &["Ref", "Action", "Lead"]);
        put(ws, 1, &["1", "Open a café", "CCG"]);
    }
    let dir = folder("years.xlsx", &wb.save_to_buffer().expect("xlsx"));
    let (code, _, err) = import(dir.path(), &["years.xlsx"]);
    assert_eq!(code, 2, "{err}");
    has_all(
        &err,
        &[
            "action id 1 appears twice (sheet \"2015\", row 2 and sheet \"2016\", row 2)",
            "have the same header and were read as one plan; import one with --sheet NAME",
            "nothing was written",
        ],
    );
}

/// A CSV whose headers are questions, with a footnote mark and a header in two lines.
const QUESTIONS: &str = "\
What are we going to do?,Who will lead?,\"When will it be\ncompleted?\",How will we know we have succeeded?,What progress has been made?,Timescale¹,Named lead officer,Key partner organisations
Open a crisis café,Public Health,March 2017,Fewer people in crisis at A&E,Venue found.,,Ann Smith,Mind
Train practice staff,CCG,Q4 2016/17,Every practice has a trained member,Trainer procured.,,,
";

#[test]
fn headers_written_as_questions_are_read_by_meaning() {
    let dir = folder("questions.csv", QUESTIONS.as_bytes());
    let (code, out, err) = import(
        dir.path(),
        &[
            "questions.csv",
            "--update-date",
            "2016-12-31",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    let columns: Vec<(String, Option<String>, Option<u64>)> = json["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .map(|c| {
            (
                c["header"].as_str().expect("header").to_string(),
                c["field"].as_str().map(str::to_string),
                c["confidence"].as_u64(),
            )
        })
        .collect();
    let field = |h: &str| {
        columns
            .iter()
            .find(|c| c.0 == h)
            .unwrap_or_else(|| panic!("no column {h}: {columns:?}"))
            .clone()
    };
    assert_eq!(
        field("What are we going to do?").1.as_deref(),
        Some("title")
    );
    assert_eq!(field("Who will lead?").1.as_deref(), Some("leads"));
    assert_eq!(
        field("When will it be completed?").1.as_deref(),
        Some("due")
    );
    assert_eq!(
        field("How will we know we have succeeded?").1.as_deref(),
        Some("outcomes")
    );
    assert_eq!(
        field("What progress has been made?").1.as_deref(),
        Some("update")
    );
    // every column read has a confidence: a known name 100, one among other words less
    assert_eq!(field("Who will lead?").2, Some(100));
    assert_eq!(field("When will it be completed?").2, Some(100));
    let partners = field("Key partner organisations");
    assert_eq!(
        (partners.1.as_deref(), partners.2),
        (Some("partners"), Some(80))
    );
    // the second column that reads as the due date or the leads is left out, and says why
    let timescale = field("Timescale¹");
    assert_eq!((timescale.1, timescale.2), (None, None));
    let named = field("Named lead officer");
    assert_eq!(named.1, None);
    let notes: Vec<&str> = json["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .filter_map(|c| c["note"].as_str())
        .collect();
    assert!(
        notes.contains(&"due is already read from \"When will it be completed?\""),
        "{notes:?}"
    );
    let p = plan(dir.path(), "plans/questions.toml");
    let a = &p["actions"][0];
    assert_eq!(a["id"].as_str(), Some("1"));
    assert_eq!(a["title"].as_str(), Some("Open a crisis café"));
    assert_eq!(a["leads"][0].as_str(), Some("Public Health"));
    assert_eq!(a["due"].as_str(), Some("March 2017"));
    assert_eq!(
        a["outcomes"][0].as_str(),
        Some("Fewer people in crisis at A&E")
    );
    assert_eq!(a["updates"][0]["text"].as_str(), Some("Venue found."));
    assert_eq!(a["partners"][0].as_str(), Some("Mind"));
    // the text report says how sure
    let (code, _, err) = import(
        dir.path(),
        &["questions.csv", "--update-date", "2016-12-31", "-o", "-"],
    );
    assert_eq!(code, 0, "{err}");
    has_all(
        &err,
        &[
            "planlint:   Key partner organisations           -> partners (80% sure)",
            "planlint:   Named lead officer (leads is already read from \"Who will lead?\")",
        ],
    );
}

#[test]
fn an_unsure_column_is_listed_with_its_guess_and_the_fix() {
    let csv = "Ref,Action,Lead,Officer\n1,Open a café,CCG,Ann Smith\n";
    let dir = folder("unsure.csv", csv.as_bytes());
    let (code, _, err) = import(dir.path(), &["unsure.csv"]);
    assert_eq!(code, 0, "{err}");
    has_all(
        &err,
        &["planlint:   Officer (perhaps leads (55% sure): too unsure to read it; if it is, --map 'Officer=leads')"],
    );
    // a header that is no header: what planlint guessed of the row most like one, and --map
    let csv = "Item ref.,What we will do,By,Person\n1,Do the thing,May 2016,Team\n";
    let dir = folder("odd.csv", csv.as_bytes());
    let (code, _, err) = import(dir.path(), &["odd.csv"]);
    assert_eq!(code, 2, "{err}");
    has_all(
        &err,
        &[
            "no header row recognised",
            "The row most like a header (the file, row 1) was not taken: it is not sure enough of the other columns. What planlint guessed:",
            "\"What we will do\" -> title (100% sure)",
            "\"Item ref.\" -> id (73% sure)",
            "\"Person\" -> no field",
            "Name the columns with --map",
        ],
    );
}

#[test]
fn save_map_makes_the_next_import_of_the_layout_need_no_flags() {
    let q3 = "Crisis plan\nItem ref.,What we will do,By,Person,Budget\n1,Do the thing,May 2017,Team,£5k\n2,Do more,June 2017,Board,\n";
    let dir = folder("plan.csv", q3.as_bytes());
    let (code, _, err) = import(
        dir.path(),
        &[
            "plan.csv",
            "-o",
            "first.toml",
            "--save-map",
            "--map",
            "What we will do=title",
            "--map",
            "item ref=id",
            "--map",
            "By=due",
            "--map",
            "Person=leads",
            "--map",
            "Budget=skip",
        ],
    );
    assert_eq!(code, 0, "{err}");
    has_all(
        &err,
        &["--save-map: wrote the fields of 5 columns to [import.map] in planlint.toml; the next import of this layout needs no --map"],
    );
    let config = std::fs::read_to_string(dir.path().join("planlint.toml")).expect("config");
    assert_eq!(
        config,
        format!(
            "{CONFIG}\n[import.map]\n\"Item ref.\" = \"id\"\n\"What we will do\" = \"title\"\nBy = \"due\"\nPerson = \"leads\"\nBudget = \"skip\"\n"
        )
    );
    // next quarter: the same layout in a new file, no flags, the same plan
    std::fs::create_dir(dir.path().join("q4")).expect("mkdir");
    std::fs::write(dir.path().join("q4/plan.csv"), q3).expect("write");
    let (code, _, err) = import(dir.path(), &["q4/plan.csv", "-o", "second.toml"]);
    assert_eq!(code, 0, "{err}");
    has_all(&err, &["-> title ([import] map)"]);
    let first = std::fs::read_to_string(dir.path().join("first.toml")).expect("first");
    let second = std::fs::read_to_string(dir.path().join("second.toml")).expect("second");
    assert_eq!(first, second);
    // --map on the command line wins over the saved map
    let (code, _, err) = import(
        dir.path(),
        &["plan.csv", "-o", "third.toml", "--map", "Person=partners"],
    );
    // (the actions have no lead now: missing-lead errors)
    assert_eq!(code, 1, "{err}");
    has_all(&err, &["-> partners (--map)"]);
    let third = std::fs::read_to_string(dir.path().join("third.toml")).expect("third");
    assert!(third.contains("partners = [\"Team\"]"), "{third}");
    // a layout without one of the saved columns imports, with a note
    let short = "Item ref.,What we will do,By,Person\n1,Do the thing,May 2017,Team\n";
    std::fs::write(dir.path().join("short.csv"), short).expect("write");
    let (code, _, err) = import(dir.path(), &["short.csv"]);
    assert_eq!(code, 0, "{err}");
    has_all(
        &err,
        &["note: [import] map in planlint.toml: 1 header names no column of the file (\"Budget\"); not used"],
    );
}

#[test]
fn save_map_creates_planlint_toml_and_refuses_a_link() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("plan.csv"),
        "Ref,Action,Owner\n1,Open a café,CCG\n",
    )
    .expect("write");
    let (code, _, err) = import(dir.path(), &["plan.csv", "--save-map", "-o", "-"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("planlint.toml")).expect("made"),
        "[import.map]\nRef = \"id\"\nAction = \"title\"\nOwner = \"leads\"\n"
    );
    #[cfg(unix)]
    {
        let dir = common::repo(&[("real.toml", CONFIG)]);
        std::os::unix::fs::symlink(
            dir.path().join("real.toml"),
            dir.path().join("planlint.toml"),
        )
        .expect("link");
        std::fs::write(
            dir.path().join("plan.csv"),
            "Ref,Action,Owner\n1,Open a café,CCG\n",
        )
        .expect("write");
        let (code, _, err) = import(dir.path(), &["plan.csv", "--save-map", "-o", "-"]);
        assert_eq!(code, 2, "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("real.toml")).expect("kept"),
            CONFIG
        );
        // refused before the plan is written: exit 2 leaves no plan behind (a trial found the
        // plan written and "nothing was written" said)
        let (code, _, err) = import(dir.path(), &["plan.csv", "--save-map", "-o", "out.toml"]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("nothing was written"), "{err}");
        assert!(!dir.path().join("out.toml").exists(), "{err}");
    }
}

#[test]
fn a_map_entry_naming_no_field_is_exit_2() {
    let dir = common::repo(&[(
        "planlint.toml",
        "[import]\nmap = { \"Task\" = \"titel\" }\n",
    )]);
    std::fs::write(dir.path().join("plan.csv"), "Ref,Task\n1,Open a café\n").expect("write");
    let (code, _, err) = import(dir.path(), &["plan.csv"]);
    assert_eq!(code, 2, "{err}");
    has_all(
        &err,
        &[
            "planlint.toml [import] map: \"Task\" = \"titel\": `titel` is not a field; use one of: id, title, due",
            "nothing was written",
        ],
    );
    assert!(!dir.path().join("plans").exists());
}

#[test]
fn a_month_in_the_title_dates_an_undated_update_column() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Plan").expect("name");
    put(
        ws,
        0,
        &["Eastborough crisis care plan: update December 2016"],
    );
    put(ws, 2, &["Ref", "Action", "Lead", "Progress"]);
    put(ws, 3, &["1", "Open a café", "CCG", "Venue found."]);
    let dir = folder("east.xlsx", &wb.save_to_buffer().expect("xlsx"));
    let (code, _, err) = import(dir.path(), &["east.xlsx"]);
    assert_eq!(code, 0, "{err}");
    has_all(
        &err,
        &[
            "planlint:   Progress -> update (dated 2016-12-31, from the month in the title)",
            "note: the update column \"Progress\" names no month: its updates are dated 2016-12-31, the end of the month named in the title",
        ],
    );
    let p = plan(dir.path(), "plans/east.toml");
    assert_eq!(
        p["actions"][0]["updates"][0]["date"].to_string(),
        "2016-12-31"
    );
    // with no month anywhere, no date is invented
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Plan").expect("name");
    put(ws, 0, &["Eastborough crisis care plan"]);
    put(ws, 2, &["Ref", "Action", "Lead", "Progress"]);
    put(ws, 3, &["1", "Open a café", "CCG", "Venue found."]);
    let dir = folder("plain.xlsx", &wb.save_to_buffer().expect("xlsx"));
    let (code, _, err) = import(dir.path(), &["plain.xlsx"]);
    assert_eq!(code, 2, "{err}");
    has_all(&err, &["the update column \"Progress\" names no month"]);
}

#[test]
fn a_long_title_row_is_kept_whole() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Actions").expect("name");
    ws.merge_range(0, 0, 0, 3, LONG_TITLE, &Format::new())
        .expect("merge");
    put(ws, 1, &["Ref", "Action", "Lead", "Timescale"]);
    put(ws, 2, &["1", "Open a café", "CCG", "March 2017"]);
    let dir = folder("long.xlsx", &wb.save_to_buffer().expect("xlsx"));
    let (code, _, err) = import(dir.path(), &["long.xlsx"]);
    assert_eq!(code, 0, "{err}");
    assert!(LONG_TITLE.chars().count() > 100);
    let p = plan(dir.path(), "plans/long.toml");
    assert_eq!(p["plan"]["title"].as_str(), Some(LONG_TITLE));
}

/// A Word document whose title is a Heading 1 paragraph (not the Title style), then a table
/// whose sections are numbered banner rows.
fn heading_titled_docx() -> Vec<u8> {
    let p = |text: &str, style: &str| {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let tc = |text: &str, span: usize| {
        format!(
            r#"<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#
        )
    };
    let tr = |cells: &[(&str, usize)]| {
        let cells: String = cells.iter().map(|(t, n)| tc(t, *n)).collect();
        format!("<w:tr>{cells}</w:tr>")
    };
    let body = format!(
        "{}<w:tbl>{}{}{}{}</w:tbl><w:p/>",
        p("Borough crisis care action plan 2016", "Heading1"),
        tr(&[("No.", 1), ("Action", 1), ("Lead", 1), ("Timescale", 1)]),
        tr(&[("1. Access to support", 4)]),
        tr(&[
            ("1.1", 1),
            ("Open a café", 1),
            ("CCG", 1),
            ("March 2017", 1)
        ]),
        tr(&[("2. Urgent care", 4)]),
    );
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    crate::common::office::package(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string(),
        ),
        ("word/document.xml", document),
    ])
}

#[test]
fn the_documents_title_is_not_section_ones() {
    let dir = folder("borough.docx", &heading_titled_docx());
    let (code, _, err) = import(dir.path(), &["borough.docx"]);
    assert_eq!(code, 0, "{err}");
    let p = plan(dir.path(), "plans/borough.toml");
    assert_eq!(
        p["plan"]["title"].as_str(),
        Some("Borough crisis care action plan 2016")
    );
    let titles: Vec<&str> = p["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter_map(|s| s["title"].as_str())
        .collect();
    assert_eq!(titles, ["Access to support", "Urgent care"]);
    assert!(!err.contains("is headed both"), "{err}");
    // with the Title style, the same
    let doc = docx(&[
        Block::Title("Borough crisis care action plan"),
        Block::Table(vec![
            row(&["No.", "Action", "Lead", "Timescale"]),
            row(&["1. Access to support"]),
            row(&["1.1", "Open a café", "CCG", "March 2017"]),
        ]),
    ]);
    let dir = folder("titled.docx", &doc);
    let (code, _, err) = import(dir.path(), &["titled.docx"]);
    assert_eq!(code, 0, "{err}");
    let p = plan(dir.path(), "plans/titled.toml");
    assert_eq!(
        p["sections"][0]["title"].as_str(),
        Some("Access to support")
    );
}

#[test]
fn a_sheet_of_update_rows_gives_the_actions_their_updates() {
    use rust_xlsxwriter::ExcelDateTime;
    let mut wb = Workbook::new();
    let a = wb.add_worksheet().set_name("Actions").expect("name");
    put(a, 0, &["ID", "Action", "Owner", "Deadline"]);
    put(
        a,
        1,
        &["ASC001", "Open a crisis café", "Principal OT", "March 2018"],
    );
    put(
        a,
        2,
        &["ASC002", "Train staff", "Head of Finance", "June 2018"],
    );
    let u = wb.add_worksheet().set_name("Updates").expect("name");
    put(u, 0, &["ID", "Date", "Update", "Updated by"]);
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (r, (id, (y, m, d), text)) in [
        ("ASC002", (2017, 6, 4), "Funding agreed."),
        ("ASC001", (2017, 6, 6), "Venue found."),
        ("ASC002", (2017, 9, 3), "Trainer booked."),
        ("ASC009", (2017, 9, 3), "Not in the plan."),
    ]
    .into_iter()
    .enumerate()
    {
        let r = r as u32 + 1;
        put(u, r, &[id, "", text, "Programme Manager"]);
        u.write_datetime_with_format(r, 1, ExcelDateTime::from_ymd(y, m, d).expect("d"), &date)
            .expect("date");
    }
    let dir = folder("asc.xlsx", &wb.save_to_buffer().expect("xlsx"));
    let (code, _, err) = import(dir.path(), &["asc.xlsx"]);
    assert!(code < 2, "{err}");
    has_all(
        &err,
        &[
            "note: sheet \"Updates\" read as updates: a row per update, joined to its action by id",
            "note: 3 updates read from the update rows",
            "note: update rows for actions the plan does not have were left out: ASC009",
        ],
    );
    let p = plan(dir.path(), "plans/asc.toml");
    let updates: Vec<(String, String)> = p["actions"][1]["updates"]
        .as_array()
        .expect("updates")
        .iter()
        .map(|u| {
            (
                u["date"].to_string(),
                u["text"].as_str().expect("text").to_string(),
            )
        })
        .collect();
    assert_eq!(
        updates,
        [
            ("2017-06-04".to_string(), "Funding agreed.".to_string()),
            ("2017-09-03".to_string(), "Trainer booked.".to_string())
        ]
    );
    assert_eq!(p["plan"]["updated"].to_string(), "2017-09-03");
}

#[test]
fn the_document_properties_title_when_nothing_else_names_the_plan() {
    use rust_xlsxwriter::DocProperties;
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new().set_title("Northvale Housing Action Plan 2017 & beyond"),
    );
    let ws = wb.add_worksheet().set_name("Sheet1").expect("name");
    put(ws, 0, &["Ref", "Action", "Lead", "Timescale"]);
    put(ws, 1, &["1", "Open a café", "CCG", "March 2017"]);
    let dir = folder("tracker.xlsx", &wb.save_to_buffer().expect("xlsx"));
    let (code, _, err) = import(dir.path(), &["tracker.xlsx"]);
    assert_eq!(code, 0, "{err}");
    has_all(&err, &["(title from the document properties' title)"]);
    let p = plan(dir.path(), "plans/tracker.toml");
    assert_eq!(
        p["plan"]["title"].as_str(),
        Some("Northvale Housing Action Plan 2017 & beyond")
    );
}
