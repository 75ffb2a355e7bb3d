#!/usr/bin/env python3
"""Blind layout fixtures for issue 21: plans laid out the way programme offices keep them,
in layouts the import code was not written against.

Writes tests/data/layouts/unseen/<name>.<docx|xlsx|ods|csv>, <name>.truth.toml and, only when the
file cannot date its updates or name itself, <name>.args. Each truth is derived from the same
model that draws the file, following tests/data/../LAYOUTS.md conventions (see the comment at the
top of each truth file for the choices made on that layout).

Run: python3 tools/layouts/unseen.py   (python-docx, openpyxl; soffice for the ODS fixture)
"""
import calendar
import csv
import datetime as dt
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
import unseen_text as T  # noqa: E402

from docx import Document  # noqa: E402
from docx.enum.section import WD_ORIENT  # noqa: E402
from docx.enum.text import WD_BREAK  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Cm, Pt, RGBColor  # noqa: E402
import openpyxl  # noqa: E402
from openpyxl.styles import Alignment, Font, PatternFill  # noqa: E402
from openpyxl.worksheet.datavalidation import DataValidation  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "data", "layouts", "unseen")
SEED = 20170331

MONTHS = list(calendar.month_name)[1:]
MON3 = [m[:3] for m in MONTHS]


def month_end(y, m):
    return dt.date(y, m, calendar.monthrange(y, m)[1])


# ----------------------------------------------------------------------------------------------
# the model and its truth
# ----------------------------------------------------------------------------------------------

class Plan:
    def __init__(self, name, title, notes):
        self.name = name
        self.title = title
        self.notes = notes  # the conventions applied, written at the top of the truth
        self.sections = []  # (id, title)
        self.actions = []

    def section(self, title):
        for sid, t in self.sections:
            if t == title:
                return sid
        sid = str(len(self.sections) + 1)
        self.sections.append((sid, title))
        return sid

    def add(self, **a):
        a.setdefault("leads", [])
        a.setdefault("partners", [])
        a.setdefault("outcomes", [])
        a.setdefault("updates", [])
        self.actions.append(a)
        return a


def q(s):
    return json.dumps(s, ensure_ascii=False)


def tval(v):
    if isinstance(v, dt.date):
        return v.isoformat()
    return q(v)


def write_truth(plan):
    out = ["#:schema ../../../../schema/plan-v1.schema.json"]
    for line in plan.notes.strip().splitlines():
        out.append("# " + line if line else "#")
    out += ["", "schema_version = 1", "", "[plan]", f"id = {q(plan.name)}", f"title = {q(plan.title)}", ""]
    for sid, t in plan.sections:
        out += ["[[sections]]", f"id = {q(sid)}", f"title = {q(t)}", ""]
    for a in plan.actions:
        out.append("[[actions]]")
        out.append(f"id = {q(a['id'])}")
        if a.get("section"):
            out.append(f"section = {q(a['section'])}")
        out.append(f"title = {q(a['title'])}")
        for k in ("leads", "partners"):
            if a[k]:
                out.append(f"{k} = [{', '.join(q(x) for x in a[k])}]")
        for k in ("due", "baseline_due"):
            if a.get(k) not in (None, ""):
                out.append(f"{k} = {tval(a[k])}")
        for k in ("status", "rag", "next_steps"):
            if a.get(k):
                out.append(f"{k} = {q(a[k])}")
        if a["outcomes"]:
            out.append(f"outcomes = [{', '.join(q(x) for x in a['outcomes'])}]")
        for d, text in sorted(a["updates"], key=lambda u: u[0]):
            out += ["", "[[actions.updates]]", f"date = {d.isoformat()}", f"text = {q(text)}"]
        out.append("")
    path = os.path.join(OUT, plan.name + ".truth.toml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def write_args(name, args):
    with open(os.path.join(OUT, name + ".args"), "w", encoding="utf-8") as f:
        f.write("\n".join(args) + "\n")


FIXED = (2017, 3, 31, 12, 0, 0)


def same_ods_content(a, b):
    import zipfile
    with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
        return za.read("content.xml") == zb.read("content.xml")


def reproducible(path):
    """Rewrite a zip-based office file with fixed timestamps and metadata dates, so that running
    the generator twice gives the same bytes (the fixtures are committed)."""
    import re
    import zipfile
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for info, data in items:
            if info.filename in ("docProps/core.xml", "meta.xml"):
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", b"2017-03-31T12:00:00Z", data)
                data = re.sub(rb"<meta:editing-duration>[^<]*</meta:editing-duration>", b"", data)
            zi = zipfile.ZipInfo(info.filename, FIXED)
            zi.compress_type = info.compress_type
            zi.external_attr = info.external_attr
            z.writestr(zi, data)


# ----------------------------------------------------------------------------------------------
# shared helpers for people, dates and updates
# ----------------------------------------------------------------------------------------------

def pick(rng, pool, k, avoid_comma=False):
    cands = [p for p in pool if not (avoid_comma and "," in p)]
    return rng.sample(cands, k)


def nleads(rng):
    return rng.choices([1, 2, 3], weights=[5, 4, 1])[0]


def join_names(names, style):
    if len(names) == 1:
        return names[0]
    if style == "slash":
        return " / ".join(names)
    if style == "amp":
        return " & ".join(names)
    if style == "semi":
        return "; ".join(names)
    if style == "nl":
        return "\n".join(names)
    if style == "bullets":
        return "\n".join("• " + n for n in names)
    if style == "comma":
        return ", ".join(names)
    if style == "and":
        return ", ".join(names[:-1]) + " and " + names[-1]
    raise ValueError(style)


def progress(rng, used=None):
    return rng.choice(T.PROGRESS)


def done_text(rng, y, m):
    return rng.choice([
        "Action complete.",
        f"Completed in {MONTHS[m - 1]} {y}.",
        f"Completed in {MONTHS[m - 1]} {y}; now part of business as usual.",
        "Action complete and signed off by the board.",
    ])


# ----------------------------------------------------------------------------------------------
# docx helpers
# ----------------------------------------------------------------------------------------------

def shade(cell, hexfill):
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hexfill)
    tcPr.append(shd)


def repeat_header(row):
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trPr.append(el)


def set_text(cell, text, bold=False, color=None, size=None):
    """Cell text with real paragraphs for line breaks (as Word keeps them)."""
    lines = text.split("\n") if text else [""]
    p = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            p = cell.add_paragraph()
        r = p.add_run(line)
        r.bold = bold
        if color:
            r.font.color.rgb = RGBColor.from_string(color)
        if size:
            r.font.size = Pt(size)


def landscape(doc):
    s = doc.sections[0]
    s.orientation = WD_ORIENT.LANDSCAPE
    s.page_width, s.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(s, side, Cm(1.5))


def header_row(table, headers, fill="1F3864"):
    row = table.rows[0]
    for c, h in zip(row.cells, headers):
        set_text(c, h, bold=True, color="FFFFFF")
        shade(c, fill)
    return row


# ----------------------------------------------------------------------------------------------
# 1. Children's services improvement plan after Ofsted (landscape Word)
# ----------------------------------------------------------------------------------------------

OBJECTIVES = [
    "Practice is consistent, timely and well recorded",
    "Partners understand thresholds and act on them",
    "Managers know their services and act on what they find",
    "Children's plans are specific and reviewed on time",
    "Children and young people shape the services they receive",
    "Staff stay, learn and are well supported",
]


