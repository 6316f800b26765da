"""Catalogue of quality standards (kwaliteitskader) for the zelfscan: model and strict validation.

A catalogue is a versioned JSON file (format ``ghnt-kwaliteitskader``, see
``docs/zelfscan-catalogus.md``). ``parse_catalogus`` checks *every* rule and raises one
``ValidationError`` whose ``details`` list every problem with its place in the file,
e.g. ``standaarden[4].doelgroep: ...`` (list positions count from 0, as in JSON tools).

This module also holds the small JSON helpers shared with ``zelfscan_uitwisseling``
(reading bytes safely, a problem collector, field checks, canonical JSON). Pure stdlib.
"""
from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from functools import cached_property
from typing import Any, Iterable, Mapping, TypeVar, cast

from ghnt_desktop.errors import ValidationError

FORMAAT = "ghnt-kwaliteitskader"
FORMAATVERSIE = 1

# Limits (documented in docs/zelfscan-catalogus.md).
MAX_BESTAND_BYTES = 2 * 1024 * 1024
MAX_THEMAS = 100
MAX_STANDAARDEN = 500
MAX_VRAGEN = 20
MIN_OPTIES = 2
MAX_OPTIES = 20
MAX_VOLGORDE = 100_000
MAX_ID = 64
MAX_VERSIE = 50
MAX_NAAM = 200
MAX_TITEL = 300
MAX_LABEL = 100
MAX_VRAAG = 500
MAX_BRON = 2000
MAX_TOELICHTING = 4000
MAX_OPMERKING = 4000
MAX_DETAILS = 500  # more problems than this are summarised in one last line
MAX_NESTING = 32

ID_PATROON = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
CODE_PATROON = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,15}")
SNELTOETS_PATROON = re.compile(r"[A-Za-z0-9]")
DATUM_PATROON = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

KOP_CATALOGUS = "Het bestand met het kwaliteitskader klopt niet. Pas het bestand aan en probeer het opnieuw."


class Doelgroep(str, Enum):
    """Who a standard is addressed to."""

    LOKAAL_TEAM = "lokaal_team"
    GEMEENTE = "gemeente"

    @property
    def label(self) -> str:
        return {"lokaal_team": "Lokaal team", "gemeente": "Gemeente"}[self.value]


@dataclass(frozen=True)
class Thema:
    id: str
    naam: str
    volgorde: int


@dataclass(frozen=True)
class Standaard:
    id: str
    thema: str  # Thema.id
    doelgroep: Doelgroep
    titel: str
    toelichting: str
    vragen: tuple[str, ...]


@dataclass(frozen=True)
class AntwoordOptie:
    code: str
    label: str
    sneltoets: str
    telt_als_voldoet: bool
    uitgesloten: bool  # left out of percentages entirely (e.g. "Niet van toepassing")
    apart_tonen: bool  # counted and shown separately, not in the denominator (e.g. "Weet niet")

    @property
    def vergelijkbaar(self) -> bool:
        """True when the option is on the ordered scale (so it can be compared with another answer)."""
        return not (self.uitgesloten or self.apart_tonen)


@dataclass(frozen=True)
class Antwoordschaal:
    id: str
    naam: str
    opties: tuple[AntwoordOptie, ...]

    @cached_property
    def _per_code(self) -> dict[str, AntwoordOptie]:
        return {o.code: o for o in self.opties}

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(o.code for o in self.opties)

    def optie(self, code: str) -> AntwoordOptie:
        """The option with this code; ``KeyError`` when unknown."""
        return self._per_code[code]

    def heeft_code(self, code: object) -> bool:
        return isinstance(code, str) and code in self._per_code

    def optie_voor_sneltoets(self, toets: str) -> AntwoordOptie | None:
        """Option for a pressed key (case-insensitive), or None."""
        for o in self.opties:
            if o.sneltoets.casefold() == toets.casefold():
                return o
        return None

    def rang(self, code: str) -> int | None:
        """Position on the ordered scale: higher is better; None for non-comparable options.

        Options that count as "voldoet" rank above all others; within each group, an option
        listed earlier in the file ranks higher (V > D > N for the default scale).
        """
        o = self.optie(code)
        if not o.vergelijkbaar:
            return None
        vergelijkbaar = [x for x in self.opties if x.vergelijkbaar]
        voldoet = [x for x in vergelijkbaar if x.telt_als_voldoet]
        niet = [x for x in vergelijkbaar if not x.telt_als_voldoet]
        volgorde = voldoet + niet  # best first
        return len(volgorde) - 1 - volgorde.index(o)

    def vergelijkings_profiel(self) -> tuple[tuple[str, bool], ...]:
        """The ordered comparable options; two scales with equal profiles can be ranked together."""
        return tuple((o.code, o.telt_als_voldoet) for o in self.opties if o.vergelijkbaar)


