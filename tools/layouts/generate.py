#!/usr/bin/env python3
"""Makes the import layout fixtures of issue 21 (tests/data/layouts/, see LAYOUTS.md there).

    python3 tools/layouts/generate.py [OUT_DIR]     (default: tests/data/layouts)

Each fixture is one plan (model.make_plan, fixed seed) laid out the way programme offices lay
plans out, and written twice: as the office file and as <name>.truth.toml, the plan a careful
officer would type from it. Families: colour (ratings shown only by colour), sheets (a sheet
per section), headers (the words people head columns with), leads (several leads in a cell),
ratings (R/A/G, status words in the rating column), continuation (a revised timescale on a
second row), titles (title paragraphs, long banners, dated update headers), complete (an
update that says the action is complete, no status column). Families mix, as in real plans.

Needs python-docx and openpyxl (ODS is written as XML by writers.write_ods). The fixtures are committed,
so the tests never run this.
"""
import datetime as dt
import random
import sys
from pathlib import Path

import model
import pools
from model import Cell, make_plan, month_end, number, status_words, write_truth
from writers import Col, Doc, Sheet, action_rows, write_csv, write_ods, write_xlsx

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests/data/layouts"
SEED = 21

D = month_end  # D(2016, 12) is 2016-12-31


def emit(family, name, plan, args=()):
    """The truth (and .args) of a fixture whose file the caller wrote to path(family, name, ext)."""
    d = OUT / family
    write_truth(d / f"{name}.truth.toml", plan, name)
    a = d / f"{name}.args"
    if args:
        a.write_text("".join(x + "\n" for x in args), encoding="utf-8")
    elif a.exists():
        a.unlink()


def path(family, name, ext):
    d = OUT / family
    d.mkdir(parents=True, exist_ok=True)
    return d / f"{name}.{ext}"


def by_section(plan):
    out = []
    for s in plan.sections:
        out.append((s, [a for a in plan.actions if a.section == s]))
    if not plan.sections:
        out.append((None, plan.actions))
    return out


def headers(cols):
    return [c.header for c in cols]


def priority(rng, a):
    return rng.choice(["High", "Medium", "Low", ""])


def budget(rng, a):
    return rng.choice(["Within existing resources", "£25k", "£120k (one-off)", "", "TBC"])


def docx_sections_as_headings(doc, plan, cols, rng, form="dot", level=2, id_dot=False,
                              blank_rows=0.0, repeat_header=True, merge_cont=()):
    for i, (s, acts) in enumerate(by_section(plan), 1):
        if s is not None:
            doc.heading(number(s, i, form), level=level)
        doc.table([headers(cols)], action_rows(acts, cols, rng, id_dot, blank_rows),
                  merge_cont=merge_cont)
        doc.p("")


def docx_sections_as_banners(doc, plan, cols, rng, form="dot", id_dot=False, blank_rows=0.0,
                             merge_cont=(), header_rows=None):
    rows = []
    for i, (s, acts) in enumerate(by_section(plan), 1):
        if s is not None:
            rows.append(("banner", number(s, i, form)))
        rows += action_rows(acts, cols, rng, id_dot, blank_rows)
    doc.table(header_rows or [headers(cols)], rows, merge_cont=merge_cont)


def xlsx_single(plan, cols, rng, banner=True, subtitle=None, form="dot", id_dot=False,
                blank_rows=0.0, date_format="mmm-yy", section_banners=True, name="Action plan",
                extra_sheets=()):
    rows = []
    w = len(cols)
    if banner:
        rows.append(("banner", plan.title, w))
        if subtitle:
            rows.append([Cell(subtitle)])
        rows.append([])
    rows.append([Cell(h) for h in headers(cols)])
    for i, (s, acts) in enumerate(by_section(plan), 1):
        if s is not None and section_banners:
            rows.append(("banner", number(s, i, form), w))
        for kind, cells in action_rows(acts, cols, rng, id_dot, blank_rows):
            rows.append(cells)
    return [Sheet(name, rows, date_format=date_format,
                  widths=[8 if c.kind == "id" else 40 if c.kind in ("title", "update") else 18
                          for c in cols])] + list(extra_sheets)


