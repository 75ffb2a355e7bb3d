//! The canonical plan layout (`planlint fmt`, and every plan `import` writes).
//!
//! One layout, whoever wrote the file: keys in the format's order (`plan::shape`, which
//! the schema is generated from, in the order docs/plan-format.md shows), each action's `[[actions.milestones]]`
//! and `[[actions.updates]]` straight after it, a blank line before every table, arrays one item
//! a line when `key = [...]` does not fit in 100 columns, long texts as multi-line strings
//! wrapped at spaces, and an ISO date written as text (`"2015-11-30"`) as a TOML date where the
//! format allows a date.
//!
//! Comments stay with what they annotate: the comment lines above a key or a table header move
//! with it, a comment at the end of a line stays at the end of that line, and the comments at
//! the top and the bottom of the file stay there. The output is checked before it is returned:
//! it must parse to the same data (a date written as text and as a TOML date count as the same)
//! and hold every comment of the input, else formatting is refused rather than risk the plan.
//!
//! Pure: text in, text out. Formatting its own output changes nothing (tested on every example).

use crate::plan::fix::escape_into;
use crate::plan::shape;
use std::collections::BTreeMap;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Key, Table, Value};

/// Lines are kept within this many columns where the text allows.
pub const WIDTH: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// The text is not TOML: nothing can be formatted until it parses.
    #[error("line {line}, column {column}: invalid TOML: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// The canonical layout cannot hold this file without changing its data or losing a
    /// comment; the file is left as it is.
    #[error("{0}")]
    Refused(String),
}

/// Formats a whole plan document in the canonical layout.
pub fn format_text(text: &str) -> Result<String, FormatError> {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let mut doc: DocumentMut = body.parse().map_err(|e: toml_edit::TomlError| {
        let at = e.span().map_or(0, |s| s.start);
        let (line, column) =
            crate::plan::source::SourceFile::new(String::new(), body.to_string()).position(at);
        FormatError::Syntax {
            line,
            column,
            message: e.message().trim().trim_end_matches('.').to_string(),
        }
    })?;
    // the data to keep, read before the plan's own tables are rewritten
    let data = canon_table(doc.iter());
    promote(doc.as_table_mut(), Shape::Root);
    let crlf = crate::edit::text::uses_crlf(body);
    let mut em = Emitter {
        crlf,
        ..Emitter::default()
    };
    em.document(&doc);
    // no string holds a raw newline in this mode (see `top_string`), so every one is a line end
    let out = if crlf {
        em.out.replace('\n', "\r\n")
    } else {
        em.out
    };
    // unchanged text needs no second opinion (the common case: `fmt --check` in CI)
    if out != body {
        verify(body, &data, &out)?;
    }
    Ok(format!("{bom}{out}"))
}

// ---------------------------------------------------------------------------------------------
// The plan's shapes and their key order
// ---------------------------------------------------------------------------------------------

/// Which table of the plan format a table is, for key order and for which keys hold dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Root,
    Plan,
    Section,
    Action,
    Milestone,
    Update,
    Other,
}

/// The keys of each table in the canonical order: `plan::shape`'s, the order the schema is
/// generated in (`schema_order_matches_the_schema` checks the schema file too).
pub(crate) const ROOT_KEYS: &[&str] = &shape::names::<{ shape::ROOT.keys.len() }>(shape::ROOT.keys);
pub(crate) const PLAN_KEYS: &[&str] = &shape::names::<{ shape::PLAN.keys.len() }>(shape::PLAN.keys);
pub(crate) const SECTION_KEYS: &[&str] =
    &shape::names::<{ shape::SECTION.keys.len() }>(shape::SECTION.keys);
pub(crate) const ACTION_KEYS: &[&str] =
    &shape::names::<{ shape::ACTION.keys.len() }>(shape::ACTION.keys);
pub(crate) const MILESTONE_KEYS: &[&str] =
    &shape::names::<{ shape::MILESTONE.keys.len() }>(shape::MILESTONE.keys);
pub(crate) const UPDATE_KEYS: &[&str] =
    &shape::names::<{ shape::UPDATE.keys.len() }>(shape::UPDATE.keys);

