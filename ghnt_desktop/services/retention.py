"""Retention periods: what has passed its period, two-person confirmed deletion, legal holds.

How a module takes part (the meldcode module for ``meldcode_dossier``, and so on):

1. its deleter is named in :data:`_VERWIJDERAARS` below: ``verwijder(ws, record_id: str)`` deletes
   *every* row of that record (notes, drafts, attachments...). It runs inside the transaction opened
   here, must not commit, must not call ``vereis`` (authorization is done here: a beheerder has no
   dossier rights but must be able to complete a deletion) and must not write case content anywhere.
   This service sits above the modules whose records it destroys and imports their deleters; a module
   never imports this service.
2. when the period starts (dossier closed) the module calls ``storage.retention_repo.start_termijn``;
   when it stops again (dossier reopened) ``storage.retention_repo.stop_termijn``. Both run in the
   caller's transaction and do no authorization of their own (:func:`start_termijn`,
   :func:`stop_termijn` and :func:`vergeet` here do the same for callers above the modules;
   :func:`start_termijn` first checks the record type).

Deletion happens only when the period has passed (or early destruction was
requested with a reason), no legal hold is set, and a beheerder and an
aandachtsfunctionaris — two different accounts — have confirmed. It leaves one
content-free audit entry (``actie="vernietigd"``, object type and id only) and
cannot be undone. See ``domain/retention.py`` for the rules.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, replace
from datetime import date
from typing import Callable

from ghnt_desktop.domain import retention as rules
from ghnt_desktop.domain.retention import Fase, RecordType, Verwijdering
from ghnt_desktop.domain.roles import Actie, Rol, mag
from ghnt_desktop.errors import UserError, ValidationError
from ghnt_desktop.services import meldcode, settings
from ghnt_desktop.services.authz import vereis
from ghnt_desktop.storage import retention_repo
from ghnt_desktop.storage.workspace import Workspace, now_iso

Verwijderaar = Callable[[Workspace, str], None]
#: How to destroy one record, per record type (see the module docstring).
_VERWIJDERAARS: dict[str, Verwijderaar] = {
    meldcode.RECORD_TYPE: meldcode.verwijder_dossier_definitief,
}
_EXTRA_SOORTEN: dict[str, RecordType] = {}


# --- registry ----------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _soorten_uit_bestand() -> dict[str, RecordType]:
    from ghnt_desktop.paths import resource_path

    doc = json.loads(resource_path("bewaartermijnen", "bewaartermijnen.json").read_text(encoding="utf-8"))
    return rules.parse_record_types(doc)


def soorten() -> dict[str, RecordType]:
    """Every known record type: the content file plus those registered in code."""
    return {**_soorten_uit_bestand(), **_EXTRA_SOORTEN}


def soort(record_type: str) -> RecordType:
    try:
        return soorten()[record_type]
    except KeyError:
        raise ValidationError(f"Onbekende soort gegevens: {record_type}.") from None


def registreer_soort(rt: RecordType) -> None:
    """Add a record type that is not in the content file (tests)."""
    _EXTRA_SOORTEN[rt.key] = rt


def registreer_verwijderaar(record_type: str, fn: Verwijderaar) -> None:
    """Add how to delete one record of a type registered with :func:`registreer_soort` (tests)."""
    _VERWIJDERAARS[record_type] = fn


def _termijn_controle(value: dict[str, object]) -> list[str]:
    """(Called by ``Setting.problemen`` once ``value`` is known to be a dict.)"""
    problems: list[str] = []
    for key, jaren in value.items():
        rt = soorten().get(key)
        if rt is None:
            problems.append(f"Bewaartermijn: onbekende soort gegevens '{key}'.")
        elif isinstance(jaren, bool) or not isinstance(jaren, int) or not rt.min_jaren <= jaren <= rt.max_jaren:
            problems.append(f"Bewaartermijn {rt.naam}: kies tussen {rt.min_jaren} en {rt.max_jaren} jaar.")
    return problems


TERMIJNEN = settings.registreer(settings.Setting(
    "bewaartermijn_jaren", dict, {}, label="Bewaartermijnen (jaren)",
    uitleg="De bewaartermijn per soort gegevens die je organisatie heeft gekozen.",
    actie=Actie.BEWAARTERMIJN_BEHEREN, controle=_termijn_controle))


def termijn_jaren(ws: Workspace, record_type: str) -> int:
    rt = soort(record_type)
    ingesteld = settings.haal(ws, TERMIJNEN.key).get(record_type)
    return rt.termijn(ingesteld)


def stel_termijn_in(ws: Workspace, record_type: str, jaren: int) -> None:
    """Change the period of one record type (beheerder), within the limits of the content file."""
    vereis(ws, Actie.BEWAARTERMIJN_BEHEREN, object_type="bewaartermijn", object_id=record_type)
    soort(record_type)
    waarde = dict(settings.haal(ws, TERMIJNEN.key))
    waarde[record_type] = jaren
    settings.zet(ws, TERMIJNEN.key, waarde)


# --- bookkeeping called by the owning modules ------------------------------------

def start_termijn(ws: Workspace, record_type: str, record_id: str | int, startdatum: date) -> None:
    """The period of this record starts counting (e.g. the dossier was closed). Caller's transaction."""
    soort(record_type)
    retention_repo.start_termijn(ws.db, record_type, record_id, startdatum)


