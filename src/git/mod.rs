//! Reading plans straight from git's object database with `git2`: open the repository, resolve
//! revisions, list a tree's (or the index's, or the working tree's) plan files by the configured
//! globs, and read only the blobs a job needs. Nothing here checks out, stashes or writes.
//!
//! Paths: files are named relative to the work tree's top, as git stores them and as `check`
//! names files on disk (docs/output.md: paths are relative to the repository root). When the
//! configuration root (where `planlint.toml` is) is a folder inside the work tree (a plan
//! repository inside a monorepo), only files under it are plans, and the globs are matched
//! against the path below it.
//!
//! The repository is opened as git opens it: `GIT_DIR` names it (no search), `GIT_WORK_TREE`
//! and `GIT_INDEX_FILE` are honoured (a pre-commit hook of `git commit -a` or `git commit FILE`
//! is handed a temporary index, and that is what will be committed).
//!
//! Every read is capped at `plan::load::MAX_FILE_BYTES` before the bytes are read: a blob's
//! size comes from its header, a file's from its metadata.
//!
//! Submodules are not read in any mode: a gitlink under the plan folders is skipped, and the
//! snapshot names it so the commands can say so.
//!
//! The only module that touches libgit2. `past` gathers what the history-aware rules need (the
//! check job above this layer decides where a check reads plans from and drives it), `history`
//! follows one action through commits.
//!
//! May use: `plan`, `workspace`, `lint` (check inputs and outcomes, and `lint::past` to fill
//! in), `diff`.

pub mod cache;
pub mod history;
pub mod past;
pub mod summary;

use crate::plan::load::{read_plan, Input, PlanFile, TooLarge, MAX_FILE_BYTES};
use crate::workspace::config::Config;
use crate::Error;
use git2::{ErrorCode, ObjectType, Oid, Repository, TreeWalkMode, TreeWalkResult};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A git object id (a blob's, a commit's): libgit2's `Oid`, wrapped so that callers key data by
/// it, compare and print it without naming libgit2 (no libgit2 type leaves this module: the
/// layer test in `tests/it/architecture.rs` checks it).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjectId(Oid);

/// A blob's id (see `ObjectId`).
pub type BlobId = ObjectId;

impl ObjectId {
    /// The id that names no object: a blob not known (see `Entry::oid`).
    pub const ZERO: ObjectId = ObjectId(Oid::ZERO_SHA1);

    pub(in crate::git) fn new(oid: Oid) -> ObjectId {
        ObjectId(oid)
    }

    /// libgit2's id, for calls into libgit2.
    pub(in crate::git) fn raw(self) -> Oid {
        self.0
    }

    /// The id git gives a blob of these bytes (`git hash-object`). Plain SHA-1 (the `sha1`
    /// crate, with the CPU's SHA instructions where it has them: several times libgit2's
    /// collision-detecting SHA-1, and the history pass hashes every checked text). The two
    /// differ only on bytes built to collide, which git itself refuses to store; such a text
    /// is at worst taken for the blob it collides with (its summary then replaces that blob's
    /// in the history cache, as a damaged entry would be).
    pub fn of_blob(bytes: &[u8]) -> ObjectId {
        use sha1::{Digest, Sha1};
        let mut h = Sha1::new();
        h.update(format!("blob {}\0", bytes.len()).as_bytes());
        h.update(bytes);
        ObjectId::from_bytes(&h.finalize()).unwrap_or(ObjectId(Oid::ZERO_SHA1))
    }

    /// The id of these 20 bytes (`None`: not 20 bytes).
    pub(in crate::git) fn from_bytes(bytes: &[u8]) -> Option<ObjectId> {
        Oid::from_bytes(bytes).ok().map(ObjectId)
    }

    /// True for `ZERO`.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// The 20 bytes of the id.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl std::fmt::Display for ObjectId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

impl std::fmt::Debug for ObjectId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

impl std::str::FromStr for ObjectId {
    type Err = Error;
    fn from_str(s: &str) -> Result<ObjectId, Error> {
        Oid::from_str(s)
            .map(ObjectId)
            .map_err(|e| Error::Git(format!("{s} is not an object id: {}", e.message())))
    }
}

/// The `rev` that stands for the working tree in diffs (and in `diff --format json`, with
/// `"commit": null`).
pub const WORKTREE: &str = "WORKTREE";
/// The `rev` that stands for the index (staged content).
pub const INDEX: &str = "INDEX";

/// An open repository and where the configuration root sits inside it.
pub struct Repo {
    repo: Repository,
    /// The configuration root relative to the work tree's top, `/`-separated, with a trailing
    /// `/` (empty when they are the same folder).
    prefix: String,
    /// The work tree's top, canonical (`None` in a bare repository).
    top: Option<PathBuf>,
    /// What the history rules need of blobs, kept in the git directory.
    cache: cache::Cache,
    /// Blobs `plans_using` read this run that cannot hold any of these plan ids (so a second
    /// question about the same ids reads none of them again).
    unnamed: std::sync::Mutex<(BTreeSet<String>, std::collections::HashSet<ObjectId>)>,
    /// More handles on the repository, for `with_blobs`' workers: opened once a run, kept.
    handles: std::sync::Mutex<Vec<Repository>>,
}

/// A revision resolved to a commit: the text the user gave and the commit's id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub rev: String,
    pub commit: ObjectId,
}

/// Which state of the plans to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    Commit(Resolved),
    /// The index: what `git commit` would record (for pre-commit hooks).
    Index,
    /// The files on disk.
    WorkTree,
}

impl Side {
    /// The revision as written by the user, or `WORKTREE` / `INDEX`.
    pub fn rev(&self) -> &str {
        match self {
            Side::Commit(r) => &r.rev,
            Side::Index => INDEX,
            Side::WorkTree => WORKTREE,
        }
    }

    /// The side as diffs and their views name it.
    pub fn endpoint(&self) -> crate::diff::Endpoint {
        crate::diff::Endpoint {
            rev: self.rev().to_string(),
            commit: self.commit(),
        }
    }

    /// The commit's 40-hex id; `None` for the index and the working tree.
    pub fn commit(&self) -> Option<String> {
        match self {
            Side::Commit(r) => Some(r.commit.to_string()),
            _ => None,
        }
    }
}

/// The outcome of `Repo::diff`: both sides, the changes, and files that could not be parsed
/// (named with their side; they are left out of the diff).
#[derive(Debug)]
pub struct RevDiff {
    pub from: Side,
    pub to: Side,
    pub changes: Vec<crate::diff::Change>,
    pub unreadable: Vec<String>,
    /// What was not read (submodules), for the command to say.
    pub notes: Vec<String>,
}

/// One plan file of a snapshot: its blob id (as git would store it), and how to get its bytes.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The blob id; zero when it is not known (a file too large to read, an unmerged path),
    /// which never equals another side's.
    pub oid: ObjectId,
    content: Content,
}

#[derive(Debug, Clone)]
enum Content {
    /// In the object database, read when asked for (its size checked first).
    Blob,
    /// A working-tree file, read to hash it. `modified`: it differs from the index, so its id
    /// is of the bytes on disk, which a filter (`core.autocrlf`) may change on the way in.
    File { bytes: Arc<Vec<u8>>, modified: bool },
    /// Larger than a plan may be: never read.
    TooLarge(u64),
    /// Unmerged in the index: a merge with a conflict in this file is in progress.
    Unmerged,
}

impl Entry {
    fn blob(oid: Oid) -> Entry {
        Entry {
            oid: ObjectId(oid),
            content: Content::Blob,
        }
    }

