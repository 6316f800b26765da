"""Pure rules for setting up an organisation: team kinds, team names and the "Aan de slag" checklist."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

TEAM_SOORTEN: dict[str, str] = {
    "wijkteam": "Wijkteam",
    "sociaal_team": "Sociaal team",
    "jeugdteam": "Jeugdteam",
    "cjg": "CJG",
    "gebiedsteam": "Gebiedsteam",
    "save_team": "SAVE-team",
    "expertiseteam": "Expertiseteam",
    "overig": "Ander soort team",
}

MAX_TEAMNAAM = 80


def teams_nodig(rollen: Iterable[object]) -> bool:
    """A professional or aandachtsfunctionaris always works for at least one team (dossiers belong to it)."""
    return any(str(r) in ("professional", "aandachtsfunctionaris") for r in rollen)


def controleer_teamnaam(naam: str) -> list[str]:
    naam = naam.strip()
    if not naam:
        return ["Vul de naam van het team in."]
    if len(naam) > MAX_TEAMNAAM:
        return [f"De naam van het team is te lang (meer dan {MAX_TEAMNAAM} tekens)."]
    if any(ord(c) < 32 for c in naam):
        return ["De naam van het team mag geen tabs of regeleinden bevatten."]
    return []


@dataclass(frozen=True)
class Stand:
    """What has been set up so far (counted by the service; no case content)."""

    gemeenten: int
    teams: int
    teams_zonder_leden: int
    accounts_niet_beheerder: int
    meldcodeprofiel_ingesteld: bool
    backupmap_gekozen: bool
    regiovisie_gekozen: bool


@dataclass(frozen=True)
class Punt:
    key: str
    titel: str
    uitleg: str
    klaar: bool


def checklist(s: Stand) -> list[Punt]:
    """The "Aan de slag" items in the order a beheerder does them."""
    return [
        Punt("gemeenten", "Gemeenten van de werkruimte",
             "Voor welke gemeenten werkt jullie organisatie? Teams, dossiers en plannen horen bij deze gemeenten.",
             s.gemeenten > 0),
        Punt("teams", "Teams",
             "Maak de teams (wijkteam, sociaal team, jeugdteam …) en kies welke gemeenten elk team bedient.",
             s.teams > 0),
        Punt("accounts", "Accounts van collega's",
             "Maak een account voor elke collega, met rol en team. Zorg dat elk team leden heeft.",
             s.accounts_niet_beheerder > 0 and s.teams_zonder_leden == 0 and s.teams > 0),
        Punt("meldcodeprofiel", "Meldcodeprofiel van de organisatie",
             "Wie neemt het besluit over melden, hoe zijn de afwegingen genummerd, en wie zijn de contacten "
             "in jullie regio?", s.meldcodeprofiel_ingesteld),
        Punt("regiovisie", "Regionale aanpak (actielijnen)",
             "Kies de regiovisie waarvan het plan van aanpak de actielijnen gebruikt, of maak een eigen indeling.",
             s.regiovisie_gekozen),
        Punt("backup", "Plek voor reservekopieën",
             "Kies waar de app reservekopieën bewaart, bij voorkeur op een tweede schijf.", s.backupmap_gekozen),
    ]


def alles_klaar(s: Stand) -> bool:
    return all(p.klaar for p in checklist(s))