impl Shape {
    fn keys(self) -> &'static [&'static str] {
        match self {
            Shape::Root => ROOT_KEYS,
            Shape::Plan => PLAN_KEYS,
            Shape::Section => SECTION_KEYS,
            Shape::Action => ACTION_KEYS,
            Shape::Milestone => MILESTONE_KEYS,
            Shape::Update => UPDATE_KEYS,
            Shape::Other => &[],
        }
    }

    /// The place of `key` in the schema's order; unknown keys after every known one.
    fn rank(self, key: &str) -> usize {
        let keys = self.keys();
        keys.iter().position(|k| *k == key).unwrap_or(keys.len())
    }

    /// The plan format's own description of this table.
    fn table(self) -> Option<&'static shape::Table> {
        match self {
            Shape::Root => Some(&shape::ROOT),
            Shape::Plan => Some(&shape::PLAN),
            Shape::Section => Some(&shape::SECTION),
            Shape::Action => Some(&shape::ACTION),
            Shape::Milestone => Some(&shape::MILESTONE),
            Shape::Update => Some(&shape::UPDATE),
            Shape::Other => None,
        }
    }

    /// The shape of the table under `key`, and whether the format writes it as a `[table]`
    /// (`Some(false)`) or as `[[tables]]` (`Some(true)`).
    fn child(self, key: &str) -> (Shape, Option<bool>) {
        let child = self
            .table()
            .and_then(|t| t.key(key))
            .and_then(|k| k.value.child());
        let Some((table, many)) = child else {
            return (Shape::Other, None);
        };
        let shape = [
            Shape::Plan,
            Shape::Section,
            Shape::Action,
            Shape::Milestone,
            Shape::Update,
        ]
        .into_iter()
        .find(|s| s.table().is_some_and(|t| t.def == table.def))
        .unwrap_or(Shape::Other);
        (shape, Some(many))
    }

    /// Keys whose value may be a TOML date (`updated`, an update's `date`, and the timescales
    /// `due` and `baseline_due`).
    fn takes_date(self, key: &str) -> bool {
        self.table()
            .and_then(|t| t.key(key))
            .is_some_and(|k| k.value.takes_date())
    }
}

