//! The tracker's shape, which both sides know: the columns `export` writes, and how a CSV cell
//! is kept from running as a formula (and how import undoes that). Export writes with these,
//! the readers read planlint's own CSV back with them; neither needs the other.

/// The columns, in order. Import reads a workbook written with them back into the same plans.
pub const COLUMNS: [&str; 14] = [
    "Plan",
    "Section",
    "Theme",
    "ID",
    "Action",
    "Leads",
    "Partners",
    "Due",
    "Due (date)",
    "Status",
    "RAG",
    "Latest update",
    "Updated on",
    "Findings",
];

/// What a cell may start with that makes a spreadsheet read it as a formula (OWASP, "CSV
/// Injection"), and `'`, the mark `csv_cell` puts before those.
const FORMULA_START: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// A CSV cell as planlint writes it: `'` before text a spreadsheet would run as a formula (or
/// that starts with `'` itself), every other text as it is. A negative number or a plan's "- "
/// bullet gets the quote too: a spreadsheet cannot tell them from a formula's start.
pub fn csv_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(FORMULA_START) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// A cell of planlint's own CSV as its plan said it: `csv_cell` undone.
pub fn csv_cell_undo(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => s,
    }
}
