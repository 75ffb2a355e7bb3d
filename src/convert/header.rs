//! Finding the header row and what each column holds, by the names real plans give their
//! columns ("No.", "Led By", "UPDATE NOVEMBER 2015", "Red/Amber/Green (RAG)"), compared without
//! case or punctuation. `--map 'HEADER=FIELD'` overrides or adds a name.

use super::table::{normalise, Table};
use super::vocabulary;
use crate::plan::timescale::{self, TimescaleKind};
use chrono::NaiveDate;
use std::collections::HashMap;

pub use super::vocabulary::{Field, FIELDS};

/// A header's words, lower case, without punctuation or footnote marks: "Red/Amber/Green
/// (RAG)" is "red amber green rag", "Time-scale" is "time scale", "Timescale¹" and "Lead*"
/// are "timescale" and "lead".
pub fn key(header: &str) -> String {
    header
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() || is_footnote_mark(c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// How sure a reading of a header is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guess {
    pub field: Field,
    /// 0–100: 100 a known name, 95 its words in another form, less for a partial match.
    pub confidence: u8,
}

/// A header's words as `vocabulary` compares them: lower case, punctuation and footnote marks
/// dropped, stop words and date words left out, each word lightly stemmed ("Responsibility"
/// and "responsible" are one word, as are "update", "updates" and "updated").
pub fn words(header: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in key(header).split(' ').filter(|w| !w.is_empty()) {
        if vocabulary::STOP_WORDS.contains(&w)
            || vocabulary::DATE_WORDS.contains(&w)
            || w.starts_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        let s = stem(w);
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// A light stemmer for the words of column headers (not a general one): plural and verb
/// endings, "-ibility"/"-ible", "-ion", and a final "e"; US "-ize" spelt "-ise".
fn stem(word: &str) -> String {
    const SUFFIXES: &[(&str, &str)] = &[
        ("ibilities", "ib"),
        ("ibility", "ib"),
        ("ability", "abl"),
        ("ible", "ib"),
        ("ies", "y"),
        ("ing", ""),
        ("ion", ""),
        ("ed", ""),
        ("s", ""),
    ];
    let mut s = word.replace("iz", "is");
    if s.chars().count() <= 3 {
        return s;
    }
    for _ in 0..2 {
        let cut = SUFFIXES.iter().find(|(suffix, _)| {
            s.ends_with(suffix)
                && s.len() >= suffix.len() + 3
                && !(*suffix == "s" && (s.ends_with("ss") || s.ends_with("us")))
        });
        match cut {
            Some((suffix, with)) => {
                s.truncate(s.len() - suffix.len());
                s.push_str(with);
            }
            None => break,
        }
    }
    if s.len() > 3 && s.ends_with('e') {
        s.pop();
    }
    s
}

/// The vocabulary's names as words, made once.
struct Known {
    field: Field,
    key: String,
    squashed: String,
    words: Vec<String>,
    confidence: u8,
}

/// The vocabulary indexed once: by key, by key without spaces, and by word, so a cell is
/// compared only with the names it shares a word with (a workbook of many sheets costs a
/// lookup a cell, not a pass over every name).
struct Index {
    names: Vec<Known>,
    by_key: HashMap<String, Vec<usize>>,
    by_word: HashMap<String, Vec<usize>>,
}

fn known() -> &'static Index {
    static KNOWN: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
    KNOWN.get_or_init(|| {
        let mut names = Vec::new();
        let mut add = |field: Field, name: &str, confidence: u8| {
            let k = key(name);
            names.push(Known {
                field,
                squashed: k.replace(' ', ""),
                key: k,
                words: words(name),
                confidence,
            });
        };
        for (field, list) in vocabulary::NAMES {
            for n in *list {
                add(*field, n, 100);
            }
        }
        for (name, readings) in vocabulary::AMBIGUOUS {
            for (field, c) in *readings {
                add(*field, name, *c);
            }
        }
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, n) in names.iter().enumerate() {
            by_key.entry(n.key.clone()).or_default().push(i);
            if n.squashed != n.key {
                by_key.entry(n.squashed.clone()).or_default().push(i);
            }
            for w in &n.words {
                by_word.entry(w.clone()).or_default().push(i);
            }
        }
        Index {
            names,
            by_key,
            by_word,
        }
    })
}

/// Every field a header may name, surest first (one guess per field). Empty when it names
/// none at all.
pub fn guesses(header: &str) -> Vec<Guess> {
    let k = key(header);
    if k.is_empty() {
        return if header.trim() == "#" {
            vec![Guess {
                field: Field::Id,
                confidence: 100,
            }]
        } else {
            Vec::new()
        };
    }
    // "% complete", "Percentage complete": a measure of progress, none of the plan's fields
    if header.contains('%') || k.split(' ').any(|w| w.starts_with("percent")) {
        return Vec::new();
    }
    let mut best: Vec<Guess> = Vec::new();
    let mut offer = |field: Field, confidence: u8| match best.iter_mut().find(|g| g.field == field)
    {
        Some(g) => g.confidence = g.confidence.max(confidence),
        None => best.push(Guess { field, confidence }),
    };
    let squashed = k.replace(' ', "");
    let mut exact = false;
    let index = known();
    let mut hits: Vec<usize> = [&k, &squashed]
        .iter()
        .filter_map(|x| index.by_key.get(x.as_str()))
        .flatten()
        .copied()
        .collect();
    hits.sort_unstable();
    hits.dedup();
    for n in hits.iter().map(|i| &index.names[*i]) {
        if n.key == k || n.squashed == squashed {
            offer(n.field, n.confidence);
            exact |= n.confidence == 100;
        }
    }
    // "UPDATE NOVEMBER 2015", "Progress at Q2", "Summary progress against actions (…)"
    if !exact
        && ["update", "progress", "summary progress", "latest update"]
            .iter()
            .any(|p| k.starts_with(&format!("{p} ")))
    {
        offer(Field::Update, 100);
        exact = true;
    }
    // "RAG Status", "Status (RAG)", "Red/Amber/Green (RAG)", "RAG rating at Q2"
    if !exact && k.split(' ').any(|w| w == "rag" || w == "brag") {
        offer(Field::Rag, 100);
        exact = true;
    }
    if !exact {
        // a long cell is prose, never a column's name: not worth reading word by word
        let mine = if k.len() <= 200 {
            words(header)
        } else {
            Vec::new()
        };
        // a sentence in a header cell is a note, not a column's name
        // "Completed in December 2016.": a sentence is a cell's value, not a column's name
        let sentence = header.trim_end().ends_with('.') && k.split(' ').count() >= 4;
        let banner = sentence || k.split(' ').any(|w| vocabulary::BANNER_WORDS.contains(&w));
        if !mine.is_empty() && mine.len() <= 10 && !banner {
            let mut near: Vec<usize> = mine
                .iter()
                .filter_map(|w| index.by_word.get(w))
                .flatten()
                .copied()
                .collect();
            near.sort_unstable();
            near.dedup();
            // "Evidence of completion" is evidence: in "A of B" the column holds A, so a name
            // within A is a little surer than one within B ("Name of lead" still reads B)
            let head: Vec<String> = k
                .split_once(" of ")
                .map(|(a, _)| words(a))
                .unwrap_or_default();
            for n in near.iter().map(|i| &index.names[*i]) {
                if n.words.is_empty() || vocabulary::EXACT_ONLY.contains(&n.field) {
                    continue;
                }
                let common = n.words.iter().filter(|w| mine.contains(w)).count();
                if common == 0 {
                    continue;
                }
                let dice = (2 * common) as f64 / (n.words.len() + mine.len()) as f64;
                let sure = if common == n.words.len() && common == mine.len() {
                    95.0
                } else if common == n.words.len() {
                    // all the name's words, and more: sure by how much of the header it covers
                    let head_bonus = if n.words.iter().all(|w| head.contains(w)) {
                        5.0
                    } else {
                        0.0
                    };
                    40.0 + 50.0 * dice + head_bonus
                } else {
                    // some of the name's words: a guess to show, never read
                    45.0 * dice
                };
                let sure = (sure * f64::from(n.confidence) / 100.0).round() as u8;
                offer(n.field, sure);
            }
        }
    }
    // a column headed only by a month or a quarter ("June 2016", "Q1", a date cell): the
    // progress reported then
    let dates_only = k.split(' ').all(|w| {
        vocabulary::DATE_WORDS.contains(&w) || w.starts_with(|c: char| c.is_ascii_digit())
    });
    if best.is_empty() && dates_only {
        best.push(Guess {
            field: Field::Update,
            confidence: if header_date(header).is_some() {
                80
            } else {
                70
            },
        });
    }
    let raw: Vec<&str> = k.split(' ').collect();
    for (field, not) in vocabulary::NOT {
        if raw.iter().any(|w| not.contains(w)) {
            best.retain(|g| g.field != *field || g.confidence == 100);
        }
    }
    for (field, not) in vocabulary::NOT_AT_END {
        if raw.last().is_some_and(|w| not.contains(w)) {
            best.retain(|g| g.field != *field || g.confidence == 100);
        }
    }
    best.retain(|g| g.confidence >= vocabulary::GUESS_FLOOR);
    best.sort_by(|a, b| b.confidence.cmp(&a.confidence).then(a.field.cmp(&b.field)));
    best
}

/// The field a header names, when import is sure enough to read it.
pub fn recognise(header: &str) -> Option<Field> {
    guesses(header)
        .first()
        .filter(|g| g.confidence >= vocabulary::FLOOR)
        .map(|g| g.field)
}

/// Superscript digits and letters mark footnotes ("Timescale¹", "Leadᵃ").
fn is_footnote_mark(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '\u{2070}'..='\u{209f}' | '\u{1d2c}'..='\u{1d6a}')
}

