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

/// What the history rules switched on ask of the past, so the git layer gathers only that.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    /// Each action as it was in the base revision (`Past::before`).
    pub before: bool,
    /// The runs of amber-or-worse ratings (`Past::amber_since`), followed back this many days
    /// before the as-of date: a run older than that fires whatever came before it.
    pub amber_days: Option<i64>,
}

impl Needs {
    /// Whether anything of the past is needed at all.
    pub fn any(&self) -> bool {
        *self != Needs::default()
    }

    /// What two rules need together.
    pub fn and(self, other: Needs) -> Needs {
        Needs {
            before: self.before || other.before,
            amber_days: match (self.amber_days, other.amber_days) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            },
        }
    }
}

impl Past {
    pub fn key(plan: &str, action: &str) -> (String, String) {
        (plan.to_string(), action.to_string())
    }
}
