//! The paper as a view model, made once from a `Report`: its tables (heads, rows, cells), each
//! cell a run of spans that carry the plain text and what it is (a rating, an action, a lead,
//! a due date, an update), the lists cut at `ROWS` with how many were left out, and the
//! sections of "What changed" with their titles and intros. Markdown, HTML and Word render
//! this model, each in its own markup, so the three papers cannot disagree about what a row
//! holds or how many rows a list shows. (The wording they share outside tables is in `paper`.)

use super::narrative::span;
use super::{long_date, paper, ActionRef, Column, Dist, LatestUpdate, Report, INVALID, ROWS};
use chrono::NaiveDate;

/// A rating as a row shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rating {
    /// A rating on the scale.
    Scale(String),
    /// A value that is not on the scale, as written.
    Off(String),
    /// No rating at all.
    Unrated,
}

/// A run of text and what it is; each format draws it its own way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    Text(String),
    Strong(String),
    /// Secondary text (grey where the format has colour).
    Muted(String),
    /// Text kept on one line where the format can.
    NoWrap(String),
    /// A line break in HTML, ", " where a cell is one line.
    Break,
    /// An arrow between two values, then a line break in HTML.
    To,
    Rating(Rating),
    /// The no-valid-rating group as a label, apart from the scale.
    Invalid,
    /// A rating then and now (one rating when it did not change).
    ThenNow(Rating, Rating),
    /// An action: its plan's title (when the list mixes plans), id and title.
    Action {
        plan: Option<String>,
        id: String,
        title: String,
    },
    Leads(Vec<String>),
    /// A due date, with the words the plan wrote it in.
    Due(Option<NaiveDate>, Option<String>),
    /// An action's latest update.
    Update(Option<LatestUpdate>),
    /// A progress update in full: its date line (late: recorded after the last review).
    Progress {
        when: String,
        late: bool,
        text: String,
    },
    /// A by-plan count then and now ("3 → 5"; one number when the same).
    Pair(String, String),
    /// Nothing to list (Markdown leaves the cell empty).
    Nothing,
}

/// A table cell.
pub type Cell = Vec<Span>;

/// A column's head, and whether it holds numbers (right-aligned).
#[derive(Debug, Clone)]
pub struct Head {
    pub label: Cell,
    pub numeric: bool,
}

/// Rows left out of a list, "… and N more actions".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct More {
    pub n: usize,
    pub what: &'static str,
}

/// A table: heads, rows, the rows set apart (the no-valid-rating group), the columns' shares of
/// the width in percent (empty: automatic), and the rows left out.
#[derive(Debug, Clone)]
pub struct Table {
    pub heads: Vec<Head>,
    pub rows: Vec<Row>,
    pub apart: Vec<usize>,
    pub widths: Vec<u8>,
    pub more: Option<More>,
}

/// A row of cells.
pub type Row = Vec<Cell>;

/// One list of "What changed": an anchor, a title with its count, an intro, and the table (none
/// when the list is empty).
#[derive(Debug, Clone)]
pub struct Section {
    pub id: &'static str,
    pub title: String,
    pub intro: Option<Cell>,
    pub table: Option<Table>,
}

fn text(s: impl Into<String>) -> Span {
    Span::Text(s.into())
}

fn head(s: &str) -> Head {
    Head {
        label: vec![text(s)],
        numeric: false,
    }
}

fn num(label: Cell) -> Head {
    Head {
        label,
        numeric: true,
    }
}

fn more(n: usize, what: &'static str) -> Option<More> {
    (n > 0).then_some(More { n, what })
}

/// A rating as the report holds it, placed on or off the scale.
pub fn rating(r: &Report, k: Option<&str>) -> Rating {
    match k {
        Some(k) if r.ratings.iter().any(|x| x == k) => Rating::Scale(k.into()),
        Some(k) => Rating::Off(k.into()),
        None => Rating::Unrated,
    }
}

fn then_now(r: &Report, a: &ActionRef) -> Span {
    Span::ThenNow(
        rating(r, a.rating_then.as_deref()),
        rating(r, a.rating_now.as_deref()),
    )
}

