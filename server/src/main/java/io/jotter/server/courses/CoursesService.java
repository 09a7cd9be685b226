package io.jotter.server.courses;

import io.jotter.auth.Account;
import io.jotter.auth.CourseAction;
import io.jotter.auth.CoursePolicy;
import io.jotter.auth.CourseRole;
import io.jotter.server.identity.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Courses and their members: create, list, join by invite code, remove. Each method is one transaction. */
@ApplicationScoped
@Transactional
public class CoursesService {
    private final CourseStore courses;
    private final CourseGuard guard;
    private final CurrentUser user;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CoursesService(CourseStore courses, CourseGuard guard, CurrentUser user, Clock clock) {
        this.courses = courses;
        this.guard = guard;
        this.user = user;
        this.clock = clock;
    }

    /** A new course, taught by the one who creates it; instructors and administrators only. */
    public CourseView create(String title, String keycloakGroup) {
        Account account = user.account();
        if (!CoursePolicy.mayCreateCourse(account)) {
            throw new CourseForbiddenException("Only instructors and administrators create courses. To take one,"
                    + " join it with the invite code its instructor gives you.");
        }
        String group = keycloakGroup == null || keycloakGroup.isBlank() ? null : keycloakGroup.strip();
        Course course = courses.add(new Course(Titles.require(title, "A course"), InviteCode.random(random),
                account.username(), now(), group));
        courses.enrol(course.id(), account.username(), account.displayName(), CourseRole.INSTRUCTOR, now());
        return new CourseGuard.Access(course, account, Optional.of(CourseRole.INSTRUCTOR)).view();
    }

    /** The courses the caller teaches or takes. */
    public List<CourseView> mine() {
        guard.enrolThroughGroups();
        return courses.coursesOf(user.name()).stream()
                .map(m -> new CourseGuard.Access(m.course(), user.account(), Optional.of(m.role())).view())
                .toList();
    }

    public CourseView get(String courseId) {
        return guard.require(courseId, CourseAction.VIEW).view();
    }

    /** Enrols the caller as a student of the course with this code; joining again changes nothing. */
    public CourseView join(String inviteCode) {
        Course course = InviteCode.parse(inviteCode).flatMap(courses::withInviteCode)
                .orElseThrow(CourseNotFoundException::inviteCode);
        Account account = user.account();
        courses.enrol(course.id(), account.username(), account.displayName(), CourseRole.STUDENT, now());
        return new CourseGuard.Access(course, account, courses.role(course.id(), account.username())).view();
    }

    public List<MemberView> members(String courseId) {
        CourseGuard.Access access = guard.require(courseId, CourseAction.MANAGE_MEMBERS);
        return courses.members(access.course().id()).stream().map(CourseMember::view).toList();
    }

    /**
     * Takes someone out of the course: they no longer see it. What they made stays (their copies in their
     * tree, their submissions). A course keeps at least one instructor.
     */
    public void remove(String courseId, String username) {
        CourseGuard.Access access = guard.require(courseId, CourseAction.MANAGE_MEMBERS);
        CourseMember member = courses.member(access.course().id(), username)
                .orElseThrow(CourseNotFoundException::member);
        if (member.role() == CourseRole.INSTRUCTOR && courses.instructors(access.course().id()) <= 1) {
            throw new CourseConflictException("A course keeps at least one instructor: this is its last one.");
        }
        courses.remove(member);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
