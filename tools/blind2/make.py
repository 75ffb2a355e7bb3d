"""Make the blind2 layout fixtures: tests/data/layouts/unseen2/<name>.<ext> + <name>.truth.toml.

Six layouts as UK public bodies keep them, invented without looking at the importer or the
other fixtures. Fixed seed; run from anywhere: python3 tools/blind2/make.py
"""
import csv
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile

import docx
from docx.enum.text import WD_BREAK  # noqa: F401
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill

sys.path.insert(0, os.path.dirname(__file__))
from common import month_end, write_truth  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "data", "layouts", "unseen2")
R = random.Random(20261207)

FILL = {"red": "FF0000", "amber": "FFC000", "green": "00B050", "blue": "00B0F0"}


def fill(hexrgb):
    return PatternFill("solid", start_color=hexrgb, end_color=hexrgb)


def split_join(parts, sep):
    return sep.join(parts)


# ------------------------------------------------------------------------------------------------
# 1. Police and crime plan delivery tracker (xlsx): merged Outcome cells, RAG words on fills
# ------------------------------------------------------------------------------------------------
def police():
    name = "police-crime-delivery-tracker"
    title = "Police and Crime Plan 2017–2021: Delivery Tracker"
    data = {
        "Keeping people safe": [
            "Keep neighbourhood policing teams visible in every district",
            "Introduce a rural crime team covering the farming community",
            "Review how 101 non-emergency calls are answered and cut waiting times",
            "Fund community speed watch schemes in villages that ask for them",
            "Work with councils to tackle anti-social behaviour hot spots",
        ],
        "Protecting vulnerable people": [
            "Place mental health nurses in the force control room",
            "Commission an independent review of the response to missing children",
            "Expand the child sexual exploitation team",
            "Deliver training on coercive control to all response officers",
            "Set up a modern slavery partnership with the local authorities",
        ],
        "Supporting victims and witnesses": [
            "Re-commission the victim referral service",
            "Open a second sexual assault referral centre",
            "Publish a victims' charter compliance report each year",
            "Provide independent domestic violence advisers in hospital A&E departments",
        ],
        "Reducing reoffending": [
            "Extend the integrated offender management scheme to female offenders",
            "Pilot a conditional caution scheme for low-level offenders",
            "Support the restorative justice hub",
            "Fund a drug and alcohol diversion pathway in custody",
        ],
        "An efficient and effective police service": [
            "Deliver the estates strategy and share buildings with the fire service",
            "Give every frontline officer a mobile device",
            "Recruit 100 additional special constables",
            "Agree a joint collaboration programme with the neighbouring force",
            "Publish the PCC's decisions and spending online",
        ],
    }
    lead_pool = [
        ["Chief Constable"],
        ["ACC Local Policing"],
        ["OPCC Head of Commissioning", "Head of Partnerships"],
        ["Deputy PCC"],
        ["Chief Superintendent Crime", "OPCC Chief Executive"],
        ["Director of Finance"],
        ["Head of Criminal Justice"],
        ["OPCC Policy Officer", "Community Safety Partnerships"],
    ]
    comments = [
        "Teams now in place in all seven districts; abstraction rates monitored monthly.",
        "Business case agreed at the December strategic board.",
        "Recruitment under way; two posts filled, the third out to advert.",
        "Delayed while the contract is retendered.",
        "Scoping meeting held with partners; terms of reference drafted.",
        "Pilot evaluation received and being considered by the board.",
        "Launched in November; early feedback from users is positive.",
        "Funding confirmed for a further twelve months.",
        "Work paused pending the outcome of the national review.",
        "Now business as usual.",
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tracker"
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:F1")
    ws["A2"] = "Report to the Police and Crime Panel, February 2018"
    hdr = ["Outcome", "Commitment", "Lead", "Milestone date", "Comment (Jan 2018)", "RAG"]
    for c, h in enumerate(hdr, 1):
        cell = ws.cell(row=4, column=c, value=h)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill("1F3864")
    row = 5
    actions = []
    n = 0
    for outcome, commits in data.items():
        first = row
        for t in commits:
            n += 1
            leads = R.choice(lead_pool)
            sep = R.choice([" / ", " and ", "\n"]) if len(leads) > 1 else ""
            a = {"id": str(n), "section": outcome, "title": t, "leads": leads}
            ws.cell(row=row, column=2, value=t)
            ws.cell(row=row, column=3, value=sep.join(leads))
            k = R.random()
            if k < 0.5:
                d = month_end(R.choice([2018, 2018, 2019]), R.randint(1, 12))
                ws.cell(row=row, column=4, value=dt.datetime(d.year, d.month, d.day)).number_format = "dd/mm/yyyy"
                a["due"] = d
            else:
                txt = R.choice(["Summer 2018", "March 2019", "Ongoing", "2018/19", "Q4 2017/18", "April 2018"])
                ws.cell(row=row, column=4, value=txt)
                a["due"] = txt
            if R.random() < 0.85:
                c = R.choice(comments)
                ws.cell(row=row, column=5, value=c)
                a["updates"] = [(dt.date(2018, 1, 31), c)]
            r = R.choice(["Green", "Green", "Amber", "Red", "Complete", None])
            cell = ws.cell(row=row, column=6)
            if r == "Complete":
                cell.value = "Complete"
                cell.fill = fill(FILL["blue"])
                a["status"] = "complete"
            elif r:
                cell.value = r
                cell.fill = fill(FILL[r.lower()])
                a["rag"] = r.lower()
            actions.append(a)
            row += 1
        ws.cell(row=first, column=1, value=outcome).alignment = Alignment(vertical="top", wrap_text=True)
        if row - 1 > first:
            ws.merge_cells(start_row=first, start_column=1, end_row=row - 1, end_column=1)
    for col, w in zip("ABCDEF", [22, 50, 28, 14, 50, 10]):
        ws.column_dimensions[col].width = w
    wb.save(os.path.join(OUT, name + ".xlsx"))
    plan = {"id": name, "title": title, "actions": actions}
    write_truth(os.path.join(OUT, name + ".truth.toml"), plan, """
Police and crime plan delivery tracker: banner title, merged Outcome cells (the section), no id
column (actions numbered 1..n), real dates and text timescales mixed, one dated comment column,
RAG as words on coloured fills ("Complete" on blue = status complete, no rag).""")
    return name, None


# ------------------------------------------------------------------------------------------------
# Word helpers
# ------------------------------------------------------------------------------------------------
def shade(cell, hexrgb):
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hexrgb)
    tcPr.append(shd)


