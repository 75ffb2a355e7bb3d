//! planlint: keeps public-sector action plans honest.
//!
//! The core (`plan`, `lint`, `diff`, the report's `build`) is data in, data out; files, git and
//! the terminal stay at the edges (`workspace`, `git`, `output`, `cli`). ARCHITECTURE.md maps
//! the modules, their layers and the invariants `tests/it/architecture.rs` keeps.

pub mod check;
pub mod cli;
pub mod convert;
pub mod diff;
pub mod edit;
pub mod git;
pub mod lint;
pub mod output;
pub mod plan;
pub mod report;
pub mod server;
pub mod setup;
pub mod testgen;
pub mod workspace;

/// Failures that stop planlint doing its job (exit code 2). Findings are never errors.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {}", plan::words::io_error(source))]
    Io {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}: no such file or directory")]
    NotFound(std::path::PathBuf),
    #[error("{0}")]
    Config(String),
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Git(String),
    #[error("not in a git repository (looked in {} and its parents); `diff`, `history`, `report` and `check --rev/--staged/--changed-since` read plans from git: run planlint inside the plan repository or pass -C DIR", .0.display())]
    NotARepository(std::path::PathBuf),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    #[test]
    fn a_full_disk_is_said_with_what_to_do() {
        let full = super::Error::Io {
            path: "/mnt/usb/paper.docx".into(),
            source: std::io::Error::from_raw_os_error(libc::ENOSPC),
        };
        assert_eq!(
            full.to_string(),
            "/mnt/usb/paper.docx: the disk it is on is full (No space left on device (os error 28)): free some space there, or write it elsewhere"
        );
        let denied = super::Error::Io {
            path: "paper.docx".into(),
            source: std::io::Error::from_raw_os_error(libc::EACCES),
        };
        assert_eq!(
            denied.to_string(),
            "paper.docx: Permission denied (os error 13)"
        );
    }
}
