//! The command line: clap's types, and one small file a command that turns its arguments into
//! the options of the job it runs (`check`, `diff`, `history`, `report`, `rules`, `setup`,
//! `update`, `set`, `add`, `fmt`).
//!
//! May use: every job. Only this module (and `main`) knows clap and decides exit codes; below
//! it, commands pass their own option structs.

mod add;
mod baseline;
mod check;
mod clean;
mod convert;
mod diff;
mod edit;
mod fmt;
mod formats;
mod history;
mod report;
mod rules;
pub mod schemas;
mod server;
mod set;
pub mod settings;
mod setup;
pub mod term;
mod update;

use crate::output::Format;
use crate::workspace::config::Config;
use crate::Error;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "planlint",
    version,
    about = "Keeps action plans honest: validate, lint, diff and report plans kept as TOML in git",
    long_about = "Keeps action plans honest: validate, lint, diff and report plans kept as TOML in git.\n\n\
Exit status: 0 no finding at error severity; 1 findings at error severity; 2 planlint could not do its job.",
    after_help = "`check` also takes --exit-zero, -q/--quiet, -s/--silent, --statistics, -o/--output-file (with --force over a plan or tracked file), \
--output-format, --select/--extend-select/--ignore, --show-settings, --show-files, --force-exclude. \
`diff`, `history` and `report` take --output-format and -o/--output-file; --color applies to every command.\n\
Environment: PLANLINT_CONFIG, PLANLINT_OUTPUT_FORMAT, NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE, TERM=dumb.\n\
Docs in the repository: docs/plan-format.md (every plan key), docs/configuration.md (planlint.toml, \
the environment, which wins), docs/output.md (the JSON shapes; `planlint schema --output check`)."
)]
pub struct Cli {
    /// Run as if planlint was started in DIR
    #[arg(short = 'C', value_name = "DIR", global = true)]
    pub dir: Option<PathBuf>,

    /// Use this configuration file instead of looking for planlint.toml (else $PLANLINT_CONFIG)
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// When to colour text output (human, concise, --statistics, diff's and history's text; JSON, SARIF, JUnit
    /// and the CI formats never are). always/never decide; auto: no colour with NO_COLOR, colour
    /// with FORCE_COLOR or CLICOLOR_FORCE, none with TERM=dumb, else colour on a terminal
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    pub color: Color,

    /// Neither read nor write the history cache (see `planlint clean`)
    #[arg(long, global = true)]
    pub no_cache: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate and lint plan files (default: the configured plan globs, `plans/**/*.toml`)
    Check(CheckArgs),
    /// List every rule with the severity it runs at here (planlint.toml applied), its fix and summary
    Rules {
        /// text: a table; json: `[{name, severity, default_severity, fix, summary}]`
        #[arg(long, visible_alias = "output-format", value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Show a rule's documentation, as Markdown
    Explain {
        /// The rule's name, as `planlint rules` lists it
        rule: String,
    },
    /// Print the plan format's JSON Schema (or, with --output, the schema of a command's JSON output)
    Schema {
        /// Print the JSON Schema of this command's `--format json` output instead of the plan's
        #[arg(long, value_enum, value_name = "COMMAND")]
        output: Option<OutputSchema>,
    },
    /// Rating, status, due-date and lead changes between two revisions (read from git)
    Diff(DiffArgs),
    /// The timeline of one action through git history, newest first
    History(HistoryArgs),
    /// A review-cycle report between two revisions, for a board paper or a web page
    Report(ReportArgs),
    /// Install or remove a git pre-commit hook that runs `planlint check --staged`
    Hook {
        #[command(subcommand)]
        action: HookAction,
    },
    /// Set up this repository for planlint: planlint.toml, an example plan, the pre-commit
    /// configuration and the editors' schema association (.taplo.toml, tombi.toml)
    Init {
        /// Replace the files init writes that exist (without it they are kept and named);
        /// .pre-commit-config.yaml is never replaced: the planlint hook is added to it
        #[arg(long)]
        force: bool,
    },
    /// Bring a plan in from a Word table, a spreadsheet or a CSV file (writes plans/<id>.toml)
    Import(ImportArgs),
    /// Write the plans' actions as a spreadsheet (xlsx) or CSV, for a board's tracker
    Export(ExportArgs),
    /// Record progress on an action: a dated update, and its rating and status when given
    Update(UpdateArgs),
    /// Change an action: its due date (the old one kept as baseline_due), leads, status, rating…
    Set(SetArgs),
    /// Add an action to a plan, after the last of its section, with the next free id
    Add(AddArgs),
    /// Rewrite plans in the canonical layout, comments kept (--check: only say which would change)
    Fmt(FmtArgs),
    /// Remove the history cache planlint keeps in the git directory (.git/planlint-cache)
    Clean,
    /// A language server on stdin/stdout for editors: diagnostics as you type, hover, completion, fixes
    Server(server::ServerArgs),
    /// Record the findings the plans have now in planlint-baseline.toml, which `check` then
    /// leaves out (--prune: only remove the lines of findings since fixed)
    Baseline(BaselineArgs),
}

#[derive(Debug, clap::Args)]
pub struct BaselineArgs {
    /// Only remove the lines whose findings no longer occur; add none
    #[arg(long)]
    pub prune: bool,

