//! The Markdown view's limits: a small report whole, a large one cut at a row with a note.

use super::*;
use crate::report::{ActionRef, Point, Report, Stale, Totals};

/// A report with `n` open actions not updated, each with a long update (shared with `view`).
pub(crate) fn big(n: usize) -> Report {
    let stale = (0..n)
        .map(|i| Stale {
            action: ActionRef {
                plan: format!("plan-{i}"),
                plan_title: format!("Plan {i}"),
                action: format!("{i}"),
                title: "A long title | with a pipe ".repeat(3),
                file: "plans/x.toml".into(),
                leads: vec!["Head of Service".into()],
                rating_then: None,
                rating_now: None,
                due_date: None,
                due_as_written: None,
                latest_update: Some(crate::report::LatestUpdate {
                    date: chrono::NaiveDate::from_ymd_opt(2015, 11, 30).expect("date"),
                    text: "Work continues. ".repeat(500),
                    by: None,
                }),
            },
            last_update: None,
            rating: None,
        })
        .collect();
    Report {
        title: "Board paper".into(),
        board: None,
        period: "June to September 2015".into(),
        command: "planlint report q1 q2".into(),
        narrative: Vec::new(),
        invalid: Default::default(),
        findings_included: true,
        from: Point {
            rev: "q1".into(),
            commit: None,
            date: None,
        },
        to: Point {
            rev: "q2".into(),
            commit: None,
            date: None,
        },
        as_of: chrono::NaiveDate::from_ymd_opt(2015, 12, 1).expect("date"),
        as_of_source: "as --as-of gives".into(),
        since: chrono::NaiveDate::from_ymd_opt(2015, 9, 30).expect("date"),
        since_source: "the commit date".into(),
        purpose: None,
        asks: Vec::new(),
        progress: Vec::new(),
        ratings: vec!["red".into()],
        totals: Totals::default(),
        plans: Vec::new(),
        transitions: Vec::new(),
        worsened: Vec::new(),
        improved: Vec::new(),
        newly_overdue: Vec::new(),
        slipped: Vec::new(),
        not_updated: stale,
        added: Vec::new(),
        completed: Vec::new(),
        withdrawn: Vec::new(),
        removed: Vec::new(),
        findings: Vec::new(),
        findings_summary: Default::default(),
        cycles: Vec::new(),
        unreadable: Vec::new(),
    }
}

#[test]
fn a_small_report_is_whole() {
    let md = render(&big(3));
    assert!(!md.contains("Truncated"));
    assert!(md.contains("A long title \\| with a pipe"), "{md}");
    assert!(md.contains("## Appendix C. Data quality"), "{md}");
    // an update in full, up to the size limit
    assert!(md.contains(&"Work continues. ".repeat(499)), "{md}");
}

#[test]
fn a_large_report_is_cut_at_a_row_with_a_note() {
    // long updates: ten rows of the list are more than GitHub takes
    let md = render(&big(2_000));
    assert!(md.chars().count() <= LIMIT, "{}", md.chars().count());
    assert!(md.contains("**Truncated**"));
    assert!(
        md.contains("more rows of *No update this cycle"),
        "{}",
        &md[md.len() - 600..]
    );
    assert!(md.contains("*Appendix C*"), "{}", &md[md.len() - 600..]);
    // every table line is whole
    for line in md.lines().filter(|l| l.starts_with('|')) {
        assert!(line.ends_with('|'), "{line}");
    }
}
