//! Diff: two sets of loaded plans in, a list of `Change`s out. Pure: no git, no files.
//!
//! Actions are matched by plan id and action id wherever their file lives, so a plan whose file
//! was renamed gives `moved` changes, not removed plus added. Rating directions follow the
//! configured scale's order (worst first); due-date directions follow the parsed timescales.
//!
//! May use: `plan`.

use crate::plan::load::PlanFile;
use crate::plan::model::Action;
use crate::plan::rating::Scale;
use crate::plan::words::natural;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What changed about an action (`kind` in `diff --format json`, docs/output.md).
/// One side of a diff as the user named it: the revision (`WORKTREE` and `INDEX` for the working
/// tree and the index) and the commit's 40-hex id, when it is a commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    pub rev: String,
    pub commit: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Rag,
    Status,
    Due,
    Leads,
    Added,
    Removed,
    Moved,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Rag => "rag",
            Kind::Status => "status",
            Kind::Due => "due",
            Kind::Leads => "leads",
            Kind::Added => "added",
            Kind::Removed => "removed",
            Kind::Moved => "moved",
        }
    }
}

/// Which way a change went: ratings by the scale's order, due dates by the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Worsened,
    Slipped,
    Unchanged,
    BroughtForward,
    Improved,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Improved => "improved",
            Direction::Worsened => "worsened",
            Direction::Unchanged => "unchanged",
            Direction::Slipped => "slipped",
            Direction::BroughtForward => "brought-forward",
        }
    }

    /// True for news a board should see first (a worse rating, a slipped date).
    pub fn is_bad(self) -> bool {
        matches!(self, Direction::Worsened | Direction::Slipped)
    }
}

/// One change to one action (or to a plan with no actions, then `action` is `None`).
///
/// `from` / `to` hold: the rating (lowercase, on the scale when it resolves) for `rag`; the
/// status for `status`; the timescale as written for `due`; leads joined with `; ` for `leads`;
/// the file paths for `moved`; `None` for `added` / `removed` and for a value that is absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub plan: String,
    pub action: Option<String>,
    pub kind: Kind,
    pub from: Option<String>,
    pub to: Option<String>,
    pub direction: Option<Direction>,
    /// The action's title (as in TO, else FROM), for text and Markdown views; not in JSON.
    #[serde(skip)]
    pub title: String,
    /// The file the plan is in (in TO, else FROM); not in JSON.
    #[serde(skip)]
    pub file: String,
}

/// `summary` in `diff --format json` (docs/output.md): rating changes by direction, actions
/// added and removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub improved: usize,
    pub worsened: usize,
    pub added: usize,
    pub removed: usize,
}

impl Summary {
    pub fn of(changes: &[Change]) -> Summary {
        let mut s = Summary::default();
        for c in changes {
            match (c.kind, c.direction) {
                (Kind::Rag, Some(Direction::Improved)) => s.improved += 1,
                (Kind::Rag, Some(Direction::Worsened)) => s.worsened += 1,
                (Kind::Added, _) if c.action.is_some() => s.added += 1,
                (Kind::Removed, _) if c.action.is_some() => s.removed += 1,
                _ => {}
            }
        }
        s
    }
}

/// Compares two sets of plans. Plans are matched by id (the first file wins when two files
/// share one: `duplicate-id` reports that), actions by id within their plan. Changes come
/// sorted by plan id, then action id in natural order ("2" before "10"), then kind.
pub fn diff(from: &[&PlanFile], to: &[&PlanFile], scale: &Scale) -> Vec<Change> {
    let before = by_id(from);
    let after = by_id(to);
    let ids: BTreeSet<&str> = before.keys().chain(after.keys()).copied().collect();
    let mut out = Vec::new();
    for id in ids {
        match (before.get(id), after.get(id)) {
            (Some(a), Some(b)) => plan_changes(id, a, b, scale, &mut out),
            (None, Some(b)) => whole_plan(id, b, Kind::Added, &mut out),
            (Some(a), None) => whole_plan(id, a, Kind::Removed, &mut out),
            (None, None) => {}
        }
    }
    out.sort_by(|a, b| {
        (&a.plan, a.action.as_deref().map(natural), a.kind).cmp(&(
            &b.plan,
            b.action.as_deref().map(natural),
            b.kind,
        ))
    });
    out
}

fn by_id<'a>(plans: &[&'a PlanFile]) -> BTreeMap<&'a str, &'a PlanFile> {
    let mut m = BTreeMap::new();
    for p in plans {
        m.entry(p.plan.id()).or_insert(*p);
    }
    m
}

