//! `rag-rollup`: a section's declared rating is better than its worst action's. (TODO: being written)

use super::{Context, Meta, Rule};
use crate::finding::{Finding, Severity};
use crate::load::PlanFile;

pub struct RagRollup;

static META: Meta = Meta {
    name: "rag-rollup",
    severity: Severity::Warning,
    summary: "a section's declared rating is better than its worst action's",
    docs: "TODO",
};

impl Rule for RagRollup {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, _file: &PlanFile, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
