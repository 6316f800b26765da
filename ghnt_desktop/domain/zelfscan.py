"""Zelfscan: the scan model, status rules, scoring, verbeterpunten and comparisons. Pure stdlib.

Scoring rule (also in docs/zelfscan-catalogus.md)
-------------------------------------------------
For every group (a theme, a doelgroep, a theme within a doelgroep, or the whole scan)::

    percentage voldoet = voldoet / (beantwoord - uitgesloten - apart) * 100

* ``beantwoord``: standards with a chosen answer option (code is not None).
* ``uitgesloten``: answers with an option marked ``uitgesloten`` (N.v.t.). The standard does not
  apply, so it is left out completely.
* ``apart``: answers with an option marked ``apart_tonen`` (Weet niet). "Weet niet" says nothing
  about whether the standard is met. Counting it as "niet voldaan" would punish an honest answer;
  counting it as "voldaan" would flatter. So it is *not* in the denominator, and the number is
  shown next to the percentage so the reader sees how much is still unknown.
* Unanswered standards are not in the denominator either; ``voortgang`` shows how complete a scan is.
* When the denominator is 0 the percentage is ``None`` ("geen score"), never 0 %.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from typing import Container, Iterable, Mapping, Sequence

from ghnt_desktop.domain.zelfscan_catalogus import (
    Antwoordschaal,
    Catalogus,
    Doelgroep,
    Problemen,
    Standaard,
    Thema,
    heeft_verboden_tekens,
    toon,
)
from ghnt_desktop.errors import UserError, ValidationError

MAX_TEAMNAAM = 200
MAX_GEMEENTENAAM = 200
MAX_GEMEENTEN = 400
MAX_DEELNEMERS = 200
MAX_DEELNEMERNAAM = 200
MAX_TOELICHTING = 4000
MAX_BEWIJS = 2000
MAX_HEROPEN_REDEN = 2000
MAX_SCANVERSIE = 10_000

CBS_CODE_PATROON = re.compile(r"GM[0-9]{4}")


class TeamType(str, Enum):
    WIJKTEAM = "wijkteam"
    SOCIAAL_TEAM = "sociaal_team"
    JEUGDTEAM = "jeugdteam"
    CJG = "cjg"
    SAVE_TEAM = "save_team"
    EXPERTISETEAM = "expertiseteam"
    OVERIG = "overig"

    @property
    def label(self) -> str:
        return _TEAMTYPE_LABELS[self.value]


_TEAMTYPE_LABELS = {
    "wijkteam": "Wijkteam",
    "sociaal_team": "Sociaal team",
    "jeugdteam": "Jeugdteam",
    "cjg": "CJG",
    "save_team": "SAVE-team",
    "expertiseteam": "Expertiseteam",
    "overig": "Overig",
}


class DeelnemerRol(str, Enum):
    TEAMLEIDER = "teamleider"
    PROFESSIONAL = "professional"
    AANDACHTSFUNCTIONARIS = "aandachtsfunctionaris"
    GEDRAGSWETENSCHAPPER = "gedragswetenschapper"
    BELEIDSADVISEUR_GEMEENTE = "beleidsadviseur_gemeente"
    VEILIG_THUIS = "veilig_thuis"
    OVERIG = "overig"

    @property
    def label(self) -> str:
        return _ROL_LABELS[self.value]


_ROL_LABELS = {
    "teamleider": "Teamleider",
    "professional": "Professional",
    "aandachtsfunctionaris": "Aandachtsfunctionaris",
    "gedragswetenschapper": "Gedragswetenschapper",
    "beleidsadviseur_gemeente": "Beleidsadviseur gemeente",
    "veilig_thuis": "Veilig Thuis",
    "overig": "Overig",
}


class ScanStatus(str, Enum):
    CONCEPT = "concept"
    INGEVULD = "ingevuld"
    VASTGESTELD = "vastgesteld"

    @property
    def label(self) -> str:
        return {"concept": "Concept", "ingevuld": "Ingevuld", "vastgesteld": "Vastgesteld"}[self.value]


#: Allowed status changes. A vastgestelde scan never changes; use ``heropen`` for a new version.
TOEGESTANE_OVERGANGEN: Mapping[ScanStatus, frozenset[ScanStatus]] = {
    ScanStatus.CONCEPT: frozenset({ScanStatus.INGEVULD}),
    ScanStatus.INGEVULD: frozenset({ScanStatus.CONCEPT, ScanStatus.VASTGESTELD}),
    ScanStatus.VASTGESTELD: frozenset(),
}


class Prioriteit(str, Enum):
    HOOG = "hoog"
    MIDDEN = "midden"
    LAAG = "laag"

    @property
    def label(self) -> str:
        return {"hoog": "Hoog", "midden": "Midden", "laag": "Laag"}[self.value]

    @property
    def rang(self) -> int:
        """0 = most urgent."""
        return {"hoog": 0, "midden": 1, "laag": 2}[self.value]


class OngeldigeStatusovergang(UserError):
    """A status change that the rules do not allow. Message is Dutch."""


class ScanNietBewerkbaar(UserError):
    """Trying to change a vastgestelde scan. Message is Dutch."""


@dataclass(frozen=True)
class Gemeente:
    cbs_code: str  # "GM" + 4 digits
    naam: str


@dataclass(frozen=True)
class Deelnemer:
    rol: DeelnemerRol
    naam: str | None = None  # names are optional; exchange files leave them out unless chosen


@dataclass(frozen=True)
class Antwoord:
    standaard_id: str
    code: str | None  # None = not answered yet
    toelichting: str = ""
    bewijs: str = ""
    verbeterpunt: bool = False
    prioriteit: Prioriteit | None = None


class EigenaarSoort(str, Enum):
    """Whom a scan belongs to: a lokaal team, or the gemeente itself (its beleidsadviseur / manager)."""

    TEAM = "team"
    GEMEENTE = "gemeente"

    @property
    def label(self) -> str:
        return {"team": "Team", "gemeente": "Gemeente"}[self.value]


def gemeente_eigenaar_naam(gemeente_naam: str) -> str:
    """How a gemeente scan's owner is shown, e.g. "Gemeente Zaanstad"."""
    return f"Gemeente {gemeente_naam}"


