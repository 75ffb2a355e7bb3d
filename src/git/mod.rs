//! Reading plans straight from git's object database with `git2`: open the repository, resolve
//! revisions, list a tree's (or the index's, or the working tree's) plan files by the configured
//! globs, and read only the blobs a job needs. Nothing here checks out, stashes or writes.
//!
//! Paths: git stores paths relative to the repository's top; findings and diffs name them
//! relative to the configuration root (where `planlint.toml` is), as `check` does on disk. When
//! the two differ (a plan repository inside a monorepo), the root's prefix is stripped and files
//! outside it are not plans.
//!
//! The only module that touches libgit2. `scope` decides where a check reads plans from, `past`
//! gathers what the history-aware rules need, `history` follows one action through commits.
//!
//! May use: `plan`, `workspace`, `lint` (check inputs and outcomes, and `lint::past` to fill
//! in), `diff`.

pub mod history;
mod past;
pub mod scope;

use crate::plan::load::read_plan;
use crate::plan::load::Input;
use crate::plan::load::PlanFile;
use crate::workspace::config::Config;
use crate::Error;
use git2::{ObjectType, Oid, Repository, TreeWalkMode, TreeWalkResult};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A git object id (a blob's, a commit's), for callers that key data by it without naming
/// libgit2.
pub type BlobId = Oid;

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
}

/// A revision resolved to a commit: the text the user gave and the commit's id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub rev: String,
    pub commit: Oid,
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
}

/// One plan file of a snapshot: its blob id, and its bytes when they are already in memory
/// (working-tree files are read to hash them; blobs are read only when asked for).
#[derive(Debug, Clone)]
pub struct Entry {
    pub oid: Oid,
    bytes: Option<Arc<Vec<u8>>>,
}

/// The plan files of one side, by root-relative path (sorted).
#[derive(Debug)]
pub struct Snapshot {
    pub side: Side,
    pub files: BTreeMap<String, Entry>,
}

impl Snapshot {
    /// Paths whose content differs between `self` and `other`, or that only one side has.
    pub fn changed_paths<'a>(&'a self, other: &'a Snapshot) -> Vec<&'a str> {
        let mut out: Vec<&str> = self
            .files
            .iter()
            .filter(|(p, e)| other.files.get(*p).map_or(true, |o| o.oid != e.oid))
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
}

fn git_err(what: impl std::fmt::Display, e: git2::Error) -> Error {
    Error::Git(format!("{what}: {}", e.message()))
}

impl Repo {
    /// Opens the repository enclosing the configuration root (or says there is none).
    pub fn open(config: &Config) -> Result<Repo, Error> {
        Repo::open_at(&config.root)
    }

    /// Opens the repository enclosing `dir`, which becomes the root paths are relative to.
    pub fn open_at(dir: &Path) -> Result<Repo, Error> {
        // planlint only reads: re-hashing every object read (libgit2's default) costs more than
        // the parsing, and a corrupt object still only yields a finding or an error
        git2::opts::strict_hash_verification(false);
        let repo = Repository::discover(dir).map_err(|_| {
            Error::Git(format!(
                "not in a git repository (looked in {} and its parents); `diff`, `history`, `report` and `check --rev/--staged/--changed-since` read plans from git: run planlint inside the plan repository or pass -C DIR",
                dir.display()
            ))
        })?;
        let prefix = match repo.workdir() {
            Some(top) => {
                let top = std::fs::canonicalize(top).unwrap_or_else(|_| top.to_path_buf());
                let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
                match root.strip_prefix(&top) {
                    Ok(rel) if rel.as_os_str().is_empty() => String::new(),
                    Ok(rel) => format!("{}/", crate::workspace::discover::slash(rel)),
                    Err(_) => String::new(),
                }
            }
            None => String::new(),
        };
        Ok(Repo { repo, prefix })
    }

