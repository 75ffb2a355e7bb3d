//! The report's data: two sets of plans, the linter's outcome and the cycle counts in, a `Report`
//! out. Pure: no git, no clock.

use super::*;
use crate::diff;
use crate::lint::check::Outcome;
use crate::plan::load::PlanFile;
use crate::plan::model::{Action, Status};
use crate::plan::rating::Scale;
use crate::plan::words::natural;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// What `build` needs: both ends' plans, the window (position dates, not commit dates), the
/// linter's outcome at TO (`None` with `--no-findings`), the cycles' counts, and the paper's
/// title, board and framing.
pub struct Input<'a> {
    pub from: Point,
    pub to: Point,
    /// The window's first day (FROM's position date, or `--since`) and where it came from.
    pub since: NaiveDate,
    pub since_source: String,
    /// The window's last day (TO's position date, or `--as-of`) and where it came from.
    pub as_of: NaiveDate,
    pub as_of_source: String,
    pub from_plans: &'a [&'a PlanFile],
    pub to_plans: &'a [&'a PlanFile],
    pub scale: &'a Scale,
    pub outcome: Option<&'a Outcome>,
    pub cycles: Vec<Cycle>,
    pub unreadable: Vec<String>,
    pub title: String,
    pub board: Option<String>,
    pub purpose: Option<String>,
    pub asks: Vec<String>,
}

/// The title when neither `--title` nor planlint.toml gives one.
pub const DEFAULT_TITLE: &str = "Action plan progress report";

/// The scale rating an action is counted under; `None` for no valid rating.
fn key(a: &Action, scale: &Scale) -> Option<String> {
    let r = a.rag.as_ref()?.get_ref();
    scale.resolve(r).map(|x| x.name.to_string())
}

/// Rating counts of one plan.
pub fn dist(p: &PlanFile, scale: &Scale) -> Dist {
    let mut d = Dist::default();
    for a in &p.plan.actions {
        d.add(key(a.get_ref(), scale).as_deref(), 1);
    }
    d
}

/// A plan's actions: by id (the first wins) and, the same ones, in natural id order.
struct Acts<'a> {
    by_id: HashMap<&'a str, &'a Action>,
    in_order: Vec<(&'a str, &'a Action)>,
}

impl<'a> Acts<'a> {
    fn of(p: &'a PlanFile) -> Acts<'a> {
        let mut by_id = HashMap::with_capacity(p.plan.actions.len());
        for a in &p.plan.actions {
            let a = a.get_ref();
            by_id.entry(a.id.get_ref().as_str()).or_insert(a);
        }
        let in_order = sorted(&by_id);
        Acts { by_id, in_order }
    }

    fn get(&self, id: &str) -> Option<&'a Action> {
        self.by_id.get(id).copied()
    }
}

/// Plans by id (the first file wins, as in `diff`), with their actions.
type Index<'a> = BTreeMap<&'a str, (&'a PlanFile, Acts<'a>)>;

/// The plans by id, each plan's actions found and put in order on every core.
fn index<'a>(plans: &[&'a PlanFile]) -> Index<'a> {
    let mut m: Index<'a> = BTreeMap::new();
    let made: Vec<Acts<'a>> = plans.par_iter().map(|p| Acts::of(p)).collect();
    for (p, acts) in plans.iter().zip(made) {
        m.entry(p.plan.id()).or_insert((*p, acts));
    }
    m
}

fn plan_title(file: &PlanFile) -> String {
    file.plan.plan.get_ref().title.get_ref().clone()
}

/// An action as the lists show it: `now` is the action at TO (or at FROM when it was removed),
/// `then` the same action at FROM when it was there.
fn action_ref(
    plan: &str,
    file: &PlanFile,
    now: &Action,
    then: Option<&Action>,
    scale: &Scale,
) -> ActionRef {
    let due = now.due.as_ref().map(|d| d.get_ref());
    dated_ref(plan, file, now, then, scale, diff::due_date(due))
}

