"""Typed workspace settings, stored as JSON in table ``instelling``.

A declared registry (like Picard's typed options): every setting has a key, a
type, a default and optional limits, plus the action a user needs to change it.
Reading is open to every logged-in account (settings hold no case content);
changing is checked in :func:`zet` and recorded in the audit trail.

Other modules declare their own settings with :func:`registreer` at import time.
A stored value that no longer fits its declaration (type or range) is ignored and
the default is used, so a bad value can never stop the app.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

from ghnt_desktop.domain.roles import Actie
from ghnt_desktop.errors import ValidationError
from ghnt_desktop.services.authz import vereis
from ghnt_desktop.storage.workspace import Workspace


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    min: int | float | None = None
    max: int | float | None = None
    label: str = ""  # Dutch, for the Instellingen screen
    uitleg: str = ""  # Dutch help text
    actie: Actie | None = Actie.INSTELLINGEN_BEHEREN  # needed to change it; None = every logged-in account
    controle: Callable[[Any], list[str]] | None = None  # extra validation, returns Dutch problems

    def problemen(self, value: Any) -> list[str]:
        naam = self.label or self.key
        if self.type is int and (isinstance(value, bool) or not isinstance(value, int)):
            return [f"{naam}: vul een heel getal in."]
        if self.type is float and (isinstance(value, bool) or not isinstance(value, (int, float))):
            return [f"{naam}: vul een getal in."]
        if self.type not in (int, float) and not isinstance(value, self.type):
            return [f"{naam}: deze waarde past niet."]
        if self.min is not None and value < self.min:
            return [f"{naam}: minimaal {self.min}."]
        if self.max is not None and value > self.max:
            return [f"{naam}: maximaal {self.max}."]
        return list(self.controle(value)) if self.controle else []


_REGISTRY: dict[str, Setting] = {}


def registreer(setting: Setting) -> Setting:
    """Declare a setting. Declaring the same key twice with a different definition is a bug."""
    bestaand = _REGISTRY.get(setting.key)
    if bestaand is not None and bestaand != setting:
        raise ValueError(f"setting {setting.key!r} declared twice with different definitions")
    if setting.problemen(setting.default):
        raise ValueError(f"default of setting {setting.key!r} does not fit its own limits")
    _REGISTRY[setting.key] = setting
    return setting


def registry() -> dict[str, Setting]:
    return dict(_REGISTRY)


def declaratie(key: str) -> Setting:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise KeyError(f"unknown setting {key!r}") from None


# --- the settings of this package ------------------------------------------

AUTOLOCK_MINUTEN = registreer(Setting(
    "autolock_minuten", int, 5, 1, 30, label="Automatisch vergrendelen na (minuten)",
    uitleg="Na zoveel minuten zonder toetsenbord of muis vergrendelt de app zichzelf. Alles wordt eerst opgeslagen."))
INACTIEF_WEKEN = registreer(Setting(
    "inactief_weken", int, 6, 1, 52, label="Dossier geldt als stil na (weken)",
    uitleg="Een open dossier waarin zolang niets is gebeurd, komt op de lijst 'Stilgevallen dossiers'."))
VT_TERUGKOPPELING_WERKDAGEN = registreer(Setting(
    "vt_terugkoppeling_werkdagen", int, 5, 1, 20, label="Terugkoppeling Veilig Thuis verwacht binnen (werkdagen)",
    uitleg="Na een melding of advies bij Veilig Thuis herinnert de app je als er na zoveel werkdagen niets is vastgelegd."))


def _locatie_controle(value: Any) -> list[str]:
    if not all(isinstance(k, str) and v in ("netwerk", "cloud") for k, v in value.items()):
        return ["Bevestigde gegevensmappen: ongeldige waarde."]
    return []


LOCATIE_AKKOORD = registreer(Setting(
    "locatie_akkoord", dict, {}, label="Bevestigde gegevensmappen",
    uitleg="Mappen op een netwerkschijf of in een cloudmap waarvoor iemand het risico heeft bevestigd.",
    actie=None, controle=_locatie_controle))


# --- reading and writing -----------------------------------------------------

def _raw(ws: Workspace, key: str) -> Any:
    row = ws.db.conn.execute("SELECT waarde FROM instelling WHERE sleutel = ?", [key]).fetchone()
    if row is None:
        raise LookupError(key)
    return json.loads(row[0])


def haal(ws: Workspace, key: str) -> Any:
    """The current value (the default when nothing valid is stored)."""
    s = declaratie(key)
    try:
        value = _raw(ws, key)
    except (LookupError, ValueError):
        return s.default
    if s.type is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    return s.default if s.problemen(value) else value


def is_standaard(ws: Workspace, key: str) -> bool:
    declaratie(key)
    return ws.db.conn.execute("SELECT 1 FROM instelling WHERE sleutel = ?", [key]).fetchone() is None


def zet(ws: Workspace, key: str, value: Any) -> None:
    """Change a setting: authorization, validation, audit — in one transaction."""
    s = declaratie(key)
    if s.actie is not None:
        vereis(ws, s.actie, object_type="instelling", object_id=key)
    problems = s.problemen(value)
    if problems:
        raise ValidationError("De instelling is niet opgeslagen.", details=problems)
    with ws.db.atomic():
        ws.db.conn.execute("INSERT OR REPLACE INTO instelling (sleutel, waarde) VALUES (?, ?)",
                           [key, json.dumps(value, ensure_ascii=False, sort_keys=True)])
        ws.audit("instelling_wijzigen", "instelling", key)


def herstel_standaard(ws: Workspace, key: str) -> None:
    s = declaratie(key)
    if s.actie is not None:
        vereis(ws, s.actie, object_type="instelling", object_id=key)
    with ws.db.atomic():
        ws.db.conn.execute("DELETE FROM instelling WHERE sleutel = ?", [key])
        ws.audit("instelling_wijzigen", "instelling", key, resultaat="standaard")
