"""Fuzzing: whatever bytes come in, the readers only ever raise ValidationError with a Dutch message."""
from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ghnt_desktop.domain.zelfscan import Antwoord, Deelnemer, DeelnemerRol, Gemeente, ScanStatus, TeamType, Zelfscan
from ghnt_desktop.domain.zelfscan_catalogus import Catalogus, catalogus_naar_json, parse_catalogus
from ghnt_desktop.domain.zelfscan_uitwisseling import (
    KOP_BESCHADIGD,
    ImportScan,
    controle_waarde,
    lees_uitwisselbestand,
    maak_uitwisselbestand,
)
from ghnt_desktop.errors import ValidationError

INSTELLINGEN = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KADER_BYTES = (Path(__file__).resolve().parents[2] / "resources" / "kwaliteitskader" / "werkversie-2019.json").read_bytes()
KADER = parse_catalogus(KADER_BYTES)
KADER_JSON = json.loads(KADER_BYTES)
BEKEND = {KADER.sleutel: KADER}

# A small catalogue (first 3 standards, their themes) for exhaustive truncation tests.
_klein = copy.deepcopy(KADER_JSON)
_klein["standaarden"] = _klein["standaarden"][:3]
_klein["themas"] = [t for t in _klein["themas"] if t["id"] in {s["thema"] for s in _klein["standaarden"]}]
KLEIN = parse_catalogus(json.dumps(_klein).encode())
KLEIN_BYTES = catalogus_naar_json(KLEIN)


def _scan(catalogus: Catalogus) -> Zelfscan:
    codes = [o.code for o in catalogus.antwoordschaal.opties]
    return Zelfscan(
        catalogus_id=catalogus.id, catalogus_versie=catalogus.versie, team_naam="Sociaal team West",
        team_type=TeamType.SOCIAAL_TEAM, gemeenten=(Gemeente("GM0546", "Leiden"),), peildatum=date(2024, 9, 1),
        status=ScanStatus.VASTGESTELD, vastgesteld_op=date(2024, 10, 1),
        deelnemers=(Deelnemer(DeelnemerRol.PROFESSIONAL, "P. Jansen"),),
        antwoorden=tuple(Antwoord(s.id, codes[i % len(codes)], toelichting="Uitleg\nmet regels",
                                  verbeterpunt=i % 2 == 0)
                         for i, s in enumerate(catalogus.standaarden)),
    )


SCAN_BYTES = maak_uitwisselbestand(_scan(KADER), KADER, namen_opnemen=True)
SCAN_JSON = json.loads(SCAN_BYTES)
KLEINE_SCAN_BYTES = maak_uitwisselbestand(_scan(KLEIN), KLEIN)
KLEIN_BEKEND = {KLEIN.sleutel: KLEIN}


def _nederlandse_fout(e: ValidationError) -> None:
    tekst = str(e)
    assert isinstance(e.message, str) and e.message.strip()
    assert isinstance(e.details, list) and all(isinstance(d, str) and d for d in e.details)
    for engels in ("Traceback", "Expecting", "Error", "line ", "column ", "char "):
        assert engels not in tekst, tekst
    tekst.encode("utf-8")  # printable: no lone surrogates in messages


def _lees_catalogus(data):
    try:
        c = parse_catalogus(data)
    except ValidationError as e:
        _nederlandse_fout(e)
        return None
    assert isinstance(c, Catalogus)
    assert parse_catalogus(catalogus_naar_json(c)) == c
    return c


def _lees_scan(data, bekend=BEKEND):
    try:
        imp = lees_uitwisselbestand(data, bekend)
    except ValidationError as e:
        _nederlandse_fout(e)
        return None
    assert isinstance(imp, ImportScan)
    return imp


json_waarden = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda kind: st.lists(kind, max_size=4) | st.dictionaries(st.text(max_size=8), kind, max_size=4),
    max_leaves=12,
)

