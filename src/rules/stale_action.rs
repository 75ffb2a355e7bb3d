//! `stale-action`: an open action has no update within the plan's latest review cycle. (TODO: being written)

use super::{Context, Meta, Rule};
use crate::finding::{Finding, Severity};
use crate::load::PlanFile;

pub struct StaleAction;

static META: Meta = Meta {
    name: "stale-action",
    severity: Severity::Warning,
    summary: "an open action has no update within the plan's latest review cycle",
    docs: "TODO",
};

impl Rule for StaleAction {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, _file: &PlanFile, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
