"""The unlock dialog shown after a lock: verifies the same account's passphrase.

Escape or "App afsluiten" asks first: closing this dialog closes the app (it cannot be used locked)."""
from __future__ import annotations

from ghnt_desktop.ui.unlock_dialog import UnlockDialog


class LockUnlockDialog(UnlockDialog):
    def __init__(self, ws, parent=None) -> None:
        super().__init__(ws.data_dir, login=ws.session.login, fixed_login=True, parent=parent,
                         title="Vergrendeld – GHNT Desktop")
        self.ws = ws
        self.intro.setText("De app is vergrendeld. Vul je wachtzin in om verder te werken.")
        self.cancel_button.setText("App af&sluiten…")
        self.cancel_button.setToolTip("De app sluiten. Wat je had ingevuld, is bewaard.")
        self.asked_to_quit = False
        self._closing_with_window = False

    def close_with_window(self) -> None:
        """The main window closes (the app quits): go without asking and without closing it once more."""
        self._closing_with_window = True
        self.blockSignals(True)
        try:
            self.reject()
        finally:
            self.blockSignals(False)

    def unlock(self, login: str, passphrase: str):
        from ghnt_desktop.services.login import verify_passphrase

        verify_passphrase(self.ws, passphrase)
        return self.ws

    def reject(self) -> None:
        """Escape (or the button) closes the app only when the user says so."""
        from ghnt_desktop.ui.messages import confirm

        self.asked_to_quit = True
        if self._closing_with_window:
            super().reject()
            return
        if confirm(self, "App afsluiten?", "Wil je de app afsluiten? Wat je had ingevuld, is bewaard. Daarna moet "
                   "je de app opnieuw starten en inloggen.", yes="App afsluiten", no="Niet afsluiten"):
            super().reject()
        else:
            self.pass_edit.setFocus()
