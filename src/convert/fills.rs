//! Cell colours and drop-down lists of workbooks, which calamine does not read. For an .xlsx:
//! `xl/styles.xml` (each cell format's solid fill and font colour, as RGB, Excel's legacy
//! palette index, or a theme colour with its tint, on `xl/theme/theme1.xml`), then each sheet's
//! `<c r=".." s="N">` and its `dataValidation` list sources. For an .ods: the cell styles of
//! `styles.xml` and `content.xml` (background and text colour, through parent styles), each
//! cell's style (or its column's default), and the sheets `content-validation` lists come from.
//!
//! Colours are laid on a table calamine has already read, only on cells of its rows and
//! columns: a colour never adds a row. Every count is capped (`limits::MAX_STYLES`,
//! `MAX_VALIDATIONS`), so a styles part with a million fills costs no more than its bytes.

use super::colour;
use super::limits;
use super::table::{Rgb, Table};
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{Read, Seek};

/// One cell format's colours: the fill and the text's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Colours {
    pub fill: Option<Rgb>,
    pub ink: Option<Rgb>,
}

impl Colours {
    fn any(self) -> bool {
        self.fill.is_some() || self.ink.is_some()
    }
}

const WHITE: Rgb = [0xFF, 0xFF, 0xFF];
const BLACK: Rgb = [0, 0, 0];

/// Keeps a fill that is not white and a text colour that is not black.
fn plain(fill: Option<Rgb>, ink: Option<Rgb>) -> Colours {
    Colours {
        fill: fill.filter(|c| *c != WHITE),
        ink: ink.filter(|c| *c != BLACK),
    }
}

/// A part of the zip, whole, when it is no larger than `cap`.
fn part<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, name: &str, cap: u64) -> Option<Vec<u8>> {
    let f = zip.by_name(name).ok()?;
    let mut bytes = Vec::new();
    f.take(cap + 1).read_to_end(&mut bytes).ok()?;
    (bytes.len() as u64 <= cap).then_some(bytes)
}

fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.decode_and_unescape_value(e.decoder())
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Lays `colours` on the cells of `table` at rows `rows` (0-based, end exclusive) and columns
/// `cols`, where the table has them.
fn lay(table: &mut Table, rows: (u64, u64), cols: (u64, u64), colours: Colours) {
    let first = table
        .rows
        .partition_point(|r| (r.number as u64) < rows.0.saturating_add(1));
    for row in table.rows[first..].iter_mut() {
        if row.number as u64 > rows.1 {
            break;
        }
        let end = cols.1.min(row.cells.len() as u64);
        for c in cols.0..end {
            if let Some(cell) = row.cells.get_mut(c as usize) {
                if colours.fill.is_some() {
                    cell.fill = colours.fill;
                }
                if colours.ink.is_some() {
                    cell.ink = colours.ink;
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// .xlsx

/// A colour as styles.xml gives it, resolved once the palette and theme are known.
#[derive(Debug, Clone, Copy)]
enum XColour {
    Rgb(Rgb),
    Indexed(usize),
    Theme(usize, f64),
}

fn xcolour(e: &BytesStart<'_>) -> Option<XColour> {
    if attr(e, b"auto").is_some_and(|v| v == "1" || v == "true") {
        return None;
    }
    if let Some(c) = attr(e, b"rgb").as_deref().and_then(colour::hex) {
        return Some(XColour::Rgb(c));
    }
    let tint = attr(e, b"tint")
        .and_then(|t| t.trim().parse::<f64>().ok())
        .unwrap_or(0.0);
    if let Some(t) = attr(e, b"theme").and_then(|t| t.trim().parse::<usize>().ok()) {
        return Some(XColour::Theme(t, tint));
    }
    attr(e, b"indexed")
        .and_then(|t| t.trim().parse::<usize>().ok())
        .map(XColour::Indexed)
}

/// The workbook's cell formats (`cellXfs`) as colours, by style index.
#[derive(Debug, Default)]
pub struct XlsxStyles {
    xfs: Vec<Colours>,
}

impl XlsxStyles {
    /// Reads `xl/styles.xml` and the theme. Missing or damaged parts give no colours (the
    /// values are still read).
    pub fn read<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> XlsxStyles {
        let Some(xml) = part(zip, "xl/styles.xml", limits::MAX_HELD_PART_BYTES) else {
            return XlsxStyles::default();
        };
        let theme = part(zip, "xl/theme/theme1.xml", limits::MAX_HELD_PART_BYTES)
            .map(|t| theme_colours(&t))
            .unwrap_or(colour::OFFICE_THEME);
        styles(&xml, &theme)
    }

    fn of(&self, style: usize) -> Colours {
        self.xfs.get(style).copied().unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        !self.xfs.iter().any(|c| c.any())
    }
}

/// The colour scheme of a theme part, in Excel's index order; Office's default where absent.
fn theme_colours(xml: &[u8]) -> [Rgb; 12] {
    let mut out = colour::OFFICE_THEME;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut slot: Option<usize> = None;
    let mut in_scheme = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = e.local_name();
                let name = std::str::from_utf8(name.as_ref()).unwrap_or("");
                if name == "clrScheme" {
                    in_scheme = true;
                } else if in_scheme {
                    if let Some(i) = colour::theme_index(name) {
                        slot = Some(i);
                    } else if let Some(i) = slot {
                        let c = match name {
                            "srgbClr" => attr(&e, b"val"),
                            "sysClr" => attr(&e, b"lastClr"),
                            _ => None,
                        };
                        if let Some(c) = c.as_deref().and_then(colour::hex) {
                            out[i] = c;
                        }
                    }
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == b"clrScheme" => break,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

fn styles(xml: &[u8], theme: &[Rgb; 12]) -> XlsxStyles {
    #[derive(PartialEq)]
    enum In {
        None,
        Fonts,
        Fills,
        Xfs,
        Palette,
    }
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut at = In::None;
    let mut fonts: Vec<Option<XColour>> = Vec::new();
    let mut fills: Vec<Option<XColour>> = Vec::new();
    let mut xfs: Vec<(usize, usize)> = Vec::new();
    let mut palette: Vec<Rgb> = Vec::new();
    let (mut solid, mut fg, mut font_colour) = (false, None, None);
    let cap = limits::MAX_STYLES;
    loop {
        let event = reader.read_event();
        let empty = matches!(event, Ok(Event::Empty(_)));
        match event {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"fonts" if !empty => at = In::Fonts,
                b"fills" if !empty => at = In::Fills,
                b"cellXfs" if !empty => at = In::Xfs,
                b"indexedColors" if !empty => at = In::Palette,
                b"font" if at == In::Fonts => {
                    font_colour = None;
                    if empty && fonts.len() < cap {
                        fonts.push(None);
                    }
                }
                b"color" if at == In::Fonts => font_colour = xcolour(&e),
                b"fill" if at == In::Fills => {
                    (solid, fg) = (false, None);
                    if empty && fills.len() < cap {
                        fills.push(None);
                    }
                }
                b"patternFill" if at == In::Fills => {
                    solid = attr(&e, b"patternType").as_deref() == Some("solid");
                }
                b"fgColor" if at == In::Fills => fg = xcolour(&e),
                b"xf" if at == In::Xfs && xfs.len() < cap => {
                    let id = |k: &[u8]| {
                        attr(&e, k)
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(0)
                    };
                    xfs.push((id(b"fillId"), id(b"fontId")));
                }
                b"rgbColor" if at == In::Palette && palette.len() < 66 => {
                    palette.push(
                        attr(&e, b"rgb")
                            .as_deref()
                            .and_then(colour::hex)
                            .unwrap_or(WHITE),
                    );
                }
                _ => {}
            },
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"fonts" | b"fills" | b"cellXfs" | b"indexedColors" => at = In::None,
                b"font" if at == In::Fonts && fonts.len() < cap => fonts.push(font_colour),
                b"fill" if at == In::Fills && fills.len() < cap => {
                    fills.push(if solid { fg } else { None });
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let resolve = |c: Option<XColour>| -> Option<Rgb> {
        match c? {
            XColour::Rgb(c) => Some(c),
            XColour::Indexed(i) => palette
                .get(i)
                .copied()
                .or_else(|| colour::INDEXED.get(i).map(|v| colour::rgb(*v))),
            XColour::Theme(i, t) => theme.get(i).map(|c| colour::tint(*c, t)),
        }
    };
    let fills: Vec<Option<Rgb>> = fills.into_iter().map(resolve).collect();
    let fonts: Vec<Option<Rgb>> = fonts.into_iter().map(resolve).collect();
    XlsxStyles {
        xfs: xfs
            .into_iter()
            .map(|(fill, font)| {
                plain(
                    fills.get(fill).copied().flatten(),
                    fonts.get(font).copied().flatten(),
                )
            })
            .collect(),
    }
}

/// A workbook's sheets by name: their part, and the workbook's defined names (for drop-down
/// lists that name a range).
#[derive(Debug, Default)]
pub struct XlsxBook {
    pub parts: HashMap<String, String>,
    pub names: HashMap<String, String>,
}

impl XlsxBook {
    pub fn read<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> XlsxBook {
        let mut out = XlsxBook::default();
        let (Some(book), Some(rels)) = (
            part(zip, "xl/workbook.xml", limits::MAX_HELD_PART_BYTES),
            part(
                zip,
                "xl/_rels/workbook.xml.rels",
                limits::MAX_HELD_PART_BYTES,
            ),
        ) else {
            return out;
        };
        let mut targets: HashMap<String, String> = HashMap::new();
        let mut reader = quick_xml::Reader::from_reader(rels.as_slice());
        loop {
            match reader.read_event() {
                Ok(Event::Start(e) | Event::Empty(e))
                    if e.local_name().as_ref() == b"Relationship" =>
                {
                    if let (Some(id), Some(t)) = (attr(&e, b"Id"), attr(&e, b"Target")) {
                        let path = match t.strip_prefix('/') {
                            Some(abs) => abs.to_string(),
                            None => format!("xl/{t}"),
                        };
                        targets.insert(id, path);
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        let mut reader = quick_xml::Reader::from_reader(book.as_slice());
        let mut name: Option<String> = None;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"sheet" => {
                    if let (Some(n), Some(id)) = (attr(&e, b"name"), attr(&e, b"id")) {
                        if let Some(t) = targets.get(&id) {
                            out.parts.insert(n, t.clone());
                        }
                    }
                }
                Ok(Event::Start(e)) if e.local_name().as_ref() == b"definedName" => {
                    name = attr(&e, b"name");
                }
                Ok(Event::Text(t)) => {
                    if let Some(n) = name.take() {
                        if out.names.len() < limits::MAX_VALIDATIONS {
                            if let Ok(v) = t.decode() {
                                out.names.insert(n.to_lowercase(), v.into_owned());
                            }
                        }
                    }
                }
                Ok(Event::End(e)) if e.local_name().as_ref() == b"definedName" => name = None,
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        out
    }
}

/// "B12" as (row 11, column 1), 0-based.
fn cell_ref(r: &str) -> Option<(u64, u64)> {
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut col = 0u64;
    for c in letters.chars() {
        if !c.is_ascii_alphabetic() {
            return None;
        }
        col = col * 26 + (c.to_ascii_uppercase() as u64 - 'A' as u64 + 1);
    }
    let row: u64 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

/// Lays the colours of a sheet's cells on `table` and returns the sources of its drop-down
/// lists (`dataValidation` formulas, Excel 2010's `x14` form included). A part that cannot be
/// read gives no colours.
pub fn xlsx_sheet<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    path: &str,
    styles: &XlsxStyles,
    table: &mut Table,
) -> Vec<String> {
    let mut sources = Vec::new();
    let Ok(f) = zip.by_name(path) else {
        return sources;
    };
    let mut reader =
        quick_xml::Reader::from_reader(std::io::BufReader::new(f.take(limits::MAX_PART_BYTES)));
    let mut buf = Vec::new();
    let (mut row, mut col) = (0u64, 0u64);
    let mut in_validation = false;
    let mut in_formula = false;
    let colours = !styles.is_empty();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"row" => {
                    if let Some(r) = attr(&e, b"r").and_then(|r| r.trim().parse::<u64>().ok()) {
                        row = r.saturating_sub(1);
                    }
                    col = 0;
                }
                b"c" => {
                    if let Some((r, c)) = attr(&e, b"r").as_deref().and_then(cell_ref) {
                        (row, col) = (r, c);
                    }
                    if colours {
                        let s = attr(&e, b"s")
                            .and_then(|s| s.trim().parse::<usize>().ok())
                            .unwrap_or(0);
                        let c = styles.of(s);
                        if c.any() {
                            lay(table, (row, row + 1), (col, col + 1), c);
                        }
                    }
                    col += 1;
                }
                b"dataValidation" => in_validation = true,
                b"formula1" | b"f" if in_validation => in_formula = true,
                _ => {}
            },
            Ok(Event::Text(t)) if in_formula && sources.len() < limits::MAX_VALIDATIONS => {
                if let Ok(v) = t.decode() {
                    sources.push(v.chars().take(1000).collect());
                }
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"row" => row += 1,
                b"dataValidation" => in_validation = false,
                b"formula1" | b"f" => in_formula = false,
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    sources
}

/// The sheets a drop-down list's source formula reads from: `Lists!$A$1:$A$5`,
/// `'RAG lists'!A:A`, or a defined name (`=Ratings`) that names such a range. A range on the
/// same sheet names none.
pub fn source_sheets(formula: &str, names: &HashMap<String, String>) -> Vec<String> {
    let f = formula.trim().trim_start_matches('=');
    let f = names
        .get(&f.trim().to_lowercase())
        .map_or(f, |v| v.trim().trim_start_matches('='));
    let mut out = Vec::new();
    let bytes: Vec<char> = f.chars().collect();
    for (i, c) in bytes.iter().enumerate() {
        if *c != '!' {
            continue;
        }
        let name = if i > 0 && bytes[i - 1] == '\'' {
            // a quoted name, with '' for a quote inside
            let mut j = i - 1;
            let mut name = Vec::new();
            while j > 0 {
                j -= 1;
                if bytes[j] == '\'' {
                    if j > 0 && bytes[j - 1] == '\'' {
                        name.push('\'');
                        j -= 1;
                        continue;
                    }
                    break;
                }
                name.push(bytes[j]);
            }
            name.reverse();
            name.into_iter().collect::<String>()
        } else {
            let start = bytes[..i]
                .iter()
                .rposition(|c| !(c.is_alphanumeric() || *c == '_' || *c == '.'))
                .map_or(0, |p| p + 1);
            bytes[start..i].iter().collect()
        };
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// .ods

/// A cell style as written: its parent and the colours it sets (`Some(None)`: set to
/// transparent or none).
#[derive(Debug, Clone, Default)]
struct OdsStyle {
    parent: Option<String>,
    fill: Option<Option<Rgb>>,
    ink: Option<Option<Rgb>>,
    /// A sheet style (family `table`) that hides its sheet (`table:display="false"`).
    hidden: bool,
}

/// Reads cell styles (family `table-cell`) from a styles or content part into `into`.
fn ods_styles<B: std::io::BufRead>(xml: B, into: &mut HashMap<String, OdsStyle>) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut current: Option<(String, OdsStyle)> = None;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf);
        let empty = matches!(event, Ok(Event::Empty(_)));
        match event {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.name().as_ref() {
                b"style:style" => {
                    let name = attr(&e, b"name").filter(|n| n.len() <= 256);
                    let family = attr(&e, b"family");
                    current = None;
                    if let (Some(name), Some("table-cell" | "table")) = (name, family.as_deref()) {
                        let style = OdsStyle {
                            parent: attr(&e, b"parent-style-name"),
                            ..OdsStyle::default()
                        };
                        if empty {
                            if into.len() < limits::MAX_STYLES {
                                into.insert(name, style);
                            }
                        } else {
                            current = Some((name, style));
                        }
                    }
                }
                b"style:table-properties" => {
                    if let (Some((_, s)), Some(v)) = (&mut current, attr(&e, b"display")) {
                        s.hidden = v.trim() == "false";
                    }
                }
                b"style:table-cell-properties" => {
                    if let (Some((_, s)), Some(v)) = (&mut current, attr(&e, b"background-color")) {
                        s.fill = Some(colour::hex(&v));
                    }
                }
                b"style:text-properties" => {
                    if let (Some((_, s)), Some(v)) = (&mut current, attr(&e, b"color")) {
                        s.ink = Some(colour::hex(&v));
                    }
                }
                // the body: no styles after it begins
                b"office:body" => break,
                _ => {}
            },
            Ok(Event::End(e)) if e.name().as_ref() == b"style:style" => {
                if let Some((name, style)) = current.take() {
                    if into.len() < limits::MAX_STYLES {
                        into.insert(name, style);
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
}

/// A style's colours through its parents (at most 8 deep: a loop of parents ends).
fn ods_resolve(styles: &HashMap<String, OdsStyle>, name: &str) -> Colours {
    let (mut fill, mut ink) = (None, None);
    let mut at = styles.get(name);
    for _ in 0..8 {
        let Some(s) = at else { break };
        fill = fill.or(s.fill);
        ink = ink.or(s.ink);
        at = s.parent.as_deref().and_then(|p| styles.get(p));
    }
    plain(fill.flatten(), ink.flatten())
}

/// What the ODS pass found besides colours: (sheet using a drop-down list, sheet the list is
/// on) pairs, and the hidden sheets (calamine misses a sheet style written as an empty
/// element, as LibreOffice writes it).
#[derive(Debug, Default)]
pub struct OdsFound {
    pub lists: Vec<(String, String)>,
    pub hidden: Vec<String>,
}

/// Lays the colours of an .ods's cells on the tables of `tables` (by sheet name) and returns
/// which sheets' drop-down lists come from which other sheets.
pub fn ods<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, tables: &mut [Table]) -> OdsFound {
    let mut styles: HashMap<String, OdsStyle> = HashMap::new();
    // streamed, not held: content.xml may be as large as a part may inflate to
    if let Ok(f) = zip.by_name("styles.xml") {
        ods_styles(
            std::io::BufReader::new(f.take(limits::MAX_PART_BYTES)),
            &mut styles,
        );
    }
    if let Ok(f) = zip.by_name("content.xml") {
        ods_styles(
            std::io::BufReader::new(f.take(limits::MAX_PART_BYTES)),
            &mut styles,
        );
    }
    let Ok(content) = zip.by_name("content.xml") else {
        return OdsFound::default();
    };
    let mut hidden = Vec::new();
    let mut resolved: HashMap<String, Colours> = HashMap::new();
    let mut colours_of = |name: &str| -> Colours {
        if let Some(c) = resolved.get(name) {
            return *c;
        }
        let c = ods_resolve(&styles, name);
        if resolved.len() < limits::MAX_STYLES {
            resolved.insert(name.to_string(), c);
        }
        c
    };
    // validation name -> the sheets its list is on; (sheet, validation) uses
    let mut validations: HashMap<String, String> = HashMap::new();
    let mut used: Vec<(String, String)> = Vec::new();
    let mut ranges: HashMap<String, String> = HashMap::new();
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(
        content.take(limits::MAX_PART_BYTES),
    ));
    let mut buf = Vec::new();
    let mut table: Option<usize> = None;
    let mut sheet = String::new();
    let mut columns: Vec<(u64, u64, Option<String>)> = Vec::new();
    let (mut row, mut col, mut row_repeat) = (0u64, 0u64, 1u64);
    let number = |e: &BytesStart<'_>, key: &[u8]| {
        attr(e, key)
            .and_then(|v| v.trim().parse::<u64>().ok())
            .unwrap_or(1)
            .max(1)
    };
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf);
        let empty = matches!(event, Ok(Event::Empty(_)));
        match event {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.name().as_ref() {
                b"table:content-validation" => {
                    if let (Some(n), Some(c)) = (attr(&e, b"name"), attr(&e, b"condition")) {
                        if validations.len() < limits::MAX_VALIDATIONS
                            && c.contains("cell-content-is-in-list")
                        {
                            validations.insert(n, c.chars().take(1000).collect());
                        }
                    }
                }
                b"table:named-range" | b"table:named-expression" => {
                    let address =
                        attr(&e, b"cell-range-address").or_else(|| attr(&e, b"expression"));
                    if let (Some(n), Some(a)) = (attr(&e, b"name"), address) {
                        if ranges.len() < limits::MAX_VALIDATIONS {
                            ranges.insert(n.to_lowercase(), a.chars().take(1000).collect());
                        }
                    }
                }
                b"table:table" => {
                    sheet = attr(&e, b"name").unwrap_or_default();
                    let style = attr(&e, b"style-name");
                    if style.and_then(|s| styles.get(&s)).is_some_and(|s| s.hidden)
                        && hidden.len() < limits::MAX_SHEETS
                    {
                        hidden.push(sheet.clone());
                    }
                    table = tables
                        .iter()
                        .position(|t| t.sheet.as_deref() == Some(sheet.as_str()));
                    columns.clear();
                    (row, col) = (0, 0);
                }
                b"table:table-column" => {
                    let n = number(&e, b"number-columns-repeated");
                    let start = columns.last().map_or(0, |c| c.0 + c.1);
                    if start < limits::MAX_COLUMNS as u64 {
                        columns.push((start, n, attr(&e, b"default-cell-style-name")));
                    }
                }
                b"table:table-row" => {
                    row_repeat = number(&e, b"number-rows-repeated");
                    col = 0;
                    if empty {
                        row = row.saturating_add(row_repeat);
                        row_repeat = 1;
                    }
                }
                b"table:table-cell" | b"table:covered-table-cell" => {
                    let n = number(&e, b"number-columns-repeated");
                    if let Some(v) = attr(&e, b"content-validation-name") {
                        if used.len() < limits::MAX_VALIDATIONS
                            && !used.iter().any(|(s, u)| *s == sheet && *u == v)
                        {
                            used.push((sheet.clone(), v));
                        }
                    }
                    if let Some(t) = table.and_then(|t| tables.get_mut(t)) {
                        match attr(&e, b"style-name") {
                            Some(s) => {
                                let c = colours_of(&s);
                                if c.any() {
                                    lay(t, (row, row + row_repeat), (col, col + n), c);
                                }
                            }
                            None => {
                                // the column's default style, for each column it covers
                                for (start, count, style) in &columns {
                                    let (a, b) = ((*start).max(col), (start + count).min(col + n));
                                    if a >= b {
                                        continue;
                                    }
                                    if let Some(s) = style {
                                        let c = colours_of(s);
                                        if c.any() {
                                            lay(t, (row, row + row_repeat), (a, b), c);
                                        }
                                    }
                                }
                            }
                        }
                    }
                    col = col.saturating_add(n);
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.name().as_ref() == b"table:table-row" => {
                row = row.saturating_add(row_repeat);
                row_repeat = 1;
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let mut lists = Vec::new();
    for (user, v) in used {
        let Some(condition) = validations.get(&v) else {
            continue;
        };
        for list in ods_sources(condition, &ranges) {
            if list != user && !lists.contains(&(user.clone(), list.clone())) {
                lists.push((user.clone(), list));
            }
        }
    }
    OdsFound { lists, hidden }
}

/// The sheets an .ods list condition reads from: `of:cell-content-is-in-list([$Lists.$A$1:.$A$5])`,
/// `'My lists'.A1:A5`, or a named range.
fn ods_sources(condition: &str, ranges: &HashMap<String, String>) -> Vec<String> {
    let inner = condition
        .split_once("cell-content-is-in-list(")
        .map_or("", |(_, r)| r);
    let inner = inner.strip_suffix(')').unwrap_or(inner).trim();
    let inner = ranges
        .get(&inner.trim_matches(['[', ']']).to_lowercase())
        .map_or(inner, |v| v.as_str());
    let mut out = Vec::new();
    for part in inner.split([':', ';']) {
        let p = part.trim().trim_start_matches('[').trim_start_matches('$');
        let name = if let Some(q) = p.strip_prefix('\'') {
            q.split_once('\'').map(|(n, _)| n.replace("''", "'"))
        } else {
            p.split_once('.').map(|(n, _)| n.to_string())
        };
        if let Some(n) = name.filter(|n| !n.is_empty() && !n.starts_with('"')) {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::table::{Cell, Row};

    fn grid(rows: usize, cols: usize) -> Table {
        Table {
            index: 1,
            sheet: Some("Plan".into()),
            before: Vec::new(),
            rows: (0..rows)
                .map(|r| Row {
                    number: r + 1,
                    cells: vec![Cell::text("x"); cols],
                })
                .collect(),
        }
    }

    #[test]
    fn xlsx_fills_fonts_palette_and_theme() {
        let xml = r#"<styleSheet>
          <fonts count="3"><font><color theme="1"/></font><font><color rgb="FF9C0006"/></font><font/></fonts>
          <fills count="6"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>
            <fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor indexed="64"/></patternFill></fill>
            <fill><patternFill patternType="solid"><fgColor indexed="10"/></patternFill></fill>
            <fill><patternFill patternType="solid"><fgColor theme="9" tint="0.5999"/></patternFill></fill>
            <fill><patternFill patternType="solid"><fgColor indexed="2"/></patternFill></fill></fills>
          <cellXfs count="6"><xf fillId="0" fontId="0"/><xf fillId="2" fontId="1"/><xf fillId="3" fontId="0"/>
            <xf fillId="4" fontId="0"/><xf fillId="0" fontId="1"/><xf fillId="5"/></cellXfs>
          <dxfs><dxf><fill><patternFill><bgColor rgb="FF00FF00"/></patternFill></fill></dxf></dxfs>
          <colors><indexedColors><rgbColor rgb="FF000000"/><rgbColor rgb="FFFFFFFF"/><rgbColor rgb="FF00B050"/></indexedColors></colors>
        </styleSheet>"#;
        let s = styles(xml.as_bytes(), &colour::OFFICE_THEME);
        assert_eq!(s.of(0), Colours::default());
        assert_eq!(s.of(1).fill, Some([0xFF, 0xC7, 0xCE]));
        assert_eq!(s.of(1).ink, Some([0x9C, 0, 6]));
        // index 10 is past the workbook's own three-colour palette: the legacy one's red
        assert_eq!(s.of(2).fill, Some([0xFF, 0, 0]));
        // accent 6 (70AD47) lighter 60%
        let t = s.of(3).fill.expect("theme fill");
        assert!(
            t.iter()
                .zip([0xC6, 0xE0, 0xB4])
                .all(|(a, b)| a.abs_diff(b) <= 2),
            "{t:?}"
        );
        assert_eq!(s.of(4).fill, None);
        // the workbook's palette replaces the legacy one
        assert_eq!(s.of(5).fill, Some([0, 0xB0, 0x50]));
        assert_eq!(s.of(99), Colours::default());
    }

    #[test]
    fn a_million_fills_stay_capped() {
        let mut xml = String::from("<styleSheet><fills>");
        for _ in 0..(limits::MAX_STYLES + 10) {
            xml.push_str(r#"<fill><patternFill patternType="solid"><fgColor rgb="FFFF0000"/></patternFill></fill>"#);
        }
        xml.push_str("</fills><cellXfs>");
        for _ in 0..(limits::MAX_STYLES + 10) {
            xml.push_str(r#"<xf fillId="2"/>"#);
        }
        xml.push_str("</cellXfs></styleSheet>");
        let s = styles(xml.as_bytes(), &colour::OFFICE_THEME);
        assert_eq!(s.xfs.len(), limits::MAX_STYLES);
    }

    #[test]
    fn colours_land_only_on_the_tables_cells() {
        let mut t = grid(3, 2);
        t.rows.remove(1);
        let red = Colours {
            fill: Some([0xFF, 0, 0]),
            ink: None,
        };
        lay(&mut t, (0, 1_000_000), (1, 5000), red);
        assert_eq!(t.rows[0].cells[1].fill, Some([0xFF, 0, 0]));
        assert_eq!(t.rows[1].cells[1].fill, Some([0xFF, 0, 0]));
        assert_eq!(t.rows[1].cells[0].fill, None);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(cell_ref("B12"), Some((11, 1)));
        assert_eq!(cell_ref("AA1"), Some((0, 26)));
        assert_eq!(cell_ref("12"), None);
    }

    #[test]
    fn list_sources() {
        let mut names = HashMap::new();
        names.insert("ratings".to_string(), "Lookups!$B$2:$B$4".to_string());
        assert_eq!(source_sheets("Lists!$A$1:$A$5", &names), ["Lists"]);
        assert_eq!(
            source_sheets("='RAG ''lists'''!A:A", &names),
            ["RAG 'lists'"]
        );
        assert_eq!(source_sheets("=Ratings", &names), ["Lookups"]);
        assert!(source_sheets("$A$1:$A$5", &names).is_empty());
        assert!(source_sheets("\"Red,Amber,Green\"", &names).is_empty());
        let ranges = HashMap::new();
        assert_eq!(
            ods_sources("of:cell-content-is-in-list([$Lists.$A$1:.$A$5])", &ranges),
            ["Lists"]
        );
        assert_eq!(
            ods_sources("of:cell-content-is-in-list($'My lists'.A1:.A5)", &ranges),
            ["My lists"]
        );
        assert!(ods_sources("of:cell-content-is-in-list(\"a\";\"b\")", &ranges).is_empty());
    }

    #[test]
    fn ods_styles_through_parents() {
        let mut s = HashMap::new();
        ods_styles(
            &br##"<office:document-styles xmlns:office="o" xmlns:style="s" xmlns:fo="f"><office:styles>
            <style:style style:name="Good" style:family="table-cell"><style:table-cell-properties fo:background-color="#ccffcc"/><style:text-properties fo:color="#006600"/></style:style>
            <style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Good"/>
            <style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Good"><style:table-cell-properties fo:background-color="transparent"/></style:style>
            <style:style style:name="P1" style:family="paragraph"><style:text-properties fo:color="#ff0000"/></style:style>
            </office:styles></office:document-styles>"##[..],
            &mut s,
        );
        assert_eq!(ods_resolve(&s, "ce1").fill, Some([0xCC, 0xFF, 0xCC]));
        assert_eq!(ods_resolve(&s, "ce1").ink, Some([0, 0x66, 0]));
        assert_eq!(ods_resolve(&s, "ce2").fill, None);
        assert_eq!(ods_resolve(&s, "P1"), Colours::default());
    }
}
