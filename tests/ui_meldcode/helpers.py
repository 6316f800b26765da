"""Driving the meldcode screens through their widgets (mouse clicks, keys, typed text)."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox, QListWidget, QRadioButton,
                               QWidget)


def click(widget: QWidget) -> None:
    assert widget.isVisible(), f"{widget.accessibleName() or widget} is not visible"
    assert widget.isEnabled(), f"{widget.accessibleName() or widget} is disabled"
    if isinstance(widget, (QCheckBox, QRadioButton)):  # click on the box itself, not on empty space beside it
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(min(8, widget.width() // 2), widget.height() // 2))
    else:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def button(parent: QWidget, text: str) -> QAbstractButton:
    """The visible button whose text (without &) is ``text``."""
    found = [b for b in parent.findChildren(QAbstractButton) if b.text().replace("&", "") == text and b.isVisible()]
    assert found, f"no visible button {text!r}; have {[b.text() for b in parent.findChildren(QAbstractButton)]}"
    return found[0]


def choose(combo: QComboBox, data) -> None:
    """Pick an item with the keyboard: focus the combo box and press Down/Up until it is selected."""
    target = combo.findData(data)
    assert target >= 0, f"{data!r} not in {combo.accessibleName()}"
    combo.setFocus()
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        QTest.keyClick(combo, key)


def check_item(lst: QListWidget, row: int) -> None:
    """Tick a check box item with the keyboard (select it, press Space)."""
    lst.setFocus()
    lst.setCurrentRow(row)
    QTest.keyClick(lst, Qt.Key.Key_Space)


class Modal:
    """Handle the next modal dialog(s) (opened with ``exec``) from inside their own event loops.

    ``with Modal(qtbot, handler) as m: <action that opens the dialog>`` - each handler gets its dialog and
    must close it (by clicking a button). Pass a list to handle dialogs that follow each other.
    Exceptions in a handler are re-raised afterwards.
    """

    def __init__(self, qtbot, handler, *, kind: type | None = None, after=None) -> None:
        self.qtbot = qtbot
        self.handlers = list(handler) if isinstance(handler, (list, tuple)) else [handler]
        self.kind = kind
        self.after = after
        self.error: BaseException | None = None
        self.dialogs: list = []

    @property
    def done(self) -> bool:
        return len(self.dialogs) == len(self.handlers) or self.error is not None

    @property
    def dialog(self):
        return self.dialogs[0] if self.dialogs else None

    def _poll(self) -> None:
        if self.done:
            return
        w = QApplication.activeModalWidget()
        kind = self.kind if len(self.dialogs) == 0 else None
        if (w is None or not w.isVisible() or (kind is not None and not isinstance(w, kind))
                or any(w is d for d in self.dialogs)):
            QTimer.singleShot(20, self._poll)
            return
        self.dialogs.append(w)
        try:
            self.handlers[len(self.dialogs) - 1](w)
        except BaseException as exc:  # noqa: BLE001 - re-raised in __exit__
            self.error = exc
            w.reject()
            return
        if not self.done:
            QTimer.singleShot(20, self._poll)

    def __enter__(self) -> "Modal":
        QTimer.singleShot(0, self._poll)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.qtbot.waitUntil(lambda: self.done, timeout=5000)
            if self.error is not None:
                raise self.error
            if self.after is not None:
                self.after()


def click_in_box(text: str):
    """Handler that clicks the button ``text`` in a message box or dialog."""

    def handle(dlg) -> None:
        click(button(dlg, text))

    return handle


# ---------------------------------------------------------------------------- a whole dossier

class Driver:
    """Walks one dossier through the screens the way a professional would."""

    def __init__(self, qtbot, win, type_text) -> None:
        self.qtbot = qtbot
        self.win = win
        self._type = type_text
        self.page = win.page("meldcode")

    def type(self, widget: QWidget, text: str) -> None:
        """Focus the field (as a user would) and type into it."""
        (widget.focusProxy() or widget).setFocus()
        self._type(widget, text)

    def activate(self) -> None:
        """After a modal dialog the offscreen platform may leave no (or a stale) active window: give it back."""
        self.qtbot.wait(20)  # let the closed dialog's deactivation arrive first
        if QApplication.activeModalWidget() is not None:
            return  # a dialog inside a dialog: the outer one is still open

        def active() -> bool:
            return QApplication.activeWindow() is self.win

        for _ in range(5):
            if active():
                return
            self.win.activateWindow()
            self.qtbot.wait(20)
        self.qtbot.waitUntil(active, timeout=1000)

    def modal(self, handler, *, kind=None) -> "Modal":
        return Modal(self.qtbot, handler, kind=kind, after=self.activate)

    @property
    def view(self):
        assert self.page.view is not None, "no dossier is open"
        return self.page.view

    @property
    def dossier(self):
        return self.view.dossier

    def go_to(self, stap: int) -> None:
        """Alt+<stap>, as a user would, when that step is not on screen."""
        if self.view.tabs.currentIndex() != stap - 1:
            QTest.keyClick(self.view.tabs.currentWidget(), getattr(Qt.Key, f"Key_{stap}"), Qt.KeyboardModifier.AltModifier)
            assert self.view.tabs.currentIndex() == stap - 1

    def history(self) -> list[list[str]]:
        """Open the "Geschiedenis" tab (Ctrl+Tab from step 5) and return its rows as text."""
        self.go_to(5)
        QTest.keyClick(self.view.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
        assert self.view.tabs.currentWidget() is self.view.timeline
        return self.view.timeline.texts()

    # -- new dossier -------------------------------------------------------
    def new_dossier(self, ref: str, *, vormen=(), betrokkenen=(("vermoedelijk_slachtoffer", 34, "moeder"),),
                    gemeente: str | None = None) -> None:
        from ghnt_desktop.ui.meldcode.new_dossier_dialog import NewDossierDialog

        def fill(dlg: NewDossierDialog) -> None:
            self.type(dlg.referentie, ref)
            choose(dlg.gemeente, gemeente or "GM0479")
            for vorm in vormen:
                row = next(i for i in range(dlg.vormen.count())
                           if dlg.vormen.item(i).data(Qt.ItemDataRole.UserRole) == vorm.value)
                check_item(dlg.vormen, row)
            ed = dlg.betrokkenen
            for rol, leeftijd, aanduiding in betrokkenen:
                choose(ed.rol, rol)
                self.type(ed.aanduiding, aanduiding)
                ed.leeftijd.setFocus()
                ed.leeftijd.selectAll()
                QTest.keyClicks(ed.leeftijd, str(leeftijd))
                click(ed.add_button)
            click(dlg.ok_button)

        self.page.setFocus()
        with self.modal(fill, kind=NewDossierDialog):
            QTest.keyClick(self.page.overview.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        self.qtbot.waitUntil(lambda: self.page.view is not None)

    # -- step 1 --------------------------------------------------------------
    def add_signal(self, omschrijving: str, *, van_ander: str = "", ontkracht: bool = False, letsel: bool = False,
                   with_ctrl_enter: bool = False) -> None:
        from ghnt_desktop.domain.meldcode import Herkomst, Richting

        f = self.view.step1.signaal_form
        self.type(f.fields["omschrijving"], omschrijving)
        if van_ander:
            click(f.fields["herkomst"].button_for(Herkomst.VAN_ANDER))
            self.type(f.fields["bron"], van_ander)
        if ontkracht:
            click(f.fields["richting"].button_for(Richting.ONTKRACHT))
        if letsel:
            click(f.fields["letsel"])
        n = len(self.dossier.signalen)
        if with_ctrl_enter:
            QTest.keyClick(f.fields["omschrijving"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        else:
            click(f.add_button)
        assert len(self.dossier.signalen) == n + 1, f.error.text()

    def kindcheck_none(self) -> None:
        f = self.view.step1.kindcheck_form
        choose(f.fields["kinderen_in_huishouden"], "nee")
        click(f.add_button)
        assert self.dossier.kindcheck is not None, f.error.text()

    def required_missing(self, stap: int) -> list[str]:
        return [t for t in self.view.steps[stap - 1].missing.texts() if t.startswith("Nodig:")]

    def next_step(self, stap: int) -> None:
        page = self.view.steps[stap - 1]
        page.ensureWidgetVisible(page.next_button)
        click(page.next_button)
        self.qtbot.waitUntil(lambda: self.view.tabs.currentIndex() == stap)
        assert self.dossier.huidige_stap == stap + 1

    def step1_complete(self) -> None:
        self.add_signal("Moeder had een blauw oog en zei dat ze was gevallen.", letsel=False)
        self.add_signal("Buurvrouw hoorde vaak geschreeuw in de avond.", van_ander="buurvrouw")
        self.add_signal("Moeder vertelt dat het thuis nu rustig is.", ontkracht=True, with_ctrl_enter=True)
        self.kindcheck_none()
        assert self.required_missing(1) == []
        self.next_step(1)

    # -- step 2 --------------------------------------------------------------
    def add_consultation(self, soort: str = "collega", wie: str = "collega Jeugd", advies: str = "Bespreek het met de cliënt.") -> None:
        f = self.view.step2.form
        choose(f.fields["soort"], soort)
        self.type(f.fields["wie"], wie)
        self.type(f.fields["vraag"], "Moeten we ons zorgen maken?")
        self.type(f.fields["advies"], advies)
        n = len(self.dossier.consultaties)
        click(f.add_button)
        assert len(self.dossier.consultaties) == n + 1, f.error.text()

    def step2_complete(self) -> None:
        self.add_consultation()
        assert self.required_missing(2) == []
        self.next_step(2)

    # -- step 3 --------------------------------------------------------------
    def step3_complete(self) -> None:
        f = self.view.step3.gesprek_form
        self.type(f.fields["deelnemers"], "moeder, wijkcoach")
        self.type(f.fields["wat_voorgelegd"], "Het blauwe oog en het geschreeuw.")
        self.type(f.fields["reactie_client"], "Moeder schrok en gaf toe dat er ruzie is.")
        click(f.add_button)
        assert len(self.dossier.gesprekken) == 1, f.error.text()
        assert self.required_missing(3) == []
        self.next_step(3)

    # -- afwegingen ------------------------------------------------------------
    def answer(self, nummer: int, ja: bool, motivatie: str) -> None:
        stap = 4 if nummer in self.view.page(4).afwegingen else 5
        self.go_to(stap)
        page = self.view.steps[stap - 1]
        f = page.afweging_forms[nummer]
        page.ensureWidgetVisible(f)
        click(f.fields["antwoord"].button_for(ja))
        self.type(f.fields["motivatie"], motivatie)
        n = len(self.dossier.afwegingen)
        click(f.add_button)
        assert len(self.dossier.afwegingen) == n + 1, f.error.text()
        assert self.dossier.huidige_antwoorden()[nummer] is ja

    def decide(self, motivatie: str = "Volgt uit de afwegingen.") -> None:
        self.go_to(5)
        f = self.view.step5.besluit_form
        click(f.overnemen)
        self.type(f.fields["motivatie"], motivatie)
        n = len(self.dossier.besluiten)
        click(f.add_button)
        assert len(self.dossier.besluiten) == n + 1, f.error.text()

    def record_melding(self) -> None:
        self.go_to(5)
        f = self.view.step5.melding_form
        assert f.isVisible()
        choose(f.fields["kanaal"], "telefoon")
        self.type(f.fields["samenvatting_feiten_en_bronnen"], "Blauw oog (zelf gezien), geschreeuw (buurvrouw).")
        click(f.fields["client_geinformeerd"].button_for(True))
        self.type(f.fields["reactie_en_bezwaren"], "Moeder was boos maar begreep het.")
        self.type(f.fields["hoe_omgegaan"], "Uitgelegd dat melden nodig is voor de veiligheid.")
        self.type(f.fields["vervolgafspraken"], "Veilig Thuis belt binnen een week terug.")
        n = len(self.dossier.meldingen)
        click(f.add_button)
        assert len(self.dossier.meldingen) == n + 1, f.error.text()

    def record_hulp(self, evaluatie) -> None:
        self.go_to(5)
        f = self.view.step5.hulp_form
        assert f.isVisible()
        self.type(f.fields["wat"], "Opvoedondersteuning, twee keer per week.")
        self.type(f.fields["wie"], "Wijkcoach")
        self.type(f.fields["evaluatiedatum"].edit, evaluatie.strftime("%d-%m-%Y"))  # typed dd-mm-jjjj
        self.type(f.fields["veiligheidsafspraken"], "Bij ruzie gaat vader een blokje om.")
        n = len(self.dossier.hulp)
        click(f.add_button)
        assert len(self.dossier.hulp) == n + 1, f.error.text()

    def close_dossier(self, button_widget) -> None:
        from ghnt_desktop.ui.meldcode.dossier_view import ReasonDialog

        def handle(dlg) -> None:
            assert dlg.reden.toPlainText().strip(), "the reason is prefilled from the afwegingskader"
            click(dlg.ok_button)

        with self.modal(handle, kind=ReasonDialog):
            click(button_widget)
        assert self.dossier.status.value == "afgesloten"
