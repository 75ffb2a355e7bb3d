//! The history cache: what the history-aware rules (and `check --staged`'s cross-plan rule)
//! need of a plan blob, kept per blob id, so a blob is parsed once, ever, in a repository.
//!
//! Blob ids never change meaning, so an entry is never stale. It lives in the git directory
//! (`.git/planlint-cache/`, shared by linked worktrees):
//!
//! - `v3/packs/<sha1>.pack`: blobs' `Summary`s (plan id; each action's id, rating as written,
//!   whether it is open, due as written, how many updates), many to a file (`pack`: a sorted
//!   index, then the entries in a compact binary form, `codec`). The summaries a run works out
//!   are kept in memory and written at its end (`flush`, or when the cache is dropped) as one
//!   new pack; a run that writes while there are `MAX_PACKS` packs or more, or one of them is
//!   damaged, merges them all into its new pack, then removes them.
//! - `v3/runs/<commit>-<key>`: the timeline of every action at a commit (`Runs`: a memo of
//!   `git::past`'s walk), for one configuration (`key`: plan globs, the walk's cut-off date).
//!   Small files,
//!   one per checked commit and configuration (few), each starting with a header naming the
//!   format, its kind and its key, and the SHA-1 of its payload.
//! - `v3/tallies/<key>`: the rating counts of a whole snapshot (`report --cycles`: a review
//!   cycle's), for one set of plan blobs and one scale (`key`: a SHA-1 of what they count and of
//!   `binding`), so a report over a hundred cycles reads a hundred small files, not every plan's
//!   summary in every cycle. The same header as a runs file; a payload of little-endian `u64`s.
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
//! What the cache trusts, and what it does not. It is read only from real folders inside the
//! git directory: when `planlint-cache`, its format folder or `packs`/`runs`/`tallies` is a symbolic link
//! or not a folder, or `packs` holds a file planlint did not write (a name of another form is
//! left alone; a `.pack` name without planlint's magic, or a link, is foreign), or a runs or
//! tallies file it reads is a link, not a plain file, or lacks the magic, the run uses no
//! cache at all, says so once, and changes nothing there. planlint removes only files it wrote:
//! a `<sha1>.pack` name that starts with its magic. A pack is bound to planlint's version and
//! to the repository's git directory (`binding`), so a cache copied in with a repository (a
//! tarball, say) is never read, only replaced. The SHA-1s over a file's own bytes catch damage,
//! not forgery: anyone who can write `.git` can also run code through its hooks and config, and
//! could write a pack whose summaries hide or add history findings. As a cheap check, a
//! summary the cache holds for a blob the run parses anyway (the plans being checked) is
//! compared with the parse, and a pack that disagrees is treated as damaged.
//!
//! `--no-cache` (`Options::enabled` false) neither reads nor writes it; `planlint clean` removes
//! it. `PLANLINT_DEBUG=cache` (`Options::debug`) adds a note with what the run parsed, read and
//! wrote.
//!
//! May use: `plan`, `workspace`.

mod codec;
mod pack;

use crate::git::ObjectId;
use crate::lint::past::Tracked;
use crate::plan::model::Due;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use pack::{Binding, Opened, Pack};

/// The folder in the git directory the cache lives in.
pub const DIR: &str = "planlint-cache";
/// The format; a change of `Summary`, `Runs` or the packs bumps it (older folders are then
/// ignored).
/// v3: a runs file's timeline in `codec`'s binary form (it was JSON, whose decoding was the
/// larger part of a warm check's history pass).
const VERSION: &str = "v3";
/// The first line of a runs file.
const MAGIC: &str = "planlint-cache 3";
/// A runs file's kind, on its second line.
const RUNS: &str = "runs";
/// A tallies file's kind, on its second line.
const TALLY: &str = "tally";
/// No tally counts more ratings than this (a scale has a handful).
const MAX_TALLY: usize = 1024;
/// No tallies file is larger than this: its header and `MAX_TALLY` counts.
const MAX_TALLY_FILE: usize = 512 + 8 * MAX_TALLY;

/// How a run uses the cache, decided by the command line and handed to `Repo::open`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// False with `--no-cache`: the cache is neither read nor written.
    pub enabled: bool,
    /// `PLANLINT_DEBUG=cache`: a note says what the run parsed, read and wrote.
    pub debug: bool,
    /// `PLANLINT_DEBUG=full`: no fast path, the history of every plan walked as a check of
    /// them all walks it (the reference the fast paths are tested against; same results).
    pub full: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            enabled: true,
            debug: false,
            full: false,
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
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DueText {
    Date(NaiveDate),
    Text(String),
}

impl DueText {
    pub fn of(d: &Due) -> DueText {
        match d {
            Due::Date(d) => DueText::Date(*d),
            Due::Text(t) => DueText::Text(t.clone()),
        }
    }

    pub fn due(&self) -> Due {
        match self {
            DueText::Date(d) => Due::Date(*d),
            DueText::Text(t) => Due::Text(t.clone()),
        }
    }
}

/// A plan id and its actions' ratings as written, in order, borrowed from a summary or from
/// the bytes of one.
pub type Ratings<'a> = (&'a str, Vec<Option<&'a str>>);

