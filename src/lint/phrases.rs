//! What an update's words declare about its action: complete, withdrawn or slipped. One
//! reader, shared by `rag-text-mismatch` (which compares the declaration with the action's
//! status and rating) and `import` (which, with no status column, takes a plain declaration of
//! completion or withdrawal as the action's status), so the two never read the same words two
//! ways.
//!
//! Update texts are free prose written by busy people ("evaluation completed in October",
//! "will be completed by March", "targets are being achieved"), so the reading is deliberately
//! narrow: a completion or withdrawal only counts when the update opens with it ("Complete:
//! ...", "Action withdrawn.") or says it of the action ("this action is now complete"), and
//! a slip only counts when no negation or condition ("not delayed", "if delayed") comes before
//! it in the same sentence. A missed declaration costs less than a false alarm on every review.

use std::ops::Range;

/// What an update text declares about its action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Says {
    Complete,
    Withdrawn,
    Slipped,
}

/// A word of the text: its byte range and the sentence (clause) it is in.
struct Word {
    lower: String,
    range: Range<usize>,
    clause: usize,
}

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut clause = 0;
    let mut start = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() || c == '\'' || c == '’' {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(Word {
                lower: text[s..i].to_lowercase().replace('’', "'"),
                range: s..i,
                clause,
            });
        }
        // a full stop inside "4.1" or "e.g" does not end a sentence
        let next_is_word = chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if matches!(c, ';' | '!' | '?' | '\n') || (c == '.' && !next_is_word) {
            clause += 1;
        }
    }
    if let Some(s) = start {
        out.push(Word {
            lower: text[s..].to_lowercase().replace('’', "'"),
            range: s..text.len(),
            clause,
        });
    }
    out
}

/// Phrases that declare completion or withdrawal, and whether they are participles (which may be
/// followed by "in June", "by action 4.1") or adjectives (which must end the clause: "complete
/// by March" is a target, not a fact).
const DECLARED: &[(&[&str], Says, bool)] = &[
    (&["complete"], Says::Complete, false),
    (&["done"], Says::Complete, false),
    (&["completed"], Says::Complete, true),
    (&["achieved"], Says::Complete, true),
    (&["withdrawn"], Says::Withdrawn, true),
    (&["superseded"], Says::Withdrawn, true),
    (&["no", "longer", "required"], Says::Withdrawn, true),
    (&["no", "longer", "needed"], Says::Withdrawn, true),
];

/// Words that may come before a declaration at the very start of an update.
const OPENING: &[&str] = &[
    "action", "actions", "this", "the", "is", "has", "have", "been", "now", "fully", "was",
    "status", "update", "all", "work", "and", "closed",
];

/// Words between "action" and a declaration: "action (has now been) completed".
const LINKING: &[&str] = &["is", "has", "have", "been", "was", "now", "fully"];

/// What may follow a participle: "completed in June 2015", "superseded by action 4.1".
const PARTICIPLE_FOLLOWERS: &[&str] = &[
    "in",
    "on",
    "by",
    "during",
    "at",
    "and",
    "as",
    "from",
    "following",
    "because",
    "since",
    "after",
];

/// Words that make a later completion or withdrawal word a plan, a condition or a denial.
const NOT_A_FACT: &[&str] = &[
    "not",
    "yet",
    "to",
    "will",
    "would",
    "should",
    "could",
    "may",
    "might",
    "must",
    "once",
    "when",
    "until",
    "till",
    "before",
    "after",
    "if",
    "unless",
    "whether",
    "expected",
    "expect",
    "due",
    "planned",
    "aim",
    "aims",
    "hope",
    "nearly",
    "almost",
    "partially",
    "partly",
    "nearing",
    "awaiting",
    "pending",
    "propose",
    "proposed",
    "recommend",
    "recommended",
    "suggest",
    "suggested",
    "isn't",
    "hasn't",
    "wasn't",
    "won't",
];

/// Words after an opening "Completed:" that say only a part of the work is done.
const GOES_ON: &[&str] = &[
    "phase",
    "stage",
    "part",
    "first",
    "next",
    "remaining",
    "remains",
    "outstanding",
    "continue",
    "continues",
    "continuing",
    "ongoing",
    "further",
    "still",
    "awaiting",
    "pending",
    "underway",
];

/// Phrases holding a `GOES_ON` word that say the work is finished and kept up as ordinary
/// work, not that more of it is to come: "Completed in May; now part of business as usual".
const STILL_DONE: &[&[&str]] = &[
    &["part", "of", "business", "as", "usual"],
    &["part", "of", "bau"],
    &["part", "of", "core", "business"],
    &["part", "of", "routine", "practice"],
    &["part", "of", "normal", "practice"],
];

