//! planlint's integration tests, one binary (as rust-analyzer and cargo do): each file in
//! `tests/` used to link the whole crate into its own executable, and linking was most of
//! `cargo test`. Each module here is one former `tests/NAME.rs`; run one with
//! `cargo test --test it NAME::` (or any part of a test's name).

#[path = "../common/mod.rs"]
mod common;

mod architecture;
mod baseline_cli;
mod cache_cli;
mod cache_trust;
mod check_cli;
mod cli_flags;
mod convert_cli;
mod docs;
mod edit_cli;
mod editors;
mod examples;
mod export_cli;
mod external_tools;
mod fast_paths;
mod formats;
mod git_cli;
mod git_trust;
mod hook_cli;
mod hostile;
mod import_colour;
mod import_headers;
mod import_layouts;
mod import_trackers;
mod import_values;
mod init_cli;
mod new_cli;
mod output_schemas;
mod parse_path;
mod proptest_repos;
mod reliability;
mod report_cli;
mod roundtrip_cli;
mod rules_cli;
mod rust_version;
mod server;
mod toml_conformance;
mod updates_cli;
