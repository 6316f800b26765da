"""Exchange file for a vastgestelde zelfscan (format ``ghnt-zelfscan``): build, read and verify.

One UTF-8 JSON object (schema in ``docs/zelfscan-catalogus.md``). The field ``controle`` is the
sha256 (hex) of the canonical JSON (sorted keys, no whitespace, UTF-8) of all *other* fields. It
detects damage and hand edits; it is **not** a signature (anyone can recompute it), so it does not
prove who made the file.

``maak_uitwisselbestand`` runs the same checks as ``lees_uitwisselbestand``, so every file it
makes can be read back. Output is deterministic: the same scan gives the same bytes and checksum.
Pure stdlib; no file IO.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, Mapping

from ghnt_desktop.domain.zelfscan import (
    CBS_CODE_PATROON,
    MAX_BEWIJS,
    MAX_DEELNEMERNAAM,
    MAX_DEELNEMERS,
    MAX_GEMEENTEN,
    MAX_GEMEENTENAAM,
    MAX_SCANVERSIE,
    MAX_TEAMNAAM,
    MAX_TOELICHTING,
    Antwoord,
    Deelnemer,
    DeelnemerRol,
    Gemeente,
    Prioriteit,
    ScanStatus,
    TeamType,
    Zelfscan,
    problemen_antwoorden,
)
from ghnt_desktop.domain.zelfscan_catalogus import (
    CODE_PATROON,
    ID_PATROON,
    MAX_STANDAARDEN,
    MAX_VERSIE,
    Catalogus,
    Problemen,
    canonieke_json,
    controleer_bool,
    controleer_datum,
    controleer_formaat,
    controleer_geheel_getal,
    controleer_lijst,
    controleer_object,
    controleer_patroon,
    controleer_tekst,
    controleer_uniek,
    heeft_verboden_tekens,
    lees_json,
    pad,
    soortnaam,
    toon,
)
from ghnt_desktop.errors import ValidationError

FORMAAT = "ghnt-zelfscan"
FORMAATVERSIE = 1
MAX_BESTAND_BYTES = 16 * 1024 * 1024

CONTROLE_PATROON = re.compile(r"[0-9a-f]{64}")

KOP_LEZEN = "Het zelfscan-bestand kan niet worden ingelezen."
KOP_BESCHADIGD = (
    "Het zelfscan-bestand is beschadigd of na het maken veranderd. Daarom kan het niet worden ingelezen. "
    "Vraag de afzender om het bestand opnieuw te maken en nog een keer te sturen."
)
KOP_MAKEN = "De zelfscan kan niet worden geëxporteerd."

_TOP = ("formaat", "formaatversie", "catalogus", "team", "gemeenten", "peildatum", "vastgesteld_op", "versie",
        "deelnemers", "antwoorden", "controle")
_CATALOGUS = ("id", "versie", "fingerprint")
_TEAM = ("naam", "type")
_GEMEENTE = ("cbs_code", "naam")
_DEELNEMER = ("rol", "naam")
_ANTWOORD = ("standaard_id", "code", "toelichting", "bewijs", "verbeterpunt", "prioriteit")

_ID_UITLEG = "gebruik letters, cijfers, punten, liggende streepjes of underscores"


@dataclass(frozen=True)
class ImportScan:
    """A verified exchange file. ``scan.status`` is VASTGESTELD; ``catalogus`` is the matching known one."""

    scan: Zelfscan
    catalogus: Catalogus
    controle: str  # sha256 hex from the file (verified)

    @property
    def namen_opgenomen(self) -> bool:
        return any(d.naam is not None for d in self.scan.deelnemers)


def controle_waarde(inhoud: Mapping[str, Any]) -> str:
    """sha256 hex over the canonical JSON of ``inhoud`` without its ``controle`` field."""
    rest = {k: v for k, v in inhoud.items() if k != "controle"}
    return hashlib.sha256(canonieke_json(rest)).hexdigest()


def _w(x: Any) -> Any:
    return x.value if isinstance(x, Enum) else x


def _datum(x: Any) -> Any:
    return x.isoformat() if isinstance(x, date) else x


def scan_naar_dict(scan: Zelfscan, catalogus: Catalogus, *, namen_opnemen: bool = False) -> dict[str, Any]:
    """The exchange structure without ``controle`` (keys in documented order)."""
    return {
        "formaat": FORMAAT,
        "formaatversie": FORMAATVERSIE,
        "catalogus": {"id": catalogus.id, "versie": catalogus.versie, "fingerprint": catalogus.fingerprint},
        "team": {"naam": scan.team_naam, "type": _w(scan.team_type)},
        "gemeenten": [{"cbs_code": g.cbs_code, "naam": g.naam} for g in scan.gemeenten],
        "peildatum": _datum(scan.peildatum),
        "vastgesteld_op": _datum(scan.vastgesteld_op),
        "versie": scan.versie,
        "deelnemers": [
            {"rol": _w(d.rol), "naam": d.naam if namen_opnemen else None} for d in scan.deelnemers
        ],
        "antwoorden": [
            {
                "standaard_id": a.standaard_id,
                "code": a.code,
                "toelichting": a.toelichting,
                "bewijs": a.bewijs,
                "verbeterpunt": a.verbeterpunt,
                "prioriteit": _w(a.prioriteit),
            }
            for a in sorted(scan.antwoorden, key=lambda a: _volgorde(catalogus, a.standaard_id))
        ],
    }


def _volgorde(c: Catalogus, sid: Any) -> tuple[int, str]:
    return (c.positie_van(sid), "") if c.heeft_standaard(sid) else (len(c.standaarden), str(sid))


def maak_uitwisselbestand(scan: Zelfscan, catalogus: Catalogus, *, namen_opnemen: bool = False) -> bytes:
    """Build the exchange file (UTF-8 JSON bytes) for a vastgestelde scan.

    Participant names are only written when ``namen_opnemen`` is True; otherwise only their roles.
    Raises ``ValidationError`` (Dutch) when the scan is not vastgesteld or its data does not pass the
    same checks the reader applies; ``ValueError`` when ``catalogus`` is not the scan's catalogue.
    """
    if scan.catalogus_sleutel != catalogus.sleutel:
        raise ValueError("scan and catalogue do not match (id/versie)")
    if scan.status is not ScanStatus.VASTGESTELD:
        raise ValidationError(
            KOP_MAKEN,
            details=["Alleen een vastgestelde zelfscan kan worden geëxporteerd. Stel de zelfscan eerst vast."],
        )
    inhoud = scan_naar_dict(scan, catalogus, namen_opnemen=namen_opnemen)
    inhoud["controle"] = controle_waarde(inhoud)
    p = Problemen()
    velden = _controleer_inhoud(p, inhoud)
    if velden is not None:
        _controleer_tegen_catalogus(p, velden, catalogus)
    p.gooi_als_nodig(KOP_MAKEN)
    data = (json.dumps(inhoud, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if len(data) > MAX_BESTAND_BYTES:
        raise ValidationError(KOP_MAKEN, details=["Het bestand zou te groot worden. Maak de toelichtingen korter."])
    return data


def lees_uitwisselbestand(
    data: bytes | bytearray | memoryview | str,
    bekende_catalogi: Mapping[tuple[str, str], Catalogus],
) -> ImportScan:
    """Read and fully verify an exchange file. Every problem raises ``ValidationError`` (Dutch).

    ``bekende_catalogi`` maps (catalogus id, versie) to the catalogues known in this workspace.
    """
    ruw = lees_json(data, max_bytes=MAX_BESTAND_BYTES, kop=KOP_LEZEN)
    if not isinstance(ruw, dict):
        raise ValidationError(KOP_LEZEN, details=[
            f"Het bestand moet één JSON-object zijn ({{ … }}), maar is {soortnaam(ruw)}."])
    p = Problemen()
    if ruw.get("formaat") == "ghnt-kwaliteitskader":
        raise ValidationError(KOP_LEZEN, details=[
            "Dit is een bestand met een kwaliteitskader, geen zelfscan. Importeer het als kwaliteitskader."])
    if not controleer_formaat(p, ruw, FORMAAT, FORMAATVERSIE, "zelfscan-bestand van GHNT Desktop"):
        raise ValidationError(KOP_LEZEN, details=p.details())

    # 1. Checksum first: if the content was changed, nothing else in it can be trusted.
    controle = ruw.get("controle")
    if "controle" not in ruw:
        raise ValidationError(KOP_BESCHADIGD, details=["controle: dit veld ontbreekt"])
    if not isinstance(controle, str) or not CONTROLE_PATROON.fullmatch(controle):
        raise ValidationError(KOP_BESCHADIGD, details=[
            "controle: moet een code van 64 tekens zijn (cijfers 0-9 en letters a-f)"])
    try:
        berekend = controle_waarde(ruw)
    except (ValueError, TypeError, RecursionError):
        raise ValidationError(KOP_BESCHADIGD, details=["De inhoud van het bestand kan niet worden gecontroleerd."]) from None
    if berekend != controle:
        raise ValidationError(KOP_BESCHADIGD, details=[
            "controle: de controlecode past niet bij de inhoud van het bestand"])

    # 2. Structure and values.
    velden = _controleer_inhoud(p, ruw)
    assert velden is not None

    # 3. The catalogue must be known, with exactly the same content.
    sleutel = (velden.get("catalogus_id"), velden.get("catalogus_versie"))
    if sleutel[0] is None or sleutel[1] is None or velden.get("catalogus_fingerprint") is None:
        p.gooi_als_nodig(KOP_LEZEN)
    catalogus = bekende_catalogi.get(sleutel)  # type: ignore[arg-type]
    naam = f"{toon(sleutel[0], 64)} versie {toon(sleutel[1], 64)}"
    if catalogus is None:
        kop = (f"Deze zelfscan hoort bij het kwaliteitskader {naam}. Dat kwaliteitskader staat nog niet in "
               "GHNT Desktop. Importeer eerst dat kwaliteitskader en lees daarna de zelfscan opnieuw in.")
        p.voeg_toe("catalogus", f"kwaliteitskader {naam} is onbekend; importeer het eerst")
        raise ValidationError(KOP_LEZEN if len(p) > 1 else kop, details=p.details())
    if catalogus.fingerprint != velden["catalogus_fingerprint"]:
        kop = (f"Het kwaliteitskader {naam} in GHNT Desktop is niet precies hetzelfde als het kader waarmee "
               "deze zelfscan is gemaakt. Vraag de afzender om het kwaliteitskader-bestand dat is gebruikt, "
               "en vergelijk het met het uwe.")
        p.voeg_toe("catalogus.fingerprint",
                   "past niet bij het bekende kwaliteitskader met dit id en deze versie")
        raise ValidationError(KOP_LEZEN if len(p) > 1 else kop, details=p.details())

    # 4. Answers against the catalogue (together with any problems found so far).
    _controleer_tegen_catalogus(p, velden, catalogus)
    p.gooi_als_nodig(KOP_LEZEN)

    scan = Zelfscan(
        catalogus_id=catalogus.id,
        catalogus_versie=catalogus.versie,
        team_naam=velden["team_naam"],
        team_type=velden["team_type"],
        gemeenten=velden["gemeenten"],
        peildatum=velden["peildatum"],
        versie=velden["versie"],
        status=ScanStatus.VASTGESTELD,
        deelnemers=velden["deelnemers"],
        antwoorden=tuple(sorted(velden["antwoorden"], key=lambda a: catalogus.positie_van(a.standaard_id))),
        vastgesteld_op=velden["vastgesteld_op"],
    )
    return ImportScan(scan=scan, catalogus=catalogus, controle=controle)


def _controleer_tegen_catalogus(p: Problemen, velden: Mapping[str, Any], catalogus: Catalogus) -> None:
    if "antwoorden" in velden:
        problemen_antwoorden(catalogus, velden["antwoorden"], p, volledig=True, overslaan=velden["kapot"])


def _enum_waarde(p: Problemen, obj: Mapping[str, Any], sleutel: str, plaats: str, soort: type[Enum],
                 *, null_mag: bool = False) -> Any:
    if sleutel not in obj:
        return None
    w = obj[sleutel]
    if w is None and null_mag:
        return None
    waarden = [e.value for e in soort]  # type: ignore[attr-defined]
    keuze = ", ".join(f'"{v}"' for v in waarden) + (" of null" if null_mag else "")
    if isinstance(w, str) and w in waarden:
        return soort(w)
    if isinstance(w, str):
        p.voeg_toe(pad(plaats, sleutel), f"{toon(w)} is niet geldig; kies uit {keuze}")
    else:
        p.voeg_toe(pad(plaats, sleutel), f"moet tekst zijn ({keuze}), maar is {soortnaam(w)}")
    return None


def _vrije_tekst(p: Problemen, obj: Mapping[str, Any], sleutel: str, plaats: str, max_len: int) -> str | None:
    """Free text that may be empty ("")."""
    if sleutel not in obj:
        return None
    w = obj[sleutel]
    plek = pad(plaats, sleutel)
    if not isinstance(w, str):
        p.voeg_toe(plek, f"moet tekst zijn (mag leeg zijn), maar is {soortnaam(w)}")
        return None
    if len(w) > max_len:
        p.voeg_toe(plek, f"is te lang ({len(w)} tekens); het mag hoogstens {max_len} tekens zijn")
        return None
    if heeft_verboden_tekens(w, meerregelig=True):
        p.voeg_toe(plek, "bevat tekens die niet mogen (onzichtbare stuurtekens)")
        return None
    return w


def _controleer_inhoud(p: Problemen, ruw: Mapping[str, Any]) -> dict[str, Any] | None:
    """Check structure and values (not yet against the catalogue). Returns parsed values."""
    top = controleer_object(p, ruw, "", _TOP)
    if top is None:
        return None
    uit: dict[str, Any] = {}

    cat = controleer_object(p, top["catalogus"], "catalogus", _CATALOGUS) if "catalogus" in top else None
    if cat is not None:
        uit["catalogus_id"] = controleer_patroon(p, cat, "id", "catalogus", ID_PATROON, _ID_UITLEG)
        uit["catalogus_versie"] = controleer_tekst(p, cat, "versie", "catalogus", max_len=MAX_VERSIE)
        uit["catalogus_fingerprint"] = controleer_patroon(
            p, cat, "fingerprint", "catalogus", CONTROLE_PATROON, "moet 64 tekens zijn (cijfers 0-9 en letters a-f)")

    team = controleer_object(p, top["team"], "team", _TEAM) if "team" in top else None
    if team is not None:
        uit["team_naam"] = controleer_tekst(p, team, "naam", "team", max_len=MAX_TEAMNAAM)
        uit["team_type"] = _enum_waarde(p, team, "type", "team", TeamType)

    gemeenten: list[Gemeente] = []
    plaatsen: list[str] = []
    for i, g in enumerate(controleer_lijst(p, top, "gemeenten", "", minimum=1, maximum=MAX_GEMEENTEN) or []):
        pl = f"gemeenten[{i}]"
        obj = controleer_object(p, g, pl, _GEMEENTE)
        if obj is None:
            continue
        gemeenten.append(Gemeente(
            cbs_code=controleer_patroon(p, obj, "cbs_code", pl, CBS_CODE_PATROON,
                                        'een CBS-code is "GM" met 4 cijfers, bijvoorbeeld GM0479'),
            naam=controleer_tekst(p, obj, "naam", pl, max_len=MAX_GEMEENTENAAM),
        ))  # type: ignore[arg-type]
        plaatsen.append(pl)
    controleer_uniek(p, ((pad(pl, "cbs_code"), g.cbs_code) for pl, g in zip(plaatsen, gemeenten)), "de CBS-code")
    uit["gemeenten"] = tuple(gemeenten)

    uit["peildatum"] = controleer_datum(p, top, "peildatum", "")
    uit["vastgesteld_op"] = controleer_datum(p, top, "vastgesteld_op", "")
    uit["versie"] = controleer_geheel_getal(p, top, "versie", "", minimum=1, maximum=MAX_SCANVERSIE)

    deelnemers: list[Deelnemer] = []
    for i, d in enumerate(controleer_lijst(p, top, "deelnemers", "", minimum=0, maximum=MAX_DEELNEMERS) or []):
        pl = f"deelnemers[{i}]"
        obj = controleer_object(p, d, pl, _DEELNEMER)
        if obj is None:
            continue
        deelnemers.append(Deelnemer(
            rol=_enum_waarde(p, obj, "rol", pl, DeelnemerRol),
            naam=controleer_tekst(p, obj, "naam", pl, max_len=MAX_DEELNEMERNAAM, null_mag=True),
        ))
    uit["deelnemers"] = tuple(deelnemers)

    antwoorden: list[Antwoord] = []
    kapot: set[int] = set()  # answers with a structural problem (not checked against the catalogue)
    lijst = controleer_lijst(p, top, "antwoorden", "", minimum=1, maximum=MAX_STANDAARDEN)
    for i, a in enumerate(lijst or []):
        pl = f"antwoorden[{i}]"
        voor = len(p)
        obj = controleer_object(p, a, pl, _ANTWOORD)
        if obj is None:
            antwoorden.append(Antwoord(standaard_id=None, code=None))  # type: ignore[arg-type]
            kapot.add(i)
            continue
        code: str | None = None
        if "code" in obj and obj["code"] is not None:
            code = controleer_patroon(p, obj, "code", pl, CODE_PATROON, "dit is geen geldige antwoordcode")
        antwoorden.append(Antwoord(
            standaard_id=controleer_patroon(p, obj, "standaard_id", pl, ID_PATROON, _ID_UITLEG),
            code=code,
            toelichting=_vrije_tekst(p, obj, "toelichting", pl, MAX_TOELICHTING),
            bewijs=_vrije_tekst(p, obj, "bewijs", pl, MAX_BEWIJS),
            verbeterpunt=controleer_bool(p, obj, "verbeterpunt", pl),
            prioriteit=_enum_waarde(p, obj, "prioriteit", pl, Prioriteit, null_mag=True),
        ))  # type: ignore[arg-type]
        if len(p) > voor:
            kapot.add(i)
    if lijst is not None:
        uit["antwoorden"] = tuple(antwoorden)
        uit["kapot"] = frozenset(kapot)
    return uit


def _normaal(tekst: str) -> str:
    return " ".join(tekst.split()).casefold()


def identiteit_sleutel(scan: ImportScan) -> str:
    """Same team name (ignoring case/spaces), gemeenten, peildatum and versie; content not included.

    Storage can use it to spot a *different* file for what looks like the same scan version.
    """
    s = scan.scan
    onderdelen = [_normaal(s.team_naam), sorted(g.cbs_code for g in s.gemeenten), s.peildatum.isoformat(), s.versie]
    return hashlib.sha256(canonieke_json(onderdelen)).hexdigest()


def duplicaat_sleutel(scan: ImportScan) -> str:
    """Key for "this exact file was already imported": team naam + gemeenten + peildatum + versie + controle.

    sha256 hex (64 chars); equal keys mean the same scan with the same content.
    """
    s = scan.scan
    onderdelen = [_normaal(s.team_naam), sorted(g.cbs_code for g in s.gemeenten), s.peildatum.isoformat(),
                  s.versie, scan.controle]
    return hashlib.sha256(canonieke_json(onderdelen)).hexdigest()


__all__ = [
    "FORMAAT", "FORMAATVERSIE", "MAX_BESTAND_BYTES", "ImportScan", "controle_waarde", "scan_naar_dict",
    "maak_uitwisselbestand", "lees_uitwisselbestand", "duplicaat_sleutel", "identiteit_sleutel",
]
