//! `planlint hook install | uninstall`: a native git pre-commit hook that runs
//! `planlint check --staged`, for repositories that do not use the pre-commit framework.
//! What it counts is decided by `check --staged`, not by the script (`check::Judge::Default`:
//! only what the commit adds once the repository has a baseline or `[hook] judge = "new"`), so
//! hooks installed by earlier versions, which are the same script, judge the same way.
//!
//! The hook is a small shell script. planlint counts a hook as its own only when the whole
//! script is one it writes (any planlint path on its `planlint=` line, given as one shell word),
//! not when a line of it merely matches: a user's hook that calls planlint, or a copy of
//! planlint's hook edited since, is somebody else's. planlint replaces or removes only its own,
//! and replaces another only when told to (`--force`), first moving that one to a fresh backup
//! name (`pre-commit.planlint-backup`, then `.1`, `.2`, …) so no earlier backup is ever
//! overwritten; `uninstall` puts the newest back.

use crate::Error;
use std::path::Path;

/// The line that names a hook as planlint's to the person reading it. It alone does not make a
/// hook planlint's (`is_ours` compares the whole script); keep it as it is all the same, so the
/// hooks earlier versions wrote stay recognised.
pub const MARKER: &str = "# planlint-managed-hook";

const HOOK: &str = "pre-commit";
const BACKUP: &str = "pre-commit.planlint-backup";

/// The `planlint=` line of the script, before the path.
const EXE_LINE: &str = "planlint=";

/// The hook script. `exe` is the planlint that installs it: used when it still exists (so a
/// hook installed from a build that is not on PATH works), else `planlint` from PATH. A path
/// with a control character counts as none: the hook runs under any `sh`, and dash has no way
/// to write one (`plan::escape::shell_word` would use `$'…'`).
pub fn script(exe: Option<&Path>) -> String {
    let exe = exe
        .and_then(|p| p.to_str())
        .filter(|s| !s.chars().any(crate::plan::escape::is_unsafe))
        .map_or_else(|| "''".to_string(), crate::plan::escape::shell_word);
    format!(
        r#"#!/bin/sh
{MARKER} (written by `planlint hook install`; `planlint hook uninstall` removes it)
# Checks the plans being committed, as staged, and refuses the commit when one has an error
# finding. Skip it once with `git commit --no-verify`.
planlint={exe}
if [ ! -x "$planlint" ]; then
  if command -v planlint >/dev/null 2>&1; then
    planlint=planlint
  else
    echo "planlint pre-commit hook: planlint is not installed; install it (cargo install planlint) or remove this hook with 'planlint hook uninstall'" >&2
    exit 1
  fi
fi
exec "$planlint" check --staged
"#
    )
}

/// Whether `text` is a hook planlint wrote: the script exactly, whatever path its `planlint=`
/// line holds, as long as that path is one shell word (so nothing else can run from that line).
fn is_ours(text: &str) -> bool {
    let template = script(None);
    let Some(start) = text
        .find(&format!("\n{EXE_LINE}"))
        .map(|i| i + 1 + EXE_LINE.len())
    else {
        return false;
    };
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    is_one_word(&text[start..end]) && format!("{}''{}", &text[..start], &text[end..]) == template
}

/// Whether `w` is one shell word with nothing in it the shell would act on: plain characters
/// (those `shell_word` leaves bare), whole single-quoted runs, and `\'`. Every path quoted by
/// `shell_word` (or by planlint 0.2's always-quoting) is one.
fn is_one_word(w: &str) -> bool {
    if w.is_empty() {
        return false;
    }
    let mut rest = w;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('\'') {
            let Some(close) = r.find('\'') else {
                return false;
            };
            rest = &r[close + 1..];
        } else if let Some(r) = rest.strip_prefix("\\'") {
            rest = r;
        } else {
            let plain = rest
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || b"-_./:@=+,%".contains(b))
                .count();
            if plain == 0 {
                return false;
            }
            rest = &rest[plain..];
        }
    }
    true
}

/// The first backup name free in `dir`: every hook `install --force` replaced keeps its own.
fn fresh_backup(dir: &Path) -> std::path::PathBuf {
    (0..)
        .map(|n| match n {
            0 => dir.join(BACKUP),
            n => dir.join(format!("{BACKUP}.{n}")),
        })
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| dir.join(BACKUP))
}

