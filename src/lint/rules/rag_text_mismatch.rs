//! `rag-text-mismatch`: the latest update says complete, withdrawn or slipped, but the action's
//! status or rating says otherwise.
//!
//! Update texts are free prose written by busy people ("evaluation completed in October",
//! "will be completed by March", "targets are being achieved"), so the reading is deliberately
//! narrow: a completion or withdrawal only counts when the update opens with it ("Complete:
//! ...", "Action withdrawn.") or says it of the action ("this action is now complete"), and
//! a slip only counts when no negation or condition ("not delayed", "if delayed") comes before
//! it in the same sentence. A missed mismatch costs less than a false alarm on every review.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::load::PlanFile;
use crate::plan::model::{Action, Status, Update};
use std::ops::Range;

pub struct RagTextMismatch;

static META: Meta = Meta {
    name: "rag-text-mismatch",
    severity: Severity::Warning,
    summary: "the latest update says complete, withdrawn or slipped but status or rating disagree",
    docs: r#"## What it does
Reads the text of each action's latest update and reports when it disagrees with the action:
- it declares the action complete ("Complete: ...", "Achieved.", "This action is now complete")
  but the status is not-started, in-progress or on-hold (or, with no status, the rating is not a
  done rating);
- it declares the action withdrawn ("Withdrawn", "No longer required", "Superseded by 4.1") but
  the status is not-started, in-progress or on-hold;
- it says the work has slipped ("slipped", "delayed", "behind schedule") but the action is open
  and rated green (the best rating; green or blue on BRAG).

Only declarations count: a completion word must open the update or be said of the action, and
a word after "not", "yet", "to be", "will be", "once", "when", "if" and the like in the same
sentence does not count ("not yet complete", "to be completed by March", "once complete", "not
delayed"). An update that opens with "Completed:" but goes on about a next phase or work that
continues is read as closing a part, not the action. "Delayed discharge" and "delayed
transfers of care" are NHS measures, not slips.

## Why is this bad?
The update is what the lead wrote at the review; status and rating are what the board's
summary counts. When they disagree one of them is out of date, and the summary is wrong.

## Example
```toml
[[actions]]
id = "29"
title = "Train custody staff in mental health awareness"
status = "in-progress"
rag = "green"

[[actions.updates]]
date = 2015-11-30
text = "Complete: all custody staff trained."
```

## Use instead
```toml
[[actions]]
id = "29"
title = "Train custody staff in mental health awareness"
status = "complete"
rag = "green"

[[actions.updates]]
date = 2015-11-30
text = "Complete: all custody staff trained."
```
"#,
    fix: FixKind::None,
};

/// What an update text declares about its action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Says {
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
            let goes_on = words[last + 1..]
                .iter()
                .any(|w| GOES_ON.contains(&w.lower.as_str()));
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
fn reading(text: &str) -> Vec<(Says, Range<usize>)> {
    let lower = text.to_ascii_lowercase();
    if !STEMS.iter().any(|s| lower.contains(s)) {
        return Vec::new();
    }
    let words = words(text);
    let mut out: Vec<_> = declared(text, &words).into_iter().collect();
    out.extend(slipped(&words).map(|r| (Says::Slipped, r)));
    out
}

/// The byte span in the file of `range` within the update's text, when it can be found in the
/// written value (escapes and line continuations may hide it: then the whole value).
fn locate(source: &str, value: Range<usize>, text: &str, range: Range<usize>) -> Range<usize> {
    let phrase = &text[range.clone()];
    let nth = text[..range.start].matches(phrase).count();
    source
        .get(value.clone())
        .and_then(|raw| raw.match_indices(phrase).nth(nth))
        .map_or(value.clone(), |(i, _)| {
            value.start + i..value.start + i + phrase.len()
        })
}

impl Rule for RagTextMismatch {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for action in &file.plan.actions {
            let a = action.get_ref();
            let Some(update) = a.latest_update() else {
                continue;
            };
            let text = update.text.get_ref();
            for (says, range) in reading(text) {
                let Some(m) = mismatch(a, update, says, &text[range.clone()], cx) else {
                    continue;
                };
                let span = locate(&file.source.text, update.text.span(), text, range);
                out.push(
                    cx.finding(&META, span, m.message)
                        .label("the update says this")
                        .related(m.related.0, m.related.1)
                        .action(a.id.get_ref().clone())
                        .help(m.help),
                );
                break;
            }
        }
    }
}

/// A disagreement between an update and its action, before it is placed.
struct Mismatch {
    message: String,
    help: String,
    related: (Range<usize>, String),
}

