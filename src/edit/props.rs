//! The edit layer's property test: random valid plans (`testgen`, with comments added) × random
//! edit commands (`update`; `set` of each field; `add`; `check --fix` on a plan made careless).
//! Whatever the case, the result parses, passes the schema, changes only the targeted action's
//! lines (and the plan's `updated`), keeps every comment, and reads back as the edit intended.
//! In process, without the binary: cheap enough for thousands of cases in CI.

use super::commands::{self, AddOptions, SetOptions, UpdateOptions};
use super::locate::Located;
use super::target::Found;
use super::{apply, Change, Checks, CommitError, Mode};
use crate::plan::load::{load_text, LoadSeverities, PlanFile};
use crate::plan::model::{Action, Due, Status};
use crate::workspace::config::Config;
use proptest::prelude::*;
use std::path::PathBuf;

/// A generated plan with comments above each action and after each title, the way people
/// annotate plans; in one action of three (by `vary`), no rating, status or outcomes, as in
/// plans that were never rated (new keys then go at the end of the action's own keys).
fn plan_text(n: usize, actions: usize, vary: usize) -> String {
    let mut out = String::from("# generated for the edit property test\n");
    let mut k = 0;
    let mut in_update = false;
    for line in crate::testgen::plan(n, actions).lines() {
        if line == "[[actions]]" {
            k += 1;
            in_update = false;
            out.push_str(&format!("# block {k}: kept as it is\n"));
        }
        if line == "[[actions.updates]]" {
            in_update = true;
        }
        let bare = (k + vary).is_multiple_of(3);
        if bare
            && !in_update
            && ["rag = ", "status = ", "outcomes = "]
                .iter()
                .any(|k| line.starts_with(k))
        {
            continue;
        }
        out.push_str(line);
        if line.starts_with("title = \"Action") {
            out.push_str(" # as agreed");
        }
        out.push('\n');
    }
    out
}

#[derive(Debug, Clone)]
enum Edit {
    Update {
        text: String,
        rag: Option<&'static str>,
        day: u32,
    },
    Rag(&'static str),
    Status(&'static str),
    Title(String),
    Due(String),
    Leads(Vec<String>),
    Partners(Vec<String>),
    Section(usize),
    Add {
        title: String,
        section: Option<usize>,
    },
}

fn words() -> impl Strategy<Value = String> {
    // letters, spaces, quotes, backslashes, a newline, accents and a bidi mark: all must survive
    "[a-zA-Z][a-zA-Z \"\\\\é\n\u{202e}]{0,60}".prop_filter("not blank", |s| !s.trim().is_empty())
}

fn edits() -> impl Strategy<Value = Edit> {
    let rag = prop::sample::select(vec!["red", "amber", "green"]);
    prop_oneof![
        (words(), prop::option::of(rag.clone()), 1u32..28)
            .prop_map(|(text, rag, day)| Edit::Update { text, rag, day }),
        rag.prop_map(Edit::Rag),
        prop::sample::select(vec!["in-progress", "on-hold", "complete"]).prop_map(Edit::Status),
        words().prop_map(Edit::Title),
        prop::sample::select(vec!["2016-03-31", "2017-01-15", "March 2016", "Q4 2015/16"])
            .prop_map(|d| Edit::Due(d.to_string())),
        prop::collection::vec("[A-Z][a-z]{2,12}( [A-Z][a-z]{2,10})?", 1..4).prop_map(Edit::Leads),
        prop::collection::vec("[A-Z][a-z]{2,12}", 1..3).prop_map(Edit::Partners),
        (0usize..8).prop_map(Edit::Section),
        (words(), prop::option::of(0usize..8))
            .prop_map(|(title, section)| Edit::Add { title, section }),
    ]
}

fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2015, 12, 30).expect("date")
}

/// The action `id` of a loaded plan.
fn action<'p>(file: &'p PlanFile, id: &str) -> Option<&'p Action> {
    file.plan
        .actions
        .iter()
        .map(|a| a.get_ref())
        .find(|a| a.id.get_ref() == id)
}

/// The lines (0-based, end exclusive) of action `id`'s block: its comments, header, keys and
/// sub-tables.
fn block_lines(text: &str, id: &str) -> std::ops::Range<usize> {
    let located = Located::parse(text).expect("parses");
    let actions = located.actions().expect("actions");
    let a = actions.iter().find(|a| a.id == id).expect("the action");
    let line = |at: usize| text[..at].matches('\n').count();
    line(located.block_start(a.table))..line(located.block_end(a.table))
}

