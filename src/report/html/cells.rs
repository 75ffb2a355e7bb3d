//! How the view model's spans and tables are written in HTML: a rating as a badge in its
//! colour with the word inside, an action with its plan small above, an update trimmed with the
//! whole text a click away, a table whose cells carry their column's name for a phone's cards.

use super::marks::{badge, esc, invalid_badge};
use crate::report::view::{self, Rating, Span};
use crate::report::{short_date, trim_text, LatestUpdate};
use std::fmt::Write;

/// How many characters of an update the rows show before "more".
const UPDATE_CHARS: usize = 120;

/// A rating as a row shows it: a scale rating in its colour; no rating or a value off the scale
/// as the dashed "not rated" badge (the value written beside it).
fn rating_badge(k: &Rating) -> String {
    match k {
        Rating::Scale(k) => badge(k),
        Rating::Off(k) => format!(
            "<span class=\"r r-none\">not rated</span> <span class=\"same\">(“{}”)</span>",
            esc(k)
        ),
        Rating::Unrated => "<span class=\"r r-none\">not rated</span>".into(),
    }
}

/// A span of the view model as HTML.
fn span(s: &Span) -> String {
    match s {
        Span::Text(t) => esc(t),
        Span::Strong(t) => format!("<strong>{}</strong>", esc(t)),
        Span::Muted(t) => format!("<span class=\"same\">{}</span>", esc(t)),
        Span::NoWrap(t) => format!("<span class=\"nb\">{}</span>", esc(t)),
        Span::Break => "<br>".into(),
        Span::To => " →<br>".into(),
        Span::Rating(k) => rating_badge(k),
        Span::Invalid => invalid_badge(),
        Span::ThenNow(a, b) if a == b => rating_badge(b),
        Span::ThenNow(a, b) => format!(
            "{}<span class=\"arrow\" aria-label=\"then, now\">→</span>{}",
            rating_badge(a),
            rating_badge(b)
        ),
        Span::Action { plan, id, title } => format!(
            "{}<span class=\"id\">{}</span> {}",
            plan.as_deref()
                .map(|p| format!("<span class=\"plan\">{}</span>", esc(p)))
                .unwrap_or_default(),
            esc(id),
            esc(title)
        ),
        Span::Leads(l) => leads(l),
        Span::Due(date, text) => match (date, text.as_deref()) {
            (Some(d), Some(t)) if t != d.to_string() && !t.trim().is_empty() => esc(t),
            (Some(d), _) => format!("<span class=\"nb\">{}</span>", short_date(*d)),
            (None, Some(t)) => format!("“{}”", esc(t)),
            (None, None) => "<span class=\"same\">none</span>".into(),
        },
        Span::Update(u) => update(u.as_ref()),
        Span::Progress { when, late, text } => format!(
            "{}: {}",
            if *late {
                format!("<span class=\"late\">{}</span>", esc(when))
            } else {
                format!("<b>{}</b>", esc(when))
            },
            esc(text)
        ),
        Span::Pair(x, y) if x == y => format!("<span class=\"same\">{x}</span>"),
        Span::Pair(x, y) => format!("<span class=\"nb\">{x} → <strong>{y}</strong></span>"),
        Span::Nothing => "<span class=\"same\">none</span>".into(),
    }
}

pub(super) fn cells(c: &[Span]) -> String {
    c.iter().map(span).collect()
}

/// A table of the view model, then "and N more"; "None." for no table.
pub(super) fn table(t: Option<&view::Table>) -> String {
    let Some(t) = t else {
        return none();
    };
    let heads: Vec<(String, bool)> = t
        .heads
        .iter()
        .map(|h| (cells(&h.label), h.numeric))
        .collect();
    let heads: Vec<(&str, bool)> = heads.iter().map(|(h, n)| (h.as_str(), *n)).collect();
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.iter().map(|c| cells(c)).collect())
        .collect();
    let mut s = table_with(&heads, &rows, &t.apart, &t.widths);
    if let Some(m) = t.more {
        s.push_str(&more(m.n, m.what));
    }
    s
}

/// `table`, with the rows at the given positions set apart (the no-valid-rating group), and
/// the columns' shares of the width (percentages; none for automatic widths).
pub(super) fn table_with(
    headers: &[(&str, bool)],
    rows: &[Vec<String>],
    apart: &[usize],
    widths: &[u8],
) -> String {
    let mut s = String::from(if widths.is_empty() {
        "<table class=\"t\">"
    } else {
        "<table class=\"t fixed\"><colgroup>"
    });
    for w in widths {
        let _ = write!(s, "<col style=\"width:{w}%\">");
    }
    if !widths.is_empty() {
        s.push_str("</colgroup>");
    }
    s.push_str("<thead><tr>");
    for (h, n) in headers {
        let _ = write!(
            s,
            "<th scope=\"col\"{}>{h}</th>",
            if *n { " class=\"n\"" } else { "" }
        );
    }
    s.push_str("</tr></thead><tbody>");
    for (i, row) in rows.iter().enumerate() {
        s.push_str(if apart.contains(&i) {
            "<tr class=\"apart\">"
        } else {
            "<tr>"
        });
        for (j, c) in row.iter().enumerate() {
            let (label, n) = headers.get(j).copied().unwrap_or(("", false));
            let label = strip_tags(label);
            let _ = write!(
                s,
                "<td{}{}>{c}</td>",
                if n { " class=\"n\"" } else { "" },
                if j == 0 || label.is_empty() {
                    String::new()
                } else {
                    format!(" data-label=\"{}\"", esc(&label))
                }
            );
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>\n");
    s
}

/// The text of a header that holds markup (a rating badge).
fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in s.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// "and 35 more (the JSON output has them all)" under a capped list.
pub(super) fn more(n: usize, what: &str) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(
            "<p class=\"more\">… and {n} more {}, not shown here; <span class=\"nb\">--format json</span> lists them all.</p>\n",
            if n == 1 { what.to_string() } else { format!("{what}s") }
        )
    }
}

pub(super) fn none() -> String {
    "<p class=\"note\">None.</p>\n".into()
}

/// The leads: the first two, then how many more (the JSON has them all).
fn leads(leads: &[String]) -> String {
    if leads.is_empty() {
        return "<em>no lead named</em>".into();
    }
    let mut s = leads
        .iter()
        .take(2)
        .map(|l| esc(l))
        .collect::<Vec<_>>()
        .join("; ");
    if leads.len() > 2 {
        let _ = write!(
            s,
            " <span class=\"same\">and {} more</span>",
            leads.len() - 2
        );
    }
    s
}

/// The latest update: its date and who gave it, then its text, trimmed with the whole text a
/// click away (`<details>`, no script).
fn update(u: Option<&LatestUpdate>) -> String {
    let Some(u) = u else {
        return "<em>no update recorded</em>".into();
    };
    let by =
        u.by.as_deref()
            .map(|b| format!(", {}", esc(b)))
            .unwrap_or_default();
    let head = format!(
        "<span class=\"nb\"><b>{}</b></span>{by}: ",
        short_date(u.date)
    );
    match trim_text(&u.text, UPDATE_CHARS) {
        None => format!("{head}{}", esc(&u.text)),
        // on screen the text is a click away; printed, paper cannot open it: the whole text
        Some(short) => format!(
            "<details class=\"screen\"><summary>{head}{}</summary>{}</details><span class=\"whole\">{head}{}</span>",
            esc(&short),
            esc(&u.text),
            esc(&u.text)
        ),
    }
}
