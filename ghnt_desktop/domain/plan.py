"""Plan van aanpak "Versterken lokale teams": pure rules and value types.

- :class:`ActieStatus`, :class:`PlanStatus` (+ Dutch labels). Actielijnen are not fixed here: they
  come from a regiovisie profile (``domain.regiovisie``); an action stores the line's code as text
- plan versions: a *vastgesteld* plan is read-only; a new version starts as
  *concept* from the previous (vastgesteld) one — :func:`stel_vast`, :func:`nieuwe_versie`
- :func:`standaard_titel`
- :func:`rangschik_verbeterpunten`: verbeterpunten from several team scans, grouped
  per standard and ranked (see the function for the exact order)
- actions: :func:`valideer_actie`, :func:`is_te_laat`, :func:`overzicht`
- section texts: :func:`vul_in` fills ``{placeholders}`` safely; :func:`valideer_secties`
  checks a parsed ``resources/plan/secties.json``

Stdlib only: no Qt, no SQL, no file IO. Rule violations raise :class:`PlanRegelFout`
(a ``ValueError`` with a Dutch message that services may show as-is).
"""
from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Generic, Protocol, TypeVar

from ghnt_desktop.domain.regiovisie import PLAN_PLACEHOLDERS

# --------------------------------------------------------------------------- enums


class ActieStatus(StrEnum):
    GEPLAND = "gepland"
    LOPEND = "lopend"
    GEREED = "gereed"
    VERVALLEN = "vervallen"

    @property
    def label(self) -> str:
        return ACTIESTATUS_LABELS[self]

    @property
    def is_afgerond(self) -> bool:
        """Done or dropped: such an action can no longer be late."""
        return self in (ActieStatus.GEREED, ActieStatus.VERVALLEN)


ACTIESTATUS_LABELS: Mapping[ActieStatus, str] = MappingProxyType(
    {
        ActieStatus.GEPLAND: "Gepland",
        ActieStatus.LOPEND: "Bezig",
        ActieStatus.GEREED: "Klaar",
        ActieStatus.VERVALLEN: "Vervallen",
    }
)


class PlanStatus(StrEnum):
    CONCEPT = "concept"
    VASTGESTELD = "vastgesteld"

    @property
    def label(self) -> str:
        return PLANSTATUS_LABELS[self]


PLANSTATUS_LABELS: Mapping[PlanStatus, str] = MappingProxyType(
    {PlanStatus.CONCEPT: "Concept", PlanStatus.VASTGESTELD: "Vastgesteld"}
)


