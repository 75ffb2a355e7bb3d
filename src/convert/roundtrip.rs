//! The round trip that loses nothing: `export --format xlsx` adds sheets that hold every field
//! of plan v1 (and every comment of the plan files), and `import` of that workbook gives back
//! the same plans: equal field by field, and after `planlint fmt` byte for byte.
//!
//! The sheets, after the tracker's own (which stay as a board reads them):
//!
//! - "Plans": a row a plan file: its file, `schema_version`, the `[plan]` table's keys, the
//!   file's `allow`, `allow_reason`, `allow_until`, and its line ends and byte order mark;
//! - "Sections": a row a `[[sections]]` table;
//! - "Action fields": a row an action, every key, in the plan's order (`#` is its place);
//! - "Milestones" and "Updates": a row a milestone or an update, under its action's `#`;
//! - "Comments": where each comment of the file sits (the key, table or list item it is
//!   written against) and its text, so `fmt` puts it back where it was.
//!
//! Cells hold the values as the plan writes them: a date as an Excel date, a `due` written as
//! a date too (a timescale as its text), a status by its name in the format (`in-progress`), a
//! rating as written. A list is one item a line; a list whose items hold a line break, or an
//! empty item, or a present but empty list, is written as a JSON array (`["a\nb", ""]`), which
//! is how a cell starting with `[` is read back.
//!
//! Import knows the workbook by its "Plans" sheet's header, reads only these sheets (an edit
//! made in the tracker's sheets is not read back: edit these), and writes each plan to the
//! file it came from under the configuration root (`plans/<id>.toml`, with a note, when that
//! name is not a plain relative `.toml` path that planlint.toml's include/exclude make a plan,
//! or passes through `.git` or a symbolic link), or `--id ID` one plan, to `-o PATH` if given.
//! A Comments cell holds comment lines only, and the plan with its comments must hold the same
//! data as without them. Two plans with one id are refused. Every plan is built and checked,
//! and every place checked (no link, no existing file without `--force`, a name the file
//! system takes), before any is written.

use super::cells::{date_format, excel_date, EXCEL_CELL_CHARS};
use super::error::ImportError;
use super::report::{CheckReport, ColumnReport, Counts, PlanReport, Report};
use super::table::{Cell, Document, Row, Table};
use crate::plan::load::{Input, PlanFile};
use crate::plan::model::{Day, Due, Plan, Spanned};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook, Worksheet, XlsxError};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table as TomlTable, Value};

pub const PLANS: &str = "Plans";
pub const SECTIONS: &str = "Sections";
pub const ACTIONS: &str = "Action fields";
pub const MILESTONES: &str = "Milestones";
pub const UPDATES: &str = "Updates";
pub const COMMENTS: &str = "Comments";

/// The sheets this module adds, in order (their names are kept from the tracker's sheets).
pub const SHEETS: [&str; 6] = [PLANS, SECTIONS, ACTIONS, MILESTONES, UPDATES, COMMENTS];

const PLAN_COLUMNS: [&str; 11] = [
    "File",
    "schema_version",
    "id",
    "title",
    "owner",
    "updated",
    "review_cycle",
    "allow",
    "allow_reason",
    "allow_until",
    "Layout",
];
const SECTION_COLUMNS: [&str; 5] = ["File", "id", "title", "rag", "description"];
const ACTION_COLUMNS: [&str; 20] = [
    "File",
    "#",
    "id",
    "section",
    "theme",
    "title",
    "scope",
    "leads",
    "partners",
    "due",
    "baseline_due",
    "status",
    "rag",
    "outcomes",
    "refs",
    "next_steps",
    "allow",
    "allow_reason",
    "allow_until",
    "Plan",
];
const MILESTONE_COLUMNS: [&str; 7] = ["File", "#", "Action", "title", "due", "status", "rag"];
const UPDATE_COLUMNS: [&str; 8] = ["File", "#", "Action", "date", "text", "rag", "status", "by"];
const COMMENT_COLUMNS: [&str; 4] = ["File", "Where", "Slot", "Text"];

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// One cell to write.
enum Out<'a> {
    Text(&'a str),
    Owned(String),
    Day(NaiveDate),
    Int(i64),
    Blank,
}

/// One of the round trip's sheets as it is written: a worksheet not yet in the workbook (its
/// rows go to a temporary file as the next one starts), its last row, and what writing it had
/// to say.
struct SheetOut {
    ws: Worksheet,
    row: u32,
    name: &'static str,
    warnings: Vec<String>,
}

impl SheetOut {
    fn row(&mut self, cells: &[Out<'_>], date: &Format) -> Result<(), XlsxError> {
        self.row += 1;
        for (c, cell) in cells.iter().enumerate() {
            let c = c as u16;
            match cell {
                Out::Text(t) => self.string(c, t)?,
                Out::Owned(t) => self.string(c, t)?,
                Out::Day(d) => match excel_date(*d) {
                    Some(x) => {
                        self.ws.write_datetime_with_format(self.row, c, &x, date)?;
                    }
                    None => self.string(c, &d.to_string())?,
                },
                Out::Int(n) => {
                    self.ws.write_number(self.row, c, *n as f64)?;
                }
                Out::Blank => {}
            }
        }
        Ok(())
    }

    /// A text cell, in the workbook's default format (no format given: see `export`).
    fn string(&mut self, c: u16, t: &str) -> Result<(), XlsxError> {
        if t.is_empty() {
            return Ok(());
        }
        // a text of no more bytes than the limit has no more characters either
        if t.len() > EXCEL_CELL_CHARS && t.chars().count() > EXCEL_CELL_CHARS {
            self.warnings.push(format!(
                "sheet \"{}\", row {}: a text longer than Excel's {EXCEL_CELL_CHARS} characters was cut: importing the workbook will not give it back whole",
                self.name,
                self.row + 1
            ));
            let cut: String = t.chars().take(EXCEL_CELL_CHARS).collect();
            self.ws.write_string(self.row, c, cut)?;
        } else {
            self.ws.write_string(self.row, c, t)?;
        }
        Ok(())
    }
}

fn sheet(wb: &mut Workbook, name: &'static str, columns: &[&str]) -> Result<SheetOut, XlsxError> {
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xE2EFDA))
        .set_align(FormatAlign::Top);
    // low memory: each row goes to a temporary file as the next one starts (the workbook holds
    // no sheet's cells in memory), its strings to the shared table, each text once
    let mut ws = wb.new_worksheet_with_low_memory()?;
    ws.set_name(name)?;
    for (c, h) in columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
        ws.set_column_width(c as u16, if h.len() <= 2 { 5.0 } else { 18.0 })?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(SheetOut {
        ws,
        row: 0,
        name,
        warnings: Vec::new(),
    })
}

