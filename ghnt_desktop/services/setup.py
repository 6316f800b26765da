"""Creating a workspace (first start, demo, oefenmodus)."""
from __future__ import annotations

from pathlib import Path

from ghnt_desktop.domain import passphrase as policy
from ghnt_desktop.domain.roles import Rol
from ghnt_desktop.errors import ValidationError
from ghnt_desktop.storage.workspace import Workspace


def create_workspace(data_dir: Path, *, organisatie: str, gemeenten: list[tuple[str, str]], login: str, naam: str,
                     passphrase: str, demo: bool = False, oefen: bool = False,
                     rollen: frozenset[Rol] = frozenset({Rol.BEHEERDER}),
                     check_passphrase: bool = True) -> Workspace:
    problems = []
    if not organisatie.strip():
        problems.append("De naam van de organisatie ontbreekt.")
    if not gemeenten:
        problems.append("Kies minstens één gemeente.")
    if not login.strip() or not naam.strip():
        problems.append("Naam en inlognaam zijn nodig.")
    if check_passphrase:
        s = policy.controleer(passphrase, login=login)
        if not s.voldoende:
            problems.append(f"Wachtzin: {s.hint}")
    if problems:
        raise ValidationError("De werkruimte is niet gemaakt.", details=problems)
    return Workspace.create(Path(data_dir), organisatie=organisatie.strip(), gemeenten=gemeenten, login=login,
                            naam=naam, passphrase=passphrase, demo=demo, oefen=oefen, rollen=rollen)
