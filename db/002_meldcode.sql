-- 002 meldcode: dossiers, their versioned records (history, not overwrite), drafts (autosave)
-- and the link tables for forms of violence and involved accounts.
--
-- Dates are ISO strings: 'YYYY-MM-DD' for dates, UTC 'YYYY-MM-DDTHH:MM:SS.ffffff+00:00' for moments
-- (one fixed format, so text order is time order).

CREATE TABLE meldcode_dossier (
    id                       INTEGER PRIMARY KEY,
    client_referentie        TEXT NOT NULL COLLATE NOCASE,
    gemeente_code            TEXT NOT NULL,
    team_id                  INTEGER REFERENCES team(id),
    eigenaar_id              TEXT NOT NULL REFERENCES account(id),
    aandachtsfunctionaris_id TEXT REFERENCES account(id),
    status                   TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'afgesloten')),
    huidige_stap             INTEGER NOT NULL DEFAULT 1 CHECK (huidige_stap BETWEEN 1 AND 5),
    ronde                    INTEGER NOT NULL DEFAULT 1 CHECK (ronde >= 1),
    geopend_op               TEXT NOT NULL,
    afgesloten_op            TEXT,
    aangemaakt_op            TEXT NOT NULL,
    laatste_activiteit       TEXT NOT NULL
);
-- Lists (see storage/meldcode_repo.lijst): counting and narrow filters read only the covering
-- "teamfilter" index (scope + every filter column); a page of a wide list walks the activity index
-- from the newest. Own dossiers (owner, AF, added colleague) come from the small indexes below.
CREATE INDEX meldcode_dossier_activiteit ON meldcode_dossier(laatste_activiteit, id);
CREATE INDEX meldcode_dossier_teamfilter
    ON meldcode_dossier(team_id, status, huidige_stap, gemeente_code, client_referentie);
CREATE INDEX meldcode_dossier_eigenaar ON meldcode_dossier(eigenaar_id);
CREATE INDEX meldcode_dossier_af ON meldcode_dossier(aandachtsfunctionaris_id)
    WHERE aandachtsfunctionaris_id IS NOT NULL;
CREATE INDEX meldcode_dossier_gemeente ON meldcode_dossier(gemeente_code);

CREATE TABLE meldcode_dossier_vorm (
    dossier_id INTEGER NOT NULL REFERENCES meldcode_dossier(id),
    vorm       TEXT NOT NULL,
    PRIMARY KEY (dossier_id, vorm)
) WITHOUT ROWID;
CREATE INDEX meldcode_dossier_vorm_vorm ON meldcode_dossier_vorm(vorm, dossier_id);

-- Colleagues added to a dossier (they see it like the owner does).
CREATE TABLE meldcode_dossier_account (
    dossier_id      INTEGER NOT NULL REFERENCES meldcode_dossier(id),
    account_id      TEXT NOT NULL REFERENCES account(id),
    toegevoegd_door TEXT REFERENCES account(id),
    toegevoegd_op   TEXT NOT NULL,
    PRIMARY KEY (dossier_id, account_id)
) WITHOUT ROWID;
CREATE INDEX meldcode_dossier_account_account ON meldcode_dossier_account(account_id, dossier_id);

-- Everything recorded in a dossier, one row per version. A correction is a new row that points to the
-- version it replaces (vervangt_id); the old row stays and only gets vervangen = 1. A withdrawn record
-- (e.g. a betrokkene removed from the dossier) is a last version with ingetrokken = 1.
-- soort: betrokkene, signaal, kindcheck, consultatie, gesprek, gesprek_niet_gevoerd, afweging, besluit,
-- melding, hulp, terugkoppeling, overdracht, acuut (domain records) and kop, stap, afsluiting,
-- heropening, medeondertekening, medewerker (events of the dossier itself).
CREATE TABLE meldcode_record (
    id           INTEGER PRIMARY KEY,
    dossier_id   INTEGER NOT NULL REFERENCES meldcode_dossier(id),
    soort        TEXT NOT NULL,
    ronde        INTEGER NOT NULL DEFAULT 1 CHECK (ronde >= 1),
    data         TEXT NOT NULL CHECK (json_valid(data)),
    auteur_id    TEXT NOT NULL REFERENCES account(id),
    tijdstip     TEXT NOT NULL,
    oorsprong_id INTEGER REFERENCES meldcode_record(id),          -- first version of the chain; NULL on the first
    vervangt_id  INTEGER UNIQUE REFERENCES meldcode_record(id),   -- the version this row corrects
    versie       INTEGER NOT NULL DEFAULT 1 CHECK (versie >= 1),
    vervangen    INTEGER NOT NULL DEFAULT 0 CHECK (vervangen IN (0, 1)),
    ingetrokken  INTEGER NOT NULL DEFAULT 0 CHECK (ingetrokken IN (0, 1))
);
CREATE INDEX meldcode_record_dossier ON meldcode_record(dossier_id, vervangen, soort);
CREATE INDEX meldcode_record_soort ON meldcode_record(soort, vervangen, dossier_id);

-- History, not overwrite: a recorded version never changes; the only update is marking it replaced.
CREATE TRIGGER meldcode_record_geen_wijziging
BEFORE UPDATE OF id, dossier_id, soort, ronde, data, auteur_id, tijdstip, oorsprong_id, vervangt_id, versie,
                 ingetrokken ON meldcode_record
BEGIN SELECT RAISE(ABORT, 'meldcode_record is append-only'); END;
CREATE TRIGGER meldcode_record_vervangen_blijft
BEFORE UPDATE OF vervangen ON meldcode_record
WHEN OLD.vervangen = 1 AND NEW.vervangen = 0
BEGIN SELECT RAISE(ABORT, 'meldcode_record is append-only'); END;

-- Autosave of unfinished input, per account. dossier_id 0 = a dossier that does not exist yet.
CREATE TABLE meldcode_concept (
    account_id TEXT NOT NULL REFERENCES account(id),
    dossier_id INTEGER NOT NULL DEFAULT 0,
    sleutel    TEXT NOT NULL,
    inhoud     TEXT NOT NULL CHECK (json_valid(inhoud)),
    tijdstip   TEXT NOT NULL,
    PRIMARY KEY (account_id, dossier_id, sleutel)
) WITHOUT ROWID;
CREATE INDEX meldcode_concept_dossier ON meldcode_concept(dossier_id);
