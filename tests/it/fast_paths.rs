//! The history's fast paths against the full path (issue 26): `check --staged`, named files and
//! `--changed-since` read only the checked plans' history (their files looked up by path at
//! each commit, the other plans found by plan id without parsing most of them); with
//! `PLANLINT_DEBUG=full` the same check walks every plan as a check of them all does. The JSON
//! (and the exit code) must be byte-identical, cold (`--no-cache`, and an empty cache that the
//! run fills) and warm, on generated repositories: ratings that move, plans renamed, plan ids
//! shared by two files or spelt with an escape, unreadable versions, files deleted.
//!
//! 16 cases by default (each builds a repository and runs the binary a dozen times); set
//! PLANLINT_PROPTEST_CASES for more.

use crate::common::{git, git_at, planlint_git};
use proptest::prelude::*;
use std::path::Path;

/// One action of one version of a plan: its rating, whether open, its due text and updates.
#[derive(Debug, Clone)]
struct Action {
    rag: Option<&'static str>,
    open: bool,
    due: &'static str,
    updates: usize,
}

/// One version of a plan file.
#[derive(Debug, Clone)]
enum Version {
    /// A plan: how its id is written (0..4: plain ids "a", "b", "c", "d"; 4: "a" as an escape;
    /// 5: "b" as a literal string) and its actions (ids 1, 2, …).
    Plan { id: usize, actions: Vec<Action> },
    /// Not TOML.
    Garbage,
    /// No file at this path.
    Gone,
}

impl Version {
    fn text(&self) -> Option<String> {
        match self {
            Version::Gone => None,
            Version::Garbage => Some("[plan\nid = ".to_string()),
            Version::Plan { id, actions } => {
                let id = match id {
                    0 => "\"a\"",
                    1 => "\"b\"",
                    2 => "\"c\"",
                    3 => "\"d\"",
                    4 => "\"\\u0061\"",
                    _ => "'b'",
                };
                let mut s = format!("schema_version = 1\n\n[plan]\nid = {id}\ntitle = \"Plan\"\n");
                for (n, a) in actions.iter().enumerate() {
                    s.push_str(&format!(
                        "\n[[actions]]\nid = \"{}\"\ntitle = \"Action\"\ndue = \"{}\"\nstatus = \"{}\"\n",
                        n + 1,
                        a.due,
                        if a.open { "in-progress" } else { "complete" }
                    ));
                    if let Some(r) = a.rag {
                        s.push_str(&format!("rag = \"{r}\"\n"));
                    }
                    for u in 0..a.updates {
                        s.push_str(&format!(
                            "\n[[actions.updates]]\ndate = 2015-10-{:02}\ntext = \"Update\"\n",
                            u + 1
                        ));
                    }
                }
                Some(s)
            }
        }
    }
}

fn action() -> impl Strategy<Value = Action> {
    (
        prop::sample::select(vec![Some("green"), Some("amber"), Some("red"), None]),
        prop::bool::weighted(0.8),
        prop::sample::select(vec!["June 2015", "Q3 2015/16", "March 2016"]),
        0usize..3,
    )
        .prop_map(|(rag, open, due, updates)| Action {
            rag,
            open,
            due,
            updates,
        })
}

fn version() -> impl Strategy<Value = Version> {
    prop_oneof![
        8 => (0usize..6, prop::collection::vec(action(), 1..4))
            .prop_map(|(id, actions)| Version::Plan { id, actions }),
        1 => Just(Version::Garbage),
        1 => Just(Version::Gone),
    ]
}

/// A history: per commit, the version at each of the paths `plans/f0.toml` … `plans/f4.toml`
/// (a plan renamed is one path gone and another holding its id); then the staged and the
/// working-tree versions of one path each; and the rules' span.
#[derive(Debug, Clone)]
struct Case {
    commits: Vec<Vec<Version>>,
    staged: (usize, Version),
    worktree: (usize, Version),
    drift: i64,
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(prop::collection::vec(version(), 5), 2..7),
        (0usize..5, version()),
        (0usize..5, version()),
        0i64..6,
    )
        .prop_map(|(commits, staged, worktree, drift)| Case {
            commits,
            staged,
            worktree,
            drift,
        })
}

fn put(root: &Path, path: usize, v: &Version) {
    let file = root.join(format!("plans/f{path}.toml"));
    match v.text() {
        Some(t) => std::fs::write(file, t).expect("write"),
        None => {
            let _ = std::fs::remove_file(file);
        }
    }
}

