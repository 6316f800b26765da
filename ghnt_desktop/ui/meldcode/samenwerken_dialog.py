"""Who works on a dossier: hand it over to a colleague, add or remove colleagues."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout)

from ghnt_desktop.errors import UserError
from ghnt_desktop.services import meldcode as svc
from ghnt_desktop.ui.meldcode.widgets import fit_to_screen, guard_wheel, set_reading_order, wrap_label
from ghnt_desktop.ui.messages import confirm, error_label

ID_ROLE = Qt.ItemDataRole.UserRole


class SamenwerkenDialog(QDialog):
    """``still_visible`` is False after the user handed the dossier over and can no longer see it."""

    def __init__(self, ws, dossier_id: int, parent=None, *, ask=confirm) -> None:
        super().__init__(parent)
        self.ws, self.dossier_id, self._ask = ws, dossier_id, ask
        self.changed = False
        self.still_visible = True
        self.setWindowTitle("Wie werkt aan dit dossier?")
        self.setAccessibleName("Wie werkt aan dit dossier")
        lay = QVBoxLayout(self)
        self.summary = wrap_label("", name="Eigenaar en aandachtsfunctionaris")
        lay.addWidget(self.summary)

        self.handover_box = QGroupBox("Dossier overdragen")
        form = QFormLayout(self.handover_box)
        self.new_owner = QComboBox()
        self.new_owner.setAccessibleName("Nieuwe eigenaar")
        owner_label = QLabel("&Nieuwe eigenaar:")
        owner_label.setBuddy(self.new_owner)
        form.addRow(owner_label, self.new_owner)
        self.keep_previous = QCheckBox("De vorige eigenaar blijft als &collega in het dossier")
        self.keep_previous.setAccessibleName("De vorige eigenaar blijft als collega in het dossier")
        form.addRow(self.keep_previous)
        self.handover_button = QPushButton("&Overdragen…")
        self.handover_button.setAccessibleName("Dossier overdragen aan de nieuwe eigenaar")
        self.handover_button.clicked.connect(self.hand_over)
        form.addRow(self.handover_button)
        lay.addWidget(self.handover_box)

        team_box = QGroupBox("Collega's die ook in dit dossier werken")
        tl = QVBoxLayout(team_box)
        self.colleagues = QListWidget()
        self.colleagues.setAccessibleName("Collega's in dit dossier")
        tl.addWidget(self.colleagues)
        self.remove_button = QPushButton("Collega &weghalen")
        self.remove_button.setAccessibleName("Collega weghalen")
        self.remove_button.setAccessibleDescription("De gekozen collega uit het dossier halen")
        self.remove_button.clicked.connect(self.remove_colleague)
        tl.addWidget(self.remove_button)
        add_row = QHBoxLayout()
        self.candidate = QComboBox()
        self.candidate.setAccessibleName("Collega om toe te voegen")
        add_label = QLabel("Collega &toevoegen:")
        add_label.setBuddy(self.candidate)
        add_row.addWidget(add_label)
        add_row.addWidget(self.candidate, 1)
        self.add_button = QPushButton("&Toevoegen")
        self.add_button.setAccessibleName("Collega toevoegen aan het dossier")
        self.add_button.clicked.connect(self.add_colleague)
        add_row.addWidget(self.add_button)
        tl.addLayout(add_row)
        lay.addWidget(team_box)

        self.error = error_label()
        lay.addWidget(self.error)
        buttons = QDialogButtonBox()
        close = buttons.addButton("&Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        close.setAccessibleName("Sluiten")
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.reload()
        set_reading_order(self)
        guard_wheel(self)
        fit_to_screen(self, 520, 0)

    # -- locking ---------------------------------------------------------------
    def lock_state(self) -> dict:
        """What was chosen but not yet done, to show the dialog again after the screen was locked."""
        return {"nieuwe_eigenaar": self.new_owner.currentData(), "vorige_blijft": self.keep_previous.isChecked(),
                "kandidaat": self.candidate.currentData(), "collega": self.colleagues.currentRow()}

    def restore(self, state: dict) -> None:
        for combo, key in ((self.new_owner, "nieuwe_eigenaar"), (self.candidate, "kandidaat")):
            i = combo.findData(state.get(key))
            if i >= 0:
                combo.setCurrentIndex(i)
        self.keep_previous.setChecked(bool(state.get("vorige_blijft")))
        row = state.get("collega")
        if isinstance(row, int) and 0 <= row < self.colleagues.count():
            self.colleagues.setCurrentRow(row)
        self.handover_button.setEnabled(self.new_owner.currentData() is not None)
        self.add_button.setEnabled(self.candidate.currentData() is not None)

    # -- state ---------------------------------------------------------------
    def reload(self) -> None:
        info = self.info = svc.dossier_info(self.ws, self.dossier_id)
        af = info.aandachtsfunctionaris_naam or "nog niet gekozen"
        self.summary.setText(f"Eigenaar: {info.eigenaar_naam or '–'}. Aandachtsfunctionaris: {af}."
                             + (f" Team: {info.team_naam}." if info.team_naam else ""))
        kandidaten = svc.kandidaten(self.ws, self.dossier_id)
        in_dossier = {info.eigenaar_id, *(a for a, _ in info.medewerkers)}
        self._fill(self.new_owner, [(a, n) for a, n in kandidaten if a != info.eigenaar_id])
        self._fill(self.candidate, [(a, n) for a, n in kandidaten if a not in in_dossier])
        self.colleagues.clear()
        for account_id, naam in info.medewerkers:
            item = QListWidgetItem(naam or "(onbekend account)")
            item.setData(ID_ROLE, account_id)
            self.colleagues.addItem(item)
        if self.colleagues.count():
            self.colleagues.setCurrentRow(0)
        self.handover_box.setVisible(svc.mag_overdragen(self.ws, info.eigenaar_id))
        self.handover_button.setEnabled(self.new_owner.currentData() is not None)  # not on the "(geen ...)" line
        self.add_button.setEnabled(self.candidate.currentData() is not None)
        self.remove_button.setEnabled(self.colleagues.count() > 0)

    @staticmethod
    def _fill(combo: QComboBox, people: list[tuple[str, str]]) -> None:
        combo.clear()
        for account_id, naam in people:
            combo.addItem(naam, account_id)
        if not people:
            combo.addItem("(geen collega's om te kiezen)", None)
            combo.setEnabled(False)
        else:
            combo.setEnabled(True)

    # -- actions -------------------------------------------------------------
    def hand_over(self) -> None:
        nieuw = self.new_owner.currentData()
        if nieuw is None:
            return
        keep = self.keep_previous.isChecked()
        me = self.ws.session.account_id
        extra = ""
        if self.info.eigenaar_id == me and not keep:
            extra = (" Je blijft zelf niet in het dossier: daarna kun je het alleen nog zien als je "
                     "aandachtsfunctionaris bent.")
        if not self._ask(self, "Dossier overdragen",
                         f"Wil je dit dossier overdragen aan {self.new_owner.currentText()}?{extra}",
                         yes="Overdragen", no="Annuleren"):
            return
        if self._run(lambda: svc.draag_over(self.ws, self.dossier_id, nieuw, vorige_blijft_collega=keep)) is False:
            self.still_visible = False
            self.accept()  # nothing more to show here
            return
        self.reload()

    def add_colleague(self) -> None:
        account_id = self.candidate.currentData()
        if account_id is not None:
            self._run(lambda: svc.voeg_medewerker_toe(self.ws, self.dossier_id, account_id))
            self.reload()

    def remove_colleague(self) -> None:
        item = self.colleagues.currentItem()
        if item is None:
            return
        if not self._ask(self, "Collega weghalen", f"Wil je {item.text()} uit dit dossier halen? "
                         "Deze collega kan het dossier dan niet meer zien, tenzij hij of zij aandachtsfunctionaris "
                         "van het team is.", yes="Weghalen", no="Annuleren"):
            return
        self._run(lambda: svc.verwijder_medewerker(self.ws, self.dossier_id, item.data(ID_ROLE)))
        self.reload()

    def _run(self, action):
        """Run a service call; a refusal or bad choice is shown in the dialog's error line."""
        self.error.setText("")
        try:
            result = action()
        except UserError as exc:
            details = getattr(exc, "details", None) or []
            self.error.setText(" ".join([str(exc), *(d.split(": ", 1)[-1] for d in details)]))
            return None
        self.changed = True
        return result
