//! Word documents (.docx): the tables of `word/document.xml` and the paragraphs between them.
//!
//! A streaming read with quick-xml; no DOM is built. Merged cells are laid on the table's grid:
//! a cell with `gridSpan` 3 fills three columns (the first holds the text), and the lower parts
//! of a vertically merged cell (`vMerge`) repeat the text above, marked `merged_from_above`
//! so a continuation row does not take it twice. Paragraphs and line breaks inside a cell
//! become lines of its text. Tracked deletions, field codes, text boxes and the fallback copy of
//! drawing content are left out (Word shows none of them as table text).
//!
//! Colours: a cell's shading (`w:tcPr/w:shd`, or the shading or highlight of all its text
//! when the cell itself has none) becomes `Cell.fill`, and the one colour all its text shares
//! `Cell.ink`, for plans that rate by colour (`colour`). Theme colours use Office's default
//! theme; table styles and banding are not read (they are decoration, not ratings).
//!
//! Hostile input: the zip is checked before anything is inflated, `word/document.xml` is read
//! through a size cap, and rows, cells and spans are capped.

use super::colour;
use super::error::ReadError;
use super::limits;
use super::table::{Cell, Document, Paragraph, Rgb, Row, Table};
use quick_xml::events::{BytesStart, Event};
use std::io::{Cursor, Read};

/// Reads the tables and paragraphs of a .docx held in memory.
pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    limits::check_zip(&mut zip, limits::Container::Docx, WHAT)?;
    let mut part = zip
        .by_name("word/document.xml")
        .map_err(|e| ReadError::Refused(format!("the Word document has no readable body ({e})")))?;
    let mut xml = Vec::new();
    (&mut part)
        .take(limits::MAX_PART_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| damaged(&e))?;
    if xml.len() as u64 > limits::MAX_PART_BYTES {
        return Err(ReadError::TooLarge(format!(
            "the Word document's text is larger than {} MiB: too large to be a plan",
            limits::MAX_PART_BYTES >> 20
        )));
    }
    parse(&xml)
}

fn damaged(e: &dyn std::fmt::Display) -> ReadError {
    ReadError::damaged(WHAT, e)
}

const WHAT: &str = "Word document";

#[derive(Default)]
struct CellBuild {
    span: usize,
    /// `Some(true)`: `vMerge restart`; `Some(false)`: a continued (lower) part.
    vmerge: Option<bool>,
    /// The cell's own shading (`w:tcPr/w:shd`).
    fill: Option<Rgb>,
    /// The background of each piece of text (run shading or highlight, else its paragraph's).
    behind: Agg,
    /// The colour of each piece of text.
    ink: Agg,
    /// The shading of each paragraph (for a cell with no text).
    paragraphs: Agg,
}

/// One value seen over many pieces: none yet, always the same one, or several.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Agg {
    #[default]
    Empty,
    One(Option<Rgb>),
    Mixed,
}

impl Agg {
    fn add(&mut self, v: Option<Rgb>) {
        *self = match *self {
            Agg::Empty => Agg::One(v),
            Agg::One(x) if x == v => Agg::One(x),
            _ => Agg::Mixed,
        };
    }

    fn one(self) -> Option<Rgb> {
        match self {
            Agg::One(v) => v,
            _ => None,
        }
    }
}

const WHITE: Rgb = [0xFF, 0xFF, 0xFF];
const BLACK: Rgb = [0, 0, 0];

#[derive(Default)]
struct Parser {
    tables: Vec<Table>,
    paragraphs: Vec<Paragraph>,
    /// Table nesting: 1 inside a top-level table; nested tables' text joins their cell.
    depth: usize,
    rows: Vec<Row>,
    row: Option<Vec<Cell>>,
    grid_before: usize,
    cell: Option<CellBuild>,
    para: String,
    style: String,
    in_run: bool,
    in_text: bool,
    /// Inside an element whose content is not shown as text (counts nested opens).
    skip: usize,
    cells: usize,
    budget: limits::Budget,
    /// Inside the cell's `w:tcPr`, a paragraph's `w:pPr`, a run's `w:rPr`.
    in_tcpr: bool,
    in_ppr: bool,
    in_rpr: bool,
    /// The current paragraph's shading, and the current run's background and colour.
    para_shade: Option<Rgb>,
    run_behind: Option<Rgb>,
    run_ink: Option<Rgb>,
}

