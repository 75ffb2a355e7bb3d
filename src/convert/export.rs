//! `planlint export`: one row per action in the columns a board's tracker uses, as an Excel
//! workbook (a sheet per plan and an "All actions" sheet; header frozen, filters on, ratings
//! as words filled in their colours, dates as real Excel dates) or as CSV (UTF-8 with a BOM,
//! so Excel opens it with the right characters).
//!
//! Plan text is untrusted, and a spreadsheet runs a CSV cell that starts with `=`, `+`, `-`,
//! `@`, a tab or a carriage return as a formula (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`). Every
//! CSV cell goes through `csv_cell`, which puts a `'` before such a cell as OWASP advises (and
//! before one that starts with `'`, so the quote can be taken off again without doubt);
//! `csv_cell_undo` takes it off when `import` reads planlint's own CSV back. The workbook needs
//! none of this: its cells are strings, never formulas.

use super::cells::{date_format, excel_date, EXCEL_CELL_CHARS};
pub use super::tracker::{csv_cell, csv_cell_undo, COLUMNS};
use crate::plan::finding::Finding;
use crate::plan::load::PlanFile;
use crate::plan::model::{Action, Status};
use crate::plan::rating::Scale;
use crate::plan::source::SourceFile;
use crate::workspace::config::Config;
use crate::Error;
use chrono::NaiveDate;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The sheet with every plan's actions.
pub const ALL_ACTIONS: &str = "All actions";

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

pub struct Options<'a> {
    pub config: &'a Config,
    pub paths: &'a [PathBuf],
    pub rev: Option<&'a str>,
    pub format: ExportFormat,
    pub as_of: crate::lint::AsOf,
    /// How `--rev` uses the history cache.
    pub cache: crate::git::cache::Options,
}

/// The export, what went in, and the plan files that could not be (they break the schema or
/// could not be read: `check` says why).
pub struct Exported {
    pub body: Body,
    pub plans: usize,
    pub actions: usize,
    pub left_out: Vec<String>,
    pub warnings: Vec<String>,
    /// What reading the plans from git had to say (for the command line to print).
    pub notes: Vec<String>,
}

/// What export made: a CSV's bytes, or the workbook, saved only where the caller says (into
/// the output file as it is zipped: held as bytes too, the workbook's 10 MB at 50,000 actions
/// grew the peak by 15 MB).
pub enum Body {
    Csv(Vec<u8>),
    Workbook(Box<Workbook>),
}

impl Body {
    /// Writes the export to `out` (through a buffer: the zip writer's writes are small).
    pub fn write_to<W: std::io::Write + std::io::Seek + Send>(self, out: W) -> Result<(), Error> {
        use std::io::Write as _;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        match self {
            Body::Csv(bytes) => out.write_all(&bytes).map_err(|e| {
                Error::Usage(format!(
                    "cannot write the CSV: {}",
                    crate::plan::words::io_error(&e)
                ))
            }),
            Body::Workbook(mut wb) => sheets_written(|| {
                wb.save_to_writer(&mut out).map_err(|e| {
                    Error::Usage(format!("cannot write the workbook: {}", workbook_error(&e)))
                })
            }),
        }?;
        out.flush().map_err(|e| {
            Error::Usage(format!(
                "cannot write the export: {}",
                crate::plan::words::io_error(&e)
            ))
        })
    }

    /// The export as bytes (for standard output, which cannot seek).
    pub fn into_bytes(self) -> Result<Vec<u8>, Error> {
        match self {
            Body::Csv(bytes) => Ok(bytes),
            wb => {
                let mut out = std::io::Cursor::new(Vec::new());
                wb.write_to(&mut out)?;
                Ok(out.into_inner())
            }
        }
    }
}

/// `work` with rust_xlsxwriter's panic on a sheet's temporary file it cannot write (a full
/// temporary folder) turned into a message; any other panic goes on as it was.
fn sheets_written<T>(work: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    use std::panic;
    fn temporary_file(payload: &(dyn std::any::Any + Send)) -> Option<String> {
        let said = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())?;
        said.starts_with("Couldn't ").then(|| said.to_string())
    }
    let before = Arc::new(panic::take_hook());
    let said = before.clone();
    panic::set_hook(Box::new(move |info| {
        if temporary_file(info.payload()).is_none() {
            said(info)
        }
    }));
    let done = panic::catch_unwind(panic::AssertUnwindSafe(work));
    drop(panic::take_hook());
    panic::set_hook(Box::new(move |info| before(info)));
    match done {
        Ok(done) => done,
        Err(payload) => match temporary_file(&*payload) {
            Some(why) => Err(Error::Usage(format!(
                "cannot write the workbook: a sheet's temporary file in {} could not be written ({}); set TMPDIR to a folder with room, or use --format csv",
                std::env::temp_dir().display(),
                crate::plan::escape::line(&why)
            ))),
            None => panic::resume_unwind(payload),
        },
    }
}

