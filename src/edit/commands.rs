//! `update`, `set` and `add`: the edits a programme officer makes between two boards, each
//! turned into a `Change` (the plan file and the edits to make) for `edit::commit`, from the
//! plan's text as `edit::run` holds it.
//!
//! Every value given on the command line is checked before any edit is made: a rating must be
//! on the configured scale (it is written by its canonical name), a status one of the format's,
//! a `due` a date or a timescale planlint can read, a text not empty.

use crate::edit::format::{self, ACTION_KEYS, PLAN_KEYS};
use crate::edit::locate::{table_text, ActionAt, Located};
use crate::edit::target::Found;
use crate::edit::Change;
use crate::plan::fix::{toml_string, Edit};
use crate::plan::load::{load_text, LoadSeverities, PlanFile};
use crate::plan::model::{Action, Due, Status};
use crate::workspace::config::Config;
use crate::Error;
use chrono::NaiveDate;
use std::collections::HashSet;

/// `planlint update ACTION --text …`: a progress update, and the action's current rating and
/// status when given.
#[derive(Debug, Clone)]
pub struct UpdateOptions {
    pub action: String,
    pub plan: Option<String>,
    pub text: String,
    pub rag: Option<String>,
    pub status: Option<String>,
    /// The update's date (the command line's default is today).
    pub date: NaiveDate,
    pub by: Option<String>,
}

/// `planlint set ACTION …`: new values for an action's fields.
#[derive(Debug, Clone, Default)]
pub struct SetOptions {
    pub action: String,
    pub plan: Option<String>,
    pub due: Option<String>,
    /// Replaces the list when not empty.
    pub leads: Vec<String>,
    /// Replaces the list when not empty.
    pub partners: Vec<String>,
    pub status: Option<String>,
    pub rag: Option<String>,
    pub title: Option<String>,
    pub section: Option<String>,
}

/// `planlint add TITLE [--plan ID] …`: a new action.
#[derive(Debug, Clone, Default)]
pub struct AddOptions {
    pub title: String,
    /// The plan; may be left out when the repository has only one.
    pub plan: Option<String>,
    pub section: Option<String>,
    pub leads: Vec<String>,
    pub due: Option<String>,
    pub id: Option<String>,
}

/// A plan file ready for editing: valid TOML, following the plan format, with its places.
struct Editable {
    found: Found,
    file: PlanFile,
}

impl Editable {
    fn open(found: Found) -> Result<Editable, Error> {
        let name = found.name.clone();
        if let Err(e) = Located::parse(&found.text) {
            return Err(Error::Usage(format!(
                "{name} is not valid TOML ({e}); `planlint update`, `set`, `add` and `fmt` need valid TOML: fix it first (`planlint check {name}` shows where)"
            )));
        }
        let loaded = load_text(name.clone(), found.text.clone(), LoadSeverities::default());
        let Some(file) = loaded.plan else {
            let n = loaded.findings.len();
            let first = loaded.findings.first().map_or_else(String::new, |f| {
                let (line, column) = loaded.source.position(f.span.start);
                format!(
                    "; the first, at line {line}, column {column}: {}",
                    f.message
                )
            });
            return Err(Error::Usage(format!(
                "{name} does not follow the plan format ({}{first}); fix {} first: `planlint check {name}` shows {}, and `planlint check --fix` fixes some",
                crate::plan::words::count(n, "problem"),
                if n == 1 { "it" } else { "them" },
                if n == 1 { "it" } else { "them all" },
            )));
        };
        Ok(Editable { found, file })
    }

