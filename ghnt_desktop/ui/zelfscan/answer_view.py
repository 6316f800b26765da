"""Answering a zelfscan, made for a team session around one screen.

Keyboard (active anywhere inside this view):

=========================================  ==========================================================
PageDown, Alt+Right, Ctrl+Enter            next standard (focus goes to its answer choice)
PageUp, Alt+Left                           previous standard (focus goes to its answer choice)
the option's ``sneltoets`` (1–5)           choose that answer (not while typing in a text field)
Alt + ``sneltoets``                        choose that answer, also while typing
Alt+T / Alt+E                              to the toelichting / bewijs field
Alt+P                                      verbeterpunt on/off (focus stays where it is)
Alt+R                                      to the prioriteit (then Up/Down)
=========================================  ==========================================================

Every key is handled when it arrives, in order: moving to another standard saves and loads at once (no timer,
no animated click), so keys typed right after a move land on the new standard. Only the user sets
"verbeterpunt"; an answer such as "Voldoet niet" shows a hint, it never ticks the box by itself.
The new standard is announced to screen readers (number and title).

Every change is saved by itself (debounced, at most ~0.4 s later) through ``bewaar_antwoord``;
moving to another standard, locking or closing saves at once. A vastgestelde scan is shown read-only.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (QApplication, QButtonGroup, QCheckBox, QComboBox, QFormLayout, QFrame, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QListView, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QProgressBar, QPushButton, QRadioButton, QScrollArea, QSizePolicy, QSplitter, QStyle,
                               QVBoxLayout, QWidget)

from ghnt_desktop.domain.zelfscan import (MAX_BEWIJS, Antwoord, Prioriteit, ScanStatus, stel_verbeterpunt_voor,
                                          voortgang)
from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.a11y import MessageLabel, announce
from ghnt_desktop.ui.meldcode.autosave import DebouncedSaver
from ghnt_desktop.ui.messages import show_error
from ghnt_desktop.ui.zelfscan.common import FlowLayout, instant_mnemonics, scroll_page, show_in_scroll_area

AUTOSAVE_MS = 400

#: Alt+letter combinations used as mnemonics in the zelfscan screens and the main window.
#: A letter ``sneltoets`` gets no Alt variant when it is in here (the plain letter still works).
RESERVED_ALT = frozenset("TEPRWULDICSOXNAVBHGMK")

NEXT_KEYS = ("PgDown", "Alt+Right", "Ctrl+Return", "Ctrl+Enter")
VERBETERPUNT_KEY = "Alt+P"
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


class LinesEdit(QPlainTextEdit):
    """A text field at least ``lines`` lines high (and about two more when there is room), at any text size.
    Tab moves on to the next field."""

    def __init__(self, lines: int, parent=None) -> None:
        super().__init__(parent)
        self.lines = lines
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def _height(self, lines: int) -> int:
        margin = int(self.document().documentMargin() * 2)
        return self.fontMetrics().lineSpacing() * lines + margin + 2 * self.frameWidth() + 4

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(super().sizeHint().width(), self._height(self.lines + 2))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(super().minimumSizeHint().width(), self._height(self.lines))


class StandardText(QFrame):
    """The standard's title, text and hulpvragen, shown in full (the panel around it scrolls). One Tab stop, so
    a keyboard user can read it: Up/Down scroll, Home/End go to its start and end; a screen reader gets the whole
    text as the description."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.area: QScrollArea | None = None  # the scroll area of the panel (set by the answer view)
        self.setObjectName("standaardTekst")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Tekst van de standaard")
        # visible focus, like every other control (app style: no rule for a frame yet)
        self.setStyleSheet("QFrame#standaardTekst { border: 2px solid transparent; }"
                           "QFrame#standaardTekst:focus { border: 2px solid #1c4fa0; }")

    def keyPressEvent(self, event) -> None:  # noqa: N802
        area = self.area
        content = area.widget() if area is not None else None
        if area is not None and content is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            bar = area.verticalScrollBar()
            step = bar.singleStep() * 3
            key = event.key()
            if key == Qt.Key.Key_Down:
                bar.setValue(bar.value() + step)
                return
            if key == Qt.Key.Key_Up:
                bar.setValue(bar.value() - step)
                return
            if key == Qt.Key.Key_Home:
                show_in_scroll_area(area, self)
                return
            if key == Qt.Key.Key_End:
                bottom = self.mapTo(content, self.rect().bottomLeft())
                area.ensureVisible(bottom.x(), bottom.y(), 8, 8)
                return
        super().keyPressEvent(event)


