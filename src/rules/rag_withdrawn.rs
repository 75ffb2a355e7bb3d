//! `rag-withdrawn`: a withdrawn action still carries a live rating. (TODO: being written)

use super::{Context, Meta, Rule};
use crate::finding::{Finding, Severity};
use crate::load::PlanFile;

pub struct RagWithdrawn;

static META: Meta = Meta {
    name: "rag-withdrawn",
    severity: Severity::Warning,
    summary: "a withdrawn action still carries a live rating",
    docs: "TODO",
};

impl Rule for RagWithdrawn {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, _file: &PlanFile, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
