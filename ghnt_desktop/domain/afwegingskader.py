"""The afwegingskader of the meldcode (steps 4 and 5) as a deterministic state machine.

``beslis`` takes the answers given so far (afweging number 1-5 -> ``True`` for ja,
``False`` for nee) and returns an :class:`Uitkomst`: what has been decided, which
meldnorm applies and which afweging must be answered next.

The logic is fixed (spec §2.1 / §7.3); texts that differ per beroepsgroep live in
``resources/meldcode/definities.json``. Pure module: stdlib only.

Decision table (paraphrased):

====  ===========================================  ==============================  ==========================
 nr    question                                     nee                             ja
====  ===========================================  ==============================  ==========================
 1     vermoeden van HG/KM?                         afsluiten (flow ends)           -> 2
 2     acute en/of structurele onveiligheid?        -> 3                            melden (norm 1), 3-5 samen
                                                                                    met Veilig Thuis
 3     passende hulp bieden of organiseren?         melden (flow ends)              -> 4
 4     hulp aanvaard door betrokkenen?              melden (flow ends)              hulp bieden -> 5 (evaluatie)
 5     hulp leidt binnen termijn tot veiligheid?    (opnieuw) melden, norm 3        afsluiten met afspraken over
                                                                                    het volgen van de veiligheid
====  ===========================================  ==============================  ==========================
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["AFWEGINGEN", "Uitkomst", "beslis"]

#: The numbers of the five afwegingen.
AFWEGINGEN: tuple[int, ...] = (1, 2, 3, 4, 5)

# Short Dutch names of the afwegingen, used in messages.
_NAMEN: dict[int, str] = {
    1: "vermoeden",
    2: "acute of structurele onveiligheid",
    3: "passende hulp mogelijk",
    4: "hulp aanvaard",
    5: "resultaat van de hulp",
}


@dataclass(frozen=True)
class Uitkomst:
    """The state of the afwegingskader after the given answers.

    ``melden`` and ``hulp`` are the two independent decisions of stap 5.
    ``afsluiten`` means the meldcode route can be closed (after afweging 1 = nee, or
    after afweging 5 = ja with agreements on monitoring). ``volgende`` is the next
    afweging to answer, or ``None`` when the flow has ended.
    """

    melden: bool
    hulp: bool
    afsluiten: bool
    volgende: int | None
    meldnorm: int | None
    samen_met_veilig_thuis: bool
    uitleg: str

    @property
    def beeindigd(self) -> bool:
        """True when no afweging remains to be answered."""
        return self.volgende is None


def _valideer(antwoorden: object) -> dict[int, bool]:
    """Check the shape of the answers; return them as a plain dict (no order assumed)."""
    if not isinstance(antwoorden, Mapping):
        raise ValueError(
            "De antwoorden op de afwegingen moeten per afweging (1 tot en met 5) "
            "een ja of nee zijn."
        )
    schoon: dict[int, bool] = {}
    for sleutel, waarde in antwoorden.items():
        if isinstance(sleutel, bool) or not isinstance(sleutel, int) or sleutel not in AFWEGINGEN:
            raise ValueError(
                "Er is een antwoord gegeven op een afweging die niet bestaat. "
                "Alleen afweging 1 tot en met 5 kan worden beantwoord."
            )
        if not isinstance(waarde, bool):
            raise ValueError(
                f"Het antwoord op afweging {int(sleutel)} is geen ja of nee."
            )
        schoon[int(sleutel)] = waarde
    for nummer in sorted(schoon):
        if nummer > 1 and nummer - 1 not in schoon:
            raise ValueError(
                f"Afweging {nummer} is beantwoord, maar afweging {nummer - 1} nog niet. "
                "Beantwoord de afwegingen op volgorde."
            )
    return schoon


def beslis(antwoorden: Mapping[int, bool]) -> Uitkomst:
    """Apply the afwegingskader to the answers given so far.

    Raises ``ValueError`` (Dutch message) for unknown afwegingen, answers that are not
    a bool, gaps in the order, and answers given after the flow has already ended.
    """
    ant = _valideer(antwoorden)

    melden = False
    hulp = False
    afsluiten = False
    meldnorm: int | None = None
    samen = False
    volgende: int | None = 1
    zin = "Nog geen afweging beantwoord."

    for nummer in range(1, len(ant) + 1):
        if volgende is None:
            vorige = nummer - 1
            raise ValueError(
                f"Afweging {nummer} is beantwoord, maar het afwegingskader was al klaar "
                f"na afweging {vorige}. Haal het antwoord op afweging {nummer} weg."
            )
        ja = ant[nummer]
        if nummer == 1:
            if ja:
                volgende = 2
                zin = "Er is een vermoeden van huiselijk geweld of kindermishandeling."
            else:
                afsluiten = True
                volgende = None
                zin = (
                    "Er is geen vermoeden van huiselijk geweld of kindermishandeling. "
                    "Sluit de meldcode af en schrijf in het dossier waarom."
                )
        elif nummer == 2:
            if ja:
                melden = True
                meldnorm = 1
                samen = True
                zin = (
                    "Er is acute of structurele onveiligheid. Melden bij Veilig Thuis is "
                    "nodig (meldnorm 1). Afweging 3, 4 en 5 doe je samen met Veilig Thuis."
                )
            else:
                zin = "Er is geen acute of structurele onveiligheid."
            volgende = 3
        elif nummer == 3:
            if ja:
                volgende = 4
                zin = "Je kunt passende hulp bieden of regelen."
            else:
                melden = True
                meldnorm = 1 if samen else 2
                volgende = None
                zin = (
                    "Je kunt zelf geen passende hulp bieden of regelen. "
                    f"Melden bij Veilig Thuis is nodig (meldnorm {meldnorm})."
                )
        elif nummer == 4:
            if ja:
                hulp = True
                volgende = 5
                zin = (
                    "De betrokkenen accepteren de hulp. Bied of regel de hulp en spreek "
                    "een datum af om te kijken of de hulp werkt."
                )
            else:
                melden = True
                meldnorm = 1 if samen else 2
                volgende = None
                zin = (
                    "De betrokkenen accepteren de hulp niet of werken niet mee. "
                    f"Melden bij Veilig Thuis is nodig (meldnorm {meldnorm})."
                )
        else:  # nummer == 5
            hulp = False
            volgende = None
            if ja:
                afsluiten = True
                zin = (
                    "De hulp heeft gewerkt: het is nu veilig genoeg. Sluit de hulp af en "
                    "maak afspraken over hoe jullie de veiligheid blijven volgen."
                )
            else:
                melden = True
                meldnorm = 3
                zin = (
                    "De hulp heeft niet op tijd genoeg veiligheid gebracht. "
                    "Meld (opnieuw) bij Veilig Thuis (meldnorm 3)."
                )

    zinnen = [zin]
    if samen and len(ant) > 2 and meldnorm == 1:
        if afsluiten:
            zinnen.append("De melding bij Veilig Thuis (meldnorm 1) blijft staan.")
        elif volgende is not None:
            zinnen.append(
                "Melden bij Veilig Thuis blijft nodig (meldnorm 1); "
                "de volgende afwegingen doe je samen met Veilig Thuis."
            )
    if volgende == 5:
        zinnen.append("Beantwoord afweging 5 bij de evaluatie van de hulp.")
    elif volgende is not None:
        zinnen.append(f"Beantwoord nu afweging {volgende} ({_NAMEN[volgende]}).")

    return Uitkomst(
        melden=melden,
        hulp=hulp,
        afsluiten=afsluiten,
        volgende=volgende,
        meldnorm=meldnorm,
        samen_met_veilig_thuis=samen,
        uitleg=" ".join(zinnen),
    )