# =============================================================================================
# (1) colour: ratings shown by colour alone


def colour_shading_docx(rng):
    name = "crisis-shading"
    upd = D(2016, 12)
    plan = make_plan(rng, "crisis", 80, rag_mode="fill", update_dates=[upd],
                     lead_style=model.ALL_LEADS, outcomes=True, blank_rag=0.08)
    cols = [Col("No.", "id"), Col("Action", "title"), Col("Timescale", "due"),
            Col("Led by", "leads"), Col("Outcomes", "outcomes", bullets=True),
            Col("Progress December 2016", "update", upd), Col("RAG", "rag")]
    doc = Doc()
    doc.title(plan.title)
    doc.p("This plan sets out how partners will improve the response to people in mental health "
          "crisis. It is reviewed by the Crisis Care Concordat Partnership Board every quarter.")
    docx_sections_as_headings(doc, plan, cols, rng, form="dot", id_dot=True)
    doc.save(path("colour", name, "docx"))
    emit("colour", name, plan)


def colour_key_docx(rng):
    name = "housing-key"
    upd = D(2016, 11)
    plan = make_plan(rng, "housing", 35, rag_mode="pale", update_dates=[upd],
                     lead_style=model.SIMPLE_LEADS + ["list-and", "lines"], blank_rag=0.1)
    cols = [Col("Ref", "id"), Col("What we will do", "title"), Col("Responsible", "leads"),
            Col("Target date", "due"), Col("Update (November 2016)", "update", upd),
            Col("Status", "rag"), Col("Priority", "extra", extra=priority)]
    doc = Doc()
    doc.heading(plan.title, level=1)
    doc.p("Key to the status column:", bold=True)
    doc.key_table([("FF9999", "Red = Not on track: needs escalation to the board"),
                   ("FFD966", "Amber = Some risk to delivery, being managed"),
                   ("92D050", "Green = On track")])
    doc.p("")
    docx_sections_as_banners(doc, plan, cols, rng, form="dot", blank_rows=0.05)
    doc.save(path("colour", name, "docx"))
    emit("colour", name, plan)


def colour_font_docx(rng):
    name = "safety-font"
    upd = D(2016, 9)
    plan = make_plan(rng, "safety", 28, rag_mode="font", update_dates=[upd], id_style="flat",
                     lead_style=model.SIMPLE_LEADS + ["amp"], blank_rag=0.1, partners=True)
    cols = [Col("Ref", "id"), Col("Action", "title"), Col("Lead agency", "leads"),
            Col("Supported by", "partners"), Col("By when", "due"),
            Col("Progress at September 2016", "update", upd), Col("RAG", "rag")]
    doc = Doc()
    doc.title(plan.title)
    doc.p("Ratings: a red, amber or green mark in the RAG column.")
    docx_sections_as_headings(doc, plan, cols, rng, form="section", level=1)
    doc.save(path("colour", name, "docx"))
    emit("colour", name, plan)


def colour_excel_styles_docx(rng):
    name = "trust-good-neutral-bad"
    u1, u2 = D(2016, 6), D(2016, 12)
    plan = make_plan(rng, "trust", 24, rag_mode="excel", update_dates=[u1, u2], sections=False,
                     lead_style=model.SIMPLE_LEADS, blank_rag=0.05, next_steps=True)
    cols = [Col("Ref", "id"), Col("Improvement action", "title"), Col("Executive lead", "leads"),
            Col("Deadline", "due"), Col("Update June 2016", "update", u1),
            Col("Update December 2016", "update", u2), Col("Next steps", "next_steps"),
            Col("RAG rating", "rag")]
    doc = Doc()
    doc.title(plan.title)
    doc.p("Response to the CQC inspection report. Ratings use the Good / Neutral / Bad fills.")
    doc.table([headers(cols)], action_rows(plan.actions, cols, rng))
    doc.save(path("colour", name, "docx"))
    emit("colour", name, plan)


