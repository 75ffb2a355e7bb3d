//! Caps on what import reads, so a hostile file (a zip bomb in a .docx, a sheet with a cell at
//! row one million) gets a clear refusal instead of exhausting memory. Real plans are far
//! below every one of them: the largest seed is 60 actions in a 200 KB document.

use super::error::ReadError;
use std::io::{Read, Seek};

/// The largest file import opens.
pub const MAX_INPUT_BYTES: u64 = 64 << 20;
/// The largest part of a zip container (a .docx body, a sheet) once inflated, and the most
/// all parts may inflate to together.
pub const MAX_PART_BYTES: u64 = 128 << 20;
pub const MAX_INFLATED_BYTES: u64 = 512 << 20;
/// Parts in a zip container.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// Columns of a table or sheet, rows of a sheet, and cells overall.
pub const MAX_COLUMNS: usize = 256;
pub const MAX_ROWS: usize = 100_000;
pub const MAX_CELLS: usize = 2_000_000;
/// The longest text a cell may hold to be placed in a plan.
pub const MAX_CELL_CHARS: usize = 20_000;

/// Refuses a zip whose parts would inflate beyond the caps (the sizes come from the central
/// directory; the zip reader stops at the declared size, so they cannot be exceeded unseen).
pub fn check_zip<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Result<(), ReadError> {
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(ReadError::TooLarge(format!(
            "the file holds {} parts (more than {MAX_ZIP_ENTRIES}): not a plan document",
            zip.len()
        )));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let size = zip.by_index_raw(i).map(|f| f.size()).unwrap_or(0);
        if size > MAX_PART_BYTES {
            return Err(ReadError::TooLarge(format!(
                "a part of the file inflates to {} MiB (more than {} MiB): refused as a possible zip bomb",
                size >> 20,
                MAX_PART_BYTES >> 20
            )));
        }
        total = total.saturating_add(size);
    }
    if total > MAX_INFLATED_BYTES {
        return Err(ReadError::TooLarge(format!(
            "the file inflates to {} MiB (more than {} MiB): refused as a possible zip bomb",
            total >> 20,
            MAX_INFLATED_BYTES >> 20
        )));
    }
    Ok(())
}