impl Summary {
    /// Its plan id and its actions' ratings as written, in order; `None` for a file that is not
    /// a readable plan (what `codec::ratings` reads from the packed form).
    pub fn ratings(&self) -> Option<Ratings<'_>> {
        self.error.is_none().then(|| {
            (
                self.plan.as_str(),
                self.actions.iter().map(|a| a.rag.as_deref()).collect(),
            )
        })
    }

    /// A checked plan's summary (its actions as the history rules read them).
    pub fn of(p: &Tracked) -> Summary {
        Summary {
            error: None,
            plan: p.plan.clone(),
            actions: p
                .actions
                .iter()
                .map(|a| ActionSummary {
                    id: a.id.clone(),
                    rag: a.rag.as_ref().map(|r| r.get_ref().clone()),
                    open: a.open,
                    due: a.due.as_ref().map(|d| DueText::of(d.get_ref())),
                    updates: a.updates,
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

/// The timeline of every action at one commit (`lint::past::Timeline`, see `git::past`), as
/// kept: (plan id, action id, its points newest first: since, rating, open, due, updates).
pub type Runs = Vec<(String, String, Vec<RunPoint>)>;

/// A point of a kept timeline (`lint::past::Point`).
pub type RunPoint = (NaiveDate, Option<String>, bool, Option<DueText>, usize);

/// What one run did with the cache, for tests and `PLANLINT_DEBUG=cache`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Blobs parsed (not found in the cache).
    pub parsed: usize,
    /// Summaries (and amber runs) read from the cache's files.
    pub read: usize,
    /// Files written (packs, runs and tallies).
    pub written: usize,
    /// Files ignored, in whole or in part, because they were damaged or foreign.
    pub damaged: usize,
}

/// A run that writes a pack while there are this many or more merges them into it.
const MAX_PACKS: usize = 8;

/// The packs a run found (read on its first look-up).
#[derive(Default)]
struct Packs {
    open: Vec<Pack>,
    /// Packs planlint wrote that are not whole packs of this format, version and repository:
    /// removed by the next write.
    damaged: Vec<PathBuf>,
    /// Files named like packs that planlint did not write: never read, never removed; while
    /// there are any, the run uses no cache.
    foreign: Vec<PathBuf>,
}

/// The cache of one repository for one run: the files, and what was read this run.
pub struct Cache {
    /// `None` when switched off or when there is no git directory to keep it in.
    dir: Option<PathBuf>,
    /// The git directory the cache folder is in (every folder below it must be a real one).
    root: PathBuf,
    /// planlint's version and this repository: what every pack read must have been written for.
    binding: Binding,
    /// Why this run uses no cache although it is on (a link, a foreign file): said once.
    refused: OnceLock<String>,
    memory: Mutex<HashMap<ObjectId, Slot>>,
    /// Summaries in `memory` that no pack holds: the next `flush` writes them.
    fresh: Mutex<Vec<ObjectId>>,
    packs: OnceLock<Packs>,
    /// Whether a `flush` has merged or removed the packs in `packs` (later ones must not).
    merged: AtomicBool,
    parsed: AtomicUsize,
    read: AtomicUsize,
    written: AtomicUsize,
    damaged: AtomicUsize,
    /// Whether `notes` says what the run did (`Options::debug`).
    debug: bool,
    /// `Options::full`.
    full: bool,
}

/// A summary this run holds: whole, or set aside in the packs' compact form (`set_aside`) once
/// the run has used it, so a cold walk over thousands of old versions holds about 20 bytes an
/// action, not the whole summaries.
enum Slot {
    Whole(Arc<Summary>),
    Packed(Box<[u8]>),
}

impl Slot {
    fn summary(&self) -> Option<Arc<Summary>> {
        match self {
            Slot::Whole(s) => Some(s.clone()),
            Slot::Packed(b) => codec::decode(b).map(Arc::new),
        }
    }
}

/// The guarded value, even if a thread panicked holding it (the cache holds no invariant a
/// panic could break halfway).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Cache {
    /// The cache kept in `git_dir` (the common git directory), unless switched off.
    pub fn new(git_dir: &Path, opts: Options) -> Cache {
        let mut cache = Cache::at(
            git_dir,
            opts.enabled.then(|| git_dir.join(DIR).join(VERSION)),
        );
        cache.debug = opts.debug;
        cache.full = opts.full;
        if let Some(dir) = &cache.dir {
            if let Err(why) = real_folders(git_dir, dir) {
                cache.refuse(why);
            }
        }
        cache
    }

    /// The cache kept in `dir` inside the git directory `root`; `None`: none.
    fn at(root: &Path, dir: Option<PathBuf>) -> Cache {
        Cache {
            dir,
            root: root.to_path_buf(),
            binding: binding(root),
            refused: OnceLock::new(),
            memory: Mutex::new(HashMap::new()),
            fresh: Mutex::new(Vec::new()),
            packs: OnceLock::new(),
            merged: AtomicBool::new(false),
            parsed: AtomicUsize::new(0),
            read: AtomicUsize::new(0),
            written: AtomicUsize::new(0),
            damaged: AtomicUsize::new(0),
            debug: false,
            full: false,
        }
    }

    /// Whether the run takes no fast path (`Options::full`).
    pub fn full(&self) -> bool {
        self.full
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
        if let Some(why) = self.refused.get() {
            notes.push(format!(
                "the history cache was not used: {why}; planlint neither reads nor changes it (`planlint clean` removes the cache folder, `--no-cache` silences this)"
            ));
        }
        if s.damaged > 0 && self.refused.get().is_none() {
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
        oid: ObjectId,
        parse: impl FnOnce() -> Result<Summary, String>,
    ) -> Arc<Summary> {
        if let Some(s) = lock(&self.memory).get(&oid).and_then(Slot::summary) {
            return s;
        }
        if self.load_summary(oid) {
            if let Some(s) = lock(&self.memory).get(&oid).and_then(Slot::summary) {
                return s;
            }
        }
        self.parse(oid, parse)
    }

    /// The summary of a blob the cache does not hold: `parse`d, then kept.
    pub fn parse(
        &self,
        oid: ObjectId,
        parse: impl FnOnce() -> Result<Summary, String>,
    ) -> Arc<Summary> {
        self.parsed.fetch_add(1, Ordering::Relaxed);
        let s = parse().unwrap_or_else(Summary::unreadable);
        let s = Arc::new(s);
        self.keep(oid, s.clone());
        s
    }

    /// Puts a summary no pack holds in memory, to be written by the next `flush`.
    fn keep(&self, oid: ObjectId, s: Arc<Summary>) {
        let new = lock(&self.memory).insert(oid, Slot::Whole(s)).is_none();
        if new && self.dir.is_some() {
            lock(&self.fresh).push(oid);
        }
    }

    /// Keeps a summary the run has used in the packs' compact form (it is decoded again if
    /// asked for): what a long walk holds stays small.
    pub fn set_aside(&self, oid: ObjectId) {
        let mut memory = lock(&self.memory);
        if let Some(slot) = memory.get_mut(&oid) {
            if let Slot::Whole(s) = slot {
                let mut bytes = Vec::new();
                codec::encode(s, &mut bytes);
                *slot = Slot::Packed(bytes.into_boxed_slice());
            }
        }
    }

    /// What `count` makes of a blob's plan id and its actions' ratings (`None`: the blob is not
    /// a readable plan), read from the summary the run holds or, without decoding a `Summary`, from the
    /// one a pack holds; `None` when neither holds it. A pack's copy that does not decode marks
    /// the pack damaged, as `load_summary` does.
    pub fn ratings<T>(
        &self,
        oid: ObjectId,
        count: impl Fn(Option<(&str, &[Option<&str>])>) -> T,
    ) -> Option<T> {
        let say =
            |r: Option<Ratings<'_>>| count(r.as_ref().map(|(plan, rags)| (*plan, rags.as_slice())));
        if let Some(slot) = lock(&self.memory).get(&oid) {
            match slot {
                Slot::Whole(s) => return Some(say(s.ratings())),
                Slot::Packed(b) => {
                    if let Some(r) = codec::ratings(b) {
                        return Some(say(r));
                    }
                }
            }
        }
        self.in_packs(oid, |bytes| codec::ratings(bytes).map(say))
    }

    /// True when this run holds the blob's summary already.
    pub fn in_memory(&self, oid: ObjectId) -> bool {
        lock(&self.memory).contains_key(&oid)
    }

    /// Reads the blob's summary from the cache's packs into memory: false when there is none.
    pub fn load_summary(&self, oid: ObjectId) -> bool {
        match self.in_packs(oid, codec::decode) {
            Some(s) => {
                lock(&self.memory).insert(oid, Slot::Whole(Arc::new(s)));
                true
            }
            None => false,
        }
    }

    /// What `read` makes of the first copy of a blob's summary a pack holds that it takes; a
    /// copy it refuses, or that cannot be read, marks its pack damaged. `None` when no pack
    /// holds one it takes.
    fn in_packs<T>(&self, oid: ObjectId, read: impl Fn(&[u8]) -> Option<T>) -> Option<T> {
        let packs = self.packs()?;
        for p in &packs.open {
            let got = match p.read(oid) {
                Ok(None) => continue,
                Ok(Some(bytes)) => read(&bytes),
                Err(()) => None,
            };
            match got {
                Some(t) => {
                    self.read.fetch_add(1, Ordering::Relaxed);
                    return Some(t);
                }
                None => {
                    if p.mark_damaged() {
                        self.damaged.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }
        None
    }

    /// Keeps the summary of a blob parsed elsewhere (the check's own plans); it is written when
    /// no pack holds it yet. A pack that holds it must agree with the parse (a cheap check
    /// against a rewritten pack): one that does not is treated as damaged and replaced.
    pub fn remember(&self, oid: ObjectId, p: &Tracked) {
        if oid.is_zero() || self.in_memory(oid) {
            return;
        }
        let s = Arc::new(Summary::of(p));
        let holder = self
            .packs()
            .and_then(|packs| packs.open.iter().find(|p| p.contains(oid)));
        match holder {
            Some(pack)
                if pack
                    .read(oid)
                    .ok()
                    .flatten()
                    .and_then(|b| codec::decode(&b))
                    .as_ref()
                    == Some(&*s) =>
            {
                lock(&self.memory).insert(oid, Slot::Whole(s));
            }
            Some(pack) => {
                if pack.mark_damaged() {
                    self.damaged.fetch_add(1, Ordering::Relaxed);
                }
                self.keep(oid, s);
            }
            None => self.keep(oid, s),
        }
    }

    /// Uses no cache for the rest of this run, saying `why` once.
    fn refuse(&self, why: String) {
        let _ = self.refused.set(why);
    }

    /// The cache folder, unless the cache is off or refused.
    fn live(&self) -> Option<&PathBuf> {
        if self.refused.get().is_some() {
            return None;
        }
        self.dir.as_ref()
    }

    /// The packs, their indexes read on the first call: `None` when the cache is off.
    fn packs(&self) -> Option<&Packs> {
        let dir = self.live()?.join("packs");
        let packs = self.packs.get_or_init(|| {
            if let Err(why) = real_folders(&self.root, &dir) {
                self.refuse(why);
                return Packs::default();
            }
            let packs = find_packs(&dir, &self.binding);
            if let Some(f) = packs.foreign.first() {
                self.refuse(format!(
                    "{} is not a pack planlint wrote{}",
                    f.display(),
                    match packs.foreign.len() - 1 {
                        0 => String::new(),
                        n => format!(" (nor are {n} more)"),
                    }
                ));
                return Packs::default();
            }
            self.damaged
                .fetch_add(packs.damaged.len(), Ordering::Relaxed);
            packs
        });
        self.live()?;
        Some(packs)
    }

    /// Writes the summaries this run worked out as one new pack, merging the packs it read into
    /// it when there are `MAX_PACKS` or more of them or one is damaged (then removes those).
    /// Nothing to write, nothing done; called again, it writes only what is new since.
    pub fn flush(&self) {
        let Some(dir) = self.live() else {
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
        let mut entries: Vec<(ObjectId, Vec<u8>)> = {
            let memory = lock(&self.memory);
            fresh
                .iter()
                .filter_map(|o| memory.get(o).map(|s| (*o, s)))
                .map(|(o, s)| match s {
                    Slot::Packed(b) => (o, b.to_vec()),
                    Slot::Whole(s) => {
                        let mut bytes = Vec::new();
                        codec::encode(s, &mut bytes);
                        (o, bytes)
                    }
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
        let new = match pack::build(entries, &self.binding) {
            None => None,
            Some((name, bytes)) => {
                let path = dir.join(name);
                let written = make_folders(&self.root, &dir).is_ok()
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
            // the very pack this one is); only a file of planlint's own name form goes
            if new.as_deref() != Some(old) && is_pack_name(old) {
                let _ = std::fs::remove_file(old);
            }
        }
    }

    /// The amber runs at `commit` for the configuration `key`, when kept.
    pub fn runs(&self, commit: ObjectId, key: &str) -> Option<Runs> {
        let path = self.runs_path(commit, key)?;
        let full = format!("{commit}-{key}");
        let r = self.load(&path, RUNS, &full, MAX_ENTRY, codec::decode_runs);
        if r.is_some() {
            self.read.fetch_add(1, Ordering::Relaxed);
        }
        r
    }

    pub fn keep_runs(&self, commit: ObjectId, key: &str, runs: &Runs) {
        if let Some(path) = self.runs_path(commit, key) {
            let mut payload = Vec::new();
            codec::encode_runs(runs, &mut payload);
            self.store(&path, RUNS, &format!("{commit}-{key}"), &payload);
        }
    }

    fn runs_path(&self, commit: ObjectId, key: &str) -> Option<PathBuf> {
        self.kept_path("runs", &format!("{commit}-{key}"))
    }

    /// The rating counts kept for `what` (a text naming all they depend on: the snapshot's
    /// blobs and the scale), when kept.
    pub fn tally(&self, what: &str) -> Option<Vec<u64>> {
        let key = self.tally_key(what);
        let path = self.kept_path("tallies", &key)?;
        let t = self.load(&path, TALLY, &key, MAX_TALLY_FILE, decode_tally);
        if t.is_some() {
            self.read.fetch_add(1, Ordering::Relaxed);
        }
        t
    }

    /// Keeps the rating counts worked out for `what` (see `tally`).
    pub fn keep_tally(&self, what: &str, counts: &[u64]) {
        if counts.len() > MAX_TALLY {
            return;
        }
        let key = self.tally_key(what);
        if let Some(path) = self.kept_path("tallies", &key) {
            let payload: Vec<u8> = counts.iter().flat_map(|n| n.to_le_bytes()).collect();
            self.store(&path, TALLY, &key, &payload);
        }
    }

    /// A tally's key: what it counts, for this planlint and this repository (`binding`: a
    /// planlint that parses a plan otherwise counts it afresh).
    fn tally_key(&self, what: &str) -> String {
        let mut text = self.binding.to_vec();
        text.extend_from_slice(what.as_bytes());
        ObjectId::of_blob(&text).to_string()
    }

    /// The path of the small file `name` in `folder` of the cache, when the cache is on and
    /// every folder down to it is a real one.
    fn kept_path(&self, folder: &str, name: &str) -> Option<PathBuf> {
        let dir = self.live()?.join(folder);
        if let Err(why) = real_folders(&self.root, &dir) {
            self.refuse(why);
            return None;
        }
        Some(dir.join(name))
    }

    /// Reads a small file of `kind` for `key` (no larger than `limit`) and decodes its payload;
    /// `None` when there is none, or when it is damaged (counted: the run writes it anew). A
    /// file planlint did not write (a link, anything but a plain file, one that does not start
    /// with planlint's mark) is never read or replaced: the run uses no cache from then on, and
    /// says so, as for a foreign pack.
    fn load<T>(
        &self,
        path: &Path,
        kind: &str,
        key: &str,
        limit: usize,
        decode: impl Fn(&[u8]) -> Option<T>,
    ) -> Option<T> {
        let foreign = |what: &str| {
            self.refuse(format!("{} {what}", path.display()));
            None
        };
        let file = match crate::workspace::files::open_regular_here(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            #[cfg(unix)]
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
                return foreign("is a symbolic link, not a file planlint wrote")
            }
            Err(e) => return foreign(&format!("cannot be read as a file planlint wrote: {e}")),
        };
        // its mark first: nothing more of a file planlint did not write is read
        let mut bytes = Vec::new();
        let mut file = std::io::Read::take(file, MAGIC.len() as u64);
        if std::io::Read::read_to_end(&mut file, &mut bytes).is_err() || bytes != MAGIC.as_bytes() {
            return foreign("is not a file planlint wrote");
        }
        file.set_limit((limit - MAGIC.len()) as u64 + 1);
        if std::io::Read::read_to_end(&mut file, &mut bytes).is_err() {
            self.damaged.fetch_add(1, Ordering::Relaxed);
            return None;
        }
        let found = (bytes.len() <= limit)
            .then(|| payload(&bytes, kind, key))
            .flatten()
            .and_then(decode);
        if found.is_none() {
            self.damaged.fetch_add(1, Ordering::Relaxed);
        }
        found
    }

    /// Writes a small file of `kind` for `key`: its header, then `payload`.
    fn store(&self, path: &Path, kind: &str, key: &str, payload: &[u8]) {
        let sum = ObjectId::of_blob(payload);
        let mut bytes = format!("{MAGIC}\n{kind} {key}\n{sum}\n").into_bytes();
        bytes.extend_from_slice(payload);
        // never over a file planlint did not write (nor over a link, whatever it leads to)
        if let Ok(f) = crate::workspace::files::open_regular_here(path) {
            let mut head = Vec::new();
            if std::io::Read::read_to_end(
                &mut std::io::Read::take(f, MAGIC.len() as u64),
                &mut head,
            )
            .is_err()
                || head != MAGIC.as_bytes()
            {
                return;
            }
        } else if std::fs::symlink_metadata(path).is_ok() {
            return;
        }
        let written = path
            .parent()
            .is_some_and(|d| make_folders(&self.root, d).is_ok())
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
fn find_packs(dir: &Path, binding: &Binding) -> Packs {
    let mut packs = Packs::default();
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
        packs = Packs::default();
        let mut gone = false;
        for path in names {
            match Pack::open(&path, binding) {
                Opened::Pack(p) => packs.open.push(p),
                Opened::Gone => gone = true,
                Opened::Damaged if is_pack_name(&path) => packs.damaged.push(path),
                Opened::Damaged | Opened::Foreign => packs.foreign.push(path),
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

/// Whether `path` is named as planlint names its packs: 40 lowercase hex digits and `.pack`.
fn is_pack_name(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".pack"))
        .is_some_and(|h| h.len() == 40 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
}

/// Checks that every folder from `root` down to `dir` that exists is a real folder, not a
/// symbolic link or a file: `Err` says which is not.
fn real_folders(root: &Path, dir: &Path) -> Result<(), String> {
    let Ok(rest) = dir.strip_prefix(root) else {
        return Err(format!("{} is outside the git directory", dir.display()));
    };
    let mut at = root.to_path_buf();
    for part in rest.components() {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(format!("{} cannot be read ({e})", at.display())),
            Ok(m) if m.file_type().is_symlink() => {
                return Err(format!("{} is a symbolic link", at.display()))
            }
            Ok(m) if !m.is_dir() => return Err(format!("{} is not a folder", at.display())),
            Ok(_) => {}
        }
    }
    Ok(())
}

/// Makes the folders from `root` down to `dir`, each a real folder (see `real_folders`).
fn make_folders(root: &Path, dir: &Path) -> Result<(), String> {
    real_folders(root, dir)?;
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    // a link put in place meanwhile is caught here, before anything is written through it
    real_folders(root, dir)
}

/// What binds a pack to this planlint and this repository (see the module comment).
fn binding(git_dir: &Path) -> Binding {
    let dir = std::fs::canonicalize(git_dir).unwrap_or_else(|_| git_dir.to_path_buf());
    let mut text = format!("planlint {}\0", env!("CARGO_PKG_VERSION")).into_bytes();
    text.extend_from_slice(dir.as_os_str().as_encoded_bytes());
    let mut out = [0u8; 20];
    out.copy_from_slice(ObjectId::of_blob(&text).as_bytes());
    out
}

/// No runs file is larger than this (a run lists at most every action of every plan).
const MAX_ENTRY: usize = 256 << 20;

/// A small file's payload, when the header is ours, of `kind`, for this key, and the checksum
/// holds.
fn payload<'b>(bytes: &'b [u8], kind: &str, key: &str) -> Option<&'b [u8]> {
    let mut parts = bytes.splitn(4, |b| *b == b'\n');
    let magic = parts.next()?;
    let what = parts.next()?;
    let sum = parts.next()?;
    let payload = parts.next()?;
    if magic != MAGIC.as_bytes() || what != format!("{kind} {key}").as_bytes() {
        return None;
    }
    let sum: ObjectId = std::str::from_utf8(sum).ok()?.parse().ok()?;
    (ObjectId::of_blob(payload) == sum).then_some(payload)
}

/// A runs file's timeline, when the header is ours, for this key, and the checksum holds.
#[cfg(test)]
fn decode(bytes: &[u8], key: &str) -> Option<Runs> {
    codec::decode_runs(payload(bytes, RUNS, key)?)
}

/// A tally's counts: whole little-endian `u64`s, no more than `MAX_TALLY`.
fn decode_tally(payload: &[u8]) -> Option<Vec<u64>> {
    if !payload.len().is_multiple_of(8) || payload.len() / 8 > MAX_TALLY {
        return None;
    }
    Some(
        payload
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().expect("eight bytes")))
            .collect(),
    )
}

/// Reads the file at `path` as a pack (bound to whatever binding its header names) and decodes
/// every entry: how many summaries it held. For the fuzz target `fuzz/fuzz_targets/cache_pack.rs`
/// (any bytes, never a panic, bounded allocation); not part of planlint's interface.
#[doc(hidden)]
pub fn read_any_pack(path: &Path) -> usize {
    let mut binding = [0u8; 20];
    if let Ok(bytes) = crate::workspace::files::read_regular(path, 36) {
        if let Some(b) = bytes.get(16..36) {
            binding.copy_from_slice(b);
        }
    }
    let Opened::Pack(p) = Pack::open(path, &binding) else {
        return 0;
    };
    let (entries, _) = p.salvage();
    entries
        .iter()
        .filter_map(|(_, bytes)| codec::decode(bytes))
        .count()
}

/// Decodes `bytes` as a runs file's payload (`codec::decode_runs`): how many actions it held.
/// For the fuzz target `fuzz/fuzz_targets/cache_pack.rs`; not part of planlint's interface.
#[doc(hidden)]
pub fn read_any_runs(bytes: &[u8]) -> usize {
    codec::decode_runs(bytes).map_or(0, |r| r.len())
}

/// Removes the cache of the repository whose (common) git directory is `git_dir`: the folders
/// it removed (none when there was no cache).
///
/// The folder is first moved aside (`planlint-cache.removing-PID`), then removed: a run that
/// writes to the cache meanwhile (a report in another terminal, the editor) starts a new one
/// instead of adding files to the folder being removed ("Directory not empty"). A folder left
/// aside by a clean that was stopped is removed with it.
pub fn clean(git_dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let dir = git_dir.join(DIR);
    let aside = git_dir.join(format!("{DIR}.removing-{}", std::process::id()));
    let left = left_aside(git_dir);
    let removed = match std::fs::symlink_metadata(&dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
        Ok(m) if m.is_dir() => {
            let gone = match std::fs::rename(&dir, &aside) {
                Ok(()) => remove_tree(&aside),
                Err(_) => remove_tree(&dir),
            };
            gone.map(|()| Some(dir))?
        }
        // a file, a link or anything else by that name is not a folder planlint made: it is
        // left as it is, as every run leaves it
        Ok(m) => {
            return Err(std::io::Error::other(format!(
                "it is {}, not the folder planlint keeps its cache in: left as it is (remove it yourself if nothing needs it)",
                if m.file_type().is_symlink() {
                    "a symbolic link"
                } else if m.is_file() {
                    "a file"
                } else {
                    "not a folder"
                }
            )))
        }
    };
    let mut gone: Vec<PathBuf> = removed.into_iter().collect();
    for old in left {
        remove_tree(&old)?;
        gone.push(old);
    }
    Ok(gone)
}

/// Folders an earlier `clean` moved aside and did not finish removing.
fn left_aside(git_dir: &Path) -> Vec<PathBuf> {
    let prefix = format!("{DIR}.removing-");
    std::fs::read_dir(git_dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| {
            e.file_name().to_str().is_some_and(|n| {
                n.strip_prefix(&prefix)
                    .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
            }) && e.file_type().is_ok_and(|t| t.is_dir())
        })
        .map(|e| e.path())
        .collect()
}

/// `remove_dir_all`, again a few times when a file appears in it meanwhile (a writer that had
/// the folder's name before it was moved aside).
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let mut tries = 0;
    loop {
        match std::fs::remove_dir_all(dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::DirectoryNotEmpty && tries < 10 => {
                tries += 1;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_the_cache_while_another_run_writes_to_it() {
        let git = tempfile::tempdir().expect("temp");
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let writer = {
            let (dir, stop) = (git.path().join(DIR).join(VERSION), stop.clone());
            std::thread::spawn(move || {
                let mut n = 0u64;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let _ = std::fs::create_dir_all(dir.join("packs"));
                    let _ = std::fs::write(dir.join("packs").join(format!("p{}", n % 64)), b"x");
                    n += 1;
                }
            })
        };
        for _ in 0..200 {
            std::fs::create_dir_all(git.path().join(DIR).join(VERSION).join("runs")).expect("dir");
            std::fs::write(git.path().join(DIR).join(VERSION).join("runs/r"), b"x").expect("w");
            clean(git.path()).expect("clean while a writer writes");
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        writer.join().expect("writer");
        // a folder an earlier clean left aside goes too, and nothing else
        std::fs::create_dir_all(git.path().join(format!("{DIR}.removing-7/v3"))).expect("dir");
        std::fs::create_dir_all(git.path().join(format!("{DIR}.removing-me"))).expect("dir");
        clean(git.path()).expect("clean");
        let mut left: Vec<String> = std::fs::read_dir(git.path())
            .expect("read")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [format!("{DIR}.removing-me")]);
        // what is left aside alone is removed, and said
        std::fs::create_dir_all(git.path().join(format!("{DIR}.removing-8"))).expect("dir");
        std::fs::create_dir_all(git.path().join(format!("{DIR}.removing-9"))).expect("dir");
        std::fs::create_dir_all(git.path().join(DIR)).expect("dir");
        let mut gone = clean(git.path()).expect("clean");
        gone.sort();
        assert_eq!(
            gone,
            [
                git.path().join(DIR),
                git.path().join(format!("{DIR}.removing-8")),
                git.path().join(format!("{DIR}.removing-9"))
            ]
        );
        assert_eq!(clean(git.path()).expect("clean"), Vec::<PathBuf>::new());
        // a file or a link by the cache's name is not planlint's: left, with a reason
        std::fs::write(git.path().join(DIR), b"notes").expect("write");
        let e = clean(git.path()).expect_err("a file");
        assert!(
            e.to_string().starts_with("it is a file, not the folder"),
            "{e}"
        );
        assert_eq!(std::fs::read(git.path().join(DIR)).expect("kept"), b"notes");
        std::fs::remove_file(git.path().join(DIR)).expect("rm");
        let elsewhere = tempfile::tempdir().expect("temp");
        std::os::unix::fs::symlink(elsewhere.path(), git.path().join(DIR)).expect("link");
        let e = clean(git.path()).expect_err("a link");
        assert!(e.to_string().starts_with("it is a symbolic link"), "{e}");
        assert!(git.path().join(DIR).symlink_metadata().is_ok() && elsewhere.path().is_dir());
    }

    fn blob(text: &str) -> ObjectId {
        ObjectId::of_blob(text.as_bytes())
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
        again.remember(oid, &Tracked::of(&parsed));
        let other = crate::testgen::plan(5, 2);
        let other_plan = crate::plan::load::read_plan("r.toml", other.as_bytes()).expect("a plan");
        again.remember(blob(&other), &Tracked::of(&other_plan));
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

        // a file named like a pack that planlint did not write (issue 20: a link to git's own
        // packs was taken for a damaged pack and removed): the run uses no cache, says so
        // once, reads nothing from it, and leaves every file as it was
        let foreign = pack.with_file_name("foreign.pack");
        std::fs::write(&foreign, b"\x00\xffgarbage").expect("write");
        let before = std::fs::read(&pack).expect("pack");
        let cache = Cache::new(dir.path(), Options::default());
        let extra = crate::testgen::plan(9, 1);
        cache.summary(blob(&extra), || {
            crate::git::summary::read("x.toml", extra.as_bytes())
        });
        read(&cache, 0);
        cache.flush();
        let s = cache.stats();
        assert_eq!(
            (s.parsed, s.read, s.written, s.damaged),
            (2, 0, 0, 0),
            "{s:?}"
        );
        let notes = cache.notes();
        assert!(
            notes.len() == 1 && notes[0].contains("foreign.pack is not a pack planlint wrote"),
            "{notes:?}"
        );
        assert_eq!(std::fs::read(&foreign).expect("kept"), b"\x00\xffgarbage");
        assert_eq!(std::fs::read(&pack).expect("kept"), before);
        assert_eq!(packs_in(dir.path()).len(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn a_cache_folder_that_is_a_link_is_neither_read_nor_changed() {
        // issue 20: `packs` (or the whole cache folder) linked to `.git/objects/pack`, whose
        // `pack-*.pack` files 0.2 removed as damaged
        let plans: Vec<String> = (0..3).map(|n| crate::testgen::plan(n, 2)).collect();
        for linked in [
            "planlint-cache",
            &format!("planlint-cache/{VERSION}"),
            &format!("planlint-cache/{VERSION}/packs"),
        ] {
            let dir = tempfile::tempdir().expect("temp dir");
            let elsewhere = dir.path().join("objects-pack");
            std::fs::create_dir(&elsewhere).expect("mkdir");
            let git_pack = elsewhere.join("pack-0123456789012345678901234567890123456789.pack");
            std::fs::write(&git_pack, b"PACK\0\0\0\x02").expect("write");
            let ours = elsewhere.join(format!("{}.pack", "ab".repeat(20)));
            std::fs::write(&ours, b"PACK not planlint's").expect("write");
            let link = dir.path().join(linked);
            std::fs::create_dir_all(link.parent().expect("parent")).expect("mkdir");
            std::os::unix::fs::symlink(&elsewhere, &link).expect("symlink");
            let cache = Cache::new(dir.path(), Options::default());
            for text in &plans {
                cache.summary(blob(text), || {
                    crate::git::summary::read("p.toml", text.as_bytes())
                });
            }
            cache.flush();
            drop(cache);
            let mut left: Vec<_> = std::fs::read_dir(&elsewhere)
                .expect("list")
                .map(|e| e.expect("entry").file_name())
                .collect();
            left.sort();
            assert_eq!(left.len(), 2, "{linked}: {left:?}");
            assert_eq!(std::fs::read(&git_pack).expect("kept"), b"PACK\0\0\0\x02");
            assert!(std::fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink());
            let cache = Cache::new(dir.path(), Options::default());
            cache.summary(blob(&plans[0]), || {
                crate::git::summary::read("p.toml", plans[0].as_bytes())
            });
            let notes = cache.notes();
            assert!(
                notes
                    .iter()
                    .any(|n| n.contains("is a symbolic link") && n.contains("not used")),
                "{linked}: {notes:?}"
            );
        }
    }

    #[test]
    fn a_pack_that_disagrees_with_the_blob_it_names_is_replaced() {
        // a rewritten pack (checksums recomputed) that hides an action: the plans a run
        // parses anyway are compared with it
        let dir = tempfile::tempdir().expect("temp dir");
        let text = crate::testgen::plan(1, 3);
        let oid = blob(&text);
        let file =
            Tracked::of(&crate::plan::load::read_plan("p.toml", text.as_bytes()).expect("a plan"));
        let mut forged = Summary::of(&file);
        forged.actions.pop();
        let mut bytes = Vec::new();
        codec::encode(&forged, &mut bytes);
        let binding = binding(dir.path());
        let (name, pack) = pack::build(vec![(oid, bytes)], &binding).expect("a pack");
        let packs = dir.path().join(DIR).join(VERSION).join("packs");
        std::fs::create_dir_all(&packs).expect("mkdir");
        std::fs::write(packs.join(&name), pack).expect("write");
        let cache = Cache::new(dir.path(), Options::default());
        cache.remember(oid, &file);
        cache.flush();
        assert_eq!(cache.stats().damaged, 1);
        let cache = Cache::new(dir.path(), Options::default());
        let s = cache.summary(oid, || panic!("kept"));
        assert_eq!(*s, Summary::of(&file));
        assert_eq!(cache.stats().damaged, 0);
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
        let off = Cache::at(Path::new("."), None);
        let text = crate::testgen::plan(1, 1);
        off.summary(blob(&text), || {
            crate::git::summary::read("p.toml", text.as_bytes())
        });
        off.keep_runs(blob("c"), "k", &Runs::new());
        drop(off);
        assert!(!dir.path().join(DIR).exists());

        let cache = Cache::new(dir.path(), Options::default());
        let runs: Runs = vec![(
            "p".to_string(),
            "1".to_string(),
            vec![(
                NaiveDate::MIN,
                Some("amber".to_string()),
                true,
                Some(DueText::Text("June 2015".to_string())),
                2,
            )],
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
            assert!(decode(bad, &key).is_none());
        }
        assert!(decode(&good, "other").is_none());
        assert!(decode(&good, &key).is_some());
    }

    #[test]
    fn a_tally_is_kept_for_what_it_counts_and_a_damaged_one_is_not_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let off = Cache::at(Path::new("."), None);
        off.keep_tally("blobs a b", &[1, 2, 3]);
        assert_eq!(off.tally("blobs a b"), None);
        assert!(!dir.path().join(DIR).exists());

        let cache = Cache::new(dir.path(), Options::default());
        assert_eq!(cache.tally("blobs a b"), None);
        cache.keep_tally("blobs a b", &[1, 2, u64::MAX]);
        let again = Cache::new(dir.path(), Options::default());
        assert_eq!(again.tally("blobs a b"), Some(vec![1, 2, u64::MAX]));
        assert_eq!(again.tally("blobs a c"), None);
        assert_eq!(again.stats().read, 1);
        // another planlint (or repository) has its own tallies
        let mut other = Cache::new(dir.path(), Options::default());
        other.binding = [9; 20];
        assert_eq!(other.tally("blobs a b"), None);

        let path = cache
            .kept_path("tallies", &cache.tally_key("blobs a b"))
            .expect("a path");
        let good = std::fs::read(&path).expect("entry");
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        let mut long = good.clone();
        long.resize(MAX_TALLY_FILE + 1, b'0');
        // damaged: read as none, counted, and written anew
        for bad in [&good[..good.len() - 3], &flipped[..], &long[..]] {
            std::fs::write(&path, bad).expect("write");
            let fresh = Cache::new(dir.path(), Options::default());
            assert_eq!(fresh.tally("blobs a b"), None);
            assert_eq!(fresh.stats().damaged, 1);
            fresh.keep_tally("blobs a b", &[1, 2, u64::MAX]);
            assert_eq!(std::fs::read(&path).expect("entry"), good);
        }
        // not planlint's (no mark, a link, a folder): never read nor replaced, no cache used
        let elsewhere = dir.path().join("elsewhere");
        std::fs::write(&elsewhere, &good).expect("write");
        type Make<'a> = Box<dyn Fn() + 'a>;
        let cases: Vec<(&str, Make)> = vec![
            (
                "not a file planlint wrote",
                Box::new(|| std::fs::write(&path, b"garbage").expect("write")),
            ),
            #[cfg(unix)]
            (
                "symbolic link",
                Box::new(|| std::os::unix::fs::symlink(&elsewhere, &path).expect("link")),
            ),
            (
                "not a regular file: it is a folder",
                Box::new(|| std::fs::create_dir(&path).expect("folder")),
            ),
        ];
        for (said, make) in cases {
            let _ = std::fs::remove_file(&path);
            make();
            let fresh = Cache::new(dir.path(), Options::default());
            assert_eq!(fresh.tally("blobs a b"), None, "{said}");
            fresh.keep_tally("blobs a b", &[4]);
            let notes = fresh.notes();
            assert!(
                notes.len() == 1
                    && notes[0].contains("history cache was not used")
                    && notes[0].contains(said),
                "{said}: {notes:?}"
            );
            assert_eq!(fresh.stats().damaged, 0);
            let left = std::fs::symlink_metadata(&path).expect("left in place");
            if left.is_dir() {
                std::fs::remove_dir(&path).expect("remove");
            } else {
                std::fs::remove_file(&path).expect("remove");
            }
        }
        assert_eq!(std::fs::read(&elsewhere).expect("kept"), good);
        assert_eq!(decode_tally(&[0; 9]), None);
        assert_eq!(decode_tally(&[0; 8 * (MAX_TALLY + 1)]), None);
    }
}