def catalogus_voor(catalogus: Catalogus, soort: EigenaarSoort) -> Catalogus:
    """The standards a scan of this kind answers.

    A gemeente scan answers only the standards for the gemeente (doelgroep ``gemeente``). A team scan
    answers the whole catalogue, as it always has (the werkversie asks teams about the gemeente standards
    too, and older scans and exchange files depend on that).
    """
    if EigenaarSoort(soort) is EigenaarSoort.GEMEENTE:
        return catalogus.voor_doelgroep(Doelgroep.GEMEENTE)
    if catalogus.alleen_doelgroep is not None:
        raise ValueError("a team scan uses the whole catalogue")
    return catalogus


@dataclass(frozen=True)
class Zelfscan:
    """One version of a zelfscan of one team or one gemeente, against one catalogue (referred to by id + versie).

    A gemeente scan has ``eigenaar_gemeente`` set; its ``team_naam`` then holds the owner's display name
    ("Gemeente Zaanstad", see ``gemeente_eigenaar_naam``) and ``team_type`` is OVERIG, so screens that show
    ``team_naam`` keep working. Its ``gemeenten`` are exactly the owner gemeente.
    """

    catalogus_id: str
    catalogus_versie: str
    team_naam: str
    team_type: TeamType
    gemeenten: tuple[Gemeente, ...]
    peildatum: date
    versie: int = 1
    status: ScanStatus = ScanStatus.CONCEPT
    deelnemers: tuple[Deelnemer, ...] = ()
    antwoorden: tuple[Antwoord, ...] = ()
    vastgesteld_op: date | None = None
    heropen_reden: str | None = None  # set on versions made by ``heropen``
    eigenaar_gemeente: Gemeente | None = None  # set for a gemeente scan; None for a team scan

    @property
    def catalogus_sleutel(self) -> tuple[str, str]:
        return (self.catalogus_id, self.catalogus_versie)

    @property
    def eigenaar_soort(self) -> EigenaarSoort:
        return EigenaarSoort.TEAM if self.eigenaar_gemeente is None else EigenaarSoort.GEMEENTE

    @property
    def is_gemeentescan(self) -> bool:
        return self.eigenaar_gemeente is not None

    @property
    def eigenaar_naam(self) -> str:
        """The team name, or "Gemeente X" for a gemeente scan."""
        if self.eigenaar_gemeente is not None:
            return gemeente_eigenaar_naam(self.eigenaar_gemeente.naam)
        return self.team_naam

    def antwoord_voor(self, standaard_id: str) -> Antwoord | None:
        for a in self.antwoorden:
            if a.standaard_id == standaard_id:
                return a
        return None


