-- A course may name a Keycloak group: its members are enrolled as students when they first come to the
-- course (the token's "groups" claim says who they are), beside those who join with the invite code.
alter table courses add column keycloak_group text check (keycloak_group is null or length(keycloak_group) between 1 and 200);
create index courses_by_group on courses (keycloak_group) where keycloak_group is not null;
