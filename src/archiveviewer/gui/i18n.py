"""Chooses the interface language and installs the app's and Qt's own translators."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from archiveviewer.resources import resources_dir

SUPPORTED = ("en", "zh_CN")
_PLACE = re.compile(r"%(\d)")
_installed: list[QTranslator] = []


def fill(template: str, *values: object) -> str:
    """A translated template with its places `%1`, `%2`, … filled in one pass, as Qt's `arg()` does.

    A value that itself holds `%2` (a title, a file name, a person's text) is not filled again, as
    chained `str.replace` calls would; a place without a value stays as it is."""

    def value(match: re.Match[str]) -> str:
        n = int(match[1])
        return str(values[n - 1]) if 1 <= n <= len(values) else match[0]

    return _PLACE.sub(value, template)


def resolve_language(choice: str, locale: QLocale | None = None) -> str:
    """'system' follows the locale: Chinese locales get zh_CN, everything else English."""
    if choice in SUPPORTED:
        return choice
    locale = locale or QLocale.system()
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


def qm_file(language: str) -> Path | None:
    """The compiled catalogue; compiled on the fly (into the user cache) when only the .ts exists."""
    ts = resources_dir() / "i18n" / f"archiveviewer_{language}.ts"
    qm = ts.with_suffix(".qm")
    if qm.exists() and (not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    if not ts.exists():
        return None
    try:
        from archiveviewer.gui.i18n_build import compile_ts
        from archiveviewer.user_dirs import cache_dir

        cached = cache_dir() / "i18n" / qm.name
        if not cached.exists() or cached.stat().st_mtime < ts.stat().st_mtime:
            compile_ts(ts, cached)
        return cached
    except Exception:  # noqa: BLE001 - no lrelease: run untranslated rather than not at all
        return qm if qm.exists() else None


def qt_translation_dirs() -> list[Path]:
    """Where Qt's own catalogues may be: Qt's configured path, then PySide6's folder (a frozen bundle moves it)."""
    import PySide6

    package = Path(PySide6.__file__).parent
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), package / "Qt" / "translations"]
    dirs.append(package / "translations")
    return [d for i, d in enumerate(dirs) if d not in dirs[:i]]


def install(language: str) -> str:
    """Replace the installed translators with those for `language` ('system', 'en', 'zh_CN').

    Returns the language actually used.
    """
    app = QCoreApplication.instance()
    if app is None:  # translators need an application object; none exists before start-up
        raise RuntimeError("install_translations() needs a QApplication")
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    lang = resolve_language(language)
    QLocale.setDefault(
        QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        if lang == "zh_CN"
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    )
    if lang == "en":
        return lang
    # Qt's own strings (file dialogs, standard buttons, context menus) from qtbase_<lang>.qm.
    qt_tr = QTranslator(app)
    if any(qt_tr.load(f"qtbase_{lang}", str(folder)) for folder in qt_translation_dirs()):
        app.installTranslator(qt_tr)
        _installed.append(qt_tr)
    qm = qm_file(lang)
    if qm is not None:
        own = QTranslator(app)
        if own.load(str(qm)):
            app.installTranslator(own)
            _installed.append(own)
    return lang


def current() -> str:
    return "zh_CN" if any(not t.isEmpty() and "archiveviewer" in t.filePath() for t in _installed) else "en"
