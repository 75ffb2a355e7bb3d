//! `planlint server` in process, over `lsp_server::Connection::memory()`: a client that
//! initializes, opens, edits, asks for hover, completion, code actions and formatting, and
//! shuts down, asserting what an editor would show (ranges, messages, edits, file bytes).

use crate::common;

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

/// A client talking to a server running on a thread.
struct Client {
    conn: Connection,
    server: Option<std::thread::JoinHandle<Result<(), String>>>,
    next: i32,
    /// Notifications read while waiting for something else.
    pending: Vec<Notification>,
}

const WAIT: Duration = Duration::from_secs(30);

impl Client {
    fn start(encodings: &[&str], init: Value) -> Client {
        let (server, client) = Connection::memory();
        let handle = std::thread::spawn(move || {
            planlint::server::run(&server, planlint::server::Options::default())
        });
        let mut c = Client {
            conn: client,
            server: Some(handle),
            next: 0,
            pending: Vec::new(),
        };
        let result = c.request(
            "initialize",
            json!({
                "capabilities": {"general": {"positionEncodings": encodings}},
                "initializationOptions": init,
            }),
        );
        assert_eq!(result["serverInfo"]["name"], "planlint");
        c.notify("initialized", json!({}));
        c
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.conn
            .sender
            .send(Message::Request(Request::new(
                id.clone(),
                method.into(),
                params,
            )))
            .expect("send");
        loop {
            match self.conn.receiver.recv_timeout(WAIT).expect("an answer") {
                Message::Response(r) if r.id == id => match r.response_result {
                    Ok(v) => return v,
                    Err(e) => panic!("{method}: error {}: {}", e.code, e.message),
                },
                Message::Notification(n) => self.pending.push(n),
                _ => {}
            }
        }
    }

    fn request_err(&mut self, method: &str, params: Value) -> String {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.conn
            .sender
            .send(Message::Request(Request::new(
                id.clone(),
                method.into(),
                params,
            )))
            .expect("send");
        loop {
            match self.conn.receiver.recv_timeout(WAIT).expect("an answer") {
                Message::Response(r) if r.id == id => {
                    return r.response_result.expect_err("an error").message;
                }
                Message::Notification(n) => self.pending.push(n),
                _ => {}
            }
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Message::Notification(Notification::new(
                method.into(),
                params,
            )))
            .expect("send");
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        if let Some(i) = self.pending.iter().position(|n| is_diagnostics_for(n, uri)) {
            let n = self.pending.remove(i);
            return diags(n);
        }
        loop {
            match self.conn.receiver.recv_timeout(WAIT).expect("diagnostics") {
                Message::Notification(n) if is_diagnostics_for(&n, uri) => return diags(n),
                Message::Notification(n) => self.pending.push(n),
                _ => {}
            }
        }
    }

    fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "toml", "version": 1, "text": text}}),
        );
        self.diagnostics(uri)
    }

    fn change(&mut self, uri: &str, version: i32, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
        self.diagnostics(uri)
    }

    fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let done = self
            .server
            .take()
            .expect("server")
            .join()
            .expect("no panic");
        assert_eq!(done, Ok(()));
    }
}

fn is_diagnostics_for(n: &Notification, uri: &str) -> bool {
    n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri
}

fn diags(n: Notification) -> Vec<Value> {
    n.params["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn uri_of(path: &Path) -> String {
    let path = std::fs::canonicalize(path).expect("path");
    let mut s = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                s.push(b as char)
            }
            _ => s.push_str(&format!("%{b:02X}")),
        }
    }
    s
}

/// Applies LSP text edits (UTF-8 positions: the tests below negotiate utf-8) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| -> usize {
        let line = p["line"].as_u64().unwrap() as usize;
        let ch = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + ch
    };
    let mut edits: Vec<(usize, usize, usize, String)> = edits
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (
                offset(&e["range"]["start"]),
                i,
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // from the end; inserts at one place keep the array's order (the protocol's rule)
    edits.sort_by_key(|e| std::cmp::Reverse((e.0, e.1)));
    let mut out = text.to_string();
    for (s, _, e, t) in edits {
        out.replace_range(s..e, &t);
    }
    out
}

const PLAN: &str = r#"schema_version = 1

[plan]
id = "demo"
title = "Demo plan – £2m programme"
updated = 2015-11-30

