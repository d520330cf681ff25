"""Rebuilds resources/fonts/WenQuanYiMicroHei-GBK.ttf (in the package), a GBK subset of Debian's WenQuanYi Micro Hei.

Usage: python scripts/make_font_subset.py [--source PATH] [--out PATH] [--check]

The source is Debian's fonts-wqy-microhei (`apt-get install fonts-wqy-microhei`).
The output is byte-for-byte reproducible for the same source font and fontTools
version: the subsetter keeps the source's head.modified timestamp.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
DEFAULT_OUT = ROOT / "src" / "archiveviewer" / "resources" / "fonts" / "WenQuanYiMicroHei-GBK.ttf"

# Font 0 of the collection is the proportional face; font 1 is "Micro Hei Mono".
FONT_NUMBER = 0

# The subset is renamed so that a system-wide WenQuanYi Micro Hei can never be
# mistaken for the bundled one (and so a modified font does not pose as the
# original, as Apache-2.0 section 4(b) asks).
FAMILY_SUFFIX = " GBK"
POSTSCRIPT_NAME = "WenQuanYiMicroHei-GBK"

# Blocks kept beyond GBK: what newspaper text, timelines and exports print
# (◆ ● ■ ※ ★ ① … ¥ €, box drawing for tables, vertical punctuation forms).
EXTRA_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 supplement
    (0x2000, 0x206F),  # general punctuation
    (0x20A0, 0x20CF),  # currency symbols
    (0x2100, 0x214F),  # letterlike symbols (℃ №)
    (0x2150, 0x218F),  # number forms (Ⅰ Ⅱ)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators
    (0x2460, 0x24FF),  # enclosed alphanumerics (① ⑴ ⒈)
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes (◆ ● ■ △)
    (0x2600, 0x26FF),  # miscellaneous symbols (★ ☆)
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3200, 0x32FF),  # enclosed CJK letters (㈠)
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms
]


def gbk_codepoints() -> set[int]:
    """Every BMP character that Python's GBK codec can encode (21,791 above ASCII)."""
    out = set()
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        try:
            chr(cp).encode("gbk")
        except UnicodeEncodeError:
            continue
        out.add(cp)
    return out


def wanted_codepoints() -> set[int]:
    cps = gbk_codepoints()
    for lo, hi in EXTRA_RANGES:
        cps.update(range(lo, hi + 1))
    return cps


def rename(font: TTFont) -> None:
    """Appends the suffix to every family/full name, in every language the source carries."""
    name = font["name"]
    for rec in name.names:
        text = rec.toUnicode()
        if rec.nameID in (1, 4, 16, 18) and not text.endswith(FAMILY_SUFFIX):
            rec.string = text + FAMILY_SUFFIX
        elif rec.nameID == 3:
            rec.string = text + FAMILY_SUFFIX + " subset"
        elif rec.nameID == 5:
            rec.string = text + "; GBK subset made by ArchiveViewer scripts/make_font_subset.py"
        elif rec.nameID == 6:
            rec.string = POSTSCRIPT_NAME


def build(source: Path, out: Path) -> TTFont:
    options = subset.Options()
    options.font_number = FONT_NUMBER
    options.name_IDs = ["*"]  # keep copyright, licence and trademark notices
    options.name_languages = ["*"]  # keep the Chinese family names
    options.name_legacy = True
    options.notdef_outline = True
    options.glyph_names = False
    # Hinting is useless in PDFs and FreeType autohints on screen; dropping it
    # keeps the file near 3 MB instead of ~4.5 MB.
    options.hinting = False
    options.desubroutinize = True
    options.recalc_timestamp = False  # reproducible output
    options.drop_tables += ["FFTM"]  # FontForge build timestamp: meaningless after subsetting
    font = subset.load_font(str(source), options)
    cmap = font.getBestCmap()
    unicodes = sorted(cp for cp in wanted_codepoints() if cp in cmap)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    rename(font)
    out.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(out), options)
    return font


def check(path: Path) -> list[str]:
    """What is wrong with the built font, as messages (empty when it is fine)."""
    problems = []
    font = TTFont(str(path))
    cmap = font.getBestCmap()
    for ch in "镕无锡工会◆●■※、，。《》“”（）￥¥0Aa":
        if ord(ch) not in cmap:
            problems.append(f"missing U+{ord(ch):04X} {ch}")
    missing_gbk = [cp for cp in gbk_codepoints() if 0x4E00 <= cp <= 0x9FA5 and cp not in cmap]
    if missing_gbk:
        problems.append(f"{len(missing_gbk)} GBK ideographs missing, e.g. {chr(missing_gbk[0])}")
    if font["OS/2"].fsType & 0x0002:
        problems.append("fsType forbids embedding: Qt would draw text as paths")
    size = path.stat().st_size
    if not 2_000_000 <= size <= 5_500_000:
        problems.append(f"unexpected size {size:,} bytes")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="only check the existing output")
    args = parser.parse_args(argv)
    if not args.check:
        if not args.source.exists():
            print(f"{args.source} not found: apt-get install fonts-wqy-microhei", file=sys.stderr)
            return 2
        font = build(args.source, args.out)
        print(f"source {args.source} sha256 {hashlib.sha256(args.source.read_bytes()).hexdigest()}")
        print(f"wrote {args.out}: {len(font.getBestCmap())} characters, {args.out.stat().st_size:,} bytes")
    print(f"sha256 {hashlib.sha256(args.out.read_bytes()).hexdigest()}")
    problems = check(args.out)
    for p in problems:
        print("problem:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