@dataclass(frozen=True)
class Catalogus:
    id: str
    naam: str
    versie: str
    bron: str
    geldig_van: date
    geldig_tot: date | None
    officieel: bool
    opmerking: str | None
    themas: tuple[Thema, ...]
    standaarden: tuple[Standaard, ...]
    antwoordschaal: Antwoordschaal
    # Set on the part of a catalogue made by ``voor_doelgroep`` (never on a stored or parsed catalogue).
    alleen_doelgroep: Doelgroep | None = None

    @property
    def sleutel(self) -> tuple[str, str]:
        """(id, versie): how scans and exchange files refer to this catalogue."""
        return (self.id, self.versie)

    @cached_property
    def fingerprint(self) -> str:
        """sha256 (hex) of the canonical JSON of the whole content; differs when any text differs."""
        return hashlib.sha256(canonieke_json(catalogus_naar_dict(self))).hexdigest()

    @cached_property
    def _standaard_per_id(self) -> dict[str, Standaard]:
        return {s.id: s for s in self.standaarden}

    @cached_property
    def _thema_per_id(self) -> dict[str, Thema]:
        return {t.id: t for t in self.themas}

    @cached_property
    def themas_op_volgorde(self) -> tuple[Thema, ...]:
        return tuple(sorted(self.themas, key=lambda t: t.volgorde))

    @cached_property
    def standaarden_op_volgorde(self) -> tuple[Standaard, ...]:
        """Display order: by theme ``volgorde``, then by position in the file."""
        thema_rang = {t.id: i for i, t in enumerate(self.themas_op_volgorde)}
        return tuple(
            s for _, s in sorted(enumerate(self.standaarden), key=lambda p: (thema_rang[p[1].thema], p[0]))
        )

    @cached_property
    def _volgorde_per_id(self) -> dict[str, int]:
        return {s.id: i for i, s in enumerate(self.standaarden_op_volgorde)}

    def volgorde_van(self, standaard_id: str) -> int:
        """Position of a standard in display order (``KeyError`` when unknown)."""
        return self._volgorde_per_id[standaard_id]

    @cached_property
    def _positie_per_id(self) -> dict[str, int]:
        return {s.id: i for i, s in enumerate(self.standaarden)}

    def positie_van(self, standaard_id: str) -> int:
        """Position of a standard in the file (``KeyError`` when unknown). Used for storage/exchange order."""
        return self._positie_per_id[standaard_id]

    def heeft_standaard(self, standaard_id: object) -> bool:
        return isinstance(standaard_id, str) and standaard_id in self._standaard_per_id

    def standaard(self, standaard_id: str) -> Standaard:
        return self._standaard_per_id[standaard_id]

    def thema(self, thema_id: str) -> Thema:
        return self._thema_per_id[thema_id]

    def standaarden_van_thema(self, thema_id: str) -> tuple[Standaard, ...]:
        return tuple(s for s in self.standaarden_op_volgorde if s.thema == thema_id)

    def heeft_doelgroep(self, doelgroep: Doelgroep) -> bool:
        return any(s.doelgroep is doelgroep for s in self.standaarden)

    def voor_doelgroep(self, doelgroep: Doelgroep) -> "Catalogus":
        """The part of this catalogue for one doelgroep: its standards, and only the themes that have them.

        A gemeente scan answers only the standards for the gemeente; with this part every rule (complete,
        results, verbeterpunten, comparisons) works unchanged. The part keeps ``id``, ``versie`` and the
        ``fingerprint`` of the whole catalogue, because a scan always refers to the whole catalogue. It is
        never stored or exported as a catalogue (``catalogus_naar_dict`` refuses it).
        """
        doelgroep = Doelgroep(doelgroep)
        if self.alleen_doelgroep is not None:
            if self.alleen_doelgroep is doelgroep:
                return self
            raise ValueError("already a part for another doelgroep")
        standaarden = tuple(s for s in self.standaarden if s.doelgroep is doelgroep)
        thema_ids = {s.thema for s in standaarden}
        deel = replace(self, themas=tuple(t for t in self.themas if t.id in thema_ids), standaarden=standaarden,
                       alleen_doelgroep=doelgroep)
        deel.__dict__["fingerprint"] = self.fingerprint  # cached_property: the whole catalogue's fingerprint
        return deel


# ---------------------------------------------------------------------------
# Shared JSON helpers (also used by zelfscan_uitwisseling)
# ---------------------------------------------------------------------------


def canonieke_json(obj: Any) -> bytes:
    """Canonical JSON bytes: sorted keys, no whitespace, UTF-8, no NaN. Used for fingerprints."""
    tekst = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return tekst.encode("utf-8", "surrogatepass")


class _Object(dict[str, Any]):
    """dict produced by the JSON reader; remembers keys that occurred more than once."""

    dubbele_sleutels: tuple[str, ...] = ()


def _object_hook(paren: list[tuple[str, Any]]) -> _Object:
    obj = _Object()
    dubbel: list[str] = []
    for k, v in paren:
        if k in obj and k not in dubbel:
            dubbel.append(k)
        obj[k] = v
    if dubbel:
        obj.dubbele_sleutels = tuple(dubbel)
    return obj


class _Constante(Exception):
    pass


def _weiger_constante(naam: str) -> Any:
    raise _Constante(naam)


