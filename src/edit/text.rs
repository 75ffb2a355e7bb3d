//! Edits on text: applying a list of them, the one edit between two texts, and the unified diff
//! `--diff` shows.

use crate::plan::fix::Edit;

/// Applies non-overlapping edits (in any order; insertions at one place keep their order).
/// Errors when two edits overlap or one falls outside the text or inside a character.
pub fn apply(text: &str, edits: &[Edit]) -> Result<String, String> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    // stable: insertions at the same offset go in the order they were made
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + 256);
    let mut at = 0;
    for e in sorted {
        let (start, end) = (e.range.start, e.range.end);
        if start < at || end < start {
            return Err(format!(
                "two edits overlap at byte {start}; nothing was written (a planlint bug)"
            ));
        }
        let (Some(kept), true) = (text.get(at..start), text.get(start..end).is_some()) else {
            return Err(format!(
                "an edit falls outside the text at byte {start}; nothing was written (a planlint bug)"
            ));
        };
        out.push_str(kept);
        out.push_str(&e.content);
        at = end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    Ok(out)
}

/// Whether a text ends its lines with CRLF (judged by its first line end).
pub fn uses_crlf(text: &str) -> bool {
    text.find('\n')
        .is_some_and(|i| i > 0 && text.as_bytes()[i - 1] == b'\r')
}

/// Edits whose new lines end like the text's: CRLF in a CRLF file.
pub fn with_line_ends(text: &str, edits: Vec<Edit>) -> Vec<Edit> {
    if !uses_crlf(text) {
        return edits;
    }
    edits
        .into_iter()
        .map(|e| Edit {
            content: e.content.replace("\r\n", "\n").replace('\n', "\r\n"),
            range: e.range,
        })
        .collect()
}

/// Whether an edit overlaps any of `taken` (touching ends do not overlap; two insertions at
/// one place do, so that one fix's insertion never splits another's).
pub fn overlaps(edit: &Edit, taken: &[Edit]) -> bool {
    taken.iter().any(|t| {
        let (a, b) = (&edit.range, &t.range);
        (a.start < b.end && b.start < a.end) || a.start == b.start
    })
}

/// The single edit that turns `before` into `after`: the changed middle, common ends kept.
pub fn between(before: &str, after: &str) -> Edit {
    let prefix = before
        .char_indices()
        .zip(after.chars())
        .find(|((_, a), b)| a != b)
        .map_or(before.len().min(after.len()), |((i, _), _)| i);
    let max_suffix = (before.len() - prefix).min(after.len() - prefix);
    let mut suffix = before
        .bytes()
        .rev()
        .zip(after.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !before.is_char_boundary(before.len() - suffix)
        || !after.is_char_boundary(after.len() - suffix)
    {
        suffix -= 1;
    }
    Edit::replace(
        prefix..before.len() - suffix,
        &after[prefix..after.len() - suffix],
    )
}

/// A unified diff, `a/NAME` to `b/NAME` with three lines of context, as git shows it; empty
/// when nothing changed.
pub fn unified_diff(name: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .missing_newline_hint(true)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_place_order_whatever_their_list_order() {
        let text = "a = 1\nb = 2\n";
        let edits = [
            Edit::replace(10..11, "3"),
            Edit::insert(6, "x = 0\n"),
            Edit::insert(6, "y = 0\n"),
        ];
        assert_eq!(apply(text, &edits).unwrap(), "a = 1\nx = 0\ny = 0\nb = 3\n");
    }

    #[test]
    fn overlapping_or_outside_edits_are_errors_not_panics() {
        assert!(apply("abc", &[Edit::delete(0..2), Edit::delete(1..3)]).is_err());
        assert!(apply("abc", &[Edit::delete(2..9)]).is_err());
        assert!(apply("é", &[Edit::delete(1..2)]).is_err());
    }

    #[test]
    fn between_finds_the_changed_middle() {
        for (a, b) in [
            ("abcdef", "abXYef"),
            ("abc", "abc"),
            ("", "x"),
            ("aaa", "aa"),
            ("éé", "éaé"),
            ("x = 1\n", "x = 1\ny = 2\n"),
        ] {
            let e = between(a, b);
            assert_eq!(apply(a, &[e]).unwrap(), b, "{a:?} -> {b:?}");
        }
    }

    #[test]
    fn the_diff_is_unified_with_git_headers() {
        let d = unified_diff("plans/p.toml", "a\nb\nc\n", "a\nB\nc\n");
        assert_eq!(
            d,
            "--- a/plans/p.toml\n+++ b/plans/p.toml\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
        );
        assert_eq!(unified_diff("p", "x", "x"), "");
    }
}
