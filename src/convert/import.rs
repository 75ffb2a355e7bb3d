//! `planlint import`'s job: read the file (its real type by its bytes), choose the table or
//! sheet, build the plan, write it atomically, and check it. Nothing is written when the job
//! cannot be done: every refusal is an `Error` with a message for the person who ran it.

use super::build::{self, NewPlan};
use super::error::{ImportError, ReadError};
use super::header::{self, Field, Header, Mapping};
use super::report::{
    CheckReport, ColumnReport, Counts, FindingBrief, PlanReport, Report, RuleCount,
};
use super::sniff::{self, Kind};
use super::table::{Document, Table};
use super::{delimited, docx, limits, sheet, write};
use crate::plan::finding::{Severity, Summary};
use crate::plan::load::Input;
use crate::workspace::config::Config;
use crate::Error;
use chrono::NaiveDate;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Where the plan goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// `plans/<id>.toml` under the configuration root.
    Default,
    Path(PathBuf),
    Stdout,
}

pub struct Options<'a> {
    pub file: &'a Path,
    pub output: Output,
    pub id: Option<String>,
    pub title: Option<String>,
    pub sheet: Option<String>,
    pub table: Option<usize>,
    pub maps: Vec<Mapping>,
    pub update_date: Option<NaiveDate>,
    pub force: bool,
    pub as_of: NaiveDate,
    pub config: &'a Config,
}

/// A finished import: the report, the plan's text, and whether its check found errors.
pub struct Imported {
    pub report: Report,
    pub text: String,
    pub has_errors: bool,
}

fn usage(file: &Path, message: impl std::fmt::Display) -> ImportError {
    ImportError::about(file, message)
}

/// Runs an import.
pub fn run(opts: &Options<'_>) -> Result<Imported, ImportError> {
    let file = opts.file;
    let bytes = read_capped(file)?;
    let kind = check_kind(file, &bytes)?;
    let doc = read(&bytes, kind, &extension(file), opts.sheet.as_deref())
        .map_err(|e| ImportError::read(file, e))?;
    // planlint's own lossless export goes back to the plans it came from, every field kept
    if kind == Kind::Xlsx && super::roundtrip::is_lossless(&doc) {
        return super::roundtrip::import(file, &doc, opts);
    }
    let chosen = choose(file, &doc, opts)?;
    let input = build::Input {
        tables: chosen.tables.iter().map(|(t, h)| (*t, h.clone())).collect(),
        name_tables: chosen.tables.len() > 1 || (kind == Kind::Docx && doc.tables.len() > 1),
        lines: kind == Kind::Delimited,
    };
    let built = build::build(
        &input,
        &build::Options {
            scale: &opts.config.scale,
            update_date: opts.update_date,
        },
    );
    if built.plan_names.len() > 1 {
        return Err(usage(
            file,
            format!(
                "the Plan column names {} plans ({}): import one plan at a time, e.g. with --sheet NAME for a workbook planlint exported",
                built.plan_names.len(),
                built.plan_names.join(", ")
            ),
        ));
    }
    if !built.errors.is_empty() {
        let list = built.errors.join("\n  ");
        return Err(usage(file, format!("cannot import: {list}")));
    }
    if built.plan.actions.is_empty() {
        return Err(usage(
            file,
            format!(
                "no action rows under the header in {}: nothing to import (rows need an id and an action text)",
                chosen.read
            ),
        ));
    }
    let mut plan = built.plan.clone();
    plan.id = plan_id(file, opts)?;
    let (title, title_from) = match (
        &opts.title,
        built.plan_names.first(),
        &built.doc_title,
        built.title_rows.first(),
    ) {
        (Some(t), ..) => (t.trim().to_string(), "--title".to_string()),
        (None, Some(p), ..) => (p.clone(), "the Plan column".to_string()),
        (None, None, Some(d), _) => (d.clone(), "the document's first paragraph".to_string()),
        (None, None, None, Some(r)) => (r.clone(), "the title row above the header".to_string()),
        _ => (
            file.file_stem()
                .map_or_else(|| plan.id.clone(), |s| s.to_string_lossy().into_owned()),
            "the file name".to_string(),
        ),
    };
    if title.is_empty() {
        return Err(usage(file, "--title is empty: give the plan's title"));
    }
    plan.title = title;

    let file_name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let provenance = format!("Imported by planlint from {file_name} ({}).", chosen.read);
    let text = write::plan_toml(&plan, &provenance).map_err(|e| {
        usage(
            file,
            format!("the imported plan could not be laid out ({e}): this is a planlint bug, please report it with the file"),
        )
    })?;

    let (path, shown) = match &opts.output {
        Output::Default => {
            let p = opts
                .config
                .root
                .join("plans")
                .join(format!("{}.toml", plan.id));
            let shown = crate::workspace::discover::slash(
                p.strip_prefix(&opts.config.repo_root).unwrap_or(&p),
            );
            (Some(p), shown)
        }
        Output::Path(p) => (Some(p.clone()), crate::workspace::discover::slash(p)),
        Output::Stdout => (None, "-".to_string()),
    };
    let check_name = if shown == "-" {
        format!("plans/{}.toml", plan.id)
    } else {
        shown.clone()
    };
    let outcome = crate::lint::check::check(
        vec![Input {
            name: check_name,
            bytes: Ok(text.clone().into_bytes()),
        }],
        opts.config,
        opts.as_of,
    );
    if let Some(f) = outcome
        .findings
        .iter()
        .find(|f| f.rule == crate::plan::load::SYNTAX || f.rule == crate::plan::schema::RULE)
    {
        return Err(usage(
            file,
            format!(
                "the imported plan would not pass the schema ({}, line {}): this is a planlint bug, please report it with the file",
                f.message, f.line
            ),
        ));
    }
    if let Some(p) = &path {
        if p.exists() && !opts.force {
            return Err(ImportError::Refused(format!(
                "{shown} already exists: pass --force to replace it"
            )));
        }
        if let Some(dir) = p.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| {
                ImportError::Io(Error::Io {
                    path: dir.to_path_buf(),
                    source,
                })
            })?;
        }
        crate::workspace::files::write_atomic(p, text.as_bytes()).map_err(ImportError::Io)?;
    }

    let report = Report {
        file: file.display().to_string(),
        kind: doc.kind.to_string(),
        read: chosen.read.clone(),
        header: chosen.header_place.clone(),
        columns: columns_report(&chosen.tables, opts),
        notes: doc
            .notes
            .iter()
            .chain(&chosen.notes)
            .chain(&built.notes)
            .cloned()
            .collect(),
        splits: built.splits.clone(),
        inferred: built.inferred.clone(),
        colours: Vec::new(),
        counts: counts(&plan, &built),
        rows: built.events.clone(),
        plan: PlanReport {
            id: plan.id.clone(),
            title: plan.title.clone(),
            title_from,
        },
        output: shown,
        check: check_report(&outcome),
        plan_text: None,
    };
    Ok(Imported {
        has_errors: outcome.has_errors(),
        report,
        text,
    })
}

