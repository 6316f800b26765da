"""Beheer › Instellingen: every whole-number setting the beheerder manages (``services.settings``), within
its limits. A new auto-lock time applies to the running window at once."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ghnt_desktop.domain.roles import Actie
from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.beheer.common import message_label, say
from ghnt_desktop.ui.pages import PageMixin


class SettingsTab(QWidget, PageMixin):
    """Every registered whole-number setting the beheerder manages, with its limits."""

    titel = "Instellingen"

    def __init__(self, ws, parent=None) -> None:
        from ghnt_desktop.services import settings

        super().__init__(parent)
        self.ws = ws
        lay = QVBoxLayout(self)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # at a large text size: field under label
        self.spins: dict[str, QSpinBox] = {}
        for s in settings.registry().values():
            if s.type is not int or s.actie is not Actie.INSTELLINGEN_BEHEREN:
                continue
            spin = QSpinBox()
            spin.setRange(int(s.min if s.min is not None else 0), int(s.max if s.max is not None else 10_000))
            spin.setAccessibleName(s.label or s.key)
            spin.setAccessibleDescription(s.uitleg)
            spin.setToolTip(s.uitleg)
            self.spins[s.key] = spin
            lab = QLabel(f"{s.label or s.key}:")
            lab.setWordWrap(True)
            lab.setBuddy(spin)
            help_ = QLabel(f"{s.uitleg} (van {s.min} tot en met {s.max}; standaard {s.default})")
            help_.setWordWrap(True)
            box = QVBoxLayout()
            box.addWidget(spin)
            box.addWidget(help_)
            form.addRow(lab, box)
        lay.addLayout(form)
        self.save_button = QPushButton("&Opslaan")
        self.save_button.setAccessibleName("Instellingen opslaan")
        self.save_button.clicked.connect(self.save)
        lay.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.message = message_label()
        lay.addWidget(self.message)
        lay.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        from ghnt_desktop.services import settings

        for key, spin in self.spins.items():
            spin.setValue(int(settings.haal(self.ws, key)))

    def save(self) -> None:
        from ghnt_desktop.services import settings

        changed = []
        try:
            for key, spin in self.spins.items():
                if spin.value() != settings.haal(self.ws, key):
                    settings.zet(self.ws, key, spin.value())
                    changed.append(key)
        except UserError as exc:
            say(self.message, str(exc), error=True)
            return
        if settings.AUTOLOCK_MINUTEN.key in changed:
            apply_autolock(self.window(), settings.haal(self.ws, settings.AUTOLOCK_MINUTEN.key))
        say(self.message, "Opgeslagen." if changed else "Er was niets veranderd.")


def apply_autolock(window, minutes: int) -> bool:
    """Apply a new auto-lock time to a running main window (its IdleWatcher), if there is one."""
    idle = getattr(window, "idle", None)
    if idle is None or not hasattr(idle, "set_minutes"):
        return False
    idle.set_minutes(minutes)
    return True