fn opt<'a>(v: &'a Option<Spanned<String>>) -> Out<'a> {
    v.as_ref().map_or(Out::Blank, |s| Out::Text(s.get_ref()))
}

fn day(v: &Option<Spanned<Day>>) -> Out<'static> {
    v.as_ref().map_or(Out::Blank, |d| Out::Day(d.get_ref().0))
}

fn due(v: Option<&Due>) -> Out<'_> {
    match v {
        None => Out::Blank,
        Some(Due::Date(d)) => Out::Day(*d),
        Some(Due::Text(t)) => Out::Text(t),
    }
}

/// A list as a cell: one item a line, or a JSON array when lines cannot say it (see the
/// module's doc).
pub fn list_cell(items: &[&str]) -> String {
    let plain = !items.is_empty()
        && items
            .iter()
            .all(|i| !i.is_empty() && !i.contains(['\n', '\r']))
        && !items[0].starts_with('[')
        && !items.iter().any(|i| i.trim() != *i);
    if plain {
        items.join("\n")
    } else {
        serde_json::to_string(items).unwrap_or_default()
    }
}

/// A list cell read back (`list_cell` undone).
pub fn list_of(cell: &str) -> Result<Vec<String>, String> {
    if cell.starts_with('[') {
        serde_json::from_str::<Vec<String>>(cell)
            .map_err(|e| format!("starts with `[` but is not a JSON list of texts ({e})"))
    } else {
        Ok(cell.split('\n').map(str::to_string).collect())
    }
}

fn list<'a>(v: &'a [Spanned<String>]) -> Out<'a> {
    if v.is_empty() {
        return Out::Blank;
    }
    let items: Vec<&str> = v.iter().map(|s| s.get_ref().as_str()).collect();
    Out::Owned(list_cell(&items))
}

