-- 009 zelfscan per gemeente: a zelfscan belongs to a team (as before) or to a gemeente (filled in by its
-- beleidsadviseur / manager; it answers the standards for the gemeente). team_id becomes nullable and the
-- new column eigenaar_gemeente holds the CBS code of the gemeente that owns the scan; exactly one is set.
--
-- SQLite cannot change a column in place, so zelfscan is rebuilt. Migrations run in one transaction with
-- foreign_keys = ON (storage.connection) and the pragma cannot be switched off inside a transaction. So:
--   * DROP TABLE zelfscan would run an implicit DELETE that cascades into zelfscan_antwoord and friends and
--     breaks plan_scan. Therefore every table that points at zelfscan is rebuilt first, pointing at
--     zelfscan_nieuw; after that nothing but zelfscan itself refers to the old table and dropping it is safe.
--   * ALTER TABLE zelfscan_nieuw RENAME TO zelfscan then rewrites those REFERENCES zelfscan_nieuw(...)
--     clauses (and the self reference of vorige_id) to zelfscan: the real table. Never rename the *old*
--     table away first: that would rewrite the references of plan_scan etc. to the old name.
-- Every index and trigger of 003 (and the plan_scan triggers of 004) is recreated as it was; the freeze
-- trigger of a vastgestelde scan also covers the new column.

CREATE TABLE zelfscan_nieuw (
    id                INTEGER PRIMARY KEY,
    reeks_id          INTEGER NOT NULL,          -- id of the first version; all versions of one scan share it
    team_id           INTEGER REFERENCES team(id),  -- the team the scan belongs to (NULL for a gemeente scan)
    eigenaar_gemeente TEXT CHECK (eigenaar_gemeente GLOB 'GM[0-9][0-9][0-9][0-9]'),  -- gemeente scan: its gemeente
    peildatum         TEXT NOT NULL,             -- ISO date
    versie            INTEGER NOT NULL DEFAULT 1 CHECK (versie BETWEEN 1 AND 10000),
    vorige_id         INTEGER REFERENCES zelfscan_nieuw(id) ON DELETE SET NULL,  -- previous version
    status            TEXT NOT NULL CHECK (status IN ('concept', 'ingevuld', 'vastgesteld')),
    catalogus_id      TEXT NOT NULL,
    catalogus_versie  TEXT NOT NULL,
    geimporteerd      INTEGER NOT NULL DEFAULT 0 CHECK (geimporteerd IN (0, 1)),
    vastgesteld_op    TEXT,                      -- ISO date
    vastgesteld_door  TEXT REFERENCES account(id),
    heropen_reden     TEXT,
    aangemaakt_op     TEXT NOT NULL,
    aangemaakt_door   TEXT REFERENCES account(id),
    gewijzigd_op      TEXT NOT NULL,
    FOREIGN KEY (catalogus_id, catalogus_versie) REFERENCES zelfscan_catalogus(id, versie),
    CHECK ((status = 'vastgesteld') = (vastgesteld_op IS NOT NULL)),
    CHECK ((team_id IS NULL) <> (eigenaar_gemeente IS NULL))  -- exactly one owner
);
INSERT INTO zelfscan_nieuw (id, reeks_id, team_id, eigenaar_gemeente, peildatum, versie, vorige_id, status,
                            catalogus_id, catalogus_versie, geimporteerd, vastgesteld_op, vastgesteld_door,
                            heropen_reden, aangemaakt_op, aangemaakt_door, gewijzigd_op)
SELECT id, reeks_id, team_id, NULL, peildatum, versie, vorige_id, status, catalogus_id, catalogus_versie,
       geimporteerd, vastgesteld_op, vastgesteld_door, heropen_reden, aangemaakt_op, aangemaakt_door, gewijzigd_op
FROM zelfscan ORDER BY id;

-- zelfscan_gemeente (003)
CREATE TABLE zelfscan_gemeente_nieuw (
    scan_id  INTEGER NOT NULL REFERENCES zelfscan_nieuw(id) ON DELETE CASCADE,
    cbs_code TEXT NOT NULL CHECK (cbs_code GLOB 'GM[0-9][0-9][0-9][0-9]'),
    naam     TEXT NOT NULL,
    PRIMARY KEY (scan_id, cbs_code)
);
INSERT INTO zelfscan_gemeente_nieuw (scan_id, cbs_code, naam) SELECT scan_id, cbs_code, naam FROM zelfscan_gemeente;
DROP TABLE zelfscan_gemeente;
ALTER TABLE zelfscan_gemeente_nieuw RENAME TO zelfscan_gemeente;
CREATE INDEX zelfscan_gemeente_code ON zelfscan_gemeente(cbs_code);

