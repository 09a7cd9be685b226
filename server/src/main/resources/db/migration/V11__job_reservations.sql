-- A job may run under a reservation (its owner's, or their course's), as any runtime may.
alter table jobs add column reservation_id bigint;
