"""Meldcode dossiers: the use cases behind the meldcode screens, the CLI and the demo.

Contract: ``docs/contracts/meldcode-service.md`` (names and signatures are fixed). Additions beyond
the contract: ``Tijdlijnregel.ingetrokken/ronde/label``, ``RECORD_SOORT_LABELS``, ``DossierNietGevonden``,
``trek_in``, ``laad_versie``, ``dossier_info``, ``medeondertekeningen``, ``voeg_medewerker_toe``,
``verwijder_medewerker``, ``beschrijf``, ``vaste_klok`` (demo/tests) and ``verwijder_dossier_definitief``
(retention only).

Every function takes the open :class:`Workspace` first and

* checks the role (``services.authz.vereis``; managers and beheerders never see case content)
  and the dossier scope (``domain.roles.mag_dossier_zien``): a professional sees the dossiers
  they own, are the aandachtsfunctionaris of, or were added to; an aandachtsfunctionaris also
  every dossier of their teams;
* writes its audit entry in the same transaction as the change (content-free: action, dossier id).

History, not overwrite: a record is never changed in place. :func:`corrigeer` adds a new version
and marks the old one ``vervangen``; :func:`geschiedenis` shows every version with author and time.

Autosave (:func:`bewaar_concept`) writes one row in its own transaction, committed before it
returns (WAL, ``synchronous=FULL``), without an audit entry per keystroke.

Nothing here logs, and no exception message contains case content (client references, names,
free text): messages mention dossier numbers at most.
"""
from __future__ import annotations

import contextlib
import dataclasses
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Callable

from ghnt_desktop.domain import meldcode as dm
from ghnt_desktop.domain.datalab import DossierSamenvatting
from ghnt_desktop.domain.roles import (Actie, DossierScope, Rol, besluit_scope, dossier_scope, mag, mag_besluit_zien,
                                       mag_dossier_zien)
from ghnt_desktop.errors import PermissionDenied, UserError, ValidationError
from ghnt_desktop.services.authz import vereis
from ghnt_desktop.storage import meldcode_repo as repo
from ghnt_desktop.storage import retention_repo
from ghnt_desktop.storage.workspace import Workspace

__all__ = [
    "DossierFilter", "DossierRij", "Tijdlijnregel", "DossierInfo", "Medeondertekening", "DossierNietGevonden",
    "RECORD_SOORT_LABELS",
    "aantal", "lijst", "maak", "laad", "voeg_toe", "corrigeer", "trek_in", "wijzig_kop", "zet_stap", "sluit",
    "heropen", "medeonderteken", "medeondertekeningen", "geschiedenis", "laad_versie", "aandachtspunten",
    "bewaar_concept", "concepten", "wis_concept", "datalab_samenvattingen", "dossier_info",
    "voeg_medewerker_toe", "verwijder_medewerker", "kandidaten", "mag_overdragen", "draag_over",
    "vaste_klok",
    "verwijder_dossier_definitief",
    "aandachtsfunctionarissen", "collegas",
    "TeOndertekenen", "te_ondertekenen", "laad_voor_besluit", "mag_ondertekenen", "eindverantwoordelijken",
]

RECORD_TYPE = "meldcode_dossier"  # retention record type

MAX_REFERENTIE = 64
MAX_SLEUTEL = 200
MAX_CONCEPT_BYTES = 1_000_000

GEEN_ROL = ("Met je rol kun je geen meldcode-dossiers openen. Dossiers zijn alleen voor professionals "
            "en aandachtsfunctionarissen.")
BUITEN_SCOPE = ("Je mag dit dossier niet openen. Het is niet van jou, je bent er niet aan toegevoegd "
                "en het hoort niet bij een team waarvan je aandachtsfunctionaris bent.")


BUITEN_BESLUIT = ("Je mag dit dossier niet openen. Als eindverantwoordelijke zie je alleen dossiers van je team "
                  "die wachten op jouw besluit in stap 5.")


class DossierNietGevonden(UserError):
    """The dossier id does not exist (any more)."""


# --------------------------------------------------------------------------- types

@dataclass(frozen=True)
class DossierFilter:
    status: dm.DossierStatus | None = None
    stap: int | None = None
    gemeente_code: str | None = None
    vorm: dm.GeweldsVorm | None = None
    zoek: str = ""  # prefix/substring search on client_referentie only


@dataclass(frozen=True)
class DossierRij:
    """One row of the list; no case content beyond the reference."""

    id: int
    client_referentie: str
    gemeente_code: str
    status: dm.DossierStatus
    huidige_stap: int
    vormen: frozenset[dm.GeweldsVorm]
    eigenaar_naam: str
    laatste_activiteit: datetime


#: Dutch labels for ``Tijdlijnregel.soort``.
RECORD_SOORT_LABELS: dict[str, str] = {
    "kop": "Dossier",
    "betrokkene": "Betrokkene",
    "signaal": "Signaal",
    "kindcheck": "Kindcheck",
    "consultatie": "Overleg",
    "gesprek": "Gesprek",
    "gesprek_niet_gevoerd": "Gesprek niet gevoerd",
    "afweging": "Afweging",
    "besluit": "Besluit",
    "melding": "Melding bij Veilig Thuis",
    "hulp": "Hulp",
    "terugkoppeling": "Terugkoppeling van Veilig Thuis",
    "overdracht": "Overdracht van Veilig Thuis",
    "acuut": "Acuut gevaar",
    "stap": "Stap",
    "afsluiting": "Afgesloten",
    "heropening": "Heropend",
    "medeondertekening": "Medeondertekening",
    "medewerker": "Collega",
}


@dataclass(frozen=True)
class Tijdlijnregel:
    """One version of one thing recorded in the dossier (``record_id`` is the row of that version)."""

    tijdstip: datetime
    auteur_naam: str
    soort: str  # stable code, see RECORD_SOORT_LABELS
    omschrijving: str  # Dutch summary of the content of this version
    record_id: int | None
    versie: int
    vervangen: bool
    ingetrokken: bool = False  # addition: this version withdraws the record
    ronde: int = 1  # addition

    @property
    def label(self) -> str:
        return RECORD_SOORT_LABELS.get(self.soort, self.soort)


@dataclass(frozen=True)
class DossierInfo:
    """The ids behind a dossier's header (the ``Dossier`` itself carries names)."""

    id: int
    eigenaar_id: str
    eigenaar_naam: str
    aandachtsfunctionaris_id: str | None
    aandachtsfunctionaris_naam: str
    team_id: int | None
    team_naam: str
    medewerkers: tuple[tuple[str, str], ...]  # (account id, naam)
    ronde: int
    status: dm.DossierStatus


@dataclass(frozen=True)
class Medeondertekening:
    besluit_id: int  # the version that was signed
    account_naam: str
    tijdstip: datetime
    geldt_voor_huidige_versie: bool
    eindverantwoordelijke: bool = False  # addition: signed as the eindverantwoordelijke of the meldcode profile


@dataclass(frozen=True)
class TeOndertekenen:
    """A dossier that awaits the eindverantwoordelijke's decision (no case content beyond the reference)."""

    id: int
    client_referentie: str
    team_naam: str
    ronde: int
    heeft_besluit: bool


# --------------------------------------------------------------------------- clock

_KLOK: Callable[[], datetime] | None = None


def _nu() -> datetime:
    return _KLOK() if _KLOK is not None else datetime.now(timezone.utc)


def _vandaag() -> date:
    return _nu().astimezone().date()


@contextlib.contextmanager
def vaste_klok(moment: datetime) -> Iterator[None]:
    """Record everything inside the block as happening at ``moment`` (demo data and tests only)."""
    global _KLOK
    vorige = _KLOK
    vast = moment if moment.tzinfo else moment.astimezone()
    _KLOK = lambda: vast  # noqa: E731
    try:
        yield
    finally:
        _KLOK = vorige


# --------------------------------------------------------------------------- authorization

def _vereis_rol(ws: Workspace, object_id: int | None = None) -> None:
    try:
        vereis(ws, Actie.DOSSIER_EIGEN, object_type="dossier", object_id=object_id)
    except PermissionDenied:
        raise PermissionDenied(GEEN_ROL) from None


def aandachtsfunctionarissen(ws: Workspace) -> list[tuple[str, str]]:
    """The active aandachtsfunctionarissen of the caller's teams, to pick for a dossier."""
    _vereis_rol(ws)
    return repo.teamgenoten(ws.db, ws.session.team_ids, ("aandachtsfunctionaris",))


