//! A whole `Plan` read from `toml_parser`'s events in one pass (issue 26, the parse path): no
//! TOML tree, no JSON copy, no serde, for the plans people write. `load` asks it first.
//!
//! It answers only for a file it can vouch for: valid TOML, every number allowed, valid by the
//! plan schema, and read into exactly the `Plan` the full path (`DeTable`, the schema, then
//! serde) gives, spans included. Every other file gets `None` and takes the full path, which
//! stays the one authority on what is wrong and how it is said. Like `git::summary`'s reader
//! it leaves to the full path: any TOML error; a byte order mark; keys that are quoted, dotted
//! or repeated; inline tables and nested arrays; any number but `schema_version = 1`; a date
//! written as text; a table header other than `[plan]`, `[[sections]]`, `[[actions]]`,
//! `[[actions.updates]]` and `[[actions.milestones]]` (the last two straight after their action,
//! each kind in one run per action). It refuses more than that reader, as the schema does: a
//! key the format does not know, a value the schema refuses, a missing required key.
//!
//! The values it accepts are `plan::shape`'s, checked as `plan::valid` checks them; a key the
//! shape has and this reader does not place in the model goes to the full path, so a key added
//! to the format is never dropped here. The property test below keeps it equal to the full path.
//!
//! May use: `plan`.

use crate::plan::model::{
    Action, Day, Due, Milestone, Plan, PlanMeta, Section, Spanned, Status, Update,
};
use crate::plan::shape::{self, Shared, Value};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::ops::Range;
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::{EventReceiver, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Raw, Source, Span};

/// The plan in `text` when this reader can vouch for it (see the module comment), else `None`.
pub fn plan(text: &str) -> Option<Plan> {
    if text.starts_with('\u{feff}') {
        return None;
    }
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    // `toml_parser` recurses once per open bracket (see `git::summary`)
    if nesting(&tokens) > MAX_NESTING {
        return None;
    }
    let mut reader = Reader::new(text);
    let mut failed = Failed(false);
    {
        let mut validate = ValidateWhitespace::new(&mut reader, source);
        toml_parser::parser::parse_document(&tokens, &mut validate, &mut failed);
    }
    if failed.0 || reader.bail {
        return None;
    }
    reader.finish()
}

/// Deeper than any plan people write (an array of strings is 2 inside a table header), far
/// shallower than what the parser's recursion can take on a worker thread's stack.
pub const MAX_NESTING: usize = 32;