/// The day an update column's header names: "UPDATE NOVEMBER 2015" is 2015-11-30 (the end of
/// the month), "Update 30/11/2015" that day. `None` when it names no month.
pub fn header_date(header: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = header
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ':' | ',' | '–' | '—'))
        .filter(|w| !w.is_empty())
        .collect();
    for len in [3, 2, 1] {
        for w in words.windows(len) {
            let text = w.join(" ");
            if let Ok(ts) = timescale::parse(&text) {
                if matches!(
                    ts.kind,
                    TimescaleKind::Month | TimescaleKind::Date | TimescaleKind::Quarter
                ) {
                    return ts.due;
                }
            }
        }
    }
    None
}

/// The last day of a date's month.
fn month_end(d: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// One `--map 'HEADER=FIELD'`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    pub header: String,
    pub field: Field,
}

impl Mapping {
    /// Reads `HEADER=FIELD` (the last `=` splits, so a header may hold one).
    pub fn parse(text: &str) -> Result<Mapping, String> {
        let Some((header, field)) = text.rsplit_once('=') else {
            return Err(format!(
                "--map '{text}': write it as 'HEADER=FIELD', e.g. --map 'Task=title'"
            ));
        };
        let names: Vec<&str> = FIELDS.iter().map(|f| f.name()).collect();
        let field = Field::parse(field).ok_or_else(|| {
            format!(
                "--map '{text}': `{}` is not a field; use one of: {}",
                field.trim(),
                names.join(", ")
            )
        })?;
        if key(header).is_empty() {
            return Err(format!("--map '{text}': the header before `=` is empty"));
        }
        Ok(Mapping {
            header: header.trim().to_string(),
            field,
        })
    }
}

