//! The history cache: what the history-aware rules (and `check --staged`'s cross-plan rule)
//! need of a plan blob, kept per blob id, so a blob is parsed once, ever, in a repository.
//!
//! Blob ids never change meaning, so an entry is never stale. It lives in the git directory
//! (`.git/planlint-cache/`, shared by linked worktrees), one small file an entry:
//!
//! - `v1/blobs/ab/cdef…`: a blob's `Summary` (plan id; each action's id, rating as written,
//!   whether it is open, due as written, how many updates);
//! - `v1/runs/<commit>-<key>`: the amber runs of every action at a commit (`Runs`), for one
//!   configuration of the rule (`key`: scale, plan globs, the walk's cut-off date).
//!
//! Each file starts with a header naming the format, its kind and its key, and the SHA-1 of its
//! payload. A file that is truncated, garbled, from another version or for another key is never
//! trusted: it is counted (the command notes it once) and written again. Every file is written
//! to a temporary file beside it and renamed, so two planlint processes writing the same entry
//! at once leave one whole file or the other. Writing is best effort: a read-only repository
//! only loses the speed.
//!
//! `--no-cache` (`set_enabled(false)`) neither reads nor writes it; `planlint clean` removes it.
//! `PLANLINT_DEBUG=cache` adds a note with what the run parsed, read and wrote.
//!
//! May use: `plan`, `workspace`.

use crate::plan::load::PlanFile;
use crate::plan::model::Due;
use chrono::NaiveDate;
use git2::Oid;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// The folder in the git directory the cache lives in.
pub const DIR: &str = "planlint-cache";
/// The format; a change of `Summary` or `Runs` bumps it (older folders are then ignored).
const VERSION: &str = "v1";
const MAGIC: &str = "planlint-cache 1";

static ENABLED: AtomicBool = AtomicBool::new(true);

/// Switches the cache off for this process (`--no-cache`).
pub fn set_enabled(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
}

/// What the history rules need of one plan blob.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Why it is not a readable plan (then the rest is empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub plan: String,
    pub actions: Vec<ActionSummary>,
}

/// An action as the history rules see it. Stored with one-letter keys: a summary of a
/// 50-action plan then fits in one 4 KB block of the file system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionSummary {
    #[serde(rename = "i")]
    pub id: String,
    /// The action's own `rag`, as written.
    #[serde(rename = "r", default, skip_serializing_if = "Option::is_none")]
    pub rag: Option<String>,
    #[serde(rename = "o")]
    pub open: bool,
    #[serde(rename = "d", default, skip_serializing_if = "Option::is_none")]
    pub due: Option<DueText>,
    #[serde(rename = "u")]
    pub updates: usize,
}

/// A `due` as written: a TOML date or the timescale text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DueText {
    #[serde(rename = "d")]
    Date(NaiveDate),
    #[serde(rename = "t")]
    Text(String),
}

impl DueText {
    pub fn due(&self) -> Due {
        match self {
            DueText::Date(d) => Due::Date(*d),
            DueText::Text(t) => Due::Text(t.clone()),
        }
    }
}

impl Summary {
    pub fn of(p: &PlanFile) -> Summary {
        Summary {
            error: None,
            plan: p.plan.id().to_string(),
            actions: p
                .plan
                .actions
                .iter()
                .map(|a| {
                    let a = a.get_ref();
                    ActionSummary {
                        id: a.id.get_ref().clone(),
                        rag: a.rag.as_ref().map(|r| r.get_ref().clone()),
                        open: a.is_open(),
                        due: a.due.as_ref().map(|d| match d.get_ref() {
                            Due::Date(d) => DueText::Date(*d),
                            Due::Text(t) => DueText::Text(t.clone()),
                        }),
                        updates: a.updates.len(),
                    }
                })
                .collect(),
        }
    }

    fn unreadable(why: String) -> Summary {
        Summary {
            error: Some(why),
            plan: String::new(),
            actions: Vec::new(),
        }
    }
}

