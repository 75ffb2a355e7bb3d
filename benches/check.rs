//! The whole check (discover, read, parse, schema, every rule) on 1,000 generated plans of 50
//! actions each (about 17 MB), the size at which DESIGN.md compares us with taplo and tombi.
//!
//! Run: `cargo bench --bench check`. `PLANLINT_PLANS=5000` checks 5,000 plans instead (the
//! issue-26 row where memory and the serial part showed); `PLANLINT_WRITE=DIR` writes the corpus
//! to DIR and stops, for timing the binary against taplo and check-jsonschema on the same files.

use criterion::{criterion_group, criterion_main, Criterion};
use planlint::workspace::config::Config;
use std::time::Duration;

// the same allocator as the binary (src/main.rs), so the benchmark measures what users run
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn repo(plans: usize, actions: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), plans, actions);
    dir
}

/// `plans` generated plans of `actions` actions under `dir/plans`, and an empty planlint.toml.
fn write(dir: &std::path::Path, plans: usize, actions: usize) {
    let plans_dir = dir.join("plans");
    std::fs::create_dir_all(&plans_dir).expect("plans dir");
    std::fs::write(dir.join("planlint.toml"), "").expect("config");
    for n in 0..plans {
        std::fs::write(
            plans_dir.join(format!("plan-{n:04}.toml")),
            planlint::testgen::plan(n, actions),
        )
        .expect("write plan");
    }
}

fn bench(c: &mut Criterion) {
    let plans: usize = std::env::var("PLANLINT_PLANS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    if let Ok(out) = std::env::var("PLANLINT_WRITE") {
        write(std::path::Path::new(&out), plans, 50);
        eprintln!("wrote {plans} plans of 50 actions to {out}");
        return;
    }
    let dir = repo(plans, 50);
    let config = Config::discover(dir.path(), &planlint::lint::names()).expect("config");
    let as_of = chrono::NaiveDate::from_ymd_opt(2015, 12, 1).expect("date");
    let bytes: u64 = walk_size(&dir.path().join("plans"));
    eprintln!(
        "corpus: {plans} plans, {} actions, {:.1} MB",
        plans * 50,
        bytes as f64 / 1e6
    );

    let mut g = c.benchmark_group("check");
    g.sample_size(10).measurement_time(Duration::from_secs(15));
    g.bench_function(format!("{plans} plans x 50 actions, every rule"), |b| {
        // the binary never frees the outcome (src/main.rs), so neither is its drop timed here
        b.iter_with_large_drop(|| {
            let targets = planlint::workspace::discover::discover(&config, &[]).expect("discover");
            let inputs = planlint::workspace::discover::read_targets(&targets);
            let outcome = planlint::lint::check::check(inputs, &config, as_of);
            assert_eq!(outcome.actions, plans * 50);
            outcome
        })
    });
    // what `planlint check` runs outside git: each plan checked as it is loaded, its model let
    // go (`check_lean`)
    g.bench_function(
        format!("{plans} plans x 50 actions, every rule, lean"),
        |b| {
            b.iter_with_large_drop(|| {
                let targets =
                    planlint::workspace::discover::discover(&config, &[]).expect("discover");
                let inputs = planlint::workspace::discover::read_targets(&targets);
                let outcome = planlint::lint::check::check_lean(inputs, &config, as_of);
                assert_eq!(outcome.actions, plans * 50);
                outcome
            })
        },
    );
    g.finish();
}

fn walk_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum()
}

criterion_group!(benches, bench);
criterion_main!(benches);
