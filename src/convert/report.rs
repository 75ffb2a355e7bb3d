//! What import tells the user: the file and tables read, each column and where it went (and
//! the ones left out), counts, every row skipped or joined, and the check of the result. One
//! `Report`, two views: text for a person on stderr, JSON for tools.

use crate::plan::finding::{Severity, Summary};
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub file: String,
    /// "Word document", "workbook", "text file".
    pub kind: String,
    /// What was read: "table 1", "tables 1–7", "sheet \"Actions\"".
    pub read: String,
    /// Where the header is: "row 1", "row 3".
    pub header: String,
    pub columns: Vec<ColumnReport>,
    pub notes: Vec<String>,
    /// Every lead cell split into several leads, so a wrong split is easy to see.
    pub splits: Vec<Split>,
    /// Every status import inferred (from an update's words, or a rating cell saying
    /// "Complete").
    pub inferred: Vec<Inferred>,
    /// Every rating read from a cell's colour, and every colour that disagreed with words.
    pub colours: Vec<ColourRead>,
    pub rows: Vec<RowEvent>,
    pub counts: Counts,
    pub plan: PlanReport,
    /// Where the plan went: a path, or "-" for standard output.
    pub output: String,
    pub check: CheckReport,
    /// The plan's text, in JSON when it went to standard output (so the two do not mix).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_text: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ColumnReport {
    pub header: String,
    /// The field it went to; `None` when it was left out.
    pub field: Option<String>,
    /// An update column's date and where it came from, or why the column was left out.
    pub note: Option<String>,
    /// How sure import is of the field, 0–100: 100 for an exact usual name or `--map`, lower
    /// for a header matched on some of its words. `None` for a column left out.
    pub confidence: Option<u8>,
}

/// One lead cell split into several leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Split {
    pub place: String,
    pub action: String,
    /// The cell as written.
    pub from: String,
    pub into: Vec<String>,
}

/// One status import decided that no status cell gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inferred {
    pub place: String,
    pub action: String,
    pub status: String,
    /// Why: the words read ("the update says \"Action complete\"").
    pub because: String,
}

