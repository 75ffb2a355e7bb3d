//! `planlint update ACTION --text …`: record progress on an action.

use super::UpdateArgs;
use crate::edit::commands::UpdateOptions;
use crate::edit::Command;
use crate::workspace::config::Config;
use crate::Error;
use std::process::ExitCode;

pub fn run(config: &Config, args: UpdateArgs, color: bool) -> Result<ExitCode, Error> {
    if let Some(date) = args.date {
        future_date(config, date, super::as_of(args.write.as_of).date)?;
    }
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

/// An update records progress already reported, so its date may lie ahead of today only by a
/// review cycle (a December update written on the 7th is dated the 31st); a date beyond that
/// is a typing slip that would move the plan's own date with it (`--date 9999-12-31` made every
/// other date of the plan "years before the plan").
fn future_date(
    config: &Config,
    date: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Result<(), Error> {
    let cycle = crate::plan::model::cycle_days(&config.default_cycle).unwrap_or(92);
    let latest = today + chrono::Duration::days(cycle);
    if date > latest {
        return Err(Error::Usage(format!(
            "--date {date} is after {latest}, a review cycle ({}) from today ({today}): an update records progress already made; give the date it was reported (or --as-of to judge as of another day)",
            config.default_cycle
        )));
    }
    Ok(())
}
