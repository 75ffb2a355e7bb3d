//! From rows to a plan: headings become sections and themes, rows with an id become actions,
//! rows without one join the action above, and every value that cannot be placed is reported
//! rather than changed. Pure: tables in, a plan and what happened to each row out.

use super::header::{Column, Field, Header};
use super::limits::MAX_CELL_CHARS;
use super::report::{Inferred, Split};
use super::table::{normalise, short, Cell, Row, Table};
use super::vocabulary;
use super::words;
use crate::plan::model::{Due, Status};
use crate::plan::rating::Scale;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// A plan as import builds it, before it is written as TOML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewPlan {
    pub id: String,
    pub title: String,
    pub updated: Option<NaiveDate>,
    pub sections: Vec<NewSection>,
    pub actions: Vec<NewAction>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewSection {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewAction {
    pub id: String,
    pub section: Option<String>,
    pub theme: Option<String>,
    pub title: String,
    pub scope: Option<String>,
    pub leads: Vec<String>,
    pub partners: Vec<String>,
    pub due: Option<Due>,
    /// The first timescale, when a later one ("Revised: March 2017") replaced it as `due`.
    pub baseline_due: Option<Due>,
    pub status: Option<Status>,
    pub rag: Option<String>,
    pub outcomes: Vec<String>,
    pub next_steps: Option<String>,
    pub milestones: Vec<NewMilestone>,
    pub updates: Vec<NewUpdate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMilestone {
    pub title: String,
    pub due: Due,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUpdate {
    pub date: NaiveDate,
    pub text: String,
}

pub use super::report::RowEvent;

/// The tables chosen for import, each with its header.
pub struct Input<'a> {
    pub tables: Vec<(&'a Table, Header)>,
    /// Row places name their table ("table 2, row 5") when several tables are read.
    pub name_tables: bool,
    /// Rows are lines of a text file ("line 5").
    pub lines: bool,
    /// Several sheets read as one plan: each sheet is a section, titled by its banner row
    /// (a lone cell above the header) or else its name.
    pub sheet_sections: bool,
}

pub struct Options<'a> {
    pub scale: &'a Scale,
    pub update_date: Option<NaiveDate>,
    /// `[import] statuses`: more words for a status, over `words::STATUS_WORDS`.
    pub statuses: &'a BTreeMap<String, Status>,
    /// Read a status from an update that plainly says the action is complete or withdrawn,
    /// when no cell gives one (`--no-infer-status` turns it off).
    pub infer_status: bool,
}

/// What building gave: the plan (without id and title, which the caller decides), and the
/// report's material.
#[derive(Debug, Default)]
pub struct Built {
    pub plan: NewPlan,
    pub events: Vec<RowEvent>,
    pub notes: Vec<String>,
    /// Reasons the plan cannot be written (exit 2): duplicate ids, undated updates.
    pub errors: Vec<String>,
    /// The values of a `plan` column, in order of first appearance.
    pub plan_names: Vec<String>,
    /// Text above the header (title rows) and the document's title paragraph.
    pub title_rows: Vec<String>,
    pub doc_title: Option<String>,
    /// Updates, milestones and joined rows, for the counts.
    pub joined: usize,
    /// Lead cells split into several leads.
    pub splits: Vec<Split>,
    /// Statuses inferred from words.
    pub inferred: Vec<Inferred>,
}

/// The values of one row by column, with whether each came only from merged cells above.
struct Values {
    by_column: Vec<(usize, String, Option<NaiveDate>, bool)>,
}

impl Values {
    fn get<'h>(
        &'h self,
        header: &'h Header,
        field: Field,
    ) -> Option<(&'h Column, &'h str, Option<NaiveDate>, bool)> {
        self.by_column.iter().find_map(|(i, text, date, merged)| {
            let c = &header.columns[*i];
            (c.field == Some(field) && !text.is_empty()).then_some((
                c,
                text.as_str(),
                *date,
                *merged,
            ))
        })
    }
}

fn values(row: &Row, header: &Header) -> (Values, Vec<String>) {
    let mut by_column: Vec<(usize, String, Option<NaiveDate>, bool)> = Vec::new();
    let mut stray = Vec::new();
    for (grid, cell) in row.cells.iter().enumerate() {
        if cell.is_blank() {
            continue;
        }
        let Some(ci) = header
            .columns
            .iter()
            .position(|c| grid >= c.index && grid < c.index + c.span.max(1))
        else {
            stray.push(short(&cell.text, 60));
            continue;
        };
        let text = normalise(&cell.text);
        match by_column.iter_mut().find(|(i, ..)| *i == ci) {
            Some(entry) => {
                if !text.is_empty() {
                    if !entry.1.is_empty() {
                        entry.1.push('\n');
                    }
                    entry.1.push_str(&text);
                }
                entry.2 = entry.2.or(cell.date);
                entry.3 &= cell.merged_from_above;
            }
            None => by_column.push((ci, text, cell.date, cell.merged_from_above)),
        }
    }
    (Values { by_column }, stray)
}

/// Builds the plan from the chosen tables.
pub fn build(input: &Input<'_>, opts: &Options<'_>) -> Built {
    let mut b = Builder {
        out: Built::default(),
        opts,
        section: None,
        theme: None,
        last: None,
        ids: HashMap::new(),
        undated: BTreeMap::new(),
        off_scale: BTreeMap::new(),
        pending_section: None,
        banner_sections: None,
        heading_section: false,
        auto_id: 0,
        moved: Vec::new(),
    };
    for (ti, (table, header)) in input.tables.iter().enumerate() {
        let place = |row: &Row| super::table::place(table, row, input.name_tables, input.lines);
        // the document's title is the plan's, never section 1's: headings after it only
        let mut before = table.before.as_slice();
        if ti == 0 {
            let at = table
                .before
                .iter()
                .position(|p| p.title)
                .or((!table.before.is_empty()).then_some(0));
            b.out.doc_title = at
                .map(|i| normalise(&table.before[i].text).replace('\n', " "))
                .filter(|t| t.chars().count() <= 200 && numbered(t).is_none());
            if let (Some(i), Some(_)) = (at, &b.out.doc_title) {
                before = &table.before[i + 1..];
            }
        }
        if let Some(text) = section_paragraph(before) {
            b.heading(&text, true);
        }
        let banner = input
            .sheet_sections
            .then(|| sheet_banner(table, header.top))
            .flatten();
        if input.sheet_sections {
            let name = banner
                .as_ref()
                .map(|(_, t)| t.clone())
                .or_else(|| table.sheet.clone());
            if let Some(name) = name.filter(|n| !n.trim().is_empty()) {
                b.heading(&name, true);
            }
        }
        for (ri, row) in table.rows.iter().enumerate().take(header.top) {
            if row.is_blank() || banner.as_ref().is_some_and(|(i, _)| *i == ri) {
                continue;
            }
            // a numbered heading above the header ("3. Urgent and emergency access") starts
            // the section the table's rows belong to, as a heading paragraph would
            let own: Vec<&Cell> = row.cells.iter().filter(|c| !c.is_blank()).collect();
            if let [only] = own.as_slice() {
                if numbered(&normalise(&only.text)).is_some() {
                    b.heading(&normalise(&only.text), true);
                    continue;
                }
            }
            let own: Vec<&Cell> = row
                .cells
                .iter()
                .filter(|c| !c.is_blank() && !c.merged_from_above)
                .collect();
            let text: Vec<String> = own.iter().map(|c| short(&c.text, 80)).collect();
            if ti == 0 {
                // the title row whole: the report's line is cut, the plan's title is not
                let whole: Vec<String> = own
                    .iter()
                    .map(|c| normalise(&c.text).replace('\n', " "))
                    .collect();
                b.out.title_rows.push(whole.join(" "));
            }
            b.event(
                &place(row),
                "skipped",
                None,
                format!("above the header: \"{}\"", text.join(" | ")),
            );
        }
        for row in table.rows.iter().skip(header.row + 1) {
            b.row(row, header, &place(row));
        }
        b.pending_section = None;
    }
    b.finish()
}

struct Builder<'o> {
    out: Built,
    opts: &'o Options<'o>,
    section: Option<String>,
    theme: Option<String>,
    /// The action a row without an id joins (none after a heading).
    last: Option<usize>,
    /// Action id -> where it was first seen.
    ids: HashMap<String, String>,
    /// Update columns with no date, by header, with the rows that needed one.
    undated: BTreeMap<String, Vec<String>>,
    /// Ratings not on the scale, by text, with how often.
    off_scale: BTreeMap<String, usize>,
    /// A section heading that was only a number: the next heading row is its title.
    pending_section: Option<usize>,
    /// Whether plain (unnumbered) banner rows are sections: decided at the first one.
    banner_sections: Option<bool>,
    /// Whether the current section came from a heading or banner row (not a section cell).
    heading_section: bool,
    auto_id: usize,
    /// Actions whose lead cell had "Working with" lines, which went to partners.
    moved: Vec<String>,
}

