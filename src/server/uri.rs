//! `file:` URIs to paths: the server reads the configuration and the other plans from disk
//! beside the document a client opened.

use std::path::PathBuf;

/// The path a `file:` URI names (percent-escapes decoded); `None` for any other scheme (an
/// unsaved buffer), which is then not checked as a plan.
pub fn to_path(uri: &lsp_types::Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s.strip_prefix("file://")?;
    // `file://host/path`: only the local host
    let path = if rest.starts_with('/') {
        rest
    } else {
        let slash = rest.find('/')?;
        match &rest[..slash] {
            "localhost" => &rest[slash..],
            _ => return None,
        }
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = decode(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        // `/C:/dir/file` on Windows
        let s = String::from_utf8(bytes).ok()?;
        let s = match s.as_bytes() {
            [b'/', _, b':', ..] => s[1..].to_string(),
            _ => s,
        };
        Some(PathBuf::from(s))
    }
}

fn decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn file_uris_become_paths_with_escapes_decoded() {
        let uri = lsp_types::Uri::from_str("file:///tmp/a%20plan/caf%C3%A9.toml").unwrap();
        assert_eq!(to_path(&uri), Some(PathBuf::from("/tmp/a plan/café.toml")));
        let uri = lsp_types::Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(to_path(&uri), None);
        let uri = lsp_types::Uri::from_str("file://elsewhere/x.toml").unwrap();
        assert_eq!(to_path(&uri), None);
    }
}