    /// The date the date rules judge by (YYYY-MM-DD; default: today)
    #[arg(long, value_name = "DATE", value_parser = as_of_date)]
    pub as_of: Option<NaiveDate>,
}

/// How an edit is shown or written (`update`, `set`, `add`).
#[derive(Debug, Clone, clap::Args)]
pub struct WriteArgs {
    /// Show the change as a unified diff and write nothing
    #[arg(long)]
    pub diff: bool,

    /// Check the change and say what it would be, writing nothing
    #[arg(long, conflicts_with = "diff")]
    pub dry_run: bool,

    /// The date the checks before writing judge by (YYYY-MM-DD; default: today)
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// The action's id, as in the plan (`3.2`)
    pub action: String,

    /// The plan's id (or its file), when more than one plan has such an action
    #[arg(long, value_name = "PLAN-ID")]
    pub plan: Option<String>,

    /// What was reported: the progress since the last update
    #[arg(long, value_name = "TEXT")]
    pub text: String,

    /// The action's rating now (red, amber, green, or the configured scale)
    #[arg(long, value_name = "RATING")]
    pub rag: Option<String>,

    /// The action's status now: not-started, in-progress, complete, withdrawn, on-hold
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,

    /// The update's date (YYYY-MM-DD; default: today)
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub date: Option<NaiveDate>,

    /// Who gave the update (a person, post or group)
    #[arg(long, value_name = "WHO")]
    pub by: Option<String>,

    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, clap::Args)]
pub struct SetArgs {
    /// The action's id, as in the plan (`3.2`)
    pub action: String,

    /// The plan's id (or its file), when more than one plan has such an action
    #[arg(long, value_name = "PLAN-ID")]
    pub plan: Option<String>,

    /// The new due date or timescale ("2016-03-31", "March 2016", "Q4 2015/16"); a later one keeps the old as baseline_due
    #[arg(long, value_name = "WHEN")]
    pub due: Option<String>,

    /// A lead (repeat for several); replaces the list
    #[arg(long = "lead", value_name = "LEAD")]
    pub leads: Vec<String>,

    /// A partner working with the leads (repeat for several); replaces the list
    #[arg(long = "partner", value_name = "PARTNER")]
    pub partners: Vec<String>,

    /// not-started, in-progress, complete, withdrawn or on-hold
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,

    /// The action's rating (red, amber, green, or the configured scale)
    #[arg(long, value_name = "RATING")]
    pub rag: Option<String>,

    /// The action's title
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// The id of the section the action belongs to
    #[arg(long, value_name = "SECTION")]
    pub section: Option<String>,

    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// What is to be done: the new action's title
    pub title: String,

    /// The plan's id (or its file); may be left out when the repository has only one plan
    #[arg(long, value_name = "PLAN-ID")]
    pub plan: Option<String>,

    /// The id of the section the action belongs to
    #[arg(long, value_name = "SECTION")]
    pub section: Option<String>,

    /// A lead (repeat for several)
    #[arg(long = "lead", value_name = "LEAD")]
    pub leads: Vec<String>,

    /// When it is due ("2016-03-31", "March 2016", "Q4 2015/16")
    #[arg(long, value_name = "WHEN")]
    pub due: Option<String>,

