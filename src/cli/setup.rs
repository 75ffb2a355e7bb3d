//! `planlint hook install|uninstall` and `planlint init`: setting a repository up.

use super::{print, HookAction};
use crate::setup;
use crate::Error;
use std::path::Path;
use std::process::ExitCode;

pub fn hook(action: HookAction) -> Result<ExitCode, Error> {
    let here = Path::new(".");
    print(&match action {
        HookAction::Install { force } => {
            let exe = std::env::current_exe().ok();
            setup::hook::install(here, force, exe.as_deref())?
        }
        HookAction::Uninstall => setup::hook::uninstall(here)?,
    })
}

pub fn init(force: bool) -> Result<ExitCode, Error> {
    let root = setup::init::root(Path::new("."));
    print(&setup::init::init(&root, super::as_of(None).date, force)?)
}
