//! The `diff` and `history` commands: argument handling and output, over `git`, `diff` and
//! `history`. `main` only dispatches here.

use crate::cli::{DiffArgs, HistoryArgs};
use crate::git::Repo;
use crate::history::{Event, Timeline};
use crate::output::diff::{self as view, DiffView};
use crate::workspace::config::Config;
use crate::Error;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HistoryFormat {
    /// One line a change, newest first
    Text,
    /// `{plan, action, timeline: [{commit, date, author, file, event, rating, status, due}]}`
    Json,
}

fn stdout_err(source: std::io::Error) -> Error {
    Error::Io {
        path: "<stdout>".into(),
        source,
    }
}

/// Splits `FROM..TO` (either side may be empty: `v1..` is v1 to the working tree).
pub fn split_range(from: &str, to: Option<&str>) -> Result<(String, Option<String>), Error> {
    match from.split_once("..") {
        Some(_) if to.is_some() => Err(Error::Usage(
            "give either `FROM..TO` or `FROM TO`, not both".into(),
        )),
        Some((a, b)) => {
            let a = if a.is_empty() { "HEAD" } else { a };
            let b = b.strip_prefix('.').unwrap_or(b);
            Ok((a.to_string(), (!b.is_empty()).then(|| b.to_string())))
        }
        None => Ok((from.to_string(), to.map(str::to_string))),
    }
}

/// `planlint diff FROM [TO]`: exit 0 with the changes, 2 when a revision is unknown or a
/// changed plan could not be read (named on stderr; the rest of the diff is still shown).
pub fn diff(config: &Config, args: DiffArgs, color: bool) -> Result<ExitCode, Error> {
    let (from, to) = split_range(&args.from, args.to.as_deref())?;
    let repo = Repo::open(config)?;
    let from = repo.side(Some(&from))?;
    let to = repo.side(to.as_deref())?;
    let d = repo.diff(from, to, config)?;
    let mut out = std::io::stdout().lock();
    view::render(
        &DiffView {
            from: &d.from,
            to: &d.to,
            changes: &d.changes,
        },
        args.format,
        color,
        &mut out,
    )
    .and_then(|()| out.flush())
    .map_err(stdout_err)?;
    for u in &d.unreadable {
        eprintln!("planlint: error: cannot read plan {u}; it is left out of the diff");
    }
    Ok(if d.unreadable.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// `planlint history ACTION-ID [--plan ID]`.
pub fn history(config: &Config, args: HistoryArgs) -> Result<ExitCode, Error> {
    let repo = Repo::open(config)?;
    let start = repo.resolve(&args.rev)?;
    let t = crate::history::timeline(
        &repo,
        config,
        start.commit,
        &args.action,
        args.plan.as_deref(),
    )?;
    let mut out = std::io::stdout().lock();
    match args.format {
        HistoryFormat::Json => serde_json::to_writer_pretty(&mut out, &t)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out)),
        HistoryFormat::Text => out.write_all(history_text(&t).as_bytes()),
    }
    .and_then(|()| out.flush())
    .map_err(stdout_err)?;
    Ok(ExitCode::SUCCESS)
}

fn history_text(t: &Timeline) -> String {
    let mut s = format!(
        "action {} of plan {}: {} change{}, newest first\n",
        t.action,
        t.plan,
        t.timeline.len(),
        if t.timeline.len() == 1 { "" } else { "s" }
    );
    let v = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    for p in &t.timeline {
        let what = match p.event {
            Event::Removed => "removed".to_string(),
            e => format!(
                "{:<7} rating {:<6} status {:<11} due {}",
                if e == Event::Added {
                    "added"
                } else {
                    "changed"
                },
                v(&p.rating),
                v(&p.status),
                v(&p.due)
            ),
        };
        s.push_str(&format!(
            "{}  {}  {:<16} {what}  ({})\n",
            p.date,
            &p.commit[..p.commit.len().min(7)],
            p.author,
            p.file
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_split_on_two_dots() {
        assert_eq!(
            split_range("v1..v2", None).unwrap(),
            ("v1".into(), Some("v2".into()))
        );
        assert_eq!(split_range("v1..", None).unwrap(), ("v1".into(), None));
        assert_eq!(
            split_range("v1...v2", None).unwrap(),
            ("v1".into(), Some("v2".into()))
        );
        assert_eq!(
            split_range("v1", Some("v2")).unwrap(),
            ("v1".into(), Some("v2".into()))
        );
        assert!(split_range("a..b", Some("c")).is_err());
    }
}
