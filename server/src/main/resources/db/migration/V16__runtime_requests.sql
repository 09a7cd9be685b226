-- Runtime requests that found their type full (issue 16). The queue is here, not in a replica's memory: a waiting
-- request outlives the replica it was made through, whichever replica frees capacity serves it, and every replica
-- sees one order, one position and one estimate. Settled requests (started, refused, cancelled) stay an hour, for
-- the page that follows them.
create table runtime_requests (
    id             text        primary key,
    owner          text        not null,
    tier           text        not null,   -- the account's tier when it asked: the queue's priority
    runtime_type   text        not null,
    kernel_name    text,                   -- null: the default kernel
    reservation_id bigint,                 -- a reservation it claims: it goes before everyone
    seq            bigserial   not null,   -- arrival order, the last tie-break
    requested_at   timestamptz not null,
    followed_at    timestamptz not null,   -- when its page (or job) last asked after it; nobody following gives it up
    state          text        not null check (state in ('queued', 'started', 'refused', 'cancelled')),
    runtime_id     text,
    message        text,
    remedy         text,
    updated_at     timestamptz not null
);
create index runtime_requests_queued on runtime_requests (runtime_type, seq) where state = 'queued';
create index runtime_requests_settled on runtime_requests (updated_at) where state <> 'queued';
