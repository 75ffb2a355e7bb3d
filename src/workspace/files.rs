//! Writing files the way every planlint command must (DESIGN, "Files planlint writes"): to a
//! temporary file beside the target, flushed to disk, then renamed over it, so a full disk or a
//! crash leaves the old file or nothing, never half a file.

use crate::Error;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically. An existing file keeps its permissions (a hook stays
/// executable); a read-only file is refused rather than silently replaced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let io = |source: std::io::Error| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let existing = match std::fs::metadata(path) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
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
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".planlint-").suffix(".tmp");
    // a new file gets the usual mode (0666 less the umask), not a temporary file's 0600
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    if let Some(m) = &existing {
        tmp.as_file().set_permissions(m.permissions()).map_err(io)?;
    }
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
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
    fn a_missing_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("no/such/a.txt");
        assert!(write_atomic(&p, b"x").is_err());
    }
}
