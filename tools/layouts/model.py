"""The plan a fixture holds, and its truth file.

A fixture is made from one `Plan`: the writers lay it out as a programme office would, and
`write_truth` writes what a careful officer would type from that file (LAYOUTS.md), so the file
and its truth cannot drift apart.
"""
import calendar
import datetime as dt
import json
import random
import re
from dataclasses import dataclass, field

import pools


@dataclass
class Cell:
    """What one cell shows: its text, and optionally a fill, a text colour or a real date."""
    text: str = ""
    fill: str | None = None
    font: str | None = None
    value: object = None  # a datetime.date for a real spreadsheet date


@dataclass
class Action:
    id: str
    title: str
    section: str | None = None          # section title (truth, without its number)
    leads: list = field(default_factory=list)
    leads_written: str = ""
    partners: list = field(default_factory=list)
    partners_written: str = ""
    due: object = None                  # str as written, or datetime.date
    baseline_due: object = None
    revised_written: str | None = None  # the continuation row's timescale
    further: str | None = None          # the continuation row's update text
    rag: str | None = None              # truth
    rag_cell: Cell = field(default_factory=Cell)
    status: str | None = None
    outcomes: list = field(default_factory=list)
    next_steps: str | None = None
    updates: list = field(default_factory=list)   # [(date, text)] as written per column
    theme: str | None = None


@dataclass
class Plan:
    id: str
    title: str
    sections: list        # section titles in order
    actions: list


def month_end(year, month):
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def month_text(rng):
    return rng.choice(pools.MONTHS) + " " + rng.choice(["2016", "2017"])


def update_text(rng):
    t = rng.choice(pools.UPDATE_TEXTS)
    return t.format(n=rng.randint(3, 95), month=month_text(rng))


# Colours a rating may be shown in, per family variant.
STANDARD = {"red": "FF0000", "amber": "FFC000", "green": "00B050"}
PALE = {"red": ["FF9999", "E6B8B7", "F4CCCC"], "amber": ["FFD966", "FFE699", "FFFF00"],
        "green": ["92D050", "C6E0B4", "A9D08E"]}
EXCEL_STYLE = {"red": "FFC7CE", "amber": "FFEB9C", "green": "C6EFCE"}
FONT = {"red": "C00000", "amber": "FFC000", "green": "00B050"}


def lead_form(rng, topic, style):
    """(as written, truth list) for one action's lead cell. `style` picks the forms used."""
    bodies = pools.BODIES[topic]
    kind = rng.choice(style)
    if kind == "one":
        b = rng.choice(bodies)
        return b, [b]
    if kind == "comma-name":
        b = rng.choice(pools.ONE_NAME_COMMAS)
        return b, [b]
    if kind == "comma-name-slash":
        a = rng.choice(pools.ONE_NAME_COMMAS)
        b = rng.choice(bodies)
        return f"{a} / {b}", [a, b]
    picks = rng.sample(bodies, 3)
    if kind == "slash":
        return f"{picks[0]} / {picks[1]}", picks[:2]
    if kind == "and":
        return f"{picks[0]} and {picks[1]}", picks[:2]
    if kind == "amp":
        return f"{picks[0]} & {picks[1]}", picks[:2]
    if kind == "list-and":
        return f"{picks[0]}, {picks[1]} and {picks[2]}", picks
    if kind == "lines":
        return "\n".join(picks[:2]), picks[:2]
    if kind == "bullets":
        return "\n".join("• " + p for p in picks), picks
    if kind == "semicolon":
        return f"{picks[0]}; {picks[1]}", picks[:2]
    raise ValueError(kind)


ALL_LEADS = ["one", "one", "one", "slash", "and", "list-and", "amp", "lines", "semicolon",
             "comma-name", "comma-name-slash", "bullets"]
SIMPLE_LEADS = ["one", "one", "one", "slash", "and"]


