//! Spreadsheets (.xlsx, .xls, .ods) through calamine: every sheet as a table, real dates kept
//! as dates, numbers written the way Excel shows them (`12`, not `12.0`).
//!
//! An .xlsx is read cell by cell (calamine's cell reader), so a stray value at row one million
//! costs nothing: rows past `MAX_ROWS` and columns past `MAX_COLUMNS` are not read, and the
//! report says so. Merged cells in an .xlsx are laid out as Word's are (see `table`).
//!
//! Cell colours (fills and text colours, which calamine does not read) come from `fills`. For
//! import (`read` with `leave_out`), hidden sheets and the sheets that hold drop-down lists are left out, with
//! a note each: a plan is on the sheets people see.

use super::error::ReadError;
use super::fills;
use super::limits;
use super::table::{Cell, Document, Row, Table};
use calamine::{Data, Reader};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::io::Cursor;

/// Reads one sheet of an .xls or .ods by name.
type SheetReader<'a> = Box<dyn FnMut(&str) -> Result<calamine::Range<Data>, ReadError> + 'a>;

const WHAT: &str = "workbook";

fn damaged(e: &dyn std::fmt::Display) -> ReadError {
    ReadError::damaged(WHAT, e)
}

/// calamine's typed errors: a password is its own variant, everything else is damage.
fn xls_error(e: calamine::XlsError) -> ReadError {
    match e {
        calamine::XlsError::Password => ReadError::Password,
        e => damaged(&e),
    }
}

fn ods_error(e: calamine::OdsError) -> ReadError {
    match e {
        calamine::OdsError::Password => ReadError::Password,
        e => damaged(&e),
    }
}

/// Which reader a workbook needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Book {
    Xlsx,
    Xls,
    Ods,
}

/// Reads the sheets of a workbook held in memory: every sheet, or only those named `only`
/// (compared without case; the others are listed by name with no rows, so a message can name
/// them). With `leave_out` and no sheet named, hidden sheets and the sheets that hold
/// drop-down lists are left out, each with a note: a plan is on the sheets people see.
pub fn read(
    bytes: &[u8],
    book: Book,
    only: Option<&str>,
    leave_out: bool,
) -> Result<Document, ReadError> {
    let skip = |name: &str| only.is_some_and(|o| !o.trim().eq_ignore_ascii_case(name.trim()));
    let mut doc = Document {
        kind: "workbook",
        ..Document::default()
    };
    let mut budget = limits::Budget::default();
    // (sheet with a drop-down list, sheet the list is on)
    let mut lists: Vec<(String, String)> = Vec::new();
    match book {
        Book::Xlsx => {
            let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
            limits::check_zip(&mut zip, limits::Container::Xlsx, WHAT)?;
            let styles = fills::XlsxStyles::read(&mut zip);
            let parts = fills::XlsxBook::read(&mut zip);
            let mut wb: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
            let merged = wb.load_merged_regions().is_ok();
            let hidden = hidden(wb.sheets_metadata(), only, leave_out, &mut doc.notes);
            for (i, name) in wb.sheet_names().into_iter().enumerate() {
                if skip(&name) {
                    push_table(&mut doc, &mut budget, i + 1, name, BTreeMap::new())?;
                    continue;
                }
                if hidden.contains(&name) {
                    continue;
                }
                let mut cells = BTreeMap::new();
                let mut reader = wb.worksheet_cells_reader(&name).map_err(|e| damaged(&e))?;
                let mut clipped = false;
                while let Some(c) = reader.next_cell().map_err(|e| damaged(&e))? {
                    let (r, col) = c.get_position();
                    let value = cell_of(Data::from(c.get_value().clone()));
                    if value.is_blank() {
                        continue;
                    }
                    if r as usize >= limits::MAX_ROWS
                        || col as usize >= limits::MAX_COLUMNS
                        || cells.len() >= limits::MAX_CELLS
                    {
                        clipped = true;
                        continue;
                    }
                    // a shared string is stored once and copied into every cell that names it
                    budget.text(value.text.len())?;
                    cells.insert((r, col), value);
                }
                drop(reader);
                if clipped {
                    doc.notes.push(format!(
                        "sheet \"{name}\": values past row {} or column {} (or past {} cells) were not read",
                        limits::MAX_ROWS,
                        limits::MAX_COLUMNS,
                        limits::MAX_CELLS
                    ));
                }
                if merged {
                    let mut left = limits::MAX_CELLS;
                    for (_, _, d) in wb.merged_regions_by_sheet(&name) {
                        spread(&mut cells, d.start, d.end, &mut left, &mut budget)?;
                    }
                }
                push_table(&mut doc, &mut budget, i + 1, name.clone(), cells)?;
                // the colours and drop-down lists calamine does not read, from the sheet's part
                if let (Some(path), Some(table)) = (parts.parts.get(&name), doc.tables.last_mut()) {
                    for source in fills::xlsx_sheet(&mut zip, path, &styles, table) {
                        for list in fills::source_sheets(&source, &parts.names) {
                            if !list.eq_ignore_ascii_case(&name)
                                && !lists.contains(&(name.clone(), list.clone()))
                            {
                                lists.push((name.clone(), list));
                            }
                        }
                    }
                }
            }
        }
        Book::Xls | Book::Ods => {
            let mut wb: SheetReader<'_>;
            let names;
            let metadata;
            let mut ods_zip = None;
            match book {
                Book::Xls => {
                    let mut x: calamine::Xls<_> =
                        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(xls_error)?;
                    names = x.sheet_names();
                    metadata = x.sheets_metadata().to_vec();
                    wb = Box::new(move |n| x.worksheet_range(n).map_err(xls_error));
                }
                _ => {
                    let mut zip =
                        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
                    limits::check_zip(&mut zip, limits::Container::Ods, WHAT)?;
                    ods_zip = Some(zip);
                    let mut x: calamine::Ods<_> =
                        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(ods_error)?;
                    names = x.sheet_names();
                    metadata = x.sheets_metadata().to_vec();
                    wb = Box::new(move |n| x.worksheet_range(n).map_err(ods_error));
                }
            }
            let hidden = hidden(&metadata, only, leave_out, &mut doc.notes);
            for (i, name) in names.into_iter().enumerate() {
                if skip(&name) {
                    push_table(&mut doc, &mut budget, i + 1, name, BTreeMap::new())?;
                    continue;
                }
                if hidden.contains(&name) {
                    continue;
                }
                let range = wb(&name)?;
                let (r0, c0) = range.start().unwrap_or((0, 0));
                let mut cells = BTreeMap::new();
                for (r, c, v) in range.used_cells() {
                    let value = cell_of(v.clone());
                    if value.is_blank() || r >= limits::MAX_ROWS || c >= limits::MAX_COLUMNS {
                        continue;
                    }
                    budget.text(value.text.len())?;
                    cells.insert((r as u32 + r0, c as u32 + c0), value);
                }
                push_table(&mut doc, &mut budget, i + 1, name, cells)?;
            }
            // calamine's copy of the workbook is no longer needed
            drop(wb);
            if let Some(mut zip) = ods_zip {
                let found = fills::ods(&mut zip, &mut doc.tables);
                lists = found.lists;
                if leave_out && only.is_none() {
                    leave_out_hidden(&mut doc, &found.hidden);
                }
            }
        }
    }
    if leave_out && only.is_none() {
        leave_out_lists(&mut doc, &lists);
    }
    Ok(doc)
}

