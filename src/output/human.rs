//! miette's graphical diagnostics: the snippet, a label under the offending value, the help.

use crate::lint::check::Outcome;
use crate::plan::finding::{Finding, Severity};
use crate::plan::source::SourceFile;
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

struct Diag<'a> {
    finding: &'a Finding,
    source: Option<miette::NamedSource<Text>>,
}

/// A file's text shared with the outcome, so rendering copies nothing.
struct Text(Arc<SourceFile>);

impl SourceCode for Text {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        self.0.text.read_span(span, before, after)
    }
}

impl fmt::Debug for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
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
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let f = self.finding;
        let main = LabeledSpan::new_primary_with_span(f.label.clone(), f.span.clone());
        let related = f
            .related
            .iter()
            .map(|r| LabeledSpan::new_with_span(Some(r.label.clone()), r.span.clone()));
        Some(Box::new(std::iter::once(main).chain(related)))
    }
}

pub fn render(outcome: &Outcome, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    for f in &outcome.findings {
        let source = outcome
            .sources
            .get(&f.file)
            .map(|s| miette::NamedSource::new(f.file.clone(), Text(s.clone())));
        let diag = Diag { finding: f, source };
        let mut text = String::new();
        if handler.render_report(&mut text, &diag).is_err() {
            text = format!(
                "{}:{}:{}: {}[{}] {}\n",
                f.file, f.line, f.column, f.severity, f.rule, f.message
            );
        }
        out.write_all(text.as_bytes())?;
        // a blank line between diagnostics, so the next rule's name does not read as this help's
        out.write_all(b"\n")?;
    }
    writeln!(out, "{}", super::summary_line(outcome))
}