def make_plan(rng, topic, n, *, place=None, sections=True, nsections=None, id_style="dotted",
              lead_style=SIMPLE_LEADS, update_dates=(), rag_mode="words", dues=None,
              outcomes=False, next_steps=False, partners=False, continuation=0.0,
              complete_words=0.0, blank_rag=0.1, title=None, numbers_restart=False):
    """A plan of `n` actions on `topic`. The writers decide the layout; this decides content.

    rag_mode: words | letters | fill | pale | excel | font | none | status-words
    update_dates: the date of each update column (one update per column per action, some blank).
    complete_words: the share of actions whose latest update says plainly that it is complete.
    """
    t = pools.TOPICS[topic]
    place = place or rng.choice(pools.PLACES)
    plan_title = title or t["plan"].format(place=place)
    k = nsections or rng.randint(3, len(t["sections"]))
    secs = t["sections"][:k] if sections else []
    titles = list(t["actions"])
    rng.shuffle(titles)
    while len(titles) < n:
        titles += [f"{a} {rng.choice(pools.QUALIFIERS)}" for a in t["actions"]]
    actions = []
    for i in range(n):
        if secs:
            s = min(i * len(secs) // n, len(secs) - 1)
            si = s + 1
            j = sum(1 for a in actions if a.section == secs[s]) + 1
            aid = f"{si}.{j}" if id_style == "dotted" else str(i + 1)
            section = secs[s]
        else:
            aid, section = str(i + 1), None
        a = Action(id=aid, title=titles[i], section=section)
        a.leads_written, a.leads = lead_form(rng, topic, lead_style)
        if partners and rng.random() < 0.6:
            ps = rng.sample(pools.PARTNERS, rng.randint(1, 2))
            a.partners = ps
            a.partners_written = ", ".join(ps) if len(ps) == 1 else " and ".join(ps)
        if dues == "date":
            a.due = month_end(rng.choice([2016, 2017]), rng.randint(1, 12))
        elif dues == "iso":
            a.due = month_end(rng.choice([2016, 2017]), rng.randint(1, 12))
        else:
            a.due = rng.choice(pools.DUES_TEXT)
        if outcomes:
            a.outcomes = rng.sample(pools.OUTCOMES, rng.randint(1, 3))
        if next_steps and rng.random() < 0.7:
            a.next_steps = rng.choice(pools.NEXT_STEPS)
        for d in update_dates:
            if rng.random() < 0.85:
                a.updates.append((d, update_text(rng)))
        # rating
        r = rng.random()
        if r < blank_rag:
            a.rag = None
        else:
            a.rag = rng.choice(["red", "amber", "amber", "green", "green", "green"])
        if a.updates and rng.random() < complete_words:
            d, _ = a.updates[-1]
            a.updates[-1] = (d, rng.choice(pools.COMPLETE_TEXTS))
            a.status = "complete"
            if a.rag is not None:
                a.rag = "green"
        if (continuation and a.updates and a.status is None and isinstance(a.due, str)
                and rng.random() < continuation):
            a.baseline_due = rng.choice(["March 2016", "Sept 2016", "Q2 2016/17", "December 2016",
                                         "June 2016"])
            a.due = rng.choice(pools.REVISED_DATES)
            a.revised_written = rng.choice(pools.REVISED_FORMS).format(d=a.due)
            a.further = rng.choice(pools.FURTHER_TEXTS)
        set_rag_cell(rng, a, rag_mode)
        actions.append(a)
    return Plan(id="", title=plan_title, sections=secs, actions=actions)


def set_rag_cell(rng, a, mode):
    r = a.rag
    if r is None:
        a.rag_cell = Cell()
        return
    if mode == "words":
        a.rag_cell = Cell(rng.choice([r.capitalize(), r.upper(), r.capitalize()]))
    elif mode == "letters":
        a.rag_cell = Cell(r[0].upper())
    elif mode == "fill":
        a.rag_cell = Cell("", fill=STANDARD[r])
    elif mode == "pale":
        a.rag_cell = Cell("", fill=rng.choice(PALE[r]))
    elif mode == "excel":
        a.rag_cell = Cell("", fill=EXCEL_STYLE[r])
    elif mode == "font":
        a.rag_cell = Cell("●", font=FONT[r])
    elif mode == "none":
        a.rag = None
        a.rag_cell = Cell()
    else:
        raise ValueError(mode)


def status_words(rng, plan, share=0.3):
    """Some ratings become status words in the rating column (family 5)."""
    for a in plan.actions:
        x = rng.random()
        if a.status == "complete":
            a.rag = None
            a.rag_cell = Cell(rng.choice(["Complete", "Completed", "COMPLETE", "Done"]))
        elif x < share * 0.4:
            a.rag, a.status = None, "complete"
            a.rag_cell = Cell(rng.choice(["Complete", "Completed", "Done"]))
        elif x < share * 0.6:
            a.rag, a.status = None, "not-started"
            a.rag_cell = Cell(rng.choice(["Not started", "Not Started"]))
        elif x < share * 0.75:
            a.rag, a.status = None, "on-hold"
            a.rag_cell = Cell("On hold")
        elif x < share:
            w = rng.choice(["Amber/Green", "Red/Amber", "Amber/Green"])
            a.rag = w
            a.rag_cell = Cell(w)


# ---------------------------------------------------------------------------------------------
# truth files

def q(s):
    return json.dumps(s, ensure_ascii=False)


def tval(v):
    if isinstance(v, dt.date):
        return v.isoformat()
    return q(v)


def write_truth(path, plan, id_):
    out = ["# The plan a careful programme officer would type from the fixture of the same name",
           "# (the conventions of LAYOUTS.md). Made by tools/layouts/generate.py.",
           "", "schema_version = 1", "", "[plan]", f"id = {q(id_)}", f"title = {q(plan.title)}"]
    ids = {}
    for i, s in enumerate(plan.sections, 1):
        ids[s] = str(i)
        out += ["", "[[sections]]", f"id = {q(str(i))}", f"title = {q(s)}"]
    for a in plan.actions:
        out += ["", "[[actions]]", f"id = {q(a.id)}"]
        if a.section is not None:
            out.append(f"section = {q(ids[a.section])}")
        out.append(f"title = {q(a.title)}")
        if a.leads:
            out.append(f"leads = [{', '.join(q(x) for x in a.leads)}]")
        if a.partners:
            out.append(f"partners = [{', '.join(q(x) for x in a.partners)}]")
        if a.due is not None:
            out.append(f"due = {tval(a.due)}")
        if a.baseline_due is not None:
            out.append(f"baseline_due = {tval(a.baseline_due)}")
        if a.status:
            out.append(f"status = {q(a.status)}")
        if a.rag:
            out.append(f"rag = {q(a.rag)}")
        if a.outcomes:
            out.append(f"outcomes = [{', '.join(q(x) for x in a.outcomes)}]")
        if a.next_steps:
            out.append(f"next_steps = {q(a.next_steps)}")
        for k, (d, text) in enumerate(a.updates):
            if k == len(a.updates) - 1 and a.further:
                text = text + " " + a.further
            out += ["", "[[actions.updates]]", f"date = {d.isoformat()}", f"text = {q(text)}"]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def number(title, i, form):
    """A section heading as written: `form` picks '1. X', 'Section 1: X', 'X'."""
    return {"dot": f"{i}. {title}", "section": f"Section {i}: {title}", "dash": f"Section {i} – {title}",
            "plain": title}[form]