impl Builder<'_> {
    fn event(&mut self, place: &str, what: &'static str, action: Option<&str>, message: String) {
        self.out.events.push(RowEvent {
            place: place.to_string(),
            what,
            action: action.map(str::to_string),
            message,
        });
    }

    fn row(&mut self, row: &Row, header: &Header, place: &str) {
        if row.is_blank() {
            return;
        }
        if is_header_again(row, header) {
            self.event(place, "skipped", None, "the header row again".into());
            return;
        }
        let own: Vec<(usize, &Cell)> = row
            .cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.is_blank() && !c.merged_from_above)
            .collect();
        if own.is_empty() {
            // only the lower parts of merged cells: nothing new in this row
            return;
        }
        let title_col = header
            .columns
            .iter()
            .find(|c| c.field == Some(Field::Title))
            .map_or(0, |c| c.index);
        let width = row.cells.len().max(1);
        // a row inside a vertical merge continues the action above; it is never a heading
        let in_merge = row
            .cells
            .iter()
            .any(|c| c.merged_from_above && !c.is_blank());
        if let [(grid, cell)] = own.as_slice() {
            if !in_merge && (*grid <= title_col || cell.span * 2 >= width) {
                self.heading(&normalise(&cell.text), false);
                return;
            }
        }
        self.pending_section = None;
        let (v, stray) = values(row, header);
        let has_id_column = header.has(Field::Id);
        let id_text = v
            .get(header, Field::Id)
            .filter(|(.., merged)| !merged)
            .map(|(_, t, ..)| t.to_string());
        let id = match (has_id_column, id_text) {
            (true, Some(t)) => Some(t),
            (true, None) => None,
            (false, _) => v.get(header, Field::Title).map(|_| {
                self.auto_id += 1;
                self.auto_id.to_string()
            }),
        };
        for s in stray {
            self.event(
                place,
                "left-out",
                None,
                format!("text in a column with no header: \"{s}\""),
            );
        }
        match id {
            None => self.join(&v, header, place),
            Some(id) => self.action(&id, &v, header, place),
        }
    }

    /// A heading row or paragraph: a section when it starts with a number, else a theme.
    fn heading(&mut self, text: &str, paragraph: bool) {
        self.last = None;
        if let Some(i) = self.pending_section.take() {
            if numbered(text).is_none() {
                self.out.plan.sections[i].title = text.replace('\n', " ");
                return;
            }
        }
        match numbered(text) {
            Some((id, title)) => {
                self.theme = None;
                let i = self.section_index(&id, &title);
                if title.is_empty() {
                    self.pending_section = Some(i);
                }
                self.section = Some(id);
                self.heading_section = true;
            }
            None if paragraph => {
                let id = self.next_section_id();
                self.section_index(&id, text);
                self.theme = None;
                self.section = Some(id);
                self.heading_section = true;
            }
            // a plain banner row: the plan's sections when it has none when the first comes
            // (a table with a row per part), else themes within a section
            None if *self
                .banner_sections
                .get_or_insert(self.out.plan.sections.is_empty()) =>
            {
                let id = self.next_section_id();
                self.section_index(&id, text);
                self.theme = None;
                self.section = Some(id);
                self.heading_section = true;
            }
            None => self.theme = Some(text.replace('\n', " ")),
        }
    }

    fn next_section_id(&self) -> String {
        let max = self
            .out
            .plan
            .sections
            .iter()
            .filter_map(|s| s.id.split('.').next()?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        (max + 1).to_string()
    }

    /// The section with this id (made when new); a second title for the same id is noted.
    fn section_index(&mut self, id: &str, title: &str) -> usize {
        let title = title.replace('\n', " ");
        if let Some(i) = self.out.plan.sections.iter().position(|s| s.id == id) {
            let s = &mut self.out.plan.sections[i];
            if s.title.is_empty()
                || s.title.starts_with("Section ") && s.title == format!("Section {id}")
            {
                if !title.is_empty() {
                    s.title = title;
                }
            } else if !title.is_empty() && s.title != title {
                self.out.notes.push(format!(
                    "section {id} is headed both \"{}\" and \"{title}\": kept the first",
                    s.title
                ));
            }
            return i;
        }
        self.out.plan.sections.push(NewSection {
            id: id.to_string(),
            title,
        });
        self.out.plan.sections.len() - 1
    }

    fn action(&mut self, id_text: &str, v: &Values, header: &Header, place: &str) {
        let id = clean_id(id_text);
        if !is_id(&id) {
            let col = header.columns.iter().find(|c| c.field == Some(Field::Id));
            self.event(
                place,
                "skipped",
                None,
                format!(
                    "\"{}\" under \"{}\" is not an action id (ids are numbers such as 3, 1.2 or 3.11.3): the row was not imported",
                    short(id_text, 60),
                    col.map_or("id", |c| c.header.as_str())
                ),
            );
            self.last = None;
            return;
        }
        let Some((tcol, title, ..)) = v.get(header, Field::Title) else {
            self.event(
                place,
                "skipped",
                Some(&id),
                format!("action {id} has no action text: the row was not imported"),
            );
            self.last = None;
            return;
        };
        if let Some(first) = self.ids.get(&id) {
            self.out.errors.push(format!(
                "action id {id} appears twice ({first} and {place}); ids must be unique in a plan"
            ));
            return;
        }
        self.ids.insert(id.clone(), place.to_string());
        if let Some(why) = too_long(title) {
            self.event(
                place,
                "skipped",
                Some(&id),
                format!(
                    "the \"{}\" cell {why}: the row was not imported",
                    tcol.header
                ),
            );
            return;
        }
        let mut a = NewAction {
            id: id.clone(),
            title: title.to_string(),
            section: self.section.clone(),
            theme: self.theme.clone(),
            ..NewAction::default()
        };
        // the rating cell last, after the status cell, so a rating cell that says "Complete"
        // never overrules the status column (a stable sort: the rest keep their order)
        let mut cells: Vec<&(usize, String, Option<NaiveDate>, bool)> =
            v.by_column.iter().collect();
        cells.sort_by_key(|(ci, ..)| header.columns[*ci].field == Some(Field::Rag));
        for (ci, text, date, _) in cells {
            let col = &header.columns[*ci];
            let Some(field) = col.field else { continue };
            if text.is_empty() || matches!(field, Field::Id | Field::Title | Field::Skip) {
                continue;
            }
            if let Some(why) = too_long(text) {
                self.event(
                    place,
                    "left-out",
                    Some(&id),
                    format!("the \"{}\" cell {why}", col.header),
                );
                continue;
            }
            self.place_value(&mut a, col, text, *date, v, header, place, Joining::No);
        }
        self.out.plan.actions.push(a);
        self.last = Some(self.out.plan.actions.len() - 1);
    }

    /// A row without an id: joins the action above, when no heading came between.
    fn join(&mut self, v: &Values, header: &Header, place: &str) {
        let text: Vec<String> = v
            .by_column
            .iter()
            .filter(|(.., merged)| !merged)
            .map(|(_, t, ..)| short(t, 50))
            .filter(|t| !t.is_empty())
            .collect();
        let Some(i) = self.last else {
            self.event(
                place,
                "skipped",
                None,
                format!(
                    "no id, and no action above it to join (a heading comes between): \"{}\"",
                    text.join(" | ")
                ),
            );
            return;
        };
        let mut a = std::mem::take(&mut self.out.plan.actions[i]);
        let before = self.out.events.len();
        let mut parts = Vec::new();
        let due = v.get(header, Field::Due).filter(|(.., m)| !m);
        let title = v.get(header, Field::Title).filter(|(.., m)| !m);
        // "Revised: March 2017" or "(& ongoing)" under an action: its timescale continues
        let continued = due.and_then(|(_, t, ..)| {
            if let Some((_, new)) = words::revised(t) {
                Some(revise(&mut a, &new, t))
            } else if words::only_ongoing(t) {
                let t = t.replace('\n', " ");
                Some(match a.due.take() {
                    Some(d) => {
                        let written = format!("{} {}", due_text_of(&d), t.trim());
                        a.due = Some(Due::Text(written.clone()));
                        format!(
                            "its timescale \"{}\" was added to the due date: \"{written}\"",
                            short(&t, 40)
                        )
                    }
                    None => {
                        a.due = Some(Due::Text(t.trim().to_string()));
                        format!("its timescale \"{}\" became the due date", short(&t, 40))
                    }
                })
            } else {
                None
            }
        });
        if let Some(p) = continued.clone() {
            parts.push(p);
            if let Some((_, t, ..)) = title {
                a.title.push('\n');
                a.title.push_str(t);
                parts.push("its action text was added to the action's".to_string());
            }
        } else if let Some((_, due_text, date, _)) = due {
            let milestone = title.map_or_else(
                || "Further timescale".to_string(),
                |(_, t, ..)| t.to_string(),
            );
            a.milestones.push(NewMilestone {
                title: milestone.clone(),
                due: due_value(due_text, date),
            });
            parts.push(format!(
                "its timescale \"{}\" became a milestone (\"{}\")",
                short(due_text, 40),
                short(&milestone, 40)
            ));
        } else if let Some((_, t, ..)) = title {
            a.title.push('\n');
            a.title.push_str(t);
            parts.push("its action text was added to the action's".to_string());
        }
        for (ci, text, date, merged) in &v.by_column {
            let col = &header.columns[*ci];
            let Some(field) = col.field else { continue };
            if *merged
                || text.is_empty()
                || matches!(field, Field::Id | Field::Title | Field::Due | Field::Skip)
            {
                continue;
            }
            if let Some(why) = too_long(text) {
                self.event(
                    place,
                    "left-out",
                    Some(&a.id),
                    format!("the \"{}\" cell {why}", col.header),
                );
                continue;
            }
            let how = if continued.is_some() {
                Joining::Continued
            } else {
                Joining::Row
            };
            if let Some(p) = self.place_value(&mut a, col, text, *date, v, header, place, how) {
                parts.push(p);
            }
        }
        let id = a.id.clone();
        self.out.plan.actions[i] = a;
        self.out.joined += 1;
        let message = if parts.is_empty() {
            "no id: joined the action above, with nothing new to add".to_string()
        } else {
            format!("no id: joined action {id}: {}", parts.join("; "))
        };
        // the join's own line first, then what of it could not be placed
        let left: Vec<RowEvent> = self.out.events.drain(before..).collect();
        self.event(place, "joined", Some(&id), message);
        self.out.events.extend(left);
    }

    /// Puts one cell's value in the action; on a joined row, says what it added.
    #[allow(clippy::too_many_arguments)]
    fn place_value(
        &mut self,
        a: &mut NewAction,
        col: &Column,
        text: &str,
        date: Option<NaiveDate>,
        v: &Values,
        header: &Header,
        place: &str,
        how: Joining,
    ) -> Option<String> {
        let joining = how != Joining::No;
        let field = col.field?;
        let id = a.id.clone();
        let single = |slot: &mut Option<String>, value: String, me: &mut Self| -> Option<String> {
            match slot {
                None => {
                    *slot = Some(value.clone());
                    joining.then(|| format!("{} \"{}\"", field.name(), short(&value, 40)))
                }
                Some(old) if old.eq_ignore_ascii_case(&value) => None,
                Some(old) => {
                    me.event(
                        place,
                        "left-out",
                        Some(&id),
                        format!(
                            "\"{}\" under \"{}\" was left out: action {id} already has {} \"{}\"",
                            short(&value, 40),
                            col.header,
                            field.name(),
                            short(old, 40)
                        ),
                    );
                    None
                }
            }
        };
        match field {
            Field::Id | Field::Title | Field::Skip => None,
            Field::Due => {
                // "March 2016\nRevised: March 2017" in one cell: the revised date is due
                match words::revised(text).filter(|(b, _)| !b.is_empty() && date.is_none()) {
                    Some((base, new)) => {
                        a.due = Some(due_value(&base, None));
                        revise(a, &new, text);
                    }
                    None => a.due = Some(due_value(text, date)),
                }
                None
            }
            // an "Original due date" column: the baseline (dropped in `finish` when the due
            // date never moved from it)
            Field::BaselineDue => {
                if a.baseline_due.is_none() {
                    a.baseline_due = Some(due_value(text, date));
                }
                None
            }
            Field::Leads => {
                let (leads, partners) = split_leads(text);
                if leads.len() > 1 {
                    self.out.splits.push(Split {
                        place: place.to_string(),
                        action: id.clone(),
                        from: text.to_string(),
                        into: leads.clone(),
                    });
                }
                let added = add_unique(&mut a.leads, leads);
                let moved = add_unique(&mut a.partners, partners.clone());
                if !partners.is_empty() && !joining {
                    self.moved.push(id.clone());
                }
                let mut p = Vec::new();
                if !added.is_empty() {
                    p.push(format!("leads added: {}", added.join(", ")));
                }
                if !moved.is_empty() {
                    p.push(format!("partners added: {}", moved.join(", ")));
                }
                (joining && !p.is_empty()).then(|| p.join("; "))
            }
            Field::Partners => {
                let names = split_list(text, true)
                    .iter()
                    .flat_map(|item| words::split_names(item))
                    .collect();
                let added = add_unique(&mut a.partners, names);
                (joining && !added.is_empty())
                    .then(|| format!("partners added: {}", added.join(", ")))
            }
            Field::Outcomes => {
                let added = add_unique(&mut a.outcomes, split_list(text, false));
                (joining && !added.is_empty())
                    .then(|| format!("outcomes added: {}", added.join(", ")))
            }
            Field::Rag => {
                let written = text.replace('\n', " ");
                if let Some(name) = words::rating_word(&written, self.opts.scale) {
                    return single(&mut a.rag, name, self);
                }
                // "Complete", "Not started" in the rating column: a status, not a rating;
                // BRAG's "B"/"Blue" on a scale without blue says complete
                let status = words::status_word(&written, self.opts.statuses).or_else(|| {
                    words::blue_on_a_scale_without_blue(&written, self.opts.scale)
                        .then_some(Status::Complete)
                });
                if let Some(s) = status {
                    let said = self.status_from_words(a, s, place, col, &written);
                    let done = (s == Status::Complete)
                        .then(|| words::completion_rating(self.opts.scale))
                        .flatten();
                    if let Some(r) = done {
                        return single(&mut a.rag, r.to_string(), self).or(said);
                    }
                    return said;
                }
                *self.off_scale.entry(written.clone()).or_default() += 1;
                single(&mut a.rag, written, self)
            }
            // "✓", "Yes" under "Done?" or "Complete (Yes/No)": the status the question names;
            // "No", "✗", "Part": none, and nothing left out
            Field::Status
                if words::question_status(&col.header, self.opts.statuses).is_some()
                    && words::answer(text).is_some() =>
            {
                let s = words::question_status(&col.header, self.opts.statuses)?;
                if words::answer(text) != Some(true) {
                    return None;
                }
                let mut slot = a.status.map(|s| s.as_str().to_string());
                let r = single(&mut slot, s.as_str().to_string(), self);
                a.status = a.status.or(Some(s));
                r
            }
            Field::Status => match self.status_of(text) {
                Some(s) => {
                    let mut slot = a.status.map(|s| s.as_str().to_string());
                    let r = single(&mut slot, s.as_str().to_string(), self);
                    a.status = a.status.or(Some(s));
                    r
                }
                // "Green" in a status column: a rating, when no rating cell gave one
                None if words::rating_word(text, self.opts.scale).is_some() && a.rag.is_none() => {
                    let name = words::rating_word(text, self.opts.scale)?;
                    single(&mut a.rag, name, self)
                }
                None => {
                    self.event(
                        place,
                        "left-out",
                        Some(&id),
                        format!(
                            "status \"{}\" is not one planlint knows (in progress, complete, not started, on hold, withdrawn): left out",
                            short(text, 40)
                        ),
                    );
                    None
                }
            },
            Field::Scope => single(&mut a.scope, text.replace('\n', " "), self),
            Field::Theme => single(&mut a.theme, text.replace('\n', " "), self),
            // a column only guessed to be the section ("Core service", 73% sure) under banner
            // or heading rows that give the sections: it groups the actions within them
            Field::Section
                if self.heading_section
                    && a.section.is_some()
                    && !col.mapped
                    && col
                        .confidence
                        .is_some_and(|c| c < vocabulary::SECTION_OVER_HEADINGS) =>
            {
                let note = format!(
                    "the column \"{}\" (read as the section, {}% sure) is the actions' theme: heading or banner rows give the sections",
                    col.header,
                    col.confidence.unwrap_or_default()
                );
                if !self.out.notes.contains(&note) {
                    self.out.notes.push(note);
                }
                single(&mut a.theme, text.replace('\n', " "), self)
            }
            Field::Section => {
                let (sid, title) = match numbered(text) {
                    Some((sid, title)) => (sid, title),
                    None => {
                        let t = text.replace('\n', " ");
                        match self.out.plan.sections.iter().find(|s| s.title == t) {
                            Some(s) => (s.id.clone(), t),
                            None => (self.next_section_id(), t),
                        }
                    }
                };
                self.section_index(&sid, &title);
                // a section cell written once above the rows it covers covers them all
                self.section = Some(sid.clone());
                self.heading_section = false;
                a.section = Some(sid);
                None
            }
            Field::NextSteps => {
                match &mut a.next_steps {
                    Some(n) => {
                        n.push_str("\n\n");
                        n.push_str(text);
                    }
                    None => a.next_steps = Some(text.to_string()),
                }
                joining.then(|| "its next steps were added".to_string())
            }
            Field::Plan => {
                let t = text.replace('\n', " ");
                if !self.out.plan_names.contains(&t) {
                    self.out.plan_names.push(t);
                }
                None
            }
            Field::UpdateDate => None,
            Field::Update => {
                let row_date = v
                    .get(header, Field::UpdateDate)
                    .and_then(|(_, t, d, _)| d.or_else(|| day_of(t)));
                // a log of dated paragraphs ("23/11/2017: …"): an update per entry, dated as
                // written, unless a date column dates the row or the header's own month dates
                // a cell with a single entry
                let log = super::entries::dated_entries(text).filter(|e| {
                    row_date.is_none()
                        && (e.len() > 1
                            || col.date.is_none()
                            || super::header::header_date(&col.header).is_none())
                });
                let entries = match log {
                    Some(e) => e,
                    None => {
                        let Some(date) = row_date.or(col.date).or(self.opts.update_date) else {
                            self.undated
                                .entry(col.header.clone())
                                .or_default()
                                .push(place.to_string());
                            return None;
                        };
                        vec![(date, text.to_string())]
                    }
                };
                let dates: Vec<String> = entries.iter().map(|(d, _)| d.to_string()).collect();
                for (date, text) in entries {
                    match a.updates.iter_mut().find(|u| u.date == date) {
                        Some(u) => {
                            // a continuation row's text goes on the action's sentence; any
                            // other row's is a paragraph of its own
                            u.text.push_str(if how == Joining::Continued {
                                " "
                            } else {
                                "\n\n"
                            });
                            u.text.push_str(&text);
                        }
                        None => a.updates.push(NewUpdate { date, text }),
                    }
                }
                joining.then(|| {
                    format!(
                        "its update text was added to the update of {}",
                        dates.join(", ")
                    )
                })
            }
        }
    }

    /// Numbered rows that only name a group of the actions after them ("3.2 Crisis lines"
    /// above 3.2.1, 3.2.2: Pan-Lancashire's sub-headings) are themes of those actions.
    fn subheadings(&mut self) {
        let actions = std::mem::take(&mut self.out.plan.actions);
        let mut kept: Vec<NewAction> = Vec::with_capacity(actions.len());
        let mut theme: Option<(String, String)> = None;
        for (i, a) in actions.iter().enumerate() {
            let bare = a.leads.is_empty()
                && a.partners.is_empty()
                && a.due.is_none()
                && a.baseline_due.is_none()
                && a.status.is_none()
                && a.rag.is_none()
                && a.outcomes.is_empty()
                && a.next_steps.is_none()
                && a.milestones.is_empty()
                && a.updates.is_empty()
                && a.scope.is_none();
            let prefix = format!("{}.", a.id);
            let parent = actions
                .get(i + 1)
                .is_some_and(|n| n.id.starts_with(&prefix));
            if bare && parent && !a.title.contains('\n') {
                let place = self.ids.get(&a.id).cloned().unwrap_or_default();
                self.out.events.push(RowEvent {
                    place,
                    what: "heading",
                    action: None,
                    message: format!(
                        "\"{} {}\" has no lead, timescale or update and actions {}… follow it: read as the theme of those actions",
                        a.id,
                        short(&a.title, 50),
                        prefix
                    ),
                });
                theme = Some((prefix, a.title.clone()));
                continue;
            }
            let mut a = a.clone();
            if let Some((p, t)) = &theme {
                if a.id.starts_with(p.as_str()) {
                    a.theme = Some(t.clone());
                } else {
                    theme = None;
                }
            }
            kept.push(a);
        }
        self.out.plan.actions = kept;
    }

    fn finish(mut self) -> Built {
        if self.auto_id > 0 {
            // ids planlint made up are said, never passed off as the plan's own
            self.out.notes.push(format!(
                "no id column read: the actions are numbered 1–{} in the order they appear (name the id column with --map 'HEADER=id' if the plan has one)",
                self.auto_id
            ));
        }
        for (header, rows) in std::mem::take(&mut self.undated) {
            let shown: Vec<&str> = rows.iter().take(5).map(String::as_str).collect();
            let more = if rows.len() > 5 {
                format!(" and {} more", rows.len() - 5)
            } else {
                String::new()
            };
            self.out.errors.push(format!(
                "the update column \"{header}\" names no month, so planlint cannot date its updates ({}{more}): pass --update-date YYYY-MM-DD with the date of this review (planlint never invents a date)",
                shown.join(", ")
            ));
        }
        if !self.moved.is_empty() {
            self.out.notes.push(format!(
                "\"Working with\" lines in the lead column went to partners (action{} {})",
                if self.moved.len() == 1 { "" } else { "s" },
                self.moved.join(", ")
            ));
        }
        if !self.off_scale.is_empty() {
            let total: usize = self.off_scale.values().sum();
            let list: Vec<String> = self
                .off_scale
                .iter()
                .map(|(t, n)| {
                    if *n > 1 {
                        format!("\"{t}\" ×{n}")
                    } else {
                        format!("\"{t}\"")
                    }
                })
                .collect();
            let names: Vec<&str> = self.opts.scale.names().collect();
            self.out.notes.push(format!(
                "{total} rating{} not on the {} scale ({}) kept as written: {}; `planlint check` reports {} (rag-unknown). If that column holds something else, import again with --map 'HEADER=FIELD' (e.g. =scope)",
                if total == 1 { " is" } else { "s are" },
                self.opts.scale.preset,
                names.join(", "),
                list.join(", "),
                if total == 1 { "it" } else { "them" }
            ));
        }
        for s in &mut self.out.plan.sections {
            if s.title.is_empty() {
                s.title = format!("Section {}", s.id);
                self.out.notes.push(format!(
                    "section {} has no heading text in the document: titled \"{}\"",
                    s.id, s.title
                ));
            }
        }
        self.subheadings();
        for a in &mut self.out.plan.actions {
            a.updates.sort_by_key(|u| u.date);
            // an original date the action still keeps is no baseline of a revision
            if a.baseline_due.is_some() && a.baseline_due == a.due {
                a.baseline_due = None;
            }
        }
        if self.opts.infer_status {
            self.infer_statuses();
        }
        self.out.plan.updated = self
            .out
            .plan
            .actions
            .iter()
            .flat_map(|a| a.updates.iter().map(|u| u.date))
            .max();
        self.out
    }
}

