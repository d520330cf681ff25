"""Where writable state goes (user folders, or beside the program with --portable); the frozen program's child env."""

from pathlib import Path

from archiveviewer import user_dirs
from archiveviewer.app.archive import resolve_location
from archiveviewer.gui.settings import Settings


def test_default_state_lives_in_the_user_folders(monkeypatch, tmp_path):
    """Without --portable the archive, caches and settings are under the user's folders, not the program's."""
    monkeypatch.delenv(user_dirs.ENV_PORTABLE, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    location = resolve_location()
    assert location.is_default
    assert location.folder == tmp_path / "data" / "ArchiveViewer" / "archive"
    assert user_dirs.cache_dir() == tmp_path / "cache" / "ArchiveViewer"
    assert user_dirs.settings_file() is None
    assert not Path(Settings().path).is_relative_to(user_dirs.program_dir())


def test_portable_keeps_archive_settings_and_caches_beside_the_program(monkeypatch, tmp_path):
    """--portable puts the default archive, the settings file, caches and logs in one folder beside the program."""
    monkeypatch.setenv(user_dirs.ENV_PORTABLE, "")  # restored after the test
    monkeypatch.chdir(tmp_path)  # from a source checkout the "program folder" is the current one
    root = user_dirs.enable_portable()
    assert root == tmp_path.resolve() / "ArchiveViewer-data"
    location = resolve_location()
    assert location.is_default  # the portable archive is seeded with the sample like the per-user one
    assert location.folder == root / "archive"
    assert user_dirs.cache_dir().is_relative_to(root)
    assert user_dirs.log_dir().is_relative_to(root)
    settings = Settings()
    settings.last_query = "慰问"
    settings.sync()
    assert Path(settings.path) == root / "settings.ini"
    assert (root / "settings.ini").exists()


def test_explicit_archive_wins_over_portable(monkeypatch, tmp_path):
    """--archive DIR still selects DIR in portable mode."""
    monkeypatch.setenv(user_dirs.ENV_PORTABLE, str(tmp_path / "portable"))
    location = resolve_location(tmp_path / "elsewhere")
    assert location.folder == (tmp_path / "elsewhere").resolve()
    assert not location.is_default


def test_frozen_program_gives_child_programs_the_users_library_path():
    """The bundle's LD_LIBRARY_PATH is not passed on to Tesseract or xdg-open; the user's own value is restored."""
    from archiveviewer.frozen import restore_library_path

    env = {"LD_LIBRARY_PATH": "/opt/archiveviewer/_internal", "PATH": "/usr/bin"}
    restore_library_path(env)
    assert env == {"PATH": "/usr/bin"}
    env = {"LD_LIBRARY_PATH": "/opt/archiveviewer/_internal", "LD_LIBRARY_PATH_ORIG": "/home/u/lib"}
    restore_library_path(env)
    assert env == {"LD_LIBRARY_PATH": "/home/u/lib"}
