"""Main window: navigation, the always-visible "Acuut onveilig?" control, lock, text size.

Layout at any text size: the header wraps the user's name, the navigation and the screen share a splitter,
and every module screen sits in a scroll area, so the window's minimum size stays within a 1366×768 screen
at 200 % text (a screen wider or taller than the window scrolls instead of pushing the window off-screen).
Window size and splitter positions are remembered per account in ``weergave.ini`` in the data dir
(:class:`WindowMemory`: no case content, nothing in the user's profile outside the data dir).
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel, QListWidget, QMainWindow, QPushButton,
                               QScrollArea, QSizePolicy, QSplitter, QStackedWidget, QVBoxLayout, QWidget)

from ghnt_desktop import APP_NAME
from ghnt_desktop.ui import app as app_setup
from ghnt_desktop.ui.a11y import MessageLabel, announce
from ghnt_desktop.ui.acuut_knop import acute_button
from ghnt_desktop.ui.modules import registry, start_key
from ghnt_desktop.ui.pages import Page, as_page

SETTINGS_FILE = "weergave.ini"

DEFAULT_IDLE_MINUTES = 5
# Alt+letters of the window itself; every screen leaves A, B, V and H free. "Beeld" shared Alt+B with "Bestand",
# and its other letters are taken on the screens (L: "&Link" in Meldcodeprofiel), so the menu is "Weerga&ve" and
# Alt+V moves there from the lock button, which has Ctrl+L.
MENU_BESTAND, MENU_WEERGAVE, MENU_HULP = "&Bestand", "Weerga&ve", "&Hulp"


def user_text(ws) -> str:
    rollen = ", ".join(r.label for r in sorted(ws.session.rollen))
    return f"{ws.session.naam} ({rollen})"


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


class WindowMemory:
    """Window geometry and splitter positions per account, in ``weergave.ini`` in the data dir."""

    def __init__(self, ws) -> None:
        self.settings = QSettings(str(ws.data_dir / SETTINGS_FILE), QSettings.Format.IniFormat)
        self.group = f"account-{ws.session.account_id}"

    def _key(self, name: str) -> str:
        return f"{self.group}/{name}"

    def load(self, name: str):
        value = self.settings.value(self._key(name))
        return value if value else None

    def save(self, name: str, value) -> None:
        self.settings.setValue(self._key(name), value)

    def sync(self) -> None:
        self.settings.sync()


class _Nav(QListWidget):
    """The navigation: as wide as its longest title when there is room, narrower (titles wrap) when not."""

    def sizeHint(self):  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        hint.setWidth(self.sizeHintForColumn(0) + 2 * self.frameWidth() + 16)
        return hint

    def minimumSizeHint(self):  # noqa: N802 (Qt name)
        hint = super().minimumSizeHint()
        hint.setWidth(min(self.sizeHint().width(), self.fontMetrics().horizontalAdvance("M") * 9))
        return hint


def _page_scroll(page: QWidget) -> QScrollArea:
    """A module screen in a scroll area: when the window is smaller than the screen needs, it scrolls."""
    from PySide6.QtCore import Qt

    scroll = QScrollArea()
    scroll.setObjectName("paginaRol")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the screen's controls
    scroll.setWidget(page)
    return scroll


class MainWindow(QMainWindow):
    locked = Signal()
    unlocked = Signal()

    def __init__(self, ws, parent=None, *, idle_minutes: float | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.is_locked = False
        self.setWindowTitle(window_title(ws))
        # no accessible name of its own: a screen reader reads the title, with "DEMO" or "OEFENMODUS" in it
        self.memory = WindowMemory(ws)
        central = QWidget()
        outer = QVBoxLayout(central)
        # header: who is working, acute control, lock. The name wraps; the two buttons always stay in view.
        header = QHBoxLayout()
        self.user_label = QLabel(user_text(ws))
        self.user_label.setAccessibleDescription("Ingelogd als")  # the name stays the visible text
        self.user_label.setWordWrap(True)
        self.user_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        header.addWidget(self.user_label, 1)
        self.acute_button = acute_button(self.show_acute, "&Acuut onveilig?")
        header.addWidget(self.acute_button)
        self.lock_button = QPushButton("Vergrendelen")
        self.lock_button.setToolTip("Scherm vergrendelen (Ctrl+L)")
        self.lock_button.setAccessibleDescription("Sneltoets Ctrl+L")
        self.lock_button.clicked.connect(self.lock)
        header.addWidget(self.lock_button)
        outer.addLayout(header)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        self.nav = _Nav()
        self.nav.setAccessibleName("Onderdelen")
        self.nav.setWordWrap(True)
        self.nav.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.stack = QStackedWidget()
        self.modules = [m for m in registry() if m.beschikbaar_voor(ws.session) and m.nodig(ws)]
        self.pages: dict[str, QWidget] = {}  # created on first visit (keeps start-up fast)
        self._protocol: dict[str, Page] = {}  # the same screens through the page protocol (ui.pages)
        for m in self.modules:
            self.nav.addItem(m.titel)
            self.stack.addWidget(QWidget())  # placeholder until the module's screen is built
        start = start_key(ws.session, [m.key for m in self.modules])
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(next((i for i, m in enumerate(self.modules) if m.key == start), 0))
        self.nav.blockSignals(False)
        self.nav.currentRowChanged.connect(self.show_module)
        # The first screen is built right after the window has been painted once (fast start-up).
        # Until then nothing here touches PySide6's ``Qt`` namespace: loading it takes ~30 ms.
        self.first_page_ready = False
        QTimer.singleShot(0, self._build_first_page)
        self.splitter = QSplitter()
        self.splitter.setObjectName("hoofdSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self._nav_width_chosen = False  # the user dragged the splitter: keep their width
        self.splitter.splitterMoved.connect(self._nav_width_moved)
        # after a text size change (ui.app emits fontChanged): the navigation and the status bar fit the new text.
        # A signal, not changeEvent: reading an event's type before the first paint costs ~15 ms (start-up).
        QApplication.instance().fontChanged.connect(self._text_size_changed)
        body.addWidget(self.splitter, 1)
        self.lock_screen: QLabel | None = None  # made at the first lock
        self.body = body
        outer.addLayout(body, 1)
        self.setCentralWidget(central)
        self._make_actions()
        # Status messages: a label in the status bar (its text reaches a screen reader and is announced);
        # a temporary ``statusBar().showMessage(...)`` from elsewhere is announced too.
        self.status_text = MessageLabel("Status")
        self.status_text.setWordWrap(False)  # one line; the status bar does not grow for a long message
        self.status_text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addWidget(self.status_text, 1)
        self.statusBar().setAccessibleName("Statusbalk")
        self.statusBar().messageChanged.connect(self._status_message_changed)
        QLabel.setText(self.status_text,  # not announced: it is there from the start
                       "Let op: het lettertype van de app ontbreekt. Sommige tekens (zoals ĳ) kunnen er anders "
                       "uitzien. Vraag de beheerder om de app opnieuw te installeren." if app_setup.missing_fonts
                       else "Alles wat je invult, wordt vanzelf versleuteld opgeslagen.")
        self.resize(1100, 720)
        geometry = self.memory.load("venster")
        if geometry is not None:
            self.restoreGeometry(geometry)
        minutes = idle_minutes if idle_minutes is not None else DEFAULT_IDLE_MINUTES
        self.idle = IdleWatcher(minutes, self)
        self.idle.idle.connect(self.lock)  # its timer runs from now; input is watched after the first paint

    def _nav_width_moved(self, *_args) -> None:
        self._nav_width_chosen = True

    def _fit_nav(self) -> None:
        """The navigation as wide as its longest title (also after a text size change), unless the user chose a
        width; never more than a third of the window."""
        if self._nav_width_chosen:
            return
        total = sum(self.splitter.sizes()) or self.width()
        nav = min(self.nav.sizeHint().width(), max(total // 3, self.nav.minimumSizeHint().width()))
        self.splitter.setSizes([nav, max(1, total - nav)])

    def show_status(self, text: str) -> None:
        """A message in the status bar, announced to a screen reader."""
        self.statusBar().clearMessage()
        self.status_text.setText(text)

    def _text_size_changed(self, _font=None) -> None:
        QTimer.singleShot(0, self._after_text_size_change)

    def _after_text_size_change(self) -> None:
        import shiboken6

        if not shiboken6.isValid(self):
            return
        self._fit_nav()
        self.statusBar().reformat()  # else it keeps the height of the old text size

    def _status_message_changed(self, text: str) -> None:
        if text:
            announce(self.statusBar(), text)

    def _restore_splitters(self, key: str, root: QWidget) -> None:
        for i, splitter in enumerate(root.findChildren(QSplitter)):
            state = self.memory.load(f"splitter/{key}/{i}")
            if state is not None:
                splitter.restoreState(state)

    def _save_layout(self) -> None:
        self.memory.save("venster", self.saveGeometry())
        if self._nav_width_chosen:  # else the navigation keeps following the text size
            self.memory.save("splitter/hoofd", self.splitter.saveState())
        for key, page in self.pages.items():
            for i, splitter in enumerate(page.findChildren(QSplitter)):
                self.memory.save(f"splitter/{key}/{i}", splitter.saveState())
        self.memory.sync()

    def _build_first_page(self) -> None:
        if self.first_page_ready:
            return
        from PySide6.QtCore import Qt

        # Ctrl+Shift+A also works from dialogs. Until this runs (one event-loop turn after the first
        # paint) no dialog can be open yet, and the default context already covers the main window.
        self.acute_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        app_setup.install_acute_everywhere(QApplication.instance())  # after the first paint (see ui.app)
        self.idle.watch(QApplication.instance())
        state = self.memory.load("splitter/hoofd")
        if state is not None and self.splitter.restoreState(state):
            self._nav_width_chosen = True
        else:
            self._fit_nav()
        if self.modules:
            self.show_module(max(0, self.nav.currentRow()))
            self._focus_page()
        self.first_page_ready = True

    def _focus_page(self) -> None:
        """After login the keyboard starts in the screen (its first control), not on "Acuut onveilig?"."""
        from PySide6.QtCore import Qt

        page = self.pages.get(self.modules[max(0, self.nav.currentRow())].key)
        if page is None:
            return
        w = page.nextInFocusChain()
        while w is not None and w is not page:
            if (page.isAncestorOf(w) and w.isVisibleTo(page) and w.isEnabled()
                    and w.focusPolicy() & Qt.FocusPolicy.TabFocus):
                w.setFocus(Qt.FocusReason.TabFocusReason)
                return
            w = w.nextInFocusChain()

    def show_module(self, row: int) -> None:
        if row < 0:
            return
        m = self.modules[row]
        if m.key not in self.pages:
            page = m.factory(self.ws, self)
            old = self.stack.widget(row)
            self.stack.insertWidget(row, _page_scroll(page))
            self.stack.removeWidget(old)
            old.deleteLater()
            self.pages[m.key] = page
            self._protocol[m.key] = as_page(page, m.titel)
            self._restore_splitters(m.key, page)
        elif self._protocol[m.key].refresh_on_show:
            self._protocol[m.key].refresh()
        self.stack.setCurrentIndex(row)
        from ghnt_desktop.ui.indeling import relayout_scroll_areas

        relayout_scroll_areas(self.stack.currentWidget())  # the text size may have changed while it was hidden

    def switch_workspace(self, new_ws) -> None:
        """Continue with another (restored) workspace: every screen is rebuilt from it."""
        self.ws = new_ws
        self.setWindowTitle(window_title(new_ws))
        current = max(0, self.nav.currentRow())
        for key, page in list(self.pages.items()):
            row = next(i for i, m in enumerate(self.modules) if m.key == key)
            placeholder = QWidget()
            holder = self.stack.widget(row)
            self.stack.insertWidget(row + 1, placeholder)
            self.stack.removeWidget(holder)
            holder.deleteLater()
        self.pages.clear()
        self._protocol.clear()
        self.show_module(current)
        self.show_status("De reservekopie is teruggezet. Je werkt nu verder met de teruggezette gegevens.")

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
        bestand = self.menuBar().addMenu(MENU_BESTAND)
        self.lock_action = self._action("&Vergrendelen", self.lock, "Ctrl+L")
        bestand.addAction(self.lock_action)
        if not self.ws.is_oefen:
            bestand.addAction(self._action("&Oefenmodus openen…", self.open_oefenmodus))
        bestand.addAction(self._action("&Afsluiten", self.close, "Ctrl+Q"))
        beeld = self.menuBar().addMenu(MENU_WEERGAVE)
        beeld.addAction(self._action("Tekst &groter", lambda: self.change_text_size(+1), "Ctrl++"))
        beeld.addAction(self._action("Tekst &kleiner", lambda: self.change_text_size(-1), "Ctrl+-"))
        beeld.addAction(self._action("Tekst &normaal", lambda: self.change_text_size(0), "Ctrl+0"))
        hulp = self.menuBar().addMenu(MENU_HULP)
        self.acute_action = self._action("&Acuut onveilig?", self.show_acute, "Ctrl+Shift+A")
        hulp.addAction(self.acute_action)
        self.shortcuts_action = self._action("&Sneltoetsen", self.show_shortcuts, "F1")
        hulp.addAction(self.shortcuts_action)

    def open_oefenmodus(self) -> None:
        """Start a second window on the separate practice workspace (made on first use)."""
        from ghnt_desktop.ui.oefenmodus import start_oefenmodus

        start_oefenmodus(self.ws.data_dir, self)

    def change_text_size(self, delta: int) -> None:
        app = QApplication.instance()
        size = app_setup.BASE_POINT_SIZE if delta == 0 else app_setup.text_size(app) + delta
        app_setup.set_text_size(app, size)
        self.show_status(f"Tekstgrootte: {round(app_setup.text_size(app) * 100 / app_setup.BASE_POINT_SIZE)} %.")

    def show_acute(self) -> None:
        """The panel, on top of whatever is in front (a modal dialog or the lock screen included)."""
        from ghnt_desktop.ui.acute_dialog import open_acute

        open_acute(self)

    def show_shortcuts(self) -> None:
        from ghnt_desktop.ui.sneltoetsen import SneltoetsenDialog

        dlg = SneltoetsenDialog(self)
        self.shortcuts_dialog = dlg
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
        self.splitter.hide()
        if self.lock_screen is None:
            from PySide6.QtCore import Qt

            self.lock_screen = QLabel("<h2>Vergrendeld</h2><p>Ontgrendel om verder te werken. Is iemand nu in "
                                      "gevaar? Kies <b>Acuut onveilig?</b> (Ctrl+Shift+A).</p>")
            self.lock_screen.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.lock_screen.setWordWrap(True)
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
        dlg.rejected.connect(self.close)  # only after "App afsluiten" was confirmed (see LockUnlockDialog)
        dlg.open()  # window-modal, does not block the event loop

    def unlock_view(self) -> None:
        self.is_locked = False
        if self.lock_screen is not None:
            self.lock_screen.hide()
        self.splitter.show()
        for page in self.page_protocols():
            page.restore_after_unlock()
        self.idle.timer.start()
        self.unlocked.emit()

    def closeEvent(self, event) -> None:  # noqa: N802
        dlg = getattr(self, "unlock_dialog", None)
        if dlg is not None and dlg.isVisible():
            dlg.close_with_window()
        try:
            self.save_all()
            self._save_layout()
        finally:
            QApplication.instance().removeEventFilter(self.idle)
        try:
            QApplication.instance().fontChanged.disconnect(self._text_size_changed)
        except (RuntimeError, TypeError):
            pass
            super().closeEvent(event)
