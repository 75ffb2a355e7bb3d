//! The timescale reader's tables of words: month names, the words that mark a kind of timescale
//! ("from", "review", "ongoing", "TBC"), the fillers it skips, and the vague words it refuses.

use super::{fail, Item, Unparsed};

pub(super) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub(super) fn month_number(w: &str) -> Option<u32> {
    Some(match w {
        "jan" | "january" => 1,
        "feb" | "february" => 2,
        "mar" | "march" => 3,
        "apr" | "april" => 4,
        "may" => 5,
        "jun" | "june" => 6,
        "jul" | "july" => 7,
        "aug" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "oct" | "october" => 10,
        "nov" | "november" => 11,
        "dec" | "december" => 12,
        _ => return None,
    })
}

pub(super) fn month_name(m: u32) -> &'static str {
    MONTHS
        .get((m as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

/// Words that carry no date and change nothing: "Implementation in Full", "by the end of".
const FILLERS: &[&str] = &[
    "a",
    "an",
    "approx",
    "approximately",
    "as",
    "at",
    "be",
    "by",
    "c",
    "circa",
    "complete",
    "completed",
    "completion",
    "deadline",
    "due",
    "end",
    "for",
    "full",
    "fully",
    "implementation",
    "implemented",
    "in",
    "is",
    "latest",
    "later",
    "new",
    "no",
    "of",
    "on",
    "plan",
    "planned",
    "service",
    "target",
    "than",
    "the",
    "then",
    "timescale",
    "timescales",
    "undertaken",
    "with",
    "year",
];

/// Words that are not a date but look like one: the reader must say which month.
const VAGUE: &[&str] = &[
    "early", "mid", "middle", "late", "spring", "summer", "autumn", "fall", "winter",
];

pub(super) fn word_item(w: &str) -> Result<Option<Item>, Unparsed> {
    Ok(Some(match w {
        "from" | "starting" | "start" | "starts" | "commencing" | "beginning" | "onwards"
        | "onward" => Item::From,
        "to" | "until" | "till" | "til" | "through" | "thru" | "and" => Item::Conn,
        "review" | "reviews" | "reviewed" => Item::Review,
        "ongoing" | "continuing" | "continuous" | "continual" | "rolling" => Item::Ongoing,
        "monthly" | "weekly" | "fortnightly" | "bimonthly" | "quarterly" | "annually"
        | "annual" | "yearly" => Item::Recurring,
        "tbc" | "tba" | "tbd" | "confirmed" | "agreed" | "determined" | "exception"
        | "exceptions" | "needed" | "required" => Item::NoDate,
        _ if FILLERS.contains(&w) => return Ok(None),
        _ if VAGUE.contains(&w) => {
            return fail(format!(
                "\"{w}\" does not say which month: write a month, as in \"March 2016\""
            ))
        }
        _ => {
            let hint = MONTHS
                .iter()
                .map(|m| (m, strsim::levenshtein(w, &m.to_lowercase())))
                .filter(|&(_, d)| d <= 2 && w.len() > 3)
                .min_by_key(|&(_, d)| d)
                .map(|(m, _)| format!(" (did you mean \"{m}\"?)"))
                .unwrap_or_default();
            return fail(format!("did not understand \"{w}\"{hint}"));
        }
    }))
}
