//! miette's graphical diagnostics: the snippet, a label under the offending value, the help.
//! Plan text is untrusted: the snippet shows control characters as pictures (`␛`) and every
//! message, label and help as `\u{1b}` (`plan::escape`), so none reaches the terminal raw.

use crate::lint::check::Outcome;
use crate::plan::escape::{line, Snippet};
use crate::plan::finding::{Finding, Severity};
use crate::plan::source::SourceFile;
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};
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
            Text::Plain(s) => s.text.read_span(span, before, after),
            Text::Safe(s) => s.text.read_span(span, before, after),
        }
    }
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
    let mut safe: HashMap<&str, Option<Arc<Snippet>>> = HashMap::new();
    for f in &outcome.findings {
        let src = outcome.sources.get(&*f.file);
        let shown = src.and_then(|s| {
            safe.entry(&*f.file)
                .or_insert_with(|| Snippet::of(&s.text).map(Arc::new))
                .clone()
        });
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
        out.write_all(text.as_bytes())?;
        // a blank line between diagnostics, so the next rule's name does not read as this help's
        out.write_all(b"\n")?;
    }
    if style.summary {
        writeln!(out, "{}", super::summary_line(outcome))?;
    }
    Ok(())
}