/// The amber runs at one commit: for each plan file (path, plan id), each action rated amber or
/// worse there and the date its unbroken run of such ratings began (see `git::past`).
pub type Runs = Vec<(String, String, Vec<(String, NaiveDate)>)>;

/// What one run did with the cache, for tests and `PLANLINT_DEBUG=cache`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Blobs parsed (not found in the cache).
    pub parsed: usize,
    /// Summaries read from the cache's files.
    pub read: usize,
    /// Files written.
    pub written: usize,
    /// Files ignored because they were damaged or foreign.
    pub damaged: usize,
}

/// The cache of one repository for one run: the files, and what was read this run.
pub struct Cache {
    /// `None` when switched off or when there is no git directory to keep it in.
    dir: Option<PathBuf>,
    memory: Mutex<HashMap<Oid, Arc<Summary>>>,
    parsed: AtomicUsize,
    read: AtomicUsize,
    written: AtomicUsize,
    damaged: AtomicUsize,
}

impl Cache {
    /// The cache kept in `git_dir` (the common git directory), unless switched off.
    pub fn new(git_dir: &Path) -> Cache {
        let dir = ENABLED
            .load(Ordering::Relaxed)
            .then(|| git_dir.join(DIR).join(VERSION));
        Cache {
            dir,
            memory: Mutex::new(HashMap::new()),
            parsed: AtomicUsize::new(0),
            read: AtomicUsize::new(0),
            written: AtomicUsize::new(0),
            damaged: AtomicUsize::new(0),
        }
    }

    pub fn stats(&self) -> Stats {
        Stats {
            parsed: self.parsed.load(Ordering::Relaxed),
            read: self.read.load(Ordering::Relaxed),
            written: self.written.load(Ordering::Relaxed),
            damaged: self.damaged.load(Ordering::Relaxed),
        }
    }

    /// What the user should hear about the cache: damaged files (once), and with
    /// `PLANLINT_DEBUG=cache` what this run did.
    pub fn notes(&self) -> Vec<String> {
        let s = self.stats();
        let mut notes = Vec::new();
        if s.damaged > 0 {
            if let Some(dir) = &self.dir {
                notes.push(format!(
                    "ignored {} damaged or foreign file{} in the history cache ({}) and rebuilt {}; `planlint clean` empties it",
                    s.damaged,
                    if s.damaged == 1 { "" } else { "s" },
                    dir.display(),
                    if s.damaged == 1 { "it" } else { "them" },
                ));
            }
        }
        if std::env::var("PLANLINT_DEBUG").is_ok_and(|v| v.split(',').any(|w| w == "cache")) {
            notes.push(format!(
                "cache: {} blob{} parsed, {} summar{} read, {} file{} written, {} damaged{}",
                s.parsed,
                if s.parsed == 1 { "" } else { "s" },
                s.read,
                if s.read == 1 { "y" } else { "ies" },
                s.written,
                if s.written == 1 { "" } else { "s" },
                s.damaged,
                if self.dir.is_none() {
                    " (cache off)"
                } else {
                    ""
                },
            ));
        }
        notes
    }

    /// The summary of a blob: from this run's memory, the cache's file, or else `parse` (its
    /// bytes parsed), which is then kept.
    pub fn summary(
        &self,
        oid: Oid,
        parse: impl FnOnce() -> Result<PlanFile, String>,
    ) -> Arc<Summary> {
        if let Some(s) = self.memory.lock().expect("no panic holds it").get(&oid) {
            return s.clone();
        }
        if self.load_summary(oid) {
            if let Some(s) = self.memory.lock().expect("no panic holds it").get(&oid) {
                return s.clone();
            }
        }
        self.parse(oid, parse)
    }

