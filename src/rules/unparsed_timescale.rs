//! `unparsed-timescale`: a timescale text cannot be read. (TODO: being written)

use super::{Context, Meta, Rule};
use crate::finding::{Finding, Severity};
use crate::load::PlanFile;

pub struct UnparsedTimescale;

static META: Meta = Meta {
    name: "unparsed-timescale",
    severity: Severity::Warning,
    summary: "a timescale text cannot be read",
    docs: "TODO",
};

impl Rule for UnparsedTimescale {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, _file: &PlanFile, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
