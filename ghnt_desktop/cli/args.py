"""What the command line's options mean: the data directory, the credentials, secrets read from a file.

Shared by ``cli.main`` and every sub-command in ``cli.commands``; it imports nothing of theirs, so
the sub-commands never import ``cli.main`` (which loads them). Keep imports light: ``cli.main``
loads this module on every start, also when it only starts the window.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from ghnt_desktop.errors import UserError

MAX_PASSPHRASE_FILE = 4096


class UsageError(Exception):
    """Wrong use of the options; ``cli.main`` prints the usage and exits with 2."""


def read_first_line(path: Path, *, wat: str = "wachtzinbestand", geheim: str = "wachtzin") -> str:
    """The secret on the first line of a file (passphrase, PDF password), with Dutch errors."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_PASSPHRASE_FILE + 1)
    except FileNotFoundError:
        raise UserError(f"Het {wat} bestaat niet: {path}") from None
    except IsADirectoryError:
        raise UserError(f"Het {wat} is een map, geen bestand: {path}") from None
    except OSError:
        raise UserError(f"Het {wat} kan niet worden gelezen: {path}") from None
    first = data.split(b"\n", 1)[0]
    if len(first) > MAX_PASSPHRASE_FILE - 1:
        raise UserError(f"De eerste regel van het {wat} is te lang.")
    try:
        text = first.decode("utf-8-sig").rstrip("\r")
    except UnicodeDecodeError:
        raise UserError(f"Het {wat} is geen leesbare tekst (UTF-8).") from None
    if not text or "\x00" in text:
        raise UserError(f"Het {wat} is leeg of bevat geen geldige {geheim} op de eerste regel.")
    return text


def read_passphrase_file(path: Path) -> str:
    return read_first_line(path)


def resolve_data_dir(args: argparse.Namespace) -> Path:
    if getattr(args, "data_dir", None):
        return Path(args.data_dir).expanduser()
    from ghnt_desktop.paths import default_data_dir

    return default_data_dir()


def credentials(args: argparse.Namespace, *, required: bool) -> tuple[str, str] | None:
    """``(login, passphrase)`` from ``--user`` and ``--passphrase-file``; ``None`` when neither is given."""
    user, pfile = getattr(args, "user", None), getattr(args, "passphrase_file", None)
    if bool(user) != bool(pfile):
        raise UsageError("gebruik --user en --passphrase-file samen")
    if not user:
        if required:
            raise UsageError("deze opdracht heeft --user en --passphrase-file nodig")
        return None
    return user, read_passphrase_file(pfile)


def open_workspace_from_args(args: argparse.Namespace):
    """Non-interactive unlock used by every command that opens the workspace."""
    from ghnt_desktop.services.login import login

    user, passphrase = credentials(args, required=True)  # type: ignore[misc]
    return login(resolve_data_dir(args), user, passphrase)
