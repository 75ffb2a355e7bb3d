//! `planlint.toml`: which files are plans, the rating scale, severities, vague-lead words and
//! the limits of the date rules. Found by walking up from the first path checked (or the working
//! directory); every setting has a sensible default, so no file is needed.

use crate::plan::finding::Severity;
use crate::plan::rating::{Level, Scale, PRESETS};
use crate::plan::source::SourceFile;
use crate::Error;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::de::DeTable;
use toml::Spanned;

pub const FILE_NAME: &str = "planlint.toml";
pub const DEFAULT_INCLUDE: &str = "plans/**/*.toml";

/// Lead words that name nobody in particular (`nottinghamshire-2015.txt` 16, 19: "All").
pub const DEFAULT_VAGUE_LEADS: &[&str] = &[
    "all",
    "all partners",
    "all agencies",
    "all organisations",
    "all mh service providers",
    "all providers",
    "everyone",
    "various",
    "tbc",
    "tba",
    "to be confirmed",
    "n/a",
    "none",
    "unknown",
];

#[derive(Debug, Clone)]
pub struct Config {
    /// The configuration root: plan globs are relative to it.
    pub root: PathBuf,
    /// The repository root: paths in findings are relative to it (the enclosing git work tree,
    /// else the configuration root), so CI annotations and editors find the file.
    pub repo_root: PathBuf,
    /// The configuration file, when there is one.
    pub file: Option<PathBuf>,
    pub include: Vec<String>,
    pub include_set: GlobSet,
    /// The `[plans] exclude` globs as written (`--show-files` names the one that matched).
    pub exclude: Vec<String>,
    pub exclude_set: GlobSet,
    pub scale: Scale,
    pub severities: HashMap<String, Severity>,
    pub vague_leads: Vec<String>,
    /// The review cycle assumed for a plan that does not name one.
    pub default_cycle: String,
    /// Days of grace after a review cycle before `stale-action` fires.
    pub stale_grace_days: i64,
    /// `date-before-plan`: how many years before the plan's date a date is implausible.
    pub years_before: i64,
    /// `date-before-plan`: how many years after the plan's date a due date is implausible.
    pub years_after: i64,
    /// `amber-drift`: days an action may stay amber or worse before it should be escalated.
    pub amber_drift_days: i64,
    /// `[rules] select`, `extend_select` and `ignore` as the file wrote them.
    pub selection: Selection,
    /// Rules that do not run because of `select`/`ignore` (the file's, then the command line's).
    pub deselected: BTreeSet<String>,
    /// `[rules] non_waivable`: rules whose findings neither an `allow` nor the baseline
    /// silences (names, prefixes resolved).
    pub non_waivable: BTreeSet<String>,
    /// `check --strict`: every rule is non-waivable for this run.
    pub strict: bool,
    /// The dotted keys the file set (`plans.include`, `rules.vague-lead`…), so `--show-settings`
    /// can say where each value came from.
    pub from_file: BTreeSet<String>,
    /// `[report] title`: the programme's name at the head of `planlint report`.
    pub report_title: Option<String>,
    /// `[report] board`: the meeting the report is for.
    pub report_board: Option<String>,
    /// `[report] purpose`: a paragraph on why the paper is before the board.
    pub report_purpose: Option<String>,
    /// `[report] asks`: what the board is asked to do, one item each.
    pub report_asks: Vec<String>,
    /// `[hook] judge`: `Some(true)` for "new" (the hook counts only what a commit adds),
    /// `Some(false)` for "all"; `None` when unset (new once the repository has a baseline).
    pub hook_judge_new: Option<bool>,
    /// `[import] map`: header text -> field name, as `import --save-map` writes it. The names
    /// are checked by import (which knows the fields), so a bad one is reported there.
    pub import_map: Vec<(String, String)>,
    /// `[import] statuses`: words a plan writes for a status ("Done", "Closed") -> the status,
    /// on top of import's built-in words.
    pub import_statuses: BTreeMap<String, crate::plan::model::Status>,
}

/// Which rules run, as written in `[rules]` or on the command line: rule names, prefixes
/// (`rag-`) or `all`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only these rules (default: every rule).
    pub select: Option<Vec<String>>,
    /// These as well as the selected ones.
    pub extend_select: Vec<String>,
    /// Not these.
    pub ignore: Vec<String>,
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.select.is_none() && self.extend_select.is_empty() && self.ignore.is_empty()
    }
}

