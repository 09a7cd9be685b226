-- The contents API's tree: the notebooks table holds every entry of a user's tree, notebooks, plain
-- files and directories alike, so one unique (owner, path) covers them all. Directories are explicit
-- rows (an empty one must still be listed); the root directory has no row.
alter table notebooks
    add column type text not null default 'notebook' check (type in ('notebook', 'file', 'directory')),
    add column data bytea,
    alter column content drop not null;

alter table notebooks
    add constraint notebooks_content_fits_type check (
        (type = 'notebook' and content is not null and data is null)
        or (type = 'file' and content is null and data is not null)
        or (type = 'directory' and content is null and data is null));

-- Computed here rather than in Java, so that code updating content in SQL keeps them right.
alter table notebooks
    add column parent text generated always as (
        case when strpos(path, '/') = 0 then '' else regexp_replace(path, '/[^/]*$', '') end) stored,
    add column size bigint generated always as (coalesce(octet_length(content::text), octet_length(data))) stored;

create index notebooks_listing on notebooks (owner, parent);

-- Revisions of files too, and two kinds: 'auto' (the content each save replaced, the newest few kept)
-- and 'checkpoint' (asked for through the contents API, kept until deleted). A checkpoint may be taken
-- of a version that also has an automatic revision, so (notebook_id, version) is no longer unique.
alter table notebook_revisions
    drop constraint notebook_revisions_notebook_id_version_key,
    alter column content drop not null,
    add column data bytea,
    add column kind text not null default 'auto' check (kind in ('auto', 'checkpoint'));

create index notebook_revisions_by_entry on notebook_revisions (notebook_id, kind, id);