fn actions(p: &PlanFile) -> HashMap<&str, &Action> {
    let mut m = HashMap::new();
    for a in &p.plan.actions {
        let a = a.get_ref();
        m.entry(a.id.get_ref().as_str()).or_insert(a);
    }
    m
}

fn whole_plan(id: &str, p: &PlanFile, kind: Kind, out: &mut Vec<Change>) {
    if p.plan.actions.is_empty() {
        out.push(Change {
            plan: id.to_string(),
            action: None,
            kind,
            from: None,
            to: None,
            direction: None,
            title: p.plan.plan.get_ref().title.get_ref().clone(),
            file: p.source.name.clone(),
        });
    }
    for a in actions(p).values() {
        out.push(Change {
            plan: id.to_string(),
            action: Some(a.id.get_ref().clone()),
            kind,
            from: None,
            to: None,
            direction: None,
            title: a.title.get_ref().clone(),
            file: p.source.name.clone(),
        });
    }
}

fn plan_changes(id: &str, a: &PlanFile, b: &PlanFile, scale: &Scale, out: &mut Vec<Change>) {
    let before = actions(a);
    let after = actions(b);
    let moved = a.source.name != b.source.name;
    let change = |action: &Action, kind, from, to, direction| Change {
        plan: id.to_string(),
        action: Some(action.id.get_ref().clone()),
        kind,
        from,
        to,
        direction,
        title: action.title.get_ref().clone(),
        file: b.source.name.clone(),
    };
    for (aid, old) in &before {
        let Some(new) = after.get(aid) else {
            let mut c = change(old, Kind::Removed, None, None, None);
            c.file = a.source.name.clone();
            out.push(c);
            continue;
        };
        if moved {
            out.push(change(
                new,
                Kind::Moved,
                Some(a.source.name.clone()),
                Some(b.source.name.clone()),
                None,
            ));
        }
        let (ra, rb) = (rating(old, scale), rating(new, scale));
        if ra != rb {
            let dir = match (rank(old, scale), rank(new, scale)) {
                (Some(x), Some(y)) if y > x => Some(Direction::Improved),
                (Some(x), Some(y)) if y < x => Some(Direction::Worsened),
                (Some(_), Some(_)) => Some(Direction::Unchanged),
                _ => None,
            };
            out.push(change(new, Kind::Rag, ra, rb, dir));
        }
        let (sa, sb) = (old.status(), new.status());
        if sa != sb {
            out.push(change(
                new,
                Kind::Status,
                sa.map(|s| s.as_str().to_string()),
                sb.map(|s| s.as_str().to_string()),
                None,
            ));
        }
        let (da, db) = (
            old.due.as_ref().map(|d| d.get_ref()),
            new.due.as_ref().map(|d| d.get_ref()),
        );
        if da != db {
            let dir = match (due_date(da), due_date(db)) {
                (Some(x), Some(y)) if y > x => Some(Direction::Slipped),
                (Some(x), Some(y)) if y < x => Some(Direction::BroughtForward),
                (Some(_), Some(_)) => Some(Direction::Unchanged),
                _ => None,
            };
            out.push(change(
                new,
                Kind::Due,
                da.map(|d| d.display()),
                db.map(|d| d.display()),
                dir,
            ));
        }
        let (la, lb) = (leads(old), leads(new));
        if la != lb {
            out.push(change(new, Kind::Leads, la, lb, None));
        }
    }
    for (aid, new) in &after {
        if !before.contains_key(aid) {
            out.push(change(new, Kind::Added, None, None, None));
        }
    }
}

/// The rating as the scale names it (so `Amber` and `amber` are the same), else as written.
pub fn rating(a: &Action, scale: &Scale) -> Option<String> {
    let r = a.rag.as_ref()?.get_ref();
    Some(
        scale
            .resolve(r)
            .map_or_else(|| crate::plan::rating::normalise(r), |x| x.name.to_string()),
    )
}

fn rank(a: &Action, scale: &Scale) -> Option<usize> {
    scale.resolve(a.rag.as_ref()?.get_ref()).map(|r| r.rank)
}

/// The date a `due` value is due by, when it reads as a timescale with a due date.
pub fn due_date(d: Option<&crate::plan::model::Due>) -> Option<chrono::NaiveDate> {
    d?.due_date()
}

