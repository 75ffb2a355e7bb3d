//! The HTML view of a report: one self-contained page (inline CSS and SVG; no scripts, fonts or
//! anything fetched) laid out as a board paper. A header with the programme, the meeting and the
//! period; a summary in sentences that link to their tables; then what changed, action by
//! action (who leads it, its rating then and now, its due date, its latest update); then the
//! appendices on data quality. Every rating is a word as well as a colour, so colour-blind
//! readers and black-and-white prints lose nothing. On a phone every table becomes a stack of
//! cards; printed, it is A4 with the title and page numbers in the margins.

use super::narrative::span;
use super::paper;
use super::{
    count, long_date, short_date, trim_text, ActionRef, Column, Dist, Report, INVALID, ROWS,
};
use std::fmt::Write;

/// How many characters of an update the rows show before "more".
const UPDATE_CHARS: usize = 120;

/// How many rows each group of the data-quality appendix shows.
const FINDING_ROWS: usize = 3;

/// How many review cycles the trend shows (the latest).
const TREND_CYCLES: usize = 12;

const STYLE: &str = r#"
:root{--fg:#1a1a1a;--muted:#555;--line:#c8c8c8;--head:#eef0f2}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#fff}
main{max-width:72rem;margin:0 auto;padding:1rem 1rem 3rem}
.kicker{margin:0;color:var(--muted);font-size:.95rem;text-transform:uppercase;letter-spacing:.04em}
h1{font-size:1.75rem;line-height:1.2;margin:.2rem 0 .3rem}
h2{font-size:1.35rem;margin:2rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid var(--line)}
h3{font-size:1.08rem;margin:1.4rem 0 .4rem}
p{margin:.4rem 0}
.period{font-size:1.1rem;margin:.2rem 0}
.source,.note,.small{color:var(--muted);font-size:.85em}
.nb{white-space:nowrap}
.story{padding-left:1.2rem;margin:.5rem 0 1rem}
.story li{margin:.35rem 0}
.story a{color:inherit;text-decoration:underline dotted #888;text-underline-offset:.2em}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.3rem 0}
th,td{border-bottom:1px solid var(--line);padding:.35rem .45rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
table.fixed{table-layout:fixed}
thead th{background:var(--head);border-bottom:2px solid #8a8a8a;overflow-wrap:normal}
tbody th{font-weight:600}
.n{text-align:right;font-variant-numeric:tabular-nums}
tr.apart td,tr.apart th{border-top:2px dashed #8a8a8a}
.r{display:inline-block;padding:0 .4em;border-radius:.3em;font-weight:600;white-space:nowrap;border:1px solid #000;font-size:.85em}
.r-red{background:#b3261e;color:#fff}
.r-amber-red,.r-red-amber{background:#a34700;color:#fff}
.r-amber{background:#f2b705;color:#000}
.r-amber-green,.r-green-amber{background:#9cc23a;color:#000}
.r-green{background:#1e7b34;color:#fff}
.r-blue{background:#1d4ed8;color:#fff}
.r-none{background:#fff;color:#333;border-style:dashed;font-weight:400}
.r-other{background:#5c5c5c;color:#fff}
.arrow{color:var(--muted);padding:0 .15em}
.plan{display:block;color:var(--muted);font-size:.85em}
.id{font-weight:700}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(8.5rem,1fr));gap:.5rem;list-style:none;padding:0;margin:.8rem 0}
.cards li{border:1px solid var(--line);border-radius:.4rem;padding:.4rem .6rem;font-size:.9rem}
.cards b{display:block;font-size:1.6rem;line-height:1.2}
.cards .bad{border-left:.35rem solid #b3261e}
.pair{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;align-items:start}
@media (max-width:50rem){.pair{display:block}}
.legend{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.4rem .8rem}
figure{margin:.6rem 0}
figcaption{color:var(--muted);font-size:.85rem}
svg{display:block;max-width:100%;height:auto}
.same{color:var(--muted)}
details summary{cursor:pointer}
details summary::marker{color:var(--muted)}
.more{color:var(--muted);font-style:italic}
.whole{display:none}
.framing{margin:.8rem 0;padding:.5rem .8rem;border-left:.3rem solid var(--line);background:#f7f8f9}
.framing ul{margin:.3rem 0;padding-left:1.2rem}
h3.plan-head{margin-top:1.2rem}
h4{font-size:1.02em;margin:.9em 0 .3em;color:var(--muted)}
.late{color:var(--muted);font-style:italic}
.finds{margin:0;padding-left:1rem}
.finds li{margin:.1rem 0}
footer{margin-top:2.5rem;padding-top:.6rem;border-top:1px solid var(--line);color:var(--muted);font-size:.8rem}
footer code{font:.95em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
@media screen and (max-width:40rem){
 body{font-size:15px}
 main{padding:.6rem}
 h1{font-size:1.45rem}
 table.t thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
 table.t,table.t tbody,table.t tr,table.t td,table.t tbody th{display:block;width:100%}
 table.t tr{border:1px solid var(--line);border-radius:.4rem;margin:.5rem 0;padding:.25rem .5rem}
 table.t tr.apart{border-style:dashed}
 table.t td,table.t tbody th{border:0;padding:.12rem 0;text-align:left}
 table.t td[data-label]::before{content:attr(data-label) ": ";color:var(--muted);font-size:.8rem}
 table.t td.lead-cell::before{display:inline}
}
@media print{
 body{font-size:9pt;line-height:1.35}
 h2{margin:0 0 .5rem}
 h3{margin:1rem 0 .3rem}
 .cards{display:none}
 figure{margin:.3rem 0}
 th,td{padding:.2rem .35rem}
 table{font-size:8pt}
 .appendix td{font-size:7.5pt}
 .pair{display:grid}
 h3#trend{margin-top:0}
 main{max-width:none;padding:0}
 .major{break-before:page}
 h2,h3,h4{break-after:avoid}
 tr,figure,.cards li,.story li{break-inside:avoid}
 thead{display:table-header-group}
 details summary::marker{content:""}
 .screen{display:none}
 .whole{display:inline}
 .progress-row,.progress-row td{break-inside:avoid}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 a{color:inherit;text-decoration:none}
 .story a{text-decoration:none}
}
"#;

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // shown, not obeyed, on a terminal that prints the page (and never a raw control
            // character in the document, which HTML forbids)
            c if crate::plan::escape::is_unsafe(c) && !matches!(c, '\n' | '\t') => {
                out.push_str(&crate::plan::escape::line(c.encode_utf8(&mut [0; 4])));
            }
            _ => out.push(c),
        }
    }
    out
}

/// Text as a CSS string literal (the print margins' title): quotes, backslashes and `<` escaped,
/// so no text can end the string or the style element.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' | '>' | '&' => {
                let _ = write!(out, "\\{:x} ", c as u32);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The CSS class of a rating's colours (`r-other` for ratings with no colour of their own).
fn class(rating: &str) -> &'static str {
    match rating {
        "red" => "r-red",
        "amber-red" => "r-amber-red",
        "red-amber" => "r-red-amber",
        "amber" => "r-amber",
        "amber-green" => "r-amber-green",
        "green-amber" => "r-green-amber",
        "green" => "r-green",
        "blue" => "r-blue",
        _ => "r-other",
    }
}

/// Fill and text colours for a rating in SVG (the same as the CSS classes).
pub(super) fn colours(rating: &str) -> (&'static str, &'static str) {
    match class(rating) {
        "r-red" => ("#b3261e", "#fff"),
        "r-amber-red" | "r-red-amber" => ("#a34700", "#fff"),
        "r-amber" => ("#f2b705", "#000"),
        "r-amber-green" | "r-green-amber" => ("#9cc23a", "#000"),
        "r-green" => ("#1e7b34", "#fff"),
        "r-blue" => ("#1d4ed8", "#fff"),
        _ => ("#5c5c5c", "#fff"),
    }
}

fn badge(rating: &str) -> String {
    format!("<span class=\"r {}\">{}</span>", class(rating), esc(rating))
}

fn invalid_badge() -> String {
    format!("<span class=\"r r-none\">{INVALID}</span>")
}

/// A rating as a row shows it: a scale rating in its colour; no rating or a value off the scale
/// as the dashed "no valid rating" badge (the value written beside it).
fn rating_badge(r: &Report, rating: Option<&str>) -> String {
    match rating {
        Some(k) if r.ratings.iter().any(|x| x == k) => badge(k),
        Some(k) => format!(
            "<span class=\"r r-none\">not rated</span> <span class=\"same\">(“{}”)</span>",
            esc(k)
        ),
        None => "<span class=\"r r-none\">not rated</span>".into(),
    }
}

/// A table: headers (numeric ones right-aligned) and rows of ready HTML cells. Each cell carries
/// its header as `data-label`, which a phone shows above it when the rows become cards.
fn table(headers: &[(&str, bool)], rows: &[Vec<String>]) -> String {
    table_with(headers, rows, &[], &[])
}

/// `table`, with the rows at the given positions set apart (the no-valid-rating group), and
/// the columns' shares of the width (percentages; none for automatic widths).
fn table_with(
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
fn more(n: usize, what: &str) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(
            "<p class=\"more\">… and {n} more {}, not shown here; <span class=\"nb\">--format json</span> lists them all.</p>\n",
            if n == 1 { what.to_string() } else { format!("{what}s") }
        )
    }
}

fn none() -> String {
    "<p class=\"note\">None.</p>\n".into()
}

/// The action cell: the plan's title small above, the id and title.
fn action_cell(a: &ActionRef) -> String {
    format!(
        "<span class=\"plan\">{}</span><span class=\"id\">{}</span> {}",
        esc(&a.plan_title),
        esc(&a.action),
        esc(&a.title)
    )
}

/// The leads: the first two, then how many more (the JSON has them all).
fn leads_cell(a: &ActionRef) -> String {
    if a.leads.is_empty() {
        return "<em>no lead named</em>".into();
    }
    let mut s = a
        .leads
        .iter()
        .take(2)
        .map(|l| esc(l))
        .collect::<Vec<_>>()
        .join("; ");
    if a.leads.len() > 2 {
        let _ = write!(
            s,
            " <span class=\"same\">and {} more</span>",
            a.leads.len() - 2
        );
    }
    s
}

fn then_now(r: &Report, a: &ActionRef) -> String {
    let then = match (&a.rating_then, &a.rating_now) {
        (t, n) if t == n => return rating_badge(r, a.rating_now.as_deref()),
        (t, _) => rating_badge(r, t.as_deref()),
    };
    format!(
        "{then}<span class=\"arrow\" aria-label=\"then, now\">→</span>{}",
        rating_badge(r, a.rating_now.as_deref())
    )
}

/// A due date in short words, with the plan's own words when they differ.
fn due_words(date: Option<chrono::NaiveDate>, text: Option<&str>) -> String {
    match (date, text) {
        (Some(d), Some(t)) if t != d.to_string() && !t.trim().is_empty() => esc(t),
        (Some(d), _) => format!("<span class=\"nb\">{}</span>", short_date(d)),
        (None, Some(t)) => format!("“{}”", esc(t)),
        (None, None) => "<span class=\"same\">none</span>".into(),
    }
}

/// The latest update: its date and who gave it, then its text, trimmed with the whole text a
/// click away (`<details>`, no script).
fn update_cell(a: &ActionRef) -> String {
    let Some(u) = &a.latest_update else {
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

const ROW_HEAD: [(&str, bool); 5] = [
    ("Action", false),
    ("Lead", false),
    ("Rating then → now", false),
    ("Due", false),
    ("Latest update", false),
];

/// A list of actions as rows, at most `ROWS`, then "and N more".
fn action_rows<T>(
    r: &Report,
    list: &[T],
    get: impl Fn(&T) -> &ActionRef,
    due: impl Fn(&T) -> String,
    heads: [(&str, bool); 5],
) -> String {
    if list.is_empty() {
        return none();
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .take(ROWS)
        .map(|x| {
            let a = get(x);
            vec![
                action_cell(a),
                leads_cell(a),
                then_now(r, a),
                due(x),
                update_cell(a),
            ]
        })
        .collect();
    let mut s = table_with(&heads, &rows, &[], &[29, 15, 11, 11, 34]);
    s.push_str(&more(list.len().saturating_sub(ROWS), "action"));
    s
}

/// A horizontal stacked bar per row, in inline SVG, with a title and description for screen
/// readers, counts written in the bars wide enough to hold them, and a word legend beneath.
/// The scale's ratings fill the bar; the no-valid-rating group is drawn apart after a gap,
/// dashed and white, so a data error never looks like a rating.
fn chart(id: &str, title: &str, rows: &[(String, &Dist)], ratings: &[String]) -> String {
    const W: f64 = 560.0;
    const BAR: f64 = 470.0;
    const GAP: f64 = 10.0;
    const ROW: f64 = 48.0;
    let height = ROW * rows.len() as f64 + 4.0;
    let desc: Vec<String> = rows
        .iter()
        .map(|(label, d)| {
            let mut parts: Vec<String> = ratings
                .iter()
                .filter(|k| d.get(Some(k)) > 0)
                .map(|k| format!("{k} {}", d.get(Some(k))))
                .collect();
            if d.invalid > 0 {
                parts.push(format!("{INVALID} {}", d.invalid));
            }
            format!("{label}: {} of {}", parts.join(", "), d.total)
        })
        .collect();
    let mut s = format!(
        "<figure><svg role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {W} {height}\" width=\"{W}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif\" font-size=\"14\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(&desc.join("; "))
    );
    for (i, (label, d)) in rows.iter().enumerate() {
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{}\" fill=\"#1a1a1a\">{}</text>",
            ROW * i as f64 + 15.0,
            esc(&truncate(label, 60))
        );
        let y = ROW * i as f64 + 21.0;
        if d.total == 0 {
            let _ = write!(
                s,
                "<rect x=\"0\" y=\"{y}\" width=\"{BAR}\" height=\"22\" fill=\"#fff\" stroke=\"#8a8a8a\"/><text x=\"6\" y=\"{}\" fill=\"#4d4d4d\">no actions</text>",
                y + 16.0
            );
            continue;
        }
        let usable = if d.invalid > 0 { BAR - GAP } else { BAR };
        let mut x = 0.0;
        let segment = |s: &mut String,
                       x: &mut f64,
                       n: usize,
                       name: &str,
                       fill: &str,
                       fg: &str,
                       dashed: bool| {
            let w = usable * n as f64 / d.total as f64;
            let pct = 100.0 * n as f64 / d.total as f64;
            let _ = write!(
                s,
                "<rect x=\"{:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"22\" fill=\"{fill}\" stroke=\"#000\" stroke-width=\"0.75\"{}><title>{}: {n} of {} ({pct:.0}%)</title></rect>",
                *x,
                if dashed { " stroke-dasharray=\"4 3\"" } else { "" },
                esc(&format!("{label}, {name}")),
                d.total
            );
            if w >= 26.0 {
                let _ = write!(
                    s,
                    "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"{fg}\" aria-hidden=\"true\">{n}</text>",
                    *x + w / 2.0,
                    y + 16.0
                );
            }
            *x += w;
        };
        for k in ratings {
            let n = d.get(Some(k));
            if n > 0 {
                let (fill, fg) = colours(k);
                segment(&mut s, &mut x, n, k, fill, fg, false);
            }
        }
        if d.invalid > 0 {
            x += GAP;
            segment(&mut s, &mut x, d.invalid, INVALID, "#ffffff", "#333", true);
        }
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\">{}</text>",
            BAR + 8.0,
            y + 16.0,
            d.total
        );
    }
    s.push_str("</svg><figcaption><ul class=\"legend\" aria-label=\"Legend\">");
    for k in ratings {
        let _ = write!(s, "<li>{}</li>", badge(k));
    }
    let _ = write!(
        s,
        "<li>{} <span class=\"same\">(apart, after a gap)</span></li>",
        invalid_badge()
    );
    s.push_str("</ul></figcaption></figure>\n");
    s
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

fn since_words(r: &Report) -> String {
    format!("<span class=\"nb\">{}</span>", long_date(r.since))
}

/// Progress reported this cycle, the paper's main content: a heading per plan, a table per
/// section, every update whole (a row never splits across pages when printed).
fn progress(r: &Report) -> String {
    let mut s = format!(
        "<section class=\"major\" aria-labelledby=\"progress\"><h2 id=\"progress\">{} ({})</h2><p class=\"note\">{}</p>",
        paper::PROGRESS,
        r.progress.len(),
        esc(&paper::progress_intro(r))
    );
    if r.progress.is_empty() {
        s.push_str(&none());
    }
    for plan in paper::progress_groups(r, super::PROGRESS_ROWS) {
        let _ = write!(s, "<h3 class=\"plan-head\">{}</h3>", esc(&plan.title));
        for sec in &plan.sections {
            if let Some(t) = &sec.title {
                let _ = write!(s, "<h4>{}</h4>", esc(t));
            }
            let rows: Vec<Vec<String>> = sec
                .updates
                .iter()
                .map(|p| {
                    let when = paper::update_when(p);
                    let when = if p.recorded_late {
                        format!("<span class=\"late\">{}</span>", esc(&when))
                    } else {
                        format!("<b>{}</b>", esc(&when))
                    };
                    vec![
                        format!(
                            "<span class=\"id\">{}</span> {}",
                            esc(&p.action.action),
                            esc(&p.action.title)
                        ),
                        leads_cell(&p.action),
                        then_now(r, &p.action),
                        format!("{when}: {}", esc(&p.text)),
                    ]
                })
                .collect();
            s.push_str(
                &table_with(
                    &[
                        ("Action", false),
                        ("Lead", false),
                        ("Rating then → now", false),
                        ("Progress reported", false),
                    ],
                    &rows,
                    &[],
                    &[24, 14, 12, 50],
                )
                .replace("<tr>", "<tr class=\"progress-row\">"),
            );
        }
    }
    s.push_str(&more(
        r.progress.len().saturating_sub(super::PROGRESS_ROWS),
        "update",
    ));
    s.push_str("</section>\n");
    s
}

pub fn render(r: &Report) -> String {
    let mut s = String::with_capacity(64 * 1024);
    let margin = format!(
        "@page{{size:A4;margin:15mm 13mm 16mm;@top-left{{content:{};font:8pt system-ui,sans-serif;color:#555}}@top-right{{content:{};font:8pt system-ui,sans-serif;color:#555}}@bottom-right{{content:\"Page \" counter(page) \" of \" counter(pages);font:8pt system-ui,sans-serif;color:#555}}@bottom-left{{content:{};font:8pt system-ui,sans-serif;color:#555}}}}",
        css_string(&r.title),
        css_string(&r.period),
        css_string(&format!("Position as of {}", long_date(r.as_of)))
    );
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"planlint {}\">\n<title>{}: {}</title>\n<style>{STYLE}{margin}</style>\n</head>\n<body>\n<main>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&r.title),
        esc(&r.period),
    );

    // the masthead
    s.push_str("<header>");
    let _ = write!(
        s,
        "<p class=\"kicker\">{}</p>",
        esc(r.board.as_deref().unwrap_or("Review of the action plans"))
    );
    let _ = write!(s, "<h1>{}</h1>", esc(&r.title));
    let _ = write!(
        s,
        "<p class=\"period\"><strong>{}</strong> · position as of <span class=\"nb\">{}</span></p>",
        esc(&r.period),
        long_date(r.as_of)
    );
    let _ = writeln!(
        s,
        "<p class=\"source\">{}<br>{}</p></header>",
        esc(&paper::dates_line(r)),
        esc(&paper::source_line(r))
    );
    if r.purpose.is_some() || !r.asks.is_empty() {
        s.push_str("<section class=\"framing\" aria-label=\"Purpose\">");
        if let Some(p) = &r.purpose {
            let _ = write!(s, "<p>{}</p>", esc(p));
        }
        if !r.asks.is_empty() {
            let _ = write!(s, "<p><strong>{}</strong></p><ul>", paper::ASKS);
            for a in &r.asks {
                let _ = write!(s, "<li>{}</li>", esc(a));
            }
            s.push_str("</ul>");
        }
        s.push_str("</section>\n");
    }

    // summary
    s.push_str(
        "<section aria-labelledby=\"summary\"><h2 id=\"summary\">Summary</h2><ul class=\"story\">",
    );
    for n in &r.narrative {
        let _ = write!(
            s,
            "<li><a href=\"#{}\">{}</a></li>",
            esc(&n.section),
            esc(&n.text)
        );
    }
    s.push_str("</ul>");
    // open actions, as the summary's first sentence counts them
    let mut reported: Vec<(&str, &str)> = r
        .progress
        .iter()
        .filter(|p| p.open)
        .map(|p| (p.action.plan.as_str(), p.action.action.as_str()))
        .collect();
    reported.sort_unstable();
    reported.dedup();
    let cards = [
        ("reported progress", reported.len(), false),
        ("got worse", r.worsened.len(), true),
        ("improved", r.improved.len(), false),
        ("newly overdue", r.newly_overdue.len(), true),
        ("due dates moved later", r.slipped.len(), true),
        ("not updated", r.not_updated.len(), true),
        ("no valid rating", r.invalid.total, true),
        ("completed", r.completed.len(), false),
    ];
    s.push_str("<ul class=\"cards\">");
    for (label, n, bad) in cards {
        let _ = write!(
            s,
            "<li{}><b>{n}</b>{label}</li>",
            if bad && n > 0 { " class=\"bad\"" } else { "" }
        );
    }
    s.push_str("</ul>\n");

    let then = long_date(r.since);
    let now = long_date(r.as_of);
    s.push_str("<h3 id=\"ratings\">Ratings then and now</h3><div class=\"pair\"><div>");
    // with a trend whose last two cycles are FROM and TO, the headline bars would repeat it
    let ends: Vec<Option<&str>> = r
        .cycles
        .iter()
        .rev()
        .take(2)
        .map(|c| Some(c.commit.as_str()))
        .collect();
    let trend_ends =
        r.cycles.len() >= 3 && ends == [r.to.commit.as_deref(), r.from.commit.as_deref()];
    if trend_ends {
        s.push_str(&trend(r));
    } else {
        s.push_str(&chart(
            "headline",
            &format!("Actions by rating on {then} and {now}"),
            &[(then.clone(), &r.totals.from), (now.clone(), &r.totals.to)],
            &r.ratings,
        ));
    }
    let mut rows: Vec<Vec<String>> = r
        .ratings
        .iter()
        .map(|k| {
            let (a, b) = (r.totals.from.get(Some(k)), r.totals.to.get(Some(k)));
            vec![badge(k), a.to_string(), b.to_string(), super::delta(a, b)]
        })
        .collect();
    let apart = rows.len();
    let (a, b) = (r.totals.from.invalid, r.totals.to.invalid);
    rows.push(vec![
        invalid_badge(),
        a.to_string(),
        b.to_string(),
        super::delta(a, b),
    ]);
    rows.push(vec![
        "<strong>Total</strong>".to_string(),
        r.totals.from.total.to_string(),
        r.totals.to.total.to_string(),
        super::delta(r.totals.from.total, r.totals.to.total),
    ]);
    let then_head = format!("On {}", esc(&then));
    s.push_str("</div><div>");
    s.push_str(&table_with(
        &[
            ("Rating", false),
            (&then_head, true),
            ("Now", true),
            ("Change", true),
        ],
        &rows,
        &[apart],
        &[],
    ));
    s.push_str("</div></div>");

    // by plan, worst first: most actions on the worst rating now, then most with none valid
    s.push_str("<h3 id=\"by-plan\">By plan</h3><p class=\"note\">Each cell: then → now.</p>");
    let mut heads: Vec<(String, bool)> = vec![("Plan".into(), false)];
    heads.extend(r.ratings.iter().map(|k| (badge(k), true)));
    heads.push((INVALID.to_string(), true));
    heads.push(("Total".into(), true));
    let heads_ref: Vec<(&str, bool)> = heads.iter().map(|(h, n)| (h.as_str(), *n)).collect();
    let pair = |a: Option<&Dist>, b: Option<&Dist>, k: Column<'_>| {
        let (x, y) = Dist::then_now(a, b, k);
        if x == y {
            format!("<span class=\"same\">{x}</span>")
        } else {
            format!("<span class=\"nb\">{x} → <strong>{y}</strong></span>")
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
    let rows: Vec<Vec<String>> = plans
        .iter()
        .take(ROWS)
        .map(|p| {
            let mut row = vec![esc(&p.title)];
            row.extend(
                r.ratings
                    .iter()
                    .map(|k| pair(p.from.as_ref(), p.to.as_ref(), Column::Rating(k))),
            );
            row.push(pair(p.from.as_ref(), p.to.as_ref(), Column::Invalid));
            row.push(pair(p.from.as_ref(), p.to.as_ref(), Column::Total));
            row
        })
        .collect();
    s.push_str(&table(&heads_ref, &rows));
    s.push_str(&more(r.plans.len().saturating_sub(ROWS), "plan"));

    if r.cycles.len() >= 3 && !trend_ends {
        s.push_str(&trend(r));
    }
    s.push_str("</section>\n");

    s.push_str(&progress(r));

    // what changed, action by action
    let since = since_words(r);
    let _ = write!(
        s,
        "<section class=\"major\" aria-labelledby=\"changed\"><h2 id=\"changed\">What changed since {since}</h2>"
    );
    let due_of = |a: &ActionRef| due_words(a.due_date, a.due_as_written.as_deref());
    let _ = write!(
        s,
        "<h3 id=\"worsened\">Ratings that got worse ({})</h3>",
        r.worsened.len()
    );
    if !r.worsened.is_empty() {
        s.push_str(
            "<p class=\"note\">Worst first: the lowest rating now, then the longest fall.</p>",
        );
    }
    s.push_str(&action_rows(
        r,
        &r.worsened,
        |m| &m.action,
        |m| due_of(&m.action),
        ROW_HEAD,
    ));
    let _ = write!(
        s,
        "<h3 id=\"improved\">Ratings that improved ({})</h3>",
        r.improved.len()
    );
    s.push_str(&action_rows(
        r,
        &r.improved,
        |m| &m.action,
        |m| due_of(&m.action),
        ROW_HEAD,
    ));

    let _ = write!(
        s,
        "<h3 id=\"overdue\">Newly overdue ({})</h3><p class=\"note\">Open actions that fell due from {} up to {}, longest overdue first.</p>",
        r.newly_overdue.len(),
        since,
        long_date(r.as_of)
    );
    s.push_str(&action_rows(
        r,
        &r.newly_overdue,
        |o| &o.action,
        |o| {
            format!(
                "{}<br><strong>{} overdue</strong>",
                due_words(Some(o.due), Some(&o.due_text)),
                span(o.days_overdue)
            )
        },
        ROW_HEAD,
    ));

    let _ = write!(
        s,
        "<h3 id=\"slipped\">Due dates that moved later ({})</h3>",
        r.slipped.len()
    );
    if !r.slipped.is_empty() {
        let total: i64 = r.slipped.iter().map(|x| x.days).sum();
        let _ = write!(
            s,
            "<p class=\"note\">Longest move first; {} in total.</p>",
            span(total)
        );
    }
    let mut slip_head = ROW_HEAD;
    slip_head[3] = ("Due then → now", false);
    s.push_str(&action_rows(
        r,
        &r.slipped,
        |x| &x.action,
        |x| {
            format!(
                "{} →<br>{}<br><strong>{} later</strong>",
                due_words(Some(x.from), Some(&x.from_text)),
                due_words(Some(x.to), Some(&x.to_text)),
                span(x.days)
            )
        },
        slip_head,
    ));

    let _ = write!(
        s,
        "<h3 id=\"stale\">{}</h3><p class=\"note\">{}</p>",
        esc(&paper::stale_heading(r)),
        esc(&paper::stale_intro(r))
    );
    s.push_str(&action_rows(
        r,
        &r.not_updated,
        |x| &x.action,
        |x| due_of(&x.action),
        ROW_HEAD,
    ));

    let _ = write!(
        s,
        "<h3 id=\"changes\">Completed, withdrawn, added and removed ({})</h3>",
        r.completed.len() + r.withdrawn.len() + r.added.len() + r.removed.len()
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
            rows.push(vec![
                action_cell(a),
                what.to_string(),
                leads_cell(a),
                if what == "Added" {
                    rating_badge(r, a.rating_now.as_deref())
                } else {
                    then_now(r, a)
                },
            ]);
        }
        hidden += list.len().saturating_sub(ROWS);
    }
    if rows.is_empty() {
        s.push_str(&none());
    } else {
        s.push_str(&table(
            &[
                ("Action", false),
                ("What happened", false),
                ("Lead", false),
                ("Rating then → now", false),
            ],
            &rows,
        ));
        s.push_str(&more(hidden, "action"));
    }

    s.push_str("</section>\n");

    // appendices
    s.push_str("<section class=\"major appendix\" aria-labelledby=\"transitions\">");
    // the transitions matrix, the scale only, the no-valid-rating group set apart
    s.push_str("<h2 id=\"transitions\">Appendix A. Rating transitions</h2><p class=\"note\">Actions at both ends: rating then (rows), rating now (columns). Off the diagonal, the rating changed.</p>");
    let keys: Vec<Option<&str>> = r
        .ratings
        .iter()
        .map(|k| Some(k.as_str()))
        .chain(std::iter::once(None))
        .collect();
    let label = |k: Option<&str>| k.map_or_else(invalid_badge, badge);
    let mut heads: Vec<(String, bool)> = vec![("Then ↓ / now →".into(), false)];
    heads.extend(keys.iter().map(|k| (label(*k), true)));
    let heads_ref: Vec<(&str, bool)> = heads.iter().map(|(h, n)| (h.as_str(), *n)).collect();
    let mut rows = Vec::new();
    let mut apart = Vec::new();
    for k in keys
        .iter()
        .filter(|k| r.transitions.iter().any(|t| t.from.as_deref() == **k))
    {
        if k.is_none() {
            apart.push(rows.len());
        }
        let mut row = vec![label(*k)];
        for j in &keys {
            let n = r
                .transitions
                .iter()
                .find(|t| t.from.as_deref() == *k && t.to.as_deref() == *j)
                .map_or(0, |t| t.count);
            row.push(match n {
                0 => "<span class=\"same\">·</span>".to_string(),
                n if k == j => n.to_string(),
                n => format!("<strong>{n}</strong>"),
            });
        }
        rows.push(row);
    }
    if rows.is_empty() {
        s.push_str("<p class=\"note\">No action exists at both ends.</p>");
    } else {
        s.push_str(&table_with(&heads_ref, &rows, &apart, &[]));
    }
    let _ = write!(
        s,
        "<h2 id=\"no-valid-rating\">Appendix B. Actions with no valid rating ({})</h2>",
        r.invalid.total
    );
    if r.invalid.total == 0 {
        s.push_str("<p>Every action carries a rating on the scale.</p>");
    } else {
        let _ = write!(
            s,
            "<p>These actions are counted apart from the ratings above: {} carry no rating at all and {} carry a value that is not on the scale ({}). The plan's owner should give each a rating.</p>",
            r.invalid.unrated,
            r.invalid.off_scale,
            r.ratings.iter().map(|k| esc(k)).collect::<Vec<_>>().join(", ")
        );
        let rows: Vec<Vec<String>> = r
            .invalid
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
                    if shown.is_empty() {
                        "<span class=\"same\">none</span>".to_string()
                    } else {
                        shown.join(", ")
                    }
                };
                vec![
                    esc(&p.title),
                    (p.unrated.len() + p.off_scale.len()).to_string(),
                    ids(p.unrated.iter().map(|a| esc(a)).collect()),
                    ids(p
                        .off_scale
                        .iter()
                        .map(|o| format!("{} (“{}”)", esc(&o.action), esc(&o.value)))
                        .collect()),
                ]
            })
            .collect();
        s.push_str(&table(
            &[
                ("Plan", false),
                ("Actions", true),
                ("Not rated", false),
                ("Not a rating on the scale", false),
            ],
            &rows,
        ));
        s.push_str(&more(r.invalid.plans.len().saturating_sub(ROWS), "plan"));
    }

    if r.findings_included {
        let f = &r.findings_summary;
        let _ = write!(
            s,
            "<h2 id=\"data-quality\">Appendix C. Data quality: what the plan files need fixing</h2><p>The plan files at {} have {}, {} and {}. Each is listed with the plan and action it is about; the small print says where in the file, for whoever edits it.</p>",
            esc(&r.to.rev),
            count(f.error, "error", "errors"),
            count(f.warning, "warning", "warnings"),
            count(f.info, "note", "notes")
        );
        let rows: Vec<Vec<String>> = r
            .findings
            .iter()
            .map(|g| {
                let mut items = String::from("<ul class=\"finds\">");
                for x in g.findings.iter().take(FINDING_ROWS) {
                    let _ = write!(
                        items,
                        "<li><b>{}{}</b>: {} <span class=\"small nb\">{}:{}:{}</span></li>",
                        esc(x.plan_title.as_deref().or(x.plan.as_deref()).unwrap_or(&x.file)),
                        x.action
                            .as_deref()
                            .map(|a| format!(", action {}", esc(a)))
                            .unwrap_or_default(),
                        esc(&x.message),
                        esc(&x.file),
                        x.line,
                        x.column
                    );
                }
                if g.findings.len() > FINDING_ROWS {
                    let _ = write!(
                        items,
                        "<li class=\"more\">… and {} more; <span class=\"nb\">{}</span> lists them all</li>",
                        g.findings.len() - FINDING_ROWS,
                        esc(&super::check_command(r))
                    );
                }
                items.push_str("</ul>");
                vec![
                    format!(
                        "<b>{}</b><br><span class=\"small\">{}, {}</span>",
                        esc(&sentence_case(&g.summary)),
                        count(g.count, "place", "places"),
                        match g.severity {
                            crate::plan::finding::Severity::Error => "must be fixed",
                            crate::plan::finding::Severity::Warning => "should be fixed",
                            _ => "worth a look",
                        }
                    ),
                    items,
                ]
            })
            .collect();
        if rows.is_empty() {
            s.push_str(&none());
        } else {
            s.push_str(&table_with(
                &[("What needs fixing", false), ("Where", false)],
                &rows,
                &[],
                &[30, 70],
            ));
        }
    }

    if !r.unreadable.is_empty() {
        s.push_str(
            "<h2 id=\"left-out\">Left out</h2><p>These files could not be read as plans:</p><ul>",
        );
        for u in &r.unreadable {
            let _ = write!(s, "<li>{}</li>", esc(u));
        }
        s.push_str("</ul>");
    }
    s.push_str("</section>\n");
    let _ = write!(
        s,
        "<footer>Made by planlint {} from the plan files in git. To make this report again, run in the plan repository: <code>{}</code></footer>\n</main>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&r.command)
    );
    s
}

/// The trend over the review cycles (only with three or more: two are the headline bars again),
/// the latest `TREND_CYCLES` of them.
fn trend(r: &Report) -> String {
    let mut s = String::new();
    let shown = &r.cycles[r.cycles.len().saturating_sub(TREND_CYCLES)..];
    let _ = write!(
        s,
        "<h3 id=\"trend\">Trend over {}</h3>",
        if shown.len() < r.cycles.len() {
            format!(
                "the latest {} of {} review cycles",
                shown.len(),
                r.cycles.len()
            )
        } else {
            format!("{} review cycles", r.cycles.len())
        }
    );
    let rows: Vec<(String, &Dist)> = shown
        .iter()
        .map(|c| {
            (
                match c.date {
                    Some(d) => format!("{} ({})", c.tag, short_date(d)),
                    None => c.tag.clone(),
                },
                &c.counts,
            )
        })
        .collect();
    s.push_str(&chart(
        "trend-chart",
        "Actions by rating at each review cycle",
        &rows,
        &r.ratings,
    ));
    s
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

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn a_chart_names_its_ratings_in_words() {
        let mut d = Dist::default();
        d.add(Some("red"), 2);
        d.add(Some("green"), 6);
        d.add(None, 1);
        let ratings = vec!["red".to_string(), "green".to_string()];
        let svg = chart("c", "Ratings", &[("q1".into(), &d)], &ratings);
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title id=\"c-t\">Ratings</title>"));
        assert!(svg.contains("q1: red 2, green 6, no valid rating 1 of 9"));
        assert!(svg.contains("<span class=\"r r-red\">red</span>"));
        assert!(svg.contains("<title>q1, red: 2 of 9 (22%)</title>"));
        assert!(
            svg.contains("stroke-dasharray"),
            "the invalid group is drawn apart"
        );
    }

    #[test]
    fn css_strings_cannot_end_the_style() {
        assert_eq!(
            css_string("a\"b\\c</style>"),
            "\"a\\\"b\\\\c\\3c /style\\3e \""
        );
    }
}
