//! A Finding: one problem in one plan, at one place. Every output format is a view of it.

use serde::Serialize;
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
    pub file: String,
    /// Byte span in the file's text; line and column are computed from it once.
    pub span: Range<usize>,
    pub line: usize,
    pub column: usize,
    pub plan: Option<String>,
    pub action: Option<String>,
    /// What is wrong, with the values involved. Lower case, no advice.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The label under the span (defaults to the message).
    pub label: Option<String>,
    pub related: Vec<Related>,
    /// How to repair it, when the rule knows (`planlint check --fix` applies it).
    pub fix: Option<crate::plan::fix::Fix>,
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
            file: String::new(),
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

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn action(mut self, id: impl Into<String>) -> Self {
        self.action = Some(id.into());
        self
    }

    pub fn fix(mut self, fix: crate::plan::fix::Fix) -> Self {
        self.fix = Some(fix);
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
