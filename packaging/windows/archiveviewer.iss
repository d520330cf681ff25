; Inno Setup 6 script: a per-user installer for ArchiveViewer (no administrator rights needed).
; Built by packaging/windows/build_windows.ps1 after PyInstaller has made
; build\package\dist\archiveviewer\ (ArchiveViewer.exe for the desktop, archiveviewer-cli.exe for batch work):
;   iscc /DAppVersion=0.1.0 packaging\windows\archiveviewer.iss
; It cannot be compiled on the Linux build machine; see packaging/README.md.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "ArchiveViewer"
#define AppExe "ArchiveViewer.exe"
#define Bundle "..\..\build\package\dist\archiveviewer"

[Setup]
; A fixed AppId ties upgrades and the uninstaller to this application: never change it.
AppId={{6F1C2E7A-3B8D-4C1E-9A57-2D4E8B9C0F31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ArchiveViewer developers
; Per-user install: no UAC prompt; {autopf} is then %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; The bundle is 64-bit only.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=ArchiveViewer-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; Closing a running copy before files are replaced (Restart Manager).
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Shipped in Inno Setup's Languages folder; if a copy lacks it, get it from Inno Setup's translations page.
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; The Start-menu entry ({autoprograms} is the user's own Start menu in a per-user install).
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The uninstaller (Add/Remove Programs) removes {app} and the shortcuts. The archive, settings
; and caches live in %LOCALAPPDATA%\ArchiveViewer and %APPDATA%\ArchiveViewer and are kept:
; an archivist's data is never deleted by an uninstall.