grote_waarden = st.sampled_from([
    "x" * 100_000,
    "é" * 5000,
    10**200,
    -(10**50),
    1e308,
    list(range(5000)),
    {f"k{i}": i for i in range(2000)},
    [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
    "\u0000\u0007",
    "\ud800",
])


def _paden(obj, pad=()):
    yield pad
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paden(v, pad + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paden(v, pad + (i,))


def _vervang(obj, pad, waarde):
    if not pad:
        return waarde
    kopie = copy.deepcopy(obj)
    doel = kopie
    for stap in pad[:-1]:
        doel = doel[stap]
    doel[pad[-1]] = waarde
    return kopie


def _verwijder(obj, pad):
    kopie = copy.deepcopy(obj)
    doel = kopie
    for stap in pad[:-1]:
        doel = doel[stap]
    del doel[pad[-1]]
    return kopie


KADER_PADEN = list(_paden(KADER_JSON))
SCAN_PADEN = [p for p in _paden(SCAN_JSON) if p != ("controle",)]


def _dump(d) -> bytes:
    return json.dumps(d, ensure_ascii=False).encode("utf-8", "surrogatepass")


def _herteken(d) -> bytes:
    if isinstance(d, dict):
        d = dict(d)
        try:
            d["controle"] = controle_waarde(d)
        except (ValueError, TypeError):
            pass
    return _dump(d)


# --- catalogue ---------------------------------------------------------------------------------


@INSTELLINGEN
@given(st.binary(max_size=2000))
def test_catalogus_willekeurige_bytes(data):
    _lees_catalogus(data)


@INSTELLINGEN
@given(st.text(max_size=500))
def test_catalogus_willekeurige_tekst(tekst):
    _lees_catalogus(tekst)


def test_catalogus_elke_afkapping():
    # The file ends in "}\n": cutting off anything before the last newline breaks it.
    for n in range(len(KLEIN_BYTES) - 1):
        with pytest.raises(ValidationError) as info:
            parse_catalogus(KLEIN_BYTES[:n])
        _nederlandse_fout(info.value)


@INSTELLINGEN
@given(st.data())
def test_catalogus_willekeurige_afkapping(data):
    n = data.draw(st.integers(0, len(KADER_BYTES) - 2))
    with pytest.raises(ValidationError) as info:
        parse_catalogus(KADER_BYTES[:n])
    _nederlandse_fout(info.value)


@INSTELLINGEN
@given(st.sampled_from(KADER_PADEN), json_waarden)
def test_catalogus_type_vervangen(pad, waarde):
    _lees_catalogus(_dump(_vervang(KADER_JSON, pad, waarde)))


@INSTELLINGEN
@given(st.sampled_from(KADER_PADEN), grote_waarden)
def test_catalogus_enorme_waarden(pad, waarde):
    assert _lees_catalogus(_dump(_vervang(KADER_JSON, pad, waarde))) is None


@INSTELLINGEN
@given(st.sampled_from([p for p in KADER_PADEN if p]))
def test_catalogus_veld_weg(pad):
    d = _verwijder(KADER_JSON, pad)
    c = _lees_catalogus(_dump(d))
    # Removing a key or a needed list item must fail; removing one question or standard may be fine.
    if isinstance(pad[-1], str):
        assert c is None


@INSTELLINGEN
@given(st.lists(st.tuples(st.sampled_from(KADER_PADEN), json_waarden), min_size=2, max_size=6))
def test_catalogus_meerdere_vervangingen(wijzigingen):
    d = KADER_JSON
    for pad, waarde in wijzigingen:
        try:
            d = _vervang(d, pad, waarde)
        except (KeyError, IndexError, TypeError):
            pass
    _lees_catalogus(_dump(d))


# --- exchange file -------------------------------------------------------------------------------


@INSTELLINGEN
@given(st.binary(max_size=2000))
def test_scan_willekeurige_bytes(data):
    assert _lees_scan(data) is None


def test_scan_elke_afkapping():
    assert _lees_scan(KLEINE_SCAN_BYTES, KLEIN_BEKEND) is not None
    for n in range(len(KLEINE_SCAN_BYTES) - 1):
        with pytest.raises(ValidationError) as info:
            lees_uitwisselbestand(KLEINE_SCAN_BYTES[:n], KLEIN_BEKEND)
        _nederlandse_fout(info.value)


@INSTELLINGEN
@given(st.data())
def test_scan_willekeurige_afkapping(data):
    n = data.draw(st.integers(0, len(SCAN_BYTES) - 2))
    assert _lees_scan(SCAN_BYTES[:n]) is None


@INSTELLINGEN
@given(st.sampled_from(SCAN_PADEN), json_waarden)
def test_scan_vervangen_zonder_nieuwe_controle_is_beschadigd(pad, waarde):
    d = _vervang(SCAN_JSON, pad, waarde)
    if isinstance(d, dict):
        try:
            assume(controle_waarde(d) != SCAN_JSON["controle"])
        except ValueError:  # e.g. infinity: the file will not even parse
            pass
    with pytest.raises(ValidationError) as info:
        lees_uitwisselbestand(_dump(d), BEKEND)
    _nederlandse_fout(info.value)


@INSTELLINGEN
@given(st.sampled_from(SCAN_PADEN), json_waarden)
def test_scan_type_vervangen_met_nieuwe_controle(pad, waarde):
    _lees_scan(_herteken(_vervang(SCAN_JSON, pad, waarde)))


@INSTELLINGEN
@given(st.sampled_from(SCAN_PADEN), grote_waarden)
def test_scan_enorme_waarden(pad, waarde):
    assert _lees_scan(_herteken(_vervang(SCAN_JSON, pad, waarde))) is None


@INSTELLINGEN
@given(st.sampled_from([p for p in SCAN_PADEN if p and isinstance(p[-1], str)]))
def test_scan_veld_weg(pad):
    assert _lees_scan(_herteken(_verwijder(SCAN_JSON, pad))) is None


@INSTELLINGEN
@given(st.text(alphabet="0123456789abcdef", min_size=64, max_size=64))
def test_scan_verkeerde_controle(controle):
    assume(controle != SCAN_JSON["controle"])
    d = dict(SCAN_JSON, controle=controle)
    with pytest.raises(ValidationError) as info:
        lees_uitwisselbestand(_dump(d), BEKEND)
    assert info.value.message == KOP_BESCHADIGD
    _nederlandse_fout(info.value)


@INSTELLINGEN
@given(st.data())
def test_scan_bitflip(data):
    i = data.draw(st.integers(0, len(SCAN_BYTES) - 1))
    bit = data.draw(st.integers(0, 7))
    kapot = bytearray(SCAN_BYTES)
    kapot[i] ^= 1 << bit
    imp = _lees_scan(bytes(kapot))
    if imp is not None:
        # Only harmless changes survive (e.g. whitespace); the content is then identical.
        assert imp.scan == lees_uitwisselbestand(SCAN_BYTES, BEKEND).scan


def test_scan_bestand_blijft_leesbaar():
    imp = _lees_scan(SCAN_BYTES)
    assert imp is not None and imp.scan == _scan(KADER)
