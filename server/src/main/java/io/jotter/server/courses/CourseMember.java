package io.jotter.server.courses;

import io.jotter.auth.CourseRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** Someone's part in a course: instructor or student. Rows are made by {@link CourseStore#enrol}. */
@Entity
@Table(name = "course_members")
@IdClass(CourseMember.Key.class)
public class CourseMember {
    /** The primary key: a person is in a course once. */
    public static class Key implements Serializable {
        private long courseId;
        private String username;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.courseId == courseId && Objects.equals(key.username, username);
        }

        @Override
        public int hashCode() {
            return Objects.hash(courseId, username);
        }
    }

    @Id
    @Column(name = "course_id")
    private long courseId;

    @Id
    private String username;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(nullable = false)
    private String role;

    @Column(name = "joined_at", nullable = false)
    private Instant joinedAt;

    protected CourseMember() {
        // for Hibernate
    }

    public long courseId() {
        return courseId;
    }

    public String username() {
        return username;
    }

    public CourseRole role() {
        return CourseRole.fromWireName(role);
    }

    MemberView view() {
        return new MemberView(username, displayName, role, joinedAt);
    }
}
