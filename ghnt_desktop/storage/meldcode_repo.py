"""SQL for meldcode dossiers (schema in ``db/002_meldcode.sql``) and the JSON form of domain records.

No authorization and no audit here: that is the service's job (``services/meldcode.py``).
Every function takes the open database (``storage.connection.Db``) and runs in the caller's transaction.

Records are stored in one versioned table, ``meldcode_record``: ``soort`` says which domain type
the JSON in ``data`` holds. Dates are ISO strings (``date.isoformat()``), moments too
(``datetime.isoformat()``; aware UTC for the row timestamps), enums their stable value, tuples
lists. Unknown keys in stored JSON are ignored, missing keys get the dataclass default, so old
rows keep loading when a record type gains a field.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from dataclasses import dataclass
from datetime import date, datetime, timezone
from enum import Enum
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from ghnt_desktop.domain import meldcode_model as m
from ghnt_desktop.storage.connection import Db, inserted_id

if TYPE_CHECKING:  # pragma: no cover
    import weakref

# --------------------------------------------------------------------- record types

#: soort (stored) -> domain record type
RECORD_TYPES: dict[str, type] = {
    "betrokkene": m.Betrokkene,
    "signaal": m.Signaal,
    "kindcheck": m.Kindcheck,
    "consultatie": m.Consultatie,
    "gesprek": m.Gesprek,
    "gesprek_niet_gevoerd": m.GesprekNietGevoerd,
    "afweging": m.AfwegingAntwoord,
    "besluit": m.Besluit,
    "melding": m.Melding,
    "hulp": m.Hulp,
    "terugkoppeling": m.VeiligThuisTerugkoppeling,
    "overdracht": m.Overdracht,
    "acuut": m.Acuut,
}
SOORT_VAN_TYPE: dict[type, str] = {t: s for s, t in RECORD_TYPES.items()}

#: Events of the dossier itself, stored in the same table (data is a plain dict).
GEBEURTENISSEN = ("kop", "stap", "afsluiting", "heropening", "medeondertekening", "medewerker")

#: Record types that carry the meldcode round (``ronde``) they belong to.
MET_RONDE = frozenset({"afweging", "besluit", "melding", "hulp"})


def nu_iso(moment: datetime | None = None) -> str:
    """A moment in the one stored format (UTC, microseconds, explicit offset)."""
    moment = moment or datetime.now(timezone.utc)
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def moment_uit(tekst: str) -> datetime:
    """A stored moment as an aware datetime in local time."""
    return datetime.fromisoformat(tekst).astimezone()


# --------------------------------------------------------------------- JSON <-> domain

def _naar_json(waarde: Any) -> Any:
    if waarde is None or isinstance(waarde, (bool, int, float, str)):
        return waarde
    if isinstance(waarde, Enum):
        return waarde.value
    if isinstance(waarde, datetime):
        return waarde.isoformat()
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, (tuple, list)):
        return [_naar_json(x) for x in waarde]
    if isinstance(waarde, (set, frozenset)):
        return sorted(_naar_json(x) for x in waarde)
    if isinstance(waarde, dict):
        return {str(k): _naar_json(v) for k, v in waarde.items()}
    raise TypeError(f"cannot store a value of type {type(waarde).__name__}")


def record_naar_dict(record: Any) -> dict[str, Any]:
    """The JSON-safe dict of a domain record (without its ``id``: that is the row id)."""
    return {f.name: _naar_json(getattr(record, f.name)) for f in dataclasses.fields(record) if f.name != "id"}


def dumps(data: Any) -> str:
    return json.dumps(_naar_json(data), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _van_json(tp: Any, waarde: Any) -> Any:
    if waarde is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        opties = [a for a in typing.get_args(tp) if a is not type(None)]
        laatste: Exception | None = None
        for optie in opties:
            try:
                return _van_json(optie, waarde)
            except (TypeError, ValueError) as exc:
                laatste = exc
        raise laatste or ValueError("no matching type")
    if origin in (tuple, list, frozenset, set):
        args = [a for a in typing.get_args(tp) if a is not Ellipsis]
        item = args[0] if args else Any
        items = [_van_json(item, x) for x in waarde]
        return frozenset(items) if origin in (frozenset, set) else tuple(items)
    if tp is Any:
        return waarde
    if isinstance(tp, type):
        if issubclass(tp, Enum):
            return tp(waarde)
        if tp is datetime:
            return datetime.fromisoformat(waarde)
        if tp is date:
            if isinstance(waarde, str) and "T" in waarde:
                return datetime.fromisoformat(waarde).date()
            return date.fromisoformat(waarde)
        if tp is bool:
            if not isinstance(waarde, bool):
                raise TypeError("not a bool")
            return waarde
        if tp is int:
            if isinstance(waarde, bool) or not isinstance(waarde, int):
                raise TypeError("not an int")
            return waarde
        if tp is str:
            if not isinstance(waarde, str):
                raise TypeError("not a str")
            return waarde
    return waarde


def record_uit_dict(soort: str, data: dict[str, Any], record_id: int | None = None) -> Any:
    """Rebuild the domain record of ``soort`` from its stored dict."""
    cls = RECORD_TYPES[soort]
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name == "id" or f.name not in data:
            continue
        kwargs[f.name] = _van_json(hints[f.name], data[f.name])
    if "id" in hints:
        kwargs["id"] = record_id
    return cls(**kwargs)


# --------------------------------------------------------------------- rows

@dataclass(frozen=True)
class DossierRow:
    id: int
    client_referentie: str
    gemeente_code: str
    team_id: int | None
    eigenaar_id: str
    aandachtsfunctionaris_id: str | None
    status: str
    huidige_stap: int
    ronde: int
    geopend_op: str
    afgesloten_op: str | None
    aangemaakt_op: str
    laatste_activiteit: str


_DOSSIER_COLS = ", ".join(f.name for f in dataclasses.fields(DossierRow))


@dataclass(frozen=True)
class RecordRow:
    id: int
    dossier_id: int
    soort: str
    ronde: int
    data: str
    auteur_id: str
    tijdstip: str
    oorsprong_id: int | None
    vervangt_id: int | None
    versie: int
    vervangen: int
    ingetrokken: int

    @property
    def keten_id(self) -> int:
        """The id of the first version: stable across corrections."""
        return self.oorsprong_id or self.id

    def gegevens(self) -> dict[str, Any]:
        gegevens: dict[str, Any] = json.loads(self.data)  # a record's data is always a JSON object
        return gegevens


_RECORD_COLS = ", ".join(f.name for f in dataclasses.fields(RecordRow))


def dossier(db: Db, dossier_id: int) -> DossierRow | None:
    row = db.conn.execute(f"SELECT {_DOSSIER_COLS} FROM meldcode_dossier WHERE id = ?", [dossier_id]).fetchone()
    return DossierRow(*row) if row else None


def medewerkers(db: Db, dossier_id: int) -> list[str]:
    return [r[0] for r in db.conn.execute(
        "SELECT account_id FROM meldcode_dossier_account WHERE dossier_id = ? ORDER BY toegevoegd_op", [dossier_id])]


def vormen(db: Db, dossier_id: int) -> frozenset[str]:
    return frozenset(r[0] for r in db.conn.execute(
        "SELECT vorm FROM meldcode_dossier_vorm WHERE dossier_id = ?", [dossier_id]))


def maak_dossier(db: Db, *, client_referentie: str, gemeente_code: str, team_id: int | None,
                 eigenaar_id: str, aandachtsfunctionaris_id: str | None, geopend_op: date, tijdstip: str) -> int:
    cur = db.conn.execute(
        "INSERT INTO meldcode_dossier (client_referentie, gemeente_code, team_id, eigenaar_id,"
        " aandachtsfunctionaris_id, status, huidige_stap, ronde, geopend_op, aangemaakt_op, laatste_activiteit)"
        " VALUES (?, ?, ?, ?, ?, 'open', 1, 1, ?, ?, ?)",
        [client_referentie, gemeente_code, team_id, eigenaar_id, aandachtsfunctionaris_id, geopend_op.isoformat(),
         tijdstip, tijdstip])
    return inserted_id(cur)


_KOLOMMEN = frozenset({"client_referentie", "gemeente_code", "team_id", "eigenaar_id", "aandachtsfunctionaris_id",
                       "status", "huidige_stap", "ronde", "afgesloten_op", "laatste_activiteit"})


def wijzig_dossier(db: Db, dossier_id: int, **velden: Any) -> None:
    onbekend = set(velden) - _KOLOMMEN
    if onbekend:
        raise ValueError(f"unknown columns {sorted(onbekend)}")
    if not velden:
        return
    sets = ", ".join(f"{k} = ?" for k in velden)
    db.conn.execute(f"UPDATE meldcode_dossier SET {sets} WHERE id = ?", [*velden.values(), dossier_id])


def zet_vormen(db: Db, dossier_id: int, nieuw: Iterable[str]) -> None:
    db.conn.execute("DELETE FROM meldcode_dossier_vorm WHERE dossier_id = ?", [dossier_id])
    db.conn.executemany("INSERT INTO meldcode_dossier_vorm (dossier_id, vorm) VALUES (?, ?)",
                        [(dossier_id, v) for v in sorted(set(nieuw))])


def voeg_medewerker_toe(db: Db, dossier_id: int, account_id: str, door: str,
                        tijdstip: str) -> bool:
    cur = db.conn.execute(
        "INSERT OR IGNORE INTO meldcode_dossier_account (dossier_id, account_id, toegevoegd_door, toegevoegd_op)"
        " VALUES (?, ?, ?, ?)", [dossier_id, account_id, door, tijdstip])
    return cur.rowcount > 0


def verwijder_medewerker(db: Db, dossier_id: int, account_id: str) -> bool:
    cur = db.conn.execute("DELETE FROM meldcode_dossier_account WHERE dossier_id = ? AND account_id = ?",
                          [dossier_id, account_id])
    return cur.rowcount > 0


def voeg_record_toe(db: Db, *, dossier_id: int, soort: str, data: dict[str, Any],
                    auteur_id: str, tijdstip: str, ronde: int, vorige: RecordRow | None = None,
                    ingetrokken: bool = False) -> int:
    """Insert a record version. With ``vorige`` the new row corrects (replaces) that version."""
    if vorige is not None:
        if vorige.vervangen:
            raise ValueError("version already replaced")
        cur = db.conn.execute(
            "UPDATE meldcode_record SET vervangen = 1 WHERE id = ? AND vervangen = 0", [vorige.id])
        if cur.rowcount != 1:
            raise ValueError("version already replaced")
    cur = db.conn.execute(
        "INSERT INTO meldcode_record (dossier_id, soort, ronde, data, auteur_id, tijdstip, oorsprong_id,"
        " vervangt_id, versie, vervangen, ingetrokken) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
        [dossier_id, soort, ronde, dumps(data), auteur_id, tijdstip,
         None if vorige is None else vorige.keten_id, None if vorige is None else vorige.id,
         1 if vorige is None else vorige.versie + 1, int(ingetrokken)])
    return inserted_id(cur)


def record(db: Db, record_id: int) -> RecordRow | None:
    row = db.conn.execute(f"SELECT {_RECORD_COLS} FROM meldcode_record WHERE id = ?", [record_id]).fetchone()
    return RecordRow(*row) if row else None


def huidige_records(db: Db, dossier_id: int,
                    soorten: Iterable[str] | None = None) -> list[RecordRow]:
    """The current (not replaced, not withdrawn) version of every record, in recording order."""
    sql = f"SELECT {_RECORD_COLS} FROM meldcode_record WHERE dossier_id = ? AND vervangen = 0 AND ingetrokken = 0"
    params: list[Any] = [dossier_id]
    if soorten is not None:
        soorten = list(soorten)
        sql += f" AND soort IN ({','.join('?' * len(soorten))})"
        params += soorten
    sql += " ORDER BY coalesce(oorsprong_id, id), id"
    return [RecordRow(*r) for r in db.conn.execute(sql, params)]


def alle_records(db: Db, dossier_id: int) -> list[RecordRow]:
    """Every version of every record (the history), in time order."""
    return [RecordRow(*r) for r in db.conn.execute(
        f"SELECT {_RECORD_COLS} FROM meldcode_record WHERE dossier_id = ? ORDER BY tijdstip, id", [dossier_id])]


def ketens(db: Db, dossier_id: int) -> dict[int, int]:
    """Any version id -> the id of the current version of its chain (for references between records)."""
    rows = db.conn.execute(
        "SELECT id, coalesce(oorsprong_id, id), vervangen FROM meldcode_record WHERE dossier_id = ?",
        [dossier_id]).fetchall()
    huidig = {keten: rid for rid, keten, vervangen in rows if not vervangen}
    return {rid: huidig.get(keten, rid) for rid, keten, _ in rows}


def account_namen(db: Db, ids: Iterable[str | None]) -> dict[str, str]:
    ids = sorted({i for i in ids if i})
    if not ids:
        return {}
    return dict(db.conn.execute(f"SELECT id, naam FROM account WHERE id IN ({','.join('?' * len(ids))})", ids))


# --------------------------------------------------------------------- list, filter, search

@dataclass(frozen=True)
class Scope:
    """The SQL form of ``domain.roles.DossierScope``."""

    account_id: str
    eigen: bool
    team_ids: tuple[int, ...]


#: Page cache for the workspace connection (KiB). SQLCipher decrypts every page it reads; a cache that
#: holds the list indexes and the dossier table of 100,000 dossiers (~20 MB) keeps repeated list
#: queries in memory.
#: Walk the list in order only when it needs to look at fewer rows than this (see :func:`lijst`).
WANDEL_MAX = 20_000

_PER_DB: weakref.WeakKeyDictionary[Db, dict[str, Any]] | None = None


def _db_staat(db: Db) -> dict[str, Any]:
    """Per-connection state (page cache set, recent counts), dropped with the Database object."""
    global _PER_DB
    import weakref

    if _PER_DB is None:
        _PER_DB = weakref.WeakKeyDictionary()
    staat = _PER_DB.get(db)
    if staat is None:
        staat = {"cache": False, "tellingen": {}}
        _PER_DB[db] = staat
    return staat


_EIGEN_IDS = ("SELECT id FROM meldcode_dossier WHERE eigenaar_id = ?"
              " UNION SELECT id FROM meldcode_dossier WHERE aandachtsfunctionaris_id = ?"
              " UNION SELECT dossier_id FROM meldcode_dossier_account WHERE account_id = ?")


def like_patroon(zoek: str) -> str:
    escaped = zoek.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class _Filter:
    status: str | None = None
    stap: int | None = None
    gemeente_code: str | None = None
    vorm: str | None = None
    zoek: str = ""

    def sql(self, alias: str = "") -> tuple[str, list[Any]]:
        """`` AND ...`` conditions on the dossier columns (all in the teamfilter index) and the vorm link."""
        a = f"{alias}." if alias else ""
        delen: list[str] = []
        params: list[Any] = []
        if self.status is not None:
            delen.append(f"{a}status = ?")
            params.append(self.status)
        if self.stap is not None:
            delen.append(f"{a}huidige_stap = ?")
            params.append(self.stap)
        if self.gemeente_code:
            delen.append(f"{a}gemeente_code = ?")
            params.append(self.gemeente_code)
        if self.zoek:
            delen.append(f"{a}client_referentie LIKE ? ESCAPE '\\'")
            params.append(like_patroon(self.zoek))
        if self.vorm is not None:
            delen.append(f"{a}id IN (SELECT dossier_id FROM meldcode_dossier_vorm WHERE vorm = ?)")
            params.append(self.vorm)
        return "".join(f" AND {d}" for d in delen), params


def _teams(scope: Scope) -> str:
    return f"({','.join('?' * len(scope.team_ids))})"


def _match_sql(scope: Scope, f: _Filter) -> tuple[str, list[Any]]:
    """The ids of the matching dossiers in scope, as a subquery (index-only for the team part).

    Team part: the covering index ``meldcode_dossier_teamfilter`` answers scope and filters without
    reading table rows. Own part (owner, AF, added colleague): small id sets from their indexes,
    minus those already counted through a team.
    """
    fs, fp = f.sql()
    delen: list[str] = []
    params: list[Any] = []
    if scope.team_ids:
        delen.append("SELECT id FROM meldcode_dossier INDEXED BY meldcode_dossier_teamfilter"
                     f" WHERE team_id IN {_teams(scope)}{fs}")
        params += [*scope.team_ids, *fp]
    if scope.eigen:
        extra = f" AND NOT coalesce(team_id IN {_teams(scope)}, 0)" if scope.team_ids else ""
        delen.append(f"SELECT id FROM meldcode_dossier WHERE id IN ({_EIGEN_IDS}){extra}{fs}")
        params += [scope.account_id] * 3 + (list(scope.team_ids) if scope.team_ids else []) + fp
    if not delen:
        return "SELECT id FROM meldcode_dossier WHERE 0", []
    return " UNION ALL ".join(delen), params


def _scope_where(scope: Scope, alias: str = "d") -> tuple[str, list[Any]]:
    delen: list[str] = []
    params: list[Any] = []
    if scope.team_ids:
        delen.append(f"{alias}.team_id IN {_teams(scope)}")
        params += list(scope.team_ids)
    if scope.eigen:
        delen.append(f"{alias}.id IN ({_EIGEN_IDS})")
        params += [scope.account_id] * 3
    if not delen:
        return "0", []
    return "(" + " OR ".join(delen) + ")", params


#: Up to this many matches, :func:`tel` keeps the ids, so the page query needs no second index scan.
IDS_BEWAREN = 5000


def _telling(db: Db, scope: Scope, f: _Filter) -> tuple[int, tuple[int, ...] | None]:
    """(count, ids when at most IDS_BEWAREN) of the dossiers in scope that match; remembered until the
    next change on this connection (``total_changes``)."""
    tellingen: dict[tuple[int, Scope, _Filter], tuple[int, tuple[int, ...] | None]] = _db_staat(db)["tellingen"]
    sleutel = (db.conn.total_changes, scope, f)
    if sleutel in tellingen:
        return tellingen[sleutel]
    sql, params = _match_sql(scope, f)
    ids = [r[0] for r in db.conn.execute(f"{sql} LIMIT {IDS_BEWAREN + 1}", params)]
    if len(ids) <= IDS_BEWAREN:
        uit: tuple[int, tuple[int, ...] | None] = (len(ids), tuple(ids))
    else:
        uit = (int(db.conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]), None)
    if len(tellingen) > 32:
        tellingen.clear()
    tellingen[sleutel] = uit
    return uit


def tel(db: Db, scope: Scope, **filt: Any) -> int:
    """How many dossiers in scope match the filter."""
    return _telling(db, scope, _Filter(**filt))[0]


_LIJST_KOLOMMEN = ("d.id, d.client_referentie, d.gemeente_code, d.status, d.huidige_stap, d.eigenaar_id,"
                   " d.laatste_activiteit")


def lijst(db: Db, scope: Scope, *, offset: int, limit: int, **filt: Any) -> list[tuple[Any, ...]]:
    """Rows (id, referentie, gemeente, status, stap, eigenaar_naam, laatste_activiteit, vormen), newest first.

    Three plans. Few matches (at most :data:`IDS_BEWAREN`, e.g. a search): the count already fetched
    their ids; sort just those. Many matches (the usual case for a team): walk the activity index from
    the newest and stop after ``offset + limit`` matches, which looks at about
    ``(offset + limit) x total / matches`` rows. When that would be more than :data:`WANDEL_MAX`
    (scrolling far into a narrow list): take the matching ids from :func:`_match_sql` and sort those.
    """
    f = _Filter(**filt)
    n, bekende_ids = _telling(db, scope, f)
    if n == 0 or offset >= n or limit == 0:
        return []
    totaal = int(db.conn.execute("SELECT coalesce(max(id), 0) FROM meldcode_dossier").fetchone()[0])
    if bekende_ids is not None:  # few matches: their ids are known, sort just those
        sql = f"SELECT {_LIJST_KOLOMMEN} FROM meldcode_dossier d WHERE d.id IN ({','.join('?' * len(bekende_ids))})"
        params = list(bekende_ids)
    elif scope.team_ids and (offset + limit) * totaal / n <= WANDEL_MAX:
        where, params = _scope_where(scope)
        fs, fp = f.sql("d")
        sql = (f"SELECT {_LIJST_KOLOMMEN} FROM meldcode_dossier d INDEXED BY meldcode_dossier_activiteit"
               f" WHERE {where}{fs}")
        params = [*params, *fp]
    else:
        match, params = _match_sql(scope, f)
        sql = f"SELECT {_LIJST_KOLOMMEN} FROM meldcode_dossier d WHERE d.id IN ({match})"
    rows = db.conn.execute(f"{sql} ORDER BY d.laatste_activiteit DESC, d.id DESC LIMIT ? OFFSET ?",
                           [*params, limit, offset]).fetchall()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    marks = ",".join("?" * len(ids))
    per: dict[int, list[str]] = {}
    for did, v in db.conn.execute(
            f"SELECT dossier_id, vorm FROM meldcode_dossier_vorm WHERE dossier_id IN ({marks})", ids):
        per.setdefault(did, []).append(v)
    namen = account_namen(db, (r[5] for r in rows))
    return [(*r[:5], namen.get(r[5], ""), r[6], tuple(per.get(r[0], ()))) for r in rows]


def dossiers_in_scope(db: Db, scope: Scope, *, status: str | None = None,
                      soorten: Iterable[str] = (), met_soort_of_stil_voor: tuple[Iterable[str], str] | None = None
                      ) -> tuple[list[DossierRow], dict[int, list[RecordRow]]]:
    """The dossier rows in scope (optionally of one status) and their current records of ``soorten``.

    ``met_soort_of_stil_voor=(soorten, moment)``: only dossiers that hold a current record of one of
    those soorten, or whose last activity is before ``moment`` (ISO).
    """
    sql, params = _match_sql(scope, _Filter(status=status))
    extra, extra_params = "", []
    if met_soort_of_stil_voor is not None:
        nodig, grens = list(met_soort_of_stil_voor[0]), met_soort_of_stil_voor[1]
        extra = (f" AND (laatste_activiteit < ? OR id IN (SELECT dossier_id FROM meldcode_record WHERE vervangen = 0"
                 f" AND ingetrokken = 0 AND soort IN ({','.join('?' * len(nodig))})))")
        extra_params = [grens, *nodig]
    sql = f"SELECT id FROM meldcode_dossier WHERE id IN ({sql}){extra}"
    params = [*params, *extra_params]
    rows = [DossierRow(*r) for r in db.conn.execute(
        f"SELECT {_DOSSIER_COLS} FROM meldcode_dossier WHERE id IN ({sql}) ORDER BY id", params)]
    per: dict[int, list[RecordRow]] = {}
    soorten = list(soorten)
    if rows and soorten:
        for r in db.conn.execute(
                f"SELECT {_RECORD_COLS} FROM meldcode_record WHERE vervangen = 0 AND ingetrokken = 0"
                f" AND soort IN ({','.join('?' * len(soorten))}) AND dossier_id IN ({sql})"
                " ORDER BY dossier_id, coalesce(oorsprong_id, id), id", [*soorten, *params]):
            rec = RecordRow(*r)
            per.setdefault(rec.dossier_id, []).append(rec)
    return rows, per


def ids_in_scope(db: Db, scope: Scope, *, status: str | None = None,
                 gemeente_code: str | None = None) -> list[int]:
    sql, params = _match_sql(scope, _Filter(status=status, gemeente_code=gemeente_code))
    return sorted(r[0] for r in db.conn.execute(sql, params))


# --------------------------------------------------------------------- drafts (autosave)

def bewaar_concept(db: Db, account_id: str, dossier_id: int | None, sleutel: str,
                   inhoud_json: str, tijdstip: str) -> None:
    db.conn.execute(
        "INSERT INTO meldcode_concept (account_id, dossier_id, sleutel, inhoud, tijdstip) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (account_id, dossier_id, sleutel) DO UPDATE SET inhoud = excluded.inhoud,"
        " tijdstip = excluded.tijdstip",
        [account_id, dossier_id or 0, sleutel, inhoud_json, tijdstip])


def concepten(db: Db, account_id: str, dossier_id: int | None) -> list[tuple[str, str, str]]:
    return db.conn.execute(
        "SELECT sleutel, inhoud, tijdstip FROM meldcode_concept WHERE account_id = ? AND dossier_id = ?"
        " ORDER BY sleutel", [account_id, dossier_id or 0]).fetchall()


def wis_concept(db: Db, account_id: str, dossier_id: int | None, sleutel: str) -> None:
    db.conn.execute("DELETE FROM meldcode_concept WHERE account_id = ? AND dossier_id = ? AND sleutel = ?",
                    [account_id, dossier_id or 0, sleutel])


# --------------------------------------------------------------------- destruction (retention)

def verwijder_dossier_definitief(db: Db, dossier_id: int) -> None:
    """Delete a dossier with every version of every record, its links and all drafts about it.

    One transaction (a savepoint when the caller already opened one). No audit here: the
    retention service writes the single content-free ``vernietigd`` entry. ``secure_delete``
    is on, so freed pages are overwritten; the caller checkpoints the WAL afterwards.
    """
    with db.atomic():
        c = db.conn
        c.execute("DELETE FROM meldcode_concept WHERE dossier_id = ?", [dossier_id])
        c.execute("DELETE FROM meldcode_record WHERE dossier_id = ?", [dossier_id])
        c.execute("DELETE FROM meldcode_dossier_vorm WHERE dossier_id = ?", [dossier_id])
        c.execute("DELETE FROM meldcode_dossier_account WHERE dossier_id = ?", [dossier_id])
        c.execute("DELETE FROM meldcode_dossier WHERE id = ?", [dossier_id])


def teamgenoten(db: Db, team_ids: Iterable[int], rollen: tuple[str, ...]) -> list[tuple[str, str]]:
    """(account id, naam) of active accounts with one of ``rollen`` in ``team_ids`` (names only)."""
    teams = sorted(team_ids)
    if not teams:
        return []
    rows = db.conn.execute(
        "SELECT DISTINCT a.id, a.naam FROM account a"
        f" JOIN account_rol r ON r.account_id = a.id AND r.rol IN ({','.join('?' * len(rollen))})"
        " JOIN account_team t ON t.account_id = a.id"
        f" WHERE a.actief = 1 AND t.team_id IN ({','.join('?' * len(teams))}) ORDER BY a.naam",
        [*rollen, *teams])
    return [(r[0], r[1]) for r in rows]


# --------------------------------------------------------------------- the eindverantwoordelijke's scope

#: The id of the latest current decision of the dossier's current round (by chain order, like the service).
_LAATSTE_BESLUIT = ("SELECT b.id FROM meldcode_record b WHERE b.dossier_id = d.id AND b.soort = 'besluit'"
                    " AND b.vervangen = 0 AND b.ingetrokken = 0 AND b.ronde = d.ronde"
                    " ORDER BY coalesce(b.oorsprong_id, b.id) DESC, b.id DESC LIMIT 1")

_GETEKEND_DOOR_EV = ("SELECT 1 FROM meldcode_record m WHERE m.dossier_id = d.id AND m.soort = 'medeondertekening'"
                     " AND m.vervangen = 0 AND m.ingetrokken = 0"
                     " AND json_extract(m.data, '$.eindverantwoordelijke') = 1"
                     f" AND json_extract(m.data, '$.besluit_id') = ({_LAATSTE_BESLUIT})")


def wacht_op_besluit_sql(alias: str = "d") -> str:
    """SQL condition: the dossier is open, at stap 5, and its latest decision of this round is not yet signed by
    an eindverantwoordelijke (or there is no decision yet)."""
    sql = f"(d.status = 'open' AND d.huidige_stap = 5 AND NOT EXISTS ({_GETEKEND_DOOR_EV}))"
    return sql if alias == "d" else sql.replace("d.", f"{alias}.")


def wacht_op_besluit(db: Db, dossier_id: int) -> bool:
    return db.conn.execute(f"SELECT 1 FROM meldcode_dossier d WHERE d.id = ? AND {wacht_op_besluit_sql()}",
                           [dossier_id]).fetchone() is not None


def wachtend_op_besluit(db: Db, team_ids: Iterable[int] | None) -> list[DossierRow]:
    """The dossiers awaiting the eindverantwoordelijke's decision, of ``team_ids`` (``None``: of every team).

    This is a separate query on purpose: the general list (:func:`lijst`, :func:`tel`) never includes these
    dossiers for someone whose only access is the decision."""
    params: list[Any] = []
    teams = ""
    if team_ids is not None:
        ids = sorted(team_ids)
        if not ids:
            return []
        teams = f" AND d.team_id IN ({','.join('?' * len(ids))})"
        params += ids
    cols = ", ".join(f"d.{f.name}" for f in dataclasses.fields(DossierRow))
    return [DossierRow(*r) for r in db.conn.execute(
        f"SELECT {cols} FROM meldcode_dossier d WHERE {wacht_op_besluit_sql()}{teams} ORDER BY d.id", params)]


def managers_van_team(db: Db, team_id: int | None) -> list[tuple[str, str]]:
    """(account id, naam) of the active teamleiders/managers who are members of ``team_id``."""
    if team_id is None:
        return []
    return teamgenoten(db, {team_id}, ("manager",))


# --------------------------------------------------------------------- the organisation's own contacts

@dataclass(frozen=True)
class ContactVersie:
    id: int
    contact_id: str
    versie: int
    naam: str
    telefoon: str | None
    website: str | None
    bereikbaar: str
    wanneer: str
    verwijderd: bool
    door: str
    op: str


_CONTACT_COLS = "id, contact_id, versie, naam, telefoon, website, bereikbaar, wanneer, verwijderd, door, op"


def _contact(r: Sequence[Any]) -> ContactVersie:
    return ContactVersie(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]), r[9], r[10])


def huidige_contacten(db: Db) -> dict[str, ContactVersie]:
    """contact_id -> its latest version (also when that version says 'verwijderd')."""
    rows = db.conn.execute(
        f"SELECT {_CONTACT_COLS} FROM meldcode_contact c WHERE versie = "
        "(SELECT max(versie) FROM meldcode_contact WHERE contact_id = c.contact_id) ORDER BY id").fetchall()
    return {r[1]: _contact(r) for r in rows}


def contact_versies(db: Db, contact_id: str) -> list[ContactVersie]:
    return [_contact(r) for r in db.conn.execute(
        f"SELECT {_CONTACT_COLS} FROM meldcode_contact WHERE contact_id = ? ORDER BY versie", [contact_id])]


def bewaar_contact_versie(db: Db, contact_id: str, *, naam: str, telefoon: str | None,
                          website: str | None, bereikbaar: str, wanneer: str, verwijderd: bool, door: str,
                          op: str) -> int:
    versie = int(db.conn.execute("SELECT coalesce(max(versie), 0) FROM meldcode_contact WHERE contact_id = ?",
                                 [contact_id]).fetchone()[0]) + 1
    db.conn.execute(
        "INSERT INTO meldcode_contact (contact_id, versie, naam, telefoon, website, bereikbaar, wanneer, verwijderd,"
        " door, op) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [contact_id, versie, naam, telefoon, website, bereikbaar, wanneer, int(verwijderd), door, op])
    return versie
