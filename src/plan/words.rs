//! Words in messages, each said one way: counts ("1 plan", "2 plans", "1 fix", "3 fixes"; a
//! count printed any other way, "1 actions", is a bug), and the nearest known word to a typo
//! ("did you mean `leads`?"); an I/O error (`io_error`: a full disk says what to do); and the
//! order people number things in (`natural`: "3.2" before "3.10", `review-7` before
//! `review-10`).

/// "1 plan", "2 plans": `n` and the word, with an `s` unless `n` is 1.
pub fn count(n: usize, one: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// "1 fix", "3 fixes": `n` and the word, for words whose plural is not one `s` more.
pub fn count_as(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    // one- and two-letter words ("9" for "1") are ids, not typos
    if word.chars().count() < 3 {
        return None;
    }
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&word, c),
                strsim::damerau_levenshtein(&word, c),
                c,
            )
        })
        .filter(|&(jw, dl, c)| jw >= 0.7 && dl <= (c.chars().count() / 3).max(1))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, _, c)| c)
}

/// Sort key for ids and names people number: runs of digits compare as numbers, of any length
/// ("3.2" < "3.10", "review-7" < "review-10", "Q3" < "Q10", "r-99999999999999999999" <
/// "r-100000000000000000000"), before words; words compare as text. `.`, `-`, `_` and spaces
/// only separate. Each part is (the number of digits without leading zeros, or `u64::MAX` for
/// a word; those digits, or the word; the part as written, so "07" and "7" still have an
/// order).
pub type Natural = Vec<(u64, String, String)>;

/// The `Natural` sort key of `id`.
pub fn natural(id: &str) -> Natural {
    let mut parts = Vec::new();
    let mut rest = id;
    while let Some(c) = rest.chars().next() {
        if matches!(c, '.' | '-' | '_' | ' ') {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let digit = c.is_ascii_digit();
        let end = rest
            .find(|x: char| matches!(x, '.' | '-' | '_' | ' ') || x.is_ascii_digit() != digit)
            .unwrap_or(rest.len());
        let (part, after) = rest.split_at(end);
        parts.push(if digit {
            let value = part.trim_start_matches('0');
            (value.len() as u64, value.to_string(), part.to_string())
        } else {
            (u64::MAX, part.to_string(), String::new())
        });
        rest = after;
    }
    parts
}

/// An I/O error as the user reads it after the file's name: the system's words, and what to do
/// when the disk is full (the system says only "No space left on device").
pub fn io_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
            format!("the disk it is on is full ({e}): free some space there, or write it elsewhere")
        }
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_names_go_in_the_order_they_count() {
        let mut v = vec![
            "review-10",
            "review-7",
            "3.10",
            "3.2",
            "review-1",
            "3.2.1",
            "review-x",
        ];
        v.sort_by_key(|n| natural(n));
        assert_eq!(
            v,
            [
                "3.2",
                "3.2.1",
                "3.10",
                "review-1",
                "review-7",
                "review-10",
                "review-x"
            ]
        );
        for (a, b) in [
            ("review7", "review10"),
            ("review_7", "review_10"),
            ("Q3", "Q10"),
            ("2015-q3", "2015-q10"),
            ("cycle-2b3", "cycle-2b10"),
            ("r-99999999999999999999", "r-100000000000000000000"),
            ("r-18446744073709551615", "r-100000000000000000000000"),
            ("1a", "1b"),
            ("1b", "2"),
            ("9", "10a"),
            ("07", "7"),
            ("7", "08"),
            ("2", "a"),
            ("a", "b"),
        ] {
            assert!(natural(a) < natural(b), "{a} before {b}");
        }
        assert_ne!(natural("07"), natural("7"));
    }

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(0, "plan"), "0 plans");
        assert_eq!(count(1, "action"), "1 action");
        assert_eq!(count(2, "error"), "2 errors");
        assert_eq!(count_as(1, "fix", "fixes"), "1 fix");
        assert_eq!(count_as(3, "fix", "fixes"), "3 fixes");
    }
}
