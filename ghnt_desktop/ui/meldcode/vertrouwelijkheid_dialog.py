"""Two pages the meldcode screens link to: "Mag ik dit delen?" (beroepsgeheim, meldrecht, conflict van plichten,
from ``resources/meldcode/vertrouwelijkheid.json``) and "Onze meldcode" (the organisation's own meldcode)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QTextBrowser, QVBoxLayout

from ghnt_desktop.ui.meldcode.widgets import content, fit_to_screen, html_escape, wrap_label

VERTROUWELIJKHEID_KNOP = "Mag ik dit delen? Privac&y en beroepsgeheim"
ONZE_MELDCODE_KNOP = "Onze meldcode bekij&ken…"


def vertrouwelijkheid_html() -> str:
    c = content().vertrouwelijkheid
    delen = [f"<p>{html_escape(c.inleiding)}</p>"]
    for o in c.onderdelen:
        check = "" if o.geverifieerd else " <i>(nog niet helemaal gecontroleerd tegen de officiële tekst)</i>"
        delen.append(f"<h3>{html_escape(o.kop)}</h3>{check}")
        delen += [f"<p>{html_escape(a)}</p>" for a in o.alineas]
        delen.append("<p><small>Bronnen: " + "; ".join(html_escape(b) for b in o.bronnen) + "</small></p>")
    delen.append(f"<p><small>Versie {html_escape(c.versie)}. {html_escape(c.bron)}</small></p>")
    return "".join(delen)


class _Pagina(QDialog):
    def __init__(self, titel: str, html: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(titel)
        self.setAccessibleName(titel)
        lay = QVBoxLayout(self)
        self.tekst = QTextBrowser()
        self.tekst.setAccessibleName(titel)
        self.tekst.setOpenLinks(False)
        self.tekst.setHtml(f"<h2>{html_escape(titel)}</h2>{html}")
        lay.addWidget(self.tekst)
        self.buttons = QDialogButtonBox()
        sluiten = self.buttons.addButton("&Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        sluiten.setAccessibleName("Sluiten")
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        fit_to_screen(self, 640, 600)

    def text(self) -> str:
        return self.tekst.toPlainText()


class VertrouwelijkheidDialog(_Pagina):
    def __init__(self, parent=None) -> None:
        super().__init__(content().vertrouwelijkheid.titel, vertrouwelijkheid_html(), parent)


class OnzeMeldcodeDialog(_Pagina):
    """The organisation's own meldcode: its text, and a button that opens the link (web address or file)."""

    def __init__(self, ws, parent=None) -> None:
        from ghnt_desktop.services import meldcodeprofiel

        self.eigen = meldcodeprofiel.eigen_meldcode(ws)
        if self.eigen.leeg:
            html = ("<p>Jullie organisatie heeft haar eigen meldcode nog niet in de app gezet. Vraag de beheerder om "
                    "dat te doen bij Beheer, Meldcodeprofiel.</p>")
        else:
            html = ""
            if self.eigen.link:
                html += f"<p>Link naar de meldcode: {html_escape(self.eigen.link)}</p>"
            if self.eigen.tekst:
                html += "".join(f"<p>{html_escape(a)}</p>" for a in self.eigen.tekst.split("\n") if a.strip())
        super().__init__("Onze meldcode", html, parent)
        self.open_button: QPushButton | None = None
        if self.eigen.link:
            self.open_button = self.buttons.addButton("Link &openen", QDialogButtonBox.ButtonRole.ActionRole)
            self.open_button.setAccessibleName("Link naar onze meldcode openen")
            self.open_button.clicked.connect(self.open_link)

    def url(self) -> QUrl:
        link = self.eigen.link.strip()
        if "://" in link:
            return QUrl(link)
        return QUrl.fromLocalFile(str(Path(link).expanduser()))

    def open_link(self) -> None:
        if not QDesktopServices.openUrl(self.url()):
            self.tekst.append("De link kon niet worden geopend. Kopieer hem en open hem zelf.")


def vertrouwelijkheid_knop(parent) -> QPushButton:
    """The button the steps show where sharing information is at stake."""
    b = QPushButton(VERTROUWELIJKHEID_KNOP, parent)
    b.setAccessibleName(VERTROUWELIJKHEID_KNOP.replace("&", ""))
    b.setAccessibleDescription("Uitleg over beroepsgeheim, meldrecht en conflict van plichten")

    def show() -> None:
        dlg = VertrouwelijkheidDialog(b)  # a child of the screen: closed when the screen locks
        b.dialog = dlg  # reachable for tests
        dlg.exec()

    b.clicked.connect(show)
    return b


def onze_meldcode_knop(ws, parent, *, mnemonic: bool = True) -> QPushButton:
    """``mnemonic=False`` where Alt+K is taken (the dossier screen: "Wie wer&kt eraan…")."""
    b = QPushButton(ONZE_MELDCODE_KNOP if mnemonic else ONZE_MELDCODE_KNOP.replace("&", ""), parent)
    b.setAccessibleName("Onze meldcode bekijken")

    def show() -> None:
        dlg = OnzeMeldcodeDialog(ws, b)
        b.dialog = dlg
        dlg.exec()

    b.clicked.connect(show)
    return b


__all__ = ["VertrouwelijkheidDialog", "OnzeMeldcodeDialog", "vertrouwelijkheid_knop", "onze_meldcode_knop",
           "vertrouwelijkheid_html", "wrap_label"]
