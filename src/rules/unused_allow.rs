//! `unused-allow`: an `allow` names an unknown rule or silences nothing. (TODO: being written)

use super::{Context, Meta, Rule};
use crate::finding::{Finding, Severity};
use crate::load::PlanFile;

pub struct UnusedAllow;

static META: Meta = Meta {
    name: "unused-allow",
    severity: Severity::Warning,
    summary: "an `allow` names an unknown rule or silences nothing",
    docs: "TODO",
};

impl Rule for UnusedAllow {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, _file: &PlanFile, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
