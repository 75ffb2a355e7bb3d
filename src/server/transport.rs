//! The server's stdio transport: LSP's `Content-Length` framing read with bounds, where
//! `lsp_server::Connection::stdio` trusts the length a client declares (a header of
//! `Content-Length: 99999999999` made it allocate without limit). A message larger than
//! `MAX_MESSAGE` is read past in small pieces and dropped with a note to the client; a message
//! that is not JSON-RPC is dropped with a note and the session goes on, as JSON-RPC asks; input
//! that ends inside a message ends the session saying so.
//!
//! May use: nothing of the crate (lsp-server's `Message` only).

use crossbeam_channel::{bounded, Sender};
use lsp_server::{Connection, Message, Notification};
use std::io::{self, BufRead, Read, Write};
use std::thread::JoinHandle;

/// No message an editor sends for a plan is larger (a plan file is at most 8 MiB; its text
/// as JSON, escaped, at most about twice that).
pub const MAX_MESSAGE: u64 = 32 << 20;
/// No header line is longer.
const MAX_HEADER: u64 = 1024;

/// The reader and writer threads of a stdio connection.
pub struct Threads {
    reader: JoinHandle<Result<(), String>>,
    writer: JoinHandle<io::Result<()>>,
}

impl Threads {
    /// Waits for both threads; the reader's error (input cut short) is the session's.
    pub fn join(self) -> Result<(), String> {
        let read = self
            .reader
            .join()
            .map_err(|_| "the reader thread failed".to_string())?;
        let written = self
            .writer
            .join()
            .map_err(|_| "the writer thread failed".to_string())?;
        read?;
        written.map_err(|e| format!("cannot write to the client: {e}"))
    }
}

/// A connection over stdin and stdout with bounded reads.
pub fn stdio() -> (Connection, Threads) {
    let (to_client, outgoing) = bounded::<Message>(0);
    let writer = std::thread::spawn(move || {
        let stdout = io::stdout();
        let mut out = stdout.lock();
        for msg in outgoing {
            msg.write(&mut out)?;
            out.flush()?;
        }
        Ok(())
    });
    let (incoming, from_client) = bounded::<Message>(0);
    let notes = to_client.clone();
    let reader = std::thread::spawn(move || {
        let stdin = io::stdin();
        read_all(&mut stdin.lock(), &incoming, &notes)
    });
    (
        Connection {
            sender: to_client,
            receiver: from_client,
        },
        Threads { reader, writer },
    )
}

/// Reads messages from `input` until it ends or the client says `exit`, passing each on.
pub fn read_all(
    input: &mut impl BufRead,
    incoming: &Sender<Message>,
    notes: &Sender<Message>,
) -> Result<(), String> {
    loop {
        let Some(len) = header(input)? else {
            return Ok(());
        };
        if len > MAX_MESSAGE {
            let skipped = io::copy(&mut input.take(len), &mut io::sink())
                .map_err(|e| format!("cannot read the client's message: {e}"))?;
            if skipped < len {
                return Err(format!(
                    "the input ended inside a message ({skipped} of its {len} bytes)"
                ));
            }
            note(
                notes,
                format!("planlint ignored a message of {len} bytes: the limit is {MAX_MESSAGE}"),
            );
            continue;
        }
        let mut body = Vec::new();
        input
            .take(len)
            .read_to_end(&mut body)
            .map_err(|e| format!("cannot read the client's message: {e}"))?;
        if (body.len() as u64) < len {
            return Err(format!(
                "the input ended inside a message ({} of its {len} bytes)",
                body.len()
            ));
        }
        match serde_json::from_slice::<Message>(&body) {
            Ok(msg) => {
                let exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
                if incoming.send(msg).is_err() || exit {
                    return Ok(());
                }
            }
            Err(e) => note(
                notes,
                format!("planlint ignored a message that is not JSON-RPC ({e})"),
            ),
        }
    }
}

/// The `Content-Length` of the next message; `None` at the end of the input.
fn header(input: &mut impl BufRead) -> Result<Option<u64>, String> {
    let mut len = None;
    let mut first = true;
    loop {
        let mut line = Vec::new();
        input
            .take(MAX_HEADER)
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("cannot read the client's message: {e}"))?;
        if line.is_empty() {
            return if first {
                Ok(None)
            } else {
                Err("the input ended inside a message's header".into())
            };
        }
        first = false;
        if !line.ends_with(b"\n") {
            return Err(format!(
                "a header line longer than {MAX_HEADER} bytes: not the LSP's framing"
            ));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end();
        if text.is_empty() {
            return len
                .map(Some)
                .ok_or_else(|| "a message without a Content-Length header".to_string());
        }
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                len = Some(value.trim().parse::<u64>().map_err(|_| {
                    format!("a Content-Length that is not a number: {}", value.trim())
                })?);
            }
        }
    }
}

/// Tells the client (its log) what was dropped.
fn note(notes: &Sender<Message>, message: String) {
    let params = serde_json::json!({ "type": 1, "message": message });
    let _ = notes.send(Message::Notification(Notification::new(
        "window/logMessage".into(),
        params,
    )));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &[u8]) -> (Result<(), String>, usize, Vec<String>) {
        let (tx, rx) = crossbeam_channel::unbounded();
        let (ntx, nrx) = crossbeam_channel::unbounded();
        let r = read_all(&mut io::Cursor::new(input.to_vec()), &tx, &ntx);
        drop((tx, ntx));
        let notes = nrx
            .iter()
            .filter_map(|m| match m {
                Message::Notification(n) => Some(n.params.to_string()),
                _ => None,
            })
            .collect();
        (r, rx.iter().count(), notes)
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn a_declared_huge_length_allocates_nothing_and_ends_saying_why() {
        let (r, n, _) = read(b"Content-Length: 99999999999\r\n\r\n{}");
        assert_eq!(n, 0);
        assert!(
            r.as_ref()
                .is_err_and(|e| e.contains("ended inside a message")),
            "{r:?}"
        );
    }

    #[test]
    fn a_bad_message_is_dropped_with_a_note_and_the_session_goes_on() {
        let ok = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = format!(
            "{}{}{}",
            framed("{not json"),
            framed("\u{0}\u{1}"),
            framed(ok)
        );
        let (r, n, notes) = read(input.as_bytes());
        assert_eq!((r, n), (Ok(()), 1));
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].contains("not JSON-RPC"), "{notes:?}");
    }

    #[test]
    fn a_message_over_the_limit_is_skipped_and_the_next_is_read() {
        let big = "x".repeat(MAX_MESSAGE as usize + 1);
        let ok = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = format!("{}{}", framed(&big), framed(ok));
        let (r, n, notes) = read(input.as_bytes());
        assert_eq!((r, n), (Ok(()), 1));
        assert!(notes[0].contains("the limit is"), "{notes:?}");
    }

    #[test]
    fn a_broken_header_is_an_error_not_a_hang() {
        for input in [
            &b"Content-Length: ten\r\n\r\n"[..],
            b"Content-Type: x\r\n\r\n{}",
            b"Content-Length: 5\r\n",
        ] {
            let (r, n, _) = read(input);
            assert!(r.is_err() && n == 0, "{:?}", String::from_utf8_lossy(input));
        }
        let long = format!("X-{}: y\r\n", "a".repeat(4000));
        assert!(read(long.as_bytes()).0.is_err());
        assert_eq!(read(b"").0, Ok(()));
    }
}