/// Runs `planlint ARGS` (fast, or the full path with `PLANLINT_DEBUG=full`): exit code, stdout.
fn run(root: &Path, args: &[&str], full: bool) -> (Option<i32>, String) {
    let mut c = planlint_git(root);
    if full {
        c.env("PLANLINT_DEBUG", "full");
    }
    let out = c.args(args).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// The fast path and the full one agree on `args`, cold (`--no-cache`; an empty cache, which the
/// fast run fills) and warm.
fn agree(root: &Path, args: &[&str]) -> Result<(), TestCaseError> {
    let no_cache = [&["--no-cache"], args].concat();
    let full = run(root, &no_cache, true);
    prop_assert_eq!(&run(root, &no_cache, false), &full, "--no-cache {:?}", args);
    let _ = std::fs::remove_dir_all(root.join(".git/planlint-cache"));
    prop_assert_eq!(&run(root, args, false), &full, "cold {:?}", args);
    prop_assert_eq!(&run(root, args, false), &full, "warm {:?}", args);
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PLANLINT_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(16)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        max_shrink_iters: 32,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_fast_history_paths_give_the_full_paths_json(c in case()) {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("plans")).expect("mkdir");
        std::fs::write(
            root.join("planlint.toml"),
            format!("[staleness]\namber_drift_days = {}\n", c.drift),
        )
        .expect("write");
        git(root, &["init", "-q", "-b", "main"]);
        for (day, versions) in c.commits.iter().enumerate() {
            for (path, v) in versions.iter().enumerate() {
                put(root, path, v);
            }
            git(root, &["add", "-A"]);
            git_at(
                root,
                &["commit", "-q", "--allow-empty", "-m", "review"],
                &format!("2015-11-{:02}T12:00:00Z", day + 1),
            );
        }
        put(root, c.staged.0, &c.staged.1);
        git(root, &["add", "-A"]);
        put(root, c.worktree.0, &c.worktree.1);
        let as_of = format!("--as-of=2015-11-{:02}", c.commits.len() + 3);
        let json = ["--format", "json", as_of.as_str()];
        agree(root, &[&["check", "--staged"], &json[..]].concat())?;
        agree(root, &[&["check"], &json[..]].concat())?;
        for f in ["plans/f0.toml", "plans/f3.toml"] {
            if root.join(f).exists() {
                agree(root, &[&["check", f], &json[..]].concat())?;
            }
        }
        agree(root, &[&["check", "--changed-since", "HEAD~1"], &json[..]].concat())?;
        agree(root, &[&["check", "--rev", "HEAD"], &json[..]].concat())?;
    }
}

#[test]
fn on_the_examples_the_fast_history_paths_give_the_full_paths_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    std::fs::create_dir_all(root.join("plans")).expect("mkdir");
    std::fs::copy(examples.join("planlint.toml"), root.join("planlint.toml")).expect("copy");
    let mut names = Vec::new();
    for e in std::fs::read_dir(examples.join("plans")).expect("examples/plans") {
        let p = e.expect("entry").path();
        let name = format!("plans/{}", p.file_name().expect("name").to_string_lossy());
        std::fs::copy(&p, root.join(&name)).expect("copy");
        names.push(name);
    }
    names.sort();
    git(root, &["init", "-q", "-b", "main"]);
    // three reviews: every amber rating goes red at the second, one plan is renamed at the third
    git(root, &["add", "-A"]);
    git_at(root, &["commit", "-q", "-m", "one"], "2015-06-01T12:00:00Z");
    for n in &names {
        let text = std::fs::read_to_string(root.join(n)).expect("plan");
        std::fs::write(
            root.join(n),
            text.replace("rag = \"amber\"", "rag = \"red\""),
        )
        .expect("write");
    }
    git(root, &["add", "-A"]);
    git_at(root, &["commit", "-q", "-m", "two"], "2015-09-01T12:00:00Z");
    git(root, &["mv", &names[0], "plans/renamed.toml"]);
    git_at(
        root,
        &["commit", "-q", "-m", "three"],
        "2015-11-01T12:00:00Z",
    );
    // one plan staged with a rating back to amber, another changed in the working tree (the
    // amber ratings of two reviews ago make amber-drift findings, their history walked)
    let text = std::fs::read_to_string(root.join(&names[2])).expect("plan");
    std::fs::write(
        root.join(&names[2]),
        text.replacen("rag = \"red\"", "rag = \"amber\"", 1),
    )
    .expect("write");
    git(root, &["add", "-A"]);
    let text = std::fs::read_to_string(root.join(&names[3])).expect("plan");
    std::fs::write(
        root.join(&names[3]),
        text.replacen("rag = \"red\"", "rag = \"green\"", 1),
    )
    .expect("write");
    let json = ["--format", "json", "--as-of=2016-01-15"];
    let cases: Vec<Vec<&str>> = vec![
        [&["check", "--staged"], &json[..]].concat(),
        [&["check", names[2].as_str()], &json[..]].concat(),
        [&["check", names[3].as_str()], &json[..]].concat(),
        [&["check", "plans/renamed.toml"], &json[..]].concat(),
        [&["check", "--changed-since", "HEAD~2"], &json[..]].concat(),
        [&["check"], &json[..]].concat(),
        [
            "report",
            "HEAD~2",
            "HEAD",
            "--format",
            "json",
            "--as-of=2016-01-15",
        ]
        .to_vec(),
    ];
    for args in cases {
        if let Err(e) = agree(root, &args) {
            panic!("{e}");
        }
    }
}
