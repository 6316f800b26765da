"""The reusable autosave helper: debounce, flush, and a JSON-safe round trip for common widgets."""
from __future__ import annotations

import json
import time

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QLineEdit, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QSpinBox, QWidget)

from ghnt_desktop.ui.meldcode.autosave import DEFAULT_DELAY_MS, DebouncedSaver, FieldSet
from ghnt_desktop.ui.datum_veld import DatumVeld
from ghnt_desktop.ui.meldcode.widgets import ChoiceButtons


def test_debounced_saver_saves_once_after_quiet_and_flushes_at_once(qtbot, app):
    calls = []
    saver = DebouncedSaver(lambda: calls.append(time.monotonic()))
    assert DEFAULT_DELAY_MS <= 500
    start = time.monotonic()
    for _ in range(5):
        saver.touch()
        qtbot.wait(50)
    assert calls == []
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=1000)
    assert calls[0] - start < 1.0
    saver.touch()
    assert saver.pending
    saver.flush()
    assert len(calls) == 2 and not saver.pending
    saver.flush()  # nothing pending: no extra save
    assert len(calls) == 2


def test_fieldset_round_trip_is_json_safe(qtbot, app):
    root = QWidget()
    qtbot.addWidget(root)
    fs = FieldSet(root)
    line, text, check, combo, spin = QLineEdit(root), QPlainTextEdit(root), QCheckBox("x", root), QComboBox(root), QSpinBox(root)
    combo.addItem("leeg", None)
    combo.addItem("Feit", "feit")
    spin.setRange(-1, 10)
    spin.setSpecialValueText("onbekend")
    spin.setValue(-1)
    date = QDateEdit(root)
    lst = QListWidget(root)
    for v in ("a", "b"):
        it = QListWidgetItem(v)
        it.setData(Qt.ItemDataRole.UserRole, v)
        it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        it.setCheckState(Qt.CheckState.Unchecked)
        lst.addItem(it)
    choice = ChoiceButtons([(True, "Ja"), (False, "Nee")], root)
    opt_date = DatumVeld("Datum", parent=root)  # the app's one date field, empty when optional
    for name, w in (("line", line), ("text", text), ("check", check), ("combo", combo), ("spin", spin),
                    ("date", date), ("list", lst), ("choice", choice), ("opt_date", opt_date)):
        fs.add(name, w)
    fs.remember_defaults()
    assert fs.is_default()
    changes = []
    fs.changed.connect(lambda: changes.append(1))
    line.setText("Eliëtte €")
    text.setPlainText("regel 1\nregel 2")
    check.setChecked(True)
    combo.setCurrentIndex(1)
    spin.setValue(3)
    date.setDate(QDate(2026, 3, 4))
    lst.item(1).setCheckState(Qt.CheckState.Checked)
    choice.button_for(False).setChecked(True)
    opt_date.edit.setText("6-5-2026")  # typed, as a person does
    assert len(changes) >= 9 and not fs.is_default()
    values = json.loads(json.dumps(fs.values()))
    assert values == {"line": "Eliëtte €", "text": "regel 1\nregel 2", "check": True, "combo": "feit", "spin": 3,
                      "date": "2026-03-04", "list": ["b"], "choice": False, "opt_date": "2026-05-06"}
    fs.clear()
    assert fs.is_default() and fs.values()["spin"] is None and fs.values()["choice"] is None
    assert fs.values()["opt_date"] is None
    n = len(changes)
    fs.set_values(values)  # quiet by default: restoring a draft is not a new change
    assert fs.values() == values and len(changes) == n
