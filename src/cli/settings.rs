//! Settings that come from more than one place (the command line, the environment,
//! `planlint.toml`, the defaults), which wins, and `check --show-settings`, which says where each
//! value came from.
//!
//! Precedence, highest first: a flag on the command line, then the environment
//! (`PLANLINT_CONFIG`, `PLANLINT_OUTPUT_FORMAT`, the colour variables), then `planlint.toml`,
//! then the default. Colour: `--color always|never`, then `NO_COLOR`, then `FORCE_COLOR` /
//! `CLICOLOR_FORCE`, then `TERM=dumb`, then whether the output is a terminal.

use super::Color;
use crate::output::Format;
use crate::workspace::config::Config;
use crate::Error;
use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;

/// The configuration file to use instead of looking for `planlint.toml`.
pub const ENV_CONFIG: &str = "PLANLINT_CONFIG";
/// The output format of `check` when `--format` is not given.
pub const ENV_OUTPUT_FORMAT: &str = "PLANLINT_OUTPUT_FORMAT";

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    File(PathBuf),
    CommandLine(&'static str),
    Environment(&'static str),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File(p) => write!(f, "file ({})", p.display()),
            Origin::CommandLine(flag) => write!(f, "command line ({flag})"),
            Origin::Environment(var) => write!(f, "environment ({var})"),
        }
    }
}

/// A variable's value when it is set and not empty (an empty variable counts as unset, as
/// `NO_COLOR` asks). One that is not Unicode is an error naming it.
fn var(
    get: &dyn Fn(&str) -> Option<OsString>,
    name: &'static str,
) -> Result<Option<String>, Error> {
    match get(name) {
        None => Ok(None),
        Some(v) if v.is_empty() => Ok(None),
        Some(v) => v.into_string().map(Some).map_err(|_| {
            Error::Usage(format!(
                "the environment variable {name} is not valid Unicode text; set it again or unset it"
            ))
        }),
    }
}

fn real_env(name: &str) -> Option<OsString> {
    std::env::var_os(name)
}

/// `--config`, else `PLANLINT_CONFIG` (which must name a file), else none: look for
/// `planlint.toml`.
pub fn config_path(flag: &Option<PathBuf>) -> Result<(Option<PathBuf>, Origin), Error> {
    config_path_in(flag, &real_env)
}

fn config_path_in(
    flag: &Option<PathBuf>,
    get: &dyn Fn(&str) -> Option<OsString>,
) -> Result<(Option<PathBuf>, Origin), Error> {
    if let Some(p) = flag {
        return Ok((Some(p.clone()), Origin::CommandLine("--config")));
    }
    match var(get, ENV_CONFIG)? {
        Some(v) => {
            let path = PathBuf::from(&v);
            if !path.is_file() {
                return Err(Error::Usage(format!(
                    "the environment variable {ENV_CONFIG} names `{v}`, which is not a file; \
                     point it at a planlint.toml or unset it"
                )));
            }
            Ok((Some(path), Origin::Environment(ENV_CONFIG)))
        }
        None => Ok((None, Origin::Default)),
    }
}

/// `check`'s output format: `--format`, else `PLANLINT_OUTPUT_FORMAT`, else human on a
/// terminal and concise otherwise.
pub fn check_format(flag: Option<Format>, tty: bool) -> Result<(Format, Origin), Error> {
    check_format_in(flag, tty, &real_env)
}

fn check_format_in(
    flag: Option<Format>,
    tty: bool,
    get: &dyn Fn(&str) -> Option<OsString>,
) -> Result<(Format, Origin), Error> {
    if let Some(f) = flag {
        return Ok((f, Origin::CommandLine("--format")));
    }
    if let Some(v) = var(get, ENV_OUTPUT_FORMAT)? {
        return match <Format as clap::ValueEnum>::from_str(v.trim(), true) {
            Ok(f) => Ok((f, Origin::Environment(ENV_OUTPUT_FORMAT))),
            Err(_) => Err(Error::Usage(format!(
                "the environment variable {ENV_OUTPUT_FORMAT} is `{v}`, which is not an output format: use one of {}",
                format_names()
            ))),
        };
    }
    Ok((
        if tty { Format::Human } else { Format::Concise },
        Origin::Default,
    ))
}

