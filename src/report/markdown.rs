//! The Markdown view of a report: GitHub-flavoured, for a board paper or a pull-request comment.
//!
//! GitHub refuses comments over 65,536 characters, so a long report is cut at a row or section
//! boundary (tables stay valid) and ends with a note naming what was left out.

use super::narrative::span;
use super::paper;
use super::{
    count, delta, long_date, short_date, symbol, ActionRef, Column, Dist, Report, INVALID, ROWS,
};
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

/// An inline code span outside a table, for a command to copy: the text exactly as given (a
/// backtick or a pipe in it stays itself, where `code` would change it and so change the command
/// pasted), between runs of backticks longer than any run inside it, with a blank at each end
/// when the text has a backtick (CommonMark takes one blank off each end again).
fn code_span(s: &str) -> String {
    let s = crate::plan::escape::line(s);
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if longest > 0 || (s.starts_with(' ') && s.ends_with(' ')) {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

fn rating(r: &str) -> String {
    format!("{} {}", symbol(r), cell(r))
}

/// A rating in a row: a scale rating with its symbol; none, or a value off the scale, as "not
/// rated" (with the value).
fn row_rating(r: &Report, k: Option<&str>) -> String {
    match k {
        Some(k) if r.ratings.iter().any(|x| x == k) => rating(k),
        Some(k) => format!("⚪ not rated (“{}”)", cell(k)),
        None => "⚪ not rated".into(),
    }
}

fn then_now(r: &Report, a: &ActionRef) -> String {
    if a.rating_then == a.rating_now {
        row_rating(r, a.rating_now.as_deref())
    } else {
        format!(
            "{} → **{}**",
            row_rating(r, a.rating_then.as_deref()),
            row_rating(r, a.rating_now.as_deref())
        )
    }
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

fn action_cell(a: &ActionRef) -> String {
    format!(
        "{}: **{}** {}",
        cell(&a.plan_title),
        cell(&a.action),
        cell(&a.title)
    )
}

fn leads_cell(a: &ActionRef) -> String {
    if a.leads.is_empty() {
        "*no lead named*".into()
    } else {
        a.leads
            .iter()
            .map(|l| cell(l))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

fn due_of(date: Option<chrono::NaiveDate>, text: Option<&str>) -> String {
    match (date, text) {
        (Some(d), Some(t)) => due_cell(&short_date(d), &d.to_string(), t),
        (Some(d), None) => short_date(d),
        (None, Some(t)) => format!("“{}”", cell(t)),
        (None, None) => "none".into(),
    }
}

fn update_cell(a: &ActionRef) -> String {
    match &a.latest_update {
        None => "*no update recorded*".into(),
        Some(u) => format!(
            "**{}**{}: {}",
            short_date(u.date),
            u.by.as_deref()
                .map(|b| format!(", {}", cell(b)))
                .unwrap_or_default(),
            cell(&u.text)
        ),
    }
}

const ROW_HEAD: &str =
    "| Action | Lead | Rating then → now | Due | Latest update |\n|---|---|---|---|---|\n";

/// "… and N more" under a list cut at `ROWS`.
fn more(n: usize, what: &str) -> Vec<String> {
    if n == 0 {
        Vec::new()
    } else {
        vec![format!(
            "\n*… and {n} more {}, not shown here; `--format json` lists them all.*\n",
            if n == 1 {
                what.to_string()
            } else {
                format!("{what}s")
            }
        )]
    }
}

/// An action list as a section: the heading (with an anchor the summary links to), an intro,
/// and at most `ROWS` rows.
fn actions<T>(
    r: &Report,
    (level, id, title): (&str, &str, String),
    intro: &str,
    list: &[T],
    get: impl Fn(&T) -> &ActionRef,
    due: impl Fn(&T) -> String,
    head: &str,
) -> Block {
    let head = format!(
        "<a id=\"{id}\"></a>\n\n{level} {title}\n\n{intro}{}",
        if list.is_empty() { "" } else { head }
    );
    let mut rows: Vec<String> = list
        .iter()
        .take(ROWS)
        .map(|x| {
            let a = get(x);
            format!(
                "| {} | {} | {} | {} | {} |\n",
                action_cell(a),
                leads_cell(a),
                then_now(r, a),
                due(x),
                update_cell(a)
            )
        })
        .collect();
    rows.extend(more(list.len().saturating_sub(ROWS), "action"));
    block(&title, head, rows, "None.\n")
}

/// Progress reported this cycle, the paper's main content: a heading per plan, a table per
/// section, every update whole (at most `PROGRESS_MARKDOWN_ROWS`, so a comment keeps the other
/// sections; one block, so a cut names it once).
fn progress(r: &Report) -> Block {
    let head = format!(
        "<a id=\"progress\"></a>\n\n## {} ({})\n\n{}\n\n{}",
        paper::PROGRESS,
        r.progress.len(),
        paper::progress_intro(r),
        if r.progress.is_empty() { "None.\n" } else { "" }
    );
    let mut rows = Vec::new();
    for plan in paper::progress_groups(r, super::PROGRESS_MARKDOWN_ROWS) {
        rows.push(format!("### {}\n", cell(&plan.title)));
        for sec in &plan.sections {
            let mut intro = String::from("\n");
            if let Some(t) = &sec.title {
                let _ = write!(intro, "**{}**\n\n", cell(t));
            }
            intro.push_str(
                "| Action | Lead | Rating then → now | Progress reported |\n|---|---|---|---|\n",
            );
            rows.push(intro);
            for p in &sec.updates {
                rows.push(format!(
                    "| **{}** {} | {} | {} | **{}**: {} |\n",
                    cell(&p.action.action),
                    cell(&p.action.title),
                    leads_cell(&p.action),
                    then_now(r, &p.action),
                    cell(&paper::update_when(p)),
                    cell(&p.text)
                ));
            }
            rows.push("\n".into());
        }
    }
    rows.extend(more(
        r.progress
            .len()
            .saturating_sub(super::PROGRESS_MARKDOWN_ROWS),
        "update",
    ));
    Block {
        title: paper::PROGRESS.into(),
        head,
        rows,
    }
}

/// A table header: the leading columns, one column per rating, the no-valid-rating group, then
/// optionally a total.
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
    let _ = write!(h, " ⚪ {INVALID} |");
    line.push_str("--:|");
    if total {
        h.push_str(" Total |");
        line.push_str("--:|");
    }
    format!("{h}\n{line}\n")
}

fn blocks(r: &Report) -> Vec<Block> {
    let mut v = Vec::new();
    let since = long_date(r.since);

    let mut head = String::new();
    if let Some(b) = &r.board {
        let _ = write!(head, "*{}*\n\n", cell(b));
    }
    let _ = write!(
        head,
        "# {}\n\n**{}** · position as of {}\n\n<sub>{} {}</sub>\n\n",
        cell(&r.title),
        cell(&r.period),
        long_date(r.as_of),
        cell(&paper::dates_line(r)),
        cell(&paper::source_line(r)),
    );
    if let Some(p) = &r.purpose {
        let _ = write!(head, "{}\n\n", cell(p));
    }
    if !r.asks.is_empty() {
        let _ = write!(head, "{}\n\n", paper::ASKS);
        for a in &r.asks {
            let _ = writeln!(head, "- {}", cell(a));
        }
        head.push('\n');
    }
    head.push_str("## Summary\n\n");
    for n in &r.narrative {
        let _ = writeln!(head, "- [{}](#{})", cell(&n.text), n.section);
    }
    let _ = write!(
        head,
        "\n<a id=\"ratings\"></a>\n\n### Ratings then and now\n\n| Rating | On {} | Now | Change |\n|---|--:|--:|--:|\n",
        cell(&since)
    );
    let mut rows: Vec<String> = r
        .ratings
        .iter()
        .map(|k| {
            let (a, b) = (r.totals.from.get(Some(k)), r.totals.to.get(Some(k)));
            format!("| {} | {a} | {b} | {} |\n", rating(k), delta(a, b))
        })
        .collect();
    let (a, b) = (r.totals.from.invalid, r.totals.to.invalid);
    rows.push(format!(
        "| ⚪ *{INVALID}* (apart from the scale) | {a} | {b} | {} |\n",
        delta(a, b)
    ));
    rows.push(format!(
        "| **Total** | {} | {} | {} |\n",
        r.totals.from.total,
        r.totals.to.total,
        delta(r.totals.from.total, r.totals.to.total)
    ));
    v.push(block("Summary", head, rows, ""));

    let head = format!(
        "### By plan\n\nEach cell: then → now.\n\n{}",
        dist_header(&r.ratings, &["Plan"], true)
    );
    let pair = |a: Option<&Dist>, b: Option<&Dist>, k: Column<'_>| {
        let (x, y) = Dist::then_now(a, b, k);
        if x == y {
            x
        } else {
            format!("{x} → {y}")
        }
    };
    let mut plans: Vec<&super::PlanRow> = r.plans.iter().collect();
    let worst = r.ratings.first().map(String::as_str);
    plans.sort_by_key(|p| {
        let d = p.to.as_ref();
        (
            std::cmp::Reverse(d.map_or(0, |d| d.get(worst))),
            std::cmp::Reverse(d.map_or(0, |d| d.invalid)),
            p.title.clone(),
        )
    });
    let mut rows: Vec<String> = plans
        .iter()
        .take(ROWS)
        .map(|p| {
            let mut row = format!("| {} ", cell(&p.title));
            for k in &r.ratings {
                let _ = write!(
                    row,
                    "| {} ",
                    pair(p.from.as_ref(), p.to.as_ref(), Column::Rating(k))
                );
            }
            let _ = write!(
                row,
                "| {} ",
                pair(p.from.as_ref(), p.to.as_ref(), Column::Invalid)
            );
            let _ = writeln!(
                row,
                "| {} |",
                pair(p.from.as_ref(), p.to.as_ref(), Column::Total)
            );
            row
        })
        .collect();
    rows.extend(more(r.plans.len().saturating_sub(ROWS), "plan"));
    v.push(block("By plan", head, rows, "No plans.\n"));

    if r.cycles.len() >= 3 {
        let shown = &r.cycles[r.cycles.len().saturating_sub(12)..];
        let head = format!(
            "<a id=\"trend\"></a>\n\n### Trend over {} review cycles\n\n{}",
            r.cycles.len(),
            dist_header(&r.ratings, &["Cycle", "Date"], true)
        );
        let mut rows: Vec<String> = Vec::new();
        if shown.len() < r.cycles.len() {
            rows.push(format!(
                "| *{} earlier cycles: see `--format json`* | | {}|\n",
                r.cycles.len() - shown.len(),
                "| ".repeat(r.ratings.len() + 2)
            ));
        }
        rows.extend(shown.iter().map(|c| {
            let mut row = format!(
                "| {} | {} ",
                code(&c.tag),
                c.date.map(|d| d.to_string()).unwrap_or_default()
            );
            for k in &r.ratings {
                let _ = write!(row, "| {} ", c.counts.get(Some(k)));
            }
            let _ = writeln!(row, "| {} | {} |", c.counts.invalid, c.counts.total);
            row
        }));
        v.push(block("Trend", head, rows, ""));
    }

    v.push(progress(r));
    v.push(Block {
        title: "What changed".into(),
        head: format!("## What changed since {}\n\n", cell(&since)),
        rows: Vec::new(),
    });
    let due_a = |a: &ActionRef| due_of(a.due_date, a.due_as_written.as_deref());
    v.push(actions(
        r,
        (
            "###",
            "worsened",
            format!("Ratings that got worse ({})", r.worsened.len()),
        ),
        "Worst first: the lowest rating now, then the longest fall.\n\n",
        &r.worsened,
        |m| &m.action,
        |m| due_a(&m.action),
        ROW_HEAD,
    ));
    v.push(actions(
        r,
        (
            "###",
            "improved",
            format!("Ratings that improved ({})", r.improved.len()),
        ),
        "",
        &r.improved,
        |m| &m.action,
        |m| due_a(&m.action),
        ROW_HEAD,
    ));
    v.push(actions(
        r,
        (
            "###",
            "overdue",
            format!("Newly overdue ({})", r.newly_overdue.len()),
        ),
        &format!(
            "Open actions that fell due from {} up to {}, longest overdue first.\n\n",
            cell(&since),
            long_date(r.as_of)
        ),
        &r.newly_overdue,
        |o| &o.action,
        |o| {
            format!(
                "{}, **{} overdue**",
                due_of(Some(o.due), Some(&o.due_text)),
                span(o.days_overdue)
            )
        },
        ROW_HEAD,
    ));
    v.push(actions(
        r,
        ("###", "slipped", format!("Due dates that moved later ({})", r.slipped.len())),
        &if r.slipped.is_empty() {
            String::new()
        } else {
            format!(
                "Longest move first; {} in total.\n\n",
                span(r.slipped.iter().map(|s| s.days).sum())
            )
        },
        &r.slipped,
        |s| &s.action,
        |s| {
            format!(
                "{} → {}, **{} later**",
                due_of(Some(s.from), Some(&s.from_text)),
                due_of(Some(s.to), Some(&s.to_text)),
                span(s.days)
            )
        },
        "| Action | Lead | Rating then → now | Due then → now | Latest update |\n|---|---|---|---|---|\n",
    ));
    v.push(actions(
        r,
        ("###", "stale", paper::stale_heading(r)),
        &format!("{}\n\n", paper::stale_intro(r)),
        &r.not_updated,
        |s| &s.action,
        |s| due_a(&s.action),
        ROW_HEAD,
    ));

    let changed = r.completed.len() + r.withdrawn.len() + r.added.len() + r.removed.len();
    let head = format!(
        "<a id=\"changes\"></a>\n\n### Completed, withdrawn, added and removed ({changed})\n\n{}",
        if changed == 0 {
            ""
        } else {
            "| Action | What happened | Lead | Rating then → now |\n|---|---|---|---|\n"
        }
    );
    let mut rows = Vec::new();
    let mut hidden = 0;
    for (what, list) in [
        ("Completed", &r.completed),
        ("Withdrawn", &r.withdrawn),
        ("Added", &r.added),
        ("Removed (not marked withdrawn)", &r.removed),
    ] {
        for a in list.iter().take(ROWS) {
            rows.push(format!(
                "| {} | {what} | {} | {} |\n",
                action_cell(a),
                leads_cell(a),
                if what == "Added" {
                    row_rating(r, a.rating_now.as_deref())
                } else {
                    then_now(r, a)
                }
            ));
        }
        hidden += list.len().saturating_sub(ROWS);
    }
    rows.extend(more(hidden, "action"));
    v.push(block(
        "Completed, withdrawn, added and removed",
        head,
        rows,
        "None.\n",
    ));

    let mut head = String::from(
        "<a id=\"transitions\"></a>\n\n## Appendix A. Rating transitions\n\nActions at both ends, by rating then (rows) and now (columns).\n\n",
    );
    head.push_str(&dist_header(&r.ratings, &["Then ↓ / now →"], false));
    let keys: Vec<Option<&str>> = r
        .ratings
        .iter()
        .map(|k| Some(k.as_str()))
        .chain(std::iter::once(None))
        .collect();
    let rows = keys
        .iter()
        .filter(|k| r.transitions.iter().any(|t| t.from.as_deref() == **k))
        .map(|k| {
            let mut row = match k {
                Some(k) => format!("| {} ", rating(k)),
                None => format!("| ⚪ *{INVALID}* "),
            };
            for j in &keys {
                let n = r
                    .transitions
                    .iter()
                    .find(|t| t.from.as_deref() == *k && t.to.as_deref() == *j)
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

    let inv = &r.invalid;
    let head = format!(
        "<a id=\"no-valid-rating\"></a>\n\n## Appendix B. Actions with no valid rating ({})\n\n{}",
        inv.total,
        if inv.total == 0 {
            "Every action carries a rating on the scale.\n".to_string()
        } else {
            format!(
                "Counted apart from the ratings above: {} carry no rating at all and {} carry a value that is not on the scale ({}).\n\n| Plan | Actions | Not rated | Not a rating on the scale |\n|---|--:|---|---|\n",
                inv.unrated,
                inv.off_scale,
                r.ratings.join(", ")
            )
        }
    );
    let mut rows: Vec<String> = inv
        .plans
        .iter()
        .take(ROWS)
        .map(|p| {
            let ids = |v: Vec<String>| {
                let n = v.len();
                let mut shown: Vec<String> = v.into_iter().take(40).collect();
                if n > 40 {
                    shown.push(format!("and {} more", n - 40));
                }
                shown.join(", ")
            };
            format!(
                "| {} | {} | {} | {} |\n",
                cell(&p.title),
                p.unrated.len() + p.off_scale.len(),
                ids(p.unrated.iter().map(|a| cell(a)).collect()),
                ids(p
                    .off_scale
                    .iter()
                    .map(|o| format!("{} (“{}”)", cell(&o.action), cell(&o.value)))
                    .collect())
            )
        })
        .collect();
    rows.extend(more(inv.plans.len().saturating_sub(ROWS), "plan"));
    v.push(block("Appendix B", head, rows, ""));

    if r.findings_included {
        let s = &r.findings_summary;
        v.push(block(
            "Appendix C",
            format!(
                "<a id=\"data-quality\"></a>\n\n## Appendix C. Data quality: what the plan files need fixing\n\nThe plan files at {} have {}, {} and {}.\n",
                code(&r.to.rev),
                count(s.error, "error", "errors"),
                count(s.warning, "warning", "warnings"),
                count(s.info, "note", "notes")
            ),
            Vec::new(),
            "",
        ));
        for g in &r.findings {
            let head = format!(
                "### {} ({}, {})\n\n| Where | What | Position |\n|---|---|---|\n",
                cell(&sentence_case(&g.summary)),
                g.count,
                match g.severity {
                    crate::plan::finding::Severity::Error => "must fix",
                    crate::plan::finding::Severity::Warning => "should fix",
                    _ => "note",
                }
            );
            let mut rows: Vec<String> = g
                .findings
                .iter()
                .take(ROWS)
                .map(|f| {
                    format!(
                        "| {}{} | {} | <sub>{}:{}:{}</sub> |\n",
                        cell(
                            f.plan_title
                                .as_deref()
                                .or(f.plan.as_deref())
                                .unwrap_or(&f.file)
                        ),
                        f.action
                            .as_deref()
                            .map(|a| format!(", action {}", cell(a)))
                            .unwrap_or_default(),
                        cell(&f.message),
                        cell(&f.file),
                        f.line,
                        f.column
                    )
                })
                .collect();
            if g.findings.len() > ROWS {
                rows.push(format!(
                    "\n*… and {} more; {} lists them all.*\n",
                    g.findings.len() - ROWS,
                    code_span(&super::check_command(r))
                ));
            }
            v.push(block(&format!("Findings: {}", g.rule), head, rows, ""));
        }
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
    v.push(Block {
        title: "Footer".into(),
        head: format!(
            "---\n\n<sub>Made by planlint {} from the plan files in git. To make this report again: {}</sub>\n",
            env!("CARGO_PKG_VERSION"),
            code_span(&r.command)
        ),
        rows: Vec::new(),
    });
    v
}

fn sentence_case(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A due date in words, with the text the plan was written with when that differs from the
/// date (`iso`).
fn due_cell(words: &str, iso: &str, text: &str) -> String {
    if iso == text || text.is_empty() {
        words.to_string()
    } else {
        format!("{words} (“{}”)", cell(text))
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
}
