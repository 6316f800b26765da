"""The PDF preview inside the app (QtPdf), "Opslaan als…" and "Afdrukken…".

The PDF is built in memory and shown from a QBuffer, so no unencrypted temp file is written.
Printing rasterises each page (QtPdf cannot hand vector pages to a printer) at 200 dpi.

The pages are pictures to a screen reader, so the preview has a text alternative: its description says how
many pages there are, and "Tekst van het voorbeeld" shows the text of every page (from the PDF itself) in a
read-only text view that a screen reader reads and a keyboard user can scroll.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QPlainTextEdit, QPushButton, QStackedWidget,
                               QVBoxLayout, QWidget)

from ghnt_desktop.ui.plan.common import ErrorLabel, StatusLine, service

VIEW_NAME = "Voorbeeld van het plan (PDF)"
TEXT_BUTTON = {False: "&Tekst van het voorbeeld", True: "&Terug naar de pagina's"}

PRINT_DPI = 200


def _paginas(n: int) -> str:
    return "1 pagina" if n == 1 else f"{n} pagina's"


class PreviewTab(QWidget):
    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self.ws = ws
        self.plan_id: int | None = None
        self.data: bytes | None = None
        self.stale = True
        self.printer = None  # kept: a QPrinter garbage-collected under a dialog crashes (stack notes §7)
        self.print_dialog = None
        self._buffer: QBuffer | None = None
        lay = QVBoxLayout(self)
        knoppen = QHBoxLayout()
        # Alt+letters: not A B H L V W (main window) nor G R N O Z P C K D (plan page header and tabs)
        self.refresh_button = QPushButton("Vern&ieuwen")
        self.refresh_button.setToolTip("Maak het voorbeeld opnieuw met wat nu in het plan staat")
        self.refresh_button.clicked.connect(self.refresh)
        self.save_button = QPushButton("Op&slaan als…")
        self.save_button.clicked.connect(self.save_as)
        self.print_button = QPushButton("Afdr&ukken…")
        self.print_button.clicked.connect(self.print_dialog_open)
        self.text_button = QPushButton(TEXT_BUTTON[False])
        self.text_button.setToolTip("Toon de tekst van het plan in plaats van de pagina's (voor schermlezers "
                                    "en om tekst te kopiëren)")
        self.text_button.clicked.connect(lambda: self._show_text(not self.showing_text))
        for b in (self.refresh_button, self.save_button, self.print_button, self.text_button):
            knoppen.addWidget(b)
        knoppen.addStretch(1)
        lay.addLayout(knoppen)
        self.info = StatusLine("Over het voorbeeld")
        lay.addWidget(self.info)
        self.error = ErrorLabel()
        lay.addWidget(self.error)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setAccessibleName(VIEW_NAME)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.text_view = QPlainTextEdit()
        self.text_view.setReadOnly(True)
        self.text_view.setTabChangesFocus(True)
        self.text_view.setAccessibleName("Tekst van het voorbeeld")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.text_view)
        lay.addWidget(self.stack, 1)
        self._enable(False)
        self._describe()

    def _enable(self, on: bool) -> None:
        self.save_button.setEnabled(on)
        self.print_button.setEnabled(on)
        self.text_button.setEnabled(on)
        if not on:
            self._show_text(False)
            self.text_view.clear()

    def _describe(self) -> None:
        """The text alternative of the pages: how many there are, and where their text is."""
        n = self.document.pageCount() if self.data is not None else 0
        if n:
            self.view.setAccessibleDescription(
                f"{_paginas(n)}, als afbeelding. De tekst staat onder de knop "
                "'Tekst van het voorbeeld'.")
        else:
            self.view.setAccessibleDescription("Er is nog geen voorbeeld.")

    def page_texts(self) -> list[str]:
        """The text of each page of the preview, in reading order as the PDF gives it."""
        if self.data is None:
            return []
        return [self.document.getAllText(i).text() for i in range(self.document.pageCount())]

    @property
    def showing_text(self) -> bool:
        return self.stack.currentWidget() is self.text_view

    def _show_text(self, on: bool) -> None:
        self.text_button.setText(TEXT_BUTTON[on])
        if on:
            delen = [f"— Pagina {i + 1} van {len(teksten)} —\n{t.strip()}"
                     for teksten in [self.page_texts()] for i, t in enumerate(teksten)]
            self.text_view.setPlainText("\n\n".join(delen))
            self.stack.setCurrentWidget(self.text_view)
        else:
            self.stack.setCurrentWidget(self.view)

    def set_plan(self, plan_id: int | None) -> None:
        if plan_id != self.plan_id:
            self.plan_id = plan_id
            self.mark_stale()

    def mark_stale(self) -> None:
        self.stale = True

    def ensure_fresh(self) -> None:
        if self.stale:
            self.refresh()

    def refresh(self):
        """Build the PDF for the current plan on the worker and show it (returns the operation, if any)."""
        self.error.clear_error()
        self.document.close()
        self.data = None
        self._enable(False)
        self._describe()
        if self.plan_id is None:
            self.info.clear_message()
            self.stale = False
            return
        from ghnt_desktop.reporting import plan_pdf  # reportlab only when printing (imported here, not on the worker)
        from ghnt_desktop.ui.operations import run_op

        def failed(exc: BaseException) -> None:
            self.error.show_error(exc)
            self.info.clear_message()

        ws, plan_id = self.ws, self.plan_id
        return run_op(self, "Voorbeeld maken", lambda: plan_pdf.pdf_bytes(ws, plan_id), self._show, on_error=failed,
                      progress_text="Bezig met het maken van de PDF…", error_title="Voorbeeld niet gemaakt")

    def _show(self, data: bytes) -> None:
        self.data = data
        if self._buffer is not None:
            self._buffer.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(self.data)  # the buffer holds its own copy; kept alive as long as the view
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        n = self.document.pageCount()
        self.info.say(f"Het voorbeeld is klaar: {_paginas(n)}.")
        self.stale = False
        self._enable(True)
        self._describe()

    # --- saving -------------------------------------------------------------
    def save_as(self) -> None:
        if self.data is None:
            return
        pad, _ = QFileDialog.getSaveFileName(self, "Plan opslaan als", str(Path.home() / self.default_name()),
                                             "PDF-bestanden (*.pdf)")
        if pad:
            self.save_to(Path(pad))

    def default_name(self) -> str:
        p = service().plan(self.ws, self.plan_id) if self.plan_id else None
        if p is None:
            return "plan-van-aanpak.pdf"
        return f"plan-van-aanpak-{p.gemeente_code}-{p.periode_van.year}-versie-{p.versie}.pdf"

    def save_to(self, pad: Path) -> bool:
        if pad.suffix.lower() != ".pdf":
            pad = pad.with_name(pad.name + ".pdf")
        try:
            from ghnt_desktop.reporting import plan_pdf

            plan_pdf.exporteer_pdf(self.ws, self.plan_id, pad, data=self.data)
        except Exception as exc:  # noqa: BLE001
            self.error.show_error(exc)
            return False
        self.info.say(f"Opgeslagen als {pad.name}")
        return True

    # --- printing -----------------------------------------------------------
    def print_dialog_open(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.data is None:
            return
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setDocName("Plan van aanpak")
        self.print_dialog = QPrintDialog(self.printer, self)
        self.print_dialog.setWindowTitle("Plan afdrukken")
        self.print_dialog.finished.connect(self._print_dialog_finished)
        QDialog.open(self.print_dialog)  # window-modal; QPrintDialog.open() itself wants a receiver

    def _print_dialog_finished(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and self.printer is not None:
            self.print_to(self.printer)

    def print_to(self, printer) -> bool:
        """Paint every page on ``printer`` (also used by tests with a PDF-file printer)."""
        if self.data is None or self.document.pageCount() == 0:
            return False
        painter = QPainter()
        if not painter.begin(printer):
            self.error.show_text("De printer kan niet worden gebruikt. Kies een andere printer.")
            return False
        try:
            for i in range(self.document.pageCount()):
                if i:
                    printer.newPage()
                pts = self.document.pagePointSize(i)
                size = QSize(max(1, round(pts.width() / 72 * PRINT_DPI)), max(1, round(pts.height() / 72 * PRINT_DPI)))
                image = self.document.render(i, size)
                area = painter.viewport()
                scaled = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(area.x(), area.y(), scaled.width(), scaled.height()), image)
        finally:
            painter.end()
        try:
            service().registreer_afdrukken(self.ws, self.plan_id)
        except Exception as exc:  # noqa: BLE001
            self.error.show_error(exc)
        self.info.say("Het plan is naar de printer gestuurd.")
        return True

    def clear(self) -> None:
        self.document.close()
        self.data = None
        self._enable(False)
        self._describe()
        self.stale = True