/// Rewrites the plan's own tables into the form the format uses: `plan = { … }` and dotted
/// `plan.id = …` become a `[plan]` table, `actions = [{ … }]` becomes `[[actions]]` tables.
fn promote(table: &mut Table, shape: Shape) {
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    for key in keys {
        let (child, form) = shape.child(&key);
        let Some(item) = table.get_mut(&key) else {
            continue;
        };
        match (form, &mut *item) {
            (Some(false), Item::Value(Value::InlineTable(_))) => {
                let taken = std::mem::take(item);
                if let Ok(Value::InlineTable(t)) = taken.into_value() {
                    *item = Item::Table(t.into_table());
                }
            }
            (Some(false), Item::Table(t)) if t.is_dotted() => t.set_dotted(false),
            (Some(true), Item::Value(Value::Array(a)))
                if !a.is_empty() && a.iter().all(Value::is_inline_table) =>
            {
                let taken = std::mem::take(item);
                if let Ok(Value::Array(a)) = taken.into_value() {
                    let mut aot = ArrayOfTables::new();
                    for v in a {
                        if let Value::InlineTable(t) = v {
                            let prefix = raw(t.decor().prefix()).to_string();
                            let mut t = t.into_table();
                            t.decor_mut().set_prefix(prefix);
                            aot.push(t);
                        }
                    }
                    *item = Item::ArrayOfTables(aot);
                }
            }
            _ => {}
        }
        match table.get_mut(&key) {
            Some(Item::Table(t)) => promote(t, child),
            Some(Item::ArrayOfTables(a)) => {
                for t in a.iter_mut() {
                    promote(t, child);
                }
            }
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Comments
// ---------------------------------------------------------------------------------------------

fn raw(r: Option<&toml_edit::RawString>) -> &str {
    r.and_then(|r| r.as_str()).unwrap_or("")
}

/// The comment lines of a decor prefix that starts at the beginning of a line (above a key or a
/// table header), with the blank lines that matter: one before them, between paragraphs, and
/// one between them and what they annotate.
#[derive(Debug, Default, PartialEq, Eq)]
struct Block {
    blank_before: bool,
    paragraphs: Vec<Vec<String>>,
    blank_after: bool,
}

impl Block {
    fn of(prefix: &str) -> Block {
        let mut lines: Vec<&str> = prefix.split('\n').collect();
        // the last piece is the indentation of the line the key or header is on
        if lines.last().is_some_and(|l| l.trim().is_empty()) {
            lines.pop();
        }
        let mut b = Block::default();
        let mut blank = false;
        for line in lines {
            let line = line.trim();
            if line.is_empty() {
                blank = true;
            } else if line.starts_with('#') {
                if b.paragraphs.is_empty() {
                    b.blank_before = blank;
                    b.paragraphs.push(Vec::new());
                } else if blank {
                    b.paragraphs.push(Vec::new());
                }
                if let Some(p) = b.paragraphs.last_mut() {
                    p.push(line.to_string());
                }
                blank = false;
            }
        }
        b.blank_after = blank && !b.paragraphs.is_empty();
        b
    }

    fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    /// Writes the comment lines, after one blank line when `blank_before` (never at the top of
    /// the file, never two).
    fn write(&self, out: &mut String, indent: &str, blank_before: bool) {
        if blank_before && !out.is_empty() && !out.ends_with("\n\n") {
            out.push('\n');
        }
        for (i, p) in self.paragraphs.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            for line in p {
                out.push_str(indent);
                out.push_str(line);
                out.push('\n');
            }
        }
        if self.blank_after {
            out.push('\n');
        }
    }
}

/// Comments in a piece of decor that sits between two tokens (around an array item, at the end
/// of a line): the one on the line the piece starts on, then those on lines of their own.
fn split_comments(piece: &str) -> (Option<String>, Vec<String>) {
    let mut lines = piece.split('\n');
    let same = lines
        .next()
        .map(str::trim)
        .filter(|l| l.starts_with('#'))
        .map(str::to_string);
    let own = lines
        .map(str::trim)
        .filter(|l| l.starts_with('#'))
        .map(str::to_string)
        .collect();
    (same, own)
}

fn has_comment(piece: Option<&toml_edit::RawString>) -> bool {
    raw(piece).contains('#')
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

#[derive(Default)]
struct Emitter {
    out: String,
    /// The comments at the top of the file (the prefix of the first entry in the file, wherever
    /// the layout puts that entry), already written first: where they are in the input.
    header: Option<(usize, usize)>,
    /// The file ends its lines with CRLF: keep it so (Windows checkouts).
    crlf: bool,
}

/// What sits in a table's body, in the order it is written.
enum Entry<'a> {
    /// `a.b.c = value` (one key for a plain key-value line).
    Value(Vec<&'a Key>, &'a Value),
    Table(&'a Key, &'a Table),
    Tables(&'a Key, &'a ArrayOfTables),
}

impl Emitter {
    fn document(&mut self, doc: &DocumentMut) {
        let root = doc.as_table();
        // the comments above the first entry belong to the file (a `#:schema` line, a preamble)
        if let Some((key, item)) = root.iter().next() {
            let prefix = match item {
                Item::Table(t) if !t.is_implicit() => raw(t.decor().prefix()),
                Item::ArrayOfTables(a) => a.iter().next().map_or("", |t| raw(t.decor().prefix())),
                _ => root
                    .key(key)
                    .map_or("", |k| raw(first_line_key(k, item).leaf_decor().prefix())),
            };
            if !prefix.is_empty() {
                self.header = Some((prefix.as_ptr() as usize, prefix.len()));
                Block::of(prefix).write(&mut self.out, "", false);
            }
        }
        self.body(root, Shape::Root, &mut Vec::new());
        let block = Block::of(raw(Some(doc.trailing())));
        if !block.is_empty() {
            let blank = block.blank_before;
            Block {
                blank_after: false,
                ..block
            }
            .write(&mut self.out, "", blank);
        }
    }

    /// The comment lines above an entry (none for the entry whose comments head the file).
    fn prefix(&self, prefix: &str) -> Block {
        if !prefix.is_empty() && self.header == Some((prefix.as_ptr() as usize, prefix.len())) {
            return Block::default();
        }
        Block::of(prefix)
    }

    fn body(&mut self, table: &Table, shape: Shape, path: &mut Vec<String>) {
        let mut values = Vec::new();
        let mut tables = Vec::new();
        for (name, item) in table.iter() {
            let Some(key) = table.key(name) else { continue };
            match item {
                Item::Value(v) => values.push((shape.rank(name), Entry::Value(vec![key], v))),
                Item::Table(t) if t.is_dotted() => {
                    let mut flat = Vec::new();
                    flatten(vec![key], t, &mut flat);
                    for (keys, v) in flat {
                        values.push((shape.rank(name), Entry::Value(keys, v)));
                    }
                }
                Item::Table(t) => tables.push((shape.rank(name), Entry::Table(key, t))),
                Item::ArrayOfTables(a) => tables.push((shape.rank(name), Entry::Tables(key, a))),
                Item::None => {}
            }
        }
        // stable: unknown keys keep their order, after the known ones
        values.sort_by_key(|(rank, _)| *rank);
        tables.sort_by_key(|(rank, _)| *rank);
        for (_, entry) in values {
            if let Entry::Value(keys, v) = entry {
                self.key_value(&keys, v, shape);
            }
        }
        for (_, entry) in tables {
            match entry {
                Entry::Table(key, t) => {
                    path.push(key_repr(key.get()));
                    let (child, _) = shape.child(key.get());
                    let has_values = t.iter().any(|(_, i)| i.is_value())
                        || t.iter()
                            .any(|(_, i)| matches!(i, Item::Table(t) if t.is_dotted()));
                    if !t.is_implicit() || has_values {
                        let header = format!("[{}]", path.join("."));
                        self.header(t, &header);
                    }
                    self.body(t, child, path);
                    path.pop();
                }
                Entry::Tables(key, a) => {
                    path.push(key_repr(key.get()));
                    let (child, _) = shape.child(key.get());
                    for t in a.iter() {
                        let header = format!("[[{}]]", path.join("."));
                        self.header(t, &header);
                        self.body(t, child, path);
                    }
                    path.pop();
                }
                Entry::Value(..) => {}
            }
        }
    }

    fn header(&mut self, t: &Table, header: &str) {
        self.prefix(raw(t.decor().prefix()))
            .write(&mut self.out, "", true);
        self.out.push_str(header);
        if let (Some(c), _) = split_comments(raw(t.decor().suffix())) {
            self.out.push(' ');
            self.out.push_str(&c);
        }
        self.out.push('\n');
    }

    fn key_value(&mut self, keys: &[&Key], value: &Value, shape: Shape) {
        let Some(last) = keys.last() else { return };
        let block = self.prefix(raw(last.leaf_decor().prefix()));
        let blank = block.blank_before;
        block.write(&mut self.out, "", blank);
        let key = keys
            .iter()
            .map(|k| key_repr(k.get()))
            .collect::<Vec<_>>()
            .join(".");
        let name = if keys.len() == 1 { last.get() } else { "" };
        let lead = format!("{key} = ");
        let text = match value {
            Value::String(s) => {
                let s = s.value();
                if shape.takes_date(name) && is_iso_date(s) {
                    s.clone()
                } else {
                    top_string(s, lead.chars().count(), self.crlf)
                }
            }
            Value::Array(a) => self.array(a, lead.chars().count()),
            other => inline(other),
        };
        self.out.push_str(&lead);
        self.out.push_str(&text);
        let (same, own) = split_comments(raw(value.decor().suffix()));
        if let Some(c) = same {
            self.out.push(' ');
            self.out.push_str(&c);
        }
        self.out.push('\n');
        for c in own {
            self.out.push_str(&c);
            self.out.push('\n');
        }
    }

    /// An array after `key = `: on one line when it fits and holds no comment, else one item a
    /// line, indented two spaces, each followed by a comma.
    fn array(&self, a: &Array, lead: usize) -> String {
        let items: Vec<String> = a.iter().map(inline).collect();
        let one_line = format!("[{}]", items.join(", "));
        let commented = has_comment(Some(a.trailing()))
            || a.iter()
                .any(|v| has_comment(v.decor().prefix()) || has_comment(v.decor().suffix()));
        if !commented && lead + one_line.chars().count() <= WIDTH {
            return one_line;
        }
        // each item's comments: the ones on the line before it (which end the previous line)
        // and the ones on lines of their own
        let mut lines: Vec<(String, Option<String>)> = vec![("[".into(), None)];
        for (v, text) in a.iter().zip(&items) {
            let (same, own) = split_comments(raw(v.decor().prefix()));
            attach(&mut lines, same);
            for c in own {
                lines.push((format!("  {c}"), None));
            }
            lines.push((format!("  {text},"), None));
            let (same, own) = split_comments(raw(v.decor().suffix()));
            attach(&mut lines, same);
            for c in own {
                lines.push((format!("  {c}"), None));
            }
        }
        let (same, own) = split_comments(a.trailing().as_str().unwrap_or(""));
        attach(&mut lines, same);
        for c in own {
            lines.push((format!("  {c}"), None));
        }
        let mut out = String::new();
        for (line, comment) in lines {
            out.push_str(&line);
            if let Some(c) = comment {
                out.push(' ');
                out.push_str(&c);
            }
            out.push('\n');
        }
        out.push(']');
        out
    }
}

/// A text as the value of `key = ` in the canonical layout (a multi-line string when long), for
/// a file whose lines end in CRLF when `crlf`.
pub fn string_value(key: &str, s: &str, crlf: bool) -> String {
    top_string(s, key_repr(key).chars().count() + 3, crlf)
}

/// A list of texts as the value of `key = ` in the canonical layout (one item a line when the
/// line would not fit).
pub fn strings_value(key: &str, items: &[String]) -> String {
    let mut a = Array::new();
    for i in items {
        a.push(i.as_str());
    }
    Emitter::default().array(&a, key_repr(key).chars().count() + 3)
}

/// Puts a same-line comment at the end of the last line written (a line keeps one: a second
/// goes on a line of its own).
fn attach(lines: &mut Vec<(String, Option<String>)>, comment: Option<String>) {
    let Some(c) = comment else { return };
    match lines.last_mut() {
        Some((_, slot @ None)) => *slot = Some(c),
        _ => lines.push((format!("  {c}"), None)),
    }
}

/// For a value under dotted keys, the key whose decor holds the line's comments.
fn first_line_key<'a>(key: &'a Key, item: &'a Item) -> &'a Key {
    match item {
        Item::Table(t) if t.is_dotted() => t
            .iter()
            .next()
            .and_then(|(k, i)| t.key(k).map(|k| first_line_key(k, i)))
            .unwrap_or(key),
        _ => key,
    }
}

fn flatten<'a>(prefix: Vec<&'a Key>, t: &'a Table, out: &mut Vec<(Vec<&'a Key>, &'a Value)>) {
    for (name, item) in t.iter() {
        let Some(key) = t.key(name) else { continue };
        let mut keys = prefix.clone();
        keys.push(key);
        match item {
            Item::Value(v) => out.push((keys, v)),
            Item::Table(t) => flatten(keys, t, out),
            // not reachable from TOML text: a dotted key cannot open an array of tables
            Item::ArrayOfTables(_) | Item::None => {}
        }
    }
}

/// A key as TOML writes it: bare when it can be, quoted otherwise.
fn key_repr(name: &str) -> String {
    let bare = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        name.to_string()
    } else {
        crate::plan::fix::toml_string(name)
    }
}

