//! Reading one plan: bytes -> text -> TOML tree -> schema check -> typed model.
//!
//! Layered like taplo's lint: a file that is not text or not TOML stops at `toml-syntax`; a
//! file that breaks the schema stops at `schema`; only a schema-valid file becomes a `Plan`.

use crate::plan::finding::{Finding, Severity};
use crate::plan::model::Plan;
use crate::plan::source::SourceFile;
use crate::plan::timescale::{Timescale, Unparsed};
use std::sync::Arc;
use toml::de::DeTable;

pub mod events;
pub mod scalars;
pub mod walk;

/// Plans larger than this are refused: real plans are tens of kilobytes.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// A file larger than `MAX_FILE_BYTES`, refused before its bytes are read (a file's size from
/// its metadata, a blob's from its header). Readers hand it back inside an `io::Error`, so the
/// check reports the real size as the usual `toml-syntax` finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge(pub u64);

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "file is too large to be a plan ({:.1} MiB; the limit is {} MiB)",
            self.0 as f64 / 1048576.0,
            MAX_FILE_BYTES / 1048576
        )
    }
}

impl std::error::Error for TooLarge {}

impl From<TooLarge> for std::io::Error {
    fn from(t: TooLarge) -> std::io::Error {
        std::io::Error::other(t)
    }
}

impl TooLarge {
    /// The size, when a read failed because the file is too large.
    pub fn of(e: &std::io::Error) -> Option<TooLarge> {
        e.get_ref()?.downcast_ref::<TooLarge>().copied()
    }
}

pub const SYNTAX: &str = "toml-syntax";

/// A plan's bytes and the name to show it by, from disk, the index or a commit.
pub struct Input {
    pub name: String,
    pub bytes: std::io::Result<Vec<u8>>,
}

/// A schema-valid plan with its source and the facts every rule needs, computed once.
#[derive(Debug)]
pub struct PlanFile {
    pub source: Arc<SourceFile>,
    pub plan: Plan,
    /// Per action (same order as `plan.actions`): its `due` read as a timescale.
    pub due: Vec<Option<Result<Timescale, Unparsed>>>,
}

impl PlanFile {
    pub fn new(source: Arc<SourceFile>, plan: Plan) -> Self {
        let due = plan
            .actions
            .iter()
            .map(|a| a.get_ref().due.as_ref().map(|d| d.get_ref().timescale()))
            .collect();
        PlanFile { source, plan, due }
    }

    /// The plan with its text let go, its name kept: for a caller that shows no span of it (the
    /// report's TO, taken from the check).
    pub fn without_text(self) -> PlanFile {
        PlanFile {
            source: Arc::new(SourceFile::new(self.source.name.clone(), String::new())),
            ..self
        }
    }

    /// The due timescale of the action at `index`, when it was read.
    pub fn due(&self, index: usize) -> Option<&Timescale> {
        self.due.get(index)?.as_ref()?.as_ref().ok()
    }
}

/// What loading one file gave: findings, and the plan when the file was valid.
#[derive(Debug)]
pub struct Loaded {
    pub source: Arc<SourceFile>,
    pub findings: Vec<Finding>,
    pub plan: Option<PlanFile>,
}

/// Severities for the two loading rules (configurable like any other).
#[derive(Debug, Clone, Copy)]
pub struct LoadSeverities {
    pub syntax: Severity,
    pub schema: Severity,
}

impl Default for LoadSeverities {
    fn default() -> Self {
        LoadSeverities {
            syntax: Severity::Error,
            schema: Severity::Error,
        }
    }
}

