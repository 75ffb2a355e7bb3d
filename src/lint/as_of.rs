//! The date a check judges as of, and where that date came from.
//!
//! The clock is read in one place (`cli`, which hands every command an `AsOf`); everything
//! below takes the date it is given. The source travels with the date so that an output can say
//! which date it judged by ("30 November 2016, the plans' update date"), as DESIGN.md's "Dates"
//! asks of every output that names a date.

use crate::plan::load::PlanFile;
use chrono::NaiveDate;

/// The date a command judges as of, and its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsOf {
    pub date: NaiveDate,
    pub said: Said,
}

/// Where an `AsOf` date came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// `--as-of` on the command line.
    Flag,
    /// The revision's plans: their newest `updated`, else their newest update's date.
    Plans,
    /// The revision's commit date (its plans give no date).
    Commit,
    /// The clock, read once by the command line.
    Today,
}

impl AsOf {
    /// The date `--as-of` gave, else `today` (the clock the command line read).
    pub fn given_or(flag: Option<NaiveDate>, today: NaiveDate) -> AsOf {
        match flag {
            Some(date) => AsOf {
                date,
                said: Said::Flag,
            },
            None => AsOf {
                date: today,
                said: Said::Today,
            },
        }
    }

    /// A revision's position date (DESIGN.md, "Dates"): what its plans say (the newest plan
    /// `updated`, else the newest update's date), else the commit's date.
    pub fn position(plans: &[&PlanFile], commit: NaiveDate) -> AsOf {
        let updated = plans.iter().filter_map(|p| p.plan.updated()).max();
        let update = || {
            plans
                .iter()
                .flat_map(|p| p.plan.actions.iter())
                .flat_map(|a| a.get_ref().updates.iter())
                .map(|u| u.get_ref().date.get_ref().0)
                .max()
        };
        match updated.or_else(update) {
            Some(date) => AsOf {
                date,
                said: Said::Plans,
            },
            None => AsOf {
                date: commit,
                said: Said::Commit,
            },
        }
    }

    /// Where the date came from, in words for a note ("the plans' update date").
    pub fn source(&self) -> &'static str {
        match self.said {
            Said::Flag => "--as-of",
            Said::Plans => "the plans' update date",
            Said::Commit => "the commit date",
            Said::Today => "today",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load::read_plan;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn plan(id: &str, updated: &str, update: &str) -> PlanFile {
        let text = format!(
            "schema_version = 1\n[plan]\nid = \"{id}\"\ntitle = \"t\"\n{updated}[[actions]]\nid = \"1\"\ntitle = \"a\"\n{update}"
        );
        read_plan(&format!("{id}.toml"), text.as_bytes()).expect("valid test plan")
    }

    #[test]
    fn a_flag_wins_over_the_clock() {
        let a = AsOf::given_or(Some(day("2016-11-30")), day("2026-01-01"));
        assert_eq!((a.date, a.source()), (day("2016-11-30"), "--as-of"));
        let a = AsOf::given_or(None, day("2026-01-01"));
        assert_eq!((a.date, a.source()), (day("2026-01-01"), "today"));
    }

    #[test]
    fn the_position_date_is_the_plans_then_the_updates_then_the_commits() {
        let update = "[[actions.updates]]\ndate = 2016-12-05\ntext = \"n\"\n";
        let dated = plan("a", "updated = 2016-11-30\n", update);
        let undated = plan("b", "", update);
        let bare = plan("c", "", "");
        let commit = day("2017-03-01");
        let a = AsOf::position(&[&dated, &undated], commit);
        assert_eq!(
            (a.date, a.source()),
            (day("2016-11-30"), "the plans' update date")
        );
        let a = AsOf::position(&[&undated, &bare], commit);
        assert_eq!(
            (a.date, a.source()),
            (day("2016-12-05"), "the plans' update date")
        );
        let a = AsOf::position(&[&bare], commit);
        assert_eq!((a.date, a.source()), (commit, "the commit date"));
    }
}
