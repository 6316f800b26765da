"""Shared look-ups for ``ghnt init``, ``ghnt team`` and ``ghnt account``: gemeenten, team kinds, roles.

Every look-up forgives case and spacing and answers a wrong value with a Dutch ``UserError``
(exit 1) that lists what is possible. These run before the workspace is unlocked: a typing
error should not cost a passphrase (and an Argon2id run).
"""
from __future__ import annotations

import re
from contextlib import contextmanager

from ghnt_desktop.errors import UserError

_SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")


def _sleutel(tekst: str) -> str:
    from ghnt_desktop.content.gemeenten import normaliseer

    return normaliseer(tekst).replace(".", "")


def gemeente(zoekterm: str):
    """The current gemeente (``content.gemeenten.Gemeente``) for a CBS code or a name.

    A bare name shared by several gemeenten ("Bergen") is ambiguous: the message names them
    with their CBS codes. A merged gemeente gives the one it joined (see :func:`gemeenten`).
    """
    from ghnt_desktop.content import gemeenten as gm

    term = (zoekterm or "").strip()
    gevonden = gm.zoek_gemeente(term)
    if gevonden is not None:
        return gevonden
    kaal = _SUFFIX.sub("", _sleutel(term))
    kandidaten = [g for g in gm.alle_gemeenten() if kaal and _SUFFIX.sub("", _sleutel(g.naam)) == kaal]
    if len(kandidaten) > 1:
        opties = ", ".join(f"{g.naam} ({g.cbs_code})" for g in kandidaten)
        raise UserError(f"Er zijn meer gemeenten die '{term}' heten: {opties}. Gebruik de CBS-code.")
    nieuw = gm.huidige_gemeente(term)
    if nieuw is not None:
        return nieuw
    raise UserError(f"De gemeente '{term}' is onbekend. Gebruik de naam of de CBS-code, "
                    "bijvoorbeeld Zaanstad of GM0479.")


def gemeenten(zoektermen: list[str]) -> list:
    """Several gemeenten, without doubles, in the given order. Says so when a merged gemeente was given."""
    from ghnt_desktop.content.gemeenten import zoek_gemeente, zoek_historisch

    uit: dict[str, object] = {}
    for term in zoektermen:
        g = gemeente(term)
        oud = zoek_historisch(term) if zoek_gemeente(term) is None else None
        if oud is not None:
            print(f"Let op: {oud.naam} is opgegaan in {g.naam}. Er wordt {g.naam} gebruikt.")
        uit.setdefault(g.cbs_code, g)
    return list(uit.values())


def gemeente_naam(code: str) -> str:
    from ghnt_desktop.content.gemeenten import zoek_gemeente

    g = zoek_gemeente(code)
    return g.naam if g else code


def team_soort(tekst: str) -> str:
    """The key of a team kind, from the key (``sociaal_team``) or the label ("Sociaal team")."""
    from ghnt_desktop.domain.organisatie import TEAM_SOORTEN

    gezocht = " ".join((tekst or "").replace("_", " ").split()).casefold()
    for key, label in TEAM_SOORTEN.items():
        if gezocht in (key.replace("_", " ").casefold(), " ".join(label.split()).casefold()):
            return key
    opties = ", ".join(f"{key} ({label})" for key, label in TEAM_SOORTEN.items())
    raise UserError(f"De soort team '{(tekst or '').strip()}' is onbekend. Kies uit: {opties}.")


def rollen(teksten: list[str]) -> frozenset:
    """Roles from ``--rol professional,aandachtsfunctionaris`` (the option may also be repeated)."""
    from ghnt_desktop.domain.roles import ROL_LABELS, Rol

    uit = set()
    for deel in (d.strip() for t in teksten for d in t.split(",")):
        if not deel:
            continue
        gezocht = deel.casefold()
        for rol in Rol:
            if gezocht in (rol.value, ROL_LABELS[rol].casefold()):
                uit.add(rol)
                break
        else:
            opties = ", ".join(r.value for r in Rol)
            raise UserError(f"De rol '{deel}' is onbekend. Kies uit: {opties}.")
    if not uit:
        raise UserError("Geef minstens één rol op met --rol, bijvoorbeeld --rol professional.")
    return frozenset(uit)


def rollen_tekst(rollen_: frozenset) -> str:
    from ghnt_desktop.domain.roles import Rol

    return ", ".join(r.value for r in Rol if r in rollen_)


@contextmanager
def werkruimte(args):
    """The unlocked workspace for ``args`` (``--data-dir``, ``--user``, ``--passphrase-file``), closed afterwards."""
    from ghnt_desktop.cli.args import open_workspace_from_args

    ws = open_workspace_from_args(args)
    try:
        yield ws
    finally:
        ws.close()
