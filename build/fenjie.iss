; Inno Setup script for Fenjie's Windows installer (Inno Setup 6.3 or later).
;
; Built by build\build-windows.ps1 after PyInstaller, which passes the version from pyproject.toml:
;   ISCC.exe /DAppVersion=0.1.0 build\fenjie.iss
; Input:  build\pyinstaller-dist\fenjie\  (Fenjie.exe, fenjie-cli.exe, _internal\)
; Output: build\pyinstaller-dist\Fenjie-Setup-<version>.exe
;
; The installer needs no administrator rights by default (it installs for the current user under
; %LOCALAPPDATA%\Programs\Fenjie; an administrator may choose "for all users"). It adds a Start-menu
; entry, an optional desktop shortcut and the .fenjie file type (Fenjie plan files open with
; "Fenjie.exe open <file>"). Uninstalling removes the program only: the clerk's workspace and logs
; live in %LOCALAPPDATA%\Fenjie, which the installer never wrote, and they are kept.
;
; Simplified Chinese wizard texts: Inno Setup does not ship them. Put ChineseSimplified.isl (the
; translation listed on the Inno Setup translations page) into Inno Setup's Languages folder and
; the installer speaks Chinese; without it the wizard is in English (docs\packaging.md).

#ifndef AppVersion
  #error Pass the version: ISCC.exe /DAppVersion=x.y.z build\fenjie.iss
#endif
#define AppName "Fenjie 分解"
#define AppExe "Fenjie.exe"
#define Bundle "pyinstaller-dist\fenjie"
#define ProgId "Fenjie.Plan"
#define ChineseIsl AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl"

[Setup]
; AppId identifies the installation for upgrades and uninstall: never change it.
AppId={{6F1E2C7A-3B5D-4E8F-9A10-2C4D6E8FA0B1}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Fenjie
VersionInfoVersion={#AppVersion}
VersionInfoDescription={#AppName} 安装程序
DefaultDirName={autopf}\Fenjie
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
CloseApplications=yes
OutputDir=pyinstaller-dist
OutputBaseFilename=Fenjie-Setup-{#AppVersion}
SetupIconFile=fenjie.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
#if FileExists(ChineseIsl)
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "任务分解表的起草、打印与督办"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The .fenjie file type (fenjie-plan/1 JSON). HKA is HKCU for a per-user install, HKLM for all users.
Root: HKA; Subkey: "Software\Classes\.fenjie"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.fenjie\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Fenjie 计划文件"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" open ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".fenjie"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { The workspace is the clerk's work: say where it is, never delete it. }
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(ExpandConstant('Fenjie 已卸载。您的工作区和错误日志仍保存在 {localappdata}\Fenjie，' +
      '重新安装后可继续使用；如确实不再需要，可手动删除该文件夹。'), mbInformation, MB_OK);
end;
