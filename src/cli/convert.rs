//! `planlint import FILE` and `planlint export`: arguments to the convert jobs' options, the
//! import report on stderr (or JSON on stdout), the plan or spreadsheet to its place.

use super::{ExportArgs, ExportFormatArg, ImportArgs, ReportFormat};
use crate::convert::error::ImportError;
use crate::convert::export::{self, ExportFormat};
use crate::convert::header::Mapping;
use crate::convert::import::{self, Output};
use crate::convert::report;
use crate::convert::updates;
use crate::edit::{CommitError, Mode};
use crate::workspace::config::Config;
use crate::Error;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

pub fn import(config: &Config, args: ImportArgs, color: bool) -> Result<ExitCode, Error> {
    if !args.updates.is_empty() {
        return import_updates(config, &args, color);
    }
    let Some(file) = &args.file else {
        return Err(Error::Usage(
            "name the file to import, or give --updates FILE…".into(),
        ));
    };
    let maps = args
        .maps
        .iter()
        .map(|m| Mapping::parse(m))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Error::Usage)?;
    let output = match &args.output {
        None => Output::Default,
        Some(p) if p.as_os_str() == "-" => Output::Stdout,
        Some(p) => Output::Path(p.clone()),
    };
    let opts = import::Options {
        file,
        output,
        id: args.id.clone(),
        title: args.title.clone(),
        sheet: args.sheet.clone(),
        table: args.table,
        maps,
        save_map: args.save_map,
        update_date: args.update_date,
        infer_status: !args.no_infer_status,
        force: args.force,
        // a plan brought in from an old Word file is judged as of the date its updates are
        // dated (`--update-date`), as its board would have judged it, not as of today
        as_of: super::as_of(args.as_of.or(args.update_date)).date,
        config,
    };
    let mut done = import::run(&opts).map_err(refusal)?;
    let to_stdout = done.report.output == "-";
    match args.format {
        ReportFormat::Json => {
            if to_stdout {
                done.report.plan_text = Some(done.text.clone());
            }
            write_stdout(report::json(&done.report).as_bytes())?;
        }
        ReportFormat::Text => {
            let text = report::human(&done.report);
            let mut err = std::io::stderr().lock();
            for line in text.lines() {
                // the report quotes the file (headers, values, joined rows, sheet names):
                // its control characters are shown, never obeyed (an OSC 52 sequence would
                // write the clipboard); a closed stderr must not stop the import
                let _ = writeln!(err, "planlint: {}", crate::plan::escape::line(line));
            }
            if to_stdout {
                write_stdout(done.text.as_bytes())?;
            }
        }
    }
    Ok(if done.has_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The import command's last word on a refusal: the reason, then (once, here) that nothing was
/// written. An error opening the file or writing the plan passes through as it is.
fn refusal(e: ImportError) -> Error {
    match e {
        ImportError::Io(e) => e,
        e => Error::Usage(format!("{e}\nnothing was written")),
    }
}

pub fn export(
    config: &Config,
    cache: crate::git::cache::Options,
    args: ExportArgs,
) -> Result<ExitCode, Error> {
    if args.for_update {
        return export_for_update(config, &args);
    }
    let format = match args.format {
        Some(ExportFormatArg::Csv) => ExportFormat::Csv,
        _ => ExportFormat::Xlsx,
    };
    let to_stdout = args.output.as_ref().is_none_or(|p| p.as_os_str() == "-");
    if to_stdout && format == ExportFormat::Xlsx && std::io::stdout().is_terminal() {
        return Err(Error::Usage(
            "an xlsx workbook is not text: write it to a file with -o FILE (e.g. -o plans.xlsx)"
                .into(),
        ));
    }
    if let Some(path) = &args.output {
        super::guard_output(path, args.force, config)?;
    }
    let opts = export::Options {
        config,
        paths: &args.paths,
        rev: args.rev.as_deref(),
        format,
        as_of: super::as_of(args.as_of),
        cache,
    };
    let export::Exported {
        body,
        plans,
        actions,
        left_out,
        warnings,
        notes,
    } = export::run(&opts)?;
    match &args.output {
        Some(p) if p.as_os_str() != "-" => {
            crate::workspace::files::write_atomic_with(p, |f| {
                body.write_to(f).map_err(|e| match e {
                    Error::Usage(m) => Error::Usage(format!("{}: {m}", p.display())),
                    e => e,
                })
            })?;
            super::term::note(format_args!(
                "wrote {} ({} of {})",
                p.display(),
                crate::plan::words::count(actions, "action"),
                crate::plan::words::count(plans, "plan")
            ));
        }
        _ => write_stdout(&body.into_bytes()?)?,
    }
    for n in &notes {
        super::term::note(n);
    }
    for w in &warnings {
        super::term::warning(w);
    }
    for l in &left_out {
        super::term::error(format_args!("left out of the export: {l}"));
    }
    Ok(if left_out.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// `export --for-update`: the workbook the leads fill in, always to a file.
fn export_for_update(config: &Config, args: &ExportArgs) -> Result<ExitCode, Error> {
    if args.format == Some(ExportFormatArg::Csv) {
        return Err(Error::Usage(
            "--for-update writes an xlsx workbook (its drop-downs and protected columns have no CSV form)".into(),
        ));
    }
    let Some(path) = args.output.as_ref().filter(|p| p.as_os_str() != "-") else {
        return Err(Error::Usage(
            "--for-update writes a workbook: name it with -o FILE (e.g. -o updates.xlsx)".into(),
        ));
    };
    super::guard_output(path, args.force, config)?;
    let done = updates::export(&updates::ExportOptions {
        config,
        leads: &args.leads,
        plans: &args.plans,
        cycle: super::as_of(args.as_of).date,
    })?;
    crate::workspace::files::write_atomic(path, &done.bytes)?;
    super::term::note(format_args!(
        "wrote {} ({} of {} in {})",
        path.display(),
        crate::plan::words::count(done.rows, "row"),
        crate::plan::words::count(done.plans, "plan"),
        crate::plan::words::count(done.sheets, "sheet")
    ));
    for l in &done.left_out {
        super::term::error(format_args!(
            "left out of the export: {}",
            crate::plan::escape::line(l)
        ));
    }
    Ok(if done.left_out.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// `import --updates FILE…`: the returns merged into the plans, all or nothing.
fn import_updates(config: &Config, args: &ImportArgs, color: bool) -> Result<ExitCode, Error> {
    let mode = if args.diff {
        Mode::Diff
    } else if args.dry_run {
        Mode::DryRun
    } else {
        Mode::Write
    };
    let today = super::as_of(args.as_of).date;
    let opts = updates::ImportOptions {
        config,
        files: &args.updates,
        date: args.date,
        today,
        force: args.force,
        mode,
    };
    match updates::import(&opts) {
        Ok(done) => {
            let mut out = String::new();
            for p in &done.plans {
                out.push_str(&p.said);
            }
            super::print(&super::edit::shown(&out))?;
            for l in &done.leads {
                super::term::note(crate::plan::escape::line(l));
            }
            for n in &done.notes {
                super::term::note(crate::plan::escape::line(n));
            }
            if done.plans.is_empty() {
                super::term::note("no plan changed");
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(updates::Refusal::Rows(rows)) => {
            for r in &rows {
                super::term::error(crate::plan::escape::line(r));
            }
            super::term::error(format_args!(
                "no plan written: {} refused",
                crate::plan::words::count(rows.len(), "row")
            ));
            Ok(ExitCode::from(2))
        }
        Err(updates::Refusal::Plan(CommitError::Refused { name, gained })) => {
            super::edit::refused(&name, &gained, color);
            super::term::error("no plan written");
            Ok(ExitCode::from(2))
        }
        Err(updates::Refusal::Plan(CommitError::Failed(e))) => Err(e),
    }
}

/// Bytes to stdout, quiet on a broken pipe (the command's exit code stands).
fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    super::to_stdout(|out| out.write_all(bytes))
}
