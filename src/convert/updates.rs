//! A cycle's updates collected by spreadsheet: `export --for-update` writes the workbook each
//! lead fills in (a sheet per lead; the plan's own columns greyed and protected, blank columns
//! for the new update, the rating and status as drop-downs, a revised due date and who
//! updated), and `import --updates` merges the returned workbooks (or CSV files, or Word
//! tables with the same columns) into the plans on disk through the edit layer, as `update` and
//! `set` do, so every comment and layout stays.
//!
//! A hidden sheet, `planlint`, records what the lead was shown: each plan's blob id and each
//! action's read-only cells as exported. On return that record tells apart a read-only cell
//! the lead typed over (refused: the plan is changed with `planlint set`) from an action that
//! changed in git since (refused unless `--force`, saying what changed).
//!
//! All or nothing: every row of every file is checked first, and no plan is written when any
//! is refused. A row already in the plan (the same update on the same date, the same rating,
//! status and due) is passed over, so importing a return twice changes nothing.

use super::cells::{excel_date, EXCEL_CELL_CHARS};
use super::export::{capitalise, sheet_name, status_words};
use super::sniff::{self, Kind};
use super::table::{self, Cell, Document};
use crate::edit::commands::{SetOptions, UpdateOptions};
use crate::edit::target::Found;
use crate::edit::{self, Change, Checks, Command, CommitError, Committed, Mode};
use crate::plan::load::PlanFile;
use crate::plan::model::{Action, Due, Status};
use crate::plan::rating::Scale;
use crate::workspace::config::Config;
use crate::Error;
use chrono::NaiveDate;
use rayon::prelude::*;
use rust_xlsxwriter::{
    Color, DataValidation, Format, FormatAlign, FormatBorder, ProtectionOptions, Workbook,
    Worksheet,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The columns the lead reads: the action as the plan has it.
pub const READ_ONLY: [&str; 8] = [
    "Plan",
    "ID",
    "Action",
    "Leads",
    "Due",
    "Current rating",
    "Current status",
    "Latest update",
];

/// The columns the lead fills in.
pub const TO_FILL: [&str; 5] = [
    "New update",
    "Rating",
    "Status",
    "Revised due",
    "Updated by",
];

/// A column a return may add: the date of its row's update.
const DATE_COLUMN: &str = "Update date";

/// The hidden sheet that records what the workbook was made from.
pub const META_SHEET: &str = "planlint";
/// Its first cell, and the format's version.
const META_MARK: &str = "planlint for-update";
const META_VERSION: &str = "1";

/// What `export --for-update` writes.
pub struct ExportOptions<'a> {
    pub config: &'a Config,
    /// Only the actions these leads lead (a lead matches when its name contains the text,
    /// without case); every lead when empty.
    pub leads: &'a [String],
    /// Only these plans (by id or file name); every plan when empty.
    pub plans: &'a [String],
    /// The cycle's date, recorded in the workbook: a return's updates are dated by it.
    pub cycle: NaiveDate,
}

pub struct Exported {
    pub bytes: Vec<u8>,
    pub sheets: usize,
    pub rows: usize,
    pub plans: usize,
    /// Plan files that could not be read (and so are not in the workbook).
    pub left_out: Vec<String>,
}

/// A plan on disk as it is now.
struct Current {
    name: String,
    path: PathBuf,
    text: String,
    file: PlanFile,
}

/// Every plan of the repository that reads as a plan, and the files that do not.
fn current_plans(config: &Config) -> Result<(Vec<Current>, Vec<String>), Error> {
    let mut plans = Vec::new();
    let mut broken = Vec::new();
    for t in crate::workspace::discover::discover(config, &[])? {
        let text = match crate::edit::target::read(&t.path) {
            Ok(text) => text,
            Err(e) => {
                broken.push(format!("{}: {e}", t.name));
                continue;
            }
        };
        match crate::plan::load::read_plan(&t.name, text.as_bytes()) {
            Ok(file) => plans.push(Current {
                name: t.name,
                path: t.path,
                text,
                file,
            }),
            Err(e) => broken.push(format!("{}: {e}", t.name)),
        }
    }
    plans.sort_by(|a, b| a.name.cmp(&b.name));
    Ok((plans, broken))
}

/// An action's read-only cells, as the workbook shows them.
fn shown(plan: &str, a: &Action, scale: &Scale) -> [String; 8] {
    let rating = a.rating().map(|r| r.get_ref().as_str());
    let latest = a
        .latest_update()
        .map(|u| format!("{}: {}", u.date.get_ref().0, u.text.get_ref()));
    [
        plan.to_string(),
        a.id.get_ref().clone(),
        a.title.get_ref().clone(),
        a.lead_names().collect::<Vec<_>>().join("\n"),
        a.due
            .as_ref()
            .map(|d| d.get_ref().display())
            .unwrap_or_default(),
        rating.map(|r| rating_word(r, scale)).unwrap_or_default(),
        a.status().map(status_words).unwrap_or_default().to_string(),
        latest.unwrap_or_default(),
    ]
}

