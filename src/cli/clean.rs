//! `planlint clean`: removes the history cache (`git::cache`) of the repository planlint runs in.
//! It needs no configuration, so a broken `planlint.toml` does not stop it.

use crate::git::Repo;
use crate::Error;
use std::process::ExitCode;

/// `planlint clean`.
pub fn run() -> Result<ExitCode, Error> {
    let here = std::env::current_dir().map_err(|source| Error::Io {
        path: ".".into(),
        source,
    })?;
    let repo = Repo::open_at(&here, Default::default())?;
    let gone = repo.clean_cache()?;
    let said = if gone.is_empty() {
        "no history cache to remove\n".to_string()
    } else {
        // the cache, and any folder an interrupted clean left aside
        let names: Vec<String> = gone.iter().map(|d| d.display().to_string()).collect();
        format!("removed the history cache ({})\n", names.join(", "))
    };
    super::to_stdout(|out| out.write_all(said.as_bytes()))?;
    Ok(ExitCode::SUCCESS)
}