/// The hidden sheets to leave out, each noted; none when a sheet is named (`--sheet` reads a
/// hidden one) or when no sheet is visible (then they are read, and the very hidden noted).
fn hidden(
    metadata: &[calamine::Sheet],
    only: Option<&str>,
    leave_out: bool,
    notes: &mut Vec<String>,
) -> Vec<String> {
    let mut out = Vec::new();
    let any_visible = metadata
        .iter()
        .any(|m| m.visible == calamine::SheetVisible::Visible);
    for m in metadata {
        let very = m.visible == calamine::SheetVisible::VeryHidden;
        if m.visible == calamine::SheetVisible::Visible
            || only.is_some_and(|o| !o.trim().eq_ignore_ascii_case(m.name.trim()))
        {
            continue;
        }
        let what = if very {
            "very hidden (Excel shows it in no menu; only a macro can unhide it)"
        } else {
            "hidden"
        };
        if leave_out && any_visible && only.is_none() {
            notes.push(format!(
                "sheet \"{}\" is {what}: left out (name it with --sheet to read it)",
                m.name
            ));
            out.push(m.name.clone());
        } else if very {
            // a plan read from a sheet its owner cannot see would surprise them
            notes.push(format!(
                "sheet \"{}\" is {what}: it was read like the others",
                m.name
            ));
        }
    }
    out
}

/// Leaves out the hidden sheets calamine read as visible, each with a note, unless no other
/// sheet is left.
fn leave_out_hidden(doc: &mut Document, hidden: &[String]) {
    let is_hidden = |t: &Table| t.sheet.as_ref().is_some_and(|s| hidden.contains(s));
    if !doc.tables.iter().any(|t| !is_hidden(t)) {
        return;
    }
    for t in doc.tables.iter().filter(|t| is_hidden(t)) {
        doc.notes.push(format!(
            "sheet \"{}\" is hidden: left out (name it with --sheet to read it)",
            t.sheet.as_deref().unwrap_or("")
        ));
    }
    doc.tables.retain(|t| !is_hidden(t));
}

