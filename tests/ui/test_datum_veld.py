"""The one date field: typed dd-mm-jjjj, calendar at today, bounds with a reason, no wheel, empty when optional."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from ghnt_desktop.domain import datum as regels
from ghnt_desktop.ui.datum_veld import DatumVeld

VANDAAG = date(2026, 12, 2)


@pytest.fixture(autouse=True)
def _app():
    from ghnt_desktop.ui.app import make_app

    return make_app()


def _veld(qtbot, **kw) -> DatumVeld:
    w = DatumVeld("Datum gezien", vandaag=lambda: VANDAAG, **kw)
    qtbot.addWidget(w)
    with qtbot.waitExposed(w):
        w.show()
    with qtbot.waitActive(w):
        w.activateWindow()
    w.edit.setFocus()
    return w


def _leave(qtbot, w) -> None:
    qtbot.keyClick(w.edit, Qt.Key.Key_Tab)  # editingFinished, as when a person tabs on
    w.edit.editingFinished.emit()


@pytest.mark.parametrize("typed", ["2-12-2025", "02-12-2025", "2/12/2025", "2.12.2025", "02122025", " 2 - 12 - 2025 "])
def test_typing_digits_into_an_empty_field_gives_the_date(qtbot, typed):
    w = _veld(qtbot)
    qtbot.keyClicks(w.edit, typed)
    _leave(qtbot, w)
    assert w.value() == date(2025, 12, 2) and w.edit.text() == "02-12-2025" and w.probleem_label.isHidden()


def test_wrong_input_stays_visible_with_a_dutch_explanation(qtbot):
    w = _veld(qtbot)
    qtbot.keyClicks(w.edit, "31-02-2025")
    _leave(qtbot, w)
    assert w.value() is None and not w.is_valid() and w.edit.text() == "31-02-2025"
    assert "bestaat niet als datum" in w.probleem_label.text() and w.probleem_label.isVisibleTo(w)
    assert "bestaat niet" in w.edit.accessibleDescription()  # a screen reader hears it on the field too
    w.edit.clear()
    qtbot.keyClicks(w.edit, "gisteren")
    _leave(qtbot, w)
    assert "dd-mm-jjjj" in w.probleem_label.text()


def test_a_date_that_lies_in_the_past_by_nature_cannot_be_in_the_future(qtbot):
    w = _veld(qtbot, grenzen=regels.niet_in_de_toekomst(VANDAAG, "De datum waarop je het zag"))
    qtbot.keyClicks(w.edit, "03-12-2026")
    _leave(qtbot, w)
    assert w.value() is None and w.problem() == "De datum waarop je het zag kan niet in de toekomst liggen."
    w.set_value(VANDAAG)
    assert w.is_valid()
    qtbot.keyClick(w.edit, Qt.Key.Key_Up)  # not past the bound
    assert w.value() == VANDAAG


def test_arrow_keys_start_at_today_and_step_by_day_and_month(qtbot):
    w = _veld(qtbot)
    qtbot.keyClick(w.edit, Qt.Key.Key_Up)
    assert w.value() == VANDAAG  # not 02-01-1900
    qtbot.keyClick(w.edit, Qt.Key.Key_Down)
    assert w.value() == date(2026, 12, 1)
    qtbot.keyClick(w.edit, Qt.Key.Key_PageDown)
    assert w.value() == date(2026, 11, 1)


def test_optional_field_may_be_empty_and_a_required_one_says_so(qtbot):
    w = _veld(qtbot, waarde=date(2026, 1, 5))
    w.edit.clear()
    assert w.value() is None and w.is_valid()
    r = _veld(qtbot, verplicht=True)
    assert not r.is_valid() and r.problem() == "Vul een datum in."


def test_the_wheel_never_changes_the_date(qtbot):
    w = _veld(qtbot, waarde=date(2026, 1, 5))
    for target in (w.edit, w.kalender_knop):
        ev = QWheelEvent(QPointF(5, 5), QPointF(w.mapToGlobal(QPoint(5, 5))), QPoint(0, 0), QPoint(0, -120),
                         Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(target, ev)
    assert w.value() == date(2026, 1, 5)


def test_calendar_opens_at_today_and_picks_with_the_keyboard(qtbot):
    w = _veld(qtbot, grenzen=regels.niet_in_de_toekomst(VANDAAG))
    seen = {}

    def pick():
        popup = w.popup
        seen["start"] = popup.calendar.selectedDate().toPython()
        seen["max"] = popup.calendar.maximumDate().toPython()
        qtbot.keyClick(popup.calendar.focusWidget() or popup.calendar, Qt.Key.Key_Left)
        qtbot.keyClick(popup.calendar.focusWidget() or popup.calendar, Qt.Key.Key_Return)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(100, pick)
    qtbot.keyClick(w.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert seen == {"start": VANDAAG, "max": VANDAAG}
    assert w.value() == date(2026, 12, 1)
    qtbot.waitUntil(w.edit.hasFocus)  # back in the field once the calendar has closed


def test_one_date_format():
    assert regels.formatteer(date(2025, 12, 2)) == "02-12-2025" and regels.formatteer(None, leeg="—") == "—"
    with pytest.raises(regels.OngeldigeDatum):
        regels.lees("2025-12-02")
    assert regels.lees("") is None


def test_a_label_buddy_reaches_the_field_and_a_problem_is_a_message_line(qtbot):
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    from ghnt_desktop.ui.a11y import MessageLabel

    box = QWidget()
    lay = QVBoxLayout(box)
    lab = QLabel("&Datum gezien:")
    w = DatumVeld("Datum gezien", vandaag=lambda: VANDAAG)
    lab.setBuddy(w)
    other = QLabel("x")
    lay.addWidget(lab)
    lay.addWidget(other)
    lay.addWidget(w)
    qtbot.addWidget(box)
    with qtbot.waitExposed(box):
        box.show()
    with qtbot.waitActive(box):
        box.activateWindow()
    qtbot.keyClick(box, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert w.edit.hasFocus()
    assert isinstance(w.probleem_label, MessageLabel)