def collegas(ws: Workspace) -> list[tuple[str, str]]:
    """Professionals and AFs of the caller's teams: who can own a new dossier.

    Only an aandachtsfunctionaris may make a dossier for a colleague (see :func:`maak`).
    """
    _vereis_rol(ws)
    vereis(ws, Actie.DOSSIER_TEAM, object_type="dossier")
    return repo.teamgenoten(ws.db, ws.session.team_ids, ("professional", "aandachtsfunctionaris"))


def _scope(ws: Workspace) -> repo.Scope:
    s = dossier_scope(ws.session.account_id, ws.session.rollen, ws.session.team_ids)
    return repo.Scope(s.account_id, s.eigen, tuple(sorted(s.team_ids)) if s.team else ())


def _mag_zien(ws: Workspace, row: repo.DossierRow) -> bool:
    scope = dossier_scope(ws.session.account_id, ws.session.rollen, ws.session.team_ids)
    betrokken = set(repo.medewerkers(ws.db, row.id))
    if row.aandachtsfunctionaris_id:
        betrokken.add(row.aandachtsfunctionaris_id)
    return mag_dossier_zien(scope, eigenaar_id=row.eigenaar_id, betrokken_ids=frozenset(betrokken),
                            team_id=row.team_id)


def _dossier(ws: Workspace, dossier_id: int, actie: str = "dossier_bekijken") -> repo.DossierRow:
    """The dossier row, after the role and scope checks (a refusal is audited)."""
    if isinstance(dossier_id, bool) or not isinstance(dossier_id, int):
        raise DossierNietGevonden("Dit dossier bestaat niet.")
    _vereis_rol(ws, dossier_id)
    row = repo.dossier(ws.db, dossier_id)
    if row is None:
        raise DossierNietGevonden(f"Dossier {dossier_id} bestaat niet (meer).")
    if not _mag_zien(ws, row):
        ws.audit(f"geweigerd:{actie}", "dossier", dossier_id, resultaat="geweigerd")
        raise PermissionDenied(BUITEN_SCOPE)
    return row


def _eigen_teams(ws: Workspace) -> frozenset[int]:
    """The caller's teams as stored now (not as at login)."""
    return frozenset(r[0] for r in ws.db.conn.execute(
        "SELECT team_id FROM account_team WHERE account_id = ?", [ws.session.account_id]))


def _besluit_scope(ws: Workspace) -> DossierScope:
    from ghnt_desktop.services import meldcodeprofiel

    ev = meldcodeprofiel.eindverantwoordelijke(ws)
    teams, alle = besluit_scope(ev.soort, account_id=ws.session.account_id, rollen=ws.session.rollen,
                                team_ids=_eigen_teams(ws), benoemd=frozenset(ev.accounts))
    return dossier_scope(ws.session.account_id, ws.session.rollen, ws.session.team_ids, besluit_teams=teams,
                         besluit_alle=alle)


def _dossier_of_besluit(ws: Workspace, dossier_id: int, actie: str = "dossier_bekijken"
                        ) -> tuple[repo.DossierRow, bool]:
    """(row, only through the decision access). The normal scope first; else the eindverantwoordelijke's narrow
    access to a dossier that awaits the decision. Every refusal is audited."""
    if isinstance(dossier_id, bool) or not isinstance(dossier_id, int):
        raise DossierNietGevonden("Dit dossier bestaat niet.")
    scope = _besluit_scope(ws)
    if mag(ws.session.rollen, Actie.DOSSIER_EIGEN):
        if not scope.beslist:
            return _dossier(ws, dossier_id, actie), False
        row = repo.dossier(ws.db, dossier_id)
        if row is not None and _mag_zien(ws, row):
            return row, False
    elif not scope.beslist:
        _vereis_rol(ws, dossier_id)
    row = repo.dossier(ws.db, dossier_id)
    if row is None:
        raise DossierNietGevonden(f"Dossier {dossier_id} bestaat niet (meer).")
    if not mag_besluit_zien(scope, team_id=row.team_id, wacht_op_besluit=repo.wacht_op_besluit(ws.db, row.id)):
        ws.audit(f"geweigerd:{actie}", "dossier", dossier_id, resultaat="geweigerd")
        raise PermissionDenied(BUITEN_BESLUIT)
    return row, True


def _is_eindverantwoordelijke(ws: Workspace, row: repo.DossierRow) -> bool:
    from ghnt_desktop.services import meldcodeprofiel

    ev = meldcodeprofiel.eindverantwoordelijke(ws)
    if ev.soort == "teamleider":
        return Rol.MANAGER in ws.session.rollen and row.team_id is not None and row.team_id in _eigen_teams(ws)
    if ev.soort == "accounts":
        return ws.session.account_id in ev.accounts
    return mag(ws.session.rollen, Actie.BESLUIT_MEDEONDERTEKENEN) and _mag_zien(ws, row)


def mag_ondertekenen(ws: Workspace, dossier_id: int) -> bool:
    """Whether the caller signs this dossier's decision as the eindverantwoordelijke (meldcode profile)."""
    try:
        row, _ = _dossier_of_besluit(ws, dossier_id)
    except (PermissionDenied, DossierNietGevonden):
        return False
    return _is_eindverantwoordelijke(ws, row)


def eindverantwoordelijken(ws: Workspace, dossier_id: int) -> list[tuple[str, str]]:
    """(account id, naam) of who signs this dossier's decision according to the meldcode profile."""
    from ghnt_desktop.services import meldcodeprofiel

    row, _ = _dossier_of_besluit(ws, dossier_id)
    ev = meldcodeprofiel.eindverantwoordelijke(ws)
    if ev.soort == "teamleider":
        return repo.managers_van_team(ws.db, row.team_id)
    if ev.soort == "accounts":
        namen = repo.account_namen(ws.db, ev.accounts)
        actief = {r[0] for r in ws.db.conn.execute("SELECT id FROM account WHERE actief = 1")}
        return [(a, namen[a]) for a in ev.accounts if a in namen and a in actief]
    uit = dict(repo.teamgenoten(ws.db, {row.team_id} if row.team_id is not None else set(), ("aandachtsfunctionaris",)))
    if row.aandachtsfunctionaris_id:
        uit.update(repo.account_namen(ws.db, [row.aandachtsfunctionaris_id]))
    return sorted(uit.items(), key=lambda x: x[1])


def te_ondertekenen(ws: Workspace) -> list[TeOndertekenen]:
    """The dossiers that await the caller's decision as eindverantwoordelijke: for a teamleider those of its own
    teams, for a named account those of every team, for an aandachtsfunctionaris those of its teams. Only dossiers
    at stap 5 whose latest decision of this round is not yet signed by an eindverantwoordelijke."""
    from ghnt_desktop.services import meldcodeprofiel

    scope = _besluit_scope(ws)
    if scope.beslist:
        rows = repo.wachtend_op_besluit(ws.db, None if scope.besluit_alle else scope.besluit_teams)
    elif (meldcodeprofiel.eindverantwoordelijke(ws).soort == "aandachtsfunctionaris"
          and mag(ws.session.rollen, Actie.BESLUIT_MEDEONDERTEKENEN)):
        rows = [r for r in repo.wachtend_op_besluit(ws.db, None) if _mag_zien(ws, r)]
    else:
        return []
    teams = dict(ws.db.conn.execute("SELECT id, naam FROM team"))
    uit = []
    for r in rows:
        besluit = bool(repo.huidige_records(ws.db, r.id, ["besluit"]))
        uit.append(TeOndertekenen(r.id, r.client_referentie, teams.get(r.team_id, ""), r.ronde, besluit))
    return uit


def laad_voor_besluit(ws: Workspace, dossier_id: int) -> dm.Dossier:
    """The dossier for the one who decides: read-only, audited on every open (``dossier_bekijken``, result
    ``eindverantwoordelijke`` when this is the caller's only access). No drafts, no history, no export."""
    row, via_besluit = _dossier_of_besluit(ws, dossier_id)
    with ws.db.atomic():
        dossier = _bouw_dossier(ws, row)
        ws.audit("dossier_bekijken", "dossier", row.id, resultaat="eindverantwoordelijke" if via_besluit else "ok")
    return dossier


def _wijzigbaar(ws: Workspace, dossier_id: int, soort: str | None = None) -> repo.DossierRow:
    row = _dossier(ws, dossier_id, "dossier_wijzigen")
    if row.status == dm.DossierStatus.AFGESLOTEN and soort not in ("terugkoppeling", "overdracht"):
        raise UserError("Dit dossier is afgesloten. Heropen het dossier als je er iets aan wilt toevoegen "
                        "of veranderen. Een terugkoppeling of overdracht van Veilig Thuis kun je altijd vastleggen.")
    return row