# ---------------------------------------------------------------------------
# Status rules
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Voortgang:
    beantwoord: int
    totaal: int

    @property
    def compleet(self) -> bool:
        return self.beantwoord >= self.totaal

    @property
    def open(self) -> int:
        return self.totaal - self.beantwoord

    @property
    def percentage(self) -> float:
        return 100.0 if self.totaal == 0 else self.beantwoord * 100 / self.totaal


def voortgang(catalogus: Catalogus, antwoorden: Iterable[Antwoord]) -> Voortgang:
    """How many standards of the catalogue have an answer option chosen."""
    beantwoord = {a.standaard_id for a in antwoorden if a.code is not None and catalogus.heeft_standaard(a.standaard_id)}
    return Voortgang(beantwoord=len(beantwoord), totaal=len(catalogus.standaarden))


def controleer_bewerkbaar(status: ScanStatus) -> None:
    """Raise ``ScanNietBewerkbaar`` when answers, deelnemers or details may no longer change."""
    if status is ScanStatus.VASTGESTELD:
        raise ScanNietBewerkbaar(
            "Deze zelfscan is vastgesteld. Je kunt hem niet meer wijzigen. "
            "Wil je toch iets aanpassen? Heropen de zelfscan; er komt dan een nieuwe versie."
        )


def controleer_overgang(van: ScanStatus, naar: ScanStatus, voortgang: Voortgang) -> None:
    """Raise ``OngeldigeStatusovergang`` (Dutch) when ``van`` → ``naar`` is not allowed.

    Marking a scan *ingevuld* or *vastgesteld* needs an answer for every standard
    (use "Weet niet" or "Niet van toepassing" where needed).
    """
    if van == naar:
        raise OngeldigeStatusovergang(f"De zelfscan heeft de status '{van.label}' al.")
    if van is ScanStatus.VASTGESTELD:
        raise OngeldigeStatusovergang(
            "Deze zelfscan is vastgesteld. De status kan niet meer veranderen. "
            "Heropen de zelfscan als je iets wilt aanpassen; er komt dan een nieuwe versie."
        )
    if naar not in TOEGESTANE_OVERGANGEN[van]:
        if van is ScanStatus.CONCEPT and naar is ScanStatus.VASTGESTELD:
            raise OngeldigeStatusovergang(
                "Een zelfscan in concept kan niet direct worden vastgesteld. "
                "Zet hem eerst op 'Ingevuld' en stel hem daarna vast."
            )
        raise OngeldigeStatusovergang(
            f"De status kan niet van '{van.label}' naar '{naar.label}' veranderen."
        )
    if naar in (ScanStatus.INGEVULD, ScanStatus.VASTGESTELD) and not voortgang.compleet:
        raise OngeldigeStatusovergang(
            f"Nog niet alle standaarden zijn beantwoord ({voortgang.beantwoord} van {voortgang.totaal}). "
            "Beantwoord eerst alle standaarden. Weet je het antwoord niet? Kies dan 'Weet niet'."
        )


