//! `planlint hook install | uninstall`: a native git pre-commit hook that runs
//! `planlint check --staged`, for repositories that do not use the pre-commit framework.
//!
//! The hook is a small shell script carrying a marker line, so planlint can tell its own hook
//! from one somebody else wrote: it replaces or removes only its own, and replaces another only
//! when told to (`--force`), keeping that one as a backup that `uninstall` puts back.

use crate::Error;
use std::path::Path;

/// The line that marks a hook as planlint's. Never change it: `uninstall` of hooks written by
/// older versions looks for it.
pub const MARKER: &str = "# planlint-managed-hook";

const HOOK: &str = "pre-commit";
const BACKUP: &str = "pre-commit.planlint-backup";

/// The hook script. `exe` is the planlint that installs it: used when it still exists (so a
/// hook installed from a build that is not on PATH works), else `planlint` from PATH.
pub fn script(exe: Option<&Path>) -> String {
    let exe = exe
        .and_then(|p| p.to_str())
        .map(|s| format!("'{}'", s.replace('\'', r"'\''")))
        .unwrap_or_else(|| "''".to_string());
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

fn is_ours(text: &str) -> bool {
    text.lines().any(|l| l.starts_with(MARKER))
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
                let backup = dir.join(BACKUP);
                if !force {
                    return Err(Error::Usage(format!(
                        "{} already exists and was not written by planlint; leaving it as it is. \
                         Run `planlint hook install --force` to replace it (it is kept as {}), \
                         or call `planlint check --staged` from it yourself",
                        hook.display(),
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
            "{} was not written by planlint; leaving it as it is",
            hook.display()
        )));
    }
    std::fs::remove_file(&hook).map_err(io(&hook))?;
    let backup = dir.join(BACKUP);
    if backup.is_file() {
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
}
