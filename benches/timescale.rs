//! `timescale::parse` on every form the example plans use: it runs once per action, so 50,000
//! times in the `check` benchmark.
//!
//! Run: `cargo bench --bench timescale`.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

const FORMS: &[&str] = &[
    "15-16",
    "From April 2015",
    "March 2016",
    "Review Sep 2015",
    "Sept 15",
    "Dec\n2016",
    "Q4 2015/16",
    "From Dec 2014\nto\nMarch 2015",
    "Mar – June 2015",
    "Monthly with Sep 15 Review",
    "June 2015 (& ongoing)",
    "Ongoing – Plan and timescales to be confirmed",
    "By exception",
    ".",
    "<p>Sep 15 Review</p> <p>March 2016 Implementation in Full</p>",
    "Spring 2016",
];

fn bench(c: &mut Criterion) {
    c.bench_function("parse 16 timescale forms", |b| {
        b.iter(|| {
            FORMS
                .iter()
                .filter(|t| planlint::plan::timescale::parse(black_box(t)).is_ok())
                .count()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
