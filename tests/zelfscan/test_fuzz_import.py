"""Fuzzing the two imports at service level: whatever comes in, no crash, a Dutch message, and no partial state.

Each example takes a snapshot of *every* row of *every* table (audit included) and of the backup folder before
the import. A refused import must leave both exactly as they were. An accepted import (a mutation that happens
to be valid) must store exactly what the file says.
"""
from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ghnt_desktop.domain.zelfscan_uitwisseling import MAX_BESTAND_BYTES, controle_waarde, lees_uitwisselbestand
from ghnt_desktop.errors import ValidationError
from ghnt_desktop.services import zelfscan as zs
from tests.zelfscan.conftest import WERKVERSIE_BYTES, herziene_catalogus, momentopname, vastgestelde_scan

INSTELLINGEN = settings(max_examples=120, deadline=None,
                        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

_SCALAIR = (
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30)
    | st.sampled_from(["", " ", "V", "NVT", "LT-01", "GM-99", "GM0479", "GM04790", "2024-02-30", "2024-03-01",
                       "vastgesteld", "wijkteam", "hoog", "a\x00b", "\ud800", "x" * 5000, "\u202e", "0" * 64])
)
WAARDEN = st.recursive(
    _SCALAIR,
    lambda kind: st.lists(kind, max_size=4) | st.dictionaries(st.text(max_size=12), kind, max_size=4),
    max_leaves=8,
) | st.just(list(range(2000))) | st.just({"x" * 100: [None] * 600})


