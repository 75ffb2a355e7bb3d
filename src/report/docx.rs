//! The Word view of a report (`--format docx`): the same paper as the HTML and Markdown, as a
//! document a board secretary can restyle to the organisation's template and table.
//!
//! Written as OOXML with `zip` and `quick-xml`'s escaping, the two crates `import` already uses
//! to read Word files, rather than with `docx-rs`: the paper needs paragraphs, tables, shading
//! and one header, a few hundred lines of markup, and a writer crate would add a dependency tree
//! without taking styles from a reference document (which `--reference-docx` needs).
//!
//! Only built-in style names are used (Title, Subtitle, Heading 1–3, List Bullet, Table Grid),
//! so an organisation's template restyles every part; `--reference-docx FILE` takes the styles
//! part of that template whole, as pandoc's option does. A rating cell is shaded in the scale's
//! colour with the word inside (colour is never the only signal); table rows never split across
//! pages and header rows repeat on each page; the running header holds the title and period.

use super::view::{self, Rating, Span};
use super::{long_date, paper, short_date, Report, INVALID};
use crate::Error;
use quick_xml::escape::escape;
use std::fmt::Write;
use std::io::{Read, Write as _};
use std::path::Path;

/// The styles of an organisation's Word template (`--reference-docx`), and its list
/// numbering (a template's List Bullet style names its own numbering).
pub struct Reference {
    styles: String,
    numbering: Option<String>,
}

/// The most a template's styles part may hold (a styles.xml is tens of kilobytes).
const MAX_STYLES: u64 = 8 << 20;

impl Reference {
    /// Reads `word/styles.xml` from a Word document; a file that is not one is a usage error.
    pub fn read(path: &Path) -> Result<Reference, Error> {
        let bad = |why: String| {
            Error::Usage(format!(
                "--reference-docx {}: {why}; give a Word document (.docx) whose styles the paper should take",
                path.display()
            ))
        };
        // a template is a few hundred kilobytes; 64 MiB bounds a hostile file
        let bytes = crate::workspace::files::read_regular(path, 64 << 20)
            .map_err(|e| bad(format!("cannot read it ({e})")))?;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|_| bad("it is not a Word document (not a zip package)".into()))?;
        let mut part = |name: &str| -> Result<Option<String>, Error> {
            let Ok(p) = zip.by_name(name) else {
                return Ok(None);
            };
            let mut text = String::new();
            p.take(MAX_STYLES)
                .read_to_string(&mut text)
                .map_err(|e| bad(format!("its part {name} cannot be read ({e})")))?;
            Ok(Some(text))
        };
        let styles = part("word/styles.xml")?
            .ok_or_else(|| bad("it has no styles part (word/styles.xml)".into()))?;
        if !styles.contains("<w:styles") {
            return Err(bad("its styles part holds no styles".into()));
        }
        let numbering = part("word/numbering.xml")?.filter(|n| n.contains("<w:numbering"));
        Ok(Reference { styles, numbering })
    }
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Text made safe for XML, with control characters (not allowed in XML 1.0) dropped.
fn x(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n'))
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect();
    escape(clean.as_str()).into_owned()
}

/// A run of text, optionally bold, italic or in a colour.
#[derive(Clone, Default)]
struct Run {
    text: String,
    bold: bool,
    italic: bool,
    colour: Option<&'static str>,
}

fn t(s: &str) -> Run {
    Run {
        text: s.to_string(),
        ..Run::default()
    }
}

fn b(s: &str) -> Run {
    Run {
        text: s.to_string(),
        bold: true,
        ..Run::default()
    }
}

fn i(s: &str) -> Run {
    Run {
        text: s.to_string(),
        italic: true,
        ..Run::default()
    }
}

fn runs_xml(runs: &[Run]) -> String {
    let mut s = String::new();
    for r in runs {
        s.push_str("<w:r>");
        if r.bold || r.italic || r.colour.is_some() {
            s.push_str("<w:rPr>");
            if r.bold {
                s.push_str("<w:b/>");
            }
            if r.italic {
                s.push_str("<w:i/>");
            }
            if let Some(c) = r.colour {
                let _ = write!(s, "<w:color w:val=\"{c}\"/>");
            }
            s.push_str("</w:rPr>");
        }
        let _ = write!(s, "<w:t xml:space=\"preserve\">{}</w:t></w:r>", x(&r.text));
    }
    s
}

/// A paragraph in a built-in style (`None`: Normal).
fn para(style: Option<&str>, runs: &[Run]) -> String {
    let mut s = String::from("<w:p>");
    if let Some(st) = style {
        let _ = write!(s, "<w:pPr><w:pStyle w:val=\"{st}\"/></w:pPr>");
    }
    s.push_str(&runs_xml(runs));
    s.push_str("</w:p>");
    s
}

