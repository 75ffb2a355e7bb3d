//! Adopting planlint on plans that already have findings: `planlint baseline` (and `--prune`),
//! `check` leaving baselined findings out, `unused-baseline`, `allow_until`, `[rules]
//! non_waivable` and `check --strict`, and `allow` judged once after the history rules.

use crate::common::{git, git_at, planlint, planlint_git, repo, text, HEAD};
use std::path::Path;

/// Action 6.3 has a vague lead and is overdue and rated green; 6.4 is fine but for staleness.
const PLAN: &str = "[[actions]]\nid = \"6.3\"\ntitle = \"Share learning\"\nleads = [\"All\"]\ndue = 2015-03-31\nstatus = \"in-progress\"\nrag = \"green\"\n\n[[actions]]\nid = \"6.4\"\ntitle = \"Other\"\nleads = [\"Mind\"]\ndue = 2016-03-31\nstatus = \"in-progress\"\nrag = \"amber\"\n";

/// Runs `planlint ARGS… --as-of 2015-12-01` with concise output where it applies; (exit code,
/// stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut c = planlint(dir);
    c.args(args).args(["--as-of", "2015-12-01"]);
    if args.first() == Some(&"check") {
        c.args(["--format", "concise"]);
    }
    let out = c.output().expect("run");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn baseline_text(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("planlint-baseline.toml")).expect("baseline written")
}

