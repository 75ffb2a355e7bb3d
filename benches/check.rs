//! The whole check (discover, read, parse, schema, every rule) on 1,000 generated plans of 50
//! actions each (about 17 MB), the size at which DESIGN.md compares us with taplo and tombi.
//!
//! Run: `cargo bench --bench check`.

use criterion::{criterion_group, criterion_main, Criterion};
use planlint::workspace::config::Config;
use std::time::Duration;

// the same allocator as the binary (src/main.rs), so the benchmark measures what users run
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn repo(plans: usize, actions: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let plans_dir = dir.path().join("plans");
    std::fs::create_dir_all(&plans_dir).expect("plans dir");
    std::fs::write(dir.path().join("planlint.toml"), "").expect("config");
    for n in 0..plans {
        std::fs::write(
            plans_dir.join(format!("plan-{n:04}.toml")),
            planlint::testgen::plan(n, actions),
        )
        .expect("write plan");
    }
    dir
}

fn bench(c: &mut Criterion) {
    let dir = repo(1000, 50);
    let config = Config::discover(dir.path(), &planlint::lint::names()).expect("config");
    let as_of = chrono::NaiveDate::from_ymd_opt(2015, 12, 1).expect("date");
    let bytes: u64 = walk_size(&dir.path().join("plans"));
    eprintln!(
        "corpus: 1000 plans, 50,000 actions, {:.1} MB",
        bytes as f64 / 1e6
    );

    let mut g = c.benchmark_group("check");
    g.sample_size(10).measurement_time(Duration::from_secs(15));
    g.bench_function("1000 plans x 50 actions, every rule", |b| {
        // the binary never frees the outcome (src/main.rs), so neither is its drop timed here
        b.iter_with_large_drop(|| {
            let targets = planlint::workspace::discover::discover(&config, &[]).expect("discover");
            let inputs = planlint::workspace::discover::read_targets(&targets);
            let outcome = planlint::lint::check::check(inputs, &config, as_of);
            assert_eq!(outcome.actions, 50_000);
            outcome
        })
    });
    // what `planlint check` runs outside git: each plan checked as it is loaded, its model let
    // go (`check_lean`)
    g.bench_function("1000 plans x 50 actions, every rule, lean", |b| {
        b.iter_with_large_drop(|| {
            let targets = planlint::workspace::discover::discover(&config, &[]).expect("discover");
            let inputs = planlint::workspace::discover::read_targets(&targets);
            let outcome = planlint::lint::check::check_lean(inputs, &config, as_of);
            assert_eq!(outcome.actions, 50_000);
            outcome
        })
    });
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