/// `action_ref` with `now`'s due date already worked out (a timescale is parsed once an
/// action, not once a list it is in).
fn dated_ref(
    plan: &str,
    file: &PlanFile,
    now: &Action,
    then: Option<&Action>,
    scale: &Scale,
    due_date: Option<NaiveDate>,
) -> ActionRef {
    let due = now.due.as_ref().map(|d| d.get_ref());
    ActionRef {
        plan: plan.to_string(),
        plan_title: plan_title(file),
        action: now.id.get_ref().clone(),
        title: now.title.get_ref().clone(),
        file: file.source.name.clone(),
        leads: now.lead_names().map(str::to_string).collect(),
        rating_then: then.and_then(|a| diff::rating(a, scale)),
        rating_now: diff::rating(now, scale),
        due_date,
        due_as_written: due.map(|d| d.display()),
        latest_update: now.latest_update().map(|u| LatestUpdate {
            date: u.date.get_ref().0,
            text: u.text.get_ref().trim().to_string(),
            by: u.by.as_ref().map(|b| b.get_ref().clone()),
        }),
    }
}

/// The progress an action reported this cycle: its updates dated inside the window
/// (`since` < date <= `as_of`), and those recorded in git since FROM (not in `then`'s
/// updates) whatever their date; oldest first.
fn progress(
    aref: impl Fn() -> ActionRef,
    file: &PlanFile,
    now: &Action,
    then: Option<&Action>,
    (since, as_of): (NaiveDate, NaiveDate),
) -> Vec<Progress> {
    // an update FROM had: most often at the same place (updates are added at the end), else
    // found by date and text in a set of FROM's, made the first time it is needed (not a scan
    // of them an update: an action with years of updates made that quadratic)
    fn said(u: &crate::plan::model::Update) -> (NaiveDate, &str) {
        (u.date.get_ref().0, u.text.get_ref().as_str())
    }
    let then_updates = std::cell::OnceCell::new();
    let known = |i: usize, u: &crate::plan::model::Update| {
        let Some(t) = then else { return false };
        let u = said(u);
        t.updates.get(i).is_some_and(|x| said(x.get_ref()) == u)
            || then_updates
                .get_or_init(|| {
                    t.updates
                        .iter()
                        .map(|x| said(x.get_ref()))
                        .collect::<std::collections::HashSet<_>>()
                })
                .contains(&u)
    };
    let section = now.section.as_ref().map(|s| s.get_ref().clone());
    let section_title = section.as_deref().and_then(|id| {
        file.plan
            .sections
            .iter()
            .map(|s| s.get_ref())
            .find(|s| s.id.get_ref() == id)
            .map(|s| s.title.get_ref().clone())
    });
    let mut v: Vec<Progress> = now
        .updates
        .iter()
        .map(|u| u.get_ref())
        .enumerate()
        .filter_map(|(i, u)| {
            let d = u.date.get_ref().0;
            let inside = since < d && d <= as_of;
            let recorded = !known(i, u);
            (inside || recorded).then(|| Progress {
                action: aref(),
                section: section.clone(),
                section_title: section_title.clone(),
                date: d,
                by: u.by.as_ref().map(|b| b.get_ref().clone()),
                text: u.text.get_ref().trim().to_string(),
                update_rating: u.rag.as_ref().map(|r| r.get_ref().to_lowercase()),
                recorded_late: d <= since,
                open: now.is_open(),
            })
        })
        .collect();
    v.sort_by_key(|p| p.date);
    v
}

/// The sort key of an action's place: plan id, then action id in natural order.
fn place(a: &ActionRef) -> (String, crate::plan::words::Natural) {
    (a.plan.clone(), natural(&a.action))
}

/// Actions of a plan in natural id order.
fn sorted<'a>(actions: &HashMap<&'a str, &'a Action>) -> Vec<(&'a str, &'a Action)> {
    let mut v: Vec<(&str, &Action)> = actions.iter().map(|(k, a)| (*k, *a)).collect();
    v.sort_by_cached_key(|(k, _)| natural(k));
    v
}

/// A rating transition (FROM's, TO's; `None`: no valid rating) and how many actions made it.
type Moves = BTreeMap<(Option<String>, Option<String>), usize>;

/// What one plan at TO adds to the paper's lists (`build`).
#[derive(Default)]
struct Lists {
    matrix: Moves,
    reported: Vec<Progress>,
    worsened: Vec<(usize, Moved)>,
    improved: Vec<(usize, Moved)>,
    newly_overdue: Vec<Overdue>,
    slipped: Vec<Slipped>,
    not_updated: Vec<Stale>,
    added: Vec<ActionRef>,
    completed: Vec<ActionRef>,
    withdrawn: Vec<ActionRef>,
}

