//! Review-cycle reports (`planlint report FROM [TO]`): the paper a board reads between two
//! review points. A header with the programme, the meeting and the period; a summary in plain
//! sentences; what got worse or better, fell overdue, slipped or was not updated, action by
//! action with its lead and latest update; who has no valid rating; what the plan files need
//! fixing (the findings `check --rev TO` reports); and (with `--cycles`) the trend.
//!
//! `build` is pure: two sets of plans, the linter's outcome and the cycle counts in, a `Report`
//! out; `narrative` writes its sentences. `gather` is the git edge that reads them; `markdown`,
//! `html` and `json` are views, and `pdf` prints the HTML with a Chromium it is handed.
//!
//! May use: `plan`, `workspace`, `lint` (findings at TO), `diff`, `git` (through `gather` only).

use crate::plan::finding::{Severity, Summary};
use chrono::NaiveDate;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

mod build;
pub mod docx;
mod gather;
pub mod html;
pub mod markdown;
mod narrative;
mod paper;
mod view;

pub use build::{build, dist, period, Input, DEFAULT_TITLE};
pub use gather::{gather, Gathered, Options};

pub mod pdf;

/// What the views call the group of actions with no rating on the scale (none at all, or a
/// value such as "countywide" or "yellow" that is not a rating).
pub const INVALID: &str = "no valid rating";

/// How many rows each list of the HTML and Markdown views shows (worst first) before "and N
/// more"; the JSON keeps every row. A thousand-plan programme stays a paper a board can read.
pub const ROWS: usize = 10;

/// How many progress updates the HTML, PDF and Word papers show (all of them, for any
/// programme a board reads page by page; a thousand-plan programme is cut, with a note).
pub const PROGRESS_ROWS: usize = 300;

/// How many the Markdown shows: it must fit a GitHub comment beside the other sections.
pub const PROGRESS_MARKDOWN_ROWS: usize = 40;

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
    /// The HTML page printed to PDF by a headless Chromium (needs `--output`)
    Pdf,
    /// The same paper as a Word document (needs `--output`)
    Docx,
}

/// The command that lists every finding at the report's later end (the appendix shows the
/// first few), quoted for the shell by `plan::escape::shell_word` as every printed command is.
pub fn check_command(r: &Report) -> String {
    crate::plan::escape::shell_line(&["planlint", "check", "--rev", &r.to.rev])
}

/// One end of the report: the revision as given, its commit and the commit's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Point {
    pub rev: String,
    pub commit: Option<String>,
    #[serde(serialize_with = "opt_day")]
    pub date: Option<NaiveDate>,
}

/// How many actions carry each rating of the scale (zeros included), and how many have no
/// valid rating (unrated, or a value that is not on the scale): that group is counted apart.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Dist {
    pub ratings: BTreeMap<String, usize>,
    /// Actions with no rating on the scale.
    pub invalid: usize,
    pub total: usize,
}

impl Dist {
    /// Counts `n` actions under `rating` (a name on the scale), or as invalid when `None`.
    fn add(&mut self, rating: Option<&str>, n: usize) {
        match rating {
            Some(k) => *self.ratings.entry(k.to_string()).or_default() += n,
            None => self.invalid += n,
        }
        self.total += n;
    }

    fn merge(&mut self, other: &Dist) {
        for (k, n) in &other.ratings {
            self.add(Some(k), *n);
        }
        self.add(None, other.invalid);
    }

    /// The count for one rating (0 when absent); `None` is the no-valid-rating group.
    pub fn get(&self, rating: Option<&str>) -> usize {
        match rating {
            Some(k) => self.ratings.get(k).copied().unwrap_or(0),
            None => self.invalid,
        }
    }

    /// A by-plan cell's two counts, then and now, as text: the count of `rating` (the total when
    /// `None`), or "–" where the plan did not exist on that side.
    pub fn then_now(
        then: Option<&Dist>,
        now: Option<&Dist>,
        rating: Column<'_>,
    ) -> (String, String) {
        let n = |d: Option<&Dist>| {
            d.map_or("–".to_string(), |d| {
                match rating {
                    Column::Rating(k) => d.get(Some(k)),
                    Column::Invalid => d.invalid,
                    Column::Total => d.total,
                }
                .to_string()
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

/// A column of a by-plan or trend table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column<'a> {
    Rating(&'a str),
    Invalid,
    Total,
}

/// An action's latest progress update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LatestUpdate {
    #[serde(serialize_with = "day")]
    pub date: NaiveDate,
    pub text: String,
    pub by: Option<String>,
}

/// An action as the lists name it: where it is, who leads it, its rating then and now, when it
/// is due and what its latest update says (a board's first questions are "who?" and "why?").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionRef {
    pub plan: String,
    pub plan_title: String,
    pub action: String,
    pub title: String,
    pub file: String,
    pub leads: Vec<String>,
    /// The rating at FROM (`null` when the action was not there or had none); a value that is
    /// not on the scale is kept as written (lowercase) and counted as no valid rating.
    pub rating_then: Option<String>,
    /// The rating at TO, as `rating_then`.
    pub rating_now: Option<String>,
    #[serde(serialize_with = "opt_day")]
    pub due_date: Option<NaiveDate>,
    /// The due date as the plan writes it ("June 2015", "2015/16").
    pub due_as_written: Option<String>,
    pub latest_update: Option<LatestUpdate>,
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

/// A progress update reported this cycle: dated inside the window, or recorded in git between
/// FROM and TO (an update dated before FROM but committed late counts, and says so).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    #[serde(flatten)]
    pub action: ActionRef,
    /// The action's section id and title, when it names one.
    pub section: Option<String>,
    pub section_title: Option<String>,
    #[serde(serialize_with = "day")]
    pub date: NaiveDate,
    pub by: Option<String>,
    /// The update's whole text.
    pub text: String,
    /// The rating the update gave, when it gave one.
    pub update_rating: Option<String>,
    /// Dated before the window's first day but recorded after FROM ("recorded after the last
    /// board").
    pub recorded_late: bool,
    /// The action is open at TO (not complete, not withdrawn).
    pub open: bool,
}

/// An open action with no progress reported this cycle.
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

/// How many actions went from one rating to another (the diagonal is "unchanged"); `null` is
/// the no-valid-rating group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transition {
    pub from: Option<String>,
    pub to: Option<String>,
    pub count: usize,
}

/// A linter finding at TO, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingRow {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub plan: Option<String>,
    pub plan_title: Option<String>,
    pub action: Option<String>,
    pub message: String,
}

/// The findings of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleGroup {
    pub rule: String,
    /// The rule's one-line summary (`planlint rules`), the group's heading in the views.
    pub summary: String,
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

/// One plan's actions with no valid rating at TO.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvalidPlan {
    pub plan: String,
    pub title: String,
    pub file: String,
    /// Ids of the actions with no rating at all.
    pub unrated: Vec<String>,
    /// Actions whose rating is not on the scale, with the value as written.
    pub off_scale: Vec<OffScale>,
}

