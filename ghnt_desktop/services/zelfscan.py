"""Zelfscan use cases: catalogues, team scans, results, comparisons and exchange between workspaces.

Contract: ``docs/contracts/zelfscan-service.md``. Every function takes the open ``Workspace`` first,
checks authorization (``domain.roles``) and writes its audit entry in the same transaction as the change.

Rules chosen here (see also the module docs in ``docs/zelfscan-catalogus.md``):

* **Catalogues** are stored whole (normalised JSON) and never change; only ``actief`` may be switched.
  The bundled werkversie is offered automatically and stored the first time it is used (a scan is made
  with it, a scan file refers to it, or a catalogue is imported). "Newest" = latest ``geldig_van``, then
  the one imported last. A catalogue import is all-or-nothing; an encrypted backup is written first.
* **One reeks per owner and peildatum.** A scan belongs to a team or to a gemeente (a *gemeente scan*, made
  by a manager / beleidsadviseur with ``ZELFSCAN_ALLE`` for one of the workspace's gemeenten; it answers only
  the standards for the gemeente, see ``domain.zelfscan.catalogus_voor``). Heropenen adds a version
  (versie + 1) to the same reeks; the old version stays read-only. ``scans`` shows the latest version of each
  reeks. Gemeente scans are only visible to callers with ``ZELFSCAN_ALLE``.
* **Import** of an exchange file: first the checks of ``domain.zelfscan_uitwisseling.controleer_import``
  (national list of gemeenten, gemeenten served here, dates); a gemeente name spelled differently is a
  question the caller must confirm (``bekijk_import`` lists the questions, ``importeer(bevestigd=...)``).
  The team is matched by name (case and spaces ignored) *and* type; if no team has that name it is created
  (``services.teams.maak_team``, needs ``TEAMS_BEHEREN``) with the type and gemeenten from the file, unless the
  caller passes ``team_aanmaken=False`` (then ``TeamBestaatNiet`` is raised and nothing changes); a team with
  the same name but another type is a conflict and the import is refused. A gemeente scan belongs to its
  gemeente, which this workspace must serve. Imported scans are vastgesteld, flagged
  ``geimporteerd`` and can never be edited or reopened. A later version of the same scan (same team,
  peildatum and gemeenten) joins the reeks of the earlier import. The exact same file, or another file for a
  scan version that is already present, is refused as a duplicate.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence, TypedDict

from ghnt_desktop.domain import zelfscan as dz
from ghnt_desktop.domain.roles import Actie, mag
from ghnt_desktop.domain.zelfscan import (
    MAX_DEELNEMERNAAM,
    MAX_DEELNEMERS,
    Antwoord,
    Deelnemer,
    DeelnemerRol,
    EigenaarSoort,
    Gemeente,
    Resultaat,
    ScanNietBewerkbaar,
    ScanStatus,
    TeamType,
    TeamVergelijking,
    Vergelijking,
    Verbeterpunt,
    Voortgang,
    Zelfscan,
    catalogus_voor,
    gemeente_eigenaar_naam,
)
from ghnt_desktop.domain.zelfscan_catalogus import (
    Catalogus,
    Doelgroep,
    Problemen,
    catalogus_naar_json,
    heeft_verboden_tekens,
    parse_catalogus,
    toon,
)
from ghnt_desktop.domain.zelfscan_uitwisseling import (
    ImportScan,
    ImportVraag,
    controleer_import,
    duplicaat_sleutel,
    identiteit_sleutel,
    lees_uitwisselbestand,
    maak_uitwisselbestand,
)
from ghnt_desktop.errors import PermissionDenied, UserError, ValidationError, WorkspaceCorrupt
from ghnt_desktop.services.authz import vereis
from ghnt_desktop.storage import zelfscan_repo as repo
from ghnt_desktop.storage.files import atomic_write
from ghnt_desktop.storage.workspace import Workspace, now_iso

MEEGELEVERDE_CATALOGI = ("werkversie-2019.json",)
OBJECT = "zelfscan"

KOP_CATALOGUS_IMPORT = "Het kwaliteitskader is niet ingelezen. Er is niets veranderd."
KOP_SCAN_IMPORT = "De zelfscan is niet ingelezen. Er is niets veranderd."


# ---------------------------------------------------------------------------
# Public types
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogusInfo:
    id: str
    versie: str
    naam: str
    officieel: bool
    actief: bool
    geimporteerd_op: datetime | None  # None: the bundled werkversie, offered but not stored yet
    # additions to the contract
    fingerprint: str = ""
    geldig_van: date | None = None
    meegeleverd: bool = False  # ships with the app
    opmerking: str | None = None
    aantal_standaarden: int = 0
    aantal_scans: int = 0

    @property
    def label(self) -> str:
        """E.g. "Kwaliteitskader … – werkversie (versie 2019-werkversie-1, werkversie: niet de officiële tekst)"."""
        soort = "officiële tekst" if self.officieel else "werkversie: niet de officiële tekst"
        return f"{self.naam} (versie {self.versie}, {soort})"


@dataclass(frozen=True)
class TeamInfo:
    id: int
    naam: str
    type: str
    gemeenten: list[tuple[str, str]]

    @property
    def type_label(self) -> str:
        return _team_type(self.type).label


@dataclass(frozen=True)
class ScanInfo:
    """Summary of one scan version.

    For a gemeente scan: ``team_id`` is None, ``team_naam`` is the owner's display name ("Gemeente Zaanstad"),
    ``team_type`` is "" and ``eigenaar_gemeente`` is (CBS code, name).
    """

    id: int
    team_id: int | None
    team_naam: str
    team_type: str
    gemeenten: tuple[tuple[str, str], ...]
    peildatum: date
    versie: int
    status: ScanStatus
    catalogus_id: str
    catalogus_versie: str
    voortgang: Voortgang
    vorige_id: int | None  # previous version of the same scan (after heropenen)
    geimporteerd: bool
    # additions to the contract
    vastgesteld_op: date | None = None
    heropen_reden: str | None = None
    reeks_id: int | None = None  # id of the first version; shared by all versions of this scan
    eigenaar_gemeente: tuple[str, str] | None = None  # (CBS code, name) for a gemeente scan
    team_actief: bool = True  # False when the owner team is archived (its scans stay visible)

    @property
    def is_gemeentescan(self) -> bool:
        return self.eigenaar_gemeente is not None

    @property
    def eigenaar_soort(self) -> EigenaarSoort:
        return EigenaarSoort.GEMEENTE if self.eigenaar_gemeente is not None else EigenaarSoort.TEAM

    @property
    def eigenaar_naam(self) -> str:
        """Team name, or "Gemeente X" for a gemeente scan."""
        return self.team_naam

    @property
    def bewerkbaar(self) -> bool:
        """Answers, deelnemers and peildatum can still change (concept or ingevuld, not imported)."""
        return self.status is not ScanStatus.VASTGESTELD and not self.geimporteerd

    @property
    def gemeente_namen(self) -> str:
        return ", ".join(n for _, n in self.gemeenten)


def bronvermelding(catalogus: Catalogus) -> str:
    """The line every screen and printout shows: which catalogue version, and whether it is official."""
    tekst = f"Kwaliteitskader: {catalogus.naam}, versie {catalogus.versie}."
    if not catalogus.officieel:
        tekst += " Let op: dit is een werkversie, niet de officiële tekst van de VNG."
    return tekst


# ---------------------------------------------------------------------------
# Authorization helpers
# ---------------------------------------------------------------------------


def _mag(ws: Workspace, actie: Actie) -> bool:
    return mag(ws.session.rollen, actie)


def _vereis_zelfscan(ws: Workspace, object_id: int | str | None = None) -> None:
    """At least ZELFSCAN_EIGEN_TEAM (or ZELFSCAN_ALLE)."""
    if _mag(ws, Actie.ZELFSCAN_ALLE):
        return
    vereis(ws, Actie.ZELFSCAN_EIGEN_TEAM, object_type=OBJECT, object_id=object_id)


def _zichtbare_team_ids(ws: Workspace) -> frozenset[int] | None:
    """None = all teams; else the caller's own teams. Call after ``_vereis_zelfscan``."""
    return None if _mag(ws, Actie.ZELFSCAN_ALLE) else frozenset(ws.session.team_ids)


