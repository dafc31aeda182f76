#!/usr/bin/env python3
"""Extraction on whole pages of invented outlets (tools/wholepage.py): per-field figures, and what the
locator decided on a few pages.

Fields: title (the headline, not derived), body start (the first paragraph opens the body), outlet (folded
ة/ه and alef forms), date (right, or none when the page prints none; a wrong date is counted apart as
confident-wrong), author (right name, or none when there is no byline), chrome removed (share of the page's
chrome lines that do not reach the body).

Usage: python scripts/wholepage_eval.py [--pages 48] [--seed 12] [--show 3] [--misses 5]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from arshif.build.pipeline import configure_rules, learn_templates  # noqa: E402
from arshif.ingest.templates import NONE  # noqa: E402
from arshif.text.helpers import squash_spaces, visible  # noqa: E402
from arshif.tools.contract import extract_path  # noqa: E402
from arshif.tools.wholepage import labelled_pages  # noqa: E402

_FOLD = str.maketrans({"ة": "ه", "أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي"})


def norm(text) -> str:
    return squash_spaces(visible(text or "")).translate(_FOLD)


def score(out: dict, label) -> dict:
    body = out["body"]
    got_author = norm(out["author"])
    want_author = norm(label.author)
    chrome_body = {norm(p) for p in body}
    leaked = [c for c in label.chrome if norm(c) in chrome_body or any(norm(c) == norm(p)[:len(norm(c))] and len(c) > 30 for p in body[:1])]
    date_ok = (out["date"] == (label.date.isoformat() if label.date else None))
    return {
        "title": norm(out["title"]) == norm(label.title) and not out["title_derived"],
        "body_start": bool(body) and norm(body[0])[:30] in norm(label.body_start),
        "outlet": norm(out["outlet"]) == norm(label.outlet),
        "date": date_ok,
        "date_wrong": out["date"] is not None and not date_ok,
        "author": got_author == want_author,
        "chrome": (len(label.chrome) - len(leaked), len(label.chrome)),
        "leaked": leaked,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=48)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--show", type=int, default=0, help="print the locator's decisions on this many pages")
    ap.add_argument("--misses", type=int, default=4, help="print this many misses per field")
    ap.add_argument("--no-templates", action="store_true", help="extract each page alone, without the template "
                    "lines learnt across the set (template memory off)")
    args = ap.parse_args()
    configure_rules(Path("source_articles"))
    pages = labelled_pages(args.pages, args.seed)
    fields = ("title", "body_start", "outlet", "date", "author")
    hits = {f: 0 for f in fields}
    wrong_dates = 0
    kept = total = 0
    misses: dict[str, list[str]] = {f: [] for f in (*fields, "chrome")}
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for n, (text, _) in enumerate(pages):
            paths.append(Path(tmp) / f"page{n:03d}.txt")
            paths[-1].write_text(text, encoding="utf-8")
        # The set is one archive: its template lines are learnt from all its pages, as a build does.
        templates = NONE if args.no_templates else learn_templates(paths, jobs=1)
        print(f"template lines learnt: {len(templates.lines)} from {templates.files} files")
        for n, (text, label) in enumerate(pages):
            path = paths[n]
            out = extract_path(path, templates)
            s = score(out, label)
            for f in fields:
                hits[f] += s[f]
                if not s[f]:
                    want = {"title": label.title, "body_start": label.body_start[:50], "outlet": label.outlet,
                            "date": label.date, "author": label.author}[f]
                    got = {"title": out["title"], "body_start": (out["body"][0][:50] if out["body"] else None),
                           "outlet": out["outlet"], "date": out["date"], "author": out["author"]}[f]
                    extra = f" [{out['date_basis'][:90]}]" if f == "date" else ""
                    extra = f" [{out['fields']['outlet']['basis'][:90]}]" if f == "outlet" else extra
                    misses[f].append(f"page{n:03d} {label.layout}: got {got!r} want {want!r}{extra}")
            wrong_dates += s["date_wrong"]
            kept += s["chrome"][0]
            total += s["chrome"][1]
            if s["leaked"]:
                misses["chrome"].append(f"page{n:03d}: leaked {s['leaked'][:3]}")
            if n < args.show:
                print(f"--- page{n:03d} {label.layout}: {len(text.splitlines())} lines")
                reasons: dict[str, int] = {}
                for r in out["removed"]:
                    reasons[r["reason"]] = reasons.get(r["reason"], 0) + 1
                where = out.get("located")
                if where:
                    print(f"  located: headline line {where['headline']}, body lines {where['body'][0]}-{where['body'][1]}")
                print(f"  title: {out['title']!r} ({out['fields']['title']['rule']})")
                print(f"  body starts: {out['body'][0][:70]!r}" if out["body"] else "  no body")
                print(f"  outlet: {out['outlet']!r} ({out['fields']['outlet']['basis'][:100]})")
                print(f"  date: {out['date']} ({out['date_basis'][:100]})")
                print(f"  author: {out['author']!r}")
                print(f"  removed by reason: {dict(sorted(reasons.items(), key=lambda kv: -kv[1]))}")
    total_pages = len(pages)
    print(f"{total_pages} whole pages of {len({lab.outlet for _, lab in pages})} invented outlets")
    for f in fields:
        print(f"  {f:16} {hits[f]:4}/{total_pages} {100 * hits[f] / total_pages:5.1f} %")
    print(f"  {'chrome removed':16} {kept:4}/{total} lines {100 * kept / max(total, 1):5.1f} %")
    print(f"  {'wrong dates':16} {wrong_dates:4}  (confident and wrong)")
    for f, items in misses.items():
        for item in items[: args.misses]:
            print(f"  miss {f}: {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
