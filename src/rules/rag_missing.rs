//! `rag-missing`: an open, started action has no rating. (TODO: being written)

use super::{Context, Meta, Rule};
use crate::finding::{Finding, Severity};
use crate::load::PlanFile;

pub struct RagMissing;

static META: Meta = Meta {
    name: "rag-missing",
    severity: Severity::Warning,
    summary: "an open, started action has no rating",
    docs: "TODO",
};

impl Rule for RagMissing {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, _file: &PlanFile, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
