"""Start one screen of the real app on a real X display with accessibility on, for the AT-SPI tests.

    python -m tests.atspi.harness SCENARIO DATA_DIR OUT_JSON

Builds the screen the way a user reaches it (first start, unlock, main window...), shows it, and once it
is painted writes OUT_JSON: the texts a sighted user sees on the active window (labels, buttons, group
titles, tab titles) and the window title. Then it keeps running until it is killed, so the test can walk
the accessibility tree. Never used by the app itself.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

PASSPHRASE = "paarse olifant danst op het dak 8"


def visible_texts(window) -> list[str]:
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar

    def plain(text: str) -> str:
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()

    out = []
    for w in window.findChildren(QLabel):
        if w.isVisible() and w.text().strip():
            out.append(plain(w.text()) if "<" in w.text() else w.text().replace("&", ""))
    for w in window.findChildren(QAbstractButton):
        if w.isVisible() and w.text().replace("&", "").strip():
            out.append(w.text().replace("&", ""))
    for w in window.findChildren(QGroupBox):
        if w.isVisible() and w.title().strip():
            out.append(w.title().replace("&", ""))
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            out += [bar.tabText(i).replace("&", "") for i in range(bar.count())]
    return out


def _workspace(data_dir: Path):
    from ghnt_desktop.services.setup import create_workspace

    return create_workspace(data_dir, organisatie="Sociale wijkteams Zaanstad (fictief)",
                            gemeenten=[("GM0479", "Zaanstad")], login="bea", naam="Bea Beheer",
                            passphrase=PASSPHRASE)


def build(scenario: str, data_dir: Path):
    """The widget to show for ``scenario`` (kept referenced by the caller)."""
    if scenario == "eerste-start":
        from ghnt_desktop.ui.setup_dialog import SetupDialog

        return SetupDialog(data_dir)
    if scenario == "ontgrendelen-fout":
        from ghnt_desktop.ui.unlock_dialog import UnlockDialog

        _workspace(data_dir).close()
        dlg = UnlockDialog(data_dir, login="bea")
        dlg.pass_edit.setText("dit is niet de wachtzin")
        from PySide6.QtCore import QTimer

        QTimer.singleShot(100, dlg.ok_button.click)  # as a user pressing Enter once the dialog is there
        return dlg
    if scenario in ("aan-de-slag", "teams"):
        from ghnt_desktop.ui.main_window import MainWindow

        ws = _workspace(data_dir)
        win = MainWindow(ws)
        win._ws = ws  # noqa: SLF001 - keep it open while the window lives
        if scenario == "teams":
            from PySide6.QtCore import QTimer

            QTimer.singleShot(50, lambda: win.open_beheer_section("teams"))
        return win
    if scenario.startswith("plan-"):
        return build_plan(scenario, data_dir)
    if scenario.startswith("zelfscan-"):
        return build_zelfscan(scenario, data_dir)
    if scenario.startswith("shell-"):
        return build_shell(scenario, data_dir)
    if scenario.startswith("meldcode-"):
        return build_meldcode(scenario, data_dir)
    raise SystemExit(f"unknown scenario {scenario}")


# --- Plan van aanpak scenarios (plan screens; see tests/atspi/test_plan.py) ------------------------------------
# plan-overzicht, plan-verbeterpunten, plan-acties, plan-voorbeeld: the plan page of the main window on that tab,
# with 20 long actions; plan-actie: the dialog of one action, open over it.

PLAN_TABS = {"plan-overzicht": 0, "plan-verbeterpunten": 2, "plan-acties": 3, "plan-voorbeeld": 5}


def build_plan(scenario: str, data_dir: Path):
    from PySide6.QtCore import QTimer

    from ghnt_desktop.domain.roles import Rol
    from ghnt_desktop.services.setup import create_workspace
    from ghnt_desktop.ui import operations
    from ghnt_desktop.ui.main_window import MainWindow
    from tests.ui_plan.content import maak_plan_met_veel_acties

    if scenario not in PLAN_TABS and scenario != "plan-actie":
        raise SystemExit(f"unknown scenario {scenario}")
    ws = create_workspace(data_dir, organisatie="Sociale wijkteams Zaanstad (fictief)",
                          gemeenten=[("GM0479", "Zaanstad")], login="mia", naam="Mia Manager",
                          passphrase=PASSPHRASE, rollen=frozenset({Rol.MANAGER, Rol.BEHEERDER}))
    maak_plan_met_veel_acties(ws)
    win = MainWindow(ws)
    win._ws = ws  # noqa: SLF001 - keep it open while the window lives
    win.nav.setCurrentRow(next(i for i, m in enumerate(win.modules) if m.key == "plan"))
    page = win.page("plan")
    page.tabs.setCurrentIndex(PLAN_TABS.get(scenario, 3))
    operations.wait_idle(60_000)  # the preview's PDF is built on the worker; shown before the report
    page.acties_table.selectRow(0)
    page.vp_table.selectRow(0)
    if scenario == "plan-actie":
        QTimer.singleShot(100, page.edit_action)  # as a user pressing Enter on the first action
    return win


# --- Zelfscan scenarios (zelfscan screens; see tests/atspi/test_zelfscan.py) -----------------------------------
# zelfscan-beantwoorden: a scan opened on standard LT-02 (text and three hulpvragen), an answer chosen;
# zelfscan-resultaten: its results tab, with a verbeterpunt; zelfscan-nieuw: the new-scan dialog over the overview.

ZELFSCAN_SCENARIOS = ("zelfscan-beantwoorden", "zelfscan-resultaten", "zelfscan-nieuw")


def build_zelfscan(scenario: str, data_dir: Path):
    from datetime import date, timedelta

    from PySide6.QtCore import QTimer

    from ghnt_desktop.domain.roles import Rol
    from ghnt_desktop.domain.zelfscan import Antwoord, Deelnemer, DeelnemerRol
    from ghnt_desktop.services import teams
    from ghnt_desktop.services import zelfscan as zs
    from ghnt_desktop.services.setup import create_workspace
    from ghnt_desktop.ui.main_window import MainWindow

    if scenario not in ZELFSCAN_SCENARIOS:
        raise SystemExit(f"unknown scenario {scenario}")
    ws = create_workspace(data_dir, organisatie="Sociale wijkteams Zaanstad (fictief)",
                          gemeenten=[("GM0479", "Zaanstad")], login="mia", naam="Mia Manager",
                          passphrase=PASSPHRASE, rollen=frozenset({Rol.MANAGER, Rol.BEHEERDER}))
    team = teams.maak_team(ws, "Wijkteam Zaandam-Oost", "wijkteam", ["GM0479"])
    sid = zs.maak_scan(ws, team_id=team, peildatum=date.today() - timedelta(days=30),
                       deelnemers=[Deelnemer(DeelnemerRol.TEAMLEIDER, "Sanne")])
    zs.bewaar_antwoord(ws, sid, Antwoord("LT-01", "N", toelichting="Nog niet in elk gezin.", verbeterpunt=True))
    win = MainWindow(ws)
    win._ws = ws  # noqa: SLF001 - keep it open while the window lives
    win.nav.setCurrentRow(next(i for i, m in enumerate(win.modules) if m.key == "zelfscan"))
    page = win.page("zelfscan")
    if scenario == "zelfscan-nieuw":
        QTimer.singleShot(100, page.ask_new_scan)  # as a user choosing "Nieuwe zelfscan…"
        return win
    view = page.open_scan(sid)
    av = view.answer_view
    av.go_to(next(i for i, s in enumerate(av.standaarden) if s.id == "LT-02"))
    av.choose("D")
    av.flush()
    if scenario == "zelfscan-resultaten":
        view.tabs.setCurrentIndex(1)
    return win


# --- Shell and Beheer scenarios (application shell, lock, acute panel, Beheer; see tests/atspi/test_shell.py) -----
# shell-vergrendeld: the main window locked, its unlock dialog in front; shell-acuut: the acute panel over the main
# window; shell-accounts / shell-meldcodeprofiel: Beheer on that tab (a beheerder with two teams and three
# colleagues); shell-account-dialoog: the "Nieuw account" dialog open over Beheer › Accounts (modal);
# shell-sneltoetsen: Hulp › Sneltoetsen.

SHELL_SCENARIOS = ("shell-vergrendeld", "shell-acuut", "shell-accounts", "shell-meldcodeprofiel",
                   "shell-account-dialoog", "shell-sneltoetsen")


def _shell_workspace(data_dir: Path):
    from ghnt_desktop.domain.roles import Rol
    from ghnt_desktop.services import accounts, teams

    ws = _workspace(data_dir)
    noord = teams.maak_team(ws, "Wijkteam Zaandam-Noord", "wijkteam", ["GM0479"])
    oost = teams.maak_team(ws, "Jeugdteam Zaandam-Oost, Poelenburg en Peldersveld", "jeugdteam", ["GM0479"])
    for login, naam, rollen, team_ids in (
            ("anouk", "Anouk de Vries", {Rol.AANDACHTSFUNCTIONARIS}, {noord}),
            ("priya", "Priya Ramdin-Oğuz van den Heuvel", {Rol.PROFESSIONAL}, {noord, oost}),
            ("mark", "Mark Jansen", {Rol.MANAGER}, set())):
        accounts.maak_account_met_eenmalige_wachtzin(ws, login=login, naam=naam, rollen=frozenset(rollen),
                                                     team_ids=frozenset(team_ids))
    return ws


def build_shell(scenario: str, data_dir: Path):
    from PySide6.QtCore import QTimer

    from ghnt_desktop.ui.main_window import MainWindow

    if scenario not in SHELL_SCENARIOS:
        raise SystemExit(f"unknown scenario {scenario}")
    ws = _shell_workspace(data_dir)
    win = MainWindow(ws)
    win._ws = ws  # noqa: SLF001 - keep it open while the window lives
    if scenario == "shell-vergrendeld":
        QTimer.singleShot(200, win.lock)  # as Ctrl+L once the window is there
    elif scenario == "shell-acuut":
        QTimer.singleShot(200, win.show_acute)
    elif scenario == "shell-sneltoetsen":
        QTimer.singleShot(200, win.show_shortcuts)
    else:
        tab = "meldcodeprofiel" if scenario == "shell-meldcodeprofiel" else "accounts"
        QTimer.singleShot(50, lambda: win.open_beheer_section(tab))
        if scenario == "shell-account-dialoog":
            QTimer.singleShot(300, lambda: win.pages["beheer"].accounts_tab.new_account())
    return win


# --- Meldcode scenarios (meldcode screens; see tests/atspi/test_meldcode.py) -----------------------------------
# meldcode-overzicht: the overview with an overdue point in "Wat vraagt aandacht"; meldcode-stap1: a dossier with a
# 3,000-character signal (chosen, so its whole text shows under the list), long names and every step recorded;
# meldcode-stap5: the same dossier on stap 5 (decision, melding, help); meldcode-nieuw: the new-dossier dialog.

MELDCODE_SCENARIOS = ("meldcode-overzicht", "meldcode-stap1", "meldcode-stap5", "meldcode-nieuw")


def build_meldcode(scenario: str, data_dir: Path):
    from PySide6.QtCore import QTimer

    from ghnt_desktop.domain.roles import Rol
    from ghnt_desktop.services.setup import create_workspace
    from ghnt_desktop.ui.main_window import MainWindow
    from tests.ui_meldcode.test_layout_a11y import LONG_NAME, rich_dossier

    if scenario not in MELDCODE_SCENARIOS:
        raise SystemExit(f"unknown scenario {scenario}")
    ws = create_workspace(data_dir, organisatie="Sociale wijkteams Zaanstad (fictief)",
                          gemeenten=[("GM0479", "Zaanstad"), ("GM0880", "Wormerland")], login="pia", naam=LONG_NAME,
                          passphrase=PASSPHRASE, rollen=frozenset({Rol.PROFESSIONAL, Rol.AANDACHTSFUNCTIONARIS}))
    did = rich_dossier(ws)
    win = MainWindow(ws)
    win._ws = ws  # noqa: SLF001 - keep it open while the window lives
    win.resize(1366, 736)

    def open_() -> None:
        win.nav.setCurrentRow(next(i for i, m in enumerate(win.modules) if m.key == "meldcode"))
        page = win.page("meldcode")
        if scenario == "meldcode-nieuw":
            QTimer.singleShot(50, page.new_dossier)  # as Ctrl+N
            return
        if scenario == "meldcode-overzicht":
            page.overview.refresh()
            return
        page.open_dossier(did, ask_restore=False)
        view = page.view
        if scenario == "meldcode-stap1":
            view.go_to_step(1)
            view.step1.signalen.list.setFocus()
            view.step1.signalen.list.setCurrentRow(0)
        else:
            view.go_to_step(5)

    QTimer.singleShot(100, open_)
    return win


def main(argv: list[str]) -> int:
    scenario, data_dir, out = argv[1], Path(argv[2]), Path(argv[3])
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ghnt_desktop.ui.app import make_app

    app = make_app()
    widget = build(scenario, data_dir)
    widget.show()
    widget.raise_()
    widget.activateWindow()

    def report() -> None:
        window = QApplication.activeWindow() or widget
        data = {"title": window.windowTitle(), "texts": visible_texts(window)}
        tmp = out.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(out)

    QTimer.singleShot(800, report)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
