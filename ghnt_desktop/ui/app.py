"""QApplication set-up: bundled font, Qt's Dutch translations (with what qtbase_nl lacks), the one visual style
(``ui.stijl``), headings for screen readers (``ui.kop``), "Acuut onveilig?" from every window, text size."""
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

# Qt's Dutch translation (qtbase_nl.qm, the same file as PySide6's) lacks these source texts: the file dialog
# gained mnemonics ("&Look in:") after the translation was made, and the file type column uses a newer
# context. Found by opening Qt's own dialogs with a probe translator (tests/ui/test_shell_translations.py).
QT_AANVULLING: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "&Zoeken in:",
    ("QFileDialog", "Files of &type:"): "Bestands&type:",
    ("QAbstractFileIconProvider", "Drive"): "Station",
    ("QAbstractFileIconProvider", "Folder"): "Map",
    ("QAbstractFileIconProvider", "File"): "Bestand",
    ("QAbstractFileIconProvider", "Unknown"): "Onbekend",
    ("QPlatformTheme", "Reset"): "Herstellen",
    ("QPlatformTheme", "Restore Defaults"): "Standaardwaarden",
}


class _QtAanvulling(QTranslator):
    """The Dutch texts missing from qtbase_nl.qm (installed last, so asked first)."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401 - Qt override
        return QT_AANVULLING.get((context, source_text))

    def isEmpty(self) -> bool:  # noqa: N802 (Qt name)
        return False



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
    if not any(isinstance(t, _QtAanvulling) for t in _translators):
        extra = _QtAanvulling(app)
        app.installTranslator(extra)
        _translators.append(extra)
    return ok


def install_acute_everywhere(app: QApplication) -> None:
    """"Acuut onveilig?" from every window (``acute_dialog.AcuteEverywhere``), once per application. Its event
    filter reads every event's type, which costs ~15 ms the first time: the start-up with a passphrase file
    installs it after the first paint (the main window does), every other path before its first dialog."""
    if app.property("ghntAcuut") is None:
        from ghnt_desktop.ui.acute_dialog import AcuteEverywhere

        app.installEventFilter(AcuteEverywhere(app))
        app.setProperty("ghntAcuut", True)


def make_app(argv: list[str] | None = None, *, acute_now: bool = True) -> QApplication:
    """The application with the app's fonts, translations and style. ``acute_now=False`` leaves the
    application-wide "Acuut onveilig?" filter to the main window's first turn of the event loop (fast start)."""
    app = QApplication.instance() or QApplication(argv or ["ghnt"])
    from ghnt_desktop.ui import refcount_guard

    refcount_guard.install(app)  # PySide6 6.12 on Python 3.11: see that module
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    missing_fonts[:] = load_fonts(START_FONTS)
    load_translations(app)
    from ghnt_desktop.ui import kop, stijl

    if app.property("ghntStijl") is None:
        if app.style().name().lower() != "fusion":  # already the default on Linux (saves a new style there)
            app.setStyle("Fusion")  # the same calm look on every platform; the palette and sheet do the rest
        app.setPalette(stijl.palette())
        kop.install()
        app.setProperty("ghntStijl", True)
    if acute_now:
        install_acute_everywhere(app)
    set_text_size(app, BASE_POINT_SIZE)
    return app


def set_text_size(app: QApplication, points: int) -> None:
    from ghnt_desktop.ui import stijl

    points = max(8, min(28, points))
    font = QFont(FONT_FAMILY, points)
    app.setFont(font)
    # The sheet scales headings and padding with the text; setting it also re-polishes the widgets that
    # already exist (with a style sheet set, they would otherwise keep their old font).
    app.setStyleSheet(stijl.style_sheet(points))
    # Re-polishing resets fonts that screens set relative to the app font: tell them once more.
    app.fontChanged.emit(app.font())


def text_size(app: QApplication) -> int:
    return app.font().pointSize()
