//! Git-backed jobs on generated repositories:
//! - `diff` between two tagged revisions of a 1,000-plan repository (50 actions each) where 10
//!   plans changed: lists both trees, parses only the 20 changed blobs;
//! - `diff HEAD` to the working tree of that repository with 10 plans changed on disk: reads and
//!   hashes every file, asks git about those whose bytes differ from the index;
//! - the same with `core.autocrlf=true` and every file checked out with CRLF (each file's bytes
//!   differ from its blob, so git's view of "modified" decides);
//! - `history` of one action over 500 commits (each commit re-rates an action in one of 20 plans).
//!
//! Run: `cargo bench --bench git`.

use criterion::{criterion_group, criterion_main, Criterion};
use git2::{Repository, Signature, Time};
use planlint::git::Repo;
use planlint::workspace::config::Config;
use std::path::Path;
use std::time::Duration;

fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Bench")
        .env("GIT_AUTHOR_EMAIL", "b@example.org")
        .env("GIT_COMMITTER_NAME", "Bench")
        .env("GIT_COMMITTER_EMAIL", "b@example.org")
        .status()
        .expect("git runs")
        .success();
    assert!(ok, "git {args:?}");
}

/// 1,000 plans tagged `v1`; then 10 plans re-rated, tagged `v2`.
fn big_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path();
    std::fs::create_dir_all(p.join("plans")).expect("plans");
    std::fs::write(p.join("planlint.toml"), "").expect("config");
    for n in 0..1000 {
        std::fs::write(
            p.join(format!("plans/plan-{n:04}.toml")),
            planlint::testgen::plan(n, 50),
        )
        .expect("write");
    }
    git(p, &["init", "-q"]);
    git(p, &["add", "-A"]);
    git(p, &["commit", "-q", "-m", "cycle 1"]);
    git(p, &["tag", "v1"]);
    for n in (0..1000).step_by(100) {
        let text = planlint::testgen::plan(n, 50).replacen("rag = \"green\"", "rag = \"red\"", 1);
        std::fs::write(p.join(format!("plans/plan-{n:04}.toml")), text).expect("write");
    }
    git(p, &["commit", "-q", "-a", "-m", "cycle 2"]);
    git(p, &["tag", "v2"]);
    dir
}

/// 20 plans, then 500 commits each changing one action's rating in one plan (plan 0 every
/// fifth commit), written straight into the object database.
fn long_history() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("planlint.toml"), "").expect("config");
    let repo = Repository::init(dir.path()).expect("init");
    let mut texts: Vec<String> = (0..20).map(|n| planlint::testgen::plan(n, 50)).collect();
    let mut parent: Option<git2::Oid> = None;
    let ratings = ["red", "amber", "green"];
    for i in 0..=500usize {
        if i > 0 {
            let n = if i % 5 == 0 { 0 } else { i % 20 };
            // action 1.2 (index 1) of plan n: cycle its rating
            let t = &texts[n];
            let start = t.find("id = \"1.2\"").expect("action");
            let at = start + t[start..].find("\nrag = \"").expect("rag") + 8;
            let end = at + t[at..].find('"').expect("quote");
            texts[n] = format!("{}{}{}", &t[..at], ratings[i % 3], &t[end..]);
        }
        let mut plans = repo.treebuilder(None).expect("treebuilder");
        for (n, t) in texts.iter().enumerate() {
            let blob = repo.blob(t.as_bytes()).expect("blob");
            plans
                .insert(format!("plan-{n:02}.toml"), blob, 0o100644)
                .expect("insert");
        }
        let plans = plans.write().expect("tree");
        let mut root = repo.treebuilder(None).expect("treebuilder");
        root.insert("plans", plans, 0o040000).expect("insert");
        let tree = repo.find_tree(root.write().expect("tree")).expect("tree");
        let sig = Signature::new(
            "Bench",
            "b@example.org",
            &Time::new(1_420_000_000 + i as i64 * 86_400, 0),
        )
        .expect("signature");
        let parents: Vec<git2::Commit<'_>> = parent
            .map(|p| repo.find_commit(p).expect("parent"))
            .into_iter()
            .collect();
        let refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
        parent = Some(
            repo.commit(
                Some("HEAD"),
                &sig,
                &sig,
                &format!("commit {i}"),
                &tree,
                &refs,
            )
            .expect("commit"),
        );
    }
    dir
}

fn bench(c: &mut Criterion) {
    let big = big_repo();
    let config = Config::discover(big.path(), &planlint::lint::names()).expect("config");
    let mut g = c.benchmark_group("git");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("diff v1 v2, 1000 plans, 10 changed", |b| {
        b.iter(|| {
            let repo = Repo::open(&config, Default::default()).expect("repo");
            let from = repo.side(Some("v1")).expect("v1");
            let to = repo.side(Some("v2")).expect("v2");
            let d = repo.diff(from, to, &config).expect("diff");
            assert_eq!(d.changes.len(), 10);
            d.changes.len()
        })
    });

    // the working tree of v2 with 10 more plans re-rated, as checked out plainly and with CRLF
    let worktree = |crlf: bool| {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = big.path().to_str().expect("utf-8 path");
        let autocrlf = format!("core.autocrlf={crlf}");
        git(dir.path(), &["clone", "-q", "-c", &autocrlf, url, "w"]);
        let w = dir.path().join("w");
        for n in (50..1000).step_by(100) {
            let text =
                planlint::testgen::plan(n, 50).replacen("rag = \"green\"", "rag = \"red\"", 1);
            let text = if crlf {
                text.replace('\n', "\r\n")
            } else {
                text
            };
            std::fs::write(w.join(format!("plans/plan-{n:04}.toml")), text).expect("write");
        }
        dir
    };
    for crlf in [false, true] {
        let dir = worktree(crlf);
        let config =
            Config::discover(&dir.path().join("w"), &planlint::lint::names()).expect("config");
        let name = if crlf {
            "diff HEAD to the working tree, core.autocrlf, CRLF on disk, 10 changed"
        } else {
            "diff HEAD to the working tree, 1000 plans, 10 changed"
        };
        g.bench_function(name, |b| {
            b.iter(|| {
                let repo = Repo::open(&config, Default::default()).expect("repo");
                let from = repo.side(Some("HEAD")).expect("HEAD");
                let to = repo.side(None).expect("working tree");
                let d = repo.diff(from, to, &config).expect("diff");
                assert_eq!(d.changes.len(), 10);
                d.changes.len()
            })
        });
    }

    let long = long_history();
    let config = Config::discover(long.path(), &planlint::lint::names()).expect("config");
    g.bench_function("history of one action over 500 commits", |b| {
        b.iter(|| {
            let repo = Repo::open(&config, Default::default()).expect("repo");
            let head = repo.resolve("HEAD").expect("head");
            let t = planlint::git::history::timeline(
                &repo,
                &config,
                head.commit,
                "1.2",
                Some("plan-0"),
            )
            .expect("timeline");
            // plan 0's action 1.2 is re-rated every fifth commit (once to the rating it had)
            assert_eq!(t.timeline.len(), 100);
            t.timeline.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
