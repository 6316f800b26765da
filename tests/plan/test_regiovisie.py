"""Regional policy as data: bundled regiovisie profiles, the choice per workspace, the eigen indeling,
plans and PDFs per region, migration 007 and the RegiovisieView widget."""
from __future__ import annotations

import copy
import io
import json
import os
import re
from datetime import date
from pathlib import Path

import pytest

from ghnt_desktop.content import regiovisie as bundel
from ghnt_desktop.domain import regiovisie as dr
from ghnt_desktop.domain.plan import ActieStatus
from ghnt_desktop.domain.roles import Rol
from ghnt_desktop.errors import PermissionDenied, UserError, ValidationError
from ghnt_desktop.reporting import plan_pdf
from ghnt_desktop.services import plan as ps
from ghnt_desktop.services import regiovisie as rv
from tests.plan.helpers import PASSPHRASE, maak_manager_werkruimte, maak_teams_met_scans

MAP = Path(__file__).resolve().parents[2] / "resources" / "plan" / "regiovisies"
ZW, HM, IJ = "zaanstreek-waterland-2020", "hollands-midden-2024", "ijsselland-2014"
ZW_CODES = ("eerder_in_beeld", "stoppen_en_oplossen", "op_maat", "borgen_kennis")  # what plans stored before 007


def _data(profiel_id: str) -> dict:
    return json.loads((MAP / f"{profiel_id}.json").read_text(encoding="utf-8"))


def _plat(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("-\n", "")).strip()