    /// The action's id (default: the next free one in the plan's numbering)
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,

    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Plan files or folders to format (default: the configured plan globs, `plans/**/*.toml`)
    pub paths: Vec<PathBuf>,

    /// Write nothing; list the files that would change and exit 1 if there are any
    #[arg(long)]
    pub check: bool,

    /// Write nothing; show the changes as unified diffs and exit 1 if there are any
    #[arg(long, conflicts_with = "check")]
    pub diff: bool,
}

/// A `YYYY-MM-DD` date, with a message a person can act on.
fn date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date: write it as YYYY-MM-DD, such as 2015-11-30"))
}

#[derive(Debug, Subcommand)]
pub enum HookAction {
    /// Write .git/hooks/pre-commit (or into core.hooksPath) running `planlint check --staged`
    Install {
        /// Replace a pre-commit hook planlint did not write (it is kept as a backup)
        #[arg(long)]
        force: bool,
    },
    /// Remove planlint's pre-commit hook (and put back the one it replaced)
    Uninstall,
}

/// The commands whose JSON output has a published schema (`planlint schema --output`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputSchema {
    /// `planlint check --format json`
    Check,
    /// `planlint diff --format json`
    Diff,
    /// `planlint history --format json`
    History,
    /// `planlint report --format json`
    Report,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Environment: PLANLINT_OUTPUT_FORMAT sets the format when --format is not given; PLANLINT_CONFIG the configuration file when --config is not given.\n\
Exit status: 0 no finding at error severity (or --exit-zero); 1 findings at error severity; 2 planlint could not do its job."
)]
pub struct CheckArgs {
    /// Plan files or folders to check (a file named here is always checked, unless --force-exclude)
    pub paths: Vec<PathBuf>,

    /// The date the date rules judge by (YYYY-MM-DD; default: today, or with --rev the revision's position date, what its plans say)
    #[arg(long, value_name = "DATE", value_parser = as_of_date)]
    pub as_of: Option<NaiveDate>,

    /// Output format (default: $PLANLINT_OUTPUT_FORMAT, else human on a terminal, concise otherwise)
    #[arg(long, visible_alias = "output-format", value_enum)]
    pub format: Option<Format>,

    /// Write the findings to FILE (replaced atomically) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// Write to the output file even when it is a plan or other TOML file, or a file git tracks (refused otherwise)
    #[arg(long, requires = "output_file")]
    pub force: bool,

    /// Exit 0 even when there are findings at error severity (2 still means planlint could not check)
    #[arg(long)]
    pub exit_zero: bool,

    /// Let neither `allow` nor the baseline silence any finding (as if every rule were in
    /// `[rules] non_waivable`)
    #[arg(long)]
    pub strict: bool,

    /// Print the findings only: no summary line, no notes
    #[arg(long, short = 'q', conflicts_with = "silent")]
    pub quiet: bool,

    /// Print nothing on standard output (and no notes); only the exit status says what was found
    #[arg(long, short = 's')]
    pub silent: bool,

    /// Instead of the findings, count them per rule: count, rule, severity, [*] if fixable, summary
    #[arg(long)]
    pub statistics: bool,

    /// Run only these rules: names or prefixes (`rag-`), comma-separated or repeated; `all` for every rule
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Option<Vec<String>>,

    /// Run these rules as well as the selected ones (names or prefixes)
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub extend_select: Vec<String>,

    /// Do not run these rules (names or prefixes); beats --select and --extend-select
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Print the effective settings, each with where it came from (default, file, command line, environment), and exit
    #[arg(long)]
    pub show_settings: bool,

    /// List which files are plans and why (and which were excluded, by what glob), and exit
    #[arg(long, conflicts_with = "show_settings")]
    pub show_files: bool,

    /// Leave out files named on the command line that `[plans] exclude` matches (for pre-commit)
    #[arg(long)]
    pub force_exclude: bool,

    /// Check the plans as they are at this git revision (tag, branch, HEAD~2, commit id)
    #[arg(long, value_name = "REV", conflicts_with = "staged")]
    pub rev: Option<String>,

    /// Check the staged content (the git index), as a pre-commit hook should
    #[arg(long)]
    pub staged: bool,

