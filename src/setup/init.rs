//! `planlint init`: sets a repository up for planlint with a commented `planlint.toml`, one
//! example plan that passes `check` (only where there are no plans yet), the plan schema with `.taplo.toml` and `tombi.toml` mapping
//! the plan globs to it (editors complete plans without a `#:schema` line), and the planlint hook
//! in `.pre-commit-config.yaml`. A file that exists is kept and named unless `--force` says to
//! replace it; `.pre-commit-config.yaml` is never replaced (it holds other tools' hooks): the
//! planlint hook is added to it, its comments and layout kept, unless it is there already.

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
#
# Which rules run at all: rule names, prefixes ("rag-" is every rule whose name starts rag-) or
# "all". `ignore` wins over `select` and `extend_select`; `planlint check --select/--ignore` go on top.
# select = ["all"]
# extend_select = []
# ignore = []

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

/// Where `init` writes its example plan, relative to the repository root.
pub const EXAMPLE_PATH: &str = "plans/example.toml";

/// The plans under `root` other than `init`'s own example, by the planlint.toml there is (its
/// globs, even when `--force` is about to replace it), else by the default globs.
fn existing_plans(root: &Path, config_path: &Path) -> Vec<String> {
    let config = if config_path.exists() {
        crate::workspace::config::Config::load(config_path, &crate::lint::names()).ok()
    } else {
        None
    }
    .unwrap_or_else(|| crate::workspace::config::Config::defaults(root.to_path_buf()));
    crate::workspace::discover::discover(&config, &[])
        .unwrap_or_default()
        .into_iter()
        .map(|t| t.name)
        .filter(|n| n != EXAMPLE_PATH)
        .collect()
}

/// Where `init` writes the plan schema for editors, relative to the repository root (the same
/// place the shipped examples' `#:schema` lines point at).
pub const SCHEMA_PATH: &str = "schema/plan-v1.schema.json";

/// `.taplo.toml`: Even Better TOML and `taplo lint` check the plan files against the schema.
pub fn taplo_config(include: &[String]) -> String {
    format!(
        "# Written by `planlint init`: editors using taplo (Even Better TOML) check and complete plan\n\
         # files against planlint's schema. Keep `include` in step with [plans] include in planlint.toml.\n\
         [[rule]]\n\
         include = {}\n\
         \n\
         [rule.schema]\n\
         path = \"./{SCHEMA_PATH}\"\n",
        toml_list(include)
    )
}

/// `tombi.toml`: the tombi language server and `tombi lint` do the same.
pub fn tombi_config(include: &[String]) -> String {
    format!(
        "# Written by `planlint init`: editors using tombi check and complete plan files against\n\
         # planlint's schema. Keep `include` in step with [plans] include in planlint.toml.\n\
         toml-version = \"v1.0.0\"\n\
         \n\
         [[schemas]]\n\
         path = \"./{SCHEMA_PATH}\"\n\
         include = {}\n",
        toml_list(include)
    )
}

fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|i| serde_json::to_string(i).unwrap_or_default())
        .collect();
    format!("[{}]", quoted.join(", "))
}

/// The files `init` writes, relative to the repository root, with their text (the pre-commit
/// configuration apart: see `add_hook`). `include`: the plan globs the editors' files map.
pub fn files(today: NaiveDate, include: &[String]) -> Vec<(&'static str, String)> {
    vec![
        (crate::workspace::config::FILE_NAME, CONFIG.to_string()),
        (EXAMPLE_PATH, example_plan(today)),
        (SCHEMA_PATH, crate::plan::schema::SCHEMA_TEXT.to_string()),
        (".taplo.toml", taplo_config(include)),
        ("tombi.toml", tombi_config(include)),
    ]
}

/// Where `init` writes: the enclosing git work tree's root, else `start` itself.
pub fn root(start: &Path) -> PathBuf {
    crate::git::work_tree_top(start).unwrap_or_else(|| start.to_path_buf())
}

/// What adding the hook to a pre-commit configuration came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Hook {
    /// The configuration with the planlint hook added.
    Added(String),
    /// The configuration already runs a planlint hook: nothing to change.
    AlreadyThere,
}

