-- Notebooks and their revisions (checkpoints). Content is nbformat 4 JSON, validated before it gets here.
create table notebooks (
    id          bigserial primary key,
    owner       text        not null,
    path        text        not null,
    content     jsonb       not null,
    version     bigint      not null default 0,  -- optimistic locking: a save names the version it read
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    unique (owner, path)
);

create table notebook_revisions (
    id          bigserial primary key,
    notebook_id bigint      not null references notebooks (id) on delete cascade,
    version     bigint      not null,
    content     jsonb       not null,
    created_at  timestamptz not null default now(),
    unique (notebook_id, version)
);
