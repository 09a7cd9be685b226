-- People who have signed in through Keycloak. A row is made on first sign-in from the token's claims
-- and refreshed on later ones; what a user owns is stored under their username.
create table users (
    subject       text        primary key,              -- the token's sub: the provider's stable id
    username      text        not null unique,          -- preferred_username: the owner of notebooks
    display_name  text        not null,
    email         text,
    roles         text[]      not null default '{}',    -- realm roles Jotter knows, as of the last sign-in
    created_at    timestamptz not null default now(),
    last_seen_at  timestamptz not null default now()
);
