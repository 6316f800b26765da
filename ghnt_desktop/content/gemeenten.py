"""Reference data: Dutch gemeenten (CBS codes), merged gemeenten and regions.

Loads ``resources/gemeenten/gemeenten.json`` into frozen dataclasses and offers
look-ups that forgive case, accents and spacing::

    zoek_gemeente("zaanstad")        -> Gemeente(cbs_code="GM0479", ...)
    zoek_gemeente("GM0479")          -> the same
    zoek_gemeente("Sudwest-Fryslan") -> Súdwest-Fryslân
    zoek_gemeente("Den Haag")        -> 's-Gravenhage (via an alias)
    regios_van("GM0479")             -> (Regio Zaanstreek-Waterland,)

The file is validated on load (:func:`valideer_gemeenten_data`); a broken file
raises :class:`ghnt_desktop.errors.ValidationError` listing every problem.
The default file is read once per process (``functools.cache``).
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ghnt_desktop.errors import ValidationError
from ghnt_desktop.paths import resource_path

CBS_CODE_PATROON = re.compile(r"^GM\d{4}$")
REGIO_TYPES = frozenset({"veilig_thuis", "centrumgemeente_vo", "ghnt", "veiligheidsregio"})


@dataclass(frozen=True)
class Gemeente:
    cbs_code: str
    naam: str
    provincie: str
    aliassen: tuple[str, ...] = ()


@dataclass(frozen=True)
class HistorischeGemeente:
    """A gemeente that no longer exists (merged into ``opgegaan_in``)."""

    cbs_code: str
    naam: str
    provincie: str
    opgeheven: int  # year
    opgegaan_in: str  # CBS code of the current gemeente
    datum: str = ""  # ISO date of the merger, when known


@dataclass(frozen=True)
class Regio:
    code: str  # stable id, e.g. "vt-zaanstreek-waterland"
    type: str  # "veilig_thuis", ...
    naam: str
    centrumgemeente: str  # CBS code
    leden: tuple[str, ...]  # CBS codes
    opmerking: str = ""


@dataclass(frozen=True)
class GemeentenData:
    versie: str
    peiljaar: int
    bron: str
    opmerking: str
    aantal: int
    gemeenten: tuple[Gemeente, ...]  # sorted by name (see :func:`sorteer_sleutel`)
    historisch: tuple[HistorischeGemeente, ...]
    regios: tuple[Regio, ...]


# --------------------------------------------------------------------------- normalising


def normaliseer(tekst: str) -> str:
    """Case-, accent- and spacing-insensitive form for comparing names.

    ``"  Súdwest-Fryslân "`` -> ``"sudwest-fryslan"``; curly apostrophes become ``'``.
    """
    s = unicodedata.normalize("NFKD", tekst)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    s = s.replace("\u2013", "-").replace("\u2011", "-")
    return " ".join(s.casefold().split())


_LIDWOORD = re.compile(r"^('s-|'s |de |den |het )")
_SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")


def sorteer_sleutel(naam: str) -> str:
    """Sort key as in CBS lists: "De Bilt" under B, "'s-Gravenhage" under G."""
    return _LIDWOORD.sub("", normaliseer(naam))


def _zonder_suffix(naam: str) -> str:
    """``"bergen (nh.)"`` -> ``"bergen"`` (input already normalised)."""
    return _SUFFIX.sub("", naam)


def _sleutel(naam: str) -> str:
    """Look-up key: normalised, without dots ("Bergen (NH)" finds "Bergen (NH.)")."""
    return normaliseer(naam).replace(".", "")


def _normaliseer_code(zoekterm: str) -> str | None:
    """``"gm0479"``, ``"GM 0479"``, ``"0479"`` and ``"479"`` -> ``"GM0479"``; else None."""
    s = zoekterm.strip().upper().replace(" ", "")
    m = re.fullmatch(r"(GM)?(\d{1,4})", s)
    if not m:
        return None
    return "GM" + m.group(2).zfill(4)


# --------------------------------------------------------------------------- validation


def valideer_gemeenten_data(data: object) -> list[str]:
    """Every problem in a parsed gemeenten.json, in Dutch, with its place. Empty = fine."""
    problemen: list[str] = []
    if not isinstance(data, Mapping):
        return ["Het bestand bevat geen object met gegevens."]

    for veld, soort in (("versie", str), ("bron", str), ("opmerking", str)):
        if not isinstance(data.get(veld), soort) or not str(data.get(veld)).strip():
            problemen.append(f"{veld}: ontbreekt of is leeg.")
    peiljaar = data.get("peiljaar")
    if not isinstance(peiljaar, int) or isinstance(peiljaar, bool) or not 2000 <= peiljaar <= 2100:
        problemen.append("peiljaar: moet een jaartal zijn, bijvoorbeeld 2026.")

    gemeenten = data.get("gemeenten")
    codes: set[str] = set()
    namen: set[str] = set()
    if not isinstance(gemeenten, list) or not gemeenten:
        problemen.append("gemeenten: de lijst ontbreekt of is leeg.")
        gemeenten = []
    for i, g in enumerate(gemeenten):
        plek = f"gemeenten[{i}]"
        if not isinstance(g, Mapping):
            problemen.append(f"{plek}: is geen object.")
            continue
        code, naam, provincie = g.get("cbs_code"), g.get("naam"), g.get("provincie")
        if not isinstance(code, str) or not CBS_CODE_PATROON.match(code):
            problemen.append(f"{plek}.cbs_code: {code!r} is geen CBS-code (GM en 4 cijfers).")
        elif code in codes:
            problemen.append(f"{plek}.cbs_code: {code} komt dubbel voor.")
        else:
            codes.add(code)
        if not isinstance(naam, str) or not naam.strip():
            problemen.append(f"{plek}.naam: ontbreekt.")
        elif normaliseer(naam) in namen:
            problemen.append(f"{plek}.naam: {naam} komt dubbel voor.")
        else:
            namen.add(normaliseer(naam))
        if not isinstance(provincie, str) or not provincie.strip():
            problemen.append(f"{plek}.provincie: ontbreekt.")
        aliassen = g.get("aliassen", [])
        if not isinstance(aliassen, list) or not all(isinstance(a, str) and a.strip() for a in aliassen):
            problemen.append(f"{plek}.aliassen: moet een lijst met namen zijn.")

    aantal = data.get("aantal")
    if not isinstance(aantal, int) or isinstance(aantal, bool):
        problemen.append("aantal: moet een getal zijn.")
    elif aantal != len(gemeenten):
        problemen.append(f"aantal: er staat {aantal}, maar de lijst heeft {len(gemeenten)} gemeenten.")

    historisch = data.get("historisch", [])
    if not isinstance(historisch, list):
        problemen.append("historisch: moet een lijst zijn.")
        historisch = []
    for i, h in enumerate(historisch):
        plek = f"historisch[{i}]"
        if not isinstance(h, Mapping):
            problemen.append(f"{plek}: is geen object.")
            continue
        code = h.get("cbs_code")
        if not isinstance(code, str) or not CBS_CODE_PATROON.match(code):
            problemen.append(f"{plek}.cbs_code: {code!r} is geen CBS-code.")
        elif code in codes:
            problemen.append(f"{plek}.cbs_code: {code} staat ook bij de huidige gemeenten.")
        if not isinstance(h.get("naam"), str) or not h["naam"].strip():
            problemen.append(f"{plek}.naam: ontbreekt.")
        jaar = h.get("opgeheven")
        if not isinstance(jaar, int) or isinstance(jaar, bool):
            problemen.append(f"{plek}.opgeheven: moet een jaartal zijn.")
        if h.get("opgegaan_in") not in codes:
            problemen.append(f"{plek}.opgegaan_in: {h.get('opgegaan_in')!r} is geen huidige gemeente.")

    regios = data.get("regios", [])
    if not isinstance(regios, list):
        problemen.append("regios: moet een lijst zijn.")
        regios = []
    regio_codes: set[str] = set()
    for i, r in enumerate(regios):
        plek = f"regios[{i}]"
        if not isinstance(r, Mapping):
            problemen.append(f"{plek}: is geen object.")
            continue
        rcode = r.get("code")
        if not isinstance(rcode, str) or not rcode.strip():
            problemen.append(f"{plek}.code: ontbreekt.")
        elif rcode in regio_codes:
            problemen.append(f"{plek}.code: {rcode} komt dubbel voor.")
        else:
            regio_codes.add(rcode)
        if r.get("type") not in REGIO_TYPES:
            problemen.append(f"{plek}.type: {r.get('type')!r} is onbekend.")
        if not isinstance(r.get("naam"), str) or not r["naam"].strip():
            problemen.append(f"{plek}.naam: ontbreekt.")
        leden = r.get("leden")
        if not isinstance(leden, list) or not leden:
            problemen.append(f"{plek}.leden: de lijst ontbreekt of is leeg.")
            leden = []
        if len(set(map(str, leden))) != len(leden):
            problemen.append(f"{plek}.leden: een gemeente staat er dubbel in.")
        for j, lid in enumerate(leden):
            if lid not in codes:
                problemen.append(f"{plek}.leden[{j}]: {lid!r} is geen huidige gemeente.")
        centrum = r.get("centrumgemeente")
        if centrum not in leden:
            problemen.append(f"{plek}.centrumgemeente: {centrum!r} hoort niet bij de leden.")
    return problemen


# --------------------------------------------------------------------------- loading


def lees_gemeenten(pad: Path) -> GemeentenData:
    """Read and validate one gemeenten file (not cached; use :func:`gemeenten_data`)."""
    try:
        data = json.loads(Path(pad).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ValidationError("Het bestand met gemeenten ontbreekt.", details=[str(pad)]) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(
            "Het bestand met gemeenten kan niet worden gelezen.", details=[f"{pad}: {exc}"]
        ) from exc
    problemen = valideer_gemeenten_data(data)
    if problemen:
        raise ValidationError("Het bestand met gemeenten klopt niet.", details=problemen)
    return _naar_data(data)


def _naar_data(data: Mapping[str, Any]) -> GemeentenData:
    gemeenten = tuple(
        sorted(
            (
                Gemeente(
                    cbs_code=g["cbs_code"],
                    naam=g["naam"].strip(),
                    provincie=g["provincie"].strip(),
                    aliassen=tuple(a.strip() for a in g.get("aliassen", [])),
                )
                for g in data["gemeenten"]
            ),
            key=lambda g: (sorteer_sleutel(g.naam), g.cbs_code),
        )
    )
    historisch = tuple(
        HistorischeGemeente(
            cbs_code=h["cbs_code"],
            naam=h["naam"].strip(),
            provincie=str(h.get("provincie", "")).strip(),
            opgeheven=h["opgeheven"],
            opgegaan_in=h["opgegaan_in"],
            datum=str(h.get("datum", "")),
        )
        for h in data.get("historisch", [])
    )
    regios = tuple(
        Regio(
            code=r["code"],
            type=r["type"],
            naam=r["naam"].strip(),
            centrumgemeente=r["centrumgemeente"],
            leden=tuple(r["leden"]),
            opmerking=str(r.get("opmerking", "")),
        )
        for r in data.get("regios", [])
    )
    return GemeentenData(
        versie=data["versie"],
        peiljaar=data["peiljaar"],
        bron=data["bron"],
        opmerking=data["opmerking"],
        aantal=data["aantal"],
        gemeenten=gemeenten,
        historisch=historisch,
        regios=regios,
    )


def standaard_pad() -> Path:
    return resource_path("gemeenten", "gemeenten.json")


@functools.cache
def gemeenten_data() -> GemeentenData:
    """The bundled gemeenten file, read and validated once per process."""
    return lees_gemeenten(standaard_pad())


@functools.cache
def _index() -> _Index:
    return _Index(gemeenten_data())


class _Index:
    def __init__(self, data: GemeentenData) -> None:
        self.per_code = {g.cbs_code: g for g in data.gemeenten}
        self.per_naam = {_sleutel(g.naam): g for g in data.gemeenten}
        self.per_alias: dict[str, Gemeente] = {}
        for g in data.gemeenten:
            for alias in g.aliassen:
                self.per_alias.setdefault(_sleutel(alias), g)
        # "hengelo" -> Hengelo (O.); only when the bare name is unique ("bergen" is not)
        kaal: dict[str, list[Gemeente]] = {}
        for g in data.gemeenten:
            kaal.setdefault(_zonder_suffix(_sleutel(g.naam)), []).append(g)
        self.per_kale_naam = {k: v[0] for k, v in kaal.items() if len(v) == 1}
        self.historisch_per_code = {h.cbs_code: h for h in data.historisch}
        self.historisch_per_naam = {_sleutel(h.naam): h for h in data.historisch}
        self.regios = data.regios


# --------------------------------------------------------------------------- look-ups


def alle_gemeenten() -> tuple[Gemeente, ...]:
    """All current gemeenten, sorted by name as in CBS lists."""
    return gemeenten_data().gemeenten


def zoek_gemeente(zoekterm: str) -> Gemeente | None:
    """A current gemeente by CBS code or name (case-, accent- and space-tolerant).

    Order: CBS code, exact name, alias ("Den Haag"), name without the CBS suffix
    when that is unique ("Hengelo" -> "Hengelo (O.)"). Merged gemeenten give None
    (see :func:`zoek_historisch`).
    """
    if not isinstance(zoekterm, str) or not zoekterm.strip():
        return None
    idx = _index()
    code = _normaliseer_code(zoekterm)
    if code is not None:
        return idx.per_code.get(code)
    sleutel = _sleutel(zoekterm)
    return (
        idx.per_naam.get(sleutel)
        or idx.per_alias.get(sleutel)
        or idx.per_kale_naam.get(_zonder_suffix(sleutel))
    )


def zoek_historisch(zoekterm: str) -> HistorischeGemeente | None:
    """A merged gemeente by old CBS code or name, e.g. "Beemster" or "GM0370"."""
    if not isinstance(zoekterm, str) or not zoekterm.strip():
        return None
    idx = _index()
    code = _normaliseer_code(zoekterm)
    if code is not None:
        return idx.historisch_per_code.get(code)
    return idx.historisch_per_naam.get(_sleutel(zoekterm))


def huidige_gemeente(zoekterm: str) -> Gemeente | None:
    """Like :func:`zoek_gemeente`, but a merged gemeente resolves to the one it joined."""
    gevonden = zoek_gemeente(zoekterm)
    if gevonden is not None:
        return gevonden
    oud = zoek_historisch(zoekterm)
    return _index().per_code.get(oud.opgegaan_in) if oud else None


def _code_van(gemeente: Gemeente | str) -> str | None:
    if isinstance(gemeente, Gemeente):
        return gemeente.cbs_code
    gevonden = zoek_gemeente(gemeente)
    return gevonden.cbs_code if gevonden else None


def regios_van(gemeente: Gemeente | str, *, regio_type: str | None = None) -> tuple[Regio, ...]:
    """The regions a gemeente belongs to (optionally only those of ``regio_type``)."""
    code = _code_van(gemeente)
    if code is None:
        return ()
    return tuple(
        r
        for r in _index().regios
        if code in r.leden and (regio_type is None or r.type == regio_type)
    )


def alle_regios(*, regio_type: str | None = None) -> tuple[Regio, ...]:
    return tuple(r for r in _index().regios if regio_type is None or r.type == regio_type)


def zoek_regio(zoekterm: str) -> Regio | None:
    """A region by its code ("vt-ijsselland") or name ("IJsselland"), tolerant."""
    sleutel = normaliseer(zoekterm or "")
    for r in _index().regios:
        if sleutel in (normaliseer(r.code), normaliseer(r.naam)):
            return r
    return None


def leden_van(regio: Regio) -> tuple[Gemeente, ...]:
    """The member gemeenten of a region, sorted by name."""
    per_code = _index().per_code
    return tuple(
        sorted((per_code[c] for c in regio.leden), key=lambda g: sorteer_sleutel(g.naam))
    )


# --------------------------------------------------------------------------- Veilig Thuis regions


@dataclass(frozen=True)
class VeiligThuisRegio:
    code: str
    naam: str
    telefoon: str
    gemeenten: tuple[str, ...]  # CBS codes (empty where no source was available)
    centrumgemeenten: tuple[str, ...]
    naam_geverifieerd: bool
    gemeenten_geverifieerd: bool
    centrumgemeenten_geverifieerd: bool
    opmerking: str = ""


@dataclass(frozen=True)
class VeiligThuisRegios:
    versie: str
    peiljaar: int
    bron: str
    opmerking: str
    niet_geverifieerd: tuple[str, ...]  # region codes with anything not checked against a source
    regios: tuple[VeiligThuisRegio, ...]

    def regio_van(self, cbs_code: str) -> VeiligThuisRegio | None:
        for r in self.regios:
            if cbs_code in r.gemeenten:
                return r
        return None

    def regio(self, code: str) -> VeiligThuisRegio:
        for r in self.regios:
            if r.code == code:
                return r
        raise KeyError(code)


def lees_veilig_thuis_regios(data: object) -> VeiligThuisRegios:
    """Validate and read ``veilig-thuis-regios.json``; every problem is listed with its place."""
    problemen: list[str] = []
    if not isinstance(data, Mapping):
        raise ValidationError("Het bestand met Veilig Thuis-regio's klopt niet.", details=["geen object"])
    for sleutel, soort in (("versie", str), ("peiljaar", int), ("bron", str), ("opmerking", str),
                           ("niet_geverifieerd", list), ("regios", list)):
        if not isinstance(data.get(sleutel), soort):
            problemen.append(f"{sleutel}: ontbreekt of heeft het verkeerde type")
    regios: list[VeiligThuisRegio] = []
    gezien_codes: set[str] = set()
    gezien_gemeenten: dict[str, str] = {}
    for i, r in enumerate(data.get("regios") or []):
        plek = f"regios[{i}]"
        if not isinstance(r, Mapping):
            problemen.append(f"{plek}: geen object")
            continue
        code, naam, tel = r.get("code"), r.get("naam"), r.get("telefoon")
        if not isinstance(code, str) or not code or code in gezien_codes:
            problemen.append(f"{plek}.code: ontbreekt of komt vaker voor")
        gezien_codes.add(str(code))
        if not isinstance(naam, str) or not naam.strip():
            problemen.append(f"{plek}.naam: ontbreekt")
        if not isinstance(tel, str) or not all(ch.isdigit() or ch in " -+" for ch in tel):
            problemen.append(f"{plek}.telefoon: ontbreekt of bevat andere tekens dan cijfers, spaties, + en -")
        lijsten = {}
        for veld in ("gemeenten", "centrumgemeenten"):
            waarde = r.get(veld)
            if not isinstance(waarde, list) or not all(isinstance(c, str) and CBS_CODE_PATROON.match(c) for c in waarde):
                problemen.append(f"{plek}.{veld}: moet een lijst van CBS-codes (GM + 4 cijfers) zijn")
                waarde = []
            lijsten[veld] = tuple(waarde)
        for c in lijsten["gemeenten"]:
            if c in gezien_gemeenten:
                problemen.append(f"{plek}.gemeenten: {c} hoort ook al bij {gezien_gemeenten[c]}")
            gezien_gemeenten[c] = str(code)
        if not set(lijsten["centrumgemeenten"]) <= set(lijsten["gemeenten"]):
            problemen.append(f"{plek}.centrumgemeenten: een centrumgemeente hoort ook bij de gemeenten van de regio")
        vlaggen = {}
        for veld in ("naam_geverifieerd", "gemeenten_geverifieerd", "centrumgemeenten_geverifieerd"):
            if not isinstance(r.get(veld), bool):
                problemen.append(f"{plek}.{veld}: moet true of false zijn")
            vlaggen[veld] = bool(r.get(veld))
        regios.append(VeiligThuisRegio(str(code), str(naam), str(tel), lijsten["gemeenten"],
                                       lijsten["centrumgemeenten"], opmerking=str(r.get("opmerking") or ""), **vlaggen))
    niet = tuple(data.get("niet_geverifieerd") or ())
    for r in regios:
        alles = r.naam_geverifieerd and r.gemeenten_geverifieerd and r.centrumgemeenten_geverifieerd
        if not alles and r.code not in niet:
            problemen.append(f"niet_geverifieerd: {r.code} ontbreekt, maar niet alles van die regio is gecontroleerd")
    if problemen:
        raise ValidationError("Het bestand met Veilig Thuis-regio's klopt niet.", details=problemen)
    return VeiligThuisRegios(data["versie"], data["peiljaar"], data["bron"], data["opmerking"], niet, tuple(regios))


@functools.cache
def laad_veilig_thuis_regios(pad: Path | None = None) -> VeiligThuisRegios:
    pad = Path(pad) if pad is not None else Path(resource_path("gemeenten", "veilig-thuis-regios.json"))
    try:
        data = json.loads(pad.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationError("Het bestand met Veilig Thuis-regio's ontbreekt of is geen geldige JSON.",
                              details=[f"{pad.name}: {type(exc).__name__}"]) from None
    return lees_veilig_thuis_regios(data)
