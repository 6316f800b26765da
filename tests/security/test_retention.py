"""Retention: due computation, two different confirmers (beheerder + AF), legal hold, early destruction.

Uses a fake record type with its own tiny table, so it does not depend on the meldcode module.
"""
from __future__ import annotations

import json
from datetime import date

import pytest

from ghnt_desktop.domain import retention as rules
from ghnt_desktop.domain.retention import Bevestiging, Fase, NietToegestaan, RecordType, Verwijdering
from ghnt_desktop.domain.roles import Rol
from ghnt_desktop.errors import UserError, ValidationError
from ghnt_desktop.services import retention
from tests.security.conftest import act_as

B, AF, P = Rol.BEHEERDER, Rol.AANDACHTSFUNCTIONARIS, Rol.PROFESSIONAL
VANDAAG = date(2030, 6, 15)
INHOUD = "Vermoeden van mishandeling bij Ĳsbrand (7)"


# --- pure rules -------------------------------------------------------------------

def test_due_date_and_leap_day():
    assert rules.vervaldatum(date(2010, 3, 1), 20) == date(2030, 3, 1)
    assert rules.vervaldatum(date(2012, 2, 29), 1) == date(2013, 2, 28)
    assert rules.is_verlopen(date(2010, 6, 15), 20, VANDAAG)
    assert not rules.is_verlopen(date(2010, 6, 16), 20, VANDAAG)
    assert not rules.is_verlopen(None, 20, VANDAAG)


def _v(**kw) -> Verwijdering:
    base = dict(record_type="x", record_id="1", startdatum=date(2000, 1, 1), jaren=20)
    base.update(kw)
    return Verwijdering(**base)


def test_two_different_accounts_one_beheerder_one_af():
    v = _v().bevestig("b1", frozenset({B}), VANDAAG)
    assert not v.compleet and "aandachtsfunctionaris" in v.ontbreekt()
    with pytest.raises(NietToegestaan, match="al bevestigd"):
        v.bevestig("b1", frozenset({B}), VANDAAG)
    with pytest.raises(NietToegestaan, match="niet genoeg"):
        v.bevestig("b2", frozenset({B}), VANDAAG)  # a second beheerder does not help
    with pytest.raises(NietToegestaan, match="Alleen een beheerder"):
        v.bevestig("p", frozenset({P}), VANDAAG)
    v = v.bevestig("af1", frozenset({AF}), VANDAAG)
    assert v.compleet and v.mag_weg(VANDAAG)


def test_one_person_with_both_roles_is_not_enough():
    v = _v().bevestig("demo", frozenset({B, AF}), VANDAAG)
    assert not v.compleet and "tweede persoon" in v.ontbreekt()
    with pytest.raises(NietToegestaan):
        v.bevestig("demo", frozenset({B, AF}), VANDAAG)
    # whichever role the second person has completes it
    assert v.bevestig("b2", frozenset({B}), VANDAAG).compleet
    assert v.bevestig("af2", frozenset({AF}), VANDAAG).compleet


def test_not_due_and_hold_refuse_and_hold_clears_confirmations():
    with pytest.raises(NietToegestaan, match="nog niet voorbij"):
        _v(startdatum=date(2020, 1, 1)).bevestig("b1", frozenset({B}), VANDAAG)
    assert _v(startdatum=None, vroegtijdig=True).fase(VANDAAG) is Fase.VROEGTIJDIG
    v = _v().bevestig("b1", frozenset({B}), VANDAAG).met_blokkade(True)
    assert v.fase(VANDAAG) is Fase.GEBLOKKEERD and v.bevestigingen == ()
    with pytest.raises(NietToegestaan, match="juridische blokkade"):
        v.bevestig("af1", frozenset({AF}), VANDAAG)
    assert not _v(blokkade=True, bevestigingen=(Bevestiging("b", frozenset({B})),
                                               Bevestiging("a", frozenset({AF})))).mag_weg(VANDAAG)