    /// Report findings only in plan files that differ from this revision
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,

    /// Report only the findings not present at this revision (by plan, action, rule and key,
    /// never by line); old ones on actions the change touched are shown as info
    #[arg(long, value_name = "REV", conflicts_with_all = ["new_from_merge_base", "judge"])]
    pub new_from_rev: Option<String>,

    /// As --new-from-rev, against the merge base of this revision and the commit checked (for a
    /// pull request: --new-from-merge-base origin/main)
    #[arg(long, value_name = "REV", conflicts_with = "judge")]
    pub new_from_merge_base: Option<String>,

    /// Count every finding (all) or only those the change adds against HEAD (new). Default:
    /// all, except with --staged once [hook] judge = "new" or planlint-baseline.toml exists
    #[arg(long, value_name = "WHAT", value_parser = ["new", "all"])]
    pub judge: Option<String>,

    /// Repair the findings that have a safe fix (`planlint rules` shows which), then check again
    #[arg(long, conflicts_with_all = ["rev", "staged"])]
    pub fix: bool,

    /// With --fix: apply unsafe fixes too (guesses such as "Yellow" → amber; see them with --diff first)
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,

    /// With --fix: show the fixes as unified diffs and write nothing
    #[arg(long, requires = "fix")]
    pub diff: bool,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The older revision (or `FROM..TO`)
    pub from: String,

    /// The newer revision (default: the working tree)
    pub to: Option<String>,

    /// Output format
    #[arg(long, visible_alias = "output-format", value_enum, default_value_t = crate::output::diff::DiffFormat::Text)]
    pub format: crate::output::diff::DiffFormat,

    /// Write the diff to FILE (replaced atomically) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// Write to the output file even when it is a plan or other TOML file, or a file git tracks (refused otherwise)
    #[arg(long, requires = "output_file")]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// The action's id, as in the plan (`3.2`)
    pub action: String,

    /// The plan's id, when more than one plan has such an action
    #[arg(long, value_name = "PLAN-ID")]
    pub plan: Option<String>,

    /// Where to start (default: HEAD)
    #[arg(long, value_name = "REV", default_value = "HEAD")]
    pub rev: String,

    /// Output format
    #[arg(long, visible_alias = "output-format", value_enum, default_value_t = crate::output::history::HistoryFormat::Text)]
    pub format: crate::output::history::HistoryFormat,

    /// Write the timeline to FILE (replaced atomically) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// Write to the output file even when it is a plan or other TOML file, or a file git tracks (refused otherwise)
    #[arg(long, requires = "output_file")]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The last review point: a tag, branch or commit (e.g. review-2015-q2)
    pub from: String,

    /// The review point to report on (default: the working tree)
    pub to: Option<String>,

    /// Output format
    #[arg(
        long,
        visible_alias = "output-format",
        value_enum,
        default_value = "markdown"
    )]
    pub format: crate::report::Format,

    /// Write the report to FILE instead of standard output
    #[arg(long, short = 'o', visible_alias = "output-file", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write to the output file even when it is a plan or other TOML file, or a file git tracks (refused otherwise)
    #[arg(long, requires = "output")]
    pub force: bool,

    /// The window's last day, by which "overdue" is judged (YYYY-MM-DD; default: TO's position date, what its plans say: the newest `updated` or update date, else the commit date)
    #[arg(long, value_name = "DATE", value_parser = as_of_date)]
    pub as_of: Option<NaiveDate>,

    /// The window's first day (YYYY-MM-DD; default: FROM's position date, as --as-of)
    #[arg(long, value_name = "DATE", value_parser = as_of_date)]
    pub since: Option<NaiveDate>,

    /// With --format docx: take the styles of this Word document (an organisation's template), as pandoc's option does
    #[arg(long, value_name = "FILE")]
    pub reference_docx: Option<PathBuf>,

    /// Show the rating trend over every tag matching this glob, in commit-date order (e.g. 'review-*')
    #[arg(long, value_name = "PATTERN")]
    pub cycles: Option<String>,

    /// The programme's name at the head of the report (default: `[report] title` in planlint.toml)
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// Leave out the appendix of what the plan files need fixing (the check at TO is not run)
    #[arg(long)]
    pub no_findings: bool,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 the plan was written and has no error findings; 1 it was written and its check found errors; 2 nothing was written (the message says why)."
)]
pub struct ImportArgs {
    /// The Word document (.docx), workbook (.xlsx, .xls, .ods) or CSV/TSV file to import
    #[arg(required_unless_present = "updates")]
    pub file: Option<PathBuf>,

