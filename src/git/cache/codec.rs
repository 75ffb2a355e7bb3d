//! The compact binary form of a `Summary` inside a pack (see `pack`): lengths and counts as
//! LEB128 varints, text as its length then its UTF-8 bytes, a date as its day number.
//!
//! - summary: a flags byte (1: there is an error), the error's text when there is one, the
//!   plan id, the number of actions, then each action;
//! - action: a flags byte (1: a rating; 2: open; 4: due is a date; 8: due is text), its id,
//!   the rating's text, the due (a zigzag varint of days from 1 January of year 1, or text),
//!   the number of updates.
//!
//! A timeline as kept (`Runs`, in a runs file) is the number of actions, then each action's
//! plan id, its id and its number of points, and each point as an action above (its flags, its
//! rating, its due, its updates) with its date (a zigzag varint of days) after the flags.
//!
//! Decoding checks every length against what is left, refuses unknown flags, invalid UTF-8,
//! impossible dates and trailing bytes: anything but what `encode` wrote is `None`, never a
//! panic (the pack's checksums make that rare; the decoder does not rely on them).

use super::{ActionSummary, DueText, Ratings, RunPoint, Runs, Summary};
use chrono::{Datelike, NaiveDate};

const ERROR: u8 = 1;
const RAG: u8 = 1;
const OPEN: u8 = 2;
const DUE_DATE: u8 = 4;
const DUE_TEXT: u8 = 8;

/// Appends the bytes of `s` to `out`.
pub fn encode(s: &Summary, out: &mut Vec<u8>) {
    out.push(if s.error.is_some() { ERROR } else { 0 });
    if let Some(e) = &s.error {
        text(out, e);
    }
    text(out, &s.plan);
    varint(out, s.actions.len() as u64);
    for a in &s.actions {
        out.push(flags(a.rag.is_some(), a.open, a.due.as_ref()));
        text(out, &a.id);
        if let Some(r) = &a.rag {
            text(out, r);
        }
        due(out, a.due.as_ref());
        varint(out, a.updates as u64);
    }
}

/// Appends the bytes of a timeline as kept to `out`.
pub fn encode_runs(runs: &Runs, out: &mut Vec<u8>) {
    varint(out, runs.len() as u64);
    for (plan, action, points) in runs {
        text(out, plan);
        text(out, action);
        varint(out, points.len() as u64);
        for (since, rag, open, d, updates) in points {
            out.push(flags(rag.is_some(), *open, d.as_ref()));
            date(out, *since);
            if let Some(r) = rag {
                text(out, r);
            }
            due(out, d.as_ref());
            varint(out, *updates as u64);
        }
    }
}

/// The timeline `encode_runs` wrote as `bytes`, or `None` for anything else.
pub fn decode_runs(bytes: &[u8]) -> Option<Runs> {
    let mut r = Reader(bytes);
    let n = r.count()?;
    // every action takes at least three bytes, every point at least four: no allocation
    // larger than the input
    let mut runs = Vec::with_capacity(n.min(r.0.len() / 3));
    for _ in 0..n {
        let plan = r.text()?;
        let action = r.text()?;
        let m = r.count()?;
        let mut points: Vec<RunPoint> = Vec::with_capacity(m.min(r.0.len() / 4));
        for _ in 0..m {
            let flags = r.flags()?;
            let since = r.date()?;
            let (rag, due, updates) = r.state(flags)?;
            points.push((
                since,
                rag.map(str::to_string),
                flags & OPEN != 0,
                due.map(DueRef::owned),
                updates,
            ));
        }
        runs.push((plan, action, points));
    }
    r.0.is_empty().then_some(runs)
}

fn flags(rag: bool, open: bool, due: Option<&DueText>) -> u8 {
    let mut flags = 0;
    if rag {
        flags |= RAG;
    }
    if open {
        flags |= OPEN;
    }
    match due {
        Some(DueText::Date(_)) => flags |= DUE_DATE,
        Some(DueText::Text(_)) => flags |= DUE_TEXT,
        None => {}
    }
    flags
}

fn date(out: &mut Vec<u8>, d: NaiveDate) {
    let days = i64::from(d.num_days_from_ce());
    varint(out, ((days << 1) ^ (days >> 63)) as u64);
}

fn due(out: &mut Vec<u8>, due: Option<&DueText>) {
    match due {
        Some(DueText::Date(d)) => date(out, *d),
        Some(DueText::Text(t)) => text(out, t),
        None => {}
    }
}

