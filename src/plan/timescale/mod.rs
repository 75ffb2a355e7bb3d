//! Timescales: the `due` texts real plans use ("Sept 15", "15-16", "From Dec 2014 to March
//! 2015", "Ongoing", ".") read into a date interval. Pure (no clock, no I/O) and fuzzed
//! (`fuzz/fuzz_targets/timescale.rs`).
//!
//! Reading is a hand-written tokeniser and a small grammar, not regular expressions: it runs on
//! every action of every check (50,000 in the benchmark), and a token stream makes the
//! combinations the seeds use ("Sep 15 Review March 2016 Implementation in Full") easy to say.
//!
//! 1. Tokens: numbers, words (lower case), dashes (`-`, en and em dashes), `/` and `&`;
//!    everything else, HTML tags from Word exports included, separates tokens.
//! 2. Items: a date expression (a day, month, year, financial year, quarter), a month still
//!    waiting for its year ("January" in "January-July 2015"), a connector (`to`, a dash, `/`,
//!    `&`, `and`, `until`) or a marker word (`from`, `review`, `ongoing`, `TBC`, …). A small
//!    list of filler words ("in full", "by", "end of") is skipped; any other word makes the text
//!    unreadable, because a timescale must never be silently treated as "not due" (docs/plan-format.md).
//! 3. Combination: `date connector date` is a range; several dates without a connector are
//!    stages (a review, then completion) and the timescale runs from the first to the last;
//!    markers decide the kind.

mod words;

use chrono::{Datelike, NaiveDate};
use std::fmt;
use words::{month_name, month_number, word_item};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimescaleKind {
    /// A single day: a TOML date, `2015-06-30`, `30/06/2015`, `30th June 2015`.
    Date,
    /// A calendar month: `June 2015`, `Sept 15`, `Dec\n2016`.
    Month,
    /// A calendar year: `2017`.
    Year,
    /// A UK financial year, 1 April to 31 March: `15-16`, `2015/16`, `FY15/16`.
    FinancialYear,
    /// A financial quarter: `Q1 2015/16` (Q1 = April to June … Q4 = January to March).
    Quarter,
    /// A start and no end: `From Jan 2015`, `April 2015 onwards`.
    From,
    /// An interval due at its end: `January-July 2015`, `From Dec 2014 to March 2015`, stages
    /// such as `Sep 2015 March 2016`, and multi-year financial spans such as `2015-17`.
    Range,
    /// A review point, due then: `Review Sep 2015`, `Monthly with Sep 15 Review`.
    Review,
    /// Continuing with no due date: `Ongoing`, `Monthly`, `Ongoing – timescales to be confirmed`.
    Ongoing,
    /// Deliberately no due date: `By exception`, `TBC`.
    NoDate,
    /// Blank: ``, `.`, `-`, `n/a`.
    Missing,
}

/// A `due` value read as an interval. `due` is the date the action is due by (the end of the
/// month, year or range); `start` is where the interval begins, when the text says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timescale {
    pub kind: TimescaleKind,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    /// The work continues after `due` (or has no due date at all): `June 2015 (& ongoing)`.
    pub ongoing: bool,
}

impl Timescale {
    /// No due date by design: ongoing, or started with no end (`From Jan 2015`).
    pub fn is_open_ended(&self) -> bool {
        self.ongoing || self.kind == TimescaleKind::From
    }

    /// The earliest date the timescale names (its start, else its due date).
    pub fn earliest(&self) -> Option<NaiveDate> {
        self.start.or(self.due)
    }

    /// The latest date the timescale names (its due date, else its start).
    pub fn latest(&self) -> Option<NaiveDate> {
        self.due.or(self.start)
    }
}

/// Why a timescale text could not be read; `reason` completes "cannot read timescale …: ".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unparsed {
    pub reason: String,
}

impl fmt::Display for Unparsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for Unparsed {}

