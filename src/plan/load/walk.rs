//! The walk both one-pass readers share (`load::events`, the whole plan; `git::summary`, a
//! blob's history summary): `toml_parser`'s events over a plan laid out as people write plans,
//! handed to a `Sink` table by table and key by key. The walk gives up (and the reader's caller
//! takes its full path) on any TOML error; a byte order mark; brackets nested deeper than
//! `MAX_NESTING`; keys that are quoted, dotted or repeated in their table; inline tables and
//! nested arrays; any number but a plain decimal integer; a table header other than `[plan]`
//! (once), `[[sections]]`, `[[actions]]`, `[[actions.updates]]` and `[[actions.milestones]]` (the
//! last two only straight after their action, and each kind in one run per action). What a
//! value must be is the sink's to say: it answers `None` for what it cannot vouch for.
//!
//! May use: `plan`.

use crate::plan::shape;
use chrono::NaiveDate;
use std::borrow::Cow;
use std::ops::Range;
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::{EventReceiver, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Raw, Source, Span};

/// The tables of a plan the walk knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Root,
    Plan,
    Section,
    Action,
    Update,
    Milestone,
}

impl Table {
    /// The plan format's description of the table (`plan::shape`).
    pub fn shape(self) -> &'static shape::Table {
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

/// A decoded scalar.
pub enum Val<'i> {
    Str(Cow<'i, str>),
    Bool,
    Date(toml::value::Datetime),
    /// A plain decimal integer (no sign, underscore or leading zero) that fits in an `i64`.
    Int(i64),
}

/// What a reader does with the parts of a plan as the walk meets them. Every method answers
/// `None` for what the reader cannot vouch for, and the walk gives up.
pub trait Sink<'i> {
    /// A table opens from its header, which spans `span` (the root table is open at the start).
    fn open(&mut self, table: Table, span: Range<usize>) -> Option<()>;
    /// `key = ` in `table`: whether its value may be an array.
    fn key(&mut self, table: Table, key: &'i str) -> Option<bool>;
    /// The scalar value of the last key, spanning `span`.
    fn value(&mut self, table: Table, key: &'i str, span: Range<usize>, val: Val<'i>)
        -> Option<()>;
    /// An element of the array value of the last key.
    fn element(&mut self, span: Range<usize>, val: Val<'i>) -> Option<()>;
    /// The array value of the last key is complete; it spans `span`, `[` to `]`.
    fn array(&mut self, table: Table, key: &'i str, span: Range<usize>) -> Option<()>;
    /// `table` is complete, with these keys.
    fn close(&mut self, table: Table, keys: &[&'i str]) -> Option<()>;
}

/// Walks `text` into `sink`; true when the walk and the sink vouched for all of it.
pub fn walk<'i>(text: &'i str, sink: &mut impl Sink<'i>) -> bool {
    if text.starts_with('\u{feff}') {
        return false;
    }
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    // `toml_parser` recurses once per open bracket: a plan nested thousands deep must not
    // overflow a worker thread's stack (the full path reports it as `toml-syntax`)
    if nesting(&tokens) > MAX_NESTING {
        return false;
    }
    let mut walker = Walker::new(text, sink);
    let mut failed = Failed(false);
    {
        // as `toml` does: comments and newlines are checked as they pass
        let mut validate = ValidateWhitespace::new(&mut walker, source);
        toml_parser::parser::parse_document(&tokens, &mut validate, &mut failed);
    }
    !failed.0 && walker.finish()
}

/// Deeper than any plan people write (an array of strings is 2 inside a table header), far
/// shallower than what the parser's recursion can take on a worker thread's stack.
const MAX_NESTING: usize = 32;

/// The deepest nesting of brackets and braces in `tokens` (strings are single tokens, so
/// brackets inside text do not count).
fn nesting(tokens: &[toml_parser::lexer::Token]) -> usize {
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
struct Failed(bool);

impl ErrorSink for Failed {
    fn report_error(&mut self, _error: ParseError) {
        self.0 = true;
    }
}

/// A TOML date (of a date or date-time) as the model converts it.
pub fn date(d: toml::value::Datetime) -> Option<NaiveDate> {
    let d = d.date?;
    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
}

/// A decimal integer with no sign, underscore or leading zero that fits in an `i64`.
fn plain_integer(raw: &str) -> bool {
    (1..=18).contains(&raw.len())
        && raw.bytes().all(|b| b.is_ascii_digit())
        && (raw == "0" || !raw.starts_with('0'))
}

/// Where the walk is in a line.
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

struct Walker<'i, 's, S> {
    text: &'i str,
    sink: &'s mut S,
    /// Not for the one pass.
    bail: bool,
    step: Step,
    table: Table,
    /// The keys of the current table so far (to refuse a repeated one).
    keys: Vec<&'i str>,
    /// The key being assigned, and whether its value may be an array.
    key: &'i str,
    arrays: bool,
    array_start: usize,
    /// The header being read: its keys, whether it is an array of tables, where it starts.
    header: [&'i str; 2],
    header_len: usize,
    header_array: bool,
    header_start: usize,
    /// `[plan]` was seen.
    plan_seen: bool,
    /// The last header was `[[actions]]` or one of its subtables.
    in_action: bool,
    /// The current action's subtable arrays so far, and the last one.
    subs: u8,
    last_sub: u8,
}

impl<'i, 's, S: Sink<'i>> Walker<'i, 's, S> {
    fn new(text: &'i str, sink: &'s mut S) -> Self {
        Walker {
            text,
            sink,
            bail: false,
            step: Step::Line,
            table: Table::Root,
            keys: Vec::with_capacity(24),
            key: "",
            arrays: false,
            array_start: 0,
            header: ["", ""],
            header_len: 0,
            header_array: false,
            header_start: 0,
            plan_seen: false,
            in_action: false,
            subs: 0,
            last_sub: 0,
        }
    }

    fn other(&mut self) {
        self.bail = true;
    }

    /// Gives up unless the sink answered.
    fn check(&mut self, answer: Option<()>) {
        if answer.is_none() {
            self.bail = true;
        }
    }

    fn slice(&self, span: Span) -> Option<&'i str> {
        self.text.get(span.start()..span.end())
    }

    /// A bare key (quoted ones are for the full path), as its text.
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

    /// The current table is complete.
    fn close_table(&mut self) {
        let answer = self.sink.close(self.table, &self.keys);
        self.check(answer);
        self.keys.clear();
    }

    /// A header was read: enter its table.
    fn open_table(&mut self, span: Range<usize>) {
        let path = &self.header[..self.header_len];
        let (table, in_action) = match (self.header_array, path) {
            (false, ["plan"]) if !self.plan_seen => {
                self.plan_seen = true;
                (Table::Plan, false)
            }
            (true, ["sections"]) => (Table::Section, false),
            (true, ["actions"]) => {
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
                    return self.other();
                }
                self.subs |= kind;
                self.last_sub = kind;
                (table, true)
            }
            _ => return self.other(),
        };
        let answer = self.sink.open(table, span);
        self.check(answer);
        self.table = table;
        self.in_action = in_action;
    }

    /// Decodes a scalar; `None` when it is not for the one pass (errors go to `error`).
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
            ScalarKind::Integer(_) if plain_integer(text) => Val::Int(text.parse().ok()?),
            ScalarKind::Integer(_) | ScalarKind::Float => return None,
        })
    }