/// A column of the chosen header: its first grid column, the columns it spans, its header text,
/// and the field it feeds (`None`: left out, with `why`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub index: usize,
    pub span: usize,
    pub header: String,
    pub field: Option<Field>,
    /// An update column's date, from its header.
    pub date: Option<NaiveDate>,
    /// Why a column is left out.
    pub why: Option<String>,
    /// Whether `--map` decided the field.
    pub mapped: bool,
    /// How sure the match is, 0–100 (see `report::ColumnReport::confidence`).
    pub confidence: Option<u8>,
    /// For a column left out: the field it most likely holds, too unsure to read.
    pub guess: Option<Guess>,
    /// How the field or the date was settled, for the report ("its cells are ratings").
    pub note: Option<String>,
}

/// The header row of a table and its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Index into the table's rows: the header's last row (the rows after it are data).
    pub row: usize,
    /// The header's first row: `row`, or the row above it for a two-row header ("Progress
    /// update" over "June 2016" and "December 2016").
    pub top: usize,
    pub columns: Vec<Column>,
}

impl Header {
    /// The distinct fields the header feeds (its score when tables compete).
    pub fn fields(&self) -> Vec<Field> {
        let mut f: Vec<Field> = self
            .columns
            .iter()
            .filter_map(|c| c.field)
            .filter(|f| *f != Field::Skip)
            .collect();
        f.sort();
        f.dedup();
        f
    }

    /// The column a grid column belongs to.
    pub fn column_at(&self, grid: usize) -> Option<&Column> {
        self.columns
            .iter()
            .find(|c| grid >= c.index && grid < c.index + c.span.max(1))
    }

    pub fn has(&self, field: Field) -> bool {
        self.columns.iter().any(|c| c.field == Some(field))
    }
}

/// How far down a table the header may be (title rows and notes above it are skipped).
pub const HEADER_SEARCH_ROWS: usize = 30;

impl Header {
    /// How sure the header is in all: the sum over the fields it feeds of the surest column's
    /// confidence (200 is two fields named plainly). Tables compete on this.
    pub fn score(&self) -> u32 {
        let mut best: Vec<(Field, u8)> = Vec::new();
        for c in &self.columns {
            let (Some(f), Some(n)) = (c.field, c.confidence) else {
                continue;
            };
            if f == Field::Skip {
                continue;
            }
            match best.iter_mut().find(|(g, _)| *g == f) {
                Some(e) => e.1 = e.1.max(n),
                None => best.push((f, n)),
            }
        }
        best.iter().map(|(_, n)| u32::from(*n)).sum()
    }

    /// Whether the row reads as a header: it names the action, and is sure enough in all.
    pub fn accepted(&self) -> bool {
        self.has(Field::Title)
            && self.fields().len() >= 2
            && self.score() >= vocabulary::HEADER_SCORE
    }
}

/// The best header row of a table, if one reads as a header: it must name the action
/// (`title`) and be sure of two fields' worth (`vocabulary::HEADER_SCORE`).
pub fn find(table: &Table, maps: &[Mapping]) -> Option<Header> {
    best_row(table, maps, true)
}

/// The header of a sheet of updates ("ID | Date | Update | Updated by"): an id and an update
/// column and no action text; a column headed "Date" is the update's date.
pub fn find_updates(table: &Table, maps: &[Mapping]) -> Option<Header> {
    let mut best: Option<Header> = None;
    for (i, row) in table.rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let mut h = columns_of(i, row, maps, table);
        if !h.has(Field::Id) || !h.has(Field::Update) || h.has(Field::Title) {
            continue;
        }
        if !h.has(Field::UpdateDate) {
            if let Some(c) = h
                .columns
                .iter_mut()
                .find(|c| c.field.is_none() && key(&c.header).split(' ').any(|w| w == "date"))
            {
                c.field = Some(Field::UpdateDate);
                c.confidence = Some(80);
                c.why = None;
            }
        }
        if h.score() >= vocabulary::HEADER_SCORE
            && best.as_ref().is_none_or(|b| h.score() > b.score())
        {
            best = Some(h);
        }
    }
    best
}

/// The row that reads most like a header, accepted or not: what the "no header" message shows
/// import's guesses from.
pub fn nearest(table: &Table, maps: &[Mapping]) -> Option<Header> {
    best_row(table, maps, false)
}

fn best_row(table: &Table, maps: &[Mapping], accepted: bool) -> Option<Header> {
    let mut best: Option<Header> = None;
    for (i, row) in table.rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let mut header = columns_of(i, row, maps, table);
        if let Some(two) = two_rows(table, i) {
            let mut h2 = columns_of(i + 1, &two, maps, table);
            h2.top = i;
            if h2.accepted()
                && h2.score() >= header.score()
                && h2.columns.len() > header.columns.len()
            {
                header = h2;
            }
        }
        if accepted && !header.accepted() || header.score() == 0 {
            continue;
        }
        if best.as_ref().is_none_or(|b| header.score() > b.score()) {
            best = Some(header);
        }
    }
    best
}

