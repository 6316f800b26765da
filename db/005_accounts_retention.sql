-- 005 accounts and retention: retention bookkeeping per record, legal holds, two-person confirmation.
-- (Accounts, roles and settings already live in 001; settings use table `instelling`.)

-- One row per record whose retention period is tracked. The owning module registers the
-- moment from which the period counts (e.g. a meldcode dossier's closing date) through
-- services.retention.start_termijn. No case content here: type, id, dates, flags.
CREATE TABLE bewaar_item (
    record_type        TEXT NOT NULL,
    record_id          TEXT NOT NULL,
    startdatum         TEXT,              -- ISO date; NULL = period has not started (record still in use)
    blokkade           INTEGER NOT NULL DEFAULT 0 CHECK (blokkade IN (0, 1)),  -- legal hold
    blokkade_reden     TEXT,
    blokkade_door      TEXT REFERENCES account(id),
    blokkade_op        TEXT,
    vroegtijdig        INTEGER NOT NULL DEFAULT 0 CHECK (vroegtijdig IN (0, 1)),  -- early destruction requested
    vroegtijdig_grond  TEXT,              -- code, e.g. 'verzoek_betrokkene'
    vroegtijdig_reden  TEXT,              -- free text, removed together with the record
    vroegtijdig_door   TEXT REFERENCES account(id),
    vroegtijdig_op     TEXT,
    PRIMARY KEY (record_type, record_id)
);
CREATE INDEX bewaar_item_start ON bewaar_item(startdatum);

-- Confirmations for deletion: a beheerder and an aandachtsfunctionaris, two different accounts.
CREATE TABLE bewaar_bevestiging (
    record_type TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    account_id  TEXT NOT NULL REFERENCES account(id),
    rollen      TEXT NOT NULL,            -- the account's roles at the moment of confirming, comma-separated
    tijdstip    TEXT NOT NULL,
    PRIMARY KEY (record_type, record_id, account_id),
    FOREIGN KEY (record_type, record_id) REFERENCES bewaar_item(record_type, record_id) ON DELETE CASCADE
);
