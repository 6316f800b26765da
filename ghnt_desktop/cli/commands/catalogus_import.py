"""``ghnt catalogus-import BESTAND``: import a new or revised quality framework (kwaliteitskader), beheerder only."""
from __future__ import annotations

from pathlib import Path


def register(sub):
    p = sub.add_parser("catalogus-import", help="lees een nieuw of herzien kwaliteitskader in (beheerder)")
    p.add_argument("bestand", type=Path, metavar="BESTAND", help="het kwaliteitskader-bestand (.json)")
    return p


def run(args) -> int:
    from ghnt_desktop.cli.commands.zelfscan_import import lees_invoerbestand
    from ghnt_desktop.cli.args import open_workspace_from_args
    from ghnt_desktop.domain.zelfscan_catalogus import MAX_BESTAND_BYTES
    from ghnt_desktop.services import zelfscan as zs

    data = lees_invoerbestand(args.bestand, MAX_BESTAND_BYTES)
    ws = open_workspace_from_args(args)
    try:
        info = zs.importeer_catalogus(ws, data)
        cat = zs.catalogus(ws, info.id, info.versie)
        nieuwste = zs.nieuwste_catalogus(ws)
    finally:
        ws.close()
    print(f"Kwaliteitskader ingelezen: {info.naam}, versie {info.versie} ({info.aantal_standaarden} standaarden).")
    print(zs.bronvermelding(cat))
    if nieuwste.sleutel == cat.sleutel:
        print("Nieuwe zelfscans gebruiken vanaf nu dit kwaliteitskader. Bestaande zelfscans houden hun eigen versie.")
    else:
        print(f"Nieuwe zelfscans gebruiken nog {nieuwste.naam}, versie {nieuwste.versie}, omdat dat kader "
              "later geldig is geworden.")
    return 0