/// The forms `parse` reads, for help texts.
pub const ACCEPTED_FORMS: &str = "a date (2016-03-31), a month (\"March 2016\", \"Sept 15\"), \
a year (\"2017\"), a financial year (\"2015/16\", \"15-16\"), a quarter (\"Q4 2015/16\"), a range \
(\"January-July 2015\", \"From Dec 2014 to March 2015\"), \"From Jan 2015\", \"Review Sep 2015\", \
\"June 2015 (& ongoing)\", \"Ongoing\", \"By exception\" or \"TBC\"";

/// A TOML date: that day.
pub fn from_date(d: NaiveDate) -> Timescale {
    Timescale {
        kind: TimescaleKind::Date,
        start: Some(d),
        due: Some(d),
        ongoing: false,
    }
}

/// Reads a timescale text. Case-insensitive; whitespace, line breaks and HTML tags separate
/// words. Never panics.
pub fn parse(text: &str) -> Result<Timescale, Unparsed> {
    let lower = text.to_lowercase();
    let toks = tokenise(&lower);
    let mut words = toks.iter().filter_map(|t| match t {
        Tok::Word(w) | Tok::Num(w) => Some(*w),
        _ => None,
    });
    let first_three = (words.next(), words.next(), words.next());
    // a blank cell, ".", "-", "n/a": nothing was written
    if matches!(
        first_three,
        (None, _, _) | (Some("n"), Some("a"), None) | (Some("na" | "none" | "nil"), None, _)
    ) {
        return Ok(Timescale {
            kind: TimescaleKind::Missing,
            start: None,
            due: None,
            ongoing: false,
        });
    }
    let items = read_items(&toks)?;
    combine(items)
}

/// A timescale text on one line, for messages: `"Dec\n2016"` is shown as `"Dec 2016"`.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True for a timescale still to be settled ("TBC", "to be confirmed", "TBA"), as opposed to
/// one with no due date by design ("By exception"): `missing-timescale` reports the first.
pub fn is_to_be_confirmed(text: &str) -> bool {
    let lower = text.to_lowercase();
    tokenise(&lower).iter().any(|t| {
        matches!(
            t,
            Tok::Word("tbc" | "tba" | "tbd" | "confirmed" | "agreed" | "determined")
        )
    })
}

fn fail<T>(reason: impl Into<String>) -> Result<T, Unparsed> {
    Err(Unparsed {
        reason: reason.into(),
    })
}

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    /// A run of ASCII digits, as written (so "06" keeps its length).
    Num(&'a str),
    /// A run of letters.
    Word(&'a str),
    Dash,
    Slash,
    Amp,
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
    )
}

fn tokenise(s: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = iter.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = j + d.len_utf8();
                iter.next();
            }
            toks.push(Tok::Num(&s[i..end]));
        } else if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                end = j + d.len_utf8();
                iter.next();
            }
            toks.push(Tok::Word(&s[i..end]));
        } else if is_dash(c) {
            toks.push(Tok::Dash);
        } else if c == '/' {
            toks.push(Tok::Slash);
        } else if c == '.'
            && matches!(toks.last(), Some(Tok::Num(_)))
            && s[i + 1..].starts_with(|d: char| d.is_ascii_digit())
        {
            // 31.03.2016, as some templates write dates
            toks.push(Tok::Slash);
        } else if c == '&' || c == '+' {
            toks.push(Tok::Amp);
        } else if c == '<' {
            // an HTML tag from a Word or web export (`<p>`, `</i>`): skip it whole
            let rest = &s[i + 1..];
            let tag_like = rest.starts_with(|d: char| d.is_ascii_alphabetic() || d == '/');
            if let Some(close) = rest.find('>').filter(|_| tag_like) {
                if !rest[..close].contains('<') {
                    let end = i + 1 + close;
                    while iter.peek().is_some_and(|&(j, _)| j <= end) {
                        iter.next();
                    }
                }
            }
        }
        // anything else (space, line break, punctuation) only separates tokens
    }
    toks
}

// ---------------------------------------------------------------------------------------------
// Items

