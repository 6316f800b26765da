"""``ghnt init``: make a new, empty workspace without a window (for IT departments).

    ghnt init --data-dir DIR --organisatie NAAM --gemeente CODE_OF_NAAM [--gemeente ...]
              --user NAAM --passphrase-file BESTAND [--volledige-naam "Voornaam Achternaam"]

The account made here is the beheerder. Teams and accounts follow with ``ghnt team`` and
``ghnt account``; see README "Uitrollen voor IT".
"""
from __future__ import annotations

from ghnt_desktop.errors import UserError


def register(sub):
    p = sub.add_parser("init", help="maak een nieuwe, lege werkruimte (zonder venster) met een beheerder",
                       description="Maak een nieuwe, lege werkruimte zonder venster. Het account dat je met "
                                   "--user en --passphrase-file opgeeft, wordt de beheerder.")
    p.add_argument("--organisatie", required=True, metavar="NAAM", help="naam van de organisatie")
    p.add_argument("--gemeente", action="append", required=True, metavar="CODE_OF_NAAM",
                   help="gemeente waarvoor de organisatie werkt, met CBS-code of naam (bijvoorbeeld GM0479 of "
                        "Zaanstad); herhaal de optie voor meer gemeenten")
    p.add_argument("--volledige-naam", metavar="NAAM",
                   help="volledige naam van de beheerder (standaard: de inlognaam van --user)")
    return p


def run(args) -> int:
    from ghnt_desktop.cli import organisatie as org
    from ghnt_desktop.cli.args import credentials, resolve_data_dir
    from ghnt_desktop.services.datadir import holds_workspace
    from ghnt_desktop.services.setup import create_workspace

    if not getattr(args, "data_dir", None):
        raise UserError("Geef met --data-dir aan in welke map de nieuwe werkruimte moet komen.")
    data_dir = resolve_data_dir(args)
    if holds_workspace(data_dir):
        raise UserError(f"In {data_dir} staat al een werkruimte. Kies een lege map of gebruik de bestaande "
                        "werkruimte.")
    gemeenten = org.gemeenten(args.gemeente)
    login, passphrase = credentials(args, required=True)  # type: ignore[misc]
    naam = (args.volledige_naam or "").strip() or login
    ws = create_workspace(data_dir, organisatie=args.organisatie, login=login, naam=naam, passphrase=passphrase,
                          gemeenten=[(g.cbs_code, g.naam) for g in gemeenten])
    ws.close()
    print(f"Werkruimte gemaakt in {data_dir}.")
    print(f"  Organisatie: {args.organisatie.strip()}")
    print("  Gemeenten: " + ", ".join(f"{g.naam} ({g.cbs_code})" for g in gemeenten))
    print(f"  Beheerder: {login}")
    print("Maak nu de teams (ghnt team toevoegen) en de accounts van collega's (ghnt account toevoegen).")
    return 0
