package io.jotter.server.courses;

import io.jotter.auth.CourseRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Courses and their members in PostgreSQL. */
@ApplicationScoped
public class CourseStore {
    /** A course and the part someone has in it. */
    public record Membership(Course course, CourseRole role) {
    }

    private final EntityManager entities;

    public CourseStore(EntityManager entities) {
        this.entities = entities;
    }

    public Course add(Course course) {
        entities.persist(course);
        entities.flush();
        return course;
    }

    public Optional<Course> find(long id) {
        return Optional.ofNullable(entities.find(Course.class, id));
    }

    public Optional<Course> withInviteCode(InviteCode code) {
        return entities.createQuery("from Course where inviteCode = :code", Course.class)
                .setParameter("code", code.value()).getResultStream().findFirst();
    }

    /** The courses whose Keycloak group is one of these. */
    public List<Course> withGroups(java.util.Collection<String> groups) {
        return entities.createQuery("from Course where keycloakGroup in :groups", Course.class)
                .setParameter("groups", groups).getResultList();
    }

    public Optional<CourseMember> member(long courseId, String username) {
        return entities.createQuery("from CourseMember where courseId = :course and username = :username",
                        CourseMember.class)
                .setParameter("course", courseId).setParameter("username", username)
                .getResultStream().findFirst();
    }

    public Optional<CourseRole> role(long courseId, String username) {
        return member(courseId, username).map(CourseMember::role);
    }

    /** Makes them a member with this role, unless they are one already (whatever their role): idempotent. */
    public void enrol(long courseId, String username, String displayName, CourseRole role, Instant now) {
        entities.createNativeQuery("""
                        insert into course_members (course_id, username, display_name, role, joined_at)
                        values (?1, ?2, ?3, ?4, ?5) on conflict (course_id, username) do nothing
                        """)
                .setParameter(1, courseId).setParameter(2, username).setParameter(3, displayName)
                .setParameter(4, role.wireName()).setParameter(5, now)
                .executeUpdate();
    }

    /** The courses someone teaches or takes, oldest first. */
    public List<Membership> coursesOf(String username) {
        return entities.createQuery("select c, m.role from Course c join CourseMember m on m.courseId = c.id "
                        + "where m.username = :username order by c.id", Object[].class)
                .setParameter("username", username).getResultList().stream()
                .map(row -> new Membership((Course) row[0], CourseRole.fromWireName((String) row[1])))
                .toList();
    }

    /** Instructors first, then students, each by username. */
    public List<CourseMember> members(long courseId) {
        return entities.createQuery("from CourseMember where courseId = :course order by role, username",
                        CourseMember.class)
                .setParameter("course", courseId).getResultList();
    }

    public long instructors(long courseId) {
        return entities.createQuery("select count(m) from CourseMember m where m.courseId = :course "
                        + "and m.role = 'instructor'", Long.class)
                .setParameter("course", courseId).getSingleResult();
    }

    public void remove(CourseMember member) {
        entities.remove(member);
    }
}
