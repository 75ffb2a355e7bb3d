//! `planlint server`: a language server over stdio (or any `lsp_server::Connection`), a thin
//! shell over the library `check` uses. Diagnostics on the unsaved buffer (every rule, at the
//! ranges `check` reports, each diagnostic's fix in its `data`), hover (timescales, ratings,
//! findings' rule docs), completion (keys, ratings, statuses, sections, leads, rule names),
//! code actions (the rules' fixes, `source.fixAll.planlint`, `allow`, an update stub) and
//! formatting (`planlint fmt`'s layout).
//!
//! Synchronous, as rust-analyzer's `lsp-server` is meant to be used: one loop reads messages;
//! edits mark a document dirty and it is checked once no edit has come for `debounce` (or
//! before a request about it is answered). Full-document sync: plans are small.
//!
//! May use: `lint`, `plan`, `workspace` (the check, as `check` makes it), `edit` (fixes' text,
//! `locate`, `format`), `git` (only in `history`: the past for the history rules).

mod actions;
mod analysis;
mod completion;
pub mod encoding;
mod history;
mod hover;
mod transport;
mod uri;

use crate::lint::past::Past;
use crate::plan::finding::{Finding, Severity};
use crate::plan::load::PlanFile;
use crate::workspace::config::Config;
use analysis::Disk;
use chrono::NaiveDate;
use crossbeam_channel::RecvTimeoutError;
use encoding::{Encoding, Lines};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

/// What the command line (or a test) sets.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The date the rules judge by (default: today, read at each check).
    pub as_of: Option<NaiveDate>,
    /// `--config FILE`: this configuration for every plan, instead of the `planlint.toml`
    /// found walking up from each.
    pub config: Option<PathBuf>,
}

/// The client's `initializationOptions` the server reads (all optional).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct InitOptions {
    /// `YYYY-MM-DD`: the date the rules judge by.
    as_of: Option<NaiveDate>,
    /// Milliseconds to wait after an edit before checking (default 50).
    debounce_ms: Option<u64>,
}

/// Runs the server on stdin and stdout until the client says `exit`.
pub fn run_stdio(options: Options) -> Result<(), String> {
    let (connection, threads) = transport::stdio();
    let done = run(&connection, options);
    // the writer thread ends when the connection's sender is gone
    drop(connection);
    let joined = threads.join();
    match (done, joined) {
        // the reader says why the input stopped (cut inside a message, say), which is why the
        // session lost its client
        (Err(_), Err(why)) => Err(why),
        (done, joined) => done.and(joined),
    }
}

/// Runs the server on a connection: `initialize`, then messages until `shutdown` and `exit`.
pub fn run(connection: &Connection, options: Options) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: lsp::InitializeParams =
        serde_json::from_value(params).map_err(|e| format!("initialize: {e}"))?;
    let encoding = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let init: InitOptions = params
        .initialization_options
        .clone()
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    let result = lsp::InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(lsp::ServerInfo {
            name: "planlint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    connection
        .initialize_finish(id, serde_json::to_value(result).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    let watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    let mut server = Server {
        connection,
        encoding,
        as_of: init.as_of.or(options.as_of),
        debounce: Duration::from_millis(init.debounce_ms.unwrap_or(50)),
        docs: HashMap::new(),
        disk: Disk::default(),
        dirty: BTreeMap::new(),
        next_request: 0,
        config_file: options.config,
    };
    if watch {
        server.watch_configuration();
    }
    server.main_loop()
}

fn capabilities(encoding: Encoding) -> lsp::ServerCapabilities {
    use lsp::*;
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), "=".into(), " ".into()]),
            ..Default::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(actions::FIX_ALL),
                CodeActionKind::SOURCE_FIX_ALL,
            ]),
            resolve_provider: Some(false),
            work_done_progress_options: Default::default(),
        })),
        document_formatting_provider: Some(OneOf::Left(true)),
        ..Default::default()
    }
}

