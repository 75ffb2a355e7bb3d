//! The timescale reader against the table in docs/plan-format.md and every seed timescale.

use super::TimescaleKind::*;
use super::*;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

/// (written, kind, start, due, ongoing); "" for no date.
type Row = (
    &'static str,
    TimescaleKind,
    &'static str,
    &'static str,
    bool,
);

fn check(rows: &[Row]) {
    for &(text, kind, start, due, ongoing) in rows {
        let got = parse(text).unwrap_or_else(|e| panic!("{text:?} unparsed: {e}"));
        let want = Timescale {
            kind,
            start: (!start.is_empty()).then(|| d(start)),
            due: (!due.is_empty()).then(|| d(due)),
            ongoing,
        };
        assert_eq!(got, want, "{text:?}");
    }
}

/// The Timescales table of docs/plan-format.md, row by row.
#[test]
fn design_table() {
    check(&[
        ("2015-06-30", Date, "2015-06-30", "2015-06-30", false),
        ("June 2015", Month, "2015-06-01", "2015-06-30", false),
        ("Jun 2015", Month, "2015-06-01", "2015-06-30", false),
        ("Sept 15", Month, "2015-09-01", "2015-09-30", false),
        ("Dec\n2016", Month, "2016-12-01", "2016-12-31", false),
        ("2017", Year, "2017-01-01", "2017-12-31", false),
        ("15-16", FinancialYear, "2015-04-01", "2016-03-31", false),
        ("2015/16", FinancialYear, "2015-04-01", "2016-03-31", false),
        ("2015-16", FinancialYear, "2015-04-01", "2016-03-31", false),
        ("FY15/16", FinancialYear, "2015-04-01", "2016-03-31", false),
        ("Q1 2015/16", Quarter, "2015-04-01", "2015-06-30", false),
        ("Q2 2015/16", Quarter, "2015-07-01", "2015-09-30", false),
        ("Q3 15/16", Quarter, "2015-10-01", "2015-12-31", false),
        ("Q4 15/16", Quarter, "2016-01-01", "2016-03-31", false),
        ("From Jan 2015", From, "2015-01-01", "", false),
        (
            "From Dec 2014 to March 2015",
            Range,
            "2014-12-01",
            "2015-03-31",
            false,
        ),
        (
            "January-July 2015",
            Range,
            "2015-01-01",
            "2015-07-31",
            false,
        ),
        ("Mar – June 2015", Range, "2015-03-01", "2015-06-30", false),
        ("Review Sep 2015", Review, "2015-09-01", "2015-09-30", false),
        (
            "Monthly with Sep 15 Review",
            Review,
            "2015-09-01",
            "2015-09-30",
            false,
        ),
        (
            "June 2015 (& ongoing)",
            Month,
            "2015-06-01",
            "2015-06-30",
            true,
        ),
        ("Ongoing", Ongoing, "", "", true),
        ("By exception", NoDate, "", "", false),
        ("TBC", NoDate, "", "", false),
        (
            "Ongoing – timescales to be confirmed",
            Ongoing,
            "",
            "",
            true,
        ),
    ]);
}

