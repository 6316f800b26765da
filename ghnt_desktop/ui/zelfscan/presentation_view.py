"""Presentation view: one standard in large text, for a team looking at one screen together.

It follows an ``AnswerView`` (same scan, same position) and offers the same answer and navigation keys,
so the person at the keyboard can keep going while everyone reads along. Text sizes are a multiple of the
app font, so "Tekst groter" (Ctrl++) makes the presentation bigger too. F11 or Escape goes back.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QVBoxLayout, QWidget

from ghnt_desktop.ui.zelfscan.answer_view import (NEXT_KEYS, PREVIOUS_KEYS, VERBETERPUNT_KEY, add_shortcut,
                                                  option_keys)
from ghnt_desktop.ui.zelfscan.common import catalog_plain

TITLE_FACTOR = 2.2
BODY_FACTOR = 1.6
KEYS_FACTOR = 1.2


class PresentationView(QWidget):
    close_requested = Signal()

    def __init__(self, answer_view, parent=None) -> None:
        super().__init__(parent)
        self.answer_view = answer_view
        self.setAccessibleName("Presentatie van de zelfscan")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer = QVBoxLayout(self)
        self.position_label = self._label("Welke standaard")
        self.title_label = self._label("Standaard", plain=True)
        self.explanation_label = self._label("Uitleg bij de standaard", plain=True)
        self.questions_label = self._label("Hulpvragen")
        self.team_note_label = self._label("Toelichting van het team", plain=True)
        self.answer_label = self._label("Huidig antwoord")
        self.keys_label = self._label("Sneltoetsen")
        self.catalog_label = self._label("Gebruikt kwaliteitskader", plain=True)
        # position and answer always stay in view; the standard's text, the keys and the catalogue scroll
        # (at a large text size on a laptop screen there is no room to keep the keys in view as well)
        content = QWidget()
        lay = QVBoxLayout(content)
        for w in (self.title_label, self.explanation_label, self.questions_label, self.team_note_label,
                  self.keys_label, self.catalog_label):
            lay.addWidget(w)
        lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text_scroll = scroll
        outer.addWidget(self.position_label)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.answer_label)
        self._shown_id: str | None = None
        c = answer_view.catalogus
        self.catalog_label.setText(catalog_plain(c.naam, c.versie, c.officieel))
        for seq in NEXT_KEYS:
            add_shortcut(self, seq, answer_view.next)
        for seq in PREVIOUS_KEYS:
            add_shortcut(self, seq, answer_view.previous)
        for o in answer_view.schaal.opties:
            for seq in option_keys(o.sneltoets):
                add_shortcut(self, seq, lambda code=o.code: answer_view.choose(code))
        add_shortcut(self, VERBETERPUNT_KEY, answer_view.toggle_verbeterpunt)
        bar = scroll.verticalScrollBar()
        add_shortcut(self, "Down", lambda: bar.setValue(bar.value() + bar.singleStep() * 3))
        add_shortcut(self, "Up", lambda: bar.setValue(bar.value() - bar.singleStep() * 3))
        # F11 (back) is the scan view's own shortcut; a second one here would make F11 ambiguous
        add_shortcut(self, "Escape", self.close_requested.emit)
        answer_view.current_changed.connect(self.refresh)
        answer_view.answers_saved.connect(self.refresh)
        # "Tekst groter/kleiner" changes the application font; follow it (also when hidden)
        QApplication.instance().fontChanged.connect(self.apply_fonts)
        self.apply_fonts()
        self.refresh()

    def _label(self, kind: str, *, plain: bool = False) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setAccessibleDescription(kind)  # the name stays the visible text (ui/a11y.py)
        label.setTextFormat(Qt.TextFormat.PlainText if plain else Qt.TextFormat.RichText)
        return label

    # --- fonts relative to the app font -----------------------------------------------------------
    def apply_fonts(self, *_args) -> None:
        base = QApplication.font()
        size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
        body = QFont(base)
        body.setPointSizeF(size * BODY_FACTOR)
        title = QFont(base)
        title.setPointSizeF(size * TITLE_FACTOR)
        title.setBold(True)
        for w in (self.position_label, self.explanation_label, self.questions_label, self.answer_label,
                  self.team_note_label):
            w.setFont(body)
        keys = QFont(base)
        keys.setPointSizeF(size * KEYS_FACTOR)
        self.keys_label.setFont(keys)
        self.catalog_label.setFont(base)
        self.title_label.setFont(title)
        self._fit_fixed()

    def _fit_fixed(self) -> None:
        """Position and answer always stay in view, in full: on a short view (a laptop at a large text size)
        they get a smaller factor, so that at least two thirds of the height is left for the standard's text."""
        width, height = self.position_label.width() or self.width(), self.height()
        if width <= 0 or height <= 0:
            return
        base = QApplication.font()
        size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
        for factor in (BODY_FACTOR, KEYS_FACTOR, 1.0):
            font = QFont(base)
            font.setPointSizeF(size * factor)
            for w in (self.position_label, self.answer_label):
                if w.font() != font:
                    w.setFont(font)
            need = sum(w.heightForWidth(width) for w in (self.position_label, self.answer_label))
            if need <= height / 3:
                break

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_fixed()

    def event(self, event) -> bool:  # noqa: A003
        if event.type() in (QEvent.Type.ApplicationFontChange, QEvent.Type.FontChange, QEvent.Type.ParentChange):
            result = super().event(event)
            self.apply_fonts()
            return result
        return super().event(event)

    def showEvent(self, event) -> None:  # noqa: N802
        self.apply_fonts()  # a style (sheet) may have re-resolved the fonts while this view was hidden
        super().showEvent(event)

    # --- content ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        av = self.answer_view
        s = av.current_standard
        cat = av.catalogus
        v = av.progress_counts()
        self.position_label.setText(
            f"Standaard {av.index + 1} van {len(av.standaarden)} · {html.escape(cat.thema(s.thema).naam)} · "
            f"{v.beantwoord} van {v.totaal} beantwoord")
        self.title_label.setText(f"{s.id} {s.titel}")
        if s.id != self._shown_id:  # a new standard is read from the top
            self._shown_id = s.id
            self.text_scroll.verticalScrollBar().setValue(0)
        self.explanation_label.setText(s.toelichting)
        self.questions_label.setText(
            "<b>Hulpvragen</b><ul>" + "".join(f"<li>{html.escape(q)}</li>" for q in s.vragen) + "</ul>"
            if s.vragen else "")
        a = av.current_answer()
        if a is None or a.code is None:
            answer = "<b>Antwoord:</b> nog geen antwoord"
        else:
            answer = f"<b>Antwoord:</b> {html.escape(av.schaal.optie(a.code).label)}"
        if a is not None and a.verbeterpunt:
            answer += " · <b>verbeterpunt</b>"
            if a.prioriteit is not None:
                answer += f", prioriteit {html.escape(a.prioriteit.label.lower())}"
        if av.read_only:
            answer += "<br>(vastgesteld: kan niet meer veranderen)"
        self.answer_label.setText(answer)
        note = a.toelichting.strip() if a is not None else ""
        self.team_note_label.setText(f"Toelichting van het team: {note}" if note else "")
        self.team_note_label.setVisible(bool(note))
        keys = " · ".join(f"<b>{html.escape(o.sneltoets)}</b> {html.escape(o.label)}" for o in av.schaal.opties)
        self.keys_label.setText(f"{keys}<br>PageDown: volgende · PageUp: vorige · {VERBETERPUNT_KEY}: "
                                "verbeterpunt · pijltjes: tekst scrollen · F11 of Esc: terug")
