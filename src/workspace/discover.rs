//! Which files are plans: the configured globs (default `plans/**/*.toml`) under the root,
//! files under directories named on the command line, and any file named explicitly.
//! Cargo.toml and other TOML outside the globs are never mistaken for plans.

use crate::plan::load::Input;
use crate::workspace::config::Config;
use crate::Error;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A file to check: where it is, and the name findings show (root-relative, `/`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Target {
    pub name: String,
    pub path: PathBuf,
}

/// The plan files to check, and what was passed over on the way (for notes).
#[derive(Debug, Default)]
pub struct Discovery {
    pub targets: Vec<Target>,
    /// Entries that look like plans by name but are not regular files, each with the reason
    /// ("plans/x.toml is a named pipe (FIFO), not a regular file"): the caller notes them.
    pub skipped: Vec<String>,
}

/// The plan files to check (see `find`), without the notes.
pub fn discover(config: &Config, paths: &[PathBuf]) -> Result<Vec<Target>, Error> {
    Ok(find(config, paths)?.targets)
}

/// The plan files under the root (no paths) or at and under `paths`. A path named here must be
/// a regular file or a folder (a named pipe would hang the read: exit 2 saying so); found by
/// walking, anything else matching the globs is skipped and listed in `skipped`.
pub fn find(config: &Config, paths: &[PathBuf]) -> Result<Discovery, Error> {
    let mut out = Discovery::default();
    if paths.is_empty() {
        walk(config, &config.root, &mut out)?;
    }
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound if !is_link(p) => Error::NotFound(p.clone()),
            _ => Error::Io {
                path: p.clone(),
                source: crate::workspace::files::explain(p, e),
            },
        })?;
        if meta.is_dir() {
            walk(config, p, &mut out)?;
        } else if meta.is_file() {
            // named explicitly: always checked, whatever the globs say
            out.targets.push(Target {
                name: display_name(&config.repo_root, p),
                path: p.clone(),
            });
        } else {
            return Err(Error::Io {
                path: p.clone(),
                source: crate::workspace::files::not_regular(&meta.file_type()),
            });
        }
    }
    out.targets.sort();
    out.targets.dedup_by(|a, b| a.name == b.name);
    Ok(out)
}

/// The `[plans] exclude` glob that leaves `path` out, if one does (matched relative to the
/// configuration root, as the globs are written). `--force-exclude` drops a file named on the
/// command line that one matches.
pub fn excluded_by<'c>(config: &'c Config, path: &Path) -> Option<&'c str> {
    let rel = display_name(&config.root, path);
    config
        .exclude_set
        .matches(&rel)
        .first()
        .and_then(|&i| config.exclude.get(i))
        .map(String::as_str)
}

/// One file `--show-files` lists: its name and whether it is a plan, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Listed {
    pub name: String,
    pub plan: bool,
    pub why: String,
}

/// Every TOML file under the root (or at and under `paths`), whether it is a plan, and why:
/// the include glob that matched, the exclude glob that left it out, no glob matching, or
/// named on the command line (left out by an exclude glob only with `force_exclude`).
pub fn explain(
    config: &Config,
    paths: &[PathBuf],
    force_exclude: bool,
) -> Result<Vec<Listed>, Error> {
    let mut out = Vec::new();
    let mut dirs = Vec::new();
    if paths.is_empty() {
        dirs.push(config.root.clone());
    }
    for p in paths {
        if p.is_dir() {
            dirs.push(p.clone());
        } else if p.exists() {
            let name = display_name(&config.repo_root, p);
            out.push(match excluded_by(config, p) {
                Some(glob) if force_exclude => Listed {
                    name,
                    plan: false,
                    why: format!(
                        "named on the command line, excluded by `{glob}` (--force-exclude)"
                    ),
                },
                _ => Listed {
                    name,
                    plan: true,
                    why: "named on the command line (always checked)".into(),
                },
            });
        } else {
            return Err(Error::NotFound(p.clone()));
        }
    }
    let pattern = |set: &globset::GlobSet, globs: &[String], rel: &str| {
        set.matches(rel)
            .first()
            .and_then(|&i| globs.get(i))
            .cloned()
    };
    let mut folders = Folders::default();
    for dir in dirs {
        let walker = walkdir::WalkDir::new(&dir)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !skipped_dir(e));
        for entry in walker.filter_map(Result::ok) {
            if entry.file_type().is_dir() {
                continue;
            }
            let path = entry.path();
            let candidates: Vec<String> = std::iter::once(folders.display_name(&config.root, path))
                .chain(folders.relative(&dir, path))
                .collect();
            let included = candidates
                .iter()
                .find_map(|rel| pattern(&config.include_set, &config.include, rel));
            let excluded = candidates
                .iter()
                .find_map(|rel| pattern(&config.exclude_set, &config.exclude, rel));
            let is_toml = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
            let name = folders.display_name(&config.repo_root, path);
            let listed = match (included, excluded) {
                (Some(_), Some(ex)) => Listed {
                    name,
                    plan: false,
                    why: format!("excluded by `{ex}` ([plans] exclude)"),
                },
                (Some(inc), None) if entry.file_type().is_file() => Listed {
                    name,
                    plan: true,
                    why: format!("matches `{inc}` ([plans] include)"),
                },
                (Some(_), None) => Listed {
                    name,
                    plan: false,
                    why: format!(
                        "{}, not a regular file",
                        crate::workspace::files::kind(&entry.file_type())
                    ),
                },
                (None, _) if is_toml => Listed {
                    name,
                    plan: false,
                    why: format!(
                        "matches no [plans] include glob ({})",
                        config.include.join(", ")
                    ),
                },
                (None, _) => continue,
            };
            out.push(listed);
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.name == b.name);
    Ok(out)
}