/// The rules a list of selectors names: `all`, a rule's name, or a prefix ending at a `-`
/// (`rag-` or `rag`: every rule whose name starts `rag-`). A selector naming nothing is an error
/// whose message suggests the nearest name or lists them.
pub fn resolve_selectors(selectors: &[String], rules: &[&str]) -> Result<BTreeSet<String>, String> {
    let mut out = BTreeSet::new();
    for raw in selectors {
        let s = raw.trim().to_lowercase();
        if s == "all" {
            out.extend(rules.iter().map(|r| r.to_string()));
            continue;
        }
        if s.is_empty() {
            return Err(
                "an empty rule name selects nothing: give rule names or prefixes, such as `rag-` or `missing-lead`, or `all`"
                    .to_string(),
            );
        }
        let stem = s.trim_end_matches('-');
        let found: Vec<&str> = rules
            .iter()
            .copied()
            .filter(|r| {
                *r == s
                    || (!stem.is_empty()
                        && r.strip_prefix(stem).is_some_and(|t| t.starts_with('-')))
            })
            .collect();
        if found.is_empty() {
            let hint = match crate::plan::words::nearest(&s, rules.iter().copied()) {
                Some(n) => format!("did you mean `{n}`?"),
                None => format!("the rules are {}", rules.join(", ")),
            };
            return Err(format!(
                "`{raw}` is not a rule name or a prefix of one ({hint}); `all`, a name from `planlint rules` or a prefix such as `rag-` selects rules"
            ));
        }
        out.extend(found.into_iter().map(str::to_string));
    }
    Ok(out)
}

impl Config {
    pub fn defaults(root: PathBuf) -> Config {
        let repo_root = root
            .ancestors()
            .find(|d| d.join(".git").exists())
            .map_or_else(|| root.clone(), Path::to_path_buf);
        Config {
            root,
            repo_root,
            file: None,
            include: vec![DEFAULT_INCLUDE.to_string()],
            include_set: globs(&[Spanned::new(0..0, DEFAULT_INCLUDE.to_string())])
                .expect("the default glob is valid"),
            exclude: Vec::new(),
            exclude_set: GlobSet::empty(),
            scale: Scale::preset("rag").expect("rag is a preset"),
            severities: HashMap::new(),
            vague_leads: DEFAULT_VAGUE_LEADS.iter().map(|s| s.to_string()).collect(),
            default_cycle: "quarterly".to_string(),
            stale_grace_days: 14,
            years_before: 3,
            years_after: 10,
            amber_drift_days: 180,
            selection: Selection::default(),
            deselected: BTreeSet::new(),
            non_waivable: BTreeSet::new(),
            strict: false,
            from_file: BTreeSet::new(),
            report_title: None,
            report_board: None,
            report_purpose: None,
            report_asks: Vec::new(),
            hook_judge_new: None,
            import_map: Vec::new(),
            import_statuses: BTreeMap::new(),
        }
    }