def wijzig_status(scan: Zelfscan, catalogus: Catalogus, naar: ScanStatus, *, op: date | None = None) -> Zelfscan:
    """Return the scan with a new status, after checking the rules.

    ``op`` (the date of vaststelling) is required when ``naar`` is VASTGESTELD.
    """
    _zelfde_catalogus(scan, catalogus)
    controleer_overgang(scan.status, naar, voortgang(catalogus, scan.antwoorden))
    if naar is ScanStatus.VASTGESTELD:
        if op is None:
            raise ValueError("vastgesteld_op date is required")
        controleer_antwoorden(catalogus, scan.antwoorden, volledig=True)
        return replace(scan, status=naar, vastgesteld_op=op)
    return replace(scan, status=naar, vastgesteld_op=None)


def heropen(scan: Zelfscan, reden: str) -> Zelfscan:
    """Start a new version of a vastgestelde scan: status concept, versie + 1, same answers.

    The old version stays as it is. ``reden`` (why it is reopened) is required.
    """
    if scan.status is not ScanStatus.VASTGESTELD:
        raise OngeldigeStatusovergang(
            "Alleen een vastgestelde zelfscan kan worden heropend. Deze zelfscan kun je gewoon aanpassen."
        )
    if not isinstance(reden, str) or not reden.strip():
        raise ValidationError(
            "Geef een reden op waarom je de zelfscan heropent.",
            details=["reden: mag niet leeg zijn"],
        )
    reden = reden.strip()
    if len(reden) > MAX_HEROPEN_REDEN:
        raise ValidationError(
            "De reden is te lang.",
            details=[f"reden: hoogstens {MAX_HEROPEN_REDEN} tekens (nu {len(reden)})"],
        )
    if scan.versie >= MAX_SCANVERSIE:
        raise ValidationError("Deze zelfscan heeft het hoogste versienummer bereikt.", details=[])
    return replace(
        scan,
        versie=scan.versie + 1,
        status=ScanStatus.CONCEPT,
        vastgesteld_op=None,
        heropen_reden=reden,
    )


def zet_antwoord(scan: Zelfscan, catalogus: Catalogus, antwoord: Antwoord) -> Zelfscan:
    """Return the scan with ``antwoord`` added or replaced (checks bewerkbaar and the answer itself)."""
    controleer_bewerkbaar(scan.status)
    _zelfde_catalogus(scan, catalogus)
    controleer_antwoorden(catalogus, [antwoord])
    rest = tuple(a for a in scan.antwoorden if a.standaard_id != antwoord.standaard_id)
    nieuw = rest + (antwoord,)
    return replace(scan, antwoorden=tuple(sorted(nieuw, key=lambda a: catalogus.positie_van(a.standaard_id))))


def stel_verbeterpunt_voor(catalogus: Catalogus, code: str | None) -> bool:
    """Suggested default for the verbeterpunt checkbox: True for a comparable option that is not "voldoet"."""
    if code is None or not catalogus.antwoordschaal.heeft_code(code):
        return False
    o = catalogus.antwoordschaal.optie(code)
    return o.vergelijkbaar and not o.telt_als_voldoet


def _zelfde_catalogus(scan: Zelfscan, catalogus: Catalogus) -> None:
    if scan.catalogus_sleutel != catalogus.sleutel:
        raise ValueError("scan and catalogue do not match (id/versie)")


# ---------------------------------------------------------------------------
# Validation of answers and scan fields (shared with the exchange file)
# ---------------------------------------------------------------------------