def colour_fills_xlsx(rng):
    name = "council-fills"
    upd = D(2017, 3)
    plan = make_plan(rng, "council", 30, rag_mode="pale", update_dates=[upd], dues="date",
                     lead_style=model.SIMPLE_LEADS + ["comma-name"], blank_rag=0.1)
    for a in plan.actions:   # standard and pale fills mixed in one workbook
        if a.rag and rng.random() < 0.5:
            a.rag_cell = Cell("", fill=model.STANDARD[a.rag])
    cols = [Col("Ref", "id"), Col("Action", "title"), Col("Owner", "leads"),
            Col("Deadline", "due"), Col("", "blank"), Col("Progress March 2017", "update", upd),
            Col("RAG", "rag")]
    write_xlsx(path("colour", name, "xlsx"),
               xlsx_single(plan, cols, rng, form="section", date_format="dd/mm/yyyy"))
    emit("colour", name, plan)


# =============================================================================================
# (2) sheets: one sheet per section


def section_sheets(plan, cols, rng, banner_form="section", names=None, id_dot=False):
    sheets = []
    for i, (s, acts) in enumerate(by_section(plan), 1):
        rows = []
        if banner_form:
            rows.append(("banner", number(s, i, banner_form), len(cols)))
            rows.append([])
        rows.append([Cell(h) for h in headers(cols)])
        rows += [cells for _, cells in action_rows(acts, cols, rng, id_dot, 0.03)]
        nm = names[i - 1] if names else f"Section {i}"
        sheets.append(Sheet(nm, rows, widths=[8, 45, 22, 14, 40, 40, 10][:len(cols)] + [15] * 5))
    return sheets


def cover(title, lines):
    return Sheet("Cover", [("banner", title, 6), []] + [[Cell(x)] for x in lines], widths=[90])


def sheets_xlsx(rng):
    name = "crisis-sheets"
    upd = D(2017, 3)
    plan = make_plan(rng, "crisis", 59, rag_mode="words", update_dates=[upd], nsections=5,
                     lead_style=model.ALL_LEADS, outcomes=True)
    cols = [Col("Ref", "id"), Col("Action", "title"), Col("Lead", "leads"),
            Col("Timescale", "due"), Col("Outcomes", "outcomes"),
            Col("Update March 2017", "update", upd), Col("RAG", "rag")]
    sheets = [cover(plan.title, ["Owner: Crisis Care Concordat Partnership Board",
                                 "One sheet for each section of the concordat."])]
    sheets += section_sheets(plan, cols, rng, banner_form="section")
    write_xlsx(path("sheets", name, "xlsx"), sheets)
    emit("sheets", name, plan)


def sheets_ods(rng):
    name = "children-sheets"
    upd = D(2016, 12)
    plan = make_plan(rng, "children", 40, rag_mode="letters", update_dates=[upd], nsections=5,
                     lead_style=model.SIMPLE_LEADS + ["list-and", "lines"], next_steps=True)
    cols = [Col("No.", "id"), Col("Action", "title"), Col("Lead officer", "leads"),
            Col("Due", "due"), Col("Progress December 2016", "update", upd),
            Col("Next steps", "next_steps"), Col("RAG", "rag")]
    names = ["Early help", "Front door", "CIN and CP", "CLA", "Care leavers"]
    sheets = [cover(plan.title, ["Version 4, agreed by the Improvement Board."])]
    sheets += section_sheets(plan, cols, rng, banner_form="dot", names=names, id_dot=True)
    write_ods(path("sheets", name, "ods"), sheets)
    emit("sheets", name, plan)


def old_sheet(cols, rng, topic, live):
    """Last year's plan, kept hidden: its ids are the live plan's first ids, so reading it as
    part of the plan would be seen."""
    old = make_plan(rng, topic, 8, sections=False, rag_mode="words", update_dates=[D(2015, 3)])
    for a, b in zip(old.actions, live.actions):
        a.id = b.id
    rows = [[Cell(h) for h in headers(cols)]]
    rows += [cells for _, cells in action_rows(old.actions, cols, rng)]
    return rows


def rename_sections(plan, names):
    """Section titles as short as sheet names must be (the truth's too)."""
    new = dict(zip(plan.sections, names))
    plan.sections = [new[s] for s in plan.sections]
    for a in plan.actions:
        a.section = new[a.section]


def lists_sheet():
    return Sheet("Lists", [[Cell("Red")], [Cell("Amber")], [Cell("Green")], [Cell("Complete")]])


