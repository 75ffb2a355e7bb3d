//! A plan blob's history `Summary` read without building the plan (issue 14, cold history):
//! `read` drives `toml_parser`'s event parser over the text and keeps only what the history
//! rules need (the plan id; each action's id, own `rag`, whether it is open, `due`, how many
//! updates), allocating only for the values it keeps.
//!
//! The result is always what the full path (`read_plan`, then `Summary::of`) gives, error
//! string included: the fast path answers only for files it can vouch for, and hands every
//! other file to the full path. It does so for any TOML error; a byte order mark; keys that are
//! quoted, dotted or repeated; inline tables and nested arrays; a table header other than
//! `[plan]`, `[[sections]]`, `[[actions]]`, `[[actions.updates]]` and `[[actions.milestones]]`
//! (the last two only straight after their action, and each kind in one run per action); any
//! number but a plain decimal `schema_version`; a date written as text; a value of the wrong
//! type for a field the model reads; a missing required field.
//!
//! May use: `plan`.

use super::cache::{ActionSummary, DueText, Summary};
use crate::plan::load::events::{date, nesting, plain_integer, Failed, MAX_NESTING};
use crate::plan::load::read_plan;
use crate::plan::shape::{self, Shared, Value};
use std::borrow::Cow;
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::{EventReceiver, ValidateWhitespace};
use toml_parser::{ErrorSink, Raw, Source, Span};

/// The history summary of a plan blob, or why it is not a readable plan: exactly
/// `full(name, bytes)`, faster for the plans people write.
pub fn read(name: &str, bytes: &[u8]) -> Result<Summary, String> {
    match fast(bytes) {
        Some(s) => Ok(s),
        None => full(name, bytes),
    }
}

/// The summary by way of the whole plan (`read_plan`, then `Summary::of`): the reference `read`
/// agrees with, and its fallback.
pub fn full(name: &str, bytes: &[u8]) -> Result<Summary, String> {
    read_plan(name, bytes).map(|p| Summary::of(&p))
}

/// The summary when the fast path can vouch for it (see the module comment), else `None`.
fn fast(bytes: &[u8]) -> Option<Summary> {
    let text = std::str::from_utf8(bytes).ok()?;
    if text.starts_with('\u{feff}') {
        return None;
    }
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    // `toml_parser` recurses once per open bracket: a committed plan nested thousands deep must
    // not overflow the stack of every later `check --rev` and `report` (the full path reports
    // it as `toml-syntax`)
    if nesting(&tokens) > MAX_NESTING {
        return None;
    }
    let mut reader = Reader::new(text);
    let mut failed = Failed(false);
    {
        // as `toml` does: comments and newlines are checked as they pass
        let mut validate = ValidateWhitespace::new(&mut reader, source);
        toml_parser::parser::parse_document(&tokens, &mut validate, &mut failed);
    }
    if failed.0 || reader.bail {
        return None;
    }
    reader.finish()
}

/// The tables the fast path knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Table {
    Root,
    Plan,
    Section,
    Action,
    Update,
    Milestone,
}

impl Table {
    /// The plan format's description of the table (`plan::shape`).
    fn shape(self) -> &'static shape::Table {
        match self {
            Table::Root => &shape::ROOT,
            Table::Plan => &shape::PLAN,
            Table::Section => &shape::SECTION,
            Table::Action => &shape::ACTION,
            Table::Update => &shape::UPDATE,
            Table::Milestone => &shape::MILESTONE,
        }
    }

    /// The keys serde requires in the table (`schema_version`'s `[plan]` is checked at the end).
    fn required(self) -> impl Iterator<Item = &'static str> {
        self.shape()
            .keys
            .iter()
            .filter(|k| k.required && k.value.child().is_none())
            .map(|k| k.name)
    }

    /// What the model reads `key` as; `None` when a `key = value` there is not for the fast
    /// path (a table the model expects from a header, a subtable's array).
    fn field(self, key: &str) -> Option<Ty> {
        let Some(k) = self.shape().key(key) else {
            return Some(Ty::Any);
        };
        Some(match k.value {
            Value::Version => Ty::Version,
            Value::Text
            | Value::Pattern(_)
            | Value::OneOf(_)
            | Value::Ref(Shared::NonEmpty | Shared::Rating | Shared::RuleName) => Ty::Str,
            Value::Texts | Value::RuleNames => Ty::Strs,
            Value::Ref(Shared::Date) => Ty::Day,
            Value::Ref(Shared::Timescale) => Ty::Due,
            Value::Ref(Shared::Status) => Ty::Status,
            Value::Table(_) | Value::Tables(_) => return None,
        })
    }
}

