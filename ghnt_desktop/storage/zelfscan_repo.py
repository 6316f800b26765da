"""SQL for the zelfscan module (tables in ``db/003_zelfscan.sql``; owner gemeente in ``db/009``).

A scan belongs to a team (``team_id``) or to a gemeente (``eigenaar_gemeente``); the owner is passed as
``team_id=..., gemeente=...`` with exactly one of them set.

Plain reads and writes on the open database: no authorization, no audit and no transactions of
its own. ``services.zelfscan`` calls these inside ``ws.db.atomic()`` together with ``ws.audit``.
Values are stored as the domain uses them: dates as ISO text, enums by their ``value``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Sequence, TypedDict

from ghnt_desktop.domain.zelfscan import (
    Antwoord,
    Deelnemer,
    DeelnemerRol,
    EigenaarSoort,
    Prioriteit,
    ScanStatus,
    gemeente_eigenaar_naam,
)
from ghnt_desktop.storage.connection import Db, inserted_id


# Tables of this module, child tables first (tests use this to check "nothing changed").
TABELLEN = ("zelfscan_import", "zelfscan_antwoord", "zelfscan_deelnemer", "zelfscan_gemeente", "zelfscan",
            "zelfscan_catalogus")


# ---------------------------------------------------------------------------
# Catalogues
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogusRij:
    id: str
    versie: str
    naam: str
    fingerprint: str
    officieel: bool
    actief: bool
    meegeleverd: bool
    geldig_van: str
    geimporteerd_op: str
    volgnummer: int  # rowid: order of import


_CAT_KOLOMMEN = "id, versie, naam, fingerprint, officieel, actief, meegeleverd, geldig_van, geimporteerd_op, rowid"


def _cat_rij(r: Sequence[Any]) -> CatalogusRij:
    return CatalogusRij(r[0], r[1], r[2], r[3], bool(r[4]), bool(r[5]), bool(r[6]), r[7], r[8], int(r[9]))


def catalogus_rijen(db: Db) -> list[CatalogusRij]:
    """All stored catalogues, newest first (geldig_van, then order of import)."""
    return [_cat_rij(r) for r in db.conn.execute(
        f"SELECT {_CAT_KOLOMMEN} FROM zelfscan_catalogus ORDER BY geldig_van DESC, rowid DESC")]


def catalogus_rij(db: Db, catalogus_id: str, versie: str) -> CatalogusRij | None:
    r = db.conn.execute(f"SELECT {_CAT_KOLOMMEN} FROM zelfscan_catalogus WHERE id = ? AND versie = ?",
                        [catalogus_id, versie]).fetchone()
    return _cat_rij(r) if r else None


def catalogus_inhoud(db: Db, catalogus_id: str, versie: str) -> tuple[str, str] | None:
    """(fingerprint, JSON content) of a stored catalogue, or None."""
    r = db.conn.execute("SELECT fingerprint, inhoud FROM zelfscan_catalogus WHERE id = ? AND versie = ?",
                        [catalogus_id, versie]).fetchone()
    return (r[0], r[1]) if r else None


def voeg_catalogus_toe(db: Db, *, catalogus_id: str, versie: str, naam: str,
                       fingerprint: str, officieel: bool, geldig_van: date, inhoud: str, meegeleverd: bool,
                       op: str, door: str | None, actief: bool = True) -> None:
    db.conn.execute(
        "INSERT INTO zelfscan_catalogus (id, versie, naam, fingerprint, officieel, actief, meegeleverd, geldig_van,"
        " inhoud, geimporteerd_op, geimporteerd_door) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [catalogus_id, versie, naam, fingerprint, int(officieel), int(actief), int(meegeleverd),
         geldig_van.isoformat(), inhoud, op, door])


def zet_catalogus_actief(db: Db, catalogus_id: str, versie: str, actief: bool) -> None:
    db.conn.execute("UPDATE zelfscan_catalogus SET actief = ? WHERE id = ? AND versie = ?",
                    [int(actief), catalogus_id, versie])


def aantal_scans_per_catalogus(db: Db) -> dict[tuple[str, str], int]:
    return {(r[0], r[1]): int(r[2]) for r in db.conn.execute(
        "SELECT catalogus_id, catalogus_versie, count(*) FROM zelfscan GROUP BY catalogus_id, catalogus_versie")}


# ---------------------------------------------------------------------------
# Teams and gemeenten (foundation tables, read only here)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamRij:
    id: int
    naam: str
    type: str
    actief: bool


def team_rijen(db: Db, *, team_ids: Iterable[int] | None = None,
               alleen_actief: bool = True) -> list[TeamRij]:
    sql = "SELECT id, naam, type, actief FROM team"
    waar: list[str] = []
    params: list[Any] = []
    if alleen_actief:
        waar.append("actief = 1")
    if team_ids is not None:
        ids = sorted(set(team_ids))
        if not ids:
            return []
        waar.append(f"id IN ({','.join('?' * len(ids))})")
        params += ids
    if waar:
        sql += " WHERE " + " AND ".join(waar)
    sql += " ORDER BY naam COLLATE NOCASE, id"
    return [TeamRij(int(r[0]), r[1], r[2], bool(r[3])) for r in db.conn.execute(sql, params)]


def team_rij(db: Db, team_id: int) -> TeamRij | None:
    r = db.conn.execute("SELECT id, naam, type, actief FROM team WHERE id = ?", [team_id]).fetchone()
    return TeamRij(int(r[0]), r[1], r[2], bool(r[3])) if r else None


def team_gemeente_codes(db: Db, team_ids: Iterable[int]) -> dict[int, list[str]]:
    ids = sorted(set(team_ids))
    uit: dict[int, list[str]] = {i: [] for i in ids}
    if not ids:
        return uit
    for r in db.conn.execute(
            f"SELECT team_id, cbs_code FROM team_gemeente WHERE team_id IN ({','.join('?' * len(ids))})"
            " ORDER BY cbs_code", ids):
        uit[int(r[0])].append(r[1])
    return uit


def gemeente_namen(db: Db, codes: Iterable[str]) -> dict[str, str]:
    """Name per CBS code: the workspace's own list first, then the bundled list, else the code itself."""
    codes = list(dict.fromkeys(codes))
    uit: dict[str, str] = {}
    if codes:
        for r in db.conn.execute(
                f"SELECT cbs_code, naam FROM werkruimte_gemeente WHERE cbs_code IN ({','.join('?' * len(codes))})",
                codes):
            uit[r[0]] = r[1]
    for c in codes:
        if c not in uit:
            uit[c] = _gemeente_naam_uit_lijst(c) or c
    return uit


