//! Fixes as data (ruff's model): a fix is a list of text edits with an applicability. A rule
//! that can repair what it reports attaches a `Fix` to its `Finding`; the edit layer applies it.
//! Edits are byte ranges of the plan's text and what goes there, so every byte a fix does not
//! name stays exactly as it was, comments and layout included.

use std::ops::Range;

/// Whether a fix may be applied without a person looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Keeps the plan's meaning: `planlint check --fix` applies it.
    Safe,
    /// May change what the plan says (a guess at a rating): only with `--unsafe-fixes`.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Replace the bytes in `range` with `content` (an empty range inserts, empty content deletes).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edit {
    pub range: Range<usize>,
    pub content: String,
}

impl Edit {
    pub fn replace(range: Range<usize>, content: impl Into<String>) -> Edit {
        Edit {
            range,
            content: content.into(),
        }
    }

    pub fn insert(at: usize, content: impl Into<String>) -> Edit {
        Edit::replace(at..at, content)
    }

    pub fn delete(range: Range<usize>) -> Edit {
        Edit::replace(range, String::new())
    }

    /// Inserts `line` (without its newline) as a line of its own after the line holding `pos`
    /// (after any comment that ends that line).
    pub fn insert_line_after(text: &str, pos: usize, line: &str) -> Edit {
        let pos = pos.min(text.len());
        match text.get(pos..).and_then(|rest| rest.find('\n')) {
            Some(nl) => Edit::insert(pos + nl + 1, format!("{line}\n")),
            // the last line of a file without a final newline
            None => Edit::insert(text.len(), format!("\n{line}")),
        }
    }
}

/// What a rule declares about its fix (`planlint rules` and `explain` show it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixKind {
    /// The rule offers no fix.
    None,
    /// Every fix the rule offers is safe.
    Safe,
    /// The rule offers only unsafe fixes (applied with `--unsafe-fixes`).
    Unsafe,
}

/// One repair for one finding: what it does (for people), how safe it is, and its edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, as `--diff` and the summary say it ("write `amber`").
    pub title: String,
    pub applicability: Applicability,
    /// Non-overlapping edits of the same text.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            applicability: Applicability::Safe,
            edits,
        }
    }

    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            applicability: Applicability::Unsafe,
            edits,
        }
    }
}

/// `s` as a one-line TOML basic string: `"…"` with `\`, `"` and control characters escaped.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    escape_into(s, &mut out, true);
    out.push('"');
    out
}

/// Escapes `s` for a TOML basic string; with `quotes`, every `"` (a multi-line string escapes
/// only the ones that would end it, and says so by passing `false`). The characters a reviewer
/// could not see are written escaped too (`\u202E`): controls, the bidi marks that reorder
/// text ("Trojan Source", `escape::is_unsafe`) and the zero-width ones.
pub fn escape_into(s: &str, out: &mut String, quotes: bool) {
    let needs = |c: char| {
        c == '\\'
            || (c == '"' && quotes)
            || crate::plan::escape::is_unsafe(c)
            || matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}')
    };
    let mut rest = s;
    // copy the runs that need nothing at once: most texts have no character to escape
    while let Some(at) = rest.find(needs) {
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().unwrap_or_default();
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c => out.push_str(&format!("\\u{:04X}", c as u32)),
        }
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
}

/// A `due` as TOML: a date bare (`2015-06-30`), a timescale text quoted.
pub fn toml_due(due: &crate::plan::model::Due) -> String {
    match due {
        crate::plan::model::Due::Date(d) => d.to_string(),
        crate::plan::model::Due::Text(t) => toml_string(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip_through_toml() {
        for s in [
            "plain",
            "say \"hi\"",
            "back\\slash",
            "line\nbreak\ttab\r",
            "\u{1}\u{7f}é",
            "",
        ] {
            let doc = format!("v = {}\n", toml_string(s));
            let v: toml::Table = toml::from_str(&doc).expect(&doc);
            assert_eq!(v["v"].as_str(), Some(s), "{doc}");
        }
    }

    #[test]
    fn a_line_is_inserted_after_the_line_holding_the_position() {
        let text = "a = 1 # one\nb = 2";
        let e = Edit::insert_line_after(text, 4, "x = 3");
        assert_eq!(e, Edit::insert(12, "x = 3\n"));
        let e = Edit::insert_line_after(text, 17, "y = 4");
        assert_eq!(e, Edit::insert(17, "\ny = 4"));
    }
}