/// The type the model gives a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Str,
    /// An array of strings.
    Strs,
    /// `model::Day`: a TOML local date (a quoted date goes to the full path).
    Day,
    /// `model::Due`: text, or a TOML date or date-time.
    Due,
    /// `model::Status`, as the kebab-case names.
    Status,
    /// `schema_version`: an integer.
    Version,
    /// A field the model ignores: any value TOML allows, for what the fast path can check.
    Any,
}

/// A decoded scalar.
enum Val<'i> {
    Str(Cow<'i, str>),
    Bool,
    Date(toml::value::Datetime),
    Int,
}

/// Where the reader is in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// At the start of a line (or after whitespace there).
    Line,
    /// After a key, before `=`.
    Key,
    /// After `=`.
    Value,
    /// Inside an array value.
    Array,
    /// After a value or a header: only whitespace, a comment and the newline may follow.
    After,
    /// Inside a table header.
    Header,
}

/// Subtable arrays of an action: `[[actions.updates]]`, `[[actions.milestones]]`.
const UPDATES: u8 = 1;
const MILESTONES: u8 = 2;

struct Reader<'i> {
    text: &'i str,
    /// The file is not for the fast path.
    bail: bool,
    step: Step,
    table: Table,
    /// The keys of the current table so far (to refuse a repeated one).
    keys: Vec<&'i str>,
    /// The key being assigned, and the type the model gives it.
    key: &'i str,
    ty: Ty,
    /// The header being read: its keys, and whether it is an array of tables.
    header: [&'i str; 2],
    header_len: usize,
    header_array: bool,
    /// `[plan]` was seen.
    plan_seen: bool,
    plan_id: Option<String>,
    actions: Vec<ActionSummary>,
    /// The last header was `[[actions]]` or one of its subtables.
    in_action: bool,
    /// The current action's subtable arrays so far, and the last one.
    subs: u8,
    last_sub: u8,
}

impl<'i> Reader<'i> {
    fn new(text: &'i str) -> Self {
        Reader {
            text,
            bail: false,
            step: Step::Line,
            table: Table::Root,
            keys: Vec::with_capacity(16),
            key: "",
            ty: Ty::Any,
            header: ["", ""],
            header_len: 0,
            header_array: false,
            plan_seen: false,
            plan_id: None,
            actions: Vec::new(),
            in_action: false,
            subs: 0,
            last_sub: 0,
        }
    }

