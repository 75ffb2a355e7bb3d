//! `rag-green-overdue`: an action is rated best but is past its due date and not complete. (TODO: being written)

use super::{Context, Meta, Rule};
use crate::finding::{Finding, Severity};
use crate::load::PlanFile;

pub struct RagGreenOverdue;

static META: Meta = Meta {
    name: "rag-green-overdue",
    severity: Severity::Error,
    summary: "an action is rated best but is past its due date and not complete",
    docs: "TODO",
};

impl Rule for RagGreenOverdue {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, _file: &PlanFile, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