_JSON_FOUTEN: tuple[tuple[str, str], ...] = (
    ("Expecting value", "hier wordt een waarde verwacht (tekst tussen aanhalingstekens, een getal, true, false of null)"),
    ("Expecting ',' delimiter", "hier ontbreekt een komma"),
    ("Expecting ':' delimiter", "hier ontbreekt een dubbele punt"),
    ("Expecting property name enclosed in double quotes", "hier wordt een naam tussen dubbele aanhalingstekens verwacht"),
    ("Unterminated string", "een tekst is niet afgesloten met een aanhalingsteken"),
    ("Invalid control character", "in een tekst staat een teken dat niet mag, zoals een harde regelovergang of tab"),
    ("Invalid \\uXXXX escape", "na een backslash (\\) staat een ongeldige code"),
    ("Invalid \\escape", "na een backslash (\\) staat een ongeldige code"),
    ("Extra data", "na het einde van de gegevens staat nog meer tekst"),
)


def lees_json(data: bytes | bytearray | memoryview | str, *, max_bytes: int, kop: str) -> Any:
    """Decode UTF-8 JSON safely. Any problem raises ``ValidationError(kop, details=[...])`` in Dutch."""
    if isinstance(data, str):
        tekst = data
        grootte = len(data.encode("utf-8", "surrogatepass"))
    elif isinstance(data, (bytes, bytearray, memoryview)):
        ruw = bytes(data)
        grootte = len(ruw)
        tekst = ""
    else:
        raise TypeError(f"expected bytes or str, got {type(data).__name__}")
    if grootte > max_bytes:
        raise ValidationError(
            kop,
            details=[
                f"Het bestand is te groot ({_grootte(grootte)}). "
                f"Het mag hoogstens {_grootte(max_bytes)} zijn."
            ],
        )
    if not isinstance(data, str):
        if ruw.startswith(b"\xef\xbb\xbf"):
            ruw = ruw[3:]
        try:
            tekst = ruw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise ValidationError(
                kop,
                details=[
                    f"Het bestand bevat tekens die geen geldige UTF-8-tekst zijn (bij byte {e.start + 1}). "
                    "Sla het bestand op als UTF-8 en probeer het opnieuw."
                ],
            ) from None
    if tekst.startswith("\ufeff"):
        tekst = tekst[1:]
    if not tekst.strip():
        raise ValidationError(kop, details=["Het bestand is leeg."])
    try:
        waarde = json.loads(tekst, object_pairs_hook=_object_hook, parse_constant=_weiger_constante)
    except json.JSONDecodeError as e:
        raise ValidationError(kop, details=[_json_fout(e, tekst)]) from None
    except _Constante as e:
        raise ValidationError(
            kop, details=[f'Het bestand bevat de waarde "{e.args[0]}". Dat is geen geldig getal in JSON.']
        ) from None
    except RecursionError:
        raise ValidationError(kop, details=["Het bestand is te diep genest (te veel haakjes in elkaar)."]) from None
    except (ValueError, OverflowError):
        raise ValidationError(kop, details=["Het bestand bevat een getal dat veel te groot is."]) from None
    if _diepte_te_groot(waarde):
        raise ValidationError(kop, details=["Het bestand is te diep genest (te veel haakjes in elkaar)."])
    return waarde


def _json_fout(e: json.JSONDecodeError, tekst: str) -> str:
    uitleg = "de opbouw van het bestand klopt hier niet"
    for engels, nederlands in _JSON_FOUTEN:
        if e.msg.startswith(engels):
            uitleg = nederlands
            break
    regel = f"Het bestand is geen geldige JSON: regel {e.lineno}, kolom {e.colno}: {uitleg}."
    if e.pos >= len(tekst.rstrip()) or e.msg.startswith("Unterminated string"):
        regel += " Het bestand houdt onverwacht op; misschien is het niet helemaal opgeslagen of gekopieerd."
    return regel


def _diepte_te_groot(waarde: Any) -> bool:
    stapel: list[tuple[Any, int]] = [(waarde, 1)]
    while stapel:
        w, d = stapel.pop()
        if d > MAX_NESTING:
            return True
        if isinstance(w, dict):
            stapel.extend((v, d + 1) for v in w.values())
        elif isinstance(w, list):
            stapel.extend((v, d + 1) for v in w)
    return False


def _grootte(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".", ",")
    if n >= 1024:
        return f"{n / 1024:.0f} kB"
    return f"{n} bytes"


def toon(waarde: object, max_len: int = 40) -> str:
    """Short, printable rendering of a (possibly hostile) value for use inside a message."""
    if isinstance(waarde, str):
        s = "".join(c if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF else f"\\u{ord(c):04x}" for c in waarde)
        if len(s) > max_len:
            s = s[: max_len - 1] + "…"
        return f'"{s}"'
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if waarde is None:
        return "null"
    if isinstance(waarde, int):
        s = str(waarde) if abs(waarde) < 10**30 else "(zeer groot getal)"
        return s
    if isinstance(waarde, float):
        return repr(waarde)[:max_len]
    return soortnaam(waarde)


