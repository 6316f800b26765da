"""``ghnt account``: make and list accounts of colleagues without a window (beheerder).

    ghnt account toevoegen ... --naam LOGIN --volledige-naam "Naam" --rol ROL[,ROL] [--team NAAM ...]
    ghnt account lijst     ... [--ook-gedeactiveerd]

(``...`` is ``--data-dir DIR --user NAAM --passphrase-file BESTAND``.) A new account gets a
one-time passphrase, printed once; at the first login the colleague must choose an own one.
"""
from __future__ import annotations

from ghnt_desktop.errors import PermissionDenied, UserError

GEEN_RECHT = "Accounts maken en bekijken mag alleen de beheerder."


def register(sub):
    from ghnt_desktop.domain.roles import Rol

    p = sub.add_parser("account", help="maak of toon accounts van collega's (beheerder)",
                       description="Accounts van collega's beheren zonder venster.")
    acties = p.add_subparsers(dest="actie", required=True, metavar="ACTIE", title="acties", parser_class=type(p))
    t = acties.add_parser("toevoegen", help="maak een account met een eenmalige wachtzin",
                          description="Maak een account. De app toont één keer een eenmalige wachtzin; bij de "
                                      "eerste keer inloggen kiest de collega een eigen wachtzin.")
    t.add_argument("--naam", required=True, metavar="LOGIN", help="inlognaam van het nieuwe account")
    t.add_argument("--volledige-naam", required=True, metavar="NAAM", help="voornaam en achternaam")
    t.add_argument("--rol", action="append", required=True, metavar="ROL[,ROL]",
                   help="rol of rollen, gescheiden door komma's: " + ", ".join(r.value for r in Rol))
    t.add_argument("--team", action="append", default=[], metavar="NAAM",
                   help="team van het account; herhaal de optie voor meer teams")
    lijst = acties.add_parser("lijst", help="toon de accounts, één regel per account",
                              description="Toon de accounts: inlognaam, naam, rollen, teams en status.")
    lijst.add_argument("--ook-gedeactiveerd", action="store_true", help="toon ook gedeactiveerde accounts")
    return p


def _status(a) -> str:
    if not a.actief:
        return f"gedeactiveerd op {(a.gedeactiveerd_op or '')[:10]}".strip()
    return "moet wachtzin nog wijzigen" if a.moet_wachtzin_wijzigen else "actief"


def run(args) -> int:
    from ghnt_desktop.cli import organisatie as org
    from ghnt_desktop.services import accounts, teams

    if args.actie == "toevoegen":  # cheap checks first: a typing error costs no passphrase
        rollen = org.rollen(args.rol)
    with org.werkruimte(args) as ws:
        try:
            if args.actie == "lijst":
                namen = {t.id: t.naam for t in teams.lijst(ws, ook_gearchiveerd=True)}
                for a in accounts.lijst(ws, ook_inactief=args.ook_gedeactiveerd):
                    team_tekst = ", ".join(sorted((namen.get(i, str(i)) for i in a.team_ids), key=str.casefold))
                    print("\t".join((a.login, a.naam, org.rollen_tekst(a.rollen), team_tekst or "(geen team)",
                                     _status(a))))
                return 0
            team_ids = []
            for naam in args.team:
                t = teams.zoek(ws, naam)
                if not t.actief:
                    raise UserError(f"Het team '{t.naam}' is gearchiveerd. Kies een actief team.")
                team_ids.append(t.id)
            _, otp = accounts.maak_account_met_eenmalige_wachtzin(
                ws, login=args.naam, naam=args.volledige_naam, rollen=rollen, team_ids=frozenset(team_ids))
        except PermissionDenied:
            raise PermissionDenied(GEEN_RECHT) from None
    print(f"Account '{args.naam.strip()}' gemaakt ({args.volledige_naam.strip()}; rollen: {org.rollen_tekst(rollen)}).")
    print(f"Eenmalige wachtzin: {otp}")
    print("Geef deze wachtzin persoonlijk door. Bij de eerste keer inloggen moet de collega een eigen "
          "wachtzin kiezen; daarna werkt deze wachtzin niet meer.")
    return 0
