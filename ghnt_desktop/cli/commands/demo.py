"""``ghnt demo --data-dir DIR``: a workspace with fictitious data (accounts: see README)."""
from __future__ import annotations

from ghnt_desktop.errors import UserError


def register(sub):
    return sub.add_parser("demo", help="maak een demowerkruimte met fictieve gegevens")


def run(args) -> int:
    from ghnt_desktop.cli.args import resolve_data_dir
    from ghnt_desktop.demo.build import build_demo
    from ghnt_desktop.services.datadir import holds_workspace

    data_dir = resolve_data_dir(args)
    if not getattr(args, "data_dir", None):
        raise UserError("Geef met --data-dir aan in welke map de demowerkruimte moet komen.")
    if holds_workspace(data_dir):
        raise UserError(f"In {data_dir} staat al een werkruimte. Kies een lege map voor de demo.")
    summary = build_demo(data_dir)
    print(f"Demowerkruimte gemaakt in {data_dir}.")
    for line in summary:
        print(f"  {line}")
    return 0