    /// Finds `planlint.toml` walking up from `start`; without one, the root is the enclosing git
    /// work tree, or the working directory.
    pub fn discover(start: &Path, rules: &[&str]) -> Result<Config, Error> {
        let start = std::fs::canonicalize(start).map_err(|source| Error::Io {
            path: start.to_path_buf(),
            source,
        })?;
        let mut dir = Some(start.as_path());
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            // anything named planlint.toml is meant as the configuration: one that is not a
            // readable file (a dangling link, a folder, a pipe) stops planlint with the reason,
            // rather than being passed over for the defaults without a word
            match std::fs::symlink_metadata(&candidate) {
                Ok(_) => return Config::load(&candidate, rules),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => {
                    return Err(Error::Io {
                        path: candidate,
                        source,
                    })
                }
            }
            dir = d.parent();
        }
        // no configuration: the enclosing git work tree, else the working directory
        let cwd = std::env::current_dir()
            .ok()
            .and_then(|d| std::fs::canonicalize(d).ok());
        let root = start
            .ancestors()
            .find(|d| d.join(".git").exists())
            .map(Path::to_path_buf)
            .or(cwd)
            .unwrap_or(start);
        Ok(Config::defaults(root))
    }

    /// Reads the configuration at `path`. It must be a regular file (never opened otherwise: a
    /// named pipe would block), UTF-8 text, and no larger than a plan may be.
    pub fn load(path: &Path, rules: &[&str]) -> Result<Config, Error> {
        let bytes = crate::workspace::files::read_regular(path, crate::plan::load::MAX_FILE_BYTES)
            .map_err(|source| match source.kind() {
                // a plain "no such file" (a link to nothing says more, and keeps its words)
                std::io::ErrorKind::NotFound if source.get_ref().is_none() => {
                    Error::NotFound(path.to_path_buf())
                }
                _ => Error::Config(format!(
                    "{}: cannot read the configuration: {source}",
                    path.display()
                )),
            })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::Config(format!(
                "{}: invalid configuration: not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
                path.display(),
                e.utf8_error().valid_up_to()
            ))
        })?;
        // `--config planlint.toml` has the empty path as its parent: that is the working directory
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let root = std::fs::canonicalize(&root).unwrap_or(root);
        let source = SourceFile::new(path.display().to_string(), text);
        Config::parse(&source, root, path, rules)
    }

    /// Reads a configuration's text. `rules` are the rule names `[rules]` may set (the caller
    /// passes the registry's, so configuration need not know the rules).
    pub fn parse(
        source: &SourceFile,
        root: PathBuf,
        path: &Path,
        rules: &[&str],
    ) -> Result<Config, Error> {
        let err = |span: std::ops::Range<usize>, msg: String| {
            let (line, col) = source.position(span.start);
            Error::Config(format!(
                "{}:{line}:{col}: invalid configuration: {msg}",
                source.name
            ))
        };
        let toml_err = |e: toml::de::Error| {
            let span = e.span().unwrap_or(0..0);
            err(span, e.message().trim().trim_end_matches('.').to_string())
        };
        let doc = DeTable::parse(&source.text).map_err(toml_err)?;
        if let Some(b) = crate::plan::load::scalars::check(&source.text, &doc)
            .into_iter()
            .next()
        {
            return Err(err(b.span, b.message));
        }
        let raw = RawConfig::deserialize(toml::de::Deserializer::from(doc)).map_err(toml_err)?;
        let mut config = Config::defaults(root);
        config.file = Some(path.to_path_buf());

        if let Some(plans) = raw.plans {
            if let Some(include) = plans.include {
                config.from_file.insert("plans.include".into());
                config.include = include.iter().map(|g| g.get_ref().clone()).collect();
                config.include_set = globs(&include).map_err(|(span, e)| err(span, e))?;
            }
            if let Some(exclude) = plans.exclude {
                config.from_file.insert("plans.exclude".into());
                config.exclude = exclude.iter().map(|g| g.get_ref().clone()).collect();
                config.exclude_set = globs(&exclude).map_err(|(span, e)| err(span, e))?;
            }
        }

        if let Some(r) = raw.ratings {
            if let Some(levels) = r.levels {
                config.from_file.insert("ratings.levels".into());
                config.scale = custom_scale(levels).map_err(|(span, e)| err(span, e))?;
            } else if let Some(scale) = r.scale {
                config.from_file.insert("ratings.scale".into());
                config.scale = Scale::preset(scale.get_ref()).ok_or_else(|| {
                    err(
                        scale.span(),
                        format!(
                            "unknown rating scale `{}`: use one of {} or list `[[ratings.levels]]`",
                            scale.get_ref(),
                            PRESETS.join(", ")
                        ),
                    )
                })?;
            }
            for (alias, target) in r.aliases.unwrap_or_default() {
                let key = crate::plan::rating::normalise(alias.get_ref());
                if key.is_empty() {
                    return Err(err(alias.span(), "an alias needs a name".into()));
                }
                if config.scale.names().any(|n| n == key) {
                    return Err(err(
                        alias.span(),
                        format!(
                            "alias `{}` is already a rating on the {} scale; remove the alias",
                            alias.get_ref(),
                            config.scale.preset
                        ),
                    ));
                }
                if config.scale.aliases.contains_key(&key) {
                    return Err(err(
                        alias.span(),
                        format!(
                            "alias `{}` is given twice (ratings are matched ignoring case, spaces and `_`)",
                            alias.get_ref()
                        ),
                    ));
                }
                let name = crate::plan::rating::normalise(target.get_ref());
                if config.scale.resolve(&name).is_none() {
                    return Err(err(
                        target.span(),
                        format!(
                            "alias `{}` names `{}`, which is not on the {} scale ({})",
                            alias.get_ref(),
                            target.get_ref(),
                            config.scale.preset,
                            config.scale.names().collect::<Vec<_>>().join(", ")
                        ),
                    ));
                }
                config.from_file.insert("ratings.aliases".into());
                config.scale.aliases.insert(key, name);
            }
        }

        let mut selection = Selection::default();
        // the span of each selector list, to place an error at the item that names nothing
        let mut lists: Vec<(Vec<String>, Range<usize>)> = Vec::new();
        for (rule, value) in raw.rules.unwrap_or_default() {
            let key = rule.get_ref().as_str();
            if SELECTION_KEYS.contains(&key) || key == NON_WAIVABLE {
                let span = value.span();
                let items = match value.into_inner() {
                    toml::Value::Array(items) => items
                        .into_iter()
                        .map(|v| match v {
                            toml::Value::String(s) => Ok(s),
                            other => Err(err(
                                span.clone(),
                                format!(
                                    "`{key}` lists rule names and prefixes as strings, not {}",
                                    other.type_str()
                                ),
                            )),
                        })
                        .collect::<Result<Vec<_>, _>>()?,
                    other => {
                        return Err(err(
                            span,
                            format!(
                                "`{key}` must be a list of rule names and prefixes, such as [\"rag-\", \"missing-lead\"], not {}",
                                other.type_str()
                            ),
                        ))
                    }
                };
                config.from_file.insert(format!("rules.{key}"));
                if key == NON_WAIVABLE {
                    let named = resolve_selectors(&items, rules)
                        .map_err(|m| err(span.clone(), format!("`{NON_WAIVABLE}`: {m}")))?;
                    config.non_waivable = named;
                    continue;
                }
                lists.push((items.clone(), span));
                match key {
                    "select" => selection.select = Some(items),
                    "extend_select" => selection.extend_select = items,
                    _ => selection.ignore = items,
                }
                continue;
            }
            if !rules.contains(&key) {
                let hint = crate::plan::words::nearest(
                    key,
                    rules.iter().copied().chain(SELECTION_KEYS.iter().copied()),
                )
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default();
                return Err(err(
                    rule.span(),
                    format!("unknown rule `{key}`{hint}; `planlint rules` lists them"),
                ));
            }
            let severity = match value.get_ref() {
                toml::Value::String(s) => Severity::parse(s),
                _ => None,
            }
            .ok_or_else(|| {
                err(
                    value.span(),
                    format!(
                        "severity `{}` for `{key}` must be \"off\", \"info\", \"warning\" or \"error\"",
                        value.get_ref().as_str().map_or_else(|| value.get_ref().to_string(), str::to_string)
                    ),
                )
            })?;
            config.from_file.insert(format!("rules.{key}"));
            config.severities.insert(rule.into_inner(), severity);
        }
        if let Err((bad, message)) = config.select(&selection, rules, false) {
            // point at the item that names nothing, inside its list
            let span = lists
                .iter()
                .find(|(items, _)| items.contains(&bad))
                .map(|(_, span)| {
                    let inner = source.text.get(span.clone()).unwrap_or("");
                    inner
                        .find(&format!("\"{bad}\""))
                        .or_else(|| inner.find(&format!("'{bad}'")))
                        .map_or(span.clone(), |at| span.start + at..span.end)
                })
                .unwrap_or(0..0);
            return Err(err(span, message));
        }
        config.selection = selection;

        if let Some(leads) = raw.leads {
            if let Some(vague) = leads.vague {
                config.from_file.insert("leads.vague".into());
                config.vague_leads = vague.iter().map(|s| s.trim().to_lowercase()).collect();
            }
        }
        if let Some(s) = raw.staleness {
            if let Some(c) = s.default_cycle {
                if crate::plan::model::cycle_days(c.get_ref()).is_none() {
                    return Err(err(
                        c.span(),
                        format!(
                            "unknown review cycle `{}`: use monthly, bimonthly, quarterly, six-monthly or annual",
                            c.get_ref()
                        ),
                    ));
                }
                config.from_file.insert("staleness.default_cycle".into());
                config.default_cycle = c.into_inner();
            }
            if let Some(g) = s.grace_days {
                config.from_file.insert("staleness.grace_days".into());
                config.stale_grace_days =
                    bounded(g, "grace_days", MAX_DAYS, "days").map_err(|(span, e)| err(span, e))?;
            }
            if let Some(d) = s.amber_drift_days {
                config.from_file.insert("staleness.amber_drift_days".into());
                config.amber_drift_days = bounded(d, "amber_drift_days", MAX_DAYS, "days")
                    .map_err(|(span, e)| err(span, e))?;
            }
        }
        if let Some(r) = raw.report {
            let text = |v: Option<Spanned<String>>, key: &str| match v {
                Some(t) if t.get_ref().trim().is_empty() => Err(err(
                    t.span(),
                    format!("[report] {key} is empty: give the text or remove the line"),
                )),
                Some(t) => Ok(Some(t.get_ref().trim().to_string())),
                None => Ok(None),
            };
            config.report_title = text(r.title, "title")?;
            config.report_board = text(r.board, "board")?;
            config.report_purpose = text(r.purpose, "purpose")?;
            for a in r.asks.unwrap_or_default() {
                if let Some(a) = text(Some(a), "asks")? {
                    config.report_asks.push(a);
                }
            }
        }
        if let Some(h) = raw.hook.and_then(|h| h.judge) {
            config.from_file.insert("hook.judge".into());
            config.hook_judge_new = Some(match h.get_ref().as_str() {
                "new" => true,
                "all" => false,
                other => {
                    return Err(err(
                        h.span(),
                        format!(
                        "[hook] judge `{other}`: use \"new\" (only what a commit adds) or \"all\""
                    ),
                    ))
                }
            });
        }
        if let Some(i) = raw.import {
            let mut seen: Vec<(String, String)> = Vec::new();
            for (header, field) in i.map.unwrap_or_default() {
                // import compares headers without case or punctuation: two keys that compare
                // equal would silently let one win
                let key: String = header
                    .get_ref()
                    .to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                    return Err(err(
                        header.span(),
                        format!(
                            "[import] map: \"{}\" is the same header as \"{first}\" (import ignores case and punctuation); keep one",
                            header.get_ref()
                        ),
                    ));
                }
                seen.push((key, header.get_ref().clone()));
                if header.get_ref().trim().is_empty() {
                    return Err(err(
                        header.span(),
                        "[import] map: a header is empty".to_string(),
                    ));
                }
                config.from_file.insert("import.map".into());
                config
                    .import_map
                    .push((header.into_inner(), field.into_inner()));
            }
            for (word, status) in i.statuses.unwrap_or_default() {
                let Some(s) = crate::plan::model::Status::parse_loose(status.get_ref()) else {
                    return Err(err(
                        status.span(),
                        format!(
                            "[import] statuses: `{}` is not a status; use not-started, in-progress, complete, on-hold or withdrawn",
                            status.get_ref()
                        ),
                    ));
                };
                config.from_file.insert("import.statuses".into());
                config
                    .import_statuses
                    .insert(word.get_ref().trim().to_lowercase(), s);
            }
        }
        if let Some(d) = raw.dates {
            if let Some(y) = d.years_before {
                config.from_file.insert("dates.years_before".into());
                config.years_before = bounded(y, "years_before", MAX_YEARS, "years")
                    .map_err(|(span, e)| err(span, e))?;
            }
            if let Some(y) = d.years_after {
                config.from_file.insert("dates.years_after".into());
                config.years_after = bounded(y, "years_after", MAX_YEARS, "years")
                    .map_err(|(span, e)| err(span, e))?;
            }
        }
        Ok(config)
    }

    /// The severity a rule runs at: off when selection leaves it out, else the configured one,
    /// else its default.
    pub fn severity(&self, rule: &str, default: Severity) -> Severity {
        if self.deselected.contains(rule) {
            return Severity::Off;
        }
        self.severities.get(rule).copied().unwrap_or(default)
    }

    /// Applies one layer of selection (the file's, then the command line's): `select` replaces
    /// the rules that run, `extend_select` adds to them, `ignore` takes away. A rule the command
    /// line selects (`from_command_line`) runs even where the file set it `off`, at its default.
    /// On a selector that names no rule: that selector and the message.
    pub fn select(
        &mut self,
        layer: &Selection,
        rules: &[&str],
        from_command_line: bool,
    ) -> Result<(), (String, String)> {
        let resolve = |list: &[String]| -> Result<BTreeSet<String>, (String, String)> {
            for s in list {
                resolve_selectors(std::slice::from_ref(s), rules).map_err(|m| (s.clone(), m))?;
            }
            resolve_selectors(list, rules).map_err(|m| (String::new(), m))
        };
        let mut running: BTreeSet<String> = rules
            .iter()
            .filter(|r| !self.deselected.contains(**r))
            .map(|r| r.to_string())
            .collect();
        let mut named = BTreeSet::new();
        if let Some(select) = &layer.select {
            running = resolve(select)?;
            named.extend(running.iter().cloned());
        }
        let extra = resolve(&layer.extend_select)?;
        named.extend(extra.iter().cloned());
        running.extend(extra);
        for r in resolve(&layer.ignore)? {
            running.remove(&r);
            named.remove(&r);
        }
        self.deselected = rules
            .iter()
            .filter(|r| !running.contains(**r))
            .map(|r| r.to_string())
            .collect();
        if from_command_line {
            for r in named {
                if self.severities.get(&r) == Some(&Severity::Off) {
                    self.severities.remove(&r);
                }
            }
        }
        Ok(())
    }

    /// Whether an `allow` or the baseline may silence `rule`'s findings (`[rules] non_waivable`
    /// and `check --strict` say no).
    pub fn waivable(&self, rule: &str) -> bool {
        !self.strict && !self.non_waivable.contains(rule)
    }

    /// "no plan files found (looked for GLOBS under ROOT)", and why when an `include` glob
    /// lies in a folder no search goes into (`.plans/**/*.toml`): the start of every "found
    /// nothing" message.
    pub fn none_found(&self) -> String {
        let mut said = format!(
            "no plan files found (looked for {} under {}",
            self.include.join(", "),
            self.root.display()
        );
        let hidden: Vec<&str> = self
            .include
            .iter()
            .map(String::as_str)
            .filter(|g| in_skipped_folder(g))
            .collect();
        if !hidden.is_empty() {
            said.push_str(&format!(
                "; {} in a folder no search goes into: folders starting with `.`, `target` and `node_modules` are skipped; name the folder on the command line, or move the plans",
                hidden.join(", ")
            ));
        }
        said.push(')');
        said
    }

    /// True when `rel` (relative to the root, `/` separated) is a plan by the configured globs.
    pub fn is_plan(&self, rel: &str) -> bool {
        self.include_set.is_match(rel) && !self.exclude_set.is_match(rel)
    }
}

