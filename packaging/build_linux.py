"""Builds the Linux artefacts: the PyInstaller bundle, a .tar.gz of it and a .deb (`make package`).

    python packaging/build_linux.py [--out dist] [--reuse]

Steps: compile the translations, run PyInstaller on packaging/archiveviewer.spec,
lay out the Debian package tree (/opt/archiveviewer, /usr/bin/archiveviewer,
the .desktop file, hicolor icons, AppStream metainfo), validate the desktop file
and metainfo, compute Depends with dpkg-shlibdeps, build with dpkg-deb.
`--reuse` skips the build when the artefacts are newer than every source file.
Prints the artefacts with their sizes and the build time.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SRC = ROOT / "src"
PKG = SRC / "archiveviewer"
BUILD = ROOT / "build" / "package"
NAME = "archiveviewer"
APP_ID = "io.github.archiveviewer.ArchiveViewer"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
# OCR of scanned pages: Tesseract with the Chinese models, and pdftoppm to render scanned PDF pages.
RECOMMENDS = "tesseract-ocr, tesseract-ocr-chi-sim, tesseract-ocr-chi-tra, poppler-utils"
# Inputs whose change makes a reused build stale.
INPUTS = (SRC, HERE, ROOT / "pyproject.toml")


class BuildError(Exception):
    """A build step failed; the message says which and why."""


def version() -> str:
    text = (PKG / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def deb_arch() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()


def artefacts(out: Path) -> tuple[Path, Path]:
    v, arch = version(), deb_arch()
    return out / f"{NAME}_{v}_{arch}.deb", out / f"{NAME}-{v}-linux-{os.uname().machine}.tar.gz"


def _newest_input() -> float:
    newest = 0.0
    for base in INPUTS:
        paths = base.rglob("*") if base.is_dir() else [base]
        for p in paths:
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".qm":
                newest = max(newest, p.stat().st_mtime)
    return newest


def up_to_date(out: Path) -> bool:
    deb, tgz = artefacts(out)
    if not (deb.exists() and tgz.exists()):
        return False
    return min(deb.stat().st_mtime, tgz.stat().st_mtime) > _newest_input()


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if proc.returncode != 0:
        raise BuildError(f"{' '.join(map(str, cmd[:3]))}… failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def require_tools() -> None:
    missing = [
        t for t in ("dpkg-deb", "dpkg-shlibdeps", "desktop-file-validate", "appstreamcli") if not shutil.which(t)
    ]
    if missing:
        raise BuildError(
            f"missing build tools: {', '.join(missing)} "
            "(sudo apt-get install -y dpkg-dev desktop-file-utils appstream, or run scripts/setup.sh as root)"
        )


def compile_translations() -> None:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    run([sys.executable, "-m", "archiveviewer.gui.i18n_build"], env=env)


def pyinstaller() -> Path:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    dist, work = BUILD / "dist", BUILD / "work"
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(HERE / "archiveviewer.spec"),
        ],
        env=env,
        cwd=ROOT,
    )
    bundle = dist / NAME
    if not (bundle / NAME).exists():
        raise BuildError(f"PyInstaller produced no {bundle / NAME}")
    return bundle


def write_icons(share: Path) -> None:
    """The hicolor theme wants one PNG per size; scaled from the 256 px master with Qt (already a dependency)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    master = QImage(str(PKG / "resources" / "icons" / "archiveviewer.png"))
    if master.isNull():
        raise BuildError("cannot read the app icon")
    for size in ICON_SIZES:
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        scaled = master.scaled(
            size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        if not scaled.save(str(folder / f"{NAME}.png")):
            raise BuildError(f"cannot write the {size}px icon")


def metainfo() -> str:
    text = (HERE / "linux" / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    return text.replace("@VERSION@", version()).replace("@DATE@", time.strftime("%Y-%m-%d"))


def shlib_depends(opt: Path) -> str:
    """Depends: for every shared library the bundle's ELF files need and do not carry, from dpkg-shlibdeps."""
    elves = [p for p in opt.rglob("*") if p.is_file() and not p.is_symlink() and _is_elf(p)]
    private = sorted({str(p.parent) for p in elves if ".so" in p.name})
    scratch = BUILD / "shlibdeps"
    (scratch / "debian").mkdir(parents=True, exist_ok=True)
    (scratch / "debian" / "control").write_text(
        f"Source: {NAME}\nMaintainer: x <x@example.org>\n\nPackage: {NAME}\nArchitecture: any\n"
    )
    proc = run(
        ["dpkg-shlibdeps", "-O", "--ignore-missing-info", "--warnings=0", *[f"-l{d}" for d in private]]
        + [str(p) for p in elves],
        cwd=scratch,
    )
    match = re.search(r"^shlibs:Depends=(.*)$", proc.stdout, re.MULTILINE)
    if not match or not match.group(1).strip():
        raise BuildError(f"dpkg-shlibdeps found no dependencies:\n{proc.stdout}\n{proc.stderr}")
    return match.group(1).strip()


def _is_elf(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(4) == b"\x7fELF"


def build_deb(bundle: Path, out: Path) -> Path:
    deb, _ = artefacts(out)
    root = BUILD / "deb"
    shutil.rmtree(root, ignore_errors=True)
    opt = root / "opt" / NAME
    shutil.copytree(bundle, opt, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / NAME).symlink_to(f"/opt/{NAME}/{NAME}")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    desktop = share / "applications" / f"{NAME}.desktop"
    shutil.copy2(PKG / "resources" / f"{NAME}.desktop", desktop)
    write_icons(share)
    (share / "metainfo").mkdir(parents=True)
    meta = share / "metainfo" / f"{APP_ID}.metainfo.xml"
    meta.write_text(metainfo(), encoding="utf-8")
    doc = share / "doc" / NAME
    doc.mkdir(parents=True)
    shutil.copy2(HERE / "linux" / "copyright", doc / "copyright")

    run(["desktop-file-validate", str(desktop)])
    run(["appstreamcli", "validate", "--no-net", "--explain", str(meta)])

    installed_kb = sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir()) // 1024
    (root / "DEBIAN").mkdir()
    control = (HERE / "linux" / "control").read_text(encoding="utf-8")
    control = control.format(
        package=NAME,
        version=version(),
        arch=deb_arch(),
        installed_size=installed_kb,
        depends=shlib_depends(opt),
        recommends=RECOMMENDS,
    )
    (root / "DEBIAN" / "control").write_text(control, encoding="utf-8")
    for p in [root, *root.rglob("*")]:  # dpkg wants 0755 folders and no group/other write bits
        if not p.is_symlink():
            p.chmod((p.stat().st_mode & 0o755) | (0o755 if p.is_dir() else 0o644))
    out.mkdir(parents=True, exist_ok=True)
    # xz (dpkg's default) at level 6 is the size/time sweet spot; --root-owner-group makes files root's.
    run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(deb)])
    return deb


