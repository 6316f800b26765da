"""Regional policy as data: the actielijnen a plan van aanpak is organised by.

A *regiovisie profile* says which actielijnen (ambities, speerpunten, onderdelen …) a region
uses, what each one wants to reach, how the region numbers its actions ("actie 2A") and which
sentence the plan uses to refer to the regional plan. Bundled profiles are JSON files in
``resources/plan/regiovisies/`` (format: ``docs/regiovisie-profiel.md``); a beheerder may
also write an *eigen indeling*, stored in the workspace.

- :class:`Regiovisie`, :class:`Actielijn`, :class:`Nummering`, :class:`Bron`
- :func:`valideer_profiel` / :func:`profiel_uit`: a parsed profile file, strictly checked
- :func:`valideer_eigen_indeling` / :func:`eigen_indeling`: what a beheerder typed
- :func:`actienummers`: the number every action gets in the printed plan ("2A", "1.3", "7")
- :func:`groepeer`: actions grouped per actielijn in the profile's order; an action whose
  code is not in the profile keeps its code and is shown in a group of its own with a note

Stdlib only: no Qt, no SQL, no file IO. Codes of actielijnen are plain strings; there is
deliberately no enum of them anywhere.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

EIGEN_ID = "eigen"
PROFIEL_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
BUNDEL_CODE = re.compile(r"^[a-z0-9][a-z0-9_]{0,39}$")
EIGEN_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
LIJN_NUMMER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.]{0,9}$")
PATROON_VELDEN = frozenset({"lijn", "letter", "volgnummer", "nummer"})
PATRONEN = ("{lijn}{letter}", "{lijn}.{volgnummer}", "{nummer}")
PLAN_PLACEHOLDERS = frozenset({"regioplan", "indeling"})  # filled from the profile in the plan texts

MAX_NAAM = 200
MAX_TITEL = 120
MAX_DOEL = 1500
MAX_LIJNEN = 20
MAX_EIGEN_DOEL = 600


class RegiovisieFout(ValueError):
    """A profile or an eigen indeling is not valid. ``problemen`` lists every problem in Dutch."""

    def __init__(self, message: str, problemen: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problemen = list(problemen)


@dataclass(frozen=True)
class Bron:
    """A policy document a profile is taken from, with where in it."""

    titel: str
    uitgever: str
    datum: str
    vindplaats: str  # chapter, section and page(s)
    bestand: str = ""  # the text file the profile was checked against, if any


@dataclass(frozen=True)
class RegionaleActie:
    nummer: str  # as the region writes it, e.g. "2A"
    titel: str


@dataclass(frozen=True)
class Actielijn:
    code: str  # stored with each plan action; never changes
    titel: str
    doel: str  # what the line wants to reach, plain Dutch
    nummer: str = ""  # the line's number in the region's numbering ("2" in "2A")
    doelen: tuple[str, ...] = ()  # the region's goals (doelstellingen) under this line
    regionale_acties: tuple[RegionaleActie, ...] = ()
    vindplaats: str = ""  # where in the source


@dataclass(frozen=True)
class Nummering:
    patroon: str  # one of PATRONEN
    voorbeeld: str
    uitleg: str  # plain Dutch, printed with the action table


@dataclass(frozen=True)
class Regiovisie:
    id: str
    naam: str
    regio: str
    periode: str  # "2020–2023"; "" for an eigen indeling
    versie: str
    lijnnaam: str  # what the region calls a line: "actielijn", "onderdeel van de aanpak"
    actielijnen: tuple[Actielijn, ...]
    nummering: Nummering
    plantekst: str  # fills {regioplan} in the plan texts
    indelingtekst: str  # fills {indeling} in the plan texts
    bronnen: tuple[Bron, ...] = ()
    actie_lokale_teams: str = ""  # the regional action about local teams, e.g. "2A" ("" = none)
    toelichting: str = ""
    eigen: bool = False

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lijn.code for lijn in self.actielijnen)

    def actielijn(self, code: str | None) -> Actielijn | None:
        if code is None:
            return None
        return next((lijn for lijn in self.actielijnen if lijn.code == code), None)

    def label(self, code: str | None) -> str:
        """The title of a line; a code that is not in this profile is shown as it is stored, with a note."""
        if code is None or code == "":
            return ""
        lijn = self.actielijn(code)
        return lijn.titel if lijn is not None else f"{code} ({NIET_IN_INDELING})"

    def kop(self, lijn: Actielijn) -> str:
        """Heading of a line in the plan, e.g. "Actielijn 2 – Stoppen en duurzaam oplossen"."""
        woord = self.lijnnaam[:1].upper() + self.lijnnaam[1:]
        return f"{woord} {lijn.nummer} \u2013 {lijn.titel}" if lijn.nummer else f"{woord}: {lijn.titel}"

    def plan_waarden(self) -> dict[str, str]:
        """Values for the placeholders {regioplan} and {indeling} in the plan's section texts."""
        return {"regioplan": self.plantekst, "indeling": self.indelingtekst}


