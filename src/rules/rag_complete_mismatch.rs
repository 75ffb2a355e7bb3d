//! `rag-complete-mismatch`: a complete action's rating is not a done rating. (TODO: being written)

use super::{Context, Meta, Rule};
use crate::finding::{Finding, Severity};
use crate::load::PlanFile;

pub struct RagCompleteMismatch;

static META: Meta = Meta {
    name: "rag-complete-mismatch",
    severity: Severity::Error,
    summary: "a complete action's rating is not a done rating",
    docs: "TODO",
};

impl Rule for RagCompleteMismatch {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, _file: &PlanFile, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
