//! The HTML view of a report: one self-contained page (inline CSS and SVG; no scripts, fonts or
//! anything fetched) laid out as a board paper. A header with the programme, the meeting and the
//! period; a summary in sentences that link to their tables; then what changed, action by
//! action (who leads it, its rating then and now, its due date, its latest update); then the
//! appendices on data quality. Every rating is a word as well as a colour, so colour-blind
//! readers and black-and-white prints lose nothing. On a phone every table becomes a stack of
//! cards; printed, it is A4 with the title and page numbers in the margins.

use super::paper;
use super::view;
use super::{count, long_date, Report};
use cells::{cells, more, none, table, table_with};
use std::fmt::Write;

mod cells;
mod chart;
mod marks;

use chart::{chart, trend};
pub use marks::colours;
use marks::esc;

/// How many rows each group of the data-quality appendix shows.
const FINDING_ROWS: usize = 3;

/// The page's style sheet: screen, phone (tables become cards) and A4 print.
const STYLE: &str = include_str!("style.css");

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
            s.push_str(
                &table(Some(&view::progress(r, &sec.updates)))
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
    s.push_str("<ul class=\"cards\">");
    for (label, n, bad) in view::cards(r) {
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
    s.push_str("</div><div>");
    s.push_str(&table(Some(&view::ratings(r))));
    s.push_str("</div></div>");

    // by plan, worst first: most actions on the worst rating now, then most with none valid
    s.push_str("<h3 id=\"by-plan\">By plan</h3><p class=\"note\">Each cell: then → now.</p>");
    s.push_str(&table(Some(&view::by_plan(r))));

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
    for sec in view::changed(r) {
        let _ = write!(s, "<h3 id=\"{}\">{}</h3>", sec.id, esc(&sec.title));
        if let Some(intro) = &sec.intro {
            let _ = write!(s, "<p class=\"note\">{}</p>", cells(intro));
        }
        s.push_str(&table(sec.table.as_ref()));
    }

    s.push_str("</section>\n");

    // appendices
    s.push_str("<section class=\"major appendix\" aria-labelledby=\"transitions\">");
    // the transitions matrix, the scale only, the no-valid-rating group set apart
    s.push_str("<h2 id=\"transitions\">Appendix A. Rating transitions</h2><p class=\"note\">Actions at both ends: rating then (rows), rating now (columns). Off the diagonal, the rating changed.</p>");
    match view::transitions(r) {
        None => s.push_str("<p class=\"note\">No action exists at both ends.</p>"),
        Some(t) => s.push_str(&table(Some(&t))),
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
        s.push_str(&table(view::invalid(r).as_ref()));
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
        let rows: Vec<Vec<String>> = view::findings(r, FINDING_ROWS)
            .iter()
            .map(|g| {
                let mut items = String::from("<ul class=\"finds\">");
                for x in &g.lines {
                    let _ = write!(
                        items,
                        "<li><b>{}</b>: {} <span class=\"small nb\">{}</span></li>",
                        esc(&x.about),
                        esc(&x.message),
                        esc(&x.place)
                    );
                }
                if g.more > 0 {
                    let _ = write!(
                        items,
                        "<li class=\"more\">… and {} more; <span class=\"nb\">{}</span> lists them all</li>",
                        g.more,
                        esc(&super::check_command(r))
                    );
                }
                items.push_str("</ul>");
                vec![
                    format!(
                        "<b>{}</b><br><span class=\"small\">{}, {}</span>",
                        esc(&g.title),
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
    fn css_strings_cannot_end_the_style() {
        assert_eq!(
            css_string("a\"b\\c</style>"),
            "\"a\\\"b\\\\c\\3c /style\\3e \""
        );
    }
}
