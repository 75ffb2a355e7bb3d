//! Where things are in a plan's text, from `toml_edit`'s spans: an action's table, a key's value,
//! the end of an action with its milestones and updates. The commands turn these places into
//! edits; nothing here changes the text.

use crate::plan::fix::Edit;
use std::ops::Range;
use toml_edit::{Document, Item, Table};

/// A plan's text, parsed with the places of its keys and tables.
pub struct Located<'t> {
    text: &'t str,
    /// Bytes before what the parser saw (a byte order mark).
    offset: usize,
    doc: Document<&'t str>,
}

/// One `[[actions]]` table of the plan.
pub struct ActionAt<'a> {
    pub id: String,
    pub section: Option<String>,
    pub table: &'a Table,
}

impl<'t> Located<'t> {
    /// Parses `text`; an error says where the TOML is broken.
    pub fn parse(text: &'t str) -> Result<Located<'t>, String> {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let offset = text.len() - body.len();
        let doc = Document::parse(body).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start) + offset;
            let (line, column) =
                crate::plan::source::SourceFile::new(String::new(), text.to_string()).position(at);
            format!(
                "line {line}, column {column}: invalid TOML: {}",
                e.message().trim().trim_end_matches('.')
            )
        })?;
        Ok(Located { text, offset, doc })
    }

    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The `[plan]` table.
    pub fn plan(&self) -> Option<&Table> {
        match self.doc.as_table().get("plan") {
            Some(Item::Table(t)) if !t.is_dotted() => Some(t),
            _ => None,
        }
    }

    /// The `[[actions]]` tables, in order. Errors when the plan writes its actions another way
    /// (`actions = [{ … }]`), which the commands do not edit: `planlint fmt` rewrites it.
    pub fn actions(&self) -> Result<Vec<ActionAt<'_>>, String> {
        match self.doc.as_table().get("actions") {
            None => Ok(Vec::new()),
            Some(Item::ArrayOfTables(a)) => Ok(a
                .iter()
                .map(|t| ActionAt {
                    id: t.get("id").and_then(Item::as_str).unwrap_or("").to_string(),
                    section: t.get("section").and_then(Item::as_str).map(str::to_string),
                    table: t,
                })
                .collect()),
            Some(_) => Err(
                "its actions are not written as [[actions]] tables; run `planlint fmt` on it first"
                    .into(),
            ),
        }
    }

    /// The `[[sections]]` ids, in order.
    pub fn section_ids(&self) -> Vec<String> {
        match self.doc.as_table().get("sections") {
            Some(Item::ArrayOfTables(a)) => a
                .iter()
                .filter_map(|t| t.get("id").and_then(Item::as_str).map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    }

    fn shift(&self, r: Range<usize>) -> Range<usize> {
        r.start + self.offset..r.end + self.offset
    }

    /// The span of `key`'s value in `table` (a plain value, not a sub-table).
    pub fn value_span(&self, table: &Table, key: &str) -> Option<Range<usize>> {
        match table.get(key)? {
            Item::Value(v) => v.span().map(|r| self.shift(r)),
            _ => None,
        }
    }

    /// The text of `key`'s value as written.
    pub fn value_text(&self, table: &Table, key: &str) -> Option<&'t str> {
        self.value_span(table, key).and_then(|r| self.text.get(r))
    }

    /// Sets `key = value` in `table` (`value` already TOML): replaces the value where the key is,
    /// else inserts a line after the key before it in the schema's order (before the first key
    /// after it when none is before; after the header when the table has no key).
    pub fn set(&self, table: &Table, order: &[&str], key: &str, value: &str) -> Edit {
        if let Some(span) = self.value_span(table, key) {
            return Edit::replace(span, value);
        }
        let line = format!("{key} = {value}");
        let rank = |k: &str| order.iter().position(|o| *o == k).unwrap_or(order.len());
        let mine = rank(key);
        let values: Vec<(&str, &Item)> = table.iter().filter(|(_, i)| i.is_value()).collect();
        let before = values
            .iter()
            .filter(|(k, _)| rank(k) <= mine)
            .filter_map(|(k, _)| self.value_span(table, k))
            .max_by_key(|r| r.end);
        if let Some(r) = before {
            return Edit::insert_line_after(self.text, r.end, &line);
        }
        let after = values
            .iter()
            .filter_map(|(k, _)| table.key(k).map(|key| (k, key)))
            .filter_map(|(k, key)| {
                let prefix = key.leaf_decor().prefix().and_then(|p| p.span());
                prefix
                    .or_else(|| key.span())
                    .map(|r| (rank(k), self.shift(r).start))
            })
            .min_by_key(|(_, at)| *at);
        if let Some((_, at)) = after {
            return Edit::insert(at, format!("{line}\n"));
        }
        let header_end = table.span().map_or(self.text.len(), |r| self.shift(r).end);
        Edit::insert_line_after(self.text, header_end, &line)
    }

    /// Where the block of `table` starts: the comment lines above its header, else the header.
    pub fn block_start(&self, table: &Table) -> usize {
        let prefix = table.decor().prefix().and_then(|p| p.span());
        let header = table.span();
        match (prefix, header) {
            (Some(p), _) => self.shift(p).start,
            (None, Some(h)) => self.shift(h).start,
            (None, None) => self.text.len(),
        }
    }

    /// Where a line after everything of `table` (its keys, its sub-tables) would start: after
    /// the newline that ends its last line, or the end of a text without a final newline.
    pub fn block_end(&self, table: &Table) -> usize {
        let end = self.last_byte(table).unwrap_or(0);
        match self.text.get(end..).and_then(|rest| rest.find('\n')) {
            Some(nl) => end + nl + 1,
            None => self.text.len(),
        }
    }

    fn last_byte(&self, table: &Table) -> Option<usize> {
        let mut end = table.span().map(|r| self.shift(r).end);
        for (k, item) in table.iter() {
            let here = match item {
                Item::Value(v) => v.span().map(|r| self.shift(r).end),
                Item::Table(t) => self.last_byte(t),
                Item::ArrayOfTables(a) => a.iter().filter_map(|t| self.last_byte(t)).max(),
                Item::None => None,
            };
            let key = table
                .key(k)
                .and_then(|k| k.span())
                .map(|r| self.shift(r).end);
            end = end.max(here).max(key);
        }
        end
    }
}

