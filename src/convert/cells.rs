//! What every workbook planlint writes says the same way (the tracker and its round-trip
//! sheets in `export` and `roundtrip`, the leads' workbook in `updates`): Excel's longest
//! cell, a day as an Excel date, and the date cells' format.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign};

/// The longest text an Excel cell holds.
pub const EXCEL_CELL_CHARS: usize = 32_767;

/// A day as an Excel date; `None` for one it cannot hold (its year out of Excel's range).
pub fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

/// A date cell of the tracker's sheets: the day as ISO writes it, at the top of the cell.
pub fn date_format() -> Format {
    Format::new()
        .set_num_format("yyyy-mm-dd")
        .set_align(FormatAlign::Top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_excel_cannot_hold_is_no_date() {
        let day = |s: &str| s.parse::<NaiveDate>().expect("date");
        assert!(excel_date(day("2016-03-31")).is_some());
        assert!(excel_date(day("1000-01-01")).is_none());
        assert!(excel_date(NaiveDate::from_ymd_opt(10_000, 1, 1).expect("date")).is_none());
    }
}