    /// Merge returned update workbooks (from `export --for-update`; also CSV or a Word table
    /// with the same columns) into the plans: all rows or none
    #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with_all = ["file", "output", "id", "title", "sheet", "table", "maps", "save_map", "update_date"])]
    pub updates: Vec<PathBuf>,

    /// With --updates: the date of every update (default: the row's date column, else the
    /// workbook's cycle date, else today)
    #[arg(long, value_name = "DATE", requires = "updates", value_parser = date)]
    pub date: Option<NaiveDate>,

    /// With --updates: say what would change and write nothing
    #[arg(long, requires = "updates", conflicts_with = "diff")]
    pub dry_run: bool,

    /// With --updates: show the changes as a unified diff and write nothing
    #[arg(long, requires = "updates")]
    pub diff: bool,

    /// Where to write the plan (default: plans/<id>.toml under the repository; `-` for standard output)
    #[arg(long, short = 'o', visible_alias = "output-file", value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// The plan's id (default: from the file's name)
    #[arg(long, value_name = "SLUG")]
    pub id: Option<String>,

    /// The plan's title (default: the document's Title paragraph or first paragraph, the
    /// workbook's banner (a cover sheet's when its sheets are sections), else the file's
    /// document properties)
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// The sheet to read (default: the sheet whose header matches best)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Read only the Nth table of a Word document (or sheet of a workbook), counting from 1
    #[arg(long, value_name = "N")]
    pub table: Option<usize>,

    /// Read the column headed HEADER as FIELD (id, title, due, leads, partners, rag, status, update, update_date, outcomes, section, theme, scope, next_steps, plan, skip)
    #[arg(long = "map", value_name = "HEADER=FIELD")]
    pub maps: Vec<String>,

    /// Write the field import gave each column (--map ones too) to planlint.toml's
    /// [import.map], so the next import of the same layout needs no --map
    #[arg(long)]
    pub save_map: bool,

    /// The date of the updates in an update column whose header names no month (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub update_date: Option<NaiveDate>,

    /// Leave an action's status unset when no status cell gives one, even when its latest
    /// update plainly says it is complete or withdrawn (by default import reads "Action
    /// complete." as `status = "complete"` and lists each one in its report)
    #[arg(long, conflicts_with = "updates")]
    pub no_infer_status: bool,

    /// Replace the plan file if it exists; with --updates, apply rows whose action changed in
    /// git since the workbook was made
    #[arg(long)]
    pub force: bool,

    /// The date the imported plan is checked as of (YYYY-MM-DD; default: --update-date, else today)
    #[arg(long, value_name = "DATE", value_parser = as_of_date)]
    pub as_of: Option<NaiveDate>,

    /// How to report what was done: text on stderr, or JSON on stdout
    #[arg(long, visible_alias = "output-format", value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Plan files or folders to export (default: every plan of the repository)
    pub paths: Vec<PathBuf>,

    /// Export the plans as they are at this git revision (tag, branch, commit)
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,

    /// The spreadsheet format
    #[arg(
        long,
        visible_alias = "output-format",
        value_enum,
        required_unless_present = "for_update"
    )]
    pub format: Option<ExportFormatArg>,

    /// Write the workbook leads fill in with this cycle's updates (a sheet per lead; xlsx)
    #[arg(long, conflicts_with_all = ["rev", "paths"])]
    pub for_update: bool,

    /// With --for-update: only the actions of this lead (a lead matches when its name
    /// contains NAME, in any case); repeat for more
    #[arg(long = "lead", value_name = "NAME", requires = "for_update")]
    pub leads: Vec<String>,

    /// With --for-update: only this plan (its id or file); repeat for more
    #[arg(long = "plan", value_name = "ID", requires = "for_update")]
    pub plans: Vec<String>,

    /// Write to FILE (default: standard output, which must not be a terminal for xlsx)
    #[arg(long, short = 'o', visible_alias = "output-file", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write to the output file even when it is a plan or other TOML file, or a file git tracks (refused otherwise)
    #[arg(long, requires = "output")]
    pub force: bool,

    /// The date the Findings column is judged by (YYYY-MM-DD; default: today)
    #[arg(long, value_name = "DATE", value_parser = as_of_date)]
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormatArg {
    Xlsx,
    Csv,
}

