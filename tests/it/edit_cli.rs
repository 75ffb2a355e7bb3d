//! The editing commands end to end (`update`, `set`, `add`, `fmt`, `check --fix`): the real
//! binary on copies of the shipped examples in real git repositories. Each result is checked as
//! parsed data and as exact bytes outside the edited region; bad input exits 2 with nothing
//! written.

use crate::common;

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const PLANS: [&str; 4] = [
    "bedfordshire-luton.toml",
    "bexley.toml",
    "nottinghamshire.toml",
    "pan-lancashire.toml",
];

/// A git repository holding the examples (planlint.toml and plans/), committed.
struct Examples {
    dir: tempfile::TempDir,
}

impl Examples {
    fn new() -> Examples {
        Examples::from(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/plans"))
    }

    /// The examples as planlint 0.2 shipped them, laid out by hand (long texts on one line, keys
    /// out of the schema's order): what `fmt` has to put in its layout. (The shipped examples
    /// are in that layout now, so the `planlint-fmt` hook passes them.)
    fn unformatted() -> Examples {
        Examples::from(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/examples-0.2"))
    }

    fn from(plans: &Path) -> Examples {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
        std::fs::copy(root.join("planlint.toml"), dir.path().join("planlint.toml")).expect("copy");
        for p in PLANS {
            std::fs::copy(plans.join(p), dir.path().join("plans").join(p)).expect("copy");
        }
        let e = Examples { dir };
        e.git(&["init", "-q", "-b", "main"]);
        e.commit("the examples");
        e
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) -> String {
        common::git(self.path(), args)
    }

    fn commit(&self, msg: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", msg]);
    }

    fn file(&self, plan: &str) -> PathBuf {
        self.path().join("plans").join(plan)
    }

    fn read(&self, plan: &str) -> String {
        std::fs::read_to_string(self.file(plan)).expect("read plan")
    }

    fn write(&self, plan: &str, text: &str) {
        std::fs::write(self.file(plan), text).expect("write plan");
    }

    /// Every plan's bytes, to show that nothing was written.
    fn snapshot(&self) -> BTreeMap<String, String> {
        PLANS
            .iter()
            .map(|p| (p.to_string(), self.read(p)))
            .collect()
    }

    fn planlint(&self) -> Command {
        common::planlint(self.path())
    }

    /// Runs planlint and returns (exit code, stdout, stderr).
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.planlint().args(args).output().expect("run planlint");
        (
            out.status.code().expect("exit code"),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn check(&self) -> Value {
        common::check_json(self.path(), &[]).1
    }
}

/// A plan's data as JSON, TOML dates as their ISO text (as the schema sees them).
fn data(text: &str) -> Value {
    let v: toml::Value = toml::from_str(text).expect("valid TOML");
    fn json(v: &toml::Value) -> Value {
        match v {
            toml::Value::String(s) => Value::String(s.clone()),
            toml::Value::Integer(i) => Value::from(*i),
            toml::Value::Float(f) => Value::from(*f),
            toml::Value::Boolean(b) => Value::Bool(*b),
            toml::Value::Datetime(d) => Value::String(d.to_string()),
            toml::Value::Array(a) => Value::Array(a.iter().map(json).collect()),
            toml::Value::Table(t) => {
                Value::Object(t.iter().map(|(k, v)| (k.clone(), json(v))).collect())
            }
        }
    }
    json(&v)
}

fn action<'a>(plan: &'a Value, id: &str) -> &'a Value {
    plan["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("no action {id}"))
}

/// The text before action `id`'s `[[actions]]` line, and the text from where the next action's
/// block starts (its comments and blank lines included) to the end.
fn around(text: &str, id: &str) -> (String, String) {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let header = lines
        .iter()
        .enumerate()
        .position(|(i, l)| {
            l.trim_end() == "[[actions]]"
                && lines
                    .get(i + 1)
                    .is_some_and(|n| n.trim_end() == format!("id = \"{id}\""))
        })
        .unwrap_or_else(|| panic!("no action {id}"));
    let mut next = lines[header + 1..]
        .iter()
        .position(|l| l.trim_end() == "[[actions]]")
        .map_or(lines.len(), |n| header + 1 + n);
    // the next action's comments and the blank lines before them are its own
    while next > header + 1 && {
        let l = lines[next - 1].trim();
        l.is_empty() || l.starts_with('#')
    } {
        next -= 1;
    }
    (lines[..header].concat(), lines[next..].concat())
}

/// Asserts that `after` is `before` with only action `id`'s lines changed (and, when
/// `updated` is given, the plan's `updated` line set to it).
fn only_action_changed(before: &str, after: &str, id: &str, updated: Option<&str>) {
    let (head, tail) = around(before, id);
    let head = match updated {
        Some(date) => {
            let old = head
                .lines()
                .find(|l| l.starts_with("updated = "))
                .expect("an updated line");
            head.replacen(old, &format!("updated = {date}"), 1)
        }
        None => head,
    };
    assert!(after.starts_with(&head), "bytes before action {id} changed");
    assert!(after.ends_with(&tail), "bytes after action {id} changed");
}

/// Every comment line of `before` is in `after`, as many times.
fn comments_kept(before: &str, after: &str) {
    let comments = |t: &str| {
        let mut c: Vec<String> = t
            .lines()
            .filter_map(|l| l.find('#').map(|i| l[i..].trim_end().to_string()))
            .filter(|c| c.starts_with("# ") || c.starts_with("#:"))
            .collect();
        c.sort();
        c
    };
    let (was, now) = (comments(before), comments(after));
    for c in &was {
        assert!(now.contains(c), "comment lost: {c}");
    }
    assert!(now.len() >= was.len());
}

/// `rule action message` of every finding, per file: what a fix may change.
fn finding_set(report: &Value) -> Vec<String> {
    let mut v: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            format!(
                "{} {} {} {}",
                f["file"].as_str().unwrap_or("?"),
                f["rule"].as_str().unwrap_or("?"),
                f["action"].as_str().unwrap_or("-"),
                f["message"].as_str().unwrap_or("?")
            )
        })
        .collect();
    v.sort();
    v
}

// ---------------------------------------------------------------------------------------------
// update
// ---------------------------------------------------------------------------------------------