/// Loads a plan from raw bytes (a file's content or a git blob). Never panics on any input.
pub fn load_bytes(name: String, bytes: Vec<u8>, sev: LoadSeverities) -> Loaded {
    let refuse =
        |name: String,
         text: String,
         span: std::ops::Range<usize>,
         msg: String,
         help: &'static str| { refused(name, text, span, msg, help, sev) };
    if bytes.len() > MAX_FILE_BYTES {
        return too_large(name, TooLarge(bytes.len() as u64), sev);
    }
    if let Some(nul) = memchr::memchr(0, &bytes) {
        let prefix = String::from_utf8_lossy(&bytes[..nul]).into_owned();
        let end = prefix.len();
        return refuse(
            name,
            prefix,
            end..end,
            "binary file: a plan must be UTF-8 text (found a NUL byte)".into(),
            "check that this is the plan you meant, or exclude it in planlint.toml",
        );
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // the lossy text has the same prefix, so `at` is still a char boundary in it
            return refuse(
                name,
                text,
                at..at,
                format!("file is not valid UTF-8 (invalid byte at offset {at})"),
                "save the file as UTF-8 (Word and Excel exports are often Windows-1252)",
            );
        }
    };
    load_text(name, text, sev)
}

/// The finding for a file too large to be a plan (refused before it was read).
pub fn too_large(name: String, size: TooLarge, sev: LoadSeverities) -> Loaded {
    refused(
        name,
        String::new(),
        0..0,
        size.to_string(),
        "split the plan, or exclude this file in planlint.toml [plans] exclude",
        sev,
    )
}

fn refused(
    name: String,
    text: String,
    span: std::ops::Range<usize>,
    msg: String,
    help: &'static str,
    sev: LoadSeverities,
) -> Loaded {
    let source = Arc::new(SourceFile::new(name, text));
    Loaded {
        findings: vec![Finding::new(SYNTAX, sev.syntax, span, msg).help(help)],
        source,
        plan: None,
    }
}

/// Loads a plan from text already known to be UTF-8.
pub fn load_text(name: String, text: String, sev: LoadSeverities) -> Loaded {
    let source = Arc::new(SourceFile::new(name, text));
    let (findings, plan) = parse(&source, sev);
    Loaded {
        plan: plan.map(|p| PlanFile::new(source.clone(), p)),
        source,
        findings,
    }
}

/// A plan loaded again from the source it was checked from: the model `load_text` made of it
/// (`None` when it made none), without copying the text. (Severities only rate findings:
/// whether a model is made does not depend on them.)
pub fn reload(source: Arc<SourceFile>) -> Option<PlanFile> {
    let (_, plan) = parse(&source, LoadSeverities::default());
    plan.map(|p| PlanFile::new(source, p))
}

fn parse(source: &SourceFile, sev: LoadSeverities) -> (Vec<Finding>, Option<Plan>) {
    // the whole text, byte order mark and all: the parser skips one leading BOM itself, so
    // every span (syntax, schema, model, hence every rule's) is relative to the text as read
    let text = source.text.as_str();
    // the plans people write are read in one pass, straight into the model (`load::events`);
    // the rest go the full way, the one authority on what is wrong and how it is said
    if let Some(plan) = events::plan(text) {
        return (Vec::new(), Some(plan));
    }
    parse_full(text, sev)
}

/// The full path: the TOML tree, every number, the schema (proved, else the JSON Schema), then
/// the model by serde. What `events` agrees with (a property test holds them equal), and its
/// fallback.
pub fn parse_full(text: &str, sev: LoadSeverities) -> (Vec<Finding>, Option<Plan>) {
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let msg = e.message().trim().trim_end_matches('.').to_string();
            let f = Finding::new(SYNTAX, sev.syntax, span, format!("invalid TOML: {msg}"))
                .label(first_line(&msg))
                .help(SYNTAX_HELP);
            return (vec![f], None);
        }
    };
    // the parser keeps numbers as text until they are converted: convert each one now, so
    // a number TOML does not allow is a syntax error here, not a schema message later
    let bad = scalars::check(text, &root);
    if !bad.is_empty() {
        let findings = bad
            .into_iter()
            .map(|b| {
                Finding::new(
                    SYNTAX,
                    sev.syntax,
                    b.span,
                    format!("invalid TOML: {}", b.message),
                )
                .label(b.label)
                .help(SYNTAX_HELP)
            })
            .collect();
        return (findings, None);
    }
    // a plan the typed check proves valid skips the JSON copy; any other goes to the JSON
    // Schema, the authority on what is wrong (`plan::valid`)
    if !crate::plan::valid::proves(root.get_ref()) {
        let json = crate::plan::tomljson::to_json(root.get_ref());
        let findings = crate::plan::schema::validate(&root, &json, sev.schema);
        if !findings.is_empty() {
            return (findings, None);
        }
    }
    match <Plan as serde::Deserialize>::deserialize(toml::de::Deserializer::from(root)) {
        Ok(plan) => (Vec::new(), Some(plan)),
        Err(e) => {
            // the schema and the model disagree: say so rather than crash
            let span = e.span().unwrap_or(0..0);
            let f = Finding::new(crate::plan::schema::RULE, sev.schema, span, format!("cannot read plan: {}", e.message().trim()))
                .help("this is a planlint bug (the schema accepted the file); please report it with the file");
            (vec![f], None)
        }
    }
}

