//! The command line: `planlint check | rules | explain | schema | diff | history | hook | init`.

use crate::output::Format;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "planlint",
    version,
    about = "Keeps action plans honest: validate, lint, diff and report plans kept as TOML in git",
    long_about = "Keeps action plans honest: validate, lint, diff and report plans kept as TOML in git.\n\n\
Exit status: 0 no finding at error severity; 1 findings at error severity; 2 planlint could not do its job."
)]
pub struct Cli {
    /// Run as if planlint was started in DIR
    #[arg(short = 'C', value_name = "DIR", global = true)]
    pub dir: Option<PathBuf>,

    /// Use this configuration file instead of looking for planlint.toml
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// When to use colour
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    pub color: Color,

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
    /// List every rule with its default severity and summary
    Rules,
    /// Show a rule's documentation, as Markdown
    Explain {
        /// The rule's name, as `planlint rules` lists it
        rule: String,
    },
    /// Print the plan format's JSON Schema
    Schema,
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
    /// Set up this repository for planlint: planlint.toml, an example plan, the pre-commit configuration
    Init,
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

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Plan files or folders to check (a file named here is always checked)
    pub paths: Vec<PathBuf>,

    /// The date the date rules judge by (YYYY-MM-DD; default: today)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,

    /// Output format (default: human on a terminal, concise otherwise)
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Check the plans as they are at this git revision (tag, branch, HEAD~2, commit id)
    #[arg(long, value_name = "REV", conflicts_with = "staged")]
    pub rev: Option<String>,

    /// Check the staged content (the git index), as a pre-commit hook should
    #[arg(long)]
    pub staged: bool,

    /// Report findings only in plan files that differ from this revision
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The older revision (or `FROM..TO`)
    pub from: String,

    /// The newer revision (default: the working tree)
    pub to: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = crate::output::diff::DiffFormat::Text)]
    pub format: crate::output::diff::DiffFormat,
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
    #[arg(long, value_enum, default_value_t = crate::gitcmd::HistoryFormat::Text)]
    pub format: crate::gitcmd::HistoryFormat,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The last review point: a tag, branch or commit (e.g. review-2015-q2)
    pub from: String,

    /// The review point to report on (default: the working tree)
    pub to: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: crate::report::Format,

    /// Write the report to FILE instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The date "overdue" is judged by (YYYY-MM-DD; default: TO's commit date, else today)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,

    /// Show the rating trend over every tag matching this glob, in commit-date order (e.g. 'review-*')
    #[arg(long, value_name = "PATTERN")]
    pub cycles: Option<String>,
}
