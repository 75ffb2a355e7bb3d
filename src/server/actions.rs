//! Code actions and formatting. Each finding's fix comes from the diagnostic's `data` (no new
//! check); `source.fixAll.planlint` applies the safe fixes in passes as `check --fix` does;
//! "Allow this rule on this action…" adds the rule to the action's `allow` with an
//! `allow_reason` to fill in; a past-due open action gets "Record an update…", a dated stub.
//! Formatting is `planlint fmt`'s layout (`edit::format`).

use super::encoding::{Encoding, Lines};
use super::{Data, Doc};
use crate::edit::format::ACTION_KEYS;
use crate::edit::locate::Located;
use crate::plan::fix::{toml_string, Applicability, Edit};
use chrono::NaiveDate;
use lsp_types as lsp;
use std::collections::HashMap;

/// The kind of the fix-all action (`source.fixAll` clients run on save).
pub const FIX_ALL: &str = "source.fixAll.planlint";
/// What an `allow_reason` added by the allow action says until someone writes the reason.
pub const REASON_PLACEHOLDER: &str = "TODO: say why this rule does not apply to this action";
/// An update stub's text until someone writes what happened.
pub const UPDATE_PLACEHOLDER: &str = "TODO: what has happened since the last update";

pub fn code_actions(
    doc: &Doc,
    p: &lsp::CodeActionParams,
    encoding: Encoding,
    as_of: NaiveDate,
    others: &[(String, String)],
) -> lsp::CodeActionResponse {
    let lines = Lines::new(&doc.text, encoding);
    let wants = |kind: &lsp::CodeActionKind| match &p.context.only {
        None => true,
        Some(only) => only.iter().any(|o| {
            kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str()))
        }),
    };
    let mut out: Vec<lsp::CodeActionOrCommand> = Vec::new();
    let edit = |edits: Vec<lsp::TextEdit>| lsp::WorkspaceEdit {
        changes: Some(HashMap::from([(doc.uri.clone(), edits)])),
        ..Default::default()
    };

    // the diagnostics the client sent, else (a client that keeps no data) the findings here
    let mut found: Vec<(lsp::Diagnostic, Data)> = p
        .context
        .diagnostics
        .iter()
        .filter(|d| d.source.as_deref() == Some("planlint"))
        .filter_map(|d| {
            let data: Data = serde_json::from_value(d.data.clone()?).ok()?;
            Some((d.clone(), data))
        })
        .collect();
    if found.is_empty() && p.context.diagnostics.is_empty() {
        let (start, end) = (lines.offset(p.range.start), lines.offset(p.range.end));
        for f in doc
            .findings
            .iter()
            .filter(|f| f.span.start <= end && start <= f.span.end)
        {
            let d = super::diagnostic(f, &lines, &doc.uri);
            if let Some(data) = d.data.clone().and_then(|v| serde_json::from_value(v).ok()) {
                found.push((d, data));
            }
        }
    }

    if wants(&lsp::CodeActionKind::QUICKFIX) {
        for (d, data) in &found {
            if let Some(fix) = &data.fix {
                out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: fix.title.clone(),
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![d.clone()]),
                    edit: Some(edit(fix.edits.clone())),
                    is_preferred: Some(fix.safe),
                    ..Default::default()
                }));
            }
        }
        let located = Located::parse(&doc.text).ok();
        let mut allowed: Vec<(String, String)> = Vec::new();
        for (d, data) in &found {
            let (Some(action), Some(located)) = (&data.action, &located) else {
                continue;
            };
            if matches!(
                data.rule.as_str(),
                "toml-syntax" | "schema" | "unused-allow"
            ) || allowed.contains(&(action.clone(), data.rule.clone()))
            {
                continue;
            }
            if let Some(edits) = allow_edits(located, action, &data.rule) {
                allowed.push((action.clone(), data.rule.clone()));
                out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: format!("Allow {} on action {action}…", data.rule),
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![d.clone()]),
                    edit: Some(edit(
                        edits
                            .iter()
                            .map(|e| lsp::TextEdit::new(lines.range(&e.range), e.content.clone()))
                            .collect(),
                    )),
                    ..Default::default()
                }));
            }
        }
        if let (Some(located), Some(file)) = (&located, doc.current_plan()) {
            let at = lines.offset(p.range.start);
            if let Some(e) = update_stub(located, file, at, as_of) {
                out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: e.0,
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    edit: Some(edit(vec![lsp::TextEdit::new(
                        lines.range(&e.1.range),
                        e.1.content,
                    )])),
                    ..Default::default()
                }));
            }
        }
    }

    let fix_all = lsp::CodeActionKind::new(FIX_ALL);
    if wants(&fix_all) {
        if let Some(fixed) = fix_all_text(doc, as_of, others) {
            let e = crate::edit::text::between(&doc.text, &fixed);
            out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: "Fix all safe planlint findings".into(),
                kind: Some(fix_all),
                edit: Some(edit(vec![lsp::TextEdit::new(
                    lines.range(&e.range),
                    e.content,
                )])),
                ..Default::default()
            }));
        }
    }
    out
}

