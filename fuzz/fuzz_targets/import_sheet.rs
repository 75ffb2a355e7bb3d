//! Fuzzes the spreadsheet importers (.xlsx and .ods through calamine, with planlint's zip
//! checks before them) from raw bytes: the first byte picks the reader. Any input reads or is
//! refused; never a panic that escapes `import::read`, a hang, or memory past the caps.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planlint::convert::import::read;
use planlint::convert::sniff::Kind;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let kind = if pick & 1 == 0 { Kind::Xlsx } else { Kind::Ods };
    let _ = read(rest, kind, "xlsx", None);
});