def _gemeente_naam_uit_lijst(code: str) -> str | None:
    try:
        from ghnt_desktop.content.gemeenten import zoek_gemeente

        g = zoek_gemeente(code)
    except Exception:  # the reference list is a convenience here, never a reason to fail
        return None
    return g.naam if g is not None and g.cbs_code == code else None


def maak_team(db: Db, naam: str, type_: str, gemeente_codes: Iterable[str]) -> int:
    cur = db.conn.execute("INSERT INTO team (naam, type) VALUES (?, ?)", [naam, type_])
    team_id = inserted_id(cur)
    for code in dict.fromkeys(gemeente_codes):
        db.conn.execute("INSERT INTO team_gemeente (team_id, cbs_code) VALUES (?, ?)", [team_id, code])
    return team_id


# ---------------------------------------------------------------------------
# Scans
# ---------------------------------------------------------------------------


class Eigenaar(TypedDict):
    """Who owns a scan: a team or a gemeente, never both (``**rij.eigenaar`` as keyword arguments)."""

    team_id: int | None
    gemeente: str | None


@dataclass(frozen=True)
class ScanRij:
    id: int
    reeks_id: int
    team_id: int | None  # None for a gemeente scan
    team_naam_db: str | None  # the team's current name (None for a gemeente scan)
    team_type_db: str | None
    peildatum: date
    versie: int
    vorige_id: int | None
    status: ScanStatus
    catalogus_id: str
    catalogus_versie: str
    geimporteerd: bool
    vastgesteld_op: date | None
    vastgesteld_door: str | None
    heropen_reden: str | None
    aangemaakt_op: str
    gewijzigd_op: str
    eigenaar_gemeente: str | None = None  # CBS code of the owner gemeente (gemeente scan)
    eigenaar_gemeente_naam: str | None = None  # its name as stored with the scan

    @property
    def soort(self) -> EigenaarSoort:
        return EigenaarSoort.TEAM if self.eigenaar_gemeente is None else EigenaarSoort.GEMEENTE

    @property
    def team_naam(self) -> str:
        """The owner's display name: the team name, or "Gemeente X" for a gemeente scan."""
        if self.eigenaar_gemeente is not None:
            return gemeente_eigenaar_naam(self.eigenaar_gemeente_naam or self.eigenaar_gemeente)
        return self.team_naam_db or ""

    @property
    def team_type(self) -> str:
        return self.team_type_db or ""

    @property
    def eigenaar(self) -> Eigenaar:
        """Keyword arguments that name this scan's owner for the functions below."""
        return {"team_id": self.team_id, "gemeente": self.eigenaar_gemeente}


