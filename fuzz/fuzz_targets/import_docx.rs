//! Fuzzes the Word (.docx) importer from raw bytes: any input reads or is refused with a
//! `ReadError`; never a panic, a hang or an allocation past the caps (run with -rss_limit_mb).
#![no_main]

use libfuzzer_sys::fuzz_target;
use planlint::convert::import::read;
use planlint::convert::sniff::Kind;

fuzz_target!(|data: &[u8]| {
    let _ = read(data, Kind::Docx, "docx", None);
});