/// A plan file's comments as the "Comments" sheet's rows: where each sits, its slot, its text
/// (worked out on any thread, before the plan's rows are written).
pub struct PlanComments(Vec<(String, &'static str, String)>);

impl PlanComments {
    pub fn of(p: &PlanFile) -> PlanComments {
        // a plan with no `#` has no comment (a `#` inside a string only costs a parse)
        if !p.source.text.contains('#') {
            return PlanComments(Vec::new());
        }
        let body = p
            .source
            .text
            .strip_prefix('\u{feff}')
            .unwrap_or(&p.source.text);
        match body.parse::<DocumentMut>() {
            Ok(doc) => PlanComments(comments_of(&doc)),
            Err(_) => PlanComments(Vec::new()),
        }
    }
}

/// The round trip's sheets (every field of every plan, and its comments), written a plan at a
/// time: the plans need not all be in memory at once. [`Sheets::add`] each plan in the
/// workbook's order, then [`Sheets::finish`] puts the sheets in the workbook, after those
/// already there.
pub struct Sheets {
    sheets: [SheetOut; 6],
    date: Format,
}

impl Sheets {
    pub fn new(wb: &mut Workbook) -> Result<Sheets, XlsxError> {
        Ok(Sheets {
            sheets: [
                sheet(wb, PLANS, &PLAN_COLUMNS)?,
                sheet(wb, SECTIONS, &SECTION_COLUMNS)?,
                sheet(wb, ACTIONS, &ACTION_COLUMNS)?,
                sheet(wb, MILESTONES, &MILESTONE_COLUMNS)?,
                sheet(wb, UPDATES, &UPDATE_COLUMNS)?,
                sheet(wb, COMMENTS, &COMMENT_COLUMNS)?,
            ],
            date: date_format(),
        })
    }

    /// The sheets in the workbook, in order; what writing them had to say, sheet by sheet.
    pub fn finish(self, wb: &mut Workbook, warnings: &mut Vec<String>) {
        for mut s in self.sheets {
            warnings.append(&mut s.warnings);
            wb.push_worksheet(s.ws);
        }
    }

    /// One plan's rows on each sheet.
    pub fn add(&mut self, p: &PlanFile, comments: &PlanComments) -> Result<(), XlsxError> {
        let date = &self.date;
        let [plans_sheet, sections, actions, milestones, updates, comments_sheet] =
            &mut self.sheets;
        let plan = &p.plan;
        let meta = plan.plan.get_ref();
        let text = &p.source.text;
        let layout = match (
            text.starts_with('\u{feff}'),
            crate::edit::text::uses_crlf(text),
        ) {
            (true, true) => "bom crlf",
            (true, false) => "bom",
            (false, true) => "crlf",
            (false, false) => "",
        };
        plans_sheet.row(
            &[
                Out::Text(&p.source.name),
                Out::Int(*plan.schema_version.get_ref()),
                Out::Text(meta.id.get_ref()),
                Out::Text(meta.title.get_ref()),
                opt(&meta.owner),
                day(&meta.updated),
                opt(&meta.review_cycle),
                list(&plan.allow),
                opt(&plan.allow_reason),
                day(&plan.allow_until),
                Out::Text(layout),
            ],
            date,
        )?;
        for sec in &plan.sections {
            let sec = sec.get_ref();
            sections.row(
                &[
                    Out::Text(&p.source.name),
                    Out::Text(sec.id.get_ref()),
                    Out::Text(sec.title.get_ref()),
                    opt(&sec.rag),
                    opt(&sec.description),
                ],
                date,
            )?;
        }
        for (i, a) in plan.actions.iter().enumerate() {
            let a = a.get_ref();
            let leads = match &a.leads {
                None => Out::Blank,
                Some(l) => {
                    let items: Vec<&str> =
                        l.get_ref().iter().map(|s| s.get_ref().as_str()).collect();
                    Out::Owned(list_cell(&items))
                }
            };
            actions.row(
                &[
                    Out::Text(&p.source.name),
                    Out::Int(i as i64 + 1),
                    Out::Text(a.id.get_ref()),
                    opt(&a.section),
                    opt(&a.theme),
                    Out::Text(a.title.get_ref()),
                    opt(&a.scope),
                    leads,
                    list(&a.partners),
                    due(a.due.as_ref().map(|d| d.get_ref())),
                    due(a.baseline_due.as_ref().map(|d| d.get_ref())),
                    a.status().map_or(Out::Blank, |s| Out::Text(s.as_str())),
                    opt(&a.rag),
                    list(&a.outcomes),
                    list(&a.refs),
                    opt(&a.next_steps),
                    list(&a.allow),
                    opt(&a.allow_reason),
                    day(&a.allow_until),
                    Out::Text(plan.id()),
                ],
                date,
            )?;
            for m in &a.milestones {
                let m = m.get_ref();
                milestones.row(
                    &[
                        Out::Text(&p.source.name),
                        Out::Int(i as i64 + 1),
                        Out::Text(a.id.get_ref()),
                        Out::Text(m.title.get_ref()),
                        due(Some(m.due.get_ref())),
                        m.status
                            .as_ref()
                            .map_or(Out::Blank, |s| Out::Text(s.get_ref().as_str())),
                        opt(&m.rag),
                    ],
                    date,
                )?;
            }
            for u in &a.updates {
                let u = u.get_ref();
                updates.row(
                    &[
                        Out::Text(&p.source.name),
                        Out::Int(i as i64 + 1),
                        Out::Text(a.id.get_ref()),
                        Out::Day(u.date.get_ref().0),
                        Out::Text(u.text.get_ref()),
                        opt(&u.rag),
                        u.status
                            .as_ref()
                            .map_or(Out::Blank, |s| Out::Text(s.get_ref().as_str())),
                        opt(&u.by),
                    ],
                    date,
                )?;
            }
        }
        for (place, slot, text) in &comments.0 {
            comments_sheet.row(
                &[
                    Out::Text(&p.source.name),
                    Out::Text(place),
                    Out::Text(slot),
                    Out::Text(text),
                ],
                date,
            )?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Comments: where they sit in the TOML tree, and back
// ---------------------------------------------------------------------------------------------

/// The slots of the tree a comment can sit in, as `edit::format` reads them.
const TOP: &str = "top of file";
const END: &str = "end of file";
const ABOVE_TABLE: &str = "above table";
const AFTER_HEADER: &str = "after header";
const ABOVE_KEY: &str = "above key";
const AFTER_KEY: &str = "after key";
const BEFORE_VALUE: &str = "before value";
const AFTER_VALUE: &str = "after value";
const LIST_END: &str = "end of list";

fn raw(r: Option<&toml_edit::RawString>) -> &str {
    r.and_then(|r| r.as_str()).unwrap_or("")
}

/// Every decor of the document that holds a comment: (place, slot, raw text).
fn comments_of(doc: &DocumentMut) -> Vec<(String, &'static str, String)> {
    let mut out = Vec::new();
    let mut keep = |place: &str, slot: &'static str, text: &str| {
        if text.contains('#') {
            out.push((place.to_string(), slot, text.to_string()));
        }
    };
    let top = first_prefix(doc.as_table());
    keep("", TOP, top.unwrap_or(""));
    walk(doc.as_table(), "", top.map(|t| t.as_ptr()), &mut keep);
    keep("", END, raw(Some(doc.trailing())));
    out
}

/// The decor that heads the file: the prefix of its first entry (see `edit::format`).
fn first_prefix(root: &TomlTable) -> Option<&str> {
    let (key, item) = root.iter().next()?;
    Some(match item {
        Item::Table(t) if !t.is_implicit() => raw(t.decor().prefix()),
        Item::ArrayOfTables(a) => a.iter().next().map_or("", |t| raw(t.decor().prefix())),
        _ => raw(root.key(key)?.leaf_decor().prefix()),
    })
}

fn join(place: &str, key: &str) -> String {
    if place.is_empty() {
        key.to_string()
    } else {
        format!("{place}.{key}")
    }
}

fn walk(
    t: &TomlTable,
    place: &str,
    top: Option<*const u8>,
    keep: &mut dyn FnMut(&str, &'static str, &str),
) {
    fn not_top(s: &str, top: Option<*const u8>) -> &str {
        if Some(s.as_ptr()) == top {
            ""
        } else {
            s
        }
    }
    if !place.is_empty() {
        keep(place, ABOVE_TABLE, not_top(raw(t.decor().prefix()), top));
        keep(place, AFTER_HEADER, raw(t.decor().suffix()));
    }
    for (name, item) in t.iter() {
        let here = join(place, name);
        if let Some(k) = t.key(name) {
            keep(&here, ABOVE_KEY, not_top(raw(k.leaf_decor().prefix()), top));
            keep(&here, AFTER_KEY, raw(k.leaf_decor().suffix()));
        }
        match item {
            Item::Value(v) => walk_value(v, &here, keep),
            Item::Table(t) => walk(t, &here, top, keep),
            Item::ArrayOfTables(a) => {
                for (i, t) in a.iter().enumerate() {
                    walk(t, &format!("{here}.{i}"), top, keep);
                }
            }
            Item::None => {}
        }
    }
}

fn walk_value(v: &Value, place: &str, keep: &mut dyn FnMut(&str, &'static str, &str)) {
    keep(place, BEFORE_VALUE, raw(v.decor().prefix()));
    keep(place, AFTER_VALUE, raw(v.decor().suffix()));
    match v {
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk_value(x, &format!("{place}.{i}"), keep);
            }
            keep(place, LIST_END, a.trailing().as_str().unwrap_or(""));
        }
        Value::InlineTable(t) => {
            for (name, x) in t.iter() {
                walk_value(x, &join(place, name), keep);
            }
        }
        _ => {}
    }
}

type Comments = HashMap<(String, String), String>;

/// Puts the comments back on a document built from the sheets.
fn put_comments(doc: &mut DocumentMut, comments: &Comments) {
    let get = |place: &str, slot: &str| comments.get(&(place.to_string(), slot.to_string()));
    if let Some(c) = get("", END) {
        doc.set_trailing(c.as_str());
    }
    let top = get("", TOP).cloned();
    put(doc.as_table_mut(), "", comments);
    if let Some(top) = top {
        let root = doc.as_table_mut();
        let first = root.iter().next().map(|(k, _)| k.to_string());
        if let Some(first) = first {
            match root.get_mut(&first) {
                Some(Item::Table(t)) => {
                    t.decor_mut().set_prefix(top);
                }
                Some(Item::ArrayOfTables(a)) => {
                    if let Some(t) = a.iter_mut().next() {
                        t.decor_mut().set_prefix(top);
                    }
                }
                _ => {
                    if let Some(mut k) = root.key_mut(&first) {
                        k.leaf_decor_mut().set_prefix(top);
                    }
                }
            }
        }
    }
}

fn put(t: &mut TomlTable, place: &str, comments: &Comments) {
    let get = |place: &str, slot: &str| comments.get(&(place.to_string(), slot.to_string()));
    if !place.is_empty() {
        if let Some(c) = get(place, ABOVE_TABLE) {
            t.decor_mut().set_prefix(c.as_str());
        }
        if let Some(c) = get(place, AFTER_HEADER) {
            t.decor_mut().set_suffix(c.as_str());
        }
    }
    for (mut key, item) in t.iter_mut() {
        let here = join(place, key.get());
        if let Some(c) = get(&here, ABOVE_KEY) {
            key.leaf_decor_mut().set_prefix(c.as_str());
        }
        if let Some(c) = get(&here, AFTER_KEY) {
            key.leaf_decor_mut().set_suffix(c.as_str());
        }
        match item {
            Item::Value(v) => put_value(v, &here, comments),
            Item::Table(t) => put(t, &here, comments),
            Item::ArrayOfTables(a) => {
                for (i, t) in a.iter_mut().enumerate() {
                    put(t, &format!("{here}.{i}"), comments);
                }
            }
            Item::None => {}
        }
    }
}

fn put_value(v: &mut Value, place: &str, comments: &Comments) {
    let get = |place: &str, slot: &str| comments.get(&(place.to_string(), slot.to_string()));
    if let Some(c) = get(place, BEFORE_VALUE) {
        v.decor_mut().set_prefix(c.as_str());
    }
    if let Some(c) = get(place, AFTER_VALUE) {
        v.decor_mut().set_suffix(c.as_str());
    }
    match v {
        Value::Array(a) => {
            for (i, x) in a.iter_mut().enumerate() {
                put_value(x, &format!("{place}.{i}"), comments);
            }
            if let Some(c) = get(place, LIST_END) {
                a.set_trailing(c.as_str());
            }
        }
        Value::InlineTable(t) => {
            for (name, x) in t.iter_mut() {
                let here = join(place, name.get());
                put_value(x, &here, comments);
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// Reading back
// ---------------------------------------------------------------------------------------------

/// Whether a document is planlint's own lossless export: a "Plans" sheet with its header.
pub fn is_lossless(doc: &Document) -> bool {
    find(doc, PLANS).is_some_and(|t| {
        t.rows.first().is_some_and(|r| {
            PLAN_COLUMNS
                .iter()
                .enumerate()
                .all(|(i, h)| r.cell(i).is_some_and(|c| c.text == *h))
        })
    })
}

fn find<'d>(doc: &'d Document, name: &str) -> Option<&'d Table> {
    doc.tables.iter().find(|t| t.sheet.as_deref() == Some(name))
}

/// A sheet's rows by their header's names.
struct Sheet<'d> {
    name: &'static str,
    columns: HashMap<&'d str, usize>,
    rows: &'d [Row],
}

impl<'d> Sheet<'d> {
    fn of(doc: &'d Document, name: &'static str, wanted: &[&str]) -> Result<Sheet<'d>, String> {
        let Some(t) = find(doc, name) else {
            // a sheet with nothing to say may be gone (a plan with no milestones, no comments)
            return Ok(Sheet {
                name,
                columns: HashMap::new(),
                rows: &[],
            });
        };
        let Some(head) = t.rows.first() else {
            return Ok(Sheet {
                name,
                columns: HashMap::new(),
                rows: &[],
            });
        };
        let columns: HashMap<&str, usize> = head
            .cells
            .iter()
            .enumerate()
            .map(|(i, c)| (c.text.as_str(), i))
            .collect();
        if t.rows.len() > 1 {
            if let Some(missing) = wanted.iter().find(|w| !columns.contains_key(*w)) {
                return Err(format!("sheet \"{name}\" has no column \"{missing}\""));
            }
        }
        Ok(Sheet {
            name,
            columns,
            rows: t.rows.get(1..).unwrap_or(&[]),
        })
    }
}

/// One row of a sheet, read by column name.
struct At<'d> {
    sheet: &'static str,
    row: &'d Row,
    columns: &'d HashMap<&'d str, usize>,
}

impl<'d> At<'d> {
    fn cell(&self, name: &str) -> Option<&'d Cell> {
        self.columns
            .get(name)
            .and_then(|c| self.row.cell(*c))
            .filter(|c| !c.is_blank() || !c.text.is_empty())
    }

    fn place(&self, name: &str) -> String {
        format!(
            "sheet \"{}\", row {}, column {name}",
            self.sheet, self.row.number
        )
    }

    fn text(&self, name: &str) -> Option<&'d str> {
        self.cell(name)
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
    }

    fn required(&self, name: &str) -> Result<&'d str, String> {
        self.text(name)
            .ok_or_else(|| format!("{}: empty, and the plan format needs it", self.place(name)))
    }

    fn day(&self, name: &str) -> Result<Option<NaiveDate>, String> {
        let d = self.any_day(name)?;
        match d {
            Some(d) if !(0..=9999).contains(&d.year()) => Err(format!(
                "{}: {d} is outside the years a TOML date holds (0000–9999)",
                self.place(name)
            )),
            d => Ok(d),
        }
    }

    fn any_day(&self, name: &str) -> Result<Option<NaiveDate>, String> {
        match self.cell(name) {
            None => Ok(None),
            Some(c) => match c.date {
                Some(d) => Ok(Some(d)),
                None if c.text.is_empty() => Ok(None),
                None => NaiveDate::parse_from_str(c.text.trim(), "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| {
                        format!(
                            "{}: `{}` is not a date (YYYY-MM-DD)",
                            self.place(name),
                            c.text
                        )
                    }),
            },
        }
    }

    /// A `due`: a date cell is a date, text is a timescale as written.
    fn due(&self, name: &str) -> Result<Option<Value>, String> {
        let Some(c) = self.cell(name) else {
            return Ok(None);
        };
        match c.date {
            Some(_) => Ok(self.day(name)?.map(date_value)),
            None if c.text.is_empty() => Ok(None),
            None => Ok(Some(Value::from(c.text.as_str()))),
        }
    }

    fn list(&self, name: &str) -> Result<Option<Value>, String> {
        match self.text(name) {
            None => Ok(None),
            Some(t) => {
                let items = list_of(t).map_err(|e| format!("{}: {e}", self.place(name)))?;
                let mut a = Array::new();
                for i in items {
                    a.push(i);
                }
                Ok(Some(Value::Array(a)))
            }
        }
    }

    fn number(&self, name: &str) -> Result<usize, String> {
        self.required(name)?.trim().parse().map_err(|_| {
            format!(
                "{}: `{}` is not the action's place in its plan (1, 2, …)",
                self.place(name),
                self.text(name).unwrap_or("")
            )
        })
    }

    fn status(&self, name: &str) -> Result<Option<Value>, String> {
        match self.text(name) {
            None => Ok(None),
            Some(t) => crate::plan::model::Status::parse_loose(t)
                .map(|s| Some(Value::from(s.as_str())))
                .ok_or_else(|| format!("{}: `{t}` is not a status", self.place(name))),
        }
    }
}

