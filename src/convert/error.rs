//! Why an import could not be done, as types: a reader's `ReadError` (a password, damaged
//! bytes, a cap reached) and the job's `ImportError`. The command adds "nothing was written"
//! once, where it ends (`cli::convert`), so no message has to remember to say it.

use std::path::{Path, PathBuf};

/// Why a reader could not turn a file's bytes into tables.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// An Office file encrypted with a password (recognised by its bytes or by calamine's
    /// typed error, never by the text of a message).
    #[error("the file is protected with a password, so planlint cannot read it. Open it, remove the password (File > Info > Protect > Encrypt with Password, then clear it), save a copy, and import that copy")]
    Password,
    /// Bytes the reader cannot make sense of: `what` names the file's kind ("Word document").
    #[error("the {what} is damaged or not one planlint can read ({detail})")]
    Damaged { what: &'static str, detail: String },
    /// A zip container cut short (a download or a copy that stopped early).
    #[error("the {what} is incomplete (cut short, perhaps by a download or copy that did not finish): {detail}; open it in Word or Excel, save it again, and import that copy")]
    Truncated { what: &'static str, detail: String },
    /// One of the caps in `limits` was reached: reading stopped there.
    #[error("{0}")]
    TooLarge(String),
    /// A structure the reader refuses for another stated reason.
    #[error("{0}")]
    Refused(String),
}

impl ReadError {
    pub fn damaged(what: &'static str, detail: impl std::fmt::Display) -> ReadError {
        ReadError::Damaged {
            what,
            detail: detail.to_string(),
        }
    }
}

/// Why `import` stopped. Every variant means nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The reader refused the file's content.
    #[error("{}: {source}", file.display())]
    Read {
        file: PathBuf,
        #[source]
        source: ReadError,
    },
    /// The file, its tables or the options cannot make a plan; the message says why.
    #[error("{0}")]
    Refused(String),
    /// The file could not be opened or the plan could not be written.
    #[error(transparent)]
    Io(#[from] crate::Error),
}

impl ImportError {
    /// A refusal about `file`: "FILE: message".
    pub fn about(file: &Path, message: impl std::fmt::Display) -> ImportError {
        ImportError::Refused(format!("{}: {message}", file.display()))
    }

    pub fn read(file: &Path, source: ReadError) -> ImportError {
        ImportError::Read {
            file: file.to_path_buf(),
            source,
        }
    }
}
