//! Which plan file a command edits: the plan named by `--plan` (its id, or its file), or the one
//! plan of the repository that has the action, with a message that says what to do when there is
//! no such plan or more than one.

use crate::workspace::config::Config;
use crate::workspace::discover::{discover, display_name, Target};
use crate::Error;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A plan file found for editing.
#[derive(Debug, Clone)]
pub struct Found {
    pub name: String,
    pub path: PathBuf,
    pub text: String,
}

/// What a scan of the repository's plans learned: each plan's id and action ids, and the files
/// that could not be read as TOML.
struct Scan {
    plans: Vec<Scanned>,
    broken: Vec<(String, String)>,
}

struct Scanned {
    target: Target,
    text: String,
    id: String,
    actions: Vec<String>,
}

/// Only what finding a plan needs: serde skips the rest without building it.
#[derive(serde::Deserialize)]
struct Ids {
    plan: Option<PlanId>,
    #[serde(default)]
    actions: Vec<ActionId>,
}

#[derive(serde::Deserialize)]
struct PlanId {
    id: Option<toml::Value>,
}

#[derive(serde::Deserialize)]
struct ActionId {
    id: Option<toml::Value>,
}

/// Which plans a scan parses. `All` is the whole scan every message is worded from; the other
/// two leave out files that cannot be the one wanted (a fast path: an edit of one action of a
/// plan among 1,000 parsed all 1,000 to find it), and a caller that gets anything but a single
/// plan from them scans again with `All`, so every answer and every message is the full
/// scan's.
enum Only<'a> {
    All,
    /// The file shown by this name.
    Named(String),
    /// Files whose text holds this text (see `may_hold`).
    Holding(&'a str),
}

/// Whether a TOML text may hold a string value equal to `value`: a string is written as its
/// characters or with escapes (which start with `\`), so a text with neither holds no such
/// value. Not said of an empty value or one with a line break (a multi-line string's line
/// ends change when read), for which every file may.
fn may_hold(text: &str, value: &str) -> bool {
    value.is_empty() || value.contains(['\n', '\r']) || text.contains(value) || text.contains('\\')
}

fn scan(config: &Config) -> Result<Scan, Error> {
    scan_only(config, &Only::All)
}

/// The files `--plan` may name: the file itself, or those that may hold its id.
fn only_plan<'a>(config: &Config, wanted: &'a str) -> Only<'a> {
    if names_file(wanted) {
        Only::Named(display_name(&config.repo_root, Path::new(wanted)))
    } else {
        Only::Holding(wanted)
    }
}

/// Whether `--plan` names a file (else a plan's id).
fn names_file(wanted: &str) -> bool {
    wanted.ends_with(".toml") || wanted.contains('/')
}

fn scan_only(config: &Config, only: &Only<'_>) -> Result<Scan, Error> {
    let mut targets = discover(config, &[])?;
    if let Only::Named(name) = only {
        targets.retain(|t| t.name == *name);
    }
    let read: Vec<Option<Result<Scanned, (String, String)>>> = targets
        .into_par_iter()
        .map(|target| {
            let text = match read(&target.path) {
                Ok(text) => text,
                Err(e) => return Some(Err((target.name.clone(), e.to_string()))),
            };
            if let Only::Holding(value) = only {
                if !may_hold(&text, value) {
                    return None;
                }
            }
            Some(scanned(target, text))
        })
        .collect();
    let mut plans = Vec::new();
    let mut broken = Vec::new();
    for r in read.into_iter().flatten() {
        match r {
            Ok(p) => plans.push(p),
            Err(b) => broken.push(b),
        }
    }
    Ok(Scan { plans, broken })
}

/// A plan file's ids, or why it is not TOML.
fn scanned(target: Target, text: String) -> Result<Scanned, (String, String)> {
    // a plan whose ids are not text still parses here: it is not the plan wanted
    let ids: Ids = match toml::from_str(&text) {
        Ok(ids) => ids,
        Err(_) if toml::from_str::<toml::Table>(&text).is_ok() => Ids {
            plan: None,
            actions: Vec::new(),
        },
        Err(e) => return Err((target.name.clone(), e.message().trim().to_string())),
    };
    let text_of = |v: Option<toml::Value>| match v {
        Some(toml::Value::String(s)) => s,
        _ => String::new(),
    };
    Ok(Scanned {
        id: text_of(ids.plan.and_then(|p| p.id)),
        actions: ids.actions.into_iter().map(|a| text_of(a.id)).collect(),
        target,
        text,
    })
}