/// One action as a row of text and dates.
struct Line {
    cells: [String; 14],
    due: Option<NaiveDate>,
    updated: Option<NaiveDate>,
    /// The rating's name on the scale, for its colour.
    rating: Option<String>,
}

pub fn run(opts: &Options<'_>) -> Result<Exported, Error> {
    let config = opts.config;
    let source = opts.rev.map_or(crate::check::Source::Disk, |r| {
        crate::check::Source::Commit(r.to_string())
    });
    let mut job = crate::check::Job::open(
        config,
        crate::check::Request {
            source,
            changed_since: None,
            judge: crate::check::Judge::All,
            as_of: opts.as_of.clone(),
            cache: opts.cache,
        },
    )?;
    let inputs = match job.inputs(config, opts.paths)? {
        Some(inputs) => inputs,
        None => {
            let targets = crate::workspace::discover::discover(config, opts.paths)?;
            if targets.is_empty() {
                return Err(Error::Usage(format!(
                    "{}; name the plans to export",
                    config.none_found()
                )));
            }
            crate::workspace::discover::read_targets(&targets)
        }
    };
    // the Findings column is the plain check's: no history pass. Each plan's model is let go
    // once it is checked, and loaded again when its rows are written: memory holds a few
    // plans' models at a time, not every plan's (at 50,000 actions the workbook's peak went
    // from 250 MB to 160, the CSV's from 220 to 150)
    let outcome = crate::lint::check::check_lean(inputs, config, opts.as_of.date);
    let mut left_out: Vec<String> = outcome.unreadable.clone();
    let valid: std::collections::HashSet<&str> =
        outcome.valid.iter().map(|s| s.name.as_str()).collect();
    let mut broken: Vec<String> = outcome
        .sources
        .keys()
        .filter(|n| !valid.contains(n.as_str()))
        .map(|n| {
            format!(
                "{n}: it does not pass the schema (run `{}`)",
                crate::plan::escape::shell_line(&["planlint", "check", n])
            )
        })
        .collect();
    broken.sort();
    left_out.extend(broken);
    drop(valid);
    // what the rows need of the check: the plans' sources and the findings
    let crate::lint::check::Outcome {
        valid,
        findings: found,
        sources,
        actions,
        ..
    } = outcome;
    drop(sources);
    if valid.is_empty() {
        return Err(Error::Usage(format!(
            "no plan could be exported: {}",
            left_out.join("; ")
        )));
    }
    // the findings as the column's text, the findings themselves let go
    let findings = findings_by_action(found);
    let plans = valid.len();
    let mut warnings = Vec::new();
    let body = match opts.format {
        ExportFormat::Csv => Body::Csv(csv_bytes(valid, actions, |p| {
            lines(p, &findings, &config.scale)
        })?),
        ExportFormat::Xlsx => {
            room_for_sheets(plans + 1 + super::roundtrip::SHEETS.len())?;
            Body::Workbook(Box::new(sheets_written(|| {
                xlsx_book(
                    valid,
                    |p| {
                        (
                            lines(p, &findings, &config.scale),
                            super::roundtrip::PlanComments::of(p),
                        )
                    },
                    &mut warnings,
                )
                .map_err(|e| {
                    Error::Usage(format!("cannot write the workbook: {}", workbook_error(&e)))
                })
            })?))
        }
    };
    Ok(Exported {
        body,
        plans,
        actions,
        left_out,
        warnings,
        notes: job.notes().to_vec(),
    })
}