/// A table cell: its runs, and a fill (hex, no '#') when it shows a rating on the scale.
struct Cell {
    runs: Vec<Run>,
    fill: Option<&'static str>,
}

/// A rating on the scale: the word, bold, in the colour that reads on its fill.
fn rated(k: &str) -> (Run, &'static str) {
    let (fill, fg) = super::html::colours(k);
    let run = Run {
        text: k.to_string(),
        bold: true,
        colour: Some(if fg == "#fff" { "FFFFFF" } else { "000000" }),
        ..Run::default()
    };
    (run, fill.trim_start_matches('#'))
}

/// A rating's word, and the fill of its cell (none off the scale).
fn rating(k: &Rating) -> (Run, Option<&'static str>) {
    match k {
        Rating::Scale(k) => {
            let (run, fill) = rated(k);
            (run, Some(fill))
        }
        Rating::Off(k) => (i(&format!("{INVALID} (“{k}”)")), None),
        Rating::Unrated => (i(INVALID), None),
    }
}

/// A cell of the view model: its spans as runs; a rating (or a rating now) shades the cell in
/// the scale's colour, the word inside (colour is never the only signal).
fn cell(spans: &[Span]) -> Cell {
    let mut c = Cell {
        runs: Vec::new(),
        fill: None,
    };
    for s in spans {
        match s {
            Span::Text(x) | Span::Muted(x) | Span::NoWrap(x) => c.runs.push(t(x)),
            Span::Strong(x) => c.runs.push(b(x)),
            Span::Break => c.runs.push(t(", ")),
            Span::To => c.runs.push(t(" → ")),
            Span::Rating(k) => {
                let (run, fill) = rating(k);
                c.runs.push(run);
                c.fill = fill;
            }
            // then → now, in the colour of now (the cell is shaded as now)
            Span::ThenNow(then, now) => {
                let (run, fill) = rating(now);
                if then != now {
                    let then = match then {
                        Rating::Scale(k) | Rating::Off(k) => k.as_str(),
                        Rating::Unrated => INVALID,
                    };
                    c.runs.push(Run {
                        text: format!("{then} → "),
                        colour: run.colour,
                        ..Run::default()
                    });
                }
                c.runs.push(run);
                c.fill = fill;
            }
            Span::Invalid => c.runs.push(i(INVALID)),
            Span::Action { plan, id, title } => {
                if let Some(p) = plan {
                    c.runs.push(i(&format!("{p}: ")));
                }
                c.runs.push(b(id));
                c.runs.push(t(&format!(" {title}")));
            }
            Span::Leads(l) if l.is_empty() => c.runs.push(t("no lead named")),
            // the first two, as the HTML (the JSON has them all)
            Span::Leads(l) => {
                c.runs.push(t(&l[..l.len().min(2)].join("; ")));
                if l.len() > 2 {
                    c.runs.push(i(&format!(" and {} more", l.len() - 2)));
                }
            }
            Span::Due(date, text) => c.runs.push(t(&match (date, text.as_deref()) {
                (Some(d), Some(w)) if w != d.to_string() && !w.is_empty() => {
                    format!("{} (“{w}”)", short_date(*d))
                }
                (Some(d), _) => short_date(*d),
                (None, Some(w)) => format!("“{w}”"),
                (None, None) => "none".into(),
            })),
            Span::Update(None) => c.runs.push(i("no update recorded")),
            Span::Update(Some(u)) => {
                let by =
                    u.by.as_deref()
                        .map(|b| format!(", {b}"))
                        .unwrap_or_default();
                c.runs.push(b(&format!("{}{by}: ", short_date(u.date))));
                c.runs.push(t(&u.text));
            }
            Span::Progress { when, late, text } => {
                c.runs.push(if *late { i(when) } else { b(when) });
                c.runs.push(t(": "));
                c.runs.push(t(text));
            }
            Span::Pair(x, y) if x == y => c.runs.push(t(x)),
            Span::Pair(x, y) => {
                c.runs.push(t(&format!("{x} → ")));
                c.runs.push(b(y));
            }
            Span::Nothing => {}
        }
    }
    c
}

