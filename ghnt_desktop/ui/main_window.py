"""Main window: navigation, the always-visible "Acuut onveilig?" control, lock, text size."""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QListWidget, QMainWindow, QPushButton,
                               QStackedWidget, QVBoxLayout, QWidget)

from ghnt_desktop import APP_NAME
from ghnt_desktop.ui import app as app_setup
from ghnt_desktop.ui.modules import registry, start_key
from ghnt_desktop.ui.pages import Page, as_page

DEFAULT_IDLE_MINUTES = 5


def window_title(ws) -> str:
    title = f"{APP_NAME} – {ws.organisatie}"
    if ws.is_demo:
        title += " – DEMO – fictieve gegevens"
    if ws.is_oefen:
        title += " – OEFENMODUS – fictieve casussen"
    return title


class IdleWatcher(QObject):
    """Application-wide event filter: fires ``idle`` after ``minutes`` without keyboard or mouse input."""

    idle = Signal()

    def __init__(self, minutes: float, parent=None) -> None:
        super().__init__(parent)
        self._activity: frozenset = frozenset()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle.emit)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: float) -> None:
        self.timer.setInterval(max(1, int(minutes * 60_000)))
        self.timer.start()

    def watch(self, app: QApplication) -> None:
        """Start seeing input. The main window calls this after its first paint: the filter sees every event."""
        from PySide6.QtCore import QEvent

        self._activity = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                                    QEvent.Type.Wheel})
        app.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() in self._activity:
            self.timer.start()
        return False