    fn slice(&self, span: Span) -> Option<&'i str> {
        self.text.get(span.start()..span.end())
    }

    /// A bare key (quoted ones go to the full path), as its text.
    fn bare_key(&self, span: Span, encoding: Option<Encoding>) -> Option<&'i str> {
        if encoding.is_some() {
            return None;
        }
        let key = self.slice(span)?;
        let bare = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        bare.then_some(key)
    }

    /// The current table is complete: every key serde requires is there.
    fn finish_table(&mut self) {
        let keys = &self.keys;
        if !self.table.required().all(|r| keys.contains(&r)) {
            self.bail = true;
        }
        self.keys.clear();
    }

    /// A header was read: enter its table.
    fn open_table(&mut self) {
        let path = &self.header[..self.header_len];
        let (table, in_action) = match (self.header_array, path) {
            (false, ["plan"]) if !self.plan_seen => {
                self.plan_seen = true;
                (Table::Plan, false)
            }
            (true, ["sections"]) => (Table::Section, false),
            (true, ["actions"]) => {
                self.actions.push(ActionSummary {
                    id: String::new(),
                    rag: None,
                    open: true,
                    due: None,
                    updates: 0,
                });
                self.subs = 0;
                self.last_sub = 0;
                (Table::Action, true)
            }
            (true, ["actions", sub @ ("updates" | "milestones")]) if self.in_action => {
                let (kind, table) = if *sub == "updates" {
                    (UPDATES, Table::Update)
                } else {
                    (MILESTONES, Table::Milestone)
                };
                // one run of each kind per action: reopening one after the other is valid
                // TOML, but not worth being sure of here
                if self.subs & kind != 0 && self.last_sub != kind {
                    self.bail = true;
                }
                self.subs |= kind;
                self.last_sub = kind;
                if kind == UPDATES {
                    match self.actions.last_mut() {
                        Some(a) => a.updates += 1,
                        None => self.bail = true,
                    }
                }
                (table, true)
            }
            _ => {
                self.bail = true;
                return;
            }
        };
        self.table = table;
        self.in_action = in_action;
    }

    /// Decodes a scalar; `None` when it is not for the fast path (errors go to `error`).
    fn decode(
        &self,
        span: Span,
        encoding: Option<Encoding>,
        error: &mut dyn ErrorSink,
    ) -> Option<Val<'i>> {
        let text = self.slice(span)?;
        let raw = Raw::new_unchecked(text, encoding, span);
        let mut out = Cow::Borrowed("");
        Some(match raw.decode_scalar(&mut out, error) {
            ScalarKind::String => Val::Str(out),
            ScalarKind::Boolean(_) => Val::Bool,
            ScalarKind::DateTime => Val::Date(out.parse().ok()?),
            ScalarKind::Integer(_) if self.ty == Ty::Version && plain_integer(text) => Val::Int,
            ScalarKind::Integer(_) | ScalarKind::Float => return None,
        })
    }

    /// A value of the current key, as the model reads it; `None` when it is not.
    fn value(&mut self, val: Val<'i>) -> Option<()> {
        match (self.ty, val) {
            (Ty::Str, Val::Str(s)) => {
                let s = self.keeps().then(|| s.into_owned());
                match (self.table, self.key) {
                    (Table::Plan, "id") => self.plan_id = s,
                    (Table::Action, "id") => self.action()?.id = s?,
                    (Table::Action, "rag") => self.action()?.rag = s,
                    _ => {}
                }
            }
            (Ty::Day, Val::Date(d)) => {
                if d.time.is_some() || d.offset.is_some() {
                    return None;
                }
                date(d)?;
            }
            (Ty::Due, Val::Str(s)) => {
                if self.table == Table::Action && self.key == "due" {
                    self.action()?.due = Some(DueText::Text(s.into_owned()));
                }
            }
            (Ty::Due, Val::Date(d)) => {
                let d = date(d)?;
                if self.table == Table::Action && self.key == "due" {
                    self.action()?.due = Some(DueText::Date(d));
                }
            }
            (Ty::Status, Val::Str(s)) => {
                let open = match s.as_ref() {
                    "not-started" | "in-progress" | "on-hold" => true,
                    "complete" | "withdrawn" => false,
                    _ => return None,
                };
                if self.table == Table::Action {
                    self.action()?.open = open;
                }
            }
            (Ty::Version, Val::Int) | (Ty::Any, Val::Str(_) | Val::Bool | Val::Date(_)) => {}
            _ => return None,
        }
        Some(())
    }

    /// An element of an array value of the current key.
    fn element(&self, val: &Val<'i>) -> bool {
        match self.ty {
            Ty::Strs => matches!(val, Val::Str(_)),
            Ty::Any => matches!(val, Val::Str(_) | Val::Bool | Val::Date(_)),
            _ => false,
        }
    }

    /// Whether the current key's string is kept in the summary (others are not copied).
    fn keeps(&self) -> bool {
        matches!(
            (self.table, self.key),
            (Table::Plan, "id") | (Table::Action, "id" | "rag")
        )
    }

    fn action(&mut self) -> Option<&mut ActionSummary> {
        self.actions.last_mut()
    }

    fn finish(mut self) -> Option<Summary> {
        if !matches!(self.step, Step::Line | Step::After) {
            return None;
        }
        self.finish_table();
        if self.bail || !self.plan_seen {
            return None;
        }
        Some(Summary {
            error: None,
            plan: self.plan_id?,
            actions: self.actions,
        })
    }

    fn other(&mut self) {
        self.bail = true;
    }
}