/// Reads a file's bytes of a known `kind` into tables: the reader boundary. The readers and
/// the crates under them (calamine) must not panic on any input, but a panic deep in a crate
/// (a shared-string index past the table's end) is caught here and the file reported as
/// damaged, so a hostile file can never crash the command.
pub fn read(
    bytes: &[u8],
    kind: Kind,
    extension: &str,
    sheet_name: Option<&str>,
) -> Result<Document, ReadError> {
    let what = match kind {
        Kind::Docx => "Word document",
        Kind::Xlsx | Kind::Xls | Kind::Ods => "workbook",
        _ => "text file",
    };
    let job = || match kind {
        Kind::Docx => docx::read(bytes),
        Kind::Xlsx => sheet::read(bytes, sheet::Book::Xlsx, sheet_name),
        Kind::Xls => sheet::read(bytes, sheet::Book::Xls, sheet_name),
        Kind::Ods => sheet::read(bytes, sheet::Book::Ods, sheet_name),
        _ => delimited::read(bytes, extension.eq_ignore_ascii_case("tsv")),
    };
    // the default hook would print "thread 'main' panicked at …" over the message: silence
    // it while the reader runs (import reads on the main thread alone)
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
    std::panic::set_hook(hook);
    result.unwrap_or_else(|_| {
        Err(ReadError::damaged(
            what,
            "its content is inconsistent: the reader stopped on it",
        ))
    })
}

