"""Beheer › Teams: the gemeenten of the workspace, and teams with their gemeenten and members.

All rules (names, gemeenten within the workspace, archive instead of delete) live in
``services.teams`` and ``services.organisatie``; this screen shows their answers inline.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QCompleter, QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ghnt_desktop.domain.organisatie import TEAM_SOORTEN
from ghnt_desktop.domain.roles import Actie, mag
from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.a11y import MessageLabel
from ghnt_desktop.ui.beheer.common import button_row
from ghnt_desktop.ui.flow import FlowLayout
from ghnt_desktop.ui.indeling import ColumnFit, HeightInLines, dialog_size, scroll_body
from ghnt_desktop.ui.messages import confirm, error_label
from ghnt_desktop.ui.pages import PageMixin


def _check_list(name: str, items: list[tuple[object, str]], checked: set) -> QListWidget:
    lst = QListWidget()
    lst.setAccessibleName(name)
    lst.setAccessibleDescription("Vink aan of uit met de spatiebalk.")
    for key, label in items:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked)
        lst.addItem(item)
    if lst.count():
        lst.setCurrentRow(0)
    return lst


def checked_keys(lst: QListWidget) -> list:
    return [lst.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lst.count())
            if lst.item(i).checkState() == Qt.CheckState.Checked]


class TeamDialog(QDialog):
    """Create (``team=None``) or change a team: name, kind, gemeenten served and members."""

    def __init__(self, ws, parent=None, *, team=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.team = team
        self.team_id: int | None = team.id if team else None
        title = "Team wijzigen" if team else "Nieuw team"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        outer = QVBoxLayout(self)
        lay = scroll_body(outer)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.naam_edit = QLineEdit(team.naam if team else "")
        self.naam_edit.setAccessibleName("Naam van het team")
        self.naam_edit.setPlaceholderText("Bijvoorbeeld Wijkteam Noord")
        form.addRow("&Naam:", self.naam_edit)
        self.soort_combo = QComboBox()
        self.soort_combo.setAccessibleName("Soort team")
        for key, label in TEAM_SOORTEN.items():
            self.soort_combo.addItem(label, key)
        if team:
            self.soort_combo.setCurrentIndex(max(0, self.soort_combo.findData(team.soort)))
        form.addRow("&Soort:", self.soort_combo)
        lay.addLayout(form)
        gemeenten = ws.gemeenten()
        self.gemeente_list = _check_list("Gemeenten die het team bedient", [(c, f"{n} ({c})") for c, n in gemeenten],
                                         set(team.gemeenten) if team else ({gemeenten[0][0]} if len(gemeenten) == 1
                                                                          else set()))
        self.gemeente_list.lines = HeightInLines(self.gemeente_list, 5)
        lab = QLabel("&Gemeenten die het team bedient:")
        lab.setBuddy(self.gemeente_list)
        lay.addWidget(lab)
        lay.addWidget(self.gemeente_list)
        self.leden_list = None
        if mag(ws.session.rollen, Actie.ACCOUNTS_BEHEREN):
            from ghnt_desktop.services import accounts

            rows = [(a.id, f"{a.naam} ({a.login}) – " + ", ".join(r.label for r in sorted(a.rollen)))
                    for a in accounts.lijst(ws)]
            self.leden_list = _check_list("Leden van het team", rows, set(team.leden) if team else set())
            self.leden_list.lines = HeightInLines(self.leden_list, 6)
            lab = QLabel("&Leden:")
            lab.setBuddy(self.leden_list)
            lay.addWidget(lab)
            lay.addWidget(self.leden_list)
        self.error = error_label()
        lay.addStretch(1)
        buttons = QDialogButtonBox()
        self.ok_button = QPushButton("&Opslaan" if team else "Team &maken")
        self.ok_button.setDefault(True)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(self.error)  # in view by the buttons, not scrolled away
        outer.addWidget(buttons)
        self.naam_edit.setFocus()
        dialog_size(self, 560, 0)

    def try_save(self) -> None:
        from ghnt_desktop.services import teams

        naam, soort = self.naam_edit.text(), self.soort_combo.currentData()
        gemeenten = checked_keys(self.gemeente_list)
        try:
            if self.team is None:
                self.team_id = teams.maak_team(self.ws, naam, soort, gemeenten)
            else:
                teams.wijzig_team(self.ws, self.team.id, naam=naam, soort=soort, gemeenten=gemeenten)
            if self.leden_list is not None:
                teams.zet_leden(self.ws, self.team_id, set(checked_keys(self.leden_list)))
        except UserError as exc:
            self.error.setText(str(exc))
            if self.team is None and self.team_id is not None:  # made, but members failed: now it is a change
                self.team = teams.team(self.ws, self.team_id)
            return
        self.accept()


class GemeentenBox(QGroupBox):
    """The gemeenten the workspace serves: add by name or code, remove while nothing uses it."""

    changed = Signal()

    def __init__(self, ws, parent=None) -> None:
        super().__init__("Gemeenten van de werkruimte", parent)
        self.ws = ws
        lay = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setAccessibleName("Gemeenten van de werkruimte")
        self.list.lines = HeightInLines(self.list, 5)
        lay.addWidget(self.list)
        row = FlowLayout()
        self.add_edit = QLineEdit()
        self.add_edit.setAccessibleName("Gemeente toevoegen: naam of CBS-code")
        self.add_edit.setPlaceholderText("Naam of CBS-code, bijvoorbeeld Oostzaan of GM0431")
        from ghnt_desktop.ui.setup_dialog import gemeente_choices

        completer = QCompleter([n for _c, n in gemeente_choices()], self.add_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.add_edit.setCompleter(completer)
        self.add_edit.setMinimumWidth(self.add_edit.fontMetrics().horizontalAdvance("M") * 14)
        lab = QLabel("&Gemeente toevoegen:")
        lab.setBuddy(self.add_edit)
        row.addWidget(lab)
        row.addWidget(self.add_edit)
        self.add_button = QPushButton("&Toevoegen")
        self.add_button.setAccessibleName("Gemeente toevoegen")
        self.add_button.clicked.connect(self.add)
        self.add_edit.returnPressed.connect(self.add)
        row.addWidget(self.add_button)
        self.remove_button = QPushButton("Gemeente &weghalen…")
        self.remove_button.setAccessibleName("Gekozen gemeente weghalen")
        self.remove_button.clicked.connect(self.remove)
        row.addWidget(self.remove_button)
        lay.addLayout(row)
        self.message = MessageLabel("Melding bij de gemeenten")
        lay.addWidget(self.message)
        can = mag(ws.session.rollen, Actie.INSTELLINGEN_BEHEREN)
        for w in (self.add_edit, self.add_button, self.remove_button):
            w.setEnabled(can)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for code, naam in self.ws.gemeenten():
            item = QListWidgetItem(f"{naam} ({code})")
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.list.addItem(item)

    def add(self) -> None:
        from ghnt_desktop.services import organisatie

        try:
            _code, naam = organisatie.voeg_gemeente_toe(self.ws, self.add_edit.text())
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self.add_edit.clear()
        self.refresh()
        self.message.setText(f"{naam} is toegevoegd aan de werkruimte.")
        self.changed.emit()

    def remove(self) -> None:
        from ghnt_desktop.services import organisatie

        item = self.list.currentItem()
        if item is None:
            self.message.setText("Kies eerst een gemeente in de lijst.")
            return
        if not confirm(self, "Gemeente weghalen", f"{item.text()} weghalen uit de werkruimte?",
                       yes="Weghalen", no="Annuleren"):
            return
        try:
            organisatie.verwijder_gemeente(self.ws, item.data(Qt.ItemDataRole.UserRole))
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self.refresh()
        self.message.setText(f"{item.text()} is weggehaald.")
        self.changed.emit()


class TeamsTab(QWidget, PageMixin):
    titel = "Teams"
    HEADERS = ["Team", "Soort", "Gemeenten", "Leden", "Status"]
    changed = Signal()

    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.rows = []
        lay = QVBoxLayout(self)
        self.gemeenten_box = GemeentenBox(ws)
        self.gemeenten_box.changed.connect(self.changed.emit)
        lay.addWidget(self.gemeenten_box)
        self.show_archived = QCheckBox("Ook gearchiveerde teams t&onen")
        self.show_archived.toggled.connect(self.refresh)
        lay.addWidget(self.show_archived)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        self.table.setAccessibleName("Teams")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.table.verticalHeader().setVisible(False)
        self.table.column_fit = ColumnFit(self.table, wrap={0, 2})  # names and gemeenten wrap, headers stay whole
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.edit_team())
        lay.addWidget(self.table, 1)
        self.empty_label = MessageLabel("Uitleg")
        lay.addWidget(self.empty_label)
        buttons = button_row()  # Alt+letters: not A, B, V or H (the main window's)
        self.new_button = QPushButton("&Nieuw team…")
        self.edit_button = QPushButton("Team w&ijzigen…")
        self.archive_button = QPushButton("Archiv&eren…")
        self.restore_button = QPushButton("Terug&zetten")
        self.delete_button = QPushButton("Verwij&deren…")
        for b, name, slot in ((self.new_button, "Nieuw team", self.new_team),
                              (self.edit_button, "Team wijzigen", self.edit_team),
                              (self.archive_button, "Team archiveren", self.archive_team),
                              (self.restore_button, "Team terugzetten", self.restore_team),
                              (self.delete_button, "Team verwijderen", self.delete_team)):
            b.setAccessibleName(name)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self.message = MessageLabel("Melding")
        lay.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        from ghnt_desktop.services import teams

        names = dict(self.ws.gemeenten())
        self.rows = teams.lijst(self.ws, ook_gearchiveerd=self.show_archived.isChecked())
        self.table.setRowCount(len(self.rows))
        for i, t in enumerate(self.rows):
            status = "actief" if t.actief else "gearchiveerd"
            values = (t.naam, t.soort_label, ", ".join(names.get(c, c) for c in t.gemeenten),
                      str(len(t.leden)), status)
            for j, v in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self.table.resizeRowsToContents()
        self.empty_label.setText("" if self.rows else
                                 "Er zijn nog geen teams. Kies 'Nieuw team' om het eerste team te maken.")
        self._update_buttons()

    def selected(self):
        r = self.table.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) and self.table.selectedItems() else None

    def select_team(self, team_id: int) -> None:
        for i, t in enumerate(self.rows):
            if t.id == team_id:
                self.table.selectRow(i)
                return

    def _update_buttons(self) -> None:
        t = self.selected()
        self.edit_button.setEnabled(t is not None and t.actief)
        self.archive_button.setEnabled(t is not None and t.actief)
        self.restore_button.setEnabled(t is not None and not t.actief)
        self.delete_button.setEnabled(t is not None and not t.heeft_gegevens)

    def _after(self, team_id: int | None, text: str) -> None:
        self.refresh()
        if team_id is not None:
            self.select_team(team_id)
        self.message.setText(text)
        self.changed.emit()

    def new_team(self) -> None:
        dlg = TeamDialog(self.ws, self)
        self.dialog = dlg
        if dlg.exec():
            self._after(dlg.team_id, f"Team {dlg.naam_edit.text().strip()} is gemaakt.")

    def edit_team(self) -> None:
        t = self.selected()
        if t is None or not t.actief:
            return
        dlg = TeamDialog(self.ws, self, team=t)
        self.dialog = dlg
        if dlg.exec():
            self._after(t.id, f"Team {dlg.naam_edit.text().strip()} is gewijzigd.")

    def _act(self, fn, team, text: str, *, gone: bool = False) -> None:
        try:
            fn(self.ws, team.id)
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self._after(None if gone else team.id, text)

    def archive_team(self) -> None:
        from ghnt_desktop.services import teams

        t = self.selected()
        if t is None or not confirm(
                self, "Team archiveren",
                f"Team {t.naam} archiveren? Het team verdwijnt uit de keuzelijsten. Dossiers, zelfscans en de "
                "geschiedenis blijven bewaard en zichtbaar. Je kunt het team later terugzetten.",
                yes="Archiveren", no="Annuleren"):
            return
        self._act(teams.archiveer, t, f"Team {t.naam} is gearchiveerd. Alle gegevens blijven bewaard.")

    def restore_team(self) -> None:
        from ghnt_desktop.services import teams

        t = self.selected()
        if t is not None:
            self._act(teams.zet_terug, t, f"Team {t.naam} is teruggezet.")

    def delete_team(self) -> None:
        from ghnt_desktop.services import teams

        t = self.selected()
        if t is None or not confirm(self, "Team verwijderen",
                                    f"Team {t.naam} heeft geen dossiers en geen zelfscans. Helemaal verwijderen?",
                                    yes="Verwijderen", no="Annuleren"):
            return
        self._act(teams.verwijder, t, f"Team {t.naam} is verwijderd.", gone=True)

    def clear_for_lock(self) -> None:
        self.rows = []
        self.table.setRowCount(0)

    def restore_after_unlock(self) -> None:
        self.refresh()