def _vereis_team(ws: Workspace, team_id: int | None, *, object_type: str = OBJECT,
                 object_id: int | str | None = None) -> None:
    """The caller may see and answer scans of this team."""
    if _mag(ws, Actie.ZELFSCAN_ALLE):
        return
    vereis(ws, Actie.ZELFSCAN_EIGEN_TEAM, object_type=object_type, object_id=object_id)
    if team_id is None or team_id not in ws.session.team_ids:
        ws.audit(f"geweigerd:{Actie.ZELFSCAN_EIGEN_TEAM}", object_type, object_id, resultaat="geweigerd")
        raise PermissionDenied("Deze zelfscan hoort bij een team waar je geen lid van bent. "
                               "Daarom kun je hem niet zien of wijzigen.")


def _vereis_eigenaar(ws: Workspace, rij: repo.ScanRij, *, object_type: str = OBJECT) -> None:
    """The caller may see and answer this scan: its team's scans, or (ZELFSCAN_ALLE) a gemeente scan."""
    if rij.eigenaar_gemeente is None:
        _vereis_team(ws, rij.team_id, object_type=object_type, object_id=rij.id)
        return
    if _mag(ws, Actie.ZELFSCAN_ALLE):
        return
    ws.audit(f"geweigerd:{Actie.ZELFSCAN_ALLE}", object_type, rij.id, resultaat="geweigerd")
    raise PermissionDenied("Dit is de zelfscan van een gemeente. Alleen een manager of beleidsadviseur kan "
                           "hem zien of wijzigen.")


def _vereis_catalogus_lezen(ws: Workspace) -> None:
    if any(_mag(ws, a) for a in (Actie.ZELFSCAN_ALLE, Actie.ZELFSCAN_EIGEN_TEAM, Actie.CATALOGUS_BEHEREN)):
        return
    vereis(ws, Actie.ZELFSCAN_EIGEN_TEAM, object_type="catalogus")


# ---------------------------------------------------------------------------
# Catalogues
# ---------------------------------------------------------------------------

_CACHE: dict[str, Catalogus] = {}  # fingerprint -> parsed catalogue (content-addressed, so safe to share)
_CACHE_MAX = 64


def _onthoud(c: Catalogus) -> Catalogus:
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[c.fingerprint] = c
    return c


@functools.cache
def _meegeleverd() -> tuple[tuple[Catalogus, str], ...]:
    """The bundled catalogues: (parsed, normalised JSON). A broken bundled file is a bug in the app."""
    from ghnt_desktop.paths import resource_path

    uit = []
    for naam in MEEGELEVERDE_CATALOGI:
        c = parse_catalogus(resource_path("kwaliteitskader", naam).read_bytes())
        uit.append((_onthoud(c), catalogus_naar_json(c).decode("utf-8")))
    return tuple(uit)


def _opgeslagen_catalogus(ws: Workspace, catalogus_id: str, versie: str) -> Catalogus | None:
    rij = repo.catalogus_rij(ws.db, catalogus_id, versie)
    if rij is None:
        return None
    c = _CACHE.get(rij.fingerprint)
    if c is not None:
        return c
    fp_inhoud = repo.catalogus_inhoud(ws.db, catalogus_id, versie)
    assert fp_inhoud is not None
    try:
        c = parse_catalogus(fp_inhoud[1])
    except ValidationError:
        c = None
    if c is None or c.fingerprint != fp_inhoud[0] or c.sleutel != (catalogus_id, versie):
        raise WorkspaceCorrupt("Een kwaliteitskader in de werkruimte is beschadigd. Neem contact op met de beheerder.")
    return _onthoud(c)


def _niet_opgeslagen_meegeleverd(ws: Workspace) -> list[tuple[Catalogus, str]]:
    return [(c, j) for c, j in _meegeleverd() if repo.catalogus_rij(ws.db, c.id, c.versie) is None]


def _zoek_catalogus(ws: Workspace, catalogus_id: str, versie: str) -> Catalogus | None:
    c = _opgeslagen_catalogus(ws, catalogus_id, versie)
    if c is not None:
        return c
    for m, _ in _meegeleverd():
        if m.sleutel == (catalogus_id, versie):
            return m
    return None


def _sla_meegeleverd_op(ws: Workspace, catalogus: Catalogus) -> None:
    """Store a bundled catalogue the first time it is used (call inside a transaction)."""
    for c, inhoud in _niet_opgeslagen_meegeleverd(ws):
        if c.sleutel == catalogus.sleutel:
            repo.voeg_catalogus_toe(
                ws.db, catalogus_id=c.id, versie=c.versie, naam=c.naam, fingerprint=c.fingerprint,
                officieel=c.officieel, geldig_van=c.geldig_van, inhoud=inhoud, meegeleverd=True, op=now_iso(),
                door=ws.session.account_id)
            ws.audit("catalogus_installeren", "catalogus", f"{c.id} {c.versie}")


@dataclass(frozen=True)
class _Kandidaat:
    catalogus_id: str
    versie: str
    geldig_van: str
    volgnummer: int  # import order; bundled-but-not-stored counts as oldest
    actief: bool


def _kandidaten(ws: Workspace) -> list[_Kandidaat]:
    """Stored catalogues plus bundled ones not stored yet, newest first."""
    lijst = [_Kandidaat(r.id, r.versie, r.geldig_van, r.volgnummer, r.actief) for r in repo.catalogus_rijen(ws.db)]
    lijst += [_Kandidaat(c.id, c.versie, c.geldig_van.isoformat(), 0, True) for c, _ in _niet_opgeslagen_meegeleverd(ws)]
    return sorted(lijst, key=lambda k: (k.geldig_van, k.volgnummer), reverse=True)


def catalogi(ws: Workspace) -> list[CatalogusInfo]:
    """All catalogues in this workspace (newest first), including the bundled werkversie."""
    _vereis_catalogus_lezen(ws)
    per_sleutel = {(r.id, r.versie): r for r in repo.catalogus_rijen(ws.db)}
    aantallen = repo.aantal_scans_per_catalogus(ws.db)
    uit = []
    for k in _kandidaten(ws):
        c = _zoek_catalogus(ws, k.catalogus_id, k.versie)
        assert c is not None
        r = per_sleutel.get((k.catalogus_id, k.versie))
        uit.append(CatalogusInfo(
            id=c.id, versie=c.versie, naam=c.naam, officieel=c.officieel, actief=k.actief,
            geimporteerd_op=datetime.fromisoformat(r.geimporteerd_op) if r else None,
            fingerprint=c.fingerprint, geldig_van=c.geldig_van,
            meegeleverd=r.meegeleverd if r else True, opmerking=c.opmerking,
            aantal_standaarden=len(c.standaarden), aantal_scans=aantallen.get(c.sleutel, 0),
        ))
    return uit


def catalogus(ws: Workspace, catalogus_id: str, versie: str) -> Catalogus:
    _vereis_catalogus_lezen(ws)
    c = _zoek_catalogus(ws, catalogus_id, versie)
    if c is None:
        raise UserError(f"Het kwaliteitskader {toon(catalogus_id, 64)} versie {toon(versie, 64)} staat niet "
                        "in deze werkruimte.")
    return c


def nieuwste_catalogus(ws: Workspace) -> Catalogus:
    """The newest active catalogue: the one a new scan uses."""
    _vereis_catalogus_lezen(ws)
    return _nieuwste(ws)


def _nieuwste(ws: Workspace) -> Catalogus:
    for k in _kandidaten(ws):
        if k.actief:
            c = _zoek_catalogus(ws, k.catalogus_id, k.versie)
            assert c is not None
            return c
    raise UserError("Er is geen actief kwaliteitskader. Vraag de beheerder om een kwaliteitskader aan te zetten.")


