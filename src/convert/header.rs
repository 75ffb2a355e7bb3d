//! Finding the header row and what each column holds, by the names real plans give their
//! columns ("No.", "Led By", "UPDATE NOVEMBER 2015", "Red/Amber/Green (RAG)"), compared without
//! case or punctuation. `--map 'HEADER=FIELD'` overrides or adds a name.

use super::table::{normalise, Table};
use crate::plan::timescale::{self, TimescaleKind};
use chrono::NaiveDate;

/// Where a column's cells go in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Id,
    Title,
    Due,
    Leads,
    Partners,
    Rag,
    Status,
    Update,
    UpdateDate,
    Outcomes,
    Section,
    Theme,
    Scope,
    NextSteps,
    /// The plan's title (a workbook's "Plan" column, as `export` writes it).
    Plan,
    /// `--map 'HEADER=skip'`: leave the column out.
    Skip,
}

pub const FIELDS: &[Field] = &[
    Field::Id,
    Field::Title,
    Field::Due,
    Field::Leads,
    Field::Partners,
    Field::Rag,
    Field::Status,
    Field::Update,
    Field::UpdateDate,
    Field::Outcomes,
    Field::Section,
    Field::Theme,
    Field::Scope,
    Field::NextSteps,
    Field::Plan,
    Field::Skip,
];

impl Field {
    /// The name `--map` and the report use: the plan key where there is one.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::Due => "due",
            Field::Leads => "leads",
            Field::Partners => "partners",
            Field::Rag => "rag",
            Field::Status => "status",
            Field::Update => "update",
            Field::UpdateDate => "update_date",
            Field::Outcomes => "outcomes",
            Field::Section => "section",
            Field::Theme => "theme",
            Field::Scope => "scope",
            Field::NextSteps => "next_steps",
            Field::Plan => "plan",
            Field::Skip => "skip",
        }
    }

    pub fn parse(name: &str) -> Option<Field> {
        let key = name.trim().to_ascii_lowercase().replace('-', "_");
        let key = match key.as_str() {
            "updates" => "update",
            "updated_on" | "date" => "update_date",
            "lead" => "leads",
            "partner" => "partners",
            "outcome" => "outcomes",
            "rating" => "rag",
            "ignore" | "none" => "skip",
            k => k,
        };
        FIELDS.iter().copied().find(|f| f.name() == key)
    }

    /// Fields that several columns may feed: updates (one per review) and outcomes.
    pub fn repeatable(self) -> bool {
        matches!(self, Field::Update | Field::Skip)
    }
}