const SYNTAX_HELP: &str = "fix the TOML syntax; quote text values, and write dates as 2015-11-30";

/// Parses a plan for diff and history: the typed model only, without the schema pass, so an
/// old revision with a problem `check` would report still shows its ratings. Errors say why.
pub fn read_plan(name: &str, bytes: &[u8]) -> Result<PlanFile, String> {
    read(name, bytes, true)
}

/// `read_plan` without keeping the text: the model and the file's name, for a caller that shows
/// no span of the file (the report's two ends: their texts were a tenth of its memory).
pub fn read_model(name: &str, bytes: &[u8]) -> Result<PlanFile, String> {
    read(name, bytes, false)
}

fn read(name: &str, bytes: &[u8], keep_text: bool) -> Result<PlanFile, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    // the plans people write in one pass (`load::events`); the rest by the tree and serde
    let plan = match events::plan(text) {
        Some(plan) => plan,
        None => lenient(text)?,
    };
    let kept = if keep_text {
        text.to_string()
    } else {
        String::new()
    };
    let source = Arc::new(SourceFile::new(name.to_string(), kept));
    Ok(PlanFile::new(source, plan))
}

/// `read_plan`'s full path: the TOML tree, every number, then the model by serde.
fn lenient(text: &str) -> Result<Plan, String> {
    // as `load_text`: the parser skips one leading BOM, and spans stay relative to the text
    let root = DeTable::parse(text).map_err(|e| e.message().trim().to_string())?;
    if let Some(b) = scalars::check(text, &root).into_iter().next() {
        return Err(b.message);
    }
    <Plan as serde::Deserialize>::deserialize(toml::de::Deserializer::from(root))
        .map_err(|e| e.message().trim().to_string())
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Loaded {
        load_text("p.toml".into(), text.into(), LoadSeverities::default())
    }

    const GOOD: &str = r#"schema_version = 1
[plan]
id = "p"
title = "A plan"

[[actions]]
id = "1"
title = "Do it"
due = "June 2015"
"#;

    #[test]
    fn a_valid_plan_loads() {
        let l = load(GOOD);
        assert!(l.findings.is_empty(), "{:?}", l.findings);
        let p = l.plan.expect("plan");
        assert_eq!(p.plan.id(), "p");
        assert_eq!(p.plan.actions.len(), 1);
    }

    #[test]
    fn bad_bytes_are_findings_not_panics() {
        for bytes in [
            vec![0xff, 0xfe, b'a'],
            vec![b'a', 0, b'b'],
            vec![0u8; MAX_FILE_BYTES + 1],
        ] {
            let l = load_bytes("x.toml".into(), bytes, LoadSeverities::default());
            assert_eq!(l.findings.len(), 1);
            assert_eq!(l.findings[0].rule, SYNTAX);
            assert!(l.plan.is_none());
        }
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let l = load(&format!("\u{feff}{GOOD}"));
        assert!(l.findings.is_empty(), "{:?}", l.findings);
    }
}
