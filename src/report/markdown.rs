//! The Markdown view of a report: GitHub-flavoured, for a board paper or a pull-request comment.
//!
//! GitHub refuses comments over 65,536 characters, so a long report is cut at a row or section
//! boundary (tables stay valid) and ends with a note naming what was left out.

use super::{delta, short, symbol, ActionRef, Dist, Report, UNRATED};
use std::fmt::Write;

/// GitHub's limit on a comment or pull-request body, in characters.
pub const LIMIT: usize = 65_536;

/// Room kept for the truncation note.
const NOTE_ROOM: usize = 1_500;

/// One section: heading and intro, then table rows that may be cut, then its ending.
struct Block {
    title: String,
    head: String,
    rows: Vec<String>,
}

pub fn render(r: &Report) -> String {
    render_limited(r, LIMIT)
}

/// Renders within `limit` characters (bytes are counted, which is never fewer).
pub fn render_limited(r: &Report, limit: usize) -> String {
    let blocks = blocks(r);
    let full: usize = blocks
        .iter()
        .map(|b| b.head.len() + b.rows.iter().map(|x| x.len()).sum::<usize>() + 1)
        .sum();
    let mut out = String::with_capacity(full.min(limit) + 64);
    if full <= limit {
        for b in &blocks {
            out.push_str(&b.head);
            b.rows.iter().for_each(|x| out.push_str(x));
            out.push('\n');
        }
        return out;
    }
    let budget = limit.saturating_sub(NOTE_ROOM);
    let mut cut: Option<(String, usize)> = None;
    let mut left_out: Vec<&str> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if cut.is_some() || out.len() + b.head.len() > budget {
            left_out.extend(blocks[i..].iter().map(|b| b.title.as_str()));
            break;
        }
        out.push_str(&b.head);
        for (n, row) in b.rows.iter().enumerate() {
            if out.len() + row.len() > budget {
                cut = Some((b.title.clone(), b.rows.len() - n));
                break;
            }
            out.push_str(row);
        }
        out.push('\n');
    }
    let mut parts = Vec::new();
    if let Some((title, n)) = &cut {
        parts.push(format!("{n} more rows of *{title}*"));
    }
    if !left_out.is_empty() {
        let names: Vec<String> = left_out.iter().map(|t| format!("*{t}*")).collect();
        parts.push(format!("the sections {}", names.join(", ")));
    }
    let _ = writeln!(
        out,
        "> [!NOTE]\n> **Truncated** to fit GitHub's limit of {LIMIT} characters. Left out: {}. \
         `--format html` or `--format json` gives the whole report.",
        parts.join("; ")
    );
    out
}

/// Escapes text for a table cell: pipes, line breaks, control characters, and characters
/// Markdown would act on (`plan::escape::markdown_cell`).
pub fn cell(s: &str) -> String {
    crate::plan::escape::markdown_cell(s)
}

/// An inline code span (a revision, a rule) that is safe in a table cell.
pub fn code(s: &str) -> String {
    crate::plan::escape::markdown_code(s)
}

fn rating(r: &str) -> String {
    format!("{} {}", symbol(r), cell(r))
}

fn opt_rating(r: Option<&str>) -> String {
    rating(r.unwrap_or(UNRATED))
}

fn block(title: &str, head: String, rows: Vec<String>, empty: &str) -> Block {
    let head = if rows.is_empty() {
        format!("{head}{empty}\n")
    } else {
        head
    };
    Block {
        title: title.to_string(),
        head,
        rows,
    }
}

fn action_cells(a: &ActionRef) -> String {
    format!(
        "| {} | {} | {} ",
        cell(&a.plan),
        cell(&a.action),
        cell(&a.title)
    )
}

fn list(title: &str, intro: &str, actions: &[ActionRef]) -> Block {
    let head = format!(
        "### {title} ({})\n\n{intro}{}",
        actions.len(),
        if actions.is_empty() {
            ""
        } else {
            "| Plan | Action | Title |\n|---|---|---|\n"
        }
    );
    let rows = actions
        .iter()
        .map(|a| format!("{}|\n", action_cells(a)))
        .collect();
    block(title, head, rows, "None.\n")
}

