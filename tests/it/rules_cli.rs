//! The lint rules end to end: the real binary on small plans in temporary folders, asserting
//! exit codes, rule names, line:column and messages as a user (or CI) sees them.

use crate::common::{check_json, planlint, repo};
use serde_json::Value;

/// A plan with everything a clean open action needs, so only the rule under test can speak:
/// `{action}` is spliced into action 1 before its update.
fn plan(top: &str, action: &str) -> String {
    format!(
        r#"schema_version = 1
{top}
[plan]
id = "p"
title = "Crisis care action plan"
updated = 2015-11-30
review_cycle = "quarterly"

[[actions]]
id = "1"
title = "Agree the section 136 pathway"
leads = ["Police and mental health trust"]
{action}

[[actions.updates]]
date = 2015-11-30
"#
    )
}

/// `rule severity line:col action message` of every finding.
fn findings(report: &Value) -> Vec<String> {
    crate::common::each_finding(report, |f| {
        format!(
            "{} {} {}:{} {} {}",
            f["rule"].as_str().unwrap_or("?"),
            f["severity"].as_str().unwrap_or("?"),
            f["line"],
            f["column"],
            f["action"].as_str().unwrap_or("-"),
            f["message"].as_str().unwrap_or("?")
        )
    })
}

fn one_plan(text: &str) -> tempfile::TempDir {
    repo(&[("plans/p.toml", text)])
}

#[test]
fn a_complete_green_action_past_due_is_quiet() {
    let text = plan(
        "",
        "due = 2015-06-30\nstatus = \"complete\"\nrag = \"green\"",
    )
        + "text = \"Completed: pathway signed by all partners in June.\"\nrag = \"green\"\n";
    let (code, r) = check_json(one_plan(&text).path(), &[]);
    assert_eq!(findings(&r), Vec::<String>::new());
    assert_eq!(code, 0);
}

#[test]
fn an_open_green_action_past_due_is_an_error_at_its_rating() {
    let text = plan(
        "",
        "due = 2015-03-31\nstatus = \"in-progress\"\nrag = \"green\"",
    ) + "text = \"Pathway with the trust board.\"\n";
    let (code, r) = check_json(one_plan(&text).path(), &[]);
    assert_eq!(code, 1);
    let f: Vec<String> = findings(&r)
        .into_iter()
        .filter(|f| f.starts_with("rag-green-overdue"))
        .collect();
    assert_eq!(
        f,
        vec!["rag-green-overdue error 15:7 1 rated green but due 2015-03-31 and not complete"]
    );
}

#[test]
fn rag_text_mismatch_is_quiet_on_negations_and_plans() {
    for said in [
        "Not yet complete: the trust board meets in January.",
        "To be completed by March 2016.",
        "The pathway will be completed by the end of January.",
        "Once complete, the pathway goes to every custody suite.",
        "Evaluation completed in October; roll-out continues.",
        "Launch not delayed by the winter pressures.",
    ] {
        let text = plan(
            "",
            "due = 2016-03-31\nstatus = \"in-progress\"\nrag = \"green\"",
        ) + &format!("text = \"{said}\"\n");
        let (code, r) = check_json(one_plan(&text).path(), &[]);
        assert_eq!(findings(&r), Vec::<String>::new(), "{said}");
        assert_eq!(code, 0, "{said}");
    }
}

#[test]
fn rag_text_mismatch_fires_on_a_declared_completion() {
    let text = plan(
        "",
        "due = 2016-03-31\nstatus = \"in-progress\"\nrag = \"green\"",
    ) + "text = \"Complete: pathway signed by all partners.\"\n";
    let (code, r) = check_json(one_plan(&text).path(), &[]);
    assert_eq!(
        findings(&r),
        vec!["rag-text-mismatch warning 19:9 1 latest update (2015-11-30) says \"Complete\" but status is in-progress"]
    );
    assert_eq!(code, 0);
}

