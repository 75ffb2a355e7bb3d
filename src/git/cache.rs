//! The history cache: what the history-aware rules (and `check --staged`'s cross-plan rule)
//! need of a plan blob, kept per blob id, so a blob is parsed once, ever, in a repository.
//!
//! Blob ids never change meaning, so an entry is never stale. It lives in the git directory
//! (`.git/planlint-cache/`, shared by linked worktrees):
//!
//! - `v2/packs/<sha1>.pack`: blobs' `Summary`s (plan id; each action's id, rating as written,
//!   whether it is open, due as written, how many updates), many to a file (`pack`: a sorted
//!   index, then the entries in a compact binary form, `codec`). The summaries a run works out
//!   are kept in memory and written at its end (`flush`, or when the cache is dropped) as one
//!   new pack; a run that writes while there are `MAX_PACKS` packs or more, or one of them is
//!   damaged, merges them all into its new pack, then removes them.
//! - `v2/runs/<commit>-<key>`: the amber runs of every action at a commit (`Runs`), for one
//!   configuration of the rule (`key`: scale, plan globs, the walk's cut-off date). Small files,
//!   one per checked commit and configuration (few), each starting with a header naming the
//!   format, its kind and its key, and the SHA-1 of its payload.
//!
//! A run reads the packs' indexes on its first look-up, then each summary it needs with one
//! read, checked against its own SHA-1. Nothing damaged, cut or foreign is trusted: it is
//! counted (the command notes it once), recomputed, and replaced (a pack by the merge, which
//! keeps its sound entries). Every file is written to a temporary file beside it and renamed,
//! and a pack is never changed once written, so two planlint processes at once leave whole
//! files; one that finds a pack gone (merged away by another) looks again, and a summary it
//! then misses is only parsed again. Writing is best effort: a read-only repository only loses
//! the speed.
//!
//! `--no-cache` (`Options::enabled` false) neither reads nor writes it; `planlint clean` removes
//! it. `PLANLINT_DEBUG=cache` (`Options::debug`) adds a note with what the run parsed, read and
//! wrote.
//!
//! May use: `plan`, `workspace`.

mod codec;
mod pack;

use crate::plan::load::PlanFile;
use crate::plan::model::Due;
use chrono::NaiveDate;
use git2::Oid;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use pack::{Opened, Pack};

/// The folder in the git directory the cache lives in.
pub const DIR: &str = "planlint-cache";
/// The format; a change of `Summary`, `Runs` or the packs bumps it (older folders are then
/// ignored).
const VERSION: &str = "v2";
/// The first line of a runs file.
const MAGIC: &str = "planlint-cache 2";

/// How a run uses the cache, decided by the command line and handed to `Repo::open`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// False with `--no-cache`: the cache is neither read nor written.
    pub enabled: bool,
    /// `PLANLINT_DEBUG=cache`: a note says what the run parsed, read and wrote.
    pub debug: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            enabled: true,
            debug: false,
        }
    }
}

/// What the history rules need of one plan blob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Why it is not a readable plan (then the rest is empty).
    pub error: Option<String>,
    pub plan: String,
    pub actions: Vec<ActionSummary>,
}

/// An action as the history rules see it (stored in packs in the compact form of `codec`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionSummary {
    pub id: String,
    /// The action's own `rag`, as written.
    pub rag: Option<String>,
    pub open: bool,
    pub due: Option<DueText>,
    pub updates: usize,
}

/// A `due` as written: a TOML date or the timescale text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DueText {
    Date(NaiveDate),
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
    /// Summaries (and amber runs) read from the cache's files.
    pub read: usize,
    /// Files written (packs and runs).
    pub written: usize,
    /// Files ignored, in whole or in part, because they were damaged or foreign.
    pub damaged: usize,
}

/// A run that writes a pack while there are this many or more merges them into it.
const MAX_PACKS: usize = 8;

/// The packs a run found (read on its first look-up).
struct Packs {
    open: Vec<Pack>,
    /// Packs that are not whole packs of this format: removed by the next write.
    damaged: Vec<PathBuf>,
}

