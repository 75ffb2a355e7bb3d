//! Keeps the layout ARCHITECTURE.md describes true as the code moves (as rust-analyzer's tidy
//! test does): modules use only the layers below them, libgit2 and clap stay at their edges,
//! rules do no I/O and read no clock, and only the command line decides exit codes.
//!
//! The layers are read from ARCHITECTURE.md's "Layers" table, so the document and the code
//! cannot drift apart: a new module must be placed there before it compiles into a passing test.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `src/`, with its text.
fn sources() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root().join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("source is UTF-8");
                out.push((path, text));
            }
        }
    }
    out.sort();
    out
}

/// The path under `src/` with `/`, e.g. `lint/rules/vague_lead.rs`.
fn rel(path: &Path) -> String {
    path.strip_prefix(root().join("src"))
        .expect("under src/")
        .to_string_lossy()
        .replace('\\', "/")
}

/// The top-level module a file belongs to (`lint` for `lint/rules/vague_lead.rs`), or `None`
/// for the crate roots (`lib.rs`, `main.rs`).
fn module_of(rel: &str) -> Option<String> {
    match rel.split_once('/') {
        Some((dir, _)) => Some(dir.to_string()),
        None if rel == "lib.rs" || rel == "main.rs" => None,
        None => Some(rel.trim_end_matches(".rs").to_string()),
    }
}

/// The layers from ARCHITECTURE.md: rows `| N | `a`, `b` | … |` under the heading "## Layers".
fn layers() -> BTreeMap<String, u32> {
    let doc = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let section = doc
        .split("\n## Layers")
        .nth(1)
        .expect("ARCHITECTURE.md has a `## Layers` section");
    let section = section.split("\n## ").next().unwrap_or(section);
    let mut out = BTreeMap::new();
    for line in section.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let Some(layer) = cells.get(1).and_then(|c| c.parse::<u32>().ok()) else {
            continue;
        };
        let modules = cells.get(2).expect("a modules column");
        for m in modules.split(',') {
            let m = m.trim().trim_matches('`').trim_end_matches('/');
            assert!(
                !m.is_empty(),
                "an empty module name in the Layers row `{line}`"
            );
            out.insert(m.to_string(), layer);
        }
    }
    assert!(!out.is_empty(), "the Layers table lists no modules");
    out
}

/// The crate modules a file names (`crate::lint::check` names `lint`), comments included: a doc
/// link upward is a dependency a reader follows too.
fn named_modules(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        // `crate::{a, b}` groups are not used in this code base: the check would miss them
        assert!(
            !after.starts_with('{'),
            "write `use crate::x::...` one path a line, not `crate::{{...}}`"
        );
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        // `crate::Error` and `crate::Result` live in lib.rs, below every module
        if name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
            out.push(name);
        }
        rest = after;
    }
    out
}

/// Every upward or sideways use, as "file: module -> used (layers)".
fn violations(files: &[(String, String)], layers: &BTreeMap<String, u32>) -> Vec<String> {
    let mut bad = Vec::new();
    for (rel, text) in files {
        let Some(own) = module_of(rel) else { continue };
        let Some(&own_layer) = layers.get(&own) else {
            bad.push(format!(
                "{rel}: module `{own}` is not in ARCHITECTURE.md's Layers table"
            ));
            continue;
        };
        for used in named_modules(text) {
            if used == own {
                continue;
            }
            match layers.get(&used) {
                None => bad.push(format!(
                    "{rel}: uses `crate::{used}`, which is not in the Layers table"
                )),
                Some(&l) if l >= own_layer => bad.push(format!(
                    "{rel}: `{own}` (layer {own_layer}) uses `{used}` (layer {l}); dependencies point down only"
                )),
                Some(_) => {}
            }
        }
    }
    bad
}

fn all_files() -> Vec<(String, String)> {
    sources().into_iter().map(|(p, t)| (rel(&p), t)).collect()
}

#[test]
fn modules_use_only_the_layers_below_them() {
    let bad = violations(&all_files(), &layers());
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_check_catches_an_upward_use_and_an_unplaced_module() {
    let layers = layers();
    let files = vec![
        (
            "plan/model.rs".to_string(),
            "use crate::lint::check::Outcome;".to_string(),
        ),
        (
            "lint/x.rs".to_string(),
            "use crate::diff::Change;".to_string(),
        ),
        ("newjob/mod.rs".to_string(), String::new()),
        (
            "cli/x.rs".to_string(),
            "use crate::plan::model::Plan; crate::Error".to_string(),
        ),
    ];
    let bad = violations(&files, &layers);
    assert_eq!(bad.len(), 3, "{bad:#?}");
    assert!(bad[0].starts_with("plan/model.rs: `plan` (layer 0) uses `lint`"));
    assert!(bad[1].contains("`lint` (layer 2) uses `diff` (layer 2)"));
    assert!(bad[2].contains("`newjob` is not in ARCHITECTURE.md's Layers table"));
}

#[test]
fn every_module_in_src_is_placed_and_every_placed_module_says_what_it_may_use() {
    let layers = layers();
    for (rel, text) in all_files() {
        let is_root = rel.ends_with("/mod.rs") && rel.matches('/').count() == 1
            || (!rel.contains('/') && rel != "lib.rs" && rel != "main.rs");
        if !is_root {
            continue;
        }
        let module = module_of(&rel).expect("a module");
        assert!(
            layers.contains_key(&module),
            "{rel}: not in the Layers table"
        );
        let doc: String = text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            doc.contains("May use:"),
            "{rel}: the module comment must say what the module owns and, after `May use:`, what it may use"
        );
    }
}

