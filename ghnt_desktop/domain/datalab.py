"""Datalab: anonymous, aggregated meldcode figures for one gemeente and period.

Input is a list of plain dossier summaries (no client data, no dossier ids are
needed or kept). Output holds only display strings that are already suppressed:

- counts 1 to 4 are shown as ``"<5"``; 0 is shown as ``"0"``; 5 and more as the number;
- totals are suppressed in exactly the same way;
- the median number of days from stap 1 to the decision is only shown when at least
  5 dossiers (with a valid decision date) are behind it; otherwise
  :data:`TE_WEINIG_VOOR_MEDIAAN`.

Known limit (documented on purpose, kept simple): this is primary suppression
only. Where a table is a partition of a shown total (the uitkomst table), a reader
can sometimes work out a suppressed cell: total 12, "afgesloten" 8, "hulp" "<5",
"melding" 0, "open" 0 means "hulp" is 4. Dossiers can have several vormen, so the
vorm table is no partition. Callers that publish figures outside the app should
widen the period or combine categories until no single "<5" cell sits next to a
shown total.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

ONDERDRUK_GRENS = 5
ONDERDRUKT = "<5"
TE_WEINIG_VOOR_MEDIAAN = "<5 dossiers met besluit"

UITKOMSTEN = ("afgesloten", "hulp", "melding", "open")  # "open" = no decision yet (None)
UITKOMST_LABELS: Mapping[str, str] = {
    "afgesloten": "Afgesloten zonder melding of hulp",
    "hulp": "Hulp georganiseerd",
    "melding": "Melding bij Veilig Thuis",
    "open": "Nog geen besluit",
}


@dataclass(frozen=True)
class DossierSamenvatting:
    """What the datalab may know of one meldcode dossier — nothing that identifies it."""

    gemeente_code: str
    vormen: tuple[str, ...]
    uitkomst: str | None  # "afgesloten" | "hulp" | "melding" | None (open)
    datum_stap1: date
    datum_besluit: date | None = None

    @classmethod
    def van(cls, item: DossierSamenvatting | Mapping[str, object]) -> DossierSamenvatting:
        if isinstance(item, DossierSamenvatting):
            return item
        if not isinstance(item, Mapping):
            raise TypeError(f"dossier: verwacht mapping, kreeg {type(item).__name__}")
        uitkomst = item.get("uitkomst")
        if uitkomst is not None and uitkomst not in UITKOMSTEN[:3]:
            raise ValueError(f"dossier.uitkomst: onbekende waarde {uitkomst!r}")
        stap1 = item.get("datum_stap1")
        if not isinstance(stap1, date):
            raise ValueError("dossier.datum_stap1: moet een datum zijn")
        besluit = item.get("datum_besluit")
        if besluit is not None and not isinstance(besluit, date):
            raise ValueError("dossier.datum_besluit: moet een datum of None zijn")
        vormen = item.get("vormen") or ()
        if isinstance(vormen, str):
            vormen = (vormen,)
        if not isinstance(vormen, Iterable):
            raise TypeError(f"dossier.vormen: verwacht een lijst, kreeg {type(vormen).__name__}")
        return cls(
            gemeente_code=str(item.get("gemeente_code", "")),
            vormen=tuple(str(v) for v in vormen),
            uitkomst=uitkomst,
            datum_stap1=stap1,
            datum_besluit=besluit,
        )


def toon_aantal(n: int) -> str:
    """Suppressed display of a count: 0 -> "0", 1..4 -> "<5", 5 and more -> the number."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"toon_aantal: verwacht een geheel getal >= 0, kreeg {n!r}")
    if n == 0:
        return "0"
    if n < ONDERDRUK_GRENS:
        return ONDERDRUKT
    return str(n)


def _toon_mediaan(dagen: Sequence[int]) -> str:
    if len(dagen) < ONDERDRUK_GRENS:
        return TE_WEINIG_VOOR_MEDIAAN
    import statistics  # loaded on use: it pulls in decimal and fractions (start-up time)

    m = statistics.median(dagen)
    if float(m).is_integer():
        return str(int(m))
    return f"{m:.1f}".replace(".", ",")  # Dutch decimal comma; a median of ints ends in .5


@dataclass(frozen=True)
class DatalabOverzicht:
    """Aggregated, suppressed figures. Every count is a display string."""

    gemeente_code: str
    van: date
    tot: date
    totaal: str  # dossiers that started (stap 1) in the period
    per_vorm: tuple[tuple[str, str], ...]  # (vorm, display); a dossier may have several vormen
    per_uitkomst: tuple[tuple[str, str], ...]  # (uitkomst code, display), order of UITKOMSTEN
    met_besluit: str  # dossiers with a decision (suppressed like any count)
    mediaan_dagen_tot_besluit: str  # "12", "12,5" or TE_WEINIG_VOOR_MEDIAAN


def bereken_datalab(
    dossiers: Iterable[DossierSamenvatting | Mapping[str, object]],
    *,
    gemeente_code: str,
    van: date,
    tot: date,
    vormen: Sequence[str] | None = None,
) -> DatalabOverzicht:
    """Figures for dossiers of ``gemeente_code`` whose stap 1 lies in [van, tot] (inclusive).

    ``vormen``: the catalogue of vormen to show, in that order, also when 0. Without it
    only vormen that occur are listed, sorted by name. A decision dated before stap 1 is
    a data error: the dossier still counts, but not in the median.
    """
    if tot < van:
        raise ValueError("bereken_datalab: 'tot' ligt voor 'van'")
    selectie = [
        d
        for d in map(DossierSamenvatting.van, dossiers)
        if d.gemeente_code == gemeente_code and van <= d.datum_stap1 <= tot
    ]

    vorm_telling: Counter[str] = Counter()
    for d in selectie:
        vorm_telling.update(set(d.vormen))  # one dossier counts once per vorm
    volgorde = list(vormen) if vormen is not None else sorted(vorm_telling, key=str.casefold)
    per_vorm = tuple((v, toon_aantal(vorm_telling.get(v, 0))) for v in volgorde)

    uitkomst_telling = Counter(d.uitkomst or "open" for d in selectie)
    per_uitkomst = tuple((u, toon_aantal(uitkomst_telling.get(u, 0))) for u in UITKOMSTEN)

    met_besluit = [d for d in selectie if d.datum_besluit is not None]
    dagen = [
        (besluit - d.datum_stap1).days
        for d in met_besluit
        if (besluit := d.datum_besluit) is not None and besluit >= d.datum_stap1
    ]
    return DatalabOverzicht(
        gemeente_code=gemeente_code,
        van=van,
        tot=tot,
        totaal=toon_aantal(len(selectie)),
        per_vorm=per_vorm,
        per_uitkomst=per_uitkomst,
        met_besluit=toon_aantal(len(met_besluit)),
        mediaan_dagen_tot_besluit=_toon_mediaan(dagen),
    )
