//! The baseline: the findings a repository already had when it adopted planlint, recorded in
//! `planlint-baseline.toml` so that `check` leaves them out and reports only new ones.
//!
//! A line of the baseline is a finding's identity (`plan::finding::Identity`: plan id, action
//! id, rule, the key it is about), never its line number, so edits elsewhere in a plan do not
//! bring a baselined finding back. A line may repeat when a plan has the same finding twice.
//! The file is sorted, one finding a line with its message as a comment, so a review diff reads
//! well. A line no finding matches any more (the problem was fixed) is reported
//! (`unused-baseline`), and `planlint baseline --prune` removes it: the baseline only shrinks.
//!
//! This module is the data and the matching; reading and writing the file is the command
//! line's (`cli::baseline`).

use crate::lint::check::Outcome;
use crate::lint::rules::unused_baseline;
use crate::lint::Context;
use crate::plan::finding::{Finding, Severity};
use crate::plan::source::SourceFile;
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::Arc;

/// The baseline's file name, in the configuration root.
pub const FILE: &str = "planlint-baseline.toml";

/// What a baseline line says: which finding it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub plan: String,
    pub action: Option<String>,
    pub rule: String,
    pub field: String,
}

/// One line of the baseline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: Key,
    /// The finding's message when the line was written (the comment).
    pub message: String,
    /// Where the line's table is in the baseline file (empty for a line not read from one).
    pub span: Range<usize>,
}