impl EventReceiver for Reader<'_> {
    fn std_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.table_open(false);
    }
    fn array_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.table_open(true);
    }
    fn std_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.table_close(false);
    }
    fn array_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.table_close(true);
    }
    fn inline_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.other();
        true
    }
    fn inline_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.other();
    }
    fn array_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) -> bool {
        if self.step == Step::Value && matches!(self.ty, Ty::Strs | Ty::Any) {
            self.step = Step::Array;
        } else {
            self.other();
        }
        true
    }
    fn array_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        if self.step == Step::Array {
            self.step = Step::After;
        } else {
            self.other();
        }
    }
    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, _error: &mut dyn ErrorSink) {
        let Some(key) = self.bare_key(span, encoding) else {
            return self.other();
        };
        match self.step {
            Step::Line => {
                if self.keys.contains(&key) {
                    return self.other();
                }
                let Some(ty) = self.table.field(key) else {
                    return self.other();
                };
                self.keys.push(key);
                self.key = key;
                self.ty = ty;
                self.step = Step::Key;
            }
            Step::Header if self.header_len < self.header.len() => {
                self.header[self.header_len] = key;
                self.header_len += 1;
            }
            _ => self.other(),
        }
    }
    fn key_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        // a dotted key is for the full path; a dotted header is read by `open_table`
        if self.step != Step::Header {
            self.other();
        }
    }
    fn key_val_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        if self.step == Step::Key {
            self.step = Step::Value;
        } else {
            self.other();
        }
    }
    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        let val = match self.step {
            Step::Value | Step::Array => self.decode(span, encoding, error),
            _ => None,
        };
        let ok = match (self.step, val) {
            (Step::Value, Some(val)) => {
                self.step = Step::After;
                self.value(val).is_some()
            }
            (Step::Array, Some(val)) => self.element(&val),
            _ => false,
        };
        if !ok {
            self.other();
        }
    }
    fn value_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        if self.step != Step::Array {
            self.other();
        }
    }
    fn whitespace(&mut self, _span: Span, _error: &mut dyn ErrorSink) {}
    fn comment(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        if !matches!(self.step, Step::Line | Step::After | Step::Array) {
            self.other();
        }
    }
    fn newline(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        match self.step {
            Step::Line | Step::Array => {}
            Step::After => self.step = Step::Line,
            _ => self.other(),
        }
    }
    fn error(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.other();
    }
}

