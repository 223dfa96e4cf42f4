; Inno Setup script of Duty Matrix: a per-user installer (no administrator rights) for Windows 10/11.
; Build it on Windows after the PyInstaller bundle (README.md, 安装 → Windows):
;   iscc /DAppVersion=0.1.0 packaging\windows\dutymatrix.iss
; Input:  build\bundle\dutymatrix\ (dutymatrix.exe, dutymatrix-cli.exe, _internal\), build\icons\dutymatrix.ico
; Output: build\DutyMatrix-<version>-setup.exe
; Saved as UTF-8 with a byte-order mark, which Inno Setup 6 needs for the Chinese texts.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppExe "dutymatrix.exe"
#define ProgId "DutyMatrix.Workbook"

[Setup]
AppId={{8E0F5B7C-4C1D-4B8E-9B0A-3D6F2C1E7A54}
AppName=责任清单编辑器 Duty Matrix
AppVersion={#AppVersion}
AppPublisher=Duty Matrix
DefaultDirName={autopf}\DutyMatrix
DefaultGroupName=责任清单编辑器
DisableProgramGroupPage=yes
; Per user: installs into %LOCALAPPDATA%\Programs, registers under HKEY_CURRENT_USER.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
SourceDir=..\..
OutputDir=build
OutputBaseFilename=DutyMatrix-{#AppVersion}-setup
SetupIconFile=build\icons\dutymatrix.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=责任清单编辑器 Duty Matrix {#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "build\bundle\dutymatrix\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\责任清单编辑器"; Filename: "{app}\{#AppExe}"; Comment: "编辑、导入、导出目标责任清单"
Name: "{group}\{cm:UninstallProgram,责任清单编辑器}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\责任清单编辑器"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; File associations, removed by the uninstaller.  Duty Matrix is offered in "打开方式" for .xlsx
; (exported department sheets and hand-down workbooks come back as .xlsx) and .docx; the
; spreadsheet and word processor stay the default programs.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "责任清单分解表"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" --open ""%1"""
Root: HKA; Subkey: "Software\Classes\.xlsx\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.docx\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "责任清单编辑器"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".xlsx"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".docx"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" --open ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,责任清单编辑器}"; Flags: nowait postinstall skipifsilent