def _account(ws: Workspace, account_id: str) -> tuple[str, frozenset[Rol], bool] | None:
    row = ws.db.conn.execute("SELECT naam, actief FROM account WHERE id = ?", [account_id]).fetchone()
    if row is None:
        return None
    rollen = frozenset(Rol(r[0]) for r in ws.db.conn.execute(
        "SELECT rol FROM account_rol WHERE account_id = ?", [account_id]))
    return row[0], rollen, bool(row[1])


# --------------------------------------------------------------------------- retention hooks

def verwijder_dossier_definitief(ws: Workspace, dossier_id: int | str) -> None:
    """Destroy a dossier with all its records and drafts. Only for ``services.retention`` (its deleter for
    ``meldcode_dossier``), which checks the two confirmations and writes the single content-free
    ``vernietigd`` audit entry; it runs in that transaction (no authorization, no audit of its own)."""
    repo.verwijder_dossier_definitief(ws.db, int(dossier_id))


# --------------------------------------------------------------------------- helpers

def _tijdstip() -> str:
    return repo.nu_iso(_nu())


def _raak_aan(ws: Workspace, dossier_id: int, tijdstip: str) -> None:
    repo.wijzig_dossier(ws.db, dossier_id, laatste_activiteit=tijdstip)


def _gebeurtenis(ws: Workspace, row: repo.DossierRow, soort: str, data: dict[str, Any], tijdstip: str, *,
                 ronde: int | None = None, vorige: repo.RecordRow | None = None) -> int:
    return repo.voeg_record_toe(ws.db, dossier_id=row.id, soort=soort, data=data, auteur_id=ws.session.account_id,
                                tijdstip=tijdstip, ronde=ronde or row.ronde, vorige=vorige)


def _controleer_gemeente(ws: Workspace, code: str, problemen: list[str]) -> None:
    if not isinstance(code, str) or not ws.db.conn.execute(
            "SELECT 1 FROM werkruimte_gemeente WHERE cbs_code = ?", [code]).fetchone():
        problemen.append("gemeente_code: kies een gemeente van deze werkruimte.")


def _vormen(vormen: Any, problemen: list[str]) -> frozenset[dm.GeweldsVorm]:
    uit: set[dm.GeweldsVorm] = set()
    for v in vormen or ():
        try:
            uit.add(dm.GeweldsVorm(v))
        except ValueError:
            problemen.append("vormen: een van de vormen van geweld is onbekend.")
    return frozenset(uit)


def _record_vullen(ws: Workspace, record: Any, soort: str, ronde: int) -> Any:
    """Fill what the service knows: the round, the author, the moment of recording."""
    velden = {f.name for f in dataclasses.fields(record)}
    wijzig: dict[str, Any] = {"id": None} if "id" in velden else {}
    if soort in repo.MET_RONDE:
        wijzig["ronde"] = ronde
    if "auteur" in velden and not str(getattr(record, "auteur") or "").strip():
        wijzig["auteur"] = ws.session.naam
    if "tijdstip" in velden and getattr(record, "tijdstip") is None:
        wijzig["tijdstip"] = _nu().astimezone()
    if soort == "signaal" and record.datum_vastgelegd is None:
        wijzig["datum_vastgelegd"] = _vandaag()
    return dataclasses.replace(record, **wijzig) if wijzig else record


def _soort_van(record: Any) -> str:
    soort = repo.SOORT_VAN_TYPE.get(type(record))
    if soort is None:
        raise ValidationError("Dit soort gegeven hoort niet in een meldcode-dossier.",
                              details=[f"type: {type(record).__name__} wordt niet ondersteund."])
    return soort


def _huidige_van(ws: Workspace, dossier_id: int, soort: str) -> list[repo.RecordRow]:
    return repo.huidige_records(ws.db, dossier_id, [soort])


def _te_vervangen(ws: Workspace, row: repo.DossierRow, soort: str, record: Any) -> repo.RecordRow | None:
    """Records that exist once (per round): adding one again is a correction of the current one."""
    if soort in ("kindcheck", "gesprek_niet_gevoerd"):
        bestaand = _huidige_van(ws, row.id, soort)
        return bestaand[-1] if bestaand else None
    if soort == "afweging":
        for r in reversed(_huidige_van(ws, row.id, soort)):
            if r.ronde == row.ronde and r.gegevens().get("nummer") == record.nummer:
                return r
    return None


# --------------------------------------------------------------------------- list

def _filter_kwargs(filt: DossierFilter) -> dict[str, Any]:
    stap = filt.stap
    if stap is not None and (isinstance(stap, bool) or stap not in dm.STAPPEN):
        raise ValidationError("Kies stap 1, 2, 3, 4 of 5.")
    return {
        "status": None if filt.status is None else dm.DossierStatus(filt.status).value,
        "stap": stap,
        "gemeente_code": filt.gemeente_code or None,
        "vorm": None if filt.vorm is None else dm.GeweldsVorm(filt.vorm).value,
        "zoek": (filt.zoek or "").strip()[:MAX_REFERENTIE],
    }


def aantal(ws: Workspace, filt: DossierFilter) -> int:
    """How many dossiers in the caller's scope match ``filt``."""
    _vereis_rol(ws)
    return repo.tel(ws.db, _scope(ws), **_filter_kwargs(filt))


def lijst(ws: Workspace, filt: DossierFilter, *, offset: int = 0, limit: int = 100) -> list[DossierRij]:
    """One page of the list, ordered by laatste_activiteit desc, id desc."""
    _vereis_rol(ws)
    if offset < 0 or limit < 0:
        raise ValueError("offset and limit must be >= 0")
    rows = repo.lijst(ws.db, _scope(ws), offset=offset, limit=min(limit, 10_000), **_filter_kwargs(filt))
    return [DossierRij(r[0], r[1], r[2], dm.DossierStatus(r[3]), r[4],
                       frozenset(dm.GeweldsVorm(v) for v in r[7]), r[5], repo.moment_uit(r[6])) for r in rows]


# --------------------------------------------------------------------------- create / load

def maak(ws: Workspace, *, client_referentie: str, gemeente_code: str, vormen: set[dm.GeweldsVorm],
         betrokkenen: list[dm.Betrokkene], eigenaar_id: str | None = None,
         aandachtsfunctionaris_id: str | None = None, team_id: int | None = None,
         concept_sleutel: str | None = None) -> int:
    """A new dossier at stap 1. Returns its id. ``team_id`` defaults to the caller's team for the gemeente.

    ``concept_sleutel``: the draft of the new-dossier form (dossier ``None``), removed in the same transaction."""
    _vereis_rol(ws)
    vereis(ws, Actie.DOSSIER_MAKEN, object_type="dossier")
    problemen: list[str] = []
    ref = client_referentie.strip() if isinstance(client_referentie, str) else ""
    if not ref:
        problemen.append("client_referentie: vul een cliëntreferentie in, bijvoorbeeld het registratienummer.")
    elif len(ref) > MAX_REFERENTIE:
        problemen.append(f"client_referentie: gebruik hoogstens {MAX_REFERENTIE} tekens.")
    _controleer_gemeente(ws, gemeente_code, problemen)
    vorm_set = _vormen(vormen, problemen)
    betrokkenen = list(betrokkenen or [])
    if not all(isinstance(b, dm.Betrokkene) for b in betrokkenen):
        problemen.append("betrokkenen: alleen betrokkenen (rol en aanduiding) passen hier.")
    me = ws.session.account_id
    eigenaar = eigenaar_id or me
    if eigenaar != me:
        if not mag(ws.session.rollen, Actie.DOSSIER_TEAM):
            problemen.append("eigenaar_id: alleen een aandachtsfunctionaris kan een dossier voor een collega maken.")
        else:
            acc = _account(ws, eigenaar)
            if acc is None or not acc[2] or not (acc[1] & {Rol.PROFESSIONAL, Rol.AANDACHTSFUNCTIONARIS}):
                problemen.append("eigenaar_id: kies een actieve professional of aandachtsfunctionaris.")
    if aandachtsfunctionaris_id:
        acc = _account(ws, aandachtsfunctionaris_id)
        if acc is None or not acc[2] or Rol.AANDACHTSFUNCTIONARIS not in acc[1]:
            problemen.append("aandachtsfunctionaris_id: kies een actieve aandachtsfunctionaris.")
    eigen_teams = ws.session.team_ids
    if team_id is not None:
        if team_id not in eigen_teams:
            problemen.append("team_id: kies een van je eigen teams.")
    elif eigen_teams and isinstance(gemeente_code, str):
        passend = sorted(t for (t,) in ws.db.conn.execute(
            f"SELECT team_id FROM team_gemeente WHERE cbs_code = ? AND team_id IN ({','.join('?' * len(eigen_teams))})",
            [gemeente_code, *eigen_teams]))
        team_id = passend[0] if passend else min(eigen_teams)
    if problemen:
        raise ValidationError("Het dossier is niet gemaakt.", details=problemen)

    tijdstip = _tijdstip()
    with ws.db.atomic():
        dossier_id = repo.maak_dossier(ws.db, client_referentie=ref, gemeente_code=gemeente_code, team_id=team_id,
                                       eigenaar_id=eigenaar, aandachtsfunctionaris_id=aandachtsfunctionaris_id or None,
                                       geopend_op=_vandaag(), tijdstip=tijdstip)
        repo.zet_vormen(ws.db, dossier_id, (v.value for v in vorm_set))
        row = repo.dossier(ws.db, dossier_id)
        assert row is not None
        _gebeurtenis(ws, row, "kop", _kop_data(row, vorm_set), tijdstip)
        for b in betrokkenen:
            repo.voeg_record_toe(ws.db, dossier_id=dossier_id, soort="betrokkene",
                                 data=repo.record_naar_dict(dataclasses.replace(b, id=None)),
                                 auteur_id=me, tijdstip=tijdstip, ronde=1)
        if eigenaar != me and not (team_id is not None and team_id in eigen_teams):
            repo.voeg_medewerker_toe(ws.db, dossier_id, me, me, tijdstip)
        if concept_sleutel is not None:
            repo.wis_concept(ws.db, ws.session.account_id, None, concept_sleutel)
        ws.audit("dossier_aanmaken", "dossier", dossier_id)
    return dossier_id