/// Reads one row as a header: each cell's guesses, settled by the cells under it, then each
/// field given to the surest column (a field read once goes to one column; updates may come
/// from several).
fn columns_of(index: usize, row: &super::table::Row, maps: &[Mapping], table: &Table) -> Header {
    let mut columns: Vec<Column> = Vec::new();
    let mut all: Vec<Vec<Guess>> = Vec::new();
    for (grid, cell) in row.cells.iter().enumerate() {
        if cell.span == 0 || cell.merged_from_above {
            continue;
        }
        let text = normalise(&cell.text).replace('\n', " ");
        if text.is_empty() {
            continue;
        }
        let by_map = maps.iter().rev().find(|m| key(&m.header) == key(&text));
        let (guessed, note) = match by_map {
            Some(m) => (
                vec![Guess {
                    field: m.field,
                    confidence: 100,
                }],
                None,
            ),
            None => {
                let (gs, note) = settle(guesses(&text), || {
                    sample(table, index, grid, cell.span.max(1))
                });
                grouping(gs, note, table, index, grid)
            }
        };
        columns.push(Column {
            index: grid,
            span: cell.span.max(1),
            header: text,
            field: None,
            date: None,
            why: None,
            mapped: by_map.is_some(),
            confidence: None,
            guess: None,
            note,
        });
        all.push(guessed);
    }
    // every reading above the floor, surest first (a --map before all), then left to right
    let mut claims: Vec<(u16, usize, Guess)> = Vec::new();
    for (ci, gs) in all.iter().enumerate() {
        for g in gs.iter().filter(|g| g.confidence >= vocabulary::FLOOR) {
            let rank = if columns[ci].mapped {
                1000
            } else {
                u16::from(g.confidence)
            };
            claims.push((rank, ci, *g));
        }
    }
    claims.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.field.cmp(&b.2.field))
    });
    for (_, ci, g) in &claims {
        if columns[*ci].field.is_some() {
            continue;
        }
        let taken = !g.field.repeatable() && columns.iter().any(|c| c.field == Some(g.field));
        if !taken {
            columns[*ci].field = Some(g.field);
            columns[*ci].confidence = Some(g.confidence);
        }
    }
    for (ci, gs) in all.iter().enumerate() {
        let c = &columns[ci];
        if c.field.is_some() {
            continue;
        }
        let why;
        let mut guess = None;
        match gs.first() {
            Some(g) if g.confidence >= vocabulary::FLOOR => {
                let first = columns
                    .iter()
                    .find(|o| o.field == Some(g.field))
                    .map_or("", |o| o.header.as_str());
                why = format!("{} is already read from \"{first}\"", g.field.name());
            }
            Some(g) => {
                why = format!(
                    "perhaps {} ({}% sure): too unsure to read it; if it is, --map '{}={}'",
                    g.field.name(),
                    g.confidence,
                    c.header,
                    g.field.name()
                );
                guess = Some(*g);
            }
            None => why = "not a field planlint knows; name one with --map".to_string(),
        }
        columns[ci].why = Some(match &columns[ci].note {
            Some(n) => format!("{why} ({n})"),
            None => why,
        });
        columns[ci].guess = guess;
    }
    // an id column with nothing in it: Word numbers the rows itself (automatic numbering is
    // not in the cells' text), so the actions are numbered in order, as when there is no column
    let filled = |c: &Column| sample(table, index, c.index, c.span).len();
    let titles = columns
        .iter()
        .find(|c| c.field == Some(Field::Title))
        .map_or(0, filled);
    if let Some(c) = columns
        .iter_mut()
        .find(|c| c.field == Some(Field::Id) && !c.mapped)
    {
        if titles >= 2 && sample(table, index, c.index, c.span).is_empty() {
            c.field = None;
            c.confidence = None;
            c.why = Some(
                "its cells are empty (numbered by Word itself, not in the text): the actions are numbered 1, 2, 3… in order".to_string(),
            );
        }
    }
    for c in &mut columns {
        if c.field == Some(Field::Update) {
            c.date = match row.cells.get(c.index).and_then(|cell| cell.date) {
                // a date cell heading a column ("Oct-16", stored as 2016-10-01) names its month
                Some(d) => month_end(d),
                None => header_date(&c.header),
            };
        }
    }
    Header {
        row: index,
        top: index,
        columns,
    }
}

/// A header of two rows read as one: cells spanning several columns ("Progress update") with
/// the row under them naming each column ("June 2016", "December 2016") become "Progress
/// update June 2016" and "Progress update December 2016". `None` unless every cell of the
/// second row lies under a spanning cell of the first (the others merge down from above).
fn two_rows(table: &Table, i: usize) -> Option<super::table::Row> {
    let top = table.rows.get(i)?;
    let next = table.rows.get(i + 1)?;
    let spans: Vec<(usize, usize)> = top
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| c.span > 1 && !c.is_blank() && !c.merged_from_above)
        .map(|(g, c)| (g, c.span))
        .collect();
    if spans.is_empty() {
        return None;
    }
    let own = |c: &super::table::Cell| !c.is_blank() && !c.merged_from_above && c.span > 0;
    let mut any = false;
    for (g, c) in next.cells.iter().enumerate() {
        if !own(c) {
            continue;
        }
        if !spans.iter().any(|(s, n)| g >= *s && g < s + n) || c.text.chars().count() > 60 {
            return None;
        }
        any = true;
    }
    if !any {
        return None;
    }
    let mut row = top.clone();
    for &(start, span) in &spans {
        let parent = normalise(&top.cells[start].text).replace('\n', " ");
        for g in start..(start + span).min(row.cells.len()) {
            let (text, width) = match next.cells.get(g).filter(|c| own(c)) {
                Some(sub) => (
                    format!("{parent} {}", normalise(&sub.text).replace('\n', " ")),
                    sub.span,
                ),
                None if g == start => (parent.clone(), 1),
                None => (String::new(), 1),
            };
            row.cells[g] = super::table::Cell {
                span: width,
                ..super::table::Cell::text(text)
            };
        }
        // cells a sub cell spans over are its own
        let mut g = start;
        while g < (start + span).min(row.cells.len()) {
            let w = row.cells[g].span.max(1);
            for k in g + 1..(g + w).min(row.cells.len()) {
                row.cells[k] = super::table::Cell {
                    span: 0,
                    ..super::table::Cell::default()
                };
            }
            g += w;
        }
    }
    Some(row)
}

/// The texts (and whether each is a spreadsheet date) of a column's first cells under a
/// header row, as written (trimmed, not copied).
fn sample(table: &Table, header_row: usize, grid: usize, span: usize) -> Vec<(&str, bool)> {
    table
        .rows
        .iter()
        .skip(header_row + 1)
        .take(vocabulary::SAMPLE_ROWS)
        .filter_map(|r| {
            r.cells
                .iter()
                .skip(grid)
                .take(span)
                // a banner spanning the row is no value of the column
                .find(|c| !c.is_blank() && !c.merged_from_above && c.span <= span)
                .map(|c| (c.text.trim(), c.date.is_some()))
        })
        .collect()
}