def soortnaam(waarde: object) -> str:
    """Dutch name of a JSON type, for messages."""
    if waarde is None:
        return "leeg (null)"
    if isinstance(waarde, bool):
        return "true/false"
    if isinstance(waarde, int):
        return "een getal"
    if isinstance(waarde, float):
        return "een kommagetal"
    if isinstance(waarde, str):
        return "tekst"
    if isinstance(waarde, list):
        return "een lijst"
    if isinstance(waarde, dict):
        return "een object"
    return "onbekend"


def pad(plaats: str, sleutel: str | int) -> str:
    if isinstance(sleutel, int):
        return f"{plaats}[{sleutel}]"
    return f"{plaats}.{sleutel}" if plaats else sleutel


class Problemen:
    """Collects Dutch problem lines ``"<place>: <text>"``."""

    def __init__(self) -> None:
        self.lijst: list[str] = []

    def __bool__(self) -> bool:
        return bool(self.lijst)

    def __len__(self) -> int:
        return len(self.lijst)

    def voeg_toe(self, plaats: str, tekst: str) -> None:
        self.lijst.append(f"{plaats}: {tekst}" if plaats else tekst)

    def details(self) -> list[str]:
        if len(self.lijst) <= MAX_DETAILS:
            return list(self.lijst)
        rest = len(self.lijst) - MAX_DETAILS
        return self.lijst[:MAX_DETAILS] + [f"… en nog {rest} andere problemen."]

    def gooi_als_nodig(self, kop: str) -> None:
        if self.lijst:
            raise ValidationError(kop, details=self.details())


_T = TypeVar("_T")


def na_controle(waarde: _T | None) -> _T:
    """A checked value for a field that must have one; ``None`` only where its problem is already recorded.

    The parsers build their objects from such values while they go on looking for problems (duplicates,
    references), and :meth:`Problemen.gooi_als_nodig` raises before an object holding ``None`` leaves the
    parser: every object a caller gets has the field types it declares. This says so to the type checker,
    once and by name, instead of hiding each field from it.
    """
    return cast(_T, waarde)


def controleer_object(p: Problemen, waarde: Any, plaats: str, sleutels: Iterable[str]) -> dict[str, Any] | None:
    """Check that ``waarde`` is an object with exactly ``sleutels``. Returns it, or None if not an object."""
    if not isinstance(waarde, dict):
        p.voeg_toe(plaats or "bestand", f"moet een object zijn ({{ … }}), maar is {soortnaam(waarde)}")
        return None
    sleutels = tuple(sleutels)
    for k in getattr(waarde, "dubbele_sleutels", ()):
        p.voeg_toe(pad(plaats, toon(k, 30)[1:-1]), "dit veld staat er meer dan één keer in")
    for k in waarde:
        if k not in sleutels:
            hint = difflib.get_close_matches(k, sleutels, n=1)
            extra = f'; bedoel je "{hint[0]}"?' if hint else "; haal het weg of controleer de spelling"
            p.voeg_toe(pad(plaats, toon(k, 30)[1:-1]), f"onbekend veld{extra}")
    for k in sleutels:
        if k not in waarde:
            p.voeg_toe(pad(plaats, k), "dit veld ontbreekt")
    return waarde


def heeft_verboden_tekens(s: str, meerregelig: bool = False) -> bool:
    """Control characters or lone surrogates; newlines/tabs are allowed only in multi-line text."""
    for c in s:
        o = ord(c)
        if 0xD800 <= o <= 0xDFFF:
            return True
        if o < 0x20 or o == 0x7F or 0x80 <= o < 0xA0:
            if meerregelig and c in "\n\r\t":
                continue
            return True
        if o in (0x2028, 0x2029):
            if meerregelig:
                continue
            return True
    return False


def controleer_tekst(
    p: Problemen,
    obj: Mapping[str, Any],
    sleutel: str,
    plaats: str,
    *,
    max_len: int,
    meerregelig: bool = False,
    null_mag: bool = False,
) -> str | None:
    """A non-empty string field. Missing keys are already reported by ``controleer_object``."""
    if sleutel not in obj:
        return None
    return controleer_tekstwaarde(p, obj[sleutel], pad(plaats, sleutel), max_len=max_len,
                                  meerregelig=meerregelig, null_mag=null_mag)


def controleer_tekstwaarde(
    p: Problemen, waarde: Any, plaats: str, *, max_len: int, meerregelig: bool = False, null_mag: bool = False
) -> str | None:
    if waarde is None and null_mag:
        return None
    if not isinstance(waarde, str):
        verwacht = "tekst of null" if null_mag else "tekst"
        p.voeg_toe(plaats, f"moet {verwacht} zijn, maar is {soortnaam(waarde)}")
        return None
    if not waarde.strip():
        p.voeg_toe(plaats, "mag niet leeg zijn" + ("; gebruik null als er niets is" if null_mag else ""))
        return None
    if len(waarde) > max_len:
        p.voeg_toe(plaats, f"is te lang ({len(waarde)} tekens); het mag hoogstens {max_len} tekens zijn")
        return None
    if heeft_verboden_tekens(waarde, meerregelig):
        uitleg = "onzichtbare stuurtekens" if meerregelig else "regelovergangen, tabs of onzichtbare stuurtekens"
        p.voeg_toe(plaats, f"bevat tekens die niet mogen ({uitleg})")
        return None
    return waarde


