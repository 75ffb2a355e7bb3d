//! Counts in words, the one way every message of planlint says them: "1 plan", "2 plans",
//! "1 fix", "3 fixes". A count printed any other way ("1 actions") is a bug.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(0, "plan"), "0 plans");
        assert_eq!(count(1, "action"), "1 action");
        assert_eq!(count(2, "error"), "2 errors");
        assert_eq!(count_as(1, "fix", "fixes"), "1 fix");
        assert_eq!(count_as(3, "fix", "fixes"), "3 fixes");
    }
}