def _pdf_tekst(data: bytes) -> str:
    pypdf = pytest.importorskip("pypdf")
    return _plat("\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages))


def _audit(ws, actie: str) -> list[tuple[str, str, str]]:
    return [tuple(r) for r in ws.db.conn.execute(
        "SELECT object_type, object_id, resultaat FROM audit WHERE actie = ? ORDER BY rowid", [actie])]


@pytest.fixture
def ws(data_dir):
    ws = maak_manager_werkruimte(data_dir)  # manager + beheerder
    maak_teams_met_scans(ws, 1, twee_scans=False)
    yield ws
    ws.close()


# --------------------------------------------------------------------------- bundled profiles


def test_every_bundled_profile_loads_and_validates():
    paden = sorted(MAP.glob("*.json"))
    assert {p.stem for p in paden} == {ZW, HM, IJ}
    for pad in paden:
        data = json.loads(pad.read_text(encoding="utf-8"))
        assert dr.valideer_profiel(data) == [], pad.name
        assert bundel.problemen_in_bestand(pad) == [], pad.name
        for sleutel in ("versie", "id", "naam", "regio", "periode", "bron", "nummering", "actielijnen"):
            assert data[sleutel], (pad.name, sleutel)
    profielen = {p.id: p for p in bundel.laad_map(MAP)}
    assert profielen.keys() == {ZW, HM, IJ}
    assert {p.id: p for p in rv.profielen()} == profielen  # the service offers exactly the bundled ones
    for p in profielen.values():
        assert p.actielijnen and all(lijn.titel and lijn.doel and lijn.vindplaats for lijn in p.actielijnen)
        assert p.bronnen and all(b.titel and b.vindplaats and b.datum for b in p.bronnen)
        assert len(set(p.codes)) == len(p.codes)
    # Zaanstreek-Waterland: the codes existing plans have, the regional action 2A, numbering "2A"
    zw = profielen[ZW]
    assert zw.codes == ZW_CODES and zw.actie_lokale_teams == "2A" and "Actie 2A" in zw.plantekst
    assert zw.nummering.patroon == "{lijn}{letter}" and zw.nummering.voorbeeld == "2A"
    assert [lijn.titel for lijn in zw.actielijnen] == ["Eerder en beter in beeld", "Stoppen en duurzaam oplossen",
                                                      "Op maat, passend en flexibel", "Borgen ambities en kennis"]
    assert [a.nummer for a in zw.actielijn("stoppen_en_oplossen").regionale_acties] == ["2A", "2B", "2C", "2D"]
    hm, ij = profielen[HM], profielen[IJ]
    assert [lijn.titel for lijn in hm.actielijnen] == ["Preventie en vroegsignalering",
                                                      "Samenwerken en duurzaam oplossen", "Specifieke aandacht"]
    assert [len(lijn.doelen) for lijn in hm.actielijnen] == [4, 4, 3]  # the doelstellingen of § 5.1–5.3
    assert [lijn.nummer for lijn in ij.actielijnen] == ["1", "2", "3", "4", "5"]
    assert ij.actielijnen[0].titel == "Voorkomen (preventie)" and ij.lijnnaam == "onderdeel van de aanpak"
    for p in (hm, ij):
        assert "2A" not in p.plantekst and not p.actie_lokale_teams
    assert bundel.standaard_profiel().id == ZW


def test_profile_validation_names_every_problem_with_its_place(tmp_path):
    data = _data(ZW)
    kapot = copy.deepcopy(data)
    kapot["actielijnen"][1]["titel"] = " "
    kapot["actielijnen"][2]["code"] = "eerder_in_beeld"
    kapot["actielijnen"][3]["code"] = "Met Spatie"
    kapot["nummering"]["patroon"] = "{lijn}-{iets}"
    kapot["actie_lokale_teams"] = "9Z"
    kapot["plantekst"] = "Zie {regioplan}."
    del kapot["bron"]
    problemen = dr.valideer_profiel(kapot)
    verwacht = ["actielijnen[1].titel:", "actielijnen[2].code: 'eerder_in_beeld' komt al eerder voor",
                "actielijnen[3].code:", "nummering.patroon:", "actie_lokale_teams: '9Z'", "plantekst: accolades",
                "bron:"]
    for begin in verwacht:
        assert any(p.startswith(begin) for p in problemen), (begin, problemen)
    with pytest.raises(dr.RegiovisieFout):
        dr.profiel_uit(kapot)
    assert dr.valideer_profiel([]) == ["Het bestand bevat geen object met gegevens."]
    # a broken file in a folder: the loader names the file and the place, and loads nothing
    map_ = tmp_path / "regiovisies"
    map_.mkdir()
    (map_ / f"{ZW}.json").write_text(json.dumps(data), encoding="utf-8")
    leeg = copy.deepcopy(_data(HM))
    leeg["actielijnen"] = []
    (map_ / "andere-naam.json").write_text(json.dumps(leeg), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        bundel.laad_map(map_)
    details = info.value.details
    assert "andere-naam.json: actielijnen: noem minstens één actielijn." in details
    assert any(d.startswith("andere-naam.json: id:") and "bestandsnaam" in d for d in details)
    assert not any(d.startswith(f"{ZW}.json") for d in details)


# --------------------------------------------------------------------------- plans per region


def _actie(omschrijving: str, lijn: str | None, **kw) -> ps.ActieVelden:
    return ps.ActieVelden(omschrijving=omschrijving, actielijn=lijn, eigenaar="Teamleider", **kw)


@pytest.mark.parametrize("profiel_id", [ZW, HM, IJ])
def test_each_region_yields_a_plan_with_its_own_actielijnen(ws, profiel_id):
    gekozen = rv.kies_profiel(ws, profiel_id)
    assert rv.huidig_profiel(ws) == gekozen and rv.is_gekozen(ws)
    plan_id = ps.maak_plan(ws, "GM0479", jaar=2026)
    for lijn in gekozen.actielijnen:  # two actions on the first line, one on each other line
        ps.voeg_actie_toe(ws, plan_id, _actie(f"Actie voor {lijn.code}", lijn.code))
    ps.voeg_actie_toe(ws, plan_id, _actie("Tweede actie op de eerste lijn", gekozen.actielijnen[0].code))
    ps.voeg_actie_toe(ws, plan_id, _actie("Actie zonder actielijn", None))
    rapport = ps.rapport(ws, plan_id)
    tekst = _pdf_tekst(plan_pdf.pdf_bytes(ws, plan_id))

    for lijn in gekozen.actielijnen:
        assert _plat(gekozen.kop(lijn)) in tekst, lijn.titel  # the group heading with the region's title
        assert _plat(lijn.doel) in tekst  # and its goal
    assert "Zonder actielijn" in tekst
    assert _plat(gekozen.indelingtekst) in tekst and _plat(gekozen.nummering.uitleg) in tekst
    assert _plat(gekozen.bronnen[0].titel) in tekst  # the source is cited in the verantwoording
    # the other regions' lines are not in this plan (a title that is also a zelfscan theme is skipped)
    themas = {s.titel for s in rapport.secties if s.niveau == 2} | {p.thema for p in rapport.verbeterpunten}
    for ander in rv.profielen():
        if ander.id == profiel_id:
            continue
        for lijn in ander.actielijnen:
            assert _plat(ander.kop(lijn)) not in tekst, lijn.titel
            if lijn.titel not in themas and lijn.titel not in {x.titel for x in gekozen.actielijnen}:
                assert lijn.titel not in tekst, (ander.id, lijn.titel)
    # numbering and the reference to the regional plan ("actie 2A") come from the profile
    nummers = rapport.actienummers
    eerste = [a for a in rapport.acties if a.actielijn == gekozen.actielijnen[0].code]
    zonder = next(a for a in rapport.acties if a.actielijn is None)
    assert nummers[zonder.id] == str(zonder.nummer)
    aanleiding = next(s.tekst for s in ps.secties(ws, plan_id) if s.code == "aanleiding_en_doel")
    assert gekozen.plantekst in aanleiding and "{regioplan}" not in aanleiding
    if profiel_id == ZW:
        assert [nummers[a.id] for a in eerste] == ["1A", "1B"]
        assert "Actie 2A van dat plan gaat over sterkere lokale teams" in tekst
    else:
        assert [nummers[a.id] for a in eerste] == ["1.1", "1.2"]
        assert "Actie 2A" not in tekst and "2A" not in aanleiding
    assert f"Actie voor {gekozen.actielijnen[-1].code}" in tekst


def test_actions_keep_their_code_when_the_profile_changes(ws):
    rv.kies_profiel(ws, ZW)
    plan_id = ps.maak_plan(ws, "GM0479", jaar=2026)
    oud = ps.voeg_actie_toe(ws, plan_id, _actie("Casusoverleg versterken", "stoppen_en_oplossen"))
    rv.kies_profiel(ws, HM)
    (actie,) = ps.acties(ws, plan_id)
    assert actie.actielijn == "stoppen_en_oplossen"  # never lost
    hm = rv.huidig_profiel(ws)
    assert hm.label("stoppen_en_oplossen") == f"stoppen_en_oplossen ({dr.NIET_IN_INDELING})"
    tekst = _pdf_tekst(plan_pdf.pdf_bytes(ws, plan_id))
    assert f"Actielijn 'stoppen_en_oplossen' ({dr.NIET_IN_INDELING})" in tekst
    assert _plat(dr.NOOT_ONBEKEND) in tekst and "Casusoverleg versterken" in tekst
    # changing the action may keep its old code; a new action must use the current profile
    ps.wijzig_actie(ws, oud, _actie("Casusoverleg versterken", "stoppen_en_oplossen", status=ActieStatus.LOPEND))
    assert ps.acties(ws, plan_id)[0].actielijn == "stoppen_en_oplossen"
    with pytest.raises(ValidationError) as info:
        ps.voeg_actie_toe(ws, plan_id, _actie("Nieuw", "op_maat"))
    assert any(d.startswith("actielijn:") for d in info.value.details)
    with pytest.raises(ValidationError):
        ps.wijzig_actie(ws, oud, _actie("Casusoverleg versterken", "op_maat"))
    ps.wijzig_actie(ws, oud, _actie("Casusoverleg versterken", "samenwerken_en_duurzaam_oplossen"))
    assert ps.acties(ws, plan_id)[0].actielijn == "samenwerken_en_duurzaam_oplossen"


def test_default_is_zaanstreek_waterland_until_a_beheerder_chooses(ws):
    assert not rv.is_gekozen(ws) and rv.gekozen_id(ws) is None
    assert rv.huidig_profiel(ws).id == ZW  # existing workspaces keep today's four lines
    assert ps.regiovisie(ws).codes == ZW_CODES
    ws.db.conn.execute("INSERT OR REPLACE INTO instelling (sleutel, waarde) VALUES ('regiovisie', '\"weg-2019\"')")
    assert rv.huidig_profiel(ws).id == ZW and not rv.is_gekozen(ws)  # a profile that no longer exists
    with pytest.raises(UserError, match="onbekend"):
        rv.kies_profiel(ws, "weg-2019")
    with pytest.raises(UserError, match="nog geen eigen indeling"):
        rv.kies_profiel(ws, rv.EIGEN_ID)


# --------------------------------------------------------------------------- eigen indeling


def test_eigen_indeling_validation_in_dutch():
    goed = [{"code": "A", "titel": "Preventie", "doel": "Voorkomen"}, {"code": "b-2", "titel": "Samenwerken"}]
    assert dr.valideer_eigen_indeling("Plan 2026", goed) == []
    assert dr.valideer_eigen_indeling("Plan 2026", []) == ["Actielijnen: maak minstens één actielijn."]
    problemen = dr.valideer_eigen_indeling("  ", [
        {"code": "A", "titel": "Preventie"},
        {"code": "a", "titel": "  "},
        {"code": "met spatie", "titel": "Iets"},
        {"code": "", "titel": "Zonder code"},
    ])
    assert problemen == [
        "Naam: geef de indeling een naam, bijvoorbeeld 'Actieplan gemeente 2026'.",
        "Regel 2, code: 'a' staat ook al op regel 1. Geef elke actielijn een eigen code.",
        "Regel 2, titel: vul een titel in.",
        "Regel 3, code: gebruik alleen letters, cijfers, - of _ (geen spaties, hoogstens 40 tekens).",
        "Regel 4, code: vul een korte code in, bijvoorbeeld A of preventie.",
    ]
    assert dr.valideer_eigen_indeling("x", "A") == ["Actielijnen: maak minstens één actielijn."]
    for p in bundel.bundelde_profielen():  # a beheerder may start from any bundled profile's lines
        assert dr.valideer_eigen_indeling(p.naam, list(p.actielijnen)) == [], p.id
    assert [dr.letters(n) for n in (1, 2, 26, 27, 52, 53)] == ["A", "B", "Z", "AA", "AZ", "BA"]


def test_eigen_indeling_is_stored_in_the_workspace_and_used_by_plans(ws):
    with pytest.raises(ValidationError) as info:
        rv.zet_eigen_indeling(ws, "Eigen plan", [{"code": "A", "titel": ""}])
    assert info.value.details == ["Regel 1, titel: vul een titel in."]
    assert not rv.is_gekozen(ws) and rv.eigen_indeling(ws) is None  # nothing stored
    eigen = rv.zet_eigen_indeling(ws, "Eigen plan 2026", [
        {"code": "A", "titel": "Sterke teams", "doel": "Elk team werkt volgens het kwaliteitskader."},
        dr.EigenLijn("B", "Samen met Veilig Thuis")])
    assert eigen.eigen and eigen.codes == ("A", "B") and rv.huidig_profiel(ws) == eigen and rv.is_gekozen(ws)
    assert rv.gekozen_id(ws) == rv.EIGEN_ID
    assert json.loads(ws.db.conn.execute("SELECT waarde FROM instelling WHERE sleutel = 'regiovisie_eigen_indeling'")
                      .fetchone()[0])["naam"] == "Eigen plan 2026"
    plan_id = ps.maak_plan(ws, "GM0479", jaar=2026)
    a = ps.voeg_actie_toe(ws, plan_id, _actie("Training", "B"))
    b = ps.voeg_actie_toe(ws, plan_id, _actie("Intervisie", "A"))
    assert ps.actienummers(ws, plan_id) == {a: "1", b: "2"}  # an eigen indeling keeps plain numbers
    tekst = _pdf_tekst(plan_pdf.pdf_bytes(ws, plan_id))
    assert "Actielijn: Sterke teams" in tekst and "Actielijn: Samen met Veilig Thuis" in tekst
    assert "eigen indeling in actielijnen: Eigen plan 2026" in tekst
    # choosing a bundled profile keeps the eigen indeling for later
    rv.kies_profiel(ws, HM)
    assert rv.huidig_profiel(ws).id == HM and rv.eigen_indeling(ws).codes == ("A", "B")
    assert rv.kies_profiel(ws, rv.EIGEN_ID).naam == "Eigen plan 2026"
    assert [r[0] for r in _audit(ws, "regiovisie_eigen_indeling")] == ["regiovisie"]
    assert [r[1] for r in _audit(ws, "regiovisie_kiezen")] == [HM, rv.EIGEN_ID]


# --------------------------------------------------------------------------- permission


def test_a_manager_may_not_choose_the_profile_and_the_refusal_is_audited(ws, data_dir):
    from ghnt_desktop.services import accounts
    from ghnt_desktop.services.login import login

    accounts.maak_account(ws, login="mgr", naam="Mo Manager", passphrase=PASSPHRASE,
                          rollen=frozenset({Rol.MANAGER}), team_ids=frozenset(), check_passphrase=False)
    ws.close()
    mgr = login(data_dir, "mgr", PASSPHRASE)
    try:
        assert rv.huidig_profiel(mgr).id == ZW  # reading is open
        with pytest.raises(PermissionDenied):
            rv.kies_profiel(mgr, HM)
        with pytest.raises(PermissionDenied):
            rv.zet_eigen_indeling(mgr, "Eigen", [{"code": "A", "titel": "Iets"}])
        assert rv.huidig_profiel(mgr).id == ZW and not rv.is_gekozen(mgr)
        geweigerd = _audit(mgr, "geweigerd:instellingen_beheren")
        assert ("regiovisie", HM, "geweigerd") in geweigerd and ("regiovisie", "eigen", "geweigerd") in geweigerd
    finally:
        mgr.close()
    beheerder = login(data_dir, "manager", PASSPHRASE)  # manager + beheerder
    try:
        rv.kies_profiel(beheerder, HM)
        assert rv.huidig_profiel(beheerder).id == HM
        assert _audit(beheerder, "regiovisie_kiezen")[-1] == ("regiovisie", HM, "ok")
    finally:
        beheerder.close()


# --------------------------------------------------------------------------- migration 007


def _db_tot(tmp_path, versie: int):
    from ghnt_desktop.storage import migrations
    from ghnt_desktop.storage.connection import open_encrypted

    db = open_encrypted(tmp_path / "oud.db", os.urandom(32), create=True)
    migrations.migrate(db, migrations=[m for m in migrations.load_migrations() if m.version <= versie])
    return db


def _schema(db, type_: str) -> dict[str, str]:
    return {n: " ".join(s.split()) for n, s in db.conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = ? AND sql IS NOT NULL", [type_])}


def test_migration_007_keeps_plan_actions_notes_and_freeze_triggers(tmp_path):
    from ghnt_desktop.storage import migrations

    db = _db_tot(tmp_path, 6)
    c = db.conn
    nu = "2026-01-01T00:00:00"
    for pid, status in ((1, "concept"), (2, "concept")):
        c.execute("INSERT INTO plan (id, reeks_id, gemeente_code, periode_van, periode_tot, titel, aangemaakt_op,"
                  " gewijzigd_op) VALUES (?, ?, 'GM0479', '2026-01-01', '2026-12-31', ?, ?, ?)",
                  [pid, pid, f"Plan {pid}", nu, nu])
    rijen = [(10, 1, 1, "Training", "eerder_in_beeld"), (11, 1, 2, "Intervisie", None),
             (20, 2, 1, "Vastgesteld A", "borgen_kennis"), (21, 2, 2, "Vastgesteld B", "op_maat")]
    c.executemany("INSERT INTO plan_actie (id, plan_id, nummer, omschrijving, actielijn, start, deadline, status)"
                  " VALUES (?, ?, ?, ?, ?, '2026-02-01', '2026-06-01', 'lopend')", rijen)
    c.executemany("INSERT INTO plan_actie_standaard (actie_id, standaard_id) VALUES (?, ?)",
                  [(10, "LT-02"), (20, "LT-10"), (20, "GM-01")])
    c.executemany("INSERT INTO plan_actie_voortgang (id, actie_id, datum, notitie, vastgelegd_op)"
                  " VALUES (?, ?, '2026-03-01', ?, ?)", [(5, 20, "Gestart", nu), (6, 10, "Eerste groep", nu)])
    c.execute("UPDATE plan SET status = 'vastgesteld', vastgesteld_door = 'College', vastgesteld_op = '2026-03-10'"
              " WHERE id = 2")
    with pytest.raises(Exception, match="CHECK"):  # before 007 the database only knows four lines
        c.execute("INSERT INTO plan_actie (plan_id, nummer, omschrijving, actielijn) VALUES (1, 3, 'x', 'preventie')")

    def inhoud():
        return (c.execute("SELECT * FROM plan_actie ORDER BY id").fetchall(),
                c.execute("SELECT rowid, * FROM plan_actie_standaard ORDER BY rowid").fetchall(),
                c.execute("SELECT * FROM plan_actie_voortgang ORDER BY id").fetchall())

    voor, triggers_voor, indexen_voor = inhoud(), _schema(db, "trigger"), _schema(db, "index")
    migrations.migrate(db, migrations=[m for m in migrations.load_migrations() if m.version <= 7])
    assert migrations.current_version(db) == 7
    assert inhoud() == voor  # every row, id and rowid kept
    assert _schema(db, "trigger") == triggers_voor  # all 15 triggers, word for word as in 004
    assert len([t for t in triggers_voor if t.startswith("plan_actie")]) == 8
    assert _schema(db, "index") == indexen_voor
    assert "CHECK (actielijn" not in _schema(db, "table")["plan_actie"]
    assert {t for (t,) in c.execute("SELECT name FROM sqlite_master WHERE name LIKE 'm007%' OR name LIKE '%_007'")} \
        == set()
    assert c.execute("PRAGMA foreign_key_check").fetchall() == []
    # any code is allowed now, in a concept plan
    c.execute("INSERT INTO plan_actie (plan_id, nummer, omschrijving, actielijn) VALUES (1, 3, 'x', 'preventie')")
    # the vastgesteld plan's actions still cannot change, whoever tries
    for sql, params in (("UPDATE plan_actie SET omschrijving = 'x' WHERE id = ?", [20]),
                        ("DELETE FROM plan_actie WHERE id = ?", [21]),
                        ("INSERT INTO plan_actie (plan_id, nummer, omschrijving) VALUES (?, 9, 'x')", [2]),
                        ("INSERT INTO plan_actie_standaard (actie_id, standaard_id) VALUES (?, 'LT-01')", [20]),
                        ("DELETE FROM plan_actie_standaard WHERE actie_id = ?", [20]),
                        ("INSERT INTO plan_actie_voortgang (actie_id, datum, notitie, vastgelegd_op)"
                         " VALUES (?, '2026-04-01', 'x', 'nu')", [21]),
                        ("UPDATE plan_actie_voortgang SET notitie = 'x' WHERE id = ?", [5]),
                        ("DELETE FROM plan_actie_voortgang WHERE id = ?", [5])):
        with pytest.raises(Exception, match="vastgesteld"):
            c.execute(sql, params)
    c.execute("UPDATE plan_actie SET omschrijving = 'Training meldcode' WHERE id = 10")  # a concept still can
    with pytest.raises(Exception, match="FOREIGN KEY"):
        c.execute("INSERT INTO plan_actie_standaard (actie_id, standaard_id) VALUES (999, 'LT-01')")
    db.conn.close()


def test_a_real_vastgesteld_plan_stays_frozen_after_the_upgrade(ws):
    """Through the services on a migrated workspace: the freeze of 004 still holds for plan_actie."""
    plan_id = ps.maak_plan(ws, "GM0479", jaar=2026)
    a = ps.voeg_actie_toe(ws, plan_id, _actie("Training", "eerder_in_beeld"))
    ps.stel_vast(ws, plan_id, door="College", op=date(2026, 3, 1))
    with pytest.raises(Exception, match="vastgesteld"):
        ws.db.conn.execute("UPDATE plan_actie SET actielijn = 'iets' WHERE id = ?", [a])
    nieuw = ps.wijzig_actie(ws, a, _actie("Training", "eerder_in_beeld", status=ActieStatus.LOPEND))
    assert nieuw != a and ps.actie(ws, a).status is ActieStatus.GEPLAND


# --------------------------------------------------------------------------- the widget


def _view(qtbot, ws):
    from ghnt_desktop.ui.app import make_app

    make_app()
    from ghnt_desktop.ui.regiovisie_view import RegiovisieView

    view = RegiovisieView(ws)
    qtbot.addWidget(view)
    view.resize(900, 700)
    with qtbot.waitExposed(view):
        view.show()
    view.activateWindow()
    return view


def _preview_tekst(view) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(lab.text() for lab in view.preview.findChildren(QLabel))


def test_view_choose_hollands_midden_with_the_keyboard(qtbot, ws):
    from PySide6.QtCore import Qt

    view = _view(qtbot, ws)
    assert view.keuze() == ZW and "nog geen regiovisie gekozen" in view.status_label.text()
    assert "Stoppen en duurzaam oplossen" in _preview_tekst(view)
    view.profiel_combo.setFocus()
    qtbot.waitUntil(view.profiel_combo.hasFocus)
    for _ in range(view.profiel_combo.count()):
        if view.keuze() == HM:
            break
        qtbot.keyClick(view.profiel_combo, Qt.Key.Key_Up)
    assert view.keuze() == HM
    qtbot.waitUntil(lambda: "Preventie en vroegsignalering" in _preview_tekst(view))
    assert "Stoppen en duurzaam oplossen" not in _preview_tekst(view)
    assert rv.huidig_profiel(ws).id == ZW  # nothing saved yet
    view.save_button.setFocus()
    qtbot.waitUntil(view.save_button.hasFocus)
    with qtbot.waitSignal(view.changed, timeout=2000):
        qtbot.keyClick(view.save_button, Qt.Key.Key_Space)
    assert rv.huidig_profiel(ws).id == HM and rv.is_gekozen(ws)
    assert "Nu gekozen" in view.status_label.text() and "Hollands Midden" in view.message.text()
    assert view.error.isHidden()


def test_view_eigen_indeling_with_an_empty_title_gives_a_dutch_error(qtbot, ws, type_text):
    view = _view(qtbot, ws)
    view.profiel_combo.setCurrentIndex(view.profiel_combo.findData("eigen"))
    assert view.eigen_box.isVisible() and not view.preview_scroll.isVisible()
    assert view.tabel.rowCount() == 4  # starts from the lines in use now, to adapt
    type_text(view.naam_edit, "Eigen indeling Zaanstad")
    view.tabel.item(1, 1).setText("")
    with qtbot.assertNotEmitted(view.changed):
        assert view.save() is False
    assert view.error.isVisible() and "Regel 2, titel: vul een titel in." in view.error.text()
    assert view.error.accessibleName().startswith("Foutmelding: ") and "Regel 2" in view.error.accessibleName()
    assert not rv.is_gekozen(ws)
    view.tabel.item(1, 1).setText("Stoppen en oplossen")
    view.add_row()
    for c, tekst in enumerate(("kennis", "Kennis delen", "")):
        view.tabel.item(4, c).setText(tekst)
    with qtbot.waitSignal(view.changed, timeout=2000):
        assert view.save() is True
    eigen = rv.huidig_profiel(ws)
    assert eigen.eigen and eigen.naam == "Eigen indeling Zaanstad" and eigen.codes[-1] == "kennis"
    assert view.error.isHidden() and view.keuze() == "eigen"


def test_view_is_keyboard_accessible_and_read_only_without_the_right(qtbot, ws, data_dir):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

    view = _view(qtbot, ws)
    view.profiel_combo.setCurrentIndex(view.profiel_combo.findData("eigen"))
    focusable = [w for w in view.findChildren(QWidget) if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert set(focusable) == {view.profiel_combo, view.naam_edit, view.tabel, view.toevoegen_button,
                              view.verwijderen_button, view.save_button}
    for w in focusable:
        assert w.accessibleName(), type(w).__name__
    knoppen = [b for b in view.findChildren(QAbstractButton) if b.isVisible() and b.text()]
    buddies = {lab.buddy() for lab in view.findChildren(QLabel) if lab.buddy() is not None and "&" in lab.text()}
    assert {view.profiel_combo, view.naam_edit, view.tabel} <= buddies
    letters = [b.text()[b.text().index("&") + 1].lower() for b in knoppen] + \
              [lab.text()[lab.text().index("&") + 1].lower() for lab in view.findChildren(QLabel)
               if lab.buddy() is not None and "&" in lab.text()]
    assert len(letters) == len(set(letters)) == 6  # every control has its own mnemonic
    assert not view.tabel.tabKeyNavigation()  # Tab leaves the table: no keyboard trap
    view.tabel.setFocus()
    qtbot.waitUntil(view.tabel.hasFocus)
    qtbot.keyClick(view.tabel, Qt.Key.Key_Tab)
    assert not view.tabel.hasFocus()
    view.close()
    # a manager without the beheerder role sees the choice but cannot save
    from ghnt_desktop.services import accounts
    from ghnt_desktop.services.login import login

    accounts.maak_account(ws, login="mgr", naam="Mo Manager", passphrase=PASSPHRASE,
                          rollen=frozenset({Rol.MANAGER}), team_ids=frozenset(), check_passphrase=False)
    ws.close()
    mgr = login(data_dir, "mgr", PASSPHRASE)
    try:
        alleen_lezen = _view(qtbot, mgr)
        assert not alleen_lezen.save_button.isEnabled() and not alleen_lezen.naam_edit.isEnabled()
    finally:
        mgr.close()