def ofsted_improvement(rng):
    name = "childrens-ofsted-improvement"
    title = ("Riverside Borough Council: Children's Services Improvement Plan 2016-2018, in response to "
             "the Ofsted inspection of services for children in need of help and protection, children "
             "looked after and care leavers")
    plan = Plan(name, title, """
Landscape Word, one table whose header row repeats on every page. "Priority N: ..." rows span
the whole table (section titles kept whole, prefix included, as written). "1.1" rows are
objectives (themes), not actions; actions are 1.1a, 1.1b, ...
"How will we know?" is the outcomes column (one outcome per bullet line, bullet dropped).
Three progress columns dated by their headers' months (Sept 2016, Dec 2016, March 2017).
RAG column words: G/A/R -> green/amber/red; "Amber/Green" kept as written; "Complete" ->
status complete and no rag; "Not started" -> status not-started. With no status column, a
latest update that says the action is complete also makes status complete (rag kept).""")
    headers = ["Ref", "Action", "Lead officer", "By when?", "How will we know?",
               "Progress\nSept 2016", "Progress\nDec 2016", "Progress\nMarch 2017", "RAG"]
    cols = [(dt.date(2016, 9, 30)), dt.date(2016, 12, 31), dt.date(2017, 3, 31)]
    doc = Document()
    landscape(doc)
    doc.add_paragraph(title, style="Title")
    doc.add_paragraph("Version 4.2, agreed by the Children's Improvement Board. Owner: Director of Children's Services.")
    doc.add_paragraph("RAG: G = on track; A = some slippage, recoverable; R = off track; Complete = delivered "
                      "and evidenced.")
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    repeat_header(header_row(table, headers))
    dues = ["March 2017", "Sept 2016", "Dec 2016", "Q3 2016/17", "Q4 2016/17", "Ongoing", "31/03/2017",
            "June 2017", "End of January 2017", "Monthly from Oct 2016"]
    for pi, (prio, stems) in enumerate(T.CHILDREN.items(), 1):
        sid = plan.section(prio)
        row = table.add_row()
        m = row.cells[0].merge(row.cells[-1])
        set_text(m, prio, bold=True)
        shade(m, "D9E2F3")
        # objectives: split stems into 2 objectives
        half = (len(stems) + 1) // 2
        for oi, chunk in enumerate([stems[:half], stems[half:]], 1):
            oid = f"{pi}.{oi}"
            row = table.add_row()
            set_text(row.cells[0], oid, bold=True)
            m = row.cells[1].merge(row.cells[-1])
            set_text(m, "Objective: " + OBJECTIVES[(2 * pi + oi) % len(OBJECTIVES)], bold=True)
            for ai, stem in enumerate(chunk):
                aid = f"{oid}{'abcdefgh'[ai]}"
                leads = pick(rng, T.CHILD_LEADS, nleads(rng), avoid_comma=True)
                if rng.random() < 0.2:
                    leads = [rng.choice([l for l in T.CHILD_LEADS if "," in l])]
                style = rng.choice(["slash", "nl", "and"])
                due = rng.choice(dues)
                outs = rng.sample(T.CHILD_MEASURES, rng.choice([1, 1, 2]))
                outs_text = "\n".join("• " + o for o in outs) if len(outs) > 1 else outs[0]
                # which progress columns are filled: later actions start later
                start = rng.choice([0, 0, 0, 1, 2])
                fate = rng.choices(["G", "A", "R", "Complete", "Amber/Green", "Not started", "Gdone", ""],
                                   weights=[8, 6, 2, 4, 2, 1, 2, 1])[0]
                ups = []
                texts = [""] * 3
                if fate != "Not started":
                    for ci in range(start, 3):
                        texts[ci] = progress(rng)
                    if fate in ("Complete", "Gdone"):
                        texts[2] = done_text(rng, 2017, rng.choice([1, 2, 3]))
                    elif rng.random() < 0.1:
                        texts[2] = rng.choice(T.TRAPS)
                    ups = [(cols[i], texts[i]) for i in range(3) if texts[i]]
                ragcell = {"Gdone": "G"}.get(fate, fate)
                a = plan.add(id=aid, section=sid, title=stem, leads=leads, due=due, outcomes=outs,
                             updates=ups)
                if fate in ("G", "A", "R", "Gdone"):
                    a["rag"] = {"G": "green", "A": "amber", "R": "red"}[ragcell]
                elif fate == "Amber/Green":
                    a["rag"] = "Amber/Green"
                if fate in ("Complete", "Gdone"):
                    a["status"] = "complete"
                elif fate == "Not started":
                    a["status"] = "not-started"
                row = table.add_row()
                vals = [aid, stem, join_names(leads, style), due, outs_text] + texts + [ragcell]
                for c, v in zip(row.cells, vals):
                    set_text(c, v)
    doc.save(os.path.join(OUT, name + ".docx"))
    write_truth(plan)


# ----------------------------------------------------------------------------------------------
# 2. ICB delivery tracker, quarter columns, BRAG letters and fills (xlsx)
# ----------------------------------------------------------------------------------------------

FILLS = {
    "red": "FF0000", "amber": "FFC000", "green": "00B050", "blue": "0070C0",
    "xl_bad": "FFC7CE", "xl_neutral": "FFEB9C", "xl_good": "C6EFCE",
}


def fill(hexrgb):
    return PatternFill("solid", start_color="FF" + hexrgb, end_color="FF" + hexrgb)