/// How a cell's row stands to the action it fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joining {
    /// The action's own row.
    No,
    /// A row without an id, joining the action above.
    Row,
    /// A row that continues the action above: its timescale revised the due date or said the
    /// work goes on, and its update text continues the action's.
    Continued,
}

impl Builder<'_> {
    /// The status a status cell's words give: `[import] statuses`, then the defaults.
    fn status_of(&self, text: &str) -> Option<Status> {
        words::status_word(text, self.opts.statuses)
    }

    /// A status said in a cell that is not the status column (the rating column's "Complete"):
    /// set when the action has none, listed as inferred; a different status already set is
    /// kept and this one noted.
    fn status_from_words(
        &mut self,
        a: &mut NewAction,
        s: Status,
        place: &str,
        col: &Column,
        written: &str,
    ) -> Option<String> {
        match a.status {
            None => {
                a.status = Some(s);
                self.out.inferred.push(Inferred {
                    place: place.to_string(),
                    action: a.id.clone(),
                    status: s.as_str().to_string(),
                    because: format!(
                        "the \"{}\" cell says \"{}\"",
                        short(&col.header, 40),
                        short(written, 40)
                    ),
                });
                Some(format!("status {}", s.as_str()))
            }
            Some(old) if old == s => None,
            Some(old) => {
                let id = a.id.clone();
                self.event(
                    place,
                    "left-out",
                    Some(&id),
                    format!(
                        "\"{}\" under \"{}\" was left out: action {id} already has status \"{}\"",
                        short(written, 40),
                        col.header,
                        old.as_str()
                    ),
                );
                None
            }
        }
    }

    /// With no status from a cell: the status the latest update's words declare (see
    /// `infer_statuses`).
    fn infer_statuses(&mut self) {
        let ids = &self.ids;
        let found = infer_statuses(&mut self.out.plan.actions, |id| {
            ids.get(id).cloned().unwrap_or_default()
        });
        self.out.inferred.extend(found);
    }
}

