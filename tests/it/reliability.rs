//! Issue 15, the load, configuration and output half: each failure a hostile tester found, as
//! the real binary shows it (exit code, message, line:column, bytes), in temporary folders and,
//! where git matters, real repositories.

use crate::common::{check_json, git, places, planlint, repo, HEAD};
use serde_json::Value;

// ---- 4. a byte order mark shifts no finding ----------------------------------------------

#[test]
fn a_byte_order_mark_shifts_no_finding() {
    // a lint finding (rag-unknown at the value), a schema finding on line 1, and the same
    // plan without the mark: every place must be the same
    let body = "schema_version = 1\n\n[plan]\nid = \"p\"\ntitle = \"Plan\"\n\n[[actions]]\nid = \"1\"\ntitle = \"Crisis line\"\nleads = [\"Trust\"]\ndue = 2016-03-31\nrag = \"Yellow\"\n";
    let dir = repo(&[("plans/p.toml", body)]);
    let (_, plain) = check_json(dir.path(), &[]);
    assert_eq!(places(&plain), ["stale-action 8:6", "rag-unknown 12:7"]);
    std::fs::write(dir.path().join("plans/p.toml"), format!("\u{feff}{body}")).expect("write");
    let (code, marked) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(places(&marked), places(&plain));

    let line1 = "\u{feff}schema_version = \"1\"\n\n[plan]\nid = \"p\"\ntitle = \"Plan\"\n";
    std::fs::write(dir.path().join("plans/p.toml"), line1).expect("write");
    let (_, r) = check_json(dir.path(), &[]);
    assert_eq!(places(&r), ["schema 1:18", "schema 1:18"]);
}

#[test]
fn two_byte_order_marks_are_a_syntax_error() {
    let dir = repo(&[("plans/p.toml", &format!("\u{feff}\u{feff}{HEAD}"))]);
    let (code, r) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(places(&r), ["toml-syntax 1:1"]);
}

// ---- 13. integers that are not TOML ------------------------------------------------------

#[test]
fn integers_that_are_not_toml_are_syntax_findings_at_the_value() {
    for (value, why) in [
        ("0x", "no digits after `0x`"),
        ("0b", "no digits after `0b`"),
        ("0o", "no digits after `0o`"),
        ("1_0\u{660}", "is not an ASCII digit"),
        ("99999999999999999999", "out of range"),
    ] {
        let text = format!("schema_version = 1\n\n[plan]\nid = \"p\"\ntitle = {value}\n");
        let dir = repo(&[("plans/p.toml", &text)]);
        let (code, r) = check_json(dir.path(), &[]);
        assert_eq!(code, 1, "{value}: {r}");
        assert_eq!(places(&r), ["toml-syntax 5:9"], "{value}: {r}");
        let message = r["findings"][0]["message"].as_str().unwrap_or("");
        assert!(
            message.starts_with(&format!("invalid TOML: `{value}` is not a valid number"))
                && message.contains(why),
            "{value}: {message}"
        );
        assert!(!r.to_string().contains("planlint bug"), "{r}");
    }
}

// ---- helpers for the tests below ----------------------------------------------------------

/// A plan with one error finding (`rag-unknown`) and nothing else at 2015-12-01.
const BAD_PLAN: &str = "schema_version = 1\n\n[plan]\nid = \"p\"\ntitle = \"Plan\"\nupdated = 2015-11-30\n\n[[actions]]\nid = \"1\"\ntitle = \"Crisis line\"\nleads = [\"Trust\"]\ndue = 2016-03-31\nrag = \"Yellow\"\n";

/// A git repository holding `files`, all committed.
fn git_repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = repo(files);
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "plans"]);
    dir
}

fn mkfifo(path: &std::path::Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(ok.success());
}

/// No run may hang: a test that would wait for ever fails after this long instead.
const PATIENCE: std::time::Duration = std::time::Duration::from_secs(30);

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

// ---- 2. a named pipe never hangs check ----------------------------------------------------

