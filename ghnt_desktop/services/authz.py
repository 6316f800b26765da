"""Authorization checks used by every service function (not by hiding buttons)."""
from __future__ import annotations

from ghnt_desktop.domain.roles import Actie, mag
from ghnt_desktop.errors import PermissionDenied
from ghnt_desktop.storage.workspace import Workspace

_UITLEG = {
    "dossier": "Met jouw rol mag je deze dossiergegevens niet zien of wijzigen.",
    "beheer": "Dit mag alleen de beheerder.",
}


def vereis(ws: Workspace, actie: Actie, *, object_type: str = "werkruimte", object_id: str | int | None = None) -> None:
    """Raise PermissionDenied (and record the refusal in the audit trail) unless allowed."""
    if mag(ws.session.rollen, actie):
        return
    ws.audit(f"geweigerd:{actie}", object_type, object_id, resultaat="geweigerd")
    raise PermissionDenied(f"Dat mag je niet met jouw rol ({actie.value.replace('_', ' ')}).")