def problemen_antwoorden(
    catalogus: Catalogus,
    antwoorden: Sequence[Antwoord],
    p: Problemen,
    *,
    plaats: str = "antwoorden",
    volledig: bool = False,
    overslaan: Container[int] = (),
) -> None:
    """Add a Dutch problem line for every wrong answer (unknown standard/code, duplicate, bad fields).

    Answers whose index is in ``overslaan`` already had problems reported elsewhere; they are not
    checked again, but their standard still counts as present for the ``volledig`` check.
    """
    gezien: dict[str, int] = {}
    schaal = catalogus.antwoordschaal
    codes = ", ".join(f'"{c}"' for c in schaal.codes)
    for i, a in enumerate(antwoorden):
        pl = f"{plaats}[{i}]"
        if i in overslaan:
            if catalogus.heeft_standaard(a.standaard_id) and a.standaard_id not in gezien:
                gezien[a.standaard_id] = i
            continue
        if not catalogus.heeft_standaard(a.standaard_id):
            p.voeg_toe(f"{pl}.standaard_id", f"{toon(a.standaard_id)} is geen standaard in kwaliteitskader "
                                             f"{toon(catalogus.id)} versie {toon(catalogus.versie)}")
        elif a.standaard_id in gezien:
            p.voeg_toe(f"{pl}.standaard_id", f"standaard {toon(a.standaard_id)} is al eerder beantwoord "
                                             f"(bij {plaats}[{gezien[a.standaard_id]}])")
        else:
            gezien[a.standaard_id] = i
        if a.code is None:
            if volledig:
                p.voeg_toe(f"{pl}.code", "er is geen antwoord gekozen")
        elif not schaal.heeft_code(a.code):
            p.voeg_toe(f"{pl}.code", f"{toon(a.code)} is geen geldig antwoord; kies uit {codes}")
        for veld, maximum in (("toelichting", MAX_TOELICHTING), ("bewijs", MAX_BEWIJS)):
            w = getattr(a, veld)
            if not isinstance(w, str):
                p.voeg_toe(f"{pl}.{veld}", "moet tekst zijn")
            elif len(w) > maximum:
                p.voeg_toe(f"{pl}.{veld}", f"is te lang ({len(w)} tekens); het mag hoogstens {maximum} tekens zijn")
            elif heeft_verboden_tekens(w, meerregelig=True):
                p.voeg_toe(f"{pl}.{veld}", "bevat tekens die niet mogen (onzichtbare stuurtekens)")
        if not isinstance(a.verbeterpunt, bool):
            p.voeg_toe(f"{pl}.verbeterpunt", "moet true of false zijn")
        if a.prioriteit is not None and not isinstance(a.prioriteit, Prioriteit):
            p.voeg_toe(f"{pl}.prioriteit", "is geen geldige prioriteit")
        elif a.prioriteit is not None and a.verbeterpunt is not True:
            p.voeg_toe(f"{pl}.prioriteit", "een prioriteit hoort alleen bij een verbeterpunt; "
                                           "zet verbeterpunt aan of haal de prioriteit weg")
    if volledig:
        for s in catalogus.standaarden:
            if s.id not in gezien:
                p.voeg_toe(plaats, f"het antwoord voor standaard {toon(s.id)} ontbreekt")


def controleer_antwoorden(catalogus: Catalogus, antwoorden: Sequence[Antwoord], *, volledig: bool = False) -> None:
    """Raise ``ValidationError`` listing every wrong answer. ``volledig``: every standard must be answered."""
    p = Problemen()
    problemen_antwoorden(catalogus, antwoorden, p, volledig=volledig)
    p.gooi_als_nodig("Niet alle antwoorden in de zelfscan kloppen.")


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Telling:
    """Counts for one group of standards. See the module docstring for the percentage rule."""

    aantal_standaarden: int
    beantwoord: int
    voldoet: int
    uitgesloten: int  # N.v.t.
    apart: int  # Weet niet
    per_code: Mapping[str, int] = field(default_factory=dict, compare=True)

    @property
    def noemer(self) -> int:
        return self.beantwoord - self.uitgesloten - self.apart

    @property
    def niet_voldoet(self) -> int:
        """Answered with a comparable option that does not count as voldoet (e.g. D or N)."""
        return self.noemer - self.voldoet

    @property
    def niet_beantwoord(self) -> int:
        return self.aantal_standaarden - self.beantwoord

    @property
    def percentage_voldoet(self) -> float | None:
        """0–100, or None when there is nothing to score."""
        if self.noemer <= 0:
            return None
        return self.voldoet * 100 / self.noemer

    @property
    def percentage_afgerond(self) -> int | None:
        """Percentage rounded half up to a whole number (12.5 → 13), or None."""
        if self.noemer <= 0:
            return None
        return (self.voldoet * 200 + self.noemer) // (2 * self.noemer)


@dataclass(frozen=True)
class ThemaResultaat:
    thema: Thema
    telling: Telling
    per_doelgroep: Mapping[Doelgroep, Telling]  # only doelgroepen that have standards in this theme