#[test]
fn a_fifo_named_as_a_plan_is_refused_at_once() {
    let dir = repo(&[("plans/p.toml", BAD_PLAN)]);
    mkfifo(&dir.path().join("plans/pipe.toml"));
    let out = planlint(dir.path())
        .args(["check", "--as-of", "2015-12-01", "plans/pipe.toml"])
        .timeout(PATIENCE)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert_eq!(
        stderr_of(&out),
        "planlint: error: plans/pipe.toml: not a regular file: it is a named pipe (FIFO)\n"
    );
}

#[test]
fn a_fifo_found_by_walking_is_skipped_with_a_note() {
    let dir = repo(&[("plans/p.toml", BAD_PLAN)]);
    mkfifo(&dir.path().join("plans/pipe.toml"));
    let out = planlint(dir.path())
        .args(["check", "--as-of", "2015-12-01", "--format", "concise"])
        .timeout(PATIENCE)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains(
            "planlint: note: plans/pipe.toml is a named pipe (FIFO), not a regular file: skipped\n"
        ),
        "{}",
        stderr_of(&out)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("plans/p.toml:13:7: error[rag-unknown]"));
    // and `diff` reads the working tree the same way
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "plans/p.toml"]);
    git(dir.path(), &["commit", "-q", "-m", "plans"]);
    let out = planlint(dir.path())
        .args(["diff", "HEAD"])
        .timeout(PATIENCE)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

// ---- 3. configured numbers, the as-of date, a full stderr ---------------------------------

#[test]
fn configured_numbers_are_bounded_at_their_place() {
    for (config, place, message) in [
        (
            "[staleness]\namber_drift_days = 100000000\n",
            "2:20",
            "`amber_drift_days` must be between 0 and 3650 days, not 100000000",
        ),
        (
            "[staleness]\ngrace_days = -1\n",
            "2:14",
            "`grace_days` must be between 0 and 3650 days, not -1",
        ),
        (
            "[dates]\nyears_before = 1000000\n",
            "2:16",
            "`years_before` must be between 0 and 100 years, not 1000000",
        ),
        (
            "[dates]\nyears_after = -3\n",
            "2:15",
            "`years_after` must be between 0 and 100 years, not -3",
        ),
        (
            "[dates]\nyears_after = 99999999999999999999\n",
            "2:15",
            "`99999999999999999999` is not a valid number: out of range",
        ),
    ] {
        // in git, where the history rules' date arithmetic used to overflow
        let dir = git_repo(&[("plans/p.toml", BAD_PLAN), ("planlint.toml", config)]);
        let out = planlint(dir.path())
            .args(["check", "--as-of", "2015-12-01"])
            .timeout(PATIENCE)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{config}: {}", stderr_of(&out));
        let want = format!("planlint.toml:{place}: invalid configuration: {message}");
        let err = stderr_of(&out);
        assert!(
            err.starts_with("planlint: error: ") && err.contains(&want),
            "{config}: {err}"
        );
    }
}

#[test]
fn an_as_of_date_out_of_the_calendar_is_refused() {
    let dir = git_repo(&[("plans/p.toml", BAD_PLAN)]);
    for date in [
        "-262143-01-01",
        "+262142-12-31",
        "0000-12-31",
        "+10000-01-01",
    ] {
        for command in [&["check"][..], &["report", "HEAD", "HEAD"][..]] {
            let out = planlint(dir.path())
                .args(command)
                .arg(format!("--as-of={date}"))
                .timeout(PATIENCE)
                .output()
                .expect("run");
            assert_eq!(out.status.code(), Some(2), "{date}: {}", stderr_of(&out));
            assert!(
                stderr_of(&out)
                    .contains("the as-of date must lie between 0001-01-01 and 9999-12-31"),
                "{date}: {}",
                stderr_of(&out)
            );
        }
    }
    // the ends themselves are fine
    for date in ["0001-01-01", "9999-12-31"] {
        let out = planlint(dir.path())
            .args(["check", "--format", "json"])
            .arg(format!("--as-of={date}"))
            .timeout(PATIENCE)
            .output()
            .expect("run");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{date}: {}",
            stderr_of(&out)
        );
    }
}

#[test]
fn a_full_stderr_changes_nothing() {
    // outside git the "history rules skipped" note is written to stderr
    let dir = repo(&[("plans/p.toml", BAD_PLAN)]);
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("planlint"))
        .current_dir(dir.path())
        .args(["check", "--as-of", "2015-12-01", "--format", "concise"])
        .stderr(full)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("error[rag-unknown]"));
}

