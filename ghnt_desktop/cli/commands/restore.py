"""``ghnt restore FILE``: verify a backup and put it back — also when the current database is damaged."""
from __future__ import annotations

from pathlib import Path


def register(sub):
    p = sub.add_parser("restore", help="zet een reservekopie terug (ook als de database beschadigd is)")
    p.add_argument("file", type=Path, nargs="?", metavar="BESTAND", help="de reservekopie (.db) die terug moet")
    p.add_argument("--latest", action="store_true",
                   help="zet de nieuwste reservekopie terug die door de controle komt")
    p.add_argument("--backup-passphrase-file", type=Path, metavar="BESTAND",
                   help="wachtzin van toen (alleen nodig voor een reservekopie van vóór een sleutelvernieuwing "
                        "als je wachtzin sindsdien is veranderd)")
    return p


def run(args) -> int:
    from ghnt_desktop.cli.args import UsageError, credentials, read_passphrase_file, resolve_data_dir
    from ghnt_desktop.errors import WorkspaceCorrupt
    from ghnt_desktop.services import backup as service
    from ghnt_desktop.services.datadir import DB_NAME, SLOTS_NAME
    from ghnt_desktop.services.login import login

    if bool(args.file) == bool(args.latest):
        raise UsageError("geef een BESTAND of --latest")
    user, passphrase = credentials(args, required=True)  # type: ignore[misc]
    old_pw = read_passphrase_file(args.backup_passphrase_file) if args.backup_passphrase_file else None
    data_dir = resolve_data_dir(args)
    backup = Path(args.file).expanduser() if args.file else None
    if backup is not None and not backup.is_file():
        from ghnt_desktop.errors import UserError

        raise UserError(f"De reservekopie bestaat niet: {backup}")
    damaged_reason = None
    ws = None
    if (data_dir / SLOTS_NAME).exists() and not (data_dir / DB_NAME).exists():
        damaged_reason = "Het databasebestand ontbreekt."
    else:
        try:
            ws = login(data_dir, user, passphrase)
        except WorkspaceCorrupt as exc:
            damaged_reason = str(exc)
    if ws is None:
        print(f"De huidige database kan niet worden geopend: {damaged_reason}")
        print("De reservekopie wordt teruggezet zonder de huidige database te openen.")
        result = service.restore_damaged(data_dir, user, passphrase, backup, backup_passphrase=old_pw)
    else:
        if backup is None:
            found = service.latest_verified(service.search_folders(ws), service._keys(ws), ws.workspace_id,
                                            prefer=service.current_generation(ws), login=user,
                                            passphrase=old_pw or passphrase)
            if found is None:
                ws.close()
                from ghnt_desktop.errors import UserError

                raise UserError("Er is geen reservekopie gevonden die door de controle komt. Er is niets veranderd.")
            backup = found[0].path
        try:
            new_ws, result = service.restore(ws, backup, passphrase, backup_passphrase=old_pw)
        except service.RestoreFailed as exc:
            if exc.workspace is not None:
                exc.workspace.close()
            raise
        finally:
            ws.close()  # already closed by a successful restore; closing twice is harmless
        new_ws.close()
    print(f"Reservekopie gecontroleerd en teruggezet: {result.restored_from}")
    if result.kept_as_backup:
        print(f"De database van vóór het terugzetten is bewaard als reservekopie: {result.kept_as_backup}")
    for p in result.kept_aside:
        print(f"Het beschadigde bestand is apart gezet en niet veranderd: {p}")
    if result.check and result.check.warnings:
        print("Let op:")
        for w in result.check.warnings:
            print(f"- {w}")
    return 0