NIET_IN_INDELING = "staat niet in de gekozen indeling"
NOOT_ONBEKEND = ("Deze actielijn staat niet in de indeling die nu is gekozen. De actie houdt de actielijn "
                 "die ze had; kies zo nodig een actielijn uit de nieuwe indeling.")


# --------------------------------------------------------------------------- validation of a profile file


def _tekst(d: Mapping[str, Any], sleutel: str, plek: str, problemen: list[str], *, max_len: int,
           verplicht: bool = True) -> str:
    waarde = d.get(sleutel)
    if waarde is None and not verplicht:
        return ""
    if not isinstance(waarde, str) or (verplicht and not waarde.strip()):
        problemen.append(f"{plek}{sleutel}: ontbreekt of is leeg.")
        return ""
    if len(waarde) > max_len:
        problemen.append(f"{plek}{sleutel}: te lang (hoogstens {max_len} tekens).")
    return waarde.strip()


def _patroon_problemen(patroon: object, plek: str) -> list[str]:
    if not isinstance(patroon, str) or patroon not in PATRONEN:
        return [f"{plek}: kies een van deze patronen: {', '.join(PATRONEN)}."]
    return []


def valideer_profiel(data: object) -> list[str]:
    """Every problem in a parsed profile file, in Dutch, each with its place. Empty = fine."""
    if not isinstance(data, Mapping):
        return ["Het bestand bevat geen object met gegevens."]
    p: list[str] = []
    for sleutel in ("versie", "id", "naam", "regio", "periode", "lijnnaam", "plantekst", "indelingtekst"):
        _tekst(data, sleutel, "", p, max_len=MAX_DOEL)
    pid = data.get("id")
    if isinstance(pid, str) and pid.strip():
        if not PROFIEL_ID.match(pid) or pid == EIGEN_ID:
            p.append("id: gebruik kleine letters, cijfers en streepjes, bijvoorbeeld hollands-midden-2024; "
                     f"'{EIGEN_ID}' is gereserveerd.")
    periode = data.get("periode")
    if isinstance(periode, str) and periode.strip() and not re.fullmatch(r"\d{4}(\s*[–-]\s*\d{4})?", periode.strip()):
        p.append("periode: schrijf een jaar of twee jaren, bijvoorbeeld 2024–2028.")
    # sources
    bronnen = data.get("bron")
    if not isinstance(bronnen, list) or not bronnen:
        p.append("bron: noem minstens één brondocument.")
    else:
        for i, b in enumerate(bronnen):
            plek = f"bron[{i}]."
            if not isinstance(b, Mapping):
                p.append(f"bron[{i}]: is geen object.")
                continue
            for sleutel in ("titel", "uitgever", "datum", "vindplaats"):
                _tekst(b, sleutel, plek, p, max_len=MAX_NAAM * 2)
            _tekst(b, "bestand", plek, p, max_len=MAX_NAAM, verplicht=False)
    # numbering
    nummering = data.get("nummering")
    patroon = None
    if not isinstance(nummering, Mapping):
        p.append("nummering: ontbreekt.")
    else:
        patroon = nummering.get("patroon")
        p += _patroon_problemen(patroon, "nummering.patroon")
        _tekst(nummering, "voorbeeld", "nummering.", p, max_len=20)
        _tekst(nummering, "uitleg", "nummering.", p, max_len=MAX_DOEL)
    # lines
    lijnen = data.get("actielijnen")
    codes: list[str] = []
    nummers: list[str] = []
    if not isinstance(lijnen, list) or not lijnen:
        p.append("actielijnen: noem minstens één actielijn.")
        lijnen = []
    elif len(lijnen) > MAX_LIJNEN:
        p.append(f"actielijnen: hoogstens {MAX_LIJNEN} actielijnen.")
    regionale: dict[str, str] = {}
    for i, lijn in enumerate(lijnen):
        plek = f"actielijnen[{i}]."
        if not isinstance(lijn, Mapping):
            p.append(f"actielijnen[{i}]: is geen object.")
            continue
        code = _tekst(lijn, "code", plek, p, max_len=40)
        if code and not BUNDEL_CODE.match(code):
            p.append(f"{plek}code: gebruik kleine letters, cijfers en _ (zonder spaties).")
        if code and code in codes:
            p.append(f"{plek}code: '{code}' komt al eerder voor.")
        codes.append(code)
        _tekst(lijn, "titel", plek, p, max_len=MAX_TITEL)
        _tekst(lijn, "doel", plek, p, max_len=MAX_DOEL)
        _tekst(lijn, "vindplaats", plek, p, max_len=MAX_NAAM)
        nummer = _tekst(lijn, "nummer", plek, p, max_len=10, verplicht=patroon != "{nummer}")
        if nummer and not LIJN_NUMMER.match(nummer):
            p.append(f"{plek}nummer: gebruik letters, cijfers of een punt, bijvoorbeeld 2.")
        if nummer and nummer in nummers:
            p.append(f"{plek}nummer: '{nummer}' komt al eerder voor.")
        nummers.append(nummer)
        doelen = lijn.get("doelen", [])
        if not isinstance(doelen, list) or not all(isinstance(d, str) and d.strip() for d in doelen):
            p.append(f"{plek}doelen: een lijst met teksten (mag leeg zijn).")
        acties = lijn.get("regionale_acties", [])
        if not isinstance(acties, list):
            p.append(f"{plek}regionale_acties: een lijst (mag leeg zijn).")
            acties = []
        for j, a in enumerate(acties):
            aplek = f"{plek}regionale_acties[{j}]."
            if not isinstance(a, Mapping):
                p.append(f"{plek}regionale_acties[{j}]: is geen object.")
                continue
            anummer = _tekst(a, "nummer", aplek, p, max_len=20)
            _tekst(a, "titel", aplek, p, max_len=MAX_NAAM)
            if anummer:
                if anummer in regionale:
                    p.append(f"{aplek}nummer: '{anummer}' komt al eerder voor.")
                regionale[anummer] = code
                if nummer and patroon == "{lijn}{letter}" and not re.fullmatch(re.escape(nummer) + r"[A-Z]+", anummer):
                    p.append(f"{aplek}nummer: '{anummer}' past niet bij het patroon {patroon} van deze actielijn.")
    # the regional action about local teams
    lokaal = data.get("actie_lokale_teams")
    if lokaal is not None:
        if not isinstance(lokaal, str) or not lokaal.strip():
            p.append("actie_lokale_teams: een actienummer, of laat het veld weg.")
        elif lokaal not in regionale:
            p.append(f"actie_lokale_teams: '{lokaal}' staat niet bij de regionale acties van een actielijn.")
        elif isinstance(data.get("plantekst"), str) and lokaal not in data["plantekst"]:
            p.append(f"plantekst: noem de regionale actie {lokaal} die over de lokale teams gaat.")
    for sleutel in ("plantekst", "indelingtekst"):
        tekst = data.get(sleutel)
        if isinstance(tekst, str) and ("{" in tekst or "}" in tekst):
            p.append(f"{sleutel}: accolades {{ }} zijn hier niet toegestaan.")
    _tekst(data, "toelichting", "", p, max_len=MAX_DOEL * 2, verplicht=False)
    return p


