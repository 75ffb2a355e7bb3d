//! Issue 20, the cache and the history reader: a repository someone hands you (a tarball, a
//! clone with a committed hostile plan) must not make a read-only command delete git's files,
//! allocate without bound or crash. The real binary, real git repositories.

use crate::common::{git, planlint_git as planlint};
use std::path::Path;

/// The cache's format folder (`.git/planlint-cache/v3`), as a user sees it.
const FORMAT: &str = "v3";

fn plan(rag: &str, n: usize) -> String {
    format!(
        "schema_version = 1\n\n[plan]\nid = \"p\"\ntitle = \"A plan\"\n\n[[actions]]\nid = \"1\"\ntitle = \"Do the thing\"\nleads = [\"Programme lead\"]\ndue = 2016-03-31\nrag = \"{rag}\"\n\n[[actions.updates]]\ndate = 2015-0{n}-01\ntext = \"update {n}\"\n"
    )
}

/// A repository with a few commits of one plan, packed by `git gc`.
fn packed_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    std::fs::create_dir(d.join("plans")).expect("mkdir");
    for (n, rag) in [(1, "green"), (2, "amber"), (3, "amber")] {
        std::fs::write(d.join("plans/p.toml"), plan(rag, n)).expect("write");
        git(d, &["add", "."]);
        git(d, &["commit", "-q", "-m", &format!("cycle {n}")]);
    }
    git(d, &["gc", "-q"]);
    dir
}

fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| {
            let e = e.expect("entry");
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    out.sort();
    out
}

#[cfg(unix)]
#[test]
fn a_cache_folder_linked_to_gits_packs_deletes_nothing_and_is_not_used() {
    for linked in [
        ".git/planlint-cache".to_string(),
        format!(".git/planlint-cache/{FORMAT}"),
        format!(".git/planlint-cache/{FORMAT}/packs"),
    ] {
        let dir = packed_repo();
        let d = dir.path();
        let git_packs = d.join(".git/objects/pack");
        let before = files_in(&git_packs);
        assert!(
            before.iter().any(|(n, _)| n.ends_with(".pack")),
            "{before:?}"
        );
        // the link points at git's pack folder from the level the tarball chose
        let link = d.join(&linked);
        std::fs::create_dir_all(link.parent().expect("parent")).expect("mkdir");
        let target = if linked.ends_with("packs") {
            git_packs.clone()
        } else {
            // the whole cache (or its format folder) elsewhere, its packs folder in git's
            let outside = d.join("outside");
            let inner = if linked.ends_with(FORMAT) {
                outside.clone()
            } else {
                outside.join(FORMAT)
            };
            std::fs::create_dir_all(&inner).expect("mkdir");
            std::os::unix::fs::symlink(&git_packs, inner.join("packs")).expect("symlink");
            outside
        };
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        for args in [
            &["check", "--as-of", "2015-12-01"][..],
            &["check", "--rev", "HEAD", "--as-of", "2015-12-01"],
            &["report", "HEAD~2", "HEAD", "--as-of", "2015-12-01"],
        ] {
            let out = planlint(d).args(args).output().expect("run");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "{linked} {args:?}: {err}"
            );
            assert!(
                err.contains("the history cache was not used")
                    && err.contains("is a symbolic link"),
                "{linked} {args:?}: {err}"
            );
        }
        assert_eq!(
            files_in(&git_packs),
            before,
            "{linked}: git's packs changed"
        );
        git(d, &["fsck", "--strict"]);
        git(d, &["log", "--oneline"]);
    }
}

#[test]
fn a_file_named_like_a_pack_that_planlint_did_not_write_is_kept() {
    let dir = packed_repo();
    let d = dir.path();
    // a first run writes the cache
    planlint(d)
        .args(["check", "--as-of", "2015-12-01"])
        .output()
        .expect("run");
    let packs = d.join(format!(".git/planlint-cache/{FORMAT}/packs"));
    let foreign = packs.join(format!("{}.pack", "0".repeat(40)));
    std::fs::write(&foreign, b"PACK someone else's").expect("write");
    // a new cycle: its blobs are looked up in the cache
    std::fs::write(d.join("plans/p.toml"), plan("red", 4)).expect("write");
    git(d, &["commit", "-q", "-am", "cycle 4"]);
    let before = files_in(&packs);
    let out = planlint(d)
        .args(["check", "--as-of", "2015-12-01"])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is not a pack planlint wrote") && err.contains("planlint clean"),
        "{err}"
    );
    assert_eq!(files_in(&packs), before);
}

#[test]
fn a_committed_deeply_nested_plan_is_a_syntax_finding_not_a_crash() {
    // issue 20: one merged pull request broke every later check, check --rev and report
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    std::fs::create_dir(d.join("plans")).expect("mkdir");
    std::fs::write(d.join("plans/p.toml"), plan("green", 1)).expect("write");
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "first"]);
    let depth = 50_000;
    let nested = format!(
        "{}\n[[actions]]\nid = \"2\"\ntitle = \"Deep\"\nleads = [\"Lead\"]\noutcomes = {}{}\n",
        plan("green", 2),
        "[".repeat(depth),
        "]".repeat(depth)
    );
    std::fs::write(d.join("plans/p.toml"), nested).expect("write");
    git(d, &["commit", "-q", "-am", "deep"]);
    for args in [
        &["check", "--as-of", "2015-12-01"][..],
        &["check", "--rev", "HEAD", "--as-of", "2015-12-01"],
    ] {
        let out = planlint(d).args(args).output().expect("run");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stdout}");
        assert!(stdout.contains("toml-syntax"), "{args:?}: {stdout}");
    }
    let out = planlint(d)
        .args(["report", "HEAD~1", "HEAD", "--as-of", "2015-12-01"])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