/// The document with every safe fix applied, in passes as `check --fix` makes them; `None`
/// when there is nothing to fix.
fn fix_all_text(doc: &Doc, as_of: NaiveDate, others: &[(String, String)]) -> Option<String> {
    let config = doc.config.as_ref().filter(|_| doc.plan)?;
    let mut text = doc.text.clone();
    for _ in 0..crate::edit::fix::MAX_PASSES {
        let outcome = super::analysis::check_text(
            &doc.name,
            &text,
            config,
            as_of,
            others,
            doc.past.as_deref(),
        );
        let (taken, _) = crate::edit::fix::one_pass(
            outcome
                .findings
                .iter()
                .filter_map(|f| f.fix.as_deref())
                .filter(|f| f.applicability == Applicability::Safe)
                .map(|f| (f, ()))
                .collect(),
        );
        if taken.is_empty() {
            break;
        }
        text = crate::edit::text::apply(&text, &taken).ok()?;
    }
    (text != doc.text).then_some(text)
}

/// `allow = [..., "rule"]` on the action, and an `allow_reason` placeholder when it has none.
fn allow_edits(located: &Located<'_>, action: &str, rule: &str) -> Option<Vec<Edit>> {
    let actions = located.actions().ok()?;
    let at = actions.iter().find(|a| a.id == action)?;
    let mut rules: Vec<String> = at
        .table
        .get("allow")
        .and_then(|i| i.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    if rules.iter().any(|r| r == rule) {
        return None;
    }
    rules.push(rule.to_string());
    let value = format!(
        "[{}]",
        rules
            .iter()
            .map(|r| toml_string(r))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut edits = vec![located.set(at.table, ACTION_KEYS, "allow", &value)];
    if at.table.get("allow_reason").is_none() {
        let reason = located.set(
            at.table,
            ACTION_KEYS,
            "allow_reason",
            &toml_string(REASON_PLACEHOLDER),
        );
        // two insertions at one place: one edit, so every client keeps their order
        match edits.first_mut() {
            Some(first) if first.range.is_empty() && first.range == reason.range => {
                first.content.push_str(&reason.content);
            }
            _ => edits.push(reason),
        }
    }
    Some(edits)
}

/// "Record an update…" for the open, past-due action whose block holds `at`: a dated
/// `[[actions.updates]]` stub after the action's last line.
fn update_stub(
    located: &Located<'_>,
    file: &crate::plan::load::PlanFile,
    at: usize,
    as_of: NaiveDate,
) -> Option<(String, Edit)> {
    let actions = located.actions().ok()?;
    let here = actions
        .iter()
        .find(|a| located.block_start(a.table) <= at && at < located.block_end(a.table))?;
    let (i, action) = file
        .plan
        .actions
        .iter()
        .enumerate()
        .find(|(_, a)| a.get_ref().id.get_ref() == &here.id)?;
    let due = file.due(i)?.due?;
    if !action.get_ref().is_open() || due >= as_of {
        return None;
    }
    let block = crate::edit::locate::table_text(
        "[[actions.updates]]",
        &[
            ("date", as_of.to_string()),
            ("text", toml_string(UPDATE_PLACEHOLDER)),
        ],
    );
    let end = located.block_end(here.table);
    let text = located.text();
    let newline = if end == text.len() && !text.is_empty() && !text.ends_with('\n') {
        "\n"
    } else {
        ""
    };
    Some((
        format!("Record an update on action {} (due {due})…", here.id),
        Edit::insert(end, format!("{newline}\n{block}")),
    ))
}

/// The whole document in `fmt`'s layout, as one edit (none when it is already so).
pub fn format(doc: &Doc, encoding: Encoding) -> Result<Vec<lsp::TextEdit>, String> {
    let formatted = crate::edit::format::format_text(&doc.text).map_err(|e| e.to_string())?;
    if formatted == doc.text {
        return Ok(Vec::new());
    }
    let lines = Lines::new(&doc.text, encoding);
    let e = crate::edit::text::between(&doc.text, &formatted);
    Ok(vec![lsp::TextEdit::new(lines.range(&e.range), e.content)])
}
