"""The installer as a user gets it: the bundle and .deb are built, installed into a scratch root and run there."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from archiveviewer import __version__

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "packaging" / "build_linux.py"
DIST = ROOT / "dist"
TOOLS = ("dpkg-deb", "dpkg-shlibdeps", "desktop-file-validate", "appstreamcli", "readelf", "pdftotext", "pdffonts")
TITLE = "无锡各级工会多管齐下保复工"
MB = 1_000_000


@pytest.fixture(scope="module")
def built() -> dict[str, Path]:
    """Build the artefacts (or reuse those `make package` just built from the same sources)."""
    missing = [t for t in TOOLS if not shutil.which(t)]
    assert not missing, f"build tools missing (scripts/setup.sh installs them as root): {missing}"
    proc = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--reuse", "--out", str(DIST)],
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    sys.path.insert(0, str(BUILD_SCRIPT.parent))
    try:
        import build_linux
    finally:
        sys.path.remove(str(BUILD_SCRIPT.parent))
    deb, tgz = build_linux.artefacts(DIST)
    assert deb.exists() and tgz.exists(), proc.stdout
    return {"deb": deb, "tgz": tgz}


@pytest.fixture(scope="module")
def installed(built, tmp_path_factory) -> Path:
    """The .deb unpacked into a scratch root, as `dpkg -i` would lay it out."""
    root = tmp_path_factory.mktemp("scratch-root")
    subprocess.run(["dpkg", "-x", str(built["deb"]), str(root)], check=True, timeout=300)
    return root


def user_env(home: Path, **extra: str) -> dict[str, str]:
    """A user's environment: private home folders, offscreen Qt, and nothing from this checkout or its venv."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        env[var] = str(home / var.lower())
    env.update(extra)
    return env


def run(exe: Path, *args: str, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(exe), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, f"{exe.name} {' '.join(args)} -> {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


def source_cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    """The same command run from this source tree, the reference the installed program must agree with."""
    env = dict(user_env(home), PATH=os.environ["PATH"], PYTHONPATH=str(ROOT / "src"))
    return run(Path(sys.executable), "-m", "archiveviewer", *args, env=env, cwd=home)


def snapshot(tree: Path) -> dict[str, tuple[int, float]]:
    return {str(p.relative_to(tree)): (p.lstat().st_size, p.lstat().st_mtime) for p in tree.rglob("*")}


def control_field(deb: Path, field: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), field], capture_output=True, text=True, check=True
    ).stdout.strip()


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def depends_names(deb: Path) -> set[str]:
    return {
        re.split(r"[\s(]", alt.strip())[0]
        for part in control_field(deb, "Depends").split(",")
        for alt in part.split("|")
    }


def test_wheel_ships_the_package_data(tmp_path):
    """A wheel built from the project carries the fonts, compiled translations, sample, icons and migrations."""
    from archiveviewer.gui.i18n_build import build as compile_translations

    compile_translations()  # what `make wheel` does first
    tree = tmp_path / "project"
    tree.mkdir()
    shutil.copytree(ROOT / "src", tree / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, tree / name)
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q", "-w", str(tmp_path / "out")],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (wheel,) = (tmp_path / "out").glob("archiveviewer-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    resources = "archiveviewer/resources/"
    for name in (
        "fonts/WenQuanYiMicroHei-GBK.ttf",
        "fonts/LICENSE",
        "i18n/archiveviewer_zh_CN.qm",
        "icons/archiveviewer.png",
        "samples/newspaper-page-2020-02-24-A06.txt",
        "archiveviewer.desktop",
    ):
        assert resources + name in names
    migrations = {n for n in names if n.startswith("archiveviewer/storage/migrations/")}
    assert "archiveviewer/storage/migrations/env.py" in migrations
    shipped = {Path(n).name for n in migrations if "/versions/" in n}
    on_disk = {p.name for p in (ROOT / "src/archiveviewer/storage/migrations/versions").glob("*.py")}
    assert shipped == on_disk and on_disk


def test_deb_is_small_declares_its_libraries_and_recommends_ocr(built, installed):
    """The .deb is under 70 MB, installs under 200 MB, depends on Qt's system libraries and recommends Tesseract."""
    deb = built["deb"]
    assert deb.stat().st_size < 70 * MB
    installed_bytes = sum(p.lstat().st_size for p in installed.rglob("*") if not p.is_dir())
    assert installed_bytes < 200 * MB
    assert int(control_field(deb, "Installed-Size")) * 1024 >= installed_bytes * 0.95
    assert control_field(deb, "Package") == "archiveviewer"
    assert control_field(deb, "Version") == __version__
    depends = depends_names(deb)
    assert {"libxcb-cursor0", "libxkbcommon-x11-0", "libfontconfig1", "libegl1", "libdbus-1-3"} <= depends
    recommends = {r.strip() for r in control_field(deb, "Recommends").split(",")}
    assert {"tesseract-ocr", "tesseract-ocr-chi-sim", "tesseract-ocr-chi-tra", "poppler-utils"} <= recommends