/// Elements whose text Word does not show in the table: deletions (and the old place of moved
/// text), field codes, text boxes and the fallback copy of alternate content.
const SKIPPED: &[&[u8]] = &[
    b"delText",
    b"instrText",
    b"txbxContent",
    b"Fallback",
    b"del",
    // formatting before a tracked change: not what the document shows
    b"rPrChange",
    b"pPrChange",
    b"tcPrChange",
];

fn parse(xml: &[u8]) -> Result<Document, ReadError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut p = Parser::default();
    loop {
        let event = reader.read_event().map_err(|e| damaged(&e))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if p.skip > 0 || SKIPPED.contains(&name) {
                    p.skip += 1;
                    continue;
                }
                p.open(name, &e)?;
            }
            Event::Empty(e) => {
                if p.skip > 0 {
                    continue;
                }
                let name = e.local_name();
                let name = name.as_ref();
                p.open(name, &e)?;
                p.close(name)?;
            }
            Event::End(e) => {
                if p.skip > 0 {
                    p.skip -= 1;
                    continue;
                }
                p.close(e.local_name().as_ref())?;
            }
            Event::Text(t) if p.in_text && p.skip == 0 => {
                let text = t.decode().map_err(|e| damaged(&e))?;
                if !text.trim().is_empty() {
                    p.saw_text();
                }
                p.para.push_str(&text);
            }
            Event::GeneralRef(r) if p.in_text && p.skip == 0 => {
                p.saw_text();
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    p.para.push(c);
                } else if let Ok(name) = r.decode() {
                    if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                        p.para.push_str(s);
                    }
                }
            }
            _ => {}
        }
    }
    Ok(Document {
        kind: "Word document",
        tables: p.tables,
        notes: Vec::new(),
    })
}

fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        // the decoding form: calamine turns on quick-xml's `encoding`, which drops `unescape_value`
        .and_then(|a| {
            a.decode_and_unescape_value(e.decoder())
                .ok()
                .map(|v| v.into_owned())
        })
}

/// A colour attribute's value: hex, or `None` for "auto" and anything else.
fn colour_attr(e: &BytesStart<'_>, local: &[u8]) -> Option<Rgb> {
    attr(e, local).as_deref().and_then(colour::hex)
}

/// A theme colour (`w:themeFill="accent2"`) with its tint or shade (`w:themeFillTint="66"`,
/// hex fractions of 255), on Office's default theme.
fn theme_attr(e: &BytesStart<'_>, name: &[u8], tint: &[u8], shade: &[u8]) -> Option<Rgb> {
    let index = colour::theme_index(&attr(e, name)?)?;
    let base = colour::OFFICE_THEME[index];
    let fraction = |key: &[u8]| {
        attr(e, key)
            .and_then(|v| u8::from_str_radix(v.trim(), 16).ok())
            .map(|v| f64::from(v) / 255.0)
    };
    Some(match (fraction(tint), fraction(shade)) {
        (Some(t), _) => colour::tint(base, 1.0 - t),
        (None, Some(s)) => colour::tint(base, s - 1.0),
        _ => base,
    })
}

/// What a `w:shd` shows: its fill under a clear pattern, its pattern colour when solid (or
/// mostly so), nothing for `nil`.
fn shading(e: &BytesStart<'_>) -> Option<Rgb> {
    let val = attr(e, b"val").unwrap_or_default();
    let fill = colour_attr(e, b"fill")
        .or_else(|| theme_attr(e, b"themeFill", b"themeFillTint", b"themeFillShade"));
    let pattern = colour_attr(e, b"color")
        .or_else(|| theme_attr(e, b"themeColor", b"themeTint", b"themeShade"));
    match val.as_str() {
        "nil" => None,
        "solid" => pattern.or(fill),
        v if v
            .strip_prefix("pct")
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| n >= 50) =>
        {
            pattern.or(fill)
        }
        _ => fill,
    }
}

/// A run's text colour (`w:color`): hex or theme, `None` for auto.
fn ink(e: &BytesStart<'_>) -> Option<Rgb> {
    colour_attr(e, b"val").or_else(|| theme_attr(e, b"themeColor", b"themeTint", b"themeShade"))
}

