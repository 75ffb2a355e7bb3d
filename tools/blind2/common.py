"""Shared helpers for the blind2 fixtures: a tiny TOML writer for plan format v1."""
import datetime as dt
import json


def q(s):
    return json.dumps(s, ensure_ascii=False)


def val(v):
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(q(x) for x in v) + "]"
    return q(v)


def write_truth(path, plan, comment):
    out = ["#:schema ../../../../schema/plan-v1.schema.json"]
    out += ["# " + line for line in comment.strip().splitlines()]
    out += ["", "schema_version = 1", "", "[plan]", f"id = {q(plan['id'])}", f"title = {q(plan['title'])}"]
    if plan.get("updated"):
        out.append(f"updated = {val(plan['updated'])}")
    secs = []
    for a in plan["actions"]:
        if a.get("section") and a["section"] not in secs:
            secs.append(a["section"])
    sid = {t: str(i + 1) for i, t in enumerate(secs)}
    for t in secs:
        out += ["", "[[sections]]", f"id = {q(sid[t])}", f"title = {q(t)}"]
    for a in plan["actions"]:
        out += ["", "[[actions]]", f"id = {q(a['id'])}"]
        if a.get("section"):
            out.append(f"section = {q(sid[a['section']])}")
        out.append(f"title = {q(a['title'])}")
        for k in ("leads", "partners", "due", "baseline_due", "status", "rag", "outcomes", "next_steps"):
            if a.get(k):
                out.append(f"{k} = {val(a[k])}")
        for d, t in a.get("updates", []):
            out += ["", "[[actions.updates]]", f"date = {d.isoformat()}", f"text = {q(t)}"]
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def month_end(y, m):
    if m == 12:
        return dt.date(y, 12, 31)
    return dt.date(y, m + 1, 1) - dt.timedelta(days=1)