-- zelfscan_deelnemer (003)
CREATE TABLE zelfscan_deelnemer_nieuw (
    id       INTEGER PRIMARY KEY,
    scan_id  INTEGER NOT NULL REFERENCES zelfscan_nieuw(id) ON DELETE CASCADE,
    volgorde INTEGER NOT NULL,
    rol      TEXT NOT NULL CHECK (rol IN ('teamleider', 'professional', 'aandachtsfunctionaris',
                                          'gedragswetenschapper', 'beleidsadviseur_gemeente',
                                          'veilig_thuis', 'overig')),
    naam     TEXT,                              -- optional; NULL when not given or not exchanged
    UNIQUE (scan_id, volgorde)
);
INSERT INTO zelfscan_deelnemer_nieuw (id, scan_id, volgorde, rol, naam)
SELECT id, scan_id, volgorde, rol, naam FROM zelfscan_deelnemer;
DROP TABLE zelfscan_deelnemer;
ALTER TABLE zelfscan_deelnemer_nieuw RENAME TO zelfscan_deelnemer;

-- zelfscan_antwoord (003)
CREATE TABLE zelfscan_antwoord_nieuw (
    scan_id      INTEGER NOT NULL REFERENCES zelfscan_nieuw(id) ON DELETE CASCADE,
    standaard_id TEXT NOT NULL,
    code         TEXT,                          -- NULL = not answered yet (only in concept)
    toelichting  TEXT NOT NULL DEFAULT '',
    bewijs       TEXT NOT NULL DEFAULT '',
    verbeterpunt INTEGER NOT NULL DEFAULT 0 CHECK (verbeterpunt IN (0, 1)),
    prioriteit   TEXT CHECK (prioriteit IN ('hoog', 'midden', 'laag')),
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (scan_id, standaard_id),
    CHECK (prioriteit IS NULL OR verbeterpunt = 1)
);
INSERT INTO zelfscan_antwoord_nieuw (scan_id, standaard_id, code, toelichting, bewijs, verbeterpunt, prioriteit,
                                     updated_at)
SELECT scan_id, standaard_id, code, toelichting, bewijs, verbeterpunt, prioriteit, updated_at FROM zelfscan_antwoord;
DROP TABLE zelfscan_antwoord;
ALTER TABLE zelfscan_antwoord_nieuw RENAME TO zelfscan_antwoord;

-- zelfscan_import (003)
CREATE TABLE zelfscan_import_nieuw (
    scan_id            INTEGER PRIMARY KEY REFERENCES zelfscan_nieuw(id) ON DELETE CASCADE,
    duplicaat_sleutel  TEXT NOT NULL UNIQUE,   -- domain.zelfscan_uitwisseling.duplicaat_sleutel
    identiteit_sleutel TEXT NOT NULL,          -- same without the checksum
    controle           TEXT NOT NULL,          -- sha256 from the file
    namen_opgenomen    INTEGER NOT NULL CHECK (namen_opgenomen IN (0, 1)),
    geimporteerd_op    TEXT NOT NULL,
    geimporteerd_door  TEXT REFERENCES account(id)
);
INSERT INTO zelfscan_import_nieuw (scan_id, duplicaat_sleutel, identiteit_sleutel, controle, namen_opgenomen,
                                   geimporteerd_op, geimporteerd_door)
SELECT scan_id, duplicaat_sleutel, identiteit_sleutel, controle, namen_opgenomen, geimporteerd_op, geimporteerd_door
FROM zelfscan_import;
DROP TABLE zelfscan_import;
ALTER TABLE zelfscan_import_nieuw RENAME TO zelfscan_import;
CREATE INDEX zelfscan_import_identiteit ON zelfscan_import(identiteit_sleutel);

-- plan_scan (004): the zelfscans a plan is built on.
CREATE TABLE plan_scan_nieuw (
    plan_id INTEGER NOT NULL REFERENCES plan(id),
    scan_id INTEGER NOT NULL REFERENCES zelfscan_nieuw(id),
    PRIMARY KEY (plan_id, scan_id)
);
INSERT INTO plan_scan_nieuw (plan_id, scan_id) SELECT plan_id, scan_id FROM plan_scan;
DROP TABLE plan_scan;
ALTER TABLE plan_scan_nieuw RENAME TO plan_scan;

