"""Benchmark of the search index against SQLite FTS5 (trigram) on one generated corpus.

    .venv/bin/python benchmarks/search_bench.py --docs 20000 --queries 200 --seed 1

Measures indexing throughput and size, query latency (count only; first page
of 20 hits with snippets) for random 1-8 character queries taken from the
corpus, the same for FTS5 on queries of 3+ characters, and checks every
total against a linear scan of the normalized texts.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import corpus  # noqa: E402

from archiveviewer.search.highlight import word_regex  # noqa: E402
from archiveviewer.search.index import SearchIndex  # noqa: E402
from archiveviewer.search.normalize import has_cjk, normalize  # noqa: E402
from archiveviewer.search.schema import searched_fields  # noqa: E402

# Substrings the query language would read as syntax are not plain queries.
_SYNTAX = re.compile(r'[\s"()]|^-|[A-Za-z][:：]|\b(OR|AND|NOT)\b')


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) in milliseconds."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k] * 1000


def draw_queries(items, n: int, rng: random.Random) -> list[str]:
    texts = [it.text for it in items]
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        text = rng.choice(texts)
        length = rng.randint(1, 8)
        if len(text) <= length:
            continue
        start = rng.randrange(len(text) - length)
        q = text[start : start + length]
        if _SYNTAX.search(q) or not normalize(q) or q in seen:
            continue
        seen.add(q)
        out.append(q)
    return out


def linear_count(q: str, norms: list[tuple[str, ...]]) -> int:
    """Items whose normalized title, text or a tag (each on its own: no match across two) holds the query."""
    nq = normalize(q)
    if has_cjk(nq):
        return sum(1 for fields in norms if any(nq in n for n in fields))
    rx = word_regex(nq)
    return sum(1 for fields in norms if any(rx.search(n) for n in fields))


def peak_rss_mb() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return float("nan")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / (1024 if sys.platform == "darwin" else 1)


def timed(fn, *args, **kwargs):
    t = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - t, result


def row(name: str, times: list[float]) -> str:
    return f"  {name:<46} p50 {pct(times, 50):8.2f} ms   p95 {pct(times, 95):8.2f} ms   (n={len(times)})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--warmup", type=int, default=50, help="queries run first on the freshly opened index (reported as cold)"
    )
    ap.add_argument("--dir", type=Path, default=None, help="work folder (default: a temp folder, removed)")
    ap.add_argument(
        "--writers",
        action="store_true",
        help="also build the index with Whoosh's public writer (procs=1, and procs=2 multisegment) and time it",
    )
    args = ap.parse_args(argv)

    work = args.dir or Path(tempfile.mkdtemp(prefix="av-search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        return run(args, work)
    finally:
        if args.dir is None:
            shutil.rmtree(work, ignore_errors=True)


def run(args, work: Path) -> int:
    print(f"python {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version}, seed {args.seed}")
    t0 = time.perf_counter()
    items = list(corpus.generate(args.docs, seed=args.seed))
    chars = sum(len(it.title) + 1 + len(it.text) for it in items)
    print(
        f"corpus: {len(items)} items, {chars:,} characters ({chars / len(items):.0f}/item), "
        f"generated in {time.perf_counter() - t0:.1f} s"
    )

    # --- indexing ---------------------------------------------------------------
    ixdir = work / "index"
    shutil.rmtree(ixdir, ignore_errors=True)
    idx = SearchIndex(ixdir)
    gc.collect()
    t0 = time.perf_counter()
    for _ in idx.rebuild(iter(items), len(items), generation=1):
        pass
    t_index = time.perf_counter() - t0
    size = folder_size(ixdir)
    rss_index = peak_rss_mb()
    idx.close()
    t_status, st = timed(idx.status, 1)
    assert st is None, st
    t_quick, _ = timed(idx.status, 1, verify=False)
    idx.close()
    t_open, _ = timed(idx.count, "无锡")

    fts_path = work / "fts.sqlite"
    fts_path.unlink(missing_ok=True)
    con = sqlite3.connect(fts_path)
    t0 = time.perf_counter()
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='trigram')")
    with con:
        con.executemany(
            "INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)",
            ((i, it.title, it.text) for i, it in enumerate(items)),
        )
    t_fts = time.perf_counter() - t0
    fts_size = fts_path.stat().st_size

    print("\nindexing")
    print(
        f"  ours (Whoosh, bulk segment writer)  {t_index:7.2f} s  {len(items) / t_index:8.0f} docs/s  "
        f"{chars / t_index:10,.0f} chars/s  size {size:,} B ({size / chars:.1f} B/char)"
    )
    print(
        f"  SQLite FTS5 trigram                 {t_fts:7.2f} s  {len(items) / t_fts:8.0f} docs/s  "
        f"{chars / t_fts:10,.0f} chars/s  size {fts_size:,} B ({fts_size / chars:.1f} B/char)"
    )
    print(
        f"  status() with checksums {t_status * 1000:.0f} ms, without {t_quick * 1000:.0f} ms; "
        f"first query on a closed index (opens the reader) {t_open * 1000:.1f} ms"
    )
    print(f"  peak RSS after indexing: {rss_index:.0f} MB")

    # --- queries ----------------------------------------------------------------
    rng = random.Random(args.seed * 7919 + 17)
    pool = draw_queries(items, args.warmup + args.queries, rng)
    warm, queries = pool[: args.warmup], pool[args.warmup :]
    cold_t = []
    for q in warm:
        dt, _ = timed(idx.search, q, limit=20)
        cold_t.append(dt)
    lengths = [len(q) for q in queries]
    print(
        f"\nqueries: {len(queries)} random substrings of the corpus, length 1-8 "
        f"(mean {statistics.mean(lengths):.1f}), after {len(warm)} other queries on a freshly opened index\n"
        f"(timed as 'cold'); one reader kept open; cached per-query results dropped before each timed query"
    )

    count_t, page_t, totals = [], [], {}
    for q in queries:
        idx._drop_query_caches()
        dt, n = timed(idx.count, q)
        count_t.append(dt)
        totals[q] = n
    for q in queries:
        idx._drop_query_caches()
        dt, res = timed(idx.search, q, limit=20)
        page_t.append(dt)
        assert res.total == totals[q]
    by_len = {"1-2 chars": [], "3-8 chars": []}
    for q, dt in zip(queries, page_t):
        by_len["1-2 chars" if len(q) <= 2 else "3-8 chars"].append(dt)

    long_q = [q for q in queries if len(q) >= 3]
    fts_count_t, fts_page_t, fts_totals = [], [], {}
    for q in long_q:
        match = '"' + q.replace('"', '""') + '"'
        dt, n = timed(lambda m=match: con.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (m,)).fetchone()[0])
        fts_count_t.append(dt)
        fts_totals[q] = n
        dt, _ = timed(
            lambda m=match: con.execute(
                "SELECT rowid, title, snippet(docs, 1, '[', ']', '…', 16) FROM docs "
                "WHERE docs MATCH ? ORDER BY rank LIMIT 20",
                (m,),
            ).fetchall()
        )
        fts_page_t.append(dt)
    ours_long_count = [dt for q, dt in zip(queries, count_t) if len(q) >= 3]
    ours_long_page = [dt for q, dt in zip(queries, page_t) if len(q) >= 3]

    print("\nquery latency")
    print(row("ours: first page, the first queries (cold)", cold_t))
    print(row("ours: total count, all queries", count_t))
    print(row("ours: first page of 20 with snippets, all", page_t))
    for name, ts in by_len.items():
        print(row(f"ours: first page, {name}", ts))
    print(row("ours: total count, 3+ chars", ours_long_count))
    print(row("ours: first page, 3+ chars", ours_long_page))
    print(row("FTS5: count(*) MATCH, 3+ chars", fts_count_t))
    print(row("FTS5: snippet() ORDER BY rank LIMIT 20", fts_page_t))
    for what, ours, peer in (("count", ours_long_count, fts_count_t), ("first page", ours_long_page, fts_page_t)):
        print(
            f"  ratio ours/FTS5, {what:<10} (3+ chars):  p50 {pct(ours, 50) / pct(peer, 50):5.2f}   "
            f"p95 {pct(ours, 95) / pct(peer, 95):5.2f}"
        )
    short = [q for q in queries if len(q) < 3]
    print(
        f"  FTS5 trigram finds nothing for the {len(short)} queries under 3 characters "
        f"(ours: {sum(totals[q] for q in short):,} hits in total)"
    )

    # --- exactness ----------------------------------------------------------------
    t0 = time.perf_counter()
    # What a plain query matches, each on its own: the title (unless only context), the text, each tag.
    norms = [tuple(searched_fields(it.title, it.text, it.tags, it.title_matches)) for it in items]
    scan_t = []
    mismatches = []
    for q in queries:
        dt, expected = timed(linear_count, q, norms)
        scan_t.append(dt)
        if expected != totals[q]:
            mismatches.append((q, totals[q], expected))
    fewer = sum(1 for q in long_q if fts_totals[q] < totals[q])
    print("\nexactness (our total vs. a linear scan of all normalized texts)")
    print(f"  {len(queries)} queries checked, mismatches: {len(mismatches)}")
    for q, got, exp in mismatches[:20]:
        print(f"    MISMATCH {q!r}: index {got}, scan {exp}")
    print(row("linear scan in Python (reference)", scan_t))
    print(
        f"  FTS5 found fewer items than ours for {fewer} of {len(long_q)} queries of 3+ chars "
        f"(no traditional/full-width folding, no matching across OCR line breaks)"
    )

    # --- incremental commits ----------------------------------------------------------
    extra = list(corpus.generate(args.docs + 101, seed=args.seed + 1))[args.docs :]
    extra = [dataclasses.replace(it, key=f"bench:{i}") for i, it in enumerate(extra)]
    generation = 1
    commit_t = {}
    for label, batch in (("1 item", extra[:1]), ("100 items", extra[1:101]), ("delete 1 item", None)):
        generation += 1
        t0 = time.perf_counter()
        with idx.writer(generation) as w:
            if batch is None:
                w.delete([extra[0].key])
            else:
                w.upsert(batch)
        commit_t[label] = time.perf_counter() - t0
    assert idx.status(generation, verify=False) is None
    assert idx.count("-不可能出现的词") == len(items) + 100
    print("\nincremental commits into the index (writer block, including meta.json and reader refresh)")
    print("  " + ", ".join(f"{k}: {v * 1000:.0f} ms" for k, v in commit_t.items()))

    print(f"\npeak RSS at the end: {peak_rss_mb():.0f} MB (includes the corpus, the FTS5 peer and the scan texts)")
    print(
        "\ntargets (20,000 docs of ~500 chars): first page p95 <= 100 ms, count p95 <= 100 ms, "
        "indexing >= 300,000 chars/s"
    )
    ok = pct(page_t, 95) <= 100 and pct(count_t, 95) <= 100 and chars / t_index >= 300_000
    print(
        f"  {'met' if ok else 'NOT met'}: page p95 {pct(page_t, 95):.1f} ms, count p95 {pct(count_t, 95):.1f} ms, "
        f"indexing {chars / t_index:,.0f} chars/s"
    )
    con.close()
    idx.close()
    if args.writers:
        compare_public_writers(items, chars, t_index, size, queries, totals, page_t, count_t, work)
    return 1 if mismatches else 0


def _public_build(items, root: Path, procs: int) -> tuple[float, int, int]:
    """Build an index of `items` with Whoosh's public writer; (seconds, segments, bytes)."""
    from whoosh.filedb.filestore import FileStorage

    from archiveviewer.search import index_files
    from archiveviewer.search.index import INDEXNAME
    from archiveviewer.search.schema import build_schema, item_fields
    from archiveviewer.search.whoosh_internals import make_codec

    shutil.rmtree(root, ignore_errors=True)
    building = index_files.start_building(root)
    gc.collect()
    t0 = time.perf_counter()
    ix = FileStorage(str(building)).create_index(build_schema(), indexname=INDEXNAME)
    kwargs = {"procs": procs, "multisegment": True} if procs > 1 else {}
    writer = ix.writer(codec=make_codec(), **kwargs)
    for item in items:
        doc = item_fields(item)
        # An ID field takes one value through the public writer (several tags would need a KEYWORD field).
        for name in ("tag", "author"):
            if name in doc:
                doc[name] = doc[name][0]
        writer.add_document(**doc)
    writer.commit()
    segments = len(ix.refresh().reader().leaf_readers()) if procs > 1 else 1
    final = index_files.seal(building, 1, len(items))
    index_files.make_current(root, final)
    return time.perf_counter() - t0, segments, folder_size(final)