    fn located(&self) -> Result<Located<'_>, Error> {
        Located::parse(&self.found.text).map_err(|e| Error::Usage(format!("{}: {e}", self.name())))
    }

    fn name(&self) -> &str {
        &self.found.name
    }

    /// The file ends its lines with CRLF (new lines are written so by `commit`).
    fn crlf(&self) -> bool {
        crate::edit::text::uses_crlf(&self.found.text)
    }

    fn plan_id(&self) -> &str {
        self.file.plan.id()
    }

    /// The one action with this id, as the typed model and as a table.
    fn action<'l>(
        &self,
        located: &'l Located<'_>,
        id: &str,
    ) -> Result<(&Action, ActionAt<'l>), Error> {
        let tables = located
            .actions()
            .map_err(|e| Error::Usage(format!("{}: {e}", self.name())))?;
        let mut hits = self
            .file
            .plan
            .actions
            .iter()
            .zip(tables)
            .filter(|(a, _)| a.get_ref().id.get_ref() == id);
        let Some((action, table)) = hits.next() else {
            return Err(Error::Usage(format!(
                "plan `{}` ({}) has no action `{id}`",
                self.plan_id(),
                self.name()
            )));
        };
        if hits.next().is_some() {
            return Err(Error::Usage(format!(
                "plan `{}` ({}) has more than one action `{id}` (rule duplicate-id); give each its own id first",
                self.plan_id(),
                self.name()
            )));
        }
        Ok((action.get_ref(), table))
    }

    fn change(&self, edits: Vec<Edit>, summary: String) -> Change {
        Change {
            path: self.found.path.clone(),
            name: self.found.name.clone(),
            before: self.found.text.clone(),
            edits,
            summary: format!("{}: {summary}", self.found.name),
        }
    }
}

/// A rating on the configured scale, by its canonical name.
fn rating(config: &Config, text: &str) -> Result<String, Error> {
    let scale = &config.scale;
    match scale.resolve(text) {
        Some(r) => Ok(r.name.to_string()),
        None => {
            let names: Vec<&str> = scale.names().collect();
            let hint = scale
                .suggest(text)
                .map(|n| format!("did you mean `{n}`? "))
                .unwrap_or_default();
            Err(Error::Usage(format!(
                "`{text}` is not a rating on the {} scale; {hint}use one of: {}",
                scale.preset,
                names.join(", ")
            )))
        }
    }
}

fn status(text: &str) -> Result<Status, Error> {
    Status::parse_loose(text).ok_or_else(|| {
        Error::Usage(format!(
            "`{text}` is not a status; use one of: {}",
            Status::ALL.map(Status::as_str).join(", ")
        ))
    })
}

/// A `due` as given: a date (`2016-03-31`) or a timescale planlint can read ("March 2016").
fn due(text: &str) -> Result<Due, Error> {
    let t = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(Due::Date(d));
    }
    if t.is_empty() {
        return Err(Error::Usage(
            "--due is empty; give a date such as 2016-03-31 or a timescale such as \"March 2016\""
                .into(),
        ));
    }
    match crate::plan::timescale::parse(t) {
        Ok(_) => Ok(Due::Text(t.to_string())),
        Err(e) => Err(Error::Usage(format!(
            "cannot read `{t}` as a date or a timescale ({e}); write a date such as 2016-03-31, or a timescale such as \"March 2016\", \"Q4 2015/16\", \"2016/17\" or \"Ongoing\""
        ))),
    }
}

fn text<'a>(value: &'a str, flag: &str) -> Result<&'a str, Error> {
    if value.trim().is_empty() {
        Err(Error::Usage(format!("{flag} is empty; say something")))
    } else {
        Ok(value)
    }
}

fn texts(values: &[String], flag: &str) -> Result<Vec<String>, Error> {
    values
        .iter()
        .map(|v| text(v, flag).map(|v| v.trim().to_string()))
        .collect()
}

fn quoted(s: &str) -> String {
    format!("\"{s}\"")
}

/// A line after the block that ends at `at` (a blank line first, as between tables).
fn table_insert(text: &str, at: usize, block: &str) -> Edit {
    let newline = if at == text.len() && !text.is_empty() && !text.ends_with('\n') {
        "\n"
    } else {
        ""
    };
    Edit::insert(at, format!("{newline}\n{block}"))
}

pub fn update(config: &Config, o: &UpdateOptions, found: Found) -> Result<Change, Error> {
    let plan = Editable::open(found)?;
    let located = plan.located()?;
    let (edits, said) = update_edits(config, o, &plan, &located, true)?;
    Ok(plan.change(edits, said))
}