/// The lists of one plan at TO (`id`, its file and actions by id), against the same plan at
/// FROM (`old`) when there was one.
fn plan_lists<'a>(
    id: &str,
    file: &PlanFile,
    actions: &Acts<'a>,
    old: Option<&(&'a PlanFile, Acts<'a>)>,
    scale: &Scale,
    (since, as_of): (NaiveDate, NaiveDate),
) -> Lists {
    let mut l = Lists::default();
    let mut matrix = Moves::new();
    let due = |a: &'a Action| {
        a.due
            .as_ref()
            .map(|d| d.get_ref())
            .and_then(|d| diff::due_date(Some(d)).map(|x| (x, d)))
    };
    for &(aid, new) in &actions.in_order {
        let prev = old.and_then(|(_, acts)| acts.get(aid));
        let new_due = due(new);
        // made once an action (with its due date parsed once), copied into each list
        let made = std::cell::OnceCell::new();
        let r = || {
            made.get_or_init(|| dated_ref(id, file, new, prev, scale, new_due.map(|d| d.0)))
                .clone()
        };
        // newly overdue counts actions added since FROM as well as old ones
        if let Some((due, d)) = new_due.filter(|_| new.is_open()) {
            if since <= due && due < as_of {
                l.newly_overdue.push(Overdue {
                    action: r(),
                    due,
                    due_text: d.display(),
                    days_overdue: (as_of - due).num_days(),
                    rating: diff::rating(new, scale),
                });
            }
        }
        let news = progress(r, file, new, prev, (since, as_of));
        let quiet = news.is_empty();
        l.reported.extend(news);
        let Some(prev) = prev else {
            l.added.push(r());
            continue;
        };
        let (ka, kb) = (key(prev, scale), key(new, scale));
        *matrix.entry((ka.clone(), kb.clone())).or_default() += 1;
        let rank = |a: &Action| {
            a.rag
                .as_ref()
                .and_then(|x| scale.resolve(x.get_ref()))
                .map(|x| x.rank)
        };
        if let (Some(x), Some(y), Some(ka), Some(kb)) = (rank(prev), rank(new), &ka, &kb) {
            let moved = |steps| Moved {
                action: r(),
                from: ka.clone(),
                to: kb.clone(),
                steps,
            };
            if y < x {
                l.worsened.push((y, moved(x - y)));
            } else if y > x {
                l.improved.push((y, moved(y - x)));
            }
        }
        if new.status() != prev.status() {
            match new.status() {
                Some(Status::Complete) => l.completed.push(r()),
                Some(Status::Withdrawn) => l.withdrawn.push(r()),
                _ => {}
            }
        }
        if let (Some((da, ta)), Some((db, tb))) = (due(prev), new_due) {
            if db > da {
                l.slipped.push(Slipped {
                    action: r(),
                    from: da,
                    to: db,
                    from_text: ta.display(),
                    to_text: tb.display(),
                    days: (db - da).num_days(),
                });
            }
        }
        if !new.is_open() {
            continue;
        }
        if quiet {
            l.not_updated.push(Stale {
                action: r(),
                last_update: new.latest_update().map(|u| u.date.get_ref().0),
                rating: diff::rating(new, scale),
            });
        }
    }
    l.matrix = matrix;
    l
}

