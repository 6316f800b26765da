"""``ghnt demo``: a workspace with fictitious data for every module and an account for every role.

Every name, reference and event here is made up. Each module adds its own data
in ``ghnt_desktop/demo/<module>.py``; :func:`_contributors` lists them (the plan comes last: it is made
from the zelfscans).
"""
from __future__ import annotations

from pathlib import Path

from ghnt_desktop.domain.roles import Rol

DEMO_PASSPHRASE = "demo"
ZAWA = [("GM0479", "Zaanstad"), ("GM0439", "Purmerend"), ("GM0385", "Edam-Volendam"), ("GM0415", "Landsmeer"),
        ("GM0431", "Oostzaan"), ("GM0852", "Waterland"), ("GM0880", "Wormerland")]

# login, naam, rollen, team keys
DEMO_ACCOUNTS = [
    ("professional", "Priya Jansen (professional)", {Rol.PROFESSIONAL}, ["zaandam-oost"]),
    ("aandachtsfunctionaris", "Anouk de Vries (aandachtsfunctionaris)", {Rol.AANDACHTSFUNCTIONARIS},
     ["zaandam-oost", "zaandam-west"]),
    ("manager", "Mark Bakker (teamleider/manager)", {Rol.MANAGER}, ["zaandam-oost", "zaandam-west", "purmerend"]),
    ("beheerder", "Bert Visser (beheerder)", {Rol.BEHEERDER}, []),
]
DEMO_TEAMS = [
    ("zaandam-oost", "Wijkteam Zaandam-Oost", "wijkteam", ["GM0479"]),
    ("zaandam-west", "Sociaal team Zaandam-West", "sociaal_team", ["GM0479"]),
    ("purmerend", "Wijkteam Purmerend", "wijkteam", ["GM0439"]),
    ("waterland", "Sociaal team Waterland en Landsmeer", "sociaal_team", ["GM0852", "GM0415", "GM0431"]),
    ("edam", "Jeugdteam Edam-Volendam en Wormerland", "jeugdteam", ["GM0385", "GM0880"]),
]


def _contributors():
    """Module demo builders: callables (ws, teams: dict[key, id], accounts: dict[login, id]) -> list[str]."""
    from ghnt_desktop.demo import meldcode, plan, zelfscan

    return [meldcode.build, zelfscan.build, plan.build]


def _finish_setup(ws) -> None:
    """What a beheerder does on "Aan de slag", through the same services: the demo starts fully set up."""
    from ghnt_desktop.services import meldcodeprofiel, organisatie

    meldcodeprofiel.bewaar_profiel(
        ws, nummering="stap4_en_5", eindverantwoordelijke=meldcodeprofiel.Eindverantwoordelijke("aandachtsfunctionaris"),
        eigen_meldcode=meldcodeprofiel.EigenMeldcode(tekst=(
            "Dit is een fictieve meldcode voor de demo. In je eigen werkruimte staat hier de meldcode van jullie "
            "organisatie, of een link ernaar.")))
    organisatie.bevestig_backupmap(ws)


def build_demo(data_dir: Path) -> list[str]:
    from ghnt_desktop.services import accounts, teams
    from ghnt_desktop.services.setup import create_workspace

    ws = create_workspace(
        data_dir, organisatie="Demo Sociaal Wijkteam Zaanstreek-Waterland", gemeenten=ZAWA, login="demo",
        naam="Demo Gebruiker (alle rollen)", passphrase=DEMO_PASSPHRASE, demo=True, check_passphrase=False,
        rollen=frozenset(Rol))
    try:
        team_ids = {key: teams.maak_team(ws, naam, type_, gem) for key, naam, type_, gem in DEMO_TEAMS}
        for t in team_ids.values():
            teams.koppel_account(ws, ws.session.account_id, t)
        account_ids = {"demo": ws.session.account_id}
        for login, naam, rollen, team_keys in DEMO_ACCOUNTS:
            account_ids[login] = accounts.maak_account(
                ws, login=login, naam=naam, passphrase=DEMO_PASSPHRASE, rollen=frozenset(rollen),
                team_ids=frozenset(team_ids[k] for k in team_keys), check_passphrase=False)
        _finish_setup(ws)
        summary = [f"Accounts (wachtzin 'demo'): demo, " + ", ".join(a[0] for a in DEMO_ACCOUNTS),
                   f"{len(team_ids)} teams in de zeven gemeenten van Zaanstreek-Waterland"]
        for build in _contributors():
            summary += build(ws, team_ids, account_ids)
        return summary
    finally:
        ws.close()