/// A rating as a lead reads it: its name on the scale, capitalised ("Amber").
fn rating_word(r: &str, scale: &Scale) -> String {
    scale
        .resolve(r)
        .map_or_else(|| r.to_string(), |x| capitalise(x.name))
}

pub fn export(opts: &ExportOptions<'_>) -> Result<Exported, Error> {
    let config = opts.config;
    let (plans, left_out) = current_plans(config)?;
    let plans: Vec<&Current> = plans
        .iter()
        .filter(|p| {
            opts.plans.is_empty()
                || opts
                    .plans
                    .iter()
                    .any(|w| w == p.file.plan.id() || w == &p.name)
        })
        .collect();
    for w in opts.plans {
        if !plans.iter().any(|p| w == p.file.plan.id() || w == &p.name) {
            return Err(Error::Usage(format!("no plan `{w}` in the repository")));
        }
    }
    if plans.is_empty() {
        return Err(Error::Usage(format!(
            "no plan to export under {}",
            config.root.display()
        )));
    }
    // the sheets: one a lead, named by the lead as the plans write it
    let mut sheets: BTreeMap<String, Vec<[String; 8]>> = BTreeMap::new();
    for p in &plans {
        for a in &p.file.plan.actions {
            let a = a.get_ref();
            let row = shown(p.file.plan.id(), a, &config.scale);
            let leads: Vec<&str> = a.lead_names().collect();
            if opts.leads.is_empty() {
                if leads.is_empty() {
                    sheets
                        .entry("No lead".into())
                        .or_default()
                        .push(row.clone());
                }
                for l in leads {
                    sheets.entry(l.to_string()).or_default().push(row.clone());
                }
            } else {
                for wanted in opts.leads {
                    let w = wanted.to_lowercase();
                    if leads.iter().any(|l| l.to_lowercase().contains(&w)) {
                        sheets.entry(wanted.clone()).or_default().push(row.clone());
                    }
                }
            }
        }
    }
    for wanted in opts.leads {
        if !sheets.contains_key(wanted) {
            return Err(Error::Usage(format!(
                "no action of the plans exported has a lead named like `{wanted}`"
            )));
        }
    }
    let rows = sheets.values().map(Vec::len).sum();
    super::export::room_for_sheets(sheets.len() + 1)?;
    let bytes = workbook(opts, &plans, &sheets).map_err(|e| {
        Error::Usage(format!(
            "cannot write the workbook: {}",
            super::export::workbook_error(&e)
        ))
    })?;
    Ok(Exported {
        bytes,
        sheets: sheets.len(),
        rows,
        plans: plans.len(),
        left_out,
    })
}