/// Phrases that say the work has slipped.
const SLIPPED: &[&[&str]] = &[
    &["slipped"],
    &["slippage"],
    &["delayed"],
    &["behind", "schedule"],
    &["behind", "plan"],
];

/// Words that deny or hypothesise a slip when they come shortly before it.
const NOT_SLIPPED: &[&str] = &[
    "not",
    "no",
    "never",
    "without",
    "nor",
    "any",
    "isn't",
    "hasn't",
    "haven't",
    "wasn't",
    "weren't",
    "won't",
    "avoid",
    "avoiding",
    "prevent",
    "preventing",
    "minimise",
    "minimize",
    "reduce",
    "reducing",
    "if",
    "may",
    "might",
    "could",
    "risk",
    "risks",
    "unless",
];

fn matches_at(words: &[Word], at: usize, phrase: &[&str]) -> bool {
    phrase.iter().enumerate().all(|(k, p)| {
        words
            .get(at + k)
            .is_some_and(|w| w.lower == *p && w.clause == words[at].clause)
    })
}

/// Whether what follows the phrase ending at word `last` lets it stand as a fact.
fn ends_well(text: &str, words: &[Word], last: usize, participle: bool) -> bool {
    let rest = text[words[last].range.end..].trim_start();
    match rest.chars().next() {
        None => true,
        Some(c) if !c.is_alphanumeric() => true,
        Some(_) => {
            participle
                && words
                    .get(last + 1)
                    .is_some_and(|w| PARTICIPLE_FOLLOWERS.contains(&w.lower.as_str()))
        }
    }
}

/// The first declaration of completion or withdrawal in `text`, with its byte range.
fn declared(text: &str, words: &[Word]) -> Option<(Says, Range<usize>)> {
    for at in 0..words.len() {
        for &(phrase, says, participle) in DECLARED {
            if !matches_at(words, at, phrase) {
                continue;
            }
            let last = at + phrase.len() - 1;
            if !ends_well(text, words, last, participle) {
                continue;
            }
            let before = &words[..at];
            let clause = words[at].clause;
            let same: Vec<&Word> = before.iter().filter(|w| w.clause == clause).collect();
            if same.iter().any(|w| NOT_A_FACT.contains(&w.lower.as_str())) {
                continue;
            }
            // "Complete: ...", "Action 29 complete.": it opens the update
            let opens = clause == 0
                && before.iter().enumerate().all(|(k, w)| {
                    OPENING.contains(&w.lower.as_str())
                        || (k > 0
                            && w.lower.chars().any(|c| c.is_ascii_digit())
                            && before[k - 1].lower.starts_with("action"))
                });
            // "... this action has now been completed": it is said of the action
            let mut k = same.len();
            while k > 0 && LINKING.contains(&same[k - 1].lower.as_str()) {
                k -= 1;
            }
            if k > 0 && same[k - 1].lower.chars().any(|c| c.is_ascii_digit()) {
                k -= 1;
            }
            let of_action = k > 0 && same[k - 1].lower == "action";
            // "Completed: phase 1; phase 2 starts in January" closes a part, not the action
            let goes_on = (last + 1..words.len()).any(|j| {
                GOES_ON.contains(&words[j].lower.as_str())
                    && !STILL_DONE.iter().any(|p| matches_at(words, j, p))
            });
            if of_action || (opens && !goes_on) {
                return Some((says, words[at].range.start..words[last].range.end));
            }
        }
    }
    None
}

/// The first undenied mention of a slip in `text`, with its byte range.
fn slipped(words: &[Word]) -> Option<Range<usize>> {
    for at in 0..words.len() {
        for phrase in SLIPPED {
            if !matches_at(words, at, phrase) {
                continue;
            }
            let last = at + phrase.len() - 1;
            // NHS measures, not slips
            if phrase == &["delayed"]
                && words.get(last + 1).is_some_and(|w| {
                    matches!(
                        w.lower.as_str(),
                        "discharge" | "discharges" | "transfer" | "transfers"
                    )
                })
            {
                continue;
            }
            let clause = words[at].clause;
            let denied = words[..at]
                .iter()
                .rev()
                .take_while(|w| w.clause == clause)
                .take(4)
                .any(|w| NOT_SLIPPED.contains(&w.lower.as_str()));
            if !denied {
                return Some(words[at].range.start..words[last].range.end);
            }
        }
    }
    None
}