/// The summary `encode` wrote as `bytes`, or `None` for anything else.
pub fn decode(bytes: &[u8]) -> Option<Summary> {
    let v = view(bytes)?;
    Some(Summary {
        error: v.error.map(str::to_string),
        plan: v.plan.to_string(),
        actions: v
            .actions
            .into_iter()
            .map(|a| ActionSummary {
                id: a.id.to_string(),
                rag: a.rag.map(str::to_string),
                open: a.open,
                due: a.due.map(DueRef::owned),
                updates: a.updates,
            })
            .collect(),
    })
}

/// The plan id and actions' ratings of the summary `encode` wrote as `bytes`, in order, borrowed from them
/// (`Some(None)` for a file that is not a readable plan: a summary with an error): what
/// counting ratings needs, without a `Summary` made of every action. `None` exactly when
/// `decode` refuses the bytes.
pub fn ratings(bytes: &[u8]) -> Option<Option<Ratings<'_>>> {
    let v = view(bytes)?;
    Some(
        v.error
            .is_none()
            .then(|| (v.plan, v.actions.into_iter().map(|a| a.rag).collect())),
    )
}

/// A summary as its bytes say it, borrowed from them: every check `decode` makes is made here,
/// once, for every reader.
struct View<'a> {
    error: Option<&'a str>,
    plan: &'a str,
    actions: Vec<ActionRef<'a>>,
}

struct ActionRef<'a> {
    id: &'a str,
    rag: Option<&'a str>,
    open: bool,
    due: Option<DueRef<'a>>,
    updates: usize,
}

enum DueRef<'a> {
    Date(NaiveDate),
    Text(&'a str),
}

impl DueRef<'_> {
    fn owned(self) -> DueText {
        match self {
            DueRef::Date(d) => DueText::Date(d),
            DueRef::Text(t) => DueText::Text(t.to_string()),
        }
    }
}

fn view(bytes: &[u8]) -> Option<View<'_>> {
    let mut r = Reader(bytes);
    let flags = r.byte()?;
    if flags & !ERROR != 0 {
        return None;
    }
    let error = if flags & ERROR != 0 {
        Some(r.str()?)
    } else {
        None
    };
    let plan = r.str()?;
    let n = r.count()?;
    // every action takes at least three bytes: no allocation larger than the input
    let mut actions = Vec::with_capacity(n.min(r.0.len() / 3));
    for _ in 0..n {
        let flags = r.flags()?;
        let id = r.str()?;
        let (rag, due, updates) = r.state(flags)?;
        actions.push(ActionRef {
            id,
            rag,
            open: flags & OPEN != 0,
            due,
            updates,
        });
    }
    r.0.is_empty().then_some(View {
        error,
        plan,
        actions,
    })
}

