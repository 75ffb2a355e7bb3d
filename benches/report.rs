//! `planlint report` over a repository of 1,000 generated plans (50 actions each, about 17 MB a
//! revision) and 10 tagged review cycles, each changing the ratings of a tenth of the plans:
//! both ends read and diffed, the linter run at TO, the trend over every cycle, Markdown and
//! HTML rendered. Issue 6 asks for "a few seconds".
//!
//! Run: `cargo bench --bench report`.

use criterion::{criterion_group, criterion_main, Criterion};
use git2::{Oid, Repository, Signature, Time};
use planlint::git::Repo;
use planlint::workspace::config::Config;
use std::time::Duration;

const PLANS: usize = 1000;
const ACTIONS: usize = 50;
const CYCLES: usize = 10;

/// A plan as it stands at a cycle: plans `n` with `n % 10 == c % 10` (for cycles up to `c`)
/// have their greens turned amber and their ambers red, one tenth of the plans per cycle.
fn plan_at(n: usize, cycle: usize) -> String {
    let text = planlint::testgen::plan(n, ACTIONS);
    let touched = (1..=cycle).filter(|c| n % 10 == c % 10).count();
    (0..touched).fold(text, |t, _| {
        t.replace("rag = \"amber\"", "rag = \"red\"")
            .replace("rag = \"green\"\noutcomes", "rag = \"amber\"\noutcomes")
    })
}

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let git = Repository::init(dir.path()).expect("git init");
    std::fs::write(dir.path().join("planlint.toml"), "").expect("config");
    let config_blob = git.blob(b"").expect("blob");
    let mut blobs: Vec<Option<(usize, Oid)>> = vec![None; PLANS];
    let mut parent: Option<Oid> = None;
    for cycle in 0..CYCLES {
        let mut plans = git.treebuilder(None).expect("tree builder");
        for (n, slot) in blobs.iter_mut().enumerate() {
            let touched = (1..=cycle).filter(|c| n % 10 == c % 10).count();
            let oid = match slot {
                Some((t, oid)) if *t == touched => *oid,
                _ => {
                    let oid = git.blob(plan_at(n, cycle).as_bytes()).expect("blob");
                    *slot = Some((touched, oid));
                    oid
                }
            };
            plans
                .insert(format!("plan-{n:04}.toml"), oid, 0o100644)
                .expect("insert");
        }
        let plans = plans.write().expect("plans tree");
        let mut root = git.treebuilder(None).expect("tree builder");
        root.insert("planlint.toml", config_blob, 0o100644)
            .expect("insert");
        root.insert("plans", plans, 0o040000).expect("insert");
        let tree = git
            .find_tree(root.write().expect("root tree"))
            .expect("tree");
        let when = Time::new(1_430_000_000 + cycle as i64 * 92 * 86_400, 0);
        let sig = Signature::new("Board", "board@example.org", &when).expect("signature");
        let parents: Vec<git2::Commit> = parent
            .map(|p| git.find_commit(p).expect("parent"))
            .into_iter()
            .collect();
        let refs: Vec<&git2::Commit> = parents.iter().collect();
        let id = git
            .commit(Some("HEAD"), &sig, &sig, "review", &tree, &refs)
            .expect("commit");
        let obj = git.find_object(id, None).expect("object");
        git.tag_lightweight(&format!("review-{cycle:02}"), &obj, false)
            .expect("tag");
        parent = Some(id);
    }
    dir
}

fn bench(c: &mut Criterion) {
    let dir = repo();
    let config = Config::discover(dir.path(), &planlint::lint::names()).expect("config");
    let repo = Repo::open(&config, Default::default()).expect("repo");
    let today = chrono::NaiveDate::from_ymd_opt(2018, 1, 1).expect("date");
    eprintln!("corpus: {PLANS} plans x {ACTIONS} actions, {CYCLES} tagged review cycles");

    // every run reports on the same two cycles with the trend over all of them
    let options = || planlint::report::Options {
        from: "review-08",
        to: Some("review-09"),
        as_of: planlint::lint::AsOf::given_or(None, today),
        since: None,
        cycles: Some("review-*"),
        findings: true,
        title: Some("Benchmark programme".into()),
        board: None,
        purpose: None,
        asks: Vec::new(),
    };
    // one run with the time of each step, to see where a report spends it
    let start = std::time::Instant::now();
    let mut last = (start, String::from("resolving revisions"));
    let mut step = |msg: &str| {
        let now = std::time::Instant::now();
        eprintln!(
            "  {:>6.0} ms  {}",
            (now - last.0).as_secs_f64() * 1e3,
            last.1
        );
        last = (now, msg.to_string());
    };
    let r = planlint::report::gather(&repo, &config, &options(), &mut step)
        .expect("report")
        .report;
    step("done");
    let t = std::time::Instant::now();
    let md = planlint::report::markdown::render(&r);
    let html = planlint::report::html::render(&r);
    eprintln!(
        "  {:>6.0} ms  rendering ({} KB Markdown, {} KB HTML); total {:.2} s",
        t.elapsed().as_secs_f64() * 1e3,
        md.len() / 1024,
        html.len() / 1024,
        start.elapsed().as_secs_f64()
    );

    let mut g = c.benchmark_group("report");
    g.sample_size(10).measurement_time(Duration::from_secs(40));
    g.bench_function("1000 plans, 10 cycles, markdown + html", |b| {
        b.iter(|| {
            let r = planlint::report::gather(&repo, &config, &options(), &mut |_| {})
                .expect("report")
                .report;
            assert_eq!(r.cycles.len(), CYCLES);
            assert_eq!(r.totals.to.total, PLANS * ACTIONS);
            assert!(!r.worsened.is_empty());
            let md = planlint::report::markdown::render(&r);
            let html = planlint::report::html::render(&r);
            md.len() + html.len()
        })
    });
    // the JSON view as `report --format json` writes it to standard output
    let r = planlint::report::gather(&repo, &config, &options(), &mut |_| {})
        .expect("report")
        .report;
    g.bench_function("1000 plans, 10 cycles, json written out", |b| {
        b.iter(|| {
            let mut out = std::io::sink();
            planlint::report::write_json(&r, &mut out).expect("written")
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
