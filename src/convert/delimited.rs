//! CSV and tab-separated text, as Excel saves it: UTF-8 with or without a byte-order mark,
//! UTF-16 ("Unicode text"), or Windows-1252 (Excel's "CSV" on Windows); separated by commas,
//! semicolons (where the decimal mark is a comma) or tabs; an optional `sep=;` first line.
//!
//! The separator is the one that splits the first rows into the most rows of the same width:
//! Excel pads every row to the sheet's width, while commas inside unquoted text do not.

use super::error::ReadError;
use super::limits;
use super::table::{Cell, Document, Row, Table};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

const SEPARATORS: [u8; 3] = [b',', b';', b'\t'];

/// Reads delimited text; `tab_first` (a `.tsv` file) prefers tabs when separators tie.
pub fn read(bytes: &[u8], tab_first: bool) -> Result<Document, ReadError> {
    let (text, encoding) = decode(bytes);
    let mut doc = Document {
        kind: "text file",
        ..Document::default()
    };
    doc.notes.push(format!("read as {encoding}"));
    let (text, forced) = match text.split_once('\n') {
        Some((first, rest)) if first.trim_end().to_ascii_lowercase().starts_with("sep=") => {
            (rest, first.trim_end().as_bytes().get(4).copied())
        }
        _ => (text.as_str(), None),
    };
    let sep = forced.unwrap_or_else(|| separator(text, tab_first));
    doc.notes.push(format!(
        "separated by {}",
        match sep {
            b',' => "commas",
            b';' => "semicolons",
            b'\t' => "tabs",
            _ => "the separator its `sep=` line names",
        }
    ));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    let offset = usize::from(forced.is_some());
    let mut rows = Vec::new();
    // line numbers from the records' byte offsets (counted once, front to back)
    let (mut line, mut counted) = (1usize, 0usize);
    let mut cells_read = 0usize;
    let mut budget = limits::Budget::default();
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::damaged("CSV file", e))?;
        cells_read += record.len().min(limits::MAX_COLUMNS);
        if rows.len() >= limits::MAX_ROWS || cells_read > limits::MAX_CELLS {
            doc.notes.push(format!(
                "line {} and after were not read: more than {} rows or {} cells",
                line + offset,
                limits::MAX_ROWS,
                limits::MAX_CELLS
            ));
            break;
        }
        let mut start = record
            .position()
            .map_or(counted, |p| p.byte() as usize)
            .min(text.len());
        // after a CRLF record the reader stops at the `\r`: the record starts past the newline
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start > counted {
            line += text.as_bytes()[counted..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted = start;
        }
        let number = line + offset;
        let cells: Vec<Cell> = record
            .iter()
            .take(limits::MAX_COLUMNS)
            .map(Cell::text)
            .collect();
        budget.text(cells.iter().map(|c| c.text.len()).sum())?;
        rows.push(Row { number, cells });
    }
    // an odd number of quotes: the last one opened is never closed, and the reader ran the
    // rest of the file into its row (where it was meant to be one cell, the file says so)
    if text.bytes().filter(|&b| b == b'"').count() % 2 == 1 {
        if let Some(last) = rows.last() {
            let end = text.trim_end_matches(['\r', '\n']).matches('\n').count() + 1 + offset;
            if end > last.number {
                doc.notes.push(format!(
                    "line {}: a quote opened in this row is never closed, so lines {}–{end} were read as one row; close the quote if they are separate rows",
                    last.number, last.number
                ));
            }
        }
    }
    // planlint's own export (its header row exactly): the quotes `csv_cell` put before text a
    // spreadsheet would run come off, so the plan's text comes back as it was
    if rows.first().is_some_and(|r| {
        r.cells
            .iter()
            .map(|c| c.text.as_str())
            .eq(super::tracker::COLUMNS)
    }) {
        for cell in rows.iter_mut().skip(1).flat_map(|r| r.cells.iter_mut()) {
            let undone = super::tracker::csv_cell_undo(&cell.text);
            if undone.len() != cell.text.len() {
                cell.text = undone.to_string();
            }
        }
    }
    doc.tables.push(Table {
        index: 1,
        sheet: None,
        before: Vec::new(),
        rows,
    });
    Ok(doc)
}

/// The text and the name of the encoding it was read in.
fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        let (text, _, _) = enc.decode(bytes);
        let name = if enc == UTF_8 {
            "UTF-8 (with a byte-order mark)"
        } else if enc == UTF_16LE || enc == UTF_16BE {
            "UTF-16 (Excel's Unicode text)"
        } else {
            "its byte-order mark's encoding"
        };
        return (text.into_owned(), name);
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => (t.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            (
                text.into_owned(),
                "Windows-1252 (not UTF-8: as Excel saves CSV on Windows)",
            )
        }
    }
}

/// The separator that gives the most rows of one width (over two columns) in the first rows.
fn separator(text: &str, tab_first: bool) -> u8 {
    let mut order = SEPARATORS;
    if tab_first {
        order = [b'\t', b',', b';'];
    }
    let mut best = (order[0], (0usize, 0usize));
    for sep in order {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(sep)
            .from_reader(text.as_bytes());
        let mut widths: std::collections::HashMap<usize, usize> = Default::default();
        for record in reader.records().take(100).flatten() {
            if record.len() > 1 {
                *widths.entry(record.len()).or_default() += 1;
            }
        }
        let score = widths
            .into_iter()
            .map(|(width, rows)| (rows, width))
            .max()
            .unwrap_or((0, 0));
        if score > best.1 {
            best = (sep, score);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_win_over_commas_inside_text() {
        let text = "No.;Action;Lead\n1;Do this, then that, then more;A\n2;Plan, agree;B\n";
        assert_eq!(separator(text, false), b';');
        assert_eq!(separator("a,b\n1,2\n", false), b',');
        assert_eq!(separator("a\tb\n1\t2\n", false), b'\t');
    }

    #[test]
    fn windows_1252_and_bom_are_decoded() {
        let (t, e) = decode(b"Caf\xe9 \x96 r\xf4le");
        assert_eq!(t, "Café – rôle");
        assert!(e.starts_with("Windows-1252"));
        let (t, e) = decode(b"\xef\xbb\xbfNo.");
        assert_eq!(t, "No.");
        assert!(e.contains("byte-order mark"));
    }

    #[test]
    fn rows_keep_their_line_numbers_and_quoted_line_breaks() {
        let crlf = read(b"Title;;\r\nNo.;Lead;X\r\n1;A;B\r\n", false).unwrap();
        let numbers: Vec<usize> = crlf.tables[0].rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2, 3]);
        let d = read(b"sep=;\nNo.;Lead\n1;\"A\nB\"\n2;C\n", false).unwrap();
        let rows = &d.tables[0].rows;
        assert_eq!(rows[1].cells[1].text, "A\nB");
        assert_eq!(rows[1].number, 3);
        assert_eq!(rows[2].number, 5);
    }
}
