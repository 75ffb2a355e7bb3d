//! Caps on what import reads, so a hostile file (a zip bomb in a .docx, a sheet with a cell at
//! row one million, one long shared string referenced by two million cells) gets a clear
//! refusal instead of exhausting memory. Real plans are far below every one of them: the
//! largest seed is 60 actions in a 200 KB document.
//!
//! Two kinds of cap. What a zip actually inflates is measured by inflating it (`check_zip`),
//! never taken from the sizes the zip declares: an entry can declare 100 bytes and inflate to
//! gigabytes. And what the readers produce is counted as they produce it (`Budget`): the bytes
//! of cell text and the cells laid on grids, across the whole document, so no amount of
//! repetition (shared strings, merged regions, `vMerge`, repeated rows) can multiply a small
//! file into a large allocation. With these caps an import of any file stays well under 512 MB.

use super::error::ReadError;
use quick_xml::events::Event;
use std::collections::HashMap;
use std::io::{Read, Seek};

/// The largest file import opens.
pub const MAX_INPUT_BYTES: u64 = 64 << 20;
/// The largest part of a zip container (a .docx body, a sheet) once inflated, and the most
/// all parts may inflate to together.
pub const MAX_PART_BYTES: u64 = 128 << 20;
pub const MAX_INFLATED_BYTES: u64 = 512 << 20;
/// The parts calamine holds whole in memory as it opens a workbook (shared strings, styles,
/// the workbook's sheet list and relationships): a few hundred kilobytes in a real one.
pub const MAX_HELD_PART_BYTES: u64 = 16 << 20;
/// Parts in a zip container.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// Columns of a table or sheet, rows of a sheet, and cells overall.
pub const MAX_COLUMNS: usize = 256;
pub const MAX_ROWS: usize = 100_000;
pub const MAX_CELLS: usize = 2_000_000;
/// Cells laid on the grids of all tables together, blank ones included.
pub const MAX_GRID_CELLS: usize = 4_000_000;
/// Bytes of cell and paragraph text all readers together may produce.
pub const MAX_TEXT_BYTES: usize = 16 << 20;
/// Merged regions of all sheets of a workbook.
pub const MAX_MERGES: usize = 100_000;
/// Sheets of a workbook.
pub const MAX_SHEETS: usize = 1_000;
/// Cell formats, fills, fonts or named styles read for colours (Excel allows 64,000 formats);
/// more are left unread, so a styles part with a million fills costs only its bytes.
pub const MAX_STYLES: usize = 65_536;
/// Drop-down list sources (`dataValidation`s) and defined names read to find list sheets.
pub const MAX_VALIDATIONS: usize = 10_000;
/// The longest text a cell may hold to be placed in a plan.
pub const MAX_CELL_CHARS: usize = 20_000;
/// The longest line of a lead cell split into names ("CCG, Police and LA"): a longer line is
/// prose, not a list of names, and is kept whole (and splitting stays linear).
pub const MAX_LEAD_LINE_CHARS: usize = 300;

/// What the readers of one document have produced so far, against `MAX_TEXT_BYTES` and
/// `MAX_GRID_CELLS`. Reading stops with `ReadError::TooLarge` at the first cap reached.
#[derive(Debug, Default)]
pub struct Budget {
    text: usize,
    grid: usize,
}

impl Budget {
    /// Counts `bytes` of text about to be kept.
    pub fn text(&mut self, bytes: usize) -> Result<(), ReadError> {
        self.text = self.text.saturating_add(bytes);
        if self.text > MAX_TEXT_BYTES {
            return Err(ReadError::TooLarge(format!(
                "the file's tables hold more than {} MiB of text (repeated or merged cells count each time they repeat): too large to be a plan; reading stopped there",
                MAX_TEXT_BYTES >> 20
            )));
        }
        Ok(())
    }

    /// The grid cells still free.
    pub fn grid_left(&self) -> usize {
        MAX_GRID_CELLS.saturating_sub(self.grid)
    }

    /// Counts `cells` laid on a grid.
    pub fn grid(&mut self, cells: usize) -> Result<(), ReadError> {
        self.grid = self.grid.saturating_add(cells);
        if self.grid > MAX_GRID_CELLS {
            return Err(ReadError::TooLarge(format!(
                "the file's tables have more than {MAX_GRID_CELLS} cells: too large to be a plan; reading stopped there"
            )));
        }
        Ok(())
    }
}

