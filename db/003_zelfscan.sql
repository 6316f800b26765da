-- 003 zelfscan: quality-framework catalogues (kwaliteitskader) and team zelfscans against them.
-- Scans refer to a catalogue by (id, versie); catalogues are never changed or removed, so an old scan
-- always shows the questions it was answered against. A vastgestelde scan is read-only (triggers below);
-- changing it means heropenen: a new row with versie + 1 in the same reeks.

CREATE TABLE zelfscan_catalogus (
    id                TEXT NOT NULL,            -- catalogue id from the file, e.g. 'vng-werken-aan-veiligheid'
    versie            TEXT NOT NULL,
    naam              TEXT NOT NULL,
    fingerprint       TEXT NOT NULL CHECK (length(fingerprint) = 64),
    officieel         INTEGER NOT NULL CHECK (officieel IN (0, 1)),
    actief            INTEGER NOT NULL DEFAULT 1 CHECK (actief IN (0, 1)),
    meegeleverd       INTEGER NOT NULL DEFAULT 0 CHECK (meegeleverd IN (0, 1)),  -- bundled with the app
    geldig_van        TEXT NOT NULL,            -- ISO date
    inhoud            TEXT NOT NULL,            -- the full catalogue as JSON (format ghnt-kwaliteitskader)
    geimporteerd_op   TEXT NOT NULL,
    geimporteerd_door TEXT REFERENCES account(id),
    PRIMARY KEY (id, versie)
);
CREATE INDEX zelfscan_catalogus_actief ON zelfscan_catalogus(actief, geldig_van);

CREATE TABLE zelfscan (
    id               INTEGER PRIMARY KEY,
    reeks_id         INTEGER NOT NULL,          -- id of the first version; all versions of one scan share it
    team_id          INTEGER NOT NULL REFERENCES team(id),
    peildatum        TEXT NOT NULL,             -- ISO date
    versie           INTEGER NOT NULL DEFAULT 1 CHECK (versie BETWEEN 1 AND 10000),
    vorige_id        INTEGER REFERENCES zelfscan(id) ON DELETE SET NULL,  -- previous version (heropenen / import)
    status           TEXT NOT NULL CHECK (status IN ('concept', 'ingevuld', 'vastgesteld')),
    catalogus_id     TEXT NOT NULL,
    catalogus_versie TEXT NOT NULL,
    geimporteerd     INTEGER NOT NULL DEFAULT 0 CHECK (geimporteerd IN (0, 1)),
    vastgesteld_op   TEXT,                      -- ISO date
    vastgesteld_door TEXT REFERENCES account(id),
    heropen_reden    TEXT,
    aangemaakt_op    TEXT NOT NULL,
    aangemaakt_door  TEXT REFERENCES account(id),
    gewijzigd_op     TEXT NOT NULL,
    FOREIGN KEY (catalogus_id, catalogus_versie) REFERENCES zelfscan_catalogus(id, versie),
    CHECK ((status = 'vastgesteld') = (vastgesteld_op IS NOT NULL))
);
CREATE INDEX zelfscan_team ON zelfscan(team_id, peildatum);
CREATE INDEX zelfscan_reeks ON zelfscan(reeks_id, versie);
CREATE INDEX zelfscan_status ON zelfscan(status);
CREATE INDEX zelfscan_catalogus_ref ON zelfscan(catalogus_id, catalogus_versie);

-- The gemeenten a scan is about (a snapshot: names as they were when the scan was made or imported).
CREATE TABLE zelfscan_gemeente (
    scan_id  INTEGER NOT NULL REFERENCES zelfscan(id) ON DELETE CASCADE,
    cbs_code TEXT NOT NULL CHECK (cbs_code GLOB 'GM[0-9][0-9][0-9][0-9]'),
    naam     TEXT NOT NULL,
    PRIMARY KEY (scan_id, cbs_code)
);
CREATE INDEX zelfscan_gemeente_code ON zelfscan_gemeente(cbs_code);

CREATE TABLE zelfscan_deelnemer (
    id       INTEGER PRIMARY KEY,
    scan_id  INTEGER NOT NULL REFERENCES zelfscan(id) ON DELETE CASCADE,
    volgorde INTEGER NOT NULL,
    rol      TEXT NOT NULL CHECK (rol IN ('teamleider', 'professional', 'aandachtsfunctionaris',
                                          'gedragswetenschapper', 'beleidsadviseur_gemeente',
                                          'veilig_thuis', 'overig')),
    naam     TEXT,                              -- optional; NULL when not given or not exchanged
    UNIQUE (scan_id, volgorde)
);

CREATE TABLE zelfscan_antwoord (
    scan_id      INTEGER NOT NULL REFERENCES zelfscan(id) ON DELETE CASCADE,
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

-- Imported exchange files: keys to recognise a file (or the same scan version) that was read before.
CREATE TABLE zelfscan_import (
    scan_id            INTEGER PRIMARY KEY REFERENCES zelfscan(id) ON DELETE CASCADE,
    duplicaat_sleutel  TEXT NOT NULL UNIQUE,   -- domain.zelfscan_uitwisseling.duplicaat_sleutel
    identiteit_sleutel TEXT NOT NULL,          -- same without the checksum
    controle           TEXT NOT NULL,          -- sha256 from the file
    namen_opgenomen    INTEGER NOT NULL CHECK (namen_opgenomen IN (0, 1)),
    geimporteerd_op    TEXT NOT NULL,
    geimporteerd_door  TEXT REFERENCES account(id)
);
CREATE INDEX zelfscan_import_identiteit ON zelfscan_import(identiteit_sleutel);

-- A vastgestelde scan never changes (defence in depth; the service refuses first).
-- Deleting stays possible for retention rules; the only update allowed is the ON DELETE SET NULL of
-- vorige_id when an older version is deleted.
CREATE TRIGGER zelfscan_vastgesteld_geen_wijziging BEFORE UPDATE ON zelfscan
WHEN OLD.status = 'vastgesteld' AND NOT (
    NEW.vorige_id IS NULL AND NEW.id IS OLD.id AND NEW.reeks_id IS OLD.reeks_id AND NEW.team_id IS OLD.team_id
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

-- A catalogue's content never changes once stored (only the actief flag may).
CREATE TRIGGER zelfscan_catalogus_vaste_inhoud BEFORE UPDATE ON zelfscan_catalogus
WHEN NEW.id IS NOT OLD.id OR NEW.versie IS NOT OLD.versie OR NEW.inhoud IS NOT OLD.inhoud
  OR NEW.fingerprint IS NOT OLD.fingerprint
BEGIN SELECT RAISE(ABORT, 'kwaliteitskader verandert niet'); END;
