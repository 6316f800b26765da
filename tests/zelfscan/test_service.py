"""Zelfscan service: making, answering, status rules, read-only after vaststellen, results and comparisons."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from ghnt_desktop.domain.zelfscan import (
    Antwoord,
    Deelnemer,
    DeelnemerRol,
    Doelgroep,
    OngeldigeStatusovergang,
    Prioriteit,
    ScanNietBewerkbaar,
    ScanStatus,
    Verandering,
)
from ghnt_desktop.errors import UserError, ValidationError
from ghnt_desktop.services import zelfscan as zs
from ghnt_desktop.storage import audit
from ghnt_desktop.storage.connection import IntegrityError
from tests.zelfscan.conftest import codes_voor, tellingen, vastgestelde_scan, vul_in

PEIL = date(2024, 3, 1)

# Hand-made answers for the werkversie (18 standards). Expected results are worked out by hand below.
HANDMATIG = {
    "LT-01": "V", "LT-02": "V", "LT-03": "D", "LT-04": "N", "LT-05": "O", "LT-06": "NVT", "LT-07": "V",
    "LT-08": "V", "LT-09": "N", "LT-10": "D", "LT-11": "V",
    "GM-01": "V", "GM-02": "N", "GM-03": "O", "GM-04": "NVT", "GM-05": "V", "GM-06": "D", "GM-07": "V",
}


def _nieuwe_scan(ws, team="oost", peildatum=PEIL, deelnemers=None):
    return zs.maak_scan(ws, team_id=ws.tid[team], peildatum=peildatum,
                        deelnemers=deelnemers if deelnemers is not None else [Deelnemer(DeelnemerRol.TEAMLEIDER)])


def test_bundled_werkversie_is_offered_and_marked_as_not_official(zws):
    lijst = zs.catalogi(zws)
    assert len(lijst) == 1
    info = lijst[0]
    assert (info.id, info.versie) == ("vng-werken-aan-veiligheid", "2019-werkversie-1")
    assert info.officieel is False and info.actief and info.meegeleverd and info.aantal_standaarden == 18
    assert "werkversie: niet de officiële tekst" in info.label
    c = zs.nieuwste_catalogus(zws)
    assert c.sleutel == (info.id, info.versie)
    assert "niet de officiële tekst" in zs.bronvermelding(c)
    # Not stored until used; then stored exactly once.
    assert tellingen(zws)["zelfscan_catalogus"] == 0
    _nieuwe_scan(zws)
    _nieuwe_scan(zws, peildatum=PEIL + timedelta(days=1))
    assert tellingen(zws)["zelfscan_catalogus"] == 1
    assert zs.catalogi(zws)[0].geimporteerd_op is not None and zs.catalogi(zws)[0].aantal_scans == 2


def test_new_scan_takes_team_gemeenten_newest_catalogue_and_participants(zws):
    d = [Deelnemer(DeelnemerRol.TEAMLEIDER, "  Sanne   de Boer "), Deelnemer(DeelnemerRol.VEILIG_THUIS, "")]
    sid = _nieuwe_scan(zws, deelnemers=d)
    info = zs.scan_info(zws, sid)
    assert info.team_naam == "Wijkteam Zaandam-Oost" and info.team_type == "wijkteam"
    assert info.gemeenten == (("GM0479", "Zaanstad"),)
    assert info.status is ScanStatus.CONCEPT and info.versie == 1 and info.vorige_id is None
    assert info.voortgang.beantwoord == 0 and info.voortgang.totaal == 18 and info.bewerkbaar
    scan, cat = zs.laad_scan(zws, sid)
    assert scan.deelnemers == (Deelnemer(DeelnemerRol.TEAMLEIDER, "Sanne de Boer"),
                               Deelnemer(DeelnemerRol.VEILIG_THUIS, None))
    assert cat.sleutel == (info.catalogus_id, info.catalogus_versie)
    acties = [e["actie"] for e in audit.entries_for(zws.db, "zelfscan", sid)]
    assert acties == ["zelfscan_aanmaken", "zelfscan_bekijken"]


def test_scan_for_several_gemeenten(zws):
    sid = zs.maak_scan(zws, team_id=zws.tid["oost"], peildatum=PEIL, deelnemers=[],
                       gemeente_codes=["GM0479", "GM0439"])
    assert {c for c, _ in zs.scan_info(zws, sid).gemeenten} == {"GM0479", "GM0439"}
    assert [s.id for s in zs.scans(zws, gemeente_code="GM0439")] == [sid]
    with pytest.raises(ValidationError) as e:
        zs.maak_scan(zws, team_id=zws.tid["oost"], peildatum=PEIL + timedelta(days=1), deelnemers=[],
                     gemeente_codes=["GM0363"])
    assert "GM0363" in str(e.value)


def test_make_scan_validation(zws):
    with pytest.raises(ValidationError, match="peildatum"):
        zs.maak_scan(zws, team_id=zws.tid["oost"], peildatum=date.today() + timedelta(days=800), deelnemers=[])
    with pytest.raises(ValidationError):
        zs.maak_scan(zws, team_id=zws.tid["oost"], peildatum="2024-01-01", deelnemers=[])  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as e:
        zs.maak_scan(zws, team_id=zws.tid["oost"], peildatum=PEIL,
                     deelnemers=[Deelnemer(DeelnemerRol.PROFESSIONAL, "x" * 201), Deelnemer("baas", "A")])
    assert "deelnemers[0].naam" in str(e.value) and "deelnemers[1].rol" in str(e.value)
    with pytest.raises(UserError, match="bestaat niet"):
        zs.maak_scan(zws, team_id=999, peildatum=PEIL, deelnemers=[])
    _nieuwe_scan(zws)
    with pytest.raises(ValidationError, match="al een zelfscan met peildatum 01-03-2024"):
        _nieuwe_scan(zws)
    assert len(zs.scans(zws)) == 1


def test_results_match_hand_computed_expectation(zws):
    sid = _nieuwe_scan(zws)
    vul_in(zws, sid, HANDMATIG)
    r = zs.resultaat(zws, sid)
    # Whole scan: 18 answered, 2 N.v.t., 2 Weet niet -> denominator 14; voldoet 8 -> 57 %.
    t = r.totaal
    assert (t.beantwoord, t.voldoet, t.uitgesloten, t.apart, t.noemer) == (18, 8, 2, 2, 14)
    assert t.percentage_afgerond == 57 and t.per_code == {"V": 8, "D": 3, "N": 3, "O": 2, "NVT": 2}
    # Lokaal team: 11 answered, 1 N.v.t. (LT-06), 1 Weet niet (LT-05) -> 5 of 9 -> 56 %.
    lt = r.per_doelgroep[Doelgroep.LOKAAL_TEAM]
    assert (lt.voldoet, lt.noemer, lt.percentage_afgerond) == (5, 9, 56)
    # Gemeente: 7 answered, 1 N.v.t. (GM-04), 1 Weet niet (GM-03) -> 3 of 5 -> 60 %.
    gm = r.per_doelgroep[Doelgroep.GEMEENTE]
    assert (gm.voldoet, gm.noemer, gm.percentage_afgerond) == (3, 5, 60)
    verwacht = {  # theme: (voldoet, noemer, afgerond, weet niet)
        "visie": (2, 2, 100, 0),           # LT-01 V, LT-07 V
        "signaleren": (1, 1, 100, 0),      # LT-02 V
        "veiligheid": (0, 2, 0, 1),        # LT-03 D, LT-04 N, LT-05 O
        "herstel": (0, 1, 0, 0),           # LT-09 N
        "samenwerking": (2, 3, 67, 1),     # LT-06 NVT, LT-08 V, GM-02 N, GM-03 O, GM-07 V
        "vakmanschap": (1, 2, 50, 0),      # LT-10 D, LT-11 V
        "sturing": (2, 3, 67, 0),          # GM-01 V, GM-04 NVT, GM-05 V, GM-06 D
    }
    for thema_id, (voldoet, noemer, pct, apart) in verwacht.items():
        tel = r.thema(thema_id).telling
        assert (tel.voldoet, tel.noemer, tel.percentage_afgerond, tel.apart) == (voldoet, noemer, pct, apart), thema_id
    sw = r.thema("samenwerking").per_doelgroep
    assert sw[Doelgroep.LOKAAL_TEAM].percentage_afgerond == 100 and sw[Doelgroep.GEMEENTE].percentage_afgerond == 50


def test_partial_scan_scores_answered_standards_only(zws):
    sid = _nieuwe_scan(zws)
    vul_in(zws, sid, {"LT-01": "V", "LT-02": "N", "LT-05": "O"})
    zs.bewaar_antwoord(zws, sid, Antwoord("LT-03", None, toelichting="nog bespreken"))
    info = zs.scan_info(zws, sid)
    assert (info.voortgang.beantwoord, info.voortgang.totaal) == (3, 18)
    t = zs.resultaat(zws, sid).totaal
    assert (t.voldoet, t.noemer, t.percentage_afgerond) == (1, 2, 50)
    assert zs.resultaat(zws, sid).thema("herstel").telling.percentage_voldoet is None  # nothing to score
    scan, _ = zs.laad_scan(zws, sid)
    assert scan.antwoord_voor("LT-03").toelichting == "nog bespreken"


def test_answer_is_replaced_not_duplicated_and_each_save_is_audited(zws):
    sid = _nieuwe_scan(zws)
    voor = len(audit.entries_for(zws.db, "zelfscan", sid))
    zs.bewaar_antwoord(zws, sid, Antwoord("LT-01", "N", toelichting="eerst"))
    zs.bewaar_antwoord(zws, sid, Antwoord("LT-01", "D", toelichting="daarna", bewijs="verslag",
                                          verbeterpunt=True, prioriteit=Prioriteit.HOOG))
    scan, _ = zs.laad_scan(zws, sid)
    assert scan.antwoorden == (Antwoord("LT-01", "D", "daarna", "verslag", True, Prioriteit.HOOG),)
    assert tellingen(zws)["zelfscan_antwoord"] == 1
    acties = [e["actie"] for e in audit.entries_for(zws.db, "zelfscan", sid)][voor:]
    assert acties == ["zelfscan_wijzigen", "zelfscan_wijzigen", "zelfscan_bekijken"]
    assert audit.verify(zws.db) == []


def test_wrong_answers_are_refused_with_place(zws):
    sid = _nieuwe_scan(zws)
    voor = tellingen(zws)
    gevallen = [
        (Antwoord("XX-99", "V"), "standaard_id"),
        (Antwoord("LT-01", "JA"), "antwoord.code"),
        (Antwoord("LT-01", "V", toelichting="x" * 4001), "antwoord.toelichting"),
        (Antwoord("LT-01", "V", bewijs="a\x00b"), "antwoord.bewijs"),
        (Antwoord("LT-01", "N", verbeterpunt=False, prioriteit=Prioriteit.HOOG), "antwoord.prioriteit"),
        (Antwoord("LT-01", "N", verbeterpunt="ja"), "antwoord.verbeterpunt"),  # type: ignore[arg-type]
    ]
    for antwoord, plaats in gevallen:
        with pytest.raises(ValidationError) as e:
            zs.bewaar_antwoord(zws, sid, antwoord)
        assert plaats in str(e.value)
    assert tellingen(zws) == voor


def test_status_flow_and_vastgestelde_scan_cannot_be_edited(zws):
    sid = _nieuwe_scan(zws)
    vul_in(zws, sid, {"LT-01": "V"})
    with pytest.raises(OngeldigeStatusovergang, match="1 van 18"):
        zs.zet_status(zws, sid, ScanStatus.INGEVULD)
    with pytest.raises(OngeldigeStatusovergang, match="Ingevuld"):
        zs.zet_status(zws, sid, ScanStatus.VASTGESTELD)
    _, cat = zs.laad_scan(zws, sid)
    vul_in(zws, sid, codes_voor(cat, HANDMATIG))
    zs.zet_status(zws, sid, ScanStatus.INGEVULD)
    with pytest.raises(ValidationError, match="terug op 'Concept'"):
        zs.bewaar_antwoord(zws, sid, Antwoord("LT-01", None))
    zs.zet_status(zws, sid, ScanStatus.CONCEPT)
    zs.zet_status(zws, sid, ScanStatus.INGEVULD)
    zs.zet_status(zws, sid, ScanStatus.VASTGESTELD, vastgesteld_op=PEIL + timedelta(days=10))
    info = zs.scan_info(zws, sid)
    assert info.status is ScanStatus.VASTGESTELD and info.vastgesteld_op == PEIL + timedelta(days=10)
    assert not info.bewerkbaar
    assert [e["actie"] for e in audit.entries_for(zws.db, "zelfscan", sid, ["zelfscan_vaststellen"])] == [
        "zelfscan_vaststellen"]

    voor = tellingen(zws)
    scan_voor, _ = zs.laad_scan(zws, sid)
    with pytest.raises(ScanNietBewerkbaar, match="vastgesteld"):
        zs.bewaar_antwoord(zws, sid, Antwoord("LT-01", "N"))
    with pytest.raises(ScanNietBewerkbaar):
        zs.zet_deelnemers(zws, sid, [Deelnemer(DeelnemerRol.OVERIG, "Iemand")])
    with pytest.raises(ScanNietBewerkbaar):
        zs.zet_peildatum(zws, sid, PEIL - timedelta(days=1))
    for status in ScanStatus:
        with pytest.raises(OngeldigeStatusovergang):
            zs.zet_status(zws, sid, status)
    scan_na, _ = zs.laad_scan(zws, sid)
    assert scan_na == scan_voor
    voor.pop("audit")
    na = tellingen(zws)
    na.pop("audit")
    assert na == voor


def test_database_refuses_changes_to_a_vastgestelde_scan(zws):
    """Defence in depth: even SQL that bypasses the service cannot change a vastgestelde scan."""
    sid = vastgestelde_scan(zws, zws.tid["oost"], PEIL)
    conn = zws.db.conn
    for sql, params in [
        ("UPDATE zelfscan_antwoord SET code = 'N' WHERE scan_id = ?", [sid]),
        ("INSERT INTO zelfscan_antwoord (scan_id, standaard_id, code, updated_at) VALUES (?, 'X', 'V', 'x')", [sid]),
        ("UPDATE zelfscan SET status = 'concept', vastgesteld_op = NULL WHERE id = ?", [sid]),
        ("UPDATE zelfscan SET peildatum = '2020-01-01' WHERE id = ?", [sid]),
        ("INSERT INTO zelfscan_deelnemer (scan_id, volgorde, rol) VALUES (?, 99, 'overig')", [sid]),
        ("UPDATE zelfscan_deelnemer SET naam = 'X' WHERE scan_id = ?", [sid]),
        ("INSERT INTO zelfscan_gemeente (scan_id, cbs_code, naam) VALUES (?, 'GM0439', 'Purmerend')", [sid]),
        ("UPDATE zelfscan_catalogus SET inhoud = '{}'", []),
    ]:
        with pytest.raises(IntegrityError):
            conn.execute(sql, params)


def test_schema_allows_deleting_old_versions_for_retention(zws):
    """Retention may delete a vastgestelde version; a newer version then simply has no vorige_id."""
    v1 = vastgestelde_scan(zws, zws.tid["oost"], PEIL)
    v2 = zs.heropen(zws, v1, "aanpassen")
    zs.zet_status(zws, v2, ScanStatus.INGEVULD)
    zs.zet_status(zws, v2, ScanStatus.VASTGESTELD)
    with pytest.raises(IntegrityError):  # but vorige_id cannot be changed to anything else
        zws.db.conn.execute("UPDATE zelfscan SET vorige_id = ? WHERE id = ?", [v2, v2])
    with zws.db.atomic():
        zws.db.conn.execute("DELETE FROM zelfscan WHERE id = ?", [v1])
    assert tellingen(zws)["zelfscan_antwoord"] == 18
    info = zs.scan_info(zws, v2)
    assert info.vorige_id is None and info.versie == 2 and info.status is ScanStatus.VASTGESTELD
    assert [s.id for s in zs.scans(zws)] == [v2]


def test_vastgesteld_op_must_lie_between_peildatum_and_today(zws):
    sid = _nieuwe_scan(zws)
    _, cat = zs.laad_scan(zws, sid)
    vul_in(zws, sid, codes_voor(cat))
    zs.zet_status(zws, sid, ScanStatus.INGEVULD)
    for datum in (PEIL - timedelta(days=1), date.today() + timedelta(days=1)):
        with pytest.raises(ValidationError, match="tussen de peildatum en vandaag"):
            zs.zet_status(zws, sid, ScanStatus.VASTGESTELD, vastgesteld_op=datum)
    assert zs.scan_info(zws, sid).status is ScanStatus.INGEVULD


def test_heropen_creates_new_version_and_keeps_old_one(zws):
    sid = vastgestelde_scan(zws, zws.tid["oost"], PEIL, {"LT-01": "N"})
    oud, _ = zs.laad_scan(zws, sid)
    with pytest.raises(ValidationError, match="reden"):
        zs.heropen(zws, sid, "   ")
    nieuw = zs.heropen(zws, sid, "Antwoord bij LT-01 klopte niet")
    assert nieuw != sid
    info = zs.scan_info(zws, nieuw)
    assert (info.versie, info.status, info.vorige_id, info.heropen_reden) == (
        2, ScanStatus.CONCEPT, sid, "Antwoord bij LT-01 klopte niet")
    assert info.reeks_id == sid and info.peildatum == PEIL
    # Same answers, now editable; the old version is unchanged and still read-only.
    scan, _ = zs.laad_scan(zws, nieuw)
    assert scan.antwoorden == oud.antwoorden and scan.deelnemers == oud.deelnemers
    zs.bewaar_antwoord(zws, nieuw, Antwoord("LT-01", "V"))
    assert zs.laad_scan(zws, sid)[0] == oud
    with pytest.raises(ScanNietBewerkbaar):
        zs.bewaar_antwoord(zws, sid, Antwoord("LT-01", "V"))
    # Only the latest version is listed; versies() shows both.
    assert [s.id for s in zs.scans(zws)] == [nieuw]
    assert [s.versie for s in zs.versies(zws, sid)] == [2, 1]
    with pytest.raises(OngeldigeStatusovergang, match="nieuwere versie"):
        zs.heropen(zws, sid, "nog een keer")
    with pytest.raises(OngeldigeStatusovergang):
        zs.heropen(zws, nieuw, "concept kun je gewoon aanpassen")
    acties = [e["actie"] for e in audit.entries_for(zws.db, "zelfscan", sid, ["zelfscan_heropenen"])]
    assert acties == ["zelfscan_heropenen"]


def test_scans_filters_and_order(zws):
    a = vastgestelde_scan(zws, zws.tid["oost"], date(2023, 3, 1))
    b = vastgestelde_scan(zws, zws.tid["oost"], date(2024, 3, 1))
    c = _nieuwe_scan(zws, team="purmerend", peildatum=date(2025, 3, 1))
    assert [s.id for s in zs.scans(zws)] == [c, b, a]
    assert [s.id for s in zs.scans(zws, team_id=zws.tid["oost"])] == [b, a]
    assert [s.id for s in zs.scans(zws, gemeente_code="GM0439")] == [c]
    assert [s.id for s in zs.scans(zws, status=ScanStatus.VASTGESTELD)] == [b, a]
    assert [s.id for s in zs.scans(zws, status=ScanStatus.CONCEPT)] == [c]
    # Reopened: the list shows the new concept version; the vastgestelde version still counts as vastgesteld.
    b2 = zs.heropen(zws, b, "aanpassen")
    assert [s.id for s in zs.scans(zws)] == [c, b2, a]
    assert [s.id for s in zs.scans(zws, status=ScanStatus.VASTGESTELD)] == [b, a]
    assert [s.id for s in zs.scans(zws, status=ScanStatus.CONCEPT)] == [c, b2]
    assert [s.id for s in zs.laatste_vastgestelde(zws, "GM0479")] == [b]


def test_vorige_scan_and_comparison_show_improvements_and_declines(zws):
    oost = zws.tid["oost"]
    eerst = vastgestelde_scan(zws, oost, date(2023, 3, 1), {"LT-01": "V", "LT-03": "D", "LT-05": "O", "GM-02": "N"})
    tweede = vastgestelde_scan(zws, oost, date(2024, 3, 1), {"LT-01": "N", "LT-03": "V", "LT-05": "V", "GM-02": "D"})
    derde = _nieuwe_scan(zws, peildatum=date(2025, 3, 1))
    vastgestelde_scan(zws, zws.tid["purmerend"], date(2024, 1, 1))  # another team: never "vorige"
    assert zs.vorige_scan(zws, eerst) is None
    assert zs.vorige_scan(zws, tweede) == eerst
    assert zs.vorige_scan(zws, derde) == tweede
    assert zs.vergelijking_met_vorige(zws, eerst) is None
    v = zs.vergelijking_met_vorige(zws, tweede)
    assert v.zelfde_schaal
    assert v.voor("LT-01").verandering is Verandering.VERSLECHTERD
    assert v.voor("LT-03").verandering is Verandering.VERBETERD
    assert v.voor("GM-02").verandering is Verandering.VERBETERD
    assert v.voor("LT-05").verandering is Verandering.GEWIJZIGD_NIET_VERGELIJKBAAR
    assert v.aantallen[Verandering.GELIJK] == 14
    # After heropenen of the second scan, the third still compares with the latest vastgestelde version.
    v2 = zs.heropen(zws, tweede, "correctie")
    assert zs.vorige_scan(zws, derde) == tweede
    zs.zet_status(zws, v2, ScanStatus.INGEVULD)
    zs.zet_status(zws, v2, ScanStatus.VASTGESTELD)
    assert zs.vorige_scan(zws, derde) == v2
    assert zs.vorige_scan(zws, v2) == eerst


def test_verbeterpunten_ordered_by_priority(zws):
    sid = _nieuwe_scan(zws)
    zs.bewaar_antwoord(zws, sid, Antwoord("GM-01", "N", verbeterpunt=True, prioriteit=Prioriteit.LAAG))
    zs.bewaar_antwoord(zws, sid, Antwoord("LT-04", "N", verbeterpunt=True, prioriteit=Prioriteit.HOOG))
    zs.bewaar_antwoord(zws, sid, Antwoord("LT-02", "D", verbeterpunt=True))
    zs.bewaar_antwoord(zws, sid, Antwoord("LT-03", "D", verbeterpunt=True, prioriteit=Prioriteit.HOOG))
    zs.bewaar_antwoord(zws, sid, Antwoord("LT-01", "V"))
    assert [v.standaard.id for v in zs.verbeterpunten(zws, sid)] == ["LT-03", "LT-04", "GM-01", "LT-02"]


def test_laatste_vastgestelde_and_teamvergelijking_per_gemeente(zws):
    from ghnt_desktop.services import teams

    west = teams.maak_team(zws, "Sociaal team Zaandam-West", "sociaal_team", ["GM0479"])
    oud = vastgestelde_scan(zws, zws.tid["oost"], date(2023, 3, 1))
    oost = vastgestelde_scan(zws, zws.tid["oost"], date(2024, 3, 1), {"LT-01": "N"})
    _nieuwe_scan(zws, peildatum=date(2025, 3, 1))  # concept: not used
    w = vastgestelde_scan(zws, west, date(2024, 5, 1), {s: "N" for s in HANDMATIG if s.startswith("GM")})
    vastgestelde_scan(zws, zws.tid["purmerend"], date(2024, 5, 1))  # other gemeente
    lijst = zs.laatste_vastgestelde(zws, "GM0479")
    assert [(s.team_naam, s.id) for s in lijst] == [("Sociaal team Zaandam-West", w), ("Wijkteam Zaandam-Oost", oost)]
    assert oud not in [s.id for s in lijst]
    tv = zs.teamvergelijking(zws, "GM0479")
    assert tv.teams == ("Sociaal team Zaandam-West", "Wijkteam Zaandam-Oost")
    assert not tv.gemengde_catalogi
    visie = next(r for r in tv.rijen if r.thema_id == "visie")
    assert visie.percentages == (100.0, 50.0)  # LT-01 N for Zaandam-Oost
    sturing = next(r for r in tv.rijen if r.thema_id == "sturing")
    assert sturing.percentages == (0.0, 100.0)
    assert zs.teamvergelijking(zws, "GM0479", [oost]).teams == ("Wijkteam Zaandam-Oost",)


def test_zet_deelnemers_and_peildatum(zws):
    sid = _nieuwe_scan(zws)
    zs.zet_deelnemers(zws, sid, [Deelnemer(DeelnemerRol.GEDRAGSWETENSCHAPPER, "Kofi Mulder"),
                                 Deelnemer(DeelnemerRol.BELEIDSADVISEUR_GEMEENTE)])
    assert zs.laad_scan(zws, sid)[0].deelnemers == (Deelnemer(DeelnemerRol.GEDRAGSWETENSCHAPPER, "Kofi Mulder"),
                                                    Deelnemer(DeelnemerRol.BELEIDSADVISEUR_GEMEENTE, None))
    with pytest.raises(ValidationError, match="hoogstens 200"):
        zs.zet_deelnemers(zws, sid, [Deelnemer(DeelnemerRol.OVERIG)] * 201)
    zs.zet_peildatum(zws, sid, date(2024, 4, 1))
    assert zs.scan_info(zws, sid).peildatum == date(2024, 4, 1)
    ander = _nieuwe_scan(zws, peildatum=date(2024, 5, 1))
    with pytest.raises(ValidationError, match="al een andere zelfscan"):
        zs.zet_peildatum(zws, ander, date(2024, 4, 1))


def test_unknown_scan_gives_dutch_message(zws):
    with pytest.raises(UserError, match="bestaat niet"):
        zs.laad_scan(zws, 12345)
    with pytest.raises(UserError, match="bestaat niet"):
        zs.bewaar_antwoord(zws, "1", Antwoord("LT-01", "V"))  # type: ignore[arg-type]