/// For each action with no status: the status its latest update's words declare ("Action
/// complete.", "Completed in May 2016", "Withdrawn: see 4.1"), read by the same reader as
/// `rag-text-mismatch` (`lint::phrases`); what it set, to list in the report. `place` names an
/// action's row. Import runs it again once an Updates sheet's rows have joined their actions.
pub fn infer_statuses(actions: &mut [NewAction], place: impl Fn(&str) -> String) -> Vec<Inferred> {
    use crate::lint::phrases::{declared_status, Says};
    let mut out = Vec::new();
    for a in actions {
        if a.status.is_some() {
            continue;
        }
        let Some(latest) = a.updates.iter().max_by_key(|u| u.date) else {
            continue;
        };
        let Some((says, range)) = declared_status(&latest.text) else {
            continue;
        };
        let status = match says {
            Says::Complete => Status::Complete,
            Says::Withdrawn => Status::Withdrawn,
            Says::Slipped => continue,
        };
        a.status = Some(status);
        let words: String = latest.text[range]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        out.push(Inferred {
            place: place(&a.id),
            action: a.id.clone(),
            status: status.as_str().to_string(),
            because: format!(
                "the latest update ({}) says \"{words}\": {}",
                latest.date,
                short(&latest.text.replace('\n', " "), 60)
            ),
        });
    }
    out
}