_SCAN_KOLOMMEN = (
    "z.id, z.reeks_id, z.team_id, t.naam, t.type, z.peildatum, z.versie, z.vorige_id, z.status, z.catalogus_id,"
    " z.catalogus_versie, z.geimporteerd, z.vastgesteld_op, z.vastgesteld_door, z.heropen_reden, z.aangemaakt_op,"
    " z.gewijzigd_op, z.eigenaar_gemeente, eg.naam"
)
_SCAN_VAN = ("FROM zelfscan z LEFT JOIN team t ON t.id = z.team_id"
             " LEFT JOIN zelfscan_gemeente eg ON eg.scan_id = z.id AND eg.cbs_code = z.eigenaar_gemeente")
_EIGENAAR_NAAM = "COALESCE(t.naam, eg.naam, z.eigenaar_gemeente)"
_ZELFDE_EIGENAAR = "z.team_id IS ? AND z.eigenaar_gemeente IS ?"


def _controleer_eigenaar(team_id: int | None, gemeente: str | None) -> list[int | str | None]:
    if (team_id is None) == (gemeente is None):
        raise ValueError("a scan has exactly one owner: a team or a gemeente")
    return [team_id, gemeente]


def _scan_rij(r: Sequence[Any]) -> ScanRij:
    return ScanRij(
        id=int(r[0]), reeks_id=int(r[1]), team_id=None if r[2] is None else int(r[2]), team_naam_db=r[3],
        team_type_db=r[4],
        peildatum=date.fromisoformat(r[5]), versie=int(r[6]), vorige_id=None if r[7] is None else int(r[7]),
        status=ScanStatus(r[8]), catalogus_id=r[9], catalogus_versie=r[10], geimporteerd=bool(r[11]),
        vastgesteld_op=None if r[12] is None else date.fromisoformat(r[12]), vastgesteld_door=r[13],
        heropen_reden=r[14], aangemaakt_op=r[15], gewijzigd_op=r[16], eigenaar_gemeente=r[17],
        eigenaar_gemeente_naam=r[18],
    )


def scan_rij(db: Db, scan_id: int) -> ScanRij | None:
    r = db.conn.execute(f"SELECT {_SCAN_KOLOMMEN} {_SCAN_VAN} WHERE z.id = ?", [scan_id]).fetchone()
    return _scan_rij(r) if r else None


_LAATSTE_VERSIE = "z.versie = (SELECT max(z2.versie) FROM zelfscan z2 WHERE z2.reeks_id = z.reeks_id)"
_LAATSTE_VASTGESTELDE = (
    "z.status = 'vastgesteld' AND NOT EXISTS (SELECT 1 FROM zelfscan z2 WHERE z2.reeks_id = z.reeks_id"
    " AND z2.status = 'vastgesteld' AND z2.versie > z.versie)"
)


