"""Qt's own dialogs speak Dutch: the file dialog (its labels, buttons, tool tips, columns and file types) and the
standard buttons. Qt's qtbase_nl.qm lacks a few texts ("&Look in:", "Files of &type:"); ui.app adds them."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox, QFileDialog, QLabel,
                               QToolButton, QWidget)

# Qt source texts whose Dutch translation is the same word (not English left over)
SAME_IN_DUTCH = {"OK", "Computer", "Type", "Help", "%p%", "Ctrl", "Shift", "Alt", "Meta", "Tab", "Home", "End",
                 "Menu", "Print", "Pause", "Alias", "Num", "Control", "Info"}


@pytest.fixture(autouse=True)
def _app():
    from ghnt_desktop.ui.app import make_app

    return make_app()


class _Probe(QTranslator):
    """Records what Qt asks to translate (answers nothing itself)."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple[str, str]] = []

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401 - Qt override
        self.asked.append((context, source_text))
        return None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt name)
        return False


def _texts(dialog: QWidget) -> list[str]:
    out = []
    for w in dialog.findChildren(QWidget):
        if isinstance(w, (QLabel, QAbstractButton)) and w.text():
            out.append(w.text())
        if w.toolTip():
            out.append(w.toolTip())
        if isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            header = getattr(w, "header", None)
            model = w.model()
            out += [str(model.headerData(c, header().orientation()) or "") for c in range(model.columnCount())] \
                if header else []
    return out


@pytest.mark.parametrize("mode", ["openen", "opslaan", "map"])
def test_the_file_dialog_is_dutch(qtbot, tmp_path, mode):
    app = QApplication.instance()
    probe = _Probe()
    app.installTranslator(probe)
    try:
        (tmp_path / "reservekopie.db").write_bytes(b"")
        dlg = QFileDialog(None, "Reservekopie kiezen", str(tmp_path), "Reservekopie (*.db);;Alle bestanden (*)")
        dlg.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own dialog: the one Linux users get
        dlg.setViewMode(QFileDialog.ViewMode.Detail)
        if mode == "opslaan":
            dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        if mode == "map":
            dlg.setFileMode(QFileDialog.FileMode.Directory)
        qtbot.addWidget(dlg)
        with qtbot.waitExposed(dlg):
            dlg.show()
        shown = [t.replace("&", "") for t in _texts(dlg)]
    finally:
        app.removeTranslator(probe)
    assert "Zoeken in:" in shown
    if mode != "map":
        assert "Bestandstype:" in shown
    for english in ("Look in:", "Files of type:", "File name:", "Detail View", "List View", "Parent Directory",
                    "Create New Folder", "Date Modified", "Cancel", "Open", "Save", "Choose", "Back", "Forward",
                    "Name", "Size"):
        assert english not in shown, english
    untranslated = sorted({(c, s) for c, s in probe.asked if QCoreApplication.translate(c, s) == s
                           and s not in SAME_IN_DUTCH and any(ch.isalpha() for ch in s)
                           and c not in ("QShortcut", "QMimeType")  # key names, file type names
                           and not re.match(r"^(Ctrl|Alt|Shift|Meta)\+", s)})  # shortcuts stay as Qt parses them
    assert untranslated == []


def test_the_missing_texts_come_from_the_app_not_from_qt():
    """The check itself: without the app's additions, Qt's file dialog label stays English."""
    from ghnt_desktop.ui import app as app_setup

    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Zoeken in:"
    assert ("QFileDialog", "&Look in:") in app_setup.QT_AANVULLING
    extra = next(t for t in app_setup._translators if isinstance(t, app_setup._QtAanvulling))
    QApplication.instance().removeTranslator(extra)
    try:
        assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Look in:"
    finally:
        QApplication.instance().installTranslator(extra)
