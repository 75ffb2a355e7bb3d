//! Hover: on a timescale, the date it resolves to and how it was read; on a rating, the scale
//! and the action's latest update; on a finding, its rule's documentation (as `explain`).

use super::encoding::{Encoding, Lines};
use super::Doc;
use crate::plan::model::{Due, Spanned};
use crate::plan::timescale::{Timescale, TimescaleKind};
use chrono::NaiveDate;
use lsp_types as lsp;
use std::ops::Range;

pub fn hover(
    doc: &Doc,
    pos: lsp::Position,
    encoding: Encoding,
    as_of: NaiveDate,
) -> Option<lsp::Hover> {
    let lines = Lines::new(&doc.text, encoding);
    let at = lines.offset(pos);
    let mut parts: Vec<String> = Vec::new();
    let mut range: Option<Range<usize>> = None;
    let inside = |span: &Range<usize>| span.start <= at && at <= span.end;

    if let Some(file) = doc.current_plan() {
        let scale = doc.config.as_ref().map(|c| &c.scale);
        for a in &file.plan.actions {
            let a = a.get_ref();
            let mut dues: Vec<(&str, &Spanned<Due>)> = Vec::new();
            dues.extend(a.due.iter().map(|d| ("due", d)));
            dues.extend(a.baseline_due.iter().map(|d| ("baseline_due", d)));
            dues.extend(
                a.milestones
                    .iter()
                    .map(|m| ("milestone due", &m.get_ref().due)),
            );
            for (what, due) in dues {
                if inside(&due.span()) {
                    parts.push(timescale_text(what, due.get_ref(), as_of));
                    range = Some(due.span());
                }
            }
            let mut rags: Vec<&Spanned<String>> = a.rag.iter().collect();
            rags.extend(a.updates.iter().filter_map(|u| u.get_ref().rag.as_ref()));
            rags.extend(a.milestones.iter().filter_map(|m| m.get_ref().rag.as_ref()));
            for r in rags {
                if inside(&r.span()) {
                    if let Some(scale) = scale {
                        parts.push(rating_text(r.get_ref(), scale, a));
                    }
                    range = Some(r.span());
                }
            }
        }
        for s in &file.plan.sections {
            if let (Some(r), Some(scale)) = (&s.get_ref().rag, scale) {
                if inside(&r.span()) {
                    parts.push(rating_only(r.get_ref(), scale));
                    range = Some(r.span());
                }
            }
        }
    }
    let mut seen = Vec::new();
    for f in &doc.findings {
        if inside(&f.span) && !seen.contains(&f.rule) {
            seen.push(f.rule);
            parts.push(explain(f.rule));
            range.get_or_insert_with(|| f.span.clone());
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: range.map(|r| lines.range(&r)),
    })
}

fn day(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// "`Q3 2015/16` → 31 December 2015, a quarter of the UK financial year (…)".
pub fn timescale_text(what: &str, due: &Due, as_of: NaiveDate) -> String {
    let one_line = crate::plan::timescale::one_line(&due.display());
    let written = crate::plan::escape::line(&one_line);
    match due.timescale() {
        Ok(t) => {
            let mut s = format!("**{what}** `{written}`");
            match t.due {
                Some(d) => {
                    s.push_str(&format!(" → **{}**, {}", day(d), how_read(&t)));
                    let days = (d - as_of).num_days();
                    s.push_str(&match days {
                        0 => " (due today)".to_string(),
                        n if n > 0 => format!(" ({n} day{} from {as_of})", plural(n)),
                        n => format!(" ({} day{} past, as of {as_of})", -n, plural(-n)),
                    });
                }
                None => s.push_str(&format!(": no due date, {}", how_read(&t))),
            }
            if let (Some(start), true) = (t.start, t.start != t.due) {
                s.push_str(&format!("; starts {}", day(start)));
            }
            if t.ongoing {
                s.push_str("; the work goes on after it");
            }
            s
        }
        Err(e) => format!(
            "**{what}** `{written}`: cannot read this timescale ({e}).\n\nReadable forms: {}",
            crate::plan::timescale::ACCEPTED_FORMS
        ),
    }
}

fn plural(n: i64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// How a timescale text was read, in words.
fn how_read(t: &Timescale) -> String {
    match t.kind {
        TimescaleKind::Date => "a date".into(),
        TimescaleKind::Month => "a calendar month, due at its end".into(),
        TimescaleKind::Year => "a calendar year, due at its end".into(),
        TimescaleKind::FinancialYear => {
            "UK financial year (1 April to 31 March), due at its end".into()
        }
        TimescaleKind::Quarter => {
            "UK financial year quarter (Q1 April–June … Q4 January–March), due at its end".into()
        }
        TimescaleKind::From => "a start with no end".into(),
        TimescaleKind::Range => "a range, due at its end".into(),
        TimescaleKind::Review => "a review point, due then".into(),
        TimescaleKind::Ongoing => "ongoing".into(),
        TimescaleKind::NoDate => "deliberately no due date".into(),
        TimescaleKind::Missing => "blank: nothing written".into(),
    }
}

fn rating_only(text: &str, scale: &crate::plan::rating::Scale) -> String {
    let names: Vec<&str> = scale.names().collect();
    let written = crate::plan::escape::line(text);
    let head = match scale.resolve(text) {
        Some(r) if r.name == text => format!("**rating** `{written}`"),
        Some(r) => format!("**rating** `{written}` → `{}`", r.name),
        None => format!("**rating** `{written}`: not on the scale"),
    };
    let rank = scale
        .resolve(text)
        .map(|r| format!(", {} of {}", r.rank + 1, names.len()))
        .unwrap_or_default();
    let aliases = if scale.aliases.is_empty() {
        String::new()
    } else {
        format!(
            "; aliases: {}",
            scale
                .aliases
                .iter()
                .map(|(a, n)| format!("{a} → {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    format!(
        "{head}{rank}\n\nScale `{}`, worst first: {}{aliases}",
        scale.preset,
        names.join(", ")
    )
}

fn rating_text(
    text: &str,
    scale: &crate::plan::rating::Scale,
    action: &crate::plan::model::Action,
) -> String {
    let mut s = rating_only(text, scale);
    match action.latest_update() {
        Some(u) => {
            let mut said = format!(
                "\n\nLatest update, {}: {}",
                u.date.get_ref().0,
                crate::plan::escape::line(&crate::plan::timescale::one_line(u.text.get_ref()))
            );
            if let Some(r) = &u.rag {
                said.push_str(&format!(
                    " (rated `{}`)",
                    crate::plan::escape::line(r.get_ref())
                ));
            }
            s.push_str(&said);
        }
        None => s.push_str("\n\nNo update recorded yet."),
    }
    s
}

/// A rule's documentation, as `planlint explain` prints it.
pub fn explain(rule: &str) -> String {
    let Some(r) = crate::lint::find(rule) else {
        return format!("**{rule}**");
    };
    let m = r.meta();
    let fix = match m.fix {
        crate::plan::fix::FixKind::None => "",
        crate::plan::fix::FixKind::Safe => " Fix: safe (a quick fix, and `planlint check --fix`).",
        crate::plan::fix::FixKind::Unsafe => {
            " Fix: unsafe (a quick fix to look at; `planlint check --fix --unsafe-fixes`)."
        }
    };
    format!(
        "### {}\n\nDefault severity: {}. {}.{fix}\n\n{}",
        m.name, m.severity, m.summary, m.docs
    )
}
