"""The unlock dialog shown after a lock: verifies the same account's passphrase."""
from __future__ import annotations

from ghnt_desktop.ui.unlock_dialog import UnlockDialog


class LockUnlockDialog(UnlockDialog):
    def __init__(self, ws, parent=None) -> None:
        super().__init__(ws.data_dir, login=ws.session.login, fixed_login=True, parent=parent,
                         title="Vergrendeld – GHNT Desktop")
        self.ws = ws

    def unlock(self, login: str, passphrase: str):
        from ghnt_desktop.services.login import verify_passphrase

        verify_passphrase(self.ws, passphrase)
        return self.ws
