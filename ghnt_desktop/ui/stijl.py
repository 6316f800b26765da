"""The app's one visual style: named colours, spacing, type scale, and the Qt palette and style sheet built
from them. ``ui.app`` applies it; nothing else sets colours or fonts per widget.

Calm and plain, in the spirit of forms people praise for being clear (GOV.UK, NL Design System, GNOME's
HIG): one light background, white fields with a clear border, one blue accent for focus, selection and the
default button, red only for errors and "Acuut onveilig?". Every pair of colours that is drawn as text on a
background, and every border a user must see, is listed in :data:`PAREN` with the contrast it needs
(WCAG 2.1: 4.5:1 for text, 3:1 for large text and parts of controls); ``tests/ui/test_contrast.py``
computes each ratio, and also every ``color``/``background`` pair in the style sheet and the palette.

Object names other screens use, with their look here: ``foutmelding`` (an error line, red), ``ontbreekt``
(something missing, brown), ``klaar`` (done, green), ``acuutKnop`` ("Acuut onveilig?"), ``kop1`` to
``kop3`` (headings, see ``ui.kop``).

This module imports no Qt at module level except what builds the palette, and never touches PySide6's
``Qt`` namespace (start-up: docs/architecture.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# --- colours --------------------------------------------------------------------------------------------

INKT = "#1b1f24"           # text
INKT_ZACHT = "#4d5560"     # secondary text and placeholders
VLAK = "#ffffff"           # fields, lists, tables: where one types or chooses
ACHTERGROND = "#f4f5f7"    # the window
KOPVLAK = "#e6e9ee"        # table headers, tabs that are not chosen, read-only and disabled fields
RAND = "#6b7380"           # the border of fields and buttons (a part of a control: at least 3:1)
RAND_ZACHT = "#c3c8d0"     # separators that only decorate
ACCENT = "#1c4fa0"         # focus, selection, the default button, links
ACCENT_DONKER = "#173f80"  # the default button when pressed
ACCENT_ZACHT = "#dde6f5"   # hover, and the background of a focused button or check box
OP_ACCENT = "#ffffff"      # text on the accent
FOUT = "#b00020"           # errors
LET_OP = "#8a4b00"         # something is missing
KLAAR = "#1e6b2f"          # done
UIT = "#596068"            # text of a disabled control (held to 4.5:1 although WCAG exempts it)
ACUUT = "#b00020"          # "Acuut onveilig?"
ACUUT_DONKER = "#8c001a"   # ... hovered or pressed
OP_ACUUT = "#ffffff"
ACUUT_FOCUS = "#000000"    # focus ring of the red button (against the window around it)
VOORTGANG = "#a9c1e8"      # the filled part of a progress bar, with dark text over it
TIP = "#1b1f24"            # tooltip background
OP_TIP = "#ffffff"

PALET = {name: value for name, value in globals().items() if name.isupper() and isinstance(value, str)
         and value.startswith("#")}


@dataclass(frozen=True)
class Paar:
    voor: str      # name of the foreground colour in PALET
    achter: str    # name of the background colour
    minimum: float  # 4.5 text, 3.0 large text and parts of controls
    waar: str      # where this is drawn


TEKST, GROOT_OF_RAND = 4.5, 3.0

PAREN: tuple[Paar, ...] = (
    Paar("INKT", "ACHTERGROND", TEKST, "tekst in het venster"),
    Paar("INKT", "VLAK", TEKST, "tekst in velden, lijsten en tabellen"),
    Paar("INKT", "KOPVLAK", TEKST, "kolomkoppen, tabbladen, alleen-lezen velden"),
    Paar("INKT", "ACCENT_ZACHT", TEKST, "knop onder de muis of met focus"),
    Paar("INKT", "VOORTGANG", TEKST, "tekst over het gevulde deel van een voortgangsbalk"),
    Paar("INKT_ZACHT", "VLAK", TEKST, "voorbeeldtekst in een leeg veld"),
    Paar("INKT_ZACHT", "ACHTERGROND", TEKST, "uitleg in het venster"),
    Paar("INKT_ZACHT", "KOPVLAK", TEKST, "uitleg op een kopvlak"),
    Paar("OP_ACCENT", "ACCENT", TEKST, "gekozen rij, standaardknop, menu-item"),
    Paar("OP_ACCENT", "ACCENT_DONKER", TEKST, "standaardknop ingedrukt"),
    Paar("INKT", "ACCENT_ZACHT", TEKST, "gekozen rij in een lijst zonder focus"),
    Paar("ACCENT", "VLAK", TEKST, "koppelingen"),
    Paar("ACCENT", "ACHTERGROND", TEKST, "koppelingen in het venster"),
    Paar("FOUT", "ACHTERGROND", TEKST, "foutmelding"),
    Paar("FOUT", "VLAK", TEKST, "foutmelding in een vlak"),
    Paar("LET_OP", "ACHTERGROND", TEKST, "iets ontbreekt"),
    Paar("KLAAR", "ACHTERGROND", TEKST, "klaar"),
    Paar("UIT", "ACHTERGROND", TEKST, "uitgeschakelde knop"),
    Paar("UIT", "KOPVLAK", TEKST, "uitgeschakeld veld"),
    Paar("OP_ACUUT", "ACUUT", TEKST, "Acuut onveilig?"),
    Paar("OP_ACUUT", "ACUUT_DONKER", TEKST, "Acuut onveilig? onder de muis"),
    Paar("OP_TIP", "TIP", TEKST, "tooltip"),
    Paar("RAND", "VLAK", GROOT_OF_RAND, "rand van een veld"),
    Paar("RAND", "ACHTERGROND", GROOT_OF_RAND, "rand van een knop of veld in het venster"),
    Paar("RAND", "KOPVLAK", GROOT_OF_RAND, "rand op een kopvlak"),
    Paar("ACCENT", "ACHTERGROND", GROOT_OF_RAND, "focusrand in het venster"),
    Paar("ACCENT", "VLAK", GROOT_OF_RAND, "focusrand om een veld"),
    Paar("ACCENT", "ACCENT_ZACHT", GROOT_OF_RAND, "focusrand om een knop met focus"),
    Paar("ACCENT", "KOPVLAK", GROOT_OF_RAND, "focusrand om een tabblad"),
    Paar("ACUUT_FOCUS", "ACHTERGROND", GROOT_OF_RAND, "focusrand om Acuut onveilig?"),
    Paar("ACUUT", "ACHTERGROND", GROOT_OF_RAND, "de rode knop tegen het venster"),
)


def relatieve_luminantie(kleur: str) -> float:
    """WCAG 2.1 relative luminance of ``#rrggbb``."""
    h = kleur.lstrip("#")
    if not re.fullmatch(r"[0-9a-fA-F]{6}", h):
        raise ValueError(f"geen kleur: {kleur!r}")

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((relatieve_luminantie(a), relatieve_luminantie(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# --- spacing and type scale ----------------------------------------------------------------------------------

RUIMTE_KLEIN = 4    # px: inside controls
RUIMTE = 8          # px: between related things
RUIMTE_GROOT = 16   # px: between groups

# heading sizes relative to the body text (the app's text size, 10 pt at 100 %)
SCHAAL = {"kop1": 1.6, "kop2": 1.35, "kop3": 1.15, "klein": 0.9}


def punten(basis: int, stap: str) -> int:
    return max(1, round(basis * SCHAAL[stap]))


# --- the style sheet -------------------------------------------------------------------------------------

_SHEET = """
QToolTip {{ color: {OP_TIP}; background: {TIP}; border: 1px solid {TIP}; padding: {r_klein}px; }}

QLabel#kop1 {{ font-size: {kop1}pt; font-weight: bold; }}
QLabel#kop2 {{ font-size: {kop2}pt; font-weight: bold; }}
QLabel#kop3 {{ font-size: {kop3}pt; font-weight: bold; }}
QLabel#foutmelding {{ color: {FOUT}; }}
QLabel#ontbreekt {{ color: {LET_OP}; }}
QLabel#klaar {{ color: {KLAAR}; }}

QPushButton {{ background: {VLAK}; color: {INKT}; border: 1px solid {RAND}; border-radius: 4px;
    padding: {r_klein}px {r_knop}px; }}
QPushButton:hover {{ background: {ACCENT_ZACHT}; }}
QPushButton:pressed {{ background: {ACCENT_ZACHT}; border-color: {ACCENT}; }}
QPushButton:default {{ border: 2px solid {ACCENT}; padding: {r_klein_1}px {r_knop_1}px; }}
QPushButton:disabled {{ color: {UIT}; background: {ACHTERGROND}; border-color: {RAND_ZACHT}; }}
QPushButton:focus {{ border: 3px solid {ACCENT}; background: {ACCENT_ZACHT}; padding: {r_klein_2}px {r_knop_2}px; }}
QToolButton:focus {{ border: 2px solid {ACCENT}; background: {ACCENT_ZACHT}; border-radius: 3px; }}

QPushButton#acuutKnop {{ background: {ACUUT}; color: {OP_ACUUT}; font-weight: bold; border: 3px solid {ACUUT};
    border-radius: 4px; padding: {r_klein_2}px {r_groot}px; }}
QPushButton#acuutKnop:hover, QPushButton#acuutKnop:pressed {{ color: {OP_ACUUT}; background: {ACUUT_DONKER};
    border-color: {ACUUT_DONKER}; }}
QPushButton#acuutKnop:focus {{ border: 3px solid {ACUUT_FOCUS}; }}

QLineEdit, QPlainTextEdit, QTextEdit, QSpinBox, QComboBox, QAbstractItemView {{ border: 1px solid {RAND};
    border-radius: 3px; }}
QLineEdit {{ padding: 3px {r_klein}px; }}
QSpinBox, QComboBox {{ padding-top: 3px; padding-bottom: 3px; padding-left: {r_klein}px; padding-right: {knopvak}px; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QSpinBox:focus, QComboBox:focus,
QAbstractItemView:focus {{ border: 2px solid {ACCENT}; }}
QLineEdit:focus {{ padding: 2px {r_klein_1}px; }}
QSpinBox:focus, QComboBox:focus {{ padding-top: 2px; padding-bottom: 2px; padding-left: {r_klein_1}px; }}
QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"], QTextEdit[readOnly="true"] {{ background: {KOPVLAK}; }}
QLineEdit:disabled, QPlainTextEdit:disabled, QTextEdit:disabled, QSpinBox:disabled, QComboBox:disabled,
QAbstractItemView:disabled {{ color: {UIT}; background: {KOPVLAK}; }}
QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right; width: {knopvak}px;
    border: none; }}
QComboBox::down-arrow, QSpinBox::down-arrow {{ image: url("{pijl_omlaag}"); width: {pijl}px; height: {pijl}px; }}
QComboBox::down-arrow:disabled, QSpinBox::down-arrow:disabled {{ image: url("{pijl_omlaag_uit}"); }}
QSpinBox::up-arrow {{ image: url("{pijl_omhoog}"); width: {pijl}px; height: {pijl}px; }}
QSpinBox::up-arrow:disabled {{ image: url("{pijl_omhoog_uit}"); }}
QSpinBox::up-button, QSpinBox::down-button {{ subcontrol-origin: border; width: {knopvak}px; border: none;
    border-left: 1px solid {RAND_ZACHT}; background: transparent; }}
QSpinBox::up-button {{ subcontrol-position: top right; }}
QSpinBox::down-button {{ subcontrol-position: bottom right; }}
QSpinBox::up-button:hover, QSpinBox::down-button:hover {{ background: {ACCENT_ZACHT}; }}
QAbstractScrollArea:focus {{ border: 2px solid {ACCENT}; }}

QCheckBox, QRadioButton {{ spacing: {r_ruimte}px; padding: 2px; border: 2px solid transparent; border-radius: 3px; }}
QCheckBox:focus, QRadioButton:focus {{ border-color: {ACCENT}; background: {ACCENT_ZACHT}; }}
QCheckBox:disabled, QRadioButton:disabled {{ color: {UIT}; }}
QCheckBox::indicator, QAbstractItemView::indicator, QGroupBox::indicator {{ width: {vakje}px; height: {vakje}px;
    border: 2px solid {RAND}; border-radius: 3px; background: {VLAK}; }}
QCheckBox::indicator:checked, QAbstractItemView::indicator:checked, QGroupBox::indicator:checked {{
    background: {ACCENT}; border-color: {ACCENT}; image: url("{vinkje}"); }}
QCheckBox::indicator:indeterminate, QAbstractItemView::indicator:indeterminate {{ border-color: {ACCENT};
    background: qlineargradient(x1:0, y1:0, x2:0, y2:1, stop:0 {VLAK}, stop:0.39 {VLAK}, stop:0.4 {ACCENT},
    stop:0.6 {ACCENT}, stop:0.61 {VLAK}, stop:1 {VLAK}); }}
QCheckBox::indicator:disabled, QAbstractItemView::indicator:disabled {{ border-color: {UIT}; background: {KOPVLAK}; }}
QCheckBox::indicator:checked:disabled, QAbstractItemView::indicator:checked:disabled {{ background: {UIT}; }}
QRadioButton::indicator {{ width: {vakje}px; height: {vakje}px; border: 2px solid {RAND}; border-radius: {rondje}px;
    background: {VLAK}; }}
QRadioButton::indicator:checked {{ border-color: {ACCENT}; background: qradialgradient(cx:0.5, cy:0.5, radius:0.5,
    fx:0.5, fy:0.5, stop:0 {ACCENT}, stop:0.5 {ACCENT}, stop:0.56 {VLAK}, stop:1 {VLAK}); }}
QRadioButton::indicator:disabled {{ border-color: {UIT}; background: {KOPVLAK}; }}
QGroupBox {{ font-weight: bold; border: 1px solid {RAND_ZACHT}; border-radius: 4px; margin-top: 1.2em;
    padding: {r_ruimte}px {r_klein}px {r_klein}px {r_klein}px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: {r_ruimte}px; padding: 0 {r_klein}px; }}
QGroupBox:focus {{ border: 2px solid {ACCENT}; }}

QHeaderView::section {{ background: {KOPVLAK}; color: {INKT}; border: none; border-right: 1px solid {RAND_ZACHT};
    border-bottom: 1px solid {RAND_ZACHT}; padding: {r_klein}px {r_ruimte}px; }}

QTabWidget::pane {{ border: 1px solid {RAND_ZACHT}; top: -1px; }}
QTabBar::tab {{ background: {KOPVLAK}; color: {INKT}; border: 1px solid {RAND_ZACHT}; border-bottom: none;
    border-top-left-radius: 4px; border-top-right-radius: 4px; padding: {r_klein}px {r_knop}px; margin-right: 2px; }}
QTabBar::tab:hover {{ background: {ACCENT_ZACHT}; }}
QTabBar::tab:selected {{ background: {ACHTERGROND}; border-top: 3px solid {ACCENT}; }}
QTabBar::tab:focus {{ background: {ACCENT_ZACHT}; border: 3px solid {ACCENT}; border-bottom: none;
    padding: {r_klein_2}px {r_knop_2}px; }}

QProgressBar {{ border: 1px solid {RAND}; border-radius: 3px; background: {VLAK}; color: {INKT}; text-align: center; }}
QProgressBar::chunk {{ background: {VOORTGANG}; }}
"""


# images the sheet uses (resources/stijl/<naam>.svg), drawn in the palette's colours
AFBEELDINGEN = ("pijl-omlaag", "pijl-omhoog", "pijl-omlaag-uit", "pijl-omhoog-uit", "vinkje")


def afbeelding(naam: str) -> str:
    from ghnt_desktop.paths import resource_path

    return resource_path("stijl", f"{naam}.svg").as_posix()


def style_sheet(basis_punten: int = 10) -> str:
    """The app's style sheet for a body text of ``basis_punten`` (headings and padding scale with it)."""
    schaal = basis_punten / 10
    r_klein = max(2, round(RUIMTE_KLEIN * schaal))
    r_knop = max(6, round(12 * schaal))
    vakje = max(12, round(basis_punten * 1.4))
    return _SHEET.format(
        **PALET, **{name.replace("-", "_"): afbeelding(name) for name in AFBEELDINGEN},
        vakje=vakje, rondje=(vakje + 4) // 2, pijl=max(8, round(basis_punten * 1.1)),
        knopvak=max(16, round(basis_punten * 2.2)), kop1=punten(basis_punten, "kop1"), kop2=punten(basis_punten, "kop2"),
        kop3=punten(basis_punten, "kop3"), r_klein=r_klein, r_klein_1=max(0, r_klein - 1),
        r_klein_2=max(0, r_klein - 2), r_knop=r_knop, r_knop_1=r_knop - 1, r_knop_2=r_knop - 2,
        r_ruimte=max(4, round(RUIMTE * schaal)), r_groot=max(8, round(RUIMTE_GROOT * schaal)))


def kleurparen_in_sheet(sheet: str) -> list[tuple[str, str, str]]:
    """(selector, color, background) for every rule of ``sheet`` that sets both (what the contrast test checks).
    A rule that sets only one of them is paired with the ``QWidget`` text colour or the window background."""
    out = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet):
        fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", body)
        bg = re.search(r"background(?:-color)?:\s*(#[0-9a-fA-F]{6})", body)
        if fg or bg:
            out.append((" ".join(selector.split()), fg.group(1) if fg else INKT, bg.group(1) if bg else ACHTERGROND))
    return out


# --- the palette -------------------------------------------------------------------------------------------

def palette():
    """The QPalette with the same colours (what Qt draws without the style sheet: selection, placeholder text,
    links, menus, tooltips)."""
    from PySide6.QtGui import QColor, QPalette

    p = QPalette()
    R, G = QPalette.ColorRole, QPalette.ColorGroup
    common = {
        R.Window: ACHTERGROND, R.WindowText: INKT, R.Base: VLAK, R.AlternateBase: ACHTERGROND, R.Text: INKT,
        R.Button: VLAK, R.ButtonText: INKT, R.BrightText: OP_ACCENT, R.PlaceholderText: INKT_ZACHT,
        R.ToolTipBase: TIP, R.ToolTipText: OP_TIP, R.Link: ACCENT, R.LinkVisited: ACCENT_DONKER,
        R.Highlight: ACCENT, R.HighlightedText: OP_ACCENT, R.Light: VLAK, R.Midlight: KOPVLAK, R.Mid: RAND_ZACHT,
        R.Dark: RAND, R.Shadow: INKT, R.Accent: ACCENT,
    }
    for group in (G.Active, G.Inactive, G.Disabled):
        for role, colour in common.items():
            p.setColor(group, role, QColor(colour))
    # a selection in a list that has no focus stays visible, calmer
    p.setColor(G.Inactive, R.Highlight, QColor(ACCENT_ZACHT))
    p.setColor(G.Inactive, R.HighlightedText, QColor(INKT))
    for role in (R.WindowText, R.Text, R.ButtonText, R.PlaceholderText):
        p.setColor(G.Disabled, role, QColor(UIT))
    p.setColor(G.Disabled, R.Base, QColor(KOPVLAK))
    p.setColor(G.Disabled, R.Button, QColor(ACHTERGROND))
    return p


# foreground role, background role: the pairs of the palette the contrast test checks, per colour group
PALETPAREN = (
    ("WindowText", "Window"), ("Text", "Base"), ("ButtonText", "Button"), ("PlaceholderText", "Base"),
    ("HighlightedText", "Highlight"), ("ToolTipText", "ToolTipBase"), ("Link", "Base"), ("Text", "AlternateBase"),
)
