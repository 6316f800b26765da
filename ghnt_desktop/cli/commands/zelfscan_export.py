"""``ghnt zelfscan-export --scan ID --out BESTAND [--met-namen]``: write a vastgestelde zelfscan to a file."""
from __future__ import annotations

from pathlib import Path

from ghnt_desktop.errors import UserError


def register(sub):
    p = sub.add_parser("zelfscan-export", help="schrijf een vastgestelde zelfscan naar een uitwisselbestand")
    p.add_argument("--scan", type=int, required=True, metavar="NUMMER", help="het nummer van de zelfscan")
    p.add_argument("--out", type=Path, required=True, metavar="BESTAND", help="het nieuwe bestand (.json)")
    p.add_argument("--met-namen", action="store_true",
                   help="neem de namen van de deelnemers op (standaard alleen hun rol)")
    return p


def run(args) -> int:
    from ghnt_desktop.cli.args import open_workspace_from_args
    from ghnt_desktop.services import zelfscan as zs

    out = Path(args.out).expanduser()
    if out.exists():
        raise UserError(f"Het bestand bestaat al: {out}. Kies een andere naam; bestaande bestanden worden "
                        "niet overschreven.")
    if not out.parent.is_dir():
        raise UserError(f"De map bestaat niet: {out.parent}")
    ws = open_workspace_from_args(args)
    try:
        data = zs.exporteer(ws, args.scan, namen_opnemen=args.met_namen)
        info = zs.scan_info(ws, args.scan)
        cat = zs.catalogus(ws, info.catalogus_id, info.catalogus_versie)
    finally:
        ws.close()
    zs.schrijf_uitwisselbestand(out, data)
    print(f"Zelfscan geëxporteerd naar {out}: {info.team_naam}, peildatum {info.peildatum:%d-%m-%Y}, "
          f"versie {info.versie}.")
    print("Met de namen van de deelnemers." if args.met_namen else
          "Zonder de namen van de deelnemers (alleen hun rol).")
    print(zs.bronvermelding(cat))
    return 0
