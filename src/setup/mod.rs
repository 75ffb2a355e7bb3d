//! Setting a repository up: `init` (a commented `planlint.toml`, an example plan, the pre-commit
//! configuration) and the git pre-commit hook.
//!
//! May use: `plan`, `workspace`. Writes files only when asked to by its command.

pub mod hook;
pub mod init;
