//! Rating scales: RAG, BRAG, the five-point Delivery Confidence scale, or a custom one.
//!
//! A scale lists its ratings from worst to best; each says whether it is "done" (allowed on a
//! complete action). Aliases map other words onto the scale (`yellow = "amber"`).

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    pub name: String,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scale {
    pub preset: String,
    /// Worst first.
    pub levels: Vec<Level>,
    /// alias (lowercase) -> rating name.
    pub aliases: BTreeMap<String, String>,
}

/// A rating found on the scale: its position (0 = worst) and canonical name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rated<'s> {
    pub rank: usize,
    pub name: &'s str,
    pub done: bool,
}

pub const PRESETS: &[&str] = &["rag", "brag", "five-point"];

impl Scale {
    pub fn preset(name: &str) -> Option<Scale> {
        let levels: &[(&str, bool)] = match name {
            "rag" => &[("red", false), ("amber", false), ("green", true)],
            "brag" => &[
                ("red", false),
                ("amber", false),
                ("green", false),
                ("blue", true),
            ],
            "five-point" => &[
                ("red", false),
                ("amber-red", false),
                ("amber", false),
                ("amber-green", false),
                ("green", true),
            ],
            _ => return None,
        };
        Some(Scale {
            preset: name.to_string(),
            levels: levels
                .iter()
                .map(|&(n, done)| Level {
                    name: n.to_string(),
                    done,
                })
                .collect(),
            aliases: BTreeMap::new(),
        })
    }

    /// Looks a rating up case-insensitively, through aliases.
    pub fn resolve(&self, text: &str) -> Option<Rated<'_>> {
        let key = normalised(text);
        let name = self.aliases.get(&*key).map_or(&*key, |s| s.as_str());
        self.levels
            .iter()
            .enumerate()
            .find(|(_, l)| l.name == name)
            .map(|(rank, l)| Rated {
                rank,
                name: &l.name,
                done: l.done,
            })
    }

    /// The best rating's rank.
    pub fn best(&self) -> usize {
        self.levels.len().saturating_sub(1)
    }

    /// The rank of the best rating that is not "done" (green on BRAG, where blue means complete).
    pub fn best_open(&self) -> Option<usize> {
        self.levels.iter().rposition(|l| !l.done)
    }

    /// Whether `r` says "on track": the best rating, or `green` where a completion rating sits
    /// above it (BRAG's blue). The RAG rules that distrust a good rating use this.
    pub fn is_green(&self, r: &Rated<'_>) -> bool {
        r.rank == self.best() || r.name == "green"
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.levels.iter().map(|l| l.name.as_str())
    }

    /// The nearest rating to an unknown word, for "did you mean".
    pub fn suggest(&self, text: &str) -> Option<&str> {
        let key = normalise(text);
        // colour words that real plans use for a middle rating
        if matches!(key.as_str(), "yellow" | "orange") && self.resolve("amber").is_some() {
            return Some("amber");
        }
        crate::plan::words::nearest(
            &key,
            self.names().chain(self.aliases.keys().map(|s| s.as_str())),
        )
    }
}

/// Lower case, trimmed, inner spaces and underscores as hyphens ("Amber Green" = "amber-green").
pub fn normalise(text: &str) -> String {
    normalised(text).into_owned()
}

/// `normalise`, borrowing a text that is already so (lower-case letters, digits and hyphens,
/// as most ratings are written), so resolving a rating allocates nothing.
fn normalised(text: &str) -> std::borrow::Cow<'_, str> {
    if text
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.trim()
            .to_lowercase()
            .split(|c: char| c.is_whitespace() || c == '_' || c == '/')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The borrowed form is the worked-out one, whatever the text.
        #[test]
        fn a_rating_already_normal_is_normalised_as_any_other(
            text in "[a-zA-Z0-9 _/\\-\t\u{b}\u{a0}é]{0,12}",
        ) {
            let worked = text
                .trim()
                .to_lowercase()
                .split(|c: char| c.is_whitespace() || c == '_' || c == '/')
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("-");
            prop_assert_eq!(normalise(&text), worked);
        }
    }

    #[test]
    fn rag_is_case_insensitive_and_ordered() {
        let s = Scale::preset("rag").unwrap();
        assert_eq!(s.resolve("Green").map(|r| r.rank), Some(2));
        assert_eq!(s.resolve(" RED ").map(|r| r.rank), Some(0));
        assert!(s.resolve("yellow").is_none());
        assert_eq!(s.suggest("Yellow"), Some("amber"));
        assert_eq!(s.suggest("gren"), Some("green"));
    }

    #[test]
    fn five_point_puts_amber_green_between_amber_and_green() {
        let s = Scale::preset("five-point").unwrap();
        let ag = s.resolve("Amber/Green").unwrap().rank;
        assert!(s.resolve("amber").unwrap().rank < ag);
        assert!(ag < s.resolve("green").unwrap().rank);
    }

    #[test]
    fn aliases_resolve_to_their_rating() {
        let mut s = Scale::preset("rag").unwrap();
        s.aliases.insert("yellow".into(), "amber".into());
        assert_eq!(s.resolve("Yellow").map(|r| r.name), Some("amber"));
    }

    #[test]
    fn green_reads_as_on_track_on_every_preset() {
        for (preset, green) in [
            ("rag", &["green"][..]),
            ("brag", &["green", "blue"][..]),
            ("five-point", &["green"][..]),
        ] {
            let s = Scale::preset(preset).unwrap();
            let on_track: Vec<&str> = s
                .names()
                .filter(|n| s.resolve(n).is_some_and(|r| s.is_green(&r)))
                .collect();
            assert_eq!(on_track, green, "{preset}");
        }
    }

    #[test]
    fn brag_blue_is_the_only_done_rating() {
        let s = Scale::preset("brag").unwrap();
        assert!(s.resolve("blue").unwrap().done);
        assert!(!s.resolve("green").unwrap().done);
        assert_eq!(s.best_open(), Some(2));
    }
}
