"""The results tab: tables checked against numbers worked out by hand; chart and table agree."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

from ghnt_desktop.domain.zelfscan import Antwoord, Prioriteit
from ghnt_desktop.services import zelfscan as zs
from ghnt_desktop.ui.zelfscan.results_view import table_text
from ghnt_desktop.ui.zelfscan.scan_view import TAB_RESULTS
from tests.ui_zelfscan.conftest import free_date, team_id

# werkversie-2019: standards per theme
#   visie: LT-01 LT-07 | signaleren: LT-02 | veiligheid: LT-03 LT-04 LT-05 | herstel: LT-09
#   samenwerking: LT-06 LT-08 GM-02 GM-03 GM-07 | vakmanschap: LT-10 LT-11 | sturing: GM-01 GM-04 GM-05 GM-06
ANSWERS = {
    "LT-01": "V", "LT-07": "D",
    "LT-02": "O",
    "LT-03": "V", "LT-04": "V", "LT-05": "N",
    "LT-09": "NVT",
    "LT-06": "V", "LT-08": "NVT", "GM-02": "D", "GM-03": "V",  # GM-07 not answered
    "LT-10": "V", "LT-11": "O",
    "GM-01": "N", "GM-04": "N", "GM-05": "V",  # GM-06 not answered
}
VERBETERPUNTEN = {"LT-07": None, "GM-04": Prioriteit.LAAG, "LT-05": Prioriteit.HOOG, "GM-01": Prioriteit.MIDDEN}

# Worked out by hand. Columns: name, % voldoet, voldoet, voldoet niet (helemaal), weet niet, n.v.t.,
# niet beantwoord, standaarden.  % = voldoet / (beantwoord - n.v.t. - weet niet), rounded half up.
PER_THEMA = [
    ["Visie en werkwijze", "50 %", "1", "1", "0", "0", "0", "2"],  # 1/2
    ["Signaleren en melden", "geen score", "0", "0", "1", "0", "0", "1"],  # only "weet niet": 0/0
    ["Veiligheid beoordelen en bewaken", "67 %", "2", "1", "0", "0", "0", "3"],  # 2/3 = 66.7
    ["Herstel na geweld", "geen score", "0", "0", "0", "1", "0", "1"],  # only n.v.t.
    ["Regie en samenwerking", "67 %", "2", "1", "0", "1", "1", "5"],  # V, V / (4 - 1)
    ["Deskundigheid en vastleggen", "100 %", "1", "0", "1", "0", "0", "2"],  # 1/1
    ["Opdracht, middelen en kwaliteit", "33 %", "1", "2", "0", "0", "1", "4"],  # 1/3
    ["Totaal", "58 %", "7", "5", "2", "2", "2", "18"],  # 7 / (16 - 2 - 2) = 58.3
]
PER_DOELGROEP = [
    ["Lokaal team", "71 %", "5", "2", "2", "2", "0", "11"],  # 5 / (11 - 2 - 2) = 71.4
    ["Gemeente", "40 %", "2", "3", "0", "0", "2", "7"],  # 2 / 5
]


def _scan(ws) -> int:
    sid = zs.maak_scan(ws, team_id=team_id(ws, "Wijkteam Purmerend"), peildatum=free_date(), deelnemers=[])
    for standaard_id, code in ANSWERS.items():
        vp = standaard_id in VERBETERPUNTEN
        zs.bewaar_antwoord(ws, sid, Antwoord(standaard_id, code, toelichting=f"Toelichting {standaard_id}",
                                             verbeterpunt=vp, prioriteit=VERBETERPUNTEN.get(standaard_id)))
    return sid


def test_results_tables_match_hand_computed_numbers(qtbot, open_window):
    ws, win, page = open_window("manager")
    sid = _scan(ws)
    view = page.open_scan(sid)
    view.tabs.setCurrentIndex(TAB_RESULTS)
    rv = view.results_view
    assert rv.theme_table.horizontalHeaderItem(4).text() == "Weet niet"
    assert rv.theme_table.horizontalHeaderItem(5).text() == "Niet van toepassing"
    assert table_text(rv.theme_table) == PER_THEMA
    assert table_text(rv.group_table) == PER_DOELGROEP
    assert "58 % voldoet" in rv.total_label.text() and "7 van 12" in rv.total_label.text()
    # verbeterpunten: hoog, midden, laag, then without priority
    assert [row[:2] for row in table_text(rv.verbeter_table)] == [
        ["Hoog", "LT-05"], ["Midden", "GM-01"], ["Laag", "GM-04"], ["Geen", "LT-07"]]
    assert table_text(rv.verbeter_table)[0][3:] == ["Voldoet niet", "Toelichting LT-05"]
    # the chart carries the same numbers as text, and says so to a screen reader
    assert [(b.label, b.text) for b in rv.theme_chart.bars] == [(r[0], r[1]) for r in PER_THEMA[:-1]]
    assert [(b.label, b.text) for b in rv.group_chart.bars] == [(r[0], r[1]) for r in PER_DOELGROEP]
    assert "Veiligheid beoordelen en bewaken: 67 %" in rv.theme_chart.accessibleDescription()
    assert rv.theme_chart.bars[1].value is None  # "geen score" draws no bar (and is not 0 %)
    rv.theme_chart.repaint()
    assert rv.theme_chart.accessibleName() and rv.theme_table.accessibleName()
    # which catalogue version, and that the werkversie is not the official text
    assert "2019-werkversie-1" in rv.catalog_notice.text()
    assert "niet de officiële tekst" in rv.catalog_notice.text()


def test_results_follow_answers_given_in_the_answer_view(qtbot, open_window, keyboard):
    ws, win, page = open_window("manager")
    sid = _scan(ws)
    view = page.open_scan(sid)
    av = view.answer_view
    assert av.current_standard.id == "GM-07"  # resumes at the first open standard
    av.standard_list.setFocus()
    from PySide6.QtCore import Qt

    keyboard.press(Qt.Key.Key_1)  # GM-07: Voldoet
    keyboard.alt("u")  # Res&ultaten: saves first
    assert view.tabs.currentIndex() == TAB_RESULTS
    rows = table_text(view.results_view.theme_table)
    assert rows[4] == ["Regie en samenwerking", "75 %", "3", "1", "0", "1", "0", "5"]
    assert rows[-1][:3] == ["Totaal", "62 %", "8"]  # 8/13 = 61.5 -> 62
    assert QApplication.activeWindow() is win
