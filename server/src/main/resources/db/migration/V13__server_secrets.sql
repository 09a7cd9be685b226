-- Secrets every server replica must share, made once by the first replica that needs one: the key under which a
-- kernel's file-access token is an HMAC of its id, so that a replica that adopts a kernel accepts its token.
create table server_secrets (
    name       text        primary key,
    value      bytea       not null,
    created_at timestamptz not null default now()
);