def sheets_hidden_xlsx(rng):
    name = "housing-sheets-hidden"
    upd = D(2016, 10)
    plan = make_plan(rng, "housing", 36, rag_mode="words", update_dates=[upd], nsections=4,
                     lead_style=model.SIMPLE_LEADS + ["amp", "semicolon"], id_style="flat")
    cols = [Col("Action no.", "id"), Col("Action", "title"), Col("Responsible officer", "leads"),
            Col("Target date", "due"), Col("Progress October 2016", "update", upd),
            Col("RAG status", "rag")]
    # no banners: each sheet's name (31 characters at most) is its section's title
    rename_sections(plan, ["Prevention", "Rough sleeping", "Affordable homes", "Private rented sector"])
    names = plan.sections
    sheets = [Sheet("Contents", [("banner", plan.title, 4), []] +
                    [[Cell(f"{i}. {s}")] for i, s in enumerate(names, 1)])]
    sheets += section_sheets(plan, cols, rng, banner_form=None, names=names)
    for sh in sheets[1:]:
        sh.validation, sh.rag_col = "Lists!$A$1:$A$4", 5
    sheets.insert(1, Sheet("2015 plan (old)", old_sheet(cols, rng, "housing", plan), hidden=True))
    sheets.append(lists_sheet())
    write_xlsx(path("sheets", name, "xlsx"), sheets)
    emit("sheets", name, plan)


def sheets_hidden_ods(rng):
    name = "safety-sheets-hidden"
    upd = D(2016, 6)
    plan = make_plan(rng, "safety", 30, rag_mode="words", update_dates=[upd], nsections=4,
                     lead_style=model.ALL_LEADS, partners=True)
    cols = [Col("Ref", "id"), Col("Action", "title"), Col("Lead", "leads"),
            Col("Partners", "partners"), Col("Timescale", "due"),
            Col("Update June 2016", "update", upd), Col("RAG", "rag")]
    sheets = [cover(plan.title, ["Reviewed by the partnership's delivery group."])]
    sheets += section_sheets(plan, cols, rng, banner_form="plain",
                             names=["ASB", "Domestic abuse", "Reoffending", "Roads"])
    for sh in sheets[1:]:
        sh.validation, sh.rag_col = "Lists!$A$1:$A$4", 6
    sheets.insert(1, Sheet("Archive", old_sheet(cols, rng, "safety", plan), hidden=True))
    sheets.append(lists_sheet())
    write_ods(path("sheets", name, "ods"), sheets)
    emit("sheets", name, plan)


# =============================================================================================
# (3) headers: the words people head columns with


def headers_who_when_docx(rng):
    name = "who-when"
    upd = D(2016, 9)
    plan = make_plan(rng, "safety", 22, rag_mode="words", update_dates=[upd],
                     title="Eastbrook Community Safety Partnership Plan: progress report, September 2016")
    cols = [Col("Ref", "id"), Col("What", "title"), Col("Who", "leads"), Col("When", "due"),
            Col("Progress", "update", upd), Col("RAG", "rag")]
    doc = Doc()
    doc.title(plan.title)
    docx_sections_as_headings(doc, plan, cols, rng, form="dot", level=2)
    doc.save(path("headers", name, "docx"))
    emit("headers", name, plan)


def headers_questions_docx(rng):
    name = "questions-children"
    upd = D(2016, 6)
    plan = make_plan(rng, "children", 26, rag_mode="words", update_dates=[upd], outcomes=True,
                     id_style="flat", lead_style=model.SIMPLE_LEADS + ["list-and"])
    cols = [Col("", "id"), Col("What will we do?", "title"), Col("Who will lead?", "leads"),
            Col("By when?", "due"), Col("How will we know it has worked?", "outcomes"),
            Col("What progress has been made by June 2016?", "update", upd),
            Col("How are we doing? (RAG)", "rag")]
    doc = Doc()
    doc.title(plan.title)
    doc.p("Our plan for children and young people, written with them.")
    docx_sections_as_banners(doc, plan, cols, rng, form="plain")
    doc.save(path("headers", name, "docx"))
    emit("headers", name, plan)