/// An action rated with a value that is not on the scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OffScale {
    pub action: String,
    pub value: String,
}

/// The no-valid-rating group at TO, apart from the scale.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Invalid {
    pub total: usize,
    pub unrated: usize,
    pub off_scale: usize,
    /// By plan, the plan with most first.
    pub plans: Vec<InvalidPlan>,
}

/// One sentence of the summary at the top, and the id of the section that shows its table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub text: String,
    pub section: String,
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
    /// The programme's name (`--title`, `[report] title` in planlint.toml, or a default).
    pub title: String,
    /// The meeting the paper is for (`[report] board`), when configured.
    pub board: Option<String>,
    /// The period in words ("September to December 2015").
    pub period: String,
    pub from: Point,
    pub to: Point,
    /// The window's last day: TO's position date (what its plans say), or `--as-of`.
    #[serde(serialize_with = "day")]
    pub as_of: NaiveDate,
    /// Where `as_of` came from, in words ("the plans' update date").
    pub as_of_source: String,
    /// The window's first day: FROM's position date, or `--since`.
    #[serde(serialize_with = "day")]
    pub since: NaiveDate,
    /// Where `since` came from, in words.
    pub since_source: String,
    /// `[report] purpose`: why the paper is before the board, a paragraph.
    pub purpose: Option<String>,
    /// `[report] asks`: what the board is asked to do ("note…", "agree…").
    pub asks: Vec<String>,
    /// The command that makes this report again, every option that shaped it included.
    pub command: String,
    /// The summary at the top, in plain sentences.
    pub narrative: Vec<Sentence>,
    /// The scale's ratings, worst first (the counts' keys); the no-valid-rating group is apart.
    pub ratings: Vec<String>,
    pub totals: Totals,
    pub plans: Vec<PlanRow>,
    pub transitions: Vec<Transition>,
    pub worsened: Vec<Moved>,
    pub improved: Vec<Moved>,
    pub newly_overdue: Vec<Overdue>,
    pub slipped: Vec<Slipped>,
    /// Every progress update reported this cycle, by plan, section and action.
    pub progress: Vec<Progress>,
    /// Open actions with no progress reported this cycle.
    pub not_updated: Vec<Stale>,
    pub added: Vec<ActionRef>,
    pub completed: Vec<ActionRef>,
    pub withdrawn: Vec<ActionRef>,
    pub removed: Vec<ActionRef>,
    /// Actions with no valid rating at TO, by plan.
    pub invalid: Invalid,
    /// False with `--no-findings` (then `findings` is empty and not checked).
    pub findings_included: bool,
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

/// `json`, written as it is made: a report with 100,000 findings is a 70 MB text, not held
/// whole (nor twice, while it grows).
pub fn write_json(r: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, r)?;
    out.write_all(b"\n")
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
        _ => "⚪",
    }
}

/// A date in words, as a board paper writes it ("30 September 2015").
pub fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// A date in short words ("30 Sep 2015").
pub fn short_date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// An update's text cut to about `n` characters at a word, with "…"; `None` when it fits.
pub fn trim_text(s: &str, n: usize) -> Option<String> {
    let s = s.trim();
    if s.chars().count() <= n {
        return None;
    }
    let cut: String = s.chars().take(n).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > n / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    Some(format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':'))
    ))
}

/// "1 action", "3 actions".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Frees `value` on a thread of its own, so the run goes on meanwhile (freeing every plan's
/// model, or a paper of tens of thousands of actions, took a tenth of a report's time). A
/// thread that cannot start drops it as it fails: inline.
pub fn let_go<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("let-go".into())
        .spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    #[test]
    fn updates_are_trimmed_at_a_word() {
        assert_eq!(super::trim_text("short", 10), None);
        assert_eq!(
            super::trim_text("Work began. The provider is being sought now", 20).as_deref(),
            Some("Work began. The…")
        );
        assert_eq!(
            super::trim_text("Training is being sought. More", 26).as_deref(),
            Some("Training is being sought…")
        );
    }
}