    /// True when both are known to hold the same content.
    pub fn same(&self, other: &Entry) -> bool {
        self.oid == other.oid && !self.oid.is_zero()
    }
}

/// The plan files of one side, by work-tree-relative path (sorted).
#[derive(Debug)]
pub struct Snapshot {
    pub side: Side,
    pub files: BTreeMap<String, Entry>,
    /// Submodules where plans could be (by the globs): they are not read.
    pub submodules: Vec<String>,
}

impl Snapshot {
    /// Paths whose content differs between `self` and `other`, or that only one side has, by
    /// blob id (see `Repo::changed_paths` for what git would call a change).
    pub fn changed_paths<'a>(&'a self, other: &'a Snapshot) -> Vec<&'a str> {
        let mut out: Vec<&str> = self
            .files
            .iter()
            .filter(|(p, e)| other.files.get(*p).is_none_or(|o| !o.same(e)))
            .map(|(p, _)| p.as_str())
            .collect();
        out.extend(
            other
                .files
                .keys()
                .filter(|p| !self.files.contains_key(*p))
                .map(String::as_str),
        );
        out.sort_unstable();
        out
    }

    /// One note per submodule skipped (for the command to print).
    pub fn notes(&self) -> Vec<String> {
        self.submodules.iter().map(|s| submodule_note(s)).collect()
    }
}

/// What a command says about a submodule it did not read.
pub fn submodule_note(path: &str) -> String {
    format!("{path} is a git submodule: planlint does not read plans inside submodules (run planlint in the submodule to check them)")
}

fn git_err(what: impl std::fmt::Display, e: git2::Error) -> Error {
    Error::Git(format!("{what}: {}", e.message()))
}

/// The id git gives a blob of these bytes (`git hash-object`), in hex: how a file records which
/// version of a plan it was made from without a repository at hand.
pub fn blob_id_of(bytes: &[u8]) -> String {
    ObjectId::of_blob(bytes).to_string()
}

impl Repo {
    /// Opens the repository enclosing the configuration root (or says there is none), using
    /// its history cache as `cache` says.
    pub fn open(config: &Config, cache: cache::Options) -> Result<Repo, Error> {
        Repo::open_at(&config.root, cache)
    }

    /// Opens the repository enclosing the configuration root: `None` when there is none (a
    /// check outside git), an error when there is one planlint cannot open (with the reason).
    pub fn find(config: &Config, cache: cache::Options) -> Result<Option<Repo>, Error> {
        match Repo::open_at(&config.root, cache) {
            Err(Error::NotARepository(_)) => Ok(None),
            other => other.map(Some),
        }
    }

    /// Opens the repository enclosing `dir`, which becomes the root paths are relative to.
    pub fn open_at(dir: &Path, cache: cache::Options) -> Result<Repo, Error> {
        // planlint only reads: re-hashing every object read (libgit2's default) costs more than
        // the parsing, and a corrupt object still only yields a finding or an error
        git2::opts::strict_hash_verification(false);
        let repo = open_as_git_does(dir)?;
        let top = repo
            .workdir()
            .map(|top| std::fs::canonicalize(top).unwrap_or_else(|_| top.to_path_buf()));
        let prefix = match &top {
            Some(top) => {
                let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
                match root.strip_prefix(top) {
                    Ok(rel) if rel.as_os_str().is_empty() => String::new(),
                    Ok(rel) => format!("{}/", crate::workspace::discover::slash(rel)),
                    Err(_) => String::new(),
                }
            }
            None => String::new(),
        };
        let cache = cache::Cache::new(repo.commondir(), cache);
        Ok(Repo {
            repo,
            prefix,
            top,
            cache,
            unnamed: Default::default(),
            handles: Default::default(),
        })
    }

    /// The underlying repository, for the history walks inside this layer (git2 stays here).
    pub(in crate::git) fn git(&self) -> &Repository {
        &self.repo
    }

    /// Removes the history cache of this repository: the folders removed (none when there was
    /// no cache).
    pub fn clean_cache(&self) -> Result<Vec<PathBuf>, Error> {
        cache::clean(self.repo.commondir()).map_err(|source| Error::Io {
            path: self.repo.commondir().join(cache::DIR),
            source,
        })
    }

    /// The history cache of this repository (see `cache`).
    pub fn cache(&self) -> &cache::Cache {
        &self.cache
    }

    /// The summary of a plan blob (see `cache::Summary`): from the cache, or read and parsed.
    pub fn summary(&self, oid: ObjectId, name: &str) -> Arc<cache::Summary> {
        self.cache.summary(oid, || {
            let blob = self.blob(oid).map_err(|e| e.to_string())?;
            summary::read(name, blob.content())
        })
    }

    /// The summaries of many blobs, (id, path) each, in the same order: from the cache, else
    /// read one by one (a libgit2 repository is not shared across threads) and parsed on every
    /// core.
    pub fn summaries(&self, wanted: &[(ObjectId, &str)]) -> Vec<Arc<cache::Summary>> {
        self.prefetch(wanted);
        wanted.iter().map(|(o, p)| self.summary(*o, p)).collect()
    }

    /// Puts the summaries of `wanted` blobs in the cache's memory, reading and parsing those it
    /// lacks on every core (`with_blobs`): only the summaries are kept, never the texts.
    pub fn prefetch(&self, wanted: &[(ObjectId, &str)]) {
        let cache = &self.cache;
        let mut seen = std::collections::HashSet::new();
        let missing: Vec<(ObjectId, &str)> = wanted
            .par_iter()
            .filter(|(o, _)| !cache.in_memory(*o) && !cache.load_summary(*o))
            .copied()
            .collect::<Vec<_>>()
            .into_iter()
            .filter(|(o, _)| seen.insert(*o))
            .collect();
        self.with_blobs(&missing, |o, p, bytes| {
            cache.parse(o, || {
                bytes
                    .map_err(|e| e.to_string())
                    .and_then(|b| summary::read(p, b))
            });
        });
    }

    /// `prefetch`, each summary then kept in the cache's compact form (`cache::Cache::set_aside`):
    /// for blobs read ahead of their use.
    pub fn prefetch_aside(&self, wanted: &[(ObjectId, &str)]) {
        let cache = &self.cache;
        let missing: Vec<(ObjectId, &str)> = wanted
            .iter()
            .filter(|(o, _)| !cache.in_memory(*o) && !cache.load_summary(*o))
            .copied()
            .collect();
        self.with_blobs(&missing, |o, p, bytes| {
            cache.parse(o, || {
                bytes
                    .map_err(|e| e.to_string())
                    .and_then(|b| summary::read(p, b))
            });
            cache.set_aside(o);
        });
    }

    /// Calls `f` on each wanted blob's bytes (capped as `blob` caps them), on every core: a
    /// libgit2 repository is not shared across threads, so each worker takes a handle of its
    /// own on the same git directory (opened once a run), and inflating (most of a cold
    /// history's cost) runs in parallel too. The bytes live only while `f` runs. Results in the order of `wanted`.
    pub(in crate::git) fn with_blobs<P: Sync, T: Send>(
        &self,
        wanted: &[(ObjectId, P)],
        f: impl Fn(ObjectId, &P, std::io::Result<&[u8]>) -> T + Sync,
    ) -> Vec<T> {
        let serial = |items: &[(ObjectId, P)], repo: &Repository| -> Vec<T> {
            items
                .iter()
                .map(|(o, p)| match blob_in(repo, *o) {
                    Ok(b) => f(*o, p, Ok(b.content())),
                    Err(e) => f(*o, p, Err(e)),
                })
                .collect()
        };
        let threads = rayon::current_num_threads();
        // a handle costs an open and the pack indexes' maps: not worth it for a few blobs
        if threads < 2 || wanted.len() < 16 {
            return serial(wanted, &self.repo);
        }
        let per = wanted.len().div_ceil(threads * 2);
        let path = self.repo.path().to_path_buf();
        let handles = &self.handles;
        wanted
            .par_chunks(per)
            .map(|chunk| {
                let handle = lock(handles).pop().or_else(|| reopen(&path));
                match handle {
                    Some(repo) => {
                        let done = serial(chunk, &repo);
                        lock(handles).push(repo);
                        done
                    }
                    None => Vec::new(),
                }
            })
            .collect::<Vec<_>>()
            .into_iter()
            .zip(wanted.chunks(per))
            // a worker that could not open its handle: that chunk is read here
            .flat_map(|(done, chunk)| {
                if done.len() == chunk.len() {
                    done
                } else {
                    serial(chunk, &self.repo)
                }
            })
            .collect()
    }

