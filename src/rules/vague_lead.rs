//! `vague-lead`: every lead is a placeholder such as "All" or "TBC". (TODO: being written)

use super::{Context, Meta, Rule};
use crate::finding::{Finding, Severity};
use crate::load::PlanFile;

pub struct VagueLead;

static META: Meta = Meta {
    name: "vague-lead",
    severity: Severity::Warning,
    summary: "every lead is a placeholder such as \"All\" or \"TBC\"",
    docs: "TODO",
};

impl Rule for VagueLead {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, _file: &PlanFile, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