class PlanRegelFout(ValueError):
    """A plan rule was broken. ``str(e)`` is plain Dutch and contains no case content."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --------------------------------------------------------------------------- plan versions


@dataclass(frozen=True)
class PlanVersie:
    """The status part of one version of a plan (content lives elsewhere)."""

    versie: int = 1
    status: PlanStatus = PlanStatus.CONCEPT
    vastgesteld_op: date | None = None
    vastgesteld_door: str = ""


def mag_bewerken(status: PlanStatus | str) -> bool:
    """Only a concept can be changed; a vastgesteld plan is read-only."""
    return PlanStatus(status) is PlanStatus.CONCEPT


def controleer_bewerken(status: PlanStatus | str) -> None:
    """Raise :class:`PlanRegelFout` when the plan may not be changed."""
    if not mag_bewerken(status):
        raise PlanRegelFout(
            "Dit plan is vastgesteld en kan niet meer veranderen. "
            "Maak een nieuwe versie als je iets wilt aanpassen."
        )


def controleer_statusovergang(van: PlanStatus | str, naar: PlanStatus | str) -> list[str]:
    """Dutch problems with moving a plan from ``van`` to ``naar``; empty = allowed.

    Allowed: concept -> concept (saving) and concept -> vastgesteld.
    A vastgesteld plan never changes status; a new version is made instead.
    """
    van, naar = PlanStatus(van), PlanStatus(naar)
    if van is PlanStatus.VASTGESTELD and naar is PlanStatus.VASTGESTELD:
        return ["Dit plan is al vastgesteld."]
    if van is PlanStatus.VASTGESTELD:
        return [
            "Een vastgesteld plan kan niet terug naar concept. "
            "Maak een nieuwe versie; die begint als concept."
        ]
    return []


def stel_vast(plan: PlanVersie, *, op: date, door: str) -> PlanVersie:
    """The same version, now vastgesteld on ``op`` by ``door`` (e.g. "college van B en W")."""
    problemen = controleer_statusovergang(plan.status, PlanStatus.VASTGESTELD)
    if not door or not door.strip():
        problemen.append("Vul in wie het plan heeft vastgesteld, bijvoorbeeld het college.")
    if not isinstance(op, date):
        problemen.append("Vul de datum in waarop het plan is vastgesteld.")
    if problemen:
        raise PlanRegelFout(" ".join(problemen))
    return replace(plan, status=PlanStatus.VASTGESTELD, vastgesteld_op=op, vastgesteld_door=door.strip())


def nieuwe_versie(vorige: PlanVersie) -> PlanVersie:
    """The next version: a concept copied from a vastgesteld plan (versie + 1).

    From a concept no new version is made: that concept can still be edited.
    """
    if vorige.status is not PlanStatus.VASTGESTELD:
        raise PlanRegelFout(
            "Er is al een conceptversie van dit plan. Werk die bij in plaats van een nieuwe te maken."
        )
    return PlanVersie(versie=vorige.versie + 1, status=PlanStatus.CONCEPT)


def standaard_titel(gemeente_naam: str, jaar: int | str) -> str:
    """``"Plan van aanpak Versterken lokale teams – Zaanstad 2026"`` (with an en dash)."""
    naam = " ".join(str(gemeente_naam).split())
    return f"Plan van aanpak Versterken lokale teams \u2013 {naam} {jaar}".rstrip()


# --------------------------------------------------------------------------- verbeterpunten

PRIORITEITEN = ("hoog", "midden", "laag")
_PRIO_GEWICHT = {"hoog": 3, "midden": 2, "laag": 1, None: 0}
_PRIO_LABEL = {"hoog": "Hoge", "midden": "Middelhoge", "laag": "Lage"}
DOELGROEPEN = ("gemeente", "lokaal_team")  # also the tie-break order: gemeente first


@dataclass(frozen=True)
class Verbeterpunt:
    """One verbeterpunt from one team's zelfscan."""

    team_id: str
    team_naam: str
    standaard_id: str
    standaard_titel: str
    thema: str
    doelgroep: str  # "lokaal_team" | "gemeente"
    prioriteit: str | None = None  # "hoog" | "midden" | "laag" | None
    toelichting: str = ""

    @classmethod
    def van(cls, item: Verbeterpunt | Mapping[str, object]) -> Verbeterpunt:
        """Accept a Verbeterpunt or a plain mapping with the same keys; normalise values."""
        if isinstance(item, Verbeterpunt):
            bron: Mapping[str, object] = item.__dict__
        elif isinstance(item, Mapping):
            bron = item
        else:
            raise TypeError(f"verbeterpunt: verwacht Verbeterpunt of mapping, kreeg {type(item).__name__}")
        prio = bron.get("prioriteit")
        prio = None if prio is None or str(prio).strip() == "" else str(prio).strip().lower()
        if prio not in _PRIO_GEWICHT:
            raise ValueError(f"verbeterpunt.prioriteit: onbekende waarde {prio!r}")
        doelgroep = str(bron.get("doelgroep") or "").strip().lower()
        if doelgroep not in DOELGROEPEN:
            raise ValueError(f"verbeterpunt.doelgroep: onbekende waarde {doelgroep!r}")
        standaard_id = str(bron.get("standaard_id") or "").strip()
        if not standaard_id:
            raise ValueError("verbeterpunt.standaard_id: ontbreekt")
        return cls(
            team_id=str(bron.get("team_id", "")),
            team_naam=str(bron.get("team_naam") or "").strip(),
            standaard_id=standaard_id,
            standaard_titel=str(bron.get("standaard_titel") or "").strip(),
            thema=str(bron.get("thema") or "").strip(),
            doelgroep=doelgroep,
            prioriteit=prio,
            toelichting=str(bron.get("toelichting") or "").strip(),
        )