/// What `check_zip` learned of the parts it inflated, for the reader that follows.
#[derive(Debug, Default)]
pub struct Scan {
    /// For an .ods: the cells and text calamine would build from `content.xml`.
    pub ods_cells: usize,
    pub ods_text: usize,
}

/// Which kind of container is scanned, so the parts that matter to its reader are looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    Docx,
    Xlsx,
    Ods,
}

fn too_large(message: String) -> ReadError {
    ReadError::TooLarge(message)
}

/// Inflates every part of a zip (into nothing, counting), and refuses it when a part or all
/// together inflate beyond the caps, whatever sizes the zip declares; then looks into the
/// parts a reader would multiply (a workbook's sheet list and merged regions, an .ods's
/// repeated rows and columns) and refuses those past their caps too.
pub fn check_zip<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    container: Container,
    what: &'static str,
) -> Result<Scan, ReadError> {
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(too_large(format!(
            "the file holds {} parts (more than {MAX_ZIP_ENTRIES}): not a plan document",
            zip.len()
        )));
    }
    let mut total: u64 = 0;
    let mut scan = Scan::default();
    let mut held: HashMap<String, Vec<u8>> = HashMap::new();
    let mut merges = 0usize;
    for i in 0..zip.len() {
        // the declared size first: an honest bomb is refused before anything is inflated
        let declared = zip.by_index_raw(i).map(|f| f.size()).unwrap_or(0);
        if declared > MAX_PART_BYTES {
            return Err(part_too_large(declared));
        }
        let mut part = match zip.by_index(i) {
            Ok(p) => p,
            Err(zip::result::ZipError::UnsupportedArchive(m)) => {
                return Err(ReadError::damaged(what, m))
            }
            Err(e) => return Err(ReadError::damaged(what, e)),
        };
        let name = part.name().to_string();
        let keep = wanted(container, &name);
        let cap = if held_whole(container, &name) {
            MAX_HELD_PART_BYTES
        } else {
            MAX_PART_BYTES
        };
        let mut bytes = Vec::new();
        let inflated = if keep {
            (&mut part)
                .take(cap + 1)
                .read_to_end(&mut bytes)
                .map(|n| n as u64)
        } else {
            std::io::copy(&mut (&mut part).take(cap + 1), &mut std::io::sink())
        }
        .map_err(|e| read_error(what, &name, e))?;
        if inflated > cap {
            return Err(if cap == MAX_HELD_PART_BYTES {
                too_large(format!(
                    "the file's part {name} inflates to more than {} MiB (a real one holds a few hundred kilobytes): refused as a possible zip bomb",
                    cap >> 20
                ))
            } else {
                part_too_large(inflated)
            });
        }
        total += inflated;
        if total > MAX_INFLATED_BYTES {
            return Err(too_large(format!(
                "the file inflates to more than {} MiB: refused as a possible zip bomb",
                MAX_INFLATED_BYTES >> 20
            )));
        }
        drop(part);
        if !keep {
            continue;
        }
        if container == Container::Xlsx && name.starts_with("xl/worksheets/") {
            merges += count(&bytes, b"<mergeCell ") + count(&bytes, b":mergeCell ");
            if merges > MAX_MERGES {
                return Err(too_large(format!(
                    "the workbook has more than {MAX_MERGES} merged regions: too large to be a plan"
                )));
            }
        } else if container == Container::Ods && name == "content.xml" {
            let (cells, text) = ods_size(&bytes).map_err(|e| ReadError::damaged(what, e))?;
            scan.ods_cells = cells;
            scan.ods_text = text;
            if cells > MAX_GRID_CELLS {
                return Err(too_large(format!(
                    "the spreadsheet's repeated rows and columns make more than {MAX_GRID_CELLS} cells: too large to be a plan"
                )));
            }
            if text > MAX_TEXT_BYTES {
                return Err(too_large(format!(
                    "the spreadsheet's repeated cells hold more than {} MiB of text: too large to be a plan",
                    MAX_TEXT_BYTES >> 20
                )));
            }
        } else {
            held.insert(name, bytes);
        }
    }
    if container == Container::Xlsx {
        check_sheets(&held)?;
    }
    Ok(scan)
}

