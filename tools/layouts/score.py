#!/usr/bin/env python3
"""Score `planlint import` against the layout fixtures' truth files (LAYOUTS.md, "How the scorer
counts"). A stand-in for tests/it/import_layouts.rs, to measure a baseline from Python.

Usage: python3 tools/layouts/score.py [--bin PLANLINT] [--out DIR] [FAMILY_DIR ...]
       (default: tests/data/layouts/unseen)

Per fixture: import FILE -o OUT (plus the lines of NAME.args), load both plans, and over the
truth's actions (matched by id) count a field correct when the normalised values are equal:
text with whitespace runs collapsed and trimmed; leads and partners as sets without case; rag
without case; updates as a list of (date, text) sorted by date; dates and timescale texts kept
apart (a TOML date is not the text "2017-03-31"); absent equals absent. A missing action is
wrong on every field. The plan title is compared whole.
"""
import argparse
import datetime as dt
import glob
import os
import subprocess
import sys
import tempfile
import tomllib

FIELDS = ["title", "section", "leads", "partners", "due", "baseline_due", "rag", "status", "outcomes",
          "next_steps", "updates"]
EXTS = ("docx", "xlsx", "ods", "csv", "xls", "tsv")


def norm(s):
    if s is None:
        return None
    if isinstance(s, (dt.date, dt.datetime)):
        return ("date", s.isoformat()[:10])
    s = " ".join(str(s).split())
    return s or None


def field(plan, a, f):
    if f == "section":
        sid = a.get("section")
        if sid is None:
            return None
        titles = {s.get("id"): s.get("title") for s in plan.get("sections", [])}
        return norm(titles.get(sid, f"<unknown section {sid}>"))
    v = a.get(f)
    if f in ("leads", "partners"):
        vs = frozenset(n.lower() for n in (norm(x) for x in (v or [])) if n)
        return vs or None
    if f == "rag":
        return norm(v).lower() if norm(v) else None
    if f == "outcomes":
        vs = tuple(n for n in (norm(x) for x in (v or [])) if n)
        return vs or None
    if f == "updates":
        ups = sorted(((norm(u.get("date")), norm(u.get("text"))) for u in (v or [])), key=lambda u: str(u))
        return tuple(ups) or None
    return norm(v)


def score(fixture, binary, outdir):
    base = fixture.rsplit(".", 1)[0]
    name = os.path.basename(base)
    truth = tomllib.load(open(base + ".truth.toml", "rb"))
    args = []
    if os.path.exists(base + ".args"):
        args = [line.rstrip("\n") for line in open(base + ".args", encoding="utf-8") if line.strip()]
    out = os.path.join(outdir, name + ".toml")
    if os.path.exists(out):
        os.remove(out)
    with tempfile.TemporaryDirectory() as cwd:
        p = subprocess.run([binary, "import", os.path.abspath(fixture), "-o", out] + args,
                           cwd=cwd, capture_output=True, text=True, timeout=120)
    log = p.stderr
    got = {}
    if os.path.exists(out):
        try:
            got = tomllib.load(open(out, "rb"))
        except Exception as e:  # noqa: BLE001
            log += f"\n(imported plan unreadable: {e})"
    gacts = {str(a.get("id")): a for a in got.get("actions", [])}
    tacts = truth.get("actions", [])
    correct = {f: 0 for f in FIELDS}
    misses = {f: [] for f in FIELDS}
    for ta in tacts:
        ga = gacts.get(str(ta["id"]))
        for f in FIELDS:
            want = field(truth, ta, f)
            have = field(got, ga, f) if ga is not None else "<missing action>"
            if want == have:
                correct[f] += 1
            else:
                misses[f].append((ta["id"], want, have))
    title_ok = norm(truth["plan"]["title"]) == norm(got.get("plan", {}).get("title"))
    return dict(name=name, n=len(tacts), imported=len(gacts), matched=sum(1 for t in tacts if str(t["id"]) in gacts),
                correct=correct, misses=misses, title_ok=title_ok, rc=p.returncode, log=log,
                got_title=got.get("plan", {}).get("title"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.environ.get("PLANLINT", "planlint"))
    ap.add_argument("--out", default="/tmp/blind-out")
    ap.add_argument("--misses", action="store_true", help="print every wrong field")
    ap.add_argument("dirs", nargs="*", default=["tests/data/layouts/unseen"])
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    results = []
    for d in a.dirs:
        for f in sorted(glob.glob(os.path.join(d, "*"))):
            if f.rsplit(".", 1)[-1] in EXTS and os.path.exists(f.rsplit(".", 1)[0] + ".truth.toml"):
                results.append(score(f, a.bin, a.out))
    short = {"baseline_due": "base_due", "next_steps": "next", "partners": "partn", "outcomes": "outc",
             "updates": "upd", "section": "sect"}
    cols = [short.get(f, f) for f in FIELDS]
    print(f"| fixture | rc | acts | found | plan title | " + " | ".join(cols) + " |")
    print("|" + "---|" * (5 + len(cols)))
    tot = {f: 0 for f in FIELDS}
    ntot = 0
    for r in results:
        ntot += r["n"]
        cells = []
        for f in FIELDS:
            tot[f] += r["correct"][f]
            cells.append(f"{100 * r['correct'][f] / max(r['n'], 1):.0f}")
        print(f"| {r['name']} | {r['rc']} | {r['n']} | {r['matched']} | {'ok' if r['title_ok'] else 'WRONG'} | "
              + " | ".join(cells) + " |")
    titles = sum(r["title_ok"] for r in results)
    print(f"| **all** | | {ntot} | {sum(r['matched'] for r in results)} | {titles}/{len(results)} | "
          + " | ".join(f"{100 * tot[f] / max(ntot, 1):.0f}" for f in FIELDS) + " |")
    if a.misses:
        for r in results:
            print(f"\n## {r['name']} (rc {r['rc']}; imported title {r['got_title']!r})")
            print(r["log"].strip()[:1500])
            for f in FIELDS:
                for aid, want, have in r["misses"][f][:4]:
                    print(f"  {f} {aid}: want {want!r} have {have!r}")
                if len(r["misses"][f]) > 4:
                    print(f"  {f}: ... {len(r['misses'][f]) - 4} more")
    fails = [f for f in FIELDS if ntot and tot[f] / ntot < 0.95]
    return 1 if fails or titles < 0.95 * len(results) else 0


if __name__ == "__main__":
    sys.exit(main())