impl Reader<'_> {
    fn table_open(&mut self, array: bool) {
        if self.step != Step::Line {
            return self.other();
        }
        self.finish_table();
        self.step = Step::Header;
        self.header_len = 0;
        self.header_array = array;
    }

    fn table_close(&mut self, array: bool) {
        if self.step != Step::Header || self.header_array != array || self.header_len == 0 {
            return self.other();
        }
        self.open_table();
        self.step = Step::After;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testgen::mutate::{built, mutate};
    use chrono::NaiveDate;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// `read` agrees with the full path; `Some(true)` when the fast path answered.
    fn agrees(bytes: &[u8]) -> bool {
        let old = full("p.toml", bytes);
        let quick = fast(bytes);
        if let Some(q) = &quick {
            assert_eq!(
                Ok(q),
                old.as_ref(),
                "fast path on {:?}",
                String::from_utf8_lossy(bytes)
            );
        }
        assert_eq!(read("p.toml", bytes), old);
        quick.is_some()
    }

    fn examples() -> Vec<(String, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/plans");
        let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
            .expect("examples/plans")
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .map(|p| {
                let text = std::fs::read_to_string(&p).expect("an example");
                (p.display().to_string(), text)
            })
            .collect();
        out.sort();
        assert!(out.len() >= 4, "{}", out.len());
        out
    }

    #[test]
    fn generated_plans_and_the_examples_take_the_fast_path_and_agree() {
        for n in 0..12 {
            for actions in [0, 1, 2, 5, 9, 10, 11, 23, 50] {
                let text = crate::testgen::plan(n, actions);
                let s = fast(text.as_bytes()).expect("the fast path reads a generated plan");
                assert_eq!(Ok(s), full("g.toml", text.as_bytes()));
            }
        }
        for (name, text) in examples() {
            let s = fast(text.as_bytes()).unwrap_or_else(|| panic!("fast path on {name}"));
            assert_eq!(Ok(s), full(&name, text.as_bytes()), "{name}");
        }
    }

    /// An action's summary as a tuple: id, rag, open, due, updates.
    type Row<'a> = (&'a str, Option<&'a str>, bool, Option<DueText>, usize);

    #[test]
    fn a_summary_holds_ids_ratings_openness_dues_and_update_counts() {
        let text = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"P\"\n\n\
            [[actions]]\nid = \"1\"\ntitle = \"a\"\nstatus = \"complete\"\nrag = \"green\"\ndue = 2016-03-31\n\
            [[actions.updates]]\ndate = 2015-01-01\ntext = \"t\"\nstatus = \"in-progress\"\n\
            [[actions.updates]]\ndate = 2015-02-01\ntext = \"t\"\n\
            [[actions]]\nid = \"2\"\ntitle = \"b\"\ndue = \"Q3 2015/16\"\n\
            [[actions.updates]]\ndate = 2015-01-01\ntext = \"t\"\nstatus = \"withdrawn\"\nrag = \"red\"\n\
            [[actions]]\nid = \"3\"\ntitle = \"c\"\nstatus = \"withdrawn\"\ndue = 2016-01-01T10:00:00Z\n";
        let s = fast(text.as_bytes()).expect("fast path");
        assert_eq!(s.plan, "p");
        let got: Vec<Row> = s
            .actions
            .iter()
            .map(|a| {
                (
                    a.id.as_str(),
                    a.rag.as_deref(),
                    a.open,
                    a.due.clone(),
                    a.updates,
                )
            })
            .collect();
        let day = |y, m, d| Some(DueText::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
        assert_eq!(
            got,
            [
                ("1", Some("green"), false, day(2016, 3, 31), 2),
                // an update's status is history: the action's own is what counts
                ("2", None, true, Some(DueText::Text("Q3 2015/16".into())), 1),
                ("3", None, false, day(2016, 1, 1), 0),
            ]
        );
        assert!(agrees(text.as_bytes()));
    }

    const BASE: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"P\"\n[[actions]]\nid = \"1\"\ntitle = \"a\"\n";

    #[test]
    fn what_the_fast_path_cannot_vouch_for_goes_the_full_way() {
        let falls_back = [
            format!("\u{feff}{BASE}"),
            BASE.replace("id = \"1\"", "\"id\" = \"1\""),
            BASE.replace("id = \"1\"", "x.y = \"1\"\nid = \"1\""),
            BASE.replace("id = \"1\"", "id = \"1\"\nid = \"2\""),
            format!("{BASE}x = {{ a = \"b\" }}\n"),
            format!("{BASE}x = [[\"a\"]]\n"),
            format!("{BASE}x = 1.5\n"),
            format!("{BASE}x = 1\n"),
            BASE.replace("schema_version = 1", "schema_version = 0x1"),
            BASE.replace("schema_version = 1", "schema_version = 01"),
            BASE.replace("schema_version = 1", "schema_version = 99999999999999999999"),
            format!("{BASE}status = \"done\"\n"),
            format!("{BASE}due = 10:00:00\n"),
            format!("{BASE}[[actions.updates]]\ndate = \"2015-01-01\"\ntext = \"t\"\n"),
            format!("{BASE}[[actions.updates]]\ndate = 2015-01-01T10:00:00\ntext = \"t\"\n"),
            format!("{BASE}[[actions.updates]]\ntext = \"t\"\n"),
            format!("{BASE}[plan]\nid = \"q\"\ntitle = \"Q\"\n"),
            format!("{BASE}[actions]\n"),
            format!("{BASE}[meta]\n"),
            format!("{BASE}updates = []\n"),
            format!("[[actions.updates]]\ndate = 2015-01-01\ntext = \"t\"\n{BASE}"),
            format!("{BASE}[[sections]]\nid = \"s\"\ntitle = \"S\"\n[[actions.updates]]\ndate = 2015-01-01\ntext = \"t\"\n"),
            format!("{BASE}[[actions.updates]]\ndate = 2015-01-01\ntext = \"t\"\n[[actions.milestones]]\ntitle = \"m\"\ndue = \"x\"\n[[actions.updates]]\ndate = 2015-01-01\ntext = \"t\"\n"),
            BASE.replace("title = \"a\"\n", ""),
            BASE.replace("schema_version = 1\n", ""),
            BASE.replace("id = \"p\"\n", "id = 7\n"),
            format!("{BASE}rag = \"bad \\q\"\n"),
            format!("{BASE}due = 2015-02-30\n"),
            BASE[..BASE.len() - 5].to_string(),
            String::new(),
            "\u{0}".to_string(),
        ];
        for text in &falls_back {
            assert!(!agrees(text.as_bytes()), "the fast path took {text:?}");
        }
        assert!(!agrees(&[0xff, 0xfe, b'a']));
        assert!(read("x", b"[plan\n").is_err());
    }

    #[test]
    fn what_people_write_takes_the_fast_path() {
        let fast_ones = [
            BASE.to_string(),
            BASE.replace('\n', "\r\n"),
            format!("# top\n{BASE}# end"),
            BASE.replace("[plan]", "[ plan ] # the plan").replace("[[actions]]", "[[ actions ]]"),
            format!("{BASE}rag = 'amber'\ndue = \"\"\"\nJune\\\n   2015\"\"\"\nnext_steps = '''\nmore\n'''\n"),
            format!("{BASE}rag = \"gr\\u00e9en \\\"q\\\" ✓\"\n"),
            format!("{BASE}leads = [\n  \"a\", # first\n  'b',\n]\nextra = [true, 2015-01-01, \"x\"]\nflag = false\n"),
            format!("{BASE}[[actions.milestones]]\ntitle = \"m\"\ndue = 2016-02-29\nstatus = \"on-hold\"\n[[actions.updates]]\ndate = 2016-02-29\ntext = \"t\"\nstatus = \"not-started\"\n"),
            format!("{BASE}[[actions . updates]]\ndate = 2015-01-01\ntext = \"t\"\n"),
            format!("{BASE}due = 2016-01-01T00:00:00+01:00\n"),
            format!("allow = [\"x\"]\nallow_reason = \"r\"\n{}", BASE.replace("schema_version = 1", "schema_version = 10")),
        ];
        for text in &fast_ones {
            assert!(agrees(text.as_bytes()), "the full path took {text:?}");
        }
    }

    #[test]
    fn the_fast_path_agrees_with_the_full_path_on_mutated_plans() {
        let mut bases: Vec<String> = examples().into_iter().map(|(_, t)| t).collect();
        for (n, actions) in [(0, 0), (1, 1), (2, 3), (3, 7), (4, 12)] {
            bases.push(crate::testgen::plan(n, actions));
        }
        let cases = 4000;
        let taken = AtomicUsize::new(0);
        let valid = AtomicUsize::new(0);
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        });
        let shapes = prop::collection::vec((0u8..6, 0u8..4, 0u8..3, 0u8..3, any::<bool>()), 0..5);
        let mutation = (
            any::<u8>(),
            any::<usize>(),
            any::<usize>(),
            prop::collection::vec(any::<u8>(), 0..4),
        );
        let strategy = (
            0..bases.len() + 1,
            shapes,
            prop::collection::vec(mutation, 0..5),
        );
        runner
            .run(&strategy, |(base, shapes, mutations)| {
                let text = bases.get(base).cloned().unwrap_or_else(|| built(&shapes));
                let bytes = mutate(&text, &mutations);
                let old = full("m.toml", &bytes);
                let quick = fast(&bytes);
                if let Some(q) = &quick {
                    prop_assert_eq!(Ok(q), old.as_ref());
                    taken.fetch_add(1, Ordering::Relaxed);
                }
                if old.is_ok() {
                    valid.fetch_add(1, Ordering::Relaxed);
                }
                prop_assert_eq!(read("m.toml", &bytes), old);
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{e}"));
        let (taken, valid) = (taken.into_inner(), valid.into_inner());
        eprintln!("{cases} cases: {valid} readable plans, {taken} read by the fast path");
        // the mutations leave many plans whole: the fast path must read a good share of them
        assert!(taken * 3 >= valid, "{taken} of {valid}");
    }
}