def importeer_catalogus(ws: Workspace, data: bytes) -> CatalogusInfo:
    """Import a new or revised catalogue file (beheerder). All-or-nothing; a backup is written first.

    Raises ``ValidationError`` listing every problem (with its place in the file) when anything is wrong,
    when this id + versie is already present, or when it is present with other content.
    """
    vereis(ws, Actie.CATALOGUS_BEHEREN, object_type="catalogus")
    try:
        c = parse_catalogus(data)
    except TypeError:
        raise ValidationError(KOP_CATALOGUS_IMPORT, details=["Het bestand kan niet worden gelezen."]) from None
    except ValidationError as e:
        raise _niets_veranderd(e) from None
    bestaand = _zoek_catalogus(ws, c.id, c.versie)
    if bestaand is not None:
        if bestaand.fingerprint == c.fingerprint:
            raise ValidationError(KOP_CATALOGUS_IMPORT, details=[
                f"Het kwaliteitskader {toon(c.id, 64)} versie {toon(c.versie, 64)} staat al in deze werkruimte, "
                "met precies dezelfde inhoud. Je hoeft het niet nog eens in te lezen."])
        raise ValidationError(KOP_CATALOGUS_IMPORT, details=[
            f"versie: er staat al een kwaliteitskader {toon(c.id, 64)} versie {toon(c.versie, 64)} in deze "
            "werkruimte, maar met een andere inhoud. Een versie verandert nooit meer, want oude zelfscans "
            "gebruiken haar. Geef het bestand een nieuwe versie (veld \"versie\") en lees het opnieuw in."])
    _backup_voor_import(ws)
    inhoud = catalogus_naar_json(c).decode("utf-8")
    op = now_iso()
    with ws.db.atomic():
        for m, _ in _niet_opgeslagen_meegeleverd(ws):
            _sla_meegeleverd_op(ws, m)
        repo.voeg_catalogus_toe(
            ws.db, catalogus_id=c.id, versie=c.versie, naam=c.naam, fingerprint=c.fingerprint,
            officieel=c.officieel, geldig_van=c.geldig_van, inhoud=inhoud, meegeleverd=False, op=op,
            door=ws.session.account_id)
        ws.audit("catalogus_importeren", "catalogus", f"{c.id} {c.versie}")
    _onthoud(c)
    return CatalogusInfo(
        id=c.id, versie=c.versie, naam=c.naam, officieel=c.officieel, actief=True,
        geimporteerd_op=datetime.fromisoformat(op), fingerprint=c.fingerprint, geldig_van=c.geldig_van,
        meegeleverd=False, opmerking=c.opmerking, aantal_standaarden=len(c.standaarden), aantal_scans=0)


def zet_catalogus_actief(ws: Workspace, catalogus_id: str, versie: str, actief: bool) -> None:
    """Switch a catalogue on or off for new scans (beheerder). Existing scans keep theirs. One stays active."""
    vereis(ws, Actie.CATALOGUS_BEHEREN, object_type="catalogus")
    c = _zoek_catalogus(ws, catalogus_id, versie)
    if c is None:
        raise UserError("Dit kwaliteitskader staat niet in deze werkruimte.")
    if not actief and not any(k.actief and (k.catalogus_id, k.versie) != c.sleutel for k in _kandidaten(ws)):
        raise ValidationError("Het kwaliteitskader is niet uitgezet.", details=[
            "Er moet altijd minstens één kwaliteitskader aan staan, anders kan niemand een nieuwe zelfscan maken."])
    with ws.db.atomic():
        _sla_meegeleverd_op(ws, c)
        repo.zet_catalogus_actief(ws.db, c.id, c.versie, bool(actief))
        ws.audit("catalogus_wijzigen", "catalogus", f"{c.id} {c.versie}")


def _backup_voor_import(ws: Workspace) -> None:
    """Encrypted backup before a catalogue import. If the backup fails, the import does not happen."""
    from ghnt_desktop.services.backup import backup_before_import

    backup_before_import(ws)


# ---------------------------------------------------------------------------
# Teams
# ---------------------------------------------------------------------------


def _team_type(waarde: str) -> TeamType:
    try:
        return TeamType(waarde)
    except ValueError:
        return TeamType.OVERIG


def teams(ws: Workspace) -> list[TeamInfo]:
    """Active teams the caller may make scans for (all teams for a manager; own teams otherwise)."""
    _vereis_zelfscan(ws)
    rijen = repo.team_rijen(ws.db, team_ids=_zichtbare_team_ids(ws))
    codes = repo.team_gemeente_codes(ws.db, [t.id for t in rijen])
    namen = repo.gemeente_namen(ws.db, [c for cs in codes.values() for c in cs])
    return [TeamInfo(t.id, t.naam, t.type, sorted(((c, namen[c]) for c in codes[t.id]), key=lambda g: g[1].casefold()))
            for t in rijen]


# ---------------------------------------------------------------------------
# Scans: reading
# ---------------------------------------------------------------------------


def _rij(ws: Workspace, scan_id: int) -> repo.ScanRij:
    if isinstance(scan_id, bool) or not isinstance(scan_id, int):
        raise UserError("Deze zelfscan bestaat niet.")
    rij = repo.scan_rij(ws.db, scan_id)
    if rij is None:
        raise UserError("Deze zelfscan bestaat niet (meer).")
    return rij


def _toegang(ws: Workspace, scan_id: int) -> repo.ScanRij:
    """Load the row and check that the caller may see this scan."""
    _vereis_zelfscan(ws, scan_id if isinstance(scan_id, int) else None)
    rij = _rij(ws, scan_id)
    _vereis_eigenaar(ws, rij)
    return rij


def _catalogus_van(ws: Workspace, rij: repo.ScanRij) -> Catalogus:
    """The standards this scan answers: the whole catalogue for a team scan, the gemeente part for a gemeente scan."""
    c = _zoek_catalogus(ws, rij.catalogus_id, rij.catalogus_versie)
    if c is None:  # the foreign key makes this impossible
        raise WorkspaceCorrupt("Het kwaliteitskader van deze zelfscan ontbreekt in de werkruimte.")
    return catalogus_voor(c, rij.soort)


def _infos(ws: Workspace, rijen: Sequence[repo.ScanRij]) -> list[ScanInfo]:
    ids = [r.id for r in rijen]
    gemeenten = repo.gemeenten_van(ws.db, ids)
    beantwoord = repo.aantal_beantwoord(ws.db, ids)
    actief = {t.id: t.actief for t in repo.team_rijen(
        ws.db, team_ids=[r.team_id for r in rijen if r.team_id is not None], alleen_actief=False)}
    uit = []
    for r in rijen:
        c = _catalogus_van(ws, r)
        uit.append(ScanInfo(
            id=r.id, team_id=r.team_id, team_naam=r.team_naam, team_type=r.team_type, gemeenten=gemeenten[r.id],
            peildatum=r.peildatum, versie=r.versie, status=r.status, catalogus_id=r.catalogus_id,
            catalogus_versie=r.catalogus_versie,
            voortgang=Voortgang(beantwoord=beantwoord[r.id], totaal=len(c.standaarden)),
            vorige_id=r.vorige_id, geimporteerd=r.geimporteerd, vastgesteld_op=r.vastgesteld_op,
            heropen_reden=r.heropen_reden, reeks_id=r.reeks_id,
            eigenaar_gemeente=None if r.eigenaar_gemeente is None else (
                r.eigenaar_gemeente, r.eigenaar_gemeente_naam or r.eigenaar_gemeente),
            team_actief=actief.get(r.team_id, True) if r.team_id is not None else True,
        ))
    return uit