[[sections]]
id = "1"
title = "Access"

[[actions]]
id = "1"
section = "1"
title = "Open a crisis café"
leads = ["NHS Bexley CCG"]
due = "Q3 2015/16"
status = "in-progress"
rag = "Amber"

[[actions.updates]]
date = 2015-11-30
text = "Venue found"

[[actions]]
id = "2"
section = "1"
title = "Train staff"
leads = ["Public Health"]
due = "2016-03-31"
status = "not-started"
"#;

fn rules(d: &[Value]) -> Vec<String> {
    d.iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn a_session_shows_diagnostics_fixes_hover_completion_and_formatting() {
    let dir = common::repo(&[("plans/demo.toml", PLAN), ("planlint.toml", "")]);
    let uri = uri_of(&dir.path().join("plans/demo.toml"));
    let mut c = Client::start(
        &["utf-8", "utf-16"],
        json!({"asOf": "2015-12-01", "debounceMs": 0}),
    );

    let d = c.open(&uri, PLAN);
    let spelling = d
        .iter()
        .find(|d| d["code"] == "rag-spelling")
        .unwrap_or_else(|| panic!("rag-spelling in {d:#?}"))
        .clone();
    // the value, after `rag = `
    let rag_line = PLAN.lines().position(|l| l == "rag = \"Amber\"").unwrap();
    assert_eq!(rag_line, 18);
    assert_eq!(
        spelling["range"]["start"],
        json!({"line": 18, "character": 6})
    );
    assert_eq!(
        spelling["range"]["end"],
        json!({"line": 18, "character": 13})
    );
    assert_eq!(spelling["source"], "planlint");
    assert_eq!(spelling["data"]["fix"]["safe"], true);

    // the quick fix comes from the diagnostic's data
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": spelling["range"],
               "context": {"diagnostics": [spelling], "only": ["quickfix"]}}),
    );
    let actions = actions.as_array().unwrap();
    let fix = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a preferred quick fix");
    let fixed = apply(PLAN, fix["edit"]["changes"][&uri].as_array().unwrap());
    assert!(fixed.contains("rag = \"amber\""), "{fixed}");
    assert!(actions
        .iter()
        .any(|a| a["title"] == "Allow rag-spelling on action 1…"));

    // the edit goes back as a change: the finding is gone
    let d = c.change(&uri, 2, &fixed);
    assert!(!rules(&d).contains(&"rag-spelling".to_string()), "{d:#?}");

    // a broken buffer: the TOML syntax error, at its place
    let broken = fixed.replace("status = \"not-started\"", "status = ");
    let d = c.change(&uri, 3, &broken);
    assert_eq!(rules(&d), vec!["toml-syntax"], "{d:#?}");
    let d = c.change(&uri, 4, &fixed);
    assert!(!rules(&d).contains(&"toml-syntax".to_string()));

    // hover on the timescale: its date and how it was read
    let line = fixed
        .lines()
        .position(|l| l.starts_with("due = \"Q3"))
        .unwrap();
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 9}}),
    );
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("`Q3 2015/16` → **31 December 2015**"),
        "{text}"
    );
    assert!(text.contains("UK financial year quarter"), "{text}");
    // on a rating: the scale and the latest update
    let line = fixed.lines().position(|l| l.starts_with("rag = ")).unwrap();
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 8}}),
    );
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(text.contains("worst first: red, amber, green"), "{text}");
    assert!(
        text.contains("Latest update, 2015-11-30: Venue found"),
        "{text}"
    );

    // completion: ratings inside a string, statuses, sections, leads, rule names, keys
    let with_line = |text: &str, at: usize, line: &str| -> (String, usize) {
        let mut lines: Vec<&str> = text.lines().collect();
        lines.insert(at, line);
        (lines.join("\n") + "\n", at)
    };
    let complete = |c: &mut Client, text: &str, line: usize, ch: usize, v: i32| -> Vec<String> {
        c.change(&uri, v, text);
        let r = c.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": ch}}),
        );
        r.as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_string())
            .collect()
    };
    let end = fixed.lines().count();
    let (t, l) = with_line(&fixed, end, "rag = \"");
    assert_eq!(complete(&mut c, &t, l, 7, 5), vec!["red", "amber", "green"]);
    let (t, l) = with_line(&fixed, end, "section = ");
    assert_eq!(complete(&mut c, &t, l, 10, 6), vec!["1"]);
    let (t, l) = with_line(&fixed, end, "leads = [\"");
    let leads = complete(&mut c, &t, l, 10, 7);
    assert!(leads.contains(&"NHS Bexley CCG".to_string()), "{leads:?}");
    let (t, l) = with_line(&fixed, end, "allow = [\"rag-");
    assert!(complete(&mut c, &t, l, 14, 8).contains(&"rag-spelling".to_string()));
    let (t, l) = with_line(&fixed, end, "");
    let keys = complete(&mut c, &t, l, 0, 9);
    // action 2's keys: those it has not written yet
    assert!(keys.contains(&"rag".to_string()) && keys.contains(&"baseline_due".to_string()));
    assert!(
        !keys.contains(&"title".to_string()) && !keys.contains(&"due".to_string()),
        "written already: {keys:?}"
    );

    // the allow action: `allow` and an `allow_reason` to fill in
    c.change(&uri, 10, PLAN);
    let allow = actions
        .iter()
        .find(|a| a["title"] == "Allow rag-spelling on action 1…")
        .unwrap();
    let allowed = apply(PLAN, allow["edit"]["changes"][&uri].as_array().unwrap());
    assert!(allowed.contains("allow = [\"rag-spelling\"]\nallow_reason = \"TODO: say why this rule does not apply to this action\"\n"), "{allowed}");
    let d = c.change(&uri, 11, &allowed);
    assert!(!rules(&d).contains(&"rag-spelling".to_string()), "{d:#?}");

    // "Record an update…" on a past-due action (action 1 was due 31 December 2015)
    let mut late = Client::start(&["utf-8"], json!({"asOf": "2016-02-01", "debounceMs": 0}));
    late.open(&uri, &fixed);
    let line = fixed
        .lines()
        .position(|l| l.starts_with("title = \"Open"))
        .unwrap();
    let pos = json!({"line": line, "character": 0});
    let r = late.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": pos, "end": pos},
               "context": {"diagnostics": []}}),
    );
    let stub = r
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Record an update on action 1 (due 2015-12-31)…")
        .unwrap_or_else(|| panic!("{r:#?}"));
    let updated = apply(&fixed, stub["edit"]["changes"][&uri].as_array().unwrap());
    assert!(updated.contains("text = \"Venue found\"\n\n[[actions.updates]]\ndate = 2016-02-01\ntext = \"TODO: what has happened since the last update\"\n\n[[actions]]\nid = \"2\""), "{updated}");
    late.shutdown();

    // formatting: fmt's layout, and the error fmt gives on a broken file
    let messy = fixed
        .replace(
            "id = \"demo\"\ntitle",
            "title = \"Demo plan – £2m programme\"\nid = \"demo\"\nx_title",
        )
        .replace("x_title = \"Demo plan – £2m programme\"\n", "");
    c.change(&uri, 12, &messy);
    let f = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let formatted = apply(&messy, f.as_array().unwrap());
    assert!(
        formatted.contains("[plan]\nid = \"demo\"\ntitle = \"Demo plan – £2m programme\""),
        "{formatted}"
    );
    c.change(&uri, 13, "x = ");
    let e = c.request_err(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert!(!e.is_empty());
    c.shutdown();
}

