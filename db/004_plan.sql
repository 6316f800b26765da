-- 004 plan van aanpak "Versterken lokale teams": versioned plans per gemeente and period,
-- their sections, actions (with linked standards) and dated progress notes.
-- No case content: a plan holds policy text, zelfscan scan ids and (when vastgesteld) a frozen
-- copy of the already suppressed datalab figures.

CREATE TABLE plan (
    id                INTEGER PRIMARY KEY,
    reeks_id          INTEGER NOT NULL,            -- id of version 1; all versions of one plan share it
    gemeente_code     TEXT NOT NULL CHECK (gemeente_code GLOB 'GM[0-9][0-9][0-9][0-9]'),
    periode_van       TEXT NOT NULL,               -- ISO date
    periode_tot       TEXT NOT NULL,               -- ISO date, inclusive
    titel             TEXT NOT NULL,
    versie            INTEGER NOT NULL DEFAULT 1 CHECK (versie >= 1),
    status            TEXT NOT NULL DEFAULT 'concept' CHECK (status IN ('concept', 'vastgesteld')),
    vastgesteld_door  TEXT,                        -- e.g. "College van burgemeester en wethouders"
    vastgesteld_op    TEXT,                        -- ISO date
    vorige_versie_id  INTEGER REFERENCES plan(id),
    datalab           INTEGER NOT NULL DEFAULT 0 CHECK (datalab IN (0, 1)),
    datalab_bevroren  TEXT,                        -- JSON of the suppressed figures, set when vastgesteld
    volgende_zelfscan TEXT,                        -- ISO date
    aangemaakt_op     TEXT NOT NULL,
    aangemaakt_door   TEXT REFERENCES account(id),
    gewijzigd_op      TEXT NOT NULL,
    CHECK (periode_tot >= periode_van),
    CHECK (status = 'concept' OR (vastgesteld_door IS NOT NULL AND vastgesteld_op IS NOT NULL))
);
CREATE UNIQUE INDEX plan_reeks_versie ON plan(reeks_id, versie);
CREATE INDEX plan_gemeente ON plan(gemeente_code, periode_van);

-- The zelfscans (one per team) the plan is built on.
CREATE TABLE plan_scan (
    plan_id INTEGER NOT NULL REFERENCES plan(id),
    scan_id INTEGER NOT NULL REFERENCES zelfscan(id),
    PRIMARY KEY (plan_id, scan_id)
);

-- Section texts. Codes follow resources/plan/secties.json; "huidige_situatie.<thema_id>" holds the
-- text for one theme. Texts may hold the placeholders {gemeente}, {jaar}, {volgende_zelfscan}.
CREATE TABLE plan_sectie (
    plan_id  INTEGER NOT NULL REFERENCES plan(id),
    code     TEXT NOT NULL,
    volgorde INTEGER NOT NULL,
    titel    TEXT NOT NULL,
    tekst    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (plan_id, code)
);

CREATE TABLE plan_actie (
    id               INTEGER PRIMARY KEY,
    plan_id          INTEGER NOT NULL REFERENCES plan(id),
    nummer           INTEGER NOT NULL,             -- shown as "1", "2", ... in the plan
    omschrijving     TEXT NOT NULL,
    thema            TEXT NOT NULL DEFAULT '',
    actielijn        TEXT CHECK (actielijn IS NULL OR actielijn IN
                         ('eerder_in_beeld', 'stoppen_en_oplossen', 'op_maat', 'borgen_kennis')),
    eigenaar         TEXT NOT NULL DEFAULT '',
    partners         TEXT NOT NULL DEFAULT '',
    start            TEXT,                         -- ISO date
    deadline         TEXT,                         -- ISO date
    budget           TEXT NOT NULL DEFAULT '',
    capaciteit       TEXT NOT NULL DEFAULT '',
    beoogd_resultaat TEXT NOT NULL DEFAULT '',
    indicator        TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'gepland' CHECK (status IN ('gepland', 'lopend', 'gereed', 'vervallen')),
    CHECK (deadline IS NULL OR start IS NULL OR deadline >= start)
);
CREATE INDEX plan_actie_plan ON plan_actie(plan_id, nummer);