/// A folder no search for plans goes into: hidden (`.git`, `.old`), `target`, `node_modules`.
/// The walk of the disk (`discover`) and the reading of git's trees and index both ask this.
pub fn skipped_folder(name: &str) -> bool {
    name.starts_with('.') || name == "target" || name == "node_modules"
}

/// True when a path relative to where the search starts (`/` separated) lies in a folder it
/// never goes into (`skipped_folder`).
pub fn in_skipped_folder(rel: &str) -> bool {
    let folders = rel.rsplit_once('/').map_or("", |(dir, _)| dir);
    !folders.is_empty() && folders.split('/').any(skipped_folder)
}

/// The keys of `[rules]` that choose rules rather than set one's severity.
pub const SELECTION_KEYS: &[&str] = &["select", "extend_select", "ignore"];

/// The key of `[rules]` that names the rules no `allow` or baseline can silence.
pub const NON_WAIVABLE: &str = "non_waivable";

/// The largest number of days a `[staleness]` setting may give: ten years.
pub const MAX_DAYS: i64 = 3650;
/// The largest number of years a `[dates]` setting may give.
pub const MAX_YEARS: i64 = 100;

type Located<T> = Result<T, (Range<usize>, String)>;

/// A configured count, refused outside `0..=max` at its value (a negative or absurd number
/// would make the date rules' arithmetic meaningless, or overflow it).
fn bounded(v: Spanned<i64>, key: &str, max: i64, unit: &str) -> Located<i64> {
    let n = *v.get_ref();
    if (0..=max).contains(&n) {
        Ok(n)
    } else {
        Err((
            v.span(),
            format!("`{key}` must be between 0 and {max} {unit}, not {n}"),
        ))
    }
}

