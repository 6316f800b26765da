"""``ghnt verslag``: a PDF of one meldcode dossier (verslag for the client file, or concept melding).

    ghnt verslag --data-dir DIR --user U --passphrase-file F --dossier ID --out FILE.pdf
                 [--soort verslag|melding] [--wachtwoord-bestand FILE]

The export is recorded in the audit trail (``dossier_exporteren``). Managers and beheerders
never get case content: exit 1 with a Dutch message.
"""
from __future__ import annotations

from pathlib import Path

from ghnt_desktop.errors import UserError



def register(sub):
    p = sub.add_parser("verslag", help="maak een PDF van een meldcode-dossier (verslag of concept-melding)")
    p.add_argument("--dossier", type=int, required=True, metavar="ID", help="nummer van het dossier")
    p.add_argument("--out", type=Path, required=True, metavar="BESTAND.pdf", help="waar de PDF moet komen")
    p.add_argument("--soort", choices=("verslag", "melding"), default="verslag",
                   help="verslag voor het cliëntdossier (standaard) of concept-melding voor Veilig Thuis")
    p.add_argument("--wachtwoord-bestand", type=Path, metavar="BESTAND",
                   help="beveilig de PDF met het wachtwoord op de eerste regel van dit bestand")
    return p


def lees_wachtwoord(pad: Path) -> str:
    from ghnt_desktop.cli.main import read_first_line

    return read_first_line(pad, wat="wachtwoordbestand", geheim="wachtwoord")


def run(args) -> int:
    from ghnt_desktop.cli.main import open_workspace_from_args
    from ghnt_desktop.reporting.meldcode_verslag import exporteer
    from ghnt_desktop.services.export import controleer_pad, controleer_wachtwoord

    wachtwoord = lees_wachtwoord(args.wachtwoord_bestand) if args.wachtwoord_bestand else None
    controleer_wachtwoord(wachtwoord)
    controleer_pad(args.out)  # before unlocking: a wrong path should not cost a passphrase
    ws = open_workspace_from_args(args)
    try:
        pad = exporteer(ws, args.dossier, args.out, soort=args.soort, wachtwoord=wachtwoord)
    finally:
        ws.close()
    wat = "Het verslag" if args.soort == "verslag" else "De concept-melding"
    beveiligd = " (beveiligd met een wachtwoord)" if wachtwoord else ""
    print(f"{wat} van dossier {args.dossier} staat in {pad}{beveiligd}.")
    print("Let op: dit bestand bevat vertrouwelijke persoonsgegevens. Bewaar het alleen op een veilige plek.")
    return 0