def _zelfscan(ws: Workspace, rij: repo.ScanRij, catalogus: Catalogus) -> Zelfscan:
    antwoorden = sorted(repo.antwoorden_van(ws.db, rij.id),
                        key=lambda a: catalogus.positie_van(a.standaard_id) if catalogus.heeft_standaard(
                            a.standaard_id) else len(catalogus.standaarden))
    return Zelfscan(
        catalogus_id=rij.catalogus_id, catalogus_versie=rij.catalogus_versie, team_naam=rij.team_naam,
        team_type=_team_type(rij.team_type),
        gemeenten=tuple(Gemeente(c, n) for c, n in repo.gemeenten_van(ws.db, [rij.id])[rij.id]),
        peildatum=rij.peildatum, versie=rij.versie, status=rij.status,
        deelnemers=repo.deelnemers_van(ws.db, rij.id), antwoorden=tuple(antwoorden),
        vastgesteld_op=rij.vastgesteld_op, heropen_reden=rij.heropen_reden,
        eigenaar_gemeente=None if rij.eigenaar_gemeente is None else Gemeente(
            rij.eigenaar_gemeente, rij.eigenaar_gemeente_naam or rij.eigenaar_gemeente),
    )


def scans(ws: Workspace, *, team_id: int | None = None, gemeente_code: str | None = None,
          status: ScanStatus | None = None, soort: EigenaarSoort | None = None) -> list[ScanInfo]:
    """Scans the caller may see, newest peildatum first; the latest version of each scan only.

    With ``status=VASTGESTELD``: the latest vastgestelde version of each scan (also when a newer
    version is being reworked after heropenen). ``gemeente_code``: scans about that gemeente, i.e. team scans
    of teams serving it *and* its own gemeente scans. ``soort``: only team scans or only gemeente scans.
    Scans of archived teams stay in the list. Gemeente scans only for callers with ``ZELFSCAN_ALLE``.
    """
    _vereis_zelfscan(ws)
    zichtbaar = _zichtbare_team_ids(ws)
    team_ids: Iterable[int] | None = zichtbaar
    if team_id is not None:
        _vereis_team(ws, team_id, object_type="team", object_id=team_id)
        team_ids = [team_id]
    srt = None if soort is None else EigenaarSoort(soort)
    if srt is EigenaarSoort.GEMEENTE and (team_id is not None or zichtbaar is not None):
        return []
    st = None if status is None else ScanStatus(status)
    if st is ScanStatus.VASTGESTELD:
        # Per scan its latest *vastgestelde* version: a reopened scan (new version still in concept)
        # keeps counting with the version that was vastgesteld (as in ``laatste_vastgestelde``).
        rijen = repo.scan_rijen(ws.db, team_ids=team_ids, gemeente_code=gemeente_code,
                                alleen_vastgesteld_laatste=True, soort=srt)
    else:
        rijen = repo.scan_rijen(ws.db, team_ids=team_ids, gemeente_code=gemeente_code, status=st, soort=srt)
    return _infos(ws, rijen)


def scan_info(ws: Workspace, scan_id: int) -> ScanInfo:
    """One scan's summary (any version)."""
    return _infos(ws, [_toegang(ws, scan_id)])[0]


def versies(ws: Workspace, scan_id: int) -> list[ScanInfo]:
    """All versions of this scan (heropenen), newest first."""
    rij = _toegang(ws, scan_id)
    return sorted(_infos(ws, repo.scan_rijen(ws.db, alleen_laatste_versie=False, reeks_id=rij.reeks_id)),
                  key=lambda s: s.versie, reverse=True)


def laad_scan(ws: Workspace, scan_id: int) -> tuple[Zelfscan, Catalogus]:
    """The scan with the catalogue version it was made with (audited as zelfscan_bekijken)."""
    rij = _toegang(ws, scan_id)
    c = _catalogus_van(ws, rij)
    scan = _zelfscan(ws, rij, c)
    with ws.db.atomic():
        ws.audit("zelfscan_bekijken", OBJECT, rij.id)
    return scan, c


def vorige_scan(ws: Workspace, scan_id: int) -> int | None:
    """Same owner (team, or gemeente for a gemeente scan): the latest vastgestelde scan with an earlier
    peildatum (not another version of this one)."""
    rij = _toegang(ws, scan_id)
    return repo.vorige_vastgestelde_id(ws.db, rij)


def resultaat(ws: Workspace, scan_id: int) -> Resultaat:
    rij = _toegang(ws, scan_id)
    c = _catalogus_van(ws, rij)
    return dz.resultaten(c, repo.antwoorden_van(ws.db, rij.id))


def verbeterpunten(ws: Workspace, scan_id: int) -> tuple[Verbeterpunt, ...]:
    """Answers marked as verbeterpunt, most urgent first (for the results screen and the plan)."""
    rij = _toegang(ws, scan_id)
    c = _catalogus_van(ws, rij)
    return dz.verbeterpunten(c, repo.antwoorden_van(ws.db, rij.id))


def vergelijking_met_vorige(ws: Workspace, scan_id: int) -> Vergelijking | None:
    rij = _toegang(ws, scan_id)
    vorige_id = repo.vorige_vastgestelde_id(ws.db, rij)
    if vorige_id is None:
        return None
    vorige = _rij(ws, vorige_id)
    return dz.vergelijk(_catalogus_van(ws, vorige), repo.antwoorden_van(ws.db, vorige.id),
                        _catalogus_van(ws, rij), repo.antwoorden_van(ws.db, rij.id))


def laatste_vastgestelde(ws: Workspace, gemeente_code: str) -> list[ScanInfo]:
    """Per team (visible to the caller): its latest vastgestelde scan about this gemeente. Ordered by team name.

    Team scans only (also of archived teams); the gemeente's own scan: ``laatste_vastgestelde_gemeentescan``.
    """
    _vereis_zelfscan(ws)
    rijen = repo.scan_rijen(ws.db, team_ids=_zichtbare_team_ids(ws), gemeente_code=gemeente_code,
                            alleen_vastgesteld_laatste=True, soort=EigenaarSoort.TEAM)
    per_team: dict[int, repo.ScanRij] = {}
    for r in rijen:  # newest peildatum first
        if r.team_id is not None:  # (always: team scans only)
            per_team.setdefault(r.team_id, r)
    gekozen = sorted(per_team.values(), key=lambda r: (r.team_naam.casefold(), r.team_id))
    return _infos(ws, gekozen)


def laatste_vastgestelde_gemeentescan(ws: Workspace, gemeente_code: str) -> ScanInfo | None:
    """The gemeente's own latest vastgestelde scan (newest peildatum; of a reopened scan the version that
    was vastgesteld), or None when there is none or the caller may not see gemeente scans.

    This is what a plan van aanpak uses next to ``laatste_vastgestelde`` (the teams' scans). Its results,
    verbeterpunten and comparison come from ``resultaat``, ``verbeterpunten``, ``laad_scan`` and
    ``vergelijking_met_vorige`` with its id, as for a team scan (they cover the gemeente standards only).
    """
    _vereis_zelfscan(ws)
    if not _mag(ws, Actie.ZELFSCAN_ALLE):
        return None
    rijen = repo.scan_rijen(ws.db, eigenaar_gemeente=gemeente_code, alleen_vastgesteld_laatste=True)
    return _infos(ws, rijen[:1])[0] if rijen else None


def gemeenten_voor_gemeentescan(ws: Workspace) -> list[tuple[str, str]]:
    """The gemeenten the caller may make a gemeente scan for: the workspace's gemeenten (ZELFSCAN_ALLE), else none."""
    _vereis_zelfscan(ws)
    if not _mag(ws, Actie.ZELFSCAN_ALLE):
        return []
    return sorted(ws.gemeenten(), key=lambda g: g[1].casefold())


def teamvergelijking(ws: Workspace, gemeente_code: str, scan_ids: list[int] | None = None) -> TeamVergelijking:
    """Percentage voldoet per theme for several teams (default: the latest vastgestelde scan of each team)."""
    if scan_ids is None:
        scan_ids = [s.id for s in laatste_vastgestelde(ws, gemeente_code)]
    invoer = []
    for sid in scan_ids:
        rij = _toegang(ws, sid)
        invoer.append(dz.TeamInvoer(team_naam=rij.team_naam, catalogus=_catalogus_van(ws, rij),
                                    antwoorden=repo.antwoorden_van(ws.db, rij.id)))
    return dz.vergelijk_teams(invoer)


