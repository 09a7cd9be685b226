-- When a job took one of its replica's job slots (null while it waits for one): a job waiting for a slot has a place
-- in line, counted from the database, so that every replica tells it alike.
alter table jobs add column slot_at timestamptz;
