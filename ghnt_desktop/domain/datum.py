"""One date format for the whole app (dd-mm-jjjj), and reading what a person types.

Pure rules: no Qt. Screens, PDFs and the command line all show dates with :func:`formatteer`;
date fields read typed input with :func:`lees` and check bounds with :func:`controleer`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

FORMAAT_UITLEG = "dd-mm-jjjj"
VOORBEELD = "02-12-2026"
EERSTE = date(1900, 1, 1)

_MET_TEKENS = re.compile(r"^\s*(\d{1,2})\s*[-/.\s]\s*(\d{1,2})\s*[-/.\s]\s*(\d{4})\s*$")
_ALLEEN_CIJFERS = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")


def formatteer(d: date | None, *, leeg: str = "") -> str:
    """``02-12-2026``; ``leeg`` for no date."""
    return d.strftime("%d-%m-%Y") if d is not None else leeg


class OngeldigeDatum(ValueError):
    """Typed text that is no date. ``str()`` is a Dutch explanation for the person typing."""


def lees(tekst: str) -> date | None:
    """The date in ``tekst`` (``2-12-2026``, ``02-12-2026``, ``2/12/2026``, ``2.12.2026``, ``02122026``);
    ``None`` for empty text. Raises :class:`OngeldigeDatum` with a Dutch message otherwise."""
    if not tekst.strip():
        return None
    m = _MET_TEKENS.match(tekst) or _ALLEEN_CIJFERS.match(tekst)
    if not m:
        raise OngeldigeDatum(f"Typ de datum als {FORMAAT_UITLEG}, bijvoorbeeld {VOORBEELD}.")
    dag, maand, jaar = (int(x) for x in m.groups())
    try:
        return date(jaar, maand, dag)
    except ValueError:
        raise OngeldigeDatum(f"{tekst.strip()} bestaat niet als datum. Typ de datum als {FORMAAT_UITLEG}.") from None


@dataclass(frozen=True)
class Grenzen:
    """What a date may be for one field. ``reden_max`` explains the upper bound (e.g. why not in the future)."""

    minimum: date = EERSTE
    maximum: date | None = None
    reden_min: str = ""
    reden_max: str = ""


def controleer(d: date | None, grenzen: Grenzen, *, verplicht: bool = False) -> str | None:
    """A Dutch problem with ``d`` for this field, or ``None`` when it is fine."""
    if d is None:
        return "Vul een datum in." if verplicht else None
    if d < grenzen.minimum:
        return grenzen.reden_min or f"De datum kan niet vóór {formatteer(grenzen.minimum)} liggen."
    if grenzen.maximum is not None and d > grenzen.maximum:
        return grenzen.reden_max or f"De datum kan niet na {formatteer(grenzen.maximum)} liggen."
    return None


def niet_in_de_toekomst(vandaag: date, wat: str = "Deze datum") -> Grenzen:
    """For dates that lie in the past by nature (seen, recorded, a conversation that was held)."""
    return Grenzen(maximum=vandaag, reden_max=f"{wat} kan niet in de toekomst liggen.")
