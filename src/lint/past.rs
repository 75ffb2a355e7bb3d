//! What the history-aware rules (`silent-reschedule`, `amber-drift`) know about the past of the
//! plans being checked: plain data, filled in by the git layer, so the rules stay pure and are
//! tested without a repository.

use chrono::NaiveDate;
use std::collections::HashMap;

/// What the history-aware rules know about the past of the plans being checked. Built from git
/// by the git layer; plain data, so the rules stay pure and testable without a repository.
#[derive(Debug, Default)]
pub struct Past {
    /// The revision the checked plans are compared with (`HEAD` for the working tree and the
    /// index, the first parent for `--rev`, REV for `--changed-since`), as the user would say it.
    pub base: String,
    /// Each action as it was in `base`, by (plan id, action id).
    pub before: HashMap<(String, String), Before>,
    /// For actions rated amber or worse now: the date of the oldest revision of the unbroken run
    /// of revisions in which they were rated amber or worse.
    pub amber_since: HashMap<(String, String), NaiveDate>,
}

/// An action as it was in the base revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Before {
    pub due: Option<crate::plan::model::Due>,
    pub updates: usize,
}

impl Past {
    pub fn key(plan: &str, action: &str) -> (String, String) {
        (plan.to_string(), action.to_string())
    }
}
