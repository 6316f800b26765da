"""``ghnt plan --gemeente NAAM_OF_CBSCODE --out FILE.pdf``: print the current plan van aanpak of a gemeente.

When the gemeente has no plan yet, a concept is made from the latest vastgestelde zelfscans of its teams.
"""
from __future__ import annotations

from pathlib import Path


def register(sub):
    p = sub.add_parser("plan", help="druk het plan van aanpak van een gemeente af als PDF")
    p.add_argument("--gemeente", required=True, metavar="NAAM_OF_CBSCODE",
                   help="de gemeente, met naam of CBS-code (bijvoorbeeld Zaanstad of GM0479)")
    p.add_argument("--out", required=True, type=Path, metavar="BESTAND.pdf", help="waar de PDF moet komen")
    return p


def run(args) -> int:
    from ghnt_desktop.cli.args import open_workspace_from_args
    from ghnt_desktop.reporting import plan_pdf
    from ghnt_desktop.services import plan as ps

    gemeente = ps.gemeente_of_fout(args.gemeente)  # before unlocking: cheap checks first
    out = Path(args.out).expanduser()
    ps.controleer_uitvoer(out)
    ws = open_workspace_from_args(args)
    try:
        plan = ps.huidig_plan(ws, gemeente.cbs_code)
        nieuw = plan is None
        if nieuw:
            plan = ps.plan(ws, ps.maak_plan(ws, gemeente.cbs_code))
        plan_pdf.exporteer_pdf(ws, plan.id, out)
    finally:
        ws.close()
    if nieuw:
        print(f"Er was nog geen plan voor {gemeente.naam}. Er is een concept gemaakt op basis van "
              f"{len(plan.scan_ids)} vastgestelde zelfscan{'s' if len(plan.scan_ids) != 1 else ''}.")
    print(f"Plan van aanpak {gemeente.naam} {plan.periode_van.year} (versie {plan.versie}, "
          f"{plan.status.label.lower()}) opgeslagen in {out}")
    return 0