/// Builds the report from both ends' plans. Pure: no git, no clock.
pub fn build(input: Input<'_>) -> Report {
    let scale = input.scale;
    let (before, after) = rayon::join(|| index(input.from_plans), || index(input.to_plans));
    let since = input.since;
    let as_of = input.as_of;

    let mut totals = Totals::default();
    let mut plans = Vec::new();
    let mut invalid = Invalid::default();
    let ids: BTreeSet<&str> = before.keys().chain(after.keys()).copied().collect();
    for id in &ids {
        let a = before.get(id).map(|(p, _)| dist(p, scale));
        let b = after.get(id).map(|(p, _)| dist(p, scale));
        if let Some(d) = &a {
            totals.from.merge(d);
        }
        if let Some(d) = &b {
            totals.to.merge(d);
        }
        let (file, _) = after
            .get(id)
            .or_else(|| before.get(id))
            .expect("the id came from one of the two indexes");
        plans.push(PlanRow {
            plan: id.to_string(),
            title: plan_title(file),
            file: file.source.name.clone(),
            from: a,
            to: b,
        });
        if let Some((file, actions)) = after.get(id) {
            let mut row = InvalidPlan {
                plan: id.to_string(),
                title: plan_title(file),
                file: file.source.name.clone(),
                unrated: Vec::new(),
                off_scale: Vec::new(),
            };
            for (aid, a) in &actions.in_order {
                match &a.rag {
                    None => row.unrated.push(aid.to_string()),
                    Some(r) if scale.resolve(r.get_ref()).is_none() => {
                        row.off_scale.push(OffScale {
                            action: aid.to_string(),
                            value: r.get_ref().clone(),
                        })
                    }
                    Some(_) => {}
                }
            }
            invalid.unrated += row.unrated.len();
            invalid.off_scale += row.off_scale.len();
            if !row.unrated.is_empty() || !row.off_scale.is_empty() {
                invalid.plans.push(row);
            }
        }
    }
    invalid.total = invalid.unrated + invalid.off_scale;
    invalid
        .plans
        .sort_by_key(|p| std::cmp::Reverse(p.unrated.len() + p.off_scale.len()));

    // each plan's lists on every core, put together in the plans' order (as one loop over
    // them made them: the sorts below then give the same order)
    let mut matrix = Moves::new();
    let mut all = Lists::default();
    let lists: Vec<Lists> = after
        .iter()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|(id, (file, actions))| {
            plan_lists(id, file, actions, before.get(*id), scale, (since, as_of))
        })
        .collect();
    for l in lists {
        for (k, n) in l.matrix {
            *matrix.entry(k).or_default() += n;
        }
        all.reported.extend(l.reported);
        all.worsened.extend(l.worsened);
        all.improved.extend(l.improved);
        all.newly_overdue.extend(l.newly_overdue);
        all.slipped.extend(l.slipped);
        all.not_updated.extend(l.not_updated);
        all.added.extend(l.added);
        all.completed.extend(l.completed);
        all.withdrawn.extend(l.withdrawn);
    }
    let Lists {
        mut reported,
        mut worsened,
        mut improved,
        mut newly_overdue,
        mut slipped,
        mut not_updated,
        mut added,
        mut completed,
        mut withdrawn,
        ..
    } = all;
    let mut removed = Vec::new();
    for (id, (file, actions)) in &before {
        let now = after.get(id);
        for &(aid, a) in &actions.in_order {
            if now.is_none_or(|(_, acts)| acts.get(aid).is_none()) {
                let mut r = action_ref(id, file, a, Some(a), scale);
                r.rating_now = None;
                removed.push(r);
            }
        }
    }

    // worst first: the lowest rating now, then the longest fall (keys are computed once: the
    // lists run to tens of thousands of actions in a large programme)
    use std::cmp::Reverse;
    worsened.sort_by_cached_key(|(y, m)| (*y, Reverse(m.steps), place(&m.action)));
    improved.sort_by_cached_key(|(y, m)| (Reverse(*y), Reverse(m.steps), place(&m.action)));
    newly_overdue.sort_by_cached_key(|o| (Reverse(o.days_overdue), place(&o.action)));
    slipped.sort_by_cached_key(|x| (Reverse(x.days), place(&x.action)));
    not_updated.sort_by_cached_key(|x| (x.last_update, place(&x.action)));
    // the paper's main content reads as the plan does: plan, section, action, then date
    reported.sort_by_cached_key(|p| {
        (
            p.action.plan.clone(),
            p.section.as_deref().map(natural),
            natural(&p.action.action),
            p.date,
        )
    });
    for list in [&mut added, &mut completed, &mut withdrawn, &mut removed] {
        list.sort_by_cached_key(place);
    }

    let ratings: Vec<String> = scale.names().map(str::to_string).collect();
    let order = |k: &Option<String>| {
        k.as_ref()
            .and_then(|k| ratings.iter().position(|r| r == k))
            .unwrap_or(usize::MAX)
    };
    let mut transitions: Vec<Transition> = matrix
        .into_iter()
        .map(|((from, to), count)| Transition { from, to, count })
        .collect();
    transitions.sort_by_key(|t| (order(&t.from), order(&t.to)));

    totals.from.fill(&ratings);
    totals.to.fill(&ratings);
    for p in &mut plans {
        for d in [&mut p.from, &mut p.to].into_iter().flatten() {
            d.fill(&ratings);
        }
    }

    let (findings, findings_summary) = match input.outcome {
        Some(o) => (group(o, &after), Summary::of(&o.findings)),
        None => (Vec::new(), Summary::default()),
    };

    let mut report = Report {
        title: input.title,
        board: input.board,
        period: period(Some(since), as_of),
        from: input.from,
        to: input.to,
        as_of,
        as_of_source: input.as_of_source,
        since,
        since_source: input.since_source,
        purpose: input.purpose,
        asks: input.asks,
        progress: reported,
        command: String::new(),
        narrative: Vec::new(),
        ratings,
        totals,
        plans,
        transitions,
        worsened: worsened.into_iter().map(|(_, m)| m).collect(),
        improved: improved.into_iter().map(|(_, m)| m).collect(),
        newly_overdue,
        slipped,
        not_updated,
        added,
        completed,
        withdrawn,
        removed,
        invalid,
        findings_included: input.outcome.is_some(),
        findings,
        findings_summary,
        cycles: Vec::new(),
        unreadable: input.unreadable,
    };
    // said of the two ends alone: `gather` puts the cycles in after (`with_cycles`)
    report.narrative = super::narrative::sentences(&report);
    with_cycles(&mut report, input.cycles);
    report
}

