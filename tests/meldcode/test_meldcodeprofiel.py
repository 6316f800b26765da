"""The organisation's meldcode profile: settings, own contacts, the eindverantwoordelijke and its narrow access.

Built from create_workspace + teams + accounts (not the demo): a beheerder, two teams, a professional and an
aandachtsfunctionaris in team Oost, a teamleider (manager) of Oost, a teamleider of West, a professional in West.
"""
from __future__ import annotations

import pytest

from ghnt_desktop.domain import meldcode as dm
from ghnt_desktop.domain.roles import Rol
from ghnt_desktop.errors import PermissionDenied, UserError, ValidationError
from ghnt_desktop.services import meldcode as mc
from ghnt_desktop.services import meldcodeprofiel as mp
from ghnt_desktop.services import settings
from tests.conftest import PASSPHRASE
from tests.meldcode.helpers import nieuw_dossier

WZ = "appel peer druif banaan 77"


class Org:
    """One data dir, logging in as whoever a test needs (one workspace open at a time)."""

    def __init__(self, data_dir) -> None:
        from ghnt_desktop.services import accounts, teams
        from ghnt_desktop.services.setup import create_workspace

        self.data_dir = data_dir
        ws = create_workspace(data_dir, organisatie="Wijkteams Test", gemeenten=[("GM0479", "Zaanstad"),
                                                                                 ("GM0439", "Purmerend")],
                              login="beheer", naam="Bea Beheer", passphrase=PASSPHRASE)
        self.ws = ws
        self.oost = teams.maak_team(ws, "Wijkteam Oost", "wijkteam", ["GM0479"])
        self.west = teams.maak_team(ws, "Wijkteam West", "wijkteam", ["GM0439"])
        self.ids = {}
        for login, naam, rollen, team in (
                ("pro", "Pim Prof", {Rol.PROFESSIONAL}, self.oost),
                ("af", "Anna AF", {Rol.AANDACHTSFUNCTIONARIS}, self.oost),
                ("tl", "Tom Teamleider", {Rol.MANAGER}, self.oost),
                ("tlwest", "Wim Teamleider", {Rol.MANAGER}, self.west),
                ("prowest", "Wendy Prof", {Rol.PROFESSIONAL}, self.west)):
            self.ids[login] = accounts.maak_account(ws, login=login, naam=naam, passphrase=WZ,
                                                    rollen=frozenset(rollen), team_ids=frozenset({team}))

    def als(self, login: str):
        from ghnt_desktop.services.login import login as do_login

        self.ws.close()
        self.ws = do_login(self.data_dir, login, PASSPHRASE if login == "beheer" else WZ)
        return self.ws


@pytest.fixture
def org(data_dir):
    o = Org(data_dir)
    yield o
    o.ws.close()


def _zet_ev(org, soort: str, accounts=()) -> None:
    ws = org.als("beheer")
    mp.bewaar_profiel(ws, nummering=mp.nummering(ws), eindverantwoordelijke=mp.Eindverantwoordelijke(soort, tuple(accounts)),
                      eigen_meldcode=mp.eigen_meldcode(ws))


def _naar_besluit(ws, ref: str, gemeente: str = "GM0479") -> tuple[int, int]:
    """A dossier at stap 5 with a decision of its owner. Returns (dossier id, besluit id)."""
    did = nieuw_dossier(ws, ref, gemeente_code=gemeente)
    mc.zet_stap(ws, did, 5)
    besluit = mc.voeg_toe(ws, did, dm.Besluit(melden=True, hulp=True, meldnorm=1, motivatie="Acuut onveilig."))
    return did, besluit


def _audit(ws, n: int = 1):
    return [tuple(r) for r in ws.db.conn.execute(
        "SELECT actie, object_type, object_id, resultaat FROM audit ORDER BY id DESC LIMIT ?", [n])]


# --------------------------------------------------------------------------- settings

