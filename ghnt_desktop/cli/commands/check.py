"""``ghnt check``: verify database integrity and the audit chain."""
from __future__ import annotations


def register(sub):
    return sub.add_parser("check", help="controleer de database en het logboek (audit trail)")


def run(args) -> int:
    import sys

    from ghnt_desktop.cli.args import open_workspace_from_args
    from ghnt_desktop.services.integrity import check_workspace

    ws = open_workspace_from_args(args)
    try:
        problems = check_workspace(ws)
    finally:
        ws.close()
    if problems:
        sys.stderr.write("ghnt: de controle vond problemen:\n")
        for p in problems:
            sys.stderr.write(f"- {p}\n")
        return 1
    print("Controle geslaagd: de database is in orde en het logboek is compleet en onveranderd.")
    return 0
