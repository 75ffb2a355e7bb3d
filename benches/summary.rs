//! A plan blob's history summary (issue 14, cold history): `git::summary::read`, which reads
//! it from `toml_parser`'s events, against the full path it replaces (`read_plan`, then
//! `Summary::of`), on a generated 50-action plan (about 17 KB). And the whole plan the check
//! loads (issue 26, the parse path): `plan::load::events`, one pass from the same events into
//! the model, against the full path (TOML tree, numbers, schema proof, serde). Criterion
//! reports each per plan and in bytes a second.
//!
//! Run: `cargo bench --bench summary`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use planlint::git::summary;

fn bench(c: &mut Criterion) {
    let text = planlint::testgen::plan(7, 50);
    let bytes = text.as_bytes();
    assert_eq!(
        summary::read("g.toml", bytes),
        summary::full("g.toml", bytes)
    );
    let mut g = c.benchmark_group("summary");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("full path (read_plan, Summary::of), 50 actions", |b| {
        b.iter(|| summary::full("g.toml", black_box(bytes)))
    });
    g.bench_function("git::summary::read, 50 actions", |b| {
        b.iter(|| summary::read("g.toml", black_box(bytes)))
    });
    g.finish();

    let sev = planlint::plan::load::LoadSeverities::default();
    assert!(planlint::plan::load::events::plan(&text).is_some());
    let mut g = c.benchmark_group("plan");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function(
        "full path (DeTable, schema proof, serde), 50 actions",
        |b| b.iter(|| planlint::plan::load::parse_full(black_box(&text), sev)),
    );
    g.bench_function("plan::load::events::plan, 50 actions", |b| {
        b.iter(|| planlint::plan::load::events::plan(black_box(&text)))
    });
    g.finish();
}

criterion_group!(group, bench);
criterion_main!(group);