/// The edits of an update on a plan already open; the plan's `updated` moved on only when
/// `touch_updated` (a batch moves it once, for all its updates).
fn update_edits(
    config: &Config,
    o: &UpdateOptions,
    plan: &Editable,
    located: &Located<'_>,
    touch_updated: bool,
) -> Result<(Vec<Edit>, String), Error> {
    let said = text(&o.text, "--text")?;
    let rag = o.rag.as_deref().map(|r| rating(config, r)).transpose()?;
    let new_status = o.status.as_deref().map(status).transpose()?;
    let by = o.by.as_deref().map(|b| text(b, "--by")).transpose()?;
    let (action, at) = plan.action(located, &o.action)?;

    let mut keys = vec![
        ("date", o.date.to_string()),
        ("text", format::string_value("text", said, plan.crlf())),
    ];
    if let Some(r) = &rag {
        keys.push(("rag", toml_string(r)));
    }
    if let Some(s) = new_status {
        keys.push(("status", toml_string(s.as_str())));
    }
    if let Some(b) = by {
        keys.push(("by", format::string_value("by", b, plan.crlf())));
    }
    let block = table_text("[[actions.updates]]", &keys);
    // updates are kept oldest first: before the first one dated later, else after the action
    let later = action
        .updates
        .iter()
        .position(|u| u.get_ref().date.get_ref().0 > o.date);
    let tables: Vec<&toml_edit::Table> = match at.table.get("updates") {
        Some(toml_edit::Item::ArrayOfTables(a)) => a.iter().collect(),
        _ => Vec::new(),
    };
    // pushed last: an action with no sub-table ends where its new keys go, and edits at one
    // place apply in list order, so the keys land before the new table's header, not in it
    let new_update = match later.and_then(|i| tables.get(i)) {
        Some(t) => Edit::insert(located.block_start(t), format!("\n{block}")),
        None => table_insert(located.text(), located.block_end(at.table), &block),
    };
    let mut edits = Vec::new();
    let mut said_parts = vec![format!("new update dated {}", o.date)];
    if let Some(r) = &rag {
        let was = action.rag.as_ref().map(|r| r.get_ref().as_str());
        if was != Some(r.as_str()) {
            edits.push(located.set(at.table, ACTION_KEYS, "rag", &toml_string(r)));
        }
        said_parts.push(change_words("rag", was, r));
    }
    if let Some(s) = new_status {
        let was = action.status().map(Status::as_str);
        if was != Some(s.as_str()) {
            edits.push(located.set(at.table, ACTION_KEYS, "status", &toml_string(s.as_str())));
        }
        said_parts.push(change_words("status", was, s.as_str()));
    }
    if touch_updated {
        if let Some((edit, words)) = plan_updated(plan, located, o.date) {
            edits.push(edit);
            said_parts.push(words);
        }
    }
    edits.push(new_update);
    Ok((
        edits,
        format!("action {}: {}", o.action, said_parts.join("; ")),
    ))
}

/// The plan's `updated` moved on to `date` when it is older (or missing), and the words for it.
fn plan_updated(plan: &Editable, located: &Located<'_>, date: NaiveDate) -> Option<(Edit, String)> {
    let updated = plan.file.plan.updated();
    if matches!(updated, Some(u) if date <= u) {
        return None;
    }
    let t = located.plan()?;
    let edit = located.set(t, PLAN_KEYS, "updated", &date.to_string());
    Some((
        edit,
        match updated {
            Some(u) => format!("plan updated {u} → {date}"),
            None => format!("plan updated {date}"),
        },
    ))
}

fn change_words(what: &str, was: Option<&str>, now: &str) -> String {
    match was {
        Some(w) if w == now => format!("{what} stays {now}"),
        Some(w) => format!("{what} {w} → {now}"),
        None => format!("{what} {now}"),
    }
}

pub fn set(config: &Config, o: &SetOptions, found: Found) -> Result<Change, Error> {
    set_values(config, o)?;
    let plan = Editable::open(found)?;
    let located = plan.located()?;
    let (edits, said) = set_edits(config, o, &plan, &located)?;
    Ok(plan.change(edits, said))
}

/// `set`'s values checked before the plan is opened (the command line's errors come first).
fn set_values(config: &Config, o: &SetOptions) -> Result<(), Error> {
    o.due.as_deref().map(due).transpose()?;
    o.rag.as_deref().map(|r| rating(config, r)).transpose()?;
    o.status.as_deref().map(status).transpose()?;
    o.title.as_deref().map(|t| text(t, "--title")).transpose()?;
    texts(&o.leads, "--lead")?;
    texts(&o.partners, "--partner")?;
    if o.due.is_none()
        && o.rag.is_none()
        && o.status.is_none()
        && o.title.is_none()
        && o.leads.is_empty()
        && o.partners.is_empty()
        && o.section.is_none()
    {
        return Err(Error::Usage(
            "nothing to set: give one or more of --due, --lead, --partner, --status, --rag, --title, --section".into(),
        ));
    }
    Ok(())
}