@dataclass(frozen=True)
class GerangschiktVerbeterpunt:
    rang: int  # 1 = most important
    standaard_id: str
    standaard_titel: str
    thema: str
    doelgroep: str
    hoogste_prioriteit: str | None
    teams: tuple[str, ...]  # team names, sorted
    aantal_teams: int
    score: int  # display aid; equal order keys give equal scores
    reden: str  # Dutch explanation of the rank
    toelichtingen: tuple[tuple[str, str], ...] = ()  # (team_naam, toelichting)


def _natuurlijk(tekst: str) -> tuple[int | str, ...]:
    """Natural sort key: "LT-2" before "LT-10"."""
    return tuple(int(d) if d.isdigit() else d.casefold() for d in re.split(r"(\d+)", tekst))


def _score(gewicht: int, aantal_teams: int, doelgroep: str) -> int:
    # priority dominates, then team count (capped so it never outweighs priority), then doelgroep
    return gewicht * 10_000 + min(aantal_teams, 4_999) * 2 + (1 if doelgroep == "gemeente" else 0)


def _reden(prio: str | None, aantal_met_prio: int, aantal_teams: int, doelgroep: str) -> str:
    if prio is None:
        if aantal_teams == 1:
            delen = ["1 team noemt dit punt, zonder prioriteit."]
        else:
            delen = [f"{aantal_teams} teams noemen dit punt, zonder prioriteit."]
    elif aantal_teams == 1:
        delen = [f"{_PRIO_LABEL[prio]} prioriteit bij 1 team."]
    else:
        delen = [f"{_PRIO_LABEL[prio]} prioriteit bij {aantal_met_prio} van de {aantal_teams} teams."]
    if doelgroep == "gemeente":
        delen.append(
            "Dit punt gaat over de gemeente zelf. Bij een gelijke stand gaat het voor op punten voor de teams."
        )
    return " ".join(delen)


def rangschik_verbeterpunten(
    items: Iterable[Verbeterpunt | Mapping[str, object]],
) -> list[GerangschiktVerbeterpunt]:
    """Group verbeterpunten per standard and rank them, most important first.

    Order (deterministic, independent of input order):
    1. the highest priority any team gave (hoog > midden > laag > none);
    2. the number of distinct teams that name the standard (more first);
    3. doelgroep "gemeente" before "lokaal_team" (the gemeente's own standards
       come first in a gemeente plan);
    4. standaard_id (natural order, "LT-2" before "LT-10").

    A team that lists the same standard twice counts once, with its highest priority.
    Title, theme and doelgroep come from the item of the lowest team_id.
    """
    groepen: dict[str, list[Verbeterpunt]] = {}
    for item in items:
        vp = Verbeterpunt.van(item)
        groepen.setdefault(vp.standaard_id, []).append(vp)

    rijen: list[tuple[tuple[int, int, int, tuple[int | str, ...]], GerangschiktVerbeterpunt]] = []
    for standaard_id, punten in groepen.items():
        punten.sort(key=lambda p: (_natuurlijk(p.team_id), -_PRIO_GEWICHT[p.prioriteit], p.toelichting))
        eerste = punten[0]
        per_team: dict[str, Verbeterpunt] = {}
        for p in punten:  # keep each team's highest priority
            huidig = per_team.get(p.team_id)
            if huidig is None or _PRIO_GEWICHT[p.prioriteit] > _PRIO_GEWICHT[huidig.prioriteit]:
                per_team[p.team_id] = p
        gewicht = max(_PRIO_GEWICHT[p.prioriteit] for p in per_team.values())
        hoogste = next(k for k, v in _PRIO_GEWICHT.items() if v == gewicht)
        aantal_met_prio = sum(1 for p in per_team.values() if _PRIO_GEWICHT[p.prioriteit] == gewicht)
        teams = tuple(sorted({p.team_naam or str(p.team_id) for p in per_team.values()}, key=_natuurlijk))
        toelichtingen = tuple(
            (p.team_naam or str(p.team_id), p.toelichting) for p in punten if p.toelichting
        )
        aantal = len(per_team)
        sleutel = (
            -gewicht,
            -aantal,
            DOELGROEPEN.index(eerste.doelgroep),
            _natuurlijk(standaard_id),
        )
        rijen.append(
            (
                sleutel,
                GerangschiktVerbeterpunt(
                    rang=0,  # set below, once sorted
                    standaard_id=standaard_id,
                    standaard_titel=eerste.standaard_titel,
                    thema=eerste.thema,
                    doelgroep=eerste.doelgroep,
                    hoogste_prioriteit=hoogste,
                    teams=teams,
                    aantal_teams=aantal,
                    score=_score(gewicht, aantal, eerste.doelgroep),
                    reden=_reden(hoogste, aantal_met_prio, aantal, eerste.doelgroep),
                    toelichtingen=toelichtingen,
                ),
            )
        )
    rijen.sort(key=lambda r: r[0])
    return [replace(punt, rang=i) for i, (_, punt) in enumerate(rijen, start=1)]


