"""Import checks for zelfscan files: the national list of gemeenten, the gemeenten this workspace serves,
dates, the question for a differently spelled name, and the question before a team is made."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from ghnt_desktop.domain.zelfscan_uitwisseling import controle_waarde, controleer_import, lees_uitwisselbestand
from ghnt_desktop.errors import ValidationError
from ghnt_desktop.services import teams
from ghnt_desktop.services import zelfscan as zs
from tests.zelfscan.conftest import maak_werkruimte, momentopname, vastgestelde_scan


def _herschrijf(data: bytes, wijzig) -> bytes:
    """Change the file's content and recompute its checksum (a file made by another app version)."""
    d = json.loads(data)
    wijzig(d)
    d.pop("controle")
    d["controle"] = controle_waarde(d)
    return json.dumps(d, ensure_ascii=False).encode("utf-8")


@pytest.fixture
def bestand(zws):
    """An exchange file of a vastgestelde team scan of Wijkteam Zaandam-Oost (Zaanstad)."""
    return zs.exporteer(zws, vastgestelde_scan(zws, zws.tid["oost"], date(2025, 10, 1)))


def _gemeente(code: str, naam: str):
    def wijzig(d):
        d["gemeenten"] = [{"cbs_code": code, "naam": naam}]
    return wijzig


def _geweigerd(ws, data, *fragmenten):
    voor = momentopname(ws)
    with pytest.raises(ValidationError) as e:
        zs.importeer(ws, data)
    tekst = e.value.message + " " + " ".join(e.value.details)
    for f in fragmenten:
        assert f in tekst, tekst
    assert "niets veranderd" in e.value.message
    assert momentopname(ws) == voor
    with pytest.raises(ValidationError):
        zs.bekijk_import(ws, data)


def test_onbekende_gemeentecode_wordt_geweigerd(bestand, tweede_werkruimte):
    _geweigerd(tweede_werkruimte, _herschrijf(bestand, _gemeente("GM9999", "Nergenshuizen")),
               "GM9999 is geen bestaande gemeente")


def test_opgeheven_gemeente_wordt_geweigerd(bestand, tweede_werkruimte):
    _geweigerd(tweede_werkruimte, _herschrijf(bestand, _gemeente("GM0370", "Beemster")),
               "GM0370 (Beemster) bestaat niet meer", "opgegaan in Purmerend")


def test_code_met_de_naam_van_een_andere_gemeente_wordt_geweigerd(bestand, tweede_werkruimte):
    _geweigerd(tweede_werkruimte, _herschrijf(bestand, _gemeente("GM0479", "Purmerend")),
               "horen niet bij elkaar", "GM0479 is Zaanstad", "'Purmerend'")


def test_gemeente_die_de_werkruimte_niet_bedient_wordt_geweigerd(bestand, tmp_path):
    ander = maak_werkruimte(tmp_path / "ander", gemeenten=[("GM0439", "Purmerend")])
    try:
        _geweigerd(ander, bestand, "werkt niet voor gemeente Zaanstad (GM0479)")
        assert teams.lijst(ander) == []
    finally:
        ander.close()


def test_vastgesteld_voor_de_peildatum_wordt_geweigerd(bestand, tweede_werkruimte):
    def wijzig(d):
        d["peildatum"], d["vastgesteld_op"] = "2025-10-01", "2025-09-30"
    _geweigerd(tweede_werkruimte, _herschrijf(bestand, wijzig), "vastgesteld_op", "vóór de peildatum 01-10-2025")


def test_peildatum_in_de_toekomst_wordt_geweigerd(bestand, tweede_werkruimte):
    morgen = date.today() + timedelta(days=1)

    def wijzig(d):
        d["peildatum"] = d["vastgesteld_op"] = morgen.isoformat()
    _geweigerd(tweede_werkruimte, _herschrijf(bestand, wijzig), f"De peildatum ({morgen:%d-%m-%Y}) ligt in de toekomst")


