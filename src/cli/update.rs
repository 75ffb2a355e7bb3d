//! `planlint update ACTION --text …`: record progress on an action.

use super::UpdateArgs;
use crate::edit::commands::UpdateOptions;
use crate::edit::Command;
use crate::workspace::config::Config;
use crate::Error;
use std::process::ExitCode;

pub fn run(config: &Config, args: UpdateArgs, color: bool) -> Result<ExitCode, Error> {
    let options = UpdateOptions {
        action: args.action,
        plan: args.plan,
        text: args.text,
        rag: args.rag,
        status: args.status,
        // the clock is read here, at the edge, and handed down as data
        date: super::as_of(args.date).date,
        by: args.by,
    };
    super::edit::run(config, Command::Update(options), &args.write, color)
}
