//! The plan format's shape, said once: every table of a plan (the file itself, `[plan]`,
//! `[[sections]]`, `[[actions]]`, `[[actions.milestones]]`, `[[actions.updates]]`), its keys in
//! the canonical order, each key's value, whether it is required, and its documentation.
//!
//! Everything else that knows a plan's keys reads them from here: the JSON Schema in
//! `schema/plan-v1.schema.json` is generated from this module (`schema_text`; a test fails when
//! the checked-in file differs, `UPDATE_SCHEMA=1 cargo test --lib plan::shape` rewrites it), the
//! typed fast check (`plan::valid`), the history cache's summary reader's field table
//! (`git::summary`), the formatter's key order (`edit::format`) and the importer's writer
//! (`convert::write`). The JSON Schema stays the validator of record; this is where it is
//! written.
//!
//! To change what the plan format accepts: change a table here, regenerate the schema, and give
//! the typed model (`plan::model`) the field.
//!
//! May use: nothing else in the crate.

/// One table of the plan format.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// Its name under the schema's `$defs` (empty for the file itself, the schema's root).
    pub def: &'static str,
    /// Its title in the schema.
    pub title: &'static str,
    /// What it is, for the schema's description (editors show it as hover text).
    pub doc: &'static str,
    /// Its keys in the canonical order (the order `planlint fmt` writes them).
    pub keys: &'static [Key],
}

/// One key of a table.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub name: &'static str,
    pub value: Value,
    pub required: bool,
    pub doc: &'static str,
    /// The schema's `examples`, as JSON text.
    pub examples: Option<&'static str>,
}

/// What a key's value is.
#[derive(Debug, Clone, Copy)]
pub enum Value {
    /// `schema_version`: the integer 1.
    Version,
    /// Any text.
    Text,
    /// Text of a pattern.
    Pattern(&'static Pattern),
    /// One text of a list.
    OneOf(&'static [&'static str]),
    /// A value the schema defines once under `$defs` and refers to.
    Ref(Shared),
    /// An array of texts.
    Texts,
    /// An array of rule names, each once (`allow`).
    RuleNames,
    /// A table (`[plan]`).
    Table(&'static Table),
    /// An array of tables (`[[actions]]`).
    Tables(&'static Table),
}

/// The values defined once under the schema's `$defs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shared {
    NonEmpty,
    Date,
    Timescale,
    Rating,
    Status,
    RuleName,
}

/// A shared value's entry in `$defs`.
#[derive(Debug, Clone, Copy)]
pub struct Def {
    pub shared: Shared,
    pub name: &'static str,
    pub title: &'static str,
    pub doc: &'static str,
    pub examples: Option<&'static str>,
}

/// A text pattern as the schema writes it (`regex`) and as the fast check reads it: a first
/// byte, then any number of bytes of a set (the property test in `plan::valid` keeps the two
/// equal).
#[derive(Debug)]
pub struct Pattern {
    pub regex: &'static str,
    pub first: fn(u8) -> bool,
    pub rest: fn(u8) -> bool,
}

impl Pattern {
    pub fn matches(&self, s: &str) -> bool {
        let b = s.as_bytes();
        b.first().is_some_and(|c| (self.first)(*c)) && b[1..].iter().all(|c| (self.rest)(*c))
    }
}

impl Table {
    /// The key called `name`.
    pub fn key(&self, name: &str) -> Option<&'static Key> {
        self.keys.iter().find(|k| k.name == name)
    }

    /// The keys that must be there.
    pub fn required(&self) -> impl Iterator<Item = &'static str> {
        self.keys.iter().filter(|k| k.required).map(|k| k.name)
    }

    /// `allow` needs `allow_reason` (`dependentRequired`) wherever a table has both.
    pub fn allow_needs_reason(&self) -> bool {
        self.key("allow").is_some() && self.key("allow_reason").is_some()
    }
}

impl Value {
    /// The table under this key, and whether the format writes it as `[[tables]]` (true) or
    /// as a `[table]` (false).
    pub fn child(&self) -> Option<(&'static Table, bool)> {
        match *self {
            Value::Table(t) => Some((t, false)),
            Value::Tables(t) => Some((t, true)),
            _ => None,
        }
    }

    /// The value may be written as a TOML date.
    pub fn takes_date(&self) -> bool {
        matches!(self, Value::Ref(Shared::Date | Shared::Timescale))
    }
}