/// The cache of one repository for one run: the files, and what was read this run.
pub struct Cache {
    /// `None` when switched off or when there is no git directory to keep it in.
    dir: Option<PathBuf>,
    memory: Mutex<HashMap<Oid, Arc<Summary>>>,
    /// Summaries in `memory` that no pack holds: the next `flush` writes them.
    fresh: Mutex<Vec<Oid>>,
    packs: OnceLock<Packs>,
    /// Whether a `flush` has merged or removed the packs in `packs` (later ones must not).
    merged: AtomicBool,
    parsed: AtomicUsize,
    read: AtomicUsize,
    written: AtomicUsize,
    damaged: AtomicUsize,
    /// Whether `notes` says what the run did (`Options::debug`).
    debug: bool,
}

/// The guarded value, even if a thread panicked holding it (the cache holds no invariant a
/// panic could break halfway).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Cache {
    /// The cache kept in `git_dir` (the common git directory), unless switched off.
    pub fn new(git_dir: &Path, opts: Options) -> Cache {
        let mut cache = Cache::at(opts.enabled.then(|| git_dir.join(DIR).join(VERSION)));
        cache.debug = opts.debug;
        cache
    }

    /// The cache kept in `dir`; `None`: none.
    fn at(dir: Option<PathBuf>) -> Cache {
        Cache {
            dir,
            memory: Mutex::new(HashMap::new()),
            fresh: Mutex::new(Vec::new()),
            packs: OnceLock::new(),
            merged: AtomicBool::new(false),
            parsed: AtomicUsize::new(0),
            read: AtomicUsize::new(0),
            written: AtomicUsize::new(0),
            damaged: AtomicUsize::new(0),
            debug: false,
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
    /// `PLANLINT_DEBUG=cache` what this run did. Call `flush` first to count what it writes.
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
        if self.debug {
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

    /// The summary of a blob: from this run's memory, the cache's packs, or else `parse` (its
    /// bytes parsed), which is then kept.
    pub fn summary(
        &self,
        oid: Oid,
        parse: impl FnOnce() -> Result<Summary, String>,
    ) -> Arc<Summary> {
        if let Some(s) = lock(&self.memory).get(&oid) {
            return s.clone();
        }
        if self.load_summary(oid) {
            if let Some(s) = lock(&self.memory).get(&oid) {
                return s.clone();
            }
        }
        self.parse(oid, parse)
    }

    /// The summary of a blob the cache does not hold: `parse`d, then kept.
    pub fn parse(&self, oid: Oid, parse: impl FnOnce() -> Result<Summary, String>) -> Arc<Summary> {
        self.parsed.fetch_add(1, Ordering::Relaxed);
        let s = parse().unwrap_or_else(Summary::unreadable);
        let s = Arc::new(s);
        self.keep(oid, s.clone());
        s
    }

    /// Puts a summary no pack holds in memory, to be written by the next `flush`.
    fn keep(&self, oid: Oid, s: Arc<Summary>) {
        let new = lock(&self.memory).insert(oid, s).is_none();
        if new && self.dir.is_some() {
            lock(&self.fresh).push(oid);
        }
    }

    /// True when this run holds the blob's summary already.
    pub fn in_memory(&self, oid: Oid) -> bool {
        lock(&self.memory).contains_key(&oid)
    }

    /// Reads the blob's summary from the cache's packs into memory: false when there is none.
    pub fn load_summary(&self, oid: Oid) -> bool {
        let Some(packs) = self.packs() else {
            return false;
        };
        for p in &packs.open {
            let summary = match p.read(oid) {
                Ok(None) => continue,
                Ok(Some(bytes)) => codec::decode(&bytes),
                Err(()) => None,
            };
            match summary {
                Some(s) => {
                    self.read.fetch_add(1, Ordering::Relaxed);
                    lock(&self.memory).insert(oid, Arc::new(s));
                    return true;
                }
                None => {
                    if p.mark_damaged() {
                        self.damaged.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }
        false
    }

    /// Keeps the summary of a blob parsed elsewhere (the check's own plans); it is written when
    /// no pack holds it yet.
    pub fn remember(&self, oid: Oid, p: &PlanFile) {
        if oid.is_zero() || self.in_memory(oid) {
            return;
        }
        let s = Arc::new(Summary::of(p));
        if self
            .packs()
            .is_some_and(|packs| packs.open.iter().any(|p| p.contains(oid)))
        {
            lock(&self.memory).insert(oid, s);
        } else {
            self.keep(oid, s);
        }
    }

    /// The packs, their indexes read on the first call: `None` when the cache is off.
    fn packs(&self) -> Option<&Packs> {
        let dir = self.dir.as_ref()?;
        Some(self.packs.get_or_init(|| {
            let packs = find_packs(&dir.join("packs"));
            self.damaged
                .fetch_add(packs.damaged.len(), Ordering::Relaxed);
            packs
        }))
    }

    /// Writes the summaries this run worked out as one new pack, merging the packs it read into
    /// it when there are `MAX_PACKS` or more of them or one is damaged (then removes those).
    /// Nothing to write, nothing done; called again, it writes only what is new since.
    pub fn flush(&self) {
        let Some(dir) = &self.dir else {
            return;
        };
        let fresh = std::mem::take(&mut *lock(&self.fresh));
        let damaged = !self.merged.load(Ordering::Relaxed)
            && self
                .packs
                .get()
                .is_some_and(|p| !p.damaged.is_empty() || p.open.iter().any(Pack::is_damaged));
        if fresh.is_empty() && !damaged {
            return;
        }
        let Some(packs) = self.packs() else {
            return;
        };
        let mut entries: Vec<(Oid, Vec<u8>)> = {
            let memory = lock(&self.memory);
            fresh
                .iter()
                .filter_map(|o| memory.get(o).map(|s| (*o, s)))
                .map(|(o, s)| {
                    let mut bytes = Vec::new();
                    codec::encode(s, &mut bytes);
                    (o, bytes)
                })
                .collect()
        };
        let mut merged: Vec<&Path> = Vec::new();
        if damaged || (packs.open.len() >= MAX_PACKS && !self.merged.load(Ordering::Relaxed)) {
            merged.extend(packs.damaged.iter().map(PathBuf::as_path));
            for p in &packs.open {
                let (sound, bad) = p.salvage();
                if bad && p.mark_damaged() {
                    self.damaged.fetch_add(1, Ordering::Relaxed);
                }
                entries.extend(sound);
                merged.push(&p.path);
            }
        }
        let dir = dir.join("packs");
        let new = match pack::build(entries) {
            None => None,
            Some((name, bytes)) => {
                let path = dir.join(name);
                let written = std::fs::create_dir_all(&dir).is_ok()
                    && crate::workspace::files::replace_atomic(&path, &bytes, false).is_ok();
                if !written {
                    // keep what is there: nothing of it is lost, and the next run tries again
                    return;
                }
                self.written.fetch_add(1, Ordering::Relaxed);
                Some(path)
            }
        };
        if !merged.is_empty() {
            self.merged.store(true, Ordering::Relaxed);
        }
        for old in merged {
            // another planlint may have removed it first (or, with the same entries, written
            // the very pack this one is)
            if new.as_deref() != Some(old) {
                let _ = std::fs::remove_file(old);
            }
        }
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

impl Drop for Cache {
    /// A run that did not `flush` (an error cut it short) still keeps what it worked out.
    fn drop(&mut self) {
        self.flush();
    }
}

/// Opens the packs in `dir` (none when there is no such folder). A pack that vanishes between
/// listing and opening was merged away by another planlint: the folder is listed again.
fn find_packs(dir: &Path) -> Packs {
    let mut packs = Packs {
        open: Vec::new(),
        damaged: Vec::new(),
    };
    for _ in 0..3 {
        let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.ends_with(".pack") && !n.starts_with('.'))
            })
            .collect();
        names.sort();
        packs = Packs {
            open: Vec::new(),
            damaged: Vec::new(),
        };
        let mut gone = false;
        for path in names {
            match Pack::open(&path) {
                Opened::Pack(p) => packs.open.push(p),
                Opened::Gone => gone = true,
                Opened::Damaged => packs.damaged.push(path),
            }
        }
        if !gone {
            break;
        }
    }
    // the largest first: most look-ups end in the first pack
    packs.open.sort_by_key(|p| std::cmp::Reverse(p.len()));
    packs
}

/// No runs file is larger than this (a run lists at most every action of every plan).
const MAX_ENTRY: usize = 256 << 20;

/// A runs file's payload, when the header is ours, for this kind and key, and the checksum
/// holds.
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

    fn blob(text: &str) -> Oid {
        Oid::hash_object(git2::ObjectType::Blob, text.as_bytes()).expect("hash")
    }

    fn packs_in(dir: &Path) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir.join(DIR).join(VERSION).join("packs"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_summary_is_written_in_a_pack_at_the_end_and_read_back_by_the_next_run() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache::new(dir.path(), Options::default());
        let text = crate::testgen::plan(3, 5);
        let oid = blob(&text);
        let parse = || crate::git::summary::read("p.toml", text.as_bytes());
        let first = cache.summary(oid, parse);
        assert_eq!(first.plan, "plan-3");
        assert_eq!(first.actions.len(), 5);
        let big = crate::testgen::plan(4, 50);
        cache.summary(blob(&big), || {
            crate::git::summary::read("q.toml", big.as_bytes())
        });
        let bad = blob("not a plan");
        let unreadable = cache.summary(bad, || Err("line 1: not TOML".to_string()));
        assert_eq!(unreadable.error.as_deref(), Some("line 1: not TOML"));
        assert_eq!(cache.stats().parsed, 3);
        // nothing is written before the end of the run, then one file for all
        assert!(packs_in(dir.path()).is_empty());
        cache.flush();
        cache.flush();
        assert_eq!(packs_in(dir.path()).len(), 1);
        assert_eq!(cache.stats().written, 1);
        // three summaries, one of a 50-action plan, take well under one 4 KB block
        let size = std::fs::metadata(&packs_in(dir.path())[0])
            .expect("pack")
            .len();
        assert!(size <= 2048, "{size}");

        // a new run reads them back without parsing, and writes nothing
        let again = Cache::new(dir.path(), Options::default());
        let second = again.summary(oid, || panic!("must not parse a cached blob"));
        assert_eq!(*second, *first);
        let third = again.summary(bad, || panic!("must not parse a cached blob"));
        assert_eq!(*third, *unreadable);
        again.flush();
        assert_eq!(
            again.stats(),
            Stats {
                read: 2,
                ..Stats::default()
            }
        );
        // the check's own plans are written only when no pack holds them
        let parsed = crate::plan::load::read_plan("p.toml", text.as_bytes()).expect("a plan");
        again.remember(oid, &parsed);
        let other = crate::testgen::plan(5, 2);
        let other_plan = crate::plan::load::read_plan("r.toml", other.as_bytes()).expect("a plan");
        again.remember(blob(&other), &other_plan);
        drop(again);
        assert_eq!(
            packs_in(dir.path()).len(),
            2,
            "dropping the cache flushes it"
        );
        let last = Cache::new(dir.path(), Options::default());
        assert!(last.load_summary(blob(&other)));
        assert_eq!(last.stats().damaged, 0);
    }

    #[test]
    fn a_damaged_pack_is_counted_recomputed_and_replaced_keeping_its_sound_entries() {
        let dir = tempfile::tempdir().expect("temp dir");
        let plans: Vec<String> = (0..4).map(|n| crate::testgen::plan(n, 3)).collect();
        let read = |cache: &Cache, i: usize| {
            cache.summary(blob(&plans[i]), || {
                crate::git::summary::read("p.toml", plans[i].as_bytes())
            })
        };
        let cache = Cache::new(dir.path(), Options::default());
        for i in 0..4 {
            read(&cache, i);
        }
        cache.flush();
        let pack = packs_in(dir.path()).remove(0);
        let mut bytes = std::fs::read(&pack).expect("pack");
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&pack, &bytes).expect("damage");

        let cache = Cache::new(dir.path(), Options::default());
        for i in 0..4 {
            read(&cache, i);
        }
        cache.flush();
        let s = cache.stats();
        assert_eq!(
            (s.parsed, s.read, s.damaged, s.written),
            (1, 3, 1, 1),
            "{s:?}"
        );
        assert_eq!(cache.notes().len(), 1, "{:?}", cache.notes());
        assert!(cache.notes()[0].contains("ignored 1 damaged or foreign file"));
        // the damaged pack is replaced by one with its sound entries and the recomputed one
        // (the same entries: the same name), which the end of the run leaves alone
        drop(cache);
        assert_eq!(packs_in(dir.path()), vec![pack.clone()]);
        let cache = Cache::new(dir.path(), Options::default());
        for i in 0..4 {
            read(&cache, i);
        }
        assert_eq!((cache.stats().read, cache.stats().damaged), (4, 0));

        // a foreign file named like a pack: counted once, removed by the next write
        let foreign = pack.with_file_name("foreign.pack");
        std::fs::write(&foreign, b"\x00\xffgarbage").expect("write");
        let cache = Cache::new(dir.path(), Options::default());
        let extra = crate::testgen::plan(9, 1);
        cache.summary(blob(&extra), || {
            crate::git::summary::read("x.toml", extra.as_bytes())
        });
        read(&cache, 0);
        cache.flush();
        assert_eq!(cache.stats().damaged, 1);
        assert!(!foreign.exists());
    }

    #[test]
    fn many_packs_are_merged_into_one_by_the_run_that_writes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let plans: Vec<String> = (0..12).map(|n| crate::testgen::plan(n, 2)).collect();
        for (i, text) in plans.iter().enumerate() {
            let cache = Cache::new(dir.path(), Options::default());
            cache.summary(blob(text), || {
                crate::git::summary::read("p.toml", text.as_bytes())
            });
            cache.flush();
            let n = packs_in(dir.path()).len();
            assert!(n <= MAX_PACKS, "{n} packs after run {i}");
        }
        assert_eq!(packs_in(dir.path()).len(), 12 - MAX_PACKS);
        let cache = Cache::new(dir.path(), Options::default());
        for text in &plans {
            cache.summary(blob(text), || panic!("every summary is kept"));
        }
        assert_eq!(cache.stats().damaged, 0);
    }

    #[test]
    fn a_cache_switched_off_keeps_nothing_and_a_runs_file_is_checked() {
        let dir = tempfile::tempdir().expect("temp dir");
        let off = Cache::at(None);
        let text = crate::testgen::plan(1, 1);
        off.summary(blob(&text), || {
            crate::git::summary::read("p.toml", text.as_bytes())
        });
        off.keep_runs(blob("c"), "k", &Runs::new());
        drop(off);
        assert!(!dir.path().join(DIR).exists());

        let cache = Cache::new(dir.path(), Options::default());
        let runs: Runs = vec![(
            "plans/p.toml".to_string(),
            "p".to_string(),
            vec![("1".to_string(), NaiveDate::MIN)],
        )];
        cache.keep_runs(blob("c"), "k", &runs);
        assert_eq!(
            Cache::new(dir.path(), Options::default()).runs(blob("c"), "k"),
            Some(runs)
        );
        let path = cache.runs_path(blob("c"), "k").expect("a path");
        let good = std::fs::read(&path).expect("entry");
        let mut flipped = good.clone();
        let last = flipped.len() - 2;
        flipped[last] ^= 1;
        let key = format!("{}-k", blob("c"));
        for bad in [&good[..good.len() / 2], &flipped[..], b"garbage"] {
            assert!(decode::<Runs>(bad, "runs", &key).is_none());
        }
        assert!(decode::<Runs>(&good, "runs", "other").is_none());
        assert!(decode::<Runs>(&good, "runs", &key).is_some());
    }
}