def headers_questions_xlsx(rng):
    name = "questions-housing"
    upd = D(2017, 1)
    plan = make_plan(rng, "housing", 20, rag_mode="letters", update_dates=[upd], sections=False,
                     lead_style=model.SIMPLE_LEADS)
    cols = [Col("What are we going to do?", "title"), Col("Who is responsible?", "leads"),
            Col("When will it be done by?", "due"),
            Col("What have we done so far? (January 2017)", "update", upd),
            Col("Are we on track?", "rag")]
    write_xlsx(path("headers", name, "xlsx"), xlsx_single(plan, cols, rng, banner=True))
    emit("headers", name, plan)


def headers_owner_deadline_xlsx(rng):
    name = "owner-deadline"
    upd = D(2016, 12)
    plan = make_plan(rng, "trust", 32, rag_mode="words", update_dates=[upd], dues="date",
                     lead_style=model.SIMPLE_LEADS + ["amp"])
    cols = [Col("Ref", "id"), Col("Action", "title"), Col("Owner", "leads"),
            Col("Deadline", "due"), Col("Progress update December 2016", "update", upd),
            Col("RAG", "rag"), Col("Budget", "extra", extra=budget)]
    write_xlsx(path("headers", name, "xlsx"),
               xlsx_single(plan, cols, rng, form="dash", blank_rows=0.05))
    emit("headers", name, plan)


def headers_two_rows_docx(rng):
    name = "two-row-header"
    u1, u2 = D(2016, 6), D(2016, 12)
    plan = make_plan(rng, "trust", 22, rag_mode="words", update_dates=[u1, u2], nsections=3,
                     lead_style=model.SIMPLE_LEADS + ["lines"], outcomes=True)
    cols = [Col("Ref", "id"), Col("Action", "title"), Col("Executive lead", "leads"),
            Col("Completion date", "due"), Col("Expected outcome", "outcomes", bullets=True),
            Col("June 2016", "update", u1), Col("December 2016", "update", u2),
            Col("", "blank"), Col("RAG", "rag")]
    top = ["Ref", "Action", "Executive lead", "Completion date", "Expected outcome",
           "Progress update", "", "", "RAG"]
    second = ["", "", "", "", "", "June 2016", "December 2016", "", ""]
    merges = [((0, i), (1, i)) for i in (0, 1, 2, 3, 4, 7, 8)] + [((0, 5), (0, 6))]
    doc = Doc()
    doc.title(plan.title)
    doc.p("Progress is reported to the Quality Committee every six months.")
    rows = []
    for i, (s, acts) in enumerate(by_section(plan), 1):
        rows.append(("banner", number(s, i, "dot")))
        rows += action_rows(acts, cols, rng)
    doc.table([top, second], rows, header_merges=merges)
    doc.save(path("headers", name, "docx"))
    emit("headers", name, plan)


def headers_comments_csv(rng):
    name = "responsible-officer"
    plan = make_plan(rng, "council", 18, rag_mode="words", update_dates=[D(2016, 10)],
                     sections=False, partners=True, dues="iso")
    cols = [Col("Ref", "id"), Col("Action", "title"), Col("Responsible officer", "leads"),
            Col("Key partners", "partners"), Col("Target date", "due"),
            Col("Comments", "update", D(2016, 10)), Col("RAG status", "rag")]
    write_csv(path("headers", name, "csv"), headers(cols), action_rows(plan.actions, cols, rng))
    emit("headers", name, plan, args=["--title", plan.title, "--update-date", "2016-10-31"])


def headers_deliverables_xlsx(rng):
    name = "deliverables"
    upd = D(2016, 9)
    plan = make_plan(rng, "council", 24, rag_mode="words", update_dates=[upd],
                     lead_style=model.SIMPLE_LEADS, next_steps=True, nsections=4)
    cols = [Col("No.", "id"), Col("Deliverable", "title"), Col("Lead", "leads"),
            Col("Due by", "due"), Col("Comments - September 2016", "update", upd),
            Col("Next steps", "next_steps"), Col("RAG", "rag")]
    write_xlsx(path("headers", name, "xlsx"),
               xlsx_single(plan, cols, rng, form="dot", id_dot=True))
    emit("headers", name, plan)


