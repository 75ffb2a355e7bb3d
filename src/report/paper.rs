//! What every view of the paper says the same way, in plain text: the window's dates with
//! their sources, the board framing, and the progress reported grouped by plan and section.
//! Markdown, HTML and Word take their words from here, so the three papers cannot disagree.

use super::{long_date, short, Progress, Report};

/// The window in words, with where each end came from: "From 30 November 2016 (the plans'
/// update date) to 28 February 2017 (the date of the latest progress update)."
pub fn dates_line(r: &Report) -> String {
    format!(
        "From {} ({}) to {} ({}).",
        long_date(r.since),
        r.since_source,
        long_date(r.as_of),
        r.as_of_source
    )
}

/// Where the plans came from: the revisions and their commits (not the commit dates: a plan
/// committed today may speak of another year, and the dates line says which dates count).
pub fn source_line(r: &Report) -> String {
    format!(
        "Source: the plan files in git, from {} ({}) to {} ({}); {}, {} now.",
        r.from.rev,
        short(&r.from.commit),
        r.to.rev,
        short(&r.to.commit),
        super::count(
            r.plans.iter().filter(|p| p.to.is_some()).count(),
            "plan",
            "plans"
        ),
        super::count(r.totals.to.total, "action", "actions")
    )
}

/// The board's asks introduced: "The board is asked to:".
pub const ASKS: &str = "The board is asked to:";

/// The heading of the progress section, and its intro.
pub const PROGRESS: &str = "Progress reported this cycle";

pub fn progress_intro(r: &Report) -> String {
    format!(
        "Every progress update dated between {} and {}, or recorded since the last review, by plan and section, in full.",
        long_date(r.since),
        long_date(r.as_of)
    )
}

/// The heading of the list of open actions with no progress reported.
pub fn stale_heading(r: &Report) -> String {
    format!("No update this cycle ({})", r.not_updated.len())
}

pub fn stale_intro(r: &Report) -> String {
    format!(
        "Open actions with no progress reported between {} and {}; the oldest latest update first.",
        long_date(r.since),
        long_date(r.as_of)
    )
}

/// An update's date line: "28 Feb 2017, Jo Bloggs", with "dated 2 Nov 2016, recorded after
/// the last board" when it was committed late.
pub fn update_when(p: &Progress) -> String {
    let by =
        p.by.as_deref()
            .map(|b| format!(", {b}"))
            .unwrap_or_default();
    if p.recorded_late {
        format!(
            "dated {}{by}, recorded after the last review",
            super::short_date(p.date)
        )
    } else {
        format!("{}{by}", super::short_date(p.date))
    }
}

/// One section of one plan's progress.
pub struct Section<'a> {
    /// The section's title (or id), `None` for actions in no section.
    pub title: Option<String>,
    pub updates: Vec<&'a Progress>,
}

/// One plan's progress, section by section.
pub struct Plan<'a> {
    pub title: String,
    pub sections: Vec<Section<'a>>,
}

/// The first `limit` updates of the progress reported, grouped by plan and section in the order
/// `build` sorted them.
pub fn progress_groups(r: &Report, limit: usize) -> Vec<Plan<'_>> {
    let mut plans: Vec<Plan<'_>> = Vec::new();
    let mut last: Option<(&str, Option<&str>)> = None;
    for p in r.progress.iter().take(limit) {
        let key = (p.action.plan.as_str(), p.section.as_deref());
        if last.map(|l| l.0) != Some(key.0) {
            plans.push(Plan {
                title: p.action.plan_title.clone(),
                sections: Vec::new(),
            });
        }
        let plan = plans.last_mut().expect("pushed above");
        if last != Some(key) {
            plan.sections.push(Section {
                title: p
                    .section_title
                    .clone()
                    .or_else(|| p.section.clone())
                    .filter(|_| p.section.is_some()),
                updates: Vec::new(),
            });
        }
        if let Some(s) = plan.sections.last_mut() {
            s.updates.push(p);
        }
        last = Some(key);
    }
    plans
}