def controleer_patroon(
    p: Problemen, obj: Mapping[str, Any], sleutel: str, plaats: str, patroon: re.Pattern[str], uitleg: str
) -> str | None:
    if sleutel not in obj:
        return None
    waarde = obj[sleutel]
    plek = pad(plaats, sleutel)
    if not isinstance(waarde, str):
        p.voeg_toe(plek, f"moet tekst zijn, maar is {soortnaam(waarde)}")
        return None
    if not waarde:
        p.voeg_toe(plek, "mag niet leeg zijn")
        return None
    if not patroon.fullmatch(waarde):
        p.voeg_toe(plek, f"{toon(waarde)} is niet geldig; {uitleg}")
        return None
    return waarde


def controleer_bool(p: Problemen, obj: Mapping[str, Any], sleutel: str, plaats: str) -> bool | None:
    if sleutel not in obj:
        return None
    waarde = obj[sleutel]
    if not isinstance(waarde, bool):
        p.voeg_toe(pad(plaats, sleutel), f"moet true of false zijn, maar is {soortnaam(waarde)}")
        return None
    return waarde


def controleer_geheel_getal(
    p: Problemen, obj: Mapping[str, Any], sleutel: str, plaats: str, *, minimum: int, maximum: int
) -> int | None:
    if sleutel not in obj:
        return None
    waarde = obj[sleutel]
    plek = pad(plaats, sleutel)
    if isinstance(waarde, bool) or not isinstance(waarde, int):
        p.voeg_toe(plek, f"moet een geheel getal zijn, maar is {soortnaam(waarde)}")
        return None
    if not minimum <= waarde <= maximum:
        p.voeg_toe(plek, f"{toon(waarde)} is niet toegestaan; kies een getal van {minimum} tot en met {maximum}")
        return None
    return waarde


def controleer_datum(
    p: Problemen, obj: Mapping[str, Any], sleutel: str, plaats: str, *, null_mag: bool = False
) -> date | None:
    if sleutel not in obj:
        return None
    waarde = obj[sleutel]
    plek = pad(plaats, sleutel)
    if waarde is None and null_mag:
        return None
    if not isinstance(waarde, str):
        verwacht = "een datum (JJJJ-MM-DD) of null" if null_mag else "een datum (JJJJ-MM-DD)"
        p.voeg_toe(plek, f"moet {verwacht} zijn, maar is {soortnaam(waarde)}")
        return None
    if DATUM_PATROON.fullmatch(waarde):
        try:
            return date.fromisoformat(waarde)
        except ValueError:
            pass
    p.voeg_toe(plek, f"{toon(waarde)} is geen geldige datum; schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2019-11-21")
    return None


def controleer_lijst(
    p: Problemen, obj: Mapping[str, Any], sleutel: str, plaats: str, *, minimum: int, maximum: int
) -> list[Any] | None:
    if sleutel not in obj:
        return None
    waarde = obj[sleutel]
    plek = pad(plaats, sleutel)
    if not isinstance(waarde, list):
        p.voeg_toe(plek, f"moet een lijst zijn ([ … ]), maar is {soortnaam(waarde)}")
        return None
    if len(waarde) < minimum:
        p.voeg_toe(plek, "mag niet leeg zijn" if minimum == 1 else f"moet minstens {minimum} onderdelen hebben")
    if len(waarde) > maximum:
        p.voeg_toe(plek, f"heeft te veel onderdelen ({len(waarde)}); het mogen er hoogstens {maximum} zijn")
        return None
    return waarde


def controleer_uniek(
    p: Problemen, items: Iterable[tuple[str, str | None]], veldnaam: str, *, hoofdletters_gelijk: bool = True
) -> None:
    """Report values that occur more than once. ``items`` are (place, value) pairs; None values are skipped."""
    gezien: dict[str, str] = {}
    for plaats, waarde in items:
        if waarde is None:
            continue
        sleutel = waarde.casefold() if hoofdletters_gelijk else waarde
        if sleutel in gezien:
            p.voeg_toe(plaats, f"{veldnaam} {toon(waarde)} komt al eerder voor (bij {gezien[sleutel]})")
        else:
            gezien[sleutel] = plaats


# ---------------------------------------------------------------------------
# Catalogue parsing
# ---------------------------------------------------------------------------

_TOP = ("formaat", "formaatversie", "id", "naam", "versie", "bron", "geldig_van", "geldig_tot",
        "officieel", "opmerking", "themas", "standaarden", "antwoordschaal")
_THEMA = ("id", "naam", "volgorde")
_STANDAARD = ("id", "thema", "doelgroep", "titel", "toelichting", "vragen")
_SCHAAL = ("id", "naam", "opties")
_OPTIE = ("code", "label", "sneltoets", "telt_als_voldoet", "uitgesloten", "apart_tonen")