fn part_too_large(size: u64) -> ReadError {
    too_large(format!(
        "a part of the file inflates to {} MiB (more than {} MiB): refused as a possible zip bomb",
        size >> 20,
        MAX_PART_BYTES >> 20
    ))
}

/// An error inflating a part: a zip cut short reads as "unexpected end", other errors as damage.
fn read_error(what: &'static str, name: &str, e: std::io::Error) -> ReadError {
    if e.kind() == std::io::ErrorKind::UnexpectedEof {
        ReadError::Truncated {
            what,
            detail: format!("its part {name} ends early"),
        }
    } else {
        ReadError::damaged(what, format!("{name}: {e}"))
    }
}

/// The parts whose bytes `check_zip` looks into.
fn wanted(container: Container, name: &str) -> bool {
    match container {
        Container::Xlsx => {
            name.starts_with("xl/worksheets/")
                || name == "xl/workbook.xml"
                || name == "xl/_rels/workbook.xml.rels"
        }
        Container::Ods => name == "content.xml",
        Container::Docx => false,
    }
}

/// The parts calamine reads whole into memory as it opens a workbook.
fn held_whole(container: Container, name: &str) -> bool {
    container == Container::Xlsx
        && matches!(
            name,
            "xl/sharedStrings.xml"
                | "xl/styles.xml"
                | "xl/workbook.xml"
                | "xl/_rels/workbook.xml.rels"
        )
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// A workbook's sheets: at most `MAX_SHEETS`, each its own part (thousands of sheet entries
/// pointing at one part would have it read thousands of times).
fn check_sheets(held: &HashMap<String, Vec<u8>>) -> Result<(), ReadError> {
    let (Some(book), Some(rels)) = (
        held.get("xl/workbook.xml"),
        held.get("xl/_rels/workbook.xml.rels"),
    ) else {
        return Ok(());
    };
    let ids = attributes(book, b"sheet", b"id");
    if ids.len() > MAX_SHEETS {
        return Err(too_large(format!(
            "the workbook has {} sheets (more than {MAX_SHEETS}): too many to be a plan",
            ids.len()
        )));
    }
    let targets: HashMap<String, String> = pairs(rels);
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if let Some(t) = targets.get(&id) {
            let t = t
                .trim_start_matches('/')
                .trim_start_matches("xl/")
                .to_string();
            if !seen.insert(t.clone()) {
                return Err(ReadError::damaged(
                    "workbook",
                    format!("two of its sheets are the same part, {t}"),
                ));
            }
        }
    }
    Ok(())
}

