"""``ghnt backup``: write an encrypted, verified backup (``--out FILE`` or into the backup folder), or ``--list``."""
from __future__ import annotations

from pathlib import Path


def register(sub):
    p = sub.add_parser("backup", help="maak een versleutelde reservekopie, of toon de reservekopieën (--list)")
    p.add_argument("--out", type=Path, metavar="BESTAND",
                   help="schrijf de reservekopie naar dit bestand (standaard: in de map voor reservekopieën)")
    p.add_argument("--list", dest="lijst", action="store_true",
                   help="toon alle reservekopieën en controleer ze")
    return p


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{max(1, round(n / 1000))} kB"


def run(args) -> int:
    from ghnt_desktop.cli.args import UsageError, open_workspace_from_args
    from ghnt_desktop.services import backup as service

    if args.lijst and args.out:
        raise UsageError("gebruik --list of --out, niet allebei")
    ws = open_workspace_from_args(args)
    try:
        if args.lijst:
            backups = service.list_backups(ws)
            if not backups:
                print("Er zijn nog geen reservekopieën.")
            for b in backups:
                check = service.verify(ws, b.path)
                status = "in orde" if check.ok else "NIET IN ORDE: " + " ".join(check.problems)
                print(f"{b.created_at:%d-%m-%Y %H:%M}  {b.label:<36} {_size(b.size):>9}  {status}  {b.path}")
            return 0
        info = service.make_backup(ws, args.out)
    finally:
        ws.close()
    print(f"Reservekopie gemaakt en gecontroleerd: {info.path}")
    print("Het bestand is versleuteld met de sleutel van de werkruimte; bewaar het op een veilige plek.")
    return 0