# =============================================================================================
# (4) leads


def leads_docx(rng):
    name = "leads-mixed"
    upd = D(2016, 3)
    plan = make_plan(rng, "crisis", 40, rag_mode="words", update_dates=[upd],
                     lead_style=["slash", "and", "list-and", "amp", "lines", "bullets", "semicolon",
                                 "comma-name", "comma-name-slash", "one"])
    cols = [Col("No.", "id"), Col("Action", "title"), Col("Time-scale", "due"),
            Col("Led by", "leads"), Col("Summary progress March 2016", "update", upd),
            Col("Red/Amber/Green (RAG)", "rag")]
    doc = Doc()
    doc.title(plan.title)
    docx_sections_as_headings(doc, plan, cols, rng, form="dot", id_dot=True)
    doc.save(path("leads", name, "docx"))
    emit("leads", name, plan)


def leads_xlsx(rng):
    name = "leads-commas"
    upd = D(2016, 12)
    plan = make_plan(rng, "children", 30, rag_mode="words", update_dates=[upd],
                     lead_style=["comma-name", "comma-name-slash", "list-and", "slash", "and"])
    cols = [Col("Ref", "id"), Col("Action", "title"), Col("Lead(s)", "leads"),
            Col("Timescale", "due"), Col("Update December 2016", "update", upd),
            Col("RAG", "rag")]
    write_xlsx(path("leads", name, "xlsx"), xlsx_single(plan, cols, rng))
    emit("leads", name, plan)


def leads_csv(rng):
    name = "leads"
    upd = D(2016, 5)
    plan = make_plan(rng, "safety", 20, rag_mode="words", update_dates=[upd], sections=False,
                     lead_style=["semicolon", "amp", "list-and", "slash", "one"])
    cols = [Col("ID", "id"), Col("Action", "title"), Col("Lead", "leads"), Col("Due", "due"),
            Col("Update May 2016", "update", upd), Col("RAG", "rag")]
    write_csv(path("leads", name, "csv"), headers(cols), action_rows(plan.actions, cols, rng))
    emit("leads", name, plan, args=["--title", plan.title])


# =============================================================================================
# (5) ratings: letters, words, status words in the rating column


def ratings_letters_docx(rng):
    name = "rag-letters"
    upd = D(2016, 12)
    plan = make_plan(rng, "trust", 30, rag_mode="letters", update_dates=[upd])
    status_words(rng, plan, 0.35)
    cols = [Col("Ref", "id"), Col("Action", "title"), Col("Lead", "leads"),
            Col("Timescale", "due"), Col("Progress December 2016", "update", upd),
            Col("R/A/G", "rag")]
    doc = Doc()
    doc.title(plan.title)
    docx_sections_as_banners(doc, plan, cols, rng, form="section")
    doc.save(path("ratings", name, "docx"))
    emit("ratings", name, plan)


def ratings_words_xlsx(rng):
    name = "rag-words"
    upd = D(2017, 2)
    plan = make_plan(rng, "housing", 34, rag_mode="words", update_dates=[upd],
                     lead_style=model.ALL_LEADS)
    status_words(rng, plan, 0.35)
    # words with the fill that usually goes with them; where they disagree the words count
    for a in plan.actions:
        if a.rag in model.STANDARD:
            fill = a.rag if rng.random() < 0.9 else rng.choice(list(model.STANDARD))
            a.rag_cell = Cell(a.rag_cell.text, fill=model.STANDARD[fill])
    cols = [Col("Ref", "id"), Col("RAG", "rag"), Col("Action", "title"), Col("Lead", "leads"),
            Col("Target", "due"), Col("Progress February 2017", "update", upd)]
    write_xlsx(path("ratings", name, "xlsx"), xlsx_single(plan, cols, rng, form="dot"))
    emit("ratings", name, plan)