def stop_termijn(ws: Workspace, record_type: str, record_id: str | int) -> None:
    """The record is in use again (e.g. the dossier was reopened): no period counts."""
    retention_repo.stop_termijn(ws.db, record_type, record_id)


def vergeet(ws: Workspace, record_type: str, record_id: str | int) -> None:
    """The owning module removed the record itself (e.g. an empty draft): drop the bookkeeping."""
    retention_repo.vergeet(ws.db, record_type, record_id)


# --- reading -------------------------------------------------------------------

@dataclass(frozen=True)
class BewaarItem:
    record_type: str
    record_id: str
    soort_naam: str
    startdatum: date | None
    vervalt_op: date | None
    fase: Fase
    blokkade_reden: str
    vroegtijdig_grond: str  # label, "" when no request
    bevestigd_door: tuple[str, ...]  # account names
    ontbreekt: str  # Dutch: whose confirmation is still needed
    heb_ik_bevestigd: bool

    @property
    def fase_label(self) -> str:
        return rules.FASE_LABELS[self.fase]


def _laad(ws: Workspace, record_type: str, record_id: str) -> tuple[Verwijdering, dict[str, str]] | None:
    row = ws.db.conn.execute(
        "SELECT startdatum, blokkade, vroegtijdig, blokkade_reden, vroegtijdig_grond FROM bewaar_item"
        " WHERE record_type = ? AND record_id = ?", [record_type, record_id]).fetchone()
    if row is None:
        return None
    bevestigingen = tuple(
        rules.Bevestiging(r[0], frozenset(Rol(x) for x in r[1].split(",") if x))
        for r in ws.db.conn.execute(
            "SELECT account_id, rollen FROM bewaar_bevestiging WHERE record_type = ? AND record_id = ?"
            " ORDER BY tijdstip", [record_type, record_id]))
    v = Verwijdering(record_type, record_id, date.fromisoformat(row[0]) if row[0] else None,
                     termijn_jaren(ws, record_type), bool(row[1]), bool(row[2]), bevestigingen)
    return v, {"blokkade_reden": row[3] or "", "vroegtijdig_grond": row[4] or ""}


def _item(ws: Workspace, v: Verwijdering, extra: dict[str, str], vandaag: date) -> BewaarItem:
    namen = {}
    if v.bevestigingen:
        ids = [b.account_id for b in v.bevestigingen]
        namen = dict(ws.db.conn.execute(
            f"SELECT id, naam FROM account WHERE id IN ({','.join('?' * len(ids))})", ids).fetchall())
    rt = soorten().get(v.record_type)
    return BewaarItem(
        v.record_type, v.record_id, rt.naam if rt else v.record_type, v.startdatum, v.vervalt_op, v.fase(vandaag),
        extra["blokkade_reden"], rules.VROEGTIJDIG_GRONDEN.get(extra["vroegtijdig_grond"], "") if v.vroegtijdig else "",
        tuple(namen.get(b.account_id, "?") for b in v.bevestigingen), v.ontbreekt(),
        any(b.account_id == ws.session.account_id for b in v.bevestigingen))