/// The as-of dates planlint accepts: TOML's own date range. Wider dates mean nothing for a plan
/// and would take the date rules' arithmetic out of the calendar's range.
pub const AS_OF_RANGE: std::ops::RangeInclusive<NaiveDate> = {
    match (
        NaiveDate::from_ymd_opt(1, 1, 1),
        NaiveDate::from_ymd_opt(9999, 12, 31),
    ) {
        (Some(a), Some(b)) => a..=b,
        _ => panic!("both ends are real dates"),
    }
};

/// Reads `--as-of`: a date written YYYY-MM-DD, within `AS_OF_RANGE`.
fn as_of_date(s: &str) -> Result<NaiveDate, String> {
    let d: NaiveDate = s
        .parse()
        .map_err(|_| "not a date: write it as YYYY-MM-DD, e.g. 2015-12-01".to_string())?;
    if AS_OF_RANGE.contains(&d) {
        Ok(d)
    } else {
        Err(format!(
            "the as-of date must lie between {} and {}",
            AS_OF_RANGE.start(),
            AS_OF_RANGE.end()
        ))
    }
}

/// The date a command judges as of: `--as-of`, else today. The one place planlint reads the
/// clock; everything below is handed the date, with where it came from.
fn as_of(flag: Option<NaiveDate>) -> crate::lint::AsOf {
    crate::lint::AsOf::given_or(flag, chrono::Local::now().date_naive())
}

/// Runs one command line; `main` turns the result into the exit status.
pub fn run(cli: Cli) -> Result<ExitCode, Error> {
    if let Some(dir) = &cli.dir {
        std::env::set_current_dir(dir).map_err(|source| Error::Io {
            path: dir.clone(),
            source,
        })?;
    }
    // --config, else $PLANLINT_CONFIG, else planlint.toml found by walking up
    let (config_path, config_origin) = settings::config_path(&cli.config)?;
    let cli = Cli {
        config: config_path,
        ..cli
    };
    let (color, _) = settings::color(cli.color, std::io::stdout().is_terminal());
    // the run's switches, read here and handed down as options
    let cache = crate::git::cache::Options {
        enabled: !cli.no_cache,
        debug: std::env::var("PLANLINT_DEBUG").is_ok_and(|v| v.split(',').any(|w| w == "cache")),
        full: std::env::var("PLANLINT_DEBUG").is_ok_and(|v| v.split(',').any(|w| w == "full")),
    };
    match cli.command {
        Command::Clean => clean::run(),
        Command::Server(args) => server::run(&cli.config, args),
        Command::Baseline(args) => baseline::run(&load_config(&cli.config, None)?, cache, args),
        Command::Check(args) => check::run(&cli.config, &config_origin, cli.color, cache, args),
        Command::Rules { format } => rules::list(&load_config(&cli.config, None)?, format),
        Command::Explain { rule } => rules::explain(&rule),
        Command::Schema { output } => print(schemas::text(output)),
        Command::Hook { action } => setup::hook(action),
        Command::Init { force } => setup::init(force),
        Command::Diff(args) => {
            // a file gets colour only when --color always asks for it
            let color = match args.output_file {
                Some(_) => cli.color == Color::Always,
                None => color,
            };
            diff::run(&load_config(&cli.config, None)?, cache, args, color)
        }
        Command::History(args) => {
            // a file gets colour only when --color always asks for it
            let color = match args.output_file {
                Some(_) => cli.color == Color::Always,
                None => color,
            };
            history::run(&load_config(&cli.config, None)?, cache, args, color)
        }
        Command::Report(args) => report::run(
            &load_config(&cli.config, None)?,
            cache,
            &args,
            cli.config.as_deref(),
        ),
        Command::Update(args) => update::run(&load_config(&cli.config, None)?, args, color),
        Command::Set(args) => set::run(&load_config(&cli.config, None)?, args, color),
        Command::Add(args) => add::run(&load_config(&cli.config, None)?, args, color),
        Command::Fmt(args) => fmt::run(&cli.config, args),
        Command::Import(args) => convert::import(&load_config(&cli.config, None)?, args, color),
        Command::Export(args) => {
            let config = load_config(&cli.config, args.paths.first())?;
            convert::export(&config, cache, args)
        }
    }
}