/// The edits of a `set` on a plan already open.
fn set_edits(
    config: &Config,
    o: &SetOptions,
    plan: &Editable,
    located: &Located<'_>,
) -> Result<(Vec<Edit>, String), Error> {
    let new_due = o.due.as_deref().map(due).transpose()?;
    let rag = o.rag.as_deref().map(|r| rating(config, r)).transpose()?;
    let new_status = o.status.as_deref().map(status).transpose()?;
    let title = o.title.as_deref().map(|t| text(t, "--title")).transpose()?;
    let leads = texts(&o.leads, "--lead")?;
    let partners = texts(&o.partners, "--partner")?;
    if new_due.is_none()
        && rag.is_none()
        && new_status.is_none()
        && title.is_none()
        && leads.is_empty()
        && partners.is_empty()
        && o.section.is_none()
    {
        return Err(Error::Usage(
            "nothing to set: give one or more of --due, --lead, --partner, --status, --rag, --title, --section".into(),
        ));
    }
    let (action, at) = plan.action(located, &o.action)?;
    let mut edits = Vec::new();
    let mut said = Vec::new();

    if let Some(new) = &new_due {
        let old = action.due.as_ref().map(|d| d.get_ref());
        edits.push(located.set(
            at.table,
            ACTION_KEYS,
            "due",
            &crate::plan::fix::toml_due(new),
        ));
        let shown = |d: &Due| match d {
            Due::Date(d) => d.to_string(),
            Due::Text(t) => quoted(t),
        };
        let mut words = match old {
            Some(old) => format!("due {} → {}", shown(old), shown(new)),
            None => format!("due {}", shown(new)),
        };
        // a re-plan is always on the record: the first agreed date is kept
        let later = match (old.and_then(Due::due_date), new.due_date()) {
            (Some(o), Some(n)) => n > o,
            _ => false,
        };
        if later && action.baseline_due.is_none() {
            if let Some(old_text) = located.value_text(at.table, "due") {
                edits.push(located.set(at.table, ACTION_KEYS, "baseline_due", old_text));
                words.push_str(&format!(" (baseline_due {old_text} kept)"));
            }
        }
        said.push(words);
    }
    if !leads.is_empty() {
        edits.push(located.set(
            at.table,
            ACTION_KEYS,
            "leads",
            &format::strings_value("leads", &leads),
        ));
        said.push(format!("leads {}", leads.join("; ")));
    }
    if !partners.is_empty() {
        edits.push(located.set(
            at.table,
            ACTION_KEYS,
            "partners",
            &format::strings_value("partners", &partners),
        ));
        said.push(format!("partners {}", partners.join("; ")));
    }
    if let Some(s) = new_status {
        let was = action.status().map(Status::as_str);
        edits.push(located.set(at.table, ACTION_KEYS, "status", &toml_string(s.as_str())));
        said.push(change_words("status", was, s.as_str()));
    }
    if let Some(r) = &rag {
        let was = action.rag.as_ref().map(|r| r.get_ref().as_str());
        edits.push(located.set(at.table, ACTION_KEYS, "rag", &toml_string(r)));
        said.push(change_words("rag", was, r));
    }
    if let Some(t) = title {
        edits.push(located.set(
            at.table,
            ACTION_KEYS,
            "title",
            &format::string_value("title", t, plan.crlf()),
        ));
        said.push(format!("title {}", quoted(t)));
    }
    if let Some(s) = &o.section {
        check_section(plan, located, s)?;
        edits.push(located.set(at.table, ACTION_KEYS, "section", &toml_string(s)));
        said.push(change_words(
            "section",
            action.section.as_ref().map(|s| s.get_ref().as_str()),
            s,
        ));
    }
    // an unchanged value replaces itself: drop the edits that change nothing
    edits.retain(|e| located.text().get(e.range.clone()) != Some(e.content.as_str()));
    Ok((edits, format!("action {}: {}", o.action, said.join("; "))))
}

