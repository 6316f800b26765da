"""One dossier: header, the five steps as tabs, and its history. Alt+1..5 go to a step."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout,
                               QWidget)

from ghnt_desktop.domain.meldcode import ontbrekend
from ghnt_desktop.domain.roles import Actie, mag
from ghnt_desktop.errors import UserError
from ghnt_desktop.services import meldcode as svc
from ghnt_desktop.ui.meldcode.export_dialog import ExportDialog, choose_path, reporting_function
from ghnt_desktop.ui.meldcode.new_dossier_dialog import NewDossierDialog, betrokkene_tekst
from ghnt_desktop.ui.meldcode.step1_signalen import AcuteRouteDialog, Step1Signalen
from ghnt_desktop.ui.meldcode.step2_consultatie import Step2Consultatie
from ghnt_desktop.ui.meldcode.step3_gesprek import Step3Gesprek
from ghnt_desktop.ui.meldcode.step4_wegen import Step4Wegen
from ghnt_desktop.ui.meldcode.step5_beslissen import Step5Beslissen
from ghnt_desktop.ui.meldcode.timeline import TimelineView
from ghnt_desktop.ui.meldcode.widgets import (Notice, RecordForm, StepPage, TextArea, afwegingen_stap_4, ask_restore,
                                              html_escape, profiel_nummering, wrap_label)
from ghnt_desktop.ui.messages import confirm, show_error

STAP_NAMEN = {1: "Signalen", 2: "Overleg", 3: "Gesprek", 4: "Wegen", 5: "Beslissen"}


STAP_SCHERMEN = {1: Step1Signalen, 2: Step2Consultatie, 3: Step3Gesprek, 4: Step4Wegen, 5: Step5Beslissen}

#: Which step screen holds the form of each draft key.
DRAFT_STAP = {"signaal": 1, "kindcheck": 1, "consultatie": 2, "gesprek": 3, "niet_gevoerd": 3,
              "afweging_1": 4, "afweging_2": 4, "afweging_3": 5, "afweging_4": 5, "afweging_5": 5,
              "besluit": 5, "melding": 5, "hulp": 5, "terugkoppeling": 5, "overdracht": 5}


class ReasonDialog(QDialog):
    """Ask for a reason (closing or reopening a dossier)."""

    def __init__(self, title: str, prompt: str, default: str = "", *, ok_text: str = "B&evestigen", parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        lay = QVBoxLayout(self)
        lab = QLabel(prompt)
        lab.setWordWrap(True)
        lay.addWidget(lab)
        self.reden = TextArea(3)
        self.reden.setPlainText(default)
        self.reden.setAccessibleName(prompt.replace("&", ""))
        lab.setBuddy(self.reden)
        lay.addWidget(self.reden)
        self.error = wrap_label("", name="Foutmelding")
        self.error.setObjectName("foutmelding")
        lay.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setAccessibleName(ok_text.replace("&", ""))
        cancel = buttons.addButton("Annu&leren", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAccessibleName("Annuleren")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.reden.setFocus()

    def _accept(self) -> None:
        if not self.reden.toPlainText().strip():
            self.error.setText("Schrijf de reden op.")
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
        self.setAccessibleName("Dossier")
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.back_button = QPushButton("← &Terug naar de lijst")
        self.back_button.setAccessibleName("Terug naar de lijst met dossiers")
        self.back_button.clicked.connect(self.back_requested.emit)
        top.addWidget(self.back_button)
        self.title = wrap_label("", name="Dossier", rich=True)
        top.addWidget(self.title, 1)
        lay.addLayout(top)
        self.info = wrap_label("", name="Gegevens van het dossier")
        lay.addWidget(self.info)
        self.closed_note = Notice(prefix="Afgesloten", name="Dossier is afgesloten")
        lay.addWidget(self.closed_note)
        buttons = QHBoxLayout()
        self.edit_button = self._button(buttons, "Gegevens &wijzigen…", "Gegevens van het dossier wijzigen",
                                        self.edit_header)
        self.report_button = self._button(buttons, "Verslag &maken…", "Verslag maken", lambda: self.export("verslag"))
        self.concept_button = self._button(buttons, "&Concept melding…", "Concept melding maken",
                                           lambda: self.export("concept_melding"))
        self.team_button = self._button(buttons, "Wie werkt e&raan…", "Wie werkt aan dit dossier: overdragen en "
                                        "collega's", self.show_team)
        self.inzage_button = self._button(buttons, "Wie heeft dit dossier &ingezien?", "Wie heeft dit dossier ingezien",
                                          self.show_inzage)
        if not self.inzage_available():
            self.inzage_button.hide()  # (never show() a widget that has no parent yet: it would become a window)
        from ghnt_desktop.ui.meldcode.vertrouwelijkheid_dialog import onze_meldcode_knop

        self.onze_meldcode_button = onze_meldcode_knop(ws, self)
        buttons.addWidget(self.onze_meldcode_button)
        self.close_button = self._button(buttons, "Dossier af&sluiten…", "Dossier afsluiten", self.close_dossier)
        self.reopen_button = self._button(buttons, "Dossier h&eropenen…", "Dossier heropenen", self.reopen)
        buttons.addStretch(1)
        lay.addLayout(buttons)
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
        self.status_label = wrap_label("", name="Laatste melding")
        lay.addWidget(self.status_label)
        self.tabs.currentChanged.connect(self._tab_changed)
        for n in range(1, 6):
            sc = QShortcut(QKeySequence(f"Alt+{n}"), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda n=n: self.go_to_step(n))
        self.reload()
        self.tabs.setCurrentIndex(self.dossier.huidige_stap - 1)
        self._tab_changed(self.tabs.currentIndex())
        self.offer_restore(ask_restore)

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

    def _button(self, row: QHBoxLayout, text: str, name: str, slot) -> QPushButton:
        b = QPushButton(text)
        b.setAccessibleName(name)
        b.clicked.connect(slot)
        row.addWidget(b)
        return b

    @staticmethod
    def _tab_text(n: int, current: bool) -> str:
        return f"Stap {n} {STAP_NAMEN[n]}" + (" (huidige stap)" if current else "")

    # -- DossierContext ----------------------------------------------------
    def reload(self) -> None:
        d = self.dossier = svc.laad(self.ws, self.dossier_id)
        gemeenten = dict(self.ws.gemeenten())
        self.title.setText(f"<h2>Dossier {html_escape(d.client_referentie)}</h2>")
        vormen = ", ".join(sorted(v.label for v in d.vormen)) or "nog niet gekozen"
        betrokkenen = "; ".join(betrokkene_tekst(b) for b in d.betrokkenen) or "nog niet vastgelegd"
        acuut = " Versnelde route: acuut gevaar is vastgelegd." if d.versnelde_route else ""
        self.info.setText(
            f"Gemeente: {gemeenten.get(d.gemeente_code, d.gemeente_code)}. Vorm van geweld: {vormen}. "
            f"Status: {d.status.label}. Huidige stap: {d.huidige_stap}. Ronde: {d.ronde}. "
            f"Eigenaar: {d.eigenaar or '–'}. Aandachtsfunctionaris: {d.aandachtsfunctionaris or 'nog niet gekozen'}. "
            f"Betrokkenen: {betrokkenen}.{acuut}")
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

    def acute_route(self, reden: str) -> None:
        dlg = AcuteRouteDialog(reden, self)
        self.acute_dialog = dlg
        if dlg.exec() == QDialog.DialogCode.Accepted:
            try:
                svc.voeg_toe(self.ws, self.dossier_id, dlg.record(self.ws.session.naam))
            except UserError as exc:
                self.show_error(exc)
                return
            self.status("Versnelde route vastgelegd. Je mag de stappen sneller doorlopen.")
            self.record_saved(None)
        else:
            self.status("De versnelde route is niet vastgelegd. Is er toch acuut gevaar? Bel 112 of Veilig Thuis "
                        "(0800-2000).")

    def close_dossier(self) -> None:
        d = self.dossier
        try:
            standaard = d.uitkomst().uitleg
        except ValueError:
            standaard = ""
        dlg = ReasonDialog("Dossier afsluiten", "&Waarom sluit je het dossier af?", standaard,
                           ok_text="Dossier af&sluiten", parent=self)
        self.reason_dialog = dlg
        if dlg.exec() != QDialog.DialogCode.Accepted:
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

    def reopen(self) -> None:
        dlg = ReasonDialog("Dossier heropenen", "&Waarom open je het dossier opnieuw? Je begint weer bij stap 1; "
                           "alles wat er al staat, blijft bewaard.", ok_text="Dossier h&eropenen", parent=self)
        self.reason_dialog = dlg
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            svc.heropen(self.ws, self.dossier_id, dlg.text())
        except UserError as exc:
            self.show_error(exc)
            return
        self.status("Dossier heropend: je begint weer bij stap 1.")
        self.record_saved(None)
        self.go_to_step(1)

    def edit_header(self) -> None:
        dlg = NewDossierDialog(self.ws, self, dossier=self.dossier)
        self.header_dialog = dlg
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.status("Gegevens van het dossier opgeslagen.")
            self.record_saved(None)

    # -- export and inzage ---------------------------------------------------
    def export(self, soort: str):
        self.save_all()
        dlg = ExportDialog(soort, self)
        self.export_dialog = dlg
        if dlg.exec() != QDialog.DialogCode.Accepted:
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

    def show_team(self) -> None:
        from ghnt_desktop.ui.meldcode.samenwerken_dialog import SamenwerkenDialog

        self.save_all()
        dlg = SamenwerkenDialog(self.ws, self.dossier_id, self)
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
        drafts = {k: v for k, v in drafts.items() if k in DRAFT_STAP}
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
            if ok:
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

    def save_all(self) -> None:
        for p in self.built_pages():
            p.save_all()
        for name in ("header_dialog",):
            dlg = getattr(self, name, None)
            if dlg is not None and dlg.isVisible() and hasattr(dlg, "flush"):
                dlg.flush()
