"""'Wie werkt eraan…' in a dossier: hand it over, add and remove colleagues, driven through the widgets."""
from __future__ import annotations

import pytest

from ghnt_desktop.services import meldcode as mc
from ghnt_desktop.services.login import login
from ghnt_desktop.ui.meldcode.dossier_view import DossierView
from ghnt_desktop.ui.meldcode.samenwerken_dialog import SamenwerkenDialog
from tests.ui.test_accessibility import _problems
from tests.demo_team import ANOUK, DEMO, PRIYA
from tests.demo_team import account_ids as _ids
from tests.demo_team import team1_dossier_of as _dossier_van
from tests.ui_meldcode.helpers import Modal, button, choose, click


@pytest.fixture
def open_view(qtbot, app, demo_dir):
    """``open_view(login)`` -> (ws, ids, dossier id, the DossierView of Priya's first team-1 dossier)."""
    opened = []

    def open_(who: str):
        ws = login(demo_dir, who, "demo")
        opened.append(ws)
        did = _dossier_van(ws, PRIYA)
        view = DossierView(ws, did, ask_restore=False)
        qtbot.addWidget(view)
        view.show()
        return ws, _ids(ws), did, view

    yield open_
    for ws in opened:
        ws.close()


def test_af_hands_a_dossier_over_from_the_dossier_screen(qtbot, open_view):
    ws, ids, did, view = open_view("aandachtsfunctionaris")
    seen = {}

    def operate(dlg: SamenwerkenDialog) -> None:
        seen["problems"] = _problems(dlg)
        seen["owners"] = [dlg.new_owner.itemText(i) for i in range(dlg.new_owner.count())]
        choose(dlg.new_owner, ids[DEMO])
        click(dlg.keep_previous)
        with Modal(qtbot, lambda box: click(button(box, "Overdragen"))):
            click(dlg.handover_button)
        seen["summary"] = dlg.summary.text()
        seen["colleagues"] = [dlg.colleagues.item(i).text() for i in range(dlg.colleagues.count())]
        click(button(dlg, "Sluiten"))

    with Modal(qtbot, operate, kind=SamenwerkenDialog):
        click(view.team_button)
    assert seen["problems"] == []
    assert seen["owners"] == [ANOUK, DEMO]  # the team's professionals and AFs, not the owner herself
    assert f"Eigenaar: {DEMO}" in seen["summary"] and seen["colleagues"] == [PRIYA]
    assert f"Eigenaar: {DEMO}" in view.info.text()  # the dossier screen shows the new owner at once
    info = mc.dossier_info(ws, did)
    assert info.eigenaar_id == ids[DEMO] and info.medewerkers == ((ids[PRIYA], PRIYA),)


def test_owner_who_hands_over_without_staying_returns_to_the_list(qtbot, open_view):
    ws, ids, did, view = open_view("professional")
    seen = {}

    def operate(dlg: SamenwerkenDialog) -> None:
        choose(dlg.new_owner, ids[ANOUK])

        def confirm_box(box) -> None:
            seen["question"] = box.text()
            click(button(box, "Overdragen"))

        with Modal(qtbot, confirm_box):
            click(dlg.handover_button)

    with qtbot.waitSignal(view.back_requested, timeout=5000):
        with Modal(qtbot, operate, kind=SamenwerkenDialog):
            click(view.team_button)
    assert "Je blijft zelf niet in het dossier" in seen["question"]
    assert did not in {r.id for r in mc.lijst(ws, mc.DossierFilter())}


def test_cancelled_handover_changes_nothing_and_colleagues_can_be_added_and_removed(qtbot, app, demo_dir):
    ws = login(demo_dir, "professional", "demo")
    try:
        ids = _ids(ws)
        did = _dossier_van(ws, PRIYA)
        answers = iter([False, True])
        dlg = SamenwerkenDialog(ws, did, ask=lambda *a, **k: next(answers))
        qtbot.addWidget(dlg)
        dlg.show()
        choose(dlg.new_owner, ids[ANOUK])
        click(dlg.handover_button)  # answered "Annuleren"
        assert mc.dossier_info(ws, did).eigenaar_id == ids[PRIYA] and not dlg.changed
        assert [dlg.candidate.itemText(i) for i in range(dlg.candidate.count())] == [ANOUK, DEMO]
        choose(dlg.candidate, ids[DEMO])
        click(dlg.add_button)
        assert [dlg.colleagues.item(i).text() for i in range(dlg.colleagues.count())] == [DEMO]
        assert [dlg.candidate.itemText(i) for i in range(dlg.candidate.count())] == [ANOUK]
        click(dlg.add_button)  # Anouk too: then nobody is left to add
        assert dlg.candidate.currentData() is None and not dlg.add_button.isEnabled()
        mc.verwijder_medewerker(ws, did, ids[ANOUK])
        dlg.reload()
        click(dlg.remove_button)  # answered "Weghalen"
        assert dlg.colleagues.count() == 0 and not dlg.remove_button.isEnabled()
        assert mc.dossier_info(ws, did).medewerkers == () and dlg.changed
        acties = [r for (r,) in ws.db.conn.execute("SELECT resultaat FROM audit WHERE actie = 'dossier_wijzigen'")]
        assert acties[-4:] == ["collega_toegevoegd", "collega_toegevoegd", "collega_verwijderd", "collega_verwijderd"]
    finally:
        ws.close()


def test_colleague_who_may_not_hand_over_does_not_see_that_part(qtbot, app, demo_dir):
    ws = login(demo_dir, "aandachtsfunctionaris", "demo")
    ids = _ids(ws)
    did = _dossier_van(ws, ANOUK)
    mc.voeg_medewerker_toe(ws, did, ids[PRIYA])
    ws.close()
    ws = login(demo_dir, "professional", "demo")
    try:
        dlg = SamenwerkenDialog(ws, did)
        qtbot.addWidget(dlg)
        dlg.show()
        assert not dlg.handover_box.isVisible()
        assert dlg.add_button.isVisible()  # working together is still possible
    finally:
        ws.close()
