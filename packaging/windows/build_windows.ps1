# Builds dist\ArchiveViewer-<version>-setup.exe on Windows (cannot run on the Linux build machine).
# Needs: Python 3.11+ with the project installed (pip install -e ".[package]" pillow;
# Pillow lets PyInstaller turn the PNG icon into .ico) and Inno Setup 6 (iscc.exe on PATH).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$version = python -c "import archiveviewer; print(archiveviewer.__version__)"
python -m archiveviewer.gui.i18n_build
pyinstaller --noconfirm --clean --distpath build\package\dist --workpath build\package\work packaging\archiveviewer.spec
iscc "/DAppVersion=$version" packaging\windows\archiveviewer.iss
Write-Host "built dist\ArchiveViewer-$version-setup.exe"
