//! A Finding: one problem in one plan, at one place. Every output format is a view of it.

use serde::Serialize;
use std::borrow::Cow;
use std::ops::Range;

/// How much a finding matters. `Off` only appears in configuration: an off rule never runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Off,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "off" => Severity::Off,
            "info" => Severity::Info,
            "warning" | "warn" => Severity::Warning,
            "error" => Severity::Error,
            _ => return None,
        })
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary place that explains the finding (the first `id` of a duplicate, say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub span: Range<usize>,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// Repository-relative path with `/`.
    pub file: std::sync::Arc<str>,
    /// Byte span in the file's text; line and column are computed from it once.
    pub span: Range<usize>,
    pub line: usize,
    pub column: usize,
    pub plan: Option<std::sync::Arc<str>>,
    pub action: Option<String>,
    /// What is wrong, with the values involved. Lower case, no advice.
    pub message: String,
    /// What to do about it: nearly always a rule's own fixed sentence, so not copied for each
    /// of the tens of thousands of findings a large repository can have.
    pub help: Option<Cow<'static, str>>,
    /// The label under the span (defaults to the message): nearly always a rule's own words,
    /// not copied for each finding.
    pub label: Option<Cow<'static, str>>,
    pub related: Vec<Related>,
    /// How to repair it, when the rule knows (`planlint check --fix` applies it); boxed, as
    /// most findings have none and a check can hold tens of thousands of findings.
    pub fix: Option<Box<crate::plan::fix::Fix>>,
}

impl Finding {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            rule,
            severity,
            file: "".into(),
            span,
            line: 0,
            column: 0,
            plan: None,
            action: None,
            message: message.into(),
            help: None,
            label: None,
            related: Vec::new(),
            fix: None,
        }
    }

    pub fn help(mut self, help: impl Into<Cow<'static, str>>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn label(mut self, label: impl Into<Cow<'static, str>>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn action(mut self, id: impl Into<String>) -> Self {
        self.action = Some(id.into());
        self
    }

    pub fn fix(mut self, fix: crate::plan::fix::Fix) -> Self {
        self.fix = Some(Box::new(fix));
        self
    }

    pub fn related(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            label: label.into(),
        });
        self
    }
}

/// Counts of findings by severity, as the summary line and JSON `summary` show them.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            match f.severity {
                Severity::Error => s.error += 1,
                Severity::Warning => s.warning += 1,
                Severity::Info => s.info += 1,
                Severity::Off => {}
            }
        }
        s
    }
}

/// Which problem a finding is, wherever its line: its plan, action, rule, and the key it is
/// about.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Identity {
    pub plan: Option<String>,
    pub action: Option<String>,
    pub rule: &'static str,
    pub field: String,
}

impl Finding {
    /// This finding's identity (DESIGN.md, "Identity of a finding") in `text`, the file it
    /// was found in.
    pub fn identity(&self, text: &str) -> Identity {
        let f = self;
        Identity {
            plan: f.plan.as_deref().map(str::to_string),
            action: f.action.clone(),
            rule: f.rule,
            field: field_at(text, f.span.start),
        }
    }
}

/// The key whose value holds `at`: the nearest `key =` line at or above it, within its table
/// (empty at a table's header, or above any key).
pub(crate) fn field_at(text: &str, at: usize) -> String {
    let at = at.min(text.len());
    let end = text
        .get(at..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| at + i);
    let upto = text.get(..end).unwrap_or_default();
    for line in upto.lines().rev() {
        let line = line.trim_start();
        if line.starts_with('[') && !line.starts_with("[\"") {
            return String::new();
        }
        if let Some((key, _)) = line.split_once('=') {
            let key = key.trim();
            // a quoted key's quotes pair up; a string item holding `=` does not ("a = b",)
            if !key.is_empty()
                && key.matches('"').count() % 2 == 0
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '"'))
            {
                return key.to_string();
            }
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_is_known_by_the_key_it_is_about() {
        let text =
            "[plan]\nid = \"p\"\n[[actions]]\nid = \"1\"\nleads = [\n  \"a = b\",\n  \"\",\n]\n";
        assert_eq!(field_at(text, text.find("\"\",").expect("empty")), "leads");
        assert_eq!(field_at(text, text.find("\"1\"").expect("id")), "id");
        assert_eq!(
            field_at(text, text.find("[[actions]]").expect("header")),
            ""
        );
        // past the end: the last key, no panic
        assert_eq!(field_at(text, 10_000), "leads");
    }
}