def ratings_ods(rng):
    name = "rag-status"
    upd = D(2016, 11)
    plan = make_plan(rng, "crisis", 26, rag_mode="letters", update_dates=[upd], sections=False)
    for a in plan.actions:
        if a.rag and rng.random() < 0.5:
            a.rag_cell = Cell(a.rag.capitalize())
    status_words(rng, plan, 0.3)
    cols = [Col("No", "id"), Col("Action", "title"), Col("Lead", "leads"),
            Col("Timescale", "due"), Col("Update November 2016", "update", upd),
            Col("RAG status", "rag")]
    write_ods(path("ratings", name, "ods"), xlsx_single(plan, cols, rng))
    emit("ratings", name, plan)


# =============================================================================================
# (6) continuation rows


def continuation_docx(rng):
    name = "revised-crisis"
    upd = D(2016, 12)
    plan = make_plan(rng, "crisis", 36, rag_mode="words", update_dates=[upd], continuation=0.25)
    cols = [Col("No.", "id"), Col("Action", "title"), Col("Lead", "leads"),
            Col("Timescale", "due"), Col("Progress December 2016", "update", upd),
            Col("RAG", "rag")]
    doc = Doc()
    doc.title(plan.title)
    docx_sections_as_headings(doc, plan, cols, rng, form="dot", id_dot=True)
    doc.save(path("continuation", name, "docx"))
    emit("continuation", name, plan)


def continuation_merged_docx(rng):
    name = "revised-merged"
    u1, u2 = D(2016, 9), D(2017, 3)
    plan = make_plan(rng, "children", 30, rag_mode="words", update_dates=[u1, u2],
                     continuation=0.3, lead_style=model.SIMPLE_LEADS + ["lines"])
    cols = [Col("Ref", "id"), Col("Action", "title"), Col("Lead", "leads"),
            Col("Timescale", "due"), Col("Update September 2016", "update", u1),
            Col("Update March 2017", "update", u2), Col("RAG", "rag")]
    doc = Doc()
    doc.title(plan.title)
    # the id, action, lead and rating cells span the action's two rows
    docx_sections_as_banners(doc, plan, cols, rng, form="dot", merge_cont=(0, 1, 2, 6))
    doc.save(path("continuation", name, "docx"))
    emit("continuation", name, plan)


def continuation_xlsx(rng):
    name = "revised-housing"
    upd = D(2016, 12)
    plan = make_plan(rng, "housing", 28, rag_mode="words", update_dates=[upd],
                     continuation=0.3)
    for a in plan.actions:   # "(& ongoing)" timescales too
        if a.revised_written is None and rng.random() < 0.2:
            a.due = rng.choice(["March 2016 (& ongoing)", "Sept 2016 (& ongoing)"])
    cols = [Col("Ref", "id"), Col("Action", "title"), Col("Lead", "leads"),
            Col("Timescale", "due"), Col("Update December 2016", "update", upd),
            Col("RAG", "rag")]
    write_xlsx(path("continuation", name, "xlsx"), xlsx_single(plan, cols, rng))
    emit("continuation", name, plan)


# =============================================================================================
# (7) titles and dated update headers


def titles_docx(rng):
    name = "title-style"
    u1, u2 = D(2016, 6), D(2016, 12)
    plan = make_plan(rng, "council", 24, rag_mode="words", update_dates=[u1, u2],
                     lead_style=model.SIMPLE_LEADS)
    cols = [Col("Ref", "id"), Col("Action", "title"), Col("Lead", "leads"),
            Col("Timescale", "due"), Col("Progress June 2016", "update", u1),
            Col("Progress December 2016", "update", u2), Col("RAG", "rag")]
    doc = Doc()
    doc.title(plan.title)
    doc.p("Contents", bold=True)
    doc.p("Introduction")
    doc.heading("Introduction", level=1)
    doc.p("The council's improvement plan responds to the peer challenge of 2015.")
    docx_sections_as_headings(doc, plan, cols, rng, form="section", level=1)
    doc.save(path("titles", name, "docx"))
    emit("titles", name, plan)


def titles_long_banner_xlsx(rng):
    name = "long-banner-crisis"
    u1, u2 = D(2016, 12), D(2017, 3)
    plan = make_plan(rng, "crisis", 44, rag_mode="words", update_dates=[u1, u2],
                     title="Westford and District Mental Health Crisis Care Concordat: "
                           "Joint Action Plan 2016 to 2018 (Partnership Board version)")
    cols = [Col("Ref", "id"), Col("Action", "title"), Col("Lead", "leads"),
            Col("Timescale", "due"), Col("Update at December 2016", "update", u1),
            Col("Update at March 2017", "update", u2), Col("RAG", "rag")]
    write_xlsx(path("titles", name, "xlsx"), xlsx_single(plan, cols, rng, form="dot"))
    emit("titles", name, plan)


