//! `planlint import FILE` and `planlint export`: arguments to the convert jobs' options, the
//! import report on stderr (or JSON on stdout), the plan or spreadsheet to its place.

use super::{ExportArgs, ExportFormatArg, ImportArgs, ReportFormat};
use crate::convert::error::ImportError;
use crate::convert::export::{self, ExportFormat};
use crate::convert::header::Mapping;
use crate::convert::import::{self, Output};
use crate::convert::report;
use crate::workspace::config::Config;
use crate::Error;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

pub fn import(config: &Config, args: ImportArgs) -> Result<ExitCode, Error> {
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
        file: &args.file,
        output,
        id: args.id.clone(),
        title: args.title.clone(),
        sheet: args.sheet.clone(),
        table: args.table,
        maps,
        update_date: args.update_date,
        force: args.force,
        as_of: super::as_of(args.as_of).date,
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
    let format = match args.format {
        ExportFormatArg::Xlsx => ExportFormat::Xlsx,
        ExportFormatArg::Csv => ExportFormat::Csv,
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
    let done = export::run(&opts)?;
    match &args.output {
        Some(p) if p.as_os_str() != "-" => {
            crate::workspace::files::write_atomic(p, &done.bytes)?;
            super::term::note(format_args!(
                "wrote {} ({} of {})",
                p.display(),
                crate::plan::words::count(done.actions, "action"),
                crate::plan::words::count(done.plans, "plan")
            ));
        }
        _ => write_stdout(&done.bytes)?,
    }
    for n in &done.notes {
        super::term::note(n);
    }
    for w in &done.warnings {
        super::term::warning(w);
    }
    for l in &done.left_out {
        super::term::error(format_args!("left out of the export: {l}"));
    }
    Ok(if done.left_out.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// Bytes to stdout, quiet on a broken pipe (the command's exit code stands).
fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    super::to_stdout(|out| out.write_all(bytes))
}
