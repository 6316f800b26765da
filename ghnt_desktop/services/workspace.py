"""The open workspace and who works in it, named for the layers above the services.

ui, cli, reporting and demo hold a :class:`Workspace` (from ``services.login`` or ``services.setup``)
and read its :class:`Session`; they name these types from here, never from ``storage``
(docs/architecture.md, checked by import-linter). Opening, locking, restoring and changing a
workspace are use cases in ``services.login``, ``services.setup`` and ``services.backup``;
questions about a data folder that is not open are in ``services.datadir``.
"""
from __future__ import annotations

from ghnt_desktop.storage.workspace import Session, Workspace

__all__ = ["Session", "Workspace"]