/// The newest backup in `dir` (the highest number), which `uninstall` puts back.
fn newest_backup(dir: &Path) -> Option<std::path::PathBuf> {
    let mut newest = None;
    for n in 0.. {
        let p = match n {
            0 => dir.join(BACKUP),
            n => dir.join(format!("{BACKUP}.{n}")),
        };
        if std::fs::symlink_metadata(&p).is_err() {
            break;
        }
        newest = Some(p);
    }
    newest
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes the hook; returns what to tell the user.
pub fn install(start: &Path, force: bool, exe: Option<&Path>) -> Result<String, Error> {
    let dir = crate::git::hooks_dir(start)?;
    let hook = dir.join(HOOK);
    let text = script(exe);
    let mut note = String::new();
    match std::fs::read(&hook) {
        Ok(existing) => {
            let existing = String::from_utf8_lossy(&existing);
            if existing == text {
                return Ok(format!(
                    "the planlint pre-commit hook is already installed at {}\n",
                    hook.display()
                ));
            }
            if !is_ours(&existing) {
                let backup = fresh_backup(&dir);
                if !force {
                    return Err(Error::Usage(format!(
                        "{} already exists and {}; leaving it as it is. \
                         Run `planlint hook install --force` to replace it (it is kept as {}), \
                         or call `planlint check --staged` from it yourself",
                        hook.display(),
                        not_ours_why(&existing),
                        backup.display()
                    )));
                }
                std::fs::rename(&hook, &backup).map_err(io(&hook))?;
                note = format!(
                    "kept the previous hook as {} (`planlint hook uninstall` puts it back)\n",
                    backup.display()
                );
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        }
        Err(e) => return Err(io(&hook)(e)),
    }
    crate::workspace::files::write_atomic(&hook, text.as_bytes())?;
    make_executable(&hook)?;
    Ok(format!(
        "{note}installed the planlint pre-commit hook at {}: each commit now runs `planlint check --staged`\n",
        hook.display()
    ))
}

/// Removes the hook if it is planlint's, putting back the one `install --force` replaced.
pub fn uninstall(start: &Path) -> Result<String, Error> {
    let dir = crate::git::hooks_dir(start)?;
    let hook = dir.join(HOOK);
    let existing = match std::fs::read(&hook) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(format!(
                "no pre-commit hook at {}; nothing to remove\n",
                hook.display()
            ))
        }
        Err(e) => return Err(io(&hook)(e)),
    };
    if !is_ours(&existing) {
        return Err(Error::Usage(format!(
            "{} {}; leaving it as it is",
            hook.display(),
            not_ours_why(&existing)
        )));
    }
    std::fs::remove_file(&hook).map_err(io(&hook))?;
    if let Some(backup) = newest_backup(&dir) {
        std::fs::rename(&backup, &hook).map_err(io(&backup))?;
        return Ok(format!(
            "removed the planlint pre-commit hook and put back the previous one at {}\n",
            hook.display()
        ));
    }
    Ok(format!(
        "removed the planlint pre-commit hook from {}\n",
        hook.display()
    ))
}

/// Why a hook is not planlint's, in the words of the refusal.
fn not_ours_why(text: &str) -> &'static str {
    if text.contains(MARKER) {
        "carries planlint's marker line but is not the hook planlint writes (it was changed since, or written by hand)"
    } else {
        "was not written by planlint"
    }
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<(), Error> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).map_err(io(path))
}

#[cfg(not(unix))]
fn make_executable(_path: &Path) -> Result<(), Error> {
    // git for Windows runs hooks through its own sh; no mode bit to set
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_carries_the_marker_and_runs_check_staged() {
        let s = script(Some(Path::new("/opt/it's/planlint")));
        assert!(s.starts_with("#!/bin/sh\n# planlint-managed-hook "), "{s}");
        assert!(is_ours(&s));
        assert!(s.contains(r"planlint='/opt/it'\''s/planlint'"), "{s}");
        assert!(s.trim_end().ends_with(r#"exec "$planlint" check --staged"#));
        assert!(!is_ours("#!/bin/sh\nexec pre-commit run\n"));
    }

    #[test]
    fn only_the_whole_script_is_ours() {
        // any one-word path: bare, quoted as 0.2 quoted every path, or with a quote inside
        assert!(is_ours(&script(None)));
        assert!(is_ours(&script(Some(Path::new("/usr/local/bin/planlint")))));
        let v02 = script(None).replace("planlint=''", "planlint='/usr/local/bin/planlint'");
        assert!(is_ours(&v02));
        // the marker line in a hook of the user's own
        let mine = format!("#!/bin/sh\n{MARKER}\nmake lint && planlint check --staged\n");
        assert!(!is_ours(&mine));
        // planlint's hook, changed since
        assert!(!is_ours(&format!("{}echo more\n", script(None))));
        assert!(!is_ours(&script(None).replace("check --staged", "check")));
        // something else run from the planlint= line
        for line in [
            "'x'; rm -rf ~",
            "x;y",
            "'x' y",
            "$(id)",
            "`id`",
            "'x",
            "~/p",
            "",
        ] {
            let s = script(None).replace("planlint=''", &format!("planlint={line}"));
            assert!(!is_ours(&s), "{line}");
        }
        // a path with a control character is left out: dash could not read it back
        assert_eq!(script(Some(Path::new("/a\u{1b}b"))), script(None));
    }
}