    /// Of `files` (name, blob id), those whose plan id is one of `ids` (`None`: any), as (name,
    /// plan id), in the order given; unreadable files are left out, as `check --staged` leaves them out of
    /// the cross-plan rule. Exactly what reading every summary would give, without reading
    /// most: a summary the cache holds is used; else the blob is read and parsed only when its
    /// bytes could hold one of the ids (`could_name`).
    pub fn plans_using(
        &self,
        files: &[(String, ObjectId)],
        ids: Option<&BTreeSet<String>>,
    ) -> Vec<(String, String)> {
        let cache = &self.cache;
        let unnamed = {
            let memo = lock(&self.unnamed);
            match ids {
                Some(ids) if ids.is_subset(&memo.0) => memo.1.clone(),
                _ => Default::default(),
            }
        };
        let known: Vec<bool> = files
            .par_iter()
            .map(|(_, o)| unnamed.contains(o) || cache.in_memory(*o) || cache.load_summary(*o))
            .collect();
        let unknown: Vec<(ObjectId, &str)> = files
            .iter()
            .zip(&known)
            .filter(|(_, k)| !**k)
            .map(|((n, o), _)| (*o, n.as_str()))
            .collect();
        let needles = ids.and_then(needles);
        let read = self.with_blobs(&unknown, |o, p, bytes| match bytes {
            Ok(b) if needles.as_ref().is_none_or(|n| could_name(b, n)) => {
                cache.parse(o, || summary::read(p, b));
                None
            }
            Ok(_) => Some(o),
            Err(e) => {
                cache.parse(o, || Err(e.to_string()));
                None
            }
        });
        if let Some(ids) = ids {
            let mut memo = lock(&self.unnamed);
            if memo.0 != *ids {
                *memo = (ids.clone(), unnamed);
            }
            memo.1.extend(read.into_iter().flatten());
        }
        files
            .iter()
            .filter(|(_, o)| cache.in_memory(*o))
            .map(|(n, o)| (n, self.summary(*o, n)))
            .filter(|(_, s)| s.error.is_none() && ids.is_none_or(|i| i.contains(&s.plan)))
            .map(|(n, s)| (n.clone(), s.plan.clone()))
            .collect()
    }

    /// True for a shallow clone (history stops at a graft).
    pub fn is_shallow(&self) -> bool {
        self.repo.is_shallow()
    }

    /// Resolves a revision (tag, branch, `HEAD~2`, short or full sha) to a commit. An unknown
    /// revision names itself; in a shallow clone the message says how to fetch the history.
    pub fn resolve(&self, rev: &str) -> Result<Resolved, Error> {
        let found = self
            .repo
            .revparse_single(rev)
            .and_then(|o| o.peel_to_commit());
        match found {
            Ok(c) => Ok(Resolved {
                rev: rev.to_string(),
                commit: ObjectId(c.id()),
            }),
            Err(e) if self.repo.is_shallow() => Err(Error::Git(format!(
                "unknown revision `{rev}` in this shallow clone ({}): the history it needs was not fetched; run `git fetch --unshallow` (in GitHub Actions, set `fetch-depth: 0` on actions/checkout)",
                e.message()
            ))),
            Err(_) if self.no_commits() => Err(Error::Git(format!(
                "unknown revision `{rev}`: the repository has no commits yet (commit the plans first)"
            ))),
            Err(_) if rev.starts_with("HEAD") && self.unborn() => Err(Error::Git(format!(
                "unknown revision `{rev}`: the current branch has no commits yet"
            ))),
            Err(e) => Err(Error::Git(format!(
                "unknown revision `{rev}`: {} (try a tag, a branch, HEAD~1 or a commit id)",
                e.message()
            ))),
        }
    }

    /// True when HEAD names a branch that has no commit yet (a new repository, an orphan
    /// branch). libgit2's `is_empty` says no when the branch is not `init.defaultBranch`.
    fn unborn(&self) -> bool {
        matches!(self.repo.head(), Err(e) if e.code() == ErrorCode::UnbornBranch)
    }

    /// True when HEAD is unborn and no reference names anything: nothing was ever committed.
    fn no_commits(&self) -> bool {
        self.unborn()
            && self
                .repo
                .references()
                .map_or(true, |mut refs| refs.next().is_none())
    }

    /// An error for a commit whose objects are missing: in a shallow clone, say how to fix it.
    pub fn missing_history(&self, what: &str) -> Error {
        if self.repo.is_shallow() {
            Error::Git(format!(
                "{what} is not in this shallow clone: run `git fetch --unshallow` (in GitHub Actions, set `fetch-depth: 0` on actions/checkout)"
            ))
        } else {
            Error::Git(format!("{what} is missing from the repository"))
        }
    }

    /// The plan files of one side, by the configured globs, without reading blobs.
    pub fn snapshot(&self, side: Side, config: &Config) -> Result<Snapshot, Error> {
        let pick = |path: &str| self.plan_name(path, config);
        let (files, submodules) = match &side {
            Side::Commit(r) => self.tree_snapshot(&self.tree_of(r.commit)?, config, &pick)?,
            Side::Index => self.index_files(config, &pick)?,
            Side::WorkTree => self.worktree_files(config)?,
        };
        Ok(Snapshot {
            side,
            files,
            submodules,
        })
    }

    /// The plan files of a commit or the index at or under the paths named (relative to the
    /// work tree's top; `""` is all of it), as the search of the disk finds them from those
    /// paths: a folder no search goes into (`plans/.drafts`) is searched when it is named, or
    /// a file in it, as `check plans/.drafts` searches it on disk.
    pub fn snapshot_at(
        &self,
        side: Side,
        config: &Config,
        named: &[String],
    ) -> Result<Snapshot, Error> {
        if side == Side::WorkTree {
            return Err(Error::Usage(
                "the working tree is searched on disk, not by snapshot_at".into(),
            ));
        }
        let pick = |path: &str| {
            path.strip_prefix(&self.prefix)
                .is_some_and(|rel| config.is_plan(rel))
                && named.iter().any(|w| {
                    let below = if w.is_empty() {
                        Some(path)
                    } else if path == w {
                        Some("")
                    } else {
                        path.strip_prefix(w.as_str())
                            .and_then(|r| r.strip_prefix('/'))
                    };
                    below.is_some_and(|b| !crate::workspace::config::in_skipped_folder(b))
                })
        };
        let (files, submodules) = match &side {
            Side::Commit(r) => self.tree_snapshot(&self.tree_of(r.commit)?, config, &pick)?,
            _ => self.index_files(config, &pick)?,
        };
        Ok(Snapshot {
            side,
            files,
            submodules,
        })
    }

