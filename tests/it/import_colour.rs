//! `planlint import` of plans that rate by colour: a Word table whose RAG column is only cell
//! shading (with a colour key), text colour alone, Excel's Good/Neutral/Bad and standard fills,
//! an OpenDocument spreadsheet's cell styles, words and colour that disagree; and workbooks
//! whose hidden sheets and drop-down list sheets are left out. Fixtures are made here, as Word,
//! Excel (rust_xlsxwriter) and LibreOffice write them; each is imported with the real binary.

use crate::common;
use crate::common::office;
use crate::common::planlint;
use std::collections::BTreeMap;
use std::path::Path;

fn folder(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = common::repo(&[("planlint.toml", "[ratings]\nscale = \"rag\"\n")]);
    std::fs::write(dir.path().join(name), bytes).expect("fixture");
    dir
}

/// Runs `import ARGS…`; returns (exit code, stdout, stderr).
fn import(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = planlint(dir)
        .arg("import")
        .args(args)
        .args(["--as-of", "2016-01-01"])
        .output()
        .expect("run");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The import's JSON report, with the plan inside it.
fn import_json(dir: &Path, file: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec![file, "-o", "-", "--format", "json"];
    args.extend(extra);
    let (code, out, err) = import(dir, &args);
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    serde_json::from_str(&out).expect("one JSON object")
}

/// Each action's rating (or "-" for none), by id.
fn ratings(report: &serde_json::Value) -> BTreeMap<String, String> {
    let text = report["plan_text"].as_str().expect("plan_text");
    let plan: toml::Value = toml::from_str(text).expect("the plan is TOML");
    plan["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| {
            (
                a["id"].as_str().expect("id").to_string(),
                a.get("rag")
                    .and_then(|r| r.as_str())
                    .unwrap_or("-")
                    .to_string(),
            )
        })
        .collect()
}

