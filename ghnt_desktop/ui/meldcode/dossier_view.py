"""One dossier: header, the five steps as tabs, and its history. Alt+1..5 go to a step.

Alt+letters (unique per window; checked by tests/ui_meldcode/test_layout_a11y.py):

- main window: A (Acuut onveilig?), V (Vergrendelen), B, W and H (menus); Alt+1..5: the steps.
- dossier header, on every step: T Terug naar de lijst, G Gegevens wijzigen, M Verslag maken, C Concept melding,
  K Wie werkt eraan, I Wie heeft dit dossier ingezien, S Dossier afsluiten (or heropenen).
- the letters left (D E F J L N O P R U Y Z) are given per step page to its main fields; the other fields are
  reached with Tab, and "Wat nog ontbreekt" (Enter) jumps to the field that is missing. Form buttons have no letter:
  Ctrl+Enter stores the form you are in.

When the screen locks, an open dialog of the dossier is kept as a draft ("dialoog") and comes back, filled in as
it was, when the dossier is shown again (after unlocking, or after a restart through the recovery question).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QStyle, QTabWidget,
                               QVBoxLayout, QWidget)

from ghnt_desktop.domain.meldcode import ontbrekend
from ghnt_desktop.domain.roles import Actie, mag
from ghnt_desktop.errors import UserError
from ghnt_desktop.services import meldcode as svc
from ghnt_desktop.ui.a11y import MessageLabel
from ghnt_desktop.ui.kop import Kop
from ghnt_desktop.ui.meldcode.export_dialog import ExportDialog, choose_path, reporting_function
from ghnt_desktop.ui.meldcode.new_dossier_dialog import NewDossierDialog, betrokkene_tekst
from ghnt_desktop.ui.meldcode.step1_signalen import AcuteRouteDialog, Step1Signalen
from ghnt_desktop.ui.meldcode.step2_consultatie import Step2Consultatie
from ghnt_desktop.ui.meldcode.step3_gesprek import Step3Gesprek
from ghnt_desktop.ui.meldcode.step4_wegen import Step4Wegen
from ghnt_desktop.ui.meldcode.step5_beslissen import Step5Beslissen
from ghnt_desktop.ui.meldcode.timeline import TimelineView
from ghnt_desktop.ui.meldcode.widgets import (FlowLayout, Notice, RecordForm, ScrollBody, StepPage, TextArea,
                                              afwegingen_stap_4, ask_restore, fit_to_screen, html_escape,
                                              profiel_nummering, set_reading_order, widget_at_path, widget_path,
                                              wrap_label)
from ghnt_desktop.ui.messages import confirm, show_error

STAP_NAMEN = {1: "Signalen", 2: "Overleg", 3: "Gesprek", 4: "Wegen", 5: "Beslissen"}


STAP_SCHERMEN = {1: Step1Signalen, 2: Step2Consultatie, 3: Step3Gesprek, 4: Step4Wegen, 5: Step5Beslissen}

#: Which step screen holds the form of each draft key.
DRAFT_STAP = {"signaal": 1, "kindcheck": 1, "consultatie": 2, "gesprek": 3, "niet_gevoerd": 3,
              "afweging_1": 4, "afweging_2": 4, "afweging_3": 5, "afweging_4": 5, "afweging_5": 5,
              "besluit": 5, "melding": 5, "hulp": 5, "terugkoppeling": 5, "overdracht": 5}

#: The draft key of a dialog that was open when the screen locked: {"soort": ..., "waarden": {...}}.
DIALOOG_KEY = "dialoog"

#: The dossier's details take at most this part of its height; more scrolls (200 % text on a laptop).
KOP_DEEL = 0.35


def kop_html(d: Any, gemeenten: dict[str, str]) -> str:
    """The details of a dossier as short lines (facts of a kind together), the people involved as a list."""
    e = html_escape
    sep = "&nbsp;&nbsp;·&nbsp;&nbsp;"
    vormen = ", ".join(sorted(v.label for v in d.vormen)) or "nog niet gekozen"
    regels = [
        sep.join([f"Gemeente: {e(gemeenten.get(d.gemeente_code, d.gemeente_code))}", f"Status: {e(d.status.label)}",
                  f"Huidige stap: {d.huidige_stap} ({STAP_NAMEN.get(d.huidige_stap, '')})", f"Ronde: {d.ronde}"]),
        sep.join([f"Eigenaar: {e(d.eigenaar or '–')}",
                  f"Aandachtsfunctionaris: {e(d.aandachtsfunctionaris or 'nog niet gekozen')}"]),
        f"Vorm van geweld: {e(vormen)}",
    ]
    html = "".join(f'<p style="margin:0">{r}</p>' for r in regels)
    if d.betrokkenen:
        html += ('<p style="margin:0">Betrokkenen:</p><ul style="margin-top:0; margin-bottom:0">'
                 + "".join(f"<li>{e(betrokkene_tekst(b))}</li>" for b in d.betrokkenen) + "</ul>")
    else:
        html += '<p style="margin:0">Betrokkenen: nog niet vastgelegd</p>'
    if d.versnelde_route:
        html += '<p style="margin:0"><b>Versnelde route:</b> acuut gevaar is vastgelegd.</p>'
    return html


class ReasonDialog(QDialog):
    """Ask for a reason (closing or reopening a dossier). Sized for its text, at any text size."""

    def __init__(self, title: str, prompt: str, default: str = "", *, ok_text: str = "B&evestigen", parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        lay = QVBoxLayout(self)
        lab = QLabel(prompt)
        lab.setWordWrap(True)
        lay.addWidget(lab)
        self.reden = TextArea(4)
        self.reden.setPlainText(default)
        self.reden.setAccessibleName(prompt.replace("&", ""))
        lab.setBuddy(self.reden)
        lay.addWidget(self.reden, 1)
        self.error = MessageLabel("Foutmelding", error=True)
        lay.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setAccessibleName(ok_text.replace("&", ""))
        cancel = buttons.addButton("Annu&leren", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAccessibleName("Annuleren")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        fm = self.fontMetrics()
        # wide enough for the title bar and about 60 characters a line; as high as the text needs
        width = max(fm.horizontalAdvance(title) + 160, fm.averageCharWidth() * 60)
        self.setMinimumWidth(min(width, fm.averageCharWidth() * 90))
        fit_to_screen(self, width, 0)
        self.reden.setFocus()

    def _accept(self) -> None:
        if not self.reden.toPlainText().strip():
            self.error.setText("Schrijf de reden op.")
            self.reden.setFocus()
            return
        self.accept()

    def text(self) -> str:
        return self.reden.toPlainText().strip()


class DossierView(QWidget):
    """``ask_restore``: ``None`` asks the user about drafts; ``False`` restores them silently (after unlock);
    a callable ``(datetime) -> bool`` answers the question itself."""

    back_requested = Signal()
    changed = Signal()

    def __init__(self, ws, dossier_id: int, parent=None, *,
                 ask_restore: Callable[[datetime], bool] | bool | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.dossier_id = dossier_id
        self.dossier = None
        self.nummering = profiel_nummering(ws)
        self._locking = False  # the screen is being locked: dialogs close, but what they held is kept
        self._dialog_from_draft = False
        self.setAccessibleName("Dossier")
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.back_button = QPushButton("&Terug naar de lijst")
        self.back_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.back_button.setAccessibleName("Terug naar de lijst")
        self.back_button.setAccessibleDescription("Terug naar de lijst met dossiers")
        self.back_button.clicked.connect(self.back_requested.emit)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        self.title = Kop("", 1)  # "Dossier <reference>": a heading for screen readers
        top.addWidget(self.title, 1)
        lay.addLayout(top)
        # The details and actions of the dossier: one fact a line, not one long sentence. They take at most
        # KOP_DEEL of the height; with large text the rest scrolls, so the step below keeps its room.
        self.kop = ScrollBody("Gegevens van het dossier")  # as high as it needs, at most KOP_DEEL (resizeEvent)
        self.info = wrap_label("", name="Gegevens van het dossier", rich=True)
        self.kop.body.addWidget(self.info)
        self.closed_note = Notice(prefix="Afgesloten", name="Dossier is afgesloten")
        self.kop.body.addWidget(self.closed_note)
        buttons = FlowLayout()
        self.edit_button = self._button(buttons, "&Gegevens wijzigen…", "Gemeente, vorm van geweld, betrokkenen en "
                                        "aandachtsfunctionaris van dit dossier wijzigen", self.edit_header)
        self.report_button = self._button(buttons, "Verslag &maken…", "Een verslag van dit dossier als PDF",
                                          lambda: self.export("verslag"))
        self.concept_button = self._button(buttons, "&Concept melding…", "Een concept van de melding bij Veilig Thuis "
                                           "als PDF", lambda: self.export("concept_melding"))
        self.team_button = self._button(buttons, "Wie wer&kt eraan…", "Wie aan dit dossier werkt: overdragen en "
                                        "collega's toevoegen", self.show_team)
        self.inzage_button = self._button(buttons, "Wie heeft dit dossier &ingezien?", "", self.show_inzage)
        if not self.inzage_available():
            self.inzage_button.hide()  # (never show() a widget that has no parent yet: it would become a window)
        from ghnt_desktop.ui.meldcode.vertrouwelijkheid_dialog import onze_meldcode_knop

        self.onze_meldcode_button = onze_meldcode_knop(ws, self, mnemonic=False)
        buttons.addWidget(self.onze_meldcode_button)
        self.close_button = self._button(buttons, "Dossier af&sluiten…", "", self.close_dossier)
        self.reopen_button = self._button(buttons, "Do&ssier heropenen…", "", self.reopen)
        self.kop.body.addLayout(buttons)
        lay.addWidget(self.kop)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Stappen van de meldcode")
        # step screens are built when first shown (opening a dossier stays quick)
        self._pages: dict[int, StepPage] = {}
        self._timeline_stale = True
        self._holders: dict[int, QWidget] = {}
        for n in range(1, 6):
            holder = QWidget()
            hl = QVBoxLayout(holder)
            hl.setContentsMargins(0, 0, 0, 0)
            self._holders[n] = holder
            self.tabs.addTab(holder, self._tab_text(n, False))
        self.timeline = TimelineView()
        self.tabs.addTab(self.timeline, "Geschiedenis")
        lay.addWidget(self.tabs, 1)
        self.status_label = MessageLabel("Laatste melding")
        self.status_label.hide()
        lay.addWidget(self.status_label)
        self.tabs.currentChanged.connect(self._tab_changed)
        for n in range(1, 6):
            sc = QShortcut(QKeySequence(f"Alt+{n}"), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda n=n: self.go_to_step(n))
        self.reload()
        self.tabs.setCurrentIndex(self.dossier.huidige_stap - 1)
        self._tab_changed(self.tabs.currentIndex())
        set_reading_order(self)
        self.offer_restore(ask_restore)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        """No: the screen is as high as the window gives it, and its parts scroll inside. (A height-for-width
        layout would ask the window's scroll area for the full height of every part, and the whole dossier would
        scroll, steps and all.)"""
        return False

    def resizeEvent(self, event) -> None:  # noqa: N802 - the details never push the step off the screen
        super().resizeEvent(event)
        self.kop.setMaximumHeight(max(self.fontMetrics().lineSpacing() * 3, int(self.height() * KOP_DEEL)))

    # -- step pages ----------------------------------------------------------
    def page(self, n: int) -> StepPage:
        """The screen of step ``n`` (built on first use)."""
        if n not in self._pages:
            p = STAP_SCHERMEN[n](self)
            self._pages[n] = p
            self._holders[n].layout().addWidget(p)
            p.show()  # now, not via the layout's queued show: focus can go there at once
            if self.dossier is not None:
                p.refresh(self.dossier)
            if getattr(self, "kop", None) is not None:
                set_reading_order(self)  # the new page's fields come after the tab bar
        return self._pages[n]

    @property
    def steps(self) -> list[StepPage]:
        """All five step screens (builds the ones not yet shown)."""
        return [self.page(n) for n in range(1, 6)]

    def built_pages(self) -> list[StepPage]:
        return [self._pages[n] for n in sorted(self._pages)]

    step1 = property(lambda self: self.page(1))
    step2 = property(lambda self: self.page(2))
    step3 = property(lambda self: self.page(3))
    step4 = property(lambda self: self.page(4))
    step5 = property(lambda self: self.page(5))

    def _tab_changed(self, index: int) -> None:
        if 0 <= index < 5:
            self.page(index + 1)
        elif self.tabs.widget(index) is self.timeline and self._timeline_stale:
            self.refresh_timeline()

    def draft_stap(self, key: str) -> int | None:
        """The step screen that holds the form of a draft key (afwegingen follow the profile's numbering)."""
        if key in ("afweging_1", "afweging_2") and not afwegingen_stap_4(self.nummering):
            return 5
        return DRAFT_STAP.get(key)

    def form(self, key: str) -> RecordForm | None:
        n = self.draft_stap(key)
        if n is None:
            return None
        return next((f for f in self.page(n).forms if f.key == key), None)

    def _button(self, row, text: str, description: str, slot) -> QPushButton:
        """A header button: its visible text is its name (WCAG 2.5.3); what it does in more words, its
        description."""
        b = QPushButton(text)
        b.setAccessibleName(text.replace("&", "").rstrip("…").strip())
        if description:
            b.setAccessibleDescription(description)
        b.clicked.connect(lambda _checked=False: slot())  # not the "checked" flag as the slot's first argument
        row.addWidget(b)
        return b

    @staticmethod
    def _tab_text(n: int, current: bool) -> str:
        return f"Stap {n} {STAP_NAMEN[n]}" + (" (huidige stap)" if current else "")

    # -- DossierContext ----------------------------------------------------
    def reload(self) -> None:
        d = self.dossier = svc.laad(self.ws, self.dossier_id)
        gemeenten = dict(self.ws.gemeenten())
        self.title.setText(f"Dossier {d.client_referentie}")
        self.info.setText(kop_html(d, gemeenten))
        open_ = d.status.value == "open"
        self.closed_note.set_text("" if open_ else "Dit dossier is afgesloten. Wil je verder? Klik op 'Dossier "
                                                   "heropenen'. Je begint dan opnieuw bij stap 1; alles blijft bewaard.")
        self.close_button.setVisible(open_)
        self.reopen_button.setVisible(not open_)
        for p in self.built_pages():
            p.refresh(d)
        for n in range(1, 6):
            self.tabs.setTabText(n - 1, self._tab_text(n, n == d.huidige_stap and open_))
        self._timeline_stale = True
        if self.tabs.currentWidget() is self.timeline:
            self.refresh_timeline()

    def refresh_timeline(self) -> None:
        """Load the history (only when it is shown: reading it is audited as viewing the dossier)."""
        self.timeline.set_rows(svc.geschiedenis(self.ws, self.dossier_id))
        self._timeline_stale = False

    def record_saved(self, form: RecordForm | None) -> None:
        self.reload()
        self.changed.emit()

    def status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))  # no empty line under the steps

    def show_error(self, exc: BaseException) -> None:
        show_error(self, exc)

    def go_to_step(self, n: int) -> None:
        self.tabs.setCurrentIndex(n - 1)
        page = self.page(n)
        page.verticalScrollBar().setValue(0)
        page.missing.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_current(self) -> None:
        """Keyboard focus on the open tab: the "still missing" list of a step, or the history table."""
        i = self.tabs.currentIndex()
        if 0 <= i < 5:
            self.page(i + 1).missing.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.timeline.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def advance(self, n: int) -> None:
        """"Verder naar stap n+1": never a silent block; missing required items are listed first."""
        d = self.dossier
        nodig = [o.tekst for o in ontbrekend(d, n, afwegingen_stap_4=afwegingen_stap_4(self.nummering))
                 if o.verplicht]
        if nodig:
            extra = (" Er is acuut gevaar vastgelegd: je mag stappen sneller doorlopen of overslaan."
                     if d.versnelde_route else "")
            vraag = (f"Voor stap {n} ontbreekt nog:\n\n" + "\n".join(f"- {t}" for t in nodig)
                     + f"\n\nJe kunt toch verder; wat ontbreekt blijft in de lijst staan.{extra}"
                     f" Toch naar stap {n + 1}?")
            if not confirm(self, "Er ontbreekt nog iets", vraag, yes=f"&Toch naar stap {n + 1}", no="B&lijven"):
                return
        if d.huidige_stap <= n and d.status.value == "open":
            try:
                svc.zet_stap(self.ws, self.dossier_id, n + 1)
            except UserError as exc:
                self.show_error(exc)
                return
            self.record_saved(None)
        self.go_to_step(n + 1)

    def acute_route(self, reden: str, actie: str = "") -> None:
        dlg = AcuteRouteDialog(reden, self, actie=actie)
        self.acute_dialog = dlg
        accepted = dlg.exec() == QDialog.DialogCode.Accepted
        if accepted:
            try:
                svc.voeg_toe(self.ws, self.dossier_id, dlg.record(self.ws.session.naam))
            except UserError as exc:
                self.show_error(exc)
                return
            self.status("Versnelde route vastgelegd. Je mag de stappen sneller doorlopen.")
            self.record_saved(None)
        elif not self._locking:
            self.status("De versnelde route is niet vastgelegd. Is er toch acuut gevaar? Bel 112 of Veilig Thuis "
                        "(0800-2000).")

    def close_dossier(self, reden: str | None = None) -> None:
        """``reden``: what was typed before the screen was locked (the dialog comes back with it)."""
        d = self.dossier
        if reden is None:
            try:
                reden = d.uitkomst().uitleg
            except ValueError:
                reden = ""
        dlg = ReasonDialog("Dossier afsluiten", "&Waarom sluit je het dossier af?", reden,
                           ok_text="Dossier af&sluiten", parent=self)
        dlg.soort = "afsluiten"
        self.reason_dialog = dlg
        accepted = dlg.exec() == QDialog.DialogCode.Accepted
        if not accepted:
            return
        self.save_all()
        try:
            svc.sluit(self.ws, self.dossier_id, dlg.text())
        except UserError as exc:
            self.show_error(exc)
            return
        self.status("Dossier afgesloten.")
        self.record_saved(None)
        self.reopen_button.setFocus()  # the button that was used is gone now

    def reopen(self, reden: str = "") -> None:
        dlg = ReasonDialog("Dossier heropenen", "&Waarom open je het dossier opnieuw? Je begint weer bij stap 1; "
                           "alles wat er al staat, blijft bewaard.", reden, ok_text="Dossier h&eropenen", parent=self)
        dlg.soort = "heropenen"
        self.reason_dialog = dlg
        accepted = dlg.exec() == QDialog.DialogCode.Accepted
        if not accepted:
            return
        try:
            svc.heropen(self.ws, self.dossier_id, dlg.text())
        except UserError as exc:
            self.show_error(exc)
            return
        self.status("Dossier heropend: je begint weer bij stap 1.")
        self.record_saved(None)
        self.go_to_step(1)

    def edit_header(self, state: dict | None = None) -> None:
        dlg = NewDossierDialog(self.ws, self, dossier=self.dossier)
        if state:
            dlg.restore(state)
        self.header_dialog = dlg
        accepted = dlg.exec() == QDialog.DialogCode.Accepted
        if accepted:
            self.status("Gegevens van het dossier opgeslagen.")
            self.record_saved(None)

    # -- export and inzage ---------------------------------------------------
    def export(self, soort: str, state: dict | None = None):
        self.save_all()
        dlg = ExportDialog(soort, self)
        if state:
            dlg.restore(state)
        self.export_dialog = dlg
        accepted = dlg.exec() == QDialog.DialogCode.Accepted
        if not accepted:
            return
        try:
            fn = reporting_function(soort)  # imports the report on the main thread, not on the worker
            path = self.choose_path(soort)
        except UserError as exc:
            self.show_error(exc)
            return None
        if path is None:
            return None
        from ghnt_desktop.ui.operations import run_op

        ws, dossier_id, wachtwoord = self.ws, self.dossier_id, dlg.password()

        def saved(written) -> None:
            self.status(f"Opgeslagen: {written or path}. Let op: dit bestand bevat vertrouwelijke gegevens.")
            self.record_saved(None)

        return run_op(self, dlg.windowTitle(), lambda: fn(ws, dossier_id, path, wachtwoord=wachtwoord), saved,
                      on_error=self.show_error, progress_text="Bezig met het maken van het bestand…",
                      error_title="Bestand niet gemaakt")

    def choose_path(self, soort: str):
        from pathlib import Path

        return choose_path(self, soort, Path.home())

    def inzage_available(self) -> bool:
        return mag(self.ws.session.rollen, Actie.DOSSIER_INZAGELOG)

    def show_team(self, state: dict | None = None) -> None:
        from ghnt_desktop.ui.meldcode.samenwerken_dialog import SamenwerkenDialog

        self.save_all()
        dlg = SamenwerkenDialog(self.ws, self.dossier_id, self)
        if state:
            dlg.restore(state)
        self.team_dialog = dlg
        dlg.exec()
        if not dlg.still_visible:  # handed over without staying in it: back to the list
            self.back_requested.emit()
        elif dlg.changed:
            self.record_saved(None)

    def show_inzage(self) -> None:
        from ghnt_desktop.ui.audit_view import InzageDialog

        dlg = InzageDialog(self.ws, "dossier", self.dossier_id, self)
        self.inzage_dialog = dlg
        dlg.exec()

    # -- drafts ------------------------------------------------------------
    def offer_restore(self, ask: Callable[[datetime], bool] | bool | None) -> None:
        try:
            drafts = svc.concepten(self.ws, self.dossier_id)
        except UserError:
            return
        drafts = {k: v for k, v in drafts.items() if k in DRAFT_STAP or k == DIALOOG_KEY}
        if not drafts:
            return
        latest = max(ts for _inhoud, ts in drafts.values())
        if ask is False:
            ok = True
        elif ask is None:
            ok = ask_restore(self, latest)
        else:
            ok = ask(latest)
        if ok is None:  # closed without choosing: keep the drafts, ask again next time
            return
        first_page = None
        for key, (inhoud, _ts) in drafts.items():
            if ok and key == DIALOOG_KEY:
                QTimer.singleShot(0, self, lambda inhoud=inhoud: self.reopen_dialog(inhoud.get("soort", ""),
                                                                                  inhoud.get("waarden") or {}))
            elif ok:
                form = self.form(key)
                if form is None:
                    continue
                form.restore_draft(inhoud)
                page = self.page(self.draft_stap(key))
                if first_page is None or page.nummer < first_page.nummer:
                    first_page = page
            else:
                svc.wis_concept(self.ws, self.dossier_id, key)
        if ok:
            for p in self.built_pages():
                p.update_records(self.dossier)  # forms shown/hidden by their content
            if first_page is not None and ask is not False:
                self.tabs.setCurrentIndex(first_page.nummer - 1)
            self.status("Niet afgemaakte invoer is teruggezet." if ok else "")

    # -- locking ---------------------------------------------------------------
    def open_dialog(self) -> tuple[str, dict] | None:
        """The dialog of this dossier that is open now, and what was typed or chosen in it."""
        kinds = {"header_dialog": "kop", "team_dialog": "samenwerken", "acute_dialog": "acuut"}
        for attr in ("reason_dialog", "header_dialog", "export_dialog", "team_dialog", "acute_dialog"):
            dlg = getattr(self, attr, None)
            if dlg is None or not dlg.isVisible():
                continue
            if attr == "reason_dialog":
                return dlg.soort, {"reden": dlg.reden.toPlainText()}
            if attr == "export_dialog":
                return f"export_{dlg.soort}", dlg.lock_state()
            return kinds[attr], dlg.lock_state()
        vt = getattr(self._pages.get(4), "vt_dialog", None)
        if vt is not None and vt.isVisible():
            return "vt_advies", vt.lock_state()
        return None

    def keep_for_lock(self) -> None:
        """The screen is about to lock: keep an open dialog as a draft (it comes back when the dossier shows again,
        also after a restart), and let dialogs that close now keep what they held."""
        self._locking = True
        found = self.open_dialog()
        if found is None:
            return
        soort, waarden = found
        try:
            svc.bewaar_concept(self.ws, self.dossier_id, DIALOOG_KEY, {"soort": soort, "waarden": waarden})
        except UserError:
            pass

    def reopen_dialog(self, soort: str, waarden: dict[str, Any]) -> None:
        """Show a dialog again as it was when the screen locked; its draft goes once it is closed."""
        self._dialog_from_draft = True
        open_ = self.dossier.status.value == "open"
        try:
            if soort == "afsluiten" and open_:
                self.close_dossier(waarden.get("reden", ""))
            elif soort == "heropenen" and not open_:
                self.reopen(waarden.get("reden", ""))
            elif soort == "kop":
                self.edit_header(waarden)
            elif soort.startswith("export_") and soort[len("export_"):] in ("verslag", "concept_melding"):
                self.export(soort[len("export_"):], waarden)
            elif soort == "samenwerken":
                self.show_team(waarden)
            elif soort == "acuut":
                self.acute_route(waarden.get("reden", ""), waarden.get("actie", ""))
            elif soort == "vt_advies":
                self.tabs.setCurrentIndex(3)
                self.page(4).ask_veilig_thuis(waarden)
        finally:
            if not self._locking and self._dialog_from_draft:
                self._dialog_from_draft = False
                try:
                    svc.wis_concept(self.ws, self.dossier_id, DIALOOG_KEY)
                except UserError:
                    pass

    def position(self) -> dict[str, Any]:
        """Which step, how far scrolled and which field: to come back to the same place after unlocking."""
        i = self.tabs.currentIndex()
        page = self._pages.get(i + 1)
        return {"tab": i, "scroll": page.verticalScrollBar().value() if page is not None else 0,
                "focus": widget_path(self.focusWidget(), self)}

    def restore_position(self, pos: dict[str, Any], tries: int = 5) -> None:
        """Back to ``position()``: the step, the scroll position (once the page has its height) and the field."""
        self.tabs.setCurrentIndex(pos.get("tab", self.tabs.currentIndex()))
        page = self._pages.get(self.tabs.currentIndex() + 1)
        if page is not None:
            bar = page.verticalScrollBar()
            if bar.maximum() < pos.get("scroll", 0) and tries > 0:  # not laid out yet
                QTimer.singleShot(20, self, lambda: self.restore_position(pos, tries - 1))
                return
            bar.setValue(pos.get("scroll", 0))
        w = widget_at_path(self, pos.get("focus"))
        if w is not None and w.isVisibleTo(self) and w.isEnabled():
            w.setFocus(Qt.FocusReason.OtherFocusReason)
            if page is not None and page.isAncestorOf(w):
                top = w.mapTo(page.widget(), w.rect().topLeft()).y()
                shown = page.verticalScrollBar().value()
                if not shown <= top < shown + page.viewport().height():
                    page.ensureWidgetVisible(w)  # only when the field is not in view where it was

    def save_all(self) -> None:
        for p in self.built_pages():
            p.save_all()
        for name in ("header_dialog",):
            dlg = getattr(self, name, None)
            if dlg is not None and dlg.isVisible() and hasattr(dlg, "flush"):
                dlg.flush()
