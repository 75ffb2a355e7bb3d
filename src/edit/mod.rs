//! Edits that keep a plan's layout: the canonical formatter (`format`), and the one edit layer
//! `update`, `set`, `add` and `check --fix` share.
//!
//! May use: `plan`, `workspace`, `lint`, `diff`, `git`.

pub mod format;