/// Many `update`s and `set`s on ONE plan from one reading of it (`import --updates`: a plan's
/// rows of a return): the plan is opened and located once, every command's edits are made on
/// that text as each command alone would make them, and the plan's `updated` moves on once, to
/// the latest update's date. The commands must touch different keys (one command an action,
/// or a `set` of `due` before an `update` of the same action, as `import --updates` gives
/// them); edits that would overlap are refused by `edit::commit`, never merged. The summary is
/// each command's, a line each.
pub fn batch(
    config: &Config,
    commands: &[crate::edit::Command],
    found: Found,
) -> Result<Change, Error> {
    use crate::edit::Command;
    for c in commands {
        if let Command::Set(o) = c {
            set_values(config, o)?;
        }
    }
    let plan = Editable::open(found)?;
    let located = plan.located()?;
    let mut edits = Vec::new();
    let mut said: Vec<String> = Vec::new();
    let mut latest: Option<(NaiveDate, usize)> = None;
    for c in commands {
        let (mut e, words) = match c {
            Command::Update(o) => {
                if latest.is_none_or(|(d, _)| o.date > d) {
                    latest = Some((o.date, said.len()));
                }
                update_edits(config, o, &plan, &located, false)?
            }
            Command::Set(o) => set_edits(config, o, &plan, &located)?,
            Command::Add(_) => {
                return Err(Error::Usage(
                    "`add` cannot be batched with other edits (a planlint bug)".into(),
                ))
            }
        };
        edits.append(&mut e);
        said.push(words);
    }
    if let Some((date, i)) = latest {
        if let Some((edit, words)) = plan_updated(&plan, &located, date) {
            edits.push(edit);
            if let Some(s) = said.get_mut(i) {
                s.push_str(&format!("; {words}"));
            }
        }
    }
    let summary = said
        .iter()
        .map(|s| format!("{}: {s}", plan.name()))
        .collect::<Vec<_>>()
        .join("\n");
    Ok(Change {
        path: plan.found.path.clone(),
        name: plan.found.name.clone(),
        before: plan.found.text.clone(),
        edits,
        summary,
    })
}

fn check_section(plan: &Editable, located: &Located<'_>, section: &str) -> Result<(), Error> {
    let ids = located.section_ids();
    if ids.is_empty() {
        return Err(Error::Usage(format!(
            "plan `{}` ({}) has no [[sections]], so its actions cannot name one",
            plan.plan_id(),
            plan.name()
        )));
    }
    if !ids.iter().any(|i| i == section) {
        return Err(Error::Usage(format!(
            "plan `{}` ({}) has no section `{section}`; its sections are {}",
            plan.plan_id(),
            plan.name(),
            ids.join(", ")
        )));
    }
    Ok(())
}