def _vereis_bevestiger(ws: Workspace, object_type: str = "bewaartermijn", object_id: str | None = None) -> None:
    if mag(ws.session.rollen, Actie.BEWAARTERMIJN_BEHEREN) or mag(ws.session.rollen, Actie.BEWAARTERMIJN_BEVESTIGEN_AF):
        return
    vereis(ws, Actie.BEWAARTERMIJN_BEHEREN, object_type=object_type, object_id=object_id)


def verlopen_items(ws: Workspace, vandaag: date | None = None) -> list[BewaarItem]:
    """Everything that needs attention: period passed, early destruction requested, or a legal hold."""
    _vereis_bevestiger(ws)
    vandaag = vandaag or date.today()
    out = []
    for rt_key, rid in ws.db.conn.execute(
            "SELECT record_type, record_id FROM bewaar_item"
            " WHERE startdatum IS NOT NULL OR vroegtijdig = 1 OR blokkade = 1 ORDER BY startdatum, record_id"):
        loaded = _laad(ws, rt_key, rid)
        if loaded is None:
            continue
        v, extra = loaded
        if v.fase(vandaag) is not Fase.LOOPT:
            out.append(_item(ws, v, extra, vandaag))
    out.sort(key=lambda i: (i.vervalt_op or date.max, i.soort_naam, i.record_id))
    return out


def item(ws: Workspace, record_type: str, record_id: str | int, vandaag: date | None = None) -> BewaarItem | None:
    _vereis_bevestiger(ws, record_type, str(record_id))
    loaded = _laad(ws, record_type, str(record_id))
    return None if loaded is None else _item(ws, *loaded, vandaag or date.today())


def melding_bij_start(ws: Workspace, vandaag: date | None = None) -> str | None:
    """A Dutch notice for the start-up screen, for accounts who can act on it; None otherwise."""
    if not (mag(ws.session.rollen, Actie.BEWAARTERMIJN_BEHEREN)
            or mag(ws.session.rollen, Actie.BEWAARTERMIJN_BEVESTIGEN_AF)):
        return None
    items = [i for i in verlopen_items(ws, vandaag) if i.fase in (Fase.VERLOPEN, Fase.VROEGTIJDIG)]
    if not items:
        return None
    per_soort: dict[str, int] = {}
    for i in items:
        per_soort[i.soort_naam] = per_soort.get(i.soort_naam, 0) + 1
    lijst = ", ".join(f"{n} × {naam}" for naam, n in sorted(per_soort.items()))
    return (f"Er {'is' if len(items) == 1 else 'zijn'} {len(items)} "
            f"{'onderdeel' if len(items) == 1 else 'onderdelen'} waarvan de bewaartermijn voorbij is "
            f"of waarvoor een verzoek tot vernietigen ligt ({lijst}). "
            "Een beheerder en een aandachtsfunctionaris moeten allebei bevestigen voordat de app iets vernietigt. "
            "Ga naar Beheer > Bewaartermijnen.")


# --- acting --------------------------------------------------------------------

def _vereis_verwijderbaar(record_type: str) -> RecordType:
    rt = soort(record_type)
    if not rt.verwijderbaar:
        raise UserError(f"{rt.naam}: de app vernietigt deze gegevens niet. {rt.toelichting}".strip())
    if record_type not in _VERWIJDERAARS:
        raise UserError(f"{rt.naam}: de app kan deze gegevens (nog) niet vernietigen. Neem contact op met de leverancier.")
    return rt


def _controleer_bevestiging(ws: Workspace, v: Verwijdering, vandaag: date, actie: str) -> Verwijdering:
    """Apply the rules before any transaction, so a refusal is audited (and not rolled back)."""
    try:
        return v.bevestig(ws.session.account_id, ws.session.rollen, vandaag)
    except rules.NietToegestaan as exc:
        ws.audit(actie, v.record_type, v.record_id, resultaat="geweigerd")
        raise UserError(str(exc)) from None