impl Parser {
    /// A piece of visible text in the current run: its colours count for the cell.
    fn saw_text(&mut self) {
        let behind = self.run_behind.or(self.para_shade);
        let ink = self.run_ink;
        if let Some(c) = &mut self.cell {
            c.behind.add(behind);
            c.ink.add(ink);
        }
    }

    fn open(&mut self, name: &[u8], e: &BytesStart<'_>) -> Result<(), ReadError> {
        match name {
            b"tbl" => {
                self.depth += 1;
                if self.depth == 1 {
                    self.rows.clear();
                }
            }
            b"tr" if self.depth == 1 => {
                self.row = Some(Vec::new());
                self.grid_before = 0;
            }
            b"gridBefore" if self.depth == 1 => {
                self.grid_before = attr(e, b"val")
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(0)
                    .min(limits::MAX_COLUMNS);
            }
            b"tc" if self.depth == 1 => {
                self.cell = Some(CellBuild {
                    span: 1,
                    ..CellBuild::default()
                });
            }
            b"gridSpan" if self.depth == 1 => {
                if let Some(c) = &mut self.cell {
                    c.span = attr(e, b"val")
                        .and_then(|v| v.parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, limits::MAX_COLUMNS);
                }
            }
            b"vMerge" if self.depth == 1 => {
                if let Some(c) = &mut self.cell {
                    c.vmerge = Some(attr(e, b"val").as_deref() == Some("restart"));
                }
            }
            b"tcPr" if self.depth == 1 => self.in_tcpr = true,
            b"pPr" => self.in_ppr = true,
            b"rPr" if self.in_run && !self.in_ppr => self.in_rpr = true,
            b"shd" if self.depth >= 1 => {
                if self.in_tcpr && self.depth == 1 {
                    if let Some(c) = &mut self.cell {
                        c.fill = shading(e);
                    }
                } else if self.in_rpr {
                    self.run_behind = self.run_behind.or(shading(e));
                } else if self.in_ppr {
                    self.para_shade = shading(e);
                }
            }
            b"highlight" if self.in_rpr => {
                // a highlight is drawn over run shading
                if let Some(h) = attr(e, b"val").as_deref().and_then(colour::highlight) {
                    self.run_behind = Some(h);
                }
            }
            b"color" if self.in_rpr => self.run_ink = ink(e),
            b"p" => {
                if self.depth == 0 {
                    self.para.clear();
                    self.style.clear();
                } else if !self.para.is_empty() && !self.para.ends_with('\n') {
                    // a paragraph nested in a cell's paragraph (rare): keep the lines apart
                    self.para.push('\n');
                }
                self.para_shade = None;
            }
            b"pStyle" if self.depth == 0 => {
                self.style = attr(e, b"val").unwrap_or_default();
            }
            b"r" => {
                self.in_run = true;
                self.run_behind = None;
                self.run_ink = None;
            }
            b"t" if self.in_run => self.in_text = true,
            b"br" | b"cr" if self.in_run => self.para.push('\n'),
            b"tab" if self.in_run => self.para.push('\t'),
            b"noBreakHyphen" if self.in_run => self.para.push('-'),
            // a symbol font's character (a Wingdings dot) is shown text: its colour counts
            b"sym" if self.in_run => self.saw_text(),
            _ => {}
        }
        Ok(())
    }