# ---------------------------------------------------------------------------
# Scans: changing
# ---------------------------------------------------------------------------


def _controleer_bewerkbaar(rij: repo.ScanRij) -> None:
    if rij.geimporteerd:
        raise ScanNietBewerkbaar("Deze zelfscan is ingelezen uit een bestand van een ander team. "
                                 "Je kunt hem bekijken, maar niet wijzigen.")
    if rij.status is ScanStatus.VASTGESTELD:
        raise ScanNietBewerkbaar("Deze zelfscan is vastgesteld. Je kunt hem niet meer wijzigen. "
                                 "Wil je toch iets aanpassen? Heropen de zelfscan; er komt dan een nieuwe versie.")


def _controleer_deelnemers(deelnemers: object) -> tuple[Deelnemer, ...]:
    p = Problemen()
    if not isinstance(deelnemers, (list, tuple)):
        raise ValidationError("De deelnemers kloppen niet.", details=["deelnemers: moet een lijst zijn"])
    if len(deelnemers) > MAX_DEELNEMERS:
        raise ValidationError("De deelnemers kloppen niet.", details=[
            f"deelnemers: te veel deelnemers ({len(deelnemers)}); het mogen er hoogstens {MAX_DEELNEMERS} zijn"])
    uit = []
    for i, d in enumerate(deelnemers):
        pl = f"deelnemers[{i}]"
        if not isinstance(d, Deelnemer):
            p.voeg_toe(pl, "is geen deelnemer")
            continue
        try:
            rol = DeelnemerRol(d.rol)
        except ValueError:
            p.voeg_toe(f"{pl}.rol", f"{toon(d.rol)} is geen geldige rol")
            continue
        naam = d.naam
        if naam is not None:
            if not isinstance(naam, str):
                p.voeg_toe(f"{pl}.naam", "moet tekst zijn")
                continue
            naam = " ".join(naam.split()) or None
            if naam is not None and len(naam) > MAX_DEELNEMERNAAM:
                p.voeg_toe(f"{pl}.naam", f"is te lang ({len(naam)} tekens); hoogstens {MAX_DEELNEMERNAAM} tekens")
                continue
            if naam is not None and heeft_verboden_tekens(naam):
                p.voeg_toe(f"{pl}.naam", "bevat tekens die niet mogen")
                continue
        uit.append(Deelnemer(rol, naam))
    p.gooi_als_nodig("De deelnemers kloppen niet.")
    return tuple(uit)


def _controleer_peildatum(peildatum: object) -> date:
    if isinstance(peildatum, datetime) or not isinstance(peildatum, date):
        raise ValidationError("De peildatum klopt niet.", details=["peildatum: kies een datum"])
    if peildatum < date(2000, 1, 1) or peildatum > date.today() + timedelta(days=366):
        raise ValidationError("De peildatum klopt niet.", details=[
            "peildatum: kies een datum na 1 januari 2000 en niet meer dan een jaar vooruit"])
    return peildatum


def maak_scan(ws: Workspace, *, team_id: int, peildatum: date, deelnemers: list[Deelnemer],
              gemeente_codes: list[str] | None = None) -> int:
    """A new concept scan for a team, with the newest active catalogue.

    ``gemeente_codes`` (addition): the gemeenten the scan is about; default all gemeenten of the team.
    """
    _vereis_zelfscan(ws)
    if isinstance(team_id, bool) or not isinstance(team_id, int):
        raise UserError("Kies een team.")
    _vereis_team(ws, team_id, object_type="team", object_id=team_id)
    team = repo.team_rij(ws.db, team_id)
    if team is None or not team.actief:
        raise UserError("Dit team bestaat niet (meer).")
    peildatum = _controleer_peildatum(peildatum)
    deelnemers_ok = _controleer_deelnemers(deelnemers)
    team_codes = repo.team_gemeente_codes(ws.db, [team_id])[team_id]
    werkruimte_codes = [c for c, _ in ws.gemeenten()]
    if gemeente_codes is None:
        codes = team_codes
    else:
        codes = list(dict.fromkeys(gemeente_codes))
        onbekend = [c for c in codes if c not in team_codes and c not in werkruimte_codes]
        if onbekend:
            raise ValidationError("De zelfscan is niet gemaakt.", details=[
                f"gemeente {toon(c)} hoort niet bij dit team of deze werkruimte" for c in onbekend])
    if not codes:
        raise ValidationError("De zelfscan is niet gemaakt.", details=[
            "Dit team heeft nog geen gemeente. Koppel eerst een gemeente aan het team, of kies een gemeente."])
    bestaand = repo.scan_met_peildatum(ws.db, team_id, peildatum)
    if bestaand is not None:
        raise ValidationError("De zelfscan is niet gemaakt.", details=[
            f"Dit team heeft al een zelfscan met peildatum {peildatum:%d-%m-%Y}. Open die zelfscan, "
            "of kies een andere peildatum."])
    c = _nieuwste(ws)
    namen = repo.gemeente_namen(ws.db, codes)
    op = now_iso()
    with ws.db.atomic():
        _sla_meegeleverd_op(ws, c)
        scan_id = repo.voeg_scan_toe(
            ws.db, team_id=team_id, peildatum=peildatum, versie=1, reeks_id=None, vorige_id=None,
            catalogus_id=c.id, catalogus_versie=c.versie, geimporteerd=False, heropen_reden=None, op=op,
            door=ws.session.account_id)
        repo.zet_gemeenten(ws.db, scan_id, sorted(((k, namen[k]) for k in codes), key=lambda g: g[1].casefold()))
        repo.zet_deelnemers(ws.db, scan_id, deelnemers_ok)
        ws.audit("zelfscan_aanmaken", OBJECT, scan_id)
    return scan_id


def maak_gemeentescan(ws: Workspace, *, gemeente_code: str, peildatum: date, deelnemers: list[Deelnemer]) -> int:
    """A new concept scan of a gemeente itself (manager / beleidsadviseur: ``ZELFSCAN_ALLE``).

    The gemeente must be one of this workspace's gemeenten. The scan uses the newest active catalogue and
    answers only its standards for the gemeente. One scan per gemeente and peildatum.
    """
    vereis(ws, Actie.ZELFSCAN_ALLE, object_type=OBJECT)
    werkruimte = dict(ws.gemeenten())
    if not isinstance(gemeente_code, str) or gemeente_code not in werkruimte:
        raise ValidationError("De zelfscan is niet gemaakt.", details=[
            "Kies een gemeente waarvoor deze werkruimte werkt."])
    peildatum = _controleer_peildatum(peildatum)
    deelnemers_ok = _controleer_deelnemers(deelnemers)
    naam = werkruimte[gemeente_code]
    if repo.scan_met_peildatum(ws.db, None, peildatum, gemeente=gemeente_code) is not None:
        raise ValidationError("De zelfscan is niet gemaakt.", details=[
            f"Gemeente {naam} heeft al een zelfscan met peildatum {peildatum:%d-%m-%Y}. Open die zelfscan, "
            "of kies een andere peildatum."])
    c = _nieuwste(ws)
    if not c.heeft_doelgroep(Doelgroep.GEMEENTE):
        raise ValidationError("De zelfscan is niet gemaakt.", details=[
            f"Het kwaliteitskader {c.naam} (versie {c.versie}) heeft geen standaarden voor de gemeente. "
            "Vraag de beheerder om een kwaliteitskader met standaarden voor de gemeente aan te zetten."])
    op = now_iso()
    with ws.db.atomic():
        _sla_meegeleverd_op(ws, c)
        scan_id = repo.voeg_scan_toe(
            ws.db, team_id=None, gemeente=gemeente_code, peildatum=peildatum, versie=1, reeks_id=None,
            vorige_id=None, catalogus_id=c.id, catalogus_versie=c.versie, geimporteerd=False, heropen_reden=None,
            op=op, door=ws.session.account_id)
        repo.zet_gemeenten(ws.db, scan_id, [(gemeente_code, naam)])
        repo.zet_deelnemers(ws.db, scan_id, deelnemers_ok)
        ws.audit("zelfscan_aanmaken", OBJECT, scan_id)
    return scan_id


