//! Which cells of an .xlsx hold a formula, by sheet name.
//!
//! A return filled by a script (openpyxl, most of them) keeps a formula with no computed value:
//! calamine then reads an empty cell, and an update typed as `="Done " & B2` would be lost
//! without a word. `import --updates` asks this module where the formulas are and refuses such
//! a row by its number. Only the cells' places are kept (and a short excerpt of each formula),
//! read as a stream from the sheet's XML, at most `limits::MAX_CELLS` of them; calamine's own
//! formula reader is not used because a shared formula's `ref` makes it allocate a map entry
//! per cell of the range, however large the range claims to be.

use super::limits;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read};

/// Per sheet name: (row, column), both from 0, → the formula's first characters.
pub type Formulas = HashMap<String, HashMap<(u32, u32), String>>;

/// The formula cells of every sheet of the workbook `bytes` (an .xlsx already read by
/// `sheet::read`, so its zip passed `limits::check_zip`). A part that cannot be read gives no
/// formulas: the reader that read the values has already said what is wrong with the file.
pub fn of_xlsx(bytes: &[u8]) -> Formulas {
    let mut out = Formulas::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return out;
    };
    let mut left = limits::MAX_CELLS;
    for (name, part) in sheet_parts(&mut zip) {
        let Ok(file) = zip.by_name(&part) else {
            continue;
        };
        let cells =
            cells_with_formulas(BufReader::new(file.take(limits::MAX_PART_BYTES)), &mut left);
        if !cells.is_empty() {
            out.insert(name, cells);
        }
    }
    out
}

/// Sheet name → its part in the zip, from `xl/workbook.xml` and its relationships.
fn sheet_parts<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>) -> Vec<(String, String)> {
    let read = |zip: &mut zip::ZipArchive<R>, name: &str| -> Option<Vec<u8>> {
        let mut v = Vec::new();
        zip.by_name(name)
            .ok()?
            .take(limits::MAX_HELD_PART_BYTES)
            .read_to_end(&mut v)
            .ok()?;
        Some(v)
    };
    let (Some(book), Some(rels)) = (
        read(zip, "xl/workbook.xml"),
        read(zip, "xl/_rels/workbook.xml.rels"),
    ) else {
        return Vec::new();
    };
    let mut targets: HashMap<String, String> = HashMap::new();
    each_element(&rels, b"Relationship", |e| {
        if let (Some(id), Some(target)) = (attr(e, b"Id"), attr(e, b"Target")) {
            let part = match target.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => format!("xl/{target}"),
            };
            targets.insert(id, part);
        }
    });
    let mut out = Vec::new();
    each_element(&book, b"sheet", |e| {
        let name = attr(e, b"name");
        let id = attr(e, b"id");
        if let (Some(name), Some(part)) = (name, id.and_then(|i| targets.get(&i))) {
            out.push((name, part.clone()));
        }
    });
    out
}

fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        // the decoding form: calamine turns on quick-xml's `encoding`, which drops `unescape_value`
        .and_then(|a| {
            a.decode_and_unescape_value(e.decoder())
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Calls `f` on every element named `local` (start or empty) of a small XML part.
fn each_element(xml: &[u8], local: &[u8], mut f: impl FnMut(&BytesStart<'_>)) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == local => f(&e),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
}

/// "B12" → (11, 1).
fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let letters = r.chars().take_while(char::is_ascii_alphabetic).count();
    let (col, row) = r.split_at(letters);
    if col.is_empty() || col.len() > 3 {
        return None;
    }
    let col = col.bytes().try_fold(0u32, |n, b| {
        Some(n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1)
    })?;
    let row: u32 = row.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

/// The cells of one sheet's XML that hold an `<f>` element.
fn cells_with_formulas(
    xml: impl std::io::BufRead,
    left: &mut usize,
) -> HashMap<(u32, u32), String> {
    let mut out = HashMap::new();
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    // the cell being read; cells without `r` follow the one before on its row
    let mut at: Option<(u32, u32)> = None;
    let mut row: u32 = 0;
    let mut next_col: u32 = 0;
    let mut in_formula = false;
    let mut formula = String::new();
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(_) => break,
        };
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"row" => {
                if let Some(r) = attr(&e, b"r").and_then(|r| r.parse::<u32>().ok()) {
                    row = r.saturating_sub(1);
                }
                next_col = 0;
            }
            Event::End(e) if e.local_name().as_ref() == b"row" => {
                row = row.saturating_add(1);
            }
            Event::Start(e) if e.local_name().as_ref() == b"c" => {
                let pos = attr(&e, b"r")
                    .and_then(|r| cell_ref(&r))
                    .unwrap_or((row, next_col));
                next_col = pos.1.saturating_add(1);
                at = Some(pos);
            }
            Event::Empty(e) if e.local_name().as_ref() == b"c" => {
                let pos = attr(&e, b"r")
                    .and_then(|r| cell_ref(&r))
                    .unwrap_or((row, next_col));
                next_col = pos.1.saturating_add(1);
            }
            Event::End(e) if e.local_name().as_ref() == b"c" => at = None,
            Event::Start(e) if e.local_name().as_ref() == b"f" => {
                in_formula = true;
                formula.clear();
            }
            Event::Empty(e) if e.local_name().as_ref() == b"f" => {
                if let Some(pos) = at {
                    if *left == 0 {
                        break;
                    }
                    *left -= 1;
                    out.insert(pos, String::new());
                }
            }
            Event::Text(t) if in_formula && formula.len() < 60 => {
                if let Ok(t) = t.decode() {
                    formula.push_str(&t);
                }
            }
            Event::GeneralRef(r) if in_formula && formula.len() < 60 => {
                if let Ok(name) = r.decode() {
                    if let Some(c) = quick_xml::escape::resolve_predefined_entity(&name) {
                        formula.push_str(c);
                    }
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"f" => {
                in_formula = false;
                if let Some(pos) = at {
                    if *left == 0 {
                        break;
                    }
                    *left -= 1;
                    let shown: String = formula.chars().take(40).collect();
                    out.insert(pos, shown);
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_read_as_row_and_column_from_zero() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("B12"), Some((11, 1)));
        assert_eq!(cell_ref("AA3"), Some((2, 26)));
        assert_eq!(cell_ref("1"), None);
        assert_eq!(cell_ref("A0"), None);
    }

    #[test]
    fn formula_cells_are_found_with_and_without_text() {
        let xml = br#"<worksheet><sheetData><row r="2"><c r="A2" t="s"><v>0</v></c><c r="I2"><f>"Done "&amp;B2</f></c><c r="J2"><f t="shared" si="0"/></c></row></sheetData></worksheet>"#;
        let mut left = 10;
        let got = cells_with_formulas(&xml[..], &mut left);
        assert_eq!(got.get(&(1, 8)).map(String::as_str), Some("\"Done \"&B2"));
        assert_eq!(got.get(&(1, 9)).map(String::as_str), Some(""));
        assert_eq!(got.len(), 2);
        assert_eq!(left, 8);
    }
}