def _kop_data(row: repo.DossierRow, vormen: Iterable[dm.GeweldsVorm | str]) -> dict[str, Any]:
    return {"client_referentie": row.client_referentie, "gemeente_code": row.gemeente_code,
            "vormen": sorted(dm.GeweldsVorm(v).value for v in vormen),
            "aandachtsfunctionaris_id": row.aandachtsfunctionaris_id, "team_id": row.team_id,
            "eigenaar_id": row.eigenaar_id}


def _nieuwe_kop(ws: Workspace, dossier_id: int, tijdstip: str) -> repo.DossierRow:
    """Record the dossier's current header as a new version of its "kop" (the history keeps the old one)."""
    row = repo.dossier(ws.db, dossier_id)
    assert row is not None
    koppen = _huidige_van(ws, dossier_id, "kop")
    _gebeurtenis(ws, row, "kop", _kop_data(row, frozenset(repo.vormen(ws.db, dossier_id))), tijdstip,
                 vorige=koppen[-1] if koppen else None)
    return row


def _bouw_dossier(ws: Workspace, row: repo.DossierRow, records: list[repo.RecordRow] | None = None) -> dm.Dossier:
    if records is None:
        records = repo.huidige_records(ws.db, row.id)
    namen = repo.account_namen(ws.db, [row.eigenaar_id, row.aandachtsfunctionaris_id,
                                       *(r.auteur_id for r in records)])
    ketens = repo.ketens(ws.db, row.id)
    lijsten: dict[str, list[Any]] = {s: [] for s in repo.RECORD_TYPES}
    for r in records:
        if r.soort not in repo.RECORD_TYPES:
            continue
        data = r.gegevens()
        obj = repo.record_uit_dict(r.soort, data, r.id)
        velden = {f.name for f in dataclasses.fields(obj)}
        wijzig: dict[str, Any] = {}
        if "auteur" in velden and not obj.auteur:
            wijzig["auteur"] = namen.get(r.auteur_id, "")
        if "tijdstip" in velden and obj.tijdstip is None:
            wijzig["tijdstip"] = repo.moment_uit(r.tijdstip)
        if r.soort in repo.MET_RONDE:
            wijzig["ronde"] = r.ronde
        if r.soort == "gesprek_niet_gevoerd" and obj.consultatie_id is not None:
            wijzig["consultatie_id"] = ketens.get(obj.consultatie_id, obj.consultatie_id)
        lijsten[r.soort].append(dataclasses.replace(obj, **wijzig) if wijzig else obj)
    return dm.Dossier(
        id=row.id, client_referentie=row.client_referentie, gemeente_code=row.gemeente_code,
        vormen=frozenset(dm.GeweldsVorm(v) for v in repo.vormen(ws.db, row.id)),
        eigenaar=namen.get(row.eigenaar_id, ""),
        aandachtsfunctionaris=namen.get(row.aandachtsfunctionaris_id or "", ""),
        status=dm.DossierStatus(row.status), huidige_stap=row.huidige_stap, ronde=row.ronde,
        geopend_op=date.fromisoformat(row.geopend_op),
        afgesloten_op=date.fromisoformat(row.afgesloten_op) if row.afgesloten_op else None,
        laatste_activiteit=repo.moment_uit(row.laatste_activiteit).date(),
        betrokkenen=tuple(lijsten["betrokkene"]), signalen=tuple(lijsten["signaal"]),
        kindcheck=lijsten["kindcheck"][-1] if lijsten["kindcheck"] else None,
        consultaties=tuple(lijsten["consultatie"]), gesprekken=tuple(lijsten["gesprek"]),
        gesprek_niet_gevoerd=lijsten["gesprek_niet_gevoerd"][-1] if lijsten["gesprek_niet_gevoerd"] else None,
        afwegingen=tuple(lijsten["afweging"]), besluiten=tuple(lijsten["besluit"]),
        meldingen=tuple(lijsten["melding"]), hulp=tuple(lijsten["hulp"]),
        terugkoppelingen=tuple(lijsten["terugkoppeling"]), overdrachten=tuple(lijsten["overdracht"]),
        acuut=tuple(lijsten["acuut"]))


def laad(ws: Workspace, dossier_id: int) -> dm.Dossier:
    """The dossier with the current version of everything recorded (audited as ``dossier_bekijken``)."""
    row = _dossier(ws, dossier_id)
    with ws.db.atomic():
        dossier = _bouw_dossier(ws, row)
        ws.audit("dossier_bekijken", "dossier", dossier_id)
    return dossier


def dossier_info(ws: Workspace, dossier_id: int) -> DossierInfo:
    """Ids and names behind the header (owner, aandachtsfunctionaris, team, added colleagues). Not audited:
    no case content."""
    row = _dossier(ws, dossier_id)
    mw = repo.medewerkers(ws.db, row.id)
    namen = repo.account_namen(ws.db, [row.eigenaar_id, row.aandachtsfunctionaris_id, *mw])
    team = ws.db.conn.execute("SELECT naam FROM team WHERE id = ?", [row.team_id]).fetchone() if row.team_id else None
    return DossierInfo(row.id, row.eigenaar_id, namen.get(row.eigenaar_id, ""), row.aandachtsfunctionaris_id,
                       namen.get(row.aandachtsfunctionaris_id or "", ""), row.team_id, team[0] if team else "",
                       tuple((a, namen.get(a, "")) for a in mw), row.ronde, dm.DossierStatus(row.status))


# --------------------------------------------------------------------------- records

def voeg_toe(ws: Workspace, dossier_id: int, record: dm.Record, *, concept_sleutel: str | None = None) -> int:
    """Record something new (any record type of the domain). Returns the record id.

    ``concept_sleutel``: the autosaved draft this record was typed in; it is removed in the same
    transaction, so a crash can never leave both the record and its draft (found by the kill test).

    The service fills in the round (afwegingen, besluiten, meldingen, hulp), the author (when empty),
    the moment (afweging, besluit, acuut) and the recording date of a signal. A kindcheck, a
    "gesprek niet gevoerd" and the answer to an afweging that was answered before in this round
    exist once: adding one again makes a new version of the existing one (history kept).
    """
    soort = _soort_van(record)
    row = _wijzigbaar(ws, dossier_id, soort)
    record = _record_vullen(ws, record, soort, row.ronde)
    tijdstip = _tijdstip()
    with ws.db.atomic():
        vorige = _te_vervangen(ws, row, soort, record)
        ronde = vorige.ronde if vorige is not None else row.ronde
        record_id = repo.voeg_record_toe(ws.db, dossier_id=row.id, soort=soort, data=repo.record_naar_dict(record),
                                         auteur_id=ws.session.account_id, tijdstip=tijdstip, ronde=ronde,
                                         vorige=vorige)
        if concept_sleutel is not None:
            repo.wis_concept(ws.db, ws.session.account_id, row.id, concept_sleutel)
        _raak_aan(ws, row.id, tijdstip)
        ws.audit("dossier_wijzigen", "dossier", row.id)
    return record_id


