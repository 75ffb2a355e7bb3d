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

pub fn discover(config: &Config, paths: &[PathBuf]) -> Result<Vec<Target>, Error> {
    let mut out = Vec::new();
    if paths.is_empty() {
        walk(config, &config.root, &mut out)?;
    }
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound(p.clone()),
            _ => Error::Io {
                path: p.clone(),
                source: e,
            },
        })?;
        if meta.is_dir() {
            walk(config, p, &mut out)?;
        } else {
            // named explicitly: always checked, whatever the globs say
            out.push(Target {
                name: display_name(&config.repo_root, p),
                path: p.clone(),
            });
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.name == b.name);
    Ok(out)
}

fn walk(config: &Config, dir: &Path, out: &mut Vec<Target>) -> Result<(), Error> {
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
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let from_root = display_name(&config.root, path);
        let from_dir = relative(dir, path);
        if config.is_plan(&from_root) || from_dir.as_deref().is_some_and(|r| config.is_plan(r)) {
            out.push(Target {
                name: display_name(&config.repo_root, path),
                path: path.to_path_buf(),
            });
        }
    }
    Ok(())
}

fn skipped_dir(e: &walkdir::DirEntry) -> bool {
    let name = e.file_name().to_string_lossy();
    e.file_type().is_dir() && (name.starts_with('.') || name == "target" || name == "node_modules")
}

/// The name a path is shown by: relative to the root with `/`, else as given.
pub fn display_name(root: &Path, path: &Path) -> String {
    relative(root, path).unwrap_or_else(|| slash(path))
}

fn relative(base: &Path, path: &Path) -> Option<String> {
    let abs = std::fs::canonicalize(path).ok()?;
    let base = std::fs::canonicalize(base).ok()?;
    abs.strip_prefix(&base).ok().map(slash)
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

/// Reads a file, refusing to pull more than the plan size limit (plus one byte) into memory;
/// a file its metadata says is larger is not read at all (`TooLarge` carries its size).
fn read_capped(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let f = std::fs::File::open(path)?;
    let size = f.metadata()?.len();
    if size > crate::plan::load::MAX_FILE_BYTES as u64 {
        return Err(crate::plan::load::TooLarge(size).into());
    }
    let mut buf = Vec::new();
    f.take(crate::plan::load::MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut buf)?;
    Ok(buf)
}
