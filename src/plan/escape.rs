//! Plan text is untrusted: anyone who can open a pull request writes it, and so can anyone who
//! names a file or a commit author. Before any of it reaches a terminal or a Markdown page it
//! goes through here, so an action titled `"Act \u001b]0;pwned\u0007"` cannot set the
//! reviewer's terminal title or clear the screen, and a title cannot forge a table row, a link
//! or an image. (HTML, JSON, SARIF and workflow commands have escaping of their own.)
//!
//! Control characters are shown, not obeyed: as `\u{1b}` in a line of text (as git quotes them
//! in paths), as their Unicode control pictures (`␛`) in a source snippet.

use std::borrow::Cow;
use std::fmt::Write;
use std::ops::Range;

/// Characters a terminal or a Markdown renderer would act on rather than show: the C0 and C1
/// controls and DEL (Unicode `Cc`), and the invisible marks that reorder text (bidirectional
/// overrides and isolates, as in "Trojan Source") or break lines.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

fn push_escaped(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
}

/// Text for one line of terminal output: a line break becomes a space (titles copied from
/// Word tables often hold one), a tab stays, every other unsafe character is written out as
/// `\u{1b}`. Borrows when there is nothing to change, which is nearly always.
pub fn line(s: &str) -> Cow<'_, str> {
    // printable ASCII and tabs (nearly every message and file name) need no look at each
    // character; the bytes are tested without stopping at the first bad one, so the test runs
    // many bytes at a time (tens of thousands of findings each pass their file and message)
    let printable = s.bytes().fold(true, |ok, b| {
        ok & ((b.wrapping_sub(0x20) < 0x5f) | (b == b'\t'))
    });
    if printable || !s.chars().any(|c| is_unsafe(c) && c != '\t') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push(' '),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\t' => out.push('\t'),
            c if is_unsafe(c) => push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text for a Markdown table cell (GitHub-flavoured): `line`, then every character Markdown
/// would act on is escaped: `|` (a new cell), `[` `]` `!` (links and images), `<` `>` (HTML
/// and autolinks), `*` `_` (emphasis), `` ` `` and `\`.
pub fn markdown_cell(s: &str) -> String {
    let s = line(s);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' | '[' | ']' | '!' | '*' | '_' | '`' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// An inline code span (a revision, a file, a rule) that is safe in a table cell: a backtick
/// cannot close it early, a pipe cannot end the cell, a control character is written out.
pub fn markdown_code(s: &str) -> String {
    let s = line(s);
    format!("`{}`", s.replace('`', "'").replace('|', "\\|"))
}

/// A file's text made safe to show as a snippet, with a map from offsets in the original text
/// to offsets in the shown one (spans are found in the original).
#[derive(Debug)]
pub struct Snippet {
    pub text: String,
    /// (start in the original, length there, length shown), in order.
    edits: Vec<(usize, usize, usize)>,
}

impl Snippet {
    /// `None` when the text can be shown as it is (line breaks and tabs are kept; a carriage
    /// return is kept before a line feed only). A leading byte order mark is left out: it is
    /// no character of the first line, and would push the label under it one column right.
    pub fn of(text: &str) -> Option<Snippet> {
        let bytes = text.as_bytes();
        let unsafe_at = |i: usize, c: char| match c {
            '\n' | '\t' => false,
            '\r' => bytes.get(i + 1) != Some(&b'\n'),
            '\u{feff}' => i == 0,
            c => is_unsafe(c),
        };
        if !text.char_indices().any(|(i, c)| unsafe_at(i, c)) {
            return None;
        }
        let mut shown = String::with_capacity(text.len() + 16);
        let mut edits = Vec::new();
        for (i, c) in text.char_indices() {
            if !unsafe_at(i, c) {
                shown.push(c);
                continue;
            }
            let before = shown.len();
            match u32::from(c) {
                0xfeff => {}
                // U+2400..U+241F: the control pictures (␀ … ␟), and ␡ for DEL
                n @ 0..=0x1f => shown.push(char::from_u32(0x2400 + n).unwrap_or('\u{fffd}')),
                0x7f => shown.push('\u{2421}'),
                _ => push_escaped(&mut shown, c),
            }
            edits.push((i, c.len_utf8(), shown.len() - before));
        }
        Some(Snippet { text: shown, edits })
    }

    /// Where an offset of the original text is in the shown text (inside a replaced character:
    /// at its start).
    pub fn map(&self, offset: usize) -> usize {
        let mut shift: isize = 0;
        for &(start, old, new) in &self.edits {
            if offset < start {
                break;
            }
            if offset < start + old {
                return start.saturating_add_signed(shift);
            }
            shift += new as isize - old as isize;
        }
        offset.saturating_add_signed(shift)
    }

    pub fn map_span(&self, span: &Range<usize>) -> Range<usize> {
        self.map(span.start)..self.map(span.end)
    }
}

