//! miette's graphical diagnostics: the snippet, a label under the offending value, the help.
//! Plan text is untrusted: the snippet shows control characters as pictures (`␛`) and every
//! message, label and help as `\u{1b}` (`plan::escape`), so none reaches the terminal raw.

use crate::lint::check::Outcome;
use crate::plan::escape::{line, Snippet};
use crate::plan::finding::{Finding, Severity};
use crate::plan::source::SourceFile;
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

struct Diag<'a> {
    finding: &'a Finding,
    message: Cow<'a, str>,
    help: Option<Cow<'a, str>>,
    source: Option<miette::NamedSource<Text>>,
    /// Maps the finding's spans into the shown text when it had to be made safe.
    shown: Option<Arc<Snippet>>,
}

/// A file's text shared with the outcome, so rendering copies nothing (unless it holds
/// control characters: then the safe copy made once for the file).
enum Text {
    Plain(Arc<SourceFile>),
    Safe(Arc<Snippet>),
}

impl SourceCode for Text {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        match self {
            Text::Plain(s) => read_near(&s.text, span, before, after),
            Text::Safe(s) => read_near(&s.text, span, before, after),
        }
    }
}

/// miette's `read_span` of `text`, read from the lines about the span alone: miette reads a
/// text from its start for each span, which took three quarters of a 58,000-finding check
/// with snippets (4 s). The window starts just after a line feed, more lines before the span
/// than the context asks, and ends more lines after it, so miette finds the same lines in it;
/// its offsets, line and line count are then moved by what comes before the window (a line
/// break as miette counts one: a line feed, or a carriage return not before one).
fn read_near<'a>(
    text: &'a str,
    span: &miette::SourceSpan,
    before: usize,
    after: usize,
) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
    let bytes = text.as_bytes();
    let start = span.offset().min(bytes.len());
    let end = (span.offset() + span.len()).min(bytes.len());
    let from = memchr::memrchr_iter(b'\n', &bytes[..start])
        .nth(before + 1)
        .map_or(0, |i| i + 1);
    let to = memchr::memchr_iter(b'\n', &bytes[end..])
        .nth(after + 2)
        .map_or(bytes.len(), |i| end + i + 1);
    if from == 0 && to == bytes.len() {
        return bytes.read_span(span, before, after);
    }
    let head = &bytes[..from];
    let lines = memchr::memchr_iter(b'\n', head).count()
        + memchr::memchr_iter(b'\r', head)
            .filter(|&i| head.get(i + 1) != Some(&b'\n'))
            .count();
    let near = miette::SourceSpan::new((span.offset() - from).into(), span.len());
    let found = bytes[from..to].read_span(&near, before, after)?;
    Ok(Box::new(miette::MietteSpanContents::new(
        found.data(),
        miette::SourceSpan::new((found.span().offset() + from).into(), found.span().len()),
        found.line() + lines,
        found.column(),
        found.line_count() + lines,
    )))
}

impl Diag<'_> {
    fn span(&self, span: &std::ops::Range<usize>) -> std::ops::Range<usize> {
        match &self.shown {
            Some(s) => s.map_span(span),
            None => span.clone(),
        }
    }
}

impl fmt::Debug for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diag<'_> {}

impl Diagnostic for Diag<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info | Severity::Off => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let f = self.finding;
        let label = f.label.as_deref().map(|l| line(l).into_owned());
        let main = LabeledSpan::new_primary_with_span(label, self.span(&f.span));
        let related = f.related.iter().map(|r| {
            LabeledSpan::new_with_span(Some(line(&r.label).into_owned()), self.span(&r.span))
        });
        Some(Box::new(std::iter::once(main).chain(related)))
    }
}

pub fn render(outcome: &Outcome, style: super::Style, out: &mut dyn Write) -> io::Result<()> {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    // the safe copy of a file with control characters, made once however many findings it has
    let mut named: Vec<&str> = outcome.findings.iter().map(|f| &*f.file).collect();
    named.sort_unstable();
    named.dedup();
    let safe: HashMap<&str, Option<Arc<Snippet>>> = named
        .into_par_iter()
        .filter_map(|name| {
            let s = outcome.sources.get(name)?;
            Some((name, Snippet::of(&s.text).map(Arc::new)))
        })
        .collect();
    super::each_in_order(&outcome.findings, out, |f, buf| {
        let src = outcome.sources.get(&*f.file);
        // only files with a source have an entry
        let shown = safe.get(&*f.file).cloned().flatten();
        let source = src.map(|s| {
            let text = match &shown {
                Some(safe) => Text::Safe(safe.clone()),
                None => Text::Plain(s.clone()),
            };
            miette::NamedSource::new(line(&f.file), text)
        });
        let diag = Diag {
            finding: f,
            message: line(&f.message),
            help: f.help.as_deref().map(line),
            source,
            shown,
        };
        let mut text = String::new();
        if handler.render_report(&mut text, &diag).is_err() {
            text = format!(
                "{}:{}:{}: {}[{}] {}\n",
                line(&f.file),
                f.line,
                f.column,
                f.severity,
                f.rule,
                line(&f.message)
            );
        }
        buf.extend_from_slice(text.as_bytes());
        // a blank line between diagnostics, so the next rule's name does not read as this help's
        buf.push(b'\n');
        Ok(())
    })?;
    if style.summary {
        writeln!(out, "{}", super::summary_line(outcome))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `read_near` tells miette's renderer what miette's own `read_span` of the whole text does,
    /// for every span of texts with every kind of line break, and every context asked.
    #[test]
    fn the_lines_read_near_a_span_are_those_read_from_the_start() {
        let texts = [
            "a = 1\nb = 2\nc = 3\nd = 4\ne = 5\nf = 6\ng = 7\n".to_string(),
            "one\r\ntwo\r\nthree\r\nfour\r\nfive\r\nsix\r\nseven".to_string(),
            "x\ry\rz\n\n\r\nw\r\r\nv\n\nu\nt\rs".to_string(),
            "\u{feff}é = \"ü\"\n\n\nlong line here\nq\n".to_string(),
            (0..40).map(|i| format!("k{i} = {i}\n")).collect(),
            String::new(),
            "no break at all".to_string(),
        ];
        for text in &texts {
            let bytes = text.as_bytes();
            for start in 0..=bytes.len() {
                for len in [0, 1, 2, 5, 13] {
                    for (before, after) in [(0, 0), (1, 1), (2, 0), (0, 2), (3, 3)] {
                        let span = miette::SourceSpan::new(start.into(), len);
                        let want = bytes.read_span(&span, before, after);
                        let got = read_near(text, &span, before, after);
                        match (want, got) {
                            (Ok(w), Ok(g)) => {
                                let at = (start, len, before, after);
                                assert_eq!(g.data(), w.data(), "{text:?} {at:?}");
                                assert_eq!(g.span(), w.span(), "{text:?} {at:?}");
                                assert_eq!(g.line(), w.line(), "{text:?} {at:?}");
                                assert_eq!(g.column(), w.column(), "{text:?} {at:?}");
                                assert_eq!(g.line_count(), w.line_count(), "{text:?} {at:?}");
                            }
                            (Err(_), Err(_)) => {}
                            (w, g) => panic!(
                                "{text:?} at {start}+{len}: miette {:?}, near {:?}",
                                w.is_ok(),
                                g.is_ok()
                            ),
                        }
                    }
                }
            }
        }
    }
}