def _huidige_versie(ws: Workspace, row: repo.DossierRow, record_id: int) -> repo.RecordRow:
    rec = repo.record(ws.db, record_id) if isinstance(record_id, int) and not isinstance(record_id, bool) else None
    if rec is None or rec.dossier_id != row.id:
        raise UserError("Dit onderdeel bestaat niet in dit dossier.")
    if rec.vervangen:
        raise UserError("Dit onderdeel is intussen al aangepast. Open het dossier opnieuw en pas de nieuwste "
                        "versie aan.")
    if rec.ingetrokken:
        raise UserError("Dit onderdeel is uit het dossier gehaald en kan niet meer worden aangepast.")
    return rec


def corrigeer(ws: Workspace, dossier_id: int, record_id: int, nieuw: dm.Record, *,
              concept_sleutel: str | None = None) -> int:
    """A new version of a record; the old version stays visible in :func:`geschiedenis`. Returns the new id.

    ``concept_sleutel`` as in :func:`voeg_toe`: the draft goes in the same transaction."""
    soort = _soort_van(nieuw)
    row = _wijzigbaar(ws, dossier_id, soort)
    tijdstip = _tijdstip()
    with ws.db.atomic():
        oud = _huidige_versie(ws, row, record_id)
        if oud.soort != soort:
            raise ValidationError("Een correctie moet van hetzelfde soort zijn als het origineel.",
                                  details=[f"soort: verwacht {RECORD_SOORT_LABELS.get(oud.soort, oud.soort)}."])
        nieuw = _record_vullen(ws, nieuw, soort, oud.ronde)
        nieuw_id = repo.voeg_record_toe(ws.db, dossier_id=row.id, soort=soort, data=repo.record_naar_dict(nieuw),
                                        auteur_id=ws.session.account_id, tijdstip=tijdstip, ronde=oud.ronde,
                                        vorige=oud)
        if concept_sleutel is not None:
            repo.wis_concept(ws.db, ws.session.account_id, row.id, concept_sleutel)
        _raak_aan(ws, row.id, tijdstip)
        ws.audit("dossier_wijzigen", "dossier", row.id)
    return nieuw_id


def trek_in(ws: Workspace, dossier_id: int, record_id: int) -> int:
    """Take a record out of the dossier (e.g. recorded in the wrong dossier). History keeps every version;
    the withdrawal is a last version marked ``ingetrokken``. Returns the id of that version."""
    row = _dossier(ws, dossier_id, "dossier_wijzigen")
    tijdstip = _tijdstip()
    with ws.db.atomic():
        oud = _huidige_versie(ws, row, record_id)
        if oud.soort not in repo.RECORD_TYPES:
            raise UserError("Dit onderdeel kan niet uit het dossier worden gehaald.")
        _wijzigbaar(ws, dossier_id, oud.soort)
        nieuw_id = repo.voeg_record_toe(ws.db, dossier_id=row.id, soort=oud.soort, data=oud.gegevens(),
                                        auteur_id=ws.session.account_id, tijdstip=tijdstip, ronde=oud.ronde,
                                        vorige=oud, ingetrokken=True)
        _raak_aan(ws, row.id, tijdstip)
        ws.audit("dossier_wijzigen", "dossier", row.id)
    return nieuw_id


def laad_versie(ws: Workspace, dossier_id: int, record_id: int) -> dm.Record:
    """Any version of a record (also a replaced one), as its domain object. Audited as ``dossier_bekijken``."""
    row = _dossier(ws, dossier_id)
    rec = repo.record(ws.db, record_id) if isinstance(record_id, int) else None
    if rec is None or rec.dossier_id != row.id or rec.soort not in repo.RECORD_TYPES:
        raise UserError("Dit onderdeel bestaat niet in dit dossier.")
    with ws.db.atomic():
        obj: dm.Record = repo.record_uit_dict(rec.soort, rec.gegevens(), rec.id)  # soort is in RECORD_TYPES
        ws.audit("dossier_bekijken", "dossier", row.id)
    return obj


# --------------------------------------------------------------------------- header, steps, closing

def _betrokkenen_bijwerken(ws: Workspace, row: repo.DossierRow, nieuw: list[dm.Betrokkene], tijdstip: str) -> bool:
    if not all(isinstance(b, dm.Betrokkene) for b in nieuw):
        raise ValidationError("De betrokkenen zijn niet opgeslagen.",
                              details=["betrokkenen: alleen betrokkenen (rol en aanduiding) passen hier."])
    huidig = {r.id: r for r in _huidige_van(ws, row.id, "betrokkene")}
    ketens = repo.ketens(ws.db, row.id)
    gezien: set[int] = set()
    veranderd = False
    for b in nieuw:
        data = repo.record_naar_dict(dataclasses.replace(b, id=None))
        bestaand_id = ketens.get(b.id) if b.id is not None else None
        if bestaand_id is not None and bestaand_id in huidig:
            gezien.add(bestaand_id)
            if huidig[bestaand_id].gegevens() != json.loads(repo.dumps(data)):
                repo.voeg_record_toe(ws.db, dossier_id=row.id, soort="betrokkene", data=data,
                                     auteur_id=ws.session.account_id, tijdstip=tijdstip, ronde=row.ronde,
                                     vorige=huidig[bestaand_id])
                veranderd = True
        else:
            repo.voeg_record_toe(ws.db, dossier_id=row.id, soort="betrokkene", data=data,
                                 auteur_id=ws.session.account_id, tijdstip=tijdstip, ronde=row.ronde)
            veranderd = True
    for rid, rec in huidig.items():
        if rid not in gezien:
            repo.voeg_record_toe(ws.db, dossier_id=row.id, soort="betrokkene", data=rec.gegevens(),
                                 auteur_id=ws.session.account_id, tijdstip=tijdstip, ronde=rec.ronde, vorige=rec,
                                 ingetrokken=True)
            veranderd = True
    return veranderd


def wijzig_kop(ws: Workspace, dossier_id: int, *, vormen: Iterable[dm.GeweldsVorm] | None = None,
               gemeente_code: str | None = None, aandachtsfunctionaris_id: str | None = None,
               betrokkenen: Iterable[dm.Betrokkene] | None = None) -> None:
    """Change the header. ``None`` leaves a field as it is; ``aandachtsfunctionaris_id=""`` removes the AF.
    ``betrokkenen`` is the full new list: items with an ``id`` are kept (a new version when changed),
    items without are added, and current ones that are missing are withdrawn."""
    row = _wijzigbaar(ws, dossier_id)
    problemen: list[str] = []
    velden: dict[str, Any] = {}
    vorm_set = None
    if vormen is not None:
        vorm_set = _vormen(vormen, problemen)
    if gemeente_code is not None and gemeente_code != row.gemeente_code:
        _controleer_gemeente(ws, gemeente_code, problemen)
        velden["gemeente_code"] = gemeente_code
    if aandachtsfunctionaris_id is not None and (aandachtsfunctionaris_id or None) != row.aandachtsfunctionaris_id:
        if aandachtsfunctionaris_id:
            acc = _account(ws, aandachtsfunctionaris_id)
            if acc is None or not acc[2] or Rol.AANDACHTSFUNCTIONARIS not in acc[1]:
                problemen.append("aandachtsfunctionaris_id: kies een actieve aandachtsfunctionaris.")
        velden["aandachtsfunctionaris_id"] = aandachtsfunctionaris_id or None
    if problemen:
        raise ValidationError("De gegevens van het dossier zijn niet opgeslagen.", details=problemen)
    tijdstip = _tijdstip()
    with ws.db.atomic():
        oude_vormen = repo.vormen(ws.db, row.id)
        kop_anders = bool(velden)
        if vorm_set is not None and {v.value for v in vorm_set} != set(oude_vormen):
            repo.zet_vormen(ws.db, row.id, (v.value for v in vorm_set))
            kop_anders = True
        veranderd = kop_anders
        if velden:
            repo.wijzig_dossier(ws.db, row.id, **velden)
        if kop_anders:
            _nieuwe_kop(ws, row.id, tijdstip)
        if betrokkenen is not None:
            veranderd = _betrokkenen_bijwerken(ws, row, list(betrokkenen), tijdstip) or veranderd
        if veranderd:
            _raak_aan(ws, row.id, tijdstip)
            ws.audit("dossier_wijzigen", "dossier", row.id)


