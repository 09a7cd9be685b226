-- When a runtime taken back for a paying user stops (null: it is not being taken back). Written by the replica that
-- dispatches, whichever replica runs the runtime, so that no replica takes back more than the queue needs, and a
-- runtime whose stop is overdue (the replica that took it back died during the grace) is stopped by the next dispatch.
alter table runtimes add column preempt_at timestamptz;
