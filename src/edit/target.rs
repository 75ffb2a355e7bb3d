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

fn scan(config: &Config) -> Result<Scan, Error> {
    let read: Vec<Result<Scanned, (String, String)>> = discover(config, &[])?
        .into_par_iter()
        .map(|target| {
            let text = read(&target.path).map_err(|e| (target.name.clone(), e.to_string()))?;
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
        })
        .collect();
    let mut plans = Vec::new();
    let mut broken = Vec::new();
    for r in read {
        match r {
            Ok(p) => plans.push(p),
            Err(b) => broken.push(b),
        }
    }
    Ok(Scan { plans, broken })
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
        if wanted.ends_with(".toml") || wanted.contains('/') {
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
    let scan = scan(config)?;
    scan.plan(config, wanted).map(found)
}

/// The plan `--plan` names, else the repository's only plan.
pub fn plan_or_only(config: &Config, wanted: Option<&str>) -> Result<Found, Error> {
    let scan = scan(config)?;
    if let Some(wanted) = wanted {
        return scan.plan(config, wanted).map(found);
    }
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
    let scan = scan(config)?;
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
