-- Training jobs (issue 8): a notebook run top to bottom on a runtime, with no browser. The notebook is frozen
-- at submission (parameters already injected), so later edits to its source do not change the running job.
create table jobs (
    id                text        primary key,
    owner             text        not null,   -- whose quota pays, and whose tree holds the result
    source_path       text        not null,   -- the notebook it was submitted from (for a course job: a label)
    content           jsonb       not null,   -- the frozen nbformat JSON the job runs
    parameters        jsonb,                  -- the values injected into the cell tagged 'parameters'
    runtime_type      text        not null,
    kernel_name       text,
    state             text        not null check (state in
                          ('queued', 'starting', 'running', 'succeeded', 'failed', 'cancelled')),
    runtime_id        text,                   -- its kernel's id, once it has one (runtimes.id)
    result_path       text        not null,   -- the executed notebook, beside the source
    error             text,                   -- why it failed or was cancelled
    continue_on_error boolean     not null default false,
    time_limit_ms     bigint      not null check (time_limit_ms > 0),
    cells_total       int         not null default 0,
    cells_done        int         not null default 0,
    cells_failed      int         not null default 0,   -- cells that raised an error (continue_on_error runs on)
    created_at        timestamptz not null,
    started_at        timestamptz,            -- when its kernel answered and the first cell was sent
    finished_at       timestamptz,
    course_id         bigint,                 -- an instructor's run of a submission
    assignment_id     bigint,
    submission_id     bigint,
    student           text
);
create index jobs_by_owner on jobs (owner, created_at desc);
create index jobs_live on jobs (state) where state in ('queued', 'starting', 'running');
create index jobs_by_assignment on jobs (assignment_id, created_at desc) where assignment_id is not null;
