//! `planlint import`'s job: read the file (its real type by its bytes), choose the table or
//! sheet, build the plan, write it atomically, and check it. Nothing is written when the job
//! cannot be done: every refusal is an `Error` with a message for the person who ran it.

use super::build::{self, NewPlan};
use super::error::{ImportError, ReadError};
use super::header::{self, Field, Header, Mapping};
use super::report::{ColumnReport, Counts, PlanReport, Report};
use super::sniff::{self, Kind};
use super::table::{Document, Table};
use super::{colour, delimited, docx, limits, sheet, write};
use crate::plan::load::Input;
use crate::workspace::config::Config;
use crate::Error;
use chrono::NaiveDate;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use super::job::{Imported, Options, Output};

fn usage(file: &Path, message: impl std::fmt::Display) -> ImportError {
    ImportError::about(file, message)
}

/// Runs an import.
pub fn run(opts: &Options<'_>) -> Result<Imported, ImportError> {
    let file = opts.file;
    let bytes = read_capped(file)?;
    let kind = check_kind(file, &bytes)?;
    let mut doc = read_as(&bytes, kind, &extension(file), opts.sheet.as_deref(), true)
        .map_err(|e| ImportError::read(file, e))?;
    // planlint's own lossless export goes back to the plans it came from, every field kept
    if kind == Kind::Xlsx && super::roundtrip::is_lossless(&doc) {
        return super::roundtrip::import(file, &doc, opts);
    }
    let config_maps = config_maps(file, opts.config)?;
    let maps: Vec<Mapping> = config_maps.iter().chain(&opts.maps).cloned().collect();
    if kind == Kind::Docx {
        cards(&mut doc, &maps);
    }
    let mut chosen = choose(file, &doc, opts, &maps)?;
    // one note for the saved map's headers this file lacks (a map saved for another layout
    // would otherwise give a note a header), each header cut as the columns table cuts it
    let unused: Vec<String> = config_maps
        .iter()
        .filter(|m| {
            !chosen.tables.iter().any(|(_, h)| {
                h.columns
                    .iter()
                    .any(|c| header::key(&c.header) == header::key(&m.header))
            })
        })
        .map(|m| format!("\"{}\"", super::table::short(&m.header, 40)))
        .collect();
    if !unused.is_empty() {
        let shown: Vec<&str> = unused.iter().take(5).map(String::as_str).collect();
        let more = if unused.len() > 5 {
            format!(" and {} more", unused.len() - 5)
        } else {
            String::new()
        };
        chosen.notes.push(format!(
            "[import] map in planlint.toml: {} name{} no column of {} ({}{more}); not used",
            crate::plan::words::count(unused.len(), "header"),
            if unused.len() == 1 { "s" } else { "" },
            chosen.read,
            shown.join(", ")
        ));
    }
    if kind == Kind::Xlsx {
        chosen.notes.extend(formula_note(
            &super::formulas::of_xlsx(&bytes),
            &chosen.tables,
        ));
    }
    let sheet_sections = kind != Kind::Docx && chosen.tables.len() > 1;
    let early_title = early_title(&doc, &chosen, &bytes, kind, opts, sheet_sections);
    date_updates(&mut chosen, opts, early_title.as_ref());
    let name_tables = chosen.tables.len() > 1 || (kind == Kind::Docx && doc.tables.len() > 1);
    // ratings shown only by colour become words before the plan is built
    let coloured = colour::read_ratings(
        &chosen.tables,
        &doc,
        &opts.config.scale,
        colour::Places {
            name_tables,
            lines: kind == Kind::Delimited,
        },
        kind != Kind::Xls,
    );
    let input = build::Input {
        tables: coloured
            .tables
            .iter()
            .map(|(t, h)| (t.as_ref(), h.clone()))
            .collect(),
        name_tables,
        lines: kind == Kind::Delimited,
        sheet_sections,
    };
    let built = build::build(
        &input,
        &build::Options {
            scale: &opts.config.scale,
            update_date: opts.update_date,
            statuses: &opts.config.import_statuses,
            infer_status: opts.infer_status,
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
        let hint = if sheet_sections {
            format!(
                "\n(the sheets read, {}, have the same header and were read as one plan; import one with --sheet NAME)",
                chosen.read
            )
        } else {
            String::new()
        };
        return Err(usage(file, format!("cannot import: {list}{hint}")));
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
    let mut update_notes = Vec::new();
    update_rows(&mut plan, &chosen.updates, opts, &mut update_notes);
    // updates from an Updates sheet arrive after the builder inferred statuses: their words
    // count as much as an update column's
    let mut inferred = built.inferred.clone();
    if opts.infer_status && !chosen.updates.is_empty() {
        inferred.extend(build::infer_statuses(&mut plan.actions, |_| {
            "the update rows".to_string()
        }));
    }
    plan.id = plan_id(file, opts)?;
    let (title, title_from) = match (
        &opts.title,
        built.plan_names.first(),
        &built.doc_title,
        built.title_rows.first(),
        &early_title,
    ) {
        (Some(t), ..) => (t.trim().to_string(), "--title".to_string()),
        (None, Some(p), ..) => (p.clone(), "the Plan column".to_string()),
        (None, None, _, _, Some((t, from))) if kind != Kind::Delimited => (t.clone(), from.clone()),
        (None, None, Some(d), ..) => (d.clone(), "the document's first paragraph".to_string()),
        (None, None, None, Some(r), _) if !sheet_sections => {
            (r.clone(), "the title row above the header".to_string())
        }
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
    // the map is made, and its file judged, before the plan is written: a refusal then leaves
    // nothing behind (a symlinked planlint.toml once stopped the map after the plan was written)
    let map = if opts.save_map {
        Some(save_map(file, opts.config, &chosen.tables)?)
    } else {
        None
    };
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
    let mut notes: Vec<String> = Vec::new();
    if let Some(map) = map {
        let written = match &path {
            Some(_) => format!("the plan was written to {shown}, but "),
            None => String::new(),
        };
        crate::workspace::files::write_atomic(&map.path, map.text.as_bytes()).map_err(|e| {
            usage(
                file,
                format!("--save-map: {written}the map was not saved: {e}"),
            )
        })?;
        notes.push(map.note);
    }

    let report = Report {
        file: file.display().to_string(),
        kind: doc.kind.to_string(),
        read: chosen.read.clone(),
        header: chosen.header_place.clone(),
        columns: columns_report(&input.tables, opts),
        notes: doc
            .notes
            .iter()
            .chain(&chosen.notes)
            .chain(&coloured.notes)
            .chain(&built.notes)
            .chain(&update_notes)
            .chain(&notes)
            .cloned()
            .collect(),
        splits: built.splits.clone(),
        inferred,
        colours: coloured.reads.clone(),
        counts: counts(&plan, &built),
        rows: built.events.clone(),
        plan: PlanReport {
            id: plan.id.clone(),
            title: plan.title.clone(),
            title_from,
        },
        output: shown,
        check: super::report::check_report(&outcome),
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
    read_as(bytes, kind, extension, sheet_name, false)
}

/// `read`; for a plan's import (`leave_out`), without a workbook's hidden sheets and
/// drop-down list sheets (`sheet::read`).
fn read_as(
    bytes: &[u8],
    kind: Kind,
    extension: &str,
    sheet_name: Option<&str>,
    leave_out: bool,
) -> Result<Document, ReadError> {
    let what = match kind {
        Kind::Docx => "Word document",
        Kind::Xlsx | Kind::Xls | Kind::Ods => "workbook",
        _ => "text file",
    };
    let job = || match kind {
        Kind::Docx => docx::read(bytes),
        Kind::Xlsx => sheet::read(bytes, sheet::Book::Xlsx, sheet_name, leave_out),
        Kind::Xls => sheet::read(bytes, sheet::Book::Xls, sheet_name, leave_out),
        Kind::Ods => sheet::read(bytes, sheet::Book::Ods, sheet_name, leave_out),
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
    /// Sheets of updates (a row per update, by action id), read after the plan's own.
    updates: Vec<(&'d Table, Header)>,
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
    maps: &[Mapping],
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
        .map(|t| (*t, header::find(t, maps)))
        .collect();
    let best = headers
        .iter()
        .filter_map(|(t, h)| h.as_ref().map(|h| (*t, h)))
        .fold(None::<(&Table, &Header)>, |best, (t, h)| match best {
            Some((_, b)) if (b.fields().len(), b.score()) >= (h.fields().len(), h.score()) => best,
            _ => Some((t, h)),
        });
    let Some((best_table, best_header)) = best else {
        return Err(no_header(file, doc, &candidates, maps));
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
    let mut updates = Vec::new();
    let mut notes = Vec::new();
    // a plan kept as a table per section (Word) or a sheet per section (a workbook) is one
    // plan when the tables' headers match; --table or --sheet reads one
    let together = opts.table.is_none() && opts.sheet.is_none();
    for (t, h) in &headers {
        let same = h
            .as_ref()
            .is_some_and(|h| h.fields() == best_header.fields());
        if std::ptr::eq(*t, best_table) || (together && same) {
            tables.push((*t, h.clone().expect("a chosen table has a header")));
        } else if let Some(u) = (together && h.is_none())
            .then(|| header::find_updates(t, maps))
            .flatten()
        {
            notes.push(format!(
                "{} read as updates: a row per update, joined to its action by id",
                table_name(doc, t)
            ));
            updates.push((*t, u));
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
        many if doc.kind == "workbook" => {
            let names: Vec<String> = many.iter().filter_map(|(t, _)| t.sheet.clone()).collect();
            format!("sheets {}", quoted(&names))
        }
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
        .map(|(t, h)| t.rows.get(h.top).map_or(h.top + 1, |r| r.number))
        .collect();
    let first = header_rows.first().copied().unwrap_or(1);
    let header_place = if header_rows.iter().all(|r| *r == first) {
        let each = if tables.len() > 1 { " of each" } else { "" };
        // a header of two rows ("Progress update" over its months) says both
        let two = tables.first().is_some_and(|(_, h)| h.top != h.row);
        match (doc.kind == "text file", two) {
            (true, _) => format!("line {first}{each}"),
            (false, true) => format!("rows {first}–{}{each}", first + 1),
            (false, false) => format!("row {first}{each}"),
        }
    } else {
        let list: Vec<String> = header_rows.iter().map(usize::to_string).collect();
        format!("rows {}", list.join(", "))
    };
    Ok(Chosen {
        tables,
        updates,
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

/// A Word document kept as action cards (a small table per action, a row per field): each
/// card becomes a table of one action, so the cards read as a plan kept as a table per section.
fn cards(doc: &mut Document, maps: &[Mapping]) {
    let mut made = 0;
    for t in &mut doc.tables {
        if header::find(t, maps).is_some() {
            continue;
        }
        if let Some(card) = header::card(t, maps) {
            *t = card;
            made += 1;
        }
    }
    if made > 0 {
        doc.notes.push(format!(
            "{made} tables are action cards (a row per field): each read as one action, its labels as the header"
        ));
    }
}

/// The rows of update sheets as updates of the actions they name by id, dated by their date
/// column (else the column's header, else `--update-date`); what cannot be placed is noted.
fn update_rows(
    plan: &mut NewPlan,
    sheets: &[(&Table, Header)],
    opts: &Options<'_>,
    notes: &mut Vec<String>,
) {
    let mut unknown: Vec<String> = Vec::new();
    let mut undated = 0;
    let mut read = 0;
    for (t, h) in sheets {
        fn cell<'r>(
            h: &'r Header,
            row: &'r super::table::Row,
            f: Field,
        ) -> Option<(&'r header::Column, &'r super::table::Cell)> {
            let c = h.columns.iter().find(|c| c.field == Some(f))?;
            let cell = row.cells.get(c.index).filter(|x| !x.is_blank())?;
            Some((c, cell))
        }
        for row in t.rows.iter().skip(h.row + 1) {
            let (Some((_, id)), Some((col, text))) =
                (cell(h, row, Field::Id), cell(h, row, Field::Update))
            else {
                continue;
            };
            let id = id.text.trim().trim_end_matches('.').to_string();
            let date = cell(h, row, Field::UpdateDate)
                .and_then(|(_, d)| d.date.or_else(|| header::header_date(&d.text)))
                .or(col.date)
                .or(opts.update_date);
            let Some(date) = date else {
                undated += 1;
                continue;
            };
            let Some(a) = plan.actions.iter_mut().find(|a| a.id == id) else {
                if !unknown.contains(&id) {
                    unknown.push(id);
                }
                continue;
            };
            let text = super::table::normalise(&text.text);
            match a.updates.iter_mut().find(|u| u.date == date) {
                Some(u) if !u.text.contains(&text) => {
                    u.text.push_str("\n\n");
                    u.text.push_str(&text);
                }
                Some(_) => {}
                None => a.updates.push(build::NewUpdate { date, text }),
            }
            a.updates.sort_by_key(|u| u.date);
            read += 1;
        }
    }
    if sheets.is_empty() {
        return;
    }
    notes.push(format!("{read} updates read from the update rows"));
    if undated > 0 {
        notes.push(format!(
            "{undated} update rows have no date (no date cell, none in the header): left out; give --update-date to date them"
        ));
    }
    if !unknown.is_empty() {
        notes.push(format!(
            "update rows for actions the plan does not have were left out: {}",
            unknown.join(", ")
        ));
    }
    plan.updated = plan
        .actions
        .iter()
        .flat_map(|a| a.updates.iter().map(|u| u.date))
        .max();
}

/// The `[import] map` of planlint.toml as mappings; a field that is not one is exit 2.
fn config_maps(file: &Path, config: &Config) -> Result<Vec<Mapping>, ImportError> {
    let names: Vec<&str> = header::FIELDS.iter().map(|f| f.name()).collect();
    config
        .import_map
        .iter()
        .map(|(h, f)| match Field::parse(f) {
            Some(field) => Ok(Mapping {
                header: h.trim().to_string(),
                field,
            }),
            None => Err(usage(
                file,
                format!(
                    "planlint.toml [import] map: \"{h}\" = \"{f}\": `{}` is not a field; use one of: {} (or fix it with import --save-map and --map)",
                    f.trim(),
                    names.join(", ")
                ),
            )),
        })
        .collect()
}

/// The plan's title as far as it is known before the rows are built, and where it came from:
/// `--title`, a Word document's title (its Title-styled paragraph, else its first paragraph),
/// a workbook's first banner (a sheet's lone top cell: the cover's when several sheets are
/// read as one plan, else the one above the header), else the file's document properties
/// (docProps/core.xml). Its month dates update columns that name none.
fn early_title(
    doc: &Document,
    chosen: &Chosen<'_>,
    bytes: &[u8],
    kind: Kind,
    opts: &Options<'_>,
    sheet_sections: bool,
) -> Option<(String, String)> {
    if let Some(t) = &opts.title {
        return Some((t.trim().to_string(), "--title".to_string()));
    }
    let one_line = |t: &str| super::table::normalise(t).replace('\n', " ");
    if kind == Kind::Docx {
        // the Title-styled paragraph, whole, wherever it is before the plan's table (a colour
        // key or a contents table may come first); else the first paragraph of the document
        let first = chosen.tables.first()?.0;
        let upto = doc
            .tables
            .iter()
            .take_while(|t| !std::ptr::eq(*t, first))
            .chain(std::iter::once(first));
        let paragraphs: Vec<&super::table::Paragraph> = upto.flat_map(|t| &t.before).collect();
        if let Some(i) = paragraphs.iter().position(|p| p.title) {
            let t = one_line(&paragraphs[i].text);
            if t.chars().count() <= 1000 {
                let from = if i == 0 {
                    "the document's first paragraph"
                } else {
                    "the document's Title paragraph"
                };
                return Some((t, from.to_string()));
            }
        }
        if let Some(p) = paragraphs.first().map(|p| one_line(&p.text)) {
            if p.chars().count() <= 200 && build::numbered(&p).is_none() {
                return Some((p, "the document's first paragraph".to_string()));
            }
        }
    } else if doc.kind == "workbook" {
        // the sheet read's own banner above its header; else a cover sheet's before it (the
        // banner of a sheet read as a section is that section's)
        let read: Vec<*const Table> = chosen
            .tables
            .iter()
            .map(|(t, _)| *t as *const Table)
            .collect();
        let first = read.first().copied();
        let order = first
            .filter(|_| !sheet_sections)
            .and_then(|f| doc.tables.iter().find(|t| std::ptr::eq(*t, f)))
            .into_iter()
            .chain(doc.tables.iter().filter(|t| {
                !read.contains(&(*t as *const Table))
                    && first.is_none_or(|f| (*t as *const Table) < f)
            }));
        for t in order {
            let chosen_one = read.contains(&(t as *const Table));
            let limit = chosen
                .tables
                .iter()
                .find(|(c, _)| std::ptr::eq(*c, t))
                .map_or(t.rows.len(), |(_, h)| h.top);
            let banner = t
                .rows
                .iter()
                .take(limit)
                .find(|r| !r.is_blank())
                .and_then(|r| {
                    let own: Vec<&super::table::Cell> =
                        r.cells.iter().filter(|c| !c.is_blank()).collect();
                    match own.as_slice() {
                        [one] if one.date.is_none() => Some(one_line(&one.text)),
                        _ => None,
                    }
                });
            if let Some(b) = banner.filter(|b| build::numbered(b).is_none()) {
                let name = t.sheet.as_deref().unwrap_or("");
                let from = if chosen_one {
                    "the title row above the header".to_string()
                } else {
                    format!("the banner of sheet \"{name}\"")
                };
                return Some((b, from));
            }
        }
    }
    core_title(bytes).map(|t| (t, "the document properties' title".to_string()))
}

/// The title in an Office file's docProps/core.xml (`dc:title`), when it has one.
fn core_title(bytes: &[u8]) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let part = zip.by_name("docProps/core.xml").ok()?;
    let mut xml = Vec::new();
    part.take(1 << 16).read_to_end(&mut xml).ok()?;
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut in_title = false;
    let mut title = String::new();
    loop {
        match reader.read_event().ok()? {
            quick_xml::events::Event::Start(e) if e.local_name().as_ref() == b"title" => {
                in_title = true;
            }
            quick_xml::events::Event::End(e) if e.local_name().as_ref() == b"title" => break,
            quick_xml::events::Event::Text(t) if in_title => {
                title.push_str(&t.decode().ok()?);
            }
            quick_xml::events::Event::GeneralRef(r) if in_title => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    title.push(c);
                } else if let Ok(name) = r.decode() {
                    title.push_str(quick_xml::escape::resolve_predefined_entity(&name)?);
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    let title = super::table::normalise(&title).replace('\n', " ");
    (!title.is_empty() && title.chars().count() <= 300).then_some(title)
}

/// Dates the update columns whose header names no month, when nothing else does (no
/// `--update-date`, no update date column): like the one dated update column beside them
/// ("Comments" beside "Progress update Dec 2016"), else by the month the title names ("…
/// update December 2016"). Never a date nobody wrote.
fn date_updates(chosen: &mut Chosen<'_>, opts: &Options<'_>, title: Option<&(String, String)>) {
    if opts.update_date.is_some() {
        return;
    }
    let from_title = title.and_then(|(t, from)| header::header_date(t).map(|d| (d, t, from)));
    for (table, h) in &mut chosen.tables {
        if h.has(Field::UpdateDate) {
            continue;
        }
        // what is written above the header ("Quarterly position statements, 2022/23") and
        // the title: a quarter's financial year may be there
        let mut context: Vec<String> = title.map(|(t, _)| t.clone()).into_iter().collect();
        context.extend(table.rows.iter().take(h.top).map(|r| {
            r.cells
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        }));
        for c in &mut h.columns {
            if c.field != Some(Field::Update) || c.date.is_some() {
                continue;
            }
            let k = header::key(&c.header);
            let Some(q) = k
                .split(' ')
                .find(|w| matches!(*w, "q1" | "q2" | "q3" | "q4"))
            else {
                continue;
            };
            let found = context.iter().find_map(|text| {
                text.split(|ch: char| ch.is_whitespace() || matches!(ch, ',' | '(' | ')' | ':'))
                    .filter(|w| w.chars().filter(char::is_ascii_digit).count() >= 4)
                    .find_map(|w| {
                        header::header_date(&format!("{q} {w}")).map(|d| (d, w.to_string()))
                    })
            });
            if let Some((d, year)) = found {
                c.date = Some(d);
                c.note = Some(format!(
                    "dated {d}, the end of {} {year} (the year from above the header)",
                    q.to_uppercase()
                ));
            }
        }
        let mut dated: Vec<(NaiveDate, String)> = h
            .columns
            .iter()
            .filter(|c| c.field == Some(Field::Update))
            .filter_map(|c| c.date.map(|d| (d, c.header.clone())))
            .collect();
        dated.sort();
        dated.dedup_by_key(|(d, _)| *d);
        for c in &mut h.columns {
            if c.field != Some(Field::Update) || c.date.is_some() {
                continue;
            }
            match (dated.as_slice(), &from_title) {
                ([(d, beside)], _) => {
                    c.date = Some(*d);
                    c.note = Some(format!("dated {d}, like \"{beside}\" beside it"));
                }
                ([], Some((d, t, from))) => {
                    c.date = Some(*d);
                    c.note = Some(format!("dated {d}, from the month in the title"));
                    let note = format!(
                        "the update column \"{}\" names no month: its updates are dated {d}, the end of the month named in the title (from {from}: \"{}\"); give --update-date if that is wrong",
                        c.header,
                        super::table::short(t, 80)
                    );
                    if !chosen.notes.contains(&note) {
                        chosen.notes.push(note);
                    }
                }
                _ => {}
            }
        }
    }
}

/// The new text of planlint.toml that `--save-map` writes, where, and what to say.
struct SavedMap {
    path: PathBuf,
    text: String,
    note: String,
}

/// `--save-map`: the field of every column read (and every `--map skip`) for the
/// configuration's `[import.map]`, the rest of planlint.toml kept byte for byte. Made, and the
/// file judged writable, before anything is written.
fn save_map(
    file: &Path,
    config: &Config,
    tables: &[(&Table, Header)],
) -> Result<SavedMap, ImportError> {
    let path = config
        .file
        .clone()
        .unwrap_or_else(|| config.root.join("planlint.toml"));
    crate::workspace::files::writable(&path)
        .map_err(|e| usage(file, format!("--save-map: {e}")))?;
    let old = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => return Err(ImportError::Io(Error::Io { path, source })),
    };
    let mut doc: toml_edit::DocumentMut = old.parse().map_err(|e| {
        usage(
            file,
            format!(
                "--save-map: {} is not TOML ({e}); nothing was saved",
                path.display()
            ),
        )
    })?;
    let mut entries: Vec<(String, &'static str)> = Vec::new();
    for (_, h) in tables {
        for c in &h.columns {
            if let Some(f) = c.field {
                if !entries.iter().any(|(k, _)| *k == c.header) {
                    entries.push((c.header.clone(), f.name()));
                }
            }
        }
    }
    if doc.get("import").is_none() {
        // `[import.map]` alone, not an empty `[import]` above it
        let mut t = toml_edit::Table::new();
        t.set_implicit(true);
        doc.insert("import", toml_edit::Item::Table(t));
    }
    let import = doc
        .get_mut("import")
        .and_then(toml_edit::Item::as_table_like_mut)
        .ok_or_else(|| {
            usage(
                file,
                format!("--save-map: `import` in {} is not a table", path.display()),
            )
        })?;
    let inline = import
        .get("map")
        .is_some_and(toml_edit::Item::is_inline_table);
    if inline {
        let mut t = toml_edit::InlineTable::new();
        for (k, v) in &entries {
            t.insert(k, (*v).into());
        }
        import.insert("map", toml_edit::value(t));
    } else {
        let mut t = toml_edit::Table::new();
        for (k, v) in &entries {
            t.insert(k, toml_edit::value(*v));
        }
        import.insert("map", toml_edit::Item::Table(t));
    }
    let shown =
        crate::workspace::discover::slash(path.strip_prefix(&config.repo_root).unwrap_or(&path));
    let note = format!(
        "--save-map: wrote the fields of {} columns to [import.map] in {shown}; the next import of this layout needs no --map",
        entries.len()
    );
    Ok(SavedMap {
        path,
        text: doc.to_string(),
        note,
    })
}

fn no_header(file: &Path, doc: &Document, candidates: &[&Table], maps: &[Mapping]) -> ImportError {
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
    // the row most like a header, and what import made of each of its cells
    let mut nearest: Option<(&Table, Header)> = None;
    for t in candidates {
        if let Some(h) = header::nearest(t, maps) {
            if nearest.as_ref().is_none_or(|(_, b)| h.score() > b.score()) {
                nearest = Some((*t, h));
            }
        }
    }
    let guessed = match &nearest {
        None => String::new(),
        Some((t, h)) => {
            let row = t.rows.get(h.row).map_or(h.row + 1, |r| r.number);
            let lines: Vec<String> = h
                .columns
                .iter()
                .map(|c| {
                    let what = match (c.field, c.confidence, c.guess) {
                        (Some(f), Some(n), _) => format!("{} ({n}% sure)", f.name()),
                        (_, _, Some(g)) => {
                            format!(
                                "perhaps {} ({}% sure, too unsure to read)",
                                g.field.name(),
                                g.confidence
                            )
                        }
                        _ => "no field".to_string(),
                    };
                    format!("  \"{}\" -> {what}", super::table::short(&c.header, 40))
                })
                .collect();
            let title = if h.has(Field::Title) {
                "it is not sure enough of the other columns"
            } else {
                "no column reads as the action"
            };
            format!(
                "\nThe row most like a header ({}, row {row}) was not taken: {title}. What planlint guessed:\n{}",
                table_name(doc, t),
                lines.join("\n")
            )
        }
    };
    usage(
        file,
        format!(
            "no header row recognised in the first {} rows of each table (planlint searches no further; delete the rows above the header, or name the columns with --map): planlint looks for columns named like No./Ref/ID, Action/Description, Timescale/Due, Led By/Lead/Owner, RAG/Rating, Status, Update …, Outcomes. The first rows read:\n{seen}{guessed}\nName the columns with --map, e.g. --map 'Task=title' --map 'Ref.=id' (fields: {})",
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
            let by_flag = opts
                .maps
                .iter()
                .any(|m| header::key(&m.header) == header::key(&c.header));
            let map = if by_flag { "--map" } else { "[import] map" };
            let note = match (c.field, &c.why) {
                (_, Some(why)) => Some(why.clone()),
                (Some(Field::Update), None) => Some(match (c.date, &c.note) {
                    (Some(_), Some(n)) => n.clone(),
                    (Some(d), None) => format!("dated {d}, from the header"),
                    (None, _) => match opts.update_date {
                        Some(d) => format!("dated {d}, from --update-date"),
                        None => "dated by the update date column".to_string(),
                    },
                }),
                (Some(Field::Skip), None) => Some(format!("{map} skip")),
                (Some(_), None) if c.mapped => Some(map.to_string()),
                (Some(_), None) => c.note.clone(),
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

/// The note for cells of the chosen sheets that hold a formula but no saved value (what a
/// script such as openpyxl writes): they read as empty, so the report says so rather than let
/// a rating or a whole row vanish without a word.
fn formula_note(
    formulas: &super::formulas::Formulas,
    tables: &[(&Table, Header)],
) -> Option<String> {
    let mut lost: Vec<String> = Vec::new();
    let mut count = 0usize;
    for (t, h) in tables {
        let Some(cells) = t.sheet.as_ref().and_then(|s| formulas.get(s)) else {
            continue;
        };
        for r in t.rows.iter().skip(h.row + 1) {
            for c in h.columns.iter().filter(|c| c.field.is_some()) {
                let blank = r.cell(c.index).is_none_or(super::table::Cell::is_blank);
                let key = (
                    u32::try_from(r.number).ok().and_then(|n| n.checked_sub(1)),
                    u32::try_from(c.index).ok(),
                );
                let (Some(row), Some(col)) = key else {
                    continue;
                };
                if let (true, Some(f)) = (blank, cells.get(&(row, col))) {
                    count += 1;
                    if lost.len() < 5 {
                        lost.push(format!(
                            "sheet \"{}\" row {}, \"{}\" (={})",
                            t.sheet.as_deref().unwrap_or_default(),
                            r.number,
                            super::table::short(&c.header, 30),
                            super::table::short(f, 30)
                        ));
                    }
                }
            }
        }
    }
    (count > 0).then(|| {
        let more = if count > lost.len() {
            format!(" and {} more", count - lost.len())
        } else {
            String::new()
        };
        format!(
            "{} a formula with no value saved, so {} read as empty: {}{more}. A workbook saved by a script keeps no values; open and save it in Excel or LibreOffice, then import again",
            if count == 1 {
                "1 cell holds".to_string()
            } else {
                format!("{count} cells hold")
            },
            if count == 1 { "it is" } else { "they are" },
            lost.join("; ")
        )
    })
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