fn action(a: &ActionRef, with_plan: bool) -> Span {
    Span::Action {
        plan: with_plan.then(|| a.plan_title.clone()),
        id: a.action.clone(),
        title: a.title.clone(),
    }
}

fn due(a: &ActionRef) -> Cell {
    vec![Span::Due(a.due_date, a.due_as_written.clone())]
}

/// The heads of a table with a column per rating, the no-valid-rating group, then a total.
pub fn dist_heads(r: &Report, first: &[&str], total: bool) -> Vec<Head> {
    let mut h: Vec<Head> = first.iter().map(|f| head(f)).collect();
    h.extend(
        r.ratings
            .iter()
            .map(|k| num(vec![Span::Rating(Rating::Scale(k.clone()))])),
    );
    h.push(num(vec![Span::Invalid]));
    if total {
        h.push(num(vec![text("Total")]));
    }
    h
}

/// A table of heads only, for a view that fills the rows itself (the trend).
pub fn heads(heads: Vec<Head>) -> Table {
    Table {
        heads,
        rows: Vec::new(),
        apart: Vec::new(),
        widths: Vec::new(),
        more: None,
    }
}

/// The ratings at both ends: one row per rating, the no-valid-rating group apart, the total.
pub fn ratings(r: &Report) -> Table {
    let row = |label: Span, a: usize, b: usize| {
        vec![
            vec![label],
            vec![text(a.to_string())],
            vec![text(b.to_string())],
            vec![text(super::delta(a, b))],
        ]
    };
    let (f, t) = (&r.totals.from, &r.totals.to);
    let mut rows: Vec<Row> = r
        .ratings
        .iter()
        .map(|k| {
            row(
                Span::Rating(Rating::Scale(k.clone())),
                f.get(Some(k)),
                t.get(Some(k)),
            )
        })
        .collect();
    let apart = vec![rows.len()];
    rows.push(row(Span::Invalid, f.invalid, t.invalid));
    rows.push(row(Span::Strong("Total".into()), f.total, t.total));
    Table {
        heads: vec![
            head("Rating"),
            num(vec![text(format!("On {}", long_date(r.since)))]),
            num(vec![text("Now")]),
            num(vec![text("Change")]),
        ],
        rows,
        apart,
        widths: Vec::new(),
        more: None,
    }
}

/// The plans, worst first (most actions on the worst rating now, then most with none valid),
/// each cell then → now.
pub fn by_plan(r: &Report) -> Table {
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
    let pair = |p: &super::PlanRow, k: Column<'_>| {
        let (x, y) = Dist::then_now(p.from.as_ref(), p.to.as_ref(), k);
        vec![Span::Pair(x, y)]
    };
    let rows = plans
        .iter()
        .take(ROWS)
        .map(|p| {
            let mut row = vec![vec![text(&p.title)]];
            row.extend(r.ratings.iter().map(|k| pair(p, Column::Rating(k))));
            row.push(pair(p, Column::Invalid));
            row.push(pair(p, Column::Total));
            row
        })
        .collect();
    Table {
        heads: dist_heads(r, &["Plan"], true),
        rows,
        apart: Vec::new(),
        widths: Vec::new(),
        more: more(r.plans.len().saturating_sub(ROWS), "plan"),
    }
}

/// A list of actions: action, lead, rating then → now, due (as `due` writes it), latest
/// update; at most `ROWS` rows.
fn actions<T>(
    r: &Report,
    list: &[T],
    get: impl Fn(&T) -> &ActionRef,
    due: impl Fn(&T) -> Cell,
    due_head: &str,
) -> Option<Table> {
    if list.is_empty() {
        return None;
    }
    let rows = list
        .iter()
        .take(ROWS)
        .map(|x| {
            let a = get(x);
            vec![
                vec![action(a, true)],
                vec![Span::Leads(a.leads.clone())],
                vec![then_now(r, a)],
                due(x),
                vec![Span::Update(a.latest_update.clone())],
            ]
        })
        .collect();
    Some(Table {
        heads: vec![
            head("Action"),
            head("Lead"),
            head("Rating then → now"),
            head(due_head),
            head("Latest update"),
        ],
        rows,
        apart: Vec::new(),
        widths: vec![29, 15, 11, 11, 34],
        more: more(list.len().saturating_sub(ROWS), "action"),
    })
}