fn extension(file: &Path) -> String {
    file.extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read_capped(file: &Path) -> Result<Vec<u8>, ImportError> {
    let io = |source: std::io::Error| {
        ImportError::Io(match source.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound(file.to_path_buf()),
            _ => Error::Io {
                path: file.to_path_buf(),
                source,
            },
        })
    };
    if std::fs::metadata(file).is_ok_and(|m| m.is_dir()) {
        return Err(usage(
            file,
            "is a folder: name the Word, Excel or CSV file to import",
        ));
    }
    // a named pipe or a device would block the read or never end: regular files only, opened
    // as `check` opens them
    let f = crate::workspace::files::open_regular(file).map_err(|e| match e.kind() {
        std::io::ErrorKind::InvalidInput => usage(
            file,
            format!("{e}; name the Word, Excel or CSV file to import"),
        ),
        _ => io(e),
    })?;
    let mut bytes = Vec::new();
    f.take(limits::MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limits::MAX_INPUT_BYTES {
        return Err(usage(
            file,
            format!(
                "too large to import (more than {} MiB); a plan is a few hundred kilobytes",
                limits::MAX_INPUT_BYTES >> 20
            ),
        ));
    }
    if bytes.is_empty() {
        return Err(usage(file, "the file is empty"));
    }
    Ok(bytes)
}

/// The file's real kind, refused when it is not one import reads or not what its extension says.
fn check_kind(file: &Path, bytes: &[u8]) -> Result<Kind, ImportError> {
    let kind = sniff::sniff(bytes);
    let ext = extension(file);
    let save_as = |what: &str| {
        usage(
            file,
            format!(
                "is {}; planlint reads .docx, .xlsx, .xls, .ods, .csv and .tsv: {what}",
                kind.describe()
            ),
        )
    };
    match kind {
        Kind::Encrypted => return Err(ImportError::read(file, ReadError::Password)),
        Kind::Doc => return Err(save_as("open it in Word and save it as a Word Document (.docx)")),
        Kind::Odt => return Err(save_as("save it as a Word Document (.docx)")),
        Kind::Pdf => return Err(save_as("import the Word or Excel file the PDF was made from")),
        Kind::Html => return Err(save_as("open it in Excel or Word and save it as .xlsx or .docx")),
        Kind::Cut(what) => {
            return Err(ImportError::read(
                file,
                ReadError::Truncated {
                    what,
                    detail: "its zip directory is missing".to_string(),
                },
            ))
        }
        Kind::OtherZip | Kind::Binary => {
            return Err(usage(
                file,
                "is not a Word document, a workbook or a CSV file (planlint reads .docx, .xlsx, .xls, .ods, .csv and .tsv)",
            ))
        }
        _ => {}
    }
    if let Some(expected) = Kind::expected(&ext) {
        if !expected.contains(&kind) {
            let right = match kind {
                Kind::Docx => ".docx",
                Kind::Xlsx => ".xlsx",
                Kind::Xls => ".xls",
                Kind::Ods => ".ods",
                _ => ".csv",
            };
            return Err(usage(
                file,
                format!(
                    "is named .{ext} but is {}: check it is the file you meant, or rename it to {right}",
                    kind.describe()
                ),
            ));
        }
    }
    Ok(kind)
}

struct Chosen<'d> {
    tables: Vec<(&'d Table, Header)>,
    read: String,
    header_place: String,
    notes: Vec<String>,
}

fn table_name(doc: &Document, t: &Table) -> String {
    match &t.sheet {
        Some(s) => format!("sheet \"{s}\""),
        None if doc.kind == "text file" => "the file".to_string(),
        None => format!("table {}", t.index),
    }
}

/// The table (or tables) to import: the one whose header matches best, and in a Word document
/// every other table with the same header (plans are often one table per section).
fn choose<'d>(
    file: &Path,
    doc: &'d Document,
    opts: &Options<'_>,
) -> Result<Chosen<'d>, ImportError> {
    if doc.tables.is_empty() {
        return Err(usage(
            file,
            match doc.kind {
                "Word document" => "the document has no table: planlint imports a plan kept as a Word table (one row per action, a header row naming the columns)",
                "workbook" => "the workbook has no sheets",
                _ => "the file has no rows",
            },
        ));
    }
    let mut candidates: Vec<&Table> = doc.tables.iter().collect();
    if let Some(name) = &opts.sheet {
        let names: Vec<String> = doc.tables.iter().filter_map(|t| t.sheet.clone()).collect();
        candidates.retain(|t| {
            t.sheet
                .as_deref()
                .is_some_and(|s| s.trim().eq_ignore_ascii_case(name.trim()))
        });
        if candidates.is_empty() {
            return Err(usage(
                file,
                if names.is_empty() {
                    "--sheet is for workbooks; this file has no sheets (use --table N for a Word document)".to_string()
                } else {
                    format!(
                        "no sheet named \"{name}\"; the sheets are: {}",
                        quoted(&names)
                    )
                },
            ));
        }
    }
    if let Some(n) = opts.table {
        let total = candidates.len();
        match candidates.get(n.wrapping_sub(1)) {
            Some(t) => candidates = vec![*t],
            None => {
                return Err(usage(
                    file,
                    format!(
                        "--table {n}: the {} has {} (count from 1)",
                        if doc.kind == "workbook" {
                            "workbook"
                        } else {
                            "document"
                        },
                        if doc.kind == "workbook" {
                            format!("{total} sheets")
                        } else {
                            format!("{total} tables")
                        }
                    ),
                ))
            }
        }
    }
    let headers: Vec<(&Table, Option<Header>)> = candidates
        .iter()
        .map(|t| (*t, header::find(t, &opts.maps)))
        .collect();
    let best = headers
        .iter()
        .filter_map(|(t, h)| h.as_ref().map(|h| (*t, h)))
        .fold(None::<(&Table, &Header)>, |best, (t, h)| match best {
            Some((_, b)) if b.fields().len() >= h.fields().len() => best,
            _ => Some((t, h)),
        });
    let Some((best_table, best_header)) = best else {
        return Err(no_header(file, doc, &candidates));
    };
    for m in &opts.maps {
        if !best_header
            .columns
            .iter()
            .any(|c| header::key(&c.header) == header::key(&m.header))
        {
            let found: Vec<String> = best_header
                .columns
                .iter()
                .map(|c| c.header.clone())
                .collect();
            return Err(usage(
                file,
                format!(
                    "--map '{}={}': no column is headed \"{}\" in {}; its headers are: {}",
                    m.header,
                    m.field.name(),
                    m.header,
                    table_name(doc, best_table),
                    quoted(&found)
                ),
            ));
        }
    }
    let mut tables = Vec::new();
    let mut notes = Vec::new();
    let together = doc.kind == "Word document" && opts.table.is_none();
    for (t, h) in &headers {
        let same = h
            .as_ref()
            .is_some_and(|h| h.fields() == best_header.fields());
        if std::ptr::eq(*t, best_table) || (together && same) {
            tables.push((*t, h.clone().expect("a chosen table has a header")));
        } else if doc.tables.len() > 1 {
            let why = match h {
                None => "no header row found in it".to_string(),
                Some(_) => format!("its header differs from {}'s", table_name(doc, best_table)),
            };
            notes.push(format!("{} left out: {why}", table_name(doc, t)));
        }
    }
    let read = match tables.as_slice() {
        [(t, _)] => table_name(doc, t),
        many => {
            let first = many.first().map_or(0, |(t, _)| t.index);
            let last = many.last().map_or(0, |(t, _)| t.index);
            if last + 1 - first == many.len() {
                format!("tables {first}–{last}")
            } else {
                let list: Vec<String> = many.iter().map(|(t, _)| t.index.to_string()).collect();
                format!("tables {}", list.join(", "))
            }
        }
    };
    let header_rows: Vec<usize> = tables
        .iter()
        .map(|(t, h)| t.rows.get(h.row).map_or(h.row + 1, |r| r.number))
        .collect();
    let first = header_rows.first().copied().unwrap_or(1);
    let header_place = if header_rows.iter().all(|r| *r == first) {
        let each = if tables.len() > 1 { " of each" } else { "" };
        if doc.kind == "text file" {
            format!("line {first}{each}")
        } else {
            format!("row {first}{each}")
        }
    } else {
        let list: Vec<String> = header_rows.iter().map(usize::to_string).collect();
        format!("rows {}", list.join(", "))
    };
    Ok(Chosen {
        tables,
        read,
        header_place,
        notes,
    })
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn no_header(file: &Path, doc: &Document, candidates: &[&Table]) -> ImportError {
    let mut seen = Vec::new();
    for t in candidates.iter().take(3) {
        for row in header::first_rows(t, 2) {
            if !row.is_empty() {
                seen.push(format!("  {}: {}", table_name(doc, t), row.join(" | ")));
            }
        }
    }
    let seen = if seen.is_empty() {
        "  (the tables are empty)".to_string()
    } else {
        seen.join("\n")
    };
    usage(
        file,
        format!(
            "no header row recognised in the first {} rows of each table (planlint searches no further; delete the rows above the header, or name the columns with --map): planlint looks for columns named like No./Ref/ID, Action/Description, Timescale/Due, Led By/Lead/Owner, RAG/Rating, Status, Update …, Outcomes. The first rows read:\n{seen}\nName the columns with --map, e.g. --map 'Task=title' --map 'Ref.=id' (fields: {})",
            header::HEADER_SEARCH_ROWS,
            header::FIELDS.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
        ),
    )
}

