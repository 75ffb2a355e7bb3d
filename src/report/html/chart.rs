//! The HTML paper's charts: a horizontal stacked bar per row in inline SVG (the headline's two
//! ends, or the trend over the review cycles), each rating a word as well as a colour.

use super::marks::{badge, colours, esc, invalid_badge};
use crate::report::{short_date, Dist, Report, INVALID};
use std::fmt::Write;

/// How many review cycles the trend shows (the latest).
const TREND_CYCLES: usize = 12;

/// A horizontal stacked bar per row, in inline SVG, with a title and description for screen
/// readers, counts written in the bars wide enough to hold them, and a word legend beneath.
/// The scale's ratings fill the bar; the no-valid-rating group is drawn apart after a gap,
/// dashed and white, so a data error never looks like a rating.
pub(super) fn chart(id: &str, title: &str, rows: &[(String, &Dist)], ratings: &[String]) -> String {
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

/// The trend over the review cycles (only with three or more: two are the headline bars again),
/// the latest `TREND_CYCLES` of them.
pub(super) fn trend(r: &Report) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
