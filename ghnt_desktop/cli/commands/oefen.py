"""``ghnt oefen --data-dir DIR``: the practice workspace with fictitious training cases.

It lives in ``DIR/oefenwerkruimte/``, apart from the real workspace, so training never mixes with
real dossiers. Created when missing, with account ``oefen`` and passphrase ``oefen``.
"""
from __future__ import annotations

from ghnt_desktop.services.oefenmodus import OEFEN_LOGIN, OEFEN_NAAM, OEFEN_WACHTZIN  # noqa: F401


def register(sub):
    return sub.add_parser("oefen", help="maak (of vind) de oefenwerkruimte met verzonnen oefencasussen")


def run(args) -> int:
    from ghnt_desktop.cli.args import resolve_data_dir
    from ghnt_desktop.services.datadir import holds_workspace
    from ghnt_desktop.services.oefenmodus import maak_oefenwerkruimte, oefenmap

    basis = resolve_data_dir(args)
    doel = oefenmap(basis)
    if holds_workspace(doel):
        print(f"De oefenwerkruimte staat al in {doel}.")
    else:
        doel = maak_oefenwerkruimte(basis, OEFEN_LOGIN, OEFEN_NAAM, OEFEN_WACHTZIN)
        print(f"Oefenwerkruimte gemaakt in {doel}.")
    print(f"  Open hem met: ghnt --data-dir \"{doel}\"")
    print(f"  Inloggen: naam '{OEFEN_LOGIN}', wachtzin '{OEFEN_WACHTZIN}'.")
    print("  Alles in de oefenwerkruimte is verzonnen. Gebruik hem nooit voor echte cliënten.")
    return 0
