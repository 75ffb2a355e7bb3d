//! An update cell kept as a log: one dated entry a paragraph ("23/11/2017: Awaiting data from
//! the coroner.", "12 Jan 2018 - Draft agreed", "2018-01-12 Pathway launched"). Each entry is
//! an update of its own, dated by what its writer wrote, so such a column needs no month in
//! its header and no `--update-date`. Pure text in, entries out.

use chrono::NaiveDate;

/// The dated entries of a cell whose first paragraph starts with a date; a paragraph without
/// a date of its own continues the entry above. `None` when the cell is not such a log.
pub fn dated_entries(text: &str) -> Option<Vec<(NaiveDate, String)>> {
    let mut entries: Vec<(NaiveDate, String)> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match entry_start(line) {
            Some((date, rest)) => entries.push((date, rest.to_string())),
            None => {
                let (_, last) = entries.last_mut()?;
                last.push('\n');
                last.push_str(line);
            }
        }
    }
    (!entries.is_empty()).then_some(entries)
}

/// The date a paragraph starts with and the text after it (its separator, ":" or a dash,
/// taken off). Only a whole day, or a month followed by ":" or a dash ("March 2018: …"), with
/// text after it: a paragraph that only names a date is not an entry.
fn entry_start(line: &str) -> Option<(NaiveDate, &str)> {
    let words: Vec<(usize, &str)> = line
        .split_whitespace()
        .take(3)
        .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
        .collect();
    // the longest date first: "12 Jan 2018" before "12"
    for n in (1..=words.len().min(3)).rev() {
        let (start, last) = words[n - 1];
        let end = start + last.len();
        let written = &line[..end];
        let bare = written.trim_end_matches([':', ',', '-', '–', '—']);
        let separated = bare.len() < written.len();
        let Some((date, whole_day)) = date_of(bare) else {
            continue;
        };
        let mut rest = line[end..].trim_start();
        if let Some(r) = rest.strip_prefix([':', '-', '–', '—']) {
            rest = r.trim_start();
            return (!rest.is_empty()).then_some((date, rest));
        }
        if rest.is_empty() || !(whole_day || separated) {
            return None;
        }
        return Some((date, rest));
    }
    None
}

/// A date as log writers write one, with whether it names a day (a month alone is its last
/// day, as the plan format dates a month's update).
fn date_of(text: &str) -> Option<(NaiveDate, bool)> {
    const DAYS: [&str; 8] = [
        "%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d-%b-%Y", "%d %b %Y",
        "%d %B %Y",
    ];
    let t = text.trim();
    // a year before 2000 is "%Y" reading a two-digit year ("3/4/18"): "%y" reads it next
    for f in DAYS {
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            if (2000..=2100).contains(&chrono::Datelike::year(&d)) {
                return Some((d, true));
            }
        }
    }
    for f in ["%b %Y", "%B %Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(&format!("1 {t}"), &format!("%d {f}")) {
            let next = d.checked_add_months(chrono::Months::new(1))?;
            return Some((next.pred_opt()?, false));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_log_of_dated_paragraphs_is_one_entry_each() {
        let e = dated_entries(
            "23/11/2017: Awaiting data from the coroner.\n10/03/2018: Draft pathway discussed\nat the steering group.",
        )
        .unwrap();
        assert_eq!(
            e,
            vec![
                (
                    d(2017, 11, 23),
                    "Awaiting data from the coroner.".to_string()
                ),
                (
                    d(2018, 3, 10),
                    "Draft pathway discussed\nat the steering group.".to_string()
                ),
            ]
        );
    }

    #[test]
    fn the_forms_people_write() {
        for (text, date, rest) in [
            ("12 Jan 2018 - Draft agreed", d(2018, 1, 12), "Draft agreed"),
            (
                "12 January 2018: Draft agreed",
                d(2018, 1, 12),
                "Draft agreed",
            ),
            (
                "2018-01-12 Pathway launched",
                d(2018, 1, 12),
                "Pathway launched",
            ),
            (
                "2018-01-12: Pathway launched",
                d(2018, 1, 12),
                "Pathway launched",
            ),
            ("3/4/18 – Met the CCG", d(2018, 4, 3), "Met the CCG"),
            ("02-Feb-2017: Report sent", d(2017, 2, 2), "Report sent"),
            (
                "March 2018: Funding agreed",
                d(2018, 3, 31),
                "Funding agreed",
            ),
        ] {
            assert_eq!(
                dated_entries(text),
                Some(vec![(date, rest.to_string())]),
                "{text}"
            );
        }
    }

    #[test]
    fn text_that_is_not_a_log() {
        for text in [
            "",
            "Awaiting data from the coroner.",
            "12 beds opened in March 2018",
            "March 2018 saw the launch",
            "2018 was a good year: funding agreed",
            "23/11/2017",
            "Update: 23/11/2017 meeting held",
        ] {
            assert_eq!(dated_entries(text), None, "{text}");
        }
    }
}
