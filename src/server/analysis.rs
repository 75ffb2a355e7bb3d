//! One document's findings: the same check `planlint check` runs (`lint::check`), on the
//! editor's unsaved text, with the repository's other plans read from disk for the cross-plan
//! rule, and the history rules run against a `Past` gathered from git when the document is
//! opened or saved (`history::gather`), not on each keystroke.

use crate::lint::check::{history_rules, run_rules, settle, Keep, Outcome, Ruled};
use crate::lint::past::Past;
use crate::lint::Context;
use crate::plan::load::{Input, PlanFile};
use crate::workspace::config::Config;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What the server remembers of a plan on disk that is not open: its id and leads, read again
/// only when the file's modification time or size changes.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub name: String,
    pub id: Option<String>,
    pub leads: Vec<String>,
}

/// The plans on disk, by path, with the stamp they were read at.
#[derive(Default)]
pub struct Disk {
    /// Per configuration root: the plan files found by the last walk.
    targets: HashMap<PathBuf, Vec<crate::workspace::discover::Target>>,
    read: HashMap<PathBuf, (Option<SystemTime>, u64, Known)>,
}

impl Disk {
    /// Forgets the walks, so the next lint walks the repository again (a file was saved,
    /// created or deleted).
    pub fn rescan(&mut self) {
        self.targets.clear();
    }

    /// The plan files under `config`'s root (walked once, then kept until `rescan`).
    pub fn targets(&mut self, config: &Config) -> &[crate::workspace::discover::Target] {
        self.targets.entry(config.root.clone()).or_insert_with(|| {
            crate::workspace::discover::discover(config, &[]).unwrap_or_default()
        })
    }

    /// Every plan on disk under `config`'s root but `except`, as the server last read it.
    pub fn others(&mut self, config: &Config, except: &str) -> Vec<Known> {
        let targets: Vec<_> = self
            .targets(config)
            .iter()
            .filter(|t| t.name != except)
            .cloned()
            .collect();
        targets
            .iter()
            .map(|t| self.known(&t.path, &t.name))
            .collect()
    }

    fn known(&mut self, path: &Path, name: &str) -> Known {
        let meta = std::fs::metadata(path).ok();
        let stamp = (
            meta.as_ref().and_then(|m| m.modified().ok()),
            meta.as_ref().map_or(0, |m| m.len()),
        );
        if let Some((m, l, k)) = self.read.get(path) {
            if (*m, *l) == stamp && k.name == name {
                return k.clone();
            }
        }
        let known = crate::workspace::files::read_regular(path, crate::plan::load::MAX_FILE_BYTES)
            .ok()
            .and_then(|bytes| crate::plan::load::read_plan(name, &bytes).ok())
            .map_or_else(
                || Known {
                    name: name.to_string(),
                    ..Known::default()
                },
                |p| known_of(&p),
            );
        self.read
            .insert(path.to_path_buf(), (stamp.0, stamp.1, known.clone()));
        known
    }
}

/// The id and leads of a plan.
pub fn known_of(p: &PlanFile) -> Known {
    Known {
        name: p.source.name.clone(),
        id: Some(p.plan.id().to_string()),
        leads: p
            .plan
            .actions
            .iter()
            .flat_map(|a| {
                a.get_ref()
                    .lead_names()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect(),
    }
}

/// Checks one document's text as `check` would: every rule but the history ones, with `others`
/// (file, plan id) for the cross-plan rule; then the history rules against `past` when there is
/// one (gathered at the last open or save).
pub fn check_text(
    name: &str,
    text: &str,
    config: &Config,
    as_of: NaiveDate,
    others: &[(String, String)],
    past: Option<&Past>,
) -> Outcome {
    let mut ruled = rules_on_text(name, text, config, as_of);
    if let Some(past) = past {
        add_history(&mut ruled, past);
    }
    settle_text(ruled, name, others)
}

/// Every rule of the buffer's own on its text, the history rules and `allow` not yet applied
/// (see `settle_text`, which runs once the history rules have had their say).
pub fn rules_on_text<'c>(
    name: &str,
    text: &str,
    config: &'c Config,
    as_of: NaiveDate,
) -> Ruled<'c> {
    let input = Input {
        name: name.to_string(),
        bytes: Ok(text.as_bytes().to_vec()),
    };
    run_rules(vec![input], config, as_of, Keep::Every)
}

/// The findings together, with `others` (file, plan id) for the cross-plan rule, and `allow`
/// applied once, after every rule (as `check` does); only the findings placed in this file
/// kept (the other side of a duplicate is that file's to show).
pub fn settle_text(ruled: Ruled<'_>, name: &str, others: &[(String, String)]) -> Outcome {
    let (as_of, config) = (ruled.as_of(), ruled.config());
    let mut outcome = ruled.gather(others);
    settle(&mut outcome, &Context { as_of, config });
    outcome.findings.retain(|f| &*f.file == name);
    outcome
}

/// The history rules' findings against `past`, each plan's merged into its own in order.
pub fn add_history(ruled: &mut Ruled<'_>, past: &Past) {
    let rules = history_rules(&Context {
        as_of: ruled.as_of(),
        config: ruled.config(),
    });
    if !rules.is_empty() {
        ruled.check_history(&rules, past);
    }
}
