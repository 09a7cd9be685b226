package io.jotter.auth;

import java.util.Optional;

/**
 * Who may do what in a course, from their account and their membership (if any). Instructors of the
 * course teach it; an administrator may do everything an instructor may, in every course, without
 * being a member; enrolled students work on its assignments. Plain rules: the server loads the
 * membership and turns {@link CourseDecision}s into HTTP statuses.
 */
public final class CoursePolicy {
    private CoursePolicy() {
    }

    /** Instructors and administrators create courses (and become their instructor); students do not. */
    public static boolean mayCreateCourse(Account account) {
        return account.has(Role.INSTRUCTOR) || account.has(Role.ADMIN);
    }

    /**
     * @param account    who asks
     * @param membership their role in the course, empty when they are not a member
     */
    public static CourseDecision decide(Account account, Optional<CourseRole> membership, CourseAction action) {
        boolean admin = account.has(Role.ADMIN);
        if (membership.isEmpty() && !admin) {
            return CourseDecision.HIDDEN;
        }
        boolean teaches = admin || membership.get() == CourseRole.INSTRUCTOR;
        boolean studies = membership.filter(role -> role == CourseRole.STUDENT).isPresent();
        boolean allowed = switch (action) {
            case VIEW -> true;
            case MANAGE_MEMBERS, PUBLISH, REVIEW, RESERVE_RUNTIMES -> teaches;
            case WORK_ON_ASSIGNMENTS -> studies;
        };
        return allowed ? CourseDecision.ALLOWED : CourseDecision.FORBIDDEN;
    }

    /**
     * Reading one submission and its feedback: those who teach the course, and the student who made
     * it. Another student is told it does not exist.
     */
    public static CourseDecision mayRead(Account account, Optional<CourseRole> membership, String submitter) {
        CourseDecision review = decide(account, membership, CourseAction.REVIEW);
        if (review != CourseDecision.FORBIDDEN) {
            return review;
        }
        return account.username().equals(submitter) ? CourseDecision.ALLOWED : CourseDecision.HIDDEN;
    }
}
