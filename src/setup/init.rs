//! `planlint init`: sets a repository up for planlint with a commented `planlint.toml`, one
//! example plan that passes `check`, and a `.pre-commit-config.yaml` that runs the planlint hook.
//! It never overwrites: if any of those files exists it writes nothing and says which.

use crate::Error;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Every setting planlint reads, commented out at its default, so the file documents itself.
pub const CONFIG: &str = r#"# planlint configuration. planlint finds this file by walking up from the path it checks and
# treats its folder as the repository root. Every setting below is commented out at its
# default: uncomment and change what your programme needs.

[plans]
# Which files are plans, as globs relative to this file (`*` does not cross `/`). A file named
# on the command line is always checked; Cargo.toml and other TOML never are.
# include = ["plans/**/*.toml"]
# exclude = ["plans/archive/**"]

[ratings]
# The rating scale, worst first. rag: red, amber, green. brag: red, amber, green, blue (blue is
# "done"). five-point: red, amber-red, amber, amber-green, green (Delivery Confidence).
# scale = "rag"
#
# Or a scale of your own, worst first; `done` marks the ratings a complete action may carry.
# [[ratings.levels]]
# name = "red"
# [[ratings.levels]]
# name = "green"
# done = true

# [ratings.aliases]
# Other words for a rating on the scale, matched case-insensitively.
# "g" = "green"

[rules]
# Severity per rule: off, info, warning or error. `planlint rules` lists the rules and their
# defaults; `planlint explain RULE` says what one checks.
# stale-action = "warning"
# rag-missing = "error"

[leads]
# A lead made only of these words names nobody in particular (vague-lead).
# vague = ["all", "all partners", "all agencies", "all organisations", "all mh service providers", "all providers", "everyone", "various", "tbc", "tba", "to be confirmed", "n/a", "none", "unknown"]

[staleness]
# The review cycle of a plan that does not set `plan.review_cycle`: monthly, bimonthly,
# quarterly, six-monthly or annual.
# default_cycle = "quarterly"
# Days of grace after a review cycle before stale-action fires.
# grace_days = 14
# Days an action may stay amber or worse before it should be escalated.
# amber_drift_days = 180

[dates]
# date-before-plan: dates this many years before the plan's date, or due dates this many years
# after it, are implausible.
# years_before = 3
# years_after = 10
"#;

/// A small plan that shows the format and passes `planlint check` on the day it is written: one
/// action complete with its evidence, one ongoing with a recent update. Dated from `today` so
/// the date rules see a live plan, not one that went stale before anyone opened it.
pub fn example_plan(today: NaiveDate) -> String {
    let ago = |days: i64| today - chrono::Duration::days(days);
    format!(
        r#"# An example plan written by `planlint init`: change it into your own, or delete it.
# `planlint explain RULE` says what a finding means.

schema_version = 1

[plan]
id = "example-crisis-care"
title = "Example crisis care action plan"
owner = "Crisis Care Concordat partnership board"
updated = {today}
review_cycle = "quarterly"

[[sections]]
id = "1"
title = "Access to support before crisis point"

[[actions]]
id = "1.1"
section = "1"
title = "Publish one crisis line number across all partners"
leads = ["Clinical Commissioning Group"]
partners = ["Local authority", "Police"]
due = {due}
status = "complete"
rag = "green"
outcomes = ["One number on every partner's website and leaflet"]

[[actions.updates]]
date = {done}
text = "Number live and published by every partner."
rag = "green"

[[actions]]
id = "1.2"
section = "1"
title = "Review crisis line call volumes with partners"
leads = ["Mental health trust"]
due = "Ongoing"
status = "in-progress"
rag = "amber"
refs = ["1.1"]

[[actions.updates]]
date = {reviewed}
text = "First quarterly review held; weekend demand is higher than staffed for."
rag = "amber"
"#,
        due = ago(60),
        done = ago(65),
        reviewed = ago(7),
    )
}