def test_content_file_has_legal_basis_and_the_meldcode_default():
    from ghnt_desktop.paths import resource_path

    doc = json.loads(resource_path("bewaartermijnen", "bewaartermijnen.json").read_text(encoding="utf-8"))
    types = rules.parse_record_types(doc)
    assert set(types) >= {"meldcode_dossier", "zelfscan", "plan_van_aanpak", "audit_trail"}
    md = types["meldcode_dossier"]
    assert md.standaard_jaren == 20 and "afsluiten" in md.start
    assert "7.3.8" in md.grondslag and "5.3.4" in md.grondslag and "15 jaar" in md.grondslag
    assert "moet zelf kiezen" in md.toelichting and "20 jaar" in md.toelichting
    assert not types["audit_trail"].verwijderbaar
    assert md.termijn(None) == 20 and md.termijn(15) == 15 and md.termijn(99) == 20


def test_content_file_problems_are_reported_with_their_place():
    with pytest.raises(ValueError) as info:
        rules.parse_record_types({"versie": "1", "soorten": [
            {"key": "a", "naam": "A", "start": "s", "grondslag": "g", "standaard_jaren": 50, "min_jaren": 1,
             "max_jaren": 30},
            {"key": "a", "naam": "", "start": "s", "grondslag": "g", "standaard_jaren": 1, "min_jaren": 1,
             "max_jaren": "x"}]})
    problems = info.value.args[0]
    assert "soorten[0].standaard_jaren: moet tussen min_jaren en max_jaren liggen" in problems
    assert "soorten[1].naam: ontbreekt" in problems
    assert any(p.startswith("soorten[1].max_jaren") for p in problems)


# --- the service, with a fake record type ----------------------------------------------

PROEF = RecordType("proef_dossier", "Proefdossier", 2, 1, 10, "na afsluiten", "Alleen voor deze test.")


@pytest.fixture
def proef(team_ws, monkeypatch):
    ws = team_ws
    ws.db.conn.execute("CREATE TABLE proef (id TEXT PRIMARY KEY, inhoud TEXT NOT NULL)")
    calls = []

    def verwijder(w, record_id):
        calls.append(record_id)
        w.db.conn.execute("DELETE FROM proef WHERE id = ?", [record_id])

    monkeypatch.setitem(retention._EXTRA_SOORTEN, PROEF.key, PROEF)
    retention.registreer_verwijderaar(PROEF.key, verwijder)
    monkeypatch.setitem(retention._VERWIJDERAARS, PROEF.key, verwijder)  # undone after the test
    for rid, gesloten in (("A", date(2027, 1, 1)), ("B", date(2029, 12, 1)), ("C", date(2026, 1, 1))):
        ws.db.conn.execute("INSERT INTO proef VALUES (?, ?)", [rid, f"{INHOUD} {rid}"])
        retention.start_termijn(ws, PROEF.key, rid, gesloten)
    retention.juridische_blokkade(ws, PROEF.key, "C", aan=True, reden="lopende rechtszaak")
    ws.proef_calls = calls
    return ws


def _as(ws, who):
    ids = ws.test_ids
    rollen = {"tester": {B}, "beh2": {B}, "af": {AF}, "prof": {P}}[who]
    act_as(ws, ids[who], rollen)


def _exists(ws, rid) -> bool:
    return ws.db.conn.execute("SELECT 1 FROM proef WHERE id = ?", [rid]).fetchone() is not None


def test_lists_only_what_needs_attention(proef):
    items = {i.record_id: i for i in retention.verlopen_items(proef, VANDAAG)}
    assert set(items) == {"A", "C"}  # B is not due yet
    assert items["A"].fase is Fase.VERLOPEN and items["A"].vervalt_op == date(2029, 1, 1)
    assert items["C"].fase is Fase.GEBLOKKEERD and items["C"].blokkade_reden == "lopende rechtszaak"
    text = retention.melding_bij_start(proef, VANDAAG)
    assert "1 onderdeel" in text and "Proefdossier" in text
    _as(proef, "prof")
    assert retention.melding_bij_start(proef, VANDAAG) is None