def profiel_uit(data: Mapping[str, Any]) -> Regiovisie:
    """A profile from a parsed and valid file (raises :class:`RegiovisieFout` otherwise)."""
    problemen = valideer_profiel(data)
    if problemen:
        raise RegiovisieFout("Het regiovisieprofiel klopt niet.", problemen)
    n = data["nummering"]
    return Regiovisie(
        id=data["id"], naam=data["naam"].strip(), regio=data["regio"].strip(), periode=data["periode"].strip(),
        versie=data["versie"].strip(), lijnnaam=data["lijnnaam"].strip(),
        actielijnen=tuple(
            Actielijn(code=lijn["code"], titel=lijn["titel"].strip(), doel=lijn["doel"].strip(),
                      nummer=str(lijn.get("nummer") or "").strip(),
                      doelen=tuple(d.strip() for d in lijn.get("doelen", [])),
                      regionale_acties=tuple(RegionaleActie(a["nummer"].strip(), a["titel"].strip())
                                             for a in lijn.get("regionale_acties", [])),
                      vindplaats=lijn["vindplaats"].strip())
            for lijn in data["actielijnen"]),
        nummering=Nummering(n["patroon"], n["voorbeeld"].strip(), n["uitleg"].strip()),
        plantekst=data["plantekst"].strip(), indelingtekst=data["indelingtekst"].strip(),
        bronnen=tuple(Bron(b["titel"].strip(), b["uitgever"].strip(), b["datum"].strip(), b["vindplaats"].strip(),
                           str(b.get("bestand") or "").strip()) for b in data["bron"]),
        actie_lokale_teams=str(data.get("actie_lokale_teams") or ""),
        toelichting=str(data.get("toelichting") or "").strip(),
    )