_ID_UITLEG = "gebruik 1 tot 64 letters, cijfers, punten, liggende streepjes of underscores, en begin met een letter of cijfer"
_CODE_UITLEG = "gebruik 1 tot 16 letters, cijfers, liggende streepjes of underscores, en begin met een letter of cijfer"


def controleer_formaat(p: Problemen, obj: Mapping[str, Any], formaat: str, versie: int, omschrijving: str,
                       *, oudere_versies: Iterable[int] = ()) -> bool:
    """Check ``formaat``/``formaatversie``. Returns False when the file is not of this kind at all.

    ``oudere_versies``: earlier format versions that are still read.
    """
    f = obj.get("formaat")
    if f != formaat:
        if "formaat" not in obj:
            p.voeg_toe("formaat", f'dit veld ontbreekt; dit lijkt geen {omschrijving}')
        else:
            p.voeg_toe("formaat", f'{toon(f)} klopt niet; een {omschrijving} heeft formaat "{formaat}"')
        return False
    v = obj.get("formaatversie")
    if isinstance(v, bool) or not isinstance(v, int):
        p.voeg_toe("formaatversie", f"moet een geheel getal zijn, maar is {soortnaam(v)}")
        return False
    if v > versie:
        p.voeg_toe("formaatversie", f"versie {toon(v)} is gemaakt met een nieuwere versie van GHNT Desktop; "
                                    "werk GHNT Desktop bij en probeer het opnieuw")
        return False
    if v < 1 or (v != versie and v not in set(oudere_versies)):
        p.voeg_toe("formaatversie", f"{toon(v)} is geen bekende versie; verwacht wordt {versie}")
        return False
    return True


def parse_catalogus(data: bytes | bytearray | memoryview | str) -> Catalogus:
    """Parse and strictly validate a catalogue file. Raises ``ValidationError`` listing every problem."""
    ruw = lees_json(data, max_bytes=MAX_BESTAND_BYTES, kop=KOP_CATALOGUS)
    p = Problemen()
    if not isinstance(ruw, dict):
        raise ValidationError(KOP_CATALOGUS, details=[
            f"Het bestand moet één JSON-object zijn ({{ … }}), maar is {soortnaam(ruw)}."])
    if not controleer_formaat(p, ruw, FORMAAT, FORMAATVERSIE, "kwaliteitskader-bestand van GHNT Desktop"):
        raise ValidationError(KOP_CATALOGUS, details=p.details())
    top = controleer_object(p, ruw, "", _TOP)
    assert top is not None
    cat_id = controleer_patroon(p, top, "id", "", ID_PATROON, _ID_UITLEG)
    naam = controleer_tekst(p, top, "naam", "", max_len=MAX_NAAM)
    versie = controleer_tekst(p, top, "versie", "", max_len=MAX_VERSIE)
    if versie is not None and versie != versie.strip():
        p.voeg_toe("versie", "mag niet beginnen of eindigen met een spatie")
    bron = controleer_tekst(p, top, "bron", "", max_len=MAX_BRON, meerregelig=True)
    geldig_van = controleer_datum(p, top, "geldig_van", "")
    geldig_tot = controleer_datum(p, top, "geldig_tot", "", null_mag=True)
    if geldig_van and geldig_tot and geldig_tot < geldig_van:
        p.voeg_toe("geldig_tot", f"{geldig_tot.isoformat()} ligt vóór geldig_van ({geldig_van.isoformat()}); "
                                 "de einddatum moet op of na de begindatum liggen")
    officieel = controleer_bool(p, top, "officieel", "")
    opmerking = controleer_tekst(p, top, "opmerking", "", max_len=MAX_OPMERKING, meerregelig=True, null_mag=True)

    themas = _parse_themas(p, top)
    thema_ids = {t.id for t in themas if t.id is not None}
    # Only check references when every theme id is valid, to avoid follow-up noise.
    themas_ok = isinstance(top.get("themas"), list) and len(themas) == len(top["themas"]) and all(
        t.id is not None for t in themas)
    standaarden = _parse_standaarden(p, top, thema_ids if themas_ok else None)
    lijst = top.get("standaarden")
    if (themas_ok and isinstance(lijst, list) and len(standaarden) == len(lijst)
            and all(s.thema is not None for s in standaarden)):
        gebruikt = {s.thema for s in standaarden}
        for i, t in enumerate(themas):
            if t.id is not None and t.id not in gebruikt:
                p.voeg_toe(f"themas[{i}]", f"thema {toon(t.id)} heeft geen standaarden; voeg standaarden toe of haal het thema weg")
    schaal = _parse_schaal(p, top)

    p.gooi_als_nodig(KOP_CATALOGUS)
    return Catalogus(
        id=na_controle(cat_id), naam=na_controle(naam), versie=na_controle(versie), bron=na_controle(bron),
        geldig_van=na_controle(geldig_van), geldig_tot=geldig_tot, officieel=na_controle(officieel),
        opmerking=opmerking, themas=tuple(themas), standaarden=tuple(standaarden), antwoordschaal=schaal,
    )


