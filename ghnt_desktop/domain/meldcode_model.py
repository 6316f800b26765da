"""Value types of a meldcode dossier (spec §7.1).

Enum values are stable snake-case strings: they are stored in SQLite, so never change
a value, only add new ones. Each enum has a Dutch ``label`` for display.

All records are frozen, keyword-only dataclasses. Most fields may be empty while a
professional is still filling in a step; :func:`ghnt_desktop.domain.meldcode.ontbrekend`
lists what is still missing instead of refusing the record. The exception is
:class:`AfwegingAntwoord`, which can only exist with a motivation.

Pure module: stdlib only (plus ``ghnt_desktop.errors`` for the Dutch error type).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TypeAlias, TypeVar

from ghnt_desktop.domain.afwegingskader import AFWEGINGEN, Uitkomst, beslis
from ghnt_desktop.errors import ValidationError

__all__ = [
    "STAPPEN",
    "GeweldsVorm",
    "Rol",
    "SignaalSoort",
    "Herkomst",
    "Richting",
    "KinderenInHuishouden",
    "VervolgStatus",
    "ConsultatieSoort",
    "Letselduider",
    "RedenNietGevoerd",
    "MeldingKanaal",
    "AnoniemGrond",
    "TerugkoppelingSoort",
    "DossierStatus",
    "Betrokkene",
    "Signaal",
    "Kindcheck",
    "Consultatie",
    "Gesprek",
    "GesprekNietGevoerd",
    "AfwegingAntwoord",
    "Besluit",
    "Melding",
    "Hulp",
    "VeiligThuisTerugkoppeling",
    "Overdracht",
    "Acuut",
    "Record",
    "Dossier",
    "CLIENT_ROLLEN",
    "VOLWASSEN_LEEFTIJD",
]

#: The five steps of the meldcode.
STAPPEN: tuple[int, ...] = (1, 2, 3, 4, 5)

#: Age from which a betrokkene counts as an adult (for the kindcheck).
VOLWASSEN_LEEFTIJD = 18


# --------------------------------------------------------------------------- enums


class GeweldsVorm(StrEnum):
    KINDERMISHANDELING = "kindermishandeling"
    PARTNERGEWELD = "partnergeweld"
    OUDERENMISHANDELING = "ouderenmishandeling"
    EERGERELATEERD_GEWELD = "eergerelateerd_geweld"
    HUWELIJKSDWANG = "huwelijksdwang"
    VGV = "vgv"
    SEKSUEEL_GEWELD = "seksueel_geweld"
    MENSENHANDEL = "mensenhandel"
    OVERIG = "overig"

    @property
    def label(self) -> str:
        return _VORM_LABELS[self]


_VORM_LABELS = {
    GeweldsVorm.KINDERMISHANDELING: "Kindermishandeling",
    GeweldsVorm.PARTNERGEWELD: "(Ex-)partnergeweld",
    GeweldsVorm.OUDERENMISHANDELING: "Ouderenmishandeling / ontspoorde mantelzorg",
    GeweldsVorm.EERGERELATEERD_GEWELD: "Eergerelateerd geweld",
    GeweldsVorm.HUWELIJKSDWANG: "Huwelijksdwang en achterlating",
    GeweldsVorm.VGV: "Vrouwelijke genitale verminking (meisjesbesnijdenis)",
    GeweldsVorm.SEKSUEEL_GEWELD: "Seksueel geweld",
    GeweldsVorm.MENSENHANDEL: "Mensenhandel en uitbuiting",
    GeweldsVorm.OVERIG: "Andere vorm",
}


class Rol(StrEnum):
    VERMOEDELIJK_SLACHTOFFER = "vermoedelijk_slachtoffer"
    VERMOEDELIJKE_PLEGER = "vermoedelijke_pleger"
    GETUIGE = "getuige"
    KIND = "kind"
    OUDER_GEZAGHEBBENDE = "ouder_gezaghebbende"
    MANTELZORGER = "mantelzorger"
    OVERIG = "overig"

    @property
    def label(self) -> str:
        return _ROL_LABELS[self]


_ROL_LABELS = {
    Rol.VERMOEDELIJK_SLACHTOFFER: "Mogelijk slachtoffer",
    Rol.VERMOEDELIJKE_PLEGER: "Mogelijke pleger",
    Rol.GETUIGE: "Getuige",
    Rol.KIND: "Kind",
    Rol.OUDER_GEZAGHEBBENDE: "Ouder of gezaghebbende",
    Rol.MANTELZORGER: "Mantelzorger",
    Rol.OVERIG: "Andere betrokkene",
}

#: Roles that make someone a client in the sense of the Besluit (victim, pleger,
#: witness) plus parents and carers: an adult in one of these roles triggers the kindcheck.
CLIENT_ROLLEN: frozenset[Rol] = frozenset(
    {
        Rol.VERMOEDELIJK_SLACHTOFFER,
        Rol.VERMOEDELIJKE_PLEGER,
        Rol.GETUIGE,
        Rol.OUDER_GEZAGHEBBENDE,
        Rol.MANTELZORGER,
    }
)


class SignaalSoort(StrEnum):
    FEIT = "feit"
    INTERPRETATIE = "interpretatie"

    @property
    def label(self) -> str:
        return {"feit": "Feit", "interpretatie": "Interpretatie of vermoeden"}[self.value]


class Herkomst(StrEnum):
    EIGEN_WAARNEMING = "eigen_waarneming"
    VAN_ANDER = "van_ander"

    @property
    def label(self) -> str:
        return {"eigen_waarneming": "Zelf gezien of gehoord", "van_ander": "Van iemand anders"}[
            self.value
        ]


class Richting(StrEnum):
    BEVESTIGT = "bevestigt"
    ONTKRACHT = "ontkracht"

    @property
    def label(self) -> str:
        return {
            "bevestigt": "Past bij het vermoeden",
            "ontkracht": "Spreekt het vermoeden tegen",
        }[self.value]


class KinderenInHuishouden(StrEnum):
    JA = "ja"
    NEE = "nee"
    ONBEKEND = "onbekend"

    @property
    def label(self) -> str:
        return {"ja": "Ja", "nee": "Nee", "onbekend": "Nog niet bekend"}[self.value]


class VervolgStatus(StrEnum):
    GEEN = "geen"
    OPEN = "open"
    AFGEROND = "afgerond"

    @property
    def label(self) -> str:
        return {"geen": "Geen vervolg nodig", "open": "Vervolg staat open", "afgerond": "Vervolg is gedaan"}[
            self.value
        ]


class ConsultatieSoort(StrEnum):
    COLLEGA = "collega"
    AANDACHTSFUNCTIONARIS = "aandachtsfunctionaris"
    VEILIG_THUIS_ADVIES = "veilig_thuis_advies"
    LETSELDUIDING = "letselduiding"
    EXPERT_EGG = "expert_egg"
    EXPERT_VGV = "expert_vgv"
    EXPERT_LKHA = "expert_lkha"
    OVERIG = "overig"

    @property
    def label(self) -> str:
        return _CONSULTATIE_LABELS[self]


_CONSULTATIE_LABELS = {
    ConsultatieSoort.COLLEGA: "Collega",
    ConsultatieSoort.AANDACHTSFUNCTIONARIS: "Aandachtsfunctionaris",
    ConsultatieSoort.VEILIG_THUIS_ADVIES: "Advies van Veilig Thuis",
    ConsultatieSoort.LETSELDUIDING: "Letselduiding (LECK, forensisch arts of vertrouwensarts)",
    ConsultatieSoort.EXPERT_EGG: "Deskundige eergerelateerd geweld (politie of Veilig Thuis)",
    ConsultatieSoort.EXPERT_VGV: "Deskundige meisjesbesnijdenis (GGD of Veilig Thuis)",
    ConsultatieSoort.EXPERT_LKHA: "Landelijk Knooppunt Huwelijksdwang en Achterlating (LKHA)",
    ConsultatieSoort.OVERIG: "Andere deskundige",
}


class Letselduider(StrEnum):
    LECK = "leck"
    FORENSISCH_ARTS = "forensisch_arts"
    VERTROUWENSARTS = "vertrouwensarts"

    @property
    def label(self) -> str:
        return {
            "leck": "LECK (Landelijk Expertise Centrum Kindermishandeling)",
            "forensisch_arts": "Forensisch arts (via de GGD)",
            "vertrouwensarts": "Vertrouwensarts van Veilig Thuis",
        }[self.value]


class RedenNietGevoerd(StrEnum):
    VEILIGHEID_CLIENT = "veiligheid_client"
    VEILIGHEID_PROFESSIONAL = "veiligheid_professional"
    VEILIGHEID_ANDEREN = "veiligheid_anderen"

    @property
    def label(self) -> str:
        return {
            "veiligheid_client": "Het gesprek maakt het onveilig voor de cliënt",
            "veiligheid_professional": "Het gesprek maakt het onveilig voor mij of mijn collega's",
            "veiligheid_anderen": "Het gesprek maakt het onveilig voor anderen, zoals kinderen",
        }[self.value]


class MeldingKanaal(StrEnum):
    TELEFOON = "telefoon"
    ONLINE = "online"
    SCHRIFTELIJK = "schriftelijk"

    @property
    def label(self) -> str:
        return {"telefoon": "Telefoon", "online": "Online formulier", "schriftelijk": "Op papier"}[
            self.value
        ]


class AnoniemGrond(StrEnum):
    """The three grounds on which a melder may ask Veilig Thuis to stay anonymous."""

    VEILIGHEID_KIND_OF_GEZIN = "veiligheid_kind_of_gezin"
    VEILIGHEID_PROFESSIONAL = "veiligheid_professional"
    VERTROUWENSRELATIE = "vertrouwensrelatie"

    @property
    def label(self) -> str:
        return {
            "veiligheid_kind_of_gezin": "De veiligheid van het kind of van gezinsleden komt in gevaar",
            "veiligheid_professional": "Mijn veiligheid of die van collega's komt in gevaar",
            "vertrouwensrelatie": "De vertrouwensrelatie met de cliënt raakt (naar verwachting) verstoord",
        }[self.value]


class TerugkoppelingSoort(StrEnum):
    ONTVANGSTBEVESTIGING = "ontvangstbevestiging"
    BESLUIT_VEILIGHEIDSBEOORDELING = "besluit_veiligheidsbeoordeling"
    OVERDRACHT_LOKAAL_TEAM = "overdracht_lokaal_team"
    EINDE_BEMOEIENIS = "einde_bemoeienis"
    OVERIG = "overig"

    @property
    def label(self) -> str:
        return {
            "ontvangstbevestiging": "Melding is ontvangen",
            "besluit_veiligheidsbeoordeling": "Besluit na de veiligheidsbeoordeling",
            "overdracht_lokaal_team": "Overdracht naar het lokale team",
            "einde_bemoeienis": "Veilig Thuis stopt de bemoeienis",
            "overig": "Andere terugkoppeling",
        }[self.value]


class DossierStatus(StrEnum):
    OPEN = "open"
    AFGESLOTEN = "afgesloten"

    @property
    def label(self) -> str:
        return {"open": "Open", "afgesloten": "Afgesloten"}[self.value]


# ------------------------------------------------------------------------- records


@dataclass(frozen=True, kw_only=True)
class Betrokkene:
    """Someone involved. ``aanduiding`` is a pseudonymous label such as "moeder" or "kind 1"."""

    rol: Rol
    aanduiding: str = ""
    leeftijd: int | None = None
    geboortejaar: int | None = None
    relatie: str = ""
    gezag: bool | None = None
    id: int | None = None

    def leeftijd_op(self, peildatum: date) -> int | None:
        """Age at ``peildatum``: the recorded age, else an estimate from the birth year."""
        if self.leeftijd is not None:
            return self.leeftijd
        if self.geboortejaar is not None:
            return peildatum.year - self.geboortejaar
        return None

    def mogelijk_volwassen(self, peildatum: date) -> bool:
        """True when the person is (or may be, age unknown) an adult."""
        if self.rol is Rol.KIND:
            return False
        leeftijd = self.leeftijd_op(peildatum)
        return leeftijd is None or leeftijd >= VOLWASSEN_LEEFTIJD


@dataclass(frozen=True, kw_only=True)
class Signaal:
    """A signal: as factual as possible, with its source when it came from someone else.

    ``checklist_id`` optionally refers to an item of ``signalen.json``; ``acuut`` marks an
    indicator of acute danger (copied from the checklist or ticked by the professional).
    """

    omschrijving: str
    soort: SignaalSoort = SignaalSoort.FEIT
    herkomst: Herkomst = Herkomst.EIGEN_WAARNEMING
    bron: str = ""
    richting: Richting = Richting.BEVESTIGT
    datum_waargenomen: date | None = None
    datum_vastgelegd: date | None = None
    auteur: str = ""
    letsel: bool = False
    acuut: bool = False
    vorm: GeweldsVorm | None = None
    checklist_id: str | None = None
    id: int | None = None


@dataclass(frozen=True, kw_only=True)
class Kindcheck:
    """Are there children who depend on the client, who cares for them, is there a network?"""

    kinderen_in_huishouden: KinderenInHuishouden = KinderenInHuishouden.ONBEKEND
    aantal: int | None = None
    leeftijden: tuple[int, ...] = ()
    wie_zorgt: str = ""
    kan_client_zorgen: str = ""
    netwerk: str = ""
    toelichting: str = ""
    vervolg: str = ""
    vervolg_status: VervolgStatus = VervolgStatus.GEEN
    vervolg_datum: date | None = None
    datum: date | None = None
    auteur: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "leeftijden", tuple(self.leeftijden))


@dataclass(frozen=True, kw_only=True)
class Consultatie:
    """Advice asked from a colleague, the aandachtsfunctionaris, Veilig Thuis or an expert."""

    soort: ConsultatieSoort
    datum: date | None = None
    wie: str = ""
    anoniem: bool = True
    vraag: str = ""
    advies: str = ""
    vervolg: str = ""
    letselduider: Letselduider | None = None
    auteur: str = ""
    id: int | None = None


@dataclass(frozen=True, kw_only=True)
class Gesprek:
    """The conversation with the client about the signals (stap 3)."""

    datum: date | None = None
    deelnemers: tuple[str, ...] = ()
    tolk: bool = False
    wat_voorgelegd: str = ""
    reactie_client: str = ""
    uitkomst: str = ""
    auteur: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "deelnemers", tuple(self.deelnemers))


@dataclass(frozen=True, kw_only=True)
class GesprekNietGevoerd:
    """Stap 3 was skipped for safety reasons; with whom that was agreed."""

    reden: RedenNietGevoerd | None = None
    toelichting: str = ""
    afgestemd_met: str = ""
    consultatie_id: int | None = None
    datum: date | None = None
    auteur: str = ""
    id: int | None = None


@dataclass(frozen=True, kw_only=True)
class AfwegingAntwoord:
    """The answer to one afweging, always with a motivation.

    ``ronde`` counts meldcode rounds: a dossier that is reopened after closing starts a
    new round, and only the answers of the current round count.
    Raises :class:`ValidationError` (Dutch) on an unknown number, a non-bool answer or an
    empty motivation.
    """

    nummer: int
    antwoord: bool
    motivatie: str
    auteur: str = ""
    tijdstip: datetime | None = None
    ronde: int = 1
    id: int | None = None

    def __post_init__(self) -> None:
        problemen: list[str] = []
        if isinstance(self.nummer, bool) or not isinstance(self.nummer, int) or self.nummer not in AFWEGINGEN:
            problemen.append("nummer: kies afweging 1 tot en met 5.")
        if not isinstance(self.antwoord, bool):
            problemen.append("antwoord: kies ja of nee.")
        if not isinstance(self.motivatie, str) or not self.motivatie.strip():
            problemen.append("motivatie: schrijf op waarom je dit antwoord geeft.")
        if problemen:
            raise ValidationError("Het antwoord op de afweging is niet compleet.", details=problemen)


@dataclass(frozen=True, kw_only=True)
class Besluit:
    """The two decisions of stap 5: melden? hulp? With the meldnorm and who decided."""

    melden: bool
    hulp: bool
    meldnorm: int | None = None
    motivatie: str = ""
    besluit_door: str = ""
    tijdstip: datetime | None = None
    ronde: int = 1
    id: int | None = None


@dataclass(frozen=True, kw_only=True)
class Melding:
    """A melding to Veilig Thuis (spec §3.4, §7.1)."""

    datum_tijd: datetime | None = None
    kanaal: MeldingKanaal | None = None
    veilig_thuis_regio: str = ""
    contactpersoon: str = ""
    samenvatting_feiten_en_bronnen: str = ""
    stappen_gezet: str = ""
    client_geinformeerd: bool | None = None
    reden_niet: str = ""
    pogingen_contact: str = ""
    reactie_en_bezwaren: str = ""
    hoe_omgegaan: str = ""
    anoniem_grond: AnoniemGrond | None = None
    vervolgafspraken: str = ""
    auteur: str = ""
    ronde: int = 1
    id: int | None = None


@dataclass(frozen=True, kw_only=True)
class Hulp:
    """Help offered or organised after afweging 4 = ja; evaluated at afweging 5."""

    wat: str = ""
    wie: str = ""
    evaluatiedatum: date | None = None
    veiligheidsafspraken: str = ""
    ronde: int = 1
    id: int | None = None


@dataclass(frozen=True, kw_only=True)
class VeiligThuisTerugkoppeling:
    """Feedback from Veilig Thuis to the melder after a melding."""

    datum: date | None = None
    soort: TerugkoppelingSoort = TerugkoppelingSoort.OVERIG
    inhoud: str = ""
    vervolgacties: str = ""
    auteur: str = ""
    id: int | None = None


@dataclass(frozen=True, kw_only=True)
class Overdracht:
    """A case handed over by Veilig Thuis to the lokaal team (incoming)."""

    datum: date | None = None
    van: str = ""
    contactpersoon: str = ""
    reden: str = ""
    afspraken: str = ""
    auteur: str = ""
    id: int | None = None


@dataclass(frozen=True, kw_only=True)
class Acuut:
    """Acute danger was noted; the steps may be taken faster ("versnelde route")."""

    reden: str = ""
    tijdstip: datetime | None = None
    actie: str = ""
    auteur: str = ""
    id: int | None = None


_R = TypeVar("_R", Besluit, Melding, Hulp)

#: Everything that is recorded in a dossier, one record at a time (``services.meldcode.voeg_toe``).
Record: TypeAlias = (Betrokkene | Signaal | Kindcheck | Consultatie | Gesprek | GesprekNietGevoerd
                     | AfwegingAntwoord | Besluit | Melding | Hulp | VeiligThuisTerugkoppeling | Overdracht | Acuut)


# ------------------------------------------------------------------------ aggregate

_TUPLE_VELDEN = (
    "betrokkenen",
    "signalen",
    "consultaties",
    "gesprekken",
    "afwegingen",
    "besluiten",
    "meldingen",
    "hulp",
    "terugkoppelingen",
    "overdrachten",
    "acuut",
)


def _als_datum(waarde: date | datetime | None) -> date | None:
    if waarde is None:
        return None
    if isinstance(waarde, datetime):
        return waarde.date()
    return waarde


@dataclass(frozen=True, kw_only=True)
class Dossier:
    """A meldcode dossier with everything recorded in it.

    Collections are tuples in the order they were recorded (lists are accepted and
    converted). ``ronde`` is the current meldcode round (starts at 1; a dossier that is
    reopened after closing gets a new round, keeping its history).
    """

    id: int | None = None
    client_referentie: str = ""
    gemeente_code: str = ""
    vormen: frozenset[GeweldsVorm] = frozenset()
    eigenaar: str = ""
    aandachtsfunctionaris: str = ""
    status: DossierStatus = DossierStatus.OPEN
    huidige_stap: int = 1
    ronde: int = 1
    geopend_op: date | None = None
    afgesloten_op: date | None = None
    laatste_activiteit: date | None = None
    betrokkenen: tuple[Betrokkene, ...] = ()
    signalen: tuple[Signaal, ...] = ()
    kindcheck: Kindcheck | None = None
    consultaties: tuple[Consultatie, ...] = ()
    gesprekken: tuple[Gesprek, ...] = ()
    gesprek_niet_gevoerd: GesprekNietGevoerd | None = None
    afwegingen: tuple[AfwegingAntwoord, ...] = ()
    besluiten: tuple[Besluit, ...] = ()
    meldingen: tuple[Melding, ...] = ()
    hulp: tuple[Hulp, ...] = ()
    terugkoppelingen: tuple[VeiligThuisTerugkoppeling, ...] = ()
    overdrachten: tuple[Overdracht, ...] = ()
    acuut: tuple[Acuut, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.huidige_stap, bool) or self.huidige_stap not in STAPPEN:
            raise ValidationError(
                "De stap van het dossier klopt niet.",
                details=["huidige_stap: kies stap 1 tot en met 5."],
            )
        if isinstance(self.ronde, bool) or not isinstance(self.ronde, int) or self.ronde < 1:
            raise ValidationError(
                "De ronde van het dossier klopt niet.",
                details=["ronde: moet 1 of hoger zijn."],
            )
        object.__setattr__(self, "vormen", frozenset(GeweldsVorm(v) for v in self.vormen))
        object.__setattr__(self, "status", DossierStatus(self.status))
        for naam in _TUPLE_VELDEN:
            object.__setattr__(self, naam, tuple(getattr(self, naam)))

    # -- afwegingskader -------------------------------------------------------

    def huidige_antwoorden(self) -> dict[int, bool]:
        """Answers of the current round; a later answer to the same afweging wins."""
        antwoorden: dict[int, bool] = {}
        for a in self.afwegingen:
            if a.ronde == self.ronde:
                antwoorden[a.nummer] = a.antwoord
        return antwoorden

    def uitkomst(self) -> Uitkomst:
        """``beslis`` on the current answers (raises ``ValueError`` if they are inconsistent)."""
        return beslis(self.huidige_antwoorden())

    def in_ronde(self, items: Iterable[_R]) -> list[_R]:
        return [i for i in items if i.ronde == self.ronde]

    def laatste_besluit(self) -> Besluit | None:
        besluiten = self.in_ronde(self.besluiten)
        return besluiten[-1] if besluiten else None

    # -- facts used by rules ----------------------------------------------------

    def heeft_vorm(self, *vormen: GeweldsVorm) -> bool:
        return any(v in self.vormen for v in vormen)

    @property
    def versnelde_route(self) -> bool:
        """True when acute danger was recorded: steps 2-4 may then be taken faster."""
        return bool(self.acuut)

    @property
    def acuut_signaal(self) -> bool:
        return any(s.acuut for s in self.signalen)

    def laatste_activiteit_datum(self) -> date | None:
        """Explicit ``laatste_activiteit`` or else the latest date found in the records."""
        if self.laatste_activiteit is not None:
            return self.laatste_activiteit
        datums: list[date | datetime | None] = [self.geopend_op]
        datums += [s.datum_vastgelegd or s.datum_waargenomen for s in self.signalen]
        if self.kindcheck is not None:
            datums.append(self.kindcheck.datum)
        datums += [c.datum for c in self.consultaties]
        datums += [g.datum for g in self.gesprekken]
        if self.gesprek_niet_gevoerd is not None:
            datums.append(self.gesprek_niet_gevoerd.datum)
        datums += [a.tijdstip for a in self.afwegingen]
        datums += [b.tijdstip for b in self.besluiten]
        datums += [m.datum_tijd for m in self.meldingen]
        datums += [t.datum for t in self.terugkoppelingen]
        datums += [o.datum for o in self.overdrachten]
        datums += [a.tijdstip for a in self.acuut]
        bekend = [d for d in (_als_datum(x) for x in datums) if d is not None]
        return max(bekend) if bekend else None
