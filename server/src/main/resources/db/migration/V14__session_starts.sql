-- A notebook's kernel being started for a session (POST /api/sessions), by the server (a replica's id, or one
-- server's boot id) that starts it: another request for the same notebook, on any replica, waits for that
-- session instead of starting a second kernel. A claim whose server died, or that is old, is taken over.
create table session_starts (
    owner      text        not null,
    path       text        not null,
    claimer    text        not null,
    claimed_at timestamptz not null default now(),
    primary key (owner, path)
);
