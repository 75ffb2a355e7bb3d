//! A property test over generated git repositories (issue 15): plan files of random bytes,
//! random sizes and valid plans with random damage, in two commits and the working tree, under
//! a planlint.toml of random numbers; `check`, `diff` and `report` (the real binary) must never
//! panic and must exit 0, 1 or 2.
//!
//! 64 cases by default (about 20 s in a debug build on two shared cores); set
//! PLANLINT_PROPTEST_CASES for more.

use crate::common::git;
use proptest::prelude::*;
use std::path::Path;

/// One plan file's content.
#[derive(Debug, Clone)]
enum Content {
    /// Any bytes at all.
    Bytes(Vec<u8>),
    /// A valid generated plan with some bytes overwritten (which keeps most of its shape).
    Damaged {
        actions: usize,
        hits: Vec<(usize, u8)>,
    },
    /// A valid generated plan.
    Valid { actions: usize },
}

impl Content {
    fn bytes(&self, n: usize) -> Vec<u8> {
        match self {
            Content::Bytes(b) => b.clone(),
            Content::Valid { actions } => planlint::testgen::plan(n, *actions).into_bytes(),
            Content::Damaged { actions, hits } => {
                let mut b = planlint::testgen::plan(n, *actions).into_bytes();
                for &(at, byte) in hits {
                    let len = b.len();
                    if len > 0 {
                        b[at % len] = byte;
                    }
                }
                b
            }
        }
    }
}

fn content() -> impl Strategy<Value = Content> {
    prop_oneof![
        // random sizes: empty, small, and up to 64 KiB
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..64),
            prop::collection::vec(any::<u8>(), 0..65_536),
        ]
        .prop_map(Content::Bytes),
        (
            0usize..30,
            prop::collection::vec((any::<usize>(), any::<u8>()), 1..8)
        )
            .prop_map(|(actions, hits)| Content::Damaged { actions, hits }),
        (0usize..30).prop_map(|actions| Content::Valid { actions }),
    ]
}

/// A configured number: mostly sensible, sometimes absurd or negative.
fn number() -> impl Strategy<Value = i64> {
    prop_oneof![0i64..400, any::<i64>(), -5i64..0]
}

#[derive(Debug, Clone)]
struct Case {
    v1: Vec<Content>,
    head: Vec<Content>,
    worktree: Vec<Content>,
    grace: i64,
    drift: i64,
    before: i64,
    after: i64,
    scale: &'static str,
    as_of: (i32, u32, u32),
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(content(), 1..4),
        prop::collection::vec(content(), 0..4),
        prop::collection::vec(content(), 0..3),
        (number(), number(), number(), number()),
        prop::sample::select(vec!["rag", "brag", "five-point", "nonsense"]),
        (-3000i32..12000, 1u32..13, 1u32..29),
    )
        .prop_map(
            |(v1, head, worktree, (grace, drift, before, after), scale, as_of)| Case {
                v1,
                head,
                worktree,
                grace,
                drift,
                before,
                after,
                scale,
                as_of,
            },
        )
}

fn write_plans(dir: &Path, plans: &[Content]) {
    for (n, c) in plans.iter().enumerate() {
        std::fs::write(dir.join(format!("plans/p{n}.toml")), c.bytes(n)).expect("write");
    }
}

/// Runs planlint; returns its exit code, failing the case on a panic or a signal.
fn run(dir: &Path, args: &[String]) -> Result<i32, TestCaseError> {
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("planlint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    prop_assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    let code = out.status.code();
    prop_assert!(
        matches!(code, Some(0..=2)),
        "{args:?} exited {code:?}: {stderr}"
    );
    Ok(code.unwrap_or(-1))
}

fn cases() -> u32 {
    std::env::var("PLANLINT_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        // each case builds a repository and runs the binary three times: keep shrinking short
        max_shrink_iters: 64,
        ..ProptestConfig::default()
    })]

    #[test]
    fn check_diff_and_report_never_panic_and_exit_0_1_or_2(c in case()) {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("plans")).expect("mkdir");
        std::fs::write(
            root.join("planlint.toml"),
            format!(
                "[ratings]\nscale = \"{}\"\n[staleness]\ngrace_days = {}\namber_drift_days = {}\n[dates]\nyears_before = {}\nyears_after = {}\n",
                c.scale, c.grace, c.drift, c.before, c.after
            ),
        )
        .expect("write");
        write_plans(root, &c.v1);
        git(root, &["init", "-q", "-b", "main"]);
        git(root, &["add", "-A"]);
        git(root, &["commit", "-q", "-m", "v1"]);
        git(root, &["tag", "v1"]);
        write_plans(root, &c.head);
        git(root, &["add", "-A"]);
        git(root, &["commit", "-q", "--allow-empty", "-m", "v2"]);
        write_plans(root, &c.worktree);

        let (y, m, d) = c.as_of;
        let as_of = format!("--as-of={y:04}-{m:02}-{d:02}");
        let s = |v: &[&str]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        run(root, &[s(&["check", "--format", "json"]), vec![as_of.clone()]].concat())?;
        run(root, &s(&["diff", "v1"]))?;
        run(root, &[s(&["report", "v1", "HEAD", "--format", "json"]), vec![as_of]].concat())?;
    }
}
