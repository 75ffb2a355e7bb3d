//! Ratings read from colour: plans that rate an action by shading its RAG cell (or colouring
//! its text) and write no word. A colour is compared, in CIE Lab (distances there follow what
//! the eye sees), with named reference colours (the fills Office offers and people click:
//! reds, ambers and oranges, yellows, greens, blues, greys), and the nearest family maps to the
//! level of the configured scale named after it (`yellow` and `orange` to `amber` on RAG). A
//! colour key in the document ("Red = …" beside a red cell) takes precedence: its shades mean
//! what it says. White, near-white and black mean nothing; a colour far from every reference
//! reads as no rating, and the report says so.
//!
//! `read_ratings` is the pre-pass import runs on the chosen tables before building the plan:
//! a blank rating cell with a colour that reads as a rating gets the rating's name as its text;
//! words that disagree with their colour are kept, and the disagreement is reported. With no
//! rating column, a status column that rates by colour (shaded blank cells, a coloured "●") is
//! read the same way; blue on a scale without blue is BRAG's done ("Complete"). Pure:
//! tables in, tables and what was read out. The readers' colour tables (Excel's legacy palette,
//! Office's default theme, Word's highlight names, Excel's tint) live here too.

use super::header::{Column, Field, Header};
use super::report::ColourRead;
use super::table::{normalise, Cell, Document, Rgb, Row, Table};
use crate::plan::rating::Scale;
use std::borrow::Cow;

/// Reference colours by family, as `0xRRGGBB`: the fills and text colours of Office's palette
/// and its theme tints (2007 and 2013+), Excel's Good/Neutral/Bad styles, LibreOffice's and
/// Google Sheets' swatches.
const FAMILIES: &[(&str, &[u32])] = &[
    (
        "red",
        &[
            0xFF0000, 0xC00000, 0x9C0006, 0xFFC7CE, 0xFF7C80, 0xE6B8B7, 0xF2DCDB, 0xDA9694,
            0xC0504D, 0x963634, 0x800000, 0xFF8080, 0xFFCCCC, 0xCC0000, 0xE06666, 0xEA9999,
            0xF4CCCC, 0xFF5050, 0xFF3300,
        ],
    ),
    (
        "amber",
        &[
            0xFFC000, 0xFFBF00, 0xFF9900, 0xED7D31, 0xF79646, 0xFABF8F, 0xFCD5B4, 0xF4B084,
            0xF8CBAD, 0xE26B0A, 0xFFA500, 0xFFB347, 0xFFEB9C, 0x9C5700, 0x9C6500, 0xFFD966,
            0xFFCC00, 0xFFCC99, 0xF6B26B, 0xF9CB9C, 0xE69138, 0xC65911, 0xFF6600, 0x996600,
        ],
    ),
    (
        "yellow",
        &[
            0xFFFF00, 0xFFFF99, 0xFFFFCC, 0xFFF2CC, 0xFFE699, 0xFFFF66, 0xFFD700, 0xFFE599,
            0xFFF2CC, 0xF1C232, 0xFFFF33,
        ],
    ),
    (
        "green",
        &[
            0x00B050, 0x92D050, 0x00FF00, 0x008000, 0x006100, 0xC6EFCE, 0x9BBB59, 0xC4D79B,
            0xD8E4BC, 0xEBF1DE, 0x70AD47, 0xA9D08E, 0xC6E0B4, 0xE2EFDA, 0x548235, 0x375623,
            0x76933C, 0x4F6228, 0xCCFFCC, 0x006600, 0xB6D7A8, 0xD9EAD3, 0x93C47D, 0x6AA84F,
            0x38761D, 0x00CC00, 0x33CC33, 0x66FF66, 0x99FF99, 0x99CC00, 0x339966, 0x00CC66,
        ],
    ),
    (
        "blue",
        &[
            0x0070C0, 0x00B0F0, 0x4F81BD, 0x5B9BD5, 0x4472C4, 0x9BC2E6, 0xBDD7EE, 0xDDEBF7,
            0x0000FF, 0x002060, 0x8DB4E2, 0xB8CCE4, 0xDCE6F1, 0x1F4E78, 0x2F75B5, 0x00FFFF,
            0x99CCFF, 0xCCECFF, 0x3366FF, 0x6FA8DC, 0xCFE2F3, 0x9FC5E8, 0x0563C1, 0x000080,
            0x00CCFF, 0xCCFFFF, 0x8EA9DB, 0xB4C6E7, 0xD9E1F2,
        ],
    ),
    (
        "grey",
        &[
            0x808080, 0xA6A6A6, 0xBFBFBF, 0xD9D9D9, 0x7F7F7F, 0x595959, 0xC0C0C0, 0x969696,
            0xD0CECE, 0xAEAAAA, 0x767171, 0xE7E6E6, 0xD8D8D8, 0x999999, 0xCCCCCC, 0xB7B7B7,
            0x404040, 0xA5A5A5, 0xDBDBDB, 0xEDEDED,
        ],
    ),
    (
        "purple",
        &[
            0x7030A0, 0x8064A2, 0xB1A0C7, 0xCCC0DA, 0xE4DFEC, 0x800080, 0x9966FF, 0xCC99FF,
            0xFF00FF, 0x8E7CC3, 0xB4A7D6, 0xD9D2E9, 0x954F72,
        ],
    ),
];

/// The levels a family can name, in order of preference: a scale without `amber` may call
/// its middle rating `yellow` or `orange`.
const FAMILY_LEVELS: &[(&str, &[&str])] = &[
    ("red", &["red"]),
    ("amber", &["amber", "orange", "yellow"]),
    ("yellow", &["yellow", "amber", "orange"]),
    ("green", &["green"]),
    ("blue", &["blue"]),
    ("grey", &["grey", "gray"]),
    ("purple", &["purple", "violet"]),
];