def scan_rijen(db: Db, *, team_ids: Iterable[int] | None = None,
               gemeente_code: str | None = None, status: ScanStatus | None = None,
               alleen_laatste_versie: bool = True, alleen_vastgesteld_laatste: bool = False,
               reeks_id: int | None = None, soort: EigenaarSoort | None = None,
               eigenaar_gemeente: str | None = None) -> list[ScanRij]:
    """Scans, newest peildatum first.

    ``team_ids``: only team scans of these teams (so never a gemeente scan). ``soort``: only team scans or
    only gemeente scans. ``eigenaar_gemeente``: only the gemeente scans of this gemeente. ``gemeente_code``:
    scans *about* this gemeente (team scans of teams serving it, and its own gemeente scans).
    ``alleen_laatste_versie``: one row per reeks (its highest versie); ``status`` filters that row.
    ``alleen_vastgesteld_laatste``: instead, per reeks the highest *vastgestelde* versie.
    """
    waar: list[str] = []
    params: list[Any] = []
    if team_ids is not None:
        ids = sorted(set(team_ids))
        if not ids:
            return []
        waar.append(f"z.team_id IN ({','.join('?' * len(ids))})")
        params += ids
    if soort is not None:
        waar.append("z.team_id IS NOT NULL" if EigenaarSoort(soort) is EigenaarSoort.TEAM
                    else "z.eigenaar_gemeente IS NOT NULL")
    if eigenaar_gemeente is not None:
        waar.append("z.eigenaar_gemeente = ?")
        params.append(eigenaar_gemeente)
    if gemeente_code is not None:
        waar.append("EXISTS (SELECT 1 FROM zelfscan_gemeente g WHERE g.scan_id = z.id AND g.cbs_code = ?)")
        params.append(gemeente_code)
    if alleen_vastgesteld_laatste:
        waar.append(_LAATSTE_VASTGESTELDE)
    elif alleen_laatste_versie:
        waar.append(_LAATSTE_VERSIE)
    if status is not None:
        waar.append("z.status = ?")
        params.append(status.value)
    if reeks_id is not None:
        waar.append("z.reeks_id = ?")
        params.append(reeks_id)
    sql = f"SELECT {_SCAN_KOLOMMEN} {_SCAN_VAN}"
    if waar:
        sql += " WHERE " + " AND ".join(waar)
    sql += f" ORDER BY z.peildatum DESC, {_EIGENAAR_NAAM} COLLATE NOCASE, z.versie DESC, z.id DESC"
    return [_scan_rij(r) for r in db.conn.execute(sql, params)]


def vorige_vastgestelde_id(db: Db, rij: ScanRij) -> int | None:
    """Same owner (team or gemeente), latest vastgestelde version of another reeks with an earlier peildatum."""
    r = db.conn.execute(
        f"SELECT z.id FROM zelfscan z WHERE {_ZELFDE_EIGENAAR} AND z.peildatum < ? AND z.reeks_id != ?"
        f" AND {_LAATSTE_VASTGESTELDE} ORDER BY z.peildatum DESC, z.versie DESC, z.id DESC LIMIT 1",
        [rij.team_id, rij.eigenaar_gemeente, rij.peildatum.isoformat(), rij.reeks_id]).fetchone()
    return int(r[0]) if r else None


def heeft_nieuwere_versie(db: Db, rij: ScanRij) -> bool:
    return db.conn.execute("SELECT 1 FROM zelfscan WHERE reeks_id = ? AND versie > ? LIMIT 1",
                           [rij.reeks_id, rij.versie]).fetchone() is not None


def scan_met_peildatum(db: Db, team_id: int | None, peildatum: date,
                       zonder_reeks: int | None = None, *, gemeente: str | None = None) -> int | None:
    """A scan of this owner with this peildatum (outside reeks ``zonder_reeks``), or None."""
    eigenaar = _controleer_eigenaar(team_id, gemeente)
    r = db.conn.execute(
        f"SELECT z.id FROM zelfscan z WHERE {_ZELFDE_EIGENAAR} AND z.peildatum = ? AND z.reeks_id IS NOT ? LIMIT 1",
        [*eigenaar, peildatum.isoformat(), zonder_reeks]).fetchone()
    return int(r[0]) if r else None


def scans_zelfde_peildatum(db: Db, team_id: int | None, peildatum: date, *,
                           gemeente: str | None = None) -> list[ScanRij]:
    eigenaar = _controleer_eigenaar(team_id, gemeente)
    return [_scan_rij(r) for r in db.conn.execute(
        f"SELECT {_SCAN_KOLOMMEN} {_SCAN_VAN} WHERE {_ZELFDE_EIGENAAR} AND z.peildatum = ? ORDER BY z.versie, z.id",
        [*eigenaar, peildatum.isoformat()])]


