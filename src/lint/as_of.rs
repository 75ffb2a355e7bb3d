//! The date a check judges as of, and where that date came from.
//!
//! The clock is read in one place (`cli`, which hands every command an `AsOf`); everything
//! below takes the date it is given. The source travels with the date so that an output can say
//! which date it judged by ("30 November 2016, the plans' update date"), as DESIGN.md's "Dates"
//! asks of every output that names a date. A revision's position date (what its plans say) is
//! worked out once, by `plan::position`; `AsOf::position` wraps it.

use crate::plan::load::PlanFile;
pub use crate::plan::position::Source as Said;
use chrono::NaiveDate;

/// The date a command judges as of, and its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsOf {
    pub date: NaiveDate,
    pub said: Said,
}

impl AsOf {
    /// The date `--as-of` gave, else `today` (the clock the command line read).
    pub fn given_or(flag: Option<NaiveDate>, today: NaiveDate) -> AsOf {
        match flag {
            Some(date) => AsOf {
                date,
                said: Said::Flag("--as-of"),
            },
            None => AsOf {
                date: today,
                said: Said::Today,
            },
        }
    }

    /// A revision's position date (DESIGN.md, "Dates"): what its plans say, else the commit's
    /// date (`None` for the index or the work tree: then today), unless a flag gave the date.
    pub fn position(&self, plans: &[&PlanFile], commit: Option<NaiveDate>) -> AsOf {
        if matches!(self.said, Said::Flag(_)) {
            return self.clone();
        }
        let d = crate::plan::position::position(plans.iter().map(|f| &f.plan), commit, self.date);
        AsOf {
            date: d.date,
            said: d.source,
        }
    }

    /// Where the date came from, in words for a note ("the plans' update date").
    pub fn source(&self) -> String {
        self.said.words()
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
        assert_eq!(
            (a.date, a.source()),
            (day("2016-11-30"), "as --as-of gives".to_string())
        );
        let a = AsOf::given_or(None, day("2026-01-01"));
        assert_eq!(a.date, day("2026-01-01"));
        assert!(a.source().starts_with("today"));
    }

    #[test]
    fn the_position_date_is_the_plans_then_the_updates_then_the_commits() {
        let update = "[[actions.updates]]\ndate = 2016-12-05\ntext = \"n\"\n";
        let dated = plan("a", "updated = 2016-11-30\n", "");
        let undated = plan("b", "", update);
        let bare = plan("c", "", "");
        let commit = Some(day("2017-03-01"));
        let today = AsOf::given_or(None, day("2026-12-07"));
        let a = today.position(&[&dated, &bare], commit);
        assert_eq!(
            (a.date, a.source()),
            (day("2016-11-30"), "the plans' update date".to_string())
        );
        let a = today.position(&[&undated, &bare], commit);
        assert_eq!(a.date, day("2016-12-05"));
        assert!(a.source().contains("progress update"), "{}", a.source());
        let a = today.position(&[&bare], commit);
        assert_eq!(a.date, day("2017-03-01"));
        assert!(a.source().starts_with("the commit date"), "{}", a.source());
        let flag = AsOf::given_or(Some(day("2016-01-01")), day("2026-12-07"));
        assert_eq!(flag.position(&[&dated], commit), flag);
    }
}