/// Makes `new` the action's due date and keeps the first timescale as `baseline_due` (the
/// first only: a second revision keeps the agreed date); says what it did.
fn revise(a: &mut NewAction, new: &str, written: &str) -> String {
    let old = a.due.take();
    let was = match (&a.baseline_due, &old) {
        (Some(b), _) => format!(
            " (baseline_due stays \"{}\", the first)",
            short(&due_text_of(b), 40)
        ),
        (None, Some(d)) => format!(
            " (the first, \"{}\", kept as baseline_due)",
            short(&due_text_of(d), 40)
        ),
        (None, None) => String::new(),
    };
    if a.baseline_due.is_none() {
        a.baseline_due = old;
    }
    a.due = Some(due_value(new, None));
    format!(
        "its timescale \"{}\" made \"{}\" the due date{was}",
        short(&written.replace('\n', " "), 40),
        short(new, 40)
    )
}

/// A due date as written in the plan: its text, or the date.
fn due_text_of(d: &Due) -> String {
    match d {
        Due::Date(d) => d.to_string(),
        Due::Text(t) => t.clone(),
    }
}

/// A row that repeats the header (Word tables split over pages, sheets pasted together).
fn is_header_again(row: &Row, header: &Header) -> bool {
    let mut same = 0;
    for c in &header.columns {
        let Some(cell) = row.cells.get(c.index) else {
            return false;
        };
        if normalise(&cell.text).replace('\n', " ") != c.header {
            if !cell.is_blank() {
                return false;
            }
        } else {
            same += 1;
        }
    }
    same * 2 > header.columns.len()
}

