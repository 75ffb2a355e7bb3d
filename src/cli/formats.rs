//! The output formats as command-line values. The formats are the renderers' own enums; clap
//! learns their names and help here, so nothing below the command line depends on clap.

use crate::output::diff::DiffFormat;
use crate::output::history::HistoryFormat;
use crate::output::Format;
use clap::builder::PossibleValue;

/// Implements `clap::ValueEnum` for a renderer's format enum: each variant's name and help.
macro_rules! value_enum {
    ($ty:ident { $($variant:ident => $name:literal, $help:literal;)* }) => {
        impl clap::ValueEnum for $ty {
            fn value_variants<'a>() -> &'a [Self] {
                &[$($ty::$variant),*]
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                Some(match self {
                    $($ty::$variant => PossibleValue::new($name).help($help),)*
                })
            }
        }
    };
}

value_enum!(Format {
    Human => "human", "Diagnostics with the source snippet and a label under the offending value";
    Concise => "concise", "`path:line:col: severity[rule] message`, one a line";
    Json => "json", "The JSON shape in docs/output.md (schema: `planlint schema --output check`), for CI";
    Github => "github", "GitHub Actions annotations (and a job summary when GITHUB_STEP_SUMMARY is set)";
    Sarif => "sarif", "SARIF 2.1.0, for code scanning";
    Junit => "junit", "JUnit XML, one test case per plan file";
    Gitlab => "gitlab", "GitLab Code Quality JSON";
});

value_enum!(DiffFormat {
    Text => "text", "A readable summary grouped by plan, worst news first";
    Markdown => "markdown", "Tables for a pull-request comment or a board paper";
    Json => "json", "The JSON shape in docs/output.md (schema: `planlint schema --output diff`)";
});

value_enum!(HistoryFormat {
    Text => "text", "One line a change, newest first";
    Json => "json", "`{plan, action, timeline: [{commit, date, author, file, event, rating, status, due}]}`";
});

use crate::report::Format as ReportFormat;
value_enum!(ReportFormat {
    Markdown => "markdown", "For a board paper or a pull-request comment (GitHub-flavoured)";
    Html => "html", "One self-contained web page (inline CSS and SVG)";
    Json => "json", "Everything, for other tools";
    Pdf => "pdf", "The HTML page printed to PDF (A4) by headless Chromium; needs --output";
    Docx => "docx", "The same paper as a Word document (built-in styles, for a board's template); needs --output";
});
