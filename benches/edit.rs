//! The edit layer: the canonical formatter on the largest shipped example and on a generated
//! plan of 500 actions (as written, and already formatted), and the whole of `update` (find the plan among 100, locate the action,
//! build the edits, apply them, check the plan before and after) without the write.
//!
//! Run: `cargo bench --bench edit`.

use criterion::{criterion_group, criterion_main, Criterion};
use planlint::edit::commands::UpdateOptions;
use planlint::edit::{text, Checks, Command};
use planlint::workspace::config::Config;
use std::time::Duration;

// the same allocator as the binary (src/main.rs), so the benchmark measures what users run
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let example = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/plans/pan-lancashire.toml"
    ))
    .expect("example");
    let big = planlint::testgen::plan(0, 500);
    eprintln!(
        "inputs: pan-lancashire.toml {:.1} kB, a generated plan of 500 actions {:.1} kB",
        example.len() as f64 / 1e3,
        big.len() as f64 / 1e3
    );

    let mut g = c.benchmark_group("edit");
    g.measurement_time(Duration::from_secs(10));
    g.bench_function("format example (36 actions)", |b| {
        b.iter(|| planlint::edit::format::format_text(&example).expect("formats"))
    });
    g.bench_function("format generated (500 actions)", |b| {
        b.iter(|| planlint::edit::format::format_text(&big).expect("formats"))
    });
    // what `fmt --check` does in CI on a repository that is formatted already
    let tidy = planlint::edit::format::format_text(&big).expect("formats");
    g.bench_function("format generated, already formatted (500 actions)", |b| {
        b.iter(|| planlint::edit::format::format_text(&tidy).expect("formats"))
    });

    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
    std::fs::write(dir.path().join("planlint.toml"), "").expect("config");
    for n in 0..100 {
        std::fs::write(
            dir.path().join(format!("plans/plan-{n:03}.toml")),
            planlint::testgen::plan(n, 50),
        )
        .expect("write");
    }
    let config = Config::discover(dir.path(), &planlint::lint::names()).expect("config");
    let options = UpdateOptions {
        // testgen numbers actions by section ("3.4") and names plan n "plan-n"
        action: "3.4".into(),
        plan: Some("plan-42".into()),
        text: "Progress reported at the December board.".into(),
        rag: Some("amber".into()),
        status: None,
        date: "2015-12-10".parse().expect("date"),
        by: None,
    };
    let checks = Checks {
        config: &config,
        as_of: "2015-12-10".parse().expect("date"),
    };
    g.bench_function("update in a repository of 100 plans (no write)", |b| {
        let command = Command::Update(options.clone());
        b.iter(|| {
            planlint::edit::run(&config, &command, &checks, planlint::edit::Mode::DryRun)
                .expect("update")
        })
    });
    g.bench_function("unified diff of a formatted example", |b| {
        let after = planlint::edit::format::format_text(&example).expect("formats");
        b.iter(|| text::unified_diff("plans/p.toml", &example, &after))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