impl<'d> Sheet<'d> {
    fn rows(&self) -> impl Iterator<Item = At<'_>> {
        self.rows.iter().filter(|r| !r.is_blank()).map(|row| At {
            sheet: self.name,
            row,
            columns: &self.columns,
        })
    }
}

fn date_value(d: NaiveDate) -> Value {
    Value::from(toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: d.year() as u16,
            month: d.month() as u8,
            day: d.day() as u8,
        }),
        time: None,
        offset: None,
    })
}

fn set(t: &mut TomlTable, key: &str, v: Option<Value>) {
    if let Some(v) = v {
        t.insert(key, Item::Value(v));
    }
}

fn text_value(s: Option<&str>) -> Option<Value> {
    s.map(Value::from)
}

/// One plan read back: its file, layout and TOML text (canonical, comments in place).
pub struct Rebuilt {
    pub file: String,
    pub id: String,
    pub title: String,
    pub text: String,
    pub actions: usize,
    pub sections: usize,
    pub updates: usize,
    pub milestones: usize,
}

/// Every plan of a lossless workbook, as canonical TOML (see the module's doc).
pub fn rebuild(doc: &Document) -> Result<Vec<Rebuilt>, String> {
    let plans = Sheet::of(doc, PLANS, &PLAN_COLUMNS[..10])?;
    let sections = Sheet::of(doc, SECTIONS, &SECTION_COLUMNS)?;
    let actions = Sheet::of(doc, ACTIONS, &ACTION_COLUMNS[..19])?;
    let milestones = Sheet::of(doc, MILESTONES, &MILESTONE_COLUMNS)?;
    let updates = Sheet::of(doc, UPDATES, &UPDATE_COLUMNS)?;
    let comments = Sheet::of(doc, COMMENTS, &COMMENT_COLUMNS)?;
    // each plan's document, by file, in the Plans sheet's order
    let mut docs: Vec<(String, String, DocumentMut, Rebuilt)> = Vec::new();
    let mut by_file: HashMap<String, usize> = HashMap::new();
    for r in plans.rows() {
        let file = r.required("File")?.to_string();
        if by_file.contains_key(&file) {
            return Err(format!("{}: a second row for {file}", r.place("File")));
        }
        let mut d = DocumentMut::new();
        let version: i64 = r
            .required("schema_version")?
            .trim()
            .parse()
            .map_err(|_| format!("{}: not a number", r.place("schema_version")))?;
        d.insert("schema_version", Item::Value(Value::from(version)));
        let mut meta = TomlTable::new();
        let id = r.required("id")?.to_string();
        let title = r.required("title")?.to_string();
        set(&mut meta, "id", Some(Value::from(id.as_str())));
        set(&mut meta, "title", Some(Value::from(title.as_str())));
        set(&mut meta, "owner", text_value(r.text("owner")));
        set(&mut meta, "updated", r.day("updated")?.map(date_value));
        set(
            &mut meta,
            "review_cycle",
            text_value(r.text("review_cycle")),
        );
        d.insert("plan", Item::Table(meta));
        d.insert("sections", Item::ArrayOfTables(ArrayOfTables::new()));
        d.insert("actions", Item::ArrayOfTables(ArrayOfTables::new()));
        if let Some(v) = r.list("allow")? {
            d.insert("allow", Item::Value(v));
        }
        set(
            d.as_table_mut(),
            "allow_reason",
            text_value(r.text("allow_reason")),
        );
        set(
            d.as_table_mut(),
            "allow_until",
            r.day("allow_until")?.map(date_value),
        );
        let layout = r.text("Layout").unwrap_or("").to_string();
        by_file.insert(file.clone(), docs.len());
        docs.push((
            file.clone(),
            layout,
            d,
            Rebuilt {
                file,
                id,
                title,
                text: String::new(),
                actions: 0,
                sections: 0,
                updates: 0,
                milestones: 0,
            },
        ));
    }
    let plan_of = |r: &At<'_>| -> Result<usize, String> {
        let file = r.required("File")?;
        by_file
            .get(file)
            .copied()
            .ok_or_else(|| format!("{}: no plan {file} in sheet \"{PLANS}\"", r.place("File")))
    };
    fn tables<'d>(d: &'d mut DocumentMut, key: &str) -> Option<&'d mut ArrayOfTables> {
        d.get_mut(key).and_then(Item::as_array_of_tables_mut)
    }
    for r in sections.rows() {
        let i = plan_of(&r)?;
        let mut t = TomlTable::new();
        set(&mut t, "id", Some(Value::from(r.required("id")?)));
        set(&mut t, "title", Some(Value::from(r.required("title")?)));
        set(&mut t, "rag", text_value(r.text("rag")));
        set(&mut t, "description", text_value(r.text("description")));
        if let Some(a) = tables(&mut docs[i].2, "sections") {
            a.push(t);
        }
        docs[i].3.sections += 1;
    }
    // actions by (plan, place), to hang milestones and updates on
    let mut ids: HashMap<(usize, usize), String> = HashMap::new();
    for r in actions.rows() {
        let i = plan_of(&r)?;
        let n = r.number("#")?;
        let count = docs[i].3.actions;
        if n != count + 1 {
            return Err(format!(
                "{}: action {n} follows action {count} of {}: the sheet's rows must keep the plan's order",
                r.place("#"),
                docs[i].0
            ));
        }
        let mut t = TomlTable::new();
        let id = r.required("id")?;
        ids.insert((i, n), id.to_string());
        set(&mut t, "id", Some(Value::from(id)));
        set(&mut t, "section", text_value(r.text("section")));
        set(&mut t, "theme", text_value(r.text("theme")));
        set(&mut t, "title", Some(Value::from(r.required("title")?)));
        set(&mut t, "scope", text_value(r.text("scope")));
        set(&mut t, "leads", r.list("leads")?);
        set(&mut t, "partners", r.list("partners")?);
        set(&mut t, "due", r.due("due")?);
        set(&mut t, "baseline_due", r.due("baseline_due")?);
        set(&mut t, "status", r.status("status")?);
        set(&mut t, "rag", text_value(r.text("rag")));
        set(&mut t, "outcomes", r.list("outcomes")?);
        set(&mut t, "refs", r.list("refs")?);
        set(&mut t, "next_steps", text_value(r.text("next_steps")));
        set(&mut t, "allow", r.list("allow")?);
        set(&mut t, "allow_reason", text_value(r.text("allow_reason")));
        set(&mut t, "allow_until", r.day("allow_until")?.map(date_value));
        if let Some(a) = tables(&mut docs[i].2, "actions") {
            a.push(t);
        }
        docs[i].3.actions += 1;
    }
    // the action a milestone or update row hangs on
    let action_of = |r: &At<'_>| -> Result<(usize, usize), String> {
        let i = plan_of(r)?;
        let n = r.number("#")?;
        match ids.get(&(i, n)) {
            Some(id) if Some(id.as_str()) == r.text("Action") => Ok((i, n)),
            Some(id) => Err(format!(
                "{}: action {n} of {} is `{id}`, not `{}`",
                r.place("Action"),
                r.text("File").unwrap_or(""),
                r.text("Action").unwrap_or("")
            )),
            None => Err(format!(
                "{}: {} has no action {n} in sheet \"{ACTIONS}\"",
                r.place("#"),
                r.text("File").unwrap_or("")
            )),
        }
    };
    fn sub<'d>(d: &'d mut DocumentMut, n: usize, key: &str) -> Option<&'d mut ArrayOfTables> {
        let action = d
            .get_mut("actions")
            .and_then(Item::as_array_of_tables_mut)?
            .get_mut(n - 1)?;
        if !action.contains_key(key) {
            action.insert(key, Item::ArrayOfTables(ArrayOfTables::new()));
        }
        action.get_mut(key).and_then(Item::as_array_of_tables_mut)
    }
    for r in milestones.rows() {
        let (i, n) = action_of(&r)?;
        let mut t = TomlTable::new();
        set(&mut t, "title", Some(Value::from(r.required("title")?)));
        let Some(d) = r.due("due")? else {
            return Err(format!(
                "{}: empty, and the plan format needs it",
                r.place("due")
            ));
        };
        set(&mut t, "due", Some(d));
        set(&mut t, "status", r.status("status")?);
        set(&mut t, "rag", text_value(r.text("rag")));
        if let Some(a) = sub(&mut docs[i].2, n, "milestones") {
            a.push(t);
        }
        docs[i].3.milestones += 1;
    }
    for r in updates.rows() {
        let (i, n) = action_of(&r)?;
        let mut t = TomlTable::new();
        let Some(d) = r.day("date")? else {
            return Err(format!(
                "{}: empty, and the plan format needs it",
                r.place("date")
            ));
        };
        set(&mut t, "date", Some(date_value(d)));
        set(&mut t, "text", Some(Value::from(r.required("text")?)));
        set(&mut t, "rag", text_value(r.text("rag")));
        set(&mut t, "status", r.status("status")?);
        set(&mut t, "by", text_value(r.text("by")));
        if let Some(a) = sub(&mut docs[i].2, n, "updates") {
            a.push(t);
        }
        docs[i].3.updates += 1;
    }
    let mut notes: Vec<Comments> = vec![Comments::new(); docs.len()];
    for r in comments.rows() {
        let i = plan_of(&r)?;
        let place = r.text("Where").unwrap_or("").to_string();
        let slot = r.required("Slot")?.to_string();
        let text = r.required("Text")?.to_string();
        if let Some(bad) = not_comment(&text) {
            return Err(format!(
                "{}: a comment cell holds only comment lines (each empty or starting with `#`), and line {bad} is not one: the workbook is refused",
                r.place("Text")
            ));
        }
        notes[i].insert((place, slot), text);
    }
    let mut out = Vec::new();
    for ((_, layout, mut d, mut rebuilt), comments) in docs.into_iter().zip(notes) {
        for key in ["sections", "actions"] {
            if d.get(key)
                .and_then(Item::as_array_of_tables)
                .is_some_and(ArrayOfTables::is_empty)
            {
                d.remove(key);
            }
        }
        // the data alone, to hold the plan with its comments up against
        let bare = d.to_string();
        put_comments(&mut d, &comments);
        let with = d.to_string();
        let same = matches!(
            (toml::from_str::<toml::Table>(&bare), toml::from_str::<toml::Table>(&with)),
            (Ok(a), Ok(b)) if a == b
        );
        if !same {
            return Err(format!(
                "{}: the plan's comments (sheet \"{COMMENTS}\") change its data: the workbook is refused",
                rebuilt.file
            ));
        }
        let text = crate::edit::format::format_text(&with).map_err(|e| {
            format!(
                "{}: the plan read back could not be laid out: {e}",
                rebuilt.file
            )
        })?;
        let text = if layout.contains("crlf") {
            text.replace('\n', "\r\n")
        } else {
            text
        };
        rebuilt.text = if layout.contains("bom") {
            format!("\u{feff}{text}")
        } else {
            text
        };
        out.push(rebuilt);
    }
    Ok(out)
}

