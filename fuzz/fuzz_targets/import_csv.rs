//! Fuzzes the CSV and tab-separated importer (encodings, separator guessing, `sep=` lines,
//! quoting) and the header search after it, from raw bytes: never a panic, a hang or memory
//! past the caps.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planlint::convert::header;
use planlint::convert::import::read;
use planlint::convert::sniff::Kind;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = read(data, Kind::Delimited, "csv", None) {
        for t in &doc.tables {
            let _ = header::find(t, &[]);
        }
    }
});
