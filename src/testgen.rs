//! Generated plans for benchmarks and tests: realistic in shape and size (50 actions is about
//! 17 KB, as in the peers' benchmark), deterministic from their number.
//!
//! May use: nothing in the crate (its tests use `plan`).

use std::fmt::Write;

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

#[cfg(test)]
mod tests {
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
