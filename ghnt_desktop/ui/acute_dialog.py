""""Acuut onveilig?": one screen that says what to do now. Reachable from every window of the app: the main
window's button and Ctrl+Shift+A, the unlock and lock screens, and every modal dialog (:class:`AcuteEverywhere`)."""
from __future__ import annotations

import json
from functools import cache

from html import escape as esc

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QFrame, QLabel, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from ghnt_desktop.paths import resource_path
from ghnt_desktop.ui.kop import Kop


# Used only when resources/acuut/acuut.json is missing or damaged: the emergency numbers must always show.
FALLBACK = {
    "titel": "Acuut onveilig? Dit doe je nu",
    "inleiding": "Is iemand nu in gevaar? Wacht dan niet op de stappen van de meldcode, maar handel meteen.",
    "stappen": [{"kop": "Levensgevaar of gebeurt het nu?", "tekst": "Bel 112."},
                {"kop": "Acuut onveilig?", "tekst": "Bel Veilig Thuis: 0800-2000, gratis, dag en nacht."}],
    "nummers": [{"naam": "Alarmnummer", "nummer": "112", "toelichting": "Bij levensgevaar."},
                {"naam": "Veilig Thuis", "nummer": "0800-2000", "toelichting": "Gratis, 24 uur per dag."}],
}


@cache
def acute_content() -> dict:
    try:
        data = json.loads(resource_path("acuut", "acuut.json").read_text(encoding="utf-8"))
        if not all(isinstance(data.get(k), expected) for k, expected in
                   (("titel", str), ("inleiding", str), ("stappen", list), ("nummers", list))):
            raise ValueError("acuut.json")
        return data
    except (OSError, ValueError):
        import logging

        logging.getLogger("ghnt.ui").warning("acuut.json ontbreekt of is beschadigd; vaste tekst getoond")
        return FALLBACK


def panel_nummers(ws) -> list[dict]:
    """The numbers of the panel; where the organisation set its own number for a contact (meldcode profile),
    that one, marked as such. 112 is never replaced. Without a workspace: the national numbers."""
    uit = []
    for n in acute_content()["nummers"]:
        n = dict(n)
        if ws is not None and n.get("contact"):
            try:
                from ghnt_desktop.services.meldcodeprofiel import telefoon_van

                nummer, eigen = telefoon_van(ws, n["contact"], n["nummer"])
            except Exception:  # the panel must always show; the national number is the safe fallback
                nummer, eigen = n["nummer"], False
            if eigen:
                n["toelichting"] = (f"{n['toelichting']} Eigen nummer van je organisatie; landelijk: "
                                    f"{n['nummer']}.")
                n["nummer"] = nummer
        uit.append(n)
    return uit


class AcuteDialog(QDialog):
    """``ws``: the open workspace, for the organisation's own numbers (default: the parent's ``ws``)."""

    def __init__(self, parent=None, ws=None) -> None:
        from PySide6.QtCore import Qt  # not at import: ui.app loads this module before the first paint

        super().__init__(parent)
        c = dict(acute_content())
        ws = ws if ws is not None else getattr(parent, "ws", None)
        c["nummers"] = _numbers_now(ws)
        self.setWindowTitle(c["titel"])
        self.setAccessibleName(c["titel"])
        outer = QVBoxLayout(self)
        scroll = QScrollArea()  # at a large text size the panel scrolls; the Close button stays in view
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setAccessibleName("Wat je nu doet (pijltjestoetsen om te scrollen)")  # Tab reaches it: keys scroll
        body = QWidget()
        scroll.setWidget(body)
        lay = QVBoxLayout(body)
        lay.addWidget(Kop(c["titel"], 1))
        intro = QLabel(c["inleiding"])
        intro.setWordWrap(True)
        lay.addWidget(intro)
        nummers = QLabel("".join(
            f"<p style='font-size:large'><b>{esc(n['nummer'])}</b> – {esc(n['naam'])}: {esc(n['toelichting'])}</p>"
            for n in c["nummers"]))
        nummers.setObjectName("acuutNummers")
        nummers.setWordWrap(True)
        nummers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(nummers)
        steps = QLabel("<ol>" + "".join(f"<li><b>{esc(s['kop'])}</b><br>{esc(s['tekst'])}</li>"
                                        for s in c["stappen"]) + "</ol>")
        steps.setWordWrap(True)
        lay.addWidget(steps)
        lay.addStretch(1)
        outer.addWidget(scroll, 1)
        self.text = "\n".join([c["inleiding"]] + [f"{n['nummer']} {n['naam']}" for n in c["nummers"]]
                              + [s["kop"] + " " + s["tekst"] for s in c["stappen"]])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText("&Sluiten")
        close.setAccessibleName("Sluiten")
        outer.addWidget(buttons)
        self.scroll = scroll
        scroll.setFocus()
        self.resize(620, 560)


# --- the panel from every window ------------------------------------------------------------------------