    fn finish(mut self) -> bool {
        if self.bail || !matches!(self.step, Step::Line | Step::After) {
            return false;
        }
        self.close_table();
        !self.bail && self.plan_seen
    }

    fn table_open(&mut self, span: Span, array: bool) {
        if self.step != Step::Line {
            return self.other();
        }
        self.close_table();
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

impl<'i, S: Sink<'i>> EventReceiver for Walker<'i, '_, S> {
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
        if self.step == Step::Value && self.arrays {
            self.step = Step::Array;
            self.array_start = span.start();
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
        if !self.bail {
            let answer = self
                .sink
                .array(self.table, self.key, self.array_start..span.end());
            self.check(answer);
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
                let Some(arrays) = self.sink.key(self.table, key) else {
                    return self.other();
                };
                self.keys.push(key);
                self.key = key;
                self.arrays = arrays;
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
        let range = span.start()..span.end();
        let step = self.step;
        if step == Step::Value {
            self.step = Step::After;
        }
        if self.bail {
            return;
        }
        let answer = match (step, self.decode(span, encoding, error)) {
            (Step::Value, Some(val)) => self.sink.value(self.table, self.key, range, val),
            (Step::Array, Some(val)) => self.sink.element(range, val),
            _ => None,
        };
        self.check(answer);
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
