//! The summary at the top of the paper: plain sentences generated from the report's data, each
//! naming the section whose table backs it. What got worse and where, what is newly overdue,
//! what slipped and by how much, who has not updated, how much is unrated or wrongly rated.

use super::{count, long_date, ActionRef, Report, Sentence};
use std::collections::BTreeMap;

fn say(text: String, section: &str) -> Sentence {
    Sentence {
        text,
        section: section.to_string(),
    }
}

/// "A", "A and B", "A, B and C".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The plans with most actions in a list, most first: "3 in Plan A, 2 in Plan B and 1 other".
fn where_most<'a>(actions: impl Iterator<Item = &'a ActionRef>) -> String {
    let mut by: BTreeMap<&str, usize> = BTreeMap::new();
    for a in actions {
        *by.entry(a.plan_title.as_str()).or_default() += 1;
    }
    let mut v: Vec<(&str, usize)> = by.into_iter().collect();
    v.sort_by_key(|(t, n)| (std::cmp::Reverse(*n), *t));
    match v.as_slice() {
        [(t, 1)] => return format!("in {t}"),
        [(t, _)] => return format!("all in {t}"),
        _ => {}
    }
    let mut parts: Vec<String> = v
        .iter()
        .take(3)
        .map(|(t, n)| format!("{n} in {t}"))
        .collect();
    let rest: usize = v.iter().skip(3).map(|(_, n)| n).sum();
    if rest > 0 {
        parts.push(format!("{rest} elsewhere"));
    }
    and_list(&parts)
}

/// A number of days as a board reads it: "45 days", "about 5 months".
pub fn span(days: i64) -> String {
    if days < 60 {
        count(days.max(0) as usize, "day", "days")
    } else {
        format!("about {} months", (days as f64 / 30.44).round() as i64)
    }
}

/// The first sentences: how many open actions reported progress, how many completed, how many
/// got worse or better; then which leads have not reported. A board reads these first.
fn progress(r: &Report) -> Vec<Sentence> {
    let window = format!("between {} and {}", long_date(r.since), long_date(r.as_of));
    let mut reported: Vec<(&str, &str)> = r
        .progress
        .iter()
        .filter(|p| p.open)
        .map(|p| (p.action.plan.as_str(), p.action.action.as_str()))
        .collect();
    reported.sort_unstable();
    reported.dedup();
    let open = reported.len() + r.not_updated.len();
    let mut first = if r.progress.is_empty() {
        format!("No progress was reported {window}")
    } else {
        format!(
            "{} of {} reported progress {window} ({})",
            reported.len(),
            count(open, "open action", "open actions"),
            count(r.progress.len(), "update", "updates")
        )
    };
    let mut tail = Vec::new();
    if !r.completed.is_empty() {
        tail.push(format!(
            "{} completed",
            count(r.completed.len(), "action was", "actions were")
        ));
    }
    match (r.worsened.len(), r.improved.len()) {
        (0, 0) => tail.push("no rating changed".to_string()),
        (w, i) => {
            tail.push(match w {
                0 => "none got worse".to_string(),
                w => format!("{w} got worse"),
            });
            tail.push(match i {
                0 => "none improved".to_string(),
                i => format!("{i} improved"),
            });
        }
    }
    first.push_str("; ");
    first.push_str(&and_list(&tail));
    first.push('.');
    let mut v = vec![say(first, "progress")];
    if r.not_updated.is_empty() {
        if open > 0 {
            v.push(say(
                "Every open action reported progress this cycle.".into(),
                "stale",
            ));
        }
        return v;
    }
    let mut leads: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unled = 0;
    for s in &r.not_updated {
        if s.action.leads.is_empty() {
            unled += 1;
        }
        for l in &s.action.leads {
            *leads.entry(l.as_str()).or_default() += 1;
        }
    }
    let mut leads: Vec<(&str, usize)> = leads.into_iter().collect();
    leads.sort_by_key(|(l, n)| (std::cmp::Reverse(*n), *l));
    let mut names: Vec<String> = leads
        .iter()
        .take(4)
        .map(|(l, n)| match n {
            1 => l.to_string(),
            n => format!("{l} ({n})"),
        })
        .collect();
    if leads.len() > 4 {
        names.push(count(leads.len() - 4, "other lead", "other leads"));
    }
    if unled > 0 {
        names.push(format!(
            "{} with no lead named",
            count(unled, "action", "actions")
        ));
    }
    v.push(say(
        format!(
            "Not reported: {} {} no progress this cycle, {}; leads who have not reported: {}.",
            count(r.not_updated.len(), "open action", "open actions"),
            if r.not_updated.len() == 1 {
                "has"
            } else {
                "have"
            },
            where_most(r.not_updated.iter().map(|s| &s.action)),
            and_list(&names)
        ),
        "stale",
    ));
    v
}