/// The first line (1-based) of a comment cell's text that is not a comment line: each line
/// must be empty or start with `#` after spaces and tabs, and hold no control character but a
/// tab (a line `[[actions]]` in a comment cell would write an action into the plan).
fn not_comment(text: &str) -> Option<usize> {
    text.split('\n').enumerate().find_map(|(n, line)| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let body = line.trim_start_matches([' ', '\t']);
        let ok = (body.is_empty() || body.starts_with('#'))
            && !line.chars().any(|c| c.is_control() && c != '\t');
        (!ok).then_some(n + 1)
    })
}

/// Why a workbook's `File` cell is not used as the plan's place under the configuration root,
/// or None when it is: a plain relative path of normal components (no `..`, no root, no drive,
/// no `.git`, no control or bidi character) ending `.toml`, a plan by the configuration's
/// include/exclude, and with no existing component a symbolic link.
fn unfit(config: &crate::workspace::config::Config, file: &str) -> Option<&'static str> {
    let rel = Path::new(file);
    let bidi = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if file.chars().any(|c| c.is_control() || bidi(c)) {
        return Some("it holds a control or bidi character");
    }
    if rel.extension().is_none_or(|e| e != "toml") {
        return Some("it does not end .toml");
    }
    if file.contains('\\') || !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return Some("it is not a plain relative path");
    }
    if rel
        .components()
        .any(|c| c.as_os_str().eq_ignore_ascii_case(".git"))
    {
        return Some("it is inside .git");
    }
    if rel == Path::new(crate::workspace::config::FILE_NAME) || !config.is_plan(file) {
        return Some("it is not a plan file by planlint.toml's [plans] include and exclude");
    }
    if symlink_on(&config.root, rel) {
        return Some("a folder or file on its path is a symbolic link");
    }
    None
}

