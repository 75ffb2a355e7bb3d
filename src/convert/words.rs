//! What import makes of the values people write in cells, as data: the words for ratings and
//! statuses, the words that make a lead cell one name or several, and the words that revise a
//! timescale. The readers below are small and read only these tables, so a new word is a line
//! in a table (with a test), never a new condition.
//!
//! `planlint.toml` extends the defaults: `[ratings] aliases` (words for a rating, on the
//! `Scale`) and `[import] statuses` (words for a status). The defaults are documented in
//! `docs/configuration.md` ("What import reads in cells"); a test keeps that page and these
//! tables in step.

use super::header::key;
use crate::plan::model::Status;
use crate::plan::rating::Scale;
use std::collections::BTreeMap;

/// Words a rating cell holds for a rating, when the scale (its names and `[ratings] aliases`)
/// does not know them: the word (as `header::key` reads it) and the rating it means. A word is
/// used only when the scale has that rating ("B" means nothing on RAG).
pub const RATING_WORDS: &[(&str, &str)] = &[
    ("r", "red"),
    ("a", "amber"),
    ("g", "green"),
    ("b", "blue"),
    ("on track", "green"),
    ("off track", "red"),
    ("at risk", "amber"),
];

/// Words a status (or rating) cell holds for a status, as `header::key` reads them.
/// `[import] statuses` adds to them and wins over them.
pub const STATUS_WORDS: &[(Status, &[&str])] = &[
    (
        Status::NotStarted,
        &["not started", "not yet started", "not begun", "planned"],
    ),
    (
        Status::InProgress,
        &[
            "in progress",
            "in hand",
            "ongoing",
            "on going",
            "started",
            "underway",
            "under way",
            "commenced",
            "open",
        ],
    ),
    (
        Status::Complete,
        &[
            "complete",
            "completed",
            "done",
            "achieved",
            "closed complete",
            "closed",
            "finished",
        ],
    ),
    (
        Status::OnHold,
        &["on hold", "paused", "deferred", "suspended"],
    ),
    (
        Status::Withdrawn,
        &[
            "withdrawn",
            "cancelled",
            "canceled",
            "dropped",
            "abandoned",
            "superseded",
            "no longer required",
        ],
    ),
];

/// The status a cell's words give: `[import] statuses` first, then `STATUS_WORDS`.
pub fn status_word(text: &str, extra: &BTreeMap<String, Status>) -> Option<Status> {
    let k = key(text);
    if k.is_empty() {
        return None;
    }
    if let Some((_, s)) = extra.iter().find(|(w, _)| key(w) == k) {
        return Some(*s);
    }
    STATUS_WORDS
        .iter()
        .find(|(_, words)| words.contains(&k.as_str()))
        .map(|(s, _)| *s)
}

/// Answers written in a column whose header asks a question ("Done?", "Completed? (Yes/No)"):
/// a yes (or a tick) gives the status the question names; a no (a cross, "Part") gives none.
/// Words as `header::key` reads them, marks as written.
pub const YES_WORDS: &[&str] = &["yes", "y", "✓", "✔", "☑", "✅", "🗸"];
/// See `YES_WORDS`.
pub const NO_WORDS: &[&str] = &[
    "no",
    "n",
    "not yet",
    "part",
    "partly",
    "partial",
    "partially",
    "in part",
    "✗",
    "✘",
    "☐",
    "☒",
    "❌",
];

/// Whether a header asks a yes/no question: "Done?", "Complete (Yes/No)", "Completed (Y/N)".
fn asks(header: &str) -> bool {
    let k = key(header);
    header.contains('?')
        || k.ends_with("yes no")
        || k.ends_with(" y n")
        || k.ends_with(" yes or no")
}

/// The status a yes/no question header names ("Done?", "Is it complete?", "Complete (Yes/No)",
/// "Withdrawn?"): the words before its "?" or bracket, or their last word. `None` for a header
/// that asks nothing or names no status ("On track?").
pub fn question_status(header: &str, extra: &BTreeMap<String, Status>) -> Option<Status> {
    if !asks(header) {
        return None;
    }
    let question = header.split(['?', '(']).next().unwrap_or_default();
    let k = key(question);
    status_word(&k, extra).or_else(|| status_word(k.rsplit(' ').next().unwrap_or_default(), extra))
}

/// A cell's answer to a yes/no question: `Some(true)` for yes or a tick, `Some(false)` for no, a
/// cross or "Part", `None` for anything else.
pub fn answer(text: &str) -> Option<bool> {
    let t = text.trim().trim_end_matches('.').trim();
    let k = key(t);
    let is = |list: &[&str]| list.contains(&t) || (!k.is_empty() && list.contains(&k.as_str()));
    if is(YES_WORDS) {
        Some(true)
    } else if is(NO_WORDS) {
        Some(false)
    } else {
        None
    }
}

/// The rating a cell's words give on `scale`: its names and aliases ("Red", "RED", "amber
/// green" on five-point), then `RATING_WORDS` ("R", "G.", "On track"). `None` when the words
/// are no rating of the scale (they are then kept as written, or read as a status).
pub fn rating_word(text: &str, scale: &Scale) -> Option<String> {
    let t = text.trim().trim_end_matches(['.', ':']).trim();
    if let Some(r) = scale.resolve(t) {
        return Some(r.name.to_string());
    }
    let k = key(t);
    RATING_WORDS
        .iter()
        .find(|(w, _)| *w == k)
        .and_then(|(_, name)| scale.resolve(name))
        .map(|r| r.name.to_string())
}

