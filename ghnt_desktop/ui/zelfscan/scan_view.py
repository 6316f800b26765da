"""One opened zelfscan: answering, results, comparison, participants and status.

Status: concept → ingevuld → vastgesteld (and ingevuld → concept). A vastgestelde scan is read-only;
"Heropenen…" asks for a reason and makes a new version (the old one stays as it was).
F11 switches to the presentation view (large text) and back.
"""
from __future__ import annotations

import html

from datetime import date

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QPushButton,
                               QTabWidget, QVBoxLayout, QWidget)

from ghnt_desktop.domain import datum as datumregels
from ghnt_desktop.domain.roles import Actie
from ghnt_desktop.domain.zelfscan import MAX_HEROPEN_REDEN, ScanStatus
from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.a11y import MessageLabel
from ghnt_desktop.ui.datum_veld import DatumVeld
from ghnt_desktop.ui.messages import show_error
from ghnt_desktop.ui.zelfscan.answer_view import AnswerView, add_shortcut
from ghnt_desktop.ui.zelfscan.common import (CatalogNotice, CurrentStack, FlowLayout, datum, gemeenten_text,
                                             instant_mnemonics, may, scroll_page, team_type_label)
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
        self.error = MessageLabel("Foutmelding", error=True)
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton("&Heropenen", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setEnabled(False)
        self.reason_edit.textChanged.connect(
            lambda: self.ok_button.setEnabled(bool(self.reason_edit.toPlainText().strip())))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        instant_mnemonics(self)

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


class VaststellenDialog(QDialog):
    """Ask before vaststellen, with the day it was vastgesteld (default today; e.g. the team meeting last week):
    not before the peildatum and not in the future."""

    def __init__(self, peildatum: date, parent=None, *, vandaag=date.today) -> None:
        super().__init__(parent)
        self.setWindowTitle("Zelfscan vaststellen")
        self.setAccessibleName("Zelfscan vaststellen")
        lay = QVBoxLayout(self)
        text = QLabel("Na het vaststellen kan niemand de antwoorden meer veranderen. Wil je later toch iets "
                      "aanpassen, dan heropen je de zelfscan en komt er een nieuwe versie.\n\n"
                      "Wil je de zelfscan nu vaststellen?")
        text.setWordWrap(True)
        lay.addWidget(text)
        today = vandaag()
        grenzen = datumregels.Grenzen(
            minimum=min(peildatum, today), maximum=today,
            reden_min=f"De zelfscan kan niet vóór de peildatum ({datumregels.formatteer(peildatum)}) zijn "
                      "vastgesteld.",
            reden_max="De dag van vaststellen kan niet in de toekomst liggen.")
        self.date_edit = DatumVeld("Vastgesteld op", verplicht=True, waarde=today, grenzen=grenzen, vandaag=vandaag)
        form = QFormLayout()
        label = QLabel("Vastgesteld &op:")
        label.setBuddy(self.date_edit.edit)  # the typing field (the date widget itself takes no focus)
        form.addRow(label, self.date_edit)
        lay.addLayout(form)
        self.error = MessageLabel("Foutmelding", error=True)
        lay.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.yes_button = buttons.addButton("Ja, &vaststellen", QDialogButtonBox.ButtonRole.AcceptRole)
        self.no_button = buttons.addButton("&Nee, nog niet", QDialogButtonBox.ButtonRole.RejectRole)
        self.yes_button.setAutoDefault(False)
        self.no_button.setDefault(True)  # Enter is the safe choice
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        instant_mnemonics(self)

    def vastgesteld_op(self) -> date | None:
        return self.date_edit.value()

    def _check(self) -> None:
        if not self.date_edit.is_valid():
            self.error.setText(self.date_edit.problem() or "Vul de datum van vaststellen in.")
            self.date_edit.setFocus()
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
        self.last_dialog: QWidget | None = None  # the last message shown (for tests)
        self.read_only = not self.info.bewerkbaar
        self._previous_window_state = None
        self.setAccessibleName(f"Zelfscan {self.scan.team_naam}")
        self._build()
        add_shortcut(self, "F11", self.toggle_presentation)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        """Keep the wrapped header's height-for-width to this view: a scroll area around the screen would
        otherwise size the whole view by its preferred height (nested scrolling, the answers pushed down).
        The view fits any window itself: its tabs scroll inside."""
        return False

    # --- construction ---------------------------------------------------------------------------
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        s, i = self.scan, self.info
        # the header: in full, or (when it would take more than a third of the height, e.g. 200 % text on a
        # laptop) in one short paragraph that still says the status and the werkversie warning
        self.header_box = QWidget()
        hl = QVBoxLayout(self.header_box)
        hl.setContentsMargins(0, 0, 0, 0)
        head = QLabel()
        head.setWordWrap(True)
        head.setAccessibleDescription("Gegevens van de zelfscan")
        extra = " · ingelezen uit een bestand" if i.geimporteerd else ""
        head.setText(
            f"<b style='font-size:large'>Zelfscan {html.escape(s.team_naam)}</b><br>"
            + ("Zelfscan van de gemeente: alleen de standaarden voor de gemeente" if s.is_gemeentescan else
               f"{html.escape(team_type_label(s.team_type))} · Gemeenten: {html.escape(gemeenten_text(s.gemeenten))}")
            + f" · Peildatum: {datum(s.peildatum)} · Versie {s.versie} · Status: <b>{s.status.label}</b>"
            + (f" (op {datum(s.vastgesteld_op)})" if s.vastgesteld_op else "") + html.escape(extra))
        self.header = head
        hl.addWidget(head)
        # the catalogue and the werkversie warning, once
        self.catalog_notice = CatalogNotice(prefix="Kwaliteitskader van deze zelfscan", remark=False)
        self.catalog_notice.set_catalog(self.catalogus)
        hl.addWidget(self.catalog_notice)
        self.read_only_label = QLabel()
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setAccessibleDescription("Alleen lezen")
        if i.geimporteerd:
            self.read_only_label.setText("Deze zelfscan is ingelezen uit een bestand. Je kunt hem bekijken en "
                                         "vergelijken, maar niet wijzigen.")
        elif s.status is ScanStatus.VASTGESTELD:
            self.read_only_label.setText("Deze zelfscan is vastgesteld. Je kunt niets meer wijzigen. Wil je toch "
                                         "iets aanpassen? Kies 'Heropenen'; dan komt er een nieuwe versie.")
        hl.addWidget(self.read_only_label)
        self.read_only_label.setVisible(self.read_only)
        self.compact_header = QLabel()
        self.compact_header.setWordWrap(True)
        self.compact_header.setAccessibleDescription("Gegevens van de zelfscan, kort")
        compact = f"<b>Zelfscan {html.escape(s.team_naam)}</b> · Peildatum {datum(s.peildatum)} · {s.status.label}"
        if self.read_only:
            compact += " · alleen lezen"
        if not self.catalogus.officieel:
            compact += " · <b>Let op: werkversie, niet de officiële tekst van de VNG.</b>"
        self.compact_header.setText(compact)
        self.compact_header.setToolTip(self.catalog_notice.plain)
        self.compact_header.hide()
        hl.addWidget(self.compact_header)
        self.compact = False
        lay.addWidget(self.header_box)

        buttons = FlowLayout()
        self.header_widgets = [self.header_box]
        self.back_button = self._button("&Naar overzicht", "Terug naar het overzicht van zelfscans",
                                        self._back, buttons)
        self.presentation_button = self._button("Presentatie (F11)", "Presentatie met grote letters",
                                                self.toggle_presentation, buttons)
        self.ingevuld_button = self._button("Markeer als &ingevuld", "Alle standaarden zijn beantwoord",
                                            lambda: self.set_status(ScanStatus.INGEVULD), buttons)
        self.concept_button = self._button("Terug naar &concept", "Status terug naar concept",
                                           lambda: self.set_status(ScanStatus.CONCEPT), buttons)
        self.vaststellen_button = self._button("Vast&stellen…", "Zelfscan vaststellen", self.ask_vaststellen, buttons)
        self.heropen_button = self._button("Her&openen…", "Een nieuwe versie maken", self.ask_reopen, buttons)
        self.export_button = self._button("E&xporteren…", "Zelfscan naar een bestand schrijven", self.ask_export,
                                          buttons)
        lay.addLayout(buttons)
        st = s.status
        self.ingevuld_button.setVisible(st is ScanStatus.CONCEPT and not self.read_only)
        self.concept_button.setVisible(st is ScanStatus.INGEVULD and not self.read_only)
        self.vaststellen_button.setVisible(st is ScanStatus.INGEVULD and may(self.ws, Actie.ZELFSCAN_VASTSTELLEN))
        self.heropen_button.setVisible(st is ScanStatus.VASTGESTELD and not i.geimporteerd
                                       and may(self.ws, Actie.ZELFSCAN_VASTSTELLEN))
        self.export_button.setVisible(st is ScanStatus.VASTGESTELD and may(self.ws, Actie.ZELFSCAN_UITWISSELEN))

        self.stack = CurrentStack()
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
        instant_mnemonics(self)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_header()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_header()

    def _fit_header(self) -> None:
        """The full header when it takes at most a third of the height, else the short one (same facts that
        matter while answering: which scan, its status, the werkversie warning)."""
        width = self.header_box.width() or self.width()
        if width <= 0 or self.height() <= 0:
            return
        full = [self.header, self.catalog_notice] + ([self.read_only_label] if self.read_only else [])
        need = sum(w.heightForWidth(width) for w in full)
        compact = need > self.height() / 3
        if compact != self.compact or self.compact_header.isVisible() != compact:
            self.compact = compact
            for w in full:
                w.setVisible(not compact)
            self.compact_header.setVisible(compact)

    def _button(self, text: str, description: str, slot, layout) -> QPushButton:
        b = QPushButton(text)
        b.setAccessibleDescription(description)  # the name stays the visible text (WCAG 2.5.3)
        b.clicked.connect(slot)
        layout.addWidget(b)
        return b

    def _build_details(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        label = QLabel("<b>Deelnemers</b> (namen zijn niet verplicht; wat je toevoegt of weghaalt, wordt meteen "
                       "opgeslagen)")
        label.setWordWrap(True)
        lay.addWidget(label)
        self.participants = ParticipantsEditor()
        self.participants.set_deelnemers(self.scan.deelnemers)
        self.participants.set_read_only(self.read_only)
        label.setBuddy(self.participants.rol_combo)
        lay.addWidget(self.participants)
        # participants save themselves, like answers
        self.participants.changed.connect(self.save_participants)
        self._participants_unsaved = False
        self.participants_status = MessageLabel("Deelnemers")
        lay.addWidget(self.participants_status)
        versions_title = QLabel("<b>Versies van deze zelfscan</b>")
        lay.addWidget(versions_title)
        self.versions_label = QLabel()
        self.versions_label.setWordWrap(True)
        self.versions_label.setAccessibleDescription("Versies van deze zelfscan")
        self.versions_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.versions_label)
        lay.addStretch(1)
        self._fill_versions()
        return scroll_page(w)

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
        if self._participants_unsaved:
            self.save_participants()

    def _back(self) -> None:
        if self.presenting:
            self.toggle_presentation()
        self.flush()
        self.back_requested.emit()

    def set_status(self, status: ScanStatus, *, vastgesteld_op: date | None = None) -> bool:
        self.flush()
        if self.answer_view.pending:
            show_error(self, UserError("Niet alle antwoorden zijn opgeslagen. Kijk bij 'Beantwoorden' wat er "
                                       "mis is en probeer het daarna opnieuw."))
            return False
        try:
            if vastgesteld_op is not None and vastgesteld_op != date.today():
                self.svc.zet_status(self.ws, self.scan_id, status, vastgesteld_op=vastgesteld_op)
            else:
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
        dlg = VaststellenDialog(self.scan.peildatum, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            self.set_status(ScanStatus.VASTGESTELD, vastgesteld_op=dlg.vastgesteld_op())

        dlg.accepted.connect(accepted)
        dlg.finished.connect(self._dialog_closed)
        self.dialog = dlg
        dlg.open()

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
        """Store the participants now (after every addition or removal). On a problem what was entered stays
        in the list and is stored with the next change, or when the screen is left or locked."""
        if self.read_only:
            return
        try:
            self.svc.zet_deelnemers(self.ws, self.scan_id, self.participants.deelnemers())
        except UserError as exc:
            self._participants_unsaved = True
            self.participants_status.error = True
            self.participants_status.setObjectName("foutmelding")
            self.participants_status.style().polish(self.participants_status)
            self.participants_status.setText(f"De deelnemers zijn niet opgeslagen: {exc}")
            return
        self._participants_unsaved = False
        if self.participants_status.error:
            self.participants_status.error = False
            self.participants_status.setObjectName("")
            self.participants_status.style().polish(self.participants_status)
        n = len(self.participants.deelnemers())
        self.participants_status.setText(f"Opgeslagen: {n} deelnemer{'s' if n != 1 else ''}.")
        self.changed.emit()


__all__ = ["ScanView", "ReopenDialog", "VaststellenDialog"]
