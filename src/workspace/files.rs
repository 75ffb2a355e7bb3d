//! Writing files the way every planlint command must (ARCHITECTURE.md, "Invariants"): to a
//! temporary file beside the target, flushed to disk, then renamed over it, so a full disk or a
//! crash leaves the old file or nothing, never half a file. And reading them the way every
//! planlint command must: only regular files, never blocking on a named pipe.

use crate::Error;
use std::fs::{File, FileType};
use std::io::{self, Read, Write};
use std::path::Path;

/// A file system entry that is not a regular file, in words (for "not a regular file (…)").
pub fn kind(ft: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device";
        }
    }
    if ft.is_dir() {
        "a folder"
    } else if ft.is_symlink() {
        "a symbolic link"
    } else if ft.is_file() {
        "a regular file"
    } else {
        "not a file"
    }
}

/// The error for a path that exists but is not a regular file.
pub fn not_regular(ft: &FileType) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("not a regular file: it is {}", kind(ft)),
    )
}

/// Opens `path` for reading only if it is a regular file (after following links). A named
/// pipe is opened without blocking and refused, so no path can hang planlint. Errors say why
/// in words: "not a regular file: it is a folder", a link that leads nowhere or loops.
pub fn open_regular(path: &Path) -> io::Result<File> {
    open_plain(path, true)
}

/// `open_regular`, but never through a symbolic link: a link at `path` is an error (`ELOOP`
/// on Unix), whatever it leads to. For the files planlint keeps for itself (the history
/// cache), which a link must never lead out of.
pub fn open_regular_here(path: &Path) -> io::Result<File> {
    open_plain(path, false)
}

fn open_plain(path: &Path, follow: bool) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // a FIFO's open() waits for a writer; with O_NONBLOCK it returns at once (and has no
        // effect on reading a regular file)
        let nofollow = if follow { 0 } else { libc::O_NOFOLLOW };
        options.custom_flags(libc::O_NONBLOCK | nofollow);
    }
    #[cfg(not(unix))]
    if !follow && std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(io::Error::other("a symbolic link"));
    }
    // (without following, a link's error stays the system's own: `ELOOP`)
    let file = options
        .open(path)
        .map_err(|e| if follow { explain(path, e) } else { e })?;
    let ft = file.metadata()?.file_type();
    if !ft.is_file() {
        return Err(not_regular(&ft));
    }
    Ok(file)
}

/// Reads at most `limit` bytes of the regular file at `path` (see `open_regular`).
pub fn read_regular(path: &Path, limit: usize) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let mut buf = Vec::new();
    file.take(limit as u64).read_to_end(&mut buf)?;
    Ok(buf)
}

/// Says why a path could not be opened when the system's words would puzzle: a symbolic link
/// to nothing ("No such file or directory" about a file that is listed) or a link loop.
pub fn explain(path: &Path, e: io::Error) -> io::Error {
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !link {
        return e;
    }
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return io::Error::new(
            e.kind(),
            "a symbolic link that loops (it leads back to itself)",
        );
    }
    if e.kind() == io::ErrorKind::NotFound {
        let target = std::fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        return io::Error::new(
            io::ErrorKind::NotFound,
            format!("a symbolic link to `{target}`, which does not exist"),
        );
    }
    e
}

/// Whether planlint may write `path`, judged before anything is written: not a symbolic link
/// (neither replaced nor written through), and an existing file regular and writable. Gives the
/// existing file's metadata. `replace_atomic` asks it too: one rule for every file planlint
/// writes, and for commands that must judge a second file before writing the first.
pub fn writable(path: &Path) -> Result<Option<std::fs::Metadata>, Error> {
    let io = |source: std::io::Error| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    // a link is neither replaced (git would see a type change, and the link's target a copy)
    // nor written through (it may point anywhere): one rule for every file planlint writes
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Error::Usage(format!(
            "{}: a symbolic link; planlint neither replaces a link nor writes through it (nothing was written)",
            path.display()
        )));
    }
    let existing = match std::fs::metadata(path) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        // a file where a folder of the path should be: said of the folder, as when making the
        // file beside it fails
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            return Err(no_file_beside(path, e))
        }
        Err(e) => return Err(io(e)),
    };
    if let Some(m) = &existing {
        if !m.is_file() {
            return Err(Error::Usage(format!(
                "{}: not a regular file; planlint writes only regular files",
                path.display()
            )));
        }
        if m.permissions().readonly() {
            return Err(Error::Usage(format!(
                "{}: the file is read-only; make it writable first (nothing was written)",
                path.display()
            )));
        }
    }
    Ok(existing)
}

/// Writes `bytes` to `path` atomically. An existing file keeps its permissions (a hook stays
/// executable); a read-only file is refused rather than silently replaced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    replace_atomic(path, bytes, true)
}

/// `write_atomic`, and `sync`: whether to flush the file to disk before the rename. A cache
/// entry (`git::cache`) skips it: a crash may lose the entry, never leave half of it.
pub fn replace_atomic(path: &Path, bytes: &[u8], sync: bool) -> Result<(), Error> {
    replace_atomic_with(path, sync, |f| {
        f.write_all(bytes).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })
    })
}