// ---- 14. planlint.toml: ratings, and a file that is not a file ----------------------------

#[test]
fn a_bad_rating_scale_is_refused_at_its_place() {
    for (config, place, message) in [
        (
            "[ratings]\nlevels = []\n",
            "2:10",
            "`ratings.levels` must list at least one rating, worst first",
        ),
        (
            "[[ratings.levels]]\nname = \"red\"\n[[ratings.levels]]\nname = \"Red\"\n",
            "4:8",
            "rating `Red` is listed twice",
        ),
        (
            "[[ratings.levels]]\nname = \"red\"\n[[ratings.levels]]\nname = \"  \"\n",
            "4:8",
            "a rating needs a name",
        ),
        (
            "[ratings]\nscale = \"rag\"\naliases = { Red = \"amber\" }\n",
            "3:13",
            "alias `Red` is already a rating on the rag scale",
        ),
    ] {
        let dir = repo(&[("plans/p.toml", BAD_PLAN), ("planlint.toml", config)]);
        let out = planlint(dir.path())
            .args(["check", "--as-of", "2015-12-01"])
            .timeout(PATIENCE)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{config}: {}", stderr_of(&out));
        let want = format!("planlint.toml:{place}: invalid configuration: {message}");
        let err = stderr_of(&out);
        assert!(
            err.starts_with("planlint: error: ") && err.contains(&want),
            "{config}: {err}"
        );
    }
}

#[test]
fn a_config_option_naming_a_fifo_says_so() {
    let dir = repo(&[("plans/p.toml", BAD_PLAN)]);
    mkfifo(&dir.path().join("pipe.toml"));
    let out = planlint(dir.path())
        .args(["--config", "pipe.toml", "check", "--as-of", "2015-12-01"])
        .timeout(PATIENCE)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr_of(&out),
        "planlint: error: pipe.toml: cannot read the configuration: not a regular file: it is a named pipe (FIFO)\n"
    );
}

#[test]
fn a_planlint_toml_that_is_not_a_file_is_never_ignored() {
    #[allow(clippy::type_complexity)]
    let cases: [(&str, fn(&std::path::Path), &str); 4] = [
        (
            "a dangling link",
            |p| std::os::unix::fs::symlink("gone.toml", p).expect("link"),
            "a symbolic link to `gone.toml`, which does not exist",
        ),
        (
            "a link loop",
            |p| std::os::unix::fs::symlink("planlint.toml", p).expect("link"),
            "a symbolic link that loops (it leads back to itself)",
        ),
        (
            "a fifo",
            |p| mkfifo(p),
            "not a regular file: it is a named pipe (FIFO)",
        ),
        (
            "a folder",
            |p| std::fs::create_dir(p).expect("mkdir"),
            "not a regular file: it is a folder",
        ),
    ];
    for (what, make, reason) in cases {
        let dir = repo(&[("plans/p.toml", BAD_PLAN)]);
        make(&dir.path().join("planlint.toml"));
        let out = planlint(dir.path())
            .args(["check", "--as-of", "2015-12-01"])
            .timeout(PATIENCE)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{what}: {}", stderr_of(&out));
        let want = format!(
            "planlint: error: {}: cannot read the configuration: {reason}\n",
            std::fs::canonicalize(dir.path())
                .expect("canonical")
                .join("planlint.toml")
                .display()
        );
        assert_eq!(stderr_of(&out), want, "{what}");
    }
}

// ---- 10. a reader that stops early is not success ----------------------------------------

/// Runs planlint with its stdout a pipe nobody reads (as `| head -1` leaves it, but without
/// the race: the reading end is closed before planlint starts). Returns (code, stderr).
fn into_closed_pipe(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    use std::os::fd::{FromRawFd, OwnedFd};
    let mut fds = [0; 2];
    // SAFETY: pipe() fills both descriptors when it returns 0, and nothing else owns them
    let (reader, writer) = unsafe {
        assert_eq!(libc::pipe(fds.as_mut_ptr()), 0, "pipe");
        (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1]))
    };
    drop(reader);
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("planlint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .stdout(std::process::Stdio::from(writer))
        .output()
        .expect("run");
    (out.status.code(), stderr_of(&out))
}