# --------------------------------------------------------------------------- eigen indeling


@dataclass(frozen=True)
class EigenLijn:
    """One line of an eigen indeling as the beheerder typed it."""

    code: str
    titel: str
    doel: str = ""


def _eigen_lijn(item: object) -> EigenLijn | None:
    if isinstance(item, EigenLijn):
        return item
    if isinstance(item, Actielijn):
        return EigenLijn(item.code, item.titel, item.doel)
    if isinstance(item, Mapping):
        # As typed, not yet checked: valideer_eigen_indeling reads these fields through isinstance guards, and
        # eigen_indeling builds its profile only from lines that passed. So they may hold a non-str here.
        return EigenLijn(item.get("code"), item.get("titel"), item.get("doel", ""))  # type: ignore[arg-type]
    return None


def valideer_eigen_indeling(naam: object, actielijnen: object) -> list[str]:
    """Problems in an eigen indeling, in plain Dutch with their place ("Regel 2, code: …"). Empty = fine.

    Rules: a name; at least one line; every line has a code (letters, digits, ``-``, ``_`` or ``.``,
    no spaces, at most 40 characters, so every bundled code fits) that no other line has (upper and
    lower case count as the same), and a title; the goal may be empty.
    """
    p: list[str] = []
    if not isinstance(naam, str) or not naam.strip():
        p.append("Naam: geef de indeling een naam, bijvoorbeeld 'Actieplan gemeente 2026'.")
    elif len(naam.strip()) > MAX_NAAM:
        p.append(f"Naam: gebruik hoogstens {MAX_NAAM} tekens.")
    if isinstance(actielijnen, (str, bytes)) or not isinstance(actielijnen, Iterable):
        return p + ["Actielijnen: maak minstens één actielijn."]
    lijnen = list(actielijnen)
    if not lijnen:
        return p + ["Actielijnen: maak minstens één actielijn."]
    if len(lijnen) > MAX_LIJNEN:
        p.append(f"Actielijnen: hoogstens {MAX_LIJNEN} actielijnen.")
    gezien: dict[str, int] = {}
    for i, item in enumerate(lijnen, start=1):
        plek = f"Regel {i}"
        lijn = _eigen_lijn(item)
        if lijn is None:
            p.append(f"{plek}: deze regel is leeg of klopt niet.")
            continue
        code = lijn.code.strip() if isinstance(lijn.code, str) else ""
        titel = lijn.titel.strip() if isinstance(lijn.titel, str) else ""
        doel = lijn.doel if isinstance(lijn.doel, str) else None
        if not code:
            p.append(f"{plek}, code: vul een korte code in, bijvoorbeeld A of preventie.")
        elif not EIGEN_CODE.match(code):
            p.append(f"{plek}, code: gebruik alleen letters, cijfers, - of _ (geen spaties, hoogstens 40 tekens).")
        elif code.casefold() in gezien:
            p.append(f"{plek}, code: '{code}' staat ook al op regel {gezien[code.casefold()]}. "
                     "Geef elke actielijn een eigen code.")
        else:
            gezien[code.casefold()] = i
        if not titel:
            p.append(f"{plek}, titel: vul een titel in.")
        elif len(titel) > MAX_TITEL:
            p.append(f"{plek}, titel: gebruik hoogstens {MAX_TITEL} tekens.")
        if doel is None:
            p.append(f"{plek}, doel: dit moet tekst zijn.")
        elif len(doel.strip()) > MAX_EIGEN_DOEL:
            p.append(f"{plek}, doel: gebruik hoogstens {MAX_EIGEN_DOEL} tekens.")
    return p


