//! The one-pass plan reader (`plan::load::events`) against the full path (TOML tree, numbers,
//! schema, serde), issue 26: on every text the reader answers for, the full path finds nothing
//! wrong and gives the same `Plan`, spans included; every text it does not answer for is the
//! full path's alone. Generated plans of every shape, the shipped examples and the seeds'
//! layouts take the one pass; thousands of mutated plans (keys renamed, values swapped for
//! awkward ones, lines moved, bytes inserted, CRLF, a byte order mark) hold the two equal, and
//! hold `git::summary`'s reader (the same walk, keeping only a history summary) equal to its
//! full path too.

use planlint::git::summary;
use planlint::plan::load::{self, events, LoadSeverities};
use planlint::testgen::mutate::{built, mutate};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The one pass agrees with the full path on `text`; true when it answered.
fn agrees(text: &str) -> Result<bool, TestCaseError> {
    let (findings, full) = load::parse_full(text, LoadSeverities::default());
    let Some(quick) = events::plan(text) else {
        return Ok(false);
    };
    prop_assert!(
        findings.is_empty(),
        "the one pass took a plan the full path refuses: {findings:?}\n{text}"
    );
    let full = full.expect("a plan with no findings is read");
    prop_assert_eq!(format!("{quick:#?}"), format!("{full:#?}"), "on\n{}", text);
    Ok(true)
}

/// `agrees`, outside a property test: a disagreement fails the test.
fn took(text: &str) -> bool {
    agrees(text).unwrap_or_else(|e| panic!("{e}"))
}

/// The shipped examples, 0.2's examples and the plans the import tests expect from real
/// layouts (`*.truth.toml`): plans written by people and by `import`, not for this test.
fn examples() -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("a test data folder")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "toml")
                && p.file_name().is_some_and(|n| n != "planlint.toml")
            {
                out.push(std::fs::read_to_string(&p).expect("read"));
            }
        }
    }
    let top = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["examples", "tests/data/examples-0.2", "tests/data/layouts"] {
        walk(&top.join(dir), &mut out);
    }
    assert!(out.len() >= 20, "{}", out.len());
    out
}

#[test]
fn generated_plans_and_the_examples_take_the_one_pass_and_agree() {
    for n in 0..12 {
        for actions in [0, 1, 2, 5, 9, 10, 11, 23, 50] {
            let text = planlint::testgen::plan(n, actions);
            assert!(took(&text), "plan {n} of {actions} actions");
        }
    }
    let mut valid = 0;
    for text in examples() {
        let (findings, _) = load::parse_full(&text, LoadSeverities::default());
        if findings.is_empty() {
            valid += 1;
            assert!(took(&text), "{text}");
        }
    }
    assert!(valid >= 20, "{valid}");
}

#[test]
fn every_field_of_the_format_is_read_in_one_pass() {
    let text = "schema_version = 1\nallow = [\"vague-lead\"]\nallow_reason = \"agreed\"\nallow_until = 2016-03-31\n\n\
        [plan] # the plan\nid = \"p-1\"\ntitle = \"P\"\nowner = \"Board\"\nupdated = 2015-11-30\nreview_cycle = \"quarterly\"\n\n\
        [[sections]]\nid = \"1\"\ntitle = \"S\"\nrag = \"amber\"\ndescription = '''\nlong\n'''\n\n\
        [[ actions ]]\nid = \"1.1\"\nsection = \"1\"\ntheme = \"t\"\ntitle = \"Do\"\nscope = \"local\"\nleads = [\n  \"Lead\", # first\n  'Other',\n]\n\
        partners = []\ndue = 2016-01-01T10:00:00+01:00\nbaseline_due = \"June 2015\"\nstatus = \"on-hold\"\nrag = \"gr\\u00e9en\"\noutcomes = [\"o\"]\nrefs = [\"r\"]\n\
        next_steps = \"\"\"\nmore\\\n  text\"\"\"\nallow = [\"stale-action\", \"vague-lead\"]\nallow_reason = \"r\"\nallow_until = 2015-12-31\n\
        [[actions.milestones]]\ntitle = \"M\"\ndue = 2015-09-30\nstatus = \"complete\"\nrag = \"green\"\n\
        [[actions.milestones]]\ntitle = \"N\"\ndue = \"Q4\"\n\
        [[actions.updates]]\r\ndate = 2015-10-01\r\ntext = \"t\"\nrag = \"green\"\nstatus = \"in-progress\"\nby = \"Officer\"\n\
        [[actions]]\nid = \"1.2\"\ntitle = \"Two\"\n";
    assert!(took(text));
}

