"""``ghnt verslag``: a PDF of one meldcode dossier (verslag for the client file, or concept melding).

    ghnt verslag --data-dir DIR --user U --passphrase-file F --dossier NUMMER_OF_REFERENTIE --out FILE.pdf
                 [--soort verslag|melding] [--wachtwoord-bestand FILE]

``--dossier`` takes the dossier number or the client reference (looked up within the caller's
scope only). A number that is also a reference of another dossier is ambiguous: then
``nummer:12`` or ``referentie:12`` says which one is meant. No message ever repeats the reference.

The export is recorded in the audit trail (``dossier_exporteren``). Managers and beheerders
never get case content: exit 1 with a Dutch message.
"""
from __future__ import annotations

from pathlib import Path

from ghnt_desktop.errors import UserError

NUMMER, REFERENTIE = "nummer:", "referentie:"


def register(sub):
    p = sub.add_parser("verslag", help="maak een PDF van een meldcode-dossier (verslag of concept-melding)")
    p.add_argument("--dossier", required=True, metavar="NUMMER_OF_REFERENTIE",
                   help="nummer of cliëntreferentie van het dossier")
    p.add_argument("--out", type=Path, required=True, metavar="BESTAND.pdf", help="waar de PDF moet komen")
    p.add_argument("--soort", choices=("verslag", "melding"), default="verslag",
                   help="verslag voor het cliëntdossier (standaard) of concept-melding voor Veilig Thuis")
    p.add_argument("--wachtwoord-bestand", type=Path, metavar="BESTAND",
                   help="beveilig de PDF met het wachtwoord op de eerste regel van dit bestand")
    return p


def lees_wachtwoord(pad: Path) -> str:
    from ghnt_desktop.cli.args import read_first_line

    return read_first_line(pad, wat="wachtwoordbestand", geheim="wachtwoord")


def dossier_id(ws, waarde: str) -> int:
    """The dossier for ``--dossier``: its number, or a client reference within the caller's scope."""
    from ghnt_desktop.services import meldcode as mc

    tekst = (waarde or "").strip()
    soort = None
    for prefix in (NUMMER, REFERENTIE):
        if tekst.casefold().startswith(prefix):
            soort, tekst = prefix, tekst[len(prefix):].strip()
            break
    if not tekst:
        raise UserError("Geef bij --dossier het nummer of de cliëntreferentie van het dossier.")
    if soort == NUMMER:
        if not tekst.isdigit():
            raise UserError("Na 'nummer:' hoort het nummer van het dossier, bijvoorbeeld --dossier nummer:12.")
        return int(tekst)
    gezocht = tekst.casefold()
    treffers = sorted({r.id for r in mc.lijst(ws, mc.DossierFilter(zoek=tekst), limit=10_000)
                       if r.client_referentie.strip().casefold() == gezocht})
    if soort is None and tekst.isdigit():
        nummer = int(tekst)
        if not treffers or treffers == [nummer]:
            return nummer
        raise UserError(f"Dit getal is het nummer van een dossier, maar ook de cliëntreferentie van dossier "
                        f"{', '.join(map(str, treffers))}. Schrijf 'nummer:' of 'referentie:' ervoor, "
                        "bijvoorbeeld --dossier nummer:12.")
    if len(treffers) == 1:
        return treffers[0]
    if not treffers:
        raise mc.DossierNietGevonden("Er is geen dossier met deze cliëntreferentie dat jij mag openen. "
                                     "Controleer de referentie, of gebruik het nummer van het dossier.")
    raise UserError(f"Er zijn {len(treffers)} dossiers met deze cliëntreferentie (nummers "
                    f"{', '.join(map(str, treffers))}). Gebruik het nummer van het dossier.")


def run(args) -> int:
    from ghnt_desktop.cli.args import open_workspace_from_args
    from ghnt_desktop.reporting.meldcode_verslag import exporteer
    from ghnt_desktop.services.export import controleer_pad, controleer_wachtwoord

    wachtwoord = lees_wachtwoord(args.wachtwoord_bestand) if args.wachtwoord_bestand else None
    controleer_wachtwoord(wachtwoord)
    controleer_pad(args.out)  # before unlocking: a wrong path should not cost a passphrase
    ws = open_workspace_from_args(args)
    try:
        nummer = dossier_id(ws, args.dossier)
        pad = exporteer(ws, nummer, args.out, soort=args.soort, wachtwoord=wachtwoord)
    finally:
        ws.close()
    wat = "Het verslag" if args.soort == "verslag" else "De concept-melding"
    beveiligd = " (beveiligd met een wachtwoord)" if wachtwoord else ""
    print(f"{wat} van dossier {nummer} staat in {pad}{beveiligd}.")
    print("Let op: dit bestand bevat vertrouwelijke persoonsgegevens. Bewaar het alleen op een veilige plek.")
    return 0