/// The values of attribute `attr` (local name) on elements `element` (local name).
fn attributes(xml: &[u8], element: &[u8], attr: &[u8]) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == element => {
                if let Some(v) = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == attr)
                    .and_then(|a| a.decode_and_unescape_value(reader.decoder()).ok())
                {
                    out.push(v.into_owned());
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// A relationships part as Id -> Target.
fn pairs(xml: &[u8]) -> HashMap<String, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = HashMap::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                let decoder = reader.decoder();
                let get = |k: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == k)
                        .and_then(|a| {
                            a.decode_and_unescape_value(decoder)
                                .ok()
                                .map(|v| v.into_owned())
                        })
                };
                if let (Some(id), Some(t)) = (get(b"Id"), get(b"Target")) {
                    out.insert(id, t);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// The cells and bytes of text calamine would build from an .ods `content.xml`: it expands
/// `number-rows-repeated` and `number-columns-repeated` into a dense range per sheet (from the
/// first row with a value to the last; the repeated empty rows Calc writes at a sheet's end
/// cost nothing), copying a cell's text each time it repeats.
fn ods_size(xml: &[u8]) -> Result<(usize, usize), quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let (mut cells, mut text) = (0usize, 0usize);
    // per table: rows (repeats, width, text) from the first row with a value
    let mut rows: Vec<(usize, usize, usize, bool)> = Vec::new();
    let (mut width, mut row_text, mut row_full, mut row_repeat) = (0usize, 0usize, false, 1usize);
    let (mut cell_repeat, mut cell_text, mut pending_empty) = (1usize, 0usize, 0usize);
    let mut in_cell = false;
    let repeat = |e: &quick_xml::events::BytesStart<'_>, key: &[u8]| {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .and_then(|a| {
                std::str::from_utf8(&a.value)
                    .ok()?
                    .trim()
                    .parse::<usize>()
                    .ok()
            })
            .unwrap_or(1)
    };
    let close_table =
        |rows: &mut Vec<(usize, usize, usize, bool)>, cells: &mut usize, text: &mut usize| {
            let last = rows.iter().rposition(|r| r.3);
            let first = rows.iter().position(|r| r.3);
            if let (Some(first), Some(last)) = (first, last) {
                let span = &rows[first..=last];
                let width = span.iter().map(|r| r.1).max().unwrap_or(0);
                let height: usize = span.iter().fold(0usize, |h, r| h.saturating_add(r.0));
                *cells = cells.saturating_add(height.saturating_mul(width));
                for r in span {
                    *text = text.saturating_add(r.0.saturating_mul(r.2));
                }
            }
            rows.clear();
        };
    loop {
        let event = reader.read_event()?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"table:table-row" => {
                    row_repeat = repeat(&e, b"table:number-rows-repeated");
                    (width, row_text, row_full, pending_empty) = (0, 0, false, 0);
                    if empty {
                        rows.push((row_repeat, 0, 0, false));
                    }
                }
                b"table:table-cell" | b"table:covered-table-cell" => {
                    cell_repeat = repeat(&e, b"table:number-columns-repeated");
                    cell_text = e.attributes().flatten().map(|a| a.value.len()).sum();
                    let valued = e.attributes().flatten().any(|a| {
                        a.key.as_ref().ends_with(b"value") || a.key.as_ref() == b"table:formula"
                    });
                    if empty {
                        end_cell(
                            valued,
                            cell_repeat,
                            cell_text,
                            &mut width,
                            &mut row_text,
                            &mut row_full,
                            &mut pending_empty,
                        );
                    } else {
                        in_cell = true;
                        if valued {
                            cell_text += 1;
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_cell => cell_text = cell_text.saturating_add(t.len() + 1),
            Event::End(e) => match e.name().as_ref() {
                b"table:table-cell" | b"table:covered-table-cell" => {
                    in_cell = false;
                    end_cell(
                        cell_text > 0,
                        cell_repeat,
                        cell_text,
                        &mut width,
                        &mut row_text,
                        &mut row_full,
                        &mut pending_empty,
                    );
                }
                b"table:table-row" => rows.push((row_repeat, width, row_text, row_full)),
                b"table:table" => close_table(&mut rows, &mut cells, &mut text),
                _ => {}
            },
            _ => {}
        }
    }
    close_table(&mut rows, &mut cells, &mut text);
    Ok((cells, text))
}

/// One cell of an .ods row: a valued cell's repeats widen the row (after the empty cells
/// before it); trailing empty cells do not.
fn end_cell(
    valued: bool,
    repeat: usize,
    text: usize,
    width: &mut usize,
    row_text: &mut usize,
    row_full: &mut bool,
    pending_empty: &mut usize,
) {
    if valued {
        *width = width.saturating_add(*pending_empty).saturating_add(repeat);
        *row_text = row_text.saturating_add(text.saturating_mul(repeat));
        *row_full = true;
        *pending_empty = 0;
    } else {
        *pending_empty = pending_empty.saturating_add(repeat);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ods_repeats_are_counted_and_trailing_empty_rows_are_free() {
        let row = |r: &str, cells: &str| {
            format!(
                r#"<table:table-row table:number-rows-repeated="{r}">{cells}</table:table-row>"#
            )
        };
        let valued = r#"<table:table-cell office:value-type="string"><text:p>abc</text:p></table:table-cell>"#;
        let xml = format!(
            "<table:table>{}{}{}</table:table>",
            row("1", valued),
            row("1000000000", valued),
            row(
                "1048000",
                r#"<table:table-cell table:number-columns-repeated="1024"/>"#
            )
        );
        let (cells, text) = ods_size(xml.as_bytes()).expect("parses");
        assert_eq!(cells, 1_000_000_001);
        assert!(text > 1_000_000_000);
        let calc = format!(
            "<table:table>{}{}</table:table>",
            row("1", valued),
            row(
                "1048000",
                r#"<table:table-cell table:number-columns-repeated="1024"/>"#
            )
        );
        assert_eq!(ods_size(calc.as_bytes()).expect("parses").0, 1);
    }
}
