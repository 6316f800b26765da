"""Loaders for the meldcode content files in ``resources/meldcode/*.json``.

Each file has a top-level ``versie`` and ``bron``. Loaders validate the whole file and
raise :class:`ghnt_desktop.errors.ValidationError` with a Dutch message whose
``details`` list every problem with its place, e.g.
``signalen.json: vormen[2].signalen[4].tekst: ontbreekt of is leeg``.

The ``lees_*`` functions take already-parsed JSON data (handy for tests and for content
that comes from elsewhere); the ``laad_*`` functions read the file, by default through
``ghnt_desktop.paths.resource_path`` (imported lazily).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from ghnt_desktop.domain.meldcode_model import (
    AnoniemGrond,
    Betrokkene,
    Dossier,
    GeweldsVorm,
    Herkomst,
    KinderenInHuishouden,
    Kindcheck,
    RedenNietGevoerd,
    Richting,
    Rol,
    Signaal,
    SignaalSoort,
    VervolgStatus,
)
from ghnt_desktop.errors import ValidationError
from ghnt_desktop.paths import resource_path

__all__ = [
    "MIN_SIGNALEN_PER_VORM",
    "MAX_SIGNALEN_PER_VORM",
    "Stap",
    "StappenContent",
    "SignaalItem",
    "SignalenLijst",
    "SignalenContent",
    "Onveiligheid",
    "AfwegingTekst",
    "Meldnorm",
    "AnoniemGrondTekst",
    "RedenOverslaanTekst",
    "DefinitiesContent",
    "Contact",
    "ContactenContent",
    "OefenSignaal",
    "OefenKindcheck",
    "Oefencasus",
    "OefencasussenContent",
    "MeldcodeContent",
    "NUMMERINGEN",
    "VertrouwelijkheidOnderdeel",
    "VertrouwelijkheidContent",
    "lees_vertrouwelijkheid",
    "laad_vertrouwelijkheid",
    "lees_stappen",
    "lees_signalen",
    "lees_definities",
    "lees_contacten",
    "lees_oefencasussen",
    "laad_stappen",
    "laad_signalen",
    "laad_definities",
    "laad_contacten",
    "laad_oefencasussen",
    "laad_meldcode_content",
    "valideer_meldcode_content",
]

MIN_SIGNALEN_PER_VORM = 6
MAX_SIGNALEN_PER_VORM = 15

BESTANDEN = ("stappen.json", "signalen.json", "definities.json", "contacten.json", "oefencasussen.json",
             "vertrouwelijkheid.json")

#: The numbering variants of the afwegingen (the organisation's meldcode profile): the default puts
#: afweging 1 and 2 in stap 4 and 3-5 in stap 5; the other puts all five in stap 5.
NUMMERINGEN = ("stap4_en_5", "alles_in_stap5")

E = TypeVar("E", bound=StrEnum)


# ------------------------------------------------------------------ dataclasses


@dataclass(frozen=True)
class Stap:
    nummer: int
    titel: str
    uitleg: str
    wat_vastleggen: tuple[str, ...]
    #: Texts of this step for another numbering variant: (variant, uitleg, wat_vastleggen).
    varianten: tuple[tuple[str, str, tuple[str, ...]], ...] = ()

    def voor(self, nummering: str | None) -> "Stap":
        """This step as the numbering variant ``nummering`` words it (the default texts when it has none)."""
        for naam, uitleg, vast in self.varianten:
            if naam == nummering:
                return Stap(self.nummer, self.titel, uitleg, vast)
        return Stap(self.nummer, self.titel, self.uitleg, self.wat_vastleggen)


@dataclass(frozen=True)
class StappenContent:
    versie: str
    bron: str
    stappen: tuple[Stap, ...]

    def stap(self, nummer: int, nummering: str | None = None) -> Stap:
        """Step ``nummer``; with ``nummering`` its texts for that numbering variant of the afwegingen."""
        for s in self.stappen:
            if s.nummer == nummer:
                return s.voor(nummering) if nummering is not None else s
        raise KeyError(nummer)


@dataclass(frozen=True)
class SignaalItem:
    id: str
    tekst: str
    acuut: bool
    vorm: GeweldsVorm


@dataclass(frozen=True)
class SignalenLijst:
    vorm: GeweldsVorm
    geverifieerd: bool
    signalen: tuple[SignaalItem, ...]

    @property
    def label(self) -> str:
        return self.vorm.label


@dataclass(frozen=True)
class SignalenContent:
    versie: str
    bron: str
    let_op: tuple[str, ...]
    lijsten: tuple[SignalenLijst, ...]
    risicofactoren: tuple[str, ...]
    beschermende_factoren: tuple[str, ...]

    def lijst(self, vorm: GeweldsVorm) -> SignalenLijst:
        for lijst in self.lijsten:
            if lijst.vorm is vorm:
                return lijst
        raise KeyError(vorm)

    def signaal(self, signaal_id: str) -> SignaalItem:
        for lijst in self.lijsten:
            for s in lijst.signalen:
                if s.id == signaal_id:
                    return s
        raise KeyError(signaal_id)

    def acute_signalen(self) -> tuple[SignaalItem, ...]:
        return tuple(s for lijst in self.lijsten for s in lijst.signalen if s.acuut)


@dataclass(frozen=True)
class Onveiligheid:
    titel: str
    definitie: str
    voorbeelden: tuple[str, ...]
    geverifieerd: bool


@dataclass(frozen=True)
class AfwegingTekst:
    nummer: int
    titel: str
    vraag: str
    uitleg: str
    bij_nee: str
    bij_ja: str
    hulpvragen: tuple[str, ...]
    hulpvragen_geverifieerd: bool


@dataclass(frozen=True)
class Meldnorm:
    nummer: int
    titel: str
    tekst: str


@dataclass(frozen=True)
class AnoniemGrondTekst:
    grond: AnoniemGrond
    tekst: str


@dataclass(frozen=True)
class RedenOverslaanTekst:
    reden: RedenNietGevoerd
    tekst: str


@dataclass(frozen=True)
class DefinitiesContent:
    versie: str
    bron: str
    acuut: Onveiligheid
    structureel: Onveiligheid
    afwegingen: tuple[AfwegingTekst, ...]
    meldnormen: tuple[Meldnorm, ...]
    anoniem_uitleg: str
    anoniem_gronden: tuple[AnoniemGrondTekst, ...]
    gesprek_overslaan_uitleg: str
    redenen_gesprek_overslaan: tuple[RedenOverslaanTekst, ...]

    def afweging(self, nummer: int) -> AfwegingTekst:
        for a in self.afwegingen:
            if a.nummer == nummer:
                return a
        raise KeyError(nummer)

    def meldnorm(self, nummer: int) -> Meldnorm:
        for m in self.meldnormen:
            if m.nummer == nummer:
                return m
        raise KeyError(nummer)


@dataclass(frozen=True)
class Contact:
    id: str
    naam: str
    telefoon: str | None
    website: str | None
    bereikbaar: str
    wanneer: str
    anoniem_advies: bool
    regionaal: bool
    geverifieerd: bool


@dataclass(frozen=True)
class ContactenContent:
    versie: str
    bron: str
    let_op: str
    contacten: tuple[Contact, ...]

    def contact(self, contact_id: str) -> Contact:
        for c in self.contacten:
            if c.id == contact_id:
                return c
        raise KeyError(contact_id)


@dataclass(frozen=True)
class OefenSignaal:
    omschrijving: str
    soort: SignaalSoort
    herkomst: Herkomst
    bron: str
    richting: Richting
    letsel: bool
    checklist_id: str | None
    dagen_geleden: int

    def als_signaal(
        self, vandaag: date, *, auteur: str = "", signalen: SignalenContent | None = None
    ) -> Signaal:
        """A domain ``Signaal`` dated relative to ``vandaag``; ``acuut`` and ``vorm``
        come from the checklist item when ``signalen`` is given."""
        item = None
        if signalen is not None and self.checklist_id is not None:
            item = signalen.signaal(self.checklist_id)
        datum = vandaag - timedelta(days=self.dagen_geleden)
        return Signaal(
            omschrijving=self.omschrijving,
            soort=self.soort,
            herkomst=self.herkomst,
            bron=self.bron,
            richting=self.richting,
            datum_waargenomen=datum,
            datum_vastgelegd=datum,
            auteur=auteur,
            letsel=self.letsel,
            acuut=bool(item and item.acuut),
            vorm=item.vorm if item else None,
            checklist_id=self.checklist_id,
        )


@dataclass(frozen=True)
class OefenKindcheck:
    kinderen_in_huishouden: KinderenInHuishouden
    aantal: int | None
    leeftijden: tuple[int, ...]
    wie_zorgt: str
    netwerk: str
    vervolg: str
    vervolg_status: VervolgStatus
    vervolg_over_dagen: int | None
    dagen_geleden: int

    def als_kindcheck(self, vandaag: date, *, auteur: str = "") -> Kindcheck:
        vervolg_datum = (
            None if self.vervolg_over_dagen is None else vandaag + timedelta(days=self.vervolg_over_dagen)
        )
        return Kindcheck(
            kinderen_in_huishouden=self.kinderen_in_huishouden,
            aantal=self.aantal,
            leeftijden=self.leeftijden,
            wie_zorgt=self.wie_zorgt,
            netwerk=self.netwerk,
            vervolg=self.vervolg,
            vervolg_status=self.vervolg_status,
            vervolg_datum=vervolg_datum,
            datum=vandaag - timedelta(days=self.dagen_geleden),
            auteur=auteur,
        )


@dataclass(frozen=True)
class Oefencasus:
    id: str
    titel: str
    fictief: bool
    client_referentie: str
    vormen: frozenset[GeweldsVorm]
    scenario: str
    betrokkenen: tuple[Betrokkene, ...]
    signalen: tuple[OefenSignaal, ...]
    kindcheck: OefenKindcheck | None
    leerdoelen: tuple[str, ...]

    def als_dossier(
        self,
        vandaag: date,
        *,
        eigenaar: str = "",
        gemeente_code: str = "",
        signalen: SignalenContent | None = None,
    ) -> Dossier:
        """A fresh practice ``Dossier`` at stap 1 with this case's betrokkenen, signals
        and kindcheck, dated relative to ``vandaag``."""
        sig = tuple(s.als_signaal(vandaag, auteur=eigenaar, signalen=signalen) for s in self.signalen)
        oudste = min((s.datum_waargenomen for s in sig if s.datum_waargenomen), default=vandaag)
        return Dossier(
            client_referentie=self.client_referentie,
            gemeente_code=gemeente_code,
            vormen=self.vormen,
            eigenaar=eigenaar,
            huidige_stap=1,
            geopend_op=oudste,
            betrokkenen=self.betrokkenen,
            signalen=sig,
            kindcheck=None if self.kindcheck is None else self.kindcheck.als_kindcheck(vandaag, auteur=eigenaar),
        )


@dataclass(frozen=True)
class OefencasussenContent:
    versie: str
    bron: str
    let_op: str
    casussen: tuple[Oefencasus, ...]

    def casus(self, casus_id: str) -> Oefencasus:
        for c in self.casussen:
            if c.id == casus_id:
                return c
        raise KeyError(casus_id)


@dataclass(frozen=True)
class VertrouwelijkheidOnderdeel:
    id: str
    kop: str
    alineas: tuple[str, ...]
    bronnen: tuple[str, ...]
    geverifieerd: bool


@dataclass(frozen=True)
class VertrouwelijkheidContent:
    """The page on confidentiality (meldrecht, conflict van plichten, "zonder toestemming is niet zonder
    medeweten") that the steps link to."""

    versie: str
    bron: str
    titel: str
    inleiding: str
    onderdelen: tuple[VertrouwelijkheidOnderdeel, ...]

    def onderdeel(self, onderdeel_id: str) -> VertrouwelijkheidOnderdeel:
        for o in self.onderdelen:
            if o.id == onderdeel_id:
                return o
        raise KeyError(onderdeel_id)


@dataclass(frozen=True)
class MeldcodeContent:
    stappen: StappenContent
    signalen: SignalenContent
    definities: DefinitiesContent
    contacten: ContactenContent
    oefencasussen: OefencasussenContent
    vertrouwelijkheid: VertrouwelijkheidContent | None = None


# ------------------------------------------------------------------ validation helpers


class _Controle:
    """Collects problems with their place; reads typed values from parsed JSON."""

    def __init__(self, bestand: str) -> None:
        self.bestand = bestand
        self.problemen: list[str] = []

    def fout(self, plek: str, tekst: str) -> None:
        self.problemen.append(f"{self.bestand}: {plek}: {tekst}" if plek else f"{self.bestand}: {tekst}")

    def klaar(self) -> None:
        if self.problemen:
            raise ValidationError(
                f"Het inhoudsbestand {self.bestand} klopt niet. Vraag de beheerder om het te herstellen.",
                details=self.problemen,
            )

    @staticmethod
    def plek(basis: str, sleutel: str | int) -> str:
        if isinstance(sleutel, int):
            return f"{basis}[{sleutel}]"
        return f"{basis}.{sleutel}" if basis else sleutel

    def object(self, waarde: Any, plek: str) -> dict[str, Any]:
        if not isinstance(waarde, dict):
            self.fout(plek, "moet een object zijn")
            return {}
        return waarde

    def tekst(self, obj: dict[str, Any], sleutel: str, basis: str) -> str:
        waarde = obj.get(sleutel)
        if not isinstance(waarde, str) or not waarde.strip():
            self.fout(self.plek(basis, sleutel), "ontbreekt of is leeg")
            return ""
        return waarde

    def tekst_of_leeg(self, obj: dict[str, Any], sleutel: str, basis: str) -> str:
        waarde = obj.get(sleutel, "")
        if waarde is None:
            return ""
        if not isinstance(waarde, str):
            self.fout(self.plek(basis, sleutel), "moet tekst zijn")
            return ""
        return waarde

    def tekst_of_none(self, obj: dict[str, Any], sleutel: str, basis: str) -> str | None:
        waarde = obj.get(sleutel)
        if waarde is None:
            return None
        if not isinstance(waarde, str) or not waarde.strip():
            self.fout(self.plek(basis, sleutel), "moet tekst of null zijn")
            return None
        return waarde

    def waarheid(self, obj: dict[str, Any], sleutel: str, basis: str) -> bool:
        waarde = obj.get(sleutel)
        if not isinstance(waarde, bool):
            self.fout(self.plek(basis, sleutel), "moet true of false zijn")
            return False
        return waarde

    def geheel(
        self, obj: dict[str, Any], sleutel: str, basis: str, *, minimum: int = 0, mag_null: bool = False
    ) -> int | None:
        waarde = obj.get(sleutel)
        if waarde is None and mag_null:
            return None
        if isinstance(waarde, bool) or not isinstance(waarde, int) or waarde < minimum:
            self.fout(self.plek(basis, sleutel), f"moet een geheel getal van {minimum} of meer zijn")
            return None
        return waarde

    def lijst(self, obj: dict[str, Any], sleutel: str, basis: str, *, niet_leeg: bool = True) -> list[Any]:
        waarde = obj.get(sleutel)
        if not isinstance(waarde, list):
            self.fout(self.plek(basis, sleutel), "moet een lijst zijn")
            return []
        if niet_leeg and not waarde:
            self.fout(self.plek(basis, sleutel), "is leeg")
        return waarde

    def teksten(self, obj: dict[str, Any], sleutel: str, basis: str, *, niet_leeg: bool = True) -> tuple[str, ...]:
        uit: list[str] = []
        plek = self.plek(basis, sleutel)
        for i, t in enumerate(self.lijst(obj, sleutel, basis, niet_leeg=niet_leeg)):
            if not isinstance(t, str) or not t.strip():
                self.fout(self.plek(plek, i), "moet tekst zijn en mag niet leeg zijn")
            else:
                uit.append(t)
        return tuple(uit)

    def keuze(self, obj: dict[str, Any], sleutel: str, basis: str, soort: type[E]) -> E | None:
        waarde = obj.get(sleutel)
        if isinstance(waarde, str):  # (no member of a StrEnum has a value that is not a str)
            try:
                return soort(waarde)
            except ValueError:
                pass
        toegestaan = ", ".join(v.value for v in soort)
        self.fout(self.plek(basis, sleutel), f"onbekende waarde; kies uit: {toegestaan}")
        return None

    def kop(self, data: Any) -> tuple[dict[str, Any], str, str]:
        obj = self.object(data, "")
        return obj, self.tekst(obj, "versie", ""), self.tekst(obj, "bron", "")

    def nummers(self, gevonden: list[int | None], verwacht: tuple[int, ...], plek: str) -> None:
        if sorted(n for n in gevonden if n is not None) != list(verwacht):
            lijst = ", ".join(str(n) for n in verwacht)
            self.fout(plek, f"moet precies de nummers {lijst} bevatten, elk één keer")


# ------------------------------------------------------------------ parsers


def lees_stappen(data: Any, bestand: str = "stappen.json") -> StappenContent:
    c = _Controle(bestand)
    obj, versie, bron = c.kop(data)
    stappen: list[Stap] = []
    nummers: list[int | None] = []
    for i, ruw in enumerate(c.lijst(obj, "stappen", "")):
        plek = f"stappen[{i}]"
        s = c.object(ruw, plek)
        nummer = c.geheel(s, "nummer", plek, minimum=1)
        nummers.append(nummer)
        varianten: list[tuple[str, str, tuple[str, ...]]] = []
        ruwe_varianten = s.get("varianten", {})
        if not isinstance(ruwe_varianten, dict):
            c.fout(c.plek(plek, "varianten"), "moet een object zijn")
            ruwe_varianten = {}
        for naam, ruw_v in ruwe_varianten.items():
            vplek = f"{plek}.varianten.{naam}"
            if naam not in NUMMERINGEN:
                c.fout(vplek, "onbekende nummering; kies uit: " + ", ".join(NUMMERINGEN))
                continue
            v = c.object(ruw_v, vplek)
            varianten.append((naam, c.tekst(v, "uitleg", vplek), c.teksten(v, "wat_vastleggen", vplek)))
        stappen.append(
            Stap(
                nummer=nummer or 0,
                titel=c.tekst(s, "titel", plek),
                uitleg=c.tekst(s, "uitleg", plek),
                wat_vastleggen=c.teksten(s, "wat_vastleggen", plek),
                varianten=tuple(varianten),
            )
        )
    c.nummers(nummers, (1, 2, 3, 4, 5), "stappen")
    c.klaar()
    return StappenContent(versie, bron, tuple(sorted(stappen, key=lambda s: s.nummer)))


def lees_signalen(data: Any, bestand: str = "signalen.json") -> SignalenContent:
    c = _Controle(bestand)
    obj, versie, bron = c.kop(data)
    lijsten: list[SignalenLijst] = []
    gezien_vormen: set[GeweldsVorm] = set()
    gezien_ids: set[str] = set()
    for i, ruw in enumerate(c.lijst(obj, "vormen", "")):
        plek = f"vormen[{i}]"
        v = c.object(ruw, plek)
        vorm = c.keuze(v, "vorm", plek, GeweldsVorm)
        if vorm is not None:
            if vorm in gezien_vormen:
                c.fout(c.plek(plek, "vorm"), f"'{vorm.value}' staat er twee keer in")
            gezien_vormen.add(vorm)
        geverifieerd = c.waarheid(v, "geverifieerd", plek)
        ruwe_signalen = c.lijst(v, "signalen", plek)
        if not MIN_SIGNALEN_PER_VORM <= len(ruwe_signalen) <= MAX_SIGNALEN_PER_VORM:
            c.fout(
                c.plek(plek, "signalen"),
                f"moet {MIN_SIGNALEN_PER_VORM} tot en met {MAX_SIGNALEN_PER_VORM} signalen bevatten "
                f"(nu {len(ruwe_signalen)})",
            )
        items: list[SignaalItem] = []
        for j, ruw_s in enumerate(ruwe_signalen):
            splek = f"{plek}.signalen[{j}]"
            s = c.object(ruw_s, splek)
            sid = c.tekst(s, "id", splek)
            if sid:
                if sid in gezien_ids:
                    c.fout(c.plek(splek, "id"), f"'{sid}' komt vaker voor; elk id moet uniek zijn")
                gezien_ids.add(sid)
            tekst = c.tekst(s, "tekst", splek)
            acuut = c.waarheid(s, "acuut", splek)
            if vorm is not None:
                items.append(SignaalItem(sid, tekst, acuut, vorm))
        if vorm is not None:
            lijsten.append(SignalenLijst(vorm, geverifieerd, tuple(items)))
    ontbrekend = [v.value for v in GeweldsVorm if v not in gezien_vormen]
    if ontbrekend:
        c.fout("vormen", "er ontbreekt een lijst voor: " + ", ".join(ontbrekend))
    let_op = c.teksten(obj, "let_op", "")
    risico = c.teksten(obj, "risicofactoren", "")
    beschermend = c.teksten(obj, "beschermende_factoren", "")
    c.klaar()
    return SignalenContent(versie, bron, let_op, tuple(lijsten), risico, beschermend)


def _lees_onveiligheid(c: _Controle, obj: object, plek: str) -> Onveiligheid:
    o = c.object(obj, plek)
    return Onveiligheid(
        titel=c.tekst(o, "titel", plek),
        definitie=c.tekst(o, "definitie", plek),
        voorbeelden=c.teksten(o, "voorbeelden", plek),
        geverifieerd=c.waarheid(o, "geverifieerd", plek),
    )


def lees_definities(data: Any, bestand: str = "definities.json") -> DefinitiesContent:
    c = _Controle(bestand)
    obj, versie, bron = c.kop(data)

    onv = c.object(obj.get("onveiligheid"), "onveiligheid")
    acuut = _lees_onveiligheid(c, onv.get("acuut"), "onveiligheid.acuut")
    structureel = _lees_onveiligheid(c, onv.get("structureel"), "onveiligheid.structureel")

    afwegingen: list[AfwegingTekst] = []
    nummers: list[int | None] = []
    for i, ruw in enumerate(c.lijst(obj, "afwegingen", "")):
        plek = f"afwegingen[{i}]"
        a = c.object(ruw, plek)
        nummer = c.geheel(a, "nummer", plek, minimum=1)
        nummers.append(nummer)
        afwegingen.append(
            AfwegingTekst(
                nummer=nummer or 0,
                titel=c.tekst(a, "titel", plek),
                vraag=c.tekst(a, "vraag", plek),
                uitleg=c.tekst(a, "uitleg", plek),
                bij_nee=c.tekst(a, "bij_nee", plek),
                bij_ja=c.tekst(a, "bij_ja", plek),
                hulpvragen=c.teksten(a, "hulpvragen", plek),
                hulpvragen_geverifieerd=c.waarheid(a, "hulpvragen_geverifieerd", plek),
            )
        )
    c.nummers(nummers, (1, 2, 3, 4, 5), "afwegingen")

    normen: list[Meldnorm] = []
    nummers = []
    for i, ruw in enumerate(c.lijst(obj, "meldnormen", "")):
        plek = f"meldnormen[{i}]"
        m = c.object(ruw, plek)
        nummer = c.geheel(m, "nummer", plek, minimum=1)
        nummers.append(nummer)
        normen.append(Meldnorm(nummer or 0, c.tekst(m, "titel", plek), c.tekst(m, "tekst", plek)))
    c.nummers(nummers, (1, 2, 3), "meldnormen")

    an = c.object(obj.get("anoniem_gronden"), "anoniem_gronden")
    anoniem_uitleg = c.tekst(an, "uitleg", "anoniem_gronden")
    gronden: list[AnoniemGrondTekst] = []
    for i, ruw in enumerate(c.lijst(an, "gronden", "anoniem_gronden")):
        plek = f"anoniem_gronden.gronden[{i}]"
        g = c.object(ruw, plek)
        grond = c.keuze(g, "code", plek, AnoniemGrond)
        tekst = c.tekst(g, "tekst", plek)
        if grond is not None:
            gronden.append(AnoniemGrondTekst(grond, tekst))
    if sorted(g.grond.value for g in gronden) != sorted(v.value for v in AnoniemGrond):
        c.fout("anoniem_gronden.gronden", "moet elke grond precies één keer bevatten: "
               + ", ".join(v.value for v in AnoniemGrond))

    ov = c.object(obj.get("redenen_gesprek_overslaan"), "redenen_gesprek_overslaan")
    overslaan_uitleg = c.tekst(ov, "uitleg", "redenen_gesprek_overslaan")
    redenen: list[RedenOverslaanTekst] = []
    for i, ruw in enumerate(c.lijst(ov, "redenen", "redenen_gesprek_overslaan")):
        plek = f"redenen_gesprek_overslaan.redenen[{i}]"
        r = c.object(ruw, plek)
        reden = c.keuze(r, "code", plek, RedenNietGevoerd)
        tekst = c.tekst(r, "tekst", plek)
        if reden is not None:
            redenen.append(RedenOverslaanTekst(reden, tekst))
    if sorted(r.reden.value for r in redenen) != sorted(v.value for v in RedenNietGevoerd):
        c.fout("redenen_gesprek_overslaan.redenen", "moet elke reden precies één keer bevatten: "
               + ", ".join(v.value for v in RedenNietGevoerd))

    c.klaar()
    return DefinitiesContent(
        versie=versie,
        bron=bron,
        acuut=acuut,
        structureel=structureel,
        afwegingen=tuple(sorted(afwegingen, key=lambda a: a.nummer)),
        meldnormen=tuple(sorted(normen, key=lambda m: m.nummer)),
        anoniem_uitleg=anoniem_uitleg,
        anoniem_gronden=tuple(gronden),
        gesprek_overslaan_uitleg=overslaan_uitleg,
        redenen_gesprek_overslaan=tuple(redenen),
    )


_VERPLICHTE_CONTACTEN = ("alarm_112", "veilig_thuis", "leck", "lkha", "forensisch_arts", "politie_egg")


def lees_contacten(data: Any, bestand: str = "contacten.json") -> ContactenContent:
    c = _Controle(bestand)
    obj, versie, bron = c.kop(data)
    let_op = c.tekst(obj, "let_op", "")
    contacten: list[Contact] = []
    ids: set[str] = set()
    for i, ruw in enumerate(c.lijst(obj, "contacten", "")):
        plek = f"contacten[{i}]"
        k = c.object(ruw, plek)
        cid = c.tekst(k, "id", plek)
        if cid in ids:
            c.fout(c.plek(plek, "id"), f"'{cid}' komt vaker voor; elk id moet uniek zijn")
        ids.add(cid)
        telefoon = c.tekst_of_none(k, "telefoon", plek)
        website = c.tekst_of_none(k, "website", plek)
        regionaal = c.waarheid(k, "regionaal", plek)
        if telefoon is None and website is None and not regionaal:
            c.fout(plek, "geef een telefoonnummer of website, of zet 'regionaal' op true")
        if telefoon is not None and not all(ch.isdigit() or ch in " -+" for ch in telefoon):
            c.fout(c.plek(plek, "telefoon"), "mag alleen cijfers, spaties, + en - bevatten")
        contacten.append(
            Contact(
                id=cid,
                naam=c.tekst(k, "naam", plek),
                telefoon=telefoon,
                website=website,
                bereikbaar=c.tekst(k, "bereikbaar", plek),
                wanneer=c.tekst(k, "wanneer", plek),
                anoniem_advies=c.waarheid(k, "anoniem_advies", plek),
                regionaal=regionaal,
                geverifieerd=c.waarheid(k, "geverifieerd", plek),
            )
        )
    for verplicht in _VERPLICHTE_CONTACTEN:
        if verplicht not in ids:
            c.fout("contacten", f"het contact '{verplicht}' ontbreekt")
    c.klaar()
    return ContactenContent(versie, bron, let_op, tuple(contacten))


def lees_oefencasussen(data: Any, bestand: str = "oefencasussen.json") -> OefencasussenContent:
    c = _Controle(bestand)
    obj, versie, bron = c.kop(data)
    let_op = c.tekst(obj, "let_op", "")
    casussen: list[Oefencasus] = []
    ids: set[str] = set()
    for i, ruw in enumerate(c.lijst(obj, "casussen", "")):
        plek = f"casussen[{i}]"
        k = c.object(ruw, plek)
        cid = c.tekst(k, "id", plek)
        if cid in ids:
            c.fout(c.plek(plek, "id"), f"'{cid}' komt vaker voor; elk id moet uniek zijn")
        ids.add(cid)
        if k.get("fictief") is not True:
            c.fout(c.plek(plek, "fictief"), "moet true zijn: oefencasussen zijn altijd verzonnen")

        vormen: set[GeweldsVorm] = set()
        for j, ruw_v in enumerate(c.lijst(k, "vormen", plek)):
            try:
                vormen.add(GeweldsVorm(ruw_v))
            except ValueError:
                c.fout(f"{plek}.vormen[{j}]", "onbekende vorm van geweld")

        betrokkenen: list[Betrokkene] = []
        for j, ruw_b in enumerate(c.lijst(k, "betrokkenen", plek)):
            bplek = f"{plek}.betrokkenen[{j}]"
            b = c.object(ruw_b, bplek)
            rol = c.keuze(b, "rol", bplek, Rol)
            leeftijd = c.geheel(b, "leeftijd", bplek, mag_null=True)
            gezag = b.get("gezag")
            if gezag is not None and not isinstance(gezag, bool):
                c.fout(c.plek(bplek, "gezag"), "moet true, false of null zijn")
                gezag = None
            aanduiding = c.tekst(b, "aanduiding", bplek)
            relatie = c.tekst_of_leeg(b, "relatie", bplek)
            if rol is not None:
                betrokkenen.append(
                    Betrokkene(rol=rol, aanduiding=aanduiding, leeftijd=leeftijd, relatie=relatie, gezag=gezag)
                )

        signalen: list[OefenSignaal] = []
        for j, ruw_s in enumerate(c.lijst(k, "signalen", plek)):
            splek = f"{plek}.signalen[{j}]"
            s = c.object(ruw_s, splek)
            soort = c.keuze(s, "soort", splek, SignaalSoort)
            herkomst = c.keuze(s, "herkomst", splek, Herkomst)
            richting = c.keuze(s, "richting", splek, Richting)
            bron_s = c.tekst_of_leeg(s, "bron", splek)
            if herkomst is Herkomst.VAN_ANDER and not bron_s.strip():
                c.fout(c.plek(splek, "bron"), "een signaal van iemand anders heeft een bron nodig")
            checklist_id = c.tekst_of_none(s, "checklist_id", splek)
            dagen = c.geheel(s, "dagen_geleden", splek)
            omschrijving = c.tekst(s, "omschrijving", splek)
            letsel = c.waarheid(s, "letsel", splek)
            if soort and herkomst and richting:
                signalen.append(
                    OefenSignaal(omschrijving, soort, herkomst, bron_s, richting, letsel, checklist_id, dagen or 0)
                )

        kindcheck: OefenKindcheck | None = None
        if k.get("kindcheck") is not None:
            kplek = f"{plek}.kindcheck"
            kc = c.object(k.get("kindcheck"), kplek)
            kinderen = c.keuze(kc, "kinderen_in_huishouden", kplek, KinderenInHuishouden)
            status = c.keuze(kc, "vervolg_status", kplek, VervolgStatus)
            leeftijden: list[int] = []
            for j, lft in enumerate(c.lijst(kc, "leeftijden", kplek, niet_leeg=False)):
                if isinstance(lft, bool) or not isinstance(lft, int) or not 0 <= lft < 18:
                    c.fout(f"{kplek}.leeftijden[{j}]", "moet een leeftijd van 0 tot 18 zijn")
                else:
                    leeftijden.append(lft)
            if kinderen and status:
                kindcheck = OefenKindcheck(
                    kinderen_in_huishouden=kinderen,
                    aantal=c.geheel(kc, "aantal", kplek, mag_null=True),
                    leeftijden=tuple(leeftijden),
                    wie_zorgt=c.tekst_of_leeg(kc, "wie_zorgt", kplek),
                    netwerk=c.tekst_of_leeg(kc, "netwerk", kplek),
                    vervolg=c.tekst_of_leeg(kc, "vervolg", kplek),
                    vervolg_status=status,
                    vervolg_over_dagen=c.geheel(kc, "vervolg_over_dagen", kplek, mag_null=True),
                    dagen_geleden=c.geheel(kc, "dagen_geleden", kplek) or 0,
                )

        casussen.append(
            Oefencasus(
                id=cid,
                titel=c.tekst(k, "titel", plek),
                fictief=True,
                client_referentie=c.tekst(k, "client_referentie", plek),
                vormen=frozenset(vormen),
                scenario=c.tekst(k, "scenario", plek),
                betrokkenen=tuple(betrokkenen),
                signalen=tuple(signalen),
                kindcheck=kindcheck,
                leerdoelen=c.teksten(k, "leerdoelen", plek),
            )
        )
    c.klaar()
    return OefencasussenContent(versie, bron, let_op, tuple(casussen))


def lees_vertrouwelijkheid(data: Any, bestand: str = "vertrouwelijkheid.json") -> VertrouwelijkheidContent:
    c = _Controle(bestand)
    obj, versie, bron = c.kop(data)
    titel = c.tekst(obj, "titel", "")
    inleiding = c.tekst(obj, "inleiding", "")
    onderdelen: list[VertrouwelijkheidOnderdeel] = []
    ids: set[str] = set()
    for i, ruw in enumerate(c.lijst(obj, "onderdelen", "")):
        plek = f"onderdelen[{i}]"
        o = c.object(ruw, plek)
        oid = c.tekst(o, "id", plek)
        if oid in ids:
            c.fout(c.plek(plek, "id"), f"'{oid}' komt vaker voor; elk id moet uniek zijn")
        ids.add(oid)
        onderdelen.append(VertrouwelijkheidOnderdeel(
            id=oid, kop=c.tekst(o, "kop", plek), alineas=c.teksten(o, "alineas", plek),
            bronnen=c.teksten(o, "bronnen", plek), geverifieerd=c.waarheid(o, "geverifieerd", plek)))
    for verplicht in ("meldrecht", "conflict_van_plichten", "niet_zonder_medeweten"):
        if verplicht not in ids:
            c.fout("onderdelen", f"het onderdeel '{verplicht}' ontbreekt")
    c.klaar()
    return VertrouwelijkheidContent(versie, bron, titel, inleiding, tuple(onderdelen))


# ------------------------------------------------------------------ file loading


def _standaard_pad(naam: str) -> Path:
    return Path(resource_path("meldcode", naam))


def _lees_json(pad: Path | None, naam: str) -> tuple[Any, str]:
    pad = _standaard_pad(naam) if pad is None else Path(pad)
    bestand = pad.name
    try:
        tekst = pad.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValidationError(
            f"Het inhoudsbestand {bestand} ontbreekt. Installeer het programma opnieuw of vraag de beheerder.",
            details=[f"{bestand}: bestand niet gevonden"],
        ) from None
    except UnicodeDecodeError:
        raise ValidationError(
            f"Het inhoudsbestand {bestand} klopt niet.",
            details=[f"{bestand}: het bestand is geen UTF-8-tekst"],
        ) from None
    try:
        return json.loads(tekst), bestand
    except json.JSONDecodeError as e:
        raise ValidationError(
            f"Het inhoudsbestand {bestand} klopt niet.",
            details=[f"{bestand}: regel {e.lineno}, kolom {e.colno}: dit is geen geldige JSON"],
        ) from None


def laad_stappen(pad: Path | None = None) -> StappenContent:
    return lees_stappen(*_lees_json(pad, "stappen.json"))


def laad_signalen(pad: Path | None = None) -> SignalenContent:
    return lees_signalen(*_lees_json(pad, "signalen.json"))


def laad_definities(pad: Path | None = None) -> DefinitiesContent:
    return lees_definities(*_lees_json(pad, "definities.json"))


def laad_contacten(pad: Path | None = None) -> ContactenContent:
    return lees_contacten(*_lees_json(pad, "contacten.json"))


def laad_oefencasussen(pad: Path | None = None) -> OefencasussenContent:
    return lees_oefencasussen(*_lees_json(pad, "oefencasussen.json"))


def laad_vertrouwelijkheid(pad: Path | None = None) -> VertrouwelijkheidContent:
    return lees_vertrouwelijkheid(*_lees_json(pad, "vertrouwelijkheid.json"))


def _kruiscontrole(signalen: SignalenContent, oefen: OefencasussenContent) -> list[str]:
    problemen: list[str] = []
    for i, casus in enumerate(oefen.casussen):
        for j, s in enumerate(casus.signalen):
            if s.checklist_id is None:
                continue
            try:
                signalen.signaal(s.checklist_id)
            except KeyError:
                problemen.append(
                    f"oefencasussen.json: casussen[{i}].signalen[{j}].checklist_id: "
                    f"'{s.checklist_id}' staat niet in signalen.json"
                )
    return problemen


def laad_meldcode_content(map_: Path | None = None) -> MeldcodeContent:
    """Load and cross-check all meldcode content files (from ``map_`` or the default place)."""
    def pad(naam: str) -> Path | None:
        return None if map_ is None else Path(map_) / naam

    content = MeldcodeContent(
        stappen=laad_stappen(pad("stappen.json")),
        signalen=laad_signalen(pad("signalen.json")),
        definities=laad_definities(pad("definities.json")),
        contacten=laad_contacten(pad("contacten.json")),
        oefencasussen=laad_oefencasussen(pad("oefencasussen.json")),
        vertrouwelijkheid=laad_vertrouwelijkheid(pad("vertrouwelijkheid.json")),
    )
    problemen = _kruiscontrole(content.signalen, content.oefencasussen)
    if problemen:
        raise ValidationError("De oefencasussen passen niet bij de signalenlijst.", details=problemen)
    return content


def valideer_meldcode_content(map_: Path | None = None) -> list[str]:
    """Every problem in every meldcode content file; an empty list means all is well."""
    problemen: list[str] = []
    laders = {
        "stappen.json": laad_stappen,
        "signalen.json": laad_signalen,
        "definities.json": laad_definities,
        "contacten.json": laad_contacten,
        "oefencasussen.json": laad_oefencasussen,
        "vertrouwelijkheid.json": laad_vertrouwelijkheid,
    }
    geladen: dict[str, Any] = {}
    for naam, lader in laders.items():
        try:
            geladen[naam] = lader(None if map_ is None else Path(map_) / naam)
        except ValidationError as e:
            problemen += e.details or [e.message]
    if "signalen.json" in geladen and "oefencasussen.json" in geladen:
        problemen += _kruiscontrole(geladen["signalen.json"], geladen["oefencasussen.json"])
    return problemen
