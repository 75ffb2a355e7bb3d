//! A plan file's text and its line index: byte spans become 1-based line:column once, here.

use std::ops::Range;

/// The text of one file as planlint read it, with the path shown to users.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the repository root, with `/` separators.
    pub name: String,
    pub text: String,
    /// Where each line starts, in bytes: `u32`, as every text planlint reads is capped far
    /// below 4 GiB (`load::MAX_FILE_BYTES`), and every checked plan's index is kept while the
    /// check runs.
    line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(name: String, text: String) -> Self {
        // sized once: every plan's index is kept while the check runs, and growing by doubling
        // left up to half of each unused
        let bytes = text.as_bytes();
        let mut line_starts = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| offset32(i + 1)));
        SourceFile {
            name,
            text,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset; offsets past the end clamp.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s as usize <= offset) - 1;
        let start = self.line_starts[line] as usize;
        let prefix = self.text.get(start..offset).unwrap_or("");
        // a byte order mark is no column: editors do not show it
        let prefix = if line == 0 {
            prefix.strip_prefix('\u{feff}').unwrap_or(prefix)
        } else {
            prefix
        };
        (line + 1, prefix.chars().count() + 1)
    }

    /// A span clamped to the text and to char boundaries, safe to slice and to hand to miette.
    pub fn clamp(&self, span: &Range<usize>) -> Range<usize> {
        let mut start = span.start.min(self.text.len());
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        if span.end <= span.start {
            return start..start;
        }
        let mut end = span.end.clamp(start, self.text.len());
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        start..end
    }

    /// The byte span of a whole 1-based line (without its newline).
    pub fn line_span(&self, line: usize) -> Range<usize> {
        let idx = line.saturating_sub(1).min(self.line_starts.len() - 1);
        let start = self.line_starts[idx] as usize;
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |n| start + n);
        start..end
    }
}

/// A byte offset as the index keeps it; an offset past 4 GiB (no text planlint reads is so
/// long) is kept as the largest, so a position past it clamps to the last line so indexed.
fn offset32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let s = SourceFile::new("x".into(), "ab\ncé d\n".into());
        assert_eq!(s.position(0), (1, 1));
        assert_eq!(s.position(3), (2, 1));
        // 'é' is two bytes; 'd' is the 4th character of line 2
        assert_eq!(s.position(7), (2, 4));
        assert_eq!(s.position(1000), (3, 1));
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let s = SourceFile::new("x".into(), "\u{feff}a = 1\nb = 2\n".into());
        assert_eq!(s.position(3), (1, 1));
        assert_eq!(s.position(7), (1, 5));
        assert_eq!(s.position(9), (2, 1));
    }

    proptest::proptest! {
        /// A position is the newlines before the offset and the characters since the last.
        #[test]
        fn a_position_counts_lines_and_characters(
            text in "[a\n\r é\u{feff}]{0,40}",
            at in 0usize..60,
        ) {
            let s = SourceFile::new("x".into(), text.clone());
            let mut offset = at.min(text.len());
            while !text.is_char_boundary(offset) {
                offset -= 1;
            }
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let start = before.rfind('\n').map_or(0, |n| n + 1);
            let mut prefix = &before[start..];
            if line == 1 {
                prefix = prefix.strip_prefix('\u{feff}').unwrap_or(prefix);
            }
            proptest::prop_assert_eq!(s.position(offset), (line, prefix.chars().count() + 1));
        }
    }

    #[test]
    fn clamp_never_splits_a_character() {
        let s = SourceFile::new("x".into(), "é".into());
        assert_eq!(s.clamp(&(1..1)), 0..0);
        assert_eq!(s.clamp(&(0..1)), 0..2);
    }
}
