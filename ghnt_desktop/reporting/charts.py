"""Bar charts for printed reports, drawn with reportlab graphics primitives and the bundled font.

Drawn with plain shapes (not reportlab's chart widgets): a plan with ten teams has ten charts, and the
widgets cost several times more to lay out. Every chart in a report also has an equivalent table next
to it: colour is never the only carrier of information (each bar has its value as text, and the two
series differ in lightness as well as colour). In the tagged PDF a chart is a ``Figure``; its alternative
text (:func:`thema_alt_tekst`) is made from the same rows as the chart.
"""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

HUIDIG = colors.HexColor("#1c4fa0")  # dark blue
VORIG = colors.HexColor("#b9c4d6")  # light grey-blue
AS = colors.HexColor("#555555")
RASTER = colors.HexColor("#e3e3e3")


def _kort(tekst: str, max_breedte: float, font: str, grootte: float) -> str:
    tekst = " ".join(tekst.split())
    if stringWidth(tekst, font, grootte) <= max_breedte:
        return tekst
    while tekst and stringWidth(tekst + "…", font, grootte) > max_breedte:
        tekst = tekst[:-1]
    return tekst.rstrip() + "…"


def thema_staafdiagram(
    rijen: Sequence[tuple[str, int | None, int | None]],
    *,
    breedte: float,
    font: str,
    label_nu: str = "Deze zelfscan",
    label_vorig: str | None = None,
) -> Drawing:
    """Horizontal bars per theme: % voldoet now (dark) and, when given, at the previous scan (light).

    ``rijen``: (theme name, percentage now or None, previous percentage or None), top to bottom.
    A theme without a score gets no bar and the text "geen score".
    """
    met_vorig = label_vorig is not None
    balk = 6.5
    per_rij = 2 * balk + 5 if met_vorig else balk + 6
    fs = 7
    links = min(170.0, breedte * 0.36)
    rechts = 30.0
    as_h = 14.0  # room for the value axis labels
    legenda_h = 16.0
    plot_h = len(rijen) * per_rij
    hoogte = as_h + plot_h + legenda_h
    plot_w = breedte - links - rechts
    d = Drawing(breedte, hoogte)

    def x_van(pct: float) -> float:
        return links + plot_w * max(0.0, min(100.0, pct)) / 100

    # grid and value axis
    for pct in (0, 25, 50, 75, 100):
        x = x_van(pct)
        d.add(Line(x, as_h, x, as_h + plot_h, strokeColor=RASTER if pct else AS, strokeWidth=0.5))
        d.add(String(x, as_h - 9, f"{pct}%", fontName=font, fontSize=fs, fillColor=AS, textAnchor="middle"))
    d.add(Line(links, as_h, links + plot_w, as_h, strokeColor=AS, strokeWidth=0.5))

    for i, (naam, nu, vorig) in enumerate(rijen):
        top = as_h + plot_h - i * per_rij - 2.5
        midden = top - (balk if met_vorig else balk / 2)
        d.add(String(links - 4, midden - 2.5, _kort(naam, links - 8, font, fs), fontName=font, fontSize=fs,
                     textAnchor="end"))
        balken = [(nu, HUIDIG)] + ([(vorig, VORIG)] if met_vorig else [])
        for j, (waarde, kleur) in enumerate(balken):
            y = top - (j + 1) * balk
            if waarde is None:
                if j == 0:
                    d.add(String(links + 3, y + 1.2, "geen score", fontName=font, fontSize=6, fillColor=AS))
                continue
            w = x_van(waarde) - links
            if w > 0:
                d.add(Rect(links, y, w, balk - 0.8, fillColor=kleur, strokeColor=None))
            d.add(String(links + w + 2, y + 1.2, f"{int(round(waarde))}%", fontName=font, fontSize=6))

    # legend on top
    y = hoogte - 11
    d.add(Rect(links, y, 9, 7, fillColor=HUIDIG, strokeColor=None))
    d.add(String(links + 12, y + 1, label_nu, fontName=font, fontSize=fs))
    if met_vorig:
        x2 = links + 24 + stringWidth(label_nu, font, fs)
        d.add(Rect(x2, y, 9, 7, fillColor=VORIG, strokeColor=None))
        d.add(String(x2 + 12, y + 1, label_vorig or "", fontName=font, fontSize=fs))
    return d


def _pct(waarde: float | None) -> str:
    return "geen score" if waarde is None else f"{int(round(waarde))}%"


def thema_alt_tekst(
    rijen: Sequence[tuple[str, int | None, int | None]],
    *,
    onderwerp: str,
    label_nu: str = "Deze zelfscan",
    label_vorig: str | None = None,
) -> str:
    """The text alternative of :func:`thema_staafdiagram` with the same ``rijen`` and labels (Dutch, B1):
    what the chart shows, then every theme with its percentage(s), in the order of the bars."""

    def klein(tekst: str) -> str:
        return tekst[:1].lower() + tekst[1:]

    delen = [f"Staafdiagram voor {' '.join(onderwerp.split())}: per thema het percentage standaarden waaraan "
             "het team voldoet."]
    if label_vorig is None:
        delen.append(f"De cijfers zijn van {klein(label_nu)}.")
        delen += [f"{' '.join(naam.split())}: {_pct(nu)}." for naam, nu, _ in rijen]
    else:
        delen.append(f"Per thema eerst {klein(label_nu)}, dan {klein(label_vorig)}.")
        delen += [f"{' '.join(naam.split())}: {_pct(nu)} en {_pct(vorig)}." for naam, nu, vorig in rijen]
    delen.append("De tabel onder de grafiek geeft dezelfde cijfers.")
    return " ".join(delen)