def eigen_indeling(naam: str, actielijnen: Sequence[object], *, versie: str = "") -> Regiovisie:
    """The eigen indeling as a profile (raises :class:`RegiovisieFout` when it is not valid).

    Actions in an eigen indeling keep their plain plan number (1, 2, 3 …).
    """
    problemen = valideer_eigen_indeling(naam, actielijnen)
    if problemen:
        raise RegiovisieFout("De eigen indeling is niet opgeslagen. Pas dit aan:", problemen)
    naam = " ".join(naam.split())
    lijnen = [lijn for x in actielijnen if (lijn := _eigen_lijn(x)) is not None]  # all of them: validated above
    return Regiovisie(
        id=EIGEN_ID, naam=naam, regio="", periode="", versie=versie, lijnnaam="actielijn",
        actielijnen=tuple(Actielijn(code=lijn.code.strip(), titel=" ".join(lijn.titel.split()),
                                    doel=lijn.doel.strip()) for lijn in lijnen),
        nummering=Nummering("{nummer}", "3", "De acties zijn genummerd in de volgorde waarin ze zijn gemaakt."),
        plantekst=f"Daarvoor werken we met een eigen indeling in actielijnen: {naam}.",
        indelingtekst=f"De acties zijn ingedeeld naar de actielijnen van de eigen indeling '{naam}'.",
        bronnen=(Bron(naam, "beheerder van deze werkruimte", versie, "eigen indeling in de app"),),
        eigen=True,
    )


def eigen_indeling_naar_dict(profiel: Regiovisie) -> dict[str, Any]:
    """What is stored in the workspace for an eigen indeling."""
    return {"naam": profiel.naam,
            "actielijnen": [{"code": lijn.code, "titel": lijn.titel, "doel": lijn.doel} for lijn in profiel.actielijnen]}


# --------------------------------------------------------------------------- numbering and grouping