def set_cell(cell, text, bold=False):
    cell.text = ""
    lines = text.split("\n") if text else [""]
    p = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            p = cell.add_paragraph()
        run = p.add_run(line)
        run.bold = bold


# ------------------------------------------------------------------------------------------------
# 2. Tobacco control action plan (docx): bold full-width section rows, colour-only RAG,
#    "Revised:" continuation rows
# ------------------------------------------------------------------------------------------------
def tobacco():
    name = "tobacco-control-action-plan"
    title = "Tobacco Control Action Plan 2016–2018"
    data = {
        "Preventing young people from starting to smoke": [
            ("Deliver the smokefree schools programme in all secondary schools", ["Director of Public Health", "Children's Services"]),
            ("Run test purchasing operations on underage tobacco sales", ["Trading Standards"]),
            ("Support youth services to run peer education on shisha and e-cigarettes", ["Public Health Commissioning Manager", "Youth Service"]),
            ("Promote smokefree play areas with parish and town councils", ["Director of Public Health", "Trading Standards"]),
        ],
        "Helping smokers to quit": [
            ("Recommission the specialist stop smoking service", ["Director of Public Health"]),
            ("Offer stop smoking support in every GP practice and community pharmacy", ["Public Health Commissioning Manager", "CCG Primary Care Lead"]),
            ("Introduce opt-out referral for pregnant women who smoke", ["Head of Midwifery"]),
            ("Train mental health staff to give very brief advice", ["Mental Health Trust Clinical Director"]),
            ("Make hospital grounds smokefree", ["Acute Trust Director of Estates", "Director of Public Health"]),
        ],
        "Reducing exposure to second-hand smoke": [
            ("Run a campaign on smoking in cars carrying children", ["Communications Team", "Public Health"]),
            ("Include smokefree homes advice in health visitor contacts", ["0-19 Service Manager"]),
            ("Extend smokefree policies to council buildings and vehicles", ["Head of HR"]),
        ],
        "Tackling illicit tobacco": [
            ("Carry out intelligence-led seizures of illegal tobacco", ["Trading Standards", "HMRC"]),
            ("Run a 'keep it out' campaign on cheap and illegal tobacco", ["Trading Standards"]),
            ("Share intelligence on illicit tobacco with the police and fire service", ["Trading Standards", "Police Licensing"]),
            ("Take licensing action against premises selling illegal tobacco", ["Licensing Manager"]),
        ],
        "Leadership, data and communication": [
            ("Refresh the tobacco control needs assessment", ["Public Health Intelligence Lead"]),
            ("Report progress to the Health and Wellbeing Board twice a year", ["Director of Public Health"]),
            ("Sign the Local Government Declaration on Tobacco Control", ["Chief Executive", "Leader of the Council"]),
            ("Ensure the pension fund is reviewed for tobacco investments", ["Head of Pensions"]),
        ],
    }
    timescales = ["March 2017", "September 2016", "Dec 2016", "2016/17", "Ongoing", "June 2017", "Q3 2016/17", "April 2017", "2017"]
    progress = [
        "Programme running in eleven of the fourteen schools.",
        "Specification drafted and out for consultation.",
        "Three operations completed; two sales made, both followed up.",
        "Campaign materials agreed with the communications team.",
        "Completed in July 2016.",
        "Awaiting a response from the trust board.",
        "Training dates set for the autumn.",
        "Data collection under way; report due to the steering group.",
        "Discussed with partners; a lead still to be agreed.",
        "",
    ]
    doc = docx.Document()
    doc.add_paragraph(title, style="Title")
    doc.add_paragraph("Smokefree Alliance – agreed by the Health and Wellbeing Board. Progress reported September 2016.")
    hdr = ["Ref", "Action", "Responsible", "Timescale", "Progress (September 2016)", "RAG"]
    tbl = doc.add_table(rows=1, cols=6)
    tbl.style = "Table Grid"
    for c, h in zip(tbl.rows[0].cells, hdr):
        set_cell(c, h, bold=True)
        shade(c, "D9D9D9")
    actions = []
    upd_date = dt.date(2016, 9, 30)
    for si, (sec, items) in enumerate(data.items(), 1):
        row = tbl.add_row()
        merged = row.cells[0].merge(row.cells[5])
        set_cell(merged, sec, bold=True)
        shade(merged, "BDD7EE")
        for ai, (t, leads) in enumerate(items, 1):
            aid = f"{si}.{ai}"
            a = {"id": aid, "section": sec, "title": t, "leads": leads}
            ts = R.choice(timescales)
            a["due"] = ts
            p = R.choice(progress)
            row = tbl.add_row().cells
            set_cell(row[0], aid)
            set_cell(row[1], t)
            set_cell(row[2], " / ".join(leads) if R.random() < 0.7 else "\n".join(leads))
            set_cell(row[3], ts)
            set_cell(row[4], p)
            rag = None
            if p.startswith("Completed"):
                a["status"] = "complete"
                rag = "green"
            else:
                rag = R.choice(["red", "amber", "green", "green", None])
            if rag:
                shade(row[5], FILL[rag])
                a["rag"] = rag
            if p:
                a["updates"] = [(upd_date, p)]
            # a few actions re-planned: continuation row with a revised timescale
            if ts not in ("Ongoing", "2017") and not p.startswith("Completed") and R.random() < 0.25:
                new = R.choice(["March 2018", "December 2017", "Sept 2017"])
                extra = "Timescale moved because of staff vacancies."
                crow = tbl.add_row().cells
                set_cell(crow[3], "Revised: " + new)
                set_cell(crow[4], extra)
                a["baseline_due"] = ts
                a["due"] = new
                a["updates"] = [(upd_date, (p + " " + extra).strip())]
            actions.append(a)
    doc.add_paragraph("RAG key: red – off track; amber – some slippage; green – on track.")
    doc.core_properties.title = ""
    doc.save(os.path.join(OUT, name + ".docx"))
    plan = {"id": name, "title": title, "actions": actions}
    write_truth(os.path.join(OUT, name + ".truth.toml"), plan, """
Public health tobacco control plan in one Word table: sections as bold full-width merged rows,
"Responsible" leads split on " / " or line breaks, RAG by cell shading alone (no words), a few
"Revised:" continuation rows (due = revised, baseline_due = first timescale, update joined).
An update "Completed in July 2016." gives status complete (its green shading is kept as rag).""")
    return name, None