/// The mismatch when what the update says disagrees with the action.
fn mismatch(
    a: &Action,
    update: &Update,
    says: Says,
    phrase: &str,
    cx: &Context<'_>,
) -> Option<Mismatch> {
    let scale = &cx.config.scale;
    let rated = a
        .rating()
        .and_then(|r| Some((r, scale.resolve(r.get_ref())?)));
    let open_status = a.status.as_ref().filter(|s| {
        matches!(
            s.get_ref(),
            Status::NotStarted | Status::InProgress | Status::OnHold
        )
    });
    let said = format!(
        "latest update ({}) says \"{}\"",
        update.date.get_ref().0,
        phrase.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    let (message, help, related) = match says {
        Says::Complete | Says::Withdrawn => {
            let (word, fix) = if says == Says::Complete {
                ("complete", "set `status = \"complete\"` with a done rating")
            } else {
                (
                    "withdrawn",
                    "set `status = \"withdrawn\"` and remove the rating",
                )
            };
            if let Some(status) = open_status {
                (
                    format!("{said} but status is {}", status.get_ref().as_str()),
                    format!("{fix}, or reword the update if the action is not {word}"),
                    (status.span(), "status here".to_string()),
                )
            } else if says == Says::Complete && a.status.is_none() {
                let (rag, r) = rated.filter(|(_, r)| !r.done)?;
                (
                    format!("{said} but the action is rated {}", r.name),
                    format!("{fix}, or reword the update if the action is not complete"),
                    (rag.span(), "rating here".to_string()),
                )
            } else {
                return None;
            }
        }
        Says::Slipped => {
            if !a.is_open() {
                return None;
            }
            let (rag, r) = rated.filter(|(_, r)| scale.is_green(r))?;
            (
                format!("{said} but the action is rated {}", r.name),
                "re-rate the action to show the slip, or reword the update if it is on track"
                    .to_string(),
                (rag.span(), "rating here".to_string()),
            )
        }
    };
    Some(Mismatch {
        message,
        help,
        related,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{config, lines, run, run_with};

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"29\"\ntitle = \"a\"\n";

    fn plan(fields: &str, text: &str) -> String {
        format!("{HEAD}{fields}\n[[actions.updates]]\ndate = 2015-11-30\ntext = \"{text}\"\n")
    }

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
    fn fires_when_the_text_says_complete_and_the_action_is_in_progress() {
        let f = run(
            &RagTextMismatch,
            &plan(
                "status = \"in-progress\"\nrag = \"green\"",
                "Complete: all staff trained.",
            ),
        );
        assert_eq!(
            lines(&f),
            vec!["12:9 latest update (2015-11-30) says \"Complete\" but status is in-progress"]
        );
        assert_eq!(f[0].span.len(), "Complete".len());
        assert_eq!(f[0].action.as_deref(), Some("29"));
    }

    #[test]
    fn fires_when_the_text_says_complete_and_the_rating_is_not_done() {
        let f = run(&RagTextMismatch, &plan("rag = \"amber\"", "Achieved."));
        assert_eq!(
            lines(&f),
            vec!["11:9 latest update (2015-11-30) says \"Achieved\" but the action is rated amber"]
        );
    }

    #[test]
    fn fires_when_the_text_says_withdrawn_and_the_action_is_open() {
        let f = run(
            &RagTextMismatch,
            &plan("status = \"not-started\"", "No longer required: see 15."),
        );
        assert_eq!(
            lines(&f),
            vec!["11:9 latest update (2015-11-30) says \"No longer required\" but status is not-started"]
        );
    }

    #[test]
    fn fires_when_the_text_says_delayed_and_the_action_is_green() {
        let f = run(
            &RagTextMismatch,
            &plan(
                "status = \"in-progress\"\nrag = \"green\"",
                "Procurement was delayed by a month.",
            ),
        );
        assert_eq!(
            lines(&f),
            vec!["12:25 latest update (2015-11-30) says \"delayed\" but the action is rated green"]
        );
    }

    #[test]
    fn on_brag_blue_is_as_green_as_green() {
        let mut c = config();
        c.scale = crate::plan::rating::Scale::preset("brag").unwrap();
        let text = plan(
            "status = \"in-progress\"\nrag = \"blue\"",
            "Behind schedule.",
        );
        assert_eq!(run_with(&RagTextMismatch, &text, "2015-12-01", &c).len(), 1);
    }

    #[test]
    fn quiet_when_status_and_rating_agree() {
        for (fields, text) in [
            (
                "status = \"complete\"\nrag = \"green\"",
                "Complete: all staff trained.",
            ),
            ("status = \"withdrawn\"", "Withdrawn: see action 15."),
            (
                "status = \"in-progress\"\nrag = \"amber\"",
                "The launch has slipped to January.",
            ),
            (
                "status = \"complete\"\nrag = \"green\"",
                "Completed, although delayed by a month.",
            ),
            ("rag = \"green\"", "Completed."),
        ] {
            let f = run(&RagTextMismatch, &plan(fields, text));
            assert!(f.is_empty(), "{fields} / {text}: {f:?}");
        }
    }

    #[test]
    fn quiet_on_negations_with_an_open_status() {
        for text in [
            "Not yet complete.",
            "To be completed by March 2016.",
            "The pathway will be completed by the end of January.",
            "Once complete, the pathway goes to the board.",
        ] {
            let f = run(
                &RagTextMismatch,
                &plan("status = \"in-progress\"\nrag = \"green\"", text),
            );
            assert!(f.is_empty(), "{text}: {f:?}");
        }
    }

    #[test]
    fn only_the_latest_update_counts() {
        let text = format!(
            "{HEAD}status = \"in-progress\"\nrag = \"amber\"\n\
             [[actions.updates]]\ndate = 2015-11-30\ntext = \"Back on track.\"\n\
             [[actions.updates]]\ndate = 2015-06-30\ntext = \"Complete.\"\n"
        );
        assert!(run(&RagTextMismatch, &text).is_empty());
    }

    #[test]
    fn an_escaped_text_falls_back_to_the_whole_value() {
        let f = run(
            &RagTextMismatch,
            &plan("status = \"in-progress\"", "\\u0043omplete."),
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].column, 8);
    }

    #[test]
    fn the_documented_example_fires_and_its_fix_is_quiet() {
        let (fires, quiet) = crate::lint::testing::doc_plans(&META);
        assert_eq!(run(&RagTextMismatch, &fires).len(), 1, "{fires}");
        let f = run(&RagTextMismatch, &quiet);
        assert!(f.is_empty(), "{quiet}: {f:?}");
    }
}