fn is_link(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink())
}

fn walk(config: &Config, dir: &Path, out: &mut Discovery) -> Result<(), Error> {
    let mut folders = Folders::default();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skipped_dir(e));
    for entry in walker {
        let entry = entry.map_err(|e| Error::Io {
            path: e
                .path()
                .map_or_else(|| dir.to_path_buf(), Path::to_path_buf),
            source: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("filesystem loop")),
        })?;
        let ft = entry.file_type();
        if ft.is_dir() {
            continue;
        }
        let path = entry.path();
        let from_root = folders.display_name(&config.root, path);
        let from_dir = folders.relative(dir, path);
        if !(config.is_plan(&from_root) || from_dir.as_deref().is_some_and(|r| config.is_plan(r))) {
            continue;
        }
        let name = folders.display_name(&config.repo_root, path);
        if ft.is_file() {
            out.targets.push(Target {
                name,
                path: path.to_path_buf(),
            });
        } else if ft.is_symlink() {
            // not followed: git stores the link, not the plan it leads to, so `--rev`,
            // `--staged` and `diff` could never agree with a check that followed it (and a
            // link may lead out of the repository)
            out.skipped.push(format!(
                "{name} is a symbolic link: skipped (git keeps the link, not the plan it leads to); name the file it leads to, to check that"
            ));
        } else {
            out.skipped.push(format!(
                "{name} is {}, not a regular file: skipped",
                crate::workspace::files::kind(&ft)
            ));
        }
    }
    Ok(())
}

fn skipped_dir(e: &walkdir::DirEntry) -> bool {
    e.file_type().is_dir()
        && crate::workspace::config::skipped_folder(&e.file_name().to_string_lossy())
}

/// The name a path is shown by: relative to the root with `/`, else as given.
pub fn display_name(root: &Path, path: &Path) -> String {
    Folders::default().display_name(root, path)
}

/// Folders resolved (`canonicalize`), each once: a walk names every file it meets relative to
/// up to three folders, and resolving each file's folder and those again for every file was a
/// fifth of an `update` among 1,000 plans (six system calls a file, each walking the path).
#[derive(Default)]
struct Folders(std::collections::HashMap<PathBuf, Option<PathBuf>>);

impl Folders {
    fn resolved(&mut self, p: &Path) -> Option<PathBuf> {
        self.0
            .entry(p.to_path_buf())
            .or_insert_with(|| std::fs::canonicalize(p).ok())
            .clone()
    }

    fn display_name(&mut self, root: &Path, path: &Path) -> String {
        self.relative(root, path).unwrap_or_else(|| slash(path))
    }

    fn relative(&mut self, base: &Path, path: &Path) -> Option<String> {
        // the folder is resolved, the last component is not: a symbolic link is named where
        // it is, not where it leads
        let abs = match (path.parent(), path.file_name()) {
            (Some(dir), Some(name)) if !dir.as_os_str().is_empty() => {
                self.resolved(dir)?.join(name)
            }
            _ => self.resolved(path)?,
        };
        let base = self.resolved(base)?;
        abs.strip_prefix(&base).ok().map(slash)
    }
}

pub fn slash(p: &Path) -> String {
    let s = p.to_string_lossy();
    let s = s.strip_prefix("./").unwrap_or(&s);
    if std::path::MAIN_SEPARATOR == '/' {
        s.to_string()
    } else {
        s.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

/// Reads files from disk as check inputs.
pub fn read_targets(targets: &[Target]) -> Vec<Input> {
    targets
        .par_iter()
        .map(|t| Input {
            name: t.name.clone(),
            bytes: read_capped(&t.path),
        })
        .collect()
}

/// Reads a regular file (never blocking on a pipe put in its place since it was found),
/// refusing to pull more than the plan size limit (plus one byte) into memory; a file its
/// metadata says is larger is not read at all (`TooLarge` carries its size).
fn read_capped(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let f = crate::workspace::files::open_regular(path)?;
    let size = f.metadata()?.len();
    if size > crate::plan::load::MAX_FILE_BYTES as u64 {
        return Err(crate::plan::load::TooLarge(size).into());
    }
    // the size the metadata gives, read into a buffer that size: through `take` the reader
    // cannot know it, and growing by doubling kept up to twice each plan's bytes
    let mut buf = Vec::with_capacity(size as usize + 1);
    f.take(crate::plan::load::MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut buf)?;
    Ok(buf)
}