fn is_iso_date(s: &str) -> bool {
    s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

/// Any value on one line (inside an array or an inline table, or a scalar after `key = `).
fn inline(v: &Value) -> String {
    match v {
        Value::String(s) => crate::plan::fix::toml_string(s.value()),
        Value::Integer(i) => i.value().to_string(),
        Value::Float(f) => toml_edit::Formatted::new(*f.value())
            .display_repr()
            .into_owned(),
        Value::Boolean(b) => b.value().to_string(),
        Value::Datetime(d) => d.value().to_string(),
        Value::Array(a) => format!("[{}]", a.iter().map(inline).collect::<Vec<_>>().join(", ")),
        Value::InlineTable(t) => inline_table(t),
    }
}

fn inline_table(t: &InlineTable) -> String {
    let parts: Vec<String> = t
        .get_values()
        .into_iter()
        .map(|(keys, v)| {
            let key = keys
                .iter()
                .map(|k| key_repr(k.get()))
                .collect::<Vec<_>>()
                .join(".");
            format!("{key} = {}", inline(v))
        })
        .collect();
    if parts.is_empty() {
        "{}".into()
    } else {
        format!("{{ {} }}", parts.join(", "))
    }
}

/// A string after `key = ` (`lead` columns): one line when it fits, else a multi-line string
/// whose lines break at spaces, each broken line ending in `\` (TOML joins them back exactly).
///
/// In a file whose lines end in CRLF, a newline in the text is written `\n`, never as a line
/// break: TOML would read a CRLF break inside the string as part of the text.
fn top_string(s: &str, lead: usize, crlf: bool) -> String {
    let one = crate::plan::fix::toml_string(s);
    if lead + one.chars().count() <= WIDTH {
        return one;
    }
    let mut out = String::from("\"\"\"\n");
    let lines: Vec<&str> = if crlf {
        vec![s]
    } else {
        s.split('\n').collect()
    };
    let last_line = lines.len() - 1;
    for (n, line) in lines.iter().enumerate() {
        let escaped = escape_multiline(line, n == last_line);
        // the last line also holds the closing `"""`
        wrap(&escaped, if n == last_line { 3 } else { 0 }, &mut out);
        if n < last_line {
            out.push('\n');
        }
    }
    out.push_str("\"\"\"");
    out
}

/// One line of a multi-line string's content, escaped: `\` and control characters always, a
/// `"` where it would otherwise touch another (or the closing `"""`), spaces at the end of a
/// line that editors would strip.
fn escape_multiline(line: &str, last: bool) -> Vec<Piece> {
    let chars: Vec<char> = line.chars().collect();
    let trailing_ws = chars
        .iter()
        .rev()
        .take_while(|c| **c == ' ' || **c == '\t')
        .count();
    let mut pieces = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let text = match c {
            '"' if next == Some('"') || (next.is_none() && last) => "\\\"".to_string(),
            '"' => "\"".to_string(),
            ' ' if i >= chars.len() - trailing_ws && !last => "\\u0020".to_string(),
            '\t' => "\\t".to_string(),
            c => {
                let mut s = String::new();
                escape_into(&c.to_string(), &mut s, false);
                s
            }
        };
        // a line may break after a space that is followed by a character TOML does not trim
        let breakable = c == ' ' && next.is_some_and(|n| n != ' ' && n != '\t');
        pieces.push(Piece { text, breakable });
    }
    pieces
}

