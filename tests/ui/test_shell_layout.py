"""The main window and every dialog of the shell and Beheer fit a gemeente laptop: at 1366×768 with the app's text
at 100 % and 200 %, nothing lies off-screen, is cut off or overlaps, no key column is narrower than its header, the
window's minimum size fits the screen, and "Acuut onveilig?" stays in view. Window size and splitter positions are
remembered per account, in the data dir."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from ghnt_desktop.services.login import login
from tests.conftest import PASSPHRASE
from tests.ui.layout_checks import layout_problems, set_text_percent, shown_at

SCREEN = (1366, 768)
PERCENTS = (100, 200)


@pytest.fixture(autouse=True)
def _app():
    from ghnt_desktop.ui.app import make_app

    app = make_app()
    yield app
    set_text_percent(100)


def _main_window(qtbot, ws):
    from ghnt_desktop.ui.main_window import MainWindow

    win = MainWindow(ws)
    qtbot.addWidget(win)
    shown_at(qtbot, win, SCREEN)
    qtbot.waitUntil(lambda: win.first_page_ready)
    return win


def clipped_labels(window: QWidget) -> list[str]:
    """Wrapped texts that got less height than their lines need (their last lines are cut off)."""
    out = []
    for w in window.findChildren(QLabel):
        if w.isVisibleTo(window) and w.wordWrap() and w.text().strip() and w.width() > 0:
            need = w.heightForWidth(w.width())
            if need > w.height() + 2:
                out.append(f"label {w.text()[:40]!r} is {w.height()} px high, its text needs {need}")
    return out


def _acute_in_view(win) -> list[str]:
    b = win.acute_button
    top_left = b.mapTo(win, b.rect().topLeft())
    inside = win.rect().contains(top_left) and win.rect().contains(b.mapTo(win, b.rect().bottomRight()))
    return [] if b.isVisible() and inside else ["'Acuut onveilig?' is not in view"]


def _every_screen(qtbot, win, percent: int) -> list[str]:
    for row in range(len(win.modules)):  # every screen built at 100 %, then the text size changes (as Ctrl++)
        win.nav.setCurrentRow(row)
        QApplication.processEvents()
    set_text_percent(percent)
    problems = []
    for row, m in enumerate(win.modules):
        win.nav.setCurrentRow(row)
        QApplication.processEvents()
        problems += [f"[{m.titel}] {p}" for p in layout_problems(win, screen=SCREEN) + _acute_in_view(win)
                     + clipped_labels(win)]
        if m.key == "beheer":
            view = win.pages["beheer"]
            for i in range(view.tabs.count()):
                view.tabs.setCurrentIndex(i)
                QApplication.processEvents()
                problems += [f"[Beheer › {view.tabs.tabText(i)}] {p}"
                             for p in layout_problems(win, screen=SCREEN) + _acute_in_view(win) + clipped_labels(win)]
    return problems


@pytest.mark.parametrize("percent", PERCENTS)
def test_main_window_of_the_demo_fits_on_every_screen(qtbot, demo_dir, percent):
    ws = login(demo_dir, "demo", "demo")
    try:
        win = _main_window(qtbot, ws)
        assert _every_screen(qtbot, win, percent) == []
        hint = win.minimumSizeHint().expandedTo(win.minimumSize())
        assert hint.width() <= SCREEN[0] and hint.height() <= SCREEN[1]
        win.close()
    finally:
        ws.close()


@pytest.mark.parametrize("percent", PERCENTS)
def test_main_window_of_a_new_workspace_fits_for_the_beheerder(qtbot, workspace, percent):
    win = _main_window(qtbot, workspace)
    assert [m.key for m in win.modules][0] == "aan_de_slag"
    assert _every_screen(qtbot, win, percent) == []
    win.lock()
    qtbot.waitUntil(lambda: getattr(win, "unlock_dialog", None) is not None and win.unlock_dialog.isVisible())
    assert layout_problems(win, screen=SCREEN) + _acute_in_view(win) == []
    win.unlock_dialog.close_with_window()
    win.close()


# --- dialogs ----------------------------------------------------------------------------------------------------

def _dialogs(ws, data_dir: Path, parent: QWidget) -> dict:
    from ghnt_desktop.services import backup, location
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

    fake = backup.BackupInfo(path=data_dir / "backups" / "x.db", kind="dag", size=123_456,
                             created_at=datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc))

    def setup_with_problems():
        d = SetupDialog(data_dir.parent / "nieuw")
        d.org_edit.setText("Stichting Sociale Wijkteams Zaanstad, Oostzaan en Wormerland")
        d.try_create()  # every problem at once: the longest error
        return d

    def unlock_wrong():
        d = UnlockDialog(data_dir, login="tester")
        d.error.setText("De combinatie van naam en wachtzin klopt niet. Na nog twee pogingen wacht de app even.")
        return d

    made = {
        "eerste start": setup_with_problems,
        "ontgrendelen": unlock_wrong,
        "vergrendeld": lambda: LockUnlockDialog(ws, parent),
        "acuut onveilig": lambda: AcuteDialog(parent),
        "sneltoetsen": lambda: SneltoetsenDialog(parent),
        "wachtzin wijzigen": lambda: ChangePassphraseDialog(ws, parent),
        "eigen wachtzin kiezen": lambda: ChangePassphraseDialog(ws, parent, forced=True),
        "locatie": lambda: LocationWarningDialog(location.Locatie(
            location.NETWERK, "De gegevensmap staat op een netwerkschijf. Valt de verbinding weg terwijl de app "
            "schrijft, dan kan de database beschadigd raken. " * 2), data_dir / "een" / "lang" / "pad"),
        "wachtzin nodig": lambda: PassphraseDialog(data_dir, "tester"),
        "herstellen": lambda: RecoveryDialog("Het databasebestand is beschadigd.", [], None),
        "reservekopieën": lambda: BackupDialog(ws, parent),
        "inzage": lambda: InzageDialog(ws, "meldcode_dossier", 1, parent),
        "nieuw account": lambda: AccountDialog(ws, parent),
        "eenmalige wachtzin": lambda: OneTimePassphraseDialog(
            "Marie-Louise van den Heuvel-Abdelkader", "marie-louise", "rode fiets langs de dijk 52", parent),
        "nieuw team": lambda: TeamDialog(ws, parent),
        "eerder vernietigen": lambda: EarlyDestructionDialog(ws, parent),
        "reden": lambda: ReasonDialog("Juridische blokkade", "Waarom is de blokkade nodig? " * 6, parent),
        "terugzetten": lambda: ConfirmRestoreDialog(fake, parent),
    }
    return made


DIALOGS = ["eerste start", "ontgrendelen", "vergrendeld", "acuut onveilig", "sneltoetsen", "wachtzin wijzigen",
           "eigen wachtzin kiezen", "locatie", "wachtzin nodig", "herstellen", "reservekopieën", "inzage",
           "nieuw account", "eenmalige wachtzin", "nieuw team", "eerder vernietigen", "reden", "terugzetten"]


def shown_as_dialog(qtbot, dlg: QDialog, screen=SCREEN) -> QDialog:
    """As the app shows it: modal, at its own size, never larger than the screen (minus a title bar)."""
    dlg.open()
    qtbot.waitExposed(dlg)
    hint = dlg.sizeHint().expandedTo(dlg.minimumSizeHint()).expandedTo(dlg.size())
    dlg.resize(min(hint.width(), screen[0]), min(hint.height(), screen[1] - 32))
    QApplication.processEvents()
    return dlg


@pytest.mark.parametrize("percent", PERCENTS)
@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_fits(qtbot, workspace, data_dir, name, percent):
    parent = QWidget()
    parent.ws = workspace
    qtbot.addWidget(parent)
    set_text_percent(percent)
    dlg = _dialogs(workspace, data_dir, parent)[name]()
    qtbot.addWidget(dlg)
    shown_as_dialog(qtbot, dlg)
    problems = layout_problems(dlg, screen=SCREEN) + clipped_labels(dlg)
    assert problems == [], "\n".join(problems)
    getattr(dlg, "close_with_window", dlg.close)()


# --- remembered per account -------------------------------------------------------------------------------------

def test_window_size_and_splitters_are_remembered_per_account_in_the_data_dir(qtbot, workspace, data_dir, tmp_path):
    from ghnt_desktop.services import accounts
    from ghnt_desktop.domain.roles import Rol
    from ghnt_desktop.ui.main_window import SETTINGS_FILE, MainWindow

    accounts.maak_account(workspace, login="tweede", naam="Tweede Persoon", passphrase=PASSPHRASE,
                          rollen=frozenset({Rol.BEHEERDER}), check_passphrase=False)
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    qtbot.waitUntil(lambda: win.first_page_ready)
    win.resize(720, 540)  # within the offscreen screen (800×600): restoring keeps a window on its screen
    QApplication.processEvents()
    win.splitter.moveSplitter(260, 1)  # as the user dragging the handle
    QApplication.processEvents()
    nav_width = win.splitter.sizes()[0]
    win.close()
    ini = data_dir / SETTINGS_FILE
    assert ini.exists()
    stored = ini.read_text(encoding="latin-1")
    for private in (workspace.organisatie, workspace.session.naam, "Tweede Persoon", workspace.session.login):
        assert private not in stored  # no names, no case content: account ids and sizes only
    assert workspace.session.account_id in stored
    home = Path.home()
    assert not [p for p in home.rglob("*") if p.is_file()], "nothing in the user's profile outside the data dir"

    again = MainWindow(workspace)
    qtbot.addWidget(again)
    with qtbot.waitExposed(again):
        again.show()
    qtbot.waitUntil(lambda: again.first_page_ready)
    assert (again.width(), again.height()) == (720, 540)
    assert again.splitter.sizes()[0] == nav_width
    again.close()
    first_id = workspace.session.account_id
    workspace.close()  # one workspace open at a time (the single-writer lock)

    other_ws = login(data_dir, "tweede", PASSPHRASE)
    try:
        other = MainWindow(other_ws)
        qtbot.addWidget(other)
        assert (other.width(), other.height()) == (1100, 720)  # the other account has its own (default) size
        with qtbot.waitExposed(other):
            other.show()
        qtbot.waitUntil(lambda: other.first_page_ready)
        other.close()
    finally:
        other_ws.close()
    assert QSettings(str(ini), QSettings.Format.IniFormat).childGroups() == sorted(
        [f"account-{first_id}", f"account-{other_ws.session.account_id}"])