/// The plans loaded again from their sources (in order), a few at a time on every core, each
/// with what `make` makes of it, handed to `each` in order: no more than two chunks of plans'
/// models are held at once. The next chunk is made while `each` takes this one (writing is
/// one thread's work, so the other cores load). Each source is let go once its plan is
/// written, so the texts not yet written are all that is held of them. (A plan that passed
/// the check is loaded again the same; one that somehow did not is passed over.)
fn plan_by_plan<T: Send, E: Send>(
    valid: Vec<Arc<SourceFile>>,
    make: impl Fn(&PlanFile) -> T + Sync,
    mut each: impl FnMut(PlanFile, T) -> Result<(), E> + Send,
) -> Result<(), E> {
    use rayon::prelude::*;
    let chunk = |some: Vec<Arc<SourceFile>>| -> Vec<(PlanFile, T)> {
        some.into_par_iter()
            .filter_map(|s| {
                let p = crate::plan::load::reload(s)?;
                let t = make(&p);
                Some((p, t))
            })
            .collect()
    };
    let mut rest = valid.into_iter();
    let mut chunks = std::iter::from_fn(|| {
        let some: Vec<_> = rest.by_ref().take(64).collect();
        (!some.is_empty()).then_some(some)
    });
    let mut next = chunks.next().map(chunk);
    while let Some(this) = next.take() {
        let (done, made) = rayon::join(
            || this.into_iter().try_for_each(|(p, t)| each(p, t)),
            || chunks.next().map(chunk),
        );
        done?;
        next = made;
    }
    Ok(())
}

/// The Findings column's text by file and action, made once: looking findings up per action by
/// scanning every one made export quadratic (112 s at 5,000 plans). The text alone is kept, a
/// fifth of the findings' memory.
type FindingIndex = HashMap<Arc<str>, HashMap<String, String>>;

fn findings_by_action(findings: Vec<Finding>) -> FindingIndex {
    let mut index: FindingIndex = HashMap::new();
    // a finding on no action has no row to go in: its line is never made
    for f in findings.into_iter().filter(|f| f.action.is_some()) {
        let line = finding_line(&f);
        if let Some(action) = f.action {
            let text = index.entry(f.file).or_default().entry(action).or_default();
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&line);
        }
    }
    index.shrink_to_fit();
    index
}

fn lines(p: &PlanFile, findings: &FindingIndex, scale: &Scale) -> Vec<Line> {
    let plan = &p.plan;
    let title = plan.plan.get_ref().title.get_ref().clone();
    let found = findings.get(p.source.name.as_str());
    plan.actions
        .iter()
        .map(|a| {
            let a: &Action = a.get_ref();
            let section = a.section.as_ref().map(|s| {
                let id = s.get_ref();
                match plan
                    .sections
                    .iter()
                    .find(|x| x.get_ref().id.get_ref() == id)
                {
                    Some(x) => format!("{id}. {}", x.get_ref().title.get_ref()),
                    None => id.clone(),
                }
            });
            let rating = a.rating().map(|r| r.get_ref().clone());
            let on_scale = rating
                .as_deref()
                .and_then(|r| scale.resolve(r))
                .map(|r| r.name.to_string());
            let rag_text = match (&on_scale, &rating) {
                (Some(name), _) => capitalise(name),
                (None, Some(r)) => r.clone(),
                (None, None) => String::new(),
            };
            let latest = a.latest_update();
            let findings = found
                .and_then(|f| f.get(a.id.get_ref().as_str()))
                .cloned()
                .unwrap_or_default();
            let due = a.due.as_ref().map(|d| d.get_ref());
            Line {
                cells: [
                    title.clone(),
                    section.unwrap_or_default(),
                    a.theme
                        .as_ref()
                        .map(|t| t.get_ref().clone())
                        .unwrap_or_default(),
                    a.id.get_ref().clone(),
                    a.title.get_ref().clone(),
                    a.lead_names().collect::<Vec<_>>().join("\n"),
                    a.partners
                        .iter()
                        .map(|s| s.get_ref().as_str())
                        .collect::<Vec<_>>()
                        .join("\n"),
                    due.map(|d| d.display()).unwrap_or_default(),
                    due.and_then(|d| d.due_date())
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    a.status().map(status_words).unwrap_or_default().to_string(),
                    rag_text,
                    latest.map(|u| u.text.get_ref().clone()).unwrap_or_default(),
                    latest
                        .map(|u| u.date.get_ref().0.to_string())
                        .unwrap_or_default(),
                    findings,
                ],
                due: due.and_then(|d| d.due_date()),
                updated: latest.map(|u| u.date.get_ref().0),
                rating: on_scale,
            }
        })
        .collect()
}

fn finding_line(f: &Finding) -> String {
    format!("{} {}: {}", f.severity, f.rule, f.message)
}

pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A status as a board reads it; import maps these words back.
pub fn status_words(s: Status) -> &'static str {
    match s {
        Status::NotStarted => "Not started",
        Status::InProgress => "In progress",
        Status::Complete => "Complete",
        Status::Withdrawn => "Withdrawn",
        Status::OnHold => "On hold",
    }
}

/// A cell's text as the bytes the CSV writer takes, without a copy.
struct Bytes<'a>(std::borrow::Cow<'a, str>);

impl AsRef<[u8]> for Bytes<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

fn csv_bytes(
    valid: Vec<Arc<SourceFile>>,
    actions: usize,
    lines: impl Fn(&PlanFile) -> Vec<Line> + Sync,
) -> Result<Vec<u8>, Error> {
    let err = |e: csv::Error| Error::Usage(format!("cannot write the CSV: {e}"));
    let writer = |out: Vec<u8>| {
        csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out)
    };
    let done = |w: csv::Writer<Vec<u8>>| {
        w.into_inner()
            .map_err(|e| Error::Usage(format!("cannot write the CSV: {}", e.error())))
    };
    // about what a generated action takes, so the file seldom grows more than once
    let mut out = Vec::with_capacity(actions * 320 + 512);
    out.extend_from_slice(b"\xEF\xBB\xBF");
    let mut w = writer(out);
    w.write_record(COLUMNS.map(|c| csv_cell(c).into_owned()))
        .map_err(err)?;
    let mut out = done(w)?;
    // each plan's rows made and written on every core, a few plans at a time (the rows of
    // every plan are never held at once, nor the file twice), and put together in order: a
    // record's bytes do not depend on the records before it
    plan_by_plan(
        valid,
        |p| {
            let mut w = writer(Vec::new());
            for l in lines(p) {
                w.write_record(l.cells.iter().map(|c| Bytes(csv_cell(c))))
                    .map_err(err)?;
            }
            done(w)
        },
        |_, part: Result<Vec<u8>, Error>| {
            out.extend_from_slice(&part?);
            Ok::<(), Error>(())
        },
    )?;
    Ok(out)
}

/// The ratings of the preset scales, which have colours.
const RATINGS: [&str; 6] = ["red", "amber-red", "amber", "amber-green", "green", "blue"];

/// The fill and font colour of a rating on the scale.
fn colours(rating: &str) -> Option<(u32, u32)> {
    Some(match rating {
        "red" => (0xC00000, 0xFFFFFF),
        "amber-red" => (0xED7D31, 0x000000),
        "amber" => (0xFFC000, 0x000000),
        "amber-green" => (0x92D050, 0x000000),
        "green" => (0x00B050, 0x000000),
        "blue" => (0x0070C0, 0xFFFFFF),
        _ => return None,
    })
}

const WIDTHS: [f64; 14] = [
    28.0, 30.0, 30.0, 7.0, 50.0, 30.0, 30.0, 16.0, 11.0, 12.0, 10.0, 60.0, 11.0, 50.0,
];

/// The writer's error as the user reads it: a full disk says so, and what to do
/// (`plan::words::io_error`), wherever in the writer (or its zip) it was met.
pub(crate) fn workbook_error(e: &rust_xlsxwriter::XlsxError) -> String {
    if let rust_xlsxwriter::XlsxError::IoError(io) = e {
        return crate::plan::words::io_error(io);
    }
    let mut cause: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            return crate::plan::words::io_error(io);
        }
        cause = c.source();
    }
    e.to_string()
}

/// rust_xlsxwriter (with `constant_memory`) gives every worksheet a temporary file, open until
/// the workbook is saved, and panics when it cannot make one: see first that the temporary
/// folder takes files, and that the process may hold one open a sheet (raising its soft limit
/// on open files toward the hard one when it must), so a large export fails with a message.
pub(crate) fn room_for_sheets(sheets: usize) -> Result<(), Error> {
    let dir = std::env::temp_dir();
    tempfile::tempfile_in(&dir).map_err(|e| {
        Error::Usage(format!(
            "cannot write the workbook: the temporary folder {} takes no file ({e}); set TMPDIR to one that does",
            dir.display()
        ))
    })?;
    // `rlim_t` is u64 on most unix systems, not on every one
    #[cfg(unix)]
    #[allow(clippy::unnecessary_cast)]
    {
        // the sheets' files, and room for what else is open (plans, git, the output)
        let needed = sheets as u64 + 256;
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit and setrlimit only read and write the struct handed to them
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0
            && (limit.rlim_cur as u64) < needed
        {
            let want = libc::rlimit {
                rlim_cur: needed.min(limit.rlim_max as u64) as libc::rlim_t,
                rlim_max: limit.rlim_max,
            };
            let raised = unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &want) } == 0;
            if !raised || (want.rlim_cur as u64) < needed {
                return Err(Error::Usage(format!(
                    "cannot write a workbook of {sheets} sheets: this system lets planlint open {} files at once; export fewer plans at a time, or use --format csv",
                    if raised { want.rlim_cur } else { limit.rlim_cur }
                )));
            }
        }
    }
    Ok(())
}