#[test]
fn update_appends_a_dated_update_rerates_and_moves_updated_forward() {
    let ex = Examples::new();
    let before = ex.read("bexley.toml");
    let (code, out, err) = ex.run(&[
        "update",
        "3",
        "--plan",
        "bexley-crisis-care",
        "--text",
        "Specifications review started with the re-design team.",
        "--rag",
        "Amber",
        "--status",
        "In progress",
        "--by",
        "Integrated Commissioning Manager",
        "--date",
        "2015-12-10",
        "--as-of",
        "2015-12-10",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "plans/bexley.toml: action 3: new update dated 2015-12-10; rag amber; status on-hold → in-progress; plan updated 2015-11-30 → 2015-12-10\n"
    );
    let after = ex.read("bexley.toml");
    only_action_changed(&before, &after, "3", Some("2015-12-10"));
    comments_kept(&before, &after);

    let plan = data(&after);
    assert_eq!(plan["plan"]["updated"], "2015-12-10");
    let a = action(&plan, "3");
    assert_eq!(a["rag"], "amber");
    assert_eq!(a["status"], "in-progress");
    let updates = a["updates"].as_array().expect("updates");
    assert_eq!(updates.len(), 2);
    assert_eq!(
        updates[1],
        serde_json::json!({
            "date": "2015-12-10",
            "text": "Specifications review started with the re-design team.",
            "rag": "amber",
            "status": "in-progress",
            "by": "Integrated Commissioning Manager"
        })
    );
    // the rest of the plan's data is as it was
    let mut was = data(&before);
    let mut now = plan.clone();
    for p in [&mut was, &mut now] {
        p["plan"]["updated"] = Value::Null;
        let actions = p["actions"].as_array_mut().expect("actions");
        actions.retain(|a| a["id"] != "3");
    }
    assert_eq!(was, now);
    // and the exact lines written
    assert!(after.contains(
        "by = \"Integrated Commissioning Manager, NHS Bexley CCG\"\n\n[[actions.updates]]\ndate = 2015-12-10\ntext = \"Specifications review started with the re-design team.\"\nrag = \"amber\"\nstatus = \"in-progress\"\nby = \"Integrated Commissioning Manager\"\n\n[[actions]]\nid = \"4\"\n"
    ));
    assert!(after.contains("status = \"in-progress\"\nrag = \"amber\"\noutcomes = ["));
}

#[test]
fn a_plan_with_crlf_line_ends_keeps_them() {
    let ex = Examples::new();
    let crlf = ex.read("bexley.toml").replace('\n', "\r\n");
    ex.write("bexley.toml", &crlf);
    let long =
        "A long update: ".to_string() + &"the review continues with every provider. ".repeat(4);
    let (code, _, err) = ex.run(&[
        "update",
        "3",
        "--plan",
        "bexley-crisis-care",
        "--text",
        &long,
        "--rag",
        "amber",
        "--date",
        "2015-12-10",
        "--as-of",
        "2015-12-10",
    ]);
    assert_eq!(code, 0, "{err}");
    let after = ex.read("bexley.toml");
    assert!(
        !after.replace("\r\n", "").contains('\n'),
        "a bare LF was written"
    );
    assert_eq!(
        action(&data(&after), "3")["updates"][1]["text"],
        long.as_str()
    );
    let (code, _, _) = ex.run(&["fmt", "plans/bexley.toml"]);
    assert_eq!(code, 0);
    let formatted = ex.read("bexley.toml");
    assert!(!formatted.replace("\r\n", "").contains('\n'));
    assert_eq!(data(&formatted), data(&after));
}

#[test]
fn an_earlier_update_goes_before_later_ones_and_leaves_updated_alone() {
    let ex = Examples::new();
    let before = ex.read("bexley.toml");
    let (code, _, err) = ex.run(&[
        "update",
        "3",
        "--plan",
        "bexley-crisis-care",
        "--text",
        "Re-design timetable agreed.",
        "--date",
        "2015-10-01",
        "--as-of",
        "2015-12-01",
    ]);
    assert_eq!(code, 0, "{err}");
    let after = ex.read("bexley.toml");
    only_action_changed(&before, &after, "3", None);
    let dates: Vec<Value> = action(&data(&after), "3")["updates"]
        .as_array()
        .expect("updates")
        .iter()
        .map(|u| u["date"].clone())
        .collect();
    assert_eq!(dates, ["2015-10-01", "2015-11-30"]);
    assert_eq!(data(&after)["plan"]["updated"], "2015-11-30");
}

#[test]
fn a_long_update_text_is_written_as_a_multi_line_string() {
    let ex = Examples::new();
    let text = "The programme group reviewed the specifications with every provider; crisis response is now written into the adult community mental health specification and the others follow in the new year.";
    let (code, _, err) = ex.run(&[
        "update",
        "3",
        "--plan",
        "bexley-crisis-care",
        "--text",
        text,
        "--date",
        "2015-12-10",
        "--as-of",
        "2015-12-10",
    ]);
    assert_eq!(code, 0, "{err}");
    let after = ex.read("bexley.toml");
    assert!(after.contains("text = \"\"\"\nThe programme group reviewed"));
    assert!(after
        .lines()
        .all(|l| l.chars().count() <= 100 || !l.starts_with("The programme group reviewed")));
    assert_eq!(action(&data(&after), "3")["updates"][1]["text"], text);
}

// ---------------------------------------------------------------------------------------------
// set
// ---------------------------------------------------------------------------------------------

#[test]
fn set_due_later_keeps_the_old_date_as_baseline_due_and_satisfies_silent_reschedule() {
    let ex = Examples::new();
    let before = ex.read("pan-lancashire.toml");
    let (code, out, err) = ex.run(&[
        "set",
        "3.4.3",
        "--due",
        "June 2016",
        "--as-of",
        "2015-12-01",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "plans/pan-lancashire.toml: action 3.4.3: due \"April 2015\" → \"June 2016\" (baseline_due \"April 2015\" kept)\n"
    );
    let after = ex.read("pan-lancashire.toml");
    only_action_changed(&before, &after, "3.4.3", None);
    assert!(after.contains("due = \"June 2016\"\nbaseline_due = \"April 2015\"\n"));
    let a = action(&data(&after), "3.4.3").clone();
    assert_eq!(a["due"], "June 2016");
    assert_eq!(a["baseline_due"], "April 2015");

    // the check in git sees the move on the record: no silent-reschedule, no past-due
    let report = ex.check();
    let rules: Vec<String> = finding_set(&report)
        .into_iter()
        .filter(|f| f.contains(" 3.4.3 "))
        .collect();
    assert!(
        rules
            .iter()
            .all(|f| !f.contains("silent-reschedule") && !f.contains("past-due-no-update")),
        "{rules:?}"
    );

    // moving it again keeps the first agreed date
    let (code, _, err) = ex.run(&[
        "set",
        "3.4.3",
        "--due",
        "2016-09-30",
        "--as-of",
        "2015-12-01",
    ]);
    assert_eq!(code, 0, "{err}");
    let a = action(&data(&ex.read("pan-lancashire.toml")), "3.4.3").clone();
    assert_eq!(a["due"], "2016-09-30");
    assert_eq!(a["baseline_due"], "April 2015");
}

#[test]
fn set_replaces_leads_and_changes_fields_in_place() {
    let ex = Examples::new();
    let before = ex.read("nottinghamshire.toml");
    let (code, _, err) = ex.run(&[
        "set",
        "16",
        "--plan",
        "nottinghamshire-crisis-care",
        "--lead",
        "Nottinghamshire Healthcare NHS Foundation Trust",
        "--lead",
        "Nottinghamshire Police",
        "--rag",
        "RED",
        "--title",
        "Agree one escalation protocol for every partner",
        "--as-of",
        "2015-12-01",
    ]);
    assert_eq!(code, 0, "{err}");
    let after = ex.read("nottinghamshire.toml");
    only_action_changed(&before, &after, "16", None);
    let a = action(&data(&after), "16").clone();
    assert_eq!(
        a["leads"],
        serde_json::json!([
            "Nottinghamshire Healthcare NHS Foundation Trust",
            "Nottinghamshire Police"
        ])
    );
    assert_eq!(a["rag"], "red");
    assert_eq!(
        a["title"],
        "Agree one escalation protocol for every partner"
    );
    // every other key of the action is as it was
    let was = action(&data(&before), "16").clone();
    for (k, v) in was.as_object().expect("table") {
        if !["leads", "rag", "title"].contains(&k.as_str()) {
            assert_eq!(&a[k], v, "{k}");
        }
    }
    // vague-lead on 16 is gone, nothing new appeared
    let report = ex.check();
    assert!(!finding_set(&report)
        .iter()
        .any(|f| f.contains("vague-lead 16 ")));
}

#[test]
fn set_with_nothing_to_set_says_what_it_can_set() {
    let ex = Examples::new();
    let (code, _, err) = ex.run(&["set", "3.4.3"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("nothing to set: give one or more of --due"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// add
// ---------------------------------------------------------------------------------------------

#[test]
fn add_places_the_action_after_its_section_with_the_next_id() {
    let ex = Examples::new();
    let before = ex.read("pan-lancashire.toml");
    let (code, out, err) = ex.run(&[
        "add",
        "Publish the crisis line number on every GP practice website",
        "--plan",
        "pan-lancashire-crisis-care",
        "--section",
        "2",
        "--lead",
        "LCFT",
        "--due",
        "March 2016",
        "--as-of",
        "2015-12-01",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "plans/pan-lancashire.toml: action 2.10 added in section 2: \"Publish the crisis line number on every GP practice website\"\n"
    );
    let after = ex.read("pan-lancashire.toml");
    // everything to the end of action 2.9 as it was, then the new action, then the rest
    let (_, rest) = around(&before, "2.9");
    let new = "\n[[actions]]\nid = \"2.10\"\nsection = \"2\"\ntitle = \"Publish the crisis line number on every GP practice website\"\nleads = [\"LCFT\"]\ndue = \"March 2016\"\n";
    assert!(rest.starts_with("\n# ---"), "{rest}");
    assert_eq!(
        after,
        format!("{}{new}{rest}", &before[..before.len() - rest.len()])
    );
    let ids: Vec<String> = data(&after)["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| a["id"].as_str().unwrap_or("").to_string())
        .collect();
    let at = ids.iter().position(|i| i == "2.10").expect("added");
    assert_eq!((ids[at - 1].as_str(), ids[at + 1].as_str()), ("2.9", "3.1"));
}

#[test]
fn add_numbers_plainly_numbered_plans_plainly_and_takes_an_id() {
    let ex = Examples::new();
    let (code, out, err) = ex.run(&[
        "add",
        "Review crisis line demand",
        "--plan",
        "plans/nottinghamshire.toml",
        "--lead",
        "All CCGs",
        "--as-of",
        "2015-12-01",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("action 52 added"), "{out}");
    let (code, _, err) = ex.run(&[
        "add",
        "Review crisis line demand again",
        "--plan",
        "nottinghamshire-crisis-care",
        "--id",
        "52",
        "--lead",
        "All CCGs",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("already has an action `52`"), "{err}");
}

#[test]
fn add_without_a_lead_is_refused_with_the_finding_shown() {
    let ex = Examples::new();
    let was = ex.snapshot();
    let (code, _, err) = ex.run(&[
        "add",
        "Publish the crisis line",
        "--plan",
        "bexley-crisis-care",
        "--section",
        "2",
        "--as-of",
        "2015-12-01",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("error[missing-lead] action 31 has no lead"),
        "{err}"
    );
    assert!(
        err.contains("plans/bexley.toml: not written: the change would add 1 problem to the plan"),
        "{err}"
    );
    assert_eq!(ex.snapshot(), was);
}

#[test]
fn a_change_that_adds_an_error_is_refused() {
    let ex = Examples::new();
    let was = ex.snapshot();
    // action 1.7 is rated: completing it while amber is rag-complete-mismatch
    let (code, _, err) = ex.run(&[
        "set",
        "2.9",
        "--status",
        "complete",
        "--rag",
        "amber",
        "--as-of",
        "2015-12-01",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("error[rag-complete-mismatch]"), "{err}");
    assert_eq!(ex.snapshot(), was);
}

// ---------------------------------------------------------------------------------------------
// which plan, previews
// ---------------------------------------------------------------------------------------------

#[test]
fn an_action_id_in_several_plans_needs_plan_and_the_message_lists_them() {
    let ex = Examples::new();
    let was = ex.snapshot();
    let (code, _, err) = ex.run(&["update", "1", "--text", "x", "--date", "2015-12-01"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("3 plans have an action `1`: bedfordshire-luton-crisis-care (plans/bedfordshire-luton.toml), bexley-crisis-care (plans/bexley.toml), nottinghamshire-crisis-care (plans/nottinghamshire.toml); say which with --plan"),
        "{err}"
    );
    assert_eq!(ex.snapshot(), was);
}

#[test]
fn diff_shows_the_change_and_dry_run_says_it_and_neither_writes() {
    let ex = Examples::new();
    let was = ex.snapshot();
    let args = [
        "set",
        "3.4.3",
        "--due",
        "June 2016",
        "--as-of",
        "2015-12-01",
    ];
    let (code, out, err) = ex.run(&[&args[..], &["--diff"]].concat());
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("--- a/plans/pan-lancashire.toml\n+++ b/plans/pan-lancashire.toml\n@@ "),
        "{out}"
    );
    assert!(
        out.contains(
            "\n-due = \"April 2015\"\n+due = \"June 2016\"\n+baseline_due = \"April 2015\"\n"
        ),
        "{out}"
    );
    assert_eq!(ex.snapshot(), was);
    let (code, out, _) = ex.run(&[&args[..], &["--dry-run"]].concat());
    assert_eq!(code, 0);
    assert!(out.ends_with("(dry run: nothing written)\n"), "{out}");
    assert_eq!(ex.snapshot(), was);
}

// ---------------------------------------------------------------------------------------------
// bad input: exit 2, nothing written
// ---------------------------------------------------------------------------------------------

#[test]
fn bad_input_exits_2_saying_why_and_writes_nothing() {
    let ex = Examples::new();
    let was = ex.snapshot();
    for (args, says) in [
        (
            vec!["update", "99", "--text", "x"],
            "no plan has an action `99`",
        ),
        (
            vec!["update", "3", "--plan", "bexly", "--text", "x"],
            "no plan has the id `bexly`; did you mean `bexley-crisis-care`?",
        ),
        (
            vec!["update", "99", "--plan", "bexley-crisis-care", "--text", "x"],
            "plan `bexley-crisis-care` (plans/bexley.toml) has no action `99`",
        ),
        (
            vec!["update", "3.4.3", "--text", "x", "--rag", "purple"],
            "`purple` is not a rating on the rag scale; use one of: red, amber, green",
        ),
        (
            vec!["update", "3.4.3", "--text", "x", "--rag", "yellow"],
            "did you mean `amber`?",
        ),
        (
            vec!["update", "3.4.3", "--text", "x", "--date", "2015-13-01"],
            "`2015-13-01` is not a date: write it as YYYY-MM-DD",
        ),
        (
            vec!["update", "3.4.3", "--text", "  "],
            "--text is empty",
        ),
        (
            vec![
                "update", "3.4.3", "--text", "x", "--date", "9999-12-31", "--as-of", "2015-12-01",
            ],
            "--date 9999-12-31 is after 2016-03-02, a review cycle (quarterly) from today (2015-12-01)",
        ),
        (
            vec!["update", "3.4.3", "--text", "x", "--status", "nearly"],
            "`nearly` is not a status; use one of: not-started, in-progress, complete, withdrawn, on-hold",
        ),
        (
            vec!["set", "3.4.3", "--due", "soonish"],
            "cannot read `soonish` as a date or a timescale",
        ),
        (
            vec!["set", "3.4.3", "--section", "9"],
            "has no section `9`; its sections are 1, 2, 3, 4, 5, 6",
        ),
        (
            vec!["add", "A title", "--plan", "nope", "--lead", "x"],
            "no plan has the id `nope`",
        ),
    ] {
        let (code, _, err) = ex.run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(ex.snapshot(), was, "{args:?}");
    }
}

#[test]
fn a_plan_that_is_not_toml_is_not_edited_and_the_message_says_why() {
    let ex = Examples::new();
    let broken = ex.read("bexley.toml").replacen("[plan]", "[plan", 1);
    ex.write("bexley.toml", &broken);
    let was = ex.snapshot();
    for args in [
        vec!["update", "3", "--plan", "plans/bexley.toml", "--text", "x"],
        vec!["fmt", "plans/bexley.toml"],
    ] {
        let (code, _, err) = ex.run(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("need") && err.contains("valid TOML"), "{err}");
        assert!(err.contains("plans/bexley.toml"), "{err}");
        assert_eq!(ex.snapshot(), was);
    }
    // searching by action: the broken plan is named as not searched
    let (code, _, err) = ex.run(&["update", "22", "--text", "x"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("not searched, because they could not be read as TOML: plans/bexley.toml"),
        "{err}"
    );
}

#[test]
fn a_plan_that_breaks_the_schema_is_not_edited_until_fixed() {
    let ex = Examples::new();
    let text = ex
        .read("bexley.toml")
        .replacen("status = \"on-hold\"", "status = \"On hold\"", 1);
    ex.write("bexley.toml", &text);
    let (code, _, err) = ex.run(&["update", "3", "--plan", "bexley-crisis-care", "--text", "x"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "does not follow the plan format (1 problem; the first, at line 102, column 10"
        ),
        "{err}"
    );
    assert!(err.contains("`planlint check --fix` fixes some"), "{err}");
    assert_eq!(ex.read("bexley.toml"), text);
}

#[cfg(unix)]
#[test]
fn a_read_only_plan_is_not_written() {
    use std::os::unix::fs::PermissionsExt;
    let ex = Examples::new();
    let path = ex.file("pan-lancashire.toml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let was = ex.snapshot();
    let (code, _, err) = ex.run(&[
        "set",
        "3.4.3",
        "--due",
        "June 2016",
        "--as-of",
        "2015-12-01",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("plans/pan-lancashire.toml: the file is read-only; make it writable first (nothing was written)"), "{err}");
    assert_eq!(ex.snapshot(), was);
}

// ---------------------------------------------------------------------------------------------
// fmt
// ---------------------------------------------------------------------------------------------

#[test]
fn fmt_keeps_every_example_the_same_plan_and_twice_changes_nothing() {
    let ex = Examples::unformatted();
    let was = ex.snapshot();
    let report_before = ex.check();
    let (code, out, err) = ex.run(&["fmt", "--check"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        "would reformat plans/bedfordshire-luton.toml\nwould reformat plans/bexley.toml\nwould reformat plans/nottinghamshire.toml\nwould reformat plans/pan-lancashire.toml\n4 plans would be reformatted, 0 already formatted\n"
    );
    assert_eq!(ex.snapshot(), was, "--check writes nothing");
    let (code, out, _) = ex.run(&["fmt", "--diff"]);
    assert_eq!(code, 1);
    assert!(out.contains("+++ b/plans/bexley.toml\n"));
    assert_eq!(ex.snapshot(), was, "--diff writes nothing");

    let (code, out, err) = ex.run(&["fmt"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "4 plans formatted, 0 already formatted\n");
    let once = ex.snapshot();
    for p in PLANS {
        assert_eq!(data(&once[p]), data(&was[p]), "{p}: data changed");
        comments_kept(&was[p], &once[p]);
    }
    // the same findings, wherever they now are
    let strip = |r: &Value| finding_set(r);
    assert_eq!(strip(&ex.check()), strip(&report_before));

    let (code, out, _) = ex.run(&["fmt"]);
    assert_eq!(code, 0);
    assert_eq!(out, "0 plans formatted, 4 already formatted\n");
    assert_eq!(ex.snapshot(), once, "fmt twice changes nothing");
    let (code, out, _) = ex.run(&["fmt", "--check", "plans/bexley.toml"]);
    assert_eq!((code, out.as_str()), (0, "1 plan already formatted\n"));
}

// ---------------------------------------------------------------------------------------------
// check --fix
// ---------------------------------------------------------------------------------------------

/// The examples as a careless edit leaves them: a status and a rating written as people write
/// them, an empty lead, and a due date moved later without a word (committed before the move).
fn careless(ex: &Examples) {
    let notts = ex.read("nottinghamshire.toml").replacen(
        "status = \"in-progress\"\nrag = \"green\"",
        "status = \"In progress\"\nrag = \"Green\"",
        1,
    );
    ex.write("nottinghamshire.toml", &notts);
    let bexley = ex.read("bexley.toml").replacen(
        "leads = [\"NHS Bexley CCG\", \"London Borough of Bexley\"]",
        "leads = [\"NHS Bexley CCG\", \"\", \"London Borough of Bexley\"]",
        1,
    );
    ex.write("bexley.toml", &bexley);
    let pan =
        ex.read("pan-lancashire.toml")
            .replacen("due = \"Sept 2015\"", "due = \"March 2016\"", 1);
    ex.write("pan-lancashire.toml", &pan);
}

#[test]
fn fix_removes_exactly_the_findings_it_claims_and_no_other() {
    let ex = Examples::new();
    careless(&ex);
    let before = ex.check();
    let was = ex.snapshot();

    // --diff: shown, not written
    let (code, out, err) = ex.run(&["check", "--as-of", "2015-12-01", "--fix", "--diff"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        out.contains("-status = \"In progress\"\n-rag = \"Green\"\n+status = \"in-progress\"\n+rag = \"green\"\n"),
        "{out}"
    );
    assert!(err.contains("planlint: note: would fix 4 findings in 3 plans (empty-lead 1, rag-spelling 1, schema 1, silent-reschedule 1); nothing written"), "{err}");
    assert_eq!(ex.snapshot(), was);

    let (code, _, err) = ex.run(&[
        "check",
        "--as-of",
        "2015-12-01",
        "--format",
        "json",
        "--fix",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("planlint: note: fixed 4 findings in 3 plans (empty-lead 1, rag-spelling 1, schema 1, silent-reschedule 1)"), "{err}");
    assert!(
        err.contains("2 more findings can be fixed with --unsafe-fixes"),
        "{err}"
    );
    let after = ex.check();
    let (b, a) = (finding_set(&before), finding_set(&after));
    let gone: Vec<&String> = b.iter().filter(|f| !a.contains(f)).collect();
    let new: Vec<&String> = a.iter().filter(|f| !b.contains(f)).collect();
    // the schema finding hid nottinghamshire's rules: with the status fixed they run again
    let notts_before = b
        .iter()
        .filter(|f| f.starts_with("plans/nottinghamshire.toml "))
        .count();
    assert_eq!(notts_before, 1, "{b:?}");
    let rules_gone: Vec<String> = gone
        .iter()
        .map(|f| f.split(' ').take(2).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        rules_gone,
        [
            "plans/bexley.toml empty-lead",
            "plans/nottinghamshire.toml schema",
            "plans/pan-lancashire.toml silent-reschedule",
        ]
    );
    // what appeared is nottinghamshire's ordinary findings, the ones the pristine examples have
    let pristine = {
        let ex = Examples::new();
        finding_set(&ex.check())
    };
    for f in &new {
        assert!(pristine.contains(f), "new finding {f}");
    }
    // rag-spelling was hidden behind the schema finding and fixed in the second pass
    assert!(!a.iter().any(|f| f.contains("rag-spelling")));
    assert_eq!(
        a.iter()
            .filter(|f| f.starts_with("plans/nottinghamshire.toml "))
            .count(),
        pristine
            .iter()
            .filter(|f| f.starts_with("plans/nottinghamshire.toml "))
            .count()
    );

    // the edits are exactly the fixes
    let after = ex.snapshot();
    assert_eq!(
        after["nottinghamshire.toml"],
        was["nottinghamshire.toml"].replacen(
            "status = \"In progress\"\nrag = \"Green\"",
            "status = \"in-progress\"\nrag = \"green\"",
            1
        )
    );
    assert_eq!(
        after["bexley.toml"],
        was["bexley.toml"].replacen(
            "\"NHS Bexley CCG\", \"\", \"London",
            "\"NHS Bexley CCG\", \"London",
            1
        )
    );
    let moved = "due = \"March 2016\"\nstatus = \"in-progress\"\nrag = \"amber\"\noutcomes = [\"Enough s136";
    assert_eq!(was["pan-lancashire.toml"].matches(moved).count(), 1);
    assert!(
        after["pan-lancashire.toml"]
            == was["pan-lancashire.toml"].replacen(
                moved,
                &moved.replacen("\n", "\nbaseline_due = \"Sept 2015\"\n", 1),
                1
            ),
        "pan-lancashire.toml: more than baseline_due changed"
    );
}

#[test]
fn unsafe_fixes_rate_yellow_as_amber_only_when_asked() {
    let ex = Examples::new();
    let before = finding_set(&ex.check());
    let (code, _, err) = ex.run(&[
        "check",
        "--as-of",
        "2015-12-01",
        "--fix",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("nothing to fix"), "{err}");
    assert!(
        err.contains("2 more findings can be fixed with --unsafe-fixes"),
        "{err}"
    );
    let (code, _, err) = ex.run(&[
        "check",
        "--as-of",
        "2015-12-01",
        "--fix",
        "--unsafe-fixes",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("fixed 2 findings in 1 plan (rag-unknown 2)"),
        "{err}"
    );
    let after = finding_set(&ex.check());
    let gone: Vec<&String> = before.iter().filter(|f| !after.contains(f)).collect();
    assert_eq!(gone.len(), 2);
    assert!(gone
        .iter()
        .all(|f| f.contains("rag-unknown") && f.contains("`yellow`")));
    assert!(after.iter().all(|f| before.contains(f)), "nothing new");
}

#[test]
fn fix_cannot_be_used_on_a_revision() {
    let ex = Examples::new();
    let (code, _, err) = ex.run(&["check", "--fix", "--rev", "HEAD"]);
    assert_eq!(code, 2);
    assert!(err.contains("--fix") && err.contains("--rev"), "{err}");
}

#[test]
fn rules_and_explain_say_which_rules_fix() {
    let ex = Examples::new();
    let (_, out, _) = ex.run(&["rules"]);
    assert!(
        out.contains("rag-spelling             info     fix  "),
        "{out}"
    );
    assert!(
        out.contains("rag-unknown              error    fix? "),
        "{out}"
    );
    assert!(
        out.contains("vague-lead               warning       "),
        "{out}"
    );
    let (_, out, _) = ex.run(&["explain", "silent-reschedule"]);
    assert!(
        out.contains("Fix: safe (`planlint check --fix` applies it)."),
        "{out}"
    );
}

// ---------------------------------------------------------------------------------------------
// the README's walk-through is what planlint prints
// ---------------------------------------------------------------------------------------------

/// Splits a command line the way a shell would for the README's commands (double quotes only).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let (mut quoted, mut any) = (false, false);
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(word);
    }
    out
}

#[test]
fn the_readme_between_two_boards_shows_real_output() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let section = readme
        .split("\n## Between two boards\n")
        .nth(1)
        .expect("the section")
        .split("\n## ")
        .next()
        .expect("its end");
    let ex = Examples::new();
    ex.git(&["tag", "review-2015-11"]);
    let head = ex.git(&["rev-parse", "--short", "HEAD"]);
    let mut ran = 0;
    for block in section.split("```console\n").skip(1) {
        let block = block.split("```").next().expect("closed block");
        let mut commands: Vec<(String, String)> = Vec::new();
        for line in block.lines() {
            match line.strip_prefix("$ ") {
                Some(cmd) => commands.push((cmd.to_string(), String::new())),
                None => {
                    let (_, out) = commands.last_mut().expect("output after a command");
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        for (cmd, want) in commands {
            let args = words(&cmd);
            assert_eq!(args[0], "planlint", "{cmd}");
            let (code, out, err) =
                ex.run(&args[1..].iter().map(String::as_str).collect::<Vec<_>>());
            ran += 1;
            if code == 2 {
                // a refusal: the findings are drawn for a terminal there; the verdict is the same
                let last = want.lines().last().expect("a message");
                assert_eq!(err.lines().last(), Some(last), "{cmd}");
                continue;
            }
            assert_eq!(code, 0, "{cmd}: {err}");
            let want = want.replace("(86b761c)", &format!("({})", head.trim()));
            assert_eq!(out, want, "{cmd}");
        }
    }
    assert_eq!(ran, 6);
}

/// Runs each argument list as its own `planlint` process, all at once; returns each one's exit
/// code and stderr, in order.
fn all_at_once(ex: &Examples, runs: &[Vec<String>]) -> Vec<(i32, String)> {
    let bin = assert_cmd::cargo::cargo_bin("planlint");
    let children: Vec<_> = runs
        .iter()
        .map(|args| {
            std::process::Command::new(&bin)
                .current_dir(ex.path())
                .env("NO_COLOR", "1")
                .args(args)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("start planlint")
        })
        .collect();
    children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().expect("wait");
            (
                out.status.code().expect("exit code"),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        })
        .collect()
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

#[test]
fn parallel_updates_that_exit_0_are_all_in_the_file() {
    let ex = Examples::new();
    let runs: Vec<Vec<String>> = (0..20)
        .map(|n| {
            let text = format!("Parallel update number {n}.");
            strings(&[
                "update",
                "3",
                "--plan",
                "bexley-crisis-care",
                "--text",
                &text,
                "--date",
                "2015-12-10",
                "--as-of",
                "2015-12-10",
            ])
        })
        .collect();
    let done = all_at_once(&ex, &runs);
    let after = ex.read("bexley.toml");
    let mut succeeded = 0;
    for (n, (code, err)) in done.iter().enumerate() {
        assert!(*code == 0 || *code == 2, "run {n}: exit {code}: {err}");
        if *code == 0 {
            succeeded += 1;
            assert!(
                after.contains(&format!("Parallel update number {n}.")),
                "run {n} exited 0 but its update is not in the file:\n{after}"
            );
        }
    }
    // a lock makes them wait their turn: none needs to refuse
    assert_eq!(succeeded, 20, "{done:?}");
}

#[test]
fn parallel_adds_and_mixed_updates_and_sets_lose_nothing() {
    let ex = Examples::new();
    let mut runs: Vec<Vec<String>> = (0..10)
        .map(|n| {
            let title = format!("Parallel action number {n}");
            strings(&[
                "add",
                &title,
                "--plan",
                "bexley-crisis-care",
                "--lead",
                "Someone",
                "--due",
                "2016-03-31",
                "--as-of",
                "2015-12-10",
            ])
        })
        .collect();
    for n in 0..10 {
        let text = format!("Mixed update number {n}.");
        runs.push(if n % 2 == 0 {
            strings(&[
                "update",
                "3",
                "--plan",
                "bexley-crisis-care",
                "--text",
                &text,
                "--date",
                "2015-12-10",
                "--as-of",
                "2015-12-10",
            ])
        } else {
            let title = format!("Title set by run {n}");
            strings(&[
                "set",
                "2",
                "--plan",
                "bexley-crisis-care",
                "--title",
                &title,
                "--as-of",
                "2015-12-10",
            ])
        });
    }
    let done = all_at_once(&ex, &runs);
    let after = ex.read("bexley.toml");
    let plan = data(&after);
    for (n, (code, err)) in done.iter().enumerate() {
        assert_eq!(*code, 0, "run {n}: {err}");
    }
    for n in 0..10 {
        assert!(
            after.contains(&format!("Parallel action number {n}")),
            "add {n} lost:\n{after}"
        );
        if n % 2 == 0 {
            assert!(
                after.contains(&format!("Mixed update number {n}.")),
                "update {n} lost"
            );
        }
    }
    // the sets each replaced the title: the last one written is there, whole
    let title = action(&plan, "2")["title"]
        .as_str()
        .expect("title")
        .to_string();
    assert!(title.starts_with("Title set by run "), "{title}");
}

#[cfg(unix)]
#[test]
fn fmt_and_fix_refuse_a_symlinked_plan_as_update_does() {
    let ex = Examples::new();
    // a plan kept outside the repository, untidy and with a fixable finding, linked in
    let outside = tempfile::tempdir().expect("dir");
    let untidy = ex.read("bexley.toml").replacen(
        "leads = [\"NHS Bexley CCG\", \"London Borough of Bexley\"]",
        "leads   =   [\"NHS Bexley CCG\", \"\", \"London Borough of Bexley\"]",
        1,
    );
    assert_ne!(untidy, ex.read("bexley.toml"));
    let real = outside.path().join("linked.toml");
    std::fs::write(&real, &untidy).expect("write");
    let link = ex.file("linked.toml");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    for args in [
        vec!["fmt", "plans/linked.toml"],
        vec![
            "check",
            "--fix",
            "--as-of",
            "2015-12-10",
            "plans/linked.toml",
        ],
    ] {
        let (code, _, err) = ex.run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("symbolic link"), "{args:?}: {err}");
        let meta = std::fs::symlink_metadata(&link).expect("link");
        assert!(meta.file_type().is_symlink(), "{args:?} replaced the link");
        assert_eq!(std::fs::read_to_string(&real).expect("read"), untidy);
    }
}

#[test]
fn edit_summaries_and_diffs_show_control_characters_escaped() {
    let ex = Examples::new();
    // a comment with a bidi override and a title with an escape sequence, raw in the plan
    let plan = ex
        .read("bexley.toml")
        .replacen(
            "id = \"3\"\nsection = \"1\"\n",
            "id = \"3\" # reviewed \u{202e}ton\nsection = \"1\"\n",
            1,
        )
        .replacen(
            "title = \"Write crisis response",
            "title = \"\\u001b]0;pwned\\u0007Write crisis response",
            1,
        );
    ex.write("bexley.toml", &plan);
    let runs: [&[&str]; 3] = [
        &["set", "3", "--title", "New \u{1b}[2J title", "--dry-run"],
        &["set", "3", "--section", "2", "--diff"],
        &[
            "update",
            "3",
            "--text",
            "Done \u{9b}31m",
            "--date",
            "2015-12-10",
            "--diff",
        ],
    ];
    for args in runs {
        let (code, out, err) = ex.run(
            &[
                args,
                &["--plan", "bexley-crisis-care", "--as-of", "2015-12-10"],
            ]
            .concat(),
        );
        assert_eq!(code, 0, "{args:?}: {err}");
        let raw = |s: &str| {
            s.chars()
                .any(|c| matches!(c, '\u{1b}' | '\u{7}' | '\u{9b}' | '\u{202e}'))
        };
        assert!(
            !raw(&out),
            "{args:?} printed a control character raw: {out:?}"
        );
        assert!(
            !raw(&err),
            "{args:?} printed a control character raw: {err:?}"
        );
    }
    let (_, out, _) = ex.run(&[
        "set",
        "3",
        "--title",
        "New \u{1b}[2J title",
        "--dry-run",
        "--plan",
        "bexley-crisis-care",
        "--as-of",
        "2015-12-10",
    ]);
    assert!(out.contains("title \"New \\u{1b}[2J title\""), "{out}");
    let (_, out, _) = ex.run(&[
        "set",
        "3",
        "--section",
        "2",
        "--diff",
        "--plan",
        "bexley-crisis-care",
        "--as-of",
        "2015-12-10",
    ]);
    assert!(out.contains("# reviewed \\u{202e}ton"), "{out}");
}

#[test]
fn fmt_keeps_bidi_and_invisible_controls_escaped_and_shows_them_escaped() {
    let ex = Examples::new();
    // a Trojan Source title, escaped as the TOML allows, and an untidy line so fmt has work
    let plan = ex.read("bexley.toml").replacen(
        "title = \"Write crisis response into the service specifications for mental health services\"",
        "title    =   \"Write crisis \\u202eresponse\\u2066 into\\u200b the \\u0007specifications\"",
        1,
    );
    ex.write("bexley.toml", &plan);
    let invisible = |s: &str| {
        s.chars()
            .any(|c| matches!(c, '\u{202e}' | '\u{2066}' | '\u{200b}' | '\u{7}'))
    };
    let (code, out, err) = ex.run(&["fmt", "--diff", "plans/bexley.toml"]);
    assert_eq!(code, 1, "{err}");
    assert!(!invisible(&out), "{out:?}");
    assert!(
        out.contains("+title = \"Write crisis \\u202Eresponse\\u2066 into\\u200B the \\u0007specifications\""),
        "{out}"
    );
    let (code, _, err) = ex.run(&["fmt", "plans/bexley.toml"]);
    assert_eq!(code, 0, "{err}");
    let after = ex.read("bexley.toml");
    assert!(!invisible(&after), "fmt wrote an invisible control raw");
    let title = action(&data(&after), "3")["title"]
        .as_str()
        .expect("title")
        .to_string();
    assert_eq!(
        title,
        "Write crisis \u{202e}response\u{2066} into\u{200b} the \u{7}specifications"
    );
}

#[test]
fn update_rates_an_action_that_has_no_rating_and_no_updates_yet() {
    let ex = Examples::new();
    let (code, _, err) = ex.run(&[
        "add",
        "A new action",
        "--plan",
        "bexley-crisis-care",
        "--section",
        "7",
        "--lead",
        "NHS Bexley CCG",
        "--due",
        "2016-03-31",
        "--as-of",
        "2015-12-10",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(ex.read("bexley.toml").contains("id = \"31\""));
    let (code, out, err) = ex.run(&[
        "update",
        "31",
        "--text",
        "Started.",
        "--rag",
        "amber",
        "--status",
        "in-progress",
        "--date",
        "2015-12-10",
        "--as-of",
        "2015-12-10",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("action 31: new update dated 2015-12-10; rag amber"),
        "{out}"
    );
    let plan = data(&ex.read("bexley.toml"));
    let a = action(&plan, "31");
    assert_eq!(a["rag"], "amber");
    assert_eq!(a["status"], "in-progress");
    assert_eq!(a["updates"][0]["text"], "Started.");
    // a field added to an action whose table ends in milestones and updates
    let (code, _, err) = ex.run(&[
        "set",
        "15",
        "--plan",
        "bexley-crisis-care",
        "--rag",
        "green",
        "--partner",
        "MIND",
        "--as-of",
        "2015-12-10",
    ]);
    assert_eq!(code, 0, "{err}");
    let plan = data(&ex.read("bexley.toml"));
    assert_eq!(action(&plan, "15")["rag"], "green");
    assert_eq!(
        action(&plan, "15")["milestones"].as_array().map(Vec::len),
        Some(2)
    );
}

#[test]
fn fix_writes_when_the_error_it_reveals_was_there_behind_a_schema_error() {
    let ex = Examples::new();
    // a fixable schema error (a status as people write it) hides an unrelated rule error:
    // the rules cannot run on a plan that breaks the schema
    let plan = ex
        .read("bexley.toml")
        .replacen("status = \"in-progress\"", "status = \"In progress\"", 1)
        .replacen(
            "status = \"complete\"\n",
            "status = \"complete\"\nrag = \"amber\"\n",
            1,
        );
    ex.write("bexley.toml", &plan);
    let (code, out, err) = ex.run(&[
        "check",
        "--fix",
        "--as-of",
        "2015-12-10",
        "--format",
        "concise",
        "plans/bexley.toml",
    ]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("fixed 1 finding in 1 plan (schema 1)"),
        "{err}"
    );
    assert!(!err.contains("not written"), "{err}");
    assert!(
        out.contains("error[rag-complete-mismatch] action 2 is complete but rated amber"),
        "{out}"
    );
    assert_eq!(
        ex.read("bexley.toml"),
        plan.replacen("status = \"In progress\"", "status = \"in-progress\"", 1)
    );
}

#[test]
fn add_without_section_takes_the_last_and_says_so_and_needs_plan_only_when_plans_are_several() {
    let ex = Examples::new();
    let (code, out, err) = ex.run(&[
        "add",
        "Something new",
        "--lead",
        "NHS Bexley CCG",
        "--as-of",
        "2015-12-10",
    ]);
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("the repository has 4 plans: say which with --plan"),
        "{err}"
    );
    let (code, out, err) = ex.run(&[
        "add",
        "Something new",
        "--plan",
        "bexley-crisis-care",
        "--lead",
        "NHS Bexley CCG",
        "--as-of",
        "2015-12-10",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "plans/bexley.toml: action 31 added in section 7 (the plan's last; give --section to choose another): \"Something new\"\n"
    );
    assert_eq!(action(&data(&ex.read("bexley.toml")), "31")["section"], "7");

    // in a section numbered 41, 42: 43, after 42 and before the next section's actions
    let one = common::repo(&[
        ("planlint.toml", ""),
        (
            "plans/p.toml",
            "schema_version = 1\n\n[plan]\nid = \"p\"\ntitle = \"P\"\n\n[[sections]]\nid = \"1\"\ntitle = \"One\"\n\n[[sections]]\nid = \"2\"\ntitle = \"Two\"\n\n[[actions]]\nid = \"41\"\nsection = \"1\"\ntitle = \"Forty-one\"\nleads = [\"A\"]\n\n[[actions]]\nid = \"42\"\nsection = \"1\"\ntitle = \"Forty-two\"\nleads = [\"A\"]\n\n[[actions]]\nid = \"50\"\nsection = \"2\"\ntitle = \"Fifty\"\nleads = [\"A\"]\n",
        ),
    ]);
    // one plan: no --plan needed
    let out = common::planlint(one.path())
        .args([
            "add",
            "Forty-three",
            "--section",
            "1",
            "--lead",
            "B",
            "--as-of",
            "2015-12-10",
        ])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(one.path().join("plans/p.toml")).expect("read");
    let ids: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("id = \""))
        .map(|l| l.trim_end_matches('"'))
        .collect();
    assert_eq!(ids, ["p", "1", "2", "41", "42", "43", "50"], "{text}");
}

#[test]
fn counts_are_pluralised_alike_everywhere() {
    let dir = common::repo(&[
        ("planlint.toml", ""),
        (
            "plans/p.toml",
            "schema_version = 1\n\n[plan]\nid = \"p\"\ntitle = \"P\"\n\n[[actions]]\nid = \"1\"\ntitle = \"One\"\nleads = [\"A\"]\nstatus = \"complete\"\nrag = \"amber\"\n",
        ),
    ]);
    let out = common::planlint(dir.path())
        .args(["check", "--format", "concise", "--as-of", "2015-12-10"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("1 error in 1 plan (1 action)\n"), "{text}");
}