pub fn add(_config: &Config, o: &AddOptions, found: Found) -> Result<Change, Error> {
    let title = text(&o.title, "the title")?;
    let leads = texts(&o.leads, "--lead")?;
    let new_due = o.due.as_deref().map(due).transpose()?;
    let plan = Editable::open(found)?;
    let located = plan.located()?;
    let actions = located
        .actions()
        .map_err(|e| Error::Usage(format!("{}: {e}", plan.name())))?;
    if let Some(s) = &o.section {
        check_section(&plan, &located, s)?;
    }
    let taken: HashSet<&str> = actions.iter().map(|a| a.id.as_str()).collect();
    let sections = located.section_ids();
    // a plan with sections gets no sectionless action: without --section, the last section,
    // and the summary says so
    let guessed = o.section.is_none() && !sections.is_empty();
    let section: Option<String> = o.section.clone().or_else(|| sections.last().cloned());
    let o = &AddOptions {
        section,
        ..o.clone()
    };

    // after the last action of its section (or of the sections before it), else the plan's last
    let rank = |s: Option<&str>| s.and_then(|s| sections.iter().position(|x| x == s));
    let anchor: Option<&ActionAt<'_>> = match &o.section {
        Some(s) => {
            let mine = rank(Some(s));
            actions
                .iter()
                .rev()
                .find(|a| a.section.as_deref() == Some(s.as_str()))
                .or_else(|| {
                    actions
                        .iter()
                        .rev()
                        .find(|a| rank(a.section.as_deref()).is_some_and(|r| Some(r) < mine))
                })
        }
        None => actions.last(),
    };
    let same_section: Vec<&ActionAt<'_>> = match &o.section {
        Some(s) => actions
            .iter()
            .filter(|a| a.section.as_deref() == Some(s.as_str()))
            .collect(),
        None => actions.iter().collect(),
    };

    let id = match &o.id {
        Some(id) => {
            let id = text(id, "--id")?.trim().to_string();
            if taken.contains(id.as_str()) {
                return Err(Error::Usage(format!(
                    "plan `{}` already has an action `{id}`; choose another --id, or leave --id out for the next free one",
                    plan.plan_id()
                )));
            }
            id
        }
        None => next_id(
            same_section.last().map(|a| a.id.as_str()),
            o.section.as_deref(),
            &actions.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
            &taken,
        )
        .ok_or_else(|| {
            Error::Usage(format!(
                "cannot work out the next action id after `{}` in plan `{}`; give one with --id",
                same_section.last().map_or("", |a| a.id.as_str()),
                plan.plan_id()
            ))
        })?,
    };

    let mut keys = vec![("id", toml_string(&id))];
    if let Some(s) = &o.section {
        keys.push(("section", toml_string(s)));
    }
    keys.push(("title", format::string_value("title", title, plan.crlf())));
    if !leads.is_empty() {
        keys.push(("leads", format::strings_value("leads", &leads)));
    }
    if let Some(d) = &new_due {
        keys.push(("due", crate::plan::fix::toml_due(d)));
    }
    let block = table_text("[[actions]]", &keys);
    let edit = match (anchor, actions.first()) {
        (Some(a), _) => table_insert(located.text(), located.block_end(a.table), &block),
        (None, Some(first)) => Edit::insert(located.block_start(first.table), format!("\n{block}")),
        (None, None) => table_insert(located.text(), located.text().len(), &block),
    };
    let place = match &o.section {
        Some(s) if guessed => {
            format!(" in section {s} (the plan's last; give --section to choose another)")
        }
        Some(s) => format!(" in section {s}"),
        None => String::new(),
    };
    Ok(plan.change(
        vec![edit],
        format!("action {id} added{place}: {}", quoted(title)),
    ))
}