# --------------------------------------------------------------------------- actions


@dataclass(frozen=True)
class Actie:
    omschrijving: str
    eigenaar: str = ""
    start: date | None = None
    deadline: date | None = None
    status: ActieStatus = ActieStatus.GEPLAND
    actielijn: str | None = None  # code of a line of the regiovisie profile
    standaard_id: str | None = None
    thema: str = ""
    betrokken_partners: str = ""
    middelen: str = ""
    beoogd_resultaat: str = ""
    indicator: str = ""
    id: int | None = None


class _HeeftDeadline(Protocol):
    @property
    def deadline(self) -> date | None: ...

    @property
    def status(self) -> ActieStatus | str: ...


MAX_OMSCHRIJVING = 1000
MAX_KORT = 200  # eigenaar
MAX_LANG = 2000  # partners, middelen, resultaat, indicator


MAX_ACTIELIJN = 40


def valideer_actie(actie: Actie, actielijnen: Collection[str] | None = None) -> list[str]:
    """Every problem with an action, in Dutch, each prefixed with its field. Empty = fine.

    ``actielijnen``: the codes the action may use (the current profile's lines, plus the code the
    action already had). When not given, any short code is accepted.
    """
    problemen: list[str] = []
    omschrijving = actie.omschrijving if isinstance(actie.omschrijving, str) else ""
    if not omschrijving.strip():
        problemen.append("omschrijving: Vul in wat er moet gebeuren.")
    elif len(omschrijving) > MAX_OMSCHRIJVING:
        problemen.append(f"omschrijving: Maak de tekst korter (hoogstens {MAX_OMSCHRIJVING} tekens).")
    if not isinstance(actie.eigenaar, str) or len(actie.eigenaar) > MAX_KORT:
        problemen.append(f"eigenaar: Gebruik hoogstens {MAX_KORT} tekens.")
    for veld in ("betrokken_partners", "middelen", "beoogd_resultaat", "indicator", "thema"):
        waarde = getattr(actie, veld)
        if not isinstance(waarde, str) or len(waarde) > MAX_LANG:
            problemen.append(f"{veld}: Gebruik hoogstens {MAX_LANG} tekens.")
    for veld in ("start", "deadline"):
        waarde = getattr(actie, veld)
        if waarde is not None and not isinstance(waarde, date):
            problemen.append(f"{veld}: Dit is geen geldige datum.")
    if isinstance(actie.start, date) and isinstance(actie.deadline, date) and actie.deadline < actie.start:
        problemen.append("deadline: De deadline ligt vóór de startdatum. Kies een latere deadline.")
    try:
        ActieStatus(actie.status)
    except ValueError:
        problemen.append("status: Kies een status uit de lijst.")
    if actie.actielijn is not None:
        lijn = actie.actielijn
        if (not isinstance(lijn, str) or not lijn.strip() or len(lijn) > MAX_ACTIELIJN
                or (actielijnen is not None and lijn not in actielijnen)):
            problemen.append("actielijn: Kies een actielijn uit de lijst.")
    return problemen


def is_te_laat(actie: _HeeftDeadline, vandaag: date) -> bool:
    """True when the deadline has passed (deadline < vandaag) and the action is not
    gereed or vervallen. On the deadline day itself an action is not yet late."""
    if actie.deadline is None:
        return False
    return actie.deadline < vandaag and not ActieStatus(actie.status).is_afgerond


_D = TypeVar("_D", bound=_HeeftDeadline)


@dataclass(frozen=True)
class ActieOverzicht(Generic[_D]):
    totaal: int
    per_status: Mapping[ActieStatus, int]  # every status present, also when 0
    te_laat: tuple[_D, ...]  # the late actions, oldest deadline first

    @property
    def aantal_te_laat(self) -> int:
        return len(self.te_laat)


