//! Plans broken in the ways people and tools break them, for the property tests that hold a
//! fast path equal to its full path (`git::summary`'s reader, `plan::load::events`): a small
//! plan of chosen shapes, and mutations of any text (lines removed, repeated, moved; keys
//! renamed; values swapped for awkward ones; bytes inserted; the text cut or given CRLF or a
//! byte order mark). Deterministic from their arguments, so proptest drives them.

/// Keys, values and lines the mutations draw on: the plan's own and the awkward ones.
pub const KEYS: &[&str] = &[
    "id",
    "title",
    "rag",
    "status",
    "due",
    "baseline_due",
    "date",
    "text",
    "by",
    "leads",
    "updates",
    "milestones",
    "plan",
    "actions",
    "sections",
    "schema_version",
    "updated",
    "allow",
    "x",
    "\"id\"",
    "'rag'",
    "a.b",
    "id.x",
    "ïd",
    "",
    "owner",
    "review_cycle",
    "allow_reason",
    "allow_until",
    "partners",
    "outcomes",
    "next_steps",
    "section",
    "description",
];
pub const VALUES: &[&str] = &[
    "\"complete\"",
    "\"withdrawn\"",
    "\"on-hold\"",
    "\"not-started\"",
    "\"in-progress\"",
    "\"Complete\"",
    "\"bogus\"",
    "2015-02-29",
    "2016-02-29",
    "2015-13-01",
    "2015-06-30",
    "2015-06-30T10:00:00",
    "2015-06-30 10:00:00Z",
    "10:00:00",
    "\"2015-06-30\"",
    "1",
    "01",
    "1.5",
    "true",
    "[]",
    "[\"a\", 1]",
    "[\"a\",\n\"b\",]",
    "[[\"a\"]]",
    "{ a = 1 }",
    "{}",
    "\"\"\"\nmulti\\\n  line\"\"\"",
    "'lit'",
    "'''ml\nlit'''",
    "\"esc \\u00e9 \\t \\\\\"",
    "\"bad \\q\"",
    "\"ünïcödé ✓ 😀\"",
    "\"\"",
    "nan",
    "inf",
    "0x1F",
    "1_000",
    "-1",
    "+1",
    "9223372036854775808",
    "\"unterminated",
    "'''open",
    "[\"a\"",
    "\"a\" \"b\"",
    "\"tab\tin\"",
    "\"\\U0001F600\"",
    "\"\\uD800\"",
    "\"quarterly\"",
    "\"weekly\"",
    "[\"vague-lead\"]",
    "[\"vague-lead\", \"vague-lead\"]",
    "[\"Vague\"]",
];
pub const LINES: &[&str] = &[
    "[[actions]]",
    "[[actions.updates]]",
    "[[actions.milestones]]",
    "[plan]",
    "[actions]",
    "[[sections]]",
    "[foo]",
    "[plan.x]",
    "[[actions.updates.x]]",
    "[[plan]]",
    "[[actions]",
    "a.b = 1",
    "status = \"complete\"",
    "status = \"withdrawn\"",
    "# comment",
    "#",
    "x = { a = 1 }",
    "id = \"z\"",
    "title = \"t\"",
    "date = 2015-01-01",
    "text = \"t\"",
    "due = 2016-01-01",
    "due = \"Q1 2016\"",
    "'quoted' = \"q\"",
    "rag = \"red\"",
    "",
    "   ",
    "\t# tabbed",
    "schema_version = 1",
    "= 1",
    "x =",
    "x = # c",
    "[ [actions] ]",
    "x = \"\u{7}\"",
    "# \u{7} control",
    "\r",
];

