"""``ghnt zelfscan-import BESTAND``: read a zelfscan exchange file (from another workspace) into this one."""
from __future__ import annotations

from pathlib import Path

from ghnt_desktop.errors import UserError


def register(sub):
    p = sub.add_parser("zelfscan-import", help="lees een vastgestelde zelfscan in uit een uitwisselbestand")
    p.add_argument("bestand", type=Path, metavar="BESTAND", help="het zelfscan-bestand (.json)")
    p.add_argument("--ga-door", action="store_true",
                   help="lees ook in als de naam van een gemeente in het bestand anders geschreven is dan in de "
                        "landelijke lijst (de CBS-code klopt wel)")
    return p


def lees_invoerbestand(path: Path, max_bytes: int) -> bytes:
    """Read a file the user names, with a size limit and Dutch errors."""
    path = Path(path).expanduser()
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise UserError(f"Het bestand bestaat niet: {path}") from None
    except IsADirectoryError:
        raise UserError(f"Dit is een map, geen bestand: {path}") from None
    except OSError:
        raise UserError(f"Het bestand kan niet worden gelezen: {path}") from None
    if len(data) > max_bytes:
        raise UserError(f"Het bestand is te groot: {path}. Het mag hoogstens {max_bytes // (1024 * 1024)} MB zijn.")
    return data


def run(args) -> int:
    from ghnt_desktop.cli.args import open_workspace_from_args
    from ghnt_desktop.domain.zelfscan_uitwisseling import MAX_BESTAND_BYTES
    from ghnt_desktop.services import zelfscan as zs

    data = lees_invoerbestand(args.bestand, MAX_BESTAND_BYTES)
    ws = open_workspace_from_args(args)
    try:
        voorbeeld = zs.bekijk_import(ws, data)
        bevestigd = [v.sleutel for v in voorbeeld.vragen] if getattr(args, "ga_door", False) else []
        try:
            scan_id = zs.importeer(ws, data, bevestigd=bevestigd)
        except zs.BevestigingNodig as vraag:
            raise UserError(f"De zelfscan is niet ingelezen. {vraag.message} Wil je toch inlezen? Voer de opdracht "
                            "dan opnieuw uit met --ga-door.") from None
        info = zs.scan_info(ws, scan_id)
        cat = zs.catalogus(ws, info.catalogus_id, info.catalogus_versie)
    finally:
        ws.close()
    print(f"Zelfscan ingelezen (nummer {info.id}): {info.team_naam}, peildatum {info.peildatum:%d-%m-%Y}, "
          f"versie {info.versie}, gemeente(n): {info.gemeente_namen}.")
    if not voorbeeld.team_bestaat:
        print(f"Het team '{info.team_naam}' bestond nog niet in deze werkruimte en is nu aangemaakt.")
    print(zs.bronvermelding(cat))
    return 0