def _parse_themas(p: Problemen, top: Mapping[str, Any]) -> list[Thema]:
    lijst = controleer_lijst(p, top, "themas", "", minimum=1, maximum=MAX_THEMAS)
    uit: list[Thema] = []
    for i, item in enumerate(lijst or []):
        plaats = f"themas[{i}]"
        obj = controleer_object(p, item, plaats, _THEMA)
        if obj is None:
            continue
        uit.append(Thema(
            id=na_controle(controleer_patroon(p, obj, "id", plaats, ID_PATROON, _ID_UITLEG)),
            naam=na_controle(controleer_tekst(p, obj, "naam", plaats, max_len=MAX_NAAM)),
            volgorde=na_controle(controleer_geheel_getal(p, obj, "volgorde", plaats, minimum=0,
                                                         maximum=MAX_VOLGORDE)),
        ))
    plaatsen = [f"themas[{i}]" for i, item in enumerate(lijst or []) if isinstance(item, dict)]
    controleer_uniek(p, ((pad(pl, "id"), t.id) for pl, t in zip(plaatsen, uit)), "het id")
    controleer_uniek(p, ((pad(pl, "naam"), t.naam) for pl, t in zip(plaatsen, uit)), "de naam")
    controleer_uniek(p, ((pad(pl, "volgorde"), None if t.volgorde is None else str(t.volgorde))
                         for pl, t in zip(plaatsen, uit)), "de volgorde")
    return uit


def _parse_standaarden(p: Problemen, top: Mapping[str, Any], thema_ids: set[str] | None) -> list[Standaard]:
    lijst = controleer_lijst(p, top, "standaarden", "", minimum=1, maximum=MAX_STANDAARDEN)
    uit: list[Standaard] = []
    plaatsen: list[str] = []
    geldige_doelgroepen = ", ".join(f'"{d.value}"' for d in Doelgroep)
    for i, item in enumerate(lijst or []):
        plaats = f"standaarden[{i}]"
        obj = controleer_object(p, item, plaats, _STANDAARD)
        if obj is None:
            continue
        sid = controleer_patroon(p, obj, "id", plaats, ID_PATROON, _ID_UITLEG)
        thema = controleer_patroon(p, obj, "thema", plaats, ID_PATROON, _ID_UITLEG)
        if thema is not None and thema_ids is not None and thema not in thema_ids:
            bekend = ", ".join(f'"{t}"' for t in sorted(thema_ids)) or "geen"
            p.voeg_toe(pad(plaats, "thema"), f"{toon(thema)} is geen thema uit de lijst themas (bekend: {bekend})")
            thema = None
        doelgroep: Doelgroep | None = None
        if "doelgroep" in obj:
            d = obj["doelgroep"]
            if isinstance(d, str) and d in {x.value for x in Doelgroep}:
                doelgroep = Doelgroep(d)
            elif isinstance(d, str):
                p.voeg_toe(pad(plaats, "doelgroep"), f"{toon(d)} is geen geldige doelgroep; kies "
                                                     + " of ".join(f'"{x.value}"' for x in Doelgroep))
            else:
                p.voeg_toe(pad(plaats, "doelgroep"), f"moet tekst zijn ({geldige_doelgroepen}), maar is {soortnaam(d)}")
        titel = controleer_tekst(p, obj, "titel", plaats, max_len=MAX_TITEL)
        toelichting = controleer_tekst(p, obj, "toelichting", plaats, max_len=MAX_TOELICHTING, meerregelig=True)
        vragen_ruw = controleer_lijst(p, obj, "vragen", plaats, minimum=0, maximum=MAX_VRAGEN)
        vragen: list[str] = []
        for j, v in enumerate(vragen_ruw or []):
            tekst = controleer_tekstwaarde(p, v, f"{plaats}.vragen[{j}]", max_len=MAX_VRAAG)
            if tekst is not None:
                vragen.append(tekst)
        uit.append(Standaard(id=na_controle(sid), thema=na_controle(thema), doelgroep=na_controle(doelgroep),
                             titel=na_controle(titel), toelichting=na_controle(toelichting), vragen=tuple(vragen)))
        plaatsen.append(plaats)
    controleer_uniek(p, ((pad(pl, "id"), s.id) for pl, s in zip(plaatsen, uit)), "het id")
    return uit