/// A small plan of chosen shapes: per action (status, due, updates, milestones, rag).
pub fn built(actions: &[(u8, u8, u8, u8, bool)]) -> String {
    let mut s = String::from("schema_version = 1\n[plan]\nid = \"b\"\ntitle = \"B\"\n");
    for (i, &(status, due, updates, milestones, rag)) in actions.iter().enumerate() {
        s.push_str(&format!("\n[[actions]]\nid = \"{i}\"\ntitle = \"A {i}\"\n"));
        if let Some(st) = [
            "not-started",
            "in-progress",
            "complete",
            "withdrawn",
            "on-hold",
        ]
        .get(usize::from(status))
        {
            s.push_str(&format!("status = \"{st}\"\n"));
        }
        match due {
            0 => s.push_str("due = 2016-03-31\n"),
            1 => s.push_str("due = \"March 2016\"\n"),
            2 => s.push_str("due = 2016-03-31T12:00:00\n"),
            _ => {}
        }
        if rag {
            s.push_str("rag = \"amber\"\n");
        }
        for m in 0..milestones {
            s.push_str(&format!(
                "\n[[actions.milestones]]\ntitle = \"M {m}\"\ndue = \"Q{m} 2016\"\n"
            ));
        }
        for u in 0..updates {
            s.push_str(&format!(
                "\n[[actions.updates]]\ndate = 2015-0{}-01\ntext = \"U {u}\"\nstatus = \"complete\"\nrag = \"green\"\n",
                u + 1
            ));
        }
    }
    s
}

/// One mutation: kind, two positions, and bytes for the kinds that need some.
pub type Mutation = (u8, usize, usize, Vec<u8>);

/// A change to the whole text, made after the line edits.
type Edit = Box<dyn Fn(&mut Vec<u8>)>;

pub fn mutate(text: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut tail: Vec<Edit> = Vec::new();
    for (kind, a, b, bytes) in mutations {
        let n = lines.len().max(1);
        let at = a % n;
        match kind % 12 {
            0 => {
                if at < lines.len() {
                    lines.remove(at);
                }
            }
            1 => {
                let l = lines.get(at).cloned().unwrap_or_default();
                lines.insert(at, l);
            }
            2 => {
                // rename the key of a `key = value` line
                if let Some(l) = lines.get_mut(at) {
                    if let Some((_, v)) = l.split_once('=') {
                        *l = format!("{} ={v}", KEYS[b % KEYS.len()]);
                    }
                }
            }
            3 => {
                if let Some(l) = lines.get_mut(at) {
                    if let Some((k, _)) = l.split_once('=') {
                        *l = format!("{k}= {}", VALUES[b % VALUES.len()]);
                    }
                }
            }
            4 => lines.insert(at, LINES[b % LINES.len()].to_string()),
            5 => {
                if let Some(l) = lines.get_mut(at) {
                    l.push_str(" # note ✓");
                }
            }
            6 => {
                if let Some(l) = lines.get_mut(at) {
                    *l = l.replace(" = ", "=").replace('[', "[ ").replace(']', " ]");
                }
            }
            7 => {
                // a block of lines moved elsewhere
                let len = 1 + b % 6;
                if at + len <= lines.len() {
                    let block: Vec<String> = lines.drain(at..at + len).collect();
                    let to = b % (lines.len() + 1);
                    for (i, l) in block.into_iter().enumerate() {
                        lines.insert(to + i, l);
                    }
                }
            }
            8 => tail.push(Box::new(|t: &mut Vec<u8>| {
                let crlf = String::from_utf8_lossy(t).replace('\n', "\r\n");
                *t = crlf.into_bytes();
            })),
            9 => {
                let cut = *b;
                tail.push(Box::new(move |t: &mut Vec<u8>| {
                    let len = t.len();
                    t.truncate(cut % (len + 1));
                }));
            }
            10 => {
                let (pos, bytes) = (*b, bytes.clone());
                tail.push(Box::new(move |t: &mut Vec<u8>| {
                    let at = pos % (t.len() + 1);
                    t.splice(at..at, bytes.iter().copied());
                }));
            }
            _ => {
                if b % 2 == 0 {
                    tail.push(Box::new(|t: &mut Vec<u8>| {
                        t.splice(0..0, "\u{feff}".bytes());
                    }));
                } else if let Some(l) = lines.get_mut(at) {
                    // a character that TOML treats specially, somewhere in the line
                    let c = ["\"", "'", "\\", "=", "#", ".", ",", "[", "]", "{", "\t"][b % 11];
                    let mut i = (b / 11) % (l.len() + 1);
                    while !l.is_char_boundary(i) {
                        i -= 1;
                    }
                    l.insert_str(i, c);
                }
            }
        }
    }
    let mut bytes = lines.join("\n").into_bytes();
    for f in tail {
        f(&mut bytes);
    }
    bytes
}
