//! `rust-version` in Cargo.toml is the true minimum: it is the highest `rust-version` of the
//! packages in Cargo.lock (every target and platform, the test-only ones included), so a
//! dependency update that needs a newer Rust cannot make the claim false unnoticed, and the claim
//! does not ask for more than the dependencies need.

use serde_json::Value;

/// `1.88` or `1.88.0` as numbers, to compare.
fn version(text: &str) -> Vec<u32> {
    let mut v: Vec<u32> = text
        .split('.')
        .map(|n| n.parse().expect("a rust-version is numbers"))
        .collect();
    v.resize(3, 0);
    v
}

#[test]
fn rust_version_is_the_highest_any_locked_dependency_needs() {
    let out = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
    let packages = meta["packages"].as_array().expect("packages");
    let ours = packages
        .iter()
        .find(|p| p["name"] == "planlint")
        .and_then(|p| p["rust_version"].as_str())
        .expect("Cargo.toml states a rust-version");
    let (needed, by) = packages
        .iter()
        .filter(|p| p["name"] != "planlint")
        .filter_map(|p| {
            let v = p["rust_version"].as_str()?;
            Some((version(v), format!("{} {} ({v})", p["name"], p["version"])))
        })
        .max()
        .expect("some dependency states a rust-version");
    assert_eq!(
        version(ours),
        needed,
        "Cargo.toml says rust-version = {ours}, but the locked dependencies need {by}: \
         set rust-version to that (or lock an older version of the dependency)"
    );
}