def zet_stap(ws: Workspace, dossier_id: int, stap: int) -> None:
    """Go to ``stap`` (1-5). Steps may be skipped (e.g. the acute route); the move is in the history."""
    if isinstance(stap, bool) or stap not in dm.STAPPEN:
        raise ValidationError("Kies stap 1, 2, 3, 4 of 5.")
    row = _wijzigbaar(ws, dossier_id)
    if row.huidige_stap == stap:
        return
    tijdstip = _tijdstip()
    with ws.db.atomic():
        repo.wijzig_dossier(ws.db, row.id, huidige_stap=stap, laatste_activiteit=tijdstip)
        _gebeurtenis(ws, row, "stap", {"van": row.huidige_stap, "naar": stap}, tijdstip)
        ws.audit("dossier_wijzigen", "dossier", row.id)


def sluit(ws: Workspace, dossier_id: int, reden: str) -> None:
    """Close the dossier with a reason; the retention period starts counting."""
    if not isinstance(reden, str) or not reden.strip():
        raise ValidationError("Schrijf op waarom je het dossier afsluit.")
    row = _dossier(ws, dossier_id, "dossier_wijzigen")
    if row.status == dm.DossierStatus.AFGESLOTEN:
        raise UserError("Dit dossier is al afgesloten.")
    tijdstip = _tijdstip()
    vandaag = _vandaag()
    with ws.db.atomic():
        repo.wijzig_dossier(ws.db, row.id, status=dm.DossierStatus.AFGESLOTEN.value, afgesloten_op=vandaag.isoformat(),
                            laatste_activiteit=tijdstip)
        _gebeurtenis(ws, row, "afsluiting", {"reden": reden.strip(), "stap": row.huidige_stap}, tijdstip)
        retention_repo.start_termijn(ws.db, RECORD_TYPE, row.id, vandaag)
        ws.audit("dossier_wijzigen", "dossier", row.id, resultaat="afgesloten")


def heropen(ws: Workspace, dossier_id: int, reden: str) -> None:
    """Reopen a closed dossier: a new round, back to stap 1, history kept."""
    if not isinstance(reden, str) or not reden.strip():
        raise ValidationError("Schrijf op waarom je het dossier weer opent.")
    row = _dossier(ws, dossier_id, "dossier_wijzigen")
    if row.status != dm.DossierStatus.AFGESLOTEN:
        raise UserError("Dit dossier is nog open. Alleen een afgesloten dossier kun je heropenen.")
    tijdstip = _tijdstip()
    with ws.db.atomic():
        repo.wijzig_dossier(ws.db, row.id, status=dm.DossierStatus.OPEN.value, afgesloten_op=None, huidige_stap=1,
                            ronde=row.ronde + 1, laatste_activiteit=tijdstip)
        _gebeurtenis(ws, row, "heropening", {"reden": reden.strip(), "ronde": row.ronde + 1}, tijdstip,
                     ronde=row.ronde + 1)
        retention_repo.stop_termijn(ws.db, RECORD_TYPE, row.id)
        ws.audit("dossier_wijzigen", "dossier", row.id, resultaat="heropend")


def medeonderteken(ws: Workspace, dossier_id: int, besluit_id: int) -> None:
    """Sign a decision: as the eindverantwoordelijke of the meldcode profile (aandachtsfunctionaris, teamleider or
    a named account), or as a co-signing aandachtsfunctionaris. Never one's own decision; once per version."""
    row, via_besluit = _dossier_of_besluit(ws, dossier_id, "dossier_wijzigen")
    ev = _is_eindverantwoordelijke(ws, row)
    if not ev and (via_besluit or not mag(ws.session.rollen, Actie.BESLUIT_MEDEONDERTEKENEN)):
        ws.audit(f"geweigerd:{Actie.BESLUIT_MEDEONDERTEKENEN}", "dossier", row.id, resultaat="geweigerd")
        raise PermissionDenied("Alleen de eindverantwoordelijke of een aandachtsfunctionaris kan een besluit "
                               "ondertekenen.")
    rec = _huidige_versie(ws, row, besluit_id)
    if rec.soort != "besluit":
        raise UserError("Je kunt alleen een besluit medeondertekenen.")
    if via_besluit:
        laatste = [r for r in _huidige_van(ws, row.id, "besluit") if r.ronde == row.ronde]
        if not laatste or laatste[-1].id != rec.id:
            raise UserError("Je kunt alleen het laatste besluit van deze ronde ondertekenen.")
    if rec.auteur_id == ws.session.account_id:
        raise UserError("Je kunt je eigen besluit niet medeondertekenen. Vraag een andere aandachtsfunctionaris.")
    for r in _huidige_van(ws, row.id, "medeondertekening"):
        data = r.gegevens()
        if data.get("besluit_id") == rec.id and r.auteur_id == ws.session.account_id:
            raise UserError("Je hebt dit besluit al medeondertekend.")
    tijdstip = _tijdstip()
    with ws.db.atomic():
        _gebeurtenis(ws, row, "medeondertekening", {"besluit_id": rec.id, "eindverantwoordelijke": ev}, tijdstip,
                     ronde=rec.ronde)
        _raak_aan(ws, row.id, tijdstip)
        ws.audit("dossier_wijzigen", "dossier", row.id,
                 resultaat="ondertekend_eindverantwoordelijke" if ev else "medeondertekend")


def _medeondertekeningen(ws: Workspace, row: repo.DossierRow) -> list[Medeondertekening]:
    rows = _huidige_van(ws, row.id, "medeondertekening")
    namen = repo.account_namen(ws.db, (r.auteur_id for r in rows))
    uit = []
    for r in rows:
        data = r.gegevens()
        besluit_id = int(data["besluit_id"])
        besluit = repo.record(ws.db, besluit_id)
        uit.append(Medeondertekening(besluit_id, namen.get(r.auteur_id, ""), repo.moment_uit(r.tijdstip),
                                     bool(besluit and not besluit.vervangen and not besluit.ingetrokken),
                                     bool(data.get("eindverantwoordelijke"))))
    return uit


def medeondertekeningen(ws: Workspace, dossier_id: int) -> list[Medeondertekening]:
    """Who co-signed which decision version (``geldt_voor_huidige_versie`` is False after a correction)."""
    return _medeondertekeningen(ws, _dossier_of_besluit(ws, dossier_id)[0])


def voeg_medewerker_toe(ws: Workspace, dossier_id: int, account_id: str) -> None:
    """Add a colleague (professional or aandachtsfunctionaris) to the dossier: they can then see and change it."""
    row = _dossier(ws, dossier_id, "dossier_wijzigen")
    acc = _account(ws, account_id) if isinstance(account_id, str) else None
    if acc is None or not acc[2] or not (acc[1] & {Rol.PROFESSIONAL, Rol.AANDACHTSFUNCTIONARIS}):
        raise ValidationError("Kies een actieve professional of aandachtsfunctionaris.")
    if account_id == row.eigenaar_id:
        return
    tijdstip = _tijdstip()
    with ws.db.atomic():
        if repo.voeg_medewerker_toe(ws.db, row.id, account_id, ws.session.account_id, tijdstip):
            _gebeurtenis(ws, row, "medewerker", {"account_id": account_id, "toegevoegd": True}, tijdstip)
            ws.audit("dossier_wijzigen", "dossier", row.id, resultaat="collega_toegevoegd")


def kandidaten(ws: Workspace, dossier_id: int) -> list[tuple[str, str]]:
    """(account id, naam) of the active professionals and aandachtsfunctionarissen of the dossier's team (of the
    caller's teams when the dossier has none): who can take the dossier over or be added as a colleague."""
    row = _dossier(ws, dossier_id)
    teams = {row.team_id} if row.team_id is not None else ws.session.team_ids
    return repo.teamgenoten(ws.db, teams, ("professional", "aandachtsfunctionaris"))


def mag_overdragen(ws: Workspace, eigenaar_id: str) -> bool:
    """The owner, and an aandachtsfunctionaris who may see the dossier, can hand it over."""
    return ws.session.account_id == eigenaar_id or mag(ws.session.rollen, Actie.DOSSIER_TEAM)


