//! A revision's position date: the day the plans say they describe, which is not the day they
//! were committed. A plan imported today from a 2016 Word file, or back-filled by a programme
//! officer, was committed in one year and speaks of another; a report, a check of a revision or
//! a diff that judged "today" by the commit would date a 2016 board paper in 2026.
//!
//! The date is the newest of the plans' `updated` dates and their updates' dates (an update
//! hand-added without touching `updated` is still news of that day), else the commit's date,
//! else today. A date after the commit's own date is ignored: a plan cannot report the future,
//! and a typo (`2071`) must not move the paper. Pure: plans and dates in, a date out.

use super::model::Plan;
use chrono::NaiveDate;

/// Where a position date came from, so a paper can say it ("30 November 2016, the plans'
/// update date").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Given on the command line (`--as-of`, `--since`).
    Flag(&'static str),
    /// The newest `[plan] updated` date.
    PlanUpdated,
    /// The newest progress update's date.
    Update,
    /// The commit's date (the plans carry no date).
    Commit,
    /// Today (the working tree or the index, whose plans carry no date).
    Today,
    /// The other end's date: a report's FROM that holds no plan, dated after TO's plans (an
    /// older plan imported since), starts its window where TO is.
    NoPlans,
}

impl Source {
    /// The source in words, after the date: "30 November 2016, the plans' update date".
    pub fn words(self) -> String {
        match self {
            Source::Flag(f) => format!("as {f} gives"),
            Source::PlanUpdated => "the plans' update date".into(),
            Source::Update => "the date of the latest progress update".into(),
            Source::Commit => "the commit date (the plans give no date)".into(),
            Source::Today => "today (the plans give no date)".into(),
            Source::NoPlans => "TO's date, as FROM holds no plan".into(),
        }
    }
}

/// A position date and its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    pub date: NaiveDate,
    pub source: Source,
}

/// The position date of a revision whose plans are `plans`, committed on `commit` (`None` for
/// the working tree or the index), on `today`.
pub fn position<'a>(
    plans: impl IntoIterator<Item = &'a Plan>,
    commit: Option<NaiveDate>,
    today: NaiveDate,
) -> Dated {
    let limit = commit.unwrap_or(today);
    let fits = |d: &NaiveDate| *d <= limit;
    let mut updated: Option<NaiveDate> = None;
    let mut update: Option<NaiveDate> = None;
    for p in plans {
        updated = updated.max(p.updated().filter(fits));
        for a in &p.actions {
            let newest = a
                .get_ref()
                .updates
                .iter()
                .map(|u| u.get_ref().date.get_ref().0)
                .filter(fits)
                .max();
            update = update.max(newest);
        }
    }
    match (updated, update) {
        (Some(p), Some(u)) if u > p => Dated {
            date: u,
            source: Source::Update,
        },
        (Some(p), _) => Dated {
            date: p,
            source: Source::PlanUpdated,
        },
        (None, Some(u)) => Dated {
            date: u,
            source: Source::Update,
        },
        (None, None) => match commit {
            Some(c) => Dated {
                date: c,
                source: Source::Commit,
            },
            None => Dated {
                date: today,
                source: Source::Today,
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(text: &str) -> Plan {
        crate::plan::load::read_plan("p.toml", text.as_bytes())
            .expect("test plan")
            .plan
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"P\"\n";

    #[test]
    fn the_plans_date_wins_over_the_commit() {
        let today = day("2026-12-07");
        let p = plan(&format!("{HEAD}updated = 2016-11-30\n[[actions]]\nid = \"1\"\ntitle = \"A\"\n[[actions.updates]]\ndate = 2016-10-01\ntext = \"x\"\n"));
        let d = position([&p], Some(today), today);
        assert_eq!((d.date, d.source), (day("2016-11-30"), Source::PlanUpdated));
        // an update newer than `updated` is the newer news
        let q = plan(&format!("{HEAD}updated = 2016-11-30\n[[actions]]\nid = \"1\"\ntitle = \"A\"\n[[actions.updates]]\ndate = 2017-02-28\ntext = \"x\"\n"));
        let d = position([&p, &q], Some(today), today);
        assert_eq!((d.date, d.source), (day("2017-02-28"), Source::Update));
        // a date after the commit is a typo, not a position
        let d = position([&q], Some(day("2017-01-15")), today);
        assert_eq!((d.date, d.source), (day("2016-11-30"), Source::PlanUpdated));
    }

    #[test]
    fn without_a_date_the_commit_then_today() {
        let today = day("2026-12-07");
        let p = plan(&format!("{HEAD}[[actions]]\nid = \"1\"\ntitle = \"A\"\n"));
        let d = position([&p], Some(day("2015-06-30")), today);
        assert_eq!((d.date, d.source), (day("2015-06-30"), Source::Commit));
        let d = position([&p], None, today);
        assert_eq!((d.date, d.source), (today, Source::Today));
        assert_eq!(
            Source::PlanUpdated.words(),
            "the plans' update date".to_string()
        );
    }
}
