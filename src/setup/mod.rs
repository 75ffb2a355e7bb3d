//! Setting a repository up: `init` (a commented `planlint.toml`, an example plan, the plan schema
//! and the editors' association of it, the pre-commit configuration) and the git pre-commit hook.
//!
//! May use: `plan`, `workspace`, `lint` (the rule names a kept planlint.toml is read with), `git`
//! (the work tree's top). Writes files only when asked to by its command.

pub mod hook;
pub mod init;
