-- Courses with assignments. People are named by username, as notebooks' owners are (no foreign key to
-- users: the single-user mode's one user has no row there).
create table courses (
    id           bigserial   primary key,
    title        text        not null check (length(title) between 1 and 200),
    invite_code  text        not null unique,  -- random base32; joining with it enrols as a student
    created_by   text        not null,
    created_at   timestamptz not null
);

create table course_members (
    course_id    bigint      not null references courses (id) on delete cascade,
    username     text        not null,
    display_name text        not null,         -- as their token named them when they joined
    role         text        not null check (role in ('instructor', 'student')),
    joined_at    timestamptz not null,
    primary key (course_id, username)
);

create index course_members_by_user on course_members (username);

-- An assignment holds a frozen copy of the instructor's notebook as it was when published: later edits
-- of the original do not change it.
create table assignments (
    id           bigserial   primary key,
    course_id    bigint      not null references courses (id) on delete cascade,
    title        text        not null check (length(title) between 1 and 200),
    content      jsonb       not null,
    source_path  text        not null,         -- where it came from in the publisher's tree
    published_by text        not null,
    published_at timestamptz not null,
    due_at       timestamptz not null
);

create index assignments_by_course on assignments (course_id);

-- Where each student's own copy of an assignment lives in their tree (made once, on their first start).
create table assignment_copies (
    assignment_id bigint      not null references assignments (id) on delete cascade,
    student       text        not null,
    path          text        not null,
    started_at    timestamptz not null,
    primary key (assignment_id, student)
);

-- Every submission is kept; a student's latest is the one that counts. Lateness is not stored: it is
-- submitted_at > the assignment's due_at, read with the due date as it is now.
create table submissions (
    id            bigserial   primary key,
    assignment_id bigint      not null references assignments (id) on delete cascade,
    student       text        not null,
    content       jsonb       not null,
    submitted_at  timestamptz not null
);

create index submissions_by_student on submissions (assignment_id, student, submitted_at);

create table submission_feedback (
    id            bigserial   primary key,
    submission_id bigint      not null references submissions (id) on delete cascade,
    author        text        not null,
    cell_id       text,                        -- the cell it is about, or null for the whole submission
    body          text        not null check (length(body) between 1 and 10000),
    created_at    timestamptz not null
);

create index submission_feedback_by_submission on submission_feedback (submission_id);