# ------------------------------------------------------------------------------------------------
# 3. NHS trust CQC must do / should do improvement plan (xlsx)
# ------------------------------------------------------------------------------------------------
def cqc():
    name = "cqc-must-should-improvement-plan"
    title = "Westmoor Hospitals NHS Foundation Trust – CQC Quality Improvement Plan (inspection March 2017)"
    must = [
        ("Urgent and emergency care", "Ensure children in the emergency department are seen by staff with paediatric life support training", ["Chief Nurse"], "Training records show 95% of ED nurses hold paediatric life support"),
        ("Urgent and emergency care", "Ensure patients are triaged within 15 minutes of arrival", ["Chief Operating Officer"], "Monthly triage audit"),
        ("Medical care", "Ensure medicines are stored at the correct temperature on all wards", ["Medical Director", "Chief Pharmacist"], "Fridge temperature audits; pharmacy spot checks"),
        ("Medical care", "Ensure mental capacity assessments are recorded where patients lack capacity", ["Medical Director"], "Quarterly MCA documentation audit"),
        ("Surgery", "Ensure the WHO surgical safety checklist is completed for every procedure", ["Medical Director"], "Observational audit of theatre lists"),
        ("Surgery", "Ensure staffing levels on surgical wards meet the agreed establishment", ["Chief Nurse", "Director of HR"], "Safer staffing reports to the board"),
        ("Maternity", "Ensure emergency equipment on the delivery suite is checked daily", ["Chief Nurse"], "Completed checklists; matron audit"),
        ("Maternity", "Ensure all midwives complete mandatory safeguarding training", ["Director of Midwifery"], "Training compliance above 90%"),
        ("End of life care", "Ensure DNACPR forms are completed in line with national guidance", ["Medical Director"], "DNACPR audit results"),
        ("Outpatients", "Ensure patient records are stored securely in clinic areas", ["Director of Finance", "Senior Information Risk Owner"], "Information governance walkabouts"),
        ("Trust-wide", "Ensure incidents are reported and investigated within the required timescales", ["Director of Nursing and Quality"], "Incident backlog cleared; KPI report"),
    ]
    should = [
        ("Urgent and emergency care", "Improve the environment of the mental health assessment room", ["Director of Estates"], "Room refurbished and ligature risk assessment signed off"),
        ("Urgent and emergency care", "Consider how to reduce handover delays from ambulance crews", ["Chief Operating Officer"], "Handover times reported weekly"),
        ("Medical care", "Improve discharge planning so patients leave hospital earlier in the day", ["Chief Operating Officer"], "Discharges before noon"),
        ("Medical care", "Review the use of escalation beds on the frailty unit", ["Chief Operating Officer", "Chief Nurse"], "Bed plan agreed"),
        ("Surgery", "Reduce the number of cancelled operations on the day", ["Chief Operating Officer"], "Cancellation rate below national average"),
        ("Surgery", "Improve pain assessment documentation", ["Chief Nurse"], "Documentation audit"),
        ("Maternity", "Provide a bereavement room away from the labour ward", ["Director of Estates", "Director of Midwifery"], "Room opened"),
        ("Children and young people", "Improve the transition of young people to adult services", ["Medical Director"], "Transition policy approved"),
        ("Children and young people", "Ensure play specialists are available at weekends", ["Chief Nurse"], "Weekend rota in place"),
        ("End of life care", "Increase the number of staff trained in end of life care", ["Chief Nurse"], "Training figures reported to the quality committee"),
        ("Outpatients", "Reduce the backlog of follow-up appointments", ["Chief Operating Officer"], "Backlog trajectory met"),
        ("Outpatients", "Display waiting times in clinic areas", ["Head of Outpatients"], "Displays installed"),
        ("Diagnostic imaging", "Ensure radiation protection supervisors are appointed for every area", ["Medical Director"], "Named supervisors listed"),
        ("Trust-wide", "Improve staff awareness of the freedom to speak up guardian", ["Director of HR", "Company Secretary"], "Staff survey results"),
    ]
    updates = [
        "Action plan agreed by the divisional board; audits started in June.",
        "Completed; evidence submitted to the quality committee in July.",
        "Compliance now 88%; further sessions booked for September.",
        "Business case approved; works scheduled for the autumn.",
        "Audit shows sustained improvement over three months.",
        "New policy drafted and out for consultation.",
        "Recruitment to two vacancies in progress.",
        "Options appraisal under way; capital funding requested.",
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "QIP"
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "Version 6 – for the Quality Committee, September 2017"
    hdr = ["Ref", "Core service", "Action required", "Executive lead", "Completion date",
           "Evidence of completion", "Progress update (31/08/2017)", "Status: Open/Closed"]
    for c, h in enumerate(hdr, 1):
        cell = ws.cell(row=4, column=c, value=h)
        cell.font = Font(bold=True)
        cell.fill = fill("D9E1F2")
    row = 5
    actions = []
    for sec, prefix, items in (
        ("MUST DO – actions the trust must take to comply with its legal obligations", "MD", must),
        ("SHOULD DO – actions the trust should take to improve services", "SD", should),
    ):
        ws.cell(row=row, column=1, value=sec).font = Font(bold=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
        ws.cell(row=row, column=1).fill = fill("FCE4D6")
        row += 1
        for i, (core, t, leads, ev) in enumerate(items, 1):
            aid = f"{prefix}{i}"
            a = {"id": aid, "section": sec, "title": t, "leads": leads, "outcomes": [ev]}
            ws.cell(row=row, column=1, value=aid)
            ws.cell(row=row, column=2, value=core)
            ws.cell(row=row, column=3, value=t)
            ws.cell(row=row, column=4, value=(" & " if R.random() < 0.5 else ", ").join(leads))
            if R.random() < 0.8:
                d = month_end(2017, R.randint(6, 12))
                ws.cell(row=row, column=5, value=dt.datetime(d.year, d.month, d.day)).number_format = "dd/mm/yyyy"
                a["due"] = d
            else:
                txt = R.choice(["December 2017", "Q4 2017/18", "March 2018"])
                ws.cell(row=row, column=5, value=txt)
                a["due"] = txt
            ws.cell(row=row, column=6, value=ev)
            u = R.choice(updates)
            ws.cell(row=row, column=7, value=u)
            a["updates"] = [(dt.date(2017, 8, 31), u)]
            st = "Closed" if u.startswith("Completed") or R.random() < 0.2 else "Open"
            ws.cell(row=row, column=8, value=st)
            if st == "Closed":
                a["status"] = "complete"
            else:
                a["status"] = "in-progress"
            actions.append(a)
            row += 1
    for col, w in zip("ABCDEFGH", [8, 22, 50, 26, 14, 36, 50, 12]):
        ws.column_dimensions[col].width = w
    wb.save(os.path.join(OUT, name + ".xlsx"))
    plan = {"id": name, "title": title, "actions": actions}
    write_truth(os.path.join(OUT, name + ".truth.toml"), plan, """
NHS trust CQC improvement plan: banner title, merged MUST DO / SHOULD DO banner rows (the
sections), ids MD1/SD4, "Core service" column (a theme, not scored), "Executive lead" split on
" & " or ", ", "Evidence of completion" as outcomes, one update column dated by its header
(31/08/2017), "Status: Open/Closed": Closed = complete, Open = in-progress. No RAG anywhere.""")
    return name, None


# ------------------------------------------------------------------------------------------------
# 4. District council corporate plan CSV (semicolons, dd/mm/yyyy)
# ------------------------------------------------------------------------------------------------
def district():
    name = "district-corporate-plan-semicolon"
    title = "Corporate Plan 2018–2022 delivery plan"
    data = {
        "A thriving local economy": [
            "Adopt a new Local Plan; including the site allocations document",
            "Deliver the town centre regeneration masterplan",
            "Provide grants to small businesses to improve shop fronts",
            "Roll out full-fibre broadband to business parks",
            "Support the market town partnership boards",
        ],
        "Homes for everyone": [
            "Deliver 250 affordable homes over the plan period",
            "Bring long-term empty homes back into use",
            "Introduce selective licensing of private rented homes",
            "Open a new temporary accommodation scheme for families",
            "Review the housing allocations policy",
        ],
        "A clean and green district": [
            "Introduce weekly food waste collections",
            "Plant 10,000 trees on council land",
            "Install electric vehicle charging points in council car parks",
            "Reduce the council's carbon emissions by 30%",
            "Tackle fly-tipping with more enforcement",
        ],
        "Healthy and safe communities": [
            "Refurbish the leisure centre in the main town",
            "Work with the police to reduce anti-social behaviour in parks",
            "Deliver the disabled facilities grant programme",
        ],
        "An efficient council": [
            "Move more services online through the customer portal",
            "Deliver the medium-term financial strategy savings",
            "Share a legal service with the neighbouring district",
        ],
    }
    leads = [["Head of Planning"], ["Head of Housing"], ["Head of Economic Development"],
             ["Head of Environmental Services"], ["Chief Executive", "Leader of the Council"],
             ["Head of Finance"], ["Head of Customer Services", "ICT Manager"], ["Head of Leisure"]]
    partners = [[], [], ["Registered housing providers"], ["Police", "County Council"],
                ["Local Enterprise Partnership"], ["Parish councils", "Woodland Trust"], []]
    updates = [
        "Consultation closed in August; responses being analysed.",
        "On track. Report to Cabinet in November.",
        "Contract awarded; mobilisation under way.",
        "Behind schedule because of a delay in the procurement.",
        "Complete – launched in September.",
        "Scheme design agreed with members.",
        "Funding bid submitted; decision expected in the new year.",
        "",
    ]
    rows = []
    actions = []
    n = 0
    for pi, (pri, items) in enumerate(data.items(), 1):
        for i, t in enumerate(items, 1):
            n += 1
            aid = f"{pi}.{i}"
            ld = R.choice(leads)
            pt = R.choice(partners)
            d = month_end(R.choice([2019, 2020, 2021]), R.choice([3, 6, 9, 12]))
            due = d.strftime("%d/%m/%Y")
            u = R.choice(updates)
            ud = dt.date(2018, R.choice([9, 10]), R.randint(1, 28))
            rag = R.choice(["G", "G", "A", "R"])
            if u.startswith("Complete"):
                rag = "Complete"
            a = {"id": aid, "section": pri, "title": t, "leads": ld, "partners": pt, "due": due}
            if rag == "Complete":
                a["status"] = "complete"
            else:
                a["rag"] = {"G": "green", "A": "amber", "R": "red"}[rag]
            if u:
                a["updates"] = [(ud, u)]
            actions.append(a)
            rows.append([pri, aid, t, " & ".join(ld), ", ".join(pt), due, u,
                         ud.strftime("%d/%m/%Y") if u else "", rag])
    path = os.path.join(OUT, name + ".csv")
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(["Priority", "Ref", "Action", "Lead officer", "Partners", "Target date",
                    "Latest update", "Update date", "RAG status"])
        w.writerows(rows)
    with open(os.path.join(OUT, name + ".args"), "w") as f:
        f.write("--title\n" + title + "\n")
    plan = {"id": name, "title": title, "actions": actions}
    write_truth(os.path.join(OUT, name + ".truth.toml"), plan, """
District council corporate plan export: CSV with ";" separators (UTF-8 with BOM, CRLF), a
Priority column (the section), "Lead officer" joined with " & ", Partners with ", ",
target dates dd/mm/yyyy kept as written (text in a CSV, neither a spreadsheet date nor ISO),
an "Update date" column dating each update, RAG status G/A/R/Complete. No title in the file:
the .args gives it.""")
    return name, [ "--title", title ]


# ------------------------------------------------------------------------------------------------
# 5. Safeguarding adults board business plan (ods): cover sheet, a sheet per strategic priority
# ------------------------------------------------------------------------------------------------
def sab():
    name = "safeguarding-adults-board-business-plan"
    title = "Westshire Safeguarding Adults Board Business Plan 2018–2020"
    pri = [
        ("Priority 1", "Strategic Priority 1: Prevention and early intervention", [
            "Run a public awareness campaign on financial abuse and scams",
            "Develop a self-neglect and hoarding protocol",
            "Publish guidance for care homes on preventing falls and pressure ulcers",
            "Work with housing providers to identify adults at risk of exploitation",
        ]),
        ("Priority 2", "Strategic Priority 2: Making Safeguarding Personal", [
            "Audit whether people are asked what outcomes they want from an enquiry",
            "Collect feedback from people who have been through a safeguarding enquiry",
            "Train staff in using advocacy under the Care Act",
            "Produce easy read information about safeguarding",
        ]),
        ("Priority 3", "Strategic Priority 3: Partnership assurance and learning", [
            "Complete the safeguarding adults review on the death of Mr A and publish the learning",
            "Run a multi-agency case file audit on domestic abuse",
            "Agree a partner self-assessment and challenge event",
            "Develop a performance dashboard for the board",
            "Review the board's constitution and sub-group structure",
        ]),
        ("Priority 4", "Strategic Priority 4: A skilled workforce", [
            "Agree a multi-agency safeguarding training framework",
            "Deliver workshops on the Mental Capacity Act for GPs",
            "Hold an annual safeguarding conference",
            "Support providers to embed the modern slavery guidance",
        ]),
    ]
    leadp = [["Board Manager"], ["Head of Adult Safeguarding, County Council"], ["Designated Nurse Safeguarding Adults"],
             ["Detective Inspector, Public Protection Unit"], ["Chair of the Learning and Review Sub-group"],
             ["Training Sub-group Chair", "Board Business Manager"]]
    partp = [[], ["Trading Standards", "Age UK"], ["All board partners"], ["CCG", "Police", "Local Authority"], ["Housing providers"]]
    diffp = ["People know how to report concerns", "Fewer repeat referrals", "Practitioners feel confident",
             "Learning is shared across agencies", ""]
    prog = ["Campaign launched in October with radio adverts and leaflets.", "Draft protocol out to partners for comment.",
            "Audit completed; findings to the December board.", "Delayed – awaiting the review author's report.",
            "Four workshops held, 85 attendees.", "Action complete.", "Not yet started.", ""]
    wb = openpyxl.Workbook()
    cov = wb.active
    cov.title = "Cover"
    cov["A1"] = title
    cov["A1"].font = Font(bold=True, size=16)
    cov["A3"] = "This business plan sets out how the Board will deliver its strategic priorities. Progress is reported to each Board meeting."
    cov["A5"] = "RAG key"
    for i, (k, v) in enumerate([("red", "Off track"), ("amber", "At risk"), ("green", "On track")], 6):
        cov.cell(row=i, column=1).fill = fill(FILL[k])
        cov.cell(row=i, column=2, value=v)
    actions = []
    hdr = ["Ref", "What we will do", "Lead", "Partners", "What difference will it make", "By when",
           "Progress at December 2018", "RAG"]
    for pi, (sheetname, banner, items) in enumerate(pri, 1):
        ws = wb.create_sheet(sheetname)
        ws["A1"] = banner
        ws["A1"].font = Font(bold=True, size=13)
        ws.merge_cells("A1:H1")
        for c, h in enumerate(hdr, 1):
            ws.cell(row=3, column=c, value=h).font = Font(bold=True)
        for i, t in enumerate(items, 1):
            r = 3 + i
            aid = f"P{pi}.{i}"
            ld, pt, df = R.choice(leadp), R.choice(partp), R.choice(diffp)
            due = R.choice(["March 2019", "Sept 2018", "Ongoing", "2019/20", "December 2018", "Q1 2019/20"])
            pg = R.choice(prog)
            a = {"id": aid, "section": banner, "title": t, "leads": ld, "partners": pt, "due": due}
            if df:
                a["outcomes"] = [df]
            vals = [aid, t, "; ".join(ld), ", ".join(pt), df, due, pg]
            for c, v in enumerate(vals, 1):
                ws.cell(row=r, column=c, value=v or None)
            if pg:
                a["updates"] = [(dt.date(2018, 12, 31), pg)]
            if pg == "Action complete.":
                a["status"] = "complete"
            elif pg == "Not yet started.":
                a["status"] = "not-started"
            rag = R.choice(["red", "amber", "green", "green", None])
            if rag and a.get("status") != "complete":
                cell = ws.cell(row=r, column=8)
                cell.fill = fill(FILL[rag])
                if R.random() < 0.4:
                    cell.value = rag.upper()
                a["rag"] = rag
            actions.append(a)
        for col, w in zip("ABCDEFGH", [8, 50, 30, 26, 30, 14, 50, 8]):
            ws.column_dimensions[col].width = w
    tmp = tempfile.mkdtemp()
    x = os.path.join(tmp, name + ".xlsx")
    wb.save(x)
    subprocess.run(["soffice", "--headless", "--convert-to", "ods", "--outdir", tmp, x],
                   check=True, capture_output=True)
    shutil.copy(os.path.join(tmp, name + ".ods"), os.path.join(OUT, name + ".ods"))
    shutil.rmtree(tmp)
    plan = {"id": name, "title": title, "actions": actions}
    write_truth(os.path.join(OUT, name + ".truth.toml"), plan, """
Safeguarding adults board business plan as ODS: a cover sheet with the title and a RAG key, then
a sheet per strategic priority whose merged banner row is the section title. Leads split on
"; " (a comma inside one role, e.g. "Head of Adult Safeguarding, County Council", stays whole);
partners on ", ". "What difference will it make" = outcomes. RAG by fill, sometimes with the
word in capitals. "Action complete." / "Not yet started." updates give status.""")
    return name, None


# ------------------------------------------------------------------------------------------------
# 6. Word plan whose Progress column is a log of dated entries
# ------------------------------------------------------------------------------------------------
def progress_log():
    name = "suicide-prevention-progress-log"
    title = "Suicide Prevention Action Plan 2017–2020"
    data = {
        "Reduce the risk of suicide in high-risk groups": [
            "Commission suicide awareness training for frontline staff in job centres",
            "Agree a pathway for men presenting at A&E after self-harm",
            "Work with the prison to review its suicide and self-harm procedures",
            "Support farmers through the rural mental health network",
            "Target support at people in debt through the citizens advice service",
        ],
        "Tailor approaches to improve mental health in specific groups": [
            "Deliver mental health first aid training in secondary schools",
            "Develop a postvention offer for university students",
            "Promote the veterans' mental health service",
            "Include LGBT+ young people in the children's emotional wellbeing strategy",
        ],
        "Reduce access to the means of suicide": [
            "Install signage and barriers at the identified high-risk location",
            "Review safe prescribing of opioids with GP practices",
            "Work with the railway to train station staff",
        ],
        "Support people bereaved or affected by suicide": [
            "Launch a bereavement support service for families",
            "Distribute the 'Help is at hand' guide through coroners and funeral directors",
            "Set up a real-time surveillance system with the police and coroner",
        ],
        "Support the media and improve data": [
            "Brief local newspapers on the Samaritans reporting guidelines",
            "Carry out an annual audit of coroner's records",
            "Publish the suicide prevention profile on the JSNA website",
        ],
    }
    leadp = [["Public Health Consultant"], ["Mental Health Commissioner", "CCG"], ["Prison Healthcare Lead"],
             ["Public Health Principal", "Education Psychology Service"], ["Community Safety Manager"],
             ["Director of Public Health"], ["Samaritans Branch Director", "Public Health Consultant"]]
    entries = [
        "Scoping meeting held with partners.",
        "Training provider identified and dates agreed.",
        "First cohort trained (24 staff).",
        "Funding secured from the transformation fund.",
        "Draft pathway discussed at the steering group.",
        "Pathway agreed and launched.",
        "Awaiting data from the coroner.",
        "Service specification out to tender.",
        "No further progress this quarter because of capacity.",
        "Review completed and recommendations accepted.",
    ]
    starts = [dt.date(2017, 10, 1), dt.date(2018, 1, 1), dt.date(2018, 4, 1), dt.date(2018, 7, 1)]
    doc = docx.Document()
    doc.add_paragraph(title, style="Title")
    doc.add_paragraph("Progress log maintained by the Suicide Prevention Steering Group. Entries are added at each meeting, newest last.")
    hdr = ["No.", "Action", "Lead(s)", "Target date", "Progress", "Next steps", "Status"]
    actions = []
    n = 0
    for sec, items in data.items():
        doc.add_heading(sec, level=2)
        tbl = doc.add_table(rows=1, cols=len(hdr))
        tbl.style = "Table Grid"
        for c, h in zip(tbl.rows[0].cells, hdr):
            set_cell(c, h, bold=True)
        for t in items:
            n += 1
            ld = R.choice(leadp)
            due = R.choice(["March 2018", "Sept 2018", "Dec 2018", "2018/19", "Ongoing", "June 2019"])
            k = R.randint(0, 4)
            ups = []
            picks = sorted(R.sample(range(len(entries)), k))
            for j in range(k):
                base = starts[j]
                d = base + dt.timedelta(days=R.randint(5, 80))
                ups.append((d, entries[picks[j]]))
            st = R.choice(["In progress", "In progress", "Not started", "Complete", "On hold", ""])
            if k == 0 and st in ("In progress", "Complete"):
                st = "Not started"
            ns = R.choice(["Report to the next steering group.", "Evaluate after six months.", "", ""])
            a = {"id": str(n), "section": sec, "title": t, "leads": ld, "due": due}
            if ns:
                a["next_steps"] = ns
            if st:
                a["status"] = st.lower().replace(" ", "-")
            if ups:
                a["updates"] = ups
            actions.append(a)
            cells = tbl.add_row().cells
            set_cell(cells[0], f"{n}.")
            set_cell(cells[1], t)
            set_cell(cells[2], "\n".join(ld))
            set_cell(cells[3], due)
            set_cell(cells[4], "\n".join(f"{d.strftime('%d/%m/%Y')}: {x}" for d, x in ups))
            set_cell(cells[5], ns)
            set_cell(cells[6], st)
        doc.add_paragraph("")
    doc.save(os.path.join(OUT, name + ".docx"))
    plan = {"id": name, "title": title, "actions": actions}
    write_truth(os.path.join(OUT, name + ".truth.toml"), plan, """
Word plan, a Heading 2 and a table per section; ids "1." (written with a dot) numbered across
tables; leads one per line; the Progress cell is a log of dated entries, one paragraph each,
"dd/mm/yyyy: text" (each entry is an update with that date); a Status column of words
(In progress / Not started / Complete / On hold); no RAG.""")
    return name, None


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in (police, tobacco, cqc, district, sab, progress_log):
        n, _ = f()
        print("made", n)


if __name__ == "__main__":
    main()
