-- Every kernel this server started, so a restarted server can settle the ones it lost track of,
-- and metering (quota) has a start and an end for each.
create table runtimes (
    id           text        primary key,
    owner        text        not null,
    kernel_name  text        not null,
    backend_ref  text        not null,  -- the backend's handle: a process id, a pod name
    state        text        not null check (state in ('running', 'stopped')),
    started_at   timestamptz not null,
    stopped_at   timestamptz,
    stop_reason  text
);

create index runtimes_running on runtimes (state) where state = 'running';