#[test]
fn what_the_one_pass_cannot_vouch_for_goes_the_full_way() {
    let base = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"P\"\n[[actions]]\nid = \"1\"\ntitle = \"a\"\n";
    let full_way = [
        format!("\u{feff}{base}"),
        base.replace("id = \"1\"", "\"id\" = \"1\""),
        base.replace("id = \"1\"", "id = \"1\"\nid = \"2\""),
        format!("{base}leads = {{ a = \"b\" }}\n"),
        format!("{base}leads = [[\"a\"]]\n"),
        base.replace("schema_version = 1", "schema_version = 2"),
        base.replace("schema_version = 1", "schema_version = 01"),
        base.replace("id = \"p\"", "id = \"P\""),
        format!("{base}status = \"done\"\n"),
        format!("{base}rag = \"\"\n"),
        format!("{base}laeds = [\"x\"]\n"),
        format!("{base}allow = [\"vague-lead\"]\n"),
        format!("{base}allow = [\"vague-lead\", \"vague-lead\"]\nallow_reason = \"r\"\n"),
        format!("{base}due = 10:00:00\n"),
        format!("{base}[[actions.updates]]\ndate = \"2015-01-01\"\ntext = \"t\"\n"),
        format!("{base}[[actions.updates]]\ntext = \"t\"\n"),
        format!("{base}[plan]\nid = \"q\"\ntitle = \"Q\"\n"),
        base.replace(
            "title = \"P\"\n",
            "title = \"P\"\nreview_cycle = \"weekly\"\n",
        ),
        base.replace("title = \"a\"\n", ""),
        format!("{base}due = 2015-02-30\n"),
        base[..base.len() - 5].to_string(),
        String::new(),
    ];
    for text in &full_way {
        assert!(!took(text), "the one pass took {text:?}");
    }
}

#[test]
fn the_one_pass_agrees_with_the_full_path_on_mutated_plans() {
    let mut bases = examples();
    for (n, actions) in [(0, 0), (1, 1), (2, 3), (3, 7), (4, 12)] {
        bases.push(planlint::testgen::plan(n, actions));
    }
    let cases = std::env::var("PLANLINT_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3000);
    let taken = AtomicUsize::new(0);
    let valid = AtomicUsize::new(0);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let shapes = prop::collection::vec((0u8..6, 0u8..4, 0u8..3, 0u8..3, any::<bool>()), 0..5);
    let mutation = (
        any::<u8>(),
        any::<usize>(),
        any::<usize>(),
        prop::collection::vec(any::<u8>(), 0..4),
    );
    let strategy = (
        0..bases.len() + 1,
        shapes,
        prop::collection::vec(mutation, 0..5),
    );
    runner
        .run(&strategy, |(base, shapes, mutations)| {
            let text = bases.get(base).cloned().unwrap_or_else(|| built(&shapes));
            let bytes = mutate(&text, &mutations);
            prop_assert_eq!(
                summary::read("m.toml", &bytes),
                summary::full("m.toml", &bytes)
            );
            let Ok(text) = std::str::from_utf8(&bytes) else {
                return Ok(());
            };
            if agrees(text)? {
                taken.fetch_add(1, Ordering::Relaxed);
            }
            if load::parse_full(text, LoadSeverities::default())
                .0
                .is_empty()
            {
                valid.fetch_add(1, Ordering::Relaxed);
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let (taken, valid) = (taken.into_inner(), valid.into_inner());
    eprintln!("{cases} cases: {valid} valid plans, {taken} read in one pass");
    assert!(taken * 3 >= valid * 2, "{taken} of {valid}");
}