/// The lists of "What changed", in order: worse, improved, overdue, slipped, not updated, and
/// the completed, withdrawn, added and removed.
pub fn changed(r: &Report) -> Vec<Section> {
    let since = long_date(r.since);
    let due_of = |a: &ActionRef| due(a);
    let mut v = vec![
        Section {
            id: "worsened",
            title: format!("Ratings that got worse ({})", r.worsened.len()),
            intro: (!r.worsened.is_empty()).then(|| {
                vec![text(
                    "Worst first: the lowest rating now, then the longest fall.",
                )]
            }),
            table: actions(r, &r.worsened, |m| &m.action, |m| due_of(&m.action), "Due"),
        },
        Section {
            id: "improved",
            title: format!("Ratings that improved ({})", r.improved.len()),
            intro: None,
            table: actions(r, &r.improved, |m| &m.action, |m| due_of(&m.action), "Due"),
        },
        Section {
            id: "overdue",
            title: format!("Newly overdue ({})", r.newly_overdue.len()),
            intro: Some(vec![
                text("Open actions that fell due from "),
                Span::NoWrap(since),
                text(format!(
                    " up to {}, longest overdue first.",
                    long_date(r.as_of)
                )),
            ]),
            table: actions(
                r,
                &r.newly_overdue,
                |o| &o.action,
                |o| {
                    vec![
                        Span::Due(Some(o.due), Some(o.due_text.clone())),
                        Span::Break,
                        Span::Strong(format!("{} overdue", span(o.days_overdue))),
                    ]
                },
                "Due",
            ),
        },
        Section {
            id: "slipped",
            title: format!("Due dates that moved later ({})", r.slipped.len()),
            intro: (!r.slipped.is_empty()).then(|| {
                vec![text(format!(
                    "Longest move first; {} in total.",
                    span(r.slipped.iter().map(|s| s.days).sum())
                ))]
            }),
            table: actions(
                r,
                &r.slipped,
                |s| &s.action,
                |s| {
                    vec![
                        Span::Due(Some(s.from), Some(s.from_text.clone())),
                        Span::To,
                        Span::Due(Some(s.to), Some(s.to_text.clone())),
                        Span::Break,
                        Span::Strong(format!("{} later", span(s.days))),
                    ]
                },
                "Due then → now",
            ),
        },
        Section {
            id: "stale",
            title: paper::stale_heading(r),
            intro: Some(vec![text(paper::stale_intro(r))]),
            table: actions(
                r,
                &r.not_updated,
                |s| &s.action,
                |s| due_of(&s.action),
                "Due",
            ),
        },
    ];
    let changed = r.completed.len() + r.withdrawn.len() + r.added.len() + r.removed.len();
    let mut rows = Vec::new();
    let mut hidden = 0;
    for (what, list) in [
        ("Completed", &r.completed),
        ("Withdrawn", &r.withdrawn),
        ("Added", &r.added),
        ("Removed (not marked withdrawn)", &r.removed),
    ] {
        for a in list.iter().take(ROWS) {
            rows.push(vec![
                vec![action(a, true)],
                vec![text(what)],
                vec![Span::Leads(a.leads.clone())],
                vec![if what == "Added" {
                    Span::Rating(rating(r, a.rating_now.as_deref()))
                } else {
                    then_now(r, a)
                }],
            ]);
        }
        hidden += list.len().saturating_sub(ROWS);
    }
    v.push(Section {
        id: "changes",
        title: format!("Completed, withdrawn, added and removed ({changed})"),
        intro: None,
        table: (changed > 0).then(|| Table {
            heads: ["Action", "What happened", "Lead", "Rating then → now"]
                .map(head)
                .to_vec(),
            rows,
            apart: Vec::new(),
            widths: Vec::new(),
            more: more(hidden, "action"),
        }),
    });
    v
}

