//! What a file really is, from its first bytes and (for zip and OLE containers) the names of
//! the parts inside, never from its extension alone: a `.xlsx` that is really a CSV, an HTML
//! page saved as `.xls`, or a password-protected workbook each get their own message.

use std::io::Cursor;

/// The kinds of file import reads, and the ones it recognises only to refuse them clearly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Docx,
    Xlsx,
    Xls,
    Ods,
    /// Comma-, semicolon- or tab-separated text.
    Delimited,
    /// An Office file encrypted with a password (an OLE container holding `EncryptedPackage`).
    Encrypted,
    /// A Word 97-2003 `.doc`.
    Doc,
    /// An OpenDocument text (`.odt`).
    Odt,
    Html,
    Pdf,
    /// A zip that holds none of the above.
    OtherZip,
    /// A zip cut short (no central directory), with what its first parts say it was: "Word
    /// document", "workbook", "OpenDocument file" or "file".
    Cut(&'static str),
    /// Binary bytes planlint cannot name.
    Binary,
}

impl Kind {
    /// How the report and messages name the kind.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Docx => "a Word document (.docx)",
            Kind::Xlsx => "an Excel workbook (.xlsx)",
            Kind::Xls => "an Excel 97-2003 workbook (.xls)",
            Kind::Ods => "an OpenDocument spreadsheet (.ods)",
            Kind::Delimited => "a text file (CSV or tab-separated)",
            Kind::Encrypted => "a password-protected Office file",
            Kind::Doc => "a Word 97-2003 document (.doc)",
            Kind::Odt => "an OpenDocument text document (.odt)",
            Kind::Html => "a web page (HTML)",
            Kind::Pdf => "a PDF",
            Kind::OtherZip => "a zip archive",
            Kind::Cut(_) => "an incomplete zip file",
            Kind::Binary => "a binary file",
        }
    }

    /// The kinds a file with this extension should be, when the extension is one import knows.
    pub fn expected(extension: &str) -> Option<&'static [Kind]> {
        Some(match extension.to_ascii_lowercase().as_str() {
            "docx" | "docm" => &[Kind::Docx],
            "xlsx" | "xlsm" => &[Kind::Xlsx],
            "xls" => &[Kind::Xls],
            "ods" => &[Kind::Ods],
            "csv" | "tsv" | "txt" => &[Kind::Delimited],
            _ => return None,
        })
    }
}

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Names a file by its content.
pub fn sniff(bytes: &[u8]) -> Kind {
    if bytes.starts_with(b"PK\x03\x04") {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return if contains_utf16(bytes, "EncryptedPackage") {
            Kind::Encrypted
        } else if contains_utf16(bytes, "WordDocument") {
            Kind::Doc
        } else {
            Kind::Xls
        };
    }
    if bytes.starts_with(b"%PDF") {
        return Kind::Pdf;
    }
    let head = &bytes[..bytes.len().min(4096)];
    // UTF-16 text (Excel's "Unicode text") has NUL bytes, so decide on its BOM first
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Kind::Delimited;
    }
    if head.contains(&0) {
        return Kind::Binary;
    }
    let start = String::from_utf8_lossy(head)
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    if start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || (start.starts_with('<') && (start.contains("<table") || start.contains("<html")))
    {
        return Kind::Html;
    }
    Kind::Delimited
}

fn sniff_zip(bytes: &[u8]) -> Kind {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // the local headers are there but the directory at the end is not: a file cut short;
        // the names of the parts that did arrive say what it was
        let has = |name: &[u8]| bytes.windows(name.len()).any(|w| w == name);
        return Kind::Cut(if has(b"word/") {
            "Word document"
        } else if has(b"xl/") {
            "workbook"
        } else if has(b"mimetype") {
            "OpenDocument file"
        } else {
            "file"
        });
    };
    let has = |zip: &zip::ZipArchive<Cursor<&[u8]>>, name: &str| zip.index_for_name(name).is_some();
    if has(&zip, "word/document.xml") {
        return Kind::Docx;
    }
    if has(&zip, "xl/workbook.xml") || has(&zip, "xl/workbook.bin") {
        return Kind::Xlsx;
    }
    if let Ok(mut f) = zip.by_name("mimetype") {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut std::io::Read::take(&mut f, 100), &mut s);
        if s.contains("opendocument.spreadsheet") {
            return Kind::Ods;
        }
        if s.contains("opendocument.text") {
            return Kind::Odt;
        }
    }
    Kind::OtherZip
}

/// Whether the UTF-16LE form of `name` occurs in `bytes` (OLE directory entries are UTF-16).
fn contains_utf16(bytes: &[u8], name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_html_pdf_and_binary() {
        assert_eq!(sniff(b"No.,Action\n1,Do it\n"), Kind::Delimited);
        assert_eq!(sniff(b"\xef\xbb\xbfNo.;Action\n"), Kind::Delimited);
        assert_eq!(sniff(b"\xff\xfeN\0o\0"), Kind::Delimited);
        assert_eq!(sniff(b"  <html><table>"), Kind::Html);
        assert_eq!(sniff(b"%PDF-1.7"), Kind::Pdf);
        assert_eq!(sniff(b"\x00\x01\x02"), Kind::Binary);
        assert_eq!(sniff(b"PK\x03\x04garbage"), Kind::Cut("file"));
    }

    #[test]
    fn ole_containers_are_told_apart_by_their_streams() {
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(sniff(&ole), Kind::Encrypted);
        let mut doc = OLE_MAGIC.to_vec();
        doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(sniff(&doc), Kind::Doc);
        assert_eq!(sniff(OLE_MAGIC), Kind::Xls);
    }
}
