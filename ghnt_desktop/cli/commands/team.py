"""``ghnt team``: make, list, archive and bring back teams without a window.

    ghnt team toevoegen  ... --naam NAAM --soort SOORT --gemeente CODE_OF_NAAM [--gemeente ...]
    ghnt team lijst      ... [--ook-gearchiveerd]
    ghnt team archiveren ... --naam NAAM
    ghnt team terugzetten ... --naam NAAM

(``...`` is ``--data-dir DIR --user NAAM --passphrase-file BESTAND``.) Changing teams is for a
beheerder or a teamleider/manager; every account may list them.
"""
from __future__ import annotations

from ghnt_desktop.errors import PermissionDenied

GEEN_RECHT = "Teams maken, archiveren en terugzetten mag alleen een beheerder of een teamleider/manager."


def register(sub):
    from ghnt_desktop.domain.organisatie import TEAM_SOORTEN

    p = sub.add_parser("team", help="maak, toon of archiveer teams (wijkteam, sociaal team ...)",
                       description="Teams beheren zonder venster.")
    acties = p.add_subparsers(dest="actie", required=True, metavar="ACTIE", title="acties",
                              parser_class=type(p))
    t = acties.add_parser("toevoegen", help="maak een nieuw team", description="Maak een nieuw team.")
    t.add_argument("--naam", required=True, metavar="NAAM", help="naam van het team, bijvoorbeeld 'Wijkteam Noord'")
    t.add_argument("--soort", required=True, metavar="SOORT",
                   help="soort team: " + ", ".join(TEAM_SOORTEN) + " (of de naam, bijvoorbeeld 'Sociaal team')")
    t.add_argument("--gemeente", action="append", required=True, metavar="CODE_OF_NAAM",
                   help="gemeente die het team bedient (CBS-code of naam); herhaal de optie voor meer gemeenten")
    lijst = acties.add_parser("lijst", help="toon de teams, één regel per team",
                              description="Toon de teams: naam, soort, gemeenten, aantal leden en of het team "
                                          "actief of gearchiveerd is.")
    lijst.add_argument("--ook-gearchiveerd", action="store_true", help="toon ook gearchiveerde teams")
    a = acties.add_parser("archiveren", help="archiveer een team (dossiers en zelfscans blijven bewaard)",
                          description="Archiveer een team. Het team verdwijnt uit de keuzelijsten; dossiers, "
                                      "zelfscans en leden blijven bewaard.")
    a.add_argument("--naam", required=True, metavar="NAAM", help="naam van het team")
    z = acties.add_parser("terugzetten", help="zet een gearchiveerd team terug",
                          description="Zet een gearchiveerd team weer in gebruik.")
    z.add_argument("--naam", required=True, metavar="NAAM", help="naam van het team")
    return p


def regel(t, gemeente_naam) -> str:
    """One line of ``ghnt team lijst`` (tab-separated, so scripts can read it)."""
    gemeenten = ", ".join(gemeente_naam(c) for c in t.gemeenten) or "(geen gemeente)"
    leden = f"{len(t.leden)} {'lid' if len(t.leden) == 1 else 'leden'}"
    status = "actief" if t.actief else f"gearchiveerd op {(t.gearchiveerd_op or '')[:10]}".strip()
    return "\t".join((t.naam, t.soort_label, gemeenten, leden, status))


def run(args) -> int:
    from ghnt_desktop.cli import organisatie as org
    from ghnt_desktop.services import teams

    if args.actie == "toevoegen":  # cheap checks first: a typing error costs no passphrase
        soort = org.team_soort(args.soort)
        codes = [g.cbs_code for g in org.gemeenten(args.gemeente)]
    with org.werkruimte(args) as ws:
        try:
            if args.actie == "lijst":
                rijen = teams.lijst(ws, ook_gearchiveerd=args.ook_gearchiveerd)
                if not rijen:
                    print("Er zijn nog geen teams." if args.ook_gearchiveerd else "Er zijn geen actieve teams.")
                for t in rijen:
                    print(regel(t, org.gemeente_naam))
            elif args.actie == "toevoegen":
                teams.maak_team(ws, args.naam, soort, codes)
                print(f"Team '{args.naam.strip()}' gemaakt.")
            elif args.actie == "archiveren":
                t = teams.zoek(ws, args.naam)
                teams.archiveer(ws, t.id)
                extra = " De dossiers en zelfscans van het team blijven bewaard." if t.heeft_gegevens else ""
                print(f"Team '{t.naam}' is gearchiveerd.{extra}")
            else:  # terugzetten
                t = teams.zoek(ws, args.naam)
                teams.zet_terug(ws, t.id)
                print(f"Team '{t.naam}' is weer in gebruik.")
        except PermissionDenied:
            raise PermissionDenied(GEEN_RECHT) from None
    return 0