def bewaar_antwoord(ws: Workspace, scan_id: int, antwoord: Antwoord) -> None:
    """Autosave one answer (one small transaction). Refuses a vastgestelde or imported scan."""
    rij = _toegang(ws, scan_id)
    _controleer_bewerkbaar(rij)
    if not isinstance(antwoord, Antwoord):
        raise ValidationError("Het antwoord klopt niet.", details=["antwoord: ontbreekt"])
    c = _catalogus_van(ws, rij)
    p = Problemen()
    dz.problemen_antwoorden(c, [antwoord], p, plaats="antwoord")
    if p:
        raise ValidationError("Het antwoord is niet opgeslagen.",
                              details=[d.replace("antwoord[0]", "antwoord", 1) for d in p.details()])
    if antwoord.code is None and rij.status is ScanStatus.INGEVULD:
        raise ValidationError("Het antwoord is niet opgeslagen.", details=[
            "Bij een ingevulde zelfscan moet elke standaard een antwoord hebben. Wil je een antwoord weghalen? "
            "Zet de zelfscan dan eerst terug op 'Concept'."])
    op = now_iso()
    with ws.db.atomic():
        repo.bewaar_antwoord(ws.db, rij.id, antwoord, op)
        repo.raak_aan(ws.db, rij.id, op)
        ws.audit("zelfscan_wijzigen", OBJECT, rij.id)


def zet_deelnemers(ws: Workspace, scan_id: int, deelnemers: list[Deelnemer]) -> None:
    rij = _toegang(ws, scan_id)
    _controleer_bewerkbaar(rij)
    ok = _controleer_deelnemers(deelnemers)
    op = now_iso()
    with ws.db.atomic():
        repo.zet_deelnemers(ws.db, rij.id, ok)
        repo.raak_aan(ws.db, rij.id, op)
        ws.audit("zelfscan_wijzigen", OBJECT, rij.id)


def zet_peildatum(ws: Workspace, scan_id: int, peildatum: date) -> None:
    """Change the peildatum of a scan that is still being filled in (addition to the contract)."""
    rij = _toegang(ws, scan_id)
    _controleer_bewerkbaar(rij)
    peildatum = _controleer_peildatum(peildatum)
    if repo.scan_met_peildatum(ws.db, rij.team_id, peildatum, zonder_reeks=rij.reeks_id,
                               gemeente=rij.eigenaar_gemeente) is not None:
        wie = "Deze gemeente" if rij.eigenaar_gemeente is not None else "Dit team"
        raise ValidationError("De peildatum is niet gewijzigd.", details=[
            f"{wie} heeft al een andere zelfscan met peildatum {peildatum:%d-%m-%Y}."])
    with ws.db.atomic():
        repo.zet_peildatum(ws.db, rij.id, peildatum, now_iso())
        ws.audit("zelfscan_wijzigen", OBJECT, rij.id)


def zet_status(ws: Workspace, scan_id: int, status: ScanStatus, *, vastgesteld_op: date | None = None) -> None:
    """concept <-> ingevuld -> vastgesteld. Vaststellen needs ZELFSCAN_VASTSTELLEN and a complete scan.

    ``vastgesteld_op`` (addition): the date the scan was vastgesteld, when that was earlier than today
    (e.g. in a team meeting last week). Not before the peildatum and not in the future. Default: today.
    """
    rij = _toegang(ws, scan_id)
    try:
        naar = ScanStatus(status)
    except ValueError:
        raise UserError("Deze status bestaat niet.") from None
    if naar is ScanStatus.VASTGESTELD:
        vereis(ws, Actie.ZELFSCAN_VASTSTELLEN, object_type=OBJECT, object_id=rij.id)
    if rij.geimporteerd:
        _controleer_bewerkbaar(rij)
    if rij.status is ScanStatus.VASTGESTELD:
        raise dz.OngeldigeStatusovergang(
            "Deze zelfscan is vastgesteld. De status kan niet meer veranderen. Wil je iets aanpassen? "
            "Heropen de zelfscan; er komt dan een nieuwe versie.")
    op_datum = date.today()
    if vastgesteld_op is not None:
        if naar is not ScanStatus.VASTGESTELD:
            raise ValueError("vastgesteld_op only goes with status vastgesteld")
        if isinstance(vastgesteld_op, datetime) or not isinstance(vastgesteld_op, date):
            raise ValidationError("De datum van vaststellen klopt niet.", details=["vastgesteld_op: kies een datum"])
        if vastgesteld_op > date.today() or vastgesteld_op < rij.peildatum:
            raise ValidationError("De datum van vaststellen klopt niet.", details=[
                "vastgesteld_op: kies een datum tussen de peildatum en vandaag"])
        op_datum = vastgesteld_op
    c = _catalogus_van(ws, rij)
    scan = _zelfscan(ws, rij, c)
    nieuw = dz.wijzig_status(scan, c, naar, op=op_datum if naar is ScanStatus.VASTGESTELD else None)
    op = now_iso()
    with ws.db.atomic():
        repo.zet_status(ws.db, rij.id, nieuw.status, op=op, vastgesteld_op=nieuw.vastgesteld_op,
                        vastgesteld_door=ws.session.account_id if naar is ScanStatus.VASTGESTELD else None)
        ws.audit("zelfscan_vaststellen" if naar is ScanStatus.VASTGESTELD else "zelfscan_wijzigen", OBJECT, rij.id)


def heropen(ws: Workspace, scan_id: int, reden: str) -> int:
    """Reopen a vastgestelde scan: a new version (new id, status concept, same answers); the old one stays."""
    rij = _toegang(ws, scan_id)
    vereis(ws, Actie.ZELFSCAN_VASTSTELLEN, object_type=OBJECT, object_id=rij.id)
    if rij.geimporteerd:
        raise dz.OngeldigeStatusovergang(
            "Een ingelezen zelfscan kun je niet heropenen. Vraag het team om de zelfscan te heropenen, "
            "aan te passen en opnieuw te sturen.")
    if repo.heeft_nieuwere_versie(ws.db, rij):
        raise dz.OngeldigeStatusovergang(
            "Van deze zelfscan is al een nieuwere versie. Open de nieuwste versie.")
    c = _catalogus_van(ws, rij)
    oud = _zelfscan(ws, rij, c)
    nieuw = dz.heropen(oud, reden)  # checks status and reden
    op = now_iso()
    with ws.db.atomic():
        nieuw_id = repo.voeg_scan_toe(
            ws.db, **rij.eigenaar, peildatum=rij.peildatum, versie=nieuw.versie, reeks_id=rij.reeks_id,
            vorige_id=rij.id, catalogus_id=rij.catalogus_id, catalogus_versie=rij.catalogus_versie,
            geimporteerd=False, heropen_reden=nieuw.heropen_reden, op=op, door=ws.session.account_id)
        repo.zet_gemeenten(ws.db, nieuw_id, [(g.cbs_code, g.naam) for g in nieuw.gemeenten])
        repo.zet_deelnemers(ws.db, nieuw_id, nieuw.deelnemers)
        repo.voeg_antwoorden_toe(ws.db, nieuw_id, nieuw.antwoorden, op)
        ws.audit("zelfscan_heropenen", OBJECT, rij.id)
        ws.audit("zelfscan_aanmaken", OBJECT, nieuw_id)
    return nieuw_id


# ---------------------------------------------------------------------------
# Exchange between workspaces
# ---------------------------------------------------------------------------


