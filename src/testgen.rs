//! Generated plans for benchmarks and tests: realistic in shape and size (50 actions is about
//! 17 KB, as in the peers' benchmark), deterministic from their number.
//!
//! May use: nothing in the crate (its tests use `plan`).

use std::fmt::Write;

pub mod mutate;

const LEADS: &[&str] = &[
    "Head of Mental Health Commissioning",
    "Crisis Team Manager, Mental Health Trust",
    "Chief Inspector, Police",
    "Public Health Consultant",
    "Ambulance Service Mental Health Lead",
    "Housing Options Manager",
];

const DUES: &[&str] = &[
    "June 2015",
    "Sept 15",
    "Q3 2015/16",
    "2015/16",
    "From Dec 2014 to March 2015",
    "Review Sep 2015",
    "Ongoing",
    "March 2016",
];

/// A schema-valid plan with `actions` actions; every seventh action carries a defect or two.
pub fn plan(n: usize, actions: usize) -> String {
    let mut s = String::with_capacity(actions * 360 + 512);
    let _ = writeln!(s, "schema_version = 1\n");
    let _ = writeln!(
        s,
        "[plan]\nid = \"plan-{n}\"\ntitle = \"Generated crisis care action plan {n}\"\nowner = \"Crisis Care Partnership Board\"\nupdated = 2015-11-30\nreview_cycle = \"quarterly\"\n"
    );
    let sections = actions.div_ceil(10).max(1);
    for sec in 1..=sections {
        let _ = writeln!(
            s,
            "[[sections]]\nid = \"{sec}\"\ntitle = \"Outcome area {sec}\"\n"
        );
    }
    for a in 0..actions {
        let sec = a / 10 + 1;
        let id = format!("{sec}.{}", a % 10 + 1);
        let complete = a % 5 == 0;
        let (status, rag) = if complete {
            ("complete", "green")
        } else if a % 3 == 0 {
            ("in-progress", "amber")
        } else {
            ("in-progress", if a % 7 == 3 { "red" } else { "green" })
        };
        let lead = if a % 7 == 5 {
            "All"
        } else {
            LEADS[(n + a) % LEADS.len()]
        };
        let due = DUES[(n * 3 + a) % DUES.len()];
        let _ = write!(
            s,
            "[[actions]]\nid = \"{id}\"\nsection = \"{sec}\"\ntitle = \"Action {id} of plan {n}: improve crisis response step {a}\"\nleads = [\"{lead}\"]\npartners = [\"Mind\", \"Local Authority\"]\ndue = \"{due}\"\nstatus = \"{status}\"\nrag = \"{rag}\"\noutcomes = [\"People in crisis get help sooner\"]\n"
        );
        if a % 4 != 1 {
            let _ = write!(
                s,
                "\n[[actions.updates]]\ndate = 2015-{:02}-15\ntext = \"Reviewed at the board; work continues.\"\nrag = \"{rag}\"\nby = \"Programme Manager\"\n",
                9 + a % 3
            );
        }
        s.push('\n');
    }
    s
}

/// How the commits of a generated history are dated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dating {
    /// A quarter (91 days) apart, as review cycles are: the history rules' window holds two.
    Cycles,
    /// A day apart, every one recent: the worst case for the history rules' window.
    Recent,
}

/// One commit of a generated plan repository: its date (days after 2015-01-01) and every plan
/// file's (path, text).
pub struct Commit {
    pub day: i64,
    pub files: Vec<(String, String)>,
}

/// A history of `commits` review commits of `plans` plans with `actions` actions each, in
/// which every plan is updated at every commit (the update text names the cycle; ratings stay,
/// so runs of amber last the whole history): the worst case for the history rules. The last
/// commit falls on day `last` (days after 2015-01-01). Lazy: one commit's texts at a time.
pub fn history(
    plans: usize,
    actions: usize,
    commits: usize,
    dating: Dating,
    last: i64,
) -> impl Iterator<Item = Commit> {
    let step = match dating {
        Dating::Cycles => 91,
        Dating::Recent => 1,
    };
    (0..commits).map(move |c| Commit {
        day: last - step * (commits - 1 - c) as i64,
        files: (0..plans)
            .map(|n| {
                let text = plan(n, actions).replace(
                    "Reviewed at the board; work continues.",
                    &format!("Reviewed at the board in cycle {c}; work continues."),
                );
                (format!("plans/plan-{n:04}.toml"), text)
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_generated_history_changes_every_plan_at_every_commit() {
        let h: Vec<super::Commit> = super::history(3, 5, 4, super::Dating::Cycles, 400).collect();
        assert_eq!(
            h.iter().map(|c| c.day).collect::<Vec<_>>(),
            [127, 218, 309, 400]
        );
        assert_ne!(h[0].files[1].1, h[1].files[1].1);
        assert_eq!(h[3].files[2].0, "plans/plan-0002.toml");
        let recent: Vec<i64> = super::history(1, 1, 3, super::Dating::Recent, 10)
            .map(|c| c.day)
            .collect();
        assert_eq!(recent, [8, 9, 10]);
    }

    use crate::plan::load::{load_text, LoadSeverities};

    #[test]
    fn generated_plans_are_schema_valid_and_about_17_kb() {
        let text = super::plan(7, 50);
        assert!((14_000..20_000).contains(&text.len()), "{}", text.len());
        let l = load_text("g.toml".into(), text, LoadSeverities::default());
        assert!(l.findings.is_empty(), "{:?}", l.findings);
        assert_eq!(l.plan.map(|p| p.plan.actions.len()), Some(50));
    }
}