/// The transitions matrix: rating then (rows), now (columns), the no-valid-rating group apart;
/// `None` when no action exists at both ends.
pub fn transitions(r: &Report) -> Option<Table> {
    let keys: Vec<Option<&str>> = r
        .ratings
        .iter()
        .map(|k| Some(k.as_str()))
        .chain(std::iter::once(None))
        .collect();
    let label =
        |k: Option<&str>| k.map_or(Span::Invalid, |k| Span::Rating(Rating::Scale(k.into())));
    let mut rows = Vec::new();
    let mut apart = Vec::new();
    for k in keys
        .iter()
        .filter(|k| r.transitions.iter().any(|t| t.from.as_deref() == **k))
    {
        if k.is_none() {
            apart.push(rows.len());
        }
        let mut row = vec![vec![label(*k)]];
        for j in &keys {
            let n = r
                .transitions
                .iter()
                .find(|t| t.from.as_deref() == *k && t.to.as_deref() == *j)
                .map_or(0, |t| t.count);
            row.push(vec![match n {
                0 => Span::Muted("·".into()),
                n if k == j => text(n.to_string()),
                n => Span::Strong(n.to_string()),
            }]);
        }
        rows.push(row);
    }
    (!rows.is_empty()).then(|| Table {
        heads: dist_heads(r, &["Then ↓ / now →"], false),
        rows,
        apart,
        widths: Vec::new(),
        more: None,
    })
}

/// The actions with no valid rating, by plan: the ids not rated, and those rated off the scale
/// with the value (the first 40 of each); `None` when there are none.
pub fn invalid(r: &Report) -> Option<Table> {
    if r.invalid.total == 0 {
        return None;
    }
    let ids = |v: Vec<String>| {
        let n = v.len();
        let mut shown: Vec<String> = v.into_iter().take(40).collect();
        if n > 40 {
            shown.push(format!("and {} more", n - 40));
        }
        vec![if shown.is_empty() {
            Span::Nothing
        } else {
            text(shown.join(", "))
        }]
    };
    let rows = r
        .invalid
        .plans
        .iter()
        .take(ROWS)
        .map(|p| {
            vec![
                vec![text(&p.title)],
                vec![text((p.unrated.len() + p.off_scale.len()).to_string())],
                ids(p.unrated.clone()),
                ids(p
                    .off_scale
                    .iter()
                    .map(|o| format!("{} (“{}”)", o.action, o.value))
                    .collect()),
            ]
        })
        .collect();
    Some(Table {
        heads: vec![
            head("Plan"),
            num(vec![text("Actions")]),
            head("Not rated"),
            head("Not a rating on the scale"),
        ],
        rows,
        apart: Vec::new(),
        widths: Vec::new(),
        more: more(r.invalid.plans.len().saturating_sub(ROWS), "plan"),
    })
}

/// One section's progress updates as a table, every update whole.
pub fn progress(r: &Report, updates: &[&super::Progress]) -> Table {
    let rows = updates
        .iter()
        .map(|p| {
            vec![
                vec![action(&p.action, false)],
                vec![Span::Leads(p.action.leads.clone())],
                vec![then_now(r, &p.action)],
                vec![Span::Progress {
                    when: paper::update_when(p),
                    late: p.recorded_late,
                    text: p.text.clone(),
                }],
            ]
        })
        .collect();
    Table {
        heads: ["Action", "Lead", "Rating then → now", "Progress reported"]
            .map(head)
            .to_vec(),
        rows,
        apart: Vec::new(),
        widths: vec![24, 14, 12, 50],
        more: None,
    }
}

/// The text of spans with no markup (a phone's card label, a Word header).
pub fn plain(cell: &[Span]) -> String {
    cell.iter()
        .map(|s| match s {
            Span::Text(t) | Span::Strong(t) | Span::Muted(t) | Span::NoWrap(t) => t.clone(),
            Span::Break => ", ".into(),
            Span::To => " → ".into(),
            Span::Rating(Rating::Scale(k)) => k.clone(),
            Span::Rating(_) | Span::Invalid => INVALID.into(),
            _ => String::new(),
        })
        .collect()
}

