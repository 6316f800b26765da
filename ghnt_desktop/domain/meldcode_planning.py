"""Dates and attention items across dossiers (spec §4 "belt achter meldingen aan", §7.4
reminders): evaluation of the help (afweging 5), expected terugkoppeling from Veilig
Thuis, open kindcheck follow-up, and dossiers without recent activity.

Policy numbers are parameters: the ~5 werkdagen for the veiligheidsbeoordeling and the
number of weeks without activity are not fixed by law for the lokaal team.

Items carry only the dossier id and the client reference: no case content.
Pure module: stdlib only.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from ghnt_desktop.domain.meldcode_model import (
    Dossier,
    DossierStatus,
    TerugkoppelingSoort,
    VervolgStatus,
)

__all__ = [
    "AandachtspuntSoort",
    "Aandachtspunt",
    "aandachtspunten",
    "werkdagen_na",
    "TERUGKOPPELING_WERKDAGEN",
    "INACTIEF_WEKEN",
    "VOORUIT_DAGEN",
]

#: Default: Veilig Thuis does its veiligheidsbeoordeling within about 5 working days.
TERUGKOPPELING_WERKDAGEN = 5
#: Default number of weeks without any recorded activity before a dossier is flagged.
INACTIEF_WEKEN = 6
#: Default look-ahead: items due within this many days are listed.
VOORUIT_DAGEN = 14


class AandachtspuntSoort(StrEnum):
    EVALUATIE_AFWEGING_5 = "evaluatie_afweging_5"
    TERUGKOPPELING_VEILIG_THUIS = "terugkoppeling_veilig_thuis"
    KINDCHECK_VERVOLG = "kindcheck_vervolg"
    GEEN_ACTIVITEIT = "geen_activiteit"

    @property
    def label(self) -> str:
        return {
            "evaluatie_afweging_5": "Evaluatie van de hulp (afweging 5)",
            "terugkoppeling_veilig_thuis": "Terugkoppeling van Veilig Thuis",
            "kindcheck_vervolg": "Vervolg van de kindcheck",
            "geen_activiteit": "Geen activiteit in het dossier",
        }[self.value]


@dataclass(frozen=True)
class Aandachtspunt:
    dossier_id: int | None
    client_referentie: str
    soort: AandachtspuntSoort
    datum: date
    te_laat: bool
    tekst: str


def _als_datum(waarde: date | datetime) -> date:
    return waarde.date() if isinstance(waarde, datetime) else waarde


def werkdagen_na(datum: date, n: int, *, vrije_dagen: Collection[date] = ()) -> date:
    """The date ``n`` working days (Monday-Friday, not in ``vrije_dagen``) after ``datum``.

    ``n == 0`` returns ``datum`` itself. Counting starts the day after ``datum``, so a
    Friday plus 1 working day is the next Monday, and so is a Saturday plus 1.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError("Het aantal werkdagen moet 0 of meer zijn.")
    dag = _als_datum(datum)
    vrij = set(vrije_dagen)
    while n > 0:
        dag += timedelta(days=1)
        if dag.weekday() < 5 and dag not in vrij:
            n -= 1
    return dag


def _evaluatie(d: Dossier) -> date | None:
    if 5 in d.huidige_antwoorden():
        return None
    datums = [h.evaluatiedatum for h in d.in_ronde(d.hulp) if h.evaluatiedatum is not None]
    return datums[-1] if datums else None


def _terugkoppeling_verwacht(
    d: Dossier, werkdagen: int, vrije_dagen: Collection[date]
) -> date | None:
    gemeld = [m.datum_tijd for m in d.meldingen if m.datum_tijd is not None]
    if not gemeld:
        return None
    laatste = _als_datum(max(gemeld))
    for t in d.terugkoppelingen:
        if (
            t.datum is not None
            and t.datum >= laatste
            and t.soort is not TerugkoppelingSoort.ONTVANGSTBEVESTIGING
        ):
            return None
    for o in d.overdrachten:
        if o.datum is not None and o.datum >= laatste:
            return None
    return werkdagen_na(laatste, werkdagen, vrije_dagen=vrije_dagen)


def aandachtspunten(
    dossiers: Iterable[Dossier],
    vandaag: date,
    *,
    inactief_weken: int = INACTIEF_WEKEN,
    terugkoppeling_werkdagen: int = TERUGKOPPELING_WERKDAGEN,
    vooruit_dagen: int | None = VOORUIT_DAGEN,
    vrije_dagen: Collection[date] = (),
) -> list[Aandachtspunt]:
    """Due and overdue follow-ups of open dossiers, most urgent first.

    An item is listed when its date is at most ``vooruit_dagen`` ahead (``None``: all).
    ``te_laat`` means the date has passed (before ``vandaag``). A dossier counts as
    inactive from ``inactief_weken`` weeks after its last recorded activity.
    """
    if isinstance(inactief_weken, bool) or not isinstance(inactief_weken, int) or inactief_weken < 1:
        raise ValueError("Het aantal weken zonder activiteit moet 1 of meer zijn.")
    grens = None if vooruit_dagen is None else vandaag + timedelta(days=vooruit_dagen)
    uit: list[Aandachtspunt] = []

    def voeg(d: Dossier, soort: AandachtspuntSoort, datum: date, tekst: str) -> None:
        if grens is not None and datum > grens:
            return
        uit.append(Aandachtspunt(d.id, d.client_referentie, soort, datum, datum < vandaag, tekst))

    for d in dossiers:
        if d.status is not DossierStatus.OPEN:
            continue
        evaluatie = _evaluatie(d)
        if evaluatie is not None:
            voeg(
                d,
                AandachtspuntSoort.EVALUATIE_AFWEGING_5,
                evaluatie,
                "Kijk of de hulp werkt en beantwoord afweging 5.",
            )
        verwacht = _terugkoppeling_verwacht(d, terugkoppeling_werkdagen, vrije_dagen)
        if verwacht is not None:
            voeg(
                d,
                AandachtspuntSoort.TERUGKOPPELING_VEILIG_THUIS,
                verwacht,
                "Er is nog geen besluit van Veilig Thuis over de melding teruggekoppeld. "
                "Blijft het uit? Bel Veilig Thuis.",
            )
        kc = d.kindcheck
        if kc is not None and kc.vervolg_status is VervolgStatus.OPEN:
            voeg(
                d,
                AandachtspuntSoort.KINDCHECK_VERVOLG,
                kc.vervolg_datum or kc.datum or vandaag,
                "Het vervolg van de kindcheck staat nog open.",
            )
        laatste = d.laatste_activiteit_datum()
        if laatste is not None:
            inactief_vanaf = laatste + timedelta(weeks=inactief_weken)
            if inactief_vanaf <= vandaag:
                voeg(
                    d,
                    AandachtspuntSoort.GEEN_ACTIVITEIT,
                    inactief_vanaf,
                    f"Er is {inactief_weken} weken of langer niets vastgelegd in dit dossier.",
                )

    uit.sort(key=lambda a: (not a.te_laat, a.datum, a.dossier_id is None, a.dossier_id or 0, a.soort.value))
    return uit