/// The next free id in the plan's numbering style: one more than the last number of `after`
/// ("3.2" → "3.3", "1014" → "1015", "7" → "8", "A07" → "A08"), skipping ids already taken. With
/// no action to follow: `SECTION.1` in a plan numbered by section, else one more than the
/// highest plain number.
pub fn next_id(
    after: Option<&str>,
    section: Option<&str>,
    all: &[&str],
    taken: &HashSet<&str>,
) -> Option<String> {
    let free = |candidates: &mut dyn Iterator<Item = String>| {
        candidates
            .take(10_000)
            .find(|c| !taken.contains(c.as_str()))
    };
    match after {
        Some(last) => {
            let end = last.rfind(|c: char| c.is_ascii_digit())? + 1;
            let start = last[..end]
                .rfind(|c: char| !c.is_ascii_digit())
                .map_or(0, |i| i + 1);
            let n: u64 = last[start..end].parse().ok()?;
            let width = end - start;
            let (head, tail) = (&last[..start], &last[end..]);
            free(&mut (1..).map(|k| format!("{head}{:0width$}{tail}", n + k)))
        }
        None => {
            let dotted = all.iter().any(|i| i.contains('.'));
            match section {
                Some(s) if dotted || all.is_empty() => free(&mut (1..).map(|k| format!("{s}.{k}"))),
                _ => {
                    let max = all
                        .iter()
                        .filter_map(|i| i.parse::<u64>().ok())
                        .max()
                        .unwrap_or(0);
                    free(&mut (1..).map(|k| (max + k).to_string()))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next(after: Option<&str>, section: Option<&str>, all: &[&str]) -> Option<String> {
        let taken: HashSet<&str> = all.iter().copied().collect();
        next_id(after, section, all, &taken)
    }

    #[test]
    fn the_next_id_follows_the_plans_numbering() {
        assert_eq!(
            next(Some("3.2"), None, &["3.1", "3.2"]).as_deref(),
            Some("3.3")
        );
        assert_eq!(next(Some("1014"), None, &["1014"]).as_deref(), Some("1015"));
        assert_eq!(next(Some("7"), None, &["7"]).as_deref(), Some("8"));
        assert_eq!(next(Some("9"), None, &["9"]).as_deref(), Some("10"));
        assert_eq!(next(Some("A07"), None, &["A07"]).as_deref(), Some("A08"));
        assert_eq!(
            next(Some("3.11.3"), None, &["3.11.3"]).as_deref(),
            Some("3.11.4")
        );
        // taken ids are skipped
        assert_eq!(
            next(Some("3.2"), None, &["3.2", "3.3"]).as_deref(),
            Some("3.4")
        );
        // a new section's first action
        assert_eq!(next(None, Some("4"), &["3.1"]).as_deref(), Some("4.1"));
        assert_eq!(next(None, Some("4"), &["7", "12"]).as_deref(), Some("13"));
        assert_eq!(next(None, None, &[]).as_deref(), Some("1"));
        // no number to count on
        assert_eq!(next(Some("A"), None, &["A"]), None);
    }

    /// A batch gives the text the same commands give one after the other.
    #[test]
    fn a_batch_edits_as_the_commands_one_after_another() {
        let plan = "schema_version = 1\n\n[plan]\nid = \"p\"\ntitle = \"t\"\nupdated = 2015-11-30\n\n[[actions]]\nid = \"1\"\ntitle = \"a\" # kept\nleads = [\"Mind\"]\ndue = \"March 2016\"\noutcomes = [\"o\"]\n\n[[actions]]\nid = \"2\"\ntitle = \"b\"\nstatus = \"in-progress\"\nrag = \"amber\"\n\n[[actions.updates]]\ndate = 2016-01-10\ntext = \"later\"\n\n[[actions]]\nid = \"3\"\ntitle = \"c\"\n";
        let config = Config::defaults(std::path::PathBuf::from("."));
        let found = |text: &str| Found {
            name: "plans/p.toml".into(),
            path: "plans/p.toml".into(),
            text: text.to_string(),
        };
        let date: NaiveDate = "2015-12-10".parse().expect("date");
        let commands = vec![
            crate::edit::Command::Set(SetOptions {
                action: "1".into(),
                due: Some("2016-09-30".into()),
                ..SetOptions::default()
            }),
            crate::edit::Command::Update(UpdateOptions {
                action: "1".into(),
                plan: None,
                text: "Going well".into(),
                rag: Some("Red".into()),
                status: Some("in progress".into()),
                date,
                by: Some("J Smith".into()),
            }),
            crate::edit::Command::Update(UpdateOptions {
                action: "2".into(),
                plan: None,
                text: "Earlier than the last".into(),
                rag: Some("green".into()),
                status: None,
                date,
                by: None,
            }),
            crate::edit::Command::Set(SetOptions {
                action: "3".into(),
                rag: Some("amber".into()),
                status: Some("on-hold".into()),
                ..SetOptions::default()
            }),
        ];
        let mut one_by_one = plan.to_string();
        for c in &commands {
            let change = match c {
                crate::edit::Command::Update(o) => update(&config, o, found(&one_by_one)),
                crate::edit::Command::Set(o) => set(&config, o, found(&one_by_one)),
                crate::edit::Command::Add(_) => unreachable!(),
            }
            .expect("command");
            let edits = crate::edit::text::with_line_ends(&change.before, change.edits);
            one_by_one = crate::edit::text::apply(&change.before, &edits).expect("apply");
        }
        let change = batch(&config, &commands, found(plan)).expect("batch");
        let edits = crate::edit::text::with_line_ends(&change.before, change.edits);
        let batched = crate::edit::text::apply(&change.before, &edits).expect("apply");
        assert_eq!(batched, one_by_one);
        assert!(batched.contains("updated = 2015-12-10"));
        assert_eq!(change.summary.lines().count(), 4, "{}", change.summary);
    }

    #[test]
    fn statuses_and_dues_are_read_as_people_write_them() {
        assert_eq!(status("In progress").ok(), Some(Status::InProgress));
        assert_eq!(status("Completed").ok(), Some(Status::Complete));
        assert!(status("nearly")
            .unwrap_err()
            .to_string()
            .contains("not-started, in-progress"));
        assert_eq!(
            due("2016-03-31").ok(),
            Some(Due::Date("2016-03-31".parse().unwrap()))
        );
        assert_eq!(
            due(" March 2016 ").ok(),
            Some(Due::Text("March 2016".into()))
        );
        assert!(due("soonish")
            .unwrap_err()
            .to_string()
            .contains("cannot read `soonish`"));
    }
}