/// An open document.
struct Doc {
    uri: lsp::Uri,
    text: String,
    version: i32,
    /// The file on disk, for a `file:` URI.
    path: Option<PathBuf>,
    /// The configuration that applies, and the stamp of its file when it was read.
    config: Option<Arc<Config>>,
    config_stamp: Option<SystemTime>,
    /// Why there is no configuration (shown once).
    config_error: Option<String>,
    /// The name findings show (root-relative), and whether the globs make it a plan.
    name: String,
    plan: bool,
    /// The last check's findings, and the plan from the last text that was valid.
    findings: Vec<Finding>,
    plan_file: Option<PlanFile>,
    /// The history rules' past, from the last open or save.
    past: Option<Arc<Past>>,
}

impl Doc {
    /// The plan parsed from exactly this text (hover and completion read it only then).
    fn current_plan(&self) -> Option<&PlanFile> {
        self.plan_file
            .as_ref()
            .filter(|p| p.source.text == self.text)
    }
}

struct Server<'c> {
    connection: &'c Connection,
    encoding: Encoding,
    as_of: Option<NaiveDate>,
    debounce: Duration,
    docs: HashMap<String, Doc>,
    disk: Disk,
    /// Documents edited and not checked yet, with the time of their last edit.
    dirty: BTreeMap<String, Instant>,
    next_request: i32,
    config_file: Option<PathBuf>,
}

