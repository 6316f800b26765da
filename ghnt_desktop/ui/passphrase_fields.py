"""The fields for choosing a new passphrase (first start, changing it): one look, one strength hint."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit

from ghnt_desktop.domain import passphrase as policy


def password_edit(accessible_name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(accessible_name)
    return edit


def add_new_passphrase_rows(form: QFormLayout, login: Callable[[], str], *, label: str, repeat_label: str,
                            name: str, repeat_name: str) -> tuple[QLineEdit, QLineEdit, QLabel]:
    """Add "new passphrase", "repeat" and a live strength hint to ``form``; returns the three widgets."""
    new = password_edit(name)
    form.addRow(label, new)
    repeat = password_edit(repeat_name)
    form.addRow(repeat_label, repeat)
    strength = QLabel(f"Minstens {policy.MIN_LENGTH} tekens. Een zin van een paar woorden is sterk én "
                      "goed te onthouden.")
    strength.setWordWrap(True)
    strength.setAccessibleDescription("Sterkte van de wachtzin")  # the name stays its visible text
    form.addRow("", strength)
    new.setAccessibleDescription(strength.text())

    def update(text: str) -> None:
        s = policy.controleer(text, login=login())
        strength.setText(f"Sterkte: {s.label}. {s.hint}")
        # read with the field, not announced at every key (that would talk over the typing)
        new.setAccessibleDescription(strength.text())

    new.textChanged.connect(update)
    return new, repeat, strength