def _sla_bevestiging_op(ws: Workspace, v: Verwijdering) -> None:
    ws.db.conn.execute(
        "INSERT INTO bewaar_bevestiging (record_type, record_id, account_id, rollen, tijdstip) VALUES (?,?,?,?,?)",
        [v.record_type, v.record_id, ws.session.account_id, ",".join(sorted(ws.session.rollen)), now_iso()])
    ws.audit("vernietiging_bevestigen", v.record_type, v.record_id)


def _vernietig(ws: Workspace, v: Verwijdering, vandaag: date, grond: str) -> None:
    _VERWIJDERAARS[v.record_type](ws, v.record_id)
    ws.db.conn.execute("DELETE FROM bewaar_item WHERE record_type = ? AND record_id = ?", [v.record_type, v.record_id])
    resultaat = "termijn_verlopen" if v.fase(vandaag) is Fase.VERLOPEN else f"vroegtijdig:{grond or 'anders'}"
    ws.audit("vernietigd", v.record_type, v.record_id, resultaat=resultaat)


def _na_vernietigen(ws: Workspace) -> None:
    # Old page versions can linger in the WAL file: write them back and empty it.
    # (secure_delete is on, so the freed pages in the database are overwritten.)
    try:
        ws.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except Exception:
        pass


def _grond(ws: Workspace, record_type: str, rid: str) -> str:
    row = ws.db.conn.execute("SELECT vroegtijdig_grond FROM bewaar_item WHERE record_type = ? AND record_id = ?",
                             [record_type, rid]).fetchone()
    return (row[0] or "") if row else ""


def _backup_voor_vernietigen(ws: Workspace) -> None:
    """An encrypted backup right before a purge (it raises, and nothing is destroyed, if that fails)."""
    from ghnt_desktop.services.backup import backup_before_purge

    backup_before_purge(ws)


def bevestig_verwijdering(ws: Workspace, record_type: str, record_id: str | int, *,
                          vandaag: date | None = None) -> bool:
    """Confirm deletion as beheerder or aandachtsfunctionaris. Returns True when the record is now destroyed."""
    _vereis_bevestiger(ws, record_type, str(record_id))
    _vereis_verwijderbaar(record_type)
    vandaag = vandaag or date.today()
    rid = str(record_id)
    loaded = _laad(ws, record_type, rid)
    if loaded is None:
        raise UserError("Voor deze gegevens loopt geen bewaartermijn. Er is niets te bevestigen.")
    v = _controleer_bevestiging(ws, loaded[0], vandaag, "vernietiging_bevestigen")
    klaar = v.mag_weg(vandaag)
    if klaar:
        _backup_voor_vernietigen(ws)
    with ws.db.atomic():
        _sla_bevestiging_op(ws, v)
        if klaar:
            _vernietig(ws, v, vandaag, _grond(ws, record_type, rid))
    if klaar:
        _na_vernietigen(ws)
    return klaar


