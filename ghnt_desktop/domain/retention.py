"""Retention periods (bewaartermijnen): pure rules.

* Record types with a default period, limits, the moment the period starts and
  the legal basis, parsed from ``resources/bewaartermijnen/bewaartermijnen.json``.
* When a period has passed (:func:`vervaldatum`, :func:`is_verlopen`).
* The deletion process as a small state machine (:class:`Verwijdering`):
  a record can be deleted once its period has passed (or early destruction was
  requested), no legal hold blocks it, and two *different* accounts confirmed:
  one as beheerder and one as aandachtsfunctionaris.

No Qt, no SQL, no file IO.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from itertools import permutations

from ghnt_desktop.domain.roles import Rol

# The two roles that must both confirm a deletion, in this order of the "slots".
BEVESTIGERS = (Rol.BEHEERDER, Rol.AANDACHTSFUNCTIONARIS)

VROEGTIJDIG_GRONDEN = {
    "verzoek_betrokkene": "Verzoek van de betrokkene om de gegevens te vernietigen",
    "onterecht_vastgelegd": "De gegevens zijn per vergissing of onterecht vastgelegd",
    "anders": "Andere reden (zie toelichting)",
}


@dataclass(frozen=True)
class RecordType:
    key: str
    naam: str  # Dutch, plural-free label: "Meldcode-dossier"
    standaard_jaren: int
    min_jaren: int
    max_jaren: int
    start: str  # Dutch: from when the period counts, e.g. "na het afsluiten van het dossier"
    grondslag: str  # Dutch: the legal basis, shown to the beheerder
    toelichting: str = ""  # Dutch: extra explanation (choice the organisation must make ...)
    verwijderbaar: bool = True  # False: shown for information, never deleted by the app

    def termijn(self, ingesteld: int | None) -> int:
        """The period in force: the organisation's setting when valid, else the default."""
        if ingesteld is not None and self.min_jaren <= ingesteld <= self.max_jaren:
            return ingesteld
        return self.standaard_jaren


def parse_record_types(doc: object) -> dict[str, RecordType]:
    """Validate and parse the content file. Raises ValueError listing every problem with its place."""
    problems: list[str] = []
    out: dict[str, RecordType] = {}
    if not isinstance(doc, dict) or not isinstance(doc.get("versie"), str):
        problems.append("versie: ontbreekt")
    soorten = doc.get("soorten") if isinstance(doc, dict) else None
    if not isinstance(soorten, list) or not soorten:
        raise ValueError(problems + ["soorten: ontbreekt of is leeg"])
    for i, s in enumerate(soorten):
        where = f"soorten[{i}]"
        if not isinstance(s, dict):
            problems.append(f"{where}: geen object")
            continue
        for veld in ("key", "naam", "start", "grondslag"):
            tekst = s.get(veld)
            if not isinstance(tekst, str) or not tekst.strip():
                problems.append(f"{where}.{veld}: ontbreekt")
        jaren = {v: s.get(v) for v in ("standaard_jaren", "min_jaren", "max_jaren")}
        for v, n in jaren.items():
            if isinstance(n, bool) or not isinstance(n, int) or n < 0:
                problems.append(f"{where}.{v}: moet een heel getal van 0 of meer zijn")
        lo, std, hi = jaren["min_jaren"], jaren["standaard_jaren"], jaren["max_jaren"]
        if (isinstance(lo, int) and isinstance(std, int) and isinstance(hi, int)
                and not any(isinstance(n, bool) for n in (lo, std, hi))):
            if not lo <= std <= hi:
                problems.append(f"{where}.standaard_jaren: moet tussen min_jaren en max_jaren liggen")
        key = s.get("key")
        if isinstance(key, str) and key in out:
            problems.append(f"{where}.key: '{key}' komt twee keer voor")
        if isinstance(key, str) and not any(p.startswith(where) for p in problems):  # no problem: key is a str
            out[key] = RecordType(key, s["naam"], s["standaard_jaren"], s["min_jaren"], s["max_jaren"], s["start"],
                                  s["grondslag"], str(s.get("toelichting", "")), bool(s.get("verwijderbaar", True)))
    if problems:
        raise ValueError(problems)
    return out


def vervaldatum(start: date, jaren: int) -> date:
    """The day the period ends: same day ``jaren`` years later (29 February → 28 February)."""
    try:
        return start.replace(year=start.year + jaren)
    except ValueError:
        return start.replace(year=start.year + jaren, day=28)


def is_verlopen(start: date | None, jaren: int, vandaag: date) -> bool:
    return start is not None and vandaag >= vervaldatum(start, jaren)