/// Whether a rating cell says BRAG's blue ("B", "Blue") on a scale with no blue level: blue
/// is the rating for a complete action, so the cell says the action is complete, not an
/// off-scale rating. On a scale with blue, `rating_word` reads it as that rating.
pub fn blue_on_a_scale_without_blue(text: &str, scale: &Scale) -> bool {
    if scale.resolve("blue").is_some() {
        return false;
    }
    let k = key(text.trim().trim_end_matches(['.', ':']).trim());
    k == "blue"
        || RATING_WORDS
            .iter()
            .any(|(w, name)| *w == k && *name == "blue")
}

/// The rating that itself means complete, where the scale has one: the best rating when it is
/// a done rating above a green that is not (BRAG's blue). RAG's green is allowed on a complete
/// action but also means "on track", so "Complete" in a RAG column gives no rating.
pub fn completion_rating(scale: &Scale) -> Option<&str> {
    let best = scale.levels.last()?;
    let below = scale
        .levels
        .len()
        .checked_sub(2)
        .map(|i| &scale.levels[i])?;
    (best.done && !below.done && below.name == "green").then_some(best.name.as_str())
}

// ---------------------------------------------------------------------------------------------
// Leads
// ---------------------------------------------------------------------------------------------

/// Words that name a role, not a body: a cell "Role, Body" ("Head of Nursing, City Council",
/// "Public Health Lead, Luton Borough Council") is one lead. Lower case.
pub const ROLE_WORDS: &[&str] = &[
    "lead",
    "leads",
    "head",
    "director",
    "deputy",
    "manager",
    "officer",
    "coordinator",
    "co-ordinator",
    "chair",
    "chairman",
    "chairperson",
    "chief",
    "consultant",
    "nurse",
    "matron",
    "clinician",
    "commissioner",
    "practitioner",
    "adviser",
    "advisor",
    "administrator",
    "secretary",
    "specialist",
    "analyst",
    "champion",
    "sponsor",
    "owner",
    "executive",
    "superintendent",
    "inspector",
    "sergeant",
    "psychiatrist",
    "worker",
    "psychologist",
    "psychotherapist",
    "therapist",
    "physiotherapist",
    "pharmacist",
    "physician",
    "paediatrician",
    "surgeon",
    "midwife",
    "headteacher",
    "teacher",
    "governor",
    "senco",
    "planner",
    "engineer",
    "accountant",
    "auditor",
    "solicitor",
    "supervisor",
    "leader",
    "councillor",
    "mayor",
    "registrar",
    "dph",
    "ceo",
    "sro",
];

/// Words that name a kind of body: a piece of a lead cell ending in one ("Medway SCT",
/// "South County CCGs") can share it with bare names before it ("Kent and Medway SCT" is one
/// trust), and a piece holding one is a name in its own right ("Police and LA" is two).
/// Lower case; acronyms (two or more capitals) count as bodies too.
pub const BODY_WORDS: &[&str] = &[
    "council",
    "councils",
    "trust",
    "trusts",
    "police",
    "constabulary",
    "authority",
    "authorities",
    "board",
    "boards",
    "forum",
    "partnership",
    "partnerships",
    "service",
    "services",
    "team",
    "teams",
    "department",
    "directorate",
    "hospital",
    "hospitals",
    "practice",
    "practices",
    "group",
    "network",
    "commission",
    "office",
    "agency",
    "alliance",
    "ambulance",
    "probation",
    "university",
    "college",
    "school",
    "schools",
    "providers",
    "commissioners",
    "ccg",
    "ccgs",
    // one word that is a body or a department on its own ("Healthwatch and Luton CCG",
    // "Highways & Licensing Team" are two leads each)
    "healthwatch",
    "mind",
    "samaritans",
    "highways",
    "licensing",
    "planning",
    "finance",
    "estates",
    "commissioning",
    "education",
    "safeguarding",
    "regeneration",
    "transport",
    "procurement",
    "communications",
    "libraries",
];

/// Phrases that are a body on their own ("Public Health and CCG" is two leads).
pub const BODY_PHRASES: &[&str] = &[
    "public health",
    "social care",
    "social services",
    "primary care",
    "housing",
];

/// Words after a comma that keep the comma inside one name: "End of Life Forum, c/o HCCG",
/// "Crisis team, on behalf of the partnership". Lower case, matched at the start of the piece.
pub const NAME_JOINERS: &[&str] = &[
    "c/o",
    "on behalf of",
    "via",
    "hosted by",
    "part of",
    "through",
    "supported by",
];