    /// The underlying repository, for callers that walk history.
    pub fn git(&self) -> &Repository {
        &self.repo
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
                commit: c.id(),
            }),
            Err(e) if self.repo.is_shallow() => Err(Error::Git(format!(
                "unknown revision `{rev}` in this shallow clone ({}): the history it needs was not fetched; run `git fetch --unshallow` (in GitHub Actions, set `fetch-depth: 0` on actions/checkout)",
                e.message()
            ))),
            Err(_) if self.repo.is_empty().unwrap_or(false) => Err(Error::Git(format!(
                "unknown revision `{rev}`: the repository has no commits yet"
            ))),
            Err(e) => Err(Error::Git(format!(
                "unknown revision `{rev}`: {} (try a tag, a branch, HEAD~1 or a commit id)",
                e.message()
            ))),
        }
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
        let files = match &side {
            Side::Commit(r) => self.tree_files(r.commit, config)?,
            Side::Index => self.index_files(config)?,
            Side::WorkTree => worktree_files(config)?,
        };
        Ok(Snapshot { side, files })
    }

    /// The plan files of a commit's tree (blob ids only).
    pub fn tree_files(
        &self,
        commit: Oid,
        config: &Config,
    ) -> Result<BTreeMap<String, Entry>, Error> {
        let tree = self
            .repo
            .find_commit(commit)
            .and_then(|c| c.tree())
            .map_err(|_| self.missing_history(&format!("commit {commit}")))?;
        self.tree_files_of(&tree, config)
    }

    /// The plan files of a tree (blob ids only).
    pub fn tree_files_of(
        &self,
        tree: &git2::Tree<'_>,
        config: &Config,
    ) -> Result<BTreeMap<String, Entry>, Error> {
        let mut files = BTreeMap::new();
        tree.walk(TreeWalkMode::PreOrder, |dir, entry| {
            if entry.kind() == Some(ObjectType::Blob) {
                if let Ok(name) = entry.name() {
                    let full = format!("{dir}{name}");
                    if let Some(rel) = self.plan_name(&full, config) {
                        files.insert(
                            rel,
                            Entry {
                                oid: entry.id(),
                                bytes: None,
                            },
                        );
                    }
                }
            }
            TreeWalkResult::Ok
        })
        .map_err(|e| git_err(format!("cannot read tree {}", tree.id()), e))?;
        Ok(files)
    }

    fn index_files(&self, config: &Config) -> Result<BTreeMap<String, Entry>, Error> {
        let index = self
            .repo
            .index()
            .map_err(|e| git_err("cannot read the index", e))?;
        let mut files = BTreeMap::new();
        for e in index.iter() {
            // stage bits: 0 is the merged entry; conflicted entries have stages 1..3
            let stage = (e.flags >> 12) & 0x3;
            if stage != 0 {
                continue;
            }
            let path = String::from_utf8_lossy(&e.path);
            if let Some(rel) = self.plan_name(&path, config) {
                files.insert(
                    rel,
                    Entry {
                        oid: e.id,
                        bytes: None,
                    },
                );
            }
        }
        Ok(files)
    }

    /// A work-tree-relative path as a root-relative plan name, when the globs say it is a plan.
    fn plan_name(&self, path: &str, config: &Config) -> Option<String> {
        let rel = path.strip_prefix(&self.prefix)?;
        config.is_plan(rel).then(|| rel.to_string())
    }

    /// A file's bytes: from memory (working tree) or from the object database.
    pub fn bytes(&self, entry: &Entry) -> std::io::Result<Arc<Vec<u8>>> {
        if let Some(b) = &entry.bytes {
            return Ok(b.clone());
        }
        let blob = self
            .repo
            .find_blob(entry.oid)
            .map_err(|e| std::io::Error::other(format!("blob {}: {}", entry.oid, e.message())))?;
        if blob.size() > crate::plan::load::MAX_FILE_BYTES {
            // let the loader refuse it with its usual finding, without copying it all
            return Ok(Arc::new(vec![b' '; crate::plan::load::MAX_FILE_BYTES + 1]));
        }
        Ok(Arc::new(blob.content().to_vec()))
    }

    /// Every plan file of a snapshot as check inputs, named as in that revision.
    pub fn inputs(&self, snap: &Snapshot) -> Vec<Input> {
        snap.files
            .iter()
            .map(|(name, e)| Input {
                name: name.clone(),
                bytes: self.bytes(e).map(|b| b.to_vec()),
            })
            .collect()
    }

    /// Reads and parses the named files of a snapshot for diff and history (see `read_plan`).
    /// Files that are not readable plans are returned by name with the reason.
    pub fn plans(&self, snap: &Snapshot, names: &[&str]) -> (Vec<PlanFile>, Vec<String>) {
        let mut plans = Vec::with_capacity(names.len());
        let mut bad = Vec::new();
        for name in names {
            let Some(entry) = snap.files.get(*name) else {
                continue;
            };
            match self.bytes(entry) {
                Ok(b) => match read_plan(name, &b) {
                    Ok(p) => plans.push(p),
                    Err(e) => bad.push(format!("{name} ({}): {e}", snap.side.rev())),
                },
                Err(e) => bad.push(format!("{name} ({}): {e}", snap.side.rev())),
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
    pub fn diff(&self, from: Side, to: Side, config: &Config) -> Result<RevDiff, Error> {
        let a = self.snapshot(from, config)?;
        let b = self.snapshot(to, config)?;
        let changed = a.changed_paths(&b);
        let (pa, mut unreadable) = self.plans(&a, &changed);
        let (pb, bad) = self.plans(&b, &changed);
        unreadable.extend(bad);
        let ra: Vec<&PlanFile> = pa.iter().collect();
        let rb: Vec<&PlanFile> = pb.iter().collect();
        let changes = crate::diff::diff(&ra, &rb, &config.scale);
        Ok(RevDiff {
            from: a.side,
            to: b.side,
            changes,
            unreadable,
        })
    }

    /// A work-tree-relative path (as git diffs give them) as a root-relative name, when it is
    /// under the root.
    pub fn name_of(&self, path: &str) -> Option<String> {
        path.strip_prefix(&self.prefix).map(str::to_string)
    }

    /// The blob id of a root-relative file in a commit's tree, when it is there.
    pub fn blob_at(&self, tree: &git2::Tree<'_>, name: &str) -> Option<Oid> {
        let full = format!("{}{name}", self.prefix);
        tree.get_path(Path::new(&full))
            .ok()
            .filter(|e| e.kind() == Some(ObjectType::Blob))
            .map(|e| e.id())
    }

    /// The commits git grafted away in a shallow clone (their parents are not here).
    pub fn shallow_boundary(&self) -> Vec<Oid> {
        std::fs::read_to_string(self.repo.path().join("shallow"))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| Oid::from_str(l.trim()).ok())
            .collect()
    }

    /// The committer's calendar date of a commit, in the committer's time zone.
    pub fn commit_date(&self, id: Oid) -> Result<chrono::NaiveDate, Error> {
        let c = self
            .repo
            .find_commit(id)
            .map_err(|_| self.missing_history(&format!("commit {id}")))?;
        let t = c.time();
        let secs = t.seconds() + i64::from(t.offset_minutes()) * 60;
        chrono::DateTime::from_timestamp(secs, 0)
            .map(|d| d.date_naive())
            .ok_or_else(|| Error::Git(format!("commit {id} has an impossible date")))
    }

    /// The tags whose names `wanted` accepts, resolved to commits, in order of commit time (then
    /// name), with each commit's date.
    pub fn tags(
        &self,
        wanted: impl Fn(&str) -> bool,
    ) -> Result<Vec<(Resolved, chrono::NaiveDate)>, Error> {
        let names = self
            .repo
            .tag_names(None)
            .map_err(|e| git_err("cannot list tags", e))?;
        let mut tags = Vec::new();
        for name in names
            .iter()
            .filter_map(|n| n.ok().flatten())
            .filter(|n| wanted(n))
        {
            let commit = self
                .repo
                .revparse_single(&format!("refs/tags/{name}"))
                .and_then(|o| o.peel_to_commit())
                .map_err(|e| git_err(format!("tag `{name}`"), e))?;
            let secs = commit.time().seconds();
            let resolved = Resolved {
                rev: name.to_string(),
                commit: commit.id(),
            };
            let date = self.commit_date(commit.id())?;
            tags.push((secs, resolved, date));
        }
        tags.sort_by(|a, b| (a.0, &a.1.rev).cmp(&(b.0, &b.1.rev)));
        Ok(tags.into_iter().map(|(_, r, d)| (r, d)).collect())
    }

    /// Where the working tree is, when there is one.
    pub fn workdir(&self) -> Option<PathBuf> {
        self.repo.workdir().map(Path::to_path_buf)
    }
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
        Some(p) if p.is_absolute() => p,
        Some(p) => repo.workdir().unwrap_or_else(|| repo.path()).join(p),
        None => repo.commondir().join("hooks"),
    })
}

