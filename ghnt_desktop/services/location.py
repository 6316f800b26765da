"""Is the data dir on a network share or inside a cloud-synchronised folder?

SQLite (and so the encrypted workspace) is not safe there: WAL needs shared
memory on one host, network file locking is unreliable, and sync clients copy or
replace the database file while it is open (stack notes / security reference §C.4).

:func:`beoordeel` is the entry point. The decision logic is pure and takes the
environment as arguments (``mounts_text``, ``drive_type``, ``env``, ``os_name``)
so it can be tested on any platform; by default it reads the real ones.
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath, PureWindowsPath
from typing import Callable, Mapping

NETWERK = "netwerk"
CLOUD = "cloud"

# Linux filesystem types that live on another machine (or behind FUSE, where SQLite's locking
# and shared memory cannot be trusted). "fuseblk" (NTFS-3g on a local disk) is deliberately absent.
NETWORK_FS = frozenset({"nfs", "nfs4", "cifs", "smb", "smbfs", "smb2", "smb3", "sshfs", "afs", "ncpfs", "9p",
                        "ceph", "glusterfs", "lustre", "davfs", "webdav", "afpfs"})

# Folder names used by sync clients (compared case-insensitively, per path component).
_CLOUD_EXACT = {
    "dropbox": "Dropbox", "google drive": "Google Drive", "googledrive": "Google Drive", "my drive": "Google Drive",
    "mijn drive": "Google Drive", "icloud drive": "iCloud Drive", "iclouddrive": "iCloud Drive",
    "mobile documents": "iCloud Drive", "com~apple~clouddocs": "iCloud Drive", "nextcloud": "Nextcloud",
    "owncloud": "ownCloud", "box": "Box", "box sync": "Box", "pcloud drive": "pCloud", "pclouddrive": "pCloud",
    "synologydrive": "Synology Drive", "synology drive": "Synology Drive", "tresorit": "Tresorit",
    "megasync": "MEGA", "seafile": "Seafile",
}
_CLOUD_PREFIX = {  # "OneDrive - Gemeente Zaanstad", "Dropbox (Persoonlijk)", macOS "CloudStorage/OneDrive-Org"
    "onedrive": "OneDrive", "dropbox": "Dropbox", "googledrive-": "Google Drive", "box-box": "Box",
    "nextcloud-": "Nextcloud", "owncloud-": "ownCloud",
}
# Environment variables that sync clients set on Windows.
_CLOUD_ENV = {"OneDrive": "OneDrive", "OneDriveCommercial": "OneDrive", "OneDriveConsumer": "OneDrive"}

DRIVE_REMOTE = 4  # GetDriveTypeW


@dataclass(frozen=True)
class Locatie:
    risico: str | None  # None, "netwerk" or "cloud"
    uitleg: str  # Dutch explanation ("" when there is no risk)
    detail: str = ""  # what was found, e.g. "OneDrive" or "nfs4 op /mnt/team"

    @property
    def veilig(self) -> bool:
        return self.risico is None


# --- pure helpers ------------------------------------------------------------

def is_unc(path: str) -> bool:
    r"""``\\server\share\...`` or ``//server/share`` (also ``\\?\UNC\...``); not ``\\?\C:\`` or ``\\.\``."""
    p = path.replace("/", "\\")
    if p.upper().startswith("\\\\?\\UNC\\"):
        return True
    if p.startswith("\\\\?\\") or p.startswith("\\\\.\\"):
        return False
    return p.startswith("\\\\") and len(p) > 2 and p[2] not in "\\"


def cloud_folder(path: str | PurePath, *, env: Mapping[str, str] | None = None) -> str | None:
    """The sync service whose folder contains ``path``, or None."""
    text = str(path)
    pure = PureWindowsPath(text) if ("\\" in text or re.match(r"^[A-Za-z]:", text)) else PurePath(text)
    for part in pure.parts:
        name = part.strip().casefold()
        if name in _CLOUD_EXACT:
            return _CLOUD_EXACT[name]
        for prefix, service in _CLOUD_PREFIX.items():
            if name.startswith(prefix) and name != prefix.rstrip("-"):
                return service
        if name == "onedrive":
            return "OneDrive"
    for var, service in _CLOUD_ENV.items():
        root = (env or {}).get(var)
        if root and _is_within(text, root):
            return service
    return None


def _is_within(path: str, root: str) -> bool:
    def norm(p: str) -> str:
        return p.replace("\\", "/").rstrip("/").casefold()

    p, r = norm(path), norm(root)
    return bool(r) and (p == r or p.startswith(r + "/"))


