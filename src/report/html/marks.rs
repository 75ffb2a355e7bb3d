//! The HTML paper's smallest marks, shared by its views, cells and charts: text escaped for
//! HTML, and a rating's colours and badge (the word always inside: colour is never the only
//! signal).
//!
//! May use: `plan`, `report`.

use crate::report::INVALID;

/// Escapes text for HTML content and attribute values.
pub(super) fn esc(s: &str) -> String {
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
pub(super) fn class(rating: &str) -> &'static str {
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
pub fn colours(rating: &str) -> (&'static str, &'static str) {
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

pub(super) fn badge(rating: &str) -> String {
    format!("<span class=\"r {}\">{}</span>", class(rating), esc(rating))
}

pub(super) fn invalid_badge() -> String {
    format!("<span class=\"r r-none\">{INVALID}</span>")
}