/// Every timescale written in `seeds/` (and the example plans), as the seed gives it; cells
/// split by a page break are joined, as the example plans have them.
#[test]
fn seed_timescales() {
    check(&[
        // pan-lancashire-2015.txt
        ("Oct 2010", Month, "2010-10-01", "2010-10-31", false),
        ("Nov 2014", Month, "2014-11-01", "2014-11-30", false),
        ("Dec 2014", Month, "2014-12-01", "2014-12-31", false),
        ("Jan 2015", Month, "2015-01-01", "2015-01-31", false),
        ("Feb 2015", Month, "2015-02-01", "2015-02-28", false),
        ("March 2015", Month, "2015-03-01", "2015-03-31", false),
        ("April 2015", Month, "2015-04-01", "2015-04-30", false),
        ("2015/16", FinancialYear, "2015-04-01", "2016-03-31", false),
        (
            "<p>Sep 15 Review</p> <p>March 2016 Implementation in Full</p>",
            Range,
            "2015-09-01",
            "2016-03-31",
            false,
        ),
        ("Sep 2015 March 2016", Range, "2015-09-01", "2016-03-31", false),
        ("March 2016", Month, "2016-03-01", "2016-03-31", false),
        (
            "March 2015 Sep\n2015 Review",
            Range,
            "2015-03-01",
            "2015-09-30",
            false,
        ),
        ("Review Sep 2015", Review, "2015-09-01", "2015-09-30", false),
        ("Review Sep 2015.", Review, "2015-09-01", "2015-09-30", false),
        ("", Missing, "", "", false),
        ("2015-16", FinancialYear, "2015-04-01", "2016-03-31", false),
        ("April\n2015", Month, "2015-04-01", "2015-04-30", false),
        ("Mar – June 2015", Range, "2015-03-01", "2015-06-30", false),
        (
            "Monthly with Sep 15 Review",
            Review,
            "2015-09-01",
            "2015-09-30",
            false,
        ),
        ("Sept 2015", Month, "2015-09-01", "2015-09-30", false),
        ("2017", Year, "2017-01-01", "2017-12-31", false),
        (
            "Ongoing – Plan and timescales to be confirmed",
            Ongoing,
            "",
            "",
            true,
        ),
        (".", Missing, "", "", false),
        ("October 2015", Month, "2015-10-01", "2015-10-31", false),
        ("April 2017", Month, "2017-04-01", "2017-04-30", false),
        (
            "<p>2015-17 With ongoing planned reviews</p> <p>New Service to be implemented in full by April 2017.</p>",
            Range,
            "2015-04-01",
            "2017-04-30",
            true,
        ),
        // bexley-2015.txt
        ("From Jan 2015", From, "2015-01-01", "", false),
        ("February  2015", Month, "2015-02-01", "2015-02-28", false),
        ("From Dec 2014", From, "2014-12-01", "", false),
        ("From Feb 2015", From, "2015-02-01", "", false),
        ("From March 2015", From, "2015-03-01", "", false),
        ("From April 2015", From, "2015-04-01", "", false),
        (
            "From Dec 2014\nto\nMarch 2015",
            Range,
            "2014-12-01",
            "2015-03-31",
            false,
        ),
        ("Q4 2015/16", Quarter, "2016-01-01", "2016-03-31", false),
        // bedfordshire-luton-2015.txt
        ("June 2015", Month, "2015-06-01", "2015-06-30", false),
        ("September 2015", Month, "2015-09-01", "2015-09-30", false),
        ("Dec\n2016", Month, "2016-12-01", "2016-12-31", false),
        ("Oct 2015", Month, "2015-10-01", "2015-10-31", false),
        ("April 2016", Month, "2016-04-01", "2016-04-30", false),
        ("Aug\n2016", Month, "2016-08-01", "2016-08-31", false),
        ("Sept\n2015", Month, "2015-09-01", "2015-09-30", false),
        ("Sept 15", Month, "2015-09-01", "2015-09-30", false),
        // nottinghamshire-2015.txt
        ("15-16", FinancialYear, "2015-04-01", "2016-03-31", false),
        ("16-17", FinancialYear, "2016-04-01", "2017-03-31", false),
        ("January-July 2015", Range, "2015-01-01", "2015-07-31", false),
        ("March-May 2015", Range, "2015-03-01", "2015-05-31", false),
        ("-", Missing, "", "", false),
        ("Q1 2015/16", Quarter, "2015-04-01", "2015-06-30", false),
        ("June 2015 (& ongoing)", Month, "2015-06-01", "2015-06-30", true),
        ("Aug 2015", Month, "2015-08-01", "2015-08-31", false),
        // the example plans' other forms
        ("Sep 15", Month, "2015-09-01", "2015-09-30", false),
        ("Sep 2015", Month, "2015-09-01", "2015-09-30", false),
        ("February 2015", Month, "2015-02-01", "2015-02-28", false),
    ]);
}

#[test]
fn other_readings() {
    check(&[
        ("30/06/2015", Date, "2015-06-30", "2015-06-30", false),
        ("31.03.2016", Date, "2016-03-31", "2016-03-31", false),
        ("Apr-15", Month, "2015-04-01", "2015-04-30", false),
        ("Jan-15 to Mar-16", Range, "2015-01-01", "2016-03-31", false),
        (
            "April 2015 - ongoing",
            Month,
            "2015-04-01",
            "2015-04-30",
            true,
        ),
        ("Ongoing from April 2015", From, "2015-04-01", "", true),
        (
            "2015/16 and 2016/17",
            Range,
            "2015-04-01",
            "2017-03-31",
            false,
        ),
        ("Annual review", Ongoing, "", "", true),
        ("31st March 2016", Date, "2016-03-31", "2016-03-31", false),
        ("2 nd Feb 2015", Date, "2015-02-02", "2015-02-02", false),
        ("June 30th, 2015", Date, "2015-06-30", "2015-06-30", false),
        (
            "By end of March 2016",
            Month,
            "2016-03-01",
            "2016-03-31",
            false,
        ),
        ("JUNE 2015", Month, "2015-06-01", "2015-06-30", false),
        (
            "  june\t2015 \r\n",
            Month,
            "2015-06-01",
            "2015-06-30",
            false,
        ),
        ("April 2015 onwards", From, "2015-04-01", "", false),
        (
            "Nov 2015 - Feb 2016",
            Range,
            "2015-11-01",
            "2016-02-29",
            false,
        ),
        ("Nov - Feb 2016", Range, "2015-11-01", "2016-02-29", false),
        (
            "January 2015 to July",
            Range,
            "2015-01-01",
            "2015-07-31",
            false,
        ),
        (
            "1 April 2015 – 31 March 2016",
            Range,
            "2015-04-01",
            "2016-03-31",
            false,
        ),
        ("2015 to 2016", Range, "2015-01-01", "2016-12-31", false),
        (
            "2015/2016",
            FinancialYear,
            "2015-04-01",
            "2016-03-31",
            false,
        ),
        (
            "FY 2015-16",
            FinancialYear,
            "2015-04-01",
            "2016-03-31",
            false,
        ),
        ("2015/16 Q2", Quarter, "2015-07-01", "2015-09-30", false),
        (
            "Review to be undertaken at year end 2015/16.",
            Review,
            "2015-04-01",
            "2016-03-31",
            false,
        ),
        ("Monthly", Ongoing, "", "", true),
        ("TBA", NoDate, "", "", false),
        ("To be confirmed", NoDate, "", "", false),
        ("n/a", Missing, "", "", false),
        ("<p></p>", Missing, "", "", false),
        ("—", Missing, "", "", false),
    ]);
}