#[test]
fn positions_follow_the_negotiated_encoding() {
    // "£" and "–" before the finding on its line: 2 and 3 bytes, one UTF-16 unit each
    let line = "leads = [\"£ – Team\", \"\"]";
    let plan = PLAN.replace("leads = [\"Public Health\"]", line);
    let dir = common::repo(&[("plans/demo.toml", &plan), ("planlint.toml", "")]);
    let uri = uri_of(&dir.path().join("plans/demo.toml"));
    // the finding spans the list, to the line's end
    let expect = [
        ("utf-8", line.len()),
        ("utf-16", line.encode_utf16().count()),
        ("utf-32", line.chars().count()),
    ];
    assert_eq!((expect[0].1, expect[1].1), (27, 24));
    for (enc, col) in expect {
        let mut c = Client::start(&[enc], json!({"asOf": "2015-12-01"}));
        let d = c.open(&uri, &plan);
        let empty = d
            .iter()
            .find(|d| d["code"] == "empty-lead")
            .unwrap_or_else(|| panic!("{d:#?}"));
        let end = &empty["range"]["end"];
        assert_eq!(
            plan.lines().nth(end["line"].as_u64().unwrap() as usize),
            Some(line)
        );
        assert_eq!(
            end["character"].as_u64(),
            Some(col as u64),
            "{enc}: {empty:#?}"
        );
        c.shutdown();
    }
}

