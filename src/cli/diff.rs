//! `planlint diff FROM [TO]`: rating, status, due-date and lead changes between two revisions.

use super::DiffArgs;
use crate::git::Repo;
use crate::output::diff::{self as view, DiffView};
use crate::workspace::config::Config;
use crate::Error;
use std::process::ExitCode;

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
pub fn run(
    config: &Config,
    cache: crate::git::cache::Options,
    args: DiffArgs,
    color: bool,
) -> Result<ExitCode, Error> {
    let (from, to) = split_range(&args.from, args.to.as_deref())?;
    let repo = Repo::open(config, cache)?;
    let from = repo.side(Some(&from))?;
    let to = repo.side(to.as_deref())?;
    let d = repo.diff(from, to, config)?;
    super::emit(args.output_file.as_deref(), args.force, config, |out| {
        view::render(
            &DiffView {
                from: &d.from.endpoint(),
                to: &d.to.endpoint(),
                changes: &d.changes,
            },
            args.format,
            color,
            out,
        )
    })?;
    for n in &d.notes {
        super::term::note(n);
    }
    for u in &d.unreadable {
        super::term::error(format_args!(
            "cannot read plan {u}; it is left out of the diff"
        ));
    }
    Ok(if d.unreadable.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
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