/// The workbook: "All actions", a sheet a plan, then the round trip's sheets, written a plan at
/// a time. Every sheet is made apart from the workbook (its rows go to a temporary file as the
/// next one starts) and put in it, in order, once every plan is written.
fn xlsx_book(
    valid: Vec<Arc<SourceFile>>,
    make: impl Fn(&PlanFile) -> (Vec<Line>, super::roundtrip::PlanComments) + Sync,
    warnings: &mut Vec<String>,
) -> Result<Workbook, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    // level 3, not 6: the workbook saved in two thirds of the time, 14% larger
    wb.set_zip_compression_level(3);
    // the text cells take the workbook's own format (wrapped, at the top), so they are written
    // with none: a format given a cell costs the writer a hash of it, which was a third of the
    // export's time at 50,000 actions
    wb.set_default_format(&text_format(), DEFAULT_ROW_PIXELS, DEFAULT_COLUMN_PIXELS)?;
    let formats = Formats::new();
    // the round trip's sheets keep their names: a plan's sheet gives way
    let mut names: Vec<String> = [ALL_ACTIONS]
        .iter()
        .chain(super::roundtrip::SHEETS.iter())
        .map(|s| s.to_string())
        .collect();
    // low memory: a sheet's rows go to a temporary file as the next one starts (every cell
    // held in memory took over 800 MB at 50,000 actions), its texts to the shared table once
    // each (a smaller file than constant memory's inline strings)
    let mut all = wb.new_worksheet_with_low_memory()?;
    all.set_name(ALL_ACTIONS)?;
    formats.head(&mut all)?;
    let mut all_rows = 0;
    let mut sheets = Vec::with_capacity(valid.len());
    // a cell cut to fit is said once, of its plan's sheet ("All actions" has the same cells)
    let mut said_plans = Vec::new();
    let mut round = super::roundtrip::Sheets::new(&mut wb)?;
    plan_by_plan(valid, make, |p, (lines, comments)| {
        formats.rows(&mut all, all_rows, &lines, None)?;
        all_rows += lines.len() as u32;
        let name = sheet_name(p.plan.id(), &names);
        names.push(name.clone());
        let mut ws = wb.new_worksheet_with_low_memory()?;
        ws.set_name(&name)?;
        formats.head(&mut ws)?;
        let from = said_plans.len();
        formats.rows(&mut ws, 0, &lines, Some(&mut said_plans))?;
        for w in &mut said_plans[from..] {
            *w = format!("{}: {w}", p.source.name);
        }
        Formats::finish(&mut ws, lines.len() as u32)?;
        sheets.push(ws);
        // every field of every plan, for `import` to give the plans back whole
        round.add(&p, &comments)
    })?;
    Formats::finish(&mut all, all_rows)?;
    wb.push_worksheet(all);
    for ws in sheets {
        wb.push_worksheet(ws);
    }
    warnings.append(&mut said_plans);
    round.finish(&mut wb, warnings);
    Ok(wb)
}

/// A sheet name Excel accepts (31 characters, none of `[]:*?/\`), unique in the workbook.
pub(crate) fn sheet_name(id: &str, taken: &[String]) -> String {
    let clean: String = id
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .take(31)
        .collect();
    let mut name = clean.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let suffix = format!("~{n}");
        name = format!(
            "{}{suffix}",
            clean.chars().take(31 - suffix.len()).collect::<String>()
        );
        n += 1;
    }
    name
}