def gemeenten_van(db: Db, scan_ids: Iterable[int]) -> dict[int, tuple[tuple[str, str], ...]]:
    ids = sorted(set(scan_ids))
    uit: dict[int, list[tuple[str, str]]] = {i: [] for i in ids}
    for i in range(0, len(ids), 500):
        deel = ids[i:i + 500]
        for r in db.conn.execute(
                f"SELECT scan_id, cbs_code, naam FROM zelfscan_gemeente WHERE scan_id IN ({','.join('?' * len(deel))})"
                " ORDER BY naam COLLATE NOCASE, cbs_code", deel):
            uit[int(r[0])].append((r[1], r[2]))
    return {k: tuple(v) for k, v in uit.items()}


def aantal_beantwoord(db: Db, scan_ids: Iterable[int]) -> dict[int, int]:
    ids = sorted(set(scan_ids))
    uit = {i: 0 for i in ids}
    for i in range(0, len(ids), 500):
        deel = ids[i:i + 500]
        for r in db.conn.execute(
                f"SELECT scan_id, count(*) FROM zelfscan_antwoord WHERE code IS NOT NULL"
                f" AND scan_id IN ({','.join('?' * len(deel))}) GROUP BY scan_id", deel):
            uit[int(r[0])] = int(r[1])
    return uit


def deelnemers_van(db: Db, scan_id: int) -> tuple[Deelnemer, ...]:
    return tuple(Deelnemer(DeelnemerRol(r[0]), r[1]) for r in db.conn.execute(
        "SELECT rol, naam FROM zelfscan_deelnemer WHERE scan_id = ? ORDER BY volgorde", [scan_id]))


def antwoorden_van(db: Db, scan_id: int) -> list[Antwoord]:
    return [
        Antwoord(standaard_id=r[0], code=r[1], toelichting=r[2], bewijs=r[3], verbeterpunt=bool(r[4]),
                 prioriteit=None if r[5] is None else Prioriteit(r[5]))
        for r in db.conn.execute(
            "SELECT standaard_id, code, toelichting, bewijs, verbeterpunt, prioriteit FROM zelfscan_antwoord"
            " WHERE scan_id = ?", [scan_id])
    ]


def voeg_scan_toe(db: Db, *, team_id: int | None, peildatum: date, versie: int,
                  reeks_id: int | None, vorige_id: int | None, catalogus_id: str, catalogus_versie: str,
                  geimporteerd: bool, heropen_reden: str | None, op: str, door: str | None,
                  gemeente: str | None = None) -> int:
    """Insert a scan with status concept (set vastgesteld afterwards, once its rows are in).

    Owner: ``team_id`` for a team scan, ``gemeente`` (CBS code) for a gemeente scan.
    """
    eigenaar = _controleer_eigenaar(team_id, gemeente)
    cur = db.conn.execute(
        "INSERT INTO zelfscan (reeks_id, team_id, eigenaar_gemeente, peildatum, versie, vorige_id, status,"
        " catalogus_id, catalogus_versie, geimporteerd, heropen_reden, aangemaakt_op, aangemaakt_door,"
        " gewijzigd_op) VALUES (0, ?, ?, ?, ?, ?, 'concept', ?, ?, ?, ?, ?, ?, ?)",
        [*eigenaar, peildatum.isoformat(), versie, vorige_id, catalogus_id, catalogus_versie, int(geimporteerd),
         heropen_reden, op, door, op])
    scan_id = inserted_id(cur)
    db.conn.execute("UPDATE zelfscan SET reeks_id = ? WHERE id = ?",
                    [scan_id if reeks_id is None else reeks_id, scan_id])
    return scan_id


def zet_gemeenten(db: Db, scan_id: int, gemeenten: Iterable[tuple[str, str]]) -> None:
    db.conn.execute("DELETE FROM zelfscan_gemeente WHERE scan_id = ?", [scan_id])
    db.conn.executemany("INSERT INTO zelfscan_gemeente (scan_id, cbs_code, naam) VALUES (?, ?, ?)",
                        [(scan_id, c, n) for c, n in gemeenten])


def zet_deelnemers(db: Db, scan_id: int, deelnemers: Iterable[Deelnemer]) -> None:
    db.conn.execute("DELETE FROM zelfscan_deelnemer WHERE scan_id = ?", [scan_id])
    db.conn.executemany("INSERT INTO zelfscan_deelnemer (scan_id, volgorde, rol, naam) VALUES (?, ?, ?, ?)",
                        [(scan_id, i, DeelnemerRol(d.rol).value, d.naam) for i, d in enumerate(deelnemers)])