def exporteer(ws: Workspace, scan_id: int, *, namen_opnemen: bool = False) -> bytes:
    """The exchange file of a vastgestelde scan. Participant names only when ``namen_opnemen``."""
    vereis(ws, Actie.ZELFSCAN_UITWISSELEN, object_type=OBJECT, object_id=scan_id if isinstance(scan_id, int) else None)
    rij = _toegang(ws, scan_id)
    if rij.status is not ScanStatus.VASTGESTELD:
        raise ValidationError("De zelfscan is niet geëxporteerd.", details=[
            "Alleen een vastgestelde zelfscan kun je exporteren. Stel de zelfscan eerst vast."])
    c = _catalogus_van(ws, rij)
    heel = _zoek_catalogus(ws, rij.catalogus_id, rij.catalogus_versie)
    assert heel is not None
    data = maak_uitwisselbestand(_zelfscan(ws, rij, c), heel, namen_opnemen=bool(namen_opnemen))
    with ws.db.atomic():
        ws.audit("zelfscan_exporteren", OBJECT, rij.id)
    return data


def schrijf_uitwisselbestand(pad: Path, data: bytes) -> None:
    """Write an exchange file made by :func:`exporteer` to ``pad``: readers see the whole file or none,
    and a full disk or a folder without rights becomes a Dutch ``UserError``."""
    atomic_write(Path(pad), data)


def _normaal(tekst: str) -> str:
    return " ".join(tekst.split()).casefold()


def _zoek_team(ws: Workspace, naam: str, type_: TeamType) -> tuple[repo.TeamRij | None, list[str]]:
    """Team with this name (case and spaces ignored) and type. Returns (team, problems)."""
    gelijk = [t for t in repo.team_rijen(ws.db, alleen_actief=False) if _normaal(t.naam) == _normaal(naam)]
    gelijk.sort(key=lambda t: (t.naam != naam.strip(), not t.actief, t.id))
    for t in gelijk:
        if t.type == type_.value:
            return t, []
    if gelijk:
        t = gelijk[0]
        return None, [
            f"team: in deze werkruimte is er al een team {toon(t.naam, 80)}, maar dat is een "
            f"{_team_type(t.type).label.lower()} en geen {type_.label.lower()}. Pas de naam of het soort team aan "
            "zodat ze hetzelfde zijn, of vraag het team om de naam in het bestand te veranderen."]
    return None, []


class TeamBestaatNiet(UserError):
    """The file's team is not in this workspace and the caller chose not to create it (nothing changed)."""

    def __init__(self, team_naam: str) -> None:
        super().__init__(team_vraag(team_naam))
        self.team_naam = team_naam


class BevestigingNodig(UserError):
    """The import needs a yes to these questions first (pass their ``sleutel`` in ``bevestigd``)."""

    def __init__(self, vragen: Sequence[ImportVraag]) -> None:
        super().__init__(" ".join(v.tekst for v in vragen))
        self.vragen = tuple(vragen)


def team_vraag(team_naam: str) -> str:
    return f"Team {team_naam} bestaat nog niet in deze werkruimte. Wil je het team aanmaken?"


@dataclass(frozen=True)
class ImportVoorbeeld:
    """What a checked exchange file would bring in (``bekijk_import``); nothing has changed yet."""

    eigenaar_naam: str  # team name, or "Gemeente X"
    is_gemeentescan: bool
    peildatum: date
    versie: int
    gemeenten: tuple[tuple[str, str], ...]
    vragen: tuple[ImportVraag, ...]  # ask each; pass the confirmed keys to ``importeer(bevestigd=...)``
    team_bestaat: bool  # False: a team scan whose team is not in this workspace yet
    mag_team_maken: bool  # the caller has TEAMS_BEHEREN

    @property
    def team_vraag(self) -> str | None:
        """The question to ask before creating the team, or None when no team has to be made."""
        return None if self.team_bestaat else team_vraag(self.eigenaar_naam)


@dataclass(frozen=True)
class _Import:
    imp: ImportScan
    team: repo.TeamRij | None  # existing team (team scan)
    gemeentenamen: dict[str, str]
    vragen: tuple[ImportVraag, ...]
    reeks_id: int | None
    vorige_id: int | None


class _LandelijkeLijst(TypedDict):
    landelijke_naam: Callable[[str], str | None]
    opgeheven: Callable[[str], tuple[str, str] | None]
    zelfde_gemeente: Callable[[str, str], bool]


def _landelijke_lijst() -> _LandelijkeLijst:
    """Look-ups in the national list of gemeenten (content.gemeenten) for ``controleer_import``."""
    from ghnt_desktop.content import gemeenten as lijst

    def landelijke_naam(code: str) -> str | None:
        g = lijst.zoek_gemeente(code)
        return g.naam if g is not None and g.cbs_code == code else None

    def opgeheven(code: str) -> tuple[str, str] | None:
        oud = lijst.zoek_historisch(code)
        if oud is None or oud.cbs_code != code:
            return None
        nieuw = lijst.zoek_gemeente(oud.opgegaan_in)
        return (oud.naam, nieuw.naam if nieuw is not None else oud.opgegaan_in)

    def zelfde_gemeente(code: str, naam: str) -> bool:
        g = lijst.zoek_gemeente(naam)
        return g is not None and g.cbs_code == code

    return _LandelijkeLijst(landelijke_naam=landelijke_naam, opgeheven=opgeheven, zelfde_gemeente=zelfde_gemeente)


def _bereid_import(ws: Workspace, data: bytes, *, vandaag: date | None = None) -> _Import:
    """Read, verify and check a file against this workspace; raises ``ValidationError`` for every refusal."""
    vereis(ws, Actie.ZELFSCAN_UITWISSELEN, object_type=OBJECT)
    _vereis_zelfscan(ws)
    bekend: dict[tuple[str, str], Catalogus] = {}
    for cr in repo.catalogus_rijen(ws.db):
        c = _opgeslagen_catalogus(ws, cr.id, cr.versie)
        assert c is not None
        bekend[c.sleutel] = c
    for c, _ in _niet_opgeslagen_meegeleverd(ws):
        bekend.setdefault(c.sleutel, c)
    try:
        imp = lees_uitwisselbestand(data, bekend)
    except TypeError:
        raise ValidationError(KOP_SCAN_IMPORT, details=["Het bestand kan niet worden gelezen."]) from None
    except ValidationError as e:
        raise _niets_veranderd(e) from None
    scan = imp.scan

    dubbel = repo.import_met_duplicaat_sleutel(ws.db, duplicaat_sleutel(imp))
    if dubbel is not None:
        raise ValidationError(KOP_SCAN_IMPORT, details=[
            f"Dit bestand is al eerder ingelezen (op {_datum_tekst(dubbel.geimporteerd_op)}). "
            "De zelfscan staat dus al in deze werkruimte."])
    if repo.import_met_identiteit(ws.db, identiteit_sleutel(imp)) is not None:
        raise ValidationError(KOP_SCAN_IMPORT, details=[
            f"Van {scan.eigenaar_naam} is versie {scan.versie} van de zelfscan met peildatum "
            f"{scan.peildatum:%d-%m-%Y} al eerder ingelezen, uit een ander bestand. Twee verschillende bestanden "
            "voor dezelfde versie kunnen niet allebei kloppen. Vraag de afzender welk bestand het goede is."])

    controle = controleer_import(scan, werkruimte=dict(ws.gemeenten()), vandaag=vandaag or date.today(),
                                 **_landelijke_lijst())
    if controle.weigeringen:
        raise ValidationError(KOP_SCAN_IMPORT, details=list(controle.weigeringen))

    team: repo.TeamRij | None = None
    eigenaar: tuple[int | None, str | None] | None  # (team id, gemeente code) of a known owner
    if scan.eigenaar_gemeente is not None:
        vereis(ws, Actie.ZELFSCAN_ALLE, object_type=OBJECT)
        eigenaar = (None, scan.eigenaar_gemeente.cbs_code)
    else:
        team, problemen = _zoek_team(ws, scan.team_naam, scan.team_type)
        if problemen:
            raise ValidationError(KOP_SCAN_IMPORT, details=problemen)
        if team is not None:
            _vereis_team(ws, team.id, object_type="team", object_id=team.id)
        elif not _mag(ws, Actie.ZELFSCAN_ALLE):
            vereis(ws, Actie.ZELFSCAN_ALLE, object_type="team")
        eigenaar = None if team is None else (team.id, None)

    reeks_id: int | None = None
    vorige_id: int | None = None
    if eigenaar is not None:
        # One reeks per owner and peildatum: a later version of an imported scan joins its reeks.
        naam = team.naam if team is not None else scan.eigenaar_naam
        codes = sorted(g.cbs_code for g in scan.gemeenten)
        eigen_team_id, eigen_gemeente = eigenaar
        zelfde = repo.scans_zelfde_peildatum(ws.db, eigen_team_id, scan.peildatum, gemeente=eigen_gemeente)
        gemeenten = repo.gemeenten_van(ws.db, [r.id for r in zelfde])
        zelfde_gemeenten = {r.id: sorted(c for c, _ in gemeenten[r.id]) == codes for r in zelfde}
        if any(zelfde_gemeenten[r.id] and r.versie == scan.versie and r.status is ScanStatus.VASTGESTELD
               for r in zelfde):
            raise ValidationError(KOP_SCAN_IMPORT, details=[
                f"Versie {scan.versie} van de zelfscan van {naam} met peildatum "
                f"{scan.peildatum:%d-%m-%Y} staat al in deze werkruimte."])
        vorige_versie = 0
        for r in zelfde:
            if not zelfde_gemeenten[r.id] or not r.geimporteerd:
                wie = "Een gemeente" if team is None else "Een team"
                raise ValidationError(KOP_SCAN_IMPORT, details=[
                    f"{naam} heeft in deze werkruimte al een andere zelfscan met peildatum "
                    f"{scan.peildatum:%d-%m-%Y}. {wie} heeft per peildatum één zelfscan. Vraag de afzender of de "
                    "peildatum in het bestand klopt."])
            reeks_id = r.reeks_id
            if vorige_versie < r.versie < scan.versie:
                vorige_id, vorige_versie = r.id, r.versie
    return _Import(imp=imp, team=team, gemeentenamen=dict(controle.gemeentenamen), vragen=controle.vragen,
                   reeks_id=reeks_id, vorige_id=vorige_id)


