"""Datalab: aggregated meldcode figures with small-number suppression."""
from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from ghnt_desktop.domain import datalab as dl

VAN, TOT = date(2026, 1, 1), date(2026, 12, 31)


def dossier(dagen: int | None, *, uitkomst="hulp", vormen=("kindermishandeling",), gemeente="GM0479",
            start=date(2026, 3, 1)) -> dict:
    return {
        "gemeente_code": gemeente,
        "vormen": list(vormen),
        "uitkomst": uitkomst if dagen is not None else None,
        "datum_stap1": start,
        "datum_besluit": start + timedelta(days=dagen) if dagen is not None else None,
    }


def bereken(dossiers, **kw):
    return dl.bereken_datalab(dossiers, gemeente_code="GM0479", van=VAN, tot=TOT, **kw)


@pytest.mark.parametrize(
    ("n", "getoond"),
    [(0, "0"), (1, "<5"), (2, "<5"), (3, "<5"), (4, "<5"), (5, "5"), (6, "6"), (123, "123")],
)
def test_toon_aantal(n, getoond):
    assert dl.toon_aantal(n) == getoond


@pytest.mark.parametrize("fout", [-1, 2.0, True, "3", None])
def test_toon_aantal_rejects_non_counts(fout):
    with pytest.raises(ValueError):
        dl.toon_aantal(fout)


def test_median_odd_number_of_dossiers():
    # days 3, 10, 1, 7, 20 -> sorted 1 3 7 10 20 -> median 7
    uit = bereken([dossier(d) for d in (3, 10, 1, 7, 20)])
    assert uit.mediaan_dagen_tot_besluit == "7"
    assert uit.met_besluit == "5"


def test_median_even_number_of_dossiers_uses_decimal_comma():
    # days 1 2 3 4 5 8 -> (3 + 4) / 2 = 3.5
    uit = bereken([dossier(d) for d in (8, 1, 5, 2, 4, 3)])
    assert uit.mediaan_dagen_tot_besluit == "3,5"
    # 2 4 6 8 10 12 -> (6 + 8) / 2 = 7 -> shown without decimals
    assert bereken([dossier(d) for d in (2, 4, 6, 8, 10, 12)]).mediaan_dagen_tot_besluit == "7"


def test_median_hidden_below_five_decisions():
    # 4 decided + 3 open: 7 dossiers, but only 4 decisions
    uit = bereken([dossier(d) for d in (1, 2, 3, 4)] + [dossier(None)] * 3)
    assert uit.totaal == "7"
    assert uit.met_besluit == "<5"
    assert uit.mediaan_dagen_tot_besluit == dl.TE_WEINIG_VOOR_MEDIAAN


def test_decision_before_stap1_is_left_out_of_the_median():
    # five decisions, one dated before stap 1 -> only 4 valid durations -> no median
    uit = bereken([dossier(d) for d in (1, 2, 3, 4, -2)])
    assert uit.met_besluit == "5"
    assert uit.mediaan_dagen_tot_besluit == dl.TE_WEINIG_VOOR_MEDIAAN


def test_counts_per_uitkomst_are_suppressed_and_in_fixed_order():
    dossiers = [dossier(5, uitkomst="afgesloten")] * 5 + [dossier(5, uitkomst="hulp"), dossier(None)]
    uit = bereken(dossiers)
    assert uit.totaal == "7"
    assert uit.per_uitkomst == (("afgesloten", "5"), ("hulp", "<5"), ("melding", "0"), ("open", "<5"))


def test_counts_per_vorm_count_each_dossier_once_per_vorm():
    dossiers = (
        [dossier(3, vormen=("kindermishandeling", "partnergeweld"))] * 5
        + [dossier(3, vormen=("ouderenmishandeling", "ouderenmishandeling"))]  # same vorm twice
    )
    uit = bereken(dossiers)
    assert uit.per_vorm == (("kindermishandeling", "5"), ("ouderenmishandeling", "<5"), ("partnergeweld", "5"))
    catalogus = ["partnergeweld", "eergerelateerd geweld", "kindermishandeling"]
    uit = bereken(dossiers, vormen=catalogus)
    assert uit.per_vorm == (("partnergeweld", "5"), ("eergerelateerd geweld", "0"), ("kindermishandeling", "5"))


def test_only_the_gemeente_and_period_count():
    binnen = [dossier(2, start=VAN), dossier(2, start=TOT)]  # boundaries are inclusive
    buiten = [
        dossier(2, start=VAN - timedelta(days=1)),
        dossier(2, start=TOT + timedelta(days=1)),
        dossier(2, gemeente="GM0439"),
    ]
    uit = bereken(binnen + buiten)
    assert uit.totaal == "<5"
    assert bereken(buiten[:2]).totaal == "0"
    assert dl.bereken_datalab(buiten, gemeente_code="GM0439", van=VAN, tot=TOT).totaal == "<5"


def test_empty_input():
    uit = bereken([])
    assert uit.totaal == "0" and uit.met_besluit == "0" and uit.per_vorm == ()
    assert uit.per_uitkomst == tuple((u, "0") for u in dl.UITKOMSTEN)
    assert uit.mediaan_dagen_tot_besluit == dl.TE_WEINIG_VOOR_MEDIAAN


def test_output_holds_only_aggregated_strings():
    uit = bereken([dossier(d) for d in range(1, 9)])
    velden = {f.name for f in dataclasses.fields(uit)}
    assert velden == {
        "gemeente_code", "van", "tot", "totaal", "per_vorm", "per_uitkomst", "met_besluit",
        "mediaan_dagen_tot_besluit",
    }
    assert isinstance(uit.totaal, str) and isinstance(uit.met_besluit, str)
    for _, waarde in uit.per_vorm + uit.per_uitkomst:
        assert isinstance(waarde, str)


def test_bad_input_is_rejected():
    with pytest.raises(ValueError):
        bereken([{**dossier(1), "uitkomst": "onbekend"}])
    with pytest.raises(ValueError):
        bereken([{**dossier(1), "datum_stap1": "2026-01-01"}])
    with pytest.raises(ValueError):
        dl.bereken_datalab([], gemeente_code="GM0479", van=TOT, tot=VAN)