impl Server<'_> {
    fn main_loop(&mut self) -> Result<(), String> {
        loop {
            let msg = match self.dirty.values().min() {
                None => match self.connection.receiver.recv() {
                    Ok(m) => m,
                    Err(_) => return Ok(()),
                },
                Some(&first) => {
                    let wait = (first + self.debounce).saturating_duration_since(Instant::now());
                    match self.connection.receiver.recv_timeout(wait) {
                        Ok(m) => m,
                        Err(RecvTimeoutError::Timeout) => {
                            self.check_dirty();
                            continue;
                        }
                        Err(RecvTimeoutError::Disconnected) => return Ok(()),
                    }
                }
            };
            match msg {
                Message::Request(req) => {
                    if self
                        .connection
                        .handle_shutdown(&req)
                        .map_err(|e| e.to_string())?
                    {
                        return Ok(());
                    }
                    let resp = self.request(req);
                    self.send(Message::Response(resp));
                }
                Message::Notification(n) => self.notification(n),
                Message::Response(_) => {}
            }
        }
    }

    fn send(&self, msg: Message) {
        // the client went away: the loop ends at the next receive
        let _ = self.connection.sender.send(msg);
    }

    fn as_of(&self) -> NaiveDate {
        self.as_of
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// Asks the client to tell the server when a `planlint.toml` changes.
    fn watch_configuration(&mut self) {
        let options = lsp::DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![
                lsp::FileSystemWatcher {
                    glob_pattern: lsp::GlobPattern::String("**/planlint.toml".into()),
                    kind: None,
                },
                lsp::FileSystemWatcher {
                    glob_pattern: lsp::GlobPattern::String("**/*.toml".into()),
                    kind: Some(lsp::WatchKind::Create | lsp::WatchKind::Delete),
                },
            ],
        };
        let params = lsp::RegistrationParams {
            registrations: vec![lsp::Registration {
                id: "planlint-watch".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_request += 1;
        self.send(Message::Request(Request::new(
            RequestId::from(self.next_request),
            "client/registerCapability".into(),
            params,
        )));
    }

    fn notification(&mut self, n: Notification) {
        use lsp::notification::*;
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                {
                    let d = p.text_document;
                    let key = d.uri.as_str().to_string();
                    let path = uri::to_path(&d.uri);
                    let mut doc = Doc {
                        uri: d.uri,
                        text: d.text,
                        version: d.version,
                        path,
                        config: None,
                        config_stamp: None,
                        config_error: None,
                        name: String::new(),
                        plan: false,
                        findings: Vec::new(),
                        plan_file: None,
                        past: None,
                    };
                    self.configure(&mut doc);
                    self.docs.insert(key.clone(), doc);
                    self.check(&key, true);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp::DidChangeTextDocumentParams>(DidChangeTextDocument::METHOD)
                {
                    let key = p.text_document.uri.as_str().to_string();
                    if let Some(doc) = self.docs.get_mut(&key) {
                        // full sync: the last change holds the whole text
                        if let Some(c) = p.content_changes.into_iter().last() {
                            doc.text = c.text;
                        }
                        doc.version = p.text_document.version;
                        self.dirty.insert(key, Instant::now());
                    }
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp::DidSaveTextDocumentParams>(DidSaveTextDocument::METHOD)
                {
                    let key = p.text_document.uri.as_str().to_string();
                    self.disk.rescan();
                    if key.ends_with("/planlint.toml") {
                        self.reconfigure();
                    } else if self.docs.contains_key(&key) {
                        if let (Some(text), Some(doc)) = (p.text, self.docs.get_mut(&key)) {
                            doc.text = text;
                        }
                        self.dirty.remove(&key);
                        self.check(&key, true);
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                {
                    let key = p.text_document.uri.as_str().to_string();
                    self.dirty.remove(&key);
                    if let Some(doc) = self.docs.remove(&key) {
                        self.publish(&doc.uri, Vec::new(), None);
                    }
                }
            }
            DidChangeWatchedFiles::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp::DidChangeWatchedFilesParams>(DidChangeWatchedFiles::METHOD)
                {
                    self.disk.rescan();
                    if p.changes
                        .iter()
                        .any(|c| c.uri.as_str().ends_with("/planlint.toml"))
                    {
                        self.reconfigure();
                    }
                }
            }
            DidChangeConfiguration::METHOD => self.reconfigure(),
            _ => {}
        }
    }

    /// Reads the configuration again for every open document, and checks them all.
    fn reconfigure(&mut self) {
        let keys: Vec<String> = self.docs.keys().cloned().collect();
        for key in keys {
            if let Some(mut doc) = self.docs.remove(&key) {
                doc.config = None;
                doc.config_error = None;
                self.configure(&mut doc);
                self.docs.insert(key.clone(), doc);
                self.check(&key, false);
            }
        }
    }

    /// Finds the document's configuration (walking up from its folder, as `check` does), its
    /// name and whether the plan globs take it in.
    fn configure(&mut self, doc: &mut Doc) {
        let Some(path) = &doc.path else {
            doc.plan = false;
            return;
        };
        let dir = path.parent().unwrap_or(path);
        let found = match &self.config_file {
            Some(file) => Config::load(file, &crate::lint::names()),
            None => Config::discover(dir, &crate::lint::names()),
        };
        match found {
            Ok(config) => {
                doc.config_stamp = config_stamp(&config);
                doc.name = crate::workspace::discover::display_name(&config.repo_root, path);
                let rel = crate::workspace::discover::display_name(&config.root, path);
                doc.plan = config.is_plan(&rel);
                doc.config = Some(Arc::new(config));
                doc.config_error = None;
            }
            Err(e) => {
                let message = e.to_string();
                if doc.config_error.as_deref() != Some(message.as_str()) {
                    self.send(Message::Notification(Notification::new(
                        "window/showMessage".into(),
                        lsp::ShowMessageParams {
                            typ: lsp::MessageType::ERROR,
                            message: format!("planlint: {message}"),
                        },
                    )));
                }
                doc.config_error = Some(message);
            }
        }
    }

    fn check_dirty(&mut self) {
        let keys: Vec<String> = std::mem::take(&mut self.dirty).into_keys().collect();
        for key in keys {
            self.check(&key, false);
        }
    }

    /// Checks one document and publishes its diagnostics. `history`: gather the past from git
    /// first (on open and save).
    fn check(&mut self, key: &str, history: bool) {
        let Some(mut doc) = self.docs.remove(key) else {
            return;
        };
        // planlint.toml changed since it was read: read it again (no restart, no watcher needed)
        if let Some(config) = &doc.config {
            if config_stamp(config) != doc.config_stamp {
                self.configure(&mut doc);
            }
        }
        let as_of = self.as_of();
        let outcome = match (&doc.config, doc.plan) {
            (Some(config), true) => {
                let config = config.clone();
                let mut others: Vec<(String, String)> = Vec::new();
                for k in self.disk.others(&config, &doc.name) {
                    // an open document's text wins over the file on disk
                    let open = self.docs.values().find(|d| d.name == k.name && d.plan);
                    let id = match open {
                        Some(d) => d.plan_file.as_ref().map(|p| p.plan.id().to_string()),
                        None => k.id,
                    };
                    if let Some(id) = id {
                        others.push((k.name, id));
                    }
                }
                let mut ruled = analysis::rules_on_text(&doc.name, &doc.text, &config, as_of);
                if history {
                    doc.past = match history::gather(&config, &ruled.tracked(), as_of) {
                        Ok(p) => p.map(Arc::new),
                        Err(e) => {
                            self.log(&format!("history rules skipped: {e}"));
                            None
                        }
                    };
                }
                if let Some(past) = &doc.past {
                    analysis::add_history(&mut ruled, past);
                }
                Some(analysis::settle_text(ruled, &doc.name, &others))
            }
            _ => None,
        };
        match outcome {
            Some(mut outcome) => {
                doc.findings = std::mem::take(&mut outcome.findings);
                doc.findings.retain(|f| f.severity != Severity::Off);
                // while the text does not parse, the last plan that did stays (its id and leads
                // still count; hover and completion check it is this text's)
                if let Some(p) = outcome.plan_files.pop() {
                    doc.plan_file = Some(p);
                }
            }
            None => {
                doc.findings.clear();
                doc.plan_file = None;
            }
        }
        let lines = Lines::new(&doc.text, self.encoding);
        let diagnostics = doc
            .findings
            .iter()
            .map(|f| diagnostic(f, &lines, &doc.uri))
            .collect();
        self.publish(&doc.uri, diagnostics, Some(doc.version));
        self.docs.insert(key.to_string(), doc);
    }

    fn publish(&self, uri: &lsp::Uri, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) {
        self.send(Message::Notification(Notification::new(
            "textDocument/publishDiagnostics".into(),
            lsp::PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics,
                version,
            },
        )));
    }

    fn log(&self, message: &str) {
        self.send(Message::Notification(Notification::new(
            "window/logMessage".into(),
            lsp::LogMessageParams {
                typ: lsp::MessageType::INFO,
                message: message.to_string(),
            },
        )));
    }

    /// The document a request names, checked first when an edit is waiting.
    fn doc_for(&mut self, uri: &lsp::Uri) -> Option<&Doc> {
        let key = uri.as_str();
        if self.dirty.remove(key).is_some() {
            self.check(key, false);
        }
        self.docs.get(key)
    }

    fn request(&mut self, req: Request) -> Response {
        use lsp::request::*;
        let id = req.id.clone();
        let result = match req.method.as_str() {
            HoverRequest::METHOD => self.with::<lsp::HoverParams, _>(req, |s, p| {
                let uri = &p.text_document_position_params.text_document.uri;
                let pos = p.text_document_position_params.position;
                let encoding = s.encoding;
                let as_of = s.as_of();
                Ok(s.doc_for(uri)
                    .and_then(|d| hover::hover(d, pos, encoding, as_of)))
            }),
            Completion::METHOD => self.with::<lsp::CompletionParams, _>(req, |s, p| {
                let uri = p.text_document_position.text_document.uri.clone();
                let pos = p.text_document_position.position;
                let leads = s.leads(&uri);
                let encoding = s.encoding;
                Ok(s.doc_for(&uri)
                    .map(|d| completion::complete(d, pos, encoding, &leads)))
            }),
            CodeActionRequest::METHOD => self.with::<lsp::CodeActionParams, _>(req, |s, p| {
                let as_of = s.as_of();
                let others = s.others_for(&p.text_document.uri);
                let encoding = s.encoding;
                Ok(s.doc_for(&p.text_document.uri)
                    .map(|d| actions::code_actions(d, &p, encoding, as_of, &others)))
            }),
            Formatting::METHOD => self.with::<lsp::DocumentFormattingParams, _>(req, |s, p| {
                let encoding = s.encoding;
                match s.doc_for(&p.text_document.uri) {
                    Some(d) => actions::format(d, encoding).map(Some),
                    None => Ok(None),
                }
            }),
            _ => Err(Response::new_err(
                id.clone(),
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("planlint does not answer {}", req.method),
            )),
        };
        result.unwrap_or_else(|e| e)
    }

    /// Decodes a request's parameters, answers with `f`'s result (or its error message).
    fn with<P, R>(
        &mut self,
        req: Request,
        f: impl FnOnce(&mut Self, P) -> Result<R, String>,
    ) -> Result<Response, Response>
    where
        P: serde::de::DeserializeOwned,
        R: serde::Serialize,
    {
        let id = req.id.clone();
        let params: P = serde_json::from_value(req.params).map_err(|e| {
            Response::new_err(
                id.clone(),
                lsp_server::ErrorCode::InvalidParams as i32,
                e.to_string(),
            )
        })?;
        match f(self, params) {
            Ok(r) => Ok(Response::new_ok(id, r)),
            Err(message) => Err(Response::new_err(
                id,
                lsp_server::ErrorCode::RequestFailed as i32,
                message,
            )),
        }
    }

    /// The (file, plan id) of the plans other than `uri`'s, for the fix-all passes.
    fn others_for(&mut self, uri: &lsp::Uri) -> Vec<(String, String)> {
        let Some(doc) = self.docs.get(uri.as_str()) else {
            return Vec::new();
        };
        let (Some(config), name) = (doc.config.clone(), doc.name.clone()) else {
            return Vec::new();
        };
        self.disk
            .others(&config, &name)
            .into_iter()
            .filter_map(|k| Some((k.name, k.id?)))
            .collect()
    }

    /// The leads named in the repository's plans (open ones as they are in the editor), most
    /// used first.
    fn leads(&mut self, uri: &lsp::Uri) -> Vec<String> {
        let Some(doc) = self.docs.get(uri.as_str()) else {
            return Vec::new();
        };
        let mut count: BTreeMap<String, usize> = BTreeMap::new();
        let mut add = |k: analysis::Known| {
            for l in k.leads {
                *count.entry(l).or_default() += 1;
            }
        };
        if let Some(config) = doc.config.clone() {
            let name = doc.name.clone();
            for k in self.disk.others(&config, &name) {
                match self.docs.values().find(|d| d.name == k.name) {
                    Some(open) => {
                        if let Some(p) = &open.plan_file {
                            add(analysis::known_of(p));
                        }
                    }
                    None => add(k),
                }
            }
        }
        if let Some(p) = self
            .docs
            .get(uri.as_str())
            .and_then(|d| d.plan_file.as_ref())
        {
            add(analysis::known_of(p));
        }
        let mut leads: Vec<(String, usize)> = count.into_iter().collect();
        leads.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        leads.into_iter().map(|(l, _)| l).collect()
    }
}

fn config_stamp(config: &Config) -> Option<SystemTime> {
    config
        .file
        .as_ref()
        .and_then(|f| std::fs::metadata(f).ok())
        .and_then(|m| m.modified().ok())
}

/// What a diagnostic carries in `data`: the finding's fix as ready-made edits, so a code
/// action needs no new check (ruff's server does the same).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Data {
    pub rule: String,
    pub action: Option<String>,
    pub fix: Option<FixData>,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct FixData {
    pub title: String,
    pub safe: bool,
    pub edits: Vec<lsp::TextEdit>,
}

fn diagnostic(f: &Finding, lines: &Lines<'_>, uri: &lsp::Uri) -> lsp::Diagnostic {
    let severity = match f.severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        _ => lsp::DiagnosticSeverity::INFORMATION,
    };
    let mut message = f.message.clone();
    if let Some(help) = &f.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = f
        .related
        .iter()
        .map(|r| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), lines.range(&r.span)),
            message: r.label.clone(),
        })
        .collect();
    let data = Data {
        rule: f.rule.to_string(),
        action: f.action.clone(),
        fix: f.fix.as_ref().map(|fix| FixData {
            title: fix.title.clone(),
            safe: fix.applicability == crate::plan::fix::Applicability::Safe,
            edits: fix
                .edits
                .iter()
                .map(|e| lsp::TextEdit::new(lines.range(&e.range), e.content.clone()))
                .collect(),
        }),
    };
    lsp::Diagnostic {
        range: lines.range(&f.span),
        severity: Some(severity),
        code: Some(lsp::NumberOrString::String(f.rule.to_string())),
        source: Some("planlint".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        data: serde_json::to_value(data).ok(),
        ..Default::default()
    }
}
