//! The Markdown view of a report: GitHub-flavoured, for a board paper or a pull-request comment.
//!
//! GitHub refuses comments over 65,536 characters, so a long report is cut at a row or section
//! boundary (tables stay valid) and ends with a note naming what was left out.

use super::paper;
use super::view;
use super::{count, long_date, Report, ROWS};
use std::fmt::Write;

mod cells;
pub use cells::{cell, code};
use cells::{cells, code_span, more, table_head, table_rows};

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
            let t = view::progress(r, &sec.updates);
            let mut intro = String::from("\n");
            if let Some(t) = &sec.title {
                let _ = write!(intro, "**{}**\n\n", cell(t));
            }
            intro.push_str(&table_head(&t));
            rows.push(intro);
            rows.extend(table_rows(&t));
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
    let t = view::ratings(r);
    let _ = write!(
        head,
        "\n<a id=\"ratings\"></a>\n\n### Ratings then and now\n\n{}",
        table_head(&t)
    );
    v.push(block("Summary", head, table_rows(&t), ""));

    let t = view::by_plan(r);
    let head = format!(
        "### By plan\n\nEach cell: then → now.\n\n{}",
        table_head(&t)
    );
    v.push(block("By plan", head, table_rows(&t), "No plans.\n"));

    if r.cycles.len() >= 3 {
        let shown = &r.cycles[r.cycles.len().saturating_sub(12)..];
        let head = format!(
            "<a id=\"trend\"></a>\n\n### Trend over {} review cycles\n\n{}",
            r.cycles.len(),
            table_head(&view::heads(view::dist_heads(r, &["Cycle", "Date"], true)))
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
    for sec in view::changed(r) {
        let mut head = format!("<a id=\"{}\"></a>\n\n### {}\n\n", sec.id, sec.title);
        if let Some(intro) = &sec.intro {
            let _ = write!(head, "{}\n\n", cells(intro, false));
        }
        let rows = match &sec.table {
            Some(t) => {
                head.push_str(&table_head(t));
                table_rows(t)
            }
            None => Vec::new(),
        };
        v.push(block(&sec.title, head, rows, "None.\n"));
    }

    let mut head = String::from(
        "<a id=\"transitions\"></a>\n\n## Appendix A. Rating transitions\n\nActions at both ends, by rating then (rows) and now (columns).\n\n",
    );
    let rows = match view::transitions(r) {
        Some(t) => {
            head.push_str(&table_head(&t));
            table_rows(&t)
        }
        None => Vec::new(),
    };
    v.push(block(
        "Rating transitions",
        head,
        rows,
        "No action exists at both ends.\n",
    ));

    let inv = &r.invalid;
    let t = view::invalid(r);
    let head = format!(
        "<a id=\"no-valid-rating\"></a>\n\n## Appendix B. Actions with no valid rating ({})\n\n{}",
        inv.total,
        match &t {
            None => "Every action carries a rating on the scale.\n".to_string(),
            Some(t) => format!(
                "Counted apart from the ratings above: {} carry no rating at all and {} carry a value that is not on the scale ({}).\n\n{}",
                inv.unrated,
                inv.off_scale,
                r.ratings.join(", "),
                table_head(t)
            ),
        }
    );
    v.push(block(
        "Appendix B",
        head,
        t.as_ref().map(table_rows).unwrap_or_default(),
        "",
    ));

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
        for g in view::findings(r, ROWS) {
            let head = format!(
                "### {} ({}, {})\n\n| Where | What | Position |\n|---|---|---|\n",
                cell(&g.title),
                g.count,
                match g.severity {
                    crate::plan::finding::Severity::Error => "must fix",
                    crate::plan::finding::Severity::Warning => "should fix",
                    _ => "note",
                }
            );
            let mut rows: Vec<String> = g
                .lines
                .iter()
                .map(|f| {
                    format!(
                        "| {} | {} | <sub>{}</sub> |\n",
                        cell(&f.about),
                        cell(&f.message),
                        cell(&f.place)
                    )
                })
                .collect();
            if g.more > 0 {
                rows.push(format!(
                    "\n*… and {} more; {} lists them all.*\n",
                    g.more,
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

#[cfg(test)]
pub(crate) mod tests;