struct Piece {
    text: String,
    breakable: bool,
}

/// Writes escaped pieces, breaking after a breakable space when the line would pass the width
/// (the space stays before the `\`, so the joined text is unchanged); `tail` columns follow the
/// last piece.
fn wrap(pieces: &[Piece], tail: usize, out: &mut String) {
    let mut line = String::new();
    let mut width = 0;
    // where the line may break (byte length of `line`, its width there), after a space
    let mut last_break: Option<(usize, usize)> = None;
    let mut break_at = |line: &mut String, width: &mut usize, at: (usize, usize)| {
        let rest = line.split_off(at.0);
        out.push_str(line);
        out.push_str("\\\n");
        *line = rest;
        *width -= at.1;
    };
    for p in pieces {
        let w = p.text.chars().count();
        // the `\` that ends a broken line needs a column of its own
        if width + w + 1 > WIDTH {
            if let Some(at) = last_break.take() {
                break_at(&mut line, &mut width, at);
            }
        }
        line.push_str(&p.text);
        width += w;
        if p.breakable {
            last_break = Some((line.len(), width));
        }
    }
    if width + tail > WIDTH {
        if let Some(at) = last_break {
            break_at(&mut line, &mut width, at);
        }
    }
    out.push_str(&line);
}

// ---------------------------------------------------------------------------------------------
// The safety net: same data, same comments
// ---------------------------------------------------------------------------------------------