/// The summary's figures at a glance (the HTML's cards): a label, a count, and whether a
/// count above nought is bad news.
pub fn cards(r: &Report) -> [(&'static str, usize, bool); 8] {
    // open actions, as the summary's first sentence counts them
    let mut reported: Vec<(&str, &str)> = r
        .progress
        .iter()
        .filter(|p| p.open)
        .map(|p| (p.action.plan.as_str(), p.action.action.as_str()))
        .collect();
    reported.sort_unstable();
    reported.dedup();
    [
        ("reported progress", reported.len(), false),
        ("got worse", r.worsened.len(), true),
        ("improved", r.improved.len(), false),
        ("newly overdue", r.newly_overdue.len(), true),
        ("due dates moved later", r.slipped.len(), true),
        ("not updated", r.not_updated.len(), true),
        ("no valid rating", r.invalid.total, true),
        ("completed", r.completed.len(), false),
    ]
}

/// A finding as the data-quality appendix lists it: the plan (and action) it is about, what is
/// wrong, and where in the file, for whoever edits it.
pub struct FindingLine {
    pub about: String,
    pub message: String,
    pub place: String,
}

/// The findings of one rule: its summary as a heading, how many, how bad, the first `cap`.
pub struct Findings {
    pub rule: String,
    pub title: String,
    pub count: usize,
    pub severity: crate::plan::finding::Severity,
    pub lines: Vec<FindingLine>,
    /// How many are left out (`check --rev TO` lists them all).
    pub more: usize,
}

/// The data-quality appendix, rule by rule, each cut at `cap` findings.
pub fn findings(r: &Report, cap: usize) -> Vec<Findings> {
    r.findings
        .iter()
        .map(|g| Findings {
            rule: g.rule.clone(),
            title: sentence_case(&g.summary),
            count: g.count,
            severity: g.severity,
            lines: g
                .findings
                .iter()
                .take(cap)
                .map(|f| FindingLine {
                    about: format!(
                        "{}{}",
                        f.plan_title
                            .as_deref()
                            .or(f.plan.as_deref())
                            .unwrap_or(&f.file),
                        f.action
                            .as_deref()
                            .map(|a| format!(", action {a}"))
                            .unwrap_or_default()
                    ),
                    message: f.message.clone(),
                    place: format!("{}:{}:{}", f.file, f.line, f.column),
                })
                .collect(),
            more: g.findings.len().saturating_sub(cap),
        })
        .collect()
}

fn sentence_case(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn a_long_list_is_cut_at_the_same_row_with_the_same_note_in_every_format() {
        let r = crate::report::markdown::tests::big(25);
        let stale = changed(&r)
            .into_iter()
            .find(|s| s.id == "stale")
            .and_then(|s| s.table)
            .expect("the list of actions not updated");
        assert_eq!(stale.rows.len(), ROWS);
        assert_eq!(
            stale.more,
            Some(More {
                n: 15,
                what: "action"
            })
        );
        let note = "… and 15 more actions, not shown here";
        // (long updates: whole, not cut at GitHub's limit)
        let md = crate::report::markdown::render_limited(&r, usize::MAX);
        assert!(md.contains(note), "{md}");
        let html = crate::report::html::render(&r);
        assert!(html.contains(note));
        let docx = crate::report::docx::render(&r, None).expect("a Word document");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
        let mut doc = String::new();
        zip.by_name("word/document.xml")
            .expect("the document part")
            .read_to_string(&mut doc)
            .expect("UTF-8");
        assert!(doc.contains(note));
        // every format shows the same ten actions, the first ten
        for id in ["plan-0", "plan-9"] {
            let title = format!("Plan {}", &id[5..]);
            assert!(md.contains(&format!("{title}: **{}**", &id[5..])), "{id}");
            assert!(
                html.contains(&format!("<span class=\"plan\">{title}</span>")),
                "{id}"
            );
            assert!(doc.contains(&format!("{title}: ")), "{id}");
        }
        assert!(
            !md.contains("Plan 10:") && !html.contains(">Plan 10<") && !doc.contains("Plan 10: ")
        );
    }
}