class _TabToChosen(QObject):
    """Tab into the answer options lands on the chosen one (Qt lands on the first option, where an arrow key
    would then change the answer)."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusIn and event.reason() in (Qt.FocusReason.TabFocusReason,
                                                                     Qt.FocusReason.BacktabFocusReason):
            group = obj.group() if isinstance(obj, QRadioButton) else None
            chosen = group.checkedButton() if group is not None else None
            if chosen is not None and chosen is not obj and chosen.isEnabled():
                chosen.setFocus(event.reason())
                return True
        return False


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
        self._moving = False  # saving because of a move: the new standard is announced, not "opgeslagen"
        self._sized = False
        self.saver = DebouncedSaver(self._save_pending, AUTOSAVE_MS, self)
        self.setAccessibleName("Standaarden beantwoorden")
        self._build()
        self._make_shortcuts()
        instant_mnemonics(self)
        self.set_read_only(self.read_only)
        self._fill_list()
        self.go_to(self.first_open())

    # --- construction ---------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.splitter = split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        list_label = QLabel("Standaarden")
        ll.addWidget(list_label)
        self.standard_list = QListWidget()
        self.standard_list.setAccessibleName("Lijst van standaarden met antwoord")
        # whole titles, wrapped: never cut off at the side
        self.standard_list.setWordWrap(True)
        self.standard_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.standard_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.standard_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        list_label.setBuddy(self.standard_list)
        self.standard_list.currentRowChanged.connect(self._row_changed)
        ll.addWidget(self.standard_list, 1)
        split.addWidget(left)

        # everything about the shown standard, in reading order; the panel scrolls as a whole
        panel = QWidget()
        rl = QVBoxLayout(panel)
        self.position_label = QLabel()
        self.position_label.setAccessibleDescription("Welke standaard")
        self.position_label.setWordWrap(True)
        rl.addWidget(self.position_label)
        self.text_block = StandardText()
        tl = QVBoxLayout(self.text_block)
        tl.setContentsMargins(4, 2, 4, 2)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        self.title_label.setAccessibleDescription("Standaard")
        tl.addWidget(self.title_label)
        self.explanation_label = QLabel()
        self.explanation_label.setWordWrap(True)
        self.explanation_label.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation_label.setAccessibleDescription("Uitleg bij de standaard")
        tl.addWidget(self.explanation_label)
        self.questions_label = QLabel()
        self.questions_label.setWordWrap(True)
        self.questions_label.setTextFormat(Qt.TextFormat.RichText)
        self.questions_label.setAccessibleDescription("Hulpvragen")
        tl.addWidget(self.questions_label)
        rl.addWidget(self.text_block)

        self.answer_box = QGroupBox("Antwoord (kies met de toets tussen haakjes)")
        al = FlowLayout(self.answer_box)
        al.setContentsMargins(8, 4, 8, 4)
        self.answer_group = QButtonGroup(self)
        self._tab_to_chosen = _TabToChosen(self)
        self.option_buttons: dict[str, QRadioButton] = {}
        for o in self.schaal.opties:
            # the visible text is the accessible name (WCAG 2.5.3); it already says the key
            rb = QRadioButton(f"{o.label.replace('&', '&&')} (toets {o.sneltoets})")
            self.answer_group.addButton(rb)
            rb.installEventFilter(self._tab_to_chosen)
            self.option_buttons[o.code] = rb
            al.addWidget(rb)
            rb.toggled.connect(lambda on, code=o.code: on and self._option_toggled(code))
        rl.addWidget(self.answer_box)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.toelichting_edit = LinesEdit(4)
        self.toelichting_edit.setAccessibleName("Toelichting bij het antwoord")
        self.toelichting_edit.setPlaceholderText("Waarom dit antwoord? Wat gaat goed, wat kan beter?")
        self.toelichting_edit.textChanged.connect(self._edited)
        form.addRow(self._buddy("&Toelichting:", self.toelichting_edit), self.toelichting_edit)
        self.bewijs_edit = QLineEdit()
        self.bewijs_edit.setMaxLength(MAX_BEWIJS)
        self.bewijs_edit.setAccessibleName("Bewijs of verwijzing")
        self.bewijs_edit.setPlaceholderText("Bijvoorbeeld: werkinstructie veiligheidsplan, maart 2024")
        self.bewijs_edit.textChanged.connect(self._edited)
        form.addRow(self._buddy("B&ewijs of verwijzing:", self.bewijs_edit), self.bewijs_edit)
        rl.addLayout(form)
        vp_row = QWidget()
        vp = FlowLayout(vp_row)
        # no mnemonic: Alt+P is this view's own shortcut, which toggles at once (Qt's mnemonic click comes later)
        self.verbeterpunt_check = QCheckBox(f"Dit is een verbeterpunt ({VERBETERPUNT_KEY})")
        self.verbeterpunt_check.toggled.connect(self._verbeterpunt_toggled)
        vp.addWidget(self.verbeterpunt_check)
        prio = QWidget()
        pl = QHBoxLayout(prio)
        pl.setContentsMargins(0, 0, 0, 0)
        self.prioriteit_combo = QComboBox()
        self.prioriteit_combo.setAccessibleName("Prioriteit van het verbeterpunt")
        for text, value in PRIORITEIT_KEUZES:
            self.prioriteit_combo.addItem(text, value.value if value else None)
        self.prioriteit_combo.currentIndexChanged.connect(self._edited)
        pl.addWidget(self._buddy("P&rioriteit:", self.prioriteit_combo))
        pl.addWidget(self.prioriteit_combo)
        vp.addWidget(prio)
        rl.addWidget(vp_row)
        self.verbeterpunt_hint = QLabel()
        self.verbeterpunt_hint.setWordWrap(True)
        self.verbeterpunt_hint.setAccessibleDescription("Tip")
        rl.addWidget(self.verbeterpunt_hint)

        nav_row = QWidget()
        nav = FlowLayout(nav_row)
        self.previous_button = QPushButton("Vorige (PageUp)")
        self.previous_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.previous_button.setAccessibleDescription("Naar de vorige standaard")
        self.previous_button.clicked.connect(self.previous)
        self.next_button = QPushButton("Volgende (PageDown)")
        self.next_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        self.next_button.setAccessibleDescription("Naar de volgende standaard")
        self.next_button.clicked.connect(self.next)
        nav.addWidget(self.previous_button)
        nav.addWidget(self.next_button)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Voortgang")
        self.progress.setFormat("%v van %m beantwoord")
        self.progress.setMinimumWidth(self.fontMetrics().horizontalAdvance("00 van 00 beantwoord") + 24)
        nav.addWidget(self.progress)
        rl.addWidget(nav_row)
        self.save_status = MessageLabel("Opslaan")
        rl.addWidget(self.save_status)
        keys = " · ".join(f"{o.sneltoets} = {o.label}" for o in self.schaal.opties)
        self.key_help = QLabel(
            f"Toetsen: {keys} (in een tekstveld: Alt + toets) · PageDown of Ctrl+Enter: volgende · "
            f"PageUp: vorige · {VERBETERPUNT_KEY}: verbeterpunt aan of uit · F11: presentatie")
        self.key_help.setWordWrap(True)
        self.key_help.setAccessibleDescription("Sneltoetsen")
        rl.addWidget(self.key_help)
        rl.addStretch(1)
        self.panel_scroll = scroll_page(panel)
        self.text_block.area = self.panel_scroll
        split.addWidget(self.panel_scroll)
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
        add_shortcut(self, VERBETERPUNT_KEY, self.toggle_verbeterpunt)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._sized and self.width() > 0:
            self._sized = True  # the list about a third, the standard the rest (the user may drag)
            self.splitter.setSizes([self.width() * 3 // 10, self.width() * 7 // 10])

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
        self._update_hint()

    def _update_prioriteit_enabled(self) -> None:
        self.prioriteit_combo.setEnabled(not self.read_only and self.verbeterpunt_check.isChecked())

    # --- navigation ---------------------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        """Show the standard at ``index``; pending changes of the shown one are saved first (synchronously)."""
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

    def _move(self, index: int) -> None:
        """A move asked for by the user (keys, buttons): save, show, announce, focus on the answer choice.
        All of it happens now, before the next key is handled."""
        self._moving = True
        try:
            self.go_to(index)
        finally:
            self._moving = False
        s = self.current_standard
        announce(self, f"Standaard {self.index + 1} van {len(self.standaarden)}: {s.id} {s.titel}")
        self.focus_answer()

    def focus_answer(self) -> None:
        """Keyboard focus on the answer choice of the shown standard (the chosen option, else the first);
        on the standard's text when the scan is read-only. Not while another view (the presentation) is shown."""
        if not self.isVisible():
            return
        target: QWidget = self.text_block
        if not self.read_only and self.option_buttons:
            target = next((rb for rb in self.option_buttons.values() if rb.isChecked()),
                          next(iter(self.option_buttons.values())))
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def next(self) -> None:
        if self.index < len(self.standaarden) - 1:
            self._move(self.index + 1)
        else:
            self.flush()
            self._show_status(self._saved_text() + " Dit was de laatste standaard.")

    def previous(self) -> None:
        if self.index > 0:
            self._move(self.index - 1)

    def _row_changed(self, row: int) -> None:
        i = self._index_of_row.get(row)
        if i is not None and i != self.index:
            self.go_to(i)  # the list keeps the focus; the screen reader reads the chosen item itself

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
            self.questions_label.setVisible(bool(s.vragen))
            self.text_block.setAccessibleDescription(" ".join(
                [f"{s.id} {s.titel}.", s.toelichting] + (["Hulpvragen:", *s.vragen] if s.vragen else [])))
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
        finally:
            self._loading = False
        self._update_hint()
        self._update_progress()
        if not self.save_status.error:
            self._show_status(self._saved_text(), announce_it=False)
        if self.panel_scroll.isVisible():
            self.panel_scroll.verticalScrollBar().setValue(0)  # a new standard is read from the top

    # --- editing ------------------------------------------------------------------------------------
    def choose(self, code: str) -> None:
        """Choose an answer option for the shown standard (keys, buttons, presentation view)."""
        if self.read_only:
            self._show_status("Deze zelfscan is vastgesteld. Je kunt de antwoorden niet meer veranderen.")
            return
        rb = self.option_buttons[code]
        if not rb.isChecked():
            rb.setChecked(True)  # -> _option_toggled
        if QApplication.focusWidget() in self.option_buttons.values():
            rb.setFocus(Qt.FocusReason.OtherFocusReason)  # the focus stays on the chosen answer

    def toggle_verbeterpunt(self) -> None:
        """Alt+P: verbeterpunt on or off for the shown standard, at once; the focus stays where it is."""
        if self.read_only:
            self._show_status("Deze zelfscan is vastgesteld. Je kunt de antwoorden niet meer veranderen.")
            return
        self.verbeterpunt_check.setChecked(not self.verbeterpunt_check.isChecked())
        announce(self, "Verbeterpunt aan" if self.verbeterpunt_check.isChecked() else "Verbeterpunt uit")

    def _option_toggled(self, code: str) -> None:  # noqa: ARG002
        if self._loading:
            return
        self._update_hint()
        self._edited()

    def _verbeterpunt_toggled(self, _on: bool) -> None:
        self._update_prioriteit_enabled()
        self._update_hint()
        if not self._loading:
            self._edited()

    def _update_hint(self) -> None:
        """A hint, never a change: some answers usually make a verbeterpunt; the team decides (Alt+P)."""
        code = next((c for c, rb in self.option_buttons.items() if rb.isChecked()), None)
        show = (not self.read_only and not self.verbeterpunt_check.isChecked()
                and stel_verbeterpunt_voor(self.catalogus, code))
        text = (f"Tip: bij dit antwoord hoort vaak een verbeterpunt. Wil het team dat? Zet het aan met "
                f"{VERBETERPUNT_KEY}." if show else "")
        self.verbeterpunt_hint.setText(text)
        self.verbeterpunt_hint.setVisible(bool(text))
        self.verbeterpunt_check.setAccessibleDescription(text)

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
        if not self.save_status.error:
            self._show_status("Wordt opgeslagen…", announce_it=False)  # said only when it is done
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
            self._show_status(f"Opslaan lukte niet: {failed}", error=True)
        else:
            self._show_status(self._saved_text(), announce_it=not self._moving)
            self.answers_saved.emit()
        self._update_progress()

    def _show_status(self, text: str, *, error: bool = False, announce_it: bool = True) -> None:
        """The save/status line. An error is said at once; "Alles is opgeslagen." politely (not on a move:
        then the new standard is said); the passing "Wordt opgeslagen…" is only shown."""
        label = self.save_status
        if label.error != error:
            label.error = error
            label.setObjectName("foutmelding" if error else "")
            label.style().unpolish(label)
            label.style().polish(label)
        if announce_it:
            label.setText(text)  # MessageLabel: announced when it changed
        else:
            QLabel.setText(label, text)

    def _saved_text(self) -> str:
        return "Alles is opgeslagen." if not self.pending else "Wordt opgeslagen…"

    def _update_progress(self) -> None:
        v = self.progress_counts()
        self.progress.setMaximum(max(1, v.totaal))
        self.progress.setValue(v.beantwoord)
        self.progress.setAccessibleDescription(f"{v.beantwoord} van {v.totaal} standaarden beantwoord")
