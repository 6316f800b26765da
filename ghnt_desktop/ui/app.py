"""QApplication set-up: bundled font, Qt's Dutch translations, visible focus, text size."""
from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ghnt_desktop import APP_NAME
from ghnt_desktop.paths import resource_path

log = logging.getLogger("ghnt.ui")

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")
START_FONTS = FONT_FILES[:2]  # regular and bold before the first paint; the obliques right after it
FONT_FAMILY = "DejaVu Sans"
BASE_POINT_SIZE = 10

FOCUS_STYLE = """
*:focus { outline: none; }
QPushButton:focus, QToolButton:focus, QCheckBox:focus, QRadioButton:focus {
    border: 2px solid #1c4fa0; border-radius: 3px; }
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus, QSpinBox:focus, QDateEdit:focus,
QListWidget:focus, QListView:focus, QTableView:focus, QTreeView:focus {
    border: 2px solid #1c4fa0; }
QPushButton#acuutKnop { background: #b00020; color: white; font-weight: bold; padding: 8px 16px; min-height: 1.6em;
    border-radius: 4px; }
QPushButton#acuutKnop:focus { border: 3px solid #000000; }
QLabel#ontbreekt { color: #8a4b00; }
QLabel#foutmelding { color: #b00020; }
"""

_translators: list[QTranslator] = []
missing_fonts: list[str] = []  # filled by make_app(); the main window tells the user in Dutch
_loaded_fonts: set[str] = set()


def load_fonts(names: tuple[str, ...] = FONT_FILES) -> list[str]:
    """Register the bundled TTFs; returns missing files (the app still runs on system fonts)."""
    missing = []
    for name in names:
        path = resource_path("fonts", name)
        if str(path) in _loaded_fonts:
            continue
        if not path.exists() or QFontDatabase.addApplicationFont(str(path)) < 0:
            missing.append(name)
        else:
            _loaded_fonts.add(str(path))
    if missing:
        log.warning("lettertypebestanden ontbreken: %s", ", ".join(missing))
    return missing


def load_deferred_fonts() -> None:
    """The oblique styles (italic text), loaded after the first paint."""
    missing_fonts.extend(n for n in load_fonts(FONT_FILES[2:]) if n not in missing_fonts)


def load_translations(app: QApplication) -> bool:
    translator = QTranslator(app)
    bundled = resource_path("translations")
    ok = translator.load("qtbase_nl", str(bundled)) or translator.load(
        "qtbase_nl", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if ok:
        app.installTranslator(translator)
        _translators.append(translator)
    return ok


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or ["ghnt"])
    from ghnt_desktop.ui import refcount_guard

    refcount_guard.install(app)  # PySide6 6.12 on Python 3.11: see that module
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    missing_fonts[:] = load_fonts(START_FONTS)
    load_translations(app)
    set_text_size(app, BASE_POINT_SIZE)
    app.setStyleSheet(FOCUS_STYLE)
    return app


def set_text_size(app: QApplication, points: int) -> None:
    points = max(8, min(28, points))
    font = QFont(FONT_FAMILY, points)
    app.setFont(font)
    # With a style sheet set, widgets that already exist keep their old font until the sheet is re-applied.
    if app.styleSheet():
        app.setStyleSheet(app.styleSheet())
        # Re-polishing resets fonts that screens set relative to the app font: tell them once more.
        app.fontChanged.emit(app.font())


def text_size(app: QApplication) -> int:
    return app.font().pointSize()