/// The top of the git work tree enclosing `start`, when there is one.
pub fn work_tree_top(start: &Path) -> Option<PathBuf> {
    Repository::discover(start)
        .ok()
        // `components` drops the trailing `/` git2 leaves on a work tree path
        .and_then(|r| r.workdir().map(|w| w.components().collect()))
}

/// The plan files on disk, read and hashed as git would hash them, so they compare with blobs.
fn worktree_files(config: &Config) -> Result<BTreeMap<String, Entry>, Error> {
    let targets = crate::workspace::discover::discover(config, &[])?;
    let mut files = BTreeMap::new();
    for t in targets {
        let bytes = std::fs::read(&t.path).map_err(|source| Error::Io {
            path: t.path.clone(),
            source,
        })?;
        let oid = Oid::hash_object(ObjectType::Blob, &bytes)
            .map_err(|e| git_err(format!("cannot hash {}", t.name), e))?;
        files.insert(
            t.name,
            Entry {
                oid,
                bytes: Some(Arc::new(bytes)),
            },
        );
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use crate::plan::load::read_plan;

    #[test]
    fn read_plan_reads_a_generated_plan_and_refuses_garbage() {
        let p = read_plan("plans/a.toml", crate::testgen::plan(1, 5).as_bytes()).unwrap();
        assert_eq!(p.plan.id(), "plan-1");
        assert_eq!(p.plan.actions.len(), 5);
        assert!(read_plan("x", b"[plan\n").is_err());
        assert!(read_plan("x", &[0xff, 0xfe]).is_err());
    }
}