def icb_brag(rng):
    name = "icb-mh-delivery-brag"
    banner = "NHS Riverside and Wealdshire Integrated Care Board: Mental Health Long Term Plan Delivery Tracker 2022/23"
    plan = Plan(name, banner, """
One sheet: banner in A1 (the plan title, whole), a subtitle, a blank row, then the header.
"Objective" cells are merged down over their key actions: the objective is the section.
"Key actions" is the action title. Target dates are real spreadsheet dates (TOML dates) or text.
Q1..Q3 are the quarterly updates of financial year 2022/23 named in the banner, dated at each
quarter's end (30 June, 30 September, 31 December 2022); Q4 is empty (not yet reported).
BRAG letters (cells also filled in the matching colour): B = complete (the Key sheet says
"Blue = Complete"; default scale has no blue) -> status complete, no rag; R/A/G -> red/amber/green.
Leads split on " & " and " / ". Hidden sheet "Lists" holds the validation list.""")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Delivery Plan"
    ws["A1"] = banner
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:J1")
    ws["A2"] = "Quarterly position statements, financial year 2022/23. Owner: MH Programme Board"
    headers = ["Ref", "Objective", "Key actions", "Accountable lead", "Target date", "Q1", "Q2", "Q3", "Q4", "BRAG"]
    for c, h in enumerate(headers, 1):
        cell = ws.cell(row=4, column=c, value=h)
        cell.font = Font(bold=True, color="FFFFFFFF")
        cell.fill = fill("305496")
    qdates = [dt.date(2022, 6, 30), dt.date(2022, 9, 30), dt.date(2022, 12, 31)]
    r = 5
    n = 0
    dv = DataValidation(type="list", formula1="=Lists!$A$1:$A$4", allow_blank=True)
    ws.add_data_validation(dv)
    for obj, stems in T.ICB.items():
        sid = plan.section(obj)
        first = r
        for stem in stems:
            n += 1
            aid = f"MH{n:02d}"
            leads = pick(rng, T.ICB_LEADS, nleads(rng), avoid_comma=True)
            style = rng.choice(["amp", "slash", "nl"])
            if rng.random() < 0.7:
                due = month_end(rng.choice([2022, 2023]), rng.choice([3, 6, 9, 12]))
                if due > dt.date(2023, 3, 31):
                    due = dt.date(2023, 3, 31)
                due_cell = dt.datetime(due.year, due.month, due.day)
            else:
                due = rng.choice(["Q4 22/23", "Ongoing", "2023/24", "March 2023"])
                due_cell = due
            b = rng.choices(["G", "A", "R", "B", ""], weights=[8, 6, 2, 3, 1])[0]
            start = rng.choice([0, 0, 1])
            texts = [""] * 4
            if b != "":
                for i in range(start, 3):
                    texts[i] = progress(rng)
                if b == "B":
                    texts[2] = done_text(rng, 2022, rng.choice([10, 11, 12]))
            a = plan.add(id=aid, section=sid, title=stem, leads=leads, due=due,
                         updates=[(qdates[i], texts[i]) for i in range(3) if texts[i]])
            if b == "B":
                a["status"] = "complete"
            elif b:
                a["rag"] = {"G": "green", "A": "amber", "R": "red"}[b]
            vals = [aid, obj if r == first else None, stem, join_names(leads, style), due_cell] + texts + [b]
            for c, v in enumerate(vals, 1):
                cell = ws.cell(row=r, column=c, value=v if v != "" else None)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(due_cell, dt.datetime):
                ws.cell(row=r, column=5).number_format = "dd/mm/yyyy"
            if b:
                ws.cell(row=r, column=10).fill = fill({"G": "00B050", "A": "FFC000", "R": "FF0000", "B": "00B0F0"}[b])
            dv.add(ws.cell(row=r, column=10))
            r += 1
        ws.merge_cells(start_row=first, start_column=2, end_row=r - 1, end_column=2)
    for col, w in zip("ABCDEFGHIJ", [7, 28, 45, 28, 12, 35, 35, 35, 20, 7]):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "C5"
    key = wb.create_sheet("Key")
    for i, (k, v, f) in enumerate([("B", "Blue = Complete", "00B0F0"), ("G", "Green = On track", "00B050"),
                                   ("A", "Amber = At risk, mitigations in place", "FFC000"),
                                   ("R", "Red = Off track, escalate to board", "FF0000")], 1):
        key.cell(row=i, column=1, value=k).fill = fill(f)
        key.cell(row=i, column=2, value=v)
    lists = wb.create_sheet("Lists")
    for i, v in enumerate("BRAG", 1):
        lists.cell(row=i, column=1, value=v)
    lists.sheet_state = "hidden"
    wb.save(os.path.join(OUT, name + ".xlsx"))
    write_truth(plan)


# ----------------------------------------------------------------------------------------------
# 3. Community safety partnership: SharePoint list exported to CSV
# ----------------------------------------------------------------------------------------------