/// Stems of every word the reading looks for: a text with none of them says nothing, and most
/// update texts are skipped without being split into words.
const STEMS: &[&str] = &[
    "complet", "done", "achiev", "withdr", "supersed", "longer", "slip", "delay", "behind",
];

/// What the update text says, with the byte range of the words that say it.
pub fn reading(text: &str) -> Vec<(Says, Range<usize>)> {
    let lower = text.to_ascii_lowercase();
    if !STEMS.iter().any(|s| lower.contains(s)) {
        return Vec::new();
    }
    let words = words(text);
    let mut out: Vec<_> = declared(text, &words).into_iter().collect();
    out.extend(slipped(&words).map(|r| (Says::Slipped, r)));
    out
}

/// The status an update's words declare, with the words that declare it: `Complete` or
/// `Withdrawn`, never a slip (a slip is no status).
pub fn declared_status(text: &str) -> Option<(Says, Range<usize>)> {
    reading(text)
        .into_iter()
        .find(|(s, _)| matches!(s, Says::Complete | Says::Withdrawn))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn says(text: &str) -> Vec<(Says, &str)> {
        reading(text)
            .into_iter()
            .map(|(s, r)| (s, &text[r]))
            .collect()
    }

    #[test]
    fn reads_declarations() {
        use Says::*;
        for (text, want) in [
            (
                "Complete: all custody staff trained.",
                vec![(Complete, "Complete")],
            ),
            ("Completed in June 2015.", vec![(Complete, "Completed")]),
            ("Achieved", vec![(Complete, "Achieved")]),
            ("Done.", vec![(Complete, "Done")]),
            ("Action 29 complete.", vec![(Complete, "complete")]),
            (
                "Training delivered; this action has now been completed.",
                vec![(Complete, "completed")],
            ),
            ("Withdrawn: see action 15.", vec![(Withdrawn, "Withdrawn")]),
            (
                "No longer required as the service closed.",
                vec![(Withdrawn, "No longer required")],
            ),
            ("Superseded by action 4.1.", vec![(Withdrawn, "Superseded")]),
            (
                "The launch has slipped to January.",
                vec![(Slipped, "slipped")],
            ),
            ("Recruitment delayed the start.", vec![(Slipped, "delayed")]),
            (
                "Work is behind schedule.",
                vec![(Slipped, "behind schedule")],
            ),
        ] {
            assert_eq!(says(text), want, "{text}");
        }
    }

    #[test]
    fn does_not_read_plans_conditions_or_denials() {
        for text in [
            "Not yet complete.",
            "This action is not complete.",
            "To be completed by March 2016.",
            "The audit will be completed by the end of December.",
            "Once complete, the protocol goes to the board.",
            "Complete by March 2016.",
            "Evaluation completed in October 2015 and going to CCG boards.",
            "Access targets are being achieved and exceeded.",
            "7 of 13 reviews completed and fed back.",
            "Work done so far includes two events.",
            "It is proposed that the action is withdrawn.",
            "Nearly complete.",
            "The opening was not delayed.",
            "No slippage so far.",
            "Delays of over 4 hours are recorded on Datix.",
            "Fewer delayed discharges this quarter.",
            "If delayed, escalate to the board.",
            "Monitoring form will be completed electronically.",
            "Completed: phase 1 of the pilot; phase 2 starts in January.",
            "Complete: City staff trained; County training continues into 2016.",
        ] {
            assert_eq!(says(text), vec![], "{text}");
        }
    }

    #[test]
    fn a_declared_status_is_never_a_slip() {
        assert_eq!(
            declared_status("Action complete.").map(|(s, _)| s),
            Some(Says::Complete)
        );
        assert_eq!(
            declared_status("Completed in May 2016").map(|(s, _)| s),
            Some(Says::Complete)
        );
        assert_eq!(
            declared_status("This action is now complete").map(|(s, _)| s),
            Some(Says::Complete)
        );
        assert_eq!(
            declared_status("Withdrawn: see action 15.").map(|(s, _)| s),
            Some(Says::Withdrawn)
        );
        assert_eq!(
            declared_status("Completed in December 2016; now part of business as usual.")
                .map(|(s, _)| s),
            Some(Says::Complete)
        );
        assert_eq!(
            declared_status("Completed: part of the training; the rest in May."),
            None
        );
        assert_eq!(declared_status("The launch has slipped to January."), None);
        assert_eq!(declared_status("To be completed by March 2016."), None);
    }
}
