-- Quota, the pool and reservations (issue 6). Accounts are named by username, as elsewhere.

-- A runtime now knows its type and what it costs, from admission (state 'starting', holding its place in
-- the pool) to its stop. metered_from is when metering opened; a restart keeps it.
alter table runtimes drop constraint runtimes_state_check;
alter table runtimes add constraint runtimes_state_check check (state in ('starting', 'running', 'stopped'));
alter table runtimes add column runtime_type   text          not null default 'cpu';
alter table runtimes add column units_per_hour numeric(12,4) not null default 0;
alter table runtimes add column accelerated    boolean       not null default false;
alter table runtimes add column metered_from   timestamptz;
alter table runtimes add column stop_by        timestamptz;   -- lifetime or quota, whichever ends first
alter table runtimes add column reservation_id bigint;
update runtimes set metered_from = started_at;
alter table runtimes alter column metered_from set not null;
drop index runtimes_running;
create index runtimes_live_by_type on runtimes (runtime_type) where state <> 'stopped';
create index runtimes_live_by_owner on runtimes (owner) where state <> 'stopped';

-- One row per account that has asked for a runtime: admission locks it, so one account's requests are
-- decided one after another. tier is what an admin set; null means the default tier.
create table quota_accounts (
    account     text        primary key,
    tier        text,
    tier_set_by text,
    tier_reason text,
    tier_set_at timestamptz
);

-- The usage ledger: append-only (the trigger below refuses updates and deletes). Balances are sums.
create table usage_ledger (
    id             bigserial     primary key,
    account        text          not null,
    kind           text          not null check (kind in ('grant', 'meter', 'refund', 'adjust')),
    at             timestamptz   not null,
    compute_units  numeric(14,4) not null,            -- signed: + grants and refunds, - use
    accelerator_ms bigint        not null default 0,  -- accelerator time used (+) or given back (-)
    expires_at     timestamptz,                       -- when a grant's units stop being usable
    runtime_id     text,
    runtime_type   text,
    period         text,                              -- a tier's monthly grant: the month, 2026-12
    reason         text          not null,
    actor          text          not null             -- 'jotter', or the admin who wrote it
);
create index usage_ledger_by_account on usage_ledger (account, at);
-- A runtime is metered once; Jotter refunds it at most once; a tier grants once a month.
create unique index usage_ledger_one_meter on usage_ledger (runtime_id) where kind = 'meter';
create unique index usage_ledger_one_auto_refund on usage_ledger (runtime_id) where kind = 'refund' and actor = 'jotter';
create unique index usage_ledger_one_monthly_grant on usage_ledger (account, period) where period is not null;

create function usage_ledger_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the usage ledger is append-only: write a refund or an adjustment instead';
end $$;
create trigger usage_ledger_append_only before update or delete on usage_ledger
    for each row execute function usage_ledger_append_only();

-- Capacity per runtime type, as configured (local backend) or counted from nodes (Kubernetes). Admission
-- locks a type's row while it counts what runs, so two admissions cannot take the last slot together.
create table pool_types (
    runtime_type text primary key,
    capacity     int  not null check (capacity >= 0)
);

-- Reservations, and what they hold in each quarter-hour slot. The check on reservation_slots is what
-- makes overbooking impossible: the second of two racing bookings for the last slot fails it.
create table reservations (
    id           bigserial   primary key,
    holder       text        not null,   -- an account, or course:<id>
    runtime_type text        not null,
    count        int         not null check (count > 0),
    starts_at    timestamptz not null,
    ends_at      timestamptz not null check (ends_at > starts_at),
    created_by   text        not null,
    created_at   timestamptz not null,
    cancelled_at timestamptz
);
create index reservations_live on reservations (runtime_type, starts_at) where cancelled_at is null;

create table reservation_slots (
    runtime_type text        not null,
    slot         timestamptz not null,
    reserved     int         not null,
    bookable     int         not null,   -- the type's reservable share when last booked
    primary key (runtime_type, slot),
    constraint reservation_slots_within_capacity check (reserved >= 0 and reserved <= bookable)
);
