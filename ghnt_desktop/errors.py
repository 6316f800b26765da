"""Known, user-facing errors (environment problems, bad input) versus bugs.

A ``UserError`` carries a plain-Dutch message that can be shown as-is, and an
exit code for the command line. Anything else that escapes is a bug and ends up
in a local crash report (see ``ghnt_desktop.crash``).
"""
from __future__ import annotations


class UserError(Exception):
    """An error the user can understand and act on. ``str(e)`` is Dutch."""

    exit_code = 1

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = list(details or [])

    def __str__(self) -> str:
        if not self.details:
            return self.message
        return self.message + "\n" + "\n".join(f"- {d}" for d in self.details)


class ValidationError(UserError):
    """Input (a file, a form) did not pass validation; ``details`` lists every problem."""


class PermissionDenied(UserError):
    """The current account may not do this. Message says so in Dutch, without case content."""


class WorkspaceError(UserError):
    """Problems opening or creating the workspace (wrong passphrase, locked, corrupt ...)."""


class WrongPassphrase(WorkspaceError):
    pass


class WorkspaceLocked(WorkspaceError):
    pass


class WorkspaceCorrupt(WorkspaceError):
    pass


class WorkspaceTooNew(WorkspaceError):
    pass


class StorageFull(WorkspaceError):
    pass


class ReadOnlyDataDir(WorkspaceError):
    pass