/// Words a sheet of drop-down lists is named with ("Lists", "Lookups", "Drop-downs", "RAG
/// lists", "Data validation").
const LIST_NAMES: &[&str] = &[
    "lists",
    "lookup",
    "lookups",
    "dropdown",
    "dropdowns",
    "validation",
    "validations",
    "picklist",
    "picklists",
];

/// Whether a sheet's name says it holds lists: one of `LIST_NAMES` as a word ("drop down"
/// counts), or the name is just "List".
fn list_name(name: &str) -> bool {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.iter().any(|w| LIST_NAMES.contains(&w.as_str()))
        || words
            .windows(2)
            .any(|w| w[0] == "drop" && w[1].starts_with("down"))
        || words == ["list"]
}

/// Whether a table holds only short lists: every value short (a list item, not an action), few
/// of them, and hardly a row as wide as a plan's (a plan of short titles, with its id, lead,
/// due date and rating, is never taken for lists).
fn short_lists(t: &Table) -> bool {
    let values: Vec<&Cell> = t
        .rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .filter(|c| !c.is_blank())
        .collect();
    let wide = t
        .rows
        .iter()
        .filter(|r| r.cells.iter().filter(|c| !c.is_blank()).count() >= 4)
        .count();
    values.len() <= 500 && wide < 2 && values.iter().all(|c| c.text.chars().count() <= 60)
}

/// Leaves out the sheets that hold drop-down lists: those another sheet's data validation reads
/// its list from, and those named as lists, when they hold only short lists. Never every sheet.
fn leave_out_lists(doc: &mut Document, lists: &[(String, String)]) {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, t) in doc.tables.iter().enumerate() {
        let Some(name) = t.sheet.as_deref() else {
            continue;
        };
        if !short_lists(t) {
            continue;
        }
        let mut users: Vec<&str> = lists
            .iter()
            .filter(|(_, l)| l.trim().eq_ignore_ascii_case(name.trim()))
            .map(|(u, _)| u.as_str())
            .collect();
        users.dedup();
        if !users.is_empty() {
            let users: Vec<String> = users.iter().map(|u| format!("\"{u}\"")).collect();
            out.push((
                i,
                format!(
                    "sheet \"{name}\" holds the drop-down lists of sheet {} (data validation): left out",
                    users.join(", ")
                ),
            ));
        } else if list_name(name) {
            out.push((
                i,
                format!("sheet \"{name}\" holds only short lists, as its name says: left out"),
            ));
        }
    }
    if out.len() >= doc.tables.len() {
        return;
    }
    for (i, _) in out.iter().rev() {
        doc.tables.remove(*i);
    }
    doc.notes.extend(out.into_iter().map(|(_, note)| note));
}

/// A merged region: the top-left cell spans the region's width, and cells below it in the
/// region repeat its text as Word's vertical merges do (at most `budget` cells in all, so a
/// sheet of whole-column merges cannot fill memory).
fn spread(
    cells: &mut BTreeMap<(u32, u32), Cell>,
    start: (u32, u32),
    end: (u32, u32),
    left: &mut usize,
    budget: &mut limits::Budget,
) -> Result<(), ReadError> {
    let Some(top) = cells.get_mut(&start) else {
        return Ok(());
    };
    let width = end.1.saturating_sub(start.1) as usize + 1;
    top.span = width.min(limits::MAX_COLUMNS);
    let top = top.clone();
    let rows = end
        .0
        .saturating_sub(start.0)
        .min(limits::MAX_ROWS as u32)
        .min(u32::try_from(*left).unwrap_or(u32::MAX));
    *left -= rows as usize;
    for r in 1..=rows {
        // each copy is text kept: a long cell merged down 100,000 rows is 100,000 copies
        budget.text(top.text.len())?;
        let mut below = top.clone();
        below.merged_from_above = true;
        cells.insert((start.0 + r, start.1), below);
    }
    Ok(())
}

/// Lays a sheet's cells out as a table and adds it, with a note when the sheet was too large to
/// lay out whole (rows times width past the grid cells left of `MAX_GRID_CELLS`).
fn push_table(
    doc: &mut Document,
    budget: &mut limits::Budget,
    index: usize,
    name: String,
    cells: BTreeMap<(u32, u32), Cell>,
) -> Result<(), ReadError> {
    let (t, clipped) = table(index, name, cells, budget.grid_left());
    budget.grid(t.rows.iter().map(|r| r.cells.len()).sum())?;
    if let Some(at) = clipped {
        doc.notes.push(format!(
            "sheet \"{}\": rows from {at} on were not read (the sheet is too large)",
            t.sheet.as_deref().unwrap_or("")
        ));
    }
    doc.tables.push(t);
    Ok(())
}

