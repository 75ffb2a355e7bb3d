//! A finding's fingerprint for code scanning (SARIF `partialFingerprints`) and GitLab's Code
//! Quality widget: a hash of its identity (`plan::finding::Identity`: plan id, action id, rule,
//! key; never its line or file name), and which occurrence of that identity it is, so two
//! findings with one identity still differ and moving text around changes nothing. The same
//! identity `check --new-from-rev` and the hook judge by, so all three agree on what is new.

use crate::lint::check::Outcome;
use std::collections::HashMap;

/// One fingerprint per finding of `outcome`, in order: 16 hex digits of the identity's hash,
/// then `:n`, the finding's occurrence of that identity (from 1, by file name and position), so
/// every fingerprint of one run is unique (GitLab requires it).
pub fn fingerprints(outcome: &Outcome) -> Vec<String> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    // occurrences count in file order, whatever order the findings are listed in
    let mut order: Vec<usize> = (0..outcome.findings.len()).collect();
    order.sort_by_key(|&i| (&outcome.findings[i].file, outcome.findings[i].span.start));
    let mut out = vec![String::new(); outcome.findings.len()];
    for i in order {
        let f = &outcome.findings[i];
        let text = outcome
            .sources
            .get(&*f.file)
            .map_or("", |s| s.text.as_str());
        let id = f.identity(text);
        let key = format!(
            "{}\0{}\0{}\0{}",
            id.plan.as_deref().unwrap_or(""),
            id.action.as_deref().unwrap_or(""),
            id.rule,
            id.field
        );
        let hash = fnv1a(key.as_bytes());
        let n = seen.entry(hash).or_default();
        *n += 1;
        out[i] = format!("{hash:016x}:{n}");
    }
    out
}

/// FNV-1a: small, stable across Rust versions and platforms (std's hasher is neither).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
