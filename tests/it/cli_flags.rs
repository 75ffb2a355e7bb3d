//! The command line as ruff users expect it, end to end with the real binary in temporary
//! folders: `--exit-zero`, `--quiet`, `--silent`, `--statistics`, `--output-file`,
//! `--output-format`, `--select`/`--ignore`/`--extend-select` (and `[rules]` in planlint.toml),
//! `--show-settings`, `--show-files`, `--force-exclude`, the environment variables, colour, and
//! `planlint rules` showing the severities in force.

use crate::common::{git, planlint, repo};
use serde_json::Value;

/// One error (`missing-lead` on action 1) and one warning (`vague-lead` on action 2), plus
/// `rag-unknown` (error) on action 2's rating "Yellow".
const PLAN: &str = r#"schema_version = 1

[plan]
id = "p"
title = "Crisis care action plan"
updated = 2015-11-30
review_cycle = "quarterly"

[[actions]]
id = "1"
title = "Agree the section 136 pathway"
due = "March 2016"
status = "in-progress"
rag = "amber"

[[actions.updates]]
date = 2015-11-30
text = "Draft pathway shared."

[[actions]]
id = "2"
title = "Publish one crisis line number"
leads = ["All"]
due = "March 2016"
status = "in-progress"
rag = "Yellow"

[[actions.updates]]
date = 2015-11-30
text = "Numbers collected."
"#;

fn dir() -> tempfile::TempDir {
    repo(&[("plans/p.toml", PLAN)])
}

