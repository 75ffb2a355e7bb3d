//! Views of an action's timeline (`planlint history`): one line a change, or JSON.

use crate::git::history::{Event, Timeline};
use crate::plan::escape::line;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryFormat {
    /// One line a change, newest first
    Text,
    /// `{plan, action, timeline: [{commit, date, author, file, event, rating, status, due}]}`
    Json,
}

/// One line a change, newest first, under a heading naming the action and plan; with `color`,
/// the heading bold, additions green, removals red and commit ids dim.
pub fn text(t: &Timeline, color: bool) -> String {
    let paint = |code: &str, s: &str| super::paint(color, code, s);
    let mut s = paint(
        "1",
        &format!(
            "action {} of plan {}: {}, newest first",
            line(&t.action),
            line(&t.plan),
            crate::plan::words::count(t.timeline.len(), "change")
        ),
    );
    s.push('\n');
    let v = |o: &Option<String>| {
        o.as_deref()
            .map_or_else(|| "-".into(), |s| line(s).into_owned())
    };
    for p in &t.timeline {
        let what = match p.event {
            Event::Removed => paint("31", "removed"),
            e => format!(
                "{} rating {:<6} status {:<11} due {}",
                if e == Event::Added {
                    paint("32", "added  ")
                } else {
                    "changed".to_string()
                },
                v(&p.rating),
                v(&p.status),
                v(&p.due)
            ),
        };
        s.push_str(&format!(
            "{}  {}  {:<16} {what}  ({})\n",
            p.date,
            paint("2", &p.commit[..p.commit.len().min(7)]),
            line(&p.author),
            line(&p.file)
        ));
    }
    s
}

pub fn render(
    t: &Timeline,
    format: HistoryFormat,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        HistoryFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, t).map_err(io::Error::from)?;
            writeln!(out)
        }
        HistoryFormat::Text => out.write_all(text(t, color).as_bytes()),
    }
}