/// A header's words, lower case, without punctuation: "Red/Amber/Green (RAG)" is
/// "red amber green rag", "Time-scale" is "time scale".
pub fn key(header: &str) -> String {
    header
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The names seen in real plans (the four seeds and the trackers boards keep), as `key`s.
const NAMES: &[(Field, &[&str])] = &[
    (
        Field::Id,
        &[
            "no",
            "number",
            "ref",
            "ref no",
            "reference",
            "id",
            "action no",
            "action number",
            "action ref",
            "action id",
            "item",
            "item no",
            "action reference",
        ],
    ),
    (
        Field::Title,
        &[
            "action",
            "actions",
            "description",
            "action description",
            "action activity milestone",
            "activity",
            "task",
            "action title",
            "title",
            "what",
        ],
    ),
    (
        Field::Due,
        &[
            "timescale",
            "timescales",
            "time scale",
            "time scales",
            "due",
            "due date",
            "target date",
            "deadline",
            "by when",
            "date due",
            "completion date",
            "timeframe",
            "time frame",
            "when",
            "due as written",
            "target",
        ],
    ),
    (
        Field::Leads,
        &[
            "led by",
            "lead",
            "leads",
            "owner",
            "owners",
            "responsible",
            "lead officer",
            "lead organisation",
            "lead agency",
            "responsibility",
            "who",
            "lead s",
            "accountable",
            "responsible officer",
            "lead partner",
        ],
    ),
    (
        Field::Partners,
        &[
            "partners",
            "partner",
            "working with",
            "partner organisations",
            "supported by",
        ],
    ),
    (
        Field::Rag,
        &[
            "rag",
            "rating",
            "red amber green",
            "rag rating",
            "rag status",
            "status rag",
        ],
    ),
    (
        Field::Status,
        &["status", "current status", "progress status", "state"],
    ),
    (
        Field::Update,
        &[
            "update",
            "updates",
            "latest update",
            "actions to date",
            "outcome progress",
            "comments",
            "commentary",
            "current position",
            "position",
            "progress",
            "progress to date",
        ],
    ),
    (
        Field::UpdateDate,
        &[
            "updated on",
            "update date",
            "date of update",
            "last updated",
            "date updated",
            "updated",
        ],
    ),
    (
        Field::Outcomes,
        &[
            "outcomes",
            "outcome",
            "expected outcome",
            "expected outcomes",
            "deliverables",
            "measures of success",
            "success measures",
        ],
    ),
    (
        Field::Section,
        &[
            "section",
            "workstream",
            "work stream",
            "priority area",
            "priority",
        ],
    ),
    (
        Field::Theme,
        &["theme", "sub theme", "subheading", "sub heading", "topic"],
    ),
    (Field::Scope, &["scope", "local or countywide", "geography"]),
    (Field::NextSteps, &["follow up", "next steps", "next step"]),
    (Field::Plan, &["plan", "plan title"]),
];

/// The field a header names, by the usual names: `None` when it names none.
pub fn recognise(header: &str) -> Option<Field> {
    let k = key(header);
    if k.is_empty() {
        return (header.trim() == "#").then_some(Field::Id);
    }
    let squashed = k.replace(' ', "");
    for (field, names) in NAMES {
        if names
            .iter()
            .any(|n| *n == k || n.replace(' ', "") == squashed)
        {
            return Some(*field);
        }
    }
    // "UPDATE NOVEMBER 2015", "Progress at Q2", "Summary progress against actions (…)"
    if ["update", "progress", "summary progress", "latest update"]
        .iter()
        .any(|p| k.starts_with(&format!("{p} ")))
    {
        return Some(Field::Update);
    }
    // "RAG Status", "Status (RAG)", "Red/Amber/Green (RAG)", "RAG rating at Q2"
    if k.split(' ').any(|w| w == "rag") {
        return Some(Field::Rag);
    }
    None
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
                if matches!(ts.kind, TimescaleKind::Month | TimescaleKind::Date) {
                    return ts.due;
                }
            }
        }
    }
    None
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
}

/// The header row of a table and its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Index into the table's rows.
    pub row: usize,
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

/// The best header row of a table, if one reads as a header: it must name the action
/// (`title`) and at least one other field.
pub fn find(table: &Table, maps: &[Mapping]) -> Option<Header> {
    let mut best: Option<Header> = None;
    for (i, row) in table.rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let header = columns_of(i, row, maps);
        let fields = header.fields();
        if !fields.contains(&Field::Title) || fields.len() < 2 {
            continue;
        }
        if best
            .as_ref()
            .is_none_or(|b| fields.len() > b.fields().len())
        {
            best = Some(header);
        }
    }
    best
}

/// Reads one row as a header.
fn columns_of(index: usize, row: &super::table::Row, maps: &[Mapping]) -> Header {
    let mut columns: Vec<Column> = Vec::new();
    for (grid, cell) in row.cells.iter().enumerate() {
        if cell.span == 0 || cell.merged_from_above {
            continue;
        }
        let text = normalise(&cell.text).replace('\n', " ");
        if text.is_empty() {
            continue;
        }
        let by_map = maps.iter().rev().find(|m| key(&m.header) == key(&text));
        let field = by_map.map(|m| m.field).or_else(|| recognise(&text));
        let date = (field == Some(Field::Update))
            .then(|| header_date(&text))
            .flatten();
        let mut column = Column {
            index: grid,
            span: cell.span.max(1),
            header: text,
            field,
            date,
            why: None,
            mapped: by_map.is_some(),
            confidence: field.map(|_| 100),
        };
        if column.field.is_none() {
            column.why = Some("not a field planlint knows; name one with --map".into());
        } else if let Some(f) = column.field.filter(|f| !f.repeatable()) {
            if let Some(first) = columns.iter().find(|c| c.field == Some(f)) {
                column.why = Some(format!(
                    "{} is already read from \"{}\"",
                    f.name(),
                    first.header
                ));
                column.field = None;
                column.confidence = None;
            }
        }
        columns.push(column);
    }
    Header {
        row: index,
        columns,
    }
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
