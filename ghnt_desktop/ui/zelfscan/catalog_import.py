"""Beheerder: read a new or revised kwaliteitskader (catalogue) file.

On any problem a dialog lists EVERY problem with its place in the file (``ValidationError.details``);
nothing is changed then. On success the id and versie are shown, and whether it is the official text.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ghnt_desktop.errors import UserError, ValidationError
from ghnt_desktop.ui.messages import show_error
from ghnt_desktop.ui.zelfscan import common

TITLE = "Catalogus inlezen"
FILTER = "Kwaliteitskader (*.json);;Alle bestanden (*)"


def import_catalog(parent: QWidget, ws, svc, path: str | None = None):
    """Ask for a file (unless ``path``), import it, report. Returns the ``CatalogusInfo`` or None.

    The dialogs shown are non-blocking; the last one is kept in ``parent.last_dialog`` (for tests).
    """
    if path is None:
        path = common.ask_open_path(parent, "Kwaliteitskader kiezen", FILTER)
        if not path:
            return None
    try:
        data = common.read_file(path)
        info = svc.importeer_catalogus(ws, data)
    except ValidationError as exc:
        parent.last_dialog = common.show_problems(parent, "Kwaliteitskader niet ingelezen", exc)
        return None
    except UserError as exc:
        show_error(parent, exc, title="Kwaliteitskader niet ingelezen")
        return None
    text = (f"<p>Het kwaliteitskader is ingelezen.</p>"
            f"<p><b>Naam:</b> {html.escape(info.naam)}<br><b>Id:</b> {html.escape(info.id)}<br>"
            f"<b>Versie:</b> {html.escape(info.versie)}</p>")
    if info.officieel:
        text += "<p>Dit is de officiële tekst.</p>"
    else:
        text += "<p><b>Let op:</b> dit is een werkversie, niet de officiële tekst van de VNG.</p>"
    text += "<p>Nieuwe zelfscans gebruiken vanaf nu het nieuwste kwaliteitskader. Bestaande zelfscans houden hun eigen versie.</p>"
    box = QMessageBox(QMessageBox.Icon.Information, "Kwaliteitskader ingelezen", text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setAccessibleName("Kwaliteitskader ingelezen")
    parent.last_dialog = common.open_dialog(box, parent)
    return info
