-- A notebook shared with a course: every member of the course has it, as long as they are a member.
alter table notebook_shares
    add column course_id bigint references courses (id) on delete cascade,
    drop constraint notebook_shares_check,
    add constraint notebook_shares_one_grantee check (num_nonnulls(grantee, link_token, course_id) = 1),
    add constraint notebook_shares_course unique (notebook_id, course_id);
