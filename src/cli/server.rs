//! `planlint server`: the language server on stdin and stdout, for an editor to start.

use crate::Error;
use chrono::NaiveDate;
use std::process::ExitCode;

#[derive(Debug, Clone, clap::Args)]
pub struct ServerArgs {
    /// The date the rules judge by (YYYY-MM-DD; default: today). A client may also send
    /// `asOf` in its initialization options
    #[arg(long, value_name = "DATE", value_parser = super::as_of_date)]
    pub as_of: Option<NaiveDate>,
    /// Talk over stdin and stdout (the only transport; accepted because clients pass it)
    #[arg(long)]
    pub stdio: bool,
}

/// Runs the server until the client says `exit`; a broken connection is exit 2.
pub fn run(config: &Option<std::path::PathBuf>, args: ServerArgs) -> Result<ExitCode, Error> {
    crate::server::run_stdio(crate::server::Options {
        as_of: args.as_of,
        config: config.clone(),
    })
    .map_err(|e| Error::Usage(format!("language server: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