/// Colour words (in a key, a level's name) and their family.
const WORDS: &[(&str, &str)] = &[
    ("red", "red"),
    ("amber", "amber"),
    ("orange", "amber"),
    ("yellow", "yellow"),
    ("green", "green"),
    ("blue", "blue"),
    ("grey", "grey"),
    ("gray", "grey"),
    ("purple", "purple"),
    ("violet", "purple"),
];

/// Beyond this distance (CIE76 ΔE) from every reference colour, a colour reads as no rating.
const FAR: f32 = 20.0;
/// Within this distance of a key's shade, a colour means what the key says.
const KEY_NEAR: f32 = 18.0;

/// Excel's legacy palette (`indexed` colours 0–63; 64 is the system text colour, 65 the
/// system background).
pub const INDEXED: [u32; 66] = [
    0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF, 0x000000,
    0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF, 0x800000, 0x008000,
    0x000080, 0x808000, 0x800080, 0x008080, 0xC0C0C0, 0x808080, 0x9999FF, 0x993366, 0xFFFFCC,
    0xCCFFFF, 0x660066, 0xFF8080, 0x0066CC, 0xCCCCFF, 0x000080, 0xFF00FF, 0xFFFF00, 0x00FFFF,
    0x800080, 0x800000, 0x008080, 0x0000FF, 0x00CCFF, 0xCCFFFF, 0xCCFFCC, 0xFFFF99, 0x99CCFF,
    0xFF99CC, 0xCC99FF, 0xFFCC99, 0x3366FF, 0x33CCCC, 0x99CC00, 0xFFCC00, 0xFF9900, 0xFF6600,
    0x666699, 0x969696, 0x003366, 0x339966, 0x003300, 0x333300, 0x993300, 0x993366, 0x333399,
    0x333333, 0x000000, 0xFFFFFF,
];

/// Office's default theme (2016 and later), in Excel's theme index order: light 1, dark 1,
/// light 2, dark 2, accents 1–6, hyperlink, followed hyperlink.
pub const OFFICE_THEME: [Rgb; 12] = [
    [0xFF, 0xFF, 0xFF],
    [0x00, 0x00, 0x00],
    [0xE7, 0xE6, 0xE6],
    [0x44, 0x54, 0x6A],
    [0x44, 0x72, 0xC4],
    [0xED, 0x7D, 0x31],
    [0xA5, 0xA5, 0xA5],
    [0xFF, 0xC0, 0x00],
    [0x5B, 0x9B, 0xD5],
    [0x70, 0xAD, 0x47],
    [0x05, 0x63, 0xC1],
    [0x95, 0x4F, 0x72],
];

/// A theme colour's index (Excel's order) from the names Word (`w:themeFill`) and DrawingML
/// (`a:clrScheme`) give it.
pub fn theme_index(name: &str) -> Option<usize> {
    Some(match name {
        "light1" | "background1" | "lt1" | "bg1" => 0,
        "dark1" | "text1" | "dk1" | "tx1" => 1,
        "light2" | "background2" | "lt2" | "bg2" => 2,
        "dark2" | "text2" | "dk2" | "tx2" => 3,
        "accent1" => 4,
        "accent2" => 5,
        "accent3" => 6,
        "accent4" => 7,
        "accent5" => 8,
        "accent6" => 9,
        "hyperlink" | "hlink" => 10,
        "followedHyperlink" | "folHlink" => 11,
        _ => return None,
    })
}

/// Word's highlight colours (`w:highlight`) by name.
pub fn highlight(name: &str) -> Option<Rgb> {
    let v = match name {
        "yellow" => 0xFFFF00,
        "green" => 0x00FF00,
        "cyan" => 0x00FFFF,
        "magenta" => 0xFF00FF,
        "blue" => 0x0000FF,
        "red" => 0xFF0000,
        "darkBlue" => 0x000080,
        "darkCyan" => 0x008080,
        "darkGreen" => 0x008000,
        "darkMagenta" => 0x800080,
        "darkRed" => 0x800000,
        "darkYellow" => 0x808000,
        "darkGray" => 0x808080,
        "lightGray" => 0xC0C0C0,
        "black" => 0x000000,
        "white" => 0xFFFFFF,
        _ => return None,
    };
    Some(rgb(v))
}

/// `0xRRGGBB` as bytes.
pub fn rgb(v: u32) -> Rgb {
    [(v >> 16) as u8, (v >> 8) as u8, v as u8]
}

/// A colour written as hex: `FF0000`, `#ff0000`, or Excel's ARGB `FFFF0000`. `None` for
/// anything else ("auto", a named colour).
pub fn hex(text: &str) -> Option<Rgb> {
    let t = text.trim().trim_start_matches('#');
    let t = match t.len() {
        6 => t,
        8 => t.get(2..)?,
        _ => return None,
    };
    let v = u32::from_str_radix(t, 16).ok()?;
    Some(rgb(v))
}

/// `#RRGGBB`, as the report shows a colour.
pub fn hex_string(c: Rgb) -> String {
    format!("#{:02X}{:02X}{:02X}", c[0], c[1], c[2])
}

/// Excel's tint (`tint="0.3999"`): lightens towards white (positive) or darkens towards black
/// (negative) in HLS lightness, as Excel draws it.
pub fn tint(c: Rgb, tint: f64) -> Rgb {
    if !tint.is_finite() || tint == 0.0 {
        return c;
    }
    let tint = tint.clamp(-1.0, 1.0);
    let (h, l, s) = to_hls(c);
    let l = if tint < 0.0 {
        l * (1.0 + tint)
    } else {
        l * (1.0 - tint) + tint
    };
    from_hls(h, l.clamp(0.0, 1.0), s)
}