    /// A key for the plan files of `commit`: its tree, and what picks the plan files out of a
    /// tree (the globs, where the plans sit in the work tree). Two commits with the same key have
    /// the same plan files, so what is worked out of them can be kept under it without reading
    /// the tree.
    pub fn plan_files_key(&self, commit: ObjectId, config: &Config) -> Result<String, Error> {
        let tree = self.tree_of(commit)?.id();
        // "skips": hidden folders were once read from trees (not from the disk)
        Ok(format!(
            "tree {tree}|{:?}|{:?}|{:?}|{}|skips",
            config.include, config.include_set, config.exclude_set, self.prefix
        ))
    }

    fn tree_of(&self, commit: ObjectId) -> Result<git2::Tree<'_>, Error> {
        self.repo
            .find_commit(commit.0)
            .and_then(|c| c.tree())
            .map_err(|_| self.missing_history(&format!("commit {commit}")))
    }

    /// The plan files of a commit's tree (blob ids only).
    pub fn tree_files(
        &self,
        commit: ObjectId,
        config: &Config,
    ) -> Result<BTreeMap<String, Entry>, Error> {
        self.tree_files_of(&self.tree_of(commit)?, config)
    }

    /// The plan files of a tree (blob ids only).
    pub(in crate::git) fn tree_files_of(
        &self,
        tree: &git2::Tree<'_>,
        config: &Config,
    ) -> Result<BTreeMap<String, Entry>, Error> {
        Ok(self
            .tree_snapshot(tree, config, &|path| self.plan_name(path, config))?
            .0)
    }

    /// The plan files of a tree (those `pick` takes), and the submodules where plans could be.
    fn tree_snapshot(
        &self,
        tree: &git2::Tree<'_>,
        config: &Config,
        pick: &dyn Fn(&str) -> bool,
    ) -> Result<Files, Error> {
        let mut files = BTreeMap::new();
        let mut submodules = Vec::new();
        tree.walk(TreeWalkMode::PreOrder, |dir, entry| {
            if let Ok(name) = entry.name() {
                let full = format!("{dir}{name}");
                match entry.kind() {
                    Some(ObjectType::Blob) if pick(&full) => {
                        files.insert(full, Entry::blob(entry.id()));
                    }
                    Some(ObjectType::Commit) if self.could_hold_plans(&full, config) => {
                        submodules.push(full);
                    }
                    _ => {}
                }
            }
            TreeWalkResult::Ok
        })
        .map_err(|e| git_err(format!("cannot read tree {}", tree.id()), e))?;
        Ok((files, submodules))
    }

    /// The index as git would commit it (`GIT_INDEX_FILE` when set).
    fn index(&self) -> Result<git2::Index, Error> {
        self.repo
            .index()
            .map_err(|e| git_err("cannot read the index", e))
    }

    /// The plan files of the index (those `pick` takes), and the submodules where plans could
    /// be.
    fn index_files(&self, config: &Config, pick: &dyn Fn(&str) -> bool) -> Result<Files, Error> {
        let index = self.index()?;
        let mut files = BTreeMap::new();
        let mut submodules = Vec::new();
        for e in index.iter() {
            let path = String::from_utf8_lossy(&e.path);
            if e.mode == GITLINK {
                if self.could_hold_plans(&path, config) {
                    submodules.push(path.into_owned());
                }
                continue;
            }
            if !pick(&path) {
                continue;
            }
            // stage bits: 0 is the merged entry; a conflicted path has stages 1..3 instead
            let entry = if (e.flags >> 12) & 0x3 == 0 {
                Entry::blob(e.id)
            } else {
                Entry {
                    oid: ObjectId::ZERO,
                    content: Content::Unmerged,
                }
            };
            files.insert(path.into_owned(), entry);
        }
        Ok((files, submodules))
    }

    /// The submodules (by the index, as git sees the working tree) where plans could be.
    pub fn submodules(&self, config: &Config) -> Vec<String> {
        self.index_files(config, &|_| false)
            .map(|(_, s)| s)
            .unwrap_or_default()
    }

    /// True when a work-tree-relative path is under the root and the globs say it is a plan,
    /// in a folder the search of the disk goes into (not `plans/.old/`): a commit, the index
    /// and the working tree have the same plans.
    fn plan_name(&self, path: &str, config: &Config) -> bool {
        path.strip_prefix(&self.prefix).is_some_and(|rel| {
            config.is_plan(rel) && !crate::workspace::config::in_skipped_folder(rel)
        })
    }

    /// True when a folder (a submodule) is under the root where some glob could match a file
    /// inside it: `plans/shared` for `plans/**/*.toml`, not `vendor/theme`.
    fn could_hold_plans(&self, dir: &str, config: &Config) -> bool {
        let Some(rel) = format!("{dir}/")
            .strip_prefix(&self.prefix)
            .map(str::to_string)
        else {
            return false;
        };
        config.include.iter().any(|glob| {
            // the literal folders before the first wildcard
            let lit = glob
                .find(['*', '?', '[', '{'])
                .map_or(glob.as_str(), |i| &glob[..i]);
            let lit = &lit[..lit.rfind('/').map_or(0, |i| i + 1)];
            rel.starts_with(lit) || lit.starts_with(&rel)
        })
    }

    /// A file's bytes: from memory (working tree) or from the object database, never more than
    /// a plan may be (a blob's size is read from its header first).
    pub fn bytes(&self, entry: &Entry) -> std::io::Result<Arc<Vec<u8>>> {
        match &entry.content {
            Content::File { bytes, .. } => Ok(bytes.clone()),
            Content::TooLarge(size) => Err(TooLarge(*size).into()),
            Content::Unmerged => Err(std::io::Error::other(
                "it has an unresolved merge conflict: resolve it, then `git add` the file",
            )),
            Content::Blob => self.blob(entry.oid).map(|b| Arc::new(b.content().to_vec())),
        }
    }

    /// A blob, when it is no larger than a plan may be (its size is read from its header, so a
    /// large blob is never inflated).
    pub(in crate::git) fn blob(&self, oid: ObjectId) -> std::io::Result<git2::Blob<'_>> {
        blob_in(&self.repo, oid)
    }

    /// Every plan file of a snapshot as check inputs, named as in that revision.
    pub fn inputs(&self, snap: &Snapshot) -> Vec<Input> {
        snap.files
            .iter()
            .map(|(name, e)| Input {
                name: name.clone(),
                bytes: match e.content {
                    // straight from the blob: one copy, not two
                    Content::Blob => self.blob(e.oid).map(|b| b.content().to_vec()),
                    _ => self.bytes(e).map(|b| b.to_vec()),
                },
            })
            .collect()
    }

    /// Reads and parses the named files of a snapshot for diff and history (see `read_plan`).
    /// Files that are not readable plans are returned by name with the reason.
    pub fn plans(&self, snap: &Snapshot, names: &[&str]) -> (Vec<PlanFile>, Vec<String>) {
        let (plans, bad) = self.read_plans(snap, names);
        let rev = snap.side.rev();
        let bad = bad
            .into_iter()
            .map(|(name, e)| format!("{name} ({rev}): {e}"))
            .collect();
        (plans, bad)
    }

    /// `plans` for a caller that shows no span of them (`load::read_model`: no texts kept): each
    /// named file of the snapshot in order, its model or why it is not a readable plan.
    pub fn models(
        &self,
        snap: &Snapshot,
        names: &[&str],
    ) -> Vec<(String, Result<PlanFile, String>)> {
        let rev = snap.side.rev();
        self.read_each(snap, names, crate::plan::load::read_model)
            .into_iter()
            .map(|(name, r)| {
                (
                    name.to_string(),
                    r.map_err(|e| format!("{name} ({rev}): {e}")),
                )
            })
            .collect()
    }

    /// The named files of a snapshot (those it has), in order, each as `read` makes a plan of
    /// it, on every core: a commit's blobs are inflated there too (`with_blobs`), the files a
    /// working tree or index holds in memory are read as they are.
    fn read_each<'n>(
        &self,
        snap: &Snapshot,
        names: &[&'n str],
        read: fn(&str, &[u8]) -> Result<PlanFile, String>,
    ) -> Vec<(&'n str, Result<PlanFile, String>)> {
        let entries: Vec<(&'n str, &Entry)> = names
            .iter()
            .filter_map(|name| Some((*name, snap.files.get(*name)?)))
            .collect();
        if entries
            .iter()
            .all(|(_, e)| matches!(e.content, Content::Blob))
        {
            let wanted: Vec<(ObjectId, &'n str)> =
                entries.iter().map(|(name, e)| (e.oid, *name)).collect();
            return self.with_blobs(&wanted, |_, name, bytes| {
                let plan = bytes.map_err(|e| e.to_string()).and_then(|b| read(name, b));
                (*name, plan)
            });
        }
        let raw: Vec<(&str, std::io::Result<Arc<Vec<u8>>>)> = entries
            .into_iter()
            .map(|(name, e)| (name, self.bytes(e)))
            .collect();
        raw.into_par_iter()
            .map(|(name, bytes)| {
                let plan = bytes
                    .map_err(|e| e.to_string())
                    .and_then(|b| read(name, &b));
                (name, plan)
            })
            .collect()
    }

    /// `plans`, with the unreadable files as (name, reason).
    fn read_plans(
        &self,
        snap: &Snapshot,
        names: &[&str],
    ) -> (Vec<PlanFile>, Vec<(String, String)>) {
        let read = self.read_each(snap, names, read_plan);
        let mut plans = Vec::with_capacity(read.len());
        let mut bad = Vec::new();
        for (name, r) in read {
            match r {
                Ok(p) => plans.push(p),
                Err(e) => bad.push((name.to_string(), e)),
            }
        }
        (plans, bad)
    }

    /// A side from a revision argument: `WORKTREE` (or none) is the working tree, `INDEX` the
    /// index, anything else a revision to resolve.
    pub fn side(&self, rev: Option<&str>) -> Result<Side, Error> {
        match rev {
            None | Some(WORKTREE) => Ok(Side::WorkTree),
            Some(INDEX) => Ok(Side::Index),
            Some(r) => self.resolve(r).map(Side::Commit),
        }
    }

    /// The changes between two sides: lists both sides' plan files, parses only the files whose
    /// blobs differ (unchanged files contribute the same plans to both sides), and diffs them.
    ///
    /// A file that cannot be read on either side is left out of both (and named), so it does
    /// not show as every action removed or added.
    pub fn diff(&self, from: Side, to: Side, config: &Config) -> Result<RevDiff, Error> {
        let a = self.snapshot(from, config)?;
        let b = self.snapshot(to, config)?;
        let changed = self.changed_paths(&a, &b)?;
        let changed: Vec<&str> = changed.iter().map(String::as_str).collect();
        let (mut pa, bad_a) = self.read_plans(&a, &changed);
        let (mut pb, bad_b) = self.read_plans(&b, &changed);
        let left_out: BTreeSet<&str> = bad_a
            .iter()
            .chain(&bad_b)
            .map(|(n, _)| n.as_str())
            .collect();
        pa.retain(|p| !left_out.contains(p.source.name.as_str()));
        pb.retain(|p| !left_out.contains(p.source.name.as_str()));
        let ra: Vec<&PlanFile> = pa.iter().collect();
        let rb: Vec<&PlanFile> = pb.iter().collect();
        let changes = crate::diff::diff(&ra, &rb, &config.scale);
        let mut unreadable: Vec<String> = [(&a, &bad_a), (&b, &bad_b)]
            .iter()
            .flat_map(|(snap, bad)| {
                bad.iter()
                    .map(|(name, e)| format!("{name} ({}): {e}", snap.side.rev()))
            })
            .collect();
        unreadable.sort();
        let mut notes: Vec<String> = a.submodules.iter().chain(&b.submodules).cloned().collect();
        notes.sort();
        notes.dedup();
        Ok(RevDiff {
            from: a.side,
            to: b.side,
            changes,
            unreadable,
            notes: notes.iter().map(|s| submodule_note(s)).collect(),
        })
    }

    /// The paths whose content differs between two sides, or that only one side has, as git
    /// would see it: a working-tree file that differs from the index by its bytes is compared
    /// with the commit's blob by libgit2, through the repository's filters (`core.autocrlf`
    /// turns the CRLF on disk into the LF in the blob).
    pub fn changed_paths(&self, a: &Snapshot, b: &Snapshot) -> Result<Vec<String>, Error> {
        let by_id = a.changed_paths(b);
        let (commit, tree_side, work_side) = match (&a.side, &b.side) {
            (Side::Commit(c), Side::WorkTree) => (c.commit, a, b),
            (Side::WorkTree, Side::Commit(c)) => (c.commit, b, a),
            _ => return Ok(by_id.into_iter().map(str::to_string).collect()),
        };
        // in both, the working tree's file modified since the index: ask git
        let ask: Vec<&str> = by_id
            .iter()
            .copied()
            .filter(|p| {
                tree_side.files.contains_key(*p)
                    && work_side
                        .files
                        .get(*p)
                        .is_some_and(|e| matches!(e.content, Content::File { modified: true, .. }))
            })
            .collect();
        let differ = if ask.is_empty() {
            BTreeSet::new()
        } else {
            let tree = self.tree_of(commit)?;
            let mut opts = git2::DiffOptions::new();
            opts.disable_pathspec_match(true);
            for p in &ask {
                opts.pathspec(*p);
            }
            let diff = self
                .repo
                .diff_tree_to_workdir(Some(&tree), Some(&mut opts))
                .map_err(|e| git_err("cannot compare the working tree with a commit", e))?;
            diff.deltas()
                .filter_map(|d| d.new_file().path().or(d.old_file().path()))
                .map(crate::workspace::discover::slash)
                .collect()
        };
        Ok(by_id
            .into_iter()
            .filter(|p| !ask.contains(p) || differ.contains(*p))
            .map(str::to_string)
            .collect())
    }

    /// A work-tree-relative path (as git diffs give them) as a plan name, when it is under the
    /// root.
    pub fn name_of(&self, path: &str) -> Option<String> {
        path.starts_with(&self.prefix).then(|| path.to_string())
    }

    /// The blob id of a file in a commit's tree, when it is there.
    pub(in crate::git) fn blob_at(&self, tree: &git2::Tree<'_>, name: &str) -> Option<ObjectId> {
        tree.get_path(Path::new(name))
            .ok()
            .filter(|e| e.kind() == Some(ObjectType::Blob))
            .map(|e| ObjectId(e.id()))
    }

    /// The commits git grafted away in a shallow clone (their parents are not here).
    pub fn shallow_boundary(&self) -> Vec<ObjectId> {
        std::fs::read_to_string(self.repo.path().join("shallow"))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| Oid::from_str(l.trim()).ok().map(ObjectId))
            .collect()
    }

    /// The committer's calendar date of a commit, in the committer's time zone.
    pub fn commit_date(&self, id: ObjectId) -> Result<chrono::NaiveDate, Error> {
        let c = self
            .repo
            .find_commit(id.0)
            .map_err(|_| self.missing_history(&format!("commit {id}")))?;
        let t = c.time();
        let secs = t
            .seconds()
            .saturating_add(i64::from(t.offset_minutes()) * 60);
        chrono::DateTime::from_timestamp(secs, 0)
            .map(|d| d.date_naive())
            .ok_or_else(|| Error::Git(format!("commit {id} has an impossible date")))
    }

    /// The tags whose names `wanted` accepts, resolved to commits, in order of commit time (then
    /// name), with each commit's date; and a note for each tag that names a tree or a blob
    /// (left out).
    pub fn tags(&self, wanted: impl Fn(&str) -> bool) -> Result<Tags, Error> {
        let names = self
            .repo
            .tag_names(None)
            .map_err(|e| git_err("cannot list tags", e))?;
        let mut tags = Vec::new();
        let mut notes = Vec::new();
        for name in names
            .iter()
            .filter_map(|n| n.ok().flatten())
            .filter(|n| wanted(n))
        {
            let mut target = self
                .repo
                .revparse_single(&format!("refs/tags/{name}"))
                .map_err(|e| git_err(format!("tag `{name}`"), e))?;
            // an annotated tag names another object (maybe another tag)
            while let Some(tag) = target.as_tag() {
                let next = tag
                    .target()
                    .map_err(|e| git_err(format!("tag `{name}`"), e))?;
                target = next;
            }
            let commit = match target.into_commit() {
                Ok(c) => c,
                Err(other) => {
                    notes.push(format!(
                        "tag `{name}` points at a {}, not a commit: it is left out of the cycles",
                        other.kind().map_or("git object", |k| k.str())
                    ));
                    continue;
                }
            };
            let secs = commit.time().seconds();
            let resolved = Resolved {
                rev: name.to_string(),
                commit: ObjectId(commit.id()),
            };
            let date = self.commit_date(ObjectId(commit.id()))?;
            tags.push((secs, resolved, date));
        }
        // tags on commits of the same second (a script tagging old commits, a rebase) go in
        // the order they are numbered: `review-7` before `review-10`
        tags.sort_by_cached_key(|(secs, r, _)| {
            (*secs, crate::plan::words::natural(&r.rev), r.rev.clone())
        });
        Ok((tags.into_iter().map(|(_, r, d)| (r, d)).collect(), notes))
    }

    /// Where the working tree is, when there is one.
    pub fn workdir(&self) -> Option<PathBuf> {
        self.repo.workdir().map(Path::to_path_buf)
    }

    /// The work tree's top, or the error a bare repository gets when a command needs it.
    fn top(&self) -> Result<&Path, Error> {
        self.top.as_deref().ok_or_else(|| {
            Error::Git(format!(
                "{} is a bare repository: it has no working tree to read plans from; name both revisions (`planlint diff FROM TO`, `planlint report FROM TO`)",
                self.repo.path().display()
            ))
        })
    }

    /// The plan files on disk (by the globs, as `check` finds them), hashed as git would store
    /// them, and the submodules (from the index) whose files are left out. Files larger than a
    /// plan may be are not read.
    fn worktree_files(&self, config: &Config) -> Result<Files, Error> {
        let top = self.top()?.to_path_buf();
        let index = self.index()?;
        let (_, submodules) = self.index_files(config, &|_| false)?;
        let gitlinks: Vec<String> = index
            .iter()
            .filter(|e| e.mode == GITLINK)
            .map(|e| format!("{}/", String::from_utf8_lossy(&e.path)))
            .collect();
        let same_top = std::fs::canonicalize(&config.repo_root).is_ok_and(|r| r == top);
        let targets: Vec<(String, PathBuf)> = crate::workspace::discover::discover(config, &[])?
            .into_iter()
            .map(|t| {
                let name = if same_top {
                    t.name
                } else {
                    std::fs::canonicalize(&t.path)
                        .ok()
                        .and_then(|p| {
                            p.strip_prefix(&top)
                                .ok()
                                .map(crate::workspace::discover::slash)
                        })
                        .unwrap_or(t.name)
                };
                (name, t.path)
            })
            .filter(|(name, _)| !gitlinks.iter().any(|g| name.starts_with(g.as_str())))
            .collect();
        let read: Vec<(String, Result<Entry, Error>)> = targets
            .into_par_iter()
            .map(|(name, path)| {
                let entry = read_capped(&path).map(|content| {
                    let oid = match &content {
                        Content::File { bytes, .. } => ObjectId::of_blob(bytes),
                        _ => ObjectId::ZERO,
                    };
                    Entry { oid, content }
                });
                (name, entry)
            })
            .collect();
        // a file with an unresolved merge conflict holds git's conflict markers: say so,
        // rather than report them as a TOML error
        let unmerged: BTreeSet<String> = index
            .iter()
            .filter(|e| (e.flags >> 12) & 0x3 != 0)
            .map(|e| String::from_utf8_lossy(&e.path).into_owned())
            .collect();
        let mut files = BTreeMap::new();
        for (name, entry) in read {
            let entry = if unmerged.contains(&name) {
                Entry {
                    oid: ObjectId::ZERO,
                    content: Content::Unmerged,
                }
            } else {
                entry?
            };
            files.insert(name, entry);
        }
        let ids: BTreeMap<String, ObjectId> = files
            .iter()
            .filter(|(_, e)| matches!(e.content, Content::File { .. }))
            .map(|(n, e)| (n.clone(), e.oid))
            .collect();
        for (name, (oid, differs)) in self.as_in_the_index(&index, ids)? {
            if let Some(e) = files.get_mut(&name) {
                e.oid = oid;
                if let Content::File { modified, .. } = &mut e.content {
                    *modified = differs;
                }
            }
        }
        Ok((files, submodules))
    }

    /// For working-tree files given by the id of their bytes: the id git would store for each,
    /// and whether it differs from the index. A file git calls unmodified gets the index's id:
    /// its bytes may differ from the blob (`core.autocrlf` checks out CRLF), and the id of the
    /// bytes would make a clean file look changed. libgit2 decides, through the repository's
    /// filters and the index's stat data; it is asked only about files whose bytes differ.
    fn as_in_the_index(
        &self,
        index: &git2::Index,
        ids: BTreeMap<String, ObjectId>,
    ) -> Result<BTreeMap<String, (ObjectId, bool)>, Error> {
        let mut out = BTreeMap::new();
        let mut ask = Vec::new();
        for (name, oid) in ids {
            // a file named outside the work tree (`../other/plan.toml`, `/tmp/plan.toml`) is in
            // no index: libgit2 refuses to look such a path up (git2 panics on it)
            let inside = !name.starts_with('/') && !name.split('/').any(|c| c == "..");
            match inside
                .then(|| index.get_path(Path::new(&name), 0))
                .flatten()
            {
                Some(staged) if staged.id == oid.0 => {
                    out.insert(name, (oid, false));
                }
                Some(staged) => {
                    out.insert(name.clone(), (oid, true));
                    ask.push((name, ObjectId(staged.id)));
                }
                None => {
                    out.insert(name, (oid, true));
                }
            }
        }
        if ask.is_empty() {
            return Ok(out);
        }
        let mut opts = git2::DiffOptions::new();
        opts.disable_pathspec_match(true);
        for (p, _) in &ask {
            opts.pathspec(p);
        }
        let diff = self
            .repo
            .diff_index_to_workdir(Some(index), Some(&mut opts))
            .map_err(|e| git_err("cannot compare the working tree with the index", e))?;
        let differ: BTreeSet<String> = diff
            .deltas()
            .filter_map(|d| d.new_file().path().or(d.old_file().path()))
            .map(crate::workspace::discover::slash)
            .collect();
        for (name, staged) in ask {
            if !differ.contains(&name) {
                out.insert(name, (staged, false));
            }
        }
        Ok(out)
    }

    /// The blob ids git would give working-tree files, from the ids of their bytes (see
    /// `as_in_the_index`), for callers that hold the texts already (the history pass compares
    /// them with commits). Without an index the ids of the bytes stand.
    pub fn worktree_ids(&self, ids: BTreeMap<String, ObjectId>) -> BTreeMap<String, ObjectId> {
        let fallback = ids.clone();
        self.index()
            .and_then(|index| self.as_in_the_index(&index, ids))
            .map_or(fallback, |m| {
                m.into_iter().map(|(n, (o, _))| (n, o)).collect()
            })
    }

    /// The best common ancestor of `rev` and `with` (`git merge-base`), for
    /// `check --new-from-merge-base`; named as "the merge base of REV".
    pub fn merge_base(&self, rev: &Resolved, with: ObjectId) -> Result<Resolved, Error> {
        let commit = self
            .repo
            .merge_base(rev.commit.raw(), with.raw())
            .map_err(|e| {
                git_err(
                    format!("no merge base of `{}` and the commit checked", rev.rev),
                    e,
                )
            })?;
        Ok(Resolved {
            rev: format!("the merge base of {}", rev.rev),
            commit: ObjectId::new(commit),
        })
    }

    /// A commit's first parent (`None` for a root commit or one not in this clone).
    pub fn first_parent(&self, commit: ObjectId) -> Option<ObjectId> {
        self.repo
            .find_commit(commit.0)
            .ok()
            .and_then(|c| c.parent_id(0).ok())
            .map(ObjectId)
    }

    /// How many commits the first-parent history from `start` holds here (in a shallow clone,
    /// up to its boundary).
    pub fn first_parents(&self, start: ObjectId) -> usize {
        let Ok(mut walk) = self.repo.revwalk() else {
            return 0;
        };
        if walk
            .push(start.0)
            .and_then(|()| walk.simplify_first_parent())
            .is_err()
        {
            return 0;
        }
        walk.take_while(Result::is_ok).count()
    }

    /// The work tree's top (canonical), when there is one.
    pub fn top_dir(&self) -> Option<&Path> {
        self.top.as_deref()
    }
}

