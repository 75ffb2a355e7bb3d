//! How the view model's spans and tables are written in GitHub-flavoured Markdown: a rating as
//! its emoji and word, emphasis as asterisks, every cell escaped so no text can end the cell or
//! the table; and the escaping of text, code and commands the Markdown view shares.

use crate::report::symbol;
use crate::report::view::{Rating, Span, Table};
use crate::report::{short_date, INVALID};
use std::fmt::Write;

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
pub(super) fn code_span(s: &str) -> String {
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

/// A span of a table cell (`head`: in a table's head, which is bold already).
fn span(s: &Span, head: bool) -> String {
    let rated = |k: &Rating| match k {
        Rating::Scale(k) => rating(k),
        Rating::Off(k) => format!("⚪ not rated (“{}”)", cell(k)),
        Rating::Unrated => "⚪ not rated".into(),
    };
    match s {
        Span::Text(t) | Span::Muted(t) | Span::NoWrap(t) => cell(t),
        Span::Strong(t) => format!("**{}**", cell(t)),
        Span::Break => ", ".into(),
        Span::To => " → ".into(),
        Span::Rating(k) => rated(k),
        Span::Invalid if head => format!("⚪ {INVALID}"),
        Span::Invalid => format!("⚪ *{INVALID}*"),
        Span::ThenNow(a, b) if a == b => rated(b),
        Span::ThenNow(a, b) => format!("{} → **{}**", rated(a), rated(b)),
        Span::Action { plan, id, title } => format!(
            "{}**{}** {}",
            plan.as_deref()
                .map(|p| format!("{}: ", cell(p)))
                .unwrap_or_default(),
            cell(id),
            cell(title)
        ),
        Span::Leads(l) if l.is_empty() => "*no lead named*".into(),
        Span::Leads(l) => l.iter().map(|l| cell(l)).collect::<Vec<_>>().join("; "),
        Span::Due(date, text) => match (date, text.as_deref()) {
            (Some(d), Some(t)) if t != d.to_string() && !t.is_empty() => {
                format!("{} (“{}”)", short_date(*d), cell(t))
            }
            (Some(d), _) => short_date(*d),
            (None, Some(t)) => format!("“{}”", cell(t)),
            (None, None) => "none".into(),
        },
        Span::Update(None) => "*no update recorded*".into(),
        Span::Update(Some(u)) => format!(
            "**{}**{}: {}",
            short_date(u.date),
            u.by.as_deref()
                .map(|b| format!(", {}", cell(b)))
                .unwrap_or_default(),
            cell(&u.text)
        ),
        Span::Progress { when, text, .. } => format!("**{}**: {}", cell(when), cell(text)),
        Span::Pair(x, y) if x == y => x.clone(),
        Span::Pair(x, y) => format!("{x} → {y}"),
        Span::Nothing => String::new(),
    }
}

pub(super) fn cells(c: &[Span], head: bool) -> String {
    c.iter().map(|s| span(s, head)).collect()
}

/// A table's head and alignment line.
pub(super) fn table_head(t: &Table) -> String {
    let (mut h, mut line) = (String::from("|"), String::from("|"));
    for c in &t.heads {
        let _ = write!(h, " {} |", cells(&c.label, true));
        line.push_str(if c.numeric { "--:|" } else { "---|" });
    }
    format!("{h}\n{line}\n")
}

/// A table's rows, one string each (a cut keeps tables valid), then "and N more"; a row set
/// apart says so in words, as a Markdown table cannot draw it.
pub(super) fn table_rows(t: &Table) -> Vec<String> {
    let mut rows: Vec<String> = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut s = String::from("|");
            for (j, c) in row.iter().enumerate() {
                let apart = if j == 0 && t.apart.contains(&i) {
                    " (apart from the scale)"
                } else {
                    ""
                };
                let _ = write!(s, " {}{apart} |", cells(c, false));
            }
            s.push('\n');
            s
        })
        .collect();
    if let Some(m) = t.more {
        rows.extend(more(m.n, m.what));
    }
    rows
}

/// "… and N more" under a list cut at `ROWS`.
pub(super) fn more(n: usize, what: &str) -> Vec<String> {
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