/// Names with "and" or "&" inside them, kept whole wherever they appear. Lower case. The
/// entries that start with " and" keep whole the usual UK public bodies named "X and Rescue",
/// "X and Wellbeing", "X and Crime" whatever X is (the blank before "and" is the separator's).
pub const AND_NAMES: &[&str] = &[
    " and rescue",
    " & rescue",
    " and wellbeing",
    " & wellbeing",
    " and well-being",
    " and crime",
    " & crime",
    " and young people",
    " & young people",
    "fire and rescue",
    "search and rescue",
    "adult social care and health",
    "adults and health",
    "adults and communities",
    "education and skills",
    "housing and communities",
    "culture and leisure",
    "parks and open spaces",
    "environment and regeneration",
    "planning and regeneration",
    "health and adult social care",
    "people and communities",
    "communities and neighbourhoods",
    "equality and human rights",
    "police and crime",
    "accident and emergency",
    "health and wellbeing",
    "health and well-being",
    "health and social care",
    "children and young people",
    "children and families",
    "drug and alcohol",
    "drugs and alcohol",
    "crime and disorder",
    "health and justice",
    "health and care",
    "health and safety",
    "learning disability and autism",
    "learning disabilities and autism",
    "safeguarding adults and children",
    "tees, esk and wear",
    "tees esk and wear",
    "a&e",
];