fn comments(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|l| l.find('#').map(|i| &l[i..]))
        .filter(|c| c.starts_with("# "))
        .collect()
}

/// Checks one edited plan against its original: see the module's doc.
fn verify(before: &str, after: &str, target: &str) -> Result<PlanFile, TestCaseError> {
    let loaded = load_text(
        "plans/p.toml".into(),
        after.to_string(),
        LoadSeverities::default(),
    );
    prop_assert!(
        loaded.findings.is_empty(),
        "the edited plan does not load: {:?}\n{after}",
        loaded.findings
    );
    let Some(file) = loaded.plan else {
        return Err(TestCaseError::fail("no plan"));
    };
    prop_assert_eq!(comments(before), comments(after), "comments lost");
    let had = Located::parse(before)
        .ok()
        .is_some_and(|l| l.actions().is_ok_and(|a| a.iter().any(|a| a.id == target)));
    let old = if had {
        block_lines(before, target)
    } else {
        0..0
    };
    let new = block_lines(after, target);
    let (b, a): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    for op in similar::TextDiff::from_lines(before, after).ops() {
        for i in op.old_range() {
            if matches!(op.tag(), similar::DiffTag::Equal) {
                continue;
            }
            let l = b[i];
            prop_assert!(
                old.contains(&i) || l.trim().is_empty() || l.starts_with("updated = "),
                "line {} outside action {target} changed: {l:?}\n{after}",
                i + 1
            );
        }
        for i in op.new_range() {
            if matches!(op.tag(), similar::DiffTag::Equal) {
                continue;
            }
            let l = a[i];
            prop_assert!(
                new.contains(&i) || l.trim().is_empty() || l.starts_with("updated = "),
                "line {} outside action {target} changed: {l:?}\n{after}",
                i + 1
            );
        }
    }
    Ok(file)
}

fn found(text: &str) -> Found {
    Found {
        name: "plans/p.toml".into(),
        path: PathBuf::from("plans/p.toml"),
        text: text.to_string(),
    }
}