/// A table header: the leading columns, one column per rating, then optionally a total.
fn dist_header(ratings: &[String], first: &[&str], total: bool) -> String {
    let mut h = String::from("|");
    let mut line = String::from("|");
    for f in first {
        let _ = write!(h, " {f} |");
        line.push_str("---|");
    }
    for r in ratings {
        let _ = write!(h, " {} |", rating(r));
        line.push_str("--:|");
    }
    if total {
        h.push_str(" Total |");
        line.push_str("--:|");
    }
    format!("{h}\n{line}\n")
}

fn blocks(r: &Report) -> Vec<Block> {
    let (from, to) = (&r.from.rev, &r.to.rev);
    let mut v = Vec::new();

    let mut head = format!(
        "# Review-cycle report: {} → {}\n\nFrom {} ({}{}) to {} ({}{}), as of {}. {} plans, {} actions now.\n\n",
        code(from),
        code(to),
        code(from),
        short(&r.from.commit),
        r.from.date.map(|d| format!(", {d}")).unwrap_or_default(),
        code(to),
        short(&r.to.commit),
        r.to.date.map(|d| format!(", {d}")).unwrap_or_default(),
        r.as_of,
        r.plans.iter().filter(|p| p.to.is_some()).count(),
        r.totals.to.total,
    );
    let _ = write!(
        head,
        "**{} worsened**, {} improved, {} newly overdue, {} due dates slipped, {} not updated since {}, {} added, {} completed, {} withdrawn. Linter at {}: {} errors, {} warnings.\n\n",
        r.worsened.len(),
        r.improved.len(),
        r.newly_overdue.len(),
        r.slipped.len(),
        r.not_updated.len(),
        code(from),
        r.added.len(),
        r.completed.len(),
        r.withdrawn.len(),
        code(to),
        r.findings_summary.error,
        r.findings_summary.warning,
    );
    let _ = write!(
        head,
        "## Ratings\n\n| Rating | At {} | Now | Change |\n|---|--:|--:|--:|\n",
        code(from)
    );
    let rows = r
        .ratings
        .iter()
        .map(|k| {
            let (a, b) = (r.totals.from.get(k), r.totals.to.get(k));
            format!("| {} | {a} | {b} | {} |\n", rating(k), delta(a, b))
        })
        .chain(std::iter::once(format!(
            "| **Total** | {} | {} | {} |\n",
            r.totals.from.total,
            r.totals.to.total,
            delta(r.totals.from.total, r.totals.to.total)
        )))
        .collect();
    v.push(block("Ratings", head, rows, ""));

    let head = format!(
        "### By plan\n\nEach cell: at {} → now.\n\n{}",
        code(from),
        dist_header(&r.ratings, &["Plan"], true)
    );
    let pair = |a: Option<&Dist>, b: Option<&Dist>, k: Option<&str>| {
        let (x, y) = Dist::then_now(a, b, k);
        if x == y {
            x
        } else {
            format!("{x} → {y}")
        }
    };
    let rows = r
        .plans
        .iter()
        .map(|p| {
            let mut row = format!("| {} ", cell(&p.plan));
            for k in &r.ratings {
                let _ = write!(row, "| {} ", pair(p.from.as_ref(), p.to.as_ref(), Some(k)));
            }
            let _ = writeln!(row, "| {} |", pair(p.from.as_ref(), p.to.as_ref(), None));
            row
        })
        .collect();
    v.push(block("By plan", head, rows, "No plans.\n"));

    if !r.cycles.is_empty() {
        let head = format!(
            "## Trend over {} review cycles\n\n{}",
            r.cycles.len(),
            dist_header(&r.ratings, &["Cycle", "Date"], true)
        );
        let rows = r
            .cycles
            .iter()
            .map(|c| {
                let mut row = format!(
                    "| {} | {} ",
                    code(&c.tag),
                    c.date.map(|d| d.to_string()).unwrap_or_default()
                );
                for k in &r.ratings {
                    let _ = write!(row, "| {} ", c.counts.get(k));
                }
                let _ = writeln!(row, "| {} |", c.counts.total);
                row
            })
            .collect();
        v.push(block("Trend", head, rows, ""));
    }

    let mut head = String::from(
        "## Rating transitions\n\nActions at both ends, by rating then (rows) and now (columns).\n\n",
    );
    head.push_str(&dist_header(&r.ratings, &["Then ↓ / now →"], false));
    let rows = r
        .ratings
        .iter()
        .filter(|k| r.transitions.iter().any(|t| &t.from == *k))
        .map(|k| {
            let mut row = format!("| {} ", rating(k));
            for j in &r.ratings {
                let n = r
                    .transitions
                    .iter()
                    .find(|t| &t.from == k && &t.to == j)
                    .map_or(0, |t| t.count);
                match n {
                    0 => row.push_str("| · "),
                    n if k == j => {
                        let _ = write!(row, "| {n} ");
                    }
                    n => {
                        let _ = write!(row, "| **{n}** ");
                    }
                }
            }
            row.push_str("|\n");
            row
        })
        .collect();
    v.push(block(
        "Rating transitions",
        head,
        rows,
        "No action exists at both ends.\n",
    ));

    for (title, list_of, intro) in [
        (
            "Worsened",
            &r.worsened,
            "Worst first: the lowest rating now, then the longest fall.\n\n",
        ),
        ("Improved", &r.improved, ""),
    ] {
        let head = format!(
            "### {title} ({})\n\n{intro}{}",
            list_of.len(),
            if list_of.is_empty() {
                ""
            } else {
                "| Plan | Action | Title | Was | Now |\n|---|---|---|---|---|\n"
            }
        );
        let rows = list_of
            .iter()
            .map(|m| {
                format!(
                    "{}| {} | **{}** |\n",
                    action_cells(&m.action),
                    rating(&m.from),
                    rating(&m.to)
                )
            })
            .collect();
        v.push(block(title, head, rows, "None.\n"));
    }

    let head = format!(
        "## Newly overdue ({})\n\nOpen actions due from {} up to {}.\n\n{}",
        r.newly_overdue.len(),
        r.from
            .date
            .map_or_else(|| r.as_of.to_string(), |d| d.to_string()),
        r.as_of,
        if r.newly_overdue.is_empty() {
            ""
        } else {
            "| Plan | Action | Title | Due | Days overdue | Rating |\n|---|---|---|---|--:|---|\n"
        }
    );
    let rows = r
        .newly_overdue
        .iter()
        .map(|o| {
            format!(
                "{}| {} | {} | {} |\n",
                action_cells(&o.action),
                due_cell(&o.due.to_string(), &o.due_text),
                o.days_overdue,
                opt_rating(o.rating.as_deref())
            )
        })
        .collect();
    v.push(block("Newly overdue", head, rows, "None.\n"));

    let head = format!(
        "## Due dates that slipped ({})\n\n{}",
        r.slipped.len(),
        if r.slipped.is_empty() {
            ""
        } else {
            "| Plan | Action | Title | Was due | Now due | Slipped by |\n|---|---|---|---|---|--:|\n"
        }
    );
    let rows = r
        .slipped
        .iter()
        .map(|s| {
            format!(
                "{}| {} | {} | {} days |\n",
                action_cells(&s.action),
                due_cell(&s.from.to_string(), &s.from_text),
                due_cell(&s.to.to_string(), &s.to_text),
                s.days
            )
        })
        .collect();
    v.push(block("Due dates that slipped", head, rows, "None.\n"));

    let head = format!(
        "## Not updated since {} ({})\n\nOpen actions with no update dated after {}.\n\n{}",
        code(from),
        r.not_updated.len(),
        r.from
            .date
            .map_or_else(|| "FROM (no commit date)".to_string(), |d| d.to_string()),
        if r.not_updated.is_empty() {
            ""
        } else {
            "| Plan | Action | Title | Last update | Rating |\n|---|---|---|---|---|\n"
        }
    );
    let rows = r
        .not_updated
        .iter()
        .map(|s| {
            format!(
                "{}| {} | {} |\n",
                action_cells(&s.action),
                s.last_update.map_or("never".to_string(), |d| d.to_string()),
                opt_rating(s.rating.as_deref())
            )
        })
        .collect();
    v.push(block("Not updated", head, rows, "None.\n"));

    v.push(Block {
        title: "Actions".into(),
        head: "## Actions added, completed, withdrawn and removed\n".into(),
        rows: Vec::new(),
    });
    v.push(list("Added", "", &r.added));
    v.push(list("Completed", "", &r.completed));
    v.push(list("Withdrawn", "", &r.withdrawn));
    v.push(list(
        "Removed",
        "Gone from the plans (not marked withdrawn).\n\n",
        &r.removed,
    ));

    let s = &r.findings_summary;
    v.push(block(
        "Findings",
        format!(
            "## Findings at {}\n\n{} errors, {} warnings, {} notes; `planlint explain RULE` says what each rule means.\n",
            code(to),
            s.error,
            s.warning,
            s.info
        ),
        Vec::new(),
        "",
    ));
    for g in &r.findings {
        let head = format!(
            "### {} ({}, {})\n\n| File | Line | Plan | Action | Message |\n|---|--:|---|---|---|\n",
            code(&g.rule),
            g.severity,
            g.count
        );
        let rows = g
            .findings
            .iter()
            .map(|f| {
                format!(
                    "| {} | {}:{} | {} | {} | {} |\n",
                    cell(&f.file),
                    f.line,
                    f.column,
                    cell(f.plan.as_deref().unwrap_or("")),
                    cell(f.action.as_deref().unwrap_or("")),
                    cell(&f.message)
                )
            })
            .collect();
        v.push(block(&format!("Findings: {}", g.rule), head, rows, ""));
    }

    if !r.unreadable.is_empty() {
        let head = format!(
            "## Left out\n\n{} could not be read as plans:\n\n",
            match r.unreadable.len() {
                1 => "1 file".to_string(),
                n => format!("{n} files"),
            }
        );
        let rows = r
            .unreadable
            .iter()
            .map(|u| format!("- {}\n", cell(u)))
            .collect();
        v.push(block("Left out", head, rows, ""));
    }
    v
}

