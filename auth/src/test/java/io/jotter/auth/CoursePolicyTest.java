package io.jotter.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoursePolicyTest {
    private static final Optional<CourseRole> TEACHES = Optional.of(CourseRole.INSTRUCTOR);
    private static final Optional<CourseRole> TAKES = Optional.of(CourseRole.STUDENT);
    private static final Optional<CourseRole> OUTSIDER = Optional.empty();

    private static Account account(String name, Role... roles) {
        return new Account("sub-" + name, name, null, null, Set.of(roles));
    }

    private final Account student = account("student1", Role.STUDENT);
    private final Account instructor = account("instructor1", Role.INSTRUCTOR);
    private final Account admin = account("admin1", Role.ADMIN);

    @Test
    void onlyInstructorsAndAdministratorsCreateCourses() {
        assertFalse(CoursePolicy.mayCreateCourse(student));
        assertFalse(CoursePolicy.mayCreateCourse(account("nobody")));
        assertTrue(CoursePolicy.mayCreateCourse(instructor));
        assertTrue(CoursePolicy.mayCreateCourse(admin));
    }

    @Test
    void anOutsiderIsToldNothingExistsWhateverTheyAsk() {
        for (CourseAction action : CourseAction.values()) {
            assertEquals(CourseDecision.HIDDEN, CoursePolicy.decide(student, OUTSIDER, action), action.name());
            // An instructor of other courses is an outsider here too.
            assertEquals(CourseDecision.HIDDEN, CoursePolicy.decide(instructor, OUTSIDER, action), action.name());
        }
    }

    @Test
    void aStudentSeesTheCourseAndWorksOnItButDoesNotTeachIt() {
        assertEquals(CourseDecision.ALLOWED, CoursePolicy.decide(student, TAKES, CourseAction.VIEW));
        assertEquals(CourseDecision.ALLOWED, CoursePolicy.decide(student, TAKES, CourseAction.WORK_ON_ASSIGNMENTS));
        for (CourseAction action : Set.of(CourseAction.MANAGE_MEMBERS, CourseAction.PUBLISH, CourseAction.REVIEW,
                CourseAction.RESERVE_RUNTIMES)) {
            assertEquals(CourseDecision.FORBIDDEN, CoursePolicy.decide(student, TAKES, action), action.name());
        }
        // The realm role does not matter inside a course: an instructor who joined as a student is one.
        assertEquals(CourseDecision.FORBIDDEN, CoursePolicy.decide(instructor, TAKES, CourseAction.PUBLISH));
    }

    @Test
    void theCoursesInstructorTeachesButHasNoCopiesToSubmit() {
        for (CourseAction action : Set.of(CourseAction.VIEW, CourseAction.MANAGE_MEMBERS, CourseAction.PUBLISH,
                CourseAction.REVIEW, CourseAction.RESERVE_RUNTIMES)) {
            assertEquals(CourseDecision.ALLOWED, CoursePolicy.decide(instructor, TEACHES, action), action.name());
        }
        assertEquals(CourseDecision.FORBIDDEN,
                CoursePolicy.decide(instructor, TEACHES, CourseAction.WORK_ON_ASSIGNMENTS));
    }

    @Test
    void anAdministratorTeachesEveryCourseWithoutJoiningIt() {
        assertEquals(CourseDecision.ALLOWED, CoursePolicy.decide(admin, OUTSIDER, CourseAction.REVIEW));
        assertEquals(CourseDecision.ALLOWED, CoursePolicy.decide(admin, OUTSIDER, CourseAction.MANAGE_MEMBERS));
        assertEquals(CourseDecision.FORBIDDEN, CoursePolicy.decide(admin, OUTSIDER, CourseAction.WORK_ON_ASSIGNMENTS));
    }

    @Test
    void aSubmissionIsReadByThoseWhoTeachAndByItsStudentOnly() {
        assertEquals(CourseDecision.ALLOWED, CoursePolicy.mayRead(student, TAKES, "student1"));
        assertEquals(CourseDecision.HIDDEN, CoursePolicy.mayRead(student, TAKES, "student2"));
        assertEquals(CourseDecision.ALLOWED, CoursePolicy.mayRead(instructor, TEACHES, "student2"));
        assertEquals(CourseDecision.ALLOWED, CoursePolicy.mayRead(admin, OUTSIDER, "student2"));
        // Removed from the course: even their own submissions are out of reach.
        assertEquals(CourseDecision.HIDDEN, CoursePolicy.mayRead(student, OUTSIDER, "student1"));
    }

    @Test
    void rolesHaveLowerCaseStoredNames() {
        assertEquals("instructor", CourseRole.INSTRUCTOR.wireName());
        assertEquals(CourseRole.STUDENT, CourseRole.fromWireName("student"));
    }
}
