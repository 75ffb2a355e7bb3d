//! What the history-aware rules (`silent-reschedule`, `amber-drift`, …) know about the past of
//! the plans being checked: plain data, filled in by the git layer, so the rules stay pure and
//! are tested without a repository. Each rule computes its own answer from it: a new history
//! rule touches its own file only.

use crate::plan::load::PlanFile;
use crate::plan::model::{Due, Spanned};
use crate::plan::source::SourceFile;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::Arc;

/// What the history-aware rules know about the past of the plans being checked. Built from git
/// by the git layer; plain data, so the rules stay pure and testable without a repository.
#[derive(Debug, Default)]
pub struct Past {
    /// The revision the checked plans are compared with (`HEAD` for the working tree and the
    /// index, the first parent for `--rev`, REV for `--changed-since`), as the user would say it.
    pub base: String,
    /// Each action as it was in `base`, by (plan id, action id) (`since`: the base commit's
    /// date).
    pub before: HashMap<(String, String), Point>,
    /// Each action's states through first-parent history (see `Timeline`).
    pub timeline: Timeline,
}

/// Each action's past, by (plan id, action id): the states it had in the commits of the
/// first-parent history from the start commit (HEAD, or the commit checked), newest first. A
/// point stands for an unbroken run of commits in which the action was the same (rating,
/// whether open, due, update count); `since` is the date of the oldest commit of that run.
///
/// The list starts at the start commit (the checked text may differ from it: a rule compares
/// the action as checked with the first point) and ends where the action was not in the plan
/// (added then, or its file renamed or unreadable: the walk follows a renamed file by its plan
/// id in the commit of the rename), at the root or a shallow clone's boundary, or at the first
/// commit older than the cut-off the rules asked for (`Needs::timeline_days`): the last point's
/// `since` is then that commit's date.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub actions: HashMap<(String, String), Vec<Point>>,
}

/// An action's state in a run of commits (see `Timeline`), or in the base revision
/// (`Past::before`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    /// The committer's date of the oldest commit of the run.
    pub since: NaiveDate,
    /// The action's own `rag`, as written.
    pub rag: Option<String>,
    /// Not complete nor withdrawn.
    pub open: bool,
    /// `due` as written.
    pub due: Option<crate::plan::model::Due>,
    /// How many progress updates it had.
    pub updates: usize,
}

impl Point {
    /// The same state (all but the date).
    pub fn same_state(&self, other: &Point) -> bool {
        (&self.rag, self.open, &self.due, self.updates)
            == (&other.rag, other.open, &other.due, other.updates)
    }
}

impl Timeline {
    /// An action's points, newest first (empty when the walk did not find it).
    pub fn of(&self, plan: &str, action: &str) -> &[Point] {
        self.actions
            .get(&Past::key(plan, action))
            .map_or(&[], Vec::as_slice)
    }
}

/// What the history rules switched on ask of the past, so the git layer gathers only that.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    /// Each action's state in the base revision (`Past::before`).
    pub before: bool,
    /// Each action's timeline (`Past::timeline`), followed back this many days before the
    /// as-of date.
    pub timeline_days: Option<i64>,
    /// How far back each action's timeline is read (see `Follow`).
    pub follow: Follow,
}

/// How much of an action's timeline the rules read: all of it (back to the cut-off), or only
/// its newest unbroken run of points of one kind, so the walk stops following an action at the
/// first point of another kind (a cold history walk then reads far fewer old versions). The
/// timeline of an action so cut ends at its last point of the kind (`since` as usual); the
/// points past it are not gathered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Follow {
    #[default]
    All,
    /// While the action is open and rated on the scale at this level or worse (`amber-drift`:
    /// "amber").
    WhileOpenAtOrWorse(&'static str),
}

impl Follow {
    /// Whether a point is of the kind followed (always, for `All`).
    pub fn keeps(self, p: &Point, scale: &crate::plan::rating::Scale) -> bool {
        match self {
            Follow::All => true,
            Follow::WhileOpenAtOrWorse(level) => {
                let Some(limit) = scale.resolve(level).map(|r| r.rank) else {
                    return true;
                };
                p.open
                    && p.rag
                        .as_deref()
                        .and_then(|r| scale.resolve(r))
                        .is_some_and(|r| r.rank <= limit)
            }
        }
    }
}

impl Needs {
    /// Whether anything of the past is needed at all.
    pub fn any(&self) -> bool {
        *self != Needs::default()
    }

    /// What two rules need together (each action's timeline as far as either reads it).
    pub fn and(self, other: Needs) -> Needs {
        let follow = match (self.timeline_days, other.timeline_days) {
            (Some(_), None) => self.follow,
            (None, Some(_)) => other.follow,
            _ if self.follow == other.follow => self.follow,
            _ => Follow::All,
        };
        Needs {
            before: self.before || other.before,
            timeline_days: match (self.timeline_days, other.timeline_days) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            },
            follow,
        }
    }
}

impl Past {
    pub fn key(plan: &str, action: &str) -> (String, String) {
        (plan.to_string(), action.to_string())
    }
}

/// A checked plan as the history rules read it and as the history walk knows its blob: its
/// source, its plan id and, of each action (in the plan's order, duplicates too), what those
/// rules use. Taken from the plan's model as its own rules run, so the check can let the model
/// go before the past is gathered (a plan's model is many times this).
#[derive(Debug, Clone)]
pub struct Tracked {
    pub source: Arc<SourceFile>,
    pub plan: String,
    pub actions: Vec<TrackedAction>,
}

/// An action of a `Tracked` plan.
#[derive(Debug, Clone)]
pub struct TrackedAction {
    pub id: String,
    /// Not complete nor withdrawn.
    pub open: bool,
    /// Its own `rag`, as written, where it is written.
    pub rag: Option<Spanned<String>>,
    pub due: Option<Spanned<Due>>,
    /// Whether it has a `baseline_due`.
    pub baseline_due: bool,
    /// How many progress updates it has.
    pub updates: usize,
}

impl Tracked {
    pub fn of(file: &PlanFile) -> Tracked {
        Tracked {
            source: file.source.clone(),
            plan: file.plan.id().to_string(),
            actions: file
                .plan
                .actions
                .iter()
                .map(|a| {
                    let a = a.get_ref();
                    TrackedAction {
                        id: a.id.get_ref().clone(),
                        open: a.is_open(),
                        rag: a.rag.clone(),
                        due: a.due.clone(),
                        baseline_due: a.baseline_due.is_some(),
                        updates: a.updates.len(),
                    }
                })
                .collect(),
        }
    }
}