#[test]
fn a_planlint_toml_change_is_picked_up_without_a_restart() {
    let dir = common::repo(&[("plans/demo.toml", PLAN), ("planlint.toml", "")]);
    let uri = uri_of(&dir.path().join("plans/demo.toml"));
    let mut c = Client::start(&["utf-16"], json!({"asOf": "2015-12-01", "debounceMs": 0}));
    assert!(rules(&c.open(&uri, PLAN)).contains(&"rag-spelling".to_string()));
    // a later modification time than the first read, even on a coarse clock
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(
        dir.path().join("planlint.toml"),
        "[rules]\nrag-spelling = \"off\"\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri_of(&dir.path().join("planlint.toml")), "type": 2}]}),
    );
    let d = c.diagnostics(&uri);
    assert!(!rules(&d).contains(&"rag-spelling".to_string()), "{d:#?}");
    c.shutdown();
}

#[test]
fn a_plan_id_used_by_a_file_on_disk_is_a_duplicate_as_you_type() {
    let other = PLAN.replace("id = \"demo\"", "id = \"other\"");
    let dir = common::repo(&[
        ("plans/demo.toml", PLAN),
        ("plans/other.toml", &other),
        ("planlint.toml", ""),
        ("notes/not-a-plan.toml", "x = 1\n"),
    ]);
    let uri = uri_of(&dir.path().join("plans/demo.toml"));
    let mut c = Client::start(&["utf-16"], json!({"asOf": "2015-12-01", "debounceMs": 0}));
    assert!(!rules(&c.open(&uri, PLAN)).contains(&"duplicate-id".to_string()));
    let d = c.change(&uri, 2, &other);
    assert!(rules(&d).contains(&"duplicate-id".to_string()), "{d:#?}");
    // a TOML file the plan globs leave out gets no diagnostics
    let notes = uri_of(&dir.path().join("notes/not-a-plan.toml"));
    assert_eq!(c.open(&notes, "x = "), Vec::<Value>::new());
    c.shutdown();
}

/// Acceptance: the server's diagnostics for the four example plans are `check --format json`'s
/// findings (rule, line, column), history rules included.
#[test]
fn diagnostics_for_the_examples_equal_check_json() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_, json) = common::check_json(root, &["examples"]);
    let mut c = Client::start(&["utf-32"], json!({"asOf": "2015-12-01", "debounceMs": 0}));
    let plans = root.join("examples/plans");
    let mut files: Vec<_> = std::fs::read_dir(&plans)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 4);
    for path in files {
        let name = format!(
            "examples/plans/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let want: BTreeSet<(String, u64, u64)> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["file"] == name.as_str())
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["line"].as_u64().unwrap(),
                    f["column"].as_u64().unwrap(),
                )
            })
            .collect();
        let text = std::fs::read_to_string(&path).unwrap();
        let got: BTreeSet<(String, u64, u64)> = c
            .open(&uri_of(&path), &text)
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["range"]["start"]["line"].as_u64().unwrap() + 1,
                    d["range"]["start"]["character"].as_u64().unwrap() + 1,
                )
            })
            .collect();
        assert!(!want.is_empty(), "{name}: the examples have findings");
        assert_eq!(got, want, "{name}");
    }
    c.shutdown();
}

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Programme Office")
        .env("GIT_AUTHOR_EMAIL", "po@example.org")
        .env("GIT_COMMITTER_NAME", "Programme Office")
        .env("GIT_COMMITTER_EMAIL", "po@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}");
}

