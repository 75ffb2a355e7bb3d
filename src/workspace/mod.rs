//! The plan repository on disk: `planlint.toml` (found by walking up), which files are plans,
//! reading them as check inputs, and writing files atomically.
//!
//! May use: `plan`. Knows nothing of the rules (configuration checks rule names against a list
//! its caller gives it) or of git.

pub mod config;
pub mod discover;
pub mod files;
