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
use std::path::{Path, PathBuf};
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
            include_set: globs(&[DEFAULT_INCLUDE.to_string()]).expect("the default glob is valid"),
            exclude_set: GlobSet::empty(),
            scale: Scale::preset("rag").expect("rag is a preset"),
            severities: HashMap::new(),
            vague_leads: DEFAULT_VAGUE_LEADS.iter().map(|s| s.to_string()).collect(),
            default_cycle: "quarterly".to_string(),
            stale_grace_days: 14,
            years_before: 3,
            years_after: 10,
            amber_drift_days: 180,
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
            if candidate.is_file() {
                return Config::load(&candidate, rules);
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

    pub fn load(path: &Path, rules: &[&str]) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
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
        let raw: RawConfig = toml::from_str(&source.text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            err(span, e.message().trim().to_string())
        })?;
        let mut config = Config::defaults(root);
        config.file = Some(path.to_path_buf());

        if let Some(plans) = raw.plans {
            if let Some(include) = plans.include {
                config.include = include.iter().map(|g| g.get_ref().clone()).collect();
                config.include_set = globs(&config.include)
                    .map_err(|e| err(include.first().map_or(0..0, |g| g.span()), e))?;
            }
            if let Some(exclude) = plans.exclude {
                let list: Vec<String> = exclude.iter().map(|g| g.get_ref().clone()).collect();
                config.exclude_set =
                    globs(&list).map_err(|e| err(exclude.first().map_or(0..0, |g| g.span()), e))?;
            }
        }

        if let Some(r) = raw.ratings {
            if let Some(levels) = r.levels {
                if levels.is_empty() {
                    return Err(err(
                        0..0,
                        "`ratings.levels` must list at least one rating".into(),
                    ));
                }
                config.scale = Scale {
                    preset: "custom".into(),
                    levels: levels
                        .into_iter()
                        .map(|l| Level {
                            name: crate::plan::rating::normalise(&l.name),
                            done: l.done,
                        })
                        .collect(),
                    aliases: BTreeMap::new(),
                };
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
                config
                    .scale
                    .aliases
                    .insert(crate::plan::rating::normalise(alias.get_ref()), name);
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
                config.stale_grace_days = g;
            }
            if let Some(d) = s.amber_drift_days {
                config.amber_drift_days = d;
            }
        }
        if let Some(d) = raw.dates {
            if let Some(y) = d.years_before {
                config.years_before = y;
            }
            if let Some(y) = d.years_after {
                config.years_after = y;
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

fn globs(patterns: &[String]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        // `*` must not cross `/`, as in .gitignore
        let glob = GlobBuilder::new(p)
            .literal_separator(true)
            .build()
            .map_err(|e| format!("bad glob `{p}`: {e}"))?;
        b.add(glob);
    }
    b.build().map_err(|e| e.to_string())
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
    levels: Option<Vec<RawLevel>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    name: String,
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
    grace_days: Option<i64>,
    amber_drift_days: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDates {
    years_before: Option<i64>,
    years_after: Option<i64>,
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