def build_tarball(bundle: Path, out: Path) -> Path:
    _, tgz = artefacts(out)
    top = tgz.name.removesuffix(".tar.gz")

    def owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    out.mkdir(parents=True, exist_ok=True)
    partial = tgz.with_suffix(".partial")
    with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=top, filter=owned_by_root)
    partial.replace(tgz)
    return tgz


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the .deb and .tar.gz go (default dist/)")
    parser.add_argument("--reuse", action="store_true", help="do nothing if the artefacts are newer than the sources")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    try:
        if args.reuse and up_to_date(out):
            deb, tgz = artefacts(out)
            print(f"up to date: {deb}\nup to date: {tgz}")
            return 0
        require_tools()
        started = time.perf_counter()
        compile_translations()
        bundle = pyinstaller()
        bundled_at = time.perf_counter()
        tgz = build_tarball(bundle, out)
        deb = build_deb(bundle, out)
    except BuildError as exc:
        print(f"build_linux: {exc}", file=sys.stderr)
        return 1
    done = time.perf_counter()
    bundle_mb = sum(p.lstat().st_size for p in bundle.rglob("*") if not p.is_dir()) / 1e6
    print(f"bundle  {bundle}  {bundle_mb:.1f} MB")
    print(f"tar.gz  {tgz}  {tgz.stat().st_size / 1e6:.1f} MB")
    print(f"deb     {deb}  {deb.stat().st_size / 1e6:.1f} MB")
    frozen, packed = bundled_at - started, done - bundled_at
    print(f"build time: {done - started:.0f} s (PyInstaller {frozen:.0f} s, packaging {packed:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