@dataclass(frozen=True)
class Resultaat:
    totaal: Telling
    per_thema: tuple[ThemaResultaat, ...]  # in theme volgorde
    per_doelgroep: Mapping[Doelgroep, Telling]  # only doelgroepen that occur in the catalogue

    def thema(self, thema_id: str) -> ThemaResultaat:
        for t in self.per_thema:
            if t.thema.id == thema_id:
                return t
        raise KeyError(thema_id)


def _tel(catalogus: Catalogus, standaarden: Sequence[Standaard], per_id: Mapping[str, Antwoord]) -> Telling:
    schaal = catalogus.antwoordschaal
    per_code = {c: 0 for c in schaal.codes}
    beantwoord = voldoet = uitgesloten = apart = 0
    for s in standaarden:
        a = per_id.get(s.id)
        if a is None or a.code is None:
            continue
        o = schaal.optie(a.code)
        beantwoord += 1
        per_code[o.code] += 1
        if o.uitgesloten:
            uitgesloten += 1
        elif o.apart_tonen:
            apart += 1
        elif o.telt_als_voldoet:
            voldoet += 1
    return Telling(
        aantal_standaarden=len(standaarden), beantwoord=beantwoord, voldoet=voldoet,
        uitgesloten=uitgesloten, apart=apart, per_code=per_code,
    )


def _per_id(catalogus: Catalogus, antwoorden: Sequence[Antwoord]) -> dict[str, Antwoord]:
    controleer_antwoorden(catalogus, antwoorden)
    return {a.standaard_id: a for a in antwoorden}


def resultaten(catalogus: Catalogus, antwoorden: Sequence[Antwoord]) -> Resultaat:
    """Counts and percentages per theme, per doelgroep, per theme × doelgroep and overall.

    Raises ``ValidationError`` when an answer refers to an unknown standard or code, or a standard
    is answered twice. Standards without an answer count as not answered.
    """
    per_id = _per_id(catalogus, antwoorden)
    alle = catalogus.standaarden_op_volgorde
    per_thema = []
    for t in catalogus.themas_op_volgorde:
        in_thema = [s for s in alle if s.thema == t.id]
        per_dg = {
            d: _tel(catalogus, [s for s in in_thema if s.doelgroep is d], per_id)
            for d in Doelgroep
            if any(s.doelgroep is d for s in in_thema)
        }
        per_thema.append(ThemaResultaat(thema=t, telling=_tel(catalogus, in_thema, per_id), per_doelgroep=per_dg))
    per_doelgroep = {
        d: _tel(catalogus, [s for s in alle if s.doelgroep is d], per_id)
        for d in Doelgroep
        if any(s.doelgroep is d for s in alle)
    }
    return Resultaat(totaal=_tel(catalogus, alle, per_id), per_thema=tuple(per_thema), per_doelgroep=per_doelgroep)


@dataclass(frozen=True)
class Verbeterpunt:
    standaard: Standaard
    antwoord: Antwoord


def verbeterpunten(catalogus: Catalogus, antwoorden: Sequence[Antwoord]) -> tuple[Verbeterpunt, ...]:
    """Answers marked as verbeterpunt: by prioriteit (hoog, midden, laag, none), then in display order."""
    per_id = _per_id(catalogus, antwoorden)
    punten = [
        Verbeterpunt(catalogus.standaard(sid), a) for sid, a in per_id.items() if a.verbeterpunt
    ]
    punten.sort(key=lambda v: (
        v.antwoord.prioriteit.rang if v.antwoord.prioriteit is not None else 3,
        catalogus.volgorde_van(v.standaard.id),
    ))
    return tuple(punten)


# ---------------------------------------------------------------------------
# Comparing two scans of the same team
# ---------------------------------------------------------------------------


