//! The words plans head their columns with, as data: for each field the names UK public-sector
//! plans use (the four seeds', the trackers boards keep, NHS and council programme offices'
//! templates, and headers written as questions), the words that say nothing about a column
//! (stop words), the words that only date a column ("December 2016"), the headers that name two
//! fields until their cells settle it, and the words a rating column holds. `header` matches
//! on these; nothing here is code.
//!
//! A name is written as people write it; `header` compares it by its words (lower case,
//! punctuation dropped, light stemming, stop words and date words ignored), so "Lead officer",
//! "LEAD OFFICER:" and "Lead Officers" are one name and need one entry.

/// Where a column's cells go in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Id,
    Title,
    Due,
    /// The first agreed date when a column keeps it beside the due date ("Original due date").
    BaselineDue,
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
    Field::BaselineDue,
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
            Field::BaselineDue => "baseline_due",
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
            "baseline" => "baseline_due",
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

/// Known names per field. A header equal to one of them (ignoring case and punctuation) is
/// 100% sure; one with the same words in another form ("Owners", "Responsibility", "Due by:")
/// 95%; one that holds all the words of a name and others ("Named lead officer") less, by how
/// much of the header the name covers.
pub const NAMES: &[(Field, &[&str])] = &[
    (
        Field::Id,
        &[
            "no",
            "number",
            "ref",
            "ref no",
            "reference",
            "reference number",
            "id",
            "action no",
            "action number",
            "action ref",
            "action id",
            "item",
            "item no",
            "action reference",
            "ref number",
            "objective no",
            "objective ref",
            "line",
            "line no",
            "code",
            "action code",
            "scheme ref",
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
            "actions required",
            "action required",
            "action to be taken",
            "actions to be taken",
            "key actions",
            "specific actions",
            "action planned",
            "planned action",
            "what are we going to do",
            "what will we do",
            "what we will do",
            "what will be done",
            "what needs to be done",
            "what needs to happen",
            "what is going to happen",
            "what action will be taken",
            "what we are going to do",
            "intervention",
            "initiative",
            "recommendation",
            "commitment",
            "our commitment",
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
            "due by",
            "target date",
            "target completion date",
            "deadline",
            "by when",
            "date due",
            "completion date",
            "date for completion",
            "expected completion",
            "expected completion date",
            "timeframe",
            "time frame",
            "timeline",
            "when",
            "due as written",
            "target timescale",
            "end date",
            "completion by",
            "to be completed by",
            "when will it be completed",
            "when will it be done",
            "when will it be done by",
            "when will it happen",
            "when will we do it",
            "when by",
            "end",
            "finish",
            "finish date",
            "revised date",
            "revised deadline",
            "revised timescale",
            "revised target date",
            "milestone date",
            "forecast completion date",
        ],
    ),
    (
        Field::BaselineDue,
        &[
            "original due date",
            "original date",
            "original deadline",
            "original target date",
            "original timescale",
            "original completion date",
            "baseline date",
            "baseline due date",
            "baseline deadline",
            "baseline timescale",
            "baseline completion date",
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
            "action owner",
            "responsible",
            "lead officer",
            "lead organisation",
            "lead agency",
            "lead person",
            "lead body",
            "lead partner",
            "lead responsibility",
            "responsibility",
            "who",
            "lead s",
            "accountable",
            "accountable officer",
            "accountable lead",
            "accountable person",
            "responsible officer",
            "responsible person",
            "responsible lead",
            "responsible organisation",
            "responsible agency",
            "named lead",
            "senior responsible officer",
            "sro",
            "who will lead",
            "who is responsible",
            "who will do it",
            "who will do this",
            "who is leading",
            "who leads",
            "assigned to",
            "sro",
            "sro lead",
            "executive lead",
            "lead director",
            "lead manager",
        ],
    ),
    (
        Field::Partners,
        &[
            "partners",
            "partner",
            "working with",
            "partner organisations",
            "partner agencies",
            "supported by",
            "supporting organisations",
            "supporting agencies",
            "supporting partners",
            "key partners",
            "other partners",
            "partners involved",
            "contributors",
            "who else is involved",
            "who else",
            "in partnership with",
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
            "brag",
            "brag status",
            "brag rating",
            "rag rated",
            "rag score",
            "are we on track",
            "on track",
            "how are we doing",
            "risk rating",
            "delivery confidence",
            "r a g",
            "r a g status",
            "r a g rating",
        ],
    ),
    (
        Field::Status,
        &[
            "status",
            "current status",
            "progress status",
            "state",
            "action status",
            "delivery status",
            "overall status",
            "completion status",
            "completed",
            "complete",
            "completed yes no",
            "complete yes no",
            "complete y n",
            "done",
            "is it done",
        ],
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
            "position statement",
            "progress",
            "progress to date",
            "progress update",
            "progress report",
            "progress made",
            "progress comments",
            "update comments",
            "current update",
            "summary of progress",
            "what progress has been made",
            "what have we done",
            "what have we done so far",
            "what has been done",
            "what has been achieved",
            "where are we now",
            "latest note",
            "latest notes",
            "progress notes",
            "update notes",
            "status update",
            "progress narrative",
            "narrative",
            "exception report",
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
            "date of last update",
            "progress date",
            "latest note date",
            "note date",
            "last note date",
            "update on",
            "as at",
        ],
    ),
    (
        Field::Outcomes,
        &[
            "outcomes",
            "outcome",
            "expected outcome",
            "expected outcomes",
            "intended outcome",
            "desired outcome",
            "measures of success",
            "success measures",
            "success measure",
            "success criteria",
            "measure",
            "measures",
            "evidence",
            "evidence of success",
            "evidence of impact",
            "impact",
            "expected impact",
            "kpi",
            "kpis",
            "performance measure",
            "how will we know",
            "how will we know we have succeeded",
            "how will we measure success",
            "how will we measure it",
            "what difference will it make",
            "what will success look like",
            "what does success look like",
            "outputs",
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
            "strategic priority",
            "programme",
            "area",
            "area of focus",
            "key area",
            "service",
            "service area",
            "directorate",
            "strand",
        ],
    ),
    (
        Field::Theme,
        &[
            "theme",
            "sub theme",
            "subheading",
            "sub heading",
            "topic",
            "key theme",
            "aim",
            "goal",
            "strategic objective",
        ],
    ),
    (Field::Scope, &["scope", "local or countywide", "geography"]),
    (
        Field::NextSteps,
        &[
            "follow up",
            "next steps",
            "next step",
            "next actions",
            "actions for next period",
            "what next",
            "what happens next",
        ],
    ),
    (Field::Plan, &["plan", "plan title"]),
];