def _unescape_mount(field: str) -> str:
    """/proc/mounts escapes space, tab, newline and backslash as octal (``\\040``)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def parse_mounts(text: str) -> list[tuple[str, str, str]]:
    """(device, mount point, fs type) for every line of a /proc/mounts text."""
    out = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            out.append((_unescape_mount(fields[0]), _unescape_mount(fields[1]), fields[2]))
    return out


def mount_for(path: str, mounts: list[tuple[str, str, str]]) -> tuple[str, str, str] | None:
    """The mount that holds ``path`` (longest matching mount point; the last one wins on ties)."""
    best = None
    for entry in mounts:
        mp = entry[1]
        if mp == "/" or path == mp or path.startswith(mp.rstrip("/") + "/"):
            if best is None or len(mp) >= len(best[1]):
                best = entry
    return best


def is_network_fs(fstype: str) -> bool:
    t = fstype.casefold()
    return t in NETWORK_FS or t.startswith("fuse.") or t.startswith("nfs") or t.startswith("smb")


# --- Dutch explanations ------------------------------------------------------

def uitleg_netwerk(detail: str) -> str:
    return (
        f"De gegevensmap staat op een netwerkschijf ({detail}).\n\n"
        "Waarom is dat een risico?\n"
        "- De database van de app werkt op een netwerkschijf niet betrouwbaar. Als de verbinding even wegvalt, "
        "of als twee computers tegelijk schrijven, kan de werkruimte beschadigd raken. Dan kun je gegevens kwijtraken.\n"
        "- Iedereen die bij de netwerkschijf kan, kan het (versleutelde) bestand kopiëren.\n\n"
        "Kies liever een map op deze computer, bijvoorbeeld de standaardmap van de app. "
        "Overleg met je beheerder of ICT-afdeling als je twijfelt."
    )


def uitleg_cloud(detail: str) -> str:
    return (
        f"De gegevensmap staat in een map die met de cloud wordt gesynchroniseerd ({detail}).\n\n"
        "Waarom is dat een risico?\n"
        "- Het synchronisatieprogramma kopieert de database terwijl de app ermee werkt. Daardoor kan de "
        "werkruimte beschadigd raken, of kan een oude versie een nieuwere overschrijven. Dan kun je gegevens kwijtraken.\n"
        "- Er komt een (versleutelde) kopie van gevoelige dossiers bij een clouddienst terecht. Dat valt meestal "
        "buiten de afspraken die je organisatie over deze gegevens heeft gemaakt.\n\n"
        "Kies liever een map op deze computer die niet wordt gesynchroniseerd, bijvoorbeeld de standaardmap van de app. "
        "Overleg met je beheerder of ICT-afdeling als je twijfelt."
    )


# --- the decision ------------------------------------------------------------

def beoordeel(path: str | os.PathLike[str], *, mounts_text: str | None = None,
              drive_type: Callable[[str], int] | None = None, env: Mapping[str, str] | None = None,
              os_name: str | None = None) -> Locatie:
    """Judge a data dir. Without keyword arguments the real environment is used."""
    os_name = os_name or os.name
    env = os.environ if env is None else env
    raw = os.fspath(path)
    candidates = [raw]
    if os_name == os.name:
        try:
            real = os.path.realpath(Path(raw).expanduser())
            if real != raw:
                candidates.append(real)  # a symlink into a Dropbox folder counts too
        except OSError:
            pass
    for p in candidates:
        if is_unc(p):
            server = p.replace("/", "\\").lstrip("\\").split("\\")[0]
            return Locatie(NETWERK, uitleg_netwerk(f"netwerkpad naar {server}"), f"UNC {server}")
    for p in candidates:
        service = cloud_folder(p, env=env)
        if service:
            return Locatie(CLOUD, uitleg_cloud(service), service)
    if os_name == "nt":
        probe = drive_type or _windows_drive_type
        for p in candidates:
            drive = PureWindowsPath(p).drive
            if drive and not is_unc(drive):
                try:
                    kind = probe(drive + "\\")
                except Exception:
                    kind = 0
                if kind == DRIVE_REMOTE:
                    return Locatie(NETWERK, uitleg_netwerk(f"netwerkstation {drive}"), f"netwerkstation {drive}")
    else:
        if mounts_text is None:
            mounts_text = _read_proc_mounts()
        if mounts_text:
            mounts = parse_mounts(mounts_text)
            for p in candidates:
                found = mount_for(os.path.abspath(p) if os_name == os.name else p, mounts)
                if found and is_network_fs(found[2]):
                    return Locatie(NETWERK, uitleg_netwerk(f"{found[2]} op {found[1]}"), f"{found[2]} op {found[1]}")
    return Locatie(None, "")


def _read_proc_mounts() -> str:
    try:
        return Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _windows_drive_type(root: str) -> int:  # pragma: no cover - Windows only
    if sys.platform != "win32":  # (the caller treats any error as "unknown drive type")
        raise OSError("GetDriveTypeW exists only on Windows")
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))


def sleutel(path: str | os.PathLike[str]) -> str:
    """How an acknowledged path is stored in the settings (absolute, normalised)."""
    try:
        return os.path.normcase(os.path.realpath(Path(os.fspath(path)).expanduser()))
    except OSError:
        return os.path.normcase(os.path.abspath(os.fspath(path)))