fn expect(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// The report's colours as (place, action, colour, from, rating, note) lines.
fn colours(report: &serde_json::Value) -> Vec<String> {
    report["colours"]
        .as_array()
        .expect("colours")
        .iter()
        .map(|c| {
            format!(
                "{} | {} | {} | {} | {} | {}",
                c["place"].as_str().unwrap_or(""),
                c["action"].as_str().unwrap_or("-"),
                c["colour"].as_str().unwrap_or(""),
                c["from"].as_str().unwrap_or(""),
                c["rating"].as_str().unwrap_or("-"),
                c["note"].as_str().unwrap_or("")
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Word

/// A Word cell: its text, its shading, its text colour.
struct Wc {
    text: &'static str,
    fill: Option<&'static str>,
    ink: Option<&'static str>,
}

fn w(text: &'static str) -> Wc {
    Wc {
        text,
        fill: None,
        ink: None,
    }
}

fn shaded(text: &'static str, fill: &'static str) -> Wc {
    Wc {
        fill: Some(fill),
        ..w(text)
    }
}

fn inked(text: &'static str, ink: &'static str) -> Wc {
    Wc {
        ink: Some(ink),
        ..w(text)
    }
}

/// A .docx of paragraphs (`Err`) and tables (`Ok`), as Word writes shading and text colour.
fn docx(blocks: Vec<Result<Vec<Vec<Wc>>, &str>>) -> Vec<u8> {
    let mut body = String::new();
    for b in blocks {
        match b {
            Err(p) => body.push_str(&format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>")),
            Ok(rows) => {
                body.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr>");
                for r in rows {
                    body.push_str("<w:tr>");
                    for c in r {
                        let shd = c.fill.map_or(String::new(), |f| {
                            format!(r#"<w:shd w:val="clear" w:color="auto" w:fill="{f}"/>"#)
                        });
                        let color = c
                            .ink
                            .map_or(String::new(), |i| format!(r#"<w:color w:val="{i}"/>"#));
                        body.push_str(&format!(
                            r#"<w:tc><w:tcPr><w:tcW w:w="1400" w:type="dxa"/>{shd}</w:tcPr><w:p><w:r><w:rPr><w:sz w:val="20"/>{color}</w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p></w:tc>"#,
                            c.text
                        ));
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl><w:p/>");
            }
        }
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    office::package(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string(),
        ),
        ("word/document.xml", document),
    ])
}

fn plan_header() -> Vec<Wc> {
    vec![w("No."), w("Action"), w("Led By"), w("RAG")]
}

#[test]
fn a_word_table_rated_by_shading_alone_with_a_colour_key() {
    // the key shades green in a teal the reference colours would read as nothing
    let key = vec![
        vec![shaded("", "FF0000"), w("Red = significant slippage")],
        vec![shaded("", "FFC000"), w("Amber = some risk")],
        vec![shaded("", "008B8B"), w("Green = on track")],
    ];
    let plan = vec![
        plan_header(),
        vec![
            w("1"),
            w("Open the crisis line"),
            w("CCG"),
            shaded("", "FF0000"),
        ],
        vec![
            w("2"),
            w("Train the staff"),
            w("Trust"),
            shaded("", "FFC000"),
        ],
        vec![
            w("3"),
            w("Review the pathway"),
            w("LA"),
            shaded("", "008B8B"),
        ],
        vec![w("4"), w("Publish the plan"), w("CCG"), w("")],
        vec![
            w("5"),
            w("Audit the beds"),
            w("Trust"),
            shaded("", "BFBFBF"),
        ],
    ];
    let bytes = docx(vec![
        Err("Crisis care plan"),
        Ok(key),
        Err("Key above"),
        Ok(plan),
    ]);
    let dir = folder("shaded.docx", &bytes);
    let report = import_json(dir.path(), "shaded.docx", &[]);
    assert_eq!(
        ratings(&report),
        expect(&[
            ("1", "red"),
            ("2", "amber"),
            ("3", "green"),
            ("4", "-"),
            ("5", "-")
        ])
    );
    assert_eq!(
        colours(&report),
        [
            "table 2, row 2 | 1 | #FF0000 | fill | red | rating from colour, by the document's colour key",
            "table 2, row 3 | 2 | #FFC000 | fill | amber | rating from colour, by the document's colour key",
            "table 2, row 4 | 3 | #008B8B | fill | green | rating from colour, by the document's colour key",
            "table 2, row 6 | 5 | #BFBFBF | fill | - | the colour reads as grey, which is not a rating on the scale (red, amber, green): left blank",
        ]
    );
    let notes: Vec<&str> = report["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .filter_map(|n| n.as_str())
        .collect();
    assert!(
        notes.contains(&"colour key found in table 1: #FF0000 = red, #FFC000 = amber, #008B8B = green; shaded cells near these colours are read by it"),
        "{notes:?}"
    );

    // the person's report says the same
    let (code, _, err) = import(dir.path(), &["shaded.docx", "-o", "plans/shaded.toml"]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(err.contains("planlint: colours read (4):\nplanlint:   table 2, row 2 (action 1): fill #FF0000 -> red: rating from colour, by the document's colour key\n"), "{err}");
    assert!(
        err.contains("planlint: note: colour key found in table 1: #FF0000 = red"),
        "{err}"
    );
    let plan = std::fs::read_to_string(dir.path().join("plans/shaded.toml")).expect("written");
    assert!(plan.contains("rag = \"green\""), "{plan}");

    // without the key, teal is near no rating's colour
    let plan = vec![
        plan_header(),
        vec![
            w("1"),
            w("Open the crisis line"),
            w("CCG"),
            shaded("", "008B8B"),
        ],
        vec![
            w("2"),
            w("Train the staff"),
            w("Trust"),
            shaded("", "92D050"),
        ],
    ];
    let dir = folder("nokey.docx", &docx(vec![Ok(plan)]));
    let report = import_json(dir.path(), "nokey.docx", &[]);
    assert_eq!(ratings(&report), expect(&[("1", "-"), ("2", "green")]));
    assert_eq!(
        colours(&report)[0],
        "row 2 | 1 | #008B8B | fill | - | the colour is near no rating's colour: left blank"
    );
}

#[test]
fn a_word_table_rated_by_text_colour_alone() {
    let plan = vec![
        plan_header(),
        vec![
            w("1"),
            w("Open the crisis line"),
            w("CCG"),
            inked("●", "FF0000"),
        ],
        vec![
            w("2"),
            w("Train the staff"),
            w("Trust"),
            inked("●", "E36C09"),
        ],
        vec![
            w("3"),
            w("Review the pathway"),
            w("LA"),
            inked("■", "00B050"),
        ],
        // black text is no colour; words keep their meaning
        vec![
            w("4"),
            w("Publish the plan"),
            w("CCG"),
            inked("●", "000000"),
        ],
        vec![
            w("5"),
            w("Audit the beds"),
            w("Trust"),
            inked("Green", "00B050"),
        ],
    ];
    let dir = folder("ink.docx", &docx(vec![Ok(plan)]));
    let report = import_json(dir.path(), "ink.docx", &[]);
    assert_eq!(
        ratings(&report),
        expect(&[
            ("1", "red"),
            ("2", "amber"),
            ("3", "green"),
            ("4", "●"),
            ("5", "green")
        ])
    );
    assert_eq!(
        colours(&report),
        [
            "row 2 | 1 | #FF0000 | text | red | rating from colour",
            "row 3 | 2 | #E36C09 | text | amber | rating from colour",
            "row 4 | 3 | #00B050 | text | green | rating from colour",
        ]
    );
}

#[test]
fn a_word_table_whose_unheaded_column_holds_the_colours() {
    let plan = vec![
        vec![w("No."), w("Action"), w("Led By"), w("")],
        vec![
            w("1"),
            w("Open the crisis line"),
            w("CCG"),
            shaded("", "C00000"),
        ],
        vec![
            w("2"),
            w("Train the staff"),
            w("Trust"),
            shaded("", "00B050"),
        ],
        vec![
            w("3"),
            w("Review the pathway"),
            w("LA"),
            shaded("", "FFFF00"),
        ],
    ];
    let dir = folder("unheaded.docx", &docx(vec![Ok(plan)]));
    let report = import_json(dir.path(), "unheaded.docx", &[]);
    assert_eq!(
        ratings(&report),
        expect(&[("1", "red"), ("2", "green"), ("3", "amber")])
    );
    let notes = report["notes"].to_string();
    assert!(
        notes
            .contains("table 1: column 4 has no header but holds only colours: read as the rating"),
        "{notes}"
    );
    let columns = report["columns"].to_string();
    assert!(
        columns.contains(r#""field":"rag","header":"(column 4 has no header)""#),
        "{columns}"
    );
}

// ---------------------------------------------------------------------------------------------
// Excel

fn xlsx(rows: &[(&str, &str, &str, Option<rust_xlsxwriter::Color>)]) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Plan").expect("name");
    for (c, h) in ["Ref", "Action", "RAG"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    for (r, (id, action, words, fill)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *id).expect("id");
        sheet.write_string(r, 1, *action).expect("action");
        let format = fill.map_or_else(Format::new, |f| Format::new().set_background_color(f));
        if words.is_empty() {
            sheet.write_blank(r, 2, &format).expect("blank");
        } else {
            sheet
                .write_string_with_format(r, 2, *words, &format)
                .expect("words");
        }
    }
    book.save_to_buffer().expect("xlsx")
}

#[test]
fn excel_good_neutral_and_bad_fills_and_words_that_disagree() {
    use rust_xlsxwriter::Color;
    let bytes = xlsx(&[
        ("1", "Open the crisis line", "", Some(Color::RGB(0xC6EFCE))),
        ("2", "Train the staff", "", Some(Color::RGB(0xFFEB9C))),
        ("3", "Review the pathway", "", Some(Color::RGB(0xFFC7CE))),
        ("4", "Publish the plan", "Green", Some(Color::RGB(0xFFC7CE))),
        ("5", "Audit the beds", "Amber", Some(Color::RGB(0xFFEB9C))),
        ("6", "Count the beds", "", None),
    ]);
    let dir = folder("good.xlsx", &bytes);
    let report = import_json(dir.path(), "good.xlsx", &[]);
    assert_eq!(
        ratings(&report),
        expect(&[
            ("1", "green"),
            ("2", "amber"),
            ("3", "red"),
            ("4", "green"),
            ("5", "amber"),
            ("6", "-")
        ])
    );
    assert_eq!(
        colours(&report),
        [
            "row 2 | 1 | #C6EFCE | fill | green | rating from colour",
            "row 3 | 2 | #FFEB9C | fill | amber | rating from colour",
            "row 4 | 3 | #FFC7CE | fill | red | rating from colour",
            "row 5 | 4 | #FFC7CE | fill | red | words kept: the cell says \"Green\" (green), its colour reads as red",
        ]
    );
}

#[test]
fn excel_standard_and_theme_fills() {
    use rust_xlsxwriter::Color;
    let bytes = xlsx(&[
        ("1", "Open the crisis line", "", Some(Color::RGB(0xFF0000))),
        ("2", "Train the staff", "", Some(Color::RGB(0xFFFF00))),
        ("3", "Review the pathway", "", Some(Color::RGB(0x00B050))),
        ("4", "Publish the plan", "", Some(Color::RGB(0x92D050))),
        ("5", "Audit the beds", "", Some(Color::RGB(0xFFC000))),
        // the theme's accent 3, green in the theme rust_xlsxwriter writes
        ("6", "Count the beds", "", Some(Color::Theme(6, 0))),
        ("7", "Close the ward", "", Some(Color::RGB(0xFFFFFF))),
    ]);
    let dir = folder("standard.xlsx", &bytes);
    let report = import_json(dir.path(), "standard.xlsx", &[]);
    assert_eq!(
        ratings(&report),
        expect(&[
            ("1", "red"),
            ("2", "amber"),
            ("3", "green"),
            ("4", "green"),
            ("5", "amber"),
            ("6", "green"),
            ("7", "-")
        ])
    );
}

#[test]
fn a_hidden_sheet_and_a_lists_sheet_are_left_out() {
    use rust_xlsxwriter::{DataValidation, Formula, Workbook};
    let mut book = Workbook::new();
    let write = |sheet: &mut rust_xlsxwriter::Worksheet, rows: &[&[&str]]| {
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, *v).expect("cell");
            }
        }
    };
    let plan = book.add_worksheet();
    plan.set_name("Plan").expect("name");
    write(
        plan,
        &[
            &["Ref", "Action", "RAG"],
            &["1", "Open the crisis line for the whole county", "Green"],
            &["2", "Train the staff of every ward in crisis care", "Amber"],
        ],
    );
    let list = DataValidation::new().allow_list_formula(Formula::new("=Lists!$A$1:$A$3"));
    plan.add_data_validation(1, 2, 50, 2, &list)
        .expect("validation");
    // the old quarter's plan, hidden: its header names more fields than the live one's
    let old = book.add_worksheet();
    old.set_name("Old plan").expect("name");
    write(
        old,
        &[
            &["Ref", "Action", "Lead", "Due", "RAG", "Status"],
            &[
                "1",
                "An action dropped last year",
                "CCG",
                "March 2015",
                "Red",
                "Withdrawn",
            ],
        ],
    );
    old.set_hidden(true);
    let lists = book.add_worksheet();
    lists.set_name("Lists").expect("name");
    write(lists, &[&["Red"], &["Amber"], &["Green"]]);
    let lookups = book.add_worksheet();
    lookups.set_name("Lookups").expect("name");
    write(
        lookups,
        &[&["Ref", "Action"], &["CCG", "Open"], &["Trust", "Closed"]],
    );
    let bytes = book.save_to_buffer().expect("xlsx");
    let dir = folder("sheets.xlsx", &bytes);
    let (code, _, err) = import(dir.path(), &["sheets.xlsx", "-o", "-"]);
    assert!(code == 0 || code == 1, "{err}");
    for note in [
        "note: sheet \"Old plan\" is hidden: left out (name it with --sheet to read it)\n",
        "note: sheet \"Lists\" holds the drop-down lists of sheet \"Plan\" (data validation): left out\n",
        "note: sheet \"Lookups\" holds only short lists, as its name says: left out\n",
    ] {
        assert!(err.contains(note), "{note}\nnot in:\n{err}");
    }
    assert!(err.contains(": sheet \"Plan\", header in row 1"), "{err}");
    let report = import_json(dir.path(), "sheets.xlsx", &[]);
    assert_eq!(ratings(&report), expect(&[("1", "green"), ("2", "amber")]));

    // named, the hidden sheet is read
    let report = import_json(dir.path(), "sheets.xlsx", &["--sheet", "Old plan"]);
    assert_eq!(ratings(&report), expect(&[("1", "red")]));
    assert_eq!(report["read"], "sheet \"Old plan\"");
}

// ---------------------------------------------------------------------------------------------
// OpenDocument

#[test]
fn an_opendocument_spreadsheet_rated_by_cell_styles() {
    // LibreOffice's own Good / Bad styles in styles.xml, automatic styles in content.xml, and a
    // column whose default style is amber (its cells name no style)
    let styles = r##"<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2"><office:styles>
<style:style style:name="Good" style:family="table-cell"><style:table-cell-properties fo:background-color="#ccffcc"/><style:text-properties fo:color="#006600"/></style:style>
<style:style style:name="Bad" style:family="table-cell"><style:table-cell-properties fo:background-color="#ffcccc"/><style:text-properties fo:color="#cc0000"/></style:style>
</office:styles></office:document-styles>"##;
    let cell = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let row = |cells: String| format!("<table:table-row>{cells}</table:table-row>");
    let rows = [
        row(format!("{}{}{}", cell("Ref"), cell("Action"), cell("RAG"))),
        row(format!(
            r#"{}{}<table:table-cell table:style-name="ce1"/>"#,
            cell("1"),
            cell("Open the crisis line")
        )),
        row(format!(
            r#"{}{}<table:table-cell table:style-name="ce2"/>"#,
            cell("2"),
            cell("Train the staff")
        )),
        row(format!(
            r#"{}{}<table:table-cell table:style-name="ce3"/>"#,
            cell("3"),
            cell("Review the pathway")
        )),
        row(format!(
            "{}{}<table:table-cell/>",
            cell("4"),
            cell("Publish the plan")
        )),
    ]
    .concat();
    let content = format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:automatic-styles>
<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Good"/>
<style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Bad"/>
<style:style style:name="ce3" style:family="table-cell"><style:table-cell-properties fo:background-color="#ff0000"/></style:style>
<style:style style:name="ce4" style:family="table-cell"><style:table-cell-properties fo:background-color="#ffc000"/></style:style>
</office:automatic-styles><office:body><office:spreadsheet><table:table table:name="Plan"><table:table-column table:number-columns-repeated="2"/><table:table-column table:default-cell-style-name="ce4"/>{rows}</table:table></office:spreadsheet></office:body></office:document-content>"##
    );
    let bytes = office::package(&[
        (
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet".to_string(),
        ),
        ("content.xml", content),
        ("styles.xml", styles.to_string()),
        (
            "META-INF/manifest.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#.to_string(),
        ),
    ]);
    let dir = folder("styled.ods", &bytes);
    let report = import_json(dir.path(), "styled.ods", &[]);
    assert_eq!(
        ratings(&report),
        expect(&[("1", "green"), ("2", "red"), ("3", "red"), ("4", "amber")])
    );
    assert_eq!(
        colours(&report)[0],
        "row 2 | 1 | #CCFFCC | fill | green | rating from colour"
    );
}

#[test]
fn an_opendocument_spreadsheet_leaves_out_its_hidden_and_list_sheets() {
    let cell = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let rows = |rows: &[&[&str]]| -> String {
        rows.iter()
            .map(|r| {
                format!(
                    "<table:table-row>{}</table:table-row>",
                    r.iter().map(|c| cell(c)).collect::<String>()
                )
            })
            .collect()
    };
    let plan = rows(&[
        &["Ref", "Action"],
        &["1", "Open the crisis line for the whole county"],
    ]);
    // the RAG cell takes its value from the Lists sheet's drop-down
    let plan = plan
        + r#"<table:table-row><table:table-cell table:content-validation-name="val1"/></table:table-row>"#;
    let old = rows(&[
        &["Ref", "Action", "Lead", "Due", "RAG", "Status"],
        &[
            "9",
            "A dropped action",
            "CCG",
            "March 2015",
            "Red",
            "Withdrawn",
        ],
    ]);
    let lists = rows(&[&["Red"], &["Amber"], &["Green"]]);
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:automatic-styles><style:style style:name="ta1" style:family="table" style:master-page-name="Default"><style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style><style:style style:name="ta2" style:family="table" style:master-page-name="Default"><style:table-properties table:display="false" style:writing-mode="lr-tb"/></style:style></office:automatic-styles><office:body><office:spreadsheet><table:content-validations><table:content-validation table:name="val1" table:condition="of:cell-content-is-in-list([$Lists.$A$1:.$A$3])" table:allow-empty-cell="true"/></table:content-validations><table:table table:name="Plan" table:style-name="ta1">{plan}</table:table><table:table table:name="Old plan" table:style-name="ta2">{old}</table:table><table:table table:name="Lists" table:style-name="ta1">{lists}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let bytes = office::package(&[
        (
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet".to_string(),
        ),
        ("content.xml", content),
        (
            "META-INF/manifest.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#.to_string(),
        ),
    ]);
    let dir = folder("sheets.ods", &bytes);
    let (code, _, err) = import(dir.path(), &["sheets.ods", "-o", "-"]);
    assert!(code == 0 || code == 1, "{err}");
    for note in [
        "note: sheet \"Old plan\" is hidden: left out (name it with --sheet to read it)\n",
        "note: sheet \"Lists\" holds the drop-down lists of sheet \"Plan\" (data validation): left out\n",
    ] {
        assert!(err.contains(note), "{note}\nnot in:\n{err}");
    }
    assert!(err.contains(": sheet \"Plan\", header in row 1"), "{err}");
    let report = import_json(dir.path(), "sheets.ods", &["--sheet", "old plan"]);
    assert_eq!(ratings(&report), expect(&[("9", "red")]));
}

/// `bytes` (a zip) with the part `name` replaced by `text`.
fn replace_part(bytes: &[u8], name: &str, text: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("part");
        let mut s = Vec::new();
        f.read_to_end(&mut s).expect("read");
        parts.push((f.name().to_string(), s));
    }
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (n, s) in parts {
            w.start_file(n.as_str(), opts).expect("entry");
            if n == name {
                w.write_all(text.as_bytes()).expect("write");
            } else {
                w.write_all(&s).expect("write");
            }
        }
        w.finish().expect("finish");
    }
    out.into_inner()
}

#[test]
fn a_styles_part_with_a_million_fills_stays_bounded() {
    use rust_xlsxwriter::Color;
    let bytes = xlsx(&[("1", "Open the crisis line", "", Some(Color::RGB(0xFF0000)))]);
    let mut styles = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills>"#,
    );
    for _ in 0..1_000_000 {
        styles.push_str("<fill/>");
    }
    styles.push_str(r#"</fills><cellXfs count="2"><xf fillId="0" fontId="0"/><xf fillId="999999" fontId="0"/></cellXfs></styleSheet>"#);
    let bytes = replace_part(&bytes, "xl/styles.xml", &styles);
    let dir = folder("fills.xlsx", &bytes);
    let start = std::time::Instant::now();
    let report = import_json(dir.path(), "fills.xlsx", &[]);
    // fills past the cap are not read: the cell has no colour, the import goes on
    assert_eq!(ratings(&report), expect(&[("1", "-")]));
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
}

/// Each action's status (or "-" for none), by id.
fn statuses(report: &serde_json::Value) -> BTreeMap<String, String> {
    let text = report["plan_text"].as_str().expect("plan_text");
    let plan: toml::Value = toml::from_str(text).expect("the plan is TOML");
    plan["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| {
            (
                a["id"].as_str().expect("id").to_string(),
                a.get("status")
                    .and_then(|r| r.as_str())
                    .unwrap_or("-")
                    .to_string(),
            )
        })
        .collect()
}

fn status_header() -> Vec<Wc> {
    vec![w("No."), w("Action"), w("Led By"), w("Status")]
}

#[test]
fn a_status_column_shaded_blank_is_the_rating_and_its_words_stay_statuses() {
    let key = vec![
        vec![shaded("", "FF9999"), w("Red = off track")],
        vec![shaded("", "FFD966"), w("Amber = at risk")],
        vec![shaded("", "92D050"), w("Green = on track")],
    ];
    let plan = vec![
        status_header(),
        vec![
            w("1"),
            w("Open the crisis line"),
            w("CCG"),
            shaded("", "FF9999"),
        ],
        vec![
            w("2"),
            w("Train the staff"),
            w("Trust"),
            shaded("", "FFD966"),
        ],
        vec![
            w("3"),
            w("Review the pathway"),
            w("LA"),
            shaded("", "92D050"),
        ],
        vec![w("4"), w("Publish the plan"), w("CCG"), w("Complete")],
        vec![w("5"), w("Audit the beds"), w("Trust"), w("")],
    ];
    let bytes = docx(vec![Err("Housing plan"), Ok(key), Ok(plan)]);
    let dir = folder("status.docx", &bytes);
    let report = import_json(dir.path(), "status.docx", &[]);
    assert_eq!(
        ratings(&report),
        expect(&[
            ("1", "red"),
            ("2", "amber"),
            ("3", "green"),
            ("4", "-"),
            ("5", "-")
        ])
    );
    assert_eq!(
        statuses(&report),
        expect(&[
            ("1", "-"),
            ("2", "-"),
            ("3", "-"),
            ("4", "complete"),
            ("5", "-")
        ])
    );
    let notes = report["notes"].to_string();
    assert!(
        notes.contains(r#"table 2: the \"Status\" column shows ratings by colour, not words: its colours are read as the rating"#),
        "{notes}"
    );
    assert_eq!(
        colours(&report)[0],
        "table 2, row 2 | 1 | #FF9999 | fill | red | rating from colour, by the document's colour key"
    );

    // one coloured cell in a status column of words is no rating column
    let plan = vec![
        status_header(),
        vec![
            w("1"),
            w("Open the crisis line"),
            w("CCG"),
            shaded("", "FF0000"),
        ],
        vec![w("2"), w("Train the staff"), w("Trust"), w("In progress")],
        vec![w("3"), w("Review the pathway"), w("LA"), w("Complete")],
    ];
    let dir = folder("words.docx", &docx(vec![Ok(plan)]));
    let report = import_json(dir.path(), "words.docx", &[]);
    assert_eq!(
        ratings(&report),
        expect(&[("1", "-"), ("2", "-"), ("3", "-")])
    );
    assert_eq!(report["colours"], serde_json::json!([]));
}

#[test]
fn a_status_column_of_coloured_dots_with_a_bulleted_key() {
    // the key's green is a teal only the key makes green; its entries start with a bullet
    let key = vec![vec![
        inked("● Red: off track", "FF0000"),
        inked("● Amber: at risk", "FFC000"),
        inked("● Green: on track", "008B8B"),
    ]];
    let plan = vec![
        status_header(),
        vec![
            w("1"),
            w("Open the crisis line"),
            w("CCG"),
            inked("●", "FF0000"),
        ],
        vec![
            w("2"),
            w("Train the staff"),
            w("Trust"),
            inked("●", "FFC000"),
        ],
        vec![
            w("3"),
            w("Review the pathway"),
            w("LA"),
            inked("●", "008B8B"),
        ],
    ];
    let bytes = docx(vec![Err("Suicide prevention plan"), Ok(key), Ok(plan)]);
    let dir = folder("dots.docx", &bytes);
    let report = import_json(dir.path(), "dots.docx", &[]);
    assert_eq!(
        ratings(&report),
        expect(&[("1", "red"), ("2", "amber"), ("3", "green")])
    );
    assert_eq!(
        colours(&report)[2],
        "table 2, row 4 | 3 | #008B8B | text | green | rating from colour, by the document's colour key"
    );
    let notes = report["notes"].to_string();
    assert!(
        notes.contains(
            "colour key found in table 1: #FF0000 = red, #FFC000 = amber, #008B8B = green"
        ),
        "{notes}"
    );
}

#[test]
fn brags_blue_on_a_rag_scale_is_complete_not_an_off_scale_rating() {
    let plan = vec![
        vec![w("No."), w("Action"), w("Led By"), w("BRAG")],
        vec![w("1"), w("Open the crisis line"), w("CCG"), w("B")],
        vec![w("2"), w("Train the staff"), w("Trust"), w("Blue")],
        vec![w("3"), w("Review the pathway"), w("LA"), w("G")],
    ];
    let dir = folder("brag.docx", &docx(vec![Ok(plan)]));
    let report = import_json(dir.path(), "brag.docx", &[]);
    assert_eq!(
        ratings(&report),
        expect(&[("1", "-"), ("2", "-"), ("3", "green")])
    );
    assert_eq!(
        statuses(&report),
        expect(&[("1", "complete"), ("2", "complete"), ("3", "-")])
    );
    let inferred = report["inferred"].to_string();
    assert!(
        inferred.contains(r#""because":"the \"BRAG\" cell says \"B\"""#),
        "{inferred}"
    );
    // a blue fill alone says the same
    let plan = vec![
        vec![w("No."), w("Action"), w("Led By"), w("RAG")],
        vec![
            w("1"),
            w("Open the crisis line"),
            w("CCG"),
            shaded("", "0070C0"),
        ],
        vec![
            w("2"),
            w("Train the staff"),
            w("Trust"),
            shaded("", "00B050"),
        ],
    ];
    let dir = folder("blue.docx", &docx(vec![Ok(plan)]));
    let report = import_json(dir.path(), "blue.docx", &[]);
    assert_eq!(ratings(&report), expect(&[("1", "-"), ("2", "green")]));
    assert_eq!(statuses(&report), expect(&[("1", "complete"), ("2", "-")]));
    assert_eq!(
        colours(&report)[0],
        "row 2 | 1 | #0070C0 | fill | - | the colour reads as blue, BRAG's rating for done, which the scale (red, amber, green) does not have: status complete"
    );
    // on BRAG itself, B is the blue rating
    let dir = common::repo(&[("planlint.toml", "[ratings]\nscale = \"brag\"\n")]);
    let plan = vec![
        vec![w("No."), w("Action"), w("Led By"), w("BRAG")],
        vec![w("1"), w("Open the crisis line"), w("CCG"), w("B")],
    ];
    std::fs::write(dir.path().join("brag.docx"), docx(vec![Ok(plan)])).expect("fixture");
    let report = import_json(dir.path(), "brag.docx", &[]);
    assert_eq!(ratings(&report), expect(&[("1", "blue")]));
}