/// The explicit `--config`, else `planlint.toml` walking up from the first path (or here).
fn load_config(
    explicit: &Option<std::path::PathBuf>,
    first: Option<&std::path::PathBuf>,
) -> Result<Config, Error> {
    if let Some(path) = explicit {
        return Config::load(path, &crate::lint::names());
    }
    let start = match first {
        Some(p) if p.is_dir() => p.clone(),
        Some(p) => p
            .parent()
            .filter(|d| !d.as_os_str().is_empty() && d.exists())
            .map_or_else(|| ".".into(), |d| d.to_path_buf()),
        None => ".".into(),
    };
    Config::discover(&start, &crate::lint::names())
}

/// Refuses to write a command's output (`-o FILE`) over a plan file, any TOML file (a plan
/// outside the globs, named on the command line, or the configuration) or a file git tracks,
/// unless `force`: `-o plans/a.toml` is a slip for `-o findings.txt`, and the plan, with any edits not
/// yet committed, would be gone. A file of the command's own (written by an earlier run, not
/// tracked) is replaced as before.
pub fn guard_output(path: &std::path::Path, force: bool, config: &Config) -> Result<(), Error> {
    if force || path.as_os_str() == "-" {
        return Ok(());
    }
    // nothing there, or not a plain file: write_atomic says what is wrong with a folder or a link
    if !std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    let Ok(full) = path.canonicalize() else {
        return Ok(());
    };
    let is_plan = config
        .root
        .canonicalize()
        .ok()
        .and_then(|root| {
            full.strip_prefix(root)
                .ok()
                .and_then(|r| r.to_str())
                .map(|r| config.is_plan(&r.replace('\\', "/")))
        })
        .unwrap_or(false);
    // a TOML file outside the plan globs may still be a plan (one named on the command line) or
    // the configuration; planlint writes no TOML output, so none is written over
    let toml = full
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let what = if is_plan {
        "a plan file"
    } else if crate::git::is_tracked(&full) {
        "a file git tracks"
    } else if toml {
        "a TOML file (a plan or a configuration)"
    } else {
        return Ok(());
    };
    Err(Error::Usage(format!(
        "{} is {what}; planlint does not write its output over it (what the file holds would be lost). \
         Name another file, or add --force to replace it",
        crate::plan::escape::line(&path.display().to_string())
    )))
}

/// Writes a command's output to `file` (atomically) when given, else to stdout; a plan file or a
/// tracked file only with `force` (`guard_output`).
pub fn emit(
    file: Option<&std::path::Path>,
    force: bool,
    config: &Config,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    match file {
        Some(path) => {
            guard_output(path, force, config)?;
            let mut bytes = Vec::new();
            write(&mut bytes).map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
            crate::workspace::files::write_atomic(path, &bytes)
        }
        None => to_stdout(write),
    }
}

pub(crate) fn print(text: &str) -> Result<ExitCode, Error> {
    to_stdout(|out| out.write_all(text.as_bytes()))?;
    Ok(ExitCode::SUCCESS)
}

/// Writes a command's output to stdout, buffered. A reader that stops early (`| head -1`) is
/// neither an error nor a success: the writing stops quietly and the command goes on to exit
/// with the code its work earned (1 for error findings), as ripgrep does. Any other failure to
/// write is an error (exit 2).
pub fn to_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Error> {
    // stdout is line-buffered: 30,000 findings would be 30,000 writes without this. 64 KiB, a
    // pipe's whole buffer, at a time: 6.5 MB of findings is 184 writes, not 1,468 as in 8 KiB
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            // nothing more can be written, and dropping the buffer must not try again loudly
            let _ = out.into_parts();
            Ok(())
        }
        Err(source) => Err(Error::Io {
            path: "<stdout>".into(),
            source,
        }),
        Ok(()) => Ok(()),
    }
}