def test_desktop_entry_metainfo_and_icons_validate(installed):
    """The menu entry and AppStream metainfo pass their validators; hicolor icons exist in their stated sizes."""
    launcher = installed / "usr" / "bin" / "archiveviewer"
    assert launcher.is_symlink() and os.readlink(launcher) == "/opt/archiveviewer/archiveviewer"
    assert os.access(installed / "opt" / "archiveviewer" / "archiveviewer", os.X_OK)
    desktop = installed / "usr" / "share" / "applications" / "archiveviewer.desktop"
    subprocess.run(["desktop-file-validate", str(desktop)], check=True, capture_output=True)
    text = desktop.read_text(encoding="utf-8")
    assert "\nExec=archiveviewer" in text and "\nIcon=archiveviewer\n" in text
    metainfo = next((installed / "usr" / "share" / "metainfo").glob("*.metainfo.xml"))
    proc = subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert '<launchable type="desktop-id">archiveviewer.desktop</launchable>' in metainfo.read_text()
    sizes = []
    for icon in (installed / "usr" / "share" / "icons" / "hicolor").glob("*/apps/archiveviewer.png"):
        side = int(icon.parts[-3].split("x")[0])
        assert png_size(icon) == (side, side)
        sizes.append(side)
    assert {16, 32, 48, 64, 128, 256} <= set(sizes)


def _needed(elf: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(elf)], capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def test_every_library_the_program_needs_is_bundled_or_a_declared_dependency(built, installed):
    """Each shared library an installed binary links is in the bundle or comes from a package in Depends."""
    opt = installed / "opt" / "archiveviewer"
    elves = [p for p in opt.rglob("*") if p.is_file() and not p.is_symlink() and p.read_bytes()[:4] == b"\x7fELF"]
    bundled = {p.name for p in opt.rglob("*.so*")}
    system_libs = {}
    for line in subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout.splitlines():
        m = re.match(r"\s+(\S+) \(libc6,(?:x86-64|AArch64)[^)]*\) => (\S+)", line)
        if m:
            system_libs.setdefault(m.group(1), m.group(2))
    external = {name for elf in elves for name in _needed(elf) if name not in bundled}
    unresolved = sorted(n for n in external if n not in system_libs)
    assert unresolved == []
    owners: dict[str, set[str]] = {}
    listing = subprocess.run(["dpkg", "-S", *(f"*/{n}" for n in sorted(external))], capture_output=True, text=True)
    for line in listing.stdout.splitlines():
        packages, _, path = line.partition(": ")
        for name in external:
            if path.endswith("/" + name):
                owners.setdefault(name, set()).update(p.split(":")[0] for p in packages.split(", "))
    assert sorted(external - owners.keys()) == []  # every external library belongs to a Debian package
    depends = depends_names(built["deb"])
    undeclared = sorted(name for name, pkgs in owners.items() if not pkgs & depends)
    assert undeclared == []


def test_installed_program_imports_searches_lists_and_exports_the_sample(installed, tmp_path):
    """The installed program, started through a symlink, runs the sample end to end like the source tree does."""
    home = tmp_path / "home"
    home.mkdir()
    opt = installed / "opt" / "archiveviewer"
    link = tmp_path / "bin" / "archiveviewer"
    link.parent.mkdir()
    link.symlink_to(opt / "archiveviewer")
    sample = opt / "_internal" / "archiveviewer" / "resources" / "samples" / "newspaper-page-2020-02-24-A06.txt"
    assert (opt / "_internal" / "archiveviewer" / "resources" / "i18n" / "archiveviewer_zh_CN.qm").exists()
    assert list(opt.rglob("qtbase_zh_CN.qm"))
    before = snapshot(installed)
    env = user_env(home)
    archive = str(tmp_path / "archive")

    assert run(link, "--version", env=env, cwd=home).stdout.strip() == f"ArchiveViewer {__version__}"

    imported = json.loads(run(link, "--archive", archive, "import", "--json", str(sample), env=env, cwd=home).stdout)
    assert [f["entries"] for f in imported["imported"]] == [14]
    assert imported["errors"] == []

    found = json.loads(
        run(link, "--archive", archive, "search", "--json", "--limit", "0", "慰问", env=env, cwd=home).stdout
    )
    assert found["total"] > 0 and len(found["hits"]) == found["total"]
    for hit in found["hits"]:
        assert all(hit["snippet"][a:b] == "慰问" for a, b in hit["highlights"]) and hit["highlights"]

    entries = json.loads(run(link, "--archive", archive, "timeline", "--json", env=env, cwd=home).stdout)
    assert len(entries) == 14
    assert [e["date"] for e in entries] == sorted(e["date"] for e in entries)

    # The frozen program gives the same answers as the source tree it was built from.
    ref_home = tmp_path / "ref"
    ref_home.mkdir()
    ref_archive = str(tmp_path / "ref-archive")
    source_cli("--archive", ref_archive, "import", str(sample), home=ref_home)
    ref_found = json.loads(
        source_cli("--archive", ref_archive, "search", "--json", "--limit", "0", "慰问", home=ref_home).stdout
    )
    assert [h["id"] for h in found["hits"]] == [h["id"] for h in ref_found["hits"]]
    assert entries == json.loads(source_cli("--archive", ref_archive, "timeline", "--json", home=ref_home).stdout)

    pdf = tmp_path / "sample.pdf"
    run(link, "--archive", archive, "export", "--format", "pdf", "-o", str(pdf), env=env, cwd=home)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert TITLE in text and "慰问" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYi" in fonts

    assert snapshot(installed) == before  # nothing is written into the installed tree