/// A baseline as read from its file.
#[derive(Debug, Clone)]
pub struct Baseline {
    /// The file, named as findings name files (relative to the repository root).
    pub source: Arc<SourceFile>,
    pub entries: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDe {
    version: toml::Spanned<i64>,
    #[serde(default)]
    findings: Vec<toml::Spanned<EntryDe>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryDe {
    plan: String,
    action: Option<String>,
    rule: String,
    #[serde(default)]
    field: String,
}

impl Baseline {
    /// Reads a baseline's text; `name` names the file in messages and findings. The error is
    /// `line:column: what is wrong`.
    pub fn parse(name: String, text: String) -> Result<Baseline, String> {
        let source = Arc::new(SourceFile::new(name, text));
        let at = |span: Option<Range<usize>>| {
            let (line, column) = source.position(span.map_or(0, |s| s.start));
            format!("{line}:{column}")
        };
        let file: FileDe = toml::from_str(&source.text)
            .map_err(|e| format!("{}: {}", at(e.span()), e.message().trim()))?;
        if *file.version.get_ref() != 1 {
            return Err(format!(
                "{}: version {} is not one planlint knows: it writes version 1",
                at(Some(file.version.span())),
                file.version.get_ref()
            ));
        }
        let entries = file
            .findings
            .into_iter()
            .map(|e| {
                let span = e.span();
                let e = e.into_inner();
                Entry {
                    message: comment_after(&source.text, span.end),
                    key: Key {
                        plan: e.plan,
                        action: e.action,
                        rule: e.rule,
                        field: e.field,
                    },
                    span,
                }
            })
            .collect();
        Ok(Baseline { source, entries })
    }

    /// Leaves out of `outcome` the findings the baseline records (one finding a line) and adds
    /// an `unused-baseline` finding for each line that matched none in a plan that was checked
    /// (with `only`, `--changed-since`'s files: in one of those); the note to show, when findings
    /// were left out.
    pub fn apply(
        &self,
        outcome: &mut Outcome,
        cx: &Context<'_>,
        only: Option<&BTreeSet<String>>,
    ) -> Option<String> {
        let mut open: HashMap<&Key, Vec<usize>> = HashMap::new();
        for (i, e) in self.entries.iter().enumerate().rev() {
            open.entry(&e.key).or_default().push(i);
        }
        let mut used = vec![false; self.entries.len()];
        let mut hidden = 0;
        let findings = std::mem::take(&mut outcome.findings);
        for f in findings {
            let matched = key_of(&f, &outcome.sources)
                .and_then(|k| open.get_mut(&k))
                .and_then(Vec::pop);
            match matched {
                // a non-waivable rule's finding stays, though its line is not unused
                Some(i) if cx.config.waivable(f.rule) => {
                    used[i] = true;
                    hidden += 1;
                }
                Some(i) => {
                    used[i] = true;
                    outcome.findings.push(f);
                }
                None => outcome.findings.push(f),
            }
        }
        let checked: BTreeSet<&str> = outcome
            .plan_files
            .iter()
            .filter(|p| only.is_none_or(|files| files.contains(&p.source.name)))
            .map(|p| p.plan.id())
            .collect();
        let mut unused = Vec::new();
        for (e, _) in self.entries.iter().zip(&used).filter(|(_, u)| !**u) {
            if checked.contains(e.key.plan.as_str()) && judged(&e.key.rule, outcome, cx) {
                unused.extend(unused_baseline::finding(
                    e.span.clone(),
                    &e.key.plan,
                    e.key.action.as_deref(),
                    &e.key.rule,
                    cx,
                ));
            }
        }
        if !unused.is_empty() {
            let file: std::sync::Arc<str> = self.source.name.as_str().into();
            for f in &mut unused {
                f.file = file.clone();
                f.span = self.source.clamp(&f.span);
                (f.line, f.column) = self.source.position(f.span.start);
            }
            outcome
                .sources
                .insert(self.source.name.clone(), self.source.clone());
            outcome.findings.extend(unused);
        }
        (hidden > 0).then(|| {
            format!(
                "{} in the baseline not shown ({})",
                crate::plan::words::count(hidden, "finding"),
                self.source.name
            )
        })
    }

    /// The lines a pruned baseline keeps: those that still match a finding of `outcome` (a
    /// check of every plan, without the baseline), and those that could not be judged (their
    /// rule is switched off, or the history rules did not run); sorted.
    pub fn prune(&self, outcome: &Outcome, cx: &Context<'_>) -> Vec<Entry> {
        // every finding that still occurs keeps its line, a non-waivable rule's too: prune only
        // removes what was fixed (a non-waivable rule is shown whatever the baseline says, and
        // its line goes when the finding does, or when `planlint baseline` is run again)
        let mut now: HashMap<Key, Vec<String>> = HashMap::new();
        for f in &outcome.findings {
            if let Some(k) = key_of(f, &outcome.sources) {
                now.entry(k).or_default().push(f.message.clone());
            }
        }
        let mut kept: Vec<Entry> = self
            .entries
            .iter()
            .filter_map(|e| {
                if !judged(&e.key.rule, outcome, cx) {
                    return Some(e.clone());
                }
                let message = now.get_mut(&e.key)?.pop()?;
                Some(Entry {
                    key: e.key.clone(),
                    message,
                    span: 0..0,
                })
            })
            .collect();
        kept.sort_by(|a, b| a.key.cmp(&b.key));
        kept
    }
}

/// The baseline lines of `outcome`'s findings (a check without a baseline): every finding a
/// baseline may hold (not a non-waivable rule's: no baseline silences it), sorted.
pub fn entries(outcome: &Outcome, cx: &Context<'_>) -> Vec<Entry> {
    let mut out: Vec<Entry> = outcome
        .findings
        .iter()
        .filter(|f| cx.config.waivable(f.rule))
        .filter_map(|f| {
            Some(Entry {
                key: key_of(f, &outcome.sources)?,
                message: f.message.clone(),
                span: 0..0,
            })
        })
        .collect();
    out.sort_by(|a, b| a.key.cmp(&b.key).then_with(|| a.message.cmp(&b.message)));
    out
}

/// The baseline file's text: a header, then the lines, sorted, each with its message.
pub fn render(entries: &[Entry]) -> String {
    use crate::plan::fix::toml_string;
    let mut out = String::from(
        "# planlint baseline: findings this repository already had, which `planlint check` leaves\n\
         # out (and counts). Written by `planlint baseline`; a line whose finding is fixed is\n\
         # reported (unused-baseline) and `planlint baseline --prune` removes it.\n\
         # One finding a line: its plan, action, rule and the key it is about; then its message.\n\
         version = 1\n",
    );
    if entries.is_empty() {
        out.push_str("findings = []\n");
        return out;
    }
    out.push_str("findings = [\n");
    for e in entries {
        let k = &e.key;
        out.push_str(&format!("  {{ plan = {}", toml_string(&k.plan)));
        if let Some(a) = &k.action {
            out.push_str(&format!(", action = {}", toml_string(a)));
        }
        out.push_str(&format!(", rule = {}", toml_string(&k.rule)));
        if !k.field.is_empty() {
            out.push_str(&format!(", field = {}", toml_string(&k.field)));
        }
        out.push_str(" },");
        let message = comment_text(&e.message);
        if !message.is_empty() {
            out.push_str(" # ");
            out.push_str(&message);
        }
        out.push('\n');
    }
    out.push_str("]\n");
    out
}

/// A finding's baseline key, when a baseline may hold it: it has a plan, and it is not about a
/// file that could not be read (`toml-syntax`, `schema`) nor a baseline's own.
fn key_of(f: &Finding, sources: &HashMap<String, Arc<SourceFile>>) -> Option<Key> {
    if matches!(
        f.rule,
        crate::plan::load::SYNTAX | crate::plan::schema::RULE
    ) || f.rule == unused_baseline::NAME
    {
        return None;
    }
    let text = sources.get(&*f.file).map_or("", |s| s.text.as_str());
    let id = f.identity(text);
    Some(Key {
        plan: id.plan?,
        action: id.action,
        rule: id.rule.to_string(),
        field: id.field,
    })
}

/// Whether this check could have found a finding of `rule`: it is a rule, it ran, and, for a
/// history rule, the history pass ran.
fn judged(rule: &str, outcome: &Outcome, cx: &Context<'_>) -> bool {
    crate::lint::find(rule).is_none_or(|r| {
        cx.severity(r.meta()) != Severity::Off && (outcome.history || !r.past_needs(cx).any())
    })
}

/// A message as a one-line TOML comment: control characters shown escaped (a comment may hold
/// none but tab), trimmed.
fn comment_text(message: &str) -> String {
    crate::plan::escape::line(message)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// The comment on the rest of the line after `at` (the message written beside an entry).
fn comment_after(text: &str, at: usize) -> String {
    let rest = text.get(at..).unwrap_or_default();
    let line = rest.split('\n').next().unwrap_or_default();
    line.split_once('#')
        .map(|(_, c)| c.trim().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(plan: &str, action: Option<&str>, rule: &str, field: &str, message: &str) -> Entry {
        Entry {
            key: Key {
                plan: plan.into(),
                action: action.map(str::to_string),
                rule: rule.into(),
                field: field.into(),
            },
            message: message.into(),
            span: 0..0,
        }
    }

    #[test]
    fn render_then_parse_gives_the_lines_back() {
        let lines = vec![
            entry(
                "p",
                None,
                "stale-action",
                "",
                "no update \"since\"\u{1b}[31m",
            ),
            entry("p", Some("6.3"), "vague-lead", "leads", "the only lead"),
        ];
        let text = render(&lines);
        assert!(
            text.contains(
                "  { plan = \"p\", action = \"6.3\", rule = \"vague-lead\", field = \"leads\" }, # the only lead\n"
            ),
            "{text}"
        );
        let back = Baseline::parse(FILE.into(), text).expect("parses");
        let keys: Vec<&Key> = back.entries.iter().map(|e| &e.key).collect();
        assert_eq!(keys, lines.iter().map(|e| &e.key).collect::<Vec<_>>());
        assert_eq!(back.entries[1].message, "the only lead");
        assert!(!back.entries[0].message.contains('\u{1b}'));
    }

    #[test]
    fn a_bad_file_says_where() {
        let e = Baseline::parse(
            FILE.into(),
            "version = 1\nfindings = [{ plan = 1 }]\n".into(),
        )
        .unwrap_err();
        assert!(e.starts_with("2:"), "{e}");
        let e = Baseline::parse(FILE.into(), "version = 2\n".into()).unwrap_err();
        assert!(e.starts_with("1:11: version 2"), "{e}");
        assert!(Baseline::parse(FILE.into(), render(&[])).is_ok());
    }

    #[test]
    fn unused_baselines_documented_example_parses_as_a_baseline() {
        let docs = crate::lint::rules::unused_baseline::META.docs;
        for block in docs.split("```toml").skip(1) {
            let text = block.split("```").next().unwrap_or_default();
            assert!(
                Baseline::parse("b.toml".into(), text.into()).is_ok(),
                "{text}"
            );
        }
    }
}
