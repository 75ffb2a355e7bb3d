//! `planlint update ACTION --text …`: record progress on an action.

use super::UpdateArgs;
use crate::edit::commands::{self, UpdateOptions};
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
    let change = commands::update(config, &options)?;
    super::edit::commit(config, change, &args.write, color)
}