fn run_case(
    n: usize,
    actions: usize,
    vary: usize,
    pick: usize,
    edit: Edit,
) -> Result<(), TestCaseError> {
    let before = plan_text(n, actions, vary);
    let config = Config::defaults(PathBuf::from("."));
    let checks = Checks {
        config: &config,
        as_of: as_of(),
    };
    let sections = actions.div_ceil(10).max(1);
    let a = pick % actions;
    let id = format!("{}.{}", a / 10 + 1, a % 10 + 1);
    let set = |f: &dyn Fn(&mut SetOptions)| {
        let mut o = SetOptions {
            action: id.clone(),
            ..SetOptions::default()
        };
        f(&mut o);
        commands::set(&config, &o, found(&before))
    };
    let change: Change = match &edit {
        Edit::Update { text, rag, day } => commands::update(
            &config,
            &UpdateOptions {
                action: id.clone(),
                plan: None,
                text: text.clone(),
                rag: rag.map(str::to_string),
                status: None,
                date: chrono::NaiveDate::from_ymd_opt(2015, 12, *day).expect("day"),
                by: None,
            },
            found(&before),
        ),
        Edit::Rag(r) => set(&|o| o.rag = Some(r.to_string())),
        Edit::Status(s) => set(&|o| {
            o.status = Some(s.to_string());
            // complete and rated anything but green is an error the write would refuse
            if *s == "complete" {
                o.rag = Some("green".into());
            }
        }),
        Edit::Title(t) => set(&|o| o.title = Some(t.clone())),
        Edit::Due(d) => set(&|o| o.due = Some(d.clone())),
        Edit::Leads(l) => set(&|o| o.leads = l.clone()),
        Edit::Partners(p) => set(&|o| o.partners = p.clone()),
        Edit::Section(s) => set(&|o| o.section = Some((s % sections + 1).to_string())),
        Edit::Add { title, section } => commands::add(
            &config,
            &AddOptions {
                title: title.clone(),
                plan: None,
                section: section.map(|s| (s % sections + 1).to_string()),
                leads: vec!["Programme Manager".into()],
                due: Some("2016-03-31".into()),
                id: None,
            },
            found(&before),
        ),
    }
    .map_err(|e| TestCaseError::fail(format!("{edit:?}: {e}")))?;
    let after = match apply(change, &checks, Mode::DryRun) {
        Ok(done) => done.after,
        // a refusal writes nothing; it may refuse only an error the rules find in a plan that
        // is well formed (an action complete but rated amber), never a broken one
        Err(CommitError::Refused { gained, .. }) => {
            prop_assert!(!gained.findings.is_empty());
            for f in &gained.findings {
                prop_assert!(
                    !super::ALWAYS_REFUSED.contains(&f.rule),
                    "{edit:?} made a broken plan: {}",
                    f.message
                );
            }
            return Ok(());
        }
        Err(CommitError::Failed(e)) => return Err(TestCaseError::fail(format!("{edit:?}: {e}"))),
    };
    let added = match &edit {
        Edit::Add { .. } => {
            let old: Vec<String> = Located::parse(&before)
                .expect("parses")
                .actions()
                .expect("actions")
                .iter()
                .map(|a| a.id.clone())
                .collect();
            let now = Located::parse(&after)
                .map_err(TestCaseError::fail)?
                .actions()
                .map_err(TestCaseError::fail)?
                .iter()
                .map(|a| a.id.clone())
                .find(|i| !old.contains(i));
            now.ok_or_else(|| TestCaseError::fail("no new action"))?
        }
        _ => id.clone(),
    };
    let file = verify(&before, &after, &added)?;
    let Some(got) = action(&file, &added) else {
        return Err(TestCaseError::fail(format!("action {added} gone")));
    };
    let rag = got.rag.as_ref().map(|r| r.get_ref().as_str());
    match &edit {
        Edit::Update { text, rag: r, day } => {
            let date = chrono::NaiveDate::from_ymd_opt(2015, 12, *day).expect("day");
            prop_assert!(got.updates.iter().any(
                |u| u.get_ref().date.get_ref().0 == date && u.get_ref().text.get_ref() == text
            ));
            if let Some(r) = r {
                prop_assert_eq!(rag, Some(*r));
            }
            let dates: Vec<_> = got
                .updates
                .iter()
                .map(|u| u.get_ref().date.get_ref().0)
                .collect();
            prop_assert!(
                dates.windows(2).all(|w| w[0] <= w[1]),
                "updates out of order"
            );
        }
        Edit::Rag(r) => prop_assert_eq!(rag, Some(*r)),
        Edit::Status(s) => {
            prop_assert_eq!(got.status.as_ref().map(|s| s.get_ref().as_str()), Some(*s))
        }
        Edit::Title(t) => prop_assert_eq!(got.title.get_ref(), t),
        Edit::Due(d) => {
            let want = match d.parse::<chrono::NaiveDate>() {
                Ok(day) => Due::Date(day),
                Err(_) => Due::Text(d.clone()),
            };
            prop_assert_eq!(got.due.as_ref().map(|d| d.get_ref()), Some(&want));
        }
        Edit::Leads(l) => {
            let got: Vec<&str> = got
                .leads
                .iter()
                .flat_map(|l| l.get_ref().iter().map(|s| s.get_ref().as_str()))
                .collect();
            prop_assert_eq!(got, l.iter().map(String::as_str).collect::<Vec<_>>());
        }
        Edit::Partners(p) => {
            let got: Vec<&str> = got.partners.iter().map(|s| s.get_ref().as_str()).collect();
            prop_assert_eq!(got, p.iter().map(String::as_str).collect::<Vec<_>>());
        }
        Edit::Section(s) => {
            let want = (s % sections + 1).to_string();
            prop_assert_eq!(got.section.as_ref().map(|s| s.get_ref()), Some(&want));
        }
        Edit::Add { title, section } => {
            prop_assert_eq!(got.title.get_ref(), title);
            // a plan with sections gets no sectionless action
            let want = (section.unwrap_or(sections - 1) % sections + 1).to_string();
            prop_assert_eq!(got.section.as_ref().map(|s| s.get_ref()), Some(&want));
        }
    }
    // every other action reads back as it was
    let old = load_text("p".into(), before.clone(), LoadSeverities::default())
        .plan
        .expect("the generated plan loads");
    for a in old.plan.actions.iter().map(|a| a.get_ref()) {
        if *a.id.get_ref() != added {
            let now = action(&file, a.id.get_ref());
            prop_assert!(now.is_some_and(|n| n.title.get_ref() == a.title.get_ref()
                && n.rag.as_ref().map(|r| r.get_ref()) == a.rag.as_ref().map(|r| r.get_ref())
                && n.updates.len() == a.updates.len()));
        }
    }
    Ok(())
}