/// Tags resolved to commits with their dates, and notes on the tags left out.
pub type Tags = (Vec<(Resolved, chrono::NaiveDate)>, Vec<String>);

/// A snapshot's files and its submodules.
type Files = (BTreeMap<String, Entry>, Vec<String>);

/// The mode git gives a submodule's entry in trees and the index.
const GITLINK: u32 = 0o160000;

/// The guarded value, even if a thread panicked holding it (what it guards is a memo).
fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A blob of `repo`, when it is no larger than a plan may be (its size is read from its
/// header, so a large blob is never inflated).
fn blob_in(repo: &Repository, oid: ObjectId) -> std::io::Result<git2::Blob<'_>> {
    let oid = oid.0;
    let io = |e: git2::Error| std::io::Error::other(format!("blob {oid}: {}", e.message()));
    let (size, _) = repo.odb().and_then(|o| o.read_header(oid)).map_err(io)?;
    if size > MAX_FILE_BYTES {
        return Err(TooLarge(size as u64).into());
    }
    repo.find_blob(oid).map_err(io)
}

/// Another handle on the repository whose git directory is `path` (for a worker thread), opened
/// as the first was (the environment's object directories honoured).
fn reopen(path: &Path) -> Option<Repository> {
    Repository::open_ext(
        path,
        git2::RepositoryOpenFlags::NO_SEARCH | git2::RepositoryOpenFlags::FROM_ENV,
        std::iter::empty::<&std::ffi::OsStr>(),
    )
    .ok()
}

