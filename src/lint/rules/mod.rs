//! The rules, a file each, and the registry: one line a rule in `RULES`.

mod amber_drift;
mod dangling_ref;
mod date_before_plan;
mod duplicate_action;
pub mod duplicate_id;
mod empty_lead;
mod missing_lead;
mod missing_timescale;
mod past_due_no_update;
mod rag_complete_mismatch;
mod rag_green_overdue;
mod rag_missing;
mod rag_rollup;
mod rag_spelling;
mod rag_text_mismatch;
mod rag_unknown;
mod rag_withdrawn;
mod schema;
mod silent_reschedule;
mod stale_action;
mod toml_syntax;
mod unknown_section;
mod unparsed_timescale;
pub(crate) mod unused_allow;
pub(crate) mod unused_baseline;
mod vague_lead;

use crate::lint::Rule;

/// Every rule, in the order `planlint rules` lists them.
pub static RULES: &[&dyn Rule] = &[
    &toml_syntax::TomlSyntax,
    &schema::Schema,
    &duplicate_id::DuplicateId,
    &unknown_section::UnknownSection,
    &dangling_ref::DanglingRef,
    &rag_unknown::RagUnknown,
    &rag_spelling::RagSpelling,
    &missing_lead::MissingLead,
    &empty_lead::EmptyLead,
    &vague_lead::VagueLead,
    &missing_timescale::MissingTimescale,
    &unparsed_timescale::UnparsedTimescale,
    &past_due_no_update::PastDueNoUpdate,
    &stale_action::StaleAction,
    &rag_missing::RagMissing,
    &rag_complete_mismatch::RagCompleteMismatch,
    &rag_green_overdue::RagGreenOverdue,
    &rag_withdrawn::RagWithdrawn,
    &rag_text_mismatch::RagTextMismatch,
    &rag_rollup::RagRollup,
    &duplicate_action::DuplicateAction,
    &date_before_plan::DateBeforePlan,
    &unused_allow::UnusedAllow,
    &unused_baseline::UnusedBaseline,
    &silent_reschedule::SilentReschedule,
    &amber_drift::AmberDrift,
];

pub fn find(name: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().name == name)
}

/// Every rule's name, as `planlint.toml` and `allow` may name them.
pub fn names() -> Vec<&'static str> {
    RULES.iter().map(|r| r.meta().name).collect()
}

/// Calls `visit` with every rating a plan writes: each section's, each action's, and each of an
/// action's milestones' and updates' (with the action's id), naming which it is (`"section"`,
/// `"action"`, `"milestone"`, `"update"`). The rules about rating values share this walk.
pub(crate) fn each_rating(
    file: &crate::plan::load::PlanFile,
    mut visit: impl FnMut(&Option<crate::plan::model::Spanned<String>>, Option<&str>, &str),
) {
    for s in &file.plan.sections {
        visit(&s.get_ref().rag, None, "section");
    }
    for a in &file.plan.actions {
        let a = a.get_ref();
        let id = Some(a.id.get_ref().as_str());
        visit(&a.rag, id, "action");
        for m in &a.milestones {
            visit(&m.get_ref().rag, id, "milestone");
        }
        for u in &a.updates {
            visit(&u.get_ref().rag, id, "update");
        }
    }
}
