-- With several replicas, a kernel's clients may all be on replicas other than the one that runs it (and culls it):
-- each replica says, every heartbeat, how many clients it has on each kernel another replica runs, and when it last
-- saw a message go either way; the runner counts them before it culls a kernel as idle.
create table kernel_clients (
    runtime_id    text        not null,
    replica       text        not null,
    connections   integer     not null,
    last_activity timestamptz not null,
    primary key (runtime_id, replica)
);

-- Warnings before a stop (idle, lifetime, quota, a reservation, preemption), written by the replica that runs the
-- kernel, so that every replica with clients on it tells them.
create table kernel_warnings (
    id         bigserial   primary key,
    runtime_id text        not null,
    message    text        not null,
    created_at timestamptz not null default now()
);
