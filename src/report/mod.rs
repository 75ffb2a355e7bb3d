//! Review-cycle reports (`planlint report FROM [TO]`): what a board asks between two review
//! points. What got worse or better, what fell overdue, which due dates slipped, who has not
//! updated, what was added, completed or withdrawn, what the linter says now, and (with
//! `--cycles`) how the ratings moved over every review.
//!
//! `build` is pure: two sets of plans, the linter's outcome and the cycle counts in, a `Report`
//! out. `gather` is the git edge that reads them; `markdown`, `html` and `json` are views.
//!
//! May use: `plan`, `workspace`, `lint` (findings at TO), `diff`, `git` (through `gather` only).

use crate::plan::finding::{Severity, Summary};
use chrono::NaiveDate;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

mod build;
mod gather;
pub mod html;
pub mod markdown;

pub use build::{build, dist, quick_dist, Input};
pub use gather::{gather, Gathered, Options};

/// The key actions without a rating are counted under (always last in `ratings`).
pub const UNRATED: &str = "unrated";

/// How to write the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// For a board paper or a pull-request comment (GitHub-flavoured)
    #[default]
    Markdown,
    /// One self-contained web page (inline CSS and SVG)
    Html,
    /// Everything, for other tools
    Json,
}

/// One end of the report: the revision as given, its commit and the commit's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Point {
    pub rev: String,
    pub commit: Option<String>,
    #[serde(serialize_with = "opt_day")]
    pub date: Option<NaiveDate>,
}

/// How many actions carry each rating (every rating of the report, zeros included).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Dist {
    pub ratings: BTreeMap<String, usize>,
    pub total: usize,
}

impl Dist {
    fn add(&mut self, rating: &str, n: usize) {
        *self.ratings.entry(rating.to_string()).or_default() += n;
        self.total += n;
    }

    fn merge(&mut self, other: &Dist) {
        for (k, n) in &other.ratings {
            self.add(k, *n);
        }
    }

    /// The count for one rating (0 when absent).
    pub fn get(&self, rating: &str) -> usize {
        self.ratings.get(rating).copied().unwrap_or(0)
    }

    /// A by-plan cell's two counts, then and now, as text: the count of `rating` (the total when
    /// `None`), or "–" where the plan did not exist on that side.
    pub fn then_now(
        then: Option<&Dist>,
        now: Option<&Dist>,
        rating: Option<&str>,
    ) -> (String, String) {
        let n = |d: Option<&Dist>| {
            d.map_or("–".to_string(), |d| {
                rating.map_or(d.total, |k| d.get(k)).to_string()
            })
        };
        (n(then), n(now))
    }

    /// Gives every rating of the report a count, so JSON readers see zeros, not gaps.
    fn fill(&mut self, ratings: &[String]) {
        for r in ratings {
            self.ratings.entry(r.clone()).or_default();
        }
    }
}

/// An action as the lists name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionRef {
    pub plan: String,
    pub action: String,
    pub title: String,
    pub file: String,
}

/// A rating change of one action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    #[serde(flatten)]
    pub action: ActionRef,
    pub from: String,
    pub to: String,
    /// How many places on the scale it moved.
    pub steps: usize,
}

/// An open action whose due date fell between FROM and the as-of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overdue {
    #[serde(flatten)]
    pub action: ActionRef,
    #[serde(serialize_with = "day")]
    pub due: NaiveDate,
    pub due_text: String,
    pub days_overdue: i64,
    pub rating: Option<String>,
}

/// A due date that moved later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slipped {
    #[serde(flatten)]
    pub action: ActionRef,
    #[serde(serialize_with = "day")]
    pub from: NaiveDate,
    #[serde(serialize_with = "day")]
    pub to: NaiveDate,
    pub from_text: String,
    pub to_text: String,
    pub days: i64,
}

/// An open action with no update dated after FROM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stale {
    #[serde(flatten)]
    pub action: ActionRef,
    #[serde(serialize_with = "opt_day")]
    pub last_update: Option<NaiveDate>,
    pub rating: Option<String>,
}

/// One plan's rating counts at both ends (`None` where the plan does not exist).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanRow {
    pub plan: String,
    pub title: String,
    pub file: String,
    pub from: Option<Dist>,
    pub to: Option<Dist>,
}

/// How many actions went from one rating to another (the diagonal is "unchanged").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transition {
    pub from: String,
    pub to: String,
    pub count: usize,
}

/// A linter finding at TO, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingRow {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub plan: Option<String>,
    pub action: Option<String>,
    pub message: String,
}

/// The findings of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleGroup {
    pub rule: String,
    pub severity: Severity,
    pub count: usize,
    pub findings: Vec<FindingRow>,
}

/// The rating distribution at one review tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cycle {
    pub tag: String,
    pub commit: String,
    #[serde(serialize_with = "opt_day")]
    pub date: Option<NaiveDate>,
    pub counts: Dist,
}

/// Rating counts at both ends.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub from: Dist,
    pub to: Dist,
}

/// The whole report; every view renders this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub from: Point,
    pub to: Point,
    #[serde(serialize_with = "day")]
    pub as_of: NaiveDate,
    /// Every rating the report counts, worst first; off-scale ratings, then `unrated`, last.
    pub ratings: Vec<String>,
    pub totals: Totals,
    pub plans: Vec<PlanRow>,
    pub transitions: Vec<Transition>,
    pub worsened: Vec<Moved>,
    pub improved: Vec<Moved>,
    pub newly_overdue: Vec<Overdue>,
    pub slipped: Vec<Slipped>,
    pub not_updated: Vec<Stale>,
    pub added: Vec<ActionRef>,
    pub completed: Vec<ActionRef>,
    pub withdrawn: Vec<ActionRef>,
    pub removed: Vec<ActionRef>,
    pub findings: Vec<RuleGroup>,
    pub findings_summary: Summary,
    pub cycles: Vec<Cycle>,
    /// Files that could not be read as plans (left out of the counts), with the reason.
    pub unreadable: Vec<String>,
}

fn day<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

fn opt_day<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

/// The JSON view: the `Report` as it is.
pub fn json(r: &Report) -> String {
    let mut s = serde_json::to_string_pretty(r).expect("a report is plain data");
    s.push('\n');
    s
}

/// A commit as the renderers show it: its short id, or "working tree".
fn short(commit: &Option<String>) -> String {
    commit.as_deref().map_or_else(
        || "working tree".to_string(),
        |c| c[..c.len().min(7)].to_string(),
    )
}

/// A count's change, signed ("+3", "−2", "0").
fn delta(a: usize, b: usize) -> String {
    match b.cmp(&a) {
        std::cmp::Ordering::Greater => format!("+{}", b - a),
        std::cmp::Ordering::Less => format!("−{}", a - b),
        std::cmp::Ordering::Equal => "0".into(),
    }
}

/// The emoji GitHub shows beside a rating word (the word is always there too).
pub fn symbol(rating: &str) -> &'static str {
    match rating {
        "red" => "🔴",
        "amber-red" | "red-amber" => "🟠",
        "amber" => "🟡",
        "amber-green" | "green-amber" => "🟢",
        "green" => "🟢",
        "blue" => "🔵",
        UNRATED => "⚪",
        _ => "⚫",
    }
}
