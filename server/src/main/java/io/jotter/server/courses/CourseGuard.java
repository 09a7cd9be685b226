package io.jotter.server.courses;

import io.jotter.auth.Account;
import io.jotter.auth.CourseAction;
import io.jotter.auth.CourseDecision;
import io.jotter.auth.CoursePolicy;
import io.jotter.auth.CourseRole;
import io.jotter.server.identity.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/**
 * The check in front of everything of a course: loads the course and the caller's membership and applies
 * {@link CoursePolicy}. A course that does not exist and one the caller has no part in are the same 404.
 */
@ApplicationScoped
public class CourseGuard {
    /** A course, and who is acting on it with which part in it. */
    public record Access(Course course, Account account, Optional<CourseRole> role) {
        public boolean teaches() {
            return CoursePolicy.decide(account, role, CourseAction.REVIEW) == CourseDecision.ALLOWED;
        }

        public String username() {
            return account.username();
        }

        CourseView view() {
            return new CourseView(course.id(), course.title(), role.map(CourseRole::wireName).orElse(null), teaches(),
                    course.createdBy(), course.createdAt(), teaches() ? course.inviteCode() : null,
                    teaches() ? course.keycloakGroup() : null);
        }
    }

    private final CourseStore courses;
    private final CurrentUser user;
    private final Clock clock;

    public CourseGuard(CourseStore courses, CurrentUser user, Clock clock) {
        this.courses = courses;
        this.user = user;
        this.clock = clock;
    }

    /** The course, if the caller may take this action on it; otherwise 404 (no part in it) or 403 (not theirs to do). */
    public Access require(String courseId, CourseAction action) {
        Course course = id(courseId).flatMap(courses::find).orElseThrow(CourseNotFoundException::course);
        enrolThroughGroups();
        Access access = new Access(course, user.account(), courses.role(course.id(), user.name()));
        switch (CoursePolicy.decide(access.account(), access.role(), action)) {
            case HIDDEN -> throw CourseNotFoundException.course();
            case FORBIDDEN -> throw new CourseForbiddenException(refusal(action));
            case ALLOWED -> { }
        }
        return access;
    }

    /**
     * Enrols the caller as a student of every course whose Keycloak group their token names and that they
     * are not in yet (the same as joining with its code). Called before anything of courses is decided.
     */
    public void enrolThroughGroups() {
        if (user.groups().isEmpty()) {
            return;
        }
        for (Course course : courses.withGroups(user.groups())) {
            if (courses.role(course.id(), user.name()).isEmpty()) {
                courses.enrol(course.id(), user.name(), user.account().displayName(), CourseRole.STUDENT, clock.instant());
            }
        }
    }

    /** A submission, if the caller teaches the course or made it; otherwise it does not exist for them. */
    public void requireRead(Access access, Submission submission) {
        if (CoursePolicy.mayRead(access.account(), access.role(), submission.student()) != CourseDecision.ALLOWED) {
            throw CourseNotFoundException.submission();
        }
    }

    /** An id from a URL; what is not a positive number names nothing. */
    static Optional<Long> id(String raw) {
        return raw != null && raw.matches("[1-9][0-9]{0,17}") ? Optional.of(Long.parseLong(raw)) : Optional.empty();
    }

    private static String refusal(CourseAction action) {
        return switch (action) {
            case VIEW -> "You are not a member of this course.";
            case MANAGE_MEMBERS -> "Only the course's instructors may see its invite code and manage its members.";
            case PUBLISH -> "Only the course's instructors may publish assignments.";
            case REVIEW -> "Only the course's instructors may see students' submissions and leave feedback.";
            case RESERVE_RUNTIMES -> "Only the course's instructors may reserve runtimes for it.";
            case WORK_ON_ASSIGNMENTS -> "Only students enrolled in the course start and submit its assignments.";
        };
    }
}
