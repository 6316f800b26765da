"""Oefenmodus: a separate practice workspace with the fictitious training cases.

The practice workspace is a workspace of its own (own database, own key slots, flag ``oefen=1``)
in ``<data dir>/oefenwerkruimte/``. It never shares a database with real dossiers, so training
data cannot end up in a real client file, a real list or real figures. Its cases come from
``resources/meldcode/oefencasussen.json`` (see ``Oefencasus.als_dossier``).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from ghnt_desktop.domain.roles import Rol
from ghnt_desktop.errors import WorkspaceError

OEFEN_MAP = "oefenwerkruimte"
# The practice account (fictitious data only, so a shared, simple passphrase is fine).
OEFEN_LOGIN = "oefen"
OEFEN_WACHTZIN = "oefen"
OEFEN_NAAM = "Oefenaccount"
ORGANISATIE = "Oefenwerkruimte (alles is verzonnen)"
OEFEN_ROLLEN = frozenset({Rol.PROFESSIONAL, Rol.AANDACHTSFUNCTIONARIS})

# Fallback when the gemeenten reference file cannot be read.
_ZAWA = [("GM0385", "Edam-Volendam"), ("GM0415", "Landsmeer"), ("GM0431", "Oostzaan"), ("GM0439", "Purmerend"),
         ("GM0852", "Waterland"), ("GM0880", "Wormerland"), ("GM0479", "Zaanstad")]


def oefenmap(data_dir: Path) -> Path:
    """Where the practice workspace of ``data_dir`` lives (``data_dir`` itself when it already is one)."""
    data_dir = Path(data_dir)
    return data_dir if data_dir.name == OEFEN_MAP else data_dir / OEFEN_MAP


def _gemeenten() -> list[tuple[str, str]]:
    try:
        from ghnt_desktop.content.gemeenten import leden_van, zoek_regio

        regio = zoek_regio("Zaanstreek-Waterland")
        if regio is not None:
            leden = [(g.cbs_code, g.naam) for g in leden_van(regio)]
            if leden:
                return leden
    except Exception:  # reference data missing or broken: the built-in list will do
        pass
    return list(_ZAWA)


def maak_oefenwerkruimte(data_dir_of_real_ws_or_base: Path, login: str, naam: str, passphrase: str, *,
                         check_passphrase: bool = False, vandaag: date | None = None) -> Path:
    """Create the practice workspace with every training case as an open dossier at stap 1.

    Returns its directory. Raises ``WorkspaceError`` (Dutch) when one already exists there.
    The account gets the professional and aandachtsfunctionaris roles, so every step can be practised.
    """
    from ghnt_desktop.content.meldcode_content import laad_oefencasussen, laad_signalen
    from ghnt_desktop.services import meldcode as mc
    from ghnt_desktop.services.setup import create_workspace
    from ghnt_desktop.storage.workspace import holds_workspace

    doel = oefenmap(data_dir_of_real_ws_or_base)
    if holds_workspace(doel):
        raise WorkspaceError(f"In {doel} staat al een oefenwerkruimte.")
    casussen = laad_oefencasussen()
    signalen = laad_signalen()
    gemeenten = _gemeenten()
    vandaag = vandaag or date.today()
    ws = create_workspace(doel, organisatie=ORGANISATIE, gemeenten=gemeenten, login=login, naam=naam,
                          passphrase=passphrase, oefen=True, rollen=OEFEN_ROLLEN, check_passphrase=check_passphrase)
    try:
        codes = [code for code, _ in gemeenten]
        for i, casus in enumerate(casussen.casussen):
            gemeente = codes[i % len(codes)]
            d = casus.als_dossier(vandaag, eigenaar=naam, gemeente_code=gemeente, signalen=signalen)
            dossier_id = mc.maak(ws, client_referentie=d.client_referentie, gemeente_code=gemeente,
                                 vormen=set(d.vormen), betrokkenen=list(d.betrokkenen))
            for s in d.signalen:
                mc.voeg_toe(ws, dossier_id, s)
            if d.kindcheck is not None:
                mc.voeg_toe(ws, dossier_id, d.kindcheck)
    finally:
        ws.close()
    return doel