/// A table of the view model in the built-in "Table Grid" style: a header row that repeats on
/// every page, rows that never split across pages, columns in shares of the width (the model's,
/// else the first column 36% and the rest alike), then "and N more".
fn table(v: &view::Table) -> String {
    let n = v.heads.len().max(1) as u32;
    let widths: Vec<u32> = if v.widths.is_empty() {
        std::iter::once(36)
            .chain(std::iter::repeat_n(64 / (n - 1).max(1), n as usize - 1))
            .collect()
    } else {
        v.widths.iter().map(|w| u32::from(*w)).collect()
    };
    let mut s = String::from(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
    );
    // a grid in twentieths of a point over the A4 text width (about 9,600)
    let total: u32 = widths.iter().sum::<u32>().max(1);
    for w in &widths {
        let _ = write!(s, "<w:gridCol w:w=\"{}\"/>", 9600 * w / total);
    }
    s.push_str("</w:tblGrid>");
    let width = |j: usize| widths.get(j).map_or(0, |w| 5000 * w / total);
    s.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (j, h) in v.heads.iter().enumerate() {
        let _ = write!(
            s,
            "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"pct\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EEF0F2\"/></w:tcPr>{}</w:tc>",
            width(j),
            aligned(h.numeric, &[b(&view::plain(&h.label))])
        );
    }
    s.push_str("</w:tr>");
    for row in &v.rows {
        s.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (j, c) in row.iter().enumerate() {
            let c = cell(c);
            let _ = write!(
                s,
                "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"pct\"/>",
                width(j)
            );
            if let Some(fill) = c.fill {
                let _ = write!(
                    s,
                    "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\"/>"
                );
            }
            s.push_str("</w:tcPr>");
            s.push_str(&aligned(v.heads.get(j).is_some_and(|h| h.numeric), &c.runs));
            s.push_str("</w:tc>");
        }
        s.push_str("</w:tr>");
    }
    // Word needs a paragraph between two tables
    s.push_str("</w:tbl><w:p/>");
    if let Some(m) = v.more {
        s.push_str(&para(
            None,
            &[i(&format!(
                "… and {} more {}{}, not shown here; --format json lists them all.",
                m.n,
                m.what,
                if m.n == 1 { "" } else { "s" }
            ))],
        ));
    }
    s
}

/// A cell's paragraph, right-aligned in a column of numbers.
fn aligned(numeric: bool, runs: &[Run]) -> String {
    if numeric {
        format!(
            "<w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr>{}</w:p>",
            runs_xml(runs)
        )
    } else {
        para(None, runs)
    }
}

/// A table, or "None." for no table.
fn table_or(v: Option<&view::Table>, none: &str) -> String {
    v.map_or_else(|| para(None, &[t(none)]), table)
}