/// Text of a file before its `#[cfg(test)]` module: what ships.
fn shipped(text: &str) -> &str {
    text.split("#[cfg(test)]").next().unwrap_or(text)
}

#[test]
fn only_git_touches_libgit2() {
    for (rel, text) in all_files() {
        if rel.starts_with("git/") {
            continue;
        }
        assert!(
            !text.contains("git2::") && !text.contains("use git2"),
            "{rel} uses libgit2: go through crate::git"
        );
    }
}

/// The names a file brings in from libgit2 (`use git2::{Oid, Sort}`, `use git2::Oid as Id`),
/// and `git2` itself.
fn libgit2_names(text: &str) -> Vec<String> {
    let mut names = vec!["git2".to_string()];
    for stmt in text.split("use git2::").skip(1) {
        let stmt = stmt.split(';').next().unwrap_or("");
        for part in stmt.split([',', '{', '}']) {
            let part = part.trim();
            let name = part.rsplit(" as ").next().unwrap_or(part).trim();
            let name = name.rsplit("::").next().unwrap_or(name);
            if !name.is_empty() && name != "self" && name != "*" {
                names.push(name.to_string());
            }
        }
    }
    names
}

/// The public items of a file's shipped text, each as its signature: from `pub ` (not
/// `pub(crate)`, `pub(in …)`, `pub(super)`) to the first `{` or `;`, or to the end of the line
/// for a field.
fn public_signatures(text: &str) -> Vec<String> {
    let text = shipped(text);
    let mut out = Vec::new();
    for (at, _) in text.match_indices("pub ") {
        let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        if !text[line_start..at].trim().is_empty() {
            continue;
        }
        let rest = &text[at..];
        let head = rest.split('\n').next().unwrap_or(rest);
        let field = head
            .strip_prefix("pub ")
            .and_then(|h| h.split_once(':'))
            .is_some_and(|(name, _)| name.chars().all(|c| c.is_alphanumeric() || c == '_'));
        let end = if field {
            head.len()
        } else {
            rest.find(['{', ';']).unwrap_or(rest.len())
        };
        let mut sig = rest[..end].to_string();
        if sig.starts_with("pub const ") || sig.starts_with("pub static ") {
            // the value is not part of the interface, the type is
            sig = sig.split('=').next().unwrap_or("").to_string();
        }
        if let Some((name, fields)) = sig
            .strip_prefix("pub struct ")
            .and_then(|s| s.split_once('('))
        {
            // a tuple struct hands out only its `pub` fields
            let public: Vec<&str> = fields
                .trim_end_matches([')', ' '])
                .split(',')
                .filter(|f| f.trim().starts_with("pub "))
                .collect();
            sig = format!("pub struct {name}({})", public.join(","));
        }
        out.push(sig);
    }
    out
}

/// Why a file of `git/` hands out a libgit2 type: a public signature (a `pub fn`, `pub type`,
/// `pub use`, public field) that names `git2::` or a name imported from it.
fn libgit2_leaks(rel: &str, text: &str) -> Vec<String> {
    let names = libgit2_names(text);
    let mut out = Vec::new();
    for sig in public_signatures(text) {
        let words: Vec<&str> = sig
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .collect();
        if let Some(n) = names.iter().find(|n| words.contains(&n.as_str())) {
            out.push(format!(
                "{rel}: `{}` hands out libgit2's `{n}`: wrap it in a type of crate::git",
                sig.split_whitespace().collect::<Vec<_>>().join(" ")
            ));
        }
    }
    out
}

