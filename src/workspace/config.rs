//! `planlint.toml`: which files are plans, the rating scale, severities, vague-lead words and
//! the limits of the date rules. Found by walking up from the first path checked (or the working
//! directory); every setting has a sensible default, so no file is needed.

use crate::plan::finding::Severity;
use crate::plan::rating::{Level, Scale, PRESETS};
use crate::plan::source::SourceFile;
use crate::Error;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
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
    /// `[report] title`: the programme's name at the head of `planlint report`.
    pub report_title: Option<String>,
    /// `[report] board`: the meeting the report is for.
    pub report_board: Option<String>,
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
            exclude_set: GlobSet::empty(),
            scale: Scale::preset("rag").expect("rag is a preset"),
            severities: HashMap::new(),
            vague_leads: DEFAULT_VAGUE_LEADS.iter().map(|s| s.to_string()).collect(),
            default_cycle: "quarterly".to_string(),
            stale_grace_days: 14,
            years_before: 3,
            years_after: 10,
            amber_drift_days: 180,
            report_title: None,
            report_board: None,
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
        let root = path
            .parent()
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
                config.include = include.iter().map(|g| g.get_ref().clone()).collect();
                config.include_set = globs(&include).map_err(|(span, e)| err(span, e))?;
            }
            if let Some(exclude) = plans.exclude {
                config.exclude_set = globs(&exclude).map_err(|(span, e)| err(span, e))?;
            }
        }

        if let Some(r) = raw.ratings {
            if let Some(levels) = r.levels {
                config.scale = custom_scale(levels).map_err(|(span, e)| err(span, e))?;
            } else if let Some(scale) = r.scale {
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
                config.scale.aliases.insert(key, name);
            }
        }

        for (rule, sev) in raw.rules.unwrap_or_default() {
            if !rules.contains(&rule.get_ref().as_str()) {
                let hint = crate::plan::schema::nearest(rule.get_ref(), rules.iter().copied())
                    .map(|n| format!(" (did you mean `{n}`?)"))
                    .unwrap_or_default();
                return Err(err(
                    rule.span(),
                    format!(
                        "unknown rule `{}`{hint}; `planlint rules` lists them",
                        rule.get_ref()
                    ),
                ));
            }
            let severity = Severity::parse(sev.get_ref()).ok_or_else(|| {
                err(
                    sev.span(),
                    format!(
                        "severity `{}` for `{}` must be off, info, warning or error",
                        sev.get_ref(),
                        rule.get_ref()
                    ),
                )
            })?;
            config.severities.insert(rule.into_inner(), severity);
        }

        if let Some(leads) = raw.leads {
            if let Some(vague) = leads.vague {
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
                config.default_cycle = c.into_inner();
            }
            if let Some(g) = s.grace_days {
                config.stale_grace_days =
                    bounded(g, "grace_days", MAX_DAYS, "days").map_err(|(span, e)| err(span, e))?;
            }
            if let Some(d) = s.amber_drift_days {
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
        }
        if let Some(d) = raw.dates {
            if let Some(y) = d.years_before {
                config.years_before = bounded(y, "years_before", MAX_YEARS, "years")
                    .map_err(|(span, e)| err(span, e))?;
            }
            if let Some(y) = d.years_after {
                config.years_after = bounded(y, "years_after", MAX_YEARS, "years")
                    .map_err(|(span, e)| err(span, e))?;
            }
        }
        Ok(config)
    }

    /// The severity a rule runs at: the configured one, else its default.
    pub fn severity(&self, rule: &str, default: Severity) -> Severity {
        self.severities.get(rule).copied().unwrap_or(default)
    }

    /// True when `rel` (relative to the root, `/` separated) is a plan by the configured globs.
    pub fn is_plan(&self, rel: &str) -> bool {
        self.include_set.is_match(rel) && !self.exclude_set.is_match(rel)
    }
}

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
    rules: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    leads: Option<RawLeads>,
    staleness: Option<RawStaleness>,
    dates: Option<RawDates>,
    report: Option<RawReport>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReport {
    title: Option<Spanned<String>>,
    board: Option<Spanned<String>>,
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