/// The plan ids `could_name` looks for.
struct Needles<'a> {
    ids: std::collections::HashSet<&'a [u8]>,
    /// The ids' lengths in bytes, each once.
    lens: Vec<usize>,
    /// Whether some id starts, and some id ends, with each byte: most quotes in a plan follow
    /// text no id ends with, and are passed over without hashing anything.
    first: [bool; 256],
    last: [bool; 256],
}

/// What a plan's bytes must hold to have one of `ids` as its plan id, unless they hold a
/// backslash (an escape can spell any id): the id, then a closing quote (a TOML string's value
/// is its text between the quotes, a multi-line string's first newline aside, and a plan id is
/// a string). `None` when an id could be written otherwise (a quote, a backslash or a control
/// character in it; an empty id, which every quote follows; no id at all): then every file is
/// read.
fn needles(ids: &BTreeSet<String>) -> Option<Needles<'_>> {
    if ids.is_empty()
        || ids.iter().any(|id| {
            id.is_empty()
                || id
                    .chars()
                    .any(|c| c.is_control() || matches!(c, '"' | '\'' | '\\'))
        })
    {
        return None;
    }
    let mut lens: Vec<usize> = ids.iter().map(String::len).collect();
    lens.sort_unstable();
    lens.dedup();
    let (mut first, mut last) = ([false; 256], [false; 256]);
    for id in ids.iter().map(String::as_bytes) {
        if let (Some(&f), Some(&l)) = (id.first(), id.last()) {
            first[usize::from(f)] = true;
            last[usize::from(l)] = true;
        }
    }
    Some(Needles {
        ids: ids.iter().map(String::as_bytes).collect(),
        lens,
        first,
        last,
    })
}