/// One rating read from a colour, or a colour that disagreed with the cell's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColourRead {
    pub place: String,
    pub action: Option<String>,
    /// The colour as `#RRGGBB`.
    pub colour: String,
    /// "fill" or "text".
    pub from: &'static str,
    /// The rating the colour reads as, when it reads as one.
    pub rating: Option<String>,
    /// What was done: "rating from colour", "words kept: the colour reads as green", …
    pub note: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub actions: usize,
    pub sections: usize,
    pub themes: usize,
    pub updates: usize,
    pub milestones: usize,
    pub joined: usize,
    pub skipped: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanReport {
    pub id: String,
    pub title: String,
    /// Where the title came from ("--title", "the Plan column", "the file name", …).
    pub title_from: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    pub as_of: String,
    pub summary: crate::plan::finding::Summary,
    /// Findings counted by rule, most severe first.
    pub rules: Vec<RuleCount>,
    pub findings: Vec<FindingBrief>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleCount {
    pub rule: String,
    pub severity: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingBrief {
    pub rule: String,
    pub severity: String,
    pub line: usize,
    pub column: usize,
    pub action: Option<String>,
    pub message: String,
}

/// The report as JSON (one object, pretty-printed).
pub fn json(r: &Report) -> String {
    let mut s = serde_json::to_string_pretty(r).expect("a report is plain data and serialises");
    s.push('\n');
    s
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The report for a person, as lines for stderr.
pub fn human(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "read {} ({}): {}, header in {}",
        r.file, r.kind, r.read, r.header
    );
    let width = r
        .columns
        .iter()
        .map(|c| c.header.chars().count().min(40))
        .max()
        .unwrap_or(0);
    o.push_str("columns:\n");
    for c in r.columns.iter().filter(|c| c.field.is_some()) {
        let h = super::table::short(&c.header, 40);
        let pad = width.saturating_sub(h.chars().count());
        let _ = write!(
            o,
            "  {h}{} -> {}",
            " ".repeat(pad),
            c.field.as_deref().unwrap_or("")
        );
        let mut why: Vec<String> = Vec::new();
        if let Some(n) = c.confidence.filter(|n| *n < 100) {
            why.push(format!("{n}% sure"));
        }
        if let Some(n) = &c.note {
            why.push(n.clone());
        }
        if !why.is_empty() {
            let _ = write!(o, " ({})", why.join("; "));
        }
        o.push('\n');
    }
    let left: Vec<&ColumnReport> = r.columns.iter().filter(|c| c.field.is_none()).collect();
    if left.is_empty() {
        o.push_str("left out: no column\n");
    } else {
        o.push_str("left out:\n");
        for c in left {
            let _ = writeln!(
                o,
                "  {} ({})",
                super::table::short(&c.header, 40),
                c.note.as_deref().unwrap_or("not read")
            );
        }
    }
    for n in &r.notes {
        let _ = writeln!(o, "note: {n}");
    }
    if !r.splits.is_empty() {
        let _ = writeln!(o, "leads split ({}):", r.splits.len());
        for s in &r.splits {
            let _ = writeln!(
                o,
                "  {} (action {}): \"{}\" -> {}",
                s.place,
                s.action,
                super::table::short(&s.from, 60),
                s.into
                    .iter()
                    .map(|l| format!("\"{l}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    if !r.inferred.is_empty() {
        let _ = writeln!(o, "statuses inferred ({}):", r.inferred.len());
        for i in &r.inferred {
            let _ = writeln!(
                o,
                "  {} (action {}): {}, because {}",
                i.place, i.action, i.status, i.because
            );
        }
    }
    if !r.colours.is_empty() {
        let _ = writeln!(o, "colours read ({}):", r.colours.len());
        for c in &r.colours {
            let action = c
                .action
                .as_deref()
                .map_or_else(String::new, |a| format!(" (action {a})"));
            let reads = c
                .rating
                .as_deref()
                .map_or_else(String::new, |r| format!(" -> {r}"));
            let _ = writeln!(
                o,
                "  {}{action}: {} {}{reads}: {}",
                c.place, c.from, c.colour, c.note
            );
        }
    }
    if !r.rows.is_empty() {
        o.push_str("rows:\n");
        for e in &r.rows {
            let _ = writeln!(o, "  {}: {}: {}", e.place, e.what, e.message);
        }
    }
    let c = &r.counts;
    let _ = writeln!(
        o,
        "found {} in {}, {}, {}, {}; {} joined, {} skipped",
        plural(c.actions, "action", "actions"),
        plural(c.sections, "section", "sections"),
        plural(c.themes, "theme", "themes"),
        plural(c.updates, "update", "updates"),
        plural(c.milestones, "milestone", "milestones"),
        plural(c.joined, "row", "rows"),
        plural(c.skipped, "row", "rows"),
    );
    let _ = writeln!(
        o,
        "plan {}: \"{}\" (title from {})",
        r.plan.id, r.plan.title, r.plan.title_from
    );
    if r.output == "-" {
        o.push_str("wrote the plan to standard output\n");
    } else {
        let _ = writeln!(o, "wrote {}", r.output);
    }
    let s = &r.check.summary;
    let _ = write!(
        o,
        "check (as of {}): {}, {}, {}",
        r.check.as_of,
        plural(s.error, "error", "errors"),
        plural(s.warning, "warning", "warnings"),
        plural(s.info, "info", "infos"),
    );
    if r.check.rules.is_empty() {
        o.push('\n');
    } else {
        let by: Vec<String> = r
            .check
            .rules
            .iter()
            .map(|rc| format!("{} ×{}", rc.rule, rc.count))
            .collect();
        let _ = writeln!(o, " ({})", by.join(", "));
        if r.output != "-" {
            let _ = writeln!(
                o,
                "run `{}` to see each finding",
                crate::plan::escape::shell_line(&["planlint", "check", &r.output])
            );
        }
    }
    o
}

/// What happened to one row that did not simply become an action.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowEvent {
    /// Where: "row 5", "table 2, row 5", "line 5".
    pub place: String,
    /// `skipped` (not imported), `joined` (added to the action above), `left-out` (a value of
    /// the row that could not be placed) or `heading` (a numbered row read as a theme).
    pub what: &'static str,
    pub action: Option<String>,
    pub message: String,
}

/// The import report's account of the check of what was imported: counts by rule, most
/// severe first, and every finding in brief.
pub(super) fn check_report(outcome: &crate::lint::check::Outcome) -> CheckReport {
    let mut rules: Vec<RuleCount> = Vec::new();
    for f in &outcome.findings {
        match rules.iter_mut().find(|r| r.rule == f.rule) {
            Some(r) => r.count += 1,
            None => rules.push(RuleCount {
                rule: f.rule.to_string(),
                severity: f.severity.as_str().to_string(),
                count: 1,
            }),
        }
    }
    let rank = |s: &str| Severity::parse(s).unwrap_or(Severity::Info);
    rules.sort_by(|a, b| {
        rank(&b.severity)
            .cmp(&rank(&a.severity))
            .then(b.count.cmp(&a.count))
            .then(a.rule.cmp(&b.rule))
    });
    CheckReport {
        as_of: outcome.as_of.to_string(),
        summary: Summary::of(&outcome.findings),
        rules,
        findings: outcome
            .findings
            .iter()
            .map(|f| FindingBrief {
                rule: f.rule.to_string(),
                severity: f.severity.as_str().to_string(),
                line: f.line,
                column: f.column,
                action: f.action.clone(),
                message: f.message.clone(),
            })
            .collect(),
    }
}