/// A TOML value for comparison: a date and its ISO text are equal, layout is ignored.
#[derive(Debug, PartialEq)]
enum Canon {
    Text(String),
    Int(i64),
    Float(Option<u64>),
    Bool(bool),
    List(Vec<Canon>),
    Map(BTreeMap<String, Canon>),
}

fn canon_item(item: &Item) -> Option<Canon> {
    match item {
        Item::None => None,
        Item::Value(v) => Some(canon_value(v)),
        Item::Table(t) => Some(canon_table(t.iter())),
        Item::ArrayOfTables(a) => Some(Canon::List(
            a.iter().map(|t| canon_table(t.iter())).collect(),
        )),
    }
}

fn canon_table<'a>(items: impl Iterator<Item = (&'a str, &'a Item)>) -> Canon {
    Canon::Map(
        items
            .filter_map(|(k, i)| canon_item(i).map(|c| (k.to_string(), c)))
            .collect(),
    )
}

fn canon_value(v: &Value) -> Canon {
    match v {
        Value::String(s) => Canon::Text(s.value().clone()),
        Value::Integer(i) => Canon::Int(*i.value()),
        Value::Float(f) => Canon::Float((!f.value().is_nan()).then(|| f.value().to_bits())),
        Value::Boolean(b) => Canon::Bool(*b.value()),
        Value::Datetime(d) => Canon::Text(d.value().to_string()),
        Value::Array(a) => Canon::List(a.iter().map(canon_value).collect()),
        Value::InlineTable(t) => Canon::Map(
            t.iter()
                .map(|(k, v)| (k.to_string(), canon_value(v)))
                .collect(),
        ),
    }
}

