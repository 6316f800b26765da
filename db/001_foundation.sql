-- 001 foundation: workspace info, settings, accounts, roles, teams, audit trail.

CREATE TABLE werkruimte (
    sleutel TEXT PRIMARY KEY,
    waarde  TEXT NOT NULL
);

CREATE TABLE werkruimte_gemeente (
    cbs_code TEXT PRIMARY KEY CHECK (cbs_code GLOB 'GM[0-9][0-9][0-9][0-9]'),
    naam     TEXT NOT NULL
);

CREATE TABLE instelling (
    sleutel TEXT PRIMARY KEY,
    waarde  TEXT NOT NULL  -- JSON
);

CREATE TABLE account (
    id            TEXT PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    naam          TEXT NOT NULL,
    actief        INTEGER NOT NULL DEFAULT 1 CHECK (actief IN (0, 1)),
    aangemaakt_op TEXT NOT NULL,
    gedeactiveerd_op TEXT
);

CREATE TABLE account_rol (
    account_id TEXT NOT NULL REFERENCES account(id),
    rol        TEXT NOT NULL CHECK (rol IN ('professional', 'aandachtsfunctionaris', 'manager', 'beheerder')),
    PRIMARY KEY (account_id, rol)
);

CREATE TABLE team (
    id       INTEGER PRIMARY KEY,
    naam     TEXT NOT NULL UNIQUE,
    type     TEXT NOT NULL,
    actief   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE team_gemeente (
    team_id  INTEGER NOT NULL REFERENCES team(id),
    cbs_code TEXT NOT NULL,
    PRIMARY KEY (team_id, cbs_code)
);

CREATE TABLE account_team (
    account_id TEXT NOT NULL REFERENCES account(id),
    team_id    INTEGER NOT NULL REFERENCES team(id),
    PRIMARY KEY (account_id, team_id)
);

-- Audit trail (BIO2 8.15, NEN 7513): append-only, hash-chained, no case content.
CREATE TABLE audit (
    id           INTEGER PRIMARY KEY,
    tijdstip     TEXT NOT NULL,
    actor_id     TEXT,
    namens_id    TEXT,
    actie        TEXT NOT NULL,
    object_type  TEXT NOT NULL,
    object_id    TEXT,
    resultaat    TEXT NOT NULL,
    herkomst     TEXT NOT NULL,
    vorige_hash  TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_object ON audit(object_type, object_id);

CREATE TRIGGER audit_geen_wijziging BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_geen_verwijdering BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
