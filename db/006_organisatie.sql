-- 006 organisation set-up: when a team was made and archived (team.actief = 0 means archived;
-- an archived team keeps all its data and drops out of pick lists).
ALTER TABLE team ADD COLUMN aangemaakt_op TEXT;
ALTER TABLE team ADD COLUMN gearchiveerd_op TEXT;