/// Whether any existing component of `rel` under `root` is a symbolic link.
fn symlink_on(root: &Path, rel: &Path) -> bool {
    let mut at = root.to_path_buf();
    rel.components().any(|c| {
        at.push(c);
        std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink())
    })
}

/// Where a plan read back goes under the configuration root: the file it came from when that
/// is fit (see `unfit`), else `plans/<id>.toml`, with the reason.
fn destination(
    config: &crate::workspace::config::Config,
    file: &str,
    id: &str,
) -> (PathBuf, Option<&'static str>) {
    let root = &config.root;
    match unfit(config, file) {
        None => (root.join(file), None),
        Some(why) => {
            let safe: String = id
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                        c
                    } else {
                        '-'
                    }
                })
                .collect();
            (root.join("plans").join(format!("{safe}.toml")), Some(why))
        }
    }
}

/// Why a plan cannot be written at `path` (checked for every plan before the first is
/// written): a symbolic link there or (under `root`) on the way, a file there without
/// `--force`, something not a file there, a name too long, a parent that is not a folder.
fn unwritable(path: &Path, shown: &str, root: Option<&Path>, force: bool) -> Option<String> {
    if let Some(name) = path
        .components()
        .map(|c| c.as_os_str())
        .find(|c| c.len() > 255)
    {
        return Some(format!(
            "{shown}: the name `{}…` is too long for a file system (over 255 bytes)",
            crate::plan::escape::line(&name.to_string_lossy().chars().take(40).collect::<String>())
        ));
    }
    if let Some(rel) = root.and_then(|r| path.strip_prefix(r).ok().map(|rel| (r, rel))) {
        if symlink_on(rel.0, rel.1) {
            return Some(format!(
                "{shown}: a folder or file on its path is a symbolic link; planlint does not write through links"
            ));
        }
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            return Some(format!(
                "{shown}: a symbolic link; planlint neither replaces a link nor writes through it"
            ))
        }
        Ok(m) if !m.is_file() => {
            return Some(format!(
                "{shown}: not a regular file: it is {}",
                crate::workspace::files::kind(&m.file_type())
            ))
        }
        Ok(_) if !force => {
            return Some(format!(
                "{shown} already exists: pass --force to replace it"
            ))
        }
        _ => {}
    }
    // the nearest existing folder above: it must be a folder
    let mut up = path.parent();
    while let Some(dir) = up.filter(|d| !d.as_os_str().is_empty()) {
        match std::fs::metadata(dir) {
            Ok(m) if m.is_dir() => return None,
            Ok(_) => {
                return Some(format!(
                    "{shown}: {} is not a folder",
                    crate::workspace::discover::slash(dir)
                ))
            }
            Err(_) => up = dir.parent(),
        }
    }
    None
}