def bekijk_import(ws: Workspace, data: bytes) -> ImportVoorbeeld:
    """Read and check an exchange file without changing anything (for the import dialog).

    Raises ``ValidationError`` (Dutch) for everything that is refused. Returns the questions to ask
    (``vragen``; and ``team_vraag`` when the team does not exist yet).
    """
    b = _bereid_import(ws, data)
    scan = b.imp.scan
    return ImportVoorbeeld(
        eigenaar_naam=scan.eigenaar_naam, is_gemeentescan=scan.is_gemeentescan, peildatum=scan.peildatum,
        versie=scan.versie, gemeenten=tuple((g.cbs_code, b.gemeentenamen.get(g.cbs_code, g.naam))
                                            for g in scan.gemeenten),
        vragen=b.vragen, team_bestaat=scan.is_gemeentescan or b.team is not None,
        mag_team_maken=_mag(ws, Actie.TEAMS_BEHEREN))


def importeer(ws: Workspace, data: bytes, *, bevestigd: Iterable[str] = (), team_aanmaken: bool = True) -> int:
    """Read an exchange file into this workspace. All-or-nothing; returns the new scan id.

    Refuses (``ValidationError``, Dutch) a damaged, changed or truncated file, a file for an unknown
    catalogue version, a duplicate, a team-name conflict, and what ``controleer_import`` refuses (unknown
    gemeente, code and name that do not belong together, a gemeente not served here, dates in the future).
    Raises ``BevestigingNodig`` when a question (``bekijk_import().vragen``) is not in ``bevestigd``, and
    ``TeamBestaatNiet`` when the team is missing and ``team_aanmaken`` is False; nothing changes then.
    A missing team is created with ``services.teams.maak_team`` (needs ``TEAMS_BEHEREN``) in the same
    transaction as the scan.
    """
    b = _bereid_import(ws, data)
    open_vragen = [v for v in b.vragen if v.sleutel not in set(bevestigd)]
    if open_vragen:
        raise BevestigingNodig(open_vragen)
    imp, scan = b.imp, b.imp.scan
    if scan.eigenaar_gemeente is None and b.team is None:
        if not team_aanmaken:
            raise TeamBestaatNiet(scan.team_naam.strip())
        vereis(ws, Actie.TEAMS_BEHEREN, object_type="team")
    gemeenten = [(g.cbs_code, b.gemeentenamen.get(g.cbs_code, g.naam)) for g in scan.gemeenten]

    op = now_iso()
    with ws.db.atomic():
        _sla_meegeleverd_op(ws, imp.catalogus)
        if scan.eigenaar_gemeente is not None:
            eigenaar: dict[str, Any] = {"team_id": None, "gemeente": scan.eigenaar_gemeente.cbs_code}
        elif b.team is None:
            from ghnt_desktop.services import teams as teams_service

            team_id = teams_service.maak_team(ws, scan.team_naam.strip(), scan.team_type.value,
                                              [g.cbs_code for g in scan.gemeenten])
            eigenaar = {"team_id": team_id, "gemeente": None}
        else:
            eigenaar = {"team_id": b.team.id, "gemeente": None}
        scan_id = repo.voeg_scan_toe(
            ws.db, **eigenaar, peildatum=scan.peildatum, versie=scan.versie, reeks_id=b.reeks_id,
            vorige_id=b.vorige_id, catalogus_id=imp.catalogus.id, catalogus_versie=imp.catalogus.versie,
            geimporteerd=True, heropen_reden=None, op=op, door=ws.session.account_id)
        repo.zet_gemeenten(ws.db, scan_id, gemeenten)
        repo.zet_deelnemers(ws.db, scan_id, scan.deelnemers)
        repo.voeg_antwoorden_toe(ws.db, scan_id, scan.antwoorden, op)
        repo.voeg_import_toe(ws.db, scan_id=scan_id, duplicaat_sleutel=duplicaat_sleutel(imp),
                             identiteit_sleutel=identiteit_sleutel(imp), controle=imp.controle,
                             namen_opgenomen=imp.namen_opgenomen, op=op, door=ws.session.account_id)
        repo.zet_status(ws.db, scan_id, ScanStatus.VASTGESTELD, op=op, vastgesteld_op=scan.vastgesteld_op)
        ws.audit("zelfscan_importeren", OBJECT, scan_id)
    return scan_id


def _niets_veranderd(e: ValidationError) -> ValidationError:
    """The reader's message, plus the reassurance that an import is all-or-nothing."""
    return ValidationError(f"{e.message} Er is niets veranderd.", details=e.details)


def _datum_tekst(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d-%m-%Y")
    except ValueError:
        return iso


__all__ = [
    "CatalogusInfo", "TeamInfo", "ScanInfo", "bronvermelding", "catalogi", "catalogus", "nieuwste_catalogus",
    "importeer_catalogus", "zet_catalogus_actief", "teams", "scans", "scan_info", "versies", "maak_scan",
    "laad_scan", "bewaar_antwoord", "zet_deelnemers", "zet_peildatum", "zet_status", "heropen", "vorige_scan",
    "resultaat", "verbeterpunten", "vergelijking_met_vorige", "teamvergelijking", "exporteer", "schrijf_uitwisselbestand",
    "importeer",
    "laatste_vastgestelde", "laatste_vastgestelde_gemeentescan", "gemeenten_voor_gemeentescan", "maak_gemeentescan",
    "bekijk_import", "ImportVoorbeeld", "TeamBestaatNiet", "BevestigingNodig", "team_vraag",
]
