//! `planlint add TITLE [--plan ID] …`: add an action to a plan (the only plan, when there is one).

use super::AddArgs;
use crate::edit::commands::AddOptions;
use crate::edit::Command;
use crate::workspace::config::Config;
use crate::Error;
use std::process::ExitCode;

pub fn run(config: &Config, args: AddArgs, color: bool) -> Result<ExitCode, Error> {
    let options = AddOptions {
        title: args.title,
        plan: args.plan,
        section: args.section,
        leads: args.leads,
        due: args.due,
        id: args.id,
    };
    super::edit::run(config, Command::Add(options), &args.write, color)
}