def vroegtijdig_vernietigen(ws: Workspace, record_type: str, record_id: str | int, reden: str, *,
                            grond: str = "verzoek_betrokkene", vandaag: date | None = None) -> bool:
    """Request destruction before the period has passed, with a reason; counts as the caller's confirmation.

    The record is destroyed only when the other role confirms too (:func:`bevestig_verwijdering`).
    ``reden`` stays in the encrypted database until the record is destroyed; it never goes into the audit.
    Returns True when the record is destroyed now (the other confirmation was already there).
    """
    _vereis_bevestiger(ws, record_type, str(record_id))
    _vereis_verwijderbaar(record_type)
    if grond not in rules.VROEGTIJDIG_GRONDEN:
        raise ValidationError("Kies een grond voor het eerder vernietigen.")
    if not reden.strip():
        raise ValidationError("Geef een reden op voor het eerder vernietigen.")
    vandaag = vandaag or date.today()
    rid = str(record_id)
    loaded = _laad(ws, record_type, rid)
    huidig = loaded[0] if loaded else Verwijdering(record_type, rid, None, termijn_jaren(ws, record_type))
    if huidig.blokkade:
        ws.audit("vernietiging_verzoeken", record_type, rid, resultaat="geweigerd")
        raise UserError("Er ligt een juridische blokkade op deze gegevens. Ze mogen niet worden vernietigd.")
    al_bevestigd = any(b.account_id == ws.session.account_id for b in huidig.bevestigingen)
    v = None
    if not al_bevestigd:
        v = _controleer_bevestiging(ws, replace(huidig, vroegtijdig=True), vandaag, "vernietiging_verzoeken")
    klaar = v is not None and v.mag_weg(vandaag)
    if klaar:
        _backup_voor_vernietigen(ws)
    with ws.db.atomic():
        ws.db.conn.execute(
            "INSERT INTO bewaar_item (record_type, record_id, vroegtijdig, vroegtijdig_grond, vroegtijdig_reden,"
            " vroegtijdig_door, vroegtijdig_op) VALUES (?,?,1,?,?,?,?)"
            " ON CONFLICT (record_type, record_id) DO UPDATE SET vroegtijdig = 1,"
            " vroegtijdig_grond = excluded.vroegtijdig_grond, vroegtijdig_reden = excluded.vroegtijdig_reden,"
            " vroegtijdig_door = excluded.vroegtijdig_door, vroegtijdig_op = excluded.vroegtijdig_op",
            [record_type, rid, grond, reden.strip(), ws.session.account_id, now_iso()])
        ws.audit("vernietiging_verzoeken", record_type, rid, resultaat=f"grond:{grond}")
        if v is not None:
            _sla_bevestiging_op(ws, v)
            if klaar:
                _vernietig(ws, v, vandaag, grond)
    if klaar:
        _na_vernietigen(ws)
    return klaar


def trek_verzoek_in(ws: Workspace, record_type: str, record_id: str | int) -> None:
    """Withdraw an early-destruction request; pending confirmations go with it."""
    _vereis_bevestiger(ws, record_type, str(record_id))
    rid = str(record_id)
    with ws.db.atomic():
        ws.db.conn.execute(
            "UPDATE bewaar_item SET vroegtijdig = 0, vroegtijdig_grond = NULL, vroegtijdig_reden = NULL,"
            " vroegtijdig_door = NULL, vroegtijdig_op = NULL WHERE record_type = ? AND record_id = ?",
            [record_type, rid])
        ws.db.conn.execute("DELETE FROM bewaar_bevestiging WHERE record_type = ? AND record_id = ?", [record_type, rid])
        ws.audit("vernietiging_verzoek_intrekken", record_type, rid)


def juridische_blokkade(ws: Workspace, record_type: str, record_id: str | int, *, aan: bool, reden: str = "") -> None:
    """Set or lift a legal hold. While it is set, nothing deletes the record; setting it clears confirmations."""
    vereis(ws, Actie.BEWAARTERMIJN_BEHEREN, object_type=record_type, object_id=str(record_id))
    soort(record_type)
    if aan and not reden.strip():
        raise ValidationError("Geef een reden op voor de juridische blokkade (bijvoorbeeld: lopende rechtszaak).")
    rid = str(record_id)
    with ws.db.atomic():
        if aan:
            ws.db.conn.execute(
                "INSERT INTO bewaar_item (record_type, record_id, blokkade, blokkade_reden, blokkade_door, blokkade_op)"
                " VALUES (?,?,1,?,?,?) ON CONFLICT (record_type, record_id) DO UPDATE SET blokkade = 1,"
                " blokkade_reden = excluded.blokkade_reden, blokkade_door = excluded.blokkade_door,"
                " blokkade_op = excluded.blokkade_op",
                [record_type, rid, reden.strip(), ws.session.account_id, now_iso()])
            ws.db.conn.execute("DELETE FROM bewaar_bevestiging WHERE record_type = ? AND record_id = ?",
                               [record_type, rid])
        else:
            ws.db.conn.execute(
                "UPDATE bewaar_item SET blokkade = 0, blokkade_reden = NULL, blokkade_door = NULL, blokkade_op = NULL"
                " WHERE record_type = ? AND record_id = ?", [record_type, rid])
        ws.audit("juridische_blokkade", record_type, rid, resultaat="aan" if aan else "uit")