fn reason(text: &str) -> String {
    match parse(text) {
        Ok(t) => panic!("{text:?} should not parse, gave {t:?}"),
        Err(e) => e.reason,
    }
}

#[test]
fn to_be_confirmed_is_told_from_by_exception() {
    for text in [
        "TBC",
        "tba",
        "To be confirmed",
        "Ongoing – timescales to be confirmed",
    ] {
        assert!(is_to_be_confirmed(text), "{text}");
    }
    for text in ["By exception", "As required", "March 2016", ""] {
        assert!(!is_to_be_confirmed(text), "{text}");
    }
}

#[test]
fn unreadable_texts_say_why() {
    for (text, why) in [
        ("April", "\"April\" has no year: write it as \"April 2015\""),
        ("March 2015 Sep", "\"September\" has no year: write it as \"September 2015\""),
        ("Spring 2016", "\"spring\" does not say which month: write a month, as in \"March 2016\""),
        ("Febuary 2016", "did not understand \"febuary\" (did you mean \"February\"?)"),
        ("March 2016 (subject to funding)", "did not understand \"subject\""),
        ("Q1 2015", "\"Q1 2015\" is ambiguous: write the financial year, as in \"Q1 2015/16\""),
        ("Q5 2015/16", "there is no quarter 5: quarters are Q1 to Q4"),
        ("Q1", "quarter 1 needs its financial year, as in \"Q1 2015/16\""),
        ("Quarter", "a quarter needs its number and financial year, as in \"Q1 2015/16\""),
        ("16-15", "\"16/15\" is not a financial year: the second year must follow the first, as in 2015/16"),
        ("31/06/2015", "there is no day 31 in June 2015"),
        ("15", "\"15\" on its own is not a date: write a month and year (\"March 2016\") or a financial year (\"15-16\")"),
        ("June 5", "\"June 5\": write the year with two or four digits, as in \"June 2015\""),
        ("March 2016 to Jan 2015", "the range ends (2015-01-31) before it starts (2016-03-01)"),
        ("Review", "it names no date"),
        ("June 0999", "999 is not a plausible year"),
        ("June 123456789012", "\"June 123456789012\": write the year with two or four digits, as in \"June 2015\""),
        ("2015-16-17", "2015-16-17 is not a date"),
    ] {
        assert_eq!(reason(text), why, "{text:?}");
    }
}

#[test]
fn every_example_plan_due_parses() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/plans");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("examples/plans") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("example plan");
        let value: toml::Table = toml::from_str(&text).expect("example is TOML");
        let actions = value.get("actions").and_then(|a| a.as_array());
        for a in actions.into_iter().flatten() {
            let milestones = a.get("milestones").and_then(|m| m.as_array());
            let dues = std::iter::once(a)
                .chain(milestones.into_iter().flatten())
                .flat_map(|t| [t.get("due"), t.get("baseline_due")])
                .flatten();
            for due in dues {
                if let Some(s) = due.as_str() {
                    seen += 1;
                    assert!(
                        parse(s).is_ok(),
                        "{}: {s:?}: {:?}",
                        path.display(),
                        parse(s)
                    );
                }
            }
        }
    }
    assert!(seen > 100, "only {seen} timescales found");
}

/// Words and marks the grammar knows, to build texts that go deep into it.
const VOCAB: &[&str] = &[
    "jan", "June", "sept", "Dec", "15", "16", "2015", "2016", "0", "31", "1st", "of", "-", "–",
    "/", "&", "to", "from", "review", "ongoing", "q", "Q4", "fy", "by", "end", "tbc", ".", "<p>",
    "</p>", "99", "00", "2199", "1900", "monthly", "onwards", "30th", "12",
];

proptest! {
    #[test]
    fn never_panics_and_starts_before_due(text in "\\PC{0,40}") {
        if let Ok(t) = parse(&text) {
            if let (Some(s), Some(d)) = (t.start, t.due) {
                prop_assert!(s <= d, "{text:?}: {t:?}");
            }
        }
    }

    #[test]
    fn vocabulary_texts_keep_intervals_ordered(
        words in proptest::collection::vec(proptest::sample::select(VOCAB), 0..8)
    ) {
        let text = words.join(" ");
        if let Ok(t) = parse(&text) {
            if let (Some(s), Some(d)) = (t.start, t.due) {
                prop_assert!(s <= d, "{text:?}: {t:?}");
            }
            prop_assert!(t.due.is_some() || t.kind != TimescaleKind::Month, "{text:?}");
        }
    }
}