def test_deletes_only_after_both_confirmations_and_leaves_a_content_free_audit_entry(proef):
    _as(proef, "tester")
    assert retention.bevestig_verwijdering(proef, PROEF.key, "A", vandaag=VANDAAG) is False
    assert _exists(proef, "A")
    with pytest.raises(UserError, match="al bevestigd"):
        retention.bevestig_verwijdering(proef, PROEF.key, "A", vandaag=VANDAAG)
    _as(proef, "beh2")
    with pytest.raises(UserError, match="niet genoeg"):
        retention.bevestig_verwijdering(proef, PROEF.key, "A", vandaag=VANDAAG)
    assert proef.db.conn.execute("SELECT actie, resultaat FROM audit ORDER BY id DESC LIMIT 1").fetchone() == (
        "vernietiging_bevestigen", "geweigerd")  # the refusal itself is kept
    assert _exists(proef, "A") and proef.proef_calls == []
    _as(proef, "af")
    assert retention.bevestig_verwijdering(proef, PROEF.key, "A", vandaag=VANDAAG) is True
    assert not _exists(proef, "A") and proef.proef_calls == ["A"]
    assert proef.db.conn.execute("SELECT count(*) FROM bewaar_item WHERE record_id = 'A'").fetchone()[0] == 0
    assert proef.db.conn.execute("SELECT count(*) FROM bewaar_bevestiging WHERE record_id = 'A'").fetchone()[0] == 0
    row = proef.db.conn.execute("SELECT actie, object_type, object_id, resultaat, actor_id FROM audit"
                                " ORDER BY id DESC LIMIT 1").fetchone()
    assert tuple(row) == ("vernietigd", PROEF.key, "A", "termijn_verlopen", proef.test_ids["af"])
    dump = "\n".join(str(tuple(r)) for r in proef.db.conn.execute("SELECT * FROM audit"))
    assert "Ĳsbrand" not in dump and "mishandeling" not in dump
    # B (not due) and C (held) are untouched
    assert _exists(proef, "B") and _exists(proef, "C")
    from ghnt_desktop.storage import audit

    assert audit.verify(proef.db) == []


def test_not_due_and_held_records_are_never_deleted(proef):
    for who in ("tester", "af"):
        _as(proef, who)
        with pytest.raises(UserError, match="nog niet voorbij"):
            retention.bevestig_verwijdering(proef, PROEF.key, "B", vandaag=VANDAAG)
        with pytest.raises(UserError, match="juridische blokkade"):
            retention.bevestig_verwijdering(proef, PROEF.key, "C", vandaag=VANDAAG)
    assert _exists(proef, "B") and _exists(proef, "C") and proef.proef_calls == []
    # lifting the hold: both must confirm (again)
    _as(proef, "tester")
    retention.juridische_blokkade(proef, PROEF.key, "C", aan=False)
    assert retention.bevestig_verwijdering(proef, PROEF.key, "C", vandaag=VANDAAG) is False
    _as(proef, "af")
    assert retention.bevestig_verwijdering(proef, PROEF.key, "C", vandaag=VANDAAG) is True
    assert not _exists(proef, "C")


def test_hold_placed_between_confirmations_blocks_and_resets(proef):
    _as(proef, "tester")
    retention.bevestig_verwijdering(proef, PROEF.key, "A", vandaag=VANDAAG)
    retention.juridische_blokkade(proef, PROEF.key, "A", aan=True, reden="verzoek politie")
    _as(proef, "af")
    with pytest.raises(UserError, match="juridische blokkade"):
        retention.bevestig_verwijdering(proef, PROEF.key, "A", vandaag=VANDAAG)
    _as(proef, "tester")
    retention.juridische_blokkade(proef, PROEF.key, "A", aan=False)
    _as(proef, "af")
    assert retention.bevestig_verwijdering(proef, PROEF.key, "A", vandaag=VANDAAG) is False  # earlier one is gone
    assert _exists(proef, "A")
    with pytest.raises(ValidationError, match="reden"):
        _as(proef, "tester")
        retention.juridische_blokkade(proef, PROEF.key, "A", aan=True, reden="  ")