fn varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn text(out: &mut Vec<u8>, s: &str) {
    varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// What is left to decode.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let part = u64::from(b & 0x7f);
            if shift == 63 && part > 1 {
                return None;
            }
            n |= part << shift;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    /// A length or count, no larger than what is left.
    fn count(&mut self) -> Option<usize> {
        usize::try_from(self.varint()?)
            .ok()
            .filter(|n| *n <= self.0.len())
    }

    /// An action's or a point's flags byte: known flags, at most one kind of due.
    fn flags(&mut self) -> Option<u8> {
        let flags = self.byte()?;
        (flags & !(RAG | OPEN | DUE_DATE | DUE_TEXT) == 0
            && flags & (DUE_DATE | DUE_TEXT) != DUE_DATE | DUE_TEXT)
            .then_some(flags)
    }

    fn date(&mut self) -> Option<NaiveDate> {
        let z = self.varint()?;
        let days = ((z >> 1) as i64) ^ -((z & 1) as i64);
        NaiveDate::from_num_days_from_ce_opt(i32::try_from(days).ok()?)
    }

    /// An action's state after its flags and name: its rating and due (as the flags say there
    /// are) and its number of updates.
    fn state(&mut self, flags: u8) -> Option<(Option<&'a str>, Option<DueRef<'a>>, usize)> {
        let rag = if flags & RAG != 0 {
            Some(self.str()?)
        } else {
            None
        };
        let due = self.due(flags)?;
        let updates = usize::try_from(self.varint()?).ok()?;
        Some((rag, due, updates))
    }

    /// The due its flags say there is (the outer `None`: not what `encode` wrote).
    fn due(&mut self, flags: u8) -> Option<Option<DueRef<'a>>> {
        Some(if flags & DUE_DATE != 0 {
            Some(DueRef::Date(self.date()?))
        } else if flags & DUE_TEXT != 0 {
            Some(DueRef::Text(self.str()?))
        } else {
            None
        })
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = self.count()?;
        let (s, rest) = self.0.split_at(n);
        self.0 = rest;
        std::str::from_utf8(s).ok()
    }

    fn text(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Summary {
        Summary {
            error: None,
            plan: "plan-é".to_string(),
            actions: vec![
                ActionSummary {
                    id: "1.2".to_string(),
                    rag: Some("Amber".to_string()),
                    open: true,
                    due: Some(DueText::Date(
                        NaiveDate::from_ymd_opt(2016, 2, 29).expect("a date"),
                    )),
                    updates: 300,
                },
                ActionSummary {
                    id: String::new(),
                    rag: None,
                    open: false,
                    due: Some(DueText::Text("Q3 2016/17".to_string())),
                    updates: 0,
                },
                ActionSummary {
                    id: "x".to_string(),
                    rag: Some(String::new()),
                    open: false,
                    due: Some(DueText::Date(NaiveDate::MIN)),
                    updates: usize::MAX,
                },
            ],
        }
    }

    /// `value` comes back from its bytes; every cut of them, and them with a byte more, is
    /// refused; any single changed byte either fails or decodes to something (never panics).
    fn round_trips<T: PartialEq + std::fmt::Debug>(
        value: &T,
        encode: fn(&T, &mut Vec<u8>),
        decode: fn(&[u8]) -> Option<T>,
    ) {
        let mut bytes = Vec::new();
        encode(value, &mut bytes);
        assert_eq!(decode(&bytes).as_ref(), Some(value));
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None);
        for i in 0..bytes.len() {
            for x in [1u8, 0x80, 0xff] {
                let mut b = bytes.clone();
                b[i] ^= x;
                let _ = decode(&b);
            }
        }
    }

    /// `ratings` says what `decode` does of the same bytes: the ratings of what it decodes (none
    /// for a summary with an error), and `None` where it refuses, on every cut and changed byte.
    fn ratings_agree(bytes: &[u8]) {
        let owned = |(plan, v): (&str, Vec<Option<&str>>)| {
            (
                plan.to_string(),
                v.into_iter()
                    .map(|r| r.map(str::to_string))
                    .collect::<Vec<_>>(),
            )
        };
        let want = decode(bytes).map(|s| s.ratings().map(owned));
        let got = ratings(bytes).map(|r| r.map(owned));
        assert_eq!(got, want, "{bytes:?}");
    }

    #[test]
    fn a_summary_round_trips_and_anything_cut_or_changed_is_refused_without_a_panic() {
        for s in [
            sample(),
            Summary::unreadable("line 3: expected `=`".to_string()),
            Summary {
                actions: vec![],
                ..sample()
            },
        ] {
            round_trips(&s, encode, decode);
            let mut bytes = Vec::new();
            encode(&s, &mut bytes);
            for cut in 0..=bytes.len() {
                ratings_agree(&bytes[..cut]);
            }
            for i in 0..bytes.len() {
                for x in [1u8, 2, 4, 8, 0x10, 0x80, 0xff] {
                    let mut b = bytes.clone();
                    b[i] ^= x;
                    ratings_agree(&b);
                }
            }
        }
        assert_eq!(decode(b""), None);
        assert_eq!(
            decode(&[0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
            None
        );
    }

    #[test]
    fn a_timeline_round_trips_and_anything_cut_or_changed_is_refused_without_a_panic() {
        let point = |a: &ActionSummary, since: NaiveDate| -> RunPoint {
            (since, a.rag.clone(), a.open, a.due.clone(), a.updates)
        };
        let s = sample();
        let runs: Runs = vec![
            (
                s.plan.clone(),
                s.actions[0].id.clone(),
                vec![
                    point(&s.actions[0], NaiveDate::MAX),
                    point(&s.actions[1], NaiveDate::MIN),
                ],
            ),
            (String::new(), "é".to_string(), vec![]),
            (
                "p".to_string(),
                String::new(),
                vec![point(&s.actions[2], NaiveDate::default())],
            ),
        ];
        for runs in [runs, Vec::new()] {
            round_trips(&runs, encode_runs, decode_runs);
        }
        // a count larger than the bytes left asks for no memory
        assert_eq!(decode_runs(&[0xff, 0xff, 0xff, 0xff, 0x0f]), None);
        assert_eq!(decode_runs(b""), None);
    }
}