def test_profile_defaults_and_round_trip(org):
    ws = org.ws
    assert not mp.is_ingesteld(ws)
    p = mp.profiel(ws)
    assert p.nummering == "stap4_en_5" and mp.afwegingen_stap_4(ws) == (1, 2)
    assert p.eindverantwoordelijke == mp.Eindverantwoordelijke("aandachtsfunctionaris")
    assert p.eigen_meldcode.leeg
    mp.bewaar_profiel(ws, nummering="alles_in_stap5",
                      eindverantwoordelijke=mp.Eindverantwoordelijke("accounts", (org.ids["af"], org.ids["tl"])),
                      eigen_meldcode=mp.EigenMeldcode("https://intranet.example/meldcode.pdf", "Onze afspraken."))
    assert mp.is_ingesteld(ws)
    ws = org.als("pro")  # reading is open to everyone, and survives closing the workspace
    p = mp.profiel(ws)
    assert p.nummering == "alles_in_stap5" and mp.afwegingen_stap_4(ws) == () and mp.afwegingen_stap_5(ws) == (1, 2, 3, 4, 5)
    assert p.eindverantwoordelijke.accounts == (org.ids["af"], org.ids["tl"])
    assert p.eigen_meldcode == mp.EigenMeldcode("https://intranet.example/meldcode.pdf", "Onze afspraken.")
    assert mp.is_ingesteld(ws)


def test_only_a_beheerder_changes_the_profile_and_problems_are_listed(org):
    ws = org.ws
    with pytest.raises(ValidationError) as exc:
        mp.bewaar_profiel(ws, nummering="stap7", eindverantwoordelijke=mp.Eindverantwoordelijke("accounts", ()),
                          eigen_meldcode=mp.EigenMeldcode("x" * 3000))
    assert len(exc.value.details) == 3
    assert not mp.is_ingesteld(ws) and settings.is_standaard(ws, "meldcode_nummering")
    with pytest.raises(ValidationError, match="niet opgeslagen"):
        mp.bewaar_profiel(ws, nummering="stap4_en_5", eindverantwoordelijke=mp.Eindverantwoordelijke("accounts", ("nope",)),
                          eigen_meldcode=mp.EigenMeldcode())
    for login in ("af", "tl", "pro"):
        ws = org.als(login)
        with pytest.raises(PermissionDenied):
            mp.bewaar_profiel(ws, nummering="alles_in_stap5", eindverantwoordelijke=mp.Eindverantwoordelijke("teamleider"),
                              eigen_meldcode=mp.EigenMeldcode())
        assert _audit(ws)[0][3] == "geweigerd"
        with pytest.raises(PermissionDenied):
            mp.wijzig_contact(ws, "veilig_thuis", telefoon="075-1234567")
    assert mp.nummering(ws) == "stap4_en_5"


def test_teams_without_teamleider_are_named(org):
    from ghnt_desktop.services import teams

    teams.maak_team(org.ws, "Sociaal team Noord", "sociaal_team" if "sociaal_team" in teams.TEAM_TYPES else "wijkteam",
                    ["GM0479"])
    assert mp.teams_zonder_teamleider(org.ws) == ["Sociaal team Noord"]


# --------------------------------------------------------------------------- contacts

def test_contacts_show_national_defaults_until_overridden_and_keep_every_version(org):
    ws = org.ws
    vt = mp.contact(ws, "veilig_thuis")
    assert (vt.herkomst, vt.telefoon, vt.versie) == ("landelijk", "0800-2000", 0)
    assert mp.contact(ws, "centrum_seksueel_geweld").telefoon == "0800-0188"
    assert mp.telefoon_van(ws, "veilig_thuis", "0800-2000") == ("0800-2000", False)

    mp.wijzig_contact(ws, "veilig_thuis", telefoon="075-123 45 67", bereikbaar="Werkdagen 9-17 uur",
                      wanneer="Advieslijn voor professionals in onze regio.")
    assert _audit(ws)[0] == ("meldcode_contact_wijzigen", "meldcode_contact", "veilig_thuis", "eigen_waarde")
    mp.wijzig_contact(ws, "veilig_thuis", telefoon="075-765 43 21", bereikbaar="Werkdagen", wanneer="Advies.")
    vt = mp.contact(ws, "veilig_thuis")
    assert (vt.herkomst, vt.telefoon, vt.versie, vt.gewijzigd_door) == ("eigen", "075-765 43 21", 2, "Bea Beheer")
    assert vt.landelijk.telefoon == "0800-2000"  # the national default stays visible next to it
    assert mp.telefoon_van(ws, "veilig_thuis", "0800-2000") == ("075-765 43 21", True)

    mp.herstel_landelijk(ws, "veilig_thuis")
    vt = mp.contact(ws, "veilig_thuis")
    assert (vt.herkomst, vt.telefoon, vt.versie) == ("landelijk", "0800-2000", 3)
    hist = mp.contact_geschiedenis(ws, "veilig_thuis")
    assert [(h.versie, h.telefoon, h.terug_naar_landelijk, h.door) for h in hist] == [
        (1, "075-123 45 67", False, "Bea Beheer"), (2, "075-765 43 21", False, "Bea Beheer"),
        (3, None, True, "Bea Beheer")]
    with pytest.raises(UserError, match="al de landelijke"):
        mp.herstel_landelijk(ws, "veilig_thuis")


