"""Plan van aanpak: SQL for plans, sections, actions and progress notes (tables from ``db/004_plan.sql``;
``plan_actie.actielijn`` is free text since ``db/007_regiovisie.sql``).

Plain reads and writes without authorization or audit: ``services.plan`` does those and
calls these functions inside its own transaction. Dates are stored as ISO text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Sequence

from ghnt_desktop.domain.plan import ActieStatus, PlanStatus
from ghnt_desktop.storage.connection import Db, inserted_id



# --------------------------------------------------------------------------- value types


@dataclass(frozen=True)
class PlanRij:
    """One version of a plan (without sections and actions)."""

    id: int
    reeks_id: int
    gemeente_code: str
    periode_van: date
    periode_tot: date
    titel: str
    versie: int
    status: PlanStatus
    vastgesteld_door: str
    vastgesteld_op: date | None
    vorige_versie_id: int | None
    datalab: bool
    datalab_bevroren: str | None
    volgende_zelfscan: date | None
    aangemaakt_op: str
    gewijzigd_op: str
    scan_ids: tuple[int, ...] = ()

    @property
    def is_concept(self) -> bool:
        return self.status is PlanStatus.CONCEPT

    @property
    def jaar(self) -> int:
        return self.periode_van.year


@dataclass(frozen=True)
class SectieRij:
    code: str
    volgorde: int
    titel: str
    tekst: str


@dataclass(frozen=True)
class VoortgangRij:
    id: int
    datum: date
    notitie: str
    auteur_naam: str
    vastgelegd_op: str


@dataclass(frozen=True)
class ActieRij:
    id: int
    plan_id: int
    nummer: int
    omschrijving: str
    standaard_ids: tuple[str, ...]
    thema: str
    actielijn: str | None  # code of a line of the regiovisie profile (kept as stored)
    eigenaar: str
    partners: str
    start: date | None
    deadline: date | None
    budget: str
    capaciteit: str
    beoogd_resultaat: str
    indicator: str
    status: ActieStatus
    voortgang: tuple[VoortgangRij, ...] = ()

    @property
    def middelen(self) -> str:
        delen = []
        if self.budget.strip():
            delen.append(f"Budget: {self.budget.strip()}")
        if self.capaciteit.strip():
            delen.append(f"Capaciteit: {self.capaciteit.strip()}")
        return "\n".join(delen)

    @property
    def laatste_voortgang(self) -> VoortgangRij | None:
        return self.voortgang[-1] if self.voortgang else None


@dataclass(frozen=True)
class ActieVelden:
    """What the user fills in for an action (the row without id, nummer and notes)."""

    omschrijving: str
    standaard_ids: tuple[str, ...] = ()
    thema: str = ""
    actielijn: str | None = None  # code of a line of the regiovisie profile
    eigenaar: str = ""
    partners: str = ""
    start: date | None = None
    deadline: date | None = None
    budget: str = ""
    capaciteit: str = ""
    beoogd_resultaat: str = ""
    indicator: str = ""
    status: ActieStatus = ActieStatus.GEPLAND


# --------------------------------------------------------------------------- helpers


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


_PLAN_COLS = ("id, reeks_id, gemeente_code, periode_van, periode_tot, titel, versie, status, vastgesteld_door,"
              " vastgesteld_op, vorige_versie_id, datalab, datalab_bevroren, volgende_zelfscan, aangemaakt_op,"
              " gewijzigd_op")


def _plan(db: Db, row: Sequence[Any]) -> PlanRij:
    scans = tuple(r[0] for r in db.conn.execute(
        "SELECT scan_id FROM plan_scan WHERE plan_id = ? ORDER BY scan_id", [row[0]]))
    return PlanRij(
        id=row[0], reeks_id=row[1], gemeente_code=row[2], periode_van=date.fromisoformat(row[3]),
        periode_tot=date.fromisoformat(row[4]), titel=row[5], versie=row[6], status=PlanStatus(row[7]),
        vastgesteld_door=row[8] or "", vastgesteld_op=_d(row[9]), vorige_versie_id=row[10],
        datalab=bool(row[11]), datalab_bevroren=row[12], volgende_zelfscan=_d(row[13]),
        aangemaakt_op=row[14], gewijzigd_op=row[15], scan_ids=scans,
    )


# --------------------------------------------------------------------------- plans


def get_plan(db: Db, plan_id: int) -> PlanRij | None:
    row = db.conn.execute(f"SELECT {_PLAN_COLS} FROM plan WHERE id = ?", [plan_id]).fetchone()
    return _plan(db, row) if row else None


def plannen(db: Db, gemeente_code: str | None = None, *,
            alleen_laatste: bool = True) -> list[PlanRij]:
    """Plans, newest period first; with ``alleen_laatste`` only the newest version of each plan."""
    sql = f"SELECT {_PLAN_COLS} FROM plan p"
    where, params = [], []
    if gemeente_code is not None:
        where.append("p.gemeente_code = ?")
        params.append(gemeente_code)
    if alleen_laatste:
        where.append("p.versie = (SELECT MAX(q.versie) FROM plan q WHERE q.reeks_id = p.reeks_id)")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY p.periode_van DESC, p.periode_tot DESC, p.reeks_id DESC, p.versie DESC"
    return [_plan(db, r) for r in db.conn.execute(sql, params).fetchall()]


def versies(db: Db, reeks_id: int) -> list[PlanRij]:
    """Every version of one plan, newest first."""
    rows = db.conn.execute(f"SELECT {_PLAN_COLS} FROM plan WHERE reeks_id = ? ORDER BY versie DESC",
                           [reeks_id]).fetchall()
    return [_plan(db, r) for r in rows]


def overlappende_periode(db: Db, gemeente_code: str, van: date, tot: date,
                         behalve_reeks: int | None = None) -> int | None:
    """The reeks id of another plan of this gemeente whose period overlaps [van, tot], if any."""
    row = db.conn.execute(
        "SELECT reeks_id FROM plan WHERE gemeente_code = ? AND periode_van <= ? AND periode_tot >= ?"
        " AND reeks_id IS NOT ? LIMIT 1", [gemeente_code, tot.isoformat(), van.isoformat(), behalve_reeks]
    ).fetchone()
    return row[0] if row else None


def insert_plan(db: Db, *, gemeente_code: str, periode_van: date, periode_tot: date,
                titel: str, versie: int = 1, reeks_id: int | None = None, vorige_versie_id: int | None = None,
                datalab: bool = False, volgende_zelfscan: date | None = None, aangemaakt_op: str,
                aangemaakt_door: str | None) -> int:
    cur = db.conn.execute(
        "INSERT INTO plan (reeks_id, gemeente_code, periode_van, periode_tot, titel, versie, status,"
        " vorige_versie_id, datalab, volgende_zelfscan, aangemaakt_op, aangemaakt_door, gewijzigd_op)"
        " VALUES (COALESCE(?, 0), ?, ?, ?, ?, ?, 'concept', ?, ?, ?, ?, ?, ?)",
        [reeks_id, gemeente_code, periode_van.isoformat(), periode_tot.isoformat(), titel, versie,
         vorige_versie_id, int(datalab), _iso(volgende_zelfscan), aangemaakt_op, aangemaakt_door, aangemaakt_op],
    )
    plan_id = inserted_id(cur)
    if reeks_id is None:
        db.conn.execute("UPDATE plan SET reeks_id = ? WHERE id = ?", [plan_id, plan_id])
    return plan_id


def update_plan(db: Db, plan_id: int, *, gewijzigd_op: str, **velden: object) -> None:
    """Update columns of a concept plan (titel, periode_van, periode_tot, datalab, volgende_zelfscan)."""
    toegestaan = {"titel", "periode_van", "periode_tot", "datalab", "volgende_zelfscan"}
    sets: list[str] = []
    params: list[object] = []
    for k, v in velden.items():
        if k not in toegestaan:
            raise ValueError(k)
        if isinstance(v, date):
            v = v.isoformat()
        elif isinstance(v, bool):
            v = int(v)
        sets.append(f"{k} = ?")
        params.append(v)
    sets.append("gewijzigd_op = ?")
    params.append(gewijzigd_op)
    db.conn.execute(f"UPDATE plan SET {', '.join(sets)} WHERE id = ?", [*params, plan_id])


def touch(db: Db, plan_id: int, gewijzigd_op: str) -> None:
    db.conn.execute("UPDATE plan SET gewijzigd_op = ? WHERE id = ?", [gewijzigd_op, plan_id])


def set_vastgesteld(db: Db, plan_id: int, *, door: str, op: date,
                    datalab_bevroren: str | None, gewijzigd_op: str) -> None:
    db.conn.execute(
        "UPDATE plan SET status = 'vastgesteld', vastgesteld_door = ?, vastgesteld_op = ?, datalab_bevroren = ?,"
        " gewijzigd_op = ? WHERE id = ?",
        [door, op.isoformat(), datalab_bevroren, gewijzigd_op, plan_id],
    )


def set_scans(db: Db, plan_id: int, scan_ids: Iterable[int]) -> None:
    db.conn.execute("DELETE FROM plan_scan WHERE plan_id = ?", [plan_id])
    db.conn.executemany("INSERT INTO plan_scan (plan_id, scan_id) VALUES (?, ?)",
                        [(plan_id, int(s)) for s in sorted(set(scan_ids))])


def opvolger(db: Db, plan_id: int) -> int | None:
    """The id of the version made from this one, if any."""
    row = db.conn.execute("SELECT id FROM plan WHERE vorige_versie_id = ? LIMIT 1", [plan_id]).fetchone()
    return row[0] if row else None


# --------------------------------------------------------------------------- sections


def secties(db: Db, plan_id: int) -> list[SectieRij]:
    return [SectieRij(*r) for r in db.conn.execute(
        "SELECT code, volgorde, titel, tekst FROM plan_sectie WHERE plan_id = ? ORDER BY volgorde, code",
        [plan_id])]


def upsert_sectie(db: Db, plan_id: int, code: str, *, volgorde: int, titel: str,
                  tekst: str) -> None:
    db.conn.execute(
        "INSERT INTO plan_sectie (plan_id, code, volgorde, titel, tekst) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (plan_id, code) DO UPDATE SET tekst = excluded.tekst, titel = excluded.titel,"
        " volgorde = excluded.volgorde",
        [plan_id, code, volgorde, titel, tekst],
    )


# --------------------------------------------------------------------------- actions

_ACTIE_COLS = ("id, plan_id, nummer, omschrijving, thema, actielijn, eigenaar, partners, start, deadline, budget,"
               " capaciteit, beoogd_resultaat, indicator, status")


def acties(db: Db, plan_id: int) -> list[ActieRij]:
    rows = db.conn.execute(f"SELECT {_ACTIE_COLS} FROM plan_actie WHERE plan_id = ? ORDER BY nummer, id",
                           [plan_id]).fetchall()
    if not rows:
        return []
    standaarden: dict[int, list[str]] = {}
    for aid, sid in db.conn.execute(
            "SELECT s.actie_id, s.standaard_id FROM plan_actie_standaard s JOIN plan_actie a ON a.id = s.actie_id"
            " WHERE a.plan_id = ? ORDER BY s.standaard_id", [plan_id]):
        standaarden.setdefault(aid, []).append(sid)
    notities: dict[int, list[VoortgangRij]] = {}
    for r in db.conn.execute(
            "SELECT v.actie_id, v.id, v.datum, v.notitie, COALESCE(acc.naam, ''), v.vastgelegd_op"
            " FROM plan_actie_voortgang v JOIN plan_actie a ON a.id = v.actie_id"
            " LEFT JOIN account acc ON acc.id = v.auteur_id"
            " WHERE a.plan_id = ? ORDER BY v.datum, v.id", [plan_id]):
        notities.setdefault(r[0], []).append(VoortgangRij(r[1], date.fromisoformat(r[2]), r[3], r[4], r[5]))
    return [_actie(r, standaarden.get(r[0], ()), notities.get(r[0], ())) for r in rows]


def _natuurlijk(tekst: str) -> tuple[int | str, ...]:
    """Natural order: "LT-2" before "LT-10"."""
    return tuple(int(d) if d.isdigit() else d.casefold() for d in re.split(r"(\d+)", tekst))


def _actie(r: Sequence[Any], standaard_ids: Iterable[str], notities: Iterable[VoortgangRij]) -> ActieRij:
    return ActieRij(
        id=r[0], plan_id=r[1], nummer=r[2], omschrijving=r[3], thema=r[4],
        actielijn=r[5] or None, eigenaar=r[6], partners=r[7], start=_d(r[8]),
        deadline=_d(r[9]), budget=r[10], capaciteit=r[11], beoogd_resultaat=r[12], indicator=r[13],
        status=ActieStatus(r[14]), standaard_ids=tuple(sorted(standaard_ids, key=_natuurlijk)),
        voortgang=tuple(notities),
    )


def get_actie(db: Db, actie_id: int) -> ActieRij | None:
    row = db.conn.execute(f"SELECT {_ACTIE_COLS} FROM plan_actie WHERE id = ?", [actie_id]).fetchone()
    if row is None:
        return None
    return next(a for a in acties(db, row[1]) if a.id == actie_id)


def plan_van_actie(db: Db, actie_id: int) -> int | None:
    row = db.conn.execute("SELECT plan_id FROM plan_actie WHERE id = ?", [actie_id]).fetchone()
    return row[0] if row else None


def _actie_params(v: ActieVelden) -> list[object]:
    return [v.omschrijving, v.thema, v.actielijn or None, v.eigenaar, v.partners,
            _iso(v.start), _iso(v.deadline), v.budget, v.capaciteit, v.beoogd_resultaat, v.indicator,
            ActieStatus(v.status).value]


def insert_actie(db: Db, plan_id: int, velden: ActieVelden, *,
                 nummer: int | None = None) -> int:
    if nummer is None:
        nummer = int(db.conn.execute("SELECT COALESCE(MAX(nummer), 0) + 1 FROM plan_actie WHERE plan_id = ?",
                                     [plan_id]).fetchone()[0])
    cur = db.conn.execute(
        "INSERT INTO plan_actie (plan_id, nummer, omschrijving, thema, actielijn, eigenaar, partners, start,"
        " deadline, budget, capaciteit, beoogd_resultaat, indicator, status)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [plan_id, nummer, *_actie_params(velden)],
    )
    actie_id = inserted_id(cur)
    _set_standaarden(db, actie_id, velden.standaard_ids)
    return actie_id


def update_actie(db: Db, actie_id: int, velden: ActieVelden) -> None:
    db.conn.execute(
        "UPDATE plan_actie SET omschrijving = ?, thema = ?, actielijn = ?, eigenaar = ?, partners = ?, start = ?,"
        " deadline = ?, budget = ?, capaciteit = ?, beoogd_resultaat = ?, indicator = ?, status = ? WHERE id = ?",
        [*_actie_params(velden), actie_id],
    )
    db.conn.execute("DELETE FROM plan_actie_standaard WHERE actie_id = ?", [actie_id])
    _set_standaarden(db, actie_id, velden.standaard_ids)


def _set_standaarden(db: Db, actie_id: int, standaard_ids: Iterable[str]) -> None:
    db.conn.executemany("INSERT INTO plan_actie_standaard (actie_id, standaard_id) VALUES (?, ?)",
                        [(actie_id, s) for s in sorted(set(standaard_ids))])


def delete_actie(db: Db, actie_id: int) -> None:
    db.conn.execute("DELETE FROM plan_actie_voortgang WHERE actie_id = ?", [actie_id])
    db.conn.execute("DELETE FROM plan_actie_standaard WHERE actie_id = ?", [actie_id])
    db.conn.execute("DELETE FROM plan_actie WHERE id = ?", [actie_id])


def insert_voortgang(db: Db, actie_id: int, *, datum: date, notitie: str,
                     auteur_id: str | None, vastgelegd_op: str) -> int:
    cur = db.conn.execute(
        "INSERT INTO plan_actie_voortgang (actie_id, datum, notitie, auteur_id, vastgelegd_op) VALUES (?,?,?,?,?)",
        [actie_id, datum.isoformat(), notitie, auteur_id, vastgelegd_op])
    return inserted_id(cur)


def delete_voortgang(db: Db, notitie_id: int) -> int | None:
    """Remove one note; returns its actie id (None when it did not exist)."""
    row = db.conn.execute("SELECT actie_id FROM plan_actie_voortgang WHERE id = ?", [notitie_id]).fetchone()
    if row is None:
        return None
    db.conn.execute("DELETE FROM plan_actie_voortgang WHERE id = ?", [notitie_id])
    return int(row[0])


# --------------------------------------------------------------------------- new version


def kopieer_naar(db: Db, van_id: int, naar_id: int) -> dict[int, int]:
    """Copy scans, sections, actions (with standards and notes) of plan ``van_id`` into ``naar_id``.

    Returns old actie id -> new actie id.
    """
    conn = db.conn
    conn.execute("INSERT INTO plan_scan (plan_id, scan_id) SELECT ?, scan_id FROM plan_scan WHERE plan_id = ?",
                 [naar_id, van_id])
    conn.execute("INSERT INTO plan_sectie (plan_id, code, volgorde, titel, tekst)"
                 " SELECT ?, code, volgorde, titel, tekst FROM plan_sectie WHERE plan_id = ?", [naar_id, van_id])
    mapping: dict[int, int] = {}
    for (oud,) in conn.execute("SELECT id FROM plan_actie WHERE plan_id = ? ORDER BY nummer, id",
                               [van_id]).fetchall():
        cur = conn.execute(
            "INSERT INTO plan_actie (plan_id, nummer, omschrijving, thema, actielijn, eigenaar, partners, start,"
            " deadline, budget, capaciteit, beoogd_resultaat, indicator, status)"
            " SELECT ?, nummer, omschrijving, thema, actielijn, eigenaar, partners, start, deadline, budget,"
            " capaciteit, beoogd_resultaat, indicator, status FROM plan_actie WHERE id = ?", [naar_id, oud])
        nieuw = inserted_id(cur)
        mapping[oud] = nieuw
        conn.execute("INSERT INTO plan_actie_standaard (actie_id, standaard_id)"
                     " SELECT ?, standaard_id FROM plan_actie_standaard WHERE actie_id = ?", [nieuw, oud])
        conn.execute("INSERT INTO plan_actie_voortgang (actie_id, datum, notitie, auteur_id, vastgelegd_op)"
                     " SELECT ?, datum, notitie, auteur_id, vastgelegd_op FROM plan_actie_voortgang"
                     " WHERE actie_id = ? ORDER BY id", [nieuw, oud])
    return mapping
