"""Catalogue import (beheerder): every problem listed with its place; id/versie shown; old scans keep theirs."""
from __future__ import annotations

import copy
import json

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from ghnt_desktop.domain.zelfscan import ScanStatus
from ghnt_desktop.domain.zelfscan_catalogus import parse_catalogus
from ghnt_desktop.errors import ValidationError
from ghnt_desktop.paths import resource_path
from ghnt_desktop.services import zelfscan as zs
from ghnt_desktop.ui.zelfscan import common
from ghnt_desktop.ui.zelfscan.common import ProblemDialog
from ghnt_desktop.ui.zelfscan.results_view import table_text
from ghnt_desktop.ui.zelfscan.scan_view import TAB_RESULTS
from tests.ui_zelfscan.conftest import free_date, team_id


def werkversie() -> dict:
    return json.loads(resource_path("kwaliteitskader", "werkversie-2019.json").read_text(encoding="utf-8"))


def new_version() -> dict:
    """Version 2: GM-07 dropped, LT-12 added, LT-01 reworded."""
    c = werkversie()
    c["versie"] = "2024-werkversie-2"
    c["geldig_van"] = "2024-01-01"
    c["standaarden"] = [s for s in c["standaarden"] if s["id"] != "GM-07"]
    c["standaarden"][0]["titel"] = "Het team werkt volgens gefaseerde ketenzorg (herzien)"
    c["standaarden"].append({"id": "LT-12", "thema": "vakmanschap", "doelgroep": "lokaal_team",
                             "titel": "Het team evalueert elk jaar zijn werkwijze", "toelichting": "Nieuw.",
                             "vragen": []})
    return c


def choose_file(monkeypatch, path) -> None:
    monkeypatch.setattr(common, "ask_open_path", lambda *a, **k: str(path))


def test_broken_catalogue_lists_every_problem_with_its_place(qtbot, open_window, keyboard, tmp_path, monkeypatch):
    ws, win, page = open_window("beheerder")
    assert not page.scan_box.isVisible() and page.catalog_box.isVisible()
    assert page.catalog_table.rowCount() == 1
    c = copy.deepcopy(werkversie())
    c["standaarden"][4]["doelgroep"] = "teamm"
    c["standaarden"][1]["thema"] = "onbekend"
    del c["standaarden"][2]["titel"]
    c["antwoordschaal"]["opties"][1]["sneltoets"] = "1"
    c["themas"].append({"id": "visie", "naam": "Dubbel", "volgorde": 99})
    data = json.dumps(c, ensure_ascii=False).encode("utf-8")
    with pytest.raises(ValidationError) as expected:
        parse_catalogus(data)
    assert len(expected.value.details) >= 5
    path = tmp_path / "kapot.json"
    path.write_bytes(data)
    choose_file(monkeypatch, path)

    page.catalog_table.setFocus()
    keyboard.alt("c")  # &Catalogus inlezen…
    qtbot.waitUntil(lambda: isinstance(page.last_dialog, ProblemDialog) and page.last_dialog.isVisible())
    dlg = page.last_dialog
    items = [dlg.problem_list.item(i).text() for i in range(dlg.problem_list.count())]
    assert items == expected.value.details
    assert any(i.startswith("standaarden[4].doelgroep:") and "teamm" in i for i in items)
    assert any(i.startswith("standaarden[2]") and "titel" in i for i in items)
    assert any(i.startswith("antwoordschaal.opties[1].sneltoets") for i in items)
    assert dlg.headline.text().startswith(expected.value.message)
    assert "beginnen bij 0" in dlg.findChildren(type(dlg.headline))[1].text()
    dlg.copy()
    assert QApplication.clipboard().text().splitlines()[1:] == expected.value.details
    dlg.reject()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    assert [c.versie for c in zs.catalogi(ws)] == ["2019-werkversie-1"]  # nothing changed

    # not JSON at all: also a Dutch problem with line and column
    path.write_bytes(b'{"formaat": "ghnt-kwaliteitskader", ')
    keyboard.alt("c")
    qtbot.waitUntil(lambda: page.last_dialog is not dlg and page.last_dialog.isVisible())
    text = page.last_dialog.problem_list.item(0).text()
    assert "regel 1" in text and "houdt onverwacht op" in text
    page.last_dialog.reject()


def test_import_shows_id_and_versie_and_old_scans_keep_their_version(qtbot, open_window, keyboard, tmp_path,
                                                                   monkeypatch):
    ws, win, page = open_window("demo")  # beheerder and manager in one
    old_info = next(s for s in zs.scans(ws, status=ScanStatus.VASTGESTELD)
                    if s.team_naam == "Wijkteam Purmerend")
    old_result = zs.resultaat(ws, old_info.id)
    path = tmp_path / "versie2.json"
    path.write_text(json.dumps(new_version(), ensure_ascii=False), encoding="utf-8")
    choose_file(monkeypatch, path)
    page.scan_table.setFocus()
    keyboard.alt("c")
    qtbot.waitUntil(lambda: isinstance(page.last_dialog, QMessageBox) and page.last_dialog.isVisible())
    text = page.last_dialog.text()
    assert "vng-werken-aan-veiligheid" in text and "2024-werkversie-2" in text
    assert "niet de officiële tekst" in text
    page.last_dialog.accept()
    assert page.catalog_table.rowCount() == 2
    assert "2024-werkversie-2" in page.catalog_notice.text()  # new scans use the new version

    # the old scan still shows all its answers, against its own catalogue version
    view = page.open_scan(old_info.id)
    av = view.answer_view
    assert view.catalogus.versie == "2019-werkversie-1"
    assert "2019-werkversie-1" in view.catalog_notice.text()
    assert av.progress.value() == av.progress.maximum() == 18
    assert [s.id for s in av.standaarden][-1] == "GM-06" and "GM-07" in [s.id for s in av.standaarden]
    row = av._row_of["GM-07"]
    assert av.standard_list.item(row).text().split(" · ")[1] in {"Voldoet", "Voldoet gedeeltelijk", "Voldoet niet",
                                                               "Weet niet", "Niet van toepassing"}
    av.go_to(0)
    assert "Het team werkt in de fasen van gefaseerde ketenzorg" in av.title_label.text()  # the old wording
    assert av.answer_group.checkedButton() is not None
    view.tabs.setCurrentIndex(TAB_RESULTS)
    assert table_text(view.results_view.theme_table)[-1][1] == f"{old_result.totaal.percentage_afgerond} %"

    # a new scan uses the new version
    sid = zs.maak_scan(ws, team_id=team_id(ws, "Wijkteam Purmerend"), peildatum=free_date(), deelnemers=[])
    view = page.open_scan(sid)
    assert view.catalogus.versie == "2024-werkversie-2"
    assert "LT-12" in [s.id for s in view.answer_view.standaarden]
    assert "(herzien)" in view.answer_view.title_label.text()
