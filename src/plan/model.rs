//! The typed plan model the rules read: Plan, Section, Action, Milestone, Update, with the
//! byte spans of their values. Built only from schema-valid files, so it holds no I/O and
//! never fails on shapes the schema already refused.

use crate::plan::timescale::{self, Timescale, Unparsed};
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};
use std::ops::Range;
pub use toml::Spanned;

#[derive(Debug, Clone, Deserialize)]
pub struct Plan {
    pub schema_version: Spanned<i64>,
    pub plan: Spanned<PlanMeta>,
    #[serde(default)]
    pub sections: Vec<Spanned<Section>>,
    #[serde(default)]
    pub actions: Vec<Spanned<Action>>,
    #[serde(default)]
    pub allow: Vec<Spanned<String>>,
    pub allow_reason: Option<Spanned<String>>,
    /// The last day the `allow` holds: after it, its findings are back ("allowance expired").
    pub allow_until: Option<Spanned<Day>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PlanMeta {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub owner: Option<Spanned<String>>,
    pub updated: Option<Spanned<Day>>,
    pub review_cycle: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Section {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub rag: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Action {
    pub id: Spanned<String>,
    pub section: Option<Spanned<String>>,
    pub theme: Option<Spanned<String>>,
    pub title: Spanned<String>,
    pub scope: Option<Spanned<String>>,
    #[serde(default)]
    pub leads: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pub partners: Vec<Spanned<String>>,
    pub due: Option<Spanned<Due>>,
    pub baseline_due: Option<Spanned<Due>>,
    pub status: Option<Spanned<Status>>,
    pub rag: Option<Spanned<String>>,
    #[serde(default)]
    pub outcomes: Vec<Spanned<String>>,
    #[serde(default)]
    pub refs: Vec<Spanned<String>>,
    pub next_steps: Option<Spanned<String>>,
    #[serde(default)]
    pub allow: Vec<Spanned<String>>,
    pub allow_reason: Option<Spanned<String>>,
    /// The last day the `allow` holds: after it, its findings are back ("allowance expired").
    pub allow_until: Option<Spanned<Day>>,
    #[serde(default)]
    pub milestones: Vec<Spanned<Milestone>>,
    #[serde(default)]
    pub updates: Vec<Spanned<Update>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Milestone {
    pub title: Spanned<String>,
    pub due: Spanned<Due>,
    pub status: Option<Spanned<Status>>,
    pub rag: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Update {
    pub date: Spanned<Day>,
    pub text: Spanned<String>,
    pub rag: Option<Spanned<String>>,
    pub status: Option<Spanned<Status>>,
    pub by: Option<Spanned<String>>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    NotStarted,
    InProgress,
    Complete,
    Withdrawn,
    OnHold,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not-started",
            Status::InProgress => "in-progress",
            Status::Complete => "complete",
            Status::Withdrawn => "withdrawn",
            Status::OnHold => "on-hold",
        }
    }

    pub const ALL: [Status; 5] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Complete,
        Status::Withdrawn,
        Status::OnHold,
    ];

    /// A status as people write it in a table: any case, spaces or underscores for hyphens,
    /// "Completed" for complete ("In progress", "ON HOLD", "not_started").
    pub fn parse_loose(text: &str) -> Option<Status> {
        let key = text
            .trim()
            .to_lowercase()
            .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let key = match key.as_str() {
            "completed" => "complete",
            other => other,
        };
        Status::ALL.into_iter().find(|s| s.as_str() == key)
    }
}

/// A calendar day, written as a TOML date (or a quoted ISO date, which the schema also allows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(pub NaiveDate);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = toml::Value::deserialize(d)?;
        day_of(&v)
            .map(Day)
            .ok_or_else(|| serde::de::Error::custom(format!("expected a date, found {v}")))
    }
}

fn day_of(v: &toml::Value) -> Option<NaiveDate> {
    match v {
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
            let d = dt.date?;
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        }
        toml::Value::String(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok(),
        _ => None,
    }
}

/// A `due` value: a TOML date, or the timescale text the plan was written with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    Date(NaiveDate),
    Text(String),
}

impl<'de> Deserialize<'de> for Due {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = toml::Value::deserialize(d)?;
        match v {
            toml::Value::String(s) => Ok(Due::Text(s)),
            // the schema lets a date-time through as a timescale: its day is what is due
            toml::Value::Datetime(dt) => dt
                .date
                .and_then(|d| {
                    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                })
                .map(Due::Date)
                .ok_or_else(|| {
                    serde::de::Error::custom(format!("expected a date or a timescale, found {dt}"))
                }),
            other => day_of(&other).map(Due::Date).ok_or_else(|| {
                serde::de::Error::custom(format!("expected a date or a timescale, found {other}"))
            }),
        }
    }
}

impl Due {
    /// The normalised timescale, or why the text could not be read.
    pub fn timescale(&self) -> Result<Timescale, Unparsed> {
        match self {
            Due::Date(d) => Ok(timescale::from_date(*d)),
            Due::Text(t) => timescale::parse(t),
        }
    }

    /// The date it is due by, when it reads as a timescale with a due date.
    pub fn due_date(&self) -> Option<NaiveDate> {
        self.timescale().ok()?.due
    }

    /// As written: the text, or the ISO date.
    pub fn display(&self) -> String {
        match self {
            Due::Date(d) => d.to_string(),
            Due::Text(t) => t.clone(),
        }
    }
}

impl Action {
    pub fn status(&self) -> Option<Status> {
        self.status.as_ref().map(|s| *s.get_ref())
    }

    /// Open: not complete and not withdrawn (on-hold and not-started actions are still open).
    pub fn is_open(&self) -> bool {
        !matches!(
            self.status(),
            Some(Status::Complete) | Some(Status::Withdrawn)
        )
    }

    pub fn latest_update(&self) -> Option<&Update> {
        self.updates
            .iter()
            .map(|u| u.get_ref())
            .max_by_key(|u| u.date.get_ref().0)
    }

    /// The current rating: the action's `rag`, else the `rag` of its latest update (the rating
    /// given at the latest review). An earlier update's rating is history, not current.
    pub fn rating(&self) -> Option<&Spanned<String>> {
        self.rag
            .as_ref()
            .or_else(|| self.latest_update().and_then(|u| u.rag.as_ref()))
    }

    /// The lead strings, trimmed, without empty ones.
    pub fn lead_names(&self) -> impl Iterator<Item = &str> {
        self.leads
            .iter()
            .flat_map(|l| l.get_ref().iter())
            .map(|s| s.get_ref().trim())
            .filter(|s| !s.is_empty())
    }

    /// The span rules label for the action as a whole: its `id` value.
    pub fn anchor(&self) -> Range<usize> {
        self.id.span()
    }
}

/// Days in a review cycle; `None` for a name the format does not know.
pub fn cycle_days(cycle: &str) -> Option<i64> {
    Some(match cycle {
        "monthly" => 31,
        "bimonthly" => 62,
        "quarterly" => 92,
        "six-monthly" => 183,
        "annual" => 366,
        _ => return None,
    })
}

impl Plan {
    pub fn id(&self) -> &str {
        self.plan.get_ref().id.get_ref()
    }

    pub fn updated(&self) -> Option<NaiveDate> {
        self.plan.get_ref().updated.as_ref().map(|d| d.get_ref().0)
    }
}