def test_contact_additions_validation_and_112_is_fixed(org):
    ws = org.ws
    with pytest.raises(UserError, match="112"):
        mp.wijzig_contact(ws, "alarm_112", telefoon="113")
    with pytest.raises(ValidationError) as exc:
        mp.voeg_contact_toe(ws, naam="", telefoon="bel me")
    assert any(d.startswith("naam:") for d in exc.value.details)
    assert any(d.startswith("telefoon:") for d in exc.value.details)
    cid = mp.voeg_contact_toe(ws, naam="Expert ouderenmishandeling regio", telefoon="075-111 22 33",
                              bereikbaar="Dinsdag en donderdag", wanneer="Bij vragen over ouderenmishandeling.")
    assert mp.contacten(ws)[-1].id == cid and mp.contact(ws, cid).herkomst == "aanvulling"
    with pytest.raises(UserError):
        mp.verwijder_contact(ws, "leck")
    mp.verwijder_contact(ws, cid)
    assert cid not in {c.id for c in mp.contacten(ws)}
    assert len(mp.contact_geschiedenis(ws, cid)) == 2


def test_veilig_thuis_region_of_the_workspace(org):
    regios = mp.veilig_thuis_regios(org.ws)
    assert [(r.naam, namen) for r, namen in regios] == [("Veilig Thuis Zaanstreek-Waterland", ("Purmerend", "Zaanstad"))]
    assert regios[0][0].telefoon == "0800-2000"


# --------------------------------------------------------------------------- eindverantwoordelijke

def test_default_aandachtsfunctionaris_signs_as_eindverantwoordelijke(org):
    ws = org.als("pro")
    did, besluit = _naar_besluit(ws, "OOST-1")
    assert not mc.mag_ondertekenen(ws, did)
    with pytest.raises(PermissionDenied):
        mc.medeonderteken(ws, did, besluit)
    assert [n for _, n in mc.eindverantwoordelijken(ws, did)] == ["Anna AF"]
    ws = org.als("af")
    assert [t.id for t in mc.te_ondertekenen(ws)] == [did]
    assert mc.mag_ondertekenen(ws, did)
    mc.medeonderteken(ws, did, besluit)
    assert mc.medeondertekeningen(ws, did)[0].eindverantwoordelijke
    assert mc.te_ondertekenen(ws) == []


