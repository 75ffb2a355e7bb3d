//! `date-before-plan`: a due or update date is implausibly early or late for the plan. (TODO: being written)

use super::{Context, Meta, Rule};
use crate::finding::{Finding, Severity};
use crate::load::PlanFile;

pub struct DateBeforePlan;

static META: Meta = Meta {
    name: "date-before-plan",
    severity: Severity::Warning,
    summary: "a due or update date is implausibly early or late for the plan",
    docs: "TODO",
};

impl Rule for DateBeforePlan {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, _file: &PlanFile, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
