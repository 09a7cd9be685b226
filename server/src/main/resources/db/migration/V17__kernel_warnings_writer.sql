-- A warning may be written by a replica that does not run the kernel (the one making room for a reservation): the
-- writer is kept, so that it does not pass its own warning on twice, and the runner passes it on to its clients.
alter table kernel_warnings add column replica text;