fn leads(a: &Action) -> Option<String> {
    let names: Vec<&str> = a.lead_names().collect();
    (!names.is_empty()).then(|| names.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load::{load_text, LoadSeverities};

    fn plan(name: &str, text: &str) -> PlanFile {
        load_text(name.into(), text.into(), LoadSeverities::default())
            .plan
            .unwrap_or_else(|| panic!("test plan must load: {text}"))
    }

    fn action(id: &str, extra: &str) -> String {
        format!("[[actions]]\nid = \"{id}\"\ntitle = \"Action {id}\"\n{extra}\n")
    }

    fn text(id: &str, actions: &[String]) -> String {
        format!(
            "schema_version = 1\n[plan]\nid = \"{id}\"\ntitle = \"t\"\n\n{}",
            actions.concat()
        )
    }

    fn rows(changes: &[Change]) -> Vec<String> {
        changes
            .iter()
            .map(|c| {
                format!(
                    "{} {} {} {}->{} {}",
                    c.plan,
                    c.action.as_deref().unwrap_or("-"),
                    c.kind.as_str(),
                    c.from.as_deref().unwrap_or("-"),
                    c.to.as_deref().unwrap_or("-"),
                    c.direction.map_or("-", |d| d.as_str())
                )
            })
            .collect()
    }

    fn rag() -> Scale {
        Scale::preset("rag").unwrap()
    }

    #[test]
    fn a_plan_diffed_with_itself_is_empty() {
        let p = plan("plans/a.toml", &crate::testgen::plan(3, 20));
        assert!(diff(&[&p], &[&p], &rag()).is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]
        #[test]
        fn any_generated_plan_diffed_with_itself_is_empty(n in 0usize..1000, k in 0usize..30) {
            let p = plan("plans/a.toml", &crate::testgen::plan(n, k));
            proptest::prop_assert!(diff(&[&p], &[&p], &rag()).is_empty());
        }
    }

    #[test]
    fn ratings_status_due_and_leads_with_directions() {
        let a = plan(
            "plans/a.toml",
            &text(
                "p",
                &[
                    action("1", "rag = \"Amber\"\ndue = 2015-06-30\nleads = [\"A\"]"),
                    action("2", "rag = \"green\"\nstatus = \"in-progress\""),
                    action("10", "rag = \"red\"\ndue = 2016-03-31"),
                ],
            ),
        );
        let b = plan(
            "plans/a.toml",
            &text(
                "p",
                &[
                    action(
                        "1",
                        "rag = \"red\"\ndue = 2015-09-30\nleads = [\"A\", \"B\"]",
                    ),
                    action("2", "rag = \"GREEN\"\nstatus = \"complete\""),
                    action("10", "rag = \"amber\"\ndue = 2016-01-31"),
                ],
            ),
        );
        let changes = diff(&[&a], &[&b], &rag());
        assert_eq!(
            rows(&changes),
            vec![
                "p 1 rag amber->red worsened",
                "p 1 due 2015-06-30->2015-09-30 slipped",
                "p 1 leads A->A; B -",
                "p 2 status in-progress->complete -",
                "p 10 rag red->amber improved",
                "p 10 due 2016-03-31->2016-01-31 brought-forward",
            ]
        );
        assert_eq!(
            Summary::of(&changes),
            Summary {
                improved: 1,
                worsened: 1,
                added: 0,
                removed: 0
            }
        );
    }

    #[test]
    fn added_removed_and_moved_by_plan_and_action_id() {
        let a = plan(
            "plans/old.toml",
            &text("p", &[action("1", "rag = \"red\""), action("2", "")]),
        );
        let b = plan(
            "plans/new.toml",
            &text("p", &[action("1", "rag = \"red\""), action("3", "")]),
        );
        let q = plan("plans/q.toml", &text("q", &[action("9", "")]));
        let changes = diff(&[&a], &[&b, &q], &rag());
        assert_eq!(
            rows(&changes),
            vec![
                "p 1 moved plans/old.toml->plans/new.toml -",
                "p 2 removed -->- -",
                "p 3 added -->- -",
                "q 9 added -->- -",
            ]
        );
        let s = Summary::of(&changes);
        assert_eq!((s.added, s.removed), (2, 1));
    }

    #[test]
    fn an_off_scale_rating_has_no_direction() {
        let a = plan("a", &text("p", &[action("1", "rag = \"yellow\"")]));
        let b = plan("a", &text("p", &[action("1", "rag = \"red\"")]));
        assert_eq!(
            rows(&diff(&[&a], &[&b], &rag())),
            vec!["p 1 rag yellow->red -"]
        );
    }
}