    fn close(&mut self, name: &[u8]) -> Result<(), ReadError> {
        match name {
            b"tcPr" => self.in_tcpr = false,
            b"pPr" => self.in_ppr = false,
            b"rPr" => self.in_rpr = false,
            b"t" => self.in_text = false,
            b"r" => {
                self.in_run = false;
                self.in_text = false;
            }
            b"p" => {
                if self.depth == 0 {
                    let style = self.style.to_ascii_lowercase();
                    let text = std::mem::take(&mut self.para);
                    if !text.trim().is_empty() {
                        self.budget.text(text.len())?;
                        self.paragraphs.push(Paragraph {
                            text,
                            heading: style.starts_with("heading") || style == "title",
                            title: style == "title",
                        });
                    }
                } else {
                    self.para.push('\n');
                    let shade = self.para_shade;
                    if let Some(c) = &mut self.cell {
                        c.paragraphs.add(shade);
                    }
                }
            }
            b"tc" if self.depth == 1 => {
                let Some(c) = self.cell.take() else {
                    return Ok(());
                };
                let row = self.row.get_or_insert_with(Vec::new);
                if row.is_empty() {
                    row.extend((0..self.grid_before).map(|_| Cell {
                        span: 1,
                        ..Cell::default()
                    }));
                }
                let text = std::mem::take(&mut self.para);
                let column = row.len();
                let mut cell = Cell::text(text.trim_end_matches('\n'));
                cell.span = c.span;
                let behind = match c.behind {
                    Agg::Empty => c.paragraphs.one(),
                    b => b.one(),
                };
                cell.fill = c
                    .fill
                    .filter(|f| *f != WHITE)
                    .or(behind)
                    .filter(|f| *f != WHITE);
                cell.ink = c.ink.one().filter(|i| *i != BLACK);
                if c.vmerge == Some(false) {
                    // the lower part of a vertical merge: Word keeps the text in the top cell
                    let above = self.rows.last().and_then(|r| r.cells.get(column));
                    if let Some(above) = above {
                        cell.text = above.text.clone();
                    }
                    cell.merged_from_above = true;
                }
                // every copy counts: a merge down 30,000 rows copies its text 30,000 times
                self.budget.text(cell.text.len())?;
                row.push(cell);
                for _ in 1..c.span {
                    row.push(Cell {
                        span: 0,
                        ..Cell::default()
                    });
                }
                if row.len() > limits::MAX_COLUMNS {
                    return Err(ReadError::TooLarge(format!(
                        "a table row has more than {} columns: too wide to be a plan",
                        limits::MAX_COLUMNS
                    )));
                }
            }
            b"tr" if self.depth == 1 => {
                if let Some(cells) = self.row.take() {
                    self.cells += cells.len();
                    if self.cells > limits::MAX_CELLS {
                        return Err(ReadError::TooLarge(format!(
                            "the document's tables have more than {} cells: too large to be a plan",
                            limits::MAX_CELLS
                        )));
                    }
                    let number = self.rows.len() + 1;
                    self.rows.push(Row { number, cells });
                }
            }
            b"tbl" => {
                if self.depth == 1 {
                    let before = std::mem::take(&mut self.paragraphs);
                    self.tables.push(Table {
                        index: self.tables.len() + 1,
                        sheet: None,
                        before,
                        rows: std::mem::take(&mut self.rows),
                    });
                }
                self.depth = self.depth.saturating_sub(1);
            }
            _ => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn doc(body: &str) -> Document {
        parse(format!(r#"<w:document {W}><w:body>{body}</w:body></w:document>"#).as_bytes())
            .expect("parses")
    }

    fn tc(text: &str, props: &str) -> String {
        let paras: String = text
            .split('\n')
            .map(|l| format!("<w:p><w:r><w:t xml:space=\"preserve\">{l}</w:t></w:r></w:p>"))
            .collect();
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{paras}</w:tc>")
    }

    #[test]
    fn spans_merges_lines_and_the_heading_before() {
        let d = doc(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>1. Access</w:t></w:r></w:p>
            <w:tbl>
              <w:tr>{}{}</w:tr>
              <w:tr>{}</w:tr>
              <w:tr>{}{}</w:tr>
              <w:tr>{}{}</w:tr>
            </w:tbl>"#,
            tc("No.", ""),
            tc("Led By", ""),
            tc("Theme row", r#"<w:gridSpan w:val="2"/>"#),
            tc("1", ""),
            tc("Lead A\nLead B", r#"<w:vMerge w:val="restart"/>"#),
            tc("2", ""),
            tc("", "<w:vMerge/>"),
        ));
        assert_eq!(d.tables.len(), 1);
        let t = &d.tables[0];
        assert_eq!(t.before[0].text, "1. Access");
        assert!(t.before[0].heading);
        assert_eq!(t.rows[1].cells[0].span, 2);
        assert_eq!(t.rows[1].cells.len(), 2);
        assert_eq!(t.rows[2].cells[1].text, "Lead A\nLead B");
        assert_eq!(t.rows[3].cells[1].text, "Lead A\nLead B");
        assert!(t.rows[3].cells[1].merged_from_above);
        assert_eq!(t.rows[3].number, 4);
    }

    #[test]
    fn breaks_entities_and_skipped_text() {
        let d = doc(&format!(
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>A &amp; B</w:t><w:br/><w:t>&#8211; C</w:t></w:r>
            <w:del><w:r><w:delText>gone</w:delText></w:r></w:del>
            <w:r><w:fldChar/><w:instrText>PAGE</w:instrText></w:r></w:p></w:tc></w:tr></w:tbl>{}"#,
            ""
        ));
        assert_eq!(d.tables[0].rows[0].cells[0].text, "A & B\n– C");
    }

    #[test]
    fn a_document_without_tables_has_paragraphs_only() {
        let d = doc("<w:p><w:r><w:t>Just text</w:t></w:r></w:p>");
        assert!(d.tables.is_empty());
    }

    fn run(text: &str, rpr: &str) -> String {
        format!("<w:r><w:rPr>{rpr}</w:rPr><w:t>{text}</w:t></w:r>")
    }

    #[test]
    fn cell_shading_text_shading_highlight_and_text_colour() {
        let cell =
            |props: &str, paras: &str| format!("<w:tc><w:tcPr>{props}</w:tcPr>{paras}</w:tc>");
        let d = doc(&format!(
            "<w:tbl><w:tr>{}{}{}{}{}{}{}{}{}{}</w:tr></w:tbl>",
            // the cell's own shading, hex and theme (accent6 = 70AD47)
            cell(
                r#"<w:shd w:val="clear" w:color="auto" w:fill="FF0000"/>"#,
                "<w:p/>"
            ),
            cell(
                r#"<w:shd w:val="clear" w:color="auto" w:themeFill="accent6"/>"#,
                "<w:p/>"
            ),
            // auto and white are no fill; nil is nothing
            cell(
                r#"<w:shd w:val="clear" w:color="auto" w:fill="auto"/>"#,
                "<w:p/>"
            ),
            cell(r#"<w:shd w:val="nil" w:fill="FF0000"/>"#, "<w:p/>"),
            // all the text highlighted yellow; all of it red
            cell(
                "",
                &format!(
                    "<w:p>{}{}</w:p>",
                    run("A", r#"<w:highlight w:val="yellow"/>"#),
                    run(
                        "B",
                        r#"<w:shd w:val="clear" w:fill="00FF00"/><w:highlight w:val="yellow"/>"#
                    )
                )
            ),
            cell(
                "",
                &format!(
                    "<w:p>{}{}</w:p>",
                    run("On", r#"<w:color w:val="FF0000"/>"#),
                    run("track", r#"<w:b/><w:color w:val="FF0000"/>"#)
                )
            ),
            // two colours, or a black one, say nothing
            cell(
                "",
                &format!(
                    "<w:p>{}{}</w:p>",
                    run("On", r#"<w:color w:val="FF0000"/>"#),
                    run("track", "")
                )
            ),
            cell(
                "",
                &format!("<w:p>{}</w:p>", run("x", r#"<w:color w:val="000000"/>"#))
            ),
            // a shaded empty paragraph; a paragraph mark's colour is not text
            cell(
                "",
                r#"<w:p><w:pPr><w:shd w:val="clear" w:fill="00B050"/><w:rPr><w:color w:val="FF0000"/></w:rPr></w:pPr></w:p>"#
            ),
            // a Wingdings dot in green
            cell(
                "",
                r#"<w:p><w:r><w:rPr><w:color w:val="00B050"/></w:rPr><w:sym w:font="Wingdings" w:char="F06C"/></w:r></w:p>"#
            ),
        ));
        let cells = &d.tables[0].rows[0].cells;
        let fills: Vec<Option<Rgb>> = cells.iter().map(|c| c.fill).collect();
        let inks: Vec<Option<Rgb>> = cells.iter().map(|c| c.ink).collect();
        assert_eq!(
            fills,
            [
                Some([0xFF, 0, 0]),
                Some([0x70, 0xAD, 0x47]),
                None,
                None,
                Some([0xFF, 0xFF, 0]),
                None,
                None,
                None,
                Some([0, 0xB0, 0x50]),
                None,
            ]
        );
        assert_eq!(
            inks,
            [
                None,
                None,
                None,
                None,
                None,
                Some([0xFF, 0, 0]),
                None,
                None,
                None,
                Some([0, 0xB0, 0x50]),
            ]
        );
    }

    #[test]
    fn damaged_xml_is_an_error_not_a_panic() {
        assert!(parse(b"<w:document><w:body><w:tbl><w:tr></w:tc>").is_err());
    }
}