#[test]
fn a_baseline_is_written_hides_old_findings_reports_fixed_ones_and_is_pruned() {
    let dir = repo(&[("plans/p.toml", &format!("{HEAD}\n{PLAN}"))]);
    let (code, out, _) = run(dir.path(), &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("warning[vague-lead]"), "{out}");

    let (code, _, err) = run(dir.path(), &["baseline"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("wrote planlint-baseline.toml: 5 findings in 1 plan"),
        "{err}"
    );
    let written = baseline_text(dir.path());
    let lines: Vec<&str> = written.lines().filter(|l| l.starts_with("  {")).collect();
    assert_eq!(
        lines,
        [
            "  { plan = \"p\", action = \"6.3\", rule = \"past-due-no-update\", field = \"due\" }, # due 2015-03-31 and no update since",
            "  { plan = \"p\", action = \"6.3\", rule = \"rag-green-overdue\", field = \"rag\" }, # rated green but due 2015-03-31 and not complete",
            "  { plan = \"p\", action = \"6.3\", rule = \"stale-action\", field = \"id\" }, # no update in the latest review cycle (quarterly, 2015-09-01 to 2015-12-01)",
            "  { plan = \"p\", action = \"6.3\", rule = \"vague-lead\", field = \"leads\" }, # the only lead, \"All\", names nobody in particular",
            "  { plan = \"p\", action = \"6.4\", rule = \"stale-action\", field = \"id\" }, # no update in the latest review cycle (quarterly, 2015-09-01 to 2015-12-01)",
        ]
    );

    // the old findings are silent, and counted
    let (code, out, err) = run(dir.path(), &["check"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "no problems in 1 plan (2 actions)\n"),
        "{err}"
    );
    assert!(
        err.contains("5 findings in the baseline not shown (planlint-baseline.toml)"),
        "{err}"
    );

    // a line added above moves every finding: still the same findings
    let moved = format!("{HEAD}\n# a comment\n\n{PLAN}");
    std::fs::write(dir.path().join("plans/p.toml"), &moved).expect("write");
    let (code, out, _) = run(dir.path(), &["check"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "no problems in 1 plan (2 actions)\n")
    );

    // one fixed: its line is reported, where it is in the baseline
    let fixed = moved.replace("leads = [\"All\"]", "leads = [\"Crisis Team Manager\"]");
    std::fs::write(dir.path().join("plans/p.toml"), &fixed).expect("write");
    let (code, out, err) = run(dir.path(), &["check"]);
    assert_eq!(
        (code, out.as_str()),
        (
            0,
            "planlint-baseline.toml:10:3: warning[unused-baseline] the baseline records a vague-lead finding in action 6.3 of plan p, but it no longer occurs\n1 warning in 1 plan (2 actions)\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("4 findings in the baseline not shown"),
        "{err}"
    );

    // --prune removes that line only
    let (code, _, err) = run(dir.path(), &["baseline", "--prune"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("pruned 1 line from planlint-baseline.toml: 4 findings left"),
        "{err}"
    );
    let pruned = baseline_text(dir.path());
    let expected: String = written
        .lines()
        .filter(|l| !l.contains("vague-lead"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(pruned, expected);
    let (code, out, _) = run(dir.path(), &["check"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "no problems in 1 plan (2 actions)\n")
    );

    // a new finding of the same plan is shown
    let new = fixed.replace("leads = [\"Mind\"]", "leads = [\"All\"]");
    std::fs::write(dir.path().join("plans/p.toml"), new).expect("write");
    let (code, out, _) = run(dir.path(), &["check"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("plans/p.toml:20:10: warning[vague-lead]"),
        "{out}"
    );
}

#[test]
fn a_damaged_baseline_stops_the_check_and_prune_needs_one() {
    let dir = repo(&[
        ("plans/p.toml", &format!("{HEAD}\n{PLAN}")),
        (
            "planlint-baseline.toml",
            "version = 1\nfindings = [{ plan = 1 }]\n",
        ),
    ]);
    let (code, out, err) = run(dir.path(), &["check"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("planlint-baseline.toml:2:"), "{err}");
    std::fs::remove_file(dir.path().join("planlint-baseline.toml")).expect("rm");
    let (code, _, err) = run(dir.path(), &["baseline", "--prune"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no planlint-baseline.toml"), "{err}");
    assert!(!dir.path().join("planlint-baseline.toml").exists());
}

/// Action 6.3 with a vague lead, allowed until `until`.
fn allowed_until(until: &str) -> String {
    format!("{HEAD}\n[[actions]]\nid = \"6.3\"\ntitle = \"Share learning\"\nleads = [\"All\"]\ndue = \"Ongoing\"\nallow = [\"vague-lead\"]\nallow_reason = \"All partners share this action\"\nallow_until = {until}\n\n[[actions.updates]]\ndate = 2015-11-30\ntext = \"Agreed\"\n")
}

#[test]
fn an_expired_allowance_brings_the_finding_back() {
    let dir = repo(&[("plans/p.toml", &allowed_until("2015-11-30"))]);
    let (code, out, err) = run(dir.path(), &["check"]);
    assert_eq!(
        (code, out.as_str()),
        (
            0,
            "plans/p.toml:10:10: warning[vague-lead] the only lead, \"All\", names nobody in particular (allowance expired 2015-11-30)\n1 warning in 1 plan (1 action)\n"
        ),
        "{err}"
    );
    // on its last day it still holds
    let dir = repo(&[("plans/p.toml", &allowed_until("2015-12-01"))]);
    let (code, out, _) = run(dir.path(), &["check"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "no problems in 1 plan (1 action)\n")
    );
}

#[test]
fn a_non_waivable_rule_is_reported_despite_allow_and_baseline() {
    let plan = allowed_until("2016-03-31");
    let dir = repo(&[("plans/p.toml", &plan)]);
    // --strict: the allow silences nothing, and is not called unused for it
    let (code, out, _) = run(dir.path(), &["check", "--strict"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "plans/p.toml:10:10: warning[vague-lead] the only lead, \"All\", names nobody in particular\n1 warning in 1 plan (1 action)\n"
    );
    // baselined without the allow, then made non-waivable in planlint.toml
    let bare = plan
        .lines()
        .filter(|l| !l.starts_with("allow"))
        .map(|l| format!("{l}\n"))
        .collect::<String>();
    std::fs::write(dir.path().join("plans/p.toml"), &bare).expect("write");
    assert_eq!(run(dir.path(), &["baseline"]).0, 0);
    let (code, out, _) = run(dir.path(), &["check"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "no problems in 1 plan (1 action)\n")
    );
    let (_, out, _) = run(dir.path(), &["check", "--strict"]);
    assert!(
        out.starts_with("plans/p.toml:10:10: warning[vague-lead]"),
        "{out}"
    );
    std::fs::write(
        dir.path().join("planlint.toml"),
        "[rules]\nnon_waivable = [\"vague-lead\"]\n",
    )
    .expect("write");
    let (code, out, _) = run(dir.path(), &["check"]);
    assert_eq!(
        (code, out.as_str()),
        (
            0,
            "plans/p.toml:10:10: warning[vague-lead] the only lead, \"All\", names nobody in particular\n1 warning in 1 plan (1 action)\n"
        )
    );
    // prune keeps the line of a finding that still occurs, non-waivable or not (a new user's
    // trial: it removed it, and the finding came back as new once the rule was waivable again)
    let before = baseline_text(dir.path());
    assert!(before.contains("vague-lead"), "{before}");
    assert_eq!(run(dir.path(), &["baseline", "--prune"]).0, 0);
    assert_eq!(baseline_text(dir.path()), before);
    // and with the allow back: the allow is reported, it cannot silence the rule
    std::fs::write(dir.path().join("plans/p.toml"), &plan).expect("write");
    let (_, out, _) = run(dir.path(), &["check"]);
    assert!(
        out.contains("plans/p.toml:10:10: warning[vague-lead]")
            && out.contains("warning[unused-allow] `allow` names `vague-lead`, which planlint.toml makes non-waivable"),
        "{out}"
    );
}

/// A plan whose action 1 is rated amber, allowed `amber-drift`, with `note` as its update.
fn amber(note: &str) -> String {
    format!("{HEAD}\n[[actions]]\nid = \"1\"\ntitle = \"Agree a protocol\"\nleads = [\"Crisis Team Manager\"]\ndue = \"Ongoing\"\nstatus = \"in-progress\"\nrag = \"amber\"\nallow = [\"amber-drift\"]\nallow_reason = \"Escalated to the board in October\"\n\n[[actions.updates]]\ndate = 2015-11-30\ntext = \"{note}\"\n")
}

#[test]
fn an_allow_of_a_history_rule_silences_it_and_is_not_called_unused() {
    let dir = repo(&[("planlint.toml", "[staleness]\namber_drift_days = 30\n")]);
    git_at(
        dir.path(),
        &["init", "-q", "-b", "main"],
        "2015-10-05T12:00:00Z",
    );
    for (date, note) in [("2015-10-05", "one"), ("2015-11-20", "two")] {
        std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
        std::fs::write(dir.path().join("plans/p.toml"), amber(note)).expect("write");
        let at = format!("{date}T12:00:00Z");
        git_at(dir.path(), &["add", "-A"], &at);
        git_at(dir.path(), &["commit", "-q", "-m", note], &at);
    }
    let out = planlint_git(dir.path())
        .args(["check", "--as-of", "2015-12-01", "--format", "concise"])
        .output()
        .expect("run");
    assert_eq!(
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).as_ref()
        ),
        (Some(0), "no problems in 1 plan (1 action)\n"),
        "{}",
        text(&out)
    );
    // without the allow, the history rule does fire: the allow above did silence it
    let bare = amber("two").replace(
        "allow = [\"amber-drift\"]\nallow_reason = \"Escalated to the board in October\"\n",
        "",
    );
    std::fs::write(dir.path().join("plans/p.toml"), bare).expect("write");
    let out = planlint_git(dir.path())
        .args(["check", "--as-of", "2015-12-01", "--format", "concise"])
        .output()
        .expect("run");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("warning[amber-drift]"),
        "{}",
        text(&out)
    );
}

#[test]
fn outside_git_an_allow_of_a_history_rule_is_not_judged() {
    let dir = repo(&[("plans/p.toml", &amber("one"))]);
    let (code, out, err) = run(dir.path(), &["check"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "no problems in 1 plan (1 action)\n"),
        "{err}"
    );
}

#[test]
fn with_changed_since_the_baseline_judges_the_changed_plans_only() {
    let q = format!("{HEAD}\n{PLAN}").replace("id = \"p\"", "id = \"q\"");
    let dir = repo(&[
        ("plans/p.toml", &format!("{HEAD}\n{PLAN}")),
        ("plans/q.toml", &q),
    ]);
    assert_eq!(run(dir.path(), &["baseline"]).0, 0);
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "plans"]);
    let fixed = format!("{HEAD}\n{PLAN}").replace("[\"All\"]", "[\"Mind\"]");
    std::fs::write(dir.path().join("plans/p.toml"), fixed).expect("write");
    let out = planlint_git(dir.path())
        .args(["check", "--as-of", "2015-12-01", "--format", "concise"])
        .args(["--changed-since", "HEAD"])
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout,
        "planlint-baseline.toml:10:3: warning[unused-baseline] the baseline records a vague-lead finding in action 6.3 of plan p, but it no longer occurs\n1 warning in 2 plans (4 actions)\n",
        "{}",
        text(&out)
    );
    // only p's four findings were left out here; q's are not in a changed file
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("4 findings in the baseline not shown"),
        "{}",
        text(&out)
    );
}