/// Whether a plan's `bytes` could have one of the ids `n` was made from (see `needles`): at
/// each quote, whether the bytes before it are one of the ids. Linear in the bytes, however
/// many ids are asked about.
fn could_name(bytes: &[u8], n: &Needles<'_>) -> bool {
    if memchr::memchr(b'\\', bytes).is_some() {
        return true;
    }
    // from quote to quote by memchr, not byte by byte: every other plan of the repository is
    // looked at when a few are checked among them
    memchr::memchr2_iter(b'"', b'\'', bytes).any(|i| {
        i > 0
            && n.last[usize::from(bytes[i - 1])]
            && n.lens.iter().any(|&l| {
                i >= l && n.first[usize::from(bytes[i - l])] && n.ids.contains(&bytes[i - l..i])
            })
    })
}

/// A working-tree file's content: its bytes, or its size when it is larger than a plan may be
/// (told by its metadata, so it is not read).
fn read_capped(path: &Path) -> Result<Content, Error> {
    use std::io::Read;
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_FILE_BYTES as u64 {
        return Ok(Content::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > MAX_FILE_BYTES {
        // it grew while it was read
        return Ok(Content::TooLarge(bytes.len() as u64));
    }
    Ok(Content::File {
        bytes: Arc::new(bytes),
        modified: false,
    })
}

/// Opens the repository as git does: `GIT_DIR` names it (no search); else it is found from
/// `dir` upwards (stopping at `GIT_CEILING_DIRECTORIES`). Either way libgit2 reads
/// `GIT_WORK_TREE`, `GIT_INDEX_FILE` and `GIT_OBJECT_DIRECTORY` (the `FROM_ENV` flag). When it
/// fails, libgit2's reason is kept: "not in a git repository" only when there is none.
fn open_as_git_does(dir: &Path) -> Result<Repository, Error> {
    let git_dir = std::env::var_os("GIT_DIR");
    let opened = match &git_dir {
        Some(_) => Repository::open_from_env(),
        None => {
            let ceilings = std::env::var_os("GIT_CEILING_DIRECTORIES").unwrap_or_default();
            Repository::open_ext(
                dir,
                git2::RepositoryOpenFlags::FROM_ENV,
                std::env::split_paths(&ceilings),
            )
        }
    };
    opened.map_err(|e| match (e.code(), &git_dir) {
        (ErrorCode::NotFound, None) => Error::NotARepository(dir.to_path_buf()),
        (ErrorCode::Owner, _) => Error::Git(format!(
            "cannot open the git repository at {}: {}; if you trust it, mark it safe with `git config --global --add safe.directory PATH` (as git itself asks)",
            dir.display(),
            e.message()
        )),
        (_, Some(d)) => Error::Git(format!(
            "cannot open the git repository GIT_DIR names ({}): {}",
            Path::new(d).display(),
            e.message()
        )),
        (_, None) => {
            let hint = if e.message().contains("object format") || e.message().contains("objectformat") {
                " (planlint reads SHA-1 repositories; SHA-256 ones are not supported yet)"
            } else {
                ""
            };
            Error::Git(format!(
                "cannot open the git repository at {}: {}{hint}",
                dir.display(),
                e.message()
            ))
        }
    })
}

/// The hooks folder git runs hooks from: `core.hooksPath` when set (relative to the work tree,
/// as git reads it), else `hooks` in the common git dir (shared by every worktree).
pub fn hooks_dir(start: &Path) -> Result<PathBuf, Error> {
    let repo = Repository::discover(start).map_err(|e| {
        Error::Git(format!(
            "{} is not inside a git repository ({}); run `git init` first",
            start.display(),
            e.message()
        ))
    })?;
    let configured = repo
        .config()
        .ok()
        .and_then(|c| c.get_path("core.hooksPath").ok());
    Ok(match configured {
        // git (2.47) reads an empty core.hooksPath as the file system's root (`/pre-commit`):
        // writing a hook anywhere would report it installed while git never runs it
        Some(p) if p.as_os_str().is_empty() => {
            return Err(Error::Usage(
                "core.hooksPath is set to an empty value, so git runs no hook from this repository; \
                 unset it (`git config --unset core.hooksPath`) or set it to a folder, then run this again"
                    .into(),
            ))
        }
        Some(p) if p.is_absolute() => p,
        Some(p) => repo.workdir().unwrap_or_else(|| repo.path()).join(p),
        None => repo.commondir().join("hooks"),
    })
}

/// Whether git tracks the file at `path` (a canonical path): it is in the index of the work
/// tree that holds it. False outside a repository, or when it cannot be told.
pub fn is_tracked(path: &Path) -> bool {
    let Some(dir) = path.parent() else {
        return false;
    };
    let Ok(repo) = Repository::discover(dir) else {
        return false;
    };
    let Some(top) = repo.workdir().and_then(|w| w.canonicalize().ok()) else {
        return false;
    };
    let Some(rel) = path.strip_prefix(&top).ok().and_then(|r| r.to_str()) else {
        return false;
    };
    let rel = rel.replace('\\', "/");
    repo.index()
        .is_ok_and(|i| i.get_path(Path::new(&rel), 0).is_some())
}

/// The top of the git work tree enclosing `start`, when there is one.
pub fn work_tree_top(start: &Path) -> Option<PathBuf> {
    Repository::discover(start)
        .ok()
        // `components` drops the trailing `/` git2 leaves on a work tree path
        .and_then(|r| r.workdir().map(|w| w.components().collect()))
}

#[cfg(test)]
mod tests {
    use crate::plan::load::read_plan;
    use proptest::prelude::*;

    proptest! {
        /// A blob's id is git's (libgit2's `hash_object`), whatever the bytes and their length
        /// (SHA-1's padding changes at 55 and 64 bytes past the header).
        #[test]
        fn a_blob_id_is_the_one_git_gives(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            let git = git2::Oid::hash_object(git2::ObjectType::Blob, &bytes).expect("hash");
            prop_assert_eq!(super::ObjectId::of_blob(&bytes).raw(), git);
        }
    }

    #[test]
    fn a_large_blob_id_is_the_one_git_gives() {
        let text = crate::testgen::plan(3, 200);
        let git = git2::Oid::hash_object(git2::ObjectType::Blob, text.as_bytes()).expect("hash");
        assert_eq!(super::ObjectId::of_blob(text.as_bytes()).raw(), git);
        assert_eq!(
            super::blob_id_of(b""),
            "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
        );
    }

    #[test]
    fn a_plan_id_is_looked_for_before_its_closing_quote_unless_an_escape_could_spell_it() {
        let ids: std::collections::BTreeSet<String> =
            ["plan-1".to_string(), "b".to_string()].into();
        let n = super::needles(&ids).expect("plain ids");
        let could = |text: &str| super::could_name(text.as_bytes(), &n);
        assert!(could("[plan]\nid = \"plan-1\"\n"));
        assert!(could("[plan]\nid = 'b'\n"));
        assert!(could("[plan]\nid = \"\"\"\nplan-1\"\"\"\n"));
        assert!(could("plan.id = '''b'''"));
        // an escape can spell any id
        assert!(could("[plan]\nid = \"pl\\u0061n-1\"\n"));
        assert!(!could(
            "[plan]\nid = \"plan-10\"\ntitle = \"plan-1 or c\"\n"
        ));
        assert!(!could("[plan]\nid = \"a\"\n"));
        // ids that could be written otherwise, or none: every file is read
        for odd in ["a\"b", "a'b", "a\\b", "a\nb", ""] {
            assert!(
                super::needles(&[odd.to_string()].into()).is_none(),
                "{odd:?}"
            );
        }
        assert!(super::needles(&Default::default()).is_none());
    }

    /// `could_name` jumps from quote to quote; it agrees with a look at every byte on texts
    /// made of the bytes that matter (quotes, the ids' letters, a backslash, a line break).
    #[test]
    fn looking_from_quote_to_quote_agrees_with_a_look_at_every_byte() {
        let ids: std::collections::BTreeSet<String> =
            ["plan-1".to_string(), "b".to_string(), "n-1".to_string()].into();
        let n = super::needles(&ids).expect("plain ids");
        let every_byte = |bytes: &[u8]| {
            bytes.contains(&b'\\')
                || (0..bytes.len()).any(|i| {
                    matches!(bytes[i], b'"' | b'\'')
                        && ids.iter().any(|id| bytes[..i].ends_with(id.as_bytes()))
                })
        };
        let alphabet = b"plan-1b\"'\\\n =x";
        let mut seed: u64 = 26;
        let (mut yes, mut no) = (0, 0);
        for _ in 0..20_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (seed >> 58) as usize;
            let text: Vec<u8> = (0..len)
                .map(|k| {
                    let r = seed.rotate_left(7 * k as u32 + 3);
                    alphabet[(r % alphabet.len() as u64) as usize]
                })
                .collect();
            let want = every_byte(&text);
            assert_eq!(
                super::could_name(&text, &n),
                want,
                "{:?}",
                String::from_utf8_lossy(&text)
            );
            if want {
                yes += 1;
            } else {
                no += 1;
            }
        }
        // both answers were asked for often
        assert!(yes > 1000 && no > 1000, "{yes} {no}");
    }

    #[test]
    fn read_plan_reads_a_generated_plan_and_refuses_garbage() {
        let p = read_plan("plans/a.toml", crate::testgen::plan(1, 5).as_bytes()).unwrap();
        assert_eq!(p.plan.id(), "plan-1");
        assert_eq!(p.plan.actions.len(), 5);
        assert!(read_plan("x", b"[plan\n").is_err());
        assert!(read_plan("x", &[0xff, 0xfe]).is_err());
    }
}