/// The pre-commit framework configuration; the README's "Use as a pre-commit hook" shows the
/// same text, and the tests run it with the real pre-commit.
pub fn pre_commit_config() -> String {
    format!(
        "repos:\n  - repo: https://github.com/planlint/planlint\n    rev: v{}\n    hooks:\n      - id: planlint\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// The files `init` writes, relative to the repository root, with their text.
pub fn files(today: NaiveDate) -> Vec<(&'static str, String)> {
    vec![
        (crate::workspace::config::FILE_NAME, CONFIG.to_string()),
        ("plans/example.toml", example_plan(today)),
        (".pre-commit-config.yaml", pre_commit_config()),
    ]
}

/// Where `init` writes: the enclosing git work tree's root, else `start` itself.
pub fn root(start: &Path) -> PathBuf {
    crate::git::work_tree_top(start).unwrap_or_else(|| start.to_path_buf())
}

/// Writes the files under `root`, or none of them if any exists. Returns what to tell the user.
pub fn init(root: &Path, today: NaiveDate) -> Result<String, Error> {
    let files = files(today);
    let existing: Vec<&str> = files
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| root.join(name).exists())
        .collect();
    if !existing.is_empty() {
        return Err(Error::Usage(format!(
            "not overwriting {} in {}; nothing was written. Move {} aside and run `planlint init` again, \
             or copy what you need from the README",
            existing.join(", "),
            root.display(),
            if existing.len() == 1 { "it" } else { "them" }
        )));
    }
    let mut out = format!("set up planlint in {}:\n", root.display());
    for (name, text) in &files {
        let path = root.join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        crate::workspace::files::write_atomic(&path, text.as_bytes())?;
        out.push_str(&format!("  wrote {name}\n"));
    }
    out.push_str(
        "\nnext steps:\n\
         \x20 planlint check                 check the plans (plans/**/*.toml)\n\
         \x20 pre-commit install             run planlint on every commit (pip install pre-commit)\n\
         \x20   or: planlint hook install    the same without the pre-commit framework\n\
         \x20 edit planlint.toml             the rating scale, rule severities, vague lead words\n",
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::source::SourceFile;
    use crate::workspace::config::Config;

    /// `# key = value` and `# [table]` lines, uncommented: every setting the file documents.
    fn uncommented(text: &str) -> String {
        text.lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest)
                    if rest.starts_with('[')
                        || rest.split_once(" = ").is_some_and(|(k, _)| {
                            !k.contains(' ') || (k.starts_with('"') && k.ends_with('"'))
                        }) =>
                {
                    rest
                }
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn parse(text: &str) -> Result<Config, Error> {
        let src = SourceFile::new("planlint.toml".into(), text.into());
        Config::parse(
            &src,
            PathBuf::from("/r"),
            Path::new("/r/planlint.toml"),
            &crate::lint::names(),
        )
    }

    #[test]
    fn the_commented_config_parses_as_written_and_uncommented() {
        parse(CONFIG).expect("as written");
        let all = uncommented(CONFIG);
        let c = parse(&all).unwrap_or_else(|e| panic!("{e}\n{all}"));
        // the uncommented settings are the defaults, except the examples that show a change
        let d = Config::defaults(PathBuf::from("/r"));
        assert_eq!(c.include, d.include);
        assert_eq!(c.default_cycle, d.default_cycle);
        assert_eq!(c.stale_grace_days, d.stale_grace_days);
        assert_eq!(c.amber_drift_days, d.amber_drift_days);
        assert_eq!(
            (c.years_before, c.years_after),
            (d.years_before, d.years_after)
        );
        assert_eq!(c.vague_leads, d.vague_leads);
        assert!(c.is_plan("plans/a.toml") && !c.is_plan("plans/archive/a.toml"));
    }

    #[test]
    fn every_setting_is_documented() {
        for key in [
            "include",
            "exclude",
            "scale",
            "[[ratings.levels]]",
            "[ratings.aliases]",
            "[rules]",
            "vague",
            "default_cycle",
            "grace_days",
            "amber_drift_days",
            "years_before",
            "years_after",
        ] {
            assert!(CONFIG.contains(key), "planlint.toml from init lacks {key}");
        }
    }
}