#[test]
fn git_hands_out_no_libgit2_type() {
    let mut bad = Vec::new();
    for (rel, text) in all_files() {
        if rel.starts_with("git/") {
            bad.extend(libgit2_leaks(&rel, &text));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_libgit2_check_catches_aliases_re_exports_signatures_and_fields() {
    let leaky = [
        "use git2::Oid;\npub type BlobId = Oid;\n",
        "pub type BlobId = git2::Oid;\n",
        "pub use git2::Repository;\n",
        "use git2::{Oid as Id, Sort};\nimpl R {\n    pub fn first_parent(\n        &self,\n        c: Id,\n    ) -> Option<Id> {\n        None\n    }\n}\n",
        "use git2::Oid;\npub struct Resolved {\n    pub commit: Oid,\n}\n",
        "use git2::Oid;\npub struct Id(pub Oid);\n",
        "pub const HEAD: git2::Oid = git2::Oid::ZERO_SHA1;\n",
        "pub fn git(&self) -> &git2::Repository {\n    &self.repo\n}\n",
    ];
    for text in leaky {
        assert_eq!(libgit2_leaks("git/x.rs", text).len(), 1, "{text}");
    }
    let sound = [
        "use git2::Oid;\npub struct ObjectId(Oid);\npub type BlobId = ObjectId;\n",
        "use git2::Oid;\nimpl ObjectId {\n    pub const ZERO: ObjectId = ObjectId(Oid::ZERO_SHA1);\n}\n",
        "use git2::Oid;\npub(in crate::git) fn raw(self) -> Oid {\n    self.0\n}\n",
        "use git2::Oid;\npub fn of_blob(b: &[u8]) -> ObjectId {\n    ObjectId(Oid::hash(b))\n}\n",
        "pub fn f() {}\n#[cfg(test)]\nmod tests {\n    pub fn g() -> git2::Oid {}\n}\n",
    ];
    for text in sound {
        assert!(libgit2_leaks("git/x.rs", text).is_empty(), "{text}");
    }
}

#[test]
fn only_the_command_line_knows_clap_and_exit_codes() {
    for (rel, text) in all_files() {
        if rel.starts_with("cli/") || rel == "main.rs" {
            continue;
        }
        for word in ["clap", "ExitCode", "process::exit"] {
            assert!(
                !text.contains(word),
                "{rel} mentions `{word}`: only cli/ and main.rs parse arguments and decide exit codes"
            );
        }
    }
}

#[test]
fn rules_do_no_io_and_read_no_clock() {
    let forbidden = [
        "std::fs",
        "std::env",
        "std::process",
        "std::net",
        "File::",
        "Local::now",
        "Utc::now",
        "SystemTime",
        "Instant::now",
        "println!",
        "eprintln!",
    ];
    let mut seen = 0;
    for (rel, text) in all_files() {
        if !rel.starts_with("lint/rules/") {
            continue;
        }
        seen += 1;
        for word in forbidden {
            assert!(
                !shipped(&text).contains(word),
                "{rel} uses `{word}`: a rule reads the plan and the context, nothing else"
            );
        }
    }
    assert!(seen > 20, "the rules were not found ({seen} files)");
}

/// Issue 20: plan text and imported text reach a terminal only through one escaping function.
/// Every line planlint writes to stderr goes through `cli::term` (which passes each line through
/// `plan::escape::line`), and stdout through `cli::to_stdout` / `cli::print` with renderers that
/// escape what they quote. So no shipped code prints with the `print` macros, and a direct
/// handle on stdout or stderr is either a terminal test or one of the sinks below, each of
/// which escapes (or renders through `output`, whose renderers escape).
#[test]
fn terminal_output_goes_through_the_escaping_sinks() {
    // (file, what the handle is for): the sinks, each checked to escape or render
    let sinks = [
        (
            "cli/term.rs",
            "the one stderr writer: every line through plan::escape::line",
        ),
        ("cli/mod.rs", "to_stdout: the renderers' output"),
        (
            "cli/edit.rs",
            "refused: the findings through output::render",
        ),
        (
            "cli/convert.rs",
            "the import report, each line through plan::escape::line",
        ),
        (
            "server/transport.rs",
            "the LSP channel: JSON-RPC, every string escaped by serde_json",
        ),
    ];
    let mut handles = 0;
    for (rel, text) in all_files() {
        let code = shipped(&text);
        for (n, line) in code.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for word in ["println!", "eprintln!", "print!(", "eprint!(", "dbg!("] {
                assert!(
                    !line.contains(word),
                    "{rel}:{}: prints with `{word}`: write through cli::term or cli::to_stdout, which escape plan text",
                    n + 1
                );
            }
            if !(line.contains("stdout()") || line.contains("stderr()")) {
                continue;
            }
            handles += 1;
            if line.contains(".is_terminal()") {
                continue;
            }
            assert!(
                sinks.iter().any(|(f, _)| *f == rel),
                "{rel}:{}: writes to the terminal outside the escaping sinks ({sinks:?}): `{}`",
                n + 1,
                line.trim()
            );
        }
    }
    assert!(
        handles > 3,
        "the terminal handles were not found ({handles})"
    );
    // the sinks do escape
    let files: BTreeMap<String, String> = all_files().into_iter().collect();
    for (sink, _) in sinks {
        let text = &files[sink];
        assert!(
            text.contains("escape::line")
                || text.contains("output::render")
                || (sink == "server/transport.rs" && text.contains("msg.write("))
                || sink == "cli/mod.rs",
            "{sink} is a terminal sink but does not escape"
        );
    }
}
