"""Results of one scan: per theme and per doelgroep the share of standards that "voldoet".

N.v.t. is left out; Weet niet is counted apart and shown next to the percentage (see the scoring rule in
``ghnt_desktop.domain.zelfscan``). Each breakdown is a bar chart AND a table with the same numbers.
Below: the verbeterpunten by priority. The catalogue version is always shown.
"""
from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QTableWidget, QVBoxLayout, QWidget

from ghnt_desktop.ui.zelfscan.bar_chart import Bar, BarChart
from ghnt_desktop.ui.zelfscan.common import CatalogNotice, FitTable, percentage_text, scroll_page

RESULT_COLUMNS = ["Onderdeel", "Voldoet (%)", "Voldoet", "Voldoet niet (helemaal)", "{apart}", "{uitgesloten}",
                  "Niet beantwoord", "Standaarden"]
#: verbeterpunten: Titel and Toelichting wrap and share the width (never one word per line)
VERBETER_COLUMNS = ["Prioriteit", "Standaard", "Titel", "Antwoord", "Toelichting"]
VERBETER_WRAP = {2: 24, 4: 24}


def make_table(name: str, headers: list[str], *, min_rows: int | None = None,
               wrap: dict[int, int] | None = None) -> FitTable:
    """A read-only table; by default as tall as its rows (the page scrolls, not the table)."""
    return FitTable(name, headers, min_rows=min_rows, wrap=wrap)


def set_rows(t: FitTable, rows: list[list[str]], *, fit: bool = True) -> None:  # noqa: ARG001 (kept for callers)
    t.set_rows(rows)


def table_text(t: QTableWidget) -> list[list[str]]:
    """The table's cells as text (used by tests and for copying)."""
    return [[t.item(r, c).text() if t.item(r, c) else "" for c in range(t.columnCount())] for r in range(t.rowCount())]


def telling_row(name: str, t) -> list[str]:
    return [name, percentage_text(t), str(t.voldoet), str(t.niet_voldoet), str(t.apart), str(t.uitgesloten),
            str(t.niet_beantwoord), str(t.aantal_standaarden)]


class ResultsView(QWidget):
    def __init__(self, catalogus, parent=None) -> None:
        super().__init__(parent)
        self.catalogus = catalogus
        schaal = catalogus.antwoordschaal
        apart = " / ".join(o.label for o in schaal.opties if o.apart_tonen) or "Apart"
        uitgesloten = " / ".join(o.label for o in schaal.opties if o.uitgesloten) or "Uitgesloten"
        self.headers = [h.format(apart=apart, uitgesloten=uitgesloten) for h in RESULT_COLUMNS]
        self.setAccessibleName("Resultaten")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        lay = QVBoxLayout(body)
        self.catalog_notice = CatalogNotice(prefix="Resultaten volgens kwaliteitskader", remark=False)
        self.catalog_notice.set_catalog(catalogus)
        lay.addWidget(self.catalog_notice)
        self.total_label = QLabel()
        self.total_label.setWordWrap(True)
        self.total_label.setAccessibleDescription("Totaal")
        lay.addWidget(self.total_label)
        rule = QLabel(f"Het percentage is: voldoet gedeeld door de beantwoorde standaarden, zonder "
                      f"'{uitgesloten}' en zonder '{apart}'. '{apart}' staat er apart naast.")
        rule.setWordWrap(True)
        lay.addWidget(rule)

        lay.addWidget(QLabel("<h3>Per thema</h3>"))
        self.theme_chart = BarChart("Grafiek: percentage voldoet per thema")
        self.theme_table = make_table("Tabel: resultaten per thema", self.headers, wrap={0: 16})
        lay.addLayout(self._chart_and_table(self.theme_chart, self.theme_table))
        lay.addWidget(QLabel("<h3>Per doelgroep</h3>"))
        self.group_chart = BarChart("Grafiek: percentage voldoet per doelgroep")
        self.group_table = make_table("Tabel: resultaten per doelgroep", self.headers, wrap={0: 16})
        lay.addLayout(self._chart_and_table(self.group_chart, self.group_table))
        lay.addWidget(QLabel("<h3>Verbeterpunten (hoogste prioriteit eerst)</h3>"))
        self.verbeter_table = make_table("Tabel: verbeterpunten", VERBETER_COLUMNS, wrap=VERBETER_WRAP)
        self.verbeter_empty = QLabel("Er zijn (nog) geen verbeterpunten gekozen.")
        self.verbeter_empty.setWordWrap(True)
        lay.addWidget(self.verbeter_table)
        lay.addWidget(self.verbeter_empty)
        lay.addStretch(1)
        self.page_scroll = scroll_page(body, name="Resultaten (pijltjestoetsen en PageUp/PageDown om te scrollen)")
        outer.addWidget(self.page_scroll)

    def _chart_and_table(self, chart: BarChart, table: QTableWidget) -> QVBoxLayout:
        box = QVBoxLayout()
        box.addWidget(chart)
        box.addWidget(table)
        return box

    def show_result(self, resultaat, verbeterpunten) -> None:
        tot = resultaat.totaal
        self.total_label.setText(
            f"<b>Totaal: {html.escape(percentage_text(tot))} voldoet</b> ({tot.voldoet} van {tot.noemer} "
            f"standaarden die meetellen). Apart: {tot.apart} · niet meegeteld: {tot.uitgesloten} · "
            f"niet beantwoord: {tot.niet_beantwoord} van {tot.aantal_standaarden}.")
        theme_rows = [telling_row(tr.thema.naam, tr.telling) for tr in resultaat.per_thema]
        theme_rows.append(telling_row("Totaal", tot))
        set_rows(self.theme_table, theme_rows)
        self.theme_chart.set_bars([Bar(tr.thema.naam, tr.telling.percentage_voldoet, percentage_text(tr.telling))
                                   for tr in resultaat.per_thema])
        group_rows = [telling_row(d.label, t) for d, t in resultaat.per_doelgroep.items()]
        set_rows(self.group_table, group_rows)
        self.group_chart.set_bars([Bar(d.label, t.percentage_voldoet, percentage_text(t))
                                   for d, t in resultaat.per_doelgroep.items()])
        schaal = self.catalogus.antwoordschaal
        rows = []
        for v in verbeterpunten:
            a = v.antwoord
            rows.append([a.prioriteit.label if a.prioriteit else "Geen", v.standaard.id, v.standaard.titel,
                         schaal.optie(a.code).label if a.code else "open", a.toelichting])
        set_rows(self.verbeter_table, rows)
        self.verbeter_table.setVisible(bool(rows))
        self.verbeter_empty.setVisible(not rows)