def draag_over(ws: Workspace, dossier_id: int, nieuwe_eigenaar_id: str, *, vorige_blijft_collega: bool = False) -> bool:
    """Hand the dossier to another professional or aandachtsfunctionaris of its team.

    Allowed for the owner and for an aandachtsfunctionaris who may see the dossier; also for a closed dossier
    (Veilig Thuis may still send feedback). The previous owner keeps access only as an added colleague when
    ``vorige_blijft_collega``. The history gets a new version of the dossier's header naming the new owner.
    Returns whether the caller can still see the dossier afterwards."""
    row = _dossier(ws, dossier_id, "dossier_wijzigen")
    me = ws.session.account_id
    if not mag_overdragen(ws, row.eigenaar_id):
        ws.audit("geweigerd:dossier_overdragen", "dossier", row.id, resultaat="geweigerd")
        raise PermissionDenied("Alleen de eigenaar of een aandachtsfunctionaris kan een dossier overdragen.")
    if nieuwe_eigenaar_id == row.eigenaar_id:
        raise ValidationError("Het dossier is niet overgedragen.",
                              details=["eigenaar_id: deze collega is al de eigenaar van het dossier."])
    if not isinstance(nieuwe_eigenaar_id, str) or nieuwe_eigenaar_id not in dict(kandidaten(ws, row.id)):
        raise ValidationError("Het dossier is niet overgedragen.",
                              details=["eigenaar_id: kies een actieve professional of aandachtsfunctionaris "
                                       "van het team van dit dossier."])
    vorige = row.eigenaar_id
    tijdstip = _tijdstip()
    with ws.db.atomic():
        repo.wijzig_dossier(ws.db, row.id, eigenaar_id=nieuwe_eigenaar_id)
        repo.verwijder_medewerker(ws.db, row.id, nieuwe_eigenaar_id)  # the owner needs no extra access
        if vorige_blijft_collega:
            repo.voeg_medewerker_toe(ws.db, row.id, vorige, me, tijdstip)
        nieuw_row = _nieuwe_kop(ws, row.id, tijdstip)
        _raak_aan(ws, row.id, tijdstip)
        ws.audit("dossier_wijzigen", "dossier", row.id, resultaat="eigenaar_overgedragen")
    return _mag_zien(ws, nieuw_row)


def verwijder_medewerker(ws: Workspace, dossier_id: int, account_id: str) -> None:
    row = _dossier(ws, dossier_id, "dossier_wijzigen")
    tijdstip = _tijdstip()
    with ws.db.atomic():
        if repo.verwijder_medewerker(ws.db, row.id, account_id):
            _gebeurtenis(ws, row, "medewerker", {"account_id": account_id, "toegevoegd": False}, tijdstip)
            ws.audit("dossier_wijzigen", "dossier", row.id, resultaat="collega_verwijderd")


# --------------------------------------------------------------------------- history

def _ja_nee(waarde: bool | None) -> str:
    return "onbekend" if waarde is None else ("ja" if waarde else "nee")


def _datum(d: date | None) -> str:
    return d.strftime("%d-%m-%Y") if d else "geen datum"


def beschrijf(soort: str, data: dict[str, Any], namen: dict[str, str] | None = None,
              gemeenten: dict[str, str] | None = None) -> str:
    """A Dutch one-paragraph summary of one stored version (for the timeline)."""
    namen = namen or {}
    gemeenten = gemeenten or {}
    if soort in repo.RECORD_TYPES:
        try:
            r = repo.record_uit_dict(soort, data)
        except (TypeError, ValueError, KeyError):
            return "Onderdeel kan niet worden gelezen."
    if soort == "kop":
        vormen = ", ".join(dm.GeweldsVorm(v).label for v in data.get("vormen", [])) or "nog niet gekozen"
        af = namen.get(data.get("aandachtsfunctionaris_id") or "", "")
        eigenaar = namen.get(data.get("eigenaar_id") or "", "")
        code = data.get("gemeente_code", "")
        tekst = f"Cliëntreferentie {data.get('client_referentie', '')}, gemeente {gemeenten.get(code, code)}. " \
                f"Vorm van geweld: {vormen}."
        tekst += f" Eigenaar: {eigenaar}." if eigenaar else ""
        return tekst + (f" Aandachtsfunctionaris: {af}." if af else "")
    if soort == "stap":
        return f"Van stap {data.get('van')} naar stap {data.get('naar')}."
    if soort == "afsluiting":
        return f"Dossier afgesloten in stap {data.get('stap')}. Reden: {data.get('reden', '')}"
    if soort == "heropening":
        return f"Dossier heropend (ronde {data.get('ronde')}). Reden: {data.get('reden', '')}"
    if soort == "medeondertekening":
        if data.get("eindverantwoordelijke"):
            return f"Besluit (onderdeel {data.get('besluit_id')}) ondertekend door de eindverantwoordelijke."
        return f"Besluit (onderdeel {data.get('besluit_id')}) medeondertekend."
    if soort == "medewerker":
        naam = namen.get(data.get("account_id") or "", "een collega")
        return f"{naam} {'toegevoegd aan' if data.get('toegevoegd') else 'verwijderd uit'} het dossier."
    if soort == "betrokkene":
        delen = [r.rol.label]
        if r.aanduiding:
            delen.append(r.aanduiding)
        if r.leeftijd is not None:
            delen.append(f"{r.leeftijd} jaar")
        if r.relatie:
            delen.append(r.relatie)
        return ", ".join(delen) + "."
    if soort == "signaal":
        kop = "Feit" if r.soort is dm.SignaalSoort.FEIT else "Interpretatie of vermoeden (geen feit)"
        bron = f"Bron: {r.bron}." if r.herkomst is dm.Herkomst.VAN_ANDER else "Bron: eigen waarneming."
        return f"{kop}: {r.omschrijving} {bron} {r.richting.label}. Gezien of gehoord op {_datum(r.datum_waargenomen)}."
    if soort == "kindcheck":
        tekst = f"Kinderen in het huishouden: {r.kinderen_in_huishouden.label.lower()}."
        if r.aantal is not None:
            tekst += f" Aantal: {r.aantal}."
        if r.leeftijden:
            tekst += f" Leeftijden: {', '.join(map(str, r.leeftijden))}."
        if r.wie_zorgt:
            tekst += f" Wie zorgt: {r.wie_zorgt}."
        return tekst + f" {r.vervolg_status.label}."
    if soort == "consultatie":
        return f"{r.soort.label} ({r.wie or 'onbekend'}, {_datum(r.datum)}). Advies: {r.advies}"
    if soort == "gesprek":
        return f"Gesprek op {_datum(r.datum)}. Reactie: {r.reactie_client}"
    if soort == "gesprek_niet_gevoerd":
        reden = r.reden.label if r.reden else "reden nog niet gekozen"
        return f"Gesprek niet gevoerd: {reden}. Afgestemd met: {r.afgestemd_met or 'nog niet ingevuld'}."
    if soort == "afweging":
        return f"Afweging {r.nummer}: {_ja_nee(r.antwoord)}. Motivatie: {r.motivatie}"
    if soort == "besluit":
        norm = f" (meldnorm {r.meldnorm})" if r.meldnorm else ""
        return f"Melden: {_ja_nee(r.melden)}{norm}. Hulp: {_ja_nee(r.hulp)}. Motivatie: {r.motivatie}"
    if soort == "melding":
        kanaal = r.kanaal.label.lower() if r.kanaal else "kanaal onbekend"
        return f"Melding bij Veilig Thuis ({kanaal}). Cliënt geïnformeerd: {_ja_nee(r.client_geinformeerd)}."
    if soort == "hulp":
        return f"Hulp: {r.wat} (door {r.wie or 'onbekend'}). Evaluatie op {_datum(r.evaluatiedatum)}."
    if soort == "terugkoppeling":
        return f"{r.soort.label} ({_datum(r.datum)}). {r.inhoud}"
    if soort == "overdracht":
        return f"Overdracht van {r.van or 'Veilig Thuis'} ({_datum(r.datum)}). {r.reden}"
    if soort == "acuut":
        return f"Acuut gevaar: {r.reden} Actie: {r.actie}"
    return RECORD_SOORT_LABELS.get(soort, soort)


def _tijdlijn(ws: Workspace, row: repo.DossierRow) -> list[Tijdlijnregel]:
    rows = repo.alle_records(ws.db, row.id)
    ids = {r.auteur_id for r in rows}
    for r in rows:
        if r.soort in ("kop", "medewerker"):
            d = r.gegevens()
            ids.add(d.get("aandachtsfunctionaris_id") or "")
            ids.add(d.get("eigenaar_id") or "")
            ids.add(d.get("account_id") or "")
    namen = repo.account_namen(ws.db, ids)
    gemeenten = dict(ws.gemeenten())
    uit = []
    for r in rows:
        omschrijving = beschrijf(r.soort, r.gegevens(), namen, gemeenten)
        if r.ingetrokken:
            omschrijving = "Uit het dossier gehaald. " + omschrijving
        elif r.soort == "kop" and r.versie == 1:
            omschrijving = "Dossier aangemaakt. " + omschrijving
        uit.append(Tijdlijnregel(repo.moment_uit(r.tijdstip), namen.get(r.auteur_id, ""), r.soort, omschrijving,
                                 r.id, r.versie, bool(r.vervangen), bool(r.ingetrokken), r.ronde))
    return uit