def titles_long_banner_ods(rng):
    name = "long-banner-safety"
    upd = D(2016, 12)
    plan = make_plan(rng, "safety", 26, rag_mode="words", update_dates=[upd],
                     title="Kingsmere Safer Communities Partnership Strategic Plan 2016-2019: "
                           "delivery plan for year one")
    cols = [Col("Ref", "id"), Col("Action", "title"), Col("Lead", "leads"),
            Col("Timescale", "due"), Col("Progress December 2016", "update", upd),
            Col("RAG", "rag")]
    write_ods(path("titles", name, "ods"), xlsx_single(plan, cols, rng, form="plain",
                              subtitle="Agreed by the partnership board"))
    emit("titles", name, plan)


# =============================================================================================
# (8) completion in words, no status column


def complete_docx(rng):
    name = "complete-crisis"
    upd = D(2016, 6)
    plan = make_plan(rng, "crisis", 40, rag_mode="none", update_dates=[upd], complete_words=0.4,
                     lead_style=model.ALL_LEADS)
    cols = [Col("No.", "id"), Col("Action", "title"), Col("Lead", "leads"),
            Col("Timescale", "due"), Col("Progress June 2016", "update", upd)]
    doc = Doc()
    doc.title(plan.title)
    docx_sections_as_headings(doc, plan, cols, rng, form="dot", id_dot=True)
    doc.save(path("complete", name, "docx"))
    emit("complete", name, plan)


def complete_xlsx(rng):
    name = "complete-children"
    u1, u2 = D(2016, 3), D(2016, 9)
    plan = make_plan(rng, "children", 36, rag_mode="words", update_dates=[u1, u2],
                     complete_words=0.35)
    cols = [Col("Ref", "id"), Col("Action", "title"), Col("Lead", "leads"),
            Col("Timescale", "due"), Col("Update March 2016", "update", u1),
            Col("Update September 2016", "update", u2), Col("RAG", "rag")]
    write_xlsx(path("complete", name, "xlsx"), xlsx_single(plan, cols, rng))
    emit("complete", name, plan)


def complete_csv(rng):
    name = "complete-housing"
    upd = D(2016, 5)
    plan = make_plan(rng, "housing", 16, rag_mode="none", update_dates=[upd], sections=False,
                     complete_words=0.4)
    cols = [Col("Ref", "id"), Col("Action", "title"), Col("Lead", "leads"),
            Col("Timescale", "due"), Col("Update (May 2016)", "update", upd)]
    write_csv(path("complete", name, "csv"), headers(cols), action_rows(plan.actions, cols, rng),
              bom=True)
    emit("complete", name, plan, args=["--title", plan.title])


FIXTURES = [
    colour_shading_docx, colour_key_docx, colour_font_docx, colour_excel_styles_docx,
    colour_fills_xlsx,
    sheets_xlsx, sheets_ods, sheets_hidden_xlsx, sheets_hidden_ods,
    headers_who_when_docx, headers_questions_docx, headers_questions_xlsx,
    headers_owner_deadline_xlsx, headers_comments_csv, headers_deliverables_xlsx,
    headers_two_rows_docx,
    leads_docx, leads_xlsx, leads_csv,
    ratings_letters_docx, ratings_words_xlsx, ratings_ods,
    continuation_docx, continuation_merged_docx, continuation_xlsx,
    titles_docx, titles_long_banner_xlsx, titles_long_banner_ods,
    complete_docx, complete_xlsx, complete_csv,
]


def main():
    only = set(sys.argv[2:])
    for i, f in enumerate(FIXTURES):
        if only and f.__name__ not in only:
            continue
        # one seed per fixture: adding or changing one fixture leaves the others as they are
        f(random.Random(f"{SEED}-{f.__name__}"))
        print("made", f.__name__)


if __name__ == "__main__":
    main()
