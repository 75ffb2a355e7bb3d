//! Office files made by the tests, in the shapes real plans come in: Word documents written as
//! Word writes them (a zip of `word/document.xml` and its package parts, tables with
//! `gridSpan` and `vMerge`, paragraphs and line breaks in cells, heading styles), and the
//! field-by-field comparison the import tests report.

use std::collections::BTreeMap;
use std::io::Write;

/// A block of a Word document's body.
pub enum Block {
    /// A plain paragraph.
    P(&'static str),
    /// A paragraph in the "Title" style.
    Title(&'static str),
    Table(Vec<Vec<Tc>>),
}

/// A table cell. In `text`, `\n` starts a new paragraph and `\r` is a line break (`<w:br/>`).
#[derive(Clone)]
pub struct Tc {
    pub text: String,
    pub span: usize,
    /// `Some(true)` starts a vertical merge, `Some(false)` continues it.
    pub vmerge: Option<bool>,
}

pub fn c(text: &str) -> Tc {
    Tc {
        text: text.to_string(),
        span: 1,
        vmerge: None,
    }
}

pub fn span(text: &str, n: usize) -> Tc {
    Tc { span: n, ..c(text) }
}

pub fn vstart(text: &str) -> Tc {
    Tc {
        vmerge: Some(true),
        ..c(text)
    }
}

pub fn vcont() -> Tc {
    Tc {
        vmerge: Some(false),
        ..c("")
    }
}

/// A row of plain cells.
pub fn row(cells: &[&str]) -> Vec<Tc> {
    cells.iter().map(|t| c(t)).collect()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn para(text: &str, style: Option<&str>) -> String {
    let ppr = style.map_or(String::new(), |s| {
        format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#)
    });
    let runs: Vec<String> = text
        .split('\r')
        .map(|t| {
            format!(
                r#"<w:r><w:rPr><w:sz w:val="20"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
                esc(t)
            )
        })
        .collect();
    format!("<w:p>{ppr}{}</w:p>", runs.join("<w:r><w:br/></w:r>"))
}

/// The bytes of a .docx holding `blocks`.
pub fn docx(blocks: &[Block]) -> Vec<u8> {
    let mut body = String::new();
    for b in blocks {
        match b {
            Block::P(t) => body.push_str(&para(t, None)),
            Block::Title(t) => body.push_str(&para(t, Some("Title"))),
            Block::Table(rows) => {
                let width = rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.span).sum::<usize>())
                    .max()
                    .unwrap_or(1);
                body.push_str(r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>"#);
                for _ in 0..width {
                    body.push_str(r#"<w:gridCol w:w="1400"/>"#);
                }
                body.push_str("</w:tblGrid>");
                for r in rows {
                    body.push_str("<w:tr>");
                    for cell in r {
                        let mut pr = String::from(r#"<w:tcW w:w="1400" w:type="dxa"/>"#);
                        if cell.span > 1 {
                            pr.push_str(&format!(r#"<w:gridSpan w:val="{}"/>"#, cell.span));
                        }
                        match cell.vmerge {
                            Some(true) => pr.push_str(r#"<w:vMerge w:val="restart"/>"#),
                            Some(false) => pr.push_str("<w:vMerge/>"),
                            None => {}
                        }
                        body.push_str(&format!("<w:tc><w:tcPr>{pr}</w:tcPr>"));
                        for line in cell.text.split('\n') {
                            body.push_str(&para(line, None));
                        }
                        body.push_str("</w:tc>");
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
                // Word puts a paragraph between two tables, or they would merge
                body.push_str("<w:p/>");
            }
        }
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr></w:body></w:document>"#
    );
    package(&[
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("word/document.xml", document),
    ])
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// A zip of `(name, text)` parts, deflated as Office writes them.
pub fn package(parts: &[(&str, String)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in parts {
            zip.start_file(*name, opts).expect("zip entry");
            zip.write_all(text.as_bytes()).expect("zip write");
        }
        zip.finish().expect("zip finish");
    }
    buf.into_inner()
}

/// A password-protected Office file as Excel and Word save one: an OLE compound file holding
/// the `EncryptionInfo` and `EncryptedPackage` streams (the content itself is opaque bytes).
pub fn encrypted() -> Vec<u8> {
    let mut comp = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).expect("cfb");
    for (name, bytes) in [
        ("/EncryptionInfo", vec![4u8, 0, 4, 0, 0x40, 0, 0, 0]),
        ("/EncryptedPackage", vec![0x5a; 4096]),
    ] {
        let mut s = comp.create_stream(name).expect("stream");
        s.write_all(&bytes).expect("write");
    }
    comp.flush().expect("flush");
    comp.into_inner().into_inner()
}

/// A plan's values by path, keyed so that a missing or extra action does not shift the rest:
/// `actions[1.2].leads`, `actions[1.2].updates[0].text`, `sections[3].title`.
pub fn fields(plan: &toml::Value) -> BTreeMap<String, toml::Value> {
    let mut out = BTreeMap::new();
    flatten("", plan, &mut out);
    out
}

fn flatten(path: &str, v: &toml::Value, out: &mut BTreeMap<String, toml::Value>) {
    match v {
        toml::Value::Table(t) => {
            for (k, v) in t {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                flatten(&p, v, out);
            }
        }
        toml::Value::Array(items) if items.iter().all(|i| i.is_table()) && !items.is_empty() => {
            for (i, item) in items.iter().enumerate() {
                let key = if path.ends_with("actions") || path.ends_with("sections") {
                    item.get("id")
                        .and_then(|v| v.as_str())
                        .map_or(i.to_string(), str::to_string)
                } else {
                    i.to_string()
                };
                flatten(&format!("{path}[{key}]"), item, out);
            }
        }
        other => {
            out.insert(path.to_string(), other.clone());
        }
    }
}

/// Compares an imported plan with the plan its fixture was made from, field by field: the
/// number of fields that match, the number compared (expected fields plus unexpected ones),
/// and a line for each difference.
pub fn compare(expected: &str, actual: &str) -> (usize, usize, Vec<String>) {
    let e = fields(&toml::from_str(expected).expect("the expected plan is TOML"));
    let a = fields(&toml::from_str(actual).expect("the imported plan is TOML"));
    let mut same = 0;
    let mut diffs = Vec::new();
    for (k, v) in &e {
        match a.get(k) {
            Some(x) if x == v => same += 1,
            Some(x) => diffs.push(format!("{k}: expected {v}, imported {x}")),
            None => diffs.push(format!("{k}: expected {v}, missing")),
        }
    }
    let extra: Vec<&String> = a.keys().filter(|k| !e.contains_key(*k)).collect();
    for k in &extra {
        diffs.push(format!("{k}: not expected, imported {}", a[*k]));
    }
    (same, e.len() + extra.len(), diffs)
}
