//! Every number of a parsed document, converted once. `toml`'s `DeTable` keeps integers and
//! floats as text until they are converted, and its lexer lets a few forms through that TOML
//! does not allow (`0x` with no digits, digits outside ASCII, numbers past 64 bits); this pass
//! makes each of them a `toml-syntax` finding at the value, as a stricter parser would.

use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// A number that is not TOML: where, what is wrong (a sentence) and a short label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bad {
    pub span: Range<usize>,
    pub message: String,
    pub label: String,
}

/// Checks every integer and float under `root` against TOML's grammar and range, in document
/// order. `text` is what the tree was parsed from (its spans index it).
pub fn check(text: &str, root: &Spanned<DeTable<'_>>) -> Vec<Bad> {
    let mut bad = Vec::new();
    // a stack rather than recursion: a document may nest arrays as deep as it likes
    let mut stack: Vec<&Spanned<DeValue<'_>>> = Vec::new();
    let mut tables = vec![root.get_ref()];
    loop {
        if let Some(v) = stack.pop() {
            match v.get_ref() {
                DeValue::Integer(i) => {
                    let raw = text.get(v.span()).unwrap_or("");
                    if let Err(why) = integer(raw, i.as_str(), i.radix()) {
                        bad.push(Bad {
                            span: v.span(),
                            message: format!("`{raw}` is not a valid number: {why}"),
                            label: why,
                        });
                    }
                }
                DeValue::Float(f) => {
                    let raw = text.get(v.span()).unwrap_or("");
                    if let Err(why) = float(f.as_str()) {
                        bad.push(Bad {
                            span: v.span(),
                            message: format!("`{raw}` is not a valid number: {why}"),
                            label: why,
                        });
                    }
                }
                DeValue::Array(a) => stack.extend(a.iter()),
                DeValue::Table(t) => tables.push(t),
                DeValue::String(_) | DeValue::Boolean(_) | DeValue::Datetime(_) => {}
            }
        } else if let Some(t) = tables.pop() {
            stack.extend(t.iter().map(|(_, v)| v));
        } else {
            break;
        }
    }
    bad.sort_by_key(|b| (b.span.start, b.span.end));
    bad
}

/// The i64 range TOML requires every implementation to hold losslessly.
const RANGE: &str =
    "out of range (TOML integers lie between -9223372036854775808 and 9223372036854775807)";

/// Checks an integer's source text (`raw`) against TOML's grammar, and its decoded digits
/// (`digits`, in `radix`, as `from_str_radix` reads them) against the 64-bit range.
fn integer(raw: &str, digits: &str, radix: u32) -> Result<(), String> {
    let (body, radix_name, prefix) = match raw.get(..2) {
        Some("0x") => (&raw[2..], "hexadecimal", Some("0x")),
        Some("0o") => (&raw[2..], "octal", Some("0o")),
        Some("0b") => (&raw[2..], "binary", Some("0b")),
        _ => (raw, "decimal", None),
    };
    let body = match prefix {
        Some(p) => {
            if body.is_empty() {
                return Err(format!("no digits after `{p}`"));
            }
            body
        }
        None => {
            let unsigned = body.strip_prefix(['+', '-']).unwrap_or(body);
            if unsigned.is_empty() {
                return Err("no digits".into());
            }
            if unsigned.len() > 1 && unsigned.starts_with('0') {
                return Err("leading zeros are not allowed".into());
            }
            unsigned
        }
    };
    let want = match prefix {
        Some("0x") => 16,
        Some("0o") => 8,
        Some("0b") => 2,
        _ => 10,
    };
    let mut previous_underscore = true; // a leading `_` is as wrong as a doubled one
    for c in body.chars() {
        if c == '_' {
            if previous_underscore {
                return Err("`_` must sit between two digits".into());
            }
            previous_underscore = true;
            continue;
        }
        previous_underscore = false;
        if !c.is_ascii() || !c.is_digit(want) {
            return Err(if c.is_numeric() || !c.is_ascii() {
                format!("`{c}` is not an ASCII digit")
            } else {
                format!("`{c}` is not a {radix_name} digit")
            });
        }
    }
    if previous_underscore {
        return Err("`_` must sit between two digits".into());
    }
    if radix != want {
        // the parser and the text disagree about the base: never guess
        return Err(format!("not a {radix_name} number"));
    }
    i64::from_str_radix(digits, radix)
        .map(|_| ())
        .map_err(|_| RANGE.to_string())
}

/// Checks a float's decoded text converts: finite unless it says `inf`.
fn float(decoded: &str) -> Result<(), String> {
    match decoded.parse::<f64>() {
        Ok(f) if f.is_infinite() && !decoded.contains("inf") => {
            Err("too large for a 64-bit floating-point number".into())
        }
        Ok(_) => Ok(()),
        Err(_) => Err("not a floating-point number".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad(doc: &str) -> Vec<(String, String)> {
        let root = DeTable::parse(doc).expect("the lexer accepts it");
        check(doc, &root)
            .into_iter()
            .map(|b| (doc[b.span].to_string(), b.label))
            .collect()
    }

    #[test]
    fn integers_that_are_not_toml_are_named_at_the_value() {
        for (doc, value, why) in [
            ("a = 0x\n", "0x", "no digits after `0x`"),
            ("a = 0b\n", "0b", "no digits after `0b`"),
            ("a = 0o\n", "0o", "no digits after `0o`"),
            (
                "a = 1_0\u{660}\n",
                "1_0\u{660}",
                "`\u{660}` is not an ASCII digit",
            ),
            ("a = 9223372036854775808\n", "9223372036854775808", RANGE),
            ("a = [[1, 0x]]\n", "0x", "no digits after `0x`"),
            ("[t]\nb = { c = 0o }\n", "0o", "no digits after `0o`"),
        ] {
            assert_eq!(
                bad(doc),
                vec![(value.to_string(), why.to_string())],
                "{doc}"
            );
        }
    }

    #[test]
    fn valid_numbers_pass() {
        let doc = "a = 0\nb = -9223372036854775808\nc = 0xDEAD_beef\nd = 0o7_7\ne = 0b1_0\n\
                   f = 1_000\ng = +5\nh = 1e10\ni = -inf\nj = nan\nk = 6.626e-34\n";
        assert_eq!(bad(doc), vec![]);
    }
}