/// Headers that name two fields, with how sure each reading is; the column's cells and the
/// other columns settle it. An "Objective" beside an "Action" column groups actions: their
/// section (a theme when a section column is there too); alone it is the action. A "Target" of dates is a due date, of sentences an outcome. A
/// "Milestone" column alone is the action; beside an "Action" column it is left out (a plan's
/// milestones have their own dates, which one column cannot give).
pub const AMBIGUOUS: &[(&str, &[(Field, u8)])] = &[
    (
        "objective",
        &[(Field::Title, 80), (Field::Section, 75), (Field::Theme, 70)],
    ),
    (
        "objectives",
        &[(Field::Title, 80), (Field::Section, 75), (Field::Theme, 70)],
    ),
    (
        "aim objective",
        &[(Field::Title, 75), (Field::Section, 75), (Field::Theme, 70)],
    ),
    ("target", &[(Field::Due, 80), (Field::Outcomes, 65)]),
    ("targets", &[(Field::Due, 70), (Field::Outcomes, 70)]),
    ("milestone", &[(Field::Title, 75)]),
    ("milestones", &[(Field::Title, 75)]),
    ("key milestones", &[(Field::Title, 75)]),
    ("deliverable", &[(Field::Title, 85), (Field::Outcomes, 80)]),
    ("deliverables", &[(Field::Outcomes, 85), (Field::Title, 85)]),
    (
        "key deliverables",
        &[(Field::Outcomes, 85), (Field::Title, 85)],
    ),
    ("officer", &[(Field::Leads, 55)]),
    ("date", &[(Field::Due, 45), (Field::UpdateDate, 40)]),
];