fn workbook(
    opts: &ExportOptions<'_>,
    plans: &[&Current],
    sheets: &BTreeMap<String, Vec<[String; 8]>>,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let scale = &opts.config.scale;
    let mut wb = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let grey = Format::new()
        .set_background_color(Color::RGB(0xEDEDED))
        .set_font_color(Color::RGB(0x404040))
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let fill = Format::new()
        .set_unlocked()
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xBFBFBF))
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let fill_date = fill.clone().set_num_format("yyyy-mm-dd");
    let ratings: Vec<String> = scale.names().map(capitalise).collect();
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| status_words(*s)).collect();
    let rating_list = DataValidation::new()
        .allow_list_strings(&ratings)?
        .set_error_message("Choose a rating from the list.")?;
    let status_list = DataValidation::new()
        .allow_list_strings(&statuses)?
        .set_error_message("Choose a status from the list.")?;
    let widths = [
        12.0, 7.0, 50.0, 24.0, 14.0, 10.0, 12.0, 50.0, 50.0, 12.0, 14.0, 14.0, 20.0,
    ];
    let mut taken: Vec<String> = vec![META_SHEET.to_string()];
    // each sheet's name and rows, for the record of what each sheet showed
    let mut named: Vec<(String, &Vec<[String; 8]>)> = Vec::new();
    for (lead, rows) in sheets {
        let name = sheet_name(lead, &taken);
        taken.push(name.clone());
        named.push((name.clone(), rows));
        let ws: &mut Worksheet = wb.add_worksheet().set_name(&name)?;
        for (c, h) in READ_ONLY.iter().chain(TO_FILL.iter()).enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &head)?;
            ws.set_column_width(c as u16, widths[c])?;
        }
        let last = rows.len() as u32;
        for (i, row) in rows.iter().enumerate() {
            let r = i as u32 + 1;
            for (c, v) in row.iter().enumerate() {
                ws.write_string_with_format(r, c as u16, cut(v), &grey)?;
            }
            for c in 0..TO_FILL.len() {
                let c = (READ_ONLY.len() + c) as u16;
                let f = if TO_FILL[c as usize - READ_ONLY.len()] == "Revised due" {
                    &fill_date
                } else {
                    &fill
                };
                ws.write_blank(r, c, f)?;
            }
        }
        if last > 0 {
            let col = |n: &str| {
                (READ_ONLY.len() + TO_FILL.iter().position(|c| *c == n).unwrap_or(0)) as u16
            };
            ws.add_data_validation(1, col("Rating"), last, col("Rating"), &rating_list)?;
            ws.add_data_validation(1, col("Status"), last, col("Status"), &status_list)?;
        }
        ws.set_freeze_panes(1, 2)?;
        ws.protect_with_options(&ProtectionOptions {
            format_columns: true,
            format_rows: true,
            ..ProtectionOptions::default()
        });
    }
    // what the workbook was made from, for the return's checks
    let meta = wb.add_worksheet().set_name(META_SHEET)?;
    meta.write_string(0, 0, META_MARK)?;
    meta.write_string(0, 1, META_VERSION)?;
    if let Some(d) = excel_date(opts.cycle) {
        meta.write_datetime_with_format(0, 2, &d, &Format::new().set_num_format("yyyy-mm-dd"))?;
    }
    let mut r = 1;
    for p in plans {
        meta.write_string(r, 0, "plan")?;
        meta.write_string(r, 1, p.file.plan.id())?;
        meta.write_string(r, 2, &p.name)?;
        meta.write_string(r, 3, crate::git::blob_id_of(p.text.as_bytes()))?;
        r += 1;
    }
    // the actions each sheet shows, and only those: a row for any other is refused on return
    for (name, rows) in &named {
        for row in rows.iter() {
            meta.write_string(r, 0, "action")?;
            for (c, v) in row.iter().enumerate() {
                meta.write_string(r, c as u16 + 1, cut(v))?;
            }
            meta.write_string(r, READ_ONLY.len() as u16 + 1, name)?;
            r += 1;
        }
    }
    meta.set_hidden(true);
    meta.protect();
    wb.save_to_buffer()
}

/// Text within Excel's cell limit (a longer text is shown cut; the comparisons on return cut
/// the plan's side the same way).
fn cut(s: &str) -> String {
    s.chars().take(EXCEL_CELL_CHARS).collect()
}

// ---------------------------------------------------------------------------------------
// import --updates

pub struct ImportOptions<'a> {
    pub config: &'a Config,
    pub files: &'a [PathBuf],
    /// The date of every update (else a row's date column, the workbook's cycle, `today`).
    pub date: Option<NaiveDate>,
    pub today: NaiveDate,
    /// Apply rows whose action changed in git since the workbook was made.
    pub force: bool,
    pub mode: Mode,
}

/// What the merge did.
pub struct Imported {
    /// Per returned sheet (a lead): what it brought ("Police: 7 updates, 2 ratings changed").
    pub leads: Vec<String>,
    /// Per plan changed: what `edit::commit` did.
    pub plans: Vec<Committed>,
    /// Rows passed over because the plan already says what they ask, whose action changed in
    /// git since the workbook was made ("…, row 3: nothing to apply: …").
    pub notes: Vec<String>,
}

/// Why the merge wrote nothing.
#[derive(Debug)]
pub enum Refusal {
    /// Rows that cannot be applied safely, each with its place ("returns.xlsx, sheet Police,
    /// row 4: …").
    Rows(Vec<String>),
    /// A plan would gain an error.
    Plan(CommitError),
}

impl From<Error> for Refusal {
    fn from(e: Error) -> Self {
        Refusal::Plan(CommitError::Failed(e))
    }
}

/// One filled row of a return.
#[derive(Debug, Clone)]
struct Row {
    /// "returns.xlsx, sheet Police, row 4".
    place: String,
    /// The sheet (or file) it came from: the lead.
    lead: String,
    plan: Option<String>,
    id: String,
    /// The read-only cells present, by their index in `READ_ONLY`.
    read_only: Vec<(usize, String)>,
    update: String,
    rating: String,
    status: String,
    due: String,
    by: String,
    date: Option<NaiveDate>,
    /// Why the row cannot be read as it stands (a cell to fill holds a formula with no value).
    unreadable: Option<String>,
}

impl Row {
    fn filled(&self) -> bool {
        self.unreadable.is_some()
            || !(self.update.is_empty()
                && self.rating.is_empty()
                && self.status.is_empty()
                && self.due.is_empty())
    }

    /// What the row asks, to compare two rows for one action.
    fn asks(&self) -> (&str, &str, &str, &str, &str, Option<NaiveDate>) {
        (
            &self.update,
            &self.rating,
            &self.status,
            &self.due,
            &self.by,
            self.date,
        )
    }
}