/// The sentences, in the order the paper's sections come.
pub fn sentences(r: &Report) -> Vec<Sentence> {
    let since = format!("since {}", long_date(r.since));
    let mut v = progress(r);

    let worst = r.ratings.first().cloned().unwrap_or_default();
    if r.worsened.is_empty() {
        v.push(say(
            format!("No action's rating got worse {since}."),
            "worsened",
        ));
    } else {
        let n = r.worsened.len();
        let now_worst = r.worsened.iter().filter(|m| m.to == worst).count();
        let worst_part = if now_worst > 0 && now_worst < n {
            format!(", {now_worst} of them now {worst}")
        } else if now_worst == n && n > 1 {
            format!(", all now {worst}")
        } else if now_worst == n {
            format!(", now {worst}")
        } else {
            String::new()
        };
        v.push(say(
            format!(
                "{} got a worse rating {since}{worst_part}, {}.",
                count(n, "action", "actions"),
                where_most(r.worsened.iter().map(|m| &m.action))
            ),
            "worsened",
        ));
    }
    if !r.improved.is_empty() {
        v.push(say(
            format!(
                "{} improved, {}.",
                count(r.improved.len(), "action", "actions"),
                where_most(r.improved.iter().map(|m| &m.action))
            ),
            "improved",
        ));
    }

    let window = format!("between {} and {}", long_date(r.since), long_date(r.as_of));
    if r.newly_overdue.is_empty() {
        v.push(say(
            format!("No open action fell due {window} without being finished."),
            "overdue",
        ));
    } else {
        v.push(say(
            format!(
                "{} fell due {window} and {} not finished, {}.",
                count(r.newly_overdue.len(), "open action", "open actions"),
                if r.newly_overdue.len() == 1 {
                    "is"
                } else {
                    "are"
                },
                where_most(r.newly_overdue.iter().map(|o| &o.action))
            ),
            "overdue",
        ));
    }

    if r.slipped.is_empty() {
        v.push(say(format!("No due date moved later {since}."), "slipped"));
    } else {
        let total: i64 = r.slipped.iter().map(|s| s.days).sum();
        let longest = &r.slipped[0];
        let tail = if r.slipped.len() > 1 {
            format!(
                " in total; the longest, {} {} of {}, by {}",
                longest.action.action,
                quote(&longest.action.title),
                longest.action.plan_title,
                span(longest.days)
            )
        } else {
            format!(
                " ({} {} of {})",
                longest.action.action,
                quote(&longest.action.title),
                longest.action.plan_title
            )
        };
        v.push(say(
            format!(
                "{} moved later by {}{tail}.",
                count(r.slipped.len(), "due date", "due dates"),
                span(total)
            ),
            "slipped",
        ));
    }

    let inv = &r.invalid;
    let total = r.totals.to.total;
    if inv.total == 0 {
        v.push(say(
            format!(
                "Every action carries a rating on the {} scale.",
                r.ratings.join("–")
            ),
            "no-valid-rating",
        ));
    } else {
        let pct = (100.0 * inv.total as f64 / total.max(1) as f64).round();
        let mut parts = Vec::new();
        if inv.unrated > 0 {
            parts.push(format!("{} not rated", inv.unrated));
        }
        if inv.off_scale > 0 {
            let mut values: Vec<String> = inv
                .plans
                .iter()
                .flat_map(|p| p.off_scale.iter().map(|o| o.value.to_lowercase()))
                .collect();
            values.sort();
            values.dedup();
            let shown: Vec<String> = values.iter().take(3).map(|x| quote(x)).collect();
            parts.push(format!(
                "{} rated with a value that is not on the scale ({})",
                inv.off_scale,
                shown.join(", ")
            ));
        }
        let most = inv
            .plans
            .first()
            .map(|p| {
                format!(
                    "; most are in {} ({})",
                    p.title,
                    p.unrated.len() + p.off_scale.len()
                )
            })
            .unwrap_or_default();
        v.push(say(
            format!(
                "{} of {total} actions ({pct}%) have no valid rating: {}{most}.",
                inv.total,
                and_list(&parts)
            ),
            "no-valid-rating",
        ));
    }

    let mut done = Vec::new();
    for (n, word) in [
        (r.completed.len(), "completed"),
        (r.withdrawn.len(), "withdrawn"),
        (r.added.len(), "added"),
        (r.removed.len(), "removed from the plans"),
    ] {
        if n > 0 {
            let lead = if done.is_empty() {
                count(n, "action was", "actions were")
            } else {
                n.to_string()
            };
            done.push(format!("{lead} {word}"));
        }
    }
    if !done.is_empty() {
        let text = format!("{}, {}.", capitalise(&since), and_list(&done));
        v.push(say(text, "changes"));
    }

    if r.findings_included {
        let f = &r.findings_summary;
        let text = if f.error + f.warning == 0 {
            "The plan files have nothing to fix.".to_string()
        } else {
            let mut parts = Vec::new();
            if f.error > 0 {
                parts.push(count(f.error, "error", "errors"));
            }
            if f.warning > 0 {
                parts.push(count(f.warning, "warning", "warnings"));
            }
            format!(
                "The plan files need {} fixing; the appendix lists them.",
                and_list(&parts)
            )
        };
        v.push(say(text, "data-quality"));
    }
    v
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Text in curly quotes.
fn quote(s: &str) -> String {
    format!("“{s}”")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_english() {
        assert_eq!(and_list(&[]), "");
        assert_eq!(and_list(&["a".into()]), "a");
        assert_eq!(
            and_list(&["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
        assert_eq!(span(1), "1 day");
        assert_eq!(span(45), "45 days");
        assert_eq!(span(183), "about 6 months");
    }
}
