"""The afwegingskader state machine: a full table of valid sequences, every error class,
and hypothesis properties (consistent state; random invalid input -> ValueError only)."""
from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Mapping
from types import MappingProxyType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ghnt_desktop.domain.afwegingskader import Uitkomst, beslis

J, N = True, False

# (answers, melden, hulp, afsluiten, volgende, meldnorm, samen_met_veilig_thuis)
GELDIGE_REEKSEN = [
    ({}, False, False, False, 1, None, False),
    ({1: N}, False, False, True, None, None, False),
    ({1: J}, False, False, False, 2, None, False),
    ({1: J, 2: J}, True, False, False, 3, 1, True),
    ({1: J, 2: N}, False, False, False, 3, None, False),
    ({1: J, 2: J, 3: N}, True, False, False, None, 1, True),
    ({1: J, 2: N, 3: N}, True, False, False, None, 2, False),
    ({1: J, 2: J, 3: J}, True, False, False, 4, 1, True),
    ({1: J, 2: N, 3: J}, False, False, False, 4, None, False),
    ({1: J, 2: J, 3: J, 4: N}, True, False, False, None, 1, True),
    ({1: J, 2: N, 3: J, 4: N}, True, False, False, None, 2, False),
    ({1: J, 2: J, 3: J, 4: J}, True, True, False, 5, 1, True),
    ({1: J, 2: N, 3: J, 4: J}, False, True, False, 5, None, False),
    ({1: J, 2: J, 3: J, 4: J, 5: N}, True, False, False, None, 3, True),
    ({1: J, 2: N, 3: J, 4: J, 5: N}, True, False, False, None, 3, False),
    ({1: J, 2: J, 3: J, 4: J, 5: J}, True, False, True, None, 1, True),
    ({1: J, 2: N, 3: J, 4: J, 5: J}, False, False, True, None, None, False),
]


def _ids(rij) -> str:
    return "".join(f"{k}{'j' if v else 'n'}" for k, v in rij[0].items()) or "leeg"


@pytest.mark.parametrize("rij", GELDIGE_REEKSEN, ids=_ids)
def test_elke_geldige_reeks(rij):
    antwoorden, melden, hulp, afsluiten, volgende, meldnorm, samen = rij
    u = beslis(antwoorden)
    assert isinstance(u, Uitkomst)
    assert (u.melden, u.hulp, u.afsluiten, u.volgende, u.meldnorm, u.samen_met_veilig_thuis) == (
        melden,
        hulp,
        afsluiten,
        volgende,
        meldnorm,
        samen,
    )
    assert u.beeindigd is (volgende is None)
    assert u.uitleg.strip()
    if meldnorm is not None:
        assert f"meldnorm {meldnorm}" in u.uitleg


def test_tabel_dekt_alle_geldige_reeksen():
    """Brute force over all 2^n answer tuples: the table above lists exactly the valid ones."""
    import itertools

    geldig = set()
    for n in range(6):
        for combo in itertools.product([True, False], repeat=n):
            try:
                beslis(dict(enumerate(combo, start=1)))
            except ValueError:
                continue
            geldig.add(combo)
    verwacht = {tuple(r[0][k] for k in sorted(r[0])) for r in GELDIGE_REEKSEN}
    assert geldig == verwacht
    assert len(geldig) == 17


FOUTEN = [
    # gaps
    ({2: J}, "volgorde"),
    ({1: J, 3: J}, "volgorde"),
    ({1: J, 2: J, 4: J}, "volgorde"),
    ({5: N}, "volgorde"),
    # answers after the flow has ended
    ({1: N, 2: J}, "al klaar"),
    ({1: J, 2: N, 3: N, 4: J}, "al klaar"),
    ({1: J, 2: J, 3: J, 4: N, 5: J}, "al klaar"),
    # keys outside 1-5
    ({0: J}, "bestaat"),
    ({1: J, 6: J}, "bestaat"),
    ({-1: J}, "bestaat"),
    # non-int keys, bools as keys
    ({"1": J}, "bestaat"),
    ({1.0: J}, "bestaat"),
    ({None: J}, "bestaat"),
    ({True: J}, "bestaat"),
    ({False: N}, "bestaat"),
    # non-boolean answers
    ({1: 1}, "ja of nee"),
    ({1: 0}, "ja of nee"),
    ({1: None}, "ja of nee"),
    ({1: "ja"}, "ja of nee"),
    ({1: J, 2: 1.0}, "ja of nee"),
]


@pytest.mark.parametrize("antwoorden, fragment", FOUTEN, ids=[repr(f[0]) for f in FOUTEN])
def test_ongeldige_antwoorden_geven_valueerror_in_het_nederlands(antwoorden, fragment):
    with pytest.raises(ValueError) as info:
        beslis(antwoorden)
    assert type(info.value) is ValueError
    assert fragment in str(info.value)


@pytest.mark.parametrize("geen_mapping", [None, [True], "1", 1, {(1, True)}])
def test_geen_mapping_geeft_valueerror(geen_mapping):
    with pytest.raises(ValueError):
        beslis(geen_mapping)


