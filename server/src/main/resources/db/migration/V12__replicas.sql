-- Several server replicas over one database (issue 7). A replica that stops beating for its lease is dead; the
-- runtimes it ran are adopted by another (the kernels keep running) and its jobs are settled.
create table server_replicas (
    id           text        primary key,
    started_at   timestamptz not null,
    heartbeat_at timestamptz not null
);

-- The replica that records a runtime's outputs and answers for its lifecycle; null on a single server.
alter table runtimes add column replica text;
-- Where its kernel listens and the key that signs its messages, so that any replica can reach it.
alter table runtimes add column connection jsonb;

-- A cell run in flight, by the msg_id of its execute_request: whichever replica relayed the request writes it, so
-- that the replica recording the kernel's outputs (or one that adopts the kernel later) knows the cell.
create table cell_runs (
    msg_id      text        primary key,
    runtime_id  text        not null,
    owner       text        not null,
    path        text        not null,
    cell_id     text        not null,
    created_at  timestamptz not null default now()
);
create index cell_runs_by_runtime on cell_runs (runtime_id);

-- Notebook sessions (/api/sessions): in the database, so any replica finds a notebook's kernel.
create table notebook_sessions (
    id         text        primary key,
    owner      text        not null,
    path       text        not null,
    name       text        not null,
    type       text        not null,
    kernel_id  text        not null,
    created_at timestamptz not null default now()
);
create index notebook_sessions_by_kernel on notebook_sessions (kernel_id);
create index notebook_sessions_by_owner on notebook_sessions (owner);

-- The replica that drives a job; a job whose replica died is settled by the one that notices.
alter table jobs add column replica text;