/// Puts the cycles' counts in a built report (`gather` reads the cycles after building the
/// rest, with neither end's plans held): each with every rating of the scale, as the ends.
pub fn with_cycles(report: &mut Report, mut cycles: Vec<Cycle>) {
    for c in &mut cycles {
        c.counts.fill(&report.ratings);
    }
    report.cycles = cycles;
}

/// The period between two review points in words: "September to December 2015", "November
/// 2015 to February 2016", "December 2015".
pub fn period(from: Option<NaiveDate>, to: NaiveDate) -> String {
    let Some(from) = from else {
        return format!("to {}", to.format("%B %Y"));
    };
    let (from, to) = (from.min(to), from.max(to));
    if from.format("%Y-%m").to_string() == to.format("%Y-%m").to_string() {
        to.format("%B %Y").to_string()
    } else if from.format("%Y").to_string() == to.format("%Y").to_string() {
        format!("{} to {}", from.format("%B"), to.format("%B %Y"))
    } else {
        format!("{} to {}", from.format("%B %Y"), to.format("%B %Y"))
    }
}

/// Findings grouped by rule: errors first, then by how many, then by name.
fn group(o: &Outcome, plans: &Index<'_>) -> Vec<RuleGroup> {
    let mut groups: BTreeMap<&str, RuleGroup> = BTreeMap::new();
    for f in &o.findings {
        let g = groups.entry(f.rule).or_insert_with(|| RuleGroup {
            rule: f.rule.to_string(),
            summary: crate::lint::rules::find(f.rule)
                .map(|r| r.meta().summary.to_string())
                .unwrap_or_else(|| f.rule.to_string()),
            severity: f.severity,
            count: 0,
            findings: Vec::new(),
        });
        g.severity = g.severity.max(f.severity);
        g.count += 1;
        g.findings.push(FindingRow {
            file: f.file.to_string(),
            line: f.line,
            column: f.column,
            plan: f.plan.as_deref().map(str::to_string),
            plan_title: f
                .plan
                .as_deref()
                .and_then(|p| plans.get(p))
                .map(|(file, _)| plan_title(file)),
            action: f.action.clone(),
            message: f.message.clone(),
        });
    }
    let mut v: Vec<RuleGroup> = groups.into_values().collect();
    v.sort_by(|a, b| {
        (
            std::cmp::Reverse(a.severity),
            std::cmp::Reverse(a.count),
            &a.rule,
        )
            .cmp(&(
                std::cmp::Reverse(b.severity),
                std::cmp::Reverse(b.count),
                &b.rule,
            ))
    });
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load::{load_text, LoadSeverities};

    fn plan(text: &str) -> PlanFile {
        load_text(
            "plans/p.toml".into(),
            text.into(),
            LoadSeverities::default(),
        )
        .plan
        .unwrap_or_else(|| panic!("test plan must load: {text}"))
    }

    fn act(id: &str, extra: &str) -> String {
        format!("[[actions]]\nid = \"{id}\"\ntitle = \"Action {id}\"\n{extra}\n")
    }

    fn text(actions: &[String]) -> String {
        format!(
            "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"Plan P\"\n\n{}",
            actions.concat()
        )
    }

    fn at(rev: &str, date: &str) -> Point {
        Point {
            rev: rev.into(),
            commit: None,
            date: date.parse().ok(),
        }
    }

    fn report(a: &PlanFile, b: &PlanFile, as_of: &str) -> Report {
        build(Input {
            from: at("q1", "2015-06-30"),
            to: at("q2", "2015-09-30"),
            since: "2015-06-30".parse().expect("date"),
            since_source: "the commit date".into(),
            as_of: as_of.parse().expect("date"),
            as_of_source: "as --as-of gives".into(),
            purpose: None,
            asks: Vec::new(),
            from_plans: &[a],
            to_plans: &[b],
            scale: &Scale::preset("rag").expect("rag"),
            outcome: None,
            cycles: Vec::new(),
            unreadable: Vec::new(),
            title: DEFAULT_TITLE.into(),
            board: None,
        })
    }

    fn ids(v: &[ActionRef]) -> Vec<&str> {
        v.iter().map(|a| a.action.as_str()).collect()
    }

    #[test]
    fn counts_transitions_and_the_worst_fall_first() {
        let a = plan(&text(&[
            act("1", "rag = \"green\""),
            act("2", "rag = \"amber\""),
            act("3", "rag = \"green\""),
            act("4", "rag = \"red\""),
            act("5", ""),
        ]));
        let b = plan(&text(&[
            act("1", "rag = \"amber\""),
            act("2", "rag = \"red\""),
            act("3", "rag = \"red\""),
            act("4", "rag = \"green\""),
            act("5", "rag = \"Yellow\""),
        ]));
        let r = report(&a, &b, "2015-10-01");
        assert_eq!(r.ratings, ["red", "amber", "green"]);
        assert_eq!(
            (
                r.totals.from.get(Some("green")),
                r.totals.to.get(Some("red"))
            ),
            (2, 2)
        );
        // unrated then, "Yellow" now: no valid rating at both ends
        assert_eq!((r.totals.from.invalid, r.totals.to.invalid), (1, 1));
        assert_eq!(r.invalid.off_scale, 1);
        assert_eq!(r.invalid.plans[0].off_scale[0].value, "Yellow");
        let fell: Vec<String> = r
            .worsened
            .iter()
            .map(|m| format!("{} {}->{} {}", m.action.action, m.from, m.to, m.steps))
            .collect();
        assert_eq!(
            fell,
            ["3 green->red 2", "2 amber->red 1", "1 green->amber 1"]
        );
        assert_eq!(r.improved.len(), 1);
        let t: Vec<String> = r
            .transitions
            .iter()
            .map(|t| {
                let k = |x: &Option<String>| x.clone().unwrap_or_else(|| "none".into());
                format!("{}>{}={}", k(&t.from), k(&t.to), t.count)
            })
            .collect();
        assert_eq!(
            t,
            [
                "red>green=1",
                "amber>red=1",
                "green>red=1",
                "green>amber=1",
                "none>none=1"
            ]
        );
    }

    #[test]
    fn overdue_slipped_stale_and_status_changes() {
        // 1's update on FROM's date was there at FROM: not news this cycle
        let a = plan(&text(&[
            act(
                "1",
                "due = 2015-08-31\nstatus = \"in-progress\"\n[[actions.updates]]\ndate = 2015-06-30\ntext = \"x\"",
            ),
            act("2", "due = 2015-07-31\nstatus = \"in-progress\""),
            act("3", "due = 2015-05-31\nstatus = \"in-progress\""),
            act("4", "status = \"in-progress\""),
            act("9", ""),
        ]));
        let b = plan(&text(&[
            act(
                "1",
                "due = 2015-08-31\nstatus = \"in-progress\"\n[[actions.updates]]\ndate = 2015-06-30\ntext = \"x\"",
            ),
            act("2", "due = 2015-12-31\nstatus = \"in-progress\""),
            act("3", "due = 2015-05-31\nstatus = \"complete\""),
            act(
                "4",
                "status = \"withdrawn\"",
            ),
            act("10", "due = 2015-09-15"),
        ]));
        let r = report(&a, &b, "2015-10-01");
        let overdue: Vec<String> = r
            .newly_overdue
            .iter()
            .map(|o| format!("{} {} {}", o.action.action, o.due, o.days_overdue))
            .collect();
        assert_eq!(overdue, ["1 2015-08-31 31", "10 2015-09-15 16"]);
        assert_eq!(r.slipped.len(), 1);
        assert_eq!(
            (r.slipped[0].action.action.as_str(), r.slipped[0].days),
            ("2", 153)
        );
        // 1's only update is on FROM's date, 2 has none; 3 and 4 are closed, 10 is new
        let stale: Vec<(&str, Option<NaiveDate>)> = r
            .not_updated
            .iter()
            .map(|s| (s.action.action.as_str(), s.last_update))
            .collect();
        assert_eq!(stale, [("2", None), ("1", "2015-06-30".parse().ok())]);
        assert_eq!(ids(&r.completed), ["3"]);
        assert_eq!(ids(&r.withdrawn), ["4"]);
        assert_eq!(ids(&r.added), ["10"]);
        assert_eq!(ids(&r.removed), ["9"]);
    }

    #[test]
    fn progress_is_what_was_dated_in_the_window_or_recorded_since_from() {
        let u = |d: &str, t: &str| format!("[[actions.updates]]\ndate = {d}\ntext = \"{t}\"\n");
        let a = plan(&text(&[
            act("1", &u("2015-06-01", "old")),
            act("2", &u("2015-06-01", "old")),
            act("3", &u("2015-06-01", "old")),
            act(
                "5",
                &format!("{}{}", u("2015-04-01", "april"), u("2015-05-01", "may")),
            ),
            act("6", &u("2015-04-01", "first words")),
        ]));
        let b = plan(&text(&[
            // in the window (2015-06-30, 2015-10-01]
            act(
                "1",
                &format!("{}{}", u("2015-06-01", "old"), u("2015-08-01", "news")),
            ),
            // dated before FROM, recorded since: late
            act(
                "2",
                &format!("{}{}", u("2015-06-01", "old"), u("2015-05-01", "late")),
            ),
            // nothing new
            act("3", &u("2015-06-01", "old")),
            // a new action's update in the window
            act("4", &u("2015-09-01", "first")),
            // FROM's updates, no longer where they were: one put before them since is late,
            // they are not
            act(
                "5",
                &format!(
                    "{}{}{}",
                    u("2015-03-01", "march"),
                    u("2015-04-01", "april"),
                    u("2015-05-01", "may")
                ),
            ),
            // an old update reworded since FROM is recorded since
            act("6", &u("2015-04-01", "other words")),
        ]));
        let r = report(&a, &b, "2015-10-01");
        let got: Vec<(&str, &str, bool)> = r
            .progress
            .iter()
            .map(|p| (p.action.action.as_str(), p.text.as_str(), p.recorded_late))
            .collect();
        assert_eq!(
            got,
            [
                ("1", "news", false),
                ("2", "late", true),
                ("4", "first", false),
                ("5", "march", true),
                ("6", "other words", true)
            ]
        );
        assert_eq!(
            ids(&r
                .not_updated
                .iter()
                .map(|s| s.action.clone())
                .collect::<Vec<_>>()),
            ["3"]
        );
        assert_eq!(r.since.to_string(), "2015-06-30");
        assert_eq!(r.period, "June to October 2015");
    }

    #[test]
    fn a_plan_against_itself_has_no_news() {
        let p = plan(&crate::testgen::plan(1, 30));
        let r = report(&p, &p, "2015-06-30");
        assert!(r.worsened.is_empty() && r.slipped.is_empty() && r.added.is_empty());
        assert_eq!(r.totals.from, r.totals.to);
        assert_eq!(r.totals.to.total, 30);
        let diagonal: usize = r.transitions.iter().map(|t| t.count).sum();
        assert_eq!(diagonal, 30);
        assert!(r.transitions.iter().all(|t| t.from == t.to));
    }
}