class Verandering(str, Enum):
    VERBETERD = "verbeterd"
    VERSLECHTERD = "verslechterd"
    GELIJK = "gelijk"
    NIEUW = "nieuw"  # not in the previous catalogue, or unanswered in the previous scan
    VERVALLEN = "vervallen"  # in the previous catalogue, not in the current one
    GEWIJZIGD_NIET_VERGELIJKBAAR = "gewijzigd_niet_vergelijkbaar"  # e.g. from N to Weet niet
    NIET_BEANTWOORD = "niet_beantwoord"  # no answer in the current scan

    @property
    def label(self) -> str:
        return {
            "verbeterd": "Verbeterd",
            "verslechterd": "Verslechterd",
            "gelijk": "Gelijk gebleven",
            "nieuw": "Nieuw",
            "vervallen": "Vervallen",
            "gewijzigd_niet_vergelijkbaar": "Gewijzigd (niet te vergelijken)",
            "niet_beantwoord": "Nu niet beantwoord",
        }[self.value]


@dataclass(frozen=True)
class StandaardVergelijking:
    standaard_id: str
    titel: str  # from the current catalogue, or the previous one for vervallen standards
    vorige_code: str | None
    huidige_code: str | None
    verandering: Verandering


@dataclass(frozen=True)
class Vergelijking:
    regels: tuple[StandaardVergelijking, ...]  # current display order, then vervallen ones
    zelfde_schaal: bool  # False: the scales differ, only "voldoet" vs "niet voldoet" is compared

    @property
    def aantallen(self) -> Mapping[Verandering, int]:
        uit = {v: 0 for v in Verandering}
        for r in self.regels:
            uit[r.verandering] += 1
        return uit

    def voor(self, standaard_id: str) -> StandaardVergelijking:
        for r in self.regels:
            if r.standaard_id == standaard_id:
                return r
        raise KeyError(standaard_id)


def vergelijk(
    vorige_catalogus: Catalogus,
    vorige_antwoorden: Sequence[Antwoord],
    catalogus: Catalogus,
    antwoorden: Sequence[Antwoord],
) -> Vergelijking:
    """Compare an earlier scan with the current one, per standard id.

    Order on the scale comes from ``Antwoordschaal.rang`` ("voldoet" options above the others, earlier
    in the file = better). N.v.t. and Weet niet are not on that scale: a change to or from them is
    ``GEWIJZIGD_NIET_VERGELIJKBAAR`` (the same code twice is ``GELIJK``). When the two catalogues use
    different scales, answers are only compared on "voldoet" versus "voldoet niet": voldoet -> voldoet is
    ``GELIJK``; two different non-voldoet codes are ``GEWIJZIGD_NIET_VERGELIJKBAAR``.
    """
    vorig = _per_id(vorige_catalogus, vorige_antwoorden)
    nu = _per_id(catalogus, antwoorden)
    vs, hs = vorige_catalogus.antwoordschaal, catalogus.antwoordschaal
    zelfde_schaal = vs.vergelijkings_profiel() == hs.vergelijkings_profiel()
    regels: list[StandaardVergelijking] = []
    for s in catalogus.standaarden_op_volgorde:
        h = nu.get(s.id)
        hc = h.code if h else None
        v = vorig.get(s.id) if vorige_catalogus.heeft_standaard(s.id) else None
        vc = v.code if v else None
        if hc is None:
            soort = Verandering.NIET_BEANTWOORD
        elif vc is None:
            soort = Verandering.NIEUW
        else:
            soort = _vergelijk_codes(vs, vc, hs, hc, zelfde_schaal)
        regels.append(StandaardVergelijking(s.id, s.titel, vc, hc, soort))
    for s in vorige_catalogus.standaarden_op_volgorde:
        if not catalogus.heeft_standaard(s.id):
            v = vorig.get(s.id)
            regels.append(StandaardVergelijking(s.id, s.titel, v.code if v else None, None, Verandering.VERVALLEN))
    return Vergelijking(regels=tuple(regels), zelfde_schaal=zelfde_schaal)


