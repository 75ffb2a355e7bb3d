//! What every reader produces: a document as tables of rows of cells (Word tables, sheets, a
//! CSV file), with the paragraphs a Word document has between its tables. Header detection and
//! the plan builder work on this alone, so they do not know which format a file came in.

use chrono::NaiveDate;

/// One cell, with its text as written (lines kept) and, for spreadsheet dates, the date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    /// A spreadsheet cell that holds a real date (not text that reads as one).
    pub date: Option<NaiveDate>,
    /// Grid columns the cell covers (Word `gridSpan`, merged spreadsheet cells): 1 for most.
    pub span: usize,
    /// A vertically merged cell's lower part: its text is the merged cell's, copied from above.
    pub merged_from_above: bool,
    /// The cell's background colour (Word `w:shd` fill, a spreadsheet's solid fill), when it
    /// has one other than white or "auto": plans that rate by colour alone keep the rating here.
    pub fill: Option<Rgb>,
    /// The colour of the cell's text, when all of it has one colour other than black or auto.
    pub ink: Option<Rgb>,
}

/// A colour as red, green and blue bytes.
pub type Rgb = [u8; 3];

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            date: None,
            span: 1,
            merged_from_above: false,
            fill: None,
            ink: None,
        }
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty() && self.date.is_none()
    }
}

/// One row: its number as the user sees it (spreadsheet row, Word table row, CSV line), and
/// its cells laid on the table's grid (a cell spanning three columns is followed by two
/// blank cells with `span` 0).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn cell(&self, column: usize) -> Option<&Cell> {
        self.cells.get(column)
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_blank)
    }
}

/// A paragraph of a Word document outside tables: its text and whether its style is a
/// heading (`Heading1`…, `Title`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    pub heading: bool,
    pub title: bool,
}

/// One table: a Word table, a sheet, or a whole CSV file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// 1-based position among the document's tables or the workbook's sheets.
    pub index: usize,
    /// The sheet's name (spreadsheets only).
    pub sheet: Option<String>,
    /// The paragraphs between the previous table (or the document's start) and this one.
    pub before: Vec<Paragraph>,
    pub rows: Vec<Row>,
}

/// What a reader gives back: the tables, and a word for the kind of file ("Word document").
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub kind: &'static str,
    pub tables: Vec<Table>,
    /// Notes the reader has for the report ("merged cells in …").
    pub notes: Vec<String>,
}

/// Where a row is, as the report names it: "line 5" in a text file, "sheet \"Prevention\", row
/// 4" or "table 2, row 4" when several tables or sheets are read, else "row 4". The one
/// naming the builder and the colour pass share.
pub fn place(table: &Table, row: &Row, name_tables: bool, lines: bool) -> String {
    if lines {
        format!("line {}", row.number)
    } else if !name_tables {
        format!("row {}", row.number)
    } else if let Some(sheet) = &table.sheet {
        format!("sheet \"{}\", row {}", short(sheet, 40), row.number)
    } else {
        format!("table {}, row {}", table.index, row.number)
    }
}

/// Whitespace normalised and nothing else: each line trimmed with inner runs of spaces (tabs,
/// no-break spaces) made one space; runs of blank lines made one; blank lines at either end
/// dropped.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = false;
    for line in text.split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{b}']) {
        let words: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}')
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            blank_run = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank_run {
                out.push('\n');
            }
        }
        blank_run = false;
        out.push_str(&words.join(" "));
    }
    out
}

/// The one line a cell shows in the report ("Matching local need…"), cut at `max` characters.
pub fn short(text: &str, max: usize) -> String {
    let one = normalise(text).replace('\n', " ");
    if one.chars().count() <= max {
        one
    } else {
        let cut: String = one.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_keeps_lines_and_collapses_spaces() {
        assert_eq!(normalise("  a \t b\u{a0}c \r\n\n\n d  \n"), "a b c\n\nd");
        assert_eq!(normalise("Dec\n2016"), "Dec\n2016");
        assert_eq!(normalise(" \n \n"), "");
    }

    #[test]
    fn short_cuts_on_a_character_boundary() {
        assert_eq!(short("Café crème brûlée", 6), "Café…");
        assert_eq!(short("a\nb", 10), "a b");
    }
}
