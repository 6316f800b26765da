"""One palette, and its contrast: every text/background and border/background pair the style uses meets WCAG 2.1
(4.5:1 text, 3:1 large text and parts of controls), in the named pairs, in the style sheet and in the Qt palette;
and every kind of focusable control shows a clearly visible focus indicator."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QLineEdit, QListWidget, QPlainTextEdit, QPushButton,
                               QRadioButton, QScrollArea, QSpinBox, QTableWidget, QTabWidget, QVBoxLayout, QWidget)

from ghnt_desktop.paths import resource_path
from ghnt_desktop.ui import stijl


@pytest.fixture(autouse=True)
def _app():
    from ghnt_desktop.ui.app import make_app

    return make_app()


def test_the_ratio_is_the_wcag_one():
    assert stijl.contrast("#ffffff", "#000000") == pytest.approx(21.0)
    assert stijl.contrast("#777777", "#777777") == pytest.approx(1.0)
    # the pairs the accessibility issue measured: white on Qt's default selection, Fusion's placeholder grey
    assert stijl.contrast("#ffffff", "#308cc6") == pytest.approx(3.69, abs=0.01)
    assert stijl.contrast("#ffffff", "#308cc6") < stijl.TEKST
    with pytest.raises(ValueError):
        stijl.contrast("blauw", "#ffffff")


@pytest.mark.parametrize("paar", stijl.PAREN, ids=lambda p: f"{p.voor}-op-{p.achter}")
def test_every_named_pair_has_enough_contrast(paar):
    ratio = stijl.contrast(stijl.PALET[paar.voor], stijl.PALET[paar.achter])
    assert ratio >= paar.minimum, f"{paar.waar}: {paar.voor} on {paar.achter} is {ratio:.2f}:1, needs {paar.minimum}"


@pytest.mark.parametrize("punten", [10, 20])
def test_every_colour_pair_in_the_style_sheet_has_enough_contrast(punten):
    sheet = stijl.style_sheet(punten)
    # every colour in the sheet is a colour of the palette (no stray hex codes)
    assert set(re.findall(r"#[0-9a-fA-F]{6}", sheet)) <= set(stijl.PALET.values())
    pairs = stijl.kleurparen_in_sheet(sheet)
    assert len(pairs) > 10
    low = []
    for selector, fg, bg in pairs:
        # parts without text (a check box's box, a progress bar's fill, a scroll button) are checked as borders
        textless = all(re.search(r"::(?!tab\b|section\b|item\b|title\b)[\w-]+", part) for part in selector.split(","))
        if textless:
            continue
        ratio = stijl.contrast(fg, bg)
        if ratio < stijl.TEKST:
            low.append(f"{selector}: {fg} on {bg} is {ratio:.2f}:1")
    assert low == []


def test_the_sheet_check_itself_finds_a_low_pair():
    pairs = stijl.kleurparen_in_sheet("QLabel#zacht { color: #9a9a9a; background: #ffffff; }")
    assert pairs == [("QLabel#zacht", "#9a9a9a", "#ffffff")]
    assert stijl.contrast(*pairs[0][1:]) < stijl.TEKST


def test_the_app_palette_is_the_style_palette_with_enough_contrast():
    pal = QApplication.instance().palette()
    assert pal.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight).name() == stijl.ACCENT
    assert pal.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText).name() == stijl.INKT_ZACHT
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        for fg_role, bg_role in stijl.PALETPAREN:
            fg = pal.color(group, getattr(QPalette.ColorRole, fg_role)).name()
            bg = pal.color(group, getattr(QPalette.ColorRole, bg_role)).name()
            ratio = stijl.contrast(fg, bg)
            assert ratio >= stijl.TEKST, f"{group.name} {fg_role} on {bg_role}: {fg} on {bg} is {ratio:.2f}:1"


def test_the_images_use_palette_colours():
    for name in stijl.AFBEELDINGEN:
        svg = resource_path("stijl", f"{name}.svg").read_text(encoding="utf-8")
        colours = set(re.findall(r"#[0-9a-fA-F]{6}", svg))
        assert colours and colours <= set(stijl.PALET.values()), (name, colours)
        assert f'url("{stijl.afbeelding(name)}")' in stijl.style_sheet(10)


def test_headings_and_the_sheet_scale_with_the_text_size():
    small, large = stijl.style_sheet(10), stijl.style_sheet(20)
    assert "QLabel#kop1 { font-size: 16pt;" in small and "QLabel#kop1 { font-size: 32pt;" in large
    assert "QPushButton:focus" in small  # other screens rely on the focus rule being in the app's sheet
    for name in ("foutmelding", "ontbreekt", "klaar", "acuutKnop"):
        assert f"#{name}" in small


# --- a focus indicator one can see, on every kind of control -----------------------------------------------

def _accent_pixels(widget: QWidget, colour: str) -> int:
    image = widget.grab().toImage()
    target = QColor(colour)
    count = 0
    for y in range(0, image.height()):
        for x in range(0, image.width()):
            c = image.pixelColor(x, y)
            if abs(c.red() - target.red()) < 12 and abs(c.green() - target.green()) < 12 \
                    and abs(c.blue() - target.blue()) < 12:
                count += 1
    return count


def _controls():
    table = QTableWidget(2, 2)
    table.setHorizontalHeaderLabels(["Naam", "Status"])
    tabs = QTabWidget()
    tabs.addTab(QWidget(), "Eerste")
    tabs.addTab(QWidget(), "Tweede")
    scroll = QScrollArea()
    scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    scroll.setWidget(QWidget())
    from ghnt_desktop.ui.datum_veld import DatumVeld

    combo = QComboBox()
    combo.addItems(["Een", "Twee"])
    return {"knop": QPushButton("Opslaan"), "vakje": QCheckBox("Vakje"), "keuzerondje": QRadioButton("Keuze"),
            "invoerveld": QLineEdit(), "tekstvak": QPlainTextEdit(), "keuzelijst": combo, "getal": QSpinBox(),
            "tabel": table, "lijst": QListWidget(), "tabbladen": tabs, "schuifvlak": scroll,
            "datum": DatumVeld("Datum")}


KINDS = ["knop", "vakje", "keuzerondje", "invoerveld", "tekstvak", "keuzelijst", "getal", "tabel", "lijst", "tabbladen",
         "schuifvlak", "datum"]


@pytest.mark.parametrize("kind", KINDS)
def test_focus_is_clearly_visible_on_every_kind_of_control(qtbot, kind):
    root = QWidget()
    qtbot.addWidget(root)
    lay = QVBoxLayout(root)
    other = QPushButton("Elders")
    lay.addWidget(other)
    control = _controls()[kind]
    lay.addWidget(control)
    root.resize(420, 320)
    with qtbot.waitExposed(root):
        root.show()
    with qtbot.waitActive(root):
        root.activateWindow()
    target = control.tabBar() if kind == "tabbladen" else control
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    before = _accent_pixels(control, stijl.ACCENT)
    target.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: control.hasFocus() or target.hasFocus() or control.isAncestorOf(
        QApplication.focusWidget()))
    QApplication.processEvents()
    after = _accent_pixels(control, stijl.ACCENT)
    # a ring of the accent colour around the control: at least its perimeter's worth of new pixels (for a tab
    # bar: around the current tab, whose top edge is accent already, so half of that)
    if kind == "tabbladen":
        rect = target.tabRect(target.currentIndex())
        ring = rect.width() + rect.height()
    else:
        ring = 2 * (min(target.width(), 300) + min(target.height(), 40))
    assert after - before >= ring, f"{kind}: {before} accent pixels without focus, {after} with"


def test_the_acute_button_shows_focus_in_black(qtbot):
    from ghnt_desktop.ui.acute_dialog import acute_button

    root = QWidget()
    qtbot.addWidget(root)
    lay = QVBoxLayout(root)
    other = QPushButton("Elders")
    button = acute_button()
    lay.addWidget(other)
    lay.addWidget(button)
    with qtbot.waitExposed(root):
        root.show()
    with qtbot.waitActive(root):
        root.activateWindow()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    before = _accent_pixels(button, stijl.ACUUT_FOCUS)
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    after = _accent_pixels(button, stijl.ACUUT_FOCUS)
    assert after - before >= 2 * (button.width() + button.height())