/// A plan file held for editing: locked against every other planlint that edits it, with its
/// text as read under the lock. The lock goes with the value (and with the process, however it
/// ends: nothing is left behind to block a later edit).
pub struct Held {
    _handle: same_file::Handle,
    pub text: String,
}

/// How many times `hold` opens a file anew because it was replaced while `hold` waited.
const HOLD_TRIES: usize = 1000;

/// Locks the plan file at `path` (the file itself, with the operating system's advisory lock:
/// `flock`, `LockFileEx`) and reads it. planlint replaces a file by renaming a new one over it, so the
/// lock waited for may be on a file that is no longer at `path`: then the new one is locked.
pub fn hold(path: &Path) -> Result<Held, Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    for _ in 0..HOLD_TRIES {
        refuse_link(path)?;
        let file = crate::workspace::files::open_regular(path).map_err(io)?;
        let handle = same_file::Handle::from_file(file).map_err(io)?;
        fs4::fs_std::FileExt::lock_exclusive(handle.as_file()).map_err(io)?;
        // still the file at `path` (the same file, not only the same name)?
        if !same_file::Handle::from_path(path).is_ok_and(|now| now == handle) {
            continue;
        }
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::Read::take(
                handle.as_file(),
                crate::plan::load::MAX_FILE_BYTES as u64 + 1,
            ),
            &mut bytes,
        )
        .map_err(io)?;
        let text = text_of(path, bytes)?;
        return Ok(Held {
            _handle: handle,
            text,
        });
    }
    Err(Error::Usage(format!(
        "{}: the file keeps being replaced while planlint waits to edit it; try again",
        path.display()
    )))
}

/// A plan that is a symbolic link is not edited: renaming over it would replace the link with a
/// regular file (git would see a type change, and the text would come from wherever the link
/// led), and writing through it would edit a file outside the repository.
fn refuse_link(path: &Path) -> Result<(), Error> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Error::Usage(format!(
            "{} is a symbolic link: not written (planlint neither replaces a link nor writes through it); edit the file it leads to",
            path.display()
        )));
    }
    Ok(())
}

fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    if bytes.len() > crate::plan::load::MAX_FILE_BYTES {
        return Err(Error::Usage(format!(
            "{}: too large to be a plan (over {} bytes)",
            path.display(),
            crate::plan::load::MAX_FILE_BYTES
        )));
    }
    String::from_utf8(bytes).map_err(|_| {
        Error::Usage(format!(
            "{}: not UTF-8 text; save the plan as UTF-8 and try again",
            path.display()
        ))
    })
}

