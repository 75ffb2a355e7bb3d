"""Score imported plans against the blind2 truths, as LAYOUTS.md describes.

python3 tools/blind2/score.py [OUTDIR]   (default /tmp/blind2-out; import first, see README
in the report). Prints fixture x field % and the misses (expected vs got) with -v.
"""
import datetime as dt
import glob
import os
import re
import sys
import tomllib

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TRUTH = os.path.join(ROOT, "tests", "data", "layouts", "unseen2")
FIELDS = ["title", "section", "leads", "partners", "due", "baseline_due", "rag", "status",
          "outcomes", "next_steps", "updates"]


def ws(s):
    return re.sub(r"\s+", " ", s).strip()


def norm_scalar(v):
    if v is None:
        return None
    if isinstance(v, (dt.date, dt.datetime)):
        return ("date", v.isoformat()[:10])
    return ("text", ws(str(v)))


def field(plan, a, f):
    if f == "section":
        secs = {s["id"]: s.get("title") for s in plan.get("sections", [])}
        sid = a.get("section")
        return norm_scalar(secs.get(sid)) if sid is not None else None
    if f in ("leads", "partners"):
        v = a.get(f) or []
        return frozenset(ws(x).lower() for x in v) or None
    if f == "outcomes":
        v = a.get(f) or []
        return tuple(ws(x) for x in v) or None
    if f == "updates":
        v = a.get(f) or []
        return tuple(sorted((norm_scalar(u.get("date")), ws(u.get("text", ""))) for u in v)) or None
    if f in ("rag", "status"):
        v = a.get(f)
        return ws(v).lower() if v else None
    return norm_scalar(a.get(f))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else "/tmp/blind2-out"
    verbose = "-v" in sys.argv
    rows, misses = [], []
    tot = {f: [0, 0] for f in FIELDS}
    for tp in sorted(glob.glob(os.path.join(TRUTH, "*.truth.toml"))):
        name = os.path.basename(tp)[: -len(".truth.toml")]
        truth = tomllib.load(open(tp, "rb"))
        op = os.path.join(out, name + ".toml")
        got = tomllib.load(open(op, "rb")) if os.path.exists(op) else {"plan": {}, "actions": []}
        byid = {a["id"]: a for a in got.get("actions", [])}
        title_ok = ws(truth["plan"]["title"]) == ws(got.get("plan", {}).get("title", ""))
        if not title_ok:
            misses.append((name, "-", "plan title", truth["plan"]["title"], got.get("plan", {}).get("title")))
        per = {}
        for f in FIELDS:
            ok = 0
            for a in truth["actions"]:
                g = byid.get(a["id"])
                e = field(truth, a, f)
                v = field(got, g, f) if g is not None else "<missing action>"
                if e == v:
                    ok += 1
                else:
                    misses.append((name, a["id"], f, e, v))
            n = len(truth["actions"])
            per[f] = 100.0 * ok / n
            tot[f][0] += ok
            tot[f][1] += n
        rows.append((name, len(truth["actions"]), title_ok, per))
    w = max(len(r[0]) for r in rows)
    short = {"baseline_due": "base", "next_steps": "next", "partners": "partn", "outcomes": "outc",
             "updates": "upd", "section": "sect", "status": "stat"}
    print(f"{'fixture':<{w}}  n  ptitle " + " ".join(f"{short.get(f, f):>5}" for f in FIELDS))
    for name, n, tok, per in rows:
        print(f"{name:<{w}} {n:>2}  {'ok' if tok else 'WRONG':>6} " + " ".join(f"{per[f]:5.0f}" for f in FIELDS))
    print(f"{'ALL':<{w}} {sum(r[1] for r in rows):>2}  {sum(r[2] for r in rows)}/{len(rows):<4} "
          + " ".join(f"{100.0 * tot[f][0] / tot[f][1]:5.0f}" for f in FIELDS))
    if verbose:
        print("\nmisses (fixture, id, field: expected | got):")
        for m in misses:
            print(f"  {m[0]} {m[1]} {m[2]}: {m[3]!r} | {m[4]!r}")


if __name__ == "__main__":
    main()
