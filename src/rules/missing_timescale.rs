//! `missing-timescale`: an open action has no due date and is not marked ongoing. (TODO: being written)

use super::{Context, Meta, Rule};
use crate::finding::{Finding, Severity};
use crate::load::PlanFile;

pub struct MissingTimescale;

static META: Meta = Meta {
    name: "missing-timescale",
    severity: Severity::Warning,
    summary: "an open action has no due date and is not marked ongoing",
    docs: "TODO",
};

impl Rule for MissingTimescale {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, _file: &PlanFile, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