def csp_sharepoint(rng):
    name = "csp-sharepoint-export"
    title = "Safer Riverside Partnership Strategic Assessment Action Plan 2016-17"
    plan = Plan(name, title, """
A SharePoint list exported to CSV (UTF-8 with BOM, CRLF, quoted multi-line cells). The file has
no title, so .args gives --title. "Priority Area" is the section. "Action Owner" and
"Partner Agencies" are SharePoint multi-value fields separated by ";" (one entry each; "Fire and
Rescue Service" is one body). "Due Date" is an ISO datetime at midnight: a TOML date.
"Status": Completed -> complete, Not Started -> not-started, On Hold -> on-hold, In Progress ->
in-progress (the plan format has the status). "RAG" words -> rag. "Progress Notes" is the update, dated by "Progress Date".
"Modified"/"Modified By" are list metadata, not updates.""")
    headers = ["Title", "Action Ref", "Priority Area", "Action Owner", "Partner Agencies", "Due Date",
               "Status", "RAG", "Progress Notes", "Progress Date", "Modified", "Modified By", "Item Type", "Path"]
    rows = []
    n = 0
    for area, stems in T.CSP.items():
        sid = plan.section(area)
        for stem in stems:
            n += 1
            aid = f"CSP-{n:03d}"
            leads = pick(rng, T.CSP_LEADS, nleads(rng))
            partners = rng.sample(T.CSP_PARTNERS, rng.choice([0, 1, 2, 3]))
            due = month_end(rng.choice([2016, 2017]), rng.choice([3, 6, 9, 12]))
            st = rng.choices(["In Progress", "Completed", "Not Started", "On Hold"], weights=[10, 4, 2, 1])[0]
            ragw = "" if st == "Not Started" else rng.choices(["Green", "Amber", "Red", ""], weights=[6, 4, 2, 1])[0]
            if st == "Completed":
                ragw = "Green"
            notes, pdate = "", None
            if st != "Not Started":
                parts = [progress(rng)] + ([progress(rng)] if rng.random() < 0.4 else [])
                if st == "Completed":
                    parts.append(done_text(rng, 2017, 1))
                notes = "\n".join(parts)
                pdate = dt.date(2017, rng.choice([1, 2]), rng.randint(1, 28))
            a = plan.add(id=aid, section=sid, title=stem, leads=leads, partners=partners, due=due)
            if ragw:
                a["rag"] = ragw.lower()
            a["status"] = {"Completed": "complete", "Not Started": "not-started", "On Hold": "on-hold",
                           "In Progress": "in-progress"}.get(st)
            if notes:
                a["updates"] = [(pdate, notes)]
            mod = dt.datetime(2017, 2, 20, 8, 0, 0) + dt.timedelta(minutes=rng.randint(0, 60 * 24 * 5))
            rows.append([stem, aid, area, ";".join(leads), ";".join(partners),
                         due.isoformat() + "T00:00:00Z", st, ragw, notes,
                         pdate.isoformat() if pdate else "", mod.strftime("%Y-%m-%dT%H:%M:%SZ"),
                         rng.choice(["Community Safety Officer", "Partnership Analyst", "Community Safety Manager"]),
                         "Item", "sites/saferriverside/Lists/Action Plan"])
    rng.shuffle(rows)  # list views are sorted by Modified, not by ref
    rows.sort(key=lambda r: r[10], reverse=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(headers)
    w.writerows(rows)
    with open(os.path.join(OUT, name + ".csv"), "w", encoding="utf-8-sig", newline="") as f:
        f.write(buf.getvalue())
    # truth in the file's order
    order = {r[1]: i for i, r in enumerate(rows)}
    plan.actions.sort(key=lambda a: order[a["id"]])
    write_truth(plan)
    write_args(name, ["--title", title])


# ----------------------------------------------------------------------------------------------
# 4. Health and Wellbeing Board: ODS, cover sheet, key, notes, a sheet per priority
# ----------------------------------------------------------------------------------------------

def hwb_ods(rng):
    name = "hwb-strategy-delivery"
    title = "Wealdshire Health and Wellbeing Board: Joint Health and Wellbeing Strategy 2016-2019 Delivery Plan"
    plan = Plan(name, title, """
ODS workbook: a Cover sheet (title in A1, then document control), a Key sheet, four priority
sheets (each: banner row = the section title, a blank row, the header, then actions) and a
Notes sheet with the footnotes the headers point to (¹, *, ²).
"Lead organisation(s)¹" cells hold one or more bodies, one per line; "Supporting partners"
are comma-separated (partners). Target dates are text as written ("Mar-17", "Q4 16/17",
"End of March 2017"). "Measure of success" is the outcome (one). "Progress at end Sept 2016²"
dates the update 2016-09-30. "RAG rating": Green/Amber/Red; "Not started" -> status
not-started; "Complete" -> status complete, no rag.""")
    wb = openpyxl.Workbook()
    cov = wb.active
    cov.title = "Cover"
    cov["A1"] = title
    cov["A1"].font = Font(bold=True, size=16)
    for i, (k, v) in enumerate([("Version", "1.3 (final)"), ("Owner", "Health and Wellbeing Board"),
                                ("Approved", "14 July 2016"), ("Next review", "March 2017"),
                                ("Contact", "Health and Wellbeing Board Support Officer")], 3):
        cov.cell(row=i, column=1, value=k).font = Font(bold=True)
        cov.cell(row=i, column=2, value=v)
    key = wb.create_sheet("Key")
    key["A1"] = "RAG key"
    for i, (k, f) in enumerate([("Green – on track", "00B050"), ("Amber – minor slippage", "FFC000"),
                                ("Red – significant slippage or risk", "FF0000"),
                                ("Not started – not yet due to start", "D9D9D9"),
                                ("Complete", "0070C0")], 2):
        key.cell(row=i, column=1, value=k).fill = fill(f)
    headers = ["No.", "Action", "Lead\norganisation(s)¹", "Supporting\npartners", "Target\ndate*",
               "Measure of success", "Progress at\nend Sept 2016²", "RAG\nrating"]
    upd = dt.date(2016, 9, 30)
    dues = ["Mar-17", "Q4 16/17", "End of March 2017", "Sept 2017", "2017/18", "Dec-16", "Ongoing", "2018/19"]
    measures = ["Uptake rises to the England average", "Gap with the best quintile narrows",
                "Fewer admissions per 100,000", "More people report good wellbeing",
                "Target met in every district", "Service users rate the offer good or better"]
    for short, (banner, stems) in zip(["Start Well", "Live Well", "Age Well", "Healthy Places"], T.HWB.items()):
        sid = plan.section(banner)
        ws = wb.create_sheet(short)
        ws["A1"] = banner
        ws["A1"].font = Font(bold=True, size=13)
        for c, h in enumerate(headers, 1):
            cell = ws.cell(row=3, column=c, value=h)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True)
            cell.fill = fill("DDEBF7")
        prefix = "".join(w[0] for w in short.split()).upper()
        for i, stem in enumerate(stems, 1):
            aid = f"{prefix}{i}"
            leads = pick(rng, T.HWB_LEADS, rng.choice([1, 1, 2]))
            partners = [p for p in pick(rng, T.HWB_LEADS, 3) if p not in leads][:rng.choice([0, 1, 2])]
            due = rng.choice(dues)
            r = rng.choices(["Green", "Amber", "Red", "Not started", "Complete"], weights=[7, 5, 2, 2, 2])[0]
            text = ""
            if r != "Not started":
                text = progress(rng)
                if r == "Complete":
                    text = done_text(rng, 2016, rng.choice([6, 7, 8]))
            outcome = rng.choice(measures)
            a = plan.add(id=aid, section=sid, title=stem, leads=leads, partners=partners, due=due,
                         outcomes=[outcome], updates=[(upd, text)] if text else [])
            if r in ("Green", "Amber", "Red"):
                a["rag"] = r.lower()
            else:
                a["status"] = {"Not started": "not-started", "Complete": "complete"}[r]
            vals = [aid, stem, "\n".join(leads), ", ".join(partners), due, outcome, text, r]
            for c, v in enumerate(vals, 1):
                cell = ws.cell(row=3 + i, column=c, value=v if v else None)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for col, w in zip("ABCDEFGH", [6, 45, 25, 25, 12, 30, 45, 10]):
            ws.column_dimensions[col].width = w
    notes = wb.create_sheet("Notes")
    for i, t in enumerate(["¹ The lead organisation is accountable to the Board for delivery.",
                           "* Target dates were agreed at the Board meeting of 14 July 2016.",
                           "² Progress reported by lead organisations to the Board's September meeting."], 1):
        notes.cell(row=i, column=1, value=t)
    with tempfile.TemporaryDirectory() as tmp:
        x = os.path.join(tmp, name + ".xlsx")
        wb.save(x)
        subprocess.run(["soffice", "--headless", "--convert-to", "ods", "--outdir", tmp, x],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        new, dest = os.path.join(tmp, name + ".ods"), os.path.join(OUT, name + ".ods")
        # soffice orders some styles differently from run to run: keep the committed file when
        # the sheets' content is the same
        if not (os.path.exists(dest) and same_ods_content(new, dest)):
            shutil.copy(new, dest)
    write_truth(plan)


# ----------------------------------------------------------------------------------------------
# 5. GP locality plan: ticks and crosses for "Done?", no RAG, no dated updates (Word)
# ----------------------------------------------------------------------------------------------

def gp_ticks(rng):
    name = "gp-locality-ticks"
    title = "Lowfield Locality Primary Care Strategy: Implementation Plan"
    plan = Plan(name, title, """
Word: a Title paragraph, an introduction, then a Heading 1 per section with its own table.
Columns "No. | What we will do | Who | When | Done? | Comments". Ids written "1." -> "1".
"Done?" holds ✓ (status complete), ✗ or "Part" (no status), or nothing. No RAG column: no rag.
"Who" leads split on " and " and ", ". "When" as written ("31/03/2017", "Q4 16/17", "Mar-17").
"Comments" is the update; nothing in the file dates it, so .args gives --update-date 2017-02-28.""")
    doc = Document()
    doc.add_paragraph(title, style="Title")
    doc.add_paragraph("This plan sets out how the four practices of the locality will put the primary care "
                      "strategy into practice. It is reviewed at the locality meeting every other month.")
    whens = ["31/03/2017", "End of March 2017", "Q4 16/17", "Mar-17", "30/06/2017", "Sept 2017", "Ongoing",
             "April 2017", "31/12/2016"]
    upd = dt.date(2017, 2, 28)
    n = 0
    headers = ["No.", "What we will do", "Who", "When", "Done?", "Comments"]
    for sec, stems in T.GP.items():
        sid = plan.section(sec)
        doc.add_heading(sec, level=1)
        table = doc.add_table(rows=1, cols=6)
        table.style = "Table Grid"
        header_row(table, headers, fill="2E75B6")
        for stem in stems:
            n += 1
            leads = pick(rng, T.GP_LEADS, nleads(rng), avoid_comma=True)
            if rng.random() < 0.15:
                leads = ["Estates Manager, NHS Property Services"]
            when = rng.choice(whens)
            done = rng.choices(["✓", "✗", "Part", ""], weights=[5, 5, 2, 2])[0]
            comment = ""
            if done == "✓":
                comment = rng.choice(["In place since January.", "Running in all four practices.",
                                      "Agreed at the locality meeting.", "Live from 1 December."])
            elif done in ("✗", "Part") or rng.random() < 0.5:
                comment = progress(rng)
            a = plan.add(id=str(n), section=sid, title=stem, leads=leads, due=when,
                         updates=[(upd, comment)] if comment else [])
            if done == "✓":
                a["status"] = "complete"
            row = table.add_row()
            for c, v in zip(row.cells, [f"{n}.", stem, join_names(leads, "and"), when, done, comment]):
                set_text(c, v)
        doc.add_paragraph()
    doc.save(os.path.join(OUT, name + ".docx"))
    write_truth(plan)
    write_args(name, ["--update-date", upd.isoformat()])


# ----------------------------------------------------------------------------------------------
# 6. Adult social care tracker: RAG by fill only, front sheet, Updates sheet (xlsx)
# ----------------------------------------------------------------------------------------------

def asc_fills(rng):
    name = "asc-transformation-fills"
    title = "Adult Social Care Transformation Programme 2017-2019: Action Tracker"
    plan = Plan(name, title, """
xlsx: a Front sheet (title in A1: the plan title), an Actions sheet whose RAG column has no
words, only fills (a colour key in row 1: red/amber/green/blue fills labelled), and an Updates
sheet with one row per update (ID, Date, Update, Updated by), several per action.
Fills are both the pure Office colours and Excel's Good/Neutral/Bad styles (C6EFCE green,
FFEB9C yellow -> amber, FFC7CE red). Blue fill = "Complete" in the key -> status complete,
no rag. "Workstream" column -> section. "Deadline" cells are real dates -> TOML dates.
Owners split on " & " and " / ".""")
    wb = openpyxl.Workbook()
    fs = wb.active
    fs.title = "Front sheet"
    fs["A1"] = title
    fs["A1"].font = Font(bold=True, size=16)
    fs["A3"] = "Programme board: Adult Social Care Transformation Board"
    fs["A4"] = "Senior responsible owner: Director of Adult Social Services"
    fs["A5"] = "How to use: update the Updates sheet each month; rate each action on the Actions sheet."
    ws = wb.create_sheet("Actions")
    ws["A1"] = "Key:"
    for c, (label, f) in enumerate([("Off track", "FF0000"), ("At risk", "FFC000"), ("On track", "00B050"),
                                    ("Complete", "0070C0")], 2):
        cell = ws.cell(row=1, column=c, value=label)
        cell.fill = fill(f)
    headers = ["ID", "Workstream", "Action", "Owner", "Deadline", "RAG"]
    for c, h in enumerate(headers, 1):
        cell = ws.cell(row=3, column=c, value=h)
        cell.font = Font(bold=True)
        cell.fill = fill("D9D9D9")
    us = wb.create_sheet("Updates")
    for c, h in enumerate(["ID", "Date", "Update", "Updated by"], 1):
        us.cell(row=1, column=c, value=h).font = Font(bold=True)
    upd_rows = []
    r = 4
    n = 0
    fills_for = {"red": ["FF0000", "FFC7CE"], "amber": ["FFC000", "FFEB9C", "FFBF00"],
                 "green": ["00B050", "C6EFCE", "92D050"], "blue": ["0070C0", "00B0F0"]}
    for ws_name, stems in T.ASC.items():
        sid = plan.section(ws_name)
        for stem in stems:
            n += 1
            aid = f"ASC{n:03d}"
            leads = pick(rng, T.ASC_LEADS, nleads(rng))
            style = rng.choice(["amp", "slash"])
            due = month_end(rng.choice([2017, 2018]), rng.randint(1, 12))
            col = rng.choices(["red", "amber", "green", "blue", None], weights=[2, 5, 8, 3, 1])[0]
            a = plan.add(id=aid, section=sid, title=stem, leads=leads, due=due)
            if col == "blue":
                a["status"] = "complete"
            elif col:
                a["rag"] = col
            k = 0 if col is None else rng.choice([1, 2, 2, 3])
            months = sorted(rng.sample(range(0, 8), k))
            for j, mo in enumerate(months):
                y, m = (2017, 6 + mo) if 6 + mo <= 12 else (2018, mo - 6)
                d = dt.date(y, m, rng.randint(3, 25))
                text = progress(rng)
                if col == "blue" and j == len(months) - 1:
                    text = done_text(rng, y, m)
                a["updates"].append((d, text))
                upd_rows.append([aid, dt.datetime(d.year, d.month, d.day), text, rng.choice(leads)])
            vals = [aid, ws_name, stem, join_names(leads, style), dt.datetime(due.year, due.month, due.day), None]
            for c, v in enumerate(vals, 1):
                cell = ws.cell(row=r, column=c, value=v)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.cell(row=r, column=5).number_format = "dd-mmm-yy"
            if col:
                ws.cell(row=r, column=6).fill = fill(rng.choice(fills_for[col]))
            r += 1
    upd_rows.sort(key=lambda u: u[1])
    for i, u in enumerate(upd_rows, 2):
        for c, v in enumerate(u, 1):
            us.cell(row=i, column=c, value=v)
        us.cell(row=i, column=2).number_format = "dd/mm/yyyy"
    for col, w in zip("ABCDEF", [8, 28, 50, 35, 11, 8]):
        ws.column_dimensions[col].width = w
    us.column_dimensions["C"].width = 80
    wb.save(os.path.join(OUT, name + ".xlsx"))
    write_truth(plan)


# ----------------------------------------------------------------------------------------------
# 7. SEND Written Statement of Action: one two-column card table per action (Word)
# ----------------------------------------------------------------------------------------------

def send_cards(rng):
    name = "send-wsoa-cards"
    title = ("Written Statement of Action: Special Educational Needs and Disabilities (SEND), "
             "Wealdshire Local Area")
    plan = Plan(name, title, """
Word: each action is its own two-column table of label | value rows (an "action card"), under a
Heading 1 per area for improvement (section titles kept whole, "Area for improvement N:" included).
"Action ref" is the id. "Lead officer" leads split on line breaks; "Partners" on ", ".
"Impact measure" is the outcomes (one per line). "Progress (January 2017)" dates the update
2017-01-31. "RAG rating": words, or a shaded cell with no words (colour alone).
"Next steps" is next_steps. No status column; an update that says complete makes it complete.""")
    doc = Document()
    doc.add_heading(title, level=0)
    doc.add_paragraph("Jointly produced by Wealdshire County Council and Wealdshire CCG with the parent "
                      "carer forum, following the joint Ofsted and CQC inspection.")
    upd = dt.date(2017, 1, 31)
    impacts = ["Fewer complaints about plan quality", "95% of plans issued within 20 weeks",
               "Parents say the plan describes their child", "Health advice received on time in 90% of cases",
               "Waiting times fall below 18 weeks", "Forum members attend every board"]
    nexts = ["Report to the SEND Improvement Board in March", "Extend to the post-16 team",
             "Review after one term", "Agree funding for 2017/18", ""]
    for si, (sec, stems) in enumerate(T.SEND.items(), 1):
        sid = plan.section(sec)
        doc.add_heading(sec, level=1)
        for ai, stem in enumerate(stems, 1):
            aid = f"{si}.{ai}"
            leads = pick(rng, T.SEND_LEADS, nleads(rng))
            partners = [p for p in pick(rng, T.SEND_LEADS, 3, avoid_comma=True) if p not in leads][:rng.choice([0, 1, 2])]
            due = rng.choice(["July 2017", "Sept 2017", "December 2017", "From April 2017", "Summer term 2017",
                              "31 March 2017", "Spring term 2017"])
            outs = rng.sample(impacts, rng.choice([1, 2]))
            r = rng.choices(["Green", "Amber", "Red", "fill-green", "fill-amber", "fill-red", "Gdone"],
                            weights=[4, 3, 1, 2, 2, 1, 2])[0]
            text = progress(rng) if r != "Gdone" else done_text(rng, 2016, 12)
            nxt = rng.choice(nexts)
            a = plan.add(id=aid, section=sid, title=stem, leads=leads, partners=partners, due=due,
                         outcomes=outs, updates=[(upd, text)], next_steps=nxt or None)
            a["rag"] = {"Gdone": "green"}.get(r, r.replace("fill-", "").lower())
            if r == "Gdone":
                a["status"] = "complete"
            rows = [("Action ref", aid), ("Action", stem), ("Lead officer", "\n".join(leads)),
                    ("Partners", ", ".join(partners)), ("Timescale", due), ("Impact measure", "\n".join(outs)),
                    ("Progress (January 2017)", text), ("RAG rating", ""), ("Next steps", nxt)]
            t = doc.add_table(rows=len(rows), cols=2)
            t.style = "Table Grid"
            for (label, val), row in zip(rows, t.rows):
                set_text(row.cells[0], label, bold=True)
                shade(row.cells[0], "E7E6E6")
                if label == "RAG rating":
                    colour = {"green": "00B050", "amber": "FFC000", "red": "FF0000"}[a["rag"]]
                    if r.startswith("fill-"):
                        shade(row.cells[1], colour)
                    else:
                        set_text(row.cells[1], "Green" if r == "Gdone" else r)
                        shade(row.cells[1], colour)
                else:
                    set_text(row.cells[1], val)
            doc.add_paragraph()
    doc.save(os.path.join(OUT, name + ".docx"))
    write_truth(plan)


# ----------------------------------------------------------------------------------------------
# 8. Performance system export (Pentana-style): report title lines, original and current due
# ----------------------------------------------------------------------------------------------

def place_pentana(rng):
    name = "place-pentana-export"
    title = "Place Directorate Service Plan 2016/17 - Actions Progress Report"
    plan = Plan(name, title, """
CSV exported from a performance system: a report title line (the plan title), a "Generated"
line, a blank line, then the header. "Code" is the id, "Title" the action title ("Description"
is not scored), "Assigned To" the leads (";" separated; "Managed By" is the manager, not a lead),
"Service" the section. "Due Date" as written ("31-Mar-2017"); when "Original Due Date" differs it
is baseline_due. "Status": Completed -> complete, Not Started -> not-started, Cancelled ->
withdrawn, In Progress -> in-progress, Overdue/Assigned -> no status. No RAG column. "Latest Note" is the
update, dated by "Latest Note Date".""")
    headers = ["Code", "Title", "Description", "Assigned To", "Managed By", "Original Due Date", "Due Date",
               "Status", "Progress", "Latest Note", "Latest Note Date", "Service"]
    rows = []
    n = 0

    def dstr(d):
        return d.strftime("%d-%b-%Y")
    for svc, stems in T.PLACE.items():
        sid = plan.section(svc)
        code = "".join(w[0] for w in svc.split() if w[0].isupper())
        for i, stem in enumerate(stems, 1):
            n += 1
            aid = f"PL-{code}-{i:02d}"
            svc_leads = T.PLACE_LEADS[2 * (int(sid) - 1):2 * int(sid)]
            leads = rng.sample(svc_leads, rng.choice([1, 1, 2]))
            orig = month_end(2017, rng.choice([1, 3, 3, 6, 9]))
            cur = orig
            if rng.random() < 0.3:
                cur = month_end(2017, min(12, orig.month + rng.choice([3, 6])))
            st = rng.choices(["In Progress", "Completed", "Not Started", "Overdue", "Cancelled", "Assigned"],
                             weights=[8, 4, 2, 2, 1, 1])[0]
            pct = {"Completed": "100%", "Not Started": "0%", "Assigned": "0%"}.get(st, f"{rng.choice(range(10, 95, 5))}%")
            note, nd = "", None
            if st not in ("Not Started", "Assigned"):
                note = progress(rng) if st != "Completed" else done_text(rng, 2017, 2)
                if st == "Cancelled":
                    note = "Cancelled by the portfolio holder; budget reallocated to the capital programme."
                nd = dt.date(2017, rng.choice([1, 2, 3]), rng.randint(1, 28))
                if nd > dt.date(2017, 3, 13):
                    nd = dt.date(2017, 3, 13)
            a = plan.add(id=aid, section=sid, title=stem, leads=leads, due=dstr(cur),
                         updates=[(nd, note)] if note else [])
            if cur != orig:
                a["baseline_due"] = dstr(orig)
            a["status"] = {"Completed": "complete", "Not Started": "not-started", "Cancelled": "withdrawn",
                           "In Progress": "in-progress"}.get(st)
            rows.append([aid, stem, f"{stem}, as set out in the {svc.lower()} service plan.", "; ".join(leads),
                         "Assistant Director, Place", dstr(orig), dstr(cur), st, pct, note,
                         dstr(nd) if nd else "", svc])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([title])
    w.writerow(["Generated: 14/03/2017 10:42 by Corporate Performance Team"])
    w.writerow([])
    w.writerow(headers)
    w.writerows(rows)
    with open(os.path.join(OUT, name + ".csv"), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    write_truth(plan)


# ----------------------------------------------------------------------------------------------
# 9. Suicide prevention plan: tables split across pages, header repeated, coloured dots,
#    continuation rows with "Extended to ..." (Word)
# ----------------------------------------------------------------------------------------------

def suicide_dots(rng):
    name = "suicide-prevention-dots"
    title = "Wealdshire Multi-Agency Suicide Prevention Action Plan 2016-2018"
    plan = Plan(name, title, """
Word: the title is a bold paragraph (no Title style); a small colour key table; then the plan in
several tables (one per page, each repeating the header row). Section banners are merged rows
(kept whole, as written). Headers carry footnote markers ("Lead(s)†", "Timescale‡").
"Status" holds a coloured ● (text colour alone: red/amber/green) or the word "Complete"
(status complete, no rag). Continuation rows (no ref) whose timescale says "Extended to ...",
"Revised: ..." or "New date: ..." make that the due (date part only) and baseline_due the first
timescale; their update text joins the action's update (same date, joined with a space).
"Update – Nov 2016" dates updates 2016-11-30. "Outcome / measure" is the outcome (one).
Leads: "CCG, Police and LA" is three; "Public Health Consultant, County Council" is one.""")
    doc = Document()
    p = doc.add_paragraph()
    r = p.add_run(title)
    r.bold = True
    r.font.size = Pt(18)
    doc.add_paragraph("Agreed by the Suicide Prevention Partnership. Status key:")
    key = doc.add_table(rows=1, cols=4)
    key.style = "Table Grid"
    dots = {"red": "FF0000", "amber": "FFC000", "green": "00B050"}
    for c, (lab, col) in zip(key.rows[0].cells, [("● Red: off track", "FF0000"), ("● Amber: at risk", "FFC000"),
                                                ("● Green: on track", "00B050"), ("Complete", None)]):
        set_text(c, lab, color=col)
    headers = ["Ref", "Action", "Lead(s)†", "Timescale‡", "Outcome / measure", "Update – Nov 2016", "Status"]
    upd = dt.date(2016, 11, 30)
    measures = ["Fewer suicides in the target group", "Staff feel confident to ask about suicide",
                "Every family offered support within 72 hours", "Reduced repeat self-harm attendances",
                "Data shared monthly between partners", "Board receives an annual report"]
    dues = ["March 2017", "Sept 2016", "Dec 2016", "Jun-17", "2017/18", "Ongoing", "Q2 2017/18", "January 2017"]
    per_page = 7
    table = None
    count = 0
    for si, (sec, stems) in enumerate(T.SUICIDE.items(), 1):
        sid = plan.section(sec)
        first_in_sec = True
        for ai, stem in enumerate(stems, 1):
            if table is None or count % per_page == 0:
                if table is not None:
                    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                table = doc.add_table(rows=1, cols=7)
                table.style = "Table Grid"
                repeat_header(header_row(table, headers, fill="7030A0"))
                first_in_sec = True
            if first_in_sec and ai == 1:
                row = table.add_row()
                m = row.cells[0].merge(row.cells[-1])
                set_text(m, sec, bold=True)
                shade(m, "E4DFEC")
            first_in_sec = False
            count += 1
            aid = f"{si}.{ai}"
            k = nleads(rng)
            leads = pick(rng, T.SUICIDE_LEADS, k, avoid_comma=True)
            lead_text = join_names(leads, "and")
            if rng.random() < 0.15:
                leads = ["Public Health Consultant, County Council"]
                lead_text = leads[0]
            elif rng.random() < 0.1:
                leads = ["CCG", "Police", "LA"]
                lead_text = "CCG, Police and LA"
            due = rng.choice(dues)
            outcome = rng.choice(measures)
            st = rng.choices(["green", "amber", "red", "Complete"], weights=[6, 4, 2, 2])[0]
            text = progress(rng) if st != "Complete" else done_text(rng, 2016, 10)
            a = plan.add(id=aid, section=sid, title=stem, leads=leads, due=due, outcomes=[outcome])
            if st == "Complete":
                a["status"] = "complete"
            else:
                a["rag"] = st
            row = table.add_row()
            vals = [aid, stem, lead_text, due, outcome, text]
            for c, v in zip(row.cells, vals):
                set_text(c, v)
            if st == "Complete":
                set_text(row.cells[6], "Complete")
            else:
                set_text(row.cells[6], "●", color=dots[st], size=16)
            cont = st in ("amber", "red") and rng.random() < 0.45
            if cont:
                newdue = rng.choice(["June 2017", "September 2017", "March 2018", "December 2017"])
                word = rng.choice(["Extended to", "Revised:", "New date:"])
                more = rng.choice(["Revised timescale agreed at the October partnership meeting.",
                                   "Partners agreed to extend the timescale because of staffing gaps.",
                                   "New date set to allow the evaluation to finish."])
                row = table.add_row()
                for c, v in zip(row.cells, ["", "", "", f"{word} {newdue}", "", more, ""]):
                    set_text(c, v)
                a["baseline_due"] = due
                a["due"] = newdue
                text = text + " " + more
                count += 1
            a["updates"] = [(upd, text)]
    doc.save(os.path.join(OUT, name + ".docx"))
    write_truth(plan)


# ----------------------------------------------------------------------------------------------
# 10. STP programme action log: 70 actions, monthly update columns headed by real dates,
#     workstream written only on the first row of its group, status words with a key (xlsx)
# ----------------------------------------------------------------------------------------------

def stp_log(rng):
    name = "stp-programme-log"
    title = "Riverside and Wealdshire Sustainability and Transformation Plan: Programme Action Log"
    plan = Plan(name, title, """
xlsx, 70 actions: banner in A1 (the title), a key in row 2, the header in row 4 with the update
columns headed by real dates shown as "Oct-16" .. "Jan-17" (each dates its updates at the end of
that month). "Workstream" is written only on the first row of each group (the rows below are
blank, not merged): the section carries down. "SRO / lead" leads split on " / " and " and ".
"Due" is a real date (TOML date) or text as written. "Status" words mapped by the sheet's own
key: On track = green, At risk = amber, Off track = red, Complete -> status complete (no rag),
Not started -> status not-started. A hidden "Lookup" sheet holds the status list.""")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Action log"
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Key: On track = Green | At risk = Amber | Off track = Red | Complete | Not started"
    months = [(2016, 10), (2016, 11), (2016, 12), (2017, 1)]
    headers = ["Workstream", "Ref", "Action", "SRO / lead", "Due"] + \
        [dt.datetime(y, m, 1) for y, m in months] + ["Status"]
    for c, h in enumerate(headers, 1):
        cell = ws.cell(row=4, column=c, value=h)
        cell.font = Font(bold=True)
        cell.fill = fill("BDD7EE")
        if isinstance(h, dt.datetime):
            cell.number_format = "mmm-yy"
    r = 5
    for wi, (wsn, stems) in enumerate(T.STP.items(), 1):
        sid = plan.section(wsn)
        for ai, stem in enumerate(stems, 1):
            aid = f"{wi}.{ai:02d}"
            leads = pick(rng, T.STP_LEADS, rng.choice([1, 1, 2]), avoid_comma=True)
            style = rng.choice(["slash", "and"])
            if rng.random() < 0.7:
                due = month_end(rng.choice([2016, 2017, 2017]), rng.choice([3, 6, 9, 12]))
                due_cell = dt.datetime(due.year, due.month, due.day)
            else:
                due = rng.choice(["Q4 2016/17", "2017/18", "Ongoing", "TBC", "April 2017"])
                due_cell = due
            st = rng.choices(["On track", "At risk", "Off track", "Complete", "Not started", ""],
                             weights=[8, 5, 2, 3, 2, 1])[0]
            texts = [""] * 4
            if st not in ("Not started", ""):
                for i in sorted(rng.sample(range(4), rng.choice([1, 2, 2, 3, 4]))):
                    texts[i] = progress(rng)
                if st == "Complete":
                    last = max(i for i in range(4) if texts[i])
                    texts[last] = done_text(rng, *months[last])
            a = plan.add(id=aid, section=sid, title=stem, leads=leads, due=due,
                         updates=[(month_end(*months[i]), texts[i]) for i in range(4) if texts[i]])
            a["rag"] = {"On track": "green", "At risk": "amber", "Off track": "red"}.get(st)
            a["status"] = {"Complete": "complete", "Not started": "not-started"}.get(st)
            vals = [wsn if ai == 1 else None, aid, stem, join_names(leads, style), due_cell] + texts + [st]
            for c, v in enumerate(vals, 1):
                cell = ws.cell(row=r, column=c, value=v if v != "" else None)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(due_cell, dt.datetime):
                ws.cell(row=r, column=5).number_format = "dd/mm/yyyy"
            r += 1
    for col, w in zip("ABCDEFGHIJ", [22, 7, 45, 30, 11, 30, 30, 30, 30, 11]):
        ws.column_dimensions[col].width = w
    lk = wb.create_sheet("Lookup")
    for i, v in enumerate(["On track", "At risk", "Off track", "Complete", "Not started"], 1):
        lk.cell(row=i, column=1, value=v)
    lk.sheet_state = "hidden"
    wb.save(os.path.join(OUT, name + ".xlsx"))
    write_truth(plan)


# ----------------------------------------------------------------------------------------------
# 11. Better Care Fund plan: a two-row header (merged group headings over sub-columns),
#     scheme banner rows, quarter columns under "Progress 2017/18" (xlsx)
# ----------------------------------------------------------------------------------------------

def bcf_two_row_header(rng):
    name = "bcf-two-row-header"
    title = "Better Care Fund 2017-19: Integration Action Plan, Wealdshire"
    plan = Plan(name, title, """
xlsx with a two-row header: row 4 holds merged group headings ("Responsibility" over Lead and
Support, "Timescale" over Start and End, "Progress 2017/18" over Q1..Q4); row 5 the sub-headings;
Ref, Action and RAG are merged down over both rows. Scheme banner rows (merged across the table)
are the sections, kept whole ("Scheme 1: ..."). Responsibility/Lead -> leads (one each);
Responsibility/Support -> partners (comma-separated). Timescale/End is the due: a real date
shown "Mar-18" (TOML date); Start ("Apr-17", text) is not scored. Q1..Q4 are updates dated at
the quarter ends of 2017/18 (30 June, 30 September, 31 December 2017; Q4 empty).
RAG: Green/Amber/Red words on matching fills; "Complete" -> status complete, no rag.""")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "BCF Plan"
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Reporting year: 2017/18. Reviewed quarterly by the Joint Commissioning Board."
    hdr = fill("8EA9DB")
    for rng_, text in [("A4:A5", "Ref"), ("B4:B5", "Action"), ("C4:D4", "Responsibility"),
                       ("E4:F4", "Timescale"), ("G4:J4", "Progress 2017/18"), ("K4:K5", "RAG")]:
        first = rng_.split(":")[0]
        ws[first] = text
        ws.merge_cells(rng_)
    for col, text in zip("CDEFGHIJ", ["Lead", "Support", "Start", "End", "Q1", "Q2", "Q3", "Q4"]):
        ws[f"{col}5"] = text
    for row in ws.iter_rows(min_row=4, max_row=5, max_col=11):
        for c in row:
            c.fill = hdr
            c.font = Font(bold=True)
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    qd = [dt.date(2017, 6, 30), dt.date(2017, 9, 30), dt.date(2017, 12, 31)]
    r = 6
    for si, (scheme, stems) in enumerate(T.BCF.items(), 1):
        sid = plan.section(scheme)
        ws.cell(row=r, column=1, value=scheme).font = Font(bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=11)
        ws.cell(row=r, column=1).fill = fill("D9E1F2")
        r += 1
        for ai, stem in enumerate(stems, 1):
            aid = f"S{si}.{ai}"
            lead = rng.choice(T.BCF_LEADS)
            support = rng.sample(T.BCF_SUPPORT, rng.choice([0, 1, 2, 3]))
            start = rng.choice(["Apr-17", "Jun-17", "Sep-17", "Jan-18"])
            end = month_end(rng.choice([2017, 2018, 2018, 2019]), rng.choice([3, 6, 9, 12]))
            word = rng.choices(["Green", "Amber", "Red", "Complete", ""], weights=[8, 5, 2, 3, 1])[0]
            texts = [""] * 4
            if word:
                for i in range(rng.choice([0, 0, 1]), 3):
                    texts[i] = progress(rng)
                if word == "Complete":
                    texts[2] = done_text(rng, 2017, 12)
            a = plan.add(id=aid, section=sid, title=stem, leads=[lead], partners=support, due=end,
                         updates=[(qd[i], texts[i]) for i in range(3) if texts[i]])
            if word == "Complete":
                a["status"] = "complete"
            elif word:
                a["rag"] = word.lower()
            vals = [aid, stem, lead, ", ".join(support), start, dt.datetime(end.year, end.month, end.day)] + texts + [word]
            for c, v in enumerate(vals, 1):
                cell = ws.cell(row=r, column=c, value=v if v != "" else None)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.cell(row=r, column=6).number_format = "mmm-yy"
            if word:
                ws.cell(row=r, column=11).fill = fill({"Green": "00B050", "Amber": "FFC000", "Red": "FF0000",
                                                       "Complete": "0070C0"}[word])
            r += 1
    for col, w in zip("ABCDEFGHIJK", [7, 45, 24, 24, 8, 8, 32, 32, 32, 20, 10]):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "C6"
    wb.save(os.path.join(OUT, name + ".xlsx"))
    write_truth(plan)


# ----------------------------------------------------------------------------------------------
# 12. Homelessness Reduction Act plan: Word auto-numbered "No." column (the numbers are not in
#     the text), "Completed? (Yes/No)", update dated by a full date in its header (Word)
# ----------------------------------------------------------------------------------------------

def hra_autonumber(rng):
    name = "hra-autonumber-yesno"
    title = "Homelessness Reduction Act 2017: Implementation Plan, Housing Options Service"
    plan = Plan(name, title, """
Word: a Title paragraph, then one table. The "No." column is Word automatic numbering (List
Number style): the numbers 1, 2, 3... show on screen and in print but are not in the cells'
text; the officer types what they see, so ids run 1..N in order (the banner rows are not
numbered). Shaded banner rows spanning the table are the sections.
"Responsible officer" leads are bullet lines (one each, bullet dropped). "Target date" as written.
"Completed? (Yes/No)": Yes -> status complete; No or "Partly" -> no status. No RAG.
"Update (as at 31 October 2017)" dates the update 2017-10-31.""")
    doc = Document()
    landscape(doc)
    doc.add_paragraph(title, style="Title")
    doc.add_paragraph("Owner: Head of Housing. This plan is reported to the Housing Portfolio Holder each quarter.")
    headers = ["No.", "Action", "Responsible officer", "Target date", "Completed? (Yes/No)",
               "Update (as at 31 October 2017)"]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    repeat_header(header_row(table, headers, fill="375623"))
    upd = dt.date(2017, 10, 31)
    dates = ["April 2018", "3 April 2018", "End of March 2018", "Q4 17/18", "December 2017", "Jan-18",
             "Before the Act commences", "Ongoing", "30/11/2017"]
    n = 0
    for sec, stems in T.HRA.items():
        sid = plan.section(sec)
        row = table.add_row()
        m = row.cells[0].merge(row.cells[-1])
        set_text(m, sec, bold=True)
        shade(m, "E2EFDA")
        for stem in stems:
            n += 1
            leads = pick(rng, T.HRA_LEADS, nleads(rng))
            when = rng.choice(dates)
            yn = rng.choices(["Yes", "No", "Partly"], weights=[4, 8, 2])[0]
            text = progress(rng) if yn != "Yes" else rng.choice(
                ["Protocol signed by all partners.", "In place and working well.", "Live from 1 October.",
                 "Agreed by the portfolio holder."])
            if yn == "No" and rng.random() < 0.25:
                text = ""
            a = plan.add(id=str(n), section=sid, title=stem, leads=leads, due=when,
                         updates=[(upd, text)] if text else [])
            if yn == "Yes":
                a["status"] = "complete"
            row = table.add_row()
            row.cells[0].paragraphs[0].style = doc.styles["List Number"]
            for c, v in zip(row.cells[1:], [stem, join_names(leads, "bullets"), when, yn, text]):
                set_text(c, v)
    doc.save(os.path.join(OUT, name + ".docx"))
    write_truth(plan)


LAYOUTS = [ofsted_improvement, icb_brag, csp_sharepoint, hwb_ods, gp_ticks, asc_fills, send_cards,
           place_pentana, suicide_dots, stp_log, bcf_two_row_header, hra_autonumber]


def main():
    os.makedirs(OUT, exist_ok=True)
    only = set(sys.argv[1:])
    for i, fn in enumerate(LAYOUTS):
        if only and fn.__name__ not in only:
            continue
        fn(random.Random(SEED + i))
        print("wrote", fn.__name__)
    for f in sorted(os.listdir(OUT)):
        if f.rsplit(".", 1)[-1] in ("docx", "xlsx", "ods"):
            reproducible(os.path.join(OUT, f))


if __name__ == "__main__":
    main()
