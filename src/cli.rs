//! The command line: `planlint check | rules | explain | schema`.

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
    /// A review-cycle report between two revisions, for a board paper or a web page
    Report(ReportArgs),
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