class MainWindow(QMainWindow):
    locked = Signal()
    unlocked = Signal()

    def __init__(self, ws, parent=None, *, idle_minutes: float | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.is_locked = False
        self.setWindowTitle(window_title(ws))
        self.setAccessibleName("Hoofdvenster GHNT Desktop")
        central = QWidget()
        outer = QVBoxLayout(central)
        # header: who is working, acute control, lock
        header = QHBoxLayout()
        rollen = ", ".join(r.label for r in sorted(ws.session.rollen))
        self.user_label = QLabel(f"{ws.session.naam} ({rollen})")
        self.user_label.setAccessibleDescription("Ingelogd als")  # the name stays the visible text
        header.addWidget(self.user_label)
        header.addStretch(1)
        self.acute_button = QPushButton("&Acuut onveilig?")
        self.acute_button.setObjectName("acuutKnop")
        bold = self.acute_button.font()
        bold.setBold(True)  # set here, not only in the style sheet, so the button is sized for bold text
        self.acute_button.setFont(bold)
        self.acute_button.setMinimumWidth(
            QFontMetrics(bold).horizontalAdvance(self.acute_button.text().replace("&", "")) + 48)
        self.acute_button.setAccessibleName("Acuut onveilig? Wat je nu moet doen")
        self.acute_button.setToolTip("Wat doe je als iemand nu in gevaar is? (Ctrl+Shift+A)")
        self.acute_button.clicked.connect(self.show_acute)
        header.addWidget(self.acute_button)
        self.lock_button = QPushButton("&Vergrendelen")
        self.lock_button.setAccessibleName("Vergrendelen")
        self.lock_button.setToolTip("Scherm vergrendelen (Ctrl+L)")
        self.lock_button.clicked.connect(self.lock)
        header.addWidget(self.lock_button)
        outer.addLayout(header)
        body = QHBoxLayout()
        self.nav = QListWidget()
        self.nav.setAccessibleName("Onderdelen")
        self.stack = QStackedWidget()
        self.modules = [m for m in registry() if m.beschikbaar_voor(ws.session) and m.nodig(ws)]
        self.pages: dict[str, QWidget] = {}  # created on first visit (keeps start-up fast)
        self._protocol: dict[str, Page] = {}  # the same screens through the page protocol (ui.pages)
        for m in self.modules:
            self.nav.addItem(m.titel)
            self.stack.addWidget(QWidget())  # placeholder until the module's screen is built
        self._fit_nav()
        start = start_key(ws.session, [m.key for m in self.modules])
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(next((i for i, m in enumerate(self.modules) if m.key == start), 0))
        self.nav.blockSignals(False)
        self.nav.currentRowChanged.connect(self.show_module)
        # The first screen is built right after the window has been painted once (fast start-up).
        # Until then nothing here touches PySide6's ``Qt`` namespace: loading it takes ~30 ms.
        self.first_page_ready = False
        QTimer.singleShot(0, self._build_first_page)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        self.lock_screen: QLabel | None = None  # made at the first lock
        self.body = body
        outer.addLayout(body, 1)
        self.setCentralWidget(central)
        self._make_actions()
        if app_setup.missing_fonts:
            self.statusBar().showMessage(
                "Let op: het lettertype van de app ontbreekt. Sommige tekens (zoals ĳ) kunnen er anders uitzien. "
                "Vraag de beheerder om de app opnieuw te installeren.")
        else:
            self.statusBar().showMessage("Alles wat je invult, wordt vanzelf versleuteld opgeslagen.")
        self.resize(1100, 720)
        minutes = idle_minutes if idle_minutes is not None else DEFAULT_IDLE_MINUTES
        self.idle = IdleWatcher(minutes, self)
        self.idle.idle.connect(self.lock)  # its timer runs from now; input is watched after the first paint

    def _fit_nav(self) -> None:
        """The navigation is never narrower than its longest title (a wide screen must not squeeze it)."""
        self.nav.setFixedWidth(max(120, self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 12))

    def _build_first_page(self) -> None:
        if self.first_page_ready:
            return
        from PySide6.QtCore import Qt

        # Ctrl+Shift+A also works from dialogs. Until this runs (one event-loop turn after the first
        # paint) no dialog can be open yet, and the default context already covers the main window.
        self.acute_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.idle.watch(QApplication.instance())
        if self.modules:
            self.show_module(max(0, self.nav.currentRow()))
        self.first_page_ready = True

    def show_module(self, row: int) -> None:
        if row < 0:
            return
        m = self.modules[row]
        if m.key not in self.pages:
            page = m.factory(self.ws, self)
            old = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.pages[m.key] = page
            self._protocol[m.key] = as_page(page, m.titel)
        elif self._protocol[m.key].refresh_on_show:
            self._protocol[m.key].refresh()
        self.stack.setCurrentIndex(row)

    def switch_workspace(self, new_ws) -> None:
        """Continue with another (restored) workspace: every screen is rebuilt from it."""
        self.ws = new_ws
        self.setWindowTitle(window_title(new_ws))
        current = max(0, self.nav.currentRow())
        for key, page in list(self.pages.items()):
            row = next(i for i, m in enumerate(self.modules) if m.key == key)
            placeholder = QWidget()
            self.stack.insertWidget(row, placeholder)
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self._protocol.clear()
        self.show_module(current)
        self.statusBar().showMessage("De reservekopie is teruggezet. Je werkt nu verder met de teruggezette gegevens.")

    def open_beheer_section(self, key: str) -> None:
        """From "Aan de slag": show the Beheer tab that sets up this item."""
        row = next((i for i, m in enumerate(self.modules) if m.key == "beheer"), None)
        if row is None:
            return
        self.nav.setCurrentRow(row)
        self.pages["beheer"].show_section(key)

    def page(self, key: str) -> QWidget:
        """The module's screen (created if needed)."""
        row = next(i for i, m in enumerate(self.modules) if m.key == key)
        if key not in self.pages:
            current = self.nav.currentRow()
            self.show_module(row)
            self.stack.setCurrentIndex(current)
        return self.pages[key]

    # --- actions ----------------------------------------------------------
    def _action(self, text: str, slot, shortcut: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            # setShortcuts([...]) rather than setShortcut(...): the latter's overload check loads
            # PySide6's whole ``Qt`` namespace (~30 ms) before the first paint.
            action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(slot)
        return action

    def _make_actions(self) -> None:
        bestand = self.menuBar().addMenu("&Bestand")
        self.lock_action = self._action("&Vergrendelen", self.lock, "Ctrl+L")
        bestand.addAction(self.lock_action)
        if not self.ws.is_oefen:
            bestand.addAction(self._action("&Oefenmodus openen…", self.open_oefenmodus))
        bestand.addAction(self._action("&Afsluiten", self.close, "Ctrl+Q"))
        beeld = self.menuBar().addMenu("&Beeld")
        beeld.addAction(self._action("Tekst &groter", lambda: self.change_text_size(+1), "Ctrl++"))
        beeld.addAction(self._action("Tekst &kleiner", lambda: self.change_text_size(-1), "Ctrl+-"))
        beeld.addAction(self._action("Tekst &normaal", lambda: self.change_text_size(0), "Ctrl+0"))
        hulp = self.menuBar().addMenu("&Hulp")
        self.acute_action = self._action("&Acuut onveilig?", self.show_acute, "Ctrl+Shift+A")
        hulp.addAction(self.acute_action)

    def open_oefenmodus(self) -> None:
        """Start a second window on the separate practice workspace (made on first use)."""
        from ghnt_desktop.ui.oefenmodus import start_oefenmodus

        start_oefenmodus(self.ws.data_dir, self)

    def change_text_size(self, delta: int) -> None:
        app = QApplication.instance()
        size = app_setup.BASE_POINT_SIZE if delta == 0 else app_setup.text_size(app) + delta
        app_setup.set_text_size(app, size)
        QTimer.singleShot(0, self._fit_nav)  # after the new font has reached the list

    def show_acute(self) -> None:
        from ghnt_desktop.ui.acute_dialog import AcuteDialog

        dlg = AcuteDialog(self)
        dlg.exec()

    # --- lock -------------------------------------------------------------
    def page_protocols(self) -> list[Page]:
        """The screens built so far, in navigation order, as pages (ui.pages): what lock, unlock and closing
        call."""
        return [self._protocol[m.key] for m in self.modules if m.key in self._protocol]

    def save_all(self) -> None:
        for page in self.page_protocols():
            page.save_all()

    def lock(self) -> None:
        from ghnt_desktop.ui.operations import postpone_while_busy

        # during background work (a backup, a PDF) the lock waits until it is done: the worker owns the database
        if self.is_locked or postpone_while_busy(self.lock):
            return
        self.save_all()
        self.is_locked = True
        for page in self.page_protocols():
            page.clear_for_lock()
        self.nav.hide()
        self.stack.hide()
        if self.lock_screen is None:
            from PySide6.QtCore import Qt

            self.lock_screen = QLabel("<h2>Vergrendeld</h2><p>Ontgrendel om verder te werken.</p>")
            self.lock_screen.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.body.addWidget(self.lock_screen, 1)
        self.lock_screen.show()
        from ghnt_desktop.services.login import record_lock

        record_lock(self.ws)
        self.locked.emit()
        QTimer.singleShot(0, self._ask_unlock)

    def _ask_unlock(self) -> None:
        from ghnt_desktop.ui.lock import LockUnlockDialog

        dlg = LockUnlockDialog(self.ws, self)
        self.unlock_dialog = dlg
        dlg.accepted.connect(self.unlock_view)
        dlg.rejected.connect(self.close)
        dlg.open()  # window-modal, does not block the event loop

    def unlock_view(self) -> None:
        self.is_locked = False
        if self.lock_screen is not None:
            self.lock_screen.hide()
        self.nav.show()
        self.stack.show()
        for page in self.page_protocols():
            page.restore_after_unlock()
        self.idle.timer.start()
        self.unlocked.emit()

    def closeEvent(self, event) -> None:  # noqa: N802
        try:
            self.save_all()
        finally:
            QApplication.instance().removeEventFilter(self.idle)
            super().closeEvent(event)