_numbers_cache: dict[int, list[dict]] = {}


def _numbers_now(ws) -> list[dict]:
    """The panel's numbers. While background work holds the workspace (ui.operations) the database is not
    touched: the numbers seen last for this workspace, else the national ones."""
    if ws is not None:
        from ghnt_desktop.ui.operations import busy

        if busy():
            return _numbers_cache.get(id(ws)) or panel_nummers(None)
    nummers = panel_nummers(ws)
    if ws is not None:
        _numbers_cache[id(ws)] = nummers
    return nummers


def _workspace_near(widget) -> object | None:
    """The open workspace of the window ``widget`` is in (or of a window below it), if any."""
    while widget is not None:
        ws = getattr(widget, "ws", None)
        if ws is not None and getattr(ws, "session", None) is not None:
            return ws
        widget = widget.parentWidget()
    return None


def open_acute(anchor=None) -> AcuteDialog | None:
    """Show the panel on top of whatever is in front now: the main window, the lock screen, the unlock dialog,
    or a modal dialog (the panel is made its child, so the dialog does not block it). One panel at a time."""
    app = QApplication.instance()
    for w in app.topLevelWidgets():
        if isinstance(w, AcuteDialog) and w.isVisible():
            w.raise_()
            w.activateWindow()
            return None
    while app.activePopupWidget() is not None:  # an open list or menu would stay on top
        app.activePopupWidget().close()
    parent = app.activeModalWidget() or app.activeWindow() or (anchor.window() if anchor is not None else None)
    dlg = AcuteDialog(parent, ws=_workspace_near(parent) or _workspace_near(anchor))
    dlg.exec()
    return dlg


# the red button lives in ui.acuut_knop (imported before the first paint; this module is not)
from ghnt_desktop.ui.acuut_knop import ACUTE_KEYS, ACUTE_NAME, ACUTE_TIP  # noqa: E402,F401
from ghnt_desktop.ui.acuut_knop import acute_button as _red_button  # noqa: E402


def acute_button(text: str = "Acuut onveilig?") -> QPushButton:
    """The red button that opens the panel over the window it is in."""
    button = _red_button(lambda: open_acute(button), text)
    return button


class AcuteEverywhere(QObject):
    """Application-wide event filter: Ctrl+Shift+A opens the panel from every window, also from inside a modal
    dialog (Qt blocks the main window's shortcut there), and every modal dialog with a button row gets an
    "Acuut onveilig?" button of its own (a click on the main window's button cannot reach past a modal
    dialog). Installed once by ``ui.app.make_app``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeySequence

        self._keys = QKeySequence(ACUTE_KEYS)[0]  # no Qt namespace before the first paint
        self._override, self._press, self._show, self._style = (
            QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress, QEvent.Type.Show, QEvent.Type.StyleChange)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        kind = event.type()
        if kind == self._show:
            if isinstance(obj, QDialog):
                add_acute_button(obj)
                keep_tab_order(obj)
            return False
        if kind == self._style and isinstance(obj, QDialogButtonBox):
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, lambda box=obj: keep_tab_order(box))  # after the box has laid out again
            return False
        if (kind == self._override or kind == self._press) and event.keyCombination() == self._keys:
            event.accept()
            if kind == self._press and not event.isAutoRepeat():
                open_acute(obj if isinstance(obj, QWidget) else None)
            return True
        return False


def keep_tab_order(widget: QWidget) -> None:
    """Tab through a dialog's buttons in their order. With a style sheet, Qt 6 makes a button box's default
    button its focus proxy, so Tab from the last field jumps to the default button and skips the ones before it
    (found in Beheer › Reservekopieën › Terugzetten: "Terugzetten" was not reachable with Tab). Not in message
    boxes: their buttons are reached from the default one, as Qt means."""
    import shiboken6
    from PySide6.QtWidgets import QMessageBox

    if not shiboken6.isValid(widget) or isinstance(widget.window(), QMessageBox):
        return
    boxes = [widget] if isinstance(widget, QDialogButtonBox) else widget.findChildren(QDialogButtonBox)
    for box in boxes:
        if box.focusProxy() is not None:
            box.setFocusProxy(None)


def add_acute_button(dialog: QDialog) -> QPushButton | None:
    """Give a modal dialog its own "Acuut onveilig?" button in its button row (once). Not in message boxes and
    Qt's own dialogs (a button there would close them), nor where the dialog has one already."""
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QProgressDialog

    if (isinstance(dialog, (AcuteDialog, QMessageBox, QFileDialog, QProgressDialog, QInputDialog))
            or not dialog.isModal()
            or dialog.findChild(QPushButton, "acuutKnop") is not None):
        return None
    boxes = [b for b in dialog.findChildren(QDialogButtonBox) if b.window() is dialog and b.isVisibleTo(dialog)]
    if not boxes:
        return None
    button = acute_button()
    boxes[-1].addButton(button, QDialogButtonBox.ButtonRole.HelpRole)
    return button