/// The deepest nesting of brackets and braces in `tokens` (strings are single tokens, so
/// brackets inside text do not count).
pub fn nesting(tokens: &[toml_parser::lexer::Token]) -> usize {
    use toml_parser::lexer::TokenKind;
    let (mut depth, mut max) = (0usize, 0usize);
    for t in tokens {
        match t.kind() {
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => {
                depth += 1;
                max = max.max(depth);
            }
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    max
}

/// Notes that the parser or a decoder found an error (the full path then says which).
pub struct Failed(pub bool);

impl ErrorSink for Failed {
    fn report_error(&mut self, _error: ParseError) {
        self.0 = true;
    }
}

/// The tables this reader knows.
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
}

/// A value read and checked against its key's kind, typed as the model holds it.
enum Got {
    Text(Spanned<String>),
    Texts(Spanned<Vec<Spanned<String>>>),
    Day(Spanned<Day>),
    Due(Spanned<Due>),
    Status(Spanned<Status>),
    Version(Spanned<i64>),
}

/// A decoded scalar.
enum Val<'i> {
    Str(Cow<'i, str>),
    Date(toml::value::Datetime),
    Int(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Line,
    Key,
    Value,
    Array,
    After,
    Header,
}

const UPDATES: u8 = 1;
const MILESTONES: u8 = 2;

struct Reader<'i> {
    text: &'i str,
    bail: bool,
    step: Step,
    table: Table,
    keys: Vec<&'i str>,
    key: &'i str,
    kind: Value,
    /// An array value being read: where it opened, and its strings.
    array_start: usize,
    items: Vec<Spanned<String>>,
    header: [&'i str; 2],
    header_len: usize,
    header_array: bool,
    header_start: usize,
    plan_seen: bool,
    plan: Plan,
    in_action: bool,
    subs: u8,
    last_sub: u8,
}

fn text() -> Spanned<String> {
    Spanned::new(0..0, String::new())
}

fn day() -> Spanned<Day> {
    Spanned::new(0..0, Day(NaiveDate::MIN))
}

fn blank_meta() -> PlanMeta {
    PlanMeta {
        id: text(),
        title: text(),
        owner: None,
        updated: None,
        review_cycle: None,
    }
}

fn blank_action() -> Action {
    Action {
        id: text(),
        section: None,
        theme: None,
        title: text(),
        scope: None,
        leads: None,
        partners: Vec::new(),
        due: None,
        baseline_due: None,
        status: None,
        rag: None,
        outcomes: Vec::new(),
        refs: Vec::new(),
        next_steps: None,
        allow: Vec::new(),
        allow_reason: None,
        allow_until: None,
        milestones: Vec::new(),
        updates: Vec::new(),
    }
}

impl<'i> Reader<'i> {
    fn new(text: &'i str) -> Self {
        Reader {
            text,
            bail: false,
            step: Step::Line,
            table: Table::Root,
            keys: Vec::with_capacity(24),
            key: "",
            kind: Value::Text,
            array_start: 0,
            items: Vec::new(),
            header: ["", ""],
            header_len: 0,
            header_array: false,
            header_start: 0,
            plan_seen: false,
            plan: Plan {
                schema_version: Spanned::new(0..0, 0),
                plan: Spanned::new(0..0, blank_meta()),
                sections: Vec::new(),
                actions: Vec::new(),
                allow: Vec::new(),
                allow_reason: None,
                allow_until: None,
            },
            in_action: false,
            subs: 0,
            last_sub: 0,
        }
    }

    fn slice(&self, span: Span) -> Option<&'i str> {
        self.text.get(span.start()..span.end())
    }

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

    /// The current table is complete: its required keys are there, and `allow_reason`
    /// wherever `allow` is (the schema's `dependentRequired`).
    fn finish_table(&mut self) {
        let shape = self.table.shape();
        let keys = &self.keys;
        let has = |k: &str| keys.contains(&k);
        let required = shape
            .keys
            .iter()
            .filter(|k| k.required && k.value.child().is_none())
            .all(|k| has(k.name));
        if !required || (has("allow") && !has("allow_reason")) {
            self.bail = true;
        }
        self.keys.clear();
    }

    fn open_table(&mut self, span: Range<usize>) {
        let path = &self.header[..self.header_len];
        let (table, in_action) = match (self.header_array, path) {
            (false, ["plan"]) if !self.plan_seen => {
                self.plan_seen = true;
                self.plan.plan = Spanned::new(span, blank_meta());
                (Table::Plan, false)
            }
            (true, ["sections"]) => {
                self.plan.sections.push(Spanned::new(
                    span,
                    Section {
                        id: text(),
                        title: text(),
                        rag: None,
                        description: None,
                    },
                ));
                (Table::Section, false)
            }
            (true, ["actions"]) => {
                self.shrink_action();
                self.plan.actions.push(Spanned::new(span, blank_action()));
                self.subs = 0;
                self.last_sub = 0;
                (Table::Action, true)
            }
            (true, ["actions", sub @ ("updates" | "milestones")]) if self.in_action => {
                let kind = if *sub == "updates" {
                    UPDATES
                } else {
                    MILESTONES
                };
                if self.subs & kind != 0 && self.last_sub != kind {
                    self.bail = true;
                    return;
                }
                self.subs |= kind;
                self.last_sub = kind;
                let Some(action) = self.plan.actions.last_mut() else {
                    self.bail = true;
                    return;
                };
                let action = action.get_mut();
                if kind == UPDATES {
                    action.updates.push(Spanned::new(
                        span,
                        Update {
                            date: day(),
                            text: text(),
                            rag: None,
                            status: None,
                            by: None,
                        },
                    ));
                    (Table::Update, true)
                } else {
                    action.milestones.push(Spanned::new(
                        span,
                        Milestone {
                            title: text(),
                            due: Spanned::new(0..0, Due::Text(String::new())),
                            status: None,
                            rag: None,
                        },
                    ));
                    (Table::Milestone, true)
                }
            }
            _ => {
                self.bail = true;
                return;
            }
        };
        self.table = table;
        self.in_action = in_action;
    }

    fn decode(
        &self,
        span: Span,
        encoding: Option<Encoding>,
        error: &mut dyn ErrorSink,
    ) -> Option<Val<'i>> {
        let raw_text = self.slice(span)?;
        let raw = Raw::new_unchecked(raw_text, encoding, span);
        let mut out = Cow::Borrowed("");
        Some(match raw.decode_scalar(&mut out, error) {
            ScalarKind::String => Val::Str(out),
            ScalarKind::DateTime => Val::Date(out.parse().ok()?),
            ScalarKind::Integer(_) if plain_integer(raw_text) => Val::Int(raw_text.parse().ok()?),
            ScalarKind::Boolean(_) | ScalarKind::Integer(_) | ScalarKind::Float => return None,
        })
    }

    /// A scalar value of the current key, checked as the schema and the model read it.
    fn scalar_value(&self, span: Range<usize>, val: Val<'i>) -> Option<Got> {
        let text = |s: Cow<'i, str>| Spanned::new(span.clone(), s.into_owned());
        Some(match (self.kind, val) {
            (Value::Version, Val::Int(1)) => Got::Version(Spanned::new(span, 1)),
            (Value::Text, Val::Str(s)) => Got::Text(text(s)),
            (Value::Pattern(p), Val::Str(s)) if p.matches(&s) => Got::Text(text(s)),
            (Value::OneOf(list), Val::Str(s)) if list.contains(&s.as_ref()) => Got::Text(text(s)),
            (Value::Ref(Shared::NonEmpty | Shared::Rating), Val::Str(s)) if !s.is_empty() => {
                Got::Text(text(s))
            }
            (Value::Ref(Shared::RuleName), Val::Str(s)) if shape::RULE_NAME.matches(&s) => {
                Got::Text(text(s))
            }
            (Value::Ref(Shared::Status), Val::Str(s)) => {
                let status = Status::ALL.into_iter().find(|st| st.as_str() == s)?;
                Got::Status(Spanned::new(span, status))
            }
            (Value::Ref(Shared::Date), Val::Date(d)) if d.time.is_none() && d.offset.is_none() => {
                Got::Day(Spanned::new(span, Day(date(d)?)))
            }
            (Value::Ref(Shared::Timescale), Val::Str(s)) => {
                Got::Due(Spanned::new(span, Due::Text(s.into_owned())))
            }
            (Value::Ref(Shared::Timescale), Val::Date(d)) => {
                Got::Due(Spanned::new(span, Due::Date(date(d)?)))
            }
            _ => return None,
        })
    }

    /// An array value of the current key, complete: `span` from `[` to `]`.
    fn array_value(&mut self, span: Range<usize>) -> Option<Got> {
        // exactly as long as the array, as serde's are (the buffer stays for the next array)
        let items: Vec<Spanned<String>> = self.items.drain(..).collect();
        match self.kind {
            Value::Texts => {}
            Value::RuleNames => {
                for (i, item) in items.iter().enumerate() {
                    let s = item.get_ref().as_str();
                    if !shape::RULE_NAME.matches(s)
                        || items[..i].iter().any(|e| e.get_ref().as_str() == s)
                    {
                        return None;
                    }
                }
            }
            _ => return None,
        }
        Some(Got::Texts(Spanned::new(span, items)))
    }

    /// Puts a value in its place in the model; `None` when the model has no place for it here.
    fn place(&mut self, got: Got) -> Option<()> {
        let key = self.key;
        match self.table {
            Table::Root => {
                let p = &mut self.plan;
                match (key, got) {
                    ("schema_version", Got::Version(v)) => p.schema_version = v,
                    ("allow", Got::Texts(v)) => p.allow = v.into_inner(),
                    ("allow_reason", Got::Text(v)) => p.allow_reason = Some(v),
                    ("allow_until", Got::Day(v)) => p.allow_until = Some(v),
                    _ => return None,
                }
            }
            Table::Plan => {
                let m = self.plan.plan.get_mut();
                match (key, got) {
                    ("id", Got::Text(v)) => m.id = v,
                    ("title", Got::Text(v)) => m.title = v,
                    ("owner", Got::Text(v)) => m.owner = Some(v),
                    ("updated", Got::Day(v)) => m.updated = Some(v),
                    ("review_cycle", Got::Text(v)) => m.review_cycle = Some(v),
                    _ => return None,
                }
            }
            Table::Section => {
                let s = self.plan.sections.last_mut()?.get_mut();
                match (key, got) {
                    ("id", Got::Text(v)) => s.id = v,
                    ("title", Got::Text(v)) => s.title = v,
                    ("rag", Got::Text(v)) => s.rag = Some(v),
                    ("description", Got::Text(v)) => s.description = Some(v),
                    _ => return None,
                }
            }
            Table::Action => {
                let a = self.plan.actions.last_mut()?.get_mut();
                match (key, got) {
                    ("id", Got::Text(v)) => a.id = v,
                    ("section", Got::Text(v)) => a.section = Some(v),
                    ("theme", Got::Text(v)) => a.theme = Some(v),
                    ("title", Got::Text(v)) => a.title = v,
                    ("scope", Got::Text(v)) => a.scope = Some(v),
                    ("leads", Got::Texts(v)) => a.leads = Some(v),
                    ("partners", Got::Texts(v)) => a.partners = v.into_inner(),
                    ("due", Got::Due(v)) => a.due = Some(v),
                    ("baseline_due", Got::Due(v)) => a.baseline_due = Some(v),
                    ("status", Got::Status(v)) => a.status = Some(v),
                    ("rag", Got::Text(v)) => a.rag = Some(v),
                    ("outcomes", Got::Texts(v)) => a.outcomes = v.into_inner(),
                    ("refs", Got::Texts(v)) => a.refs = v.into_inner(),
                    ("next_steps", Got::Text(v)) => a.next_steps = Some(v),
                    ("allow", Got::Texts(v)) => a.allow = v.into_inner(),
                    ("allow_reason", Got::Text(v)) => a.allow_reason = Some(v),
                    ("allow_until", Got::Day(v)) => a.allow_until = Some(v),
                    _ => return None,
                }
            }
            Table::Milestone => {
                let m = self
                    .plan
                    .actions
                    .last_mut()?
                    .get_mut()
                    .milestones
                    .last_mut()?
                    .get_mut();
                match (key, got) {
                    ("title", Got::Text(v)) => m.title = v,
                    ("due", Got::Due(v)) => m.due = v,
                    ("status", Got::Status(v)) => m.status = Some(v),
                    ("rag", Got::Text(v)) => m.rag = Some(v),
                    _ => return None,
                }
            }
            Table::Update => {
                let u = self
                    .plan
                    .actions
                    .last_mut()?
                    .get_mut()
                    .updates
                    .last_mut()?
                    .get_mut();
                match (key, got) {
                    ("date", Got::Day(v)) => u.date = v,
                    ("text", Got::Text(v)) => u.text = v,
                    ("rag", Got::Text(v)) => u.rag = Some(v),
                    ("status", Got::Status(v)) => u.status = Some(v),
                    ("by", Got::Text(v)) => u.by = Some(v),
                    _ => return None,
                }
            }
        }
        Some(())
    }

    fn finish(mut self) -> Option<Plan> {
        if !matches!(self.step, Step::Line | Step::After) {
            return None;
        }
        self.finish_table();
        if self.bail || !self.plan_seen {
            return None;
        }
        self.shrink_action();
        self.plan.sections.shrink_to_fit();
        self.plan.actions.shrink_to_fit();
        Some(self.plan)
    }

    /// The last action's lists of updates and milestones at their length: a plan's model is
    /// kept while every plan is checked, and doubling growth left a third of it unused.
    fn shrink_action(&mut self) {
        if let Some(a) = self.plan.actions.last_mut() {
            let a = a.get_mut();
            a.updates.shrink_to_fit();
            a.milestones.shrink_to_fit();
        }
    }

    fn other(&mut self) {
        self.bail = true;
    }

    fn table_open(&mut self, span: Span, array: bool) {
        if self.step != Step::Line {
            return self.other();
        }
        self.finish_table();
        self.step = Step::Header;
        self.header_len = 0;
        self.header_array = array;
        self.header_start = span.start();
    }

    fn table_close(&mut self, span: Span, array: bool) {
        if self.step != Step::Header || self.header_array != array || self.header_len == 0 {
            return self.other();
        }
        self.open_table(self.header_start..span.end());
        self.step = Step::After;
    }
}