    /// The summary of a blob the cache does not hold: `parse`d, then kept.
    pub fn parse(
        &self,
        oid: Oid,
        parse: impl FnOnce() -> Result<PlanFile, String>,
    ) -> Arc<Summary> {
        self.parsed.fetch_add(1, Ordering::Relaxed);
        let s = match parse() {
            Ok(p) => Summary::of(&p),
            Err(e) => Summary::unreadable(e),
        };
        if let Some(p) = self.blob_path(oid) {
            self.store(&p, "blob", &oid.to_string(), &s);
        }
        let s = Arc::new(s);
        self.memory
            .lock()
            .expect("no panic holds it")
            .insert(oid, s.clone());
        s
    }

    /// True when this run holds the blob's summary already.
    pub fn in_memory(&self, oid: Oid) -> bool {
        self.memory
            .lock()
            .expect("no panic holds it")
            .contains_key(&oid)
    }

    /// Reads the blob's summary from the cache's file into memory: false when there is none.
    pub fn load_summary(&self, oid: Oid) -> bool {
        let Some(path) = self.blob_path(oid) else {
            return false;
        };
        match self.load::<Summary>(&path, "blob", &oid.to_string()) {
            Some(s) => {
                self.read.fetch_add(1, Ordering::Relaxed);
                self.memory
                    .lock()
                    .expect("no panic holds it")
                    .insert(oid, Arc::new(s));
                true
            }
            None => false,
        }
    }

    /// Keeps the summary of a blob parsed elsewhere (the check's own plans), when the cache does
    /// not hold it yet.
    pub fn remember(&self, oid: Oid, p: &PlanFile) {
        if oid.is_zero()
            || self
                .memory
                .lock()
                .expect("no panic holds it")
                .contains_key(&oid)
        {
            return;
        }
        let s = Arc::new(Summary::of(p));
        if let Some(path) = self.blob_path(oid) {
            if !path.is_file() {
                self.store(&path, "blob", &oid.to_string(), &*s);
            }
        }
        self.memory
            .lock()
            .expect("no panic holds it")
            .insert(oid, s);
    }

    /// The amber runs at `commit` for the configuration `key`, when kept.
    pub fn runs(&self, commit: Oid, key: &str) -> Option<Runs> {
        let path = self.runs_path(commit, key)?;
        let full = format!("{commit}-{key}");
        let r = self.load::<Runs>(&path, "runs", &full);
        if r.is_some() {
            self.read.fetch_add(1, Ordering::Relaxed);
        }
        r
    }

    pub fn keep_runs(&self, commit: Oid, key: &str, runs: &Runs) {
        if let Some(path) = self.runs_path(commit, key) {
            self.store(&path, "runs", &format!("{commit}-{key}"), runs);
        }
    }

    fn blob_path(&self, oid: Oid) -> Option<PathBuf> {
        let hex = oid.to_string();
        Some(
            self.dir
                .as_ref()?
                .join("blobs")
                .join(&hex[..2])
                .join(&hex[2..]),
        )
    }

    fn runs_path(&self, commit: Oid, key: &str) -> Option<PathBuf> {
        Some(
            self.dir
                .as_ref()?
                .join("runs")
                .join(format!("{commit}-{key}")),
        )
    }