/// A table's text: its header and `key = value` lines (values already TOML), each ending in a
/// newline.
pub fn table_text(header: &str, keys: &[(&str, String)]) -> String {
    let mut out = format!("{header}\n");
    for (k, v) in keys {
        out.push_str(k);
        out.push_str(" = ");
        out.push_str(v);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::format::{ACTION_KEYS, PLAN_KEYS};
    use crate::edit::text::apply;

    const PLAN: &str = r#"schema_version = 1

[plan]
id = "p"
title = "A plan"
updated = 2015-11-30

[[actions]]
id = "1"
title = "First" # as agreed
leads = [
  "Police",
]
due = "June 2015"

[[actions.updates]]
date = 2015-06-30
text = "Started"

# the second action
[[actions]]
id = "2"
title = "Second"
"#;

    #[test]
    fn set_replaces_a_value_or_inserts_a_line_in_schema_order() {
        let l = Located::parse(PLAN).unwrap();
        let actions = l.actions().unwrap();
        let a = actions[0].table;
        let out = apply(PLAN, &[l.set(a, ACTION_KEYS, "due", "\"March 2016\"")]).unwrap();
        assert!(
            out.contains("due = \"March 2016\"\n\n[[actions.updates]]"),
            "{out}"
        );
        let out = apply(
            PLAN,
            &[
                l.set(a, ACTION_KEYS, "status", "\"in-progress\""),
                l.set(a, ACTION_KEYS, "section", "\"1\""),
            ],
        )
        .unwrap();
        assert!(
            out.contains("id = \"1\"\nsection = \"1\"\ntitle = \"First\" # as agreed\n"),
            "{out}"
        );
        assert!(
            out.contains("due = \"June 2015\"\nstatus = \"in-progress\"\n"),
            "{out}"
        );
        let plan = l.plan().unwrap();
        let out = apply(PLAN, &[l.set(plan, PLAN_KEYS, "updated", "2015-12-01")]).unwrap();
        assert!(out.contains("updated = 2015-12-01\n"), "{out}");
    }

    #[test]
    fn an_action_ends_after_its_updates_and_starts_at_its_comments() {
        let l = Located::parse(PLAN).unwrap();
        let actions = l.actions().unwrap();
        let end = l.block_end(actions[0].table);
        assert_eq!(&PLAN[end..end + 20], "\n# the second action");
        let start = l.block_start(actions[1].table);
        assert_eq!(&PLAN[start..start + 20], "\n# the second action");
        assert_eq!(l.block_end(actions[1].table), PLAN.len());
    }

    #[test]
    fn inline_actions_are_refused_with_a_way_out() {
        let l = Located::parse("actions = [{ id = \"1\", title = \"t\" }]\n").unwrap();
        assert!(l.actions().err().unwrap().contains("planlint fmt"));
        assert!(Located::parse("a = [").err().unwrap().contains("line 1"));
    }
}