def test_teamleider_sees_exactly_the_dossiers_awaiting_its_decision_and_signs(org):
    _zet_ev(org, "teamleider")
    ws = org.als("pro")
    wacht, besluit = _naar_besluit(ws, "OOST-WACHT")
    stap2 = nieuw_dossier(ws, "OOST-STAP2")
    mc.zet_stap(ws, stap2, 2)
    zonder_besluit = nieuw_dossier(ws, "OOST-STAP5-ZONDER")
    mc.zet_stap(ws, zonder_besluit, 5)
    ws = org.als("prowest")
    west, west_besluit = _naar_besluit(ws, "WEST-WACHT", gemeente="GM0439")

    ws = org.als("tl")
    # no general list, no normal open: a teamleider still has no case-content role
    with pytest.raises(PermissionDenied):
        mc.lijst(ws, mc.DossierFilter())
    with pytest.raises(PermissionDenied):
        mc.laad(ws, wacht)
    rijen = mc.te_ondertekenen(ws)
    assert {r.id for r in rijen} == {wacht, zonder_besluit}
    assert {r.heeft_besluit for r in rijen if r.id == wacht} == {True}
    # every open of a dossier awaiting its decision is audited, every refusal too
    for _ in range(2):
        d = mc.laad_voor_besluit(ws, wacht)
        assert d.id == wacht and d.laatste_besluit().id == besluit
        assert _audit(ws)[0] == ("dossier_bekijken", "dossier", str(wacht), "eindverantwoordelijke")
    for niet in (stap2, west):
        with pytest.raises(PermissionDenied):
            mc.laad_voor_besluit(ws, niet)
        assert _audit(ws)[0][0].startswith("geweigerd:") and _audit(ws)[0][3] == "geweigerd"
    # read-only: nothing else, also not on the dossier it decides on
    for fn in (mc.geschiedenis, mc.concepten, mc.dossier_info):
        with pytest.raises(PermissionDenied):
            fn(ws, wacht)
    with pytest.raises(PermissionDenied):
        mc.voeg_toe(ws, wacht, dm.Signaal(omschrijving="x"))
    with pytest.raises(PermissionDenied):
        mc.medeonderteken(ws, west, west_besluit)
    assert mc.mag_ondertekenen(ws, wacht) and not mc.mag_ondertekenen(ws, west)
    assert [n for _, n in mc.eindverantwoordelijken(ws, wacht)] == ["Tom Teamleider"]

    mc.medeonderteken(ws, wacht, besluit)
    assert _audit(ws)[0] == ("dossier_wijzigen", "dossier", str(wacht), "ondertekend_eindverantwoordelijke")
    # signed: the access ends
    assert {r.id for r in mc.te_ondertekenen(ws)} == {zonder_besluit}
    with pytest.raises(PermissionDenied):
        mc.laad_voor_besluit(ws, wacht)

    ws = org.als("tlwest")
    assert {r.id for r in mc.te_ondertekenen(ws)} == {west}
    with pytest.raises(PermissionDenied):
        mc.laad_voor_besluit(ws, zonder_besluit)
    # an aandachtsfunctionaris may still co-sign, but not as the eindverantwoordelijke
    ws = org.als("af")
    assert not mc.mag_ondertekenen(ws, wacht)
    mc.medeonderteken(ws, wacht, besluit)
    tekens = mc.medeondertekeningen(ws, wacht)
    assert [(t.account_naam, t.eindverantwoordelijke) for t in tekens] == [("Tom Teamleider", True), ("Anna AF", False)]
    # a corrected decision awaits a new signature: the teamleider gets access again
    ws = org.als("pro")
    nieuw = mc.corrigeer(ws, wacht, besluit, dm.Besluit(melden=True, hulp=False, meldnorm=1, motivatie="Anders."))
    ws = org.als("tl")
    assert wacht in {r.id for r in mc.te_ondertekenen(ws)}
    with pytest.raises(UserError, match="al aangepast"):
        mc.medeonderteken(ws, wacht, besluit)  # the old version
    mc.medeonderteken(ws, wacht, nieuw)


def test_named_accounts_decide_for_every_team(org):
    _zet_ev(org, "accounts", [org.ids["tlwest"]])
    ws = org.als("pro")
    oost, besluit = _naar_besluit(ws, "OOST-9")
    ws = org.als("tl")  # a teamleider that is not named has no access
    assert mc.te_ondertekenen(ws) == []
    with pytest.raises(PermissionDenied):
        mc.laad_voor_besluit(ws, oost)
    ws = org.als("tlwest")
    assert [r.id for r in mc.te_ondertekenen(ws)] == [oost]
    assert mc.laad_voor_besluit(ws, oost).client_referentie == "OOST-9"
    mc.medeonderteken(ws, oost, besluit)
    ws = org.als("af")  # the default eindverantwoordelijke is no longer one
    assert not mc.mag_ondertekenen(ws, oost)


def test_beheerder_never_gets_decision_access(org):
    _zet_ev(org, "teamleider")
    ws = org.als("pro")
    did, _ = _naar_besluit(ws, "OOST-3")
    ws = org.als("beheer")
    assert mc.te_ondertekenen(ws) == []
    with pytest.raises(PermissionDenied):
        mc.laad_voor_besluit(ws, did)
