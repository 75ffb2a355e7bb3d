//! `duplicate-action`: two actions of one plan have the same title. (TODO: being written)

use super::{Context, Meta, Rule};
use crate::finding::{Finding, Severity};
use crate::load::PlanFile;

pub struct DuplicateAction;

static META: Meta = Meta {
    name: "duplicate-action",
    severity: Severity::Warning,
    summary: "two actions of one plan have the same title",
    docs: "TODO",
};

impl Rule for DuplicateAction {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, _file: &PlanFile, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