def _vergelijk_codes(vs: Antwoordschaal, vc: str, hs: Antwoordschaal, hc: str, zelfde_schaal: bool) -> Verandering:
    vo, ho = vs.optie(vc), hs.optie(hc)
    vrang, hrang = vs.rang(vc), hs.rang(hc)  # None exactly when the option is not ``vergelijkbaar``
    if vrang is None or hrang is None:
        if vc == hc and vo.uitgesloten == ho.uitgesloten and vo.apart_tonen == ho.apart_tonen:
            return Verandering.GELIJK
        return Verandering.GEWIJZIGD_NIET_VERGELIJKBAAR
    if zelfde_schaal:
        vr, hr = vrang, hrang
    else:
        vr, hr = int(vo.telt_als_voldoet), int(ho.telt_als_voldoet)
        if vr == hr == 0 and vc != hc:
            # e.g. "Voldoet gedeeltelijk" -> "Nee": both below "voldoet", order unknown across scales
            return Verandering.GEWIJZIGD_NIET_VERGELIJKBAAR
    if hr > vr:
        return Verandering.VERBETERD
    if hr < vr:
        return Verandering.VERSLECHTERD
    return Verandering.GELIJK


# ---------------------------------------------------------------------------
# Comparing teams within one gemeente
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamInvoer:
    """One team's scan for ``vergelijk_teams``. The caller selects the scans for one gemeente."""

    team_naam: str
    catalogus: Catalogus
    antwoorden: Sequence[Antwoord]


@dataclass(frozen=True)
class TeamThemaRij:
    thema_id: str
    thema_naam: str
    tellingen: tuple[Telling | None, ...]  # one per team; None when that team's catalogue lacks the theme

    @property
    def percentages(self) -> tuple[float | None, ...]:
        return tuple(t.percentage_voldoet if t else None for t in self.tellingen)


@dataclass(frozen=True)
class TeamVergelijking:
    teams: tuple[str, ...]
    rijen: tuple[TeamThemaRij, ...]  # themes in order of the first team's catalogue, then others
    totaal: tuple[Telling, ...]  # one per team
    gemengde_catalogi: bool  # True when not all teams used the same catalogue (id, versie, content)


def vergelijk_teams(invoer: Sequence[TeamInvoer]) -> TeamVergelijking:
    """Percentage voldoet per theme for each team (rows = themes, columns = teams in the given order)."""
    uitslagen = [resultaten(t.catalogus, t.antwoorden) for t in invoer]
    volgorde: list[str] = []
    namen: dict[str, str] = {}
    for t in invoer:
        for th in t.catalogus.themas_op_volgorde:
            if th.id not in namen:
                volgorde.append(th.id)
                namen[th.id] = th.naam
    rijen = []
    for tid in volgorde:
        tellingen: list[Telling | None] = []
        for r in uitslagen:
            try:
                tellingen.append(r.thema(tid).telling)
            except KeyError:
                tellingen.append(None)
        rijen.append(TeamThemaRij(thema_id=tid, thema_naam=namen[tid], tellingen=tuple(tellingen)))
    vingerafdrukken = {t.catalogus.fingerprint for t in invoer}
    return TeamVergelijking(
        teams=tuple(t.team_naam for t in invoer),
        rijen=tuple(rijen),
        totaal=tuple(r.totaal for r in uitslagen),
        gemengde_catalogi=len(vingerafdrukken) > 1,
    )


__all__ = [
    "EigenaarSoort", "gemeente_eigenaar_naam", "catalogus_voor", "TeamType", "DeelnemerRol", "ScanStatus", "Prioriteit", "TOEGESTANE_OVERGANGEN",
    "OngeldigeStatusovergang", "ScanNietBewerkbaar", "Gemeente", "Deelnemer", "Antwoord", "Zelfscan",
    "Voortgang", "voortgang", "controleer_bewerkbaar", "controleer_overgang", "wijzig_status", "heropen",
    "zet_antwoord", "stel_verbeterpunt_voor", "controleer_antwoorden", "problemen_antwoorden",
    "Telling", "ThemaResultaat", "Resultaat", "resultaten", "Verbeterpunt", "verbeterpunten",
    "Verandering", "StandaardVergelijking", "Vergelijking", "vergelijk",
    "TeamInvoer", "TeamThemaRij", "TeamVergelijking", "vergelijk_teams", "CBS_CODE_PATROON",
]
