"""Soak: thousands of random edits, notes, searches and imports in one process, with invariants after each.

Builds an archive of `--pages` pages (the sample page with distinct numbers),
then runs `--ops` random operations through the real services:

- edit an entry's text, a paragraph's text or a document's title (EditService),
- add a note to a document or an entry (AnnotationService),
- import a new page (ImportJob),
- search for a substring of a random item (SearchService).

Every change writes a unique marker word. After each change it checks that
the database and the index agree: the index holds as many items as the
database has searchable items, and a search for the marker finds exactly the
items whose text (or title) the database says holds it. Then it undoes the
change through the services (restore the edit's revision, delete the note,
delete the imported file) and checks that the visible database state is the
one before the change (every live row of every content table, versions and
timestamps aside) and that the marker is gone from the index. A search checks
that the item the substring was taken from is among the hits.

Prints throughput and latency per kind of operation, every invariant failure
(exit status 1 if any), and the peak RSS with its growth over the run.

    .venv/bin/python benchmarks/soak_bench.py [--ops 10000] [--pages 20] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from sqlalchemy import inspect, text

from archiveviewer.app.annotation_service import AnnotationService
from archiveviewer.app.archive import Archive, ArchiveLocation
from archiveviewer.app.edit_service import EditService
from archiveviewer.app.import_service import ImportJob
from archiveviewer.app.search_items import all_items, count_items
from archiveviewer.app.search_service import SearchService
from archiveviewer.resources import sample_page
from archiveviewer.search.items import SearchItem

# Tables whose live rows make up what a user sees; bookkeeping (revisions, the index log,
# meta) and per-row versions and timestamps are not part of "the same state".
CONTENT = ["source", "document", "section", "paragraph", "timeline_entry", "amount", "annotation", "tag", "tagging"]
IGNORED_COLUMNS = {"version", "updated_at", "created_at", "imported_at", "added_at"}
# Amounts are re-derived from the text on every edit: their row ids are new, their content is not.
IGNORED_PER_TABLE = {"amount": {"id"}}
OPS = {"edit_entry": 3, "edit_paragraph": 2, "edit_title": 1, "note": 2, "search": 4, "import": 1}


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


class Soak:
    def __init__(self, archive: Archive, rnd: random.Random, sample: str):
        self.archive = archive
        self.rnd = rnd
        self.sample = sample
        self.edits = EditService(archive)
        self.notes = AnnotationService(archive)
        self.search = SearchService(archive)
        self.failures: list[str] = []
        self.counter = 0
        self.checks = 0
        self.columns = {t: [c["name"] for c in inspect(archive.engine).get_columns(t)] for t in CONTENT}

    # -- state and invariants

    def snapshot(self) -> dict:
        state = {}
        with self.archive.engine.connect() as conn:
            for table, cols in self.columns.items():
                keep = [c for c in cols if c not in IGNORED_COLUMNS | IGNORED_PER_TABLE.get(table, set())]
                where = " WHERE deleted_at IS NULL" if "deleted_at" in cols else ""
                rows = conn.execute(text(f"SELECT {', '.join(keep)} FROM {table}{where}")).all()
                state[table] = sorted(map(tuple, rows), key=repr)
        return state

    def items(self):
        with self.archive.Session() as s:
            return list(all_items(s))

    def holding(self, marker: str) -> set[str]:
        """The search keys of the live rows whose searchable text holds `marker`, read with SQL:
        entries by their text, documents by their title or a paragraph, notes by their text."""
        like = {"m": f"%{marker}%"}
        queries = [
            "SELECT 'entry:' || id FROM timeline_entry WHERE deleted_at IS NULL AND text LIKE :m",
            "SELECT d.kind || ':' || d.id FROM document d WHERE d.deleted_at IS NULL AND (d.title LIKE :m"
            " OR EXISTS (SELECT 1 FROM paragraph p WHERE p.document_id = d.id AND p.text LIKE :m))",
            "SELECT 'annotation:' || id FROM annotation WHERE deleted_at IS NULL AND text LIKE :m",
        ]
        with self.archive.engine.connect() as conn:
            return {key for q in queries for key in conn.execute(text(q), like).scalars()}

    def check_agree(self, marker: str | None, where: str) -> None:
        with self.archive.Session() as s:
            counted = count_items(s)
        indexed = self.archive.index.doc_count()
        if indexed != counted:
            self.failures.append(f"{where}: index holds {indexed} items, the database {counted}")
        if marker is None:
            return
        expected = self.holding(marker)  # what the database says a search must find
        self.checks += 1
        if self.checks % 50 == 0:  # the SQL reading agrees with the items the index is built from
            items = self.items()
            built = {i.key for i in items if marker in i.text or (i.title_matches and marker in i.title)}
            if built != expected:
                self.failures.append(f"{where}: SQL finds {sorted(expected)}, the search items {sorted(built)}")
        found = {h.key for h in self.search.search(marker, limit=0).hits}
        if found != expected:
            self.failures.append(f"{where}: search {marker!r} found {sorted(found)}, database has {sorted(expected)}")

    def marker(self) -> str:
        self.counter += 1
        return f"soak{self.counter}x"

    def pick(self, sql: str) -> int:
        with self.archive.engine.connect() as conn:
            ids = conn.execute(text(sql)).scalars().all()
        return self.rnd.choice(ids)

    def undo_last_revision(self, entity: str, entity_id: int) -> None:
        self.edits.restore(self.edits.revisions(entity, entity_id)[-1]["id"])

    # -- operations: each returns after its change, checks and undo

    def _change_and_undo(self, name: str, change, undo) -> None:
        before = self.snapshot()
        marker = self.marker()
        handle = change(marker)
        self.check_agree(marker, f"{name} {marker}")
        undo(handle)
        self.check_agree(marker, f"undo {name} {marker}")
        after = self.snapshot()
        if after != before:
            diff = {t: sorted(set(before[t]) ^ set(after[t]), key=repr)[:4] for t in before if before[t] != after[t]}
            self.failures.append(f"undo {name} {marker}: the database differs from before the change: {diff}")

    def edit_entry(self) -> None:
        entry_id = self.pick("SELECT id FROM timeline_entry WHERE deleted_at IS NULL")

        def change(marker):
            current = self.edits.version("entry", entry_id)
            with self.archive.Session() as s:
                old = s.execute(text("SELECT text FROM timeline_entry WHERE id = :i"), {"i": entry_id}).scalar()
            self.edits.edit_entry(entry_id, "text", f"{old} {marker}", current)
            return entry_id

        self._change_and_undo("edit_entry", change, lambda i: self.undo_last_revision("entry", i))

    def edit_paragraph(self) -> None:
        pid = self.pick("SELECT id FROM paragraph")

        def change(marker):
            with self.archive.Session() as s:
                old = s.execute(text("SELECT text FROM paragraph WHERE id = :i"), {"i": pid}).scalar()
            self.edits.edit_paragraph(pid, f"{marker} {old}", self.edits.version("paragraph", pid))
            return pid

        self._change_and_undo("edit_paragraph", change, lambda i: self.undo_last_revision("paragraph", i))

    def edit_title(self) -> None:
        did = self.pick("SELECT id FROM document WHERE deleted_at IS NULL")

        def change(marker):
            with self.archive.Session() as s:
                old = s.execute(text("SELECT title FROM document WHERE id = :i"), {"i": did}).scalar()
            self.edits.edit_document(did, "title", f"{old}{marker}", self.edits.version("document", did))
            return did

        self._change_and_undo("edit_title", change, lambda i: self.undo_last_revision("document", i))

    def note(self) -> None:
        kind = self.rnd.choice(["document", "entry"])
        table = "document" if kind == "document" else "timeline_entry"
        target = self.pick(f"SELECT id FROM {table} WHERE deleted_at IS NULL")

        def change(marker):
            return self.notes.add_note(kind, target, f"备注 {marker}")

        self._change_and_undo("note", change, lambda note: self.notes.delete_note(note["id"], note["version"]))

    def import_page(self) -> None:
        def change(marker):
            path = self.workdir / f"{marker}.txt"
            path.write_text(self.sample + f"\n编号 {marker}\n", encoding="utf-8")
            report = ImportJob(self.archive, [path]).run()
            if not report.imported:
                self.failures.append(f"import {marker}: nothing imported ({report.errors})")
            with self.archive.Session() as s:
                return s.execute(text("SELECT id FROM source WHERE name = :n"), {"n": path.name}).scalar()

        self._change_and_undo("import", change, self.edits.delete_source)

    def search_op(self) -> None:
        if not self.rnd.randrange(20):  # now and then, against every item as the database builds it
            item = self.rnd.choice(self.items())
        else:
            entry_id = self.pick("SELECT id FROM timeline_entry WHERE deleted_at IS NULL")
            with self.archive.Session() as s:
                body = s.execute(text("SELECT text FROM timeline_entry WHERE id = :i"), {"i": entry_id}).scalar()
            item = SearchItem(key=f"entry:{entry_id}", kind="entry", title="", text=body)
        n = self.rnd.randint(1, 3)
        # A run of n Chinese characters as they stand in the item's text.
        starts = [
            i for i in range(len(item.text) - n + 1) if all("\u4e00" <= c <= "\u9fff" for c in item.text[i : i + n])
        ]
        if not starts:
            return
        start = self.rnd.choice(starts)
        query = item.text[start : start + n]
        keys = {h.key for h in self.search.search(query, limit=0).hits}
        if item.key not in keys:
            self.failures.append(f"search {query!r}: {item.key} holds it but was not found")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=10000)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="archiveviewer-soak-"))
    sample = Path(sample_page()).read_text(encoding="utf-8")
    pages = work / "pages"
    pages.mkdir()
    for i in range(args.pages):
        (pages / f"page-{i:03d}.txt").write_text(sample + f"\n编号 {i}\n", encoding="utf-8")
    archive = Archive(ArchiveLocation(work / "archive"))
    ImportJob(archive, [pages]).run()
    soak = Soak(archive, rnd, sample)
    soak.workdir = work
    soak.search.ensure_index()
    soak.check_agree(None, "start")
    run = {
        "edit_entry": soak.edit_entry,
        "edit_paragraph": soak.edit_paragraph,
        "edit_title": soak.edit_title,
        "note": soak.note,
        "search": soak.search_op,
        "import": soak.import_page,
    }
    names, weights = list(OPS), list(OPS.values())
    times: dict[str, list[float]] = defaultdict(list)
    rss_start = rss_mb()
    rss_at_tenth = None
    start = time.perf_counter()
    for n in range(args.ops):
        name = rnd.choices(names, weights)[0]
        t0 = time.perf_counter()
        run[name]()
        times[name].append(time.perf_counter() - t0)
        if n == args.ops // 10:
            rss_at_tenth = rss_mb()
        if (n + 1) % 1000 == 0:
            took = time.perf_counter() - start
            print(f"  … {n + 1} ops, {took:.0f} s, {len(soak.failures)} failures, RSS {rss_mb():.0f} MB", flush=True)
        if soak.failures and len(soak.failures) > 20:
            break
    elapsed = time.perf_counter() - start
    archive.close()

    done = sum(map(len, times.values()))
    print(f"soak: {done} operations in {elapsed:.1f} s, archive of {args.pages} pages, seed {args.seed}")
    print("operation        count   p50 ms   p95 ms   (each change: apply, check, undo through the services, check)")
    for name in names:
        t = sorted(times[name])
        if t:
            p95 = t[min(len(t) - 1, int(len(t) * 0.95))]
            print(f"  {name:<14} {len(t):>6} {statistics.median(t) * 1000:8.1f} {p95 * 1000:8.1f}")
    print(
        f"peak RSS: {rss_mb():.0f} MB (after setup {rss_start:.0f} MB, after 10% of the run {rss_at_tenth or 0:.0f} MB)"
    )
    print(f"invariant failures: {len(soak.failures)}")
    for failure in soak.failures[:20]:
        print(f"  {failure}")
    return 1 if soak.failures else 0


if __name__ == "__main__":
    sys.exit(main())
