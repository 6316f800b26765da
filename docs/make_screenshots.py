"""Screenshots from the real app (offscreen) on a fresh demo workspace.

    .venv/bin/python docs/make_screenshots.py             # the README screenshots: docs/screenshots/*.png
    .venv/bin/python docs/make_screenshots.py --galerij   # the gallery (not in git): docs/screenshots/galerij/
    .venv/bin/python docs/make_screenshots.py --galerij --alleen 1366x768-200   # one size and text size

The gallery holds every screen and dialog of the application shell and of Beheer at 1366×768 and 1920×1080,
with the app's text at 100 % and 200 % (``<breedte>x<hoogte>-<procent>/<scherm>.png``), with long names in the
demo (a long organisation, team and account name). A window is shown the way it would be on that screen:
the main window maximised (minus a title bar), a dialog at its own size but never larger than the screen.
Each folder also gets ``problemen.txt``: what ``tests/ui/layout_checks.layout_problems`` finds on each screen.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
GALERIJ = OUT / "galerij"
MATEN = ((1366, 768), (1920, 1080))
PROCENTEN = (100, 200)
TITELBALK = 32
PASSPHRASE = "paarse olifant danst op het dak 8"


def readme() -> int:
    from ghnt_desktop.demo.build import build_demo
    from ghnt_desktop.services.login import login
    from ghnt_desktop.ui.acute_dialog import AcuteDialog
    from ghnt_desktop.ui.app import make_app
    from ghnt_desktop.ui.main_window import MainWindow
    from ghnt_desktop.ui.setup_dialog import SetupDialog
    from ghnt_desktop.ui.unlock_dialog import UnlockDialog

    app = make_app()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        setup = SetupDialog(Path(tmp) / "nieuw")
        setup.org_edit.setText("Wijkteam Zaandam-Oost")
        setup.filter_edit.setText("Zaan")
        setup.show()
        app.processEvents()
        setup.grab().save(str(OUT / "eerste-start.png"))
        setup.close()
        data = Path(tmp) / "demo"
        build_demo(data)
        unlock = UnlockDialog(data, login="demo")
        unlock.show()
        app.processEvents()
        unlock.grab().save(str(OUT / "ontgrendelen.png"))
        unlock.close()
        ws = login(data, "demo", "demo")
        win = MainWindow(ws)
        win.resize(1280, 800)
        win.show()
        for row, m in enumerate(win.modules):
            win.nav.setCurrentRow(row)
            app.processEvents()
            win.grab().save(str(OUT / f"{m.key}.png"))
        acute = AcuteDialog(win)
        acute.show()
        app.processEvents()
        acute.grab().save(str(OUT / "acuut-onveilig.png"))
        acute.close()
        win.close()
        ws.close()
    print("\n".join(sorted(p.name for p in OUT.glob("*.png"))))
    return 0


# --- the gallery -------------------------------------------------------------------------------------------

def _settle(app, n: int = 4) -> None:
    for _ in range(n):
        app.processEvents()


def _long_names(data: Path) -> None:
    """Long names where a beheerder sees them: an account and a team (realistic worst cases)."""
    from ghnt_desktop.domain.roles import Rol
    from ghnt_desktop.services import accounts, teams
    from ghnt_desktop.services.login import login

    ws = login(data, "demo", "demo")
    try:
        team_id = teams.maak_team(ws, "Sociaal wijkteam Zaandam-Oost, Poelenburg en Peldersveld (jeugd en gezin)",
                                  "wijkteam", [ws.gemeenten()[0][0]])
        accounts.maak_account(ws, login="marie-louise", naam="Marie-Louise van den Heuvel-Abdelkader Oğuz",
                              passphrase=PASSPHRASE, rollen=frozenset({Rol.PROFESSIONAL, Rol.AANDACHTSFUNCTIONARIS}),
                              team_ids=frozenset({team_id}), check_passphrase=False)
    except Exception as exc:  # noqa: BLE001 - the gallery still shows the rest
        print(f"lange namen niet toegevoegd: {exc}", file=sys.stderr)
    finally:
        ws.close()


def galerij(alleen: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QDialog

    from ghnt_desktop.demo.build import build_demo
    from ghnt_desktop.services import location
    from ghnt_desktop.services.login import login
    from ghnt_desktop.services.setup import create_workspace
    from ghnt_desktop.ui import refcount_guard
    from ghnt_desktop.ui.app import make_app
    from tests.ui.layout_checks import layout_problems, set_text_percent

    refcount_guard.install()
    app = make_app()
    tmp = Path(tempfile.mkdtemp(prefix="ghnt-galerij-"))
    demo = tmp / "demo"
    build_demo(demo)
    _long_names(demo)
    leeg = tmp / "leeg"
    create_workspace(leeg, organisatie="Stichting Sociale Wijkteams Zaanstad, Oostzaan en Wormerland (fictief)",
                     gemeenten=[("GM0479", "Zaanstad")], login="bea", naam="Bea Beheer", passphrase=PASSPHRASE).close()
    ws = login(demo, "demo", "demo")
    ws_leeg = login(leeg, "bea", PASSPHRASE)
    from ghnt_desktop.services import backup

    backup.make_backup(ws)  # so the backup list and the restore question have something to show

    from ghnt_desktop.ui.main_window import MainWindow

    def main_window(workspace):
        win = MainWindow(workspace)
        win.show()
        while not win.first_page_ready:
            app.processEvents()
        return win

    win = main_window(ws)
    win_leeg = main_window(ws_leeg)

    def screens():
        """(name, window, prepare) for every screen: the main window per module and Beheer tab, then dialogs."""
        for w, tag in ((win, "demo"), (win_leeg, "leeg")):
            for row, m in enumerate(w.modules):
                def go(w=w, row=row):
                    w.nav.setCurrentRow(row)
                yield f"hoofdvenster-{tag}-{m.key}", w, go
            beheer_row = next(i for i, m in enumerate(w.modules) if m.key == "beheer")
            w.nav.setCurrentRow(beheer_row)
            _settle(app)
            view = w.pages["beheer"]
            for i in range(view.tabs.count()):
                def tab(w=w, i=i, view=view, beheer_row=beheer_row):
                    w.nav.setCurrentRow(beheer_row)
                    view.tabs.setCurrentIndex(i)
                yield f"hoofdvenster-{tag}-beheer-{i:02d}-{view.tabs.tabText(i).lower().replace(' ', '-')}", w, tab

        def lock():
            win.lock()
            _settle(app, 8)
        yield "vergrendeld", win, lock
        for name, make in dialogs():
            yield name, make, None

    def dialogs():
        from ghnt_desktop.ui.acute_dialog import AcuteDialog
        from ghnt_desktop.ui.audit_view import InzageDialog
        from ghnt_desktop.ui.backup_dialogs import BackupDialog, ConfirmRestoreDialog
        from ghnt_desktop.ui.beheer.accounts import AccountDialog, OneTimePassphraseDialog
        from ghnt_desktop.ui.beheer.bewaartermijnen import EarlyDestructionDialog, ReasonDialog
        from ghnt_desktop.ui.beheer.teams import TeamDialog
        from ghnt_desktop.ui.change_passphrase_dialog import ChangePassphraseDialog
        from ghnt_desktop.ui.location_warning import LocationWarningDialog
        from ghnt_desktop.ui.lock import LockUnlockDialog
        from ghnt_desktop.ui.recovery import PassphraseDialog, RecoveryDialog
        from ghnt_desktop.ui.setup_dialog import SetupDialog
        from ghnt_desktop.ui.sneltoetsen import SneltoetsenDialog
        from ghnt_desktop.ui.unlock_dialog import UnlockDialog
        from ghnt_desktop.services.backup import list_backups

        def unlock_wrong():
            d = UnlockDialog(demo, login="demo")
            d.pass_edit.setText("niet de wachtzin")
            d.try_unlock()
            return d

        def account_edit():
            from ghnt_desktop.services import accounts
            a = next(a for a in accounts.lijst(ws) if a.login == "marie-louise") if any(
                a.login == "marie-louise" for a in accounts.lijst(ws)) else accounts.lijst(ws)[0]
            return AccountDialog(ws, win, account=a)

        def setup_filled():
            d = SetupDialog(tmp / "nieuw")
            d.org_edit.setText("Stichting Sociale Wijkteams Zaanstad, Oostzaan en Wormerland")
            d.filter_edit.setText("Zaan")
            d.try_create()  # shows every problem at once
            return d

        backups = list_backups(ws)
        return [
            ("dialoog-eerste-start", setup_filled),
            ("dialoog-ontgrendelen-fout", unlock_wrong),
            ("dialoog-vergrendeld-ontgrendelen", lambda: LockUnlockDialog(ws_leeg)),
            ("dialoog-acuut-onveilig", lambda: AcuteDialog(win)),
            ("dialoog-sneltoetsen", lambda: SneltoetsenDialog(win)),
            ("dialoog-wachtzin-wijzigen", lambda: ChangePassphraseDialog(ws_leeg, win_leeg)),
            ("dialoog-eigen-wachtzin-kiezen", lambda: ChangePassphraseDialog(ws_leeg, win_leeg, forced=True)),
            ("dialoog-locatie-waarschuwing", lambda: LocationWarningDialog(
                location.Locatie(location.NETWERK, "De gegevensmap staat op een netwerkschijf. Als de verbinding "
                                 "wegvalt terwijl de app schrijft, kan de database beschadigd raken. Andere mensen "
                                 "met toegang tot die schijf kunnen het versleutelde bestand kopiëren."),
                tmp / "een" / "heel" / "lang" / "pad" / "naar" / "een" / "netwerkschijf" / "GHNT Desktop")),
            ("dialoog-wachtzin-nodig", lambda: PassphraseDialog(demo, "demo")),
            ("dialoog-werkruimte-herstellen", lambda: RecoveryDialog(
                "Het databasebestand is beschadigd (de controle van SQLite gaf een fout).", backups,
                (backups[0], None) if backups else None)),
            ("dialoog-reservekopieen", lambda: BackupDialog(ws, win)),
            ("dialoog-reservekopie-terugzetten", lambda: ConfirmRestoreDialog(backups[0], win)),
            ("dialoog-inzage", lambda: InzageDialog(ws, "meldcode_dossier", 1, win)),
            ("dialoog-nieuw-account", lambda: AccountDialog(ws, win)),
            ("dialoog-account-wijzigen", account_edit),
            ("dialoog-eenmalige-wachtzin", lambda: OneTimePassphraseDialog(
                "Marie-Louise van den Heuvel-Abdelkader Oğuz", "marie-louise", "rode fiets langs de dijk 52", win)),
            ("dialoog-nieuw-team", lambda: TeamDialog(ws, win)),
            ("dialoog-eerder-vernietigen", lambda: EarlyDestructionDialog(ws, win)),
            ("dialoog-reden", lambda: ReasonDialog(
                "Juridische blokkade", "Zolang er een blokkade ligt, vernietigt de app Meldcode-dossier 12 niet. "
                "Bestaande bevestigingen vervallen. Waarom is de blokkade nodig?", win)),
        ]

    written = 0
    for size in MATEN:
        for pct in PROCENTEN:
            tag = f"{size[0]}x{size[1]}-{pct}"
            if alleen and alleen != tag:
                continue
            folder = GALERIJ / tag
            folder.mkdir(parents=True, exist_ok=True)
            report = []
            set_text_percent(pct)
            for name, target, prepare in screens():
                if prepare is None:  # a dialog factory: shown modal, as the app does (with its acute button)
                    window = target()
                    window.open()
                    _settle(app)
                    hint = window.sizeHint().expandedTo(window.minimumSizeHint()).expandedTo(window.size())
                    window.resize(min(hint.width(), size[0]), min(hint.height(), size[1] - TITELBALK))
                else:
                    window = target
                    prepare()
                    window.resize(size[0], size[1] - TITELBALK)
                    window.show()
                _settle(app, 6)
                problems = layout_problems(window, screen=size)
                report.append(f"{name}: {len(problems)}")
                report += [f"    {p}" for p in problems]
                window.grab().save(str(folder / f"{name}.png"))
                written += 1
                if isinstance(window, QDialog):
                    getattr(window, "close_with_window", window.close)()  # the lock dialog would ask first
                    window.deleteLater()
                    _settle(app)
                if name == "vergrendeld":
                    dlg = win.unlock_dialog
                    dlg.show()
                    _settle(app)
                    dlg.grab().save(str(folder / "vergrendeld-dialoog.png"))
                    dlg.pass_edit.setText("demo")
                    dlg.try_unlock()
                    _settle(app)
            (folder / "problemen.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
            print(f"{tag}: {sum(1 for r in report if not r.startswith(' ') and not r.endswith(': 0'))} schermen "
                  f"met problemen", flush=True)
    set_text_percent(100)
    for w in (win, win_leeg):
        w.close()
    ws.close()
    ws_leeg.close()
    print(f"{written} schermafbeeldingen in {GALERIJ}")
    QApplication.processEvents()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Schermafbeeldingen van de app maken.")
    parser.add_argument("--galerij", action="store_true", help="alle schermen en vensters, in docs/screenshots/galerij")
    parser.add_argument("--alleen", help="alleen deze maat en tekstgrootte, bijvoorbeeld 1366x768-200")
    args = parser.parse_args(argv)
    return galerij(args.alleen) if args.galerij else readme()


if __name__ == "__main__":
    raise SystemExit(main())
