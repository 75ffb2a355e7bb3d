//! `rag-text-mismatch`: the latest update says complete, withdrawn or slipped but status or rating disagree. (TODO: being written)

use super::{Context, Meta, Rule};
use crate::finding::{Finding, Severity};
use crate::load::PlanFile;

pub struct RagTextMismatch;

static META: Meta = Meta {
    name: "rag-text-mismatch",
    severity: Severity::Warning,
    summary: "the latest update says complete, withdrawn or slipped but status or rating disagree",
    docs: "TODO",
};

impl Rule for RagTextMismatch {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, _file: &PlanFile, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