def compare_public_writers(items, chars, t_bulk, size_bulk, queries, totals, page_t, count_t, work: Path) -> None:
    """Whoosh's public writer (procs=1, procs=2 multisegment) against the bulk segment writer, same corpus and run."""
    print("\nindex writers compared (same corpus, same run; the bulk writer's figures are from above)")
    print(
        f"  bulk segment writer (whoosh_internals)         {t_bulk:7.2f} s  {chars / t_bulk:10,.0f} chars/s  "
        f"1 segment   {size_bulk:,} B"
    )
    for procs in (1, 2):
        root = work / f"public-{procs}"
        t, segments, size = _public_build(items, root, procs)
        label = "public writer()" if procs == 1 else "public writer(procs=2, multisegment=True)"
        print(
            f"  {label:<46} {t:7.2f} s  {chars / t:10,.0f} chars/s  {segments} segment(s)  {size:,} B  "
            f"({t / t_bulk:.1f}x the bulk writer's time)"
        )
        idx = SearchIndex(root)
        assert idx.status(1, verify=False) is None
        p_t, c_t = [], []
        for q in queries:
            idx._drop_query_caches()
            dt, n = timed(idx.count, q)
            c_t.append(dt)
            assert n == totals[q], (q, n, totals[q])
            idx._drop_query_caches()
            dt, _ = timed(idx.search, q, limit=20)
            p_t.append(dt)
        print(row(f"    its queries: first page (bulk: p50 {pct(page_t, 50):.2f} ms)", p_t))
        print(row(f"    its queries: total count (bulk: p50 {pct(count_t, 50):.2f} ms)", c_t))
        idx.close()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