fn to_hls(c: Rgb) -> (f64, f64, f64) {
    let [r, g, b] = c.map(|v| f64::from(v) / 255.0);
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let l = (max + min) / 2.0;
    if (max - min).abs() < f64::EPSILON {
        return (0.0, l, 0.0);
    }
    let d = max - min;
    let s = if l > 0.5 {
        d / (2.0 - max - min)
    } else {
        d / (max + min)
    };
    let h = if (max - r).abs() < f64::EPSILON {
        (g - b) / d + if g < b { 6.0 } else { 0.0 }
    } else if (max - g).abs() < f64::EPSILON {
        (b - r) / d + 2.0
    } else {
        (r - g) / d + 4.0
    } / 6.0;
    (h, l, s)
}

fn from_hls(h: f64, l: f64, s: f64) -> Rgb {
    if s == 0.0 {
        let v = (l * 255.0).round() as u8;
        return [v, v, v];
    }
    let q = if l < 0.5 {
        l * (1.0 + s)
    } else {
        l + s - l * s
    };
    let p = 2.0 * l - q;
    let channel = |t: f64| {
        let t = t.rem_euclid(1.0);
        let v = if t < 1.0 / 6.0 {
            p + (q - p) * 6.0 * t
        } else if t < 0.5 {
            q
        } else if t < 2.0 / 3.0 {
            p + (q - p) * (2.0 / 3.0 - t) * 6.0
        } else {
            p
        };
        (v * 255.0).round().clamp(0.0, 255.0) as u8
    };
    [channel(h + 1.0 / 3.0), channel(h), channel(h - 1.0 / 3.0)]
}

type Lab = [f32; 3];

