//! planlint's entry point: parse arguments, call the library, turn the outcome into an exit code
//! (0 no error findings, 1 error findings, 2 could not do the job).

use clap::Parser;
use planlint::cli::{CheckArgs, Cli, Color, Command, HookAction};
use planlint::output::{self, Format};
use planlint::workspace::config::Config;
use planlint::{lint as rules, Error};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Loading a plan is allocation-heavy (TOML tree, JSON value for the schema, the typed model,
/// all in parallel): mimalloc halves the wall time of a 1,000-plan check against glibc's malloc.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("planlint: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    if let Some(dir) = &cli.dir {
        std::env::set_current_dir(dir).map_err(|source| Error::Io {
            path: dir.clone(),
            source,
        })?;
    }
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    match cli.command {
        Command::Check(args) => check(&cli.config, args, color),
        Command::Rules => {
            let mut out = String::new();
            for r in rules::RULES {
                let m = r.meta();
                out.push_str(&format!("{:<24} {:<8} {}\n", m.name, m.severity, m.summary));
            }
            print(&out)
        }
        Command::Explain { rule } => match rules::find(&rule) {
            Some(r) => {
                let m = r.meta();
                print(&format!(
                    "# {}\n\nDefault severity: {}. {}.\n\n{}",
                    m.name,
                    m.severity,
                    capitalise(m.summary),
                    m.docs
                ))
            }
            None => {
                let hint = planlint::plan::schema::nearest(&rule, rules::names())
                    .map(|n| format!(" (did you mean `{n}`?)"))
                    .unwrap_or_default();
                Err(Error::Usage(format!(
                    "unknown rule `{rule}`{hint}; `planlint rules` lists them"
                )))
            }
        },
        Command::Schema => print(planlint::plan::schema::SCHEMA_TEXT),
        Command::Hook { action } => {
            let here = std::path::Path::new(".");
            print(&match action {
                HookAction::Install { force } => {
                    let exe = std::env::current_exe().ok();
                    planlint::hook::install(here, force, exe.as_deref())?
                }
                HookAction::Uninstall => planlint::hook::uninstall(here)?,
            })
        }
        Command::Init => {
            let root = planlint::init::root(std::path::Path::new("."));
            print(&planlint::init::init(
                &root,
                chrono::Local::now().date_naive(),
            )?)
        }
        Command::Diff(args) => {
            planlint::gitcmd::diff(&load_config(&cli.config, None)?, args, color)
        }
        Command::History(args) => planlint::gitcmd::history(&load_config(&cli.config, None)?, args),
        Command::Report(args) => {
            let config = load_config(&cli.config, None)?;
            planlint::report::run(&config, &args).map(|()| ExitCode::SUCCESS)
        }
    }
}

fn check(
    config_path: &Option<std::path::PathBuf>,
    args: CheckArgs,
    color: bool,
) -> Result<ExitCode, Error> {
    let config = load_config(config_path, args.paths.first())?;
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let scope = planlint::gitcheck::Scope::open(
        &config,
        args.rev.as_deref(),
        args.staged,
        args.changed_since.as_deref(),
    )?;
    let inputs = match scope.inputs(&config, &args.paths)? {
        Some(inputs) => inputs,
        None => {
            let targets = planlint::workspace::discover::discover(&config, &args.paths)?;
            if targets.is_empty() {
                let globs = config.include.join(", ");
                return Err(Error::Usage(format!(
                    "no plan files found (looked for {globs} under {}); name files or folders to check, or set [plans] include in planlint.toml",
                    config.root.display()
                )));
            }
            planlint::workspace::discover::read_targets(&targets)
        }
    };
    let mut outcome = planlint::lint::check::check(inputs, &config, as_of);
    scope.finish(&mut outcome, &config, as_of);
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Human
    } else {
        Format::Concise
    });
    // stdout is line-buffered: 30,000 findings would be 30,000 writes without this
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    output::render(&outcome, format, color, &mut stdout)
        .and_then(|()| stdout.flush())
        .map_err(|source| Error::Io {
            path: "<stdout>".into(),
            source,
        })?;
    for e in &outcome.unreadable {
        eprintln!("planlint: error: cannot read {e}");
    }
    let code = if !outcome.unreadable.is_empty() {
        ExitCode::from(2)
    } else if outcome.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // the process is about to exit: freeing every plan one allocation at a time costs about 5%
    // of a large check's wall time for nothing (ripgrep and ruff skip it the same way)
    std::mem::forget(outcome);
    Ok(code)
}

/// The explicit `--config`, else `planlint.toml` walking up from the first path (or here).
fn load_config(
    explicit: &Option<std::path::PathBuf>,
    first: Option<&std::path::PathBuf>,
) -> Result<Config, Error> {
    if let Some(path) = explicit {
        if !path.is_file() {
            return Err(Error::NotFound(path.clone()));
        }
        return Config::load(path, &rules::names());
    }
    let start = match first {
        Some(p) if p.is_dir() => p.clone(),
        Some(p) => p
            .parent()
            .filter(|d| !d.as_os_str().is_empty() && d.exists())
            .map_or_else(|| ".".into(), |d| d.to_path_buf()),
        None => ".".into(),
    };
    Config::discover(&start, &rules::names())
}

fn print(text: &str) -> Result<ExitCode, Error> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|source| Error::Io {
            path: "<stdout>".into(),
            source,
        })?;
    Ok(ExitCode::SUCCESS)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
