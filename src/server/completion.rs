//! Completion from the line before the cursor: after `key = ` the values that key takes
//! (ratings of the configured scale and its aliases, statuses, this plan's section ids, leads
//! already used in the repository, rule names for `allow`); at the start of a line the keys the
//! schema allows in the table the cursor is in, less those already written.

use super::encoding::{Encoding, Lines};
use super::Doc;
use lsp_types as lsp;
use serde_json::Value;

pub fn complete(
    doc: &Doc,
    pos: lsp::Position,
    encoding: Encoding,
    leads: &[String],
) -> lsp::CompletionResponse {
    let lines = Lines::new(&doc.text, encoding);
    let at = lines.offset(pos);
    let line_start = doc.text[..at].rfind('\n').map_or(0, |n| n + 1);
    let before = &doc.text[line_start..at];
    let items = match before.split_once('=') {
        Some((key, rest)) if is_key(key.trim()) => values(doc, key.trim(), rest, leads),
        None if is_key(before.trim()) || before.trim().is_empty() => keys(doc, line_start),
        _ => Vec::new(),
    };
    lsp::CompletionResponse::Array(items)
}

fn is_key(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The values `key` takes; `rest` is what follows `=` up to the cursor.
fn values(doc: &Doc, key: &str, rest: &str, leads: &[String]) -> Vec<lsp::CompletionItem> {
    let scale = doc.config.as_ref().map(|c| &c.scale);
    let (words, kind, detail): (Vec<String>, _, &str) = match key {
        "rag" => {
            let Some(scale) = scale else {
                return Vec::new();
            };
            let mut w: Vec<String> = scale.names().map(str::to_string).collect();
            w.extend(scale.aliases.keys().cloned());
            (w, lsp::CompletionItemKind::ENUM_MEMBER, "rating")
        }
        "status" => (
            [
                "not-started",
                "in-progress",
                "complete",
                "withdrawn",
                "on-hold",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            lsp::CompletionItemKind::ENUM_MEMBER,
            "status",
        ),
        "section" => (
            section_ids(&doc.text),
            lsp::CompletionItemKind::REFERENCE,
            "section",
        ),
        "leads" | "partners" => (
            leads.to_vec(),
            lsp::CompletionItemKind::VALUE,
            "used in the plans",
        ),
        "allow" => (
            crate::lint::names().iter().map(|s| s.to_string()).collect(),
            lsp::CompletionItemKind::KEYWORD,
            "rule",
        ),
        _ => return Vec::new(),
    };
    // inside an open string the word goes in bare, else in quotes
    let open = rest.matches('"').count() % 2 == 1;
    words
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            let insert = if open {
                w.clone()
            } else {
                crate::plan::fix::toml_string(&w)
            };
            let detail = if key == "rag" {
                scale
                    .and_then(|s| s.aliases.get(&w).map(|n| format!("alias of {n}")))
                    .unwrap_or_else(|| detail.to_string())
            } else {
                detail.to_string()
            };
            lsp::CompletionItem {
                label: w.clone(),
                kind: Some(kind),
                detail: Some(detail),
                insert_text: Some(insert),
                filter_text: Some(w),
                sort_text: Some(format!("{i:04}")),
                ..Default::default()
            }
        })
        .collect()
}

/// The section ids written in the text, read line by line (the text may not parse while it is
/// being typed).
fn section_ids(text: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut in_section = false;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            in_section = header(t).as_deref() == Some("sections");
        } else if in_section {
            if let Some((k, v)) = t.split_once('=') {
                if k.trim() == "id" {
                    let v = v.trim();
                    if let Ok(s) = toml::from_str::<toml::Value>(&format!("v = {v}")) {
                        if let Some(s) = s.get("v").and_then(|v| v.as_str()) {
                            ids.push(s.to_string());
                        }
                    }
                }
            }
        }
    }
    ids
}

/// A table header's name: `[[actions.updates]]` → `actions.updates`.
fn header(line: &str) -> Option<String> {
    let t = line.trim();
    let inner = t
        .strip_prefix("[[")
        .and_then(|r| r.split("]]").next())
        .or_else(|| t.strip_prefix('[').and_then(|r| r.split(']').next()))?;
    Some(
        inner
            .split('.')
            .map(|p| p.trim().trim_matches('"'))
            .collect::<Vec<_>>()
            .join("."),
    )
}

/// The keys of the table the line at `line_start` is in.
fn keys(doc: &Doc, line_start: usize) -> Vec<lsp::CompletionItem> {
    let text = &doc.text;
    let above = &text[..line_start];
    let mut table = String::new();
    let mut block_start = 0;
    for (i, line) in line_starts(above) {
        if line.trim_start().starts_with('[') {
            if let Some(h) = header(line) {
                table = h;
                block_start = i;
            }
        }
    }
    // keys written in this table already (above and below the cursor, up to the next header)
    let mut written = Vec::new();
    for (i, line) in line_starts(text).filter(|(i, _)| *i >= block_start) {
        if i > line_start && line.trim_start().starts_with('[') {
            break;
        }
        if let Some((k, _)) = line.split_once('=') {
            if i != line_start {
                written.push(k.trim().to_string());
            }
        }
    }
    let schema = crate::plan::schema::schema_json();
    let def = match table.as_str() {
        "" => Some(schema),
        "plan" => schema.pointer("/$defs/planInfo"),
        "sections" => schema.pointer("/$defs/section"),
        "actions" => schema.pointer("/$defs/action"),
        "actions.milestones" => schema.pointer("/$defs/milestone"),
        "actions.updates" => schema.pointer("/$defs/update"),
        _ => None,
    };
    let Some(Value::Object(props)) = def.and_then(|d| d.get("properties")) else {
        return Vec::new();
    };
    let required: Vec<&str> = def
        .and_then(|d| d.get("required"))
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    props
        .iter()
        .filter(|(k, _)| !written.iter().any(|w| w == *k))
        // sub-tables are written as [[headers]], not as keys
        .filter(|(k, _)| {
            !matches!(
                (table.as_str(), k.as_str()),
                ("", "plan" | "sections" | "actions") | ("actions", "milestones" | "updates")
            )
        })
        .map(|(k, v)| {
            let doc = v
                .get("description")
                .and_then(Value::as_str)
                .map(|d| lsp::Documentation::String(d.to_string()));
            lsp::CompletionItem {
                label: k.clone(),
                kind: Some(lsp::CompletionItemKind::PROPERTY),
                detail: Some(if required.contains(&k.as_str()) {
                    "required".into()
                } else {
                    "optional".into()
                }),
                documentation: doc,
                insert_text: Some(format!("{k} = ")),
                ..Default::default()
            }
        })
        .collect()
}

fn line_starts(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split_inclusive('\n').map(move |l| {
        let here = at;
        at += l.len();
        (here, l)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_sections_are_read_from_text_that_may_not_parse() {
        assert_eq!(
            header("[[actions.updates]]").as_deref(),
            Some("actions.updates")
        );
        assert_eq!(header("[plan] # x").as_deref(), Some("plan"));
        let text = "[[sections]]\nid = \"1\"\n[[sections]]\nid = \"2a\"\n[[actions]]\nid = \"9\"\nsection = \"";
        assert_eq!(section_ids(text), vec!["1", "2a"]);
    }
}