/// `check --fix` on a generated plan made careless in one action: a status and a rating as
/// people write them, and an empty lead.
fn fix_case(n: usize, actions: usize, pick: usize, how: u8) -> Result<(), TestCaseError> {
    let clean = plan_text(n, actions, 1);
    let a = pick % actions;
    let id = format!("{}.{}", a / 10 + 1, a % 10 + 1);
    let at = clean
        .find(&format!("id = \"{id}\"\n"))
        .ok_or_else(|| TestCaseError::fail("no action"))?;
    let (head, tail) = clean.split_at(at);
    let end = tail.find("\n[[actions]]").unwrap_or(tail.len());
    let (block, rest) = tail.split_at(end);
    let mut careless = block.to_string();
    if how & 1 != 0 {
        careless = careless.replacen("status = \"in-progress\"", "status = \"In progress\"", 1);
    }
    if how & 2 != 0 {
        careless = careless.replacen("rag = \"green\"", "rag = \"Green\"", 1);
    }
    if how & 4 != 0 || careless == block {
        careless = careless.replacen("leads = [\"", "leads = [\"\", \"", 1);
    }
    let before = format!("{head}{careless}{rest}");
    let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let path = dir.path().join("p.toml");
    std::fs::write(&path, &before).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let config = Config::defaults(dir.path().to_path_buf());
    let checks = Checks {
        config: &config,
        as_of: as_of(),
    };
    let check = |inputs| crate::lint::check::check(inputs, &config, as_of());
    let done = super::fix::fix(
        &[crate::workspace::discover::Target {
            name: "plans/p.toml".into(),
            path,
        }],
        &check,
        &checks,
        super::fix::FixOptions {
            unsafe_fixes: false,
            mode: Mode::Diff,
        },
    )
    .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(
        done.refused.is_empty() && done.failed.is_empty(),
        "{:?}",
        done.failed
    );
    prop_assert_eq!(done.committed.len(), 1);
    let after = &done.committed[0].after;
    verify(&before, after, &id)?;
    // what is left to fix is only what the generated plan had anyway
    let fixable = |text: &str| {
        crate::lint::check::check(
            vec![crate::plan::load::Input {
                name: "plans/p.toml".into(),
                bytes: Ok(text.as_bytes().to_vec()),
            }],
            &config,
            as_of(),
        )
        .findings
        .iter()
        .filter(|f| {
            f.fix
                .as_ref()
                .is_some_and(|x| x.applicability == crate::plan::fix::Applicability::Safe)
        })
        .count()
    };
    prop_assert_eq!(fixable(after), 0, "{}", after);
    // and the careless action reads back as the clean one
    let want = load_text("p".into(), clean.clone(), LoadSeverities::default())
        .plan
        .expect("loads");
    let got = load_text("p".into(), after.clone(), LoadSeverities::default())
        .plan
        .expect("loads");
    let (w, g) = (
        action(&want, &id).expect("clean"),
        action(&got, &id).expect("fixed"),
    );
    prop_assert_eq!(
        w.status.as_ref().map(|s| *s.get_ref()),
        g.status.as_ref().map(|s| *s.get_ref())
    );
    prop_assert_eq!(
        w.rag.as_ref().map(|s| s.get_ref()),
        g.rag.as_ref().map(|s| s.get_ref())
    );
    let leads = |a: &Action| -> Vec<String> {
        a.leads
            .iter()
            .flat_map(|l| l.get_ref().iter().map(|s| s.get_ref().clone()))
            .collect()
    };
    prop_assert_eq!(leads(w), leads(g));
    let _ = Status::ALL;
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_edit_keeps_the_plan_valid_and_touches_only_its_action(
        n in 0usize..50,
        actions in 1usize..12,
        vary in 0usize..3,
        pick in 0usize..1000,
        edit in edits(),
    ) {
        run_case(n, actions, vary, pick, edit)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn fix_repairs_a_careless_action_and_touches_nothing_else(
        n in 0usize..50,
        actions in 1usize..12,
        pick in 0usize..1000,
        how in 0u8..8,
    ) {
        fix_case(n, actions, pick, how)?;
    }
}