/// One word of a command line as a POSIX shell reads it back, for every command planlint prints
/// or writes for someone to run (the report's footer, a hook, "run `planlint check FILE`"):
/// plain words as they are; anything else in single quotes, inside which nothing is special
/// (`'` itself written `'\''`); a word holding a control or reordering character (`is_unsafe`)
/// as `$'…'` with that character written `\xHH`, so it is neither obeyed by the terminal that
/// shows the command nor lost when the command is pasted (`$'…'` is POSIX.1-2024, and bash, zsh,
/// ksh and busybox sh read it; dash does not, so a hook script avoids such words).
pub fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:@=+,%".contains(&b));
    if plain {
        return s.to_string();
    }
    if !s.chars().any(is_unsafe) {
        return format!("'{}'", s.replace('\'', r"'\''"));
    }
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str("$'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str(r"\\"),
            '\'' => out.push_str(r"\'"),
            c if is_unsafe(c) => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "\\x{b:02x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Words for a command line, each through `shell_word`, joined by spaces.
pub fn shell_line<S: AsRef<str>>(words: &[S]) -> String {
    words
        .iter()
        .map(|w| shell_word(w.as_ref()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "Act \u{1b}]0;pwned\u{7}\u{1b}[2J";

    #[test]
    fn a_line_shows_control_characters_and_keeps_plain_text() {
        assert!(matches!(line("Crisis line"), Cow::Borrowed(_)));
        assert_eq!(line(HOSTILE), "Act \\u{1b}]0;pwned\\u{7}\\u{1b}[2J");
        assert_eq!(line("Dec\r\n2016\tx"), "Dec 2016\tx");
        assert_eq!(line("a\rb\u{202e}c\u{85}"), "a\\u{d}b\\u{202e}c\\u{85}");
        // the ends of printable ASCII: DEL and the C0 controls are written out
        assert_eq!(line("~ \u{7f}\u{1f}"), "~ \\u{7f}\\u{1f}");
        assert!(matches!(line(" ~\tplain"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_markdown_cell_cannot_make_cells_links_or_html() {
        assert_eq!(
            markdown_cell("a | ![x](http://e/i.png) <img src=x> *b*"),
            "a \\| \\!\\[x\\](http://e/i.png) &lt;img src=x&gt; \\*b\\*"
        );
        assert_eq!(
            markdown_cell(HOSTILE),
            "Act \\\\u{1b}\\]0;pwned\\\\u{7}\\\\u{1b}\\[2J"
        );
        assert_eq!(markdown_code("v1`|x\u{1b}"), "`v1'\\|x\\u{1b}`");
    }

    #[test]
    fn a_snippet_shows_pictures_and_maps_offsets() {
        assert!(Snippet::of("a = 1\r\nb = \"\t\"\n").is_none());
        let text = "t = \"\u{1b}[2J\"\nrag = \"x\"\n";
        let s = Snippet::of(text).expect("changed");
        assert_eq!(s.text, "t = \"\u{241b}[2J\"\nrag = \"x\"\n");
        let rag = text.find("rag").expect("rag");
        assert_eq!(&s.text[s.map(rag)..s.map(rag) + 3], "rag");
        assert_eq!(s.map(5), 5);
        assert_eq!(s.map(0), 0);
        let s = Snippet::of("\u{feff}a = x\n").expect("changed");
        assert_eq!(s.text, "a = x\n");
        assert_eq!(s.map(7), 4);
        let text = "a\u{202e}b";
        let s = Snippet::of(text).expect("changed");
        assert_eq!(s.text, "a\\u{202e}b");
        assert_eq!(&s.text[s.map(text.len() - 1)..], "b");
    }

    #[test]
    fn shell_words_read_back_as_written() {
        assert_eq!(shell_word("review-2015-12"), "review-2015-12");
        assert_eq!(shell_word("plans/a.toml"), "plans/a.toml");
        assert_eq!(shell_word("review-*"), "'review-*'");
        assert_eq!(shell_word("Board's paper"), r"'Board'\''s paper'");
        assert_eq!(shell_word(""), "''");
        assert_eq!(shell_word("`touch X`; $(id)"), "'`touch X`; $(id)'");
        assert_eq!(
            shell_word("a\u{1b}]0;x\u{7}b'c\\"),
            r"$'a\x1b]0;x\x07b\'c\\'"
        );
        assert_eq!(shell_word("r\u{202e}l"), r"$'r\xe2\x80\xael'");
        assert_eq!(
            shell_line(&["planlint", "check", "my plan.toml"]),
            "planlint check 'my plan.toml'"
        );
        // what sh makes of each: the very word
        let hostile = [
            "Board '; touch X; '",
            "`touch X`",
            "$(touch X)",
            "a\"b\\c",
            "it's ~ * ? [x] {a,b} # ! &|;<>",
            "line\nbreak\tand\u{1b}[2J",
            "-n",
        ];
        for w in hostile {
            // $'…' is not in dash (Debian's sh): those words go to bash
            let shell = if w.chars().any(is_unsafe) {
                "bash"
            } else {
                "sh"
            };
            let Ok(out) = std::process::Command::new(shell)
                .arg("-c")
                .arg(format!("printf '%s' {}", shell_word(w)))
                .output()
            else {
                continue; // no such shell on this machine
            };
            assert_eq!(String::from_utf8_lossy(&out.stdout), w, "{}", shell_word(w));
        }
    }
}