def test_early_destruction_needs_a_reason_and_both_confirmations(proef):
    _as(proef, "af")
    with pytest.raises(ValidationError, match="reden"):
        retention.vroegtijdig_vernietigen(proef, PROEF.key, "B", "   ", vandaag=VANDAAG)
    reden = "Schriftelijk verzoek van moeder van Ĳsbrand"
    assert retention.vroegtijdig_vernietigen(proef, PROEF.key, "B", reden, vandaag=VANDAAG) is False
    item = retention.item(proef, PROEF.key, "B", VANDAAG)
    assert item.fase is Fase.VROEGTIJDIG and item.heb_ik_bevestigd and "beheerder" in item.ontbreekt
    assert _exists(proef, "B")
    _as(proef, "tester")
    assert retention.bevestig_verwijdering(proef, PROEF.key, "B", vandaag=VANDAAG) is True
    assert not _exists(proef, "B")
    last = proef.db.conn.execute("SELECT actie, resultaat FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert tuple(last) == ("vernietigd", "vroegtijdig:verzoek_betrokkene")
    dump = "\n".join(str(tuple(r)) for r in proef.db.conn.execute("SELECT * FROM audit"))
    assert "moeder" not in dump and "Ĳsbrand" not in dump
    assert proef.db.conn.execute("SELECT count(*) FROM bewaar_item WHERE record_id = 'B'").fetchone()[0] == 0


def test_early_destruction_is_blocked_by_a_hold_and_can_be_withdrawn(proef):
    _as(proef, "af")
    with pytest.raises(UserError, match="juridische blokkade"):
        retention.vroegtijdig_vernietigen(proef, PROEF.key, "C", "verzoek", vandaag=VANDAAG)
    assert proef.db.conn.execute("SELECT actie, resultaat FROM audit ORDER BY id DESC LIMIT 1").fetchone() == (
        "vernietiging_verzoeken", "geweigerd")
    retention.vroegtijdig_vernietigen(proef, PROEF.key, "B", "verzoek", vandaag=VANDAAG)
    retention.trek_verzoek_in(proef, PROEF.key, "B")
    _as(proef, "tester")
    with pytest.raises(UserError, match="nog niet voorbij"):
        retention.bevestig_verwijdering(proef, PROEF.key, "B", vandaag=VANDAAG)
    assert _exists(proef, "B")


def test_reopening_a_record_stops_the_period_and_clears_confirmations(proef):
    _as(proef, "tester")
    retention.bevestig_verwijdering(proef, PROEF.key, "A", vandaag=VANDAAG)
    retention.stop_termijn(proef, PROEF.key, "A")  # e.g. the dossier was reopened
    assert "A" not in {i.record_id for i in retention.verlopen_items(proef, VANDAAG)}
    retention.start_termijn(proef, PROEF.key, "A", date(2027, 1, 1))
    _as(proef, "af")
    assert retention.bevestig_verwijdering(proef, PROEF.key, "A", vandaag=VANDAAG) is False


def test_configured_period_within_limits(proef):
    retention.stel_termijn_in(proef, PROEF.key, 5)
    assert retention.termijn_jaren(proef, PROEF.key) == 5
    assert "A" not in {i.record_id for i in retention.verlopen_items(proef, VANDAAG)}  # 2027 + 5 > 2030
    with pytest.raises(ValidationError, match="tussen 1 en 10"):
        retention.stel_termijn_in(proef, PROEF.key, 11)
    assert retention.termijn_jaren(proef, PROEF.key) == 5
    assert retention.termijn_jaren(proef, "meldcode_dossier") == 20


def test_a_failing_deleter_rolls_everything_back(proef):
    def kapot(ws, rid):
        ws.db.conn.execute("DELETE FROM proef WHERE id = ?", [rid])
        raise RuntimeError("bug in module")

    retention._VERWIJDERAARS[PROEF.key] = kapot
    _as(proef, "tester")
    retention.bevestig_verwijdering(proef, PROEF.key, "A", vandaag=VANDAAG)
    _as(proef, "af")
    with pytest.raises(RuntimeError):
        retention.bevestig_verwijdering(proef, PROEF.key, "A", vandaag=VANDAAG)
    assert _exists(proef, "A")
    assert proef.db.conn.execute("SELECT count(*) FROM bewaar_bevestiging WHERE record_id = 'A'").fetchone()[0] == 1
    assert "vernietigd" not in [r[0] for r in proef.db.conn.execute("SELECT actie FROM audit")]


def test_types_without_deleter_or_not_deletable_are_refused(proef, monkeypatch):
    monkeypatch.delitem(retention._VERWIJDERAARS, PROEF.key)
    with pytest.raises(UserError, match="niet vernietigen"):
        retention.bevestig_verwijdering(proef, PROEF.key, "A", vandaag=VANDAAG)
    with pytest.raises(UserError, match="verwijdert het logboek niet"):
        retention.bevestig_verwijdering(proef, "audit_trail", "1", vandaag=VANDAAG)
    assert proef.db.conn.execute("SELECT count(*) FROM bewaar_bevestiging").fetchone()[0] == 0
