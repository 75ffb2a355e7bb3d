//! The HTML view of a report: one self-contained page (inline CSS and SVG; no scripts, fonts or
//! anything fetched), readable on a phone, printable to PDF, and accessible. Every rating is a
//! word as well as a colour, so colour-blind readers and black-and-white prints lose nothing;
//! charts carry a title, a description and a table with the same numbers.

use super::{delta, short, ActionRef, Dist, Report, UNRATED};
use std::fmt::Write;

const STYLE: &str = r#"
:root{--fg:#1a1a1a;--muted:#4d4d4d;--line:#c8c8c8;--head:#eef0f2}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#fff}
main{max-width:72rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.3rem;margin:2.2rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid var(--line)}
h3{font-size:1.05rem;margin:1.4rem 0 .4rem}
p{margin:.4rem 0}
.sub,.note{color:var(--muted)}
code{font:.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--head);padding:0 .25em;border-radius:.2em}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
.scroll:focus{outline:2px solid #1d4ed8;outline-offset:2px}
table{border-collapse:collapse;width:100%;font-size:.92rem;margin:.3rem 0}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--head);border-bottom:2px solid #8a8a8a}
tbody th{font-weight:600}
.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.r{display:inline-block;padding:0 .45em;border-radius:.3em;font-weight:600;white-space:nowrap;border:1px solid #000}
.r-red{background:#b3261e;color:#fff}
.r-amber-red,.r-red-amber{background:#a34700;color:#fff}
.r-amber{background:#f2b705;color:#000}
.r-amber-green,.r-green-amber{background:#9cc23a;color:#000}
.r-green{background:#1e7b34;color:#fff}
.r-blue{background:#1d4ed8;color:#fff}
.r-unrated{background:#fff;color:#000;border-style:dashed}
.r-other{background:#5c5c5c;color:#fff}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.5rem;list-style:none;padding:0;margin:.8rem 0}
.cards li{border:1px solid var(--line);border-radius:.4rem;padding:.45rem .7rem}
.cards b{display:block;font-size:1.7rem;line-height:1.2}
.cards .bad{border-left:.35rem solid #b3261e}
.legend{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.4rem .8rem}
figure{margin:.8rem 0}
figcaption{color:var(--muted);font-size:.9rem}
svg{display:block;max-width:100%;height:auto}
.same{color:var(--muted)}
footer{margin-top:3rem;color:var(--muted);font-size:.85rem}
@media (max-width:40rem){body{font-size:15px}main{padding:.6rem}th,td{padding:.3rem .35rem}.wide{display:none}}
@media print{
 body{font-size:10.5pt}
 main{max-width:none;padding:0}
 .scroll{overflow:visible}
 h2,h3{break-after:avoid}
 tr,figure,.cards li{break-inside:avoid}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 a{color:inherit;text-decoration:none}
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
        UNRATED => "r-unrated",
        _ => "r-other",
    }
}

/// Fill and text colours for a rating in SVG (the same as the CSS classes).
fn colours(rating: &str) -> (&'static str, &'static str) {
    match class(rating) {
        "r-red" => ("#b3261e", "#fff"),
        "r-amber-red" | "r-red-amber" => ("#a34700", "#fff"),
        "r-amber" => ("#f2b705", "#000"),
        "r-amber-green" | "r-green-amber" => ("#9cc23a", "#000"),
        "r-green" => ("#1e7b34", "#fff"),
        "r-blue" => ("#1d4ed8", "#fff"),
        "r-unrated" => ("#ffffff", "#000"),
        _ => ("#5c5c5c", "#fff"),
    }
}

fn badge(rating: &str) -> String {
    format!("<span class=\"r {}\">{}</span>", class(rating), esc(rating))
}

fn opt_badge(rating: Option<&str>) -> String {
    badge(rating.unwrap_or(UNRATED))
}

fn code(s: &str) -> String {
    format!("<code>{}</code>", esc(s))
}

/// A table: headers (numeric ones right-aligned) and rows of ready HTML cells.
fn table(headers: &[(&str, bool)], rows: &[Vec<String>]) -> String {
    let mut s = String::from("<div class=\"scroll\" tabindex=\"0\"><table><thead><tr>");
    for (h, n) in headers {
        let _ = write!(
            s,
            "<th scope=\"col\"{}>{h}</th>",
            if *n { " class=\"n\"" } else { "" }
        );
    }
    s.push_str("</tr></thead><tbody>");
    for row in rows {
        s.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            let n = headers.get(i).is_some_and(|h| h.1);
            let _ = write!(s, "<td{}>{c}</td>", if n { " class=\"n\"" } else { "" });
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div>\n");
    s
}

fn action_cells(a: &ActionRef) -> Vec<String> {
    vec![esc(&a.plan), esc(&a.action), esc(&a.title)]
}

const ACTION_HEAD: [(&str, bool); 3] = [("Plan", false), ("Action", false), ("Title", false)];

fn none() -> String {
    "<p class=\"note\">None.</p>\n".into()
}

fn due(date: &chrono::NaiveDate, text: &str) -> String {
    let d = date.to_string();
    if d == text {
        d
    } else {
        format!("{d} <span class=\"same\">({})</span>", esc(text))
    }
}

/// A horizontal stacked bar per row, in inline SVG, with a title and description for screen
/// readers, counts written in the bars wide enough to hold them, and a word legend beneath.
/// Labels sit above the bars and the drawing is narrow, so text stays legible on a phone.
fn chart(id: &str, title: &str, rows: &[(String, &Dist)], ratings: &[String]) -> String {
    const W: f64 = 520.0;
    const LABEL: f64 = 0.0;
    const BAR: f64 = 470.0;
    const ROW: f64 = 50.0;
    let height = ROW * rows.len() as f64 + 4.0;
    let desc: Vec<String> = rows
        .iter()
        .map(|(label, d)| {
            let parts: Vec<String> = ratings
                .iter()
                .filter(|k| d.get(k) > 0)
                .map(|k| format!("{k} {}", d.get(k)))
                .collect();
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
            "<text x=\"{LABEL}\" y=\"{}\" fill=\"#1a1a1a\">{}</text>",
            ROW * i as f64 + 15.0,
            esc(&truncate(label, 60))
        );
        let y = ROW * i as f64 + 21.0;
        let mut x = LABEL;
        if d.total == 0 {
            let _ = write!(
                s,
                "<rect x=\"{LABEL}\" y=\"{y}\" width=\"{BAR}\" height=\"24\" fill=\"#fff\" stroke=\"#8a8a8a\"/><text x=\"{}\" y=\"{}\" fill=\"#4d4d4d\">no actions</text>",
                LABEL + 6.0,
                y + 17.0
            );
            continue;
        }
        for k in ratings {
            let n = d.get(k);
            if n == 0 {
                continue;
            }
            let w = BAR * n as f64 / d.total as f64;
            let (fill, fg) = colours(k);
            let pct = 100.0 * n as f64 / d.total as f64;
            let _ = write!(
                s,
                "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"24\" fill=\"{fill}\" stroke=\"#000\" stroke-width=\"0.75\"><title>{}: {n} of {} ({pct:.0}%)</title></rect>",
                esc(&format!("{label}, {k}")),
                d.total
            );
            if w >= 26.0 {
                let _ = write!(
                    s,
                    "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"{fg}\" aria-hidden=\"true\">{n}</text>",
                    x + w / 2.0,
                    y + 17.0
                );
            }
            x += w;
        }
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\">{}</text>",
            LABEL + BAR + 8.0,
            y + 17.0,
            d.total
        );
    }
    s.push_str("</svg><figcaption><ul class=\"legend\" aria-label=\"Legend\">");
    for k in ratings {
        let _ = write!(s, "<li>{}</li>", badge(k));
    }
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

pub fn render(r: &Report) -> String {
    let (from, to) = (&r.from.rev, &r.to.rev);
    let mut s = String::with_capacity(64 * 1024);
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"planlint {}\">\n<title>Review-cycle report: {} → {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        env!("CARGO_PKG_VERSION"),
        esc(from),
        esc(to)
    );
    let _ = writeln!(
        s,
        "<header><h1>Review-cycle report: {} → {}</h1><p class=\"sub\">From {} ({}{}) to {} ({}{}), as of {}. {} plans, {} actions now.</p></header>",
        code(from),
        code(to),
        code(from),
        esc(&short(&r.from.commit)),
        r.from.date.map(|d| format!(", {d}")).unwrap_or_default(),
        code(to),
        esc(&short(&r.to.commit)),
        r.to.date.map(|d| format!(", {d}")).unwrap_or_default(),
        r.as_of,
        r.plans.iter().filter(|p| p.to.is_some()).count(),
        r.totals.to.total
    );

    // at a glance
    s.push_str("<section aria-labelledby=\"glance\"><h2 id=\"glance\">At a glance</h2><ul class=\"cards\">");
    let cards = [
        ("worsened", r.worsened.len(), true),
        ("improved", r.improved.len(), false),
        ("newly overdue", r.newly_overdue.len(), true),
        ("due dates slipped", r.slipped.len(), true),
        ("not updated", r.not_updated.len(), true),
        ("added", r.added.len(), false),
        ("completed", r.completed.len(), false),
        ("withdrawn", r.withdrawn.len(), false),
        ("linter errors", r.findings_summary.error, true),
    ];
    for (label, n, bad) in cards {
        let _ = write!(
            s,
            "<li{}><b>{n}</b>{label}</li>",
            if bad && n > 0 { " class=\"bad\"" } else { "" }
        );
    }
    s.push_str("</ul>\n");
    s.push_str(&chart(
        "headline",
        &format!("Actions by rating at {from} and now ({to})"),
        &[
            (format!("at {from}"), &r.totals.from),
            (format!("now ({to})"), &r.totals.to),
        ],
        &r.ratings,
    ));
    let rows: Vec<Vec<String>> = r
        .ratings
        .iter()
        .map(|k| {
            let (a, b) = (r.totals.from.get(k), r.totals.to.get(k));
            vec![badge(k), a.to_string(), b.to_string(), delta(a, b)]
        })
        .chain(std::iter::once(vec![
            "<strong>Total</strong>".to_string(),
            r.totals.from.total.to_string(),
            r.totals.to.total.to_string(),
            delta(r.totals.from.total, r.totals.to.total),
        ]))
        .collect();
    let at_from = format!("At {}", code(from));
    s.push_str(&table(
        &[
            ("Rating", false),
            (&at_from, true),
            ("Now", true),
            ("Change", true),
        ],
        &rows,
    ));

    // by plan
    s.push_str("<h3>By plan</h3><p class=\"note\">Each cell: then → now.</p>");
    let mut heads: Vec<(String, bool)> = vec![("Plan".into(), false)];
    heads.extend(r.ratings.iter().map(|k| (badge(k), true)));
    heads.push(("Total".into(), true));
    let heads_ref: Vec<(&str, bool)> = heads.iter().map(|(h, n)| (h.as_str(), *n)).collect();
    let pair = |a: Option<&Dist>, b: Option<&Dist>, k: Option<&str>| {
        let (x, y) = Dist::then_now(a, b, k);
        if x == y {
            format!("<span class=\"same\">{x}</span>")
        } else {
            format!("{x} → <strong>{y}</strong>")
        }
    };
    let rows: Vec<Vec<String>> = r
        .plans
        .iter()
        .map(|p| {
            let mut row = vec![format!(
                "{}<br><span class=\"same\">{}</span>",
                esc(&p.plan),
                esc(&p.title)
            )];
            row.extend(
                r.ratings
                    .iter()
                    .map(|k| pair(p.from.as_ref(), p.to.as_ref(), Some(k))),
            );
            row.push(pair(p.from.as_ref(), p.to.as_ref(), None));
            row
        })
        .collect();
    s.push_str(&table(&heads_ref, &rows));
    s.push_str("</section>\n");

    if !r.cycles.is_empty() {
        let _ = write!(
            s,
            "<section aria-labelledby=\"trend\"><h2 id=\"trend\">Trend over {} review cycles</h2>",
            r.cycles.len()
        );
        let rows: Vec<(String, &Dist)> = r
            .cycles
            .iter()
            .map(|c| (c.tag.clone(), &c.counts))
            .collect();
        s.push_str(&chart(
            "trend-chart",
            "Actions by rating at each review cycle",
            &rows,
            &r.ratings,
        ));
        let mut heads: Vec<(String, bool)> = vec![("Cycle".into(), false), ("Date".into(), false)];
        heads.extend(r.ratings.iter().map(|k| (badge(k), true)));
        heads.push(("Total".into(), true));
        let heads_ref: Vec<(&str, bool)> = heads.iter().map(|(h, n)| (h.as_str(), *n)).collect();
        let rows: Vec<Vec<String>> = r
            .cycles
            .iter()
            .map(|c| {
                let mut row = vec![
                    code(&c.tag),
                    c.date.map(|d| d.to_string()).unwrap_or_default(),
                ];
                row.extend(r.ratings.iter().map(|k| c.counts.get(k).to_string()));
                row.push(c.counts.total.to_string());
                row
            })
            .collect();
        s.push_str(&table(&heads_ref, &rows));
        s.push_str("</section>\n");
    }

    // transitions
    s.push_str("<section aria-labelledby=\"moves\"><h2 id=\"moves\">Rating transitions</h2><p class=\"note\">Actions at both ends: rating then (rows), rating now (columns). Off the diagonal, the rating changed.</p>");
    let mut m = String::from(
        "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">Then ↓ / now →</th>",
    );
    for k in &r.ratings {
        let _ = write!(m, "<th scope=\"col\" class=\"n\">{}</th>", badge(k));
    }
    m.push_str("</tr></thead><tbody>");
    for k in r
        .ratings
        .iter()
        .filter(|k| r.transitions.iter().any(|t| &t.from == *k))
    {
        let _ = write!(m, "<tr><th scope=\"row\">{}</th>", badge(k));
        for j in &r.ratings {
            let n = r
                .transitions
                .iter()
                .find(|t| &t.from == k && &t.to == j)
                .map_or(0, |t| t.count);
            let cell = match n {
                0 => "<span class=\"same\">·</span>".to_string(),
                n if k == j => n.to_string(),
                n => format!("<strong>{n}</strong>"),
            };
            let _ = write!(m, "<td class=\"n\">{cell}</td>");
        }
        m.push_str("</tr>");
    }
    m.push_str("</tbody></table></div>\n");
    s.push_str(&m);
    for (title, list, note) in [
        (
            "Worsened",
            &r.worsened,
            "Worst first: the lowest rating now, then the longest fall.",
        ),
        ("Improved", &r.improved, ""),
    ] {
        let _ = write!(s, "<h3>{title} ({})</h3>", list.len());
        if list.is_empty() {
            s.push_str(&none());
            continue;
        }
        if !note.is_empty() {
            let _ = write!(s, "<p class=\"note\">{note}</p>");
        }
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|mv| {
                let mut row = action_cells(&mv.action);
                row.push(badge(&mv.from));
                row.push(badge(&mv.to));
                row
            })
            .collect();
        let mut h = ACTION_HEAD.to_vec();
        h.extend([("Was", false), ("Now", false)]);
        s.push_str(&table(&h, &rows));
    }
    s.push_str("</section>\n");

    // dates
    let _ = write!(
        s,
        "<section aria-labelledby=\"overdue\"><h2 id=\"overdue\">Newly overdue ({})</h2><p class=\"note\">Open actions due from {} up to {}.</p>",
        r.newly_overdue.len(),
        r.from.date.unwrap_or(r.as_of),
        r.as_of
    );
    if r.newly_overdue.is_empty() {
        s.push_str(&none());
    } else {
        let rows: Vec<Vec<String>> = r
            .newly_overdue
            .iter()
            .map(|o| {
                let mut row = action_cells(&o.action);
                row.push(due(&o.due, &o.due_text));
                row.push(o.days_overdue.to_string());
                row.push(opt_badge(o.rating.as_deref()));
                row
            })
            .collect();
        let mut h = ACTION_HEAD.to_vec();
        h.extend([("Due", false), ("Days overdue", true), ("Rating", false)]);
        s.push_str(&table(&h, &rows));
    }
    s.push_str("</section>\n");

    let _ = write!(
        s,
        "<section aria-labelledby=\"slipped\"><h2 id=\"slipped\">Due dates that slipped ({})</h2>",
        r.slipped.len()
    );
    if r.slipped.is_empty() {
        s.push_str(&none());
    } else {
        let rows: Vec<Vec<String>> = r
            .slipped
            .iter()
            .map(|x| {
                let mut row = action_cells(&x.action);
                row.push(due(&x.from, &x.from_text));
                row.push(due(&x.to, &x.to_text));
                row.push(format!("{} days", x.days));
                row
            })
            .collect();
        let mut h = ACTION_HEAD.to_vec();
        h.extend([("Was due", false), ("Now due", false), ("Slipped by", true)]);
        s.push_str(&table(&h, &rows));
    }
    s.push_str("</section>\n");

    let _ = write!(
        s,
        "<section aria-labelledby=\"stale\"><h2 id=\"stale\">Not updated since {} ({})</h2><p class=\"note\">Open actions with no update dated after {}.</p>",
        code(from),
        r.not_updated.len(),
        r.from
            .date
            .map_or_else(|| "FROM".to_string(), |d| d.to_string())
    );
    if r.not_updated.is_empty() {
        s.push_str(&none());
    } else {
        let rows: Vec<Vec<String>> = r
            .not_updated
            .iter()
            .map(|x| {
                let mut row = action_cells(&x.action);
                row.push(x.last_update.map_or("never".into(), |d| d.to_string()));
                row.push(opt_badge(x.rating.as_deref()));
                row
            })
            .collect();
        let mut h = ACTION_HEAD.to_vec();
        h.extend([("Last update", false), ("Rating", false)]);
        s.push_str(&table(&h, &rows));
    }
    s.push_str("</section>\n");

    s.push_str("<section aria-labelledby=\"actions\"><h2 id=\"actions\">Actions added, completed, withdrawn and removed</h2>");
    for (title, list) in [
        ("Added", &r.added),
        ("Completed", &r.completed),
        ("Withdrawn", &r.withdrawn),
        ("Removed", &r.removed),
    ] {
        let _ = write!(s, "<h3>{title} ({})</h3>", list.len());
        if list.is_empty() {
            s.push_str(&none());
        } else {
            let rows: Vec<Vec<String>> = list.iter().map(action_cells).collect();
            s.push_str(&table(&ACTION_HEAD, &rows));
        }
    }
    s.push_str("</section>\n");

    let f = &r.findings_summary;
    let _ = write!(
        s,
        "<section aria-labelledby=\"findings\"><h2 id=\"findings\">Findings at {}</h2><p>{} errors, {} warnings, {} notes. <code>planlint explain RULE</code> says what each rule means.</p>",
        code(to),
        f.error,
        f.warning,
        f.info
    );
    for g in &r.findings {
        let _ = write!(
            s,
            "<h3>{} <span class=\"same\">({}, {})</span></h3>",
            code(&g.rule),
            g.severity,
            g.count
        );
        let rows: Vec<Vec<String>> = g
            .findings
            .iter()
            .map(|x| {
                vec![
                    format!("{}:{}:{}", esc(&x.file), x.line, x.column),
                    esc(x.plan.as_deref().unwrap_or("")),
                    esc(x.action.as_deref().unwrap_or("")),
                    esc(&x.message),
                ]
            })
            .collect();
        s.push_str(&table(
            &[
                ("Place", false),
                ("Plan", false),
                ("Action", false),
                ("Message", false),
            ],
            &rows,
        ));
    }
    s.push_str("</section>\n");

    if !r.unreadable.is_empty() {
        s.push_str("<section aria-labelledby=\"left-out\"><h2 id=\"left-out\">Left out</h2><p>These files could not be read as plans:</p><ul>");
        for u in &r.unreadable {
            let _ = write!(s, "<li>{}</li>", esc(u));
        }
        s.push_str("</ul></section>\n");
    }
    let _ = write!(
        s,
        "<footer>Made by planlint {} from git: <code>planlint report {} {} --format html</code></footer>\n</main>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        esc(from),
        esc(to)
    );
    s
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
        d.add("red", 2);
        d.add("green", 6);
        let ratings = vec!["red".to_string(), "green".to_string()];
        let svg = chart("c", "Ratings", &[("q1".into(), &d)], &ratings);
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title id=\"c-t\">Ratings</title>"));
        assert!(svg.contains("q1: red 2, green 6 of 8"));
        assert!(svg.contains("<span class=\"r r-red\">red</span>"));
        assert!(svg.contains("<title>q1, red: 2 of 8 (25%)</title>"));
    }
}
