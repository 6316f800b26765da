-- 008 meldcode profile of the organisation: its own contacts (overrides of the national defaults in
-- resources/meldcode/contacten.json, and additions). Never updated in place: every change is a new
-- version with who and when; the highest version of a contact is the current one. A version with
-- verwijderd = 1 means "back to the national default" (or: the addition was removed).
-- The other profile choices (eindverantwoordelijke, numbering, own meldcode) are settings (table instelling).
CREATE TABLE meldcode_contact (
    id INTEGER PRIMARY KEY,
    contact_id TEXT NOT NULL,          -- id from contacten.json, or 'eigen-...' for an addition
    versie INTEGER NOT NULL CHECK (versie >= 1),
    naam TEXT NOT NULL DEFAULT '',
    telefoon TEXT,
    website TEXT,
    bereikbaar TEXT NOT NULL DEFAULT '',
    wanneer TEXT NOT NULL DEFAULT '',
    verwijderd INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    door TEXT NOT NULL REFERENCES account(id),
    op TEXT NOT NULL,
    UNIQUE (contact_id, versie)
);
