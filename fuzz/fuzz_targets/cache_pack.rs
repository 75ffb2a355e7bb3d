//! Fuzzes the history cache's readers (`git::cache::pack` and the entries' `codec`, and the
//! runs files' timelines): any bytes under a pack's name in `.git/planlint-cache` (someone
//! else's repository, a tarball), or as a runs file's payload, are read without a panic and
//! without allocating past the pack's caps or the bytes' length.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    thread_local! {
        static DIR: tempfile::TempDir = tempfile::tempdir().expect("a temp dir");
    }
    DIR.with(|dir| {
        let path = dir.path().join(format!("{}.pack", "a".repeat(40)));
        std::fs::write(&path, data).expect("write the input");
        planlint::git::cache::read_any_pack(&path);
    });
    planlint::git::cache::read_any_runs(data);
});
