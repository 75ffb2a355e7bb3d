//! A plan blob's history `Summary` read without building the plan (issue 14, cold history):
//! `read` drives `toml_parser`'s event parser over the text and keeps only what the history
//! rules need (the plan id; each action's id, own `rag`, whether it is open, `due`, how many
//! updates), allocating only for the values it keeps.
//!
//! The result is always what the full path (`read_plan`, then `Summary::of`) gives, error
//! string included: the fast path answers only for files it can vouch for, and hands every
//! other file to the full path. It walks the plan as `plan::load::events` does (`load::walk`
//! says which layouts both leave to the full path), and leaves to the full path besides: any
//! number but a plain decimal `schema_version`; a date written as text; a value of the wrong
//! type for a field the model reads; a missing required field.
//!
//! May use: `plan`.

use super::cache::{ActionSummary, DueText, Summary};
use crate::plan::load::read_plan;
use crate::plan::load::walk::{self, date, Sink, Table, Val};
use crate::plan::shape::{Shared, Value};
use std::ops::Range;

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
    read_plan(name, bytes).map(|p| Summary::of(&crate::lint::past::Tracked::of(&p)))
}

/// The summary when the fast path can vouch for it (see the module comment), else `None`.
fn fast(bytes: &[u8]) -> Option<Summary> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut reader = Reader {
        ty: Ty::Any,
        plan_id: None,
        actions: Vec::new(),
    };
    if !walk::walk(text, &mut reader) {
        return None;
    }
    Some(Summary {
        error: None,
        plan: reader.plan_id?,
        actions: reader.actions,
    })
}

/// What the model reads `key` of `table` as; `None` when a `key = value` there is not for the
/// fast path (a table the model expects from a header).
fn field(table: Table, key: &str) -> Option<Ty> {
    let Some(k) = table.shape().key(key) else {
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

struct Reader {
    /// The type the model gives the current key.
    ty: Ty,
    plan_id: Option<String>,
    actions: Vec<ActionSummary>,
}

impl<'i> Sink<'i> for Reader {
    fn open(&mut self, table: Table, _span: Range<usize>) -> Option<()> {
        match table {
            Table::Action => self.actions.push(ActionSummary {
                id: String::new(),
                rag: None,
                open: true,
                due: None,
                updates: 0,
            }),
            Table::Update => self.actions.last_mut()?.updates += 1,
            Table::Root => return None,
            Table::Plan | Table::Section | Table::Milestone => {}
        }
        Some(())
    }

    fn key(&mut self, table: Table, key: &'i str) -> Option<bool> {
        self.ty = field(table, key)?;
        Some(matches!(self.ty, Ty::Strs | Ty::Any))
    }

    fn value(
        &mut self,
        table: Table,
        key: &'i str,
        _span: Range<usize>,
        val: Val<'i>,
    ) -> Option<()> {
        match (self.ty, val) {
            (Ty::Str, Val::Str(s)) => match (table, key) {
                // only what the summary keeps is copied
                (Table::Plan, "id") => self.plan_id = Some(s.into_owned()),
                (Table::Action, "id") => self.actions.last_mut()?.id = s.into_owned(),
                (Table::Action, "rag") => self.actions.last_mut()?.rag = Some(s.into_owned()),
                _ => {}
            },
            (Ty::Day, Val::Date(d)) => {
                if d.time.is_some() || d.offset.is_some() {
                    return None;
                }
                date(d)?;
            }
            (Ty::Due, Val::Str(s)) => {
                if table == Table::Action && key == "due" {
                    self.actions.last_mut()?.due = Some(DueText::Text(s.into_owned()));
                }
            }
            (Ty::Due, Val::Date(d)) => {
                let d = date(d)?;
                if table == Table::Action && key == "due" {
                    self.actions.last_mut()?.due = Some(DueText::Date(d));
                }
            }
            (Ty::Status, Val::Str(s)) => {
                let open = match s.as_ref() {
                    "not-started" | "in-progress" | "on-hold" => true,
                    "complete" | "withdrawn" => false,
                    _ => return None,
                };
                if table == Table::Action {
                    self.actions.last_mut()?.open = open;
                }
            }
            (Ty::Version, Val::Int(_)) | (Ty::Any, Val::Str(_) | Val::Bool | Val::Date(_)) => {}
            _ => return None,
        }
        Some(())
    }

    fn element(&mut self, _span: Range<usize>, val: Val<'i>) -> Option<()> {
        let ok = match self.ty {
            Ty::Strs => matches!(val, Val::Str(_)),
            Ty::Any => matches!(val, Val::Str(_) | Val::Bool | Val::Date(_)),
            _ => false,
        };
        ok.then_some(())
    }

    fn array(&mut self, _table: Table, _key: &'i str, _span: Range<usize>) -> Option<()> {
        Some(())
    }

    /// Every key serde requires in the table is there (`[plan]` itself the walk asks for).
    fn close(&mut self, table: Table, keys: &[&'i str]) -> Option<()> {
        table
            .shape()
            .keys
            .iter()
            .filter(|k| k.required && k.value.child().is_none())
            .all(|k| keys.contains(&k.name))
            .then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

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
}
