//! The command line: `planlint check | rules | explain | schema | hook | init`.

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
}
