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

/// One line a change, newest first, under a heading naming the action and plan.
pub fn text(t: &Timeline) -> String {
    let mut s = format!(
        "action {} of plan {}: {} change{}, newest first\n",
        line(&t.action),
        line(&t.plan),
        t.timeline.len(),
        if t.timeline.len() == 1 { "" } else { "s" }
    );
    let v = |o: &Option<String>| {
        o.as_deref()
            .map_or_else(|| "-".into(), |s| line(s).into_owned())
    };
    for p in &t.timeline {
        let what = match p.event {
            Event::Removed => "removed".to_string(),
            e => format!(
                "{:<7} rating {:<6} status {:<11} due {}",
                if e == Event::Added {
                    "added"
                } else {
                    "changed"
                },
                v(&p.rating),
                v(&p.status),
                v(&p.due)
            ),
        };
        s.push_str(&format!(
            "{}  {}  {:<16} {what}  ({})\n",
            p.date,
            &p.commit[..p.commit.len().min(7)],
            line(&p.author),
            line(&p.file)
        ));
    }
    s
}

pub fn render(t: &Timeline, format: HistoryFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        HistoryFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, t).map_err(io::Error::from)?;
            writeln!(out)
        }
        HistoryFormat::Text => out.write_all(text(t).as_bytes()),
    }
}