/// A returned file.
struct Return {
    /// Each sheet (lead) with its rows; sheets with no filled row count as "no return".
    sheets: Vec<(String, Vec<Row>)>,
    cycle: Option<NaiveDate>,
    /// Plan id → blob id when the workbook was made.
    blobs: HashMap<String, String>,
    /// (plan, action) → its read-only cells when the workbook was made.
    seen: HashMap<(String, String), Vec<String>>,
    /// Whether the file holds planlint's record (the hidden sheet), so `shown` is the list.
    recorded: bool,
    /// The record's format version (its cell B1).
    version: String,
    /// (sheet, plan, action): the actions each sheet showed when the workbook was made.
    shown: HashSet<(String, String, String)>,
}

fn read_return(path: &Path) -> Result<Return, String> {
    let file = path.display().to_string();
    let bytes =
        crate::workspace::files::read_regular(path, super::limits::MAX_INPUT_BYTES as usize)
            .map_err(|e| format!("{file}: {e}"))?;
    let kind = sniff::sniff(&bytes);
    let is_csv = kind == Kind::Delimited;
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    // the one reader boundary import uses: its caps on hostile files, a reader's panic contained
    let doc: Document = match kind {
        Kind::Xlsx | Kind::Xls | Kind::Ods | Kind::Delimited | Kind::Docx => {
            super::import::read(&bytes, kind, &extension, None).map_err(|e| e.to_string())
        }
        other => Err(format!(
            "it is {}, not a workbook, CSV file or Word document",
            other.describe()
        )),
    }
    .map_err(|e| format!("{file}: {e}"))?;
    let stem = path
        .file_stem()
        .map_or_else(|| file.clone(), |s| s.to_string_lossy().into_owned());
    // a formula a script wrote keeps no value: the cell reads empty and its text would be lost
    let formulas = if kind == Kind::Xlsx {
        super::formulas::of_xlsx(&bytes)
    } else {
        super::formulas::Formulas::new()
    };
    let mut ret = Return {
        sheets: Vec::new(),
        cycle: None,
        blobs: HashMap::new(),
        seen: HashMap::new(),
        recorded: false,
        version: String::new(),
        shown: HashSet::new(),
    };
    for t in &doc.tables {
        if t.sheet.as_deref() == Some(META_SHEET) {
            read_meta(t, &mut ret);
            continue;
        }
        let text = |c: &Cell| {
            let t = table::normalise(&c.text);
            if is_csv {
                super::tracker::csv_cell_undo(&t).to_string()
            } else {
                t
            }
        };
        // the header: the first row with an ID column and a column to fill
        let Some((h, header)) = t.rows.iter().enumerate().take(10).find(|(_, r)| {
            let names: Vec<String> = r.cells.iter().map(|c| text(c).to_lowercase()).collect();
            names.iter().any(|n| n == "id") && names.iter().any(|n| n == "new update")
        }) else {
            continue;
        };
        let column = |name: &str| {
            header
                .cells
                .iter()
                .position(|c| text(c).eq_ignore_ascii_case(name))
        };
        let cols_ro: Vec<(usize, usize)> = READ_ONLY
            .iter()
            .enumerate()
            .filter_map(|(i, n)| column(n).map(|c| (i, c)))
            .collect();
        let (id_col, plan_col) = (column("ID"), column("Plan"));
        let fill: Vec<Option<usize>> = TO_FILL.iter().map(|n| column(n)).collect();
        let date_col = column(DATE_COLUMN).or_else(|| column("Date"));
        let lead = match &t.sheet {
            Some(s) => s.clone(),
            None if doc.tables.len() > 1 => format!("{stem} table {}", t.index),
            None => stem.clone(),
        };
        let in_formulas = t.sheet.as_ref().and_then(|s| formulas.get(s));
        let mut rows = Vec::new();
        for r in t.rows.iter().skip(h + 1) {
            if r.is_blank() {
                continue;
            }
            // a cell to fill that holds a formula but no value (what a script saves)
            let lost: Vec<String> = TO_FILL
                .iter()
                .zip(&fill)
                .map(|(n, c)| (*n, *c))
                .chain([(DATE_COLUMN, date_col)])
                .filter_map(|(n, c)| {
                    let c = c?;
                    let blank = r.cell(c).is_none_or(Cell::is_blank);
                    let f = in_formulas?.get(&(
                        u32::try_from(r.number).ok()?.checked_sub(1)?,
                        u32::try_from(c).ok()?,
                    ))?;
                    blank.then(|| format!("\"{n}\" cell (={})", table::short(f, 40)))
                })
                .collect();
            let unreadable = (!lost.is_empty()).then(|| {
                format!(
                    "its {} {} a formula with no value saved (a workbook saved by a script keeps none), so its text cannot be read; type the text itself, or open and save the workbook in Excel or LibreOffice first",
                    lost.join(", "),
                    if lost.len() == 1 { "holds" } else { "hold" }
                )
            });
            let get = |c: Option<usize>| c.and_then(|c| r.cell(c)).map(&text).unwrap_or_default();
            let day = |c: Option<usize>| c.and_then(|c| r.cell(c)).and_then(|c| c.date);
            let due_cell = fill[3];
            let due = match day(due_cell) {
                Some(d) => d.to_string(),
                None => get(due_cell),
            };
            let date_text = get(date_col);
            let date = match day(date_col) {
                Some(d) => Some(d),
                None if date_text.is_empty() => None,
                None => match NaiveDate::parse_from_str(&date_text, "%Y-%m-%d") {
                    Ok(d) => Some(d),
                    Err(_) => {
                        return Err(format!(
                            "{file}, {}row {}: the update date `{date_text}` is not a date (YYYY-MM-DD)",
                            sheet_words(&t.sheet),
                            r.number
                        ))
                    }
                },
            };
            rows.push(Row {
                place: format!("{file}, {}row {}", sheet_words(&t.sheet), r.number),
                lead: lead.clone(),
                plan: Some(get(plan_col)).filter(|p| !p.is_empty()),
                id: get(id_col),
                read_only: cols_ro.iter().map(|(i, c)| (*i, get(Some(*c)))).collect(),
                update: get(fill[0]),
                rating: get(fill[1]),
                status: get(fill[2]),
                due,
                by: get(fill[4]),
                date,
                unreadable,
            });
        }
        ret.sheets.push((lead, rows));
    }
    if ret.sheets.is_empty() {
        return Err(format!(
            "{file}: no table with the columns of a return (ID, New update, Rating, Status, Revised due, Updated by); make one with `planlint export --for-update`"
        ));
    }
    Ok(ret)
}