def bewaar_antwoord(db: Db, scan_id: int, a: Antwoord, op: str) -> None:
    """Insert or replace the answer for one standard (one statement)."""
    db.conn.execute(
        "INSERT INTO zelfscan_antwoord (scan_id, standaard_id, code, toelichting, bewijs, verbeterpunt, prioriteit,"
        " updated_at) VALUES (?,?,?,?,?,?,?,?)"
        " ON CONFLICT (scan_id, standaard_id) DO UPDATE SET code = excluded.code,"
        " toelichting = excluded.toelichting, bewijs = excluded.bewijs, verbeterpunt = excluded.verbeterpunt,"
        " prioriteit = excluded.prioriteit, updated_at = excluded.updated_at",
        [scan_id, a.standaard_id, a.code, a.toelichting, a.bewijs, int(a.verbeterpunt),
         None if a.prioriteit is None else Prioriteit(a.prioriteit).value, op])


def voeg_antwoorden_toe(db: Db, scan_id: int, antwoorden: Iterable[Antwoord], op: str) -> None:
    db.conn.executemany(
        "INSERT INTO zelfscan_antwoord (scan_id, standaard_id, code, toelichting, bewijs, verbeterpunt, prioriteit,"
        " updated_at) VALUES (?,?,?,?,?,?,?,?)",
        [(scan_id, a.standaard_id, a.code, a.toelichting, a.bewijs, int(a.verbeterpunt),
          None if a.prioriteit is None else Prioriteit(a.prioriteit).value, op) for a in antwoorden])


def raak_aan(db: Db, scan_id: int, op: str) -> None:
    db.conn.execute("UPDATE zelfscan SET gewijzigd_op = ? WHERE id = ?", [op, scan_id])


def zet_peildatum(db: Db, scan_id: int, peildatum: date, op: str) -> None:
    db.conn.execute("UPDATE zelfscan SET peildatum = ?, gewijzigd_op = ? WHERE id = ?",
                    [peildatum.isoformat(), op, scan_id])


def zet_status(db: Db, scan_id: int, status: ScanStatus, *, op: str,
               vastgesteld_op: date | None = None, vastgesteld_door: str | None = None) -> None:
    db.conn.execute(
        "UPDATE zelfscan SET status = ?, vastgesteld_op = ?, vastgesteld_door = ?, gewijzigd_op = ? WHERE id = ?",
        [status.value, None if vastgesteld_op is None else vastgesteld_op.isoformat(), vastgesteld_door, op,
         scan_id])


# ---------------------------------------------------------------------------
# Imports
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportRij:
    scan_id: int
    geimporteerd_op: str


def import_met_duplicaat_sleutel(db: Db, sleutel: str) -> ImportRij | None:
    r = db.conn.execute("SELECT scan_id, geimporteerd_op FROM zelfscan_import WHERE duplicaat_sleutel = ?",
                        [sleutel]).fetchone()
    return ImportRij(int(r[0]), r[1]) if r else None


def import_met_identiteit(db: Db, sleutel: str) -> ImportRij | None:
    r = db.conn.execute("SELECT scan_id, geimporteerd_op FROM zelfscan_import WHERE identiteit_sleutel = ?"
                        " ORDER BY scan_id LIMIT 1", [sleutel]).fetchone()
    return ImportRij(int(r[0]), r[1]) if r else None


def voeg_import_toe(db: Db, *, scan_id: int, duplicaat_sleutel: str, identiteit_sleutel: str,
                    controle: str, namen_opgenomen: bool, op: str, door: str | None) -> None:
    db.conn.execute(
        "INSERT INTO zelfscan_import (scan_id, duplicaat_sleutel, identiteit_sleutel, controle, namen_opgenomen,"
        " geimporteerd_op, geimporteerd_door) VALUES (?,?,?,?,?,?,?)",
        [scan_id, duplicaat_sleutel, identiteit_sleutel, controle, int(namen_opgenomen), op, door])


def tel_rijen(db: Db, tabellen: Sequence[str] = TABELLEN) -> dict[str, int]:
    """Row count per table (used by tests and checks)."""
    return {t: int(db.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tabellen}
