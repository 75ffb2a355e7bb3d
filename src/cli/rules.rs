//! `planlint rules` and `planlint explain RULE`: the rule list and one rule's documentation.

use super::print;
use crate::lint;
use crate::plan::fix::FixKind;
use crate::Error;
use std::process::ExitCode;

/// Every rule with its default severity, its fix (if any) and its summary.
pub fn list() -> Result<ExitCode, Error> {
    let mut out = String::new();
    for r in lint::RULES {
        let m = r.meta();
        let fix = match m.fix {
            FixKind::None => "",
            FixKind::Safe => "fix",
            FixKind::Unsafe => "fix?",
        };
        out.push_str(&format!(
            "{:<24} {:<8} {:<4} {}\n",
            m.name,
            m.severity.as_str(),
            fix,
            m.summary
        ));
    }
    out.push_str(
        "\nfix: `planlint check --fix` repairs it; fix?: only with --unsafe-fixes (look at the change first)\n",
    );
    print(&out)
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
            let hint = crate::plan::schema::nearest(rule, lint::names())
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