fn sheet_words(sheet: &Option<String>) -> String {
    sheet
        .as_ref()
        .map(|s| format!("sheet {s}, "))
        .unwrap_or_default()
}

fn read_meta(t: &table::Table, ret: &mut Return) {
    for r in &t.rows {
        let cell = |i: usize| {
            r.cell(i)
                .map(|c| table::normalise(&c.text))
                .unwrap_or_default()
        };
        match cell(0).as_str() {
            META_MARK => {
                ret.recorded = true;
                ret.version = cell(1);
                ret.cycle = r.cell(2).and_then(|c| c.date);
            }
            "plan" => {
                ret.blobs.insert(cell(1), cell(3));
            }
            "action" => {
                let shown: Vec<String> = (1..=READ_ONLY.len()).map(cell).collect();
                ret.shown.insert((
                    cell(READ_ONLY.len() + 1),
                    shown[0].clone(),
                    shown[1].clone(),
                ));
                ret.seen.insert((shown[0].clone(), shown[1].clone()), shown);
            }
            _ => {}
        }
    }
}

/// What one row does to its action, once checked.
struct Planned<'r> {
    row: &'r Row,
    plan: usize,
    date: NaiveDate,
    /// The update to add, when not already in the plan.
    update: Option<String>,
    /// The rating by its name on the scale, when it changes.
    rating: Option<String>,
    /// The rating given, changed or not (recorded on the update).
    rating_given: Option<String>,
    status: Option<Status>,
    due: Option<String>,
}

