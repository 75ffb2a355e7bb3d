//! Import and export at the size of a large real plan and beyond: a Word document of 500
//! actions (the largest seed has 60), a workbook of five generated plans (1,000 actions)
//! exported, and one of its sheets imported back. Each import reads, builds, writes the TOML
//! and checks it, as the command does (to standard output, so nothing touches the disk).
//!
//! Run: `cargo bench --bench convert`.

use criterion::{criterion_group, criterion_main, Criterion};
use planlint::convert::export::{self, ExportFormat};
use planlint::convert::import::{self, Output};
use planlint::workspace::config::Config;
use std::io::Write;

/// A .docx with one table of `n` actions, laid out like the seeds (theme rows, bullets).
fn docx(n: usize) -> Vec<u8> {
    let cell = |t: &str| {
        let paras: String = t
            .split('\n')
            .map(|l| format!("<w:p><w:r><w:t>{l}</w:t></w:r></w:p>"))
            .collect();
        format!("<w:tc>{paras}</w:tc>")
    };
    let mut body = String::from("<w:tbl><w:tr>");
    for h in [
        "No.",
        "Action",
        "Timescale",
        "Led By",
        "UPDATE NOVEMBER 2015",
        "RAG",
    ] {
        body.push_str(&cell(h));
    }
    body.push_str("</w:tr>");
    for i in 1..=n {
        if i % 10 == 1 {
            body.push_str(&format!(
                "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"6\"/></w:tcPr><w:p><w:r><w:t>{}. Section {}</w:t></w:r></w:p></w:tc></w:tr>",
                i / 10 + 1,
                i / 10 + 1
            ));
        }
        body.push_str("<w:tr>");
        for t in [
            i.to_string(),
            format!("Action number {i}: improve the crisis pathway for people in the area"),
            "March 2016".to_string(),
            "· Head of Commissioning, CCG\n· Crisis Team Manager".to_string(),
            "Work is under way; the business case goes to the board in December.".to_string(),
            ["Red", "Amber", "Green"][i % 3].to_string(),
        ] {
            body.push_str(&cell(&t));
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl>");
    let xml = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", opts).expect("zip");
    zip.write_all(xml.as_bytes()).expect("zip");
    zip.finish().expect("zip");
    buf.into_inner()
}

fn options<'a>(
    file: &'a std::path::Path,
    config: &'a Config,
    sheet: Option<&str>,
) -> import::Options<'a> {
    import::Options {
        file,
        output: Output::Stdout,
        id: Some("bench".into()),
        title: None,
        sheet: sheet.map(str::to_string),
        table: None,
        maps: Vec::new(),
        save_map: false,
        update_date: None,
        infer_status: true,
        force: true,
        as_of: chrono::NaiveDate::from_ymd_opt(2015, 12, 1).expect("a date"),
        config,
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = Config::defaults(dir.path().to_path_buf());
    let word = dir.path().join("plan.docx");
    std::fs::write(&word, docx(500)).expect("write");
    c.bench_function("import a Word table of 500 actions", |b| {
        b.iter(|| import::run(&options(&word, &config, None)).expect("imports"))
    });

    std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
    for i in 0..5 {
        let text = planlint::testgen::plan(i, 200);
        std::fs::write(dir.path().join(format!("plans/p{i}.toml")), text).expect("write");
    }
    let export_opts = export::Options {
        config: &config,
        paths: &[],
        rev: None,
        format: ExportFormat::Xlsx,
        as_of: planlint::lint::AsOf::given_or(
            chrono::NaiveDate::from_ymd_opt(2015, 12, 1),
            chrono::NaiveDate::MIN,
        ),
        cache: Default::default(),
    };
    c.bench_function("export 5 plans, 1,000 actions, as xlsx", |b| {
        b.iter(|| {
            export::run(&export_opts)
                .expect("exports")
                .body
                .into_bytes()
                .expect("saves")
        })
    });
    let csv_opts = export::Options {
        format: ExportFormat::Csv,
        as_of: export_opts.as_of.clone(),
        ..export_opts
    };
    c.bench_function("export 5 plans, 1,000 actions, as csv", |b| {
        b.iter(|| export::run(&csv_opts).expect("exports"))
    });

    let book = export::run(&export_opts).expect("exports");
    let xlsx = dir.path().join("board.xlsx");
    std::fs::write(&xlsx, book.body.into_bytes().expect("saves")).expect("write");
    let sheet = planlint::plan::load::read_plan("p0", planlint::testgen::plan(0, 200).as_bytes())
        .expect("a generated plan is valid")
        .plan
        .id()
        .to_string();
    c.bench_function("import a sheet of 200 actions from that workbook", |b| {
        b.iter(|| import::run(&options(&xlsx, &config, Some(&sheet))).expect("imports"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