def geschiedenis(ws: Workspace, dossier_id: int) -> list[Tijdlijnregel]:
    """Every record and every version (old ones with ``vervangen=True``), oldest first, with author and time.
    Audited as ``dossier_bekijken``."""
    row = _dossier(ws, dossier_id)
    with ws.db.atomic():
        uit = _tijdlijn(ws, row)
        ws.audit("dossier_bekijken", "dossier", row.id, resultaat="geschiedenis")
    return uit


# --------------------------------------------------------------------------- follow-up

def aandachtspunten(ws: Workspace, vandaag: date) -> list[dm.Aandachtspunt]:
    """Due and overdue follow-ups of the open dossiers in the caller's scope (weeks/days from the settings)."""
    from ghnt_desktop.services import settings

    _vereis_rol(ws)
    weken = settings.haal(ws, "inactief_weken")
    # Only dossiers that can give a point: help (evaluation), a melding (terugkoppeling), a kindcheck
    # (follow-up), or quiet since before the inactivity limit (two days of margin for time zones).
    grens = datetime.combine(vandaag - timedelta(weeks=weken) + timedelta(days=2), time.min, timezone.utc)
    rows, per = repo.dossiers_in_scope(
        ws.db, _scope(ws), status=dm.DossierStatus.OPEN.value,
        soorten=("afweging", "hulp", "melding", "terugkoppeling", "overdracht", "kindcheck"),
        met_soort_of_stil_voor=(("hulp", "melding", "kindcheck"), repo.nu_iso(grens)))
    dossiers = [_licht_dossier(row, per.get(row.id, [])) for row in rows]
    return dm.aandachtspunten(dossiers, vandaag, inactief_weken=weken,
                              terugkoppeling_werkdagen=settings.haal(ws, "vt_terugkoppeling_werkdagen"))


def _licht_dossier(row: repo.DossierRow, records: list[repo.RecordRow]) -> dm.Dossier:
    lijsten: dict[str, list[Any]] = {}
    for r in records:
        obj = repo.record_uit_dict(r.soort, r.gegevens(), r.id)
        if r.soort in repo.MET_RONDE:
            obj = dataclasses.replace(obj, ronde=r.ronde)
        lijsten.setdefault(r.soort, []).append(obj)
    return dm.Dossier(
        id=row.id, client_referentie=row.client_referentie, gemeente_code=row.gemeente_code,
        status=dm.DossierStatus(row.status), huidige_stap=row.huidige_stap, ronde=row.ronde,
        geopend_op=date.fromisoformat(row.geopend_op),
        laatste_activiteit=repo.moment_uit(row.laatste_activiteit).date(),
        kindcheck=lijsten.get("kindcheck", [None])[-1], afwegingen=tuple(lijsten.get("afweging", ())),
        meldingen=tuple(lijsten.get("melding", ())), hulp=tuple(lijsten.get("hulp", ())),
        terugkoppelingen=tuple(lijsten.get("terugkoppeling", ())),
        overdrachten=tuple(lijsten.get("overdracht", ())))


# --------------------------------------------------------------------------- drafts (autosave)

def _json_default(waarde: Any) -> Any:
    if isinstance(waarde, (date, datetime)):
        return waarde.isoformat()
    if isinstance(waarde, (set, frozenset, tuple)):
        return list(waarde)
    raise TypeError("not JSON-safe")


def _concept_dossier(ws: Workspace, dossier_id: int | None) -> None:
    if dossier_id is None:
        _vereis_rol(ws)
    else:
        _dossier(ws, dossier_id, "dossier_wijzigen")


def bewaar_concept(ws: Workspace, dossier_id: int | None, sleutel: str, inhoud: dict[str, Any]) -> None:
    """Store unfinished input (per account, dossier and field key), committed before returning.

    ``dossier_id=None``: input for a dossier that does not exist yet. No audit entry per call.
    """
    _concept_dossier(ws, dossier_id)
    if not isinstance(sleutel, str) or not sleutel.strip() or len(sleutel) > MAX_SLEUTEL:
        raise ValueError("draft key must be a non-empty string of at most 200 characters")
    if not isinstance(inhoud, dict):
        raise ValueError("draft content must be a dict")
    tekst = json.dumps(inhoud, ensure_ascii=False, separators=(",", ":"), default=_json_default)
    if len(tekst.encode("utf-8")) > MAX_CONCEPT_BYTES:
        raise UserError("Dit stuk tekst is te lang om tussentijds te bewaren. Maak het korter of sla het op.")
    with ws.db.atomic():
        repo.bewaar_concept(ws.db, ws.session.account_id, dossier_id, sleutel, tekst, _tijdstip())


def concepten(ws: Workspace, dossier_id: int | None) -> dict[str, tuple[dict[str, Any], datetime]]:
    """This account's drafts for the dossier (``None``: for a new dossier): key -> (content, saved at)."""
    _concept_dossier(ws, dossier_id)
    return {s: (json.loads(i), repo.moment_uit(t)) for s, i, t in
            repo.concepten(ws.db, ws.session.account_id, dossier_id)}


def wis_concept(ws: Workspace, dossier_id: int | None, sleutel: str) -> None:
    _concept_dossier(ws, dossier_id)
    with ws.db.atomic():
        repo.wis_concept(ws.db, ws.session.account_id, dossier_id, sleutel)


# --------------------------------------------------------------------------- datalab

def datalab_samenvattingen(ws: Workspace, gemeente_code: str) -> list[DossierSamenvatting]:
    """Content-free summaries of every dossier of a gemeente (no ids, no references) for the datalab.

    Needs ``cijfers_inzien`` (managers). Uitkomst: ``melding`` when a melding was decided or recorded,
    else ``hulp`` when help was decided, else ``afgesloten`` when closed, else None (open).
    """
    vereis(ws, Actie.CIJFERS_INZIEN, object_type="gemeente", object_id=gemeente_code)
    c = ws.db.conn
    dossiers = c.execute("SELECT id, geopend_op, status, afgesloten_op FROM meldcode_dossier WHERE gemeente_code = ?",
                         [gemeente_code]).fetchall()
    vormen: dict[int, list[str]] = {}
    for did, v in c.execute("SELECT v.dossier_id, v.vorm FROM meldcode_dossier_vorm v JOIN meldcode_dossier d"
                            " ON d.id = v.dossier_id WHERE d.gemeente_code = ?", [gemeente_code]):
        vormen.setdefault(did, []).append(v)
    besluiten: dict[int, list[tuple[bool, bool, str]]] = {}
    for did, melden, hulp, tijdstip in c.execute(
            "SELECT r.dossier_id, json_extract(r.data, '$.melden'), json_extract(r.data, '$.hulp'), r.tijdstip"
            " FROM meldcode_record r JOIN meldcode_dossier d ON d.id = r.dossier_id"
            " WHERE d.gemeente_code = ? AND r.soort = 'besluit' AND r.vervangen = 0 AND r.ingetrokken = 0"
            " ORDER BY r.tijdstip", [gemeente_code]):
        besluiten.setdefault(did, []).append((bool(melden), bool(hulp), tijdstip))
    gemeld = {r[0] for r in c.execute(
        "SELECT DISTINCT r.dossier_id FROM meldcode_record r JOIN meldcode_dossier d ON d.id = r.dossier_id"
        " WHERE d.gemeente_code = ? AND r.soort = 'melding' AND r.vervangen = 0 AND r.ingetrokken = 0",
        [gemeente_code])}
    uit = []
    with ws.db.atomic():
        for did, geopend, status, afgesloten in dossiers:
            bs = besluiten.get(did, [])
            if did in gemeld or any(b[0] for b in bs):
                uitkomst = "melding"
            elif any(b[1] for b in bs):
                uitkomst = "hulp"
            elif status == dm.DossierStatus.AFGESLOTEN:
                uitkomst = "afgesloten"
            else:
                uitkomst = None
            if bs:
                datum_besluit = repo.moment_uit(bs[0][2]).date()
            elif afgesloten:
                datum_besluit = date.fromisoformat(afgesloten)
            else:
                datum_besluit = None
            uit.append(DossierSamenvatting(gemeente_code, tuple(sorted(vormen.get(did, []))), uitkomst,
                                           date.fromisoformat(geopend), datum_besluit))
        ws.audit("datalab_samenvattingen", "gemeente", gemeente_code)
    return uit