/// Adds planlint's `repos:` entry to a pre-commit configuration's text, keeping every other
/// line as it is: after the last line of the `repos:` list, indented as its items are. A
/// configuration without `repos:` gets one at its end; `repos: []` becomes a list of one.
/// Refused (with the reason) when `repos:` is written in a flow style other than `[]`.
pub fn add_hook(text: &str) -> Result<Hook, String> {
    let mentions_planlint = text.lines().any(|l| {
        let t = l.trim_start().trim_start_matches("- ").trim();
        t.contains("github.com/planlint/planlint")
            || t.strip_prefix("id:").is_some_and(|id| {
                let id = id.trim().trim_matches(|c| c == '"' || c == '\'');
                id == "planlint" || id.starts_with("planlint-")
            })
    });
    if mentions_planlint {
        return Ok(Hook::AlreadyThere);
    }
    let lines: Vec<&str> = text.lines().collect();
    let entry = |indent: &str| {
        format!(
            "{indent}- repo: https://github.com/planlint/planlint\n\
             {indent}  rev: v{}\n\
             {indent}  hooks:\n\
             {indent}    - id: planlint\n",
            env!("CARGO_PKG_VERSION")
        )
    };
    let repos_at = lines
        .iter()
        .position(|l| l.strip_prefix("repos:").is_some());
    let Some(at) = repos_at else {
        let mut out = text.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str("repos:\n");
        out.push_str(&entry("  "));
        return Ok(Hook::Added(out));
    };
    let rest = lines[at]["repos:".len()..].trim();
    let value = rest.split(" #").next().unwrap_or("").trim();
    if value == "[]" {
        let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        out[at] = "repos:".to_string();
        out.insert(at + 1, entry("  ").trim_end().to_string());
        return Ok(Hook::Added(out.join("\n") + "\n"));
    }
    if !value.is_empty() {
        return Err(format!(
            "`repos:` is written in flow style (`{value}`) on line {}; add the planlint hook by hand:\n{}",
            at + 1,
            entry("  ")
        ));
    }
    // the list runs until the next line that starts a top-level key
    let end = lines[at + 1..]
        .iter()
        .position(|l| {
            !l.trim().is_empty()
                && !l.starts_with(' ')
                && !l.starts_with('\t')
                && !l.starts_with('#')
                && !l.starts_with('-')
        })
        .map_or(lines.len(), |i| at + 1 + i);
    // insert after the list's last line of content, before blank lines and comments that
    // belong to what follows
    let last = lines[at..end]
        .iter()
        .rposition(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map_or(at, |i| at + i);
    let indent: String = lines[at + 1..end]
        .iter()
        .find(|l| l.trim_start().starts_with("- "))
        .map_or_else(
            || "  ".to_string(),
            |l| l[..l.len() - l.trim_start().len()].to_string(),
        );
    let mut out = String::new();
    for l in &lines[..=last] {
        out.push_str(l);
        out.push('\n');
    }
    out.push_str(&entry(&indent));
    for l in &lines[last + 1..] {
        out.push_str(l);
        out.push('\n');
    }
    Ok(Hook::Added(out))
}

/// Writes the files under `root`: each new one, and with `force` each that exists; the planlint
/// hook into `.pre-commit-config.yaml`. Returns what to tell the user.
pub fn init(root: &Path, today: NaiveDate, force: bool) -> Result<String, Error> {
    // the editors' files map the configured plan globs: those of a planlint.toml that is kept
    let config_path = root.join(crate::workspace::config::FILE_NAME);
    let include = if config_path.exists() && !force {
        crate::workspace::config::Config::load(&config_path, &crate::lint::names())?.include
    } else {
        vec![crate::workspace::config::DEFAULT_INCLUDE.to_string()]
    };
    let mut out = format!("set up planlint in {}:\n", root.display());
    let existing = existing_plans(root, &config_path);
    for (name, text) in &files(today, &include) {
        let path = root.join(name);
        // an example beside a programme's real plans would be checked, exported and reported
        // as one of them
        if *name == EXAMPLE_PATH && !existing.is_empty() {
            let more = if existing.len() > 3 { ", …" } else { "" };
            out.push_str(&format!(
                "  left out {name} (there are plans already: {}{more})\n",
                existing
                    .iter()
                    .take(3)
                    .map(|n| crate::plan::escape::line(n).into_owned())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            continue;
        }
        let existed = path.exists();
        if existed && !force {
            out.push_str(&format!("  kept {name} (it exists; --force replaces it)\n"));
            continue;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        crate::workspace::files::write_atomic(&path, text.as_bytes())?;
        out.push_str(&format!(
            "  {} {name}\n",
            if existed { "replaced" } else { "wrote" }
        ));
    }
    let hook = root.join(".pre-commit-config.yaml");
    if hook.exists() {
        let bytes = crate::workspace::files::read_regular(&hook, crate::plan::load::MAX_FILE_BYTES)
            .map_err(|source| Error::Io {
                path: hook.clone(),
                source,
            })?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::Usage(format!(
                "{}: not UTF-8 text; add the planlint hook by hand (the README shows it)",
                hook.display()
            ))
        })?;
        match add_hook(&text).map_err(|why| Error::Usage(format!("{}: {why}", hook.display())))? {
            Hook::AlreadyThere => {
                out.push_str("  kept .pre-commit-config.yaml (it already runs planlint)\n")
            }
            Hook::Added(new) => {
                crate::workspace::files::write_atomic(&hook, new.as_bytes())?;
                out.push_str("  added the planlint hook to .pre-commit-config.yaml\n");
            }
        }
    } else {
        crate::workspace::files::write_atomic(&hook, pre_commit_config().as_bytes())?;
        out.push_str("  wrote .pre-commit-config.yaml\n");
    }
    out.push_str(
        "\nnext steps:\n\
         \x20 planlint check                 check the plans (plans/**/*.toml)\n\
         \x20 pre-commit install             run planlint on every commit (pip install pre-commit)\n\
         \x20   or: planlint hook install    the same without the pre-commit framework\n\
         \x20 edit planlint.toml             the rating scale, rule severities, vague lead words\n\
         \x20 open a plan in your editor     with Even Better TOML or tombi, keys complete from the schema\n",
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
            "select",
            "extend_select",
            "ignore",
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