fn run(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = planlint(dir)
        .env_remove("PLANLINT_OUTPUT_FORMAT")
        .env_remove("PLANLINT_CONFIG")
        .args(args)
        .output()
        .expect("run");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn check(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["check", "--as-of", "2015-12-01"];
    all.extend_from_slice(args);
    run(dir, &all)
}

/// `rule` of each finding in a concise listing.
fn rules_in(concise: &str) -> Vec<String> {
    concise
        .lines()
        .filter_map(|l| l.split_once('[').and_then(|(_, r)| r.split_once(']')))
        .map(|(r, _)| r.to_string())
        .collect()
}

const CONCISE: &str = "\
plans/p.toml:10:6: error[missing-lead] action 1 has no lead
plans/p.toml:23:10: warning[vague-lead] the only lead, \"All\", names nobody in particular
plans/p.toml:26:7: error[rag-unknown] action rating `Yellow` is not on the rag scale
";

#[test]
fn the_fixture_has_two_errors_and_a_warning() {
    let d = dir();
    let (code, out, _) = check(d.path(), &["--format", "concise"]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        rules_in(&out),
        ["missing-lead", "vague-lead", "rag-unknown"],
        "{out}"
    );
    assert!(
        out.ends_with("2 errors, 1 warning in 1 plan (2 actions)\n"),
        "{out}"
    );
}

#[test]
fn exit_zero_turns_1_into_0_but_not_2() {
    let d = dir();
    let (code, out, _) = check(d.path(), &["--format", "concise", "--exit-zero"]);
    assert_eq!(code, 0);
    assert_eq!(
        rules_in(&out).len(),
        3,
        "the findings are still shown: {out}"
    );
    let (code, _, err) = check(d.path(), &["--exit-zero", "no-such-plan.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("no-such-plan.toml: no such file"), "{err}");
}

#[test]
fn quiet_prints_the_findings_without_the_summary() {
    let d = dir();
    let (code, out, _) = check(d.path(), &["--format", "concise", "-q"]);
    assert_eq!(code, 1);
    assert_eq!(rules_in(&out).len(), 3, "{out}");
    assert!(!out.contains("2 errors"), "{out}");
    assert_eq!(out.lines().count(), 3, "{out}");
    let (_, out, _) = check(d.path(), &["--format", "human", "--quiet"]);
    assert!(
        out.contains("missing-lead") && !out.contains("in 1 plan"),
        "{out}"
    );
}

#[test]
fn silent_prints_nothing_and_keeps_the_exit_status() {
    let d = dir();
    let (code, out, err) = check(d.path(), &["--format", "concise", "-s"]);
    assert_eq!((code, out.as_str(), err.as_str()), (1, "", ""));
    let (code, out, _) = check(d.path(), &["--silent", "--select", "vague-lead"]);
    assert_eq!((code, out.as_str()), (0, ""));
    // a failure still says why
    let (code, _, err) = check(d.path(), &["-s", "missing.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.toml"), "{err}");
}

#[test]
fn statistics_count_findings_per_rule() {
    let d = dir();
    let (code, out, _) = check(d.path(), &["--statistics", "--color", "never"]);
    assert_eq!(code, 1);
    let lines: Vec<Vec<&str>> = out
        .lines()
        .map(|l| l.split_whitespace().take(3).collect())
        .collect();
    assert_eq!(
        lines,
        [
            ["1", "missing-lead", "error"],
            ["1", "rag-unknown", "error"],
            ["1", "vague-lead", "warning"],
        ],
        "{out}"
    );
    assert!(
        out.contains("an open action has no lead") || out.contains("lead"),
        "{out}"
    );
    let (_, out, _) = check(d.path(), &["--statistics", "--format", "json"]);
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v[0]["rule"], "missing-lead");
    assert_eq!(v[0]["count"], 1);
    assert_eq!(v[0]["severity"], "error");
    assert_eq!(v.as_array().map(Vec::len), Some(3));
}

#[test]
fn output_file_gets_the_findings_and_stdout_nothing() {
    let d = dir();
    let target = d.path().join("out/findings.json");
    std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
    std::fs::write(&target, "old").expect("write");
    let (code, out, _) = check(
        d.path(),
        &["--output-format", "json", "-o", "out/findings.json"],
    );
    assert_eq!((code, out.as_str()), (1, ""));
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(&target).expect("read")).expect("JSON");
    assert_eq!(v["summary"]["error"], 2);
    // no temporary file is left beside it
    let names: Vec<_> = std::fs::read_dir(target.parent().expect("parent"))
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["findings.json"]);
    // concise to a file: not coloured, even when the environment forces colour
    let out = planlint(d.path())
        .env_remove("NO_COLOR")
        .env("FORCE_COLOR", "1")
        .args(["check", "--as-of", "2015-12-01"])
        .args(["--output-file", "out/f.txt", "--format", "concise"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let text = std::fs::read_to_string(d.path().join("out/f.txt")).expect("read");
    assert!(text.starts_with(CONCISE), "{text}");
    insta::assert_snapshot!(text);
    // a folder that does not exist: exit 2, naming it
    let (code, _, err) = check(d.path(), &["-o", "nowhere/at/all.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("nowhere/at/all.json"), "{err}");
}

#[test]
fn output_format_is_an_alias_of_format_on_every_command() {
    let d = dir();
    let (_, out, _) = check(d.path(), &["--output-format", "concise"]);
    assert_eq!(rules_in(&out).len(), 3);
    let (code, out, _) = run(d.path(), &["rules", "--output-format", "json"]);
    assert_eq!(code, 0);
    serde_json::from_str::<Value>(&out).expect("rules JSON");
    for cmd in ["diff", "history", "report", "import", "export"] {
        let (code, out, _) = run(d.path(), &[cmd, "--help"]);
        assert_eq!(code, 0);
        assert!(out.contains("--output-format"), "{cmd}: {out}");
        assert!(out.contains("--output-file"), "{cmd}: {out}");
    }
}

#[test]
fn select_ignore_and_extend_select_take_names_and_prefixes() {
    let d = dir();
    let only = |args: &[&str]| {
        let mut all = vec!["--format", "concise"];
        all.extend_from_slice(args);
        let (code, out, err) = check(d.path(), &all);
        (code, rules_in(&out), err)
    };
    assert_eq!(only(&["--select", "vague-lead"]).0, 0);
    assert_eq!(only(&["--select", "vague-lead"]).1, ["vague-lead"]);
    assert_eq!(only(&["--select", "rag-"]).1, ["rag-unknown"]);
    assert_eq!(only(&["--select", "rag"]).1, ["rag-unknown"]);
    assert_eq!(
        only(&["--select", "rag-,vague-lead"]).1,
        ["vague-lead", "rag-unknown"]
    );
    assert_eq!(
        only(&["--ignore", "missing-lead", "--ignore", "rag-"]).1,
        ["vague-lead"]
    );
    assert_eq!(
        only(&["--select", "vague-lead", "--extend-select", "missing-lead"]).1,
        ["missing-lead", "vague-lead"]
    );
    assert_eq!(
        only(&["--select", "all", "--ignore", "vague-lead"]).1.len(),
        2
    );
    // an unknown name: exit 2 with the nearest name
    let (code, _, err) = only(&["--select", "vague-leed"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--select: `vague-leed` is not a rule name")
            && err.contains("did you mean `vague-lead`?"),
        "{err}"
    );
    let (code, _, err) = only(&["--ignore", "zzz-"]);
    assert_eq!(code, 2);
    assert!(err.contains("--ignore: `zzz-`"), "{err}");
}

#[test]
fn the_configuration_selects_rules_too_and_the_command_line_wins() {
    let d = dir();
    std::fs::write(
        d.path().join("planlint.toml"),
        "[rules]\nignore = [\"rag-\"]\nmissing-lead = \"off\"\n",
    )
    .expect("write");
    let (code, out, _) = check(d.path(), &["--format", "concise"]);
    assert_eq!((code, rules_in(&out)), (0, vec!["vague-lead".to_string()]));
    // the command line selects a rule the file switched off: it runs at its default
    let (code, out, _) = check(
        d.path(),
        &["--format", "concise", "--extend-select", "missing-lead"],
    );
    assert_eq!(code, 1);
    assert_eq!(rules_in(&out), ["missing-lead", "vague-lead"]);
    // an unknown name in the file: at its place in the list
    std::fs::write(
        d.path().join("planlint.toml"),
        "[rules]\nselect = [\"all\",\n  \"rag-unknwn\"]\n",
    )
    .expect("write");
    let (code, _, err) = check(d.path(), &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("planlint.toml:3:3: invalid configuration: `rag-unknwn` is not a rule name")
            && err.contains("did you mean `rag-unknown`?"),
        "{err}"
    );
    std::fs::write(
        d.path().join("planlint.toml"),
        "[rules]\nselect = \"rag-\"\n",
    )
    .expect("write");
    let (code, _, err) = check(d.path(), &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("planlint.toml:2:10: invalid configuration: `select` must be a list"),
        "{err}"
    );
    std::fs::write(
        d.path().join("planlint.toml"),
        "[rules]\nextend-select = [\"rag-\"]\n",
    )
    .expect("write");
    let (_, _, err) = check(d.path(), &[]);
    assert!(err.contains("did you mean `extend_select`?"), "{err}");
}

#[test]
fn show_settings_says_where_each_value_came_from() {
    let d = dir();
    std::fs::write(
        d.path().join("planlint.toml"),
        "[plans]\nexclude = [\"plans/archive/**\"]\n[rules]\nstale-action = \"off\"\n",
    )
    .expect("write");
    let out = planlint(d.path())
        .env("PLANLINT_OUTPUT_FORMAT", "json")
        .env_remove("PLANLINT_CONFIG")
        .args(["check", "--show-settings", "--ignore", "vague-lead"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    let line = |key: &str| {
        text.lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("no `{key}` in\n{text}"))
            .to_string()
    };
    assert!(line("include = ").ends_with("# default"), "{text}");
    assert!(
        line("exclude = ").contains("[\"plans/archive/**\"]")
            && line("exclude = ").contains("# file (")
            && line("exclude = ").contains("planlint.toml)"),
        "{text}"
    );
    assert!(
        line("stale-action = ").contains("\"off\"") && line("stale-action = ").contains("# file ("),
        "{text}"
    );
    assert!(
        line("vague-lead = ").contains("\"off\"")
            && line("vague-lead = ").contains("# command line"),
        "{text}"
    );
    assert!(
        line("missing-lead = ").contains("\"error\"")
            && line("missing-lead = ").ends_with("# default"),
        "{text}"
    );
    assert!(
        line("format = ").contains("\"json\"")
            && line("format = ").contains("environment (PLANLINT_OUTPUT_FORMAT)"),
        "{text}"
    );
    assert!(
        line("color = ").contains("false") && line("color = ").contains("environment (NO_COLOR)"),
        "{text}"
    );
    assert!(line("as_of = ").contains("default"), "{text}");
}

#[test]
fn show_files_lists_plans_and_exclusions_with_their_reasons() {
    let d = repo(&[
        ("plans/p.toml", PLAN),
        ("plans/archive/old.toml", PLAN),
        ("Cargo.toml", "[package]\n"),
        ("notes.txt", "not toml"),
    ]);
    std::fs::write(
        d.path().join("planlint.toml"),
        "[plans]\nexclude = [\"plans/archive/**\"]\n",
    )
    .expect("write");
    let (code, out, _) = check(d.path(), &["--show-files"]);
    assert_eq!(code, 0);
    let row = |name: &str| {
        out.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} in\n{out}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        row("plans/p.toml"),
        "plans/p.toml plan matches `plans/**/*.toml` ([plans] include)"
    );
    assert_eq!(
        row("plans/archive/old.toml"),
        "plans/archive/old.toml not plan excluded by `plans/archive/**` ([plans] exclude)"
    );
    assert!(
        row("Cargo.toml").contains("not plan matches no [plans] include glob"),
        "{out}"
    );
    assert!(!out.contains("notes.txt"), "{out}");
    assert!(
        out.lines().last().unwrap_or("").starts_with("1 plan file"),
        "{out}"
    );
}

#[test]
fn force_exclude_leaves_out_named_files_that_exclude_matches() {
    let d = repo(&[("plans/p.toml", PLAN), ("plans/archive/old.toml", PLAN)]);
    std::fs::write(
        d.path().join("planlint.toml"),
        "[plans]\nexclude = [\"plans/archive/**\"]\n",
    )
    .expect("write");
    // named explicitly: checked, whatever exclude says
    let (code, out, _) = check(d.path(), &["--format", "concise", "plans/archive/old.toml"]);
    assert_eq!(code, 1);
    assert!(out.contains("plans/archive/old.toml:10:6"), "{out}");
    // as pre-commit names it, with --force-exclude: left out
    let (code, out, _) = check(
        d.path(),
        &[
            "--format",
            "concise",
            "--force-exclude",
            "plans/archive/old.toml",
        ],
    );
    assert_eq!((code, out.as_str()), (0, ""));
    let (code, out, _) = check(
        d.path(),
        &[
            "--format",
            "concise",
            "--force-exclude",
            "plans/archive/old.toml",
            "plans/p.toml",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("plans/p.toml") && !out.contains("archive"),
        "{out}"
    );
}

#[test]
fn planlint_output_format_sets_the_format_and_the_flag_beats_it() {
    let d = dir();
    let env_run = |value: &str, args: &[&str]| {
        let out = planlint(d.path())
            .env("PLANLINT_OUTPUT_FORMAT", value)
            .args(["check", "--as-of", "2015-12-01"])
            .args(args)
            .output()
            .expect("run");
        (
            out.status.code().expect("code"),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, _) = env_run("json", &[]);
    assert_eq!(code, 1);
    serde_json::from_str::<Value>(&out).expect("JSON from the environment");
    let (_, out, _) = env_run("json", &["--format", "concise"]);
    assert_eq!(rules_in(&out).len(), 3, "{out}");
    let (code, out, err) = env_run("xml", &[]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("PLANLINT_OUTPUT_FORMAT is `xml`, which is not an output format")
            && err.contains("concise"),
        "{err}"
    );
    // empty is unset
    let (_, out, _) = env_run("", &[]);
    assert_eq!(rules_in(&out).len(), 3, "{out}");
}

#[test]
fn planlint_config_names_the_configuration_and_the_flag_beats_it() {
    let d = dir();
    std::fs::write(
        d.path().join("quiet.toml"),
        "[plans]\ninclude = [\"plans/*.toml\"]\n[rules]\nselect = [\"vague-lead\"]\n",
    )
    .expect("write");
    std::fs::write(
        d.path().join("loud.toml"),
        "[plans]\ninclude = [\"plans/*.toml\"]\n",
    )
    .expect("write");
    let env_run = |value: &str, args: &[&str]| {
        let out = planlint(d.path())
            .env("PLANLINT_CONFIG", value)
            .env_remove("PLANLINT_OUTPUT_FORMAT")
            .args(["check", "--as-of", "2015-12-01", "--format", "concise"])
            .args(args)
            .output()
            .expect("run");
        (
            out.status.code().expect("code"),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, _) = env_run("quiet.toml", &[]);
    assert_eq!((code, rules_in(&out)), (0, vec!["vague-lead".to_string()]));
    let (code, out, _) = env_run("quiet.toml", &["--show-settings"]);
    assert_eq!(code, 0);
    let line = out
        .lines()
        .find(|l| l.starts_with("configuration = "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.contains("quiet.toml") && line.ends_with("# environment (PLANLINT_CONFIG)"),
        "{line}"
    );
    let (code, out, _) = env_run("quiet.toml", &["--config", "loud.toml"]);
    assert_eq!(code, 1);
    assert_eq!(rules_in(&out).len(), 3);
    let (code, _, err) = env_run("nowhere.toml", &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("PLANLINT_CONFIG names `nowhere.toml`, which is not a file"),
        "{err}"
    );
    // a broken file named by the variable: its own line and column
    std::fs::write(d.path().join("bad.toml"), "[rules]\nvague-leed = \"off\"\n").expect("write");
    let (code, _, err) = env_run("bad.toml", &[]);
    assert_eq!(code, 2);
    assert!(err.contains("bad.toml:2:1: invalid configuration"), "{err}");
}

/// Runs `check --format concise` with only the given colour variables set.
fn colour(args: &[&str], vars: &[(&str, &str)]) -> String {
    let d = dir();
    let mut c = assert_cmd::Command::cargo_bin("planlint").expect("binary");
    c.current_dir(d.path())
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("TERM")
        .env_remove("PLANLINT_OUTPUT_FORMAT")
        .args(["check", "--as-of", "2015-12-01", "--format", "concise"])
        .args(args);
    for (k, v) in vars {
        c.env(k, v);
    }
    String::from_utf8_lossy(&c.output().expect("run").stdout).into_owned()
}

#[test]
fn colour_follows_the_flag_then_no_color_then_force_color_then_term() {
    let coloured = |s: &str| s.contains("\x1b[");
    // not a terminal: plain by default
    assert!(!coloured(&colour(&[], &[])));
    assert!(coloured(&colour(
        &["--color", "always"],
        &[("NO_COLOR", "1")]
    )));
    assert!(!coloured(&colour(
        &["--color", "never"],
        &[("FORCE_COLOR", "1")]
    )));
    assert!(coloured(&colour(&[], &[("FORCE_COLOR", "1")])));
    assert!(coloured(&colour(&[], &[("CLICOLOR_FORCE", "1")])));
    assert!(!coloured(&colour(&[], &[("FORCE_COLOR", "0")])));
    assert!(!coloured(&colour(
        &[],
        &[("NO_COLOR", "1"), ("FORCE_COLOR", "1")]
    )));
    assert!(coloured(&colour(
        &[],
        &[("CLICOLOR_FORCE", "1"), ("TERM", "dumb")]
    )));
    // the coloured concise line still reads the same once the colour is taken out
    let forced = colour(&["--color", "always"], &[]);
    let plain: String = strip_ansi(&forced);
    assert!(plain.starts_with(CONCISE), "{plain}");
}

#[test]
fn json_is_never_coloured() {
    let d = dir();
    let out = planlint(d.path())
        .env_remove("NO_COLOR")
        .args([
            "check",
            "--as-of",
            "2015-12-01",
            "--format",
            "json",
            "--color",
            "always",
        ])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\x1b'), "{text}");
    serde_json::from_str::<Value>(&text).expect("JSON");
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn rules_shows_the_severity_in_force_beside_the_default() {
    let d = dir();
    std::fs::write(
        d.path().join("planlint.toml"),
        "[rules]\nstale-action = \"off\"\nrag-missing = \"error\"\nignore = [\"amber-drift\"]\n",
    )
    .expect("write");
    let (code, out, _) = run(d.path(), &["rules"]);
    assert_eq!(code, 0);
    let row = |rule: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("{rule} ")))
            .unwrap_or_else(|| panic!("no {rule} in\n{out}"))
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(row("stale-action"), "stale-action off (warning)");
    assert_eq!(row("rag-missing"), "rag-missing error (warning)");
    assert_eq!(row("amber-drift"), "amber-drift off (warning)");
    assert_eq!(row("missing-lead"), "missing-lead error an");
    assert_eq!(row("rag-spelling"), "rag-spelling info fix");
    assert_eq!(row("rag-unknown"), "rag-unknown error fix?");
    let (code, out, _) = run(d.path(), &["rules", "--format", "json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).expect("JSON");
    let stale = v
        .as_array()
        .expect("list")
        .iter()
        .find(|r| r["name"] == "stale-action")
        .expect("stale-action");
    assert_eq!(stale["severity"], "off");
    assert_eq!(stale["default_severity"], "warning");
    assert_eq!(stale["fix"], Value::Null);
    // without planlint.toml: the defaults
    let bare = tempfile::tempdir().expect("temp dir");
    let (_, out, _) = run(bare.path(), &["rules", "--format", "json"]);
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert!(v
        .as_array()
        .expect("list")
        .iter()
        .all(|r| r["severity"] == r["default_severity"]));
}

#[test]
fn colour_and_output_file_apply_to_diff_and_history_too() {
    let d = dir();
    git(d.path(), &["init", "-q"]);
    git(d.path(), &["add", "-A"]);
    git(d.path(), &["commit", "-qm", "first"]);
    std::fs::write(
        d.path().join("plans/p.toml"),
        PLAN.replace("rag = \"amber\"", "rag = \"red\""),
    )
    .expect("write");
    git(d.path(), &["commit", "-qam", "second"]);
    let run_with = |args: &[&str], force: bool| {
        let mut c = assert_cmd::Command::cargo_bin("planlint").expect("binary");
        c.current_dir(d.path())
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("TERM")
            .args(args);
        if force {
            c.env("FORCE_COLOR", "1");
        } else {
            c.env_remove("FORCE_COLOR");
        }
        let out = c.output().expect("run");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    for args in [&["diff", "HEAD~1", "HEAD"][..], &["history", "1"][..]] {
        let plain = run_with(args, false);
        let forced = run_with(args, true);
        assert!(!plain.contains('\x1b'), "{plain}");
        assert!(forced.contains("\x1b["), "{args:?}: {forced}");
        assert_eq!(strip_ansi(&forced), plain);
        let mut never = args.to_vec();
        never.extend(["--color", "never"]);
        assert_eq!(run_with(&never, true), plain);
        // to a file: never coloured, and the same text
        let mut to_file = args.to_vec();
        to_file.extend(["-o", "out.txt"]);
        assert_eq!(run_with(&to_file, true), "");
        assert_eq!(
            std::fs::read_to_string(d.path().join("out.txt")).expect("read"),
            plain
        );
    }
    // JSON to a file, through --output-format
    assert_eq!(
        run_with(
            &["history", "1", "--output-format", "json", "-o", "h.json"],
            true
        ),
        ""
    );
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("h.json")).expect("read"))
            .expect("JSON");
    assert_eq!(v["timeline"].as_array().map(Vec::len), Some(2), "{v}");
}

#[test]
fn import_dates_that_are_not_iso_say_the_form_to_write() {
    // a programme officer types the date as they would in a letter: the message says how to
    // write it, not "input contains invalid characters"
    let d = dir();
    std::fs::write(
        d.path().join("plan.csv"),
        "Ref,Action,Update\n1,Open a café,Done\n",
    )
    .expect("write");
    for args in [
        vec!["import", "plan.csv", "--update-date", "31/12/2015"],
        vec!["import", "--updates", "plan.csv", "--date", "31/12/2015"],
    ] {
        let (code, _, err) = run(d.path(), &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains("`31/12/2015` is not a date: write it as YYYY-MM-DD"),
            "{args:?}: {err}"
        );
    }
}