/// sRGB (D65) to CIE L*a*b*.
fn lab(c: Rgb) -> Lab {
    let lin = |u: u8| {
        let v = f32::from(u) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let (r, g, b) = (lin(c[0]), lin(c[1]), lin(c[2]));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.950_47;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.088_83;
    let f = |t: f32| {
        if t > 0.008_856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

fn distance(a: Lab, b: Lab) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

/// What a colour says on a scale.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    /// White, near-white or black: an ordinary cell, not a rating.
    Plain,
    /// The level at `rank`, from the family `family` ("red"), or from the document's key.
    Level {
        rank: usize,
        family: &'static str,
        key: bool,
    },
    /// A colour of a family no level of the scale is named after (grey or blue on RAG).
    Off { family: &'static str },
    /// Far from every reference colour.
    Far,
}

/// Where a reference colour leads: a family, or straight to a level (a blend such as
/// five-point's `amber-green`).
#[derive(Debug, Clone, Copy)]
enum Target {
    Family(&'static str),
    Level(usize),
}

/// The reference colours for one scale, and the document's key if it has one.
pub struct Palette<'s> {
    scale: &'s Scale,
    refs: Vec<(Lab, Target)>,
    /// (family, level) for each family that names a level.
    levels: Vec<(&'static str, Option<usize>)>,
    /// The document's key: shade and the level it stands for.
    key: Vec<(Rgb, Lab, usize)>,
}

fn family_of_word(word: &str) -> Option<&'static str> {
    WORDS.iter().find(|(w, _)| *w == word).map(|(_, f)| *f)
}

fn primary(family: &str) -> Option<Rgb> {
    FAMILIES
        .iter()
        .find(|(f, _)| *f == family)
        .and_then(|(_, c)| c.first())
        .map(|v| rgb(*v))
}

impl<'s> Palette<'s> {
    pub fn new(scale: &'s Scale) -> Palette<'s> {
        let mut refs = Vec::new();
        for (family, colours) in FAMILIES {
            for c in *colours {
                refs.push((lab(rgb(*c)), Target::Family(family)));
            }
        }
        // a level named after two colours ("amber-green") is the colour between them
        for (rank, level) in scale.levels.iter().enumerate() {
            let parts: Vec<&str> = level.name.split('-').collect();
            if let [a, b] = parts.as_slice() {
                if let (Some(a), Some(b)) = (
                    family_of_word(a).and_then(primary),
                    family_of_word(b).and_then(primary),
                ) {
                    let (a, b) = (lab(a), lab(b));
                    let mid = [
                        (a[0] + b[0]) / 2.0,
                        (a[1] + b[1]) / 2.0,
                        (a[2] + b[2]) / 2.0,
                    ];
                    refs.push((mid, Target::Level(rank)));
                }
            }
        }
        let levels = FAMILY_LEVELS
            .iter()
            .map(|(family, names)| {
                let rank = names.iter().find_map(|n| scale.resolve(n).map(|r| r.rank));
                (*family, rank)
            })
            .collect();
        Palette {
            scale,
            refs,
            levels,
            key: Vec::new(),
        }
    }

    /// Whether any level of the scale is named after a colour (else colours mean nothing).
    pub fn any_colour_level(&self) -> bool {
        self.levels.iter().any(|(_, l)| l.is_some())
    }

    fn level_of_family(&self, family: &str) -> Option<usize> {
        self.levels
            .iter()
            .find(|(f, _)| *f == family)
            .and_then(|(_, l)| *l)
    }

    /// The level a word names: the scale's own name or alias, or a colour word whose family
    /// names a level ("Yellow" is amber on RAG).
    pub fn level_of_word(&self, word: &str) -> Option<usize> {
        if let Some(r) = self.scale.resolve(word) {
            return Some(r.rank);
        }
        family_of_word(&crate::plan::rating::normalise(word)).and_then(|f| self.level_of_family(f))
    }

    /// The name of the level at `rank`.
    pub fn name(&self, rank: usize) -> &str {
        self.scale.levels.get(rank).map_or("", |l| l.name.as_str())
    }

    /// Adds a key entry: `shade` stands for the level at `rank`. A shade the key already gives
    /// another level is ambiguous and dropped.
    fn add_key(&mut self, shade: Rgb, rank: usize) -> bool {
        let l = lab(shade);
        if let Some(i) = self.key.iter().position(|(_, k, _)| distance(*k, l) < 1.0) {
            if self.key[i].2 != rank {
                self.key.remove(i);
                return false;
            }
            return true;
        }
        self.key.push((shade, l, rank));
        true
    }

    /// What `colour` says.
    pub fn read(&self, colour: Rgb) -> Reading {
        let l = lab(colour);
        let chroma = (l[1] * l[1] + l[2] * l[2]).sqrt();
        if (l[0] >= 94.0 && chroma <= 8.0) || (l[0] <= 18.0 && chroma <= 10.0) {
            return Reading::Plain;
        }
        if let Some((_, _, rank)) = self
            .key
            .iter()
            .map(|k| (distance(k.1, l), k))
            .filter(|(d, _)| *d <= KEY_NEAR)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, k)| k)
        {
            return Reading::Level {
                rank: *rank,
                family: "key",
                key: true,
            };
        }
        let Some((d, target)) = self
            .refs
            .iter()
            .map(|(r, t)| (distance(*r, l), *t))
            .min_by(|a, b| a.0.total_cmp(&b.0))
        else {
            return Reading::Far;
        };
        if d > FAR {
            return Reading::Far;
        }
        match target {
            Target::Level(rank) => Reading::Level {
                rank,
                family: "blend",
                key: false,
            },
            Target::Family(family) => match self.level_of_family(family) {
                Some(rank) => Reading::Level {
                    rank,
                    family,
                    key: false,
                },
                None => Reading::Off { family },
            },
        }
    }
}

/// The chosen tables after the colour pass, with what it read.
pub struct Coloured<'d> {
    pub tables: Vec<(Cow<'d, Table>, Header)>,
    pub reads: Vec<ColourRead>,
    pub notes: Vec<String>,
}

/// How the rows of the chosen tables are named in the report, as the builder names them.
#[derive(Debug, Clone, Copy)]
pub struct Places {
    pub name_tables: bool,
    pub lines: bool,
}

impl Places {
    fn of(self, table: &Table, row: &Row) -> String {
        super::table::place(table, row, self.name_tables, self.lines)
    }
}

/// Whether a cell's text carries words (letters or digits), not only a symbol ("●", "-").
fn has_words(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// The cell's colour and where it came from: the fill when it says something, else the ink.
fn colour_of(cell: &Cell, palette: &Palette<'_>) -> Option<(Rgb, &'static str, Reading)> {
    let fill = cell.fill.map(|c| (c, "fill", palette.read(c)));
    let ink = cell.ink.map(|c| (c, "text", palette.read(c)));
    match (fill, ink) {
        (Some(f), _) if matches!(f.2, Reading::Level { .. }) => Some(f),
        (_, Some(i)) if matches!(i.2, Reading::Level { .. }) => Some(i),
        (Some(f), _) if f.2 != Reading::Plain => Some(f),
        (_, Some(i)) if i.2 != Reading::Plain => Some(i),
        _ => None,
    }
}

/// The shade of a whole table (decoration): one fill on nine in ten of the cells of its rows
/// from `first`, the rating column's aside.
fn background(table: &Table, first: usize, rating_column: usize) -> Option<Rgb> {
    let mut counts: Vec<(Rgb, usize)> = Vec::new();
    let mut total = 0usize;
    for row in table.rows.iter().skip(first) {
        for (i, c) in row.cells.iter().enumerate() {
            if i == rating_column || c.span == 0 {
                continue;
            }
            total += 1;
            if let Some(f) = c.fill {
                if let Some(i) = counts.iter().position(|(k, _)| *k == f) {
                    counts[i].1 += 1;
                } else if counts.len() < 64 {
                    counts.push((f, 1));
                }
            }
        }
    }
    counts
        .into_iter()
        .find(|(_, n)| total > 0 && n * 10 >= total * 9)
        .map(|(f, _)| f)
}

/// A row that holds an action's values, not a heading: two cells with text besides the
/// rating column's, or one when the rating cell's shade is its own (a heading row, shaded
/// whole, must not become an action by its colour).
fn action_like(row: &Row, rating_column: usize) -> bool {
    let others = row
        .cells
        .iter()
        .enumerate()
        .filter(|(i, c)| *i != rating_column && !c.is_blank() && !c.merged_from_above)
        .count();
    let own_shade = row.cell(rating_column).is_some_and(|r| {
        r.fill.is_some()
            && row
                .cells
                .iter()
                .enumerate()
                .filter(|(i, c)| *i != rating_column && c.span != 0)
                .all(|(_, c)| c.fill != r.fill)
    });
    others >= 2 || (others == 1 && own_shade)
}

/// The id of a row, as the report names its action ("1." is "1").
fn action_id(row: &Row, header: &Header) -> Option<String> {
    let c = header.columns.iter().find(|c| c.field == Some(Field::Id))?;
    let cell = row.cells.get(c.index)?;
    let t = normalise(&cell.text);
    let t = t.lines().next()?.trim().trim_end_matches('.').to_string();
    (!t.is_empty()).then_some(t)
}

/// Reads ratings from colour in the chosen tables (see the module's doc). `colours_read` is
/// false for a format whose colours the reader does not read (.xls): a blank rating column
/// then gets a note saying so.
pub fn read_ratings<'d>(
    chosen: &[(&'d Table, Header)],
    doc: &Document,
    scale: &Scale,
    places: Places,
    colours_read: bool,
) -> Coloured<'d> {
    let mut palette = Palette::new(scale);
    let mut out = Coloured {
        tables: chosen
            .iter()
            .map(|(t, h)| (Cow::Borrowed(*t), h.clone()))
            .collect(),
        reads: Vec::new(),
        notes: Vec::new(),
    };
    if !palette.any_colour_level() {
        return out;
    }
    if !colours_read {
        let blank = chosen.iter().any(|(t, h)| {
            h.columns
                .iter()
                .find(|c| c.field == Some(Field::Rag))
                .is_some_and(|c| {
                    t.rows
                        .iter()
                        .skip(h.row + 1)
                        .all(|r| r.cell(c.index).is_none_or(Cell::is_blank))
                })
        });
        if blank {
            out.notes.push("the rating column is blank: planlint does not read the cell colours of an Excel 97-2003 workbook (.xls); if the ratings are shown by colour, save it as .xlsx and import that".to_string());
        }
        return out;
    }
    key(doc, chosen, &mut palette, &mut out.notes);
    if !chosen.iter().any(|(_, h)| h.has(Field::Rag)) {
        for (t, h) in &mut out.tables {
            if let Some(column) = unheaded_colours(t, h, &palette) {
                out.notes.push(format!(
                    "{}: column {} has no header but holds only colours: read as the rating",
                    table_name(t),
                    column + 1
                ));
                let at = h
                    .columns
                    .iter()
                    .position(|c| c.index > column)
                    .unwrap_or(h.columns.len());
                h.columns.insert(
                    at,
                    Column {
                        index: column,
                        span: 1,
                        header: format!("(column {} has no header)", column + 1),
                        field: Some(Field::Rag),
                        date: None,
                        why: None,
                        mapped: false,
                        confidence: Some(60),
                        guess: None,
                        note: Some("its cells are only colours: read as the rating".to_string()),
                    },
                );
            }
        }
    }
    for (table, header) in &mut out.tables {
        let rating = header
            .columns
            .iter()
            .find(|c| c.field == Some(Field::Rag))
            .map(|c| c.index);
        let Some(column) = rating.or_else(|| {
            let c = coloured_status(table, header, &palette)?;
            out.notes.push(format!(
                "{}: the \"{}\" column shows ratings by colour, not words: its colours are read as the rating",
                table_name(table),
                header.column_at(c).map_or("", |h| h.header.as_str())
            ));
            Some(c)
        }) else {
            continue;
        };
        let mut writes: Vec<(usize, String)> = Vec::new();
        let background = background(table, header.row + 1, column);
        for (ri, row) in table.rows.iter().enumerate().skip(header.row + 1) {
            let Some(cell) = row.cell(column) else {
                continue;
            };
            if cell.span == 0 || cell.merged_from_above || !action_like(row, column) {
                continue;
            }
            // the table's own background says nothing of the rating
            let own;
            let cell = if cell.fill.is_some() && cell.fill == background {
                own = Cell {
                    fill: None,
                    ..cell.clone()
                };
                &own
            } else {
                cell
            };
            let Some((colour, from, reading)) = colour_of(cell, &palette) else {
                continue;
            };
            let text = normalise(&cell.text).replace('\n', " ");
            let mut read = ColourRead {
                place: places.of(table, row),
                action: action_id(row, header),
                colour: hex_string(colour),
                from,
                rating: None,
                note: String::new(),
            };
            if has_words(&text) {
                let Reading::Level { rank, .. } = reading else {
                    continue;
                };
                let said = palette
                    .level_of_word(&text)
                    .or_else(|| initial(&palette, &text));
                if let Some(said) = said.filter(|s| *s != rank) {
                    read.rating = Some(palette.name(rank).to_string());
                    read.note = format!(
                        "words kept: the cell says \"{}\" ({}), its colour reads as {}",
                        super::table::short(&text, 30),
                        palette.name(said),
                        palette.name(rank)
                    );
                    out.reads.push(read);
                }
                continue;
            }
            match reading {
                Reading::Level { rank, key, .. } => {
                    let name = palette.name(rank).to_string();
                    writes.push((ri, name.clone()));
                    read.note = if key {
                        "rating from colour, by the document's colour key".to_string()
                    } else {
                        "rating from colour".to_string()
                    };
                    read.rating = Some(name);
                }
                // BRAG's blue on a scale without blue: the action is complete
                Reading::Off { family }
                    if super::words::blue_on_a_scale_without_blue(family, scale) =>
                {
                    writes.push((ri, "Complete".to_string()));
                    read.note = format!(
                        "the colour reads as blue, BRAG's rating for done, which the scale ({}) does not have: status complete",
                        scale.names().collect::<Vec<_>>().join(", ")
                    );
                }
                Reading::Off { family } => {
                    read.note = format!(
                        "the colour reads as {family}, which is not a rating on the scale ({}): left blank",
                        scale.names().collect::<Vec<_>>().join(", ")
                    );
                }
                Reading::Far => {
                    read.note = "the colour is near no rating's colour: left blank".to_string();
                }
                Reading::Plain => continue,
            }
            out.reads.push(read);
        }
        if !writes.is_empty() {
            let t = table.to_mut();
            for (ri, name) in writes {
                if let Some(cell) = t.rows.get_mut(ri).and_then(|r| r.cells.get_mut(column)) {
                    cell.text = name;
                }
            }
        }
    }
    out
}

/// "G", "A", "R": the one level whose name starts with the letter.
fn initial(palette: &Palette<'_>, text: &str) -> Option<usize> {
    let mut chars = text.trim().trim_end_matches('.').chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    let c = c.to_ascii_lowercase();
    let mut found = palette
        .scale
        .levels
        .iter()
        .enumerate()
        .filter(|(_, l)| l.name.starts_with(c));
    match (found.next(), found.next()) {
        (Some((rank, _)), None) => Some(rank),
        _ => None,
    }
}

fn table_name(t: &Table) -> String {
    match &t.sheet {
        Some(s) => format!("sheet \"{s}\""),
        None => format!("table {}", t.index),
    }
}

/// Tables small enough to be a colour key.
const KEY_ROWS: usize = 12;

/// Finds the document's colour key and adds it to the palette: in tables that are not read as
/// the plan (and the rows above a chosen table's header), a shaded cell whose text starts with
/// a rating ("Red = significant slippage"), or a shaded blank cell beside one ("[red] | Red –
/// off track").
fn key(
    doc: &Document,
    chosen: &[(&Table, Header)],
    palette: &mut Palette<'_>,
    notes: &mut Vec<String>,
) {
    let mut rows: Vec<(&Table, &Row)> = Vec::new();
    for t in &doc.tables {
        match chosen.iter().find(|(c, _)| std::ptr::eq(*c, t)) {
            Some((_, h)) => rows.extend(t.rows.iter().take(h.row).map(|r| (t, r))),
            None if t.rows.len() <= KEY_ROWS => rows.extend(t.rows.iter().map(|r| (t, r))),
            None => {}
        }
    }
    let mut found: Vec<(Rgb, usize)> = Vec::new();
    let mut place = None;
    for (t, row) in rows {
        for (i, cell) in row.cells.iter().enumerate() {
            // a key is shaded cells, or words written in their colour ("Red" in red)
            let Some(shade) = cell.fill.or(cell.ink.filter(|_| has_words(&cell.text))) else {
                continue;
            };
            if palette.read(shade) == Reading::Plain {
                continue;
            }
            let own = normalise(&cell.text);
            let text = if has_words(&own) {
                own
            } else {
                match row.cells.get(i + 1) {
                    Some(next) if next.fill != cell.fill => normalise(&next.text),
                    _ => continue,
                }
            };
            let rank = key_word(&text)
                .and_then(|w| palette.level_of_word(w).or_else(|| initial(palette, w)));
            if let Some(rank) = rank {
                found.push((shade, rank));
                place.get_or_insert_with(|| table_name(t));
            }
        }
    }
    let mut kept = Vec::new();
    for (shade, rank) in found {
        if palette.add_key(shade, rank) {
            kept.push((shade, rank));
        }
    }
    kept.retain(|(s, _)| palette.key.iter().any(|k| k.0 == *s));
    kept.dedup();
    if !kept.is_empty() {
        let list: Vec<String> = kept
            .iter()
            .map(|(s, r)| format!("{} = {}", hex_string(*s), palette.name(*r)))
            .collect();
        notes.push(format!(
            "colour key found in {}: {}; shaded cells near these colours are read by it",
            place.unwrap_or_default(),
            list.join(", ")
        ));
    }
}

/// The words a key entry starts with, before its separator: "Red" in "Red = significant
/// slippage", "Red – off track", "RED: …", or the whole text when it is only the word. `None`
/// for text that goes on without a separator ("Red Lion Project").
fn key_word(text: &str) -> Option<&str> {
    // a bullet or swatch before the word ("● Red: off track") is no part of it
    let t = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim();
    let end = t
        .find(['=', ':', '–', '—', '(', ',', ';', '\n'])
        .into_iter()
        .chain(t.find(" - "))
        .min()
        .unwrap_or(t.len());
    let w = t[..end].trim();
    (!w.is_empty() && w.split_whitespace().count() <= 2).then_some(w)
}

/// With no rating column, the status column when it rates by colour: its cells without words
/// (blank, or a symbol such as "●") carry colours that read as ratings in two or more action
/// rows and in at least half the rows whose cell has no words. Its words ("Complete") stay
/// statuses; the builder reads a rating's name written in a status cell as the rating.
fn coloured_status(table: &Table, header: &Header, palette: &Palette<'_>) -> Option<usize> {
    let column = header
        .columns
        .iter()
        .find(|c| c.field == Some(Field::Status))?
        .index;
    let background = background(table, header.row + 1, column);
    let (mut wordless, mut coloured) = (0usize, 0usize);
    for row in table.rows.iter().skip(header.row + 1) {
        let Some(cell) = row.cell(column) else {
            continue;
        };
        if cell.span == 0
            || cell.merged_from_above
            || has_words(&cell.text)
            || !action_like(row, column)
        {
            continue;
        }
        wordless += 1;
        let fill = cell.fill.filter(|f| Some(*f) != background);
        let cell = Cell {
            fill,
            ..cell.clone()
        };
        if let Some((_, _, Reading::Level { .. })) = colour_of(&cell, palette) {
            coloured += 1;
        }
    }
    (coloured >= 2 && coloured * 2 >= wordless).then_some(column)
}

/// A column with no header whose cells hold no text but colours that read as ratings, in at
/// least half the action rows (and two or more): the rating column a plan left unnamed.
fn unheaded_colours(table: &Table, header: &Header, palette: &Palette<'_>) -> Option<usize> {
    let width = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let head = table.rows.get(header.row)?;
    (0..width)
        .filter(|g| header.column_at(*g).is_none())
        .filter(|g| head.cell(*g).is_none_or(|c| c.is_blank() && c.span != 0))
        .map(|g| {
            let (mut rows, mut coloured, mut texted) = (0usize, 0usize, 0usize);
            for row in table.rows.iter().skip(header.row + 1) {
                if !action_like(row, g) {
                    continue;
                }
                rows += 1;
                let Some(cell) = row.cell(g) else {
                    continue;
                };
                if has_words(&cell.text) {
                    texted += 1;
                } else if let Some((_, _, Reading::Level { .. })) = colour_of(cell, palette) {
                    coloured += 1;
                }
            }
            (g, rows, coloured, texted)
        })
        .filter(|(_, rows, coloured, texted)| {
            *texted == 0 && *coloured >= 2 && coloured * 2 >= *rows
        })
        .max_by_key(|(_, _, coloured, _)| *coloured)
        .map(|(g, ..)| g)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rag() -> Scale {
        Scale::preset("rag").expect("preset")
    }

    fn level(p: &Palette<'_>, c: u32) -> Option<String> {
        match p.read(rgb(c)) {
            Reading::Level { rank, .. } => Some(p.name(rank).to_string()),
            _ => None,
        }
    }

    #[test]
    fn office_fills_read_as_rag() {
        let s = rag();
        let p = Palette::new(&s);
        for (c, want) in [
            (0xFF0000, "red"),
            (0xC00000, "red"),
            (0xFFC7CE, "red"),
            (0xFFC000, "amber"),
            (0xFFEB9C, "amber"),
            (0xFFFF00, "amber"),
            (0xFF9900, "amber"),
            (0xED7D31, "amber"),
            (0x00B050, "green"),
            (0x92D050, "green"),
            (0xC6EFCE, "green"),
            (0x00FF00, "green"),
            // near but not equal to a reference
            (0xFE0102, "red"),
            (0xFFC20A, "amber"),
            (0x10B055, "green"),
            // LibreOffice's Good / Neutral / Bad
            (0xCCFFCC, "green"),
            (0xFFFFCC, "amber"),
            (0xFFCCCC, "red"),
        ] {
            assert_eq!(level(&p, c).as_deref(), Some(want), "{c:06X}");
        }
    }

    #[test]
    fn white_black_grey_and_blue_are_not_rag_ratings() {
        let s = rag();
        let p = Palette::new(&s);
        assert_eq!(p.read(rgb(0xFFFFFF)), Reading::Plain);
        assert_eq!(p.read(rgb(0xF2F2F2)), Reading::Plain);
        assert_eq!(p.read(rgb(0x000000)), Reading::Plain);
        assert_eq!(p.read(rgb(0xBFBFBF)), Reading::Off { family: "grey" });
        assert_eq!(p.read(rgb(0x0070C0)), Reading::Off { family: "blue" });
        // teal and brown are near nothing
        assert_eq!(p.read(rgb(0x008B8B)), Reading::Far);
        assert_eq!(p.read(rgb(0x6B4226)), Reading::Far);
    }

    #[test]
    fn blue_is_brag_blue_and_blends_are_five_point_levels() {
        let s = Scale::preset("brag").expect("preset");
        let p = Palette::new(&s);
        assert_eq!(level(&p, 0x0070C0).as_deref(), Some("blue"));
        assert_eq!(level(&p, 0xBDD7EE).as_deref(), Some("blue"));
        let s = Scale::preset("five-point").expect("preset");
        let p = Palette::new(&s);
        assert_eq!(level(&p, 0xFF0000).as_deref(), Some("red"));
        assert_eq!(level(&p, 0xFFC000).as_deref(), Some("amber"));
        assert_eq!(level(&p, 0x00B050).as_deref(), Some("green"));
        // halfway between amber and green, and between red and amber
        assert_eq!(level(&p, 0xA8B832).as_deref(), Some("amber-green"));
        assert_eq!(level(&p, 0xFF8000).as_deref(), Some("amber-red"));
    }

    #[test]
    fn a_custom_scale_matches_levels_named_after_colours() {
        let mut s = rag();
        s.preset = "custom".into();
        s.levels[1].name = "yellow".into();
        let p = Palette::new(&s);
        assert_eq!(level(&p, 0xFFC000).as_deref(), Some("yellow"));
        assert_eq!(level(&p, 0xFFFF00).as_deref(), Some("yellow"));
        s.levels
            .iter_mut()
            .for_each(|l| l.name = format!("{}x", l.name));
        assert!(!Palette::new(&s).any_colour_level());
    }

    #[test]
    fn a_key_takes_precedence() {
        let s = rag();
        let mut p = Palette::new(&s);
        // this document shades green in a teal that the references call nothing
        assert_eq!(p.read(rgb(0x008B8B)), Reading::Far);
        assert!(p.add_key(rgb(0x008B8B), 2));
        assert_eq!(level(&p, 0x008B8B).as_deref(), Some("green"));
        assert_eq!(level(&p, 0x028D8D).as_deref(), Some("green"));
        // one shade given two ratings is ambiguous and dropped
        assert!(p.add_key(rgb(0x123456), 0));
        assert!(!p.add_key(rgb(0x123456), 1));
        assert_eq!(p.key.len(), 1);
    }

    #[test]
    fn hex_tint_and_words() {
        assert_eq!(hex("FFC7CE"), Some([0xFF, 0xC7, 0xCE]));
        assert_eq!(hex("#c6efce"), Some([0xC6, 0xEF, 0xCE]));
        assert_eq!(hex("FF00B050"), Some([0x00, 0xB0, 0x50]));
        assert_eq!(hex("auto"), None);
        assert_eq!(hex_string([0, 0xB0, 0x50]), "#00B050");
        // Excel's "Accent 2, lighter 60%" on the 2016 theme
        let t = tint(OFFICE_THEME[5], 0.5999);
        assert!(
            t.iter()
                .zip([0xF8, 0xCB, 0xAD])
                .all(|(a, b)| a.abs_diff(b) <= 2),
            "{t:?}"
        );
        assert_eq!(tint([10, 20, 30], 0.0), [10, 20, 30]);
        let s = rag();
        let p = Palette::new(&s);
        assert_eq!(p.level_of_word("AMBER"), Some(1));
        assert_eq!(p.level_of_word("Yellow"), Some(1));
        assert_eq!(initial(&p, "G"), Some(2));
        assert_eq!(initial(&p, "x"), None);
        assert_eq!(key_word("Red = significant slippage"), Some("Red"));
        assert_eq!(key_word("AMBER: some risk"), Some("AMBER"));
        assert_eq!(key_word("Green - on track"), Some("Green"));
        assert_eq!(key_word("Amber/Green"), Some("Amber/Green"));
        assert_eq!(key_word("Red Lion Project board"), None);
        assert_eq!(key_word("● Red: off track"), Some("Red"));
        assert_eq!(key_word("■ Green"), Some("Green"));
        assert_eq!(key_word("●"), None);
    }

    fn cell(text: &str, fill: Option<u32>) -> Cell {
        Cell {
            fill: fill.map(rgb),
            ..Cell::text(text)
        }
    }

    fn table(rows: Vec<Vec<Cell>>) -> Table {
        Table {
            index: 2,
            sheet: None,
            before: Vec::new(),
            rows: rows
                .into_iter()
                .enumerate()
                .map(|(i, cells)| Row {
                    number: i + 1,
                    cells,
                })
                .collect(),
        }
    }

    fn header(fields: &[(usize, &str, Option<Field>)]) -> Header {
        Header {
            row: 0,
            columns: fields
                .iter()
                .map(|(i, h, f)| Column {
                    index: *i,
                    span: 1,
                    header: h.to_string(),
                    field: *f,
                    date: None,
                    why: None,
                    mapped: false,
                    confidence: Some(100),
                    guess: None,
                    note: None,
                })
                .collect(),
            top: 0,
        }
    }

    #[test]
    fn blank_cells_take_their_colour_and_words_are_kept() {
        let plan = table(vec![
            vec![cell("No.", None), cell("Action", None), cell("RAG", None)],
            vec![
                cell("1", None),
                cell("Do a", None),
                cell("", Some(0xFF0000)),
            ],
            vec![
                cell("2", None),
                cell("Do b", None),
                cell("Green", Some(0xFFC000)),
            ],
            vec![
                cell("3", None),
                cell("Do c", None),
                cell("", Some(0xBFBFBF)),
            ],
            // a heading row shaded green is not an action
            vec![
                cell("Theme", Some(0x00B050)),
                cell("", None),
                cell("", Some(0x00B050)),
            ],
            vec![
                cell("4", None),
                cell("Do d", None),
                cell("●", Some(0x00B050)),
            ],
            // only a title and a shade of its own: an action of a plan without ids
            vec![cell("", None), cell("Do e", None), cell("", Some(0xFFC000))],
        ]);
        let key = table(vec![vec![cell("Red", Some(0xFF0000))]]);
        let doc = Document {
            kind: "Word document",
            tables: vec![key, plan],
            notes: Vec::new(),
        };
        let h = header(&[
            (0, "no", Some(Field::Id)),
            (1, "action", Some(Field::Title)),
            (2, "rag", Some(Field::Rag)),
        ]);
        let s = rag();
        let chosen = vec![(&doc.tables[1], h)];
        let out = read_ratings(
            &chosen,
            &doc,
            &s,
            Places {
                name_tables: false,
                lines: false,
            },
            true,
        );
        let t = &out.tables[0].0;
        assert_eq!(t.rows[1].cells[2].text, "red");
        assert_eq!(t.rows[2].cells[2].text, "Green");
        assert_eq!(t.rows[3].cells[2].text, "");
        assert_eq!(t.rows[4].cells[2].text, "");
        assert_eq!(t.rows[5].cells[2].text, "green");
        assert_eq!(t.rows[6].cells[2].text, "amber");
        let notes: Vec<(&str, Option<&str>, &str)> = out
            .reads
            .iter()
            .map(|r| (r.place.as_str(), r.action.as_deref(), r.note.as_str()))
            .collect();
        assert_eq!(
            notes,
            [
                (
                    "row 2",
                    Some("1"),
                    "rating from colour, by the document's colour key"
                ),
                (
                    "row 3",
                    Some("2"),
                    "words kept: the cell says \"Green\" (green), its colour reads as amber"
                ),
                (
                    "row 4",
                    Some("3"),
                    "the colour reads as grey, which is not a rating on the scale (red, amber, green): left blank"
                ),
                ("row 6", Some("4"), "rating from colour"),
                ("row 7", None, "rating from colour"),
            ]
        );
        assert_eq!(
            out.notes,
            ["colour key found in table 2: #FF0000 = red; shaded cells near these colours are read by it"]
        );
    }

    #[test]
    fn a_table_shaded_whole_says_nothing_of_ratings() {
        let y = Some(0xFFFFCC);
        let plan = table(vec![
            vec![cell("No.", None), cell("Action", None), cell("RAG", None)],
            vec![cell("1", y), cell("Do a", y), cell("", y)],
            vec![cell("2", y), cell("Do b", y), cell("", Some(0xFF0000))],
        ]);
        let doc = Document {
            kind: "Word document",
            tables: vec![plan],
            notes: Vec::new(),
        };
        let h = header(&[
            (0, "no", Some(Field::Id)),
            (1, "action", Some(Field::Title)),
            (2, "rag", Some(Field::Rag)),
        ]);
        let s = rag();
        let chosen = vec![(&doc.tables[0], h)];
        let places = Places {
            name_tables: false,
            lines: false,
        };
        let out = read_ratings(&chosen, &doc, &s, places, true);
        assert_eq!(out.tables[0].0.rows[1].cells[2].text, "");
        assert_eq!(out.tables[0].0.rows[2].cells[2].text, "red");
    }

    #[test]
    fn an_unheaded_column_of_colours_is_the_rating() {
        let plan = table(vec![
            vec![cell("No.", None), cell("Action", None), cell("", None)],
            vec![
                cell("1", None),
                cell("Do a", None),
                cell("", Some(0xFF0000)),
            ],
            vec![
                cell("2", None),
                cell("Do b", None),
                cell("", Some(0x00B050)),
            ],
            vec![cell("3", None), cell("Do c", None), cell("", None)],
        ]);
        let doc = Document {
            kind: "Word document",
            tables: vec![plan],
            notes: Vec::new(),
        };
        let h = header(&[
            (0, "no", Some(Field::Id)),
            (1, "action", Some(Field::Title)),
        ]);
        let s = rag();
        let chosen = vec![(&doc.tables[0], h)];
        let places = Places {
            name_tables: true,
            lines: false,
        };
        let out = read_ratings(&chosen, &doc, &s, places, true);
        assert_eq!(out.tables[0].1.columns[2].field, Some(Field::Rag));
        assert_eq!(out.tables[0].0.rows[2].cells[2].text, "green");
        assert_eq!(out.reads[0].place, "table 2, row 2");
        assert_eq!(
            out.notes,
            ["table 2: column 3 has no header but holds only colours: read as the rating"]
        );
        // an .xls: nothing read, and a blank rating column says why
        let h = header(&[
            (0, "no", Some(Field::Id)),
            (1, "action", Some(Field::Title)),
            (2, "rag", Some(Field::Rag)),
        ]);
        let chosen = vec![(&doc.tables[0], h)];
        let out = read_ratings(&chosen, &doc, &s, places, false);
        assert!(out.reads.is_empty());
        assert!(out.notes[0].contains("Excel 97-2003"), "{:?}", out.notes);
    }
}
