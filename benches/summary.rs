//! A plan blob's history summary (issue 14, cold history): `git::summary::read`, which reads
//! it from `toml_parser`'s events, against the full path it replaces (`read_plan`, then
//! `Summary::of`), on a generated 50-action plan (about 17 KB). Criterion reports both per
//! plan and in bytes a second.
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
}

criterion_group!(group, bench);
criterion_main!(group);
