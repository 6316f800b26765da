"""One opened zelfscan: answering, results, comparison, participants and status.

Status: concept → ingevuld → vastgesteld (and ingevuld → concept). A vastgestelde scan is read-only;
"Heropenen…" asks for a reason and makes a new version (the old one stays as it was).
F11 switches to the presentation view (large text) and back.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QMessageBox, QPlainTextEdit,
                               QPushButton, QStackedWidget, QTabWidget, QVBoxLayout, QWidget)

from ghnt_desktop.domain.roles import Actie
from ghnt_desktop.domain.zelfscan import MAX_HEROPEN_REDEN, ScanStatus
from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.messages import show_error
from ghnt_desktop.ui.zelfscan.answer_view import AnswerView, add_shortcut
from ghnt_desktop.ui.zelfscan.common import CatalogNotice, datum, gemeenten_text, may, team_type_label
from ghnt_desktop.ui.zelfscan.comparison_view import PreviousComparisonView
from ghnt_desktop.ui.zelfscan.exchange import ExportDialog
from ghnt_desktop.ui.zelfscan.new_scan_dialog import ParticipantsEditor
from ghnt_desktop.ui.zelfscan.presentation_view import PresentationView
from ghnt_desktop.ui.zelfscan.results_view import ResultsView

TAB_ANSWERS, TAB_RESULTS, TAB_COMPARISON, TAB_DETAILS = range(4)


class ReopenDialog(QDialog):
    """Ask why a vastgestelde scan is reopened (required)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Zelfscan heropenen")
        self.setAccessibleName("Zelfscan heropenen")
        lay = QVBoxLayout(self)
        text = QLabel("Je maakt een nieuwe versie van deze zelfscan. De vastgestelde versie blijft bewaard zoals "
                      "hij is. Schrijf op waarom je de zelfscan heropent.")
        text.setWordWrap(True)
        lay.addWidget(text)
        label = QLabel("&Reden:")
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setAccessibleName("Reden voor heropenen")
        label.setBuddy(self.reason_edit)
        lay.addWidget(label)
        lay.addWidget(self.reason_edit)
        self.error = QLabel()
        self.error.setObjectName("foutmelding")
        self.error.setWordWrap(True)
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton("&Heropenen", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setAccessibleName("Heropenen")
        self.ok_button.setEnabled(False)
        self.reason_edit.textChanged.connect(
            lambda: self.ok_button.setEnabled(bool(self.reason_edit.toPlainText().strip())))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def _check(self) -> None:
        if not self.reason():
            self.error.setText("Schrijf eerst op waarom je de zelfscan heropent.")
            return
        if len(self.reason()) > MAX_HEROPEN_REDEN:
            self.error.setText(f"De reden is te lang. Gebruik hoogstens {MAX_HEROPEN_REDEN} tekens.")
            return
        self.accept()


class ScanView(QWidget):
    back_requested = Signal()
    #: show this scan (again): after a status change, or the new version after heropenen
    open_requested = Signal(int)
    #: something changed that the list of scans shows
    changed = Signal()

    def __init__(self, ws, svc, scan_id: int, parent=None) -> None:
        super().__init__(parent)
        self.ws, self.svc, self.scan_id = ws, svc, scan_id
        self.scan, self.catalogus = svc.laad_scan(ws, scan_id)
        self.info = svc.scan_info(ws, scan_id)
        self.dialog: QWidget | None = None  # the dialog open right now (for tests)
        self.read_only = not self.info.bewerkbaar
        self._previous_window_state = None
        self.setAccessibleName(f"Zelfscan {self.scan.team_naam}")
        self._build()
        add_shortcut(self, "F11", self.toggle_presentation)

    # --- construction ---------------------------------------------------------------------------
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        s, i = self.scan, self.info
        head = QLabel()
        head.setWordWrap(True)
        head.setAccessibleName("Gegevens van de zelfscan")
        extra = " · ingelezen uit een bestand" if i.geimporteerd else ""
        head.setText(
            f"<h2>Zelfscan {html.escape(s.team_naam)}</h2>"
            + ("Zelfscan van de gemeente: alleen de standaarden voor de gemeente" if s.is_gemeentescan else
               f"{html.escape(team_type_label(s.team_type))} · Gemeenten: {html.escape(gemeenten_text(s.gemeenten))}")
            + f"<br>Peildatum: {datum(s.peildatum)} · Versie {s.versie} · Status: <b>{s.status.label}</b>"
            + (f" (op {datum(s.vastgesteld_op)})" if s.vastgesteld_op else "") + html.escape(extra))
        self.header = head
        lay.addWidget(head)
        self.catalog_notice = CatalogNotice(prefix="Kwaliteitskader van deze zelfscan", remark=False)
        self.catalog_notice.set_catalog(self.catalogus)
        lay.addWidget(self.catalog_notice)
        self.read_only_label = QLabel()
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setAccessibleName("Alleen lezen")
        if i.geimporteerd:
            self.read_only_label.setText("Deze zelfscan is ingelezen uit een bestand. Je kunt hem bekijken en "
                                         "vergelijken, maar niet wijzigen.")
        elif s.status is ScanStatus.VASTGESTELD:
            self.read_only_label.setText("Deze zelfscan is vastgesteld. Je kunt niets meer wijzigen. Wil je toch "
                                         "iets aanpassen? Kies 'Heropenen'; dan komt er een nieuwe versie.")
        lay.addWidget(self.read_only_label)
        self.read_only_label.setVisible(self.read_only)

        buttons = QHBoxLayout()
        self.header_widgets = [self.header, self.catalog_notice, self.read_only_label]
        self.back_button = self._button("&Naar overzicht", "Terug naar het overzicht van zelfscans",
                                        self._back, buttons)
        self.presentation_button = self._button("Presentatie (F11)", "Presentatie met grote letters",
                                                self.toggle_presentation, buttons)
        buttons.addStretch(1)
        self.ingevuld_button = self._button("Markeer als &ingevuld", "Markeer als ingevuld",
                                            lambda: self.set_status(ScanStatus.INGEVULD), buttons)
        self.concept_button = self._button("Terug naar &concept", "Terug naar concept",
                                           lambda: self.set_status(ScanStatus.CONCEPT), buttons)
        self.vaststellen_button = self._button("Vast&stellen…", "Vaststellen", self.ask_vaststellen, buttons)
        self.heropen_button = self._button("Her&openen…", "Heropenen", self.ask_reopen, buttons)
        self.export_button = self._button("E&xporteren…", "Exporteren", self.ask_export, buttons)
        lay.addLayout(buttons)
        st = s.status
        self.ingevuld_button.setVisible(st is ScanStatus.CONCEPT and not self.read_only)
        self.concept_button.setVisible(st is ScanStatus.INGEVULD and not self.read_only)
        self.vaststellen_button.setVisible(st is ScanStatus.INGEVULD and may(self.ws, Actie.ZELFSCAN_VASTSTELLEN))
        self.heropen_button.setVisible(st is ScanStatus.VASTGESTELD and not i.geimporteerd
                                       and may(self.ws, Actie.ZELFSCAN_VASTSTELLEN))
        self.export_button.setVisible(st is ScanStatus.VASTGESTELD and may(self.ws, Actie.ZELFSCAN_UITWISSELEN))

        self.stack = QStackedWidget()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Onderdelen van de zelfscan")
        self.answer_view = AnswerView(self.ws, self.svc, self.scan_id, self.scan, self.catalogus)
        self.answer_view.set_read_only(self.read_only)
        self.results_view = ResultsView(self.catalogus)
        self.comparison_view = PreviousComparisonView(self.ws, self.svc, self.scan_id, self.catalogus)
        self.details = self._build_details()
        self.tabs.addTab(self.answer_view, "Beantwoor&den")
        self.tabs.addTab(self.results_view, "Res&ultaten")
        self.tabs.addTab(self.comparison_view, "Verge&lijken")
        self.tabs.addTab(self.details, "Deelne&mers en status")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.stack.addWidget(self.tabs)
        self.presentation = PresentationView(self.answer_view)
        self.presentation.close_requested.connect(self.toggle_presentation)
        self.stack.addWidget(self.presentation)
        lay.addWidget(self.stack, 1)
        self.answer_view.answers_saved.connect(self.changed.emit)

    def _button(self, text: str, name: str, slot, layout) -> QPushButton:
        b = QPushButton(text)
        b.setAccessibleName(name)
        b.clicked.connect(slot)
        layout.addWidget(b)
        return b

    def _build_details(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        label = QLabel("<b>Deelnemers</b> (namen zijn niet verplicht)")
        lay.addWidget(label)
        self.participants = ParticipantsEditor()
        self.participants.set_deelnemers(self.scan.deelnemers)
        self.participants.set_read_only(self.read_only)
        label.setBuddy(self.participants.rol_combo)
        lay.addWidget(self.participants)
        row = QHBoxLayout()
        self.save_participants_button = QPushButton("Deelnemers o&pslaan")
        self.save_participants_button.setAccessibleName("Deelnemers opslaan")
        self.save_participants_button.clicked.connect(self.save_participants)
        self.save_participants_button.setEnabled(False)
        self.participants.changed.connect(lambda: self.save_participants_button.setEnabled(True))
        row.addWidget(self.save_participants_button)
        self.participants_status = QLabel()
        self.participants_status.setAccessibleName("Deelnemers opgeslagen")
        row.addWidget(self.participants_status, 1)
        lay.addLayout(row)
        self.save_participants_button.setVisible(not self.read_only)
        lay.addWidget(QLabel("<b>Versies van deze zelfscan</b>"))
        self.versions_label = QLabel()
        self.versions_label.setWordWrap(True)
        self.versions_label.setAccessibleName("Versies van deze zelfscan")
        self.versions_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.versions_label)
        lay.addStretch(1)
        self._fill_versions()
        return w

    def _fill_versions(self) -> None:
        try:
            versies = self.svc.versies(self.ws, self.scan_id)
        except UserError as exc:
            self.versions_label.setText(html.escape(str(exc)))
            return
        lines = []
        for v in versies:
            line = f"Versie {v.versie}: {v.status.label}"
            if v.vastgesteld_op:
                line += f" op {datum(v.vastgesteld_op)}"
            if v.heropen_reden:
                line += f" · heropend omdat: {v.heropen_reden}"
            if v.id == self.scan_id:
                line += " (deze versie)"
            lines.append(html.escape(line))
        self.versions_label.setText("<br>".join(lines))

    # --- tabs -------------------------------------------------------------------------------------
    def _tab_changed(self, index: int) -> None:
        if index == TAB_RESULTS:
            self.refresh_results()
        elif index == TAB_COMPARISON:
            self.answer_view.flush()
            self.comparison_view.refresh()

    def refresh_results(self) -> None:
        self.answer_view.flush()
        try:
            self.results_view.show_result(self.svc.resultaat(self.ws, self.scan_id),
                                          self.svc.verbeterpunten(self.ws, self.scan_id))
        except UserError as exc:
            show_error(self, exc)

    # --- presentation -----------------------------------------------------------------------------
    @property
    def presenting(self) -> bool:
        return self.stack.currentIndex() == 1

    def toggle_presentation(self) -> None:
        win = self.window()
        if not self.presenting:
            self.tabs.setCurrentIndex(TAB_ANSWERS)
            self._header_visible = [w.isVisibleTo(self) for w in self.header_widgets]
            for w in self.header_widgets:  # room for large text; the presentation shows the catalogue itself
                w.hide()
            self.stack.setCurrentIndex(1)
            self.presentation.refresh()
            self.presentation.setFocus()
            if win is not self and win.isVisible():
                self._previous_window_state = win.windowState()
                win.setWindowState(win.windowState() | Qt.WindowState.WindowFullScreen)
        else:
            for w, visible in zip(self.header_widgets, getattr(self, "_header_visible", [])):
                w.setVisible(visible)
            self.stack.setCurrentIndex(0)
            if self._previous_window_state is not None and win is not self:
                win.setWindowState(self._previous_window_state)
                self._previous_window_state = None
            self.answer_view.standard_list.setFocus()

    def hideEvent(self, event) -> None:  # noqa: N802
        # leaving the screen (another module, lock) ends the presentation and its full screen
        if not event.spontaneous() and self.presenting:
            self.toggle_presentation()
        super().hideEvent(event)

    # --- status ---------------------------------------------------------------------------------
    def flush(self) -> None:
        self.answer_view.flush()

    def _back(self) -> None:
        if self.presenting:
            self.toggle_presentation()
        self.flush()
        self.back_requested.emit()

    def set_status(self, status: ScanStatus) -> bool:
        self.flush()
        if self.answer_view.pending:
            show_error(self, UserError("Niet alle antwoorden zijn opgeslagen. Kijk bij 'Beantwoorden' wat er "
                                       "mis is en probeer het daarna opnieuw."))
            return False
        try:
            self.svc.zet_status(self.ws, self.scan_id, status)
        except UserError as exc:
            show_error(self, exc, title="De status is niet veranderd")
            if not self.answer_view.progress_counts().compleet:  # show where to continue
                self.tabs.setCurrentIndex(TAB_ANSWERS)
                self.answer_view.go_to(self.answer_view.first_open())
                self.answer_view.standard_list.setFocus()
            return False
        self.changed.emit()
        self.open_requested.emit(self.scan_id)
        return True

    def _dialog_closed(self, _result=None) -> None:
        """Give the keyboard back to the main window (not every platform does that by itself)."""
        self.dialog = None
        win = self.window()
        QTimer.singleShot(0, win.activateWindow)

    def ask_vaststellen(self) -> None:
        self.flush()
        box = QMessageBox(QMessageBox.Icon.Question, "Zelfscan vaststellen",
                          "Na het vaststellen kan niemand de antwoorden meer veranderen. Wil je later toch iets "
                          "aanpassen, dan heropen je de zelfscan en komt er een nieuwe versie.\n\n"
                          "Wil je de zelfscan nu vaststellen?", QMessageBox.StandardButton.NoButton, self)
        box.setAccessibleName("Zelfscan vaststellen")
        yes = box.addButton("Ja, &vaststellen", QMessageBox.ButtonRole.YesRole)
        no = box.addButton("&Nee, nog niet", QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done(_result) -> None:
            self._dialog_closed()
            if box.clickedButton() is yes:
                self.set_status(ScanStatus.VASTGESTELD)

        box.finished.connect(done)
        self.dialog = box
        box.open()

    def ask_reopen(self) -> None:
        dlg = ReopenDialog(self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            try:
                new_id = self.svc.heropen(self.ws, self.scan_id, dlg.reason())
            except UserError as exc:
                show_error(self, exc, title="De zelfscan is niet heropend")
                return
            self.changed.emit()
            self.open_requested.emit(new_id)

        dlg.accepted.connect(accepted)
        dlg.finished.connect(self._dialog_closed)
        self.dialog = dlg
        dlg.open()

    def ask_export(self) -> None:
        dlg = ExportDialog(self.ws, self.svc, self.info, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(self._dialog_closed)
        self.dialog = dlg
        dlg.open()

    def save_participants(self) -> None:
        try:
            self.svc.zet_deelnemers(self.ws, self.scan_id, self.participants.deelnemers())
        except UserError as exc:
            show_error(self, exc, title="De deelnemers zijn niet opgeslagen")
            return
        self.save_participants_button.setEnabled(False)
        n = len(self.participants.deelnemers())
        self.participants_status.setText(f"Opgeslagen: {n} deelnemer{'s' if n != 1 else ''}.")
        self.changed.emit()


__all__ = ["ScanView", "ReopenDialog"]