fn table(
    index: usize,
    name: String,
    cells: BTreeMap<(u32, u32), Cell>,
    grid_left: usize,
) -> (Table, Option<usize>) {
    let width = cells
        .keys()
        .map(|&(_, c)| c as usize + 1)
        .max()
        .unwrap_or(0);
    let max_rows = grid_left / width.max(1);
    let mut rows: Vec<Row> = Vec::new();
    let mut clipped = None;
    for ((r, c), cell) in cells {
        let number = r as usize + 1;
        if rows.last().map(|row| row.number) != Some(number) {
            if rows.len() >= max_rows {
                clipped = Some(number);
                break;
            }
            rows.push(Row {
                number,
                cells: vec![Cell::text(""); width],
            });
        }
        if let Some(slot) = rows
            .last_mut()
            .and_then(|row| row.cells.get_mut(c as usize))
        {
            *slot = cell;
        }
    }
    let table = Table {
        index,
        sheet: Some(name),
        before: Vec::new(),
        rows,
    };
    (table, clipped)
}

/// A cell as text, with its date when it holds one.
fn cell_of(v: Data) -> Cell {
    match v {
        Data::Empty => Cell::text(""),
        Data::String(s) => Cell::text(s),
        Data::Int(i) => Cell::text(i.to_string()),
        Data::Float(f) => Cell::text(number(f)),
        Data::Bool(b) => Cell::text(if b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) if !dt.is_duration() => match dt.as_datetime() {
            Some(d) => dated(d.date()),
            None => Cell::text(number(dt.as_f64())),
        },
        Data::DateTime(dt) => Cell::text(number(dt.as_f64())),
        Data::DateTimeIso(s) => {
            match NaiveDate::parse_from_str(s.get(..10).unwrap_or(&s), "%Y-%m-%d") {
                Ok(d) => dated(d),
                Err(_) => Cell::text(s),
            }
        }
        Data::DurationIso(s) => Cell::text(s),
        Data::Error(e) => Cell::text(format!("#{e:?}")),
    }
}

fn dated(d: NaiveDate) -> Cell {
    Cell {
        date: Some(d),
        ..Cell::text(d.to_string())
    }
}

/// A number as a spreadsheet shows it: whole numbers without a decimal point.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Table {
        Table {
            index: 1,
            sheet: Some("S".into()),
            before: Vec::new(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| Row {
                    number: i + 1,
                    cells: r.iter().map(|t| Cell::text(*t)).collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn lists_are_short_and_narrow_and_named_so() {
        assert!(short_lists(&sheet(&[
            &["Red", "Open"],
            &["Amber", "Closed"],
            &["Green", ""]
        ])));
        // a plan of short titles is not lists
        assert!(!short_lists(&sheet(&[
            &["Ref", "Action", "Lead", "Due", "RAG"],
            &["1", "Open the line", "CCG", "May", "Red"],
            &["2", "Train staff", "Trust", "June", "Green"],
        ])));
        assert!(!short_lists(&sheet(&[&[&"x".repeat(61)]])));
        for name in [
            "Lists",
            "RAG lists",
            "Lookups",
            "Drop-downs",
            "Drop downs",
            "List",
            "Data validation",
        ] {
            assert!(list_name(name), "{name}");
        }
        for name in ["Action list", "Plan", "Checklist", "Data"] {
            assert!(!list_name(name), "{name}");
        }
    }

    #[test]
    fn numbers_read_as_excel_shows_them() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(1.1), "1.1");
        assert_eq!(cell_of(Data::Int(3)).text, "3");
    }

    #[test]
    fn a_merged_region_spans_and_repeats_down() {
        let mut cells = BTreeMap::new();
        cells.insert((0, 0), Cell::text("Lead"));
        let mut left = 10;
        let mut budget = limits::Budget::default();
        spread(&mut cells, (0, 0), (2, 1), &mut left, &mut budget).expect("in budget");
        assert_eq!(left, 8);
        assert_eq!(cells[&(0, 0)].span, 2);
        assert!(cells[&(2, 0)].merged_from_above);
        assert_eq!(cells[&(2, 0)].text, "Lead");
        let (t, clipped) = table(1, "S".into(), cells, 100);
        assert_eq!(clipped, None);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[2].number, 3);
    }
}