/// Whether a piece of a lead cell names a role: a role word outside parentheses ("LCFT (AMHP
/// Leads)" is a body).
fn has_role(piece: &str) -> bool {
    words(&outside_parens(piece)).any(|w| ROLE_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Whether a piece names a body: a body word or phrase, or an acronym.
fn has_body(piece: &str) -> bool {
    let t = outside_parens(piece);
    let lower = t.to_lowercase();
    words(&t).any(|w| is_acronym(w) || BODY_WORDS.contains(&w.to_lowercase().as_str()))
        || BODY_PHRASES.iter().any(|p| contains_words(&lower, p))
}

/// Whether a piece holds a body word that the bare names before it can share: a plural or an
/// acronym after a name of its own ("South County CCGs", "Medway SCT", "Bassetlaw Hospitals
/// NHS Foundation Trust"). A piece whose only body word is singular ("Local Authority", "Youth
/// Offending Service", "Licensing Team") is that piece's alone.
fn ends_in_body(piece: &str) -> bool {
    let t = outside_parens(piece);
    let ws: Vec<&str> = words(&t).collect();
    let [first, rest @ ..] = ws.as_slice() else {
        return false;
    };
    first.starts_with(char::is_uppercase)
        && rest.iter().any(|w| {
            let lower = w.to_lowercase();
            is_acronym(w)
                || (lower.ends_with('s')
                    && BODY_WORDS.contains(&lower.as_str())
                    && lower != "services")
        })
}

/// Words that make a name a place ("Nottingham City", "Bedford Borough", "Mid Essex"): a place
/// can share the body word after it, a person ("Jane Smith") cannot. Lower case.
pub const PLACE_WORDS: &[&str] = &[
    "city", "county", "borough", "district", "north", "south", "east", "west", "mid", "central",
    "greater", "upper", "lower",
];

/// A bare name that can share the body word of the piece after it: one capitalised word
/// ("Kent", "City", "Tees") or a place of up to three ("Nottingham City", "Bedford Borough"),
/// with no body and no role. "Jane Smith and Luton CCG" is a person and a body.
fn is_bare(piece: &str) -> bool {
    let ws: Vec<&str> = words(piece).collect();
    let place = ws
        .iter()
        .any(|w| PLACE_WORDS.contains(&w.to_lowercase().as_str()));
    !ws.is_empty()
        && (ws.len() == 1 || (ws.len() <= 3 && place))
        && ws.iter().all(|w| w.starts_with(char::is_uppercase))
        && !has_body(piece)
        && !has_role(piece)
}

/// "Head of Nursing, City Council" (a role, then its body or department) or "Dr J Patel,
/// Consultant Psychiatrist" (a person, then their role): one lead across the comma. "Schools
/// Forum, Head of Commissioning" is a body and a role: two.
fn role_and_name(prev: &str, piece: &str) -> bool {
    (has_role(prev) && !has_role(piece)) || (!has_role(prev) && !has_body(prev) && has_role(piece))
}

/// A piece that goes on the name before it rather than starting one: it starts in lower case
/// ("CCG and partners", "Healthcare Trust and a housing association"), unless with "the" ("CCG
/// and the Council" is two).
fn goes_on(piece: &str) -> bool {
    piece.starts_with(char::is_lowercase) && !piece.starts_with("the ")
}

/// "CCG/LA", "Police/Probation": bodies joined by a slash with no spaces are one lead each.
fn split_slashed(name: String) -> Vec<String> {
    if !name.contains('/') {
        return vec![name];
    }
    let parts: Vec<&str> = name.split('/').collect();
    let bodies = parts
        .iter()
        .all(|p| !p.is_empty() && !p.contains(char::is_whitespace) && has_body(p) && !has_role(p));
    if bodies {
        parts.into_iter().map(str::to_string).collect()
    } else {
        vec![name]
    }
}

/// Two or more capitals (digits and `&` allowed): "CCG", "LBB", "NHS", "LCFT", "HCCG".
fn is_acronym(word: &str) -> bool {
    let w = word.trim_end_matches('s');
    w.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
        && w.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&')
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '&' || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
}

fn contains_words(lower: &str, phrase: &str) -> bool {
    lower.match_indices(phrase).any(|(i, _)| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn outside_parens(text: &str) -> String {
    let mut depth = 0usize;
    text.chars()
        .filter(|c| {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => {
                    depth = depth.saturating_sub(1);
                    return false;
                }
                _ => {}
            }
            depth == 0
        })
        .collect()
}

/// How one piece of a lead line was separated from the piece before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    Start,
    Comma,
    And,
    Slash,
}

/// The separators of a lead line, longest first; "and" only as a word.
const SEPARATORS: &[(&str, Sep)] = &[
    (" / ", Sep::Slash),
    (" and ", Sep::And),
    (" & ", Sep::And),
    (",", Sep::Comma),
];

/// One line of a lead cell split into its names, as people write them: on " / ", " and ",
/// " & " and commas between names, never inside parentheses or a name of `AND_NAMES`, and not
/// at a comma inside one name ("Head of Nursing, City Council", "End of Life Forum, c/o
/// HCCG") or an "and" that shares a body word ("Kent and Medway SCT").
pub fn split_names(line: &str) -> Vec<String> {
    if line.chars().count() > super::limits::MAX_LEAD_LINE_CHARS {
        return vec![clean(line)]
            .into_iter()
            .filter(|l| !l.is_empty())
            .collect();
    }
    let lower = line.to_lowercase();
    // byte ranges no separator may fall in: parentheses and the names of AND_NAMES
    let mut shielded: Vec<std::ops::Range<usize>> = Vec::new();
    if lower.len() == line.len() {
        for name in AND_NAMES {
            for (i, _) in lower.match_indices(name) {
                shielded.push(i..i + name.len());
            }
        }
    }
    let mut open: Option<usize> = None;
    let mut depth = 0usize;
    for (i, c) in line.char_indices() {
        match c {
            '(' | '[' => {
                if depth == 0 {
                    open = Some(i);
                }
                depth += 1;
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    if let Some(o) = open.take() {
                        shielded.push(o..i + 1);
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        shielded.push(o..line.len());
    }
    // the pieces (byte ranges of the line) and how each was separated from the one before
    let mut pieces: Vec<(Sep, usize, usize)> = Vec::new();
    let mut start = 0;
    let mut sep_before = Sep::Start;
    let mut i = 0;
    while i < line.len() {
        if !line.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let found = SEPARATORS.iter().find(|(s, _)| {
            line.get(i..i + s.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(s))
        });
        match found {
            Some((s, sep)) if !shielded.iter().any(|r| r.contains(&i)) => {
                pieces.push((sep_before, start, i));
                sep_before = *sep;
                i += s.len();
                start = i;
            }
            _ => i += 1,
        }
    }
    pieces.push((sep_before, start, line.len()));
    pieces.retain(|(_, s, e)| !clean(&line[*s..*e]).is_empty());
    // groups of pieces that are one name each: where it starts and ends in the line, how it
    // was separated from the group before, and whether a comma already joined it
    struct Group {
        start: usize,
        end: usize,
        sep: Sep,
        /// A comma joined a role and its body ("Service Director, ELFT Bedfordshire"): the
        /// body may go on with "and" ("… and Luton").
        role: bool,
        /// Where its last piece starts.
        last: usize,
    }
    let text = |g: &Group| clean(&line[g.start..g.end]);
    // "A, B, C", or "A, B and C" where C is a name of its own after a name of its own: a
    // list, whose commas part names, never a role from its body ("Principal Social Worker,
    // Police and Virtual School Head", "Housing Options Manager, Probation Service and
    // Registered Providers"; but "Service Director, ELFT Bedfordshire and Luton" is one)
    let commas = pieces.iter().filter(|(s, ..)| *s == Sep::Comma).count();
    let named_after_and = pieces.windows(2).any(|w| {
        let ((_, bs, be), (s, ps, pe)) = (w[0], w[1]);
        let piece = &line[ps..pe];
        s == Sep::And
            && commas > 0
            && (has_role(piece) || (has_body(piece) && has_body(&line[bs..be])))
    });
    let list = commas >= 2 || named_after_and;
    let mut groups: Vec<Group> = Vec::new();
    for (sep, ps, pe) in pieces {
        let piece = clean(&line[ps..pe]);
        let mut role = false;
        let keep = match (sep, groups.last()) {
            (Sep::Comma, Some(prev)) => {
                let lower = piece.to_lowercase();
                role = !list && !prev.role && role_and_name(&text(prev), &piece);
                role || NAME_JOINERS
                    .iter()
                    .any(|j| lower.starts_with(j) && lower[j.len()..].starts_with([' ', ':']))
            }
            (Sep::And, Some(prev)) => {
                // "Healthcare Trust and a housing association": lower case is no new name
                goes_on(&piece)
                    || (is_bare(&text(prev)) && ends_in_body(&piece))
                    // "Public Health Lead, Bedford Borough and Central Bedfordshire Councils",
                    // "Service Director, ELFT Bedfordshire and Luton": the role's body goes on
                    || (prev.role
                        && !has_role(&piece)
                        && (!has_body(&piece) || !has_body(&line[prev.last..prev.end])))
                    // "Director of Nursing and Quality", "Chair of the Learning and Review
                    // Sub-group": a role's subject goes on when what follows names no one
                    || (subject_of_role(&line[prev.last..prev.end])
                        && !has_role(&piece)
                        && !has_body(&piece)
                        && piece.split_whitespace().count() <= 3)
            }
            _ => false,
        };
        let Some(last) = groups.last_mut().filter(|_| keep) else {
            groups.push(Group {
                start: ps,
                end: pe,
                sep,
                role: false,
                last: ps,
            });
            continue;
        };
        last.end = pe;
        last.last = ps;
        last.role |= role;
        // "Tees, Esk and Wear Valleys NHS FT": bare names listed with commas before a shared
        // body word are that one name too
        if sep == Sep::And && ends_in_body(&piece) {
            while groups.len() >= 2 {
                let n = groups.len();
                if groups[n - 1].sep != Sep::Comma || !is_bare(&text(&groups[n - 2])) {
                    break;
                }
                let end = groups[n - 1].end;
                groups.pop();
                groups[n - 2].end = end;
            }
        }
    }
    groups.iter().map(text).flat_map(split_slashed).collect()
}

/// A piece that is a role of a subject ("Director of Nursing", "Chair of the Learning"): a
/// role word before " of ".
fn subject_of_role(piece: &str) -> bool {
    let lower = piece.to_lowercase();
    lower
        .find(" of ")
        .is_some_and(|at| has_role(&piece[..at.min(piece.len())]))
        && lower.len() == piece.len()
}

/// A piece without the punctuation around it ("LCFT," is "LCFT").
fn clean(piece: &str) -> String {
    piece
        .trim()
        .trim_matches([',', ';', ':'])
        .trim_end_matches('.')
        .trim()
        .to_string()
}

// ---------------------------------------------------------------------------------------------
// Timescales
// ---------------------------------------------------------------------------------------------

/// Words that revise a timescale: what follows them is the new due date, and the timescale
/// before them (the row above, or the text before them in the cell) is the baseline. Lower
/// case, longest first; each must be followed by a blank, ":" or "-".
pub const REVISED: &[&str] = &[
    "revised timescale",
    "revised deadline",
    "revised date",
    "revised to",
    "revised",
    "new timescale",
    "new deadline",
    "new date",
    "extended to",
    "rescheduled to",
    "re-scheduled to",
    "deferred to",
];

/// Timescales that only say the work goes on after the date above ("(& ongoing)"): added to
/// that date ("June 2015 (& ongoing)"). As `header::key` reads them.
pub const ONGOING: &[&str] = &["ongoing", "and ongoing", "then ongoing", "continuing"];

/// A timescale that revises: the text before the marker (the baseline, possibly empty) and the
/// new timescale after it. `None` when no marker is followed by a timescale.
pub fn revised(text: &str) -> Option<(String, String)> {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return None;
    }
    for (i, _) in lower.char_indices() {
        let at_word = i == 0
            || lower[..i]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_alphanumeric());
        if !at_word {
            continue;
        }
        let Some(m) = REVISED.iter().find(|m| lower[i..].starts_with(*m)) else {
            continue;
        };
        let rest = &text[i + m.len()..];
        if !rest.starts_with([' ', ':', '-', '–', '\n']) {
            continue;
        }
        let new = rest
            .trim_start_matches([' ', ':', '-', '–', '\n'])
            .trim()
            .trim_end_matches(')')
            .trim();
        // a date ("March 2017", "Q4 2016/17") or a timescale word: "Revised protocol agreed"
        // revises nothing
        let word = matches!(
            key(new).as_str(),
            "tbc" | "tba" | "to be confirmed" | "ongoing"
        );
        if !(word || new.chars().any(|c| c.is_ascii_digit())) {
            continue;
        }
        let base = text[..i]
            .trim()
            .trim_end_matches(['(', ',', ';', '-', '–'])
            .trim();
        return Some((base.to_string(), new.to_string()));
    }
    None
}

/// Whether a timescale only says the work goes on: "(& ongoing)", "& ongoing", "and ongoing".
/// A bare "Ongoing" on a row of its own is one too only when written with "&", "and" or
/// brackets; plain "Ongoing" is a timescale of its own.
pub fn only_ongoing(text: &str) -> bool {
    let t = text.trim();
    let marked = t.starts_with(['(', '&', '+']) || t.to_lowercase().starts_with("and ");
    let k = key(&t.replace(['&', '+'], " and "));
    let k = k.strip_prefix("and ").unwrap_or(&k);
    marked && ONGOING.contains(&k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(cell: &str) -> Vec<String> {
        split_names(cell)
    }

    #[test]
    fn lead_cells_as_people_write_them() {
        let cases: &[(&str, &[&str])] = &[
            // "and" inside a role's subject
            (
                "Director of Nursing and Quality",
                &["Director of Nursing and Quality"],
            ),
            (
                "Chair of the Learning and Review Sub-group",
                &["Chair of the Learning and Review Sub-group"],
            ),
            (
                "Director of Public Health and CCG",
                &["Director of Public Health", "CCG"],
            ),
            ("Head of Housing and Police", &["Head of Housing", "Police"]),
            // a comma inside one name: role, body
            (
                "Head of Nursing, City Council",
                &["Head of Nursing, City Council"],
            ),
            (
                "Public Health Lead, Luton Borough Council",
                &["Public Health Lead, Luton Borough Council"],
            ),
            (
                "End of Life Forum, c/o HCCG",
                &["End of Life Forum, c/o HCCG"],
            ),
            (
                "Mental Health Lead, County Police",
                &["Mental Health Lead, County Police"],
            ),
            (
                "Director of Public Health, Luton Borough Council",
                &["Director of Public Health, Luton Borough Council"],
            ),
            (
                "Luton Council, Head of Commissioning",
                &["Luton Council", "Head of Commissioning"],
            ),
            (
                "Chief Inspector, Neighbourhood Policing / Police",
                &["Chief Inspector, Neighbourhood Policing", "Police"],
            ),
            (
                "Schools Forum, Head of Commissioning and Police",
                &["Schools Forum", "Head of Commissioning", "Police"],
            ),
            (
                "Virtual School Head, Designated Nurse and Early Help Manager",
                &[
                    "Virtual School Head",
                    "Designated Nurse",
                    "Early Help Manager",
                ],
            ),
            (
                "Healthwatch & Local Authority",
                &["Healthwatch", "Local Authority"],
            ),
            ("Highways & Licensing Team", &["Highways", "Licensing Team"]),
            (
                "Trading Standards, Highways and Youth Offending Service",
                &["Trading Standards", "Highways", "Youth Offending Service"],
            ),
            (
                "Dr J Patel, Consultant Psychiatrist",
                &["Dr J Patel, Consultant Psychiatrist"],
            ),
            // commas between names
            ("CCG, Police and LA", &["CCG", "Police", "LA"]),
            (
                "Police, LCFT (AMHP Leads)",
                &["Police", "LCFT (AMHP Leads)"],
            ),
            ("LCFT,", &["LCFT"]),
            (
                "Head of Nursing, Director of Finance",
                &["Head of Nursing", "Director of Finance"],
            ),
            // " / ", " and ", " & "
            ("CCG / Local Authority", &["CCG", "Local Authority"]),
            ("Police and LA", &["Police", "LA"]),
            ("Public Health & CCG", &["Public Health", "CCG"]),
            ("John Smith and Jane Doe", &["John Smith", "Jane Doe"]),
            (
                "Luton Borough Council and Bedford Borough Council",
                &["Luton Borough Council", "Bedford Borough Council"],
            ),
            (
                "CCG and Local Authority Commissioners",
                &["CCG", "Local Authority Commissioners"],
            ),
            (
                "Head of Commissioning and Director of Nursing",
                &["Head of Commissioning", "Director of Nursing"],
            ),
            (
                "Public Health Lead, Luton Council / CCG",
                &["Public Health Lead, Luton Council", "CCG"],
            ),
            // an "and" inside one name
            ("Kent and Medway SCT", &["Kent and Medway SCT"]),
            (
                "City and South County CCGs",
                &["City and South County CCGs"],
            ),
            (
                "Tees, Esk and Wear Valleys NHS FT",
                &["Tees, Esk and Wear Valleys NHS FT"],
            ),
            (
                "Health and Wellbeing Board",
                &["Health and Wellbeing Board"],
            ),
            (
                "Police and Crime Commissioner",
                &["Police and Crime Commissioner"],
            ),
            ("Drug and Alcohol Team", &["Drug and Alcohol Team"]),
            (
                "Children and Young People's Services",
                &["Children and Young People's Services"],
            ),
            ("A&E Delivery Board", &["A&E Delivery Board"]),
            (
                "Doncaster and Bassetlaw Hospitals NHS Foundation Trust",
                &["Doncaster and Bassetlaw Hospitals NHS Foundation Trust"],
            ),
            (
                "Nottingham City and Nottinghamshire County Councils (children's services)",
                &["Nottingham City and Nottinghamshire County Councils (children's services)"],
            ),
            ("Jane Smith and Luton CCG", &["Jane Smith", "Luton CCG"]),
            ("Luton and NHS England", &["Luton", "NHS England"]),
            (
                "NHS England Health and Justice – North Midlands",
                &["NHS England Health and Justice – North Midlands"],
            ),
            // a role's body that goes on with "and", and a list that only looks like one
            (
                "Public Health Lead, Bedford Borough and Central Bedfordshire Councils",
                &["Public Health Lead, Bedford Borough and Central Bedfordshire Councils"],
            ),
            (
                "Service Director, ELFT Bedfordshire and Luton",
                &["Service Director, ELFT Bedfordshire and Luton"],
            ),
            (
                "Chair, Bedford Borough and Central Bedfordshire Safeguarding Adults Board",
                &["Chair, Bedford Borough and Central Bedfordshire Safeguarding Adults Board"],
            ),
            (
                "Head of Nursing, City Council and Police",
                &["Head of Nursing", "City Council", "Police"],
            ),
            (
                "Housing Options Manager, Probation Service and Registered Providers",
                &[
                    "Housing Options Manager",
                    "Probation Service",
                    "Registered Providers",
                ],
            ),
            (
                "Principal Social Worker, Police and Virtual School Head",
                &["Principal Social Worker", "Police", "Virtual School Head"],
            ),
            (
                "Schools Forum, Housing Options Manager and Leaving Care Team Manager",
                &[
                    "Schools Forum",
                    "Housing Options Manager",
                    "Leaving Care Team Manager",
                ],
            ),
            (
                "Healthcare Trust and a housing association",
                &["Healthcare Trust and a housing association"],
            ),
            (
                "LCFT (Crisis and Home Treatment)",
                &["LCFT (Crisis and Home Treatment)"],
            ),
            ("Oxleas NHS FT", &["Oxleas NHS FT"]),
            ("LCFT - Police", &["LCFT - Police"]),
            (
                "Luton – Head of Commissioning",
                &["Luton – Head of Commissioning"],
            ),
            ("Brandon", &["Brandon"]),
            ("Sandwell CCG", &["Sandwell CCG"]),
            ("CCG/LA", &["CCG", "LA"]),
            ("Police/Probation", &["Police", "Probation"]),
            (
                "End of Life Forum c/o HCCG",
                &["End of Life Forum c/o HCCG"],
            ),
            (
                "Jane Smith and Housing Team",
                &["Jane Smith", "Housing Team"],
            ),
            ("CCG and the Council", &["CCG", "the Council"]),
            ("CCG and partners", &["CCG and partners"]),
            (
                "Luton and Bedfordshire CCGs",
                &["Luton and Bedfordshire CCGs"],
            ),
            // public bodies with "and" in their names, and two roles across a comma
            ("Fire and Rescue Service", &["Fire and Rescue Service"]),
            (
                "Police and Fire and Rescue Service",
                &["Police", "Fire and Rescue Service"],
            ),
            (
                "Probation, Fire & Rescue Service and Public Health",
                &["Probation", "Fire & Rescue Service", "Public Health"],
            ),
            (
                "Surrey Fire and Rescue Service",
                &["Surrey Fire and Rescue Service"],
            ),
            (
                "Bedford Health and Wellbeing Board and CCG",
                &["Bedford Health and Wellbeing Board", "CCG"],
            ),
            (
                "Office of the Police and Crime Commissioner",
                &["Office of the Police and Crime Commissioner"],
            ),
            (
                "Adult Social Care and Health",
                &["Adult Social Care and Health"],
            ),
            (
                "Principal Educational Psychologist, Assistant Director Education",
                &[
                    "Principal Educational Psychologist",
                    "Assistant Director Education",
                ],
            ),
            ("", &[]),
        ];
        for (cell, want) in cases {
            assert_eq!(split(cell), *want, "{cell}");
        }
        assert!(cases.len() >= 25);
        // a line too long to be a list of names is kept whole
        let prose = "Police, ".repeat(100);
        assert_eq!(split(&prose), [prose.trim().trim_end_matches(',')]);
    }

    #[test]
    fn two_names_of_their_own_always_split() {
        let names = [
            "Police",
            "CCG",
            "Local Authority",
            "Head of Housing",
            "Mental Health Trust",
            "Public Health",
            "Healthwatch",
            "Youth Offending Service",
            "Community Safety Manager",
        ];
        for a in names {
            for b in names.iter().filter(|b| **b != a) {
                // (";" and line breaks part a cell before `split_names` sees a line)
                for sep in [" / ", " and ", " & ", ", "] {
                    let cell = format!("{a}{sep}{b}");
                    let want: &[&str] = &[a, b];
                    let got = split(&cell);
                    // a role and a body across a comma are one lead ("Head of Housing, Police")
                    if sep == ", " && (has_role(a) != has_role(b)) {
                        continue;
                    }
                    assert_eq!(got, want, "{cell}");
                }
            }
        }
    }

    #[test]
    fn ratings_as_people_write_them() {
        let rag = Scale::preset("rag").expect("rag");
        for (cell, want) in [
            ("R", Some("red")),
            ("a", Some("amber")),
            ("G.", Some("green")),
            ("RED", Some("red")),
            ("Amber", Some("amber")),
            ("On track", Some("green")),
            ("Off Track", Some("red")),
            ("At risk", Some("amber")),
            ("B", None),
            ("Amber/Green", None),
            ("Complete", None),
            ("local", None),
        ] {
            assert_eq!(rating_word(cell, &rag).as_deref(), want, "{cell}");
        }
        let brag = Scale::preset("brag").expect("brag");
        assert_eq!(rating_word("B", &brag).as_deref(), Some("blue"));
        let five = Scale::preset("five-point").expect("five-point");
        assert_eq!(
            rating_word("Amber/Green", &five).as_deref(),
            Some("amber-green")
        );
        // [ratings] aliases win over the defaults
        let mut mine = Scale::preset("rag").expect("rag");
        mine.aliases.insert("on-track".into(), "amber".into());
        assert_eq!(rating_word("On track", &mine).as_deref(), Some("amber"));
    }

    #[test]
    fn blue_means_complete_only_where_the_scale_has_no_blue() {
        let rag = Scale::preset("rag").expect("rag");
        for (cell, want) in [
            ("B", true),
            ("b.", true),
            ("Blue", true),
            ("BLUE", true),
            ("G", false),
            ("Bl", false),
            ("Blue Light Project", false),
            ("", false),
        ] {
            assert_eq!(blue_on_a_scale_without_blue(cell, &rag), want, "{cell}");
        }
        let brag = Scale::preset("brag").expect("brag");
        assert!(!blue_on_a_scale_without_blue("B", &brag));
    }

    #[test]
    fn yes_no_questions() {
        let none = BTreeMap::new();
        for (header, want) in [
            ("Done?", Some(Status::Complete)),
            ("Completed?", Some(Status::Complete)),
            ("Completed? (Yes/No)", Some(Status::Complete)),
            ("Complete (Yes/No)", Some(Status::Complete)),
            ("Complete (Y/N)", Some(Status::Complete)),
            ("Is it complete?", Some(Status::Complete)),
            ("Withdrawn?", Some(Status::Withdrawn)),
            ("On track?", None),
            ("Status", None),
            ("Complete", None),
        ] {
            assert_eq!(question_status(header, &none), want, "{header}");
        }
        for (cell, want) in [
            ("✓", Some(true)),
            ("Yes", Some(true)),
            ("Y", Some(true)),
            ("yes.", Some(true)),
            ("✔", Some(true)),
            ("✗", Some(false)),
            ("No", Some(false)),
            ("Part", Some(false)),
            ("Partly", Some(false)),
            ("Complete", None),
            ("", None),
        ] {
            assert_eq!(answer(cell), want, "{cell}");
        }
    }

    #[test]
    fn the_completion_rating_is_brags_blue_only() {
        for (preset, want) in [("rag", None), ("brag", Some("blue")), ("five-point", None)] {
            let s = Scale::preset(preset).expect("preset");
            assert_eq!(completion_rating(&s), want, "{preset}");
        }
    }

    #[test]
    fn statuses_as_people_write_them() {
        let none = BTreeMap::new();
        for (cell, want) in [
            ("Complete", Some(Status::Complete)),
            ("COMPLETED", Some(Status::Complete)),
            ("Done", Some(Status::Complete)),
            ("Achieved", Some(Status::Complete)),
            ("Not started", Some(Status::NotStarted)),
            ("On hold", Some(Status::OnHold)),
            ("Withdrawn", Some(Status::Withdrawn)),
            ("In progress", Some(Status::InProgress)),
            ("Open", Some(Status::InProgress)),
            ("Closed", Some(Status::Complete)),
            ("Partly", None),
            ("", None),
        ] {
            assert_eq!(status_word(cell, &none), want, "{cell}");
        }
        let mine = BTreeMap::from([
            ("Signed off".to_string(), Status::Complete),
            ("Open".to_string(), Status::NotStarted),
        ]);
        assert_eq!(status_word("signed off", &mine), Some(Status::Complete));
        assert_eq!(status_word("OPEN", &mine), Some(Status::NotStarted));
    }

    #[test]
    fn revised_timescales() {
        for (cell, want) in [
            ("Revised: March 2017", Some(("", "March 2017"))),
            ("Revised to June 2016", Some(("", "June 2016"))),
            ("Revised date 31/03/2017", Some(("", "31/03/2017"))),
            ("New date: Q3 2016/17", Some(("", "Q3 2016/17"))),
            ("Extended to December 2016", Some(("", "December 2016"))),
            (
                "March 2016\nRevised: March 2017",
                Some(("March 2016", "March 2017")),
            ),
            (
                "March 2016 (revised to June 2016)",
                Some(("March 2016", "June 2016")),
            ),
            ("Revised: TBC", Some(("", "TBC"))),
            ("March 2017", None),
            ("Revised protocol agreed", None),
            ("Unrevised: 2016", None),
        ] {
            let got = revised(cell);
            assert_eq!(
                got.as_ref().map(|(b, n)| (b.as_str(), n.as_str())),
                want,
                "{cell}"
            );
        }
    }

    /// docs/configuration.md ("Words `import` reads in cells") names the defaults: every status
    /// word a user is likely to write, every rating word and every revising word is there.
    #[test]
    fn the_documented_defaults_are_these_tables() {
        let docs = include_str!("../../docs/configuration.md");
        let at = docs
            .find("### Words `import` reads in cells")
            .expect("the section");
        let section = &docs[at..];
        let section = &section[..section[4..].find("\n### ").map_or(section.len(), |e| e + 4)];
        let lower = section.to_lowercase();
        for (_, words) in STATUS_WORDS {
            for w in *words {
                assert!(
                    lower.contains(&format!("`{w}`")),
                    "status word {w} is not documented"
                );
            }
        }
        for (w, name) in RATING_WORDS {
            assert!(
                lower.contains(&format!("`{w}`")) && lower.contains(&format!("`{name}`")),
                "rating word {w} is not documented"
            );
        }
        for m in REVISED {
            assert!(
                lower.contains(&format!("`{m}")),
                "revising words {m} are not documented"
            );
        }
    }

    #[test]
    fn ongoing_markers() {
        for yes in [
            "(& ongoing)",
            "& ongoing",
            "and ongoing",
            "(ongoing)",
            "+ ongoing",
        ] {
            assert!(only_ongoing(yes), "{yes}");
        }
        for no in ["Ongoing", "June 2015", "(& March 2016)", ""] {
            assert!(!only_ongoing(no), "{no}");
        }
    }
}