/// The document body: the same paper as the HTML, section by section.
fn body(r: &Report) -> String {
    let mut s = String::new();
    if let Some(board) = &r.board {
        s.push_str(&para(Some("Subtitle"), &[t(board)]));
    }
    s.push_str(&para(Some("Title"), &[t(&r.title)]));
    s.push_str(&para(
        Some("Subtitle"),
        &[
            b(&r.period),
            t(&format!(" · position as of {}", long_date(r.as_of))),
        ],
    ));
    s.push_str(&para(None, &[i(&paper::dates_line(r))]));
    s.push_str(&para(None, &[i(&paper::source_line(r))]));
    if let Some(p) = &r.purpose {
        s.push_str(&para(None, &[t(p)]));
    }
    if !r.asks.is_empty() {
        s.push_str(&para(None, &[b(paper::ASKS)]));
        for a in &r.asks {
            s.push_str(&para(Some("ListBullet"), &[t(a)]));
        }
    }

    s.push_str(&para(Some("Heading1"), &[t("Summary")]));
    for n in &r.narrative {
        s.push_str(&para(Some("ListBullet"), &[t(&n.text)]));
    }
    s.push_str(&para(Some("Heading2"), &[t("Ratings then and now")]));
    s.push_str(&table(&view::ratings(r)));
    s.push_str(&para(Some("Heading2"), &[t("By plan")]));
    s.push_str(&para(None, &[i("Each cell: then → now.")]));
    s.push_str(&table(&view::by_plan(r)));

    // the paper's main content
    s.push_str(&para(
        Some("Heading1"),
        &[t(&format!("{} ({})", paper::PROGRESS, r.progress.len()))],
    ));
    s.push_str(&para(None, &[i(&paper::progress_intro(r))]));
    if r.progress.is_empty() {
        s.push_str(&para(None, &[t("None.")]));
    }
    for plan in paper::progress_groups(r, super::PROGRESS_ROWS) {
        s.push_str(&para(Some("Heading2"), &[t(&plan.title)]));
        for sec in &plan.sections {
            if let Some(title) = &sec.title {
                s.push_str(&para(Some("Heading3"), &[t(title)]));
            }
            s.push_str(&table(&view::progress(r, &sec.updates)));
        }
    }
    let hidden = r.progress.len().saturating_sub(super::PROGRESS_ROWS);
    if hidden > 0 {
        s.push_str(&para(
            None,
            &[i(&format!(
                "… and {hidden} more update{}, not shown here; --format json lists them all.",
                if hidden == 1 { "" } else { "s" }
            ))],
        ));
    }
    s.push_str(&para(
        Some("Heading1"),
        &[t(&format!("What changed since {}", long_date(r.since)))],
    ));
    for sec in view::changed(r) {
        s.push_str(&para(Some("Heading2"), &[t(&sec.title)]));
        if let Some(intro) = &sec.intro {
            s.push_str(&para(None, &[i(&view::plain(intro))]));
        }
        s.push_str(&table_or(sec.table.as_ref(), "None."));
    }

    // the appendices the board may skip: the transitions, what has no valid rating, what the
    // files need fixing
    s.push_str(&para(
        Some("Heading1"),
        &[t("Appendix: rating transitions")],
    ));
    s.push_str(&para(
        None,
        &[i("Actions at both ends: rating then (rows), rating now (columns). Off the diagonal, the rating changed.")],
    ));
    s.push_str(&table_or(
        view::transitions(r).as_ref(),
        "No action exists at both ends.",
    ));
    s.push_str(&para(
        Some("Heading1"),
        &[t(&format!(
            "Appendix: actions with no valid rating ({})",
            r.invalid.total
        ))],
    ));
    s.push_str(&table_or(
        view::invalid(r).as_ref(),
        "None: every action carries a rating on the scale.",
    ));
    if r.findings_included {
        s.push_str(&para(
            Some("Heading1"),
            &[t("Appendix: data quality, what the plan files need fixing")],
        ));
        if r.findings.is_empty() {
            s.push_str(&para(None, &[t("None: the plan files pass every check.")]));
        } else {
            let rows = r
                .findings
                .iter()
                .map(|g| {
                    vec![
                        vec![Span::Text(g.summary.clone())],
                        vec![Span::Text(format!("{:?}", g.severity).to_lowercase())],
                        vec![Span::Text(g.count.to_string())],
                    ]
                })
                .collect();
            s.push_str(&table(&view::Table {
                rows,
                widths: vec![70, 15, 15],
                ..view::heads(
                    ["Check", "Severity", "Findings"]
                        .map(|h| view::Head {
                            label: vec![Span::Text(h.into())],
                            numeric: false,
                        })
                        .to_vec(),
                )
            }));
        }
    }
    s.push_str(&para(None, &[i(&format!("Made with {}", r.command))]));
    s
}

/// The built-in styles the paper uses, for a document without a reference template: names and
/// ids as Word's own, so any template restyles them.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="60"/></w:pPr><w:rPr><w:b/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:color w:val="555555"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="160" w:after="60"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:color w:val="555555"/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="555555"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"/><w:left w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"/><w:right w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"/></w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>
"#;

/// The paper as a Word document's bytes, with the reference template's styles when given.
pub fn render(r: &Report, reference: Option<&Reference>) -> Result<Vec<u8>, Error> {
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>{}<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1021\" w:bottom=\"1134\" w:left=\"1021\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>\n",
        body(r)
    );
    // the running header: the title and the period, on every page
    let header = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr xmlns:w=\"{W}\" xmlns:r=\"{R}\">{}</w:hdr>\n",
        para(Some("Header"), &[t(&format!("{} · {}", r.title, r.period))])
    );
    let core = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>planlint</dc:creator></cp:coreProperties>\n",
        x(&r.title),
        x(&r.period)
    );
    let styles = reference.map_or(STYLES, |r| r.styles.as_str());
    let numbering = reference
        .and_then(|r| r.numbering.as_deref())
        .unwrap_or(NUMBERING);
    let parts: [(&str, &str); 8] = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("docProps/core.xml", &core),
        ("word/document.xml", &document),
        ("word/_rels/document.xml.rels", DOC_RELS),
        ("word/styles.xml", styles),
        ("word/numbering.xml", numbering),
        ("word/header1.xml", &header),
    ];
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        // a fixed time: the same report makes the same bytes
        .last_modified_time(zip::DateTime::default());
    let fail =
        |e: &dyn std::fmt::Display| Error::Usage(format!("cannot write the Word document: {e}"));
    for (name, text) in parts {
        zip.start_file(name, opts).map_err(|e| fail(&e))?;
        zip.write_all(text.as_bytes()).map_err(|e| fail(&e))?;
    }
    zip.finish().map_err(|e| fail(&e))?;
    Ok(out.into_inner())
}

/// One list: a bullet, as Word's own List Bullet style draws it.
const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>
"#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>
"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>
"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>
"#;
