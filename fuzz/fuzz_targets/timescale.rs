//! Fuzzes the timescale reader: any text reads to a timescale or a reason, never a panic, and a
//! timescale never ends before it starts.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match planlint::plan::timescale::parse(text) {
        Ok(t) => {
            if let (Some(start), Some(due)) = (t.start, t.due) {
                assert!(start <= due, "{text:?} gave {t:?}");
            }
        }
        Err(e) => assert!(!e.reason.is_empty(), "{text:?}: empty reason"),
    }
});