/// A sheet's banner: the first row above the header holding one text cell (and its index).
fn sheet_banner(table: &Table, header_row: usize) -> Option<(usize, String)> {
    table
        .rows
        .iter()
        .take(header_row)
        .enumerate()
        .find_map(|(i, r)| {
            let own: Vec<&Cell> = r
                .cells
                .iter()
                .filter(|c| !c.is_blank() && !c.merged_from_above)
                .collect();
            match own.as_slice() {
                [one] => Some((i, normalise(&one.text).replace('\n', " "))),
                _ => None,
            }
        })
}

/// The heading paragraph just before a Word table, when there is one: the last paragraph that
/// is numbered ("2. Access to support") or styled as a heading. A number alone takes the
/// paragraph after it as its title.
fn section_paragraph(before: &[super::table::Paragraph]) -> Option<String> {
    let i = before
        .iter()
        .rposition(|p| numbered(&normalise(&p.text)).is_some() || (p.heading && !p.title))?;
    let text = normalise(&before[i].text);
    if let Some((_, rest)) = numbered(&text) {
        if rest.is_empty() {
            if let Some(next) = before.get(i + 1) {
                return Some(format!("{text} {}", normalise(&next.text)));
            }
        }
    }
    (text.chars().count() <= 300).then_some(text)
}