/// A date expression read to its interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Interval {
    start: NaiveDate,
    end: NaiveDate,
    kind: TimescaleKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Interval(Interval),
    /// A month (or day of a month) whose year comes from the other end of a range.
    Pending {
        month: u32,
        day: Option<u32>,
    },
    /// `to`, `until`, `and`, a dash, `/` or `&`: joins two dates into a range.
    Conn,
    From,
    Review,
    Ongoing,
    /// `Monthly`, `Quarterly`: a recurring activity.
    Recurring,
    /// `TBC`, `to be confirmed`, `by exception`.
    NoDate,
}

fn num<'a>(toks: &[Tok<'a>], i: usize) -> Option<&'a str> {
    match toks.get(i) {
        Some(Tok::Num(n)) => Some(n),
        _ => None,
    }
}

fn value(n: &str) -> u32 {
    // callers check the length first; a long run of digits never reaches here as a value
    n.parse().unwrap_or(u32::MAX)
}

fn word_at<'a>(toks: &[Tok<'a>], i: usize) -> Option<&'a str> {
    match toks.get(i) {
        Some(Tok::Word(w)) => Some(w),
        _ => None,
    }
}

fn is_ordinal(w: Option<&str>) -> bool {
    matches!(w, Some("st" | "nd" | "rd" | "th"))
}

/// A year written with two or four digits (`15` is 2015).
fn year(n: &str) -> Result<i32, Unparsed> {
    let y = match n.len() {
        2 => 2000 + value(n),
        4 => value(n),
        _ => return fail(format!("\"{n}\" is not a year: write it as 2015")),
    };
    if !(1900..=2199).contains(&y) {
        return fail(format!("{y} is not a plausible year"));
    }
    Ok(y as i32)
}

fn ymd(y: i32, m: u32, d: u32) -> Result<NaiveDate, Unparsed> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| Unparsed {
        reason: if (1..=12).contains(&m) {
            format!("there is no day {d} in {} {y}", month_name(m))
        } else {
            format!("{y}-{m:02}-{d:02} is not a date")
        },
    })
}

fn month_end(y: i32, m: u32) -> Result<NaiveDate, Unparsed> {
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|d| d.pred_opt()).ok_or_else(|| Unparsed {
        reason: format!("{} {y} is not a month", month_name(m)),
    })
}

fn month_interval(y: i32, m: u32) -> Result<Interval, Unparsed> {
    Ok(Interval {
        start: ymd(y, m, 1)?,
        end: month_end(y, m)?,
        kind: TimescaleKind::Month,
    })
}

fn day_interval(y: i32, m: u32, d: u32) -> Result<Interval, Unparsed> {
    let day = ymd(y, m, d)?;
    Ok(Interval {
        start: day,
        end: day,
        kind: TimescaleKind::Date,
    })
}

/// `15-16`, `2015/16`, `2015-2016`: 1 April of the first year to 31 March of the second. A
/// longer span (`2015-17`) is the run of financial years it covers.
fn financial_years(a: &str, b: &str) -> Result<Interval, Unparsed> {
    let ya = year(a)?;
    let yb = match b.len() {
        2 => {
            let c = ya - ya.rem_euclid(100) + value(b) as i32;
            if c <= ya {
                c + 100
            } else {
                c
            }
        }
        4 => value(b) as i32,
        _ => {
            return fail(format!(
                "\"{a}/{b}\" is not a financial year: write it as 2015/16"
            ))
        }
    };
    if yb <= ya || yb - ya > 10 {
        return fail(format!(
            "\"{a}/{b}\" is not a financial year: the second year must follow the first, as in 2015/16"
        ));
    }
    Ok(Interval {
        start: ymd(ya, 4, 1)?,
        end: ymd(yb, 3, 31)?,
        kind: if yb == ya + 1 {
            TimescaleKind::FinancialYear
        } else {
            TimescaleKind::Range
        },
    })
}

