//! Views of a diff: text for a terminal (grouped by plan, worst news first, coloured when asked),
//! Markdown tables for a pull-request comment or a board paper, and the JSON shape of
//! docs/output.md.

use crate::diff::{Change, Direction, Endpoint, Kind, Summary};
use crate::plan::escape::{line, markdown_cell, markdown_code};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    /// A readable summary grouped by plan, worst news first
    Text,
    /// Tables for a pull-request comment or a board paper
    Markdown,
    /// The JSON shape in docs/output.md
    Json,
}

/// What a view needs: the two sides and the changes.
pub struct DiffView<'a> {
    pub from: &'a Endpoint,
    pub to: &'a Endpoint,
    pub changes: &'a [Change],
}

pub fn render(
    view: &DiffView<'_>,
    format: DiffFormat,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        DiffFormat::Text => text(view, color, out),
        DiffFormat::Markdown => markdown(view, out),
        DiffFormat::Json => json(view, out),
    }
}

#[derive(Serialize)]
struct JsonSide<'a> {
    rev: &'a str,
    /// 40-hex commit id; null for the working tree or the index.
    commit: Option<String>,
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    from: JsonSide<'a>,
    to: JsonSide<'a>,
    changes: &'a [Change],
    summary: Summary,
}

fn side(s: &Endpoint) -> JsonSide<'_> {
    JsonSide {
        rev: &s.rev,
        commit: s.commit.clone(),
    }
}

/// `diff --format json` (docs/output.md): from, to, changes (in plan, action, kind order), summary.
pub fn json(view: &DiffView<'_>, out: &mut dyn Write) -> io::Result<()> {
    let doc = JsonDiff {
        from: side(view.from),
        to: side(view.to),
        changes: view.changes,
        summary: Summary::of(view.changes),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// How bad a change is for a board: lower comes first.
fn badness(c: &Change) -> u8 {
    match (c.kind, c.direction) {
        (Kind::Rag, Some(Direction::Worsened)) => 0,
        (Kind::Removed, _) => 1,
        (Kind::Due, Some(Direction::Slipped)) => 2,
        (Kind::Rag, _) => 3,
        (Kind::Status, _) => 4,
        (Kind::Due, _) => 5,
        (Kind::Leads, _) => 6,
        (Kind::Added, _) => 7,
        (Kind::Moved, _) => 8,
    }
}

/// Plans with their changes, the plan with the worst news first, each plan's worst news first.
fn grouped(changes: &[Change]) -> Vec<(&str, Vec<&Change>)> {
    let mut by_plan: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for c in changes {
        by_plan.entry(c.plan.as_str()).or_default().push(c);
    }
    let mut plans: Vec<(&str, Vec<&Change>)> = by_plan.into_iter().collect();
    for (_, cs) in &mut plans {
        cs.sort_by_key(|c| badness(c));
    }
    let key = |cs: &[&Change]| {
        let worst = cs.first().map_or(u8::MAX, |c| badness(c));
        let bad = cs.iter().filter(|c| badness(c) <= 2).count();
        (worst, std::cmp::Reverse(bad))
    };
    plans.sort_by(|a, b| key(&a.1).cmp(&key(&b.1)).then(a.0.cmp(b.0)));
    plans
}

fn side_label(s: &Endpoint) -> String {
    match &s.commit {
        Some(c) => format!("{} ({})", s.rev, c.get(..7).unwrap_or(c)),
        None => s.rev.clone(),
    }
}

fn describe(c: &Change) -> String {
    let v = |o: &Option<String>| {
        o.as_deref()
            .map_or_else(|| "none".into(), |s| line(s).into_owned())
    };
    let dir = c
        .direction
        .map(|d| format!(" ({})", d.as_str()))
        .unwrap_or_default();
    match c.kind {
        Kind::Added => "added".into(),
        Kind::Removed => "removed".into(),
        Kind::Moved => format!("moved {} -> {}", v(&c.from), v(&c.to)),
        k => format!("{} {} -> {}{dir}", k.as_str(), v(&c.from), v(&c.to)),
    }
}

fn summary_text(s: &Summary) -> String {
    format!(
        "{} worsened, {} improved, {} added, {} removed",
        s.worsened, s.improved, s.added, s.removed
    )
}

/// Text: a header with the summary, then each plan and its changes, worst first.
pub fn text(view: &DiffView<'_>, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let paint = |code: &str, s: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let range = format!(
        "{} -> {}",
        line(&side_label(view.from)),
        line(&side_label(view.to))
    );
    if view.changes.is_empty() {
        return writeln!(out, "no plan changes between {range}");
    }
    writeln!(
        out,
        "{}\n{}\n",
        paint("1", &format!("plan changes {range}")),
        summary_text(&Summary::of(view.changes))
    )?;
    for (plan, changes) in grouped(view.changes) {
        let file = changes.first().map_or("", |c| c.file.as_str());
        writeln!(out, "{} ({})", paint("1", &line(plan)), line(file))?;
        let moved: Vec<&&Change> = changes.iter().filter(|c| c.kind == Kind::Moved).collect();
        for c in changes.iter().filter(|c| c.kind != Kind::Moved) {
            let text = format!(
                "  {:<8} {}",
                line(c.action.as_deref().unwrap_or("(plan)")),
                describe(c)
            );
            let text = match badness(c) {
                0..=2 => paint("31", &text),
                _ if matches!(
                    c.direction,
                    Some(Direction::Improved | Direction::BroughtForward)
                ) || c.kind == Kind::Added =>
                {
                    paint("32", &text)
                }
                _ => text,
            };
            writeln!(out, "{text}  {}", paint("2", &line(&c.title)))?;
        }
        if let Some(m) = moved.first() {
            writeln!(
                out,
                "  moved {} -> {} ({})",
                line(m.from.as_deref().unwrap_or("?")),
                line(m.to.as_deref().unwrap_or("?")),
                crate::plan::words::count(moved.len(), "action")
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn cell(s: &str) -> String {
    markdown_cell(s)
}

/// Markdown: a heading, the summary, and a table per plan (worst news first).
pub fn markdown(view: &DiffView<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "## Plan changes: {} → {}\n",
        markdown_code(&side_label(view.from)),
        markdown_code(&side_label(view.to))
    )?;
    if view.changes.is_empty() {
        return writeln!(out, "No plan changes.");
    }
    writeln!(out, "**{}**\n", summary_text(&Summary::of(view.changes)))?;
    for (plan, changes) in grouped(view.changes) {
        let file = changes.first().map_or("", |c| c.file.as_str());
        writeln!(out, "### {} ({})\n", cell(plan), markdown_code(file))?;
        writeln!(out, "| Action | Title | Change | From | To | Direction |")?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for c in changes {
            let dir = c.direction.map_or("", |d| d.as_str());
            let dir = if badness(c) <= 2 && !dir.is_empty() {
                format!("**{dir}**")
            } else {
                dir.to_string()
            };
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                cell(c.action.as_deref().unwrap_or("")),
                cell(&c.title),
                c.kind.as_str(),
                cell(c.from.as_deref().unwrap_or("")),
                cell(c.to.as_deref().unwrap_or("")),
                dir
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
