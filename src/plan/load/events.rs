//! A whole `Plan` read from `toml_parser`'s events in one pass (issue 26, the parse path): no
//! TOML tree, no JSON copy, no serde, for the plans people write. `load` asks it first.
//!
//! It answers only for a file it can vouch for: valid TOML, every number allowed, valid by the
//! plan schema, and read into exactly the `Plan` the full path (`DeTable`, the schema, then
//! serde) gives, spans included. Every other file gets `None` and takes the full path, which
//! stays the one authority on what is wrong and how it is said. It walks the plan as
//! `git::summary`'s reader does (`load::walk`, which says what layouts both leave to the full
//! path), and refuses more than that reader, as the schema does: a key the format does not
//! know, any number but `schema_version = 1`, a date written as text, a value the schema
//! refuses, a missing required key.
//!
//! The values it accepts are `plan::shape`'s, checked as `plan::valid` checks them; a key the
//! shape has and this reader does not place in the model goes to the full path, so a key added
//! to the format is never dropped here. The property test below keeps it equal to the full path.
//!
//! May use: `plan`.

use crate::plan::load::walk::{self, date, Sink, Table, Val};
use crate::plan::model::{
    Action, Day, Due, Milestone, Plan, PlanMeta, Section, Spanned, Status, Update,
};
use crate::plan::shape::{self, Shared, Value};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::ops::Range;

/// The plan in `text` when this reader can vouch for it (see the module comment), else `None`.
pub fn plan(text: &str) -> Option<Plan> {
    let mut reader = Reader::new();
    if !walk::walk(text, &mut reader) {
        return None;
    }
    reader.shrink_action();
    reader.plan.sections.shrink_to_fit();
    reader.plan.actions.shrink_to_fit();
    Some(reader.plan)
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

struct Reader {
    /// What the schema says the current key's value is.
    kind: Value,
    /// The strings of the array value being read.
    items: Vec<Spanned<String>>,
    plan: Plan,
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

impl<'i> Sink<'i> for Reader {
    fn open(&mut self, table: Table, span: Range<usize>) -> Option<()> {
        match table {
            Table::Root => return None,
            Table::Plan => self.plan.plan = Spanned::new(span, blank_meta()),
            Table::Section => self.plan.sections.push(Spanned::new(
                span,
                Section {
                    id: text(),
                    title: text(),
                    rag: None,
                    description: None,
                },
            )),
            Table::Action => {
                self.shrink_action();
                self.plan.actions.push(Spanned::new(span, blank_action()));
            }
            Table::Update => self
                .plan
                .actions
                .last_mut()?
                .get_mut()
                .updates
                .push(Spanned::new(
                    span,
                    Update {
                        date: day(),
                        text: text(),
                        rag: None,
                        status: None,
                        by: None,
                    },
                )),
            Table::Milestone => {
                self.plan
                    .actions
                    .last_mut()?
                    .get_mut()
                    .milestones
                    .push(Spanned::new(
                        span,
                        Milestone {
                            title: text(),
                            due: Spanned::new(0..0, Due::Text(String::new())),
                            status: None,
                            rag: None,
                        },
                    ))
            }
        }
        Some(())
    }

    fn key(&mut self, table: Table, key: &'i str) -> Option<bool> {
        // a key the format does not know, or a table written as a value: the full path
        let k = table.shape().key(key)?;
        if k.value.child().is_some() {
            return None;
        }
        self.kind = k.value;
        self.items.clear();
        Some(matches!(k.value, Value::Texts | Value::RuleNames))
    }

    fn value(
        &mut self,
        table: Table,
        key: &'i str,
        span: Range<usize>,
        val: Val<'i>,
    ) -> Option<()> {
        let got = self.scalar(span, val)?;
        self.place(table, key, got)
    }

    fn element(&mut self, span: Range<usize>, val: Val<'i>) -> Option<()> {
        match val {
            Val::Str(s) => {
                self.items.push(Spanned::new(span, s.into_owned()));
                Some(())
            }
            _ => None,
        }
    }

    fn array(&mut self, table: Table, key: &'i str, span: Range<usize>) -> Option<()> {
        let got = self.array_value(span)?;
        self.place(table, key, got)
    }

    /// The table's required keys are there, and `allow_reason` wherever `allow` is (the
    /// schema's `dependentRequired`).
    fn close(&mut self, table: Table, keys: &[&'i str]) -> Option<()> {
        let has = |k: &str| keys.contains(&k);
        let required = table
            .shape()
            .keys
            .iter()
            .filter(|k| k.required && k.value.child().is_none())
            .all(|k| has(k.name));
        (required && (has("allow_reason") || !has("allow"))).then_some(())
    }
}

impl Reader {
    fn new() -> Self {
        Reader {
            kind: Value::Text,
            items: Vec::new(),
            plan: Plan {
                schema_version: Spanned::new(0..0, 0),
                plan: Spanned::new(0..0, blank_meta()),
                sections: Vec::new(),
                actions: Vec::new(),
                allow: Vec::new(),
                allow_reason: None,
                allow_until: None,
            },
        }
    }

    /// A scalar value of the current key, checked as the schema and the model read it.
    fn scalar(&self, span: Range<usize>, val: Val<'_>) -> Option<Got> {
        let text = |s: Cow<'_, str>| Spanned::new(span.clone(), s.into_owned());
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
        if let Value::RuleNames = self.kind {
            for (i, item) in items.iter().enumerate() {
                let s = item.get_ref().as_str();
                if !shape::RULE_NAME.matches(s)
                    || items[..i].iter().any(|e| e.get_ref().as_str() == s)
                {
                    return None;
                }
            }
        }
        Some(Got::Texts(Spanned::new(span, items)))
    }

    /// Puts a value in its place in the model; `None` when the model has no place for it here.
    fn place(&mut self, table: Table, key: &str, got: Got) -> Option<()> {
        match table {
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

    /// The last action's lists of updates and milestones at their length: a plan's model is
    /// kept while every plan is checked, and doubling growth left a third of it unused.
    fn shrink_action(&mut self) {
        if let Some(a) = self.plan.actions.last_mut() {
            let a = a.get_mut();
            a.updates.shrink_to_fit();
            a.milestones.shrink_to_fit();
        }
    }
}
