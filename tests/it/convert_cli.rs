//! `planlint import`, end to end: fixtures made here in the shapes real plans come in (a Word
//! document laid out like each of the four seeds, an Excel workbook with a title row and a notes
//! sheet, CSV as Excel saves it), each imported with the real binary and compared with the plan
//! it was made from, field by field; and every bad input the issue names, refused with exit 2,
//! a message, and no file written.

use crate::common;
use crate::common::office;

use crate::common::office::{c, docx, row, span, vcont, vstart, Block};
use crate::common::planlint;
use std::path::Path;

/// Writes `bytes` to `name` in a fresh folder (a plan repository with planlint.toml).
fn folder(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = common::repo(&[("planlint.toml", "[ratings]\nscale = \"rag\"\n")]);
    std::fs::write(dir.path().join(name), bytes).expect("fixture");
    dir
}

/// Runs `import ARGS…` with `--as-of 2015-12-01`; returns (exit code, stdout, stderr).
fn import(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = planlint(dir)
        .arg("import")
        .args(args)
        .args(["--as-of", "2015-12-01"])
        .output()
        .expect("run");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Asserts the imported plan equals the expected one field by field, and prints the score the
/// closing note reports.
fn assert_fields(fixture: &str, expected: &str, actual: &str) {
    // written in the canonical layout: `planlint fmt` would change nothing
    let formatted = planlint::edit::format::format_text(actual).expect("the plan formats");
    assert_eq!(
        formatted, actual,
        "{fixture}: the imported plan is not byte-stable under fmt"
    );
    let (same, total, diffs) = office::compare(expected, actual);
    println!(
        "field accuracy {fixture}: {same}/{total} ({:.1}%)",
        100.0 * same as f64 / total.max(1) as f64
    );
    assert!(
        diffs.is_empty(),
        "{fixture}: {}\n--- imported ---\n{actual}",
        diffs.join("\n")
    );
    assert!(total > 20, "{fixture}: only {total} fields compared");
}

fn no_plans_written(dir: &Path) {
    assert!(!dir.join("plans").exists(), "nothing may be written");
}

// ---------------------------------------------------------------------------------------------
// Bedfordshire and Luton: a "RAG" column holding local/countywide, numbered list paragraphs
// before the first table, theme rows in the Action column, a continuation row with a second
// timescale, leads as bullets, a vertically merged lead cell, a line break inside a
// timescale, and a section heading row above the header of a later table.
// ---------------------------------------------------------------------------------------------

fn beds_header(update: &str) -> Vec<office::Tc> {
    row(&[
        "No.",
        "RAG",
        "Action ",
        "Timescale ",
        "Led By",
        update,
        "Outcomes",
    ])
}

fn beds_docx() -> Vec<u8> {
    docx(&[
        Block::P("1. Commissioning for earlier help and responsive crisis care"),
        Block::Table(vec![
            beds_header("UPDATE NOVEMBER 2015"),
            vec![c(""), c(""), span("Matching local need with the right services", 5)],
            row(&[
                "1.",
                "local",
                "Build a needs assessment with a baseline of demand for crisis care",
                "June 2015",
                "· Public Health Lead, Luton Council\n· Public Health Lead, Bedford Borough Council",
                "Needs assessment published for all areas; the crisis baseline is not yet built.",
                "A profile of who uses crisis care and how acute their needs are",
            ]),
            row(&[
                "",
                "local",
                "",
                "April 2016",
                "· Public Health Lead, Luton Council",
                "Luton: baseline work continues with the new clinical systems.\nBedford: refresh due in 2016.",
                "As above",
            ]),
            row(&[
                "2.",
                "countywide",
                "Design a street triage model for the county",
                "March 2016",
                "· Mental Health Lead, County Police",
                "Outline case went to the senior management group; the full case is due in November.",
                "A street triage service that keeps people in crisis out of A&E",
            ]),
            vec![c(""), c(""), span("Improving crisis services", 5)],
            vec![
                c("3."),
                c("local"),
                c("Re-model the crisis and home treatment teams"),
                c("March 2016"),
                vstart("· Head of Commissioning, Luton CCG\n· Head of Commissioning, Bedfordshire CCG"),
                c("Re-modelling has started in Luton."),
                c("Responsive crisis care around the clock"),
            ],
            vec![
                c("4."),
                c("Local"),
                c("Review the crisis pathway for children and young people"),
                c("Dec\r2016"),
                vcont(),
                c("Plans agreed in principle; funding released."),
                c("Earlier support for children and families"),
            ],
        ]),
        Block::P("2. Access to support before crisis point"),
        Block::Table(vec![
            beds_header("UPDATE NOV 2015"),
            vec![c(""), c(""), span("Primary care access", 5)],
            row(&[
                "5.",
                "local",
                "Put mental health workers in GP practices",
                "Sept\r2015",
                "· Luton – Head of Commissioning\n· Beds – Head of Commissioning",
                "Liaison models are being shaped for each locality.",
                "Help in the GP practice, with quick referral on",
            ]),
        ]),
        Block::Table(vec![
            vec![span("3. Urgent and emergency access to crisis care", 7)],
            beds_header("UPDATE NOV 2015"),
            vec![c(""), c(""), span("Police use of places of safety", 5)],
            row(&["", "", "Refer to no.2", "", "", "See point 2.", ""]),
            row(&[
                "6.",
                "countywide",
                "Stop people in crisis being held in police custody",
                "Sept 15",
                "· Mental Health Lead, County Police",
                "Custody use is down to about one person a month.",
                "Agreed places of safety known to every agency",
            ]),
        ]),
    ])
}

const BEDS: &str = r#"
schema_version = 1
[plan]
id = "beds-crisis-care"
title = "Bedfordshire-style crisis care plan"
updated = 2015-11-30

[[sections]]
id = "1"
title = "Commissioning for earlier help and responsive crisis care"
[[sections]]
id = "2"
title = "Access to support before crisis point"
[[sections]]
id = "3"
title = "Urgent and emergency access to crisis care"

[[actions]]
id = "1"
section = "1"
theme = "Matching local need with the right services"
title = "Build a needs assessment with a baseline of demand for crisis care"
leads = ["Public Health Lead, Luton Council", "Public Health Lead, Bedford Borough Council"]
due = "June 2015"
rag = "local"
outcomes = ["A profile of who uses crisis care and how acute their needs are", "As above"]
[[actions.milestones]]
title = "Further timescale"
due = "April 2016"
[[actions.updates]]
date = 2015-11-30
text = "Needs assessment published for all areas; the crisis baseline is not yet built.\n\nLuton: baseline work continues with the new clinical systems.\nBedford: refresh due in 2016."

[[actions]]
id = "2"
section = "1"
theme = "Matching local need with the right services"
title = "Design a street triage model for the county"
leads = ["Mental Health Lead, County Police"]
due = "March 2016"
rag = "countywide"
outcomes = ["A street triage service that keeps people in crisis out of A&E"]
[[actions.updates]]
date = 2015-11-30
text = "Outline case went to the senior management group; the full case is due in November."

[[actions]]
id = "3"
section = "1"
theme = "Improving crisis services"
title = "Re-model the crisis and home treatment teams"
leads = ["Head of Commissioning, Luton CCG", "Head of Commissioning, Bedfordshire CCG"]
due = "March 2016"
rag = "local"
outcomes = ["Responsive crisis care around the clock"]
[[actions.updates]]
date = 2015-11-30
text = "Re-modelling has started in Luton."

[[actions]]
id = "4"
section = "1"
theme = "Improving crisis services"
title = "Review the crisis pathway for children and young people"
leads = ["Head of Commissioning, Luton CCG", "Head of Commissioning, Bedfordshire CCG"]
due = "Dec\n2016"
rag = "Local"
outcomes = ["Earlier support for children and families"]
[[actions.updates]]
date = 2015-11-30
text = "Plans agreed in principle; funding released."

[[actions]]
id = "5"
section = "2"
theme = "Primary care access"
title = "Put mental health workers in GP practices"
leads = ["Luton – Head of Commissioning", "Beds – Head of Commissioning"]
due = "Sept\n2015"
rag = "local"
outcomes = ["Help in the GP practice, with quick referral on"]
[[actions.updates]]
date = 2015-11-30
text = "Liaison models are being shaped for each locality."

[[actions]]
id = "6"
section = "3"
theme = "Police use of places of safety"
title = "Stop people in crisis being held in police custody"
leads = ["Mental Health Lead, County Police"]
due = "Sept 15"
rag = "countywide"
outcomes = ["Agreed places of safety known to every agency"]
[[actions.updates]]
date = 2015-11-30
text = "Custody use is down to about one person a month."
"#;

#[test]
fn a_word_document_laid_out_like_bedfordshire() {
    let dir = folder("beds.docx", &beds_docx());
    let (code, _, err) = import(
        dir.path(),
        &[
            "beds.docx",
            "--id",
            "beds-crisis-care",
            "--title",
            "Bedfordshire-style crisis care plan",
        ],
    );
    // the RAG column holds local/countywide: kept as written, so the check finds errors
    assert_eq!(code, 1, "{err}");
    let plan =
        std::fs::read_to_string(dir.path().join("plans/beds-crisis-care.toml")).expect("written");
    assert_fields("bedfordshire (Word)", BEDS, &plan);
    for line in [
        "planlint: read beds.docx (Word document): tables 1–3, header in rows 1, 1, 2",
        "planlint:   No.                  -> id",
        "planlint:   UPDATE NOVEMBER 2015 -> update (dated 2015-11-30, from the header)",
        "planlint:   table 1, row 4: joined: no id: joined action 1: its timescale \"April 2016\" became a milestone (\"Further timescale\"); its update text was added to the update of 2015-11-30; outcomes added: As above",
        "planlint:   table 3, row 4: skipped: no id, and no action above it to join (a heading comes between): \"Refer to no.2 | See point 2.\"",
        "planlint: found 6 actions in 3 sections, 4 themes, 6 updates, 1 milestone; 1 row joined, 1 row skipped",
        "planlint: wrote plans/beds-crisis-care.toml",
        "planlint: check (as of 2015-12-01): 6 errors",
    ] {
        assert!(err.contains(line), "missing `{line}` in:\n{err}");
    }
    // and the whole report, as the user reads it
    insta::assert_snapshot!(err);
    assert!(err.contains("rag-unknown ×6"), "{err}");
    assert!(err.contains("--map 'HEADER=FIELD'"), "{err}");

    // the same document with the column read as what it is
    let (code, _, err) = import(
        dir.path(),
        &[
            "beds.docx",
            "--id",
            "beds-crisis-care",
            "--map",
            "RAG=scope",
            "--force",
            "-o",
            "-",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("RAG                  -> scope (--map)"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// Bexley: a title paragraph, a section heading paragraph before each table (one with a line
// break after its number), theme rows in a merged first cell, numbered outcome lines,
// "Actions to Date" (an update column with no month) and "Follow up", an empty RAG column,
// leads in separate paragraphs, a header row repeated inside a table.
// ---------------------------------------------------------------------------------------------

fn bexley_header() -> Vec<office::Tc> {
    row(&[
        "No.",
        "Action",
        "Timescale",
        "Led By",
        "Outcomes",
        "Actions to Date",
        "Follow up",
        "RAG",
    ])
}

fn theme8(text: &str) -> Vec<office::Tc> {
    vec![span(text, 5), c(""), c(""), c("")]
}

fn bexley_docx() -> Vec<u8> {
    docx(&[
        Block::Title("Crisis care concordat action plan: Borough CCG and Borough Council"),
        Block::P("\t1. Commissioning to allow earlier intervention and responsive crisis services"),
        Block::Table(vec![
            bexley_header(),
            theme8("Matching local need with a suitable range of services"),
            row(&[
                "1",
                "Programme group to adopt this plan and see it delivered",
                "From Jan 2015",
                "CCG",
                "1. Monthly meetings to review the plan\n2. Recommendations feed 2015/16 commissioning",
                "1. The group has reviewed the plan.\n\n2. Built into commissioning plans.",
                "1. Further review in February 2016",
                "",
            ]),
            row(&[
                "2",
                "Sign off the declaration and the plan",
                "February  2015",
                "MHSPG",
                "1. Plan signed off\n2. Actions agreed with every stakeholder",
                "Built into the 2015/16 contracting round",
                "Keep monitoring outcomes; review early 2016",
                "",
            ]),
        ]),
        Block::P("\t\t\t2. Access to support before crisis point"),
        Block::Table(vec![
            bexley_header(),
            theme8("Improve access to support via primary care"),
            row(&[
                "5",
                "Give primary care the mental health referral points",
                "From Dec 2014",
                "CCG",
                "1. Every GP knows the early intervention services",
                "Completed – the voluntary sector keeps raising awareness.",
                "Keep engaging primary care",
                "",
            ]),
            row(&[
                "10",
                "Make the most of the liaison teams in local hospitals",
                "From Dec 2014\rto\rMarch 2015",
                "Oxleas NHS FT\n\nKent and Medway SCT",
                "1. Referrals seen within 4 hours",
                "Monitoring in place; more work needed on hours.",
                "Plans for 24-hour cover in 2016/17",
                "",
            ]),
        ]),
        Block::P("4. \rImproved quality of response when people are detained under Section 135 and 136"),
        Block::Table(vec![
            bexley_header(),
            row(&[
                "14",
                "Consider a place of safety suite on a local site",
                "From Feb 2015",
                "Oxleas NHS FT",
                "1. Fewer out-of-borough admissions",
                "Service redesign under way in 2015/16",
                "Review needs in 2016/17",
                "",
            ]),
            theme8("Improved services for those with co-existing mental health and substance misuse issues"),
            bexley_header(),
            row(&[
                "19",
                "Rehabilitation services to share drug and alcohol service information",
                "From April 2015",
                "CCG\nLBB\nAll MH Providers",
                "1. Less relapse needing readmission",
                "Zero tolerance policy adopted in rehabilitation services.",
                "Monitoring continues",
                "",
            ]),
            row(&[
                "20",
                "Refer every patient with drug or alcohol problems to local services",
                "From April 2015",
                "Oxleas NHS FT\nLBB",
                "1. Referrals made as appropriate",
                "As above",
                "As above",
                "",
            ]),
        ]),
    ])
}

const BEXLEY: &str = r#"
schema_version = 1
[plan]
id = "bexley"
title = "Crisis care concordat action plan: Borough CCG and Borough Council"
updated = 2015-11-30

[[sections]]
id = "1"
title = "Commissioning to allow earlier intervention and responsive crisis services"
[[sections]]
id = "2"
title = "Access to support before crisis point"
[[sections]]
id = "4"
title = "Improved quality of response when people are detained under Section 135 and 136"

[[actions]]
id = "1"
section = "1"
theme = "Matching local need with a suitable range of services"
title = "Programme group to adopt this plan and see it delivered"
leads = ["CCG"]
due = "From Jan 2015"
outcomes = ["1. Monthly meetings to review the plan", "2. Recommendations feed 2015/16 commissioning"]
next_steps = "1. Further review in February 2016"
[[actions.updates]]
date = 2015-11-30
text = "1. The group has reviewed the plan.\n\n2. Built into commissioning plans."

[[actions]]
id = "2"
section = "1"
theme = "Matching local need with a suitable range of services"
title = "Sign off the declaration and the plan"
leads = ["MHSPG"]
due = "February 2015"
outcomes = ["1. Plan signed off", "2. Actions agreed with every stakeholder"]
next_steps = "Keep monitoring outcomes; review early 2016"
[[actions.updates]]
date = 2015-11-30
text = "Built into the 2015/16 contracting round"

[[actions]]
id = "5"
section = "2"
theme = "Improve access to support via primary care"
title = "Give primary care the mental health referral points"
leads = ["CCG"]
due = "From Dec 2014"
# no status column: the update opens "Completed", which import reads as the status
status = "complete"
outcomes = ["1. Every GP knows the early intervention services"]
next_steps = "Keep engaging primary care"
[[actions.updates]]
date = 2015-11-30
text = "Completed – the voluntary sector keeps raising awareness."

[[actions]]
id = "10"
section = "2"
theme = "Improve access to support via primary care"
title = "Make the most of the liaison teams in local hospitals"
leads = ["Oxleas NHS FT", "Kent and Medway SCT"]
due = "From Dec 2014\nto\nMarch 2015"
outcomes = ["1. Referrals seen within 4 hours"]
next_steps = "Plans for 24-hour cover in 2016/17"
[[actions.updates]]
date = 2015-11-30
text = "Monitoring in place; more work needed on hours."

[[actions]]
id = "14"
section = "4"
title = "Consider a place of safety suite on a local site"
leads = ["Oxleas NHS FT"]
due = "From Feb 2015"
outcomes = ["1. Fewer out-of-borough admissions"]
next_steps = "Review needs in 2016/17"
[[actions.updates]]
date = 2015-11-30
text = "Service redesign under way in 2015/16"

[[actions]]
id = "19"
section = "4"
theme = "Improved services for those with co-existing mental health and substance misuse issues"
title = "Rehabilitation services to share drug and alcohol service information"
leads = ["CCG", "LBB", "All MH Providers"]
due = "From April 2015"
outcomes = ["1. Less relapse needing readmission"]
next_steps = "Monitoring continues"
[[actions.updates]]
date = 2015-11-30
text = "Zero tolerance policy adopted in rehabilitation services."

[[actions]]
id = "20"
section = "4"
theme = "Improved services for those with co-existing mental health and substance misuse issues"
title = "Refer every patient with drug or alcohol problems to local services"
leads = ["Oxleas NHS FT", "LBB"]
due = "From April 2015"
outcomes = ["1. Referrals made as appropriate"]
next_steps = "As above"
[[actions.updates]]
date = 2015-11-30
text = "As above"
"#;

#[test]
fn a_word_document_laid_out_like_bexley() {
    let dir = folder("bexley.docx", &bexley_docx());
    // "Actions to Date" names no month: planlint asks for the date instead of inventing one
    let (code, _, err) = import(dir.path(), &["bexley.docx"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("the update column \"Actions to Date\" names no month, so planlint cannot date its updates (table 1, row 3, table 1, row 4, table 2, row 3, table 2, row 4, table 3, row 2 and 2 more): pass --update-date YYYY-MM-DD"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    no_plans_written(dir.path());

    let (code, _, err) = import(dir.path(), &["bexley.docx", "--update-date", "2015-11-30"]);
    assert_eq!(code, 0, "{err}");
    let plan = std::fs::read_to_string(dir.path().join("plans/bexley.toml")).expect("written");
    assert_fields("bexley (Word)", BEXLEY, &plan);
    for line in [
        "planlint:   Actions to Date -> update (dated 2015-11-30, from --update-date)",
        "planlint:   Follow up       -> next_steps",
        "planlint:   table 3, row 4: skipped: the header row again",
        "planlint: plan bexley: \"Crisis care concordat action plan: Borough CCG and Borough Council\" (title from the document's first paragraph)",
    ] {
        assert!(err.contains(line), "missing `{line}` in:\n{err}");
    }
}

// ---------------------------------------------------------------------------------------------
// Nottinghamshire: "Time-scale", the long "Summary progress against actions (…)" header,
// "Red/Amber/Green (RAG)" with colour words, "Working with:" lines in the lead column,
// bullet lists in cells, a title that runs on in a second paragraph, a missing timescale.
// ---------------------------------------------------------------------------------------------

fn notts_header() -> Vec<office::Tc> {
    row(&[
        "No.",
        "Action ",
        "Time-scale ",
        "Led By",
        "Outcomes",
        "Summary progress against actions (include outcome measures where relevant)",
        "Red/Amber/Green (RAG)",
    ])
}

fn notts_docx() -> Vec<u8> {
    docx(&[
        Block::P("1. Commissioning to allow earlier intervention and responsive crisis services"),
        Block::Table(vec![
            notts_header(),
            vec![span("Matching local need with a suitable range of services", 7)],
            row(&[
                "1",
                "Commission mental health awareness and suicide prevention training",
                "15-16",
                "City Council\nWorking with: City CCG\nCounty Council\nWorking with: All county CCGs and Mind",
                "· Earlier identification and access to early help\n· Less stigma",
                "· City: first-aid training started in October 2015.\n· County: a provider is commissioned to March 2017.",
                "Green",
            ]),
            row(&[
                "2",
                "Merge existing groups into one Partnership Board\rTerms of reference agreed during Q1 15-16.",
                "15-16",
                "City CCG ",
                "· Better links between partners",
                "· Board meets quarterly.",
                "Green",
            ]),
            row(&[
                "10",
                "Evaluate the crisis house opened in January 2015",
                "",
                "City and South County CCGs\nWorking with: Healthcare Trust and a housing association",
                "· Peer support instead of admission",
                "· High satisfaction; occupancy is rising.",
                "Amber",
            ]),
        ]),
        Block::P("2. Access to support before crisis point"),
        Block::Table(vec![
            notts_header(),
            row(&[
                "11",
                "Explore a crisis house for the mid-county CCGs",
                "15-16",
                "Mid-county CCGs",
                "· Peer support instead of admission",
                "Please see update above for action number 10.",
                "Amber",
            ]),
            row(&[
                "16",
                "The Partnership Board oversees joint policies and protocols\nThis will include:\n· s136 pathway\n· response times",
                "15-16",
                "All",
                "· Robust partnership working",
                "· s136 pathway agreed; ratification expected by January 2016.",
                "Amber",
            ]),
        ]),
    ])
}

const NOTTS: &str = r#"
schema_version = 1
[plan]
id = "notts"
title = "notts"
updated = 2015-11-30

[[sections]]
id = "1"
title = "Commissioning to allow earlier intervention and responsive crisis services"
[[sections]]
id = "2"
title = "Access to support before crisis point"

[[actions]]
id = "1"
section = "1"
theme = "Matching local need with a suitable range of services"
title = "Commission mental health awareness and suicide prevention training"
leads = ["City Council", "County Council"]
# partners are split as leads are: "All county CCGs and Mind" names two
partners = ["City CCG", "All county CCGs", "Mind"]
due = "15-16"
rag = "green"
outcomes = ["Earlier identification and access to early help", "Less stigma"]
[[actions.updates]]
date = 2015-11-30
text = "· City: first-aid training started in October 2015.\n· County: a provider is commissioned to March 2017."

[[actions]]
id = "2"
section = "1"
theme = "Matching local need with a suitable range of services"
title = "Merge existing groups into one Partnership Board\nTerms of reference agreed during Q1 15-16."
leads = ["City CCG"]
due = "15-16"
rag = "green"
outcomes = ["Better links between partners"]
[[actions.updates]]
date = 2015-11-30
text = "· Board meets quarterly."

[[actions]]
id = "10"
section = "1"
theme = "Matching local need with a suitable range of services"
title = "Evaluate the crisis house opened in January 2015"
leads = ["City and South County CCGs"]
partners = ["Healthcare Trust and a housing association"]
rag = "amber"
outcomes = ["Peer support instead of admission"]
[[actions.updates]]
date = 2015-11-30
text = "· High satisfaction; occupancy is rising."

[[actions]]
id = "11"
section = "2"
title = "Explore a crisis house for the mid-county CCGs"
leads = ["Mid-county CCGs"]
due = "15-16"
rag = "amber"
outcomes = ["Peer support instead of admission"]
[[actions.updates]]
date = 2015-11-30
text = "Please see update above for action number 10."

[[actions]]
id = "16"
section = "2"
title = "The Partnership Board oversees joint policies and protocols\nThis will include:\n· s136 pathway\n· response times"
leads = ["All"]
due = "15-16"
rag = "amber"
outcomes = ["Robust partnership working"]
[[actions.updates]]
date = 2015-11-30
text = "· s136 pathway agreed; ratification expected by January 2016."
"#;

#[test]
fn a_word_document_laid_out_like_nottinghamshire() {
    let dir = folder("notts.docx", &notts_docx());
    let (code, _, err) = import(dir.path(), &["notts.docx", "--update-date", "2015-11-30"]);
    assert_eq!(code, 0, "{err}");
    let plan = std::fs::read_to_string(dir.path().join("plans/notts.toml")).expect("written");
    assert_fields("nottinghamshire (Word)", NOTTS, &plan);
    for line in [
        "planlint:   Time-scale ",
        "planlint:   Red/Amber/Green (RAG)",
        "planlint: note: \"Working with\" lines in the lead column went to partners (actions 1, 10)",
        "(title from the file name)",
    ] {
        assert!(err.contains(line), "missing `{line}` in:\n{err}");
    }
    assert!(err.contains("vague-lead ×1"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Pan-Lancashire: one long table after pages of introduction, a title paragraph, section rows
// merged across the table inside it, "Action – Activity – Milestone", "Outcome/progress",
// "RAG Status" with an off-scale "Yellow", a continuation row that carries on an action's
// text, a numbered sub-heading row (3.2 above 3.2.1), a "." timescale and a missing lead.
// ---------------------------------------------------------------------------------------------

fn lancs_docx() -> Vec<u8> {
    docx(&[
        Block::Title("Pan-county action plan to deliver the shared outcomes of the crisis care concordat"),
        Block::P("Introduction and background"),
        Block::P("The concordat is a national agreement between the services that meet people in a mental health crisis. This plan says how the partners in this county will keep it."),
        Block::P("It should be noted that this plan will be refreshed in September 2015."),
        Block::Table(vec![
            row(&["No.", "Action – Activity – Milestone", "Lead", "Timescale", "Outcome/progress", "RAG Status"]),
            vec![span("1. Multiagency partnership working and governance", 6)],
            row(&["1.1", "Hold a multiagency day event to launch the concordat", "BwD CCG", "Oct 2010", "Completed", ""]),
            row(&[
                "1.7",
                "Review the terms of reference of the oversight group for section 135-136",
                "LCFT - Police",
                "April 2015",
                "Shared data sources and agreed priorities.",
                "Yellow",
            ]),
            row(&["1.8", "Needs assessment to help plan the concordat outcomes", "Public Health", "2015/16", "Clearer picture of need in each area.", "Red"]),
            vec![span("2. Support before crisis", 6)],
            row(&["2.3", "Street triage pilots with police and ambulance staff", "Police, LCFT (AMHP Leads)", "April 2015", "Pilot planned in two towns.", ""]),
            row(&["", "Ambulance system flags care plans to crews attending patients in crisis", "NWAS\rLCFT,", "", "Subject to agreement between NWAS and LCFT.", ""]),
            vec![span("3. Urgent access to crisis services when required", 6)],
            row(&["3.1", "Clear crisis pathway for all ages", "LCFT", ".", "", ""]),
            row(&["3.2", "Crisis support lines", "", "", "", ""]),
            row(&["3.2.1", "Review the crisis line for people known to services", "LCFT", "Sep 2015", "Review under way.", ""]),
            row(&["3.2.2", "Publicise the crisis line to GPs", "", "March 2016", "", ""]),
        ]),
    ])
}

const LANCS: &str = r#"
schema_version = 1
[plan]
id = "lancs-crisis-care"
title = "Pan-county action plan to deliver the shared outcomes of the crisis care concordat"
updated = 2015-11-24

[[sections]]
id = "1"
title = "Multiagency partnership working and governance"
[[sections]]
id = "2"
title = "Support before crisis"
[[sections]]
id = "3"
title = "Urgent access to crisis services when required"

[[actions]]
id = "1.1"
section = "1"
title = "Hold a multiagency day event to launch the concordat"
leads = ["BwD CCG"]
due = "Oct 2010"
# no status column: the update says "Completed", which import reads as the status
status = "complete"
[[actions.updates]]
date = 2015-11-24
text = "Completed"

[[actions]]
id = "1.7"
section = "1"
title = "Review the terms of reference of the oversight group for section 135-136"
leads = ["LCFT - Police"]
due = "April 2015"
rag = "Yellow"
[[actions.updates]]
date = 2015-11-24
text = "Shared data sources and agreed priorities."

[[actions]]
id = "1.8"
section = "1"
title = "Needs assessment to help plan the concordat outcomes"
leads = ["Public Health"]
due = "2015/16"
rag = "red"
[[actions.updates]]
date = 2015-11-24
text = "Clearer picture of need in each area."

[[actions]]
id = "2.3"
section = "2"
title = "Street triage pilots with police and ambulance staff\nAmbulance system flags care plans to crews attending patients in crisis"
# "Police, LCFT (AMHP Leads)" names two bodies; "LCFT," is LCFT
leads = ["Police", "LCFT (AMHP Leads)", "NWAS", "LCFT"]
due = "April 2015"
[[actions.updates]]
date = 2015-11-24
text = "Pilot planned in two towns.\n\nSubject to agreement between NWAS and LCFT."

[[actions]]
id = "3.1"
section = "3"
title = "Clear crisis pathway for all ages"
leads = ["LCFT"]
due = "."

[[actions]]
id = "3.2.1"
section = "3"
theme = "Crisis support lines"
title = "Review the crisis line for people known to services"
leads = ["LCFT"]
due = "Sep 2015"
[[actions.updates]]
date = 2015-11-24
text = "Review under way."

[[actions]]
id = "3.2.2"
section = "3"
theme = "Crisis support lines"
title = "Publicise the crisis line to GPs"
due = "March 2016"
"#;

#[test]
fn a_word_document_laid_out_like_pan_lancashire() {
    let dir = folder("lancs.docx", &lancs_docx());
    let (code, _, err) = import(
        dir.path(),
        &[
            "lancs.docx",
            "--id",
            "lancs-crisis-care",
            "--update-date",
            "2015-11-24",
        ],
    );
    assert_eq!(code, 1, "{err}");
    let plan =
        std::fs::read_to_string(dir.path().join("plans/lancs-crisis-care.toml")).expect("written");
    assert_fields("pan-lancashire (Word)", LANCS, &plan);
    for line in [
        "planlint: read lancs.docx (Word document): table 1, header in row 1",
        "planlint:   Action – Activity – Milestone -> title",
        "planlint:   RAG Status                    -> rag",
        "planlint:   row 8: joined: no id: joined action 2.3: its action text was added to the action's; leads added: NWAS, LCFT; its update text was added to the update of 2015-11-24",
        "planlint:   row 11: heading: \"3.2 Crisis support lines\" has no lead, timescale or update and actions 3.2.… follow it: read as the theme of those actions",
        "planlint: note: 1 rating is not on the rag scale (red, amber, green) kept as written: \"Yellow\"",
    ] {
        assert!(err.contains(line), "missing `{line}` in:\n{err}");
    }
    assert!(
        err.contains("rag-unknown ×1") && err.contains("missing-lead ×1"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// An Excel workbook: a notes sheet first, a title row and a blank row above the header, real
// Excel dates and text dates, a section column of "1. Early help", a vertically merged owner,
// status words, partners separated by semicolons, an unknown column and an off-scale rating.
// ---------------------------------------------------------------------------------------------

fn workbook() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let notes = wb.add_worksheet().set_name("Notes").expect("name");
    notes
        .write_string(0, 0, "How to use this tracker")
        .expect("w");
    notes
        .write_string(
            1,
            0,
            "Rate each action red, amber or green at every review.",
        )
        .expect("w");
    let ws = wb.add_worksheet().set_name("Actions").expect("name");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    ws.write_string(0, 0, "Westshire crisis care action plan 2016/17")
        .expect("w");
    let header = [
        "Ref",
        "Workstream",
        "Description",
        "Owner",
        "Working with",
        "Target date",
        "Status",
        "RAG",
        "Progress September 2016",
        "Notes",
    ];
    for (i, h) in header.iter().enumerate() {
        ws.write_string(2, i as u16, *h).expect("w");
    }
    let rows: [[&str; 10]; 4] = [
        [
            "1.1",
            "1. Early help",
            "Open a crisis café in the town centre",
            "Public Health Lead",
            "Mind",
            "",
            "In progress",
            "Green",
            "Venue found; opening in October.",
            "ask finance",
        ],
        [
            "1.2",
            "1. Early help",
            "Train practice staff in crisis first aid",
            "",
            "",
            "March 2017",
            "Not started",
            "amber",
            "Trainer being procured.",
            "",
        ],
        [
            "2.1",
            "2. Urgent care",
            "Run a 24/7 crisis line",
            "",
            "NHS 111; Ambulance Trust",
            "Q3 2016/17",
            "Completed",
            "GREEN",
            "Line live since July.",
            "",
        ],
        [
            "2.2",
            "2. Urgent care",
            "Reduce section 136 detentions in police cells",
            "Police Mental Health Lead",
            "",
            "",
            "On hold",
            "Purple",
            "Waiting for the new suite.",
            "",
        ],
    ];
    for (r, cells) in rows.iter().enumerate() {
        for (col, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                ws.write_string(3 + r as u32, col as u16, *text).expect("w");
            }
        }
    }
    // real dates in the Target date column for 1.1 and 2.2
    ws.write_datetime_with_format(
        3,
        5,
        ExcelDateTime::from_ymd(2016, 10, 31).expect("d"),
        &date,
    )
    .expect("w");
    ws.write_datetime_with_format(
        6,
        5,
        ExcelDateTime::from_ymd(2017, 3, 31).expect("d"),
        &date,
    )
    .expect("w");
    // one owner for 1.2 and 2.1, in a merged cell
    ws.merge_range(4, 3, 5, 3, "Primary Care Lead", &Format::new())
        .expect("merge");
    wb.save_to_buffer().expect("xlsx")
}

const WESTSHIRE: &str = r#"
schema_version = 1
[plan]
id = "westshire"
title = "Westshire crisis care action plan 2016/17"
updated = 2016-09-30

[[sections]]
id = "1"
title = "Early help"
[[sections]]
id = "2"
title = "Urgent care"

[[actions]]
id = "1.1"
section = "1"
title = "Open a crisis café in the town centre"
leads = ["Public Health Lead"]
partners = ["Mind"]
due = 2016-10-31
status = "in-progress"
rag = "green"
[[actions.updates]]
date = 2016-09-30
text = "Venue found; opening in October."

[[actions]]
id = "1.2"
section = "1"
title = "Train practice staff in crisis first aid"
leads = ["Primary Care Lead"]
due = "March 2017"
status = "not-started"
rag = "amber"
[[actions.updates]]
date = 2016-09-30
text = "Trainer being procured."

[[actions]]
id = "2.1"
section = "2"
title = "Run a 24/7 crisis line"
leads = ["Primary Care Lead"]
partners = ["NHS 111", "Ambulance Trust"]
due = "Q3 2016/17"
status = "complete"
rag = "green"
[[actions.updates]]
date = 2016-09-30
text = "Line live since July."

[[actions]]
id = "2.2"
section = "2"
title = "Reduce section 136 detentions in police cells"
leads = ["Police Mental Health Lead"]
due = 2017-03-31
status = "on-hold"
rag = "Purple"
[[actions.updates]]
date = 2016-09-30
text = "Waiting for the new suite."
"#;

#[test]
fn an_excel_workbook_with_a_title_row_and_a_notes_sheet() {
    let dir = folder("westshire.xlsx", &workbook());
    let (code, _, err) = import(dir.path(), &["westshire.xlsx"]);
    assert_eq!(code, 1, "{err}");
    let plan = std::fs::read_to_string(dir.path().join("plans/westshire.toml")).expect("written");
    assert_fields("workbook (xlsx)", WESTSHIRE, &plan);
    for line in [
        "planlint: read westshire.xlsx (workbook): sheet \"Actions\", header in row 3",
        "planlint:   Notes (not a field planlint knows; name one with --map)",
        "planlint:   Progress September 2016 -> update (dated 2016-09-30, from the header)",
        "planlint: note: sheet \"Notes\" left out: no header row found in it",
        "planlint:   row 1: skipped: above the header: \"Westshire crisis care action plan 2016/17\"",
        "(title from the title row above the header)",
    ] {
        assert!(err.contains(line), "missing `{line}` in:\n{err}");
    }
    // the same sheet asked for by name, as JSON for tools
    let (code, out, _) = import(
        dir.path(),
        &[
            "westshire.xlsx",
            "--sheet",
            "actions",
            "--id",
            "westshire",
            "--force",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["read"], "sheet \"Actions\"");
    assert_eq!(json["counts"]["actions"], 4);
    assert_eq!(json["columns"][0]["header"], "Ref");
    assert_eq!(json["columns"][0]["field"], "id");
    assert_eq!(json["columns"][9]["field"], serde_json::Value::Null);
    assert_eq!(json["check"]["summary"]["error"], 1);
    assert_eq!(json["check"]["findings"][0]["rule"], "rag-unknown");
    assert_eq!(json["output"], "plans/westshire.toml");
}

// ---------------------------------------------------------------------------------------------
// CSV as Excel saves it: Windows-1252 with semicolons (a comma-decimal locale), and UTF-8 with
// a byte-order mark and commas; a title row padded with separators; quoted cells with line
// breaks. All three import to the same plan.
// ---------------------------------------------------------------------------------------------

const CSV_ROWS: [[&str; 6]; 5] = [
    ["Eastborough crisis care plan", "", "", "", "", ""],
    [
        "No.",
        "Action",
        "Timescale",
        "Led By",
        "RAG",
        "Progress November 2015",
    ],
    [
        "1",
        "Café drop-in for people in crisis – pilot",
        "June 2016",
        "Public Health – Lead officer",
        "Green",
        "Opened in May.",
    ],
    [
        "2",
        "Street triage\nsecond phase",
        "2016/17",
        "Police\nAmbulance Trust",
        "Amber",
        "Funding agreed, recruiting",
    ],
    [
        "3",
        "Review of the s136 suite",
        "Ongoing",
        "Council – Director",
        "Red",
        "Delayed: building works.",
    ],
];

fn csv_text(sep: char) -> String {
    let mut out = String::new();
    for r in CSV_ROWS {
        let cells: Vec<String> = r
            .iter()
            .map(|c| {
                if c.contains(['\n', sep, '"', ',']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.to_string()
                }
            })
            .collect();
        out.push_str(&cells.join(&sep.to_string()));
        out.push_str("\r\n");
    }
    out
}

const EASTBOROUGH: &str = r#"
schema_version = 1
[plan]
id = "eastborough"
title = "Eastborough crisis care plan"
updated = 2015-11-30

[[actions]]
id = "1"
title = "Café drop-in for people in crisis – pilot"
leads = ["Public Health – Lead officer"]
due = "June 2016"
rag = "green"
[[actions.updates]]
date = 2015-11-30
text = "Opened in May."

[[actions]]
id = "2"
title = "Street triage\nsecond phase"
leads = ["Police", "Ambulance Trust"]
due = "2016/17"
rag = "amber"
[[actions.updates]]
date = 2015-11-30
text = "Funding agreed, recruiting"

[[actions]]
id = "3"
title = "Review of the s136 suite"
leads = ["Council – Director"]
due = "Ongoing"
rag = "red"
[[actions.updates]]
date = 2015-11-30
text = "Delayed: building works."
"#;

#[test]
fn csv_saved_by_excel_in_windows_1252_and_utf8_with_a_bom() {
    let semicolons = csv_text(';');
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&semicolons);
    assert!(!unmappable);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(csv_text(',').as_bytes());
    let tsv = csv_text('\t').into_bytes();
    for (name, bytes, encoding, separator) in [
        (
            "eastborough.csv",
            cp1252.to_vec(),
            "Windows-1252",
            "semicolons",
        ),
        (
            "eastborough.csv",
            bom,
            "UTF-8 (with a byte-order mark)",
            "commas",
        ),
        ("eastborough.tsv", tsv, "UTF-8", "tabs"),
    ] {
        let dir = folder(name, &bytes);
        let (code, _, err) = import(dir.path(), &[name]);
        assert_eq!(code, 0, "{err}");
        let plan =
            std::fs::read_to_string(dir.path().join("plans/eastborough.toml")).expect("written");
        assert_fields(
            &format!("csv ({encoding}, {separator})"),
            EASTBOROUGH,
            &plan,
        );
        assert!(err.contains(&format!("note: read as {encoding}")), "{err}");
        assert!(
            err.contains(&format!("note: separated by {separator}")),
            "{err}"
        );
        assert!(err.contains("header in line 2"), "{err}");
    }
}

// ---------------------------------------------------------------------------------------------
// Bad input: exit 2, a message that says what to do, nothing written.
// ---------------------------------------------------------------------------------------------

fn refused(file: &str, bytes: &[u8], args: &[&str], message: &str) {
    let dir = folder(file, bytes);
    let mut all = vec![file];
    all.extend_from_slice(args);
    let (code, out, err) = import(dir.path(), &all);
    assert_eq!(code, 2, "{file}: {err}");
    assert!(
        err.contains(message),
        "{file}: expected `{message}` in:\n{err}"
    );
    assert!(err.starts_with("planlint: error: "), "{err}");
    assert!(out.is_empty(), "{out}");
    no_plans_written(dir.path());
}

#[test]
fn a_file_that_is_not_what_its_extension_says() {
    refused(
        "plan.xlsx",
        csv_text(',').as_bytes(),
        &[],
        "plan.xlsx: is named .xlsx but is a text file (CSV or tab-separated): check it is the file you meant, or rename it to .csv",
    );
    refused(
        "plan.docx",
        &workbook(),
        &[],
        "plan.docx: is named .docx but is an Excel workbook (.xlsx)",
    );
    refused(
        "plan.xls",
        b"<html><body><table><tr><td>No.</td></tr></table></body></html>",
        &[],
        "plan.xls: is a web page (HTML); planlint reads .docx, .xlsx, .xls, .ods, .csv and .tsv: open it in Excel or Word and save it as .xlsx or .docx",
    );
    refused(
        "plan.csv",
        b"\x00\x01\x02\x03binary",
        &[],
        "is not a Word document, a workbook or a CSV file",
    );
}

#[test]
fn a_password_protected_workbook() {
    refused(
        "locked.xlsx",
        &office::encrypted(),
        &[],
        "locked.xlsx: the file is protected with a password, so planlint cannot read it. Open it, remove the password",
    );
}

#[test]
fn a_document_with_no_table() {
    let doc = docx(&[
        Block::Title("Crisis plan"),
        Block::P("We will write the actions later."),
    ]);
    refused(
        "notable.docx",
        &doc,
        &[],
        "notable.docx: the document has no table: planlint imports a plan kept as a Word table",
    );
}

#[test]
fn no_recognisable_header_lists_what_was_found_and_suggests_map() {
    let doc = docx(&[Block::Table(vec![
        row(&["Item ref.", "What we will do", "By", "Person"]),
        row(&["1", "Do the thing", "May 2016", "Team"]),
    ])]);
    let dir = folder("odd.docx", &doc);
    let (code, _, err) = import(dir.path(), &["odd.docx"]);
    assert_eq!(code, 2, "{err}");
    for part in [
        "odd.docx: no header row recognised",
        "table 1: Item ref. | What we will do | By | Person",
        "Name the columns with --map, e.g. --map 'Task=title'",
        "nothing was written",
    ] {
        assert!(err.contains(part), "missing `{part}` in:\n{err}");
    }
    no_plans_written(dir.path());
    // and --map is how it imports
    let (code, _, err) = import(
        dir.path(),
        &[
            "odd.docx",
            "--map",
            "What we will do=title",
            "--map",
            "item ref=id",
            "--map",
            "By=due",
            "--map",
            "Person=leads",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("What we will do -> title (--map)"), "{err}");
    let plan = std::fs::read_to_string(dir.path().join("plans/odd.toml")).expect("written");
    assert!(
        plan.contains("title = \"Do the thing\"") && plan.contains("leads = [\"Team\"]"),
        "{plan}"
    );
    // a --map for a column that is not there is refused
    refused(
        "odd.docx",
        &doc,
        &["--map", "What we will do=title", "--map", "item ref=id", "--map", "Colour=rag"],
        "--map 'Colour=rag': no column is headed \"Colour\" in table 1; its headers are: \"Item ref.\", \"What we will do\", \"By\", \"Person\"",
    );
    refused(
        "odd.docx",
        &doc,
        &["--map", "Task=titel"],
        "--map 'Task=titel': `titel` is not a field",
    );
}

#[test]
fn duplicate_ids() {
    let doc = docx(&[Block::Table(vec![
        row(&["No.", "Action", "Timescale", "Led By"]),
        row(&["3", "First action", "May 2016", "Team A"]),
        row(&["4", "Second action", "June 2016", "Team B"]),
        row(&[
            "3",
            "Third action, numbered like the first",
            "July 2016",
            "Team C",
        ]),
    ])]);
    refused(
        "dupes.docx",
        &doc,
        &[],
        "dupes.docx: cannot import: action id 3 appears twice (row 2 and row 4); ids must be unique in a plan\nnothing was written",
    );
}

#[test]
fn an_existing_plan_is_kept_without_force() {
    let dir = folder("notts.docx", &notts_docx());
    std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
    std::fs::write(dir.path().join("plans/notts.toml"), "# mine\n").expect("write");
    let (code, _, err) = import(dir.path(), &["notts.docx", "--update-date", "2015-11-30"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "plans/notts.toml already exists: pass --force to replace it\nnothing was written"
        ),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("plans/notts.toml")).expect("kept"),
        "# mine\n"
    );
    let (code, _, err) = import(
        dir.path(),
        &["notts.docx", "--update-date", "2015-11-30", "--force"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(dir.path().join("plans/notts.toml"))
        .expect("replaced")
        .contains("schema_version = 1"));
}

#[test]
fn a_huge_sheet_is_capped_and_says_so() {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (i, h) in ["No.", "Action", "Lead"].iter().enumerate() {
        ws.write_string(0, i as u16, *h).expect("w");
    }
    ws.write_string(1, 0, "1").expect("w");
    ws.write_string(1, 1, "Real action").expect("w");
    ws.write_string(1, 2, "Team").expect("w");
    // a stray value a million rows down: read cell by cell, it costs nothing
    ws.write_string(1_000_000, 0, "stray").expect("w");
    let dir = folder("big.xlsx", &wb.save_to_buffer().expect("xlsx"));
    let (code, _, err) = import(dir.path(), &["big.xlsx"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("note: sheet \"Sheet1\": values past row 100000 or column 256 (or past 2000000 cells) were not read"),
        "{err}"
    );
}

#[test]
fn the_plan_goes_to_stdout_with_dash() {
    let dir = folder("notts.docx", &notts_docx());
    let (code, out, err) = import(
        dir.path(),
        &["notts.docx", "--update-date", "2015-11-30", "-o", "-"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(
            "# Imported by planlint from notts.docx (tables 1–2).\n\nschema_version = 1\n"
        ),
        "{out}"
    );
    assert!(
        err.contains("planlint: wrote the plan to standard output"),
        "{err}"
    );
    no_plans_written(dir.path());
}

#[test]
fn values_that_cannot_be_placed_are_reported_not_changed() {
    let long = "x".repeat(20_001);
    let doc = docx(&[Block::Table(vec![
        row(&["No.", "Action", "Timescale", "Led By", "Outcomes", "Status"]),
        row(&[
            "1",
            "A real action",
            "May 2016",
            "Team A",
            &long,
            "Partly done",
        ]),
        row(&["See above", "Not an action of its own", "", "", "", ""]),
        row(&["2", &long, "June 2016", "Team B", "", ""]),
    ])]);
    let dir = folder("odd-values.docx", &doc);
    let (code, _, err) = import(dir.path(), &["odd-values.docx"]);
    assert_eq!(code, 0, "{err}");
    for line in [
        "planlint:   row 2: left-out: the \"Outcomes\" cell holds 20001 characters (more than 20000): too long to be one value of a plan",
        "planlint:   row 2: left-out: status \"Partly done\" is not one planlint knows (in progress, complete, not started, on hold, withdrawn): left out",
        "planlint:   row 3: skipped: \"See above\" under \"No.\" is not an action id (ids are numbers such as 3, 1.2 or 3.11.3): the row was not imported",
        "planlint:   row 4: skipped: the \"Action\" cell holds 20001 characters (more than 20000): too long to be one value of a plan: the row was not imported",
        "found 1 action in 0 sections",
    ] {
        assert!(err.contains(line), "missing `{line}` in:\n{err}");
    }
    // and the whole report, as the user reads it
    insta::assert_snapshot!(err);
    let plan = std::fs::read_to_string(dir.path().join("plans/odd-values.toml")).expect("written");
    assert!(
        !plan.contains("outcomes") && !plan.contains("status") && !plan.contains("See above"),
        "{plan}"
    );
}

/// An OpenDocument spreadsheet as LibreOffice saves one (the parts calamine reads).
fn ods(rows: &[&[&str]]) -> Vec<u8> {
    let mut table = String::new();
    for r in rows {
        table.push_str("<table:table-row>");
        for c in *r {
            if c.is_empty() {
                table.push_str("<table:table-cell/>");
            } else {
                table.push_str(&format!(
                    "<table:table-cell office:value-type=\"string\"><text:p>{c}</text:p></table:table-cell>"
                ));
            }
        }
        table.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Plan">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    office::package(&[
        (
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet".to_string(),
        ),
        ("content.xml", content),
        ("META-INF/manifest.xml", manifest.to_string()),
    ])
}

#[test]
fn an_opendocument_spreadsheet() {
    let bytes = ods(&[
        &["Northvale crisis plan", "", "", ""],
        &["Ref", "Action", "Due", "Owner"],
        &[
            "1",
            "Set up a crisis café",
            "June 2016",
            "Public Health Lead",
        ],
        &["2", "Street triage pilot", "2016/17", "Police Lead"],
    ]);
    let dir = folder("northvale.ods", &bytes);
    let (code, _, err) = import(dir.path(), &["northvale.ods"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("read northvale.ods (workbook): sheet \"Plan\", header in row 2"),
        "{err}"
    );
    let plan = std::fs::read_to_string(dir.path().join("plans/northvale.toml")).expect("written");
    let (same, total, diffs) = office::compare(
        r#"
schema_version = 1
[plan]
id = "northvale"
title = "Northvale crisis plan"
[[actions]]
id = "1"
title = "Set up a crisis café"
leads = ["Public Health Lead"]
due = "June 2016"
[[actions]]
id = "2"
title = "Street triage pilot"
leads = ["Police Lead"]
due = "2016/17"
"#,
        &plan,
    );
    println!("field accuracy ods: {same}/{total}");
    assert!(diffs.is_empty(), "{}\n{plan}", diffs.join("\n"));
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    let mut bytes = docx(&[Block::Table(vec![
        row(&["No.", "Action"]),
        row(&["1", "x"]),
    ])]);
    // declare word/document.xml to inflate to 4 GB in the central directory, as a bomb would
    let name = b"word/document.xml";
    let at = bytes
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == b"PK\x01\x02")
        .map(|(i, _)| i)
        .find(|&i| bytes[i + 46..].starts_with(name))
        .expect("the central directory entry");
    bytes[at + 24..at + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    refused("bomb.docx", &bytes, &[], "bomb.docx: a part of the file inflates to 4095 MiB (more than 128 MiB): refused as a possible zip bomb");
}

#[test]
fn json_with_the_plan_on_stdout_carries_the_plan_inside() {
    let dir = folder("notts.docx", &notts_docx());
    let (code, out, err) = import(
        dir.path(),
        &[
            "notts.docx",
            "--update-date",
            "2015-11-30",
            "-o",
            "-",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "the report is the JSON: {err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("one JSON object on stdout");
    assert_eq!(json["output"], "-");
    let plan = json["plan_text"].as_str().expect("plan_text");
    assert_fields("nottinghamshire (Word, JSON)", NOTTS, plan);
    assert_eq!(json["rows"], serde_json::json!([]));
    assert_eq!(json["counts"]["actions"], 5);
    no_plans_written(dir.path());
}

/// A hand-made .xlsx: `xl/workbook.xml` naming `sheets` (name, part), their relationships,
/// and the given extra parts (sheets, shared strings).
fn xlsx_parts(sheets: &[(&str, &str)], extra: &[(&str, String)]) -> Vec<u8> {
    let mut book = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, (name, part)) in sheets.iter().enumerate() {
        book.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{}" r:id="rId{}"/>"#,
            i + 1,
            i + 1
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="{part}"/>"#,
            i + 1
        ));
    }
    book.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    let mut parts = vec![
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_string(),
        ),
        ("xl/workbook.xml", book),
        ("xl/_rels/workbook.xml.rels", rels),
    ];
    parts.extend(extra.iter().cloned());
    office::package(&parts)
}

/// A sheet part with rows of inline or shared-string cells.
fn sheet_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{body}</sheetData></worksheet>"#
    )
}

#[test]
fn a_damaged_workbook_whose_error_names_a_password_part_is_damaged_not_locked() {
    // the sheet's part is missing; its name holds the word "password", which a reader that
    // recognised a locked workbook by its error text took for a password
    let book = xlsx_parts(&[("Passwords", "worksheets/password.xml")], &[]);
    let dir = folder("pw.xlsx", &book);
    let (code, out, err) = import(dir.path(), &["pw.xlsx"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("pw.xlsx: the workbook is damaged or not one planlint can read"),
        "{err}"
    );
    assert!(!err.contains("protected with a password"), "{err}");
    assert!(err.trim_end().ends_with("\nnothing was written"), "{err}");
    no_plans_written(dir.path());
}

// ---------------------------------------------------------------------------------------------
// Hostile files: whatever a file holds, an import of it stays under a fixed memory cap. Each
// runs the real binary and measures its peak resident set (`wait4`'s rusage).
// ---------------------------------------------------------------------------------------------

/// What an import may use at most, whatever the file.
const MEMORY_CAP_KB: i64 = 512 * 1024;

/// Runs `import FILE` in `dir` under GNU time; returns (exit code, stderr, peak RSS in KiB).
/// (`time` forks the import from its own small process: a child forked straight from this
/// test process would count this process's memory in its peak.)
#[cfg(target_os = "linux")]
fn import_measured(dir: &Path, file: &str) -> (i32, String, i64) {
    let rss = dir.join(".rss");
    let out = std::process::Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&rss)
        .arg(assert_cmd::cargo::cargo_bin("planlint"))
        .current_dir(dir)
        .args(["import", file, "-o", "-", "--as-of", "2015-12-01"])
        .output()
        .expect("run /usr/bin/time (GNU time measures the peak memory)");
    let kb = std::fs::read_to_string(&rss)
        .expect("time's report")
        .lines()
        .rev()
        .find_map(|l| l.trim().parse::<i64>().ok())
        .expect("a peak RSS in KiB");
    let _ = std::fs::remove_file(&rss);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        kb,
    )
}

/// Asserts a hostile file is refused (exit 2, `message`) within the memory cap.
#[cfg(target_os = "linux")]
fn refused_within_cap(file: &str, bytes: &[u8], message: &str) {
    let dir = folder(file, bytes);
    let (code, err, rss) = import_measured(dir.path(), file);
    println!(
        "peak RSS importing {file} ({} bytes): {} MiB",
        bytes.len(),
        rss / 1024
    );
    assert_eq!(code, 2, "{file}: {err}");
    assert!(
        err.contains(message),
        "{file}: expected `{message}` in:\n{err}"
    );
    assert!(err.starts_with("planlint: error: "), "{err}");
    assert!(
        rss < MEMORY_CAP_KB,
        "{file}: peak RSS {} MiB is over the cap",
        rss / 1024
    );
    no_plans_written(dir.path());
}

/// A raw deflate stream (fixed Huffman codes) of `prefix`, `n` copies of `fill`, `suffix`: the
/// copies as length-258 distance-1 matches, 13 bits per 258 bytes, so a gigabyte is 6 MB.
fn deflate_repeat(prefix: &[u8], fill: u8, n: usize, suffix: &[u8]) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, bits: u32) {
            self.acc |= value << self.len;
            self.len += bits;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        /// A Huffman code, most significant bit first.
        fn code(&mut self, code: u32, bits: u32) {
            let mut rev = 0u64;
            for i in 0..bits {
                rev |= u64::from((code >> i) & 1) << (bits - 1 - i);
            }
            self.put(rev, bits);
        }
        fn literal(&mut self, b: u8) {
            if b < 144 {
                self.code(0x30 + u32::from(b), 8);
            } else {
                self.code(0x190 + u32::from(b) - 144, 9);
            }
        }
    }
    let mut w = Bits {
        out: Vec::new(),
        acc: 0,
        len: 0,
    };
    w.put(1, 1); // final block
    w.put(1, 2); // fixed Huffman
    for &b in prefix {
        w.literal(b);
    }
    let mut left = n;
    if left > 0 {
        w.literal(fill);
        left -= 1;
    }
    while left >= 258 {
        w.code(0xC5, 8); // length code 285: 258 bytes
        w.code(0, 5); // distance code 0: distance 1
        left -= 258;
    }
    for _ in 0..left {
        w.literal(fill);
    }
    for &b in suffix {
        w.literal(b);
    }
    w.code(0, 7); // end of block
    w.put(0, 7);
    w.out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip by hand: `(name, data, method, crc, declared uncompressed size)` per entry, so an
/// entry can lie about the size it inflates to.
fn raw_zip(entries: &[(&str, Vec<u8>, u16, u32, u32)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data, method, crc, size) in entries {
        let offset = out.len() as u32;
        let header = |sig: &[u8], central: bool| {
            let mut h = sig.to_vec();
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend(0u16.to_le_bytes());
            h.extend(method.to_le_bytes());
            h.extend(0u32.to_le_bytes());
            h.extend(crc.to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend(size.to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central {
                h.extend([0u8; 6]); // comment length, disk, internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(b"PK\x03\x04", false));
        out.extend(data);
        central.extend(header(b"PK\x01\x02", true));
    }
    let at = out.len() as u32;
    out.extend(&central);
    out.extend(b"PK\x05\x06");
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

fn stored(name: &str, text: &str) -> (&'static str, Vec<u8>, u16, u32, u32) {
    let name: &'static str = Box::leak(name.to_string().into_boxed_str());
    (
        name,
        text.as_bytes().to_vec(),
        0,
        crc32(text.as_bytes()),
        text.len() as u32,
    )
}

/// A 60 KB string, the amplifier of the cases below.
fn big_text() -> String {
    "Deliver the crisis care concordat action plan. ".repeat(1250)
}

fn shared_strings(strings: &[&str]) -> String {
    let si: String = strings
        .iter()
        .map(|s| format!("<si><t>{s}</t></si>"))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{si}</sst>"#
    )
}

#[cfg(target_os = "linux")]
#[test]
fn a_zip_entry_that_lies_about_its_size_is_stopped_at_the_cap() {
    // xl/sharedStrings.xml declares 40 bytes and inflates to 700 MB
    let prefix = br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>"#;
    let data = deflate_repeat(prefix, b'x', 700 << 20, b"</t></si></sst>");
    let mut entries: Vec<(&str, Vec<u8>, u16, u32, u32)> = vec![
        stored(
            "xl/workbook.xml",
            r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        stored(
            "xl/_rels/workbook.xml.rels",
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        stored(
            "xl/worksheets/sheet1.xml",
            &sheet_xml(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#),
        ),
    ];
    entries.push(("xl/sharedStrings.xml", data, 8, 0, 40));
    refused_within_cap(
        "liar.xlsx",
        &raw_zip(&entries),
        "liar.xlsx: the file's part xl/sharedStrings.xml inflates to more than 16 MiB",
    );
}

#[cfg(target_os = "linux")]
#[test]
fn an_ods_row_repeated_a_billion_times_is_refused_within_the_cap() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>No.</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1000000000"><table:table-cell office:value-type="string"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let bytes = office::package(&[
        (
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet".to_string(),
        ),
        ("content.xml", content.to_string()),
    ]);
    refused_within_cap(
        "rows.ods",
        &bytes,
        "rows.ods: the spreadsheet's repeated rows and columns make more than 4000000 cells: too large to be a plan",
    );
}

#[cfg(target_os = "linux")]
#[test]
fn one_long_shared_string_in_two_million_cells_is_refused_within_the_cap() {
    let big = big_text();
    let mut rows = String::new();
    for r in 1..=100_000 {
        rows.push_str(&format!("<row r=\"{r}\">"));
        for c in ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"] {
            rows.push_str(&format!("<c r=\"{c}{r}\" t=\"s\"><v>0</v></c>"));
        }
        rows.push_str("</row>");
    }
    let bytes = xlsx_parts(
        &[("S", "worksheets/sheet1.xml")],
        &[
            ("xl/worksheets/sheet1.xml", sheet_xml(&rows)),
            ("xl/sharedStrings.xml", shared_strings(&[&big])),
        ],
    );
    refused_within_cap(
        "shared.xlsx",
        &bytes,
        "shared.xlsx: the file's tables hold more than 16 MiB of text",
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_long_cell_merged_down_a_hundred_thousand_rows_is_refused_within_the_cap() {
    let big = big_text();
    let body = r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#;
    let sheet = sheet_xml(body).replace(
        "</sheetData>",
        r#"</sheetData><mergeCells count="1"><mergeCell ref="A1:A100000"/></mergeCells>"#,
    );
    let bytes = xlsx_parts(
        &[("S", "worksheets/sheet1.xml")],
        &[
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/sharedStrings.xml", shared_strings(&[&big])),
        ],
    );
    refused_within_cap(
        "merged.xlsx",
        &bytes,
        "merged.xlsx: the file's tables hold more than 16 MiB of text",
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_word_cell_merged_down_thirty_thousand_rows_is_refused_within_the_cap() {
    let big = big_text();
    let mut rows = vec![row(&["No.", "Action"]), vec![c("1"), vstart(&big)]];
    for _ in 0..30_000 {
        rows.push(vec![c(""), vcont()]);
    }
    let doc = docx(&[Block::Table(rows)]);
    refused_within_cap(
        "vmerge.docx",
        &doc,
        "vmerge.docx: the file's tables hold more than 16 MiB of text",
    );
}

#[cfg(target_os = "linux")]
#[test]
fn thousands_of_sheets_that_are_one_part_are_refused_within_the_cap() {
    let big = big_text();
    let cells: String = (1..=100)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#))
        .collect();
    let names: Vec<String> = (1..=900).map(|i| format!("S{i}")).collect();
    let sheets: Vec<(&str, &str)> = names
        .iter()
        .map(|n| (n.as_str(), "worksheets/sheet1.xml"))
        .collect();
    let bytes = xlsx_parts(
        &sheets,
        &[
            ("xl/worksheets/sheet1.xml", sheet_xml(&cells)),
            ("xl/sharedStrings.xml", shared_strings(&[&big])),
        ],
    );
    refused_within_cap(
        "sheets.xlsx",
        &bytes,
        "sheets.xlsx: the workbook is damaged or not one planlint can read (two of its sheets are the same part, worksheets/sheet1.xml)",
    );
}

#[test]
fn a_shared_string_index_past_the_table_is_a_damaged_workbook_not_a_panic() {
    let bytes = xlsx_parts(
        &[("S", "worksheets/sheet1.xml")],
        &[
            (
                "xl/worksheets/sheet1.xml",
                sheet_xml(
                    r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>7</v></c></row>"#,
                ),
            ),
            ("xl/sharedStrings.xml", shared_strings(&["No."])),
        ],
    );
    let dir = folder("index.xlsx", &bytes);
    let (code, out, err) = import(dir.path(), &["index.xlsx"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    // calamine 0.30 panicked here (caught at the reader boundary: "its content is
    // inconsistent: the reader stopped on it"); 0.33 reports the bad index itself
    assert!(
        err.starts_with(
            "planlint: error: index.xlsx: the workbook is damaged or not one planlint can read ("
        ) && err.ends_with(")\nnothing was written\n")
            && err.lines().count() == 2,
        "{err}"
    );
    no_plans_written(dir.path());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_not_waited_on() {
    let dir = folder("plan.csv", b"No.,Action\n1,Do it\n");
    let fifo = dir.path().join("pipe.csv");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("planlint"))
        .current_dir(dir.path())
        .args(["import", "pipe.csv", "--as-of", "2015-12-01"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > std::time::Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("import waited on the named pipe for 10 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err)
        .expect("stderr");
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(
        err.contains("pipe.csv: not a regular file: it is a named pipe"),
        "{err}"
    );
    no_plans_written(dir.path());
}

#[test]
fn escape_sequences_in_the_file_are_shown_not_sent_to_the_terminal() {
    // OSC 52 writes the clipboard; CSI 2J clears the screen; in a header, an off-scale
    // rating and a row joined to the one above
    let osc = "\u{1b}]52;c;cm0gLXJmIH4=\u{7}";
    let csv = format!("No.,Action,RAG,Notes{osc}\n1,Do it,Purple{osc},x\n,and more\u{1b}[2J,,\n");
    let dir = folder("esc.csv", csv.as_bytes());
    let (code, _, err) = import(
        dir.path(),
        &["esc.csv", "--map", &format!("Notes{osc}=skip")],
    );
    assert!(code == 0 || code == 1, "{err}");
    assert!(
        !err.contains('\u{1b}'),
        "an escape reached the terminal:\n{err:?}"
    );
    assert!(
        !err.contains('\u{7}'),
        "a BEL reached the terminal:\n{err:?}"
    );
    assert!(err.contains("\\u{1b}]52;c;"), "{err}");
}

#[test]
fn a_very_hidden_sheet_is_read_with_a_note() {
    let rows = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>No.</t></is></c><c r="B1" t="inlineStr"><is><t>Action</t></is></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>Do it</t></is></c></row>"#;
    // the sheet's name carries the state attribute into xlsx_parts' <sheet> element
    let book = xlsx_parts(
        &[("Secret\" state=\"veryHidden", "worksheets/sheet1.xml")],
        &[("xl/worksheets/sheet1.xml", sheet_xml(rows))],
    );
    let dir = folder("hidden.xlsx", &book);
    let (code, _, err) = import(dir.path(), &["hidden.xlsx", "-o", "-"]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(
        err.contains("note: sheet \"Secret\" is very hidden (Excel shows it in no menu; only a macro can unhide it): it was read like the others"),
        "{err}"
    );
}

#[test]
fn an_unclosed_quote_in_a_csv_is_noted() {
    let csv = "No.,Action,Lead\n1,\"Unclosed title,A\n2,Second,B\n3,Third,C\n";
    let dir = folder("quote.csv", csv.as_bytes());
    let (_, _, err) = import(dir.path(), &["quote.csv", "-o", "-"]);
    assert!(
        err.contains("note: line 2: a quote opened in this row is never closed, so lines 2–4 were read as one row"),
        "{err}"
    );
}

#[test]
fn a_header_below_the_rows_searched_says_how_far_it_looked() {
    let mut csv = String::new();
    for i in 0..35 {
        csv.push_str(&format!("Introduction line {i},,\n"));
    }
    csv.push_str("No.,Action,Lead\n1,Do it,A\n");
    refused(
        "deep.csv",
        csv.as_bytes(),
        &[],
        "deep.csv: no header row recognised in the first 30 rows of each table (planlint searches no further",
    );
}

#[test]
fn a_truncated_docx_or_xlsx_is_called_incomplete() {
    let doc = notts_docx();
    refused(
        "cut.docx",
        &doc[..doc.len() / 2],
        &[],
        "cut.docx: the Word document is incomplete (cut short, perhaps by a download or copy that did not finish)",
    );
    let book = workbook();
    refused(
        "cut.xlsx",
        &book[..book.len() / 2],
        &[],
        "cut.xlsx: the workbook is incomplete (cut short",
    );
}