/// Reads a plan file as UTF-8 text, within the plan size limit.
pub fn read(path: &Path) -> Result<String, Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound(path.to_path_buf()),
        _ => io(e),
    })?;
    if meta.len() > crate::plan::load::MAX_FILE_BYTES as u64 {
        return Err(Error::Usage(format!(
            "{}: too large to be a plan ({} bytes)",
            path.display(),
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    text_of(path, bytes)
}

impl Scan {
    /// Why a plan may be missing: the files that are not valid TOML.
    fn broken_note(&self) -> String {
        match self.broken.as_slice() {
            [] => String::new(),
            files => format!(
                "; not searched, because they could not be read as TOML: {} (`planlint fmt` and the editing commands need valid TOML: `planlint check` shows where each is broken)",
                files
                    .iter()
                    .map(|(name, e)| format!("{name} ({e})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    fn plan(&self, config: &Config, wanted: &str) -> Result<&Scanned, Error> {
        // a path names the file itself
        let as_path = Path::new(wanted);
        if names_file(wanted) {
            let name = display_name(&config.repo_root, as_path);
            if let Some(p) = self.plans.iter().find(|p| p.target.name == name) {
                return Ok(p);
            }
            if let Some((_, e)) = self.broken.iter().find(|(n, _)| *n == name) {
                return Err(Error::Usage(format!(
                    "{name} is not valid TOML ({e}); `planlint fmt` and the editing commands need valid TOML: fix it first (`planlint check {name}` shows where)"
                )));
            }
            return Err(Error::Usage(format!(
                "{wanted} is not one of the repository's plans ({})",
                config.include.join(", ")
            )));
        }
        let matching: Vec<&Scanned> = self.plans.iter().filter(|p| p.id == wanted).collect();
        match matching.as_slice() {
            [one] => Ok(one),
            [] => {
                let ids: Vec<&str> = self.plans.iter().map(|p| p.id.as_str()).collect();
                let hint = like(wanted, &ids)
                    .map(|n| format!("did you mean `{n}`? "))
                    .unwrap_or_default();
                Err(Error::Usage(format!(
                    "no plan has the id `{wanted}`; {hint}the plans are: {}{}",
                    self.plans
                        .iter()
                        .map(|p| format!("{} ({})", p.id, p.target.name))
                        .collect::<Vec<_>>()
                        .join(", "),
                    self.broken_note()
                )))
            }
            many => Err(Error::Usage(format!(
                "{} plans have the id `{wanted}`: {}; name the file instead, as `--plan {}`",
                many.len(),
                many.iter()
                    .map(|p| p.target.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                many[0].target.name
            ))),
        }
    }
}

fn found(p: &Scanned) -> Found {
    Found {
        name: p.target.name.clone(),
        path: p.target.path.clone(),
        text: p.text.clone(),
    }
}

/// The plan named by `--plan` (a plan id, or the plan's file).
pub fn plan(config: &Config, wanted: &str) -> Result<Found, Error> {
    // the files that may be the plan first: when they hold it, so does the whole scan
    if let Ok(p) = scan_only(config, &only_plan(config, wanted))?.plan(config, wanted) {
        return Ok(found(p));
    }
    scan(config)?.plan(config, wanted).map(found)
}

/// The plan `--plan` names, else the repository's only plan.
pub fn plan_or_only(config: &Config, wanted: Option<&str>) -> Result<Found, Error> {
    if let Some(wanted) = wanted {
        return plan(config, wanted);
    }
    let scan = scan(config)?;
    match scan.plans.as_slice() {
        [one] => Ok(found(one)),
        [] => Err(Error::Usage(format!(
            "no plan found to add to (looked for {} under {}){}",
            config.include.join(", "),
            config.root.display(),
            scan.broken_note()
        ))),
        many => Err(Error::Usage(format!(
            "the repository has {} plans: say which with --plan ({})",
            many.len(),
            many.iter()
                .map(|p| format!("{} ({})", p.id, p.target.name))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The plan that has `action`: the one `--plan` names, else the only plan with such an action.
pub fn action(config: &Config, action: &str, plan: Option<&str>) -> Result<Found, Error> {
    // the files that may hold the plan (or, without `--plan`, the action) first: one plan
    // found among them is the one the whole scan finds (no file left out could be it);
    // anything else is said from the whole scan
    let only = plan.map_or(Only::Holding(action), |w| only_plan(config, w));
    let fast = scan_only(config, &only)?;
    if let Some(p) = having(&fast, config, action, plan) {
        return Ok(found(p));
    }
    action_in(&scan(config)?, config, action, plan)
}

/// The plan that has `action`, as the whole scan finds it (or why there is none).
fn action_in(
    scan: &Scan,
    config: &Config,
    action: &str,
    plan: Option<&str>,
) -> Result<Found, Error> {
    if let Some(wanted) = plan {
        let p = scan.plan(config, wanted)?;
        if p.actions.iter().any(|a| a == action) {
            return Ok(found(p));
        }
        return Err(Error::Usage(format!(
            "plan `{}` ({}) has no action `{action}`; its actions are {}",
            p.id,
            p.target.name,
            list_ids(&p.actions)
        )));
    }
    let having: Vec<&Scanned> = scan
        .plans
        .iter()
        .filter(|p| p.actions.iter().any(|a| a == action))
        .collect();
    match having.as_slice() {
        [one] => Ok(found(one)),
        [] => Err(Error::Usage(format!(
            "no plan has an action `{action}` (searched {}: {}){}",
            crate::plan::words::count(scan.plans.len(), "plan"),
            scan.plans
                .iter()
                .map(|p| p.target.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            scan.broken_note()
        ))),
        many => Err(Error::Usage(format!(
            "{} plans have an action `{action}`: {}; say which with --plan",
            many.len(),
            many.iter()
                .map(|p| format!("{} ({})", p.id, p.target.name))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The one plan of a scan that has `action` (the one `--plan` names), if there is one.
fn having<'s>(
    scan: &'s Scan,
    config: &Config,
    action: &str,
    plan: Option<&str>,
) -> Option<&'s Scanned> {
    let has = |p: &&Scanned| p.actions.iter().any(|a| a == action);
    match plan {
        Some(wanted) => scan.plan(config, wanted).ok().filter(has),
        None => match scan.plans.iter().filter(has).collect::<Vec<_>>().as_slice() {
            [one] => Some(*one),
            _ => None,
        },
    }
}

/// Action ids for a message: all of them when there are a few, else the first and last few.
fn list_ids(ids: &[String]) -> String {
    if ids.is_empty() {
        return "none yet".into();
    }
    if ids.len() <= 12 {
        return ids.join(", ");
    }
    format!(
        "{}, … {} ({} in all)",
        ids[..5].join(", "),
        ids[ids.len() - 3..].join(", "),
        ids.len()
    )
}

/// The plan id a person most likely meant: one that holds the word ("bexley" for
/// "bexley-crisis-care"), else the closest spelling ("bexly").
fn like<'a>(wanted: &str, ids: &[&'a str]) -> Option<&'a str> {
    let w = wanted.to_lowercase();
    if w.chars().count() < 3 {
        return None;
    }
    let close = |id: &str| {
        let head = id.split('-').next().unwrap_or(id);
        strsim::jaro_winkler(&w, id).max(strsim::jaro_winkler(&w, head))
    };
    ids.iter()
        .copied()
        .filter(|id| id.contains(&w) || close(id) >= 0.85)
        .max_by(|a, b| close(a).total_cmp(&close(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What finding gives, in a form two answers can be compared in.
    fn said(r: Result<Found, Error>) -> Result<(String, String), String> {
        r.map(|f| (f.name, f.text)).map_err(|e| e.to_string())
    }

    fn plan(id: &str, actions: &[&str]) -> String {
        let mut s = format!("schema_version = 1\n[plan]\nid = {id}\ntitle = \"t\"\n");
        for a in actions {
            s.push_str(&format!("\n[[actions]]\nid = {a}\ntitle = \"a\"\n"));
        }
        s
    }

    #[test]
    fn the_fast_scans_find_what_the_whole_scan_finds_and_say_the_same() {
        let dir = tempfile::tempdir().expect("dir");
        let plans = dir.path().join("plans");
        std::fs::create_dir_all(plans.join("sub")).expect("mkdir");
        std::fs::write(dir.path().join("planlint.toml"), "").expect("config");
        for (file, text) in [
            ("a.toml", plan("\"alpha\"", &["\"1.1\"", "\"1.2\""])),
            // ids written with escapes, as literal strings, not as text
            (
                "b.toml",
                plan("\"\\u0062eta\"", &["\"1.\\u0031\"", "'2.1'"]),
            ),
            ("c.toml", plan("'gamma'", &["\"3.1\"", "4"])),
            ("d.toml", plan("7", &["\"5.1\""])),
            // the id only in a comment, and a plan with one of another's ids
            ("e.toml", plan("\"delta\"", &["\"6.1\" # alpha 1.1"])),
            ("sub/f.toml", plan("\"gamma\"", &["\"6.1\"", "\"2.1\""])),
            ("g.toml", plan("\"\"", &["\"\""])),
            ("broken.toml", "[plan\nid = \"alpha\"\n".to_string()),
        ] {
            std::fs::write(plans.join(file), text).expect("write");
        }
        let config = Config::discover(dir.path(), &crate::lint::names()).expect("config");
        let whole = scan(&config).expect("scan");
        let wanted = [
            None,
            Some("alpha"),
            Some("beta"),
            Some("gamma"),
            Some("delta"),
            Some("7"),
            Some(""),
            Some("alph"),
            Some("plans/a.toml"),
            Some("plans/sub/f.toml"),
            Some("plans/broken.toml"),
            Some("plans/none.toml"),
            Some("x/"),
        ];
        let actions = [
            "1.1", "1.2", "2.1", "3.1", "4", "5.1", "6.1", "", "9.9", "1.", "alpha",
        ];
        let mut found = 0;
        for w in wanted {
            for a in actions {
                let fast = said(action(&config, a, w));
                found += usize::from(fast.is_ok());
                assert_eq!(fast, said(action_in(&whole, &config, a, w)), "{a:?} {w:?}");
            }
            if let Some(w) = w {
                assert_eq!(
                    said(super::plan(&config, w)),
                    said(whole.plan(&config, w).map(super::found)),
                    "{w:?}"
                );
            }
        }
        // the comparison is not empty: most pairs find a plan
        assert!(found >= 10, "{found}");
    }

    #[test]
    fn a_value_written_with_neither_its_characters_nor_an_escape_is_not_there() {
        assert!(!may_hold("id = \"plan-1\"", "plan-2"));
        assert!(may_hold("id = \"plan-12\"", "plan-1"));
        assert!(may_hold("id = \"plan\\u002d2\"", "plan-2"));
        assert!(may_hold("id = \"x\"", ""));
        assert!(may_hold("id = \"x\"", "a\nb"));
    }
}
