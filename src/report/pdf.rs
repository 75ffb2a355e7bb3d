//! `report --format pdf`: the HTML page printed by a headless Chromium. The page carries its own
//! print stylesheet (A4, page numbers and the title in the margins), so the PDF is what a
//! reader gets from "Print" in a browser. Chromium is found on `PATH` by the command line and
//! handed in here; the PDF is printed into a fresh temporary folder and then written atomically,
//! so a failure leaves the old file or nothing.
//!
//! May use: `workspace` (atomic writes).

use crate::Error;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The names a Chromium goes by on `PATH`, in the order they are tried.
pub const NAMES: &[&str] = &["chromium", "chromium-browser", "google-chrome"];

/// How long a print may take before planlint gives up (a hung browser must not hang planlint).
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// The first Chromium on `path` (the value of `PATH`). A plain walk over its folders: one
/// loop, not worth a dependency.
pub fn find(path: Option<&OsStr>) -> Option<PathBuf> {
    let dirs: Vec<PathBuf> = std::env::split_paths(path?).collect();
    NAMES.iter().find_map(|name| {
        dirs.iter().find_map(|d| {
            let exe = d.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
            is_program(&exe).then_some(exe)
        })
    })
}

fn is_program(p: &Path) -> bool {
    let Ok(m) = std::fs::metadata(p) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        m.is_file() && m.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        m.is_file()
    }
}

/// A `file://` URL for an absolute path, with everything but plain characters percent-encoded.
fn file_url(p: &Path) -> String {
    let mut s = String::from("file://");
    for b in p.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// Prints `html` to the PDF `out` with the Chromium at `chromium`.
pub fn print(chromium: &Path, html: &str, out: &Path, timeout: Duration) -> Result<(), Error> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let tmp = tempfile::Builder::new()
        .prefix("planlint-pdf-")
        .tempdir()
        .map_err(io(&std::env::temp_dir()))?;
    let page = tmp.path().join("report.html");
    std::fs::write(&page, html).map_err(io(&page))?;
    let pdf = tmp.path().join("report.pdf");
    let profile = tmp.path().join("profile");
    let log = tmp.path().join("chromium.log");
    let log_file = std::fs::File::create(&log).map_err(io(&log))?;
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(&page))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log_file)
        .spawn()
        .map_err(|e| {
            Error::Usage(format!(
                "cannot start {} to print the PDF: {e}",
                chromium.display()
            ))
        })?;
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if start.elapsed() < timeout => std::thread::sleep(Duration::from_millis(100)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Error::Usage(format!(
                    "{} did not finish printing the PDF within {} seconds; try `--format html` and print it from a browser",
                    chromium.display(),
                    timeout.as_secs()
                )));
            }
            Err(e) => {
                return Err(Error::Usage(format!(
                    "lost track of {} while printing the PDF: {e}",
                    chromium.display()
                )))
            }
        }
    };
    let bytes = std::fs::read(&pdf).ok().filter(|b| b.starts_with(b"%PDF-"));
    let Some(bytes) = bytes.filter(|_| status.success()) else {
        let said = std::fs::read_to_string(&log).unwrap_or_default();
        let last = said
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .map(|l| format!(": {}", l.trim()))
            .unwrap_or_default();
        return Err(Error::Usage(format!(
            "{} could not print the PDF ({status}){last}; try `--format html` and print it from a browser",
            chromium.display()
        )));
    };
    crate::workspace::files::write_atomic(out, &bytes)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/a b/r%.html")),
            "file:///tmp/a%20b/r%25.html"
        );
    }

    #[test]
    fn only_programs_on_the_path_are_found() {
        assert_eq!(find(None), None);
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(find(Some(dir.path().as_os_str())), None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let exe = dir.path().join("chromium-browser");
            std::fs::write(&exe, "#!/bin/sh\n").expect("write");
            assert_eq!(find(Some(dir.path().as_os_str())), None, "not executable");
            std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).expect("chmod");
            assert_eq!(find(Some(dir.path().as_os_str())), Some(exe));
        }
    }
}