/// Reads every return, checks every filled row, and (when none is refused) applies them plan
/// by plan through the edit layer.
pub fn import(opts: &ImportOptions<'_>) -> Result<Imported, Refusal> {
    let config = opts.config;
    let scale = &config.scale;
    let mut refused: Vec<String> = Vec::new();
    let mut returns = Vec::new();
    for f in opts.files {
        match read_return(f) {
            Ok(r) => returns.push(r),
            Err(e) => refused.push(e),
        }
    }
    // the record is the workbook's word too: a format this planlint does not write, or a
    // cycle date no review could have (updates dated 2099) is refused
    let cycle_days = crate::plan::model::cycle_days(&config.default_cycle).unwrap_or(92);
    let latest = opts.today + chrono::Duration::days(cycle_days);
    let earliest = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or(NaiveDate::MIN);
    for (f, ret) in opts.files.iter().zip(&returns) {
        let file = f.display();
        if ret.recorded && ret.version != META_VERSION {
            refused.push(format!(
                "{file}: sheet {META_SHEET}: format version `{}` is not one this planlint reads ({META_VERSION}); export the workbook again",
                table::short(&ret.version, 20)
            ));
        }
        if let Some(c) = ret.cycle.filter(|c| *c > latest || *c < earliest) {
            refused.push(format!(
                "{file}: sheet {META_SHEET}: the cycle date {c} is after {latest} (a review cycle from today) or before {earliest}; export the workbook again"
            ));
        }
    }
    if !refused.is_empty() {
        return Err(Refusal::Rows(refused));
    }
    let (plans, _) = current_plans(config)?;
    // each plan's blob id as git would store it now, hashed once (not once a row)
    let blob_now: Vec<String> = plans
        .par_iter()
        .map(|p| crate::git::blob_id_of(p.text.as_bytes()))
        .collect();
    let by_id: HashMap<&str, usize> = plans
        .iter()
        .enumerate()
        .map(|(i, p)| (p.file.plan.id(), i))
        .collect();
    // action id → the plans that have it, and (plan, action) → its index
    let mut having: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut actions: HashMap<(usize, &str), usize> = HashMap::new();
    for (i, p) in plans.iter().enumerate() {
        for (j, a) in p.file.plan.actions.iter().enumerate() {
            let id = a.get_ref().id.get_ref().as_str();
            having.entry(id).or_default().push(i);
            actions.insert((i, id), j);
        }
    }
    let mut planned: Vec<Planned<'_>> = Vec::new();
    let mut asked: HashMap<(usize, &str), &Row> = HashMap::new();
    let mut leads: Vec<(String, bool)> = Vec::new();
    // rows with nothing left to apply: their lead, and a note when the action changed since
    let mut passed: Vec<(String, Option<String>)> = Vec::new();
    for ret in &returns {
        for (lead, rows) in &ret.sheets {
            leads.push((lead.clone(), rows.iter().any(Row::filled)));
            // a row with nothing to fill but its read-only cells typed over: refused, not
            // passed over as "no return"
            for row in rows.iter().filter(|r| !r.filled() && ret.recorded) {
                let plan = row.plan.clone().unwrap_or_default();
                let changed: Vec<&str> = match ret.seen.get(&(plan.clone(), row.id.clone())) {
                    Some(s) if ret.shown.contains(&(lead.clone(), plan, row.id.clone())) => row
                        .read_only
                        .iter()
                        .filter(|(i, v)| s[*i] != *v)
                        .map(|(i, _)| READ_ONLY[*i])
                        .collect(),
                    _ => vec!["Plan\" or \"ID"],
                };
                if !changed.is_empty() {
                    refused.push(format!(
                        "{}: its read-only \"{}\" cell was changed in the spreadsheet, and nothing filled in; change the plan with `planlint set`, not the return",
                        row.place,
                        changed.join("\", \"")
                    ));
                }
            }
            for row in rows.iter().filter(|r| r.filled()) {
                let place = &row.place;
                // text no terminal or plan should take: control characters, bidi overrides
                let unsafe_char = |c: char| {
                    (c.is_control() && c != '\n' && c != '\t')
                        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
                };
                if let Some((n, _)) = [
                    ("New update", &row.update),
                    ("Rating", &row.rating),
                    ("Status", &row.status),
                    ("Revised due", &row.due),
                    ("Updated by", &row.by),
                ]
                .iter()
                .find(|(_, t)| t.chars().any(unsafe_char))
                {
                    refused.push(format!(
                        "{place}: its \"{n}\" cell holds a control or bidi character; type the text again"
                    ));
                    continue;
                }
                if let Some(why) = &row.unreadable {
                    refused.push(format!("{place}: {why}"));
                    continue;
                }
                if row.id.is_empty() {
                    refused.push(format!("{place}: the row has no action ID"));
                    continue;
                }
                let plan = match &row.plan {
                    Some(p) => match by_id.get(p.as_str()) {
                        Some(i) => *i,
                        None => {
                            refused.push(format!("{place}: there is no plan `{p}`"));
                            continue;
                        }
                    },
                    None => match having.get(row.id.as_str()).map(Vec::as_slice) {
                        Some([i]) => *i,
                        Some(many) => {
                            let ids: Vec<&str> =
                                many.iter().map(|i| plans[*i].file.plan.id()).collect();
                            refused.push(format!(
                                "{place}: action `{}` is in plans {}; add a Plan column",
                                row.id,
                                ids.join(", ")
                            ));
                            continue;
                        }
                        None => {
                            refused.push(format!("{place}: there is no action `{}`", row.id));
                            continue;
                        }
                    },
                };
                let p = &plans[plan];
                let plan_id = p.file.plan.id();
                let Some(&j) = actions.get(&(plan, row.id.as_str())) else {
                    refused.push(format!(
                        "{place}: plan `{plan_id}` has no action `{}`",
                        row.id
                    ));
                    continue;
                };
                let action = p.file.plan.actions[j].get_ref();
                // only the actions this sheet showed: a row added for another action would
                // pass by the record of what the lead was shown (and the changed-in-git check)
                if ret.recorded
                    && !ret
                        .shown
                        .contains(&(lead.clone(), plan_id.to_string(), row.id.clone()))
                {
                    refused.push(format!(
                        "{place}: action `{}` of plan `{plan_id}` was not on this sheet when the workbook was made; a return updates only the actions it was given",
                        row.id
                    ));
                    continue;
                }
                let mut bad = Vec::new();
                let rating = if row.rating.is_empty() {
                    None
                } else {
                    match scale.resolve(&row.rating) {
                        Some(r) => Some(r.name.to_string()),
                        None => {
                            bad.push(format!(
                                "the rating `{}` is not on the {} scale ({})",
                                row.rating,
                                scale.preset,
                                scale.names().collect::<Vec<_>>().join(", ")
                            ));
                            None
                        }
                    }
                };
                let status = if row.status.is_empty() {
                    None
                } else {
                    match Status::parse_loose(&row.status) {
                        Some(s) => Some(s),
                        None => {
                            bad.push(format!("the status `{}` is not a status", row.status));
                            None
                        }
                    }
                };
                let due = if row.due.is_empty() {
                    None
                } else if NaiveDate::parse_from_str(&row.due, "%Y-%m-%d").is_ok()
                    || crate::plan::timescale::parse(&row.due).is_ok()
                {
                    Some(row.due.clone())
                } else {
                    bad.push(format!(
                        "the revised due `{}` is neither a date nor a timescale planlint reads",
                        row.due
                    ));
                    None
                };
                let now = shown(plan_id, action, scale);
                // read-only cells: against what the workbook showed, else against the plan
                let seen = ret.seen.get(&(plan_id.to_string(), row.id.clone()));
                for (i, v) in &row.read_only {
                    let was = match seen {
                        Some(s) => s[*i].clone(),
                        None => table::normalise(&cut(&now[*i])),
                    };
                    if *v != was && seen.is_some() {
                        bad.push(format!(
                            "its read-only \"{}\" cell was changed in the spreadsheet (\"{}\" → \"{}\"); change the plan with `planlint set`, not the return",
                            READ_ONLY[*i],
                            table::short(&was, 60),
                            table::short(v, 60)
                        ));
                    } else if *v != was && !opts.force {
                        bad.push(format!(
                            "its \"{}\" cell says \"{}\" but the plan says \"{}\" (--force applies the row anyway)",
                            READ_ONLY[*i],
                            table::short(v, 60),
                            table::short(&was, 60)
                        ));
                    }
                }
                if !bad.is_empty() {
                    refused.push(format!("{place}: {}", bad.join("; ")));
                    continue;
                }
                let date = opts.date.or(row.date).or(ret.cycle).unwrap_or(opts.today);
                let already = |text: &str| {
                    action.updates.iter().any(|u| {
                        let u = u.get_ref();
                        u.date.get_ref().0 == date && table::normalise(u.text.get_ref()) == text
                    })
                };
                let update = Some(row.update.clone()).filter(|t| !t.is_empty() && !already(t));
                let current_rating = action
                    .rating()
                    .and_then(|r| scale.resolve(r.get_ref()))
                    .map(|r| r.name.to_string());
                let rating_change = rating
                    .clone()
                    .filter(|r| Some(r) != current_rating.as_ref());
                let status_change = status.filter(|s| action.status() != Some(*s));
                let due_change = due.filter(|d| {
                    let now = action.due.as_ref().map(|x| match x.get_ref() {
                        Due::Date(d) => d.to_string(),
                        Due::Text(t) => t.clone(),
                    });
                    now.as_deref() != Some(d.as_str())
                });
                // changed in git since the workbook was made? (not when the plan's blob is the
                // one the workbook was made from)
                let same_blob = ret.blobs.get(plan_id).is_some_and(|b| *b == blob_now[plan]);
                let changed: Vec<String> = match seen.filter(|_| !same_blob) {
                    Some(s) => (2..READ_ONLY.len())
                        .filter(|i| s[*i] != table::normalise(&cut(&now[*i])))
                        .map(|i| {
                            format!(
                                "{} \"{}\" → \"{}\"",
                                READ_ONLY[i],
                                table::short(&s[i], 60),
                                table::short(&table::normalise(&now[i]), 60)
                            )
                        })
                        .collect(),
                    None => Vec::new(),
                };
                if update.is_none()
                    && rating_change.is_none()
                    && status_change.is_none()
                    && due_change.is_none()
                {
                    // already in the plan: a return imported again changes nothing. Said, never
                    // dropped in silence: when the action changed since the workbook was made,
                    // the row's note names what changed
                    let note = (!changed.is_empty()).then(|| {
                        format!(
                            "{place}: nothing to apply: plan `{plan_id}` already says what the row asks of action `{}` (changed since the workbook was made: {})",
                            row.id,
                            changed.join("; ")
                        )
                    });
                    passed.push((row.lead.clone(), note));
                    continue;
                }
                if !changed.is_empty() && !opts.force {
                    refused.push(format!(
                        "{place}: action `{}` of plan `{plan_id}` changed since the workbook was made ({}); --force applies the row anyway",
                        row.id,
                        changed.join("; ")
                    ));
                    continue;
                }
                let key = (plan, action.id.get_ref().as_str());
                if let Some(first) = asked.get(&key) {
                    if first.asks() != row.asks() {
                        refused.push(format!(
                            "{place}: action `{}` of plan `{plan_id}` is also updated, differently, at {}",
                            row.id, first.place
                        ));
                    }
                    continue;
                }
                asked.insert(key, row);
                planned.push(Planned {
                    row,
                    plan,
                    date,
                    update,
                    rating: rating_change,
                    rating_given: rating,
                    status: status_change,
                    due: due_change,
                });
            }
        }
    }
    if !refused.is_empty() {
        return Err(Refusal::Rows(refused));
    }
    // per plan: the rows' edits made one after another on the plan's text, each by the edit
    // layer's own command from the text the one before left
    let mut per_plan: BTreeMap<usize, Vec<&Planned<'_>>> = BTreeMap::new();
    for p in &planned {
        per_plan.entry(p.plan).or_default().push(p);
    }
    // plans are independent: each plan's rows made into edits from one reading of it (the edit
    // layer's batch of `update`s and `set`s), in parallel; then every plan checked once and, when
    // none is refused, written (`edit::commit_all`)
    let per_plan: Vec<(usize, Vec<&Planned<'_>>)> = per_plan.into_iter().collect();
    let built: Vec<Result<Change, Error>> = per_plan
        .par_iter()
        .map(|(i, rows)| -> Result<Change, Error> {
            let p = &plans[*i];
            let plan_id = p.file.plan.id().to_string();
            let mut commands = Vec::new();
            for r in rows {
                // a revised due first: its keys sit before the rating an update sets, as when
                // the two were made one after the other
                if let Some(d) = &r.due {
                    commands.push(Command::Set(SetOptions {
                        action: r.row.id.clone(),
                        plan: Some(plan_id.clone()),
                        due: Some(d.clone()),
                        ..SetOptions::default()
                    }));
                }
                if let Some(t) = &r.update {
                    commands.push(Command::Update(UpdateOptions {
                        action: r.row.id.clone(),
                        plan: Some(plan_id.clone()),
                        text: t.clone(),
                        rag: r.rating_given.clone(),
                        status: r.status.map(|s| s.as_str().to_string()),
                        date: r.date,
                        by: Some(r.row.by.clone()).filter(|b| !b.is_empty()),
                    }));
                } else if r.rating.is_some() || r.status.is_some() {
                    commands.push(Command::Set(SetOptions {
                        action: r.row.id.clone(),
                        plan: Some(plan_id.clone()),
                        rag: r.rating.clone(),
                        status: r.status.map(|s| s.as_str().to_string()),
                        ..SetOptions::default()
                    }));
                }
            }
            let found = Found {
                name: p.name.clone(),
                path: p.path.clone(),
                text: p.text.clone(),
            };
            edit::commands::batch(config, &commands, found)
        })
        .collect();
    let changes = built.into_iter().collect::<Result<Vec<Change>, Error>>()?;
    let checks = Checks {
        config,
        as_of: opts.today,
    };
    let done = edit::commit_all(changes, &checks, opts.mode).map_err(Refusal::Plan)?;
    Ok(Imported {
        leads: lead_lines(&leads, &planned, &passed),
        notes: passed.into_iter().filter_map(|(_, n)| n).collect(),
        plans: done,
    })
}

/// "Police: 7 updates, 2 ratings changed, 1 revised due date; LCFT: no return".
fn lead_lines(
    leads: &[(String, bool)],
    planned: &[Planned<'_>],
    already: &[(String, Option<String>)],
) -> Vec<String> {
    let mut out = Vec::new();
    for (lead, filled) in leads {
        let mine: Vec<&Planned<'_>> = planned.iter().filter(|p| &p.row.lead == lead).collect();
        let count = |n: usize, what: &str| crate::plan::words::count(n, what);
        let passed = already.iter().filter(|(l, _)| l == lead).count();
        let line = if !filled {
            "no return".to_string()
        } else if mine.is_empty() {
            "nothing new (already in the plans)".to_string()
        } else {
            let mut parts = vec![count(
                mine.iter().filter(|p| p.update.is_some()).count(),
                "update",
            )];
            let ratings = mine.iter().filter(|p| p.rating.is_some()).count();
            if ratings > 0 {
                parts.push(format!("{} changed", count(ratings, "rating")));
            }
            let statuses = mine.iter().filter(|p| p.status.is_some()).count();
            if statuses > 0 {
                parts.push(format!(
                    "{} changed",
                    crate::plan::words::count_as(statuses, "status", "statuses")
                ));
            }
            let dues = mine.iter().filter(|p| p.due.is_some()).count();
            if dues > 0 {
                parts.push(count(dues, "revised due date"));
            }
            if passed > 0 {
                parts.push(format!(
                    "{} already in the plans",
                    crate::plan::words::count(passed, "row")
                ));
            }
            parts.join(", ")
        };
        out.push(format!("{lead}: {line}"));
    }
    out
}