-- Nothing but zelfscan itself refers to the old table now: drop it and give the new one its name.
DROP TABLE zelfscan;
ALTER TABLE zelfscan_nieuw RENAME TO zelfscan;

CREATE INDEX zelfscan_team ON zelfscan(team_id, peildatum);
CREATE INDEX zelfscan_eigenaar_gemeente ON zelfscan(eigenaar_gemeente, peildatum);
CREATE INDEX zelfscan_reeks ON zelfscan(reeks_id, versie);
CREATE INDEX zelfscan_status ON zelfscan(status);
CREATE INDEX zelfscan_catalogus_ref ON zelfscan(catalogus_id, catalogus_versie);

-- A vastgestelde scan never changes (003; now also its owner gemeente). The only update allowed is the
-- ON DELETE SET NULL of vorige_id when an older version is deleted.
CREATE TRIGGER zelfscan_vastgesteld_geen_wijziging BEFORE UPDATE ON zelfscan
WHEN OLD.status = 'vastgesteld' AND NOT (
    NEW.vorige_id IS NULL AND NEW.id IS OLD.id AND NEW.reeks_id IS OLD.reeks_id AND NEW.team_id IS OLD.team_id
    AND NEW.eigenaar_gemeente IS OLD.eigenaar_gemeente
    AND NEW.peildatum IS OLD.peildatum AND NEW.versie IS OLD.versie AND NEW.status IS OLD.status
    AND NEW.catalogus_id IS OLD.catalogus_id AND NEW.catalogus_versie IS OLD.catalogus_versie
    AND NEW.geimporteerd IS OLD.geimporteerd AND NEW.vastgesteld_op IS OLD.vastgesteld_op
    AND NEW.vastgesteld_door IS OLD.vastgesteld_door AND NEW.heropen_reden IS OLD.heropen_reden
    AND NEW.aangemaakt_op IS OLD.aangemaakt_op AND NEW.aangemaakt_door IS OLD.aangemaakt_door
    AND NEW.gewijzigd_op IS OLD.gewijzigd_op)
BEGIN SELECT RAISE(ABORT, 'zelfscan is vastgesteld'); END;

CREATE TRIGGER zelfscan_antwoord_vast_ins BEFORE INSERT ON zelfscan_antwoord
WHEN (SELECT status FROM zelfscan WHERE id = NEW.scan_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'zelfscan is vastgesteld'); END;
CREATE TRIGGER zelfscan_antwoord_vast_upd BEFORE UPDATE ON zelfscan_antwoord
WHEN (SELECT status FROM zelfscan WHERE id = OLD.scan_id) = 'vastgesteld'
  OR (SELECT status FROM zelfscan WHERE id = NEW.scan_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'zelfscan is vastgesteld'); END;

CREATE TRIGGER zelfscan_deelnemer_vast_ins BEFORE INSERT ON zelfscan_deelnemer
WHEN (SELECT status FROM zelfscan WHERE id = NEW.scan_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'zelfscan is vastgesteld'); END;
CREATE TRIGGER zelfscan_deelnemer_vast_upd BEFORE UPDATE ON zelfscan_deelnemer
WHEN (SELECT status FROM zelfscan WHERE id = OLD.scan_id) = 'vastgesteld'
  OR (SELECT status FROM zelfscan WHERE id = NEW.scan_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'zelfscan is vastgesteld'); END;

CREATE TRIGGER zelfscan_gemeente_vast_ins BEFORE INSERT ON zelfscan_gemeente
WHEN (SELECT status FROM zelfscan WHERE id = NEW.scan_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'zelfscan is vastgesteld'); END;
CREATE TRIGGER zelfscan_gemeente_vast_upd BEFORE UPDATE ON zelfscan_gemeente
WHEN (SELECT status FROM zelfscan WHERE id = OLD.scan_id) = 'vastgesteld'
  OR (SELECT status FROM zelfscan WHERE id = NEW.scan_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'zelfscan is vastgesteld'); END;

-- plan_scan (004): a vastgesteld plan keeps its scans.
CREATE TRIGGER plan_scan_bevroren_ins BEFORE INSERT ON plan_scan
WHEN (SELECT status FROM plan WHERE id = NEW.plan_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'plan is vastgesteld'); END;
CREATE TRIGGER plan_scan_bevroren_del BEFORE DELETE ON plan_scan
WHEN (SELECT status FROM plan WHERE id = OLD.plan_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'plan is vastgesteld'); END;