/// Words that say a column is not the field, whatever else it says: a "Start date" or an
/// "Original due date" is not when the action is due.
pub const NOT: &[(Field, &[&str])] = &[
    (
        Field::Due,
        &["start", "original", "baseline", "begin", "commence"],
    ),
    (Field::Update, &["date"]),
];

/// Fields a header ending in one of these words is not: "Updated by", "Update provided by"
/// name who gave the update.
pub const NOT_AT_END: &[(Field, &[&str])] =
    &[(Field::Update, &["by"]), (Field::UpdateDate, &["by"])];

/// Fields matched on exact names only: a word of theirs inside a longer header means nothing
/// ("Action plan ref" is an id, not the plan's title).
pub const EXACT_ONLY: &[Field] = &[Field::Plan, Field::Scope, Field::Skip];

/// Words of a document's or a sheet's title ("Bexley action plan", "Progress report to the
/// board"): a header cell holding one is read by exact names only, never by some of its words.
pub const BANNER_WORDS: &[&str] = &[
    "plan",
    "strategy",
    "report",
    "board",
    "partnership",
    "concordat",
];

/// Words that say nothing about what a column holds.
pub const STOP_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "for",
    "to",
    "and",
    "or",
    "in",
    "on",
    "at",
    "is",
    "are",
    "be",
    "been",
    "will",
    "would",
    "shall",
    "should",
    "we",
    "our",
    "us",
    "it",
    "its",
    "has",
    "have",
    "this",
    "that",
    "by",
    "so",
    "as",
    "from",
    "per",
    "if",
    "any",
    "s",
    "e",
    "g",
    "eg",
    "i",
    "ie",
    "etc",
    "please",
    "include",
    "including",
];

/// Words that only date a column ("Update for December 2016", "Progress at Q2"): months, and
/// quarters; numbers are dropped too.
pub const DATE_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "q1",
    "q2",
    "q3",
    "q4",
    "quarter",
    "month",
    "monthly",
    "quarterly",
];

/// What a rating column holds ("R", "Amber", "A/G", "Blue"): a "Status" column of these is the
/// rating. Compared as `header::key`s.
pub const RATING_WORDS: &[&str] = &[
    "r",
    "a",
    "g",
    "b",
    "red",
    "amber",
    "green",
    "blue",
    "yellow",
    "grey",
    "ra",
    "ag",
    "a g",
    "r a",
    "red amber",
    "on track",
    "off track",
    "at risk",
    "amber green",
    "amber red",
    "green amber",
    "black",
];

/// What a priority column holds ("High", "Medium", "Low"): a "Priority" column of these ranks
/// the actions; it does not group them into sections.
pub const PRIORITY_WORDS: &[&str] = &[
    "high",
    "medium",
    "low",
    "h",
    "m",
    "l",
    "critical",
    "very high",
    "med",
    "hi",
    "lo",
    "urgent",
    "essential",
    "desirable",
];

/// Confidence (0–100) below which a column is not read: it is left out and listed with its
/// guess, so `--map` can say what it is.
pub const FLOOR: u8 = 60;

/// Confidence below which a column read as the section does not override the sections that
/// heading or banner rows give ("MUST DO – …" above "Core service", 73% sure): below it, the
/// column is the actions' theme.
pub const SECTION_OVER_HEADINGS: u8 = 80;

/// Confidence below which a reading is no guess at all: the column is "not a field planlint
/// knows".
pub const GUESS_FLOOR: u8 = 40;

/// A header row must name the action and be this sure in all (the sum of its fields'
/// confidences): two fields named plainly, or more named less plainly.
pub const HEADER_SCORE: u32 = 200;

/// Rows under a header sampled to settle a column's field.
pub const SAMPLE_ROWS: usize = 30;
