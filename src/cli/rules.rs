//! `planlint rules` and `planlint explain RULE`: the rule list and one rule's documentation.

use super::{print, ReportFormat};
use crate::lint;
use crate::plan::fix::FixKind;
use crate::workspace::config::Config;
use crate::Error;
use std::process::ExitCode;

/// Every rule with the severity it runs at under `config` (and its default beside it when
/// that differs), its fix (if any) and its summary; as a table or as JSON.
pub fn list(config: &Config, format: ReportFormat) -> Result<ExitCode, Error> {
    let rows: Vec<Row> = lint::RULES
        .iter()
        .map(|r| {
            let m = r.meta();
            Row {
                name: m.name,
                severity: config.severity(m.name, m.severity).as_str(),
                default_severity: m.severity.as_str(),
                fix: match m.fix {
                    FixKind::None => None,
                    FixKind::Safe => Some("safe"),
                    FixKind::Unsafe => Some("unsafe"),
                },
                summary: m.summary,
            }
        })
        .collect();
    if format == ReportFormat::Json {
        let text = serde_json::to_string_pretty(&rows).map_err(|e| Error::Usage(e.to_string()))?;
        return print(&format!("{text}\n"));
    }
    let shown: Vec<String> = rows
        .iter()
        .map(|r| {
            if r.severity == r.default_severity {
                r.severity.to_string()
            } else {
                format!("{} ({})", r.severity, r.default_severity)
            }
        })
        .collect();
    // as wide as the widest severity shown, "SEVERITY" at least
    let width = shown.iter().map(String::len).max().unwrap_or(0).max(8);
    let mut out = format!(
        "{:<24} {:<width$} {:<4} {}\n",
        "RULE", "SEVERITY", "FIX", "SUMMARY"
    );
    for (r, severity) in rows.iter().zip(&shown) {
        let fix = match r.fix {
            None => "",
            Some("safe") => "fix",
            Some(_) => "fix?",
        };
        out.push_str(&format!(
            "{:<24} {:<width$} {:<4} {}\n",
            r.name, severity, fix, r.summary
        ));
    }
    let source = match &config.file {
        Some(p) => format!("as {} sets them", p.display()),
        None => "the defaults: no planlint.toml found".to_string(),
    };
    out.push_str(&format!(
        "\nseverity: what the rule runs at here ({source}); (default) when that differs; off: it does not run\n\
         fix: `planlint check --fix` repairs it; fix?: only with --unsafe-fixes (look at the change first)\n",
    ));
    print(&out)
}

/// One line of `planlint rules --format json`.
#[derive(serde::Serialize)]
struct Row {
    name: &'static str,
    /// The severity the rule runs at under the configuration (`off`: it does not run).
    severity: &'static str,
    default_severity: &'static str,
    /// `safe`, `unsafe`, or null when the rule has no fix.
    fix: Option<&'static str>,
    summary: &'static str,
}

/// One rule's documentation, as Markdown.
pub fn explain(rule: &str) -> Result<ExitCode, Error> {
    match lint::find(rule) {
        Some(r) => {
            let m = r.meta();
            let fix = match m.fix {
                FixKind::None => "",
                FixKind::Safe => " Fix: safe (`planlint check --fix` applies it).",
                FixKind::Unsafe => {
                    " Fix: unsafe (only `planlint check --fix --unsafe-fixes` applies it)."
                }
            };
            print(&format!(
                "# {}\n\nDefault severity: {}. {}.{fix}\n\n{}",
                m.name,
                m.severity,
                capitalise(m.summary),
                m.docs
            ))
        }
        None => {
            let hint = crate::plan::words::nearest(rule, lint::names())
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default();
            Err(Error::Usage(format!(
                "unknown rule `{rule}`{hint}; `planlint rules` lists them"
            )))
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