    /// Reads an entry; `None` when there is none, or when it is damaged or foreign (counted).
    fn load<T: for<'de> Deserialize<'de>>(&self, path: &Path, kind: &str, key: &str) -> Option<T> {
        let bytes = match crate::workspace::files::read_regular(path, MAX_ENTRY) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(_) => {
                self.damaged.fetch_add(1, Ordering::Relaxed);
                return None;
            }
        };
        let found = decode(&bytes, kind, key);
        if found.is_none() {
            self.damaged.fetch_add(1, Ordering::Relaxed);
        }
        found
    }

    fn store<T: Serialize + ?Sized>(&self, path: &Path, kind: &str, key: &str, value: &T) {
        let Ok(payload) = serde_json::to_vec(value) else {
            return;
        };
        let Ok(sum) = Oid::hash_object(git2::ObjectType::Blob, &payload) else {
            return;
        };
        let mut bytes = format!("{MAGIC}\n{kind} {key}\n{sum}\n").into_bytes();
        bytes.extend_from_slice(&payload);
        let written = path
            .parent()
            .is_some_and(|d| std::fs::create_dir_all(d).is_ok())
            && crate::workspace::files::replace_atomic(path, &bytes, false).is_ok();
        if written {
            self.written.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// No entry is larger than this (a plan is at most `MAX_FILE_BYTES`, its summary far less; a
/// run lists at most every action of every plan).
const MAX_ENTRY: usize = 256 << 20;

/// An entry's payload, when the header is ours, for this kind and key, and the checksum holds.
fn decode<T: for<'de> Deserialize<'de>>(bytes: &[u8], kind: &str, key: &str) -> Option<T> {
    let mut parts = bytes.splitn(4, |b| *b == b'\n');
    let magic = parts.next()?;
    let what = parts.next()?;
    let sum = parts.next()?;
    let payload = parts.next()?;
    if magic != MAGIC.as_bytes() || what != format!("{kind} {key}").as_bytes() {
        return None;
    }
    let sum = Oid::from_str(std::str::from_utf8(sum).ok()?).ok()?;
    if Oid::hash_object(git2::ObjectType::Blob, payload).ok()? != sum {
        return None;
    }
    serde_json::from_slice(payload).ok()
}

/// Removes the cache of the repository whose (common) git directory is `git_dir`: what it
/// removed, or `None` when there was none.
pub fn clean(git_dir: &Path) -> std::io::Result<Option<PathBuf>> {
    let dir = git_dir.join(DIR);
    match std::fs::symlink_metadata(&dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(&dir).map(|()| Some(dir)),
        Ok(_) => std::fs::remove_file(&dir).map(|()| Some(dir)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_round_trips_and_anything_else_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache::new(dir.path());
        let text = crate::testgen::plan(3, 5);
        let oid = Oid::hash_object(git2::ObjectType::Blob, text.as_bytes()).expect("hash");
        let parse = || crate::plan::load::read_plan("p.toml", text.as_bytes());
        let first = cache.summary(oid, parse);
        assert_eq!(first.plan, "plan-3");
        assert_eq!(first.actions.len(), 5);
        assert_eq!(cache.stats().parsed, 1);
        // a 50-action plan's entry fits one 4 KB block
        let big = crate::testgen::plan(4, 50);
        let big_oid = Oid::hash_object(git2::ObjectType::Blob, big.as_bytes()).expect("hash");
        cache.summary(big_oid, || {
            crate::plan::load::read_plan("q.toml", big.as_bytes())
        });
        let size = std::fs::metadata(cache.blob_path(big_oid).expect("a path"))
            .expect("entry")
            .len();
        assert!(size <= 4096, "{size}");

        // a new run reads it back without parsing
        let again = Cache::new(dir.path());
        let second = again.summary(oid, || panic!("must not parse a cached blob"));
        assert_eq!(*second, *first);
        assert_eq!(
            again.stats(),
            Stats {
                read: 1,
                ..Stats::default()
            }
        );

        // the file of another key, a flipped byte, a cut: each ignored and counted
        let path = again.blob_path(oid).expect("a path");
        let good = std::fs::read(&path).expect("entry");
        let other = Oid::hash_object(git2::ObjectType::Blob, b"other").expect("hash");
        let mut flipped = good.clone();
        let last = flipped.len() - 2;
        flipped[last] ^= 1;
        for bad in [&good[..good.len() / 2], &flipped[..], b"garbage"] {
            assert!(decode::<Summary>(bad, "blob", &oid.to_string()).is_none());
        }
        assert!(decode::<Summary>(&good, "blob", &other.to_string()).is_none());
        assert!(decode::<Summary>(&good, "blob", &oid.to_string()).is_some());
    }
}