/// `[[ratings.levels]]`: at least one, each named, no name twice.
fn custom_scale(levels: Spanned<Vec<RawLevel>>) -> Located<Scale> {
    if levels.get_ref().is_empty() {
        return Err((
            levels.span(),
            "`ratings.levels` must list at least one rating, worst first".into(),
        ));
    }
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for l in levels.into_inner() {
        let name = crate::plan::rating::normalise(l.name.get_ref());
        if name.is_empty() {
            return Err((l.name.span(), "a rating needs a name".into()));
        }
        if seen.contains(&name) {
            return Err((
                l.name.span(),
                format!(
                    "rating `{}` is listed twice (ratings are matched ignoring case, spaces and `_`)",
                    l.name.get_ref()
                ),
            ));
        }
        seen.push(name.clone());
        out.push(Level { name, done: l.done });
    }
    Ok(Scale {
        preset: "custom".into(),
        levels: out,
        aliases: BTreeMap::new(),
    })
}

fn globs(patterns: &[Spanned<String>]) -> Located<GlobSet> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        // `*` must not cross `/`, as in .gitignore
        let glob = GlobBuilder::new(p.get_ref())
            .literal_separator(true)
            .build()
            .map_err(|e| (p.span(), format!("bad glob `{}`: {e}", p.get_ref())))?;
        b.add(glob);
    }
    b.build()
        .map_err(|e| (patterns.first().map_or(0..0, |p| p.span()), e.to_string()))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    plans: Option<RawPlans>,
    ratings: Option<RawRatings>,
    rules: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    leads: Option<RawLeads>,
    staleness: Option<RawStaleness>,
    dates: Option<RawDates>,
    report: Option<RawReport>,
    hook: Option<RawHook>,
    import: Option<RawImport>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawImport {
    map: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    statuses: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHook {
    judge: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReport {
    title: Option<Spanned<String>>,
    board: Option<Spanned<String>>,
    purpose: Option<Spanned<String>>,
    asks: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlans {
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRatings {
    scale: Option<Spanned<String>>,
    aliases: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    levels: Option<Spanned<Vec<RawLevel>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    name: Spanned<String>,
    #[serde(default)]
    done: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLeads {
    vague: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStaleness {
    default_cycle: Option<Spanned<String>>,
    grace_days: Option<Spanned<i64>>,
    amber_drift_days: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDates {
    years_before: Option<Spanned<i64>>,
    years_after: Option<Spanned<i64>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Error> {
        let src = SourceFile::new("planlint.toml".into(), text.into());
        Config::parse(
            &src,
            PathBuf::from("/r"),
            Path::new("/r/planlint.toml"),
            &["vague-lead", "missing-lead"],
        )
    }

    #[test]
    fn empty_config_gives_defaults() {
        let c = parse("").unwrap();
        assert!(c.is_plan("plans/a.toml"));
        assert!(c.is_plan("plans/x/b.toml"));
        assert!(!c.is_plan("Cargo.toml"));
        assert!(!c.is_plan("plans/a.json"));
    }

    #[test]
    fn finding_nothing_says_which_globs_lie_in_a_folder_never_searched() {
        let plain = parse("").unwrap().none_found();
        assert!(plain.starts_with("no plan files found (looked for plans/**/*.toml under "));
        assert!(!plain.contains("no search goes into"), "{plain}");
        let hidden = parse("[plans]\ninclude = [\".plans/*.toml\", \"a/node_modules/x/*.toml\", \"plans/.x.toml\"]\n")
            .unwrap()
            .none_found();
        assert!(
            hidden.contains(
                "; .plans/*.toml, a/node_modules/x/*.toml in a folder no search goes into"
            ),
            "{hidden}"
        );
    }

    #[test]
    fn hook_judge_is_new_all_or_an_error_at_its_line() {
        assert_eq!(parse("").unwrap().hook_judge_new, None);
        assert_eq!(
            parse("[hook]\njudge = \"new\"\n").unwrap().hook_judge_new,
            Some(true)
        );
        assert_eq!(
            parse("[hook]\njudge = \"all\"\n").unwrap().hook_judge_new,
            Some(false)
        );
        let e = parse("[hook]\njudge = \"old\"\n").unwrap_err().to_string();
        assert!(e.contains("planlint.toml:2:9"), "{e}");
        assert!(e.contains("[hook] judge `old`"), "{e}");
    }

    #[test]
    fn import_map_headers_that_import_reads_as_one_are_an_error() {
        let c = parse("[import.map]\n\"Ref\" = \"id\"\n\"Owner\" = \"leads\"\n").unwrap();
        assert_eq!(c.import_map.len(), 2);
        let e = parse("[import.map]\n\"Ref\" = \"skip\"\n\"REF.\" = \"id\"\n")
            .unwrap_err()
            .to_string();
        // the keys arrive sorted, so either line may be the one named
        assert!(
            e.contains("planlint.toml:2:1") || e.contains("planlint.toml:3:1"),
            "{e}"
        );
        assert!(e.contains("is the same header as"), "{e}");
        assert!(e.contains("\"REF.\"") && e.contains("\"Ref\""), "{e}");
    }

    #[test]
    fn unknown_key_is_reported_with_its_position() {
        let e = parse("[plans]\nincude = []\n").unwrap_err().to_string();
        assert!(
            e.starts_with("planlint.toml:2:1: invalid configuration"),
            "{e}"
        );
        assert!(e.contains("incude"), "{e}");
    }

    #[test]
    fn unknown_rule_suggests_the_nearest() {
        let e = parse("[rules]\nvague-leed = \"off\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("planlint.toml:2:1"), "{e}");
        assert!(e.contains("did you mean `vague-lead`?"), "{e}");
    }

    #[test]
    fn bad_severity_points_at_the_value() {
        let e = parse("[rules]\nvague-lead = \"loud\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("planlint.toml:2:14"), "{e}");
    }

    #[test]
    fn selectors_take_names_prefixes_and_all() {
        let rules = ["rag-unknown", "rag-missing", "ragged-edge", "missing-lead"];
        let r = |s: &[&str]| {
            resolve_selectors(&s.iter().map(|x| x.to_string()).collect::<Vec<_>>(), &rules)
                .map(|set| set.into_iter().collect::<Vec<_>>())
        };
        assert_eq!(r(&["rag-"]).unwrap(), ["rag-missing", "rag-unknown"]);
        // a prefix ends at a `-`: `rag` is not `ragged-edge`
        assert_eq!(r(&["RAG"]).unwrap(), ["rag-missing", "rag-unknown"]);
        assert_eq!(r(&["all"]).unwrap().len(), 4);
        assert_eq!(r(&["missing-lead"]).unwrap(), ["missing-lead"]);
        let e = r(&["missing-leed"]).unwrap_err();
        assert!(e.contains("did you mean `missing-lead`?"), "{e}");
        assert!(r(&[""]).unwrap_err().contains("empty rule name"));
    }

    #[test]
    fn ignore_beats_select_and_an_off_rule_stays_off_unless_the_command_line_selects_it() {
        let mut c = parse(
            "[rules]\nselect = [\"all\"]\nignore = [\"vague-lead\"]\nmissing-lead = \"off\"\n",
        )
        .unwrap();
        assert_eq!(c.severity("vague-lead", Severity::Warning), Severity::Off);
        assert_eq!(c.severity("missing-lead", Severity::Error), Severity::Off);
        let cli = Selection {
            extend_select: vec!["missing-lead".into()],
            ..Selection::default()
        };
        c.select(&cli, &["vague-lead", "missing-lead"], true)
            .unwrap();
        assert_eq!(c.severity("missing-lead", Severity::Error), Severity::Error);
        assert_eq!(c.severity("vague-lead", Severity::Warning), Severity::Off);
        let e = parse("[rules]\nignore = [\"vague-leed\"]\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("planlint.toml:2:11: invalid configuration"),
            "{e}"
        );
    }

    #[test]
    fn aliases_and_presets() {
        let c =
            parse("[ratings]\nscale = \"five-point\"\naliases = { yellow = \"amber\" }\n").unwrap();
        assert_eq!(c.scale.resolve("Yellow").map(|r| r.name), Some("amber"));
        let e = parse("[ratings]\nscale = \"rainbow\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("planlint.toml:2:9") && e.contains("rag, brag, five-point"),
            "{e}"
        );
        let e = parse("[ratings.aliases]\nyellow = \"gold\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("planlint.toml:2:10"), "{e}");
    }
}