/// An "Outcome" column whose cells are merged down over several actions groups them: it is
/// their section (an action's own outcomes are its own cells).
fn grouping(
    mut gs: Vec<Guess>,
    note: Option<String>,
    table: &Table,
    header_row: usize,
    grid: usize,
) -> (Vec<Guess>, Option<String>) {
    if gs.first().map(|g| g.field) != Some(Field::Outcomes) {
        return (gs, note);
    }
    let (mut own, mut merged) = (0usize, 0usize);
    for r in table
        .rows
        .iter()
        .skip(header_row + 1)
        .take(vocabulary::SAMPLE_ROWS)
    {
        match r.cells.get(grid) {
            Some(c) if c.merged_from_above && !c.is_blank() => merged += 1,
            Some(c) if !c.is_blank() => own += 1,
            _ => {}
        }
    }
    if own < 2 || merged < own {
        return (gs, note);
    }
    gs.retain(|g| g.field != Field::Section);
    for g in gs.iter_mut().filter(|g| g.field == Field::Outcomes) {
        g.confidence = g.confidence.min(50);
    }
    gs.insert(
        0,
        Guess {
            field: Field::Section,
            confidence: 80,
        },
    );
    (
        gs,
        Some("its cells are merged down over several actions: they group them".to_string()),
    )
}

/// A header's guesses settled by its cells: a "Status" column of R/A/G is the rating; a
/// "Target" of dates is the due date, of sentences the outcomes.
fn settle<'t>(
    mut gs: Vec<Guess>,
    cells: impl FnOnce() -> Vec<(&'t str, bool)>,
) -> (Vec<Guess>, Option<String>) {
    let has = |gs: &[Guess], f: Field| {
        gs.iter()
            .any(|g| g.field == f && g.confidence >= vocabulary::FLOOR)
    };
    let any = |gs: &[Guess], f: Field| gs.iter().any(|g| g.field == f);
    let first = gs.first().map(|g| g.field);
    // the questions the cells can answer for this header; none, and they are not read
    let rating = has(&gs, Field::Status) && !has(&gs, Field::Rag);
    let target = any(&gs, Field::Due) && any(&gs, Field::Outcomes);
    let priority = first == Some(Field::Section);
    let percent = first == Some(Field::Update);
    if !(rating || target || priority || percent) {
        return (gs, None);
    }
    let cells = cells();
    let n = cells.len();
    if n < 2 {
        return (gs, None);
    }
    let most = |k: usize| k * 10 >= n * 6;
    let count = |words: &[&str]| {
        cells
            .iter()
            .filter(|(t, _)| words.contains(&key(t).as_str()))
            .count()
    };
    let set = |gs: &mut Vec<Guess>, field: Field, confidence: u8| match gs
        .iter_mut()
        .find(|g| g.field == field)
    {
        Some(g) => g.confidence = confidence,
        None => gs.push(Guess { field, confidence }),
    };
    let mut note = None;
    if rating && most(count(vocabulary::RATING_WORDS)) {
        set(&mut gs, Field::Rag, 90);
        set(&mut gs, Field::Status, 50);
        note = Some("its cells are ratings".to_string());
    }
    if target {
        let dates = cells
            .iter()
            .filter(|(t, d)| *d || timescale::parse(t).is_ok())
            .count();
        let prose = cells
            .iter()
            .filter(|(t, d)| {
                !*d && t.split_whitespace().count() >= 5 && timescale::parse(t).is_err()
            })
            .count();
        if most(dates) {
            set(&mut gs, Field::Due, 90);
            note = Some("its cells are dates".to_string());
        } else if most(prose) {
            set(&mut gs, Field::Outcomes, 85);
            set(&mut gs, Field::Due, 40);
            note = Some("its cells are sentences, not dates".to_string());
        }
    }
    if priority && most(count(vocabulary::PRIORITY_WORDS)) {
        set(&mut gs, Field::Section, 30);
        note = Some("its cells are priorities (High, Medium, Low), not sections".to_string());
    }
    let percents = || {
        cells
            .iter()
            .filter(|(t, _)| t.trim().ends_with('%') && t.trim().chars().count() <= 5)
            .count()
    };
    if percent && most(percents()) {
        set(&mut gs, Field::Update, 30);
        note = Some("its cells are percentages, not progress text".to_string());
    }
    gs.sort_by(|a, b| b.confidence.cmp(&a.confidence).then(a.field.cmp(&b.field)));
    (gs, note)
}

/// A Word table that is one action's card (a row per field: "Action ref | 1.1", "Action |
/// …", "Lead officer | …") laid out as a table of one action: the labels its header row, the
/// values its one row. `None` unless every row is a label and a value and the labels read as a
/// header naming the action and two more fields.
pub fn card(table: &Table, maps: &[Mapping]) -> Option<Table> {
    use super::table::{Cell, Row};
    if table.rows.len() < 3 || table.sheet.is_some() {
        return None;
    }
    let mut labels = Row {
        number: 1,
        cells: Vec::new(),
    };
    let mut values = Row {
        number: 2,
        cells: Vec::new(),
    };
    for r in &table.rows {
        let own: Vec<&Cell> = r.cells.iter().filter(|c| c.span > 0).collect();
        match own.as_slice() {
            [label, value] if !label.is_blank() => {
                labels.cells.push(Cell::text(label.text.clone()));
                values.cells.push(Cell {
                    span: 1,
                    merged_from_above: false,
                    ..(*value).clone()
                });
            }
            _ => return None,
        }
    }
    let t = Table {
        rows: vec![labels, values],
        ..table.clone()
    };
    let h = find(&t, maps)?;
    (h.fields().len() >= 3).then_some(t)
}