/// The history rules read git on open and save (not on each keystroke): a due date moved later,
/// with no baseline_due and no update saying why, is a silent reschedule against HEAD once the
/// plan is saved, at the line `check` reports; later edits keep it in place.
#[test]
fn history_rules_run_on_save_against_head() {
    let dir = common::repo(&[("plans/demo.toml", PLAN), ("planlint.toml", "")]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-qm", "plan"]);
    let path = dir.path().join("plans/demo.toml");
    let uri = uri_of(&path);
    let mut c = Client::start(&["utf-8"], json!({"asOf": "2015-12-01", "debounceMs": 0}));
    assert!(!rules(&c.open(&uri, PLAN)).contains(&"silent-reschedule".to_string()));
    let moved = PLAN.replace("due = \"2016-03-31\"", "due = \"2016-09-30\"");
    c.change(&uri, 2, &moved);
    std::fs::write(&path, &moved).unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let d = c.diagnostics(&uri);
    let line = moved
        .lines()
        .position(|l| l == "due = \"2016-09-30\"")
        .unwrap();
    let at = |d: &[Value]| {
        d.iter()
            .find(|d| d["code"] == "silent-reschedule")
            .map(|d| d["range"]["start"]["line"].as_u64().unwrap() as usize)
    };
    assert_eq!(at(&d), Some(line), "{d:#?}");
    // the command line on the saved file says the same
    let (_, json) = common::check_json(dir.path(), &[]);
    assert!(json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "silent-reschedule" && f["line"] == line + 1));
    // a line added above: the finding follows its line as you type
    let d = c.change(&uri, 3, &format!("# a comment\n{moved}"));
    assert_eq!(at(&d), Some(line + 1), "{d:#?}");
    c.shutdown();
}

/// `source.fixAll.planlint` writes what `check --fix` writes (every safe fix, in passes).
#[test]
fn fix_all_equals_check_fix() {
    let plan = PLAN.replace(
        "leads = [\"Public Health\"]",
        "leads = [\"Public Health\", \"\"]",
    );
    let dir = common::repo(&[("plans/demo.toml", &plan), ("planlint.toml", "")]);
    let uri = uri_of(&dir.path().join("plans/demo.toml"));
    let mut c = Client::start(&["utf-16"], json!({"asOf": "2015-12-01", "debounceMs": 0}));
    let d = c.open(&uri, &plan);
    assert!(
        rules(&d).contains(&"empty-lead".to_string())
            && rules(&d).contains(&"rag-spelling".to_string())
    );
    let pos = json!({"line": 0, "character": 0});
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": pos, "end": pos},
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let actions = r.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{r:#?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.planlint");
    // the plan is ASCII up to the edits' lines but for "–" and "£" (one UTF-16 unit each)
    let edits = actions[0]["edit"]["changes"][&uri].as_array().unwrap();
    let fixed = apply_utf16(&plan, edits);
    common::planlint(dir.path())
        .args(["check", "--fix", "--as-of", "2015-12-01"])
        .output()
        .unwrap();
    let by_check = std::fs::read_to_string(dir.path().join("plans/demo.toml")).unwrap();
    assert_ne!(by_check, plan);
    assert_eq!(fixed, by_check);
    c.shutdown();
}

/// `apply` for UTF-16 positions.
fn apply_utf16(text: &str, edits: &[Value]) -> String {
    let to_utf8 = |p: &Value| -> Value {
        let line = p["line"].as_u64().unwrap() as usize;
        let ch = p["character"].as_u64().unwrap() as usize;
        let l = text.split_inclusive('\n').nth(line).unwrap_or("");
        let mut units = 0;
        let mut bytes = l.len();
        for (i, c) in l.char_indices() {
            if units >= ch {
                bytes = i;
                break;
            }
            units += c.len_utf16();
        }
        json!({"line": line, "character": bytes.min(l.len())})
    };
    let edits: Vec<Value> = edits
        .iter()
        .map(|e| {
            json!({"range": {"start": to_utf8(&e["range"]["start"]), "end": to_utf8(&e["range"]["end"])},
                   "newText": e["newText"]})
        })
        .collect();
    apply(text, &edits)
}

#[test]
fn a_client_declaring_a_huge_message_gets_a_clear_end_not_a_runaway() {
    // a new user's trial: `Content-Length: 99999999999` made the server allocate without
    // limit (5.9 GB after 30 s) and hang after its input had ended
    let dir = tempfile::tempdir().expect("dir");
    let out = common::planlint(dir.path())
        .arg("server")
        .write_stdin("Content-Length: 99999999999\r\n\r\n{}")
        .timeout(Duration::from_secs(20))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ended inside a message"), "{err}");
}
