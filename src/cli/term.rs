//! planlint's own messages on stderr (`planlint: error: …`, `warning:`, `note:`), apart from the
//! findings on stdout. A closed or full stderr must never crash planlint or change its exit
//! code, so these writes ignore their errors (never `eprintln!`, which panics on them).

use std::io::Write;

/// Notes as a command with `--quiet` says them: left out when quiet (warnings and errors
/// still show).
#[derive(Debug, Clone, Copy, Default)]
pub struct Notes {
    pub quiet: bool,
}

impl Notes {
    pub fn note(&self, message: impl std::fmt::Display) {
        if !self.quiet {
            note(message);
        }
    }
}

/// Writes one line to stderr, ignoring a closed or full stream.
pub fn say(level: &str, message: impl std::fmt::Display) {
    // messages name plan files and revisions: never let their control characters through;
    // a message of several lines (a list of the headers found, say) keeps its line breaks
    let message = message.to_string();
    let lines: Vec<_> = message.split('\n').map(crate::plan::escape::line).collect();
    let _ = writeln!(
        std::io::stderr().lock(),
        "planlint: {level}: {}",
        lines.join("\n")
    );
}

pub fn error(message: impl std::fmt::Display) {
    say("error", message);
}

pub fn warning(message: impl std::fmt::Display) {
    say("warning", message);
}

/// A note, for commands without `--quiet` (`Notes` for those with it).
pub fn note(message: impl std::fmt::Display) {
    say("note", message);
}

/// Progress on a terminal: overwrites the current line (`\r`, clear line); ignores errors.
pub fn progress(message: impl std::fmt::Display) {
    let message = message.to_string();
    let _ = write!(
        std::io::stderr().lock(),
        "\r\x1b[2Kplanlint: {}…",
        crate::plan::escape::line(&message)
    );
}

/// Clears a progress line.
pub fn clear_progress() {
    let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
}