/// The texts of a table's first non-blank rows, for the "no header found" message.
pub fn first_rows(table: &Table, rows: usize) -> Vec<Vec<String>> {
    table
        .rows
        .iter()
        .filter(|r| !r.is_blank())
        .take(rows)
        .map(|r| {
            r.cells
                .iter()
                .filter(|c| !c.is_blank() && !c.merged_from_above)
                .map(|c| super::table::short(&c.text, 40))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seed_header_is_recognised() {
        // Bedfordshire and Luton
        for (h, f) in [
            ("No.", Field::Id),
            ("RAG", Field::Rag),
            ("Action ", Field::Title),
            ("Timescale ", Field::Due),
            ("Led By", Field::Leads),
            ("UPDATE NOVEMBER 2015", Field::Update),
            ("UPDATE NOV 2015", Field::Update),
            ("Outcomes", Field::Outcomes),
            // Bexley
            ("Actions to Date", Field::Update),
            ("Follow up", Field::NextSteps),
            // Nottinghamshire
            ("Time-scale ", Field::Due),
            (
                "Summary progress against actions (include outcome measures where relevant)",
                Field::Update,
            ),
            ("Red/Amber/Green (RAG)", Field::Rag),
            // Pan-Lancashire
            ("Action – Activity – Milestone", Field::Title),
            ("Lead", Field::Leads),
            ("Outcome/progress", Field::Update),
            ("RAG Status", Field::Rag),
            // the list
            ("Ref", Field::Id),
            ("Action No", Field::Id),
            ("ID", Field::Id),
            ("Description", Field::Title),
            ("Target date", Field::Due),
            ("Deadline", Field::Due),
            ("Owner", Field::Leads),
            ("Responsible", Field::Leads),
            ("Status (RAG)", Field::Rag),
            ("Rating", Field::Rag),
            ("Status", Field::Status),
            ("Progress at Q2", Field::Update),
            ("Expected outcome", Field::Outcomes),
            ("Workstream", Field::Section),
            ("Priority area", Field::Section),
            ("Theme", Field::Theme),
            ("Working with", Field::Partners),
            ("Local or countywide", Field::Scope),
            ("Updated on", Field::UpdateDate),
        ] {
            assert_eq!(recognise(h), Some(f), "{h}");
        }
        assert_eq!(recognise("Bexley action plan"), None);
        assert_eq!(recognise("Notes"), None);
    }

    /// Headers from UK public-sector plans (NHS trusts, CCGs, councils, community safety and
    /// children's partnerships) and the field each holds.
    const REAL_WORLD: &[(&str, Field)] = &[
        ("Owner", Field::Leads),
        ("Owners", Field::Leads),
        ("Action owner", Field::Leads),
        ("Responsible officer", Field::Leads),
        ("Responsible Officer(s)", Field::Leads),
        ("Responsibility", Field::Leads),
        ("Lead agency", Field::Leads),
        ("Lead Organisation", Field::Leads),
        ("Lead organisations", Field::Leads),
        ("Lead officer", Field::Leads),
        ("Lead*", Field::Leads),
        ("Accountable officer", Field::Leads),
        ("Accountable lead", Field::Leads),
        ("Who", Field::Leads),
        ("Who will lead?", Field::Leads),
        ("Who is responsible?", Field::Leads),
        ("WHO IS RESPONSIBLE", Field::Leads),
        ("Named lead officer", Field::Leads),
        ("Lead\nofficer", Field::Leads),
        ("Deadline", Field::Due),
        ("Original Due Date", Field::BaselineDue),
        ("Original deadline", Field::BaselineDue),
        ("Baseline date", Field::BaselineDue),
        ("Deadlines", Field::Due),
        ("Due by", Field::Due),
        ("Due by:", Field::Due),
        ("By when", Field::Due),
        ("By when?", Field::Due),
        ("Target date", Field::Due),
        ("Target Completion Date", Field::Due),
        ("Completion date", Field::Due),
        ("Timescale¹", Field::Due),
        ("Timescales", Field::Due),
        ("Time-scale", Field::Due),
        ("When will it be completed?", Field::Due),
        ("When will it be done by?", Field::Due),
        ("Expected completion date", Field::Due),
        ("Progress", Field::Update),
        ("Progress update", Field::Update),
        ("Progress update Dec 2016", Field::Update),
        ("Comments", Field::Update),
        ("Commentary", Field::Update),
        ("Update for December", Field::Update),
        ("Comments – September 2016", Field::Update),
        ("Position statement", Field::Update),
        ("Current position", Field::Update),
        ("What progress has been made?", Field::Update),
        ("What progress has been made by June 2016?", Field::Update),
        ("What have we done so far? (January 2017)", Field::Update),
        ("Progress comments", Field::Update),
        ("RAG", Field::Rag),
        ("RAG status", Field::Rag),
        ("BRAG", Field::Rag),
        ("BRAG rating", Field::Rag),
        ("How are we doing? (RAG)", Field::Rag),
        ("Are we on track?", Field::Rag),
        ("Status", Field::Status),
        ("Action status", Field::Status),
        ("Reference", Field::Id),
        ("Ref", Field::Id),
        ("Ref.", Field::Id),
        ("Ref No.", Field::Id),
        ("Reference number", Field::Id),
        ("#", Field::Id),
        ("Action", Field::Title),
        ("Actions required", Field::Title),
        ("Action to be taken", Field::Title),
        ("Key actions", Field::Title),
        ("What are we going to do?", Field::Title),
        ("What will we do?", Field::Title),
        ("Deliverable", Field::Title),
        ("Outcomes", Field::Outcomes),
        ("Outcome(s)", Field::Outcomes),
        ("Expected outcomes", Field::Outcomes),
        ("Success measures", Field::Outcomes),
        ("Success measure", Field::Outcomes),
        ("Measures of success", Field::Outcomes),
        ("Evidence", Field::Outcomes),
        ("Evidence of impact", Field::Outcomes),
        ("How will we know we have succeeded?", Field::Outcomes),
        ("How will we know it has worked?", Field::Outcomes),
        ("Partners", Field::Partners),
        ("Key partners", Field::Partners),
        ("Supporting organisations", Field::Partners),
        ("Supported by", Field::Partners),
        ("Partner agencies", Field::Partners),
        ("Priority", Field::Section),
        ("Workstream", Field::Section),
        ("Work stream", Field::Section),
        ("Theme", Field::Theme),
        ("Key theme", Field::Theme),
        ("Next steps", Field::NextSteps),
        ("Date of last update", Field::UpdateDate),
        ("Code", Field::Id),
        ("Assigned To", Field::Leads),
        ("Latest Note", Field::Update),
        ("Latest Note Date", Field::UpdateDate),
        ("Progress Date", Field::UpdateDate),
        ("Impact measure", Field::Outcomes),
        ("Executive lead", Field::Leads),
        ("SRO / lead", Field::Leads),
        ("Key actions", Field::Title),
        ("Accountable lead", Field::Leads),
        ("Q1", Field::Update),
        ("Update (as at 31 October 2017)", Field::Update),
        ("Completed? (Yes/No)", Field::Status),
        ("R/A/G", Field::Rag),
        ("Red/Amber/Green", Field::Rag),
        ("Position at December 2016", Field::Update),
        ("Comments December 2016", Field::Update),
        ("Update December 2016", Field::Update),
        ("Action no.", Field::Id),
        ("Revised deadline", Field::Due),
        ("Milestone date", Field::Due),
        ("Lead(s)", Field::Leads),
        ("Lead agency/partner", Field::Leads),
        ("Evidence of completion", Field::Outcomes),
        ("Name of lead officer", Field::Leads),
        ("Status: Open/Closed", Field::Status),
    ];

    #[test]
    fn real_world_headers_are_read_by_meaning() {
        assert!(REAL_WORLD.len() >= 60);
        let mut wrong = Vec::new();
        for (h, f) in REAL_WORLD {
            let g = guesses(h);
            if recognise(h) != Some(*f) {
                wrong.push(format!("{h:?}: {g:?}, expected {}", f.name()));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn confidence_says_how_plain_the_name_is() {
        let sure = |h: &str| guesses(h).first().map(|g| g.confidence);
        assert_eq!(sure("Owner"), Some(100));
        assert_eq!(sure("Lead*"), Some(100));
        assert_eq!(sure("Owners:"), Some(100));
        assert_eq!(sure("Responsibilities"), Some(95));
        assert!(sure("Named lead officer").is_some_and(|n| (60..95).contains(&n)));
        // a guess too unsure to read: shown, not used
        assert!(sure("Officer").is_some_and(|n| n < vocabulary::FLOOR));
        assert_eq!(recognise("Officer"), None);
    }

    #[test]
    fn headers_that_name_nothing() {
        for h in [
            "Notes",
            "Bexley action plan",
            "Budget",
            "Cost",
            "Resources required",
            "Risks",
            "Page 3 of 12",
            "",
            "By",
            "Person",
            "Westshire crisis care action plan 2016/17",
            "Updated by",
            "Timescale start",
            "Completed in December 2016.",
            "% complete",
            "Percentage complete",
            "Budget",
            "Risks",
            "Baseline",
            "This plan was agreed by the Health and Wellbeing Board in March 2016 and is reviewed quarterly by the partnership",
        ] {
            assert_eq!(recognise(h), None, "{h}: {:?}", guesses(h));
        }
    }

    /// An original date beside the due date is the baseline, never the due date (these two
    /// named nothing before `baseline_due` was a field).
    #[test]
    fn original_dates_are_the_baseline_not_the_due_date() {
        for h in ["Original due date", "Original deadline"] {
            assert_eq!(
                recognise(h),
                Some(Field::BaselineDue),
                "{h}: {:?}",
                guesses(h)
            );
            assert!(guesses(h).iter().all(|g| g.field != Field::Due), "{h}");
        }
    }

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            index: 1,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| super::super::table::Row {
                    number: i + 1,
                    cells: r
                        .iter()
                        .map(|t| super::super::table::Cell::text(*t))
                        .collect(),
                })
                .collect(),
            ..Table::default()
        }
    }

    #[test]
    fn cells_settle_what_a_header_means() {
        // a Status column of R/A/G is the rating
        let t = table(&[
            &["Ref", "Action", "Status"],
            &["1", "Open the café", "G"],
            &["2", "Train staff", "A"],
            &["3", "Run the line", "Red"],
        ]);
        let h = find(&t, &[]).expect("a header");
        assert_eq!(h.columns[2].field, Some(Field::Rag));
        assert_eq!(h.columns[2].confidence, Some(90));
        assert_eq!(h.columns[2].note.as_deref(), Some("its cells are ratings"));
        // a Target of dates is due, of sentences the outcomes
        let t = table(&[
            &["Ref", "Action", "Target"],
            &["1", "Open the café", "March 2017"],
            &["2", "Train staff", "Q3 2016/17"],
        ]);
        assert_eq!(find(&t, &[]).expect("h").columns[2].field, Some(Field::Due));
        let t = table(&[
            &["Ref", "Action", "Target"],
            &[
                "1",
                "Open the café",
                "Fewer people detained in police cells each year",
            ],
            &[
                "2",
                "Train staff",
                "Every practice has a trained member of staff",
            ],
        ]);
        assert_eq!(
            find(&t, &[]).expect("h").columns[2].field,
            Some(Field::Outcomes)
        );
        // an Objective beside an Action groups the actions (their section); alone it is the
        // action
        let t = table(&[&["Objective", "Action", "Lead"], &["Access", "Open", "CCG"]]);
        let h = find(&t, &[]).expect("h");
        assert_eq!(
            (h.columns[0].field, h.columns[1].field),
            (Some(Field::Section), Some(Field::Title))
        );
        // beside a section column too, a theme
        let t = table(&[
            &["Workstream", "Objective", "Action", "Lead"],
            &["Access", "Faster", "Open", "CCG"],
        ]);
        assert_eq!(
            find(&t, &[]).expect("h").columns[1].field,
            Some(Field::Theme)
        );
        let t = table(&[
            &["Objective", "Lead", "Deadline"],
            &["Open", "CCG", "May 2016"],
        ]);
        assert_eq!(
            find(&t, &[]).expect("h").columns[0].field,
            Some(Field::Title)
        );
        // an unsure column is left out with its guess
        let t = table(&[&["Ref", "Action", "Officer"], &["1", "Open", "Ann"]]);
        let h = find(&t, &[]).expect("h");
        assert_eq!(h.columns[2].field, None);
        assert!(
            h.columns[2]
                .why
                .as_deref()
                .is_some_and(|w| w.starts_with("perhaps leads (")
                    && w.ends_with("if it is, --map 'Officer=leads'")),
            "{:?}",
            h.columns[2].why
        );
    }

    #[test]
    fn a_header_over_two_rows_reads_as_one() {
        let mut t = table(&[
            &["Ref", "Action", "Progress update", "", "RAG"],
            &["", "", "June 2016", "December 2016", ""],
            &["1", "Open", "Found a venue", "Opened", "G"],
        ]);
        t.rows[0].cells[2].span = 2;
        t.rows[0].cells[3].span = 0;
        for i in [0, 1, 4] {
            t.rows[1].cells[i] = super::super::table::Cell {
                merged_from_above: true,
                ..t.rows[0].cells[i].clone()
            };
        }
        let h = find(&t, &[]).expect("h");
        assert_eq!((h.top, h.row), (0, 1));
        let dated: Vec<(&str, Option<NaiveDate>)> = h
            .columns
            .iter()
            .filter(|c| c.field == Some(Field::Update))
            .map(|c| (c.header.as_str(), c.date))
            .collect();
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(
            dated,
            [
                ("Progress update June 2016", d("2016-06-30")),
                ("Progress update December 2016", d("2016-12-31"))
            ]
        );
    }

    #[test]
    fn an_empty_id_column_is_numbered_in_order() {
        let t = table(&[
            &["No.", "Action", "Lead"],
            &["", "Open", "CCG"],
            &["", "Train", "LA"],
        ]);
        let h = find(&t, &[]).expect("h");
        assert_eq!(h.columns[0].field, None);
        assert!(h.columns[0]
            .why
            .as_deref()
            .is_some_and(|w| w.contains("numbered by Word")));
    }

    #[test]
    fn an_action_card_is_a_table_of_one_action() {
        let t = table(&[
            &["Action ref", "1.1"],
            &["Action", "Clear the backlog"],
            &["Lead officer", "Head of SEND"],
            &["Progress (January 2017)", "Pilot running"],
        ]);
        let c = card(&t, &[]).expect("a card");
        assert_eq!(c.rows.len(), 2);
        let h = find(&c, &[]).expect("h");
        assert_eq!(
            h.fields(),
            [Field::Id, Field::Title, Field::Leads, Field::Update]
        );
        assert_eq!(c.rows[1].cells[1].text, "Clear the backlog");
        // a table of notes is no card
        let t = table(&[&["Key", "Red"], &["A", "Amber"], &["G", "Green"]]);
        assert!(card(&t, &[]).is_none());
    }

    #[test]
    fn quarters_and_month_cells_date_update_columns() {
        let t = table(&[
            &["Ref", "Action", "Priority"],
            &["1", "Open", "High"],
            &["2", "Train", "Low"],
        ]);
        let h = find(&t, &[]).expect("h");
        assert_eq!(h.columns[2].field, None);
        assert!(h.columns[2]
            .why
            .as_deref()
            .is_some_and(|w| w.contains("priorities")));
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(header_date("Progress 2017/18 Q1"), d("2017-06-30"));
        assert_eq!(recognise("Q1"), Some(Field::Update));
        assert_eq!(recognise("June 2016"), Some(Field::Update));
        assert_eq!(
            month_end(NaiveDate::from_ymd_opt(2016, 12, 1).expect("d")),
            d("2016-12-31")
        );
        // a start date is not when an action is due, nor a percentage its progress
        assert_eq!(recognise("Timescale start"), None);
        assert_eq!(recognise("Timescale end"), Some(Field::Due));
        let t = table(&[
            &["Ref", "Action", "Progress"],
            &["1", "Open", "70%"],
            &["2", "Train", "15%"],
        ]);
        assert_eq!(find(&t, &[]).expect("h").columns[2].field, None);
    }

    #[test]
    fn two_plain_fields_make_a_header_two_vague_ones_do_not() {
        let t = table(&[
            &["Item ref.", "What we will do", "By", "Person"],
            &["1", "Do", "May", "Team"],
        ]);
        assert!(find(&t, &[]).is_none());
        assert!(nearest(&t, &[]).is_some());
        let t = table(&[&["What", "Who", "When"], &["Do", "Team", "May 2016"]]);
        assert_eq!(find(&t, &[]).expect("h").fields().len(), 3);
    }

    #[test]
    fn update_headers_name_their_month() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(header_date("UPDATE NOVEMBER 2015"), d("2015-11-30"));
        assert_eq!(header_date("UPDATE NOV 2015"), d("2015-11-30"));
        assert_eq!(header_date("Update (Sept 15)"), d("2015-09-30"));
        assert_eq!(header_date("Update 30/11/2015"), d("2015-11-30"));
        assert_eq!(header_date("Actions to Date"), None);
        assert_eq!(
            header_date(
                "Summary progress against actions (include outcome measures where relevant)"
            ),
            None
        );
    }

    #[test]
    fn map_reads_header_and_field() {
        let m = Mapping::parse("Task = title").unwrap();
        assert_eq!((m.header.as_str(), m.field), ("Task", Field::Title));
        assert!(Mapping::parse("Task").unwrap_err().contains("HEADER=FIELD"));
        let e = Mapping::parse("Task=titel").unwrap_err();
        assert!(
            e.contains("`titel` is not a field") && e.contains("next_steps"),
            "{e}"
        );
    }
}