/// The plan id: `--id`, the sheet asked for, or the file's name, as a slug.
fn plan_id(file: &Path, opts: &Options<'_>) -> Result<String, ImportError> {
    if let Some(id) = &opts.id {
        if is_slug(id) {
            return Ok(id.clone());
        }
        return Err(ImportError::Refused(format!(
            "--id '{id}' is not a plan id: use lowercase letters, digits and hyphens, starting with a letter or digit (e.g. bexley-crisis-care)"
        )));
    }
    let from_sheet = opts.sheet.as_deref().map(slug).filter(|s| is_slug(s));
    let from_file = file
        .file_stem()
        .map(|s| slug(&s.to_string_lossy()))
        .filter(|s| is_slug(s));
    from_sheet.or(from_file).ok_or_else(|| {
        usage(file, "cannot make a plan id from the file's name: give one with --id (e.g. --id bexley-crisis-care)")
    })
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// "Bexley Action Plan 2015 (v3)" -> "bexley-action-plan-2015-v3".
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    out.chars()
        .take(60)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

fn columns_report(tables: &[(&Table, Header)], opts: &Options<'_>) -> Vec<ColumnReport> {
    let mut out: Vec<ColumnReport> = Vec::new();
    for (_, h) in tables {
        for c in &h.columns {
            let note = match (c.field, &c.why) {
                (_, Some(why)) => Some(why.clone()),
                (Some(Field::Update), None) => Some(match c.date {
                    Some(d) => format!("dated {d}, from the header"),
                    None => match opts.update_date {
                        Some(d) => format!("dated {d}, from --update-date"),
                        None => "dated by the update date column".to_string(),
                    },
                }),
                (Some(Field::Skip), None) => Some("--map skip".to_string()),
                (Some(_), None) if c.mapped => Some("--map".to_string()),
                _ => None,
            };
            let field = c
                .field
                .filter(|f| *f != Field::Skip)
                .map(|f| f.name().to_string());
            let entry = ColumnReport {
                header: c.header.clone(),
                field,
                note,
                confidence: c.field.filter(|f| *f != Field::Skip).and(c.confidence),
            };
            if !out
                .iter()
                .any(|o| o.header == entry.header && o.field == entry.field && o.note == entry.note)
            {
                out.push(entry);
            }
        }
    }
    out
}

fn counts(plan: &NewPlan, built: &build::Built) -> Counts {
    let mut themes: Vec<(Option<&String>, &String)> = plan
        .actions
        .iter()
        .filter_map(|a| a.theme.as_ref().map(|t| (a.section.as_ref(), t)))
        .collect();
    themes.sort();
    themes.dedup();
    Counts {
        actions: plan.actions.len(),
        sections: plan.sections.len(),
        themes: themes.len(),
        updates: plan.actions.iter().map(|a| a.updates.len()).sum(),
        milestones: plan.actions.iter().map(|a| a.milestones.len()).sum(),
        joined: built.joined,
        skipped: built.events.iter().filter(|e| e.what == "skipped").count(),
    }
}

pub(super) fn check_report(outcome: &crate::lint::check::Outcome) -> CheckReport {
    let mut rules: Vec<RuleCount> = Vec::new();
    for f in &outcome.findings {
        match rules.iter_mut().find(|r| r.rule == f.rule) {
            Some(r) => r.count += 1,
            None => rules.push(RuleCount {
                rule: f.rule.to_string(),
                severity: f.severity.as_str().to_string(),
                count: 1,
            }),
        }
    }
    let rank = |s: &str| Severity::parse(s).unwrap_or(Severity::Info);
    rules.sort_by(|a, b| {
        rank(&b.severity)
            .cmp(&rank(&a.severity))
            .then(b.count.cmp(&a.count))
            .then(a.rule.cmp(&b.rule))
    });
    CheckReport {
        as_of: outcome.as_of.to_string(),
        summary: Summary::of(&outcome.findings),
        rules,
        findings: outcome
            .findings
            .iter()
            .map(|f| FindingBrief {
                rule: f.rule.to_string(),
                severity: f.severity.as_str().to_string(),
                line: f.line,
                column: f.column,
                action: f.action.clone(),
                message: f.message.clone(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Bexley Action Plan 2015 (v3)"),
            "bexley-action-plan-2015-v3"
        );
        assert_eq!(slug("—"), "");
        assert!(is_slug("bexley-crisis-care"));
        assert!(!is_slug("Bexley"));
    }
}
