"""Exchange file for a vastgestelde zelfscan (format ``ghnt-zelfscan``): build, read and verify.

One UTF-8 JSON object (schema in ``docs/zelfscan-catalogus.md``). The field ``controle`` is the
sha256 (hex) of the canonical JSON (sorted keys, no whitespace, UTF-8) of all *other* fields. It
detects damage and hand edits; it is **not** a signature (anyone can recompute it), so it does not
prove who made the file.

``maak_uitwisselbestand`` runs the same checks as ``lees_uitwisselbestand``, so every file it
makes can be read back. Output is deterministic: the same scan gives the same bytes and checksum.
Pure stdlib; no file IO.

Format versions (backward compatible):

* **1**: a team scan, with ``"team": {"naam", "type"}``. A team scan is still written as version 1, so an
  older GHNT Desktop reads it as before.
* **2**: adds the owner kind: ``"eigenaar": {"soort": "gemeente", "cbs_code", "naam"}`` (a gemeente scan)
  or ``{"soort": "team", "naam", "type"}``, instead of ``"team"``. A gemeente scan is written as version 2;
  its ``gemeenten`` list holds exactly the owner gemeente and its answers cover exactly the standards for
  the gemeente. An older app refuses version 2 with "werk GHNT Desktop bij".

``controleer_import`` holds the checks against the outside world (the national list of gemeenten, the
gemeenten this workspace serves, today's date): refusals, and questions where a user may reasonably go on.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, Callable, Mapping

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
    EigenaarSoort,
    Gemeente,
    Prioriteit,
    ScanStatus,
    TeamType,
    Zelfscan,
    catalogus_voor,
    gemeente_eigenaar_naam,
    problemen_antwoorden,
)
from ghnt_desktop.domain.zelfscan_catalogus import (
    CODE_PATROON,
    Doelgroep,
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
    na_controle,
    pad,
    soortnaam,
    toon,
)
from ghnt_desktop.errors import ValidationError

FORMAAT = "ghnt-zelfscan"
FORMAATVERSIE = 2  # newest version this app reads and writes (a team scan is still written as version 1)
FORMAATVERSIE_TEAM = 1
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
_TOP_V2 = ("formaat", "formaatversie", "catalogus", "eigenaar", "gemeenten", "peildatum", "vastgesteld_op",
           "versie", "deelnemers", "antwoorden", "controle")
_TEAM = ("naam", "type")
_EIGENAAR_TEAM = ("soort", "naam", "type")
_EIGENAAR_GEMEENTE = ("soort", "cbs_code", "naam")
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
    """The exchange structure without ``controle`` (keys in documented order).

    A team scan is written as format version 1 (unchanged); a gemeente scan as version 2 with ``eigenaar``.
    """
    kop: dict[str, Any] = {"formaat": FORMAAT}
    kop["formaatversie"] = FORMAATVERSIE_TEAM if scan.eigenaar_gemeente is None else FORMAATVERSIE
    kop["catalogus"] = {"id": catalogus.id, "versie": catalogus.versie, "fingerprint": catalogus.fingerprint}
    if scan.eigenaar_gemeente is None:
        kop["team"] = {"naam": scan.team_naam, "type": _w(scan.team_type)}
    else:
        kop["eigenaar"] = {"soort": EigenaarSoort.GEMEENTE.value, "cbs_code": scan.eigenaar_gemeente.cbs_code,
                           "naam": scan.eigenaar_gemeente.naam}
    return {
        **kop,
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
    if catalogus.alleen_doelgroep is not None:
        raise ValueError("pass the whole catalogue; the part for the scan's owner is chosen here")
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
    if not controleer_formaat(p, ruw, FORMAAT, FORMAATVERSIE, "zelfscan-bestand van GHNT Desktop",
                              oudere_versies=(FORMAATVERSIE_TEAM,)):
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
    sleutel = (na_controle(velden.get("catalogus_id")), na_controle(velden.get("catalogus_versie")))
    if sleutel[0] is None or sleutel[1] is None or velden.get("catalogus_fingerprint") is None:
        p.gooi_als_nodig(KOP_LEZEN)
    catalogus = bekende_catalogi.get(sleutel)
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

    eigenaar = velden.get("eigenaar_gemeente")
    scan = Zelfscan(
        catalogus_id=catalogus.id,
        catalogus_versie=catalogus.versie,
        team_naam=velden["team_naam"] if eigenaar is None else gemeente_eigenaar_naam(eigenaar.naam),
        team_type=velden["team_type"] if eigenaar is None else TeamType.OVERIG,
        gemeenten=velden["gemeenten"],
        peildatum=velden["peildatum"],
        versie=velden["versie"],
        status=ScanStatus.VASTGESTELD,
        deelnemers=velden["deelnemers"],
        antwoorden=tuple(sorted(velden["antwoorden"], key=lambda a: catalogus.positie_van(a.standaard_id))),
        vastgesteld_op=velden["vastgesteld_op"],
        eigenaar_gemeente=eigenaar,
    )
    return ImportScan(scan=scan, catalogus=catalogus, controle=controle)


def _controleer_tegen_catalogus(p: Problemen, velden: Mapping[str, Any], catalogus: Catalogus) -> None:
    soort = EigenaarSoort.GEMEENTE if velden.get("eigenaar_gemeente") is not None else EigenaarSoort.TEAM
    if soort is EigenaarSoort.GEMEENTE and not catalogus.heeft_doelgroep(Doelgroep.GEMEENTE):
        p.voeg_toe("eigenaar", f"dit is een zelfscan van een gemeente, maar kwaliteitskader {toon(catalogus.id)} "
                               f"versie {toon(catalogus.versie)} heeft geen standaarden voor de gemeente")
        return
    if "antwoorden" in velden:
        problemen_antwoorden(catalogus_voor(catalogus, soort), velden["antwoorden"], p, volledig=True,
                             overslaan=velden["kapot"])


def _enum_waarde(p: Problemen, obj: Mapping[str, Any], sleutel: str, plaats: str, soort: type[Enum],
                 *, null_mag: bool = False) -> Any:
    if sleutel not in obj:
        return None
    w = obj[sleutel]
    if w is None and null_mag:
        return None
    waarden = [e.value for e in soort]
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
    versie2 = ruw.get("formaatversie") == FORMAATVERSIE if isinstance(ruw, Mapping) else False
    top = controleer_object(p, ruw, "", _TOP_V2 if versie2 else _TOP)
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
    if "eigenaar" in top:
        _controleer_eigenaar(p, top["eigenaar"], uit)

    gemeenten: list[Gemeente] = []
    plaatsen: list[str] = []
    for i, g in enumerate(controleer_lijst(p, top, "gemeenten", "", minimum=1, maximum=MAX_GEMEENTEN) or []):
        pl = f"gemeenten[{i}]"
        obj = controleer_object(p, g, pl, _GEMEENTE)
        if obj is None:
            continue
        gemeenten.append(Gemeente(
            cbs_code=na_controle(controleer_patroon(p, obj, "cbs_code", pl, CBS_CODE_PATROON,
                                                    'een CBS-code is "GM" met 4 cijfers, bijvoorbeeld GM0479')),
            naam=na_controle(controleer_tekst(p, obj, "naam", pl, max_len=MAX_GEMEENTENAAM)),
        ))
        plaatsen.append(pl)
    controleer_uniek(p, ((pad(pl, "cbs_code"), g.cbs_code) for pl, g in zip(plaatsen, gemeenten)), "de CBS-code")
    uit["gemeenten"] = tuple(gemeenten)

    eigenaar = uit.get("eigenaar_gemeente")
    if eigenaar is not None and eigenaar.cbs_code is not None and "gemeenten" in top:
        if [g.cbs_code for g in gemeenten] != [eigenaar.cbs_code]:
            p.voeg_toe("gemeenten", f"een zelfscan van een gemeente gaat over precies die gemeente; hier hoort "
                                    f"alleen {eigenaar.cbs_code} te staan")
        elif gemeenten and gemeenten[0].naam != eigenaar.naam:
            p.voeg_toe("gemeenten[0].naam", "moet dezelfde naam zijn als bij eigenaar.naam")

    uit["peildatum"] = controleer_datum(p, top, "peildatum", "")
    uit["vastgesteld_op"] = controleer_datum(p, top, "vastgesteld_op", "")
    if uit["peildatum"] is not None and uit["vastgesteld_op"] is not None and uit["vastgesteld_op"] < uit["peildatum"]:
        p.voeg_toe("vastgesteld_op", f"de zelfscan is vastgesteld op {uit['vastgesteld_op']:%d-%m-%Y}, vóór de "
                                     f"peildatum {uit['peildatum']:%d-%m-%Y}; dat kan niet")
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
            antwoorden.append(Antwoord(standaard_id=na_controle(None), code=None))  # a stand-in, its problem recorded
            kapot.add(i)
            continue
        code: str | None = None
        if "code" in obj and obj["code"] is not None:
            code = controleer_patroon(p, obj, "code", pl, CODE_PATROON, "dit is geen geldige antwoordcode")
        antwoorden.append(Antwoord(
            standaard_id=na_controle(controleer_patroon(p, obj, "standaard_id", pl, ID_PATROON, _ID_UITLEG)),
            code=code,
            toelichting=na_controle(_vrije_tekst(p, obj, "toelichting", pl, MAX_TOELICHTING)),
            bewijs=na_controle(_vrije_tekst(p, obj, "bewijs", pl, MAX_BEWIJS)),
            verbeterpunt=na_controle(controleer_bool(p, obj, "verbeterpunt", pl)),
            prioriteit=_enum_waarde(p, obj, "prioriteit", pl, Prioriteit, null_mag=True),
        ))
        if len(p) > voor:
            kapot.add(i)
    if lijst is not None:
        uit["antwoorden"] = tuple(antwoorden)
        uit["kapot"] = frozenset(kapot)
    return uit


def _controleer_eigenaar(p: Problemen, waarde: Any, uit: dict[str, Any]) -> None:
    """Format 2: ``eigenaar`` is a team ({soort, naam, type}) or a gemeente ({soort, cbs_code, naam})."""
    soort = waarde.get("soort") if isinstance(waarde, dict) else None
    if soort == EigenaarSoort.GEMEENTE.value:
        obj = controleer_object(p, waarde, "eigenaar", _EIGENAAR_GEMEENTE)
        assert obj is not None
        code = controleer_patroon(p, obj, "cbs_code", "eigenaar", CBS_CODE_PATROON,
                                  'een CBS-code is "GM" met 4 cijfers, bijvoorbeeld GM0479')
        naam = controleer_tekst(p, obj, "naam", "eigenaar", max_len=MAX_GEMEENTENAAM)
        uit["eigenaar_gemeente"] = Gemeente(cbs_code=na_controle(code), naam=na_controle(naam))
        uit["team_naam"], uit["team_type"] = None, None
    elif soort == EigenaarSoort.TEAM.value:
        obj = controleer_object(p, waarde, "eigenaar", _EIGENAAR_TEAM)
        assert obj is not None
        uit["team_naam"] = controleer_tekst(p, obj, "naam", "eigenaar", max_len=MAX_TEAMNAAM)
        uit["team_type"] = _enum_waarde(p, obj, "type", "eigenaar", TeamType)
    elif not isinstance(waarde, dict):
        controleer_object(p, waarde, "eigenaar", _EIGENAAR_GEMEENTE)
    elif "soort" not in waarde:
        p.voeg_toe("eigenaar.soort", 'dit veld ontbreekt; kies "team" of "gemeente"')
    else:
        p.voeg_toe("eigenaar.soort", f'{toon(soort)} is niet geldig; kies "team" of "gemeente"')


def _normaal(tekst: str) -> str:
    return " ".join(tekst.split()).casefold()


def _eigenaar_sleutel(s: Zelfscan) -> str:
    # A team scan keeps the key it always had (keys of earlier imports are stored in the workspace).
    if s.eigenaar_gemeente is not None:
        return f"gemeente:{s.eigenaar_gemeente.cbs_code}"
    return _normaal(s.team_naam)


def identiteit_sleutel(scan: ImportScan) -> str:
    """Same team name (ignoring case/spaces), gemeenten, peildatum and versie; content not included.

    Storage can use it to spot a *different* file for what looks like the same scan version.
    """
    s = scan.scan
    onderdelen = [_eigenaar_sleutel(s), sorted(g.cbs_code for g in s.gemeenten), s.peildatum.isoformat(), s.versie]
    return hashlib.sha256(canonieke_json(onderdelen)).hexdigest()


def duplicaat_sleutel(scan: ImportScan) -> str:
    """Key for "this exact file was already imported": team naam + gemeenten + peildatum + versie + controle.

    sha256 hex (64 chars); equal keys mean the same scan with the same content.
    """
    s = scan.scan
    onderdelen = [_eigenaar_sleutel(s), sorted(g.cbs_code for g in s.gemeenten), s.peildatum.isoformat(),
                  s.versie, scan.controle]
    return hashlib.sha256(canonieke_json(onderdelen)).hexdigest()


# ---------------------------------------------------------------------------
# Checks against the outside world (national list, this workspace, today)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportVraag:
    """A point where the user may reasonably go on; the import only continues when they say yes."""

    sleutel: str  # stable, e.g. "gemeentenaam:GM0385"; the caller passes confirmed keys back
    tekst: str  # the Dutch question


@dataclass(frozen=True)
class ImportControle:
    weigeringen: tuple[str, ...]  # Dutch; any refusal means: nothing is imported
    vragen: tuple[ImportVraag, ...]
    gemeentenamen: Mapping[str, str]  # CBS code -> the name to store (this workspace's spelling)


def controleer_import(
    scan: Zelfscan,
    *,
    landelijke_naam: Callable[[str], str | None],
    opgeheven: Callable[[str], tuple[str, str] | None],
    zelfde_gemeente: Callable[[str, str], bool],
    werkruimte: Mapping[str, str],
    vandaag: date,
) -> ImportControle:
    """Check a verified exchange file against the national list of gemeenten, this workspace and today.

    ``landelijke_naam(code)``: the current name in the national list, or None for an unknown code.
    ``opgeheven(code)``: (old name, name of the gemeente it merged into) for a gemeente that no longer exists.
    ``zelfde_gemeente(code, naam)``: True when ``naam`` is another spelling of that gemeente (case, accents,
    spaces, a known alias such as "Den Haag"). ``werkruimte``: CBS code -> name, the gemeenten served here.

    Refused: an unknown code; a code that no longer exists; a code with the name of another gemeente; a
    gemeente this workspace does not serve; a peildatum or date of vaststelling in the future (a date of
    vaststelling before the peildatum is already refused when the file is read).

    Asked (decision): a name that is the same gemeente spelled differently while the code is right, e.g.
    "Edam Volendam" for Edam-Volendam. The code is what identifies a gemeente, so going on is reasonable, but
    it is the user's call: a real mix-up of two gemeenten looks like this too. When they go on, the scan
    is stored with this workspace's spelling of the name, so every list shows one name per gemeente.
    """
    weigeringen: list[str] = []
    vragen: list[ImportVraag] = []
    namen: dict[str, str] = {}
    for g in scan.gemeenten:
        landelijk = landelijke_naam(g.cbs_code)
        if landelijk is None:
            oud = opgeheven(g.cbs_code)
            if oud is not None:
                weigeringen.append(
                    f"Gemeente {g.cbs_code} ({toon(oud[0], 80)[1:-1]}) bestaat niet meer; die gemeente is opgegaan "
                    f"in {oud[1]}. Vraag de afzender om een zelfscan voor de huidige gemeente.")
            else:
                weigeringen.append(
                    f"{g.cbs_code} is geen bestaande gemeente: de code staat niet in de landelijke lijst van "
                    "gemeenten. Vraag de afzender welke gemeente bedoeld is.")
            continue
        eigen = werkruimte.get(g.cbs_code)
        if g.naam not in (landelijk, eigen):
            if zelfde_gemeente(g.cbs_code, g.naam):
                vragen.append(ImportVraag(
                    f"gemeentenaam:{g.cbs_code}",
                    f"In het bestand heet gemeente {g.cbs_code} '{toon(g.naam, 80)[1:-1]}'. In de landelijke lijst "
                    f"heet die gemeente '{landelijk}'. Dat lijkt dezelfde gemeente, alleen anders geschreven. "
                    f"Wil je de zelfscan toch inlezen? Hij krijgt dan de naam '{eigen or landelijk}'."))
            else:
                weigeringen.append(
                    f"De code en de naam van een gemeente horen niet bij elkaar: {g.cbs_code} is {landelijk}, maar "
                    f"in het bestand staat '{toon(g.naam, 80)[1:-1]}'. Vraag de afzender welke gemeente bedoeld is.")
                continue
        if eigen is None:
            weigeringen.append(
                f"Deze werkruimte werkt niet voor gemeente {landelijk} ({g.cbs_code}). Een zelfscan over een "
                "gemeente die je niet bedient, lees je niet in. Hoort de gemeente er wel bij? Vraag dan de "
                "beheerder om haar toe te voegen aan de werkruimte.")
            continue
        namen[g.cbs_code] = eigen
    if scan.peildatum > vandaag:
        weigeringen.append(
            f"De peildatum ({scan.peildatum:%d-%m-%Y}) ligt in de toekomst. Een vastgestelde zelfscan gaat over een "
            "dag die al geweest is. Vraag de afzender om de datum te controleren.")
    if scan.vastgesteld_op is not None and scan.vastgesteld_op > vandaag:
        weigeringen.append(
            f"De zelfscan is vastgesteld op {scan.vastgesteld_op:%d-%m-%Y}; die datum ligt in de toekomst. "
            "Vraag de afzender om de datum te controleren.")
    return ImportControle(weigeringen=tuple(weigeringen), vragen=tuple(vragen), gemeentenamen=namen)


__all__ = [
    "ImportVraag", "ImportControle", "controleer_import", "FORMAATVERSIE_TEAM",
    "FORMAAT", "FORMAATVERSIE", "MAX_BESTAND_BYTES", "ImportScan", "controle_waarde", "scan_naar_dict",
    "maak_uitwisselbestand", "lees_uitwisselbestand", "duplicaat_sleutel", "identiteit_sleutel",
]
