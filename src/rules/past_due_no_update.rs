//! `past-due-no-update`: an open action is past its due date with no update since. (TODO: being written)

use super::{Context, Meta, Rule};
use crate::finding::{Finding, Severity};
use crate::load::PlanFile;

pub struct PastDueNoUpdate;

static META: Meta = Meta {
    name: "past-due-no-update",
    severity: Severity::Error,
    summary: "an open action is past its due date with no update since",
    docs: "TODO",
};

impl Rule for PastDueNoUpdate {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, _file: &PlanFile, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