CREATE TABLE plan_actie_standaard (
    actie_id     INTEGER NOT NULL REFERENCES plan_actie(id),
    standaard_id TEXT NOT NULL,
    PRIMARY KEY (actie_id, standaard_id)
);

CREATE TABLE plan_actie_voortgang (
    id           INTEGER PRIMARY KEY,
    actie_id     INTEGER NOT NULL REFERENCES plan_actie(id),
    datum        TEXT NOT NULL,                    -- ISO date the note is about
    notitie      TEXT NOT NULL,
    auteur_id    TEXT REFERENCES account(id),
    vastgelegd_op TEXT NOT NULL
);
CREATE INDEX plan_actie_voortgang_actie ON plan_actie_voortgang(actie_id, datum);

-- A vastgesteld version is frozen: its row and everything that belongs to it stay as they are.
CREATE TRIGGER plan_vastgesteld_bevroren BEFORE UPDATE ON plan
WHEN OLD.status = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'plan is vastgesteld'); END;

CREATE TRIGGER plan_vastgesteld_geen_verwijdering BEFORE DELETE ON plan
WHEN OLD.status = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'plan is vastgesteld'); END;

CREATE TRIGGER plan_scan_bevroren_ins BEFORE INSERT ON plan_scan
WHEN (SELECT status FROM plan WHERE id = NEW.plan_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'plan is vastgesteld'); END;
CREATE TRIGGER plan_scan_bevroren_del BEFORE DELETE ON plan_scan
WHEN (SELECT status FROM plan WHERE id = OLD.plan_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'plan is vastgesteld'); END;

CREATE TRIGGER plan_sectie_bevroren_ins BEFORE INSERT ON plan_sectie
WHEN (SELECT status FROM plan WHERE id = NEW.plan_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'plan is vastgesteld'); END;
CREATE TRIGGER plan_sectie_bevroren_upd BEFORE UPDATE ON plan_sectie
WHEN (SELECT status FROM plan WHERE id = OLD.plan_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'plan is vastgesteld'); END;
CREATE TRIGGER plan_sectie_bevroren_del BEFORE DELETE ON plan_sectie
WHEN (SELECT status FROM plan WHERE id = OLD.plan_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'plan is vastgesteld'); END;

CREATE TRIGGER plan_actie_bevroren_ins BEFORE INSERT ON plan_actie
WHEN (SELECT status FROM plan WHERE id = NEW.plan_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'plan is vastgesteld'); END;
CREATE TRIGGER plan_actie_bevroren_upd BEFORE UPDATE ON plan_actie
WHEN (SELECT status FROM plan WHERE id = OLD.plan_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'plan is vastgesteld'); END;
CREATE TRIGGER plan_actie_bevroren_del BEFORE DELETE ON plan_actie
WHEN (SELECT status FROM plan WHERE id = OLD.plan_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'plan is vastgesteld'); END;

CREATE TRIGGER plan_actie_standaard_bevroren_ins BEFORE INSERT ON plan_actie_standaard
WHEN (SELECT p.status FROM plan p JOIN plan_actie a ON a.plan_id = p.id WHERE a.id = NEW.actie_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'plan is vastgesteld'); END;
CREATE TRIGGER plan_actie_standaard_bevroren_del BEFORE DELETE ON plan_actie_standaard
WHEN (SELECT p.status FROM plan p JOIN plan_actie a ON a.plan_id = p.id WHERE a.id = OLD.actie_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'plan is vastgesteld'); END;

CREATE TRIGGER plan_actie_voortgang_bevroren_ins BEFORE INSERT ON plan_actie_voortgang
WHEN (SELECT p.status FROM plan p JOIN plan_actie a ON a.plan_id = p.id WHERE a.id = NEW.actie_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'plan is vastgesteld'); END;
CREATE TRIGGER plan_actie_voortgang_bevroren_upd BEFORE UPDATE ON plan_actie_voortgang
WHEN (SELECT p.status FROM plan p JOIN plan_actie a ON a.plan_id = p.id WHERE a.id = OLD.actie_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'plan is vastgesteld'); END;
CREATE TRIGGER plan_actie_voortgang_bevroren_del BEFORE DELETE ON plan_actie_voortgang
WHEN (SELECT p.status FROM plan p JOIN plan_actie a ON a.plan_id = p.id WHERE a.id = OLD.actie_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'plan is vastgesteld'); END;