/// The tracker sheets' formats, made once: the header's, a date's, and a fill a rating (a
/// text cell has the workbook's default format, `text_format`).
struct Formats {
    head: Format,
    date: Format,
    fills: HashMap<&'static str, Format>,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            head: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_border(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            date: date_format(),
            fills: RATINGS
                .iter()
                .filter_map(|r| colours(r).map(|c| (*r, c)))
                .map(|(r, (bg, fg))| {
                    let f = Format::new()
                        .set_background_color(Color::RGB(bg))
                        .set_font_color(Color::RGB(fg))
                        .set_bold()
                        .set_align(FormatAlign::Top);
                    (r, f)
                })
                .collect(),
        }
    }

    /// The header row and the columns' widths.
    fn head(&self, ws: &mut Worksheet) -> Result<(), rust_xlsxwriter::XlsxError> {
        for (c, name) in COLUMNS.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *name, &self.head)?;
            ws.set_column_width(c as u16, WIDTHS[c])?;
        }
        Ok(())
    }

    /// `lines` as the rows after the first `after`.
    fn rows(
        &self,
        ws: &mut Worksheet,
        after: u32,
        lines: &[Line],
        mut warnings: Option<&mut Vec<String>>,
    ) -> Result<(), rust_xlsxwriter::XlsxError> {
        // the columns with dates and colours, found once (not a text comparison a cell)
        let at = |name: &str| COLUMNS.iter().position(|c| *c == name);
        let (due_at, updated_at, rag_at) = (at("Due (date)"), at("Updated on"), at("RAG"));
        for (i, l) in lines.iter().enumerate() {
            let r = after + i as u32 + 1;
            for (c, value) in l.cells.iter().enumerate() {
                let c16 = c as u16;
                let day = if Some(c) == due_at {
                    l.due
                } else if Some(c) == updated_at {
                    l.updated
                } else {
                    None
                };
                if let Some(d) = day {
                    match excel_date(d) {
                        Some(x) => {
                            ws.write_datetime_with_format(r, c16, &x, &self.date)?;
                        }
                        None => {
                            ws.write_string(r, c16, value)?;
                        }
                    }
                    continue;
                }
                if value.is_empty() {
                    continue;
                }
                // a text of no more bytes than the limit has no more characters either
                let value = if value.len() > EXCEL_CELL_CHARS
                    && value.chars().count() > EXCEL_CELL_CHARS
                {
                    if let Some(w) = warnings.as_deref_mut() {
                        w.push(format!(
                            "action {}: its \"{}\" text is longer than Excel's {EXCEL_CELL_CHARS} characters and was cut in the workbook",
                            l.cells[3], COLUMNS[c]
                        ));
                    }
                    value.chars().take(EXCEL_CELL_CHARS).collect()
                } else {
                    value.clone()
                };
                let fill = (Some(c) == rag_at)
                    .then(|| l.rating.as_deref().and_then(|r| self.fills.get(r)))
                    .flatten();
                match fill {
                    Some(fill) => ws.write_string_with_format(r, c16, value, fill)?,
                    None => ws.write_string(r, c16, value)?,
                };
            }
        }
        Ok(())
    }

    /// The header frozen and filters on, over `rows` rows.
    fn finish(ws: &mut Worksheet, rows: u32) -> Result<(), rust_xlsxwriter::XlsxError> {
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, rows, COLUMNS.len() as u16 - 1)?;
        Ok(())
    }
}

/// Calibri 11's row height and column width in pixels, which the default format keeps.
const DEFAULT_ROW_PIXELS: u32 = 20;
const DEFAULT_COLUMN_PIXELS: u32 = 64;

/// The workbook's default cell format: Excel's own (Calibri 11), its text wrapped and at the
/// top of the cell, as a tracker's rows of long text read best.
fn text_format() -> Format {
    Format::new().set_text_wrap().set_align(FormatAlign::Top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_that_would_run_get_a_quote_that_comes_off_again() {
        for (text, cell) in [
            ("=1+1", "'=1+1"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2", "'-2"),
            ("- a bullet", "'- a bullet"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'Tis", "''Tis"),
            ("''", "'''"),
            ("'=1", "''=1"),
            ("2015-03-31", "2015-03-31"),
            ("Street triage", "Street triage"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(csv_cell(text), cell, "{text:?}");
            assert_eq!(csv_cell_undo(cell), text, "{cell:?}");
        }
    }

    #[test]
    fn sheet_names_fit_excel_and_stay_unique() {
        let long = "a-very-long-plan-id-that-goes-on-and-on";
        let first = sheet_name(long, &[]);
        assert_eq!(first.chars().count(), 31);
        let second = sheet_name(long, std::slice::from_ref(&first));
        assert_ne!(first, second);
        assert_eq!(second.chars().count(), 31);
        assert_eq!(sheet_name("x[1]", &[]), "x-1-");
    }
}
