//! `planlint set ACTION …`: change an action's due date, leads, partners, status, rating,
//! title or section.

use super::SetArgs;
use crate::edit::commands::SetOptions;
use crate::edit::Command;
use crate::workspace::config::Config;
use crate::Error;
use std::process::ExitCode;

pub fn run(config: &Config, args: SetArgs, color: bool) -> Result<ExitCode, Error> {
    let options = SetOptions {
        action: args.action,
        plan: args.plan,
        due: args.due,
        leads: args.leads,
        partners: args.partners,
        status: args.status,
        rag: args.rag,
        title: args.title,
        section: args.section,
    };
    super::edit::run(config, Command::Set(options), &args.write, color)
}