def test_anders_geschreven_gemeentenaam_is_een_vraag(bestand, tweede_werkruimte):
    data = _herschrijf(bestand, _gemeente("GM0479", "ZAANSTAD"))
    voorbeeld = zs.bekijk_import(tweede_werkruimte, data)
    assert [v.sleutel for v in voorbeeld.vragen] == ["gemeentenaam:GM0479"]
    assert "'ZAANSTAD'" in voorbeeld.vragen[0].tekst and "Wil je de zelfscan toch inlezen?" in voorbeeld.vragen[0].tekst
    voor = momentopname(tweede_werkruimte)
    with pytest.raises(zs.BevestigingNodig) as e:
        zs.importeer(tweede_werkruimte, data)
    assert e.value.vragen == voorbeeld.vragen
    assert momentopname(tweede_werkruimte) == voor
    scan_id = zs.importeer(tweede_werkruimte, data, bevestigd=["gemeentenaam:GM0479"])
    # Stored with this workspace's spelling.
    assert zs.scan_info(tweede_werkruimte, scan_id).gemeenten == (("GM0479", "Zaanstad"),)


def test_ontbrekend_team_is_een_vraag_en_wordt_met_maak_team_gemaakt(bestand, tweede_werkruimte):
    voorbeeld = zs.bekijk_import(tweede_werkruimte, bestand)
    assert voorbeeld.team_bestaat is False and voorbeeld.mag_team_maken is True
    assert voorbeeld.team_vraag == ("Team Wijkteam Zaandam-Oost bestaat nog niet in deze werkruimte. "
                                    "Wil je het team aanmaken?")
    voor = momentopname(tweede_werkruimte)
    with pytest.raises(zs.TeamBestaatNiet) as e:
        zs.importeer(tweede_werkruimte, bestand, team_aanmaken=False)
    assert e.value.message == voorbeeld.team_vraag
    assert momentopname(tweede_werkruimte) == voor
    scan_id = zs.importeer(tweede_werkruimte, bestand)
    team = teams.zoek(tweede_werkruimte, "Wijkteam Zaandam-Oost")
    assert team.soort == "wijkteam" and team.gemeenten == ("GM0479",)
    assert team.heeft_gegevens and zs.scan_info(tweede_werkruimte, scan_id).team_id == team.id
    # services.teams.maak_team made it (it records when; the old path did not).
    assert tweede_werkruimte.db.conn.execute("SELECT aangemaakt_op FROM team WHERE id = ?",
                                             [team.id]).fetchone()[0]
    assert zs.bekijk_import(tweede_werkruimte, _herschrijf(bestand, lambda d: d.update(versie=2))).team_bestaat


def test_oud_bestand_formaatversie_1_blijft_inleesbaar(bestand, tweede_werkruimte):
    assert json.loads(bestand)["formaatversie"] == 1
    scan_id = zs.importeer(tweede_werkruimte, bestand)
    assert not zs.scan_info(tweede_werkruimte, scan_id).is_gemeentescan


def test_controleer_import_is_zuiver(zws):
    """The domain rule on its own, with a small national list."""
    data = zs.exporteer(zws, vastgestelde_scan(zws, zws.tid["oost"], date(2025, 10, 1)))
    kader = json.loads(data)["catalogus"]
    cat = zs.catalogus(zws, kader["id"], kader["versie"])
    imp = lees_uitwisselbestand(data, {cat.sleutel: cat})
    lijst = {"GM0479": "Zaanstad"}
    kwargs = dict(landelijke_naam=lijst.get, opgeheven=lambda c: None,
                  zelfde_gemeente=lambda c, n: n.casefold() == lijst.get(c, "").casefold())
    ok = controleer_import(imp.scan, werkruimte={"GM0479": "Zaanstad"}, vandaag=date.today(), **kwargs)
    assert ok.weigeringen == () and ok.vragen == () and ok.gemeentenamen == {"GM0479": "Zaanstad"}
    te_vroeg = controleer_import(imp.scan, werkruimte={"GM0479": "Zaanstad"}, vandaag=date(2025, 9, 30), **kwargs)
    assert any("ligt in de toekomst" in w for w in te_vroeg.weigeringen)
    niet_bediend = controleer_import(imp.scan, werkruimte={}, vandaag=date.today(), **kwargs)
    assert len(niet_bediend.weigeringen) == 1 and not niet_bediend.gemeentenamen
