-- 007 regional policy as data: the actielijnen of a plan van aanpak come from a regiovisie profile
-- (resources/plan/regiovisies/*.json, or the beheerder's eigen indeling in table instelling), so
-- plan_actie.actielijn is now any code. This rebuilds plan_actie without the CHECK IN (...) on
-- actielijn; every row, id, index and trigger stays the same (see 004_plan.sql).
--
-- SQLite cannot drop a CHECK, so: new table, copy, drop, rename. The migration runs inside one
-- transaction with foreign_keys = ON (which cannot be switched off there), so the rows that
-- point at plan_actie (plan_actie_standaard, plan_actie_voortgang) are parked in scratch tables
-- first and put back, with their rowids, once the new plan_actie is in place. The triggers on
-- those two tables name plan_actie in their bodies; SQLite refuses the rename while they exist,
-- so they are dropped and recreated exactly as in 004. While the freeze triggers are gone the
-- rows are copied as they are: nothing of a vastgesteld plan changes.

DROP TRIGGER plan_actie_bevroren_ins;
DROP TRIGGER plan_actie_bevroren_upd;
DROP TRIGGER plan_actie_bevroren_del;
DROP TRIGGER plan_actie_standaard_bevroren_ins;
DROP TRIGGER plan_actie_standaard_bevroren_del;
DROP TRIGGER plan_actie_voortgang_bevroren_ins;
DROP TRIGGER plan_actie_voortgang_bevroren_upd;
DROP TRIGGER plan_actie_voortgang_bevroren_del;

CREATE TABLE plan_actie_007 (
    id               INTEGER PRIMARY KEY,
    plan_id          INTEGER NOT NULL REFERENCES plan(id),
    nummer           INTEGER NOT NULL,             -- shown as "1", "2", ... in the plan
    omschrijving     TEXT NOT NULL,
    thema            TEXT NOT NULL DEFAULT '',
    actielijn        TEXT,                         -- code of a line of the regiovisie profile; kept when the profile changes
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
INSERT INTO plan_actie_007 (id, plan_id, nummer, omschrijving, thema, actielijn, eigenaar, partners, start, deadline,
                            budget, capaciteit, beoogd_resultaat, indicator, status)
SELECT id, plan_id, nummer, omschrijving, thema, actielijn, eigenaar, partners, start, deadline,
       budget, capaciteit, beoogd_resultaat, indicator, status
FROM plan_actie;

CREATE TABLE m007_actie_standaard AS
SELECT rowid AS r, actie_id, standaard_id FROM plan_actie_standaard;
CREATE TABLE m007_actie_voortgang AS
SELECT id, actie_id, datum, notitie, auteur_id, vastgelegd_op FROM plan_actie_voortgang;
DELETE FROM plan_actie_standaard;
DELETE FROM plan_actie_voortgang;

DROP INDEX plan_actie_plan;
DROP TABLE plan_actie;
ALTER TABLE plan_actie_007 RENAME TO plan_actie;
CREATE INDEX plan_actie_plan ON plan_actie(plan_id, nummer);

INSERT INTO plan_actie_standaard (rowid, actie_id, standaard_id)
SELECT r, actie_id, standaard_id FROM m007_actie_standaard ORDER BY r;
INSERT INTO plan_actie_voortgang (id, actie_id, datum, notitie, auteur_id, vastgelegd_op)
SELECT id, actie_id, datum, notitie, auteur_id, vastgelegd_op FROM m007_actie_voortgang ORDER BY id;
DROP TABLE m007_actie_standaard;
DROP TABLE m007_actie_voortgang;

-- The freeze triggers, exactly as in 004_plan.sql.
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