fn canon_de_table(t: &toml::de::DeTable<'_>) -> Canon {
    Canon::Map(
        t.iter()
            .map(|(k, v)| (k.get_ref().to_string(), canon_de(v.get_ref())))
            .collect(),
    )
}

fn canon_de(v: &toml::de::DeValue<'_>) -> Canon {
    use toml::de::DeValue;
    match v {
        DeValue::String(s) => Canon::Text(s.to_string()),
        // out of i64's range cannot have come from the formatter, which writes i64s
        DeValue::Integer(i) => {
            crate::plan::tomljson::integer(i).map_or(Canon::Float(None), Canon::Int)
        }
        DeValue::Float(f) => {
            let x = f
                .as_str()
                .replace('_', "")
                .parse::<f64>()
                .unwrap_or(f64::NAN);
            Canon::Float((!x.is_nan()).then(|| x.to_bits()))
        }
        DeValue::Boolean(b) => Canon::Bool(*b),
        DeValue::Datetime(d) => Canon::Text(d.to_string()),
        DeValue::Array(a) => Canon::List(a.iter().map(|v| canon_de(v.get_ref())).collect()),
        DeValue::Table(t) => canon_de_table(t),
    }
}

/// Every comment of a TOML text, as written (trailing spaces aside), sorted.
fn comments(text: &str) -> Vec<String> {
    let mut out: Vec<String> = toml_parser::Source::new(text)
        .lex()
        .filter(|t| t.kind() == toml_parser::lexer::TokenKind::Comment)
        .filter_map(|t| text.get(t.span().start()..t.span().end()))
        .map(|c| c.trim_end().to_string())
        .collect();
    out.sort_unstable();
    out
}

/// The output read back (with the `toml` crate's reader, not the one that wrote it: a second
/// opinion) must hold `data` and every comment of `input`.
fn verify(input: &str, data: &Canon, output: &str) -> Result<(), FormatError> {
    let bug = |what: &str| {
        FormatError::Refused(format!(
            "planlint cannot format this file without {what}; it is left as it was (please report this with the file)"
        ))
    };
    let after = toml::de::DeTable::parse(output).map_err(|_| bug("writing invalid TOML"))?;
    if canon_de_table(after.get_ref()) != *data {
        return Err(bug("changing its data"));
    }
    let (was, now) = (comments(input), comments(output));
    if was != now {
        let lost = was
            .iter()
            .find(|c| !now.contains(c))
            .map_or_else(String::new, |c| format!(" `{c}`"));
        return Err(FormatError::Refused(format!(
            "formatting would lose the comment{lost}; put it on a line of its own above the key it is about, then format again (the file is left as it was)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