#[test]
fn a_closed_stdout_keeps_the_exit_code_the_work_earned() {
    let dir = git_repo(&[("plans/p.toml", BAD_PLAN)]);
    // error findings: 1, quietly (no panic text, no "Broken pipe" message)
    for format in [
        "concise", "human", "json", "github", "sarif", "junit", "gitlab",
    ] {
        let (code, err) = into_closed_pipe(
            dir.path(),
            &["check", "--as-of", "2015-12-01", "--format", format],
        );
        assert_eq!((code, err.as_str()), (Some(1), ""), "{format}");
    }
    // a diff that could not read a plan: 2, and it says which
    std::fs::write(dir.path().join("plans/p.toml"), "[plan\n").expect("write");
    let (code, err) = into_closed_pipe(dir.path(), &["diff", "HEAD"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("cannot read plan plans/p.toml"), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
    // commands with nothing to report: 0, quietly
    for args in [
        &["rules"][..],
        &["schema"],
        &["explain", "rag-unknown"],
        &["report", "HEAD", "HEAD"],
    ] {
        let (code, err) = into_closed_pipe(dir.path(), args);
        assert_eq!((code, err.as_str()), (Some(0), ""), "{args:?}");
    }
}

// ---- 17. the help is in every format ------------------------------------------------------

#[test]
fn json_and_gitlab_carry_the_help() {
    let dir = repo(&[("plans/p.toml", BAD_PLAN)]);
    let (_, r) = check_json(dir.path(), &[]);
    let f = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "rag-unknown")
        .expect("rag-unknown");
    assert_eq!(
        f["help"],
        "did you mean `amber`? The rag scale is: red, amber, green"
    );
    let out = planlint(dir.path())
        .args(["check", "--as-of", "2015-12-01", "--format", "gitlab"])
        .output()
        .expect("run");
    let issues: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let issue = issues
        .as_array()
        .expect("issues")
        .iter()
        .find(|i| i["check_name"] == "rag-unknown")
        .expect("rag-unknown");
    assert_eq!(issue["help"], f["help"]);
    // and null, never missing, where a finding has no help
    let everything = r["findings"].as_array().expect("findings");
    assert!(everything.iter().all(|f| f.get("help").is_some()));
}

// ---- 18. JUnit fails on errors only; links found walking are noted ------------------------

#[test]
fn junit_fails_only_on_errors_so_it_matches_the_exit_code() {
    // only a warning (vague-lead): exit 0, and no failure in the test report
    let warned = BAD_PLAN
        .replace("rag = \"Yellow\"\n", "rag = \"amber\"\n")
        .replace("leads = [\"Trust\"]", "leads = [\"All\"]");
    let dir = repo(&[("plans/p.toml", &warned)]);
    let out = planlint(dir.path())
        .args(["check", "--as-of", "2015-12-01", "--format", "junit"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let xml = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        xml.contains(r#"<testsuites name="planlint" tests="1" failures="0">"#),
        "{xml}"
    );
    assert!(!xml.contains("<failure"), "{xml}");
    assert!(xml.contains("warning[vague-lead]"), "{xml}");
    // an error still fails its test case
    std::fs::write(dir.path().join("plans/p.toml"), BAD_PLAN).expect("write");
    let out = planlint(dir.path())
        .args(["check", "--as-of", "2015-12-01", "--format", "junit"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let xml = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        xml.contains(r#"failures="1""#) && xml.contains(r#"<failure type="rag-unknown""#),
        "{xml}"
    );
}

#[test]
fn a_symbolic_link_found_by_walking_is_noted() {
    let dir = repo(&[("plans/p.toml", BAD_PLAN), ("elsewhere/q.toml", BAD_PLAN)]);
    std::os::unix::fs::symlink("../elsewhere/q.toml", dir.path().join("plans/q.toml"))
        .expect("link");
    let out = planlint(dir.path())
        .args(["check", "--as-of", "2015-12-01", "--format", "concise"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr_of(&out).lines().find(|l| l.contains("plans/q.toml")),
        Some("planlint: note: plans/q.toml is a symbolic link: skipped (git keeps the link, not the plan it leads to); name the file it leads to, to check that")
    );
    // named on the command line, the link is followed like any file named there
    let out = planlint(dir.path())
        .args([
            "check",
            "--as-of",
            "2015-12-01",
            "--format",
            "concise",
            "plans/q.toml",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("error[rag-unknown]"));
}

// ---- 11. a write that fails part-way leaves the old file, and nothing else ----------------

/// Runs planlint under a file-size limit of one 512-byte block, with SIGXFSZ ignored (as a
/// full disk would: the write fails, planlint is not killed), in `dir`.
fn with_small_file_limit(dir: &std::path::Path, args: &str) -> std::process::Output {
    std::process::Command::new("sh")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f 1; exec \"$0\" {args}"))
        .arg(assert_cmd::cargo::cargo_bin("planlint"))
        .output()
        .expect("run")
}

/// The names in `dir` (not recursive), sorted.
fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_report_that_cannot_be_written_whole_leaves_the_old_one() {
    let dir = git_repo(&[("plans/p.toml", BAD_PLAN)]);
    let old = "the report of the last board\n";
    std::fs::write(dir.path().join("report.md"), old).expect("write");
    let before = names_in(dir.path());
    let out = with_small_file_limit(
        dir.path(),
        "report HEAD HEAD --as-of 2015-12-01 -o report.md",
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).starts_with("planlint: error: report.md: "),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report.md")).expect("read"),
        old
    );
    assert_eq!(names_in(dir.path()), before, "a temporary file was left");
    // the same report, where there is room, is written whole
    planlint(dir.path())
        .args([
            "report",
            "HEAD",
            "HEAD",
            "--as-of",
            "2015-12-01",
            "-o",
            "report.md",
        ])
        .assert()
        .code(0);
    let text = std::fs::read_to_string(dir.path().join("report.md")).expect("read");
    assert!(
        // one plan: the paper takes its title (issue 25)
        text.len() > 512 && text.starts_with("# Plan\n"),
        "{text}"
    );
}

#[test]
fn a_job_summary_that_cannot_be_written_whole_leaves_the_old_one() {
    let dir = repo(&[("plans/p.toml", BAD_PLAN)]);
    // an earlier step's summary just under the limit: appending ours passes it
    let old = format!("earlier step\n{}\n", "x".repeat(480));
    std::fs::write(dir.path().join("summary.md"), &old).expect("write");
    let before = names_in(dir.path());
    let out = std::process::Command::new("sh")
        .current_dir(dir.path())
        .env("GITHUB_STEP_SUMMARY", dir.path().join("summary.md"))
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1; exec \"$0\" check --as-of 2015-12-01 --format github")
        .arg(assert_cmd::cargo::cargo_bin("planlint"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("summary.md")).expect("read"),
        old
    );
    assert_eq!(names_in(dir.path()), before, "a temporary file was left");
}

// ---- the process asks for no transparent huge pages --------------------------------------

/// planlint turns transparent huge pages off for itself (`main::no_huge_pages`): the kernel
/// shows it as `THP_enabled: 0` in the running process's status. The server waits on its
/// input, so it is the process looked at.
#[cfg(target_os = "linux")]
#[test]
fn the_process_runs_without_transparent_huge_pages() {
    use std::process::Stdio;
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = assert_cmd::cargo::cargo_bin("planlint");
    let mut child = std::process::Command::new(bin)
        .arg("server")
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start planlint server");
    let status = format!("/proc/{}/status", child.id());
    // the line appears once the kernel has it (Linux 5.0 and later); the flag is set first thing
    // in main, so wait for main: the server reading its input
    let mut seen = None;
    for _ in 0..200 {
        std::thread::sleep(std::time::Duration::from_millis(25));
        let text = std::fs::read_to_string(&status).unwrap_or_default();
        let Some(line) = text.lines().find(|l| l.starts_with("THP_enabled:")) else {
            break;
        };
        seen = Some(line.split_whitespace().nth(1).unwrap_or("").to_string());
        if seen.as_deref() == Some("0") {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    if let Some(flag) = seen {
        assert_eq!(flag, "0", "planlint should run with THP_enabled: 0");
    }
}
