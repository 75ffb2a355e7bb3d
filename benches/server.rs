//! `planlint server`: time from `didChange` to `publishDiagnostics` for a generated plan of
//! 500 actions (about 200 KB), over an in-memory connection with no debounce, so what is
//! timed is the check the server makes on each edit (the editor adds its own debounce).
//!
//! Run: `cargo bench --bench server`.

use criterion::{criterion_group, criterion_main, Criterion};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::json;
use std::time::Duration;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("plans")).expect("plans dir");
    std::fs::write(dir.path().join("planlint.toml"), "").expect("config");
    let text = planlint::testgen::plan(0, 500);
    let path = dir.path().join("plans/plan.toml");
    std::fs::write(&path, &text).expect("plan");
    let uri = format!(
        "file://{}",
        std::fs::canonicalize(&path).expect("path").display()
    );
    eprintln!("plan: 500 actions, {:.0} KB", text.len() as f64 / 1e3);

    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || {
        planlint::server::run(&server, planlint::server::Options::default())
    });
    let send = |m: Message| client.sender.send(m).expect("send");
    let published = || loop {
        if let Message::Notification(n) = client.receiver.recv().expect("message") {
            if n.method == "textDocument/publishDiagnostics" {
                return n;
            }
        }
    };
    send(Message::Request(Request::new(
        RequestId::from(1),
        "initialize".into(),
        json!({"capabilities": {}, "initializationOptions": {"asOf": "2015-12-01", "debounceMs": 0}}),
    )));
    let _ = client.receiver.recv().expect("initialize answer");
    send(Message::Notification(Notification::new(
        "initialized".into(),
        json!({}),
    )));
    send(Message::Notification(Notification::new(
        "textDocument/didOpen".into(),
        json!({"textDocument": {"uri": uri, "languageId": "toml", "version": 1, "text": text}}),
    )));
    published();

    let mut version = 1;
    let mut g = c.benchmark_group("server");
    g.sample_size(30).measurement_time(Duration::from_secs(10));
    g.bench_function("didChange to publishDiagnostics, 500 actions", |b| {
        b.iter(|| {
            version += 1;
            // a keystroke: the text changes a little each time
            let edited = format!("{text}# {version}\n");
            send(Message::Notification(Notification::new(
                "textDocument/didChange".into(),
                json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": edited}]}),
            )));
            published()
        })
    });
    g.finish();
    send(Message::Request(Request::new(
        RequestId::from(2),
        "shutdown".into(),
        json!(null),
    )));
    let _ = client.receiver.recv();
    send(Message::Notification(Notification::new(
        "exit".into(),
        json!(null),
    )));
    let _ = thread.join();
}

criterion_group!(benches, bench);
criterion_main!(benches);