class _EigenMapping(Mapping):
    def __init__(self, data):
        self._data = dict(data)

    def __getitem__(self, key):
        return self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self):
        return len(self._data)


@pytest.mark.parametrize(
    "maak",
    [MappingProxyType, _EigenMapping, lambda d: OrderedDict(reversed(list(d.items())))],
    ids=["proxy", "eigen", "omgekeerd"],
)
def test_elke_mapping_wordt_geaccepteerd(maak):
    u = beslis(maak({1: J, 2: N, 3: J, 4: J}))
    assert u.hulp and u.volgende == 5 and not u.melden


def test_uitkomst_is_bevroren():
    u = beslis({1: J})
    with pytest.raises(dataclasses.FrozenInstanceError):
        u.melden = True  # type: ignore[misc]


def test_beslis_wijzigt_invoer_niet():
    antwoorden = {1: J, 2: J}
    beslis(antwoorden)
    assert antwoorden == {1: J, 2: J}


# ---------------------------------------------------------------- hypothesis


def _eindigt(nummer: int, antwoord: bool) -> bool:
    return (nummer in (1, 3, 4) and not antwoord) or nummer == 5


@st.composite
def geldige_reeksen(draw) -> dict[int, bool]:
    antwoorden: dict[int, bool] = {}
    gewenst = draw(st.integers(min_value=0, max_value=5))
    for nummer in range(1, gewenst + 1):
        a = draw(st.booleans())
        antwoorden[nummer] = a
        if _eindigt(nummer, a):
            break
    return antwoorden


def _is_geldig(m: Mapping) -> bool:
    """Independent oracle for validity."""
    if any(type(k) is not int or not 1 <= k <= 5 for k in m):
        return False
    if any(type(v) is not bool for v in m.values()):
        return False
    if set(m) != set(range(1, len(m) + 1)):
        return False
    return not any(_eindigt(i, m[i]) for i in range(1, len(m)))


@settings(max_examples=300, deadline=None)
@given(geldige_reeksen())
def test_eigenschap_precies_een_consistente_toestand(antwoorden):
    u = beslis(antwoorden)
    assert u == beslis(dict(antwoorden))  # deterministic
    assert not (u.hulp and u.afsluiten)
    assert u.beeindigd == (u.volgende is None)
    assert (u.meldnorm is not None) == u.melden
    assert u.meldnorm in (None, 1, 2, 3)
    assert u.samen_met_veilig_thuis == (antwoorden.get(2) is True)
    if not u.beeindigd:
        assert u.volgende == len(antwoorden) + 1
        assert not u.afsluiten
    if u.afsluiten:
        assert u.beeindigd
    if u.hulp:
        assert u.volgende == 5
    if antwoorden.get(2) is True and u.meldnorm != 3:
        assert u.melden and u.meldnorm == 1
    # extending the answers never withdraws a decision to meld
    for n in range(len(antwoorden)):
        prefix = {k: antwoorden[k] for k in range(1, n + 1)}
        if beslis(prefix).melden:
            assert u.melden


_sleutels = st.one_of(
    st.integers(min_value=-2, max_value=8),
    st.booleans(),
    st.text(max_size=2),
    st.floats(allow_nan=False),
    st.none(),
)
_waarden = st.one_of(st.booleans(), st.integers(), st.none(), st.text(max_size=3), st.floats())


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_sleutels, _waarden, max_size=7))
def test_eigenschap_willekeurige_invoer_geeft_uitkomst_of_valueerror(antwoorden):
    if _is_geldig(antwoorden):
        assert isinstance(beslis(antwoorden), Uitkomst)
    else:
        with pytest.raises(ValueError):
            beslis(antwoorden)


@st.composite
def kapotte_reeksen(draw) -> dict:
    basis = draw(geldige_reeksen())
    soort = draw(st.sampled_from(["gat", "na_einde", "waarde", "sleutel"]))
    kapot: dict = dict(basis)
    if soort == "gat":
        if len(basis) < 2:
            kapot = {draw(st.integers(2, 5)): draw(st.booleans())}
        else:
            del kapot[draw(st.integers(1, len(basis) - 1))]
    elif soort == "na_einde":
        if not basis or not _eindigt(max(basis), basis[max(basis)]):
            basis = {1: False}
            kapot = dict(basis)
        volgende = max(basis) + 1
        kapot[volgende] = draw(st.booleans())
    elif soort == "waarde":
        nummer = draw(st.integers(1, max(1, len(basis))))
        kapot[nummer] = draw(st.one_of(st.integers(0, 1), st.none(), st.just("ja"), st.just("nee")))
    else:
        sleutel = draw(st.one_of(st.integers(6, 100), st.integers(-100, 0), st.booleans(), st.just("2")))
        if isinstance(sleutel, bool):
            kapot.pop(int(sleutel), None)  # True == 1: drop the int key so the bool key stays
        kapot[sleutel] = True
    return kapot


@settings(max_examples=300, deadline=None)
@given(kapotte_reeksen())
def test_eigenschap_kapotte_reeksen_geven_valueerror(antwoorden):
    assert not _is_geldig(antwoorden)
    with pytest.raises(ValueError):
        beslis(antwoorden)