/// A due date with the text the plan was written with, when that differs.
fn due_cell(date: &str, text: &str) -> String {
    if date == text {
        date.to_string()
    } else {
        format!("{date} ({})", cell(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ActionRef, Point, Report, Stale, Totals};

    fn big(n: usize) -> Report {
        let stale = (0..n)
            .map(|i| Stale {
                action: ActionRef {
                    plan: format!("plan-{i}"),
                    action: format!("{i}"),
                    title: "A long title | with a pipe ".repeat(3),
                    file: "plans/x.toml".into(),
                },
                last_update: None,
                rating: None,
            })
            .collect();
        Report {
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
            ratings: vec!["red".into(), UNRATED.into()],
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
        assert!(md.contains("## Findings at `q2`"));
    }

    #[test]
    fn a_large_report_is_cut_at_a_row_with_a_note() {
        let md = render(&big(2_000));
        assert!(md.chars().count() <= LIMIT, "{}", md.chars().count());
        assert!(md.contains("**Truncated**"));
        assert!(
            md.contains("more rows of *Not updated*"),
            "{}",
            &md[md.len() - 600..]
        );
        assert!(md.contains("*Findings*"));
        // every table line is whole
        for line in md.lines().filter(|l| l.starts_with('|')) {
            assert!(line.ends_with('|'), "{line}");
        }
    }
}