/// "1. Commissioning …", "3", "4.\nImproved quality …", "Section 2: Access …": the number and
/// the rest. `None` when the text does not start with a number.
pub fn numbered(text: &str) -> Option<(String, String)> {
    let t = text.trim();
    // "Section 2: …", and the other words plans number their parts with ("Priority 1: …",
    // "Scheme 3 – …"), which keep their word in the title: "Priority 1" is how the plan
    // names it
    let whole = t;
    let mut keep_word = false;
    let t = [
        "section",
        "priority",
        "scheme",
        "objective",
        "theme",
        "workstream",
        "outcome",
        "aim",
        "part",
    ]
    .iter()
    .find_map(|w| {
        let head = t.get(..w.len())?;
        let rest = t.get(w.len()..)?;
        let found = head.eq_ignore_ascii_case(w) && rest.starts_with(' ');
        keep_word = found && *w != "section";
        found.then(|| rest.trim_start())
    })
    .unwrap_or(t);
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(t.len(), |(i, _)| i);
    let number = t[..end].trim_end_matches('.');
    if number.is_empty()
        || !number.starts_with(|c: char| c.is_ascii_digit())
        || number.contains("..")
    {
        return None;
    }
    let rest = &t[end..];
    let rest = rest.strip_prefix([')', ':']).unwrap_or(rest);
    // "2015 plan", "24/7 crisis line": a number glued to other text is not a heading number
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    if number.len() > 12 {
        return None;
    }
    let rest = rest.trim().trim_start_matches(['-', '–', '—']).trim();
    if keep_word && !rest.is_empty() {
        return Some((number.to_string(), whole.replace('\n', " ")));
    }
    Some((number.to_string(), rest.replace('\n', " ")))
}

/// An id as written, without the trailing dot Word tables put after numbers ("1." is "1").
fn clean_id(text: &str) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join("");
    t.trim_end_matches('.').to_string()
}

/// Ids as real plans write them: "1", "3.11.3", "1001", "A1", "2b", "HW-3", and the codes of
/// programme offices and performance systems ("ASC001", "CSP-002", "PL-WR-01", "ASCT-4").
/// At most `ID_LETTERS` letters in all; a run of more than three letters only in capitals (a
/// code, not a word: "Year1", "Phase2" are no ids).
pub fn is_id(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.');
    let runs_ok = t.split(|c: char| !c.is_ascii_alphabetic()).all(|run| {
        run.len() <= 3 || (run.len() <= 4 && run.chars().all(|c| c.is_ascii_uppercase()))
    });
    !t.is_empty()
        && t.len() <= 20
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/' | '_'))
        && t.chars().filter(|c| c.is_ascii_alphabetic()).count() <= ID_LETTERS
        && runs_ok
}

/// The most letters an id holds ("PL-WR-01" has four, "ABC-DE-1" five).
const ID_LETTERS: usize = 6;

/// Why a cell is too long to place, when it is.
fn too_long(text: &str) -> Option<String> {
    let n = text.chars().count();
    (n > MAX_CELL_CHARS).then(|| {
        format!(
            "holds {n} characters (more than {MAX_CELL_CHARS}): too long to be one value of a plan"
        )
    })
}

/// A timescale cell: a spreadsheet date or an ISO date is a date, anything else its text.
fn due_value(text: &str, date: Option<NaiveDate>) -> Due {
    if let Some(d) = date {
        return Due::Date(d);
    }
    match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        Ok(d) if text.trim().len() == 10 => Due::Date(d),
        _ => match iso_midnight(text) {
            Some(d) => Due::Date(d),
            None => Due::Text(text.to_string()),
        },
    }
}

/// The ways exports write a date as a datetime at midnight: SharePoint's
/// "2016-09-30T00:00:00Z", a database's "2016-09-30 00:00:00", with or without seconds,
/// fractions or an offset. Only midnight: a time of day is more than a date.
const ISO_MIDNIGHTS: &[&str] = &[
    "T00:00:00Z",
    "T00:00:00",
    "T00:00:00.000Z",
    "T00:00:00.000",
    "T00:00Z",
    "T00:00",
    "T00:00:00+00:00",
    " 00:00:00",
    " 00:00:00.000",
    " 00:00",
];