def _paden(obj: Any, pad: tuple = ()) -> list[tuple]:
    uit = [pad]
    if isinstance(obj, dict):
        for k, v in obj.items():
            uit += _paden(v, pad + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            uit += _paden(v, pad + (i,))
    return uit


def _vervang(obj: Any, pad: tuple, waarde: Any, *, weghalen: bool = False) -> Any:
    if not pad:
        return waarde
    kopie = json.loads(json.dumps(obj))
    ouder = kopie
    for stap in pad[:-1]:
        ouder = ouder[stap]
    if weghalen:
        del ouder[pad[-1]]
    else:
        ouder[pad[-1]] = waarde
    return kopie


def _nederlands(e: ValidationError) -> None:
    tekst = str(e)
    assert e.message.strip() and all(isinstance(d, str) and d.strip() for d in e.details)
    for engels in ("Traceback", "Expecting", "Error", "line ", "column "):
        assert engels not in tekst, tekst
    tekst.encode("utf-8")


def _backups(ws) -> list[str]:
    from ghnt_desktop.services import backup

    return sorted(str(p) for d in backup.search_folders(ws) if d.exists() for p in d.rglob("*"))


def _probeer(ws, functie, data: bytes):
    """Run an import; on refusal assert a Dutch message and no change at all. Returns the result or None."""
    voor, backups_voor = momentopname(ws), _backups(ws)
    try:
        return functie(ws, data)
    except ValidationError as e:
        _nederlands(e)
        assert momentopname(ws) == voor
        assert _backups(ws) == backups_voor
        return None


# ---------------------------------------------------------------------------
# Scan files
# ---------------------------------------------------------------------------


@pytest.fixture
def bron(zws, tweede_werkruimte):
    """(target workspace, exported file bytes, file as JSON)."""
    sid = vastgestelde_scan(zws, zws.tid["oost"], date(2024, 3, 1), {"LT-02": "N", "GM-03": "O", "GM-04": "NVT"})
    data = zs.exporteer(zws, sid, namen_opnemen=True)
    zs.catalogi(tweede_werkruimte)
    return tweede_werkruimte, data, json.loads(data)


def _controleer_opgeslagen(ws, scan_id: int, data: bytes) -> None:
    """An accepted import stores exactly what the file says."""
    bekend = {(c.id, c.versie): zs.catalogus(ws, c.id, c.versie) for c in zs.catalogi(ws)}
    verwacht = lees_uitwisselbestand(data, bekend).scan
    scan, _ = zs.laad_scan(ws, scan_id)
    assert scan.antwoorden == verwacht.antwoorden
    assert scan.deelnemers == verwacht.deelnemers
    assert (scan.peildatum, scan.versie, scan.vastgesteld_op) == (verwacht.peildatum, verwacht.versie,
                                                                   verwacht.vastgesteld_op)
    assert {g.cbs_code for g in scan.gemeenten} == {g.cbs_code for g in verwacht.gemeenten}
    assert zs.scan_info(ws, scan_id).geimporteerd


@INSTELLINGEN
@given(st.data())
def test_scan_file_truncated_or_damaged_is_refused(bron, data):
    ws, bestand, inhoud = bron
    soort = data.draw(st.sampled_from(["afkappen", "byte", "invoegen", "weghalen"]))
    if soort == "afkappen":
        kapot = bestand[: data.draw(st.integers(0, len(bestand) - 1))]
    elif soort == "byte":
        i = data.draw(st.integers(0, len(bestand) - 1))
        kapot = bestand[:i] + bytes([data.draw(st.integers(0, 255))]) + bestand[i + 1:]
    elif soort == "invoegen":
        i = data.draw(st.integers(0, len(bestand)))
        kapot = bestand[:i] + data.draw(st.binary(min_size=1, max_size=20)) + bestand[i:]
    else:
        i = data.draw(st.integers(0, len(bestand) - 1))
        kapot = bestand[:i] + bestand[i + data.draw(st.integers(1, 50)):]
    resultaat = _probeer(ws, zs.importeer, kapot)
    if resultaat is not None:
        # Only possible when the content did not really change (e.g. other whitespace).
        assert json.loads(kapot) == inhoud
        _controleer_opgeslagen(ws, resultaat, kapot)


@INSTELLINGEN
@given(st.data())
def test_scan_file_with_wrong_values_behind_a_valid_checksum(bron, data):
    """Wrong types, huge values, missing fields: the checksum is recomputed so deeper checks must catch them."""
    ws, _, inhoud = bron
    zonder_controle = {k: v for k, v in inhoud.items() if k != "controle"}
    pad = data.draw(st.sampled_from(_paden(zonder_controle)))
    weghalen = bool(pad) and data.draw(st.booleans())
    gewijzigd = _vervang(zonder_controle, pad, None if weghalen else data.draw(WAARDEN), weghalen=weghalen)
    if isinstance(gewijzigd, dict):
        gewijzigd = dict(gewijzigd)
        try:
            gewijzigd["controle"] = controle_waarde(gewijzigd)
        except ValueError:  # e.g. a float that JSON cannot hold
            return
    bestand = json.dumps(gewijzigd).encode("ascii")  # ensure_ascii: lone surrogates stay escaped
    resultaat = _probeer(ws, zs.importeer, bestand)
    if resultaat is not None:
        _controleer_opgeslagen(ws, resultaat, bestand)


@INSTELLINGEN
@given(st.one_of(st.binary(max_size=300), WAARDEN.map(lambda w: json.dumps(w).encode())))
def test_scan_import_random_input(bron, bestand):
    ws, _, _ = bron
    assert _probeer(ws, zs.importeer, bestand) is None


def test_scan_file_too_large_is_refused(bron):
    ws, bestand, _ = bron
    groot = bestand[:-2] + b" " * (MAX_BESTAND_BYTES + 10) + b"}\n"
    assert _probeer(ws, zs.importeer, groot) is None


def test_wrong_checksum_is_refused(bron):
    ws, _, inhoud = bron
    d = dict(inhoud)
    d["controle"] = "0" * 64
    with pytest.raises(ValidationError, match="beschadigd"):
        zs.importeer(ws, json.dumps(d).encode())
    d["controle"] = "XYZ"
    assert _probeer(ws, zs.importeer, json.dumps(d).encode()) is None


# ---------------------------------------------------------------------------
# Catalogue files
# ---------------------------------------------------------------------------


@pytest.fixture
def beheer(zws):
    zs.catalogi(zws)
    return zws


@INSTELLINGEN
@given(st.data())
def test_catalogue_with_wrong_values(beheer, data):
    basis = json.loads(herziene_catalogus(versie="fuzz"))
    pad = data.draw(st.sampled_from([p for p in _paden(basis) if p != ("versie",)]))
    weghalen = bool(pad) and data.draw(st.booleans())
    gewijzigd = _vervang(basis, pad, None if weghalen else data.draw(WAARDEN), weghalen=weghalen)
    if isinstance(gewijzigd, dict):
        gewijzigd["versie"] = f"fuzz-{data.draw(st.integers(0, 10**9))}"  # a new version each time
    try:
        bestand = json.dumps(gewijzigd).encode("ascii")
    except ValueError:
        return
    info = _probeer(beheer, zs.importeer_catalogus, bestand)
    if info is not None:
        assert zs.catalogus(beheer, info.id, info.versie).fingerprint == info.fingerprint


@INSTELLINGEN
@given(st.data())
def test_catalogue_truncated_or_damaged(beheer, data):
    bestand = herziene_catalogus(versie="beschadigd")
    if data.draw(st.booleans()):
        kapot = bestand[: data.draw(st.integers(0, len(bestand) - 1))]
    else:
        i = data.draw(st.integers(0, len(bestand) - 1))
        kapot = bestand[:i] + bytes([data.draw(st.integers(0, 255))]) + bestand[i + 1:]
    _probeer(beheer, zs.importeer_catalogus, kapot)


@INSTELLINGEN
@given(st.one_of(st.binary(max_size=300), WAARDEN.map(lambda w: json.dumps(w).encode())))
def test_catalogue_random_input(beheer, bestand):
    assert _probeer(beheer, zs.importeer_catalogus, bestand) is None


def test_catalogue_too_large_and_werkversie_twice(beheer):
    assert _probeer(beheer, zs.importeer_catalogus, WERKVERSIE_BYTES + b" " * (2 * 1024 * 1024)) is None
    assert _probeer(beheer, zs.importeer_catalogus, WERKVERSIE_BYTES) is None