class _Genummerd(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def nummer(self) -> int: ...

    @property
    def actielijn(self) -> str | None: ...


def letters(n: int) -> str:
    """1 -> "A", 26 -> "Z", 27 -> "AA" (bijective base 26)."""
    if n < 1:
        raise ValueError(n)
    uit = ""
    while n:
        n, rest = divmod(n - 1, 26)
        uit = chr(ord("A") + rest) + uit
    return uit


def actienummers(profiel: Regiovisie, acties: Sequence[_Genummerd]) -> dict[int, str]:
    """The number each action has in the printed plan, by action id.

    The profile's pattern is applied per actielijn, in the order of the actions' plan numbers:
    with ``{lijn}{letter}`` the first two actions of line 2 are "2A" and "2B"; with
    ``{lijn}.{volgnummer}`` they are "2.1" and "2.2". Actions without a line, or with a code that
    is not in the profile, keep their plain plan number ("7"), as do all actions with ``{nummer}``.
    """
    uit: dict[int, str] = {}
    per_lijn: dict[str, int] = {}
    for a in sorted(acties, key=lambda a: (a.nummer, a.id)):
        lijn = profiel.actielijn(a.actielijn)
        if lijn is None or profiel.nummering.patroon == "{nummer}" or not lijn.nummer:
            uit[a.id] = str(a.nummer)
            continue
        positie = per_lijn[lijn.code] = per_lijn.get(lijn.code, 0) + 1
        uit[a.id] = profiel.nummering.patroon.format(lijn=lijn.nummer, letter=letters(positie), volgnummer=positie,
                                                     nummer=a.nummer)
    return uit


_A = TypeVar("_A", bound=_Genummerd)


@dataclass(frozen=True)
class Groep(Generic[_A]):
    """Actions of one actielijn (or without one) as shown in the plan."""

    kop: str
    acties: tuple[_A, ...] = ()
    actielijn: Actielijn | None = None
    code: str | None = None  # the stored code; None = actions without a line
    noot: str = ""  # set when the code is not in the profile
    doel: str = ""

    @property
    def bekend(self) -> bool:
        return self.actielijn is not None


def groepeer(profiel: Regiovisie, acties: Sequence[_A], *, lege_lijnen: bool = False) -> list[Groep[_A]]:
    """Actions per actielijn: the profile's lines in their order, then codes that are not in the
    profile (each its own group, with :data:`NOOT_ONBEKEND`), then actions without a line.
    Within a group the plan number decides the order. Lines without actions are left out unless
    ``lege_lijnen``. No action is ever dropped."""
    gesorteerd = sorted(acties, key=lambda a: (a.nummer, a.id))
    groepen: list[Groep[_A]] = []
    for lijn in profiel.actielijnen:
        hier = tuple(a for a in gesorteerd if a.actielijn == lijn.code)
        if hier or lege_lijnen:
            groepen.append(Groep(profiel.kop(lijn), hier, lijn, lijn.code, "", lijn.doel))
    onbekend = list(dict.fromkeys(a.actielijn for a in gesorteerd if a.actielijn and profiel.actielijn(a.actielijn)
                                  is None))
    for code in onbekend:
        hier = tuple(a for a in gesorteerd if a.actielijn == code)
        groepen.append(Groep(f"Actielijn '{code}' ({NIET_IN_INDELING})", hier, None, code, NOOT_ONBEKEND))
    zonder = tuple(a for a in gesorteerd if not a.actielijn)
    if zonder:
        groepen.append(Groep("Zonder actielijn", zonder, None, None))
    return groepen


__all__ = [
    "EIGEN_ID", "PATRONEN", "PLAN_PLACEHOLDERS", "NIET_IN_INDELING", "NOOT_ONBEKEND", "RegiovisieFout", "Bron",
    "RegionaleActie", "Actielijn", "Nummering", "Regiovisie", "EigenLijn", "Groep", "valideer_profiel",
    "profiel_uit", "valideer_eigen_indeling", "eigen_indeling", "eigen_indeling_naar_dict", "letters",
    "actienummers", "groepeer",
]