/// A date written as an ISO datetime at midnight ("2016-09-30T00:00:00Z"): its day.
fn iso_midnight(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let (day, time) = (t.get(..10)?, t.get(10..)?);
    if !ISO_MIDNIGHTS.contains(&time) {
        return None;
    }
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// A date written in a cell ("2015-11-30", "30/11/2015", "Nov 2015").
fn day_of(text: &str) -> Option<NaiveDate> {
    if let Some(d) = iso_midnight(text) {
        return Some(d);
    }
    // "02-Feb-2017", as performance systems export dates
    if let Ok(d) = NaiveDate::parse_from_str(text.trim(), "%d-%b-%Y") {
        return Some(d);
    }
    use crate::plan::timescale::{parse, TimescaleKind};
    let ts = parse(text).ok()?;
    matches!(ts.kind, TimescaleKind::Date | TimescaleKind::Month).then_some(ts.due)?
}

/// Splits a list cell on line breaks and bullets, and on semicolons when `semicolons`.
fn split_list(text: &str, semicolons: bool) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let pieces: Vec<&str> = if semicolons {
            line.split(';').collect()
        } else {
            vec![line]
        };
        for piece in pieces {
            let p = strip_bullet(piece);
            if !p.is_empty() {
                out.push(p.to_string());
            }
        }
    }
    out
}

/// A leading bullet (•, ·, -, –, *, ▪, o) and the space after it. `-`, `–` and `*` also start
/// ordinary text ("-2 beds", "*Interim*"): they are a bullet only with a blank after them.
fn strip_bullet(text: &str) -> &str {
    let t = text.trim();
    for b in ['•', '·', '▪', '◦', '●', '-', '–', '*', '\u{f0b7}'] {
        if let Some(rest) = t.strip_prefix(b) {
            if matches!(b, '-' | '–' | '*') && !rest.starts_with(char::is_whitespace) {
                return t;
            }
            return rest.trim();
        }
    }
    t
}

/// Leads, with "Working with: X" lines (Nottinghamshire's lead column) as partners.
fn split_leads(text: &str) -> (Vec<String>, Vec<String>) {
    let mut leads = Vec::new();
    let mut partners = Vec::new();
    for item in split_list(text, true) {
        // an ASCII needle found byte by byte: its offsets are char boundaries of `item` itself
        // (lower-casing first could shift them, 'İ' lower-cases to two characters)
        let needle = b"working with";
        let found = item
            .as_bytes()
            .windows(needle.len())
            .position(|w| w.eq_ignore_ascii_case(needle));
        if let Some(pos) = found {
            let head = item[..pos].trim().trim_end_matches([',', '-', '–']).trim();
            let tail = item[pos + "working with".len()..]
                .trim_start_matches([':', ' '])
                .trim();
            if !head.is_empty() {
                leads.extend(words::split_names(head));
            }
            if !tail.is_empty() {
                partners.extend(words::split_names(tail));
            }
        } else {
            leads.extend(words::split_names(&item));
        }
    }
    (leads, partners)
}

/// Adds the items not already in `list` (compared without case); returns those added.
fn add_unique(list: &mut Vec<String>, items: Vec<String>) -> Vec<String> {
    let mut added = Vec::new();
    for i in items {
        if !list.iter().any(|l| l.eq_ignore_ascii_case(&i)) {
            list.push(i.clone());
            added.push(i);
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_headings() {
        assert_eq!(
            numbered("1. Commissioning"),
            Some(("1".into(), "Commissioning".into()))
        );
        assert_eq!(numbered("3"), Some(("3".into(), String::new())));
        assert_eq!(
            numbered("4.\nImproved quality"),
            Some(("4".into(), "Improved quality".into()))
        );
        assert_eq!(
            numbered("Section 2: Access"),
            Some(("2".into(), "Access".into()))
        );
        assert_eq!(numbered("24/7 crisis line"), None);
        assert_eq!(numbered("Matching local need"), None);
    }

    #[test]
    fn ids() {
        for ok in [
            "1", "3.11.3", "1001", "A1", "2b", "12", "PL-WR-01", "MD1", "SD4", "ASC001", "CSP-002",
            "ASCT-4",
        ] {
            assert!(is_id(ok), "{ok}");
        }
        for bad in [
            "See above",
            "All",
            "",
            "Refer to no.15",
            "Year1",
            "Phase2",
            "ABCD-EFG-1",
        ] {
            assert!(!is_id(bad), "{bad}");
        }
        assert_eq!(clean_id("1."), "1");
        assert_eq!(clean_id("3 ."), "3");
    }

    #[test]
    fn iso_datetimes_at_midnight_are_dates() {
        let day = NaiveDate::from_ymd_opt(2016, 9, 30).expect("date");
        for cell in [
            "2016-09-30",
            "2016-09-30T00:00:00Z",
            "2016-09-30 00:00:00",
            "2016-09-30T00:00:00.000Z",
            " 2016-09-30T00:00 ",
        ] {
            assert_eq!(due_value(cell, None), Due::Date(day), "{cell}");
            assert_eq!(day_of(cell), Some(day), "{cell}");
        }
        for cell in [
            "2016-09-30T17:30:00Z",
            "2016-09-30 (revised)",
            "30/09/2016 ish",
        ] {
            assert_eq!(due_value(cell, None), Due::Text(cell.to_string()), "{cell}");
        }
    }

    #[test]
    fn leads_split_on_lines_bullets_and_semicolons() {
        let (l, p) = split_leads("· LBC - Public Health\n• CCG; Police\nWorking with: Mind");
        assert_eq!(l, ["LBC - Public Health", "CCG", "Police"]);
        assert_eq!(p, ["Mind"]);
        let (l, p) = split_leads("İstanbul Trust Working With: Mind");
        assert_eq!(
            (l, p),
            (vec!["İstanbul Trust".to_string()], vec!["Mind".to_string()])
        );
        let (l, p) = split_leads("All CCGs working with: Healthcare Trust");
        assert_eq!(
            (l, p),
            (
                vec!["All CCGs".to_string()],
                vec!["Healthcare Trust".to_string()]
            )
        );
        assert_eq!(
            split_list("- Police; -2 beds; * Mind; *Interim*", true),
            ["Police", "-2 beds", "Mind", "*Interim*"]
        );
        assert_eq!(
            split_list("1. First; still first\n2. Second", false),
            ["1. First; still first", "2. Second"]
        );
    }

    #[test]
    fn status_words() {
        let status_of = |t: &str| words::status_word(t, &BTreeMap::new());
        assert_eq!(status_of("In progress"), Some(Status::InProgress));
        assert_eq!(status_of("Completed"), Some(Status::Complete));
        assert_eq!(status_of("Not started"), Some(Status::NotStarted));
        assert_eq!(status_of("On hold"), Some(Status::OnHold));
        assert_eq!(status_of("Withdrawn"), Some(Status::Withdrawn));
        assert_eq!(status_of("Partly"), None);
    }
}
