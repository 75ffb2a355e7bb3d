//! `missing-lead`: an open action has no lead, or only empty strings. (TODO: being written)

use super::{Context, Meta, Rule};
use crate::finding::{Finding, Severity};
use crate::load::PlanFile;

pub struct MissingLead;

static META: Meta = Meta {
    name: "missing-lead",
    severity: Severity::Error,
    summary: "an open action has no lead, or only empty strings",
    docs: "TODO",
};

impl Rule for MissingLead {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, _file: &PlanFile, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
