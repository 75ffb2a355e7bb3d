//! A check inside git, where the history rules read the past (issue 14), on repositories from
//! `testgen::history` (every plan updated at every commit; ratings stay, so amber runs last the
//! whole history):
//! - `check` of the working tree with 20 and 100 commits, dated a day apart (the worst case
//!   for the history window) and a quarter apart (review cycles), cold (the history cache
//!   emptied first) and warm (the cache as the last run left it); and the same files outside
//!   git, the figure to compare with;
//! - `check --staged` with one staged plan, cold (a fresh clone's first commit) and warm;
//! - `check` of a tenth of the files named, `--no-cache` (pre-commit in CI);
//! - `report` over 100 tagged cycles.
//!
//! Sizes are small so that CI's `cargo bench --no-run` and a local run stay quick; the issue's
//! figures (1,000 plans × 50 actions) come from the binary on a repository this bench writes
//! and keeps: `PLANLINT_GENERATE=DIR,PLANS,ACTIONS,COMMITS,recent|cycles cargo bench --bench
//! history` writes it to DIR (tagged `review-1`…) and exits.
//!
//! Run: `cargo bench --bench history`.

use criterion::{criterion_group, criterion_main, Criterion};
use git2::{Repository, Signature, Time};
use planlint::check::{Job, Request, Source};
use planlint::testgen::{history, Dating};
use planlint::workspace::config::Config;
use std::path::Path;
use std::time::Duration;

/// The as-of date of every check: the day after the last commit.
const LAST_DAY: i64 = 400;

fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2015, 1, 1).expect("a date")
        + chrono::Days::new(LAST_DAY as u64 + 1)
}

/// Writes the history straight into a new repository at `dir` (blobs, trees, commits, a tag
/// `review-N` at each commit), checks out the last commit's files and fills the index.
fn generate(dir: &Path, plans: usize, actions: usize, commits: usize, dating: Dating) {
    std::fs::create_dir_all(dir.join("plans")).expect("plans");
    std::fs::write(dir.join("planlint.toml"), "").expect("config");
    let repo = Repository::init(dir).expect("init");
    let epoch = 1_420_070_400; // 2015-01-01
    let mut parent: Option<git2::Oid> = None;
    let mut last = Vec::new();
    for (i, c) in history(plans, actions, commits, dating, LAST_DAY).enumerate() {
        let mut sub = repo.treebuilder(None).expect("treebuilder");
        for (path, text) in &c.files {
            let blob = repo.blob(text.as_bytes()).expect("blob");
            let name = path.trim_start_matches("plans/");
            sub.insert(name, blob, 0o100644).expect("insert");
        }
        let sub = sub.write().expect("tree");
        let config = repo.blob(b"").expect("blob");
        let mut root = repo.treebuilder(None).expect("treebuilder");
        root.insert("plans", sub, 0o040000).expect("insert");
        root.insert("planlint.toml", config, 0o100644)
            .expect("insert");
        let tree = repo.find_tree(root.write().expect("tree")).expect("tree");
        let sig = Signature::new(
            "Bench",
            "b@example.org",
            &Time::new(epoch + c.day * 86_400 + 43_200, 0),
        )
        .expect("signature");
        let parents: Vec<git2::Commit<'_>> = parent
            .map(|p| repo.find_commit(p).expect("parent"))
            .into_iter()
            .collect();
        let refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
        let id = repo
            .commit(
                Some("HEAD"),
                &sig,
                &sig,
                &format!("review {}", i + 1),
                &tree,
                &refs,
            )
            .expect("commit");
        let obj = repo.find_object(id, None).expect("commit");
        repo.tag_lightweight(&format!("review-{}", i + 1), &obj, false)
            .expect("tag");
        parent = Some(id);
        last = c.files;
    }
    for (path, text) in &last {
        std::fs::write(dir.join(path), text).expect("write");
    }
    let mut index = repo.index().expect("index");
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .expect("add");
    index.write().expect("index");
}

fn check(dir: &Path, staged: bool) -> usize {
    check_with(dir, staged, &[], Default::default())
}

/// `check` of `named` files (all when none), from the index when `staged`, using the history
/// cache as `cache` says (`--no-cache`: `enabled` false).
fn check_with(
    dir: &Path,
    staged: bool,
    named: &[std::path::PathBuf],
    cache: planlint::git::cache::Options,
) -> usize {
    let config = Config::discover(dir, &planlint::lint::names()).expect("config");
    let source = if staged { Source::Index } else { Source::Disk };
    let as_of = planlint::lint::AsOf::given_or(Some(as_of()), as_of());
    let request = Request {
        source,
        changed_since: None,
        judge: planlint::check::Judge::Default,
        as_of,
        cache,
    };
    let mut job = Job::open(&config, request).expect("job");
    let inputs = match job.inputs(&config, named).expect("inputs") {
        Some(i) => i,
        None => {
            let found = planlint::workspace::discover::find(&config, named).expect("plans");
            planlint::workspace::discover::read_targets(&found.targets)
        }
    };
    job.finish(inputs, &config)
        .expect("check")
        .outcome
        .findings
        .len()
}