class Fase(StrEnum):
    LOOPT = "loopt"  # still within its period (or the period has not started)
    VERLOPEN = "verlopen"  # period passed: may be deleted after two confirmations
    VROEGTIJDIG = "vroegtijdig"  # early destruction requested: may be deleted after two confirmations
    GEBLOKKEERD = "geblokkeerd"  # legal hold: never deleted while it lasts


FASE_LABELS = {
    Fase.LOOPT: "Bewaartermijn loopt",
    Fase.VERLOPEN: "Bewaartermijn voorbij",
    Fase.VROEGTIJDIG: "Verzoek om eerder te vernietigen",
    Fase.GEBLOKKEERD: "Juridische blokkade",
}


@dataclass(frozen=True)
class Bevestiging:
    account_id: str
    rollen: frozenset[Rol]


def _gevuld(bevestigingen: tuple[Bevestiging, ...]) -> int:
    """How many of the two confirmer slots (beheerder, AF) can be filled by different accounts."""
    best = 0
    for n in (2, 1):
        for combo in permutations(bevestigingen, n):
            for slots in permutations(BEVESTIGERS, n):
                if all(rol in b.rollen for b, rol in zip(combo, slots)):
                    return n
    return best


class NietToegestaan(Exception):
    """A step of the deletion process that the rules do not allow; ``str(e)`` is Dutch."""


@dataclass(frozen=True)
class Verwijdering:
    record_type: str
    record_id: str
    startdatum: date | None
    jaren: int
    blokkade: bool = False
    vroegtijdig: bool = False
    bevestigingen: tuple[Bevestiging, ...] = ()

    @property
    def vervalt_op(self) -> date | None:
        return None if self.startdatum is None else vervaldatum(self.startdatum, self.jaren)

    def fase(self, vandaag: date) -> Fase:
        if self.blokkade:
            return Fase.GEBLOKKEERD
        if is_verlopen(self.startdatum, self.jaren, vandaag):
            return Fase.VERLOPEN
        if self.vroegtijdig:
            return Fase.VROEGTIJDIG
        return Fase.LOOPT

    @property
    def compleet(self) -> bool:
        return _gevuld(self.bevestigingen) == 2

    def mag_weg(self, vandaag: date) -> bool:
        return self.fase(vandaag) in (Fase.VERLOPEN, Fase.VROEGTIJDIG) and self.compleet

    def ontbreekt(self) -> str:
        """Dutch: whose confirmation is still needed."""
        if self.compleet:
            return "Beide bevestigingen zijn er."
        heeft = {rol for b in self.bevestigingen for rol in b.rollen if rol in BEVESTIGERS}
        if not self.bevestigingen:
            return "Wacht op bevestiging door een beheerder én een aandachtsfunctionaris."
        if len(self.bevestigingen) == 1 and heeft == set(BEVESTIGERS):
            return "Wacht op bevestiging door een tweede persoon (beheerder of aandachtsfunctionaris)."
        if Rol.BEHEERDER in heeft:
            return "Wacht op bevestiging door een aandachtsfunctionaris."
        return "Wacht op bevestiging door een beheerder."

    def bevestig(self, account_id: str, rollen: frozenset[Rol], vandaag: date) -> "Verwijdering":
        """Add one confirmation, or raise NietToegestaan with the Dutch reason."""
        fase = self.fase(vandaag)
        if fase is Fase.GEBLOKKEERD:
            raise NietToegestaan("Er ligt een juridische blokkade op deze gegevens. Ze mogen niet worden vernietigd.")
        if fase is Fase.LOOPT:
            raise NietToegestaan("De bewaartermijn is nog niet voorbij, en er is geen verzoek om eerder te vernietigen.")
        if not any(r in rollen for r in BEVESTIGERS):
            raise NietToegestaan("Alleen een beheerder of een aandachtsfunctionaris kan dit bevestigen.")
        if any(b.account_id == account_id for b in self.bevestigingen):
            raise NietToegestaan("Je hebt dit al bevestigd. Een tweede persoon moet ook bevestigen.")
        nieuw = self.bevestigingen + (Bevestiging(account_id, frozenset(rollen)),)
        if _gevuld(nieuw) <= _gevuld(self.bevestigingen):
            raise NietToegestaan(f"Jouw bevestiging is niet genoeg. {self.ontbreekt()}")
        return replace(self, bevestigingen=nieuw)

    def met_blokkade(self, aan: bool) -> "Verwijdering":
        """A hold clears pending confirmations: after it is lifted, both must confirm again."""
        return replace(self, blokkade=aan, bevestigingen=() if aan else self.bevestigingen)