/// `human, concise, json, …`: the names `--format` takes.
pub fn format_names() -> String {
    <Format as clap::ValueEnum>::value_variants()
        .iter()
        .filter_map(clap::ValueEnum::to_possible_value)
        .map(|v| v.get_name().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether to colour the output, and why. `tty`: the output goes to a terminal.
pub fn color(flag: Color, tty: bool) -> (bool, Origin) {
    color_in(flag, tty, &real_env)
}

fn color_in(flag: Color, tty: bool, get: &dyn Fn(&str) -> Option<OsString>) -> (bool, Origin) {
    let set = |name: &str| get(name).filter(|v| !v.is_empty());
    // FORCE_COLOR=0 and CLICOLOR_FORCE=0 are common ways of saying "do not force"
    let forcing = |name: &str| set(name).is_some_and(|v| v != "0" && v != "false");
    match flag {
        Color::Always => (true, Origin::CommandLine("--color")),
        Color::Never => (false, Origin::CommandLine("--color")),
        Color::Auto if set("NO_COLOR").is_some() => (false, Origin::Environment("NO_COLOR")),
        Color::Auto if forcing("FORCE_COLOR") => (true, Origin::Environment("FORCE_COLOR")),
        Color::Auto if forcing("CLICOLOR_FORCE") => (true, Origin::Environment("CLICOLOR_FORCE")),
        Color::Auto if set("TERM").is_some_and(|t| t == "dumb") => {
            (false, Origin::Environment("TERM"))
        }
        Color::Auto => (tty, Origin::Default),
    }
}

/// Why the default colour decision went the way it did, for `--show-settings`.
pub fn color_reason(color: bool, origin: &Origin) -> String {
    match (origin, color) {
        (Origin::Default, true) => "default (the output is a terminal)".into(),
        (Origin::Default, false) => "default (the output is not a terminal)".into(),
        (o, _) => o.to_string(),
    }
}

/// Where a file setting came from: the file when it set `key`, else the default.
fn origin(config: &Config, key: &str) -> Origin {
    match &config.file {
        Some(path) if config.from_file.contains(key) => Origin::File(path.clone()),
        _ => Origin::Default,
    }
}

/// What `--show-settings` needs besides the configuration.
pub struct Shown<'a> {
    pub config: &'a Config,
    pub config_origin: &'a Origin,
    /// The rules the file's selection left out, before the command line's was applied.
    pub file_deselected: &'a std::collections::BTreeSet<String>,
    /// The severities the file set, before the command line's selection.
    pub file_severities: &'a std::collections::HashMap<String, crate::plan::finding::Severity>,
    pub format: (Format, Origin),
    pub color: (bool, Origin),
    pub as_of: (chrono::NaiveDate, Origin),
    pub cli_selection: &'a crate::workspace::config::Selection,
}

/// The effective settings, TOML-like, each value followed by where it came from.
pub fn show(s: &Shown<'_>) -> String {
    let c = s.config;
    let mut lines: Vec<(String, String)> = Vec::new();
    let q = |v: &str| serde_json::to_string(v).unwrap_or_default();
    let list = |v: &[String]| {
        format!(
            "[{}]",
            v.iter().map(|x| q(x)).collect::<Vec<_>>().join(", ")
        )
    };
    let mut push = |k: String, o: String| lines.push((k, o));
    push(
        "# planlint settings: each value, then where it came from".into(),
        String::new(),
    );
    let file = c.file.as_ref().map_or_else(
        || "none (every setting is its default)".to_string(),
        |p| q(&p.display().to_string()),
    );
    let file_origin = match (&c.file, s.config_origin) {
        (Some(_), Origin::Default) => "found by walking up from the checked path".to_string(),
        (None, _) => format!("no {} found", crate::workspace::config::FILE_NAME),
        (_, o) => o.to_string(),
    };
    push(format!("configuration = {file}"), file_origin);
    push(
        format!("root = {}", q(&c.root.display().to_string())),
        "the configuration's folder, else the git work tree".into(),
    );
    push(String::new(), String::new());
    push("[plans]".into(), String::new());
    push(
        format!("include = {}", list(&c.include)),
        origin(c, "plans.include").to_string(),
    );
    push(
        format!("exclude = {}", list(&c.exclude)),
        origin(c, "plans.exclude").to_string(),
    );
    push(String::new(), String::new());
    push("[ratings]".into(), String::new());
    let scale_origin = if c.from_file.contains("ratings.levels") {
        origin(c, "ratings.levels")
    } else {
        origin(c, "ratings.scale")
    };
    push(
        format!("scale = {}", q(&c.scale.preset)),
        scale_origin.to_string(),
    );
    push(
        format!(
            "levels = {}",
            list(&c.scale.names().map(str::to_string).collect::<Vec<_>>())
        ),
        "worst first".into(),
    );
    let aliases = c
        .scale
        .aliases
        .iter()
        .map(|(a, t)| format!("{} = {}", q(a), q(t)))
        .collect::<Vec<_>>()
        .join(", ");
    let aliases = if aliases.is_empty() {
        "{}".to_string()
    } else {
        format!("{{ {aliases} }}")
    };
    push(
        format!("aliases = {aliases}"),
        origin(c, "ratings.aliases").to_string(),
    );
    push(String::new(), String::new());
    push("[rules]".into(), String::new());
    let sel = |name: &str,
               file: Option<Vec<String>>,
               cli: Option<Vec<String>>,
               flag: &'static str| {
        match (cli, file) {
            (Some(v), _) => (format!("{name} = {}", list(&v)), Origin::CommandLine(flag)),
            (None, Some(v)) => (
                format!("{name} = {}", list(&v)),
                origin(c, &format!("rules.{name}")),
            ),
            (None, None) => (format!("{name} = []"), Origin::Default),
        }
    };
    let nonempty = |v: &Vec<String>| (!v.is_empty()).then(|| v.clone());
    let (k, o) = sel(
        "select",
        c.selection.select.clone(),
        s.cli_selection.select.clone(),
        "--select",
    );
    push(
        if k == "select = []" {
            "select = [\"all\"]".into()
        } else {
            k
        },
        o.to_string(),
    );
    for (name, file, cli, flag) in [
        (
            "extend_select",
            nonempty(&c.selection.extend_select),
            nonempty(&s.cli_selection.extend_select),
            "--extend-select",
        ),
        (
            "ignore",
            nonempty(&c.selection.ignore),
            nonempty(&s.cli_selection.ignore),
            "--ignore",
        ),
    ] {
        let (k, o) = sel(name, file, cli, flag);
        push(k, o.to_string());
    }
    for r in crate::lint::RULES {
        let m = r.meta();
        let now = c.severity(m.name, m.severity);
        let off_now = c.deselected.contains(m.name);
        let off_in_file = s.file_deselected.contains(m.name);
        let selection_file = match &c.file {
            Some(p) => Origin::File(p.clone()).to_string(),
            None => "default".into(),
        };
        let o = if off_now && off_in_file {
            format!("{selection_file}: left out by select/ignore")
        } else if off_now {
            "command line: left out by --select/--ignore".to_string()
        } else if off_in_file
            || s.file_severities.get(m.name) == Some(&crate::plan::finding::Severity::Off)
                && now != crate::plan::finding::Severity::Off
        {
            "command line: selected by --select/--extend-select".to_string()
        } else {
            origin(c, &format!("rules.{}", m.name)).to_string()
        };
        push(format!("{} = {}", m.name, q(now.as_str())), o);
    }
    push(String::new(), String::new());
    push("[leads]".into(), String::new());
    push(
        format!("vague = {}", list(&c.vague_leads)),
        origin(c, "leads.vague").to_string(),
    );
    push(String::new(), String::new());
    push("[staleness]".into(), String::new());
    push(
        format!("default_cycle = {}", q(&c.default_cycle)),
        origin(c, "staleness.default_cycle").to_string(),
    );
    push(
        format!("grace_days = {}", c.stale_grace_days),
        origin(c, "staleness.grace_days").to_string(),
    );
    push(
        format!("amber_drift_days = {}", c.amber_drift_days),
        origin(c, "staleness.amber_drift_days").to_string(),
    );
    push(String::new(), String::new());
    push("[dates]".into(), String::new());
    push(
        format!("years_before = {}", c.years_before),
        origin(c, "dates.years_before").to_string(),
    );
    push(
        format!("years_after = {}", c.years_after),
        origin(c, "dates.years_after").to_string(),
    );
    push(String::new(), String::new());
    push(
        "[check]  # command line and environment only".into(),
        String::new(),
    );
    let format_name = clap::ValueEnum::to_possible_value(&s.format.0)
        .map(|v| v.get_name().to_string())
        .unwrap_or_default();
    push(
        format!("format = {}", q(&format_name)),
        s.format.1.to_string(),
    );
    push(
        format!("color = {}", s.color.0),
        color_reason(s.color.0, &s.color.1),
    );
    push(format!("as_of = {}", s.as_of.0), s.as_of.1.to_string());
    let width = lines
        .iter()
        .filter(|(_, o)| !o.is_empty())
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    let mut out = String::new();
    for (k, o) in lines {
        if o.is_empty() {
            out.push_str(&k);
        } else {
            out.push_str(&format!("{k:<width$}  # {o}"));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<OsString> {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn colour_precedence_flag_then_no_color_then_force_then_dumb_then_tty() {
        let c = |flag, tty, vars| color_in(flag, tty, &env(vars)).0;
        assert!(c(Color::Always, false, &[("NO_COLOR", "1")]));
        assert!(!c(Color::Never, true, &[("FORCE_COLOR", "1")]));
        assert!(!c(
            Color::Auto,
            true,
            &[("NO_COLOR", "1"), ("FORCE_COLOR", "1")]
        ));
        assert!(c(
            Color::Auto,
            false,
            &[("NO_COLOR", ""), ("FORCE_COLOR", "1")]
        ));
        assert!(c(
            Color::Auto,
            false,
            &[("CLICOLOR_FORCE", "1"), ("TERM", "dumb")]
        ));
        assert!(!c(Color::Auto, false, &[("FORCE_COLOR", "0")]));
        assert!(!c(Color::Auto, true, &[("TERM", "dumb")]));
        assert!(c(Color::Auto, true, &[]));
        assert!(!c(Color::Auto, false, &[]));
    }

    #[test]
    fn a_bad_output_format_in_the_environment_names_the_variable() {
        let e = check_format_in(None, false, &env(&[("PLANLINT_OUTPUT_FORMAT", "xml")]))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("PLANLINT_OUTPUT_FORMAT") && e.contains("concise"),
            "{e}"
        );
        let (f, o) =
            check_format_in(None, false, &env(&[("PLANLINT_OUTPUT_FORMAT", "JSON")])).unwrap();
        assert_eq!(
            (f, o),
            (Format::Json, Origin::Environment(ENV_OUTPUT_FORMAT))
        );
        let (f, _) = check_format_in(
            Some(Format::Sarif),
            false,
            &env(&[("PLANLINT_OUTPUT_FORMAT", "json")]),
        )
        .unwrap();
        assert_eq!(f, Format::Sarif);
    }
}