def _parse_schaal(p: Problemen, top: Mapping[str, Any]) -> Antwoordschaal:
    obj = controleer_object(p, top["antwoordschaal"], "antwoordschaal", _SCHAAL) if "antwoordschaal" in top else None
    if obj is None:
        return Antwoordschaal(id="", naam="", opties=())
    plaats = "antwoordschaal"
    sid = controleer_patroon(p, obj, "id", plaats, ID_PATROON, _ID_UITLEG)
    naam = controleer_tekst(p, obj, "naam", plaats, max_len=MAX_NAAM)
    lijst = controleer_lijst(p, obj, "opties", plaats, minimum=MIN_OPTIES, maximum=MAX_OPTIES)
    opties: list[AntwoordOptie] = []
    plaatsen: list[str] = []
    for i, item in enumerate(lijst or []):
        pl = f"antwoordschaal.opties[{i}]"
        o = controleer_object(p, item, pl, _OPTIE)
        if o is None:
            continue
        optie = AntwoordOptie(
            code=na_controle(controleer_patroon(p, o, "code", pl, CODE_PATROON, _CODE_UITLEG)),
            label=na_controle(controleer_tekst(p, o, "label", pl, max_len=MAX_LABEL)),
            sneltoets=na_controle(controleer_patroon(p, o, "sneltoets", pl, SNELTOETS_PATROON,
                                                     "gebruik precies één letter of cijfer")),
            telt_als_voldoet=na_controle(controleer_bool(p, o, "telt_als_voldoet", pl)),
            uitgesloten=na_controle(controleer_bool(p, o, "uitgesloten", pl)),
            apart_tonen=na_controle(controleer_bool(p, o, "apart_tonen", pl)),
        )
        vlaggen = [n for n in ("telt_als_voldoet", "uitgesloten", "apart_tonen") if getattr(optie, n) is True]
        if len(vlaggen) > 1:
            p.voeg_toe(pl, "een optie kan maar één van telt_als_voldoet, uitgesloten en apart_tonen hebben; "
                           "nu staan " + " en ".join(vlaggen) + " allebei op true")
        opties.append(optie)
        plaatsen.append(pl)
    controleer_uniek(p, ((pad(pl, "code"), o.code) for pl, o in zip(plaatsen, opties)), "de code")
    controleer_uniek(p, ((pad(pl, "sneltoets"), o.sneltoets) for pl, o in zip(plaatsen, opties)), "de sneltoets")
    controleer_uniek(p, ((pad(pl, "label"), o.label) for pl, o in zip(plaatsen, opties)), "het label")
    if lijst is not None and len(opties) == len(lijst) and opties:
        if not any(o.telt_als_voldoet is True for o in opties):
            p.voeg_toe("antwoordschaal.opties", "geen enkele optie telt als voldoet; zet bij minstens één optie "
                                                "telt_als_voldoet op true")
        elif not any(o.telt_als_voldoet is False and o.uitgesloten is False and o.apart_tonen is False
                     for o in opties):
            p.voeg_toe("antwoordschaal.opties", "er is geen optie voor 'voldoet niet'; voeg een optie toe waarbij "
                                                "telt_als_voldoet, uitgesloten en apart_tonen alle drie false zijn")
    return Antwoordschaal(id=na_controle(sid), naam=na_controle(naam), opties=tuple(opties))


# ---------------------------------------------------------------------------
# Serialisation
# ---------------------------------------------------------------------------


def catalogus_naar_dict(c: Catalogus) -> dict[str, Any]:
    """The JSON structure of a catalogue, keys in documented order."""
    if c.alleen_doelgroep is not None:
        raise ValueError("a part of a catalogue (voor_doelgroep) is never stored or exported")
    return {
        "formaat": FORMAAT,
        "formaatversie": FORMAATVERSIE,
        "id": c.id,
        "naam": c.naam,
        "versie": c.versie,
        "bron": c.bron,
        "geldig_van": c.geldig_van.isoformat(),
        "geldig_tot": c.geldig_tot.isoformat() if c.geldig_tot else None,
        "officieel": c.officieel,
        "opmerking": c.opmerking,
        "themas": [{"id": t.id, "naam": t.naam, "volgorde": t.volgorde} for t in c.themas],
        "standaarden": [
            {"id": s.id, "thema": s.thema, "doelgroep": s.doelgroep.value, "titel": s.titel,
             "toelichting": s.toelichting, "vragen": list(s.vragen)}
            for s in c.standaarden
        ],
        "antwoordschaal": {
            "id": c.antwoordschaal.id,
            "naam": c.antwoordschaal.naam,
            "opties": [
                {"code": o.code, "label": o.label, "sneltoets": o.sneltoets, "telt_als_voldoet": o.telt_als_voldoet,
                 "uitgesloten": o.uitgesloten, "apart_tonen": o.apart_tonen}
                for o in c.antwoordschaal.opties
            ],
        },
    }


def catalogus_naar_json(c: Catalogus) -> bytes:
    """Readable UTF-8 JSON (2-space indent). ``parse_catalogus(catalogus_naar_json(c)) == c``."""
    return (json.dumps(catalogus_naar_dict(c), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def catalogus_fingerprint(c: Catalogus) -> str:
    """Same as ``c.fingerprint``."""
    return c.fingerprint


__all__: list[str] = [
    "FORMAAT", "FORMAATVERSIE", "MAX_BESTAND_BYTES", "MAX_STANDAARDEN", "Doelgroep", "Thema", "Standaard",
    "AntwoordOptie", "Antwoordschaal", "Catalogus", "parse_catalogus", "catalogus_naar_json",
    "catalogus_naar_dict", "catalogus_fingerprint", "canonieke_json",
]
