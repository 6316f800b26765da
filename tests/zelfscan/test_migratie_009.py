"""db/009_zelfscan_gemeente.sql: zelfscan rebuilt with an owner gemeente; data, triggers and FKs intact."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ghnt_desktop.storage import migrations

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NU = "2026-03-01T10:00:00+01:00"
FP = "a" * 64

# Tables whose rows must come through unchanged (zelfscan itself gains a column).
KINDEREN = ("zelfscan_gemeente", "zelfscan_deelnemer", "zelfscan_antwoord", "zelfscan_import", "plan_scan")


class _Db:
    """The minimal object ``migrations.migrate`` needs: a ``conn``."""

    def __init__(self, conn) -> None:
        self.conn = conn


def _open(path: Path) -> _Db:
    import sqlcipher3

    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")  # as storage.connection does
    return _Db(conn)


def _voor_009():
    return [m for m in migrations.load_migrations() if m.version < 9]


def _vul(db: _Db) -> None:
    """Two teams, team scans in every state, answers, deelnemers, an import and a vastgesteld plan."""
    x = db.conn.execute
    x("INSERT INTO account (id, login, naam, aangemaakt_op) VALUES ('acc1', 'tester', 'Test', ?)", [NU])
    x("INSERT INTO werkruimte_gemeente (cbs_code, naam) VALUES ('GM0479', 'Zaanstad')")
    x("INSERT INTO team (id, naam, type) VALUES (1, 'Wijkteam Oost', 'wijkteam'), (2, 'Team West', 'wijkteam')")
    x("INSERT INTO zelfscan_catalogus (id, versie, naam, fingerprint, officieel, geldig_van, inhoud, geimporteerd_op)"
      " VALUES ('vng', '1', 'Kader', ?, 0, '2019-11-21', '{}', ?)", [FP, NU])
    scans = [
        # id, reeks, team, peildatum, versie, vorige, status, vastgesteld_op, geimporteerd
        (1, 1, 1, "2025-01-10", 1, None, "vastgesteld", "2025-01-20", 0),
        (2, 1, 1, "2025-01-10", 2, 1, "concept", None, 0),
        (3, 3, 2, "2025-02-01", 1, None, "vastgesteld", "2025-02-02", 1),
        (4, 4, 2, "2026-01-05", 1, None, "ingevuld", None, 0),
    ]
    for (i, reeks, team, peil, versie, vorige, status, vast, imp) in scans:
        x("INSERT INTO zelfscan (id, reeks_id, team_id, peildatum, versie, vorige_id, status, catalogus_id,"
          " catalogus_versie, geimporteerd, vastgesteld_op, vastgesteld_door, heropen_reden, aangemaakt_op,"
          " aangemaakt_door, gewijzigd_op) VALUES (?,?,?,?,?,?,'concept','vng','1',?,NULL,NULL,?,?,'acc1',?)",
          [i, reeks, team, peil, versie, vorige, imp, "reden" if versie > 1 else None, NU, NU])
        x("INSERT INTO zelfscan_gemeente (scan_id, cbs_code, naam) VALUES (?, 'GM0479', 'Zaanstad')", [i])
        x("INSERT INTO zelfscan_deelnemer (scan_id, volgorde, rol, naam) VALUES (?, 0, 'teamleider', 'Sanne')", [i])
        for sid, code, vp, prio in (("LT-01", "V", 0, None), ("GM-01", "N", 1, "hoog")):
            x("INSERT INTO zelfscan_antwoord (scan_id, standaard_id, code, toelichting, verbeterpunt, prioriteit,"
              " updated_at) VALUES (?,?,?,?,?,?,?)", [i, sid, code, f"toelichting {i}", vp, prio, NU])
        if imp:
            x("INSERT INTO zelfscan_import (scan_id, duplicaat_sleutel, identiteit_sleutel, controle, namen_opgenomen,"
              " geimporteerd_op) VALUES (?, ?, ?, ?, 0, ?)", [i, "d" * 64, "i" * 64, "c" * 64, NU])
        if status != "concept":
            x("UPDATE zelfscan SET status = ?, vastgesteld_op = ? WHERE id = ?", [status, vast, i])
    x("INSERT INTO plan (id, reeks_id, gemeente_code, periode_van, periode_tot, titel, aangemaakt_op, gewijzigd_op)"
      " VALUES (1, 1, 'GM0479', '2026-01-01', '2026-12-31', 'Plan', ?, ?)", [NU, NU])
    x("INSERT INTO plan_scan (plan_id, scan_id) VALUES (1, 1), (1, 3)")
    x("INSERT INTO plan (id, reeks_id, gemeente_code, periode_van, periode_tot, titel, aangemaakt_op, gewijzigd_op)"
      " VALUES (2, 2, 'GM0479', '2027-01-01', '2027-12-31', 'Concept', ?, ?)", [NU, NU])
    x("UPDATE plan SET status = 'vastgesteld', vastgesteld_door = 'College', vastgesteld_op = '2026-02-01'"
      " WHERE id = 1")


def _rijen(db: _Db, tabel: str) -> list[tuple]:
    return sorted(tuple(r) for r in db.conn.execute(f"SELECT * FROM {tabel}"))


def _namen(db: _Db, soort: str) -> set[str]:
    return {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'",
                                          [soort])}


def _verwijzingen(db: _Db, tabel: str) -> set[str]:
    return {r[2] for r in db.conn.execute(f"PRAGMA foreign_key_list({tabel})")}


def test_migratie_009_houdt_gegevens_triggers_en_verwijzingen(tmp_path):
    db = _open(tmp_path / "w.db")
    migrations.migrate(db, migrations=_voor_009())
    assert migrations.current_version(db) == max(m.version for m in _voor_009())
    _vul(db)
    voor = {t: _rijen(db, t) for t in KINDEREN}
    scans_voor = _rijen(db, "zelfscan")
    triggers_voor, indexen_voor = _namen(db, "trigger"), _namen(db, "index")
    assert len(scans_voor) == 4 and voor["plan_scan"] == [(1, 1), (1, 3)]

    assert migrations.migrate(db) >= 1
    assert migrations.current_version(db) == migrations.latest_version()

    # Data: every child row unchanged, every scan unchanged apart from the new (empty) owner column.
    for t in KINDEREN:
        assert _rijen(db, t) == voor[t], t
    kolommen = [r[1] for r in db.conn.execute("PRAGMA table_info(zelfscan)")]
    assert "eigenaar_gemeente" in kolommen
    na = [tuple(r) for r in db.conn.execute(
        "SELECT " + ", ".join(k for k in kolommen if k != "eigenaar_gemeente") + " FROM zelfscan ORDER BY id")]
    assert na == sorted(scans_voor)
    assert db.conn.execute("SELECT count(*) FROM zelfscan WHERE eigenaar_gemeente IS NOT NULL").fetchone()[0] == 0

    # Every trigger and index is back (plus the owner index); no helper table is left over.
    assert triggers_voor <= _namen(db, "trigger")
    assert indexen_voor | {"zelfscan_eigenaar_gemeente"} == _namen(db, "index")
    assert not [t for t in _namen(db, "table") if "nieuw" in t or "oud" in t]

    # Foreign keys point at the real zelfscan table, and they all hold.
    for t in KINDEREN:
        assert "zelfscan" in _verwijzingen(db, t), t
        assert not any("nieuw" in v for v in _verwijzingen(db, t)), t
    assert _verwijzingen(db, "zelfscan") == {"team", "zelfscan", "account", "zelfscan_catalogus"}
    assert list(db.conn.execute("PRAGMA foreign_key_check")) == []
    assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with pytest.raises(Exception, match="FOREIGN KEY"):
        db.conn.execute("INSERT INTO plan_scan (plan_id, scan_id) VALUES (2, 999)")
    db.conn.execute("INSERT INTO plan_scan (plan_id, scan_id) VALUES (2, 4)")

    # A vastgestelde scan still cannot change (row, answers, deelnemers, gemeenten, new owner column).
    for sql in ("UPDATE zelfscan SET peildatum = '2025-01-11' WHERE id = 1",
                "UPDATE zelfscan SET team_id = NULL, eigenaar_gemeente = 'GM0479' WHERE id = 3",
                "UPDATE zelfscan_antwoord SET code = 'V' WHERE scan_id = 1 AND standaard_id = 'GM-01'",
                "INSERT INTO zelfscan_antwoord (scan_id, standaard_id, code, updated_at) VALUES (1, 'LT-02', 'V', 'x')",
                "INSERT INTO zelfscan_deelnemer (scan_id, volgorde, rol) VALUES (1, 5, 'overig')",
                "UPDATE zelfscan_deelnemer SET naam = 'Ander' WHERE scan_id = 3",
                "INSERT INTO zelfscan_gemeente (scan_id, cbs_code, naam) VALUES (1, 'GM0439', 'Purmerend')",
                "UPDATE zelfscan_gemeente SET naam = 'X' WHERE scan_id = 1"):
        with pytest.raises(Exception, match="zelfscan is vastgesteld"):
            db.conn.execute(sql)
    # ... and a vastgesteld plan keeps its scans.
    with pytest.raises(Exception, match="plan is vastgesteld"):
        db.conn.execute("DELETE FROM plan_scan WHERE plan_id = 1 AND scan_id = 3")
    # A concept scan can still change; deleting an older version only clears vorige_id (ON DELETE SET NULL).
    db.conn.execute("UPDATE zelfscan_antwoord SET code = 'D' WHERE scan_id = 2 AND standaard_id = 'LT-01'")

    # Exactly one owner: a team or a gemeente, never both, never none; the code must look like a CBS code.
    basis = ("INSERT INTO zelfscan (reeks_id, team_id, eigenaar_gemeente, peildatum, status, catalogus_id,"
             " catalogus_versie, aangemaakt_op, gewijzigd_op) VALUES (1, {t}, {g}, '2026-01-01', 'concept', 'vng',"
             " '1', 'x', 'x')")
    for t, g in (("NULL", "NULL"), ("1", "'GM0479'"), ("NULL", "'0479'")):
        with pytest.raises(Exception, match="CHECK"):
            db.conn.execute(basis.format(t=t, g=g))
    db.conn.execute(basis.format(t="NULL", g="'GM0479'"))
    db.conn.execute(basis.format(t="2", g="NULL"))
    assert list(db.conn.execute("PRAGMA foreign_key_check")) == []


def test_migratie_009_cascade_en_set_null_werken_nog(tmp_path):
    db = _open(tmp_path / "w.db")
    migrations.migrate(db, migrations=_voor_009())
    _vul(db)
    migrations.migrate(db)
    # Deleting a scan (retention) still removes its rows and clears vorige_id of the next version.
    db.conn.execute("DELETE FROM zelfscan WHERE id = 4")  # not in any plan
    for t in ("zelfscan_gemeente", "zelfscan_deelnemer", "zelfscan_antwoord"):
        assert db.conn.execute(f"SELECT count(*) FROM {t} WHERE scan_id = 4").fetchone()[0] == 0, t
    assert db.conn.execute("SELECT vorige_id FROM zelfscan WHERE id = 2").fetchone()[0] == 1
    db.conn.execute("DELETE FROM zelfscan WHERE id = 2")  # a concept version (not in a plan)
    assert db.conn.execute("SELECT count(*) FROM zelfscan_antwoord WHERE scan_id = 2").fetchone()[0] == 0
    assert list(db.conn.execute("PRAGMA foreign_key_check")) == []


def test_opgeslagen_schema1_werkruimte_migreert_met_kloppende_verwijzingen(tmp_path):
    from ghnt_desktop.storage.workspace import Workspace

    d = tmp_path / "schema_v1"
    shutil.copytree(FIXTURES / "schema_v1", d)
    ws = Workspace.open(d, "schema1", "blauwe tafel zeilboot 2026")
    try:
        conn = ws.db.conn
        assert migrations.current_version(ws.db) == migrations.latest_version()
        assert {r[2] for r in conn.execute("PRAGMA foreign_key_list(plan_scan)")} == {"plan", "zelfscan"}
        assert {r[2] for r in conn.execute("PRAGMA foreign_key_list(zelfscan_antwoord)")} == {"zelfscan"}
        assert list(conn.execute("PRAGMA foreign_key_check")) == []
        assert "eigenaar_gemeente" in [r[1] for r in conn.execute("PRAGMA table_info(zelfscan)")]
        sql_003 = (Path(__file__).resolve().parents[2] / "db" / "003_zelfscan.sql").read_text(encoding="utf-8")
        verwacht = set(re.findall(r"CREATE TRIGGER (\w+)", sql_003)) | {"plan_scan_bevroren_ins", "plan_scan_bevroren_del"}
        assert len(verwacht) == 10
        assert verwacht <= {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    finally:
        ws.close()
