"""The red "Acuut onveilig?" button (object name ``acuutKnop``), without loading the panel's code: the main
window shows it before its first paint, and ``ui.acute_dialog`` is loaded when the button is first used."""
from __future__ import annotations

from PySide6.QtWidgets import QPushButton

ACUTE_KEYS = "Ctrl+Shift+A"
ACUTE_NAME = "Acuut onveilig? Wat je nu moet doen"
ACUTE_TIP = f"Wat doe je als iemand nu in gevaar is? ({ACUTE_KEYS})"


def acute_button(on_click, text: str = "Acuut onveilig?") -> QPushButton:
    """The red button; bold set on the widget so it is sized for bold text. ``on_click``: what opens the panel
    (normally ``acute_dialog.open_acute``, which this module does not import: it is loaded after the first
    paint)."""
    button = QPushButton(text)
    button.setObjectName("acuutKnop")
    bold = button.font()
    bold.setBold(True)
    button.setFont(bold)
    button.setAccessibleName(ACUTE_NAME)
    button.setToolTip(ACUTE_TIP)
    button.setAutoDefault(False)
    button.clicked.connect(on_click)
    return button