/// `import` of planlint's own lossless workbook: every plan (or `--id`'s) written back, all or
/// none. The report lists the plans; its check is of them all.
pub fn import(
    file: &Path,
    doc: &Document,
    opts: &super::job::Options<'_>,
) -> Result<super::job::Imported, ImportError> {
    let about = |m: String| ImportError::about(file, m);
    if let Some(n) = doc.notes.iter().find(|n| n.contains("not read")) {
        return Err(about(format!(
            "the workbook is too large to read back whole ({n})"
        )));
    }
    let mut plans = rebuild(doc).map_err(about)?;
    // two plans with one id would both be written, and clash at once
    let mut seen_ids: HashMap<&str, &str> = HashMap::new();
    for p in &plans {
        if let Some(first) = seen_ids.insert(&p.id, &p.file) {
            return Err(about(format!(
                "plans {first} and {} have the same id `{}` in sheet \"{PLANS}\": each plan needs its own",
                p.file, p.id
            )));
        }
    }
    if let Some(id) = &opts.id {
        plans.retain(|p| &p.id == id);
        if plans.is_empty() {
            return Err(about(format!("the workbook holds no plan `{id}`")));
        }
    }
    if plans.is_empty() {
        return Err(about("the workbook's Plans sheet holds no plan".into()));
    }
    let root = &opts.config.root;
    let mut targets: Vec<(Option<PathBuf>, String)> = Vec::new();
    let mut moved: Vec<String> = Vec::new();
    for p in &plans {
        let (path, shown) = match &opts.output {
            super::job::Output::Default => {
                let (path, why) = destination(opts.config, &p.file, &p.id);
                let shown = crate::workspace::discover::slash(
                    path.strip_prefix(&opts.config.repo_root).unwrap_or(&path),
                );
                if let Some(why) = why {
                    moved.push(format!(
                        "plan {}: the workbook's file `{}` is not used ({why}); written to {shown}",
                        p.id,
                        crate::plan::escape::line(&p.file)
                    ));
                }
                (Some(path), shown)
            }
            _ if plans.len() > 1 => {
                return Err(about(format!(
                    "the workbook holds {} plans ({}): -o names one file; leave -o out to write each to its own file, or choose one with --id",
                    plans.len(),
                    plans.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")
                )))
            }
            super::job::Output::Path(p) => {
                (Some(p.clone()), crate::workspace::discover::slash(p))
            }
            super::job::Output::Stdout => (None, "-".to_string()),
        };
        targets.push((path, shown));
    }
    // every plan checked, and every place free, before any is written
    let inputs: Vec<Input> = plans
        .iter()
        .zip(&targets)
        .map(|(p, (_, shown))| Input {
            name: if shown == "-" {
                p.file.clone()
            } else {
                shown.clone()
            },
            bytes: Ok(p.text.clone().into_bytes()),
        })
        .collect();
    let outcome = crate::lint::check::check(inputs, opts.config, opts.as_of);
    if let Some(f) = outcome
        .findings
        .iter()
        .find(|f| f.rule == crate::plan::load::SYNTAX || f.rule == crate::plan::schema::RULE)
    {
        return Err(about(format!(
            "{} read back from the workbook does not pass the schema ({}, line {}): fix the workbook's cell",
            f.file, f.message, f.line
        )));
    }
    // every place checked before the first write: all or nothing
    let under = matches!(opts.output, super::job::Output::Default).then_some(root.as_path());
    let mut places: HashMap<&Path, &str> = HashMap::new();
    for (path, shown) in &targets {
        let Some(path) = path else { continue };
        if let Some(other) = places.insert(path, shown) {
            return Err(ImportError::Refused(format!(
                "two plans of the workbook would both be written to {other}"
            )));
        }
        if let Some(why) = unwritable(path, shown, under, opts.force) {
            return Err(ImportError::Refused(why));
        }
    }
    let mut written: Vec<&str> = Vec::new();
    for (p, (path, shown)) in plans.iter().zip(&targets) {
        let Some(path) = path else { continue };
        let wrote = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
            Some(dir) => std::fs::create_dir_all(dir).map_err(|source| crate::Error::Io {
                path: dir.to_path_buf(),
                source,
            }),
            None => Ok(()),
        }
        .and_then(|()| crate::workspace::files::write_atomic(path, p.text.as_bytes()));
        if let Err(e) = wrote {
            if written.is_empty() {
                return Err(ImportError::Io(e));
            }
            return Err(ImportError::Io(crate::Error::Usage(format!(
                "{e}\n{} of {} plans were written before this failure: {}; {shown} and the plans after it were not",
                written.len(),
                targets.len(),
                written.join(", ")
            ))));
        }
        written.push(shown);
    }
    let counts = Counts {
        actions: plans.iter().map(|p| p.actions).sum(),
        sections: plans.iter().map(|p| p.sections).sum(),
        themes: 0,
        updates: plans.iter().map(|p| p.updates).sum(),
        milestones: plans.iter().map(|p| p.milestones).sum(),
        joined: 0,
        skipped: 0,
    };
    let report = Report {
        file: file.display().to_string(),
        kind: "workbook".into(),
        read: format!("planlint's own export (sheets {})", SHEETS.join(", ")),
        header: "row 1".into(),
        columns: SHEETS
            .iter()
            .map(|s| ColumnReport {
                header: format!("sheet {s}"),
                field: Some("every field, as exported".into()),
                note: None,
                confidence: None,
            })
            .collect(),
        notes: moved
            .into_iter()
            .chain(plans.iter().zip(&targets).map(|(p, (_, shown))| {
                format!(
                    "plan {} ({}): {} actions, as exported from {}",
                    p.id,
                    shown,
                    p.actions,
                    crate::plan::escape::line(&p.file)
                )
            }))
            .collect(),
        splits: Vec::new(),
        inferred: Vec::new(),
        colours: Vec::new(),
        rows: Vec::new(),
        counts,
        plan: PlanReport {
            id: plans
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            title: plans
                .iter()
                .map(|p| p.title.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            title_from: "the Plans sheet".into(),
        },
        output: targets
            .iter()
            .map(|(_, s)| s.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        check: check_report(&outcome),
        plan_text: None,
    };
    Ok(super::job::Imported {
        has_errors: outcome.has_errors(),
        report,
        text: plans.iter().map(|p| p.text.as_str()).collect(),
    })
}

fn check_report(outcome: &crate::lint::check::Outcome) -> CheckReport {
    super::report::check_report(outcome)
}

/// Plans equal field by field: the typed models, byte spans aside (for tests).
pub fn same_plan(a: &Plan, b: &Plan) -> bool {
    unspanned(&format!("{a:?}")) == unspanned(&format!("{b:?}"))
}

/// A model's Debug text without its byte spans: each `span: 12..40, ` taken out.
fn unspanned(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("span: ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 6..];
        let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let a = digits(after);
        let tail = &after[a..];
        let skip = if a > 0 && tail.starts_with("..") {
            let b = digits(&tail[2..]);
            let end = &tail[2 + b..];
            (b > 0 && end.starts_with(", ")).then_some(6 + a + 2 + b + 2)
        } else {
            None
        };
        match skip {
            Some(n) => rest = &rest[i + n..],
            None => {
                out.push_str("span: ");
                rest = &rest[i + 6..];
            }
        }
    }
    out.push_str(rest);
    out
}