def overzicht(acties: Sequence[_D], vandaag: date) -> ActieOverzicht[_D]:
    """Counts per status and the list of late actions (oldest deadline first, stable)."""
    tellingen = {s: 0 for s in ActieStatus}
    for a in acties:
        tellingen[ActieStatus(a.status)] += 1
    te_laat = sorted(
        (a for a in acties if is_te_laat(a, vandaag)),
        key=lambda a: a.deadline or date.min,  # never date.min: a late action has a deadline
    )
    return ActieOverzicht(
        totaal=len(acties), per_status=MappingProxyType(tellingen), te_laat=tuple(te_laat)
    )


# --------------------------------------------------------------------------- section texts

SECTIE_CODES = (
    "aanleiding_en_doel",
    "uitgangspunten",
    "huidige_situatie",
    "doelen",
    "acties",
    "organisatie_en_regie",
    "middelen",
    "monitoring_en_evaluatie",
)
# {regioplan} and {indeling} are filled from the regiovisie profile
PLACEHOLDERS = frozenset({"gemeente", "jaar", "volgende_zelfscan"}) | PLAN_PLACEHOLDERS
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def vul_in(tekst: str, **waarden: object) -> str:
    """Replace ``{naam}`` by ``str(waarden["naam"])``.

    Safe for any text: unknown placeholders stay as they are, lone or unbalanced
    braces ("{", "}", "{ 3 }") are left alone and never raise, and inserted values
    are not scanned again (a value containing "{jaar}" stays literal).
    A value of ``None`` leaves its placeholder intact.
    """
    if not isinstance(tekst, str):
        raise TypeError("vul_in: tekst moet een string zijn")

    def vervang(m: re.Match[str]) -> str:
        naam = m.group(1)
        waarde = waarden.get(naam)
        return m.group(0) if waarde is None else str(waarde)

    return _PLACEHOLDER.sub(vervang, tekst)


def placeholders_in(tekst: str) -> set[str]:
    return set(_PLACEHOLDER.findall(tekst))


@dataclass(frozen=True)
class Sectie:
    code: str
    titel: str
    standaardtekst: str
    per_thema: bool = False  # the app adds a part per theme (huidige situatie)


def valideer_secties(data: object) -> list[str]:
    """Problems in a parsed ``secties.json`` (Dutch, with place). Empty = fine."""
    if not isinstance(data, Mapping):
        return ["Het bestand bevat geen object met gegevens."]
    problemen: list[str] = []
    if not isinstance(data.get("versie"), str) or not data["versie"].strip():
        problemen.append("versie: ontbreekt.")
    secties = data.get("secties")
    if not isinstance(secties, list):
        return problemen + ["secties: de lijst ontbreekt."]
    codes = []
    for i, s in enumerate(secties):
        plek = f"secties[{i}]"
        if not isinstance(s, Mapping):
            problemen.append(f"{plek}: is geen object.")
            continue
        codes.append(s.get("code"))
        for veld in ("code", "titel", "standaardtekst"):
            if not isinstance(s.get(veld), str) or not s[veld].strip():
                problemen.append(f"{plek}.{veld}: ontbreekt of is leeg.")
        tekst = s.get("standaardtekst")
        if isinstance(tekst, str):
            onbekend = placeholders_in(tekst) - PLACEHOLDERS
            if onbekend:
                problemen.append(f"{plek}.standaardtekst: onbekende invulvelden {sorted(onbekend)}.")
    if tuple(codes) != SECTIE_CODES:
        problemen.append(f"secties: de volgorde moet zijn {', '.join(SECTIE_CODES)}.")
    return problemen


def secties_uit(data: Mapping[str, Any]) -> tuple[Sectie, ...]:
    """Sections from a parsed and valid secties.json (raises PlanRegelFout otherwise)."""
    problemen = valideer_secties(data)
    if problemen:
        raise PlanRegelFout("De standaardteksten van het plan kloppen niet: " + " ".join(problemen))
    return tuple(
        Sectie(
            code=s["code"],
            titel=s["titel"],
            standaardtekst=s["standaardtekst"],
            per_thema=bool(s.get("per_thema", False)),
        )
        for s in data["secties"]
    )
