"""Network share / cloud folder detection: pure path logic, Windows drive types, /proc/mounts samples."""
from __future__ import annotations

import os

import pytest

from ghnt_desktop.services import location
from ghnt_desktop.services.location import CLOUD, NETWERK, beoordeel

NO_MOUNTS = ""

PROC_MOUNTS = r"""sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
/dev/nvme0n1p1 /boot/efi vfat rw,relatime 0 0
tmpfs /run tmpfs rw,nosuid,nodev 0 0
fileserver:/export/teams /mnt/teams nfs4 rw,relatime,vers=4.2 0 0
//gemeente-fs01/Sociaal\040Domein /mnt/sociaal\040domein cifs rw,relatime,vers=3.1.1 0 0
jan@backup:/home/jan /home/jan/remote fuse.sshfs rw,nosuid,nodev 0 0
/dev/sdb1 /media/jan/USB fuseblk rw,nosuid,nodev 0 0
/dev/nvme0n1p3 /mnt/teams/lokaal ext4 rw,relatime 0 0
gvfsd-fuse /run/user/1000/gvfs fuse.gvfsd-fuse rw,nosuid,nodev 0 0
"""


@pytest.mark.parametrize("path", [
    r"\\fileserver\team\ghnt", "//fileserver/team/ghnt", r"\\?\UNC\fileserver\team\ghnt", r"\\10.0.0.5\d$\ghnt"])
def test_unc_paths_are_network(path):
    loc = beoordeel(path, os_name="nt", env={}, drive_type=lambda r: 3)
    assert loc.risico == NETWERK
    assert "netwerkschijf" in loc.uitleg and "beschadigd" in loc.uitleg


@pytest.mark.parametrize("path", [r"\\?\C:\data\ghnt", r"\\.\C:\data", r"C:\data\ghnt"])
def test_local_windows_paths_are_fine(path):
    assert beoordeel(path, os_name="nt", env={}, drive_type=lambda r: 3).veilig


def test_mapped_network_drive_via_drive_type():
    seen = []

    def drive_type(root):
        seen.append(root)
        return location.DRIVE_REMOTE

    loc = beoordeel(r"Z:\Wijkteam\ghnt", os_name="nt", env={}, drive_type=drive_type)
    assert loc.risico == NETWERK and "Z:" in loc.detail and seen == ["Z:\\"]


@pytest.mark.parametrize("path,service", [
    (r"C:\Users\anouk\OneDrive - Gemeente Zaanstad\ghnt", "OneDrive"),
    (r"C:\Users\anouk\OneDrive\Documenten\ghnt", "OneDrive"),
    (r"D:\Dropbox (Persoonlijk)\ghnt", "Dropbox"),
    ("/home/anouk/Dropbox/ghnt", "Dropbox"),
    (r"G:\Mijn Drive\ghnt", "Google Drive"),
    ("/Users/anouk/Google Drive/ghnt", "Google Drive"),
    ("/Users/anouk/Library/CloudStorage/GoogleDrive-anouk@example.org/ghnt", "Google Drive"),
    ("/Users/anouk/Library/CloudStorage/OneDrive-GemeenteZaanstad/ghnt", "OneDrive"),
    ("/Users/anouk/Library/Mobile Documents/com~apple~CloudDocs/ghnt", "iCloud Drive"),
    (r"C:\Users\anouk\iCloudDrive\ghnt", "iCloud Drive"),
    ("/home/anouk/Nextcloud/ghnt", "Nextcloud"),
    ("/home/anouk/ownCloud/ghnt", "ownCloud"),
    (r"C:\Users\anouk\Box\ghnt", "Box"),
])
def test_cloud_folders(path, service):
    os_name = "nt" if ":" in path[:3] else "posix"
    loc = beoordeel(path, os_name=os_name, env={}, mounts_text=NO_MOUNTS, drive_type=lambda r: 3)
    assert loc.risico == CLOUD and loc.detail == service
    assert service in loc.uitleg and "synchronis" in loc.uitleg


def test_onedrive_root_from_environment_even_with_a_custom_name():
    env = {"OneDriveCommercial": r"E:\Werk-sync"}
    loc = beoordeel(r"E:\Werk-sync\ghnt", os_name="nt", env=env, drive_type=lambda r: 3)
    assert loc.risico == CLOUD and loc.detail == "OneDrive"
    assert beoordeel(r"E:\Werk-sync-niet\ghnt", os_name="nt", env=env, drive_type=lambda r: 3).veilig


@pytest.mark.parametrize("path,risico,fs", [
    ("/mnt/teams/ghnt", NETWERK, "nfs4"),
    ("/mnt/sociaal domein/ghnt", NETWERK, "cifs"),  # \040 in /proc/mounts is a space
    ("/home/jan/remote/ghnt", NETWERK, "fuse.sshfs"),
    ("/run/user/1000/gvfs/smb-share:server=fs,share=team/ghnt", NETWERK, "fuse.gvfsd-fuse"),
    ("/mnt/teams/lokaal/ghnt", None, None),  # a local disk mounted inside the share: longest prefix wins
    ("/media/jan/USB/ghnt", None, None),  # fuseblk = NTFS on a local disk
    ("/home/jan/.local/share/ghnt-desktop", None, None),
    ("/mnt/teamsx/ghnt", None, None),  # prefix of a name is not a mount
])
def test_proc_mounts_sample(path, risico, fs):
    loc = beoordeel(path, os_name="posix", env={}, mounts_text=PROC_MOUNTS)
    assert loc.risico == risico
    if fs:
        assert loc.detail.startswith(fs)


def test_parse_mounts_unescapes_octal():
    mounts = location.parse_mounts(PROC_MOUNTS)
    assert ("//gemeente-fs01/Sociaal Domein", "/mnt/sociaal domein", "cifs") in mounts


def test_symlink_into_a_cloud_folder_is_detected(tmp_path):
    target = tmp_path / "Dropbox" / "ghnt"
    target.mkdir(parents=True)
    link = tmp_path / "gewone-map"
    os.symlink(target, link)
    loc = beoordeel(link, env={}, mounts_text=NO_MOUNTS)
    assert loc.risico == CLOUD


def test_ordinary_local_dir_is_fine(tmp_path):
    assert beoordeel(tmp_path / "data", env={}, mounts_text=NO_MOUNTS).veilig