#[test]
fn unused_allow_fires_on_a_misspelt_rule_and_an_allow_that_silences_nothing() {
    let text = plan(
        "allow = [\"stale-actoin\"]\nallow_reason = \"reviewed at each board\"",
        "due = 2016-03-31\nstatus = \"in-progress\"\nrag = \"amber\"\nallow = [\"vague-lead\"]\nallow_reason = \"shared by the partnership\"",
    ) + "text = \"Draft pathway with partners.\"\n";
    let dir = one_plan(&text);
    let (code, r) = check_json(dir.path(), &[]);
    assert_eq!(
        findings(&r),
        vec![
            "unused-allow warning 2:10 - `allow` names `stale-actoin`, which is not a planlint rule",
            "unused-allow warning 17:10 1 `allow` silences `vague-lead`, but action 1 has no vague-lead finding",
        ]
    );
    assert_eq!(code, 0);
    planlint(dir.path())
        .args(["check", "--as-of", "2015-12-01", "--format", "human"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("did you mean `stale-action`?"));
}

#[test]
fn an_allow_silences_an_error_and_the_exit_code_follows() {
    let open = "due = 2016-03-31\nstatus = \"in-progress\"\nrag = \"amber\"";
    let without = plan("", open).replace("leads = [\"Police and mental health trust\"]\n", "")
        + "text = \"Draft pathway with partners.\"\n";
    let (code, r) = check_json(one_plan(&without).path(), &[]);
    assert_eq!(
        findings(&r),
        vec!["missing-lead error 10:6 1 action 1 has no lead"]
    );
    assert_eq!(code, 1);

    let with = plan(
        "",
        &format!("{open}\nallow = [\"missing-lead\"]\nallow_reason = \"lead to be named by the board in January\""),
    )
    .replace("leads = [\"Police and mental health trust\"]\n", "")
        + "text = \"Draft pathway with partners.\"\n";
    let (code, r) = check_json(one_plan(&with).path(), &[]);
    assert_eq!(findings(&r), Vec::<String>::new());
    assert_eq!(code, 0);
}

#[test]
fn allow_without_allow_reason_is_a_schema_error() {
    let text = plan(
        "",
        "due = 2016-03-31\nstatus = \"in-progress\"\nrag = \"amber\"\nallow = [\"vague-lead\"]",
    ) + "text = \"Draft pathway with partners.\"\n";
    let (code, r) = check_json(one_plan(&text).path(), &[]);
    assert_eq!(
        findings(&r),
        vec!["schema error 9:1 - missing required key `allow_reason` in [[actions]] entry 1"]
    );
    assert_eq!(code, 1);
}

#[test]
fn a_rule_switched_off_in_planlint_toml_is_quiet_and_severity_can_be_raised() {
    let text = plan("", "due = 2016-03-31\nstatus = \"in-progress\"")
        .replace("leads = [\"Police and mental health trust\"]\n", "")
        + "text = \"Draft pathway with partners.\"\n";
    let config = "[rules]\nmissing-lead = \"off\"\nrag-missing = \"error\"\n";
    let dir = repo(&[("plans/p.toml", &text), ("planlint.toml", config)]);
    let (code, r) = check_json(dir.path(), &[]);
    assert_eq!(
        findings(&r),
        vec!["rag-missing error 10:6 1 action 1 is in progress and has no rating (its latest update, 2015-11-30, gives none)"]
    );
    assert_eq!(code, 1);

    let config = "[rules]\nmissing-lead = \"off\"\nrag-missing = \"off\"\n";
    let dir = repo(&[("plans/p.toml", &text), ("planlint.toml", config)]);
    let (code, r) = check_json(dir.path(), &[]);
    assert_eq!(findings(&r), Vec::<String>::new());
    assert_eq!(code, 0);
}

#[test]
fn brag_scale_from_planlint_toml_judges_complete_and_overdue_actions() {
    let config = "[ratings]\nscale = \"brag\"\n";
    let complete_green = plan(
        "",
        "due = 2015-06-30\nstatus = \"complete\"\nrag = \"green\"",
    ) + "text = \"Completed in June.\"\n";
    let dir = repo(&[("plans/p.toml", &complete_green), ("planlint.toml", config)]);
    let (code, r) = check_json(dir.path(), &[]);
    assert_eq!(
        findings(&r),
        vec!["rag-complete-mismatch error 15:7 1 action 1 is complete but rated green"]
    );
    assert_eq!(code, 1);

    let complete_blue = complete_green.replace("rag = \"green\"", "rag = \"blue\"");
    let dir = repo(&[("plans/p.toml", &complete_blue), ("planlint.toml", config)]);
    let (code, r) = check_json(dir.path(), &[]);
    assert_eq!(findings(&r), Vec::<String>::new());
    assert_eq!(code, 0);
}

#[test]
fn a_section_rated_better_than_its_worst_action_is_a_plan_level_warning() {
    let text = plan(
        "",
        "section = \"1\"\ndue = 2016-03-31\nstatus = \"in-progress\"\nrag = \"red\"",
    )
    .replace(
        "[[actions]]",
        "[[sections]]\nid = \"1\"\ntitle = \"Access to support before crisis point\"\nrag = \"green\"\n\n[[actions]]",
    ) + "text = \"No agreement yet on funding.\"\n";
    let (code, r) = check_json(one_plan(&text).path(), &[]);
    assert_eq!(
        findings(&r),
        vec!["rag-rollup warning 12:7 - section 1 is rated green but action 1 is rated red"]
    );
    assert_eq!(r["findings"][0]["action"], Value::Null);
    assert_eq!(code, 0);
}
