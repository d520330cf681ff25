"""Tesseract OCR, found at run time: image bytes -> text and a confidence, in a killable subprocess."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

from archiveviewer.ingest.errors import IngestError

# Scans keep their image; this says why their text is missing and how to get it.
NO_OCR_HINT = (
    "text not searchable: install Tesseract OCR with the Chinese models to read scans "
    "(Debian: apt install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra)"
)
# Seconds between checks on a running OCR process: how quickly a cancel takes effect.
_POLL = 0.2

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# Tesseract's Chinese models put a space between Hanzi (and around full-width punctuation);
# printed Chinese has none, so a space with CJK on either side is an OCR artefact.
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])[ \t]+|[ \t]+(?=[{_CJK}])")


# Below this mean confidence the simplified model may be reading traditional print: try chi_tra too.
# Measured on clean 300-dpi renderings: chi_sim reads simplified pages at 87.7-93.2 and the same
# pages in traditional characters at 73.8-85.2 (where chi_tra gives 91.6-93.3). A wrong guess
# costs only time: the more confident of the two readings is kept.
_SECOND_OPINION_BELOW = 87.0


@dataclass(frozen=True)
class OcrEngine:
    executable: str
    languages: str  # Tesseract's -l argument, e.g. "chi_sim"
    alternative: str | None = None  # a second model for pages the first reads poorly ("chi_tra")


@dataclass(frozen=True)
class OcrPage:
    text: str
    confidence: float  # mean word confidence, 0-100 (0 when nothing was recognised)


def find_engine() -> OcrEngine | None:
    """Tesseract with the simplified-Chinese model, or None: detected each run, not configured."""
    return _find(shutil.which("tesseract"))


@functools.lru_cache(maxsize=4)
def _find(executable: str | None) -> OcrEngine | None:
    if executable is None:
        return None
    try:
        listed = subprocess.run(
            [executable, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return None
    if "chi_sim" not in listed:
        return None
    # chi_sim first, chi_tra only where chi_sim is unsure: "chi_sim+chi_tra" in one run is slower
    # and worse on both (measured: 80% and 96% characters right, against 100% and 96% this way).
    return OcrEngine(executable, "chi_sim", "chi_tra" if "chi_tra" in listed else None)


def close_cjk_gaps(text: str) -> str:
    """Remove the spaces Tesseract puts between Chinese characters, keep those between Latin words."""
    return "\n".join(_CJK_GAP.sub("", line).rstrip() for line in text.split("\n"))


def run_killable(cmd: list[str]) -> Generator[None, None, tuple[int, str]]:
    """Run a helper program, yielding while it runs; closing the generator kills it (cancel).

    Returns its exit code and the last line of its error output."""
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},  # Tesseract: one page per core; its threads only thrash here
    )
    try:
        while True:
            try:
                proc.wait(timeout=_POLL)
                break
            except subprocess.TimeoutExpired:
                yield
    finally:
        if proc.poll() is None:  # the generator was closed while the program ran
            proc.kill()
            proc.wait()
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
    lines = [ln.strip() for ln in err.splitlines() if ln.strip()]
    return proc.returncode, next((ln for ln in lines if "rror" in ln), lines[-1] if lines else "")


def ocr_image_steps(image: bytes, engine: OcrEngine, name: str) -> Generator[None, None, OcrPage]:
    """OCR one page image. Yields while Tesseract runs; closing the generator kills it.

    A page the simplified model reads with low confidence is read again with the traditional
    one (Big5-era print), and the more confident reading is kept."""
    page = yield from _ocr_once(image, engine.executable, engine.languages, name)
    if engine.alternative and page.confidence < _SECOND_OPINION_BELOW:
        other = yield from _ocr_once(image, engine.executable, engine.alternative, name)
        if other.confidence > page.confidence:
            return other
    return page


def _ocr_once(image: bytes, executable: str, languages: str, name: str) -> Generator[None, None, OcrPage]:
    with tempfile.TemporaryDirectory(prefix="archiveviewer-ocr-") as tmp:
        src, out = Path(tmp) / "page", Path(tmp) / "out"
        src.write_bytes(image)
        code, err = yield from run_killable([executable, str(src), str(out), "-l", languages, "txt", "tsv"])
        if code != 0:
            raise IngestError.for_file(name, f"OCR failed ({err or f'exit code {code}'})")
        text = out.with_suffix(".txt").read_text(encoding="utf-8", errors="replace")
        tsv = out.with_suffix(".tsv").read_text(encoding="utf-8", errors="replace")
    return OcrPage(close_cjk_gaps(text.replace("\f", "")).strip("\n") + "\n", _mean_confidence(tsv))


def _mean_confidence(tsv: str) -> float:
    """Mean confidence of the recognised words, weighted by their length."""
    total = weight = 0.0
    for line in tsv.splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        try:
            conf = float(cols[10])
        except ValueError:
            continue
        word = cols[11].strip()
        if conf < 0 or not word:
            continue
        total += conf * len(word)
        weight += len(word)
    return round(total / weight, 1) if weight else 0.0


def load_image(data: bytes, name: str, media_type: str, engine: OcrEngine | None):
    """A scanned image: OCR'd when Tesseract is there, else kept as an image without text."""
    from archiveviewer.ingest.loaders import Loaded

    _check_image(data, name, media_type)
    if engine is None:
        return Loaded(None, "none", media_type)
    yield (0, 1)
    page = yield from with_progress(ocr_image_steps(data, engine, name), 0, 1)
    yield (1, 1)
    return Loaded(page.text, "ocr", media_type, ocr_confidence=((1, page.confidence),))


def with_progress(steps, done: int, total: int):
    """Turn a helper program's bare yields into (done, total) progress; closing stops the program."""
    try:
        while True:
            next(steps)
            yield (done, total)
    except StopIteration as stop:
        return stop.value
    finally:
        steps.close()


_SIGNATURES = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/tiff": (b"II*\x00", b"MM\x00*"),
}


def _check_image(data: bytes, name: str, media_type: str) -> None:
    if not data:
        raise IngestError.for_file(name, "file is empty")
    if not data.startswith(_SIGNATURES.get(media_type, (b"",))):
        kind = media_type.split("/")[1].upper()
        raise IngestError.for_file(name, f"not a {kind} image (the file is damaged or misnamed)")