fn clear(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir.join(".git/planlint-cache"));
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("history");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    let (plans, actions) = (100, 20);
    for (commits, dating, name) in [
        (20, Dating::Recent, "20 commits a day apart"),
        (100, Dating::Recent, "100 commits a day apart"),
        (20, Dating::Cycles, "20 commits a quarter apart"),
    ] {
        let repo = tempfile::tempdir().expect("temp dir");
        generate(repo.path(), plans, actions, commits, dating);
        let outside = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(outside.path().join("plans")).expect("plans");
        std::fs::write(outside.path().join("planlint.toml"), "").expect("config");
        for e in std::fs::read_dir(repo.path().join("plans")).expect("plans") {
            let e = e.expect("entry");
            std::fs::copy(e.path(), outside.path().join("plans").join(e.file_name()))
                .expect("copy");
        }
        g.bench_function(format!("check outside git, {plans} plans"), |b| {
            b.iter(|| check(outside.path(), false))
        });
        g.bench_function(format!("check cold, {name}"), |b| {
            b.iter(|| {
                clear(repo.path());
                check(repo.path(), false)
            })
        });
        check(repo.path(), false);
        g.bench_function(format!("check warm, {name}"), |b| {
            b.iter(|| check(repo.path(), false))
        });
        if commits == 100 && dating == Dating::Recent {
            // one plan changed and staged
            let p = repo.path().join("plans/plan-0007.toml");
            let text = std::fs::read_to_string(&p).expect("plan");
            std::fs::write(&p, text.replacen("rag = \"green\"", "rag = \"red\"", 1))
                .expect("write");
            let r = Repository::open(repo.path()).expect("repo");
            let mut index = r.index().expect("index");
            index
                .add_path(Path::new("plans/plan-0007.toml"))
                .expect("add");
            index.write().expect("index");
            g.bench_function(
                format!("check --staged cold (a fresh clone), one plan staged, {name}"),
                |b| {
                    b.iter(|| {
                        clear(repo.path());
                        check(repo.path(), true)
                    })
                },
            );
            check(repo.path(), true);
            g.bench_function(format!("check --staged, one plan staged, {name}"), |b| {
                b.iter(|| check(repo.path(), true))
            });
            // pre-commit in CI: the changed files named, no cache
            let named: Vec<std::path::PathBuf> = (0..plans)
                .step_by(10)
                .map(|n| repo.path().join(format!("plans/plan-{n:04}.toml")))
                .collect();
            let no_cache = planlint::git::cache::Options {
                enabled: false,
                ..Default::default()
            };
            g.bench_function(
                format!("check of {} named files, --no-cache, {name}", named.len()),
                |b| b.iter(|| check_with(repo.path(), false, &named, no_cache)),
            );
            let config = Config::discover(repo.path(), &planlint::lint::names()).expect("config");
            g.bench_function(
                format!("report review-1 review-100 --cycles, {name}"),
                |b| {
                    b.iter(|| {
                        let r =
                            planlint::git::Repo::open(&config, Default::default()).expect("repo");
                        let opts = planlint::report::Options {
                            from: "review-1",
                            to: Some("review-100"),
                            as_of: planlint::lint::AsOf::given_or(Some(as_of()), as_of()),
                            since: None,
                            cycles: Some("review-*"),
                            findings: true,
                            title: Some("Benchmark programme".into()),
                            board: None,
                            purpose: None,
                            asks: Vec::new(),
                        };
                        planlint::report::gather(&r, &config, &opts, &mut |_| {}).is_ok()
                    })
                },
            );
        }
    }
    g.finish();
}

/// `PLANLINT_GENERATE=DIR,PLANS,ACTIONS,COMMITS,recent|cycles`: write a repository and stop.
fn generate_only() -> bool {
    let Ok(spec) = std::env::var("PLANLINT_GENERATE") else {
        return false;
    };
    let parts: Vec<&str> = spec.split(',').collect();
    let [dir, plans, actions, commits, dating] = parts[..] else {
        panic!("PLANLINT_GENERATE=DIR,PLANS,ACTIONS,COMMITS,recent|cycles");
    };
    let n = |s: &str| s.parse::<usize>().expect("a number");
    let dating = if dating == "cycles" {
        Dating::Cycles
    } else {
        Dating::Recent
    };
    generate(Path::new(dir), n(plans), n(actions), n(commits), dating);
    true
}

fn benches(c: &mut Criterion) {
    if !generate_only() {
        bench(c);
    }
}

criterion_group!(group, benches);
criterion_main!(group);