/// `replace_atomic` for a writer that writes the file itself (`write` is given the temporary
/// file beside `path`, and the file takes its place only when `write` succeeds).
fn replace_atomic_with<T>(
    path: &Path,
    sync: bool,
    write: impl FnOnce(&mut File) -> Result<T, Error>,
) -> Result<T, Error> {
    let io = |source: std::io::Error| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let existing = writable(path)?;
    let dir = folder(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".planlint-").suffix(".tmp");
    // a new file gets the usual mode (0666 less the umask), not a temporary file's 0600
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| no_file_beside(path, e))?;
    let made = write(tmp.as_file_mut())?;
    if sync {
        tmp.as_file().sync_all().map_err(io)?;
    }
    if let Some(m) = &existing {
        tmp.as_file().set_permissions(m.permissions()).map_err(io)?;
    }
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(made)
}

/// The folder `path` is in (`.` for a bare name).
fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// `write_atomic` for output that `write` writes as it is made (an exported workbook, never
/// held whole in memory too): first into a file with no name in `path`'s folder, which the
/// system removes however the command ends (Ctrl-C, killed), then copied into place as
/// `write_atomic` puts bytes. A path planlint may not write is refused before any of it.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> Result<(), Error>,
) -> Result<(), Error> {
    writable(path)?;
    let mut made = tempfile::tempfile_in(folder(path)).map_err(|e| no_file_beside(path, e))?;
    write(&mut made)?;
    let io = |source: io::Error| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    io::Seek::rewind(&mut made).map_err(io)?;
    replace_atomic_with(path, true, |f| io::copy(&mut made, f).map(drop).map_err(io))
}

/// A temporary file could not be made beside `path`: said of `path` and its folder, not of the
/// temporary file's name (which the user never gave).
fn no_file_beside(path: &Path, e: io::Error) -> Error {
    let dir = folder(path);
    let why = match e.raw_os_error() {
        Some(n) => io::Error::from_raw_os_error(n).to_string(),
        None => e.kind().to_string(),
    };
    let said = if dir.is_dir() {
        format!("cannot make a file in the folder {} ({why})", dir.display())
    } else if dir.exists() {
        format!("{} is not a folder", dir.display())
    } else {
        format!("the folder {} does not exist", dir.display())
    };
    Error::Io {
        path: path.to_path_buf(),
        source: io::Error::new(e.kind(), said),
    }
}

/// Appends `bytes` to the regular file at `path` (creating it), atomically: the old content and
/// the new are written to a temporary file beside it and renamed over it (`write_atomic`).
pub fn append_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut all = match read_regular(path, usize::MAX) {
        Ok(old) => old,
        Err(e) if e.kind() == io::ErrorKind::NotFound && e.get_ref().is_none() => Vec::new(),
        Err(source) => {
            return Err(Error::Io {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    all.extend_from_slice(bytes);
    write_atomic(path, &all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replaces_and_keeps_the_mode() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        write_atomic(&p, b"one").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // readable by others, as a file written by an editor would be (umask permitting)
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_ne!(mode & 0o777, 0o600, "{mode:o}");
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
            write_atomic(&p, b"two").unwrap();
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o755);
        }
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        // no temporary file is left beside it
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_read_only_file_is_refused_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, b"keep").unwrap();
        let mut perms = std::fs::metadata(&p).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&p, perms).unwrap();
        let e = write_atomic(&p, b"new").unwrap_err().to_string();
        assert!(e.contains("read-only"), "{e}");
        assert_eq!(std::fs::read(&p).unwrap(), b"keep");
    }

    #[test]
    fn only_regular_files_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_regular(dir.path(), 10).unwrap_err().to_string();
        assert_eq!(e, "not a regular file: it is a folder");
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink("nowhere.toml", &link).unwrap();
            let e = read_regular(&link, 10).unwrap_err().to_string();
            assert_eq!(e, "a symbolic link to `nowhere.toml`, which does not exist");
            let ring = dir.path().join("ring");
            std::os::unix::fs::symlink("ring", &ring).unwrap();
            let e = read_regular(&ring, 10).unwrap_err().to_string();
            assert_eq!(e, "a symbolic link that loops (it leads back to itself)");
        }
        let p = dir.path().join("a.txt");
        std::fs::write(&p, b"0123456789").unwrap();
        assert_eq!(read_regular(&p, 4).unwrap(), b"0123");
    }

    #[test]
    fn a_missing_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("no/such/a.txt");
        assert!(write_atomic(&p, b"x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_neither_replaced_nor_written_through() {
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("target.txt");
        std::fs::write(&target, "theirs").expect("write");
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        let e = replace_atomic(&link, b"ours", false).expect_err("refused");
        assert!(e.to_string().contains("a symbolic link"), "{e}");
        assert_eq!(std::fs::read(&target).expect("target"), b"theirs");
        assert!(std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink());
    }
}