/// A financial-year pair at `i` (`2015`, `/` or dash, `16`); returns it and the next index.
fn fy_pair_at(toks: &[Tok<'_>], i: usize) -> Option<(Result<Interval, Unparsed>, usize)> {
    let a = num(toks, i).filter(|n| matches!(n.len(), 2 | 4))?;
    if !matches!(toks.get(i + 1), Some(Tok::Slash | Tok::Dash)) {
        return None;
    }
    let b = num(toks, i + 2).filter(|n| matches!(n.len(), 2 | 4))?;
    Some((financial_years(a, b), i + 3))
}

/// Reads the tokens into items; fails on the first thing that is not part of a timescale.
fn read_items(toks: &[Tok<'_>]) -> Result<Vec<Item>, Unparsed> {
    let mut items = Vec::with_capacity(toks.len());
    let mut i = 0;
    while let Some(tok) = toks.get(i) {
        let (item, next) = match *tok {
            Tok::Dash | Tok::Slash | Tok::Amp => (Some(Item::Conn), i + 1),
            Tok::Num(_) => number_first(toks, i)?,
            Tok::Word(w) => {
                if let Some(m) = month_number(w) {
                    month_first(toks, i, m)?
                } else if matches!(w, "q" | "qtr" | "quarter") {
                    quarter(toks, i)?
                } else if w == "fy" {
                    match fy_pair_at(toks, i + 1) {
                        Some((iv, next)) => (Some(Item::Interval(iv?)), next),
                        None => return fail(
                            "a financial year needs both years, as in \"FY15/16\" or \"2015/16\"",
                        ),
                    }
                } else {
                    (word_item(w)?, i + 1)
                }
            }
        };
        if let Some(item) = item {
            items.push(item);
        }
        // every branch consumes at least one token, so this loop ends
        i = next.max(i + 1);
    }
    Ok(items)
}

type Read = (Option<Item>, usize);

/// A month name at `i`: `June 2015`, `Sept 15`, `June 30 2015`, or a month waiting for a year.
fn month_first(toks: &[Tok<'_>], i: usize, m: u32) -> Result<Read, Unparsed> {
    // `Apr-15`, `Mar-2016`: how spreadsheets write a month
    if toks.get(i + 1) == Some(&Tok::Dash) {
        if let Some(y) = num(toks, i + 2).filter(|y| matches!(y.len(), 2 | 4)) {
            return Ok((Some(Item::Interval(month_interval(year(y)?, m)?)), i + 3));
        }
    }
    let Some(n) = num(toks, i + 1) else {
        return Ok((
            Some(Item::Pending {
                month: m,
                day: None,
            }),
            i + 1,
        ));
    };
    let ordinal = is_ordinal(word_at(toks, i + 2));
    let after = if ordinal { i + 3 } else { i + 2 };
    // `June 30 2015`, `June 30th, 2015`
    if n.len() <= 2 {
        if let Some(y) = num(toks, after).filter(|y| y.len() == 4) {
            let iv = day_interval(year(y)?, m, value(n))?;
            return Ok((Some(Item::Interval(iv)), after + 1));
        }
        if ordinal {
            return Ok((
                Some(Item::Pending {
                    month: m,
                    day: Some(value(n)),
                }),
                after,
            ));
        }
    }
    match n.len() {
        2 | 4 => Ok((Some(Item::Interval(month_interval(year(n)?, m)?)), i + 2)),
        _ => fail(format!(
            "\"{} {n}\": write the year with two or four digits, as in \"{} 2015\"",
            month_name(m),
            month_name(m)
        )),
    }
}

/// A number at `i`: an ISO or UK date, `30th June 2015`, a financial year, or a year.
fn number_first(toks: &[Tok<'_>], i: usize) -> Result<Read, Unparsed> {
    let n = num(toks, i).unwrap_or("");
    let sep1 = toks.get(i + 1).copied();
    let short = |j: usize| num(toks, j).filter(|x| x.len() <= 2);
    // 2015-06-30
    if n.len() == 4 && sep1 == Some(Tok::Dash) && toks.get(i + 3) == Some(&Tok::Dash) {
        if let (Some(m), Some(d)) = (short(i + 2), short(i + 4)) {
            let iv = day_interval(year(n)?, value(m), value(d))?;
            return Ok((Some(Item::Interval(iv)), i + 5));
        }
    }
    if n.len() <= 2 {
        // 30/06/2015 (UK order)
        if matches!(sep1, Some(Tok::Slash | Tok::Dash)) && toks.get(i + 3) == sep1.as_ref() {
            if let (Some(m), Some(y)) = (short(i + 2), num(toks, i + 4)) {
                if matches!(y.len(), 2 | 4) {
                    let iv = day_interval(year(y)?, value(m), value(n))?;
                    return Ok((Some(Item::Interval(iv)), i + 5));
                }
            }
        }
        // 30th (of) June (2015)
        let mut j = i + 1;
        if is_ordinal(word_at(toks, j)) {
            j += 1;
        }
        if word_at(toks, j) == Some("of") {
            j += 1;
        }
        if let Some(m) = word_at(toks, j).and_then(month_number) {
            let d = value(n);
            if let Some(y) = num(toks, j + 1).filter(|y| matches!(y.len(), 2 | 4)) {
                let iv = day_interval(year(y)?, m, d)?;
                return Ok((Some(Item::Interval(iv)), j + 2));
            }
            return Ok((
                Some(Item::Pending {
                    month: m,
                    day: Some(d),
                }),
                j + 1,
            ));
        }
    }
    if let Some((iv, next)) = fy_pair_at(toks, i) {
        let iv = iv?;
        // `2015/16 Q1`
        if matches!(word_at(toks, next), Some("q" | "qtr" | "quarter")) {
            if let Some(q) = num(toks, next + 1) {
                return Ok((Some(Item::Interval(quarter_of(q, iv)?)), next + 2));
            }
        }
        return Ok((Some(Item::Interval(iv)), next));
    }
    if n.len() == 4 {
        let y = year(n)?;
        let iv = Interval {
            start: ymd(y, 1, 1)?,
            end: ymd(y, 12, 31)?,
            kind: TimescaleKind::Year,
        };
        return Ok((Some(Item::Interval(iv)), i + 1));
    }
    fail(format!(
        "\"{n}\" on its own is not a date: write a month and year (\"March 2016\") or a financial year (\"15-16\")"
    ))
}

/// `Q1 2015/16`, `Q4 15-16`, `Q2 FY15/16`.
fn quarter(toks: &[Tok<'_>], i: usize) -> Result<Read, Unparsed> {
    let Some(q) = num(toks, i + 1) else {
        return fail("a quarter needs its number and financial year, as in \"Q1 2015/16\"");
    };
    let mut j = i + 2;
    if word_at(toks, j) == Some("fy") {
        j += 1;
    }
    match fy_pair_at(toks, j) {
        Some((fy, next)) => Ok((Some(Item::Interval(quarter_of(q, fy?)?)), next)),
        None => match num(toks, j) {
            Some(y) if y.len() == 4 => fail(format!(
                "\"Q{q} {y}\" is ambiguous: write the financial year, as in \"Q{q} {y}/{:02}\"",
                (value(y) + 1) % 100
            )),
            _ => fail(format!(
                "quarter {q} needs its financial year, as in \"Q{q} 2015/16\""
            )),
        },
    }
}

fn quarter_of(q: &str, fy: Interval) -> Result<Interval, Unparsed> {
    if fy.kind != TimescaleKind::FinancialYear {
        return fail("a quarter belongs to one financial year, as in \"Q1 2015/16\"");
    }
    let y = fy.start.year();
    let (y, m) = match q {
        "1" => (y, 4),
        "2" => (y, 7),
        "3" => (y, 10),
        "4" => (y + 1, 1),
        _ => return fail(format!("there is no quarter {q}: quarters are Q1 to Q4")),
    };
    Ok(Interval {
        start: ymd(y, m, 1)?,
        end: month_end(y, m + 2)?,
        kind: TimescaleKind::Quarter,
    })
}

// ---------------------------------------------------------------------------------------------
// Combination

fn is_date(item: &Item) -> bool {
    matches!(item, Item::Interval(_) | Item::Pending { .. })
}

/// Gives a month or day without a year the year that puts it next to `other`: before it when
/// it opens a range, after it when it closes one.
fn resolve(
    month: u32,
    day: Option<u32>,
    other: Interval,
    opens: bool,
) -> Result<Interval, Unparsed> {
    let at = |y: i32| match day {
        Some(d) => day_interval(y, month, d),
        None => month_interval(y, month),
    };
    if opens {
        let y = other.start.year();
        let iv = at(y)?;
        if iv.start > other.start {
            at(y - 1)
        } else {
            Ok(iv)
        }
    } else {
        let y = other.end.year();
        let iv = at(y)?;
        if iv.end < other.end {
            at(y + 1)
        } else {
            Ok(iv)
        }
    }
}

fn range(a: Item, b: Item) -> Result<Item, Unparsed> {
    let (a, b) = match (a, b) {
        (Item::Interval(a), Item::Interval(b)) => (a, b),
        (Item::Pending { month, day }, Item::Interval(b)) => (resolve(month, day, b, true)?, b),
        (Item::Interval(a), Item::Pending { month, day }) => (a, resolve(month, day, a, false)?),
        (Item::Pending { month, .. }, _) | (_, Item::Pending { month, .. }) => {
            return fail(format!("\"{}\" has no year", month_name(month)))
        }
        _ => return fail("a range needs a date at each end"),
    };
    if b.end < a.start {
        return fail(format!(
            "the range ends ({}) before it starts ({})",
            b.end, a.start
        ));
    }
    Ok(Item::Interval(Interval {
        start: a.start,
        end: b.end,
        kind: TimescaleKind::Range,
    }))
}

fn combine(items: Vec<Item>) -> Result<Timescale, Unparsed> {
    // `date connector date` is a range
    let mut merged: Vec<Item> = Vec::with_capacity(items.len());
    for item in items {
        if is_date(&item) && merged.len() >= 2 {
            let n = merged.len();
            if merged[n - 1] == Item::Conn && is_date(&merged[n - 2]) {
                merged.truncate(n - 1);
                let a = merged.pop().expect("checked: two items before");
                merged.push(range(a, item)?);
                continue;
            }
        }
        merged.push(item);
    }

    let mut intervals = Vec::new();
    let (mut from, mut review, mut ongoing, mut recurring, mut no_date) =
        (false, false, false, false, false);
    for item in merged {
        match item {
            Item::Interval(iv) => intervals.push(iv),
            Item::Pending { month, day } => {
                let written = match day {
                    Some(d) => format!("{d} {}", month_name(month)),
                    None => month_name(month).to_string(),
                };
                return fail(format!(
                    "\"{written}\" has no year: write it as \"{written} 2015\""
                ));
            }
            Item::Conn => {}
            Item::From => from = true,
            Item::Review => review = true,
            Item::Ongoing => ongoing = true,
            Item::Recurring => recurring = true,
            Item::NoDate => no_date = true,
        }
    }

    let ts = |kind, start, due, ongoing| Timescale {
        kind,
        start,
        due,
        ongoing,
    };
    Ok(match intervals.as_slice() {
        [] if ongoing || recurring => ts(TimescaleKind::Ongoing, None, None, true),
        [] if no_date => ts(TimescaleKind::NoDate, None, None, false),
        [] => return fail("it names no date"),
        [iv] if from && iv.kind != TimescaleKind::Range => {
            ts(TimescaleKind::From, Some(iv.start), None, ongoing)
        }
        [iv] if review => ts(TimescaleKind::Review, Some(iv.start), Some(iv.end), ongoing),
        [iv] => ts(iv.kind, Some(iv.start), Some(iv.end), ongoing),
        // stages ("Sep 15 Review March 2016 Implementation in Full"): due at the last
        many => {
            let start = many.iter().map(|iv| iv.start).min();
            let due = many.iter().map(|iv| iv.end).max();
            ts(TimescaleKind::Range, start, due, ongoing)
        }
    })
}

#[cfg(test)]
mod tests;
