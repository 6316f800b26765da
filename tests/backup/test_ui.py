"""Backup panel (Beheer) and the recovery flow at start-up, driven through real widgets."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ghnt_desktop.ui import operations
from ghnt_desktop.storage import backup as store
from ghnt_desktop.storage.workspace import DB_NAME, Workspace
from tests.backup.helpers import corrupt_middle, digest, snapshot, without_audit
from tests.conftest import PASSPHRASE
from tests.ui.test_accessibility import _problems


def _app():
    from ghnt_desktop.ui.app import make_app

    return make_app()


def on_modals(steps, seen=None):
    """Answer modal dialogs in order: ``steps`` = [(type, action(widget))]. Records what was shown."""
    seen = seen if seen is not None else []
    handled: set[int] = set()

    def poll():
        w = QApplication.activeModalWidget()
        if w is not None and steps and isinstance(w, steps[0][0]) and id(w) not in handled:
            handled.add(id(w))
            seen.append(w.text() if isinstance(w, QMessageBox) else type(w).__name__)
            steps.pop(0)[1](w)
        if steps:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def test_backup_panel_make_verify_restore(qtbot, workspace):
    _app()
    from ghnt_desktop.ui.backup_dialogs import BackupDialog, ConfirmRestoreDialog

    dlg = BackupDialog(workspace)
    qtbot.addWidget(dlg)
    with qtbot.waitExposed(dlg):
        dlg.show()
    panel = dlg.panel
    assert _problems(dlg) == []
    assert panel.table.rowCount() == 0 and not panel.restore_button.isEnabled()
    panel.make_button.click()
    assert operations.wait_idle(10_000)
    assert panel.table.rowCount() == 1 and "gecontroleerd" in panel.status.text()
    before = without_audit(snapshot(workspace))
    from ghnt_desktop.services import teams

    teams.maak_team(workspace, "Later team", "wijkteam", ["GM0479"])
    panel.select_row(0)
    assert panel.restore_button.isEnabled()
    panel.verify_button.click()
    assert operations.wait_idle(10_000)
    assert "in orde" in panel.status.text()
    assert panel.table.item(0, 4).text() == "In orde"
    restored = []
    dlg.restored.connect(restored.append)

    def confirm(w: ConfirmRestoreDialog):
        assert _problems(w) == []
        w.pass_edit.setText(PASSPHRASE)
        w.ok_button.click()

    on_modals([(ConfirmRestoreDialog, confirm)])
    panel.restore_button.click()
    assert operations.wait_idle(10_000)
    assert len(restored) == 1, panel.status.text()
    new_ws = restored[0]
    try:
        assert without_audit(snapshot(new_ws)) == before
        assert "teruggezet" in panel.status.text()
        kinds = {b.kind for b in panel.backups}
        assert kinds == {store.MANUAL, store.PRE_RESTORE}
    finally:
        new_ws.close()


def test_backup_panel_wrong_passphrase_shows_dutch_error(qtbot, workspace):
    _app()
    from ghnt_desktop.ui.backup_dialogs import BackupPanel

    panel = BackupPanel(workspace)
    qtbot.addWidget(panel)
    assert panel.make_backup().wait(10_000)
    seen = on_modals([(QMessageBox, lambda w: w.accept())])
    op = panel.restore(panel.backups[0].path, "niet goed")
    assert op.wait(10_000) and op.error is not None
    qtbot.waitUntil(lambda: bool(seen))
    assert "klopt niet" in seen[0] and "klopt niet" in panel.status.text()
    assert workspace.organisatie == "Testteam"  # still open and usable


def test_offer_restore_after_corruption(qtbot, workspace, data_dir):
    _app()
    from ghnt_desktop.ui.recovery import PassphraseDialog, RecoveryDialog, offer_restore

    from ghnt_desktop.services import backup as service

    good = service.make_backup(workspace).path
    snap = without_audit(snapshot(workspace))
    workspace.close()
    corrupt_middle(data_dir / DB_NAME, 5000)
    damaged = digest(data_dir / DB_NAME)
    shown = {}

    def ask(w: PassphraseDialog):
        shown["ask"] = _problems(w)
        w.pass_edit.setText(PASSPHRASE)
        w.ok_button.click()

    def choose(w: RecoveryDialog):
        shown["problems"] = _problems(w)
        shown["selected"] = w.list.currentItem().text()
        w.restore_button.click()

    seen = on_modals([(PassphraseDialog, ask), (RecoveryDialog, choose), (QMessageBox, lambda w: w.accept())])
    ws = offer_restore(data_dir, "tester", None, None, reason="Het databasebestand is beschadigd.")
    assert ws is not None, seen
    try:
        assert without_audit(snapshot(ws)) == snap
        assert shown["problems"] == [] and shown["ask"] == [] and "gecontroleerd, in orde" in shown["selected"]
        assert "teruggezet" in seen[-1] and "beschadigd-" in seen[-1]
        aside = list(data_dir.glob("beschadigd-*.db"))
        assert len(aside) == 1 and digest(aside[0]) == damaged
        assert store.read_sidecar(good) is not None
    finally:
        ws.close()


def test_offer_restore_quit_changes_nothing(qtbot, workspace, data_dir):
    _app()
    from ghnt_desktop.ui.recovery import RecoveryDialog, offer_restore

    workspace.close()
    corrupt_middle(data_dir / DB_NAME, 5000)
    damaged = digest(data_dir / DB_NAME)
    seen = on_modals([(RecoveryDialog, lambda w: w.quit_button.click())])
    assert offer_restore(data_dir, "tester", PASSPHRASE, None) is None
    assert seen == ["RecoveryDialog"]
    assert digest(data_dir / DB_NAME) == damaged and not list(data_dir.glob("beschadigd-*"))


def test_daily_backup_or_recover_warns_on_full_disk(qtbot, workspace, monkeypatch):
    _app()
    import errno

    from ghnt_desktop.storage import backup as storemod
    from ghnt_desktop.ui.recovery import daily_backup_or_recover

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storemod, "_fsync_file", full)  # simulated: the disk fills while writing the backup
    seen = on_modals([(QMessageBox, lambda w: w.accept())])
    assert daily_backup_or_recover(workspace, None) is workspace
    assert "schijf is vol" in seen[0] and "niet aangetast" in seen[0]
    assert not list(workspace.backup_dir.glob("*.db")) and not list(workspace.backup_dir.glob(".tmp-*"))


def test_daily_backup_or_recover_offers_restore_when_damaged(qtbot, workspace, data_dir):
    _app()
    from ghnt_desktop.services import backup as service
    from ghnt_desktop.ui.recovery import PassphraseDialog, RecoveryDialog, daily_backup_or_recover

    service.make_backup(workspace)
    workspace.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    corrupt_middle(data_dir / DB_NAME, 6000)
    workspace.db.conn.execute("PRAGMA shrink_memory")

    def ask(w):
        w.pass_edit.setText(PASSPHRASE)
        w.ok_button.click()

    on_modals([(PassphraseDialog, ask), (RecoveryDialog, lambda w: w.restore_button.click()),
               (QMessageBox, lambda w: w.accept())])
    ws = daily_backup_or_recover(workspace, None)
    assert ws is not None and ws is not workspace
    ws.close()


def test_second_instance_is_detected(workspace, data_dir):
    from ghnt_desktop.services.datadir import is_running_elsewhere

    # in-process a second lock object conflicts like a second process would (see tests/faults for real processes)
    assert is_running_elsewhere(data_dir)
    workspace.close()
    assert not is_running_elsewhere(data_dir)
