"""Answering a zelfscan, made for a team session around one screen.

Keyboard (active anywhere inside this view):

=========================================  ==========================================================
PageDown, Alt+Right, Ctrl+Enter            next standard
PageUp, Alt+Left                           previous standard
the option's ``sneltoets`` (1–5)           choose that answer (not while typing in a text field)
Alt + ``sneltoets``                        choose that answer, also while typing
Alt+T / Alt+E                              to the toelichting / bewijs field
Alt+P                                      verbeterpunt on/off
Alt+R                                      to the prioriteit (then Up/Down)
=========================================  ==========================================================

Every change is saved by itself (debounced, at most ~0.4 s later) through ``bewaar_antwoord``;
moving to another standard, locking or closing saves at once. A vastgestelde scan is shown read-only.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QProgressBar, QPushButton,
                               QRadioButton, QScrollArea, QSplitter, QVBoxLayout, QWidget)

from ghnt_desktop.domain.zelfscan import (MAX_BEWIJS, Antwoord, Prioriteit, ScanStatus, stel_verbeterpunt_voor,
                                          voortgang)
from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.meldcode.autosave import DebouncedSaver
from ghnt_desktop.ui.messages import show_error

AUTOSAVE_MS = 400

#: Alt+letter combinations used as mnemonics in the zelfscan screens and the main window.
#: A letter ``sneltoets`` gets no Alt variant when it is in here (the plain letter still works).
RESERVED_ALT = frozenset("TEPRWULDICSOXNAVBHGMK")

NEXT_KEYS = ("PgDown", "Alt+Right", "Ctrl+Return", "Ctrl+Enter")
PREVIOUS_KEYS = ("PgUp", "Alt+Left")

PRIORITEIT_KEUZES: list[tuple[str, Prioriteit | None]] = [
    ("Geen prioriteit", None), ("Hoog", Prioriteit.HOOG), ("Midden", Prioriteit.MIDDEN), ("Laag", Prioriteit.LAAG)]


def option_keys(sneltoets: str) -> list[str]:
    """Key sequences that choose an option: the key itself, and Alt+key unless that is reserved."""
    keys = [sneltoets.upper()]
    if sneltoets.isdigit() or sneltoets.upper() not in RESERVED_ALT:
        keys.append(f"Alt+{sneltoets.upper()}")
    return keys


def add_shortcut(widget: QWidget, seq: str, slot, *,
                 context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut) -> QShortcut:
    sc = QShortcut(QKeySequence(seq), widget)
    sc.setContext(context)
    sc.activated.connect(slot)
    return sc


class AnswerView(QWidget):
    #: the shown standard, or its answer, changed (the presentation view follows this)
    current_changed = Signal()
    #: answers were stored by the service (results can be refreshed)
    answers_saved = Signal()

    def __init__(self, ws, svc, scan_id: int, scan, catalogus, parent=None) -> None:
        super().__init__(parent)
        self.ws, self.svc, self.scan_id = ws, svc, scan_id
        self.scan, self.catalogus = scan, catalogus
        self.schaal = catalogus.antwoordschaal
        self.standaarden = catalogus.standaarden_op_volgorde
        self.answers: dict[str, Antwoord] = {a.standaard_id: a for a in scan.antwoorden}
        self.pending: dict[str, Antwoord] = {}
        self.read_only = scan.status is ScanStatus.VASTGESTELD
        self.index = 0
        self._loading = False
        self._verbeterpunt_touched = False
        self._suggest_verbeterpunt = False
        self.saver = DebouncedSaver(self._save_pending, AUTOSAVE_MS, self)
        self.setAccessibleName("Standaarden beantwoorden")
        self._build()
        self._make_shortcuts()
        self.set_read_only(self.read_only)
        self._fill_list()
        self.go_to(self.first_open())

    # --- construction ---------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        list_label = QLabel("Standaarden")
        ll.addWidget(list_label)
        self.standard_list = QListWidget()
        self.standard_list.setAccessibleName("Lijst van standaarden met antwoord")
        list_label.setBuddy(self.standard_list)
        self.standard_list.currentRowChanged.connect(self._row_changed)
        self.standard_list.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        ll.addWidget(self.standard_list, 1)
        split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.position_label = QLabel()
        self.position_label.setAccessibleName("Welke standaard")
        self.position_label.setWordWrap(True)
        rl.addWidget(self.position_label)
        text_box = QWidget()
        tl = QVBoxLayout(text_box)
        tl.setContentsMargins(0, 0, 0, 0)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        self.title_label.setAccessibleName("Standaard")
        tl.addWidget(self.title_label)
        self.explanation_label = QLabel()
        self.explanation_label.setWordWrap(True)
        self.explanation_label.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation_label.setAccessibleName("Uitleg bij de standaard")
        tl.addWidget(self.explanation_label)
        self.questions_label = QLabel()
        self.questions_label.setWordWrap(True)
        self.questions_label.setTextFormat(Qt.TextFormat.RichText)
        self.questions_label.setAccessibleName("Hulpvragen")
        tl.addWidget(self.questions_label)
        tl.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(text_box)
        scroll.setWidgetResizable(True)
        # reachable with Tab so a long text can be scrolled with the arrow keys; focus shown like elsewhere
        scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        scroll.setObjectName("standaardTekst")
        scroll.setAccessibleName("Tekst van de standaard (pijltjestoetsen om te scrollen)")
        scroll.setStyleSheet("QScrollArea#standaardTekst { border: 2px solid transparent; }"
                             "QScrollArea#standaardTekst:focus { border: 2px solid #1c4fa0; }")
        self.text_scroll = scroll
        rl.addWidget(scroll, 1)

        self.answer_box = QGroupBox("Antwoord (kies met de toets tussen haakjes)")
        self.answer_box.setAccessibleName("Antwoord")
        al = QGridLayout(self.answer_box)
        columns = 3 if len(self.schaal.opties) > 3 else len(self.schaal.opties)
        self.answer_group = QButtonGroup(self)
        self.option_buttons: dict[str, QRadioButton] = {}
        for o in self.schaal.opties:
            rb = QRadioButton(f"{o.label.replace('&', '&&')}  (toets {o.sneltoets})")
            rb.setAccessibleName(o.label)
            rb.setAccessibleDescription(f"Sneltoets {o.sneltoets}")
            self.answer_group.addButton(rb)
            self.option_buttons[o.code] = rb
            n = len(self.option_buttons) - 1
            al.addWidget(rb, n // columns, n % columns)
            rb.toggled.connect(lambda on, code=o.code: on and self._option_toggled(code))
        rl.addWidget(self.answer_box)

        form = QFormLayout()
        self.toelichting_edit = QPlainTextEdit()
        self.toelichting_edit.setTabChangesFocus(True)
        self.toelichting_edit.setAccessibleName("Toelichting bij het antwoord")
        self.toelichting_edit.setPlaceholderText("Waarom dit antwoord? Wat gaat goed, wat kan beter?")
        self.toelichting_edit.setMaximumHeight(self.fontMetrics().height() * 5)
        self.toelichting_edit.textChanged.connect(self._edited)
        form.addRow(self._buddy("&Toelichting:", self.toelichting_edit), self.toelichting_edit)
        self.bewijs_edit = QLineEdit()
        self.bewijs_edit.setMaxLength(MAX_BEWIJS)
        self.bewijs_edit.setAccessibleName("Bewijs of verwijzing")
        self.bewijs_edit.setPlaceholderText("Bijvoorbeeld: werkinstructie veiligheidsplan, maart 2024")
        self.bewijs_edit.textChanged.connect(self._edited)
        form.addRow(self._buddy("B&ewijs of verwijzing:", self.bewijs_edit), self.bewijs_edit)
        vp = QHBoxLayout()
        self.verbeterpunt_check = QCheckBox("Dit is een verbeter&punt")
        self.verbeterpunt_check.setAccessibleName("Verbeterpunt")
        self.verbeterpunt_check.toggled.connect(self._verbeterpunt_toggled)
        vp.addWidget(self.verbeterpunt_check)
        self.prioriteit_combo = QComboBox()
        self.prioriteit_combo.setAccessibleName("Prioriteit van het verbeterpunt")
        for text, value in PRIORITEIT_KEUZES:
            self.prioriteit_combo.addItem(text, value.value if value else None)
        self.prioriteit_combo.currentIndexChanged.connect(self._edited)
        vp.addWidget(self._buddy("P&rioriteit:", self.prioriteit_combo))
        vp.addWidget(self.prioriteit_combo)
        vp.addStretch(1)
        form.addRow(vp)
        rl.addLayout(form)

        nav = QHBoxLayout()
        self.previous_button = QPushButton("◀ Vorige (PageUp)")
        self.previous_button.setAccessibleName("Vorige standaard")
        self.previous_button.clicked.connect(self.previous)
        self.next_button = QPushButton("Volgende (PageDown) ▶")
        self.next_button.setAccessibleName("Volgende standaard")
        self.next_button.clicked.connect(self.next)
        nav.addWidget(self.previous_button)
        nav.addWidget(self.next_button)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Voortgang")
        self.progress.setFormat("%v van %m beantwoord")
        nav.addWidget(self.progress, 1)
        rl.addLayout(nav)
        self.save_status = QLabel()
        self.save_status.setWordWrap(True)
        self.save_status.setAccessibleName("Opslaan")
        rl.addWidget(self.save_status)
        keys = " · ".join(f"{o.sneltoets} = {o.label}" for o in self.schaal.opties)
        self.key_help = QLabel(
            f"Toetsen: {keys} (in een tekstveld: Alt + toets) · PageDown of Ctrl+Enter: volgende · "
            "PageUp: vorige · Alt+P: verbeterpunt · F11: presentatie")
        self.key_help.setWordWrap(True)
        self.key_help.setAccessibleName("Sneltoetsen")
        rl.addWidget(self.key_help)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        outer.addWidget(split)

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    def _make_shortcuts(self) -> None:
        for seq in NEXT_KEYS:
            add_shortcut(self, seq, self.next)
        for seq in PREVIOUS_KEYS:
            add_shortcut(self, seq, self.previous)
        for o in self.schaal.opties:
            for seq in option_keys(o.sneltoets):
                add_shortcut(self, seq, lambda code=o.code: self.choose(code))

    def _fill_list(self) -> None:
        self.standard_list.blockSignals(True)
        self.standard_list.clear()
        self._row_of: dict[str, int] = {}
        self._index_of_row: dict[int, int] = {}
        thema = None
        bold = QFont(self.standard_list.font())
        bold.setBold(True)
        text_brush = QBrush(self.palette().color(QPalette.ColorRole.WindowText))
        for i, s in enumerate(self.standaarden):
            if s.thema != thema:
                thema = s.thema
                head = QListWidgetItem(self.catalogus.thema(thema).naam)
                head.setFlags(Qt.ItemFlag.NoItemFlags)
                head.setFont(bold)
                head.setForeground(text_brush)
                self.standard_list.addItem(head)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self._row_of[s.id] = self.standard_list.count()
            self._index_of_row[self.standard_list.count()] = i
            self.standard_list.addItem(item)
            self._update_item(s.id)
        self.standard_list.blockSignals(False)

    def _update_item(self, sid: str) -> None:
        item = self.standard_list.item(self._row_of[sid])
        s = self.catalogus.standaard(sid)
        a = self.answer_for(sid)
        status = self.schaal.optie(a.code).label if a and a.code else "open"
        extra = ""
        if a and a.verbeterpunt:
            extra = " · verbeterpunt" + (f" ({a.prioriteit.label.lower()})" if a.prioriteit else "")
        if sid in self.pending:
            extra += " · nog niet opgeslagen"
        item.setText(f"{s.id} · {status}{extra} · {s.titel}")
        item.setToolTip(s.titel)

    def first_open(self) -> int:
        """Index of the first standard without an answer (0 when all are answered)."""
        for i, s in enumerate(self.standaarden):
            a = self.answer_for(s.id)
            if a is None or a.code is None:
                return i
        return 0

    # --- state ------------------------------------------------------------------------------------
    def answer_for(self, sid: str) -> Antwoord | None:
        """The answer as the user sees it (an unsaved change wins over the stored one)."""
        return self.pending.get(sid) or self.answers.get(sid)

    @property
    def current_standard(self):
        return self.standaarden[self.index]

    def current_answer(self) -> Antwoord | None:
        return self.answer_for(self.current_standard.id)

    def all_answers(self) -> list[Antwoord]:
        ids = {s.id for s in self.standaarden}
        return [a for sid, a in {**self.answers, **self.pending}.items() if sid in ids]

    def progress_counts(self):
        return voortgang(self.catalogus, self.all_answers())

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for rb in self.option_buttons.values():
            rb.setEnabled(not read_only)
        self.toelichting_edit.setReadOnly(read_only)
        self.bewijs_edit.setReadOnly(read_only)
        self.verbeterpunt_check.setEnabled(not read_only)
        self._update_prioriteit_enabled()
        if read_only:
            self.answer_box.setTitle("Antwoord (vastgesteld, kan niet meer veranderen)")

    def _update_prioriteit_enabled(self) -> None:
        self.prioriteit_combo.setEnabled(not self.read_only and self.verbeterpunt_check.isChecked())

    # --- navigation ---------------------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        if not self.standaarden:
            return
        index = max(0, min(len(self.standaarden) - 1, index))
        self.saver.flush()
        self.index = index
        s = self.current_standard
        self._load(s)
        self.standard_list.blockSignals(True)
        self.standard_list.setCurrentRow(self._row_of[s.id])
        self.standard_list.blockSignals(False)
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.standaarden) - 1)
        self.current_changed.emit()

    def next(self) -> None:
        if self.index < len(self.standaarden) - 1:
            self.go_to(self.index + 1)
        else:
            self.saver.flush()
            self.save_status.setText(self._saved_text() + " Dit was de laatste standaard.")

    def previous(self) -> None:
        if self.index > 0:
            self.go_to(self.index - 1)

    def _row_changed(self, row: int) -> None:
        i = self._index_of_row.get(row)
        if i is not None and i != self.index:
            self.go_to(i)

    def _load(self, s) -> None:
        self._loading = True
        try:
            thema = self.catalogus.thema(s.thema)
            self.position_label.setText(
                f"Standaard {self.index + 1} van {len(self.standaarden)} · Thema: {thema.naam} · "
                f"Voor: {s.doelgroep.label}")
            self.title_label.setText(f"<h3>{html.escape(s.id)} {html.escape(s.titel)}</h3>")
            self.explanation_label.setText(s.toelichting)
            if s.vragen:
                self.questions_label.setText(
                    "<b>Hulpvragen</b><ul>" + "".join(f"<li>{html.escape(v)}</li>" for v in s.vragen) + "</ul>")
            else:
                self.questions_label.setText("")
            a = self.answer_for(s.id)
            self.answer_group.setExclusive(False)
            for code, rb in self.option_buttons.items():
                rb.setChecked(a is not None and a.code == code)
            self.answer_group.setExclusive(True)
            self.toelichting_edit.setPlainText(a.toelichting if a else "")
            self.bewijs_edit.setText(a.bewijs if a else "")
            self.verbeterpunt_check.setChecked(bool(a and a.verbeterpunt))
            prio = a.prioriteit if a and a.verbeterpunt else None
            self.prioriteit_combo.setCurrentIndex(self.prioriteit_combo.findData(prio.value) if prio else 0)
            self._update_prioriteit_enabled()
            self._verbeterpunt_touched = False
            # suggest "verbeterpunt" only while the standard had no answer and the user did not decide
            self._suggest_verbeterpunt = (a is None or a.code is None) and not (a and a.verbeterpunt)
        finally:
            self._loading = False
        self._update_progress()
        if not self.save_status.text().startswith("Opslaan lukte niet"):
            self.save_status.setText(self._saved_text())

    # --- editing ------------------------------------------------------------------------------------
    def choose(self, code: str) -> None:
        """Choose an answer option for the shown standard (keys, buttons, presentation view)."""
        if self.read_only:
            self.save_status.setText("Deze zelfscan is vastgesteld. Je kunt de antwoorden niet meer veranderen.")
            return
        rb = self.option_buttons[code]
        if not rb.isChecked():
            rb.setChecked(True)  # -> _option_toggled

    def _option_toggled(self, code: str) -> None:
        if self._loading:
            return
        if self._suggest_verbeterpunt and not self._verbeterpunt_touched:
            self._loading = True
            self.verbeterpunt_check.setChecked(stel_verbeterpunt_voor(self.catalogus, code))
            self._update_prioriteit_enabled()
            self._loading = False
        self._edited()

    def _verbeterpunt_toggled(self, _on: bool) -> None:
        self._update_prioriteit_enabled()
        if not self._loading:
            self._verbeterpunt_touched = True
            self._edited()

    def _from_widgets(self) -> Antwoord:
        code = next((c for c, rb in self.option_buttons.items() if rb.isChecked()), None)
        verbeterpunt = self.verbeterpunt_check.isChecked()
        return Antwoord(
            standaard_id=self.current_standard.id,
            code=code,
            toelichting=self.toelichting_edit.toPlainText(),
            bewijs=self.bewijs_edit.text(),
            verbeterpunt=verbeterpunt,
            prioriteit=self._prioriteit() if verbeterpunt else None,
        )

    def _prioriteit(self) -> Prioriteit | None:
        value = self.prioriteit_combo.currentData()
        return Prioriteit(value) if value else None

    def _edited(self, *_args) -> None:
        if self._loading or self.read_only:
            return
        a = self._from_widgets()
        self.pending[a.standaard_id] = a
        self.save_status.setText("Wordt opgeslagen…")
        self._update_item(a.standaard_id)
        self._update_progress()
        self.saver.touch()
        self.current_changed.emit()

    def flush(self) -> None:
        """Save pending changes now (navigation, status change, lock, close)."""
        self.saver.flush()
        if self.pending and not self.saver.pending:
            self._save_pending()

    def _save_pending(self) -> None:
        failed = None
        for sid, a in list(self.pending.items()):
            try:
                self.svc.bewaar_antwoord(self.ws, self.scan_id, a)
            except UserError as exc:
                failed = exc
                continue
            except Exception as exc:  # a bug: crash report, Dutch message
                self.pending.pop(sid, None)
                show_error(self, exc)
                continue
            self.answers[sid] = a
            if self.pending.get(sid) is a:
                del self.pending[sid]
            self._update_item(sid)
        if failed is not None:
            self.save_status.setObjectName("foutmelding")
            self.save_status.setText(f"Opslaan lukte niet: {failed}")
        else:
            self.save_status.setObjectName("")
            self.save_status.setText(self._saved_text())
            self.answers_saved.emit()
        self.save_status.style().unpolish(self.save_status)
        self.save_status.style().polish(self.save_status)
        self._update_progress()

    def _saved_text(self) -> str:
        return "Alles is opgeslagen." if not self.pending else "Wordt opgeslagen…"

    def _update_progress(self) -> None:
        v = self.progress_counts()
        self.progress.setMaximum(max(1, v.totaal))
        self.progress.setValue(v.beantwoord)
        self.progress.setAccessibleDescription(f"{v.beantwoord} van {v.totaal} standaarden beantwoord")