/// A TOML date (of a date or date-time) as the model converts it.
pub fn date(d: toml::value::Datetime) -> Option<NaiveDate> {
    let d = d.date?;
    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
}

/// A decimal integer with no sign, underscore or leading zero that fits in an `i64`.
pub fn plain_integer(raw: &str) -> bool {
    (1..=18).contains(&raw.len())
        && raw.bytes().all(|b| b.is_ascii_digit())
        && (raw == "0" || !raw.starts_with('0'))
}

impl EventReceiver for Reader<'_> {
    fn std_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.table_open(span, false);
    }
    fn array_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.table_open(span, true);
    }
    fn std_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.table_close(span, false);
    }
    fn array_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.table_close(span, true);
    }
    fn inline_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.other();
        true
    }
    fn inline_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.other();
    }
    fn array_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        if self.step == Step::Value && matches!(self.kind, Value::Texts | Value::RuleNames) {
            self.step = Step::Array;
            self.array_start = span.start();
            self.items.clear();
        } else {
            self.other();
        }
        true
    }
    fn array_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        if self.step != Step::Array {
            return self.other();
        }
        self.step = Step::After;
        let placed = self
            .array_value(self.array_start..span.end())
            .and_then(|got| self.place(got));
        if placed.is_none() {
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
                // a key the format does not know, or a table written as a value: full path
                let Some(k) = self.table.shape().key(key) else {
                    return self.other();
                };
                if k.value.child().is_some() {
                    return self.other();
                }
                self.keys.push(key);
                self.key = key;
                self.kind = k.value;
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
        let range = span.start()..span.end();
        let ok = match self.step {
            Step::Value => {
                self.step = Step::After;
                self.decode(span, encoding, error)
                    .and_then(|val| self.scalar_value(range, val))
                    .and_then(|got| self.place(got))
                    .is_some()
            }
            Step::Array => match self.decode(span, encoding, error) {
                Some(Val::Str(s)) => {
                    self.items.push(Spanned::new(range, s.into_owned()));
                    true
                }
                _ => false,
            },
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
