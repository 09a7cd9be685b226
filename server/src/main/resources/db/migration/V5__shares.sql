-- A notebook's owner shares it with a person (by username) or with whoever has a link, as viewer,
-- commenter or editor. The row names the notebook by id, so a share follows a rename and goes with a delete.
create table notebook_shares (
    id           bigserial   primary key,
    notebook_id  bigint      not null references notebooks (id) on delete cascade,
    grantee      text,                          -- a username; null for a link
    link_token   text        unique,            -- the link's secret; null for a person
    role         text        not null check (role in ('viewer', 'commenter', 'editor')),
    created_at   timestamptz not null default now(),
    check ((grantee is null) <> (link_token is null)),
    unique (notebook_id, grantee)
);
create index notebook_shares_grantee on notebook_shares (grantee);

-- Comments on a notebook's cells, by its owner and by those it is shared with as commenter or editor.
create table cell_comments (
    id           bigserial   primary key,
    notebook_id  bigint      not null references notebooks (id) on delete cascade,
    cell_id      text        not null,
    author       text        not null,
    body         text        not null check (length(body) between 1 and 10000),
    created_at   timestamptz not null default now()
);
create index cell_comments_notebook on cell_comments (notebook_id, created_at);