impl Shared {
    pub fn def(self) -> &'static Def {
        SHARED_DEFS
            .iter()
            .find(|d| d.shared == self)
            .unwrap_or(&SHARED_DEFS[0])
    }
}

/// The names of `keys`, in order, as a constant array (`N` is `keys.len()`; any other is a
/// compile error), for code that wants a table's key order as `&[&str]`.
pub const fn names<const N: usize>(keys: &[Key]) -> [&'static str; N] {
    assert!(keys.len() == N, "N must be the number of keys");
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = keys[i].name;
        i += 1;
    }
    out
}

fn lower_or_digit(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

fn lower_digit_or_hyphen(b: u8) -> bool {
    lower_or_digit(b) || b == b'-'
}

/// A plan's id.
pub const PLAN_ID: Pattern = Pattern {
    regex: "^[a-z0-9][a-z0-9-]*$",
    first: lower_or_digit,
    rest: lower_digit_or_hyphen,
};

/// A rule's name.
pub const RULE_NAME: Pattern = Pattern {
    regex: "^[a-z][a-z0-9-]*$",
    first: |b| b.is_ascii_lowercase(),
    rest: lower_digit_or_hyphen,
};

/// The statuses of an action, a milestone or an update (`model::Status` reads them; a test
/// keeps the two equal).
pub const STATUSES: &[&str] = &[
    "not-started",
    "in-progress",
    "complete",
    "withdrawn",
    "on-hold",
];

/// How often a plan is reviewed.
pub const REVIEW_CYCLES: &[&str] = &["monthly", "bimonthly", "quarterly", "six-monthly", "annual"];

/// The schema's `$id`: where the published schema lives.
pub const SCHEMA_ID: &str = "https://planlint.dev/schema/plan-v1.schema.json";

/// The tables under the schema's `$defs`, in the order it lists them (after the shared values).
pub const TABLES: [&Table; 5] = [&PLAN, &SECTION, &ACTION, &MILESTONE, &UPDATE];

// ---------------------------------------------------------------------------------------------
// The tables
// ---------------------------------------------------------------------------------------------

/// The plan file itself.
pub const ROOT: Table = Table {
    def: "",
    title: "planlint action plan, format version 1",
    doc: "One public-sector action plan kept as a TOML file: the plan's details, its sections, and its actions with their leads, timescales, ratings, milestones and progress updates. This schema is the normative form of the plan file format, version 1. TOML dates reach the schema as text in the form YYYY-MM-DD. Unknown keys are refused everywhere, so a misspelt key such as `laeds` is reported rather than silently ignored.",
    keys: &[
        Key {
            name: "schema_version",
            value: Value::Version,
            required: true,
            doc: "The version of the plan file format this file is written in. Always 1 for now; write `schema_version = 1` as the first line of the plan.",
            examples: Some(r#"[1]"#),
        },
        Key {
            name: "plan",
            value: Value::Table(&PLAN),
            required: true,
            doc: "The plan as a whole: its id, title, owning board and review cycle. Written as the [plan] table.",
            examples: None,
        },
        Key {
            name: "sections",
            value: Value::Tables(&SECTION),
            required: false,
            doc: "The plan's sections (headings that group actions), in the order they appear in the plan. Each is written as a [[sections]] table.",
            examples: None,
        },
        Key {
            name: "actions",
            value: Value::Tables(&ACTION),
            required: false,
            doc: "The plan's actions, in the order they appear in the plan. Each is written as an [[actions]] table.",
            examples: None,
        },
        Key {
            name: "allow",
            value: Value::RuleNames,
            required: false,
            doc: "Names of planlint rules to switch off for the whole plan, such as \"vague-lead\". Give the reason in `allow_reason`.",
            examples: Some(r#"[["vague-lead", "stale-action"]]"#),
        },
        Key {
            name: "allow_reason",
            value: Value::Ref(Shared::NonEmpty),
            required: false,
            doc: "Why the rules named in `allow` are switched off for this plan, for the record. Required whenever `allow` is given.",
            examples: None,
        },
        Key {
            name: "allow_until",
            value: Value::Ref(Shared::Date),
            required: false,
            doc: "The last day the rules named in `allow` stay switched off for this plan: after it their findings are back, marked \"allowance expired\", until the exception is agreed again or the problem fixed.",
            examples: Some(r#"["2016-03-31"]"#),
        },
    ],
};

pub const PLAN: Table = Table {
    def: "planInfo",
    title: "Plan details",
    doc: "The [plan] table: who owns the plan and how often it is reviewed.",
    keys: &[
        Key {
            name: "id",
            value: Value::Pattern(&PLAN_ID),
            required: true,
            doc: "A short name for the plan, unique across the repository: lowercase letters, digits and hyphens, starting with a letter or digit.",
            examples: Some(r#"["bexley-crisis-care"]"#),
        },
        Key {
            name: "title",
            value: Value::Ref(Shared::NonEmpty),
            required: true,
            doc: "The plan's full title, as it appears on the published plan.",
            examples: Some(r#"["Bexley crisis care action plan"]"#),
        },
        Key {
            name: "owner",
            value: Value::Text,
            required: false,
            doc: "The board or group accountable for the plan.",
            examples: Some(r#"["MH Strategic Programme Group"]"#),
        },
        Key {
            name: "updated",
            value: Value::Ref(Shared::Date),
            required: false,
            doc: "The date of the latest review update of the whole plan, written as a TOML date such as 2015-11-30 (no quotes).",
            examples: None,
        },
        Key {
            name: "review_cycle",
            value: Value::OneOf(REVIEW_CYCLES),
            required: false,
            doc: "How often the plan is reviewed; planlint uses it to decide when an action's updates have gone stale.",
            examples: Some(r#"["quarterly"]"#),
        },
    ],
};

pub const SECTION: Table = Table {
    def: "section",
    title: "Section",
    doc: "A [[sections]] table: a numbered heading of the plan that groups actions.",
    keys: &[
        Key {
            name: "id",
            value: Value::Ref(Shared::NonEmpty),
            required: true,
            doc: "The section's number or short id, unique within the plan; actions name it in their `section` key.",
            examples: Some(r#"["1", "2"]"#),
        },
        Key {
            name: "title",
            value: Value::Ref(Shared::NonEmpty),
            required: true,
            doc: "The section heading as written in the plan.",
            examples: Some(r#"["Commissioning to allow earlier intervention"]"#),
        },
        Key {
            name: "rag",
            value: Value::Ref(Shared::Rating),
            required: false,
            doc: "The overall rating declared for the section. planlint warns when it is better than the worst rating of the section's actions (rule rag-rollup).",
            examples: None,
        },
        Key {
            name: "description",
            value: Value::Text,
            required: false,
            doc: "Free text about the section, such as its aim or scope.",
            examples: None,
        },
    ],
};

pub const ACTION: Table = Table {
    def: "action",
    title: "Action",
    doc: "An [[actions]] table: one piece of work in the plan, with who leads it, when it is due and how it is going.",
    keys: &[
        Key {
            name: "id",
            value: Value::Ref(Shared::NonEmpty),
            required: true,
            doc: "The action's number as written in the plan, unique within the plan, such as \"1\", \"3.2.1\" or \"1001\". Write it in quotes.",
            examples: Some(r#"["1.1", "3.2.1", "1001"]"#),
        },
        Key {
            name: "section",
            value: Value::Text,
            required: false,
            doc: "The id of the section this action belongs to. When the plan has sections, it must name one of them (rule unknown-section).",
            examples: Some(r#"["1"]"#),
        },
        Key {
            name: "theme",
            value: Value::Text,
            required: false,
            doc: "A sub-heading within the section that the action sits under, as free text.",
            examples: None,
        },
        Key {
            name: "title",
            value: Value::Ref(Shared::NonEmpty),
            required: true,
            doc: "What is to be done, as written in the plan.",
            examples: Some(r#"["Establish a mental health needs assessment"]"#),
        },
        Key {
            name: "scope",
            value: Value::Text,
            required: false,
            doc: "Where the action applies, as free text, such as \"local\" or \"countywide\".",
            examples: Some(r#"["local", "countywide"]"#),
        },
        Key {
            name: "leads",
            value: Value::Texts,
            required: false,
            doc: "The people, posts or organisations accountable for delivering the action. An open action needs at least one real lead (rule missing-lead); placeholders such as \"All\" or \"TBC\" are flagged (rule vague-lead).",
            examples: Some(r#"[["Public Health, Luton Borough Council"]]"#),
        },
        Key {
            name: "partners",
            value: Value::Texts,
            required: false,
            doc: "Organisations working with the leads on the action (\"working with\" in many plans).",
            examples: Some(r#"[["Mind", "Police"]]"#),
        },
        Key {
            name: "due",
            value: Value::Ref(Shared::Timescale),
            required: false,
            doc: "When the action is due: a TOML date such as 2015-06-30, or the plan's timescale text in quotes, such as \"June 2015\", \"Q1 2015/16\" or \"Ongoing\".",
            examples: None,
        },
        Key {
            name: "baseline_due",
            value: Value::Ref(Shared::Timescale),
            required: false,
            doc: "The due date first agreed, kept when the action has been re-planned so slippage can be seen. Same forms as `due`.",
            examples: None,
        },
        Key {
            name: "status",
            value: Value::Ref(Shared::Status),
            required: false,
            doc: "Where the action stands: not-started, in-progress, complete, withdrawn or on-hold.",
            examples: None,
        },
        Key {
            name: "rag",
            value: Value::Ref(Shared::Rating),
            required: false,
            doc: "The action's current rating on the configured scale, such as \"amber\". Matched case-insensitively.",
            examples: None,
        },
        Key {
            name: "outcomes",
            value: Value::Texts,
            required: false,
            doc: "The outcomes or deliverables the action is expected to produce.",
            examples: Some(r#"[["A detailed profile of demand for crisis services"]]"#),
        },
        Key {
            name: "refs",
            value: Value::Texts,
            required: false,
            doc: "Ids of related actions in the same plan. Each must name an existing action (rule dangling-ref).",
            examples: Some(r#"[["15", "3.2"]]"#),
        },
        Key {
            name: "next_steps",
            value: Value::Text,
            required: false,
            doc: "What happens next on the action, as free text.",
            examples: None,
        },
        Key {
            name: "allow",
            value: Value::RuleNames,
            required: false,
            doc: "Names of planlint rules to switch off for this action only, such as \"vague-lead\". Give the reason in `allow_reason`.",
            examples: Some(r#"[["vague-lead"]]"#),
        },
        Key {
            name: "allow_reason",
            value: Value::Ref(Shared::NonEmpty),
            required: false,
            doc: "Why the rules named in `allow` are switched off for this action, for the record. Required whenever `allow` is given.",
            examples: None,
        },
        Key {
            name: "allow_until",
            value: Value::Ref(Shared::Date),
            required: false,
            doc: "The last day the rules named in `allow` stay switched off for this action: after it their findings are back, marked \"allowance expired\", until the exception is agreed again or the problem fixed.",
            examples: Some(r#"["2016-03-31"]"#),
        },
        Key {
            name: "milestones",
            value: Value::Tables(&MILESTONE),
            required: false,
            doc: "Interim steps with their own due dates, for multi-part timescales such as \"Sep 15 Review / March 2016 in full\". Each is written as an [[actions.milestones]] table.",
            examples: None,
        },
        Key {
            name: "updates",
            value: Value::Tables(&UPDATE),
            required: false,
            doc: "Progress updates, oldest first. Each is written as an [[actions.updates]] table.",
            examples: None,
        },
    ],
};

pub const MILESTONE: Table = Table {
    def: "milestone",
    title: "Milestone",
    doc: "An [[actions.milestones]] table: an interim step of an action with its own due date.",
    keys: &[
        Key {
            name: "title",
            value: Value::Ref(Shared::NonEmpty),
            required: true,
            doc: "What the milestone is, such as \"Review\" or \"In place in full\".",
            examples: Some(r#"["Review"]"#),
        },
        Key {
            name: "due",
            value: Value::Ref(Shared::Timescale),
            required: true,
            doc: "When the milestone is due: a TOML date such as 2015-09-30, or timescale text in quotes, such as \"Sep 2015\".",
            examples: None,
        },
        Key {
            name: "status",
            value: Value::Ref(Shared::Status),
            required: false,
            doc: "Where the milestone stands: not-started, in-progress, complete, withdrawn or on-hold.",
            examples: None,
        },
        Key {
            name: "rag",
            value: Value::Ref(Shared::Rating),
            required: false,
            doc: "The milestone's rating on the configured scale, such as \"green\".",
            examples: None,
        },
    ],
};

pub const UPDATE: Table = Table {
    def: "update",
    title: "Progress update",
    doc: "An [[actions.updates]] table: one progress report on an action, such as from a review meeting.",
    keys: &[
        Key {
            name: "date",
            value: Value::Ref(Shared::Date),
            required: true,
            doc: "The date of the update, written as a TOML date such as 2015-11-30 (no quotes).",
            examples: None,
        },
        Key {
            name: "text",
            value: Value::Ref(Shared::NonEmpty),
            required: true,
            doc: "What was reported at this update.",
            examples: Some(r#"["JSNA published; baseline work continues."]"#),
        },
        Key {
            name: "rag",
            value: Value::Ref(Shared::Rating),
            required: false,
            doc: "The rating given to the action at this update, such as \"amber\".",
            examples: None,
        },
        Key {
            name: "status",
            value: Value::Ref(Shared::Status),
            required: false,
            doc: "The action's status as reported at this update: not-started, in-progress, complete, withdrawn or on-hold.",
            examples: None,
        },
        Key {
            name: "by",
            value: Value::Text,
            required: false,
            doc: "Who gave the update (a person, post or group).",
            examples: Some(r#"["Public Health lead"]"#),
        },
    ],
};

pub const SHARED_DEFS: [Def; 6] = [
    Def {
        shared: Shared::NonEmpty,
        name: "nonEmptyString",
        title: "Non-empty text",
        doc: "Text that must contain at least one character.",
        examples: None,
    },
    Def {
        shared: Shared::Date,
        name: "date",
        title: "Date",
        doc: "A calendar date, written as a TOML date without quotes, such as 2015-11-30 (year-month-day). Tools see it as the text \"2015-11-30\".",
        examples: Some(r#"["2015-11-30"]"#),
    },
    Def {
        shared: Shared::Timescale,
        name: "timescale",
        title: "Timescale",
        doc: "When something is due: either a TOML date such as 2015-06-30 (no quotes), or the timescale text the plan uses, in quotes. Accepted texts: a month (\"June 2015\", \"Jun 2015\", \"Sept 15\") meaning the end of that month; a year (\"2017\"); a UK financial year (\"2015/16\", \"15-16\", \"FY15/16\") running 1 April to 31 March; a financial quarter (\"Q1 2015/16\", Q1 = April to June); a start (\"From Jan 2015\"); a range (\"From Dec 2014 to March 2015\", \"January-July 2015\"), due at its end; a review point (\"Review Sep 2015\"); continuing work (\"June 2015 (& ongoing)\", \"Ongoing\"); or no due date (\"By exception\", \"TBC\"). Text planlint cannot read is reported by the unparsed-timescale rule; an empty text is reported by the lint rules, not by this schema.",
        examples: Some(r#"["2015-06-30", "June 2015", "Q1 2015/16", "2015/16", "Ongoing"]"#),
    },
    Def {
        shared: Shared::Rating,
        name: "rating",
        title: "Rating",
        doc: "A progress rating such as \"red\", \"amber\" or \"green\". The rating scale is set in planlint.toml (RAG, BRAG, the five-point Delivery Confidence scale, or your own, with aliases such as yellow = amber), so any text is accepted here; planlint matches it case-insensitively against the configured scale and reports ratings that are not on it (rule rag-unknown).",
        examples: Some(r#"["red", "amber", "green", "amber-green", "blue"]"#),
    },
    Def {
        shared: Shared::Status,
        name: "status",
        title: "Status",
        doc: "Where the work stands: not-started, in-progress, complete, withdrawn (dropped, will not be done) or on-hold (paused).",
        examples: Some(r#"["in-progress"]"#),
    },
    Def {
        shared: Shared::RuleName,
        name: "ruleName",
        title: "Rule name",
        doc: "The name of a planlint rule, in lowercase with hyphens, such as \"vague-lead\" (`planlint rules` lists them).",
        examples: Some(r#"["vague-lead", "stale-action"]"#),
    },
];

// ---------------------------------------------------------------------------------------------
// The JSON Schema, generated
// ---------------------------------------------------------------------------------------------

/// The plan format's JSON Schema as text: what `schema/plan-v1.schema.json` holds (byte for
/// byte: a test checks) and `plan::schema` embeds.
pub fn schema_text() -> String {
    let mut root = vec![
        member(
            "$schema",
            quoted("https://json-schema.org/draft/2020-12/schema"),
        ),
        member("$id", quoted(SCHEMA_ID)),
        member("title", quoted(ROOT.title)),
        member("description", quoted(ROOT.doc)),
    ];
    root.extend(table_members(&ROOT, 2));
    let mut defs: Vec<(String, String)> = SHARED_DEFS
        .iter()
        .map(|d| member(d.name, shared_def(d, 4)))
        .collect();
    for t in TABLES {
        let mut members = vec![
            member("title", quoted(t.title)),
            member("description", quoted(t.doc)),
        ];
        members.extend(table_members(t, 6));
        defs.push(member(t.def, object(members, 4)));
    }
    root.push(member("$defs", object(defs, 2)));
    let mut out = object(root, 0);
    out.push('\n');
    out
}

fn member(key: &str, value: String) -> (String, String) {
    (key.to_string(), value)
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// `["a", "b"]` on one line.
fn inline_list(items: &[&str]) -> String {
    let items: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", items.join(", "))
}

/// `{ "key": value }` on one line.
fn inline_object(key: &str, value: &str) -> String {
    format!("{{ {}: {value} }}", quoted(key))
}

fn reference(name: &str) -> String {
    quoted(&format!("#/$defs/{name}"))
}

/// An object whose opening brace ends a line indented by `indent`; members one a line.
fn object(members: Vec<(String, String)>, indent: usize) -> String {
    let pad = " ".repeat(indent + 2);
    let lines: Vec<String> = members
        .iter()
        .map(|(k, v)| format!("{pad}{}: {v}", quoted(k)))
        .collect();
    format!("{{\n{}\n{}}}", lines.join(",\n"), " ".repeat(indent))
}

/// An object table's members; `indent` is the members' own indent.
fn table_members(t: &Table, indent: usize) -> Vec<(String, String)> {
    let required: Vec<&str> = t.required().collect();
    let mut m = vec![
        member("type", quoted("object")),
        member("additionalProperties", "false".into()),
        member("required", inline_list(&required)),
    ];
    if t.allow_needs_reason() {
        m.push(member(
            "dependentRequired",
            object(
                vec![member("allow", inline_list(&["allow_reason"]))],
                indent,
            ),
        ));
    }
    let props = t
        .keys
        .iter()
        .map(|k| member(k.name, property(k, indent + 2)))
        .collect();
    m.push(member("properties", object(props, indent)));
    m
}

fn property(k: &Key, indent: usize) -> String {
    let string = || member("type", quoted("string"));
    let mut m = match k.value {
        Value::Version => vec![
            member("type", quoted("integer")),
            member("const", "1".into()),
        ],
        Value::Text => vec![string()],
        Value::Pattern(p) => vec![string(), member("pattern", quoted(p.regex))],
        Value::OneOf(list) => vec![string(), member("enum", inline_list(list))],
        Value::Ref(s) => vec![member("$ref", reference(s.def().name))],
        Value::Texts => vec![
            member("type", quoted("array")),
            member("items", inline_object("type", &quoted("string"))),
        ],
        Value::RuleNames => vec![
            member("type", quoted("array")),
            member("uniqueItems", "true".into()),
            member(
                "items",
                inline_object("$ref", &reference(Shared::RuleName.def().name)),
            ),
        ],
        Value::Table(t) => vec![member("$ref", reference(t.def))],
        Value::Tables(t) => vec![
            member("type", quoted("array")),
            member("items", inline_object("$ref", &reference(t.def))),
        ],
    };
    m.push(member("description", quoted(k.doc)));
    if let Some(e) = k.examples {
        m.push(member("examples", e.to_string()));
    }
    object(m, indent)
}

fn shared_def(d: &Def, indent: usize) -> String {
    let mut m = vec![
        member("title", quoted(d.title)),
        member("description", quoted(d.doc)),
        member("type", quoted("string")),
    ];
    m.push(match d.shared {
        Shared::NonEmpty | Shared::Rating => member("minLength", "1".into()),
        Shared::Timescale => member("minLength", "0".into()),
        Shared::Date => member("format", quoted("date")),
        Shared::Status => member("enum", inline_list(STATUSES)),
        Shared::RuleName => member("pattern", quoted(RULE_NAME.regex)),
    });
    if let Some(e) = d.examples {
        m.push(member("examples", e.to_string()));
    }
    object(m, indent)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/plan-v1.schema.json");

    /// The checked-in schema is the generated one, byte for byte. `UPDATE_SCHEMA=1 cargo test
    /// --lib plan::shape` writes the generated one first (then review the diff).
    #[test]
    fn the_checked_in_schema_is_the_generated_one() {
        let generated = schema_text();
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(PATH, &generated).expect("write the schema");
        }
        let on_disk = std::fs::read_to_string(PATH).expect("read the schema");
        assert!(
            on_disk == generated,
            "schema/plan-v1.schema.json is not what plan/shape.rs generates; run \
             `UPDATE_SCHEMA=1 cargo test --lib plan::shape` and review the diff"
        );
        // what the binary embeds is the file (equal once rebuilt after an update)
        if std::env::var_os("UPDATE_SCHEMA").is_none() {
            assert_eq!(crate::plan::schema::SCHEMA_TEXT, generated);
        }
    }

    /// A TOML value of each kind, the way a plan writes it.
    fn sample(v: Value) -> String {
        match v {
            Value::Version => "1".into(),
            Value::Text | Value::Ref(Shared::NonEmpty) => "\"x\"".into(),
            Value::Pattern(_) => "\"p-1\"".into(),
            Value::OneOf(list) => format!("{:?}", list[0]),
            Value::Ref(Shared::Date) => "2015-11-30".into(),
            Value::Ref(Shared::Timescale) => "\"June 2015\"".into(),
            Value::Ref(Shared::Rating) => "\"amber\"".into(),
            Value::Ref(Shared::Status) => format!("{:?}", STATUSES[1]),
            Value::Ref(Shared::RuleName) | Value::RuleNames => "[\"vague-lead\"]".into(),
            Value::Texts => "[\"x\"]".into(),
            Value::Table(_) | Value::Tables(_) => String::new(),
        }
    }

    /// Every key of `t` with a sample value, then its subtables under `path`.
    fn write_table(out: &mut String, t: &Table, path: &str) {
        for k in t.keys.iter().filter(|k| k.value.child().is_none()) {
            out.push_str(&format!("{} = {}\n", k.name, sample(k.value)));
        }
        for k in t.keys {
            if let Some((child, many)) = k.value.child() {
                let name = if path.is_empty() {
                    k.name.to_string()
                } else {
                    format!("{path}.{}", k.name)
                };
                let header = if many {
                    format!("[[{name}]]")
                } else {
                    format!("[{name}]")
                };
                out.push_str(&format!("{header}\n"));
                write_table(out, child, &name);
            }
        }
    }

    /// A plan with every key the shape has is accepted by the JSON Schema, proved by the fast
    /// check, loaded into the model, and left as it is by the formatter's key order.
    #[test]
    fn a_plan_with_every_key_of_the_shape_is_read_everywhere() {
        let mut text = String::new();
        write_table(&mut text, &ROOT, "");
        let loaded = crate::plan::load::load_text(
            "p.toml".into(),
            text.clone(),
            crate::plan::load::LoadSeverities::default(),
        );
        assert!(loaded.findings.is_empty(), "{:?}\n{text}", loaded.findings);
        assert!(loaded.plan.is_some(), "{text}");
        let root = toml::de::DeTable::parse(&text).expect("TOML");
        assert!(crate::plan::valid::proves(root.get_ref()), "{text}");
        for key in [
            "milestones",
            "updates",
            "baseline_due",
            "allow_reason",
            "review_cycle",
        ] {
            assert!(text.contains(key), "{key} missing:\n{text}");
        }
    }

    #[test]
    fn the_statuses_are_the_models() {
        let model: Vec<&str> = crate::plan::model::Status::ALL
            .iter()
            .map(|s| s.as_str())
            .collect();
        assert_eq!(model, STATUSES);
    }

    #[test]
    fn names_gives_a_tables_keys_in_order() {
        const N: [&str; 4] = names::<4>(MILESTONE.keys);
        assert_eq!(N, ["title", "due", "status", "rag"]);
    }

    #[test]
    fn the_patterns_read_as_their_regexes() {
        for (s, plan, rule) in [
            ("bexley-crisis-care", true, true),
            ("1-a", true, false),
            ("-a", false, false),
            ("", false, false),
            ("A", false, false),
            ("a_b", false, false),
        ] {
            assert_eq!(PLAN_ID.matches(s), plan, "{s}");
            assert_eq!(RULE_NAME.matches(s), rule, "{s}");
        }
    }
}