def test_installed_program_reads_every_format_and_ocrs_a_scan(installed, tmp_path):
    """Word, HTML, PDF and a scanned PDF import through the installed program (OCR runs the system's Tesseract)."""
    import docx
    from scan_fixtures import scanned_pdf, text_pdf

    assert shutil.which("tesseract") and shutil.which("pdftoppm"), "scripts/setup.sh installs Tesseract and poppler"
    folder = tmp_path / "related"
    folder.mkdir()
    word = docx.Document()
    word.add_paragraph("Word独有词寅卯辰。")
    word.save(str(folder / "letter.docx"))
    (folder / "page.html").write_bytes('<meta charset="big5"><p>網頁獨有詞庚辛壬。</p>'.encode("big5"))
    (folder / "report.pdf").write_bytes(text_pdf([["PDF独有词癸子丑。"]]))
    (folder / "scan.pdf").write_bytes(scanned_pdf(["定点医院收治确诊病人。"]))
    home = tmp_path / "home"
    home.mkdir()
    exe = installed / "opt" / "archiveviewer" / "archiveviewer"
    env, archive = user_env(home), str(tmp_path / "archive")
    report = json.loads(run(exe, "--archive", archive, "import", "--json", str(folder), env=env, cwd=home).stdout)
    assert report["errors"] == []
    assert sorted(f["file"] for f in report["imported"]) == ["letter.docx", "page.html", "report.pdf", "scan.pdf"]
    assert {f["file"]: f["encoding"] for f in report["imported"]}["scan.pdf"] == "pdf+ocr"
    for word_, source in (
        ("寅卯辰", "letter.docx"),
        ("庚辛壬", "page.html"),
        ("癸子丑", "report.pdf"),
        ("定点医院", "scan.pdf"),
    ):
        found = json.loads(run(exe, "--archive", archive, "search", "--json", word_, env=env, cwd=home).stdout)
        assert source in {h["source"] for h in found["hits"]}, (word_, found)


def test_installed_gui_starts_and_keeps_its_state_in_the_user_folders(installed, tmp_path):
    """The GUI starts offscreen to an interactive window; the seeded archive and settings land in the user's folders."""
    home = tmp_path / "home"
    home.mkdir()
    exe = installed / "opt" / "archiveviewer" / "archiveviewer"
    before = snapshot(installed)
    env = user_env(home)
    proc = run(exe, "--startup-benchmark", env=env, cwd=home)
    assert re.search(r"startup: [\d.]+ s", proc.stdout), proc.stdout
    assert "Traceback" not in proc.stderr
    assert (home / "xdg_data_home" / "ArchiveViewer" / "archive" / "archive.sqlite3").exists()
    assert (home / "xdg_config_home" / "ArchiveViewer" / "ArchiveViewer.ini").exists()
    seeded = json.loads(run(exe, "timeline", "--json", env=env, cwd=home).stdout)
    assert len(seeded) == 14
    assert snapshot(installed) == before


def test_portable_bundle_from_the_tarball_keeps_everything_beside_the_program(built, tmp_path):
    """Unpacked from the .tar.gz and run with --portable, archive and settings live beside the executable."""
    with tarfile.open(built["tgz"]) as tar:
        tar.extractall(tmp_path / "usb", filter="tar")
    (top,) = (tmp_path / "usb").iterdir()
    exe = top / "archiveviewer"
    home = tmp_path / "home"
    home.mkdir()
    env = user_env(home)
    entries = json.loads(run(exe, "--portable", "timeline", "--json", env=env, cwd=home).stdout)
    assert len(entries) == 14  # the portable archive is seeded with the sample too
    run(exe, "--portable", "--startup-benchmark", env=env, cwd=home)
    data = top / "ArchiveViewer-data"
    assert (data / "archive" / "archive.sqlite3").exists()
    assert (data / "settings.ini").exists()
    assert not (home / "xdg_data_home" / "ArchiveViewer").exists()
    assert not (home / "xdg_config_home" / "ArchiveViewer").exists()
